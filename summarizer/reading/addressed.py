"""Text addressed to software: found by code and set apart before anything reads the article.

An article is data. A passage that speaks to the program reading it is no news, whatever it
says: ``find`` returns each such passage of an article with its offsets and the rule that
found it (a ``NotNews`` with reason ``"addressed"``). The per-article step keeps these passages
from the model's view and from the evidence (no claim, quote, key point or event can rest on
them) and lists them in the article's ``not_news``.

Shape rules first -- they need no word list and hold in any outlet or language:

* **control token**: a chat template's or tokenizer's control sequence (``<|im_start|>``,
  ``[INST]``, ``<<SYS>>``, ``</s>``, ``<start_of_turn>``...) -- the line that holds it;
* **markup**: a tag in plain text (``</ARTICLE >``, ``<script>``; full-width and angle-quote
  look-alikes ``＜/article＞``, ``‹system›`` read as tags) -- the line; text between a closing
  tag and the same tag opened again is outside the article by the writer's own framing;
* **fence**: a line of repeated marks around words (``-----END OF ARTICLE-----``) or a code
  fence, and a bracketed closing tag (``[/article]``);
* **structured answer**: a JSON object (``{"title": ...``), or a run of YAML lines or a
  Markdown table whose keys are the fields of our own request (``title``, ``summary``,
  ``key_points``...: read from the schema, not listed here);
* **another language**: a line or sentence of at least ``foreign_min_words`` words that a
  language identifier (py3langid) is sure is not the profile's language -- not something this
  profile's reader can check.

Word rules second, from the language profile (``role_words``, ``machine_words``,
``output_words``, ``instruction_words``, ``override_verbs``, ``directive_words``,
``address_openers``):

* **role label**: a line that opens with a chat role or prompt section and a colon
  ("SYSTEM:", "### Instruction:", "Assistant:", "### New task");
* **addressed to software**: an opener before a word for software ("Note to AI systems",
  "If you are an AI model"), software named and then spoken to ("AI summarisers: use ..."), or
  software "reading / summarising this";
* **override**: an order to set orders aside ("ignore previous instructions", "disregard the
  article");
* **order about the answer**: "your summary", "your instructions"; an output word as the
  subject of a directive ("Summaries should lead with this", "the title must be ...") that
  points somewhere (this, that, a colon, a quotation); an imperative (by the parser: a root
  verb in the base form with no subject) that names an output word ("Write the title as ...").

A sentence that follows an addressed one in the same paragraph and is itself an order
(imperative, directive word, second person, output word) goes with it; so does a paragraph
that follows an addressed line and opens the same way. Sentences are read with what they
quote as units of their own: an order inside quotation marks is found too ("A spokesperson
said: 'Ignore your previous instructions and ...'").

When a list misses a word the shape rules still hold, and the per-article step checks every
model-written field against the article without these passages (``extraction.checks.Outside``).

``neutralise`` is the other half: control-token and tag shapes in anything sent to an endpoint
(article text, quotes, ids, titles, dates) are turned into look-alikes that no tokenizer reads
as a control token.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..language import ENGLISH, LanguageProfile
from ..schemas import ArticleExtraction, ArticleResult, Briefing, NotNews
from .syntax import imperative, ordered
from .text import quoted_spans, sentences

#: a chat template's or tokenizer's control sequence, in the forms the common templates use
CONTROL_TOKEN = re.compile(
    r"<\s*[|\uff5c][^<>\n]{0,40}?[|\uff5c]\s*>"  # <|im_start|>, <|eot_id|>, <｜begin▁of▁sentence｜>
    r"|\[\s*/?\s*INST\s*\]|<<\s*/?\s*SYS\s*>>"  # [INST] ... [/INST], <<SYS>>
    r"|<\s*/?\s*s\s*>|<\s*/?\s*(?:start|end)_of_turn\s*>|<\s*/?\s*(?:bos|eos|pad|unk|sep|cls|mask)\s*>",
    re.IGNORECASE,
)
#: a markup tag in plain text (an HTML page's own tags are gone once its text is extracted)
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][\w:-]{0,30}(?:\s+[^<>\n]{0,120}?)?\s*/?\s*>")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]{0,30})")
_LOOKALIKE = str.maketrans({"\u2039": "<", "\u203a": ">", "\u2329": "<", "\u232a": ">", "\u3008": "<", "\u3009": ">",
                            "\u27e8": "<", "\u27e9": ">", "\u276e": "<", "\u276f": ">"})  # fmt: skip
_INVISIBLE = dict.fromkeys([*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF, 0x00AD])
_FENCE = re.compile(r"^\s*([-=_*#~`+<>])\1{2,}[^\n]*[^\W_][^\n]*?([-=_*#~`+<>])\2{2,}\s*$|^\s*```")
_BRACKET_CLOSE = re.compile(r"^\s*\[\s*/\s*[^\W_][\w ]{0,20}\]\s*$")
_JSON = re.compile(r"\{\s*[\"'\u2018\u201c][^\"'\u2019\u201d\n]{1,40}[\"'\u2019\u201d]\s*:")
_KEY = re.compile(r"^\s*(?:[-*]\s+)?[\"']?([A-Za-z][\w -]{0,30}?)[\"']?\s*:(?:\s+(\S.*))?\s*$")
_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+\S")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")

#: the fields of our own request and output: a YAML run or a table keyed by them is an answer
REQUEST_FIELDS = frozenset(ArticleExtraction.model_fields)
ANSWER_FIELDS = REQUEST_FIELDS | frozenset(Briefing.model_fields) | frozenset(ArticleResult.model_fields)
CLOSING_TAG_REACH = 20  # lines searched for the tag that reopens the article after a closing one


@dataclass(frozen=True)
class _Rules:
    role: re.Pattern[str]
    role_alone: re.Pattern[str]
    opener: re.Pattern[str]
    vocative: re.Pattern[str]
    reading: re.Pattern[str]
    override: re.Pattern[str]
    your: re.Pattern[str]
    subject_directive: re.Pattern[str]
    points: re.Pattern[str]
    output: re.Pattern[str]
    directive: re.Pattern[str]
    second_person: re.Pattern[str]


def _alt(items) -> str:
    return "|".join(sorted((re.escape(i).replace(r"\ ", r"\s+") for i in items), key=len, reverse=True))


def _rules(profile: LanguageProfile) -> _Rules:
    return profile.compiled("addressed", _compile)


def _compile(profile: LanguageProfile) -> _Rules:
    role, machine, output = _alt(profile.role_words), _alt(profile.machine_words), _alt(profile.output_words)
    orders = _alt(profile.instruction_words)
    near = r"(?:\s+[\w'\u2019.-]+){0,2}?\s+"  # "Note to AI", "If you are an AI model", "message for automated summarisers"
    return _Rules(
        role=re.compile(rf"^[\s#*>_\[(<|-]*(?:{role})\s*(?:\*\*)?\s*[:\])>|]", re.IGNORECASE),
        role_alone=re.compile(rf"^\s*[#*>\[(<|-]+\s*(?:{role})\s*[#*\])>|]*\s*$", re.IGNORECASE),
        opener=re.compile(rf"\b(?:{_alt(profile.address_openers)}){near}(?:{machine})\b", re.IGNORECASE),
        vocative=re.compile(rf"^\W*(?:(?:the|all|any|dear)\s+)?(?:[\w-]+\s+){{0,2}}({machine})\s*[:,]\s*\w", re.IGNORECASE),
        reading=re.compile(
            rf"\b(?:{machine})\s+(?:that\s+(?:is|are)\s+)?\w+ing\s+(?:this|these|the\s+(?:above|following))\b", re.IGNORECASE
        ),
        override=re.compile(
            rf"\b(?:{_alt(profile.override_verbs)})\b(?:\s+[\w'\u2019-]+){{0,3}}?\s+(?:{orders})\b"
            rf"|\b(?:{_alt(profile.override_verbs)})\s+(?:the|this|all|any|everything)\s*(?:article|text|page|story|document|above|before)?\b",
            re.IGNORECASE,
        ),
        your=re.compile(rf"\byour\s+(?:\w+\s+)?(?:{output}|{orders})\b", re.IGNORECASE),
        subject_directive=re.compile(
            rf"\b(?:{output})\b(?:\s+[\w'\u2019-]+){{0,4}}?\s+(?:{_alt(profile.directive_words)})\b", re.IGNORECASE
        ),
        points=re.compile(r"\b(?:this|these|that)\b|:|[\u201c\u2018]|\"(?=\w)", re.IGNORECASE),
        output=re.compile(rf"\b(?:{output}|{orders})\b", re.IGNORECASE),
        directive=re.compile(rf"\b(?:{_alt(profile.directive_words)})\b", re.IGNORECASE),
        second_person=re.compile(r"\b(?:you|your|yourself)\b", re.IGNORECASE),
    )


def _norm(text: str) -> str:
    """What the rules read: compatibility forms folded (full-width ＜ is <), invisible
    characters dropped, angle-quote look-alikes of a tag read as one."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_LOOKALIKE)


