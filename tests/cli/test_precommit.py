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


# --- a real `git commit` through a local hook; the README's examples as written -----------

APPLICATIONS = REPO / "examples" / "applications"
GLOBEX = "globex-supply-chain-analyst"


def readme_hooks() -> list[dict]:
    """The YAML blocks of the README's "pre-commit and CI" section, parsed."""
    import re

    import yaml

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## pre-commit and CI\n", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section,
                                                          re.DOTALL)]


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=os.path.dirname(os.sys.executable)) or \
        shutil.which("pre-commit")
    assert found, "pre-commit is a test dependency (pip install -e '.[dev]')"
    return found


@pytest.fixture
def followup_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose `followup` is this checkout's, as an installed one would be."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "followup"
    shim.write_text(f'#!/bin/sh\nexec "{os.sys.executable}" -m followup "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(REPO / "src")}
    env.pop("GITHUB_ACTIONS", None)
    return env


@pytest.fixture
def coach(tmp_path: Path, followup_on_path: dict[str, str]) -> Path:
    """A coach's repository: three clients' applications, the README's local hook."""
    repo = tmp_path / "coach"
    shutil.copytree(APPLICATIONS, repo)
    (repo / "initech-operations-coordinator" / "status-inquiry.md").rename(
        tmp_path / "status-inquiry.md")  # committed later, in the test
    (repo / "followup.toml").write_text('grammar = "off"\n')
    local = next(block for block in readme_hooks() if block["repos"][0]["repo"] == "local")
    (repo / ".pre-commit-config.yaml").write_text(yaml_dump(local))
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "coach@example.org")
    git(repo, "config", "user.name", "Coach")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "three clients")
    subprocess.run([_pre_commit(), "install"], cwd=repo, check=True, capture_output=True,
                   env=followup_on_path)
    return repo


def yaml_dump(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False)


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True,
                          text=True, env=env, timeout=600, check=False)


def test_commit_of_a_letter_naming_another_clients_company_is_blocked(coach, followup_on_path):
    text = (coach / GLOBEX / "thank-you-renee-laurent.md").read_text(encoding="utf-8")
    (coach / GLOBEX / "leftover.md").write_text(
        text.replace("to Globex.", "to Acme Corporation."), encoding="utf-8")
    git(coach, "add", f"{GLOBEX}/leftover.md")
    blocked = commit(coach, followup_on_path, "note to Renée")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "followup lint" in out and "Failed" in out
    assert f"{GLOBEX}/leftover.md:" in out and "N005 wrong-company 'Acme Corporation'" in out
    assert "C006 duplicate-note" in out  # the same note as the one to Kwame Mensah-Bonsu
    # only the named letter is reported, not the letters it was compared with
    assert "thank-you-kwame-mensah-bonsu.eml:" not in out.replace(
        "(globex-supply-chain-analyst/thank-you-kwame-mensah-bonsu.eml)", "")
    log = subprocess.run(["git", "log", "--oneline"], cwd=coach, capture_output=True,
                         text=True, check=True).stdout
    assert "note to Renée" not in log


def test_good_letter_commits_while_another_clients_draft_is_broken(coach, followup_on_path,
                                                                  tmp_path):
    shutil.copy(EXAMPLE / "draft-thank-you.txt",
                coach / "acme-packaging-manager" / "draft-thank-you.txt")  # untracked
    broken = subprocess.run([os.sys.executable, "-m", "followup", "lint",
                             "acme-packaging-manager/draft-thank-you.txt"], cwd=coach,
                            env=followup_on_path, capture_output=True, text=True, check=False)
    assert broken.returncode == 1 and "T002 emoticon" in broken.stdout
    shutil.copy(tmp_path / "status-inquiry.md",
                coach / "initech-operations-coordinator" / "status-inquiry.md")
    git(coach, "add", "initech-operations-coordinator/status-inquiry.md")
    passed = commit(coach, followup_on_path, "status inquiry to Initech")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "followup lint" in out and "Passed" in out


def test_readme_remote_example_at_its_tag(tmp_path, letters):
    """The README's remote hook as written, its `repo:` pointed at a clone of this
    repository (the tag made there when the release is not tagged yet)."""
    remote = next(block for block in readme_hooks() if block["repos"][0]["repo"] != "local")
    (entry,) = remote["repos"]
    assert entry["rev"].startswith("v0.") and entry["hooks"] == [{"id": "followup-lint"}]
    clone = tmp_path / "followup-clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True,
                   capture_output=True)
    tags = subprocess.run(["git", "tag", "--list", entry["rev"]], cwd=clone,
                          capture_output=True, text=True, check=True).stdout.split()
    if entry["rev"] not in tags:
        git(clone, "tag", entry["rev"])
    entry["repo"] = str(clone)
    (letters / ".pre-commit-config.yaml").write_text(yaml_dump(remote))
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    run = [_pre_commit(), "run", "--all-files", "--color", "never"]
    good = subprocess.run(run, cwd=letters, capture_output=True, text=True, env=env,
                          timeout=900, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "followup lint" in good.stdout and "Passed" in good.stdout
    shutil.copy(EXAMPLE / "draft-thank-you.txt", letters / "acme" / "draft-thank-you.txt")
    git(letters, "add", ".")
    bad = subprocess.run(run, cwd=letters, capture_output=True, text=True, env=env,
                         timeout=900, check=False)
    assert bad.returncode == 1 and "T002 emoticon" in bad.stdout, bad.stdout + bad.stderr
