"""The command line: parse, call a service, print Markdown or ``--json``. No logic lives here.

``assistant`` with no command opens the chat.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from assistant.errors import AssistantError

app = typer.Typer(
    name="assistant",
    help="A terminal assistant for marketers who work with micro-influencers. Run with no command to open the chat.",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish and PowerShell
    pretty_exceptions_enable=False,
)
ingest_app = typer.Typer(help="Load voice guides and creators' posts into the store.", no_args_is_help=True)
config_app = typer.Typer(help="Show the configuration.", no_args_is_help=True)
draft_app = typer.Typer(help="Reopen and export saved drafts.", no_args_is_help=True)
guide_app = typer.Typer(help="See and correct what was read from a brand's voice guide.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
app.add_typer(config_app, name="config")
app.add_typer(draft_app, name="draft")
app.add_typer(guide_app, name="guide")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _services() -> Any:
    from assistant.config import load_settings
    from assistant.services import Services

    return Services(load_settings())


def _print_json(data: Any) -> None:
    from pydantic import BaseModel

    def dump(item: Any) -> Any:
        if isinstance(item, BaseModel):
            return item.model_dump(mode="json")
        if isinstance(item, list):
            return [dump(i) for i in item]
        if isinstance(item, dict):
            return {k: dump(v) for k, v in item.items()}
        return item

    sys.stdout.write(json.dumps(dump(data), indent=2, ensure_ascii=False) + "\n")


def _print_markdown(text: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))


def _progress(description: str) -> Any:
    """A rich progress bar that only appears for work big enough to need one."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    class _Bar:
        def __init__(self) -> None:
            self.progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                transient=True, console=__import__("rich.console").console.Console(stderr=True),
            )
            self.task: Any = None

        def __call__(self, done: int, total: int) -> None:
            if total < 2000:
                return
            if self.task is None:
                self.progress.start()
                self.task = self.progress.add_task(description, total=total)
            self.progress.update(self.task, completed=done, total=total)

        def close(self) -> None:
            if self.task is not None:
                self.progress.stop()

    return _Bar()


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"assistant {version('assistant')}")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree that isn't installed
            typer.echo("assistant (not installed)")
        raise typer.Exit()


_PROVIDERS = ("auto", "offline", "openai", "compatible")


