"""Stage 1, load: find the content files and read them into leaflets; cut them into parts.

Modules: `load` (content files, their schema and body), `frontmatter` (YAML with line
numbers), `parts` (the one parts splitter and its fingerprints), `terminology` (glossaries
and the do-not-translate list), `ui_strings` (the interface's words and their catalogs).
"""
