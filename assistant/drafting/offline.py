"""The offline drafting engine: briefs and outreach composed from the wording files, no model, no network."""

from __future__ import annotations

import re
from itertools import product

from assistant.drafting import guide_facts, wording
from assistant.drafting import text as tx
from assistant.drafting.creator import format_words, hooks, platform_info
from assistant.drafting.engine import OutreachCandidate
from assistant.drafting.facts import DraftFacts, keep_unchanged_sentence, sources
from assistant.drafting.kpis import kind_wording
from assistant.models import Brief, OutreachChannel, Post


_CLAUSE_END = re.compile(r"[:;]\s|\s[—–-]\s")
_COMMA = re.compile(r",\s")


class OfflineDraftingEngine:
    """Composes drafts from ``prompts/offline/`` templates and the facts computed in code."""

    name = "offline"

    def brief(self, facts: DraftFacts) -> Brief:
        """A full brief. The caller runs the micromanagement check."""
        inputs, profile = facts.inputs, facts.profile
        objective = wording.render(
            "brief",
            f"objective.{inputs.goal}",
            brand_name=facts.brand_name,
            brand_possessive=tx.possessive(facts.brand_name),
            handle=profile.handle,
            span=facts.span(),
            topic=facts.topic,
            actions=kind_wording(facts.brand_kind)["actions"],
        )
        creative_freedom = wording.get("brief", "creative_freedom.text") + keep_unchanged_sentence(facts)
        return Brief(
            brand=facts.guide.brand,
            influencer=profile.handle,
            campaign=inputs.campaign,
            goal=inputs.goal,
            objective=objective,
            about_brand=facts.about.value,
            audience=audience(facts),
            key_messages=key_messages_for(facts),
            deliverables=facts.plan.deliverables,
            creative_freedom=creative_freedom,
            example_hooks=hooks(facts.creator, thing=facts.thing, topic=hook_topic(facts)),
            guardrails=facts.guardrails,
            disclosure=facts.disclosure.value,
            timeline=facts.plan.timeline,
            kpis=facts.kpis,
            approval=facts.approval,
            usage_rights=facts.usage_rights,
            compensation=facts.compensation,
            revision_rounds=facts.revision_rounds,
            sources=sources(facts, [*(p.id for p in facts.selected), *facts.creator.post_ids, *facts.plan.post_ids]),
            engine="offline",
        )

    def outreach(self, facts: DraftFacts, channel: OutreachChannel, cited: list[Post]) -> list[OutreachCandidate]:
        """Candidate messages, best first. The caller keeps the first that passes the voice check and self-check."""
        if channel == "email":
            return list(_email_candidates(facts, cited))
        return list(_dm_candidates(facts, cited))


def audience(facts: DraftFacts) -> str:
    profile = facts.profile
    platform_phrase = (
        wording.render("brief", "audience.platform_phrase", platform=platform_info(facts.plan.platform)["name"])
        if facts.plan.platform != "default"
        else ""
    )
    followers_phrase = (
        wording.render("brief", "audience.followers_phrase", followers=f"{profile.followers:,}") if profile.followers else ""
    )
    topics = tx.oxford_join(facts.topics, wording.get("brief", "join.and")) or wording.render(
        "brief", "audience.no_topics", handle=profile.handle
    )
    key = "audience.with_niche" if profile.niche else "audience.without_niche"
    niche = profile.niche or ""
    if "," in niche and not tx.mentions_any(niche, [" and ", " & "]):  # "hiking, gear reviews, Leave No Trace"
        niche = tx.oxford_join([part.strip() for part in niche.split(",")], wording.get("brief", "join.and"))
    return wording.render(
        "brief",
        key,
        handle=profile.handle,
        platform_phrase=platform_phrase,
        followers_phrase=followers_phrase,
        niche=niche,
        topics=topics,
    )


def hook_topic(facts: DraftFacts) -> str:
    """The topic a hook puts the product in: the creator's main brand topic, unless it only repeats the product
    ("is the barrier serum worth it for serums?"), then another shared topic or their niche."""
    thing = tx.content_stems(facts.thing)
    niche = [part.strip() for part in (facts.profile.niche or "").split(",") if part.strip()]
    for topic in [facts.topic, *facts.topics, *niche]:
        if not tx.content_stems(topic) & thing:
            return topic
    return facts.topic


