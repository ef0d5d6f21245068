"""The one-way flow: schemas <- pure logic <- llm <- pipeline <- cli. Checked on the source."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

PKG = ROOT / "summarizer"
PURE = ["schemas", "language", "text", "quantities", "temporal", "articles", "names", "dates", "prompting",
        "grounding", "claims", "extract", "merge.__init__", "merge.index", "merge.people", "merge.entities",
        "merge.events", "merge.facts", "merge.quotes", "merge.copies", "render", "render_html", "evaluate",
        "synthesis", "adjudication", "errors"]  # fmt: skip
NETWORK = {"openai", "instructor", "httpx2", "httpx", "requests", "xllamacpp"}


def imports(module: str) -> set[str]:
    path = PKG / (module.replace(".", "/") + ".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = ("." * node.level) + (node.module or "")
            found.add(base)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


@pytest.mark.parametrize("module", PURE)
def test_pure_logic_never_imports_the_llm_layer_the_cli_or_a_network_client(module):
    for name in imports(module):
        top = name.lstrip(".").split(".")[0]
        assert top not in NETWORK, f"{module} imports {name}"
        assert top not in {"llm", "cli", "pipeline"}, f"{module} imports {name}"


def test_llm_layer_never_imports_the_cli():
    for module in ["llm.client", "llm.exchanges", "llm.local", "llm.settings", "pipeline"]:
        assert not any(n.lstrip(".").split(".")[0] == "cli" for n in imports(module)), module


def test_cli_stays_thin():
    assert len((PKG / "cli.py").read_text().splitlines()) < 600
