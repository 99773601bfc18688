"""Templates: their headers, the loader over the user's and the bundled folders, and whom
each template is addressed to."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import (
    BaseLoader,
    TemplateNotFound,
)

from ..errors import UserError
from ..records import Contact, Record

TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")
BUILTIN_PREFIX = "builtin:"
KINDS = ("thank-you", "status-inquiry", "reference", "rejection-reply", "other")
AUDIENCES = ("recruiters", "interviewers", "contacts", "references")
_NAME_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_HEADER = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.DOTALL)
_EXTENDS = re.compile(r"\{%-?\s*extends\s+(['\"])(.+?)\1")


class DraftError(UserError):
    """A draft that cannot be made: unknown template, person, missing variable, file exists."""


# --- templates and their headers -----------------------------------------------------


@dataclass(frozen=True)
class TemplateInfo:
    """What a template's header says about it."""

    name: str
    path: Path
    builtin: bool
    description: str = ""
    kind: str = "other"
    to: tuple[str, ...] = ("interviewers",)
    audience: tuple[str, ...] = ()  # whom it may go to at all; empty: the groups in `to`
    each: bool = False
    file: str = ""
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()
    extends: str | None = None
    problem: str | None = None  # a header that could not be read

    @property
    def file_stem(self) -> str:
        return self.file or self.name


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def read_header(source: str) -> dict[str, Any]:
    """The YAML mapping in the template's opening comment (empty when there is none).

    Raises ValueError when the comment is there but is not a YAML mapping.
    """
    match = _HEADER.match(source)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ValueError(f"header comment is not valid YAML: {exc}") from None
    if data is None or isinstance(data, str):
        return {"description": data.strip()} if isinstance(data, str) else {}
    if not isinstance(data, dict):
        raise ValueError("header comment must be a YAML mapping (description:, kind: ...)")
    return data


def template_info(name: str, path: Path, builtin: bool, source: str,
                  parent: Callable[[str], TemplateInfo | None] | None = None) -> TemplateInfo:
    """Build a TemplateInfo from the header; keys a child leaves out come from its parent."""
    extends = _EXTENDS.search(source)
    problem = None
    try:
        header = read_header(source)
    except ValueError as exc:
        header, problem = {}, str(exc)
    base: TemplateInfo | None = None
    override = False  # a user template replacing the built-in of its own name
    if extends and parent is not None:
        target = extends.group(2)
        if not builtin and target in _self_name(name, path):
            target = BUILTIN_PREFIX + target
            override = True
        base = parent(target)
    kind = str(header.get("kind", base.kind if base else "other"))
    if kind not in KINDS:
        problem = problem or f"kind '{kind}' is not one of {', '.join(KINDS)}"
        kind = "other"
    to = _strings(header["to"]) if "to" in header else (base.to if base else ("interviewers",))
    bad = [t for t in to if t not in AUDIENCES]
    if bad:
        problem = problem or f"to: '{bad[0]}' is not one of {', '.join(AUDIENCES)}"
        to = tuple(t for t in to if t in AUDIENCES) or ("interviewers",)
    groups = _strings(header["audience"]) if "audience" in header \
        else (base.audience if base else to)
    bad = [g for g in groups if g not in AUDIENCES]
    if bad:
        problem = problem or f"audience: '{bad[0]}' is not one of {', '.join(AUDIENCES)}"
        groups = tuple(g for g in groups if g in AUDIENCES)
    return TemplateInfo(
        name=name,
        path=path,
        builtin=builtin,
        description=" ".join(str(header.get(
            "description", base.description if base and override
            else f"Based on {extends.group(2)}." if extends else "")).split()),
        kind=kind,
        to=to,
        audience=groups or to,
        each=bool(header.get("each", base.each if base else False)),
        file=str(header.get("file", base.file if base and override else "")),
        required=_strings(header["required"]) if "required" in header
        else (base.required if base else ()),
        optional=_strings(header["optional"]) if "optional" in header
        else (base.optional if base else ()),
        blocks=_strings(header["blocks"]) if "blocks" in header
        else (base.blocks if base else ()),
        extends=extends.group(2) if extends else None,
        problem=problem,
    )


