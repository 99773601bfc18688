"""`followup draft` and `followup templates`: personalised first drafts from templates."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..cli_options import PathParam, parse_date
from ..config import Config, load_config
from ..draft import (
    FORMATS,
    DraftError,
    DraftRequest,
    TemplateInfo,
    describe_templates,
    find_template,
    make_loader,
    prepare_drafts,
    write_drafts,
)
from ..errors import UserError
from ..profile import load_profile
from ..records import Record, find_record_for

F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(func: F) -> F:
    """A UserError is one clear line on stderr and exit status 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            click.echo(f"followup: error: {exc}", err=True)
            raise SystemExit(2) from None

    return wrapper  # type: ignore[return-value]


def _config(config_path: Path | None) -> Config:
    """The configuration: --config, else one the main command put on the context, else the
    nearest one found from the current folder."""
    if config_path is not None:
        return load_config(config_path)
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(Config) if ctx is not None else None
    if obj is not None:
        return obj
    if ctx is not None and isinstance(ctx.obj, dict) and isinstance(ctx.obj.get("config"),
                                                                      Config):
        return ctx.obj["config"]
    return load_config()


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel




@click.command("draft")
@click.argument("template", required=False)
@click.option("--next", "next_due", is_flag=True,
              help="Draft the next action `followup plan` lists for the record (with --all: "
                   "every overdue and due one), with its template and addressee.")
@click.option("--record", "record_path", type=click.Path(path_type=Path),
              help="The interview record (default: the nearest interview.yaml from here up).")
@click.option("--to", "to", metavar="NAME", multiple=True,
              help="Write to this recorded person (interviewer, contact or reference; full "
                   "name, first name, surname, nickname or email). Repeat it or separate "
                   "names with commas to write to several, each in a file of their own.")
@click.option("--all", "everyone", is_flag=True,
              help="Write one letter to each person the template addresses (for thank-you "
                   "notes: every interviewer, each worded differently).")
@click.option("--out", "out_dir", type=PathParam("folder", "folder for the drafts"),
              help="Folder for the drafts (default: the record's folder).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="md: Markdown with front matter; txt: plain text; eml: an unsent e-mail "
                   "draft for a mail client; docx: a Word document laid out as a printed "
                   "letter.")
@click.option("--force", is_flag=True, help="Overwrite drafts that already exist.")
@click.option("--date", "when", callback=parse_date, metavar="YYYY-MM-DD",
              help="The letter's date (default: today).")
@click.option("--profile", "profile_path", type=PathParam("file", "profile file"),
              help="The candidate profile (default: the nearest profile.yaml, or "
                   "[tool.followup.profile]).")
@click.option("--config", "config_path", type=PathParam("file", "configuration file"),
              help="Configuration file (default: the nearest followup.toml or pyproject.toml).")
@_user_errors
def draft_command(template: str | None, next_due: bool, record_path: Path | None,
                  to: tuple[str, ...], everyone: bool, out_dir: Path | None, fmt: str, force: bool,
                  when: date | None, profile_path: Path | None, config_path: Path | None
                  ) -> None:
    """Draft letters from TEMPLATE for an interview record.

    \b
    Examples:
      followup draft thank-you-email --all
      followup draft thank-you-letter --to "Nick Claus" --format txt
      followup draft status-inquiry --record acme/interview.yaml --format eml
      followup draft --next --all
    """
    config = _config(config_path)
    record = find_record_for(None, override=record_path)
    if record is None:
        raise DraftError("no interview.yaml in this folder or its parents; "
                         "pass --record FILE")
    profile = load_profile(config, path=profile_path, also_from=record.path.parent)
    if next_due:
        if template is not None or to:
            raise DraftError("--next chooses the template and the addressee; give neither "
                             "a TEMPLATE nor --to with it")
        jobs = _next_jobs(record, config, when or date.today(), everyone)
    elif template is None:
        raise DraftError("name a TEMPLATE (see `followup templates`), or use --next")
    else:
        jobs = [(template, to or None, everyone)]
    requests = [DraftRequest(
        template=name, record=record, to=person, everyone=each, out_dir=out_dir,
        fmt=fmt, force=force, when=when, template_dirs=config.template_dirs,
        profile=profile, thank_you_within_hours=config.thank_you_within_hours,
    ) for name, person, each in jobs]
    prepared = [(request, prepare_drafts(request)) for request in requests]
    if not force:  # nothing is written when one of the drafts exists
        for _request, planned in prepared:
            for draft in planned:
                if draft.path.exists():
                    raise DraftError("already exists; use --force to overwrite it", draft.path)
    drafts = [draft for _request, planned in prepared for draft in planned]
    written = [path for request, planned in prepared
               for path in write_drafts(planned, request)]
    shown_notes: set[str] = set()
    for draft in drafts:
        for note in draft.notes:
            if note not in shown_notes:
                shown_notes.add(note)
                click.echo(f"note: {note}", err=True)
    for path in written:
        click.echo(_shown(path))


