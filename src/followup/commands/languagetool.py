"""`followup languagetool install|start|status|stop`."""

from __future__ import annotations

import sys
import time

import click

from ..grammar import GrammarError

EXIT_NOT_RUNNING = 1
EXIT_FAILURE = 2


def _fail(message: str) -> None:
    click.echo(f"followup: error: {message}", err=True)
    sys.exit(EXIT_FAILURE)


@click.group("languagetool")
def languagetool() -> None:
    """Install and run the local LanguageTool server used for grammar (G001) and spelling.

    \b
      followup languagetool install   fetch LanguageTool (English) from Maven Central
      followup languagetool start     keep a server running in the background (faster lints)
      followup languagetool status    is it running, where, how big
      followup languagetool stop      stop it

    Without a running server `followup lint` starts this same server in the background and
    leaves it running for later lints; that one stops itself after `languagetool_idle_minutes`
    (default 30) unused. A server you start here runs until `stop`, unless you give
    `--idle-minutes`.
    """


@languagetool.command("install")
@click.option("--version", "version", type=click.Choice(["6.8", "6.7"]), default=None,
              help="LanguageTool version (default: the newest this Java runs).")
@click.option("--force", is_flag=True, help="Fetch and lay it out again even if installed.")
def install_command(version: str | None, force: bool) -> None:
    """Fetch LanguageTool's server and English module with Maven (idempotent)."""
    from ..grammar.provision import install, languagetool_home

    try:
        found = install(version=version, force=force, echo=lambda m: click.echo(m, err=True))
    except GrammarError as exc:
        _fail(str(exc))
        return
    click.echo(f"LanguageTool {found.version} is ready in {found.path} "
               f"(LTP_PATH={languagetool_home()} for language-tool-python)")


@languagetool.command("start")
@click.option("--timeout", type=float, default=None,
              help="Seconds to wait for the server to become ready (default 180).")
@click.option("--idle-minutes", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop the server after this many minutes unused (default: never).")
def start_command(timeout: float | None, idle_minutes: float | None) -> None:
    """Start a persistent LanguageTool server in the background; return when it is ready."""
    from ..grammar.server import start_persistent

    began = time.monotonic()
    try:
        info, started = start_persistent(
            timeout=timeout, idle_seconds=None if idle_minutes is None else idle_minutes * 60)
    except GrammarError as exc:
        _fail(str(exc))
        return
    if started:
        click.echo(f"LanguageTool {info.version} started at {info.url} (pid {info.pid}) "
                   f"in {time.monotonic() - began:.1f} s")
    else:
        click.echo(f"LanguageTool {info.version} is already running at {info.url} "
                   f"(pid {info.pid})")


@languagetool.command("status")
def status_command() -> None:
    """Say whether the background server runs (exit 0) or not (exit 1)."""
    from ..grammar.provision import find_installation
    from ..grammar.server import memory_rss_kb, read_state, running_server

    info = running_server(check=True)
    if info is None:
        stale = read_state()
        installed = find_installation()
        where = (f"LanguageTool {installed.version} is installed in {installed.path}"
                 if installed else "LanguageTool is not installed "
                 "(run `followup languagetool install`)")
        if stale is not None:
            click.echo(f"LanguageTool (pid {stale.pid}) is not answering at {stale.url}; "
                       f"{where}")
        else:
            click.echo(f"LanguageTool is not running; {where}")
        sys.exit(EXIT_NOT_RUNNING)
    rss = memory_rss_kb(info.pid)
    memory = f", {rss / 1024:.0f} MB resident" if rss else ""
    uptime = time.time() - info.started
    click.echo(f"LanguageTool {info.version} is running at {info.url} (pid {info.pid}, "
               f"up {uptime / 60:.0f} min{memory})")


@languagetool.command("stop")
def stop_command() -> None:
    """Stop the background server."""
    from ..grammar.server import stop_persistent

    info = stop_persistent()
    if info is None:
        click.echo("LanguageTool is not running")
    else:
        click.echo(f"Stopped LanguageTool {info.version} (pid {info.pid})")
