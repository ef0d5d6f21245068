"""The merge: many ``ArticleResult`` -> one deduplicated ``Briefing``. No network.

One module per kind, each with its rules in its docstring:

* ``people``   -- one person per name (titles off by rule, nicknames, Jr. apart)
* ``entities`` -- organisations and places
* ``events``   -- the same occasion once; different occasions (the February, May and
  August calls) kept apart
* ``facts``    -- every article's claims compared: one fact with all its sources, and
  disagreements (figures, places, dates, directions) side by side; figures that change
  between days as an evolution. Built on ``units`` (the claims read once for comparison),
  ``compare`` (similarity, slots, verdicts) and ``disagreements``
* ``quotes``   -- the same words once, with every article carrying them
* ``copies``   -- syndicated copies are one voice, not corroboration
* ``index``    -- union-find and the candidate index (blocking) they share
* ``lead``, ``synthesis`` -- the headline and overview by code; a model's, checked against the facts
* ``adjudication`` -- the batched question about the pairs code cannot settle
* ``stories``  -- which articles tell one story

Two phases, because one decision may need the model: ``plan(results)`` does everything
code can and lists the claim pairs it cannot settle (``MergePlan.questions``); the caller
may ask the model about them in one batched call (``summarizer.merge.adjudication``) and passes
the answers to ``MergePlan.finish(answers)``. ``merge(results)`` is both phases without a
model: unsettled pairs count as unrelated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..language import ENGLISH, LanguageProfile
from ..reading.addressed import blank
from ..schemas import (
    ArticleResult,
    Briefing,
    BriefingEvent,
    BriefingFact,
    BriefingPerson,
    BriefingSource,
    FailedArticle,
    GroundingReport,
    MergeReport,
    NotNewsItem,
    UnsupportedItem,
)
from .copies import copy_groups, voice_groups
from .entities import cluster_entities, entity_key
from .events import merge_events
from .facts import (
    FactPlan,
    Question,
    apply_answers,
    finish_facts,
    plan_facts,
    stated_by,
)
from .lead import choose as choose_lead
from .people import PeopleIndex, cluster_people, spot_people
from .quotes import merge_quotes
from .tuning import Thresholds, Weights
from .units import Lexicon

__all__ = ["MergePlan", "Question", "Thresholds", "Weights", "merge", "plan"]


@dataclass
class MergePlan:
    results: list[ArticleResult]
    failed: dict[str, str]
    texts: dict[str, str]
    voices: dict[str, str]
    facts: FactPlan
    profile: LanguageProfile
    people: list[BriefingPerson]
    index: PeopleIndex
    events: list[BriefingEvent]
    lexicon: Lexicon | None = None  # the claims' words, read once for every step (``units.Lexicon``)

    @property
    def questions(self) -> list[Question]:
        return self.facts.questions

    def finish(self, answers: dict[int, str] | None = None) -> Briefing:
        """The briefing, with the model's answers to ``questions`` (number -> same/conflict/unrelated)."""
        profile, results = self.profile, self.results
        kept, rejected = apply_answers(self.facts, answers)
        people, index, events = self.people, self.index, self.events
        facts, disagreements, members_of = finish_facts(self.facts, self.lexicon)
        _assign_topics(facts, events, self.facts, members_of)
        quotes = merge_quotes(results, index, facts, profile, self.lexicon)
        person_keys = {entity_key(n, profile) for p in people for n in [p.name, *p.aliases]}
        grounding = GroundingReport()
        for r in results:
            grounding = grounding.add(r.grounding)
        report = MergeReport(
            claims=len(self.facts.units),
            pairs_compared=self.facts.pairs_compared,
            decided_by_code=self.facts.pairs_compared - len(self.questions),
            asked=len(self.questions) if answers else 0,
            model_answers_kept=kept if answers else 0,
            model_answers_rejected=rejected if answers else 0,
        )
        lead = choose_lead(
            results, facts, disagreements, self.voices, self.texts, profile, stated_by(self.facts, members_of), self.lexicon
        )
        return Briefing(
            headline=lead.headline,
            headline_sources=lead.headline_sources,
            headline_article=lead.headline_article,
            overview=" ".join(c.text for c in lead.sentences) or None,
            lead=lead.sentences,
            sources=[
                BriefingSource(
                    id=r.source.id, title=r.title, published=r.source.published.iso or r.source.published.as_written,
                    outlet=r.source.outlet,
                )
                for r in results
            ],  # fmt: skip
            copies=copy_groups(self.voices),
            people=people,
            organizations=cluster_entities(results, "organizations", "org", profile, exclude=person_keys),
            places=cluster_entities(results, "places", "place", profile, exclude=person_keys),
            events=events,
            facts=facts,
            quotes=quotes,
            disagreements=disagreements,
            failed=[FailedArticle(id=k, error=v) for k, v in sorted(self.failed.items())],
            unsupported=[
                *(UnsupportedItem(source=r.source.id, kind=u.kind, text=u.text, why=u.why) for r in results for u in r.unsupported),
                *(UnsupportedItem(source=r.source.id, kind="key_point", text=k.text) for r in results for k in r.key_points if not k.evidence),
            ],
            not_news=[NotNewsItem(source=r.source.id, **n.model_dump()) for r in results for n in r.not_news],
            grounding=grounding,
            merge=report,
        )


