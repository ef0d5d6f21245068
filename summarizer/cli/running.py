"""What the commands share once their options are read: settings, output checks and writes,
the run with its progress display, the exit code."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from types import FrameType
from typing import Any

import typer

from ..errors import ConfigError, EndpointError, InputError, ReplayMiss, SummarizerError
from ..llm.exchanges import atomic_write
from ..llm.settings import Settings
from ..reading.grounding import summary_line
from ..schemas import ArticleResult, GroundingReport
from ..terminal import err, line, show
from .options import Fmt

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # Ctrl-C (SIGINT), SIGTERM: 128 + the signal's number


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


async def _run_with_progress(settings: Settings, arts, replay, record, quiet, on_result, brief=False, screen=None, early=None, aside=None, kept=None):
    """``api.run_articles`` with the CLI's progress display and per-article lines."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..api import run_articles

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
                log(f"embedded model {settings.model} up at {llm.base_url} ({llm.server.load_seconds:.1f}s); "
                    f"context {llm.server.context_reason}; {llm.server.threads} threads")  # fmt: skip
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
            on_start=started, on_result=done, on_error=failed, on_ready=ready, say=say, **(kept or {}),
        )  # fmt: skip


def _load_and_run(paths, settings: Settings, run: dict[str, Any], on_result, texts=None, brief=False, screen=None, kept=None):
    """Load + extract (+ stories and briefings) with the CLI's error handling; returns (run
    report, digest or None). ``run``: the shared options (``_run_options``). A URL that cannot
    be fetched is one line on stderr and a failure in the report; the rest go on."""
    from ..api import read_inputs

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
        with _sigterm_as_ctrl_c() as terminated:
            return asyncio.run(_run_with_progress(settings, arts, replay, record, quiet, on_result, brief, screen, early, aside, kept))
    except (ConfigError, InputError) as exc:
        raise _fail(EXIT_USAGE, str(exc)) from None
    except (EndpointError, ReplayMiss, SummarizerError) as exc:
        raise _fail(EXIT_FATAL, str(exc)) from None
    except KeyboardInterrupt:
        if terminated:
            raise _fail(EXIT_TERMINATED, "terminated (SIGTERM); finished articles were written") from None
        raise _fail(EXIT_INTERRUPTED, "interrupted; finished articles were written") from None


@contextmanager
def _sigterm_as_ctrl_c() -> Iterator[list[int]]:
    """SIGTERM (a container stopping, a scheduler's kill) stops the run as Ctrl-C does: the
    SIGINT handler in place is called -- asyncio's, which cancels the run so that every
    ``finally`` runs and the server stops, else Python's, which raises ``KeyboardInterrupt``.
    The list it gives holds the signal once one came. Only in the main thread (elsewhere
    signal handlers cannot be set); the previous handler is put back on leaving."""
    terminated: list[int] = []

    def on_term(signum: int, frame: FrameType | None) -> None:
        terminated.append(signum)
        handler = signal.getsignal(signal.SIGINT)
        if not callable(handler):
            raise KeyboardInterrupt
        handler(signal.SIGINT, frame)

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread
        yield terminated
        return
    try:
        yield terminated
    finally:
        signal.signal(signal.SIGTERM, previous)


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



def _emit(item, fmt: Fmt, output: Path | None, evidence: bool, texts: dict[str, str]) -> None:
    """A ``Briefing`` or a ``Digest`` (several stories) in ``fmt`` to ``output``."""
    from ..output.html import html, html_digest
    from ..output.markdown import markdown, markdown_digest
    from ..schemas import Digest

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

