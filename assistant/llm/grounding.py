"""Check that what a model cites exists: post ids in its text must be ids we actually gave it.

Post ids look like ``<handle>-<12 hex>`` (see :func:`assistant.ids.post_id`), e.g. ``maya.makes-0a1b2c3d4e5f``.
Models cite them bare or in brackets: ``[post:maya.makes-0a1b2c3d4e5f]``, ``[maya.makes-0a1b2c3d4e5f]``,
``[posts: a-…, b-…]``. An id the model made up (or copied from a post's text) is removed from bracket citations
and replaced by a neutral marker in prose, so nothing on screen points at a post that isn't in the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

# A handle (letters of any alphabet, digits, '.', '_', '-': see models.validate_handle) then '-' and 12 hex.
# The `regex` module's \w is Unicode's: letters, digits and combining marks, so ids of handles like 'ñandú_fit',
# '東京ガール' or 'हिंदी_क्रिएटर' are found too (the stdlib's \w misses the marks Indic scripts need).
_ID = r"\w[\w.-]*?-[0-9a-f]{12}"
POST_ID_PATTERN = regex.compile(rf"(?<![\w.-])({_ID})(?![\w-])", regex.IGNORECASE)

# A bracket citation holding one or more ids, optionally prefixed 'post:' / 'posts:'.
_CITATION = regex.compile(
    rf"(?P<space>[ \t]?)\[(?P<prefix>\s*posts?\s*:\s*)?(?P<ids>{_ID}(?:\s*[,;]\s*{_ID})*)\s*\]",
    regex.IGNORECASE,
)

UNVERIFIED_MARKER = "[unverified source]"


def extract_post_ids(text: str) -> list[str]:
    """Post ids mentioned in ``text`` (bare or in citations), lower-cased, first occurrence first, no repeats."""
    seen: dict[str, None] = {}
    for match in POST_ID_PATTERN.finditer(text):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def validate_cited_ids(ids: Iterable[str], known: set[str] | frozenset[str]) -> tuple[list[str], list[str]]:
    """Split ``ids`` into (kept: in ``known``, dropped: not), each in order without repeats."""
    kept: dict[str, None] = {}
    dropped: dict[str, None] = {}
    for raw in ids:
        post_id = raw.strip().lower()
        if not post_id:
            continue
        (kept if post_id in known else dropped).setdefault(post_id, None)
    return list(kept), list(dropped)


def drop_unknown_citations(
    text: str, known_ids: set[str] | frozenset[str], *, marker: str = UNVERIFIED_MARKER
) -> tuple[str, list[str]]:
    """Remove citations of ids not in ``known_ids``; return (cleaned text, dropped ids).

    In a bracket citation the unknown ids are removed (the whole bracket if none is left). A bare unknown id in
    prose is replaced by ``marker`` so the sentence still reads. Known ids are left exactly as written.
    """
    known = {k.lower() for k in known_ids}
    dropped: dict[str, None] = {}

    def fix_citation(match: re.Match[str]) -> str:
        ids = [i.strip() for i in re.split(r"[,;]", match.group("ids"))]
        kept = [i for i in ids if i.lower() in known]
        for i in ids:
            if i.lower() not in known:
                dropped.setdefault(i.lower(), None)
        if len(kept) == len(ids):
            return match.group(0)
        if not kept:
            return ""
        prefix = match.group("prefix") or ""
        return f"{match.group('space')}[{prefix}{', '.join(kept)}]"

    cleaned = _CITATION.sub(fix_citation, text)

    def fix_bare(match: re.Match[str]) -> str:
        post_id = match.group(1)
        if post_id.lower() in known:
            return post_id
        dropped.setdefault(post_id.lower(), None)
        return marker

    cleaned = POST_ID_PATTERN.sub(fix_bare, cleaned)
    # Report in order of first appearance in the original text.
    return cleaned, [i for i in extract_post_ids(text) if i in dropped]
