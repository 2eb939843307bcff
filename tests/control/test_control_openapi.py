"""The control API's OpenAPI document is the core's generic routes plus each remote's own fragment
(simulator/control/openapi_doc.py): every control route an app serves is in it with its method,
the core file names no remote, and two sources defining one path or component stop the start-up."""

from __future__ import annotations

import re
import sys
import types
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Blueprint, Flask, jsonify

from connsim.simulator.app import create_app, load_remotes
from connsim.simulator.config import SimConfig
from connsim.simulator.control import openapi_doc
from connsim.simulator.control.openapi_doc import OpenApiClash, build_document, core_document
from connsim.simulator.remote import Remote
from connsim_echo_fixtures import MODULE, EchoSim

METHODS = ("get", "post", "put", "patch", "delete")


def control_routes(app: Flask) -> set[tuple[str, str]]:
    """(OpenAPI path under /_connsim, method) of every control rule; the dashboard is pages, not API."""
    return {(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).removeprefix("/_connsim"), method.lower())
            for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/_connsim/") and not rule.rule.startswith("/_connsim/ui/")
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}}


def documented(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(path, method) for path, item in doc["paths"].items() for method in item if method in METHODS}


def test_every_control_route_of_every_remote_is_documented(echo_sim: EchoSim) -> None:
    served = echo_sim.control.call("GET", "/openapi.json")
    app = create_app(SimConfig(remote_modules=(MODULE,)))
    assert control_routes(app) == documented(served)
    for remote in app.extensions["connsim"].remotes:  # each built-in remote's UI actions are in
        if remote.control is not None:
            assert any(path.startswith(f"/{remote.name}/") for path, _ in documented(served)), remote.name
    # the echo remote, kept outside connsim, ships its fragment; its kind and provider are enumerated
    assert ("/echo/{tenant_id}/clear", "post") in documented(served)
    assert served["components"]["schemas"]["EchoCleared"]["required"] == ["cleared"]
    assert "echo-tenant" in served["components"]["schemas"]["TenantKind"]["enum"]
    assert "echo" in served["components"]["parameters"]["Provider"]["schema"]["enum"]
    tenant = echo_sim.control.create_tenant("echo-tenant", "Echo")["id"]
    assert echo_sim.post(tenant, {"n": 1}).status_code == 201
    assert echo_sim.control.call("POST", f"/echo/{tenant}/clear") == {"cleared": 1}  # as documented


def test_the_served_document_is_built_from_the_loaded_remotes() -> None:
    built_in = create_app(SimConfig()).test_client().get("/_connsim/openapi.json").get_json()
    assert built_in == build_document(load_remotes())
    assert ("/echo/{tenant_id}/clear", "post") not in documented(built_in)
    assert "echo-tenant" not in built_in["components"]["schemas"]["TenantKind"]["enum"]


def test_the_core_document_names_no_remote() -> None:
    core = core_document()
    names = {remote.name for remote in load_remotes((MODULE,))}
    assert [path for path in core["paths"] if path.split("/")[1] in names] == []
    assert "enum" not in core["components"]["schemas"]["TenantKind"]
    assert "enum" not in core["components"]["parameters"]["Provider"]["schema"]


def _remote_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fragments: dict[str, str],
                   control: bool = True) -> str:
    """A remote module (one remote per fragment, named as its key) that create_app can load."""
    remotes = []
    for name, text in fragments.items():
        source = tmp_path / f"{name}.yaml"
        source.write_text(text)
        panel = Blueprint(f"clash_{name}_control", __name__)
        panel.add_url_rule("/<tenant_id>", f"clash_{name}", lambda tenant_id: jsonify({}), methods=["POST"])
        remotes.append(Remote(name=name, blueprint=Blueprint(f"clash_{name}", __name__), prefixes=(f"/clash-{name}",),
                              hosts=("clash.connsim.test",), render_error=lambda exc: jsonify({}),
                              control=panel if control else None, control_openapi=source))
    module = types.ModuleType("connsim_clash_remote")
    module.REMOTES = remotes  # type: ignore[attr-defined]  # a module built at run time has no declared attributes
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module.__name__


def paths(path: str) -> str:
    """A fragment with one POST operation at ``path``."""
    return f"paths: {{'{path}': {{post: {{operationId: x, responses: {{'200': {{description: ok}}}}}}}}}}"


@pytest.mark.parametrize(("fragments", "control", "message"), [
    ({"tenants": paths("/{tenant_id}")}, True,
     "path /tenants/{tenant_id} is already defined by the core document"),
    ({"one": "components: {responses: {BadRequest: {description: mine}}}"}, True,
     "components/responses/BadRequest is already defined by the core document"),
    ({"one": "components: {schemas: {Shared: {type: object}}}", "two": "components: {schemas: {Shared: {}}}"}, True,
     "remote 'two' .* components/schemas/Shared is already defined by remote 'one'"),
    ({"one": paths("/{tenant_id}")}, False, "has no control blueprint"),
    ({"one": "paths: {}\nservers: []"}, True, "a fragment is a mapping of"),
    ({"one": paths("{tenant_id}")}, True, "must start with '/'"),
])
def test_a_clashing_or_malformed_fragment_stops_the_start_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                              fragments: dict[str, str], control: bool,
                                                              message: str) -> None:
    module = _remote_module(monkeypatch, tmp_path, fragments, control)
    with pytest.raises(OpenApiClash, match=message):
        create_app(SimConfig(remote_modules=(module,)))


def test_a_well_formed_fragment_of_a_new_remote_is_merged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = _remote_module(monkeypatch, tmp_path, {"one": paths("/{tenant_id}")})
    app = create_app(SimConfig(remote_modules=(module,)))
    doc = app.test_client().get("/_connsim/openapi.json").get_json()
    assert ("/one/{tenant_id}", "post") in documented(doc) and control_routes(app) == documented(doc)
    assert {"name": "one", "description": "what a person does in one's UI"} in doc["tags"]


def test_libyaml_and_the_pure_python_parser_read_every_document_alike() -> None:
    """Start-up parses with libyaml's CSafeLoader when PyYAML has it (0.9 s of start-up was the
    pure-Python parser); the served document must not depend on which parser read it."""
    assert openapi_doc.SAFE_LOADER is yaml.CSafeLoader  # PyYAML's wheels ship libyaml: the fast path is the one tested
    sources = [resources.files("connsim.simulator.control").joinpath("openapi.yaml")]
    sources += [r.control_openapi for r in load_remotes((MODULE,)) if r.control_openapi is not None]
    assert len(sources) >= 5
    for source in sources:
        text = source.read_text()
        assert openapi_doc.parse_yaml(text) == yaml.safe_load(text), source
