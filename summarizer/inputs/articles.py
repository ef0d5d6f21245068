"""Loading articles: files, folders and stdin -> ``Article`` (text for the model + metadata).

Pure code, no model. What it does to the text:

* decodes the bytes (see "Decoding" below) and records the encoding used and the sha256 of
  the bytes read;
* ``.html``/``.htm`` go through trafilatura (main text, title, date);
* strips page chrome that scrapers leave behind (the ``PageFurniture`` lines: "Please Wait...",
  "starAdd to favorites", a trailing "Comments" or "Source link"; a headline repeated twice)
  from the text the model sees, while ``raw`` keeps the file exactly as decoded: evidence
  offsets point into ``raw``;
* parses metadata the text carries: a leading ``date 2025-08-21``, a ``By ...`` byline, a
  ``folder_open<section> access_time <when>`` line;
* the article id is the file stem made safe as a file name (``safe_id``): ids name output
  files (``--out-dir DIR/<id>.json``, ``--record DIR/<id>/``).

Decoding (``decode``), in this order:

1. a byte-order mark decides: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE (UTF-32 is tested first, its
   LE mark starts with UTF-16's). The mark is not part of the text; bytes that do not decode
   after it are refused.
2. strict UTF-8 (no mark).
3. a NUL anywhere (in the bytes, or in the text a mark-led decode gave) -> refused as binary.
   Text without a mark therefore never comes out as UTF-16/32.
4. legacy 8-bit text: cp1252 (which reads Latin-1 text identically) when the bytes are valid
   cp1252 and that reading looks like Western European text: no symbol between two letters
   ("powiedzia³" is Polish read wrongly), no accented capital after a small letter inside a
   word, at most half of the letters accented (Cyrillic and Greek read as cp1252 are almost
   all accented), and either an accented letter standing alone as a word ("à", "è", "é"
   before a word: no cp1250 language writes "ŕ" or "č" alone) or, when the text is long
   enough for charset-normalizer's language detection, a language written in cp1252 (English, French, German, Spanish, Portuguese,
   Italian, Dutch, the Nordic languages...) ranks first. Otherwise charset-normalizer's best
   guess; none -> refused.

   Why not charset-normalizer alone (3.5, measured on Latin-1 bytes): it picks cp1250 for
   "à Genève, l'été", "São Paulo à noite" ("ŕ Genčve, l'été", "Săo Paulo ŕ noite") and
   "Müller sagte, die Straße" (right only because ü and ß are the same bytes in cp1250), and
   cp1006 for "café crème" ("cafﻠ crﻟme"); on two-sentence French, Spanish, Portuguese,
   Italian and Icelandic samples it picks cp1250, cp1257 or cp1258, all wrong. With the rule
   all of these decode exactly, and sentences of Polish, Czech, Slovak, Slovene, Croatian,
   Hungarian, Romanian (cp1250), Russian, Ukrainian, Bulgarian (cp1251), Greek (cp1253) and
   Turkish (cp1254) still decode exactly. The limit: a sentence or less of Czech, Hungarian
   or Turkish that is also plausible cp1252 ("Česká republika" read as "Èeská republika",
   "İstanbul'da başbakan ağır bir açıklama yaptı." as "Ýstanbul'da baþbakan...") is too short
   for language detection, and Western European wins the tie (charset-normalizer alone gets
   these three right and the Western ones wrong).

Control characters other than NUL (form feed, escape...) are kept in ``raw`` as decoded:
``raw`` is never edited, because evidence offsets index into it.

Article text is untrusted data; nothing here interprets it.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import InputError, NoArticleText
from ..language import ENGLISH, FURNITURE, LanguageProfile, PageFurniture
from ..reading.text import is_heading
from ..schemas import ArticleSource, PublishedDate

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
#: an article id's longest UTF-8 form: ids name files (``-d``, ``--record``, ``--split-dir``
#: adds "story-" and an extension), and file names are capped in bytes (255 on most systems)
MAX_ID_BYTES = 120
#: the largest input read (a file or stdin); ``SUMMARIZER_MAX_INPUT_BYTES`` lifts it
MAX_INPUT_BYTES = 20_000_000

# Byte-order marks, UTF-32 before UTF-16 (FF FE 00 00 starts with FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Languages charset-normalizer can detect that are written in cp1252 / Latin-1.
_CP1252_LANGUAGES = {
    "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch",
    "Danish", "Swedish", "Norwegian", "Finnish", "Indonesian",
}  # fmt: skip
# Non-letters that do sit between two letters in Western text ("it’s", "col·lecció", "a—b").
_IN_WORD_MARKS = set("’‘·–—…")

_CHROME_BY_PROFILE: dict[tuple[int, int], tuple[LanguageProfile, PageFurniture, dict[str, re.Pattern[str]]]] = {}


def _chrome(profile: LanguageProfile, furniture: PageFurniture) -> dict[str, re.Pattern[str]]:
    """The furniture's line patterns and the profile's byline, compiled once per pair."""
    key = (id(profile), id(furniture))
    cached = _CHROME_BY_PROFILE.get(key)
    if cached is None or cached[0] is not profile or cached[1] is not furniture:
        alt = lambda words: "|".join(map(re.escape, words))  # noqa: E731
        patterns = {
            "line": re.compile(rf"^\s*({'|'.join(furniture.lines)})\s*$", re.IGNORECASE),
            "trailing": re.compile(rf"(\s*(?:{alt(furniture.trailing)}))+\s*$"),
            "date": re.compile(rf"^\s*(?:{alt(furniture.date_line_words)})\s+(\d{{4}}-\d{{2}}-\d{{2}})\s+"),
            "section": re.compile(rf"^\s*{furniture.section_line}\s*$"),
            "byline": re.compile(rf"^\s*(?:{alt(profile.byline_words)})\s+(?P<by>[^\n]{{2,80}})$"),
        }
        cached = _CHROME_BY_PROFILE[key] = (profile, furniture, patterns)
    return cached[2]


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
    encoding: str | None = None  # how the bytes were decoded; None when built from a str

    def source(self) -> ArticleSource:
        return ArticleSource(
            id=self.id,
            path=self.path,
            sha256=self.sha256,
            encoding=self.encoding,
            chars=len(self.raw),
            title_hint=self.title_hint,
            published=self.published,
            outlet=self.outlet,
            section=self.section,
        )


class Decoded(NamedTuple):
    text: str
    encoding: str  # e.g. "utf-8", "utf-8-sig", "utf-16-le", "cp1252", "cp1251"


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The encoding a page declares: the HTTP ``Content-Type`` charset, else a ``<meta
    charset>`` (or ``http-equiv`` content type) in its first 2,048 bytes; a name Python knows."""
    found = None
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", content_type, re.IGNORECASE)
        found = m.group(1) if m else None
    if found is None:
        tag = _META_CHARSET.search(data[:2048])
        found = tag.group(1).decode("ascii") if tag else None
    try:
        return codecs.lookup(found).name if found else None
    except LookupError:
        return None


