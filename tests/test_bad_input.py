"""Every bad input: one `path:line: message`, a non-zero exit, no traceback, and output untouched."""

from __future__ import annotations

import re

import pytest

EN = "content/en/sample.md"
RU = "content/ru/sample.md"


def fails_cleanly(site, capsys, *expected: str, command: str = "build") -> None:
    """Run `command`; assert exit 1, exactly the expected messages, and no file written or touched."""
    before = site.snapshot()
    capsys.readouterr()
    assert site.run(*command.split()) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    messages = [line for line in err.splitlines()
                if not line.startswith("leafpress: ") and not re.match(r"\[\d+/\d+\] ", line)]
    assert messages == list(expected)
    assert re.search(r"^leafpress: \d+ errors?; nothing was written$", err, re.MULTILINE)
    assert site.snapshot() == before


def test_broken_yaml(built_copy, capsys):
    built_copy.replace(EN, "title: Sample leaflet", "title: [Sample leaflet")
    fails_cleanly(built_copy, capsys,
                  f"{EN}:2: invalid YAML in front matter: did not find expected ',' or ']'")


def test_missing_required_key(built_copy, capsys):
    built_copy.replace(EN, "owner: Test Service\n", "")
    fails_cleanly(built_copy, capsys, f"{EN}:2: missing required key 'owner'")


def test_wrong_typed_key(built_copy, capsys):
    built_copy.replace(EN, 'version: "2.10"', "version: [2, 10]")
    fails_cleanly(built_copy, capsys, f"{EN}:5: 'version' must be text")


def test_bad_date(built_copy, capsys):
    built_copy.replace(EN, "published: 2026-01-15", "published: 15/01/2026")
    fails_cleanly(built_copy, capsys, f"{EN}:7: 'published' must be a date like 2026-11-23, not '15/01/2026'")


def test_unknown_status(built_copy, capsys):
    built_copy.replace(EN, "status: draft", "status: final")
    fails_cleanly(built_copy, capsys, f"{EN}:6: 'status' must be one of draft, approved, not 'final'")


def test_all_problems_are_reported_at_once(built_copy, capsys):
    built_copy.replace(EN, "status: draft", "status: final")
    built_copy.replace(RU, "owner: Тестовая служба", "ownr: Тестовая служба")
    fails_cleanly(built_copy, capsys,
                  f"{EN}:6: 'status' must be one of draft, approved, not 'final'",
                  f"{RU}:2: missing required key 'owner'",
                  f"{RU}:9: unknown key 'ownr'; keys must be one of approval_signature, approved_by, approved_on, approved_text, editions, "
                  "history, leaflet_id, next_review, owner, "
                  "published, sources, stage_table, stages, status, summary, title, translated_from, version")


def test_unknown_language_folder(built_copy, capsys):
    built_copy.write("content/fr/sample.md", built_copy.read(EN))
    fails_cleanly(built_copy, capsys,
                  "content/fr: unknown language folder 'fr'; the configured languages are en, ru "
                  "(add it to [languages] order in site.toml)")


def test_file_that_is_not_utf8(built_copy, capsys):
    built_copy.write(RU, built_copy.read(RU).encode("utf-8") + "Привет\n".encode("cp1251"))
    fails_cleanly(built_copy, capsys, f"{RU}:44: not valid UTF-8 (byte 0xcf); save the file as UTF-8")


def test_empty_stage_list(built_copy, capsys):
    text = built_copy.read(EN)
    start, end = text.index("stages:"), text.index("---", 10)
    built_copy.write(EN, text[:start] + "stages: []\n" + text[end:])
    fails_cleanly(built_copy, capsys, f"{EN}:12: 'stages' must list at least one stage")


def test_stage_without_treatments(built_copy, capsys):
    built_copy.replace(EN, "    treatments:\n      - Exercise\n      - Baclofen\n", "")
    fails_cleanly(built_copy, capsys, f"{EN}:18: missing required key 'treatments' in stage 2")


def test_translation_with_a_different_number_of_stages(built_copy, capsys):
    text = built_copy.read(RU)
    start, end = text.index("  - name: Второй этап"), text.index("---", 10)
    built_copy.write(RU, text[:start] + text[end:])
    fails_cleanly(built_copy, capsys,
                  f"{RU}:12: has 1 treatment stages but the source ({EN}) has 2")


