"""A changed letter linted with the warm shared LanguageTool server vs `--grammar off`.

Run: python bench/warm_grammar.py [--repeat 5]

Uses a private state folder and result cache (so it never touches your own server or
cache), lets the first lint start the shared server (its cost is printed as the first-run
figure), then lints a letter changed before every run (never cached) with grammar and with
`--grammar off`, best of N each, as subprocesses like a user or pre-commit would. The
server it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LETTER = ("Dear Ms. Carter,\n\nThank you for meeting with me on {n} about the analyst role. "
          "I enjoyed hearing how the team plans its quarterly reviews, and I would bring "
          "five years of reporting work to it.\n\nBest regards,\nJordan Lee\n")


def lint(letter: Path, env: dict[str, str], *args: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "followup", "lint", *args, str(letter)],
                   env=env, cwd=letter.parent, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, FOLLOWUP_STATE_DIR=str(folder / "state"),
                   FOLLOWUP_GRAMMAR_CACHE=str(folder / "cache"))
        env.pop("FOLLOWUP_LANGUAGETOOL_URL", None)
        letter = folder / "letter.txt"
        counter = iter(range(10**6))

        def changed() -> Path:
            letter.write_text(LETTER.format(n=f"day {next(counter)}"))
            return letter

        try:
            first = lint(changed(), env)
            warm = min(lint(changed(), env) for _ in range(repeat))
            off = min(lint(changed(), env, "--grammar", "off") for _ in range(repeat))
        finally:
            subprocess.run([sys.executable, "-m", "followup", "languagetool", "stop"],
                           env=env, stdout=subprocess.DEVNULL, check=False)
    print(f"first lint (starts the shared server)        {first:6.2f} s")
    print(f"changed letter, warm server (best of {repeat})     {warm:6.2f} s")
    print(f"changed letter, --grammar off (best of {repeat})   {off:6.2f} s")
    print(f"ratio warm / off (goal <= 1.3)               {warm / off:6.2f}")


if __name__ == "__main__":
    main()