def decode(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Bytes -> (text, encoding used); binary is refused. The rule is in the module docstring;
    an encoding the page ``declared`` (``declared_charset``) comes after a byte-order mark and
    before the guessing, when the bytes decode with it."""
    binary = InputError(f"{name}: looks like a binary file (it contains NUL bytes), not article text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} text"
                ) from None
            if "\x00" in text:
                raise binary
            return Decoded(text, "utf-8-sig" if encoding == "utf-8" else encoding)
    if b"\x00" in data:
        raise binary
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        if declared in ("latin_1", "iso8859-1", "ascii"):  # what browsers do: "latin-1" means cp1252
            declared = "cp1252"
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return Decoded(western, "cp1252")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not UTF-8 and no text encoding could be detected")
    return Decoded(str(best), codecs.lookup(best.encoding).name)


def _is_letter(c: str) -> bool:
    return c.isalpha() and c not in "ªº"  # ordinal indicators follow digits, not letters


# an accented letter standing alone as a word: French and Portuguese "à", Italian "è",
# Portuguese "é"; read as cp1250 the same bytes are "ŕ", "č", "é" -- words of no language
_LONE_ACCENTED = re.compile(r"(?<![^\W\d_])[àè](?![^\W\d_])|(?<![^\W\d_])é(?= [a-zà-ÿ])")


def _reads_as_western(text: str) -> bool:
    """Does this cp1252 reading look like Western European text? (module docstring, step 4)"""
    letters = [c for c in text if _is_letter(c)]
    if sum(not c.isascii() for c in letters) * 2 > len(letters):
        return False
    for i in range(1, len(text) - 1):
        c = text[i]
        if c.isascii():
            continue
        before, after = _is_letter(text[i - 1]), _is_letter(text[i + 1])
        if not _is_letter(c) and c not in _IN_WORD_MARKS and before and after:
            return False  # "by³o", "Bucureºti"
        if c.isupper() and before and text[i - 1].islower():
            return False  # "jaŸñ"
    if _LONE_ACCENTED.search(text):
        return True  # "à Genève", "è già", "é um": a one-letter word no cp1250 language writes ("ŕ", "č")
    from charset_normalizer.cd import coherence_ratio

    ranked = coherence_ratio(text)  # [(language, score)], best first; [] when too short to tell
    if ranked:
        top = ranked[0][1]
        return any(lang.rstrip("—") in _CP1252_LANGUAGES and score >= top for lang, score in ranked)
    return True


def safe_id(stem: str) -> str:
    """A file stem -> an article id that is safe as a file name.

    Letters, digits, ``-``, ``_`` and ``.`` are kept; anything else (spaces, newlines,
    slashes, quotes, backticks...) becomes ``_``; leading dots become ``_`` (no hidden files,
    no ``..``); empty becomes ``_``; at most ``MAX_ID_BYTES`` bytes in UTF-8, cut at a
    character (120 CJK characters are 360 bytes: too long for a file name)."""
    stem = unicodedata.normalize("NFC", stem)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)
    safe = safe.encode("utf-8")[:MAX_ID_BYTES].decode("utf-8", errors="ignore")
    stripped = safe.lstrip(".")
    return "_" * (len(safe) - len(stripped)) + stripped or "_"


def clean_text(raw: str, profile: LanguageProfile = ENGLISH, furniture: PageFurniture = FURNITURE) -> tuple[str, dict[str, str]]:
    """Strip page chrome and pull metadata out of the text. Returns (text, metadata).

    Chrome: the ``furniture`` lines; and when the headline is printed twice in a row (a
    scraped page's title block), the short lines above it -- navigation, a site's banner --
    which are not part of the article. The byline's word is the ``profile``'s."""
    chrome = _chrome(profile, furniture)
    meta: dict[str, str] = {}
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    m = chrome["date"].match(text)
    if m:
        meta["date"] = m.group(1)
        text = text[m.end() :]
    kept: list[str] = []
    for line in text.split("\n"):
        if chrome["line"].match(line):
            continue
        sec = chrome["section"].match(line)
        if sec:
            meta["section"] = sec.group("section")
            meta["published_relative"] = sec.group("when")
            continue
        by = chrome["byline"].match(line)
        if by and "byline" not in meta:
            meta["byline"] = by.group("by").strip()
            continue
        # A headline printed twice in a row keeps one copy.
        stripped = line.strip()
        if stripped and kept and any(k.strip() for k in kept):
            last = next(k for k in reversed(kept) if k.strip())
            if last.strip() == stripped and len(stripped) < 200:
                # the title block: what stands above the headline is the site's, not the article's
                first = next(i for i, k in enumerate(kept) if k.strip() == stripped)
                if all(is_heading(k) and len(k.split()) <= 6 for k in kept[:first] if k.strip()):
                    kept = kept[first:]
                continue
        kept.append(line)
    text = "\n".join(kept)
    text = chrome["trailing"].sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    first_line = text.split("\n", 1)[0].strip()
    if first_line and len(first_line) <= 150 and not first_line.endswith((".", "”", '"', "?")) and "\n" in text:
        meta["title_hint"] = first_line
    return text, meta


def paragraphs(article: Article) -> list[tuple[int, int]]:
    """Where every line of the cleaned text (what the model sees) is in ``raw``, in order:
    headline and cross-heads included."""
    return list(_paragraphs(article.text, article.raw))


@lru_cache(maxsize=64)  # asked again for every part of a long article
def _paragraphs(text: str, raw: str) -> tuple[tuple[int, int], ...]:
    spans = []
    cursor = 0
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        pos = raw.find(s, cursor)
        if pos < 0:
            continue
        cursor = pos + len(s)
        spans.append((pos, pos + len(s)))
    return tuple(spans)


def body_spans(article: Article) -> list[tuple[int, int]]:
    """Where the article's body paragraphs are in ``raw`` (what the model sees minus headings).

    Titles and cross-heads ("How Tallis suddenly dialled Orlin") are left out: they are not
    statements."""
    return [(a, b) for a, b in paragraphs(article) if not is_heading(article.raw[a:b])]


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


def article_from_text(
    raw: str,
    article_id: str,
    *,
    path: str | None = None,
    html: bool = False,
    data: bytes | None = None,
    encoding: str | None = None,
    profile: LanguageProfile = ENGLISH,
    furniture: PageFurniture = FURNITURE,
) -> Article:
    """Build an ``Article`` from decoded text (the unit tests' entry point).

    ``data`` is the bytes ``raw`` was decoded from (with ``encoding``): the sha256 is of them.
    Without them it is of ``raw`` as UTF-8."""
    name = path or article_id
    if not raw.strip():
        raise NoArticleText(f"{name}: empty article (no text)")
    if html:
        text, meta = _from_html(raw, name)
        text, more = clean_text(text, profile, furniture)
        meta = {**more, **meta}
        raw = text  # evidence offsets for HTML refer to the extracted text
    else:
        text, meta = clean_text(raw, profile, furniture)
    if not text.strip():
        raise NoArticleText(f"{name}: nothing left after removing page chrome")
    return Article(
        id=article_id,
        text=text,
        raw=raw,
        path=path,
        sha256=hashlib.sha256(data if data is not None else raw.encode("utf-8")).hexdigest(),
        title_hint=meta.get("title_hint"),
        published=_published(meta),
        outlet=meta.get("outlet"),
        section=meta.get("section"),
        encoding=encoding,
    )


def max_input_bytes() -> int:
    """``MAX_INPUT_BYTES``, or ``$SUMMARIZER_MAX_INPUT_BYTES`` when set to a number."""
    given = os.environ.get("SUMMARIZER_MAX_INPUT_BYTES", "").replace("_", "")
    return int(given) if given.isdigit() and int(given) > 0 else MAX_INPUT_BYTES


def read_bounded(stream: BinaryIO, where: str) -> bytes:
    """At most ``max_input_bytes()`` from ``stream``; more is an ``InputError`` (``/dev/zero``
    or a runaway pipe stop at the cap instead of filling memory)."""
    cap = max_input_bytes()
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(f"{where}: over {cap:,} bytes (the input size cap; SUMMARIZER_MAX_INPUT_BYTES lifts it)")
    return data


def load_file(path: Path) -> Article:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block, a device never end
            raise InputError(f"{path}: not a regular file (a device, a pipe or a socket)")
        with path.open("rb") as f:
            data = read_bounded(f, str(path))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    raw, encoding = decode(data, str(path), declared_charset(data) if path.suffix.lower() in HTML_SUFFIXES else None)
    return article_from_text(
        raw,
        safe_id(path.stem),
        path=str(path),
        html=path.suffix.lower() in HTML_SUFFIXES,
        data=data,
        encoding=encoding,
    )


def _inside(f: Path, folder: Path) -> bool:
    """A folder's file, not a link out of it (a link is followed only when given directly)."""
    return not f.is_symlink() or f.resolve().is_relative_to(folder.resolve())


def expand(paths: Iterable[str]) -> list[Path | str]:
    """Resolve CLI arguments to files (sorted within a folder) or '-' for stdin."""
    out: list[Path | str] = []
    for arg in paths:
        if arg == "-":
            out.append("-")
            continue
        p = Path(arg)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and _inside(f, p))
            if not files:
                raise InputError(f"{p}: no articles here (looked for {', '.join(sorted(ARTICLE_SUFFIXES))})")
            out.extend(files)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def load(paths: Iterable[str], stdin_id: str = "stdin", no_text: list[tuple[str, str | None, str]] | None = None) -> list[Article]:
    """Load every article named by ``paths``; ids must be unique. With ``no_text`` (a list), a
    file that holds no article text (empty, page furniture only) is listed there as (id, path,
    reason) instead of stopping the load."""
    articles: list[Article] = []
    for item in expand(paths):
        try:
            if item == "-":
                data = read_bounded(sys.stdin.buffer, "<stdin>")
                raw, encoding = decode(data, "<stdin>")
                articles.append(article_from_text(raw, safe_id(stdin_id), path=None, data=data, encoding=encoding))
            else:
                articles.append(load_file(item))  # type: ignore[arg-type]
        except NoArticleText as exc:
            if no_text is None:
                raise
            path = None if item == "-" else str(item)
            no_text.append((safe_id(stdin_id if item == "-" else Path(item).stem), path, str(exc)))
    seen: dict[str, str] = {}
    for a in articles:
        where = a.path or "<stdin>"
        if a.id in seen:
            raise InputError(f"{where}: article id {a.id!r} is also used by {seen[a.id]}; rename one file")
        seen[a.id] = where
    return articles
