"""Print packs: per language, the files staff hand out ([ci] print_pack: A4, large print, braille, audio) and a
catalogue of them.

`leafpress pack` reads output/outputs.json, which a whole build and `merge` write, and
makes `print-pack-<lang>/` folders for CI to publish as small downloads. Each holds an
`index.html` that lists that language's leaflets with links to its PDFs only, the
stylesheets that page needs, and `<lang>/` with the PDFs, each checked against its hash.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from leafpress.checks.readability import readability_store
from leafpress.config import SiteConfig
from leafpress.errors import ContentError, Diagnostic, UsageError, display_path
from leafpress.files import write_atomic
from leafpress.html.catalogue import catalogue
from leafpress.html.render import HtmlRenderer
from leafpress.model import Site
from leafpress.publish.manifest import LANGUAGE_INDEX
from leafpress.publish.output_folder import asset_outputs, check_target_folder


def pack_folder_name(lang: str) -> str:
    return f"print-pack-{lang}"


def write_packs(config: SiteConfig, site: Site, langs: list[str], target: Path, today,
                display_root: Path | None = None) -> list[tuple[Path, int]]:
    """Write one pack per language into `target`; return each pack's folder and its number of PDFs."""
    target = check_target_folder(target, config.output_dir, config.content_dir, "--to",
                                 "print packs are downloads made from the output", display_root)
    index_path = config.output_dir / LANGUAGE_INDEX
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ContentError.at(display_path(index_path, display_root), 0,
                              f"cannot read the output index ({error}): run the whole build, or 'merge' after a "
                              "sharded one, first") from None
    unknown = [lang for lang in langs if lang not in index]
    if unknown:
        raise UsageError.at("--lang", 0, f"no outputs for {', '.join(unknown)} in {display_path(index_path, display_root)}"
                                         f" (it has {', '.join(index)})")
    renderer = HtmlRenderer(config, today)
    store = readability_store(config)
    written = []
    for lang in langs or list(index):
        files = index[lang]["print_pack"]
        problems = _damaged(config.output_dir, index[lang]["outputs"], files, display_root)
        if problems:
            raise ContentError(problems)
        folder = target / pack_folder_name(lang)
        staging = target / f".{pack_folder_name(lang)}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        for relative in files:
            write_atomic(staging / relative, (config.output_dir / relative).read_bytes())
        for output in asset_outputs(config.theme):
            write_atomic(staging / output.relative_path, output.data)
        page = catalogue(renderer, site, lambda leaflet: store.assess(leaflet, config.readability).figures,
                         print_pack=(lang, config.ci.print_pack))
        write_atomic(staging / "index.html", page.encode())
        shutil.rmtree(folder, ignore_errors=True)  # a pack is replaced whole, never mixed with an older one
        staging.rename(folder)
        written.append((folder, len(files)))
    return written


def _damaged(output_dir: Path, outputs: list[dict], files: list[str], display_root: Path | None) -> list[Diagnostic]:
    expected = {entry["path"]: entry.get("sha256") for entry in outputs}
    problems = []
    for relative in files:
        path = output_dir / relative
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != expected.get(relative):
                problems.append(Diagnostic(display_path(path, display_root), 0,
                                           "differs from the file the build recorded in outputs.json"))
        except OSError:
            problems.append(Diagnostic(display_path(path, display_root), 0,
                                       "is listed in outputs.json but missing: build again"))
    return problems
