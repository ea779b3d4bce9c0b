"""Workers, --keep-going, shards with their merge step, the manifest, and progress output."""

from __future__ import annotations

import hashlib
import io
import json
import shutil

from conftest import copy_site
from leafpress.progress import Progress


def outputs(site) -> dict[str, bytes]:
    return {name: data for name, (data, _) in site.snapshot().items()}


def test_one_and_two_workers_give_identical_files(tmp_path):
    one, two = copy_site("multi", tmp_path / "one"), copy_site("multi", tmp_path / "two")
    assert one.run("build", "--jobs", "1") == 0
    assert two.run("build", "--jobs", "2") == 0
    assert outputs(one) == outputs(two)


def test_manifest_lists_every_output_with_its_hash(built_multi):
    manifest = json.loads(built_multi.read("output/manifest.json"))["outputs"]
    assert {entry["path"] for entry in manifest} == {
        f"{lang}/sample.{kind}" for lang in ("en", "es", "ar") for kind in ("html", "pdf")}
    for entry in manifest:
        data = built_multi.path(f"output/{entry['path']}").read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["language"] == entry["path"][:2] and entry["version"] == "1.0"
        assert entry["edition"] == ("html" if entry["path"].endswith(".html") else "a4")
        if entry["edition"] == "a4":
            assert entry["pages"] >= 1


def test_shards_split_the_work_and_merge_into_the_same_manifest(built_multi, tmp_path):
    parts = []
    for number in (1, 2):
        site = copy_site("multi", tmp_path / f"shard{number}")
        assert site.run("build", "--shard", f"{number}/2") == 0
        parts.append({p.relative_to(site.output).as_posix() for p in site.output.glob("*/*.pdf")})
    assert parts[0].isdisjoint(parts[1])
    assert parts[0] | parts[1] == {f"{lang}/sample.pdf" for lang in ("en", "es", "ar")}
    merged = copy_site("multi", tmp_path / "merged")
    for number in (1, 2):  # what a CI merge job does: download every shard's artifact into one folder
        shutil.copytree(tmp_path / f"shard{number}" / "output", merged.output, dirs_exist_ok=True)
    assert merged.run("merge", "2") == 0
    assert merged.read("output/manifest.json") == built_multi.read("output/manifest.json")
    assert merged.read("output/index.html") == built_multi.read("output/index.html")


def test_merge_reports_a_missing_shard(multi, capsys):
    assert multi.run("build", "--shard", "1/2") == 0
    assert multi.run("merge", "2") == 1
    assert "output/manifest.shard-2-of-2.json: missing: shard 2 of 2 did not finish" in capsys.readouterr().err


def with_broken_spanish_image(built_multi, tmp_path):
    """A copy of the built site whose Spanish page cannot render and whose Arabic page changed."""
    site = type(built_multi)(tmp_path / "site")
    shutil.copytree(built_multi.root, site.root)
    site.write("content/es/broken.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><g>')  # the check counts, WeasyPrint parses
    site.replace("content/es/sample.md", "Introducción.", "Introducción. ![x](broken.svg)")
    site.replace("content/ar/sample.md", "مقدمة.", "مقدمة جديدة.")
    return site


def test_keep_going_publishes_the_others_and_still_fails(built_multi, tmp_path, capsys):
    site = with_broken_spanish_image(built_multi, tmp_path)
    before = site.snapshot()
    assert site.run("build", "--keep-going") == 1
    err = capsys.readouterr().err
    assert "content/es/sample.md: WeasyPrint: Failed to load image at" in err
    assert "nothing was written" not in err  # defect B: the others were written, and the summary says so
    assert err.splitlines()[-1].startswith("leafpress: 1 error; the other outputs were published (")
    assert err.splitlines()[-1].endswith(" files written), and each failed output keeps its previous file")
    after = site.snapshot()
    assert after["es/sample.pdf"] == before["es/sample.pdf"]  # the failed output keeps its good file
    assert after["ar/sample.pdf"] != before["ar/sample.pdf"]  # the others were built and published


def test_without_keep_going_nothing_is_written(built_multi, tmp_path, capsys):
    site = with_broken_spanish_image(built_multi, tmp_path)
    before = site.snapshot()
    assert site.run("build", "--no-keep-going") == 1
    assert capsys.readouterr().err.splitlines()[-1] == "leafpress: 1 error; nothing was written"
    assert {k: v for k, v in site.snapshot().items() if k != "es/broken.svg"} == \
           {k: v for k, v in before.items() if k != "es/broken.svg"}


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere():
    plain, bar = io.StringIO(), io.StringIO()
    for stream, interactive in ((plain, False), (bar, True)):
        progress = Progress(stream, interactive=interactive)
        progress.start(2)
        progress.advance("en/a.pdf")
        progress.advance("en/b.pdf")
    assert plain.getvalue() == "[1/2] en/a.pdf\n[2/2] en/b.pdf\n"
    assert bar.getvalue().count("\r") == 2 and "[##############################] 2/2" in bar.getvalue()
