"""Front matter parsing: splitting, YAML with line numbers, and field readers (property-based)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from leafpress.content import frontmatter as fm
from leafpress.errors import ContentError

safe_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(
    lambda s: s.strip() != "")


@given(yaml_body=st.lists(st.from_regex(r"[a-z]{1,8}: [a-z0-9 ]{1,20}", fullmatch=True), max_size=8),
       body=st.text(alphabet=st.characters(blacklist_characters="\r", blacklist_categories=("Cs",))))
def test_split_returns_the_parts_and_the_body_line(yaml_body, body):
    front = "\n".join(yaml_body)
    source = f"---\n{front}\n---\n{body}"
    got_yaml, got_body, body_line = fm.split(source, "x.md")
    assert got_yaml.rstrip("\n") == front
    assert got_body == body
    assert body_line == len(front.split("\n")) + 3


@given(value=safe_text)
def test_text_fields_round_trip_any_string(value):
    node = yaml.compose(yaml.safe_dump({"k": value}, allow_unicode=True))
    assert fm.text(node.value[0][1]) == value.strip()


@given(lines_before=st.integers(min_value=0, max_value=30))
def test_yaml_errors_name_the_right_line(lines_before):
    text = "".join(f"k{i}: v\n" for i in range(lines_before)) + "bad: [unclosed\nnext: x\n"
    with pytest.raises(ContentError) as caught:
        fm.parse_yaml(text, "x.md", 2)
    # Reported where the unclosed list opens, not where the parser noticed (the next line).
    assert caught.value.diagnostics[0].line == 2 + lines_before


@given(st.dates())
def test_dates_parse_in_iso_form(day):
    node = yaml.compose(f"d: {day.isoformat()}").value[0][1]
    assert fm.a_date(node) == day


def test_version_keeps_what_the_author_typed():
    node = yaml.compose("version: 1.10").value[0][1]
    assert fm.text(node) == "1.10"


@pytest.mark.parametrize("source, message", [
    ("title: x\n", "x.md:1: the file must start with front matter between '---' lines"),
    ("---\ntitle: x\n", "x.md:1: front matter is not closed: add a line '---' after it"),
])
def test_unfenced_front_matter(source, message):
    with pytest.raises(ContentError) as caught:
        fm.split(source, "x.md")
    assert str(caught.value) == message


def test_duplicate_keys_are_errors():
    node = yaml.compose("a: 1\nb: 2\na: 3\n")
    with pytest.raises(fm.FieldError, match="key 'a' appears twice"):
        fm.mapping(node, "front matter")
