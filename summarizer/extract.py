"""Per-article extraction, the pure half: build the request, turn the answer into a result.

``build_messages`` renders ``prompts/extract_*.j2`` with the article as a variable.
``to_result`` takes the validated ``ArticleExtraction`` and adds what code does better than
the model: ids, metadata parsed from the text, ISO dates resolved against the article's
own date, evidence spans and grounding status, quote downgrades and speaker checks, and
dropping people who are not named in the text at all.

No network here: ``summarizer.llm`` sends the messages.
"""

from __future__ import annotations

import re
from typing import Literal

from .articles import Article
from .dates import resolve
from .grounding import (
    Document,
    align_quote,
    align_statement,
    attribute,
    count,
    find_all,
    find_mentions,
    normalize,
)
from .names import looks_like_name, looks_like_role, same_person, same_surname, split_title
from .prompting import render
from .schemas import (
    ArticleExtraction,
    ArticleResult,
    Event,
    GroundingReport,
    KeyPoint,
    ModelInfo,
    Person,
    Quote,
    Span,
    Usage,
)

QuotePolicy = Literal["paraphrase", "drop"]


# A small model copying “...” tends to emit a bare " that closes the JSON string under the
# grammar ("Trump called it an "): in the model's copy of the article, double quotation
# marks are shown as single ‘ ’, which need no escaping; normalize() treats every
# quotation mark alike when grounding.
_TO_MODEL = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", "\u201e": "\u2018", "\u201f": "\u2019"})


def model_view(text: str) -> str:
    """The article as the model sees it: double quotation marks as ‘ ’ (see above)."""
    text = text.translate(_TO_MODEL)
    return re.sub(r'"([^"\n]{1,2000})"', "\u2018\\1\u2019", text)


def build_messages(article: Article) -> list[dict[str, str]]:
    """The chat messages for one article. The article text is a template *variable*."""
    return [
        {"role": "system", "content": render("extract_system.j2")},
        {
            "role": "user",
            "content": render(
                "extract_user.j2",
                article_id=article.id,
                published=article.published.iso or article.published.as_written,
                article_text=model_view(article.text),
            ),
        },
    ]


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        key = " ".join(item.split()).casefold()
        if key and key not in seen:
            seen[key] = item.strip()
    return list(seen.values())


def _not_people(names: list[str], people: list[Person]) -> list[str]:
    """Organisations/places the model filled with people's names lose them."""
    return [n for n in names if not any(same_person(split_title(n)[1], p.name) for p in people)]


def _whole_sentences(text: str, field: object) -> str:
    """A summary that ran into its length limit ends at its last full sentence."""
    limit = next((m.max_length for m in getattr(field, "metadata", []) if hasattr(m, "max_length")), None)
    if limit and len(text) >= limit - 10:
        cut = max(text.rfind(". "), text.rfind(".\u2019 "), text.rfind(".' "))
        if cut > 0:
            return text[: cut + 1].rstrip()
    return text


def to_result(
    article: Article,
    ex: ArticleExtraction,
    *,
    quote_policy: QuotePolicy = "paraphrase",
    usage: Usage | None = None,
    model: ModelInfo | None = None,
    doc: Document | None = None,
) -> ArticleResult:
    """Ground a validated extraction in the article text and build the output record.

    ``doc``: the article already prepared for alignment (the re-ask check built one)."""
    doc = doc if doc is not None and doc.text == article.raw else Document(article.raw)
    report = GroundingReport()
    spans_seen: list[list[Span]] = []

    people: list[Person] = []
    for p in ex.people:
        title, name = split_title(p.name.strip())
        if not looks_like_name(name) or any(same_person(name, q.name) and len(name) <= len(q.name) for q in people):
            continue  # not a person's name ("U. S. Air Force plane"), or already listed
        spans, _ = find_all(doc, p.name.strip(), limit=10)
        if not spans:
            spans, _ = find_all(doc, name, limit=10)
        if not spans:
            # "Zelenskyy" written "Zelensky" here, or only the surname appears
            spans = [Span(start=m.start, end=m.end, status="fuzzy", score=90) for m in find_mentions(doc, [name])][:10]
        if not spans:
            continue  # a "person" the article never names
        stated = p.role.strip(" .") if p.role else ""
        role = stated if stated and looks_like_role(stated) and find_all(doc, stated, limit=1)[0] else None
        people.append(Person(id=f"p{len(people) + 1}", name=name, role=role or title, evidence=spans))
        spans_seen.append(spans)

    names = [p.name for p in people] + [q.speaker for q in ex.quotes]
    mentions = find_mentions(doc, names)
    quotes: list[Quote] = []
    for q in ex.quotes:
        spans, shown = align_quote(doc, q.text)
        if spans and any(shown == other.text and other.kind == "direct" for other in quotes):
            continue  # the same quote listed twice: its evidence already holds every occurrence
        if spans:
            said_by = attribute(doc, spans[0], mentions)
            verified = said_by is not None and same_surname(said_by, q.speaker)
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    speaker=q.speaker,
                    text=shown,
                    kind="direct",
                    speaker_status="verified" if verified else "unverified",
                    speaker_attributed_to=said_by,
                    evidence=spans,
                )
            )
            report.quotes_direct += 1
            report.speakers_verified += verified
            report.speakers_unverified += not verified
            spans_seen.append(spans)
        elif quote_policy == "paraphrase":
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    speaker=q.speaker,
                    text=q.text.strip(),
                    kind="paraphrase",
                    speaker_status="unverified",
                    evidence=align_statement(doc, q.text),
                )
            )
            report.quotes_downgraded += 1
            spans_seen.append(quotes[-1].evidence)
        else:
            report.quotes_dropped += 1

    key_points = []
    for text in _dedupe(ex.key_points):
        spans = align_statement(doc, text)
        key_points.append(KeyPoint(id=f"k{len(key_points) + 1}", text=text, evidence=spans))
        spans_seen.append(spans)

    events: list[Event] = []
    for e in ex.events:
        if any(normalize(e.what) == normalize(other.what) for other in events):
            continue  # the model listed the same event twice
        date, precision = resolve(e.when, article.published.iso)
        spans = align_statement(doc, e.what)
        events.append(
            Event(
                id=f"e{len(events) + 1}",
                what=e.what.strip(),
                when=e.when,
                date=date,
                date_precision=precision,
                where=e.where,
                who=_dedupe(e.who),
                evidence=spans,
            )
        )
        spans_seen.append(spans)

    report.counts = count(spans_seen)
    return ArticleResult(
        source=article.source(),
        title=ex.title.strip(),
        summary=_whole_sentences(ex.summary.strip(), ArticleExtraction.model_fields["summary"]),
        key_points=key_points,
        people=people,
        organizations=_not_people(_dedupe(ex.organizations), people),
        places=_not_people(_dedupe(ex.places), people),
        quotes=quotes,
        events=events,
        grounding=report,
        usage=usage or Usage(),
        model=model,
    )
