"""The press file, rule by rule, as a PDF/X-3:2003 preflight checks it (ISO 15930-3:2002/2003).

No PDF/X validator runs here (veraPDF checks PDF/A and PDF/UA, not PDF/X, and is not packaged), so
these are the rules written out, each named by its clause; docs/printing.md lists what is not checked.
Every press file of the real site and of the clinic site is read with pikepdf, and WeasyPrint's own
file, before Leafpress finishes it, breaks most of the rules: the checks can fail.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms

from conftest import PROJECT

MM = 72 / 25.4
OPAQUE_BLENDS = (pikepdf.Name.Normal, pikepdf.Name("/Compatible"))


def objects(pdf):
    """Every dictionary and stream, indirect or direct (a page's graphics states are direct)."""
    found = []

    def within(obj):
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            found.append(obj)
            children = [value for _, value in obj.items()]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            return
        for child in children:
            if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect:
                within(child)

    for obj in pdf.objects:
        within(obj)
    return found


def identifies_itself_as_pdf_x_3_2003(pdf) -> list[str]:  # 6.1
    info, xmp = pdf.docinfo, pdf.Root.Metadata.read_bytes()
    return [problem for problem, broken in [
        ("GTS_PDFXVersion", str(info.get("/GTS_PDFXVersion")) != "PDF/X-3:2003"),
        ("GTS_PDFXConformance is PDF/X-1a:2001's key", "/GTS_PDFXConformance" in info),
        ("XMP version", b"<pdfxid:GTS_PDFXVersion>PDF/X-3:2003</pdfxid:GTS_PDFXVersion>" not in xmp),
        ("PDF version above 1.4", pdf.pdf_version > "1.4"),
        ("no title", not str(info.get("/Title", "")).strip()),
        ("Trapped not True or False", info.get("/Trapped") not in (pikepdf.Name.True_, pikepdf.Name.False_)),
        ("no file identifier", len(pdf.trailer.get("/ID", [])) != 2),
        ("encrypted", "/Encrypt" in pdf.trailer),
    ] if broken]


def names_a_cmyk_printing_condition(pdf) -> list[str]:  # 6.2.2
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.S == "/GTS_PDFX"]
    if len(intents) != 1:
        return [f"{len(intents)} PDF/X output intents"]
    intent = intents[0]
    profile = ImageCms.ImageCmsProfile(io.BytesIO(intent.DestOutputProfile.read_bytes())).profile
    return [problem for problem, broken in [
        ("condition not a registered name", str(intent.get("/OutputConditionIdentifier")) != "CGATS TR 001"),
        ("no registry", str(intent.get("/RegistryName")) != "http://www.color.org"),
        ("profile is not a CMYK printer profile", (profile.device_class, profile.xcolor_space.strip()) != ("prtr", "CMYK")),
        ("profile N is not 4", int(intent.DestOutputProfile.N) != 4),
    ] if broken]


def has_only_device_independent_colour(pdf) -> list[str]:  # 6.2.4
    """DeviceRGB only where DefaultRGB maps it to ICC-based sRGB; pictures ICC-based."""
    problems = [f"page {n} has no DefaultRGB" for n, page in enumerate(pdf.pages, 1)
                if "/DefaultRGB" not in page.Resources.get("/ColorSpace", {})]
    for obj in objects(pdf):
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            space = obj.get("/ColorSpace")
            if not (isinstance(space, pikepdf.Array) and space[0] == "/ICCBased"):
                problems.append(f"picture {obj.objgen} in {space}")
    return problems


def has_no_transparency(pdf) -> list[str]:  # 6.3
    problems = []
    for obj in objects(pdf):
        if obj.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_:
            problems.append(f"soft mask on {obj.objgen}")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            problems.append(f"transparency group on {obj.objgen}")
        if obj.get("/Type") == "/ExtGState" or "/ca" in obj or "/CA" in obj:
            if float(obj.get("/ca", 1)) != 1 or float(obj.get("/CA", 1)) != 1:
                problems.append(f"opacity in {obj.objgen}")
            if obj.get("/BM", pikepdf.Name.Normal) not in OPAQUE_BLENDS:
                problems.append(f"blend mode in {obj.objgen}")
    return problems


