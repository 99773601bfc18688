"""From an installed wheel, outside the checkout: data files ship and are found."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from helpers import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(dist), str(REPO)], check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("followup-*.whl")
    env_dir = root / "env"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    result = subprocess.run([str(pip), "install", "--quiet", str(wheel)], capture_output=True,
                            text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    return env_dir


def test_wheel_contains_templates_and_models(installed: Path):
    python = installed / "bin" / "python"
    out = subprocess.run([str(python), "-c", "from followup.resources import models_dir, "
                          "templates_dir; print(models_dir()); print(templates_dir())"],
                         capture_output=True, text=True, check=True, cwd="/").stdout.split()
    models, templates = map(Path, out)
    assert "site-packages" in str(models) and "site-packages" in str(templates)
    assert (models / "emoticons.yaml").is_file()
    assert any(templates.iterdir())


def test_installed_command_lints_outside_the_checkout(installed: Path, tmp_path: Path):
    shutil.copytree(REPO / "examples" / "acme", tmp_path / "acme")
    followup = installed / "bin" / "followup"
    rules = subprocess.run([str(followup), "rules"], capture_output=True, text=True,
                           cwd=tmp_path, check=True)
    assert "T002" in rules.stdout
    result = subprocess.run([str(followup), "lint", "--grammar", "off", "--today",
                             "2026-11-20", "--format", "json", "acme"], capture_output=True,
                            text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1, result.stderr
    assert {"T002", "C004"} <= {f["code"] for f in json.loads(result.stdout)["findings"]}
