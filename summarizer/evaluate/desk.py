"""A story's briefing scored the way an editor reads it (``evaluate_desk``)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..reading.grounding import normalize
from ..schemas import Briefing, Evidence, Span
from .entities import EntityScore, entity_line
from .facts import disagreement_for, matches, resolve
from .quotes import QuoteScore, speaker_line

#: per article id, the (start, end) spans where something is stated
Spans = dict[str, list[tuple[int, int]]]


@dataclass
class DeskScore:
    """An editor's reading of one briefing against a desk story's labels (see ``evaluate_desk``)."""

    story: str = ""
    headline: str = ""
    headline_ok: bool = False
    citations: int = 0
    citations_held: int = 0
    single_source_stated_elsewhere: int = 0  # "single source" facts a labelled other article states
    junk: int = 0
    disagreements: int = 0  # labelled
    disagreements_found: int = 0  # labelled ones found, as conflict or update as labelled
    disagreements_shown: int = 0
    disagreements_right: int = 0  # shown ones that match a label (kind of change included)
    invented_dates: int = 0
    sub_events: int = 0
    sub_events_covered: int = 0
    quotes: QuoteScore = field(default_factory=QuoteScore)  # the records' quotes and speakers
    entities: EntityScore | None = None  # the briefing's people, organisations, places (with labels)
    errors: list[str] = field(default_factory=list)

    def add(self, other: DeskScore) -> DeskScore:
        out = DeskScore(story="desk")
        for name in ("citations", "citations_held", "single_source_stated_elsewhere", "junk", "disagreements",
                     "disagreements_found", "disagreements_shown", "disagreements_right", "invented_dates",
                     "sub_events", "sub_events_covered"):  # fmt: skip
            setattr(out, name, getattr(self, name) + getattr(other, name))
        out.quotes = self.quotes.add(other.quotes)
        if self.entities or other.entities:
            out.entities = EntityScore().add(self.entities or EntityScore()).add(other.entities or EntityScore())
        return out

    @property
    def citation_precision(self) -> float:
        return self.citations_held / self.citations if self.citations else 1.0

    @property
    def disagreement_precision(self) -> float:
        return self.disagreements_right / self.disagreements_shown if self.disagreements_shown else 1.0

    @property
    def disagreement_recall(self) -> float:
        return self.disagreements_found / self.disagreements if self.disagreements else 1.0


def _spans_by_source(where: dict[str, Any], texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """{prefix: regex or [regexes]} -> {article id: spans}; patterns that match nothing are errors."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for prefix, patterns in where.items():
        for pattern in [patterns] if isinstance(patterns, str) else patterns:
            for i, spans in resolve({prefix: pattern}, texts).items():
                out[i] += spans
    return dict(out)


def _overlaps(source: str, start: int, end: int, spans: dict[str, list[tuple[int, int]]]) -> bool:
    return any(a < end and start < b for a, b in spans.get(source, ()))


def evaluate_desk(name: str, labels: dict[str, Any], briefing: Briefing, texts: dict[str, str]) -> DeskScore:
    """Score a story's briefing the way an editor reads it, against labels written from reading:

    * **headline**: it carries every ``main_news.must`` pattern (the main news, not a detail);
    * **citations** (headline, overview sentences, facts): each (item, article) pair holds when
      that article states the item -- for a fact or an overview sentence, the article's own
      evidence covers a labelled fact that the shown statement's evidence covers too (a
      statement no label covers holds only for its own article); for the headline, the
      article states the main news (``main_news.in``); the main news and the sub-events are
      facts too, so is a labelled quotation two articles carry, and the same sentence word for
      word holds. "Single source" facts that a labelled
      fact says another article states are counted apart;
    * **junk**: headline, overview sentences and facts whose evidence is a line the labels
      mark as not news (``not_news``: captions, credits, datelines, subheads ...);
    * **disagreements**: found = a labelled one with a position on each side and the same
      kind of change (``evolution``: an update between reports, or a conflict); precision over
      every disagreement shown, updates included;
    * **invented dates**: timeline dates whose year neither the text of one of the event's
      articles nor its publication date gives;
    * **sub-events**: each ``sub_events`` entry's patterns are all in the overview.
    """
    s = DeskScore(story=name, headline=briefing.headline or "")
    main = labels.get("main_news", {})
    head = normalize(briefing.headline or "")
    s.headline_ok = bool(head) and all(re.search(p, head) for p in main.get("must", []))
    if not s.headline_ok:
        s.errors.append(f"headline does not state the main news ({main.get('about', '')}): {briefing.headline!r}")
    cited = _Citations(s, _fact_spans(labels, texts), _spans_by_source(labels.get("not_news", {}), texts))
    if s.headline_ok:
        cited.headline(briefing, resolve(main.get("in", {}), texts))
    cited.facts(briefing)
    cited.lead(briefing, texts)
    cited.junk_headline(briefing, texts)
    _disagreements(s, labels.get("disagreements", {}), briefing, texts)
    _invented_dates(s, briefing, texts)
    _sub_events(s, labels.get("sub_events", []), briefing)
    return s


