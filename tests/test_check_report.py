"""A voice finding is listed once: one line per offending passage, under the most severe rule it breaks."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.models import CheckFinding, CheckReport
from assistant.services import Services


def _finding(text: str, rule: str, severity: str) -> CheckFinding:
    return CheckFinding(text=text, rule=rule, suggestion="fix it", severity=severity)  # type: ignore[arg-type]


def test_the_same_passage_is_listed_once_under_its_most_severe_rule() -> None:
    report = CheckReport(brand="b", score=10, passed=False, findings=[
        _finding("passive income", "avoided word", "medium"),
        _finding("Passive  income", "banned claim", "high"),
        _finding("10x", "avoided word", "medium"),
        _finding("passive income", "a don't", "low"),
    ])
    assert [(f.text, f.rule) for f in report.findings] == [("Passive  income", "banned claim"), ("10x", "avoided word")]


def test_check_on_the_demo_lists_each_passage_once(tmp_path: Path) -> None:
    services = Services(Settings(data_dir=tmp_path / "data"))
    services.load_demo()
    report = services.check("brightbyte", "Quit your job!!! 10x your money with passive income 🚀")
    passages = [" ".join(f.text.casefold().split()) for f in report.findings]
    assert "passive income" in passages and "quit your job" in passages
    assert len(passages) == len(set(passages))
    assert next(f for f in report.findings if f.text.casefold() == "passive income").severity == "high"
