"""No input makes Leafpress fail with an internal error: property-based and byte-level fuzzing.

Every generated case must end with exit 0, 1 or 2 (never 3), print no traceback, name every
error as `path:line: message` with a real line of the named file, leave `output/` untouched
when it fails, and finish in bounded time. `python3 build.py test --fuzz N` runs N cases per
input kind instead of the small budget the suite uses.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SITES, TEMPLATES, Site
from leafpress import cli

BUDGET = int(os.environ.get("LEAFPRESS_FUZZ_CASES", "40"))
FUZZ = settings(max_examples=BUDGET, deadline=None, derandomize=os.environ.get("LEAFPRESS_FUZZ_RANDOM") is None,
                suppress_health_check=list(HealthCheck), database=None)
ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+?):(?P<line>\d+): (?P<message>.+)$")
NASTY = ["\x00", "\ufeff", "\u202e", "\u2066", "\u200b", "\u00ad", "\x1b[31m", "\r", "\t", "\ud800", "𝒜", "ا",
         "---", "[[stages]]", "{#", "}", "## ", ": ", "- ", "\"", "'", "&", "<script>", "%(x)s", "{page}", "\\"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Site:
    """The multi-language sample site with a private copy of the templates (its catalogs are fuzzed too)."""
    root = tmp_path_factory.mktemp("fuzz") / "site"
    shutil.copytree(SITES / "multi", root)
    shutil.copytree(TEMPLATES, root / "templates")
    text = (root / "site.toml").read_text()
    (root / "site.toml").write_text(re.sub(r'templates = "[^"]*"', 'templates = "templates"', text))
    site = Site(root)
    assert run(site, "build")[0] == 0  # a good output/ that failed builds must leave alone
    return site


def run(site: Site, *args: str) -> tuple[int, str]:
    """The command line in-process, as a user runs it; (exit code, what it printed on stderr).

    Errors go to stderr; stdout carries reports (the status table) that are not errors."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(site.root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([*args[:1], "--config", str(site.config), *args[1:]])
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code
    finally:
        os.chdir(previous)
    return code, err.getvalue()


def output_state(site: Site) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site.root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(site.output.rglob("*")) if p.is_file()}


def check_invariants(site: Site, text: str, code: int) -> None:
    assert code in (0, 1, 2), text
    assert "Traceback" not in text and "internal error" not in text, text
    for line in text.splitlines():
        if line.startswith(("leafpress", "[", "usage:", " ", "recorded", "wrote", "updated", "build.py")) \
                or ": warning: " in line or not line.strip():
            continue
        match = ERROR_LINE.match(line)
        assert match, f"not path:line: message: {line!r}"
        path = site.root / match.group("path")
        assert path.is_file(), line
        # Lines as Leafpress counts them: CRLF, CR and LF each end one.
        lines = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        assert 1 <= int(match.group("line")) <= lines, line


def try_file(site: Site, relative: str, data: bytes) -> None:
    """Replace one file, run check (and a build when check fails), check every invariant, restore it."""
    path = site.path(relative)
    original = path.read_bytes()
    before = output_state(site)
    try:
        path.write_bytes(data)
        code, text = run(site, "check")
        check_invariants(site, text, code)
        if code == 1:
            code, text = run(site, "build")
            check_invariants(site, text, code)
            assert code == 1 and output_state(site) == before, text
    finally:
        path.write_bytes(original)


