"""The article's record: the model's validated answer (``combine``d over the parts of a long
article) grounded in the text and joined with what code found -- people, quotes and their
speakers, key points, events, every statement of the body with its figures and dates, ids from
content, and what the model wrote that the article does not bear out, listed apart."""

from __future__ import annotations

from ..inputs.articles import Article, body_spans, paragraphs
from ..reading.claims import read_claims
from ..reading.entities import name_entities
from ..reading.grounding import Document, align_statement, count, normalize
from ..reading.names import lowercase_words
from ..reading.quotes import FoundQuote, Quotations
from ..reading.text import content_id
from ..schemas import (
    ArticleExtraction,
    ArticleResult,
    Claim,
    GroundingReport,
    KeyPoint,
    ModelInfo,
    NotNews,
    Span,
    Unsupported,
    Usage,
)
from .checks import Outside, borne_out, first_sentence, whole_sentences
from .events import events_of, same_place
from .people import dedupe, news_lines, people_and_quotes, places_and_organisations


def combine(answers: list[ArticleExtraction]) -> ArticleExtraction:
    """The parts' answers as one: the first part's title and summary (the lede), everyone's
    people, key points, events and speakers in part order. The bounds of one answer do not
    apply to the sum (built without validation); ``to_result`` grounds every item in the
    whole article, lists a person once and an item its evidence already gave once."""
    if len(answers) == 1:
        return answers[0]
    return ArticleExtraction.model_construct(
        title=answers[0].title,
        summary=answers[0].summary,
        people=[p for a in answers for p in a.people],
        key_points=[k for a in answers for k in a.key_points],
        events=[e for a in answers for e in a.events],
        speakers=[s for a in answers for s in a.speakers],
    )


def to_result(
    article: Article,
    ex: ArticleExtraction,
    *,
    quotes: Quotations | list[FoundQuote] | None = None,
    usage: Usage | None = None,
    model: ModelInfo | None = None,
    parts: int = 1,
    passages: list[NotNews] | None = None,
    ner: bool = False,
) -> ArticleResult:
    """Build the output record: what the model read, grounded, plus what code found.

    ``quotes``: the article's quotations as read before the request (``Quotations``: their ids
    are the ones the model was asked about), settled here knowing the people the model listed
    (the same passages and ids; a bare surname then resolves to the full name); a list: those
    quotes as they are (the ones left after passages were set apart); not given: read here.

    ``passages``: the passages set apart as addressed to software (``set_apart``, which also
    gives the ``article`` to pass here); when given (the defence is on), each model-written
    title, summary, key point and event must be said by the article outside them
    (``Outside``): one that is not is listed as unsupported and left out -- a title falls back
    to the article's own headline, a summary to its lede.

    ``ner``: spaCy's entity recogniser votes on the types of people, organisations and places
    too (``entities.name_entities``); off, the rules alone type them."""
    doc = Document(article.raw, body_spans(article))
    outside = Outside(article.raw, passages) if passages is not None else None
    report = GroundingReport()
    taken: set[str] = set()  # ids from content: article id + normalised text (stable across runs)

    news, furniture = news_lines(article)
    named = name_entities(article.raw, news, model_people=ex.people, ner=ner)
    news_text = " ".join(article.raw[a:b] for a, b in news)
    people, quotes_out, spans_seen = people_and_quotes(
        article, ex, doc, named, news_text, lowercase_words(article.raw), quotes, taken, report
    )  # fmt: skip
    key_points, unsupported, seen = _key_points(article.id, ex, doc, outside, parts, taken)
    spans_seen += seen

    claims, not_news = read_claims(
        article.raw,
        paragraphs(article),
        title=article.title_hint,
        published=article.published.iso,
        key_evidence=[k.evidence[0] for k in key_points if k.evidence],
        quotes=quotes_out,
        article_id=article.id,
    )
    if passages:
        not_news = sorted([*not_news, *passages], key=lambda n: n.start)
    events, left_out, seen = events_of(article, ex.events, doc, claims, people, outside, parts, taken)
    unsupported += left_out
    spans_seen += seen

    places, organizations = places_and_organisations(named, people, furniture)
    report.counts = count(spans_seen)
    title, summary, left_out = _title_and_summary(article, ex, claims, outside)
    return ArticleResult(
        source=article.source(),
        title=title,
        summary=summary,
        key_points=key_points,
        people=people,
        organizations=organizations,
        places=places,
        quotes=quotes_out,
        events=events,
        claims=claims,
        not_news=not_news,
        unsupported=unsupported + left_out,
        grounding=report,
        usage=usage or Usage(),
        model=model,
        parts=parts,
    )


def _key_points(
    article_id: str, ex: ArticleExtraction, doc: Document, outside: Outside | None, parts: int, taken: set[str]
) -> tuple[list[KeyPoint], list[Unsupported], list[list[Span]]]:
    """The model's key points the article states (grounded), those it does not (unsupported),
    and the evidence looked up for each."""
    key_points: list[KeyPoint] = []
    unsupported: list[Unsupported] = []
    seen: list[list[Span]] = []
    for text in dedupe(ex.key_points):
        why = outside.why_not(text) if outside else None
        if why:
            unsupported.append(Unsupported(kind="key_point", text=text.strip(), why=why))
            continue
        spans = align_statement(doc, text)
        if parts > 1 and spans and any(same_place(spans[0], k.evidence) for k in key_points):
            continue  # another part's words for the statement one already gave (an overlap read twice)
        if outside is not None and not spans:
            unsupported.append(Unsupported(kind="key_point", text=text.strip()))
            seen.append(spans)
            continue
        key_points.append(KeyPoint(id=content_id("k", article_id, normalize(text), taken=taken), text=text, evidence=spans))
        seen.append(spans)
    return key_points, unsupported, seen


def _title_and_summary(
    article: Article, ex: ArticleExtraction, claims: list[Claim], outside: Outside | None
) -> tuple[str, str, list[Unsupported]]:
    """The model's title and summary where the article bears them out; else the article's own
    headline (or first sentence) and, with the defence on, its lede."""
    unsupported: list[Unsupported] = []
    title = ex.title.strip()
    why = outside.why_not(title, title=True) if outside else None
    if why or not borne_out(title, article.raw):
        unsupported.append(Unsupported(kind="title", text=title, why=why or Unsupported.model_fields["why"].default))
        title = article.title_hint or first_sentence(article.text)
    summary = whole_sentences(ex.summary.strip(), ArticleExtraction.model_fields["summary"])
    why = outside.why_not(summary) if outside else None
    if why or not borne_out(summary, article.raw):
        unsupported.append(Unsupported(kind="summary", text=summary, why=why or Unsupported.model_fields["why"].default))
        if outside is not None:  # the article's own lede instead
            summary = next((c.text for c in claims), None) or first_sentence(article.text)
    return title, summary, unsupported
