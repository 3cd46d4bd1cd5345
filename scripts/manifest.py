"""pipeline/models/MANIFEST.json: what each shipped model learned from, with SHA-256 hashes of the
data files and of the model's own files, so `make train` can be checked to reproduce them."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "pipeline" / "models" / "MANIFEST.json"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record(name: str, model_dir: Path, data: list[Path], notes: dict | None = None) -> None:
    m = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}
    m[name] = {
        "data": {str(p.relative_to(ROOT)): {"sha256": sha(p), "lines": sum(1 for _ in open(p, encoding="utf-8"))}
                 for p in data},
        "model": {str(f.relative_to(ROOT)): sha(f) for f in sorted(Path(model_dir).rglob("*")) if f.is_file()},
        **(notes or {}),
    }
    MANIFEST.write_text(json.dumps(m, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
