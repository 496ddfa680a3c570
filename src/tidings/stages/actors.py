"""Actor resolution: find who is named in a parsed article and code it (country, org, sector).

All knowledge lives in ``tidings/data/actors/*.tsv``; this module only reads the tables, builds one
spaCy ``PhraseMatcher`` over them and assembles matched words into mentions::

    resolver = ActorResolver()
    mentions = resolver(doc, pub_date=datetime.date(2022, 6, 15))
    resolver.lookup("CCTV")  # Actor(name='CCTV', country='CHN', sector='JRN', code='CHNJRN', ...)
    ActorResolver(extra_files=["my_actors.tsv"])  # user entries win over the package's

A mention is a run of adjacent matched words ("Chinese President Xi Jinping", "Russian troops",
"Russia's foreign ministry", "Vietnamese-led forces", "the Bush administration"); leading
determiners are not part of its span. "ethnic Albanians" are coded by the country they live in.
Light coreference (``method`` starting with ``coref:``) covers short names, "he"/"she" as subjects,
"him"/"her" as objects, "his Russian counterpart", "the country" and the pair phrases ("the two
leaders"), which yield two mentions with the same span, one per actor. Tables are read by
``actor_tables``; the context rules (shared heads and modifiers, "his government", "the group",
apposition) live in ``actor_context``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.records import Actor, Mention, Span
from tidings.stages.actor_context import (
    Atom,
    State,
    antecedents,
    apposed,
    last_group,
    owner_country,
    pair_sides,
    shared_heads,
    shared_modifiers,
    surname_keys,
)
from tidings.stages.actor_tables import Entry, package_entries, user_entries
from tidings.stages.parse import sentences_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Lower rank wins when one stretch of words matches entries of several kinds.
_RANK = {
    "user": 0, "leader": 1, "media": 2, "group": 3, "org": 4, "seat": 5, "capital": 6,
    "country": 7, "adjective": 8, "title": 9, "cue": 10, "sector": 11,
}
_PLACES = {"country", "capital", "seat", "org", "group", "cue"}
_HEADS = {"title", "sector", "leader", "person", "media", "cue", "seat"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_STANDALONE = {"pair", "pronoun", "object", "country", "it", "they", "its", "their"}
_NEUTER = {"it": False, "its": False, "they": True, "their": True}  # cue -> plural
_POSSESSIVE = {"'s", "'", "’s", "’"}
_FIXED = {"user", "leader", "media", "org"}  # their own sector stands whatever words surround them
_ARMED = {"REB", "UAF", "MIL", "CRM"}
_DOMESTIC = {"OPP"}  # sectors that only exist inside one country, the one the text is about
_OFFICES = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB"}  # what a "former" one held
_ROLE_RANK = {"head_of_state": 0, "head_of_government": 1, "foreign_minister": 2}


# --------------------------------------------------------------------------- codes and terms


def _code(country: str | None, org: str | None, sector: str | None,
          org_codes: dict[str, str]) -> str:
    """CAMEO-style code: country + sector, else the org's code, else IMG for armed groups."""
    if country:
        return country + (sector or "")
    if org and org in org_codes:
        return org_codes[org]
    if org and sector in _ARMED:  # a transnational armed network such as IS
        return "IMG" + (sector or "")
    return (org or "") + (sector or "")


def _covers(entry: Entry, day: dt.date) -> bool:
    return (entry.start is None or entry.start <= day) and (entry.end is None or day <= entry.end)


def _of_period(entries: list[Entry], day: dt.date | None) -> list[Entry]:
    """Place names whose meaning changed ("Congo" was the Republic of the Congo while the DRC
    was Zaire): the reading dated to ``day`` wins; undated names are always valid."""
    if day is None or len(entries) < 2 or not any(
            e.kind in {"country", "adjective"} and (e.start or e.end) for e in entries):
        return entries
    dated = [e for e in entries if (e.start or e.end) and _covers(e, day)]
    return dated or [e for e in entries if e.start is None and e.end is None] or entries


def _pick_term(entries: Sequence[Entry], day: dt.date | None) -> tuple[Entry, str]:
    """The row valid on ``day``: ``(entry, "current" | "former" | "before")``."""
    latest = max(entries, key=lambda e: (e.end is None, e.start or dt.date.min))
    if day is None:
        return latest, "current"
    current = [e for e in entries if _covers(e, day)]
    if current:
        best = min(current, key=lambda e: (_ROLE_RANK.get(e.role or "", 9),
                                           -(e.start or dt.date.min).toordinal()))
        return best, "current"
    ended = [e for e in entries if e.end is not None and e.end < day]
    if ended:
        return max(ended, key=lambda e: e.end or dt.date.min), "former"
    return latest, "before"


# --------------------------------------------------------------------------- the resolver


