"""The store's repository API: the only code that talks to Chroma collections.

Three collections:
- ``posts``: one document per post, metadata carries the creator and the metrics (``None`` metrics are omitted,
  Chroma metadata has no null);
- ``guide_sections``: one document per voice-guide section, with its brand and heading path;
- ``catalog``: the parsed ``VoiceGuide`` of each brand and the ``InfluencerProfile`` of each creator, as JSON.
  It always uses the offline hashing embedding, so switching embeddings never strands the catalog.

Writes are all-or-nothing from the caller's view: if a batch fails midway, what this call added is deleted and
what it changed is restored, so a failed ingest leaves the store as it was.

A process killed mid-ingest (``kill -9``, a power cut) can't roll back, so new posts are written under an
"ingest in progress" marker: a ``catalog`` record ``ingest:<token>`` (state ``pending``) written before the first
post, each new post carrying ``ingest=<token>`` in its metadata, and every read leaving out posts of a pending
ingest. The creator's profile and the marker's ``done`` state are written in one upsert at the end: that is the
commit. The next ingest of the same creator deletes what a killed one left (under the store lock, so that ingest
is known to be dead; on a shared server, when its process is gone or it is an hour old) and writes the feed
again, so a re-run completes it.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from assistant.config import Settings
from assistant.store.locks import store_lock
from assistant.errors import EmbeddingMismatchError, NotFoundError, StoreUnavailableError, StoredDataError
from assistant.models import (
    BrandSummary,
    InfluencerProfile,
    InfluencerSummary,
    Post,
    SearchHit,
    VoiceGuide,
    normalise_handle,
)

INGEST_KEY = "ingest"  # post metadata: the token of the ingest that added the post
STALE_INGEST_SECONDS = 3600  # shared server: an unfinished ingest from another machine this old has died
POSTS = "posts"
GUIDE_SECTIONS = "guide_sections"
CATALOG = "catalog"
_EMBEDDED_COLLECTIONS = (POSTS, GUIDE_SECTIONS)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WriteResult:
    added: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def post_metadata(post: Post) -> dict[str, Any]:
    meta: dict[str, Any] = {"influencer": post.influencer}
    if post.created_at is not None:
        created = post.created_at if post.created_at.tzinfo else post.created_at.replace(tzinfo=timezone.utc)
        meta["created_ts"] = int(created.timestamp())
        meta["created_at"] = created.isoformat()
    for key in ("likes", "comments", "shares", "views", "platform", "url", "sponsored", "source_id"):
        value = getattr(post, key)
        if value is not None:
            meta[key] = value
    return meta


def post_from_record(post_id: str, document: str, meta: dict[str, Any]) -> Post:
    created = meta.get("created_at")
    return Post(
        id=post_id,
        influencer=meta["influencer"],
        text=document,
        created_at=datetime.fromisoformat(created) if created else None,
        likes=meta.get("likes"),
        comments=meta.get("comments"),
        shares=meta.get("shares"),
        views=meta.get("views"),
        platform=meta.get("platform"),
        url=meta.get("url"),
        sponsored=meta.get("sponsored"),
        source_id=meta.get("source_id"),
    )


def _first_problem(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ()))
        return f"{field}: {first.get('msg')}, got {str(first.get('input'))[:40]}"
    return f"{type(exc).__name__}: {exc}"[:200]


def _profile_from_record(record_id: str, document: str) -> InfluencerProfile:
    try:
        return InfluencerProfile.model_validate_json(document)
    except ValueError as exc:
        handle = record_id.removeprefix("influencer:")
        raise StoredDataError(
            f"@{handle}'s profile in the store can't be read ({_first_problem(exc)}); re-ingest its posts with "
            f"`assistant ingest posts FILE --influencer {handle} --followers N`.",
            handle=handle,
        ) from exc


def _lookup_handle(handle: str) -> str:
    """A handle to look up; an empty one is a NotFoundError (a user error), not a ValueError."""
    try:
        return normalise_handle(handle or "")
    except ValueError:
        raise NotFoundError("No creator given: a creator handle can't be empty.") from None


def _similarity(distance: float) -> float:
    # Cosine distance is in [0, 2]; show a similarity in [0, 1].
    return max(0.0, min(1.0, 1.0 - float(distance)))


class Store:
    """Brands, guides, creators and posts in Chroma. Construct once per process; the client opens lazily."""

    def __init__(self, settings: Settings, client: Any | None = None, *, batch_size: int | None = None) -> None:
        self.settings = settings
        self._client = client
        self._batch_size = batch_size
        self._collections: dict[str, Any] = {}
        self._ef: Any | None = None
        # The chat calls the store from worker threads; opening the client or a collection twice at once fails.
        self._open_lock = threading.RLock()

    # Connection ------------------------------------------------------------------------------------
    @property
    def client(self) -> Any:
        if self._client is None:
            with self._open_lock:
                if self._client is None:
                    from assistant.store.client import build_client

                    self._client = build_client(self.settings)
        return self._client

    @property
    def embedding_function(self) -> Any:
        if self._ef is None:
            with self._open_lock:
                if self._ef is None:
                    from assistant.store.embeddings import build_embedding_function

                    self._ef = build_embedding_function(self.settings)
        return self._ef

    def _catalog_ef(self) -> Any:
        from assistant.store.embeddings import HashingEmbeddingFunction

        return HashingEmbeddingFunction()

    def _collection(self, name: str) -> Any:
        if name in self._collections:
            return self._collections[name]
        with self._open_lock:
            if name not in self._collections:
                self._collections[name] = self._open_collection(name)
        return self._collections[name]

    def _open_collection(self, name: str) -> Any:
        ef = self._catalog_ef() if name == CATALOG else self.embedding_function
        try:
            with store_lock(self.settings, "open"):  # two processes creating one collection at once collide
                collection = self.client.get_or_create_collection(
                    name=name, embedding_function=ef, configuration={"hnsw": {"space": "cosine"}}
                )
        except ValueError as exc:
            if "conflict" in str(exc).lower() or "embedding function" in str(exc).lower():
                raise EmbeddingMismatchError(
                    f"The store at {self.settings.store_location()} was built with a different embedding than the "
                    f"configured '{self.settings.embedding}' ({exc}). Run `assistant reindex` to re-embed it with "
                    "the configured one, or switch ASSISTANT_EMBEDDING back."
                ) from exc
            raise StoreUnavailableError(f"Can't open collection '{name}': {exc}") from exc
        return collection

    @property
    def max_batch(self) -> int:
        """Chroma's own limit (``get_max_batch_size``), or a smaller one asked for by the caller."""
        try:
            limit = max(1, int(self.client.get_max_batch_size()))
        except Exception:
            limit = 1000
        return min(limit, self._batch_size) if self._batch_size else limit

    # Guides --------------------------------------------------------------------------------------
    def add_guide(self, guide: VoiceGuide) -> WriteResult:
        """Store a parsed guide (replacing an earlier version of the same brand)."""
        with store_lock(self.settings, "write"):
            return self._add_guide(guide)

    def _add_guide(self, guide: VoiceGuide) -> WriteResult:
        sections = self._collection(GUIDE_SECTIONS)
        catalog = self._collection(CATALOG)
        previous = sections.get(where={"brand": guide.brand}, include=["documents", "metadatas"])
        previous_by_id = dict(zip(previous["ids"], zip(previous["documents"], previous["metadatas"])))
        old_catalog = catalog.get(ids=[f"brand:{guide.brand}"], include=["documents", "metadatas"])

        ids, docs, metas = [], [], []
        for section in guide.sections:
            ids.append(section.id)
            docs.append(section.text or section.title)
            metas.append(
                {
                    "brand": guide.brand,
                    "heading_path": json.dumps(section.heading_path),
                    "title": section.title,
                    "line": section.line,
                }
            )
        unchanged = sum(
            1 for i, d, m in zip(ids, docs, metas) if i in previous_by_id and previous_by_id[i] == (d, m)
        )
        stale = [i for i in previous_by_id if i not in set(ids)]
        try:
            for batch in _chunks(list(range(len(ids))), self.max_batch):
                sections.upsert(
                    ids=[ids[i] for i in batch], documents=[docs[i] for i in batch], metadatas=[metas[i] for i in batch]
                )
            if stale:
                sections.delete(ids=stale)
            catalog.upsert(
                ids=[f"brand:{guide.brand}"],
                documents=[guide.model_dump_json()],
                # The whole read guide (rules typed to checks) is the document; its version is metadata too.
                metadatas=[{"kind": "brand", "name": guide.name, "version": guide.version}],
            )
        except Exception as exc:
            self._restore_guide(guide.brand, ids, previous_by_id, old_catalog)
            raise StoreUnavailableError(f"Writing the guide for '{guide.brand}' failed and was rolled back: {exc}") from exc
        added = sum(1 for i in ids if i not in previous_by_id)
        return WriteResult(added=added, updated=len(ids) - added - unchanged, unchanged=unchanged)

    def _restore_guide(self, brand: str, new_ids: list[str], previous: dict[str, Any], old_catalog: dict[str, Any]) -> None:
        sections = self._collection(GUIDE_SECTIONS)
        catalog = self._collection(CATALOG)
        added = [i for i in new_ids if i not in previous]
        if added:
            sections.delete(ids=added)
        if previous:
            ids = list(previous)
            sections.upsert(ids=ids, documents=[previous[i][0] for i in ids], metadatas=[previous[i][1] for i in ids])
        if old_catalog["ids"]:
            catalog.upsert(ids=old_catalog["ids"], documents=old_catalog["documents"], metadatas=old_catalog["metadatas"])
        else:
            catalog.delete(ids=[f"brand:{brand}"])

    def get_guide(self, brand: str, *, corrected: bool = True) -> VoiceGuide:
        """The guide as read at ingest, with the brand's override file applied (unless ``corrected`` is False)."""
        slug = brand.strip().lower()
        got = self._collection(CATALOG).get(ids=[f"brand:{slug}"], include=["documents"])
        if not got["ids"]:
            known = ", ".join(b.slug for b in self.list_brands()) or "none yet"
            raise NotFoundError(f"No brand '{brand}' in the store (brands: {known}). Add one with `assistant ingest guide PATH`.")
        guide = VoiceGuide.model_validate_json(got["documents"][0])
        if not corrected:
            return guide
        from assistant.guide.overrides import apply_override, load_override, override_path

        return apply_override(guide, load_override(override_path(self.settings.data_dir, slug)))

    def list_brands(self) -> list[BrandSummary]:
        got = self._collection(CATALOG).get(where={"kind": "brand"}, include=["documents"])
        brands = []
        for doc in got["documents"]:
            guide = VoiceGuide.model_validate_json(doc)
            brands.append(BrandSummary(slug=guide.brand, name=guide.name, sections=len(guide.sections), source=guide.source))
        return sorted(brands, key=lambda b: b.slug)

    def search_guide(self, query: str, *, brand: str | None = None, k: int = 6) -> list[SearchHit]:
        collection = self._collection(GUIDE_SECTIONS)
        # Only brands in the catalog: a guide's catalog entry is written after its sections, so sections of a
        # first ingest that was killed midway stay out of sight (as posts of an unfinished ingest do).
        known = [i.removeprefix("brand:") for i in self._collection(CATALOG).get(where={"kind": "brand"}, include=[])["ids"]]
        wanted = [brand.strip().lower()] if brand else known
        wanted = [b for b in wanted if b in known]
        if not wanted:
            return []
        # No count() first: it costs a round trip per search, and Chroma answers an empty collection with [].
        result = collection.query(
            query_texts=[query],
            n_results=k,
            where={"brand": wanted[0]} if len(wanted) == 1 else {"brand": {"$in": wanted}},
            include=["documents", "metadatas", "distances"],
        )
        hits = []
        for sid, doc, meta, dist in zip(
            result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
        ):
            hits.append(
                SearchHit(
                    kind="guide",
                    id=sid,
                    text=doc,
                    score=_similarity(dist),
                    brand=meta.get("brand"),
                    heading_path=json.loads(meta.get("heading_path", "[]")),
                )
            )
        return hits

    # Creators and posts --------------------------------------------------------------------------
    def add_posts(self, profile: InfluencerProfile, posts: Sequence[Post], progress: Progress | None = None) -> WriteResult:
        """Store a creator's posts. Same ids -> nothing changes; changed metrics -> updated in place.

        New posts stay invisible to every read until the whole feed is written (see the module docstring).
        """
        handle = profile.handle
        for post in posts:
            if post.influencer != handle:
                raise ValueError(f"post {post.id} belongs to {post.influencer}, not {handle}")
        with store_lock(self.settings, "write"):
            self._clear_unfinished_ingests(handle)
            return self._add_posts(profile, posts, progress)

    def _add_posts(self, profile: InfluencerProfile, posts: Sequence[Post], progress: Progress | None) -> WriteResult:
        collection = self._collection(POSTS)
        handle = profile.handle
        batch = self.max_batch
        ids = [p.id for p in posts]
        existing: dict[str, tuple[str, dict[str, Any]]] = {}
        for chunk in _chunks(ids, batch):
            got = collection.get(ids=list(chunk), include=["documents", "metadatas"])
            existing.update(zip(got["ids"], zip(got["documents"], got["metadatas"])))

        # Each entry is (post, its metadata): the metadata is built once and reused for the write.
        token = uuid.uuid4().hex[:16]
        new_posts: list[tuple[Post, dict[str, Any]]] = []
        changed_posts: list[tuple[Post, dict[str, Any]]] = []
        for post in posts:
            meta = post_metadata(post)
            if post.id not in existing:
                meta[INGEST_KEY] = token
                new_posts.append((post, meta))
                continue
            stored_doc, stored_meta = existing[post.id]
            if INGEST_KEY in stored_meta:  # an updated post keeps the ingest that added it
                meta[INGEST_KEY] = stored_meta[INGEST_KEY]
            if (stored_doc, stored_meta) != (post.text, meta):
                changed_posts.append((post, meta))

        catalog = self._collection(CATALOG)
        old_profile = catalog.get(ids=[f"influencer:{handle}"], include=["documents", "metadatas"])
        merged = self._merge_profile(profile, old_profile)
        marker = f"ingest:{token}"
        written: list[str] = []
        total, done = len(new_posts) + len(changed_posts), 0
        try:
            if new_posts:
                catalog.upsert(ids=[marker], documents=[self._marker_doc(handle, len(new_posts))],
                               metadatas=[{"kind": "ingest", "state": "pending", "handle": handle}])
            for chunk in _chunks(new_posts, batch):
                collection.add(
                    ids=[p.id for p, _ in chunk], documents=[p.text for p, _ in chunk], metadatas=[m for _, m in chunk]
                )
                written.extend(p.id for p, _ in chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
            for chunk in _chunks(changed_posts, batch):
                collection.upsert(
                    ids=[p.id for p, _ in chunk], documents=[p.text for p, _ in chunk], metadatas=[m for _, m in chunk]
                )
                done += len(chunk)
                if progress:
                    progress(done, total)
            # The commit: the profile and the marker's "done" state in one write.
            commit_ids = [f"influencer:{handle}"] + ([marker] if new_posts else [])
            commit_docs = [merged.model_dump_json()] + ([self._marker_doc(handle, len(new_posts))] if new_posts else [])
            commit_metas: list[dict[str, Any]] = [{"kind": "influencer", "handle": handle}]
            if new_posts:
                commit_metas.append({"kind": "ingest", "state": "done", "handle": handle})
            catalog.upsert(ids=commit_ids, documents=commit_docs, metadatas=commit_metas)
        except Exception as exc:
            self._rollback_posts(written, [p for p, _ in changed_posts], existing, old_profile, handle)
            if new_posts:
                catalog.delete(ids=[marker])
            raise StoreUnavailableError(f"Writing posts for @{handle} failed and was rolled back: {exc}") from exc
        if new_posts:
            catalog.delete(ids=[marker])  # tidy only: a "done" marker left by a kill here hides nothing
        return WriteResult(added=len(new_posts), updated=len(changed_posts), unchanged=len(posts) - total)

    @staticmethod
    def _marker_doc(handle: str, posts: int) -> str:
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return json.dumps(
            {"handle": handle, "posts": posts, "started": started, "pid": os.getpid(), "host": socket.gethostname()}
        )

    def _is_dead(self, marker_doc: str) -> bool:
        """Whether the ingest that wrote a pending marker can't be running any more.

        Embedded store: we hold the store lock, so no other ingest runs. Shared server: the process is gone (same
        machine), or it started longer ago than any ingest takes (another machine).
        """
        if not self.settings.chroma_url:
            return True
        try:
            info = json.loads(marker_doc)
            if info.get("host") == socket.gethostname():
                os.kill(int(info["pid"]), 0)
                return False
            started = datetime.fromisoformat(info["started"])
        except ProcessLookupError:
            return True
        except PermissionError:  # the process exists (another user's)
            return False
        except (ValueError, KeyError, TypeError, OSError):
            return True
        return (datetime.now(timezone.utc) - started).total_seconds() > STALE_INGEST_SECONDS

    def _pending_ingests(self, handle: str | None = None) -> list[str]:
        """Tokens of ingests that started and never committed (running now, or killed)."""
        where: dict[str, Any] = {"$and": [{"kind": "ingest"}, {"state": "pending"}]}
        if handle is not None:
            where["$and"].append({"handle": handle})
        got = self._collection(CATALOG).get(where=where, include=[])
        return [record_id.removeprefix("ingest:") for record_id in got["ids"]]

    def incomplete_ingests(self) -> list[str]:
        """Handles of creators with an ingest that never finished (killed): its posts are hidden until a re-run."""
        got = self._collection(CATALOG).get(
            where={"$and": [{"kind": "ingest"}, {"state": "pending"}]}, include=["metadatas"]
        )
        return sorted({meta.get("handle", "?") for meta in got["metadatas"]})

    def _clear_unfinished_ingests(self, handle: str) -> None:
        """Delete what killed ingests of this creator left (called under the store lock: they are not running).

        Leftover "done" markers (a kill between the commit and the tidy-up) are deleted too.
        """
        catalog = self._collection(CATALOG)
        got = catalog.get(where={"$and": [{"kind": "ingest"}, {"handle": handle}]}, include=["documents", "metadatas"])
        if not got["ids"]:
            return
        posts = self._collection(POSTS)
        cleared = []
        for record_id, doc, meta in zip(got["ids"], got["documents"], got["metadatas"]):
            if meta.get("state") == "pending":
                if not self._is_dead(doc):
                    raise StoreUnavailableError(
                        f"Another ingest of @{handle} is still running against {self.settings.store_location()}; "
                        "wait for it to finish, then run this one again."
                    )
                posts.delete(where={INGEST_KEY: record_id.removeprefix("ingest:")})
            cleared.append(record_id)
        catalog.delete(ids=cleared)

    def _visible(self, where: dict[str, Any] | None) -> dict[str, Any] | None:
        """``where`` plus "not written by an unfinished ingest" (no extra clause when none is pending)."""
        pending = self._pending_ingests()
        if not pending:
            return where
        hidden = {INGEST_KEY: {"$nin": pending}}
        return hidden if where is None else {"$and": [where, hidden]}

    @staticmethod
    def _merge_profile(profile: InfluencerProfile, old: dict[str, Any]) -> InfluencerProfile:
        if not old["ids"]:
            return profile
        previous = InfluencerProfile.model_validate_json(old["documents"][0])
        # A later import without --followers keeps what we knew.
        update = {k: v for k, v in profile.model_dump().items() if v is not None}
        return previous.model_copy(update=update)

    def _rollback_posts(
        self,
        written: list[str],
        changed: list[Post],
        existing: dict[str, tuple[str, dict[str, Any]]],
        old_profile: dict[str, Any],
        handle: str,
    ) -> None:
        collection = self._collection(POSTS)
        for chunk in _chunks(written, self.max_batch):
            collection.delete(ids=list(chunk))
        restore = [p.id for p in changed]
        for chunk in _chunks(restore, self.max_batch):
            collection.upsert(
                ids=list(chunk),
                documents=[existing[i][0] for i in chunk],
                metadatas=[existing[i][1] for i in chunk],
            )
        catalog = self._collection(CATALOG)
        if old_profile["ids"]:
            catalog.upsert(ids=old_profile["ids"], documents=old_profile["documents"], metadatas=old_profile["metadatas"])
        else:
            catalog.delete(ids=[f"influencer:{handle}"])

    def upsert_profile(self, profile: InfluencerProfile) -> None:
        catalog = self._collection(CATALOG)
        old = catalog.get(ids=[f"influencer:{profile.handle}"], include=["documents", "metadatas"])
        merged = self._merge_profile(profile, old)
        catalog.upsert(
            ids=[f"influencer:{profile.handle}"],
            documents=[merged.model_dump_json()],
            metadatas=[{"kind": "influencer", "handle": profile.handle}],
        )

    def get_profile(self, handle: str) -> InfluencerProfile:
        slug = _lookup_handle(handle)
        got = self._collection(CATALOG).get(ids=[f"influencer:{slug}"], include=["documents"])
        if not got["ids"]:
            known = ", ".join("@" + i.handle for i in self.list_influencers()) or "none yet"
            raise NotFoundError(
                f"No creator '@{slug}' in the store (creators: {known}). Add one with "
                "`assistant ingest posts PATH --influencer HANDLE`."
            )
        return _profile_from_record(got["ids"][0], got["documents"][0])

    def list_profiles(self) -> list[InfluencerProfile]:
        """Every creator's profile, by handle: one catalog read (no post counts, unlike ``list_influencers``).

        A profile the store can't read is left out; ``read_profiles`` says which and why."""
        return [p for p in self.read_profiles() if isinstance(p, InfluencerProfile)]

    def read_profiles(self) -> list[InfluencerProfile | StoredDataError]:
        """Every creator's profile by handle, or the error that stops it being read (one catalog read)."""
        got = self._collection(CATALOG).get(where={"kind": "influencer"}, include=["documents", "metadatas"])
        entries: list[InfluencerProfile | StoredDataError] = []
        for record_id, doc in zip(got["ids"], got["documents"]):
            try:
                entries.append(_profile_from_record(record_id, doc))
            except StoredDataError as exc:
                entries.append(exc)
        return sorted(entries, key=lambda e: e.handle or "")

    def list_influencers(self) -> list[InfluencerSummary]:
        posts = self._collection(POSTS)
        hidden = self._visible(None)  # read the unfinished ingests once, not once per creator

        def visible(handle: str) -> dict[str, Any]:
            mine = {"influencer": handle}
            return mine if hidden is None else {"$and": [mine, hidden]}

        return [
            InfluencerSummary(**profile.model_dump(), posts=len(posts.get(where=visible(profile.handle), include=[])["ids"]))
            for profile in self.list_profiles()
        ]

    def get_posts(self, handle: str) -> list[Post]:
        """All posts of a creator, oldest first (undated last)."""
        slug = _lookup_handle(handle)
        got = self._collection(POSTS).get(where=self._visible({"influencer": slug}), include=["documents", "metadatas"])
        try:
            posts = [post_from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        except (ValueError, KeyError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
            raise StoredDataError(
                f"@{slug}'s posts in the store can't be read ({_first_problem(exc)}); re-ingest them with "
                f"`assistant ingest posts FILE --influencer {slug}`.",
                handle=slug,
            ) from exc
        far_future = datetime.max.replace(tzinfo=timezone.utc)
        return sorted(posts, key=lambda p: (p.created_at or far_future, p.id))

    def existing_post_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        found: set[str] = set()
        where = self._visible(None)
        for chunk in _chunks(wanted, self.max_batch):
            found.update(self._collection(POSTS).get(ids=list(chunk), where=where, include=[])["ids"])
        return found

    def search_posts(self, query: str, *, influencer: str | None = None, k: int = 8) -> list[SearchHit]:
        collection = self._collection(POSTS)
        # No count() first: it costs a round trip per search, and Chroma answers an empty collection with [].
        result = collection.query(
            query_texts=[query],
            n_results=k,
            where=self._visible({"influencer": _lookup_handle(influencer)} if influencer else None),
            include=["documents", "metadatas", "distances"],
        )
        return [
            SearchHit(kind="post", id=pid, text=doc, score=_similarity(dist), influencer=meta.get("influencer"))
            for pid, doc, meta, dist in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
            )
        ]

    def is_empty(self) -> bool:
        """No brand and no creator yet (an unfinished first ingest doesn't count)."""
        catalog = self._collection(CATALOG)
        if catalog.count() == 0:
            return True
        return not catalog.get(where={"kind": {"$in": ["brand", "influencer"]}}, limit=1, include=[])["ids"]

    def counts(self) -> dict[str, int]:
        return {name: self._collection(name).count() for name in (POSTS, GUIDE_SECTIONS, CATALOG)}

    # Re-embedding ----------------------------------------------------------------------------------
    def reindex(self, progress: Progress | None = None) -> dict[str, int]:
        """Re-embed posts and guide sections with the configured embedding.

        Builds a new collection beside the old one and swaps it in only when it is complete, so an interrupted
        reindex leaves the old collection usable.
        """
        counts: dict[str, int] = {}
        for name in _EMBEDDED_COLLECTIONS:
            counts[name] = self._reindex_collection(name, progress)
        self._collections.clear()
        return counts

    def _reindex_collection(self, name: str, progress: Progress | None) -> int:
        client = self.client
        existing_names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        if name not in existing_names:
            return 0
        # Read through the raw API (no embedding function involved): documents and metadata only.
        old = self._raw_collection(name)
        got = old.get(include=["documents", "metadatas"])
        temp_name = f"{name}-reindex"
        if temp_name in existing_names:
            client.delete_collection(temp_name)
        temp = client.create_collection(
            name=temp_name, embedding_function=self.embedding_function, configuration={"hnsw": {"space": "cosine"}}
        )
        total = len(got["ids"])
        for start in range(0, total, self.max_batch):
            end = start + self.max_batch
            temp.add(ids=got["ids"][start:end], documents=got["documents"][start:end], metadatas=got["metadatas"][start:end])
            if progress:
                progress(min(end, total), total)
        client.delete_collection(name)
        temp.modify(name=name)
        return total

    def _raw_collection(self, name: str) -> Any:
        """Open a collection whatever embedding made it, for reading documents and metadata only."""
        try:
            return self.client.get_collection(name=name)
        except Exception:
            return self.client.get_collection(name=name, embedding_function=self._catalog_ef())
