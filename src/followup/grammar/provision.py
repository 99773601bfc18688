"""`followup languagetool install`: LanguageTool from Maven Central, English only.

Maven resolves `org.languagetool:languagetool-server` (without `language-all`, which
carries every language) plus `language-en` with their dependencies into

    <home>/LanguageTool-<version>/libs/*.jar
    <home>/LanguageTool-<version>/languagetool-server.jar   (manifest only: Class-Path libs/...)

where <home> is `$FOLLOWUP_LANGUAGETOOL_HOME` or the platformdirs user cache folder
`followup/languagetool`. That is the layout language-tool-python expects under `LTP_PATH`,
so `LTP_PATH=<home>` lets it start the same server. The folder is built beside its final
place and renamed into it, so an interrupted install never leaves a half-made folder, and a
lock file makes concurrent installs wait for each other.

LanguageTool 6.x's server also initialises its language detector with Spanish, Catalan and
Portuguese (`CommonWordsDetector`), so those three small language modules come along
(about 20 MB); without them the server does not start.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout

from . import GrammarError

#: newest first; 6.6 and later need Java 17
VERSIONS = ("6.8", "6.7")
GROUP = "org.languagetool"
SERVER_ARTIFACT = "languagetool-server"
LANGUAGE_ARTIFACTS = ("language-en",)
#: needed by the server's language detector at start-up (see module docstring)
DETECTOR_ARTIFACTS = ("language-es", "language-ca", "language-pt")
EXCLUDED_ARTIFACTS = ("language-all",)
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
MARKER = ".followup-install.json"
HOME_ENV = "FOLLOWUP_LANGUAGETOOL_HOME"
MVN_ENV = "FOLLOWUP_MVN"
JAVA_ENV = "FOLLOWUP_JAVA"

Echo = Callable[[str], None]


@dataclass(frozen=True)
class Installation:
    version: str
    path: Path  # the LanguageTool-<version> folder

    @property
    def libs(self) -> Path:
        return self.path / "libs"

    @property
    def server_jar(self) -> Path:
        return self.path / "languagetool-server.jar"

    @property
    def classpath(self) -> str:
        return str(self.libs / "*")


def languagetool_home() -> Path:
    """Where installations live (also a valid `LTP_PATH` for language-tool-python)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("followup")) / "languagetool"


def install_dir(version: str) -> Path:
    return languagetool_home() / f"LanguageTool-{version}"


def find_installation(version: str | None = None) -> Installation | None:
    """The newest complete installation (or the given version), or None."""
    for candidate in ((version,) if version else VERSIONS):
        folder = install_dir(candidate)
        if _complete(folder, candidate):
            return Installation(candidate, folder)
    return None


def require_installation() -> Installation:
    found = find_installation()
    if found is None:
        raise GrammarError(
            "LanguageTool is not installed; run `followup languagetool install` "
            f"(it goes to {languagetool_home()})")
    return found


def _complete(folder: Path, version: str) -> bool:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or data.get("version") != version:
        return False
    jars = data.get("jars")
    return (isinstance(jars, list) and bool(jars)
            and (folder / "languagetool-server.jar").is_file()
            and all((folder / "libs" / str(j)).is_file() for j in jars))


# --- tools ---------------------------------------------------------------------------

def java_command() -> str:
    """The `java` executable, or a GrammarError saying how to get one."""
    explicit = os.environ.get(JAVA_ENV)
    if explicit:
        return explicit
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise GrammarError("Java is not installed; LanguageTool needs Java 17 or newer "
                           "(for instance `apt-get install openjdk-17-jre-headless`)")
    return found


def java_major_version(java: str | None = None) -> int:
    java = java or java_command()
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GrammarError(f"cannot run Java ({java}): {exc}") from None
    output = done.stderr + done.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', output)
    if not match:
        raise GrammarError(f"cannot tell the Java version from `{java} -version`")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_292"
        major = int(match.group(2))
    return major


def mvn_command() -> str:
    explicit = os.environ.get(MVN_ENV)
    if explicit:
        return explicit
    found = shutil.which("mvn")
    if not found:
        raise GrammarError("Maven (`mvn`) is needed to fetch LanguageTool from Maven Central; "
                           "install it with `apt-get install maven`")
    return found


# --- install -------------------------------------------------------------------------

def _pom(version: str) -> str:
    exclusions = "".join(
        f"<exclusion><groupId>{GROUP}</groupId><artifactId>{a}</artifactId></exclusion>"
        for a in EXCLUDED_ARTIFACTS)
    deps = [f"<dependency><groupId>{GROUP}</groupId><artifactId>{SERVER_ARTIFACT}</artifactId>"
            f"<version>{version}</version><exclusions>{exclusions}</exclusions></dependency>"]
    deps += [f"<dependency><groupId>{GROUP}</groupId><artifactId>{a}</artifactId>"
             f"<version>{version}</version></dependency>"
             for a in (*LANGUAGE_ARTIFACTS, *DETECTOR_ARTIFACTS)]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <groupId>followup.local</groupId>\n"
        "  <artifactId>languagetool-provision</artifactId>\n"
        "  <version>1</version>\n"
        "  <packaging>pom</packaging>\n"
        "  <dependencies>\n    " + "\n    ".join(deps) + "\n  </dependencies>\n"
        "</project>\n")


