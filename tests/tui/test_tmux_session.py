"""The scripted tmux session (bench/tmux_session.py) as a test: a fit request, a brief request, scrolling back,
an export and quitting, in a real terminal, with no traceback and the export on disk. Skipped without tmux."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")
def test_a_marketer_session_in_tmux_exports_and_quits_cleanly(demo_template: Path, tmp_path: Path) -> None:
    workdir = tmp_path / "session"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "tmux_session.py"), "--size", "120x35",
         "--data-dir", str(demo_template), "--workdir", str(workdir)],
        capture_output=True, text=True, timeout=600, check=False, cwd=REPO,
    )
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["ok"], result.get("error") or done.stderr
    export = Path(result["export"])
    assert export.parent == workdir.resolve() and export.suffix == ".md"
    assert "Barrier serum launch" in export.read_text(encoding="utf-8")
    assert set(result["steps_s"]) == {"ready", "fit", "brief", "scroll", "export", "quit"}
