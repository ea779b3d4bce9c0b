"""The braille edition: a page's reading order in contracted or uncontracted braille, as a BRF file."""
