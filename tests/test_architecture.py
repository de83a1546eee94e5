"""The architecture holds: the import contracts in pyproject.toml (layers bot -> analytics -> etl,
no circles between siblings at any depth, pure analytics) are kept, checked by import-linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 kept, 0 broken" in done.stdout


def test_families_are_packages_not_prefixes():
    # A family of modules is a package (etl/demo/, bot/bench/...), never a shared file prefix.
    packages = [
        init.parent
        for layer in ("etl", "analytics", "bot")
        for init in (ROOT / layer).rglob("__init__.py")
    ]
    for package in packages:
        stems = [p.stem for p in package.glob("*.py") if p.stem != "__init__"]
        prefixes = {s.split("_")[0] for s in stems if "_" in s}
        families = {p: [s for s in stems if s == p or s.startswith(p + "_")] for p in prefixes}
        assert not {p: f for p, f in families.items() if len(f) > 1}, package


def _imported_after(code: str, modules: list[str]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_help_loads_neither_the_store_nor_the_analytics():
    # `workouts --help` answers in a tenth of a second: argparse and the settings only
    code = "from bot.cli import build_parser\nbuild_parser().format_help()"
    heavy = ["bot.commands", "sqlalchemy", "pandas", "numpy", "alembic", "matplotlib"]
    assert _imported_after(code, heavy) == []


def test_a_first_answer_loads_only_the_libraries_it_uses():
    # matplotlib with the first chart, scipy and scikit-learn with the analyses that fit,
    # alembic with a migration to run, Slack and AWS with `serve` and the Lambdas
    code = "import bot.commands, bot.answers, bot.context, bot.terminal.chat"
    heavy = ["matplotlib", "scipy", "sklearn", "alembic", "slack_bolt", "slack_sdk", "boto3"]
    assert _imported_after(code, heavy) == []
