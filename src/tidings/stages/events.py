"""Code events from the dependency parse with the trigger lexicon.

For every token whose lemma is a trigger in ``data/lexicon/triggers/*.tsv``, the frame is checked
(object, particle, required preposition), the source and target are read from the syntax (subject,
passive agent, object, prepositional objects, possessives, the subject of a light verb), and the
cues in ``data/lexicon/cues.tsv`` decide whether the event is negated, hypothetical, intended,
reported or alleged. Negated and hypothetical candidates become :class:`NonEvent` records.

Every event records its rule in ``method`` (``rule:verb:condemn`` is the ``condemn`` VERB row).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tidings import ontology
from tidings.records import (
    Actor,
    Article,
    DateRef,
    Event,
    Mention,
    Modality,
    NonEvent,
    Span,
    Trigger,
)
from tidings.stages.parse import sentences_of, text_of
from tidings.tables import package_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from tidings.stages.places import PlaceResolver

VERB_PREPS = frozenset({"with", "against", "on", "to", "at", "into", "toward", "towards", "over"})
NOUN_PREPS = frozenset({"with", "between", "on", "against", "to", "into", "of", "toward", "for"})
SOURCE_PREPS = frozenset({"by", "from"})
# Prepositions on what a noun event moves or threatens that name whom it is aimed at ("the
# threat of tariffs on China", "the supply of jets to Iran").
THEME_PREPS = frozenset({"on", "against", "to"})
PARTICLES = frozenset({"out", "back", "down", "off", "over", "up", "away"})
# Dependency labels that start a new clause or a side remark: actor search does not descend.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "appos", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Cooperative types that PLOVER codes as AGREE when only promised (manual, AGREE), unless the
# rule is `kept` (an agreed truce, an offered apology is the concession itself).
INTENT_TO_AGREE = {
    "SUPPORT": "032", "CONSULT": "036", "COOPERATE": "031", "AID": "033",
    "CONCEDE": "035", "RETREAT": "035", "AGREE": None,
}  # fmt: skip
# Cooperative types whose refusal ("will not negotiate", "refused to join") is a REJECT, by code.
# Refusing a show of force or a punishment ("refused to deploy troops", "declined to impose
# sanctions") turns down whoever wanted it: a REJECT too. Refusing to attack is left alone:
# "refused to stop shelling" is the shelling going on.
REFUSALS = {
    "AGREE": "120", "SUPPORT": "120", "CONSULT": "125", "COOPERATE": "121", "AID": "121",
    "CONCEDE": "124", "RETREAT": "124", "MOBILIZE": "120", "SANCTION": "120", "COERCE": "120",
}  # fmt: skip
# Conflict types that, when only announced, are threats (CAMEO 13x).
INTENT_TO_THREATEN = {"ASSAULT": "138", "SANCTION": "1312", "COERCE": "132", "MOBILIZE": "138"}
HOSTING, VISITING = "043", "042"  # CAMEO host a visit, make a visit
# Attacks that a speaker tells of another actor are an accusation, by code (see _charges).
CHARGEABLE = {"ASSAULT": "1123", "COERCE": "112"}
# A truce kept ("the ceasefire held"): PLOVER RETREAT, the truce observed.
IN_FORCE = "0871"
# Noun events of another actor that a rejection answers (see EventCoder._answered).
ANSWERED = frozenset({"REQUEST"})
# types whose object can be an earlier event ("condemned the strikes", "welcomed the deal")
REACTIONS = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
# Types whose target is whoever brings about an "if" condition (see _condition_subjects).
CONDITIONAL = frozenset({"THREATEN", "ASSAULT", "SANCTION", "COERCE", "MOBILIZE"})
CONDITION_MARKS = frozenset({"if", "unless"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Types whose unnamed attacker another clause may name ("claimed responsibility", "blamed").
CLAIMABLE = frozenset({"ASSAULT"})
# Types whose passive subject is the force moved, owned by the mover ("troops were deployed").
THEMED = frozenset({"MOBILIZE"})
# State acts whose doer, when no agent is named, is the authority of the place where they
# happen or the body one is put out of ("was arrested in Iran", "was expelled from the AU").
HELD_BY_PLACE = frozenset({"COERCE", "SANCTION"})
AUTHORITY_PREPS = frozenset({"in", "from"})
PLACE_METHODS = frozenset({"dictionary:country", "dictionary:capital", "dictionary:capital-place"})
OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})
# Types done with a partner, who may be named "alongside" the doer.
PARTNER_TYPES = frozenset({"COOPERATE", "CONSULT", "AGREE"})
# Types that code without a target (see EventCoder._alone).
ALONE = frozenset({"SUPPORT", "PROTEST", "MOBILIZE", "RETREAT", "CONCEDE"})


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Cue words by kind (negate, hypothetical, intent, report, allege, light, nodet)."""
    by_kind: dict[str, set[str]] = {}
    for _, row in package_rows("data", "lexicon", "cues.tsv"):
        by_kind.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in by_kind.items()}


@dataclass(slots=True)
class Candidate:
    """A trigger whose frame holds, before modality and actors decide what becomes of it."""

    token: Token
    rule: ontology.TriggerRule
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    modality: Modality = "asserted"
    suppressed: str | None = None
    paired: bool = False  # source and target came from one argument ("A and B met")
    code: str = ""  # the CAMEO code once the arguments are known (see EventCoder._base_code)
    guessed: bool = False  # the target is the sentence's other country or the source's own
    refusal: str | None = None  # a cooperative event refused ("will not negotiate"): REJECT code


class MentionIndex:
    """Which actor mentions cover which tokens of the doc."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.by_token: dict[int, list[Mention]] = {}
        for mention in mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                bucket = self.by_token.setdefault(i, [])
                if mention not in bucket:
                    bucket.append(mention)

    def at(self, token: Token) -> list[Mention]:
        return self.by_token.get(token.i, [])

    def within(self, token: Token, *, max_depth: int = 3) -> list[Mention]:
        """Mentions at the token, else the nearest ones in its subtree (breadth first).

        Conjuncts count: "the EU and the US" gives both.
        """
        found: list[Mention] = []
        # "Saudi Arabia, the UAE, Bahrain and Egypt": a list parsed as an apposition
        listed = [t for c in token.children if c.dep_ == "appos" and c.conjuncts
                  for t in (c, *c.conjuncts)]
        for head in (token, *token.conjuncts, *listed):
            # in the order of the text: "Chinese, Russian and Iranian warships" starts with China
            near = self._nearest(head, max_depth) + self._coordinated_modifiers(head)
            for mention in sorted(near, key=lambda m: m.span.start):
                if mention not in found:
                    found.append(mention)
        return found

    def _coordinated_modifiers(self, token: Token) -> list[Mention]:
        """ "Israeli and Turkish officials": each coordinated modifier names an actor."""
        out: list[Mention] = []
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        for child in modifiers:
            if child.conjuncts:
                out += [m for t in (child, *child.conjuncts) for m in self.at(t)]
        if out:  # "Chinese, Russian and Iranian warships": the parse drops the list's head
            out += [m for c in modifiers if c.i + 1 < len(c.doc) and c.nbor(1).text == ","
                    for m in self.at(c) if m not in out]
        return out

    def _nearest(self, token: Token, max_depth: int) -> list[Mention]:
        level = [token]
        for _ in range(max_depth + 1):
            # "goods from Mexico and Canada": a name found brings its coordinated names
            hits = [m for t in level if self.at(t) for c in (t, *t.conjuncts) for m in self.at(c)]
            if hits:
                return list(dict.fromkeys(hits))
            level = [c for t in level for c in t.children
                     if c.dep_ not in CLAUSE_DEPS and c.dep_ != "conj"]
        return []


def _has_prep(token: Token, preps: Iterable[str]) -> list[Token]:
    """The token's prepositions among ``preps``, also those the parse hangs on its particle
    ("pulled the US out of the deal", "handed the pilot back to India")."""
    wanted = set(preps)
    heads = [token] + [p for p in _particles(token) if p.dep_ != "prt"]
    found = [c for h in heads for c in h.children if c.dep_ in ("prep", "agent", "dative") and
             c.lower_ in wanted]
    if "for" in wanted:  # "a call for Israel to halt": the parse makes "for" a clause's mark
        found += [m for c in token.children if c.dep_ in ("advcl", "acl", "ccomp")
                  for m in c.children if m.dep_ == "mark" and m.lower_ == "for"]
    return found


def _particles(token: Token) -> list[Token]:
    """A verb's particles: the parse often reads one as an adverb ("pulled back") or as a
    preposition ("pulled out of", "walked off the job")."""
    return [c for c in token.children if c.dep_ == "prt" or (
        c.dep_ in ("advmod", "prep") and c.lower_ in PARTICLES and c.i > token.i)]


def _reciprocal(obj: Token) -> bool:
    """ "each other", "one another"."""
    return obj.lower_ in ("other", "another", "one") and any(
        c.dep_ == "det" and c.lower_ in ("each", "another") for c in obj.children) or (
        obj.lower_ == "other" and obj.i > 0 and obj.nbor(-1).lower_ == "each")


def _theme(noun: Token, rule: ontology.TriggerRule, type_: str) -> Token | None:
    """What a noun event moves, gives, lifts or threatens ("the supply of jets", "the easing
    of sanctions", "the deployment of troops", "the threat of tariffs"): the object of its
    "of" when the rule names its target prepositions without "of" and the "of" phrase is
    what is handed over (the frame names it, or the type moves forces or threatens acts).
    A meeting's or an inquiry's "of" names a party or a topic instead."""
    if rule.preps is None or "of" in rule.preps or rule.of_source or not (
            rule.pobjs or type_ in THEMED | {"THREATEN"}):
        return None
    return next((p for prep in _has_prep(noun, {"of"}) for p in _pobjs(prep)
                 if p.pos_ in ("NOUN", "PROPN")), None)


def _theme_owners(theme: Token, index: MentionIndex) -> list[Mention]:
    """Whose the moved thing is, who then moves it: "Russian jets", "a US carrier group",
    "Moscow's troops", "jets supplied by Russia" (a "by" phrase the parse hangs on the thing)."""
    owners = [m for c in theme.children if c.dep_ == "poss" for m in index.within(c)]
    owners = owners or [m for c in theme.children if c.dep_ in ("amod", "compound", "nmod")
                        for m in index.at(c) if m.actor.country or m.actor.org]
    return owners or _by_phrase(theme, index)


def _theme_targets(theme: Token, preps: frozenset[str], index: MentionIndex,
                   sources: Sequence[Mention]) -> list[Mention]:
    """Whom the moved thing is for or against, named on the thing itself: "sanctions on
    Venezuela", "ties between Riyadh and Tehran", "jets to Iran"."""
    found = [m for prep in _has_prep(theme, preps | {"between"}) for p in _pobjs(prep)
             for m in index.within(p)]
    return [m for m in found if not any(_same_actor(m, s) for s in sources)]


def _by_phrase(noun: Token, index: MentionIndex) -> list[Mention]:
    return [m for prep in noun.children if prep.dep_ in ("prep", "agent") and prep.lower_ == "by"
            for p in _pobjs(prep) for m in index.within(p)]


def _agents_of_object(noun: Token, index: MentionIndex) -> list[Mention]:
    """ "the expulsion of Polish diplomats by Russia": the parse often hangs the doer's "by"
    phrase on the noun's object rather than on the noun."""
    return [m for prep in _has_prep(noun, {"of"}) for p in _pobjs(prep)
            for m in _by_phrase(p, index)]


def _pobjs(prep: Token) -> list[Token]:
    if prep.dep_ == "mark":  # "for Israel to halt": the clause's subject
        return [c for c in prep.head.children if c.dep_ in SUBJECT_DEPS | PASSIVE_DEPS]
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _asked(token: Token, index: MentionIndex) -> list[Mention]:
    """ "called for Israel to halt", "a demand for Russia to leave": who is to act."""
    return [m for c in token.children if c.dep_ in ("advcl", "acl", "ccomp") and
            any(k.dep_ == "mark" and k.lower_ == "for" for k in c.children)
            for s in c.children if s.dep_ in SUBJECT_DEPS | PASSIVE_DEPS
            for m in index.within(s)]


def _dobj(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)


def _complement_lemmas(token: Token, obj: Token) -> set[str]:
    """ "took two journalists hostage": the parse reads the object's complement as a second
    object after the first, which is what the frame names."""
    return {c.lemma_.lower() for c in token.children
            if c.dep_ in ("dobj", "oprd") and c.i > obj.i}


def _clause_object(token: Token) -> Token | None:
    """ "let UN investigators enter", "allowed pilgrims to cross": the parse makes the object
    the subject of the complement clause."""
    # the subject nearest the verb: "let UN rights investigators enter" may be read as three
    subjects = [s for c in token.children if c.dep_ in ("ccomp", "xcomp")
                for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]
    return subjects[-1] if subjects else None


def _modifier_lemmas(token: Token) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}


