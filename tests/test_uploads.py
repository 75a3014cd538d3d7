"""Uploads are capped, and .docx/.pdf files are read without trusting them: a zip bomb is
refused quickly, before it is unpacked, and every parser failure is a plain message."""

import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import httpx
import pytest
from gradio_client import Client, handle_file

from coach.components.validate import read_document
from coach.errors import InputError
from coach.ui.web.app import launch
from tests.conftest import make_services

ROOT = Path(__file__).resolve().parent.parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_bytes(document_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


def zip_bomb(path: Path, gib: float = 1.0, declare: int | None = None) -> None:
    """A .docx whose document.xml unpacks to `gib` GiB of valid-looking XML but is ~1 MB on
    disk; `declare` writes a smaller (lying) size into the zip headers."""
    head = f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode()
    block = b"A" * (1 << 20)  # one run of text: deflate packs it about 1,000 to 1
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    repeats = int(gib * 1024)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor forgets its history: each block packs the same way.
    packed_block = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    packed = packed_head + packed_block * repeats + deflate.compress(tail) + deflate.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = declare if declare is not None else len(head) + len(block) * repeats + len(tail)
    # The small parts, written normally, then the big one by hand with the packed stream.
    small = zipfile.ZipFile(io.BytesIO(docx_bytes("<x/>")))
    out = io.BytesIO()
    central = b""
    members = [(n, small.read(n)) for n in ("[Content_Types].xml", "_rels/.rels")]
    for name, data in [*members, ("word/document.xml", None)]:
        raw = zlib.compress(data)[2:-4] if data is not None else packed
        member_crc = zlib.crc32(data) if data is not None else crc
        member_size = len(data) if data is not None else size
        offset = out.tell()
        fields = (20, 0, 8, 0, 0, member_crc, len(raw), member_size, len(name), 0)
        out.write(struct.pack("<4s5H3I2H", b"PK\x03\x04", *fields) + name.encode() + raw)
        central += (
            struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset)
            + name.encode()
        )
    start = out.tell()
    out.write(central)
    out.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 3, 3, len(central), start, 0))
    path.write_bytes(out.getvalue())


MEASURE = """
import resource, sys, time
from pathlib import Path
from coach.errors import InputError
from coach.components.validate import read_document
import docx  # loaded before measuring: its import is not the file's doing
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    read_document(Path(sys.argv[1]), 5_000_000)
    print("read")
except InputError as exc:
    print("refused:", exc)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(f"{time.monotonic() - started:.2f} {peak // 1024}")
"""


@pytest.mark.parametrize("lying", [False, True], ids=["honest-headers", "lying-headers"])
def test_a_zip_bomb_is_refused_quickly_without_growing_memory(tmp_path, lying):
    bomb = tmp_path / "minutes.docx"
    zip_bomb(bomb, declare=200_000 if lying else None)
    assert bomb.stat().st_size < 1_200_000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(bomb)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    verdict, figures = done.stdout.strip().splitlines()
    seconds, peak_mb = figures.split()
    assert verdict.startswith("refused: minutes.docx"), done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert float(seconds) < 10 and int(peak_mb) < 100, f"{seconds} s, {peak_mb} MB peak"


def test_broken_word_xml_gets_a_plain_message(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(docx_bytes(f"<w:document {W}><w:body><w:p>unclosed"))
    with pytest.raises(InputError, match="broken.docx is not a readable Word document"):
        read_document(broken, 5_000_000)


def test_a_real_word_document_is_still_read(tmp_path):
    ok = tmp_path / "sync.docx"
    body = "<w:p><w:r><w:t>Priya will send the vendor list by Friday.</w:t></w:r></w:p>"
    ok.write_bytes(docx_bytes(f"<w:document {W}><w:body>{body}</w:body></w:document>"))
    assert read_document(ok, 5_000_000) == "Priya will send the vendor list by Friday."


def test_a_broken_pdf_gets_a_plain_message(tmp_path):
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer <<")
    with pytest.raises(InputError, match="notes.pdf is not a readable PDF"):
        read_document(pdf, 5_000_000)


def vm_rss_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])


def test_the_page_refuses_an_upload_over_the_limit(tmp_path):
    svc = make_services(tmp_path / "data", max_upload_bytes=1_000_000)
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    try:
        files = {"files": ("huge.txt", b"Priya owns onboarding.\n" * 60_000, "text/plain")}
        # Straight to the server: the Python client would refuse the file before sending it.
        refused = httpx.post(f"{demo.local_url}gradio_api/upload", files=files, timeout=60)
        assert refused.status_code == 413 and "maximum allowed size" in refused.text
        small = {"files": ("ok.txt", b"Priya owns onboarding.\n", "text/plain")}
        assert httpx.post(f"{demo.local_url}gradio_api/upload", files=small).status_code == 200
    finally:
        demo.close()


def test_the_page_refuses_a_zip_bomb_with_a_message_and_gives_the_memory_back(tmp_path):
    svc = make_services(tmp_path / "data")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    try:
        client = Client(demo.local_url, verbose=False)
        bomb = tmp_path / "minutes.docx"
        zip_bomb(bomb)
        before = vm_rss_kb()
        message = client.predict("", handle_file(str(bomb)), "", api_name="/analyze_notes")[0]
        assert "⚠" in message and "minutes.docx" in message and "zip bomb" in message
        assert vm_rss_kb() - before < 100 * 1024, "memory is back after the refusal"
        assert client.predict("How do I ask for feedback?", api_name="/ask")["answer"]
    finally:
        demo.close()


def test_the_command_line_caps_what_it_reads_from_stdin(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COACH_PROVIDER": "none",
        "COACH_EMBEDDING_MODE": "fake",
        "COACH_MAX_UPLOAD_BYTES": "1000",
    }
    cmd = [sys.executable, "-m", "coach.ui.cli.main", "--data-dir", str(tmp_path / "d")]
    done = subprocess.run(
        [*cmd, "notes", "analyze", "-"],
        input=b"Priya will send the list by Friday.\n" * 100,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert b"over the limit of 1,000 bytes" in done.stderr and b"Traceback" not in done.stderr
