"""Bad guide files: one InputError naming the file (and the line where it can)."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.ingest import parse_guide_text, read_guide
from tests.ingest.helpers import write


def error_for(path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_guide(path)
    assert path.name in str(caught.value)
    return caught.value


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"<!-- source: somewhere -->\n\n"])
def test_empty_guide(tmp_path, content):
    assert "is empty" in str(error_for(write(tmp_path, "guide.md", content)))


def test_binary_guide(tmp_path):
    error = error_for(write(tmp_path, "guide.md", b"# Voice\n\nWarm.\n\x00\x00\x00"))
    assert "binary" in str(error) and error.line == 4


def test_pdf_guide(tmp_path):
    assert "PDF" in str(error_for(write(tmp_path, "guide.md", b"%PDF-1.7\n...")))


def test_a_latin_1_guide_is_decoded_and_the_encoding_named(tmp_path):
    from assistant.ingest.textfile import collect_notices

    data = "# Voice\n\nWarm.\n\nNa\u00efve caf\u00e9 copy.\n".encode("latin-1")
    with collect_notices() as notices:
        guide = read_guide(write(tmp_path, "guide.md", data))
    assert "Na\u00efve caf\u00e9 copy." in guide.sections[0].text
    assert notices and "read it as Windows-1252" in notices[0]


def test_undetectable_encoding_names_the_line(tmp_path):
    data = b"# Voice\n\nWarm.\n\n" + bytes(range(0x80, 0x100)) * 4 + b"\n"
    error = error_for(write(tmp_path, "guide.md", data))
    assert error.line == 5
    assert "not UTF-8 text (line 5)" in str(error)
    assert "guide.md:5" in str(error)


def test_utf8_bom_and_utf16_bom_are_read(tmp_path):
    text = "# Voice\n\n- Warm\n- Café-friendly\n"
    for name, data in (("bom8.md", text.encode("utf-8-sig")), ("bom16.md", text.encode("utf-16"))):
        guide = read_guide(write(tmp_path, name, data))
        assert guide.sections[0].heading_path == ["Voice"]
        assert guide.voice_attributes == ["Warm", "Café-friendly"]


def test_missing_guide(tmp_path):
    assert "no such file" in str(error_for(tmp_path / "missing.md"))


def test_parse_guide_text_errors():
    with pytest.raises(InputError, match="is empty"):
        parse_guide_text("  \n", brand="acme", source="inline.md")
    with pytest.raises(ValueError):
        parse_guide_text("# Voice\n", brand="")