def key_messages_for(facts: DraftFacts) -> list[str]:
    """One to three ideas to get across: what the campaign is for, what the brand is about, honesty."""
    values = {"brand_name": facts.brand_name, "thing": facts.product, "campaign": facts.campaign.phrase}
    if facts.product:
        first = wording.render("brief", "key_messages.product", **values)
    elif facts.campaign.generic:
        first = wording.render("brief", "key_messages.generic", **values)
    else:
        first = wording.render("brief", "key_messages.campaign", **values)
    messages = [first]
    if facts.about.section_ids:
        messages.append(about_message(facts.brand_name, facts.about.value))
    messages.append(wording.get("brief", "key_messages.honesty"))
    return messages[:3]


def about_message(brand_name: str, about_text: str) -> str:
    """The About gist as a key message, without saying the brand's name twice in a row.

    "Lumen Skin makes gentle..." -> "What Lumen Skin is about: it makes gentle..."; "BrightByte is a budgeting
    app..." -> "What BrightByte is: a budgeting app...".
    """
    gist = tx.shorten(guide_facts.about_gist(about_text, clause=True), 180)
    key = "key_messages.about"
    if gist.lower().startswith(brand_name.lower() + " "):
        rest = gist[len(brand_name) + 1 :]
        if rest.lower().startswith("is "):
            key, gist = "key_messages.about_is", rest[3:]
        else:
            gist = wording.get("brief", "key_messages.about_subject") + " " + rest
    return wording.render("brief", key, brand_name=brand_name, about_gist=gist)


# Outreach ----------------------------------------------------------------------------------------------------


def quote_of(post: Post, limit: int) -> str:
    """A short verbatim quote from a post: its first real sentence, cut at a word.

    Hashtags, links, emoji, a disclosure line ("#ad", "Paid partnership with ...") and a format label ("Reel:")
    are skipped: the quote should be what the creator said, not how the post was labelled.
    """
    plain = tx.strip_markup("".join(c for c in post.text if not tx.is_emoji(c)))
    plain = plain.replace('"', "'").replace("“", "'").replace("”", "'")
    candidates = [s for s in tx.sentences(plain) if not tx.mentions_any(s, guide_facts.cues("paid_disclosure_words"))]
    first = next((s for s in candidates if len(s.split()) >= 4), candidates[0] if candidates else plain)
    label, sep, rest = first.partition(":")
    if sep and rest.strip() and set(tx.words(label)) and set(tx.words(label)) <= format_words():
        first = rest.strip()
    first = first.rstrip(".!?:;, ")
    if len(first) > limit:
        # Prefer a whole clause ("My budget categories, as a chaotic but trying student") to a cut mid-list.
        # A colon, semicolon or dash ends a clause more surely than a comma, which may be inside a list.
        for pattern in (_CLAUSE_END, _COMMA):
            cuts = [m.start() for m in pattern.finditer(first) if m.start() <= limit]
            clause = first[: cuts[-1]].rstrip() if cuts else ""
            if len(clause.split()) >= 4:
                return clause
    return tx.shorten(first, limit, wording.get("outreach", "values.ellipsis"))


def first_name_part(display_name: str | None, handle: str = "") -> str:
    """What to call the creator in a greeting: the first name of the name part of their display name.

    'Dee Walsh, MPharm | Dr Dewy' -> 'Dee'; 'Gigi ✨ Glow Getter' -> 'Gigi'. A display name that is just the
    handle spelled out ('Summit Sam' for @summit.sam) is a persona, used whole.
    """
    name = (display_name or "").split("|")[0].split(",")[0]
    name = " ".join("".join(c for c in name if not tx.is_emoji(c)).split())
    if not name:
        return ""
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    if handle and squashed == re.sub(r"[^a-z0-9]", "", handle.lower()):
        return name
    return name.split()[0]


