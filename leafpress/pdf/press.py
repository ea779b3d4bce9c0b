"""The print-shop file (PDF/X-3:2003, ISO 15930-3): what WeasyPrint's file needs before a preflight passes.

WeasyPrint writes the PDF/X-3 file with its bleed (press.css). Then, with pikepdf:

- the output intent names a printing condition: a CMYK characterisation (`[editions] press_condition`,
  its profile a theme file, `[editions] press_profile`), instead of WeasyPrint's monitor-class sRGB
  profile; the page colours stay ICC-based sRGB, which PDF/X-3 allows and the shop's RIP converts;
- crop marks and registration targets are drawn by Leafpress outside the BleedBox, on a MediaBox
  larger than it, in the registration colour (Separation /All) and with no transparency (WeasyPrint's
  own marks are forms with a transparency group and a zero fill opacity, which PDF/X-3 forbids);
- a picture with transparency is flattened onto white (PDF/X-3 allows no soft mask), and DeviceRGB
  (WeasyPrint's pictures and its `rg` colours) reads as calibrated sRGB (DefaultRGB);
- the Info dictionary keeps GTS_PDFXVersion and loses GTS_PDFXConformance (PDF/X-1a's key);
- links are taken out: PDF/X-3 allows no annotation within the BleedBox (a print shop's file is for
  printing; every other edition keeps them).

tests/test_press.py checks the rules one by one and names their clauses.
"""

from __future__ import annotations

import io

from leafpress.errors import RenderError

MM = 72 / 25.4
MARK_OFFSET = 1 * MM  # from the bleed edge to where a crop mark starts
MARK_LENGTH = 6 * MM
SLUG = MARK_OFFSET + MARK_LENGTH + 2 * MM  # the marks area around the BleedBox
REGISTRY = "http://www.color.org"


def _box(value) -> list[float]:
    return [float(v) for v in value]


def _marks(trim: list[float], bleed: list[float]) -> bytes:
    """Crop marks at the corners on the trim lines, and a registration target on each side, all outside the bleed."""
    tx0, ty0, tx1, ty1 = trim
    bx0, by0, bx1, by1 = bleed
    lines = []
    for x in (tx0, tx1):  # vertical crop marks, above and below
        lines.append((x, by1 + MARK_OFFSET, x, by1 + MARK_OFFSET + MARK_LENGTH))
        lines.append((x, by0 - MARK_OFFSET, x, by0 - MARK_OFFSET - MARK_LENGTH))
    for y in (ty0, ty1):  # horizontal crop marks, left and right
        lines.append((bx0 - MARK_OFFSET, y, bx0 - MARK_OFFSET - MARK_LENGTH, y))
        lines.append((bx1 + MARK_OFFSET, y, bx1 + MARK_OFFSET + MARK_LENGTH, y))
    radius = MARK_LENGTH / 3
    middle_x, middle_y = (tx0 + tx1) / 2, (ty0 + ty1) / 2
    reach = MARK_OFFSET + MARK_LENGTH / 2
    targets = [(middle_x, by1 + reach), (middle_x, by0 - reach), (bx0 - reach, middle_y), (bx1 + reach, middle_y)]
    ops = ["/Artifact BMC", "q", "/CSReg CS 1 SCN", "0.25 w"]
    for x0, y0, x1, y1 in lines:
        ops.append(f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S")
    kappa = 0.5523 * radius
    for x, y in targets:
        ops.append(f"{x - radius - 1:.3f} {y:.3f} m {x + radius + 1:.3f} {y:.3f} l S")
        ops.append(f"{x:.3f} {y - radius - 1:.3f} m {x:.3f} {y + radius + 1:.3f} l S")
        ops.append(f"{x + radius:.3f} {y:.3f} m "
                   f"{x + radius:.3f} {y + kappa:.3f} {x + kappa:.3f} {y + radius:.3f} {x:.3f} {y + radius:.3f} c "
                   f"{x - kappa:.3f} {y + radius:.3f} {x - radius:.3f} {y + kappa:.3f} {x - radius:.3f} {y:.3f} c "
                   f"{x - radius:.3f} {y - kappa:.3f} {x - kappa:.3f} {y - radius:.3f} {x:.3f} {y - radius:.3f} c "
                   f"{x + kappa:.3f} {y - radius:.3f} {x + radius:.3f} {y - kappa:.3f} {x + radius:.3f} {y:.3f} c S")
    ops += ["Q", "EMC", ""]
    return "\n".join(ops).encode()


def _registration(pdf):
    """The registration colour: every separation at the same tint."""
    import pikepdf

    function = pdf.make_indirect(pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0],
                                                    C1=[1, 1, 1, 1], N=1))
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/All"), pikepdf.Name.DeviceCMYK, function])


def _calibrated(pdf, resources, srgb) -> None:
    """DeviceRGB in these resources' content reads as sRGB (DefaultRGB, ISO 32000-1 8.6.5.6), in forms too."""
    import pikepdf

    if resources is None:
        return
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace.DefaultRGB = srgb
    for _, xobject in (resources.get("/XObject") or {}).items():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            _calibrated(pdf, xobject.Resources, srgb)


