"""The briefing as one self-contained HTML review page (no network fetches; CSS/JS inline): the
view (``output.view``) laid out by ``templates/briefing.html.j2`` (``digest.html.j2`` for several
stories), with the page's own ``review.css`` and ``review.js``.

Everything that comes from an article is untrusted: the template environment escapes it with
``html.escape`` (Jinja's autoescape), and the article texts travel as JSON inside a
non-executable ``<script type="application/json">`` block (with ``<`` escaped) that the page's
own script reads and inserts with ``textContent`` only -- so a ``<script>`` in an article shows
as text, and links in articles are text, never followed.

Reading needs no JavaScript: every section is plain HTML and each article is in a
``<details>`` element. With JavaScript, clicking a fact, quote or event opens its article in
the source panel with the evidence span highlighted (offsets from the grounding step).
"""

from __future__ import annotations

import json
from html import escape

from markupsafe import Markup

from ..schemas import Briefing, Digest
from .templates import render
from .view import BriefingView, briefing_view, digest_view


def _json_for_script(data: object) -> Markup:
    """JSON that cannot close its <script> element."""
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _titles(views: list[BriefingView]) -> dict[str, str]:
    """The source panel's heading of each article: "[2] Its title"."""
    return {s.id: f"[{s.number}] {s.title}" for v in views for s in v.sources}


def html(b: Briefing, texts: dict[str, str] | None = None, *, evidence: bool = False) -> str:
    """The review page. ``texts`` (article id -> article text) feeds the source panel;
    ``evidence`` adds the diagnostics (statements with no evidence, lines set aside as not news)."""
    texts = texts or {}
    v = briefing_view(b, texts, evidence=evidence)
    return render(escape, "briefing.html.j2", v=v, texts=_json_for_script(texts), titles=_json_for_script(_titles([v])))


def html_digest(d: Digest, texts: dict[str, str] | None = None, *, evidence: bool = False) -> str:
    """A mixed input's page: the story list (by outlets covering each), then every story's
    briefing as a section of its own, one source panel for all."""
    texts = texts or {}
    v = digest_view(d, texts, evidence=evidence)
    titles = _titles([s.briefing for s in v.stories if s.briefing is not None])
    return render(escape, "digest.html.j2", d=v, texts=_json_for_script(texts), titles=_json_for_script(titles))
