"""Rebuild the published voice guides used by the guide-reading evaluation, from their public sources.

    python scripts/fetch_guides.py                       # every guide, downloaded from GitHub
    python scripts/fetch_guides.py --mirror DIR          # read from local clones: DIR/<owner>+<name>/repo
    python scripts/fetch_guides.py --only mailchimp
    python scripts/fetch_guides.py --pages DIR           # read pages saved as DIR/<owner>+<name>/<path>

Guides whose licence allows redistribution are written into ``tests/data/real_voice_guides/`` (with a row in
SOURCES.md there). Guides whose licence does not (Mailchimp: CC BY-NC 4.0) are written OUTSIDE the repository,
into ``$ASSISTANT_EXTRA_GUIDES`` (default ``~/.cache/assistant/extra_voice_guides``); tests that need them skip
with a reason when they are absent.

Each guide is the published text, with only mechanical conversions: front matter, site-template tags
(Liquid, Kramdown attribute lines, JSX imports) and HTML wrappers removed; site links reduced to their words;
"Do / Don't" components rendered as labelled paragraphs; several pages of one guide joined under one title,
each page's title becoming a heading and its own headings moving down one level. The first line of each file
names the source repository, commit, paths and licence.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "tests" / "data" / "real_voice_guides"


def extra_guides_dir() -> Path:
    """Where guides that may not be redistributed are rebuilt (outside the repository)."""
    return Path(os.environ.get("ASSISTANT_EXTRA_GUIDES", Path.home() / ".cache" / "assistant" / "extra_voice_guides"))


@dataclass(frozen=True)
class Page:
    path: str
    title: str | None = None  # heading for the page when several pages are joined (None: keep as is)
    sections: tuple[str, ...] = ()  # only these H2 sections (by title), in this order; () keeps the page whole


@dataclass(frozen=True)
class GuideSource:
    name: str
    repo: str
    commit: str
    title: str
    pages: tuple[Page, ...]
    licence: str
    shippable: bool


GUIDES: tuple[GuideSource, ...] = (
    GuideSource(
        name="18f_approach",
        repo="18F/content-guide",
        commit="1b1723d3d5b8f91d92c16487c88b56265dc0ec3a",
        title="Our approach (18F Content Guide)",
        pages=(
            Page("_pages/our-approach/plain-language.md", "Plain language"),
            Page("_pages/our-approach/be-concise.md", "Be concise"),
            Page("_pages/our-style/active-voice.md", "Active voice"),
            Page("_pages/our-approach/address-the-user.md", "Address the user"),
        ),
        licence="public domain in the U.S. (U.S. federal government work) + CC0 1.0 worldwide (LICENSE.md)",
        shippable=True,
    ),
    GuideSource(
        name="carbon",
        repo="carbon-design-system/carbon-website",
        commit="0fb2935aaa514c2877bec0fa33297d960c589932",
        title="Writing style (Carbon Design System)",
        pages=(
            Page("src/pages/guidelines/content/writing-style.mdx", None,
                 sections=("Simple writing", "Conversational style", "Pronouns", "Active and passive voice")),
        ),
        licence="Apache License 2.0, Copyright 2018 IBM Corp. (LICENSE)",
        shippable=True,
    ),
    GuideSource(
        name="govau_plain",
        repo="govau/content-guide",
        commit="43e12fb1c330dcfffb62bc776068ab95803a58df",
        title="Writing style (Content Guide, Digital Transformation Agency)",
        pages=(
            Page("_writing-style/plain-english.md", "Plain English"),
            Page("_writing-style/readability.md", "Readability"),
        ),
        licence="CC BY 4.0, Copyright Digital Transformation Agency (Australian Government) (LICENSE.md)",
        shippable=True,
    ),
    GuideSource(
        name="plainlanguage",
        repo="GSA/plainlanguage.gov",
        commit="43230773bd7c589ac6394ead7b36a2554241abdc",
        title="Federal plain language guidelines (plainlanguage.gov)",
        pages=(
            Page("_pages/guidelines/audience/address-the-user.md", "Address the user"),
            Page("_pages/guidelines/conversational/use-active-voice.md", "Use active voice"),
            Page("_pages/guidelines/conversational/use-contractions.md", "Use contractions"),
            Page("_pages/guidelines/concise/write-short-sentences.md", "Write short sentences"),
            Page("_pages/guidelines/words/avoid-jargon.md", "Avoid jargon"),
            Page("_pages/guidelines/words/use-simple-words-phrases.md", "Use simple words and phrases"),
            Page("_pages/resources/checklists/checklist.md", "Checklist for plain language"),
        ),
        licence="public domain in the U.S. (U.S. federal government work) + CC0 1.0 worldwide (LICENSE.md)",
        shippable=True,
    ),
    GuideSource(
        name="zendesk_garden",
        repo="zendeskgarden/website",
        commit="7fde0a2450ee0f865181909b90a6eee704a1d8b0",
        title="Content design (Zendesk Garden)",
        pages=(
            Page("src/pages/content/principles.mdx", "Principles"),
            Page("src/pages/content/voice-and-tone.mdx", "Voice and tone"),
            Page("src/pages/content/word-list.mdx", "Word list", sections=("Words we avoid",)),
        ),
        licence="Apache License 2.0, Copyright 2021 Zendesk (README.md, LICENSE.md)",
        shippable=True,
    ),
    GuideSource(
        name="polaris",
        repo="Shopify/polaris",
        commit="5170b872fb995146e584c9fd2b64931225634908",
        title="Voice and tone (Shopify Polaris)",
        # The evaluation labels an excerpt of this page (the voice sections and four tone situations, images
        # left out), saved with --pages; the whole page has more rules than are labelled.
        pages=(Page("polaris.shopify.com/content/content/voice-and-tone.md", None),),
        licence="Polaris design guidelines licence (LICENSE.md): not redistributed with this repository",
        shippable=False,
    ),
    GuideSource(
        name="mailchimp",
        repo="mailchimp/content-style-guide",
        commit="c369d8287c21446e86c35dddac6fbd4fdb97b863",
        title="Mailchimp Content Style Guide",
        pages=(
            Page("01-writing-principles.html.md", "Writing goals and principles"),
            Page("02-voice-and-tone.html.md", "Voice and tone"),
            Page("11-writing-for-social-media.html.md", "Writing for social media", sections=("Guidelines",)),
        ),
        licence="CC BY-NC 4.0, Mailchimp (LICENSE.md): not redistributed with this repository",
        shippable=False,
    ),
)


def read_source(repo: str, commit: str, path: str, mirror: Path | None, pages: Path | None = None) -> str:
    if pages is not None and (pages / repo.replace("/", "+") / path).exists():
        return (pages / repo.replace("/", "+") / path).read_text(encoding="utf-8")
    if mirror is not None and (mirror / repo.replace("/", "+") / "repo").exists():
        clone = mirror / repo.replace("/", "+") / "repo"
        return subprocess.run(
            ["git", "--git-dir", str(clone), "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
        ).stdout
    url = f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a fixed https URL)
        return response.read().decode("utf-8")


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LIQUID_LINK = re.compile(r"\[([^\]]+)\]\(\{\{.*?\}\}[^)]*\)")  # [words]({{ site.baseurl }}{% link ... %})
_SITE_LINK = re.compile(r"\[([^\]]+)\]\((/[^)]*)\)")  # [words](/04-grammar.html.md#x): a link inside the site


def clean_page(text: str) -> str:
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"))
    text = _LIQUID_LINK.sub(r"\1", text)
    text = _SITE_LINK.sub(r"\1", text)
    text = re.sub(r"\{\{[^}]*\}\}|\{%[^%]*%\}", "", text)
    text = re.sub(r"^\s*\{:[^}]*\}\s*$", "", text, flags=re.MULTILINE)  # Kramdown attribute lines
    text = re.sub(r"\{:[^}]*\}", "", text)  # inline Kramdown attributes: [link](url){:rel="external"}
    text = re.sub(r"^import .*?;\s*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^export (function|const) .*?^(\}|`;)\s*$", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"^\s*</?div[^>]*>\s*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^<!--.*?-->\s*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"<br\s*/?>(<br\s*/?>)?", " ", text)
    text = re.sub(r"^\s*<hr\s*/?>\s*$", "", text, flags=re.MULTILINE)
    text = _best_practice(text)
    text = _do_dont_rows(text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _best_practice(text: str) -> str:
    """Garden's <BestPractice><Do>..</Do><Dont>..</Dont></BestPractice> as "**Do:**" / "**Don't:**" paragraphs."""

    def block(match: re.Match[str]) -> str:
        out = []
        for label, body in re.findall(r"<(Do|Dont)>(.*?)</\1>", match.group(0), re.DOTALL):
            items = re.findall(r"<(?:li|p)>(.*?)</(?:li|p)>", body, re.DOTALL) or [body]  # tagged items or bare text
            items = [re.sub(r"\s+", " ", i).strip() for i in items]
            heading = "**Do:**" if label == "Do" else "**Don't:**"
            out.append(heading + "\n\n" + "\n".join(f"- {i}" for i in items if i))
        return "\n\n".join(out)

    return re.sub(r"<BestPractice>.*?</BestPractice>", block, text, flags=re.DOTALL)


