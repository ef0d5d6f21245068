"""Finding the output templates in ``templates/`` and the Jinja environment that lays out a view.

The templates ship inside the wheel as ``summarizer/templates``; in a source checkout they are
read from the top-level ``templates/`` folder (as ``prompting`` finds ``prompts/``).

Escaping is Jinja's autoescape with the format's own rule: every value a template prints goes
through ``escape`` (``html.escape`` for the review page, ``markdown._md_escape`` for Markdown)
unless it is ``Markup`` -- what this code wrote itself: a heading, a citation mark, a macro's
output. So an article's words are never markup in either format, and no template has to
remember to escape them. ``escaped`` (a filter) escapes each item of a list before a ``join``;
``asset(name)`` is a file of the folder as it is (the page's CSS and script, never a template).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .view import WORDS

_CANDIDATES = (
    Path(__file__).parent.parent / "templates",  # installed wheel
    Path(__file__).parent.parent.parent / "templates",  # source checkout / editable install
)


def templates_dir() -> Path:
    """The packaged templates, else the source checkout's."""
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("output templates not found (expected summarizer/templates or ./templates)")


@lru_cache(maxsize=4)
def environment(escape: Callable[[str], str]) -> Environment:
    """Templates of ``templates_dir()`` escaping with ``escape``. Whitespace is the templates':
    a line holding only a ``{% tag %}`` leaves nothing (``trim_blocks``, ``lstrip_blocks``),
    and a file's last newline stays."""
    directory = templates_dir()

    def finalize(value: object) -> Markup:
        return value if isinstance(value, Markup) else Markup(escape(str(value)))

    env = Environment(
        loader=FileSystemLoader(str(directory)),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["escaped"] = finalize
    env.globals["w"] = WORDS
    env.globals["asset"] = lambda name: Markup((directory / name).read_text(encoding="utf-8"))
    return env


def render(escape: Callable[[str], str], name: str, **variables: object) -> str:
    """Render ``templates/<name>`` with ``variables``, escaping data with ``escape``."""
    return environment(escape).get_template(name).render(**variables)