FILES = ["content/en/sample.md", "content/es/sample.md", "content/ar/sample.md", "site.toml",
         "templates/locale/es/LC_MESSAGES/messages.po", "templates/locale/ar/LC_MESSAGES/messages.po"]


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """Byte-level mutation of a real file: insert, delete, swap lines, duplicate, truncate, re-encode."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "swap", "duplicate", "truncate", "bytes", "encode"]))
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "insert":
            token = draw(st.sampled_from(NASTY)).encode("utf-8", "surrogatepass")
            data[where:where] = token
        elif kind == "delete":
            del data[where:where + draw(st.integers(1, 40))]
        elif kind == "bytes":
            data[where:where] = draw(st.binary(min_size=1, max_size=6))
        elif kind == "truncate":
            del data[where:]
        elif kind == "encode":
            data = bytearray(bytes(data).decode("utf-8", "replace").encode(draw(st.sampled_from(
                ["utf-16", "cp1251", "latin-1"])), "replace"))
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(i, lines[j])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@pytest.mark.parametrize("relative", FILES)
def test_mutated_real_files(workspace, relative):
    original = workspace.path(relative).read_bytes()

    @FUZZ
    @given(mutated(original))
    def case(data):
        try_file(workspace, relative, data)

    case()


scalars = st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                    st.dates(), st.just("2026-13-45"), st.lists(st.sampled_from(NASTY), max_size=6).map("".join))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)
KEYS = ["title", "summary", "leaflet_id", "version", "status", "published", "next_review", "owner", "sources",
        "stages", "editions", "translated_from", "approved_by", "approved_on", "approved_text", "history"]


@FUZZ
@given(key=st.sampled_from(KEYS), value=values)
def test_front_matter_with_wrong_types(workspace, key, value):
    import yaml

    text = workspace.read("content/en/sample.md")
    front, _, body = text.partition("\n---\n")
    data = yaml.safe_load(front.lstrip("-\n"))
    data[key] = value
    new_front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try_file(workspace, "content/en/sample.md", f"---\n{new_front}---\n{body}".encode("utf-8", "surrogatepass"))


@st.composite
def bodies(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["heading", "para", "marker", "list", "html", "table", "deep"]))
        word = "".join(draw(st.lists(st.sampled_from(NASTY + list("abc xyz")), max_size=12)))
        if kind == "heading":
            pieces.append(f"## {word} {{#{draw(st.sampled_from(['what-is-it', 'x', '1bad', '', 'treatment']))}}}")
        elif kind == "marker":
            pieces.append("[[stages]]")
        elif kind == "list":
            pieces.append("\n".join(f"- {word}" for _ in range(draw(st.integers(1, 3)))))
        elif kind == "html":
            pieces.append(f"<div onclick='x'>{word}<img src='http://e.example/x.png'></div>")
        elif kind == "table":
            pieces.append(f"| {word} | b |\n|---|---|\n| 1 | {word} |")
        elif kind == "deep":
            pieces.append(">" * draw(st.integers(1, 200)) + " " + "*" * draw(st.integers(0, 300)) + word)
        else:
            pieces.append(word * draw(st.integers(1, 50)))
    return "\n\n".join(pieces)


@FUZZ
@given(body=bodies())
def test_markdown_bodies_with_broken_ids(workspace, body):
    text = workspace.read("content/es/sample.md")
    front, _, _ = text.partition("\n---\n")
    try_file(workspace, "content/es/sample.md", f"{front}\n---\n{body}\n".encode("utf-8", "surrogatepass"))


ARGUMENTS = ["check", "status", "config", "--lang", "es", "xx", "--leaflet", "sample", "nope", "--jobs", "-1",
             "0", "auto", "3", "--shard", "1/2", "3/2", "0/0", "a/b", "--today", "2026-02-30", "today", "--strict",
             "--json", "--diff", "--force", "--keep-going", "--no-keep-going", "--debug", "", "\x00", "--", "-h"]


@FUZZ
@given(argv=st.lists(st.sampled_from(ARGUMENTS), min_size=1, max_size=6))
def test_command_line_arguments(workspace, argv):
    if argv[0] not in ("check", "status", "config"):
        argv = ["check", *argv]
    if "--debug" in argv:
        argv.remove("--debug")  # --debug prints tracebacks on purpose
    before = output_state(workspace)
    code, text = run(workspace, *argv)
    check_invariants(workspace, text, code)
    assert output_state(workspace) == before


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_mutated_files_to_import(workspace, tmp_path, fmt):
    """Files translators import: a damaged XLIFF or PO file is refused cleanly, and then nothing changes."""
    assert run(workspace, "export", "es", "--format", fmt, "-o", str(tmp_path))[0] == 0
    exported = tmp_path / f"sample.es.{'xlf' if fmt == 'xliff' else 'po'}"
    original = exported.read_bytes()
    content = {p: p.read_bytes() for p in workspace.path("content").rglob("*") if p.is_file()}

    @FUZZ
    @given(mutated(original))
    def case(data):
        exported.write_bytes(data)
        try:
            code, text = run(workspace, "import", str(exported))
            assert code in (0, 1), text
            assert "Traceback" not in text and "internal error" not in text, text
            if code == 1:
                assert {p: p.read_bytes() for p in content} == content, text
        finally:
            for path, data_before in content.items():  # an import that succeeded changed the translation
                path.write_bytes(data_before)
            for extra in set(workspace.path("content").rglob("*")) - set(content):
                if extra.is_file():
                    extra.unlink()

    case()
