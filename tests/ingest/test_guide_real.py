"""The three real, openly licensed voice guides: 18F, the Australian DTA (govau) and Twilio Paste."""

from __future__ import annotations

import pytest

from assistant.ingest import read_guide
from tests.ingest.helpers import REAL_GUIDES


@pytest.fixture(scope="module")
def eighteen_f():
    return read_guide(REAL_GUIDES / "18f.md")


@pytest.fixture(scope="module")
def twilio():
    return read_guide(REAL_GUIDES / "twilio.md")


@pytest.fixture(scope="module")
def govau():
    return read_guide(REAL_GUIDES / "govau_dta.md")


def outline(guide):
    return [(s.heading_path, s.line) for s in guide.sections]


def test_18f_sections_keep_heading_paths_and_lines(eighteen_f):
    title = "Voice and tone (18F Content Guide)"
    assert outline(eighteen_f) == [
        ([title], 3),
        ([title, "The difference between voice and tone"], 7),
        ([title, "Our voice"], 15),
        ([title, "Our voice", "Use contractions"], 31),
        ([title, "Establishing your own voice"], 39),
        ([title, "Establishing your own voice", "Choosing a tone"], 51),
        ([title, "Further reading"], 67),
    ]
    assert eighteen_f.sections[2].id == "18f#voice-and-tone-18f-content-guide-our-voice"
    assert all("<!--" not in s.text and "license" not in s.text for s in eighteen_f.sections)
    assert eighteen_f.sections[2].text.startswith("At 18F, we like to communicate in a friendly, straightforward way.")


def test_18f_structure(eighteen_f):
    assert eighteen_f.brand == "18f"
    assert eighteen_f.name == "18F"
    assert eighteen_f.voice_attributes == [
        "Authoritative", "Conversational", "Friendly", "Instructive", "Welcoming to all audiences",
    ]
    first = eighteen_f.rules[0]
    assert (first.kind, first.text, first.check, first.polarity, first.line) == (
        "do", "Use contractions", "contractions", "prefer", 31
    )
    assert first.section_id == "18f#voice-and-tone-18f-content-guide-our-voice-use-contractions"
    texts = [r.text for r in eighteen_f.rules]
    assert "Try reframing the situation." in texts  # the main clause after "If you're having trouble ..., "
    assert not any(t.startswith(("Not to fret", "Consider the following")) for t in texts)
    examples = eighteen_f.example_copy
    assert examples[0].startswith("We created this guide for reference on an as-needed basis.")
    assert "whether to capitalize the word federal" in examples[0]  # _federal_ lost its Markdown
    assert len(examples) == 1
    # The table gives each sample its own tone (somber, direct, bubbly): other tones' samples, not 18F's voice.
    counter = eighteen_f.counter_examples
    assert any(e.startswith("Professor Pelham was respected by his colleagues") for e in counter)
    assert any(e.startswith("The Open Source Style Guide is a comprehensive handbook") for e in counter)
    assert any(e.startswith("Say ‘I do!’ to 25% off.") for e in counter)
    # The opening paragraph explains voice and tone in general: boilerplate, not a description of 18F.
    assert eighteen_f.about == "" and eighteen_f.sells == ""
    assert any(n.startswith("line 5: If you’re like many folks") for n in eighteen_f.not_understood)
    assert eighteen_f.version.startswith("guide-reader-")
    assert eighteen_f.topics == [] and eighteen_f.competitors == []  # the guide names neither
    assert eighteen_f.preferred_words == [] and eighteen_f.avoided_words == []


