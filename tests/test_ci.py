"""CI at scale: the workflows, shards sized to the site, merge's checks, print packs, and a restored cache."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, copy_site

WORKFLOWS = [PROJECT / ".github" / "workflows" / "build.yml",
             PROJECT / "leafpress" / "scaffold" / "site" / ".github" / "workflows" / "build.yml"]
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=["project", "new-site"])
def test_the_workflow_passes_githubs_schema(workflow):
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(workflow)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_fails_on_a_broken_workflow(tmp_path):
    broken = tmp_path / "build.yml"
    broken.write_text(WORKFLOWS[0].read_text().replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04", 1))
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=["project", "new-site"])
def test_every_action_is_pinned_to_a_full_commit(workflow):
    uses = re.findall(r"uses:\s*(\S+)", workflow.read_text())
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=["project", "new-site"])
def test_the_build_matrix_comes_from_plan_and_each_shard_restores_its_own_cache(workflow):
    jobs = yaml.safe_load(workflow.read_text())["jobs"]
    plan_step = next(step for step in jobs["plan"]["steps"] if step.get("id") == "plan")
    assert "plan --shards auto --json" in plan_step["run"]
    assert jobs["build"]["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    cache = next(step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"].split() == [".leafpress-cache", "output"]
    assert "matrix.shard" in cache["with"]["key"] and "github.sha" in cache["with"]["key"]
    assert cache["with"]["restore-keys"].strip() == cache["with"]["key"].replace("${{ github.sha }}", "")
    runs = [step.get("run", "") for step in jobs["publish"]["steps"]]
    assert any("merge ${{ needs.plan.outputs.shards }}" in run for run in runs)
    assert jobs["print-pack"]["strategy"]["matrix"]["lang"] == "${{ fromJSON(needs.plan.outputs.languages) }}"
    deploy = jobs["deploy-pages"]
    assert "default_branch" in deploy["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def plan_json(site, capsys, *args) -> dict:
    capsys.readouterr()
    assert site.run("plan", "--json", *args) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_sizes_the_shards_to_the_site(multi, capsys):
    plan = plan_json(multi, capsys)
    assert plan["shards"] == 1 and plan["matrix"] == {"shard": [1]}
    assert plan["languages"] == ["en", "es", "ar"] and plan["pages"] == 3 and plan["pdfs"] == 3
    # The same site, if each output took 10 minutes of CPU on one core: 3 outputs need 3 jobs of 10 minutes.
    multi.config.write_text(multi.config.read_text() + "\n[ci]\noutput_cpu_ms = 600000\nrunner_cores = 1\n")
    plan = plan_json(multi, capsys)
    assert plan["shards"] == 3 and plan["matrix"] == {"shard": [1, 2, 3]}
    assert plan["estimated_minutes"] == 30.0 and plan["estimated_minutes_per_shard"] == 10.0


def test_plan_stops_at_max_shards_and_says_so(multi, capsys):
    multi.config.write_text(multi.config.read_text() + "\n[ci]\noutput_cpu_ms = 600000\nrunner_cores = 1\n"
                                                        "max_shards = 2\n")
    assert multi.run("plan", "--json") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["shards"] == 2
    assert ("leafpress: warning: the site needs 3 jobs of 10 minutes, but [ci] max_shards is 2: each job will "
            "take about 15 minutes") in captured.err


def test_plan_takes_a_fixed_count_and_refuses_a_bad_one(multi, capsys):
    assert plan_json(multi, capsys, "--shards", "2")["matrix"] == {"shard": [1, 2]}
    assert multi.run("plan", "--shards", "many") == 2
    assert "argument --shards: 'many' is not 'auto' or a number of shards from 1 to 256" in capsys.readouterr().err


def test_plan_of_a_site_with_bad_content_fails_with_its_line(multi, capsys):
    page = multi.root / "content" / "en" / "sample.md"
    page.write_text(page.read_text().replace("title:", "titel:", 1))
    assert multi.run("plan", "--json") == 1
    assert "content/en/sample.md:" in capsys.readouterr().err


@pytest.mark.parametrize("text, message", [
    ("[ci]\nmax_shards = 300\n", "site.toml:2: [ci] max_shards must be at most 256 (GitHub's limit on one job matrix)"),
    ("[ci]\nshard_minutes = 0\n", "site.toml:2: [ci] shard_minutes must be at least 1"),
    ("[ci]\nprint_pack = [\"a3\"]\n", "site.toml:2: [ci] print_pack: no edition 'a3'"),
    ("[ci]\ndeploy = \"ftp\"\n", "site.toml:2: [ci] deploy must be 'github-pages', 'command' or 'none', not 'ftp'"),
    ("[ci]\ndeploy = \"command\"\n", "site.toml:2: [ci] deploy = 'command' needs deploy_command"),
])
def test_ci_settings_are_checked(multi, capsys, text, message):
    multi.config.write_text(text + multi.config.read_text())
    assert multi.run("plan") == 1
    assert message in capsys.readouterr().err


def sharded(tmp_path, name="multi", shards=2, env=None, monkeypatch=None) -> tuple[list, object]:
    """Build each shard in its own copy (as CI's jobs do) and copy every output into one merge folder."""
    sites = []
    for number in range(1, shards + 1):
        site = copy_site(name, tmp_path / f"shard{number}")
        assert site.run("build", "--shard", f"{number}/{shards}") == 0
        sites.append(site)
    merged = copy_site(name, tmp_path / "merged")
    for site in sites:
        shutil.copytree(site.output, merged.output, dirs_exist_ok=True)
    return sites, merged


def test_merge_writes_the_manifest_and_the_index_by_language(tmp_path, built_multi):
    _, merged = sharded(tmp_path)
    assert merged.run("merge", "2") == 0
    assert merged.read("output/manifest.json") == built_multi.read("output/manifest.json")
    index = json.loads(merged.read("output/outputs.json"))
    assert index == json.loads(built_multi.read("output/outputs.json"))
    assert set(index["languages"]) == {"en", "es", "ar"}
    assert index["print_pack_editions"] == ["a4", "large-print", "braille", "audio", "transcript"]
    for lang, entry in index["languages"].items():
        assert entry["print_pack"] == [f"{lang}/sample.pdf"]  # the multi site builds A4 only
        assert {o["path"] for o in entry["outputs"]} == {f"{lang}/sample.html", f"{lang}/sample.pdf"}
        assert all(o["leaflet"] == "sample" for o in entry["outputs"])


def test_merge_names_a_missing_shard(tmp_path, capsys):
    sites, merged = sharded(tmp_path)
    (merged.output / "manifest.shard-2-of-2.json").unlink()
    before = merged.snapshot()
    assert merged.run("merge", "2") == 1
    assert ("output/manifest.shard-2-of-2.json: missing: shard 2 of 2 did not finish, or its output was not "
            "copied into this folder") in capsys.readouterr().err
    assert merged.snapshot() == before  # nothing written


def test_merge_refuses_a_shard_of_another_commit(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_SHA", "a" * 40)
    sites, merged = sharded(tmp_path)
    monkeypatch.setenv("GITHUB_SHA", "b" * 40)
    before = merged.snapshot()
    assert merged.run("merge", "2") == 1
    err = capsys.readouterr().err
    assert ("output/manifest.shard-1-of-2.json: built from commit aaaaaaaaaaaa, but this checkout is at "
            "bbbbbbbbbbbb: a shard of another push") in err
    assert merged.snapshot() == before


def test_merge_refuses_a_shard_of_other_content(tmp_path, capsys):
    sites, merged = sharded(tmp_path)
    page = merged.root / "content" / "es" / "sample.md"
    page.write_text(page.read_text() + "\nUna frase más.\n")
    assert merged.run("merge", "2") == 1
    err = capsys.readouterr().err
    assert "output/manifest.shard-1-of-2.json: built from other content, templates or settings than this " \
           "checkout has" in err


def test_merge_refuses_a_missing_or_changed_file_and_a_manifest_of_another_count(tmp_path, capsys):
    sites, merged = sharded(tmp_path)
    manifest = json.loads((merged.output / "manifest.shard-1-of-2.json").read_text())
    listed = next(entry["path"] for entry in manifest["outputs"] if entry["path"].endswith(".pdf"))
    (merged.output / listed).unlink()
    shutil.copy(merged.output / "manifest.shard-1-of-2.json", merged.output / "manifest.shard-1-of-3.json")
    assert merged.run("merge", "2") == 1
    err = capsys.readouterr().err
    assert "output/manifest.shard-1-of-3.json: from a build in 3 shards, not 2" in err
    (merged.output / "manifest.shard-1-of-3.json").unlink()
    assert merged.run("merge", "2") == 1
    assert f"output/{listed}: is listed in its shard's manifest but missing from the folder" in \
        capsys.readouterr().err


def test_a_shard_build_removes_what_is_no_longer_its_own(tmp_path):
    """A restored CI cache may hold a withdrawn leaflet's files, or files that moved to another shard."""
    site = copy_site("multi", tmp_path / "site")
    assert site.run("build", "--shard", "1/2") == 0
    mine = {entry["path"] for entry in json.loads((site.output / "manifest.shard-1-of-2.json").read_text())["outputs"]}
    withdrawn, moved = site.output / "ar" / "withdrawn.pdf", site.output / "es" / "sample.pdf"
    assert "ar/sample.pdf" in mine and "es/sample.pdf" not in mine
    for stale in (withdrawn, moved):
        stale.parent.mkdir(exist_ok=True)
        stale.write_bytes(b"%PDF-1.7 stale")
    assert site.run("build", "--shard", "1/2") == 0
    assert not withdrawn.exists() and not moved.exists()
    assert (site.output / "ar" / "sample.pdf").is_file()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])


