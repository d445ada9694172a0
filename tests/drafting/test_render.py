"""Rendered Markdown reads as the blocks it means: labels, reports and findings never run into each other.

Parsed with markdown-it (what the chat's Markdown widget uses): two plain lines in a row are one paragraph,
and a label right after a list item becomes part of that item, so both are checked on the parsed tree.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from assistant.drafting import draft_brief, draft_outreach, render_brief_markdown, render_outreach_markdown
from assistant.models import MicromanagementFinding, MicromanagementReport
from tests.drafting.helpers import creator, demo_guide, hand_fit, inputs


def blocks(markdown: str) -> list[tuple[str, str]]:
    """(block type, inline text) of every paragraph and heading, list items marked with their item's type."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found: list[tuple[str, str]] = []
    depth = 0
    for i, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline":
            kind = tokens[i - 1].type
            found.append(("item" if depth and kind == "paragraph_open" else kind, token.content))
    return found


def paragraph_with(found: list[tuple[str, str]], text: str) -> tuple[str, str]:
    return next(b for b in found if text in b[1])


def _brief(**inputs_extra):
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    return draft_brief(guide, profile, list(posts), hand_fit(guide, "trailtom"), inputs("conversions", **inputs_extra))


def test_a_clean_micromanagement_report_is_two_paragraphs() -> None:
    brief = _brief()
    assert brief.micromanagement is not None and not brief.micromanagement.findings
    found = blocks(render_brief_markdown(brief))
    score = paragraph_with(found, "/100")
    assert score[0] == "paragraph_open" and "No findings" not in score[1]
    assert ("paragraph_open", "No findings.") in found


def test_findings_are_a_list_after_the_score() -> None:
    brief = _brief()
    brief.micromanagement = MicromanagementReport(
        score=50,
        passed=False,
        findings=[MicromanagementFinding(kind="shot_list", detail="A shot list.", text="Shot 1: close-up", severity="high")],
    )
    found = blocks(render_brief_markdown(brief))
    assert "shot_list" not in paragraph_with(found, "/100")[1]
    assert paragraph_with(found, "shot_list")[0] == "item"


def test_labels_after_lists_and_report_lines_stand_alone() -> None:
    found = blocks(render_brief_markdown(_brief()))
    dont = paragraph_with(found, "Don't")
    assert dont == ("paragraph_open", "**Don't**")  # not swallowed by the last "Do" item
    assert "(most)" not in paragraph_with(found, "business days")[1]
    assert paragraph_with(found, "Guide sections:")[0] == "item"
    assert "Posts:" not in paragraph_with(found, "Guide sections:")[1]


def test_outreach_report_lines_are_separate_paragraphs() -> None:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    o = draft_outreach(guide, profile, list(posts), hand_fit(guide, "trailtom"), inputs(), channel="email")
    found = blocks(render_outreach_markdown(o))
    cited = paragraph_with(found, "Cited posts:")
    assert "Voice check" not in cited[1] and "Self-check" not in cited[1]
    assert "Self-check" not in paragraph_with(found, "Voice check")[1]