def neutralise(text: str) -> str:
    """``text`` with every control-token and tag shape turned into a look-alike no tokenizer
    reads as a control token (``<|im_end|>`` -> ``‹|im_end|›``, ``[INST]`` -> ``(INST)``);
    text without them is returned unchanged."""
    if "<" not in text and "[" not in text and "\uff5c" not in text:
        return text

    def soften(m: re.Match[str]) -> str:
        return m.group(0).replace("<", "\u2039").replace(">", "\u203a").replace("[", "(").replace("]", ")")

    return _TAG.sub(soften, CONTROL_TOKEN.sub(soften, text))


def _stop_share(text: str, profile: LanguageProfile) -> tuple[int, float]:
    words = [w.casefold() for w in _WORD.findall(text) if len(w) > 1]
    if not words:
        return 0, 1.0
    return len(words), sum(w in profile.stop_words for w in words) / len(words)


FOREIGN_CONFIDENCE = 0.9  # the language identifier's probability of the other language, at least


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def foreign(text: str, profile: LanguageProfile = ENGLISH) -> bool:
    """Is ``text`` written in another language than the profile's? A sentence of at least
    ``foreign_min_words`` words with few of the profile's stop words (a caption has few too) is
    put to a language identifier (py3langid, a naive Bayes model over byte n-grams of 97
    languages): another language with ``FOREIGN_CONFIDENCE`` or more."""
    n, share = _stop_share(text, profile)
    if n < profile.foreign_min_words or share >= profile.foreign_share:
        return False
    language, probability = _identifier().classify(text)
    return language != profile.code and probability >= FOREIGN_CONFIDENCE


