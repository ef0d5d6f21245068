"""The briefing as one self-contained HTML review page (no network fetches; CSS/JS inline).

Everything that comes from an article is untrusted: it is escaped with ``html.escape`` when
the page is built, and the article texts travel as JSON inside a non-executable
``<script type="application/json">`` block (with ``<`` escaped) that the page's own script
reads and inserts with ``textContent`` only -- so a ``<script>`` in an article shows as text,
and links in articles are text, never followed.

Reading needs no JavaScript: every section is plain HTML and each article is in a
``<details>`` element. With JavaScript, clicking a fact, quote or event opens its article in
the source panel with the evidence span highlighted (offsets from the grounding step).
"""

from __future__ import annotations

import json
from html import escape

from ..schemas import Briefing, Digest, Evidence, FailedArticle, SetAside
from .markdown import KIND, UPDATES, diagnosis, disputed_note, lead_lines, shown_quotes, support_label, topic_groups

_CSS = """
:root{--fg:#1d232a;--muted:#5b6670;--line:#d9dee3;--accent:#0b5cad;--bg:#fff;--mark:#ffe58a;--solo:#eef1f4;--multi:#d7f0dd}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:1200px;margin:0 auto;padding:0 1rem}header h1{margin:1rem 0 .25rem;font-size:1.7rem}
.overview{font-size:1.05rem;max-width:60rem}.meta{color:var(--muted);font-size:.9rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,28rem);gap:1.5rem}
section{margin:1.25rem 0}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
ul.items{list-style:none;padding:0;margin:0}ul.items>li{padding:.45rem .5rem;border-radius:6px;margin:.15rem 0}
.clickable{cursor:pointer}.clickable:hover,.clickable:focus{background:#f3f6f9;outline:2px solid #c6d3e0}
.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:9px;margin-left:.2rem;background:var(--solo);color:var(--fg);border:1px solid var(--line)}
.badge.multi{background:var(--multi)}.flag{color:#8a4b00;font-size:.85rem}
blockquote{margin:0;font-style:italic}.speaker{font-style:normal;font-weight:600}
.disagree{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}.disagree div{border:1px solid var(--line);border-radius:6px;padding:.5rem}
#panel{position:sticky;top:.5rem;align-self:start;max-height:calc(100vh - 1rem);overflow:auto;border:1px solid var(--line);border-radius:8px;padding:.75rem;background:#fafbfc}
#panel-text{white-space:pre-wrap;font-size:.92rem}mark{background:var(--mark);padding:0 .1rem}
details{margin:.4rem 0}details pre{white-space:pre-wrap;font:inherit;font-size:.9rem}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
@media (max-width:800px){.layout{grid-template-columns:1fr}#panel{position:static;max-height:none}.disagree{grid-template-columns:1fr}}
@media print{#panel{display:none}.layout{display:block}.clickable:hover{background:none;outline:none}details{display:block}details>*{display:block}}
"""

_JS = """
(function(){
  var texts = JSON.parse(document.getElementById('article-texts').textContent);
  var titles = JSON.parse(document.getElementById('article-titles').textContent);
  var panel = document.getElementById('panel'), head = document.getElementById('panel-title'),
      body = document.getElementById('panel-text');
  function show(el){
    var src = el.getAttribute('data-source'), s = +el.getAttribute('data-start'), e = +el.getAttribute('data-end');
    var text = texts[src]; if (text === undefined) return;
    head.textContent = titles[src] || src;
    body.textContent = '';
    if (!(e > s)) { body.appendChild(document.createTextNode(text)); return; }
    body.appendChild(document.createTextNode(text.slice(0, s)));
    var m = document.createElement('mark'); m.id = 'evidence'; m.textContent = text.slice(s, e); body.appendChild(m);
    body.appendChild(document.createTextNode(text.slice(e)));
    panel.hidden = false; m.scrollIntoView({block: 'center'});
  }
  document.addEventListener('click', function(ev){
    var el = ev.target.closest('[data-source]'); if (el) { ev.preventDefault(); show(el); }
  });
  document.addEventListener('keydown', function(ev){
    if (ev.key === 'Enter') { var el = ev.target.closest && ev.target.closest('[data-source]'); if (el) show(el); }
  });
})();
"""


