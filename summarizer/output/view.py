"""One view of a briefing or a digest, built once and laid out by both the Markdown and the HTML
templates (``templates/``), so the two formats say the same thing in the same order.

The view makes every decision a reader sees; the templates only lay it out. The briefing reads
as one story, not as summaries stapled together: the headline and the overview are the news the
articles lead with (``merge.lead``), each sentence with its sources, dated when the sentences
differ in date; the key facts are grouped by the event they belong to, corroborated ones first,
single-source ones marked; disagreements show each side's words and sources; figures that
changed between days are shown in date order; at most ``QUOTES_SHOWN`` quotes, the most telling
first. What a reader does not need -- statements with no evidence, lines set aside as not news,
evidence spans -- only with ``evidence=True`` (and always in the JSON).

What this code writes itself -- a heading, a label, a citation mark -- is ``Markup``: the
templates show it as it is. Every plain ``str`` in the view is data (an article's words, a file
name) and the template environment escapes it (``output.templates``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..schemas import (
    Briefing,
    BriefingEvent,
    BriefingFact,
    BriefingPerson,
    BriefingQuote,
    BriefingSource,
    Changes,
    Digest,
    Disagreement,
    Evidence,
    FailedArticle,
    GroundingReport,
    NotNewsItem,
    SetAside,
    Span,
    Story,
    UnsupportedItem,
)
from .since import SinceView, item_marks, since_view

_PRECISION = {"day": "", "month": " (month)", "year": " (year)"}
KIND = {
    "number": "a figure", "date": "a date", "place": "a place", "direction": "which way", "who": "who did it", "other": "a detail",
}  # fmt: skip
HEADING_WORDS = 10  # an event described in more words is a sentence, not a topic's name
QUOTES_SHOWN = 12  # the most telling quotes in the reader's copy; every quote stays in the JSON


@dataclass(frozen=True)
class Words:
    """The headings and fixed words both formats show (``w`` in the templates)."""

    facts: Markup = Markup("Key facts")
    other_facts: Markup = Markup("Other facts")
    conflicts: Markup = Markup("Where sources disagree")
    differ_on: Markup = Markup("they differ on")
    changes: Markup = Markup("What changed between reports")  # a toll that rose, a date that moved
    timeline: Markup = Markup("Timeline")
    undated: Markup = Markup("undated")
    people: Markup = Markup("People")
    quotes: Markup = Markup("Quotes")
    sources: Markup = Markup("Sources")
    copies: Markup = Markup("are copies of one text: they count as one voice.")
    unsupported: Markup = Markup("Not shown: not borne out by the article")
    not_news: Markup = Markup("Set aside: not news")
    set_aside: Markup = Markup("Set aside: not articles")
    failed: Markup = Markup("Not included")
    no_story: Markup = Markup("Not in any story")  # a digest's documents set aside or failed
    entities: Markup = Markup("Organisations and places")
    organisations: Markup = Markup("Organisations")
    places: Markup = Markup("Places")


WORDS = Words()


@dataclass(frozen=True)
class Cite:
    """An item's sources: their ids, their numbers in the source list (ids not in it left out),
    and what its badge says (``label``; ``multi`` when more than one voice)."""

    ids: list[str]
    numbers: list[int]
    label: Markup
    multi: bool

    @property
    def marks(self) -> Markup:
        """``[1][3]``: the citation marks after an item."""
        return Markup("".join(f"[{n}]" for n in self.numbers))

    @property
    def spaced(self) -> Markup:
        """``[1] [3]``: the marks on a badge."""
        return Markup(" ".join(f"[{n}]" for n in self.numbers))

    @property
    def tooltip(self) -> str:
        return ", ".join(self.ids)


@dataclass(frozen=True)
class Anchor:
    """Where clicking an item opens its article: the first evidence that has a span."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class EvidenceLine:
    """One evidence span under an item (``evidence=True``): the source's number (``?`` when it
    is not listed), the span, and the article's words there when the text is known."""

    number: int | str
    span: Span | None
    quote: str | None


