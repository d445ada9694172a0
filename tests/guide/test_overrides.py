"""Corrections to a read guide: the per-brand override file, validated, applied on read, kept across re-ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.guide import parse_guide_text
from assistant.guide.overrides import apply_override, load_override, override_path, template
from tests.paths import REAL_GUIDES

GUIDE = "# Style\n\n- Use contractions.\n- Read this before you start.\n\n## Words we avoid\n\n- epic\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_override_edits_lists_rules_and_scalars(tmp_path):
    guide = parse_guide_text(GUIDE, brand="acme")
    path = write(tmp_path / "acme.toml", (
        'name = "Acme Outdoors"\nadd_avoided_words = ["insane"]\nremove_rules = ["Read this"]\n'
        'add_counter_examples = ["BEST. GEAR. EVER."]\n'
        '[[rules]]\ntext = "Use contractions."\ncheck = "contractions"\npolarity = "avoid"\n'
        '[[rules]]\ntext = "At most two emoji."\nkind = "dont"\ncheck = "emoji"\npolarity = "limit"\nlimit = 2\n'
    ))
    fixed = apply_override(guide, load_override(path))
    assert fixed.name == "Acme Outdoors"
    assert fixed.avoided_words == ["epic", "insane"]
    assert fixed.counter_examples == ["BEST. GEAR. EVER."]
    assert [(r.text, r.check, r.polarity) for r in fixed.rules] == [
        ("Use contractions.", "contractions", "avoid"),  # retyped in place
        ("At most two emoji.", "emoji", "limit"),  # added
    ]
    assert guide.name != fixed.name  # the guide as read is left alone


def test_template_is_a_valid_empty_override(tmp_path):
    guide = parse_guide_text(GUIDE, brand="acme")
    override = load_override(write(tmp_path / "acme.toml", template(guide)))
    assert apply_override(guide, override) == guide


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('name = "x"\nvoice_attribute = ["Warm"]\n', 2, "unknown key 'voice_attribute'"),
        ('name = "x"\n[[rules]]\ntext = "No emoji."\ncheck = "emojis"\n', 4, "rules.0.check"),
        ('name = "x"\nadd_avoided_words = ["a",\n', 2, "not valid TOML"),
    ],
)
def test_a_bad_override_is_one_error_naming_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "acme.toml", text)
    with pytest.raises(InputError) as caught:
        load_override(path)
    assert caught.value.path == str(path) and caught.value.line == line
    assert message in str(caught.value)


def test_no_file_is_no_override(tmp_path):
    assert load_override(tmp_path / "none.toml") is None


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("assistant")
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]
    return subprocess.run([*exe, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120)


def test_guide_show_and_edit_through_the_cli(tmp_path, isolated_env):
    data = Path(os.environ["ASSISTANT_DATA_DIR"])
    editor = write(tmp_path / "editor.py", (
        "import sys\nopen(sys.argv[1], 'a').write('\\nadd_avoided_words = [\"synergy\"]\\n')\n"
    ))
    env = {"EDITOR": f"{sys.executable} {editor}"}
    assert _cli("ingest", "guide", str(REAL_GUIDES / "twilio.md"), env=env).returncode == 0
    shown = _cli("guide", "show", "twilio", env=env)
    assert shown.returncode == 0 and "Never suggest or claim" in shown.stdout and "claims" in shown.stdout
    assert _cli("guide", "edit", "twilio", env=env).returncode == 0
    assert override_path(data, "twilio").exists()
    # Re-ingesting the guide keeps the correction.
    assert _cli("ingest", "guide", str(REAL_GUIDES / "twilio.md"), env=env).returncode == 0
    read = json.loads(_cli("guide", "show", "twilio", "--json", env=env).stdout)
    assert "synergy" in read["avoided_words"] and read["version"].startswith("guide-reader-")
    assert read["override_file"] == str(override_path(data, "twilio"))
    # A broken file: one error naming the file and line, non-zero exit.
    write(override_path(data, "twilio"), 'name = "x"\nbogus = 1\n')
    failed = _cli("guide", "show", "twilio", env=env)
    assert failed.returncode != 0 and f"{override_path(data, 'twilio')}:2" in failed.stderr
