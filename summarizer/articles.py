"""Loading articles: files, folders and stdin -> ``Article`` (text for the model + metadata).

Pure code, no model. What it does to the text:

* decodes bytes as UTF-8 (BOM tolerated); other encodings are detected with
  charset-normalizer and decoded, binary files are refused;
* ``.html``/``.htm`` go through trafilatura (main text, title, date);
* strips page chrome that scrapers leave behind ("Please Wait...", "starAdd to favorites",
  a trailing "Comments" or "Source link", a headline repeated twice) from the text the model
  sees, while ``raw`` keeps the file exactly as decoded: evidence offsets point into ``raw``;
* parses metadata the text carries: a leading ``date 2025-08-21``, a ``By ...`` byline, a
  ``folder_open<section> access_time <when>`` line.

Article text is untrusted data; nothing here interprets it.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .schemas import ArticleSource, PublishedDate

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_CHARS = 60_000  # ~15k tokens: beyond the embedded model's context; see README "Limits"

# Whole lines that are page furniture, not article text.
_CHROME_LINES = re.compile(
    r"^\s*(please wait\.*|comments|source link|star\s*add to favorites|starAdd to favorites|"
    r"share( this)?( article)?|advertisement|read more|loyal to the pledge)\s*$",
    re.IGNORECASE,
)
# The same furniture glued to the end of the last paragraph ("...he said.\n\nComments").
_TRAILING_CHROME = re.compile(r"(\s*(?:Comments|Source link))+\s*$")
_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_SECTION_LINE = re.compile(r"^\s*folder_open\s*(?P<section>.*?)\s*access_time\s*(?P<when>.*?)\s*$")
_BYLINE = re.compile(r"^\s*By\s+(?P<by>[^\n]{2,80})$")


@dataclass(frozen=True)
class Article:
    """One article, ready for extraction."""

    id: str
    text: str  # cleaned text the model sees
    raw: str  # the file as decoded; evidence offsets index into this
    path: str | None = None
    sha256: str = ""
    title_hint: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    outlet: str | None = None
    section: str | None = None

    def source(self) -> ArticleSource:
        return ArticleSource(
            id=self.id,
            path=self.path,
            sha256=self.sha256,
            chars=len(self.raw),
            title_hint=self.title_hint,
            published=self.published,
            outlet=self.outlet,
            section=self.section,
        )


def decode(data: bytes, name: str) -> str:
    """Bytes -> str. UTF-8 first; otherwise a detected encoding; binary is refused."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not UTF-8 and no text encoding could be detected")
    return str(best)


def clean_text(raw: str) -> tuple[str, dict[str, str]]:
    """Strip page chrome and pull metadata out of the text. Returns (text, metadata)."""
    meta: dict[str, str] = {}
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    m = _LEADING_DATE.match(text)
    if m:
        meta["date"] = m.group(1)
        text = text[m.end() :]
    kept: list[str] = []
    for line in text.split("\n"):
        if _CHROME_LINES.match(line):
            continue
        sec = _SECTION_LINE.match(line)
        if sec:
            meta["section"] = sec.group("section")
            meta["published_relative"] = sec.group("when")
            continue
        by = _BYLINE.match(line)
        if by and "byline" not in meta:
            meta["byline"] = by.group("by").strip()
            continue
        # A headline printed twice in a row keeps one copy.
        stripped = line.strip()
        if stripped and kept and any(k.strip() for k in kept):
            last = next(k for k in reversed(kept) if k.strip())
            if last.strip() == stripped and len(stripped) < 200:
                continue
        kept.append(line)
    text = "\n".join(kept)
    text = _TRAILING_CHROME.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= 150 and not first.endswith((".", "”", '"', "?")) and "\n" in text:
        meta["title_hint"] = first
    return text, meta


def is_heading(line: str) -> bool:
    """A title or cross-head, not a statement: short, and no sentence-ending punctuation."""
    s = line.strip()
    return bool(s) and len(s) <= 150 and not s.endswith((".", "!", "?", "\u201d", '"', "\u2019", "'", ":", "…"))


def body_spans(article: Article) -> list[tuple[int, int]]:
    """Where the article's body paragraphs are in ``raw`` (what the model sees minus headings).

    Each line of the cleaned text is found, in order, in the raw text; titles and cross-heads
    ("How Trump suddenly dialled Putin") are left out: they are not statements."""
    spans = []
    cursor = 0
    for line in article.text.split("\n"):
        s = line.strip()
        if not s:
            continue
        pos = article.raw.find(s, cursor)
        if pos < 0:
            continue
        cursor = pos + len(s)
        if not is_heading(s):
            spans.append((pos, pos + len(s)))
    return spans


def _from_html(html: str, name: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_links=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(f"{name}: HTML with no extractable article text")
    meta: dict[str, str] = {}
    for key, attr in (("title_hint", "title"), ("date", "date"), ("outlet", "sitename")):
        value = getattr(doc, attr, None)
        if value:
            meta[key] = str(value)
    return text, meta


def _published(meta: dict[str, str]) -> PublishedDate:
    if "date" in meta:
        iso = meta["date"] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]) else None
        return PublishedDate(as_written=meta["date"], iso=iso)
    if "published_relative" in meta:
        # "2 days ago" with no date to count from: kept as written, never resolved by the clock.
        return PublishedDate(as_written=meta["published_relative"], iso=None)
    return PublishedDate()


def article_from_text(raw: str, article_id: str, *, path: str | None = None, html: bool = False) -> Article:
    """Build an ``Article`` from decoded text (the unit tests' entry point)."""
    name = path or article_id
    if not raw.strip():
        raise InputError(f"{name}: empty article (no text)")
    if html:
        text, meta = _from_html(raw, name)
        text, more = clean_text(text)
        meta = {**more, **meta}
        raw = text  # evidence offsets for HTML refer to the extracted text
    else:
        text, meta = clean_text(raw)
    if not text.strip():
        raise InputError(f"{name}: nothing left after removing page chrome")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{name}: article too long ({len(text):,} characters; limit {MAX_CHARS:,}). "
            "Split it, or raise SUMMARIZER_MAX_CHARS with a long-context endpoint."
        )
    return Article(
        id=article_id,
        text=text,
        raw=raw,
        path=path,
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        title_hint=meta.get("title_hint"),
        published=_published(meta),
        outlet=meta.get("outlet"),
        section=meta.get("section"),
    )


def load_file(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    raw = decode(data, str(path))
    return article_from_text(raw, path.stem, path=str(path), html=path.suffix.lower() in HTML_SUFFIXES)


def expand(paths: Iterable[str]) -> list[Path | str]:
    """Resolve CLI arguments to files (sorted within a folder) or '-' for stdin."""
    out: list[Path | str] = []
    for arg in paths:
        if arg == "-":
            out.append("-")
            continue
        p = Path(arg)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise InputError(f"{p}: no articles here (looked for {', '.join(sorted(ARTICLE_SUFFIXES))})")
            out.extend(files)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def load(paths: Iterable[str], stdin_id: str = "stdin") -> list[Article]:
    """Load every article named by ``paths``; ids must be unique."""
    articles: list[Article] = []
    for item in expand(paths):
        if item == "-":
            raw = decode(sys.stdin.buffer.read(), "<stdin>")
            articles.append(article_from_text(raw, stdin_id, path=None))
        else:
            articles.append(load_file(item))  # type: ignore[arg-type]
    seen: dict[str, str | None] = {}
    for a in articles:
        if a.id in seen:
            raise InputError(f"{a.path}: article id {a.id!r} is also used by {seen[a.id]}; rename one file")
        seen[a.id] = a.path
    return articles