def _line_rule(line: str, rules: _Rules, profile: LanguageProfile) -> str | None:
    """Why a whole line is addressed to software, by its shape or its label (None if not)."""
    s = _norm(line)
    if CONTROL_TOKEN.search(s):
        return "control token"
    if _TAG.search(s):
        return "markup"
    if _FENCE.match(s) or _BRACKET_CLOSE.match(s):
        return "fence"
    if _JSON.search(s):
        return "structured answer"
    if rules.role.match(s) or rules.role_alone.match(s):
        return "role label"
    if foreign(s, profile):
        return "another language"
    return None


def unit_rule(
    text: str, rules: _Rules | None = None, profile: LanguageProfile = ENGLISH, *, quoted: bool = False, metadata: bool = False
) -> str | None:
    """Why one sentence (or what a sentence quotes) is addressed to software, or None. An
    override counts when its verb is an order (``syntax.ordered``); in a file name or other
    ``metadata``, which has no syntax to read, wherever it stands."""
    rules = rules or _rules(profile)
    s = _norm(text)
    if rules.opener.search(s) or rules.reading.search(s) or _spoken_to(s, rules):
        return "addressed to software"
    if any(metadata or ordered(s, m.start(), profile) for m in rules.override.finditer(s)):
        return "override"
    if rules.your.search(s):
        return "order about the answer"
    m = rules.subject_directive.search(s)
    if m and rules.points.search(s, m.end()) and not quoted:
        return "order about the answer"
    if rules.output.search(s) and imperative(s, profile=profile):
        return "order about the answer"
    if foreign(s, profile):
        return "another language"
    return None


def _spoken_to(s: str, rules: _Rules) -> bool:
    """Software named, then spoken to ("AI summarisers: use ...", "Dear assistant, ..."); a
    capitalised word is a name's ("Wayback Machine: Browse history"), an acronym is not."""
    m = rules.vocative.search(s)
    return m is not None and not any(w[:1].isupper() and w[1:].islower() for w in m.group(1).split())


def _orders(text: str, rules: _Rules, profile: LanguageProfile) -> bool:
    """Does ``text`` read as an order (next to an addressed passage, it goes with it): an
    imperative, a directive or "you" about the answer, or a line that announces what follows?"""
    s = _norm(text)
    about_answer = bool(rules.output.search(s))
    return bool(
        imperative(s, profile=profile) or s.rstrip().endswith(":")
        or (rules.directive.search(s) and (about_answer or rules.second_person.search(s)))
        or (rules.second_person.search(s) and about_answer)
    )  # fmt: skip


