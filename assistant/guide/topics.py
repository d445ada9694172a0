"""Keyword phrases of a brand's "About" text: what the brand says it is about, in the order it says it.

No language model and no part-of-speech tagger. First the lists a guide spells out ("We write about hiking,
camping and trail running"), then runs of content words between stop words (RAKE-style). Sentences that say
what the brand does *not* do ("We don't do investing tips") are skipped: a topic is never a negated one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_STOP_WORDS = frozenset(
    """
    a about above across after again against all almost also although always am among an and any anyone
    anything are around as at be because been before being below between both but by can could did do does
    doing done down during each either else enough even ever every everyone everything few for from further
    get gets getting give gives go goes going got had has have having he her here hers him his how however i
    if in into is it its itself just keep keeps least less like made make makes making many may me might more
    most much must my myself neither never no nor not now of off often on once one only onto or other others
    our ours ourselves out outside over own per perhaps rather really same see seem seems several she should
    since so some something sometimes still such than that the their theirs them themselves then there these
    they this those though through throughout thus to together too toward towards under until up upon us use
    used uses using very via was way we well were what whatever when where whether which while who whom whose
    why will with within without would yet you your yours yourself yourselves
    believe believes build builds built create creates created design designs designed help helps helping love
    loves loved offer offers offered sell sells sold started founded based want wants need needs think bring
    brings bringing become became turn turns work works working run runs start starts put puts take takes
    took find finds found know knows try tries tried let lets feel feels look looks looking write writes
    written talk talks post posts set sets understand understands ship ships shipped test tests tested react
    reacts reviewed selling offering it's that's there's here's what's who's let's
    new best better great good small big first last years year today everyday daily already
    people customers company companies brand brands business team things thing world kind lot lots
    """.split()
)
_GENERIC_SINGLE = frozenset(
    "products product range line lines story mission stuff place places time times day days part parts ways "
    "home formula formulas".split()
)
_WORD = re.compile(r"[a-z][a-z\-]*[a-z](?:'s)?|[a-z]")  # "children's" is a word; "don't" is not
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”‘’—–/|]+|\s-\s|\n")
_NEGATED = re.compile(r"\b(don't|don’t|do not|never|not|won't|won’t|isn't|isn’t|aren't|aren’t)\b", re.IGNORECASE)
_HISTORY = re.compile(r"^(we (started|began|were founded)|founded|since \d|it all (started|began))\b", re.IGNORECASE)
_LISTED = re.compile(r"\b(?:write|talk|post|create content|make content|care|are all|is all) about (.+)$", re.IGNORECASE)
_PROPER_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|No|of|and|&)){1,3}\s+[A-Z][\w'-]*)")
_MAX_WORDS = 3


def keyword_phrases(
    texts: Iterable[str], *, exclude: set[str] | None = None, own_name: str = ""
) -> list[str]:
    """Lower-case keyword phrases (1-3 words) from ``texts``: listed subjects first, then other phrases.

    Words in ``exclude`` (the brand's slug) never appear, nor does the brand's own name as a phrase.
    """
    exclude = {e.lower() for e in (exclude or set())}
    own_name = own_name.lower().strip()
    listed: list[str] = []
    others: list[str] = []
    proper: list[list[str]] = []  # "leave no trace": its pieces "leave" and "trace" are not topics of their own
    for text in texts:
        if own_name:  # "Northwind Outfitters makes..." is not about "outfitters"
            text = re.sub(re.escape(own_name), ",", text, flags=re.IGNORECASE)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if _NEGATED.search(sentence) or _HISTORY.match(sentence):
                continue
            for name in _PROPER_RUN.findall(sentence):
                listed.append(name.lower())
                proper.append(name.lower().split())
            match = _LISTED.search(sentence)
            if match:
                listed.extend(_phrases(match.group(1), exclude))
            others.extend(_phrases(sentence, exclude))
    seen: set[str] = set()
    result = []
    for phrase in listed + others:
        words = set(phrase.split())
        if phrase in seen or phrase == own_name or words & exclude:
            continue
        if any(len(run) > len(words) and words <= set(run) for run in proper):
            continue
        seen.add(phrase)
        result.append(phrase)
    return result


def _phrases(text: str, exclude: set[str]) -> list[str]:
    found: list[str] = []
    for clause in _CLAUSE_BREAK.split(text.lower()):
        run: list[str] = []
        for token in clause.split():
            word = token.strip("*_`").replace("’", "'")
            if (
                not _WORD.fullmatch(word)
                or word in _STOP_WORDS
                or word in exclude
                or len(word) < 3
            ):
                _flush(run, found)
                run = []
                continue
            run.append(word)
        _flush(run, found)
    return found


def _flush(run: list[str], found: list[str]) -> None:
    while run and run[0].endswith("ly"):  # "mostly students" -> "students"
        run = run[1:]
    if not run:
        return
    words = run[-_MAX_WORDS:]  # the head noun of an English noun phrase comes last
    if len(words) == 1 and words[0] in _GENERIC_SINGLE:
        return
    found.append(" ".join(words))
