"""Deliverables and timeline: several formats fitted to where the creator is strong, over the whole campaign.

A partnership, not a one-off post: the creator's best format recurring through the weeks, a lighter format
between (on their second platform when they have one), and one piece of a different kind picked by the goal
and fitted to the creator (a giveaway, a live session or Q&A, a community event suited to their niche), with
a kickoff, measurement from day one, regular check-ins and a wrap-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from collections import Counter

from assistant.drafting import text as tx
from assistant.drafting import wording
from assistant.drafting.creator import FormatStat, format_stats, main_platform, platform_info, platform_key
from assistant.drafting.kpis import kind_wording
from assistant.drafting.text import possessive
from assistant.models import Deliverable, Goal, InfluencerProfile, Milestone, Post


@dataclass
class Plan:
    deliverables: list[Deliverable]
    timeline: list[Milestone]
    post_ids: list[str]  # posts that showed which formats work for this creator
    platform: str  # the main platform's key in formats.toml
    items: list["PlannedItem"]
    format_stats: list[FormatStat]
    tracked_code: bool = False  # a tracked link and code are set up on day one
    code: str = "code"  # which code: "discount code", "referral code"


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
        where = _where(item)
        for n, when in enumerate(due_dates, start=1):
            values = {"format": item.format, "where": where, "n": n, "total": len(due_dates)}
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


def _where(item: PlannedItem) -> str:
    """" (Instagram)" after a piece on a platform; nothing for "In person" or a format naming its platform."""
    platforms = {info["name"].lower() for info in wording.get("formats", "platforms").values()}
    channel = item.channel.strip()
    if channel.lower() not in platforms or channel.lower() in item.format.lower():
        return ""
    return wording.render("brief", "timeline.where", channel=channel)


def check_in_cadence(weeks: int) -> int:
    """Weeks between check-ins: every 2 weeks for short campaigns, 3 for a quarter, 4 beyond."""
    if weeks <= 8:
        return 2
    if weeks <= 16:
        return 3
    return 4


def second_platform(posts: list[Post], profile: InfluencerProfile, main: str) -> str | None:
    """Another platform the creator is active on: enough of the feed is there, or their profile names it."""
    config = wording.get("formats", "second_platform")
    counts = Counter(platform_key(p.platform, profile) for p in posts if p.platform)
    counts.pop(main, None)
    counts.pop("default", None)
    needed = max(config["min_posts"], config["min_share"] * len(posts))
    for platform, count in counts.most_common():
        if count >= needed:
            return platform
    profile_platform = platform_key(profile.platform) if profile.platform else "default"
    return profile_platform if profile_platform not in (main, "default") else None


def _event_for(niche_text: str) -> dict[str, str]:
    """The community event that suits the creator's niche (a group hike, a workshop, a live Q&A...)."""
    for event in wording.get("formats", "events"):
        if tx.mentions_any(niche_text, event["words"]):
            return event
    return wording.get("formats", "default_event")


def _free_week(week: int, busy: set[int], weeks: int) -> int:
    """``week``, or the nearest week with nothing else due (later first), so pieces don't pile up on one day."""
    for offset in range(weeks + 1):
        for candidate in (week + offset, week - offset):
            if 1 <= candidate <= weeks and candidate not in busy:
                return candidate
    return week


def _extra_item(
    goal: Goal,
    stats: list[FormatStat],
    info: dict[str, str],
    *,
    weeks: int,
    busy: set[int],
    values: dict[str, str],
    niche_text: str,
) -> PlannedItem:
    """The piece of a different kind: the goal's candidate the creator already does, else its first one."""
    extras = wording.get("formats", "extras")
    candidates = wording.get("formats", f"goal_extras.{goal}")
    done = {s.format for s in stats}
    chosen = next((c for c in candidates if done & set(extras[c]["evidence"])), candidates[0])
    week = _free_week(min(weeks, wording.get("formats", f"extra_timing.week.{goal}")), busy, weeks)
    if chosen == "event":
        event = _event_for(niche_text)
        channel = info["name"] if event["channel"] == "main" else event["channel"]
        return PlannedItem(channel, event["format"], [week], wording.fill(event["note"], **values))
    spec = extras[chosen]
    channel = info["name"] if spec["channel"] == "main" else spec["channel"]
    fmt = info["live"] if spec["format"] == "live" else spec["format"]
    notes = wording.get("brief", "deliverable_notes")
    note = notes.get(f"{chosen}_{goal}", notes[chosen])
    return PlannedItem(channel, fmt, [week], wording.fill(note, **values))