def _do_dont_rows(text: str) -> str:
    """Carbon's <DoDont text="..." caption="..." type="dont"/> as the caption, then a "**Do:**"/"**Don't:**" sample."""

    def one(match: re.Match[str]) -> str:
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(0)))
        label = "**Don't:**" if attrs.get("type") == "dont" else "**Do:**"
        parts = [attrs["caption"]] if attrs.get("caption") else []
        parts.append(f"{label}\n\n- {attrs.get('text', '').strip()}")
        return "\n" + "\n\n".join(parts) + "\n"

    text = re.sub(r"^[ \t]*<DoDont\b[^>]*?/>", one, text, flags=re.DOTALL | re.MULTILINE)
    return re.sub(r"^\s*</?DoDontRow>\s*$", "", text, flags=re.MULTILINE)


def _demote(text: str) -> str:
    return re.sub(r"^(#{1,5})(\s)", r"#\1\2", text, flags=re.MULTILINE)


def _sections(text: str, wanted: tuple[str, ...]) -> str:
    parts = re.split(r"(?m)^(?=## )", text)
    by_title = {p.splitlines()[0][3:].strip(): p for p in parts if p.startswith("## ")}
    return "\n".join(by_title[t] for t in wanted)


def build(source: GuideSource, mirror: Path | None, pages: Path | None = None) -> str:
    paths = ", ".join(p.path for p in source.pages)
    header = (
        f"<!-- source: github.com/{source.repo} @ {source.commit} ; paths: {paths} ; license: {source.licence} ; "
        "changes: pages joined under one title (each page title a heading, its headings one level down); front "
        "matter, template tags and HTML wrappers removed; site links reduced to their words; Do/Don't components "
        "as labelled lists; text verbatim -->"
    )
    body = [header, "", f"# {source.title}", ""]
    for page in source.pages:
        text = clean_page(read_source(source.repo, source.commit, page.path, mirror, pages))
        if page.sections:
            text = _sections(text, page.sections)
        if page.title:
            body += [f"## {page.title}", "", _demote(text).strip(), ""]
        else:
            body += [text.strip(), ""]
    return "\n".join(body).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, help="read sources from local clones DIR/<owner>+<name>/repo")
    parser.add_argument("--pages", type=Path, help="read sources from files DIR/<owner>+<name>/<path> when present")
    parser.add_argument("--only", action="append", help="build only this guide (repeatable)")
    args = parser.parse_args(argv)
    for source in GUIDES:
        if args.only and source.name not in args.only:
            continue
        out_dir = SHIPPED if source.shippable else extra_guides_dir()
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{source.name}.md"
        target.write_text(build(source, args.mirror, args.pages), encoding="utf-8")
        print(f"{source.name}: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
