"""The core never imports Textual, and heavy libraries stay out of import time (harlequin's rule)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
CORE_MODULES = sorted(
    p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_does_not_import_textual(path: Path) -> None:
    offending = {m for m in imported_modules(path) if m == "textual" or m.startswith("textual.")}
    assert not offending, f"{path} imports {offending}; only assistant/tui may import textual"


def test_core_stack_imports_without_textual_at_runtime() -> None:
    code = (
        "import sys, assistant.cli, assistant.services, assistant.store, assistant.ingest, assistant.analysis, "
        "assistant.drafting, assistant.llm, assistant.brain, assistant.history, assistant.reports; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'chromadb', 'langchain', "
        "'langchain_openai', 'langchain_core', 'openai'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"heavy or UI modules imported at import time: {out.stdout}"
