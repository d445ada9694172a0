"""Check that what a model cites exists: post ids in its text must be ids we actually gave it.

Post ids look like ``<handle>-<12 hex>`` (see :func:`assistant.ids.post_id`), e.g. ``maya.makes-0a1b2c3d4e5f``.
Models cite them bare or in brackets: ``[post:maya.makes-0a1b2c3d4e5f]``, ``[maya.makes-0a1b2c3d4e5f]``,
``[posts: a-…, b-…]``. An id the model made up (or copied from a post's text) is removed from bracket citations
and replaced by a neutral marker in prose, so nothing on screen points at a post that isn't in the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

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


# Verdicts and scores -------------------------------------------------------------------------------------------
#
# The model explains a fit; code computes it. A reply that says "strong, 100/100" when the assessment says 39,
# poor must not reach the marketer as it stands. ``FitClaimChecker`` reads the reply as it streams, one finished
# sentence or line at a time, finds each stated score ("N/100", "N out of 100") and verdict (a verdict word of
# ``assistant.models.Verdict`` used as one: "a strong fit", "verdict: poor", "strong, 100/100"), works out which
# creator it is about (the @handle or handle last named, else the only creator assessed), and replaces a
# contradicting one with the computed value, keeping a record for a note.


@dataclass(frozen=True)
class ComputedFit:
    """What code computed for one creator: the overall score and verdict, and every other score it reported
    (dimension scores, the score before caps), which a reply may quote as they are."""

    handle: str
    score: int
    verdict: str
    other_scores: frozenset[int] = frozenset()

    @classmethod
    def of(cls, assessment: Any) -> ComputedFit:
        """From a ``FitAssessment`` or a ``RankedCreator``."""
        if hasattr(assessment, "dimensions"):
            others = {d.score for d in assessment.dimensions if d.score is not None}
            handle = assessment.influencer
        else:
            others = {s for s in (assessment.dimension_scores or {}).values() if s is not None}
            handle = assessment.influencer
        raw = getattr(assessment, "raw_score", None)
        if raw is not None:
            others.add(raw)
        return cls(handle.lower().lstrip("@"), int(assessment.score), str(assessment.verdict), frozenset(others))

    def allows(self, score: int) -> bool:
        return score == self.score or score in self.other_scores


@dataclass(frozen=True)
class FitCorrection:
    handle: str
    stated: str  # what the model wrote, e.g. "100/100" or "strong"
    computed: str  # what was computed, in the same form
    kind: str  # 'score' or 'verdict'


def _verdict_words() -> tuple[str, ...]:
    from typing import get_args

    from assistant.models.fit import Verdict

    return tuple(get_args(Verdict))


_SCORE = r"(?P<score>\d{1,3})(?:\s*/\s*100\b|\s+out\s+of\s+(?:a\s+)?(?:possible\s+)?100\b)"
_HANDLE_MENTION = re.compile(r"(?<![\w@])@(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z0-9_])")
# Where a reply may be cut for checking: after a sentence's end mark and its space, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[ \t]+(?=\S)|\n")


def _claim_patterns() -> list[re.Pattern[str]]:
    verdict = "|".join(_verdict_words())
    v = rf"(?P<verdict>{verdict})"
    return [
        re.compile(_SCORE, re.IGNORECASE),
        # "a strong fit", "a poor overall match"
        re.compile(rf"\b{v}\b(?=(?:\s+[\w-]+)?\s+(?:fit|match)\b)", re.IGNORECASE),
        # "verdict: poor", "the verdict is **strong**"
        re.compile(rf"\bverdict\b(?:\s+(?:for|on)\s+@?[\w.]*\w)?[\s:*_\"'`]*(?:(?:is|was|of)\s+)?[*_\"'`]*{v}\b",
                   re.IGNORECASE),
        # "strong, 100/100" and "100/100 (strong)"
        re.compile(rf"\b{v}\b(?=[\s,;:()\-–—]{{1,4}}(?:at\s+|with\s+)?\d{{1,3}}(?:\s*/\s*|\s+out\s+of\s+)100)",
                   re.IGNORECASE),
        re.compile(rf"(?<=\b100)[\s,;:()\-–—]{{1,4}}(?:an?\s+)?{v}\b", re.IGNORECASE),
    ]


class FitClaimChecker:
    """Corrects stated fit scores and verdicts, as a reply streams, against what code computed.

    ``lookup(handle)`` returns the :class:`ComputedFit` of a creator not assessed in this turn (or None when it
    can't be computed, e.g. no brand is chosen); ``default_handle`` is the creator a claim is about when the reply
    names none (the conversation's current creator).
    """

    def __init__(self, lookup: Callable[[str], ComputedFit | None] | None = None,
                 default_handle: str | None = None) -> None:
        self.computed: dict[str, ComputedFit] = {}
        self.lookup = lookup
        self.default_handle = default_handle.lower().lstrip("@") if default_handle else None
        self.corrections: list[FitCorrection] = []
        self.seen: list[str] = []  # the reply so far, as checked (a lookup may want to know what it said)
        self._pending = ""
        self._last_handle: str | None = None
        self._patterns = _claim_patterns()
        self._trigger = re.compile(rf"\d|\b(?:{'|'.join(_verdict_words())}|verdict)", re.IGNORECASE)

    def add(self, fit: ComputedFit) -> None:
        self.computed[fit.handle] = fit

    def feed(self, delta: str) -> str:
        """Take a piece of the reply; return the text that is ready to show, corrected.

        Finished sentences are checked whole. Of the sentence still arriving, words that can't be part of a claim
        are let through at once (so the reply still streams); from the first digit or verdict word on, the
        sentence is held until it ends.
        """
        self._pending += delta
        cut = 0
        for match in _BOUNDARY.finditer(self._pending):
            cut = match.end()
        ready, rest = self._pending[:cut], self._pending[cut:]
        out = self.check(ready) if ready else ""
        if rest and not self._trigger.search(rest):
            last_space = max(rest.rfind(" "), rest.rfind("\t"))
            if last_space > 0:  # the last word may still grow into a verdict word: keep it back
                released, rest = rest[: last_space + 1], rest[last_space + 1:]
                self.seen.append(released)
                self._remember_handles(released)
                out += released
        self._pending = rest
        return out

    def flush(self) -> str:
        """The rest of the reply, corrected."""
        ready, self._pending = self._pending, ""
        return self.check(ready) if ready else ""

    def check(self, text: str) -> str:
        """``text`` with every contradicting score or verdict replaced by the computed one."""
        self.seen.append(text)
        if not self._has_claim(text):
            self._remember_handles(text)
            return text
        events: list[tuple[int, int, str, str]] = []  # start, end, kind, value
        for match in _HANDLE_MENTION.finditer(text):
            events.append((match.start(), match.end(), "handle", match.group("handle")))
        for name in self._known_names():
            for match in re.finditer(rf"(?<![\w@.]){re.escape(name)}(?![\w])", text, re.IGNORECASE):
                events.append((match.start(), match.end(), "handle", name))
        for pattern in self._patterns:
            for match in pattern.finditer(text):
                kind = "score" if "score" in match.groupdict() and match.group("score") else "verdict"
                events.append((match.start(kind), match.end(kind), kind, match.group(kind)))
        events.sort(key=lambda e: (e[0], e[2] != "handle"))
        replacements: dict[tuple[int, int], str] = {}
        for start, end, kind, value in events:
            if kind == "handle":
                self._last_handle = value.lower().lstrip("@")
                continue
            fit = self._fit_for(self._last_handle)
            if fit is None or (start, end) in replacements:
                continue
            if kind == "score" and not fit.allows(int(value)):
                replacements[(start, end)] = str(fit.score)
                self.corrections.append(FitCorrection(fit.handle, f"{value}/100", f"{fit.score}/100", "score"))
            elif kind == "verdict" and value.lower() != fit.verdict.lower():
                replacements[(start, end)] = fit.verdict if value.islower() else fit.verdict.capitalize()
                self.corrections.append(FitCorrection(fit.handle, value.lower(), fit.verdict, "verdict"))
        for (start, end), new in sorted(replacements.items(), reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def _has_claim(self, text: str) -> bool:
        return any(p.search(text) for p in self._patterns)

    def _remember_handles(self, text: str) -> None:
        for match in _HANDLE_MENTION.finditer(text):
            self._last_handle = match.group("handle").lower()

    def _known_names(self) -> list[str]:
        names = set(self.computed)
        if self.default_handle:
            names.add(self.default_handle)
        return sorted(names, key=len, reverse=True)

    def _fit_for(self, handle: str | None) -> ComputedFit | None:
        if handle is None:
            if len(self.computed) == 1:
                return next(iter(self.computed.values()))
            handle = self.default_handle
        if handle is None:
            return None
        if handle not in self.computed and self.lookup is not None:
            found = self.lookup(handle)
            if found is not None:
                self.computed[handle] = found
        return self.computed.get(handle)
