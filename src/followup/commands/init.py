"""`followup init [DIR]`: a valid interview.yaml for people who do not write YAML.

From flags, and on a terminal by asking (Click prompts, each with an example and checked
as you go) for what the flags did not give. The text is checked by the same loader that
`lint` and `plan` use before it is written; it is written atomically and never replaces an
existing record.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import click
import yaml

from ..cli_options import PathParam
from ..errors import UserError
from ..records import RECORD_FILENAME, parse_record

EXIT_USAGE = 2


class InitError(UserError):
    """A value `init` cannot use."""


def parse_when(value: str, *, allow_time: bool = True) -> str:
    """A record date as written in the file: YYYY-MM-DD or an ISO date and time."""
    raw = value.strip()
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw).isoformat()
        if allow_time:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "T", 1))
            return moment.isoformat(timespec="minutes")
    except ValueError:
        pass
    expected = "YYYY-MM-DD or YYYY-MM-DDTHH:MM" if allow_time else "YYYY-MM-DD"
    raise InitError(f"'{value}' is not a date (use {expected})")


def parse_person(value: str) -> dict[str, str]:
    """'Name <email>' (or just a name) as a record's person."""
    raw = value.strip()
    if "<" in raw or "@" in raw:
        name, email = parseaddr(raw)
        if not email or "@" not in email or " " in email:
            raise InitError(f"'{value}' is not 'Name <email>'")
        if not name:
            raise InitError(f"'{value}' has no name (use 'Name <email>')")
        return {"name": " ".join(name.split()), "email": email}
    if not any(c.isalpha() for c in raw):
        raise InitError(f"'{value}' is not a name")
    return {"name": " ".join(raw.split())}


def record_text(company: str, position: str, when: str, interviewers: list[dict[str, str]],
                decision: str | None) -> str:
    """The YAML of a new record, commented like the README's example."""
    def dump(data: dict[str, Any]) -> str:
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)

    parts = [
        "# Written by `followup init`. See the README, \"Interview records\", for every field.\n",
        dump({"company": company}),
        dump({"position": position}),
        f"interview_date: {when}\n",
        dump({"interviewers": interviewers}),
    ]
    if decision:
        parts.append(f"decision_date: {decision}\n")
    parts.append("# topics: [what came up]       # makes the thank-you notes specific\n"
                 "# documents_requested: [my portfolio]\n"
                 "# references: [{name: Dana Whitfield, email: dana@example.org}]\n")
    return "".join(parts)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _checked(parse: Any) -> Any:
    """A prompt's value_proc: a bad answer is shown and asked again."""
    def proc(value: str) -> Any:
        try:
            return parse(value)
        except UserError as exc:
            raise click.BadParameter(exc.message) from None
    return proc


def _text(value: str) -> str:
    if not value.strip():
        raise InitError("must not be empty")
    return " ".join(value.split())


def _fail(message: str) -> None:
    click.echo(f"followup: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command("init")
@click.argument("folder", required=False, default=".",
                type=PathParam("folder", "folder for interview.yaml"))
@click.option("--company", help="The company, e.g. \"Acme Corporation\".")
@click.option("--position", help="The position, e.g. \"Part-time Packaging Manager\".")
@click.option("--date", "when", metavar="WHEN",
              help="Interview date (and time): 2026-11-20 or 2026-11-20T10:00.")
@click.option("--interviewer", "interviewers", multiple=True, metavar='"NAME <EMAIL>"',
              help="An interviewer; repeat for each.")
@click.option("--decision-date", metavar="YYYY-MM-DD",
              help="When they said they would decide.")
def init_command(folder: Path, company: str | None, position: str | None, when: str | None,
                 interviewers: tuple[str, ...], decision_date: str | None) -> None:
    """Write FOLDER/interview.yaml (default: here) from the flags, asking on a terminal
    for what they do not give. Never replaces an existing record.

    \b
    Example:
      followup init acme --company "Acme Corporation" --position "Packaging Manager" \\
        --date 2026-11-20T10:00 --interviewer "Nick Claus <nick.claus@acme.example>"
    """
    target = folder / RECORD_FILENAME
    if target.exists():
        _fail(f"{target}: a record already exists; edit it, or choose another folder")
    try:
        people = [parse_person(p) for p in interviewers]
        given_when = parse_when(when) if when else None
        decision = parse_when(decision_date, allow_time=False) if decision_date else None
        company = _text(company) if company is not None else None
        position = _text(position) if position is not None else None
    except UserError as exc:
        _fail(str(exc))
        return
    missing = [name for name, value in (("--company", company), ("--position", position),
                                        ("--date", given_when), ("--interviewer", people))
               if not value]
    if missing and not _interactive():
        _fail(f"missing {', '.join(missing)} (not a terminal, so followup cannot ask); "
              "e.g. followup init --company \"Acme Corporation\" --position \"Analyst\" "
              "--date 2026-11-20T10:00 --interviewer \"Nick Claus <nick@acme.example>\"")
        return
    if company is None:
        company = click.prompt("Company (e.g. Acme Corporation)", value_proc=_checked(_text))
    if position is None:
        position = click.prompt("Position (e.g. Part-time Packaging Manager)",
                                value_proc=_checked(_text))
    if given_when is None:
        given_when = click.prompt("Interview date, and time if you know it (e.g. 2026-11-20 "
                                  "or 2026-11-20T10:00)", value_proc=_checked(parse_when))
    if not people:
        click.echo("Interviewers, one at a time, as Name <email> (e.g. Nick Claus "
                   "<nick.claus@acme.example>); an empty answer ends the list.")
        while True:
            answer = click.prompt(f"Interviewer {len(people) + 1}", default="",
                                  show_default=False, value_proc=_checked(
                                      lambda v: parse_person(v) if v.strip() else None))
            if answer is None:
                if people:
                    break
                click.echo("Error: list at least one interviewer", err=True)
                continue
            people.append(answer)
    if missing and decision_date is None:
        decision = click.prompt("Decision date, if they gave one (YYYY-MM-DD; empty to skip)",
                                default="", show_default=False,
                                value_proc=_checked(lambda v: parse_when(
                                    v, allow_time=False) if v.strip() else None))
    assert company is not None and position is not None and given_when is not None
    text = record_text(company, position, given_when, people, decision)
    try:
        parse_record(text, target)  # the same checks as every record
    except UserError as exc:
        _fail(str(exc))
    from ..atomic import write_problem, write_text_atomic

    try:
        write_text_atomic(target, text)
    except FileExistsError:
        _fail(f"{target}: a record already exists; edit it, or choose another folder")
    except OSError as exc:
        _fail(f"{target}: cannot write the record: {write_problem(target, exc)}")
    click.echo(f"wrote {target}")