def pieces_phrase(facts: DraftFacts) -> str:
    """The plan's deliverables counted in words: "three reels, three story sets and one live Q&A"."""
    values = wording.get("outreach", "values")
    platforms = {info["name"].lower() for info in wording.get("formats", "platforms").values()}
    parts = []
    for item in facts.plan.items:
        count = len(item.due_weeks)
        name = item.format
        if name.split()[0].lower() not in platforms and not name.split()[0].isupper():
            name = name[:1].lower() + name[1:]
        if count > 1:
            name += values["plural_suffix"]
        number = values["numbers"][count] if count < len(values["numbers"]) else str(count)
        parts.append(f"{number} {name}")
    return tx.oxford_join(parts, wording.get("brief", "join.and")) or values["pieces_fallback"]


def _values(facts: DraftFacts, cited: list[Post], quote_limit: int) -> dict[str, object]:
    values = wording.get("outreach", "values")
    comp = facts.inputs.compensation
    name = first_name_part(facts.profile.display_name, facts.profile.handle) or "@" + facts.profile.handle
    return {
        "name": name,
        "handle": facts.profile.handle,
        "brand_name": facts.brand_name,
        "campaign": facts.campaign.phrase,
        "campaign_title": facts.campaign.title,
        "weeks": facts.weeks,
        "topic": facts.topic,
        "sender": values["sender"],
        "comp_short": wording.fill(values["comp_short_known"], compensation=comp) if comp else values["comp_short_unknown"],
        "comp_long": wording.fill(values["comp_long_known"], compensation=comp) if comp else values["comp_long_unknown"],
        "about_gist": guide_facts.about_gist(facts.about.value, clause=True) if facts.about.section_ids else "",
        "pieces": pieces_phrase(facts),
        "quote1": quote_of(cited[0], quote_limit) if cited else "",
        "quote2": quote_of(cited[1], quote_limit) if len(cited) > 1 else "",
    }


def _citation_sets(cited: list[Post]) -> list[list[Post]]:
    """Which posts to open with: the best two, then the best one alone, then each other one alone."""
    sets: list[list[Post]] = []
    if len(cited) >= 2:
        sets.append(cited[:2])
    sets.extend([post] for post in cited)
    return sets or [[]]  # no citable post: one message without a citation (the self-check will say so)


def _opening_key(posts: list[Post]) -> str:
    return {0: "opening_none", 1: "opening_one"}.get(len(posts), "opening_two")


def _dm_candidates(facts: DraftFacts, cited: list[Post]):
    dm = wording.get("outreach", "dm")
    for posts in _citation_sets(cited):
        for quote_limit in (90, 60):
            values = _values(facts, posts, quote_limit)
            opening_key = _opening_key(posts)
            offers = dm["offer_generic"] if facts.campaign.generic else dm["offer"]
            for greeting, opening, why, offer, sign_off in product(
                dm["greeting"], dm[opening_key], dm["why"], offers, dm["sign_off"]
            ):
                parts = [wording.fill(t, **values) for t in (greeting, opening, why, offer, sign_off)]
                body = f"{parts[0]}\n\n{parts[1]} {parts[2]}\n\n{parts[3]}\n\n{parts[4]}"
                if len(body) <= dm["max_chars"]:
                    yield OutreachCandidate(body=body, cited_post_ids=[p.id for p in posts])


def _email_candidates(facts: DraftFacts, cited: list[Post]):
    email = wording.get("outreach", "email")
    for posts in _citation_sets(cited):
        values = _values(facts, posts, 120)
        opening_key = _opening_key(posts)
        subjects = email["subject_generic"] if facts.campaign.generic else email["subject"]
        offer_intro = email["offer_intro_generic"] if facts.campaign.generic else email["offer_intro"]
        for subject, greeting, opening, why in product(subjects, email["greeting"], email[opening_key], email["why"]):
            fill = lambda t: wording.fill(t, **values)  # noqa: E731 - local shorthand
            points = "\n".join(fill(p) for p in email["offer_points"])
            body = "\n\n".join(
                [
                    fill(greeting),
                    fill(opening),
                    " ".join(fill(why).split()),
                    fill(offer_intro[0]) + "\n" + points,
                    fill(email["close"][0]),
                    fill(email["sign_off"][0]),
                ]
            )
            yield OutreachCandidate(body=body, cited_post_ids=[p.id for p in posts], subject=fill(subject))