class ActorResolver:
    """Finds actor mentions in a parsed spaCy Doc and resolves them.

    >>> resolver = ActorResolver()
    >>> resolver.lookup("the Kremlin").code
    'RUSGOV'
    """

    def __init__(self, *, extra_files: Sequence[str | Path] = ()) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self._nlp = spacy.blank("en")
        self._entries: dict[int, list[Entry]] = {}
        self._forms: dict[int, str] = {}  # one written form per key, to build its pattern
        self._names: dict[str, str] = {}  # iso3 -> country name
        self._org_codes: dict[str, str] = {}
        self._sets: dict[str, set[str]] = {"locative": set(), "prefix": set(), "surname": set(),
                                           "government": set(), "ethnic": set(),
                                           "personal": set(), "impersonal": set(),
                                           "aside": set(), "sector_word": set(),
                                           "one_person": set(), "dual": set()}
        for form, entry in package_entries():
            self._add(form, entry, user=False)
        for path in extra_files:
            for form, entry in user_entries(path):
                self._add(form, entry, user=True)
        self._matcher = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        for key, form in self._forms.items():
            self._matcher.add(self._nlp.vocab.strings[key], [self._nlp.make_doc(form)])

    def _add(self, form: str, entry: Entry, *, user: bool) -> None:
        if entry.kind == "cue" and entry.cue in self._sets:
            self._sets[entry.cue or ""].add(form.lower())  # words read by rule, not matched
            return
        if entry.kind == "country" and entry.surface == entry.name and entry.country:
            self._names[entry.country] = entry.name
        if entry.kind == "org" and entry.org:
            self._org_codes.setdefault(entry.org, entry.code or entry.org)
        if entry.kind == "sector":
            self._sets["sector_word"].add(form.lower())
        tokens = [t.text for t in self._nlp.make_doc(form)]
        exact = entry.kind not in {"sector", "cue"}
        entry = replace(entry, surface=" ".join(tokens), exact=exact)
        key = self._nlp.vocab.strings.add(" ".join(t.lower() for t in tokens))
        bucket = self._entries.setdefault(key, [])
        self._forms.setdefault(key, form)
        if user and any(e.kind != "user" for e in bucket):
            bucket[:] = [e for e in bucket if e.kind == "user"]  # user entries win
        if not user and any(e.kind == "user" for e in bucket):
            return
        bucket.append(entry)

    # ----------------------------------------------------------------------- public API

    def __call__(self, doc: Doc, *, pub_date: dt.date | None) -> list[Mention]:
        """All actor mentions of ``doc`` in text order (pairs give two mentions per span)."""
        atoms = self._residents(doc, self._atoms(doc, pub_date))
        starts = [sent.start for sent in sentences_of(doc)]
        state = State()
        runs = list(self._runs(doc, atoms))
        heads = shared_heads(doc, runs)
        lent = [h + places for h, places in zip(heads, shared_modifiers(doc, runs), strict=True)]
        for run, borrowed, head_words in zip(runs, lent, heads, strict=True):
            span = doc[run[0].start:run[-1].end]
            sentence = _bisect(starts, run[0].start)
            actors = self._resolve(doc, run, state, pub_date, borrowed)
            if not actors and run[0].kind == "name" and len(run) == 1:
                state.unnamed.append((run[0].start, run[0].end, sentence))
            for actor in actors:
                self._remember(state, Mention(Span(span.text, span.start_char, span.end_char),
                                              actor, sentence))
                shared = _head_run(runs, head_words, run)
                if shared is not None:
                    # "the leaders of Russia and Ukraine met": the head speaks for every country,
                    # so each country's actor also spans it, as a pair phrase does
                    head = doc[shared[0].start:shared[-1].end]
                    state.mentions.append(Mention(Span(head.text, head.start_char,
                                                       head.end_char), actor, sentence))
        return apposed(doc, state)

    def _remember(self, state: State, mention: Mention) -> None:
        state.mentions.append(mention)
        actor = mention.actor
        if actor.person and not actor.method.startswith("coref:pair"):
            for key in surname_keys(actor.person, self._sets["surname"]):
                state.surnames[key] = actor

    def lookup(self, name: str, *, pub_date: dt.date | None = None) -> Actor | None:
        """Resolve a bare name ("CCTV", "Xi Jinping", "the Kremlin"), or None if unknown.

        >>> ActorResolver().lookup("China").code
        'CHN'
        """
        tokens = [t.text for t in self._nlp.make_doc(name.strip())]
        tries = [tokens, tokens[1:]] if len(tokens) > 1 and tokens[0].lower() == "the" else [
            tokens]
        for words in tries:
            key = self._nlp.vocab.strings[" ".join(t.lower() for t in words)]
            entries = _of_period(self._best(self._entries.get(key, []), " ".join(words)),
                                 pub_date)
            if entries and entries[0].kind != "cue":
                atom = Atom(0, len(words), entries[0].kind, tuple(entries))
                return self._identity(atom, pub_date, None)
        return None

    # ----------------------------------------------------------------------- matching

    @staticmethod
    def _best(entries: Sequence[Entry], text: str) -> list[Entry]:
        """Entries whose case fits ``text``, of the best-ranked kind only."""
        fitting = [e for e in entries if not e.exact or _same_case(text, e.surface)]
        if not fitting:
            return []
        rank = min(_RANK[e.kind] for e in fitting)
        return [e for e in fitting if _RANK[e.kind] == rank]

    def _atoms(self, doc: Doc, day: dt.date | None) -> list[Atom]:
        found: list[Atom] = []
        for key, start, end in self._matcher(doc):
            text = " ".join(t.text for t in doc[start:end])
            entries = _of_period(self._best(self._entries.get(key, []), text), day)
            if entries and end - start == 1 and doc[start].ent_type_ in _NOT_NAMES:
                continue  # a one-word name read as a date or number ("May 5")
            if entries and entries[0].kind == "sector" and entries[0].sector and (
                    doc[end - 1].pos_ in {"VERB", "AUX"}):
                continue  # sector words are nouns: "to press their demands" names no press
            if entries and _name_goes_on(doc, end, entries[0]):
                continue  # "the North Korean leader": "the North" is only the name's start
            if entries and not self._after_prefix(doc, start, entries[0]):
                found.append(Atom(start, end, entries[0].kind, tuple(entries)))
        found = _merge_same(found)
        # Longest first, so "European Union" beats "European"; then text order.
        found.sort(key=lambda a: (a.start - a.end, a.start))
        taken: set[int] = set()
        atoms: list[Atom] = []
        for atom in found:
            if taken.isdisjoint(range(atom.start, atom.end)):
                taken.update(range(atom.start, atom.end))
                atoms.append(atom)
        atoms.sort(key=lambda a: a.start)
        atoms = [a for a in atoms if not _inside_name(doc, a, taken)]
        return self._add_people(doc, self._dual_nationals(doc, atoms))

    def _dual_nationals(self, doc: Doc, atoms: list[Atom]) -> list[Atom]:
        """ "a British-Iranian aid worker" is the first nationality's: news writes the foreign
        one first when the person is held or tried in the second country. Only before a noun
        for one person ("national", "worker"): "Israeli-Palestinian talks" keep both sides."""
        out: list[Atom] = []
        for atom in atoms:
            before = out[-1] if out else None
            if (before is not None and atom.kind == "adjective" and before.kind == "adjective"
                    and atom.start == before.end + 1 and doc[before.end].text == "-"
                    and doc[atom.end - 1].head.lemma_.lower() in self._sets["dual"]):
                out[-1] = Atom(before.start, atom.end, "adjective", before.entries, before.person)
                continue
            out.append(atom)
        return out

    def _residents(self, doc: Doc, atoms: list[Atom]) -> list[Atom]:
        """ "ethnic Albanians in Serbia" are coded by the country they live in, as CAMEO does:
        a country named in the sentence ("in Serbia", "Macedonia's border"), preferring one
        after "in" or "of", else a demonym; with none, the demonym keeps its own country."""
        out = []
        for atom in atoms:
            if atom.kind == "adjective" and atom.start > 0 and (
                    doc[atom.start - 1].lower_ in self._sets["ethnic"]):
                home = _home(doc, atom, atoms)
                if home is not None:
                    atom = Atom(atom.start, atom.end, "adjective", home.entries, atom.person)
            out.append(atom)
        return out

    def _after_prefix(self, doc: Doc, start: int, entry: Entry) -> bool:
        """ "pro-Russian separatists" are not Russian actors."""
        return (entry.kind in {"adjective", "country"} and start >= 2
                and doc[start - 1].text == "-" and doc[start - 2].lower_ in self._sets["prefix"])

    @staticmethod
    def _add_people(doc: Doc, atoms: list[Atom]) -> list[Atom]:
        """A name right after a title ("Defence Minister Ivan Petrenko") joins as a person."""
        out: list[Atom] = []
        skip_to = -1
        # A known name is never swallowed: "Supreme Leader Ayatollah Ali Khamenei" keeps the leader.
        named = {a.start for a in atoms if a.kind in {"leader", "user"}}
        named |= {a.start for a, b in zip(atoms, atoms[1:], strict=False)
                  if a.kind == "title" and b.start == a.end and b.start in named}
        for index, atom in enumerate(atoms):
            if atom.start < skip_to:
                continue
            out.append(atom)
            follows = atoms[index + 1] if index + 1 < len(atoms) else None
            titled = atom.kind == "title" or (atom.kind == "cue" and atom.entries[0].cue
                                              == "counterpart")
            if not titled and atom.kind != "sector":
                continue
            if follows is not None and follows.start == atom.end and follows.kind in {
                    "leader", "user"}:
                continue
            end = atom.end
            # After a capitalised title NER may miss the name: take proper nouns too.
            while end < len(doc) and end not in named and (doc[end].ent_type_ == "PERSON" or (
                    titled and not doc[end].ent_type_ and doc[end].pos_ == "PROPN"
                    and doc[end].is_title)):
                end += 1
            if end > atom.end and end not in named:  # else the title joins the known name
                name = doc[atom.end:end].text
                out.append(Atom(atom.end, end, "person", person=name))
                skip_to = end
        return out

    # ----------------------------------------------------------------------- runs

    def _runs(self, doc: Doc, atoms: list[Atom]) -> Iterator[list[Atom]]:
        """Group adjacent atoms into noun-phrase-like runs; PERSON names seen before follow."""
        covered = {i for atom in atoms for i in range(atom.start, atom.end)}
        loose = [Atom(ent.start, ent.end, "name", person=ent.text) for ent in doc.ents
                 if ent.label_ == "PERSON" and covered.isdisjoint(range(ent.start, ent.end))]
        ordered = sorted(atoms + loose, key=lambda a: a.start)
        run: list[Atom] = []
        for atom in ordered:
            if run and (_joins(doc, run[-1], atom) or self._governed(doc, run[-1], atom)
                        or _from_country(doc, run, atom)):
                run.append(atom)
                continue
            if run:
                yield self._trimmed(run)
            run = [atom]
        if run:
            yield self._trimmed(run)

    def _governed(self, doc: Doc, left: Atom, right: Atom) -> bool:
        """ "the Bush administration", "Netanyahu's government": a leader's name before a word
        for the government names that government."""
        gap = [t.text for t in doc[left.end:right.start]]
        return (left.kind == "leader" and right.kind == "sector"
                and (not gap or gap in [[p] for p in _POSSESSIVE])
                and doc[right.start:right.end].text.lower() in self._sets["government"])

    @staticmethod
    def _trimmed(run: list[Atom]) -> list[Atom]:
        """Drop trailing modifiers: "Iraq's national" names Iraq."""
        while len(run) > 1 and run[-1].kind == "sector" and run[-1].entries[0].sector is None:
            run = run[:-1]
        return run

    # ----------------------------------------------------------------------- resolving

    def _resolve(self, doc: Doc, run: list[Atom], state: State,
                 pub_date: dt.date | None, borrowed: Sequence[Atom] = ()) -> list[Actor]:
        head = run[0]
        text = doc[run[0].start:run[-1].end].text
        if len(run) == 1 and head.kind == "cue":
            return self._coref(doc, head, state)
        single = len(run) == 1 and (head.kind == "name" or (
            head.kind == "leader" and head.end - head.start == 1))
        if single:
            # A surname already tied to someone in this article keeps that identity ("Kim").
            said = head.person or doc[head.start:head.end].text
            known = state.surnames.get(said) or state.surnames.get(said.split()[-1])
            if known is not None:
                return [replace(known, method="coref:alias")]
            if head.kind == "name":
                return []
        actor = self._combine(doc, [*run, *borrowed], state, pub_date, text)
        return [actor] if actor is not None else []

    def _combine(self, doc: Doc, run: list[Atom], state: State, pub_date: dt.date | None,
                 text: str) -> Actor | None:
        identities = [a for a in run if a.kind in _RANK and _RANK[a.kind] <= _RANK["adjective"]]
        person = next((a for a in run if a.kind in {"person", "name"}), None)
        sectors = [e.sector for a in run if a.kind in {"title", "sector"}
                   for e in a.entries[:1] if e.sector]
        sectors = _former(sectors)
        country = next((a.entries[0].country for a in reversed(run)
                        if a.kind in {"country", "adjective", "capital"}), None)
        cues = {a.entries[0].cue for a in run if a.kind == "cue"}
        if "country" in cues:  # "the country's army"
            country = self._last_country(state)
        context = next((a for a in run if _cue(a) == "context"), None)
        if context is not None:  # "the South's military"
            country = _context_country(context.entries[0].cue or "", doc, context, state)
            if country is None:
                return None
        group = last_group(state) if "group" in cues else None
        if identities or group is not None:
            done, country = self._identified(doc, run, state, pub_date, text, group, country)
            if done is not None or person is None and "counterpart" not in cues:
                return done
        if person is not None:
            known = state.surnames.get(person.person or "")
            if country is None and known is not None:  # "Chairman Kim" after "Kim Jong Un"
                return replace(known, method="coref:alias")
            sector = _pick_sector(sectors)
            if sector is None and "counterpart" in cues and country is not None:
                sector = "GOV"  # "his Rwandan counterpart Jean Mugabo": that country's leader
            return Actor(person.person or text, country, None, sector,
                         _code(country, None, sector, self._org_codes), person=person.person,
                         method="dictionary:title")
        if "counterpart" in cues:
            return self._counterpart(country, state, text)
        sector = _pick_sector(sectors)
        if country is None and sector is not None:
            country = owner_country(doc, run[0].start, state)  # "his government"
        if country is None and sector in _DOMESTIC:
            country = _main_country(state)  # "the opposition" opposes at home
        if country is not None:
            return Actor(text, country, None, sector, country + (sector or ""),
                         method="coref:country")
        if sector is None:
            return None
        return Actor(text, None, None, sector, sector, former=sector == "ELI",
                     method="dictionary:sector")

    def _identified(self, doc: Doc, run: list[Atom], state: State, pub_date: dt.date | None,
                    text: str, group: Actor | None,
                    country: str | None) -> tuple[Actor | None, str | None]:
        """Resolve a run that names someone: ``(final actor, None)`` or ``(None, country)`` when
        a person or counterpart in the run still decides."""
        identities = [a for a in run if a.kind in _RANK and _RANK[a.kind] <= _RANK["adjective"]]
        person = next((a for a in run if a.kind in {"person", "name"}), None)
        sectors = [e.sector for a in run if a.kind in {"title", "sector"}
                   for e in a.entries[:1] if e.sector]
        sectors = _former(sectors)
        cues = {a.entries[0].cue for a in run if a.kind == "cue"}
        if identities:
            best = self._best_identity(identities, pub_date)
            actor = self._identity(best, pub_date, text if len(run) > 1 else None)
            actor = self._alias_coref(actor, best, doc, state)
            if best.person:
                actor = replace(actor, person=best.person)
        elif group is not None:  # "the group's military spokesman"
            best, actor = run[0], replace(group, name=text, person=None, method="coref:group")
        else:
            return None, country
        if best.kind == "seat" and country is None and (
                doc[best.start:best.end].text.lower() in self._sets["sector_word"]):
            country = self._located_in(doc, best, state)  # "protesters in Guatemala ... Congress"
        if best.kind == "seat" and country and country != actor.country:
            # "Rwanda's Senate": a generic institution belongs to the country named with it
            actor = replace(actor, country=country, code=country + (actor.sector or ""))
        if best.kind == "org" and "MIL" in sectors and actor.code.startswith("IGO"):
            actor = replace(actor, code=actor.code + "MIL")  # "UN peacekeepers"
        if best.kind == "leader" and actor.country and any(
                self._governed(doc, best, a) for a in run if a.start >= best.end):
            # The leader's government as a body, whether or not the leader still holds office.
            return replace(actor, name=text, sector="GOV", code=actor.country + "GOV",
                           person=None, former=False, method="dictionary:government"), None
        if best.kind in _FIXED or (best.kind == "leader" and actor.person):
            return _with_person(actor, person, doc, best), None
        if person is None and "counterpart" not in cues:
            return self._with_sector(actor, sectors, doc, run), None
        if person is not None and actor.sector in _ARMED:
            # "Senior Houthi official Hussein al-Ezzi" speaks for the group
            sector = _pick_sector([actor.sector, *sectors])
            return replace(actor, name=person.person or text, sector=sector,
                           person=person.person, method="dictionary:title",
                           code=_code(actor.country, actor.org, sector, self._org_codes)), None
        return None, actor.country or country

    def _located_in(self, doc: Doc, seat: Atom, state: State) -> str | None:
        """The country a generic institution ("Congress", "the Senate") sits in when its run names
        none: a country named earlier in its sentence as a place ("demonstrators in Guatemala"),
        unless the sentence also names the country the word stands for by default."""
        sentence = doc[seat.start].sent
        here = [m for m in state.mentions if m.span.start >= sentence.start_char]
        if any(m.actor.country == seat.entries[0].country for m in here):
            return None
        for mention in reversed(here):
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None or mention.actor.country is None or mention.actor.org:
                continue
            root = span.root
            if root.dep_ == "pobj" and root.head.lower_ in self._sets["locative"]:
                return mention.actor.country
        return None

    @staticmethod
    def _best_identity(identities: list[Atom], pub_date: dt.date | None) -> Atom:
        """The strongest name in a run; a former leader serving an organisation speaks for it."""
        best = min(identities, key=lambda a: _RANK[a.kind])
        org = next((a for a in identities if a.kind == "org"), None)
        if best.kind == "leader" and org is not None:
            entry, status = _pick_term(best.entries, pub_date)
            if status != "current":  # "European Commission President Ursula von der Leyen"
                return Atom(org.start, org.end, "org", org.entries, person=entry.name)
        return best

    def _identity(self, atom: Atom, pub_date: dt.date | None, text: str | None) -> Actor:
        """The actor an identity atom names, before the words around it are considered."""
        entry, status = _pick_term(atom.entries, pub_date)
        kind = atom.kind
        if kind == "leader":
            return self._leader(entry, status)
        name = text or entry.name
        sector = entry.sector
        if kind in {"country", "adjective"}:
            return Actor(entry.name if text is None else name, entry.country, None, None,
                         entry.country or "", method=f"dictionary:{kind}")
        if kind == "org":
            return Actor(name, None, entry.org, sector, entry.code or "", method="dictionary:org")
        code = _code(entry.country, entry.org, sector, self._org_codes)
        return Actor(name, entry.country, entry.org, sector, code, method=f"dictionary:{kind}")

    def _leader(self, entry: Entry, status: str) -> Actor:
        country = entry.country
        if status == "former":
            return Actor(entry.name, country, None, "ELI", _code(country, None, "ELI", {}),
                         person=entry.name, former=True, method="dictionary:former")
        if status == "before":
            return Actor(entry.name, country, None, None, country or "", person=entry.name,
                         method="dictionary:person")
        sector = entry.sector or "GOV"
        return Actor(entry.name, country, None, sector, _code(country, None, sector, {}),
                     person=entry.name, method="dictionary:leader")

    @staticmethod
    def _alias_coref(actor: Actor, atom: Atom, doc: Doc, state: State) -> Actor:
        """A short name ("Xi") for a person already named in full is coreference."""
        said = doc[atom.start:atom.end].text
        if actor.person and actor.person not in said and actor.person in state.surnames:
            return replace(actor, method="coref:alias")
        return actor

    def _with_sector(self, actor: Actor, sectors: list[str], doc: Doc,
                     run: list[Atom]) -> Actor:
        sector = _pick_sector([actor.sector, *sectors] if actor.sector else sectors)
        if run[-1].kind == "capital" and len(run) == 1 and self._is_place(doc, run[0]):
            return replace(actor, sector=None, code=actor.country or "",
                           method="dictionary:capital-place")
        if sector == actor.sector:
            return actor
        return replace(actor, sector=sector, former=sector == "ELI",
                       code=_code(actor.country, actor.org, sector, self._org_codes))

    def _is_place(self, doc: Doc, atom: Atom) -> bool:
        """ "in Beijing", "the Beijing Olympics": the city, not its government."""
        last = doc[atom.end - 1]
        if last.dep_ == "compound" and last.head.i >= atom.end:
            return True
        return last.head.pos_ == "ADP" and last.head.lower_ in self._sets["locative"]

    # ----------------------------------------------------------------------- coreference

    def _coref(self, doc: Doc, atom: Atom, state: State) -> list[Actor]:
        cue = atom.entries[0].cue or ""
        if cue.startswith("pair:"):
            return self._pair(cue.split(":", 1)[1], doc, atom, state)
        if cue == "country":
            country = self._last_country(state)
            return [self._country_actor(country, None, "coref:country")] if country else []
        if cue == "pronoun" and doc[atom.start].dep_ in {"nsubj", "nsubjpass"}:
            last = _subject_of(doc, state, self._sets["one_person"])
            return [replace(last, method="coref:pronoun")] if last else []
        if cue == "object" and doc[atom.start].dep_ in {"dobj", "pobj", "dative"}:
            last = _object_of(doc, atom.start, state)
            return [replace(last, method="coref:pronoun")] if last else []
        if cue in _NEUTER:
            found = antecedents(doc, atom.start, state, plural=_NEUTER[cue],
                                possessive=cue in {"its", "their"}, words=self._sets)
            return [replace(a, method="coref:pronoun") for a in found]
        if cue == "group":
            group = last_group(state)
            return [replace(group, method="coref:group")] if group else []
        if cue == "counterpart":
            actor = self._counterpart(None, state, doc[atom.start:atom.end].text)
            return [actor] if actor else []
        if cue.startswith("context:"):
            country = _context_country(cue, doc, atom, state)
            return [self._country_actor(country, None, "coref:context")] if country else []
        if cue == "member":  # "asking member states for help": the bloc last named
            bloc = next((m.actor for m in reversed(state.mentions) if m.actor.org
                         and m.actor.sector == "IGO"), None)
            return [replace(bloc, method="coref:member")] if bloc else []
        return []

    @staticmethod
    def _last_country(state: State) -> str | None:
        """The country last named as a noun ("Rwanda"), else by any mention ("French")."""
        nouns = {"dictionary:country", "dictionary:capital", "dictionary:capital-place"}
        candidates = [m.actor for m in reversed(state.mentions) if m.actor.country
                      and not m.actor.org]
        named = next((a.country for a in candidates if a.method in nouns), None)
        return named or next((a.country for a in candidates), None)

    def _pair(self, sector: str, doc: Doc, atom: Atom, state: State) -> list[Actor]:
        """The two sides a pair phrase means: see :func:`pair_sides`."""
        sides = pair_sides(doc, atom.start, atom.end, state)
        if sides is None:
            return []
        actors = []
        for side in sides:
            faction = side.sector is not None  # one faction of a country in civil strife
            person = next((m.actor for m in reversed(state.mentions)
                           if m.actor.person and not m.actor.method.startswith("coref:pair")
                           and (m.actor.code == side.code if faction
                                else m.actor.country == side.country)), None)
            if sector == "person" and person is not None:
                actors.append(replace(person, method="coref:pair"))
            elif faction:
                actors.append(replace(side, person=None, method="coref:pair"))
            else:
                chosen = "GOV" if sector in {"person", "GOV"} else None
                actors.append(self._country_actor(side.country or "", chosen, "coref:pair"))
        return actors

    def _counterpart(self, country: str | None, state: State, text: str) -> Actor | None:
        people = [m.actor for m in reversed(state.mentions) if m.actor.person]
        if country is None and people:
            speaker = people[0].country  # "his counterpart": a leader of another country
            country = next((p.country for p in people if p.country != speaker), None)
        if country is None:
            return None
        named = next((p for p in people if p.country == country), None)
        if named is not None:
            return replace(named, method="coref:counterpart")
        return Actor(text, country, None, "GOV", country + "GOV", method="coref:counterpart")

    def _country_actor(self, country: str, sector: str | None, method: str) -> Actor:
        return Actor(self._names.get(country, country), country, None, sector,
                     country + (sector or ""), method=method)


