"""Answer sooner from a cold start: the embedding model loads in the background.

A fresh `coach ask` spends about a second importing Python (LangChain, Chroma) and most of a
second in native code: opening the MiniLM session and embedding the router's example requests.
ONNX Runtime and the tokenizer release the GIL, so the native half runs on a second thread while
the first imports; the caller joins before it answers.
"""

from __future__ import annotations

import logging
import threading

from coach.components.container import Services

log = logging.getLogger(__name__)


def start_warm_up(services: Services) -> threading.Thread:
    """Load the embedding model and the intent vectors on a background thread; join it before
    using `services.embeddings`. A failure is left for the answer itself to report."""
    # What both threads import is loaded here first, so the two never wait on each other.
    import langchain_core.embeddings  # noqa: F401
    import numpy  # noqa: F401

    thread = threading.Thread(target=_warm, args=(services,), name="warm-up", daemon=True)
    thread.start()
    return thread


def _warm(services: Services) -> None:
    try:
        from coach.services.intent_vectors import index_for

        index_for(services.embeddings)
    except Exception:  # e.g. no exported model: the answer raises the same error, plainly
        log.debug("warm-up failed", exc_info=True)