class EventCoder:
    """Codes the events of one parsed article.

    >>> coder = EventCoder()
    >>> events, non_events = coder(doc, article=article, mentions=mentions, dates=dates)
    """

    def __init__(self, *, places: PlaceResolver | None = None) -> None:
        self.rules = ontology.trigger_rules()
        self.codes = ontology.cameo_codes()
        self.modes = ontology.mode_rules()
        self.cues = cues()
        # a multi-word lemma ("war game") is looked up from its head word
        self.lemmas = frozenset(w for lemma, _ in self.rules for w in (lemma, lemma.split()[-1]))
        # nouns that end a multi-word trigger ("hunger strike"): only these need _phrases
        self._phrase_heads = frozenset(lemma.split()[-1] for lemma, pos in self.rules
                                       if pos == "NOUN" and " " in lemma)
        self._kept_types = frozenset(self.codes[r.cameo].type for group in self.rules.values()
                                     for r in group if r.kept)
        # the pipeline passes its own resolver: one phrase matcher over the gazetteer, not two
        self._resolver: PlaceResolver | None = places
        self._published: int | None = None  # the article's year, to tell dated background
        self._flags: dict[tuple[str, int], bool] = {}  # sentence properties, per article

    def _place_resolver(self) -> PlaceResolver:
        """The gazetteer, loaded on first need unless the pipeline passed its resolver."""
        if self._resolver is None:
            from tidings.stages.places import PlaceResolver

            self._resolver = PlaceResolver()
        return self._resolver

    def __call__(
        self,
        doc: Doc,
        *,
        article: Article,
        mentions: Sequence[Mention],
        dates: dict[int, list[DateRef]],
        publication: DateRef,
    ) -> tuple[list[Event], list[NonEvent]]:
        index = MentionIndex(doc, mentions)
        self._published = publication.date.year if publication.date else None
        self._flags = {}
        events: list[Event] = []
        non_events: list[NonEvent] = []
        named = _NamedPlaces(doc, mentions, index, self._place_resolver)
        for number, sent in enumerate(sentences_of(doc)):
            if number == 0 and _headline(sent):
                self._repair_headline(sent, index)
            places = _Places(sent, index, named, number)
            for cand in self._candidates(sent, index, number):
                cand.code = self._base_code(cand)
                # a refused resignation still concerns the refuser's own country
                mode = cand.rule.mode if cand.code in (cand.rule.cameo, cand.refusal) else None
                places.anchor(cand, self.codes[cand.code].type, mode or self.codes[cand.code].mode)
                cand.suppressed = cand.suppressed or self._where_not_who(cand)
                trigger = self._trigger(cand)
                if cand.suppressed:
                    non_events.append(NonEvent(self.codes[cand.rule.cameo].type, sent.text.strip(),
                                               cand.suppressed, number, trigger))
                    continue
                events.extend(self._events(cand, article, sent, number, trigger,
                                           dates.get(number, []), publication, events))
                events.extend(self._charges(cand, index, article, sent, number,
                                            self._date(cand, dates.get(number, []), publication)))
        return _unique(events), non_events

    # -- headlines --------------------------------------------------------------------------

    def _repair_headline(self, sent: DocSpan, index: MentionIndex) -> None:
        """Re-read a headline's clause where the parse misses it: "China, US hold talks" (the
        first name read as a modifier), "Turkey snubs Sweden's NATO bid", "Russia fires missiles
        at Kyiv" (the verb read as a noun). The subject is the leading run of actor names
        (comma- or "and"-joined); the next word is the verb when its lemma has VERB trigger
        rules; the tree is rebuilt flat around it, so the rules read it as they read a sentence.
        """
        runs, i = _headline_subjects(sent, index, self.cues.get("crowdnoun", frozenset()))
        if not runs or i >= sent.end - 1:
            return
        doc = sent.doc
        if doc[i].lower_ == "to" and len(runs) > 1:  # "US, Japan to boost military ties"
            i += 1
        verb, rest = doc[i], i + 1
        hyphened = rest + 1 < sent.end and doc[rest].text == "-" and \
            doc[rest + 1].lower_.endswith("s")  # "test-fires": the rule is on the first half
        lemma = self._headline_verb(verb, bare=len(runs) > 1 or hyphened or
                                    runs[0][-1].tag_ in ("NNS", "NNPS"))
        root = sent.root
        if lemma is None or (root.pos_ == "VERB" and root.i != verb.i and
                             not self._object_read_as_verb(verb, root)) or \
                not any(rule.pos == "VERB" for rule in self.rules.get((lemma, "VERB"), ())):
            return
        # a verb the parse found keeps what it found after it, unless it found nothing there
        # ("Iran hangs protester": the object read as a second verb)
        read = verb.i == root.i and verb.pos_ == "VERB" and any(
            c.dep_ in ("dobj", "prep", "prt", "xcomp", "ccomp", "advmod") for c in verb.rights)
        if verb.i != root.i:
            verb.head = verb
            root.head = verb
            root.dep_ = "dep"
        verb.dep_, verb.pos_, verb.lemma_ = "ROOT", "VERB", lemma
        verb.tag_ = "VBZ" if verb.lower_.endswith("s") else "VBP"
        if hyphened:
            for part in doc[rest:rest + 2]:
                _attach(part, verb, "punct" if part.text == "-" else "dep")
                part.pos_ = "X"  # the verb's second half, no word of its own
            rest += 2
        _attach(runs[0][-1], verb, "nsubj")
        _flatten(runs[0], runs[0][-1])
        for run in runs[1:]:
            separator = doc[run[0].i - 1]
            _attach(separator, runs[0][-1], "cc" if separator.pos_ == "CCONJ" else "punct")
            _attach(run[-1], runs[0][-1], "conj")
            _flatten(run, run[-1])
        if not read:
            self._headline_object(verb, rest, sent)

    def _object_read_as_verb(self, verb: Token, root: Token) -> bool:
        """ "North Korea fires missile over Japan": the parse swapped the verb and its object,
        making the object a bare verb that no trigger rule knows."""
        return root.i == verb.i + 1 and verb.lower_.endswith("s") and \
            root.tag_ in ("VB", "VBP") and \
            not any((w, "VERB") in self.rules for w in (root.lower_, root.lemma_.lower()))

    def _headline_verb(self, verb: Token, *, bare: bool) -> str | None:
        """The verb lemma of a headline word the parse tagged otherwise: "snubs", "nixes",
        "lifts"; the bare form ("Protesters storm", "Serbia, Kosovo strike deal") only after a
        plural subject."""
        if verb.pos_ not in ("VERB", "AUX", "NOUN", "PROPN") or not verb.is_lower:
            return None
        word = verb.lower_
        if word.endswith("ies"):
            forms = [word[:-3] + "y"]
        elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
            forms = [word[:-2]]
        elif word.endswith("s") and not word.endswith("ss"):
            forms = [word[:-1]]
        else:
            forms = [word] if bare or verb.pos_ == "VERB" else []
        if verb.pos_ == "VERB":
            forms.append(verb.lemma_.lower())
        return next((f for f in forms if (f, "VERB") in self.rules), None)

    def _headline_object(self, verb: Token, start: int, sent: DocSpan) -> None:
        """The particle, the object phrase and the prepositional phrases after a headline's
        verb; a preposition the verb's rules need ("fires missiles at Kyiv") is the verb's."""
        doc = sent.doc
        i = start
        if i < sent.end and doc[i].lower_ in PARTICLES and doc[i].pos_ in ("ADP", "ADV", "PART"):
            _attach(doc[i], verb, "prt")
            i += 1
        phrase = _noun_phrase(doc, i, sent.end)
        if phrase:
            obj = phrase[-1]
            _attach(obj, verb, "dobj")
            obj.pos_ = "PROPN" if obj.pos_ == "PROPN" else "NOUN"
            _flatten(phrase, obj)
            i = obj.i + 1
        needs = {p for rule in self.rules.get((verb.lemma_, "VERB"), ()) for p in rule.need}
        while i < sent.end - 1 and doc[i].pos_ == "ADP":
            prep = doc[i]
            pobj = _noun_phrase(doc, i + 1, sent.end)
            if not pobj:
                return
            if prep.lower_ in needs or not phrase:
                _attach(prep, verb, "prep")
            elif not any(a.i == verb.i for a in prep.ancestors) or prep.head.i in \
                    (t.i for t in pobj):
                _attach(prep, phrase[-1], "prep")
            _attach(pobj[-1], prep, "pobj")
            _flatten(pobj, pobj[-1])
            i = pobj[-1].i + 1

    # -- candidates -------------------------------------------------------------------------

    def _candidates(self, sent: DocSpan, index: MentionIndex,
                    number: int) -> Iterable[Candidate]:
        question = sent.text.rstrip().endswith("?")
        matched = {t.i: rules for t in sent
                   if (rules := self._matches(t, index))}
        for token in sent:
            rules = matched.get(token.i, ())
            if not rules or self._carries_noun_trigger(token, rules[0], index) or \
                    self._promises_trigger(token, rules[0], index) or \
                    self._background(token, rules[0]) or self._consumed(token, matched) or \
                    self._handed_over(token, matched):
                continue
            for rule in rules:
                cand = self._candidate(token, rule, index, number, question)
                if cand is not None:
                    yield cand
                    break

    def _candidate(self, token: Token, rule: ontology.TriggerRule, index: MentionIndex,
                   number: int, question: bool) -> Candidate | None:
        cand = Candidate(token, rule)
        self._modality(cand, question)
        self._warned(cand)
        self._refused(cand, question)
        self._arguments(cand, index)
        type_ = self.codes[rule.cameo].type
        if not cand.sources and type_ in CLAIMABLE and cand.suppressed is None:
            cand.sources = self._claimed_by(token, index) or \
                self._unnamed_attacker(token, index, number)
        if not cand.sources and (any(g == "crowd" for g, _ in rule.recode) or
                                 type_ == "PROTEST"):
            cand.sources = self._crowd(token, number)
        if not cand.sources and type_ == "PROTEST" and rule.pos == "NOUN" and \
                cand.suppressed is None and self._happening(token):
            cand.sources = [_crowd_mention(token, token, number)]
        if any(code == "only" and not self._in_group(cand, group)
               for group, code in rule.recode):
            return None
        if cand.suppressed is None:
            cand.suppressed = self._off_record(cand)
        return cand if cand.sources or cand.targets else None

    def _claimed_by(self, token: Token, index: MentionIndex) -> list[Mention]:
        """Who another clause of the sentence says did an attack that names no attacker:
        "..., and Yemen's Houthis claimed responsibility", "Pagers exploded ...; Hezbollah
        blamed Israel"."""
        for verb in token.sent:
            lemma = verb.lemma_.lower()
            # the parse often hangs the clause before a semicolon on the claim as its ccomp;
            # what the claim's own object or phrases hold ("blamed Iran for the attack") is
            # the accusation's content, not another clause
            if verb.i == token.i or verb.pos_ != "VERB" or any(
                    c.dep_ not in ("ccomp", "parataxis") and token in c.subtree
                    for c in verb.children) or self._denied(verb, False) or self._nobody(verb):
                continue
            obj = _dobj(verb)
            if obj is None or _reciprocal(obj):
                continue
            if lemma in self.cues.get("claim", ()) and (
                    obj.lemma_.lower() in self.cues.get("claimed", ()) or
                    obj.lemma_.lower() in self.lemmas):
                found, passive = self._subject(verb, index)
                if found and not passive:
                    return found
            if lemma in self.cues.get("blame", ()):
                found = index.within(obj)
                if found:
                    return found
        return []

    def _unnamed_attacker(self, token: Token, index: MentionIndex,
                          number: int) -> list[Mention]:
        """ "A gunman killed three Israeli police officers", "a roadside bomb killed four Malian
        soldiers", "was killed in a car bomb explosion", "masked men abducted": an attacker the
        text says is unknown is an unidentified armed group, placed later by where it happens.
        """
        if token.pos_ not in ("VERB", "AUX"):
            return []
        passive = any(c.dep_ == "auxpass" for c in token.children)
        if passive:
            preps = [c for c in token.children if c.dep_ == "agent" or
                     c.dep_ == "prep" and c.lower_ == "in"]
            nouns = [p for prep in preps for p in _pobjs(prep)]
        else:
            nouns = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        for noun in nouns:
            if index.at(noun) or not self._attacker_noun(noun):
                continue
            return [_unknown_mention(noun.left_edge, noun.right_edge, number)]
        return []

    def _attacker_noun(self, noun: Token) -> bool:
        """Whether a noun names an attacker only by what it is or how it struck: "gunmen", "a
        suicide bomber", "a car bomb (explosion)", "unidentified men"; not "a gas explosion"."""
        lemma = noun.lemma_.lower()
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        attackers = self.cues.get("attacker", frozenset())
        if lemma in attackers:
            return True
        if lemma in self.cues.get("incident", frozenset()):
            return bool(mods & attackers)
        return lemma in self.cues.get("unknownhead", frozenset()) and \
            bool(mods & self.cues.get("unknown", frozenset()))

    def _nobody(self, verb: Token) -> bool:
        """ "Neither side has claimed responsibility", "no group blamed": nobody did it."""
        return any(c.dep_ in SUBJECT_DEPS and any(
            d.dep_ == "det" and d.lower_ in self.cues["nodet"] for d in c.children)
            for c in verb.children)

    def _background(self, token: Token, rule: ontology.TriggerRule) -> bool:
        """ "a lawmaker convicted of murder", "a meeting hosted by Qatar": a participle that
        describes a noun tells its background, not the news; a name ("the Paris Agreement")
        is not an event either, nor is a sports result."""
        if self.codes[rule.cameo].type == "ASSAULT" and (_scored(token.sent) or any(
                t.lemma_.lower() in self.cues.get("sport", ()) for t in token.sent)):
            return True  # "beat Argentina 2-1", "beating Egypt on penalties"
        if rule.pos == "VERB":
            if token.lemma_.lower() in self.cues.get("naming", ()) and any(
                    c.dep_ == "oprd" for c in token.children):
                return True  # "calling him a separatist" names him, it does not phone him
            # a sentence without a verb root is a misparsed main clause ("Forces massed ...")
            return token.dep_ == "acl" and token.tag_ == "VBN" and \
                token.sent.root.pos_ in ("VERB", "AUX") and self._summarised(token) is None
        return token.pos_ == "PROPN" and token.is_title and token.i > token.sent.start

    def _off_record(self, cand: Candidate) -> str | None:
        """Why a candidate, its parties known, is not political news: a sports report whose
        parties are teams ("Japan's national team arrived in Doha"), a company report with no
        political actor ("rejected a takeover offer"), or a violent past named with a year
        before the article's ("the 1994 genocide killed", "the 1980 uprising, in which troops
        killed")."""
        sent = cand.token.sent
        if cand.sources and all(m.actor.sector == "SPT" for m in cand.sources):
            return "sports: the parties are teams"
        if cand.sources and all(_bare(m) for m in cand.sources) and self._sports(sent) and \
                not self._on_team(cand.token):
            return "sports: the parties are teams"
        parties = [*cand.sources, *cand.targets]
        if parties and self._business(sent) and all(_private(m, sent.doc) for m in parties):
            return "business: no political actor"
        token = cand.token
        about = self._about(token)
        if about is not None:
            return f"topic: what '{about.text}' is about"
        if cand.token.pos_ == "VERB" and self._unowned_denial(cand.token):
            return "denial: an accusation denied"
        if self._counted(cand.token):
            return "statistic: the event is counted"
        if self._travelled(cand):
            return "travel: an envoy leaves a place"
        year = self._dated(cand.token)
        return f"background: dated {year}" if year is not None else None

    def _travelled(self, cand: Candidate) -> bool:
        """ "The Chinese ambassador left Beijing for Washington": leaving a town or country is
        a withdrawal for forces or a whole state, not for an envoy, official or delegation."""
        token = cand.token
        if cand.rule.mode != "withdraw" or token.pos_ != "VERB" or \
                token.lemma_.lower() not in self.cues.get("depart", ()):
            return False
        obj = _dobj(token)
        if obj is None or not cand.sources:
            return False
        armed = self.cues.get("armed", frozenset())
        return all(not _bare(m) and m.actor.sector not in armed for m in cand.sources)

    def _counted(self, token: Token) -> bool:
        """ "The number of Venezuelans granted asylum in Spain has tripled": an event inside
        what a statistic counts is not told as news."""
        for ancestor in token.ancestors:
            if ancestor.lemma_.lower() in self.cues.get("count", ()) and \
                    ancestor.dep_ in SUBJECT_DEPS and \
                    any(c.dep_ == "det" and c.lower_ == "the" for c in ancestor.children) and \
                    any(token in prep.subtree for prep in _has_prep(ancestor, {"of"})):
                return True
        return False

    def _sentence_flag(self, kind: str, sent: DocSpan, test: Callable[[DocSpan], bool]) -> bool:
        """A property of the whole sentence, found once per article rather than per trigger."""
        key = (kind, sent.start)
        if key not in self._flags:
            self._flags[key] = test(sent)
        return self._flags[key]

    def _sports(self, sent: DocSpan) -> bool:
        return self._sentence_flag("sports", sent, self._sports_report)

    def _sports_report(self, sent: DocSpan) -> bool:
        """A sports report: a sports noun ("World Cup", "striker"), a sports team ("national
        team") or a score."""
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ in ("NOUN", "PROPN") and lemma in self.cues.get("sportnoun", ()):
                return True
            if lemma in ("team", "side") and any(c.lemma_.lower() in self.cues.get("sportteam", ())
                                                 for c in token.children):
                return True
        return _scored(sent)

    def _on_team(self, verb: Token) -> bool:
        """ "Russia banned the Ukrainian team": who acts on a team is an authority, not a team."""
        return any(c.dep_ in ("dobj", "nsubjpass") and
                   c.lemma_.lower() in ("team", "side", "player", "athlete", "club", "squad")
                   for c in verb.children)

    def _business(self, sent: DocSpan) -> bool:
        return self._sentence_flag("business", sent, self._business_report)

    def _business_report(self, sent: DocSpan) -> bool:
        """A company report: "takeover", "shareholders", "chief executive", "the company"."""
        return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in self.cues.get("business", ())
                   for t in sent)

    def _dated(self, token: Token) -> int | None:
        """The year before publication that names the trigger's event or the event noun it
        tells of: its subject ("the 1994 genocide killed") or what it is the relative clause of
        ("the 1980 uprising, in which troops killed")."""
        if self._published is None:
            return None
        nouns = [token] if token.pos_ in ("NOUN", "PROPN") else []
        if token.pos_ in ("VERB", "AUX"):
            nouns += [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            if token.dep_ == "relcl":
                nouns.append(token.head)
        for noun in nouns:
            if not self._event_noun(noun):
                continue
            words = [c for c in noun.children if c.dep_ in NAMING_DEPS | {"npadvmod"}]
            words += [p for prep in _has_prep(noun, {"of", "in"}) for p in _pobjs(prep)]
            for word in words:
                if word.like_num and len(word.text) == 4 and word.text.isdigit() and \
                        1800 < int(word.text) < self._published:
                    return int(word.text)
        return None

    def _event_noun(self, noun: Token) -> bool:
        """A noun that names an event: a noun trigger, a state of violence or an incident."""
        lemma = noun.lemma_.lower()
        return (lemma, "NOUN") in self.rules or lemma in self.cues.get("situation", ()) or \
            lemma in self.cues.get("incident", ())

    def _where_not_who(self, cand: Candidate) -> str | None:
        """ "killed in Syria's war", "Syria's war has killed 350,000": a country that owns a
        state of violence is where it happens when no other party is named (the target is only
        the source's own country), not who does it."""
        if self.codes[cand.code or cand.rule.cameo].type != "ASSAULT" or not cand.sources:
            return None
        token = cand.token
        nouns = [token] if token.pos_ in ("NOUN", "PROPN") else \
            [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        for noun in nouns:
            if noun.lemma_.lower() not in self.cues.get("situation", ()):
                continue
            for owner in (c for c in noun.children if c.dep_ == "poss"):
                start = owner.left_edge.idx
                end = owner.right_edge.idx + len(owner.right_edge)
                if all(_bare(m) and start <= m.span.start and m.span.end <= end
                       for m in cand.sources) and \
                        all(any(t.actor.country == s.actor.country for s in cand.sources)
                            for t in cand.targets):
                    return f"where: '{owner.text}' is where the {noun.text} is"
        return None

    def _summarised(self, token: Token) -> Token | None:
        """ "The US opened its embassy in Jerusalem, a move praised by Netanyahu": a participle
        with an agent on a noun that sums up the clause before it is a reaction to that clause
        (returned: its verb), not background."""
        noun = token.head
        if token.dep_ != "acl" or token.tag_ != "VBN" or \
                noun.lemma_.lower() not in self.cues.get("summary", ()) or \
                not any(c.dep_ == "agent" for c in token.children) or \
                not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return None
        start = noun.left_edge.i
        if start == 0 or token.doc[start - 1].text != ",":
            return None
        clause = _clause_head(noun.head)
        return clause if clause.pos_ in ("VERB", "AUX") and clause.i < noun.i else None

    def _consumed(self, token: Token, matched: dict[int, tuple[ontology.TriggerRule, ...]]) -> bool:
        """A trigger that only completes another: the object a verb's frame names ("lifted
        sanctions", "signed an agreement", "withdrew from the accord"), what a rejection rejects
        or a condemnation condemns ("rebuffed attempts to open talks", "condemned the killing
        of"), and a purpose clause ("met to discuss", "gathered to
        denounce")."""
        head = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            verb = head.head if token.dep_ == "pobj" and head.dep_ == "prep" else head
            if self._yields_to(verb, token, matched.get(token.i, ()), matched.get(verb.i, ())):
                return True
            if verb.dep_ == "prep" and verb.lower_ in PARTICLES:  # "pulled out of the deal"
                verb = verb.head
            rule = matched.get(verb.i, (None,))[0]
            if rule is not None and rule.pos == "VERB" and verb.i != token.i and \
                    verb.lemma_.lower() not in self.cues["light"] and \
                    token.lemma_.lower() in rule.objects | rule.pobjs:
                return True
        for ancestor in token.ancestors:
            rule = matched.get(ancestor.i, (None,))[0]
            kind = self.codes[rule.cameo].type if rule is not None and rule.pos == "VERB" \
                else None
            deps = {"REJECT": ("dobj", "xcomp", "ccomp"), "ACCUSE": ("dobj", "xcomp")}.get(
                kind or "", ())
            if any(c.dep_ in deps and token in c.subtree for c in ancestor.children) and \
                    not self._answered(token, ancestor, matched):
                return True
        return self._purpose(token, matched)

    def _handed_over(self, token: Token,
                     matched: dict[int, tuple[ontology.TriggerRule, ...]]) -> bool:
        """A noun trigger that is what another noun event lifts or threatens ("the easing of
        US sanctions", "the threat of tariffs on China"): that event is the one told."""
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj" or \
                token.head.lower_ != "of":
            return False
        rule = matched.get(token.head.head.i, (None,))[0]
        if rule is None or rule.pos != "NOUN":
            return False
        type_ = self.codes[rule.cameo].type
        theme = _theme(token.head.head, rule, type_)
        return theme is not None and theme.i == token.i and (
            token.lemma_.lower() in rule.pobjs or type_ == "THREATEN")

    def _answered(self, token: Token, verb: Token,
                  matched: dict[int, tuple[ontology.TriggerRule, ...]]) -> bool:
        """ "rejected Afghanistan's demand", "refused a US request": another actor's request that
        a rejection answers is an event of its own (a rejected offer mostly is not coded)."""
        if token.dep_ != "dobj" or token.head.i != verb.i or token.pos_ != "NOUN":
            return False
        if self.codes[matched[token.i][0].cameo].type not in ANSWERED:
            return False
        return any(c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_)
                   for c in token.children)

    def _purpose(self, token: Token, matched: dict[int, tuple[ontology.TriggerRule, ...]]) -> bool:
        if token.pos_ != "VERB" or token.dep_ not in ("advcl", "xcomp") or \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False
        own = self.codes[matched[token.i][0].cameo].type
        head = token.head
        around = [head] + [c for c in head.children if c.dep_ in ("dobj", "nsubj")]
        around += [p for prep in _has_prep(head, {"in", "during", "at", "for"})
                   for p in _pobjs(prep)]
        # every reading of a governing trigger counts: "gather" is a protest or a troop move
        types = {self.codes[r.cameo].type for t in around for r in matched.get(t.i, ())}
        return own in types or "PROTEST" in types

    def _refused(self, cand: Candidate, question: bool) -> None:
        """A cooperative event that an actor says it will not do, or refuses, declines or fails
        to do, is a rejection (PLOVER REJECT), not a non-event."""
        refusal = REFUSALS.get(self.codes[cand.rule.cameo].type)
        if not cand.suppressed or refusal is None or question:
            return
        token = cand.token
        heads = [token]
        if token.pos_ in ("NOUN", "PROPN"):
            light = self._light_verb(token)
            heads = [light] if light is not None else []
        for verb in heads:
            while True:
                aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
                negated = any(c.dep_ == "neg" for c in verb.children)
                if negated and aux & self.cues["intent"]:
                    cand.suppressed, cand.refusal = None, refusal
                    return
                if verb.dep_ not in ("xcomp", "pcomp", "pobj", "prep") or verb.head.i == verb.i:
                    break
                verb = verb.head
                if verb.lemma_.lower() in self.cues.get("refuse", ()):
                    cand.suppressed, cand.refusal = None, refusal
                    return

    def _promises_trigger(self, token: Token, rule: ontology.TriggerRule,
                          index: MentionIndex) -> bool:
        """ "vowed to retaliate", "pledged to send troops": the promised event codes (as AGREE or
        THREATEN), so the promise verb itself does not code a second event."""
        if rule.pos != "VERB" or token.lemma_.lower() not in self.cues["intent"]:
            return False
        return any(c.dep_ == "xcomp" and (c.lemma_.lower() in self.lemmas or c.lower_ in
                                          self.lemmas) and self._match(c, index) is not None
                   for c in token.children)

    def _in_group(self, cand: Candidate, group: str) -> bool:
        """Whether the candidate's first source belongs to a sector group of cues.tsv."""
        return bool(cand.sources) and cand.sources[0].actor.sector in self.cues.get(group, ())

    def _crowd(self, token: Token, number: int) -> list[Mention]:
        """An unnamed crowd as the source: "thousands took to the streets", "people gathered".
        The crowd is civilian; the place of the sentence gives its country."""
        verb = token
        for _ in range(4):
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                break
            if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
                return []
            verb = verb.head
        else:
            return []
        if subject is None:
            return []
        words = [subject] + [p for prep in _has_prep(subject, {"of"}) for p in _pobjs(prep)]
        words += [p for w in words[1:] for prep in _has_prep(w, {"of"}) for p in _pobjs(prep)]
        if not any(w.lemma_.lower() in self.cues.get("crowdnoun", ()) for w in words):
            return []
        return [_crowd_mention(subject.left_edge, subject.right_edge, number)]

    def _match(self, token: Token, index: MentionIndex) -> ontology.TriggerRule | None:
        return next(iter(self._matches(token, index)), None)

    def _matches(self, token: Token, index: MentionIndex) -> tuple[ontology.TriggerRule, ...]:
        """The rules of the token's lemma whose frame holds, most specific first."""
        if token.lemma_.lower() not in self.lemmas and token.lower_ not in self.lemmas:
            return ()
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in (
            "NOUN", "PROPN") else None
        if pos is None:
            return ()
        lemma = token.lemma_.lower()
        if pos == "NOUN" and lemma in self._phrase_heads:
            lemma = next((p for p in self._phrases(token) if (p, pos) in self.rules), lemma)
        return tuple(rule for rule in self.rules.get((lemma, pos), ())
                     if self._frame_holds(token, rule, index))

    def _phrases(self, token: Token) -> Iterable[str]:
        """Multi-word lemmas a noun may end: with each modifier, nearest first ("a 24-hour
        hunger strike", "ethnic cleansing"), then with the words before it ("persona non
        grata", which the parse seldom reads as one phrase)."""
        lemma = token.lemma_.lower()
        modifiers = sorted((c for c in token.children
                            if c.dep_ in NAMING_DEPS and c.i < token.i), key=lambda c: -c.i)
        for child in modifiers:
            yield f"{child.lemma_.lower()} {lemma}"
        sent_start = token.sent.start
        for size in (2, 3, 4):
            start = token.i - size + 1
            if start < sent_start:
                return
            words = token.doc[start:token.i]
            for form in ({t.lemma_.lower() for t in words[:1]} | {words[0].lower_}):
                yield " ".join([form, *(t.lower_ for t in words[1:]), lemma])

    def _carries_noun_trigger(self, token: Token, rule: ontology.TriggerRule,
                              index: MentionIndex) -> bool:
        """ "offered support", "pledged aid": the noun is the event, the verb its light verb;
        so is "received aid" (see _received)."""
        if rule.pos != "VERB" or token.lemma_.lower() not in \
                self.cues["light"] | self.cues.get("receive", frozenset()):
            return False
        obj = _dobj(token)
        if obj is None:  # "agreed to a ceasefire": the noun is the event
            obj = next((p for prep in _has_prep(token, {"to", "on"}) for p in _pobjs(prep)), None)
        return obj is not None and self._match(obj, index) is not None and \
            not self._yields_to(token, obj, self._matches(obj, index), self._matches(token, index))

    def _yields_to(self, verb: Token, noun: Token, noun_rules: tuple[ontology.TriggerRule, ...],
                   verb_rules: tuple[ontology.TriggerRule, ...]) -> bool:
        """ "agreed to the demands of Hamas", "gave in to protesters' demands": a concession
        whose object is another actor's demand is the event (the demand's owner its target),
        even when its verb is light elsewhere."""
        if not noun_rules or self.codes[noun_rules[0].cameo].type not in ANSWERED:
            return False
        if noun.dep_ != "dobj" and not (noun.dep_ == "pobj" and noun.head.head.i == verb.i):
            return False
        return any(self.codes[r.cameo].type == "CONCEDE" for r in verb_rules)

    def _frame_holds(self, token: Token, rule: ontology.TriggerRule, index: MentionIndex) -> bool:
        if rule.particle and not any(c.lower_ == rule.particle for c in _particles(token)):
            return False
        if rule.need and not _has_prep(token, rule.need):
            return False
        if rule.pobjs and not any(p.lemma_.lower() in rule.pobjs
                                  for prep in _has_prep(token, VERB_PREPS | rule.need)
                                  for p in _pobjs(prep)):
            return False
        if rule.light and rule.pos == "NOUN" and not self._governed(token, index) and \
                not self._owned(token, rule, index):
            return False
        if not rule.objects:
            return True
        if rule.pos == "NOUN":
            return bool(_modifier_lemmas(token) & rule.objects)
        obj = _dobj(token) or self._stative_object(token) or next(
            (c for c in token.children if c.dep_ in PASSIVE_DEPS), None) or _clause_object(token)
        if obj is None:
            return "none" in rule.objects
        if "*any" in rule.objects:
            return True
        if ("*person" in rule.objects or "*actor" in rule.objects) and \
                index.within(obj, max_depth=1):
            return True
        lemmas = {obj.lemma_.lower(), obj.lower_} | {c.lemma_.lower() for c in obj.conjuncts}
        # "a batch of child soldiers", "$800 million in weapons": the quantity's content counts
        lemmas |= {p.lemma_.lower() for prep in _has_prep(obj, {"of", "in"}) for p in _pobjs(prep)}
        return bool((lemmas | _complement_lemmas(token, obj)) & rule.objects)

    def _governed(self, noun: Token, index: MentionIndex) -> bool:
        """A `light` noun is an event only where the sentence reports it: carried by a verb
        ("signed an agreement", "talks in Doha"), in a phrase ("agreed to talks"), owned by its
        doer ("Russia's invasion"), said to happen ("fighting broke out"), named by a copula
        ("it was the second call") or as a headline.
        Elsewhere it is a topic ("the ceasefire held", "after the war")."""
        if self._light_verb(noun) is not None or noun.dep_ == "ROOT" or (
                noun.dep_ in ("dobj", "nsubjpass") and
                noun.head.lemma_.lower() in self.cues.get("receive", ())):
            return True
        if noun.dep_ == "pobj" and not self._in_background(noun):
            return True
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in self.cues.get("occur", ()):
            return True
        if self._in_force(noun):  # "the truce held"
            return True
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            return True  # "it was their second call since ...": the sentence tells the event
        return bool(self._noun_sources(noun, index))

    def _owned(self, noun: Token, rule: ontology.TriggerRule, index: MentionIndex) -> bool:
        """A `light` noun whose doer is named through its object tells the event like "Russia's
        invasion" does: "the deployment of Chinese troops", "the expulsion of diplomats by
        Russia"."""
        if self._in_background(noun):
            return False
        theme = _theme(noun, rule, self.codes[rule.cameo].type)
        return bool((theme is not None and _theme_owners(theme, index)) or
                    _agents_of_object(noun, index))

    def _in_background(self, noun: Token) -> bool:
        """ "after the riot", "ahead of the talks", "after protests began": the noun event
        dates another one."""
        head = noun.head
        if noun.dep_ == "pobj":
            word = head.head.lower_ if head.lower_ == "of" else head.lower_
            return word in self.cues.get("background", ())
        if noun.dep_ in SUBJECT_DEPS | PASSIVE_DEPS and head.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in self.cues.get("background", ())
                       for c in head.children)
        return False

    def _happening(self, noun: Token) -> bool:
        """Whether a protest noun that names no protester tells a protest that took place, so
        that the unnamed crowd is its doer: "staged a general strike", "protests erupted",
        "detained at anti-war protests", "sparked riots"; not "protest leaders", "after the
        riot", "quelled the protests", "postponed the rally", nor "went on hunger strike in
        protest", where the protest is the purpose of the act the sentence codes."""
        if noun.dep_ in NAMING_DEPS or self._in_background(noun):
            return False
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and \
                not any(c.dep_ == "det" for c in noun.children):
            return False
        if noun.dep_ == "dobj":
            return noun.head.lemma_.lower() in self.cues["light"] | self.cues.get("cause",
                                                                                 frozenset())
        return True

    # -- modality -----------------------------------------------------------------------------

    def _governors(self, token: Token) -> Iterable[tuple[Token, str]]:
        """The chain of heads above a trigger, with the label that links each step, up to the
        clause that reports it (a speech verb's ccomp is the last step). A preposition's label
        carries its word ("prep:during"): "agreed to talks" is a promise, "agreed during talks"
        is not."""
        current = token
        while current.head.i != current.i:
            yield current.head, (f"prep:{current.lower_}" if current.dep_ == "prep"
                                 else current.dep_)
            current = current.head

    def _modality(self, cand: Candidate, question: bool) -> None:
        token, cues = cand.token, self.cues
        cand.suppressed = self._denied(token, question)
        if cand.suppressed:
            return
        modality: Modality = "asserted"
        crossed_clause = False
        noun = token.pos_ in ("NOUN", "PROPN")
        child = token
        for head, dep in self._governors(token):
            lemma = head.lemma_.lower()
            disowned = self._disowned(head, dep, child)
            if disowned:
                cand.suppressed = disowned
                return
            if self._requested(head, dep, lemma, child):
                cand.suppressed = f"requested by '{head.text}'"
                return
            if noun and head.pos_ in ("VERB", "AUX"):
                noun = False
                # "refused to condemn Moscow's invasion": the invasion is not what is negated,
                # but "whether they will rejoin the deal" still makes it uncertain
                if lemma not in cues["light"] and dep in ("dobj", "nsubj", "nsubjpass", "pobj"):
                    cand.suppressed = self._uncertain(head)
                    break
            if head.pos_ == "NOUN" and dep in ("acl", "prep:of") and any(
                    c.dep_ == "det" and c.lower_ in cues["nodet"] for c in head.children):
                cand.suppressed = f"negated: '{head.text}' has a negative determiner"
                return
            same_clause = not crossed_clause
            if dep in ("ccomp", "advcl", "relcl", "acl", "parataxis", "conj"):
                crossed_clause = True
            aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass", "mark")}
            cand.suppressed = self._governor_denies(head, dep, lemma, aux, same_clause)
            if cand.suppressed:
                return
            child = head
            if modality == "asserted":
                modality = self._modality_of(head, dep, lemma, aux, same_clause)
                if modality == "alleged" and any(c.dep_ in SUBJECT_DEPS for c in head.children):
                    # "Zelensky accused Moscow of targeting the ports": the accusation is the
                    # event; what a named accuser alleges is a claim, not a fact to code
                    cand.suppressed = f"alleged by '{head.text}'"
                    return
        own_aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "mark")}
        if own_aux & cues["hypothetical"]:
            cand.suppressed = f"hypothetical: '{token.text}'"
            return
        if own_aux & cues["intent"]:
            modality = "intended"
        cand.modality = modality

    def _warned(self, cand: Candidate) -> None:
        """ "Moscow warned that it would use all means to defend ...", "the Houthis warned they
        would target US warships": what a warning says its speaker will do is the threat, which
        the warning verb codes (PLOVER THREATEN), not an event of its own."""
        if cand.suppressed or cand.modality != "intended":
            return
        for head, dep in self._governors(cand.token):
            if dep == "ccomp":
                if head.lemma_.lower() in self.cues.get("warn", ()):
                    cand.suppressed = f"threatened by '{head.text}'"
                return

    def _governor_denies(self, head: Token, dep: str, lemma: str, aux: set[str],
                         same_clause: bool) -> str | None:
        """Why a governing word makes the trigger a non-event: a negation ("did not agree to
        meet", "refused to condemn") or a hypothesis ("whether", "could")."""
        cues = self.cues
        if same_clause or dep in ("xcomp",):
            if any(c.dep_ == "neg" for c in head.children) and dep != "conj":
                return f"negated: '{head.text}' has a negation"
            if lemma in cues["negate"] and dep.split(":")[0] in (
                    "xcomp", "dobj", "pcomp", "pobj", "prep"):
                return f"negated by '{head.text}'"
        # "threatened more strikes after bombing its positions": what came before is a fact
        factual = dep in ("prep:after", "prep:since", "prep:following", "prep:despite")
        if dep != "conj" and (aux & cues["hypothetical"] or (
                lemma in cues["hypothetical"] and not factual and dep.split(":")[0] in (
                    "xcomp", "ccomp", "prep", "pcomp", "dobj", "pobj"))):
            return f"hypothetical: '{head.text}'"
        return None

    def _disowned(self, head: Token, dep: str, child: Token) -> str | None:
        """Why what a clause tells is not news: a denial ("denied that its troops were fighting",
        "rejected claims that it backs M23") or a pundit's forecast ("would boycott the rerun if
        ..., analysts said")."""
        deny = self.cues.get("deny", frozenset())
        lemma = head.lemma_.lower()
        if dep not in ("aux", "conj") and _auxes(head) & self.cues.get("obligation", frozenset()):
            return f"requested: '{head.text}' is a demand"
        if dep == "ccomp" and lemma in self.cues["intent"] | self.cues.get("request", frozenset()) \
                and "to" in _auxes(child) and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            return f"requested: wanted by '{head.text}'"  # "wants Putin to attack", as parsed
        if dep == "ccomp" and head.pos_ == "VERB" and lemma in deny and not _negated(head):
            return f"denial: '{head.text}'"
        denier = self._denier(head) if dep == "acl" else None
        if denier is not None:
            return f"denial: '{denier.text}'"
        if dep in ("ccomp", "parataxis") and lemma in self.cues["report"]:
            speakers = [c for c in head.children if c.dep_ in SUBJECT_DEPS and
                        c.lemma_.lower() in self.cues.get("pundit", ())]
            aux = {c.lower_ for c in child.children if c.dep_ == "aux"}
            if speakers and aux & (self.cues["intent"] | self.cues["hypothetical"]):
                return f"forecast: '{speakers[0].text}'"
        return None

    def _denier(self, claim: Token) -> Token | None:
        """The verb that denies a claim noun: "denied reports that", "dismissed as baseless
        claims that"."""
        if claim.pos_ != "NOUN" or claim.lemma_.lower() not in self.cues.get("claimnoun", ()):
            return None
        verb = claim.head
        if claim.dep_ == "pobj" and verb.lower_ == "as":
            verb = verb.head
        elif claim.dep_ not in ("dobj", "nsubjpass"):
            return None
        deny = verb.lemma_.lower() in self.cues.get("deny", ()) and not _negated(verb)
        return verb if deny else None

    def _unowned_denial(self, verb: Token) -> bool:
        """ "Rwanda rejected claims that it supports M23": a denied accusation whose accuser is
        not named is a denial, not a rejection of anyone."""
        claims = [c for c in verb.children if c.dep_ == "dobj"]
        claims += [p for prep in _has_prep(verb, {"as"}) for p in _pobjs(prep)]
        return any(getattr(self._denier(claim), "i", None) == verb.i and
                   any(c.dep_ == "acl" and any(m.dep_ == "mark" for m in c.children)
                       for c in claim.children) and
                   not any(c.dep_ == "poss" or (c.dep_ in NAMING_DEPS and c.ent_type_) or
                           c.dep_ == "prep" and c.lower_ in SOURCE_PREPS
                           for c in claim.children)
                   for claim in claims)

    def _uncertain(self, verb: Token) -> str | None:
        """A hypothetical marker on the clause of a verb or above it ("whether ... will")."""
        for head, dep in ((verb, ""), *self._governors(verb)):
            marks = {c.lower_ for c in head.children if c.dep_ in ("aux", "mark")}
            if marks & self.cues["hypothetical"] and dep != "conj":
                return f"hypothetical: '{head.text}'"
            if head.lemma_.lower() in self.cues["report"]:
                return None
        return None

    def _requested(self, head: Token, dep: str, lemma: str, child: Token) -> bool:
        """ "demanded that Chinese vessels leave", "urged Russia to withdraw", "calls for the
        release of", "wants Putin to attack": what is asked of someone has not happened."""
        # "called on Rwanda to pull out": the parse makes the infinitive an adverbial clause
        infinitive = dep in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                     for c in child.children)
        if head.pos_ in ("NOUN", "PROPN"):  # "a call for Israel to halt", "a demand to leave"
            return infinitive and lemma in self.cues.get("request", ())
        if head.pos_ not in ("VERB", "AUX"):
            return False
        if not infinitive and dep.split(":")[0] not in (
                "xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep"):
            return False
        if lemma in self.cues.get("request", ()):
            return True
        return lemma in self.cues["intent"] and dep == "xcomp" and _dobj(head) is not None

    def _denied(self, token: Token, question: bool) -> str | None:
        """Why the trigger itself is not an event: a question, its own negation, or a determiner
        such as "no talks", "any backing"."""
        if question:
            return "question"
        if any(c.dep_ == "neg" for c in token.children):
            return f"negated: '{token.text}' has a negation"
        if _auxes(token) & self.cues.get("obligation", frozenset()):
            return f"requested: '{token.text}' is a demand"  # "Sudan must return the helicopter"
        if token.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "det" and c.lower_ in self.cues["nodet"]
                for t in (token, *token.conjuncts) for c in t.children):
            return f"hypothetical or negated: determiner before '{token.text}'"
        return None

    def _modality_of(self, head: Token, dep: str, lemma: str, aux: set[str],
                     same_clause: bool) -> Modality:
        cues = self.cues
        if lemma in cues["allege"] and dep.split(":")[0] in ("prep", "pcomp", "xcomp", "ccomp"):
            return "alleged"
        # "set up a joint team" is done, "set to visit" is planned
        phrasal = dep == "dobj" and any(c.dep_ == "prt" for c in head.children)
        if (lemma in cues["intent"] and not phrasal and dep in (
                "xcomp", "prep:to", "prep:for", "prep:on", "acomp", "dobj", "acl")) or (
                same_clause and aux & cues["intent"]):
            return "intended"
        if lemma in cues["report"] and dep in ("ccomp", "parataxis"):
            return "reported"
        return "asserted"

    # -- arguments ----------------------------------------------------------------------------

    def _arguments(self, cand: Candidate, index: MentionIndex) -> None:
        if cand.rule.modal:
            self._modal_arguments(cand, index)
        elif cand.rule.pos == "VERB":
            self._verb_arguments(cand, index)
        else:
            self._noun_arguments(cand, index)
        self._pair_target(cand, index)

    def _modal_arguments(self, cand: Candidate, index: MentionIndex) -> None:
        """ "Russia said Sudan must return the helicopter": the speaker demands it of the subject
        of the verb that "must" qualifies."""
        verb = cand.token.head
        if cand.token.dep_ != "aux" or verb.dep_ != "ccomp":
            return
        cand.targets, passive = self._subject(verb, index)
        cand.sources, _ = self._subject(verb.head, index)
        if passive:
            cand.targets = []

    def _subject(self, verb: Token, index: MentionIndex, depth: int = 0) -> tuple[list[Mention],
                                                                                bool]:
        """Actors doing the verb, following control and coordination; and whether it is passive."""
        if depth > 6:
            return [], False
        passive = any(c.dep_ == "auxpass" for c in verb.children) and not self._stative(verb)
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return self._resolve_subject(child, index), passive
            if child.dep_ in PASSIVE_DEPS:
                return self._resolve_subject(child, index), passive
        head = verb.head
        if head.i == verb.i:
            return [], False
        if verb.dep_ == "xcomp":
            obj = _dobj(head)
            if obj is not None:  # object control: "urged Russia to withdraw"
                found = index.within(obj)
                if found:
                    return found, False
            # "Obama is scheduled to attend", "Russia was urged to withdraw": the passive
            # subject of the head does the complement, which is passive only by its own voice
            actors, _ = self._subject(head, index, depth + 1)
            return actors, passive
        if verb.dep_ in ("conj", "advcl", "acomp"):
            actors, head_passive = self._subject(head, index, depth + 1)
            return actors, passive or (head_passive and verb.dep_ != "conj")
        if verb.dep_ in ("relcl", "acl"):
            return self._described_subject(verb, index, depth), False
        if verb.dep_ in ("pcomp", "pobj") and head.dep_ in ("prep", "agent"):
            actors, passive = self._subject(head.head, index, depth + 1)
            return actors, False
        return [], False

    def _described_subject(self, verb: Token, index: MentionIndex, depth: int) -> list[Mention]:
        """Who does a clause that describes a noun: the noun itself, or the one who has it."""
        head = verb.head
        if self._planned(verb):  # the plan's own phrase may hold actors that are not its owner
            return self._subject(head.head, index, depth + 1)[0]
        found = index.within(head)
        if not found and self._issued(verb) is not None:
            found, _ = self._subject(head.head, index, depth + 1)
        if not found and head.dep_ == "attr":
            # "Israel became the first country to recognise Somaliland": the noun the
            # clause describes is what the copula's subject is
            found, _ = self._subject(head.head, index, depth + 1)
        return found

    def _issued(self, verb: Token) -> Token | None:
        """The document a participle describes, when an actor issues, sends or passes it ("issued
        a declaration demanding", "sent a letter apologising"): its issuer does the verb."""
        noun = verb.head
        if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.dep_ != "dobj" or \
                noun.lemma_.lower() not in self.cues.get("document", ()):
            return None
        return noun

    def _planned(self, verb: Token) -> bool:
        """ "announced plans to send troops", "made a pledge to rebuild": the one whose plan or
        pledge it is, the subject of the verb that has it, does the infinitive."""
        noun = verb.head
        owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
                    for c in noun.children)  # "Russia's plan to", "a plan by Russia to"
        return verb.dep_ == "acl" and noun.dep_ == "dobj" and not owned and \
            noun.lemma_.lower() in self.cues["intent"] and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)

    def _stative_object(self, verb: Token) -> Token | None:
        if not self._stative(verb):
            return None
        return next((p for prep in _has_prep(verb, {"to"}) for p in _pobjs(prep)), None)

    def _stative(self, verb: Token) -> bool:
        """ "Israel is opposed to French mediation", "Seoul is committed to talks": a participle
        of stance after "be", without an agent, says what its subject does."""
        return verb.lemma_.lower() in self.cues.get("stative", ()) and \
            not any(c.dep_ == "agent" for c in verb.children) and \
            bool(_has_prep(verb, {"to"}))

    def _resolve_subject(self, subject: Token, index: MentionIndex) -> list[Mention]:
        if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ in ("relcl", "acl"):
            return index.within(subject.head.head)
        if not index.at(subject) and subject.lemma_.lower() in \
                self.cues.get("incident", frozenset()) | self.cues.get("situation", frozenset()):
            # "a gas explosion in a Nairobi neighbourhood killed": the place is where, only
            # an owner ("Russia's war", "an Israeli blast") may be the doer
            return [m for c in subject.children
                    if c.dep_ in ("poss", "amod", "compound", "nmod")
                    for m in index.within(c, max_depth=1)] + \
                [m for prep in _has_prep(subject, SOURCE_PREPS) for p in _pobjs(prep)
                 for m in index.within(p)]
        # "Kenzo Oshima, the UN relief coordinator, demanded": a name the actor tables do not
        # know is told by its apposition
        return index.within(subject) or [m for c in subject.children if c.dep_ == "appos"
                                         for m in index.within(c)]

    def _pair_target(self, cand: Candidate, index: MentionIndex) -> None:
        """ "praised the momentum in bilateral relations": a pair phrase inside the trigger's
        phrase names both parties, so the one that is not the source is the target."""
        if cand.targets or not cand.sources:
            return
        for token in cand.token.subtree:
            found = [m for m in index.at(token) if m.actor.method.startswith("coref:pair") and
                     not any(_same_party(m, s) for s in cand.sources)]
            if found:
                cand.targets = found[:1]
                return

    def _verb_arguments(self, cand: Candidate, index: MentionIndex) -> None:
        token, rule = cand.token, cand.rule
        subjects, passive = self._subject(token, index)
        summarised = self._summarised(token)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if summarised is not None and agent is not None:
            # "..., a move praised by Netanyahu": he praised whoever made the move
            cand.sources = [m for p in _pobjs(agent) for m in index.within(p)]
            cand.targets, _ = self._subject(summarised, index)
        elif passive:
            cand.sources = [m for p in _pobjs(agent) for m in index.within(p)] if agent else \
                self._plain_agents(token, index)
            cand.targets = subjects
            if not cand.sources and (rule.theme or self.codes[rule.cameo].type in THEMED):
                # "Israeli reservists were called up", "troops were withdrawn from": the force
                # moved belongs to who moves it
                cand.sources = subjects
                cand.targets = self._verb_targets(token, rule, index, subjects)
            if not cand.sources and cand.targets and self.codes[rule.cameo].type in HELD_BY_PLACE:
                cand.sources = self._place_authority(token, index, cand.targets)
        else:
            cand.sources = subjects
            cand.targets = self._verb_targets(token, rule, index, subjects)
            obj = _dobj(token)
            if obj is not None and _reciprocal(obj) and len(_distinct(subjects)) > 1:
                # "Kyiv and Moscow blamed each other": each did it to the other
                cand.sources, cand.targets = _distinct(subjects)[:1], _distinct(subjects)[1:2]
                cand.paired = True
            elif len(_distinct(subjects)) > 1 and _mutual(token):
                # "the two countries reopened embassies in each other's capitals"
                cand.sources, cand.targets = _distinct(subjects)[:1], _distinct(subjects)[1:2]
                cand.paired = True
            if self.codes[rule.cameo].type in CONDITIONAL:
                cand.targets = self._condition_subjects(token, cand, index) or cand.targets
            if not _foreign(cand.targets, cand.sources):
                cand.targets = self._shared_object(token, cand, index) or \
                    self._pronoun_object(token, cand, index) or cand.targets
        self._symmetric(cand)

    def _shared_object(self, token: Token, cand: Candidate,
                       index: MentionIndex) -> list[Mention]:
        """ "Tehran blamed Israel for the blackout and vowed revenge": a verb coordinated after
        one that names the party acted on shares it, as it shares the subject."""
        head = token.head
        if token.dep_ != "conj" or head.pos_ not in ("VERB", "AUX") or head.i > token.i:
            return []
        obj = _dobj(head)
        found = index.within(obj) if obj is not None else []
        return found if _foreign(found, cand.sources) else []

    def _pronoun_object(self, token: Token, cand: Candidate,
                        index: MentionIndex) -> list[Mention]:
        """ "expelled French military attaches, accusing them of subversion", "halted funding to
        the WHO, accusing it of ...": a pronoun object of a participle after a clause stands for
        the first other party that clause acts on."""
        obj = _dobj(token)
        head = token.head
        if obj is None or obj.pos_ != "PRON" or obj.lower_ not in OBJECT_PRONOUNS or \
                index.at(obj) or token.dep_ not in ("advcl", "conj") or head.i > token.i:
            return []
        acted = [t for c in head.children if c.dep_ in ("dobj", "dative", "prep")
                 for t in c.subtree]
        for t in sorted(acted, key=lambda t: t.i):
            found = [m for m in index.at(t) if not any(_same_party(m, s) for s in cand.sources)]
            if found:
                return found
        return []

    def _place_authority(self, verb: Token, index: MentionIndex,
                         victims: list[Mention]) -> list[Mention]:
        """ "A French tourist was arrested in Iran", "Ten Nigerians were deported from Libya",
        "Russia was expelled from the Council of Europe": a state act with no agent is done by
        the authorities of the country where it happens, or by the body one is put out of."""
        for prep in _has_prep(verb, AUTHORITY_PREPS):
            for pobj in _pobjs(prep):
                for mention in index.within(pobj, max_depth=1):
                    actor = mention.actor
                    if any(mention.span == v.span for v in victims):
                        continue
                    if actor.method in PLACE_METHODS and actor.country:
                        return [_domestic(mention)]
                    if prep.lower_ == "from" and actor.org and actor.sector == "IGO":
                        return [mention]
        return []

    def _plain_agents(self, verb: Token, index: MentionIndex) -> list[Mention]:
        """ "Sri Lanka was granted a loan by the IMF": a "by" phrase the parse hangs on a passive
        verb or on its object as a plain preposition names the doer."""
        obj = _dobj(verb)
        preps = _has_prep(verb, {"by"}) + (_has_prep(obj, {"by"}) if obj is not None else [])
        return [m for prep in preps if prep.dep_ == "prep" for p in _pobjs(prep)
                for m in index.within(p)]

    def _condition_subjects(self, token: Token, cand: Candidate,
                            index: MentionIndex) -> list[Mention]:
        """ "threatened to cut gas supplies if the EU imposed more sanctions": a threat is aimed
        at whoever would bring about its condition."""
        verbs = [token] + [c for c in token.children if c.dep_ == "xcomp"]
        verbs += [c for v in verbs[1:] for c in v.conjuncts]  # "to open ... and send ... if"
        for verb in verbs:
            for clause in verb.children:
                if clause.dep_ != "advcl" or not any(
                        c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children):
                    continue
                found, _ = self._subject(clause, index)
                found = [m for m in found if not any(_same_party(m, s) for s in cand.sources)]
                if found:
                    return found
        return []

    def _preps(self, rule: ontology.TriggerRule, default: frozenset[str]) -> frozenset[str]:
        """Prepositions whose objects are the rule's targets; "alongside" names a partner
        ("trained alongside US Marines"), never the one attacked."""
        preps = rule.preps or default
        return preps | {"alongside"} if self.codes[rule.cameo].type in PARTNER_TYPES else preps

    def _verb_targets(self, token: Token, rule: ontology.TriggerRule, index: MentionIndex,
                      sources: Sequence[Mention] = ()) -> list[Mention]:
        """The first actors the verb acts on: object, dative, prepositions, then its clause.
        An option naming only the source's own side is passed over ("Trump pulled the US out
        of the Iran deal": the US is who acts, Iran is acted on)."""
        first: list[Mention] = []
        for found in self._target_options(token, rule, index, sources):
            if not found:
                continue
            if any(not any(_same_party(m, s) for s in sources) for m in found):
                return found
            first = first or found
        return first

    def _target_options(self, token: Token, rule: ontology.TriggerRule, index: MentionIndex,
                        sources: Sequence[Mention] = ()) -> Iterable[list[Mention]]:
        # "discussed the war between Israel and Hamas": a topic names no party
        obj = None if self._topic(token) else _dobj(token)
        if obj is not None and not rule.theme and all(o.startswith("*") or o == "none"
                                                      for o in rule.objects):
            found = index.within(obj)
            if found and not any(m.actor.country or m.actor.org for m in found):
                # "received a delegation from Iran": the bare sector is its owner's
                found = self._object_targets(obj, rule, index) or self._origin(token, index) \
                    or found
            yield found
        for child in token.children:
            if child.dep_ == "dative":
                yield index.within(child)
        for prep in _has_prep(token, self._preps(rule, VERB_PREPS)):
            yield [m for p in _pobjs(prep) for m in index.within(p)]
        yield _asked(token, index)
        if obj is not None:
            yield self._object_targets(obj, rule, index)
        yield self._origin(token, index)
        # "pulled out of the Iran nuclear deal": the party of the accord left
        for prep in _has_prep(token, rule.need | VERB_PREPS) if rule.pobjs else ():
            for pobj in _pobjs(prep):
                if pobj.lemma_.lower() in rule.pobjs:
                    yield self._object_targets(pobj, rule, index)
        yield self._clause_targets(token, index, sources)
        if obj is not None:
            yield self._answered_doer(obj, index)
        document = self._issued(token)
        if document is not None:  # "sent a letter to Putin apologising for the downing"
            yield [m for prep in _has_prep(document, {"to"}) for p in _pobjs(prep)
                   for m in index.within(p)]
            yield [m for prep in _has_prep(document.head, {"to"}) for p in _pobjs(prep)
                   for m in index.within(p)]

    def _answered_doer(self, obj: Token, index: MentionIndex) -> list[Mention]:
        """ "vowed a severe response to the Russian strike", "promised revenge for Israel's
        killing of": whoever did the event the promised act answers is its target."""
        return [m for prep in _has_prep(obj, {"to", "for"}) for p in _pobjs(prep)
                if p.pos_ == "NOUN" and p.lemma_.lower() in self.lemmas
                for m in self._noun_sources(p, index) + _agents_of_object(p, index)]

    def _topic(self, verb: Token) -> bool:
        """A verb whose object is what is talked about ("discussed the ceasefire")."""
        return verb.lemma_.lower() in self.cues.get("topic", ())

    def _about(self, noun: Token) -> Token | None:
        """The verb or meeting a noun event is the topic of ("discussed the ceasefire", "talks
        on a ceasefire", "a session on the fighting", "focused on attacks")."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        if noun.dep_ == "dobj" and self._topic(noun.head):
            return noun.head
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("on", "about", "over"):
            return None
        host = prep.head
        meetings = self.cues.get("topicnoun", frozenset())
        if self._topic(host) or (host.pos_ in ("NOUN", "PROPN") and
                                 host.lemma_.lower() in meetings):
            return host
        # "held an emergency session on the fighting": the parse hangs the topic on the verb
        return next((c for c in host.children if c.dep_ == "dobj" and
                     c.lemma_.lower() in meetings), None)

    def _origin(self, token: Token, index: MentionIndex) -> list[Mention]:
        """Where what a verb of receiving gets comes from ("received envoys from Iran")."""
        if token.lemma_.lower() not in self.cues.get("receive", ()):
            return []
        return [m for prep in _has_prep(token, {"from"}) for p in _pobjs(prep)
                for m in index.within(p)]

    def _clause_targets(self, token: Token, index: MentionIndex,
                        sources: Sequence[Mention] = ()) -> list[Mention]:
        """The first actor of the verb's complement clause that is not the source's own side
        ("Ukraine warned it would respond to any Russian aggression": Russia, not "it")."""
        first: list[Mention] = []
        for child in token.children:  # "warned that any backing from Beijing ...": first actor
            if child.dep_ == "ccomp":
                for t in child.subtree:
                    found = index.at(t)
                    if found and _foreign(found, sources):
                        return found
                    first = first or found
        for child in token.children:  # "pledged to provide Ukraine with aid": the xcomp's object
            if child.dep_ == "xcomp":
                found = self._complement_targets(child, index, sources)
                if found and _foreign(found, sources):
                    return found
                first = first or found
        return first

    def _object_targets(self, obj: Token, rule: ontology.TriggerRule,
                        index: MentionIndex) -> list[Mention]:
        """Targets hanging off the thing acted on: "imposed sanctions on Iran", "summoned
        Pakistan's envoy", "froze the assets of Russian banks", "rejected the European
        ultimatum"."""
        for prep in _has_prep(obj, rule.preps or VERB_PREPS):
            found = [m for p in _pobjs(prep) for m in index.within(p)]
            if found:
                return found
        # the theme's own name ("put its air force on alert") is what is acted with, not on
        owners = [c for c in obj.children if c.dep_ in ("poss", "amod", "compound", "nmod") and
                  not (rule.theme and set(index.at(c)) & set(index.at(obj)))]
        # "a delegation from Iran", "weapons seized from rebels": whose it is
        owners += [p for prep in _has_prep(obj, {"of", "from"}) for p in _pobjs(prep)]
        return [m for o in owners for m in index.within(o, max_depth=1)]

    def _complement_targets(self, verb: Token, index: MentionIndex,
                            sources: Sequence[Mention] = ()) -> list[Mention]:
        """The first actor the complement clause acts on: its object, dative or prepositions;
        one naming only the source's own side ("pull its troops out of Mozambique") is passed
        over for the next."""
        first: list[Mention] = []
        for found in self._complement_options(verb, index, sources):
            if found and _foreign(found, sources):
                return found
            first = first or found
        return first

    def _complement_options(self, verb: Token, index: MentionIndex,
                            sources: Sequence[Mention]) -> Iterable[list[Mention]]:
        for child in verb.children:
            if child.dep_ in ("dobj", "obj", "dative"):
                yield index.within(child)
        for prep in _has_prep(verb, VERB_PREPS | {"between", "for", "from", "of"}):
            # "of" only after a particle: "pull its troops out of Mozambique"
            if prep.lower_ != "of" or prep.head.i != verb.i:
                yield [m for p in _pobjs(prep) for m in index.within(p)]
        obj = _dobj(verb)
        if obj is not None:
            for prep in _has_prep(obj, NOUN_PREPS | {"between"}):
                yield [m for p in _pobjs(prep) for m in index.within(p)]
        for child in verb.children:
            if child.dep_ in ("xcomp", "advcl") and child.i > verb.i:
                yield self._complement_targets(child, index, sources)

    def _noun_arguments(self, cand: Candidate, index: MentionIndex) -> None:
        token, rule = cand.token, cand.rule
        preps = self._preps(rule, NOUN_PREPS)
        # "its withdrawal from Afghanistan": a preposition the rule names leads to the target
        own = SOURCE_PREPS - ((rule.preps or frozenset()) - {"by"})
        sources = self._noun_sources(token, index, own)
        targets: list[Mention] = []
        if token.dep_ == "ROOT":  # a headline read as a noun phrase: "Vucic thanks China for"
            targets = [m for c in token.children if c.dep_ == "appos" for m in index.within(c)]
        for prep in _has_prep(token, preps | {"between", "of"}):
            found = [m for p in _pobjs(prep) for m in index.within(p)]
            if prep.lower_ == "of" and rule.of_source:
                sources = sources or found
            elif prep.lower_ == "between" or prep.lower_ in preps:
                targets = targets or found
        sources, targets = self._theme_arguments(cand, sources, targets, index)
        targets = targets or _asked(token, index) or self._charged(token, rule, index) or \
            self._struck(token, rule, index)
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in self.cues.get("occur", ()):
            # "fighting broke out between Armenian and Azerbaijani forces"
            targets = targets or [m for prep in _has_prep(token.head, preps | {"between"})
                                  for p in _pobjs(prep) for m in index.within(p)]
        if not targets and sources and token.dep_ == "dobj" and \
                token.head.lemma_.lower() in self.cues.get("respond", ()):
            targets, _ = self._subject(token.head, index)
        given = self._received(token, index)
        if given is not None:
            # "received a phone call from Biden": the giver acts on the receiver
            sources, targets = given
        light = None if given is not None else self._light_verb(token)
        if light is not None and token.head.lower_ == "for" and self._blames(light):
            # "Iraq blamed Turkey for the drone attack": the attack is the one blamed
            obj = _dobj(light)
            sources = sources or (index.within(obj) if obj is not None else [])
            light = None
        if light is not None:
            subjects, passive = self._subject(light, index)
            if passive and token.dep_ != "nsubjpass":
                # "Sri Lanka was granted a loan by the IMF", "were given asylum by Germany": the
                # agent gives (the parse often hangs "by" on the verb as a plain preposition)
                sources = sources or [m for prep in _has_prep(light, {"by"})
                                      for p in _pobjs(prep) for m in index.within(p)]
                targets = targets or subjects
            elif not sources and not passive:
                sources = subjects
            if not targets:
                targets = self._light_targets(light, token, preps, index)
        cand.sources = sources
        cand.targets = [m for m in targets if not any(_same_actor(m, s) for s in sources)]
        if not cand.targets and len(targets) > 1:
            cand.targets = targets[1:]
        self._symmetric(cand)

    def _theme_arguments(self, cand: Candidate, sources: list[Mention], targets: list[Mention],
                         index: MentionIndex) -> tuple[list[Mention], list[Mention]]:
        """Arguments the noun leaves unnamed, read from what it acts on: "the supply of Russian
        jets to Iran", "the easing of US sanctions on Venezuela", "the expulsion of diplomats
        by Russia"."""
        rule = cand.rule
        theme = _theme(cand.token, rule, self.codes[rule.cameo].type)
        if theme is not None:
            sources = sources or _theme_owners(theme, index)
            preps = self._preps(rule, NOUN_PREPS) | THEME_PREPS
            targets = targets or _theme_targets(theme, preps, index, sources)
            if rule.symmetric and not sources and len(_distinct(targets)) > 1:
                # "brokered the restoration of ties between Riyadh and Tehran": the pair acts
                pair = _distinct(targets)
                sources, targets, cand.paired = [pair[0]], [pair[1]], True
        return sources or _agents_of_object(cand.token, index), targets

    def _charged(self, noun: Token, rule: ontology.TriggerRule,
                 index: MentionIndex) -> list[Mention]:
        """ "Turkish accusations that Stockholm harbours militants": whom the clause of an
        accusation noun tells of is the one accused."""
        if self.codes[rule.cameo].type != "ACCUSE":
            return []
        # "condemned as unacceptable allegations by Rwanda that it ...": an accusation that a
        # verb answers is told as that verb's topic
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head
        if noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and \
                verb.lemma_.lower() not in self.cues["light"] and \
                (noun.dep_ == "dobj" or noun.head.lower_ == "as"):
            return []
        return [m for c in noun.children if c.dep_ in ("acl", "ccomp") and
                any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)
                for s in c.children if s.dep_ in SUBJECT_DEPS | PASSIVE_DEPS
                for m in index.within(s)]

    def _struck(self, noun: Token, rule: ontology.TriggerRule,
                index: MentionIndex) -> list[Mention]:
        """ "an air strike that killed 33 Turkish soldiers": whom the relative clause of an attack
        says it hit."""
        if self.codes[rule.cameo].type != "ASSAULT":
            return []
        return [m for c in noun.children if c.dep_ == "relcl" and any(
                    s.dep_ in SUBJECT_DEPS and s.lower_ in RELATIVE_PRONOUNS for s in c.children)
                for o in c.children if o.dep_ == "dobj" for m in index.within(o)]

    def _received(self, noun: Token,
                  index: MentionIndex) -> tuple[list[Mention], list[Mention]] | None:
        """ "X received weapons from Y", "got a call from Y": who gives (Y) and who receives
        (X), when a verb of receiving carries the noun and a "from" phrase names the giver."""
        if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in"):
            noun = noun.head.head  # "received 200 tonnes of aid from Peru": the quantity
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass") or \
                verb.lemma_.lower() not in self.cues.get("receive", ()):
            return None
        givers = [m for prep in _has_prep(noun, {"from"}) + _has_prep(verb, {"from"})
                  for p in _pobjs(prep) for m in index.within(p)]
        receivers, passive = self._subject(verb, index)
        if not givers or passive:
            return None
        return givers, receivers

    def _blames(self, verb: Token) -> bool:
        """An accusation verb ("blamed", "condemned", "criticised" X for ...)."""
        lemma = verb.lemma_.lower()
        return lemma in self.cues.get("blame", ()) or any(
            self.codes[r.cameo].type == "ACCUSE" for r in self.rules.get((lemma, "VERB"), ()))

    def _noun_sources(self, token: Token, index: MentionIndex,
                      preps: frozenset[str] = SOURCE_PREPS) -> list[Mention]:
        """The actor a noun trigger belongs to: "Russia's invasion", "Chinese drills", "a
        request by Venezuela"."""
        sources: list[Mention] = []
        for child in token.children:
            if child.dep_ == "poss":
                sources = sources or index.within(child)
            elif child.dep_ in ("amod", "compound", "nmod") and not sources:
                # "military exercises": a bare sector word leaves the source to the light verb
                sources = [m for m in index.at(child) if m.actor.country or m.actor.org]
        for prep in _has_prep(token, preps):
            sources = sources or [m for p in _pobjs(prep) for m in index.within(p)]
        return sources

    def _light_verb(self, noun: Token) -> Token | None:
        """The verb that carries a noun trigger's arguments: "launched an invasion",
        "told X in a call", "stepped up cooperation"."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_.lower() in self.cues["light"]:
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            if head.lower_ in ("in", "during", "at", "through", "via", "by", "on", "for"):
                return head.head
            if head.lower_ == "to" and head.head.lemma_.lower() in self.cues["light"]:
                return head.head
        if noun.dep_ == "conj":
            return self._light_verb(noun.head)
        if noun.dep_ == "pobj" and head.lower_ == "of" and \
                head.head.lemma_.lower() in self.cues.get("container", ()):
            # "concluded four days of talks", "declared a state of emergency"
            return self._light_verb(head.head)
        return None

    def _light_targets(self, verb: Token, noun: Token, preps: frozenset[str],
                       index: MentionIndex) -> list[Mention]:
        topic = self._topic(verb)
        for child in verb.children:
            if child.i == noun.i or (topic and child.dep_ == "dobj"):
                continue
            if child.dep_ in ("dobj", "dative"):
                found = index.within(child)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in preps | {"with", "on", "against", "to"}:
                found = [m for p in _pobjs(child) for m in index.within(p)]
                if found:
                    return found
        return []

    def _symmetric(self, cand: Candidate) -> None:
        """Two actors in one argument of a symmetric event ("A and B met", "talks between the two
        leaders") make one pair; elsewhere the second goes to the target when there is none."""
        distinct = _distinct(cand.sources)
        # "Chile and Peru agreed to reopen their border": a joint promise is an agreement
        mutual = self.codes[cand.rule.cameo].type in ("CONSULT", "COOPERATE") or \
            cand.modality == "intended" or _between(distinct, cand.token.doc)
        if len(distinct) > 1 and not cand.targets and (cand.rule.symmetric or mutual):
            # "Chinese, Russian and Iranian warships held drills": the first with each other
            cand.sources, cand.targets = [distinct[0]], distinct[1:]
            cand.paired = True
        elif not cand.sources and len(_distinct(cand.targets)) > 1 and cand.rule.symmetric:
            pair = _distinct(cand.targets)
            cand.sources, cand.targets = [pair[0]], [pair[1]]
            cand.paired = True

    # -- events -------------------------------------------------------------------------------

    def _trigger(self, cand: Candidate) -> Trigger:
        token = cand.token
        words = [token]
        words += [c for c in token.children if c.dep_ in ("prt", "compound") and
                  c.i in (token.i - 1, token.i + 1)]
        start = min(t.idx for t in words)
        end = max(t.idx + len(t) for t in words)
        return Trigger(text_of(token.doc)[start:end], start, end)

    def _events(self, cand: Candidate, article: Article, sent: DocSpan, number: int,
                trigger: Trigger, dates: list[DateRef], publication: DateRef,
                earlier: list[Event]) -> Iterable[Event]:
        code = self._code(cand)
        info = self.codes[code]
        mode = self._mode(cand, info)
        date = self._date(cand, dates, publication)
        seen: set[tuple[str, str]] = set()
        for source, target in self._pairs(cand, info.type, earlier):
            key = (_code_of(source), _code_of(target))
            # without a source nobody is said to act ("killed when his plane crashed")
            if key in seen or source is None or (target is None and not self._alone(cand)) or \
                    _unplaced_attacker(source, target):
                continue
            seen.add(key)
            made, made_info = code, info
            if code == HOSTING and target is not None:
                # PLOVER CONSULT: the visitor acts, the host receives (CAMEO 042, not 043)
                source, target = target, source
                made, made_info = VISITING, self.codes[VISITING]
            yield Event(
                id=_event_id(article.id, trigger, info.type, key),
                type=info.type, mode=mode, contexts=made_info.contexts, cameo=made,
                goldstein=made_info.goldstein, source=source, target=target, date=date,
                sentence=number, sentence_text=sent.text.strip(),
                text=_clause_text(cand.token), trigger=trigger, modality=cand.modality,
                method=f"rule:{cand.rule.pos.lower()}:{cand.rule.lemma}",
            )

    def _charges(self, cand: Candidate, index: MentionIndex, article: Article, sent: DocSpan,
                 number: int, date: DateRef) -> Iterable[Event]:
        """ "Azerbaijan said Armenian forces had fired on its positions", "the US claimed that
        ISIL had attacked Iraq": a speaker who tells of another actor's attack accuses it
        (PLOVER ACCUSE); the attack itself codes as well."""
        code = self._code(cand)
        if cand.modality != "reported" or self.codes[code].type not in CHARGEABLE:
            return
        verb = self._charging_verb(cand.token)
        if verb is None:
            return
        speakers, passive = self._subject(verb, index)
        speakers = _distinct(speakers)
        if passive or not speakers:
            return
        accused = [m for m in _distinct(cand.sources)
                   if not any(_same_party(m, s) for s in speakers)]
        # the speaker's own side told as doing it ("Pakistan said it had carried out strikes",
        # "militants said they attacked") is a report of its own act, not a charge
        if len(accused) < len(_distinct(cand.sources)) or any(
                m.actor.method.startswith("coref:pronoun") for m in accused):
            return
        charge = CHARGEABLE[self.codes[code].type]
        info = self.codes[charge]
        trigger = Trigger(verb.text, verb.idx, verb.idx + len(verb))
        for speaker in speakers[:1]:
            for target in accused:
                key = (_code_of(speaker), _code_of(target))
                yield Event(
                    id=_event_id(article.id, trigger, info.type, key),
                    type=info.type, mode=info.mode, contexts=info.contexts, cameo=charge,
                    goldstein=info.goldstein, source=speaker, target=target, date=date,
                    sentence=number, sentence_text=sent.text.strip(),
                    text=_clause_text(verb), trigger=trigger, modality="asserted",
                    method=f"rule:charge:{verb.lemma_.lower()}",
                )

    def _charging_verb(self, token: Token) -> Token | None:
        """The speech verb before the trigger whose complement clause tells it ("X said Y had
        attacked"); a speaker named after the report ("..., officials said") is a source of
        the news, not an accuser."""
        for head, dep in self._governors(token):
            if dep == "ccomp":
                lemma = head.lemma_.lower()
                if lemma in self.cues.get("charge", ()) and head.i < token.i:
                    return head
                return None
            if dep not in ("conj", "aux", "xcomp", "dobj", "pobj", "pcomp") and \
                    not dep.startswith("prep"):
                return None
        return None

    def _alone(self, cand: Candidate) -> bool:
        """Whether the event codes without a target. Most types are relations: a request, a
        threat or "China's assistance" without the party acted on is mostly a misread; an
        endorsement ("ratified the Paris Agreement") or a protest can stand alone."""
        if cand.rule.pos != "VERB":
            return False
        if self.codes[cand.code or cand.rule.cameo].type in ALONE:
            return True
        # "Mexico refused", "India pleaded for calm": nothing names a party, so none was missed;
        # "rejected the ultimatum": what is acted on is itself an event
        token = cand.token
        obj = _dobj(token)
        if obj is not None and obj.lemma_.lower() in self.lemmas:
            return True
        # "called for Machado to be arrested": the clause names who was asked
        return not any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") for c in token.children) \
            and not _has_prep(token, VERB_PREPS) and \
            not any(m.dep_ == "mark" for m in _has_prep(token, {"for"}))

    def _pairs(self, cand: Candidate, type_: str,
               earlier: list[Event]) -> list[tuple[Mention | None, Mention | None]]:
        """Every (source, target) the candidate codes; a source whose only targets are itself
        still codes, without a target."""
        sources: list[Mention | None] = list(_distinct(cand.sources)) or [None]
        targets: list[Mention | None] = list(_distinct(cand.targets)) or [None]
        pairs: list[tuple[Mention | None, Mention | None]] = []
        for source in sources:
            mine = [t for t in targets if not (source is not None and t is not None and
                                               _same_party(source, t))] or [None]
            for target in mine:
                if target is None or cand.guessed:
                    target = _inherit_target(earlier, type_, source, cand) or target
                if target is None and type_ in REACTIONS:
                    target = self._reacted_to(cand, source, earlier)
                pairs.append((source, target))
        if cand.paired and len(pairs) == 1 and pairs[0][1] is not None:
            # "A and B agreed": each did it, with the other
            pairs.append((pairs[0][1], pairs[0][0]))
        return pairs

    def _reacted_to(self, cand: Candidate, source: Mention | None,
                    earlier: list[Event]) -> Mention | None:
        """ "Iran condemned the strikes": the strikes told earlier in the article are the
        event reacted to, so whoever carried them out is the target."""
        obj = _dobj(cand.token)
        definite = self.cues.get("definite", frozenset())
        if source is None or obj is None or not any(
                c.dep_ == "det" and c.lower_ in definite for c in obj.children):
            return None
        lemma = obj.lemma_.lower()
        types = {self.codes[code].type for pos in ("NOUN", "VERB")
                 for r in self.rules.get((lemma, pos), ())
                 for code in (r.cameo, r.alone, *(c for _, c in r.recode)) if code in self.codes}
        if "AGREE" in types:  # "the agreement" may be a truce agreed earlier (a kept promise)
            types |= self._kept_types
        for event in reversed(earlier):
            if event.type in types and event.source is not None and \
                    not _same_party(source, event.source):
                return replace(event.source)
        return None

    def _base_code(self, cand: Candidate) -> str:
        """The rule's code, or its variant for who acts (a crowd storming is a riot, a court
        jailing a sentence) or for an actor acting alone (a drill without a partner)."""
        rule = cand.rule
        if cand.refusal:
            return cand.refusal
        for group, code in rule.recode:
            if code != "only" and self._in_group(cand, group):
                return code
        if rule.mode == "ceasefire" and rule.pos == "NOUN" and self._in_force(cand.token):
            return IN_FORCE
        if rule.alone and not cand.targets and not cand.paired and \
                not _modifier_lemmas(cand.token) & self.cues.get("joint", frozenset()):
            return rule.alone
        return rule.cameo

    def _in_force(self, noun: Token) -> bool:
        """ "The truce held", "a ceasefire took hold", "took effect", "came into force": the
        truce is being kept, not declared."""
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
            return False
        words = self.cues.get("inforce", frozenset())
        obj = _dobj(verb)
        if obj is None and verb.lemma_.lower() in words:
            return True
        held = [obj] if obj is not None else []
        held += [p for prep in _has_prep(verb, {"into"}) for p in _pobjs(prep)]
        return any(t.lemma_.lower() in words for t in held)

    def _code(self, cand: Candidate) -> str:
        code = cand.code or cand.rule.cameo
        plover = self.codes[code].type
        for word in _modifier_lemmas(cand.token) | {c.lemma_.lower() for p in
                                                     _has_prep(cand.token, {"with", "by"})
                                                     for c in _pobjs(p)}:
            refined = self.modes.get((plover, word))
            if refined and refined.cameo:
                code = refined.cameo
                break
        if cand.modality != "intended" or cand.rule.kept:
            return code
        if plover in INTENT_TO_AGREE:
            agree = INTENT_TO_AGREE[plover]
            if agree is None:
                return code
            specific = {"06": {"1": "0311", "2": "0312", "3": "0313", "4": "0314"},
                        "07": {"1": "0331", "2": "0332", "3": "0333", "4": "0334"}}
            return specific.get(code[:2], {}).get(code[2:3], agree)
        return INTENT_TO_THREATEN.get(plover, code)

    def _mode(self, cand: Candidate, info: ontology.CameoCode) -> str | None:
        if cand.rule.mode and cand.code in ("", cand.rule.cameo) and \
                self.codes[cand.rule.cameo].type == info.type:
            return cand.rule.mode
        for word in _modifier_lemmas(cand.token):
            refined = self.modes.get((info.type, word))
            if refined:
                return refined.mode
        return info.mode

    def _date(self, cand: Candidate, dates: list[DateRef], publication: DateRef) -> DateRef:
        """The date expression attached to the trigger's clause, else the publication date."""
        if not dates:
            return publication
        doc = cand.token.doc
        clause = _clause_head(cand.token)
        light = self._light_verb(cand.token) if cand.rule.pos == "NOUN" else None
        subtree = {t.i for t in cand.token.subtree}
        for ref in dates:
            if ref.span is None:
                continue
            span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
            if span is None:
                continue
            anchor = span.root
            # "the 1951 treaty", "the 2019 election": a date that names another thing
            if anchor.dep_ in NAMING_DEPS and anchor.head.i != cand.token.i:
                continue
            if anchor.i in subtree or _clause_head(anchor) in (clause, light):
                return ref
        return publication


NAMING_DEPS = frozenset({"amod", "compound", "nummod", "nmod"})
# Types whose unnamed target is the place where they happen, or, for domestic measures (a curfew,
# a pardon), the source's own country.
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "CONCEDE", "RETREAT"})
DOMESTIC = frozenset({"COERCE", "CONCEDE", "PROTEST", "MOBILIZE", "RETREAT"})
# Modes whose unnamed target is the source's own country (an official resigns from office, a
# government declares martial law, a state of emergency or a curfew).
DOMESTIC_MODES = frozenset({"resign", "convict", "investigate", "martial-law", "curfew"})
# Domestic measures that may be laid on an area the source holds outside its country.
AREA_MODES = frozenset({"martial-law", "curfew"})
# Types whose unnamed target is not the other country the sentence names: a speaker's statement
# names many countries that are not its target.
NOT_FACING = frozenset({"ACCUSE", "REQUEST", "THREATEN"})
LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout", "near", "outside", "at",
                            "around"})