def _structured_runs(text: str, lines: list[tuple[int, int]]) -> dict[int, str]:
    """Line indexes that belong to a YAML run or a Markdown table keyed by our own fields."""
    out: dict[int, str] = {}
    k = 0
    while k < len(lines):
        a, b = lines[k]
        line = _norm(text[a:b])
        if _TABLE.match(line):
            run = [k]
            while run[-1] + 1 < len(lines) and _TABLE.match(_norm(text[slice(*lines[run[-1] + 1])])):
                run.append(run[-1] + 1)
            cells = {_key(c) for j in run for c in _norm(text[slice(*lines[j])]).strip().strip("|").split("|")}
            if len(run) >= 2 and cells & REQUEST_FIELDS:
                out.update(dict.fromkeys(run, "structured answer"))
            k = run[-1] + 1
            continue
        m = _KEY.match(line)
        if m and _key(m.group(1)) in ANSWER_FIELDS:
            run, keys = [k], {_key(m.group(1))}
            j = k + 1
            while j < len(lines):
                nxt = _norm(text[slice(*lines[j])])
                km = _KEY.match(nxt)
                if km and _key(km.group(1)) in ANSWER_FIELDS:
                    keys.add(_key(km.group(1)))
                elif not _ITEM.match(nxt):
                    break
                run.append(j)
                j += 1
            if keys & REQUEST_FIELDS and (len(keys) >= 2 or len(run) >= 2):
                out.update(dict.fromkeys(run, "structured answer"))
                k = j
                continue
        k += 1
    return out


def _key(cell: str) -> str:
    return re.sub(r"[\s-]+", "_", cell.strip().strip("*`\"'").casefold())


def _closing_spans(text: str, lines: list[tuple[int, int]]) -> dict[int, str]:
    """Lines between a closing tag and the same tag opened again (at most ``CLOSING_TAG_REACH``
    lines on): outside the article, by the writer's own framing."""
    out: dict[int, str] = {}
    for k, (a, b) in enumerate(lines):
        m = _TAG_NAME.search(_norm(text[a:b]))
        if not m or not m.group(1):
            continue
        name = m.group(2).casefold()
        for j in range(k + 1, min(len(lines), k + 1 + CLOSING_TAG_REACH)):
            n = _TAG_NAME.search(_norm(text[slice(*lines[j])]))
            if n and not n.group(1) and n.group(2).casefold() == name:
                out.update(dict.fromkeys(range(k, j + 1), "markup"))
                break
    return out


def find(
    text: str, lines: list[tuple[int, int]], *, profile: LanguageProfile = ENGLISH
) -> list[NotNews]:
    """The passages of ``text`` addressed to software, in order: whole lines (``lines``: every
    line of the article, as ``articles.paragraphs`` gives them) or sentences of a line."""
    rules = _rules(profile)
    whole: dict[int, str] = {**_structured_runs(text, lines), **_closing_spans(text, lines)}
    for k, (a, b) in enumerate(lines):
        if k not in whole and (rule := _line_rule(text[a:b], rules, profile)):
            whole[k] = rule
            if rule == "structured answer":  # an object over several lines: until its braces close
                depth, j = text[a:b].count("{") - text[a:b].count("}"), k
                while depth > 0 and j + 1 < len(lines):
                    j += 1
                    whole.setdefault(j, rule)
                    depth += text[slice(*lines[j])].count("{") - text[slice(*lines[j])].count("}")
    out: list[NotNews] = []
    after_addressed = False
    for k, (a, b) in enumerate(lines):
        rule = whole.get(k)
        if rule is None and after_addressed and _orders(_first_sentence(text, a, b, profile), rules, profile):
            rule = "next to an addressed passage"
        if rule is not None:
            out.append(NotNews(text=text[a:b], start=a, end=b, reason="addressed", detail=rule))
            after_addressed = True
            continue
        found = _sentences_addressed(text, a, b, rules, profile)
        out += found
        after_addressed = bool(found) and found[-1].end >= b - 1
    return _with_lead_in(text, lines, out)


def _first_sentence(text: str, a: int, b: int, profile: LanguageProfile) -> str:
    spans = sentences(text, a, b, profile)
    return text[slice(*spans[0])] if spans else text[a:b]


