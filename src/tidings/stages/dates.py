"""Find and resolve the date expressions of a sentence.

The stage works on one sentence of a parsed spaCy ``Doc`` and returns a
:class:`~tidings.records.DateRef` for every calendar reference in it, with a
span in Doc character offsets::

    refs = find_dates(sent, pub_date=dt.date(2022, 6, 15))
    token = anchor_token(doc, refs[0])          # where the date hangs in the parse
    fallback = publication_date(article.date)   # when an event has no date of its own

Conventions (the contract the tests pin):

* Precision "year" resolves to 1 January, "month" to the 1st of the month
  (early/mid/late to the 1st/11th/21st), "week" to the publication date
  shifted by whole weeks ("last week" = publication - 7 days).
* A yearless month or month-day takes the year that makes it the most recent
  such date on or before publication in a past context, and the next one on or
  after it in a future context. Months compare at month level, so "late June"
  in a story of 15 June is this June in either tense.
* A weekday is the latest such day on or before publication (past) or the next
  one on or after it (future). The publication day itself counts in both
  directions because wire style (AP) names the weekday even for the day of
  publication. "last Monday" and "next Monday" are strictly before/after.
* The tense is read from the verb the expression hangs off: future when it has
  a future auxiliary (will, shall, 'll, would), is governed through an xcomp by
  a planning word (going/plans/expected/due ... to), is a present progressive
  ("is meeting on Friday") or present passive of a planning verb ("is set
  for"), or an adjective such as "due" sits between date and verb; past
  otherwise (including verbless headlines), and always past after "since".
* "N years ago" and "last/next year" resolve to 1 January like other years;
  "the last week" and other expressions after "the" are durations, not dates.
* Spans cover the date words only ("Monday", "last week", "early February"),
  never the preposition before them.
* Without a publication date only expressions that carry their own year
  resolve; the others are still returned, with ``date=None``.

Word lists live in ``tidings/data/lexicon/dates.tsv``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from tidings.records import DateMethod, DatePrecision, DateRef
from tidings.records import Span as TextSpan
from tidings.tables import package_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["anchor_token", "find_dates", "publication_date"]

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_PART_YEAR = re.compile(r"^(early|mid|late)-(\d{4})$")
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_LEAP_YEAR = 2000  # a year in which every month has its longest length

Kind = Literal["full", "yearless", "weekday", "offset"]
Unit = Literal["day", "week", "month", "year"]
_UNITS: dict[str, Unit] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_PLURAL_UNITS: dict[str, Unit] = {f"{word}s": unit for word, unit in _UNITS.items()}


@dataclasses.dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word lists of dates.tsv, indexed for lookup by lower-case token text."""

    months: dict[str, int]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    day_phrases: dict[tuple[str, str], int]
    parts: dict[str, int]
    directions: dict[str, int]
    hedges: frozenset[str]
    numbers: dict[str, int]
    year_preps: frozenset[str]
    past_preps: frozenset[str]
    future_aux: frozenset[str]
    future_gov: frozenset[str]
    triggers: frozenset[str]  # a sentence without one of these (or a number) has no date
    starts: frozenset[str]  # words an expression can begin with


@dataclasses.dataclass(frozen=True, slots=True)
class _Expr:
    """A matched, not yet resolved, date expression over Doc tokens [start, end)."""

    start: int
    end: int
    kind: Kind
    precision: DatePrecision
    date: dt.date | None = None  # kind "full"
    month: int = 0  # kind "yearless"
    day: int = 1  # kind "yearless"
    weekday: int = 0  # kind "weekday"
    unit: Unit = "day"  # kind "offset"
    amount: int = 0  # kind "offset": signed count of units from publication
    direction: int = 0  # -1 "last", +1 "next", 0 read from the tense


def _read_rows() -> dict[str, list[tuple[int, list[str]]]]:
    rows: dict[str, list[tuple[int, list[str]]]] = {}
    for _, row in package_rows("data", "lexicon", "dates.tsv"):
        rows.setdefault(row["kind"], []).append((int(row["value"]), row["words"].split("|")))
    return rows


def _words(rows: dict[str, list[tuple[int, list[str]]]], kind: str) -> dict[str, int]:
    return {w: value for value, words in rows.get(kind, []) for w in words}


def _pair(phrase: str) -> tuple[str, str]:
    first, second = phrase.split()
    return first, second