def _main_country(state: State) -> str | None:
    """The country named most so far (ties: the latest), the one the article is about."""
    named = [m.actor.country for m in state.mentions if m.actor.country and not m.actor.org]
    if not named:
        return None
    last = {country: index for index, country in enumerate(named)}
    return max(last, key=lambda c: (named.count(c), last[c]))


def _subject_of(doc: Doc, state: State, titles: set[str]) -> Actor | None:
    """ "he" as a subject: the last person named as a subject ("Katsav refused to meet King
    Abdullah, saying he would..."), else the last person named. One person known only by
    office ("Kosovo's prime minister said he had asked NATO") counts when a subject."""
    people = [m for m in reversed(state.mentions) if m.actor.method != "coref:pair"
              and (m.actor.person or (m.actor.country or m.actor.org))]
    for mention in people:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if mention.actor.person or (span.root.tag_ == "NN" and span.root.lower_ in titles):
            return mention.actor
    named = [m for m in people if m.actor.person]
    return named[0].actor if named else None


def _context_country(cue: str, doc: Doc, atom: Atom, state: State) -> str | None:
    """ "the North" (``context:PRK:PRK,KOR``) is North Korea once either Korea is named;
    "the kingdom" (``context:*:SAU,MAR,...``) is the one kingdom named, if only one is. A cue
    written with capitals must be so written in the text: "the north" is a region."""
    _, result, listed = cue.split(":", 2)
    surface = atom.entries[0].surface.split()[-1]
    if surface != surface.lower() and doc[atom.end - 1].text != surface:
        return None
    triggers = listed.split(",")
    named = {m.actor.country for m in state.mentions if m.actor.country and not m.actor.org}
    if result != "*":
        return result if named & set(triggers) else None
    found = [c for c in triggers if c in named]
    return found[0] if len(found) == 1 else None