def test_print_packs_hold_each_languages_a4_large_print_braille_and_audio_and_a_catalogue(built_clinic, tmp_path,
                                                                                          capsys):
    assert built_clinic.run("pack", "--to", str(tmp_path / "packs")) == 0
    out = capsys.readouterr().out
    index = json.loads(built_clinic.read("output/outputs.json"))["languages"]
    for lang in ("en", "es", "ar"):
        folder = tmp_path / "packs" / f"print-pack-{lang}"
        assert f"wrote {folder} ({len(index[lang]['print_pack'])} files)" in out
        files = sorted(p.relative_to(folder).as_posix() for p in (folder / lang).rglob("*") if p.is_file())
        assert files == sorted(index[lang]["print_pack"])
        assert {re.sub(r"^[a-z-]+", "", Path(f).name) for f in files} == \
            {".pdf", ".large-print.pdf", ".brf", ".opus", ".transcript.txt"}
        for relative in files:
            assert (folder / relative).read_bytes() == (built_clinic.output / relative).read_bytes()
        parser = Links()
        parser.feed((folder / "index.html").read_text(encoding="utf-8"))
        local = [link for link in parser.links if not link.startswith(("http", "#", "mailto:"))]
        assert local and all((folder / link).is_file() for link in local), local  # no broken link in the pack
        assert {link for link in local if link.startswith(f"{lang}/")} == set(files)
        assert (folder / "assets").is_dir()


