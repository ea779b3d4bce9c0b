"""The catalogue page (`output/index.html`): every leaflet, language and edition, for staff to print from."""

from __future__ import annotations

from leafpress import locales
from leafpress.checks.approval import approval_state
from leafpress.checks.review_dates import review_state
from leafpress.html.render import HtmlRenderer
from leafpress.model import Site
from leafpress.plan.outputs import editions_of


def catalogue(renderer: HtmlRenderer, site: Site, readability=lambda leaflet: None,
              print_pack: tuple[str, tuple[str, ...]] | None = None) -> str:
    """The catalogue; `readability(leaflet)` gives a leaflet's figures (checks/readability.py), or None.

    `print_pack` (language, editions): the catalogue of one language's print pack, which links only
    the PDFs of those editions in that language.
    """
    config = renderer.config
    lang = config.languages.source
    editions = {slug: [edition for edition in editions_of(versions[lang], config)
                       if print_pack is None or edition.name in print_pack[1]]
                for slug, versions in site.leaflets.items()}
    leaflets = {slug: versions for slug, versions in site.leaflets.items()
                if print_pack is None or print_pack[0] in versions}
    # What the search box matches: titles, summaries, IDs and departments in every language.
    search_text = {slug: " ".join(" ".join([doc.title, doc.summary, doc.leaflet_id, doc.owner, slug])
                                  for doc in versions.values()).casefold()
                   for slug, versions in site.leaflets.items()}
    owners = sorted({versions[lang].owner for versions in site.leaflets.values()})
    warning_days = config.editions.review_warning_days
    return renderer.render(
        lang, "index.html", site=config, leaflets=leaflets, lang=lang, print_pack=print_pack is not None,
        shown_languages=(print_pack[0],) if print_pack else (), search_text=search_text,
        owners=owners, dir=locales.text_direction(lang), hyphenate=False, assets="assets", editions=editions,
        today=renderer.today, readability=readability,
        approval=lambda leaflet, slug: approval_state(leaflet, site.leaflets[slug][lang]),
        review_state=lambda leaflet: review_state(leaflet, renderer.today, warning_days))
