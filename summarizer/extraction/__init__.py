"""The per-article step: an ``Article`` and what ``reading`` found in it become one request
(``request``: ``prompts/extract_*.j2``, the model asked only what needs reading, and the check
an answer must pass) and, with the model's validated answer, one ``ArticleResult`` whose every
field is grounded in the text (``result``, with ``people`` -- people, quotes, organisations,
places -- ``events``, and ``checks``: what the model wrote must be said by the article).
``chunking`` splits an article too long for the endpoint's context into parts. No network: the
endpoint layer (``llm``) sends what is built here."""
