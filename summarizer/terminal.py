"""What the command line prints on a terminal, made safe: messages carry untrusted text (a
URL, a feed's link, an endpoint's error body, an article's words), so none of it is read as
rich markup ("[/red]" would crash the run, "[link=...]" would disguise a hyperlink) and no
control or escape sequence reaches the terminal (colours, cursor moves, OSC 8 links, a title
change). Only the label in front ("error:", "warning:", "failed") is styled."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

#: the command line's stderr (progress, warnings, errors); stdout carries data only
err = Console(stderr=True, highlight=False)

# C0 controls but tab and newline, DEL, C1 controls (ESC starts every terminal sequence)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: object) -> str:
    """``text`` with every control character removed (tab and newline kept)."""
    return _CONTROLS.sub("", str(text))


def line(text: object, label: str | None = None, style: str | None = None) -> Text:
    """One message as a rich ``Text``: ``label`` styled, ``text`` literal (never markup)."""
    out = Text()
    if label:
        out.append(label, style=style)
        out.append(" ")
    out.append(plain(text))
    return out


def show(console: Console, text: object, label: str | None = None, style: str | None = None) -> None:
    """Print one message on ``console`` (stderr): see ``line``."""
    console.print(line(text, label, style), soft_wrap=True)