def _name_goes_on(doc: Doc, end: int, entry: Entry) -> bool:
    """A context cue followed by a capitalised word begins a longer name ("the North Korean
    leader", "the South China Sea")."""
    return (entry.kind == "cue" and (entry.cue or "").startswith("context:") and end < len(doc)
            and doc[end].is_title and doc[end].pos_ in {"PROPN", "ADJ", "NOUN"})


def _object_of(doc: Doc, index: int, state: State) -> Actor | None:
    """ "congratulated him": the last person named who is not the subject of the same verb."""
    token = doc[index]
    verb = token.head.head if token.dep_ == "pobj" else token.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in subjects]
    acting = {m.actor.person for m in state.mentions
              if any(m.span.start >= s and m.span.end <= e for s, e in spans)}
    return next((m.actor for m in reversed(state.mentions) if m.actor.person
                 and not m.actor.method.startswith("coref:pair")
                 and m.actor.person not in acting and m.span.start < token.idx), None)


def _with_person(actor: Actor, person: Atom | None, doc: Doc, atom: Atom) -> Actor:
    """Name the person behind an org or user actor ("UN chief Antonio Guterres")."""
    if actor.person:
        return actor
    if person is not None:
        return replace(actor, person=person.person)
    if atom.kind == "user" and any(t.ent_type_ == "PERSON" for t in doc[atom.start:atom.end]):
        return replace(actor, person=atom.entries[0].name)
    return actor


