"""The actions layer sits below the faces: it imports nothing from the brain, the CLI or the TUI."""

from __future__ import annotations

import ast
from pathlib import Path

ACTIONS = Path(__file__).resolve().parents[2] / "assistant" / "actions"
ABOVE = ("assistant.brain", "assistant.cli", "assistant.tui")


def test_actions_import_nothing_above_them() -> None:
    found = []
    for path in sorted(ACTIONS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            found += [f"{path.name}: {n}" for n in names if n.startswith(ABOVE)]
    assert not found, found
    assert (ACTIONS / "core.py").exists()
