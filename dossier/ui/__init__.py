"""The desktop viewer: widgets that display a dossier and forward what the reader asks.

Nothing here decides what a dossier means; the content comes from ``dossier.core``
(``dossier.core.html`` renders it), and these modules only show it.
"""
