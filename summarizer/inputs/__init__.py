"""Inputs: what becomes an ``Article``, before any reading. ``articles`` loads files, folders
and standard input (bounded reads, declared and sniffed encodings, HTML through trafilatura,
page furniture cleaned off), ``web`` fetches URLs and feeds (no private addresses unless asked,
bounded redirects, sizes and entries), ``noise`` sets aside documents that are not articles
(archive notices, paywalls, embeds) without a model call. Nothing here reads sentences or
quotes: that is ``reading``, one floor down."""
