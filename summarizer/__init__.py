"""summarizer: news articles -> per-article structured JSON and one deduplicated, grounded briefing.

Library use (the CLI is a thin layer over the same pieces)::

    import asyncio
    from summarizer.articles import load
    from summarizer.llm.client import LLM
    from summarizer.llm.settings import Settings, resolve
    from summarizer.merge import merge
    from summarizer.pipeline import extract_all

    async def run():
        async with LLM(resolve(Settings())) as llm:          # the embedded model
            return await extract_all(llm, load(["seeds/"]))

    briefing = merge(list(asyncio.run(run()).results.values()))
"""

__version__ = "0.1.0"
