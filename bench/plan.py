"""Speed: `followup plan` over 200 applications, beyond start-up.

Writes 200 application folders (an interview.yaml with 2-3 interviewers, a reference and
a requested document, and 2-4 letters: sent thank-you notes, a draft, some status
inquiries and rejection replies, as Markdown and e-mail) into a temporary folder. Then it
times, as separate processes, one after the other in this run:

    followup --version                     (Python, Click, followup's CLI)
    followup plan --help                   (start-up: the plan command loaded, no work)
    followup plan --today ... --format json <folder>     cold: an empty letter cache
    followup plan --today ... --format json <folder>     warm: the next morning's run

and prints the best wall-clock and CPU time of each, and each plan's time beyond
`plan --help`. Python's bytecode is cached as in an installed package (in a scratch
folder, whatever PYTHONDONTWRITEBYTECODE says). The letter cache is a temporary file
($FOLLOWUP_PLAN_CACHE), never the user's.

    python bench/plan.py [--applications 200] [--repeat 3] [--seed 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Nick", "Siobhán", "Kwame", "Renée", "Anna", "José", "Priya", "Grace", "Tomasz",
         "Aiko", "Oluwaseun", "Marta", "Deepak", "Lena", "Chen"]
LAST = ["Claus", "O'Brien", "Mensah-Bonsu", "Laurent", "van der Berg", "Núñez", "Raman",
        "Hopper", "Kowalski", "Tanaka", "Adeyemi", "García", "Patel", "Fischer", "Wei"]
THANKS = ("Thank you for meeting with me about the {position} role. I enjoyed hearing how "
          "your team plans for the holiday volume.\n\nMy experience scheduling seasonal staff "
          "would help your team meet that peak.\n\nI look forward to hearing from you.")
STATUS = ("I am writing to ask about the status of my application for the {position} "
          "role.\n\nI remain very interested and would be glad to send anything you need.")
REJECT = ("Thank you for letting me know of your decision. Although I was not selected, I "
          "enjoyed meeting the team, and I hope you will keep me in mind for future roles.")


def write_tree(root: Path, count: int, seed: int) -> date:
    rng = random.Random(seed)
    start = date(2026, 9, 1)
    for index in range(count):
        folder = root / f"app-{index:03d}"
        folder.mkdir(parents=True)
        interview = start + timedelta(days=rng.randrange(0, 90))
        people = rng.sample(range(len(FIRST)), rng.choice((2, 3)))
        names = [f"{FIRST[p]} {LAST[(p + index) % len(LAST)]}" for p in people]
        position = rng.choice(("Packaging Manager", "Supply Chain Analyst", "Coordinator"))
        rejected = rng.random() < 0.2
        lines = [f"company: Company {index}", f"position: {position}",
                 f"interview_date: {interview.isoformat()}T{rng.randrange(9, 17):02d}:00",
                 "interviewers:"]
        for name in names:
            lines += [f"  - name: {name}",
                      f"    email: {name.split()[0].lower()}@company{index}.example"]
        lines += ["contacts: [{name: Pat Recruiter, title: Recruiter}]",
                  "references: [{name: Dana Whitfield, email: dana@example.org}]",
                  "documents_requested: [my portfolio]"]
        if rng.random() < 0.7:
            lines.append(f"decision_date: {(interview + timedelta(days=10)).isoformat()}")
        if rejected:
            lines += ["outcome: rejected",
                      f"outcome_date: {(interview + timedelta(days=14)).isoformat()}"]
        (folder / "interview.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for number, name in enumerate(names):
            sent = interview + timedelta(days=rng.choice((0, 0, 1, 3)))
            body = THANKS.format(position=position)
            if number % 2:
                (folder / f"thank-you-{number}.eml").write_text(
                    f"From: Jordan <j@example.org>\nTo: {name} <x@company{index}.example>\n"
                    f"Date: {sent:%a, %d %b %Y} 17:45:00 -0600\nSubject: Thank you\n"
                    f"{'X-Unsent: 1' + chr(10) if rng.random() < 0.3 else ''}\n"
                    f"Dear {name.split()[0]},\n\n{body}\n\nBest regards,\nJordan Lee\n",
                    encoding="utf-8")
            else:
                (folder / f"thank-you-{number}.md").write_text(
                    f"---\nto: {name}\nkind: thank-you\nsent: {sent.isoformat()}\n---\n\n"
                    f"Dear {name.split()[0]},\n\n{body}\n\nBest regards,\nJordan Lee\n",
                    encoding="utf-8")
        if rng.random() < 0.5:
            sent = interview + timedelta(days=15)
            (folder / "status.md").write_text(
                f"---\nto: Pat Recruiter\nsent: {sent.isoformat()}\n---\n\nDear Pat,\n\n"
                f"{STATUS.format(position=position)}\n\nBest regards,\nJordan Lee\n",
                encoding="utf-8")
        if rejected and rng.random() < 0.5:
            (folder / "reply.md").write_text(
                f"---\nto: Pat Recruiter\nsent: {(interview + timedelta(days=15)).isoformat()}"
                f"\n---\n\nDear Pat,\n\n{REJECT}\n\nBest regards,\nJordan Lee\n",
                encoding="utf-8")
    return start + timedelta(days=100)


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall-clock seconds, CPU seconds of the child, its output). The CPU time is the
    steadier figure on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return elapsed, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="followup-plan-bench-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    today = write_tree(root, args.applications, args.seed)
    command = [sys.executable, "-m", "followup"]
    scratch = Path(tempfile.mkdtemp(prefix="followup-plan-cache-"))
    cache = scratch / "letters.json"
    # as installed: Python's bytecode cached (in a scratch folder, not the source tree)
    env = {**os.environ, "FOLLOWUP_PLAN_CACHE": str(cache),
           "PYTHONPYCACHEPREFIX": str(scratch / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    plan = [*command, "plan", "--today", today.isoformat(), "--format", "json", str(root)]
    runs: dict[str, list[tuple[float, float]]] = {
        "version": [], "help": [], "cold": [], "warm": []}
    output = ""
    try:
        timed([*command, "plan", "--help"], env)  # compiles the bytecode once
        timed(plan, env)
        for _ in range(args.repeat):
            runs["version"].append(timed([*command, "--version"], env)[:2])
            runs["help"].append(timed([*command, "plan", "--help"], env)[:2])
            cache.unlink(missing_ok=True)
            wall, cpu, output = timed(plan, env)
            runs["cold"].append((wall, cpu))
            wall, cpu, warm_output = timed(plan, env)
            runs["warm"].append((wall, cpu))
            if warm_output != output:
                raise SystemExit("the warm plan differs from the cold one")
    finally:
        shutil.rmtree(scratch)
        if args.keep is None:
            shutil.rmtree(root)
    actions = json.loads(output)["actions"]
    states = {s: sum(1 for a in actions if a["state"] == s)
              for s in ("overdue", "due", "upcoming", "done")}
    best = {name: (min(w for w, _ in values), min(c for _, c in values))
            for name, values in runs.items()}
    start_wall, start_cpu = best["help"]
    print(f"applications: {args.applications}, letters per application 2-5, "
          f"actions: {len(actions)} {states}")
    print(f"{'':42s} {'wall':>6s} {'beyond':>7s}   {'CPU':>6s} {'beyond':>7s}")
    labels = {"version": "followup --version",
              "help": "followup plan --help (start-up)",
              "cold": "followup plan, cold (no letter cache)",
              "warm": "followup plan, warm (letters unchanged)"}
    for name, label in labels.items():
        wall, cpu = best[name]
        beyond = name in ("cold", "warm")
        print(f"{label:42s} {wall:6.2f} {wall - start_wall if beyond else 0:7.2f}   "
              f"{cpu:6.2f} {cpu - start_cpu if beyond else 0:7.2f}")
    print(f"(seconds, best of {args.repeat}; 'beyond' is beyond plan --help's start-up)")

if __name__ == "__main__":
    main()
