"""Staleness: per-section source hashes, status, mark-translated, and the record in front matter."""

from __future__ import annotations

import re

import json

from hypothesis import given
from hypothesis import strategies as st

from leafpress.content.parts import fingerprint
from leafpress.translation.records import replace_record

EN = "content/en/sample.md"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1),
       st.sampled_from([" ", "\n", "\n\n", "  \n"]))
def test_fingerprint_ignores_rewrapping_and_trailing_space(text, space):
    assert fingerprint(text) == fingerprint(f"{space}{text.replace(' ', space)}{space}")


def test_fingerprint_changes_with_the_words():
    texts = ["Take medicines as prescribed.", "Take medicines as prescribed!", "take medicines as prescribed.",
             "Take medicine as prescribed.", ""]
    assert len({fingerprint(t) for t in texts}) == len(texts)
    assert all(len(fingerprint(t)) == 8 for t in texts)


def test_replace_record_adds_replaces_and_keeps_the_rest():
    text = "---\ntitle: x\n---\nbody\n"
    added = replace_record(text, {"a": "11111111", "b": "22222222"})
    assert added == "---\ntitle: x\ntranslated_from:\n  a: 11111111\n  b: 22222222\n---\nbody\n"
    replaced = replace_record(added, {"a": "33333333"})
    assert replaced == "---\ntitle: x\ntranslated_from:\n  a: 33333333\n---\nbody\n"
    assert replace_record(replaced, "untranslated") == "---\ntitle: x\ntranslated_from: untranslated\n---\nbody\n"


def status(site, capsys):
    capsys.readouterr()
    site.run("status", "--json")
    return {(s["language"], s["state"]): s["stale_sections"] for s in json.loads(capsys.readouterr().out)
            if s["state"] != "source"}


def test_editing_one_source_section_makes_exactly_it_stale_in_every_translation(multi, capsys):
    assert status(multi, capsys) == {("es", "up to date"): [], ("ar", "up to date"): []}
    multi.replace(EN, "Some text about it.", "Some new text about it.")
    assert status(multi, capsys) == {("es", "stale"): ["what-is-it"], ("ar", "stale"): ["what-is-it"]}


def test_stage_and_title_edits_are_tracked_too(multi, capsys):
    multi.replace(EN, "Baclofen 10 mg", "Baclofen 5 mg")
    multi.replace(EN, "title: Sample leaflet", "title: Sample leaflet, revised")
    assert status(multi, capsys) == {("es", "stale"): ["title", "stages"], ("ar", "stale"): ["title", "stages"]}


def test_rewrapping_the_source_does_not_make_translations_stale(multi, capsys):
    multi.replace(EN, "Take medicines as prescribed.", "Take medicines\nas prescribed.")
    assert status(multi, capsys) == {("es", "up to date"): [], ("ar", "up to date"): []}


def test_stale_translation_builds_with_a_warning_and_fails_under_strict(multi, capsys):
    multi.replace(EN, "Some text about it.", "Changed.")
    assert multi.run("build") == 0
    err = capsys.readouterr().err
    assert ("content/es/sample.md:20: warning: stale translation: the source changed in what-is-it since it "
            "was translated; update the text, then run 'leafpress mark-translated es'") in err
    assert multi.run("build", "--strict") == 1
    assert multi.run("status", "--strict") == 1


def test_mark_translated_records_only_that_language(multi, capsys):
    multi.replace(EN, "Some text about it.", "Changed.")
    assert multi.run("mark-translated", "es") == 0
    assert "recorded content/es/sample.md" in capsys.readouterr().out
    assert status(multi, capsys) == {("es", "up to date"): [], ("ar", "stale"): ["what-is-it"]}
    assert multi.read("content/es/sample.md").startswith("---\ntitle: Folleto de prueba\n")


def test_mark_translated_refuses_the_source_language(multi, capsys):
    assert multi.run("mark-translated", "en") == 2  # a usage error, as 'check --lang zz' is
    assert capsys.readouterr().err.splitlines()[0] == ("leafpress mark-translated: error: argument LANG: 'en' is "
                                                       "not a translated language (es, ar)")


def test_status_table(multi, capsys):
    multi.path("content/ar/sample.md").unlink()
    multi.replace(EN, "Take medicines as prescribed.", "Take all medicines as prescribed.")
    capsys.readouterr()
    assert multi.run("status") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line[:64].rstrip() for line in lines] == [
        "leaflet  lang  state           words new/stale/translated  reada",
        "sample   en    source          -                           Flesc",
        "sample   es    stale (safety)  0/6/23                      INFLE",
        "sample   ar    missing         29/0/0                      -",
        "leafpress: 0 up to date, 1 stale, 1 missing"]
    assert lines[-1] == "leafpress: 0 up to date, 1 stale, 1 missing"


def test_a_translation_without_a_record_is_not_yet_translated_not_stale(multi, capsys):
    text = multi.read("content/es/sample.md")
    multi.write("content/es/sample.md", re.sub(r"(?m)^translated_from:\n(  .*\n)+", "", text))
    assert status(multi, capsys)[("es", "not yet translated")] == []
    capsys.readouterr()
    assert multi.run("check") == 0
    err = capsys.readouterr().err
    assert ("content/es/sample.md:1: warning: not yet translated: there is no record of the source this text was "
            "translated from; when the translation is done, run 'leafpress mark-translated es'") in err
    assert "stale" not in err.split("content/es/sample.md:1:")[1].split("\n")[0]