INSIDE_PREPS = frozenset({"in", "inside", "across", "throughout"})
# Types whose missing target may be the country of a named town or region they act on or in.
NAMED_PLACE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Prepositions that lead from a trigger to a place acted on or in ("fired on", "a bombing in").
PLACE_PREPS = LOCATIVE_PREPS | {"on", "into", "over", "of", "against", "toward", "towards"}
# Types that give up a place, and the prepositions that lead to it ("withdrew from Kherson",
# "pulled out of Jenin", "lifted the curfew in Hebron").
GIVEN_UP_TYPES = frozenset({"RETREAT", "CONCEDE"})
GIVEN_UP_PREPS = PLACE_PREPS | {"from", "out"}


class _Places:
    """Countries a sentence names, to place actors named only by their sector ("police",
    "rebels", "gunmen"): such an actor belongs to the country where the event happens, else to
    the country of the other party of a domestic event, else to the one country the sentence names.
    """

    def __init__(self, sent: DocSpan, index: MentionIndex, named: _NamedPlaces | None = None,
                 number: int = 0) -> None:
        self.named, self.number = named, number
        self.place: Mention | None = None
        self.countries: list[Mention] = []
        inside = False
        for token in sent:
            for mention in index.at(token):
                if mention.actor.country and not any(
                        m.actor.country == mention.actor.country for m in self.countries):
                    self.countries.append(mention)
            if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS and (
                    self.place is None or token.head.lower_ in INSIDE_PREPS and not inside):
                found = next((m for m in index.within(token, max_depth=1) if m.actor.country),
                             None)
                if found is not None:
                    # "outside the Chinese embassy in Manila": the city, not the embassy
                    self.place, inside = found, token.head.lower_ in INSIDE_PREPS

    def anchor(self, cand: Candidate, type_: str, mode: str | None = None) -> None:
        sources, targets = cand.sources, cand.targets
        cand.sources = [self._placed(m, targets) for m in sources]
        cand.targets = [self._placed(m, cand.sources) for m in targets]
        if type_ in PLACE_TARGETS:  # "rebels shelled a village in Syria": a domestic event
            cand.targets = [_domestic(t) if any(_same_party(t, s) for s in cand.sources) else t
                            for t in cand.targets]
        if cand.targets:
            return
        cand.guessed = True
        named = self._named_place(cand) if self.place is None and cand.sources and (
            type_ in NAMED_PLACE_TYPES or mode in AREA_MODES) else None
        place = self.place or named
        if mode in DOMESTIC_MODES and cand.sources and cand.sources[0].actor.country:
            # "Israel imposed a curfew in Hebron": a measure over an area held elsewhere
            abroad = mode in AREA_MODES and place is not None and \
                not any(_same_party(place, m) for m in cand.sources)
            cand.targets = [place] if abroad and place else [_domestic(cand.sources[0])]
            return
        if named is not None:  # "shelled Kherson", "a bombing in Istanbul"
            cand.targets = [_domestic(named) if any(_same_party(named, m) for m in cand.sources)
                            else named]
            return
        # a noun's compound is often only a place ("the Gaza war"): no counterpart to guess
        place_named = any(c.dep_ == "compound" for c in cand.token.children)
        if type_ not in NOT_FACING and not place_named and cand.sources and self._facing(cand):
            return
        if type_ not in PLACE_TARGETS:
            return
        # "struck nine sites in Pakistan", "imposed a curfew": where it happens is acted on
        if self.place is not None and not any(_same_party(self.place, m) for m in cand.sources):
            cand.targets = [self.place]
        elif (given_up := self._given_up(cand, type_)) is not None:
            cand.targets = [given_up]
        elif cand.sources and cand.sources[0].actor.country and (
                type_ in DOMESTIC or self.place is not None):
            cand.targets = [_domestic(cand.sources[0])]

    def _given_up(self, cand: Candidate, type_: str) -> Mention | None:
        """The country of a foreign town or region a retreat or concession gives up, else
        nothing: "Russian forces withdrew from Kherson", "Israel lifted the curfew in Hebron"
        concern Ukraine and the Palestinians, not the source's own country."""
        if type_ not in GIVEN_UP_TYPES or self.place is not None or not cand.sources:
            return None
        place = self._named_place(cand, GIVEN_UP_PREPS)
        if place is None or any(_same_party(place, m) for m in cand.sources):
            return None
        return place

    def _named_place(self, cand: Candidate,
                     preps: frozenset[str] = frozenset()) -> Mention | None:
        """A town or region the trigger acts on or in, named by no actor: "shelled Kherson",
        "rockets hit Tel Aviv", "a bombing in Istanbul"; not where the attack came from, unless
        ``preps`` lets it ("withdrew from Kherson")."""
        if self.named is None:
            return None
        preps = preps or PLACE_PREPS
        token = cand.token
        level = [token]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass"):
            level.append(token.head)  # "imposed a curfew in Hebron": the verb carries the place
        seen = {t.i for t in level}
        for _ in range(4):
            for token in level:
                found = self.named.at(token, self.number)
                if found is not None and token.i != cand.token.i:
                    return found
            level = [c for t in level for c in t.children
                     if c.dep_ not in CLAUSE_DEPS | SUBJECT_DEPS | {"agent", "conj"} and
                     not (c.dep_ == "prep" and c.lower_ not in preps) and c.i not in seen]
            seen.update(t.i for t in level)
        return None

    def _facing(self, cand: Candidate) -> bool:
        """ "troops massed on its borders as Russia ...": the one other country the sentence
        names is the unnamed target."""
        other = [m for m in self.countries if not m.actor.method.startswith("coref") and
                 m.actor.person is None and
                 not any(_same_party(m, s) or m.span == s.span for s in cand.sources)]
        if len(other) != 1:
            return False
        cand.targets = [other[0]]
        return True

    def _placed(self, mention: Mention, others: list[Mention]) -> Mention:
        actor = mention.actor
        if actor.country or actor.org:
            return mention
        where = self.place or next((m for m in others if m.actor.country), None)
        if where is None:
            alone = [m for m in self.countries if m.span != mention.span]
            where = alone[0] if len(alone) == 1 else None
        if where is None or where.actor.country is None:
            return mention
        country = where.actor.country
        placed = replace(actor, country=country, code=country + (actor.sector or ""),
                         method=f"{actor.method}+context:place")
        return replace(mention, actor=placed)


