"""What every schema module shares: the schema versions and the check an answer's validator runs
(``checking``: a broken rule becomes an instructor re-ask)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Final

from pydantic import BaseModel, ValidationInfo

SCHEMA_VERSION: Final = 2  # 2: quotes found by code (no `kind`: every quote is verbatim)
BRIEFING_SCHEMA_VERSION: Final = 2

Check = Callable[[Any], "str | None"]
_check: ContextVar[Check | None] = ContextVar("summarizer_check", default=None)


@contextmanager
def checking(check: Check) -> Iterator[None]:
    """Validate with ``check`` in effect (in this task and the ones it awaits).

    A context variable rather than instructor's ``context=``: instructor renders the messages
    through Jinja whenever it is given a context, and our messages (article text included) are
    already rendered -- they must reach the model untouched. ``model_validate(...,
    context={"check": c})`` works as well.
    """
    token = _check.set(check)
    try:
        yield
    finally:
        _check.reset(token)


def run_check(model: BaseModel, info: ValidationInfo) -> Any:
    """Run the check in effect; a message it returns is a re-ask."""
    check = (info.context or {}).get("check") if info and info.context else _check.get()
    if check is not None:
        problems = check(model)
        if problems:
            raise ValueError(problems)
    return model
