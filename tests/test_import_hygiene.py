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


HEAVY = ("chromadb", "langchain", "langchain_core", "langchain_openai", "openai", "textual", "numpy", "onnxruntime")
RUN_COMMAND = (
    "import sys; sys.argv = ['assistant', *sys.argv[1:]]; import assistant.cli as cli\n"
    "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
    "print(sorted({m.split('.')[0] for m in sys.modules} & set(%r)), file=sys.stderr)" % (HEAVY,)
)


def _heavy_modules_loaded_by(*args: str) -> tuple[str, str]:
    out = subprocess.run([sys.executable, "-c", RUN_COMMAND, *args], capture_output=True, text=True, check=True,
                         timeout=120)
    return out.stdout, out.stderr.strip().splitlines()[-1]


def test_help_and_version_load_no_heavy_module() -> None:
    stdout, heavy = _heavy_modules_loaded_by("--help")
    assert "Usage" in stdout
    assert heavy == "[]", f"`assistant --help` imported {heavy}"
    stdout, heavy = _heavy_modules_loaded_by("--version")
    assert stdout.startswith("assistant ")
    assert heavy == "[]", f"`assistant --version` imported {heavy}"


def test_listing_brands_and_creators_loads_no_vector_store(isolated_env) -> None:
    from assistant.config import Settings
    from assistant.services import Services
    from tests.store.test_store import make_guide

    services = Services(Settings())
    services.store.add_guide(make_guide("northwind"))
    services.store.refresh_catalog_file()  # what every ingest ends with
    for command in ("brands", "influencers"):
        stdout, heavy = _heavy_modules_loaded_by(command, "--json")
        assert heavy == "[]", f"`assistant {command}` imported {heavy}"
    stdout, _ = _heavy_modules_loaded_by("brands", "--json")
    assert [b["slug"] for b in __import__("json").loads(stdout)] == ["northwind"]
