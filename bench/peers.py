"""Side by side with a peer on the same endpoint and the same five articles.

    python -m bench.peers --peer-python /path/to/peers-venv/bin/python

Starts the embedded llama.cpp server once (our runtime, same model and settings), then for
each seed article times (a) ``summarizer extract`` against that server as a plain
``--base-url`` endpoint and (b) simonw/llm (``llm --schema`` with our request schema, the
endpoint configured as an extra OpenAI model, same system prompt), and checks whether each
output validates against the request schema. The peer lives in its own environment: it is
not a dependency. Prints a table and writes bench/results/peers.json.
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

    from summarizer.articles import load
    from summarizer.extract import build_messages
    from summarizer.llm.local import EmbeddedServer, packaged_gguf
    from summarizer.llm.settings import EMBEDDED_MODEL
    from summarizer.schemas import ArticleExtraction

    ap = argparse.ArgumentParser()
    ap.add_argument("--peer-python", required=True, help="python of a venv with llm installed")
    ap.add_argument("--reasks", default="0")
    ap.add_argument("--llm-first", action="store_true",
                    help="run llm before ours on each article (the second one finds the prompt in llama.cpp's cache)")
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

            def peer():
                # llm: one schema-constrained call with the same prompts
                t0 = time.perf_counter()
                p = subprocess.run(
                    [llm_bin, "-m", "local", "--schema", schema, "-s", system, "--no-stream", "-o", "temperature", "0", user],
                    capture_output=True, text=True, env=env,
                )  # fmt: skip
                seconds = time.perf_counter() - t0
                logs = subprocess.run([llm_bin, "logs", "--json", "-n", "1"], capture_output=True, text=True, env=env)
                entry = (json.loads(logs.stdout) or [{}])[0] if logs.returncode == 0 and logs.stdout.strip() else {}
                return p, seconds, entry

            if args.llm_first:
                p, llm_s, entry = peer()
                r, ours_s, usage = ours()
            else:
                r, ours_s, usage = ours()
                p, llm_s, entry = peer()
            try:
                ArticleExtraction.model_validate_json(p.stdout)
                valid = True
            except (ValidationError, ValueError):
                valid = False
            rows.append({
                "article": a.id[:3],
                "ours_s": round(ours_s, 1),
                "ours_tokens": f"{usage.get('prompt_tokens', '?')}+{usage.get('completion_tokens', '?')}",
                "ours_valid": r.returncode == 0,
                "llm_s": round(llm_s, 1),
                "llm_tokens": f"{entry.get('input_tokens', '?')}+{entry.get('output_tokens', '?')}",
                "llm_valid": valid,
            })  # fmt: skip
            print(rows[-1], flush=True)
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    name = "peers-llm-first.json" if args.llm_first else "peers.json"
    (ROOT / "bench" / "results" / name).write_text(json.dumps(rows, indent=2) + "\n")
    cols = list(rows[0])
    print("  ".join(cols))
    for row in rows:
        print("  ".join(str(row[c]) for c in cols))


if __name__ == "__main__":
    main()