def _next_jobs(record: Record, config: Config, today: date, everything: bool
               ) -> list[tuple[str, str | tuple[str, ...] | None, bool]]:
    """(template, addressee, every addressee) for each action `--next` drafts."""
    from ..plan import build_plan, next_actions

    plan = build_plan([str(record.path)], config, today)
    if plan.errors:
        raise plan.errors[0]
    chosen = next_actions(plan.actions, everything)
    if not chosen:
        raise DraftError("nothing left to send for this application (see `followup plan`)",
                         record.path)
    # one letter per template and person (one documents letter sends everything asked for)
    return list(dict.fromkeys((action.template, action.to, False) for action in chosen))


def _info_dict(info: TemplateInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "source": "built-in" if info.builtin else "user",
        "path": str(info.path),
        "description": info.description,
        "kind": info.kind,
        "to": list(info.to),
        "audience": list(info.audience or info.to),
        "each": info.each,
        "required": list(info.required),
        "optional": list(info.optional),
        "blocks": list(info.blocks),
        "extends": info.extends,
        "problem": info.problem,
    }


@click.command("templates")
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=PathParam("file", "configuration file"),
              help="Configuration file (default: the nearest followup.toml or pyproject.toml).")
@_user_errors
def templates_command(name: str | None, fmt: str, config_path: Path | None) -> None:
    """List the letter templates (built-in and your `template_dirs`), or show one.

    A user template with a built-in's name replaces it; extend a built-in with
    {% extends "thank-you-email" %} (or "builtin:thank-you-email" from a template
    of the same name) and override its blocks.
    """
    config = _config(config_path)
    loader = make_loader(config.template_dirs)
    infos = [find_template(loader, name)] if name is not None else describe_templates(loader)
    if fmt == "json":
        click.echo(json.dumps({"templates": [_info_dict(i) for i in infos]}, indent=2,
                              ensure_ascii=False))
        return
    if not infos:
        click.echo("no templates found")
        return
    width = max(len(i.name) for i in infos)
    for info in infos:
        source = "built-in" if info.builtin else "user"
        click.echo(f"{click.style(info.name.ljust(width), bold=True)}  {info.kind:<15} "
                   f"{source}")
        if info.description:
            click.echo(f"    {info.description}")
        if info.problem:
            click.echo(f"    header problem: {info.problem}")
        click.echo(f"    to: {', '.join(info.to)}{' (one each with --all)' if info.each else ''}")
        if set(info.audience) != set(info.to):
            click.echo(f"    audience: {', '.join(info.audience)}")
        if info.required:
            click.echo(f"    required: {', '.join(info.required)}")
        if name is not None:
            if info.optional:
                click.echo(f"    optional: {', '.join(info.optional)}")
            if info.blocks:
                click.echo(f"    blocks: {', '.join(info.blocks)}")
            if info.extends:
                click.echo(f"    extends: {info.extends}")
            click.echo(f"    file: {info.path}")
