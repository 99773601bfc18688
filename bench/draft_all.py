"""Speed: `followup draft thank-you-email --all` for a record with many interviewers.

Issue 10 measured 17 s for 1,000 interviewers and quadratic growth (10,000 never
finished). This writes a record with N interviewers (distinct names, some with the same
name twice, so duplicate file names are numbered) and a profile into a temporary folder,
then times `followup draft thank-you-email --all --format txt` as a separate process for
each N and prints the time beyond start-up (`followup --version`) and the ratio to the
first N.

    python bench/draft_all.py [--sizes 1000,10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Nick", "Siobhán", "Kwame", "Renée", "Anna", "José", "Priya", "Grace", "Tomasz",
         "Aiko", "Oluwaseun", "Marta", "Deepak", "Lena", "Chen"]
LAST = ["Claus", "O'Brien", "Mensah-Bonsu", "Laurent", "van der Berg", "Núñez", "Raman",
        "Hopper", "Kowalski", "Tanaka", "Adeyemi", "García", "Patel", "Fischer", "Wei"]


def write_application(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    lines = ["company: Acme Corporation", "position: Packaging Manager",
             "interview_date: 2026-11-20T10:00", "interviewers:"]
    for index in range(count):
        # every 50th person repeats the previous name: numbered file names
        number = index - 1 if index % 50 == 49 else index
        name = f"{FIRST[number % len(FIRST)]} {LAST[(number // len(FIRST)) % len(LAST)]}" \
            f" {number:05d}"
        lines += [f"  - name: {name}", f"    title: Manager {index % 7}",
                  f"    topics: [holiday volume {index % 13}]"]
    (folder / "interview.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "profile.yaml").write_text(
        "name: Jordan Smith\nemail: jordan@example.com\nstrengths: [scheduling]\n",
        encoding="utf-8")


def timed(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "followup", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"followup {' '.join(args)} failed ({done.returncode}):\n"
                         f"{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    root = args.keep or Path(tempfile.mkdtemp(prefix="followup-draft-all-"))
    try:
        startup = timed(["--version"], root)
        print(f"start-up (followup --version): {startup:.2f} s")
        first = None
        for size in sizes:
            folder = root / f"app-{size}"
            write_application(folder, size)
            elapsed = timed(["draft", "thank-you-email", "--all", "--format", "txt"],
                            folder) - startup
            written = sum(1 for p in folder.iterdir() if p.suffix == ".txt")
            first = first or (elapsed / size)
            print(f"{size:>6} interviewers: {elapsed:7.2f} s beyond start-up, "
                  f"{written} drafts, {1000 * elapsed / size:.2f} ms each "
                  f"({elapsed / size / first:.2f}x the first size's per-draft time)")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
