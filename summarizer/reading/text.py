"""Text helpers shared by the pure logic: sentences, clauses, words and stems, with offsets.

* ``sentences`` -- sentence boundaries by pysbd (rule-based: "said Mr. Berg." and "the U.S.
  Air Force" do not end a sentence), run per paragraph, with offsets into the text.
* ``clauses`` -- a sentence cut at the profile's clause breaks ("; ", ", but ", ", while ")
  so that one statement is one unit; a cut is only made when both sides keep a verb-sized
  piece (at least ``min_words`` words), never inside quotation marks.
* ``words`` / ``content_stems`` -- lower-case words (apostrophes and quotation marks
  folded) and the stems of the content words (stop words and speech verbs left out).
* ``looks_plural`` / ``looks_past`` -- a word's shape by the profile's endings and
  irregular forms: the one test the quote reader and the figure reader share.

Offsets are Python ``str`` indices: ``text[start:end]``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from itertools import pairwise

from ..language import ENGLISH, LanguageProfile

#: a word: letters and digits, with inner apostrophes ("Ostravia's"); the one word pattern
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)
_QUOTED = re.compile(r"\u201c[^\u201c\u201d]{1,2000}\u201d|\"[^\"\n]{1,2000}\"|\u2018[^\u2018\n]{2,600}?\u2019(?!\w)")


@lru_cache(maxsize=8)
def _segmenter(language: str):
    import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=False)


def _segment(language: str, piece: str) -> list[str]:
    """pysbd's sentences of ``piece``, without its ``sentences_with_char_spans`` step (pysbd
    0.3.4, pinned): that step compiles one regex per sentence and searches the whole piece
    with it -- quadratic, and it flushes ``re``'s pattern cache for every other caller. The
    caller finds each sentence in the text itself."""
    segmenter = _segmenter(language)
    segmenter.original_text = piece
    return segmenter.processor(piece).process() if piece else []


def sentences(text: str, start: int = 0, end: int | None = None, profile: LanguageProfile = ENGLISH) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (trimmed of white space), paragraph by paragraph.
    Each paragraph's sentences are kept by its words (``_paragraph``): the quote finder, the
    claims, the passages addressed to software and the chunker each ask about the same
    paragraphs, of ``raw`` or of the cleaned text."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text[start:end]):
        p0 = start + para.start()
        spans += [(p0 + a, p0 + b) for a, b in _paragraph(para.group(), profile.sentence_language)]
    return spans


@lru_cache(maxsize=65536)  # one entry per paragraph: a long text must not cycle through it
def _paragraph(chunk: str, language: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of one paragraph, relative to it."""
    spans: list[tuple[int, int]] = []
    if not chunk.strip():
        return ()
    for q0, piece in _pieces(chunk):
        cursor = 0
        for sent in _segment(language, piece):
            s = sent.strip()
            if not s:
                continue
            i = piece.find(s, cursor)
            if i < 0:  # pysbd changed the text (it should not with clean=False): fall back to the rest
                i = cursor
                s = piece[cursor:].strip()
            spans.append((q0 + i, q0 + i + len(s)))
            cursor = i + len(s)
    return tuple(spans)