def has_no_transfer_function_or_halftone(pdf) -> list[str]:  # 6.2.5, 6.2.6
    return [f"{obj.objgen}" for obj in objects(pdf)
            if obj.get("/Type") == "/ExtGState" and {"/TR", "/TR2", "/HT"} & set(obj.keys())]


def has_its_boxes_nested(pdf) -> list[str]:  # 6.1.7: trim inside bleed inside a larger media box
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        if "/TrimBox" not in page or "/BleedBox" not in page:
            problems.append(f"page {number} has no TrimBox or BleedBox")
            continue
        media, bleed, trim = ([float(v) for v in page[box]] for box in ("/MediaBox", "/BleedBox", "/TrimBox"))
        if [round(v, 2) for v in trim] != [0, 0, 595.28, 841.89]:
            problems.append(f"page {number} trim {trim} is not A4")
        if [round(b - t, 2) for b, t in zip(bleed, trim)] != [round(-3 * MM, 2)] * 2 + [round(3 * MM, 2)] * 2:
            problems.append(f"page {number} bleed {bleed} is not 3 mm")
        if not (media[0] < bleed[0] and media[1] < bleed[1] and media[2] > bleed[2] and media[3] > bleed[3]):
            problems.append(f"page {number}: no room outside the bleed for printer's marks")
    return problems


def has_its_marks_outside_the_bleed(pdf) -> list[str]:
    """The printer's marks, drawn in the registration colour (a Separation /All) as artifacts, lie between
    the BleedBox and the MediaBox; no other drawing uses the registration colour."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        bleed = [float(v) for v in page.get("/BleedBox", page.MediaBox)]
        media = [float(v) for v in page.MediaBox]
        spaces = page.Resources.get("/ColorSpace", {})
        registration = {name for name, space in spaces.items()
                        if isinstance(space, pikepdf.Array) and space[0] == "/Separation" and space[1] == "/All"}
        marks, artifact, in_registration = [], 0, False
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BMC", "BDC"):
                artifact += 1 if operands[0] == "/Artifact" or artifact else 0
            elif name == "EMC":
                artifact = max(artifact - 1, 0)
            elif name == "CS":
                in_registration = str(operands[0]) in registration
            elif in_registration and name in ("m", "l", "c"):
                if not artifact:
                    problems.append(f"page {number}: a mark that is not an artifact")
                values = [float(v) for v in operands]
                marks += list(zip(values[::2], values[1::2]))
        if len(marks) <= 16:  # eight crop marks and four targets
            problems.append(f"page {number} has {len(marks)} mark points")
        problems += [f"page {number}: mark at {x:.0f},{y:.0f}" for x, y in marks
                     if bleed[0] < x < bleed[2] and bleed[1] < y < bleed[3]
                     or not (media[0] <= x <= media[2] and media[1] <= y <= media[3])]
    return problems


def embeds_every_font(pdf) -> list[str]:  # 6.4
    return [f"{obj.objgen}" for obj in objects(pdf) if obj.get("/Type") == "/FontDescriptor"
            and not {"/FontFile", "/FontFile2", "/FontFile3"} & set(obj.keys())]


def has_no_annotation_in_the_bleed(pdf) -> list[str]:  # 6.7
    problems = [f"page {number} has annotations" for number, page in enumerate(pdf.pages, 1) if "/Annots" in page]
    if any(isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/OBJR" for obj in pdf.objects):
        problems.append("the structure tree points at annotations")
    return problems


RULES = [identifies_itself_as_pdf_x_3_2003, names_a_cmyk_printing_condition, has_only_device_independent_colour,
         has_no_transparency, has_no_transfer_function_or_halftone, has_its_boxes_nested,
         has_its_marks_outside_the_bleed, embeds_every_font, has_no_annotation_in_the_bleed]


@pytest.fixture(scope="module")
def files(built_project, built_clinic) -> list[Path]:
    found = sorted(built_project.path("output").glob("*/*.press.pdf")) + sorted(
        built_clinic.path("output").glob("*/*.press.pdf"))
    assert len(found) >= 8 + 7
    return found


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_every_press_file_keeps_the_rule(files, rule):
    for path in files:
        with pikepdf.open(path) as pdf:
            assert rule(pdf) == [], path


@pytest.fixture(scope="module")
def press_job():
    """The clinic site, ready to run one leaflet's press job in this process."""
    from leafpress.config import load_config
    from leafpress.html.render import HtmlRenderer
    from leafpress.pdf.pool import _start_worker
    from leafpress.pipeline import BuildOptions, load_site

    config = load_config(PROJECT / "tests" / "sites" / "clinic" / "site.toml")
    site, _ = load_site(config, BuildOptions(today=date(2026, 6, 1)))
    _start_worker(config.theme, config.content_dir)
    return config, site, HtmlRenderer(config, date(2026, 6, 1))


