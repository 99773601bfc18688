"""The `followup` command: wires the modules together and holds no logic of its own.

Heavy modules (spaCy, LanguageTool, Jinja) are imported only by the command that needs them,
so `followup --help` stays fast.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from .cli_options import PathParam, parse_date

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

_LAZY = {
    "draft": ("followup.commands.draft", "draft_command"),
    "templates": ("followup.commands.draft", "templates_command"),
    "languagetool": ("followup.commands.languagetool", "languagetool"),
    "inspect": ("followup.commands.inspect", "inspect_command"),
    "lsp": ("followup.commands.lsp", "lsp_command"),
    "plan": ("followup.commands.plan", "plan_command"),
    "init": ("followup.commands.init", "init_command"),
}


class _Group(click.Group):
    """Loads the draft and LanguageTool commands only when they are called."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *_LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY:
            module, attribute = _LAZY[cmd_name]
            try:
                command = getattr(importlib.import_module(module), attribute)
            except (ImportError, AttributeError):
                return None
            return command  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


def fail(message: str) -> None:
    """One clear line on stderr and exit status 2."""
    click.echo(f"followup: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _show_version(ctx: click.Context, value: bool) -> None:
    """`--version`, as Click's version option prints it; the version is looked up only
    then (see `followup.__getattr__`)."""
    if not value or ctx.resilient_parsing:
        return
    from . import __version__

    click.echo(f"followup, version {__version__}", color=ctx.color)
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: _show_version(ctx, value),
              help="Show the version and exit.")
def main() -> None:
    """Draft and lint job-interview thank-you and follow-up letters.

    \b
    Quick start:
      followup lint letters/              check every .md, .txt, .eml and .docx letter
      followup rules                      list the checks
      followup draft thank-you-email --all  one thank-you per interviewer
      followup plan applications/         what to send, to whom, by when
      followup init acme/                 write acme/interview.yaml, asking as it goes
    """


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]




@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default=None, help="Output format (default: text; github under GitHub Actions).")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these rules: codes, code prefixes (L, T00) or names. Repeatable.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules. Repeatable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default=None, help="Lowest severity that makes the exit status 1 "
              "(default: warning).")
@click.option("--record", type=click.Path(path_type=Path), default=None,
              help="Interview record to check every letter against.")
@click.option("--config", "config_path", type=PathParam("file", "configuration file"),
              default=None,
              help="Configuration file (default: followup.toml or pyproject.toml, upward).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--grammar", type=click.Choice(["auto", "require", "off"]), default=None,
              help="LanguageTool: auto (use if available), require (exit 2 without it), off.")
@click.option("--picky", is_flag=True, default=None, help="LanguageTool's picky level.")
@click.option("--language", default=None, help="Language variant for LanguageTool "
              "(default en-US).")
@click.option("--stdin-filename", default=None,
              help="File name to report (and find the record from) when reading '-'.")
@click.option("--output", "-o", type=PathParam("file", "file for the report"), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--color/--no-color", default=None, help="Colour the text report "
              "(default: on a terminal, unless NO_COLOR is set).")
@click.option("--no-source", is_flag=True, help="Text report without source excerpts.")
@click.option("--no-context", is_flag=True, help="Named files only: do not read the other "
              "letters and records of their applications.")
@click.option("--today", callback=parse_date, default=None, metavar="YYYY-MM-DD",
              help="Date to treat as today for unsent drafts (default: today).")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option("--fix", is_flag=True, help="Apply the safe suggestions (one right answer) "
              "to the letters, re-lint and report what is left. With '-', the fixed "
              "letter goes to standard output and the report to standard error.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; "
              "write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply the "
              "first suggestion of findings without a safe one (phrase rewrites).")