@functools.cache
def _lexicon() -> _Lexicon:
    rows = _read_rows()
    phrases = {_pair(p): v for p, v in _words(rows, "day_phrase").items()}
    months, weekdays, day_words = (_words(rows, k) for k in ("month", "weekday", "day_word"))
    # Only these words (or a 4-digit number, or an NER DATE) make a sentence worth scanning.
    triggers = {*months, *(f"{m}." for m in months), *weekdays, *day_words, "ago"}
    triggers |= {"week", "month", "year", *(p[1] for p in phrases)}
    parts, directions = _words(rows, "part"), _words(rows, "direction")
    hedges, numbers = frozenset(_words(rows, "hedge")), _words(rows, "number")
    return _Lexicon(
        months=months,
        weekdays=weekdays,
        day_words=day_words,
        day_phrases=phrases,
        parts=parts,
        directions=directions,
        hedges=hedges,
        numbers=numbers,
        year_preps=frozenset(_words(rows, "year_prep")),
        past_preps=frozenset(_words(rows, "past_prep")),
        future_aux=frozenset(_words(rows, "future_aux")),
        future_gov=frozenset(_words(rows, "future_gov")),
        triggers=frozenset(triggers),
        starts=frozenset(triggers) | {*parts, *directions, *hedges, *numbers},
    )


def _low(tok: Token) -> str:
    """Lower-case text without a trailing abbreviation dot ("Feb." -> "feb")."""
    return str(tok.lower_).rstrip(".") or str(tok.lower_)


_PART_PREFIXES = ("early-", "mid-", "late-")  # "mid-2021" is a single token


def _candidates(sent: SpacySpan, lex: _Lexicon) -> tuple[frozenset[int], list[int]]:
    """NER DATE token indices and the tokens worth matching at; no starts if nothing triggers.

    One pass over token attributes: this runs on every sentence of every article.
    """
    date_tokens: set[int] = set()
    starts: list[int] = []
    triggered = False
    for tok in sent:
        low = tok.lower_
        if tok.ent_type_ == "DATE":
            date_tokens.add(tok.i)
            triggered = True
        part_year = low.startswith(_PART_PREFIXES)
        if low in lex.starts or low[:1].isdigit() or part_year:
            starts.append(tok.i)
            year_like = len(low) == 4 and low.isdigit()
            triggered = triggered or low in lex.triggers or year_like or part_year
    return frozenset(date_tokens), (starts if triggered else [])


# --- matchers: each looks for one pattern starting at token i, returns an _Expr or None ---


@dataclasses.dataclass(frozen=True, slots=True)
class _Ctx:
    doc: Doc
    end: int  # sentence end (token index, exclusive)
    lex: _Lexicon
    date_tokens: frozenset[int]  # token indices inside NER DATE entities

    def low(self, i: int) -> str:
        return _low(self.doc[i]) if i < self.end else ""


def _year_at(ctx: _Ctx, i: int) -> int | None:
    if i >= ctx.end:
        return None
    text = ctx.doc[i].text
    if len(text) == 4 and text.isdigit() and _MIN_YEAR <= int(text) <= _MAX_YEAR:
        return int(text)
    return None


def _day_at(ctx: _Ctx, i: int) -> int | None:
    m = _DAY.match(ctx.doc[i].text) if i < ctx.end else None
    if m is None or not 1 <= int(m.group(1)) <= 31:
        return None
    return int(m.group(1))


def _month_at(ctx: _Ctx, i: int) -> int | None:
    """A month name, capitalised and not used as a verb or modal ("may", "to march")."""
    if i >= ctx.end:
        return None
    tok = ctx.doc[i]
    month = ctx.lex.months.get(_low(tok))
    if month is None or not tok.text[:1].isupper() or tok.pos_ in ("VERB", "AUX"):
        return None
    return month


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _match_iso(ctx: _Ctx, i: int) -> _Expr | None:
    tok = ctx.doc[i]
    if len(tok.text) < 4 or not tok.text[:4].isdigit():
        return None
    # Doc.text is rebuilt on every access; the five tokens of a split "2022-02-24" suffice.
    m = _ISO.match(ctx.doc[i : min(i + 5, ctx.end)].text)
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not _valid(year, month, day):
        return None
    end = i
    while end < ctx.end and ctx.doc[end].idx < tok.idx + m.end():
        end += 1
    return _Expr(i, end, "full", "day", date=dt.date(year, month, day))


