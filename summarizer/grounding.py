"""Grounding: pin every extracted item to its place in the article, and check quotes.

Alignment (in the spirit of langextract's resolver), for a needle in the article text:

1. **exact** -- the needle occurs as is; repeated mentions map to successive occurrences.
2. **normalized** -- it occurs after ``normalize()`` of both sides: every quotation mark and
   apostrophe (straight, curly, single, double, guillemets) -> ``'``, every dash -> ``-``,
   ``…`` -> ``...``, runs of white space -> one space, case folded. Offsets are mapped back
   to the original text.
3. **fuzzy** -- for quotes, ``rapidfuzz.fuzz.partial_ratio_alignment`` over the normalised
   text, accepted at ``QUOTE_REPAIR_MIN``; for facts/events, the best-matching sentence by
   ``token_set_ratio``, accepted at ``FUZZY_MIN``. The score is stored.
4. **none** -- no evidence found.

Every span satisfies ``text[start:end]`` == the evidence, with ``text`` the article file
decoded as UTF-8 (``Article.raw``).

Quotes are verbatim or they are not quotes: a quote found exact/normalized *inside the
article's quotation marks* stays ``direct``; one found only fuzzily there is repaired to the
article's own words (status ``fuzzy``, so the reader sees it was repaired); anything else --
invented words, or narrative text the article does not put in quotation marks -- becomes a
``paraphrase`` (or is dropped, by policy) and is never shown as a direct quote.

Speakers are checked against the text's own attribution (``attribute``): a name next to a
speech verb in the quote's sentence ("Vance said", "said Vance"); for "he said"/"she wrote",
the subject of the nearest earlier sentence that names someone; else the name closest to
the quote in its sentence. The claimed speaker must match it (or an alias), else it is
``unverified``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .language import ENGLISH, LanguageProfile
from .names import parse_name, same_surname
from .schemas import (
    AlignmentStatus,
    ArticleExtraction,
    GroundingCounts,
    GroundingReport,
    Span,
)
from .text import quoted_spans

FUZZY_MIN = 60.0  # sentence-level match for paraphrased items (key points, events)
QUOTE_REPAIR_MIN = 90.0  # a near-verbatim quote inside the article's quotation marks

_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": "'", "\u201d": "'", "\u201e": "'", "\u201f": "'", "\u2033": "'", "\u00ab": "'", "\u00bb": "'",
    '"': "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}  # fmt: skip
_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_EDGE_STRIP = " \t\n" + _QUOTE_CHARS + ".,;:\u2026"
def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))


_SPEECH_BY_PROFILE: dict[int, tuple[LanguageProfile, re.Pattern[str]]] = {}


def _speech(profile: LanguageProfile = ENGLISH) -> re.Pattern[str]:
    """A speech verb of the profile ("said", "told", "wrote" ...) as a whole word (built once
    per profile; profiles hold dicts, so they are cached by identity)."""
    cached = _SPEECH_BY_PROFILE.get(id(profile))
    if cached is None or cached[0] is not profile:
        pattern = re.compile(rf"\b({_alternatives(profile.speech_verbs - {'according'})})\b", re.IGNORECASE)
        cached = _SPEECH_BY_PROFILE[id(profile)] = (profile, pattern)
    return cached[1]


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019]?(?=\s)|\n")


# ----------------------------------------------------------------------------- normalise


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The documented normalisation, plus for each output char the index it came from."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        rep = _CHAR_MAP.get(ch, ch)
        if rep.isspace():
            if prev_space:
                continue
            out.append(" ")
            index.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in rep.casefold():
            out.append(c)
            index.append(i)
    return "".join(out), index


_TABLE = str.maketrans(_CHAR_MAP)
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Quotation marks/apostrophes -> ', dashes -> '-', '…' -> '...', white space folded, casefolded.

    The same result as ``normalize_with_map(text)[0].strip()``, at C speed (for the merge)."""
    return _SPACES.sub(" ", text.translate(_TABLE)).casefold().strip()


def clean_quote(text: str) -> str:
    """Strip the quotation marks and edge punctuation a model adds around a quote."""
    return text.strip(_EDGE_STRIP)


@dataclass
class Document:
    """An article text prepared for repeated alignment."""

    text: str
    norm: str = ""
    index: list[int] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.norm, self.index = normalize_with_map(self.text)
        self.sentences = _sentences(self.text)
        self.quoted = _quoted_segments(self.text)

    def to_raw(self, nstart: int, nend: int) -> tuple[int, int]:
        start = self.index[nstart]
        end = self.index[nend - 1] + 1
        return start, end

    def in_quotes(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quoted)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quoted_segments(text: str) -> list[tuple[int, int]]:
    return quoted_spans(text)


# ----------------------------------------------------------------------------- align


