"""Stage 5, render PDF: lay each distinct page out once with WeasyPrint and write every edition from it.

Modules: `layouts` (which page each output is laid out from), `pool` (warm worker processes),
`render` (layout and writing), `page_marks` (bleed and marks on a laid-out page), `impose`
(the booklet), `tagging` (tagged-PDF finishing), `fonts` (the theme's fonts only),
`sandbox` and `fetcher` (the only files WeasyPrint may read).
"""
