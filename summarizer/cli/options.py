"""The command line's options: the output formats and the options every command that runs
the model takes, declared once (``runs_the_model`` gives them to a command)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..llm.settings import ENVIRONMENT, MODES


class Fmt(str, Enum):
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"


# ----------------------------------------------------------------------------- shared options

ModelOpt = Annotated[str | None, typer.Option("--model", "-m", envvar=list(ENVIRONMENT["model"]), help="Model name at the endpoint.")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar=list(ENVIRONMENT["base_url"]),
        help="OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp, vLLM, LM Studio). Unset: the embedded local model.",
    ),
]
ApiKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        envvar=list(ENVIRONMENT["api_key"]),
        show_envvar=True,
        help="Key for --base-url. OPENAI_API_KEY is used for api.openai.com only.",
    ),
]
ModeOpt = Annotated[
    str | None,
    typer.Option("--mode", envvar=list(ENVIRONMENT["mode"]), help=f"instructor mode: {' | '.join(MODES)} (default: tools for OpenAI, json_schema elsewhere)."),
]
GgufOpt = Annotated[
    str | None, typer.Option("--gguf", envvar=list(ENVIRONMENT["gguf"]), help="Run the embedded runtime on this GGUF instead of the packaged model.")
]
ReplayOpt = Annotated[
    Path | None, typer.Option("--replay", help="Answer only from this recording: no network, no model.", file_okay=False)
]
RecordOpt = Annotated[Path | None, typer.Option("--record", help="Save every model exchange into this folder.", file_okay=False)]
ConcOpt = Annotated[int | None, typer.Option("--concurrency", "-j", min=1, help="Articles in flight (default 1 embedded, 4 remote).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the response cache.")]
TimeoutOpt = Annotated[float | None, typer.Option("--timeout", envvar=list(ENVIRONMENT["timeout"]), help="Seconds per model request.")]
ReasksOpt = Annotated[
    int | None,
    typer.Option("--reasks", min=0, help="Re-asks when a speaker the model gives is not named near its quote (default: 0 embedded, 1 remote)."),
]
ContextOpt = Annotated[int | None, typer.Option("--context-tokens", envvar=list(ENVIRONMENT["context_tokens"]), min=512, help="The model's context window in tokens (default: read from the endpoint; chosen for the embedded model).")]  # fmt: skip
ChunkOpt = Annotated[int | None, typer.Option("--chunk-chars", envvar=list(ENVIRONMENT["chunk_chars"]), min=1000, help="A longer article is read in overlapping parts of at most this many characters (default 10000).")]  # fmt: skip
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Follow redirects and feed links to private and local addresses.")]
EntriesOpt = Annotated[int | None, typer.Option("--max-entries", envvar=list(ENVIRONMENT["max_entries"]), min=1, help="Entries read per feed (default 50).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
ThreadsOpt = Annotated[int | None, typer.Option("--threads", envvar=list(ENVIRONMENT["threads"]), min=1, help="The embedded model's CPU threads (default: the cores this process may use).")]  # fmt: skip
BatchOpt = Annotated[bool, typer.Option("--batch", help="Send the per-article requests through the endpoint's OpenAI Batch API (half the cost, no rate limits; answers within 24 h). Needs --base-url.")]  # fmt: skip
KeepNoiseOpt = Annotated[
    bool,
    typer.Option("--keep-noise", help="Brief every document, also those that look like no article (too short, page furniture, copies)."),
]


def _run_options(
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    mode: ModeOpt = None,
    gguf: GgufOpt = None,
    replay: ReplayOpt = None,
    record: RecordOpt = None,
    concurrency: ConcOpt = None,
    no_cache: NoCacheOpt = False,
    timeout: TimeoutOpt = None,
    reasks: ReasksOpt = None,
    context_tokens: ContextOpt = None,
    chunk_chars: ChunkOpt = None,
    threads: ThreadsOpt = None,
    allow_private: PrivateOpt = False,
    max_entries: EntriesOpt = None,
    batch: BatchOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """The options every command that runs the model takes, in the order --help lists them
    (only its signature is used: ``_runs_the_model``)."""


def _runs_the_model(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command`` the shared options of ``_run_options`` in place of its ``**run``:
    typer reads the signature this sets, and the command receives them in ``run``."""
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.kind is not p.VAR_KEYWORD]
    shared = list(inspect.signature(_run_options, eval_str=True).parameters.values())

    @functools.wraps(command)
    def wrapper(**given: Any) -> None:
        command(**given)

    wrapper.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *shared]}
    return wrapper



FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="md (default), json, or html (a self-contained review page).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout ('-' = stdout).")]
EvidenceOpt = Annotated[bool, typer.Option("--evidence", help="Diagnostics: evidence spans, what has no evidence, lines set aside as not news.")]
SINCE_HELP = (
    "An earlier briefing or digest this tool wrote as JSON: mark each story, fact, disagreement, quote and event "
    "new, updated or unchanged since it, list what no article reports any more, and open with what is new."
)
STORE_HELP = (
    "A SQLite file that keeps every article seen with its result and the last briefing: articles seen before are not "
    "asked again, and the last briefing is the --since of the next run. Env: SUMMARIZER_STORE."
)
WINDOW_HELP = "With --store: also brief the stored articles published this long before the newest of this run (48h, 7d)."
PRUNE_HELP = "Forget the articles published more than this long (48h, 30d) before the newest one, and every briefing but the last."
DAYS_HELP = "A feed over days (a folder per day + labels.json): brief each day since the day before, score the marks."
DESK_HELP = "A desk test set (a folder per story: articles + labels.json): brief each story, print an editor's score."
BRIEFING_HELP = "Score this briefing JSON (e.g. 'brief --adjudicate --format json') instead of merging the inputs."
STORIES_HELP = "Score the stories and set-aside documents of this JSON ('stories --format json' or 'brief --format json')."
