"""Rendering a ``Briefing`` for people: Markdown (and JSON, which is just the model)."""

from __future__ import annotations

from .schemas import Briefing, Evidence

_PRECISION_FMT = {"day": "{}", "month": "{} (month)", "year": "{} (year)"}


def _markers(sources: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[s]}]" for s in sources if s in numbers)


def _evidence_lines(evidence: list[Evidence], numbers: dict[str, int], texts: dict[str, str] | None) -> list[str]:
    lines = []
    for ev in evidence:
        where = f" (chars {ev.span.start}-{ev.span.end}, {ev.span.status})" if ev.span else " (no evidence found)"
        quoted = ""
        if ev.span and texts and ev.source in texts:
            snippet = " ".join(texts[ev.source][ev.span.start : ev.span.end].split())
            quoted = f": “{snippet[:300]}”"
        lines.append(f"    - [{numbers.get(ev.source, '?')}]{where}{quoted}")
    return lines


def _md_escape(text: str) -> str:
    """Article-derived text is data: keep it from turning into Markdown/HTML structure."""
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ").strip()


def markdown(b: Briefing, *, evidence: bool = False, texts: dict[str, str] | None = None) -> str:
    """The briefing as Markdown. ``evidence=True`` lists each item's evidence spans
    (with the text itself when ``texts``, article id -> article text, is given)."""
    numbers = {s.id: i + 1 for i, s in enumerate(b.sources)}
    e = _md_escape
    out: list[str] = [f"# {e(b.headline or 'Briefing')}", ""]
    if b.overview:
        out += [e(b.overview), ""]
    out += [f"*{len(b.sources)} sources, {len(b.facts)} facts, {len(b.events)} events, {len(b.quotes)} quotes.*", ""]

    if b.facts:
        out += ["## Key facts", ""]
        for f in b.facts:
            tag = " **(corroborated)**" if f.corroborated else ""
            out.append(f"- {e(f.statement)} {_markers(f.sources, numbers)}{tag}")
            if evidence:
                out += _evidence_lines(f.evidence, numbers, texts)
        out.append("")

    if b.disagreements:
        out += ["## Where sources disagree", ""]
        for d in b.disagreements:
            out.append(f"- **{e(d.topic)}** ({d.kind})")
            for p in d.positions:
                out.append(f"  - {e(p.statement)} {_markers(p.sources, numbers)}")
        out.append("")

    if b.events:
        out += ["## Timeline", ""]
        for ev in b.events:
            when = _PRECISION_FMT.get(ev.date_precision, "{}").format(ev.date) if ev.date else "undated"
            if not ev.date and ev.when_as_written:
                when += f" (“{e(ev.when_as_written[0])}”)"
            where = f", {e(ev.where)}" if ev.where else ""
            out.append(f"- **{when}**{where}: {e(ev.description)} {_markers(ev.sources, numbers)}")
            if evidence:
                out += _evidence_lines(ev.evidence, numbers, texts)
        out.append("")

    if b.people:
        out += ["## People", ""]
        for p in b.people:
            aka = f" (also: {', '.join(e(a) for a in p.aliases)})" if p.aliases else ""
            roles = "; ".join(f"{e(r.role)} {_markers(r.sources, numbers)}" for r in p.roles)
            out.append(f"- **{e(p.name)}**{aka}{' — ' + roles if roles else ''} {_markers(p.sources, numbers)}")
        out.append("")

    if b.quotes:
        out += ["## Quotes", ""]
        for q in b.quotes:
            flag = {
                "verified": "",
                "corrected": f" *(speaker per the article; the model said {e(q.model_speaker or '?')})*",
                "unverified": " *(speaker not verified)*",
            }[q.speaker_status]
            out.append(f"- “{e(q.text)}” — **{e(q.speaker)}**{flag} {_markers(q.sources, numbers)}")
            if evidence:
                out += _evidence_lines(q.evidence, numbers, texts)
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
        out.append(f"{numbers[s.id]}. {e(s.title)} — `{s.id}`{' (' + e(meta) + ')' if meta else ''}")
    if b.failed:
        out += ["", "## Not included (failed)", ""]
        out += [f"- `{f.id}`: {e(f.error)}" for f in b.failed]
    g = b.grounding
    out += [
        "",
        f"*Grounding: {g.counts.exact} exact, {g.counts.normalized} normalized, {g.counts.fuzzy} fuzzy, "
        f"{g.counts.none} not found; quotes {g.quotes_direct} verbatim, {g.quotes_downgraded} downgraded to paraphrase.*",
        "",
    ]
    return "\n".join(out)
