"""Synthetic per-article results for merge scaling, derived from the recorded seed extractions.

Each copy of a seed result gets distinct people (surnames suffixed), distinct dates and
numbers, and every third longer word replaced, so the merge has real work to do (the texts
still share most of their words) but most items are *different*, as in a day's feed.
"""

from __future__ import annotations

import random
import re

from summarizer.schemas import ArticleResult

_SYLLABLES = ["ka", "lo", "mi", "ner", "sto", "vra", "den", "pol", "tur", "gan", "bel", "ros", "fin", "dar", "sel"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def perturb(base: ArticleResult, i: int, rng: random.Random, tag: str | None = None) -> ArticleResult:
    tag = tag or _word(rng)
    names = {p.name: f"{p.name.split()[0]} {p.name.split()[-1]}{tag}" for p in base.people}

    def sub(text: str) -> str:
        for old, new in names.items():
            text = text.replace(old, new).replace(old.split()[-1], new.split()[-1])
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + i), text)
        # every third longer word becomes a new one: a different story, not a copy
        words = text.split(" ")
        for k in range(i % 3, len(words), 3):
            if len(words[k]) > 4 and words[k].isalpha():
                words[k] = _word(rng).lower()
        return " ".join(words)

    data = base.model_dump()
    data["source"]["id"] = f"{base.source.id}-{i}"
    for p in data["people"]:
        p["name"] = names[p["name"]]
    for k in data["key_points"]:
        k["text"] = sub(k["text"])
    for q in data["quotes"]:
        q["text"] = sub(q["text"])
        q["speaker"] = sub(q["speaker"]).rsplit(" (", 1)[0]
        q["speaker_attributed_to"] = None
    for e in data["events"]:
        e["what"] = sub(e["what"])
        e["who"] = [sub(w).rsplit(" (", 1)[0] for w in e["who"]]
        day = 1 + (i % 28)
        e["date"], e["date_precision"] = f"{2000 + i % 25}-{1 + i % 12:02d}-{day:02d}", "day"
    for c in data["claims"]:
        c["text"] = sub(c["text"])
        for f in c["figures"]:
            f["value"] += i
        for d in c["dates"]:
            d["date"], d["precision"] = (e_date := f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"), "day"
            d["surface"] = e_date
    data["organizations"] = [f"{o} {tag}" for o in data["organizations"]]
    data["places"] = [f"{p} {tag}" for p in data["places"]]
    return ArticleResult.model_validate(data)


def corpus(bases: list[ArticleResult], n: int, seed: int = 7) -> list[ArticleResult]:
    rng = random.Random(seed)
    return [perturb(bases[i % len(bases)], i, rng) for i in range(n)]


def story_corpus(bases: list[ArticleResult], n: int, stories: int, seed: int = 11) -> tuple[list[ArticleResult], dict[str, int]]:
    """``n`` articles telling ``stories`` stories (ids -> story index: the truth).

    A story's articles share its people, organisations and places (one tag per story) but each
    drops about a third of them, words are replaced per article as in ``corpus``, and there is
    cross-talk as in a real feed: three in ten articles also name one actor of another story,
    and a common name ("United States") appears in one in three."""
    rng = random.Random(seed)
    tags = [_word(rng) + _word(rng) for _ in range(stories)]
    out, truth = [], {}
    for i in range(n):
        s = i % stories
        r = perturb(bases[s % len(bases)], i, rng, tag=tags[s])
        data = r.model_dump()
        data["title"] = _scramble(data["title"], rng)
        data["summary"] = _scramble(data["summary"], rng)
        data["people"] = [p for p in data["people"] if rng.random() > 0.33] or data["people"][:1]
        data["organizations"] = [o for o in data["organizations"] if rng.random() > 0.33]
        data["places"] = [p for p in data["places"] if rng.random() > 0.33]
        if rng.random() < 0.3:
            other = tags[rng.randrange(stories)]
            data["people"].append({"id": "px", "name": f"Alex Walker{other}", "role": None, "evidence": []})
        if rng.random() < 0.33:
            data["places"].append("United States")
        out.append(ArticleResult.model_validate(data))
        truth[data["source"]["id"]] = s
    return out, truth


def _scramble(text: str, rng: random.Random) -> str:
    """Every third longer word replaced: stories made from one seed do not share all their words."""
    words = text.split(" ")
    for k in range(rng.randrange(3), len(words), 3):
        if len(words[k]) > 4 and words[k].isalpha():
            words[k] = _word(rng).lower()
    return " ".join(words)
