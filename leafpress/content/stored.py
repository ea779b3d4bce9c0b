"""A parsed leaflet as plain JSON and back, for the stored results (`stored_results.py`).

JSON, never pickle: the stored results travel between CI jobs in a cache, and reading them
back must not be able to run code.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

from leafpress.model import Approval, Leaflet, Section, Stage, StageTable

DATES = {"published", "next_review", "approved_on"}


def leaflet_json(leaflet: Leaflet) -> dict:
    data = asdict(leaflet)
    data["path"] = str(leaflet.path)
    for name in DATES:
        data[name] = data[name].isoformat() if data[name] else None
    data["history"] = [{**entry, "date": entry["date"].isoformat()} for entry in data["history"]]
    return data


def leaflet_from_json(data: dict) -> Leaflet:
    """The leaflet `leaflet_json` wrote; a field missing, unknown or of another shape raises TypeError or KeyError."""
    values = dict(data)
    if set(values) != {f.name for f in fields(Leaflet)}:
        raise KeyError("the stored fields are not a leaflet's")
    values["path"] = Path(values["path"])
    for name in DATES:
        values[name] = date.fromisoformat(values[name]) if values[name] else None
    values["sources"] = tuple(values["sources"])
    values["stages"] = tuple(Stage(s["name"], s["goal"], tuple(s["treatments"]), s["line"]) for s in values["stages"])
    values["sections"] = tuple(Section(**s) for s in values["sections"])
    table = values["stage_table"]
    values["stage_table"] = StageTable(table["caption"], tuple(table["columns"]), table["line"])
    values["editions"] = tuple(values["editions"]) if values["editions"] is not None else None
    values["history"] = tuple(Approval(**{**entry, "date": date.fromisoformat(entry["date"])})
                              for entry in values["history"])
    return Leaflet(**values)
