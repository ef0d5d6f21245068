"""People, organisations and places of an article's record against labels: precision and recall
per type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..reading.names import same_person
from ..schemas import Briefing

ENTITY_TYPES = {"people": "person", "organizations": "organisation", "places": "place"}


@dataclass
class EntityScore:
    """The briefing's people, organisations and places against ``entities`` labels (written
    from reading: ``{"people": [...], "organizations": [...], "places": [...], "either": [...]}``).
    A label is one entity: its forms split by " | ", a parenthesised acronym is a form too
    ("World Health Organization (WHO)"), any other parenthesis a note ("Ministry of Finance
    (Estmark)"). Precision per type: listed entries that are a labelled entity of that type (or
    of ``either``); recall: labelled entities of the type that a listed entry names. An entry
    that names a labelled entity already counted (the same body twice) is not a right one."""

    listed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITY_TYPES, 0))
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITY_TYPES, 0))
    labelled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITY_TYPES, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITY_TYPES, 0))
    errors: list[str] = field(default_factory=list)

    def add(self, other: EntityScore) -> EntityScore:
        for name in ("listed", "right", "labelled", "found"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for k in mine:
                mine[k] += theirs[k]
        self.errors += other.errors
        return self

    def precision(self, kind: str) -> float:
        return self.right[kind] / self.listed[kind] if self.listed[kind] else 1.0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.labelled[kind] if self.labelled[kind] else 1.0


def _entity_key(name: str) -> str:
    s = name.casefold().replace("\u2019", "'").strip()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"^the\s+", "", s)
    return " ".join(re.findall(r"[^\W_]+", s))


def _forms(label: str) -> set[str]:
    forms = set()
    for part in label.split(" | "):
        acronym = re.search(r"\(([A-Z][A-Z.&]{1,9})\)", part)
        if acronym:
            forms.add(_entity_key(acronym.group(1)))
        bare = re.sub(r"\s*\([^()]*\)", "", part)
        forms.add(_entity_key(bare))
        named = re.match(r"((?:[A-Z][\w'\u2019.-]*\s*)+)(?:\s+[a-z][\w-]*)+$", bare)
        if named:  # "Lind river", "Eastquay container terminal": the name is the capitalised part
            forms.add(_entity_key(named.group(1)))
    return forms - {""}


def _names(label: str, entry_forms: list[str], person: bool) -> bool:
    forms = _forms(label)
    keys = {k for f in entry_forms for k in _forms(f)}
    if keys & forms:
        return True
    # a person by a spelling of the full name ("Kovalenko" / "Kowalenko"); not by a bare surname
    # with an honorific ("Mrs. Quillan"), which another person of the family shares
    full = [part for part in label.split(" | ") if len(re.sub(r"^(?:mr|mrs|ms|miss|dr)\.?\s+", "", part, flags=re.I).split()) > 1]
    return person and any(same_person(f, part) for f in entry_forms for part in full)


def evaluate_entities(labels: dict[str, Any], briefing: Briefing) -> EntityScore:
    score = EntityScore()
    wanted = labels.get("entities") or {}
    either = wanted.get("either", [])
    for kind in ENTITY_TYPES:
        own = wanted.get(kind, [])
        score.labelled[kind] = len(own)
        entries = getattr(briefing, kind)
        named: set[str] = set()
        for entry in entries:
            forms = [entry.name, *entry.aliases]
            hit = next((lab for lab in own + either if _names(lab, forms, False)), None) or next(
                (lab for lab in own + either if _names(lab, forms, kind == "people")), None
            )
            score.listed[kind] += 1
            if hit is None:
                other = next((k for k in ENTITY_TYPES if k != kind and any(_names(lab, forms, True) for lab in wanted.get(k, []))), None)
                why = f"a labelled {ENTITY_TYPES[other]}" if other else "not a labelled entity"
                score.errors.append(f"{ENTITY_TYPES[kind]} {entry.name!r}: {why}")
            elif hit in named:
                score.errors.append(f"{ENTITY_TYPES[kind]} {entry.name!r}: {hit!r} listed twice")
            else:
                named.add(hit)
                score.right[kind] += 1
        for lab in own:
            if lab in named:
                score.found[kind] += 1
            else:
                score.errors.append(f"{ENTITY_TYPES[kind]} missing: {lab!r}")
    return score


def entity_line(score: EntityScore) -> str:
    """``entities: person P/R, organisation P/R, place P/R``."""
    parts = [f"{ENTITY_TYPES[k]} {score.precision(k):.2f}/{score.recall(k):.2f}" for k in ENTITY_TYPES]
    return "entities: " + ", ".join(parts)
