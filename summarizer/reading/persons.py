"""Who a phrase names: a person (the text's fullest form of a name, its gender as the text
gives it by honorifics and kin words), an organisation or a group; and who "he", "she",
"they" or "the minister" is, read back through the sentences before."""

from __future__ import annotations

import re

from ..language import LanguageProfile
from .names import fold, looks_like_name, same_person, split_title, used_as_place_or_thing
from .phrases import Phrases, Tok, Who
from .text import looks_plural

BACK_SENTENCES = 3  # sentences before the paragraph searched for a pronoun's person


class Persons(Phrases):
    """Names, people and their genders (see ``speakers.Reader``)."""

    # -- who a phrase names

    def _classify(self, toks: list[Tok], a: int, b: int):
        """A Who, ("pronoun", plural, tok), ("description", role words, tok) or None."""
        p = self.p
        span = (toks[a].s, toks[b].e)
        if a == b and toks[a].low in p.singular_pronouns | p.plural_pronouns:
            return ("pronoun", toks[a].low in p.plural_pronouns, toks[a])
        of = next((i for i in range(a, b + 1) if toks[i].kind == "w" and toks[i].low == "of"), b + 1)
        items = [t for t in toks[a:of] if t.kind == "w" and t.low in p.conjunctions]  # "Fire and Rescue" of a name is no list
        if items and any(t.cap for t in toks[a : b + 1]):
            return Who(self.text[span[0] : span[1]], span, "group")
        head: list[Tok] = []
        for i in range(a, b + 1):  # the head part: up to a preposition ("the call with Orlin")
            t = toks[i]
            if t.kind == "w" and t.low in p.prepositions and head:
                if t.low == "of" and head[-1].cap and i < b and toks[i + 1].cap:
                    head.append(t)
                    continue
                break
            if t.kind == "w":
                head.append(t)
        det = head[0] if head and head[0].low in p.determiners | p.possessives else None
        if det is not None:
            head = head[1:]
        if not head:
            return None
        last = head[-1]
        if (
            last.first
            and len(head) == 1
            and last.w not in self.midcaps
            and self._plural(last.low)
            and last.low not in self.p.organisation_names
        ):
            last = Tok(last.s, last.e, last.low, "w")  # "Critics said", "Officials said": not a name
        if last.cap and not last.possessive:
            run = [last]
            for t in reversed(head[:-1]):
                if t.cap or (t.low in ("of", "and") and run[0].cap) or t.low in p.name_particles:
                    run.insert(0, t)
                else:
                    break
            return self._name(run, det)
        owner = head[-2] if len(head) > 1 and head[-2].cap and head[-2].possessive else None
        if last.low in p.statement_nouns and owner:  # "Tallis's statement said"
            who = self._name([owner], None)
            return who if who is not None and who.kind == "person" else None
        whole = (det or head[0]).s, last.e
        if last.low in p.organisation_words:
            return Who(self.text[whole[0] : whole[1]], whole, "organisation")
        if last.low in self.roles and not owner:  # "the Ostravian president"; "a spokesperson" is someone new
            return (
                None
                if det is not None and det.low in p.indefinite_articles
                else ("description", [t.low for t in head], last)
            )
        if self._plural(last.low):
            return Who(self.text[whole[0] : whole[1]], whole, "group")
        return None

    def _plural(self, low: str) -> bool:
        return looks_plural(low, self.p)

    def _name(self, run: list[Tok], det: Tok | None) -> Who | None:
        """A capitalised run: a person (full name when known) or an organisation."""
        p = self.p
        cut = next((i for i, t in enumerate(run) if t.low == "of"), None)
        if cut:  # "Sen. Anna Lind of N.Y." is Lind; "Bank of Norland" stays whole
            who = self._name(run[:cut], det)
            if who is not None and who.kind == "person":
                return who
        s, e = run[0].s, run[-1].e
        surface = self._unpossess(self.text[s:e])
        e = s + len(surface)
        _, bare = split_title(surface, p, self.titles)
        if not bare:
            return None
        bs = s + surface.rfind(bare)
        span = (bs, bs + len(bare))
        words = bare.split()
        org_span = (det.s if det is not None and det.low == "the" else s, e)
        org = Who(self.text[org_span[0] : org_span[1]], org_span, "organisation")
        if len(words) == 1 and len(bearers := self._bearers(bare)) > 1:
            # "Quillan said" in a text with two Quillans: the honorific decides ("Mrs. Quillan"), else no one
            title = fold(surface[: surface.rfind(bare)]).strip(" .")
            want = "m" if title in p.male_words else "f" if title in p.female_words else None
            fits = [b for b in bearers if want is not None and self._gender_of(b) == want]
            if not fits and want is not None:  # "Mrs. Quillan" when the other Quillans are men
                fits = [b for b in bearers if self._gender_of(b) is None]
            return Who(fits[0], span, "person") if len(fits) == 1 else Who(bare, span, "unsure")
        known = next((n for n in self.names if same_person(bare, n, p)), None)
        if known:
            return Who(known, span, "person")
        if (
            (bare.isupper() and len(bare.replace(".", "")) >= 2)
            or fold(words[-1]) in p.organisation_words
            or fold(bare) in p.organisation_names
            or (det is not None and det.low in p.place_articles)
        ):
            return org
        full = self._full(bare)
        if full:
            return Who(full, span, "person")
        if (len(words) >= 2 and looks_like_name(bare, p)) or (
            len(words) == 1 and not used_as_place_or_thing(bare, self.text, p)
        ):
            return Who(bare, span, "person")
        return org

    def _full(self, bare: str) -> str | None:
        """The text's fullest form of a name ("Berg" -> "Anna Berg"). Each name is compared
        once with each distinct name of the text (a long text repeats both: without the
        memo the cost grew with quotes x mentions)."""
        if bare not in self._fulls:
            names = dict.fromkeys(n for n, _, _ in self.people)
            forms = [n for n in names if same_person(bare, n, self.p)]
            self._fulls[bare] = max(forms, key=lambda n: (len(n.split()), len(n))) if forms else None
        return self._fulls[bare]

    def _people(self) -> list[tuple[str, set[str], tuple[int, int]]]:
        """Multi-word person names in the text with the role words written around them."""
        p = self.p
        out = []
        for sent in self.sents:
            toks = sent.toks
            i = 0
            while i < len(toks):
                if not (toks[i].cap and self._np_word(toks[i])):
                    i += 1
                    continue
                j = i
                while (
                    j + 1 < len(toks)
                    and (toks[j + 1].cap or toks[j + 1].low in p.name_particles)
                    and not toks[j].possessive
                ):
                    j += 1
                run = toks[i : j + 1]
                i = j + 1
                surface = self._unpossess(self.text[run[0].s : run[-1].e])
                role, bare = split_title(surface, p, self.titles)
                words = bare.split()
                at = run[0].s + surface.rfind(bare)
                k = toks.index(run[0])
                det = toks[k - 1].low if k > 0 else ""
                if (
                    len(words) < 2
                    or not looks_like_name(bare, p)
                    or fold(words[-1]) in p.organisation_words
                    or det in p.place_articles
                ):
                    continue
                roles = set(role_words(role or ""))
                for t in reversed(toks[max(0, k - 3) : k]):  # "Ostravian president Dorenko"
                    if t.kind != "w" or not self._np_word(t):
                        break
                    roles |= set(role_words(t.w))
                end = toks.index(run[-1]) + 1
                if end < len(toks) and toks[end].w == ",":  # "Dorenkko, Ostravia's president,"
                    aside = []
                    for t in toks[end + 1 : end + 8]:
                        if t.kind != "w":
                            break
                        aside.append(t)
                    if aside and any(t.low.strip(".") in self.roles for t in aside):
                        roles |= {w for t in aside for w in role_words(t.w)}
                out.append((bare, roles, (at, at + len(bare))))
        return out

    # -- gender: what the text says of it

    def _genders(self) -> dict[str, str]:
        """"m" or "f" for the people the text genders, by their names as written: an honorific
        ("Mrs. Quillan", "Mr Kell"), a word of kin or sex right before the name or in an
        apposition after it ("her son Tobias", "Tobias Holm, her son,", "his wife, Marta").
        A name gendered both ways is left out."""
        p = self.p
        self._pair_names: list[str] = []
        words = {w: "m" for w in p.male_words} | {w: "f" for w in p.female_words}
        if not words:
            return {}
        alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        name = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)*"
        found: dict[str, set[str]] = {}
        for m in re.finditer(rf"\b((?i:{alt}))\.?,?\s+({name})", self.text):
            if m.group(2)[:1].isupper():
                found.setdefault(fold(self._unpossess(m.group(2))), set()).add(words[fold(m.group(1))])
        for m in re.finditer(rf"({name}),\s+(?:(?i:his|her|their|the|a)\s+)?(?:[\w-]+\s+)?((?i:{alt})),", self.text):
            found.setdefault(fold(self._unpossess(m.group(1))), set()).add(words[fold(m.group(2))])
        given = r"[A-Z][\w'\u2019-]+"
        for m in re.finditer(rf"({given}) and ({given})((?:\s+[A-Z][\w'\u2019-]+)?),\s+(?:(?i:the)\s+)?((?i:{alt})) and ((?i:{alt}))\b", self.text):
            # "Ada and Bram Tolliver, sister and brother": each in turn
            for who, word in ((m.group(1) + m.group(3), m.group(4)), (m.group(2) + m.group(3), m.group(5))):
                found.setdefault(fold(who.strip()), set()).add(words[fold(word)])
                if m.group(3):
                    self._pair_names.append(who.strip())  # "Lene Brakke" is written nowhere else
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def _gender_of(self, name: str) -> str | None:
        """The gender the text gives ``name`` (a full name, or the surname or given name it is
        written with), None when it gives none or gives it for two people of that name."""
        key = fold(name)
        if key in self.genders:
            return self.genders[key]
        first = fold(name.split()[0]) if len(name.split()) > 1 else None
        got = {
            g for k, g in self.genders.items()
            if (same_person(k, name, self.p) or k == first) and (len(k.split()) > 1 or self._one_of(k))
        }  # fmt: skip
        return next(iter(got)) if len(got) == 1 else None

    def _one_of(self, bare: str) -> bool:
        """Does one person only of the text go by ``bare`` (a one-word name)?"""
        return len(self._bearers(bare)) <= 1

    def _bearers(self, bare: str) -> list[str]:
        """The different people of the text (its full names and the known ones) that ``bare`` can name."""
        out: list[str] = []
        for n in [n for n, _, _ in self.people] + self.names + self._pair_names:
            if len(n.split()) > 1 and same_person(bare, n, self.p) and not any(same_person(n, o, self.p) for o in out):
                out.append(n)
        return out

    def _pronoun_gender(self, tok: Tok) -> str | None:
        low = tok.low
        return "m" if low in self.p.male_pronouns else "f" if low in self.p.female_pronouns else None