def _images(pdf, srgb) -> None:
    """Pictures for a CMYK printing condition: flattened onto white where they have a soft mask (PDF/X-3 allows
    no transparency), and in calibrated sRGB rather than DeviceRGB."""
    import zlib

    import pikepdf
    from PIL import Image

    for obj in list(pdf.objects):
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != "/Image":
            continue
        if "/SMask" in obj:
            picture = pikepdf.PdfImage(obj).as_pil_image().convert("RGB")
            mask = pikepdf.PdfImage(obj.SMask).as_pil_image().convert("L")
            flat = Image.composite(picture, Image.new("RGB", picture.size, "white"), mask)
            del obj["/SMask"]
            for key in ("/DecodeParms", "/Decode", "/Mask"):
                if key in obj:
                    del obj[key]
            obj.write(zlib.compress(flat.tobytes(), 9), filter=pikepdf.Name.FlateDecode)
            obj.BitsPerComponent = 8
            obj.ColorSpace = srgb
        elif obj.get("/ColorSpace") == pikepdf.Name.DeviceRGB:
            obj.ColorSpace = srgb


def dictionaries(pdf):
    """Every dictionary in the file: each indirect object and the direct ones within it (a page's
    graphics states are direct)."""
    import pikepdf

    def within(obj):
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            children = [value for _, value in obj.items()]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            return
        for child in children:
            if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect:
                yield from within(child)

    for obj in pdf.objects:
        yield from within(obj)


def _opaque(pdf, shown_path: str) -> None:
    """No transparency group left (WeasyPrint gives one to every form, even where all it draws is opaque);
    a page that really draws something see-through (CSS opacity, an rgba colour) cannot be made PDF/X-3."""
    import pikepdf

    for obj in dictionaries(pdf):
        if obj.get("/Type") == "/ExtGState" or "/ca" in obj or "/CA" in obj:
            see_through = (float(obj.get("/ca", 1)) < 1 or float(obj.get("/CA", 1)) < 1
                           or obj.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_
                           or obj.get("/BM", pikepdf.Name.Normal) not in (pikepdf.Name.Normal, pikepdf.Name("/Compatible")))
            if see_through:
                raise RenderError.at(shown_path, 0, "the press edition cannot be PDF/X-3: the page draws something "
                                     "see-through (a CSS opacity, an rgba() colour or a blend mode); use solid colours")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            del obj["/Group"]


def _without_links(pdf) -> None:
    """No annotation on the pages, and none left in the structure tree's Link elements."""
    import pikepdf

    annotations = set()
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            annotations.add(annotation.objgen)
        if "/Annots" in page:
            del page["/Annots"]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem" and "/K" in obj:
            kids = obj.K if isinstance(obj.K, pikepdf.Array) else pikepdf.Array([obj.K])
            kept = [kid for kid in kids if not (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                                                and kid.Obj.objgen in annotations)]
            if len(kept) != len(kids):
                obj.K = pikepdf.Array(kept)


def finish(data: bytes, profile: bytes, condition: str, condition_info: str, producer: str,
           shown_path: str = "") -> bytes:
    """The press file as PDF/X-3 asks, from WeasyPrint's PDF/X-3 file with its bleed."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    registration = _registration(pdf)
    srgb = next(page.Resources.ColorSpace.srgb for page in pdf.pages)  # WeasyPrint's ICC-based sRGB
    for page in pdf.pages:
        _calibrated(pdf, page.Resources, srgb)
        trim = _box(page.TrimBox)
        bleed = _box(page.BleedBox) if "/BleedBox" in page else _box(page.MediaBox)
        page.BleedBox = pikepdf.Array(bleed)
        page.MediaBox = pikepdf.Array([bleed[0] - SLUG, bleed[1] - SLUG, bleed[2] + SLUG, bleed[3] + SLUG])
        if "/ColorSpace" not in page.Resources:
            page.Resources.ColorSpace = pikepdf.Dictionary()
        page.Resources.ColorSpace.CSReg = registration
        page.contents_add(pdf.make_stream(_marks(trim, bleed)), prepend=False)
    _images(pdf, srgb)
    _opaque(pdf, shown_path)
    _without_links(pdf)
    profile_stream = pdf.make_stream(profile)
    profile_stream.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX, OutputConditionIdentifier=condition,
        OutputCondition=condition_info, Info=condition_info, RegistryName=REGISTRY,
        DestOutputProfile=profile_stream))])
    info = pdf.docinfo
    if "/GTS_PDFXConformance" in info:
        del info["/GTS_PDFXConformance"]
    info.GTS_PDFXVersion = "PDF/X-3:2003"
    info.Trapped = pikepdf.Name.False_
    info.Producer = producer
    output = io.BytesIO()
    pdf.save(output, deterministic_id=False, static_id=True)
    return output.getvalue()
