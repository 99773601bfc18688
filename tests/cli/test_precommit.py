"""The pre-commit hook, run by the real `pre-commit try-repo` over a git repository of letters."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO

EXAMPLE = REPO / "examples" / "acme"
pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(cwd: Path) -> subprocess.CompletedProcess[str]:
    pre_commit = shutil.which("pre-commit", path=os.path.dirname(os.sys.executable)) or \
        shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency (pip install -e '.[dev]')"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([pre_commit, "try-repo", str(REPO), "followup-lint", "--all-files",
                           "--color", "never"], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=900, check=False)


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    repo = tmp_path / "letters"
    (repo / "acme").mkdir(parents=True)
    for name in ("interview.yaml", "thank-you-nick-claus.md",
                 "thank-you-martha-okonkwo-reyes.eml"):
        shutil.copy(EXAMPLE / name, repo / "acme" / name)
    # the grammar check has its own tests; the hook test is about the hook
    (repo / "followup.toml").write_text('grammar = "off"\n')
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "letters")
    return repo


def test_hook_passes_on_good_letters_and_fails_on_a_bad_one(letters: Path):
    good = try_repo(letters)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "followup lint" in good.stdout and "Passed" in good.stdout

    shutil.copy(EXAMPLE / "draft-thank-you.txt", letters / "acme" / "draft-thank-you.txt")
    git(letters, "add", ".")
    bad = try_repo(letters)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "acme/draft-thank-you.txt:3:" in bad.stdout and "T002 emoticon" in bad.stdout
