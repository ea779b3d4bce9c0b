"""status --diff: the source words changed since a translation was made, from the store, git, or 'unknown'."""

from __future__ import annotations

import json
import subprocess

from leafpress.translation.word_diff import render, word_diff

EN, ES, AR = "content/en/sample.md", "content/es/sample.md", "content/ar/sample.md"
STORE = "content/.source-texts/sample.json"


def diff_lines(site, capsys) -> list[str]:
    capsys.readouterr()
    assert site.run("status", "--diff") == 0
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith(("content/", "  "))]


def diff_json(site, capsys) -> dict:
    capsys.readouterr()
    assert site.run("status", "--diff", "--json") == 0
    return {entry["language"]: entry.get("changes") for entry in json.loads(capsys.readouterr().out)}


def test_mark_translated_keeps_the_source_text_and_it_is_never_published(multi):
    assert multi.run("mark-translated", "es") == 0
    store = json.loads(multi.read(STORE))
    assert "Some text about it." in "\n".join(store["texts"].values())
    assert multi.run("build", "--lang", "es") == 0
    assert not multi.path("output/.source-texts").exists()
    assert not [p for p in multi.path("output").rglob("*") if "source-texts" in str(p)]


def test_three_changed_words_show_as_removed_and_added_for_every_translation(multi, capsys):
    multi.run("mark-translated", "es")
    multi.run("mark-translated", "ar")
    multi.replace(EN, "Take medicines as prescribed.", "Take your tablets as prescribed.")
    assert diff_lines(multi, capsys) == [
        f"{ES}: the source ({EN}) changed since this translation was made:",
        "  safety: Safety Take [-medicines-] {+your tablets+} as prescribed.",
        "    units to review: safety/p1",
        f"{AR}: the source ({EN}) changed since this translation was made:",
        "  safety: Safety Take [-medicines-] {+your tablets+} as prescribed.",
        "    units to review: safety/p1"]
    changes = diff_json(multi, capsys)
    assert changes["en"] == [] and changes["es"] == changes["ar"]
    (change,) = changes["es"]
    assert change["part"] == "safety" and change["old_text_from"] == "stored"
    assert [(d["kind"], d["words"]) for d in change["diff"]] == [
        ("equal", "Safety Take"), ("removed", "medicines"), ("added", "your tablets"), ("equal", "as prescribed.")]


def test_the_stage_table_and_title_are_diffed_the_same_way(multi, capsys):
    multi.run("mark-translated", "es")
    multi.replace(EN, "Baclofen 10 mg", "Baclofen 5 mg")
    multi.replace(EN, "title: Sample leaflet", "title: Sample patient leaflet")
    lines = diff_lines(multi, capsys)
    assert "  title: Sample {+patient+} leaflet" in lines
    assert any(line.startswith("  stages: ") and "Baclofen [-10-] {+5+} mg" in line for line in lines)


def test_rewrapping_is_not_a_change(multi, capsys):
    multi.run("mark-translated", "es")
    multi.replace(EN, "Take medicines as prescribed.", "Take medicines\nas prescribed.")
    assert diff_lines(multi, capsys) == []


def git(site, *args: str) -> str:
    return subprocess.run(["git", "-C", str(site.root), *args], check=True, capture_output=True,
                          text=True).stdout


def test_without_a_store_the_old_text_comes_from_git_history(multi, capsys):
    git(multi, "init", "-q")
    git(multi, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one", "--allow-empty")
    git(multi, "add", "content")
    git(multi, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "translated")
    revision = git(multi, "log", "-1", "--format=%h").strip()
    multi.replace(EN, "Take medicines as prescribed.", "Take your tablets as prescribed.")
    git(multi, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "reworded")
    changes = diff_json(multi, capsys)
    assert changes["es"][0]["old_text_from"] == f"git {revision}"
    assert "  safety: Safety Take [-medicines-] {+your tablets+} as prescribed." in diff_lines(multi, capsys)


def test_without_store_or_history_the_old_text_is_plainly_unknown(multi, capsys):
    multi.replace(EN, "Take medicines as prescribed.", "Take your tablets as prescribed.")
    assert diff_lines(multi, capsys)[1] == (
        "  safety: the old text is unknown: the translation was recorded before content/.source-texts/sample.json "
        "kept it, and no git revision of the source has it")
    assert diff_json(multi, capsys)["es"][0]["old_text_from"] == "unknown"


def test_marking_a_language_keeps_the_texts_other_languages_still_need(multi, capsys):
    multi.run("mark-translated", "es")
    multi.run("mark-translated", "ar")
    multi.replace(EN, "Take medicines as prescribed.", "Take your tablets as prescribed.")
    multi.run("mark-translated", "es")  # Spanish is updated; Arabic still refers to the old text
    assert "Take medicines as prescribed." in "\n".join(json.loads(multi.read(STORE))["texts"].values())
    assert diff_lines(multi, capsys)[1] == "  safety: Safety Take [-medicines-] {+your tablets+} as prescribed."
    multi.run("mark-translated", "ar")  # now nobody needs it
    assert "Take medicines as prescribed." not in "\n".join(json.loads(multi.read(STORE))["texts"].values())


def test_word_diff_ignores_wrapping_and_colours_on_a_terminal():
    runs = word_diff("one two\nthree four", "one  two three five")
    assert runs == [("equal", "one two three"), ("removed", "four"), ("added", "five")]
    assert render(runs, colour=False) == "one two three [-four-] {+five+}"
    assert render(runs, colour=True) == "one two three \x1b[31;9mfour\x1b[0m \x1b[32;4mfive\x1b[0m"


def test_long_unchanged_text_is_shortened_around_the_change():
    old = " ".join(f"w{n}" for n in range(40))
    new = old.replace("w20", "changed")
    assert render(word_diff(old, new), colour=False) == (
        "… w12 w13 w14 w15 w16 w17 w18 w19 [-w20-] {+changed+} w21 w22 w23 w24 w25 w26 w27 w28 …")