class _NamedPlaces:
    """Places the gazetteer resolves to a country where no actor mention is, resolved for the
    whole doc on first use (most sentences never need them)."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], index: MentionIndex,
                 resolver: Callable[[], PlaceResolver]) -> None:
        self.doc, self.mentions, self.index, self.resolver = doc, mentions, index, resolver
        self._by_token: dict[int, tuple[DocSpan, str]] | None = None

    def at(self, token: Token, number: int) -> Mention | None:
        if self._by_token is None:
            self._by_token = self._resolve()
        found = self._by_token.get(token.i)
        if found is None:
            return None
        span, country = found
        start, end = span.start_char, span.end_char
        actor = Actor(name=span.text, country=country, org=None, sector=None, code=country,
                      method="context:place-name")
        return Mention(Span(span.text, start, end), actor, number)

    def _resolve(self) -> dict[int, tuple[DocSpan, str]]:
        covered = self.index.by_token
        out: dict[int, tuple[DocSpan, str]] = {}
        for where, location in self.resolver().places(self.doc, self.mentions):
            span = self.doc.char_span(where.start, where.end, alignment_mode="expand")
            # a country is an actor when named; only towns and regions are places here
            if span is None or location.country is None or location.resolution == "country" or \
                    any(i in covered for i in range(span.start, span.end)):
                continue
            for i in range(span.start, span.end):
                out[i] = (span, location.country)
        return out


# A headline ends without a stop and is short; the parse of one is repaired (see
# EventCoder._repair_headline).
HEADLINE_STOPS = frozenset({".", "!", ";", ":"})
HEADLINE_LENGTH = 25
# Word classes of a headline's noun phrase ("Sweden's NATO bid", "two new ballistic missiles").
PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"})


def _headline(sent: DocSpan) -> bool:
    words = [t for t in sent if not t.is_space]
    return 2 < len(words) <= HEADLINE_LENGTH and not any(
        t.text in HEADLINE_STOPS for t in words[-2:])


def _headline_subjects(sent: DocSpan, index: MentionIndex,
                       crowd: frozenset[str]) -> tuple[list[list[Token]], int]:
    """The runs of actor names a headline opens with, joined by a comma or "and" ("China, US",
    "Serbia and Kosovo"), or a plural crowd noun ("Protesters"); and where the verb would be."""
    doc = sent.doc
    first = _name_run(doc, sent.start, sent.end, index)
    if not first and doc[sent.start].lemma_.lower() in crowd and doc[sent.start].tag_ == "NNS":
        first = [doc[sent.start]]
    if not first:
        return [], sent.start
    runs = [first]
    i = first[-1].i + 1
    if i + 1 < sent.end and doc[i].lower_ in (",", "and"):
        second = _name_run(doc, i + 1, sent.end, index)
        codes = {m.actor.code for t in first for m in index.at(t)}
        if second and not codes & {m.actor.code for t in second for m in index.at(t)}:
            runs.append(second)
            i = second[-1].i + 1
    return runs, i


def _name_run(doc: Doc, start: int, end: int, index: MentionIndex) -> list[Token]:
    """The tokens from ``start`` that actor mentions cover, up to the first that none does."""
    run: list[Token] = []
    for i in range(start, end):
        # a lower-case word is no name, though a mention may run over it ("Iran nixes IAEA")
        if not index.at(doc[i]) or doc[i].is_punct or doc[i].is_lower:
            break
        run.append(doc[i])
    return run


def _noun_phrase(doc: Doc, start: int, end: int) -> list[Token]:
    """The noun phrase from ``start``, up to its last noun ("Sweden's NATO bid"); a word the
    parse left hanging as a verb counts before a preposition or the end ("hangs protester",
    "fires missile over Japan")."""
    phrase: list[Token] = []
    for i in range(start, end):
        token = doc[i]
        if token.pos_ not in PHRASE_POS and not (
                token.pos_ == "VERB" and i == start and token.dep_ == "dep" and
                (i + 1 == end or doc[i + 1].pos_ == "ADP")):
            break
        phrase.append(token)
    while phrase and phrase[-1].pos_ not in ("NOUN", "PROPN", "NUM", "VERB"):
        phrase.pop()
    return phrase


def _attach(child: Token, head: Token, dep: str) -> None:
    """Re-hang ``child`` under ``head`` within one sentence; a head inside the child's subtree
    is first lifted to the child's place, so the tree never gets a cycle."""
    if child.i == head.i:
        return
    if any(a.i == child.i for a in head.ancestors):
        head.head = child.head if child.head.i != child.i else head
    child.head = head
    child.dep_ = dep


