"""Rendering a ``Briefing`` for people: Markdown (and JSON, which is just the model).

The briefing reads as one story, not as summaries stapled together: the headline and the
overview are the news the articles lead with (``merge.lead``), each sentence with its
sources, dated when the sentences differ in date; the key facts are
grouped by the event they belong to, corroborated ones first, single-source ones marked;
disagreements show each side's words and sources; figures that changed between days are
shown in date order; at most ``QUOTES_SHOWN`` quotes, the most telling first. What a reader
does not need -- statements with no evidence, lines set aside as not news -- only with
``evidence=True`` (and always in the JSON).

Everything that came from an article or a file name is data, never Markdown: it goes through
``_md_escape`` (see there for the rule) so that it renders as the same characters, literally,
in any CommonMark/GFM renderer. Only the structure this module writes itself (headings,
bullets, ``**bold**``, ``*italics*``, the ``[n]`` source markers, which have no link
definitions to resolve to) is Markdown.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from ..schemas import Briefing, BriefingFact, Digest, Evidence, FailedArticle, NotNewsItem, SetAside, UnsupportedItem

_PRECISION_FMT = {"day": "{}", "month": "{} (month)", "year": "{} (year)"}
KIND = {
    "number": "a figure", "date": "a date", "place": "a place", "direction": "which way", "who": "who did it", "other": "a detail",
}  # fmt: skip
UPDATES = "What changed between reports"  # the heading of the updates (a toll that rose, a date that moved)


HEADING_WORDS = 10  # an event described in more words is a sentence, not a topic's name
QUOTES_SHOWN = 12  # the most telling quotes in the reader's copy; every quote stays in the JSON


def topic_groups(b: Briefing) -> list[tuple[str | None, list[BriefingFact]]]:
    """Facts grouped by their topic (an event's short name and its date), groups in the order
    of their best fact; facts without a topic last, under ``None``. A heading is never cut,
    never given twice (groups with one heading are one group), and never a sentence or the
    words of a fact listed under it (then the date alone heads the group)."""
    events = {e.id: e for e in b.events}
    groups: dict[str | None, list[BriefingFact]] = {}
    for f in b.facts:
        key = f.topic if f.topic in events else None
        groups.setdefault(key, []).append(f)
    merged: dict[str | None, list[BriefingFact]] = {}
    for k in [k for k in groups if k is not None] + ([None] if None in groups else []):
        title = None
        if k is not None:
            e = events[k]
            when = _PRECISION_FMT.get(e.date_precision, "{}").format(e.date) if e.date else None
            # an event's short name heads its facts; a whole sentence (code's dated statement,
            # a quotation) or the words of a fact under it would say the same twice: its date then
            sentence = len(e.description.split()) > HEADING_WORDS or e.description.rstrip().endswith((".", "\u201d", '"'))
            repeats = any(_same_words(e.description, f.statement) for f in groups[k])
            title = (when if sentence or repeats else e.description.strip() + (f" ({when})" if when else "")) or None
        merged.setdefault(title, []).extend(groups[k])
    order = [t for t in merged if t is not None] + ([None] if None in merged else [])
    return [(t, merged[t]) for t in order]


def _same_words(a: str, b: str) -> bool:
    strip = lambda x: re.sub(r"\W+", " ", x.lower()).strip()  # noqa: E731
    return strip(a.rstrip("…")) in strip(b) or strip(b) in strip(a)


def lead_lines(b: Briefing) -> list[tuple[str, list[str], str | None, str | None]]:
    """The overview sentence by sentence: (text, sources, its date when the overview's
    sentences differ in date, a note when outlets dispute a detail of it)."""
    facts = {f.id: f for f in b.facts}
    out = []
    for c in b.lead:
        f = facts.get(c.fact or "")
        note = disputed_note(f, b) if f is not None and f.disputed else None
        out.append((c.text, c.sources, c.published, note))
    return out


def shown_quotes(b: Briefing, limit: int = QUOTES_SHOWN) -> tuple[list, int]:
    """The most telling quotes -- carried by the most outlets, said by the most prominent
    speaker (the one most articles name), the longest -- at most ``limit``, in that order;
    and how many more there are (all of them stay in the JSON)."""
    reach = {p.id: len(p.sources) for p in b.people}
    ranked = sorted(
        b.quotes,
        key=lambda q: (-len(q.sources), q.speaker == "unknown", -reach.get(q.speaker_id or "", 0), -min(len(q.text.split()), 40), q.id),
    )
    return ranked[:limit], max(0, len(ranked) - limit)


def disputed_note(f: BriefingFact, b: Briefing) -> str:
    """'sources differ on others hospital (four / six)' for a fact with a disputed detail."""
    dis = {d.id: d for d in b.disagreements}
    parts = [f"{dis[i].subject} ({' / '.join(p.value for p in dis[i].positions)})" for i in f.disputed if i in dis]
    return "sources differ on " + "; ".join(parts) if parts else "sources differ on a detail"


def support_label(f: BriefingFact) -> str:
    if f.corroborated:
        return f"{f.voices} outlets"
    if len(f.sources) > 1:
        return "one voice (copies of one text)"
    return "single source"


def diagnosis(item: UnsupportedItem | NotNewsItem) -> str:
    """What a diagnostic line says before the text it is about: "summary (a name the article
    does not give: X)", "addressed to software (control token)", "caption"."""
    if isinstance(item, UnsupportedItem):
        kind = item.kind.replace("_", " ")
        return kind if item.why == UnsupportedItem.model_fields["why"].default else f"{kind} ({item.why})"
    reason = "addressed to software" if item.reason == "addressed" else item.reason
    return f"{reason} ({item.detail})" if item.detail else reason


