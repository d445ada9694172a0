"""Campaigns in the chat (offline router): plain English and slash commands reach report, plan and fans."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.brain.events import FansReady, PlanReady, ReportReady
from assistant.brain.intents import budget_in, parse
from assistant.brain.resolve import Catalog
from tests.brain.helpers import ask

SPRING = Path(__file__).parent / "spring.csv"


@pytest.mark.parametrize("text", ["how is the spring campaign doing?", "How's our Spring launch campaign going",
                                  "/report spring", "/report"])
def test_report_in_plain_words_and_as_a_command(brain, offline_services, text: str) -> None:
    offline_services.ingest_results(SPRING, "Spring launch")
    reply = ask(brain, text)
    report = reply.one(ReportReady).report
    assert report.campaign == "Spring launch"
    assert reply.tools == ["campaign_report"]
    assert "@maya.makes" in reply.text and "█" in reply.text and "`▁█`" in reply.text


def test_report_without_results_says_how_to_import(brain) -> None:
    reply = ask(brain, "/report")
    assert "--campaign" in reply.text and not reply.of(ReportReady)


def test_report_of_an_unknown_campaign_names_the_known_ones(brain, offline_services) -> None:
    offline_services.ingest_results(SPRING, "Spring launch")
    reply = ask(brain, "/report autumn")
    assert reply.finished.status == "error" and "Spring launch" in reply.finished.error


def test_ingest_results_then_ask(brain, tmp_path: Path) -> None:
    path = tmp_path / "spring.csv"
    path.write_bytes(SPRING.read_bytes())
    reply = ask(brain, f"/ingest {path} --campaign \"spring launch\"")
    assert "5 rows from 3 creators" in reply.text
    assert ask(brain, "how is the spring launch campaign doing?").one(ReportReady).report.total.rows == 5


def test_plan_and_fans_in_plain_words(brain) -> None:
    plan = ask(brain, "plan a roster for Northwind with a $3,000 budget, we want engagement").one(PlanReady).plan
    assert plan.brand == "northwind" and plan.goal == "engagement" and plan.spent <= 3000
    fans = ask(brain, "who are Northwind's fans?").one(FansReady).fans
    assert [f.influencer for f in fans.fans] == ["trailtom"]
    assert ask(brain, "/plan northwind").of(PlanReady) == []  # no budget: it asks


@pytest.mark.parametrize(("text", "amount"), [("$3,000", 3000), ("a 5k budget", 5000), ("budget of 1200", 1200),
                                              ("€2.5k", 2500), ("no money here", None)])
def test_budget_in(text: str, amount: float | None) -> None:
    assert budget_in(text) == amount


def test_slash_plan_options() -> None:
    intent = parse("/plan northwind --budget 2.5k --goal sales", Catalog())
    assert (intent.kind, intent.budget, intent.goal) == ("plan", 2500, "conversions")
    assert parse("/plan northwind --budget lots", Catalog()).error


def test_the_agent_answers_how_a_campaign_is_doing_with_the_report(fake_openai, demo_dir) -> None:
    from assistant.brain import Brain
    from assistant.services import Services
    from tests.fakes.fixtures import settings_for

    services = Services(settings_for(fake_openai, demo_dir))
    services.ingest_results(SPRING, "Spring launch")
    fake_openai.enqueue_tool_call("campaign_report", {"campaign": "spring"})
    fake_openai.enqueue_text("Maya is the one to keep; stop trailtom.")
    reply = ask(Brain(services), "how is the spring campaign doing?")
    assert reply.finished.status == "complete", reply.finished.error
    assert reply.tools == ["campaign_report"]
    assert reply.one(ReportReady).report.campaign == "Spring launch"
    assert "| @maya.makes | ✅ keep |" in reply.text  # the report's own Markdown, shown verbatim
    tool_result = fake_openai.chat_requests[1].messages[-1]["content"]
    assert "CAMPAIGN REPORT of 'Spring launch'" in tool_result and "stop" in tool_result


def test_import_results_in_plain_words(brain, tmp_path: Path) -> None:
    path = tmp_path / "spring.csv"
    path.write_bytes(SPRING.read_bytes())
    reply = ask(brain, f"import {path} for the spring launch campaign")
    assert "Imported results for **spring launch**" in reply.text


@pytest.mark.parametrize(("text", "kind"), [
    ("who are Northwind's fans?", "fans"),
    ("which creators already mention Northwind?", "fans"),
    ("I'm a big fan of @maya, write her a brief for the spring launch", "brief"),
    ("plan the campaign brief for maya, $1,200 flat", "brief"),
    ("plan a roster for northwind with $5k", "plan"),
    ("how is the spring campaign doing?", "report"),
    ("is @trailtom a fit for Northwind?", "fit"),
])
def test_campaign_words_do_not_take_over_other_requests(text: str, kind: str) -> None:
    assert parse(text, Catalog()).kind == kind
