"""Right-to-left: Arabic pages are mirrored in HTML and PDF, with Latin names and numbers intact."""

from __future__ import annotations

import re

import pdfplumber
import tinyhtml5
from pypdf import PdfReader


def html(site, lang):
    return tinyhtml5.parse(site.read(f"output/{lang}/sample.html"), namespace_html_elements=False)


def test_arabic_page_is_rtl_and_others_ltr(built_multi):
    assert (html(built_multi, "ar").get("lang"), html(built_multi, "ar").get("dir")) == ("ar", "rtl")
    assert html(built_multi, "es").get("dir") == "ltr"


def test_hyphenation_only_where_patterns_exist(built_multi):
    assert html(built_multi, "en").get("class") == "hyphenate"
    assert html(built_multi, "es").get("class") == "hyphenate"
    assert html(built_multi, "ar").get("class") is None


def test_arabic_pdf_text_has_the_stages_and_the_latin_drug_name(built_multi):
    reader = PdfReader(str(built_multi.path("output/ar/sample.pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ["المرحلة الأولى", "المرحلة الثانية", "مسكنات الألم", "استعادة الحركة", "Baclofen", "مراحل العلاج"]:
        assert words in text
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def test_arabic_font_is_embedded(built_multi):
    reader = PdfReader(str(built_multi.path("output/ar/sample.pdf")))
    names = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any(re.fullmatch(r"/[A-Z]{6}\+Noto-Naskh-Arabic.*", n) for n in names), names
    assert any(re.fullmatch(r"/[A-Z]{6}\+Noto-Sans.*", n) for n in names), names  # the Latin drug name


def footer_words(site, lang):
    with pdfplumber.open(site.path(f"output/{lang}/sample.pdf")) as pdf:
        page = pdf.pages[0]
        return [(w["x0"], w["text"]) for w in page.extract_words() if w["top"] > page.height - 60], page.width


def test_running_footer_is_mirrored(built_multi):
    for lang, id_on_the_right in [("en", False), ("ar", True)]:
        words, width = footer_words(built_multi, lang)
        leaflet_id = next(x for x, text in words if text == "TST-001")
        assert (leaflet_id > width / 2) == id_on_the_right, lang


def test_table_columns_are_mirrored(built_multi):
    # The treatments column comes last in reading order: on the right in English, on the left in Arabic.
    for lang, on_the_left in [("en", False), ("ar", True)]:
        with pdfplumber.open(built_multi.path(f"output/{lang}/sample.pdf")) as pdf:
            page = next(p for p in pdf.pages if "Baclofen" in p.extract_text())
            x = next(w["x0"] for w in page.extract_words() if "Baclofen" in w["text"])
            assert (x < page.width / 2) == on_the_left, lang


def test_phone_number_and_address_read_in_order_on_an_arabic_page(built_project):
    """Source-language details are isolated: a reversed phone number would send patients nowhere."""
    with pdfplumber.open(built_project.path("output/ar/subchondral-sclerosis.pdf")) as pdf:
        words = pdf.pages[-1].extract_words()
    x = {w["text"].strip(","): w["x0"] for w in words}
    assert x["01632"] < x["960"] < x["123"]
    assert x["12"] < x["Mill"] < x["Lane"]
