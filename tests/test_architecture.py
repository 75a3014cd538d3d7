"""The layers stay layers: a module imports only from its own layer or the layers below it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coach"
# Lowest first. settings and errors are the core every layer may use.
LAYERS = ["core", "domain", "store", "components", "rag", "services", "ui"]
HEAVY = (
    "chromadb",
    "langchain",
    "langchain_core",
    "sentence_transformers",
    "torch",
    "gradio",
    "alembic",
)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS else "core"


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        out.append((".".join(rel.parts).removesuffix(".__init__"), path))
    return out


def imported(path: Path) -> list[tuple[str, bool]]:
    """(module, at top level) for every coach import in a file."""
    tree = ast.parse(path.read_text())
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(n, id(node) in top) for n in names if n.startswith("coach")]
        elif isinstance(node, ast.Import):
            found += [(a.name, id(node) in top) for a in node.names if a.name.startswith("coach")]
    return found


@pytest.mark.parametrize("module,path", modules(), ids=[m for m, _ in modules()])
def test_imports_only_go_down_the_layers(module: str, path: Path) -> None:
    rank = LAYERS.index(layer_of(module))
    upward = [
        name
        for name, _ in imported(path)
        if name.count(".") >= 1 and LAYERS.index(layer_of(name)) > rank
    ]
    assert not upward, f"{module} ({layer_of(module)}) imports from a higher layer: {upward}"


def test_every_module_says_what_it_is_for_and_stays_small() -> None:
    for module, path in modules():
        text = path.read_text()
        assert ast.get_docstring(ast.parse(text)), f"{module} has no docstring"
        assert text.count("\n") <= 420, f"{module} has {text.count(chr(10))} lines"


def heavy_top_level_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    names = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return [n for n in names if n.split(".")[0] in HEAVY]


def test_the_command_line_and_the_lower_layers_load_no_heavy_library_at_import() -> None:
    """`coach peers list` must not pay for chromadb, LangChain, torch, gradio or Alembic."""
    light = [
        (module, path)
        for module, path in modules()
        if (layer_of(module) in {"core", "domain", "store"} or module.startswith("coach.ui.cli"))
        # Alembic's own package: loaded only when a database needs creating or upgrading.
        and not module.startswith("coach.store.migrations")
        or module in {"coach.components.container", "coach.services.start_up"}
    ]
    offenders = {m: heavy_top_level_imports(p) for m, p in light if heavy_top_level_imports(p)}
    assert not offenders