def test_pack_refuses_a_folder_inside_the_output_and_needs_a_build(multi, capsys):
    assert multi.run("pack", "--to", str(multi.output / "packs")) == 2
    assert "is inside the published output folder: print packs are downloads made from the output; choose " \
           "another folder" in capsys.readouterr().err
    assert multi.run("pack", "--to", str(multi.root / "packs")) == 1
    assert "output/outputs.json: cannot read the output index" in capsys.readouterr().err
    assert not (multi.root / "packs").exists()


def test_deploy_runs_the_sites_command_with_the_output_folder(built_multi, tmp_path, capsys):
    site = copy_site("multi", tmp_path / "site")
    shutil.copytree(built_multi.output, site.output)
    record = tmp_path / "deployed.txt"
    site.config.write_text(site.config.read_text() + f'\n[ci]\ndeploy = "command"\n'
                                                      f'deploy_command = "echo $LEAFPRESS_OUTPUT > {record}"\n')
    assert site.run("deploy") == 0
    assert record.read_text().strip() == str(site.output)
    site.config.write_text(site.config.read_text().replace(f"echo $LEAFPRESS_OUTPUT > {record}", "exit 3"))
    assert site.run("deploy") == 1
    assert "site.toml: [ci] deploy_command failed with exit code 3" in capsys.readouterr().err


def built_counts(text: str) -> tuple[int, int]:
    match = re.search(r"leafpress: (\d+) outputs built .*?, (\d+) unchanged", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=CI", "-c", "user.email=ci@example.org", *args],
                   check=True, capture_output=True)


def test_a_fresh_clone_with_a_restored_cache_renders_only_the_edited_leaflet(tmp_path, capsys):
    """What the workflow does: each push is a fresh clone; actions/cache restores .leafpress-cache and
    output from the build before, with new modification times on every file."""
    source = copy_site("clinic", tmp_path / "repository")
    git(source.root, "init", "-q", "-b", "main")
    git(source.root, "add", ".")
    git(source.root, "commit", "-q", "-m", "leaflets")
    first, second = tmp_path / "push-1", tmp_path / "push-2"
    for clone in (first, second):
        subprocess.run(["git", "clone", "-q", str(source.root), str(clone)], check=True)
    from conftest import Site

    earlier, later = Site(first), Site(second)
    assert earlier.run("build", "--shard", "1/1") == 0
    total, _ = built_counts(capsys.readouterr().out)
    for folder in (".leafpress-cache", "output"):  # copied, not moved: every restored file is new on disk
        shutil.copytree(first / folder, second / folder, copy_function=shutil.copyfile)

    assert later.run("build", "--shard", "1/1") == 0
    assert built_counts(capsys.readouterr().out) == (0, total)

    page = second / "content" / "en" / "mri-scan.md"
    page.write_text(page.read_text().replace("MRI", "MRI (magnetic resonance imaging)", 1))
    before = {p.relative_to(second).as_posix(): p.read_bytes() for p in (second / "output").rglob("*") if p.is_file()}
    assert later.run("build", "--shard", "1/1") == 0
    built, unchanged = built_counts(capsys.readouterr().out)
    manifest = json.loads((second / "output" / "manifest.shard-1-of-1.json").read_text())["outputs"]
    mine = [entry["path"] for entry in manifest if entry["leaflet"] == "mri-scan"]
    assert {entry["language"] for entry in manifest if entry["leaflet"] == "mri-scan"} == {"en", "es", "ar"}
    assert built == len(mine) and unchanged == total - len(mine)
    after = {p.relative_to(second).as_posix(): p.read_bytes() for p in (second / "output").rglob("*") if p.is_file()}
    changed = {path for path in after if before.get(path) != after[path] and path.endswith((".pdf", ".html"))}
    assert changed - {"output/index.html"} <= {f"output/{path}" for path in mine}
    assert all(hashlib.sha256(after[f"output/{e['path']}"]).hexdigest() == e["sha256"] for e in manifest)