def _markers(sources: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[s]}]" for s in sources if s in numbers)


def _evidence_lines(evidence: list[Evidence], numbers: dict[str, int], texts: dict[str, str] | None) -> list[str]:
    lines = []
    for ev in evidence:
        where = f" (chars {ev.span.start}-{ev.span.end}, {ev.span.status})" if ev.span else " (no evidence found)"
        quoted = ""
        if ev.span and texts and ev.source in texts:
            snippet = " ".join(texts[ev.source][ev.span.start : ev.span.end].split())
            quoted = f": “{_md_escape(snippet[:300])}”"
        lines.append(f"    - [{numbers.get(ev.source, '?')}]{where}{quoted}")
    return lines


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


def markdown(b: Briefing, *, evidence: bool = False, texts: dict[str, str] | None = None) -> str:
    """The briefing as Markdown. ``evidence=True`` lists each item's evidence spans
    (with the text itself when ``texts``, article id -> article text, is given)."""
    numbers = {s.id: i + 1 for i, s in enumerate(b.sources)}
    e = _md_escape
    out: list[str] = [f"# {e(b.headline or 'Briefing')} {_markers(b.headline_sources, numbers)}".rstrip(), ""]
    if b.lead:
        parts = []
        for text, sources, when, note in lead_lines(b):
            dated = f"**{e(when)}:** " if when else ""
            flag = f" *({e(note)})*" if note else ""
            parts.append(f"{dated}{e(text)} {_markers(sources, numbers)}{flag}")
        out += [" ".join(parts), ""]
    elif b.overview:
        out += [e(b.overview), ""]
    corroborated = sum(f.corroborated for f in b.facts)
    out += [
        f"*{len(b.sources)} sources, {len(b.facts)} facts ({corroborated} corroborated), "
        f"{len(b.disagreements)} disagreements, {len(b.events)} events, {len(b.quotes)} quotes.*",
        "",
    ]

    if b.facts:
        out += ["## Key facts", ""]
        for title, facts in topic_groups(b):
            out += [f"### {e(title) if title else 'Other facts'}", ""]
            for f in facts:
                flag = f" — *disputed: {e(disputed_note(f, b))}*" if f.disputed else ""
                out.append(f"- {e(f.statement)} {_markers(f.sources, numbers)} *({support_label(f)})*{flag}")
                if evidence:
                    out += _evidence_lines(f.evidence, numbers, texts)
            out.append("")

    conflicts = [d for d in b.disagreements if not d.evolution]
    if conflicts:
        out += ["## Where sources disagree", ""]
        for d in conflicts:
            out.append(f"- **{e(d.subject)}** — they differ on {KIND[d.kind]}")
            for p in d.positions:
                out.append(f"  - **{e(p.value)}**: “{e(p.statement)}” {_markers(p.sources, numbers)}")
                if evidence:
                    out += ["  " + line for line in _evidence_lines(p.evidence, numbers, texts)]
        out.append("")

    changes = [d for d in b.disagreements if d.evolution]
    if changes:
        out += [f"## {UPDATES}", ""]
        for d in changes:
            out.append(f"- **{e(d.subject)}**")
            for p in d.positions:
                out.append(f"  - {e(p.published or 'undated')}: **{e(p.value)}** — “{e(p.statement)}” {_markers(p.sources, numbers)}")
        out.append("")

    if b.events:
        out += ["## Timeline", ""]
        for ev in b.events:
            when = _PRECISION_FMT.get(ev.date_precision, "{}").format(e(ev.date)) if ev.date else "undated"
            when += f" {e(ev.time)}" if ev.time else ""
            if not ev.date and ev.when_as_written:
                when += f" (“{e(ev.when_as_written[0])}”)"
            where = f", {e(ev.where)}" if ev.where else ""
            out.append(f"- **{when}**{where}: {e(ev.description)} {_markers(ev.sources, numbers)}")
            if evidence:
                out += _evidence_lines(ev.evidence, numbers, texts)
        out.append("")

    if b.people:
        out += ["## People", ""]
        for person in b.people:
            aka = f" (also: {', '.join(e(a) for a in person.aliases)})" if person.aliases else ""
            roles = "; ".join(
                f"{e(r.role)}" + (f" {_markers(r.sources, numbers)}" if len(person.roles) > 1 else "") for r in person.roles
            )
            out.append(f"- **{e(person.name)}**{aka}{' — ' + roles if roles else ''} {_markers(person.sources, numbers)}")
        out.append("")

    if b.quotes:
        out += ["## Quotes", ""]
        shown, more = shown_quotes(b)
        for q in shown:
            flag = {
                "verified": "",
                "corrected": f" *(speaker per the article; the model said {e(q.model_speaker or '?')})*",
                "unverified": " *(speaker not verified)*",
            }[q.speaker_status]
            out.append(f"- “{e(q.text)}” — **{e(q.speaker)}**{flag} {_markers(q.sources, numbers)}")
            if evidence:
                out += _evidence_lines(q.evidence, numbers, texts)
        if more:
            out.append(f"- *and {more} more (every quote is in the JSON)*")
        out.append("")

    if b.organizations or b.places:
        out += ["## Organisations and places", ""]
        if b.organizations:
            out.append("- Organisations: " + ", ".join(f"{e(o.name)} {_markers(o.sources, numbers)}" for o in b.organizations))
        if b.places:
            out.append("- Places: " + ", ".join(f"{e(p.name)} {_markers(p.sources, numbers)}" for p in b.places))
        out.append("")

    out += ["## Sources", ""]
    for s in b.sources:
        meta = ", ".join(x for x in (s.outlet, s.published) if x)
        out.append(f"{numbers[s.id]}. {e(s.title)} — {e(s.id)}{' (' + e(meta) + ')' if meta else ''}")
    for group in b.copies:
        out.append(f"\n*{', '.join(_markers([s], numbers) for s in group)} are copies of one text: they count as one voice.*")
    if evidence and b.unsupported:
        out += ["", "## Not shown: not borne out by the article", ""]
        out += [f"- {_markers([u.source], numbers)} {e(diagnosis(u))}: {e(u.text)}" for u in b.unsupported]
    if evidence and b.not_news:
        out += ["", "## Set aside: not news", ""]
        out += [f"- {_markers([n.source], numbers)} {e(diagnosis(n))}: {e(n.text)}" for n in b.not_news]
    out += _left_out(b.set_aside, b.failed)
    g = b.grounding
    out += [
        "",
        f"*Grounding: {g.counts.exact} exact, {g.counts.normalized} normalized, {g.counts.fuzzy} fuzzy, "
        f"{g.counts.none} not found; {g.quotes_direct} quotes, all verbatim.*",
        "",
    ]
    return "\n".join(out)


