"""Parity with the source, missing translations (skip or fill in), and scaffolding a new language."""

from __future__ import annotations

import json

import tinyhtml5

ES = "content/es/sample.md"



def test_missing_section(multi, capsys):
    multi.replace(ES, "## Seguridad {#safety}\n\nTome los medicamentos como se le han recetado.\n", "")
    assert multi.check_errors(capsys) == [
        f"{ES}:35: section 'safety' is missing (the source has it at content/en/sample.md:32)"]


def test_sections_in_another_order(multi, capsys):
    multi.replace(ES, "{#treatment}", "{#swap}")
    multi.replace(ES, "{#safety}", "{#treatment}")
    multi.replace(ES, "{#swap}", "{#safety}")
    assert multi.check_errors(capsys) == [
        f"{ES}:35: section 'safety' found where the source has 'treatment' (content/en/sample.md:28); "
        "keep the source's sections and their order"]


def test_extra_section(multi, capsys):
    multi.write(ES, multi.read(ES) + "\n## Extra {#extra}\n\nMás.\n")
    assert multi.check_errors(capsys) == [f"{ES}:43: section 'extra' is not in the source (content/en/sample.md)"]


def test_missing_translation_is_skipped_by_default(built_multi, tmp_path, capsys):
    import shutil

    site = type(built_multi)(tmp_path / "copy")
    shutil.copytree(built_multi.root, site.root)
    site.path(ES).unlink()
    assert site.run("build") == 0
    assert "content/es/sample.md:1: warning: no 'es' translation of this leaflet yet; it is left out in that " \
           "language" in capsys.readouterr().err
    assert not site.path("output/es/sample.html").exists()
    index = tinyhtml5.parse(site.read("output/index.html"), namespace_html_elements=False)
    assert [a.get("href") for a in index.findall(".//tbody//a")] == [
        "en/sample.pdf", "en/sample.html", "ar/sample.pdf", "ar/sample.html"]


def test_missing_translation_filled_from_the_source_with_a_notice(multi, capsys):
    multi.replace("site.toml", 'order = ["en", "es", "ar"]', 'order = ["en", "es", "ar"]\nfill_from_source = ["es"]')
    multi.path(ES).unlink()
    assert multi.run("build") == 0
    page = tinyhtml5.parse(multi.read("output/es/sample.html"), namespace_html_elements=False)
    assert page.get("lang") == "es"
    assert page.find("head/base").get("href") == "../en/"
    assert page.find(".//p[@class='fill-in-notice']").text == (
        "Este folleto aún no está traducido. Se muestra en inglés hasta que la traducción esté lista.")
    article = page.find(".//article")
    assert article.get("lang") == "en" and article.find(".//h1").text == "Sample leaflet"
    # Never English under another language's name: the English text is marked as English.
    index = tinyhtml5.parse(multi.read("output/index.html"), namespace_html_elements=False)
    assert "Not yet translated: shown in English" in "".join(index.find(".//tbody").itertext())


def test_new_language_round_trip(multi, capsys):
    capsys.readouterr()
    assert multi.run("new-language", "de") == 0
    out = capsys.readouterr().out
    assert "wrote content/de/sample.md" in out and "wrote site.toml" in out
    assert 'order = ["en", "es", "ar", "de"]' in multi.read("site.toml")
    assert "translated_from: untranslated\n" in multi.read("content/de/sample.md")
    multi.run("status", "--json")
    statuses = json.loads(capsys.readouterr().out)
    assert [(s["language"], s["state"]) for s in statuses] == [("en", "source"), ("es", "up to date"), ("ar", "up to date"),
                                                               ("de", "missing")]
    assert multi.run("build", "--strict") == 1  # missing everywhere: an error under --strict
    assert multi.run("build") == 0
    assert not multi.path("output/de/sample.html").exists()


def test_new_language_refuses_unknown_and_existing_codes(multi, capsys):
    assert multi.run("new-language", "xx-nonsense") == 1
    assert multi.run("new-language", "es") == 1
    err = capsys.readouterr().err.splitlines()
    assert "site.toml: 'xx-nonsense' is not a known language code" in err
    assert "site.toml: 'es' is already configured" in err
