"""Per-article extraction, the pure half: build the request, turn the answer into a result.

``build_messages`` renders ``prompts/extract_*.j2`` with the article as a variable, and the
quotes code could not attribute (``summarizer.reading.quotes``) listed by id. ``to_result`` takes the
validated ``ArticleExtraction`` and adds what code does better than the model: the quotes and
their speakers (a model's speaker only as the text bears it out), roles, organisations,
places, every statement of the body with its figures and dates, ids, ISO dates resolved
against the article's own date, evidence spans, and dropping people the text does not name.

No network here: ``summarizer.llm`` sends the messages.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..inputs.articles import Article, body_spans, paragraphs
from ..language import ENGLISH
from ..prompting import render
from ..reading import addressed
from ..reading.claims import read_claims
from ..reading.dates import resolve
from ..reading.entities import Named, name_entities
from ..reading.grounding import (
    Document,
    align_statement,
    count,
    find_all,
    find_mentions,
    normalize,
)
from ..reading.liveblog import Entry, clock_time, find_entries, find_turns
from ..reading.names import (
    fold,
    looks_like_name,
    looks_like_role,
    lowercase_words,
    same_person,
    split_title,
    used_as_place_or_thing,
)
from ..reading.notnews import caption_words, screen
from ..reading.quotes import FoundQuote, find_quotes, verify_speaker
from ..reading.temporal import Precision, resolve_when
from ..reading.text import content_id, content_stems
from ..schemas import (
    MAX_UNSETTLED_QUOTES,
    ArticleExtraction,
    ArticleResult,
    Claim,
    Event,
    GroundingReport,
    KeyPoint,
    ModelInfo,
    NotNews,
    Person,
    Quote,
    Span,
    Unsupported,
    Usage,
)
from .chunking import Part, dateline

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


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        key = " ".join(item.split()).casefold()
        if key and key not in seen:
            seen[key] = item.strip()
    return list(seen.values())


MAX_ENTITIES = 25  # organisations, and places, listed per article


def _not_a_person(name: str, named: list[Named]) -> bool:
    """Does code type ``name`` -- or a name that holds it, or that it holds -- as an
    organisation or a place ("Geophysical Survey" of "Calveran Geophysical Survey")?"""
    key = fold(name)
    if key.split()[-1] in ENGLISH.organisation_words | ENGLISH.place_words:
        return True  # no person's name ends in "Survey" or "Street"
    others = [fold(x) for n in named if n.kind in ("organisation", "place") for x in (n.name, *n.aliases)]
    return any(key == o or (len(o) > 3 and (key in o or o in key)) for o in others)


def _person_names(model_people: list[str], named: list[Named], news: str) -> list[str]:
    """Who the record lists as people: the model's names that the news lines write (not only
    a byline or a photo credit), with no figure in them, that code does not type as an
    organisation or a place ("Aurelia Air", "Safety Board", "Geophysical Survey") and, for a
    single word, that code types as a person; then the persons code found that the model did
    not list."""
    typed = {fold(x): n.kind for n in named for x in (n.name, *n.aliases)}
    kept = []
    for written in model_people:
        name = re.sub(r"\s*\([^()]*\)", "", written).strip()
        key = fold(name)
        if not name or re.search(r"\d", name) or fold(name.split()[-1]) not in fold(news):
            continue
        if _not_a_person(name, named):
            continue
        if len(name.split()) == 1 and typed.get(key) != "person":
            continue
        kept.append(written)
    return kept + [n.name for n in named if n.kind == "person" and not any(same_person(n.name, p) for p in kept)]


def _people(article: Article, names: list[str], doc: Document, lower: set[str], taken: set[str]) -> list[Person]:
    """The model's people, checked against the text: a name the article writes, not a place,
    an organisation or a common noun; the role by code (the title in front of the name, or an
    apposition: "Jim Okafor, the bank's governor,")."""
    lower_stems = {ENGLISH.stem(w) for w in lower}
    people: list[Person] = []
    for written in names:
        written = re.sub(r"\s*\([^()]*\)", "", written).strip()  # "Brennmark Rail (BNR)": the aside is no part of a name
        title, name = split_title(written, titles=lower)
        if not looks_like_name(name) or any(same_person(name, q.name) and len(name) <= len(q.name) for q in people):
            continue  # not a person's name ("U. S. Air Force plane"), or already listed
        if len(name.split()) == 1 and title and _only_behind(article.raw, name, title):
            continue  # "Storm Idra", "Brennmark National Rail": the end of a longer name, not a person
        if used_as_place_or_thing(name, article.raw):
            continue  # the article treats it as an organisation or a place ("the Kremlin,", "in Sochi")
        if all(w in lower or ENGLISH.stem(w) in lower_stems for w in fold(name).split()):
            continue  # every word of it is a common noun in this text ("Firefighters"): not a name
        spans = _whole_words(doc.text, find_all(doc, written.strip(), limit=10)[0])
        if not spans:
            spans = _whole_words(doc.text, find_all(doc, name, limit=10)[0])
        if not spans and (spelled := _as_written(article.raw, name, lower)):
            name = spelled  # the model's "Volodymyr Zelensky": the article's spelling
            if any(same_person(name, q.name) for q in people):
                continue
            spans = _whole_words(doc.text, find_all(doc, name, limit=10)[0])
        if not spans:
            # only the surname appears
            spans = [Span(start=m.start, end=m.end, status="fuzzy", score=90) for m in find_mentions(doc, [name])][:10]
        if not spans:
            continue  # a "person" the article never names
        role = title if title and find_all(doc, title, limit=1)[0] else _role_in_text(article.raw, spans, lower)
        people.append(Person(id=content_id("p", article.id, normalize(name), taken=taken), name=name, role=role, evidence=spans))
    return people


def _only_behind(text: str, word: str, title: str) -> bool:
    """Is ``word`` written only right behind the last word of ``title``, a word that is no
    title the profile knows and no abbreviation? ("Storm Idra" throughout: yes; "President
    Macron", "Mr. Berg" or a "Varga said" anywhere: no.)"""
    last = title.split()[-1]
    if fold(last) in ENGLISH.title_words or last.endswith("."):
        return False
    mentions = list(re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
    return bool(mentions) and all(re.search(rf"{re.escape(last)}\s+$", text[max(0, m.start() - 60) : m.start()]) for m in mentions)


def _whole_words(text: str, spans: list[Span]) -> list[Span]:
    """Matches that are whole words: "Volodymyr Zelensky" is not written in "... Zelenskyy"."""
    return [
        s for s in spans
        if not (s.start > 0 and text[s.start - 1].isalnum()) and not (s.end < len(text) and text[s.end].isalnum())
    ]  # fmt: skip


def _as_written(text: str, name: str, lower: set[str]) -> str | None:
    """How the article writes a name the model spelled its own way: the most frequent run of
    capitalised words in the text, title taken off, that is the same person with as many
    words or more ("Volodymyr Zelensky" -> "Volodymyr Zelenskyy")."""
    wanted = len(name.split())
    forms: Counter[str] = Counter()
    for m in re.finditer(_CAPITALISED, text):
        form = split_title(m.group(0), titles=lower)[1]
        if len(form.split()) >= wanted and looks_like_name(form) and same_person(name, form):
            forms[form] += 1
    return forms.most_common(1)[0][0] if forms else None


_APPOSITION = re.compile(r"^,\s+((?:the|a|an|[A-Z][\w.]*['\u2019]s)\s[^,.;:\n]{2,60}?),")
_APPOSITION_BEFORE = re.compile(  # "the chair, Tomas Lind," / "the head of the bank, Jim Okafor,"
    r"(?:^|[,;:.]\s|\b\w+\s)((?:[Tt]he|[A-Z][\w.]*['\u2019]s)\s(?:(?!(?:the|a|an)\b)[\w'\u2019-]+\s(?:of\s(?:the\s)?)?){0,3}"
    r"[\w'\u2019-]+),\s*$"
)


def _role_in_text(text: str, spans: list[Span], lower: set[str]) -> str | None:
    """A role the text gives a name: the capitalised words right before a mention when a title
    is among them ("NATO Secretary-General Mark Rutte", "Ukrainian President ..."; a title being
    a profile word, an abbreviation, or a word the text also writes in lower case), or an
    apposition after it ("Jim Okafor, the bank's governor,")."""
    for s in spans:
        before = text[max(0, s.start - 60) : s.start].split("\n")[-1].split()
        run: list[str] = []
        for w in reversed(before[-6:]):
            connector = w in ENGLISH.title_connectors and run  # "Secretary of State"
            if w != w.strip(",;:") or not (connector or (w[:1].isupper() and w.casefold() not in ENGLISH.stop_words)):
                break
            run.insert(0, w)
        while run and run[0] in ENGLISH.title_connectors:
            run.pop(0)
        while run:
            title, _ = split_title(" ".join([*run, "X"]), titles=lower)
            if title == " ".join(run) and looks_like_role(title):
                return title
            run.pop(0)  # "Ukraine President" is a role, "Monday Vance" is not: drop words from the left
        m = _APPOSITION.match(text[s.end : s.end + 80])
        if m and len(m.group(1).split()) <= 6:
            return m.group(1)
        m = _APPOSITION_BEFORE.search(text[max(0, s.start - 60) : s.start])
        if m and text[s.end : s.end + 1] == ",":  # "the chair, Tomas Lind, spoke"
            return m.group(1)
    return None


def _quotes(
    article: Article, found: list[FoundQuote], ex: ArticleExtraction, people: list[Person], taken: set[str],
    report: GroundingReport,
) -> list[Quote]:
    """Quotes found by code; speakers by code where the text settles them, else the model's
    answer for that quote id: verified when the text names that speaker near the words, shown
    unverified when the article names them elsewhere, and "unknown" when it never does."""
    answers = {a.quote.strip().upper(): a.speaker.strip() for a in ex.speakers}
    names = [p.name for p in people]
    out: list[Quote] = []
    for q in found:
        if q.kind != "quote":
            continue
        speaker, status, asked = q.speaker, "verified", None
        if q.rule == "unsure":  # a name two people of the article share, no honorific to tell them apart
            speaker, status = "unknown", "unverified"
        elif speaker is None:
            asked = answers.get(q.id)
            if asked and verify_speaker(article.raw, q, asked, names):
                speaker = asked
            elif asked and (any(same_person(asked, n) for n in names) or normalize(asked) in normalize(article.raw)):
                # the article names them, but not near these words
                speaker, status = asked, "unverified"
            else:  # no answer, or a name the article never writes
                speaker, status = "unknown", "unverified"
        full = next((n for n in names if same_person(speaker, n)), speaker)  # "Vance" -> "JD Vance"
        spans = [Span(start=a, end=b, status="exact", score=100) for a, b in q.segments]
        again = next((o for o in out if normalize(o.text) == normalize(q.text) and o.speaker == full), None)
        if again is not None:  # the same words by the same speaker, repeated: one quote, every place
            again.evidence += spans
            continue
        out.append(
            Quote(
                id=content_id("q", article.id, normalize(q.text), taken=taken),
                speaker=full,
                text=q.text,
                speaker_status=status,
                speaker_attributed_to=q.speaker or (speaker if status == "verified" else None),
                evidence=spans,
            )
        )
        report.quotes_direct += 1
        report.speakers_verified += status == "verified"
        report.speakers_unverified += status != "verified"
    return out


def _new_speakers(quotes: list[Quote], people: list[Person]) -> list[str]:
    """Persons the text names as speakers whom the model did not list."""
    out: list[str] = []
    for q in quotes:
        name = q.speaker_attributed_to
        if q.speaker_status != "verified" or not name or len(name.split()) < 2:
            continue
        if not any(same_person(name, p.name) for p in people) and name not in out:
            out.append(name)
    return out


def _named_in(spans: list[Span], mentions) -> list[str]:
    """The people a statement's evidence names (an event's participants, by code)."""
    if not spans:
        return []
    s = spans[0]
    return _dedupe([m.name for m in mentions if s.start <= m.start < s.end])


_WORD_CAP = r"[A-Z](?:[\w'\u2019&-]|\.(?=[A-Z]))*"  # "Sochi", "U.S" -- a full stop only inside an abbreviation
_CAPITALISED = rf"{_WORD_CAP}(?:\s+(?:of\s+|de\s+|for\s+)?{_WORD_CAP})*"


_FURNITURE = ("byline", "credit", "caption", "trailer", "link", "embed")


def _news_lines(article: Article) -> tuple[list[tuple[int, int]], str]:
    """Where the article names people, organisations and places -- its headline, body and
    captions without their credits; not its bylines, credits, datelines, trailers or headers
    -- and the text of its page furniture (bylines, credits, trailers, links), where the
    publisher names itself."""
    lines = paragraphs(article)
    screened = screen(article.raw, lines, title=article.title_hint)
    title = [(a, b) for a, b in lines[:1] if article.title_hint and article.raw[a:b].strip() == article.title_hint.strip()]
    furniture = [n for n in screened.set_aside if n.reason in _FURNITURE]
    captions = [(n.start, n.start + caption_words(n.text)) for n in furniture if n.reason in ("caption", "credit")]
    credits = " ".join(n.text[caption_words(n.text) :] if n.reason in ("caption", "credit") else n.text for n in furniture)
    return sorted(title + screened.body + captions), credits


def _places_and_organisations(named: list[Named], people: list[Person], furniture: str) -> tuple[list[str], list[str]]:
    """Places and organisations as the names' types say; a person is never one, nor the
    publisher, which names itself in the page's furniture ("told the Post" in a page that
    ends "Sign up for The Capital Post's newsletter")."""
    is_person = lambda n: any(same_person(n, p.name) for p in people)  # noqa: E731
    own = lambda n: bool(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", furniture, re.IGNORECASE))  # noqa: E731
    places = [n.label for n in named if n.kind == "place" and not is_person(n.name)]
    orgs = [n.label for n in named if n.kind == "organisation" and not is_person(n.name) and not own(n.name)]
    return places[:MAX_ENTITIES], orgs[:MAX_ENTITIES]


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


#: in an article with passages addressed to software, the share of a model-written item's
#: content words the rest of the article must hold (genuine items on the repository's
#: recordings: titles 0.83 and up, summaries 0.70, key points and events 0.75; p10 0.92-1.0)
SAID_MIN = 0.8
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_WORD = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w'\u2019\u2010-\u2015-]*\w")
_DASHES = re.compile(r"[\u2010-\u2015-]")


def _bare(word: str) -> str:
    """A word as names are compared: lower case, one apostrophe, no possessive ("Russia’s" -> "russia")."""
    return word.casefold().replace("\u2019", "'").removesuffix("'s")


class Outside:
    """What the article says outside the passages set apart (``set_apart``): a model-written
    title, summary, key point or event must be said there. ``why_not(text)`` is None when it
    is, else the reason: a content word the clean text lacks and a set-apart passage holds
    (the item restates an instruction), a figure or a name the clean text does not give. The
    last word of an item may be cut short by its length limit ("US Presi", "$2."): it only
    has to begin a word of the article.

    An article that holds such passages is read more strictly: ``SAID_MIN`` of an item's
    content words must be in the clean text (a plant in another language, restated in
    English, shares no words with its passage)."""

    def __init__(self, clean: str, passages: list[NotNews]):
        self.min_share = SAID_MIN if passages else 0.0
        self.stems = set(content_stems(clean))
        self.apart = set(content_stems(" ".join(p.text for p in passages))) - self.stems
        self.words = {part for w in re.findall(r"[\w'\u2019\u2010-\u2015-]+", clean) for part in _DASHES.split(_bare(w)) if part}
        self.figures = {f.replace(",", "") for f in _FIGURE.findall(clean)}

    def why_not(self, text: str, *, title: bool = False) -> str | None:
        said = set(content_stems(text))
        planted = said & self.apart
        if planted:
            return "said only in a passage addressed to software: " + ", ".join(sorted(planted))
        if said and len(said & self.stems) < self.min_share * len(said):
            return f"fewer than {self.min_share:.0%} of its words are in the article outside what was set apart"
        end = len(text.rstrip(" .,;:!?"))

        def given(token: str, pool: set[str], last: bool) -> bool:
            return token in pool or (last and any(p.startswith(token) for p in pool))

        figures = [m.group() for m in _FIGURE.finditer(text) if not given(m.group().replace(",", ""), self.figures, m.end() >= end)]
        if figures:
            return "a figure the article does not give: " + ", ".join(figures)
        words = text.split()
        if title and sum(w[:1].isupper() for w in words) > len(words) / 2:
            return None  # Title Case: every word capitalised, no telling names from the rest
        names = [
            m.group() for m in _NAME_WORD.finditer(text)
            if not all(given(part, self.words, m.end() >= end) for part in _DASHES.split(_bare(m.group())) if part)
        ]  # fmt: skip
        return "a name the article does not give: " + ", ".join(names) if names else None


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


def _year_given(date: str, article: Article) -> bool:
    """Does the article give this date's year -- written in its text, or the year of (or next
    to) its publication date, which relative dates resolve against? A model's "when" may
    carry a year the article never states ("February 2023" in an undated article, "0212 GMT")."""
    year = date[:4]
    if not year.isdigit() or not 1000 <= int(year) <= 2999:
        return False
    if re.search(rf"(?<!\d){year}(?!\d)", article.raw):
        return True
    published = article.published.iso
    if not published:
        return False
    return abs(int(published[:4]) - int(year)) <= 1


def _same_place(span: Span, others: list[Span]) -> bool:
    """Does ``span`` cover mostly the same characters as the first of ``others``?"""
    if not others:
        return False
    o = others[0]
    shared = min(span.end, o.end) - max(span.start, o.start)
    return shared > 0.5 * min(span.end - span.start, o.end - o.start)


def _entry_date(entry: Entry, published: str | None) -> tuple[str | None, Precision]:
    if not published or len(published) != 10:
        return None, "unknown"
    day = datetime.date.fromisoformat(published) + datetime.timedelta(days=entry.day_offset)
    return day.isoformat(), "day"


def _entry_events(
    article: Article, entries: list[Entry], events: list[Event], mentions, taken: set[str]
) -> list[Event]:
    """A live blog's entries as dated events (code's timeline): what = the entry's first line
    or sentence, when = its time stamp as written, the day from the publication date. An
    event of the model's on that line takes the entry's time instead."""
    out: list[Event] = []
    for entry in entries:
        if entry.heading is None:
            continue
        a, b = entry.heading
        span = Span(start=a, end=b, status="exact", score=100)
        date, precision = _entry_date(entry, article.published.iso)
        same = next((e for e in events if e.evidence and _same_place(e.evidence[0], [span])), None)
        if same is not None:  # the model gave this entry's event: it gets the entry's stamp
            same.time, same.when = entry.time, same.when or entry.stamp
            if same.date is None:
                same.date, same.date_precision = date, precision
            continue
        what = article.raw[a:b]
        out.append(
            Event(
                id=content_id("e", article.id, normalize(f"{entry.time} {what}"), taken=taken),
                what=what,
                when=entry.stamp,
                date=date,
                date_precision=precision,
                time=entry.time,
                who=_named_in([span], mentions),
                evidence=[span],
                found_by="code",
            )
        )
    return out


def to_result(
    article: Article,
    ex: ArticleExtraction,
    *,
    quotes: list[FoundQuote] | None = None,
    usage: Usage | None = None,
    model: ModelInfo | None = None,
    parts: int = 1,
    passages: list[NotNews] | None = None,
    ner: bool = False,
) -> ArticleResult:
    """Build the output record: what the model read, grounded, plus what code found.

    ``quotes``: the article's quotes as found before the request (their ids are the ones the
    model was asked about); when not given, found again knowing the people the model listed
    (the same passages and ids; a bare surname then resolves to the full name).

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
    spans_seen: list[list[Span]] = []
    taken: set[str] = set()  # ids from content: article id + normalised text (stable across runs)

    lower = lowercase_words(article.raw)
    news, furniture = _news_lines(article)
    named = name_entities(article.raw, news, model_people=ex.people, ner=ner)
    people = _people(article, _person_names(ex.people, named, " ".join(article.raw[a:b] for a, b in news)), doc, lower, taken)
    spans_seen += [p.evidence for p in people]
    found = quotes if quotes is not None else find_quotes(article.raw, body_spans(article), [p.name for p in people])
    quotes_out = _quotes(article, found, ex, people, taken, report)
    spans_seen += [q.evidence for q in quotes_out]
    headers = [t for t in find_turns(article.raw) if t.role]  # "Ilse Varga (mayor of Marrowick): ..."
    header_role = lambda name: next((t.role for t in headers if same_person(name, t.speaker)), None)  # noqa: E731
    for name in _new_speakers(quotes_out, people):  # a speaker code found whom the model did not list
        spans = [Span(start=m.start, end=m.end, status="exact", score=100) for m in find_mentions(doc, [name])][:10]
        if spans and looks_like_name(name) and not _not_a_person(name, named):
            people.append(Person(id=content_id("p", article.id, normalize(name), taken=taken), name=name,
                                 role=_role_in_text(article.raw, spans, lower) or header_role(name), evidence=spans))  # fmt: skip
    for p in people:
        if p.role is None and headers:
            p.role = header_role(p.name)

    key_points: list[KeyPoint] = []
    unsupported: list[Unsupported] = []
    for text in _dedupe(ex.key_points):
        why = outside.why_not(text) if outside else None
        if why:
            unsupported.append(Unsupported(kind="key_point", text=text.strip(), why=why))
            continue
        spans = align_statement(doc, text)
        if parts > 1 and spans and any(_same_place(spans[0], k.evidence) for k in key_points):
            continue  # another part's words for the statement one already gave (an overlap read twice)
        if outside is not None and not spans:
            unsupported.append(Unsupported(kind="key_point", text=text.strip()))
            spans_seen.append(spans)
            continue
        key_points.append(KeyPoint(id=content_id("k", article.id, normalize(text), taken=taken), text=text, evidence=spans))
        spans_seen.append(spans)

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
    mentions = find_mentions(doc, [p.name for p in people])
    entries = find_entries(article.raw)
    events: list[Event] = []
    for e in ex.events:
        if any(normalize(e.what) == normalize(other.what) for other in events):
            continue  # the model listed the same event twice
        why = (outside.why_not(e.what) or outside.why_not(e.where or "")) if outside else None
        if why:
            unsupported.append(Unsupported(kind="event", text=e.what.strip(), why=why))
            continue
        spans = align_statement(doc, e.what)
        if not spans:  # nothing in the article says so: not an event of the briefing
            unsupported.append(Unsupported(kind="event", text=e.what.strip()))
            spans_seen.append(spans)
            continue
        if parts > 1 and any(_same_place(spans[0], other.evidence) for other in events):
            continue  # the same sentence's event, given again (by another part of a long article)
        clock = clock_time(e.when)  # "8:45 a.m.": a time of day names no day
        date, precision = (None, "unknown") if clock else _event_date(e.when, spans, claims, article.published.iso)
        if date is not None and not _year_given(date, article):
            date, precision = None, "unknown"  # a year the article does not give: undated, its words kept in "when"
        entry = next((x for x in entries if x.start <= spans[0].start < x.end), None)
        if date is None and entry is not None:  # an undated event of a live blog's entry: the entry's day
            date, precision = _entry_date(entry, article.published.iso)
        elif date is None and clock and article.published.iso:
            date, precision = article.published.iso, "day"
        events.append(
            Event(
                id=content_id("e", article.id, normalize(e.what), taken=taken),
                what=e.what.strip(),
                when=e.when,
                date=date,
                date_precision=precision,
                time=clock,
                where=e.where,
                who=_named_in(spans, mentions),
                evidence=spans,
            )
        )
        spans_seen.append(spans)
    events += _entry_events(article, entries, events, mentions, taken)
    events += _dated_statements(claims, events, people, doc, article.id, taken)

    places, organizations = _places_and_organisations(named, people, furniture)
    report.counts = count(spans_seen)
    title = ex.title.strip()
    why = outside.why_not(title, title=True) if outside else None
    if why or not _borne_out(title, article.raw):
        unsupported.append(Unsupported(kind="title", text=title, why=why or Unsupported.model_fields["why"].default))
        title = article.title_hint or _first_sentence(article.text)
    summary = _whole_sentences(ex.summary.strip(), ArticleExtraction.model_fields["summary"])
    why = outside.why_not(summary) if outside else None
    if why or not _borne_out(summary, article.raw):
        unsupported.append(Unsupported(kind="summary", text=summary, why=why or Unsupported.model_fields["why"].default))
        if outside is not None:  # the article's own lede instead
            summary = next((c.text for c in claims), None) or _first_sentence(article.text)
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
        unsupported=unsupported,
        grounding=report,
        usage=usage or Usage(),
        model=model,
        parts=parts,
    )
