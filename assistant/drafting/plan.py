"""Deliverables and timeline: several formats fitted to where the creator is strong, over the whole campaign.

A partnership, not a one-off post: the creator's best format recurring through the weeks, a lighter format
between, and one piece picked by the goal (an event, a giveaway, a live session, tracked stories), with a
kickoff, measurement from day one, regular check-ins and a wrap-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assistant.drafting import wording
from assistant.drafting.creator import FormatStat, format_stats, main_platform, platform_info
from assistant.models import Deliverable, Goal, InfluencerProfile, Milestone, Post


@dataclass
class Plan:
    deliverables: list[Deliverable]
    timeline: list[Milestone]
    post_ids: list[str]  # posts that showed which formats work for this creator
    platform: str  # the main platform's key in formats.toml
    items: list["PlannedItem"]
    format_stats: list[FormatStat]


def _weeks_for(quantity: int, first: int, spacing: int, last: int) -> list[int]:
    return [min(first + i * spacing, last) for i in range(quantity)]


@dataclass
class PlannedItem:
    """One deliverable with the campaign weeks each piece is due."""

    channel: str
    format: str
    due_weeks: list[int]
    notes: str = ""


def spread_weeks(quantity: int, first: int, weeks: int) -> list[int]:
    """Due weeks for ``quantity`` pieces from week ``first``, spaced evenly through the campaign."""
    first = max(0, min(first, weeks))
    spacing = max(1, (weeks - first) // max(1, quantity)) if quantity > 1 else 1
    return _weeks_for(quantity, first, spacing, weeks)


def schedule(
    items: list[PlannedItem], *, start: date, weeks: int, tracked_code: bool, code: str = "code"
) -> tuple[list[Deliverable], list[Milestone]]:
    """Deliverables with due dates, and the dated timeline: kickoff and measurement on day one, every piece,
    check-ins every 2-4 weeks and a wrap-up at the end. ``code`` names the code a tracked campaign sets up
    ("discount code", "referral code")."""
    deliverables: list[Deliverable] = []
    timeline: list[Milestone] = []
    for item in items:
        due_dates = [start + timedelta(weeks=w) for w in item.due_weeks]
        deliverables.append(
            Deliverable(channel=item.channel, format=item.format, quantity=len(due_dates), due=due_dates[0], notes=item.notes)
        )
        for n, when in enumerate(due_dates, start=1):
            values = {"format": item.format, "channel": item.channel, "n": n, "total": len(due_dates)}
            key = "timeline.deliverable_single" if len(due_dates) == 1 else "timeline.deliverable_nth"
            timeline.append(Milestone(when=when, what=wording.render("brief", key, **values)))

    code_phrase = wording.render("brief", "timeline.code_phrase", code=code) if tracked_code else ""
    opening = [
        Milestone(when=start, what=wording.get("brief", "timeline.kickoff")),
        Milestone(when=start, what=wording.render("brief", "timeline.measurement", code_phrase=code_phrase)),
    ]
    cadence = check_in_cadence(weeks)
    for n, week in enumerate(range(cadence, weeks, cadence), start=1):
        timeline.append(Milestone(when=start + timedelta(weeks=week), what=wording.render("brief", "timeline.check_in", n=n)))
    timeline.append(Milestone(when=start + timedelta(weeks=weeks), what=wording.get("brief", "timeline.wrap_up")))
    # Stable sort: kickoff and measurement lead their day, deliverables come before a same-day check-in.
    return deliverables, sorted(opening + timeline, key=lambda m: m.when)


def check_in_cadence(weeks: int) -> int:
    """Weeks between check-ins: every 2 weeks for short campaigns, 3 for a quarter, 4 beyond."""
    if weeks <= 8:
        return 2
    if weeks <= 16:
        return 3
    return 4


def build_plan(
    posts: list[Post],
    profile: InfluencerProfile,
    goal: Goal,
    *,
    start: date,
    weeks: int,
    brand_name: str,
    tracked_code: bool,
    code: str = "code",
    counted: str = "every sign-up or sale",
) -> Plan:
    """Deliverables (2-3 formats, at least two distinct) and a dated timeline for the campaign."""
    platform = main_platform(posts, profile)
    info = platform_info(platform)
    stats = [s for s in format_stats(posts, profile) if s.platform == platform]
    extra_spec = wording.get("formats", f"goal_extra.{goal}")
    extra_format = {"live": info["live"], "secondary": info["secondary"]}.get(extra_spec["format"], extra_spec["format"])
    extra_channel = info["name"] if extra_spec["channel"] == "main" else extra_spec["channel"]

    primary: FormatStat | None = next((s for s in stats if s.format != extra_format), None)
    primary_format = primary.format if primary else info["video_format"]
    secondary_format = next(
        (s.format for s in stats if s is not primary and s.format not in (primary_format, extra_format) and s.score > 0),
        info["secondary"],
    )

    quantity = max(2, min(6, weeks // 4))
    spacing = max(1, weeks // quantity)
    first = min(2, weeks)
    primary_weeks = _weeks_for(quantity, first, spacing, weeks)
    items = [
        PlannedItem(
            info["name"],
            primary_format,
            primary_weeks,
            wording.render("brief", "deliverable_notes.primary", channel=info["name"], format=primary_format, spacing=spacing),
        )
    ]
    secondary_weeks = _weeks_for(max(1, weeks // 4), min(weeks, first + max(1, spacing // 2)), spacing, weeks)
    if extra_spec["format"] != "secondary":  # a goal that wants the lighter format gets it with its own note
        items.append(
            PlannedItem(info["name"], secondary_format, secondary_weeks, wording.get("brief", "deliverable_notes.secondary"))
        )
    extra_quantity = extra_spec["quantity"] if extra_spec["format"] != "secondary" else len(secondary_weeks)
    extra_weeks = (
        secondary_weeks
        if extra_spec["format"] == "secondary"
        else _weeks_for(extra_quantity, min(weeks, extra_spec["week"]), spacing, weeks)
    )
    items.append(
        PlannedItem(extra_channel, extra_format, extra_weeks, wording.render("brief", f"deliverable_notes.{goal}", brand_name=brand_name, counted=counted, code=code))
    )

    deliverables, timeline = schedule(items, start=start, weeks=weeks, tracked_code=tracked_code, code=code)
    evidence = [pid for s in stats[:2] for pid in s.post_ids[:2]]
    return Plan(deliverables, timeline, evidence, platform, items, stats)
