"""summarizer: news articles -> per-article structured JSON and one deduplicated, grounded briefing.

The library (the command line is a thin layer over the same functions)::

    import summarizer

    briefing = summarizer.brief(["seeds/"])                       # the embedded model
    done = summarizer.run(["seeds/"])       # results, briefing / digest, failed, set_aside at once
    briefing = summarizer.brief(["seeds/"], replay="fixtures/seeds")   # recorded answers, offline
    results = summarizer.extract(["story.txt"], base_url="http://localhost:11434/v1", model="llama3.1")
    briefing = summarizer.merge(results)                         # no model call
    digest = summarizer.digest(["today/", "https://example.org/rss"])   # mixed input: one briefing per story
    stories = summarizer.stories(results)                        # which articles tell one story
    today = summarizer.brief(["today/"], since="yesterday.json")  # marked new / updated / unchanged
    changed = summarizer.changes("yesterday.json", today)        # the same marks, from two briefings

``brief`` returns a ``Briefing`` when the input is one story and a ``Digest`` (stories, each
with its briefing, and the documents set aside) when it holds several; ``digest`` always
returns a ``Digest``; ``run`` returns a ``RunResult`` with both typed apart (``briefing`` is None
for several stories), the per-article results, the failures and the documents set aside.
``run_async``, ``extract_async``, ``brief_async`` and ``digest_async`` are the same for code that runs an event loop; the
options are the command line's (``summarizer.api``). The merge's own pieces live in the
``summarizer.merge`` package (``from summarizer.merge import plan``).
"""

from .api import (
    RunResult,
    brief,
    brief_async,
    changes,
    digest,
    digest_async,
    extract,
    extract_async,
    merge,
    run,
    run_async,
    settings,
    stories,
)
from .errors import (
    ConfigError,
    EndpointError,
    ExtractionError,
    InputError,
    ReplayMiss,
    SummarizerError,
)
from .schemas import ArticleResult, Briefing, Changes, Digest, Story

__version__ = "0.1.0"

__all__ = [
    "ArticleResult", "Briefing", "Changes", "ConfigError", "Digest", "EndpointError", "ExtractionError", "InputError",
    "ReplayMiss", "RunResult", "Story", "SummarizerError", "brief", "brief_async", "changes", "digest", "digest_async",
    "extract", "extract_async", "merge", "run", "run_async", "settings", "stories",
]  # fmt: skip
