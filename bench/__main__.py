"""``python -m bench [--quick] [--embedded]``: the numbers behind the README's Performance table.

* merge scaling -- synthetic results derived from the recorded seeds, each size in its own
  process (seconds, peak RSS); growth ratio time(2n)/time(n) from the last two sizes;
* throughput vs ideal -- a local stub endpoint with a fixed latency per call, at several
  concurrencies: achieved articles/s over concurrency/latency;
* tokens per seed article -- from the recordings in fixtures/seeds (default run, and with
  ``--reasks 1``);
* pipeline overhead -- replaying the seeds (all code, no model) against the model seconds the
  recording took;
* ``--embedded``: a real cold-start ``brief seeds/`` with the embedded model (wall, model
  seconds, peak RSS); our per-request time vs the same request posted straight to the
  llama.cpp server; and the request before code-first extraction vs today's, side by side on
  one server (``bench/requests/before-code-first.json``: the request bodies the tool sent
  until then, as recorded in that commit's ``fixtures/seeds``); the long test article cold
  (parts, tokens, seconds per 10,000 characters) and the embedded context size vs speed
  (``--long-only`` runs just these two).

Offline. ``--quick`` keeps it under two minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "seeds"
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))


def _seed_results():
    from summarizer.inputs.articles import load
    from summarizer.llm.client import LLM
    from summarizer.llm.settings import Settings, resolve
    from summarizer.pipeline import extract_all

    articles = load([str(SEEDS)])
    settings = resolve(Settings(no_cache=True), config={})

    async def go():
        async with LLM(settings, replay=FIXTURES) as llm:
            return await extract_all(llm, articles)

    started = time.perf_counter()
    report = asyncio.run(go())
    return articles, list(report.results.values()), time.perf_counter() - started


# ----------------------------------------------------------------------------- merge scaling


def merge_one(n: int) -> dict:
    """Run in a child process: merge n synthetic articles, report seconds and peak RSS."""
    from bench.synth import corpus
    from summarizer.merge import merge

    _, bases, _ = _seed_results()
    results = corpus(bases, n)
    started = time.perf_counter()
    b = merge(results)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "seconds": round(seconds, 3), "peak_rss_mb": round(peak_mb, 1),
            "people": len(b.people), "events": len(b.events), "facts": len(b.facts)}  # fmt: skip


def stories_one(n: int) -> dict:
    """Run in a child process: n synthetic articles in n/10 stories -> stories (clustering),
    then one merge per story; seconds, peak RSS, and purity/completeness against the truth."""
    from bench.synth import story_corpus
    from summarizer.evaluate import evaluate_stories
    from summarizer.merge.stories import cluster_stories
    from summarizer.pipeline import merge_stories

    _, bases, _ = _seed_results()
    results, truth = story_corpus(bases, n, n // 10)
    started = time.perf_counter()
    stories = cluster_stories(results)
    clustered = time.perf_counter() - started
    briefings = merge_stories(stories, {r.source.id: r for r in results}, {})
    facts = sum(len(b.facts) for b in briefings)
    seconds = time.perf_counter() - started
    peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    labels = {"stories": {}}
    for doc, k in truth.items():
        labels["stories"].setdefault(str(k), []).append(doc)
    score = evaluate_stories(labels, [s.sources for s in stories])
    return {"articles": n, "true_stories": n // 10, "stories": len(stories), "cluster_s": round(clustered, 2),
            "cluster_and_merge_s": round(seconds, 2), "peak_rss_mb_self_plus_worker": round(peak_mb, 1), "purity": round(score.purity, 3),
            "completeness": round(score.completeness, 3), "facts": facts}  # fmt: skip


def bench_stories(sizes: list[int]) -> list[dict]:
    return bench_merge(sizes, flag="--stories-one")


def bench_merge(sizes: list[int], flag: str = "--merge-one") -> list[dict]:
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, "-m", "bench", flag, str(n)], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


# ----------------------------------------------------------------------------- throughput


def bench_throughput(n: int, concurrencies: list[int], latency: float = 0.2) -> list[dict]:
    """The stub endpoint (``bench/stub.py``) runs in its own process, as a real endpoint would.

    Each concurrency is run through the whole pipeline (instructor, validation, grounding). At
    the highest one the same request is also sent by the layers below ours alone: the SDK's
    ``chat.completions.create()`` (what instructor would call by default), its raw ``post()``
    (what we call) and bare httpx2 -- the ceiling that the stub, the sockets and a partly filled
    last round leave.
    """
    import httpx2
    import openai
    from openai.types.chat import ChatCompletion

    from summarizer.inputs.articles import article_from_text
    from summarizer.llm.client import LLM
    from summarizer.llm.settings import Settings, resolve
    from summarizer.pipeline import extract_all

    def row(client: str, c: int, wall: float) -> dict:
        ideal = c / latency
        return {"client": client, "concurrency": c, "articles": n, "seconds": round(wall, 2),
                "articles_per_s": round(n / wall, 2), "ideal_per_s": ideal, "of_ideal": round(n / wall / ideal, 3)}  # fmt: skip

    rows = []
    stub = subprocess.Popen([sys.executable, "-m", "bench.stub", str(latency)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        base_url = stub.stdout.readline().strip()
        for c in concurrencies:
            arts = [article_from_text(f"Story {i}: the council voted on Tuesday to build {i} bridges.", f"t{c}-{i}") for i in range(n)]
            s = resolve(Settings(base_url=base_url, model="stub", reasks=0, no_cache=True, concurrency=c), config={})

            async def go():
                async with LLM(s) as llm:
                    started = time.perf_counter()
                    report = await extract_all(llm, arts, concurrency=c)
                    return report, time.perf_counter() - started

            report, wall = asyncio.run(go())
            assert len(report.results) == n, report.failed
            rows.append(row("summarizer", c, wall))

        c = max(concurrencies)
        body = json.loads(next(FIXTURES.glob("003*/*.json")).read_text())["request"]

        async def raw(how: str) -> float:
            gate = asyncio.Semaphore(c)
            async with httpx2.AsyncClient() as http:
                oai = openai.AsyncOpenAI(api_key="stub", base_url=base_url, http_client=http)
                send = {
                    "bare httpx2 posts": lambda: http.post(f"{base_url}/chat/completions", json=body),
                    "openai SDK create()": lambda: oai.chat.completions.create(**body),
                    "openai SDK post()": lambda: oai.post("/chat/completions", body=body, cast_to=ChatCompletion),
                }[how]

                async def one():
                    async with gate:
                        await send()

                await one()  # the SDK's per-process caches warm, as the pipeline's are by now
                started = time.perf_counter()
                await asyncio.gather(*(one() for _ in range(n)))
                return time.perf_counter() - started

        for how in ("openai SDK create()", "openai SDK post()", "bare httpx2 posts"):
            rows.append(row(how, c, asyncio.run(raw(how))))
    finally:
        stub.stdin.close()
        stub.wait(timeout=10)
    return rows


# ----------------------------------------------------------------------------- tokens and overhead


def _exchanges(d: Path) -> tuple[list[dict], list[dict]]:
    """A seed's recorded exchanges: (first answers, re-asks). The default embedded run uses the
    first answer only; ``--reasks 1`` replays the re-ask too."""
    ex = [json.loads(f.read_text()) for f in d.glob("*.json")]
    return [e for e in ex if len(e["request"]["messages"]) == 2], [e for e in ex if len(e["request"]["messages"]) > 2]


def _seed_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def bench_tokens() -> list[dict]:
    def cached(e: dict) -> int:
        return (e["response"]["usage"].get("prompt_tokens_details") or {}).get("cached_tokens", 0)

    rows = []
    for d in _seed_dirs():
        first, reask = _exchanges(d)
        both = first + reask
        rows.append({
            "article": d.name[:3],
            "prompt": sum(e["response"]["usage"]["prompt_tokens"] for e in first),
            "completion": sum(e["response"]["usage"]["completion_tokens"] for e in first),
            "cached_prompt": sum(cached(e) for e in first),
            "model_s": round(sum(e["seconds"] for e in first), 1),
            "reasks1_requests": len(both),
            "reasks1_prompt": sum(e["response"]["usage"]["prompt_tokens"] for e in both),
            "reasks1_completion": sum(e["response"]["usage"]["completion_tokens"] for e in both),
            "reasks1_model_s": round(sum(e["seconds"] for e in both), 1),
        })  # fmt: skip
    return rows


def bench_overhead() -> dict:
    _, results, wall = _seed_results()
    recorded = sum(e["seconds"] for d in _seed_dirs() for e in _exchanges(d)[0])
    return {"replay_wall_s": round(wall, 3), "recorded_model_s": round(recorded, 1),
            "overhead_pct": round(100 * wall / (wall + recorded), 3)}  # fmt: skip


# ----------------------------------------------------------------------------- embedded model


def bench_embedded(*extra: str) -> dict:
    """Cold start brief of seeds/ with the embedded model: wall, model and cross-article seconds.

    ``extra``: more flags (``--adjudicate`` adds the batched pair call to the cross-article step)."""
    import re
    import tempfile

    cache = tempfile.mkdtemp(prefix="bench-cache-")
    env = {"SUMMARIZER_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    # "cold": a new process, server and response cache (the model file stays assembled
    # in SUMMARIZER_MODEL_DIR; assembling it is a one-time 6-14 s)
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", "import resource,sys; from summarizer.cli import app; "
         f"sys.argv=['summarizer','brief','seeds/','--format','json','-o','/tmp/bench-brief.json',*{list(extra)!r}];\n"
         "try:\n    app()\nexcept SystemExit as e:\n    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); raise"],
        capture_output=True, text=True, cwd=ROOT, env={**env, "HOME": str(Path.home())},
    )  # fmt: skip
    wall = time.perf_counter() - started
    peak = next((int(line.split()[1]) for line in out.stderr.splitlines() if line.startswith("PEAK")), 0)
    usage = next((line for line in out.stderr.splitlines() if line.startswith("usage:")), "")
    merge = next((line for line in out.stderr.splitlines() if line.startswith("merge:")), "")
    cross = float(m.group(1)) if (m := re.search(r"; ([\d.]+)s$", merge)) else float("nan")
    return {"flags": " ".join(extra) or "(default)", "exit": out.returncode, "wall_s": round(wall, 1),
            "cross_article_s": cross, "cross_article_pct": round(100 * cross / wall, 1),
            "peak_rss_mb": round(peak / 1024), "usage": usage, "merge": merge,
            "stderr_tail": out.stderr.strip().splitlines()[-6:]}  # fmt: skip


LONG = ROOT / "tests" / "data" / "long" / "marrowick-live.txt"


def bench_long() -> dict:
    """The long test article (46,143 characters, written for the tests) extracted cold with
    the embedded model: wall and model seconds, parts, tokens, seconds per 10,000 characters."""
    import tempfile

    cache, out_dir = tempfile.mkdtemp(prefix="bench-cache-"), tempfile.mkdtemp(prefix="bench-long-")
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "summarizer", "extract", str(LONG), "-d", out_dir, "--no-cache"],
        capture_output=True, text=True, cwd=ROOT, env={"SUMMARIZER_CACHE_DIR": cache, "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )  # fmt: skip
    wall = time.perf_counter() - started
    if run.returncode != 0:
        return {"exit": run.returncode, "stderr_tail": run.stderr.strip().splitlines()[-4:]}
    r = json.loads((Path(out_dir) / f"{LONG.stem}.json").read_text())
    chars, u = r["source"]["chars"], r["usage"]
    return {"chars": chars, "parts": r["parts"], "wall_s": round(wall, 1), "model_s": round(u["model_seconds"], 1),
            "prompt_tokens": u["prompt_tokens"], "completion_tokens": u["completion_tokens"],
            "model_s_per_10k_chars": round(u["model_seconds"] / chars * 10_000, 1),
            "quotes": len(r["quotes"]), "events": len(r["events"]), "people": len(r["people"])}  # fmt: skip


def bench_context(sizes: tuple[int, ...] = (8192, 32768)) -> list[dict]:
    """The embedded server's context size and its speed: the same two requests (seed 004's and
    the long article's first part, as recorded) on a server started with each size, the sizes
    alternating twice, so drift hits both alike."""
    import httpx2

    from summarizer.llm.local import EmbeddedServer, packaged_gguf

    gguf = packaged_gguf()
    seed = min((json.loads(f.read_text()) for f in (FIXTURES / "004_9d2b0e729d22a81c").glob("*.json")), key=lambda e: len(e["request"]["messages"]))
    part = next(json.loads(f.read_text()) for f in sorted((ROOT / "fixtures" / "long").glob("*/*.json"))
                if "This is part 1 of" in json.loads(f.read_text())["request"]["messages"][1]["content"])  # fmt: skip
    rows = []
    for n in sizes + sizes:
        with EmbeddedServer(gguf, n_ctx=n, api_key="bench") as base_url:
            for name, ex in (("seed 004", seed), ("long part 1", part)):
                t0 = time.perf_counter()
                r = httpx2.post(f"{base_url}/chat/completions", json=ex["request"], headers={"Authorization": "Bearer bench"}, timeout=900).json()
                t = r.get("timings", {})
                rows.append({"n_ctx": n, "request": name, "seconds": round(time.perf_counter() - t0, 1),
                             "prompt_tokens": r["usage"]["prompt_tokens"], "completion_tokens": r["usage"]["completion_tokens"],
                             "prompt_tok_s": round(t.get("prompt_per_second", 0), 1), "gen_tok_s": round(t.get("predicted_per_second", 0), 1)})  # fmt: skip
                print(rows[-1], file=sys.stderr, flush=True)
    return rows


def bench_raw_vs_ours() -> dict:
    """One seed request: posted raw to the llama.cpp server vs through our whole client."""
    import httpx2

    from summarizer.inputs.articles import load_file
    from summarizer.llm.client import LLM
    from summarizer.llm.local import EmbeddedServer, packaged_gguf
    from summarizer.llm.settings import Settings, resolve
    from summarizer.pipeline import extract_article

    gguf = packaged_gguf()
    article = load_file(SEEDS / "004_9d2b0e729d22a81c.txt")
    first = min((json.loads(f.read_text()) for f in (FIXTURES / article.id).glob("*.json")), key=lambda e: len(e["request"]["messages"]))
    with EmbeddedServer(gguf) as base_url:
        httpx2.post(f"{base_url}/chat/completions", json={**first["request"], "max_tokens": 1}, timeout=600)  # warm
        t0 = time.perf_counter()
        httpx2.post(f"{base_url}/chat/completions", json=first["request"], timeout=900)
        raw = time.perf_counter() - t0
        s = resolve(Settings(base_url=base_url, model=first["request"]["model"], reasks=0, no_cache=True), config={})

        async def go():
            async with LLM(s) as llm:
                return await extract_article(llm, article)

        t0 = time.perf_counter()
        asyncio.run(go())
        ours = time.perf_counter() - t0
    return {"raw_s": round(raw, 1), "ours_s": round(ours, 1), "ratio": round(ours / raw, 3)}


def bench_request_before_after() -> list[dict]:
    """Per seed: the old extraction request and today's, posted to one embedded server, one
    right after the other (the order alternating between seeds, so drift hits both alike).
    Today's request is the first exchange recorded in fixtures/seeds -- byte for byte what the
    tool sends. Cold: no response cache, a new server. llama.cpp keeps the last prompt's
    prefix, and in a run of the tool the previous article's request leaves the system prompt
    there; so before each measured request its own system prompt is sent once (one token, not
    timed), as the previous article of its run would have."""
    import httpx2

    from summarizer.llm.local import EmbeddedServer, packaged_gguf

    before = json.loads((ROOT / "bench" / "requests" / "before-code-first.json").read_text())
    rows = []
    with EmbeddedServer(packaged_gguf()) as base_url:
        with httpx2.Client(timeout=1200) as http:
            http.post(f"{base_url}/chat/completions", json={**before[next(iter(before))], "max_tokens": 1})  # load

            def post(body: dict) -> tuple[float, dict]:
                warm = {**body, "messages": [body["messages"][0], {"role": "user", "content": "."}], "max_tokens": 1}
                warm.pop("response_format", None)
                http.post(f"{base_url}/chat/completions", json=warm).raise_for_status()
                t0 = time.perf_counter()
                r = http.post(f"{base_url}/chat/completions", json=body)
                r.raise_for_status()
                return time.perf_counter() - t0, r.json()["usage"]

            for k, d in enumerate(_seed_dirs()):
                now = min((json.loads(f.read_text()) for f in d.glob("*.json")), key=lambda e: len(e["request"]["messages"]))
                order = [("old", before[d.name]), ("new", now["request"])]
                got = dict((name, post(body)) for name, body in (order if k % 2 == 0 else order[::-1]))
                (ow, ou), (nw, nu) = got["old"], got["new"]
                rows.append({"article": d.name[:3], "old_s": round(ow, 1), "new_s": round(nw, 1), "wall_ratio": round(nw / ow, 2),
                             "old_prompt": ou["prompt_tokens"], "new_prompt": nu["prompt_tokens"],
                             "old_completion": ou["completion_tokens"], "new_completion": nu["completion_tokens"],
                             "completion_ratio": round(nu["completion_tokens"] / ou["completion_tokens"], 2)})  # fmt: skip
    total = {"article": "all"}
    for key in ("old_s", "new_s", "old_prompt", "new_prompt", "old_completion", "new_completion"):
        total[key] = round(sum(r[key] for r in rows), 1)
    total["wall_ratio"] = round(total["new_s"] / total["old_s"], 2)
    total["completion_ratio"] = round(total["new_completion"] / total["old_completion"], 2)
    return [*rows, {k: total[k] for k in rows[0]}]


# ----------------------------------------------------------------------------- main


def _table(title: str, rows: list[dict]) -> str:
    if not rows:
        return ""
    cols = list(rows[0])
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols}
    lines = [f"\n{title}", "  ".join(c.ljust(widths[c]) for c in cols), "  ".join("-" * widths[c] for c in cols)]
    lines += ["  ".join(str(r.get(c, "")).ljust(widths[c]) for c in cols) for r in rows]
    return "\n".join(lines)


def _print_stories(rows: list[dict]) -> None:
    print(_table("Stories: clustering + one merge per story (synthetic, ~10 articles per story)", rows))
    a, b = rows[-2], rows[-1]
    growth = round(b["cluster_and_merge_s"] / a["cluster_and_merge_s"] / (b["articles"] / a["articles"]) * 2, 2)
    print(f"growth time(2n)/time(n), from the last two sizes: {growth}")


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--quick", action="store_true", help="smaller sizes; under two minutes")
    ap.add_argument("--embedded", action="store_true", help="also run the embedded model for real (~10 min)")
    ap.add_argument("--merge-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--stories-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--stories-only", action="store_true", help="only the story clustering + merge rows")
    ap.add_argument("--requests-only", action="store_true", help="only the before/after request row (embedded, ~8 min)")
    ap.add_argument("--long-only", action="store_true", help="only the long-article rows (embedded, ~15 min)")
    ap.add_argument("--injection", action="store_true", help="planted instructions, defence off / output / on (embedded, ~20 min)")
    ap.add_argument("--save", action="store_true", help="with --injection: copy the recordings into fixtures/injection")
    ap.add_argument("--entities", action="store_true", help="entity types, rules alone vs with spaCy's NER vote (replayed, ~2 min)")
    ap.add_argument("--inputs", action="store_true", help="inputs that stalled the tool, timed to the first model request (~1 min)")
    ap.add_argument("--days", action="store_true", help="a feed followed for 7 days with --store, 200 new articles a day, each day three times (~5 min)")
    ap.add_argument("--days-one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.days_one:
        from bench.days import day_one

        db, _, day = args.days_one.rpartition(":")
        print(json.dumps(day_one(db, int(day))))
        return
    if args.days:
        from bench.days import bench_days

        rows, first, second = bench_days()
        print(_table("A feed followed for a week with --store: one run a day, 200 new articles each (each day its own process; the week run three times, a day's fastest run kept)", rows))
        worst = max(rows[1:], key=lambda r: r["seconds"])
        print(f"day 7 / day 1 wall: {first}; slowest day ({worst['day']}) / day 1: {worst['seconds'] / rows[0]['seconds']:.2f}; day 7 / day 2 wall: {second}")
        return
    if args.inputs:
        from bench.inputs import bench_inputs

        print(_table("Inputs that stalled the tool: seconds to the first model request (each its own process)", bench_inputs()))
        return
    if args.entities:
        from bench.entities import run

        print(run())
        return
    if args.injection:
        from bench.injection import bench_injection

        families, plants = bench_injection(save=args.save)
        print(_table("Planted instructions, embedded model: per family (plants obeyed / reaching the output)", families))
        print(_table("Per plant", plants))
        return
    if args.long_only:
        print(_table("Embedded model: the long test article, cold", [bench_long()]))
        print(_table("Embedded model: context size vs speed (same requests, sizes alternating)", bench_context()))
        return
    if args.merge_one:
        print(json.dumps(merge_one(args.merge_one)))
        return
    if args.stories_one:
        print(json.dumps(stories_one(args.stories_one)))
        return
    story_sizes = [1000, 2000] if args.quick else [5000, 10000]
    if args.stories_only:
        _print_stories(bench_stories(story_sizes))
        return
    if args.requests_only:
        rows = bench_request_before_after()
        print(_table("Embedded model: the request before code-first extraction vs today's (one server, side by side)", rows))
        return
    sizes = [100, 1000, 2000] if args.quick else [100, 1000, 5000, 10000]
    n_tp = 50 if args.quick else 200
    results: dict = {}
    results["merge"] = bench_merge(sizes)
    m = results["merge"]
    growth = round(m[-1]["seconds"] / m[-2]["seconds"] / (m[-1]["articles"] / m[-2]["articles"]) * 2, 2)
    results["merge_growth_2n_over_n"] = growth
    results["stories"] = bench_stories(story_sizes)
    results["throughput"] = bench_throughput(n_tp, [1, 4, 16])
    results["tokens"] = bench_tokens()
    results["overhead"] = bench_overhead()
    if args.embedded:
        results["embedded_cold_brief"] = [bench_embedded(), bench_embedded("--adjudicate")]
        results["raw_vs_ours"] = bench_raw_vs_ours()
        results["request_before_after"] = bench_request_before_after()
        results["long"] = bench_long()
        results["context"] = bench_context()
    print(_table("Merge scaling (synthetic articles from the recorded seeds)", m))
    print(f"growth time(2n)/time(n), from the last two sizes: {growth}")
    _print_stories(results["stories"])
    print(_table("Throughput vs ideal (stub endpoint, 200 ms per call)", results["throughput"]))
    print(_table("Tokens per seed article (recorded with the embedded model)", results["tokens"]))
    print(_table("Pipeline overhead (replayed seeds vs recorded model time)", [results["overhead"]]))
    if args.embedded:
        rows = [{k: v for k, v in e.items() if k not in ("stderr_tail", "merge")} for e in results["embedded_cold_brief"]]
        print(_table("Embedded model: cold-start brief of seeds/ (default, then with the adjudication call)", rows))
        print(_table("Embedded model: our client vs a raw request (seed 004)", [results["raw_vs_ours"]]))
        print(_table("Embedded model: the request before code-first extraction vs today's (one server, side by side)",
                     results["request_before_after"]))  # fmt: skip
        print(_table("Embedded model: the long test article, cold", [results["long"]]))
        print(_table("Embedded model: context size vs speed (same requests, sizes alternating)", results["context"]))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {out / 'latest.json'}")


if __name__ == "__main__":
    main()
