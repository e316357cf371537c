"""Every runtime dependency earns its place: some module of calsync imports it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: Declared without an import of ours, each for a reason.
INDIRECT = {
    "tzdata": "zoneinfo's time zone data where the system has none (Windows, slim images)",
    "lxml_html_clean": "lxml.html.clean, split out of lxml 5.2, which trafilatura's justext needs",
}
MODULE = {"lxml_html_clean": "lxml_html_clean"}


def _declared() -> list[str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return [re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0] for dep in data["project"]["dependencies"]]


def _imported() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "calsync").rglob("*.py"):
        for match in re.finditer(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", path.read_text("utf-8"),
                                 re.M):
            found.add(match.group(1))
    return found


def test_every_runtime_dependency_is_imported_or_has_a_reason() -> None:
    imported = _imported()
    unused = [name for name in _declared()
              if name not in INDIRECT and MODULE.get(name, name).replace("-", "_") not in imported]
    assert unused == [], f"declared but imported nowhere in calsync/: {unused}"
