"""The JSON Schemas in ``schemas/``, generated from the models (a test fails when they drift):
``python -m summarizer.schemas [DIR]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .article import ArticleResult
from .briefing import Briefing, Digest
from .changes import Changes
from .request import ArticleExtraction, Synthesis

EXPORTED: dict[str, type[BaseModel]] = {
    "article-extraction.request.schema.json": ArticleExtraction,
    "article.schema.json": ArticleResult,
    "briefing.schema.json": Briefing,
    "changes.schema.json": Changes,
    "digest.schema.json": Digest,
    "synthesis.request.schema.json": Synthesis,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """Every exported JSON Schema, keyed by file name."""
    return {name: model.model_json_schema() for name, model in EXPORTED.items()}


def write_json_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = directory / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
