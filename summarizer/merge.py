"""The merge: many ``ArticleResult`` -> one deduplicated ``Briefing``. Deterministic, no network.

What merges and what stays apart (the rules a careful editor would sign):

* **People** -- one person when the surnames match (fuzzy, so Zelensky = Zelenskyy) and
  nothing contradicts it: different given names, or a generational suffix on one side only
  ("Donald Trump Jr." is not "Donald Trump"). A bare surname joins the one full name that
  carries it, and stays alone when two candidates do. Titles ("Ukrainian President") are
  not part of a name. Every alias seen is kept; each role with the article that states it.
* **Events** -- two reports are one event when their dates agree (or one is unknown), their
  places do not conflict, they share a participant, no numbers conflict, and their
  descriptions share most of their *event words* -- what the description says beyond names
  and titles (``EVENT_MATCH_MIN``). The same two leaders phoning each other in February and
  in May are two events when a date or a detail tells them apart; with neither (two undated
  "calls" between the same people) code cannot tell, and says so in the README.
* **Facts** -- near-duplicate statements merge (``FACT_MERGE_MIN`` and ``FACT_JACCARD_MIN``) only when they carry the
  same numbers and the same direction; similar statements that differ in a number, a date
  or a direction ("raised" vs "cut") become a **disagreement** with each side's sources.
* **Quotes** -- the same words (after grounding's normalisation, or one a fragment of the
  other by the same speaker) are one quote with every source; a fact that paraphrases a
  quote is linked to it (``related``), not merged. Paraphrases the grounding step
  downgraded are never shown as quotes.

Candidate pairs come from indexes (surname, participant, rare tokens), not all pairs, so the
merge scales to thousands of articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from .grounding import normalize
from .names import TITLE_WORDS, parse_name, same_person, split_title, surname_match
from .schemas import (
    ArticleResult,
    Briefing,
    BriefingEntity,
    BriefingEvent,
    BriefingFact,
    BriefingPerson,
    BriefingQuote,
    BriefingSource,
    Disagreement,
    Evidence,
    FailedArticle,
    GroundingReport,
    Position,
    RoleClaim,
    Span,
)

FACT_MERGE_MIN = 82.0
FACT_CONFLICT_MIN = 70.0
# token_set_ratio forgives a short statement whose words all occur in a long one ("Ukraine
# accepted the ceasefire" vs "The Kremlin refused to agree to a ceasefire in the war with
# Ukraine"): near-duplicates must also share most of their content words.
FACT_JACCARD_MIN = 0.5
EVENT_MATCH_MIN = 0.5  # share of the shorter description's event words
QUOTE_LINK_MIN = 85.0

_DIRECTION = [
    ("raise", "cut"), ("raised", "cut"), ("increase", "decrease"), ("increased", "decreased"), ("rise", "fall"),
    ("rose", "fell"), ("accept", "reject"), ("accepted", "rejected"), ("agreed", "refused"), ("agree", "refuse"),
    ("support", "oppose"), ("supported", "opposed"), ("will", "won't"), ("can", "cannot"), ("did", "didn't"),
    ("approve", "veto"), ("approved", "vetoed"), ("won", "lost"), ("up", "down"),
]  # fmt: skip
_NEGATIONS = {"not", "no", "never", "n't", "without", "refused", "declined", "rejected"}
_STOP = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "that", "this", "is",
    "was", "were", "are", "be", "been", "has", "have", "had", "it", "its", "as", "he", "she", "they", "his", "her",
    "their", "said", "says", "would", "will", "also", "after", "before", "about", "into", "than", "which", "who",
}  # fmt: skip
_ENTITY_ALIASES = {
    "u.s.": "united states", "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "washington": "washington",
    "eu": "european union", "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "nato": "nato", "the kremlin": "kremlin",
}  # fmt: skip


class _UnionFind:
    """Union-find that also keeps each group's members (so group checks cost the group size)."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)

    def group(self, i: int) -> list[int]:
        return self.members[self.find(i)]

    def groups(self) -> list[list[int]]:
        return sorted((sorted(m) for m in self.members.values()), key=lambda g: g[0])