def _home(doc: Doc, ethnic: Atom, atoms: list[Atom]) -> Atom | None:
    """The country an ethnic group named by ``ethnic`` lives in, judged from its sentence."""
    sentence = doc[ethnic.start].sent
    own = ethnic.entries[0].country
    others = [a for a in atoms if a.kind in {"country", "adjective"}
              and sentence.start <= a.start < sentence.end and a.entries[0].country != own]

    def rank(atom: Atom) -> tuple[bool, bool, int]:
        before = atom.start - 1
        while before > 0 and doc[before].pos_ in {"ADJ", "DET"}:  # "in southern Serbia"
            before -= 1
        located = before >= 0 and doc[before].lower_ in {"in", "of"}
        return (not located, atom.kind != "country", abs(atom.start - ethnic.start))

    return min(others, key=rank, default=None)


def _inside_name(doc: Doc, atom: Atom, taken: set[int]) -> bool:
    """ "Anglo American", "Santiago Pena": a place word that continues a name begun by a word
    we do not know names that company or person, not the place."""
    if atom.kind not in {"country", "adjective", "capital"} or atom.start == 0:
        return False
    before = doc[atom.start - 1]
    return (doc[atom.start].ent_iob_ == "I" and before.pos_ == "PROPN" and before.is_title
            and before.i not in taken and before.ent_type_ not in {"GPE", "LOC"})


