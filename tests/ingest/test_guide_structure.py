"""What a guide states, extracted from conventional headings and Markdown shapes; nothing invented."""

from __future__ import annotations

import pytest

from assistant.ingest import parse_guide_text, read_guide
from tests.ingest.helpers import DEMO_GUIDES, FIXTURES


@pytest.fixture(scope="module")
def pebble():
    return read_guide(FIXTURES / "guides" / "conventions.md", brand="pebble")


def rules(guide, kind):
    return [r.text for r in guide.rules if r.kind == kind]


def test_name_from_setext_title(pebble):
    assert pebble.name == "Pebble Coffee"


def test_voice_attributes_from_sentence_and_subheadings(pebble):
    assert pebble.voice_attributes == ["Warm", "Direct", "Curious", "Unhurried", "Specific"]


def test_words_from_table_pairs_arrows_and_bold_entries(pebble):
    assert pebble.preferred_words == ["coffee", "brew", "make", "roast date", "Barista", "good value", "small-batch"]
    assert pebble.avoided_words == ["java", "craft", "best before", "coffee artist", "cheap", "premium", "artisanal"]


def test_long_table_cells_become_rules(pebble):
    assert "Use a full sentence to explain the grind size" in rules(pebble, "do")
    assert 'Jargon such as "micron spread"' in rules(pebble, "dont")


def test_nested_do_and_dont_labels(pebble):
    section = "pebble#pebble-coffee-brand-voice-guide-dos-and-don-ts"
    found = [(r.kind, r.text) for r in pebble.rules if r.section_id == section]
    assert found == [
        ("do", "Name the farm."),
        ("do", "Always credit the photographer."),
        ("dont", "Use more than one exclamation mark."),
        ("dont", "Never post latte art without the barista's name."),
    ]


def test_hard_limits_from_never_say_and_legal_sections(pebble):
    assert rules(pebble, "hard_limit") == [
        "That coffee cures anything.",
        '"Guaranteed best coffee in the world"',
        "We never make health claims about caffeine.",
        "Prices must include VAT.",
    ]


def test_tone_bullets_are_rules(pebble):
    assert ("do", "Keep it short.") in [(r.kind, r.text) for r in pebble.rules]
    assert "Avoid jargon unless you explain it." in rules(pebble, "dont")
    assert "Don't use ALL CAPS." in rules(pebble, "dont")


def test_examples_from_inline_labels_items_quotes_and_code(pebble):
    assert pebble.example_copy == [
        "Fresh from the roaster on Tuesday, in your cup by Friday.",
        "Tuesday's roast, Friday's cup. Ethiopia Guji, washed, roasted 12 March.",
        "Our grinders need a clean every two weeks. Here's how.",
        "Code-fenced sample copy, kept as written.\n# not a heading",
    ]


def test_competitors_from_a_sentence(pebble):
    assert pebble.competitors == ["Bean Brothers", "Roastwell", "The Daily Grind"]


def test_about_and_topics(pebble):
    assert pebble.about.startswith("Pebble Coffee roasts small-batch specialty coffee in Leeds")
    assert pebble.topics[:4] == ["single-origin beans", "pour-over brewing", "grinder care", "fair trade sourcing"]
    assert "home brewing kits" in pebble.topics
    assert "energy drinks" not in pebble.topics  # "We don't do energy drinks."
    assert all(t == t.lower() for t in pebble.topics)


def test_front_matter_and_comments_stay_out(pebble):
    assert all("brand team" not in s.text and "<!--" not in s.text for s in pebble.sections)


def test_say_x_not_y_anywhere():
    guide = parse_guide_text(
        "# Style\n\n- Say \u201ctrail\u201d, not \u201cpath\u201d.\n- Use 'kit' instead of 'gear'.\n"
        "- Avoid 'epic' and 'insane'.\n- Don't say \"hack\"; say \"tip\".\n",
        brand="acme",
    )
    assert guide.preferred_words == ["trail", "kit", "tip"]
    assert guide.avoided_words == ["path", "gear", "epic", "insane", "hack"]


def test_words_we_use_with_explanations():
    guide = parse_guide_text(
        "## Words we use\n\n- **kit** (not gear)\n- **rated to** — for shells with a rating\n"
        "- **soothe** — for how it feels, not for treating a condition\n",
        brand="acme",
    )
    assert guide.preferred_words == ["kit", "rated to", "soothe"]
    assert guide.avoided_words == ["gear"]


def test_dos_and_donts_table():
    guide = parse_guide_text(
        "## Do's and don'ts\n\n| Do | Don't |\n|---|---|\n| Name the ingredient and its percentage. | Promise overnight results. |\n",
        brand="acme",
    )
    assert [(r.kind, r.text) for r in guide.rules] == [
        ("do", "Name the ingredient and its percentage."),
        ("hard_limit", "Promise overnight results."),  # a promise of results is a claim
    ]


def test_claim_sentences_are_hard_limits_anywhere():
    guide = parse_guide_text(
        "# About\n\nWe make balms. We never make medical claims.\n\n# Style\n\n"
        "Exclamation marks: rarely, never on claims.\n",
        brand="acme",
    )
    assert [(r.kind, r.text) for r in guide.rules] == [("hard_limit", "We never make medical claims.")]


