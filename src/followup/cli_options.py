"""Click option callbacks shared by every command (kept apart so `followup --help` stays light)."""

from __future__ import annotations

from datetime import date

import click


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """`--today` / `--date`: an ISO date, or a usage error that says the format."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (use YYYY-MM-DD)") from None
