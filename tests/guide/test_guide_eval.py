"""Guide reading against hand labels (scripts/eval_guides.py): bounds that hold on both splits, never a tuned 100%.

The targets (recall >= 85%, junk <= 10%) and the measured figures are in EVAL.md, "Guide reading"; these floors
are below them on purpose: they catch a reader that got worse, and they hold on the test split the reader was
never tuned on. Guides whose licence forbids shipping them (Mailchimp) are read from outside the repository when
scripts/fetch_guides.py has rebuilt them, and skipped otherwise.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.paths import REPO


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_guides", REPO / "scripts" / "eval_guides.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_guides"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()


@pytest.fixture(scope="module")
def scores():
    found, skipped = EVAL.evaluate()
    return {s.name: s for s in found}, skipped


def test_at_least_six_labelled_published_guides_in_two_splits():
    labels = EVAL.load_labels()
    assert len(labels) >= 6
    assert {label["split"] for label in labels} == {"dev", "test"}
    assert sum(label["split"] == "test" for label in labels) >= 3
    for label in labels:
        if label["location"] == "shipped":
            assert EVAL.guide_path(label).exists(), label["file"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_rule_recall_and_junk_hold_their_floor(scores, split):
    by_name, _ = scores
    chosen = [s for s in by_name.values() if s.split == split]
    assert chosen
    recalled = sum(s.rules_recalled for s in chosen) / sum(s.rules_labelled for s in chosen)
    junk = sum(s.junk for s in chosen) / max(1, sum(s.extracted for s in chosen))
    assert recalled >= 0.70, f"{split} rule recall {recalled:.0%}"
    assert junk <= 0.25, f"{split} junk {junk:.0%}"


def test_rules_recalled_are_typed_to_the_labelled_check(scores):
    by_name, _ = scores
    recalled = sum(s.checks_recalled for s in by_name.values())
    right = sum(s.checks_right_of_recalled for s in by_name.values())
    assert recalled >= 40 and right / recalled >= 0.85


def test_word_lists_are_found_wherever_a_guide_has_one(scores):
    by_name, _ = scores
    for score in by_name.values():
        assert score.lists_found == score.lists_expected, score.name
        if score.avoided_labelled:
            assert score.avoided_found / score.avoided_labelled >= 0.7, score.name


def test_brand_names_and_samples(scores):
    by_name, _ = scores
    named = [s for s in by_name.values() if s.name_expected]
    assert named and all(s.name_got == s.name_expected for s in named)
    assert sum(s.misplaced for s in by_name.values()) <= 1  # a counter-example kept as the brand's own copy


def test_guides_that_cannot_be_shipped_are_skipped_with_a_reason(scores):
    _, skipped = scores
    for label in EVAL.load_labels():
        if label["location"] != "shipped" and not EVAL.guide_path(label).exists():
            assert any(label["file"] in s and "fetch_guides.py" in s for s in skipped)
