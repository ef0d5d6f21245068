"""Fetching articles from the web: URLs and RSS/Atom/RDF feeds -> ``Article``.

Rules:

* only ``http://`` and ``https://`` URLs are fetched (``is_url``); ``file:``, ``ftp:``,
  ``javascript:``... are not URLs here. One GET per URL, no retries; redirects are
  followed (at most ``MAX_REDIRECTS``). ``timeout`` applies to connecting and to each
  wait for data, and reading a body stops once the request has taken longer than it.
* a body over ``max_bytes`` is refused (the declared Content-Length first, then the bytes
  actually read). Bytes are decoded by ``articles.decode`` (BOM, UTF-8, cp1252...): a
  charset in the headers is not used.
* what the response is decides how it is read: a feed (content type naming rss/atom/xml,
  or a body that opens with ``<rss``, ``<feed`` or ``<rdf:RDF``) is parsed by feedparser and
  each entry's ``link`` (resolved against the feed, http/https only) is fetched as a page;
  HTML goes through trafilatura exactly like an ``.html`` file; ``text/plain`` like a
  ``.txt`` file; any other content type is not an article. A page that has no published
  date takes its feed entry's date. Feeds inside feeds are not followed.
* the article id is ``url_id``: the last path segment without its extension (the host for
  a bare site), so it does not change with the port or the query. Ids repeated within one
  call get ``-2``, ``-3``... in input order. ``Article.path`` is the URL without any
  ``user:password@``.
* nothing is raised for one bad URL: it goes to ``failed`` (url -> one line starting with
  the URL, e.g. ``<url>: HTTP 404 Not Found``, ``<url>: cannot connect (connection
  refused)``, ``<url>: timed out after 20s``, ``<url>: not an article (content type
  image/png)``; a feed entry's line ends ``(entry of feed <feed url>)``) and the others go on.

Limits: no JavaScript, cookies, logins or robots.txt; feed entries with no link are skipped.
Fetched text is untrusted data; nothing here interprets it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import time
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import httpx2

from .articles import Article, article_from_text, decode, safe_id
from .errors import InputError
from .schemas import PublishedDate

MAX_REDIRECTS = 5
_FEED_START = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->)*<(?:rss|feed|rdf:RDF)[\s>]", re.DOTALL
)
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1"
)


class _Failed(Exception):
    """One URL could not become an article; the message is the reason (no URL)."""


def is_url(arg: str) -> bool:
    """Is ``arg`` an http(s) URL with a host (the only URLs ``fetch`` reads)?"""
    try:
        parts = urlsplit(arg)
    except ValueError:  # "http://[::1": not a URL
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def url_id(url: str) -> str:
    """The article id for a URL ``is_url`` accepts: the last non-empty path segment
    without its extension, else the host (no port)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments:
        return safe_id(os.path.splitext(unquote(segments[-1]))[0])
    return safe_id(parts.hostname or "")


def _public(url: str) -> str:
    """``url`` without ``user:password@`` (what messages and ``Article.path`` show)."""
    return re.sub(r"^([A-Za-z][\w+.-]*://)[^/?#]*@", r"\1", url)


def _get(
    client: httpx2.Client, url: str, timeout: float, max_bytes: int
) -> tuple[str, str, bytes]:
    """GET ``url`` -> (final URL, content type, body); failures raise ``_Failed``."""
    too_big = _Failed(f"too large (over {max_bytes:,} bytes)")
    start = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise _Failed(
                    f"HTTP {response.status_code} {response.reason_phrase}".strip()
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise too_big
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise too_big
                if time.monotonic() - start > timeout:
                    raise httpx2.ReadTimeout("total time")
            ctype = (
                response.headers.get("content-type", "").split(";")[0].strip().lower()
            )
            return str(response.url), ctype, bytes(body)
    except httpx2.TimeoutException:
        raise _Failed(f"timed out after {timeout:g}s") from None
    except httpx2.ConnectError as exc:
        reason = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc)).lower() or "unknown"
        raise _Failed(f"cannot connect ({reason})") from None
    except httpx2.TooManyRedirects:
        raise _Failed(f"too many redirects (over {MAX_REDIRECTS})") from None
    except (httpx2.HTTPError, httpx2.InvalidURL, ValueError) as exc:
        raise _Failed(f"request failed ({type(exc).__name__}: {exc})") from None