def _merge_same(atoms: list[Atom]) -> list[Atom]:
    """Overlapping matches of one person ("President Xi" + "Xi Jinping") become one atom."""
    merged: list[Atom] = []
    for atom in sorted(atoms, key=lambda a: (a.start, -a.end)):
        names = {e.name for e in atom.entries}
        same = next((m for m in merged if m.kind == atom.kind and atom.start < m.end
                     and names & {e.name for e in m.entries}), None)
        if same is None:
            merged.append(atom)
        else:
            same.end = max(same.end, atom.end)
    return merged


def _same_case(text: str, surface: str) -> bool:
    """Names match as written, capitalised at a sentence start, or in capitals (headlines)."""
    return (text == surface or text == surface[:1].upper() + surface[1:]
            or (len(surface) >= 4 and text == surface.upper()))


def _cue(atom: Atom) -> str:
    """The cue family of an atom ("pair", "pronoun", "country", "counterpart"), else ""."""
    if atom.kind != "cue":
        return ""
    return (atom.entries[0].cue or "").split(":")[0]


def _joins(doc: Doc, left: Atom, right: Atom) -> bool:
    """Whether two atoms belong to one mention, judged by the words between them."""
    gap = doc[left.end:right.start]
    if _of_country(gap, left, right) or _led_by(gap, left, right):
        return True
    if right.kind == "name" and left.kind == "country" and [t.text for t in gap] in (
            [[p] for p in _POSSESSIVE]):  # "North Korea's Kim"
        return True
    if "name" in (left.kind, right.kind) or left.kind in {"leader", "person", "user"}:
        return False
    if _cue(right) in _STANDALONE | {"group"} or _cue(left) in _STANDALONE - {"country"}:
        return False
    if _cue(left) == "country":  # "the country's army"
        return _possessive(gap, left, right)
    if len(gap) == 0:  # two place names side by side are two mentions ("told Beijing Moscow")
        return not ({left.kind, right.kind} <= {"country", "capital"})
    return _possessive(gap, left, right) or _glue(gap)


