"""Reading an input file's bytes into text, or one InputError that says what is wrong and where.

Every reader goes through here, so "empty", "binary" and "wrong encoding" read the same for guides and feeds.
Text that isn't UTF-8 (an Excel CSV saved as Windows-1252, say) is decoded with the encoding charset-normalizer
detects, and a notice names it (see ``collect_notices``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from assistant.errors import InputError

# When charset-normalizer finds several encodings equally likely (short texts often decode the same way in many
# code pages), prefer the one Excel on a Western Windows machine saves with.
_PREFERRED_ON_A_TIE = ("cp1252",)
_notices: ContextVar[list[str] | None] = ContextVar("ingest_notices", default=None)


@contextmanager
def collect_notices() -> Iterator[list[str]]:
    """Collect what reading files had to say (e.g. which encoding was detected) while the block runs.

    Faces wrap an ingest in this and show the notices; readers need no extra parameter to report them.
    """
    notices: list[str] = []
    token = _notices.set(notices)
    try:
        yield notices
    finally:
        _notices.reset(token)


def notice(message: str) -> None:
    collected = _notices.get()
    if collected is not None and message not in collected:
        collected.append(message)

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
    """Decode bytes as UTF-8 (a UTF-8 BOM is dropped; UTF-16 with a BOM is accepted, since the BOM says so), else
    in the encoding charset-normalizer detects, with a notice naming it; undetectable bytes are an InputError.

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
            text = _decode_detected(path, data, line)
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "is empty")
    return text


def _decode_detected(path: Path, data: bytes, first_bad_line: int) -> str:
    """``data`` decoded in the encoding charset-normalizer finds most likely, with a notice saying which."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            path,
            f"is not UTF-8 text (line {first_bad_line}) and no other text encoding fits it; re-save it as UTF-8",
            line=first_bad_line,
        )
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    equally_likely = {name for m in tied for name in (m.encoding, *m.could_be_from_charset)}
    encoding = next((name for name in _PREFERRED_ON_A_TIE if name in equally_likely), best.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding, text = best.encoding, str(best)
    notice(
        f"{path.name} is not UTF-8: read it as {encoding_label(encoding)} (detected). If the text looks wrong, "
        "re-save the file as UTF-8."
    )
    return text


def encoding_label(encoding: str) -> str:
    """A name people know: 'cp1252' -> 'Windows-1252', 'utf_16' -> 'UTF-16', 'iso8859_2' -> 'ISO-8859-2'."""
    name = encoding.lower().replace("_", "-")
    if re.fullmatch(r"cp125\d", name):
        return f"Windows-{name[2:]}"
    if name.startswith("iso8859"):
        return "ISO-8859-" + name.removeprefix("iso8859").lstrip("-")
    if name.startswith("utf"):
        return name.upper()
    return name
