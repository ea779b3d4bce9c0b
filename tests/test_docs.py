"""The docs say what the code does: every key, edition and check is documented, and every link resolves.

(The tests that the configuration keys and front-matter keys are documented moved here from the
README, which is now short, to the reference and authors pages.)
"""

from __future__ import annotations

import re

from conftest import PROJECT
from leafpress.checks.registry import CHECKS
from leafpress.config import documented_keys
from leafpress.content.load import front_matter_schema
from leafpress.editions import BUILT_IN

README = (PROJECT / "README.md").read_text(encoding="utf-8")
DOCS = PROJECT / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_site_toml_key_is_in_the_reference():
    reference = page("reference.md")
    for key in documented_keys():
        assert f"| `{key}` |" in reference, key


def test_every_front_matter_key_is_in_the_authors_page():
    authors = page("authors.md")
    for field in front_matter_schema(1, "x", []):
        assert f"| `{field.name}` |" in authors


def test_every_edition_of_the_registry_is_in_the_printing_page():
    printing = page("printing.md")
    for edition in BUILT_IN:
        assert f"| `{edition.name}` | `<slug>{edition.suffix}` |" in printing


def test_every_check_is_in_the_authors_page():
    authors = page("authors.md")
    for check in CHECKS:
        names = ", ".join(f"`{rule.name}`" for rule in check.rules)
        assert re.search(rf"\| `{re.escape(check.name)}` \| [^|]+ \| {re.escape(names)} ?\|", authors), check.name


def test_quick_start_is_two_commands_and_ci_runs_the_test_command():
    quick_start = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.strip().splitlines()]
    assert commands == ["python3 build.py", "python3 build.py test"]
    assert "python3 build.py test" in (PROJECT / ".ci" / "run").read_text().splitlines()


def test_the_readme_is_short_and_links_every_docs_page():
    assert len(README.splitlines()) < 200
    for path in sorted(DOCS.glob("*.md")):
        if path.name != "README.md":
            assert f"(docs/{path.name})" in README, path.name


def test_every_relative_link_in_the_docs_resolves():
    for path in [PROJECT / "README.md", *sorted(DOCS.glob("*.md"))]:
        prose = re.sub(r"(?s)```.*?```|`[^`]*`", "", path.read_text(encoding="utf-8"))  # examples are not links
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (path.parent / target).exists(), f"{path.relative_to(PROJECT)}: {target}"
