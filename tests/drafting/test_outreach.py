"""Outreach: opens with the creator's real posts (quoted), in the brand's voice, no flattery, no pressure."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from assistant.analysis import assess_fit, check_text
from assistant.drafting import check_outreach_manners, draft_outreach, render_outreach_markdown
from assistant.drafting import text as tx
from assistant.models import FitAssessment, Outreach
from tests.drafting.helpers import DEMO_BRANDS, creator, creators, demo_guide, hand_fit, inputs

PAIRS = [(brand, handle) for brand in DEMO_BRANDS for handle in creators()]
FLATTERY = ("huge fan", "big fan", "love your content", "love your feed", "obsessed with your")
PRESSURE = ("act now", "limited time", "by tomorrow", "asap", "urgent", "don't miss", "last chance")


@lru_cache(maxsize=None)
def fit_for(brand: str, handle: str) -> FitAssessment:
    profile, posts = creator(handle)
    return assess_fit(demo_guide(brand), profile, list(posts))


def normalised(text: str) -> str:
    plain = tx.strip_markup("".join(c for c in text if not tx.is_emoji(c)))
    return plain.replace('"', "'").replace("“", "'").replace("”", "'")


def assert_outreach_contract(o: Outreach, brand: str, handle: str, fit: FitAssessment) -> None:
    guide = demo_guide(brand)
    _, posts = creator(handle)
    by_id = {p.id: p for p in posts}

    # Cites one or two real, safe posts...
    assert 1 <= len(o.cited_post_ids) <= 2 and set(o.cited_post_ids) <= set(by_id)
    flagged = {pid for risk in fit.risks for pid in risk.post_ids}
    assert not flagged & set(o.cited_post_ids)
    for pid in o.cited_post_ids:
        assert not any(c.lower() in by_id[pid].text.lower() for c in guide.competitors)

    # ...and says what they actually said: every quote is verbatim from a cited post.
    quotes = re.findall(r'"([^"]+)"', o.body)
    assert len(quotes) == len(o.cited_post_ids)
    for quote, pid in zip(quotes, o.cited_post_ids):
        assert quote.rstrip("…") in normalised(by_id[pid].text), (quote, by_id[pid].text)

    # No flattery, no pressure; the offer is there.
    lowered = o.body.lower().replace("’", "'")
    assert not any(phrase in lowered for phrase in FLATTERY + PRESSURE)
    assert o.self_check is not None and o.self_check.passed
    assert guide.name in o.body and "paid" in lowered and "creative" in lowered

    # Passes the brand's voice check, and the stored report is that check.
    assert o.check == check_text(guide, o.body) and o.check.passed
    if o.channel == "dm":
        assert len(o.body) <= 600 and o.subject is None
    else:
        assert o.subject and guide.name in o.subject


@pytest.mark.parametrize(("brand", "handle"), PAIRS)
def test_dm_for_every_demo_pair(brand: str, handle: str) -> None:
    profile, posts = creator(handle)
    fit = fit_for(brand, handle)
    o = draft_outreach(demo_guide(brand), profile, list(posts), fit, inputs("engagement"), channel="dm")
    assert o.channel == "dm" and o.engine == "offline" and o.usage.model_calls == 0
    assert_outreach_contract(o, brand, handle, fit)


@pytest.mark.parametrize(("brand", "handle"), [("northwind", "trailtom"), ("lumen", "dr.dewy"), ("brightbyte", "centsible.sara"), ("lumen", "glowgetter.gigi")])
def test_email_for_strong_and_trap_pairs(brand: str, handle: str) -> None:
    profile, posts = creator(handle)
    fit = fit_for(brand, handle)
    o = draft_outreach(demo_guide(brand), profile, list(posts), fit, inputs("growth", compensation="$900 + product"), channel="email")
    assert_outreach_contract(o, brand, handle, fit)
    assert "$900 + product" in o.body
    markdown = render_outreach_markdown(o)
    assert o.subject in markdown and all(pid in markdown for pid in o.cited_post_ids)


def test_a_flagged_post_is_never_cited() -> None:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    first = draft_outreach(guide, profile, list(posts), hand_fit(guide, "trailtom"), inputs())
    flagged = hand_fit(guide, "trailtom", risky=first.cited_post_ids)
    second = draft_outreach(guide, profile, list(posts), flagged, inputs())
    assert second.cited_post_ids and not set(first.cited_post_ids) & set(second.cited_post_ids)


def test_claims_violating_posts_flagged_by_the_assessment_are_not_cited() -> None:
    fit = fit_for("lumen", "glowgetter.gigi")
    flagged = {pid for risk in fit.risks for pid in risk.post_ids}
    assert flagged  # the trap creator has flagged posts, so the test can fail
    profile, posts = creator("glowgetter.gigi")
    o = draft_outreach(demo_guide("lumen"), profile, list(posts), fit, inputs())
    assert not flagged & set(o.cited_post_ids)


def test_self_check_catches_flattery_pressure_and_missing_citations() -> None:
    bad = "Hi! I've been a huge fan for ages and I love your content! Act now: limited time offer, reply by tomorrow."
    report = check_outreach_manners(bad, [], "dm")
    kinds = {f.kind for f in report.findings}
    assert {"fake_personal", "pressure", "no_citation"} <= kinds and not report.passed
    long = check_outreach_manners("word " * 200, ["x-1"], "dm")
    assert {f.kind for f in long.findings} == {"too_long"}
    assert check_outreach_manners("word " * 200, ["x-1"], "email").passed
    fine = check_outreach_manners("Your post about patching a shell stuck with us. Open to a chat?", ["x-1"], "dm")
    assert fine.passed and fine.findings == []
