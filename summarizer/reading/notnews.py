"""Lines of an article that are not news sentences, found by code before any statement is made.

A page as text extraction leaves it holds more than its report: the dateline that opens
wire copy, photo captions and credits between paragraphs, bylines, subheads and an
explainer's question subheads, "Related:" lines, embedded posts, wire trailers, copyright
and update notes, bullet lists cut from their sentence. None of them is a statement a
briefing may count or cite. ``screen`` reads every line of an article and returns the body
to make statements from (the dateline cut off the paragraph it opens: the rest of that
paragraph is the lede) and the lines it set aside, each with its reason; ``summarizer.reading.claims``
then sets aside sentences with no clause of their own, questions, and quotations whose
speaker the sentence does not name.

Shape rules first -- they need no word list and hold on any outlet:

* **dateline**: a paragraph that opens with an upper-case place (one or more words, maybe
  ", Region" and a "Month D" date) and maybe a parenthesised source, then a dash:
  ``KESTREL BAY, Norland (AP) —``, ``DORVAL (Reuters) -``, ``ARDEN, May 14 (AFP) -``; or a
  capitalised place right before a parenthesised source and a dash (``London (CNN) —``).
* **credit / caption**: a line that ends with a credit -- a parenthesised group holding a
  slash or a credit word (``(Photo: Jane Doe/AP)``), a trailing ``Name / Agency`` or
  ``AGENCY/Name`` pair -- or opens with "Photo:"; a *caption* when what is left is a
  sentence, a *credit* when nothing is.
* **embed**: a line with a social handle in parentheses (``— Name (@handle) May 14, 2026``),
  a ``pic.twitter.com`` link or a bare URL; the post's own text right above its signature too.
* **bracketed**: a line wholly inside parentheses or brackets ("(Associated Press)").
* **subhead**: a line with no sentence-ending punctuation (``text.is_heading``) other
  than the headline; a **question** standing alone as a short paragraph.
* **list**: a bullet or numbered line that is not a sentence of its own.
* **byline**: "By NAME" or "NAME, <role>" on a line of its own.

Word lists second, from the language profile: link labels ("Related:", "Read more:"), trailer
and furniture patterns ("Reporting by ...", "contributed to this report", "This story has
been updated", "Sign up ..."), credit words and agencies, byline roles. When a list misses a
word, the shape rules above still set most such lines aside (a short line with no clause of
its own is never a statement: ``claims`` drops it as a fragment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..language import ENGLISH, LanguageProfile
from ..schemas import NotNews
from .liveblog import find_turns
from .syntax import statement
from .text import WORD, is_heading

QUESTION_MAX_WORDS = 20  # a question paragraph up to this long is a subhead, not a reported question
BYLINE_MAX_WORDS = 10
LINK_MAX_WORDS = 25

_CAPS_WORD = r"[A-Z][A-Z'\u2019.\-]*[A-Z.]"  # NEW, YORK, ST., O'HARE, WASHINGTON
_DATELINE = re.compile(
    rf"""(?:
        {_CAPS_WORD}(?:[ /]{_CAPS_WORD})*                       # KESTREL BAY, NEW YORK/LONDON
        (?:,\s*[A-Z][A-Za-z.'\u2019\-]*(?:\s+[A-Z][A-Za-z.'\u2019\-]*){{0,3}})?   # , Norland / , Ill.
        (?:,?\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?               # , May 14
        (?:\s*\([^()\n]{{1,40}}\))?                              # (AP)
      |
        [A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,3}}(?:,\s*[A-Z][a-z]+)?\s*\([^()\n]{{1,40}}\)   # London (CNN)
    )\s*[\u2014\u2013\-]{{1,2}}\s*(?=[\u201c"'\u2018A-Z0-9])""",
    re.VERBOSE,
)
_TRAILING_PAREN = re.compile(r"\s*[\(\[]([^()\[\]\n]{1,120})[\)\]]\s*\.?\s*$")
_SLASH_CREDIT = re.compile(
    r"(?:^|[\s.\u2014\u2013\-|])((?:[A-Z][\w.'\u2019\-]*\s?){1,4}\s?/\s?(?:[A-Z][\w.'\u2019\-]*\s?){1,4})\s*\.?\s*$"
)
_HANDLE = re.compile(r"\(@\w{1,30}\)|\bpic\.twitter\.com/|^\s*[\u2014\u2013\-]\s*\S.{0,80}@\w{1,30}")
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_BULLET = re.compile(r"\s*(?:[\u2022\u25aa\u25e6\u00b7*\-\u2013\u2014]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class _Rules:
    trailer: re.Pattern[str] | None
    credit_phrase: re.Pattern[str] | None
    credit_open: re.Pattern[str] | None
    link: re.Pattern[str] | None
    byline: re.Pattern[str]
    byline_role: re.Pattern[str] | None


def _alt(items) -> str:
    return "|".join(sorted((re.escape(i) for i in items), key=len, reverse=True))


def _rules(profile: LanguageProfile) -> _Rules:
    """The profile's rules, compiled once per profile."""
    return profile.compiled("notnews", _compile)


def _compile(profile: LanguageProfile) -> _Rules:
    trailer = re.compile("|".join(f"(?:{p})" for p in profile.trailer_patterns), re.IGNORECASE) if profile.trailer_patterns else None
    credit_phrase = (
        re.compile("|".join(f"(?:{p})" for p in profile.credit_phrases), re.IGNORECASE) if profile.credit_phrases else None
    )
    credit_open = re.compile(rf"^\s*(?:{_alt(profile.credit_words)})\b\s*:", re.IGNORECASE) if profile.credit_words else None
    link = re.compile(rf"^\s*(?:{_alt(profile.link_labels)})\s*[:|\u2014\u2013\-]\s*\S", re.IGNORECASE) if profile.link_labels else None
    by = _alt(profile.byline_words) or "By"
    byline = re.compile(rf"^\s*(?:{by})\s+[A-Z][\w.'\u2019\-]*(?:\s+[\w.'\u2019\-]+){{0,6}}\s*$")
    role = (
        re.compile(rf"^\s*[A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){{0,3}}\s*[,|\u2014\u2013\-]\s*(?:[\w ]+\s)?(?:{_alt(profile.byline_roles)})\b", re.IGNORECASE)
        if profile.byline_roles
        else None
    )
    return _Rules(trailer, credit_phrase, credit_open, link, byline, role)


def _word_count(text: str) -> int:
    return len(WORD.findall(text))


def _credit(line: str, rules: _Rules, profile: LanguageProfile) -> tuple[int, int] | None:
    """Where a credit is in ``line`` (start, end), if the line ends with (or opens with) one."""
    m = _TRAILING_PAREN.search(line)
    if m:
        inner = m.group(1)
        first = WORD.findall(inner.lower())[:1]
        if "/" in inner or (first and first[0] in profile.credit_words) or (rules.credit_phrase and rules.credit_phrase.search(inner)):
            return m.start(), len(line)
    m = _SLASH_CREDIT.search(line)
    if m and "http" not in line and _word_count(m.group(1)) <= 6:
        return m.start(1), len(line)
    if rules.credit_phrase:
        m = rules.credit_phrase.search(line)
        if m and _word_count(line[m.end() :]) <= 2 and (m.start() == 0 or _word_count(line) <= 12 or line[: m.start()].rstrip().endswith((".", "|", "/", "\u2014", "-"))):
            return m.start(), len(line)
    if rules.credit_open and rules.credit_open.match(line):
        return 0, len(line)
    return None


def dateline(text: str, start: int, end: int) -> int:
    """Where the paragraph ``text[start:end]`` starts once a dateline is cut off (``start`` if none)."""
    m = _DATELINE.match(text, start, end)
    if not m:
        return start
    place = re.match(r"[^,(\u2014\u2013\-]+", m.group())
    if place is None or len(re.sub(r"[^A-Za-z]", "", place.group())) < 3:
        return start
    return m.end()


@dataclass
class Screen:
    """The body to make statements from, and the lines set aside."""

    body: list[tuple[int, int]] = field(default_factory=list)
    set_aside: list[NotNews] = field(default_factory=list)


def _aside(text: str, start: int, end: int, reason: str) -> NotNews:
    return NotNews(text=text[start:end], start=start, end=end, reason=reason)


def caption_words(line: str, profile: LanguageProfile = ENGLISH) -> int:
    """Where a caption's own words end (its credit cut off): "Rescuers search ... on Monday.
    (Photo: Lena Hart/Harbour Post)" -> the offset of " (Photo". The line's length if it has no credit."""
    credit = _credit(line, _rules(profile), profile)
    return len(line) if credit is None else len(line[: credit[0]].rstrip())


def classify_line(line: str, profile: LanguageProfile = ENGLISH) -> str | None:
    """Why a whole line is not news (a reason), or None when it may hold news sentences."""
    rules = _rules(profile)
    s = line.strip()
    if not s:
        return None
    if _HANDLE.search(s) or _URL_ONLY.match(s):
        return "embed"
    if (s[0] in "([" and s[-1] in ")]") or (s[0] in "([" and s[-2:] in (").", "].")):
        return "trailer"
    if rules.trailer and rules.trailer.search(s):
        return "trailer"
    if rules.link and rules.link.match(s) and _word_count(s) <= LINK_MAX_WORDS and not s.rstrip("\u201d\"'").endswith("."):
        return "link"
    credit = _credit(s, rules, profile)
    if credit is not None:
        rest = s[: credit[0]].strip()
        return "caption" if rest and statement(rest, 0, len(rest), profile) else "credit"
    if _word_count(s) <= BYLINE_MAX_WORDS and (rules.byline.match(s) or (rules.byline_role and rules.byline_role.match(s))):
        return "byline"
    if is_heading(s):
        return "subhead"
    if s.endswith("?") and _word_count(s) <= QUESTION_MAX_WORDS and s[0] not in "\u201c\"'\u2018" and s.count("?") == 1:
        return "question"
    if bullet := _BULLET.match(s):
        item = s[bullet.end() :]
        return None if statement(item, 0, len(item), profile) else "list"
    return None


def screen(
    text: str, lines: list[tuple[int, int]], *, title: str | None = None, profile: LanguageProfile = ENGLISH
) -> Screen:
    """Read every line (``articles.paragraphs``) of ``text``: the news body and what is set aside.

    The headline line (``title``) is neither. A transcript's speaker turn ("Name (role): ...")
    is speech, kept for the quotes; a bullet line that is a sentence keeps its words without
    the bullet."""
    out = Screen()
    turns = {t.start for t in find_turns(text)}
    title_seen = False
    signature_before: set[int] = set()
    reasons: list[str | None] = []
    for k, (a, b) in enumerate(lines):
        line = text[a:b]
        if not title_seen and title and line.strip() == title.strip():
            title_seen = True
            reasons.append("title")
            continue
        reason = None if any(a <= t < b for t in turns) and not _HANDLE.search(line) else classify_line(line, profile)
        if reason == "embed" and k > 0 and _HANDLE.search(line) and not _URL_ONLY.match(line):
            signature_before.add(k - 1)  # the post's own words, on the line above its signature
        reasons.append(reason)
    for k in signature_before:
        a, b = lines[k]
        if reasons[k] is None and _word_count(text[a:b]) <= 60:
            reasons[k] = "embed"
    for (a, b), reason in zip(lines, reasons, strict=True):
        if reason == "title":
            continue
        if reason is not None:
            out.set_aside.append(_aside(text, a, b, reason))
            continue
        bullet = _BULLET.match(text, a, b)
        if bullet:
            a = bullet.end()
        cut = dateline(text, a, b)
        if cut > a:
            end = cut
            while end > a and (text[end - 1].isspace() or text[end - 1] in "\u2014\u2013-"):
                end -= 1
            out.set_aside.append(_aside(text, a, end, "dateline"))
            a = cut
        out.body.append((a, b))
    return out
