"""Approval that means something: records, a text that may not change unseen, versions that grow."""

from __future__ import annotations

import io

import pytest
import tinyhtml5
import yaml
from pypdf import PdfReader

from test_bad_input import fails_cleanly

EN, RU = "content/en/sample.md", "content/ru/sample.md"
BY = "Dr A. Patel, consultant"


def approve(site, *extra: str) -> int:
    return site.run("approve", "sample", "--by", BY, "--date", "2026-01-10", *extra)


def front_matter(site, path: str) -> dict:
    return yaml.safe_load(site.read(path).split("---")[1])


def test_approve_records_who_when_and_what(built_copy, capsys):
    assert approve(built_copy, "--summary", "First edition") == 0
    assert f"leafpress: sample (en) approved by {BY}" in capsys.readouterr().out
    data = front_matter(built_copy, EN)
    assert (data["status"], data["approved_by"], str(data["approved_on"])) == ("approved", BY, "2026-01-10")
    assert set(data["approved_text"]) == {"title", "stages", "intro", "what-is-it", "treatment"}
    assert data["history"] == [{"version": "2.10", "date": data["approved_on"], "approved_by": BY,
                                "summary": "First edition"}]
    assert built_copy.run("check", "--strict") == 0


def test_an_edit_after_approval_fails_check_naming_the_section_and_the_fix(built_copy, capsys):
    assert approve(built_copy) == 0
    built_copy.replace(EN, "Some text about it.", "Some changed text about it.")
    built_copy.run("mark-translated", "ru")
    fails_cleanly(built_copy, capsys, f"{EN}:25: the text changed in what-is-it since {BY} approved it on "
                                      "2026-01-10: write 'status: draft' and raise 'version' (now 2.10) while it "
                                      "changes, then have it approved again ('leafpress approve sample --by ...')")


def test_a_changed_text_is_approved_again_only_with_a_higher_version(built_copy, capsys):
    assert approve(built_copy) == 0
    built_copy.replace(EN, "Some text about it.", "Some changed text about it.")
    built_copy.run("mark-translated", "ru")
    before = built_copy.read(EN)
    capsys.readouterr()
    assert approve(built_copy) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{EN}:5: the text changed since version 2.10 was approved: raise 'version' above 2.10 before approving it")
    assert built_copy.read(EN) == before
    built_copy.replace(EN, 'version: "2.10"', 'version: "2.11"')
    assert approve(built_copy, "--summary", "Clearer wording") == 0
    assert built_copy.run("check", "--strict") == 0
    assert [entry["version"] for entry in front_matter(built_copy, EN)["history"]] == ["2.10", "2.11"]


def test_approved_typed_by_hand_without_a_record_is_an_error(built_copy, capsys):
    built_copy.replace(EN, "status: draft", "status: approved")
    fails_cleanly(built_copy, capsys, f"{EN}:6: 'status: approved' needs an approval record (approved_by, "
                                      "approved_on, approved_text missing): an approver runs 'leafpress approve "
                                      "sample --by \"Name, role\"'; until then write 'status: draft'")


def test_approve_refuses_a_text_with_warnings_under_strict(built_copy, capsys):
    built_copy.replace(EN, "      - Baclofen", "      - B\u0430clofen")  # a Cyrillic 'а'
    before = built_copy.read(EN)
    capsys.readouterr()
    assert approve(built_copy) == 1
    assert "(approval needs a text with no warnings under --strict)" in capsys.readouterr().err
    assert built_copy.read(EN) == before