@dataclass(frozen=True, kw_only=True)
class Item:
    """What every listed item has: its sources, where it opens, its evidence lines."""

    cite: Cite
    anchor: Anchor | None
    evidence: list[EvidenceLine]
    mark: Markup | None = None  # "new" or "updated" since an earlier briefing (``--since``)


@dataclass(frozen=True)
class LeadSentence:
    text: str
    cite: Cite
    when: str | None  # its date, when the overview's sentences differ in date
    note: str | None  # "sources differ on ..." when outlets dispute a detail of it


@dataclass(frozen=True, kw_only=True)
class FactView(Item):
    statement: str
    disputed: str | None


@dataclass(frozen=True)
class FactGroup:
    title: str  # the event's short name and date (data), or ``WORDS.other_facts``
    facts: list[FactView]


@dataclass(frozen=True, kw_only=True)
class PositionView(Item):
    value: str
    statement: str
    when: str  # the articles' date ("undated" without one): the order of an update


@dataclass(frozen=True)
class DisputeView:
    subject: str
    kind: Markup  # "a figure", "a place", ...
    positions: list[PositionView]
    mark: Markup | None = None


@dataclass(frozen=True, kw_only=True)
class EventView(Item):
    description: str
    date: str | None
    precision: Markup  # " (month)" after a date known to the month
    time: str | None
    as_written: str | None  # how an undated event's time was put ("last week")
    where: str | None
    label: str  # the description, cut for the drawn timeline


@dataclass(frozen=True)
class RoleView:
    role: str
    cite: Cite


@dataclass(frozen=True, kw_only=True)
class PersonView(Item):
    name: str
    aliases: list[str]
    roles: list[RoleView]
    cite_roles: bool  # each role with its own sources when there are several


@dataclass(frozen=True)
class Flag:
    """A quote's speaker note: our words, then the model's speaker when code corrected it."""

    words: Markup
    who: str = ""


@dataclass(frozen=True, kw_only=True)
class QuoteView(Item):
    text: str
    speaker: str
    flag: Flag | None


@dataclass(frozen=True)
class EntityView:
    name: str
    cite: Cite


@dataclass(frozen=True)
class SourceView:
    number: int
    id: str
    title: str
    meta: str  # outlet, date
    text: str | None  # the article, for the review page


@dataclass(frozen=True)
class Diagnostic:
    """A line the briefing leaves out (``evidence=True``): "summary (why)", "caption"."""

    number: int | None
    what: str
    text: str


@dataclass(frozen=True)
class Counts:
    sources: int
    facts: int
    corroborated: int
    disagreements: int
    events: int
    quotes: int


@dataclass(frozen=True)
class BriefingView:
    """Everything a briefing shows, in the order it shows it."""

    headline: str
    headline_cite: Cite
    lead: list[LeadSentence]
    overview: str | None
    counts: Counts
    groups: list[FactGroup]
    conflicts: list[DisputeView]
    changes: list[DisputeView]
    events: list[EventView]
    dated: list[EventView]  # the drawn timeline
    people: list[PersonView]
    quotes: list[QuoteView]
    more_quotes: Markup | None  # "and 3 more (every quote is in the JSON)"
    organizations: list[EntityView]
    places: list[EntityView]
    sources: list[SourceView]
    copies: list[list[Markup]]  # each group's marks ("" for an id not listed)
    unsupported: list[Diagnostic]
    not_news: list[Diagnostic]
    set_aside: list[SetAside]
    failed: list[FailedArticle]
    grounding: GroundingReport
    evidence: bool
    since: SinceView | None = None  # what changed since an earlier briefing: the section it opens with


@dataclass(frozen=True)
class Member:
    source: str
    shares: list[str]  # the names and words it shares with the rest, rarest first


@dataclass(frozen=True)
class StoryView:
    number: int
    id: str
    title: str
    articles: int
    outlets: int
    members: list[Member]
    why: list[Member]  # the members that share something, with their first four: why one story
    briefing: BriefingView | None


@dataclass(frozen=True)
class DigestView:
    stories: list[StoryView]
    articles: int
    set_aside: list[SetAside]
    failed: list[FailedArticle]
    since: SinceView | None = None


# ----------------------------------------------------------------------------- decisions


