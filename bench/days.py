"""``python -m bench --days``: a feed followed for a week with ``--store``, one run a day.

Each day brings 200 new articles (synthetic per-article results made from the recorded seeds,
``bench.synth.story_corpus``: 20 stories that go on from day to day, each day's articles dated
that day). A day's run is what ``summarizer brief TODAY/ --store feed.db`` does once the model
has answered: the articles seen before are looked up (none: all are new), each new result goes
into the store, the day's stories are merged, the changes since the store's last briefing are
marked, and the briefing is kept for the next day with its items as read (``following.follow``,
the same call as ``brief --store``). Each day runs in a process of its own, as a
morning cron job would, so its wall time and peak memory are its own; the week runs three
times, a day's fastest run kept (``bench_days``). What should hold: a day
costs what its new articles cost, not what the store has piled up (day 7 / day 1 <= 1.3x) and
memory stays flat. Extraction itself (the model) is per new article by construction and is not
timed here.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_DAY = 200
DAYS = 7
REPEATS = 3  # runs of the week, each on a store of its own: a day's fastest run is its row


def day_results(day: int, n: int = PER_DAY, bases=None):
    """Day ``day``'s ``n`` articles of the feed (``bases``: the seeds' results, replayed when not given)."""
    from bench.__main__ import _seed_results
    from bench.synth import story_corpus

    if bases is None:
        _, bases, _ = _seed_results()
    # the week's articles at once, so that the 20 stories go on from day to day (their tags) while
    # each day's articles are others (their numbers and words: ``synth.perturb``)
    results, _ = story_corpus(bases, n * DAYS, n // 10)
    results = results[(day - 1) * n : day * n]
    date = (datetime.date(2026, 11, 16) + datetime.timedelta(days=day - 1)).isoformat()
    out = []
    for r in results:
        rid = f"d{day}-{r.source.id}"
        source = r.source.model_copy(update={"id": rid, "sha256": hashlib.sha256(rid.encode()).hexdigest(),
                                             "published": r.source.published.model_copy(update={"iso": date})})  # fmt: skip
        out.append(r.model_copy(update={"source": source}))
    return out


def day_one(db: str, day: int, n: int = PER_DAY) -> dict:
    """Run in a child process: one day's run against the store ``db``."""
    from summarizer.api import merge_digest
    from summarizer.following import follow
    from summarizer.inputs.store import Store

    results = day_results(day, n)
    started = time.perf_counter()
    with Store(db) as store:
        seen = store.known(r.source.sha256 for r in results)
        new = [r for r in results if r.source.sha256 not in seen]
        for r in new:
            store.put(r, "", None)
        earlier = store.last()
        digest = follow(merge_digest(results), results, store, earlier)  # as `brief --store` does once merged
        stored = store.count()
    seconds = time.perf_counter() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    counts = digest.changes.counts if digest.changes else {}
    return {"day": day, "new_articles": len(new), "articles_in_store": stored, "stories": len(digest.stories), "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak, 1), "new": counts.get("new", 0), "updated": counts.get("updated", 0),
            "unchanged": counts.get("unchanged", 0), "no_longer_reported": counts.get("no_longer_reported", 0)}  # fmt: skip


def bench_days(days: int = DAYS, repeats: int = REPEATS) -> tuple[list[dict], float, float]:
    """Each day's row; day 7 / day 1 and day 7 / day 2 wall (day 1 has no earlier briefing to
    compare with: day 2 is the first day of the steady state).

    The week runs ``repeats`` times, each on a store of its own, each day in a process of its
    own; a day's row is its fastest run (all its runs' seconds are shown). The host's speed
    drifts by a third within minutes: with one run a day the ratio was a draw (1.26 to 1.50 for
    the same code), and three runs of a day in a row were slow together when the host was; a
    day's runs a week apart (~1.5 min) are not. Every run of a day must mark the same changes
    (the merge is deterministic): a run that does not stops the bench."""
    runs: list[list[dict]] = [[] for _ in range(days)]
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(repeats):
            db = str(Path(tmp) / f"feed{k}.db")
            for day in range(1, days + 1):
                out = subprocess.run([sys.executable, "-m", "bench", "--days-one", f"{db}:{day}"], capture_output=True, text=True, cwd=ROOT)
                if out.returncode != 0:
                    raise SystemExit(out.stderr)
                runs[day - 1].append(json.loads(out.stdout.strip().splitlines()[-1]))
    rows = []
    for day_runs in runs:
        marks = {tuple(r[k] for k in ("stories", "new", "updated", "unchanged", "no_longer_reported")) for r in day_runs}
        if len(marks) > 1:
            raise SystemExit(f"day {day_runs[0]['day']}: the runs marked different changes: {sorted(marks)}")
        best = dict(min(day_runs, key=lambda r: r["seconds"]))
        best["runs"] = " ".join(f"{r['seconds']:.2f}" for r in day_runs)
        rows.append(best)
    return rows, round(rows[-1]["seconds"] / rows[0]["seconds"], 2), round(rows[-1]["seconds"] / rows[1]["seconds"], 2)
