"""The app's URL rules compile their builders on first use (simulator/url_rules.py), and build the
same URLs werkzeug's own rules do."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from werkzeug.routing import Map, Rule

from connsim.simulator.app import create_app
from connsim.simulator.config import SimConfig
from connsim.simulator.url_rules import LazyBuilderRule

SAMPLES: dict[str, Any] = {"IntegerConverter": 7, "UUIDConverter": uuid.UUID(int=5), "PathConverter": "a/b c",
                           "UnicodeConverter": "x y/ä", "FloatConverter": 1.5}


def _values(rule: Rule) -> dict[str, Any]:
    return {name: SAMPLES.get(type(conv).__name__, "x y/ä") for name, conv in rule._converters.items()}


def test_every_rule_builds_the_url_a_plain_werkzeug_rule_builds() -> None:
    app = create_app(SimConfig())
    rules = list(app.url_map.iter_rules())
    assert len(rules) > 200 and all(isinstance(r, LazyBuilderRule) for r in rules)
    plain = Map([Rule(r.rule, endpoint=r.endpoint, methods=r.methods, defaults=r.defaults) for r in rules])
    lazy_urls, plain_urls = app.url_map.bind("sim.test"), plain.bind("sim.test")
    for rule in rules:
        values = {**_values(rule), "unknown": "q"}  # a value no rule names goes to the query string
        method = sorted(rule.methods or {"GET"})[0]
        for append_unknown in (True, False):
            assert lazy_urls.build(rule.endpoint, values, method=method, append_unknown=append_unknown) == \
                plain_urls.build(rule.endpoint, values, method=method, append_unknown=append_unknown), rule.rule


def test_builders_are_compiled_when_a_url_is_first_built(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[bool] = []
    eager = Rule._compile_builder

    def counting(rule: Rule, append_unknown: bool = True) -> Any:
        compiled.append(append_unknown)
        return eager(rule, append_unknown)

    monkeypatch.setattr(Rule, "_compile_builder", counting)  # fails loudly if werkzeug renames the hook
    app = create_app(SimConfig())
    assert compiled == []  # adding 250+ rules compiled no builder
    with app.test_request_context("/"):
        from flask import url_for

        assert url_for("ui.static", filename="dashboard.css").endswith("/dashboard.css")
        assert url_for("ui.static", filename="dashboard.js").endswith("/dashboard.js")
    assert compiled == [True]  # one builder (url_for appends unknown values), compiled once, reused
