"""Approval records: an `approved` leaflet names who approved it, when, and the exact text they approved.

`leafpress approve` writes the record (`approved_by`, `approved_on`, `approved_text`, and for the
source a `history` entry). Here it is checked: `status: approved` without a record is an error,
and so is an approved text that has changed since, naming the parts that changed and the fix.
"""

from __future__ import annotations

from leafpress.content.parts import fingerprints
from leafpress.errors import Diagnostic
from leafpress.model import Leaflet

APPROVED, AWAITING, DRAFT = "approved", "awaiting approval", "draft"
RECORD_KEYS = ("approved_by", "approved_on", "approved_text")


def changed_parts(leaflet: Leaflet) -> list[str]:
    """The parts whose text differs from the approved text (added and removed parts too)."""
    approved = leaflet.approved_text or {}
    now = fingerprints(leaflet)
    return [name for name in [*now, *(n for n in approved if n not in now)] if approved.get(name) != now.get(name)]


def approval_problems(leaflet: Leaflet, source_lang: str) -> list[Diagnostic]:
    """Errors for an `approved` leaflet without a record, or whose text changed since it was approved."""
    if leaflet.status != APPROVED:
        return []
    command = f"leafpress approve {leaflet.slug}" + ("" if leaflet.lang == source_lang else f" --lang {leaflet.lang}")
    missing = [key for key in RECORD_KEYS if not getattr(leaflet, key)]
    if missing:
        return [Diagnostic(leaflet.shown_path, leaflet.line_of("status"),
                           f"'status: approved' needs an approval record ({', '.join(missing)} missing): an approver "
                           f"runs '{command} --by \"Name, role\"'; until then write 'status: draft'")]
    changed = changed_parts(leaflet)
    if not changed:
        return []
    return [Diagnostic(leaflet.shown_path, leaflet.line_of("approved_text"),
                       f"the text changed in {', '.join(changed)} since {leaflet.approved_by} approved it on "
                       f"{leaflet.approved_on.isoformat()}: write 'status: draft' and raise 'version' (now "
                       f"{leaflet.version}) while it changes, then have it approved again ('{command} --by ...')")]


def approval_state(leaflet: Leaflet, source: Leaflet) -> str:
    """'approved', 'awaiting approval' (a translation of an approved source, not yet approved) or 'draft'."""
    if leaflet.status == APPROVED:
        return APPROVED
    if leaflet is not source and source.status == APPROVED:
        return AWAITING
    return DRAFT
