"""Where the config file lives. Kept free of pydantic so the chat can read its theme before settings load."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "assistant"


def default_config_file() -> Path:
    override = os.environ.get("ASSISTANT_CONFIG_FILE")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"
