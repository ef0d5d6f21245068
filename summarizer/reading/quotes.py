"""Quotations: every passage an article puts in quotation marks, and who says it where the text settles it.

Pure code, no model: ``find_quotes`` lists each quoted passage with its offsets and, where the
text itself says who speaks, the speaker; what it cannot settle is left ``speaker=None`` for the
model (asked by quote id), and ``verify_speaker`` checks the model's answer against the text.
Built in floors: the quotation marks and their offsets (``marks``), phrases read around them
(``phrases``), who a phrase names (``persons``), the rules over each quotation (``speakers``).

**Speakers**, code first; the first rule that fits wins (sentences by ``text.sentences``, so
"Mr. Berg" or "Sen. Doe" never end one; the title is not part of the name):

1. *after the quote in its sentence*, within ``TAG_WINDOW`` words: ``“…,” Quennell said`` /
   ``said Quennell`` / ``Quennell told reporters`` / ``he added`` / ``according to X`` -- a reporting
   verb (``speech_verbs`` + ``quote_verbs``) with its subject there. A tag that only
   introduces the next quote ("“enraged” by the strike, Quennell replied, “I don’t…”") is that
   quote's, and a coordinated verb ("… and said he was ready") is no tag.
2. *before it in its sentence*: the last reporting verb outside quotation marks that is not
   passive ("was asked", a sentence-opening "Asked if …") and not a noun ("his claims"), unless
   another clause with its own subject and verb stands between ("…, while Orlin remained “…”").
   Its subject: the noun phrase before it (over an aside: "Quennell, in an interview, said");
   for "saying"/"adding that"/"but said" the subject of the sentence's earlier reporting verb,
   else of its main clause ("Dorenkko insisted …, but said: “…”"). Also "According to X, “…”",
   and a verb of judgement with its object ("Tallis described the call as “…”", "called it an
   “…”", "found it “…”", rule "described as").
3. *who the subject is*: a name (a known person from ``names``, else the text's own fullest
   form of it: "Quennell" -> "Ada Quennell"); "he"/"she" -> the person named as the subject of the
   same sentence's earlier clause, else of the nearest earlier sentence (within the paragraph,
   then up to ``BACK_SENTENCES`` sentences back; sentences with a pronoun subject pass the
   search on); "they" -> the nearest earlier subject that names several parties or a body
   (kind "group"/"organisation"), never one person of it; "the Ostravian president" -> the one
   person the text names with those role words ("Ostravian President Mykola Dorenkko"),
   else as "he"; "the Citadel", "the ministry", "Reuters", an acronym, a capitalised name ending
   in an organisation word -> that organisation; "Tallis's statement said" -> Tallis; a list or a
   plural noun ("officials said") -> a group.
4. *continuation*: a quote that is a sentence on its own, right after a quote with a speaker
   (in the same paragraph, or as the first of a quote-only paragraph after it), with no other
   sentence between, keeps that speaker.

**Kind**: a passage with a speaker, or governed by a reporting verb whose subject code cannot
resolve, is a "quote". Otherwise it is a "scare" quote when it is short (``SCARE_MAX_WORDS``
words or fewer: a term, a title, a word the reporter marks -- forcing Ostravia to “denazify”,
Asked if he was “enraged”) or right after a naming word ("so-called", "a group called") with
no speaker; a longer unattributed passage stays a "quote" with speaker None (how this does
on the seeds, and its misses, are in the README).

**Rules** as ``FoundQuote.rule``: "X said" / "said X" (the reporting verb as written: "X told",
"X recalled", "X wrote"), "according to X", "described as", "colon intro", "saying" (a
participle: "…, saying", "adding that"), "pronoun", "description", "continuation"; for quotes
without a speaker "none" (or the rule of the verb that governs it), "short" / "named" for
scare quotes, and "speaker header" for a transcript's turns (``Name (role): words``).

How well these rules do on labelled text (right, wrong, left to the model) is in the README,
"Speakers and entities", the known misses under "Limits".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..language import ENGLISH, LanguageProfile
from .liveblog import find_turns
from .names import fold, same_person, split_title
from .phrases import TOKEN
from .speakers import FoundQuote, Reader

__all__ = ["FoundQuote", "Quotations", "find_quotes", "verify_speaker"]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


# ----------------------------------------------------------------------------- API


def find_quotes(
    text: str,
    spans: list[tuple[int, int]] | None = None,
    names: Iterable[str] = (),
    profile: LanguageProfile = ENGLISH,
) -> list[FoundQuote]:
    """Every passage in quotation marks, in text order, with its speaker where the text settles it.

    ``spans``: the body's paragraph spans (``articles.body_spans``); default every non-blank line.
    ``names``: people known from elsewhere (the model's list): a bare surname or a pronoun
    resolves to one of them, and a capitalised phrase that is none of them is not taken for a person.

    A transcript's turns (``Name (role): words``, ``liveblog.find_turns``) are quotes too, ids
    ``T1``, ``T2``..., their speaker the header's name (rule "speaker header")."""
    return _with_turns(text, Reader(text, list(spans) if spans is not None else _paragraphs(text), names, profile).quotes())


class Quotations:
    """An article's quotations, read once: ``found`` before the model is asked (the quotes it
    is asked about, by id), ``knowing(names)`` once the model has listed the people -- the same
    passages and ids, the text's marks, sentences and tokens not read again."""

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None, profile: LanguageProfile = ENGLISH):
        self.text = text
        self._reader = Reader(text, list(spans) if spans is not None else _paragraphs(text), (), profile)
        self.found = _with_turns(text, self._reader.quotes())

    def knowing(self, names: Iterable[str]) -> list[FoundQuote]:
        """The quotations with their speakers settled knowing ``names`` (``find_quotes``'s)."""
        return _with_turns(self.text, self._reader.knowing(names).quotes())