def test_missing_stage_marker(built_copy, capsys):
    built_copy.replace(EN, "[[stages]]\n", "")
    # A leaflet may have no stage table (#20); one with 'stages' but no marker is told both ways out.
    fails_cleanly(built_copy, capsys,
                  f"{EN}:12: the front matter has 'stages' but the body has no '[[stages]]' line: put it where the "
                  "treatment-stage table belongs, or remove 'stages'")


@pytest.mark.parametrize("url, message", [
    ("https://example.com/x.png", "points to the network or another scheme; use a file inside the content folder"),
    ("file:///etc/hosts", "points to the network or another scheme; use a file inside the content folder"),
    ("../../../etc/x.png", "points outside the content folder"),
    ("/etc/x.png", "is an absolute path; use a path relative to this file"),
    ("images/missing.png", "does not exist"),
])
def test_image_outside_the_project_or_on_the_network(built_copy, capsys, url, message):
    built_copy.replace(EN, "images/dot.png", url)
    fails_cleanly(built_copy, capsys, f"{EN}:25: image '{url}' {message}")


def test_raw_html_image_to_the_network(built_copy, capsys):
    built_copy.replace(EN, "After the *table*.", 'After the table. <img src="http://example.com/t.png" alt="t">')
    fails_cleanly(built_copy, capsys,
                  f"{EN}:37: image 'http://example.com/t.png' points to the network or another scheme; "
                  "use a file inside the content folder")


def test_unreadable_image_is_a_build_error(built_copy, capsys):
    built_copy.write("content/en/images/dot.png", b"this is not a PNG")
    before = built_copy.snapshot()
    assert built_copy.run("build") == 1
    err = capsys.readouterr().err
    # Found by the check, with its line, before anything is laid out (pictures' headers are read).
    assert re.search(r"content/en/sample\.md:\d+: image 'images/dot\.png' cannot be read as a picture: ", err), err
    assert "Traceback" not in err
    assert built_copy.snapshot() == before


def test_template_syntax_error(built_copy, capsys):
    templates = built_copy.own_templates()
    assert built_copy.run("build") == 0  # the private templates render the same site
    (templates / "partials/stage-table.html").write_text("{% for stage in leaflet.stages %}\n<tr>\n")
    fails_cleanly(built_copy, capsys,
                  "templates/partials/stage-table.html:1: template syntax error: Unexpected end of template. "
                  "Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that "
                  "needs to be closed is 'for'.")


def test_template_undefined_variable(built_copy, capsys):
    templates = built_copy.own_templates()
    assert built_copy.run("build") == 0
    (templates / "partials/stage-table.html").write_text("<p>\n{{ leaflet.no_such_field }}</p>\n")
    fails_cleanly(built_copy, capsys,
                  "templates/partials/stage-table.html:2: template error: "
                  "'leafpress.model.Leaflet object' has no attribute 'no_such_field'")


