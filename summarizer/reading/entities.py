"""Who and what an article names -- people, organisations, places -- typed by code.

``name_entities(text, lines)`` reads the article's news lines (not its bylines, captions,
credits, datelines, trailers: ``notnews``) and returns every name it finds with a type and
its mentions. A name is a run of capitalised words on one line ("Calveran Geophysical
Survey", "Port Sevrin", "Mara Kell"; "of"/"for" and similar connectors inside, never a line
break); an all-capitals word only when the text defines it ("... Survey (CGS)"), the profile
knows it as an organisation, or the text uses it outside header lines and not as a unit
after a number ("0212 GMT").

Each mention votes for a type by how the text treats the name -- rules that need no list of
names:

* **person**: an honorific or a title right before it ("Ms. Okoro", "Mayor Ines Vale"), an
  age after it (", 54,"), the subject of a reporting verb when it is shaped like a personal
  name (two or three capitalised words, none of them a word that ends organisation or place
  names), the model's list of people;
* **organisation**: its last word is one that ends organisation names in the profile
  ("Ministry", "Board", "Association", "Air"), "the X said" (people are not "the X"), an
  acronym the text defines, an apposition that calls it one (", a construction firm,");
* **place**: a place preposition before it where the name ends its phrase ("in Tamsby", "near
  the Sorn Strait"), a last word that ends place names ("Street", "Strait", "Cathedral") or
  a first word that opens them ("Port", "Upper").

The type is the one with most votes (at least ``MIN_VOTES``); a name with none is not listed.
What is not a name: an adjective (the parser's tag in most of its mentions: "Calveran
officials"), a word the article also writes in lower case ("Plague"), a month or weekday,
a title alone. A possessive splits a run ("Calvera's Port Sevrin" -> Calvera, Port Sevrin)
unless what follows is one word that ends an organisation's name ("St. Brennan's Hospital").
One entity is listed once: a bare surname joins the person of that surname, an acronym its
definition ("Calveran Geophysical Survey (CGS)"), a short form the longer name it ends ("the
Times" -> "Northport Times").

``ner=True`` adds spaCy's entity recogniser as one more vote per mention (see the README for
the two side by side).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..language import ENGLISH, LanguageProfile
from .names import fold, lowercase_words, same_person
from .syntax import parse

KINDS = ("person", "organisation", "place")
MIN_VOTES = 2
_TOKEN = r"[A-Z][\w&.\-]*(?:['\u2019][A-Za-z]+|(?<=s)['\u2019](?=[ \t]+[A-Z]))?"
_RUN = re.compile(rf"{_TOKEN}(?:[ \t]+(?:(?:of|for|and|de|du|van|von|der|da|al|el|la|le)[ \t]+(?:the[ \t]+)?)?{_TOKEN})*")
_ACRONYM_DEFINED = re.compile(r"((?:[A-Z][\w&'\u2019.\-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*){1,8})\(([A-Z][A-Z&.]{1,9})\)")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'\u201d\u2019)]*\s+)[\"'\u201c\u2018(]*$")
_AGE = re.compile(r"^,\s*\d{1,3}\s*,")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord"})


@dataclass
class Named:
    """A name the article uses: its fullest form, its type (None: no rule settled it), where it
    stands, the other forms that name it, and the votes."""

    name: str
    kind: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)
    speaks: int = 0  # mentions as the subject of a reporting verb
    inside: int = 0  # mentions not at the start of a sentence

    @property
    def label(self) -> str:
        """The name as listed: an organisation with its acronym ("... Survey (CGS)")."""
        acronyms = sorted(a for a in self.aliases if a.isupper() and len(a) <= 10)
        return f"{self.name} ({acronyms[0]})" if self.kind == "organisation" and acronyms else self.name


def _sentence_cuts(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run cut where a sentence ends inside it ("... in Lindhaven. Halvik Bygg won"): at a
    word with a full stop that is no abbreviation (short, or with a dot inside: "St.", "U.S.")."""
    out, pos = [], start
    for tok in re.finditer(r"\S+", line[start:end]):
        word = tok.group()
        if word.endswith(".") and len(word) > 4 and "." not in word[:-1]:
            out.append((pos, start + tok.end() - 1))
            pos = start + tok.end()
    if line[pos:end].strip():
        out.append((pos + len(line[pos:end]) - len(line[pos:end].lstrip()), end))
    return out


