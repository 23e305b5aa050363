"""Hostile files of every format, built from bytes with the real format's shape.

The tests and benchmarks/hostile_inputs.py use the same files: a zip whose directory
claims what a bomb claims, a sheet of a million rows, thousands of blank pages, a page
that is only an image, an encrypted PDF. Nothing of them is committed.
"""

from __future__ import annotations

import io
import zipfile

import pypdfium2 as pdfium
from docx import Document


def blank_pdf(pages: int) -> bytes:
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def image_pdf(side: int, quality: int = 90) -> bytes:
    """A page holding only a JPEG (noise), like a scan with no text layer."""
    from PIL import Image

    rng = __import__("random").Random(7)
    image = Image.frombytes("L", (side, side), rng.randbytes(side * side))
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=quality)
    jpeg.seek(0)
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(595, 842)
    obj = pdfium.PdfImage.new(doc)
    obj.load_jpeg(jpeg, inline=True)
    obj.set_matrix(pdfium.PdfMatrix().scale(500, 700).translate(40, 60))
    page.insert_obj(obj)
    page.gen_content()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A one-page PDF whose trailer names a Standard security handler with a user password.

    /U does not match the empty password, so a reader must ask for one."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<"
        + b"ab" * 16
        + b"> <"
        + b"ab" * 16
        + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A real .docx whose document.xml is replaced by 200 MB of one repeated element:
    a few hundred kB on disk."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("x")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with out.open(info.filename, "w", force_zip64=True) as part:
                    chunk = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>" * 30_000
                    for _ in range(200_000_000 // len(chunk)):
                        part.write(chunk)
            else:
                out.writestr(info, source.read(info.filename))
    return buffer.getvalue()


def million_row_xlsx() -> bytes:
    """A workbook written as XML directly: one sheet of 1,000,000 rows of two cells."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="公开01表" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in parts.items():
            out.writestr(name, text)
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B1000000"/>'
                b"<sheetData>"
            )
            rows = []
            for r in range(1, 1_000_001):
                rows.append(
                    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c>'
                    f'<c r="B{r}"><v>{r}.25</v></c></row>'
                )
                if len(rows) == 20_000:
                    sheet.write("".join(rows).encode())
                    rows.clear()
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()
