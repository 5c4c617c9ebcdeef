"""The printed briefing: pagination, page furniture, PDF, print preview and printing."""

from dossier.export._none_guard import guard_none_refcount

guard_none_refcount()
