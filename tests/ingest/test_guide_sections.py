"""Splitting a guide into sections: heading kinds, paths, start lines, ids; what is not a heading."""

from __future__ import annotations

from assistant.ingest import parse_guide_text, read_guide
from tests.ingest.helpers import FIXTURES


def outline(guide):
    return [(s.heading_path, s.line) for s in guide.sections]


def test_atx_headings_nest_by_level():
    text = "Intro line.\n\n# Brand\n\n## Voice ##\n\nWarm.\n\n### Detail\n\nMore.\n\n## Tone\n\nCalm.\n\n# Appendix\n\nEnd.\n"
    guide = parse_guide_text(text, brand="acme")
    assert outline(guide) == [
        ([], 1),
        (["Brand"], 3),
        (["Brand", "Voice"], 5),
        (["Brand", "Voice", "Detail"], 9),
        (["Brand", "Tone"], 13),
        (["Appendix"], 17),
    ]
    assert [s.id for s in guide.sections] == [
        "acme#preamble", "acme#brand", "acme#brand-voice", "acme#brand-voice-detail", "acme#brand-tone", "acme#appendix",
    ]
    assert guide.sections[0].text == "Intro line."
    assert guide.sections[2].text == "Warm."


def test_setext_headings_and_thematic_breaks():
    text = "Acme Voice\n==========\n\nHello.\n\nWords\n-----\n\nkit\n\n---\n\nstill words\n"
    guide = parse_guide_text(text, brand="acme")
    assert outline(guide) == [(["Acme Voice"], 1), (["Acme Voice", "Words"], 6)]
    assert guide.sections[1].text == "kit\n\n---\n\nstill words"


def test_headings_inside_code_fences_are_text():
    text = "# Real\n\n```\n# not a heading\n```\n\n~~~md\n## nor this\n~~~\n"
    guide = parse_guide_text(text, brand="acme")
    assert outline(guide) == [(["Real"], 1)]
    assert "# not a heading" in guide.sections[0].text


def test_hashtags_are_not_headings():
    guide = parse_guide_text("# Social\n\n#NorthwindOutside is our tag.\n", brand="acme")
    assert outline(guide) == [(["Social"], 1)]


def test_comments_and_front_matter_are_skipped_but_lines_stay_true():
    text = "---\ntitle: X\n---\n<!-- licence:\n  CC BY -->\n\n# Voice\n\nWarm <!-- inline note --> and kind.\n"
    guide = parse_guide_text(text, brand="acme")
    assert outline(guide) == [(["Voice"], 7)]
    assert guide.sections[0].text == "Warm  and kind."


def test_duplicate_headings_get_distinct_ids():
    guide = parse_guide_text("# Do\n\nA.\n\n# Do\n\nB.\n", brand="acme")
    assert [s.id for s in guide.sections] == ["acme#do", "acme#do-2"]


def test_headings_keep_plain_text():
    guide = parse_guide_text("# The **Acme** [voice](https://acme.test) `v2`\n\nHi.\n", brand="acme")
    assert guide.sections[0].heading_path == ["The Acme voice v2"]


def test_plain_text_guide_splits_on_heading_like_lines():
    guide = read_guide(FIXTURES / "guides" / "plain_guide.txt")
    assert outline(guide) == [
        (["Harbour Books voice notes"], 1),
        (["ABOUT HARBOUR BOOKS"], 3),
        (["OUR VOICE"], 7),
        (["Words we avoid"], 13),
        (["Don't"], 18),
    ]
    assert guide.name == "Harbour Books"


def test_plain_text_without_heading_like_lines_is_one_section():
    text = "We write like a friend who knows the trail.\nShort sentences, no hype.\n"
    guide = parse_guide_text(text, brand="acme")
    assert outline(guide) == [([], 1)]
    assert guide.sections[0].id == "acme#preamble"
    assert guide.about == ""  # text outside an About section is not taken as the brand's description
    assert guide.not_understood == ["line 1: We write like a friend who knows the trail. Short sentences, no hype."]


def test_defaults_for_brand_and_name(tmp_path):
    path = tmp_path / "Trail_Co.md"
    path.write_text("Just text, no title.\n", encoding="utf-8")
    guide = read_guide(path)
    assert (guide.brand, guide.name, guide.source) == ("trail-co", "Trail Co", str(path))
    named = read_guide(path, brand="trailco", name="Trail Company")
    assert (named.brand, named.name) == ("trailco", "Trail Company")
    assert named.sections[0].id == "trailco#preamble"


def test_name_comes_from_the_first_h1_without_generic_words():
    assert parse_guide_text("# Northwind Outfitters — Voice guide\n\nHi.\n", brand="n").name == "Northwind Outfitters"
    assert parse_guide_text("# Brand voice: Pebble\n\nHi.\n", brand="p").name == "Pebble"
    assert parse_guide_text("# Voice and tone\n\nHi.\n", brand="p", source="guides/pebble_co.md").name == "Pebble Co"
