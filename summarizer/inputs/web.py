"""Fetching articles from the web: URLs and RSS/Atom/RDF feeds -> ``Article``.

Rules:

* only ``http://`` and ``https://`` URLs are fetched (``is_url``); ``file:``, ``ftp:``,
  ``javascript:``... are not URLs here. One GET per URL, no retries; redirects are
  followed (at most ``MAX_REDIRECTS``); a feed gives at most ``max_entries`` entries.
  ``timeout`` applies to connecting and to each wait for data, and reading a body stops
  once the request has taken longer than it.
* a body over ``max_bytes`` is refused (the declared Content-Length first, then the bytes
  actually read). Bytes are decoded by ``articles.decode`` with the charset the response
  declares (its Content-Type header, else a page's ``<meta charset>``), when they decode
  with it; else by its guess (BOM, UTF-8, cp1252...).
* redirects are followed one at a time, and neither a redirect nor a feed's link may lead to
  a private or local address (loopback, RFC 1918, link-local and the metadata address, ...)
  unless the input named that origin itself or ``allow_private`` is given.
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
import ipaddress
import logging
import os
import re
import socket
import time
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import httpx2

from ..errors import InputError
from ..schemas import PublishedDate
from .articles import Article, article_from_text, declared_charset, decode, safe_id

log = logging.getLogger("summarizer")

MAX_REDIRECTS = 5
#: entries read from one feed (a feed of 5,000 entries is 5,000 fetches and model calls)
MAX_ENTRIES = 50
#: how much of a body is read to tell a feed by how it opens (after the XML declaration,
#: processing instructions and comments); a feed's root element comes long before this
SNIFF_BYTES = 4096
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


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of a URL: what "the same server" means."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # "http://h:99999": no origin; the request fails with its own line
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(parts.scheme.lower())


def _private(host: str) -> bool:
    """Does ``host`` name or resolve to a loopback, private, link-local (the cloud metadata
    address 169.254.169.254), reserved, multicast or unspecified address?"""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False  # cannot resolve: the request fails with its own line
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            return True
    return False


@dataclasses.dataclass
class _Policy:
    """Where fetching may go: a public address, or one of the origins the user named (their
    own server on 127.0.0.1:8000 may link to itself, not to 127.0.0.1:9000), or anywhere
    with ``allow_private``."""

    named: set[tuple[str, str, int | None]]
    allow_private: bool = False

    def check(self, url: str) -> None:
        if self.allow_private or _origin(url) in self.named:
            return
        host = urlsplit(url).hostname or ""
        if _private(host):
            raise _Failed(f"refused: {host} is a private or local address the input did not name (--allow-private lifts it)")


def _get(
    client: httpx2.Client, url: str, timeout: float, max_bytes: int, policy: _Policy | None = None
) -> tuple[str, str, bytes]:
    """GET ``url`` -> (final URL, Content-Type header, body), following redirects one by one (each
    target checked by ``policy``); failures raise ``_Failed``."""
    policy = policy or _Policy(named={_origin(url)})
    start = time.monotonic()
    for _ in range(MAX_REDIRECTS + 1):
        policy.check(url)
        got = _get_one(client, url, timeout, max_bytes, start)
        if isinstance(got, str):
            url = _join(url, got)
            if not is_url(url):
                raise _Failed("redirected to a URL that is not http(s)")
            continue
        return got
    raise _Failed(f"too many redirects (over {MAX_REDIRECTS})")


def _get_one(
    client: httpx2.Client, url: str, timeout: float, max_bytes: int, start: float
) -> tuple[str, str, bytes] | str:
    """One GET: (final URL, Content-Type header, body), or the Location of a redirect."""
    too_big = _Failed(f"too large (over {max_bytes:,} bytes)")
    try:
        with client.stream("GET", url) as response:
            if response.is_redirect and response.headers.get("location"):
                return response.headers["location"]
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
            return str(response.url), response.headers.get("content-type", ""), bytes(body)
    except httpx2.TimeoutException:
        raise _Failed(f"timed out after {timeout:g}s") from None
    except httpx2.ConnectError as exc:
        reason = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc)).lower() or "unknown"
        raise _Failed(f"cannot connect ({reason})") from None
    except (httpx2.HTTPError, httpx2.InvalidURL, ValueError) as exc:
        raise _Failed(f"request failed ({type(exc).__name__}: {exc})") from None


def _page(art_id: str, url: str, ctype: str, body: bytes, charset: str | None = None) -> Article:
    """A fetched HTML or plain-text body -> ``Article`` (same path as a local file);
    ``charset``: the response's Content-Type header."""
    if ctype not in _HTML_TYPES and ctype != "text/plain":
        raise _Failed(f"not an article (content type {ctype or 'not given'})")
    text, encoding = decode(body, url, declared_charset(body if ctype in _HTML_TYPES else b"", charset))
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
    """A feed by its content type (not HTML's) or by how its body opens: its first element,
    after white space, ``<?...?>`` and ``<!--...-->``, is ``rss``, ``feed`` or ``rdf:RDF``.
    Read as a scan of the first ``SNIFF_BYTES`` (each step finds one end marker), so the
    cost is linear in the prefix whatever the page holds -- no backtracking regex on
    fetched bytes."""
    named = ctype not in _HTML_TYPES and any(w in ctype for w in ("rss", "atom", "xml"))
    if named:
        return True
    head = body[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    at = 0
    while True:
        while at < len(head) and head[at : at + 1].isspace():
            at += 1
        for opener, closer in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if head.startswith(opener, at):
                end = head.find(closer, at + len(opener))
                if end < 0:
                    return False
                at = end + len(closer)
                break
        else:
            return re.match(rb"<(?:rss|feed|rdf:RDF)[\s>]", head[at : at + 10]) is not None


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
    allow_private: bool = False,
    max_entries: int = MAX_ENTRIES,
) -> tuple[list[Article], dict[str, str]]:
    """Fetch pages and feeds -> (articles in input order, failed: url -> one line; the URL
    without credentials, as everywhere it is shown). Redirects and feed links to a private or
    local address are refused unless the user named that origin or ``allow_private``; a feed
    gives at most ``max_entries`` entries (a warning says how many more it had)."""
    articles: list[Article] = []
    failed: dict[str, str] = {}
    headers = {"User-Agent": user_agent, "Accept": _ACCEPT}
    policy = _Policy(named={_origin(u) for u in urls if is_url(u)}, allow_private=allow_private)
    with httpx2.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
        for url in urls:
            articles += _articles(client, url, failed, timeout, max_bytes, policy=policy, max_entries=max_entries)
    return _unique_ids(articles), failed


