"""The CLI through its real entry point (the installed console script), as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def assistant_exe() -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    if script.exists():
        return [str(script)]
    found = shutil.which("assistant")
    return [found] if found else [sys.executable, "-m", "assistant"]


def run(*args: str, env_extra: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    result = subprocess.run([*assistant_exe(), *args], capture_output=True, text=True, env=env, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"assistant {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("cli")
    env = {"ASSISTANT_DATA_DIR": str(home / "data"), "ASSISTANT_CONFIG_FILE": str(home / "config.toml")}
    return env


def test_demo_is_idempotent_and_lists_work(demo_home: dict[str, str]) -> None:
    first = json.loads(run("demo", "--json", env_extra=demo_home).stdout)
    assert len(first["brands"]) == 3 and first["posts_added"] > 100
    second = json.loads(run("demo", "--json", env_extra=demo_home).stdout)
    assert second["posts_added"] == 0
    brands = json.loads(run("brands", "--json", env_extra=demo_home).stdout)
    assert {b["slug"] for b in brands} == set(first["brands"])
    creators = json.loads(run("influencers", "--json", env_extra=demo_home).stdout)
    assert {c["handle"] for c in creators} == set(first["influencers"])
    assert all(c["posts"] >= 20 and c["followers"] for c in creators)


def test_search_filters_by_creator(demo_home: dict[str, str]) -> None:
    run("demo", env_extra=demo_home)
    creators = json.loads(run("influencers", "--json", env_extra=demo_home).stdout)
    handle = creators[0]["handle"]
    feed = json.loads((REPO / "assistant" / "demo_data" / "feeds" / f"{handle}.json").read_text(encoding="utf-8"))
    word = max(feed[0]["caption"].split(), key=len)  # a word that creator used, so search has a match
    hits = json.loads(run("search", word, "--influencer", handle, "-k", "3", "--json", env_extra=demo_home).stdout)
    assert hits and all(h["influencer"] == handle and h["kind"] == "post" for h in hits)
    both = run("search", "x", "--brand", "a", "--influencer", "b", env_extra=demo_home, check=False)
    assert both.returncode == 1 and "not both" in both.stderr


def test_bad_posts_file_names_file_and_line_and_writes_nothing(demo_home: dict[str, str], tmp_path: Path) -> None:
    run("demo", env_extra=demo_home)
    before = run("influencers", "--json", env_extra=demo_home).stdout
    bad = tmp_path / "feed.csv"
    bad.write_text("caption,likes,comments\nfine post,10,2\nanother,-5,1\n", encoding="utf-8")
    result = run("ingest", "posts", str(bad), "--influencer", "newbie", env_extra=demo_home, check=False)
    assert result.returncode == 1
    assert "feed.csv" in result.stderr and "3" in result.stderr and "Traceback" not in result.stderr
    assert run("influencers", "--json", env_extra=demo_home).stdout == before


def test_ingest_a_real_guide_and_posts(demo_home: dict[str, str], real_guides_dir: Path, tmp_path: Path) -> None:
    out = json.loads(run("ingest", "guide", str(real_guides_dir / "twilio.md"), "--json", env_extra=demo_home).stdout)
    assert out["brand"] == "twilio" and out["sections"] >= 5
    feed = tmp_path / "posts.jsonl"
    feed.write_text(
        '{"text": "Shipped a tiny SMS bot today", "likes": 40, "comments": 3, "date": "2026-10-01"}\n'
        '{"text": "Debugging webhooks at 2am", "likes": null, "comments": 1, "date": "2026-10-03"}\n',
        encoding="utf-8",
    )
    added = json.loads(run("ingest", "posts", str(feed), "-i", "@DevDana", "--followers", "12000", "--json",
                           env_extra=demo_home).stdout)
    assert added == {"influencer": "devdana", "added": 2, "updated": 0, "unchanged": 0, "posts": 2, "notices": []}
    again = json.loads(run("ingest", "posts", str(feed), "-i", "devdana", "--json", env_extra=demo_home).stdout)
    assert again["unchanged"] == 2


def test_config_never_prints_the_key(demo_home: dict[str, str]) -> None:
    secret = "sk-test-this-must-not-appear-1234"
    shown = run("config", "show", "--json", env_extra={**demo_home, "OPENAI_API_KEY": secret})
    data = json.loads(shown.stdout)
    assert data["openai_api_key"] == "set" and data["effective_provider"] == "openai"
    assert secret not in shown.stdout + shown.stderr
    doctor = run("doctor", "--json", env_extra={**demo_home, "OPENAI_API_KEY": secret,
                                                "ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:9/v1",
                                                "ASSISTANT_LLM_TIMEOUT": "1"}, check=False)
    assert secret not in doctor.stdout + doctor.stderr
    assert json.loads(doctor.stdout)["provider_ok"] is False


def test_python_dash_m_and_unknown_brand(demo_home: dict[str, str]) -> None:
    help_text = subprocess.run([sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True,
                               env={**os.environ, **demo_home}, timeout=60)
    assert help_text.returncode == 0 and "ingest" in help_text.stdout
    missing = run("check", "nope", "hello", env_extra=demo_home, check=False)
    assert missing.returncode == 1 and "No brand 'nope'" in missing.stderr
