"""The speaker rules over every quotation of one text (the rules are listed in ``quotes``):
``Reader`` reads the text once -- its quotation marks, its sentences as tokens, its people --
and ``Reader.quotes`` gives each passage its kind, speaker and rule."""

from __future__ import annotations

import bisect
import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..language import LanguageProfile
from .marks import scan
from .names import lowercase_words, split_title
from .persons import Antecedents
from .phrases import Sentence, Tok, Who
from .text import sentences as split_sentences
from .text import words as text_words

SCARE_MAX_WORDS = 3  # an unattributed passage this short is a term, not a statement
TAG_WINDOW = 12  # words after a quote within which its "X said" tag stands


@dataclass(frozen=True)
class FoundQuote:
    id: str  # "Q1", "Q2", ... in text order
    start: int  # text[start:end]: first quoted word .. last (marks excluded)
    end: int
    text: str  # the quoted words; paragraphs joined with one space
    segments: tuple[tuple[int, int], ...]  # one (start, end) per paragraph
    kind: Literal["quote", "scare"]
    speaker: str | None  # as the text names it (a known full name for a bare surname or a pronoun)
    speaker_span: tuple[int, int] | None  # the mention that names the speaker
    speaker_kind: Literal["person", "organisation", "group"] | None
    rule: str  # which rule decided (see the module doc, **Rules**)