def topic_groups(b: Briefing) -> list[tuple[str | None, list[BriefingFact]]]:
    """Facts grouped by their topic (an event's short name and its date), groups in the order
    of their best fact; facts without a topic last, under ``None``. A heading is never cut,
    never given twice (groups with one heading are one group), and never a sentence or the
    words of a fact listed under it (then the date alone heads the group)."""
    events = {e.id: e for e in b.events}
    groups: dict[str | None, list[BriefingFact]] = {}
    for f in b.facts:
        key = f.topic if f.topic in events else None
        groups.setdefault(key, []).append(f)
    merged: dict[str | None, list[BriefingFact]] = {}
    for k in [k for k in groups if k is not None] + ([None] if None in groups else []):
        title = None
        if k is not None:
            e = events[k]
            when = e.date + _PRECISION.get(e.date_precision, "") if e.date else None
            # an event's short name heads its facts; a whole sentence (code's dated statement,
            # a quotation) or the words of a fact under it would say the same twice: its date then
            sentence = len(e.description.split()) > HEADING_WORDS or e.description.rstrip().endswith((".", "\u201d", '"'))
            repeats = any(_same_words(e.description, f.statement) for f in groups[k])
            title = (when if sentence or repeats else e.description.strip() + (f" ({when})" if when else "")) or None
        merged.setdefault(title, []).extend(groups[k])
    order = [t for t in merged if t is not None] + ([None] if None in merged else [])
    return [(t, merged[t]) for t in order]


def _same_words(a: str, b: str) -> bool:
    strip = lambda x: re.sub(r"\W+", " ", x.lower()).strip()  # noqa: E731
    return strip(a.rstrip("…")) in strip(b) or strip(b) in strip(a)


def shown_quotes(b: Briefing, limit: int = QUOTES_SHOWN) -> tuple[list[BriefingQuote], int]:
    """The most telling quotes -- carried by the most outlets, said by the most prominent
    speaker (the one most articles name), the longest -- at most ``limit``, in that order;
    and how many more there are (all of them stay in the JSON)."""
    reach = {p.id: len(p.sources) for p in b.people}
    ranked = sorted(
        b.quotes,
        key=lambda q: (-len(q.sources), q.speaker == "unknown", -reach.get(q.speaker_id or "", 0), -min(len(q.text.split()), 40), q.id),
    )
    return ranked[:limit], max(0, len(ranked) - limit)


def disputed_note(f: BriefingFact, b: Briefing) -> str:
    """'sources differ on others hospital (four / six)' for a fact with a disputed detail."""
    dis = {d.id: d for d in b.disagreements}
    parts = [f"{dis[i].subject} ({' / '.join(p.value for p in dis[i].positions)})" for i in f.disputed if i in dis]
    return "sources differ on " + "; ".join(parts) if parts else "sources differ on a detail"


def support_label(f: BriefingFact) -> str:
    if f.corroborated:
        return f"{f.voices} outlets"
    if len(f.sources) > 1:
        return "one voice (copies of one text)"
    return "single source"


def diagnosis(item: UnsupportedItem | NotNewsItem) -> str:
    """What a diagnostic line says before the text it is about: "summary (a name the article
    does not give: X)", "addressed to software (control token)", "caption"."""
    if isinstance(item, UnsupportedItem):
        kind = item.kind.replace("_", " ")
        return kind if item.why == UnsupportedItem.model_fields["why"].default else f"{kind} ({item.why})"
    reason = "addressed to software" if item.reason == "addressed" else item.reason
    return f"{reason} ({item.detail})" if item.detail else reason


# ----------------------------------------------------------------------------- building the view


