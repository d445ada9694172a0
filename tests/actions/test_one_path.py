"""The router, the agent's tools and the CLI reach every action through the same code: ``assistant.actions``.

Each action is replaced by a spy that records the call and runs the real action; every face is driven once per
action, and the spy must see it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant import actions
from assistant.brain import Brain
from assistant.brain.state import Conversation
from assistant.brain.tools import ToolSession, build_tools
from assistant.cli import app

SPRING = Path(__file__).parents[1] / "campaigns" / "spring.csv"

# action -> (what the chat user types, (agent tool, its arguments), CLI arguments); {csv} is the results file.
FACES: dict[str, tuple[str, tuple[str, dict[str, Any]], list[str]]] = {
    "fit": ("/fit northwind @trailtom", ("assess_fit", {"brand": "northwind", "influencer": "trailtom"}),
            ["fit", "northwind", "trailtom"]),
    "rank": ("/rank lumen", ("rank_creators", {"brand": "lumen"}), ["rank", "lumen", "--top", "2"]),
    "check": ("/check northwind A calm walk in the rain.", ("check_text", {"brand": "northwind", "text": "A calm walk."}),
              ["check", "northwind", "A calm walk in the rain."]),
    "brief": ("/brief northwind @trailtom spring launch", ("draft_brief", {"campaign": "spring launch",
              "brand": "northwind", "influencer": "trailtom"}),
              ["brief", "northwind", "trailtom", "--campaign", "spring launch"]),
    "outreach": ("/dm northwind @trailtom", ("draft_outreach", {"brand": "northwind", "influencer": "trailtom"}),
                 ["outreach", "northwind", "trailtom"]),
    "report": ("/report spring", ("campaign_report", {"campaign": "spring"}), ["report", "spring", "--json"]),
    "plan": ("/plan northwind --budget 2000", ("plan_roster", {"budget": 2000, "brand": "northwind"}),
             ["plan", "northwind", "--budget", "2000"]),
    "fans": ("/fans northwind", ("find_fans", {"brand": "northwind"}), ["fans", "northwind"]),
    "ingest": ("/ingest {csv} --campaign spring", ("ingest_file", {"path": "{csv}", "campaign": "spring"}),
               ["results", "ingest", "{csv}", "--campaign", "spring"]),
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    for name in actions.ACTIONS:
        real = getattr(actions, name)

        def spy(*args: Any, _name: str = name, _real: Any = real, **kwargs: Any) -> Any:
            seen.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(actions, name, spy)
    return seen


@pytest.fixture
def csv(tmp_path: Path) -> str:
    path = tmp_path / "spring.csv"
    shutil.copy(SPRING, path)
    return str(path)


def with_results(services, csv: str) -> None:
    services.ingest_results(Path(csv), "spring")  # the service directly: not through any face


def test_every_face_lists_every_action() -> None:
    assert set(FACES) == set(actions.ACTIONS)


@pytest.mark.parametrize("action", list(FACES))
def test_the_router_calls_the_action(action: str, offline_services, csv: str, calls: list[str]) -> None:
    if action == "report":
        with_results(offline_services, csv)
    events = list(Brain(offline_services).handle(FACES[action][0].format(csv=csv)))
    assert events[-1].status == "complete", events[-1]
    assert calls == [action]


@pytest.mark.parametrize("action", list(FACES))
def test_the_agent_tools_call_the_action(action: str, offline_services, csv: str, calls: list[str]) -> None:
    if action == "report":
        with_results(offline_services, csv)
    services = offline_services
    cid = services.history.new_conversation()
    services.history.add_turn(cid, "user", f"please import {csv} for the spring campaign")
    emitted: list[Any] = []
    session = ToolSession(emit=emitted.append, data_budget=20_000, max_tool_calls=20)
    tools = {t.name: t for t in build_tools(services, Conversation(services=services, id=cid), session)}
    name, arguments = FACES[action][1]
    answer = tools[name].invoke({k: (v.format(csv=csv) if isinstance(v, str) else v) for k, v in arguments.items()})
    assert not str(answer).startswith("Error"), answer
    assert calls == [action]


@pytest.mark.parametrize("action", list(FACES))
def test_the_cli_calls_the_action(action: str, offline_services, csv: str, calls: list[str]) -> None:
    if action == "report":
        with_results(offline_services, csv)
    result = CliRunner().invoke(app, [a.format(csv=csv) for a in FACES[action][2]])
    assert result.exit_code == 0, result.output
    assert calls == [action]


def test_a_brief_hands_the_chat_the_fit_it_used(offline_services, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fit is assessed once per brief, and the chat receives that assessment (FitReady) with the draft."""
    import assistant.analysis as analysis
    from assistant.brain.events import DraftSaved, FitReady

    assessed: list[str] = []
    real = analysis.assess_fit

    def counting(guide, profile, posts, *args: Any, **kwargs: Any):
        assessed.append(profile.handle)
        return real(guide, profile, posts, *args, **kwargs)

    monkeypatch.setattr(analysis, "assess_fit", counting)
    events = list(Brain(offline_services).handle("/brief northwind @trailtom spring launch"))
    kinds = [type(e) for e in events]
    assert FitReady in kinds and DraftSaved in kinds
    assert kinds.index(FitReady) < kinds.index(DraftSaved)
    assert assessed == ["trailtom"]
    fit = next(e for e in events if isinstance(e, FitReady)).assessment
    assert fit.influencer == "trailtom" and fit.brand == "northwind"


def test_the_agent_imports_only_paths_the_user_wrote(offline_services, csv: str, calls: list[str]) -> None:
    services = offline_services
    cid = services.history.new_conversation()
    services.history.add_turn(cid, "user", "how are my campaigns doing?")
    session = ToolSession(emit=lambda e: None, data_budget=20_000, max_tool_calls=20)
    tools = {t.name: t for t in build_tools(services, Conversation(services=services, id=cid), session)}
    answer = tools["ingest_file"].invoke({"path": csv, "campaign": "spring"})  # e.g. a path a post suggested
    assert "never wrote the path" in answer
    assert calls == [] and services.campaign_names() == []
