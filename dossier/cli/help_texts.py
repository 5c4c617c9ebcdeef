"""What ``dossier --help`` and each command's ``--help`` say: descriptions and examples.

Kept apart from the parser so its code reads as code; argparse prints these as they
are written (RawDescriptionHelpFormatter).
"""

DESCRIPTION = """\
Read, search and print structured bilateral-relations dossiers.

Without a command, dossier opens the viewer on the bundled dossier, as
"dossier view" does."""

EPILOG = """\
examples:
  dossier                          open the viewer on the bundled dossier
  dossier view ~/dossiers/         open every dossier in a folder
  dossier validate my.yaml         check a dossier before you share it
  dossier search "grain Kuryk"     search the bundled dossier

exit status: 0 success; 1 a failure you can act on, told in one line;
2 a usage error. Set DOSSIER_DEBUG=1 to see a traceback for an unexpected
error. "dossier COMMAND --help" shows a command's options and examples."""

VIEW = """\
Open the viewer on a dossier file, on every dossier in a folder, or without
PATH on the bundled dossier. The viewer needs a display; "dossier export" and
"dossier screenshot" work without one."""

VIEW_EXAMPLES = """\
examples:
  dossier view                     the bundled dossier
  dossier view kazakhstan.yaml     one dossier
  dossier view ~/dossiers/         every dossier in a folder"""

VALIDATE = """\
Check dossier files: their keys, types and dates, and that every cited
passage is in its source. Prints one line per valid file with what it holds,
and one line per problem as PATH:LINE:COL: message. Exits 1 if any file has a
problem; the other files are still checked."""

VALIDATE_EXAMPLES = """\
examples:
  dossier validate kazakhstan.yaml
  dossier validate ~/dossiers/*.yaml"""

SEARCH = """\
Search the bundled dossier, a dossier file, or every dossier in a folder, and
print the best results first, matched words in [brackets] (in bold on a
terminal unless NO_COLOR is set). Words match in any order; "quoted words"
match as a phrase; section:ID keeps one section's results. Exits 0 with or
without results, 1 when the query has no letter or digit to search for (or is
a section:ID alone); invalid dossiers in a folder are skipped with a warning.

The index is cached, private to you, in $XDG_CACHE_HOME/dossier/search (or
~/.cache/dossier/search, or DOSSIER_CACHE_DIR/search); "dossier search
--forget" deletes it. A first search of a large folder shows its progress on a
terminal; Ctrl+C stops it and keeps what was indexed."""

SEARCH_EXAMPLES = """\
examples:
  dossier search Kuryk
  dossier search '"Caspian Sea"' --limit 5 --notes
  dossier search 'section:energy oil' --dossier ~/dossiers/ --json"""

EXPORT = """\
Write the briefing of a dossier: the full briefing (cover, contents, the
sections with their citations, on request the source text), a read-ahead of at
most two pages, or talking points on one. PDF, ODT, DOCX, Markdown or HTML,
chosen by the output's suffix. With a folder of dossiers, one briefing each
into a folder.
Works without a display."""

EXPORT_EXAMPLES = """\
examples:
  dossier export --sections energy,trade --classification Internal -o b.pdf
  dossier export --template brief --points-from tag:raise -o b.docx
  dossier export --dossier ~/dossiers/ --template points --draft -o out/"""

SCREENSHOT = """\
Render the viewer window offscreen on one tab and save it as a PNG, for
documentation and review. Works without a display."""

SCREENSHOT_EXAMPLES = """\
examples:
  dossier screenshot -o overview.png
  dossier screenshot --tab energy --size 900x640 -o energy.png
  dossier screenshot --dossier ~/dossiers/ --tab source -o source.png"""

NOTES = """\
List, share and merge your highlights, notes and bookmarks. They live in one
private database outside every dossier (notes.sqlite3 in the app's data
folder; DOSSIER_DATA_DIR names another folder), keyed by the dossier's id.
A database that is locked, damaged or from a newer version is reported in one
line and left untouched."""

NOTES_EXAMPLES = """\
examples:
  dossier notes list --json
  dossier notes export -o my-notes.json
  dossier notes import colleague-notes.json"""

NOTES_LIST = """\
Print the notes of a dossier in reading order, one line each: the place, the
kind, the colour, the tags and the text. Notes are placed on the dossier as it
is now; those it no longer holds are listed as orphans, never dropped."""

NOTES_LIST_EXAMPLES = """\
examples:
  dossier notes list
  dossier notes list --dossier baku.yaml --json"""

NOTES_EXPORT = """\
Write the notes of a dossier to a file to share: JSON in the W3C Web
Annotation data model (format briefing-dossier-notes/1, see the README), or
Markdown for an email. The file is private (mode 0600) and replaced whole."""

NOTES_EXPORT_EXAMPLES = """\
examples:
  dossier notes export -o my-notes.json
  dossier notes export --dossier baku.yaml -o notes.md"""

NOTES_IMPORT = """\
Merge another analyst's notes (a file "dossier notes export" wrote, or W3C Web
Annotation JSON from another tool) into yours: a note already present is
replaced only by a newer copy, and keeps its author. A file with any problem
is refused in one line, and nothing of it is imported."""

NOTES_IMPORT_EXAMPLES = """\
examples:
  dossier notes import colleague-notes.json
  dossier notes import --dossier baku.yaml notes.json"""
