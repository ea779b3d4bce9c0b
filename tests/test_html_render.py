"""The HTML pages, parsed: language, switcher, table structure, catalogue, escaping."""

from __future__ import annotations

import tinyhtml5

from leafpress.html.render import css_content, css_string


def parse(site, relative):
    return tinyhtml5.parse(site.read(f"output/{relative}"), namespace_html_elements=False)


def test_page_language_and_title(built_basic):
    for lang, title in [("en", "Sample leaflet"), ("ru", "Пробная памятка")]:
        root = parse(built_basic, f"{lang}/sample.html")
        assert root.get("lang") == lang and root.get("dir") == "ltr"
        assert root.find("head/title").text == f"{title} – Test Clinic"
        assert root.find("body//h1").text == title


def test_stage_table_is_a_real_table(built_basic):
    table = parse(built_basic, "en/sample.html").find(".//table[@class='stages']")
    assert [th.get("scope") for th in table.findall("thead/tr/th")] == ["col", "col", "col"]
    assert [th.text for th in table.findall("thead/tr/th")] == ["Stage", "Goal", "Treatments"]
    rows = table.findall("tbody/tr")
    assert [row.find("th").text for row in rows] == ["Stage one", "Stage two"]
    assert all(row.find("th").get("scope") == "row" for row in rows)
    assert [li.text for li in rows[1].findall("td/ul/li")] == ["Exercise", "Baclofen"]


def test_table_sits_where_the_marker_was_with_its_introduction(built_basic):
    article = parse(built_basic, "en/sample.html").find(".//main/article")
    tags = [child.tag for child in article]
    block = tags.index("div")
    assert block == tags.index("h2", tags.index("h2") + 1) + 1
    stages = article[block]
    assert stages.get("class") == "treatment-stages"
    assert [child.tag for child in stages] == ["p", "table"]
    assert stages.find("p").text == "Two stages:"


def test_language_switcher_links_the_other_language(built_basic):
    root = parse(built_basic, "ru/sample.html")
    links = root.findall(".//nav[@class='languages']//a")
    assert [(a.get("href"), a.get("hreflang"), a.text) for a in links] == [
        ("../en/sample.html", "en", "English")]
    assert root.find(".//nav//span[@aria-current='page']").text == "Русский"
    alternate = root.find("head/link[@rel='alternate']")
    assert (alternate.get("hreflang"), alternate.get("href")) == ("en", "../en/sample.html")


def test_stylesheets_are_beside_the_page(built_basic):
    root = parse(built_basic, "en/sample.html")
    for link in root.findall("head/link[@rel='stylesheet']"):
        assert (built_basic.output / "en" / link.get("href")).resolve().is_file()


def test_draft_mark_only_on_drafts(built_basic):
    assert parse(built_basic, "ru/sample.html").find(".//p[@class='status-mark']").text == \
        "Черновик – не для выдачи пациентам"
    assert parse(built_basic, "en/sample.html").find(".//p[@class='status-mark']").text == \
        "Draft – not for patient use"  # approved pages carry none: tests/test_governance.py


def test_catalogue_lists_every_leaflet_in_every_language(built_basic):
    root = parse(built_basic, "index.html")
    rows = root.findall(".//table[@id='catalogue']/tbody/tr")
    assert [row.get("id") for row in rows] == ["sample"]  # one row per leaflet
    links = [a.get("href") for a in root.findall(".//tbody//a")]
    assert links == ["en/sample.pdf", "en/sample.html", "ru/sample.pdf", "ru/sample.html"]
    entries = rows[0].findall(".//li[@data-language]")
    assert [(li.get("data-language"), li.get("data-status")) for li in entries] == [("en", "draft"), ("ru", "draft")]
    russian = entries[1]
    assert [(span.get("class"), span.text) for span in russian.findall("span")[:3]] == [
        ("language", "Русский"), ("status status-draft", "Draft"), ("version", "Version 2.10")]
    assert rows[0].find("td/time").get("datetime") == "2027-01-15"
    for link in links:
        assert (built_basic.output / link).is_file()


def test_front_matter_is_escaped(basic):
    basic.replace("content/en/sample.md", "title: Sample leaflet", 'title: "<script>x</script> & co"')
    assert basic.run("build", "--lang", "en") == 0
    html = basic.read("output/en/sample.html")
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; co" in html


def test_css_strings_cannot_break_out_of_style():
    assert css_string('a"b</style>') == '"a\\22 b\\3C /style\\3E "'
    assert css_content("Page {page} of {pages}") == '"Page " counter(page) " of " counter(pages)'
    assert css_content("{page}/{pages}") == 'counter(page) "/" counter(pages)'