def _glue(tokens: Any) -> bool:
    """Unlisted modifiers inside a mention: "Bangladeshi peacekeeping troops"."""
    return len(tokens) <= 2 and all(
        t.pos_ in {"ADJ", "NOUN", "PROPN"} and t.dep_ in {"amod", "compound"} and t.head.i > t.i
        for t in tokens)


def _possessive(gap: Any, left: Atom, right: Atom) -> bool:
    """ "Russia's foreign ministry": a place's possessive joins a following title or sector."""
    return (len(gap) >= 1 and gap[0].text in _POSSESSIVE and left.kind in _PLACES
            and right.kind in _HEADS and _glue(gap[1:]))


def _of_country(gap: Any, left: Atom, right: Atom) -> bool:
    """ "King Hassan of Morocco", "the president of Armenia", "the foreign ministers of the
    Gulf Cooperation Council"."""
    return (right.kind in {"country", "org"} and left.kind in {"person", "title", "sector"}
            and [t.lower_ for t in gap] in (["of"], ["of", "the"]))


def _from_country(doc: Doc, run: list[Atom], right: Atom) -> bool:
    """ "negotiators from Ethiopia", "a delegation from Seoul": people sent by a country, when
    nothing in the run names a country already ("US troops from Iraq" stay American)."""
    gap = [t.lower_ for t in doc[run[-1].end:right.start]]
    # the preposition must hang on the noun: "withdraw its force from Chad" moves it away
    return (gap in (["from"], ["from", "the"]) and right.kind in {"country", "capital"}
            and run[-1].start <= doc[run[-1].end].head.i < run[-1].end
            and run[-1].kind in {"title", "sector"} and run[-1].entries[0].sector is not None
            and all(a.kind in {"title", "sector"} for a in run))