def test_weasyprint_failure(built_copy, capsys, monkeypatch):
    import weasyprint

    def explode(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(weasyprint.HTML, "render", explode)
    fails_cleanly(built_copy, capsys, f"{EN}: WeasyPrint failed: RuntimeError: layout exploded",
                  command="build --force --jobs 1")


def test_broken_configuration(built_copy, capsys):
    built_copy.replace("site.toml", "[paths]", "[paths]\ncolour = \"red\"")
    fails_cleanly(built_copy, capsys,
                  "site.toml:13: unknown key 'colour' in [paths]; keys must be one of "
                  "['content', 'output', 'templates']")


def test_traceback_only_with_debug(built_copy, capsys):
    built_copy.replace(EN, "status: draft", "status: final")
    assert built_copy.run("build", "--debug") == 1
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("mangle", [
    lambda raw: b"\xef\xbb\xbf" + raw,              # a byte-order mark
    lambda raw: raw.replace(b"\n", b"\r\n"),       # Windows line endings
])
def test_bom_and_crlf_are_accepted(built_copy, capsys, mangle):
    path = built_copy.path(EN)
    path.write_bytes(mangle(path.read_bytes()))
    assert built_copy.run("build") == 0
    assert "review by Jan 15, 2027" in built_copy.read("output/en/sample.html")  # the footer's short date (#21)


# Faults a blind fuzzer found (issue 15): each now a path:line error, never an internal error.
@pytest.mark.parametrize("old, new, line", [
    ("title: Sample leaflet", "title: Sample\x00 leaflet", 2),  # in front matter: YAML never sees it
    ("Some text about it.", "Some text\x00 about it.", 29),  # in the body
    ("Some text about it.", "Some text\x1b[31m about it.", 29),  # an escape code pasted from a terminal
])
def test_a_control_character_in_content_names_its_line(built_copy, capsys, old, new, line):
    built_copy.replace(EN, old, new)
    code = ord(next(c for c in new if c in "\x00\x1b"))
    name = {0: "NULL", 0x1b: "ESCAPE"}[code]
    fails_cleanly(built_copy, capsys, f"{EN}:{line}: control character U+{code:04X} ({name}) is not allowed in a "
                                      "text file; delete it")


def test_a_nul_byte_in_site_toml_names_its_line(built_copy, capsys):
    built_copy.replace("site.toml", 'name = "Test Clinic"', 'name = "Test\x00 Clinic"')
    fails_cleanly(built_copy, capsys, "site.toml:3: control character U+0000 (NULL) is not allowed in a text "
                                      "file; delete it")


@pytest.mark.parametrize("damage, message", [
    (lambda po: po.replace("Черновик".encode(), "Черновик".encode()[:3], 1),
     "not valid UTF-8 (byte 0xd0); save the file as UTF-8"),
    (lambda po: po.replace("Черновик".encode(), "Черн\x00овик".encode(), 1),
     "control character U+0000 (NULL) is not allowed in a text file; delete it"),
])
def test_a_catalog_with_broken_text_names_its_line(built_copy, capsys, damage, message):
    templates = built_copy.own_templates()
    catalog = templates / "locale" / "ru" / "LC_MESSAGES" / "messages.po"
    data = catalog.read_bytes()
    line = data[:data.index("Черновик".encode())].count(b"\n") + 1
    catalog.write_bytes(damage(data))
    fails_cleanly(built_copy, capsys, f"templates/locale/ru/LC_MESSAGES/messages.po:{line}: {message}")


def test_a_templates_folder_that_does_not_exist_is_a_configuration_error(built_copy, capsys):
    text = built_copy.read("site.toml")
    built_copy.write("site.toml", re.sub(r'templates = "[^"]*"', 'templates = "no-such-folder"', text))
    fails_cleanly(built_copy, capsys, "site.toml:13: [paths] templates: the folder 'no-such-folder' does not exist")


@pytest.mark.parametrize("value", ["-1", "0", "two", "1.5"])
def test_jobs_must_be_a_positive_number_or_auto(built_copy, capsys, value):
    before = built_copy.snapshot()
    with pytest.raises(SystemExit) as exited:
        built_copy.run("build", "--jobs", value)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"leafpress build: error: argument --jobs: '{value}' is not a number of processes: use a whole number "
        "from 1, or 'auto'")
    assert built_copy.snapshot() == before


def test_jobs_auto_is_the_number_of_cores(built_copy):
    assert built_copy.run("build", "--jobs", "auto", "--force") == 0


def test_a_message_quoting_a_broken_line_stays_on_one_line(built_copy, capsys):
    """Found by fuzzing: Babel quoted a catalog line with its line break, splitting the message in two."""
    from leafpress.errors import Diagnostic

    assert str(Diagnostic("x.po", 3, "bad line 'a\nb' with \u202e inside")) == \
        "x.po:3: bad line 'a\\nb' with \\u202e inside"


def test_a_catalog_entry_babel_cannot_read_names_its_line(built_copy, capsys):
    """Found by fuzzing: a plural index that is not a number raised ValueError inside Babel (exit 3)."""
    templates = built_copy.own_templates()
    catalog = templates / "locale" / "ru" / "LC_MESSAGES" / "messages.po"
    lines = catalog.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("msgstr[1]"))
    lines[number] = lines[number].replace("msgstr[1]", "msgstr[[stages]]")
    catalog.write_text("\n".join(lines), encoding="utf-8")
    fails_cleanly(built_copy, capsys, f"templates/locale/ru/LC_MESSAGES/messages.po:{number + 1}: broken catalog: "
                                      "cannot read this entry (invalid literal for int() with base 10: '[stages]')")