def find_all(doc: Document, needle: str, limit: int = 20) -> tuple[list[Span], AlignmentStatus]:
    """Every exact occurrence, else every normalised occurrence (non-overlapping)."""
    if not needle.strip():
        return [], "none"
    spans = []
    pos = doc.text.find(needle)
    while pos != -1 and len(spans) < limit:
        spans.append(Span(start=pos, end=pos + len(needle), status="exact", score=100))
        pos = doc.text.find(needle, pos + len(needle))
    if spans:
        return spans, "exact"
    n = normalize(needle)
    if not n:
        return [], "none"
    pos = doc.norm.find(n)
    while pos != -1 and len(spans) < limit:
        s, e = doc.to_raw(pos, pos + len(n))
        spans.append(Span(start=s, end=e, status="normalized", score=100))
        pos = doc.norm.find(n, pos + len(n))
    return spans, ("normalized" if spans else "none")


def align_quote(doc: Document, quote: str) -> tuple[list[Span], str]:
    """Spans of a quote *inside the article's quotation marks*, and the text to show for it
    (the article's own words when repaired). No spans: not a verbatim quote."""
    needle = clean_quote(quote)
    spans, status = find_all(doc, needle)
    spans = [s for s in spans if doc.in_quotes(s.start, s.end)]
    if spans:
        return spans, needle
    n = normalize(needle)
    if len(n) < 8:
        return [], needle
    res = fuzz.partial_ratio_alignment(n, doc.norm, score_cutoff=QUOTE_REPAIR_MIN)
    if res is None:
        return [], needle
    s, e = doc.to_raw(res.dest_start, res.dest_end)
    while s > 0 and doc.text[s - 1].isalnum():  # whole words only
        s -= 1
    while e < len(doc.text) and doc.text[e].isalnum():
        e += 1
    s, e = _trim(doc.text, s, e)
    while e > s and doc.text[e - 1] in _EDGE_STRIP:
        e -= 1
    while s < e and doc.text[s] in _EDGE_STRIP:
        s += 1
    if e - s < 8 or not doc.in_quotes(s, e):
        return [], needle
    return [Span(start=s, end=e, status="fuzzy", score=round(res.score, 1))], doc.text[s:e]


def align_statement(doc: Document, statement: str) -> list[Span]:
    """Evidence for a paraphrasable statement: verbatim if possible, else the best sentence."""
    needle = statement.strip().rstrip(".")
    spans, _ = find_all(doc, needle, limit=1)
    if spans:
        return spans
    n = normalize(statement)
    best, best_score = None, 0.0
    for s, e in doc.sentences:
        score = fuzz.token_set_ratio(n, normalize(doc.text[s:e]))
        if score > best_score:
            best, best_score = (s, e), score
    if best is None or best_score < FUZZY_MIN:
        return []
    return [Span(start=best[0], end=best[1], status="fuzzy", score=round(best_score, 1))]


# ----------------------------------------------------------------------------- speakers


@dataclass
class Mention:
    start: int
    end: int
    name: str  # the canonical name (from the extraction) this surface form belongs to


