"""The micromanagement check: a clean brief passes; each kind of over-prescription is caught when planted."""

from __future__ import annotations

import pytest

from assistant.drafting import check_micromanagement, draft_brief
from assistant.models import Brief, Deliverable, Guardrails, Milestone
from tests.drafting.helpers import creator, demo_guide, hand_fit, inputs


@pytest.fixture(scope="module")
def clean() -> Brief:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    return draft_brief(guide, profile, list(posts), hand_fit(guide, "trailtom"), inputs("awareness"))


def kinds(report) -> set[str]:
    return {f.kind for f in report.findings}


def with_notes(brief: Brief, notes: str) -> Brief:
    first = brief.deliverables[0].model_copy(update={"notes": notes})
    return brief.model_copy(update={"deliverables": [first, *brief.deliverables[1:]]})


def test_clean_brief_passes_with_full_score(clean: Brief) -> None:
    report = check_micromanagement(clean, demo_guide("northwind"))
    assert report.passed and report.score == 100 and report.findings == []
    assert clean.micromanagement == report


def test_more_than_three_must_says(clean: Brief) -> None:
    five = clean.model_copy(update={"key_messages": ["Light", "Repairable", "Cheap", "Green", "Local"]})
    report = check_micromanagement(five)
    assert "too_many_must_says" in kinds(report) and not report.passed
    # Three key messages plus two "must mention" lines in the notes is five must-says too.
    planted = with_notes(clean, "You must mention the repair programme. Be sure to mention the warranty.")
    assert "too_many_must_says" in kinds(check_micromanagement(planted))


@pytest.mark.parametrize(
    "notes",
    [
        'Caption: "Northwind kept me dry all weekend and I love it"',
        "Say exactly this line when you open the pack.",
        'Use the line "this is the only pack you will ever need" in the video.',
        "Read the following word for word at the start.",
    ],
)
def test_scripted_wording(clean: Brief, notes: str) -> None:
    report = check_micromanagement(with_notes(clean, notes))
    assert "scripted_wording" in kinds(report) and not report.passed
    assert any(f.field == "deliverables[0].notes" for f in report.findings)


def test_disclosure_wording_is_not_a_script(clean: Brief) -> None:
    assert '"Paid partnership with Northwind Outfitters"' in clean.disclosure
    assert check_micromanagement(clean).passed


def test_unmarked_hook_reads_as_a_script(clean: Brief) -> None:
    planted = clean.model_copy(update={"example_hooks": ["Open the pack and say how much you love it"]})
    report = check_micromanagement(planted)
    assert "scripted_wording" in kinds(report)
    assert report.score < 100


@pytest.mark.parametrize(
    "notes",
    [
        "Shot 1: the pack on a rock. Shot 2: you putting it on.",
        "Scene: sunrise at the trailhead, then cut to the summit.",
        "0:00-0:03 hook, 0:03-0:10 product close-up.",
        "Open with a close-up of the hip belt pocket.",
    ],
)
def test_shot_list(clean: Brief, notes: str) -> None:
    report = check_micromanagement(with_notes(clean, notes))
    assert "shot_list" in kinds(report) and not report.passed


def test_more_than_two_revision_rounds(clean: Brief) -> None:
    report = check_micromanagement(clean.model_copy(update={"revision_rounds": 4}))
    assert "too_many_revisions" in kinds(report) and not report.passed
    worded = clean.model_copy(update={"approval": clean.approval + " We may ask for unlimited revisions."})
    assert "too_many_revisions" in kinds(check_micromanagement(worded))
    two = clean.model_copy(update={"revision_rounds": 2})
    assert "too_many_revisions" not in kinds(check_micromanagement(two))


def test_style_rules_copied_wholesale(clean: Brief) -> None:
    guide = demo_guide("northwind")
    style = [r.text for r in guide.donts if "exclamation" in r.text or "capitals" in r.text or "emoji" in r.text]
    assert len(style) >= 3  # the demo guide has these style rules; the test needs them
    planted = clean.model_copy(
        update={"guardrails": Guardrails(do=clean.guardrails.do, dont=clean.guardrails.dont + style)}
    )
    report = check_micromanagement(planted, guide)
    assert "style_rules_copied" in kinds(report) and not report.passed
    one = clean.model_copy(update={"guardrails": Guardrails(do=clean.guardrails.do, dont=clean.guardrails.dont + style[:1])})
    single = check_micromanagement(one, guide)
    assert "style_rules_copied" in kinds(single) and single.score < 100


def test_voice_attributes_as_guardrails_are_style(clean: Brief) -> None:
    guide = demo_guide("northwind")
    planted = clean.model_copy(
        update={"guardrails": Guardrails(do=["Be grounded, practical and quietly witty in every post."], dont=[])}
    )
    assert "style_rules_copied" in kinds(check_micromanagement(planted, guide))


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"disclosure": ""}, "disclosure"),
        ({"disclosure": "Mention us somewhere."}, "disclosure"),
        ({"usage_rights": ""}, "usage_rights"),
        ({"approval": "Send drafts to us for approval."}, "approval"),
        ({"approval": ""}, "approval"),
    ],
)
def test_missing_essentials(clean: Brief, update: dict, field: str) -> None:
    report = check_micromanagement(clean.model_copy(update=update))
    missing = [f for f in report.findings if f.kind == "missing_essential"]
    assert missing and missing[0].field == field and not report.passed


def test_missing_dates(clean: Brief) -> None:
    undated = clean.model_copy(
        update={
            "timeline": [Milestone(when="sometime", what="Kickoff")],
            "deliverables": [Deliverable(channel="Instagram", format="Reel", quantity=1, due="when ready")],
        }
    )
    report = check_micromanagement(undated)
    assert any(f.kind == "missing_essential" and f.field == "timeline" for f in report.findings)
    assert not report.passed


def test_usage_rights_without_duration_costs_points(clean: Brief) -> None:
    report = check_micromanagement(clean.model_copy(update={"usage_rights": "We may reuse your content."}))
    assert any(f.kind == "missing_essential" and f.field == "usage_rights" for f in report.findings)
    assert report.score < 100


def test_score_falls_with_each_finding(clean: Brief) -> None:
    one = check_micromanagement(with_notes(clean, "Shot 1: the pack."))
    two = check_micromanagement(with_notes(clean, "Shot 1: the pack. Say exactly: best pack ever."))
    assert 100 > one.score > two.score