def build_plan(
    posts: list[Post],
    profile: InfluencerProfile,
    goal: Goal,
    *,
    start: date,
    weeks: int,
    brand_name: str,
    brand_kind: str = "general",
    niche_text: str = "",
) -> Plan:
    """Deliverables (three kinds of piece, at least two formats) and a dated timeline for the campaign.

    The creator's best format recurs every few weeks; a lighter format sits between (on their second platform
    when they have one); and, from three weeks up, one piece of a different kind fitted to the goal and the
    creator. Tracked links and a code are set up for conversions and engagement. ``niche_text`` (the creator's
    niche, else shared topics) picks the community event.
    """
    platform = main_platform(posts, profile)
    info = platform_info(platform)
    stats = [s for s in format_stats(posts, profile) if s.platform == platform]
    kind = kind_wording(brand_kind)
    tracked = goal in ("conversions", "engagement")
    values = {"brand_name": brand_name, "brand_possessive": possessive(brand_name), "code": kind["code"],
              "counted": kind["counted"], "decide": kind["decide"], "live": info["live"]}

    quantity = max(2, min(6, weeks // 4))
    spacing = max(1, weeks // quantity)
    first = min(2, weeks)
    extra_formats = {"Giveaway", "Live Q&A", info["live"], "Live session", "Event"}
    primary: FormatStat | None = next((s for s in stats if s.format not in extra_formats), None)
    primary_format = primary.format if primary else info["video_format"]
    items = [
        PlannedItem(
            info["name"],
            primary_format,
            _weeks_for(quantity, first, spacing, weeks),
            wording.render("brief", "deliverable_notes.primary", channel=info["name"], format=primary_format, spacing=spacing),
        )
    ]

    secondary_weeks = _weeks_for(max(1, weeks // 4), min(weeks, first + max(1, spacing // 2)), spacing, weeks)
    other = second_platform(posts, profile, platform)
    if other is not None:
        other_info = platform_info(other)
        other_stats = [s for s in format_stats(posts, profile) if s.platform == other and s.format not in extra_formats]
        secondary = PlannedItem(
            other_info["name"],
            other_stats[0].format if other_stats else other_info["video_format"],
            secondary_weeks,
            wording.render("brief", "deliverable_notes.second_platform", channel=other_info["name"]),
        )
    else:
        secondary_format = next(
            (s.format for s in stats if s is not primary and s.format not in extra_formats | {primary_format} and s.score > 0),
            info["secondary"],
        )
        if goal == "conversions" and info["secondary"] != primary_format:
            secondary_format = info["secondary"]  # story sets and the like carry a link: the tracked pieces
        secondary = PlannedItem(info["name"], secondary_format, secondary_weeks, wording.get("brief", "deliverable_notes.secondary"))
    if goal == "conversions":
        secondary.notes = f"{secondary.notes} {wording.fill(wording.get('brief', 'deliverable_notes.tracked'), **values)}"
    items.append(secondary)

    if weeks >= wording.get("formats", "extra_timing.min_weeks"):
        busy = {week for item in items for week in item.due_weeks}
        items.append(_extra_item(goal, stats, info, weeks=weeks, busy=busy, values=values, niche_text=niche_text))

    deliverables, timeline = schedule(items, start=start, weeks=weeks, tracked_code=tracked, code=kind["code"])
    evidence = [pid for s in stats[:2] for pid in s.post_ids[:2]]
    return Plan(deliverables, timeline, evidence, platform, items, stats, tracked, kind["code"])