class _Builder:
    """What every item needs to be cited: the source numbers, the article texts, whether the
    evidence lines are wanted."""

    def __init__(self, b: Briefing, texts: dict[str, str] | None, evidence: bool, marks: dict[tuple[str, str], Markup]) -> None:
        self.b = b
        self.numbers = numbers(b)
        self.texts = texts
        self.evidence = evidence
        self.marks = marks

    def cite(self, sources: list[str], label: str | None = None, multi: bool | None = None) -> Cite:
        multi = len(sources) > 1 if multi is None else multi
        label = label or (f"{len(sources)} sources" if len(sources) > 1 else "1 source")
        return Cite(list(sources), [self.numbers[s] for s in sources if s in self.numbers], Markup(label), multi)

    def item(
        self, sources: list[str], evidence: list[Evidence], label: str | None = None, multi: bool | None = None, key: tuple[str, str] = ("", "")
    ) -> dict[str, Any]:
        """The ``Item`` fields of an item with these sources and this evidence (``key``: its
        kind and id, for its mark since an earlier briefing)."""
        return {"cite": self.cite(sources, label, multi), "anchor": _anchor(evidence), "evidence": self.lines(evidence), "mark": self.marks.get(key)}

    def lines(self, evidence: list[Evidence]) -> list[EvidenceLine]:
        if not self.evidence:
            return []
        return [EvidenceLine(self.numbers.get(ev.source, "?"), ev.span, self._quote(ev)) for ev in evidence]

    def _quote(self, ev: Evidence) -> str | None:
        if not (ev.span and self.texts and ev.source in self.texts):
            return None
        return " ".join(self.texts[ev.source][ev.span.start : ev.span.end].split())[:300]


def numbers(b: Briefing) -> dict[str, int]:
    """A briefing's source numbers: [1] is its first source."""
    return {s.id: i + 1 for i, s in enumerate(b.sources)}


def _anchor(evidence: list[Evidence]) -> Anchor | None:
    ev = next((e for e in evidence if e.span), None)
    return Anchor(ev.source, ev.span.start, ev.span.end) if ev is not None and ev.span is not None else None


def briefing_view(
    b: Briefing, texts: dict[str, str] | None = None, *, evidence: bool = False, changes: Changes | None = None, story: str | None = None
) -> BriefingView:
    """The view of ``b``. ``texts`` (article id -> article text) feed the review page's source
    panel and the evidence lines; ``evidence`` adds those lines and the diagnostics. ``changes``
    (default: the briefing's own; a digest's for its ``story``) mark its items; a briefing's
    own open it with what is new."""
    own = changes is None and b.changes is not None
    changes = b.changes if changes is None else changes
    m = _Builder(b, texts, evidence, item_marks(changes, story))
    events = [_event(m, e) for e in b.events]
    shown, more = shown_quotes(b)
    return BriefingView(
        headline=b.headline or "Briefing",
        headline_cite=m.cite(b.headline_sources),
        lead=_lead(m),
        overview=b.overview,
        counts=Counts(len(b.sources), len(b.facts), sum(f.corroborated for f in b.facts), len(b.disagreements), len(b.events), len(b.quotes)),
        groups=[FactGroup(title or WORDS.other_facts, [_fact(m, f) for f in facts]) for title, facts in topic_groups(b)],
        conflicts=[_dispute(m, d) for d in b.disagreements if not d.evolution],
        changes=[_dispute(m, d) for d in b.disagreements if d.evolution],
        events=events,
        dated=[e for e in events if e.date],
        people=[_person(m, p) for p in b.people],
        quotes=[_quote(m, q) for q in shown],
        more_quotes=Markup(f"and {more} more (every quote is in the JSON)") if more else None,
        organizations=[EntityView(o.name, m.cite(o.sources)) for o in b.organizations],
        places=[EntityView(p.name, m.cite(p.sources)) for p in b.places],
        sources=[_source(m, s) for s in b.sources],
        copies=[[m.cite([s]).marks for s in group] for group in b.copies],
        unsupported=[Diagnostic(m.numbers.get(u.source), diagnosis(u), u.text) for u in b.unsupported] if evidence else [],
        not_news=[Diagnostic(m.numbers.get(n.source), diagnosis(n), n.text) for n in b.not_news] if evidence else [],
        set_aside=b.set_aside,
        failed=b.failed,
        grounding=b.grounding,
        evidence=evidence,
        since=since_view(b.changes, [(None, None, None)], lambda _: m.numbers) if own and b.changes is not None else None,
    )