def test_like_this_not_this_with_emoji_labels():
    guide = parse_guide_text(
        "## Captions\n\n✅ Like this:\n\n> Rain again. Good thing the shell is rated.\n\n❌ Not this:\n\n> BEST SHELL EVER!!!\n",
        brand="acme",
    )
    assert guide.example_copy == ["Rain again. Good thing the shell is rated."]
    assert guide.counter_examples == ["BEST SHELL EVER!!!"]  # copy not to write, not a rule
    assert guide.rules == []


def test_nothing_is_invented_from_a_bare_guide():
    guide = parse_guide_text("# Notes\n\nWe started in 2010 in a shed.\n", brand="acme")
    assert guide.voice_attributes == guide.preferred_words == guide.avoided_words == []
    assert guide.rules == guide.example_copy == guide.topics == guide.competitors == []
    assert guide.about == "" and guide.sells == ""
    assert guide.not_understood == ["line 3: We started in 2010 in a shed."]  # kept, never silently dropped


# --- the demo guides shipped in voice_guides/ -----------------------------------------------------------------

DEMO_PATHS = sorted(DEMO_GUIDES.glob("*.md"))


def test_demo_guides_exist():
    assert {p.stem for p in DEMO_PATHS} >= {"northwind", "lumen", "brightbyte"}


@pytest.mark.parametrize("path", DEMO_PATHS, ids=lambda p: p.stem)
def test_demo_guide_conventions_parse(path):
    guide = read_guide(path)
    assert guide.brand == path.stem
    titles = [s.heading_path[-1] for s in guide.sections if s.heading_path]
    for heading in ("Our voice", "Words we use", "Words we avoid", "Do", "Don't", "Claims and legal", "Competitors"):
        assert heading in titles
    assert 3 <= len(guide.voice_attributes) <= 8
    assert all(len(a.split()) <= 3 for a in guide.voice_attributes)
    assert len(guide.preferred_words) >= 5 and len(guide.avoided_words) >= 5
    assert not set(map(str.lower, guide.preferred_words)) & set(map(str.lower, guide.avoided_words))
    assert len(guide.dos) >= 5 and len(guide.donts) >= 5 and len(guide.hard_limits) >= 5
    claims = next(s for s in guide.sections if s.heading_path[-1:] == ["Claims and legal"])
    assert all(r.kind == "hard_limit" for r in guide.rules if r.section_id == claims.id)
    assert len(guide.example_copy) >= 3
    assert not any("!!!" in e for e in guide.example_copy)  # the "Not this:" examples are donts
    assert len(guide.competitors) >= 3 and len(guide.topics) >= 5
    assert guide.about and guide.name


def test_northwind_demo_values():
    guide = read_guide(DEMO_GUIDES / "northwind.md")
    assert guide.name == "Northwind Outfitters"
    assert guide.voice_attributes == ["Grounded", "Practical", "Quietly witty", "Safety-conscious", "Plain-spoken"]
    assert guide.competitors == ["Summitline", "Cairn & Co", "Ridgeway Supply", "Alpenkind"]
    assert {"waterproof", "lifetime", "epic", "send it"} <= set(guide.avoided_words)
    assert {"trail-tested", "water-resistant", "Leave No Trace"} <= set(guide.preferred_words)
    assert any('"waterproof"' in r.text for r in guide.hard_limits)
    assert {"hiking", "trail running", "leave no trace", "backpacks"} <= set(guide.topics)
    assert guide.example_copy[0].startswith("The Ridge 40 is a 40-litre pack")


def test_voice_table_and_descriptive_bullets():
    guide = parse_guide_text(
        "## Our voice\n\n| Trait | What it means | Don't |\n|---|---|---|\n"
        "| Warm — always | We write like a friend. | Gush. |\n| Direct | Short sentences. | Waffle. |\n\n"
        "- We're on your side.\n- Curious\n",
        brand="acme",
    )
    assert guide.voice_attributes == ["Warm", "Direct", "Curious"]
    assert [(r.kind, r.text) for r in guide.rules] == [("dont", "Gush."), ("dont", "Waffle.")]


def test_bold_pseudo_headings_switch_what_items_mean():
    guide = parse_guide_text(
        "Some intro.\n\n**Our voice**\n\n- Warm\n- Direct\n\n**Words we avoid**\n\n- synergy\n\n**Don't:**\n\n- Overpromise.\n",
        brand="acme",
    )
    assert guide.voice_attributes == ["Warm", "Direct"]
    assert guide.avoided_words == ["synergy"]
    assert [(r.kind, r.text) for r in guide.rules] == [("hard_limit", "Overpromise.")]


def test_title_after_a_preamble_does_not_colour_its_sections():
    guide = parse_guide_text(
        "Draft, v2.\n\n# Voice and style guide\n\n## Reading list\n\nRead these before you start.\n",
        brand="acme",
    )
    assert guide.rules == []  # "Reading list" is not a style section just because the title says "style"


def test_a_specific_title_does_colour_its_sections():
    guide = parse_guide_text("# Our voice\n\n## Warm\n\nKind.\n\n## Direct\n\nClear.\n", brand="acme")
    assert guide.voice_attributes == ["Warm", "Direct"]
