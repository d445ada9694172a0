"""The catalogue copy in the data dir: brands and creators read without opening Chroma, never stale."""

from __future__ import annotations

import json
import subprocess
import sys

from assistant.config import Settings
from assistant.services import Services
from assistant.store import Store, catalog_file
from assistant.models import InfluencerProfile
from tests.store.test_store import make_guide, make_posts

LIST_WITHOUT_CHROMA = (
    "import sys; from assistant.config import Settings; from assistant.store import Store; s = Store(Settings()); "
    "print([b.slug for b in s.list_brands()], [(i.handle, i.posts) for i in s.list_influencers()]); "
    "print(sorted({m.split('.')[0] for m in sys.modules} & {'chromadb', 'numpy', 'onnxruntime'}))"
)


def _list_in_a_new_process() -> list[str]:
    out = subprocess.run([sys.executable, "-c", LIST_WITHOUT_CHROMA], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def test_after_ingest_brands_and_creators_are_read_without_chroma(settings: Settings) -> None:
    store = Store(settings)
    store.add_guide(make_guide("northwind"))
    store.add_posts(InfluencerProfile(handle="trailtom", followers=3), make_posts("trailtom", 4))
    store.refresh_catalog_file()
    assert catalog_file.read(settings) is not None
    listed, heavy = _list_in_a_new_process()
    assert listed == "['northwind'] [('trailtom', 4)]"
    assert heavy == "[]"


def test_a_write_the_copy_did_not_see_is_never_read_from_it(settings: Settings) -> None:
    store = Store(settings)
    store.add_guide(make_guide("northwind"))
    store.refresh_catalog_file()
    kept = json.loads(catalog_file.path_for(settings).read_text())
    # Another writer (a killed ingest, an older version) adds a creator and leaves the old copy in place.
    store.add_posts(InfluencerProfile(handle="maya"), make_posts("maya", 2))
    catalog_file.path_for(settings).write_text(json.dumps(kept))
    assert catalog_file.read(settings) is None  # the store's stamp moved
    assert [i.handle for i in Store(settings).list_influencers()] == ["maya"]
    assert catalog_file.read(settings) is not None  # rebuilt from the store


def test_a_missing_or_damaged_copy_is_rebuilt(settings: Settings) -> None:
    store = Store(settings)
    store.add_guide(make_guide("lumen"))
    assert [b.slug for b in store.list_brands()] == ["lumen"]  # no copy yet: read from the store, then kept
    path = catalog_file.path_for(settings)
    assert path.exists()
    data = json.loads(path.read_text())
    data["brands"] = [{"slug": None}]
    path.write_text(json.dumps(data))
    assert [b.slug for b in Store(settings).list_brands()] == ["lumen"]
    path.write_text("{not json")
    assert [b.slug for b in Store(settings).list_brands()] == ["lumen"]


def test_opening_the_store_does_not_make_the_copy_stale(settings: Settings) -> None:
    store = Store(settings)
    store.add_guide(make_guide("northwind"))
    store.add_posts(InfluencerProfile(handle="trailtom", followers=3), make_posts("trailtom", 4))
    store.refresh_catalog_file()
    code = "from assistant.config import Settings; from assistant.store import Store; Store(Settings()).counts()"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert catalog_file.read(settings) is not None


def test_services_ingest_keeps_the_copy_in_step(settings: Settings, tmp_path) -> None:
    services = Services(settings)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": p.text, "date": p.created_at.isoformat(), "likes": 5})
                              for p in make_posts("sam", 3)), encoding="utf-8")
    services.ingest_posts(feed, "sam", followers=1000)
    kept = catalog_file.read(settings)
    assert kept is not None and [(i["handle"], i["posts"]) for i in kept["influencers"]] == [("sam", 3)]


def test_no_copy_for_a_shared_server(settings: Settings) -> None:
    assert catalog_file.store_stamp(settings.model_copy(update={"chroma_url": "http://127.0.0.1:9"})) is None