def _flatten(phrase: Sequence[Token], head: Token) -> None:
    """Hang a headline's phrase flat on its head: "Sweden 's NATO bid"."""
    for token in phrase:
        if token.i == head.i:
            continue
        if token.tag_ == "POS" and token.i > phrase[0].i:
            _attach(token, token.nbor(-1), "case")
            continue
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        dep = "poss" if after is not None and after.tag_ == "POS" else {
            "ADJ": "amod", "DET": "det", "NUM": "nummod"}.get(token.pos_, "compound")
        _attach(token, head, dep)


def _is_score(text: str) -> bool:
    left, dash, right = text.partition("-")
    return bool(dash) and left.isdigit() and right.isdigit() and len(left) < 3 and len(right) < 3


def _scored(sent: DocSpan) -> bool:
    """A score in the sentence ("2-1"), as one token or as three."""
    return any(_is_score(t.text) or (
        t.text == "-" and 0 < t.i - sent.start and t.i + 1 < sent.end and
        _is_score(f"{t.nbor(-1).text}-{t.nbor(1).text}") and
        not t.nbor(-1).whitespace_ and not t.whitespace_) for t in sent)


def _auxes(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "aux"}


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _mutual(verb: Token) -> bool:
    """A reciprocal in what the verb acts on or in: "in each other's capitals"."""
    return any(_reciprocal(t) for c in verb.children if c.dep_ in ("dobj", "prep", "dative")
               for t in c.subtree)


