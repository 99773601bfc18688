"""The sandbox templates run in: read-only data, strict undefined names, the filters, and
rendering with every failure turned into a DraftError that names template and line."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import (
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

from .phrasing import document, indefinite, relationship, strength, title_phrase, topic
from .templates import (
    BUILTIN_PREFIX,
    TEMPLATE_SUFFIXES,
    DraftError,
    TemplateInfo,
    TemplateLoader,
    _close,
)

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


class ReadOnlyList(list[Any]):
    """A list templates can read but not change: one record's data is shared by every
    letter `--all` drafts, so a template that appended to it would change the next one."""

    __slots__ = ()

    def _read_only(self, *_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("the data a template sees is read-only; build a new list instead "
                        "(e.g. `record.topics + ['...']`)")

    append = extend = insert = pop = remove = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only  # type: ignore[assignment]


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


def _seed(ctx: JinjaContext, name: str = "variant") -> int:
    value = ctx.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


@pass_context
def _pick(ctx: JinjaContext, options: Any, salt: str | None = None) -> Any:
    """One of `options`, chosen by the addressee (`variant`) so that drafts to different
    people use different wording, and the same person always gets the same wording."""
    items = list(options)
    if not items:
        return ""
    index = (_seed(ctx) + _offset(ctx, items, salt)) % len(items)
    return items[(index + _turn_shift(ctx, len(items))) % len(items)]


def _turn_shift(ctx: JinjaContext, count: int) -> int:
    """How far a printed letter's choice moves on from the e-mail's (`variant_turn` 1):
    past the variants the e-mails to the whole group take (its size), so the letter
    shares wording neither with the e-mail to the same person nor, while the list is
    long enough, with the e-mail to a colleague; never a whole turn of the list."""
    if not _seed(ctx, "variant_turn") or count < 2:
        return 0
    size = max(1, _seed(ctx, "variant_size"))
    return size if size % count else size + 1


def _offset(ctx: JinjaContext, items: list[Any], salt: str | None) -> int:
    """Where a list's turn starts for this interview: the salt (one per part of a letter)
    with the interview's number and the template's family (a printed letter shares the
    e-mail's, then moves on by `_turn_shift`), so the parts are chosen independently of
    each other and two interviews do not pair the same opening with the same close."""
    key = salt if salt is not None else str(items[0])
    family = ctx.get("variant_family") or ctx.get("template")
    return _stable_hash(f"{key}|{_seed(ctx, 'variant_batch')}|{family}")


@pass_context
def _one_each(ctx: JinjaContext, options: Any, salt: str | None = None,
              by: str | None = None) -> Any:
    """One of `options` that no one else in the addressee's group gets (a panel of six
    and three strengths: three notes get one each, word for word in one note only), or
    none when this person's turn finds none left, so the template words it without.
    With `by="topics"`, an option that shares a word with what a member discussed
    ("planning" with "route planning") goes to that member."""
    items = list(options)
    if not items:
        return None
    place, size = ctx.get("variant_place"), ctx.get("variant_size")
    if not isinstance(place, int) or not isinstance(size, int) or size < 1:
        return items[(_seed(ctx) + _offset(ctx, items, salt)) % len(items)]
    wanted = _group_field(ctx, by, size) if by else []
    slots = max(size, len(items))  # the letter: the hands after the e-mails', if any
    turn = (size if size % slots else 1) if _seed(ctx, "variant_turn") else 0
    dealt = deal(items, size, _offset(ctx, items, salt) + turn, wanted)
    return dealt[place] if place < len(dealt) else None


def _group_field(ctx: JinjaContext, field: str, size: int) -> list[list[str]]:
    """`field` (a list of texts) of each member of the addressee's group, in order."""
    to, record = ctx.get("to"), ctx.get("record")
    if not isinstance(to, Bag) or not isinstance(record, Bag):
        return []
    group = record.get(f"{to.get('role')}s")
    if not isinstance(group, list) or len(group) != size:
        return []
    return [[str(t) for t in (member.get(field) or [])] if isinstance(member, Bag) else []
            for member in group]


def _content_stems(texts: list[str]) -> set[str]:
    from ..nlp import stem

    words = {w for t in texts for w in re.findall(r"[a-z]{4,}", t.lower())}
    return {stem(w) for w in words} - _FUNCTION_STEMS


