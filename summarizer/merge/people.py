"""People across articles: one entry per person, every alias and role with its sources.

Rules (``summarizer.reading.names`` holds the name logic):

* Mentions whose surnames match within spelling variance (Dorenko / Dorenkko) form a
  surname class; inside it, full names merge when their given names are compatible (equal,
  initial, nickname: James = Jim) and their generational suffixes agree (Tallis != Tallis Jr.).
* Title words come off by rule, not by list: a word another mention of the same surname
  shows in front of a given name is a title ("Chief Ramon Alvarez" -> "Chief Alvarez" is
  Alvarez). What comes off a name is kept as a role claimed by that article.
* A bare surname joins the one full-name person that carries it, and stays alone when two
  candidates do (Tallis with both Donald and Melania Tallis in the briefing).
* A "person" that only ever appears as one word and that an article lists as an
  organisation or place is not a person (a news agency, an airline, a city); nor is one
  whose every word the briefing also writes in lower case ("Firefighters").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..reading.names import (
    NameParts,
    fold,
    learned_titles,
    lowercase_words,
    parts,
    split_title,
    surname_match,
)
from ..reading.names import compatible as _compatible
from ..schemas import ArticleResult, BriefingPerson, Evidence, Person, RoleClaim, Span
from .index import UnionFind, deletion_keys, slug_id, uniq


@dataclass(frozen=True)
class Mention:
    source: str
    person: Person
    position: int  # order in the briefing's input, for stable choices


def cluster_people(
    results: Sequence[ArticleResult], profile: LanguageProfile = ENGLISH
) -> tuple[list[BriefingPerson], PeopleIndex]:
    mentions = [Mention(r.source.id, p, k) for k, (r, p) in enumerate((r, p) for r in results for p in r.people)]
    titles = learned_titles([m.person.name for m in mentions], profile)
    parsed = [parts(m.person.name, profile, titles) for m in mentions]
    not_people = {normalize(n) for r in results for n in [*r.organizations, *r.places]}
    common = {profile.stem(w) for w in lowercase_words(" ".join(c.text for r in results for c in r.claims))}

    uf = UnionFind(len(mentions))
    for idx in _surname_classes(parsed):
        _join_names(uf, parsed, idx)

    people: list[BriefingPerson] = []
    id_of: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    groups = sorted(uf.groups(), key=lambda g: _canonical(mentions, g, profile, titles).casefold())
    for group in groups:
        names = [mentions[i].person.name for i in group]
        if all(len(parsed[i].core) <= 1 for i in group) and any(normalize(split_title(n, profile, titles)[1]) in not_people for n in names):
            continue  # one word, and an article lists it as an organisation or a place
        if all({profile.stem(w) for w in fold(split_title(n, profile, titles)[1]).split()} <= common for n in names):
            continue  # every word of it is a common noun somewhere in the briefing ("Firefighters")
        canonical = _canonical(mentions, group, profile, titles)
        pid = slug_id("person", canonical, taken)
        roles: dict[str, list[str]] = {}
        role_text: dict[str, str] = {}
        evidence = []
        for i in group:
            m = mentions[i]
            id_of[(m.source, m.person.name)] = pid
            prefix = split_title(m.person.name, profile, titles)[0]
            for role in (m.person.role, prefix):
                if role:
                    key = normalize(role)
                    role_text.setdefault(key, role)
                    if m.source not in roles.setdefault(key, []):
                        roles[key].append(m.source)
            if m.person.evidence:
                evidence.append(Evidence(source=m.source, span=m.person.evidence[0], text=m.person.name))
        people.append(
            BriefingPerson(
                id=pid,
                name=canonical,
                aliases=sorted(set(names) - {canonical}),
                roles=[RoleClaim(role=role_text[k], sources=v) for k, v in roles.items()],
                sources=uniq(mentions[i].source for i in sorted(group)),
                evidence=evidence,
            )
        )
    return people, PeopleIndex(people, id_of, profile, titles)


def _surname_classes(parsed: list[NameParts]) -> list[list[int]]:
    """Step 1: surnames within one edit of each other form one surname class; the mentions of
    each class, classes in the order their first mention comes."""
    surnames = sorted({p.surname for p in parsed if p.surname})
    sid = {s: i for i, s in enumerate(surnames)}
    classes = UnionFind(len(surnames))
    by_key: dict[str, list[int]] = defaultdict(list)
    for s, i in sid.items():
        for key in deletion_keys(s):
            by_key[key].append(i)
    for idx in by_key.values():
        for j in idx[1:]:
            if surname_match(surnames[idx[0]], surnames[j]):
                classes.union(idx[0], j)
    by_class: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if p.surname:
            by_class[classes.find(sid[p.surname])].append(i)
    return list(by_class.values())


def _join_names(uf: UnionFind, parsed: list[NameParts], idx: list[int]) -> None:
    """Step 2, inside one surname class: full names with compatible given names merge (complete
    linkage, so "James Okafor" + "Jim Okafor" merge but never bridge two different given
    names); a bare surname joins the one full-name group that fits, or stays alone."""
    full = [i for i in idx if parsed[i].given]
    reps: dict[tuple, int] = {}
    for i in full:  # one representative per distinct spelling: the pairwise step stays small
        uf.union(i, reps.setdefault((parsed[i].core, parsed[i].suffix), i))
    keys = list(reps.values())
    for x in range(len(keys)):
        for y in range(x + 1, len(keys)):
            a, b = keys[x], keys[y]
            if uf.find(a) == uf.find(b) or not _compatible(parsed[a], parsed[b]):
                continue
            ga = [k for k in keys if uf.find(k) == uf.find(a)]
            gb = [k for k in keys if uf.find(k) == uf.find(b)]
            if all(_compatible(parsed[p], parsed[q]) for p in ga for q in gb):
                uf.union(a, b)
    roots_by_suffix: dict[str | None, set[int]] = defaultdict(set)
    for i in full:
        roots_by_suffix[parsed[i].suffix].add(uf.find(i))
    bare = [i for i in idx if not parsed[i].given]
    for i in bare:
        roots = roots_by_suffix.get(parsed[i].suffix, set())
        if len(roots) == 1:
            uf.union(i, next(iter(roots)))
        else:  # no full name, or several: the bare surnames stay one entry of their own
            uf.union(i, next(j for j in bare if parsed[j].suffix == parsed[i].suffix))


def _canonical(mentions: list[Mention], group: list[int], profile: LanguageProfile, titles: set[str]) -> str:
    """The name to show: the most used full name without its title words (fewest words on a tie)."""
    bare = [split_title(mentions[i].person.name, profile, titles)[1] for i in group]
    counts = Counter(bare)

    def rank(n: str) -> tuple:
        core = parts(n, profile, titles).core
        return (len(core) > 1, counts[n], -len(core), -len(n), n)

    return max(counts, key=rank)


def spot_people(
    people: list[BriefingPerson], results: Sequence[ArticleResult], texts: dict[str, str], profile: LanguageProfile = ENGLISH
) -> None:
    """Provenance by code: an article that names a person the model did not list still counts
    as a source for them (with the span). Full names and aliases match anywhere; a bare
    surname only when no other person in the briefing shares it; never before "Jr."/"Sr."."""
    surname_owner: dict[str, list[BriefingPerson]] = defaultdict(list)
    for p in people:
        core = parts(p.name, profile).core
        if core:
            surname_owner[core[-1]].append(p)
    for p in people:
        pp = parts(p.name, profile)
        if pp.suffix is not None:
            continue
        forms = [re.escape(f) for f in sorted({p.name, *p.aliases}, key=len, reverse=True)]
        surname = pp.surname if pp.surname and len(surname_owner[pp.surname]) == 1 and len(pp.surname) >= 4 else None
        for r in results:
            sid = r.source.id
            if sid in p.sources or sid not in texts:
                continue
            found = None
            for form in forms:
                found = re.search(r"(?<!\w)" + form + r"(?!\w)(?!,? (?:Jr|Sr)\b)", texts[sid])
                if found:
                    break
            if found is None and surname:  # the surname, spelt within one edit (Dorenko/Dorenkko)
                for m in re.finditer(r"(?<![\w.])[A-Z][\w'-]{3,}(?!,? (?:Jr|Sr)\b)", texts[sid]):
                    core = parts(m.group(), profile).core
                    if core and surname_match(core[-1], surname):
                        found = m
                        break
            if found is not None:
                p.sources.append(sid)
                span = Span(start=found.start(), end=found.end(), status="exact", score=100)
                p.evidence.append(Evidence(source=sid, span=span, text=found.group()))


class PeopleIndex:
    """Finds the briefing person a name in some article refers to."""

    def __init__(self, people: list[BriefingPerson], id_of: dict[tuple[str, str], str], profile: LanguageProfile, titles: set[str]):
        self.id_of = id_of
        self.profile = profile
        self.titles = titles
        self._parsed: dict[str, NameParts] = {}
        self._resolved: dict[tuple[str, str | None], str | None] = {}
        self.by_surname: dict[str, list[BriefingPerson]] = defaultdict(list)
        self.name_of = {p.id: p.name for p in people}
        for p in people:
            for n in {p.name, *p.aliases}:
                core = self.parts(n).core
                if core and p not in self.by_surname[core[-1]]:
                    self.by_surname[core[-1]].append(p)

    def parts(self, name: str) -> NameParts:
        """``reading.names.parts`` of a name, with the briefing's titles: each name read once."""
        got = self._parsed.get(name)
        if got is None:
            got = self._parsed[name] = parts(name, self.profile, self.titles)
        return got

    def resolve(self, name: str, source: str | None = None) -> str | None:
        """The id of the person ``name`` (as written in article ``source``) refers to, or None
        (each name and article looked up once: the index does not change)."""
        key = (name, source)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(name, source)
        return self._resolved[key]

    def _resolve(self, name: str, source: str | None) -> str | None:
        if source is not None:
            for form in (name, split_title(name, self.profile, self.titles)[1]):
                if (source, form) in self.id_of:
                    return self.id_of[(source, form)]
        parsed = self.parts(name)
        if not parsed.core:
            return None
        cands = [  # ``same_person``, of the names read once
            p for p in self.by_surname.get(parsed.core[-1], [])
            if any(_compatible(parsed, self.parts(n)) for n in [p.name, *p.aliases])
        ]  # fmt: skip
        return cands[0].id if len(cands) == 1 else None

    def name_tokens(self) -> set[str]:
        return {t for ps in self.by_surname.values() for p in ps for n in [p.name, *p.aliases] for t in self.parts(n).core}
