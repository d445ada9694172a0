"""The store's repository API: the only code that talks to Chroma collections.

Three collections:
- ``posts``: one document per post, metadata carries the creator and the metrics (``None`` metrics are omitted,
  Chroma metadata has no null);
- ``guide_sections``: one document per voice-guide section, with its brand and heading path;
- ``catalog``: the parsed ``VoiceGuide`` of each brand and the ``InfluencerProfile`` of each creator, as JSON.
  It always uses the offline hashing embedding, so switching embeddings never strands the catalog.

Writes are all-or-nothing from the caller's view: if a batch fails midway, what this call added is deleted and
what it changed is restored, so a failed ingest leaves the store as it was.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from assistant.config import Settings
from assistant.errors import EmbeddingMismatchError, NotFoundError, StoreUnavailableError
from assistant.models import (
    BrandSummary,
    InfluencerProfile,
    InfluencerSummary,
    Post,
    SearchHit,
    VoiceGuide,
    normalise_handle,
)

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
        # No count() first: it costs a round trip per search, and Chroma answers an empty collection with [].
        result = collection.query(
            query_texts=[query],
            n_results=k,
            where={"brand": brand.lower()} if brand else None,
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
        """Store a creator's posts. Same ids -> nothing changes; changed metrics -> updated in place."""
        collection = self._collection(POSTS)
        handle = profile.handle
        for post in posts:
            if post.influencer != handle:
                raise ValueError(f"post {post.id} belongs to {post.influencer}, not {handle}")
        batch = self.max_batch
        ids = [p.id for p in posts]
        existing: dict[str, tuple[str, dict[str, Any]]] = {}
        for chunk in _chunks(ids, batch):
            got = collection.get(ids=list(chunk), include=["documents", "metadatas"])
            existing.update(zip(got["ids"], zip(got["documents"], got["metadatas"])))

        # Each entry is (post, its metadata): the metadata is built once and reused for the write.
        new_posts: list[tuple[Post, dict[str, Any]]] = []
        changed_posts: list[tuple[Post, dict[str, Any]]] = []
        for post in posts:
            meta = post_metadata(post)
            if post.id not in existing:
                new_posts.append((post, meta))
            elif existing[post.id] != (post.text, meta):
                changed_posts.append((post, meta))

        catalog = self._collection(CATALOG)
        old_profile = catalog.get(ids=[f"influencer:{handle}"], include=["documents", "metadatas"])
        merged = self._merge_profile(profile, old_profile)
        written: list[str] = []
        total, done = len(new_posts) + len(changed_posts), 0
        try:
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
            catalog.upsert(
                ids=[f"influencer:{handle}"],
                documents=[merged.model_dump_json()],
                metadatas=[{"kind": "influencer", "handle": handle}],
            )
        except Exception as exc:
            self._rollback_posts(written, [p for p, _ in changed_posts], existing, old_profile, handle)
            raise StoreUnavailableError(f"Writing posts for @{handle} failed and was rolled back: {exc}") from exc
        return WriteResult(added=len(new_posts), updated=len(changed_posts), unchanged=len(posts) - total)

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
        slug = normalise_handle(handle)
        got = self._collection(CATALOG).get(ids=[f"influencer:{slug}"], include=["documents"])
        if not got["ids"]:
            known = ", ".join("@" + i.handle for i in self.list_influencers()) or "none yet"
            raise NotFoundError(
                f"No creator '@{slug}' in the store (creators: {known}). Add one with "
                "`assistant ingest posts PATH --influencer HANDLE`."
            )
        return InfluencerProfile.model_validate_json(got["documents"][0])

    def list_profiles(self) -> list[InfluencerProfile]:
        """Every creator's profile, by handle: one catalog read (no post counts, unlike ``list_influencers``)."""
        got = self._collection(CATALOG).get(where={"kind": "influencer"}, include=["documents"])
        return sorted((InfluencerProfile.model_validate_json(doc) for doc in got["documents"]), key=lambda p: p.handle)

    def list_influencers(self) -> list[InfluencerSummary]:
        posts = self._collection(POSTS)
        return [
            InfluencerSummary(
                **profile.model_dump(), posts=len(posts.get(where={"influencer": profile.handle}, include=[])["ids"])
            )
            for profile in self.list_profiles()
        ]

    def get_posts(self, handle: str) -> list[Post]:
        """All posts of a creator, oldest first (undated last)."""
        slug = normalise_handle(handle)
        got = self._collection(POSTS).get(where={"influencer": slug}, include=["documents", "metadatas"])
        posts = [post_from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        far_future = datetime.max.replace(tzinfo=timezone.utc)
        return sorted(posts, key=lambda p: (p.created_at or far_future, p.id))

    def existing_post_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        found: set[str] = set()
        for chunk in _chunks(wanted, self.max_batch):
            found.update(self._collection(POSTS).get(ids=list(chunk), include=[])["ids"])
        return found

    def search_posts(self, query: str, *, influencer: str | None = None, k: int = 8) -> list[SearchHit]:
        collection = self._collection(POSTS)
        # No count() first: it costs a round trip per search, and Chroma answers an empty collection with [].
        result = collection.query(
            query_texts=[query],
            n_results=k,
            where={"influencer": normalise_handle(influencer)} if influencer else None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            SearchHit(kind="post", id=pid, text=doc, score=_similarity(dist), influencer=meta.get("influencer"))
            for pid, doc, meta, dist in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
            )
        ]

    def is_empty(self) -> bool:
        return self._collection(CATALOG).count() == 0

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
