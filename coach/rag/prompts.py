"""Prompt files under prompts/, loaded into LangChain templates that refuse missing variables."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_core.prompts import PromptTemplate

from coach.settings import REPO_ROOT

PROMPTS_DIR = REPO_ROOT / "prompts"


class PromptError(RuntimeError):
    """A prompt file is missing or was rendered without one of its variables."""


@cache
def load_prompt(name: str, folder: Path = PROMPTS_DIR) -> PromptTemplate:
    path = folder / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"Prompt file {path} is missing.")
    from langchain_core.prompts import PromptTemplate

    return PromptTemplate.from_template(path.read_text(encoding="utf-8").strip())


def render(prompt_name: str, /, **values: object) -> str:
    """Fill a prompt file; every variable it names must be given, and no others."""
    template = load_prompt(prompt_name)
    wanted = set(template.input_variables)
    missing = wanted - values.keys()
    extra = values.keys() - wanted
    if missing or extra:
        raise PromptError(
            f"Prompt {prompt_name!r}: missing {sorted(missing) or 'nothing'}, "
            f"unexpected {sorted(extra) or 'nothing'}."
        )
    return template.format(**values)
