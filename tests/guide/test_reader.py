"""The guide reader on shapes guides use: a real Markdown parse, labels, counter-examples, words, not understood."""

from __future__ import annotations

from assistant.guide import READER_VERSION, parse_guide_text
from assistant.guide.markdown import parse_sections


def test_markdown_structure_comes_from_the_parser():
    text = (
        "# Acme voice\n\n- **Warm**: we write like a friend\n  - nested item\n\n> quoted\n\n"
        "| Use | Avoid |\n|---|---|\n| kit | gear |\n\n```\n# not a heading\n```\n"
    )
    sections = parse_sections(text)
    assert [s.heading_path for s in sections] == [["Acme voice"]]
    kinds = [b.kind for b in sections[0].blocks]
    assert kinds == ["list", "quote", "table", "code"]
    items = sections[0].blocks[0].items
    assert [(i.depth, i.inline.bold_lead, i.line) for i in items] == [(0, "Warm", 3), (1, None, 4)]
    assert [[c.plain for c in row] for row in sections[0].blocks[2].rows] == [["Use", "Avoid"], ["kit", "gear"]]


def test_a_bold_lead_is_a_heading_not_part_of_the_rule():
    guide = parse_guide_text("## Style tips\n\n- **Active voice** Use active voice. Avoid passive voice.\n", brand="acme")
    texts = [r.text for r in guide.rules]
    assert "Use active voice." in texts and "Avoid passive voice." in texts
    assert not any(t.startswith("Active voice") for t in texts)
    assert {r.check for r in guide.rules} == {"active_voice"}


def test_rules_carry_their_line_and_check():
    guide = parse_guide_text("# Style\n\nIntro.\n\n- Keep sentences under 20 words.\n- No emoji.\n", brand="acme")
    assert [(r.text, r.line, r.check, r.polarity, r.limit) for r in guide.rules] == [
        ("Keep sentences under 20 words.", 5, "sentence_length", "limit", 20.0),
        ("No emoji.", 6, "emoji", "avoid", None),
    ]


def test_before_and_after_samples_are_counter_example_and_example():
    guide = parse_guide_text(
        "## Write short sentences\n\n* #### Before\n\n  The form must be completed by the applicant.\n\n"
        "* #### After\n\n  Fill in the form.\n",
        brand="acme",
    )
    assert guide.counter_examples == ["The form must be completed by the applicant."]
    assert guide.example_copy == ["Fill in the form."]


def test_do_and_dont_labels_over_sample_copy():
    guide = parse_guide_text(
        "## Buttons\n\n**Do:**\n\n- Your file is saved.\n\n**Don't:**\n\n- Your file has been successfully saved!!\n",
        brand="acme",
    )
    assert guide.example_copy == ["Your file is saved."]
    assert guide.counter_examples == ["Your file has been successfully saved!!"]
    assert guide.rules == []


def test_word_headings_under_words_we_avoid():
    guide = parse_guide_text(
        "## Words we avoid\n\n### utilize\n\nJust say use.\n\n### synergy, leverage\n\nCorporate filler.\n",
        brand="acme",
    )
    assert guide.avoided_words == ["utilize", "synergy", "leverage"]


def test_a_rule_heading_about_words_makes_term_lists_avoided_words():
    guide = parse_guide_text(
        "## Avoid buzzwords\n\nThey say little.\n\n- game-changer\n- best-in-class\n- Write what the thing does.\n",
        brand="acme",
    )
    assert guide.avoided_words == ["game-changer", "best-in-class"]
    assert "Write what the thing does." in [r.text for r in guide.rules]


def test_a_table_column_named_after_a_check_pole():
    guide = parse_guide_text(
        "## Use active voice\n\n| Passive voice | Active voice |\n|---|---|\n"
        "| The parcel was sent by us. | We sent the parcel. |\n",
        brand="acme",
    )
    assert guide.counter_examples == ["The parcel was sent by us."]
    assert guide.example_copy == ["We sent the parcel."]


def test_brand_name_is_the_name_the_guide_uses():
    text = "# Voice and tone (Acme Rockets design system)\n\nAt Acme, we write plainly. Acme builds rockets.\n"
    assert parse_guide_text(text, brand="acme").name == "Acme"


def test_sells_comes_from_the_about_section_only():
    guide = parse_guide_text(
        "Welcome to our guide! We hope you like it.\n\n## About us\n\nPebble roasts coffee in Leeds. We started in 2010.\n",
        brand="pebble", name="Pebble",
    )
    assert guide.sells == "Pebble roasts coffee in Leeds."
    assert guide.about.startswith("Pebble roasts coffee")


def test_not_understood_keeps_passages_with_their_line():
    guide = parse_guide_text("# Style\n\nUse contractions.\n\nOur history is long and storied.\n", brand="acme")
    assert [r.text for r in guide.rules] == ["Use contractions."]
    assert guide.not_understood == ["line 5: Our history is long and storied."]


def test_version_changes_with_the_text():
    one = parse_guide_text("# Style\n\nUse contractions.\n", brand="acme")
    two = parse_guide_text("# Style\n\nUse contractions!\n", brand="acme")
    assert one.version.startswith(READER_VERSION + "+") and one.version != two.version
    assert parse_guide_text("# Style\n\nUse contractions.\n", brand="acme").version == one.version


def test_a_conditional_exception_does_not_contradict_the_general_rule():
    guide = parse_guide_text(
        "## Voice\n\n- Use active voice.\n- Use passive voice when the actor is unknown.\n", brand="acme"
    )
    assert [(r.check, r.polarity) for r in guide.rules] == [("active_voice", "prefer"), (None, None)]


def test_a_huge_title_is_kept_whole_for_ingest_to_reject():
    # (A name is searched for among a title's first few words only, so this reads in one pass.)
    guide = parse_guide_text("# " + "Acme " * 20_000 + "\n\nWarm.\n", brand="acme")
    assert len(guide.name) > 200  # too long for a name: the caller (ingest) rejects it with the file and line