def _left_out(set_aside: list[SetAside], failed: list[FailedArticle]) -> list[str]:
    e = _md_escape
    out: list[str] = []
    if set_aside:
        out += ["", "## Set aside: not articles", ""]
        out += [f"- {e(x.id)}: {e(x.reason)}" for x in set_aside]
    if failed:
        out += ["", "## Not included (failed)", ""]
        out += [f"- {e(f.id)}: {e(f.error)}" for f in failed]
    return out


_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def markdown_digest(d: Digest, *, evidence: bool = False, texts: dict[str, str] | None = None) -> str:
    """A mixed input as Markdown: a front page listing the stories (most outlets first), then
    each story's briefing one heading level down, then what was set aside or failed."""
    e = _md_escape
    n_articles = sum(len(s.sources) for s in d.stories)
    out = [f"# {len(d.stories)} stories from {n_articles} articles", ""]
    for k, s in enumerate(d.stories, 1):
        out.append(f"{k}. **{e(s.title)}** — {len(s.sources)} articles, {s.outlets} outlets ({e(s.id)})")
    if d.set_aside or d.failed:
        out += ["", f"*{len(d.set_aside)} documents set aside, {len(d.failed)} failed: listed at the end.*"]
    out.append("")
    for k, s in enumerate(d.stories, 1):
        if s.briefing is None:
            continue
        why = "; ".join(f"{e(m.source)}: {e(', '.join(m.shares[:4]))}" for m in s.members if m.shares)
        out += ["---", "", f"*Story {k} of {len(d.stories)} ({e(s.id)})" + (f" — why one story: {why}" if why else "") + "*", ""]
        out.append(_HEADING.sub(r"#\1 ", markdown(s.briefing, evidence=evidence, texts=texts)).rstrip("\n"))
        out.append("")
    tail = _left_out(d.set_aside, d.failed)
    if tail:
        out += ["---", *tail[1:]]
    return "\n".join(out).rstrip("\n") + "\n"


def markdown_stories(stories: list, set_aside: Sequence[SetAside] = (), failed: Sequence[FailedArticle] = ()) -> str:
    """``summarizer stories``: each story's id, title, members and what ties them."""
    e = _md_escape
    out = [f"# {len(stories)} stories", ""]
    for s in stories:
        out += [f"## {e(s.title)}", "", f"*{e(s.id)} — {len(s.sources)} articles, {s.outlets} outlets*", ""]
        for m in s.members:
            why = f" — shares {e(', '.join(m.shares))}" if m.shares else ""
            out.append(f"- {e(m.source)}{why}")
        out.append("")
    out += _left_out(list(set_aside), list(failed))
    return "\n".join(out).rstrip("\n") + "\n"
