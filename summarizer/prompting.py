"""Rendering the prompt templates in ``prompts/``.

Templates are Jinja2 rendered in a ``SandboxedEnvironment`` with ``StrictUndefined``: a
misspelt variable is an error, not an empty string. Article text is only ever passed as a
*variable*; Jinja does not evaluate the contents of variables, so an article containing
``{{ 7*7 }}`` or ``{% raw %}`` reaches the model unchanged.

The templates ship inside the wheel as ``summarizer/prompts``; in a source checkout they are
read from the top-level ``prompts/`` folder. ``SUMMARIZER_PROMPTS_DIR`` points at your own.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

_CANDIDATES = (
    Path(__file__).parent / "prompts",  # installed wheel
    Path(__file__).parent.parent / "prompts",  # source checkout / editable install
)


def prompts_dir() -> Path:
    """``$SUMMARIZER_PROMPTS_DIR`` (your own templates), else the packaged ones."""
    override = os.environ.get("SUMMARIZER_PROMPTS_DIR")
    if override:
        return Path(override)
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("prompt templates not found (expected summarizer/prompts or ./prompts)")


@lru_cache(maxsize=4)
def _env(directory: Path) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(directory)),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def render(name: str, **variables: object) -> str:
    """Render ``prompts/<name>`` with ``variables``."""
    return _env(prompts_dir()).get_template(name).render(**variables)
