"""The detector catalogue: one detector per rule kind, on sentences from many sources (guides' own examples,
captions, plain-language before/after pairs), and fixes that are correct English."""

import pytest

from assistant.analysis import check_text
from assistant.analysis.detectors import DETECTORS, RuleSpec, detect
from assistant.models.records import CheckKind, VoiceGuide
from typing import get_args


def hits(kind, polarity, text, limit=None, words=()):
    spec = RuleSpec(check=kind, polarity=polarity, text="rule", limit=limit, words=tuple(words))
    return [(text[h.start : h.end], h.fix) for h in detect(spec, text)]


def test_one_detector_per_check_kind():
    assert set(get_args(CheckKind)) == set(DETECTORS)


@pytest.mark.parametrize(
    ("kind", "polarity", "text", "found"),
    [
        ("active_voice", "prefer", "The lake was polluted by the company.", "was polluted"),
        ("active_voice", "prefer", "Bonds will be withheld in cases of non-compliance.", "be withheld"),
        ("active_voice", "prefer", "Details were added to the product", "were added"),
        ("exclamation", "avoid", "Great news! We did it.", "!"),
        ("capitals", "avoid", "SOLD OUT tonight, thank you", "SOLD OUT"),
        ("capitals", "avoid", "This jacket is FREE with any order.", "FREE"),
        ("hype", "avoid", "The greatest launch of the year.", "greatest"),
        ("hype", "avoid", "An absolutely amazing serum.", "amazing"),
        ("jargon", "avoid", "We utilize the portal to submit forms.", "utilize"),
        ("jargon", "avoid", "Entrained particulate matter impinges on refractory coatings.", "impinges"),
        ("sentence_case", "prefer", "Create Purchase Order", "Create Purchase Order"),
        ("emoji", "avoid", "Fresh batch out now ☕", "☕"),
        ("hashtags", "avoid", "New roast #coffee", "#coffee"),
        ("slang", "avoid", "ngl this roast slaps", "ngl"),
        ("profanity", "avoid", "This is the best damn coffee.", "damn"),
        ("claims", "avoid", "This serum cures acne.", "cures acne"),
        ("words", "avoid", "Totally waterproof for any storm.", "waterproof"),
        ("person", "prefer", "The applicant must provide a mailing address.", "The applicant"),
        ("person", "prefer", "Copies of tax returns must be provided.", "Copies of tax returns must be provided."),
    ],
)
def test_each_detector_finds_what_breaks_its_rule(kind, polarity, text, found):
    assert found in [t for t, _ in hits(kind, polarity, text, words=("waterproof",))]


@pytest.mark.parametrize(
    ("kind", "polarity", "text"),
    [
        ("active_voice", "prefer", "The company polluted the lake."),
        ("capitals", "avoid", "Thanks to KFC, NASA and the FDA for the data."),
        ("capitals", "avoid", "I'm Kit, your assistant"),
        ("hype", "avoid", "A walk in the forest with an honest friend."),
        ("jargon", "avoid", "You must include this information in your application."),
        ("sentence_case", "prefer", "Working at the Digital Transformation Agency"),
        ("sentence_case", "prefer", "Visiting Australia"),
        ("person", "prefer", "This means we must calculate new figures."),
        ("contractions", "prefer", "You can't have products with negative weights"),
        ("contractions", "prefer", "Let us know what you think."),
        ("contractions", "prefer", "Come as you are."),
        ("contractions", "prefer", "I have two kids."),
        ("claims", "avoid", "This won't cure your acne, but it feels nice."),
    ],
)
def test_compliant_text_gets_no_finding(kind, polarity, text):
    assert hits(kind, polarity, text) == []


def test_contraction_fixes_are_correct_english():
    prefer = dict(hits("contractions", "prefer", "We do not sell your data. It is ready. We have finished the update."))
    assert prefer == {
        "do not": "Use the contraction: \u2018don't\u2019.",
        "It is": "Use the contraction: \u2018It's\u2019.",
        "We have": "Use the contraction: \u2018We've\u2019.",
    }
    avoid = dict(hits("contractions", "avoid", "Can't stop. It's been fun. Let's go. Tom's bike is here."))
    assert avoid["Can't"].endswith("\u2018Cannot\u2019.")
    assert avoid["It's"].endswith("\u2018It has\u2019.")  # "it's been" is "it has been"
    assert avoid["Let's"].endswith("\u2018Let us\u2019.")
    assert "Tom's" not in avoid  # a possessive
    awkward = [t for t, _ in hits("contractions", "prefer", "There're 10 products and you mustn't ship them")]
    assert awkward == ["There're", "mustn't"]


def test_shouting_fix_keeps_sentence_case_and_never_touches_acronyms():
    found = dict(hits("capitals", "avoid", "SOLD OUT at KFC. Get yours FREE"))
    assert found == {"SOLD OUT": "Don't shout: write \u2018Sold out\u2019.", "FREE": "Don't shout: write \u2018free\u2019."}


def test_limits_allow_up_to_the_number():
    assert hits("emoji", "limit", "Good 🎉", limit=1) == []
    assert [t for t, _ in hits("emoji", "limit", "Good 🎉 great 🔥", limit=1)] == ["🔥"]
    assert hits("exclamation", "limit", "Done!", limit=1) == []
    assert [t for t, _ in hits("exclamation", "limit", "Done!!!", limit=1)] == ["!!!"]
    assert [t for t, _ in hits("sentence_length", "limit", "one two three four five six", limit=5)] == ["one two three four five six"]


def test_reading_level_flags_hard_text_and_quotes_its_hardest_sentence():
    text = (
        "Notwithstanding the aforementioned considerations, comprehensive eligibility determinations necessitate "
        "substantial documentation. Send it today."
    )
    found = hits("reading_level", "limit", text, limit=8)
    assert len(found) == 1 and found[0][0].startswith("Notwithstanding")
    assert hits("reading_level", "limit", "Send the form today. We will call you back within a week or so.", limit=8) == []




def test_check_names_the_guide_rule_quoted_with_its_section_and_lists_each_finding_once(tmp_path):
    from assistant.ingest import read_guide

    path = tmp_path / "acme.md"
    path.write_text("# Acme\n\n## Punctuation\n\nDon't use exclamation marks.\n\n## Voice\n\nUse active voice.\n", encoding="utf-8")
    guide = read_guide(path)
    report = check_text(guide, "The form was submitted!")
    by_check = {f.check: f for f in report.findings}
    assert by_check["exclamation"].rule.startswith("\u201cDon't use exclamation marks.\u201d")
    assert "Punctuation" in by_check["exclamation"].rule and by_check["exclamation"].section
    assert by_check["active_voice"].text == "was submitted"
    keys = [(f.text, f.check) for f in report.findings]
    assert len(keys) == len(set(keys))


def test_a_headline_followed_by_a_link_is_still_title_case():
    spec = RuleSpec(check="sentence_case", polarity="prefer", text="Use sentence case.")
    assert detect(spec, "Thai King Makes Rare Appearance https://t.co/cZMagTgmGU")
    assert not detect(spec, "Thai king makes a rare appearance https://t.co/cZMagTgmGU")