def _key(name: str) -> str:
    return " ".join(fold(name).replace("\u2019", "'").split())


def _words(profile: LanguageProfile, attr: str) -> frozenset[str]:
    return frozenset(getattr(profile, attr, ()) or ())


class _Around(NamedTuple):
    """What surrounds one mention of a name on its line, read once for the votes."""

    line: str
    start: int
    end: int
    name: str
    words: list[str]
    before: list[str]  # the line's words before the name
    prev: str  # the word right before it, folded
    after: str  # the line after it
    next_word: str
    last: str  # the name's last and first words, folded
    first: str
    head: Any  # the parse's token for the name's last word (None without a parse)
    ends_phrase: bool  # no noun phrase goes on after it ("the Norpress agency" does)
    person_shaped: bool  # two to four words, no organisation or place word last, not all capitals
    opens: bool  # at the start of a sentence
    title_split: bool  # after "X the": the last word of a title ("Meet the Press")


class _Votes:
    """How the text treats a name, as votes for person, organisation and place (the rules of the
    module doc); the first floor of ``_Reader``, which sets the vocabulary below."""

    text: str
    profile: LanguageProfile
    _line_end: dict[int, int]
    org_words: frozenset[str]
    place_nouns: str
    place_prep: re.Pattern[str]
    place_attributes: str
    org_plural: str
    place_words: frozenset[str]
    place_names: frozenset[str]
    place_word_alt: str
    list_then: re.Pattern[str]
    place_openers: frozenset[str]
    titles: frozenset[str]
    acronyms: dict[str, str]

    def _around(self, offset: int, line: str, start: int, end: int, name: str) -> _Around:
        words = name.split()
        before = line[:start].split()
        after = line[end:]
        head = self._head(offset, start, end)
        last = fold(words[-1]).rstrip(".,")
        return _Around(
            line=line, start=start, end=end, name=name, words=words, before=before,
            prev=fold(before[-1]).rstrip(".,") if before else "",
            after=after, next_word=fold(after.split()[0]).strip(".,;:") if after.split() else "",
            last=last, first=fold(words[0]).rstrip(".,"), head=head,
            ends_phrase=not after[:1].isalnum() and not (
                head is not None and head.head.idx >= head.idx + len(head) and head.dep_ in ("compound", "amod", "nmod", "nn", "poss")
            ),
            person_shaped=2 <= len(words) <= 4 and last not in self.org_words and last not in self.place_words and not name.isupper(),
            opens=_SENTENCE_START.search(line[:start]) is not None,  # "... director. We'll": no title before it
            title_split=re.search(r"[A-Z][\w'\u2019-]*\s+the\s+$", line[:start]) is not None,  # "Meet the Press"
        )  # fmt: skip

    def _context_votes(self, at: _Around, v: Counter[str]) -> None:
        """Votes from the words around the name: a role before it or after it, "a spokesman for"."""
        before_role = re.search(r"\b([a-z][\w-]*),\s*$", at.line[: at.start])
        if before_role and before_role.group(1) in self.org_words:
            v["organisation"] += 3  # "The regional grid operator, Sollen Energi,"
        elif before_role and at.person_shaped and (
            before_role.group(1) in self.profile.title_words or before_role.group(1).endswith(self.profile.person_noun_endings)
        ):
            v["person"] += 2  # "The Morwen's skipper, Ewan Kerrow, was ..."
        if at.prev in ("for", "of", "at") and len(at.before) >= 2 and fold(at.before[-2]).rstrip(".,") in self.titles and at.ends_phrase:
            v["organisation"] += 3  # "a spokesman for Sollen Energi", "head of Kestrel Rail"
        role = re.match(r",\s+((?:[\w'\u2019-]+\s+){0,6}?[\w'\u2019-]+)\s*[,.]", at.after)
        if role and at.person_shaped:
            role_words = [fold(w) for w in role.group(1).split()]
            head_words = role_words[: role_words.index("of")] if "of" in role_words else role_words  # "a gathering of leaders"
            if (role_words[0] == "who" or any(
                w in self.profile.title_words or w.endswith(self.profile.person_noun_endings) for w in head_words[-2:]
            )) and role_words[-1] not in self.org_words:
                v["person"] += 2  # "Dario Kessel, head of the ...,", "Ruta Vallin, who"
        m = re.match(r",\s+(?:a|an|the|[A-Z][\w-]*['\u2019]s)\s+(?:[\w'\u2019-]+\s+){0,3}?([\w-]+)\s*[,.]", at.after)
        if m and re.fullmatch(self.place_nouns, fold(m.group(1))):
            v["place"] += 3  # ", the provincial capital,"
        elif m and fold(m.group(1)) in self.org_words:
            v["organisation"] += 3  # ", a construction group,"

    def _organisation_votes(self, at: _Around, v: Counter[str], key: str) -> None:
        """Votes for an organisation: its last word, an acronym, "the X agency", "told the X"."""
        name, words, prev, before = at.name, at.words, at.prev, at.before
        if at.last in self.org_words and len(words) > 1:
            v["organisation"] += 4
        elif at.last in self.org_words and not at.opens and not at.title_split:
            v["organisation"] += 3  # "approved by Parliament", "the Senate": an institution by name (over "to" a place)
        if prev == "the" and not at.ends_phrase and at.next_word in self.org_words and at.head is not None and at.head.head.i == at.head.i + 1:
            v["organisation"] += 3  # "the Norpress agency", "the Halden Bay Gazette newspaper"
        if name.replace(".", "") in self.acronyms or key in {_key(f) for f in self.acronyms.values()}:
            v["organisation"] += 4
        if fold(name) in _words(self.profile, "organisation_names"):
            v["organisation"] += 4
        if prev == "the" and len(before) >= 1 and at.next_word in self.profile.speech_verbs:
            v["organisation"] += 2
        if prev == "the" and len(before) >= 2 and fold(before[-2]) in self.profile.speech_verbs and at.ends_phrase:
            v["organisation"] += 2  # "told the Tessock Tribune": people are told without "the"
        if re.search(rf"\b(?:{self.org_plural})\s*,\s+(?:[A-Z][\w'\u2019&.-]*(?:\s+[A-Z][\w'\u2019&.-]*)*,?\s+(?:and\s+)?)?$", at.line[: at.start]):
            v["organisation"] += 3  # "construction groups, Halvik Bygg and Nordstal"
        if "of" in words[1:-1] and fold(words[words.index("of") - 1]) in self.org_words:
            v["organisation"] += 4  # "University of Selmar", "Ministry of Finance"

    def _place_votes(self, at: _Around, v: Counter[str], offset: int) -> None:
        """Votes for a place: the CLDR's names, place words and openers, place prepositions."""
        name, words, line, start, after = at.name, at.words, at.line, at.start, at.after
        aliases = self.profile.entity_aliases
        if {_key(name), aliases.get(_key(name)), aliases.get(_key(name) + ".")} & self.place_names:
            v["place"] += 4  # a country, region or city of the CLDR (the profile's ``place_names``)
        if at.last in self.place_words and len(words) > 1:
            v["place"] += 4
        elif at.last in self.place_words and not at.opens and not at.title_split:
            v["place"] += 2  # "along the Esplanade"
        elif at.first in self.place_openers and len(words) > 1:
            v["place"] += 2  # "Port Sevrin", "Eastern Europe"
        if len(words) == 1 and re.search(rf"[A-Z][\w'\u2019-]*\s+(?:{self.place_word_alt}),\s*$", line[:start]):
            v["place"] += 2  # "Mill Lane, Tessock": the town of an address
        adjective = re.search(r"\b([a-z][\w-]*)\s+$", line[:start])  # "in neighbouring Kessmark"
        if at.ends_phrase and (
            self.place_prep.search(line[:start])
            or (adjective and self._adjective(offset, adjective.start(1)) and self.place_prep.search(line[: adjective.start(1)]))
        ):
            v["place"] += 2  # "in Tamsby", "near the Sorn Strait", "between Castrel and Dunmoor"
        if re.match(rf"['\u2019]s\s+(?:[A-Z][\w'\u2019-]*\s+)*(?=[A-Z])(?i:{self.org_plural})\b", after) and len(words) == 1:
            v["place"] += 2  # "Bregnor's Civil Aviation Safety Board", "Lorvania's Senate": a country's institution
        if self.list_then.match(after):
            v["place"] += 3  # "Lowmere province", "the Lind river", "the Donetsk, Luhansk and Kherson regions"
        if _POSSESSIVE.search(line[start : at.end + 2]) and re.match(rf"['\u2019]s\s+(?:\w+\s+)?(?:{self.place_attributes})\b", after):
            v["place"] += 2  # "Estmark's borrowing costs", "Veldria's history", "Ardena's biggest port"

    def _adjective(self, offset: int, at: int) -> bool:
        """Can the word at ``at`` (line-relative) stand between a preposition and a place ("in
        neighbouring Kessmark")? Not a verb ("to meet Orlin"), not a title ("to president Vale")."""
        return any(
            t.idx == at and t.tag_ not in ("VB", "VBD", "VBP", "VBZ", "MD") and t.lower_ not in self.titles
            for t in self._line_doc(offset)
        )  # the small parser tags "neighbouring" NN: any word but a verb or a title

    def _head(self, offset: int, start: int, end: int):
        """The parser's token for the name's last word (its offsets within the line's parse):
        a name whose last word hangs on a word after it only qualifies a noun ("the Tallis
        administration", "the Sorvik link"); one that is a subject does something."""
        return next((t for t in reversed(self._line_doc(offset)) if start <= t.idx < end), None)

    def _line_doc(self, offset: int):
        """The parse of the news line that starts at ``offset`` (mentions carry their line's
        start, so no search for it)."""
        return parse(self.text[offset : self._line_end[offset]], self.profile)