def _bare(mention: Mention) -> bool:
    """A country or city named alone, which may be a team or a place rather than an actor."""
    actor = mention.actor
    return not actor.sector and actor.person is None and actor.org is None


def _private(mention: Mention, doc: Doc) -> bool:
    """A company or its workers, or a country's name inside a company's ("Anglo American")."""
    if mention.actor.sector in ("BUS", "LAB"):
        return True
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return span is not None and any(
        ent.label_ in ("ORG", "NORP") and ent.start <= span.start and span.end <= ent.end and
        (ent.start, ent.end) != (span.start, span.end) for ent in doc.ents)


def _crowd_mention(first: Token, last: Token, number: int) -> Mention:
    """An unnamed crowd: civilians, placed later by the country where they gather."""
    start, end = first.idx, last.idx + len(last)
    text = text_of(first.doc)[start:end]
    actor = Actor(name=text, country=None, org=None, sector="CVL", code="CVL",
                  method="context:crowd")
    return Mention(Span(text, start, end), actor, number)


def _unknown_mention(first: Token, last: Token, number: int) -> Mention:
    """An attacker the text leaves unknown: an unidentified armed group, placed later by the
    country where it strikes."""
    start, end = first.idx, last.idx + len(last)
    text = text_of(first.doc)[start:end]
    actor = Actor(name=text, country=None, org=None, sector="UAF", code="UAF",
                  method="context:attacker")
    return Mention(Span(text, start, end), actor, number)


