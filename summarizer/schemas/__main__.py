"""``python -m summarizer.schemas [DIR]``: write the JSON Schemas (default ``schemas/``)."""

import sys
from pathlib import Path

from .export import write_json_schemas

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
for p in write_json_schemas(target):
    print(p)
