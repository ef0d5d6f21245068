"""The command line: a thin typer layer over ``pipeline``, ``merge`` and ``render``.

Data goes to stdout (or ``-o``); progress and logs go to stderr.
Exit codes: 0 ok, 1 fatal, 2 usage or bad input, 3 partial (some articles failed; the
good results are still written and the failures listed).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import ConfigError, EndpointError, InputError, ReplayMiss, SummarizerError
from .llm.exchanges import atomic_write
from .llm.settings import ENVIRONMENT, MODES, Settings
from .reading.grounding import summary_line
from .schemas import ArticleResult, GroundingReport
from .terminal import err, line, show

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

app = typer.Typer(
    help="Turn news articles into per-article structured JSON and one deduplicated, grounded briefing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Turn news articles into per-article structured JSON and one deduplicated, grounded briefing."""
    # instructor logs every failed attempt at ERROR; the CLI reports each outcome itself, once
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    ours = logging.getLogger("summarizer")
    if not any(isinstance(h, _Warnings) for h in ours.handlers):
        ours.addHandler(_Warnings())
        ours.propagate = False


class _Warnings(logging.Handler):
    """The package's warnings (a dropped cache entry ...) as one line each on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        show(err, record.getMessage(), "warning:", "yellow")


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
    allow_private: PrivateOpt = False,
    max_entries: EntriesOpt = None,
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


SETTING_NAMES = frozenset(f.name for f in fields(Settings))


def _settings(scope: dict[str, Any]) -> Settings:
    """The command's parameters that are settings (``locals()`` of a command) -> resolved
    settings (``Settings.from_sources``: the one path the library takes too); a bad one exits 2."""
    try:
        return Settings.from_sources({k: v for k, v in scope.items() if k in SETTING_NAMES})
    except ConfigError as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None


def _per_article_writer(out_dir: Path | None):
    """Each finished article goes to ``out_dir/<id>.json`` at once, atomically."""

    def write(r: ArticleResult) -> None:
        if out_dir is not None:
            try:
                atomic_write(out_dir / f"{r.source.id}.json", r.model_dump_json(indent=2) + "\n")
            except OSError as exc:
                raise InputError(f"cannot write {out_dir / (r.source.id + '.json')} ({exc.strerror}); check --out-dir") from None

    return write


def _writable(path: Path, *, folder: bool, what: str) -> None:
    """Before any model call: ``path`` can be written (a file for ``-o``, a folder otherwise)."""
    if path.exists():
        if folder and not path.is_dir():
            raise _fail(EXIT_USAGE, f"{path} is a file; {what} takes a folder")
        if not folder and path.is_dir():
            raise _fail(EXIT_USAGE, f"{path} is a folder; {what} takes a file path (or - for stdout)")
        target = path if folder else path.parent
    else:
        target = path.parent if not folder else path
    existing = next((p for p in [target, *target.parents] if p.exists()), Path("."))
    if not existing.is_dir():
        raise _fail(EXIT_USAGE, f"{existing} is a file, so {path} cannot be created; choose another {what} path")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _fail(EXIT_USAGE, f"cannot write to {existing} (permission denied); choose another {what} path")


def _check_outputs(output: Path | None = None, out_dir: Path | None = None, record: Path | None = None) -> None:
    if output is not None and str(output) != "-":
        _writable(output, folder=False, what="-o/--output")
    if out_dir is not None:
        _writable(out_dir, folder=True, what="--out-dir")
    if record is not None:
        _writable(record, folder=True, what="--record")


def _fail(code: int, message: str) -> typer.Exit:
    show(err, message, "error:", "red")
    return typer.Exit(code)


def _write(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        atomic_write(output, text)
    except OSError as exc:
        raise _fail(EXIT_FATAL, f"cannot write {output} ({exc.strerror}); the results are in the cache: rerun with another -o") from None


def _article_line(r: ArticleResult) -> str:
    u = r.usage
    src = "replayed" if u.requests == 0 and u.replayed else f"{u.model_seconds:.1f}s in model"
    return (
        f"{r.source.id}: {len(r.people)} people, {len(r.quotes)} quotes, "
        f"{len(r.events)} events; {u.prompt_tokens}+{u.completion_tokens} tokens, {src}"
    )


async def _run_with_progress(settings: Settings, arts, replay, record, quiet, on_result, brief=False, screen=None, early=None, aside=None):
    """``api.run_articles`` with the CLI's progress display and per-article lines."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .api import run_articles

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
        console=err, transient=True, disable=quiet,
    )  # fmt: skip

    def log(msg: str) -> None:
        if not quiet:
            progress.console.print(line(msg), soft_wrap=True)

    def say(message: str, warning: bool = False) -> None:
        if warning:
            show(err, message, "warning:", "yellow")
        elif not quiet:
            show(err, message)

    with progress:
        task = progress.add_task("extracting", total=len(arts))

        def ready(llm) -> None:
            if llm.server is not None:
                log(f"embedded model {settings.model} up at {llm.base_url} ({llm.server.load_seconds:.1f}s); context {llm.server.context_reason}")
            elif llm.window.tokens is not None:
                log(f"context: {llm.window.tokens:,} tokens ({llm.window.source})")

        def started(a) -> None:
            progress.update(task, description=f"extracting {a.id}")

        def done(r: ArticleResult) -> None:
            on_result(r)
            progress.advance(task)
            if not quiet:
                progress.console.print(line(_article_line(r), "done", "green"), soft_wrap=True)

        def failed(a, msg: str) -> None:
            progress.advance(task)
            show(err, msg, "failed", "red")

        return await run_articles(
            arts, settings, replay=replay, record=record, brief=brief, screen=screen, failed=early, set_aside=aside,
            on_start=started, on_result=done, on_error=failed, on_ready=ready, say=say,
        )  # fmt: skip


