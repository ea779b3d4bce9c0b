"""`leafpress review SLUG`: the approver's pack, `<slug>.review.html` and `<slug>.review.pdf`.

It shows the current source text part by part, with the changes since the last approved version
marked (deletions struck through, insertions underlined; the stage table too), the readability
figures, and a box for the approval. The approved text comes from the source-text store, like a
translator's diff. The pack is for the approver, so it is never written into the published output.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from leafpress import locales
from leafpress.config import SiteConfig
from leafpress.content import load as content
from leafpress.content.parts import group_texts
from leafpress.errors import ContentError, UsageError, display_path
from leafpress.files import write_atomic
from leafpress.theme import jinja_environment
from leafpress.translation.source_texts import UNKNOWN, old_texts
from leafpress.translation.word_diff import EQUAL, word_diff


@dataclass(frozen=True)
class PartReview:
    name: str
    runs: list[tuple[str, str]]  # word runs: equal, removed, added
    changed: bool
    old_known: bool


def _parts(config: SiteConfig, leaflet) -> list[PartReview]:
    approved = leaflet.approved_text or {}
    current = group_texts(leaflet)
    found = old_texts(config, leaflet, set(approved.values())) if approved else {}
    reviews = []
    for name, text in current.items():
        digest = approved.get(name)
        old = found.get(digest) if digest else None
        if not approved:  # never approved: everything is new text
            reviews.append(PartReview(name, [(EQUAL, text)], False, True))
        elif old is None or old.found_in == UNKNOWN:
            reviews.append(PartReview(name, [("added", text)], True, digest is None))
        else:
            runs = word_diff(old.text, text)
            reviews.append(PartReview(name, runs, any(kind != EQUAL for kind, _ in runs), True))
    for name in approved:
        if name not in current and approved[name] in found and found[approved[name]].text:
            reviews.append(PartReview(name, [("removed", found[approved[name]].text)], True, True))
    return reviews


def review_pack(config: SiteConfig, slug: str, out_dir: Path, today: date,
                display_root: Path | None = None) -> list[str]:
    """Write the pack for one leaflet's source text into `out_dir`; return the files written."""
    from leafpress.checks.readability import readability_store
    from leafpress.pdf.render import PdfRenderer
    from leafpress.pdf.sandbox import page_url
    from leafpress.publish.output_folder import check_target_folder

    source_lang = config.languages.source
    path = config.content_dir / source_lang / f"{slug}.md"
    if not path.is_file():
        raise ContentError.at(display_path(path, display_root), 0, f"no such leaflet: '{slug}'")
    out_dir = check_target_folder(out_dir, config.output_dir, config.content_dir, "-o",
                                  "a review pack is for the approver", display_root)
    leaflet = content.load_leaflet(path, source_lang, config, display_root)
    figures = readability_store(config).assess(leaflet, config.readability).figures
    last = leaflet.history[-1] if leaflet.history else None
    html = TEMPLATES.get_template("review.html").render(
        leaflet=leaflet, parts=_parts(config, leaflet), figures=figures, last=last, today=today,
        organisation=config.organisation.name, lang=source_lang, dir=locales.text_direction(source_lang),
        long_date=lambda value: locales.long_date(value, source_lang))
    renderer = PdfRenderer(config.theme, config.content_dir)
    pdf, _, _ = renderer.render(html, page_url(source_lang, f"{slug}.review"), leaflet.shown_path, "pdf/ua-1")
    written = []
    for name, data in ((f"{slug}.review.html", html.encode("utf-8")), (f"{slug}.review.pdf", pdf)):
        if (out_dir / name).exists() and not (out_dir / name).is_file():
            raise UsageError.at("-o", 0, f"{display_path(out_dir / name, display_root)} exists and is not a file")
    for name, data in ((f"{slug}.review.html", html.encode("utf-8")), (f"{slug}.review.pdf", pdf)):
        write_atomic(out_dir / name, data)
        written.append(display_path(out_dir / name, display_root))
    return written


TEMPLATES = jinja_environment([Path(__file__).parent / "templates"])

