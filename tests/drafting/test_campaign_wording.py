"""Campaign inputs are noun phrases a marketer typed; briefs and outreach fit them into sentences naturally."""

from __future__ import annotations

import re

import pytest

from assistant.drafting import draft_brief, draft_outreach, render_brief_markdown
from assistant.drafting.campaign import campaign_words
from tests.drafting.helpers import creator, demo_guide, hand_fit, inputs


@pytest.mark.parametrize(
    ("typed", "phrase", "launched", "generic"),
    [
        ("autumn rain shell launch", "the autumn rain shell launch", "the autumn rain shell", False),
        ("Spring tote launch", "the spring tote launch", "the spring tote", False),
        ("barrier serum launch", "the barrier serum launch", "the barrier serum", False),
        ("back-to-school budgeting push", "the back-to-school budgeting push", "", False),
        ("a creator partnership", "a creator partnership", "", True),
        ("The spring drop", "the spring drop", "", False),  # a season launches nothing nameable
        ("A new serum launch", "a new serum launch", "the new serum", False),
        ("Autumn Rain Shell Launch", "the Autumn Rain Shell Launch", "the Autumn Rain Shell", False),  # a name
        ("Ridge 40 release", "the Ridge 40 release", "the Ridge 40", False),
        ("BTS push", "the BTS push", "", False),
        ("  'our summer push.' ", "our summer push", "", False),
        ("Northwind autumn launch", "the Northwind autumn launch", "", False),
    ],
)
def test_campaign_phrases(typed: str, phrase: str, launched: str, generic: bool) -> None:
    words = campaign_words(typed, "Northwind Outfitters")
    assert (words.phrase, words.launched, words.generic) == (phrase, launched, generic)
    assert words.phrase_start[0].isupper() and words.title[0].isupper()


def _brief(brand: str, handle: str, campaign: str, goal: str = "conversions", **extra):
    guide = demo_guide(brand)
    profile, posts = creator(handle)
    return draft_brief(guide, profile, list(posts), hand_fit(guide, handle), inputs(goal, campaign=campaign, **extra))


# The campaign dropped in bare, with no article: "over 12 weeks of autumn rain shell launch".
BARE_CAMPAIGN = re.compile(r"\b(?:of|through|about|on|what|into|for) autumn rain shell launch\b", re.IGNORECASE)


@pytest.mark.parametrize("goal", ["awareness", "engagement", "growth", "conversions"])
def test_objective_and_first_key_message_read_naturally(goal: str) -> None:
    brief = _brief("northwind", "trailtom", "autumn rain shell launch", goal)
    prose = " ".join([brief.objective, *brief.key_messages])
    assert "the autumn rain shell launch" in brief.objective or "the autumn rain shell" in prose
    assert not BARE_CAMPAIGN.search(prose), prose
    # Key message 1 is about the product the launch is for, not "what <campaign> is".
    assert brief.key_messages[0].startswith("What the autumn rain shell is for"), brief.key_messages[0]
    assert "autumn rain shell launch is" not in prose


def test_a_campaign_with_an_article_and_a_generic_one() -> None:
    drop = _brief("northwind", "trailtom", "The spring drop", "awareness")
    assert "the spring drop" in drop.objective and "the the" not in drop.objective.lower()
    assert drop.key_messages[0].startswith("Where Northwind Outfitters fits into the spring drop")
    generic = _brief("northwind", "trailtom", "a creator partnership", "awareness")
    assert "a creator partnership" not in generic.objective  # says nothing: the span is just the length
    assert "12-week partnership" in generic.objective
    assert generic.key_messages[0].startswith("Why Northwind Outfitters is worth a look")


def test_a_named_product_leads_the_key_messages() -> None:
    brief = _brief("northwind", "trailtom", "spring campaign", "awareness", product="the Ridge 40")
    assert brief.key_messages[0].startswith("What the Ridge 40 is for")


def test_the_about_message_does_not_repeat_the_brand_name() -> None:
    for brand, handle in (("lumen", "dr.dewy"), ("brightbyte", "centsible.sara"), ("northwind", "trailtom")):
        brief = _brief(brand, handle, "spring tote launch")
        about = next(m for m in brief.key_messages if m.startswith("What " + demo_guide(brand).name + " is"))
        name = demo_guide(brand).name
        assert about.count(name) == 1, about
        assert not about.endswith(".."), about


def test_title_is_capitalised() -> None:
    markdown = render_brief_markdown(_brief("lumen", "dr.dewy", "barrier serum launch"))
    assert markdown.startswith("# Brief: Barrier serum launch\n")


@pytest.mark.parametrize("channel", ["dm", "email"])
def test_outreach_uses_the_campaign_phrase_and_a_first_name(channel: str) -> None:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    fit = hand_fit(guide, "trailtom")
    named = draft_outreach(guide, profile, list(posts), fit, inputs(campaign="autumn rain shell launch"), channel=channel)
    assert "the autumn rain shell launch" in named.body
    assert named.body.startswith(("Hi Tom,", "Hello Tom,"))
    generic = draft_outreach(guide, profile, list(posts), fit, inputs(campaign="a creator partnership"), channel=channel)
    assert "creator partnership" not in generic.body  # "The campaign, a creator partnership, is a ... partnership"
    assert "partnership" in generic.body
    if channel == "email":
        assert ".." not in generic.body
        assert named.subject and "Autumn rain shell launch" in named.subject


def test_first_names_in_greetings() -> None:
    from assistant.drafting.offline import first_name_part

    assert first_name_part("Dee Walsh, MPharm | Dr Dewy", "dr.dewy") == "Dee"
    assert first_name_part("Gigi ✨ Glow Getter", "glowgetter.gigi") == "Gigi"
    assert first_name_part("Summit Sam", "summit.sam") == "Summit Sam"  # a persona, not a first name
    assert first_name_part(None, "x") == ""


def test_the_email_names_the_pieces_of_the_plan() -> None:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    o = draft_outreach(guide, profile, list(posts), hand_fit(guide, "trailtom"), inputs("conversions"), channel="email")
    assert "three reels, three story sets, and one live Q&A" in o.body


def test_audience_keep_unchanged_approval_and_disclosure_read_cleanly() -> None:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    fit = hand_fit(guide, "trailtom", keep_unchanged=["First-person storytelling", "Their relaxed, conversational phrasing"])
    brief = draft_brief(guide, profile, list(posts), fit, inputs("conversions"))
    # The niche is a comma list in the roster; the audience line joins it like a sentence.
    assert "gear reviews, and Leave No Trace (about" in brief.audience
    # Two items are joined with "and", not "; and", even when one has a comma inside.
    assert "first-person storytelling and your relaxed, conversational phrasing" in brief.creative_freedom
    assert "one round of revisions" in brief.approval and "capped at 1" not in brief.approval
    markdown = render_brief_markdown(brief)
    assert "(most)" not in markdown  # the approval text already says how many rounds
    assert "stories, videos and lives" in brief.disclosure  # not only "captions"
    tracked = brief.deliverables[1].notes
    assert ". Add your tracked link" in tracked  # a sentence, not a fragment starting "With ..."


def test_the_extra_piece_does_not_land_on_a_busy_week() -> None:
    brief = _brief("northwind", "trailtom", "autumn rain shell launch", "conversions")
    extra_due = brief.deliverables[-1].due
    due_dates = [m.when for m in brief.timeline if m.what.startswith("Due:")]
    assert due_dates.count(extra_due) == 1