def _json_for_script(data: object) -> str:
    """JSON that cannot close its <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")




def _marks(sources: list[str], numbers: dict[str, int]) -> str:
    return f'<span class="meta">{escape("".join(f"[{numbers[s]}]" for s in sources if s in numbers))}</span>' if sources else ""


def _badges(sources: list[str], numbers: dict[str, int], label: str | None = None, multi: bool | None = None) -> str:
    multi = len(sources) > 1 if multi is None else multi
    cls = "badge multi" if multi else "badge"
    label = label or (f"{len(sources)} sources" if len(sources) > 1 else "1 source")
    marks = " ".join(f"[{numbers[s]}]" for s in sources if s in numbers)
    return f'<span class="{cls}" title="{escape(", ".join(sources))}">{escape(label)} {escape(marks)}</span>'


def _evidence_attrs(evidence: list[Evidence]) -> str:
    ev = next((e for e in evidence if e.span), None)
    if ev is None or ev.span is None:
        return ""
    return (
        f' class="clickable" tabindex="0" data-source="{escape(ev.source)}" '
        f'data-start="{ev.span.start}" data-end="{ev.span.end}"'
    )


def _timeline_svg(b: Briefing, numbers: dict[str, int]) -> str:
    dated = [e for e in b.events if e.date]
    if not dated:
        return "<p class=meta>No dated events.</p>"
    row, width = 34, 760
    height = 20 + row * len(dated)
    parts = [
        f'<svg role="img" aria-label="Timeline of dated events" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="110" y1="10" x2="110" y2="{height - 10}" stroke="#8796a5" stroke-width="2"/>',
    ]
    for i, e in enumerate(dated):
        y = 24 + i * row
        label = e.description if len(e.description) <= 80 else e.description[:77] + "…"
        parts.append(f'<circle cx="110" cy="{y - 4}" r="6" fill="#0b5cad"/>')
        parts.append(f'<text x="100" y="{y}" text-anchor="end">{escape(" ".join(filter(None, (e.date, e.time))))}</text>')
        parts.append(f'<text x="124" y="{y}">{escape(label)} {escape("".join(f"[{numbers[s]}]" for s in e.sources if s in numbers))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _head(title: str) -> list[str]:
    return [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
    ]


def _intro(b: Briefing, numbers: dict[str, int], tag: str = "h1") -> list[str]:
    """The headline, the overview and the counts."""
    out = [f"<{tag}>{escape(b.headline or 'Briefing')} {_marks(b.headline_sources, numbers)}</{tag}>"]
    if b.lead:
        parts = []
        for text, sources, when, note in lead_lines(b):
            dated = f"<strong>{escape(when)}:</strong> " if when else ""
            flag = f' <span class="flag">{escape(note)}</span>' if note else ""
            parts.append(f"{dated}{escape(text)} {_marks(sources, numbers)}{flag}")
        out.append(f'<p class="overview">{" ".join(parts)}</p>')
    elif b.overview:
        out.append(f'<p class="overview">{escape(b.overview)}</p>')
    corroborated = sum(f.corroborated for f in b.facts)
    out.append(
        f'<p class="meta">{len(b.sources)} sources · {len(b.facts)} facts ({corroborated} corroborated) · '
        f"{len(b.disagreements)} disagreements · {len(b.events)} events · {len(b.quotes)} quotes. "
        "Click an item to see its evidence in the article.</p>"
    )
    return out


def _tail(texts: dict[str, str], titles: dict[str, str]) -> list[str]:
    return [
        '<aside id="panel" aria-live="polite"><h2 id="panel-title">Source panel</h2>'
        '<div id="panel-text">Click a fact, quote, event or person to open its article here, '
        "with the evidence highlighted.</div></aside></main>",
        f'<script type="application/json" id="article-texts">{_json_for_script(texts)}</script>',
        f'<script type="application/json" id="article-titles">{_json_for_script(titles)}</script>',
        f"<script>{_JS}</script></body></html>",
    ]


def _set_aside(items: list[SetAside], failed: list[FailedArticle]) -> list[str]:
    out = []
    if items:
        out.append("<h3>Set aside: not articles</h3><ul>")
        out += [f"<li>{escape(x.id)}: {escape(x.reason)}</li>" for x in items]
        out.append("</ul>")
    if failed:
        out.append("<h3>Not included</h3><ul>" + "".join(f"<li>{escape(f.id)}: {escape(f.error)}</li>" for f in failed) + "</ul>")
    return out


def html(b: Briefing, texts: dict[str, str] | None = None, *, evidence: bool = False) -> str:
    """The review page. ``texts`` (article id -> article text) feeds the source panel;
    ``evidence`` adds the diagnostics (statements with no evidence, lines set aside as not news)."""
    texts = texts or {}
    numbers = {s.id: i + 1 for i, s in enumerate(b.sources)}
    titles = {s.id: f"[{numbers[s.id]}] {s.title}" for s in b.sources}
    out = [*_head(b.headline or "Briefing"), "<header>", *_intro(b, numbers), "</header>", '<main class="layout"><div>']
    out += _sections(b, texts, numbers, evidence=evidence)
    out += _set_aside(b.set_aside, b.failed)
    out.append("</section></div>")
    out += _tail(texts, titles)
    return "\n".join(out)


def html_digest(d: Digest, texts: dict[str, str] | None = None, *, evidence: bool = False) -> str:
    """A mixed input's page: the story list (by outlets covering each), then every story's
    briefing as a section of its own, one source panel for all."""
    texts = texts or {}
    n_articles = sum(len(s.sources) for s in d.stories)
    out = [*_head(f"{len(d.stories)} stories"), "<header>", f"<h1>{len(d.stories)} stories from {n_articles} articles</h1>"]
    out.append('<nav id="stories"><ol>')
    for s in d.stories:
        out.append(
            f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a> <span class=meta>{len(s.sources)} articles · '
            f"{s.outlets} outlets</span></li>"
        )
    out.append("</ol></nav>")
    if d.set_aside or d.failed:
        out.append(f'<p class="meta">{len(d.set_aside)} documents set aside, {len(d.failed)} failed (listed at the end).</p>')
    out += ["</header>", '<main class="layout"><div>']
    titles: dict[str, str] = {}
    for k, s in enumerate(d.stories, 1):
        b = s.briefing
        if b is None:
            continue
        numbers = {x.id: i + 1 for i, x in enumerate(b.sources)}
        titles.update({x.id: f"[{numbers[x.id]}] {x.title}" for x in b.sources})
        why = "; ".join(f"{escape(m.source)}: {escape(', '.join(m.shares[:4]))}" for m in s.members if m.shares)
        out.append(f'<article class="story" id="{escape(s.id)}"><p class="meta">Story {k} of {len(d.stories)}</p>')
        out += _intro(b, numbers, tag="h2")
        if why:
            out.append(f'<p class="meta">Why these articles are one story — {why}</p>')
        out += _sections(b, texts, numbers, prefix=f"{s.id}:", evidence=evidence)  # ":" is in no id: "a" + "facts" never meets a story "a-facts"
        out.append("</section></article>")
    if d.set_aside or d.failed:
        out.append('<section id="set-aside"><h2>Not in any story</h2>')
        out += _set_aside(d.set_aside, d.failed)
        out.append("</section>")
    out.append("</div>")
    out += _tail(texts, titles)
    return "\n".join(out)


def _sections(
    b: Briefing, texts: dict[str, str], numbers: dict[str, int], prefix: str = "", evidence: bool = False
) -> list[str]:
    """Facts, disagreements, changes, timeline, quotes, people, sources (the last one left open
    for the caller's set-aside lists). ``prefix`` keeps section ids unique on a digest page."""
    out: list[str] = []

    out.append(f'<section id="{prefix}facts"><h2>Key facts</h2>')
    for title, facts in topic_groups(b):
        out.append(f"<h3>{escape(title) if title else 'Other facts'}</h3><ul class=\"items\">")
        for f in facts:
            flag = f' <span class="flag">disputed: {escape(disputed_note(f, b))}</span>' if f.disputed else ""
            out.append(
                f"<li{_evidence_attrs(f.evidence)}>{escape(f.statement)} {_badges(f.sources, numbers, support_label(f), f.corroborated)}{flag}</li>"
            )
        out.append("</ul>")
    out.append("</section>")

    conflicts = [d for d in b.disagreements if not d.evolution]
    if conflicts:
        out.append(f'<section id="{prefix}disagreements"><h2>Where sources disagree</h2>')
        for d in conflicts:
            out.append(f"<h3>{escape(d.subject)} <span class=meta>(they differ on {escape(KIND[d.kind])})</span></h3><div class=disagree>")
            for p in d.positions:
                out.append(f"<div{_evidence_attrs(p.evidence)}><strong>{escape(p.value)}</strong>: “{escape(p.statement)}” {_badges(p.sources, numbers)}</div>")
            out.append("</div>")
        out.append("</section>")

    changes = [d for d in b.disagreements if d.evolution]
    if changes:
        out.append(f'<section id="{prefix}changes"><h2>{UPDATES}</h2>')
        for d in changes:
            out.append(f"<h3>{escape(d.subject)}</h3><ol class=\"items\">")
            for p in d.positions:
                out.append(
                    f"<li{_evidence_attrs(p.evidence)}><strong>{escape(p.published or 'undated')}: {escape(p.value)}</strong> — "
                    f"“{escape(p.statement)}” {_badges(p.sources, numbers)}</li>"
                )
            out.append("</ol>")
        out.append("</section>")

    out.append(f'<section id="{prefix}timeline"><h2>Timeline</h2>{_timeline_svg(b, numbers)}<ul class="items">')
    for e in b.events:
        when = escape(" ".join(filter(None, (e.date, e.time)))) if e.date else "undated" + (f" (“{escape(e.when_as_written[0])}”)" if e.when_as_written else "")
        where = f", {escape(e.where)}" if e.where else ""
        out.append(f"<li{_evidence_attrs(e.evidence)}><strong>{when}</strong>{where}: {escape(e.description)} {_badges(e.sources, numbers)}</li>")
    out.append("</ul></section>")

    out.append(f'<section id="{prefix}quotes"><h2>Quotes</h2><ul class="items">')
    shown, more = shown_quotes(b)
    for q in shown:
        flag = {
            "verified": "",
            "corrected": f' <span class="flag">speaker per the article; the model said {escape(q.model_speaker or "?")}</span>',
            "unverified": ' <span class="flag">speaker not verified</span>',
        }[q.speaker_status]
        out.append(
            f"<li{_evidence_attrs(q.evidence)}><blockquote>“{escape(q.text)}”</blockquote>"
            f'— <span class="speaker">{escape(q.speaker)}</span>{flag} {_badges(q.sources, numbers)}</li>'
        )
    if more:
        out.append(f'<li class="meta">and {more} more (every quote is in the JSON)</li>')
    out.append("</ul></section>")

    out.append(f'<section id="{prefix}people"><h2>People</h2><ul class="items">')
    for person in b.people:
        aka = f" <span class=meta>also: {escape(', '.join(person.aliases))}</span>" if person.aliases else ""
        roles = "; ".join(escape(r.role) for r in person.roles)
        out.append(
            f"<li{_evidence_attrs(person.evidence)}><strong>{escape(person.name)}</strong>"
            f"{' — ' + roles if roles else ''}{aka} {_badges(person.sources, numbers)}</li>"
        )
    out.append("</ul></section>")

    out.append(f'<section id="{prefix}sources"><h2>Sources</h2>')
    for s in b.sources:
        meta = ", ".join(x for x in (s.outlet, s.published) if x)
        text = texts.get(s.id)
        summary = f"[{numbers[s.id]}] {escape(s.title)} <span class=meta>{escape(s.id)}{' · ' + escape(meta) if meta else ''}</span>"
        if text is None:
            out.append(f"<p>{summary}</p>")
        else:
            out.append(f"<details><summary>{summary}</summary><pre>{escape(text)}</pre></details>")
    for group in b.copies:
        out.append(f"<p class=meta>{escape(', '.join(f'[{numbers[x]}]' for x in group if x in numbers))} are copies of one text: they count as one voice.</p>")
    if evidence and b.unsupported:
        out.append("<h3>Not shown: not borne out by the article</h3><ul>")
        out += [f"<li>[{numbers.get(u.source, '?')}] {escape(diagnosis(u))}: {escape(u.text)}</li>" for u in b.unsupported]
        out.append("</ul>")
    if evidence and b.not_news:
        out.append("<h3>Set aside: not news</h3><ul>")
        out += [f"<li>[{numbers.get(n.source, '?')}] {escape(diagnosis(n))}: {escape(n.text)}</li>" for n in b.not_news]
        out.append("</ul>")
    return out