def test_a_translation_is_approved_after_its_source_and_awaits_approval_until_then(built_copy, capsys):
    capsys.readouterr()
    assert approve(built_copy, "--lang", "ru") == 1
    assert "approve the source first" in capsys.readouterr().err
    assert approve(built_copy) == 0
    assert built_copy.run("build") == 0
    index = tinyhtml5.parse(built_copy.read("output/index.html"), namespace_html_elements=False)
    assert [span.text for span in index.iter("span") if span.get("class") == "awaiting"] == ["Awaiting approval"]
    page = tinyhtml5.parse(built_copy.read("output/ru/sample.html"), namespace_html_elements=False)
    assert page.find(".//p[@class='approval-note']") is not None
    assert page.find(".//p[@class='status-mark']") is not None  # the draft mark stays
    assert approve(built_copy, "--lang", "ru") == 0
    assert built_copy.run("build") == 0
    page = tinyhtml5.parse(built_copy.read("output/ru/sample.html"), namespace_html_elements=False)
    assert page.find(".//p[@class='status-mark']") is None and page.find(".//p[@class='approval-note']") is None


@pytest.mark.parametrize("lang, words", [("en", f"Approved by {BY} on January 10, 2026"),
                                          ("ru", f"Утвердил(а) {BY}, 10 января 2026 г.")])
def test_the_last_page_says_who_approved_it_and_when(built_copy, lang, words):
    assert approve(built_copy) == 0
    assert approve(built_copy, "--lang", "ru") == 0
    assert built_copy.run("build") == 0
    pdf = PdfReader(io.BytesIO(built_copy.path(f"output/{lang}/sample.pdf").read_bytes()))
    last = " ".join(pdf.pages[-1].extract_text().split())
    assert words in last
    assert all(words not in " ".join(page.extract_text().split()) for page in pdf.pages[:-1])


def test_review_pack_marks_exactly_the_edited_words_in_html_and_pdf(built_copy, tmp_path, capsys):
    assert approve(built_copy, "--summary", "First edition") == 0
    built_copy.replace(EN, "Some text about it.", "Some new text about it.")
    built_copy.replace(EN, "      - Baclofen", "      - Tizanidine")
    pack = tmp_path / "pack"
    capsys.readouterr()
    assert built_copy.run("review", "sample", "-o", str(pack)) == 0
    assert capsys.readouterr().out.split() == [str(pack / "sample.review.html"), str(pack / "sample.review.pdf")]
    html = tinyhtml5.parse((pack / "sample.review.html").read_text(encoding="utf-8"), namespace_html_elements=False)
    marks = [(element.tag, element.text) for element in html.iter() if element.tag in ("del", "ins")]
    assert marks[2:] == [("del", "Baclofen"), ("ins", "Tizanidine"), ("ins", "new")]  # after the legend's two
    pdf = PdfReader(io.BytesIO((pack / "sample.review.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Changes since version 2.10, approved by Dr A. Patel, consultant" in text
    assert "Some new text about it." in text and "Flesch" in text and "Signature" in text


@pytest.mark.parametrize("where, message", [
    ("output/en", "output/en is inside the published output folder: a review pack is for the approver; choose "
                  "another folder"),
    ("content/ru", "content/ru is inside the content folder (the next build would publish it): a review pack is "
                   "for the approver; choose another folder"),
    ("site.toml", "site.toml is a file, not a folder"),
])
def test_review_pack_is_never_written_where_it_would_be_published_or_over_a_file(built_copy, capsys, monkeypatch,
                                                                               where, message):
    monkeypatch.chdir(built_copy.root)
    before = built_copy.snapshot()
    capsys.readouterr()
    assert built_copy.run("review", "sample", "-o", str(built_copy.root / where)) == 2
    assert capsys.readouterr().err.strip() == f"leafpress review: error: argument -o: {message}"
    assert built_copy.snapshot() == before


def test_the_history_is_on_the_page_and_in_the_catalogue(built_copy):
    assert approve(built_copy, "--summary", "First edition") == 0
    assert built_copy.run("build") == 0
    page = tinyhtml5.parse(built_copy.read("output/ru/sample.html"), namespace_html_elements=False)
    history = page.find(".//section[@class='history']")
    assert " ".join("".join(history.find("ol/li").itertext()).split()) == (
        f"Версия 2.10, 10 января 2026 г., утвердил(а) {BY}: First edition")
    index = built_copy.read("output/index.html")
    assert (f'Version 2.10, January 10, 2026, approved by {BY} <span class="unsigned">(unsigned)</span>: First '
            "edition") in index