def _led_by(gap: Any, left: Atom, right: Atom) -> bool:
    """ "Vietnamese-led forces", "the US-led coalition" act for the leading side; a backer
    ("Iranian-backed militias") stays a mention of its own."""
    return (left.kind in {"country", "adjective", "org"} and right.kind in {"sector", "title"}
            and [t.lower_ for t in gap] == ["-", "led"])


def _former(sectors: list[str]) -> list[str]:
    """ "former" makes an elite (ELI) only of an office: "the former Soviet Union" and "a former
    student" keep their own reading."""
    if "ELI" in sectors and not set(sectors) & _OFFICES:
        return [s for s in sectors if s != "ELI"]
    return sectors


def _pick_sector(sectors: Sequence[str | None]) -> str | None:
    """The first sector other than GOV ("government troops" is MIL), else GOV, else None."""
    present = [s for s in sectors if s]
    return next((s for s in present if s != "GOV"), present[0] if present else None)


def _head_run(runs: list[list[Atom]], borrowed: Sequence[Atom],
              run: list[Atom]) -> list[Atom] | None:
    """The run whose head words ``run`` borrowed from before it ("the leaders of A, B and C"
    lends "leaders" to B and C), or None."""
    if not borrowed or borrowed[0].start >= run[0].start:
        return None
    return next((r for r in runs if r[0].start <= borrowed[0].start < r[-1].end), None)


def _bisect(starts: list[int], index: int) -> int:
    return max(bisect.bisect_right(starts, index) - 1, 0)


__all__ = ["ActorResolver"]