def _month_tail(ctx: _Ctx, start: int, i: int, month: int, day: int | None) -> _Expr | None:
    """Finish a month expression at token i: an optional ", 2022" year, then build it."""
    comma = 1 if ctx.low(i) == "," else 0
    year = _year_at(ctx, i + comma)
    precision: DatePrecision = "month" if day is None else "day"
    anchor = day if day is not None else ctx.lex.parts.get(ctx.low(start), 1)
    if not _valid(_LEAP_YEAR, month, anchor):  # "February 30" is no date in any year
        return None
    if year is not None and _valid(year, month, anchor):
        return _Expr(start, i + comma + 1, "full", precision, date=dt.date(year, month, anchor))
    direction = ctx.lex.directions.get(ctx.low(start), 0)
    return _Expr(start, i, "yearless", precision, month=month, day=anchor, direction=direction)


def _match_month_first(ctx: _Ctx, i: int) -> _Expr | None:
    """[early|mid|late|last|next] Month [day] [, year]: "February 24, 2022", "in early February"."""
    low = ctx.low(i)
    has_part = low in ctx.lex.parts
    j = i
    if has_part or (low in ctx.lex.directions and low != "this"):
        j += 2 if ctx.low(i + 1) == "-" else 1
    month = _month_at(ctx, j)
    if month is None:
        return None
    day = None if has_part else _day_at(ctx, j + 1)
    if day is not None:
        return _month_tail(ctx, i, j + 2, month, day)
    bare_ok = j != i or j in ctx.date_tokens or _year_at(ctx, j + 1) is not None
    return _month_tail(ctx, i, j + 1, month, None) if bare_ok or _bare_month(ctx, j) else None


def _bare_month(ctx: _Ctx, j: int) -> bool:
    """A lone month name after a preposition, unless it starts a name ("in Jan Kubis's office")."""
    follower = ctx.doc[j + 1] if j + 1 < ctx.end else None
    if follower is not None and (follower.pos_ == "PROPN" or follower.text == "-"):
        return False
    return j > 0 and _low(ctx.doc[j - 1]) in ctx.lex.year_preps


def _match_day_first(ctx: _Ctx, i: int) -> _Expr | None:
    """day [of] Month [year]: "24 February", "24 Feb 2022", "24th of February"."""
    day = _day_at(ctx, i)
    if day is None:
        return None
    j = i + 2 if ctx.low(i + 1) == "of" else i + 1
    month = _month_at(ctx, j)
    if month is None:
        return None
    return _month_tail(ctx, i, j + 1, month, day)


def _match_year(ctx: _Ctx, i: int) -> _Expr | None:
    """A year: "in 2019", "late 2021", "mid-2021" (NER DATE or after a preposition)."""
    part = _PART_YEAR.match(ctx.doc[i].lower_)
    if part is not None and _MIN_YEAR <= int(part.group(2)) <= _MAX_YEAR:
        return _Expr(i, i + 1, "full", "year", date=dt.date(int(part.group(2)), 1, 1))
    j = i + 1 if ctx.low(i) in ctx.lex.parts else i
    year = _year_at(ctx, j)
    if year is None:
        return None
    tok = ctx.doc[j]
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"):
        return None  # "in 2000 battles" counts things; "the 2019 election" names a year
    after_prep = i > 0 and ctx.doc[i - 1].lower_ in ctx.lex.year_preps
    if j in ctx.date_tokens or (after_prep and tok.dep_ != "nummod"):
        return _Expr(i, j + 1, "full", "year", date=dt.date(year, 1, 1))
    return None


def _match_weekday(ctx: _Ctx, i: int) -> _Expr | None:
    """[last|this|next] Weekday, or "Monday, February 21" (then the explicit date wins)."""
    direction = ctx.lex.directions.get(ctx.low(i))
    j = i if direction is None else i + 1
    weekday = ctx.lex.weekdays.get(ctx.low(j))
    if weekday is None or not ctx.doc[j].text[:1].isupper():
        return None
    after = j + 2 if ctx.low(j + 1) == "," else j + 1
    explicit = _match_month_first(ctx, after) or _match_day_first(ctx, after)
    if explicit is not None:
        return dataclasses.replace(explicit, start=i)
    return _Expr(i, j + 1, "weekday", "day", weekday=weekday, direction=direction or 0)


def _match_day_word(ctx: _Ctx, i: int) -> _Expr | None:
    """A day word or phrase: "today", "yesterday", "last night", "this morning"."""
    offset = ctx.lex.day_words.get(ctx.low(i))
    if offset is not None:
        return _Expr(i, i + 1, "offset", "day", unit="day", amount=offset)
    offset = ctx.lex.day_phrases.get((ctx.low(i), ctx.low(i + 1)))
    if offset is not None:
        return _Expr(i, i + 2, "offset", "day", unit="day", amount=offset)
    return None


