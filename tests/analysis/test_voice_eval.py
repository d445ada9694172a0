"""Voice check, voice fit and niche topics on real and held-out material (scripts/eval_voice.py prints the figures;
EVAL.md records them). Bounds, not the figures reached: the test split was never tuned on."""

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _ev():
    if "eval_voice" in sys.modules:
        return sys.modules["eval_voice"]
    spec = importlib.util.spec_from_file_location("eval_voice", REPO / "scripts" / "eval_voice.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_voice"] = module
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcomes():
    ev = _ev()
    rows, guides = ev.load_sentences()
    return ev.run_check(rows, guides)


def test_the_labelled_set_is_real_and_big_enough(outcomes):
    guides = {o.row["guide"] for o in outcomes}
    assert len(outcomes) >= 120 and len(guides) >= 5
    assert all(o.row["source"] and o.row["split"] in ("dev", "test") for o in outcomes)


def test_check_catches_rule_breaking_sentences_with_the_right_rule(outcomes):
    ev = _ev()
    dev_caught, dev_false, _, _ = ev.check_rates(outcomes, "dev")
    test_caught, test_false, _, _ = ev.check_rates(outcomes, "test")
    assert dev_caught >= 0.75 and dev_false <= 0.25
    assert test_caught >= 0.5 and test_false <= 0.3  # held out: lower bounds, see EVAL.md for the gap


def test_no_fix_is_known_wrong_english(outcomes):
    for o in outcomes:
        for s in o.suggestions:
            assert "Let's know" not in s and "\u2018Ca not\u2019" not in s
            assert "\u2018kfc\u2019" not in s.lower() or "KFC" not in o.row["text"]


def test_niche_brands_rank_their_on_niche_creator_first():
    ev = _ev()
    for brand, expected, ranked in ev.niche_results():
        assert ranked[0][0] == expected, (brand, ranked)
        assert ranked[0][2] is not None and ranked[0][2] - ranked[1][2] >= 30, (brand, ranked)


def test_a_guide_that_names_no_topic_gives_an_unknown_topic(tmp_path):
    from assistant.analysis import assess_fit
    from assistant.ingest import read_guide
    from assistant.models import InfluencerProfile
    from tests.analysis.conftest import make_posts

    path = tmp_path / "plain.md"
    path.write_text("# Plain Co\n\n## Voice\n\nUse active voice. Keep sentences short.\n", encoding="utf-8")
    posts = make_posts(["Darning socks tonight with a blunt needle and wool."] * 12, handle="mender")
    a = assess_fit(read_guide(path), InfluencerProfile(handle="mender"), posts)
    assert a.dimension("topic").score is None


def test_voice_spreads_and_changes_order_with_the_guide():
    ev = _ev()
    sys.path.insert(0, str(REPO / "scripts"))
    from eval_fit import load_demo, load_eval

    de = load_demo()
    creators = load_eval().creators + de.creators
    guides = list(de.guides.values())
    from assistant.ingest import read_guide

    real = REPO / "tests" / "data" / "real_voice_guides"
    guides += [read_guide(real / f"{name}.md") for name in ("18f", "govau_dta", "twilio") if (real / f"{name}.md").exists()]
    table = ev.voice_spread(guides, creators)
    for brand, scores in table.items():
        vals = [v for v in scores.values() if v is not None]
        assert max(vals) - min(vals) >= 30, (brand, scores)
    handles = [p.handle for p, _ in creators]
    orders = {b: tuple(sorted(handles, key=lambda h: -(table[b][h] or 0))) for b in table}
    assert len(set(orders.values())) > 1


def test_voice_cites_post_ids_that_exist():
    from assistant.analysis import assess_fit

    sys.path.insert(0, str(REPO / "scripts"))
    from eval_fit import load_demo

    de = load_demo()
    for guide in de.guides.values():
        for profile, posts in de.creators:
            voice = assess_fit(guide, profile, posts).dimension("voice")
            ids = {p.id for p in posts}
            assert all(e.post_id in ids for e in voice.evidence)
            if voice.score is not None and voice.score < 60:
                assert voice.evidence, (guide.brand, profile.handle)
