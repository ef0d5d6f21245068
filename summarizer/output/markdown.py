"""Rendering a ``Briefing`` or a ``Digest`` for people as Markdown: the view (``output.view``)
laid out by ``templates/briefing.md.j2`` (``digest.md.j2`` for several stories, ``stories.md.j2``
for ``summarizer stories``). JSON is the schemas' own serialisation.

Everything that came from an article or a file name is data, never Markdown: the template
environment passes it through ``_md_escape`` (see there for the rule) so that it renders as the
same characters, literally, in any CommonMark/GFM renderer. Only the structure the templates
write themselves (headings, bullets, ``**bold**``, ``*italics*``, the ``[n]`` source markers,
which have no link definitions to resolve to) is Markdown.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from ..schemas import Briefing, Digest, FailedArticle, SetAside, Story
from .templates import render
from .view import briefing_view, digest_view, stories_view

# Line breaks for CommonMark (\n, \r) and for other readers (\v, \f, NEL, LS, PS, the
# information separators str.splitlines() breaks at), and tabs: all become one space.
_MD_BREAKS = re.compile(r"[ \t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
_MD_PUNCT = frozenset(string.punctuation)  # ASCII punctuation: what a backslash may escape
_MD_INERT = frozenset(",;?'\"%")  # start nothing in CommonMark/GFM, wherever they stand
_WORD_JOINER = "\u2060"  # invisible, no break: keeps ``@`` from starting an e-mail autolink


def _md_escape(text: str) -> str:
    """Article-derived text is data: keep it from turning into Markdown/HTML structure.

    One line (every line break and tab becomes a space, runs collapse, ends trimmed), and a
    backslash before every ASCII punctuation character -- CommonMark renders ``\\X`` as a
    literal X for any ASCII punctuation X, so the text reads the same once rendered -- except
    where the character can start nothing, to keep the raw Markdown readable:

    - ``, ; ? ' " %`` never;
    - ``.`` and ``:`` followed by a space or the end of the text (sentence punctuation),
      except a ``.`` right after the text's leading digits (``1.`` would start a list);
    - ``-`` anywhere but first (only a line-start ``-`` is syntax: list, rule, underline);
    - ``/`` unless another ``/`` follows (``//host`` is a link to some linkifiers).

    So ``\\ ` * _ [ ] ( ) ! < > & | ~ # + = $ ^ { } @`` are always escaped: no emphasis,
    code span, link, image, raw HTML, entity, table cell, strikethrough, heading, list,
    footnote or math can form, nor a reference definition for our ``[n]`` markers.

    Bare links: every ``.`` and ``:`` inside a word is escaped, so ``www.x.y``, ``http://x``
    and ``x.y`` never reach a linkifier in one piece -- GFM's extended autolinks (cmark-gfm
    matches ``www.`` and ``://`` in the unescaped source) and markdown-it's linkify (it skips
    the pieces escapes split the text into) both leave them as text, and the rendered text
    keeps every character. Only e-mail autolinks are found by cmark-gfm after the text is
    joined back together (its postprocess), so ``@`` is also followed by an invisible
    WORD JOINER (U+2060): ``a@b.c`` no longer parses as an address.
    """
    text = _MD_BREAKS.sub(" ", text).strip()
    digits = len(text) - len(text.lstrip(string.digits))
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _MD_PUNCT and ch not in _MD_INERT:
            nxt = text[i + 1 : i + 2]
            inert = (
                (ch in ".:" and nxt in ("", " ") and not (ch == "." and i == digits))
                or (ch == "-" and i > 0)
                or (ch == "/" and nxt != "/")
            )
            if not inert:
                out.append("\\")
        out.append(ch)
        if ch == "@":
            out.append(_WORD_JOINER)
    return "".join(out)


def _escape(text: str) -> str:
    """``_md_escape``, looked up at each call: a test swaps the rule for its control."""
    return _md_escape(text)


def markdown(b: Briefing, *, evidence: bool = False, texts: dict[str, str] | None = None) -> str:
    """The briefing as Markdown. ``evidence=True`` lists each item's evidence spans
    (with the text itself when ``texts``, article id -> article text, is given)."""
    return render(_escape, "briefing.md.j2", v=briefing_view(b, texts, evidence=evidence), level=1)


def markdown_digest(d: Digest, *, evidence: bool = False, texts: dict[str, str] | None = None) -> str:
    """A mixed input as Markdown: a front page listing the stories (most outlets first), then
    each story's briefing one heading level down, then what was set aside or failed."""
    text = render(_escape, "digest.md.j2", d=digest_view(d, texts, evidence=evidence))
    return text.rstrip("\n") + "\n"


def markdown_stories(stories: list[Story], set_aside: Sequence[SetAside] = (), failed: Sequence[FailedArticle] = ()) -> str:
    """``summarizer stories``: each story's id, title, members and what ties them."""
    text = render(_escape, "stories.md.j2", d=stories_view(stories, list(set_aside), list(failed)))
    return text.rstrip("\n") + "\n"
