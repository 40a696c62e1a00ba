#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes one small, valid input per container format into seeds/<target>/ beside STAMP, so the fuzzers
# start from files that reach deep into each importer (a fuzzer rarely invents a zip with the
# right parts by itself). Entries are stored, not deflated, so the fuzzer's byte flips land in
# the XML rather than in compressed data. The texts are written for this project.
import hashlib
import os
import sys
import zipfile

PARAGRAPHS = [
    "Minutes of the harbour board",
    "On 3 March 1911 the board, chaired by Ana Lima, met at the Customs House in Porto.",
    "The Harbour Dues Act 1908 was read twice; the clerk, José Ferreira, took notes.",
]

UUID_DOC = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f"
UUID_CODE = "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
UUID_SET = "8b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
UUID_NOTE = "9c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f"
UUID_USER = "0d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f8a"
STAMP = "2026-01-01T00:00:00Z"


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in entries:
            z.writestr(name, data)


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def epub():
    body = "".join(f"<p>{xml_escape(p)}</p>" for p in PARAGRAPHS[1:])
    chapter = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Minutes</title></head>'
               f'<body><h1>{PARAGRAPHS[0]}</h1>{body}</body></html>')
    opf = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f'<dc:identifier id="id">{UUID_DOC}</dc:identifier>'
           f'<dc:title>{PARAGRAPHS[0]}</dc:title><dc:language>en</dc:language></metadata>'
           '<manifest><item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/>'
           '</manifest><spine><itemref idref="c1"/></spine></package>')
    container = ('<?xml version="1.0"?>\n'
                 '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                 '<rootfiles><rootfile full-path="OEBPS/content.opf" '
                 'media-type="application/oebps-package+xml"/></rootfiles></container>')
    return [("mimetype", "application/epub+zip"), ("META-INF/container.xml", container),
            ("OEBPS/content.opf", opf), ("OEBPS/chapter1.xhtml", chapter)]


def docx():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(f"<w:p><w:r><w:t>{xml_escape(p)}</w:t></w:r></w:p>" for p in PARAGRAPHS)
    document = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{w}">'
                f'<w:body>{paras}</w:body></w:document>')
    types = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Override PartName="/word/document.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    return [("[Content_Types].xml", types), ("word/document.xml", document)]


def odt():
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    paras = "".join(f"<text:p>{xml_escape(p)}</text:p>" for p in PARAGRAPHS)
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               f'xmlns:office="{office_ns}" xmlns:text="{text_ns}" office:version="1.3">'
               f'<office:body><office:text>{paras}</office:text></office:body>'
               '</office:document-content>')
    return [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)]


def text():
    return "\n\n".join(PARAGRAPHS) + "\n"


def native_xml():
    quote = "Minutes"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<marginalia version="1.0" exported="' + STAMP + '" generator="seed" '
            'xmlns="https://marginalia.github.io/ns/1.0"><documents>'
            f'<document uuid="{UUID_DOC}" sha256="{hashlib.sha256(text().encode()).hexdigest()}" '
            f'chars="{len(text())}" media-type="text/plain" '
            f'imported="{STAMP}"><title>{PARAGRAPHS[0]}</title>'
            f'<text>{xml_escape(text())}</text></document></documents>'
            f'<codebook><code uuid="{UUID_CODE}" name="Board" colour="#56b4e9" '
            f'created="{STAMP}" modified="{STAMP}"/></codebook><annotation-sets>'
            f'<annotation-set uuid="{UUID_SET}" name="Seed" author="" origin="local" '
            f'created="{STAMP}"><annotation uuid="{UUID_NOTE}" document="{UUID_DOC}" '
            f'code="{UUID_CODE}" start="0" end="{len(quote)}" created="{STAMP}" '
            f'modified="{STAMP}"><quote>{quote}</quote><note>seed</note></annotation>'
            '</annotation-set></annotation-sets><entity-decisions/></marginalia>\n')


def qdpx():
    project = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<Project name="seed" origin="seed" xmlns="urn:QDA-XML:project:1.0">'
               f'<Users><User guid="{UUID_USER}" name="seed"/></Users>'
               f'<CodeBook><Codes><Code guid="{UUID_CODE}" name="Board" isCodable="true" '
               'color="#56B4E9"/></Codes></CodeBook><Sources>'
               f'<TextSource guid="{UUID_DOC}" name="{PARAGRAPHS[0]}" '
               f'plainTextPath="internal://{UUID_DOC}.txt">'
               f'<PlainTextSelection guid="{UUID_NOTE}" name="Minutes" startPosition="0" '
               f'endPosition="7" creatingUser="{UUID_USER}"><Description>seed</Description>'
               f'<Coding guid="{UUID_SET}" creatingUser="{UUID_USER}">'
               f'<CodeRef targetGUID="{UUID_CODE}"/></Coding></PlainTextSelection>'
               '</TextSource></Sources></Project>\n')
    return [("project.qde", project), (f"sources/{UUID_DOC}.txt", text())]


def pdf():
    # A one-page PDF with one line of text in a standard font, its cross-reference table
    # computed so that poppler needs no repair.
    stream = f"BT /F1 12 Tf 72 720 Td ({PARAGRAPHS[1]}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
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
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def main():
    stamp = sys.argv[1]
    out = os.path.join(os.path.dirname(os.path.abspath(stamp)), "seeds")
    zips = {"epub": epub(), "docx": docx(), "odt": odt(), "qdpx": qdpx()}
    for target, entries in zips.items():
        os.makedirs(os.path.join(out, target), exist_ok=True)
        write_zip(os.path.join(out, target, "seed." + target), entries)
    files = {"pdf": ("seed.pdf", pdf()), "native-xml": ("seed.xml", native_xml().encode()),
             "text": ("seed.txt", text().encode()), "entities": ("seed.txt", text().encode())}
    for target, (name, data) in files.items():
        os.makedirs(os.path.join(out, target), exist_ok=True)
        with open(os.path.join(out, target, name), "wb") as f:
            f.write(data)
    # meson wants a file it can call the output; the folders are what the fuzzers read.
    with open(stamp, "w") as f:
        f.write("seeds\n")


if __name__ == "__main__":
    main()