def _articles(
    client: httpx2.Client,
    url: str,
    failed: dict[str, str],
    timeout: float,
    max_bytes: int,
    feed: str | None = None,
    entry: dict | None = None,
    *,
    policy: _Policy,
    max_entries: int = 0,
) -> list[Article]:
    """The article(s) at ``url``: a page, or a feed's pages (``feed``: the feed we are in)."""
    shown = _public(url)
    where = f" (entry of feed {feed})" if feed else ""
    try:
        if not is_url(url):
            raise _Failed("not an http(s) URL")
        final, header, body = _get(client, url, timeout, max_bytes, policy)
        ctype = header.split(";")[0].strip().lower()
        if not _is_feed(ctype, body):
            article = _page(url_id(url), shown, ctype, body, header)
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
        if len(links) > max_entries:
            log.warning(f"{shown}: read the first {max_entries} of {len(links)} entries (--max-entries lifts it)")
            links = links[:max_entries]
    except InputError as exc:  # its message starts with the URL already
        failed[shown] = f"{exc}{where}"
        return []
    except _Failed as exc:
        failed[shown] = f"{shown}: {exc}{where}"
        return []
    return [
        article
        for link, e in links
        for article in _articles(client, link, failed, timeout, max_bytes, shown, e, policy=policy)
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
