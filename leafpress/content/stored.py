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
    """The leaflet as JSON. A section's text, a third of a leaflet's size, is left out where it is the body's
    lines under its heading, as loading makes it: it is cut from the body again when read."""
    data = asdict(leaflet)
    data["path"] = str(leaflet.path)
    for name in DATES:
        data[name] = data[name].isoformat() if data[name] else None
    data["history"] = [{**entry, "date": entry["date"].isoformat()} for entry in data["history"]]
    lines = leaflet.body.split("\n")
    for index, section in enumerate(data["sections"]):
        if section["text"] == _section_text(lines, leaflet.body_line, data["sections"], index):
            del section["text"]
    return data


def _section_text(lines: list[str], body_line: int, sections: list[dict], index: int) -> str:
    """The body's lines after the section's heading, up to the next heading, as scan_body joins them."""
    end = sections[index + 1]["line"] if index + 1 < len(sections) else body_line + len(lines)
    return "\n".join(lines[sections[index]["line"] - body_line + 1:end - body_line]).strip()


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
    lines, sections = values["body"].split("\n"), values["sections"]
    values["sections"] = tuple(Section(**s) if "text" in s else
                               Section(**s, text=_section_text(lines, values["body_line"], sections, index))
                               for index, s in enumerate(sections))
    table = values["stage_table"]
    values["stage_table"] = StageTable(table["caption"], tuple(table["columns"]), table["line"])
    values["editions"] = tuple(values["editions"]) if values["editions"] is not None else None
    values["history"] = tuple(Approval(**{**entry, "date": date.fromisoformat(entry["date"])})
                              for entry in values["history"])
    return Leaflet(**values)
