"""The campaign as a marketer typed it, fitted into sentences.

Campaign inputs are noun phrases ("autumn rain shell launch", "a creator partnership", "Spring tote launch").
Wording templates need them with an article mid-sentence ("the autumn rain shell launch"), capitalised at
the start of a sentence or a heading, and, for a launch, the thing launched ("the autumn rain shell"), so a
brief can talk about the product rather than about "what autumn rain shell launch is".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.drafting import text as tx
from assistant.drafting import wording


@dataclass(frozen=True)
class CampaignWords:
    """One campaign, in the forms sentences need."""

    text: str  # as typed, trimmed: "autumn rain shell launch"
    phrase: str  # mid-sentence, with an article: "the autumn rain shell launch", "a creator partnership"
    title: str  # a heading: "Autumn rain shell launch"
    launched: str  # what the campaign launches, mid-sentence: "the autumn rain shell"; "" when it names nothing
    generic: bool  # says nothing beyond "a partnership" ("a creator partnership")

    @property
    def phrase_start(self) -> str:
        """The phrase at the start of a sentence: "The autumn rain shell launch"."""
        return capitalise(self.phrase)


def capitalise(text: str) -> str:
    """First letter upper-cased, the rest untouched ("the iPhone case" -> "The iPhone case")."""
    return text[:1].upper() + text[1:]


def _config() -> dict:
    return wording.load("campaign")


@lru_cache(maxsize=1)
def _word_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    config = _config()
    return (
        frozenset(config["determiners"]),
        frozenset(config["launch_words"]),
        frozenset(config["time_words"]),
        frozenset(config["generic_words"]),
    )


def _mid_sentence_case(words: list[str], name_words: set[str]) -> list[str]:
    """Lower-case a sentence-case first word ("Autumn rain shell launch" -> "autumn ..."), but not a name.

    Title Case ("Autumn Rain Shell Launch") reads as a named campaign and stays; so do acronyms ("BTS push"),
    mixed case ("iPhone"), model names ("Ridge 40 release") and words of the brand's name ("Northwind autumn
    launch").
    """
    if not words:
        return words
    first = words[0]
    rest_title_case = len(words) > 1 and all(w[:1].isupper() for w in words[1:] if w[:1].isalpha())
    sentence_case = first[:1].isupper() and first[1:] == first[1:].lower()
    model_name = len(words) > 1 and any(c.isdigit() for c in words[1])
    if sentence_case and not rest_title_case and not model_name and first.lower() not in name_words:
        return [first[:1].lower() + first[1:], *words[1:]]
    return words


def campaign_words(campaign: str, brand_name: str = "") -> CampaignWords:
    """The forms of ``campaign`` that sentences need (see :class:`CampaignWords`)."""
    determiners, launch_words, time_words, generic_words = _word_sets()
    text = " ".join(campaign.strip().strip("\"'“”‘’").split()).rstrip(".!?;:,")
    name_words = set(tx.words(brand_name))
    words = text.split()
    if not words:
        return CampaignWords(text="", phrase="", title="", launched="", generic=True)

    determiner = words[0] if words[0].lower() in determiners and len(words) > 1 else ""
    body = _mid_sentence_case(words[1:] if determiner else words, name_words)
    determiner = determiner.lower() if determiner and determiner[1:] == determiner[1:].lower() else determiner
    article = determiner or _config()["article"]
    phrase = f"{article} {' '.join(body)}"

    lowered = [w.lower() for w in body]
    generic = all(w in generic_words or w in name_words for w in re.findall(r"[a-z0-9'-]+", " ".join(lowered)))

    launched = ""
    if len(body) > 1 and lowered[-1] in launch_words:
        named = body[:-1]
        # A launch of something: at least one word that isn't a date, a season or the brand's own name.
        if any(w.lower() not in time_words and w.lower() not in name_words for w in named):
            launched_article = article if determiner not in ("a", "an") else _config()["article"]
            launched = f"{launched_article} {' '.join(named)}"

    return CampaignWords(
        text=text,
        phrase=phrase,
        title=capitalise(text),
        launched=launched,
        generic=generic,
    )
