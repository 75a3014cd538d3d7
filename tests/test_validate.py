"""Files and text a person might hand us: each bad kind gets its own plain message."""

import pytest
from coach.components.validate import read_document

from coach.errors import InputError


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.md", b"", "is empty"),
        ("blank.txt", b"   \n\n  ", "no readable text"),
        ("nul.txt", b"abc\x00def", "binary"),
        ("latin1.txt", "café".encode("latin-1"), "not valid UTF-8"),
        ("fake.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("fake.docx", b"PK\x03\x04 not a zip", "not a readable Word document"),
        ("script.sh", b"rm -rf /", "unsupported file type"),
    ],
)
def test_bad_files_get_a_plain_message(tmp_path, name, data, message):
    with pytest.raises(InputError, match=message):
        read_document(write(tmp_path, name, data), max_bytes=1000)


def test_a_file_over_the_limit_says_the_limit(tmp_path):
    with pytest.raises(InputError, match="limit is 1,000 bytes"):
        read_document(write(tmp_path, "big.txt", b"a" * 1001), max_bytes=1000)


def test_good_text_with_emoji_and_rtl_is_read_as_is(tmp_path):
    text = "Met Dana 🎉 — שלום — to plan the launch"
    assert read_document(write(tmp_path, "ok.md", text.encode()), 1000) == text


def test_a_real_pdf_is_read(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="no readable text"):
        read_document(path, 100_000)