def _unplaced_attacker(source: Mention, target: Mention | None) -> bool:
    """An unknown attacker of an unknown victim ("a soldier was wounded by a landmine" in a
    sentence naming two countries): no party is told of."""
    return source.actor.method == "context:attacker" and source.actor.country is None and \
        (target is None or not (target.actor.country or target.actor.org))


def _domestic(mention: Mention) -> Mention:
    """The country of a mention, as the target of an event inside that country."""
    home = mention.actor
    own = replace(home, name=home.country or home.name, sector=None, person=None,
                  code=home.country or home.code, method="context:domestic")
    return replace(mention, actor=own)


def _clause_head(token: Token) -> Token:
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _same_actor(a: Mention, b: Mention) -> bool:
    if a.actor.country and a.actor.country == b.actor.country:
        return True
    return a.actor.org is not None and a.actor.org == b.actor.org or a.actor.code == b.actor.code


def _same_party(a: Mention, b: Mention) -> bool:
    """Source and target that are one party; two sectors of one country (police, a mayor) are
    two parties of a domestic event."""
    if "context:domestic" in (a.actor.method, b.actor.method):
        return False
    if a is b or a.actor.code == b.actor.code:
        return True
    if a.actor.country and a.actor.country == b.actor.country:
        return a.actor.sector is None or b.actor.sector is None
    return _same_actor(a, b)


