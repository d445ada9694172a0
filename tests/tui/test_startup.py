"""The chat paints its first screen before the heavy libraries load (measured in fresh interpreters)."""

from __future__ import annotations

from pathlib import Path

from assistant.tui.measure_startup import measure


def test_first_paint_comes_before_the_heavy_imports_and_the_store(demo_dir: Path) -> None:
    result = measure(runs=1, data_dir=demo_dir, warm_up=False)
    chat, bare = result["assistant"], result["bare"]
    assert chat["heavy_at_first_paint"] == []  # settings, chromadb, langchain, openai load in the boot worker, later
    assert chat["imported"] < chat["first_paint"] < chat["ready"] < chat["process"]
    assert bare["first_paint"] < bare["process"]
    assert result["first_paint_overhead"] == round(chat["first_paint"] - bare["first_paint"], 3)
