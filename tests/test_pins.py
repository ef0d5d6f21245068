"""The versions this project is tested with are the ones installed (an unpinned resolve
can silently fall back to instructor 1.3 / openai 1.x, which speak a different httpx)."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

from .conftest import ROOT


def test_pinned_dependencies_are_installed():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = dict(re.fullmatch(r"([\w.-]+)==([\w.]+)", d).groups() for d in deps if "==" in d)
    assert {"openai", "instructor", "httpx2", "jiter", "pydantic"} <= set(pins)
    for name, pinned in pins.items():
        assert version(name) == pinned, f"{name} {version(name)} installed, {pinned} pinned"


def test_openai_sdk_speaks_httpx2():
    import openai

    assert version("openai").startswith("3.")
    assert "httpx2" in openai.AsyncOpenAI.__init__.__annotations__["http_client"]