def _page(art_id: str, url: str, ctype: str, body: bytes) -> Article:
    """A fetched HTML or plain-text body -> ``Article`` (same path as a local file)."""
    if ctype not in _HTML_TYPES and ctype != "text/plain":
        raise _Failed(f"not an article (content type {ctype or 'not given'})")
    text, encoding = decode(body, url)
    html = ctype in _HTML_TYPES
    return article_from_text(
        text, art_id, path=url, html=html, data=body, encoding=encoding
    )


def _join(base: str, link: str) -> str:
    """``link`` resolved against ``base``; a malformed one is left as it is (and refused)."""
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def _is_feed(ctype: str, body: bytes) -> bool:
    """A feed by its content type (not HTML's) or by how its body opens."""
    named = ctype not in _HTML_TYPES and any(w in ctype for w in ("rss", "atom", "xml"))
    return named or bool(_FEED_START.match(body.lstrip(b"\xef\xbb\xbf")))


def _entry_date(entry: dict) -> PublishedDate | None:
    """A feed entry's date (published, else updated), or None."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    written = entry.get("published") or entry.get("updated")
    return PublishedDate(as_written=written, iso=time.strftime("%Y-%m-%d", parsed))


def fetch(
    urls: list[str],
    *,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
    user_agent: str = "summarizer/0.1",
) -> tuple[list[Article], dict[str, str]]:
    """Fetch pages and feeds -> (articles in input order, failed: url -> one line; the URL
    without credentials, as everywhere it is shown)."""
    articles: list[Article] = []
    failed: dict[str, str] = {}
    headers = {"User-Agent": user_agent, "Accept": _ACCEPT}
    with httpx2.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers=headers,
    ) as client:
        for url in urls:
            articles += _articles(client, url, failed, timeout, max_bytes)
    return _unique_ids(articles), failed


def _articles(
    client: httpx2.Client,
    url: str,
    failed: dict[str, str],
    timeout: float,
    max_bytes: int,
    feed: str | None = None,
    entry: dict | None = None,
) -> list[Article]:
    """The article(s) at ``url``: a page, or a feed's pages (``feed``: the feed we are in)."""
    shown = _public(url)
    where = f" (entry of feed {feed})" if feed else ""
    try:
        if not is_url(url):
            raise _Failed("not an http(s) URL")
        final, ctype, body = _get(client, url, timeout, max_bytes)
        if not _is_feed(ctype, body):
            article = _page(url_id(url), shown, ctype, body)
            date = _entry_date(entry) if entry is not None else None
            if date is not None and article.published.iso is None:
                article = dataclasses.replace(article, published=date)
            return [article]
        if feed:
            raise _Failed("a feed inside a feed (not followed)")
        entries = feedparser.parse(body).entries
        links = [(_join(final, e.link), e) for e in entries if e.get("link")]
        if not links:
            raise _Failed("a feed with no entries that link to an article")
    except InputError as exc:  # its message starts with the URL already
        failed[shown] = f"{exc}{where}"
        return []
    except _Failed as exc:
        failed[shown] = f"{shown}: {exc}{where}"
        return []
    return [
        article
        for link, e in links
        for article in _articles(client, link, failed, timeout, max_bytes, shown, e)
    ]


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Repeated ids get ``-2``, ``-3``... in order (the first keeps its id)."""
    used: set[str] = set()
    out = []
    for article in articles:
        new, n = article.id, 2
        while new in used:
            new, n = f"{article.id}-{n}", n + 1
        used.add(new)
        out.append(
            article if new == article.id else dataclasses.replace(article, id=new)
        )
    return out
