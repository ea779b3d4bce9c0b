"""Every print edition, opened with PDF libraries: page boxes, type sizes, imposition, tags, marks, QR."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
import tinyhtml5
from pypdf import PdfReader

from conftest import copy_site

MM = 72 / 25.4
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
ALL = '["a4", "a5", "large-print", "booklet", "press", "archive"]'
BASE_URL = "https://leaflets.test-clinic.example/"
FILES = {"a4": "sample.pdf", "a5": "sample.a5.pdf", "large-print": "sample.large-print.pdf",
         "booklet": "sample.booklet.pdf", "press": "sample.press.pdf", "archive": "sample.archive.pdf"}


def with_editions(site, extra: str = ""):
    config = site.read("site.toml")
    site.write("site.toml", config + f'\n[editions]\nbuild = {ALL}\n{extra}\n[online]\nbase_url = "{BASE_URL}"\n'
                                     "qr_code = true\n")
    return site


@pytest.fixture(scope="session")
def editions_site(tmp_path_factory):
    """Every edition of the basic site, its English approved (the Russian stays a draft)."""
    site = with_editions(copy_site("basic", tmp_path_factory.mktemp("editions") / "basic"))
    assert site.run("approve", "sample", "--by", "Dr A. Patel, consultant", "--date", "2026-01-10") == 0
    assert site.run("build", "--today", "2026-06-01") == 0
    return site


def reader(site, lang, edition) -> PdfReader:
    return PdfReader(io.BytesIO(site.path(f"output/{lang}/{FILES[edition]}").read_bytes()))


def size(page) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def test_a4_and_a5_page_boxes(editions_site):
    for edition, expected in [("a4", A4), ("a5", A5), ("large-print", A4), ("archive", A4)]:
        for page in reader(editions_site, "en", edition).pages:
            assert size(page) == pytest.approx(expected, abs=0.01), edition


def test_press_edition_has_bleed_and_marks(editions_site):
    pdf = reader(editions_site, "en", "press")
    bleed = 3 * MM
    for page in pdf.pages:
        trim = [float(v) for v in page.trimbox]
        assert trim == pytest.approx([0, 0, *A4], abs=0.01)
        expected = [-bleed, -bleed, A4[0] + bleed, A4[1] + bleed]
        assert [float(v) for v in page.bleedbox] == pytest.approx(expected, abs=0.01)
        # The marks need room outside the bleed: 9 mm on every side (tests/test_press.py checks where they are).
        assert [float(v) for v in page.mediabox] == pytest.approx(
            [expected[0] - 9 * MM, expected[1] - 9 * MM, expected[2] + 9 * MM, expected[3] + 9 * MM], abs=0.01)
    assert pdf.metadata["/GTS_PDFXVersion"] == "PDF/X-3:2003"
    intent = pdf.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "CGATS TR 001"
    with pdfplumber.open(editions_site.path("output/en/sample.press.pdf")) as plumber:
        page = plumber.pages[0]
        trim_left = float(page.trimbox[0])
        # Crop marks: short lines left of the trim, beyond the 3 mm bleed.
        assert any(line["x1"] < trim_left - bleed for line in page.lines)


def test_large_print_text_is_never_smaller_than_16pt(editions_site):
    for lang in ("en", "ru"):
        with pdfplumber.open(editions_site.path(f"output/{lang}/sample.large-print.pdf")) as pdf:
            sizes = [round(char["size"], 2) for page in pdf.pages for char in page.chars]
        assert min(sizes) >= 16, lang


def test_large_print_uses_no_italics_and_the_a4_does(editions_site):
    def fonts(edition):
        with pdfplumber.open(editions_site.path(f"output/en/{FILES[edition]}")) as pdf:
            return {char["fontname"] for page in pdf.pages for char in page.chars}

    assert any("Italic" in name for name in fonts("a4"))
    assert not any("Italic" in name for name in fonts("large-print"))


def test_large_print_size_is_configurable(basic):
    with_editions(basic, "large_print_size = 18")
    assert basic.run("build", "--lang", "en") == 0
    with pdfplumber.open(basic.path("output/en/sample.large-print.pdf")) as pdf:
        assert min(round(c["size"], 2) for p in pdf.pages for c in p.chars) >= 18


def test_booklet_sheets_are_a4_landscape_holding_the_a5_pages(editions_site):
    a5_pages = len(reader(editions_site, "en", "a5").pages)
    booklet = reader(editions_site, "en", "booklet")
    sheets = -(-a5_pages // 4)
    assert len(booklet.pages) == 2 * sheets  # two printed sides per sheet
    for page in booklet.pages:
        assert size(page) == pytest.approx((A4[1], A4[0]), abs=0.01)  # A4 landscape


@pytest.mark.parametrize("lang, mark", [("ru", "Черновик – не для выдачи пациентам")])
def test_draft_mark_on_every_page_of_every_edition(editions_site, lang, mark):
    for edition in FILES:
        for number, page in enumerate(reader(editions_site, lang, edition).pages):
            text = re.sub(r"\s+", " ", page.extract_text())
            if edition == "booklet" and not text.strip():
                continue  # a blank padding side
            assert mark.upper() in text.upper(), (edition, number)


def test_no_draft_mark_on_approved_leaflets(editions_site):
    for edition in FILES:
        text = " ".join(page.extract_text() for page in reader(editions_site, "en", edition).pages)
        assert "DRAFT" not in text.upper(), edition
    html = tinyhtml5.parse(editions_site.read("output/en/sample.html"), namespace_html_elements=False)
    assert html.find(".//p[@class='status-mark']") is None


def structure_types(pdf: PdfReader) -> set[str]:
    found = set()

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("edition", ["a4", "a5", "large-print", "press", "archive"])
def test_editions_are_tagged_pdf(editions_site, edition):
    for lang in ("en", "ru"):
        pdf = reader(editions_site, lang, edition)
        root = pdf.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert root["/Lang"] == lang
        assert pdf.metadata.title.startswith(("Sample leaflet", "Пробная памятка"))
        types = structure_types(pdf)
        assert {"/Document", "/H1", "/H2", "/L", "/LI", "/Table", "/THead", "/TR", "/TH", "/TD"} <= types


def test_archive_edition_declares_pdf_a(editions_site):
    data = editions_site.path("output/en/sample.archive.pdf").read_bytes()
    pdf = PdfReader(io.BytesIO(data))
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp


def test_booklet_keeps_title_and_language(editions_site):
    pdf = reader(editions_site, "ru", "booklet")
    assert pdf.trailer["/Root"]["/Lang"] == "ru"
    assert pdf.metadata.title == "Пробная памятка – Test Clinic"


def test_qr_code_links_to_the_online_page(editions_site):
    zxingcpp = pytest.importorskip("zxingcpp")
    import pypdfium2

    for lang in ("en", "ru"):
        document = pypdfium2.PdfDocument(str(editions_site.path(f"output/{lang}/sample.pdf")))
        found = [[r.text for r in zxingcpp.read_barcodes(page.render(scale=3).to_pil())] for page in document]
        assert found[-1] == [f"{BASE_URL}{lang}/sample.html"]  # on the last page
        assert not any(found[:-1])


def test_no_qr_code_without_the_setting(built_basic):
    assert "<svg" not in built_basic.read("output/en/sample.html")


def test_catalogue_lists_every_edition(editions_site):
    index = tinyhtml5.parse(editions_site.read("output/index.html"), namespace_html_elements=False)
    links = [a.get("href") for a in index.findall(".//tbody//a")]
    for lang in ("en", "ru"):
        for name in FILES.values():
            assert f"{lang}/{name}" in links
            assert editions_site.path(f"output/{lang}/{name}").is_file()


def test_review_due_soon_is_a_warning_even_under_strict(built_copy, capsys):
    assert built_copy.run("check", "--strict", "--today", "2026-12-01") == 0
    err = capsys.readouterr().err
    assert "content/en/sample.md:8: warning: review due in 45 days (2027-01-15)" in err


def test_review_overdue_is_an_error_under_strict_and_printed(built_copy, capsys):
    assert built_copy.run("check", "--strict", "--today", "2027-02-01") == 1
    assert ("content/en/sample.md:8: review overdue since 2027-01-15: the PDF says 'Review overdue' on every "
            "page (an error under --strict)") in capsys.readouterr().err
    assert built_copy.run("build", "--today", "2027-02-01") == 0
    pdf = PdfReader(str(built_copy.path("output/ru/sample.pdf")))
    for page in pdf.pages:
        text = page.extract_text().upper()
        assert "СРОК ПЕРЕСМОТРА ИСТЁК" in text and "ЧЕРНОВИК" not in text
    index = built_copy.read("output/index.html")
    assert "Review overdue" in index


@pytest.mark.parametrize("config, message", [
    ('[editions]\nbuild = ["a4", "a3"]\n', "site.toml:16: unknown edition 'a3'; editions are a4, a5, large-print, "
                                           "booklet, press, archive, braille, braille-text, audio, transcript"),
    ("[editions]\nlarge_print_size = 14\n", "site.toml:16: large_print_size must be between 16 and 18 points "
                                            "(RNIB Clear Print), not 14"),
    ("[online]\nqr_code = true\n", "site.toml:16: qr_code = true needs base_url: the address the QR code "
                                   "points to"),
])
def test_edition_configuration_errors(built_copy, capsys, config, message):
    built_copy.write("site.toml", built_copy.read("site.toml") + "\n" + config)
    before = built_copy.snapshot()
    assert built_copy.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == message
    assert built_copy.snapshot() == before


def test_unknown_edition_in_front_matter(built_copy, capsys):
    built_copy.replace("content/en/sample.md", "owner: Test Service", "owner: Test Service\neditions: [a4, poster]")
    before = built_copy.snapshot()
    assert built_copy.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/en/sample.md:10: 'editions' must be one of a4, a5, large-print, booklet, press, archive, "
        "braille, braille-text, audio, transcript, not 'poster'")
    assert built_copy.snapshot() == before


def test_a_leaflet_can_choose_its_editions(basic):
    with_editions(basic)
    basic.replace("content/en/sample.md", "owner: Test Service", "owner: Test Service\neditions: [a4, a5]")
    assert basic.run("build", "--lang", "en") == 0
    assert sorted(p.name for p in basic.path("output/en").glob("*.pdf")) == ["sample.a5.pdf", "sample.pdf"]


LETTER = """
[editions]
build = ["a4", "letter"]