def _load_and_run(paths, settings: Settings, run: dict[str, Any], on_result, texts=None, brief=False, screen=None):
    """Load + extract (+ stories and briefings) with the CLI's error handling; returns (run
    report, digest or None). ``run``: the shared options (``_run_options``). A URL that cannot
    be fetched is one line on stderr and a failure in the report; the rest go on."""
    from .api import read_inputs

    replay, record, quiet = run["replay"], run["record"], run["quiet"]
    try:  # brief and stories list files with no article text apart; extract refuses them
        loaded = read_inputs(paths, settings=settings, lenient=brief or screen is not None)
    except InputError as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    arts, early, aside = loaded.articles, loaded.failed, loaded.set_aside
    for why in early.values():
        show(err, why, "failed", "red")
    if not arts and early:
        raise _fail(EXIT_FATAL, "no input could be read")
    for a in arts:
        if a.encoding not in (None, "utf-8") and not quiet:
            show(err, f"{a.path or a.id}: not UTF-8, read as {a.encoding}")
    if texts is not None:
        texts.update({a.id: a.raw for a in arts})
    try:
        return asyncio.run(_run_with_progress(settings, arts, replay, record, quiet, on_result, brief, screen, early, aside))
    except (ConfigError, InputError) as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    except (EndpointError, ReplayMiss, SummarizerError) as exc:
        raise _fail(EXIT_FATAL, str(exc)) from None
    except KeyboardInterrupt:
        raise _fail(130, "interrupted; finished articles were written") from None


def _report_and_exit_code(report, quiet: bool) -> int:
    total = GroundingReport()
    for r in report.results.values():
        total = total.add(r.grounding)
    u = report.usage
    if not quiet:
        err.print(f"{len(report.results)} ok, {len(report.failed)} failed; {summary_line(total)}", soft_wrap=True)
        err.print(
            f"usage: {u.requests} model calls, {u.replayed} replayed/cached, "
            f"{u.prompt_tokens} prompt + {u.completion_tokens} completion tokens, {u.model_seconds:.1f}s in model",
            soft_wrap=True,
        )
    if report.failed and not report.results:
        return EXIT_FATAL
    return EXIT_PARTIAL if report.failed else EXIT_OK


