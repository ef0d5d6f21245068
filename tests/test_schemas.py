"""The JSON Schemas in schemas/ are generated from the pydantic models and must not drift;
the model-facing schema must bound every list and string (the grammar relies on it)."""

from __future__ import annotations

import json

from summarizer.schemas import ArticleExtraction, ArticleResult, json_schemas

from .conftest import ROOT


def test_committed_json_schemas_match_the_models():
    generated = json_schemas()
    on_disk = {p.name for p in (ROOT / "schemas").glob("*.json")}
    assert on_disk == set(generated), "run: python -m summarizer.schemas schemas"
    for name, schema in generated.items():
        assert json.loads((ROOT / "schemas" / name).read_text()) == schema, f"{name} drifted: python -m summarizer.schemas schemas"


def _walk(node, path="$"):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}[{i}]")


def test_model_facing_schema_bounds_every_list_and_string_and_has_no_pattern():
    schema = ArticleExtraction.model_json_schema()
    for path, node in _walk(schema):
        assert "pattern" not in node, path
        if node.get("type") == "array":
            assert "maxItems" in node, f"unbounded list at {path}"
        if node.get("type") == "string":
            assert "maxLength" in node, f"unbounded string at {path}"
    # every list is required, or a small model simply leaves it out
    assert set(schema["required"]) == set(ArticleExtraction.model_fields)


def test_version_1_article_files_are_still_read_without_their_paraphrase_quotes(replayed_results):
    _, results = replayed_results
    r = next(iter(results.values()))
    old = r.model_dump(mode="json")
    old["schema_version"] = 1
    old["quotes"] = [{**q, "kind": "direct"} for q in old["quotes"]] + [
        {"id": "q-x", "speaker": "Anna Berg", "text": "words the article never held", "kind": "paraphrase"}
    ]
    read = ArticleResult.model_validate(old)
    assert [q.text for q in read.quotes] == [q.text for q in r.quotes] and read.schema_version == 1
    assert r.schema_version == 2