def plan(
    results: Sequence[ArticleResult],
    *,
    failed: dict[str, str] | None = None,
    raw_by_source: dict[str, str] | None = None,
    profile: LanguageProfile = ENGLISH,
    thresholds: Thresholds = Thresholds(),
) -> MergePlan:
    """Everything code can decide, and the claim pairs it cannot (``MergePlan.questions``).

    ``raw_by_source`` (article id -> text) lets code find every article that names each
    person and compare whole documents for copies; without it the extractions alone count.
    The passages an article's record lists as addressed to software are blanked in its text
    first: a mention there supports nothing."""
    results = sorted(results, key=lambda r: r.source.id)
    texts = dict(raw_by_source or {})
    for r in results:
        apart = [n for n in r.not_news if n.reason == "addressed"]
        if apart and r.source.id in texts and len(texts[r.source.id]) == r.source.chars:
            texts[r.source.id] = blank(texts[r.source.id], apart)
    lexicon = Lexicon(profile)  # the claims' words, read once for every step
    voices = voice_groups(results, texts, lexicon)
    people, index = cluster_people(results, profile)
    events = merge_events(results, index, profile)
    if texts:
        spot_people(people, results, texts, profile)
    facts = plan_facts(results, voices, profile, thresholds=thresholds, events=events, lexicon=lexicon)
    return MergePlan(
        list(results), dict(failed or {}), texts, voices, facts, profile, people, index, events, lexicon
    )


def merge(
    results: Sequence[ArticleResult],
    *,
    failed: dict[str, str] | None = None,
    raw_by_source: dict[str, str] | None = None,
    profile: LanguageProfile = ENGLISH,
    thresholds: Thresholds = Thresholds(),
) -> Briefing:
    """Merge per-article results into one briefing with no model call (unsettled pairs: unrelated)."""
    return plan(results, failed=failed, raw_by_source=raw_by_source, profile=profile, thresholds=thresholds).finish(None)


def _assign_topics(facts: list[BriefingFact], events: list[BriefingEvent], plan: FactPlan, members_of: dict[str, list[int]]) -> None:
    """Each fact under the event it belongs to: the event whose evidence shares the fact's
    statement in one of its articles, else the most reported event that all the fact's
    articles report, else (one article) that article's first event."""
    order = {e.id: k for k, e in enumerate(events)}
    rank = lambda e: (len(e.sources), -order[e.id])  # noqa: E731
    spans: dict[str, list[tuple[BriefingEvent, int, int]]] = defaultdict(list)
    by_source: dict[str, list[BriefingEvent]] = defaultdict(list)
    for e in events:
        for src in e.sources:
            by_source[src].append(e)
        for ev in e.evidence:
            if ev.span:
                spans[ev.source].append((e, ev.span.start, ev.span.end))
    first_event = {src: min(items, key=lambda t: (t[1], t[0].id))[0] for src, items in spans.items()}
    for f in facts:
        members = [plan.units[i] for i in members_of[f.id]]
        hit = [e for u in members for e, s0, s1 in spans.get(u.source, ()) if s0 < u.claim.end and u.claim.start < s1]
        if hit:
            f.topic = max(hit, key=rank).id
            continue
        wanted = set(f.sources)
        covering = [e for e in by_source.get(f.sources[0], ()) if wanted <= set(e.sources)]
        if covering:
            f.topic = max(covering, key=rank).id
        elif len(f.sources) == 1 and f.sources[0] in first_event:
            f.topic = first_event[f.sources[0]].id
