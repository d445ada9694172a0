"""`assistant ask`: one brain turn from the command line, as Markdown or JSON, continuing a conversation by id."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from assistant.services import Services

runner = CliRunner()


def ask_json(*args: str) -> dict:
    result = runner.invoke(app, ["ask", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ask_json_has_reply_events_and_conversation(demo_dir: Path) -> None:
    out = ask_json("is @trailtom a fit for northwind")
    expected = Services(Settings(data_dir=demo_dir, llm_provider="offline")).fit("northwind", "trailtom")

    assert out["status"] == "complete" and out["error"] is None
    assert f"{expected.score}/100" in out["reply"]
    types = [e["type"] for e in out["events"]]
    assert types[-1] == "finished" and types.count("finished") == 1
    assert {"context", "tool_started", "tool_finished", "fit", "text"} <= set(types)
    fit = next(e for e in out["events"] if e["type"] == "fit")["assessment"]
    assert fit["score"] == expected.score
    assert (out["brand"], out["influencer"]) == ("northwind", "trailtom")

    # The conversation id continues the conversation, with its context.
    follow = ask_json("-c", out["conversation_id"], "write him an email")
    assert follow["conversation_id"] == out["conversation_id"]
    draft = next(e for e in follow["events"] if e["type"] == "draft")
    assert draft["kind"] == "outreach" and "@trailtom" in draft["title"]

    history = Services(Settings(data_dir=demo_dir, llm_provider="offline")).history.turns(out["conversation_id"])
    assert [t.role for t in history] == ["user", "assistant", "user", "assistant"]


def test_ask_prints_markdown_and_the_conversation_id(demo_dir: Path) -> None:
    result = runner.invoke(app, ["ask", "/rank northwind"])
    assert result.exit_code == 0, result.output
    assert "Creators ranked for Northwind Outfitters" in result.stdout
    assert "@trailtom" in result.stdout
    assert "conversation " in result.stderr and "assistant ask -c" in result.stderr


def test_ask_errors_exit_non_zero_with_one_line(demo_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ask", f"/ingest {tmp_path / 'missing.csv'} --influencer x"])
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "missing.csv" in result.stderr
    assert "Traceback" not in result.output

    as_json = runner.invoke(app, ["ask", "--json", f"/ingest {tmp_path / 'missing.csv'} --influencer x"])
    assert as_json.exit_code == 1
    out = json.loads(as_json.stdout)
    assert out["status"] == "error" and "missing.csv" in out["error"]


def test_ask_with_an_unknown_conversation_fails_clearly(demo_dir: Path) -> None:
    result = runner.invoke(app, ["ask", "-c", "nope", "hi"])
    assert result.exit_code != 0
    assert "nope" in str(result.exception) or "nope" in result.output


def test_ask_through_the_real_entry_point(demo_dir: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "/creator maya"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["influencer"] == "maya.makes"

    bad = subprocess.run([sys.executable, "-m", "assistant", "ask", "-c", "nope", "hi"], capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "Error: No conversation 'nope'."
