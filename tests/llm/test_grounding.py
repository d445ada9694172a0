"""Citations must point at posts we actually gave the model."""

from __future__ import annotations

import pytest

from assistant.ids import post_id
from assistant.llm import POST_ID_PATTERN, drop_unknown_citations, extract_post_ids, validate_cited_ids
from assistant.llm.grounding import ComputedFit, FitClaimChecker

REAL = post_id("maya.makes", "Sunrise on the ridge", None)
OTHER_REAL = post_id("trail_tom", "New boots day", None)
FAKE = "maya.makes-ffffffffffff"


def test_real_ids_match_the_pattern() -> None:
    assert POST_ID_PATTERN.fullmatch(REAL) and POST_ID_PATTERN.fullmatch(OTHER_REAL)
    assert not POST_ID_PATTERN.fullmatch("maya.makes-12345")  # too short
    assert not POST_ID_PATTERN.fullmatch("northwind#voice")


def test_extract_finds_bare_and_bracketed_ids_in_order() -> None:
    text = f"Great fit [post:{REAL}], see {OTHER_REAL}. Again: [{REAL}] and [posts: {FAKE}, {OTHER_REAL}]."
    assert extract_post_ids(text) == [REAL, OTHER_REAL, FAKE]
    assert extract_post_ids("no citations here, just a-b-c and 2024-05-01") == []


def test_validate_cited_ids() -> None:
    kept, dropped = validate_cited_ids([REAL, FAKE, REAL, " " + OTHER_REAL.upper()], {REAL, OTHER_REAL})
    assert kept == [REAL, OTHER_REAL]
    assert dropped == [FAKE]


def test_drop_unknown_citations() -> None:
    text = (
        f"Maya hikes at dawn [post:{REAL}] and says she loves Northwind [post:{FAKE}]. "
        f"Her engagement is steady ({FAKE}). Both posts: [posts: {REAL}, {FAKE}]."
    )
    cleaned, dropped = drop_unknown_citations(text, {REAL})

    assert dropped == [FAKE]
    assert FAKE not in cleaned
    assert cleaned == (
        f"Maya hikes at dawn [post:{REAL}] and says she loves Northwind. "
        f"Her engagement is steady ([unverified source]). Both posts: [posts: {REAL}]."
    )
    assert extract_post_ids(cleaned) == [REAL]


def test_nothing_to_drop_leaves_text_untouched() -> None:
    text = f"Solid evidence [post:{REAL}] and [post:{OTHER_REAL}]."
    assert drop_unknown_citations(text, {REAL, OTHER_REAL}) == (text, [])


# Stated scores and verdicts ------------------------------------------------------------------------------------


REPLY = ("@trailtom is a strong fit for Northwind: strong, 100/100. His voice scores 80/100.\n"
         "1. @maya.makes: 72/100, possible\n"
         "2. @trailtom: 95 out of 100 (strong)\n"
         "The verdict for @maya.makes is **strong**. It is possible that she posts more; strong engagement too.")
CORRECTED = ("@trailtom is a poor fit for Northwind: poor, 39/100. His voice scores 80/100.\n"
             "1. @maya.makes: 72/100, possible\n"
             "2. @trailtom: 39 out of 100 (poor)\n"
             "The verdict for @maya.makes is **possible**. It is possible that she posts more; strong engagement too.")


def checker() -> FitClaimChecker:
    check = FitClaimChecker()
    check.add(ComputedFit("trailtom", 39, "poor", frozenset({80, 20})))
    check.add(ComputedFit("maya.makes", 72, "possible"))
    return check


def test_contradicting_claims_are_replaced_and_agreeing_ones_kept() -> None:
    check = checker()
    assert check.check(REPLY) == CORRECTED
    assert [(c.handle, c.kind, c.stated, c.computed) for c in check.corrections] == [
        ("trailtom", "verdict", "strong", "poor"), ("trailtom", "verdict", "strong", "poor"),
        ("trailtom", "score", "100/100", "39/100"), ("trailtom", "score", "95/100", "39/100"),
        ("trailtom", "verdict", "strong", "poor"), ("maya.makes", "verdict", "strong", "possible")]


@pytest.mark.parametrize("size", [1, 3, 7, 40])
def test_streamed_in_any_pieces_the_result_is_the_same(size: int) -> None:
    check = checker()
    shown = [check.feed(REPLY[i:i + size]) for i in range(0, len(REPLY), size)]
    shown.append(check.flush())
    assert "".join(shown) == CORRECTED
    # Nothing the model said about a score was let through before its sentence was checked.
    assert not any("100/100" in piece or "95 out" in piece for piece in shown)


def test_a_claim_about_no_assessed_creator_uses_the_lookup_or_is_left() -> None:
    asked: list[str] = []

    def lookup(handle: str) -> ComputedFit | None:
        asked.append(handle)
        return ComputedFit("summit.sam", 55, "possible") if handle == "summit.sam" else None

    check = FitClaimChecker(lookup, default_handle="summit.sam")
    text = "They are a strong fit at 90/100. @someone.else scores 12/100."
    assert check.check(text) == "They are a possible fit at 55/100. @someone.else scores 12/100."
    assert asked == ["summit.sam", "someone.else"]