class _Reader(_Votes):
    """One article's names: candidates, their votes, then one entry per entity."""

    def __init__(self, text: str, lines: list[tuple[int, int]], model_people, ner: bool, profile: LanguageProfile):
        self.text, self.lines, self.profile, self.ner = text, lines, profile, ner
        self._line_end = dict(lines)
        self.lower = lowercase_words(text)
        self.model_people = list(model_people)
        self.org_words = _words(profile, "organisation_words")
        self.place_nouns = "|".join(sorted(map(re.escape, _words(profile, "place_nouns")), key=len, reverse=True)) or "(?!)"
        preps = sorted(self.profile.locative_prepositions | _words(profile, "place_prepositions"), key=len, reverse=True)
        name = r"[A-Z][\w'\u2019&.-]*(?:\s+[A-Z][\w'\u2019&.-]*)*"
        self.place_prep = re.compile(
            rf"(?<!according )\b(?i:{'|'.join(map(re.escape, preps))})\s+(?:(?i:the)\s+)?(?:{name}\s*(?:,|and|or)\s+(?:the\s+)?)*$"
        )
        self.place_attributes = "|".join(sorted(map(re.escape, _words(profile, "place_attributes")), key=len, reverse=True)) or "(?!)"
        self.org_plural = "|".join(sorted({re.escape(w) + "s?" for w in self.org_words}, key=len, reverse=True))
        self.place_words = _words(profile, "place_words")
        self.place_names = profile.place_names
        self.place_word_alt = "|".join(sorted((re.escape(w.capitalize()) for w in self.place_words), key=len, reverse=True)) or "(?!)"
        self.list_then = re.compile(rf"(?:\s*,\s*(?:and\s+)?{name}|\s+(?:and|or)\s+{name})*\s+(?:{self.place_nouns})s?\b")
        self.place_openers = _words(profile, "place_openers")
        self.titles = _words(profile, "title_words") - {"the", "of", "state", "head", "general"}
        self.found: dict[str, Named] = {}
        self.adjective: Counter[str] = Counter()
        self.noun: Counter[str] = Counter()
        self.acronyms: dict[str, str] = {}

    # -- candidates
    def read(self) -> list[Named]:
        for a, b in self.lines:
            line = self.text[a:b]
            for m in _ACRONYM_DEFINED.finditer(line):
                full = _POSSESSIVE.sub("", self._trim(m.group(1).strip(), m.group(2)))
                if full:
                    self.acronyms[m.group(2).replace(".", "")] = full
            for m in _RUN.finditer(line):
                for s0, s1 in _sentence_cuts(line, m.start(), m.end()):
                    for start, end in self._pieces(line, s0, s1):
                        self._mention(a, line, start, end)
        self._join()
        return [n for n in self.found.values() if n.kind is not None]

    def _trim(self, name: str, acronym: str) -> str:
        """The name an acronym stands for, without the words in front that are no part of it:
        "The", and words before the one the acronym's first letter stands for ("Yesterday the
        Rail and Transport Workers' Union (RTWU)")."""
        words = name.split()
        while len(words) > 1 and (fold(words[0]) in self.profile.stop_words or words[0][:1] != acronym[:1]):
            words.pop(0)
        return " ".join(words)

    def _pieces(self, line: str, start: int, end: int) -> list[tuple[int, int]]:
        """A run split at a possessive that does not end an organisation's name, each piece
        without the words in front that are no part of a name (a sentence's first word the text
        also writes in lower case, "The")."""
        cuts, pos = [], start
        for tok in re.finditer(r"\S+", line[start:end]):
            word = tok.group()
            if not _POSSESSIVE.search(word):
                continue
            rest = line[start + tok.end() : end].split()
            owner = line[pos : start + tok.start()].split()
            if len(rest) == 1 and fold(rest[0]) in self.org_words | self.place_words and (
                owner or word[-1] in "'\u2019"
            ):
                break  # "St. Brennan's Hospital", "Harbour Master's House", "Workers' Union": one name (not "Lorvania's Senate")
            cuts.append((pos, start + tok.end() - (2 if word[-1] in "sS" else 1)))
            pos = start + tok.end() + 1
        if pos < end:
            cuts.append((pos, end))
        cuts = [c for s0, e0 in cuts for c in self._split_joined(line, s0, e0)]
        out = []
        for s, e in cuts:
            opens = _SENTENCE_START.search(line[:s]) is not None
            while m := re.match(r"(\S+)\s+(?=\S)", line[s:e]):
                w = fold(m.group(1))
                common = w in self.profile.stop_words or w in self.profile.prepositions
                if not (common or (opens and w in self.lower and w not in self.titles)):
                    break
                s += m.end()
                opens = False
            piece = line[s:e].rstrip(",;:")
            if piece.endswith(".") and "." not in piece.split()[-1][:-1]:
                piece = piece[:-1]  # a full stop, not an abbreviation's ("U.S.")
            if piece.strip():
                out.append((s, s + len(piece)))
        return out

    def _split_joined(self, line: str, start: int, end: int) -> list[tuple[int, int]]:
        """A run that joins two names: at "and" unless the whole is an organisation's name
        ("Orlen Valley Fire and Rescue", "Rail and Transport Workers' Union"); at "of" after a
        title and a person's name ("Sergeant Rhys Halloran of Orlen Valley Police")."""
        text = line[start:end]
        words = text.split()
        titled = [i for i, w in enumerate(words) if self._title(w)]
        first = next((i for i in titled if i >= 1 and fold(words[i - 1]) not in ("of", "for", "and", "the")), None)
        if first is not None and any(not self._title(w) and w[:1].isupper() for w in words[first:]) and text.count(" ") == len(words) - 1:
            # a title inside the run: "French President Macron", "NATO Secretary-General Mark Ellery"
            cut = start + len(" ".join(words[:first])) + 1
            return self._split_joined(line, start, cut - 1) + self._split_joined(line, cut, end)
        if " of " in text:
            head, tail = text[: text.index(" of ")].split(), text[text.index(" of ") + 4 :].split()
            titled_head = fold(words[0]).rstrip(".") in self.titles | _HONORIFICS and len(head) >= 3
            personal = (  # "Viktor Amsel of BNR": a person's name, then the body they speak for
                len(head) in (2, 3) and not any(fold(w) in self.org_words | self.place_words | self.place_openers for w in head)
                and tail and (tail[-1].isupper() or fold(tail[-1]) in self.org_words)
            )
            if (titled_head or personal) and fold(head[-2]).rstrip(".") not in self.titles:
                cut = start + text.index(" of ")
                return [(start, cut)] + self._split_joined(line, cut + 4, end)
        left = text.split(" and ")[0].split() if " and " in text else []
        if left and (
            fold(words[-1]).strip("'\u2019") not in self.org_words or left[-1].isupper()
            or text.split(" and ", 1)[1].startswith("the ")
        ):
            cut = start + text.index(" and ")
            return self._split_joined(line, start, cut) + self._split_joined(line, cut + 5, end)
        return [(start, end)]

    def _title(self, word: str) -> bool:
        """A title word ("President", "Secretary-General", "Vice-Chair")."""
        w = fold(word).rstrip(".")
        return w in self.titles or ("-" in w and all(x in self.titles | {"general"} for x in w.split("-")))

    def _mention(self, offset: int, line: str, start: int, end: int) -> None:
        """One mention of a name: its title cut off, then its votes from how the text treats it."""
        name = line[start:end]
        words = name.split()
        title_cut = 0
        while title_cut < len(words) - 1 and (self._title(words[title_cut]) or fold(words[title_cut]).rstrip(".") in _HONORIFICS):
            title_cut += 1
            if words[title_cut] in ("of", "for") and len(words) - title_cut >= 4:
                title_cut += 2  # "Secretary of State Marco Rubio"
        honorific = any(fold(w).rstrip(".") in _HONORIFICS for w in words[:title_cut])
        if title_cut:
            name = " ".join(words[title_cut:])
            start = line.find(name, start)
            end = start + len(name)
            words = name.split()
        if not self._worth(name, line, start) or self._title(words[-1]):
            return  # "U.S. Vice President": a title, not a name
        key = _key(name)
        entry = self.found.setdefault(key, Named(name=name))
        entry.mentions.append((offset + start, offset + end))
        at = self._around(offset, line, start, end, name)
        v = entry.votes
        if title_cut or (not at.opens and (at.prev in _HONORIFICS or at.prev in self.titles)):
            v["person"] += 4 if honorific or at.prev in _HONORIFICS else 3
        if _AGE.match(at.after):
            v["person"] += 3
        speaks = at.next_word in self.profile.speech_verbs or (
            at.prev in self.profile.speech_verbs and re.match(r"\s*(?:[,.;:]|$)", at.after) is not None
        )
        if at.prev == "the" and (speaks or (at.head is not None and at.head.dep_ == "nsubj" and len(at.words) == 1)):
            v["organisation"] += 2  # "the Admiralty said", "the Admiralty refused": people are not "the X"
        elif speaks:
            entry.speaks += 1  # a person's or an organisation's: decided by the name's shape (``_decide``)
        self._context_votes(at, v)
        self._organisation_votes(at, v, key)
        self._place_votes(at, v, offset)
        if not at.opens:
            entry.inside += 1
        self._tag(offset, start, end, key)

    def _worth(self, name: str, line: str, start: int) -> bool:
        words = name.split()
        if not words or "\n" in name or re.search(r"['\u2019](?:ll|re|ve|m|d)$|n['\u2019]t$", words[0]):
            return False  # "We'll", "I'm", "Don't": no name
        if line[start - 1 : start] in "\"\u201c'\u2018" and line[start - 1 : start] and line[start + len(name) : start + len(name) + 1] in ("\"", "\u201d", "'", "\u2019"):
            return False  # a name in quotation marks is a title or a slogan ("the \u201cNorthern Promise\u201d")
        key = fold(name).rstrip(".")
        if key in self.profile.months or key in self.profile.weekdays or key in self.titles or key in _HONORIFICS:
            return False
        if len(words) == 1:
            if key in self.lower or key in self.profile.stop_words:
                return False  # a common noun the sentence opens with or capitalises ("Plague", "Rescuers")
            if name.isupper():
                digits_before = re.search(r"\d\s*$", line[:start])
                upper_line = sum(c.isupper() for c in line) > 0.6 * sum(c.isalpha() for c in line)
                known = name.replace(".", "") in self.acronyms or key in _words(self.profile, "organisation_names")
                return known or (not digits_before and not upper_line and 2 <= len(name) <= 6 and self.text.count(name) >= 2)
        return any(c.islower() for c in name) or name.replace(".", "") in self.acronyms or len(words) > 1

    def _tag(self, offset: int, start: int, end: int, key: str) -> None:
        """The parser's part of speech for a one-word name (an adjective is no name); with
        ``ner``, the recogniser's type as one vote."""
        doc = self._line_doc(offset)
        toks = [t for t in doc if start <= t.idx < end]
        if len(toks) == 1:
            (self.adjective if toks[0].tag_ == "JJ" else self.noun)[key] += 1
        if self.ner:
            kinds = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
            for ent in doc.ents:
                if ent.start_char <= start < ent.end_char and ent.label_ in kinds:
                    self.found[key].votes[kinds[ent.label_]] += 2
                    break

    # -- one entry per entity
    def _join(self) -> None:
        found = self.found
        for key in list(found):
            if self.adjective[key] > self.noun[key]:
                del found[key]
        # a bare surname joins the person of that surname; an acronym its definition; a short form its longer name
        by_last: dict[str, list[str]] = defaultdict(list)
        for key, n in found.items():
            if len(n.name.split()) > 1:
                by_last[_key(n.name.split()[-1])].append(key)
        for acronym, full in self.acronyms.items():
            k, f = _key(acronym), _key(full)
            if k in found and f in found:
                self._merge(f, k)
            elif f in found:
                found[f].aliases.add(acronym)
        for key in [k for k in list(found) if len(found[k].name.split()) == 1]:
            if key not in found:
                continue
            longer = [k for k in by_last.get(key, []) if k in found and k != key and self._short_form_of(key, found[k].name)]
            if len(longer) == 1:
                self._merge(longer[0], key)
        endings = tuple(_words(self.profile, "demonym_endings"))
        for key in [k for k, n in found.items() if len(n.name.split()) == 2]:
            adjective, body = found[key].name.split()
            if _key(body) in found and self._demonym(adjective):
                self._merge(_key(body), key)  # "the Lorvanian Senate" ... "the Senate": one institution
        for key in [k for k, n in found.items() if len(n.name.split()) == 1 and n.name.endswith("s")]:
            one = _key(found[key].name[:-1])
            named_too = re.search(rf"(?<=[\w,;:] ){re.escape(found[key].name[:-1])}\b", self.text)
            if found[key].inside and named_too and not self._demonym(one):
                found[key].votes["organisation"] += 2  # "the Conservatives" and "a Conservative": a party, a group
                if one in found:
                    self._merge(key, one)
        for n in found.values():
            if len(n.name.split()) == 1 and any(self.adjective[_key(n.name + e)] + self.noun[_key(n.name + e)] for e in endings):
                n.votes["place"] += 2  # "Calveran officials": Calvera is a place
        for key in [k for k, n in found.items() if len(n.name.split()) == 1]:
            word = found[key].name
            if self._demonym(word[:-1] if word.endswith("s") else word):
                del found[key]  # "Calveran", "Russians": the adjective or the people of a place the text names
        for key in [k for k, n in found.items() if len(n.name.split()) == 1 and not n.inside and not n.name.isupper()]:
            if max(found[key].votes.values(), default=0) < MIN_VOTES:  # kept: "Norland's central bank lifted ...", "Britain, Germany ..."
                del found[key]  # capitalised only where a sentence starts: not shown to be a name ("Police said")
        for n in found.values():
            words = n.name.split()
            if any(same_person(n.name, p) for p in self.model_people) and not n.name.isupper():
                n.votes["person"] += 1  # the model's list of people: one vote
            if n.speaks and 2 <= len(words) <= 4 and fold(words[-1]) not in self.org_words | self.place_words and not n.name.isupper():
                n.votes["person"] += 2 * min(n.speaks, 2)  # someone who speaks, with a personal name's shape
            best = n.votes.most_common()
            if best and best[0][1] >= MIN_VOTES and (len(best) == 1 or best[0][1] > best[1][1]):
                n.kind = best[0][0]

    def _short_form_of(self, word: str, longer: str) -> bool:
        """Can ``word`` be the short form of ``longer`` ("Holm" of "Greta Holm", "Times" of
        "Northport Times")? Not the place an organisation is "of" ("Norland" of "Bank of
        Norland"), nor the place a region is part of ("Asia" of "East Asia")."""
        words = [fold(w) for w in longer.split()]
        if "of" in words[:-1] or words[0] in self.place_openers or _key(longer) in self.place_names:
            return False
        # "Senate" is no short form of "Lorvanian Senate": the same body, named by itself
        return not (len(words) == 2 and self._demonym(words[0]))

    def _demonym(self, word: str) -> bool:
        """Is ``word`` the adjective (or the people) of a place the text names or the profile
        knows ("Calveran" of Calvera, "Ostravian" of Ostravia, "Russian" of Russia)?"""
        w = fold(word)
        for e in _words(self.profile, "demonym_endings"):
            if w.endswith(e) and len(w) > len(e) + 2:
                stem = w[: -len(e)]
                if any(_key(stem + v) in self.found or _key(stem + v) in self.place_names for v in ("", "e", "a")):
                    return True
        return False

    def _merge(self, into: str, key: str) -> None:
        a, b = self.found[into], self.found.pop(key)
        a.mentions += b.mentions
        a.aliases |= {b.name} | b.aliases
        a.votes.update(b.votes)
        a.speaks += b.speaks
        a.inside += b.inside


def name_entities(
    text: str,
    lines: list[tuple[int, int]],
    *,
    model_people: Sequence[str] = (),
    ner: bool = False,
    profile: LanguageProfile = ENGLISH,
) -> list[Named]:
    """The names of ``text`` found on ``lines`` (the article's news lines: headline and body,
    what ``notnews`` set aside left out), typed; in order of first mention."""
    named = _Reader(text, lines, model_people, ner, profile).read()
    return sorted(named, key=lambda n: min(n.mentions))

