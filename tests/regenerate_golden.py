"""Rewrite tests/golden/ from the current seeds and code: `make golden`, then review the diff."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.conftest import EPOCH, copy_project, load_config  # noqa: E402

from briefing.build import build  # noqa: E402

os.environ["SOURCE_DATE_EPOCH"] = EPOCH
with tempfile.TemporaryDirectory() as tmp:
    result = build(load_config(copy_project(Path(tmp) / "project")), "2025-47")
    target = Path(__file__).parent / "golden" / "2025-47.items.json"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(result.out_dir / "items.json", target)
    print(f"wrote {target.relative_to(Path.cwd())}")
