"""The campaign commands on the command line: results ingest, report (--json, --out), plan, fans."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from tests.test_cli import run

SPRING = Path(__file__).parent / "spring.csv"


def test_results_ingest_then_report(tmp_path: Path) -> None:
    env = {"ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_CONFIG_FILE": str(tmp_path / "config.toml")}
    first = json.loads(run("results", "ingest", str(SPRING), "--campaign", "Spring launch", "--json", env_extra=env).stdout)
    assert (first["rows"], first["added"]) == (5, 5)
    again = run("results", "ingest", str(SPRING), "--campaign", "spring launch", env_extra=env).stdout
    assert "0 new, 0 updated, 5 unchanged" in again
    listed = json.loads(run("results", "list", "--json", env_extra=env).stdout)
    assert listed == [{"campaign": "spring launch", "rows": 5, "creators": 3, "first_date": "2027-03-01",
                       "last_date": "2027-03-10"}]
    out = tmp_path / "report.md"
    data = json.loads(run("report", "spring", "--goal", "conversions", "--json", "--out", str(out), env_extra=env).stdout)
    assert [c["influencer"] for c in data["creators"]] == ["trailtom", "maya.makes", "dr.dewy"]
    dewy = data["creators"][2]
    assert dewy["spend"] is None and dewy["cpa"] is None and dewy["roas"] is None
    assert data["total"]["cpm"] == 40.0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("### Campaign: spring launch") and "⛔ stop" in text


def test_a_bad_results_file_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    env = {"ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_CONFIG_FILE": str(tmp_path / "config.toml")}
    bad = tmp_path / "bad.csv"
    bad.write_text("influencer,date,cost\nmaya,2027-03-01,100\nsam,2027-03-02,-5\n", encoding="utf-8")
    result = run("results", "ingest", str(bad), "--campaign", "x", env_extra=env, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: {bad}:3: cost can't be negative (-5)"]
    missing = run("report", "x", env_extra=env, check=False)
    assert missing.returncode == 1 and "'x' matches no campaign with results: none yet" in missing.stderr


def test_plan_and_fans(demo_dir: Path) -> None:
    runner = CliRunner()
    plan = json.loads(runner.invoke(app, ["plan", "Northwind Outfitters", "--budget", "2500", "--goal", "awareness",
                                          "--json"]).stdout)
    assert plan["brand"] == "northwind" and plan["spent"] <= 2500 and plan["entries"]
    fans = json.loads(runner.invoke(app, ["fans", "brightbyte", "--json"]).stdout)
    assert [f["influencer"] for f in fans["fans"]] == ["centsible.sara"]