def _deletion_keys(word: str) -> set[str]:
    """The word and every one-letter deletion: words within one edit share a key."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) >= 5 else {word}


def _uniq(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w']+", normalize(text))


def content_words(text: str) -> set[str]:
    return {t for t in _tokens(text) if t not in _STOP and len(t) > 2}


def numbers_in(text: str) -> set[str]:
    words = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "ten": "10"}
    found = set(re.findall(r"\d+(?:[.,]\d+)?", text))
    found |= {words[t] for t in _tokens(text) if t in words}
    return found


def _candidate_pairs(keys: list[set[str]], *, rarest: int = 3, max_df: int = 100, df: Counter | None = None):
    """Blocking: pairs of items that share one of their ``rarest`` keys (in order, once each).

    Keys held by more than ``max_df`` items say nothing about identity and are skipped, so the
    number of candidate pairs grows with the data, not with its square.
    """
    df = df if df is not None else Counter(k for ks in keys for k in ks)
    index: dict[str, list[int]] = defaultdict(list)
    chosen = []
    for i, ks in enumerate(keys):
        # a key only this item holds pairs it with nothing: take the rarest *shared* keys
        picked = [k for k in sorted(ks, key=lambda k: (df[k], k)) if 2 <= df[k] <= max_df][:rarest]
        chosen.append(picked)
        for k in picked:
            index[k].append(i)
    seen: set[tuple[int, int]] = set()
    for i, picked in enumerate(chosen):
        for k in picked:
            for j in index[k]:
                if j > i and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


# ----------------------------------------------------------------------------- people


def _cluster_people(results: Sequence[ArticleResult]) -> tuple[list[BriefingPerson], dict[tuple[str, str], str]]:
    mentions = [(r.source.id, p) for r in results for p in r.people]
    parsed = [parse_name(p.name) for _, p in mentions]
    # 1. surnames within one edit of each other (Zelensky / Zelenskyy) form one surname class
    surnames = sorted({core[-1] for core, _ in parsed if core})
    sid = {s: i for i, s in enumerate(surnames)}
    classes = _UnionFind(len(surnames))
    by_key: dict[str, list[int]] = defaultdict(list)
    for s_, i in sid.items():
        for key in _deletion_keys(s_):
            by_key[key].append(i)
    for idx in by_key.values():
        for j in idx[1:]:
            if fuzz.ratio(surnames[idx[0]], surnames[j]) >= 85:
                classes.union(idx[0], j)
    by_class: dict[int, list[int]] = defaultdict(list)
    for i, (core, _) in enumerate(parsed):
        if core:
            by_class[classes.find(sid[core[-1]])].append(i)
    # 2. within a class: full names with compatible given names and suffixes merge;
    #    a bare surname joins the one full-name cluster that fits, or stays alone
    uf = _UnionFind(len(mentions))
    for idx in by_class.values():
        full = [i for i in idx if len(parsed[i][0]) > 1]
        reps: dict[tuple[str, str | None], int] = {}
        for i in full:
            reps.setdefault((parsed[i][0][0], parsed[i][1]), i)
        for i in full:
            uf.union(i, reps[(parsed[i][0][0], parsed[i][1])])
        rep_list = list(reps.values())
        for x in range(len(rep_list)):
            for y in range(x + 1, len(rep_list)):
                if same_person(mentions[rep_list[x]][1].name, mentions[rep_list[y]][1].name):
                    uf.union(rep_list[x], rep_list[y])
        bare = [i for i in idx if len(parsed[i][0]) == 1]
        for i in bare:
            roots = {uf.find(j) for j in rep_list if parsed[i][1] == parsed[j][1]}
            if len(roots) == 1:
                uf.union(i, roots.pop())
            else:  # no full name, or several: the bare surnames stay one entry of their own
                first = next(j for j in bare if parsed[j][1] == parsed[i][1])
                uf.union(i, first)
    people: list[BriefingPerson] = []
    id_of: dict[tuple[str, str], str] = {}
    for group in uf.groups():
        names = [mentions[i][1].name for i in group]
        counts = Counter(names)
        canonical = max(counts, key=lambda n: (len(parse_name(n)[0]) > 1, counts[n], len(parse_name(n)[0]), -len(n)))
        pid = f"person-{len(people) + 1}"
        roles: dict[str, list[str]] = {}
        role_text: dict[str, str] = {}
        evidence = []
        for i in group:
            src, p = mentions[i]
            id_of[(src, p.name)] = pid
            if p.role:
                key = normalize(p.role)
                role_text.setdefault(key, p.role)
                roles.setdefault(key, [])
                if src not in roles[key]:
                    roles[key].append(src)
            if p.evidence:
                evidence.append(Evidence(source=src, span=p.evidence[0], text=p.name))
        people.append(
            BriefingPerson(
                id=pid,
                name=canonical,
                aliases=sorted(set(names) - {canonical}),
                roles=[RoleClaim(role=role_text[k], sources=v) for k, v in roles.items()],
                sources=_uniq(mentions[i][0] for i in group),
                evidence=evidence,
            )
        )
    return people, id_of


def _spot_people(people: list[BriefingPerson], results: Sequence[ArticleResult], texts: dict[str, str]) -> None:
    """Provenance by code: an article that names a person the model did not list still counts
    as a source for them (with the span). Full names and aliases match anywhere; a bare
    surname only when no other person in the briefing shares it; never before "Jr."/"Sr."."""
    surname_owner: dict[str, list[BriefingPerson]] = defaultdict(list)
    for p in people:
        core, _ = parse_name(p.name)
        if core:
            surname_owner[core[-1]].append(p)
    for p in people:
        core, suffix = parse_name(p.name)
        if suffix is not None:
            continue
        forms = [re.escape(f) for f in sorted({p.name, *p.aliases}, key=len, reverse=True)]
        surname = core[-1] if core and len(surname_owner[core[-1]]) == 1 and len(core[-1]) >= 4 else None
        for r in results:
            sid = r.source.id
            if sid in p.sources or sid not in texts:
                continue
            found = None
            for form in forms:
                found = re.search(r"(?<!\w)" + form + r"(?!\w)(?!,? (?:Jr|Sr)\b)", texts[sid])
                if found:
                    break
            if found is None and surname:  # the surname, spelt within one edit (Zelensky/Zelenskyy)
                for m in re.finditer(r"(?<![\w.])[A-Z][\w'-]{3,}(?!,? (?:Jr|Sr)\b)", texts[sid]):
                    if surname_match(parse_name(m.group())[0][-1] if parse_name(m.group())[0] else "", surname):
                        found = m
                        break
            if found is not None:
                p.sources.append(sid)
                span = Span(start=found.start(), end=found.end(), status="exact", score=100)
                p.evidence.append(Evidence(source=sid, span=span, text=found.group()))


class _People:
    """Finds the briefing person a name in some article refers to."""

    def __init__(self, people: list[BriefingPerson], id_of: dict[tuple[str, str], str]):
        self.id_of = id_of
        self.by_surname: dict[str, list[BriefingPerson]] = defaultdict(list)
        for p in people:
            for n in {p.name, *p.aliases}:
                core, _ = parse_name(n)
                if core and p not in self.by_surname[core[-1]]:
                    self.by_surname[core[-1]].append(p)

    def resolve(self, name: str, source: str | None = None) -> str | None:
        if source is not None:
            for form in (name, split_title(name)[1]):
                if (source, form) in self.id_of:
                    return self.id_of[(source, form)]
        core, _ = parse_name(name)
        if not core:
            return None
        cands = [p for p in self.by_surname.get(core[-1], []) if any(same_person(name, n) for n in [p.name, *p.aliases])]
        return cands[0].id if len(cands) == 1 else None


# ----------------------------------------------------------------------------- entities


def _entity_key(name: str) -> str:
    n = normalize(name).strip(" .")
    n = re.sub(r"^the ", "", n)
    return _ENTITY_ALIASES.get(n, _ENTITY_ALIASES.get(n.replace(".", ""), n))


def _cluster_entities(results: Sequence[ArticleResult], attr: str, prefix: str) -> list[BriefingEntity]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for r in results:
        for name in getattr(r, attr):
            groups.setdefault(_entity_key(name), []).append((r.source.id, name))
    out = []
    for members in groups.values():
        names = Counter(n for _, n in members)
        canonical = max(names, key=lambda n: (names[n], len(n)))
        out.append(
            BriefingEntity(
                id=f"{prefix}-{len(out) + 1}",
                name=canonical,
                aliases=sorted(set(names) - {canonical}),
                sources=_uniq(s for s, _ in members),
            )
        )
    return out


# ----------------------------------------------------------------------------- events


def _event_words(what: str, names: set[str]) -> set[str]:
    """What an event description says beyond who took part: content words minus names/titles."""
    return {t for t in content_words(what) if t not in names and t not in TITLE_WORDS}


def _event_compatible(a: dict, b: dict) -> bool:
    if a["source"] == b["source"]:
        # one article's two events are one occasion only when it gives both the same date and
        # place and a shared participant (four statements from one interview); else two events
        return bool(
            a["date"] and a["date"] == b["date"] and a["where"] and b["where"]
            and _entity_key(a["where"]) == _entity_key(b["where"]) and a["who"] & b["who"]
        )  # fmt: skip
    if a["date"] and b["date"]:
        n = min(len(a["date"]), len(b["date"]))
        if a["date"][:n] != b["date"][:n]:
            return False
    if a["where"] and b["where"] and _entity_key(a["where"]) != _entity_key(b["where"]):
        if fuzz.token_set_ratio(normalize(a["where"]), normalize(b["where"])) < 80:
            return False
    if a["who"] and b["who"] and not (a["who"] & b["who"]):
        return False
    na, nb = a["numbers"], b["numbers"]
    if na and nb and not (na & nb):
        return False
    wa, wb = a["words"], b["words"]
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= EVENT_MATCH_MIN


def _merge_events(
    results: Sequence[ArticleResult],
    people: _People,
    name_tokens: set[str],
) -> list[BriefingEvent]:
    reports = []
    for r in results:
        for e in r.events:
            who = {pid for n in e.who if (pid := people.resolve(n, r.source.id))}
            words = _event_words(e.what, name_tokens)
            reports.append(
                {
                    "source": r.source.id,
                    "event": e,
                    "date": e.date,
                    "where": e.where,
                    "who": who,
                    "words": words,
                    "numbers": numbers_in(e.what),
                }
            )
    uf = _UnionFind(len(reports))
    keys = [rep["words"] | {f"@{pid}" for pid in rep["who"]} for rep in reports]
    for i, j in _candidate_pairs(keys):
        if uf.find(i) == uf.find(j) or not _event_compatible(reports[i], reports[j]):
            continue
        # no chaining: every member of one group must be compatible with every member of the other
        gi, gj = uf.group(i), uf.group(j)
        if all(_event_compatible(reports[a], reports[b]) for a in gi for b in gj):
            uf.union(i, j)
    events = []
    for group in uf.groups():
        reps = [reports[i] for i in group]
        dated = sorted((rep["event"].date, rep["event"].date_precision) for rep in reps if rep["event"].date)
        date, precision = (max(dated, key=lambda d: len(d[0])) if dated else (None, "unknown"))
        descriptions = Counter(rep["event"].what for rep in reps)
        where = next((rep["where"] for rep in reps if rep["where"]), None)
        events.append(
            BriefingEvent(
                id=f"event-{len(events) + 1}",
                description=max(descriptions, key=lambda d: (descriptions[d], len(d))),
                date=date,
                date_precision=precision,
                when_as_written=_uniq(rep["event"].when for rep in reps if rep["event"].when),
                where=where,
                participants=sorted({pid for rep in reps for pid in rep["who"]}, key=lambda p: int(p.split("-")[1])),
                sources=_uniq(rep["source"] for rep in reps),
                evidence=[
                    Evidence(source=rep["source"], span=rep["event"].evidence[0] if rep["event"].evidence else None,
                             text=rep["event"].what)
                    for rep in reps
                ],  # fmt: skip
            )
        )
    events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return events


# ----------------------------------------------------------------------------- facts


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _direction(tokens: set[str]) -> dict[int, int]:
    out = {}
    for k, (pos, neg) in enumerate(_DIRECTION):
        if pos in tokens:
            out[k] = 1
        if neg in tokens:
            out[k] = -1
    return out


def _conflict_kind(a: dict, b: dict) -> str | None:
    if a["numbers"] != b["numbers"] and a["numbers"] and b["numbers"]:
        return "number"
    da, db = a["direction"], b["direction"]
    if any(k in db and da[k] != db[k] for k in da):
        return "direction"
    if (a["negated"] != b["negated"]) and a["content"] == b["content"]:
        return "direction"
    return None


def _merge_facts(results: Sequence[ArticleResult]) -> tuple[list[BriefingFact], list[Disagreement]]:
    items = []
    for r in results:
        for k in r.key_points:
            toks = set(_tokens(k.text))
            items.append(
                {
                    "source": r.source.id,
                    "point": k,
                    "norm": normalize(k.text),
                    "content": content_words(k.text),
                    "numbers": numbers_in(k.text),
                    "direction": _direction(toks),
                    "negated": bool(toks & _NEGATIONS),
                }
            )
    uf = _UnionFind(len(items))
    df = Counter(t for it in items for t in it["content"])
    conflicts: dict[tuple[int, int], str] = {}
    for i, j in _candidate_pairs([it["content"] for it in items], df=df):
        it, other = items[i], items[j]
        score = fuzz.token_set_ratio(it["norm"], other["norm"])
        if score < FACT_CONFLICT_MIN:
            continue
        kind = _conflict_kind(it, other)
        if kind:
            if it["source"] != other["source"]:
                conflicts[(i, j)] = kind
        elif score >= FACT_MERGE_MIN and _jaccard(it["content"], other["content"]) >= FACT_JACCARD_MIN:
            uf.union(i, j)
    facts = []
    fact_of: dict[int, int] = {}  # key point index -> index in facts
    for group in uf.groups():
        members = [items[i] for i in group]
        statement = max((m["point"].text for m in members), key=lambda t: (len(set(t.split())), -len(t)))
        fid = f"fact-{len(facts) + 1}"
        for i in group:
            fact_of[i] = len(facts)
        sources = _uniq(m["source"] for m in members)
        facts.append(
            BriefingFact(
                id=fid,
                statement=statement,
                sources=sources,
                corroborated=len(sources) >= 2,
                evidence=[
                    Evidence(source=m["source"], span=m["point"].evidence[0] if m["point"].evidence else None,
                             text=m["point"].text)
                    for m in members
                ],  # fmt: skip
            )
        )
    # facts in conflict form one disagreement per connected topic, one position per fact
    topics = _UnionFind(len(facts))
    edge: dict[int, tuple[int, int, str]] = {}
    for (i, j), kind in sorted(conflicts.items()):
        fi, fj = fact_of[i], fact_of[j]
        if fi != fj:
            topics.union(fi, fj)
            edge.setdefault(fi, (i, j, kind))
    disagreements = []
    for group in topics.groups():
        if len(group) < 2:
            continue
        i, j, kind = next(edge[k] for k in group if k in edge)
        shared = sorted(items[i]["content"] & items[j]["content"], key=lambda t: (-df[t], t))[:6]
        members = [facts[k] for k in group]
        disagreements.append(
            Disagreement(
                id=f"disagreement-{len(disagreements) + 1}",
                topic=" ".join(shared) or members[0].statement,
                kind=kind,  # type: ignore[arg-type]
                positions=[Position(statement=f.statement, sources=f.sources) for f in members],
                sources=_uniq(s for f in members for s in f.sources),
            )
        )
    facts.sort(key=lambda f: (-len(f.sources), int(f.id.split("-")[1])))
    return facts, disagreements


# ----------------------------------------------------------------------------- quotes


def _merge_quotes(
    results: Sequence[ArticleResult],
    people: _People,
    facts: list[BriefingFact],
) -> list[BriefingQuote]:
    entries = []
    for r in results:
        for q in r.quotes:
            if q.kind != "direct":
                continue
            if q.speaker_status == "verified":
                speaker, status = q.speaker, "verified"
            elif q.speaker_attributed_to:  # the text names someone else: show the text's attribution
                speaker, status = q.speaker_attributed_to, "corrected"
            else:
                speaker, status = q.speaker, "unverified"
            entries.append((r.source.id, q, speaker, normalize(q.text), status))
    uf = _UnionFind(len(entries))

    def shingles(norm: str) -> set[str]:  # the same words or one inside the other share a 4-word run
        words = _tokens(norm)
        return {" ".join(words[k : k + 4]) for k in range(max(1, len(words) - 3))} or {norm}

    keys = [shingles(e[3]) for e in entries]
    for x, y in _candidate_pairs(keys):
        nx, ny = entries[x][3], entries[y][3]
        fragment = (nx in ny or ny in nx) and min(len(nx), len(ny)) >= 20
        if nx == ny or (fragment and same_person(entries[x][2], entries[y][2])):
            uf.union(x, y)
    fact_norm = [normalize(f.statement) for f in facts]
    fact_index: dict[str, list[int]] = defaultdict(list)
    for k, f in enumerate(facts):
        for t in content_words(f.statement):
            fact_index[t].append(k)
    quotes = []
    for group in uf.groups():
        members = [entries[i] for i in group]
        src0, q0, speaker, q0_norm, _ = max(members, key=lambda m: len(m[1].text))
        statuses = {m[4] for m in members}
        status = "unverified" if "unverified" in statuses else "corrected" if "corrected" in statuses else "verified"
        claimed = {m[1].speaker for m in members if m[4] == "corrected"}
        qid = f"quote-{len(quotes) + 1}"
        # a fact that paraphrases (or quotes) these words is linked, not merged; candidates
        # name the speaker and share one of the quote's rarer words
        core, _ = parse_name(speaker)
        naming = set(fact_index.get(core[-1], ())) if core else set()
        rare = sorted((t for t in content_words(q0.text) if 0 < len(fact_index.get(t, ())) <= 200), key=lambda t: len(fact_index[t]))
        candidates = sorted({k for t in rare[:3] for k in fact_index[t] if k in naming})[:100]
        related: list[str] = []
        if len(q0.text) >= 12 and candidates:
            hits = process.extract(
                q0_norm, [fact_norm[k] for k in candidates], scorer=fuzz.partial_ratio,
                score_cutoff=QUOTE_LINK_MIN, limit=None,
            )  # fmt: skip
            related = [facts[candidates[i]].id for _, _, i in sorted(hits, key=lambda h: h[2])]
        quotes.append(
            BriefingQuote(
                id=qid,
                speaker=speaker,
                speaker_id=people.resolve(speaker, src0),
                text=q0.text,
                speaker_status=status,
                model_speaker=", ".join(sorted(claimed)) or None,
                sources=_uniq(m[0] for m in members),
                evidence=[Evidence(source=m[0], span=m[1].evidence[0] if m[1].evidence else None, text=m[1].text) for m in members],
                related=related,
            )
        )
    return quotes


# ----------------------------------------------------------------------------- top level


def merge(
    results: Sequence[ArticleResult],
    *,
    failed: dict[str, str] | None = None,
    raw_by_source: dict[str, str] | None = None,
) -> Briefing:
    """Merge per-article results into one briefing (no model call).

    ``raw_by_source`` (article id -> text) lets code find every article that names each
    person (provenance beyond what the model listed); without it only the extractions count.
    """
    results = sorted(results, key=lambda r: r.source.id)
    people, id_of = _cluster_people(results)
    finder = _People(people, id_of)
    name_tokens = {t for p in people for n in [p.name, *p.aliases] for t in parse_name(n)[0]}
    events = _merge_events(results, finder, name_tokens)
    if raw_by_source:
        _spot_people(people, results, raw_by_source)
    facts, disagreements = _merge_facts(results)
    quotes = _merge_quotes(results, finder, facts)
    grounding = GroundingReport()
    for r in results:
        grounding = grounding.add(r.grounding)
    return Briefing(
        sources=[
            BriefingSource(
                id=r.source.id, title=r.title, published=r.source.published.iso or r.source.published.as_written,
                outlet=r.source.outlet,
            )
            for r in results
        ],  # fmt: skip
        people=people,
        organizations=_cluster_entities(results, "organizations", "org"),
        places=_cluster_entities(results, "places", "place"),
        events=events,
        facts=facts,
        quotes=quotes,
        disagreements=disagreements,
        failed=[FailedArticle(id=k, error=v) for k, v in sorted((failed or {}).items())],
        grounding=grounding,
    )
