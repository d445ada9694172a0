"""Typing a rule sentence to a measurable check: rule verb + object against the names of the checks."""

from __future__ import annotations

import pytest

from assistant.guide.checks import CHECK_TERMS, type_rule
from assistant.models.records import CheckKind

# Rules written the way many guides write them (not copied from the evaluation guides' test split).
CASES = [
    ("Use contractions.", "contractions", "prefer", None),
    ("Don't use contractions in legal copy.", "contractions", "avoid", None),
    ("Write in the active voice.", "active_voice", "prefer", None),
    ("Avoid the passive voice.", "active_voice", "prefer", None),
    ("Never use more than one exclamation mark.", "exclamation", "limit", 1),
    ("No ALL CAPS.", "capitals", "avoid", None),
    ("Skip the superlatives.", "hype", "avoid", None),
    ("Cut the jargon.", "jargon", "avoid", None),
    ("Prefer plain English.", "jargon", "avoid", None),
    ("Keep sentences under 25 words.", "sentence_length", "limit", 25),
    ("Aim for a grade 7 reading level.", "reading_level", "limit", 7),
    ("Talk to the reader in the second person.", "person", "prefer", None),
    ("Use title case for headings, never sentence case.", "sentence_case", "avoid", None),
    ("Use emoji sparingly.", "emoji", "limit", None),
    ("At most two hashtags per post.", "hashtags", "limit", 2),
    ("No slang.", "slang", "avoid", None),
    ("Never swear.", "profanity", "avoid", None),
    ("Don't promise results you can't guarantee.", "claims", "avoid", None),
]


@pytest.mark.parametrize(("text", "check", "polarity", "limit"), CASES, ids=[c[0] for c in CASES])
def test_rule_is_typed_to_its_check(text, check, polarity, limit):
    typed = type_rule(text)
    assert (typed.check, typed.polarity) == (check, polarity)
    assert typed.limit == limit


def test_a_dont_label_negates_a_rule_that_does_not_say_so():
    assert type_rule("Use emoji.", negated=True).polarity == "avoid"
    assert type_rule("Never use emoji.", negated=True).polarity == "avoid"  # not negated twice


def test_an_allowance_has_a_check_but_no_polarity():
    typed = type_rule("You can use the passive voice when the actor is unknown.")
    assert (typed.check, typed.polarity) == ("active_voice", None)


def test_quoted_words_make_a_words_rule_when_no_check_is_named():
    typed = type_rule('Never say "cheap" or "bargain".')
    assert (typed.check, typed.polarity, typed.words) == ("words", "avoid", ["cheap", "bargain"])


def test_guidance_without_a_measurable_object_stays_untyped():
    for text in ("Be kind.", "Consider the reader's situation.", "Tell people what they need to know."):
        assert type_rule(text).check is None


def test_the_vocabulary_only_names_known_checks():
    assert set(CHECK_TERMS) <= set(CheckKind.__args__)
    assert all(pole in (-1, 1) for terms in CHECK_TERMS.values() for _, pole in terms)