_FUNCTION_STEMS = {"with", "from", "about", "your", "their", "that", "this", "these",
                   "those", "what", "when", "where", "which", "year", "record"}


def deal(items: list[Any], size: int, offset: int, wanted: list[list[str]]) -> list[Any]:
    """Give each of `size` people at most one item, each item to one person at most: in
    turn from `offset`, then each item that shares a word stem with what someone
    discussed (`wanted`, one list per person) swapped to the person who shares most."""
    slots = max(size, len(items))
    dealt: list[Any] = []
    for place in range(size):
        slot = (place + offset) % slots
        dealt.append(items[slot] if slot < len(items) else None)
    if len(wanted) != size:
        return dealt
    stems = [_content_stems(w) for w in wanted]
    fixed: set[int] = set()
    for item in items:
        own = _content_stems([str(item)])
        scores = [(len(own & stems[p]), -p) for p in range(size) if p not in fixed]
        best = max(scores, default=(0, 0))
        if best[0] == 0:
            continue
        taker = -best[1]
        holder = dealt.index(item) if item in dealt else None
        if holder is not None:
            dealt[holder] = dealt[taker]
        dealt[taker] = item
        fixed.add(taker)
    return dealt


def join_and(items: Any, conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [str(i) for i in items if str(i).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def join_series(items: Any) -> str:
    """Like `join_and`, but items that have commas of their own ("Maria Gonzalez, the
    clinic director") are set apart by semicolons once there are three or more."""
    words = [str(i) for i in items if str(i).strip()]
    if len(words) >= 3 and any("," in w for w in words):
        return f"{'; '.join(words[:-1])}; and {words[-1]}"
    if len(words) == 2 and any("," in w for w in words):
        return f"{words[0]}, and {words[1]}" if "," in words[0] else f"{words[0]} and {words[1]}"
    return join_and(words)


def long_date(value: date | datetime) -> str:
    """'November 20, 2026'."""
    return f"{value:%B} {value.day}, {value.year}"


@pass_context
def _in_text_date(ctx: JinjaContext, value: date | datetime) -> str:
    """A date inside a sentence: 'November 25' in the letter's own year (the year reads
    as machine-written there), 'November 25, 2027' in another."""
    letter = ctx.get("date")
    if isinstance(letter, date) and letter.year == value.year:
        return f"{value:%B} {value.day}"
    return long_date(value)


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


def a_an(text: Any) -> str:
    """'a Senior Analyst', 'an Operations Lead', 'a UX Researcher': the indefinite
    article by sound (a template writes "as {{ position | a_an }}" without guessing)."""
    return indefinite(text)


def mid_sentence(text: Any) -> str:
    """A date phrase that goes on into the sentence: "on Monday, November 30" needs its
    closing comma before more words follow ("on Monday, November 30, about ...")."""
    text = str(text)
    return f"{text}," if "," in text else text


# A line that `tidy` turns into an empty line after collapsing blank runs, so a printed
# letter can keep several blank lines (room for a handwritten signature).
_KEPT_BLANK = "\u2063"


def signature_space(lines: int = 4) -> str:
    """`lines` blank lines that survive `tidy` (above the typed name on paper)."""
    return "\n".join([_KEPT_BLANK] * max(0, int(lines)))


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
    env.filters.update(pick=_pick, one_each=_one_each, join_and=join_and,
                       long_date=long_date, day_date=day_date, when=_when,
                       upper_first=upper_first, para=para, number_words=number_words,
                       a_an=a_an, topic=topic, strength=strength,
                       in_text_date=_in_text_date, join_series=join_series,
                       title_phrase=title_phrase, relationship=relationship,
                       document=document,
                       mid_sentence=mid_sentence)
    env.globals.update(todo=todo, signature_space=signature_space)
    return env



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
    """Trailing spaces off, at most one blank line in a row (except the kept ones of
    `signature_space`), one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join("" if line == _KEPT_BLANK else line for line in out) + "\n"


def split_subject(text: str) -> Rendered:
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        subject = " ".join(first[len("Subject:"):].split()) or None
        return Rendered(text=rest.lstrip("\n"), subject=subject)
    return Rendered(text=text)