class TemplateLoader(BaseLoader):
    """Looks a template name up in the user's folders, then the bundled folder.

    Names are plain relative names (`thank-you-email`, `letters/formal`), with or without
    the suffix; anything absolute, with `..`, backslashes or odd characters is not found,
    and a symbolic link that leads out of its folder is ignored.
    """

    def __init__(self, user_dirs: Sequence[Path], builtin_dir: Path | None) -> None:
        self.folders: list[tuple[Path, bool]] = [(Path(d), False) for d in user_dirs]
        if builtin_dir is not None:
            self.folders.append((Path(builtin_dir), True))

    @staticmethod
    def valid_name(name: str) -> bool:
        if not name or "\\" in name or "\x00" in name or name.startswith("/"):
            return False
        return all(_NAME_PART.match(part) and part not in (".", "..")
                   for part in name.split("/"))

    def locate(self, name: str) -> tuple[Path, bool] | None:
        """The file and whether it is bundled, or None."""
        builtin_only = name.startswith(BUILTIN_PREFIX)
        if builtin_only:
            name = name[len(BUILTIN_PREFIX):]
        if not self.valid_name(name):
            return None
        for folder, builtin in self.folders:
            if builtin_only and not builtin:
                continue
            try:
                root = folder.resolve()
            except OSError:
                continue
            suffixes = ("",) if name.endswith(TEMPLATE_SUFFIXES) else TEMPLATE_SUFFIXES
            for suffix in suffixes:
                candidate = folder / f"{name}{suffix}"
                try:
                    if candidate.is_file() and candidate.resolve().is_relative_to(root):
                        return candidate, builtin
                except OSError:
                    continue
        return None

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        found = self.locate(template)
        if found is None:
            raise TemplateNotFound(template)
        path, _ = found
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateNotFound(template, f"template '{template}' cannot be read: {exc}"
                                   ) from None
        if not template.startswith(BUILTIN_PREFIX):
            source = _extend_builtin_when_self(source, template, path)
        mtime = path.stat().st_mtime

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate

    def list_templates(self) -> list[str]:
        return [name for name, _, _ in self.entries()]

    def entries(self) -> Iterator[tuple[str, Path, bool]]:
        """Every listed template once (a user template hides a bundled one of its name);
        files whose name starts with `_` are partials and are not listed."""
        seen: set[str] = set()
        for folder, builtin in self.folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                    continue
                rel = path.relative_to(folder).with_suffix("").as_posix()
                if any(part.startswith((".", "_")) for part in rel.split("/")):
                    continue
                if rel in seen:
                    continue
                seen.add(rel)
                yield rel, path, builtin


def _self_name(name: str, path: Path) -> set[str]:
    stem = name
    for suffix in TEMPLATE_SUFFIXES:
        stem = stem.removesuffix(suffix)
    return {name, stem, path.name}


def _extend_builtin_when_self(source: str, name: str, path: Path) -> str:
    """A user template that extends its own name (an override of a built-in) extends the
    built-in: `{% extends "thank-you-email" %}` in the user's thank-you-email.j2."""
    own = _self_name(name, path)

    def swap(match: re.Match[str]) -> str:
        if match.group(2) in own:
            quote = match.group(1)
            return match.group(0).replace(f"{quote}{match.group(2)}{quote}",
                                          f"{quote}{BUILTIN_PREFIX}{match.group(2)}{quote}")
        return match.group(0)

    return _EXTENDS.sub(swap, source)


def builtin_templates_dir() -> Path | None:
    from ..resources import templates_dir

    try:
        return templates_dir()
    except FileNotFoundError:
        return None


def make_loader(template_dirs: Iterable[Path] = ()) -> TemplateLoader:
    return TemplateLoader(list(template_dirs), builtin_templates_dir())


def describe_templates(loader: TemplateLoader) -> list[TemplateInfo]:
    """Every template the loader can list, with its header read."""
    cache: dict[str, TemplateInfo | None] = {}

    def info_of(name: str, depth: int = 0) -> TemplateInfo | None:
        if name in cache:
            return cache[name]
        cache[name] = None  # guards against a template extending itself
        found = loader.locate(name)
        if found is None or depth > 10:
            return None
        path, builtin = found
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            info = TemplateInfo(name=name, path=path, builtin=builtin,
                                problem=f"cannot be read: {exc}")
        else:
            shown = name[len(BUILTIN_PREFIX):] if name.startswith(BUILTIN_PREFIX) else name
            info = template_info(shown, path, builtin, source,
                                 parent=lambda n: info_of(n, depth + 1))
        cache[name] = info
        return info

    out = []
    for name, _path, _builtin in loader.entries():
        info = info_of(name)
        if info is not None:
            out.append(info)
    return out


