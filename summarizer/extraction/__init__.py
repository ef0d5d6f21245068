"""The per-article step: an ``Article`` and what ``reading`` found in it become one request
(``prompts/extract_*.j2``: the model is asked only what needs reading) and, with the model's
validated answer, one ``ArticleResult`` whose every field is grounded in the text. ``chunking``
splits an article too long for the endpoint's context into parts. No network: the endpoint
layer (``llm``) sends what is built here."""