class Antecedents(Persons):
    """Who a pronoun or a description points back to (see ``speakers.Reader``)."""

    # -- resolving pronouns and descriptions

    def _back(self, si: int):
        """Earlier sentences for a pronoun: the paragraph's, then BACK_SENTENCES more with narrative."""
        para = self.sents[si].para
        more = 0
        for sj in range(si - 1, -1, -1):
            sent = self.sents[sj]
            if sent.para != para:
                if not sent.narrative:
                    continue
                more += 1
                if more > BACK_SENTENCES:
                    return
            yield sj

    def _main_subject(self, si: int, before: int | None = None):
        """(a, b) of the sentence's main-clause subject: the subject of the first finite verb that
        is not in a subordinate or participial clause ("While X …, Y said": Y)."""
        toks = self.sents[si].toks
        end = len(toks) if before is None else before
        seg_start = 0
        for vi in range(end):
            t = toks[vi]
            if t.kind == "p" and t.w in ",;:\u2014\u2013":
                seg_start = vi + 1
                continue
            if not self._finite(toks, vi):
                continue
            seg = toks[seg_start:vi]
            first = next((x for x in seg if x.kind == "w"), None)
            if any(x.low in self.p.subordinators for x in seg if x.kind == "w"):
                continue
            if first is not None and (
                first.low.endswith(self.p.participle_endings) or first.low in self.p.prepositions
            ):
                continue  # "Speaking to reporters, …", "In a statement, …"
            sub = self._subject(toks, vi)
            if isinstance(sub, tuple):
                return sub
        return None

    def _subject_of_sentence(self, si: int):
        """What the sentence's main subject resolves to (cached)."""
        if si not in self._subjects:
            self._subjects[si] = None
            sub = self._main_subject(si)
            who = None
            if sub is not None:
                c = self._classify(self.sents[si].toks, *sub)
                if isinstance(c, Who) or (isinstance(c, tuple) and c[0] in ("pronoun", "description")):
                    who = c
            self._subjects[si] = who
        return self._subjects[si]

    def _antecedent(self, si: int, before: int, plural: bool, gender: str | None = None) -> Who | None:
        """The person (or, ``plural``, the group) a pronoun stands for: the subject of an
        earlier clause of its sentence, else of the sentences before. A person of the other
        ``gender`` (the pronoun's: he / she) is passed over ("Her son Tobias, 23, was killed
        … '…,' she said": the mother)."""
        toks = self.sents[si].toks
        agrees = lambda who: gender is None or self._gender_of(who.name) in (None, gender)  # noqa: E731
        if not plural:  # an earlier clause of the same sentence: "While Quennell admitted …, he claimed"
            for vi in range(before - 1, -1, -1):
                if self._finite(toks, vi):
                    sub = self._subject(toks, vi)
                    if isinstance(sub, tuple):
                        c = self._classify(toks, *sub)
                        if isinstance(c, Who) and c.kind == "person" and agrees(c):
                            return c
        for sj in self._back(si):
            c = self._subject_of_sentence(sj)
            if isinstance(c, tuple) and c[0] == "description":
                c = self._by_role(c[1])
            if not plural and sj in self._speakers and not (isinstance(c, Who) and c.kind == "person"):
                if agrees(self._speakers[sj]):
                    return self._speakers[sj]  # '"…," said Niall Pereira. He said …': the last sentence's speaker
                continue
            if not isinstance(c, Who):
                if not plural and gender is not None and (known := self._person_of_gender(sj, gender, known_only=True)):
                    return known  # "This year's queen, Lottie Penhale, 17, rode ..." -- "she said"
                continue
            if plural and c.kind in ("group", "organisation"):
                return c
            if not plural and c.kind == "person" and agrees(c):
                return c
            if not plural and c.kind == "person" and gender is not None:
                # the other gender: the one other person of the sentence may be meant ("Greta Holm,
                # whose brother Aled Dunmore was ..., brought the case")
                other = self._person_of_gender(sj, gender, but=c.name)
                if other is not None:
                    return other
        return None

    def _person_of_gender(self, sj: int, gender: str, *, but: str | None = None, known_only: bool = False) -> Who | None:
        """The one person a sentence names that can be of ``gender`` (not known to be of the
        other; with ``known_only``, known to be of it), other than ``but``, if just one."""
        sent = self.sents[sj]
        found: list[Who] = []
        for name, _, span in self.people:
            g = self._gender_of(name)
            fits = g == gender if known_only else g in (None, gender)
            if not (sent.s <= span[0] < sent.e and fits) or (but and same_person(name, but, self.p)):
                continue
            if not any(same_person(name, f.name, self.p) for f in found):
                found.append(Who(self._full(name) or name, span, "person"))
        return found[0] if len(found) == 1 else None

    def _by_role(self, words: list[str]) -> Who | None:
        """The one person the text names with these role words ("the Ostravian president")."""
        want = [w for w in (role_key(x, self.p) for x in words) if w]
        found: list[tuple[str, tuple[int, int]]] = []
        for name, roles, span in self.people:
            keys = {role_key(r, self.p) for r in roles}
            if want and all(w in keys for w in want) and not any(same_person(name, f, self.p) for f, _ in found):
                found.append((name, span))
        if len(found) != 1:
            return None
        name, span = found[0]
        return Who(
            next((n for n in self.names if same_person(name, n, self.p)), self._full(name) or name), span, "person"
        )

    def _resolve(self, si: int, toks: list[Tok], sub, vi: int) -> tuple[Who | None, str | None]:
        """Who the subject ``sub`` of the verb at ``vi`` is, and the rule that said so."""
        if not isinstance(sub, tuple):  # "…, but said", "…, saying": an earlier reporting verb's subject
            for vj in range(vi - 1, -1, -1):
                if self._finite(toks, vj) and toks[vj].low in self.reporting:
                    s2 = self._subject(toks, vj)
                    if isinstance(s2, tuple):
                        sub = s2
                        break
            else:
                sub = self._main_subject(si, vi)
            if not isinstance(sub, tuple):
                return None, None
        c = self._classify(toks, *sub)
        if isinstance(c, Who):
            return c, None
        if isinstance(c, tuple) and c[0] == "pronoun":
            return self._antecedent(si, sub[0], c[1], self._pronoun_gender(c[2])), "pronoun"
        if isinstance(c, tuple) and c[0] == "description":
            return self._by_role(c[1]) or self._antecedent(si, sub[0], False), "description"
        return None, None


def role_words(role: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", fold(role)) if w]


def role_key(word: str, profile: LanguageProfile) -> str:
    """Role words compared loosely by their first five letters: "Ostravia's" ~ "Ostravian", "U.S." ~ "US"."""
    w = fold(word)
    for end in profile.possessive_endings:
        w = w.removesuffix(end)
    w = re.sub(r"[.'\u2019]", "", w)
    return "" if w in profile.determiners else w[:5]
