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

from .articles import Article, body_spans
from .claims import find_claims
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
from .language import ENGLISH
from .names import (
    fold,
    looks_like_name,
    looks_like_role,
    lowercase_words,
    same_person,
    same_surname,
    split_title,
    used_as_place_or_thing,
)
from .prompting import render
from .schemas import (
    ArticleExtraction,
    ArticleResult,
    Claim,
    Event,
    GroundingReport,
    KeyPoint,
    ModelInfo,
    Person,
    Quote,
    Span,
    Unsupported,
    Usage,
)
from .temporal import resolve_when
from .text import content_id, content_stems

QuotePolicy = Literal["paraphrase", "drop"]


# A small model copying “...” tends to emit a bare " that closes the JSON string under the
# grammar ("Trump called it an "): in the model's copy of the article, double quotation
# marks are shown as single ‘ ’, which need no escaping; normalize() treats every
# quotation mark alike when grounding.
_TO_MODEL = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", "\u201e": "\u2018", "\u201f": "\u2019"})


# The prompt wraps the article in <article> ... </article>: a text that writes the tag itself
# (to close the data early and speak as the user) gets it shown as ‹article›, which is no tag.
_DELIMITER = re.compile(r"<\s*(/?)\s*article\b[^>]*>", re.IGNORECASE)


def model_view(text: str) -> str:
    """The article as the model sees it: double quotation marks as ‘ ’ (see above), and the
    prompt's delimiter tag neutralised where the article writes it."""
    text = _DELIMITER.sub(lambda m: "\u2039" + m.group(1) + "article\u203a", text.translate(_TO_MODEL))
    return re.sub(r'"([^"\n]{1,2000})"', "\u2018\\1\u2019", text)


def prompt_field(value: str | None, limit: int = 80) -> str | None:
    """Metadata (an id, a date as written) as one short line: no line breaks, no tags."""
    if value is None:
        return None
    return " ".join(value.replace("<", "\u2039").replace(">", "\u203a").split())[:limit] or None