@app.callback()
def main_callback(
    ctx: typer.Context,
    data_dir: Annotated[
        Optional[Path],
        typer.Option("--data-dir", help="Where the store, history and drafts live (overrides ASSISTANT_DATA_DIR).",
                     file_okay=False, dir_okay=True),
    ] = None,
    provider: Annotated[
        Optional[str],
        typer.Option("--provider", help="Who writes prose: auto, offline, openai or compatible "
                     "(overrides ASSISTANT_LLM_PROVIDER)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    # The global options become the environment every later settings read sees (commands, the chat, its
    # workers), so they outrank the config file and ASSISTANT_* variables without being passed around.
    import os

    if provider is not None:
        if provider not in _PROVIDERS:
            raise typer.BadParameter(f"use one of: {', '.join(_PROVIDERS)}", param_hint="--provider")
        os.environ["ASSISTANT_LLM_PROVIDER"] = provider
    if data_dir is not None:
        os.environ["ASSISTANT_DATA_DIR"] = str(data_dir.expanduser())
    if ctx.invoked_subcommand is None:
        _run_chat()


def _run_chat() -> None:
    try:
        from assistant.tui.app import run_chat
    except ImportError as exc:  # pragma: no cover - only when the TUI isn't built yet
        raise AssistantError(f"The chat isn't available in this build: {exc}") from exc
    run_chat()


@app.command()
def chat() -> None:
    """Open the chat (same as running `assistant` with no command)."""
    _run_chat()


# Ingest --------------------------------------------------------------------------------------------
@ingest_app.command("guide")
def ingest_guide(
    path: Annotated[Path, typer.Argument(help="A Markdown or plain-text voice-and-tone guide.")],
    brand: Annotated[Optional[str], typer.Option(help="Brand slug (default: the file name).")] = None,
    name: Annotated[Optional[str], typer.Option(help="Brand display name (default: the guide's title).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add or replace a brand's voice guide."""
    from assistant.ingest.textfile import collect_notices

    with collect_notices() as notices:
        guide, result = _services().ingest_guide(path, brand=brand, name=name)
    _echo_notices(notices)
    if as_json:
        _print_json({"brand": guide.brand, "name": guide.name, "sections": len(guide.sections),
                     "added": result.added, "updated": result.updated, "unchanged": result.unchanged,
                     "voice_attributes": guide.voice_attributes, "rules": len(guide.rules), "notices": notices})
        return
    from assistant.plural import plural

    typer.echo(
        f"{guide.name} ({guide.brand}): {plural(len(guide.sections), 'section')} "
        f"({result.added} new, {result.updated} updated, {result.unchanged} unchanged); "
        f"{plural(len(guide.voice_attributes), 'voice attribute')}, {plural(len(guide.rules), 'rule')}, "
        f"{plural(len(guide.hard_limits), 'hard limit')}."
    )


@guide_app.command("show")
def guide_show(
    brand: Annotated[str, typer.Argument(help="Brand slug.")],
    as_json: JsonOpt = False,
) -> None:
    """What was read from the brand's guide: rules with their checks, words, examples, what wasn't understood."""
    from assistant.guide.report import guide_markdown

    guide, override = _services().guide_show(brand)
    if as_json:
        _print_json({**guide.model_dump(mode="json"), "override_file": str(override) if override else None})
        return
    _print_markdown(guide_markdown(guide, override))


@guide_app.command("edit")
def guide_edit(brand: Annotated[str, typer.Argument(help="Brand slug.")]) -> None:
    """Correct what was read: open the brand's override file in $EDITOR, then check it."""
    import os
    import shlex
    import subprocess

    services = _services()
    path = services.guide_override_file(brand)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        typer.echo(f"No $EDITOR set. Edit {path} yourself, then run `assistant guide show {brand}`.")
        services.validate_guide_override(path)
        return
    subprocess.run([*shlex.split(editor), str(path)], check=False)
    services.validate_guide_override(path)
    typer.echo(f"Saved {path}; it applies from now on, and after the guide is ingested again.")


@ingest_app.command("posts")
def ingest_posts(
    path: Annotated[Path, typer.Argument(help="CSV, JSON, JSONL, Instagram posts_*.json or X tweets.js.")],
    influencer: Annotated[str, typer.Option("--influencer", "-i", help="The creator's handle.")],
    followers: Annotated[Optional[int], typer.Option(help="Follower count, if known.")] = None,
    platform: Annotated[Optional[str], typer.Option(help="instagram, tiktok, youtube, x, ...")] = None,
    niche: Annotated[Optional[str], typer.Option(help="The creator's niche, in a few words.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Override format detection: csv, json, jsonl, instagram, x.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a creator's posts (validated whole before anything is written)."""
    from assistant.ingest.textfile import collect_notices

    read_bar, write_bar = _progress("Reading"), _progress("Embedding")
    try:
        with collect_notices() as notices:
            profile, result = _services().ingest_posts(
                path, influencer, followers=followers, platform=platform, niche=niche, fmt=fmt,
                progress=read_bar, write_progress=write_bar,
            )
    finally:
        read_bar.close()
        write_bar.close()
    _echo_notices(notices)
    if as_json:
        _print_json({"influencer": profile.handle, "added": result.added, "updated": result.updated,
                     "unchanged": result.unchanged, "posts": result.total, "notices": notices})
        return
    from assistant.plural import plural

    typer.echo(
        f"@{profile.handle}: {plural(result.total, 'post')} read ({result.added} new, {result.updated} updated, "
        f"{result.unchanged} unchanged)."
    )


def _echo_notices(notices: list[str]) -> None:
    for line in notices:
        typer.echo(f"Note: {line}", err=True)


# Listing and search --------------------------------------------------------------------------------
@app.command()
def brands(as_json: JsonOpt = False) -> None:
    """List brands and their guides."""
    from assistant.reports import brands_markdown

    rows = _services().store.list_brands()
    _print_json(rows) if as_json else _print_markdown(brands_markdown(rows))


@app.command()
def influencers(as_json: JsonOpt = False) -> None:
    """List creators with post counts and followers."""
    from assistant.reports import influencers_markdown

    rows = _services().store.list_influencers()
    _print_json(rows) if as_json else _print_markdown(influencers_markdown(rows))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    brand: Annotated[Optional[str], typer.Option(help="Search this brand's voice guide.")] = None,
    influencer: Annotated[Optional[str], typer.Option(help="Search this creator's posts.")] = None,
    k: Annotated[int, typer.Option("-k", help="How many results.", min=1, max=100)] = 8,
    as_json: JsonOpt = False,
) -> None:
    """Search guides and posts."""
    from assistant.reports import search_markdown

    hits = _services().search(query, brand=brand, influencer=influencer, k=k)
    _print_json(hits) if as_json else _print_markdown(search_markdown(hits))


@app.command()
def demo(as_json: JsonOpt = False) -> None:
    """Load the bundled demo brands and creators (safe to run twice)."""
    result = _services().load_demo()
    if as_json:
        _print_json(result.as_dict())
        return
    from assistant.plural import plural

    typer.echo(
        f"Demo data ready: brands {', '.join(result.brands)}; creators "
        f"{', '.join('@' + h for h in result.influencers)} ({plural(result.posts_added, 'new post')})."
    )


@app.command()
def reindex(as_json: JsonOpt = False) -> None:
    """Re-embed everything with the configured embedding (after changing ASSISTANT_EMBEDDING)."""
    bar = _progress("Re-embedding")
    try:
        counts = _services().reindex(progress=bar)
    finally:
        bar.close()
    from assistant.plural import plural

    _print_json(counts) if as_json else typer.echo(
        f"Re-embedded {plural(counts.get('posts', 0), 'post')} and "
        f"{plural(counts.get('guide_sections', 0), 'guide section')}."
    )


# Analysis ------------------------------------------------------------------------------------------
@app.command()
def fit(
    brand: Annotated[str, typer.Argument(help="Brand slug.")],
    influencer: Annotated[str, typer.Argument(help="Creator handle.")],
    as_json: JsonOpt = False,
) -> None:
    """Assess a creator's fit for a brand: a score per dimension, evidence, risks, a verdict."""
    from assistant.reports import fit_markdown

    result = _services().fit(brand, influencer)
    _print_json(result) if as_json else _print_markdown(fit_markdown(result))


@app.command()
def rank(
    brand: Annotated[str, typer.Argument(help="Brand slug.")],
    top: Annotated[Optional[int], typer.Option(help="Show only the best N.", min=1)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Rank every creator in the store for a brand, best first."""
    from assistant.reports import rank_markdown

    rows = _services().rank(brand, top=top)
    _print_json(rows) if as_json else _print_markdown(rank_markdown(brand, rows))


@app.command()
def check(
    brand: Annotated[str, typer.Argument(help="Brand slug.")],
    text: Annotated[Optional[str], typer.Argument(help="The text to check (or use --file).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the text from a file.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a caption or draft against a brand's voice guide."""
    from assistant.reports import check_markdown

    if (text is None) == (file is None):
        raise AssistantError("Give the text to check, or --file PATH (one of them).")
    if file is not None:
        from assistant.services import read_text_file

        text = read_text_file(file)
    report = _services().check(brand, text or "")
    _print_json(report) if as_json else _print_markdown(check_markdown(report))


# Drafting ------------------------------------------------------------------------------------------
def _campaign_inputs(campaign: str, goal: str, start: Optional[str], weeks: int, product: Optional[str],
                     compensation: Optional[str]) -> Any:
    from assistant.models import CampaignInputs

    try:
        start_date = date.fromisoformat(start) if start else None
    except ValueError as exc:
        raise AssistantError(f"--start must be a date like 2027-03-01, not '{start}'.") from exc
    return CampaignInputs(campaign=campaign, goal=goal, start=start_date, weeks=weeks, product=product,
                          compensation=compensation)


GoalOpt = Annotated[str, typer.Option(help="awareness, engagement, growth or conversions.")]


@app.command()
def brief(
    brand: Annotated[str, typer.Argument(help="Brand slug.")],
    influencer: Annotated[str, typer.Argument(help="Creator handle.")],
    campaign: Annotated[str, typer.Option(help="What the campaign is, e.g. 'spring tote launch'.")],
    goal: GoalOpt = "awareness",
    start: Annotated[Optional[str], typer.Option(help="Start date (YYYY-MM-DD).")] = None,
    weeks: Annotated[int, typer.Option(help="Partnership length in weeks.", min=1, max=104)] = 12,
    product: Annotated[Optional[str], typer.Option(help="The product featured.")] = None,
    compensation: Annotated[Optional[str], typer.Option(help="e.g. '$1,200 flat + product'.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Also write the brief's Markdown to this file.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft a creator brief: clear expectations, creative freedom."""
    if goal not in ("awareness", "engagement", "growth", "conversions"):
        raise AssistantError(f"--goal must be awareness, engagement, growth or conversions, not '{goal}'.")
    services = _services()
    saved = services.brief(brand, influencer, _campaign_inputs(campaign, goal, start, weeks, product, compensation))
    if out is not None:
        written = services.export_draft(saved.id, out)
        typer.echo(f"Saved to {written}", err=True)
    if as_json:
        _print_json({"draft_id": saved.id, **saved.data.model_dump(mode="json")})
    else:
        _print_markdown(saved.markdown)
        typer.echo(f"(draft {saved.id}; `assistant draft export {saved.id} --out FILE.md`)", err=True)


@app.command()
def outreach(
    brand: Annotated[str, typer.Argument(help="Brand slug.")],
    influencer: Annotated[str, typer.Argument(help="Creator handle.")],
    campaign: Annotated[str, typer.Option(help="What you're reaching out about.")] = "a creator partnership",
    channel: Annotated[str, typer.Option(help="dm or email.")] = "dm",
    goal: GoalOpt = "awareness",
    compensation: Annotated[Optional[str], typer.Option(help="What's on offer.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft an outreach DM or email that shows you read the creator's work."""
    if channel not in ("dm", "email"):
        raise AssistantError(f"--channel must be dm or email, not '{channel}'.")
    saved = _services().outreach(
        brand, influencer, _campaign_inputs(campaign, goal, None, 12, None, compensation), channel=channel
    )
    if as_json:
        _print_json({"draft_id": saved.id, **saved.data.model_dump(mode="json")})
    else:
        _print_markdown(saved.markdown)


@app.command("drafts")
def list_drafts(as_json: JsonOpt = False) -> None:
    """List saved drafts, newest first."""
    rows = _services().history.list_drafts()
    if as_json:
        _print_json([{"id": d.id, "kind": d.kind, "brand": d.brand, "influencer": d.influencer, "title": d.title,
                      "created_at": d.created_at.isoformat()} for d in rows])
        return
    if not rows:
        typer.echo("No drafts yet. Make one with `assistant brief BRAND CREATOR --campaign TEXT`.")
    for d in rows:
        typer.echo(f"{d.id}  {d.created_at:%Y-%m-%d %H:%M}  {d.kind:<8}  {d.title}")


@draft_app.command("show")
def draft_show(draft_id: Annotated[str, typer.Argument(help="Draft id (a prefix is enough).")], as_json: JsonOpt = False) -> None:
    """Show a saved draft."""
    saved = _services().history.get_draft(draft_id)
    _print_json(saved) if as_json else _print_markdown(saved.markdown)


@draft_app.command("export")
def draft_export(
    draft_id: Annotated[str, typer.Argument(help="Draft id (a prefix is enough).")],
    out: Annotated[Path, typer.Option(help="Markdown file to write.")],
) -> None:
    """Export a saved draft to a Markdown file."""
    typer.echo(f"Saved to {_services().export_draft(draft_id, out)}")


# Configuration -------------------------------------------------------------------------------------
@config_app.command("show")
def config_show(as_json: JsonOpt = False) -> None:
    """Show the effective settings (the API key only as set / not set)."""
    from assistant.config import Settings, default_config_file, load_settings

    data = load_settings().public_dict()
    if as_json:
        _print_json({"config_file": str(default_config_file()), **data})
        return
    typer.echo(f"# config file: {default_config_file()}")
    for key, value in data.items():
        field = Settings.model_fields.get(key)
        doc = f"  # {field.description}" if field and field.description else ""
        typer.echo(f"{key} = {json.dumps(value)}{doc}")


@config_app.command("path")
def config_path() -> None:
    """Print where the config file is read from."""
    from assistant.config import default_config_file

    typer.echo(str(default_config_file()))


@app.command()
def doctor(as_json: JsonOpt = False) -> None:
    """Say which provider, model, store and embedding are in use, and whether they answer."""
    from assistant.config import load_settings
    from assistant.store.embeddings import embedding_label

    settings = load_settings()
    report: dict[str, Any] = {
        "provider": settings.effective_provider,
        "model": settings.llm_model if settings.effective_provider != "offline" else None,
        "base_url": settings.llm_base_url or None,
        "api_key": "set" if settings.openai_api_key else "not set",
        "store": settings.store_location(),
        "embedding": embedding_label(settings),
        "history": str(settings.db_path),
    }
    try:
        from assistant.store import Store

        store = Store(settings)
        report["store_counts"] = store.counts()
        report["incomplete_ingests"] = store.incomplete_ingests()
        report["store_ok"] = True
    except AssistantError as exc:
        report["store_ok"], report["store_error"] = False, str(exc)
    if settings.effective_provider != "offline":
        from assistant.llm import ping

        ok, message = ping(settings)
        report["provider_ok"], report["provider_message"] = ok, message
    else:
        report["provider_ok"], report["provider_message"] = True, "offline drafting engine (no model calls)"
    if as_json:
        _print_json(report)
        return
    _print_doctor_table(report)
    if not (report["store_ok"] and report["provider_ok"]):
        raise typer.Exit(1)


def _print_doctor_table(report: dict[str, Any]) -> None:
    """`doctor` as a table: what is in use, and whether it answers (✓ / ✗ with the reason)."""
    from rich.console import Console
    from rich.table import Table

    from assistant.plural import plural

    def status(ok: bool | None) -> str:
        return "" if ok is None else ("[green]✓[/]" if ok else "[red]✗[/]")

    counts = report.get("store_counts") or {}
    contents = (
        f"{plural(counts.get('posts', 0), 'post')}, {plural(counts.get('guide_sections', 0), 'guide section')}"
        if report["store_ok"] else report.get("store_error", "")
    )
    rows: list[tuple[str, str, bool | None]] = [
        ("Provider", f"{report['provider']}: {report['provider_message']}", report["provider_ok"]),
        ("Model", report["model"] or "(none: offline)", None),
        ("Base URL", report["base_url"] or "(none)", None),
        ("API key", report["api_key"], None),
        ("Store", report["store"], report["store_ok"]),
        ("Store contents", contents, report["store_ok"]),
        ("Embedding", report["embedding"], None),
        ("History", report["history"], None),
    ]
    incomplete = report.get("incomplete_ingests") or []
    if incomplete:
        rows.append(("Unfinished ingests", ", ".join("@" + h for h in incomplete) + ": re-run their "
                     "`assistant ingest posts` (their posts stay hidden until then)", False))
    table = Table(title="assistant doctor", show_header=True, header_style="bold", title_justify="left")
    table.add_column("Check")
    table.add_column("", width=1)
    table.add_column("Value", overflow="fold")
    for name, value, ok in rows:
        table.add_row(name, status(ok), str(value))
    Console().print(table)


@app.command()
def ask(
    message: Annotated[str, typer.Argument(help="What to ask, in plain English or as a /command (e.g. '/help').")],
    conversation: Annotated[
        Optional[str], typer.Option("--conversation", "-c", help="Continue this conversation (the id `ask` printed).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ask the assistant one thing without opening the chat: the same brain, one turn, saved to history."""
    from assistant.brain import Brain

    brain = Brain(_services(), conversation_id=conversation)
    events = list(brain.handle(message))
    finished = events[-1]
    reply = finished.final_text if finished.final_text is not None else "".join(
        e.text for e in events if e.type == "text"
    )
    if as_json:
        _print_json({"conversation_id": brain.conversation_id, "reply": reply, "status": finished.status,
                     "error": finished.error, "brand": brain.brand, "influencer": brain.influencer,
                     "events": events})
    else:
        if reply.strip():
            _print_markdown(reply)
        if finished.error:
            typer.echo(f"Error: {finished.error}", err=True)
        typer.echo(f"(conversation {brain.conversation_id}; `assistant ask -c {brain.conversation_id} ...` continues it)",
                   err=True)
    if finished.status == "error":
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point: user errors print one clear line, never a traceback."""
    try:
        app()
    except AssistantError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
