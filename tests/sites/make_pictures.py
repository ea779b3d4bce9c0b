"""Draw the pictures of the sample site and of the real content: simple line drawings, our own.

    .venv/bin/python tests/sites/make_pictures.py

Writes SVG figures of people doing back exercises (a stick figure posed by its joints), a
diagram of the sciatic nerve, and one large PNG (1200 x 700 px, to test that pictures scale to
the page). The output is deterministic; the files are committed, so a build never runs this.
"""

from __future__ import annotations

import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
INK, SOFT, FLOOR = "#1b1f23", "#0b5563", "#8a96a0"


def _svg(width: int, height: int, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">\n{body}</svg>\n')


def _line(points, width=6, colour=INK) -> str:
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return (f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}" '
            'stroke-linecap="round" stroke-linejoin="round"/>\n')


def _limb(start, *segments):
    """Joint positions from a start point and (length, angle in degrees) segments; 0 degrees points right."""
    points = [start]
    for length, angle in segments:
        x, y = points[-1]
        points.append((x + length * math.cos(math.radians(angle)), y - length * math.sin(math.radians(angle))))
    return points


def figure(pose: dict, floor: float = 190, width: int = 400, height: int = 220, arrow: str = "") -> str:
    """A stick figure: hip, body angle, and the angles of thighs, shins, upper arms and forearms."""
    hip = pose["hip"]
    spine = _limb(hip, (70, pose["body"]))
    shoulder = spine[-1]
    neck = _limb(shoulder, (14, pose["body"]))[-1]
    head_x = neck[0] + 18 * math.cos(math.radians(pose["body"]))
    head_y = neck[1] - 18 * math.sin(math.radians(pose["body"]))
    parts = [f'<line x1="10" y1="{floor}" x2="{width - 10}" y2="{floor}" stroke="{FLOOR}" stroke-width="3"/>\n']
    for leg in pose["legs"]:
        parts.append(_line(_limb(hip, (58, leg[0]), (56, leg[1]))))
    for arm in pose["arms"]:
        parts.append(_line(_limb(shoulder, (44, arm[0]), (40, arm[1]))))
    parts.append(_line([hip, shoulder, neck], width=8))
    parts.append(f'<circle cx="{head_x:.1f}" cy="{head_y:.1f}" r="16" fill="#fff" stroke="{INK}" stroke-width="6"/>\n')
    if arrow:
        parts.append(f'<path d="{arrow}" fill="none" stroke="{SOFT}" stroke-width="4" stroke-dasharray="8 6" '
                     'marker-end="url(#arrow)"/>\n')
        parts.insert(0, f'<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" '
                        f'markerHeight="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{SOFT}"/></marker></defs>\n')
    return _svg(width, height, "".join(parts))


EXERCISES = {
    # Lying on the back, one knee hugged to the chest.
    "knee-to-chest": dict(hip=(230, 172), body=180, legs=[(0, 0), (120, -60)], arms=[(-60, 40), (-40, 20)]),
    # Lying on the back, knees bent, the lower back pressed to the floor.
    "pelvic-tilt": dict(hip=(230, 172), body=180, legs=[(40, -40), (42, -42)], arms=[(-10, -5), (-5, 0)]),
    # The bridge: hips lifted, shoulders on the floor.
    "bridge": dict(hip=(230, 160), body=197, legs=[(28, -80), (30, -78)], arms=[(-170, -178), (-172, -176)]),
    # Knees rolled to one side.
    "knee-rolls": dict(hip=(230, 172), body=180, legs=[(30, -30), (18, -20)], arms=[(200, 170), (-40, -10)]),
    # On hands and knees, the back rounded up.
    "cat-camel": dict(hip=(260, 110), body=170, legs=[(-90, 0), (-88, 2)], arms=[(-90, -90), (-88, -88)]),
    # On hands and knees, one arm and the opposite leg stretched out.
    "bird-dog": dict(hip=(250, 112), body=180, legs=[(-90, 0), (0, 0)], arms=[(-90, -90), (175, 180)]),
    # Lying on the front, pushing up on the forearms.
    "back-extension": dict(hip=(150, 178), body=20, legs=[(180, 180), (182, 178)], arms=[(-80, 0), (-75, 2)]),
    # Standing, hands on the lower back, leaning back a little.
    "standing-back-bend": dict(hip=(200, 141), body=100, legs=[(-86, -90), (-94, -90)], arms=[(-110, 20), (-115, 25)],
                               floor=255, height=270),
}


def sciatic_nerve() -> str:
    """A diagram: the lower spine, a disc pressing on a nerve root, the nerve running down the leg."""
    parts = []
    for index in range(5):  # the lumbar vertebrae and the discs between them
        y = 30 + index * 46
        parts.append(f'<rect x="140" y="{y}" width="90" height="34" rx="8" fill="#e3f0f1" stroke="{INK}" '
                     'stroke-width="4"/>\n')
        if index < 4:
            bulge = ' rx="6"' if index != 3 else ' rx="6" transform="translate(10,0)"'
            parts.append(f'<rect x="148" y="{y + 36}" width="74" height="8"{bulge} fill="{SOFT}"/>\n')
    parts.append('<path d="M200,192 C260,200 270,250 290,300 C305,340 300,380 310,420" fill="none" '
                 'stroke="#9b1c1c" stroke-width="6" stroke-linecap="round"/>\n')
    parts.append('<circle cx="236" cy="172" r="16" fill="none" stroke="#9b1c1c" stroke-width="3" '
                 'stroke-dasharray="6 4"/>\n')
    return _svg(420, 440, "".join(parts))


def scanner_png(path: Path) -> None:
    """A large raster picture (1200 x 700): an MRI scanner, a ring with a table sliding into it, cut out
    (a transparent background, as clip art comes), so the press file has a picture to flatten."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (1200, 700), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((250, 60, 950, 620), radius=80, outline=(27, 31, 35), width=14, fill=(227, 240, 241))
    draw.ellipse((430, 170, 770, 510), outline=(27, 31, 35), width=14, fill="white")
    draw.rectangle((80, 390, 1120, 430), fill=(11, 85, 99))
    draw.rectangle((140, 430, 200, 640), fill=(138, 150, 160))
    draw.rectangle((1000, 430, 1060, 640), fill=(138, 150, 160))
    draw.line((60, 650, 1140, 650), fill=(138, 150, 160), width=8)
    image.save(path, optimize=True)


def divider() -> str:
    return _svg(600, 24, f'<path d="M10,12 H590" stroke="{SOFT}" stroke-width="4" stroke-dasharray="2 10" '
                         'stroke-linecap="round"/>\n')


def main() -> None:
    sample = HERE / "clinic" / "content" / "en" / "images"
    sample.mkdir(parents=True, exist_ok=True)
    for name, pose in EXERCISES.items():
        pose = dict(pose)
        canvas = {key: pose.pop(key) for key in ("floor", "height") if key in pose}
        (sample / f"{name}.svg").write_text(figure(pose, **canvas), encoding="utf-8")
    (sample / "divider.svg").write_text(divider(), encoding="utf-8")
    scanner_png(sample / "mri-scanner.png")
    real = HERE.parent.parent / "content" / "en" / "images"
    real.mkdir(parents=True, exist_ok=True)
    (real / "sciatic-nerve.svg").write_text(sciatic_nerve(), encoding="utf-8")
    (sample / "sciatic-nerve.svg").write_text(sciatic_nerve(), encoding="utf-8")


if __name__ == "__main__":
    main()
