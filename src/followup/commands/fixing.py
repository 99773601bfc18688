"""`followup lint --fix / --diff / --unsafe-fixes`: apply fixes, write or show them.

The fixing itself is `followup.fix`; this module decides where the result goes: the
letter rewritten atomically, the fixed text on standard output (for '-'), or a diff.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..atomic import write_bytes_atomic
from ..errors import UserError
from ..fix import FixOutcome, fix_letters, preview_diff, unified_diff
from ..linter import LintRequest, LintResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('x') else 's'}"


def run_fixes(request: LintRequest, *, write: bool, unsafe: bool) -> LintResult:
    """Fix the letters and return the lint of what is left. With `write` false (--diff),
    print the diff and exit: 1 when there is something to fix, as `ruff --diff` does."""
    outcome = fix_letters(request, unsafe=unsafe)
    stdin_name = (request.stdin_filename or "-") if "-" in request.paths else None
    if not write:
        _print_diff(outcome)
        for notice in outcome.result.notices:
            click.echo(f"followup: warning: {notice}", err=True)
        for error in outcome.result.errors:
            click.echo(f"followup: error: {error}", err=True)
        sys.exit(2 if outcome.result.errors
                 else 1 if outcome.letters or outcome.previews else 0)
    if stdin_name is not None:
        fixed = outcome.letters.get(stdin_name)
        sys.stdout.buffer.write(fixed.fixed if fixed else (request.stdin or b""))
        sys.stdout.buffer.flush()
    written = 0
    for path, letter in outcome.letters.items():
        if path == stdin_name:
            continue
        target = Path(path)
        try:
            mode = target.stat().st_mode & 0o7777
            write_bytes_atomic(target, letter.fixed, overwrite=True)
            os.chmod(target, mode)
        except OSError as exc:
            outcome.result.errors.append(_write_error(path, exc))
            continue
        written += 1
    if outcome.fixes:
        click.echo(f"followup: fixed {_plural(outcome.fixes, 'problem')} in "
                   f"{_plural(len(outcome.letters), 'letter')}", err=True)
    return outcome.result


def _write_error(path: str, exc: OSError) -> UserError:
    return UserError(f"cannot write the fixed letter: {exc.strerror}", path)


def _print_diff(outcome: FixOutcome) -> None:
    for letter in outcome.letters.values():
        sys.stdout.write(unified_diff(letter))
    for path, (before, after) in outcome.previews.items():
        sys.stdout.write(preview_diff(path, before, after))
    if outcome.letters:
        click.echo(f"followup: {_plural(outcome.fixes, 'fix')} would be applied to "
                   f"{_plural(len(outcome.letters), 'letter')}", err=True)
