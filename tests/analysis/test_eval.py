"""The engine against labelled data (tests/eval/) and the demo data's intended fits.

These are bounds, not the figures the engine reaches (scripts/eval_fit.py prints those, EVAL.md records them):
the labelled set is a development set the engine was built against, so a test pinning what it scores today would
reward tuning to it. The bounds are the project's targets for real data: Spearman >= 0.8, verdict accuracy and
trap pairs >= 0.8, each brand's best fit first.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from assistant.analysis import assess_fit, assess_many

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "eval_fit.py"


def _eval_module():
    if "eval_fit" in sys.modules:
        return sys.modules["eval_fit"]
    spec = importlib.util.spec_from_file_location("eval_fit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["eval_fit"] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ev():
    return _eval_module()


@pytest.fixture(scope="module")
def eval_data(ev):
    if not (ev.EVAL_DIR / "labels.json").exists():
        pytest.skip("tests/eval/ is not in this checkout")
    return ev.load_eval()


@pytest.fixture(scope="module")
def eval_result(ev, eval_data):
    return ev.evaluate(eval_data)


@pytest.fixture(scope="module")
def demo_result(ev):
    if not (ev.DEMO_FEEDS / "roster.json").exists():
        pytest.skip("demo data is not in this checkout")
    return ev.evaluate(ev.load_demo())


def test_rank_correlation_with_expert_scores(eval_result):
    assert eval_result.spearman >= 0.8
    for brand in eval_result.brands:
        assert brand.spearman is not None and brand.spearman >= 0.7, brand.brand


def test_verdict_accuracy(eval_result):
    assert eval_result.verdict_accuracy >= 0.8


def test_each_brands_best_fit_ranks_first(eval_result, demo_result):
    assert eval_result.best_first and all(eval_result.best_first.values()), eval_result.best_first
    assert demo_result.best_first and all(demo_result.best_first.values()), demo_result.best_first


def test_trap_pairs_land_in_their_band(eval_result):
    right = sum(ok for _, _, ok in eval_result.trap_pairs)
    assert eval_result.trap_pairs and right / len(eval_result.trap_pairs) >= 0.8


def test_demo_intended_fits(demo_result):
    assert demo_result.verdict_accuracy >= 0.8


def test_every_evidence_post_id_exists_in_the_input(eval_result, eval_data):
    ids = {p.id for _, posts in eval_data.creators for p in posts}
    for _, a in eval_result.pairs:
        for d in a.dimensions:
            assert all(e.post_id in ids for e in d.evidence), (a.brand, a.influencer, d.name)
        assert all(pid in ids for r in a.risks for pid in r.post_ids)


def test_prompt_injection_captions_do_not_change_scores(eval_data):
    """The creator whose captions address AI reviewers: dropping those captions never lowers any score, i.e.
    they never helped; and copying them into a clean creator's feed never raises that creator's score."""
    from assistant.analysis.safety import find_injection

    by_handle = {p.handle: (p, posts) for p, posts in eval_data.creators}
    injector = next(
        (h for h, (_, posts) in by_handle.items() if any(find_injection(p.text) for p in posts)), None
    )
    assert injector is not None
    profile, posts = by_handle[injector]
    injected = [p for p in posts if find_injection(p.text)]
    clean = [p for p in posts if not find_injection(p.text)]
    for guide in eval_data.guides.values():
        assert assess_fit(guide, profile, posts).score <= assess_fit(guide, profile, clean).score
    best = max(eval_data.guides.values(), key=lambda g: g.brand)
    top = assess_many(best, eval_data.creators)[0]
    host_profile, host_posts = by_handle[top.influencer]
    moved = [p.model_copy(update={"influencer": host_profile.handle}) for p in injected]
    assert assess_fit(best, host_profile, host_posts + moved).score <= top.score


def test_hidden_likes_give_unknown_engagement_not_a_number(eval_data):
    for profile, posts in eval_data.creators:
        if posts and all(p.likes is None for p in posts):
            for guide in eval_data.guides.values():
                a = assess_fit(guide, profile, posts)
                assert a.dimension("engagement").score is None
                assert all(pt.engagement_rate is None for pt in a.engagement_series)
            return
    pytest.skip("no creator with hidden likes in the eval set")
