"""`followup lsp`: the Language Server on standard input and output."""

from __future__ import annotations

from datetime import date

import click

from ..cli_options import parse_date


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output "
              "(the default and only transport; accepted for editors that pass it).")
@click.option("--today", callback=parse_date, default=None, metavar="YYYY-MM-DD",
              help="Date to treat as today for unsent drafts (default: today).")
def lsp_command(stdio: bool, today: date | None) -> None:
    """Run followup as a Language Server (stdio) for .md, .txt and .eml letters."""
    from ..lsp.server import serve

    serve(today)