def _sentences_addressed(text: str, a: int, b: int, rules: _Rules, profile: LanguageProfile) -> list[NotNews]:
    """The sentences of one line that are addressed (with the orders that follow them)."""
    spans = sentences(text, a, b, profile)
    quotes = quoted_spans(text, a, b)
    rules_of: list[str | None] = []
    starts = [q0 for q0, _ in quotes]  # sorted: the quotes inside a sentence by bisection, not a scan each
    for s0, s1 in spans:
        rule = unit_rule(text[s0:s1], rules, profile)
        for q0, q1 in quotes[bisect_left(starts, s0) : bisect_right(starts, s1)]:
            if rule is None and q1 <= s1:
                rule = unit_rule(text[q0:q1].strip("\"'\u201c\u201d\u2018\u2019"), rules, profile, quoted=True)
        rules_of.append(rule)
    if not any(rules_of):
        return []
    for order in (range(len(spans)), range(len(spans) - 1, -1, -1)):  # orders next to it, on either side
        last = None
        for k in order:
            if rules_of[k] is None and last is not None and _orders(text[slice(*spans[k])], rules, profile):
                rules_of[k] = "next to an addressed passage"
            last = rules_of[k]
    out: list[NotNews] = []
    for (s0, s1), rule in zip(spans, rules_of, strict=True):
        if rule is None:
            continue
        if out and not text[out[-1].end : s0].strip():
            out[-1] = NotNews(text=text[out[-1].start : s1], start=out[-1].start, end=s1, reason="addressed", detail=out[-1].detail)
        else:
            out.append(NotNews(text=text[s0:s1], start=s0, end=s1, reason="addressed", detail=rule))
    return out


def _with_lead_in(text: str, lines: list[tuple[int, int]], found: list[NotNews]) -> list[NotNews]:
    """A short line that ends with a colon right before an addressed line ("Here is the
    correct answer:") goes with it."""
    starts = {p.start for p in found}
    ends = {p.end for p in found}
    extra: list[NotNews] = []
    for (a, b), (c, _) in pairwise(lines):
        line = text[a:b].rstrip()
        if c in starts and b not in ends and line.endswith(":") and len(_WORD.findall(line)) <= 12:
            extra.append(NotNews(text=text[a:b], start=a, end=b, reason="addressed", detail="introduces an addressed passage"))
    return sorted(found + extra, key=lambda p: p.start)


def in_metadata(value: str | None, profile: LanguageProfile = ENGLISH) -> str | None:
    """Why a file name, headline or date field is addressed to software, or None. Hyphens and
    underscores of a file name read as spaces."""
    if not value:
        return None
    s = re.sub(r"[-_]+", " ", value) if " " not in value else value
    return _line_rule(value, _rules(profile), profile) or unit_rule(s, profile=profile, metadata=True)


def blank(text: str, passages: list[NotNews]) -> str:
    """``text`` with the passages' characters turned into spaces (line breaks kept): every
    offset still points where it did."""
    if not passages:
        return text
    chars = list(text)
    for p in passages:
        for i in range(p.start, p.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def without(text: str, raw: str, passages: list[NotNews], *, keep_offsets: bool = False) -> str:
    """``text`` (an article's cleaned text, whose lines are lines of ``raw``) with the passages
    (offsets in ``raw``) cut out: what the model is shown. With ``keep_offsets`` they are blanked
    like ``blank`` does to ``raw`` instead, so that each line of the result is still a line of
    the blanked ``raw``."""
    if not passages:
        return text
    kept: list[str] = []
    cursor = 0
    for line in text.split("\n"):
        s = line.strip()
        pos = raw.find(s, cursor) if s else -1
        if pos < 0:
            kept.append(line)
            continue
        cursor = pos + len(s)
        if not any(p.start < cursor and pos < p.end for p in passages):
            kept.append(line)
            continue
        cut = s
        for p in sorted(passages, key=lambda p: -p.start):
            a, b = max(p.start, pos) - pos, min(p.end, cursor) - pos
            if a >= b:
                continue
            if keep_offsets:
                cut = cut[:a] + " " * (b - a) + cut[b:]
            else:
                cut = cut[:a].rstrip() + (" " if cut[:a].strip() and cut[b:].strip() else "") + cut[b:].lstrip()
        if keep_offsets:
            kept.append(line.replace(s, cut, 1))
        elif cut.strip():
            kept.append(line[: len(line) - len(line.lstrip())] + cut)
        elif kept and not kept[-1].strip():
            kept.pop()  # the empty line that separated the paragraph cut out
    return "\n".join(kept)