def find_template(loader: TemplateLoader, name: str) -> TemplateInfo:
    """The named template's info, or a DraftError listing the available ones."""
    wanted = name
    for suffix in TEMPLATE_SUFFIXES:
        if wanted.endswith(suffix) and "/" not in wanted:
            wanted = wanted[: -len(suffix)]
    if loader.locate(wanted) is None:
        names = sorted(info.name for info in describe_templates(loader))
        close = _close(wanted, names)
        hint = f"; did you mean '{close}'?" if close else ""
        escape = "" if TemplateLoader.valid_name(wanted.removeprefix(BUILTIN_PREFIX)) else \
            " (template names cannot leave the template folders)"
        raise DraftError(f"no template named '{name}'{escape}{hint}; available: "
                         + ", ".join(names))
    cache: dict[str, TemplateInfo | None] = {}

    def info_of(n: str, depth: int = 0) -> TemplateInfo | None:
        if n in cache or depth > 10:
            return cache.get(n)
        cache[n] = None
        found = loader.locate(n)
        if found is None:
            return None
        path, builtin = found
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise DraftError(f"template cannot be read: {exc}", path) from None
        info = template_info(n.removeprefix(BUILTIN_PREFIX), path, builtin, source,
                             parent=lambda p: info_of(p, depth + 1))
        cache[n] = info
        return info

    info = info_of(wanted)
    assert info is not None
    if info.problem:
        raise DraftError(f"template '{info.name}': {info.problem}", info.path, 1)
    return info


def _close(word: str, names: Sequence[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, names, n=1)
    return found[0] if found else None



# --- audience ------------------------------------------------------------------------


def recruiters(record: Record) -> tuple[Contact, ...]:
    """The natural addressees of a status inquiry: `Record.recruiters`, one definition shared
    with `followup plan`."""
    return record.recruiters


def audience(record: Record, info: TemplateInfo) -> list[Contact]:
    """The template's default addressees, in the order of its `to:` groups."""
    people: list[Contact] = []
    seen: set[str] = set()  # a set, not a scan of `people`: `--all` for 10,000 is linear
    for group in info.to:
        members = {"recruiters": recruiters(record), "interviewers": record.interviewers,
                   "contacts": record.contacts, "references": record.references}[group]
        for person in members:
            if person.name not in seen:
                seen.add(person.name)
                people.append(person)
    return people


_ROLE = {"interviewers": "interviewer", "recruiters": "recruiter", "contacts": "contact",
         "references": "reference"}


def roles_of(record: Record, person: Contact) -> tuple[str, ...]:
    """The groups a recorded person belongs to (a recruiter is also an interviewer or a
    contact, so "recruiters" comes last)."""
    members = {"recruiters": recruiters(record), "interviewers": record.interviewers,
               "contacts": record.contacts, "references": record.references}
    order = ("interviewers", "contacts", "references", "recruiters")
    return tuple(group for group in order
                 if any(p.name == person.name for p in members[group]))


def check_audience(record: Record, info: TemplateInfo, person: Contact) -> None:
    """A DraftError when the person is in none of the groups the template is written for
    (a rejection reply to a reference, a heads-up to an interviewer)."""
    allowed = info.audience or info.to
    groups = roles_of(record, person)
    if any(group in allowed for group in groups):
        return
    role = " and ".join(_ROLE[g] for g in groups) or "recorded"
    article = "an" if role[0] in "aeiou" else "a"
    groups_text = " or ".join(filter(None, [", ".join(allowed[:-1]), allowed[-1]]))
    raise DraftError(f"{person.name} is {article} {role}, and template '{info.name}' is "
                     f"written for {groups_text}; `followup templates` lists the templates "
                     f"and whom each is for, or choose someone else with --to",
                     record.path)
