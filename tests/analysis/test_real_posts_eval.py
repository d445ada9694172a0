"""Ranking on real public posts against the experts' orders (issue #10; scripts/eval_real_posts.py prints the
figures, EVAL.md records them). The orders ship with the repo; the posts don't (their licence keeps them out):
scripts/fetch_eval_posts.py rebuilds them and ASSISTANT_REAL_POSTS_DIR points at them. Bounds, not the figures
reached: the issue's target (Spearman >= 0.8) is not met, and EVAL.md says so."""

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "tests" / "data" / "real_posts" / "expert_orders.json"


def _script():
    if "eval_real_posts" in sys.modules:
        return sys.modules["eval_real_posts"]
    spec = importlib.util.spec_from_file_location("eval_real_posts", REPO / "scripts" / "eval_real_posts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_real_posts"] = module
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_experts_orders_cover_enough_real_accounts_and_guides():
    meta = json.loads(ORDERS.read_text(encoding="utf-8"))
    orders = meta["orders"]
    assert len(orders) >= 4
    accounts = set(next(iter(orders.values())))
    assert len(accounts) >= 8
    for guide, order in orders.items():
        assert len(order) == len(set(order)) and set(order) == accounts, guide
        assert (REPO / meta["guides"][guide]).is_file(), guide
        assert set(meta["reasons"][guide]) == accounts, guide  # a line of reasoning per account
    assert set(meta["split"].values()) == {"dev", "test"}
    halves = meta["account_split"]
    assert set(halves["dev"]) | set(halves["test"]) == accounts and not set(halves["dev"]) & set(halves["test"])


@pytest.fixture(scope="module")
def rows():
    folder = os.environ.get("ASSISTANT_REAL_POSTS_DIR")
    if not _script().available(folder):
        pytest.skip(
            "the real posts can't ship with the repo: run scripts/fetch_eval_posts.py and set ASSISTANT_REAL_POSTS_DIR"
        )
    return _script().evaluate(Path(folder))


def test_every_guide_is_ranked_against_its_experts_order(rows):
    assert len(rows) >= 4
    for name, row in rows.items():
        assert row["overall"] is not None and row["voice"] is not None, name
        assert len(row["tool_order"]) >= 8, name


def test_ranking_on_real_posts_is_not_inverted(rows):
    """A floor, far below the target: the tool's order must not run against the experts' on average (it was near
    zero when measured; a strongly negative mean would mean the measures point the wrong way)."""
    script = _script()
    for key in ("overall", "voice"):
        means = script.split_means(rows, key)
        assert means["dev"] is not None and means["test"] is not None
        assert min(means.values()) >= -0.3, (key, means)
