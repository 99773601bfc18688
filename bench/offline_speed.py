"""Speed: every offline rule of followup vs proselint, on the same 1,000 letters.

Writes 1,000 letters of 100-150 words (salutation, three short paragraphs, sign-off; some
carry the faults the rules look for) into a temporary folder, then times, one after the
other in this one run, as a user would run them:

    followup lint --grammar off <folder>      (every rule except LanguageTool's G001)
    proselint check <the 1,000 files>

Both are separate processes, so both pay their start-up (Python, spaCy's import and the
word list for followup). Prints both wall times and the ratio.

    python bench/offline_speed.py [--letters 1000] [--seed 7] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SALUTATIONS = ["Dear Ms. Patel,", "Dear Mr. Tanaka,", "Hi Deepak,", "Dear Dr. Lim,",
               "Hello Ms. Goodwin,", "Dear Hiring Team,", "Hey Sam,", "Dear Nick,"]
OPENINGS = [
    "Thank you for meeting with me on Friday about the operations supervisor role.",
    "Thank you for taking the time to speak with me yesterday about the analyst position.",
    "Thanks so much for the interview on Monday!!",
    "Thank you for the tour of the Denver hub and for introducing me to the night shift.",
    "I enjoyed our conversation about the billing service migration this morning.",
    "Thank you for a thoughtful conversation about the clinic's new scheduling system.",
]
MIDDLES = [
    "I enjoyed hearing how your team plans for the holiday volume and cross-trains the "
    "packing and shipping crews.",
    "Your point about moving month-end close from ten days to five stayed with me.",
    "When we discussed the conveyor upgrade, you mentioned that jams at the merge point "
    "cost about forty minutes a shift.",
    "I'm not sure I answered your question about forecasting very well.",
    "I was impressed by how calm the warehouse was during the two o'clock wave.",
    "Seeing the robots pick small parts overnight made the role feel very real.",
    "I recieve good reviews from every manager I have had and I am definately ready.",
    "Sorry to bother you again, but I wanted to add one point about budgets.",
]
FITS = [
    "At Northwind Logistics I built a shift planner that cut peak-season overtime by 18%, "
    "and I would welcome the chance to bring that experience to your team.",
    "I led a similar close project at Larkspur Foods and would be glad to do it again for "
    "you; I am very interested in the position.",
    "My years on a busy oncology ward make me confident that I could support the rollout.",
    "I have done two such migrations and would love to help your team plan this one.",
    "I really need this job, so please let me know your decision ASAP.",
    "I am gonna read up on the routing software this weekend, it sounded awesome.",
]
CLOSINGS = [
    "I look forward to hearing from you.",
    "Please don't hesitate to contact me if you need anything else.",
    "Thank you again for your time and consideration.",
    "I can't wait to hear about the next steps.",
]
EXTRAS = [
    "The team was welcoming, and the questions about safety training were well chosen.",
    "I also appreciated the chance to meet the shift leads and hear what a typical week "
    "looks like for them.",
    "If it helps, I can send a short summary of the scheduling template I described.",
    "I have attached the writing sample you asked for and my updated references.",
    "It was clear how much care your team puts into onboarding new staff.",
]
SIGNOFFS = ["Best regards,\nJordan Lee", "Kind regards,\nSam Ortiz", "Sincerely,\nRiley Nguyen",
            "Cheers,\nAlex", "Best,\nChris Park"]


def letter(rng: random.Random) -> str:
    while True:
        first = [rng.choice(OPENINGS), rng.choice(MIDDLES)]
        second = [rng.choice(FITS)]
        third = [rng.choice(CLOSINGS)]
        extras = rng.sample(EXTRAS, k=len(EXTRAS))
        body = [first, second, third]
        words = sum(len(s.split()) for part in body for s in part)
        while words < 100 and extras:
            sentence = extras.pop()
            rng.choice(body).append(sentence)
            words += len(sentence.split())
        if 100 <= words <= 150:
            paragraphs = "\n\n".join(" ".join(part) for part in body)
            return f"{rng.choice(SALUTATIONS)}\n\n{paragraphs}\n\n{rng.choice(SIGNOFFS)}\n"


def write_letters(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = folder / f"letter-{index:04d}.txt"
        path.write_text(letter(rng), encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, done.returncode


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs each")
    parser.add_argument("--keep", type=Path, help="write the letters here and keep them")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="followup-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    letters_dir = folder / "letters"
    letters_dir.mkdir(exist_ok=True)
    paths = write_letters(letters_dir, args.letters, args.seed)
    words = [len(p.read_text().split()) for p in paths]
    print(f"{len(paths)} letters, {min(words)}-{max(words)} words each "
          f"(body 100-150), {os.cpu_count()} CPUs")

    followup = [tool("followup"), "lint", "--grammar", "off", "--fail-on", "never",
                str(letters_dir)]
    proselint = [tool("proselint"), "check", *map(str, paths)]
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, command in (("followup", followup), ("proselint", proselint)):
            elapsed, _code = timed(command, folder)
            best[name] = min(best.get(name, elapsed), elapsed)
    print(f"{'tool':<44}{'seconds':>9}")
    print(f"{'followup lint --grammar off (all offline rules)':<44}{best['followup']:>9.2f}")
    print(f"{'proselint check':<44}{best['proselint']:>9.2f}")
    ratio = best["proselint"] / best["followup"]
    print(f"ratio proselint/followup: {ratio:.2f}x "
          f"({'followup faster' if ratio > 1 else 'proselint faster'})")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
