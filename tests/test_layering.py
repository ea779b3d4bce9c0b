"""The package is laid out as the pipeline: a stage imports only earlier stages and the shared modules.

load (content) -> check (checks) -> plan -> render HTML (html) -> render PDF (pdf) -> publish,
with `pipeline` running them in order. The workflows (translation, governance, serve, scaffold,
cli) sit on top and may import anything; nothing in the core imports a workflow.
"""

from __future__ import annotations

import ast

import pytest

from conftest import PROJECT

PACKAGE = PROJECT / "leafpress"
SHARED = {"leafpress", "leafpress.config", "leafpress.errors", "leafpress.model", "leafpress.editions",
          "leafpress.files", "leafpress.locales", "leafpress.theme", "leafpress.progress", "leafpress.stored_results"}
STAGES = {"content": 1, "checks": 2, "plan": 3, "html": 4, "pdf": 5, "braille": 5, "audio": 5, "media": 5,
          "publish": 6, "pipeline": 7}
WORKFLOWS = {"translation", "governance", "serve", "scaffold", "cli", "ci", "__main__"}


def module_name(path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str | int:
    """'shared', a stage number, or 'workflow'."""
    if module in SHARED:
        return "shared"
    first = module.split(".")[1]
    if first in STAGES:
        return STAGES[first]
    if first in WORKFLOWS:
        return "workflow"
    raise AssertionError(f"{module} is in no layer: add it to SHARED, STAGES or WORKFLOWS")


def imports(path) -> list[tuple[int, str]]:
    """Every leafpress module a file imports, anywhere in it (function-level imports too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("leafpress")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("leafpress"):
            # `from leafpress.content import load` imports the module leafpress.content.load
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists() or \
                    (PACKAGE.parent / candidate.replace(".", "/")).is_dir()
                found.append((node.lineno, candidate if is_module else node.module))
    return found


MODULES = sorted(path for path in PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer():
    for path in MODULES:
        layer(module_name(path))


def violations(path, importer: str) -> list[str]:
    """Each import of `path` (the module `importer`) that reaches a later stage or a workflow."""
    own = layer(importer)
    if own == "workflow":
        return []
    wrong = []
    for line, imported in imports(path):
        theirs = layer(imported)
        allowed = theirs == "shared" or (own != "shared" and isinstance(theirs, int) and theirs <= own)
        if not allowed:
            wrong.append(f"{path.name}:{line}: {importer} ({own}) imports {imported} ({theirs})")
    return wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_a_module_imports_only_its_own_or_earlier_layers(path):
    assert violations(path, module_name(path)) == []


def test_the_layering_test_catches_an_upward_import(tmp_path):
    """A stage that imports a later stage or a workflow is reported: the rule above is live."""
    source = (PACKAGE / "checks" / "crossfile.py").read_text(encoding="utf-8")
    copy = tmp_path / "crossfile.py"
    copy.write_text(source + "\nfrom leafpress.translation import exchange\nfrom leafpress.pdf.pool import PdfJob\n",
                    encoding="utf-8")
    found = violations(copy, "leafpress.checks.crossfile")
    assert [entry.split(": ", 1)[1] for entry in found] == [
        "leafpress.checks.crossfile (2) imports leafpress.translation.exchange (workflow)",
        "leafpress.checks.crossfile (2) imports leafpress.pdf.pool (5)"]
