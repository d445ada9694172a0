"""What users expect from a CLI: --version, completion, global --data-dir/--provider, plurals, doctor's table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.plural import plural
from tests.reliability.helpers import run_cli


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [(1, "post", "1 post"), (0, "post", "0 posts"), (2, "post", "2 posts"), (12000, "post", "12,000 posts"),
     (1, "guide section", "1 guide section"), (3, "match", "3 matches"), (2, "story", "2 stories"),
     (2, "day", "2 days"), (2, "analysis", "2 analyses")],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun, "analyses" if noun == "analysis" else None) == expected


def test_version_help_and_completion(tmp_path: Path) -> None:
    version = run_cli(tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("assistant ")
    usage = run_cli(tmp_path, "--help").stdout
    for option in ("--version", "--data-dir", "--provider", "--install-completion", "--show-completion"):
        assert option in usage


def test_global_data_dir_and_provider_override_env(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shown = json.loads(run_cli(tmp_path, "--data-dir", str(elsewhere), "--provider", "offline", "config", "show",
                               "--json", ASSISTANT_LLM_PROVIDER="compatible").stdout)
    assert shown["data_dir"] == str(elsewhere)
    assert shown["llm_provider"] == "offline" and shown["effective_provider"] == "offline"
    bad = run_cli(tmp_path, "--provider", "psychic", "brands")
    assert bad.returncode == 2 and "use one of: auto, offline, openai, compatible" in bad.stderr


def test_one_post_is_singular_and_doctor_is_a_table(tmp_path: Path) -> None:
    feed = tmp_path / "one.csv"
    feed.write_text("caption,likes\nJust one post,3\n", encoding="utf-8")
    data = tmp_path / "data"
    added = run_cli(data, "ingest", "posts", str(feed), "-i", "solo")
    assert added.returncode == 0, added.stderr
    assert "@solo: 1 post read (1 new, 0 updated, 0 unchanged)." in added.stdout
    doctor = run_cli(data, "doctor")
    assert doctor.returncode == 0
    assert "┃ Check" in doctor.stdout and "1 post, 0 guide sections" in doctor.stdout
    report = json.loads(run_cli(data, "doctor", "--json").stdout)
    assert report["store_ok"] is True and report["store_counts"]["posts"] == 1 and report["incomplete_ingests"] == []


def test_search_hides_hits_that_share_no_word_with_the_query(tmp_path: Path) -> None:
    from assistant.config import Settings
    from assistant.services import Services

    services = Services(Settings(data_dir=tmp_path / "data"))
    feed = tmp_path / "feed.csv"
    feed.write_text("caption,likes\nMy rain shell held up all week,3\nSkincare is self care,4\n"
                    "New running shoes for the trail,5\n", encoding="utf-8")
    services.ingest_posts(feed, "ann")
    hits = services.search("rain shells", influencer="ann")
    assert [h.text for h in hits] == ["My rain shell held up all week"]
    assert services.search("zzqx blorf") == []
    assert services.search("the and of") != []  # only stop words: nothing to match on, so nothing is hidden


def test_analysis_wording_counts_with_the_plural_helper() -> None:
    from assistant.analysis.wording import say
    from assistant.resources import read_prompt

    assert say("risk.hard_limit", what="banned claims", n=1) == "banned claims (1 post)"
    assert say("risk.hard_limit", what="banned claims", n=4) == "banned claims (4 posts)"
    assert say("risk.inactive", days=1) == "no posts for 1 day"
    assert "(s)" not in read_prompt("analysis/wording.toml")
