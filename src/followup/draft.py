"""Drafting letters from Jinja templates: the templates, their variables, and the files.

Templates live in the bundled `templates/` folder and in the user's `template_dirs`
(searched first, so a user template may replace a built-in one; `builtin:NAME` always
names the bundled one, for `{% extends "builtin:thank-you-email" %}` from a same-named
override). A template is named by its file name without `.j2`/`.jinja`/`.jinja2`; names
cannot leave the template folders, and templates run in Jinja's sandbox with
`StrictUndefined`, so a template can neither read files nor call arbitrary Python, and a
misspelt variable is an error naming the template, line and variable.

Every template opens with a Jinja comment holding YAML that documents it::

    {#-
    description: Thank-you email to one interviewer, for the day of the interview.
    kind: thank-you            # thank-you | status-inquiry | reference | rejection-reply | other
    to: [interviewers]         # whom it addresses, in order of preference
    each: true                 # --all drafts one per person; otherwise the first is the default
    file: thank-you            # output file names start with this
    required: [record.company, to.name, candidate.name]
    optional: [to.topics, candidate.strengths]
    blocks: [subject, salutation, opening, fit, closing, signoff, signature]
    -#}

A template's output may begin with a `Subject: ...` line and a blank line; the subject is
taken off and used for the `.eml` Subject and the Markdown front matter.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from email.headerregistry import Address, Group
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import yaml
from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
)
from jinja2.runtime import Context as JinjaContext
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.utils import missing, object_type_repr

from .atomic import write_bytes_atomic
from .errors import UserError
from .records import Contact, Record

TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")
BUILTIN_PREFIX = "builtin:"
FORMATS = ("md", "txt", "eml")
KINDS = ("thank-you", "status-inquiry", "reference", "rejection-reply", "other")
AUDIENCES = ("recruiters", "interviewers", "contacts", "references")
_RECRUITER = re.compile(r"recruit|talent|human resources|\bHR\b|hiring|people partner|"
                        r"people team|staffing", re.IGNORECASE)

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
    return TemplateInfo(
        name=name,
        path=path,
        builtin=builtin,
        description=" ".join(str(header.get(
            "description", base.description if base and override
            else f"Based on {extends.group(2)}." if extends else "")).split()),
        kind=kind,
        to=to,
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
    from .resources import templates_dir

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


# --- the sandbox ---------------------------------------------------------------------


class Bag(Mapping[str, Any]):
    """Read-only data for templates: `to.name` and `to["name"]`; a missing field is an
    error that names it (`'to.titel' is undefined`)."""

    __slots__ = ("_label", "_data")

    def __init__(self, label: str, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_data", dict(data))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"<{self._label}>"

    def __str__(self) -> str:
        name = self._data.get("name")
        return str(name) if name is not None else self._label


class _Undefined(StrictUndefined):
    """StrictUndefined whose message names the full variable (`candidate.phone`)."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        if self._undefined_obj is missing:
            return f"'{self._undefined_name}' is undefined"
        if isinstance(self._undefined_obj, Bag):
            bag = self._undefined_obj
            fields = sorted(bag)
            close = _close(str(self._undefined_name), fields)
            hint = f"; did you mean '{bag._label}.{close}'?" if close else \
                f" ({bag._label} has: {', '.join(fields)})"
            return f"'{bag._label}.{self._undefined_name}' is undefined{hint}"
        if not isinstance(self._undefined_name, str):
            return (f"{object_type_repr(self._undefined_obj)} has no element"
                    f" {self._undefined_name!r}")
        return (f"{object_type_repr(self._undefined_obj)} has no attribute"
                f" {self._undefined_name!r}")


def _seed(ctx: JinjaContext) -> int:
    value = ctx.get("variant")
    return value if isinstance(value, int) else 0


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


@pass_context
def _pick(ctx: JinjaContext, options: Any, salt: str | None = None) -> Any:
    """One of `options`, chosen by the addressee (`variant`) so that drafts to different
    people use different wording, and the same person always gets the same wording."""
    items = list(options)
    if not items:
        return ""
    offset = _stable_hash(salt if salt is not None else str(items[0]))
    return items[(_seed(ctx) + offset) % len(items)]


