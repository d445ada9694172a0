"""Files that aren't UTF-8 are read in the encoding charset-normalizer detects, and the user is told which."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import read_posts
from assistant.ingest.textfile import collect_notices
from tests.reliability.helpers import run_cli

WESTERN = ["Crème brûlée — “très” bon", "Naïve café, 5 € a cup", "Straße und Käse, schön"]
RUSSIAN = ["Привет, друзья! Сегодня идём в горы", "Новая куртка от дождя отлично держит воду",
           "Утренняя пробежка у реки, потом кофе"]


@pytest.mark.parametrize(
    ("encoding", "captions", "named"),
    [
        ("cp1252", WESTERN, "Windows-1252"),
        ("cp1251", RUSSIAN, "Windows-1251"),
        ("utf-8-sig", WESTERN + RUSSIAN, None),  # a BOM says UTF-8: no notice needed
        ("utf-16", WESTERN + RUSSIAN, None),  # a BOM says UTF-16
    ],
)
def test_captions_survive_the_encoding(encoding: str, captions: list[str], named: str | None, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = "caption,likes\n" + "".join(f'"{c}",{i}\n' for i, c in enumerate(captions))
    path.write_bytes(text.encode(encoding))
    with collect_notices() as notices:
        posts = read_posts(path, "ann")
    assert [p.text for p in posts] == captions
    if named:
        assert notices == [f"export.csv is not UTF-8: read it as {named} (detected). If the text looks wrong, "
                           "re-save the file as UTF-8."]
    else:
        assert notices == []


def test_the_cli_says_which_encoding_it_used(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(("caption;likes\n" + "".join(f"{c};{i}\n" for i, c in enumerate(WESTERN))).encode("cp1252"))
    result = run_cli(tmp_path / "data", "ingest", "posts", str(path), "-i", "ann")
    assert result.returncode == 0, result.stderr
    assert "Note: excel.csv is not UTF-8: read it as Windows-1252 (detected)." in result.stderr
    assert "@ann: 3 posts read" in result.stdout