def _lead(m: _Builder) -> list[LeadSentence]:
    """The overview sentence by sentence, each with the note of a disputed detail."""
    facts = {f.id: f for f in m.b.facts}
    out = []
    for c in m.b.lead:
        f = facts.get(c.fact or "")
        note = disputed_note(f, m.b) if f is not None and f.disputed else None
        out.append(LeadSentence(c.text, m.cite(c.sources), c.published, note))
    return out


def _fact(m: _Builder, f: BriefingFact) -> FactView:
    note = disputed_note(f, m.b) if f.disputed else None
    return FactView(**m.item(f.sources, f.evidence, support_label(f), f.corroborated, ("fact", f.id)), statement=f.statement, disputed=note)


def _dispute(m: _Builder, d: Disagreement) -> DisputeView:
    positions = [
        PositionView(**m.item(p.sources, p.evidence), value=p.value, statement=p.statement, when=p.published or WORDS.undated)
        for p in d.positions
    ]
    return DisputeView(d.subject, Markup(KIND[d.kind]), positions, m.marks.get(("disagreement", d.id)))


def _event(m: _Builder, e: BriefingEvent) -> EventView:
    return EventView(
        **m.item(e.sources, e.evidence, key=("event", e.id)),
        description=e.description,
        date=e.date or None,
        precision=Markup(_PRECISION.get(e.date_precision, "")),
        time=e.time or None,
        as_written=e.when_as_written[0] if e.when_as_written and not e.date else None,
        where=e.where or None,
        label=e.description if len(e.description) <= 80 else e.description[:77] + "…",
    )


def _person(m: _Builder, p: BriefingPerson) -> PersonView:
    roles = [RoleView(r.role, m.cite(r.sources)) for r in p.roles]
    return PersonView(**m.item(p.sources, p.evidence), name=p.name, aliases=p.aliases, roles=roles, cite_roles=len(roles) > 1)


def _quote(m: _Builder, q: BriefingQuote) -> QuoteView:
    return QuoteView(**m.item(q.sources, q.evidence, key=("quote", q.id)), text=q.text, speaker=q.speaker, flag=_flag(q))


def _flag(q: BriefingQuote) -> Flag | None:
    """What a reader is told about a speaker code did not verify, or corrected."""
    if q.speaker_status == "corrected":
        return Flag(Markup("speaker per the article; the model said "), q.model_speaker or "?")
    if q.speaker_status == "unverified":
        return Flag(Markup("speaker not verified"))
    return None


def _source(m: _Builder, s: BriefingSource) -> SourceView:
    meta = ", ".join(x for x in (s.outlet, s.published) if x)
    return SourceView(m.numbers[s.id], s.id, s.title, meta, (m.texts or {}).get(s.id))


def _story(k: int, s: Story, briefing: BriefingView | None) -> StoryView:
    members = [Member(x.source, x.shares) for x in s.members]
    why = [Member(x.source, x.shares[:4]) for x in s.members if x.shares]
    return StoryView(k, s.id, s.title, len(s.sources), s.outlets, members, why, briefing)


def digest_view(d: Digest, texts: dict[str, str] | None = None, *, evidence: bool = False) -> DigestView:
    """The view of a mixed input: the stories as ordered (most outlets first), each with the
    view of its briefing."""
    stories = [
        _story(k, s, None if s.briefing is None else briefing_view(s.briefing, texts, evidence=evidence, changes=d.changes, story=s.id))
        for k, s in enumerate(d.stories, 1)
    ]
    briefings = {s.id: s.briefing for s in d.stories if s.briefing is not None}
    since = None
    if d.changes is not None:
        shown = [(s.id, k, s.title) for k, s in enumerate(d.stories, 1)]
        since = since_view(d.changes, shown, lambda sid: numbers(briefings[sid]) if sid in briefings else {})
    return DigestView(stories, sum(len(s.sources) for s in d.stories), d.set_aside, d.failed, since)


def stories_view(stories: list[Story], set_aside: list[SetAside], failed: list[FailedArticle]) -> DigestView:
    """``summarizer stories``: the stories without briefings."""
    return DigestView([_story(k, s, None) for k, s in enumerate(stories, 1)], sum(len(s.sources) for s in stories), set_aside, failed)