def join_and(items: Any, conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [str(i) for i in items if str(i).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def long_date(value: date | datetime) -> str:
    """'November 20, 2026'."""
    return f"{value:%B} {value.day}, {value.year}"


def day_date(value: date | datetime) -> str:
    """'Friday, November 20' (the weekday computed, never typed)."""
    return f"{value:%A}, {value:%B} {value.day}"


@pass_context
def _when(ctx: JinjaContext, value: date | datetime) -> str:
    """The interview day as seen from the letter's date: 'today', 'yesterday',
    'on Thursday' within the week, else 'on November 20'."""
    day = value.date() if isinstance(value, datetime) else value
    letter = ctx.get("date")
    letter = letter.date() if isinstance(letter, datetime) else letter
    if isinstance(letter, date):
        delta = (letter - day).days
        if delta == 0:
            return "today"
        if delta == 1:
            return "yesterday"
        if 1 < delta < 7:
            return f"on {day:%A}"
        if day.year != letter.year:
            return f"on {long_date(day)}"
    return f"on {day:%B} {day.day}"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")


def number_words(value: Any) -> str:
    """3 -> 'three' (up to twelve; larger numbers stay digits)."""
    if isinstance(value, int) and 0 <= value < len(_NUMBER_WORDS):
        return _NUMBER_WORDS[value]
    return str(value)


def upper_first(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def para(text: Any) -> str:
    """A paragraph written over several template lines, joined into one line and ended
    with a line break (`{% filter para %} ... {% endfilter %}`)."""
    joined = " ".join(str(text).split())
    return f"{joined}\n" if joined else ""


def todo(text: str) -> str:
    """A clearly marked slot the writer must fill (flagged by `C004 placeholder-left`)."""
    return f"[TODO: {' '.join(str(text).split())}]"


def make_environment(loader: TemplateLoader) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=loader,
        undefined=_Undefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(pick=_pick, join_and=join_and, long_date=long_date, day_date=day_date,
                       when=_when, upper_first=upper_first, para=para,
                       number_words=number_words)
    env.globals.update(todo=todo)
    return env


# --- variables -----------------------------------------------------------------------


def person_bag(person: Contact, label: str = "to") -> Bag:
    greeting = f"{person.honorific} {person.last_name}" if person.honorific else \
        person.first_name
    return Bag(label, {
        "name": person.name,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "honorific": person.honorific,
        "greeting_name": greeting,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "organization": person.organization,
        "relationship": person.relationship,
        "role": person.role,
        "topics": list(person.topics),
        "nicknames": list(person.nicknames),
    })


def record_bag(record: Record) -> Bag:
    when = record.interview_date
    return Bag("record", {
        "company": record.company,
        "company_aliases": list(record.company_aliases),
        "position": record.position,
        "interview_date": record.interview_day,
        "interview_time": f"{when:%H:%M}" if isinstance(when, datetime) else None,
        "interviewers": [person_bag(p, "interviewer") for p in record.interviewers],
        "contacts": [person_bag(p, "contact") for p in record.contacts],
        "references": [person_bag(p, "reference") for p in record.references],
        "topics": list(record.topics),
        "all_topics": list(record.all_topics),
        "interviewer_topics": list(dict.fromkeys(
            t for p in record.interviewers for t in p.topics)),
        "decision_date": record.decision_date,
        "address": list(record.address),
        "location": record.location,
        "documents_requested": list(record.documents_requested),
        "notes": record.notes,
        "extra": _plain(record.extra, "record.extra"),
    })


def candidate_bag(profile: Any) -> Bag:
    return Bag("candidate", {
        "name": profile.name,
        "first_name": profile.first_name,
        "email": profile.email,
        "phone": profile.phone,
        "address": list(profile.address),
        "linkedin": profile.linkedin,
        "website": profile.website,
        "title": profile.title,
        "strengths": list(profile.strengths),
        "sign_off": profile.sign_off,
        "signature": list(profile.signature_lines),
        "extra": _plain(profile.extra, "candidate.extra"),
    })


def _plain(value: Any, label: str) -> Any:
    """YAML data made safe for the sandbox (mappings become read-only Bags)."""
    if isinstance(value, Mapping):
        return Bag(label, {str(k): _plain(v, f"{label}.{k}") for k, v in value.items()})
    if isinstance(value, list | tuple):
        return [_plain(v, label) for v in value]
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)


def variant_of(record: Record, person: Contact) -> int:
    """A stable number per addressee: the position among the record's people of the same
    role (so up to five interviewers always get different wording), else a name hash."""
    group = {"interviewer": record.interviewers, "contact": record.contacts,
             "reference": record.references}.get(person.role, ())
    for index, other in enumerate(group):
        if other.name == person.name:
            return index
    return _stable_hash(person.name) % 1000


def build_variables(record: Record, person: Contact, profile: Any, when: date,
                    info: TemplateInfo) -> dict[str, Any]:
    variables: dict[str, Any] = {
        "record": record_bag(record),
        "to": person_bag(person),
        "others": [person_bag(p, "interviewer") for p in record.interviewers
                   if p.name != person.name],
        "date": when,
        "kind": info.kind,
        "template": info.name,
        "variant": variant_of(record, person),
    }
    if profile is not None:
        variables["candidate"] = candidate_bag(profile)
    return variables


# --- rendering -----------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    text: str
    subject: str | None = None


def _template_position(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line where a rendering error happened (Jinja rewrites the
    traceback so template frames carry the template's file name and line)."""
    where: tuple[str, int | None] = (fallback, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIXES):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def render(env: SandboxedEnvironment, info: TemplateInfo, variables: Mapping[str, Any]
           ) -> Rendered:
    """Render a template; every failure becomes a DraftError naming template and line."""
    name = info.name if not info.builtin else f"{BUILTIN_PREFIX}{info.name}"
    try:
        template = env.get_template(name)
        raw = template.render(variables)
    except TemplateSyntaxError as exc:
        raise DraftError(f"template '{exc.name or info.name}': {exc.message}",
                         exc.filename or info.path, exc.lineno) from None
    except TemplateNotFound as exc:
        path, line = _template_position(exc, str(info.path))
        missing_name = str(exc.name or "")
        hint = "" if TemplateLoader.valid_name(missing_name.removeprefix(BUILTIN_PREFIX)) else \
            " (template names cannot leave the template folders)"
        raise DraftError(f"template '{info.name}': no template named '{missing_name}'{hint}",
                         path, line) from None
    except SecurityError as exc:
        path, line = _template_position(exc, str(info.path))
        raise DraftError(f"template '{info.name}': not allowed in a template: {exc}",
                         path, line) from None
    except UndefinedError as exc:
        path, line = _template_position(exc, str(info.path))
        message = str(exc)
        hint = ""
        if "'candidate" in message and "candidate" not in variables:
            hint = ("; no candidate profile was found: create profile.yaml (name, email, "
                    "phone, strengths) or [tool.followup.profile] in the configuration")
        raise DraftError(f"template '{info.name}' uses a variable that is not defined: "
                         f"{message}{hint}", path, line) from None
    except RecursionError:
        raise DraftError(f"template '{info.name}' extends or includes itself; to extend the "
                         f"bundled template of the same name use "
                         f"{{% extends \"{BUILTIN_PREFIX}{info.name}\" %}}",
                         info.path) from None
    except TemplateError as exc:
        path, line = _template_position(exc, str(info.path))
        raise DraftError(f"template '{info.name}': {exc.message or exc}", path, line) from None
    except (TypeError, ValueError, AttributeError, IndexError, KeyError,
            ZeroDivisionError) as exc:
        path, line = _template_position(exc, str(info.path))
        raise DraftError(f"template '{info.name}': {type(exc).__name__}: {exc}",
                         path, line) from None
    return split_subject(tidy(raw))


def tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def split_subject(text: str) -> Rendered:
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        subject = " ".join(first[len("Subject:"):].split()) or None
        return Rendered(text=rest.lstrip("\n"), subject=subject)
    return Rendered(text=text)


# --- choosing whom to write to -------------------------------------------------------


def recruiters(record: Record) -> tuple[Contact, ...]:
    """Contacts or interviewers whose title or relationship says they recruit (a recruiter,
    talent partner, HR): the natural addressee of a status inquiry."""
    return tuple(p for p in (*record.contacts, *record.interviewers)
                 if _RECRUITER.search(f"{p.title or ''} {p.relationship or ''}"))


def audience(record: Record, info: TemplateInfo) -> list[Contact]:
    people: list[Contact] = []
    for group in info.to:
        members = {"recruiters": recruiters(record), "interviewers": record.interviewers,
                   "contacts": record.contacts, "references": record.references}[group]
        people.extend(p for p in members if all(p.name != q.name for q in people))
    return people


def _roster(record: Record) -> str:
    parts = []
    for label, group in (("interviewers", record.interviewers), ("contacts", record.contacts),
                         ("references", record.references)):
        if group:
            parts.append(f"{label}: " + ", ".join(p.name for p in group))
    return "; ".join(parts) or "nobody"


def _fold(text: str) -> str:
    text = "".join(_FOLD.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def find_person(record: Record, name: str) -> Contact | None:
    """`Record.find_person`, then the same match with diacritics and case folded
    ("siobhan" finds "Siobhán O'Brien") when that finds exactly one person."""
    person = record.find_person(name)
    if person is not None:
        return person
    wanted = _fold(name)
    found = []
    for candidate in record.people:
        keys = {candidate.name, candidate.first_name, candidate.last_name,
                *candidate.nicknames}
        if wanted in {_fold(k) for k in keys}:
            found.append(candidate)
    return found[0] if len({p.name for p in found}) == 1 else None


def choose_people(record: Record, info: TemplateInfo, to: str | None, everyone: bool
                  ) -> list[Contact]:
    """The addressees: `--to NAME`, `--all`, or the template's default."""
    if to is not None and everyone:
        raise DraftError("use either --to NAME or --all, not both")
    if to is not None:
        person = find_person(record, to)
        if person is None:
            names = [p.name for p in record.people]
            close = _close(to, names)
            hint = f"did you mean '{close}'? " if close else ""
            raise DraftError(f"'{to}' is not in the record; {hint}recorded people are "
                             f"{_roster(record)}", record.path)
        return [person]
    people = audience(record, info)
    wanted = " or ".join(g for g in info.to if g != "recruiters" or len(info.to) == 1)
    if not people:
        raise DraftError(f"template '{info.name}' is addressed to the record's {wanted}, and "
                         f"the record lists none; add them to the record or choose someone "
                         f"with --to NAME (recorded: {_roster(record)})", record.path)
    if everyone:
        if not info.each:
            raise DraftError(f"template '{info.name}' is written to one person, not to each "
                             f"of the record's {wanted}; leave out --all (it goes to "
                             f"{people[0].name}) or choose someone with --to NAME")
        return people
    if info.each and len(people) > 1:
        raise DraftError(f"the record lists {len(people)} {wanted} "
                         f"({', '.join(p.name for p in people)}); choose one with --to NAME "
                         f"or write to each with --all", record.path)
    return people[:1]


# --- output --------------------------------------------------------------------------

_FOLD = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
         "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "ı": "i"}


def slugify(text: str) -> str:
    """'Siobhán O'Brien' -> 'siobhan-obrien' (diacritics folded, apostrophes dropped)."""
    text = "".join(_FOLD.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019\u2018`]", "", text)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text


def file_name(info: TemplateInfo, person: Contact, fmt: str) -> str:
    slug = slugify(person.name) or f"person-{_stable_hash(person.name) % 10000:04d}"
    return f"{slugify(info.file_stem) or 'letter'}-{slug}.{fmt}"


@dataclass
class Draft:
    """One letter, ready to be written."""

    info: TemplateInfo
    person: Contact
    rendered: Rendered
    when: date
    path: Path
    notes: list[str] = field(default_factory=list)


def markdown_text(draft: Draft, record: Record) -> str:
    meta: dict[str, Any] = {
        "record": _relative(record.path, draft.path.parent),
        "to": draft.person.name,
        "kind": draft.info.kind,
        "date": draft.when,
    }
    if draft.rendered.subject:
        meta["subject"] = draft.rendered.subject
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False,
                           width=1000)
    return f"---\n{front}---\n\n{draft.rendered.text}"


def _relative(target: Path, folder: Path) -> str:
    try:
        rel = os.path.relpath(Path(target).resolve(), Path(folder).resolve())
    except ValueError:  # another drive on Windows
        return Path(target).resolve().as_posix()
    return Path(rel).as_posix()


def eml_bytes(draft: Draft, record: Record, profile: Any, now: datetime | None = None
              ) -> bytes:
    msg = EmailMessage(policy=email.policy.default)
    person = draft.person
    if person.email:
        msg["To"] = Address(display_name=person.name, addr_spec=person.email)
    else:
        msg["To"] = Group(display_name=person.name)
    if profile is not None and profile.email:
        msg["From"] = Address(display_name=profile.name, addr_spec=profile.email)
    msg["Subject"] = draft.rendered.subject or f"{record.position} interview"
    stamp = _letter_datetime(draft.when, now)
    msg["Date"] = email.utils.format_datetime(stamp)
    domain = profile.email.split("@", 1)[1] if profile is not None and profile.email else None
    msg["Message-ID"] = email.utils.make_msgid(domain=domain)
    msg["X-Unsent"] = "1"
    msg["X-Followup-Record"] = _relative(record.path, draft.path.parent)
    msg["X-Followup-Kind"] = draft.info.kind
    msg["X-Followup-Template"] = draft.info.name
    msg.set_content(draft.rendered.text, charset="utf-8")
    return msg.as_bytes(policy=email.policy.SMTP)


def _letter_datetime(when: date, now: datetime | None) -> datetime:
    now = now or datetime.now().astimezone()
    if when == now.date():
        return now.replace(microsecond=0)
    return datetime.combine(when, time(9, 0)).astimezone()


def write_new(path: Path, data: bytes, force: bool) -> None:
    """Write atomically (a temporary file in the same folder, then a rename); an existing
    file is only replaced with `force`, and never half-written."""
    if path.exists() and not force:
        raise DraftError("already exists; use --force to overwrite it", path)
    try:
        write_bytes_atomic(path, data, overwrite=force)
    except FileExistsError:  # it appeared while we wrote: never clobber
        raise DraftError("already exists; use --force to overwrite it", path) from None


# --- the whole job -------------------------------------------------------------------


@dataclass
class DraftRequest:
    template: str
    record: Record
    to: str | None = None
    everyone: bool = False
    out_dir: Path | None = None
    fmt: str = "md"
    force: bool = False
    when: date | None = None
    template_dirs: tuple[Path, ...] = ()
    profile: Any = None
    thank_you_within_hours: int = 24


def prepare_drafts(request: DraftRequest) -> list[Draft]:
    """Render every letter the request asks for, without writing anything."""
    if request.fmt not in FORMATS:
        raise DraftError(f"unknown format '{request.fmt}'; use one of {', '.join(FORMATS)}")
    loader = make_loader(request.template_dirs)
    info = find_template(loader, request.template)
    env = make_environment(loader)
    record = request.record
    when = request.when or date.today()
    out_dir = request.out_dir if request.out_dir is not None else record.path.parent
    people = choose_people(record, info, request.to, request.everyone)
    drafts: list[Draft] = []
    used: set[str] = set()
    for person in people:
        variables = build_variables(record, person, request.profile, when, info)
        rendered = render(env, info, variables)
        name = file_name(info, person, request.fmt)
        stem, suffix = name.rsplit(".", 1)
        number = 2
        while name in used:
            name = f"{stem}-{number}.{suffix}"
            number += 1
        used.add(name)
        draft = Draft(info=info, person=person, rendered=rendered, when=when,
                      path=out_dir / name)
        draft.notes.extend(timing_notes(info, record, when, request.thank_you_within_hours))
        if request.fmt == "eml" and not person.email:
            draft.notes.append(f"no email address is recorded for {person.name}; the draft's "
                               f"To: has the name only")
        drafts.append(draft)
    return drafts


def timing_notes(info: TemplateInfo, record: Record, when: date, hours: int) -> list[str]:
    notes = []
    if info.kind == "thank-you":
        start = record.interview_date
        if not isinstance(start, datetime):
            start = datetime.combine(start, time(23, 59))
        if datetime.combine(when, time(0, 0)) > start.replace(tzinfo=None) + timedelta(hours=hours):
            notes.append(f"the interview was on {long_date(record.interview_day)}; "
                         f"thank-you notes are best sent within {hours} hours")
    if info.kind == "status-inquiry" and record.decision_date and when <= record.decision_date:
        notes.append(f"they expect to decide by {long_date(record.decision_date)}; a status "
                     f"inquiry is best sent after that date")
    return notes


def encode(draft: Draft, record: Record, profile: Any, fmt: str) -> bytes:
    if fmt == "md":
        return markdown_text(draft, record).encode("utf-8")
    if fmt == "eml":
        return eml_bytes(draft, record, profile)
    return draft.rendered.text.encode("utf-8")


def write_drafts(drafts: Sequence[Draft], request: DraftRequest) -> list[Path]:
    """Write the drafts; when not forcing, refuse before writing anything if one exists."""
    if not request.force:
        for draft in drafts:
            if draft.path.exists():
                raise DraftError("already exists; use --force to overwrite it", draft.path)
    written = []
    for draft in drafts:
        data = encode(draft, request.record, request.profile, request.fmt)
        try:
            write_new(draft.path, data, request.force)
        except OSError as exc:
            raise DraftError(f"cannot write the draft: {exc.strerror or exc}",
                             draft.path) from None
        written.append(draft.path)
    return written