# ----------------------------------------------------------------------------- commands


@app.command(
    epilog="Examples:\n\n"
    "  summarizer extract seeds/ --out-dir out/\n\n"
    "  summarizer extract article.txt --format jsonl\n\n"
    "  summarizer extract seeds/ --replay fixtures/seeds --out-dir out/\n\n"
    "  cat story.txt | summarizer extract - -m llama3.1 --base-url http://localhost:11434/v1"
)
@_runs_the_model
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt .md .html), folders, http(s) URLs of pages or RSS/Atom feeds, or - for stdin.")],
    out_dir: Annotated[Path | None, typer.Option("--out-dir", "-d", help="Write <article-id>.json per article here.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Without --out-dir: write here instead of stdout.")] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="json (an array) or jsonl, without --out-dir.")] = Fmt.json,
    **run: Any,
) -> None:
    """Extract structured JSON from each article (title, summary, people, quotes, events...)."""
    if fmt not in (Fmt.json, Fmt.jsonl):
        raise _fail(EXIT_USAGE, "extract writes --format json or jsonl")
    settings = _settings({**locals(), **run})
    _check_outputs(output if out_dir is None else None, out_dir, run["record"])
    on_result = _per_article_writer(out_dir)
    report, _ = _load_and_run(paths, settings, run, on_result)
    if out_dir is None:
        items = [r.model_dump(mode="json") for r in report.results.values()]
        if fmt == Fmt.jsonl:
            text = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
        else:
            text = json.dumps(items, indent=2, ensure_ascii=False) + "\n"
        _write(text, output)
    raise typer.Exit(_report_and_exit_code(report, run["quiet"]))


def _emit(item, fmt: Fmt, output: Path | None, evidence: bool, texts: dict[str, str]) -> None:
    """A ``Briefing`` or a ``Digest`` (several stories) in ``fmt`` to ``output``."""
    from .output.html import html, html_digest
    from .output.markdown import markdown, markdown_digest
    from .schemas import Digest

    many = isinstance(item, Digest)
    if fmt == Fmt.md:
        text = (markdown_digest if many else markdown)(item, evidence=evidence, texts=texts)
    elif fmt == Fmt.json:
        text = item.model_dump_json(indent=2) + "\n"
    elif fmt == Fmt.html:
        text = (html_digest if many else html)(item, texts, evidence=evidence)
    else:
        raise _fail(EXIT_USAGE, f"--format {fmt.value} is not available for briefings (use md, json or html)")
    _write(text, output)


FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="md (default), json, or html (a self-contained review page).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout ('-' = stdout).")]
EvidenceOpt = Annotated[bool, typer.Option("--evidence", help="Diagnostics: evidence spans, what has no evidence, lines set aside as not news.")]
DESK_HELP = "A desk test set (a folder per story: articles + labels.json): brief each story, print an editor's score."
BRIEFING_HELP = "Score this briefing JSON (e.g. 'brief --adjudicate --format json') instead of merging the inputs."
STORIES_HELP = "Score the stories and set-aside documents of this JSON ('stories --format json' or 'brief --format json')."


@app.command(
    epilog="Examples:\n\n"
    "  summarizer extract seeds/ --out-dir out/ && summarizer merge out/ -o briefing.md\n\n"
    "  summarizer merge out/*.json --format json"
)
def merge(
    inputs: Annotated[list[Path], typer.Argument(help="Per-article JSON files written by 'extract' (or folders of them).")],
    output: OutputOpt = None,
    fmt: FormatOpt = Fmt.md,
    evidence: EvidenceOpt = False,
) -> None:
    """Merge per-article JSON into one deduplicated briefing (one per story when they tell
    several, as 'brief' does). No model call."""
    from .api import load_results, merge_digest, texts_for
    from .pipeline import single_briefing

    try:
        results = load_results(inputs)
    except InputError as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    _check_outputs(output)
    texts = texts_for(results)
    digest = merge_digest(results, texts=texts)
    _emit(single_briefing(digest) or digest, fmt, output, evidence, texts)