def _fact_spans(labels: dict[str, Any], texts: dict[str, str]) -> dict[str, Spans]:
    """Where each labelled fact is stated, per article: the facts, and the main news, each
    sub-event, each side of a disagreement and a quotation two articles carry (statements both
    make, with the speaker)."""
    main = labels.get("main_news", {})
    fact_spans = {k: resolve(v["in"], texts) for k, v in labels.get("facts", {}).items()}
    for k, item in enumerate([main, *labels.get("sub_events", [])]):
        if item.get("in"):
            fact_spans[f"main-news-{k}"] = resolve(item["in"], texts)
    for key, spec in labels.get("disagreements", {}).items():
        for k, side in enumerate(spec.get("sides", [])):
            fact_spans[f"{key}-side-{k}"] = resolve(side, texts)
    for k, q in enumerate(labels.get("attributed_quotes", [])):
        if q.get("kind") == "quote":
            pattern = q["pattern"].lstrip("^")
            spans = {i: m for i, text in texts.items() if (m := matches(pattern, text))}
            if len(spans) > 1:
                fact_spans[f"quote-{k}"] = spans
    return fact_spans


class _Citations:
    """The citations and junk of a briefing's headline, facts and overview sentences."""

    def __init__(self, s: DeskScore, fact_spans: dict[str, Spans], junk_spans: Spans):
        self.s, self.fact_spans, self.junk_spans = s, fact_spans, junk_spans

    def labels_at(self, source: str, start: int, end: int) -> set[str]:
        return {k for k, spans in self.fact_spans.items() if _overlaps(source, start, end, spans)}

    def headline(self, briefing: Briefing, main_in: Spans) -> None:
        """The headline's citations: the articles that state the main news."""
        for src in briefing.headline_sources:
            self.s.citations += 1
            if src in main_in:
                self.s.citations_held += 1
            else:
                self.s.errors.append(f"headline cites {src}, which does not state the main news")

    def item(self, kind: str, text: str, sources: list[str], evidence: list[Evidence], own: Evidence | None) -> None:
        """Citations of one item (its shown statement is ``own``)."""
        if own is None or own.span is None:
            return
        s = self.s
        wanted = self.labels_at(own.source, own.span.start, own.span.end)
        for src in sources:
            s.citations += 1
            if src == own.source:
                s.citations_held += 1
                continue
            mine = [e for e in evidence if e.source == src and e.span is not None]
            same_words = own.text and any(e.text and normalize(e.text) == normalize(own.text) for e in mine)
            if same_words or (
                wanted and any(self.labels_at(src, e.span.start, e.span.end) & wanted for e in mine if e.span is not None)
            ):
                s.citations_held += 1
            else:
                s.errors.append(f"{kind} cites {src}, which does not state it: {text[:90]!r}")

    def junk(self, evidence: list[Evidence]) -> bool:
        return any(e.span and _overlaps(e.source, e.span.start, e.span.end, self.junk_spans) for e in evidence)

    def facts(self, briefing: Briefing) -> None:
        s = self.s
        for f in briefing.facts:
            own = _own_evidence(f.statement, f.evidence)
            self.item("fact", f.statement, f.sources, f.evidence, own)
            if self.junk(f.evidence):
                s.junk += 1
                s.errors.append(f"junk fact: {f.statement[:90]!r}")
            if len(f.sources) == 1 and own is not None and own.span is not None:
                labels = self.labels_at(own.source, own.span.start, own.span.end)
                elsewhere = {src for k in labels for src in self.fact_spans[k]} - {own.source}
                if elsewhere:
                    s.single_source_stated_elsewhere += 1
                    s.errors.append(f"'single source' fact also stated by {', '.join(sorted(elsewhere))}: {f.statement[:80]!r}")

    def lead(self, briefing: Briefing, texts: dict[str, str]) -> None:
        s = self.s
        facts = {f.id: f for f in briefing.facts}
        for c in briefing.lead:
            fact = facts.get(c.fact or "")
            if fact is not None:
                self.item("overview sentence", c.text, c.sources, fact.evidence, _own_evidence(c.text, fact.evidence))
                evidence = fact.evidence
            else:  # a statement of one article: it cites that article alone
                s.citations += len(c.sources)
                s.citations_held += int(len(c.sources) == 1)
                src = c.sources[0]
                at = matches(re.escape(normalize(c.text).rstrip(".")), texts.get(src, ""))
                evidence = [Evidence(source=src, span=Span(start=a, end=b, status="exact", score=100)) for a, b in at]
            if self.junk(evidence):
                s.junk += 1
                s.errors.append(f"junk overview sentence: {c.text[:90]!r}")

    def junk_headline(self, briefing: Briefing, texts: dict[str, str]) -> None:
        if briefing.headline and briefing.headline_article in texts:
            src = briefing.headline_article
            at = [m for m in matches(re.escape(normalize(briefing.headline)), texts[src])]
            if any(_overlaps(src, a, b, self.junk_spans) for a, b in at):
                self.s.junk += 1
                self.s.errors.append(f"junk headline: {briefing.headline!r}")


