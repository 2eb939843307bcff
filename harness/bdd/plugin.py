"""The step library as one pytest plugin: ``-p connsim.harness.bdd.plugin`` (the conformance runner
and tests/conftest.py load it). Registers every catalogue and profile tag as a marker, the
options that choose the remote and the adapter, and the step modules."""

from __future__ import annotations

from typing import Any

from connsim.harness.bdd.lint import check_items, fail_flagged
from connsim.harness.catalogue import CATALOGUE, PROFILE_TAGS

pytest_plugins = [
    "connsim.harness.bdd.fixtures",
    "connsim.harness.bdd.steps.common",
    "connsim.harness.bdd.steps.costs",
    "connsim.harness.bdd.steps.clients_oneway",
    "connsim.harness.bdd.steps.clients_twoway",
    "connsim.harness.bdd.steps.payments",
]


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("connsim", "connsim conformance")
    group.addoption("--connsim-remote", default=None,
                    help="in-process, server (a connsim serve subprocess), or the URL of a running simulator; "
                         "default: every scenario in both in-process and server modes")
    group.addoption("--connsim-adapter", default=None,
                    help="module:Class of the engine under test (default: the reference engine)")
    group.addoption("--connsim-adapter-url", default=None, help="base URL of an engine served over HTTP")
    group.addoption("--connsim-admin-token", default=None, help="admin credential of a remote simulator")
    group.addoption("--connsim-clock", default="frozen", choices=("frozen", "running"),
                    help="frozen: time moves only when advanced; running: real time from the scenario's instant")


def pytest_configure(config: Any) -> None:
    for tag, (_, title) in CATALOGUE.items():
        config.addinivalue_line("markers", f"{tag}: {title}")
    for tag in PROFILE_TAGS.values():
        config.addinivalue_line("markers", f"{tag}: scenarios of this conformance profile")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    check_items(items, config)  # unknown phrases and tags fail here, before any scenario runs (lint.py)


def pytest_runtest_setup(item: Any) -> None:
    fail_flagged(item)


def pytest_generate_tests(metafunc: Any) -> None:
    """Every scenario runs once per remote mode. Step fixtures are requested lazily by pytest-bdd,
    so scenarios get ``remote_mode`` added to their closure here."""
    is_scenario = "_pytest_bdd_example" in metafunc.fixturenames
    if is_scenario and "remote_mode" not in metafunc.fixturenames:
        metafunc.fixturenames.append("remote_mode")
    if "remote_mode" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--connsim-remote")
        modes = [chosen] if chosen else ["in-process", "server"]
        metafunc.parametrize("remote_mode", modes, scope="function")
