"""The same code runs on SQLite + embedded Chroma and on PostgreSQL + a Chroma server."""

import os

from coach.rag.retrieval import retrieve
from coach.services.indexing import index_guidance
from coach.services.notes import add_note

SERVER = os.environ.get("PEERCOACH_TEST_BACKEND") == "server"


def test_the_configured_back_ends_are_the_ones_in_use(services):
    dialect = services.engine.dialect.name
    client = services.chroma
    assert client.heartbeat() > 0, "the vector store answers"
    if SERVER:
        assert dialect == "postgresql" and services.settings.chroma_mode == "http"
    else:
        assert dialect == "sqlite" and services.settings.chroma_mode == "embedded"
        assert (services.settings.data_dir / "chroma").is_dir()


def test_store_and_retrieval_round_trip_on_this_back_end(real_services):
    index_guidance(real_services)
    add_note(real_services, "Priya (finance) is starting the vendor onboarding process", "Priya")
    sources = retrieve(real_services, "What could I offer Priya?")
    assert any(s.kind == "note" and s.person == "Priya" for s in sources)
    assert any(s.kind == "guidance" for s in sources)
