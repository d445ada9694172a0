"""Per-brand corrections to a read guide: a TOML file in the data dir, applied every time the guide is read.

The file is ``<data dir>/guide_overrides/<brand>.toml`` (``assistant guide edit BRAND`` opens it in $EDITOR,
creating it from a commented template). It lives beside the store, not inside it, so re-ingesting the guide
keeps it; the store applies it in ``get_guide``. Its keys are the fields of ``assistant.models.GuideOverride``:

    name = "Acme"                              # replaces what was read
    voice_attributes = ["Warm", "Direct"]      # replaces the list; add_/remove_voice_attributes edit it
    add_avoided_words = ["epic", "insane"]
    remove_rules = ["Read this before you write anything"]   # drops rules whose text matches
    [[rules]]                                  # adds a rule, or retypes the rule with the same text
    text = "Use at most two emoji."
    kind = "dont"                              # do | dont | hard_limit
    check = "emoji"                            # one of CheckKind, see assistant/models/records.py
    polarity = "limit"                         # prefer | avoid | limit
    limit = 2

A file that isn't valid TOML, or has an unknown key or a bad value, is one InputError naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.models.guide_override import GuideOverride
from assistant.models.records import GuideRule, VoiceGuide

OVERRIDES_DIR = "guide_overrides"


def override_path(data_dir: Path, brand: str) -> Path:
    return Path(data_dir) / OVERRIDES_DIR / f"{brand.strip().lower()}.toml"


def load_override(path: Path) -> GuideOverride | None:
    """The override in ``path`` (None when there is no file), validated; errors name the file and line."""
    path = Path(path)
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = len(text.rstrip("\n").splitlines()) or 1
        message = re.sub(r" [(]at (line|end of document).*$", "", str(exc))
        raise InputError(path, f"is not valid TOML: {message}", line=line) from exc
    try:
        return GuideOverride.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = [str(p) for p in error["loc"]]
        key = next((p for p in reversed(loc) if not p.isdigit()), loc[0] if loc else "")
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown key '{key}' (keys: {', '.join(GuideOverride.model_fields)})"
        else:
            message = f"'{'.'.join(loc)}': {message}"
        raise InputError(path, message, line=_line_of(text, key)) from exc


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*\[*\s*{re.escape(key)}\s*[\]=]", line):
            return number
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()).strip(" .") == " ".join(b.casefold().split()).strip(" .")


def _edit(values: list[str], replace: list[str] | None, add: list[str], remove: list[str]) -> list[str]:
    result = list(replace) if replace is not None else list(values)
    result = [v for v in result if not any(_same(v, r) for r in remove)]
    result += [a for a in add if not any(_same(a, v) for v in result)]
    return result


def apply_override(guide: VoiceGuide, override: GuideOverride | None) -> VoiceGuide:
    """``guide`` with the corrections applied (a new object; the stored guide is left as read)."""
    if override is None:
        return guide
    rules = [r for r in guide.rules if not any(_same(r.text, t) or r.text.casefold().startswith(t.casefold().strip())
                                               for t in override.remove_rules)]
    for entry in override.rules:
        fields = entry.model_dump()
        at = next((i for i, r in enumerate(rules) if _same(r.text, entry.text)), None)
        if at is None:
            rules.append(GuideRule(section_id=f"{guide.brand}#override", **fields))
        else:
            rules[at] = rules[at].model_copy(update=fields)
    update = {
        "voice_attributes": _edit(guide.voice_attributes, override.voice_attributes, override.add_voice_attributes,
                                  override.remove_voice_attributes),
        "preferred_words": _edit(guide.preferred_words, override.preferred_words, override.add_preferred_words,
                                 override.remove_preferred_words),
        "avoided_words": _edit(guide.avoided_words, override.avoided_words, override.add_avoided_words,
                               override.remove_avoided_words),
        "example_copy": _edit(guide.example_copy, None, override.add_examples, override.remove_examples),
        "counter_examples": _edit(guide.counter_examples, None, override.add_counter_examples, []),
        "rules": rules,
    }
    for key in ("name", "sells", "about", "topics"):
        value = getattr(override, key)
        if value is not None:
            update[key] = value
    return guide.model_copy(update=update)


def template(guide: VoiceGuide) -> str:
    """A new override file: what each key does, all commented out, with this guide's values as hints."""
    attrs = ", ".join(f'"{a}"' for a in guide.voice_attributes)
    return f"""# Corrections to what the assistant read from the voice guide of {guide.name} ({guide.brand}).
# Applied every time the guide is used; kept when the guide is ingested again.
# See what was read with: assistant guide show {guide.brand}
# Every key is optional. Lists replace what was read; add_* and remove_* edit it instead.

# name = "{guide.name}"
# sells = "{guide.sells}"
# voice_attributes = [{attrs}]
# add_voice_attributes = []
# remove_voice_attributes = []
# add_avoided_words = []
# remove_avoided_words = []
# add_preferred_words = []
# remove_preferred_words = []
# add_examples = []
# add_counter_examples = []
# remove_examples = []
# remove_rules = []          # rule texts (or their beginnings) to drop

# Add a rule, or retype the rule with the same text:
# [[rules]]
# text = "Use at most two emoji per post."
# kind = "dont"              # do | dont | hard_limit
# check = "emoji"            # contractions, active_voice, exclamation, capitals, hype, jargon, sentence_length,
#                            # reading_level, person, sentence_case, emoji, hashtags, slang, profanity, claims, words
# polarity = "limit"         # prefer | avoid | limit
# limit = 2
# words = []
"""
