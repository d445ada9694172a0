"""The core services: one facade over ingest, store, analysis, drafting and history.

The CLI, the chat brain and the TUI all call these; none of them holds logic the others would need.
Nothing here imports Textual. Heavy modules load on first use.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.errors import AssistantError, InputError
from assistant.models import (
    MAX_COUNT,
    CampaignInputs,
    CheckReport,
    FitAssessment,
    InfluencerProfile,
    RankedCreator,
    SavedDraft,
    SearchHit,
    VoiceGuide,
    validate_brand_name,
    validate_brand_slug,
)

if TYPE_CHECKING:
    from assistant.history import HistoryDB
    from assistant.store import Store, WriteResult

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoLoadResult:
    brands: list[str]
    influencers: list[str]
    posts_added: int

    def as_dict(self) -> dict[str, Any]:
        return {"brands": self.brands, "influencers": self.influencers, "posts_added": self.posts_added}


class Services:
    """Everything a face can ask the assistant to do."""

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        self._store = store
        self._local = threading.local()

    @property
    def store(self) -> Store:
        if self._store is None:
            from assistant.store import Store

            self._store = Store(self.settings)
        return self._store

    @property
    def history(self) -> HistoryDB:
        # sqlite3 connections belong to one thread; the TUI calls from worker threads.
        db = getattr(self._local, "history", None)
        if db is None:
            from assistant.history import HistoryDB

            db = HistoryDB(self.settings.db_path)
            self._local.history = db
        return db

    # Ingest ----------------------------------------------------------------------------------------
    def ingest_guide(self, path: Path, *, brand: str | None = None, name: str | None = None) -> tuple[VoiceGuide, WriteResult]:
        from assistant.ingest import read_guide

        brand, name = _checked_brand(Path(path), brand, name)
        guide = read_guide(Path(path), brand=brand, name=name)
        title_line = next((s.line for s in guide.sections if len(s.heading_path) == 1), None)
        _checked_brand(Path(path), guide.brand, guide.name, derived=True, line=title_line)
        return guide, self.store.add_guide(guide)

    def ingest_posts(
        self,
        path: Path,
        influencer: str,
        *,
        followers: int | None = None,
        platform: str | None = None,
        niche: str | None = None,
        fmt: str | None = None,
        progress: Progress | None = None,
        write_progress: Progress | None = None,
    ) -> tuple[InfluencerProfile, WriteResult]:
        from assistant.ingest import read_posts
        from assistant.ingest.post_builder import check_influencer

        handle = check_influencer(Path(path), influencer)
        if followers is not None and not 0 <= followers <= MAX_COUNT:
            raise InputError(path, f"--followers must be from 0 to {MAX_COUNT:,}, not {followers:,}")
        posts = read_posts(Path(path), handle, platform=platform, fmt=fmt, progress=progress)
        if platform is None:
            platform = next((p.platform for p in posts if p.platform), None)
        profile = InfluencerProfile(handle=handle, followers=followers, platform=platform, niche=niche)
        return profile, self.store.add_posts(profile, posts, progress=write_progress)

    def load_demo(self) -> DemoLoadResult:
        """Load the bundled guides and creator feeds. Idempotent: a second run adds nothing."""
        from assistant.resources import demo_feeds_dir, voice_guides_dir

        brands = []
        for guide_path in sorted(voice_guides_dir().glob("*.md")):
            guide, _ = self.ingest_guide(guide_path)
            brands.append(guide.brand)
        roster_path = demo_feeds_dir() / "roster.json"
        roster = json.loads(roster_path.read_text(encoding="utf-8"))
        added, handles = 0, []
        for entry in roster:
            profile, result = self.ingest_posts(
                demo_feeds_dir() / entry["file"],
                entry["handle"],
                followers=entry.get("followers"),
                platform=entry.get("platform"),
                niche=entry.get("niche"),
                fmt="json",
            )
            if entry.get("display_name"):
                self.store.upsert_profile(profile.model_copy(update={"display_name": entry["display_name"]}))
            added += result.added
            handles.append(profile.handle)
        return DemoLoadResult(brands=brands, influencers=handles, posts_added=added)

    def ensure_demo(self) -> DemoLoadResult | None:
        """Load the demo data when the store is empty (first run). Returns what was loaded, or None."""
        if self.store.is_empty():
            return self.load_demo()
        return None

    # What was read from a guide -------------------------------------------------------------------
    def guide_show(self, brand: str) -> tuple[VoiceGuide, Path | None]:
        """The stored guide with its corrections applied, and the override file when there is one."""
        from assistant.guide.overrides import override_path

        guide = self.store.get_guide(brand)
        path = override_path(self.settings.data_dir, guide.brand)
        return guide, path if path.exists() else None

    def guide_override_file(self, brand: str) -> Path:
        """The brand's override file, created from a commented template when it doesn't exist yet."""
        from assistant.guide.overrides import override_path, template

        guide = self.store.get_guide(brand, corrected=False)
        path = override_path(self.settings.data_dir, guide.brand)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(template(guide), encoding="utf-8")
        return path

    def validate_guide_override(self, path: Path) -> None:
        """Raise an InputError naming the file and line when the override file is not valid."""
        from assistant.guide.overrides import load_override

        load_override(path)

    # Lookup ----------------------------------------------------------------------------------------
    def search(self, query: str, *, brand: str | None = None, influencer: str | None = None, k: int = 8) -> list[SearchHit]:
        """The closest guide sections and posts, best first; hits that don't match the query at all are left out."""
        if brand and influencer:
            raise AssistantError("Search a brand's guide or a creator's posts, not both at once.")
        if brand:
            hits = self.store.search_guide(query, brand=brand, k=k)
        elif influencer:
            hits = self.store.search_posts(query, influencer=influencer, k=k)
        else:
            hits = self.store.search_guide(query, k=k) + self.store.search_posts(query, k=k)
            hits = sorted(hits, key=lambda h: h.score, reverse=True)[:k]
        if self.settings.embedding == "hashing":
            # A semantic embedding finds matches that share no word; the offline one only finds those that do.
            from assistant.language.hashing import shares_a_word

            hits = [h for h in hits if shares_a_word(query, h.text)]
        return hits

    # Analysis --------------------------------------------------------------------------------------
    def fit(self, brand: str, influencer: str) -> FitAssessment:
        from assistant.analysis import assess_fit

        guide = self.store.get_guide(brand)
        profile = self.store.get_profile(influencer)
        return assess_fit(guide, profile, self.store.get_posts(profile.handle))

    def rank(self, brand: str, *, top: int | None = None) -> list[RankedCreator]:
        """Every creator ranked for the brand; a creator whose stored data can't be read or assessed is reported
        on its own row (``error``) and the others are still ranked."""
        from assistant.analysis import rank_creators
        from assistant.errors import StoredDataError

        guide = self.store.get_guide(brand)
        creators, failed = [], []
        # read_profiles, not list_influencers: the ranking doesn't need post counts (one Chroma read per creator).
        for entry in self.store.read_profiles():
            if isinstance(entry, StoredDataError):
                failed.append((entry.handle or "?", str(entry)))
                continue
            try:
                creators.append((entry, self.store.get_posts(entry.handle)))
            except StoredDataError as exc:
                failed.append((entry.handle, str(exc)))
        return rank_creators(guide, creators, top=top, failed=failed)

    def check(self, brand: str, text: str) -> CheckReport:
        from assistant.analysis import check_text

        if not text.strip():
            raise AssistantError("Nothing to check: the text is empty.")
        return check_text(self.store.get_guide(brand), text)

    # Drafting --------------------------------------------------------------------------------------
    def _drafting_inputs(self, brand: str, influencer: str) -> tuple[VoiceGuide, InfluencerProfile, list, FitAssessment]:
        from assistant.analysis import assess_fit

        guide = self.store.get_guide(brand)
        profile = self.store.get_profile(influencer)
        posts = self.store.get_posts(profile.handle)
        return guide, profile, posts, assess_fit(guide, profile, posts)

    def drafting_engine(self) -> Any:
        """The LLM engine when a provider is configured, else None (the offline engine)."""
        if self.settings.effective_provider == "offline":
            return None
        from assistant.drafting import LLMDraftingEngine

        return LLMDraftingEngine(self.settings)

    def brief(
        self, brand: str, influencer: str, inputs: CampaignInputs, *, conversation_id: str | None = None, engine: Any = None
    ) -> SavedDraft:
        from assistant.drafting import draft_brief, render_brief_markdown
        from assistant.drafting.campaign import capitalise

        guide, profile, posts, assessment = self._drafting_inputs(brand, influencer)
        brief = draft_brief(guide, profile, posts, assessment, inputs, engine=engine or self.drafting_engine())
        return self.history.save_draft(
            "brief",
            brief,
            render_brief_markdown(brief),
            inputs.model_dump(mode="json"),
            title=f"Brief: {capitalise(inputs.campaign)} (@{profile.handle} × {guide.name})",
            conversation_id=conversation_id,
        )

    def outreach(
        self,
        brand: str,
        influencer: str,
        inputs: CampaignInputs,
        *,
        channel: str = "dm",
        conversation_id: str | None = None,
        engine: Any = None,
    ) -> SavedDraft:
        from assistant.drafting import draft_outreach, render_outreach_markdown

        guide, profile, posts, assessment = self._drafting_inputs(brand, influencer)
        message = draft_outreach(
            guide, profile, posts, assessment, inputs, channel=channel, engine=engine or self.drafting_engine()
        )
        return self.history.save_draft(
            "outreach",
            message,
            render_outreach_markdown(message),
            {**inputs.model_dump(mode="json"), "channel": channel},
            title=f"{'Email' if channel == 'email' else 'DM'} to @{profile.handle} for {guide.name}",
            conversation_id=conversation_id,
        )

    def export_draft(self, draft_id: str, path: Path) -> Path:
        """Write a saved draft's Markdown to a file (atomically: a temp file renamed into place)."""
        draft = self.history.get_draft(draft_id)
        return write_text_atomic(Path(path), draft.markdown)

    # Maintenance -----------------------------------------------------------------------------------
    def reindex(self, progress: Progress | None = None) -> dict[str, int]:
        return self.store.reindex(progress=progress)


def _checked_brand(
    path: Path, brand: str | None, name: str | None, *, derived: bool = False, line: int | None = None
) -> tuple[str | None, str | None]:
    """The brand slug and display name, validated (``derived``: read from the file rather than given), or an
    InputError naming the file."""
    try:
        if brand is not None:
            brand = validate_brand_slug(brand)
        if name is not None:
            name = validate_brand_name(name)
    except ValueError as exc:
        source = "the guide's title or file name" if derived else "--brand/--name"
        raise InputError(
            path, f"{exc} ({source}); pass --brand SLUG and --name NAME to choose them", line=line if derived else None
        ) from None
    return brand, name


def write_text_atomic(path: Path, text: str) -> Path:
    """Write text so that a crash leaves either the old file or the new one, never half of it."""
    import os
    import tempfile

    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path.resolve()


def read_text_file(path: Path) -> str:
    """A text file's content (UTF-8, or the encoding detected, as for every input file), or an InputError naming
    the file and the line of the problem."""
    from assistant.ingest.textfile import decode_text, read_bytes

    path = Path(path)
    return decode_text(path, read_bytes(path))
