"""MiniLM through ONNX Runtime gives the vectors sentence-transformers gives."""

import numpy as np
import pytest

from coach.components.embeddings import _minilm, make_embeddings, minilm_path
from coach.components.onnx_minilm import OnnxMiniLM, export
from coach.settings import load_settings

TEXTS = [
    "How do I start a conversation with someone in finance I barely know?",
    "Priya is launching the vendor portal next month and worries about the migration.",
    "ok",
    "word " * 400,  # longer than the model's window: both truncate the same way
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The install step, run once for this module: the packaged weights exported to ONNX."""
    folder = tmp_path_factory.mktemp("onnx")
    model_dir = minilm_path(load_settings(folder))
    return export(model_dir, folder / "minilm.onnx"), model_dir


def test_onnx_vectors_match_sentence_transformers(exported):
    path, model_dir = exported
    onnx = OnnxMiniLM(path, model_dir)
    torch_vectors = np.array(_minilm(str(model_dir)).embed_documents(TEXTS))
    onnx_vectors = np.array(onnx.embed_documents(TEXTS))
    assert onnx_vectors.shape == torch_vectors.shape == (4, 384)
    assert np.abs(onnx_vectors - torch_vectors).max() < 1e-4
    assert np.allclose(onnx.embed_query(TEXTS[0]), onnx_vectors[0], atol=1e-5)


def test_the_factory_uses_the_exported_model_when_it_is_there(exported, tmp_path, monkeypatch):
    path, _ = exported
    monkeypatch.setenv("COACH_EMBEDDING_ONNX_PATH", str(path))
    assert isinstance(make_embeddings(load_settings(tmp_path)), OnnxMiniLM)
    monkeypatch.setenv("COACH_EMBEDDING_RUNTIME", "torch")
    assert not isinstance(make_embeddings(load_settings(tmp_path)), OnnxMiniLM)


def test_the_exported_model_keeps_fixed_vectors_beside_itself_and_reads_them_back(exported):
    from coach.components.vector_cache import cached_documents

    path, model_dir = exported
    made = cached_documents(OnnxMiniLM(path, model_dir)).embed_documents(TEXTS)
    kept = list(path.parent.glob("vectors-*.npy"))
    assert len(kept) == 1
    assert cached_documents(OnnxMiniLM(path, model_dir)).embed_documents(TEXTS) == made