def _match_this_unit(ctx: _Ctx, i: int) -> _Expr | None:
    """[earlier|later] last|this|next week|month|year; not "the last week" (a duration)."""
    j = i + 1 if ctx.low(i) in ctx.lex.hedges else i
    direction = ctx.lex.directions.get(ctx.low(j))
    unit = _UNITS.get(ctx.low(j + 1))
    if direction is None or unit is None or unit == "day":
        return None
    if (j > 0 and ctx.doc[j - 1].lower_ == "the") or (j != i and direction != 0):
        return None
    return _Expr(i, j + 2, "offset", unit, unit=unit, amount=direction)


def _match_ago(ctx: _Ctx, i: int) -> _Expr | None:
    """N days|weeks|months|years ago: "three days ago", "a year ago", "2 weeks ago"."""
    low = ctx.low(i)
    count = int(low) if low.isdigit() else ctx.lex.numbers.get(low)
    unit = _PLURAL_UNITS.get(ctx.low(i + 1)) or _UNITS.get(ctx.low(i + 1))
    if count is None or unit is None or ctx.low(i + 2) != "ago":
        return None
    precision: DatePrecision = unit
    return _Expr(i, i + 3, "offset", precision, unit=unit, amount=-count)


_MATCHERS: tuple[Callable[[_Ctx, int], _Expr | None], ...] = (
    _match_iso,
    _match_weekday,
    _match_day_first,
    _match_month_first,
    _match_year,
    _match_ago,
    _match_this_unit,
    _match_day_word,
)


def _scan(sent: SpacySpan, lex: _Lexicon) -> list[_Expr]:
    date_tokens, starts = _candidates(sent, lex)
    ctx = _Ctx(sent.doc, sent.end, lex, date_tokens)
    found: list[_Expr] = []
    done = sent.start  # tokens before this are inside an expression already found
    for i in starts:
        if i < done:
            continue
        expr = next((e for m in _MATCHERS if (e := m(ctx, i)) is not None), None)
        if expr is not None:
            found.append(expr)
            done = expr.end
    return found


# --- resolution ---


def _head_path(tok: Token) -> list[Token]:
    """The heads above ``tok`` up to and including the first verb (all of them if none)."""
    path: list[Token] = []
    head = tok
    while head.head.i != head.i:
        head = head.head
        path.append(head)
        if head.pos_ in ("VERB", "AUX"):
            break
    return path


def _verb_is_future(verb: Token, lex: _Lexicon) -> bool:
    """Future auxiliary, present progressive, or present passive of a planning verb."""
    children = list(verb.children)
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lex.future_aux for c in children):
        return True
    present_aux = {c.dep_ for c in children if c.tag_ in ("VBZ", "VBP")}
    if verb.tag_ == "VBG" and "aux" in present_aux:  # "is meeting on Friday"
        return True
    return verb.lemma_.lower() in lex.future_gov and "auxpass" in present_aux  # "is set for"


def _is_future(doc: Doc, expr: _Expr, lex: _Lexicon) -> bool:
    """Whether the verb the expression hangs off speaks of the future (see module docstring)."""
    root = doc[expr.start : expr.end].root
    if expr.start > 0 and doc[expr.start - 1].lower_ in lex.past_preps:
        return False
    path = _head_path(root)
    if any(t.pos_ == "ADJ" and t.lemma_.lower() in lex.future_gov for t in path):
        return True  # "is due on Friday"
    if not path or path[-1].pos_ not in ("VERB", "AUX"):
        return False
    verb = path[-1]
    while True:
        if _verb_is_future(verb, lex):
            return True
        if verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children):
            verb = verb.head  # "will meet X and sign Y on Friday": sign shares meet's "will"
            continue
        if verb.dep_ not in ("xcomp", "acomp"):
            return False
        verb = verb.head
        if verb.lemma_.lower() in lex.future_gov:
            return True


def _recurring_year(pub: dt.date, expr: _Expr, future: bool) -> int:
    """The year putting month(-day) nearest publication in the wanted direction.

    The publication day (month, for month precision) itself counts, except
    after "last"/"next".
    """
    month, day = expr.month, expr.day
    target = (month, day) if expr.precision == "day" else (month, 0)
    here = (pub.month, pub.day) if expr.precision == "day" else (pub.month, 0)
    strict = expr.direction != 0
    year = pub.year
    if future and (target < here or (strict and target == here)):
        year += 1
    elif not future and (target > here or (strict and target == here)):
        year -= 1
    step = 1 if future else -1
    while not _valid(year, month, day):  # 29 February: move to the nearest leap year
        year += step
    return year