def run_press(press_job, slug: str, lang: str, finished: bool, extra_css: str = "") -> list:
    """WeasyPrint's press file (not finished) or Leafpress's, of one leaflet."""
    import dataclasses

    from leafpress.pdf.layouts import PageLayouts
    from leafpress.pdf.pool import render_job
    from leafpress.plan.outputs import Planned

    config, site, html_renderer = press_job
    edition = config.edition_registry["press"]
    planned = Planned(f"{lang}/{edition.file_name(slug)}", lang, site.leaflets[slug][lang], edition, "")
    [job] = PageLayouts(html_renderer, site, fit=False).jobs([planned])
    output = job.outputs[0] if finished else dataclasses.replace(job.outputs[0], printing_condition=None)
    html = job.html.replace("</head>", f"<style>{extra_css}</style></head>") if extra_css else job.html
    return render_job(dataclasses.replace(job, html=html, outputs=(output,)))


def test_the_rules_are_live_weasyprints_own_press_file_breaks_them(press_job):
    [raw] = run_press(press_job, "nsaids-safely", "ar", finished=False)
    [done] = run_press(press_job, "nsaids-safely", "ar", finished=True)
    assert not raw.errors and not done.errors
    with pikepdf.open(io.BytesIO(raw.data)) as pdf:
        broken = {rule.__name__ for rule in RULES if rule(pdf)}
    assert broken >= {"identifies_itself_as_pdf_x_3_2003", "names_a_cmyk_printing_condition",
                      "has_only_device_independent_colour", "has_no_transparency",
                      "has_its_marks_outside_the_bleed", "has_its_boxes_nested"}
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        assert {rule.__name__: rule(pdf) for rule in RULES} == {rule.__name__: [] for rule in RULES}


def test_a_picture_with_transparency_is_flattened_onto_white(press_job):
    [raw] = run_press(press_job, "mri-scan", "en", finished=False)
    [done] = run_press(press_job, "mri-scan", "en", finished=True)

    def pictures(data):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            images = [obj for obj in objects(pdf) if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
            masks = {obj.SMask.objgen for obj in images if "/SMask" in obj}
            return [("/SMask" in obj, int(obj.Width), int(obj.Height)) for obj in images if obj.objgen not in masks]

    before, after = pictures(raw.data), pictures(done.data)
    assert any(masked for masked, *_ in before)  # the scanner is cut out: an alpha channel
    assert [size for _, *size in before] == [size for _, *size in after]
    assert not any(masked for masked, *_ in after)


def test_see_through_colour_is_a_clear_error_not_a_broken_press_file(press_job):
    [result] = run_press(press_job, "back-exercises", "en", finished=True, extra_css="p { color: rgba(0, 0, 0, 0.5) !important }")
    assert [str(d) for d in result.errors] == [
        "tests/sites/clinic/content/en/back-exercises.md: the press edition cannot be PDF/X-3: the page draws something "
        "see-through (a CSS opacity, an rgba() colour or a blend mode); use solid colours"]
