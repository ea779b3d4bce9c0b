"""Finishing touches to WeasyPrint's tagged PDF, applied before the file is written.

WeasyPrint 70 tags tables, headings, lists and figures for PDF/UA-1, but leaves
two gaps that PDF/UA checkers report:

- header cells (`/TH`) carry an `/ID` but no `/Scope`, so a reader cannot tell a
  column header from a row header without guessing from the layout;
- a PDF/A or PDF/X file declares only that identity in its XMP metadata, not PDF/UA.

Both are filled in here, on WeasyPrint's own `pydyf` objects (its `finisher` hook), so
the PDF is written once and stays byte-identical from build to build.
"""

from __future__ import annotations

PDFUA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"

# PDF/A allows only the XMP schemas it predefines, plus those the file describes in a
# pdfaExtension block (ISO 19005-3, 6.6.2.3); the PDF/UA identification is not predefined.
PDFUA_EXTENSION_SCHEMA = b"""<rdf:Description rdf:about="" \
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""
PDFUA_IDENTIFICATION = (f'<rdf:Description rdf:about="" xmlns:pdfuaid="{PDFUA_NAMESPACE}">'
                        "<pdfuaid:part>1</pdfuaid:part></rdf:Description>\n").encode()


def _object(pdf, reference) -> object:
    """The pydyf object a reference (b'12 0 R') points to: pydyf numbers objects by position."""
    return pdf.objects[int(bytes(reference).split()[0])]


def _is_element(obj, structure_type: str) -> bool:
    return isinstance(obj, dict) and obj.get("Type") == "/StructElem" and obj.get("S") == structure_type


def add_header_scope(pdf) -> int:
    """Give every `/TH` a `/Scope`: `/Column` in a header row group or an all-header row, else `/Row`.

    That is HTML's own rule for `<th>` without `scope` (a header cell in `<thead>`
    heads its column; one beside data cells heads its row), and what our stage table
    declares with `scope="col"` and `scope="row"`. Returns how many cells were scoped.
    """
    scoped = 0
    for obj in pdf.objects:
        if not _is_element(obj, "/TH"):
            continue
        row = _object(pdf, obj["P"])
        group = _object(pdf, row["P"]) if _is_element(row, "/TR") else None
        cells = [_object(pdf, kid) for kid in row.get("K", ())] if row is not None else []
        all_headers = all(_is_element(cell, "/TH") for cell in cells)
        in_header = group is not None and group.get("S") == "/THead"
        attributes = obj.setdefault("A", {"O": "/Table"})
        attributes["Scope"] = "/Column" if in_header or all_headers else "/Row"
        scoped += 1
    return scoped


def declare_pdfua(pdf, with_pdfa: bool) -> None:
    """Add `pdfuaid:part = 1` to the XMP metadata (with its extension schema for PDF/A)."""
    stream = _object(pdf, pdf.catalog["Metadata"])
    packet = b"".join(bytes(chunk) for chunk in stream.stream)
    if PDFUA_NAMESPACE.encode() in packet:
        return
    addition = (PDFUA_EXTENSION_SCHEMA if with_pdfa else b"") + PDFUA_IDENTIFICATION
    closing = packet.rindex(b"</rdf:RDF>")
    stream.stream = [packet[:closing] + addition + packet[closing:]]


def finisher(pdf_variant: str | None):
    """WeasyPrint's `finisher` for a tagged edition of the given PDF variant."""
    def finish(document, pdf) -> None:
        add_header_scope(pdf)
        if pdf_variant and not pdf_variant.startswith("pdf/ua"):
            declare_pdfua(pdf, with_pdfa=pdf_variant.startswith("pdf/a"))
    return finish