def _with_turns(text: str, found: list[FoundQuote]) -> list[FoundQuote]:
    """``found`` with a transcript's turns among them, in text order."""
    turns = [
        FoundQuote(
            id=f"T{i + 1}", start=t.start, end=t.segments[-1][1], text=" ".join(text[a:b] for a, b in t.segments),
            segments=t.segments,
            kind="quote", speaker=t.speaker, speaker_span=(t.header_start, t.header_start + len(t.speaker)),
            speaker_kind="person", rule="speaker header",
        )
        for i, t in enumerate(find_turns(text))
    ]  # fmt: skip
    return sorted(found + turns, key=lambda q: q.start) if turns else found


def verify_speaker(
    text: str, quote: FoundQuote, claimed: str, names: Iterable[str] = (), profile: LanguageProfile = ENGLISH
) -> bool:
    """Is ``claimed`` (the model's answer) someone the text names near the quote -- in its
    paragraph or the ``BACK_SENTENCES`` sentences before -- outside quotation marks? When code
    settled the speaker, the claim must be that speaker."""
    claimed = claimed.strip()
    if not claimed:
        return False
    if quote.speaker:
        return _same(claimed, quote.speaker, profile)
    reader = Reader(text, _paragraphs(text), names, profile)
    si = reader._sentence_at(quote.start)
    para = reader.sents[si].para
    near = [s for s in reader.sents if s.para == para] + [reader.sents[k] for k in reader._back(si)]
    bare = split_title(claimed, profile)[1] or claimed
    bare = next((n for n in reader.names if same_person(bare, n, profile)), bare)  # the known full name
    want = _body(claimed, profile)
    for sent in near:
        outside = [t for t in sent.toks if t.kind == "w"]
        prose = f" {' '.join(fold(t.w) for t in outside)} "
        if want and f" {want} " in prose:  # an organisation or a group, as the text writes it
            return True
        if any(t.cap and same_person(bare, reader._unpossess(t.w), profile) for t in outside):
            return True
    return False


def _body(name: str, profile: LanguageProfile) -> str:
    """A name's words, folded, without a leading article: "The Citadel" -> "citadel"."""
    words = [fold(w) for w in TOKEN.findall(name) if w[0].isalnum()]
    return " ".join(words[1:] if words and words[0] in profile.place_articles else words)


def _same(a: str, b: str, profile: LanguageProfile) -> bool:
    return same_person(a, b, profile) or _body(a, profile) == _body(b, profile)
