"""The guide turned into measurable targets: rules from section text, attributes, example copy, word lists."""

from pathlib import Path

import pytest

from assistant.analysis import voice_profile
from assistant.ingest import read_guide
from tests.analysis.conftest import make_guide

REPO = Path(__file__).resolve().parents[2]
from tests.paths import REAL_GUIDES  # noqa: E402


def test_explicit_style_rules_become_targets_with_their_section(guide):
    rules = voice_profile(guide)
    exclamation = rules.target("exclamation")
    assert exclamation is not None and exclamation.high == 0.0
    assert exclamation.source == "rule" and exclamation.section == "ridgeline#style"
    assert "exclamation" in exclamation.rule.lower()
    assert rules.target("contractions").low is not None  # "We use contractions."
    assert rules.target("emoji").high == 1.0  # "one emoji at most"
    assert rules.target("hashtags").high == 2.0  # "two at most"
    assert rules.target("caps").high <= 0.03  # "Sentence case, never ALL CAPS."
    assert rules.target("sentence_length").high is not None  # "Keep sentences short."


def test_voice_attributes_map_to_style_axes():
    calm = voice_profile(make_guide(voice_attributes=["Calm", "Understated"], sections=[], rules=[], example_copy=[]))
    loud = voice_profile(make_guide(voice_attributes=["Upbeat", "Energetic"], sections=[], rules=[], example_copy=[]))
    assert calm.target("energy").high is not None and calm.target("energy").high <= 0.4
    assert loud.target("energy").low is not None and loud.target("energy").low >= 0.2
    playful = voice_profile(make_guide(voice_attributes=["Playful"], sections=[], rules=[], example_copy=[]))
    assert playful.target("humour").low > 0
    pro = voice_profile(make_guide(voice_attributes=["Professional", "Science-literate"], sections=[], rules=[], example_copy=[]))
    assert pro.target("formality").low >= 0.3 and pro.target("slang").high is not None


def test_example_copy_fills_axes_the_rules_leave_open():
    rules = voice_profile(make_guide(voice_attributes=[], sections=[], rules=[]))
    assert rules.example_style is not None and rules.example_style.words > 12
    energy = rules.target("energy")
    assert energy is not None and energy.source == "example"


def test_a_guide_with_nothing_measurable_has_no_targets():
    rules = voice_profile(make_guide(voice_attributes=[], sections=[], rules=[], example_copy=[]))
    assert rules.targets == []


def test_word_lists_keep_their_section_and_replacement(guide):
    rules = voice_profile(guide)
    waterproof = next(t for t in rules.avoided if t.term == "waterproof")
    assert waterproof.section == "ridgeline#words-avoid"
    assert waterproof.replacement == "water-resistant"
    assert {t.term for t in rules.preferred} >= {"trail-tested", "repairable"}


def test_claim_rules_know_their_categories_requirements_and_phrases(guide):
    rules = voice_profile(guide)
    by_text = {r.text: r for r in rules.claim_rules}
    assert "reckless" in by_text[
        "Never glamorise reckless behaviour: off-trail travel in storms, ignoring trail closures, riding without a helmet."
    ].categories
    assert by_text['Never call a product "indestructible".'].phrases == ["indestructible"]
    assert by_text['Include "#ad" on every paid post.'].requirement
    assert {"medical_claim", "reckless"} <= set(rules.strict_categories)


def test_topic_vocabulary_and_names(guide):
    rules = voice_profile(guide)
    assert rules.topic_terms["hike"] >= 2.0 and rules.topic_terms["tent"] >= 2.0
    assert rules.topic_terms.get("day", 0.0) < 1.0  # an everyday word is not what the brand is about
    assert "Ridgeline Gear" in rules.brand_names and rules.brand_short_names == ["Ridgeline"]


@pytest.mark.parametrize(
    ("name", "axis"),
    [("18f.md", "contractions"), ("govau_dta.md", "second_person"), ("twilio.md", "jargon")],
)
def test_real_guides_yield_their_stated_rules(name, axis):
    path = REAL_GUIDES / name
    if not path.exists():
        pytest.skip(f"{path} is not available in this checkout")
    rules = voice_profile(read_guide(path))
    target = rules.target(axis)
    assert target is not None and target.source == "rule"


@pytest.mark.parametrize(
    ("rule", "category", "filed"),
    [
        ('Only use "trail-tested" when we can name the tester, the route and the conditions.', "medical_claim", False),
        ('Don\'t promise delivery times; say "we roast and ship within 48 hours".', "miracle_claim", False),
        ("Don't promise safety. Gear helps; judgement keeps people safe.", "miracle_claim", False),
        ("Don't sneer at other people's coffee: instant, pods, milk and sugar are all fine.", "miracle_claim", False),
        ("Don't shame spending. A coffee is not a moral failure.", "body_shaming", False),
        ("Don't make weight, warmth or weather claims we can't back with a test report.", "body_shaming", False),
        ('Never call ingredients "toxic" or imply that other products are dangerous.', "reckless", False),
        ("No emoji in product copy or safety notices.", "reckless", False),
        ("Don't aim content at anyone under 18, and don't show children drinking coffee.", "alcohol_drugs", False),
        ("Never make medical claims: our products don't treat, cure or prevent any condition.", "medical_claim", True),
        ("Never promise weight loss or fat loss.", "miracle_claim", True),
        ("Don't comment on anyone's body, weight, age or appearance.", "body_shaming", True),
        ("Never glamorise reckless behaviour: riding without a helmet.", "reckless", True),
        ("Never show drinking games or binge drinking.", "alcohol_drugs", True),
    ],
)
def test_a_rule_is_filed_under_a_risk_category_only_when_it_is_about_it(rule, category, filed):
    """A word shared by chance ('conditions' of a route, 'promise' of delivery times, 'shame' about spending)
    doesn't file a rule under a risk category: that would cite it against unrelated posts and make the category
    a hard limit."""
    from assistant.models import GuideRule

    rules = voice_profile(make_guide(rules=[GuideRule(kind="hard_limit", text=rule, section_id="ridgeline#claims")]))
    assert (category in rules.claim_rules[0].categories) is filed
