"""The printed briefing: one paginated renderer for PDF export, print preview and printing."""
