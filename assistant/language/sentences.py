"""The one sentence splitter: line breaks end sentences (captions are written in lines), and inside a line
pysbd (rule-based sentence boundary disambiguation, Golden Rules tested) finds the boundaries, so "Dr. Smith",
"U.S." and "3.5" don't end sentences. Two things pysbd gets wrong on social text are handled around it: URLs
are masked (their dots aren't full stops) and a run of "!" or "?" ends a sentence even when the next one starts in lower case (captions often do)."""

from __future__ import annotations

import re
import threading

from assistant.language.tokens import URL_RE

_LINE_RE = re.compile(r"[^\n]+")
_BANG_BREAK = re.compile(r"[!?]+[\"')\]]*\s+")
_INNER_STOP = re.compile(r"[.!?\u2026]")


_LOCAL = threading.local()


def _segmenter():
    """One pysbd segmenter per thread: a segmenter keeps the text it is working on, so sharing one between
    threads (the chat's workers, rank's pool) mixes texts up."""
    seg = getattr(_LOCAL, "segmenter", None)
    if seg is None:
        import pysbd

        seg = _LOCAL.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return seg


# A boundary candidate: end punctuation, closing quotes, space. The word before it decides whether it is one.
_CANDIDATE = re.compile(r"[.!?\u2026]+[\"')\]]*\s+")
# Words whose full stop may not end a sentence: initials and abbreviations (U.S., e.g., Dr., No., 3.5).
_ABBREVIATION = re.compile(r"(?:^|\s|\()(?:[A-Za-z]\.|[A-Za-z]+\.[A-Za-z.]+|[A-Z][a-z]{0,2}\.|\d+\.)$")


def _plain_boundaries(line: str) -> list[tuple[int, int]] | None:
    """Split where no boundary is ambiguous; None when one might be an abbreviation (then pysbd decides)."""
    out, start = [], 0
    for m in _CANDIDATE.finditer(line):
        if line[m.start()] == "." and (
            _ABBREVIATION.search(line[max(0, m.start() - 12) : m.start() + 1]) or line[m.end() : m.end() + 1].islower()
        ):
            return None  # "Dr. Smith", "U.S. team", "etc. and": pysbd knows these
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(line)))
    return out


def _split_line(line: str) -> list[tuple[int, int]]:
    if not _INNER_STOP.search(line.rstrip(".!?\u2026\"') ")):
        return [(0, len(line))]  # no full stop inside the line: one sentence (the common case, no pysbd call)
    if not URL_RE.search(line):
        plain = _plain_boundaries(line)
        if plain is not None:
            return plain
    masked = URL_RE.sub(lambda m: "x" * len(m.group(0)), line)
    spans = [(s.start, s.end) for s in _segmenter().segment(masked)]
    out: list[tuple[int, int]] = []
    for lo, hi in spans or [(0, len(line))]:
        start = lo
        for m in _BANG_BREAK.finditer(masked, lo, hi):
            out.append((start, m.end()))
            start = m.end()
        out.append((start, hi))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed, empty ones dropped."""
    out: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        base = line.start()
        for lo, hi in _split_line(line.group(0)):
            piece = text[base + lo : base + hi]
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            out.append((base + lo + lead, base + lo + lead + len(stripped)))
    return out


def sentences_of(text: str) -> list[str]:
    """Sentences (and lines) of a text, stripped, empty ones dropped."""
    return [text[a:b] for a, b in sentence_spans(text)]
