"""Organisations and places: one entry per name, spellings folded ("U.S." = "US" = "America")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..schemas import ArticleResult, BriefingEntity
from .index import slug_id, uniq

_WITH_ACRONYM = re.compile(r"(.+?)\s*\(([A-Z][A-Z&.]{1,9})\)")


def _leading_article(profile: LanguageProfile) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(map(re.escape, profile.definite_articles))}) ")


def entity_key(name: str, profile: LanguageProfile = ENGLISH) -> str:
    """One key for every spelling of a name: "The U.S." -> "united states"; the definite
    article is no part of it."""
    n = normalize(name).strip(" .")
    n = profile.compiled("merge.entities.article", _leading_article).sub("", n)
    aliases = profile.entity_aliases
    return aliases.get(n, aliases.get(n.replace(".", ""), n))


def cluster_entities(
    results: Sequence[ArticleResult], attr: str, prefix: str, profile: LanguageProfile = ENGLISH,
    exclude: AbstractSet[str] = frozenset(),
) -> list[BriefingEntity]:
    """Group ``attr`` ("organizations"/"places") of every article by ``entity_key``; a name
    written with its acronym ("Calveran Geophysical Survey (CGS)") is one entity with the
    full name alone and with the acronym alone, in any article."""
    names = [(r.source.id, name) for r in results for name in getattr(r, attr)]
    same: dict[str, str] = {}
    for _, name in names:
        m = _WITH_ACRONYM.fullmatch(name.strip())
        if m:
            full = entity_key(m.group(1), profile)
            same[entity_key(m.group(2), profile)] = full
            same[entity_key(name, profile)] = full
    groups: dict[str, list[tuple[str, str]]] = {}
    for source, name in names:
        key = entity_key(name, profile)
        key = same.get(key, key)
        if key not in exclude:
            groups.setdefault(key, []).append((source, name))
    out = []
    taken: set[str] = set()
    for key in sorted(groups):
        members = groups[key]
        spellings = Counter(n for _, n in members)
        canonical = max(spellings, key=lambda n: (bool(_WITH_ACRONYM.fullmatch(n)), spellings[n], len(n), n))
        out.append(
            BriefingEntity(
                id=slug_id(prefix, key, taken),
                name=canonical,
                aliases=sorted(set(spellings) - {canonical}),
                sources=uniq(s for s, _ in members),
            )
        )
    out.sort(key=lambda e: (-len(e.sources), e.name.casefold()))
    return out