def test_a_catalog_charset_no_codec_knows_names_its_line(built_copy, capsys):
    """Found by fuzzing (--fuzz 1000): an invisible character inside 'utf-8' raised LookupError (exit 3)."""
    templates = built_copy.own_templates()
    catalog = templates / "locale" / "ru" / "LC_MESSAGES" / "messages.po"
    lines = catalog.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "charset=" in line)
    lines[number] = re.sub(r"charset=[\w-]+", "charset=u\ufefftf-8", lines[number])
    catalog.write_text("\n".join(lines), encoding="utf-8")
    shown = f"templates/locale/ru/LC_MESSAGES/messages.po:{number + 1}"
    fails_cleanly(built_copy, capsys,
                  f"{shown}: U+FEFF ZERO WIDTH NO-BREAK SPACE inside 'utf' is invisible but splits the word for "
                  "search, screen readers and pharmacy systems; delete it",
                  f"{shown}: broken catalog: the Content-Type header names unknown encoding: u\\ufefftf-8; write "
                  "'charset=UTF-8'")


# The blocks of a clinic's leaflets (#20): each mistake names its line and the way out.
@pytest.mark.parametrize("old, new, message", [
    ("![A dot](images/dot.png)", "![](images/dot.png)",
     f"{EN}:25: image 'images/dot.png' needs alt text that says what it shows, ![A person bending forward]"
     "(images/dot.png), or, if it only decorates, {.decorative} after it: ![](images/dot.png){.decorative}"),
    ("![A dot](images/dot.png)", "![A dot](images/dot.png){ width=40% }",
     f"{EN}:25: image 'images/dot.png': width '40%' is not one of 25%, 33%, 50%, 66%, 75%, 100% (a share of the "
     "column)"),
    ("Some text about it.", '!!! warning "Careful"\n    Some text about it.',
     f"{EN}:29: call-out 'warning' is not a kind Leafpress prints; use one of urgent, important, tip"),
    ("Some text about it.", '!!! tip\n    Some text about it.',
     f"{EN}:29: call-out 'tip' needs a title, translated with the text: !!! tip \"Get help urgently\""),
    ("Some text about it.", "Some text about it.\n\n[[note 8]]",
     f"{EN}:31: unknown marker '[[note 8]]'; the markers are '[[stages]]' and '[[notes 8]]' (a space of 8 lines)"),
    ("Some text about it.", "Some text about it.\n\n[[notes 40]]",
     f"{EN}:31: '[[notes 40]]': a notes space has 1 to 30 lines"),
])
def test_a_broken_block_names_its_line(built_copy, capsys, old, new, message):
    built_copy.replace(EN, old, new)
    fails_cleanly(built_copy, capsys, message)


def test_a_stage_marker_without_stages_offers_the_way_out(built_copy, capsys):
    text = built_copy.read(EN)
    built_copy.write(EN, re.sub(r"(?ms)^stages:\n.*?(?=^---)", "", text, count=1))
    fails_cleanly(built_copy, capsys,
                  f"{EN}:24: '[[stages]]' needs the table's rows: add 'stages:' to the front matter (each with "
                  "name, goal and treatments), or remove this line")


def test_a_leaflet_may_have_no_stage_table_at_all(built_copy, capsys):
    for path in (EN, RU):
        text = built_copy.read(path)
        built_copy.write(path, re.sub(r"(?ms)^stages:\n.*?(?=^[a-z_]+:|^---)", "", text, count=1)
                         .replace("[[stages]]\n", ""))
    assert built_copy.run("build") == 0
    assert "<table" not in built_copy.read("output/en/sample.html")


def test_a_translation_missing_a_picture_of_its_own_falls_back_and_a_missing_one_is_named(built_copy, capsys):
    built_copy.replace(RU, "Немного текста.", "Немного текста. ![Точка](images/dot.png)")
    assert built_copy.run("build", "--lang", "ru") == 0  # content/en/images/dot.png stands in
    assert '<img alt="Точка" src="../en/images/dot.png">' in built_copy.read("output/ru/sample.html")
    built_copy.replace(RU, "Немного текста. ![Точка](images/dot.png)", "Немного текста. ![Точка](images/missing.png)")
    fails_cleanly(built_copy, capsys, f"{RU}:35: image 'images/missing.png' does not exist here or in the source "
                                      "language's folder (en/images/missing.png)")