def _manifest(jars: list[str]) -> bytes:
    """A JAR manifest: lines of at most 72 bytes, continued with a leading space."""
    class_path = " ".join(["./", *(f"libs/{j}" for j in jars)])
    lines = ["Manifest-Version: 1.0", f"Main-Class: {MAIN_CLASS}",
             "Created-By: followup languagetool install", f"Class-Path: {class_path}"]
    out: list[bytes] = []
    for line in lines:
        raw = line.encode("utf-8")
        out.append(raw[:72])
        raw = raw[72:]
        while raw:
            out.append(b" " + raw[:71])
            raw = raw[71:]
    return b"\r\n".join(out) + b"\r\n\r\n"


def _class_major(jar: Path) -> int | None:
    """The class-file major version of the first class in `jar` (61 = Java 17)."""
    try:
        with zipfile.ZipFile(jar) as archive:
            for name in archive.namelist():
                if name.endswith(".class") and not name.startswith("META-INF/"):
                    head = archive.read(name)[:8]
                    return int.from_bytes(head[6:8], "big")
    except (OSError, zipfile.BadZipFile):
        return None
    return None


def _resolve(version: str, target: Path, echo: Echo) -> list[str]:
    """Run Maven to copy the jars of `version` into `target/libs`; return their names."""
    mvn = mvn_command()
    with tempfile.TemporaryDirectory(prefix="followup-lt-pom-") as work:
        pom = Path(work) / "pom.xml"
        pom.write_text(_pom(version), encoding="utf-8")
        libs = target / "libs"
        command = [mvn, "-B", "-q", "-f", str(pom), f"{DEPENDENCY_PLUGIN}:copy-dependencies",
                   f"-DoutputDirectory={libs}", "-DincludeScope=runtime",
                   "-Dmdep.useRepositoryLayout=false"]
        echo(f"Resolving LanguageTool {version} from Maven Central with {mvn} ...")
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=1800,
                                  cwd=work)
        except subprocess.TimeoutExpired:
            raise GrammarError("Maven took more than 30 minutes to fetch LanguageTool") from None
        except OSError as exc:
            raise GrammarError(f"cannot run Maven ({mvn}): {exc.strerror}") from None
        if done.returncode != 0:
            tail = [line for line in (done.stdout + done.stderr).splitlines()
                    if "ERROR" in line][:3]
            detail = "; ".join(t.replace("[ERROR]", "").strip() for t in tail)
            raise GrammarError(f"Maven could not fetch LanguageTool {version}"
                               + (f": {detail}" if detail else ""))
    jars = sorted(p.name for p in libs.glob("*.jar"))
    if not any(j.startswith(f"{SERVER_ARTIFACT}-") for j in jars):
        raise GrammarError(f"Maven fetched no {SERVER_ARTIFACT} jar for LanguageTool {version}")
    return jars


def install(version: str | None = None, force: bool = False,
            echo: Echo = lambda _m: None) -> Installation:
    """Provision LanguageTool (idempotent). Picks the newest version this Java can run."""
    java_major = java_major_version()
    if java_major < 17:
        raise GrammarError(f"LanguageTool {VERSIONS[-1]} and later need Java 17 or newer; "
                           f"this machine's Java is {java_major}")
    candidates = (version,) if version else VERSIONS
    if not force:
        for candidate in candidates:
            found = find_installation(candidate)
            if found is not None:
                echo(f"LanguageTool {found.version} is already installed in {found.path}")
                return found
    home = languagetool_home()
    home.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(home / ".install.lock"))
    try:
        lock.acquire(timeout=1800)
    except Timeout:
        raise GrammarError(f"another install holds {home / '.install.lock'}") from None
    try:
        if not force:  # somebody may have finished it while we waited
            for candidate in candidates:
                found = find_installation(candidate)
                if found is not None:
                    return found
        last_error: GrammarError | None = None
        for position, candidate in enumerate(candidates):
            try:
                return _install_version(candidate, java_major, home, echo)
            except GrammarError as exc:
                last_error = exc
                if position + 1 < len(candidates):
                    echo(f"{exc}; trying LanguageTool {candidates[position + 1]}")
        assert last_error is not None
        raise last_error
    finally:
        lock.release()


def _install_version(version: str, java_major: int, home: Path, echo: Echo) -> Installation:
    staging = Path(tempfile.mkdtemp(prefix=f".LanguageTool-{version}-", dir=home))
    try:
        jars = _resolve(version, staging, echo)
        server_jar = next(j for j in jars if j.startswith(f"{SERVER_ARTIFACT}-"))
        major = _class_major(staging / "libs" / server_jar)
        if major is not None and major - 44 > java_major:
            raise GrammarError(f"LanguageTool {version} needs Java {major - 44}; "
                               f"this machine's Java is {java_major}")
        with zipfile.ZipFile(staging / "languagetool-server.jar", "w") as archive:
            archive.writestr("META-INF/MANIFEST.MF", _manifest(jars))
        (staging / MARKER).write_text(json.dumps({"version": version, "jars": jars}, indent=1),
                                      encoding="utf-8")
        final = home / f"LanguageTool-{version}"
        if final.exists():
            old = home / f".old-{final.name}-{os.getpid()}"
            os.replace(final, old)
            shutil.rmtree(old, ignore_errors=True)
        os.replace(staging, final)
        size = sum(p.stat().st_size for p in (final / "libs").glob("*.jar")) / 1e6
        echo(f"Installed LanguageTool {version} ({len(jars)} jars, {size:.0f} MB) in {final}")
        return Installation(version, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
