"""Each action once: resolve the names, call the service, return the result and its events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from assistant.errors import AssistantError, InputError, NotFoundError

if TYPE_CHECKING:
    from assistant.models.events import ChatEvent
    from assistant.models import CampaignInputs, CheckReport, FitAssessment, RankedCreator, SavedDraft
    from assistant.models.campaigns import CampaignReport, FansReport, ResultsImport, RosterPlan
    from assistant.services import Services

T = TypeVar("T")
GUIDE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
IngestKind = Literal["guide", "posts", "results"]


@dataclass
class ActionResult(Generic[T]):
    """What an action did: its value, the events a chat face shows for it, the brand and creator it was about
    (for the conversation's context), and a one-line summary (for a tool-call line)."""

    value: T
    events: list[ChatEvent] = field(default_factory=list)
    brand: str | None = None
    influencer: str | None = None
    summary: str = ""


@dataclass
class Ingested:
    kind: IngestKind
    value: Any  # (VoiceGuide, WriteResult), (InfluencerProfile, WriteResult) or ResultsImport


# Names -----------------------------------------------------------------------------------------------------


def resolve_brand(services: Services, name: str) -> str:
    """The slug of the brand ``name`` means: a slug, a display name, a prefix or a close spelling."""
    from assistant.actions.resolve import Catalog

    brands = services.store.list_brands()
    slug = name.strip().lower()
    if any(b.slug == slug for b in brands):
        return slug
    found = Catalog(brands=brands).brand_named(name)
    if found is None:
        known = ", ".join(b.slug for b in brands) or "none yet"
        raise NotFoundError(f"No brand '{name}' in the store (brands: {known}). Add one with `assistant ingest guide PATH`.")
    return found


def resolve_creator(services: Services, name: str) -> str:
    """The handle of the creator ``name`` means: a handle (with or without @), a display name, a close spelling."""
    from assistant.actions.resolve import Catalog

    profiles = services.store.list_profiles()
    handle = name.strip().lstrip("@").lower()
    if any(p.handle == handle for p in profiles):
        return handle
    found = Catalog(creators=profiles).creator_named(name)  # type: ignore[arg-type]
    if found is None or found.startswith("?"):
        known = ", ".join("@" + p.handle for p in profiles) or "none yet"
        raise NotFoundError(f"No creator '{name}' in the store (creators: {known}). Add one with "
                            "`assistant ingest posts FILE --influencer HANDLE`.")
    return found


# Analysis --------------------------------------------------------------------------------------------------


def fit(services: Services, brand: str, influencer: str) -> ActionResult[FitAssessment]:
    from assistant.models.events import FitReady

    slug, handle = resolve_brand(services, brand), resolve_creator(services, influencer)
    assessment = services.fit(slug, handle)
    return ActionResult(assessment, [FitReady(assessment=assessment)], slug, handle,
                        f"{assessment.score}/100, {assessment.verdict}")


def rank(services: Services, brand: str, *, top: int | None = None) -> ActionResult[list[RankedCreator]]:
    from assistant.models.events import RankReady

    slug = resolve_brand(services, brand)
    rows = services.rank(slug, top=top)
    return ActionResult(rows, [RankReady(brand=slug, rows=rows)], slug, None, f"{len(rows)} creators")


def check(services: Services, brand: str, text: str) -> ActionResult[CheckReport]:
    from assistant.models.events import CheckReady

    slug = resolve_brand(services, brand)
    report = services.check(slug, text)
    return ActionResult(report, [CheckReady(report=report)], slug, None, f"{report.score}/100")


# Drafting: the fit the draft rests on is computed once and travels with it ---------------------------------


def _draft(services: Services, kind: Literal["brief", "outreach"], brand: str, influencer: str,
           make: Callable[[str, str, FitAssessment], SavedDraft]) -> ActionResult[SavedDraft]:
    from assistant.models.events import DraftSaved, FitReady

    slug, handle = resolve_brand(services, brand), resolve_creator(services, influencer)
    assessment = services.fit(slug, handle)
    saved = make(slug, handle, assessment)
    events: list[Any] = [FitReady(assessment=assessment), DraftSaved(draft_id=saved.id, kind=kind, title=saved.title)]
    return ActionResult(saved, events, slug, handle, saved.title)


def brief(services: Services, brand: str, influencer: str, inputs: CampaignInputs, *,
          conversation_id: str | None = None) -> ActionResult[SavedDraft]:
    return _draft(services, "brief", brand, influencer, lambda b, i, a: services.brief(
        b, i, inputs, conversation_id=conversation_id, assessment=a))


def outreach(services: Services, brand: str, influencer: str, inputs: CampaignInputs, *, channel: str = "dm",
             conversation_id: str | None = None) -> ActionResult[SavedDraft]:
    if channel not in ("dm", "email"):
        raise AssistantError(f"The channel must be dm or email, not '{channel}'.")
    return _draft(services, "outreach", brand, influencer, lambda b, i, a: services.outreach(
        b, i, inputs, channel=channel, conversation_id=conversation_id, assessment=a))


# Campaigns -------------------------------------------------------------------------------------------------


def report(services: Services, campaign: str, *, goal: str | None = None) -> ActionResult[CampaignReport]:
    from assistant.models.events import ReportReady

    result = services.campaign_report(campaign, goal=goal)
    keep = sum(c.decision == "keep" for c in result.creators)
    return ActionResult(result, [ReportReady(report=result)], None, None,
                        f"{result.campaign}: {len(result.creators)} creators, {keep} to keep")


def plan(services: Services, brand: str, *, budget: float, goal: str) -> ActionResult[RosterPlan]:
    from assistant.models.events import PlanReady

    slug = resolve_brand(services, brand)
    result = services.plan(slug, budget=budget, goal=goal)
    return ActionResult(result, [PlanReady(plan=result)], slug, None,
                        f"{len(result.entries)} creators for {result.spent:,.2f} of {result.budget:,.2f}")


def fans(services: Services, brand: str, *, products: list[str] | None = None) -> ActionResult[FansReport]:
    from assistant.models.events import FansReady

    slug = resolve_brand(services, brand)
    result = services.fans(slug, products=products)
    return ActionResult(result, [FansReady(fans=result)], slug, None, f"{len(result.fans)} creators")


def ingest(
    services: Services,
    path: Path | str,
    *,
    kind: IngestKind | None = None,
    brand: str | None = None,
    name: str | None = None,
    influencer: str | None = None,
    campaign: str | None = None,
    followers: int | None = None,
    platform: str | None = None,
    niche: str | None = None,
    fmt: str | None = None,
    progress: Any = None,
    write_progress: Any = None,
) -> ActionResult[Ingested]:
    """A voice guide, a creator's posts or a campaign's results, by ``kind`` or else from what is given: a
    campaign means results, a Markdown or text file a guide, anything else posts (which need a creator)."""
    path = Path(path).expanduser()
    if kind is None:
        kind = "results" if campaign else ("guide" if path.suffix.lower() in GUIDE_SUFFIXES else "posts")
    if kind == "results":
        if not campaign:
            raise InputError(path, "needs a campaign name to file these results under (--campaign NAME)")
        done: ResultsImport = services.ingest_results(path, campaign, fmt=fmt)
        return ActionResult(Ingested("results", done), [], None, None, f"{done.rows} rows")
    if kind == "guide":
        guide, written = services.ingest_guide(path, brand=brand, name=name)
        return ActionResult(Ingested("guide", (guide, written)), [], guide.brand, None, f"{len(guide.sections)} sections")
    if not influencer:
        raise InputError(path, "needs the creator these posts are by (--influencer HANDLE)")
    profile, written = services.ingest_posts(path, influencer, followers=followers, platform=platform, niche=niche,
                                             fmt=fmt, progress=progress, write_progress=write_progress)
    return ActionResult(Ingested("posts", (profile, written)), [], None, profile.handle, f"{written.total} posts")


ACTIONS: tuple[str, ...] = ("fit", "rank", "check", "brief", "outreach", "report", "plan", "fans", "ingest")
