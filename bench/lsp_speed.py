"""Speed: re-lint of a 150-word letter on change in `followup lsp` vs a cold `followup lint`.

Both check the same letter with the offline rules (grammar off), as an editor would see
them:

    cold   `followup lint --grammar off letter.md`: a new process each time (Python,
           spaCy's import and pipeline, word lists, lexicons, the record)
    warm   `followup lsp` over stdio (Content-Length framed JSON-RPC, the client of
           tests/lsp/rpc.py): after didOpen, each didChange (one word edited) until the
           publishDiagnostics for that version arrives. The server waits DEBOUNCE seconds
           of quiet before it checks; the figure is shown with and without that wait.

Prints medians and the ratio warm / cold.

    python bench/lsp_speed.py [--changes 30] [--cold 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

from followup.lsp.server import DEBOUNCE  # noqa: E402
from lsp.rpc import LspClient  # noqa: E402

RECORD = """\
company: Acme Corporation
position: Part-time Packaging Manager
interview_date: 2026-11-20
interviewers:
  - name: Nick Claus
    email: nick.claus@acme.example
    topics: [holiday volume planning]
topics: [the warehouse tour, the new conveyor line]
"""

LETTER = """\
Dear Nick,

Thank you for meeting with me on Friday about the Part-time Packaging Manager role. I
enjoyed the warehouse tour and hearing how your team plans for the holiday volume, and
the new conveyor line sounds like a real step forward for the packing floor.

At Northwind I scheduled seasonal staff for three peak seasons and trained new packers
in their first week. I would bring that experience to your team, together with the habit
of checking every shift plan against the forecast before it goes out. I am confident it
would help the packing floor meet the December peak without overtime.

The conversation confirmed my interest in the position. If it helps, I can send the
shift templates I described, or references from my current manager. Thank you again
for your time and for the tour; I look forward to hearing about the next steps.

Best regards,
Jordan Lee
"""


def cold_lint(folder: Path, repeat: int) -> list[float]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "followup", "lint", "--grammar", "off",
                        "--today", "2026-11-20", "letter.md"], cwd=folder, env=env,
                       stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def warm_changes(folder: Path, changes: int) -> list[float]:
    client = LspClient("--today", "2026-11-20", cwd=folder)
    letter = folder / "letter.md"
    uri = letter.as_uri()
    times = []
    try:
        client.initialize(folder)
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": LETTER}})
        client.wait_for("textDocument/publishDiagnostics", lambda p: p.get("version") == 1)
        for version in range(2, changes + 2):
            text = LETTER.replace("three peak", f"{version} peak")
            since = len(client.notifications)
            start = time.perf_counter()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]})
            client.wait_for("textDocument/publishDiagnostics",
                            lambda p, v=version: p.get("version") == v, since=since)
            times.append(time.perf_counter() - start)
        client.close()
    finally:
        client.kill()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()
    words = len(LETTER.split())
    with tempfile.TemporaryDirectory() as raw:
        folder = Path(raw)
        (folder / "interview.yaml").write_text(RECORD, encoding="utf-8")
        (folder / "followup.toml").write_text('grammar = "off"\n', encoding="utf-8")
        (folder / "letter.md").write_text(LETTER, encoding="utf-8")
        cold = statistics.median(cold_lint(folder, args.cold))
        warm = statistics.median(warm_changes(folder, args.changes))
    print(f"letter: {words} words, salutation and sign-off included; offline rules")
    print(f"cold `followup lint --grammar off` (median of {args.cold})      {cold:8.3f} s")
    print(f"`followup lsp` didChange -> diagnostics (median of {args.changes}) "
          f"{warm:8.3f} s")
    print(f"  of which the debounce wait                              {DEBOUNCE:8.3f} s")
    print(f"  checking alone                                          "
          f"{warm - DEBOUNCE:8.3f} s")
    print(f"ratio warm / cold: {warm / cold:.3f} (target <= 0.15); "
          f"without the debounce: {(warm - DEBOUNCE) / cold:.3f}")


if __name__ == "__main__":
    main()
