"""Approval records: an `approved` leaflet names who approved it, when, and the exact text they approved.

`leafpress approve` writes the record (`approved_by`, `approved_on`, `approved_text`, and for the
source a `history` entry). Here it is checked: `status: approved` without a record is an error,
and so is an approved text that has changed since, naming the parts that changed and the fix; and a signed
approval is verified, its history as a chain (checks/signatures.py).
"""

from __future__ import annotations

from pathlib import Path

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


def signature_problems(leaflet: Leaflet, source: Leaflet | None, allowed_signers: Path, required: bool,
                       shown_signers: str) -> list[Diagnostic]:
    """Errors for an approval whose signature is missing (where required), or does not verify; and for a
    history whose chain of signatures is broken (an entry edited, removed or reordered)."""
    from leafpress.checks import signatures

    if leaflet.status != APPROVED or not all(getattr(leaflet, key) for key in RECORD_KEYS):
        return []
    problems = []
    signed_history = [entry for entry in leaflet.history if entry.signature]
    if signed_history:
        previous = ""
        for number, entry in enumerate(leaflet.history, start=1):
            where = leaflet.line_of("history")
            if not entry.signature:
                problems.append(Diagnostic(leaflet.shown_path, where, f"history entry {number} (version "
                                           f"{entry.version}) is not signed, in a signed history: it was added or "
                                           "edited by hand"))
            else:
                data = signatures.payload(leaflet.leaflet_id, leaflet.lang, entry.version, entry.approved_by,
                                          entry.date.isoformat(), entry.text, previous)
                why = signatures.verify(data, entry.signature, allowed_signers, leaflet.leaflet_id)
                if why:
                    problems.append(Diagnostic(leaflet.shown_path, where, f"history entry {number} (version "
                                               f"{entry.version}, approved by {entry.approved_by} on "
                                               f"{entry.date.isoformat()}): its signature does not verify: {why}"))
            previous = entry.signature
    if not leaflet.approval_signature:
        if required:
            problems.append(Diagnostic(leaflet.shown_path, leaflet.line_of("approved_by"),
                                       "this approval is not signed, and the site requires signed approvals "
                                       "([governance] signatures = \"required\"): approve it again with "
                                       "--key <the approver's SSH key>"))
        return problems
    if leaflet.history:  # the source: its current approval is its last history entry
        last = leaflet.history[-1]
        for field, recorded, now in (("version", last.version, leaflet.version),
                                     ("approved_by", last.approved_by, leaflet.approved_by),
                                     ("approved_on", last.date, leaflet.approved_on),
                                     ("approved_text", last.text, signatures.text_digest(leaflet.approved_text)),
                                     ("approval_signature", last.signature, leaflet.approval_signature)):
            if recorded != now:
                problems.append(Diagnostic(leaflet.shown_path, leaflet.line_of(field), f"'{field}' is not what "
                                           f"was signed (the last history entry says '{recorded}'): it was edited "
                                           "after the approval"))
        previous = leaflet.history[-2].signature if len(leaflet.history) > 1 else ""
    else:  # a translation: chained to its source's approval of the same version
        previous = source_signature(source, leaflet.version)
    data = signatures.payload(leaflet.leaflet_id, leaflet.lang, leaflet.version, leaflet.approved_by,
                              leaflet.approved_on.isoformat(), signatures.text_digest(leaflet.approved_text), previous)
    why = signatures.verify(data, leaflet.approval_signature, allowed_signers, leaflet.leaflet_id)
    if why:
        problems.append(Diagnostic(leaflet.shown_path, leaflet.line_of("approval_signature"),
                                   f"the approval signature does not verify against {shown_signers}: {why} "
                                   "(it covers leaflet_id, version, the language, approved_by, approved_on, "
                                   "approved_text and the approval before it)"))
    return problems


def source_signature(source: Leaflet | None, version: str) -> str:
    """The signature of the source's approval of `version` (a translation's approval is chained to it), or ""."""
    entries = [entry for entry in (source.history if source is not None else ()) if entry.version == version]
    return entries[-1].signature if entries else ""
