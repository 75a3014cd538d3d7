"""Vectors of the app's fixed texts (the router's examples) are made once per model and read
back by later processes, exactly as made; anything else is computed afresh."""

from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding

from coach.components.vector_cache import CachedDocuments, cached_documents

EXAMPLES = ["who should I reach out to next", "draft a feedback request for Jordan", "ok"]


class CountingModel(DeterministicFakeEmbedding):
    """A fake model that counts how often it is asked to embed documents."""

    calls: int = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return super().embed_documents(texts)


def cache(folder: Path, model: str = "minilm-abc.onnx:1:2") -> CachedDocuments:
    """A fresh model and cache, as a new process would make them."""
    return CachedDocuments(CountingModel(size=8), folder, model)


def test_a_later_process_reads_the_vectors_without_running_the_model(tmp_path):
    made = cache(tmp_path).embed_documents(EXAMPLES)
    later = cache(tmp_path)
    assert later.embed_documents(EXAMPLES) == made
    assert later.inner.calls == 0  # type: ignore[attr-defined]


def test_other_texts_or_another_model_are_embedded_afresh(tmp_path):
    cache(tmp_path).embed_documents(EXAMPLES)
    changed, other_model = cache(tmp_path), cache(tmp_path, model="minilm-def.onnx:1:2")
    changed.embed_documents([*EXAMPLES, "a new example"])
    other_model.embed_documents(EXAMPLES)
    assert changed.inner.calls == other_model.inner.calls == 1  # type: ignore[attr-defined]


def test_a_damaged_file_is_made_again_not_an_error(tmp_path):
    first = cache(tmp_path)
    made = first.embed_documents(EXAMPLES)
    first.path_for(EXAMPLES).write_bytes(b"\x93NUMPY half a file")
    again = cache(tmp_path)
    assert again.embed_documents(EXAMPLES) == made
    assert again.inner.calls == 1  # type: ignore[attr-defined]


def test_queries_are_never_kept(tmp_path):
    cached = cache(tmp_path)
    cached.embed_query("what do I know about Priya's launch?")
    assert list(tmp_path.iterdir()) == []


def test_a_model_that_cannot_name_its_weights_is_not_cached():
    fake = DeterministicFakeEmbedding(size=8)
    assert cached_documents(fake) is fake
