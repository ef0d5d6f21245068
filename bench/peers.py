"""Side by side with a peer on the same endpoint and the same five articles.

    python -m bench.peers --peer-python /path/to/llm-venv/bin/python [--llm-first]
    python -m bench.peers --peer langextract --peer-python /path/to/langextract-venv/bin/python [--peer-first]

Starts the embedded llama.cpp server once (our runtime, same model and settings), then for
each seed article times (a) ``summarizer extract`` against that server as a plain
``--base-url`` endpoint and (b) the peer:

* simonw/llm: ``llm --schema`` with our request schema, the endpoint configured as an extra
  OpenAI model, same system prompt; valid = the output validates against the request schema.
* google/langextract: ``bench/peer_langextract_runner.py`` run by the peer's interpreter --
  its OpenAI provider with ``base_url``, our field guide adapted to its span classes, one
  made-up few-shot example, one pass, one request per article; valid = it parsed the answer
  and returned extractions (its output is spans with classes, not our schema).

Whichever runs second on an article finds its prompt prefix in llama.cpp's cache, so run both
orders. The peers live in their own environments: they are not dependencies. Prints a table
and writes bench/results/peers-<peer>[-first].json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from pydantic import ValidationError

    from summarizer.extraction.request import build_messages
    from summarizer.inputs.articles import load
    from summarizer.llm.local import EmbeddedServer, packaged_gguf
    from summarizer.llm.settings import EMBEDDED_MODEL
    from summarizer.schemas import ArticleExtraction

    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", choices=("llm", "langextract"), default="llm")
    ap.add_argument("--peer-python", required=True, help="python of a venv with the peer installed")
    ap.add_argument("--reasks", default="0")
    ap.add_argument("--peer-first", "--llm-first", dest="peer_first", action="store_true",
                    help="run the peer before ours on each article (the second one finds the prompt in llama.cpp's cache)")
    args = ap.parse_args()
    llm_bin = str(Path(args.peer_python).parent / "llm")
    articles = load([str(ROOT / "seeds")])
    schema = json.dumps(ArticleExtraction.model_json_schema())
    rows = []
    with tempfile.TemporaryDirectory() as tmp, EmbeddedServer(packaged_gguf(), alias=EMBEDDED_MODEL) as url:
        user_dir = Path(tmp) / "llm"
        user_dir.mkdir()
        (user_dir / "extra-openai-models.yaml").write_text(
            f"- model_id: local\n  model_name: {EMBEDDED_MODEL}\n  api_base: \"{url}\"\n  supports_schema: true\n"
        )
        env = {"LLM_USER_PATH": str(user_dir), "PATH": "/usr/bin:/bin", "HOME": tmp}
        for a in articles:
            system, user = (m["content"] for m in build_messages(a))
            def ours():
                # the whole pipeline against the same server as a plain OpenAI-compatible endpoint
                out = Path(tmp) / "ours"
                t0 = time.perf_counter()
                r = subprocess.run(
                    [sys.executable, "-m", "summarizer", "extract", a.path, "--base-url", url, "-m", EMBEDDED_MODEL,
                     "--no-cache", "--reasks", args.reasks, "-d", str(out), "-q"],
                    capture_output=True, text=True, cwd=ROOT,
                )  # fmt: skip
                seconds = time.perf_counter() - t0
                usage = json.loads((out / f"{a.id}.json").read_text())["usage"] if r.returncode == 0 else {}
                return r, seconds, usage

            def peer_llm():
                # llm: one schema-constrained call with the same prompts
                t0 = time.perf_counter()
                p = subprocess.run(
                    [llm_bin, "-m", "local", "--schema", schema, "-s", system, "--no-stream", "-o", "temperature", "0", user],
                    capture_output=True, text=True, env=env,
                )  # fmt: skip
                seconds = time.perf_counter() - t0
                logs = subprocess.run([llm_bin, "logs", "--json", "-n", "1"], capture_output=True, text=True, env=env)
                entry = (json.loads(logs.stdout) or [{}])[0] if logs.returncode == 0 and logs.stdout.strip() else {}
                try:
                    ArticleExtraction.model_validate_json(p.stdout)
                    valid = True
                except (ValidationError, ValueError):
                    valid = False
                return seconds, f"{entry.get('input_tokens', '?')}+{entry.get('output_tokens', '?')}", valid, ""

            def peer_langextract():
                t0 = time.perf_counter()
                p = subprocess.run(
                    [args.peer_python, str(ROOT / "bench" / "peer_langextract_runner.py"), "--base-url", url,
                     "--model", EMBEDDED_MODEL, "--article", a.path],
                    capture_output=True, text=True, env={**env, "NO_COLOR": "1"},
                )  # fmt: skip
                seconds = time.perf_counter() - t0
                out = json.loads(p.stdout.strip().splitlines()[-1]) if p.stdout.strip() else {"ok": False}
                tokens = f"{out.get('prompt_tokens', '?')}+{out.get('completion_tokens', '?')}"
                valid = bool(out.get("ok")) and out.get("extractions", 0) > 0
                found = ", ".join(f"{k} {v}" for k, v in sorted((out.get("by_class") or {}).items()))
                return seconds, tokens, valid, f"{out.get('requests', '?')} req; {found}"

            peer = peer_llm if args.peer == "llm" else peer_langextract

            if args.peer_first:
                peer_s, peer_tokens, peer_valid, note = peer()
                r, ours_s, usage = ours()
            else:
                r, ours_s, usage = ours()
                peer_s, peer_tokens, peer_valid, note = peer()
            rows.append({
                "article": a.id[:3],
                "ours_s": round(ours_s, 1),
                "ours_tokens": f"{usage.get('prompt_tokens', '?')}+{usage.get('completion_tokens', '?')}",
                "ours_valid": r.returncode == 0,
                f"{args.peer}_s": round(peer_s, 1),
                f"{args.peer}_tokens": peer_tokens,
                f"{args.peer}_valid": peer_valid,
                **({"peer_output": note} if note else {}),
            })  # fmt: skip
            print(rows[-1], flush=True)
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    name = f"peers-{args.peer}{'-first' if args.peer_first else ''}.json"
    (ROOT / "bench" / "results" / name).write_text(json.dumps(rows, indent=2) + "\n")
    cols = list(rows[0])
    print("  ".join(cols))
    for row in rows:
        print("  ".join(str(row[c]) for c in cols))


if __name__ == "__main__":
    main()
