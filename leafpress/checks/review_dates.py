"""Review dates: a leaflet near its next review is flagged, one past it says so on every page."""

from __future__ import annotations

from datetime import date

from leafpress.errors import Diagnostic
from leafpress.model import Leaflet

CURRENT, DUE, OVERDUE = "current", "due", "overdue"


def review_state(leaflet: Leaflet, today: date, warning_days: int) -> str:
    days_left = (leaflet.next_review - today).days
    if days_left < 0:
        return OVERDUE
    return DUE if days_left <= warning_days else CURRENT


def review_warnings(leaflets: list[Leaflet], today: date, warning_days: int) -> list[Diagnostic]:
    """A warning for each leaflet due for review soon; overdue ones also fail under --strict."""
    warnings = []
    for leaflet in leaflets:
        state = review_state(leaflet, today, warning_days)
        line = leaflet.line_of("next_review")
        if state == OVERDUE:
            warnings.append(Diagnostic(leaflet.shown_path, line,
                                       f"review overdue since {leaflet.next_review.isoformat()}: the PDF says "
                                       "'Review overdue' on every page", severity="warning"))
        elif state == DUE:
            days = (leaflet.next_review - today).days
            warnings.append(Diagnostic(leaflet.shown_path, line,
                                       f"review due in {days} days ({leaflet.next_review.isoformat()})",
                                       severity="warning", strict_error=False))
    return warnings