@app.command(
    epilog="Examples:\n\n"
    "  summarizer brief seeds/\n\n"
    "  summarizer brief seeds/ --replay fixtures/seeds --format json -o briefing.json\n\n"
    "  summarizer brief feed/ -m gpt-4o-mini --base-url https://api.openai.com/v1 -j 8"
)
@_runs_the_model
def brief(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt .md .html), folders, http(s) URLs of pages or RSS/Atom feeds, or - for stdin.")],
    output: OutputOpt = None,
    fmt: FormatOpt = Fmt.md,
    evidence: EvidenceOpt = False,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", "-d", help="Also write <article-id>.json per article here.")] = None,
    synthesis: Annotated[
        bool | None,
        typer.Option(
            "--synthesis/--no-synthesis",
            help="Ask the model for a headline and overview written from the merged facts (default: on for endpoints, "
            "off for the embedded model). Without one, or when it says more than the facts, the briefing opens "
            "with the most corroborated statements.",
            show_default=False,
        ),
    ] = None,
    split_dir: Annotated[
        Path | None,
        typer.Option("--split-dir", help="Also write one file per story here: <story-id>.<format>.", file_okay=False),
    ] = None,
    keep_noise: KeepNoiseOpt = False,
    adjudicate: Annotated[
        bool | None,
        typer.Option(
            "--adjudicate/--no-adjudicate",
            help="Ask the model, in one batched call, about the statement pairs code cannot settle (same fact, "
            "conflict, or unrelated); its 'conflict' stands only where code finds what differs. Default: on for "
            "endpoints, off for the embedded model (measured: its answers lower precision; see the README).",
            show_default=False,
        ),
    ] = None,
    **run: Any,
) -> None:
    """Extract every article and brief it: one deduplicated briefing with sources for every item.

    A mixed input (a day's folder, a feed) is grouped into stories first: the output opens with
    the list of stories (most outlets first) and holds each story's briefing; documents that are
    not articles are listed apart. One story reads as a single briefing."""
    from .pipeline import single_briefing

    if fmt == Fmt.jsonl:
        raise _fail(EXIT_USAGE, "--format jsonl is not available for briefings (use md, json or html)")
    settings = _settings({**locals(), **run})
    _check_outputs(output, out_dir, run["record"])
    if split_dir is not None:
        _writable(split_dir, folder=True, what="--split-dir")
    on_result = _per_article_writer(out_dir)
    texts: dict[str, str] = {}

    report, digest = _load_and_run(
        paths, settings, run, on_result, texts, brief=True, screen=not keep_noise
    )  # fmt: skip
    if not run["quiet"] and (len(digest.stories) > 1 or digest.set_aside):
        err.print(f"{len(digest.stories)} stories; {len(digest.set_aside)} documents set aside", soft_wrap=True)
    if split_dir is not None:
        for story in digest.stories:
            target = split_dir / f"{story.id}.{fmt.value}"
            _emit(story.briefing, fmt, target, evidence, texts)
    _emit(single_briefing(digest) or digest, fmt, output, evidence, texts)
    raise typer.Exit(_report_and_exit_code(report, run["quiet"]))


@app.command(
    epilog="Examples:\n\n"
    "  summarizer stories today/ --replay fixtures/mixed\n\n"
    "  summarizer stories https://example.org/rss --format json -o stories.json"
)
@_runs_the_model
def stories(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders, URLs or feeds, or - for stdin.")],
    output: OutputOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="md (default) or json.")] = Fmt.md,
    keep_noise: KeepNoiseOpt = False,
    **run: Any,
) -> None:
    """List the stories of a mixed input (ids, titles, member articles, what ties them) and the
    documents set aside, without writing briefings. The extraction is the one 'brief' uses (and
    caches)."""
    from .api import stories as stories_of
    from .output.markdown import markdown_stories
    from .schemas import Digest, FailedArticle

    if fmt not in (Fmt.md, Fmt.json):
        raise _fail(EXIT_USAGE, "stories writes --format md or json")
    settings = _settings({**locals(), **run})
    _check_outputs(output, None, run["record"])
    texts: dict[str, str] = {}
    report, _ = _load_and_run(paths, settings, run, lambda r: None, texts, screen=not keep_noise)
    found = stories_of(report.results.values(), texts=texts)
    failed = [FailedArticle(id=k, error=v) for k, v in sorted(report.failed.items())]
    if fmt == Fmt.json:
        text = Digest(stories=found, set_aside=report.set_aside, failed=failed).model_dump_json(indent=2) + "\n"
    else:
        text = markdown_stories(found, report.set_aside, failed)
    _write(text, output)
    raise typer.Exit(_report_and_exit_code(report, run["quiet"]))


