"""Unicode handles keep working end to end, and an invented post id is caught for them as for ASCII ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.llm.grounding import drop_unknown_citations, extract_post_ids
from assistant.services import Services

HANDLES = ["ñandú_fit", "東京ガール", "маша.пишет", "हिंदी_क्रिएटर"]


@pytest.mark.parametrize("handle", HANDLES)
def test_a_unicode_handle_ingests_and_its_post_ids_are_checked(handle: str, tmp_path: Path) -> None:
    services = Services(Settings(data_dir=tmp_path / "data"))
    feed = tmp_path / "feed.csv"
    feed.write_text("caption,likes\nMorning walk by the river,4\nRain shell test in the hills,9\n", encoding="utf-8")
    profile, result = services.ingest_posts(feed, "@" + handle.upper())
    assert profile.handle == handle and result.added == 2
    assert {i.handle for i in services.store.list_influencers()} == {handle}
    real = [p.id for p in services.store.get_posts(handle)]
    assert all(pid.startswith(handle + "-") for pid in real)

    invented = f"{handle}-0123456789ab"
    reply = f"See [post:{real[0]}] and also [post:{invented}], or {invented} itself."
    assert extract_post_ids(reply) == [real[0], invented]
    cleaned, dropped = drop_unknown_citations(reply, services.store.existing_post_ids(real + [invented]))
    assert dropped == [invented]
    assert real[0] in cleaned and invented not in cleaned
