"""Package layout: the design card's top-level folders, installed under one ``connsim`` namespace.

``simulator/`` becomes ``connsim.simulator``, ``harness/`` becomes ``connsim.harness`` and the
Gherkin scenarios in ``features/`` ship as ``connsim.features`` (package data), so a non-editable
install grades exactly what a checkout grades. Everything else is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).resolve().parent
MAPPED = {"connsim.simulator": "simulator", "connsim.harness": "harness", "connsim.features": "features"}


def _packages() -> list[str]:
    found = ["connsim"]
    for name, folder in MAPPED.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_packages(str(ROOT / folder))]
        if folder == "features":  # data-only folders: one package per area
            found += [f"{name}.{p.name}" for p in sorted((ROOT / folder).iterdir())
                      if p.is_dir() and not p.name.startswith(("_", "."))]
    return sorted(set(found))


setup(packages=_packages(), package_dir={"connsim": "connsim", **MAPPED})
