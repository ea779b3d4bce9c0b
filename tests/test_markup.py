"""Markdown -> HTML: extensions on, raw HTML sanitised, split at the stage marker."""

from __future__ import annotations


from hypothesis import given
from hypothesis import strategies as st

from leafpress.html.markup import INTRO_PLACEHOLDER, PLACEHOLDER, body_html, sanitise
from leafpress.model import Leaflet


def leaflet(body: str) -> Leaflet:
    return Leaflet(slug="s", lang="en", path=None, shown_path="s.md", title="T", leaflet_id="I",
                   version="1", status="draft", published=None, next_review=None, owner="O", sources=(),
                   stages=(), summary="", body=body, body_line=1, sections=())


def test_split_at_the_marker_with_the_paragraph_that_introduces_the_table():
    body = body_html(leaflet("## One {#one}\n\nfirst\n\nIt has two stages:\n\n[[stages]]\n\nsecond\n"))
    assert body.before == '<h2 id="one">One</h2>\n<p>first</p>\n'
    assert body.intro == "<p>It has two stages:</p>"
    assert body.after.strip() == "<p>second</p>"


def test_no_introduction_when_the_marker_follows_a_heading_or_a_list():
    for text in ("## One {#one}\n\n[[stages]]\n", "- a\n- b\n\n[[stages]]\n"):
        body = body_html(leaflet(text))
        assert body.intro == "" and "<p>" not in body.before, text


def test_placeholder_text_typed_by_an_author_does_not_move_the_table():
    body = body_html(leaflet(f"{INTRO_PLACEHOLDER} {PLACEHOLDER}\n\nintro\n\n[[stages]]\n\nafter\n"))
    assert body.intro == "<p>intro</p>" and body.after.strip() == "<p>after</p>"


def test_tables_lists_and_attributes():
    before = body_html(leaflet("| a | b |\n|---|---|\n| 1 | 2 |\n\n3. three\n4. four\n\npara\n{: .note}\n")).before
    assert '<table id="table-1">' in before and "<th>a</th>" in before  # an id: the copyfit step may let it break
    assert '<ol start="3">' in before
    assert '<p class="note">para</p>' in before


def test_scripts_handlers_styles_and_remote_sources_are_removed():
    html = sanitise('<p onclick="steal()" style="color:red">hi</p><script>alert(1)</script>'
                    '<img src="https://evil.example/x.png" onerror="x()"><a href="javascript:alert(1)">x</a>'
                    '<iframe src="x"></iframe><a href="https://nhs.example/">ok</a>')
    assert "onclick" not in html and "style" not in html and "<script" not in html
    assert "onerror" not in html and "javascript:" not in html and "<iframe" not in html
    assert '<a href="https://nhs.example/" rel="noopener noreferrer">ok</a>' in html


@given(st.text())
def test_sanitised_output_never_contains_a_script_tag(text):
    html = sanitise(f"<p>{text}</p><script>{text}</script>")
    assert "<script" not in html.lower()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_body_with_one_marker_splits_into_three_parts(text):
    text = text.replace("[[stages]]", "")
    body = body_html(leaflet(f"{text}\n\n[[stages]]\n\n{text}\n"))
    rendered = body.before + body.intro + body.after
    assert PLACEHOLDER not in rendered and INTRO_PLACEHOLDER not in rendered
    assert body.intro == "" or (body.intro.startswith("<p>") and body.intro.endswith("</p>"))
