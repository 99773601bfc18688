"""Speed: every offline rule of followup vs proselint, on the same 1,000 letters.

Writes two folders of 1,000 letters of 100-150 words (salutation, three short paragraphs,
sign-off; some carry the faults the rules look for) into a temporary folder:

- without a record: plain `.txt` letters, no interview record anywhere above them;
- record-linked: `.md` letters whose front matter (`record:`, `to:`, `kind:`, `date:`)
  links them all to ONE `interview.yaml` with 8 interviewers and their topics; the
  letters greet those interviewers by name, and some misspell a name or the company, use
  the wrong title, or greet no one ("Dear Hiring Manager,").

Then times, one after the other in this one run, as a user would run them:

    followup lint --grammar off <folder>      (every rule except LanguageTool's G001)
    proselint check <the same 1,000 files>

for each folder. Every command is a separate process, so each pays its own start-up
(Python, spaCy's import and the word lists for followup), runs from bytecode as an
installed package does (PYTHONDONTWRITEBYTECODE is dropped for them) and is run once
before the timed runs. Prints the wall times (best of `--repeat`) and the ratios
followup/proselint.

`--single` times one record-linked letter instead: `followup lint --grammar off` on it
against `python -c "import spacy; spacy.blank('en')"` in the same venv (best of
`--repeat`, default 5 here), the floor every spaCy-based linter pays.

    python bench/offline_speed.py [--letters 1000] [--seed 7] [--repeat 1] [--keep DIR]
    python bench/offline_speed.py --single [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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


COMPANY = "Brightwater Medical Supply"
RECORD = """\
company: Brightwater Medical Supply
company_aliases: [Brightwater]
position: Warehouse Operations Supervisor
interview_date: 2026-11-20T10:00
location: Brightwater distribution centre, Dayton
interviewers:
  - name: Priya Patel
    honorific: Ms.
    title: Operations Director
    topics: [holiday volume planning, seasonal staffing]
  - name: Kenji Tanaka
    honorific: Mr.
    title: Night Shift Lead
    topics: [the conveyor upgrade, jams at the merge point]
  - name: Deepak Raman
    nicknames: [Dee]
    title: Planning Analyst
    topics: [forecasting, the shift planner]
  - name: Wei Lim
    honorific: Dr.
    title: Quality Manager
    topics: [safety training, recyclable packaging]
  - name: Martha Okonkwo-Reyes
    honorific: Ms.
    title: Packaging Line Supervisor
    topics: [the new packing line, cross-training]
  - name: Samuel Ortiz
    nicknames: [Sam]
    honorific: Mr.
    title: Shipping Coordinator
    topics: [the two o'clock wave, carrier pickups]
  - name: Zoë Goodwin
    honorific: Ms.
    title: HR Business Partner
    topics: [onboarding, the benefits package]
  - name: Nicholas Claus
    nicknames: [Nick]
    honorific: Mr.
    title: Site Manager
    topics: [the Denver hub, the robots that pick small parts]
topics: [the warehouse tour, the scheduling system]
decision_date: 2026-12-04
contacts:
  - name: Dana Whitfield
    title: Recruiter
"""
# (name in `to:`, salutation); a few are the faults the name rules look for
ADDRESSEES = [
    ("Priya Patel", "Dear Ms. Patel,"), ("Kenji Tanaka", "Dear Mr. Tanaka,"),
    ("Deepak Raman", "Hi Deepak,"), ("Wei Lim", "Dear Dr. Lim,"),
    ("Martha Okonkwo-Reyes", "Dear Ms. Okonkwo-Reyes,"), ("Samuel Ortiz", "Hey Sam,"),
    ("Zoë Goodwin", "Hello Ms. Goodwin,"), ("Nicholas Claus", "Dear Nick,"),
    ("Martha Okonkwo-Reyes", "Dear Ms. Okonkwo-Reyse,"),  # misspelt name
    ("Kenji Tanaka", "Dear Ms. Tanaka,"),  # wrong honorific
    ("Wei Lim", "Dear Hiring Manager,"),  # generic salutation
    ("Priya Patel", "Dear Ms. Patell,"),  # misspelt name
]
COMPANY_SENTENCES = [
    f"I would welcome the chance to bring that experience to {COMPANY}.",
    "I left even more excited about joining Brightwater.",
    "I left even more excited about joining Brightwatter.",  # misspelt company
    f"It was a pleasure to see how {COMPANY} runs its night shift.",
]


def record_letter(rng: random.Random) -> str:
    """A letter with front matter linking it to the record, greeting one of its people."""
    name, salutation = rng.choice(ADDRESSEES)
    text = letter(rng).split("\n", 1)[1]  # the generated letter without its salutation
    paragraphs = text.split("\n\n")
    paragraphs[2] = f"{paragraphs[2]} {rng.choice(COMPANY_SENTENCES)}"
    kind = rng.choice(["thank-you", "thank-you", "thank-you", "status-inquiry"])
    return (f"---\nrecord: ../interview.yaml\nto: {name}\nkind: {kind}\n"
            f"date: 2026-11-2{rng.randint(0, 4)}\n---\n\n{salutation}\n"
            + "\n\n".join(paragraphs))


def write_record_letters(folder: Path, count: int, seed: int) -> list[Path]:
    """`folder/interview.yaml` and `folder/letters/letter-NNNN.md` linked to it."""
    rng = random.Random(seed)
    (folder / "interview.yaml").write_text(RECORD, encoding="utf-8")
    letters_dir = folder / "letters"
    letters_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = letters_dir / f"letter-{index:04d}.md"
        path.write_text(record_letter(rng), encoding="utf-8")
        paths.append(path)
    return paths


def write_letters(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = folder / f"letter-{index:04d}.txt"
        path.write_text(letter(rng), encoding="utf-8")
        paths.append(path)
    return paths


# Both tools run as installed packages do, from bytecode: PYTHONDONTWRITEBYTECODE (set in
# some shells and CI images) would make every followup run compile its own sources again.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the command and its worker processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False, env=CHILD_ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def body_words(path: Path) -> int:
    """Words of the letter without its front matter."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return len(text.split())


def best_of(commands: dict[str, list[str]], cwd: Path, repeat: int
            ) -> dict[str, tuple[float, float]]:
    """Best wall time of each command over `repeat` rounds (the commands alternate), and
    the least CPU time of a run: on a machine shared with other jobs the wall time
    follows the load; the CPU time much less so."""
    best: dict[str, tuple[float, float]] = {}
    for command in commands.values():  # a warm-up: bytecode written, files in the cache
        timed(command, cwd)
    for _ in range(repeat):
        for name, command in commands.items():
            elapsed, cpu = timed(command, cwd)
            wall, least = best.get(name, (elapsed, cpu))
            best[name] = (min(wall, elapsed), min(least, cpu))
    return best


def single(folder: Path, seed: int, repeat: int) -> None:
    """One record-linked letter against the spaCy floor."""
    paths = write_record_letters(_fresh(folder / "application"), 1, seed)
    followup = [tool("followup"), "lint", "--grammar", "off", "--fail-on", "never",
                str(paths[0])]
    floor = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
    best = best_of({"followup": followup, "spacy": floor}, folder, repeat)
    print(f"one record-linked letter ({body_words(paths[0])} words), best of {repeat}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"{'':<48}{'wall':>8}{'cpu':>8}")
    shown = "python -c \"import spacy; spacy.blank('en')\""
    for label, name in (("followup lint --grammar off <letter>", "followup"),
                        (shown, "spacy")):
        print(f"{label:<48}{best[name][0]:>7.2f}s{best[name][1]:>7.2f}s")
    print(f"ratio followup/spaCy floor: {best['followup'][0] / best['spacy'][0]:.2f}x wall, "
          f"{best['followup'][1] / best['spacy'][1]:.2f}x cpu (goal <= 1.25x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, help="best of N runs each (default 1; 5 "
                        "with --single)")
    parser.add_argument("--keep", type=Path, help="write the letters here and keep them")
    parser.add_argument("--single", action="store_true",
                        help="one record-linked letter against the spaCy floor")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="followup-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if args.single:
            single(folder, args.seed, args.repeat or 5)
            return
        cases = {
            "without a record": write_letters(_fresh(folder / "plain"), args.letters,
                                              args.seed),
            "record-linked": write_record_letters(_fresh(folder / "application"),
                                                  args.letters, args.seed),
        }
        goals = {"without a record": 0.7, "record-linked": 0.8}
        print(f"{args.letters} letters per case, body {_words(cases)} words, "
              f"{os.cpu_count()} CPUs, best of {args.repeat or 1}, load average "
              f"{os.getloadavg()[0]:.1f} at the start")
        print(f"{'':<20}{'followup':>18}{'proselint':>18}{'followup/proselint':>22}")
        print(f"{'case':<20}{'wall':>9}{'cpu':>9}{'wall':>9}{'cpu':>9}{'wall':>11}"
              f"{'cpu':>7}{'goal':>9}")
        for name, paths in cases.items():
            followup = [tool("followup"), "lint", "--grammar", "off", "--fail-on", "never",
                        str(paths[0].parent)]
            proselint = [tool("proselint"), "check", *map(str, paths)]
            best = best_of({"followup": followup, "proselint": proselint}, folder,
                           args.repeat or 1)
            (ours, ours_cpu), (theirs, theirs_cpu) = best["followup"], best["proselint"]
            print(f"{name:<20}{ours:>8.2f}s{ours_cpu:>8.2f}s{theirs:>8.2f}s"
                  f"{theirs_cpu:>8.2f}s{ours / theirs:>10.2f}x{ours_cpu / theirs_cpu:>6.2f}x"
                  f"{'<= ' + str(goals[name]) + 'x':>9}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _words(cases: dict[str, list[Path]]) -> str:
    counts = [body_words(p) for paths in cases.values() for p in paths]
    return f"{min(counts)}-{max(counts)}"


if __name__ == "__main__":
    main()