def _own_evidence(statement: str, evidence: list[Evidence]) -> Evidence | None:
    target = normalize(statement).rstrip(".")
    return next((e for e in evidence if e.text and normalize(e.text).rstrip(".") == target), evidence[0] if evidence else None)


def _disagreements(s: DeskScore, dis: dict[str, Any], briefing: Briefing, texts: dict[str, str]) -> None:
    s.disagreements = len(dis)
    s.disagreements_shown = len(briefing.disagreements)
    matched: set[str] = set()
    for key, spec in dis.items():
        hit = disagreement_for(spec, briefing, texts)
        if hit is None:
            s.errors.append(f"disagreement not found ({key}, {spec.get('kind')}): {spec.get('about', '')}")
            continue
        if bool(spec.get("evolution")) != hit.evolution:
            s.errors.append(f"disagreement {key}: shown as {'an update' if hit.evolution else 'a conflict'}, labelled otherwise")
            continue
        s.disagreements_found += 1
        matched.add(hit.id)
    s.disagreements_right = len(matched)
    for d in briefing.disagreements:
        if d.id not in matched:
            s.errors.append(f"disagreement not in the labels ({d.kind}): {d.subject!r} " + " vs ".join(p.value for p in d.positions))


def _invented_dates(s: DeskScore, briefing: Briefing, texts: dict[str, str]) -> None:
    """Timeline dates whose year no source gives (its text, or its publication year +- 1)."""
    published = {x.id: x.published for x in briefing.sources}
    years = {src: set(re.findall(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)", text)) for src, text in texts.items()}
    for e in briefing.events:
        if not e.date:
            continue
        year = e.date[:4]
        given = set().union(*(years.get(src, set()) for src in e.sources))
        for src in e.sources:
            p = published.get(src)
            if p and re.match(r"\d{4}-\d\d-\d\d", p):
                y = int(p[:4])
                given |= {str(y), str(y - 1), str(y + 1)}  # relative dates resolve against it
        if year not in given:
            s.invented_dates += 1
            s.errors.append(f"invented date {e.date} (no source gives {year}): {e.description[:70]!r}")


def _sub_events(s: DeskScore, subs: list[dict[str, Any]], briefing: Briefing) -> None:
    overview = normalize(" ".join(c.text for c in briefing.lead) or briefing.overview or "")
    for sub in subs:
        s.sub_events += 1
        if all(re.search(p, overview) for p in sub.get("must", [])):
            s.sub_events_covered += 1
        else:
            s.errors.append(f"overview misses a sub-event: {sub.get('about', '')}")


def desk_line(s: DeskScore) -> str:
    """One story's line."""
    return (
        f"{s.story}: headline {'ok' if s.headline_ok else 'MISSED'} ({s.headline[:70]!r}), citations "
        f"{s.citations_held}/{s.citations}, junk {s.junk}, disagreements found {s.disagreements_found}/{s.disagreements} "
        f"shown {s.disagreements_right}/{s.disagreements_shown} right, invented dates {s.invented_dates}, "
        f"sub-events {s.sub_events_covered}/{s.sub_events}, single source stated elsewhere {s.single_source_stated_elsewhere}"
    )


def desk_total(scores: list[DeskScore]) -> str:
    """The last line: the desk's figures over every story."""
    t = DeskScore(story="desk")
    for s in scores:
        t = t.add(s)
    heads = sum(s.headline_ok for s in scores)
    lines = [
        f"desk: headline {heads}/{len(scores)}, citation precision {t.citation_precision:.2f}, junk {t.junk}, "
        f"disagreements precision {t.disagreement_precision:.2f} recall {t.disagreement_recall:.2f}, "
        f"invented dates {t.invented_dates}",
        speaker_line(t.quotes),
    ]
    if t.entities is not None:
        lines.append(entity_line(t.entities))
    return "\n".join(lines)