def _between(mentions: Sequence[Mention], doc: Doc) -> bool:
    """ "a ceasefire between India and Pakistan": the actors are the two sides of one pair."""
    if len(mentions) < 2:
        return False
    span = doc.char_span(mentions[0].span.start, mentions[0].span.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ == "between"


def _foreign(found: Sequence[Mention], sources: Sequence[Mention]) -> bool:
    """Whether any of the mentions is a party other than the sources."""
    return any(not any(_same_party(m, s) for s in sources) for m in found)


def _distinct(mentions: Sequence[Mention]) -> list[Mention]:
    out: list[Mention] = []
    codes: set[str] = set()
    for m in mentions:
        if m.actor.code not in codes:
            codes.add(m.actor.code)
            out.append(m)
    return out


def _code_of(mention: Mention | None) -> str:
    return mention.actor.code if mention is not None else ""


def _inherit_target(earlier: list[Event], type_: str, source: Mention | None,
                    cand: Candidate) -> Mention | None:
    """ "its invasion" after "the invasion of Ukraine": the same event, so the same target."""
    if source is None:
        return None
    for event in reversed(earlier):
        if (event.type == type_ and event.target is not None and event.source is not None and
                event.source.actor.country == source.actor.country and
                event.method.endswith(f":{cand.rule.lemma}")):
            return replace(event.target)
    return None


def _clause_text(token: Token) -> str:
    """The smallest clause around the trigger: what a reader needs to see the event."""
    clause = _clause_head(token)
    tokens = [t for t in clause.subtree if not (t.dep_ in ("ccomp", "advcl", "parataxis") and
                                                  t.i != token.i)]
    if not tokens:
        return token.text
    doc = token.doc
    return text_of(doc)[tokens[0].idx: tokens[-1].idx + len(tokens[-1])].strip()


def _event_id(article_id: str, trigger: Trigger, type_: str, key: tuple[str, str]) -> str:
    raw = f"{article_id}|{trigger.start}|{type_}|{key[0]}|{key[1]}"
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def _unique(events: list[Event]) -> list[Event]:
    """One event per sentence, type, source and target: "travelled to Tehran for consultations"
    and "struck ... killing" say one thing twice. An event missing a party that another event of
    the sentence names is the same event, less well read."""
    def key(event: Event) -> tuple[int, str, str, str]:
        return event.sentence, event.type, _code_of(event.source), _code_of(event.target)

    sources = {(e.sentence, e.type, _code_of(e.source)) for e in events if e.target is not None}
    targets = {(e.sentence, e.type, _code_of(e.target)) for e in events if e.source is not None}
    out: list[Event] = []
    seen: set[tuple[int, str, str, str]] = set()
    for event in events:
        k = key(event)
        if k in seen or (event.target is None and (k[0], k[1], k[2]) in sources) or (
                event.source is None and (k[0], k[1], k[3]) in targets):
            continue
        seen.add(k)
        out.append(event)
    return out