#: pysbd's cost grows with the square of a paragraph's length (its substitutions run over the
#: whole paragraph for every rule): a paragraph longer than this is handed to it in pieces
PIECE_CHARS = 2000
# a sure sentence end: a full stop, "!" or "?" after a word of four letters or more (not "Mr.",
# "St.", "U.S."), closing marks, space, then a capital, a digit or an opening mark
_SURE_END = re.compile(r"(?<=[a-z]{4}[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def _pieces(chunk: str) -> list[tuple[int, str]]:
    """``chunk`` as pieces of at most about ``PIECE_CHARS`` characters, cut only at sure sentence
    ends (else, in a run-on text with none, at a space): linear in the length, so the
    sentence splitter's cost is too. A paragraph of ordinary length is one piece."""
    if len(chunk) <= PIECE_CHARS:
        return [(0, chunk)]
    out, start, last = [], 0, None
    for m in _SURE_END.finditer(chunk):
        if m.end() - start > PIECE_CHARS and last is not None:
            out.append((start, chunk[start:last]))
            start = last
        last = m.end()
        while m.end() - start > 2 * PIECE_CHARS:  # no sure end for a long stretch: cut at a space
            cut = chunk.rfind(" ", start + 1, start + PIECE_CHARS) + 1 or start + PIECE_CHARS
            out.append((start, chunk[start:cut]))
            start = cut
    while len(chunk) - start > 2 * PIECE_CHARS:
        cut = (last if last is not None and start < last < start + 2 * PIECE_CHARS else None) or (
            chunk.rfind(" ", start + 1, start + PIECE_CHARS) + 1 or start + PIECE_CHARS
        )
        out.append((start, chunk[start:cut]))
        start = cut
    out.append((start, chunk[start:]))
    return out


def _inside_quotes(text: str, pos: int, start: int) -> bool:
    """Is ``pos`` inside a quotation that opened after ``start``? (counts marks before it)"""
    before = text[start:pos]
    curly_open = before.count("\u201c") - before.count("\u201d")
    straight = before.count('"') % 2
    return curly_open > 0 or straight == 1


def clauses(text: str, start: int, end: int, profile: LanguageProfile = ENGLISH, min_words: int = 4) -> list[tuple[int, int]]:
    """``text[start:end]`` (one sentence) cut at clause breaks; each piece has ``min_words`` words."""
    cuts = [start]
    low = text[start:end].lower()
    for brk in profile.clause_breaks:
        pos = low.find(brk)
        while pos >= 0:
            cut = start + pos
            if not _inside_quotes(text, cut, start):
                cuts.append(cut)
            pos = low.find(brk, pos + len(brk))
    cuts = sorted(set(cuts))
    pieces: list[tuple[int, int]] = []
    bounds = cuts + [end]
    for a, b in pairwise(bounds):
        if pieces and len(words(text[a:b])) < min_words:
            pieces[-1] = (pieces[-1][0], b)  # too short to stand alone: stays with the previous piece
        else:
            pieces.append((a, b))
    if len(pieces) > 1 and len(words(text[pieces[0][0]:pieces[0][1]])) < min_words:
        pieces[1] = (pieces[0][0], pieces[1][1])
        pieces.pop(0)
    return [_trim(text, a, b, profile) for a, b in pieces]


def _trim(text: str, a: int, b: int, profile: LanguageProfile) -> tuple[int, int]:
    """Strip white space, leading punctuation and a leading clause opener ("but", "while")."""
    while a < b and (text[a].isspace() or text[a] in ",;:\u2014\u2013-"):
        a += 1
    m = WORD.match(text, a)
    if m and m.group().lower() in profile.clause_openers and m.end() < b:
        a = m.end()
        while a < b and (text[a].isspace() or text[a] == ","):
            a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def content_id(prefix: str, *parts: str, taken: set[str] | None = None) -> str:
    """A short id derived from content ("fact-1a2b3c4d"): the same item keeps its id when other
    articles come and go. ``taken``: ids already given in this scope; a repeat gets "-2", "-3"."""
    base = f"{prefix}-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]
    out, n = base, 2
    while taken is not None and out in taken:
        out, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(out)
    return out


def words(text: str) -> list[str]:
    """Lower-case words; curly apostrophes folded to ' ("Ostravia’s" -> "ostravia's"): the
    words as written (``WORD.findall(text)``), ``folded``."""
    if text.isascii():  # lower-casing ASCII moves no word boundary: one pass over the text
        return WORD.findall(text.lower())
    return folded(WORD.findall(text))


def folded(written: list[str]) -> list[str]:
    """Words as written (``WORD.findall``) as ``words`` gives them: lower case, curly apostrophes folded."""
    return [w.replace("\u2019", "'").lower() for w in written]


def stem_words(tokens: list[str], profile: LanguageProfile = ENGLISH) -> list[str]:
    return [stem_word(w, profile) for w in tokens]


def stem_word(word: str, profile: LanguageProfile = ENGLISH) -> str:
    """The stem of one of ``words``, a possessive "'s" off ("Ostravia's" -> the stem of "ostravia")."""
    return profile.stem(word[:-2] if word.endswith("'s") else word)


def content_stems(text: str, profile: LanguageProfile = ENGLISH) -> list[str]:
    """Stems of the content words: no stop words, no speech verbs, no one-letter words."""
    keep = [w for w in words(text) if w not in profile.stop_words and w not in profile.speech_verbs and len(w) > 1]
    return [s for s in stem_words(keep, profile) if s not in profile.stop_words]


def looks_plural(word: str, profile: LanguageProfile = ENGLISH) -> bool:
    """Shaped like a plural noun ("officials", "people"; the last part of "rank-and-file"),
    not like "news" or "bus" (``not_plural_endings``); short words are never taken for one."""
    w = word.lower().split("-")[-1]
    if w in profile.irregular_plurals:
        return True
    return len(w) > 3 and w.endswith(profile.plural_endings) and not w.endswith(profile.not_plural_endings)


def looks_past(word: str, profile: LanguageProfile = ENGLISH) -> bool:
    """Shaped like a past tense or participle ("killed", "held", "used"), not like "speed"
    (``not_past_endings``)."""
    w = word.lower()
    return w in profile.irregular_past or (
        len(w) > 3 and w.endswith(profile.past_endings) and not w.endswith(profile.not_past_endings)
    )


def quoted_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans inside quotation marks (“…”, "…", ‘…’ when it closes before a non-letter)."""
    end = len(text) if end is None else end
    return [(start + m.start() + 1, start + m.end() - 1) for m in _QUOTED.finditer(text[start:end])]


def is_heading(line: str) -> bool:
    """A title or cross-head, not a statement: short, and no sentence-ending punctuation."""
    s = line.strip()
    return bool(s) and len(s) <= 150 and not s.endswith((".", "!", "?", "\u201d", '"', "\u2019", "'", ":", "…"))
