"""The roster plan: never over the budget (over many budgets and random rosters), a mix of platforms, no
near-duplicate audiences, every creator in with a reason."""

from __future__ import annotations

import random

import pytest

from assistant.analysis.roster_plan import Candidate, plan_roster
from assistant.config import DEFAULT_COST_PER_POST, Settings

PLATFORMS = ["instagram", "tiktok", "youtube", "x"]


def random_candidates(rng: random.Random, n: int) -> list[Candidate]:
    out = []
    for i in range(n):
        followers = rng.choice([None, rng.randint(500, 9_999), rng.randint(10_000, 99_999),
                                rng.randint(100_000, 499_999), rng.randint(500_000, 2_000_000)])
        topic = rng.randrange(6)
        out.append(Candidate(
            handle=f"c{i}", fit_score=rng.randint(0, 100), verdict=rng.choice(["strong", "possible", "poor"]),
            platform=rng.choice(PLATFORMS), niche=f"niche {rng.randrange(4)}", followers=followers,
            reach_per_post=rng.choice([None, rng.uniform(100, 50_000)]),
            engagements_per_post=rng.choice([None, rng.uniform(10, 5_000)]),
            vector={f"t{topic}": 1.0} if rng.random() < 0.5 else {f"u{i}": 1.0},
        ))
    return out


def test_never_over_budget_over_many_budgets_and_rosters() -> None:
    rng = random.Random(13)
    for trial in range(400):
        budget = rng.choice([0.0, 0.01, 99.99, 100.0, 499.5, 1234.56, 5000.0, 33_333.33, 250_000.0,
                             rng.uniform(0, 100_000), float(rng.randint(1, 40_000))])
        costs = dict(DEFAULT_COST_PER_POST)
        if trial % 3 == 0:
            costs = {tier: round(rng.uniform(0.01, 20_000), 2) for tier in costs}
        plan = plan_roster("b", rng.choice(["awareness", "engagement", "growth", "conversions"]), budget,
                           random_candidates(rng, rng.randint(0, 25)), costs)
        cents = sum(round(e.cost_per_post * 100) * e.posts for e in plan.entries)
        assert cents <= budget * 100, (trial, budget, cents)
        assert plan.spent <= budget and plan.remaining >= 0
        assert all(e.posts >= 1 and e.why for e in plan.entries)
        assert len({e.influencer for e in plan.entries}) == len(plan.entries)


def candidate(handle: str, platform: str, *, score: int = 80, followers: int = 30_000, eng: float = 1000,
              vector: dict[str, float] | None = None, niche: str | None = None) -> Candidate:
    return Candidate(handle=handle, fit_score=score, verdict="strong", platform=platform, niche=niche or handle,
                     followers=followers, reach_per_post=followers * 0.2, engagements_per_post=eng,
                     vector=vector or {handle: 1.0})


def test_several_creators_and_a_mix_of_platforms() -> None:
    pool = [candidate("a", "instagram", eng=1000), candidate("b", "instagram", eng=990),
            candidate("c", "instagram", eng=980), candidate("d", "tiktok", eng=800)]
    plan = plan_roster("b", "engagement", 1000, pool, DEFAULT_COST_PER_POST)  # two micro posts at 500
    assert [e.influencer for e in plan.entries] == ["a", "d"]  # 800 beats a second Instagram creator (990 x MIX_PENALTY 0.8)
    assert any("adds tiktok" in w for w in plan.entries[1].why)
    assert {o.influencer for o in plan.left_out} == {"b", "c"}


def test_near_duplicate_audiences_are_left_out() -> None:
    shared = {"trail": 0.8, "tent": 0.6}
    pool = [candidate("a", "instagram", vector=shared), candidate("twin", "tiktok", eng=900, vector=shared),
            candidate("other", "youtube", eng=500)]
    plan = plan_roster("b", "engagement", 10_000, pool, DEFAULT_COST_PER_POST)
    assert [e.influencer for e in plan.entries] == ["a", "other"]
    assert "audience too close to @a" in next(o.reason for o in plan.left_out if o.influencer == "twin")


def test_poor_fits_and_unknown_costs_are_left_out_with_why() -> None:
    poor = candidate("poor", "x")
    poor.verdict = "poor"
    unknown = candidate("ghost", "x")
    unknown.followers = None
    plan = plan_roster("b", "awareness", 10_000, [poor, unknown, candidate("ok", "instagram")], DEFAULT_COST_PER_POST)
    assert [e.influencer for e in plan.entries] == ["ok"]
    reasons = {o.influencer: o.reason for o in plan.left_out}
    assert "not a fit" in reasons["poor"] and "no follower count" in reasons["ghost"]


def test_costs_come_from_config(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[plan_cost_per_post]\nmicro = 650\n", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG_FILE", str(config))
    costs = Settings().plan_cost_per_post
    assert costs["micro"] == 650 and costs["nano"] == DEFAULT_COST_PER_POST["nano"]
    config.write_text("[plan_cost_per_post]\ngiga = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown tier"):
        Settings()


def test_plan_on_the_demo_store(offline_services) -> None:
    plan = offline_services.plan("northwind", budget=3000, goal="engagement")
    assert plan.spent <= 3000 and plan.entries
    assert plan.entries[0].influencer == "trailtom"
    assert "summit.sam" in {o.influencer for o in plan.left_out}  # the demo's trap for Northwind


def test_one_sub_niche_counts_once() -> None:
    from assistant.analysis.roster_plan import same_niche

    assert same_niche("hiking, gear reviews", "hiking and gear reviews")
    assert not same_niche("hiking, gear reviews", "DIY sewing, upcycled bags")
    pool = [candidate("a", "instagram", niche="hiking gear reviews", eng=1000),
            candidate("b", "tiktok", niche="hiking and gear reviews", eng=990),
            candidate("c", "youtube", niche="sourdough baking", eng=850)]
    plan = plan_roster("b", "engagement", 1000, pool, DEFAULT_COST_PER_POST)
    assert [e.influencer for e in plan.entries] == ["a", "c"]  # b's 990 x 0.8 < c's 850
