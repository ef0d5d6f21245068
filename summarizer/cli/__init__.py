"""The command line: a thin typer layer over ``api``, ``merge`` and ``output`` -- the commands
here, their shared options in ``options``, what they do once the options are read (settings,
the run with its progress, writes, the exit code) in ``running``.

Data goes to stdout (or ``-o``); progress and logs go to stderr.
Exit codes: 0 ok, 1 fatal, 2 usage or bad input, 3 partial (some articles failed; the
good results are still written and the failures listed).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import InputError, SummarizerError
from ..terminal import err, show
from .options import (
    BRIEFING_HELP,
    DAYS_HELP,
    DESK_HELP,
    PRUNE_HELP,
    SINCE_HELP,
    STORE_HELP,
    STORIES_HELP,
    WINDOW_HELP,
    EvidenceOpt,
    Fmt,
    FormatOpt,
    KeepNoiseOpt,
    OutputOpt,
    ReplayOpt,
    _runs_the_model,
)
from .running import (
    EXIT_FATAL,
    EXIT_USAGE,
    _check_outputs,
    _emit,
    _fail,
    _load_and_run,
    _per_article_writer,
    _report_and_exit_code,
    _settings,
    _writable,
    _write,
)

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
    from ..api import load_results, merge_digest, texts_for
    from ..pipeline import single_briefing

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
    since: Annotated[Path | None, typer.Option("--since", dir_okay=False, help=SINCE_HELP)] = None,
    store: Annotated[Path | None, typer.Option("--store", dir_okay=False, envvar="SUMMARIZER_STORE", help=STORE_HELP)] = None,
    window: Annotated[str | None, typer.Option("--window", envvar="SUMMARIZER_WINDOW", help=WINDOW_HELP)] = None,
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
    from ..api import open_store
    from ..following import follow, read_briefing, with_changes
    from ..pipeline import single_briefing

    if fmt == Fmt.jsonl:
        raise _fail(EXIT_USAGE, "--format jsonl is not available for briefings (use md, json or html)")
    settings = _settings({**locals(), **run})
    _check_outputs(output, out_dir, run["record"])
    if split_dir is not None:
        _writable(split_dir, folder=True, what="--split-dir")
    try:
        kept = open_store(store, window)
        earlier = read_briefing(since) if since is not None else kept["store"].last() if kept else None
    except InputError as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    on_result = _per_article_writer(out_dir)
    texts: dict[str, str] = {}

    report, digest = _load_and_run(
        paths, settings, run, on_result, texts, brief=True, screen=not keep_noise, kept=kept
    )  # fmt: skip
    if not run["quiet"] and (len(digest.stories) > 1 or digest.set_aside):
        err.print(f"{len(digest.stories)} stories; {len(digest.set_aside)} documents set aside", soft_wrap=True)
    out = single_briefing(digest) or digest
    if kept:  # changes against the store's last briefing (or --since), and this one kept: the next run's --since
        out = follow(out, list(report.results.values()), kept["store"], earlier, from_store=since is None)
    elif earlier is not None:
        out = with_changes(out, earlier, report.results.values())
    if split_dir is not None:
        for story in digest.stories:
            mine = out.changes.of_story(story.id if out is digest else None) if out.changes else None
            _emit(story.briefing.model_copy(update={"changes": mine}), fmt, split_dir / f"{story.id}.{fmt.value}", evidence, texts)
    _emit(out, fmt, output, evidence, texts)
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
    from ..api import stories as stories_of
    from ..output.markdown import markdown_stories
    from ..schemas import Digest, FailedArticle

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


@app.command(epilog="Example:\n\n  summarizer store news.db --list\n\n  summarizer store news.db --prune 30d")
def store(
    path: Annotated[Path, typer.Argument(help="A store written by 'brief --store'.", dir_okay=False, exists=True)],
    list_: Annotated[bool, typer.Option("--list", help="List the articles it holds.")] = False,
    prune: Annotated[str | None, typer.Option("--prune", help=PRUNE_HELP)] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="md (default) or json, for --list.")] = Fmt.md,
) -> None:
    """Inspect or trim the store of a followed feed: the articles seen (their results are
    reused, not asked again) and the last briefing (the next run's --since)."""
    from ..api import open_store
    from ..inputs.store import as_json, parse_window

    try:
        s = open_store(path, None)["store"]
        if prune is not None:
            articles, briefings = s.prune(parse_window(prune))
            err.print(f"pruned {articles} articles and {briefings} earlier briefings from {path}")
    except InputError as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    if list_ or prune is None:
        rows = s.articles()
        if fmt == Fmt.json:
            _write(as_json(rows), None)
        else:
            _write("| id | published | where | first seen |\n|---|---|---|---|\n" + "".join(
                f"| {x.id} | {x.published or ''} | {x.location or ''} | {x.fetched} |\n" for x in rows), None)  # fmt: skip


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
    days: Annotated[Path | None, typer.Option("--days", file_okay=False, exists=True, help=DAYS_HELP)] = None,
    replay: ReplayOpt = None,
) -> None:
    """Merge the inputs and print precision/recall against hand-written labels (people, events,
    quotes, facts), which labelled disagreements the briefing found, how many labelled quotes
    the records hold with the right speaker, and (labels with "stories") story purity and
    completeness and the documents set aside."""
    from ..api import label_report, load_results
    from ..evaluate import load_labels
    from ..schemas import Briefing

    if desk is not None or days is not None:
        _evaluate_desk(desk, replay, show_errors) if desk is not None else _evaluate_days(days, replay, show_errors)
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
    from ..api import desk as score_desk
    from ..evaluate import desk_line, desk_total

    try:
        scores = score_desk(desk, **({"replay": str(replay)} if replay is not None else {}))
    except (InputError, ValueError) as exc:  # no stories, or a label that cannot be used
        raise _fail(EXIT_USAGE, str(exc)) from None
    except SummarizerError as exc:
        raise _fail(EXIT_FATAL, str(exc)) from None
    for score in scores:
        sys.stdout.write(desk_line(score) + "\n" + "".join(f"  {e}\n" for e in score.errors if show_errors))
    sys.stdout.write(desk_total(scores) + "\n")


def _evaluate_days(folder: Path | None, replay: Path | None, show_errors: bool) -> None:
    """``evaluate --days``: the marks of each day's briefing against the day before's (``api.days``)."""
    from ..api import days as score_days
    from ..evaluate.days import days_table

    try:
        score, _ = score_days(folder or Path("."), **({"replay": str(replay)} if replay is not None else {}))
    except SummarizerError as exc:
        raise _fail(EXIT_USAGE if isinstance(exc, InputError) else EXIT_FATAL, str(exc)) from None
    sys.stdout.write(days_table(score) + "".join(f"  {e}\n" for e in score.errors if show_errors))


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