def test_twilio_voice_principles_and_hard_limit(twilio):
    assert twilio.name == "Twilio"  # what the guide calls the brand, not the page title
    assert twilio.voice_attributes == ["Conversational", "Thoughtful", "Reliable", "Quirky"]
    voice_section = "twilio#voice-and-tone-twilio-paste-design-system-the-twilio-voice"
    assert [(r.text, r.section_id) for r in twilio.hard_limits] == [
        ("Never suggest or claim that the product does something it can’t.", voice_section)
    ]
    jargon = next(r for r in twilio.donts if r.text == "Avoid jargon and explain technical terms.")
    assert (jargon.check, jargon.polarity) == ("jargon", "avoid")
    dos = [r.text for r in twilio.dos]
    assert "Use common words in simple, short structures." in dos
    assert "Be clear about what is and isn’t possible." in dos
    # Tones of the spectrum are not voice attributes, and "Accepting legal terms" is not a legal limit.
    assert not {"Direct", "Balanced", "Casual"} & set(twilio.voice_attributes)
    assert all("legal" not in r.text.lower() for r in twilio.rules)


def test_twilio_sections(twilio):
    title = "Voice and tone (Twilio Paste design system)"
    assert outline(twilio) == [
        ([title], 3),
        ([title, "The difference between voice and tone"], 9),
        ([title, "The Twilio voice"], 17),
        ([title, "The Twilio tone spectrum"], 50),
        ([title, "The Twilio tone spectrum", "Direct"], 62),
        ([title, "The Twilio tone spectrum", "Balanced"], 67),
        ([title, "The Twilio tone spectrum", "Casual"], 71),
    ]
    assert twilio.about == ""  # the page description is about the guide, not about the brand


def test_govau_sections(govau):
    assert govau.brand == "govau-dta"
    assert outline(govau) == [(["Tone"], 3), (["Tone", "Pronouns"], 12), (["Voice"], 35)]
    assert [s.id for s in govau.sections] == ["govau-dta#tone", "govau-dta#tone-pronouns", "govau-dta#voice"]


def test_govau_like_this_not_this_pairs(govau):
    assert govau.example_copy == [
        "Tell us if you have trouble with your account.",
        "User research is a team sport. We're all responsible for meeting their needs.",
        "The committee (subject) campaigned (verb) to lower diabetes (object).",
        "We (subject) did not accept (verb) your application (object).",
        "The part-time role was approved in March.",
    ]
    not_this = [
        ("If the subscriber is having difficulty accessing their account, the finance team can provide further guidance.",
         "govau-dta#tone-pronouns"),
        ("The lowering of diabetes was campaigned for by the committee.", "govau-dta#voice"),
        ("It was deemed your application was unsuccessful.", "govau-dta#voice"),
    ]
    for text, _section in not_this:  # "Not this:" samples are counter-examples, never rules or the brand's copy
        assert text in govau.counter_examples
        assert text not in govau.example_copy
        assert text not in [r.text for r in govau.rules]


def test_govau_rules(govau):
    dos = [r.text for r in govau.dos]
    assert "Use active voice (subject-verb-object)." in dos
    assert "Tell the user what they need to know." in dos
    assert "Use contractions carefully to be more conversational." in dos  # link text kept, URL dropped
    assert "Avoid passive voice (object-verb-subject)." in [r.text for r in govau.donts]
    assert govau.hard_limits == []
    assert govau.voice_attributes == ["Direct", "Calm", "Understated"]  # "The modern government tone is ..."
    typed = {r.text: (r.check, r.polarity) for r in govau.rules}
    assert typed["Use active voice (subject-verb-object)."] == ("active_voice", "prefer")
    assert typed["Avoid passive voice (object-verb-subject)."] == ("active_voice", "prefer")
    assert typed["Use contractions carefully to be more conversational."] == ("contractions", "prefer")
    assert typed["Avoid third person nouns (Australian Government Department of X) and pronouns (he, she, it and they)."][0] == "person"
    assert govau.about == ""


@pytest.mark.parametrize("name", ["18f.md", "twilio.md", "govau_dta.md"])
def test_real_guides_parse_the_same_twice(name):
    assert read_guide(REAL_GUIDES / name) == read_guide(REAL_GUIDES / name)
