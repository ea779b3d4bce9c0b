"""The tagged PDF's finishing touches: header-cell scope, PDF/UA beside PDF/A and PDF/X, QR code alt text."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pikepdf
import pytest

from conftest import TEMPLATES
from leafpress.pdf.fonts import use_only_fonts_in
from leafpress.pdf.tagging import finisher

SLUG = "subchondral-sclerosis"
TABLE = """<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><h1>T</h1><table>
<thead><tr><th scope="col">Stage</th><th scope="col">Goal</th></tr></thead>
<tbody><tr><th scope="row">One</th><td>Calm</td></tr><tr><th scope="row">Two</th><td>Move</td></tr></tbody>
</table></body></html>"""


def elements(pdf: pikepdf.Pdf, structure_type: str) -> list[pikepdf.Dictionary]:
    found = []

    def walk(node):
        if not isinstance(node, pikepdf.Dictionary):
            return
        if node.get("/S") == structure_type:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def scopes(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """(row group, scope) of every header cell, in document order."""
    return [(str(th.P.P.S), str(th.A.get("/Scope"))) for th in elements(pdf, "/TH")]


def render(html: str, variant: str, **options) -> pikepdf.Pdf:
    use_only_fonts_in(TEMPLATES / "assets" / "fonts")
    from weasyprint import HTML

    data = HTML(string=html).write_pdf(pdf_variant=variant, pdf_tags=True, **options)
    return pikepdf.open(io.BytesIO(data))


def test_header_cells_get_the_scope_of_their_row_group():
    assert {scope for _, scope in scopes(render(TABLE, "pdf/ua-1"))} == {"None"}  # WeasyPrint alone: none
    scoped = scopes(render(TABLE, "pdf/ua-1", finisher=finisher("pdf/ua-1")))
    assert scoped == [("/THead", "/Column"), ("/THead", "/Column"), ("/TBody", "/Row"), ("/TBody", "/Row")]


def test_a_header_row_outside_thead_is_a_column_header_row():
    html = TABLE.replace("<thead>", "").replace("</thead>", "").replace("<tbody>", "").replace("</tbody>", "")
    pdf = render(html, "pdf/ua-1", finisher=finisher("pdf/ua-1"))
    assert [str(th.A.Scope) for th in elements(pdf, "/TH")] == ["/Column", "/Column", "/Row", "/Row"]


def xmp(pdf: pikepdf.Pdf) -> ET.Element:
    return ET.fromstring(pdf.Root.Metadata.read_bytes().split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])


PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"
EXTENSION = "{http://www.aiim.org/pdfa/ns/schema#}namespaceURI"


@pytest.mark.parametrize("edition, variant, extension_schema", [
    ("pdf", "pdf/ua-1", False), ("archive.pdf", "pdf/a-3a", True), ("press.pdf", "pdf/x-3", False)])
def test_every_tagged_edition_declares_pdf_ua_1(built_project, edition, variant, extension_schema):
    pdf = pikepdf.open(built_project.path(f"output/en/{SLUG}.{edition}".replace(".pdf.", ".")))
    root = xmp(pdf)  # still well-formed XML after our addition
    parts = [element.text or element.get(PDFUAID) for element in root.iter()
             if element.tag == PDFUAID or PDFUAID in element.attrib]
    assert parts == ["1"]
    # PDF/A admits a schema that is not predefined only with its description (ISO 19005-3, 6.6.2.3).
    described = [element.text for element in root.iter(EXTENSION)]
    assert described == (["http://www.aiim.org/pdfua/ns/id/"] if extension_schema else [])


def test_the_real_stage_table_headers_are_scoped(built_project):
    for edition in ("pdf", "a5.pdf", "large-print.pdf", "press.pdf", "archive.pdf"):
        pdf = pikepdf.open(built_project.path(f"output/ru/{SLUG}.{edition}"))
        found = scopes(pdf)
        # A table broken over pages (issue #21) repeats its header row: every copy is scoped the same way.
        assert found and all(scope == ("/Column" if group == "/THead" else "/Row") for group, scope in found), edition
        assert [group for group, _ in found].count("/THead") % 3 == 0, edition
        assert [group for group, _ in found].count("/TBody") >= 2, edition  # each stage's name heads its row


@pytest.mark.parametrize("lang, words", [
    ("en", "QR code: opens this leaflet online at"), ("ru", "QR-код: открывает эту памятку в интернете по адресу"),
    ("es", "Código QR: abre este folleto en internet en"), ("ar", "رمز QR: يفتح هذه النشرة على الإنترنت على العنوان")])
def test_the_qr_code_is_a_figure_with_alt_text_in_the_readers_language(built_project, lang, words):
    url = f"https://leaflets.riverside-spine.example/{lang}/{SLUG}.html"
    pdf = pikepdf.open(built_project.path(f"output/{lang}/{SLUG}.pdf"))
    figures = elements(pdf, "/Figure")
    assert [str(figure.Alt) for figure in figures] == [f"{words} {url}"]
    # It is on the last page, where the QR code is printed.
    assert figures[0].Pg.objgen == pdf.pages[-1].objgen
