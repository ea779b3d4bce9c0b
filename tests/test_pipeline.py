"""End to end: build the sample site and the real content, then open the PDFs and parse the HTML."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

A4 = (595.28, 841.89)


def pdf(site, relative: str) -> PdfReader:
    return PdfReader(io.BytesIO(site.path(f"output/{relative}").read_bytes()))


def text_of(reader: PdfReader) -> str:
    # Collapse whitespace: extraction breaks lines where the layout wrapped them.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def fonts_of(reader: PdfReader) -> list[dict]:
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                found.append(descendant.get_object())
    return found


def test_outputs_exist_for_every_language(built_basic):
    for lang in ("en", "ru"):
        for suffix in ("html", "pdf"):
            assert built_basic.path(f"output/{lang}/sample.{suffix}").stat().st_size > 0
    assert built_basic.path("output/index.html").exists()
    assert built_basic.path("output/assets/leaflet.css").exists()
    assert built_basic.path("output/assets/fonts/NotoSans-Regular.ttf").exists()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pages_are_a4(built_basic, lang):
    for page in pdf(built_basic, f"{lang}/sample.pdf").pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.01)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_font_is_bundled_embedded_and_subset(built_basic, lang):
    fonts = fonts_of(pdf(built_basic, f"{lang}/sample.pdf"))
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
        assert re.fullmatch(r"/[A-Z]{6}\+Noto-Sans.*", name), name


@pytest.mark.parametrize("lang, words", [
    ("en", ["Stage one", "Relieve pain", "Painkillers", "Rest", "Stage two", "Restore movement",
            "Exercise", "Baclofen", "Treatment stages"]),
    ("ru", ["Первый этап", "Снять боль", "Обезболивающие", "Покой", "Второй этап",
            "Вернуть подвижность", "Упражнения", "Баклофен", "Этапы лечения"]),
])
def test_both_stages_and_their_treatments_are_printed(built_basic, lang, words):
    text = text_of(pdf(built_basic, f"{lang}/sample.pdf"))
    for word in words:
        assert word in text


@pytest.mark.parametrize("lang, footer", [
    # The footer's date is the short one, so that the footer fits on one line in every edition (#21).
    ("en", ["TST-001 · version 2.10 · review by Jan 15, 2027", "Page 1 of "]),
    ("ru", ["TST-001 · версия 2.10 · пересмотр до 15 янв. 2027 г.", "Страница 1 из "]),
])
def test_running_footer_is_translated(built_basic, lang, footer):
    text = text_of(pdf(built_basic, f"{lang}/sample.pdf"))
    for piece in footer:
        assert piece in text


@pytest.mark.parametrize("lang, title", [("en", "Sample leaflet"), ("ru", "Пробная памятка")])
def test_metadata_comes_from_the_content(built_basic, lang, title):
    reader = pdf(built_basic, f"{lang}/sample.pdf")
    meta = reader.metadata
    assert meta.title == f"{title} – Test Clinic"
    assert meta.author == "Test Clinic"
    assert meta["/CreationDate"] == "D:20260115"  # the publication date, not the clock
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert meta.subject in ("A small leaflet for the tests.", "Небольшая памятка для тестов.")


def test_the_image_is_drawn(built_basic):
    page = pdf(built_basic, "en/sample.pdf").pages[0]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())


def test_real_leaflet_builds_in_english_and_russian(built_project):
    en = pdf(built_project, "en/subchondral-sclerosis.pdf")
    ru = pdf(built_project, "ru/subchondral-sclerosis.pdf")
    assert 2 <= len(en.pages) <= 4
    assert 2 <= len(ru.pages) <= 5
    en_text, ru_text = text_of(en), text_of(ru)
    for word in ["Stage 1: ease pain and inflammation", "Stage 2: restore movement", "indomethacin",
                 "tolperisone (Mydocalm)", "Alflutop", "When to get medical help urgently"]:
        assert word in en_text
    for word in ["Этап 1: уменьшить боль и воспаление", "Этап 2: вернуть подвижность", "Мидокалм",
                 "Алфлутоп", "Когда срочно обращаться за помощью"]:
        assert word in ru_text
    assert "Riverside Spine and Joint Clinic" in en_text
    assert f"Page {len(en.pages)} of {len(en.pages)}" in en_text


def test_the_table_header_repeats_when_the_table_spans_pages(built_project):
    reader = pdf(built_project, "en/subchondral-sclerosis.pdf")
    pages_with_table = [page.extract_text() for page in reader.pages
                        if "Stage 1:" in page.extract_text() or "Stage 2:" in page.extract_text()]
    for text in pages_with_table:
        assert re.search(r"Stage\s+Goal\s+Treatments", text)


def test_second_build_changes_nothing(built_copy):
    before = built_copy.snapshot()
    assert built_copy.run("build") == 0
    assert built_copy.snapshot() == before


def test_narrowing_by_language_builds_only_that_language(basic):
    assert basic.run("build", "--lang", "ru") == 0
    assert basic.path("output/ru/sample.pdf").exists()
    assert not basic.path("output/en/sample.pdf").exists()


def test_a_leaflet_whose_source_is_deleted_is_removed_from_output(built_copy):
    built_copy.path("content/ru/sample.md").unlink()
    assert built_copy.run("build") == 0
    assert not built_copy.path("output/ru/sample.pdf").exists()
    assert built_copy.path("output/en/sample.pdf").exists()


def test_a_build_leaves_nothing_frozen_from_the_collector(basic):
    """Loading freezes what it made (collector_paused); a long-running preview needs build to thaw it, also
    when the build fails, or each old site's cycles would never be collected."""
    import gc

    from leafpress.config import load_config
    from leafpress.errors import ContentError
    from leafpress.pipeline import BuildOptions, build, load_site

    config = load_config(basic.config)
    load_site(config, BuildOptions(pdf=False))
    assert gc.get_freeze_count() > 0  # loading froze its objects
    gc.unfreeze()
    build(config, BuildOptions(pdf=False))
    assert gc.get_freeze_count() == 0
    basic.path("content/en/sample.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(config, BuildOptions(pdf=False))
    assert gc.get_freeze_count() == 0
