"""Shared fixtures. Every test runs with its own cache dir and config, and no real keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures" / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(home / "config.toml"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_API_KEY", "SUMMARIZER_BASE_URL",
                "SUMMARIZER_MODEL", "SUMMARIZER_MODE", "SUMMARIZER_GGUF", "SUMMARIZER_PROMPTS_DIR",
                "SUMMARIZER_CONTEXT_TOKENS", "SUMMARIZER_CHUNK_CHARS"):
        monkeypatch.delenv(var, raising=False)


def recorded_content(article_id: str) -> str:
    """The last (accepted) model answer recorded for a seed: real model output."""
    exchanges = [json.loads(p.read_text()) for p in (FIXTURES / article_id).glob("*.json")]
    # the accepted answer is the one whose request carries the most messages (after any re-ask)
    last = max(exchanges, key=lambda e: len(e["request"]["messages"]))
    return last["response"]["choices"][0]["message"]["content"]


@pytest.fixture(scope="session")
def replayed_results(tmp_path_factory: pytest.TempPathFactory):
    """The five seeds extracted by replaying fixtures/seeds through the real pipeline."""
    import asyncio

    from summarizer.inputs.articles import load
    from summarizer.llm.client import LLM
    from summarizer.llm.settings import Settings, resolve
    from summarizer.pipeline import extract_all

    cache = tmp_path_factory.mktemp("replay-cache")
    settings = resolve(Settings(cache_dir=str(cache)), config={})
    articles = load([str(SEEDS)])

    async def run():
        async with LLM(settings, replay=FIXTURES) as llm:
            return await extract_all(llm, articles)

    report = asyncio.run(run())
    assert not report.failed, report.failed
    return articles, report.results


STORIES = ROOT / "tests" / "data" / "stories"
STORY_FIXTURES = ROOT / "fixtures" / "stories"


@pytest.fixture(scope="session")
def replayed_stories(tmp_path_factory: pytest.TempPathFactory):
    """The test stories (tests/data/stories/*) extracted by replaying fixtures/stories.

    Returns {story: (articles, results)}."""
    import asyncio

    from summarizer.inputs.articles import load
    from summarizer.llm.client import LLM
    from summarizer.llm.settings import Settings, resolve
    from summarizer.pipeline import extract_all

    cache = tmp_path_factory.mktemp("replay-cache-stories")
    settings = resolve(Settings(cache_dir=str(cache)), config={})
    out = {}
    for story in ("fire", "rates"):
        articles = load([str(STORIES / story)])

        async def run():
            async with LLM(settings, replay=STORY_FIXTURES) as llm:
                return await extract_all(llm, articles)

        report = asyncio.run(run())
        assert not report.failed, report.failed
        out[story] = (articles, report.results)
    return out