def find_mentions(doc: Document, names: Iterable[str]) -> list[Mention]:
    """Mentions in the text of each name or its surname; sorted by position."""
    mentions: list[Mention] = []
    for name in dict.fromkeys(names):
        forms = {name}
        core, _ = parse_name(name)
        if core:
            forms.add(core[-1])
        for form in forms:
            if len(form) < 3:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(normalize(form)) + r"\w{0,2}(?!\w)")
            for m in pattern.finditer(doc.norm):
                s, e = doc.to_raw(m.start(), m.end())
                mentions.append(Mention(s, e, name))
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    # drop mentions nested inside a longer one ("Putin" inside "Vladimir Putin")
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _sentence_index(doc: Document, pos: int) -> int:
    starts = [st for st, _ in doc.sentences]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def attribute(doc: Document, span: Span, mentions: list[Mention], profile: LanguageProfile = ENGLISH) -> str | None:
    """The name the text attributes the quoted words at ``span`` to, or None."""
    speech = _speech(profile)
    if not doc.sentences:
        return None
    first = _sentence_index(doc, span.start)
    last = _sentence_index(doc, max(span.start, span.end - 1))
    # a quote that ends its sentence (“... now.” he said) continues into a lower-case clause
    if last + 1 < len(doc.sentences):
        following = doc.text[doc.sentences[last][1] : doc.sentences[last + 1][1]]
        if re.match(r"\W*[a-z]", following.lstrip()):
            last += 1
    lo, hi = doc.sentences[first][0], doc.sentences[last][1]
    free = [m for m in mentions if lo <= m.start < hi and not _inside_quotes(doc, m, span)]
    context = [(lo, span.start), (span.end, hi)]

    # 1. a name right next to a speech verb: "Vance said", "said Vance", "Rutte agreed ..., saying"
    def near_verb(m: Mention) -> bool:
        # "Vance said", "Vance, the vice president, told" -- but not "with Rutte, he told"
        after = doc.text[m.end : min(m.end + 40, hi)]
        before = doc.text[max(lo, m.start - 25) : m.start]
        stop = _alternatives(profile.singular_pronouns | profile.plural_pronouns | profile.relative_pronouns)
        gap = rf"(?:(?!\b(?:{stop})\b)[^.\n\u201c\u201d\"]){{0,30}}?"
        return bool(re.match(gap + speech.pattern, after, re.I)) or bool(
            re.search(speech.pattern + r"\W{0,3}$", before, re.I)
        )

    speaking = [m for m in free if near_verb(m)]
    if speaking:
        return min(speaking, key=lambda m: _distance(m, span)).name
    # 2. "he said" / "she wrote": the subject of the nearest earlier sentence naming someone
    def pronoun_speaks(who: str) -> bool:
        return any(
            re.search(rf"\b({who})\b\W{{0,3}}(\w+\W+){{0,3}}?" + speech.pattern, doc.text[a:b], re.I)
            or re.search(speech.pattern + rf"\W+({who})\b", doc.text[a:b], re.I)
            for a, b in context
        )

    pronoun = pronoun_speaks(_alternatives(profile.singular_pronouns))
    if not pronoun and pronoun_speaks(_alternatives(profile.plural_pronouns)):
        return None  # "in a joint statement, they said": a group's words, no one person's
    if pronoun or not free:
        for i in range(first - 1, max(-1, first - 8), -1):
            s0, s1 = doc.sentences[i]
            named = [m for m in mentions if s0 <= m.start < s1 and not doc.in_quotes(m.start, m.end)]
            if named:
                return named[0].name
        return None
    # 3. otherwise the name closest to the quote in its sentence
    return min(free, key=lambda m: _distance(m, span)).name


def _distance(m: Mention, span: Span) -> int:
    return min(abs(m.start - span.end), abs(span.start - m.end))


def _inside_quotes(doc: Document, m: Mention, quote: Span) -> bool:
    if quote.start <= m.start < quote.end:
        return True
    return doc.in_quotes(m.start, m.end)


# ----------------------------------------------------------------------------- re-ask check


@dataclass
class GroundingCheck:
    """Called by ``ArticleExtraction``'s validator: lists what must be re-asked.

    Returns problems while ``reasks_left`` > 0 (each call that finds problems spends one);
    after that it returns nothing, and ``ground_extraction`` downgrades what is still wrong.
    """

    text: str
    reasks_left: int = 1
    reasks_used: int = 0
    _doc: Document | None = None

    @property
    def doc(self) -> Document:
        if self._doc is None:
            self._doc = Document(self.text)
        return self._doc

    def problems(self, ex: ArticleExtraction) -> list[str]:
        doc = self.doc
        names = [p.name for p in ex.people] + [q.speaker for q in ex.quotes]
        mentions = find_mentions(doc, names)
        problems = []
        for i, q in enumerate(ex.quotes):
            spans, _ = align_quote(doc, q.text)
            if not spans:
                problems.append(
                    f"quotes[{i}].text {q.text[:80]!r} is not words the article puts inside quotation marks: "
                    "copy the exact words between the quotation marks, or remove this quote."
                )
                continue
            said_by = attribute(doc, spans[0], mentions)
            if said_by and not same_surname(said_by, q.speaker):
                problems.append(
                    f"quotes[{i}]: the article attributes these words to {said_by}, not {q.speaker}."
                )
        return problems

    def __call__(self, ex: ArticleExtraction) -> str | None:
        if self.reasks_left <= 0:
            return None
        found = self.problems(ex)
        if not found:
            return None
        self.reasks_left -= 1
        self.reasks_used += 1
        return "Fix these problems and answer again: " + " ".join(found)


# ----------------------------------------------------------------------------- counts


def count(spans_per_item: Iterable[list[Span]]) -> GroundingCounts:
    c = GroundingCounts()
    for spans in spans_per_item:
        status = spans[0].status if spans else "none"
        setattr(c, status, getattr(c, status) + 1)
    return c


def summary_line(report: GroundingReport) -> str:
    c = report.counts
    return (
        f"grounded exact {c.exact}, normalized {c.normalized}, fuzzy {c.fuzzy}, not found {c.none}; "
        f"quotes direct {report.quotes_direct}, downgraded {report.quotes_downgraded}, "
        f"dropped {report.quotes_dropped}; speakers verified {report.speakers_verified}, "
        f"unverified {report.speakers_unverified}"
    )

