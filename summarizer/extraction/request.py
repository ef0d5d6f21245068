"""The request for one article (or one part of a long one): the article as the model sees it
(passages addressed to software set apart, control-token shapes neutralised, double quotation
marks shown as single ones), the quotes code could not attribute listed by id inside the
article's delimiters, and the check an answer must pass before it is accepted (a re-ask when a
speaker it gives is not named near its quote)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..inputs.articles import Article, body_spans, paragraphs
from ..prompting import render
from ..reading import addressed
from ..reading.grounding import (
    normalize,
)
from ..reading.quotes import FoundQuote, verify_speaker
from ..schemas import (
    MAX_UNSETTLED_QUOTES,
    ArticleExtraction,
    NotNews,
)
from .chunking import Part, dateline

# A small model copying “...” tends to emit a bare " that closes the JSON string under the
# grammar ("Tallis called it an "): in the model's copy of the article, double quotation
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


QUOTE_SHOWN = 90  # characters of an unsettled quote shown to the model


def set_apart(article: Article) -> tuple[Article, list[NotNews]]:
    """The article as code reads it once the passages addressed to software are found
    (``addressed.find``): their characters blanked in ``raw`` and ``text`` -- every offset
    still holds, and nothing can rest on them -- and a headline that is itself addressed
    dropped. Returns that article and the passages; a file name (the id) or headline that is
    addressed is listed too, at offset 0 with no length (it is not in the text)."""
    passages = addressed.find(article.raw, paragraphs(article))
    meta = [
        NotNews(text=value, start=0, end=0, reason="addressed", detail=f"{what}: {rule}")
        for what, value in (("file name", article.id), ("headline", article.title_hint))
        if value and (rule := addressed.in_metadata(value))
    ]  # fmt: skip
    if not passages and not meta:
        return article, []
    title = None if any(m.text == article.title_hint for m in meta) else article.title_hint
    text = addressed.without(article.text, article.raw, passages, keep_offsets=True)
    return replace(article, raw=addressed.blank(article.raw, passages), text=text, title_hint=title), meta + passages


def for_model(article: Article, clean: Article, passages: list[NotNews]) -> Article:
    """What the model is sent of ``article``: ``clean`` (``set_apart``) with the passages cut
    out of its text rather than blanked."""
    if not passages:
        return clean
    return replace(clean, text=addressed.without(article.text, article.raw, passages))


def prompt_field(value: str | None, limit: int = 80) -> str | None:
    """Metadata (an id, a date as written) as one short line: no line breaks, no tags."""
    if value is None:
        return None
    return " ".join(value.replace("<", "\u2039").replace(">", "\u203a").split())[:limit] or None


class ExtractionCheck:
    """Called by ``ArticleExtraction``'s validator: the speakers the model gives for the quotes
    it was asked about must be named by the article near those words.

    Returns a re-ask message while ``reasks_left`` > 0 (each message spends one); after that
    nothing, and ``to_result`` keeps only the speakers it can verify."""

    def __init__(self, text: str, asked: list[FoundQuote], reasks_left: int = 0):
        self.text = text
        self.asked = {q.id: q for q in asked}
        self.reasks_left = reasks_left
        self.reasks_used = 0

    def problems(self, ex: ArticleExtraction) -> list[str]:
        found = []
        for a in ex.speakers:
            q = self.asked.get(a.quote.strip().upper())
            if q is None:
                found.append(f"{a.quote} is not one of the listed quotes; answer only for {', '.join(self.asked) or 'none'}.")
            elif not verify_speaker(self.text, q, a.speaker, ex.people):
                found.append(f"{q.id}: the article does not name {a.speaker!r} near these words; give who it says said them.")
        return found

    def __call__(self, ex: ArticleExtraction) -> str | None:
        if self.reasks_left <= 0:
            return None
        found = self.problems(ex)
        if not found:
            return None
        self.reasks_left -= 1
        self.reasks_used += 1
        return "Fix these problems and answer again: " + " ".join(found)


def unsettled(quotes: list[FoundQuote]) -> list[FoundQuote]:
    """The quotes whose speaker code could not settle: the model is asked about these."""
    return [q for q in quotes if q.kind == "quote" and q.speaker is None and q.rule != "unsure"][:MAX_UNSETTLED_QUOTES]


def build_messages(
    article: Article,
    quotes: Sequence[FoundQuote] = (),
    part: Part | None = None,
    asked: list[FoundQuote] | None = None,
    *,
    defended: bool = False,
) -> list[dict[str, str]]:
    """The chat messages for one article, or for one ``part`` of a long one. The article text is
    a template *variable*; so are the quotes code could not attribute, listed by id after the
    article's text, inside its delimiters (``asked``; default: ``unsettled(quotes)``). A part after the first repeats the
    article's headline and dateline (``chunking``). ``defended``: control-token shapes in
    anything sent are neutralised (``addressed.neutralise``), and an id that is itself
    addressed to software is sent as "article"."""
    asked = unsettled(list(quotes)) if asked is None else asked
    safe = addressed.neutralise if defended else (lambda s: s)
    shown = [{"id": q.id, "text": prompt_field(safe(model_view(q.text)), QUOTE_SHOWN)} for q in asked]
    article_id = "article" if defended and addressed.in_metadata(article.id) else article.id
    whole = part is None or part.count == 1
    header: dict[str, object] = {"part": 1, "parts": None, "headline": None, "dateline": None}
    if part is not None and not whole:
        spans = body_spans(article)
        header = {
            "part": part.index,
            "parts": part.count,
            "headline": prompt_field(safe(article.title_hint or ""), 120),
            "dateline": prompt_field(safe(dateline(article.raw[spans[0][0] : spans[0][1]]) or "") if spans else None),
        }
    return [
        {"role": "system", "content": render("extract_system.j2")},
        {
            "role": "user",
            "content": render(
                "extract_user.j2",
                article_id=prompt_field(article_id),
                published=prompt_field(safe(article.published.iso or article.published.as_written or "")),
                article_text=safe(model_view(article.text if whole or part is None else article.text[part.start : part.end])),
                quotes=shown,
                **header,
            ),
        },
    ]


def asked_per_part(article: Article, found: list[FoundQuote], parts: list[Part]) -> list[list[FoundQuote]]:
    """The unsettled quotes each part's request asks about: a quote in the first part whose
    text holds it (an overlap repeats it; it is asked once), at most ``MAX_UNSETTLED_QUOTES``
    per part."""
    texts = [normalize(article.text[p.start : p.end]) for p in parts]
    out: list[list[FoundQuote]] = [[] for _ in parts]
    for q in found:
        if q.kind != "quote" or q.speaker is not None:
            continue
        probe = normalize(q.text[:60])
        home = next((i for i, t in enumerate(texts) if probe in t), None)
        if home is not None and len(out[home]) < MAX_UNSETTLED_QUOTES:
            out[home].append(q)
    return out