def _resolve_yearless(expr: _Expr, pub: dt.date, future: bool) -> dt.date:
    return dt.date(_recurring_year(pub, expr, future), expr.month, expr.day)


def _resolve_weekday(expr: _Expr, pub: dt.date, future: bool) -> dt.date:
    if future:
        delta = (expr.weekday - pub.weekday()) % 7
    else:
        delta = -((pub.weekday() - expr.weekday) % 7)
    if delta == 0 and expr.direction != 0:
        delta = 7 * expr.direction
    return pub + dt.timedelta(days=delta)


def _shift_months(pub: dt.date, months: int) -> dt.date:
    index = pub.year * 12 + pub.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _resolve_offset(expr: _Expr, pub: dt.date) -> dt.date:
    if expr.unit == "day":
        return pub + dt.timedelta(days=expr.amount)
    if expr.unit == "week":
        return pub + dt.timedelta(weeks=expr.amount)
    if expr.unit == "month":
        return _shift_months(pub, expr.amount)
    return dt.date(pub.year + expr.amount, 1, 1)


_METHODS: dict[Kind, DateMethod] = {
    "full": "explicit",
    "yearless": "explicit",
    "weekday": "weekday",
    "offset": "relative",
}


def _resolve(doc: Doc, expr: _Expr, pub: dt.date | None, lex: _Lexicon) -> DateRef:
    tokens = doc[expr.start : expr.end]
    span = TextSpan(tokens.text, tokens.start_char, tokens.end_char)
    date: dt.date | None = expr.date
    try:
        if pub is not None and expr.kind == "offset":
            date = _resolve_offset(expr, pub)
        elif pub is not None and expr.kind in ("yearless", "weekday"):
            # "last"/"next" fix the direction; otherwise the tense of the verb decides
            future = expr.direction > 0 if expr.direction else _is_future(doc, expr, lex)
            resolver = _resolve_yearless if expr.kind == "yearless" else _resolve_weekday
            date = resolver(expr, pub, future)
    except (OverflowError, ValueError):
        # "next year" in an article dated 9999-12-31 names no representable day
        date = None
    return DateRef(date, expr.precision, _METHODS[expr.kind], span)


# --- public API ---


def find_dates(sent: SpacySpan, *, pub_date: dt.date | None) -> list[DateRef]:
    """Every calendar date expression in ``sent``, resolved against ``pub_date``.

    ``sent`` is a sentence of a Doc parsed with tagger, parser and NER; spans in
    the result are character offsets into ``sent.doc.text``::

        doc = nlp("The leaders will meet on Monday.")
        find_dates(next(doc.sents), pub_date=dt.date(2022, 6, 15))
        # [DateRef(date(2022, 6, 20), "day", "weekday", Span("Monday", 25, 31))]
    """
    lex = _lexicon()
    return [_resolve(sent.doc, expr, pub_date, lex) for expr in _scan(sent, lex)]


def anchor_token(doc: Doc, ref: DateRef) -> Token:
    """The syntactic head of the tokens under ``ref.span``.

    The event coder checks whether this token hangs off an event trigger::

        token = anchor_token(doc, ref)
        attached = trigger in token.ancestors
    """
    if ref.span is None:
        raise ValueError(
            "DateRef has no span (a publication-date fallback has no token); "
            "call anchor_token only on DateRefs returned by find_dates"
        )
    span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        raise ValueError(
            f"DateRef span {ref.span.start}-{ref.span.end} ({ref.span.text!r}) covers no "
            "token of this Doc; pass the Doc the DateRef was found in"
        )
    return span.root


def shift_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the first or last representable date::

        shift_days(dt.date(1, 1, 1), -30)  # date(1, 1, 1), not OverflowError
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def publication_date(pub_date: dt.date | None) -> DateRef:
    """The fallback date of an event with no date expression of its own::

    publication_date(dt.date(2022, 6, 15))  # DateRef(date(2022, 6, 15), "day", "publication")
    publication_date(None)                  # DateRef(None, "day", "none")
    """
    if pub_date is None:
        return DateRef(None, "day", "none", None)
    return DateRef(pub_date, "day", "publication", None)
