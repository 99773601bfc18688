"""`followup plan`: what to send, to whom, by when, across every application."""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from pathlib import Path

import click

from ..cli_options import PathParam, parse_date
from ..errors import UserError

EXIT_OK, EXIT_DUE, EXIT_USAGE = 0, 1, 2




@click.command("plan")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--today", callback=parse_date, default=None, metavar="YYYY-MM-DD",
              help="Date to plan from (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice(["overdue", "due", "never"]), default="overdue",
              show_default=True, help="Exit status 1 when an action is in this state (due: "
              "due or overdue).")
@click.option("--ics", "ics_path", type=PathParam("file", "calendar file"),
              default=None, help="Also write the open actions as an iCalendar file of to-dos.")
@click.option("--config", "config_path", type=PathParam("file", "configuration file"),
              default=None, help="Configuration file (default: followup.toml or "
              "pyproject.toml, upward).")
@click.option("--color/--no-color", default=None, help="Colour the text (default: on a "
              "terminal, unless NO_COLOR is set).")
def plan_command(paths: tuple[str, ...], today: date | None, fmt: str, fail_on: str,
                 ics_path: Path | None, config_path: Path | None, color: bool | None) -> None:
    """List what to send for every application under PATHS (default: .): thank-you notes,
    documents, reference heads-ups, status inquiries and rejection replies, each with its
    due date and state (overdue, due, upcoming, done).

    \b
    Exit status: 0 nothing --fail-on, 1 something is (default: overdue), 2 bad input.
    Examples:
      followup plan applications/
      followup plan --format json --fail-on due
      followup plan --ics followup.ics
    """
    from ..config import load_config
    from ..plan import build_plan
    from ..report.plan import render_json, render_text

    day = today or date.today()
    try:
        config = load_config(config_path)
        plan = build_plan(list(paths) or ["."], config, day)
    except UserError as exc:
        click.echo(f"followup: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if ics_path is not None:
        from ..atomic import write_bytes_atomic, write_problem
        from ..report.ics import calendar_bytes

        try:
            write_bytes_atomic(ics_path, calendar_bytes(plan), overwrite=True)
        except OSError as exc:
            click.echo(f"followup: error: {ics_path}: cannot write the calendar: "
                       f"{write_problem(ics_path, exc)}", err=True)
            sys.exit(EXIT_USAGE)
    if fmt == "json":
        render_json(plan, sys.stdout)
    else:
        use_color = color
        if use_color is None:
            use_color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        buffer = io.StringIO()
        render_text(plan, buffer, day, color=use_color)
        click.echo(buffer.getvalue(), nl=False, color=use_color)
    for error in plan.errors:
        click.echo(f"followup: error: {error}", err=True)
    if plan.errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_DUE if plan.failed(fail_on) else EXIT_OK)
