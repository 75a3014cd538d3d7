"""Structured answers from a chat model, validated by a pydantic model and retried once."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)


def strict_json(text: str) -> object:
    """The JSON object in a reply (fenced or bare); truncated or broken JSON is an error,
    not an empty answer."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no JSON object in the reply")
    return json.loads(text[start : end + 1])


T = TypeVar("T", bound=BaseModel)


def ask_structured(
    model: BaseChatModel, prompt: str, schema: type[T], retries: int = 1
) -> T | None:
    """The model's answer as `schema`, or None if it fails validation `retries + 1` times.

    Models with tool calling use `with_structured_output` (JSON schema); others are asked for
    JSON with the parser's format instructions.
    """
    if getattr(model, "streaming", False):  # one JSON answer: nothing to stream
        model = model.model_copy(update={"streaming": False})
    try:
        runnable = model.with_structured_output(schema)
    except (NotImplementedError, ValueError):
        runnable = None
    from langchain_core.output_parsers import PydanticOutputParser

    parser = PydanticOutputParser(pydantic_object=schema)
    for attempt in range(retries + 1):
        try:
            if runnable is not None:
                return schema.model_validate(runnable.invoke(prompt))
            reply = model.invoke(f"{prompt}\n\n{parser.get_format_instructions()}")
            return schema.model_validate(strict_json(str(reply.content)))
        except Exception as exc:  # invalid output, or the provider failed: caller falls back
            log.info("structured output attempt %d rejected: %s", attempt + 1, exc)
    return None
