"""Reading an input file's bytes into text, or one InputError that says what is wrong and where.

Every reader goes through here, so "empty", "binary" and "wrong encoding" read the same for guides and feeds.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from assistant.errors import InputError

# Magic numbers of files people drop in by mistake, with what to do instead.
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive or an Excel/Word file; export it as CSV, JSON or Markdown text"),
    (b"%PDF", "a PDF; copy its text into a Markdown or .txt file"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Word file; export it as CSV or text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"SQLite format 3", "a SQLite database"),
)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing file, a folder or an unreadable file is an InputError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "can't be read (permission denied)") from None
    except OSError as exc:
        raise InputError(path, f"can't be read ({exc.strerror or exc})") from None


def line_of_offset(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def decode_text(path: Path, data: bytes) -> str:
    """Decode bytes as UTF-8 (a UTF-8 BOM is dropped; UTF-16 with a BOM is accepted, since the BOM says so).

    Anything else is refused rather than guessed: a cp1252 file decoded as latin-1 would silently garble text.
    Newlines are normalised to ``\\n`` so line numbers match what an editor shows.
    """
    if not data.strip():
        raise InputError(path, "is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"is marked as UTF-16 but can't be decoded ({exc.reason}); re-save it as UTF-8") from None
    else:
        for magic, description in _KNOWN_BINARIES:
            if data.startswith(magic):
                raise InputError(path, f"is {description}, not a text file")
        nul = data.find(b"\x00", 0, 1 << 16)
        if nul != -1:
            raise InputError(path, "looks like a binary file (it contains NUL bytes), not text", line=line_of_offset(data, nul))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # utf-8-sig offsets count the BOM too, so they index `data` directly.
            line = line_of_offset(data, exc.start)
            raise InputError(path, f"is not UTF-8 text (line {line}); re-save it as UTF-8", line=line) from None
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "is empty")
    return text