def lint(paths: tuple[str, ...], fmt: str | None, select: tuple[str, ...],
         ignore: tuple[str, ...], fail_on: str | None, record: Path | None,
         config_path: Path | None, isolated: bool, grammar: str | None, picky: bool | None,
         language: str | None, stdin_filename: str | None, output: Path | None,
         color: bool | None, no_source: bool, today: date | None, no_context: bool,
         fix: bool = False, diff: bool = False, unsafe_fixes: bool = False,
         debug: bool = False) -> None:
    """Check letters (files, folders, or - for standard input).

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input or usage.
    """
    from .config import load_config
    from .errors import UserError
    from .linter import LintRequest
    from .linter import lint as run_lint
    from .report import render

    if not paths:
        fail("no letters given; try `followup lint letters/` or `followup lint -` for "
             "standard input")
    try:
        config = load_config(config_path, discover=not isolated) if not isolated else \
            load_config(None, discover=False)
        stdin = _read_stdin() if "-" in paths else None
        request = LintRequest(
            paths=paths, config=config, select=_split(select) if select else None,
            ignore=_split(ignore), record=record, today=today, stdin=stdin,
            stdin_filename=stdin_filename, grammar=grammar, picky=picky, language=language,
            context=not no_context,
        )
        if unsafe_fixes and not (fix or diff):
            fail("--unsafe-fixes works with --fix or --diff")
        with _stopped_by_signals():
            if fix or diff:
                from .commands.fixing import run_fixes

                result = run_fixes(request, write=not diff, unsafe=unsafe_fixes)
            else:
                result = run_lint(request)
    except UserError as exc:
        fail(str(exc))
        return
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    use_color = color
    if use_color is None:
        use_color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    elif "NO_COLOR" in os.environ and color is None:
        use_color = False
    if diff:
        pass  # the diff was the output
    elif output is not None:
        _refuse_letter_as_output(output, paths, result)
        _write_report(output, fmt, result, no_source)
    else:
        stream = sys.stderr if fix and stdin is not None else sys.stdout  # stdout: the letter
        try:
            render(fmt, result, stream, color=use_color, show_source=not no_source)
            stream.flush()
        except BrokenPipeError:  # the reader went away (`| head`): nothing left to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            sys.exit(EXIT_USAGE)
        except OSError as exc:
            fail(f"standard output: cannot write the report: {exc.strerror}")
    for error in result.errors:
        click.echo(f"followup: error: {error}", err=True)
        trace = str(getattr(error, "trace", "") or "")
        if debug and trace:
            click.echo(trace.rstrip("\n"), err=True)
    for notice in result.notices:
        # under --grammar require a LanguageTool fault fails the run: it is an error
        label = "error" if config.grammar == "require" and "LanguageTool" in notice \
            else "warning"
        click.echo(f"followup: {label}: {notice}", err=True)
    level = fail_on or config.fail_on
    if result.errors or (config.grammar == "require" and result.notices and any(
            "LanguageTool" in n for n in result.notices)):
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if result.failed(level) else EXIT_OK)


class _Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the run is, so that every `finally` runs: a
    LanguageTool server the run started for itself is stopped, temporary files removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM (a CI cancel, `timeout`) and SIGHUP end the run like Ctrl-C: cleaned up,
    one line, exit 128 + the signal (143, 129; 130 for Ctrl-C). A shared server the run
    did not start is left running."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError):  # not the main thread
                previous[number] = signal.signal(number, stop)
    try:
        yield
    except _Stopped as exc:
        click.echo(f"followup: stopped by {signal.Signals(exc.signum).name}", err=True)
        sys.exit(128 + exc.signum)
    except KeyboardInterrupt:
        click.echo("followup: interrupted", err=True)
        sys.exit(130)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _read_stdin() -> bytes:
    """Standard input for `lint -`; one line, not a traceback, when it is closed."""
    stream = sys.stdin
    try:
        if stream is None:
            raise OSError(9, "standard input is closed")
        return stream.buffer.read()
    except (OSError, ValueError) as exc:
        fail(f"-: cannot read standard input: {getattr(exc, 'strerror', None) or exc}")
        raise AssertionError from None  # fail() exits


def _refuse_letter_as_output(output: Path, paths: tuple[str, ...], result: Any) -> None:
    """`-o` naming a letter being linted would replace the letter with its report."""
    try:
        target = output.resolve()
    except OSError:
        return
    letters = [Path(p) for p in paths if p != "-"] + \
        [Path(d.path) for d in result.documents if d.path != "-"]
    for letter in letters:
        try:
            same = letter.resolve() == target and letter.is_file()
        except OSError:
            continue
        if same:
            fail(f"{output}: -o names a letter being linted; the report would replace it "
                 "(choose another file)")


def _write_report(output: Path, fmt: str, result: Any, no_source: bool) -> None:
    import io

    from .atomic import write_problem, write_report
    from .report import render

    buffer = io.StringIO()
    render(fmt, result, buffer, color=False, show_source=not no_source)
    try:
        write_report(output, buffer.getvalue())
    except OSError as exc:
        fail(f"{output}: cannot write the report: {write_problem(output, exc)}")


@main.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(code: str | None, fmt: str) -> None:
    """List every rule, or explain one (by code or name) with a bad and a good example."""
    import json

    from .rules.registry import all_rules, describe, find_rule

    if code is None:
        if fmt == "json":
            click.echo(json.dumps([{"code": r.code, "name": r.name,
                                    "severity": r.severity.value, "summary": r.summary,
                                    "options": dict(r.options),
                                    "kinds": sorted(r.kinds) if r.kinds else None}
                                   for r in all_rules()], indent=2))
            return
        for each in all_rules():
            click.echo(f"{each.code}  {each.name:<26} {each.severity.value:<8} {each.summary}")
        return
    found = find_rule(code)
    if found is None:
        fail(f"unknown rule '{code}' (see `followup rules`)")
        return
    click.echo(describe(found))


if __name__ == "__main__":  # pragma: no cover
    main()