[editions.letter]
label = "US Letter PDF"
size = "letter"
margin = "0.75in 0.75in 1in"
print_button = "Print Letter"
"""


@pytest.fixture(scope="session")
def letter_site(tmp_path_factory):
    """The basic site with a US Letter edition declared in site.toml alone: no Python, no template."""
    site = copy_site("basic", tmp_path_factory.mktemp("letter") / "basic")
    site.write("site.toml", site.read("site.toml") + LETTER)
    assert site.run("build", "--strict") == 0
    return site


def test_a_declared_edition_gets_its_own_pdfs_with_its_page_size(letter_site):
    for lang in ("en", "ru"):
        pdf = PdfReader(str(letter_site.path(f"output/{lang}/sample.letter.pdf")))
        assert {size(page) for page in pdf.pages} == {(612.0, 792.0)}  # 8.5 x 11 in
        with pdfplumber.open(letter_site.path(f"output/{lang}/sample.letter.pdf")) as document:
            words = document.pages[0].extract_words()
        assert min(word["x0"] for word in words) == pytest.approx(0.75 * 72, abs=1)  # the declared margin
        a4 = PdfReader(str(letter_site.path(f"output/{lang}/sample.pdf")))
        assert {tuple(round(side, 2) for side in size(page)) for page in a4.pages} == {A4}


def test_a_declared_edition_has_catalogue_links_a_print_button_and_a_manifest_entry(letter_site):
    index = tinyhtml5.parse(letter_site.read("output/index.html"), namespace_html_elements=False)
    buttons = {(a.get("href"), "".join(a.itertext()).split(" (")[0]) for a in index.findall(".//a[@class='print']")}
    assert buttons == {("en/sample.pdf", "Print A4"), ("en/sample.letter.pdf", "Print Letter"),
                       ("ru/sample.pdf", "Print A4"), ("ru/sample.letter.pdf", "Print Letter")}
    manifest = {entry["path"]: entry for entry in __import__("json").loads(letter_site.read("output/manifest.json"))
                ["outputs"]}
    assert manifest["en/sample.letter.pdf"]["edition"] == "letter"
    assert manifest["ru/sample.letter.pdf"]["pages"] >= 1


def test_a_declared_edition_without_a_button_is_a_link_with_its_label(basic):
    basic.write("site.toml", basic.read("site.toml") + LETTER.replace('print_button = "Print Letter"\n', ""))
    assert basic.run("build", "--lang", "en") == 0
    index = tinyhtml5.parse(basic.read("output/index.html"), namespace_html_elements=False)
    links = {a.get("href"): "".join(a.itertext()).split(" (")[0] for a in index.findall(".//tbody//a")}
    assert links["en/sample.letter.pdf"] == "US Letter PDF"


@pytest.mark.parametrize("declaration, message", [
    ('[editions.letter]\nlabel = "L"\n', "site.toml:15: [editions.letter] is missing required key 'size'"),
    ('[editions.letter]\nlabel = "L"\nsize = "letterr"\n',
     "site.toml:17: size 'letterr' is not a CSS page size: use one of a5, a4, a3, b5, b4, jis-b5, jis-b4, letter, "
     "legal, ledger (optionally with 'landscape'), or a width and height such as '8.5in 11in'"),
    ('[editions.letter]\nlabel = "L"\nsize = "letter"\nmargin = "wide"\n',
     "site.toml:18: margin 'wide' is not one to four CSS lengths, like '18mm' or '0.75in 0.75in 1in'"),
    ('[editions.a5]\nlabel = "L"\nsize = "A5"\n',
     "site.toml:15: [editions.a5]: 'a5' is a built-in edition; choose another name"),
    ('[editions.letter]\nlabel = "L"\nsize = "letter"\npaper = "thin"\n',
     "site.toml:18: unknown key 'paper' in [editions.letter]; keys must be one of ['label', 'margin', "
     "'print_button', 'size', 'stylesheet']"),
])
def test_edition_declaration_errors(basic, capsys, declaration, message):
    basic.write("site.toml", basic.read("site.toml") + "\n" + declaration)
    assert basic.run("check") == 1
    assert capsys.readouterr().err.splitlines()[0] == message
