"""`followup lsp`: the Language Server on standard input and output."""

from __future__ import annotations

from datetime import date

import click


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None
                ) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (use YYYY-MM-DD)") from None


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output "
              "(the default and only transport; accepted for editors that pass it).")
@click.option("--today", callback=_parse_date, default=None, metavar="YYYY-MM-DD",
              help="Date to treat as today for unsent drafts (default: today).")
def lsp_command(stdio: bool, today: date | None) -> None:
    """Run followup as a Language Server (stdio) for .md, .txt and .eml letters."""
    from ..lsp.server import serve

    serve(today)
