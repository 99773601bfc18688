"""How fast is grammar checking? Run: python bench/languagetool_speed.py [--letters 1000]

(a) a cold language-tool-python start (LTP_PATH pointing at our installation) + one check,
    against (b) a second `followup lint` of one letter (subprocess) with the persistent
    server already running (cached, and with a changed letter that is not cached);
(c) N letters of ~150 words through our concurrent client (GrammarSession: cache lookups,
    thread pool, parsing, cache writes) against the same texts sent straight to /v2/check
    with requests, sequentially and concurrently, in the same run and on the same server
    (its sentence cache off, so no run profits from an earlier one);
(d) start-up time and resident memory of the English-only server.

Needs `followup languagetool install` first. Prints a small table.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from followup.grammar import server as server_module
from followup.grammar.provision import languagetool_home, require_installation
from followup.grammar.session import GrammarSession, GrammarSettings

OPENINGS = [
    "Thank you for taking the time to meet with me {when} about the {position} role.",
    "I appreciated the chance to speak with you {when} about the {position} position at "
    "{company}.",
    "Thank you for the thoughtful conversation {when} about joining {company} as a "
    "{position}.",
]
MIDDLES = [
    "I especially enjoyed hearing how your team approaches {topic}, and it made me even more "
    "excited about the work ahead.",
    "Our discussion of {topic} stayed with me, because it connects closely to the projects I "
    "led in my previous role.",
    "It was encouraging to learn that the team values careful planning and open feedback, "
    "which matches the way I like to work.",
    "Learning about the plans for {topic} next year helped me see where I could contribute "
    "from the first month.",
    "I was glad to hear that new members of the team are given real responsibility early, "
    "since I do my best work when I own a problem.",
    "The examples you shared about {topic} showed me how much the team cares about quality "
    "and about the people who use its products.",
    "In my current job I improved our reporting process and cut the time it took by almost "
    "half, and I would bring the same focus to this role.",
    "I have spent the last three years working on {topic}, so the challenges you described "
    "felt familiar and interesting at the same time.",
]
TYPO_SENTENCES = [
    "I beleive my experience with {topic} would help the team.",
    "He go to every planning meeting, and I would do the same.",
    "Thank you again for you time and for the tour of the office.",
]
CLOSINGS = [
    "Please let me know if I can provide any further information. I look forward to hearing "
    "from you about the next steps.",
    "If it would help, I am happy to share samples of my work. Thank you again for your time "
    "and consideration.",
    "I am very interested in this opportunity and hope to hear from you soon. Thank you once "
    "more for your time.",
]
NAMES = ["Ms. Carter", "Mr. Alvarez", "Dr. Chen", "Ms. Johnson", "Mr. Patel", "Ms. Nguyen"]
COMPANIES = ["Northwind", "Bluebird Analytics", "Harbor Health", "Summit Bank", "Greenfield"]
POSITIONS = ["data analyst", "product manager", "software engineer", "marketing associate",
             "operations coordinator"]
TOPICS = ["customer research", "data quality", "the mobile app", "supply planning",
          "accessibility", "onboarding", "forecasting"]
WHENS = ["yesterday", "on Tuesday", "this morning", "last week"]


def make_letter(rng: random.Random, index: int) -> str:
    facts = {"company": rng.choice(COMPANIES), "position": rng.choice(POSITIONS),
             "topic": rng.choice(TOPICS), "when": rng.choice(WHENS)}
    body = [rng.choice(OPENINGS)]
    middles = rng.sample(MIDDLES, 4)
    if rng.random() < 0.3:
        middles[rng.randrange(4)] = rng.choice(TYPO_SENTENCES)
    body += middles
    body.append(rng.choice(CLOSINGS))
    paragraphs = [" ".join(body[:3]), " ".join(body[3:5]), body[5]]
    text = f"Dear {rng.choice(NAMES)},\n\n" + "\n\n".join(paragraphs)
    text += f"\n\nBest regards,\nJordan Lee (letter {index})"
    return text.format(**facts)


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def bench_ltp(sample: str, version: str) -> float | str:
    """(a) a cold language-tool-python start + one check, in a fresh interpreter."""
    code = (
        "import time, language_tool_python as l\n"
        "t = time.perf_counter()\n"
        f"tool = l.LanguageTool('en-US', language_tool_download_version={version!r})\n"
        f"tool.check({sample!r})\n"
        "print(time.perf_counter() - t)\n"
        "tool.close()\n")
    env = dict(os.environ, LTP_PATH=str(languagetool_home()))
    env.setdefault("JDK_JAVA_OPTIONS", "-Xmx512m")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=600)
    if done.returncode != 0:
        return "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:80]
    return float(done.stdout.strip().splitlines()[-1])


def bench_lint(sample: str, env: dict[str, str]) -> tuple[float, float, float]:
    """(b) `followup lint` of one letter: first, second (cached), changed (not cached)."""
    exe = shutil.which("followup", path=str(Path(sys.executable).parent)) or "followup"
    folder = Path(tempfile.mkdtemp(prefix="followup-bench-"))
    letter = folder / "letter.md"
    letter.write_text("---\nkind: thank-you\n---\n" + sample + "\n")

    def run() -> float:
        start = time.perf_counter()
        subprocess.run([exe, "lint", "--no-color", str(letter)], capture_output=True,
                       env=env, timeout=300)
        return time.perf_counter() - start

    first = run()
    second = run()
    letter.write_text("---\nkind: thank-you\n---\n" + sample.replace("Dear", "Hello") + "\n")
    changed = run()
    shutil.rmtree(folder, ignore_errors=True)
    return first, second, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--warmup", type=int, default=300, help="letters to warm the JIT up")
    parser.add_argument("--skip-ltp", action="store_true")
    args = parser.parse_args()

    installation = require_installation()
    rng = random.Random(5)
    letters = [make_letter(rng, i) for i in range(args.letters)]
    words = sum(len(t.split()) for t in letters) / len(letters)
    rows: list[tuple[str, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="followup-bench-state-"))
    os.environ["FOLLOWUP_STATE_DIR"] = str(tmp / "state")
    os.environ["FOLLOWUP_GRAMMAR_CACHE"] = str(tmp / "cache")
    os.environ.pop("FOLLOWUP_LANGUAGETOOL_URL", None)

    # (d) start-up and memory; the sentence cache off so runs in (c) cannot help each other
    server_module.SERVER_PROPERTIES["cacheSize"] = "0"
    startup, server = timed(lambda: server_module.launch(installation, timeout=300))
    rss_start = server_module.memory_rss_kb(server.pid) or 0
    try:
        # (c) N letters: warm the JIT up on other letters, then alternate ours and raw
        warm = GrammarSession(GrammarSettings(url=server.url, workers=args.workers))
        warm.cache.enabled = False
        warm_rng = random.Random(99)
        warm.check_texts([make_letter(warm_rng, i) for i in range(args.warmup)])
        workers = warm._client.workers if warm._client else 8  # noqa: SLF001

        def ours() -> None:
            session = GrammarSession(GrammarSettings(url=server.url, workers=args.workers))
            session.cache.folder = tmp / f"cache-{time.monotonic_ns()}"  # always empty
            results = session.check_texts(letters)
            assert all(r is not None for r in results), session.errors
            session.close()

        http = requests.Session()
        http.trust_env = False

        def raw_one(text: str) -> None:
            response = http.post(f"{server.url}/v2/check",
                                 data={"text": text, "language": "en-US"}, timeout=120)
            response.raise_for_status()
            response.json()

        def raw_sequential() -> None:
            for text in letters:
                raw_one(text)

        def raw_concurrent() -> None:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(raw_one, letters))

        t_ours1, _ = timed(ours)
        t_conc1, _ = timed(raw_concurrent)
        t_ours2, _ = timed(ours)
        t_conc2, _ = timed(raw_concurrent)
        t_seq, _ = timed(raw_sequential)
        t_ours, t_conc = min(t_ours1, t_ours2), min(t_conc1, t_conc2)
        rss_after = server_module.memory_rss_kb(server.pid) or 0
    finally:
        server.stop()

    # (b) a persistent server (normal settings) and `followup lint`
    server_module.SERVER_PROPERTIES["cacheSize"] = "2000"
    env = dict(os.environ)
    info, _ = server_module.start_persistent(timeout=300)
    try:
        first, second, changed = bench_lint(letters[0], env)
    finally:
        server_module.stop_persistent()

    # (a) cold language-tool-python
    ltp = "skipped" if args.skip_ltp else bench_ltp(letters[0], installation.version)

    rows.append(("LanguageTool", f"{installation.version} ({installation.path})"))
    rows.append(("CPUs", str(os.cpu_count())))
    rows.append(("(a) cold language-tool-python start + 1 check",
                 f"{ltp:.2f} s" if isinstance(ltp, float) else ltp))
    rows.append(("(b) `followup lint` 1 letter, server running: 1st / 2nd (cached) / "
                 "changed", f"{first:.2f} s / {second:.2f} s / {changed:.2f} s"))
    if isinstance(ltp, float):
        rows.append(("    ratio (a) / (b) 2nd, (a) / (b) changed",
                     f"{ltp / second:.1f}x, {ltp / changed:.1f}x"))
    rows.append((f"(c) {len(letters)} letters (~{words:.0f} words), ours ({workers} workers)",
                 f"{t_ours:.2f} s  (runs: {t_ours1:.2f}, {t_ours2:.2f}; best of 2 each)"))
    rows.append(("    raw /v2/check sequential", f"{t_seq:.2f} s"))
    rows.append((f"    raw /v2/check concurrent ({workers} threads)",
                 f"{t_conc:.2f} s  (runs: {t_conc1:.2f}, {t_conc2:.2f})"))
    rows.append(("    ratio ours / raw concurrent (target <= 1.2)", f"{t_ours / t_conc:.2f}"))
    rows.append(("    ratio ours / raw sequential", f"{t_ours / t_seq:.2f}"))
    rows.append(("(d) server start-up until first check answered", f"{startup:.2f} s"))
    rows.append(("    server RSS after start / after the letters",
                 f"{rss_start / 1024:.0f} MB / {rss_after / 1024:.0f} MB (-Xmx512m)"))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
