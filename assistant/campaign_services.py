"""Campaign services (issue #13): import results, report on a campaign, plan a roster for a budget, find fans.

A mixin of ``Services`` (it uses ``self.settings``, ``self.store`` and ``self.history``), kept in its own file so
the campaign work stays in one place.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError, NotFoundError

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.history import HistoryDB
    from assistant.models.campaigns import CampaignReport, FansReport, ResultsImport, RosterPlan
    from assistant.store import Store

GOALS = ("awareness", "engagement", "growth", "conversions")


class CampaignServices:
    settings: Settings
    store: Store
    history: HistoryDB

    def ingest_results(self, path: Path, campaign: str, *, fmt: str | None = None) -> ResultsImport:
        """Read a results file whole, then write it in one transaction (re-importing it changes nothing)."""
        from assistant.history.results import save_results
        from assistant.ingest.results import read_results

        rows = read_results(Path(path), campaign, fmt=fmt)
        return save_results(self.history.db, rows, source=str(Path(path)))

    def campaign_names(self) -> list[str]:
        from assistant.history.results import campaign_names

        return campaign_names(self.history.db)

    def campaign_named(self, name: str) -> str:
        """The stored campaign a name means: exact (any case), else the one whose name contains it or that it
        contains ('spring' -> 'Spring launch'), else a close spelling. NotFoundError lists the campaigns."""
        from assistant.history.results import campaign_key

        names = self.campaign_names()
        wanted = campaign_key(name)
        keyed = {campaign_key(n): n for n in names}
        if wanted in keyed:
            return keyed[wanted]
        partial = [n for k, n in keyed.items() if wanted and (wanted in k or k in wanted)]
        if len(partial) == 1:
            return partial[0]
        close = difflib.get_close_matches(wanted, list(keyed), n=1, cutoff=0.75)
        if close and not partial:
            return keyed[close[0]]
        listed = ", ".join(partial or names) or "none yet"
        what = "matches several campaigns" if len(partial) > 1 else "matches no campaign with results"
        raise NotFoundError(f"'{name}' {what}: {listed}. Import results with "
                            "`assistant results ingest FILE --campaign NAME`.")

    def campaign_report(self, campaign: str, *, goal: str | None = None) -> CampaignReport:
        """The report of a stored campaign, against the KPIs of the briefs saved for it."""
        from assistant.analysis.campaign_report import build_report
        from assistant.history.results import campaign_key, load_results

        if goal is not None and goal not in GOALS:
            raise AssistantError(f"The goal must be one of {', '.join(GOALS)}, not '{goal}'.")
        name = self.campaign_named(campaign)
        rows = load_results(self.history.db, name)
        key = campaign_key(name)
        briefs = [d for d in self.history.list_drafts(limit=100_000)
                  if d.kind == "brief" and campaign_key(getattr(d.data, "campaign", "")) == key]
        return build_report(
            name, rows, goal=goal,
            briefs=[(d.influencer, d.data.goal, d.data.kpis) for d in briefs],  # type: ignore[union-attr]
            brief_ids=[d.id for d in briefs],
        )

    def _creators_with_posts(self) -> list[tuple[Any, list]]:
        return [(profile, self.store.get_posts(profile.handle)) for profile in self.store.list_profiles()]

    def plan(self, brand: str, *, budget: float, goal: str) -> RosterPlan:
        """A roster of creators for the budget: fit scores, expected cost per post by tier, no near-twins."""
        from assistant.analysis import rank_creators
        from assistant.analysis.roster_plan import Candidate, per_post_estimates, plan_roster, topic_vectors

        if goal not in GOALS:
            raise AssistantError(f"The goal must be one of {', '.join(GOALS)}, not '{goal}'.")
        if not budget > 0:
            raise AssistantError(f"The budget must be more than 0, not {budget:g}.")
        guide = self.store.get_guide(brand)
        creators = self._creators_with_posts()
        ranked = {r.influencer: r for r in rank_creators(guide, creators)}
        vectors = topic_vectors({p.handle: posts for p, posts in creators})
        candidates = []
        for profile, posts in creators:
            row = ranked.get(profile.handle)
            if row is None:
                continue
            reach, engagements = per_post_estimates(posts, profile.followers)
            candidates.append(Candidate(
                handle=profile.handle, fit_score=row.score, verdict=row.verdict, platform=profile.platform,
                niche=profile.niche, followers=profile.followers, reach_per_post=reach,
                engagements_per_post=engagements, vector=vectors.get(profile.handle, {}),
            ))
        return plan_roster(guide.brand, goal, budget, candidates, dict(self.settings.plan_cost_per_post))

    def fans(self, brand: str, *, products: list[str] | None = None) -> FansReport:
        """Creators in the store who mention the brand or its products unprompted, with those posts."""
        from assistant.analysis.fans import find_fans

        return find_fans(self.store.get_guide(brand), self._creators_with_posts(), products or [])