@app.command(
    epilog="Example:\n\n"
    "  summarizer extract seeds/ --replay fixtures/seeds -d out/ && "
    "summarizer evaluate out/ --labels tests/data/seed-labels.json"
)
def evaluate(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Per-article JSON files written by 'extract' (or folders of them).")
    ] = None,
    labels: Annotated[Path | None, typer.Option("--labels", "-l", help="Hand-written labels (JSON).", exists=True, dir_okay=False)] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List every wrong or missed merge.")] = False,
    briefing_file: Annotated[Path | None, typer.Option("--briefing", help=BRIEFING_HELP)] = None,
    stories_file: Annotated[Path | None, typer.Option("--stories", help=STORIES_HELP)] = None,
    desk: Annotated[Path | None, typer.Option("--desk", file_okay=False, exists=True, help=DESK_HELP)] = None,
    replay: ReplayOpt = None,
) -> None:
    """Merge the inputs and print precision/recall against hand-written labels (people, events,
    quotes, facts), which labelled disagreements the briefing found, how many labelled quotes
    the records hold with the right speaker, and (labels with "stories") story purity and
    completeness and the documents set aside."""
    from .api import label_report, load_results
    from .evaluate import load_labels
    from .schemas import Briefing

    if desk is not None:
        _evaluate_desk(desk, replay, show_errors)
        return
    if labels is None or (not inputs and stories_file is None):
        raise _fail(EXIT_USAGE, "give --labels FILE with per-article JSON inputs or --stories FILE (or --desk DIR)")
    spec = load_labels(labels)
    try:
        results = load_results(inputs) if inputs else []
    except InputError as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    briefing = _read_json(briefing_file, Briefing) if briefing_file else None
    stories_data = _read_json(stories_file, None) if stories_file else None
    try:
        text, errors = label_report(spec, results, briefing=briefing, stories_data=stories_data)
    except ValueError as exc:  # a label that cannot be used, or a JSON with no stories
        raise _fail(EXIT_USAGE, f"{labels}: {exc}") from None
    sys.stdout.write(text + "".join(f"  {e}\n" for e in errors if show_errors))


def _evaluate_desk(desk: Path, replay: Path | None, show_errors: bool) -> None:
    """``evaluate --desk``: a line per story, then the totals (``api.desk``)."""
    from .api import desk as score_desk
    from .evaluate import desk_line, desk_total

    try:
        scores = score_desk(desk, **({"replay": str(replay)} if replay is not None else {}))
    except (InputError, ValueError) as exc:  # no stories, or a label that cannot be used
        raise _fail(EXIT_USAGE, str(exc)) from None
    except SummarizerError as exc:
        raise _fail(EXIT_FATAL, str(exc)) from None
    for score in scores:
        sys.stdout.write(desk_line(score) + "\n" + "".join(f"  {e}\n" for e in score.errors if show_errors))
    sys.stdout.write(desk_total(scores) + "\n")


def _read_json(path: Path, model):
    """A JSON file this tool wrote (validated as ``model`` when given); a bad one exits 2."""
    from pydantic import ValidationError

    try:
        text = path.read_text(encoding="utf-8")
        return model.model_validate_json(text) if model is not None else json.loads(text)
    except (OSError, ValidationError, ValueError) as exc:
        raise _fail(EXIT_USAGE, f"{path}: not a JSON this tool wrote ({str(exc).splitlines()[0]})") from None


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
