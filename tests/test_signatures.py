"""Approvals you can audit: signed with the approver's SSH key (ssh-keygen -Y sign), verified against the
site's allowed_signers, the history a chain; every hand edit fails `check`, naming the field or entry."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from conftest import Site, copy_site

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen (OpenSSH)")
EN, ES = "content/en/sample.md", "content/es/sample.md"
BY = "Dr A. Patel, consultant"


def keypair(site: Site, name: str, namespaces: str = "leafpress-approval@*") -> str:
    key = site.root / f"{name}.key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    public = key.with_suffix(".key.pub").read_text().strip()
    with (site.root / "allowed_signers").open("a") as signers:
        signers.write(f'{name}@clinic.example namespaces="{namespaces}" {public}\n')
    return str(key)


@pytest.fixture
def signed(tmp_path) -> Site:
    site = copy_site("multi", tmp_path / "multi")
    site.write("site.toml", site.read("site.toml") + '\n[governance]\nsignatures = "required"\n')
    site.key = keypair(site, "patel")
    return site


def approve(site: Site, *extra: str, key: str | None = None, date: str = "2026-12-01") -> int:
    return site.run("approve", "sample", "--by", BY, "--date", date, *(["--key", key or site.key]), *extra)


def errors(site: Site, capsys) -> list[str]:
    capsys.readouterr()
    site.run("check")
    captured = capsys.readouterr()
    return [line for line in (captured.err + captured.out).splitlines() if ": warning: " not in line]


def split(text: str) -> tuple[str, str]:
    """(front matter, body): the signatures' own dashes are not the closing '---' line."""
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    return head, body


def next_version(site: Site, version: str) -> None:
    """Raise the version and change a word, as an author does before the next approval."""
    head, body = split(site.read(EN))
    head = re.sub(r'^version: "[^"]*"', f'version: "{version}"', head, count=1, flags=re.M)
    site.write(EN, f"---\n{head}\n---\n" + body.replace("Take ", f"Take {version} ", 1))


def test_a_signed_chain_of_three_versions_verifies(signed, capsys):
    assert approve(signed) == 0
    for version, day in (("1.1", "2026-12-02"), ("1.2", "2026-12-03")):
        next_version(signed, version)
        assert approve(signed, date=day) == 0, capsys.readouterr().err
    history = yaml.safe_load(split(signed.read(EN))[0])["history"]
    assert [entry["version"] for entry in history] == ["1.0", "1.1", "1.2"]
    assert all(entry["signature"].startswith("-----BEGIN SSH SIGNATURE-----") for entry in history)
    assert errors(signed, capsys)[-1].endswith("no errors")


@pytest.mark.parametrize("forge, named", [
    (lambda t: t.replace(f'approved_by: "{BY}"', 'approved_by: "Dr B. Forger"', 1), "'approved_by' is not what was signed"),
    (lambda t: t.replace("approved_on: 2026-12-01", "approved_on: 2026-11-30", 1), "'approved_on' is not what was signed"),
    (lambda t: t.replace(f'    approved_by: "{BY}"', '    approved_by: "Dr B. Forger"', 1), "history entry 1 (version 1.0"),
    (lambda t: t.replace("    date: 2026-12-01", "    date: 2026-11-01", 1), "history entry 1 (version 1.0"),
    (lambda t: re.sub(r"  - version: \"1\.0\"\n(    .*\n|      .*\n)+", "", t, count=1), "history entry 1 (version 1.1"),
])
def test_a_hand_edited_approval_or_history_fails_naming_it(signed, capsys, forge, named):
    assert approve(signed) == 0
    next_version(signed, "1.1")
    assert approve(signed, date="2026-12-01") == 0, capsys.readouterr().err
    text = signed.read(EN)
    forged = forge(text)
    assert forged != text
    signed.write(EN, forged)
    found = errors(signed, capsys)
    assert any(named in line for line in found), found


def test_recomputed_hashes_of_an_edited_text_do_not_verify(signed, capsys):
    """The forger edits the text and writes its hashes with the project's own function."""
    from leafpress.config import load_config
    from leafpress.content.load import load_leaflet
    from leafpress.content.parts import fingerprints

    assert approve(signed) == 0
    signed.replace(EN, "Take medicines as prescribed.", "Take twice the medicines prescribed.")
    config = load_config(signed.config)
    parts = fingerprints(load_leaflet(signed.path(EN), "en", config))
    text = re.sub(r"approved_text:\n(  .*\n)+", "approved_text:\n" + "".join(f"  {k}: {v}\n" for k, v in parts.items()),
                  signed.read(EN))
    signed.write(EN, text)
    found = errors(signed, capsys)
    assert any("'approved_text' is not what was signed" in line for line in found), found
    assert any("the approval signature does not verify against allowed_signers" in line for line in found)


def test_a_translation_approved_after_its_source_is_chained_to_it(signed, capsys):
    assert approve(signed) == 0
    assert signed.run("mark-translated", "es") == 0
    assert approve(signed, "--lang", "es") == 0, capsys.readouterr().err
    assert errors(signed, capsys)[-1].endswith("no errors")
    signed.replace(ES, f'approved_by: "{BY}"', 'approved_by: "Dr B. Forger"')
    found = errors(signed, capsys)
    assert any(line.startswith(ES) and "the approval signature does not verify" in line for line in found), found


def test_an_unsigned_approval_is_refused_where_signatures_are_required(signed, capsys):
    assert signed.run("approve", "sample", "--by", BY, "--date", "2026-12-01") == 2
    assert "argument --key: this site requires signed approvals" in capsys.readouterr().err
    signed.replace("site.toml", 'signatures = "required"', 'signatures = "optional"')
    assert signed.run("approve", "sample", "--by", BY, "--date", "2026-12-01") == 0
    assert errors(signed, capsys)[-1].endswith("no errors")
    assert signed.run("build") == 0
    assert "(unsigned)" in signed.read("output/index.html") and "(unsigned)" in signed.read("output/en/sample.html")
    signed.replace("site.toml", 'signatures = "optional"', 'signatures = "required"')
    assert any("this approval is not signed, and the site requires signed approvals" in line
               for line in errors(signed, capsys))


def test_a_key_not_allowed_for_the_leaflet_does_not_verify(signed, capsys):
    outsider = keypair(signed, "outsider", namespaces="leafpress-approval@HIP-*")
    assert approve(signed, key=outsider) == 0
    found = errors(signed, capsys)
    assert any("does not verify" in line for line in found), found


@pytest.mark.parametrize("by, message", [
    ("Dr A. Patel\nApproved: everything", "must be one line of plain text"),
    ("Dr A. Patel \u202eltsetnoc", "must be one line of plain text: no line breaks, control or direction characters "
                                   "(found U+202E)"),
    ("x", "must name the approver in 3 to 120 characters"),
])
def test_the_approver_is_one_line_of_plain_text(signed, capsys, by, message):
    before = signed.read(EN)
    assert signed.run("approve", "sample", "--by", by, "--key", signed.key) == 2
    assert f"leafpress approve: error: argument --by: {message}" in capsys.readouterr().err
    assert signed.read(EN) == before