def build_messages(article: Article) -> list[dict[str, str]]:
    """The chat messages for one article. The article text is a template *variable*."""
    return [
        {"role": "system", "content": render("extract_system.j2")},
        {
            "role": "user",
            "content": render(
                "extract_user.j2",
                article_id=prompt_field(article.id),
                published=prompt_field(article.published.iso or article.published.as_written),
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


BORNE_OUT_MIN = 0.5  # share of a title's or summary's content words that the article must contain


def _borne_out(text: str, article: str) -> bool:
    """Does the article contain most of what ``text`` says, in two words at least? A title
    "HACKED" does not (one word, even one an injected line of the article asks for)."""
    said = set(content_stems(text))
    found = said & set(content_stems(article))
    return len(found) >= 2 and len(found) / len(said) >= BORNE_OUT_MIN


def _first_sentence(text: str, limit: int = 150) -> str:
    first = " ".join(text.split())[:limit]
    cut = first.find(". ")
    return first[: cut + 1] if cut > 20 else first


def _event_date(when: str | None, spans: list[Span], claims: list[Claim], published: str | None):
    """An event's date: its "when" as written, else the one date its evidence sentence names."""
    mentioned = [d for s in spans[:1] for c in claims if c.start < s.end and s.start < c.end for d in c.dates if d.date]
    if when:
        said = [d for d in mentioned if normalize(d.surface) in normalize(when) or normalize(when) in normalize(d.surface)]
        if said:  # the article's own sentence, where the tense is known ("would hold a vigil on Friday")
            return said[0].date, said[0].precision
        date, precision = resolve_when(when, published)
        if date is None:
            date, precision = resolve(when, published)
        if date is not None:
            return date, precision
    if len({d.date for d in mentioned}) == 1:
        return mentioned[0].date, mentioned[0].precision
    return None, "unknown"


def _dated_statements(
    claims: list[Claim], events: list[Event], people: list[Person], doc: Document, article_id: str, taken: set[str]
) -> list[Event]:
    """Statements that name a resolvable date and that no event covers become events (code's
    timeline entries): "Trump told reporters on Friday that ..." in an article dated Sunday."""
    covered = [s for e in events for s in e.evidence[:1]]
    mentions = find_mentions(doc, [p.name for p in people])
    out: list[Event] = []
    for c in claims:
        dated = [d for d in c.dates if d.date and d.precision in ("day", "month")]
        if not dated or c.quoted or any(s.start < c.end and c.start < s.end for s in covered):
            continue
        # a date the clause is about ("on Tuesday") before one that only names a thing ("Sunday's fire")
        d = min(dated, key=lambda d: (doc.text[d.end : d.end + 2] in ("'s", "\u2019s"), d.start))
        names = [m.name for m in mentions if c.start <= m.start < c.end]
        out.append(
            Event(
                id=content_id("e", article_id, normalize(c.text), taken=taken),
                what=c.text,
                when=d.surface,
                date=d.date,
                date_precision=d.precision,
                who=_dedupe(names),
                evidence=[Span(start=c.start, end=c.end, status="exact", score=100)],
                found_by="code",
            )
        )
    return out


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
    taken: set[str] = set()  # ids from content: article id + normalised text (stable across runs)

    people: list[Person] = []
    lower = lowercase_words(article.raw)
    lower_stems = {ENGLISH.stem(w) for w in lower}
    elsewhere = {normalize(n) for n in [*ex.organizations, *ex.places]}
    for p in ex.people:
        title, name = split_title(p.name.strip(), titles=lower)
        if not looks_like_name(name) or any(same_person(name, q.name) and len(name) <= len(q.name) for q in people):
            continue  # not a person's name ("U. S. Air Force plane"), or already listed
        if normalize(name) in elsewhere or used_as_place_or_thing(name, article.raw):
            continue  # the article treats it as an organisation or a place ("the Kremlin said", "in Sochi")
        if all(w in lower or ENGLISH.stem(w) in lower_stems for w in fold(name).split()):
            continue  # every word of it is a common noun in this text ("Firefighters"): not a name
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
        people.append(Person(id=content_id("p", article.id, normalize(name), taken=taken), name=name, role=role or title, evidence=spans))
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
                    id=content_id("q", article.id, normalize(shown), taken=taken),
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
                    id=content_id("q", article.id, normalize(q.text), taken=taken),
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
        key_points.append(KeyPoint(id=content_id("k", article.id, normalize(text), taken=taken), text=text, evidence=spans))
        spans_seen.append(spans)

    claims = find_claims(
        article.raw,
        body_spans(article),
        published=article.published.iso,
        key_evidence=[k.evidence[0] for k in key_points if k.evidence],
        article_id=article.id,
    )

    unsupported: list[Unsupported] = []
    events: list[Event] = []
    for e in ex.events:
        if any(normalize(e.what) == normalize(other.what) for other in events):
            continue  # the model listed the same event twice
        spans = align_statement(doc, e.what)
        if not spans:  # nothing in the article says so: not an event of the briefing
            unsupported.append(Unsupported(kind="event", text=e.what.strip()))
            spans_seen.append(spans)
            continue
        date, precision = _event_date(e.when, spans, claims, article.published.iso)
        events.append(
            Event(
                id=content_id("e", article.id, normalize(e.what), taken=taken),
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
    events += _dated_statements(claims, events, people, doc, article.id, taken)

    report.counts = count(spans_seen)
    title = ex.title.strip()
    if not _borne_out(title, article.raw):
        unsupported.append(Unsupported(kind="title", text=title))
        title = article.title_hint or _first_sentence(article.text)
    summary = _whole_sentences(ex.summary.strip(), ArticleExtraction.model_fields["summary"])
    if not _borne_out(summary, article.raw):
        unsupported.append(Unsupported(kind="summary", text=summary))
    return ArticleResult(
        source=article.source(),
        title=title,
        summary=summary,
        key_points=key_points,
        people=people,
        organizations=_not_people(_dedupe(ex.organizations), people),
        places=_not_people(_dedupe(ex.places), people),
        quotes=quotes,
        events=events,
        claims=claims,
        unsupported=unsupported,
        grounding=report,
        usage=usage or Usage(),
        model=model,
    )