class Reader(Antecedents):
    """One text, its sentences as tokens (each quotation one token), and the rules over them."""

    def __init__(self, text: str, spans: list[tuple[int, int]], names: Iterable[str], profile: LanguageProfile):
        self.text, self.spans, self.p = text, spans, profile
        self.titles = lowercase_words(text)  # "the commissioner" makes "Commissioner" a title (names.py)
        self.names = [split_title(n.strip(), profile, self.titles)[1] for n in dict.fromkeys(names) if n.strip()]
        self.groups = scan(text, spans, profile)
        according = {w for phrase in profile.according_phrases for w in phrase.split()}
        self.reporting = (profile.speech_verbs | profile.quote_verbs) - according  # "according to" is no verb
        self.roles = profile.title_words - profile.stop_words
        outer = sorted((p.open, p.stop, gi) for gi, g in enumerate(self.groups) for p in g)
        opens = [q[0] for q in outer]
        self.sents: list[Sentence] = []
        for n, (p0, p1) in enumerate(spans):
            for s, e in split_sentences(text, p0, p1, profile):
                # the quotations that can reach into this sentence: opened before its end, and not
                # far before its start (a passage spans a few paragraphs at most), found by bisection
                near = outer[max(0, bisect.bisect_left(opens, s) - 64) : bisect.bisect_left(opens, e)]
                self.sents.append(Sentence(s, e, n, self._tokens(s, e, near)))
        self.starts = [s.s for s in self.sents]
        # capitalised words seen inside a sentence: names; one seen only at sentence starts is a common word
        self.midcaps = {t.w for sent in self.sents for t in sent.toks if t.cap and not t.first}
        self._subjects: dict[int, object] = {}
        self._speakers: dict[int, Who] = {}  # sentence -> the person a quote in it was settled on (so far)
        self._tag_sentence: dict[int, int] = {}  # a quote whose tag pysbd put in the next sentence
        self._fulls: dict[str, str | None] = {}
        self.people = self._people()
        self.genders = self._genders()

    def knowing(self, names: Iterable[str]) -> Reader:
        """The same text read again knowing ``names`` (the people the model listed): the marks,
        sentences, tokens, people and genders are shared; what a rule settled is not."""
        other = copy.copy(self)
        other.names = [split_title(n.strip(), self.p, self.titles)[1] for n in dict.fromkeys(names) if n.strip()]
        other._subjects, other._speakers, other._tag_sentence, other._fulls = {}, {}, {}, {}
        return other

    # -- the rules for one quotation

    def _reports(self, toks: list[Tok], i: int) -> bool:
        """A reporting verb used as a verb, in the active voice."""
        t = toks[i]
        if t.kind != "w" or (t.cap and not t.first) or t.low not in self.reporting:
            return False
        j = i - 1
        while j >= 0 and self._adverb(toks, j):
            j -= 1
        prev = toks[j] if j >= 0 else None
        if prev is not None and (prev.low in self.p.determiners or prev.low in self.p.possessives or prev.possessive):
            return False  # "his claims", "Orlin's call"
        ing = t.low.endswith(self.p.participle_endings)
        if prev is not None and prev.low in self.p.passive_auxiliaries and not ing:
            return False  # "he was asked"
        return ing or not t.first  # "Asked if he was …": the reporter's question

    def _judged(self, toks: list[Tok], vi: int, qi: int) -> bool:
        """ "X described the call as “…”", "called it an “…”": a judgement verb, its object, the quote."""
        if toks[vi].low not in self.p.judgement_verbs or (toks[vi].cap and not toks[vi].first):
            return False
        between = toks[vi + 1 : qi]
        if not between or len(between) > 8 or any(t.kind != "w" for t in between):
            return False
        return not any(self._finite(toks, vi + 1 + k) for k in range(len(between)))

    def _broken(self, toks: list[Tok], vi: int, qi: int) -> bool:
        """Does another clause, with a subject and verb of its own, stand between verb and quote?"""
        for k in range(vi + 1, qi):
            t = toks[k]
            opener = (
                t.kind == "p"
                and t.w in ";\u2014\u2013"
                or (t.kind == "w" and t.low in self.p.clause_openers | self.p.subordinators and toks[k - 1].w == ",")
            )
            if not opener:
                continue
            for vj in range(k + 1, qi):
                if self._finite(toks, vj) and isinstance(self._subject(toks, vj, k + 1), tuple):
                    return True
        return False

    def _according(self, toks: list[Tok], lo: int, hi: int) -> tuple[int, int] | None:
        for phrase in self.p.according_phrases:
            pw = phrase.split()
            for k in range(lo, hi - len(pw) + 1):
                if [t.low for t in toks[k : k + len(pw)]] == pw:
                    np = self._np_right(toks, k + len(pw))
                    if np is not None and np[1] < hi:
                        return np
        return None

    def _after(self, gi: int) -> tuple[Who | None, str] | None:
        """Rule 1: the tag after the quote in its sentence."""
        last = self.groups[gi][-1]
        si, toks, qi = self._at(gi, max(last.open, last.stop - 1))
        if qi is None:
            return None
        tail_end = next((i for i in range(qi + 1, len(toks)) if toks[i].kind == "q"), len(toks))
        if not any(t.kind == "w" for t in toks[qi + 1 : tail_end]) and si + 1 < len(self.sents):
            nxt = self.sents[si + 1]
            first = next((t for t in nxt.toks if t.kind != "p"), None)
            comma = "," in self.text[last.end : last.stop]  # “… now,” | Quennell recalled: the sentence goes on
            if (
                nxt.para == self.sents[si].para
                and first is not None
                and first.kind == "w"
                and (comma or first.w[0].islower())
            ):
                toks, qi = nxt.toks, -1  # “… now.” he said: pysbd ended the sentence at the mark
                tail_end = next((i for i, t in enumerate(toks) if t.kind == "q"), len(toks))
                si += 1
                self._tag_sentence[gi] = si
        lo = qi + 1
        np = self._according(toks, lo, tail_end)
        if np is not None and sum(1 for t in toks[lo : np[0]] if t.kind == "w") > TAG_WINDOW:
            np = None
        # "“…,” Berg repeated, according to aides": the verb's subject speaks, the source only reports it
        tag = self._verb_tag(si, toks, lo, np[0] if np is not None else tail_end, tail_end)
        if tag is not None or np is None:
            return tag
        who, how = self._resolve(si, toks, np, np[0])
        return who, how or "according to X"

    def _verb_tag(self, si: int, toks: list[Tok], lo: int, hi: int, tail_end: int) -> tuple[Who | None, str] | None:
        """Rule 1's "X said" / "said X" between ``lo`` and ``hi``."""
        count = 0
        for vi in range(lo, hi):
            if toks[vi].kind == "w":
                count += 1
            if count > TAG_WINDOW:
                return None
            if not self._reports(toks, vi):
                continue
            sub = self._subject(toks, vi, lo)
            inverted = False
            if not isinstance(sub, tuple):
                prev = toks[vi - 1] if vi - 1 >= lo else None
                if prev is not None and not (prev.kind == "p" and prev.w in ",:"):
                    return None  # "… and said he was": a verb of its own, not a tag
                sub = self._np_right(toks, vi + 1)
                inverted = True
                if sub is None:
                    return None
            start = vi if inverted else sub[0]
            right_after = not any(t.kind == "w" for t in toks[lo:start])  # “…,” Berg said, “…”: both quotes'
            if (
                tail_end < len(toks)
                and not right_after
                and self._introduces(toks, vi, tail_end, sub if inverted else None)
            ):
                return None  # "“enraged” by the strike, Quennell replied, “…”": the next quote's tag
            who, how = self._resolve(si, toks, sub, vi)
            return who, how or (f"{toks[vi].low} X" if inverted else f"X {toks[vi].low}")
        return None

    def _introduces(self, toks: list[Tok], vi: int, nq: int, np: tuple[int, int] | None) -> bool:
        """Is the verb at ``vi`` followed by nothing but its object and ``,``/``:`` before the quote at ``nq``?"""
        k = (np[1] if np else vi) + 1
        rest = [t for t in toks[k:nq] if not (t.kind == "p" and t.w in ",:") and t.low not in self.p.complementizers]
        return len(rest) <= 4 and not any(self._verbish(t) or t.kind == "p" for t in rest)

    def _before(self, gi: int) -> tuple[Who | None, str | None, bool]:
        """Rule 2: the reporting verb before the quote in its sentence. (who, rule, governed?)"""
        si, toks, qi = self._at(gi, self.groups[gi][0].open)
        if qi is None:
            return None, None, False
        np = self._according(toks, 0, qi)
        if np is not None:
            who, how = self._resolve(si, toks, np, np[0])
            return who, how or "according to X", True
        naming = self._naming(toks, qi)
        for vi in range(qi - 1, -1, -1):
            judged = self._judged(toks, vi, qi)
            if not judged and not self._reports(toks, vi):
                continue
            if self._broken(toks, vi, qi):
                return None, None, False
            sub = self._subject(toks, vi)
            who, how = self._resolve(si, toks, sub, vi)
            if naming and vi >= qi - 2 and (who is None or who.kind != "person"):
                return None, None, False  # "a group called “…”": a name, no one's words
            if how is None:
                if judged:
                    how = "described as"
                elif toks[qi - 1].w == ":":
                    how = "colon intro"
                elif toks[vi].low.endswith(self.p.participle_endings):
                    how = "saying"
                else:
                    how = f"X {toks[vi].low}"
            return who, how, True
        return None, None, False

    def _sentence_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def _at(self, gi: int, pos: int) -> tuple[int, list[Tok], int | None]:
        """The sentence holding ``pos``, its tokens, and the index of quotation ``gi``'s token there."""
        si = self._sentence_at(pos)
        toks = self.sents[si].toks
        return si, toks, next((i for i, t in enumerate(toks) if t.kind == "q" and t.q == gi), None)

    def _naming(self, toks: list[Tok], qi: int) -> bool:
        """Is the quotation right after a naming word ("so-called", "a group called", "known as")?"""
        before = [t.low for t in toks[max(0, qi - 2) : qi]]
        return any(before[-len(w.split()) :] == w.split() for w in self.p.naming_words if qi >= len(w.split()))

    def _continues(self, gi: int) -> bool:
        """Rule 4: a quote that is a sentence on its own, right after the previous quote (same
        paragraph, or first in a quote-only paragraph after it), no narrative sentence between."""
        g, prev = self.groups[gi], self.groups[gi - 1][-1]
        if any(self.sents[self._sentence_at(pos)].narrative for pos in (g[0].open, g[-1].stop - 1)):
            return False
        same_para = prev.para == g[0].para
        next_para = (
            g[0].para == prev.para + 1
            and g[0].open == self.spans[g[0].para][0]
            and not any(s.narrative for s in self.sents if s.para == g[0].para)
        )
        tagged = self._tag_sentence.get(gi - 1, self._sentence_at(prev.stop - 1))
        between = range(tagged + 1, self._sentence_at(g[0].open))
        return (same_para or next_para) and not any(self.sents[k].narrative for k in between)

    # -- all quotations

    def quotes(self) -> list[FoundQuote]:
        found: list[FoundQuote] = []
        for gi, g in enumerate(self.groups):
            segments = tuple((p.start, p.end) for p in g)
            words = " ".join(self.text[a:b] for a, b in segments)
            res = self._after(gi)
            if res is not None:  # a tag after the quote wins, even one code cannot resolve
                who, rule, governed = res[0], res[1], True
            else:
                who, how, governed = self._before(gi)
                rule = how or "none"
            if who is not None and who.kind == "unsure":  # a name two people of the text share
                who, rule, governed = None, "unsure", True
            if who is None and rule != "unsure" and found and found[-1].speaker and self._continues(gi):
                last = found[-1]
                assert last.speaker and last.speaker_span and last.speaker_kind  # a speaker comes with both
                who, rule = Who(last.speaker, last.speaker_span, last.speaker_kind), "continuation"
            kind: Literal["quote", "scare"]
            if who is not None or governed:
                kind = "quote"
            else:
                _, toks, qi = self._at(gi, g[0].open)
                naming = qi is not None and self._naming(toks, qi)
                kind = "scare" if naming or len(text_words(words)) <= SCARE_MAX_WORDS else "quote"
                rule = "named" if naming else ("short" if kind == "scare" else "none")
            found.append(
                FoundQuote(
                    id=f"Q{gi + 1}",
                    start=segments[0][0],
                    end=segments[-1][1],
                    text=words,
                    segments=segments,
                    kind=kind,
                    speaker=who.name if who else None,
                    speaker_span=who.span if who else None,
                    speaker_kind=who.kind if who else None,  # type: ignore[arg-type]
                    rule=rule,
                )
            )
            if who is not None and who.kind == "person":
                self._speakers[self._sentence_at(g[-1].start)] = who
        return found
