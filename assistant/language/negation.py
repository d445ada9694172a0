"""The one negation rule: a negator ("not", "no", "never", any "-n't" form...) among the last few words of the
clause before a match negates it ("this won't cure acne", "never promise returns")."""

from __future__ import annotations

import re

# Closed-class negators of English grammar; every "-n't" contraction is caught by its ending.
_NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot", "without"})
# Informal spellings without the apostrophe ("dont", "cant"): the same negators as typed in captions.
_BARE_NT = re.compile(r"^(?:do|does|did|is|are|was|were|has|have|had|could|would|should|ca|wo|must|need|ai)nt$")
CLAUSE_BREAK = re.compile(r"[.!?\n,;:()\u2014\u2013]|\s-\s|\bbut\b|\bhowever\b")
WINDOW = 4  # words before the match that a negator may stand in


# Words that refuse or set aside what follows as a negator does ("stop buying", "skip the", "a myth that"):
# a closed set of English verbs and adverbs of refusal, part of the same rule.
_REFUSALS = frozenset({"stop", "quit", "avoid", "instead", "rather", "myth", "myths", "skip"})


def is_negation_cue(word: str) -> bool:
    """A negator, or a word of refusal that works like one before a claim or an offer."""
    w = word.lower().strip("\"'")
    return is_negator(w) or w in _REFUSALS


def is_negator(word: str) -> bool:
    w = word.lower().strip("\"'").replace("\u2019", "'")
    return w in _NEGATORS or w.endswith("n't") or bool(_BARE_NT.match(w))


def negated(lower: str, start: int, window: int = WINDOW) -> bool:
    """Is the text at `start` negated by a negator among the last `window` words of its clause?"""
    clause_start = 0
    for m in CLAUSE_BREAK.finditer(lower, 0, start):
        clause_start = m.end()
    before = lower[clause_start:start].split()[-window:]
    return any(is_negator(w) for w in before)
