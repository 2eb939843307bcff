"""The control API's OpenAPI document: the core's generic routes (control/openapi.yaml) plus each
remote's fragment for its own control routes (``Remote.control_openapi``: ``paths`` relative to
/_connsim/<name>, and ``components``). Built once when an app starts, so a path or component that
two sources both define stops the start-up instead of one silently replacing the other. The tenant
kinds and identity providers the document enumerates come from the remotes too: the core holds no
per-API list."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from connsim.simulator.remote import Remote

#: what a fragment may hold
FRAGMENT_KEYS = {"paths", "components"}


#: libyaml's parser when PyYAML has it (its wheels do): the pure-Python one took 0.9 s of a 1.6 s
#: start-up on these documents, libyaml about a tenth of that; both build with the safe constructor
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load``, on libyaml when present."""
    return yaml.load(text, Loader=SAFE_LOADER)  # a safe loader: SafeLoader, or libyaml's CSafeLoader


class OpenApiClash(ValueError):
    """Two sources define the same path or component, or a fragment is malformed."""


@functools.cache
def core_document() -> dict[str, Any]:
    """The generic control routes, parsed once (callers get a copy)."""
    text = resources.files("connsim.simulator.control").joinpath("openapi.yaml").read_text()
    doc: dict[str, Any] = parse_yaml(text)
    return doc


_FRAGMENTS: dict[str, dict[str, Any]] = {}


def load_fragment(source: Traversable) -> dict[str, Any]:
    """A remote's fragment, parsed once per file."""
    key = str(source)
    if key not in _FRAGMENTS:
        loaded: Any = parse_yaml(source.read_text()) or {}
        if not isinstance(loaded, dict) or set(loaded) - FRAGMENT_KEYS:
            raise OpenApiClash(f"{source}: a fragment is a mapping of {sorted(FRAGMENT_KEYS)} only")
        _FRAGMENTS[key] = loaded
    return _FRAGMENTS[key]


def build_document(remotes: Sequence[Remote]) -> dict[str, Any]:
    """The core document with every remote's fragment merged in; OpenApiClash on any clash."""
    doc = copy.deepcopy(core_document())
    owner = dict.fromkeys(doc["paths"], "the core document")
    component_owner = {(section, name): "the core document"
                       for section, entries in doc["components"].items() for name in entries}
    for remote in remotes:
        if remote.control_openapi is None:
            continue
        where = f"remote {remote.name!r} ({remote.control_openapi})"
        fragment = copy.deepcopy(load_fragment(remote.control_openapi))
        if remote.control is None:
            raise OpenApiClash(f"{where}: describes control routes but the remote has no control blueprint")
        for path, item in (fragment.get("paths") or {}).items():
            if not path.startswith("/"):
                raise OpenApiClash(f"{where}: path {path!r} must start with '/' (relative to /{remote.name})")
            full = f"/{remote.name}{path}"
            if full in owner:
                raise OpenApiClash(f"{where}: path {full} is already defined by {owner[full]}")
            owner[full] = where
            doc["paths"][full] = item
        for section, entries in (fragment.get("components") or {}).items():
            for name, value in entries.items():
                if (section, name) in component_owner:
                    raise OpenApiClash(f"{where}: components/{section}/{name} is already defined by "
                                       f"{component_owner[section, name]}")
                component_owner[section, name] = where
                doc["components"].setdefault(section, {})[name] = value
        if not any(tag["name"] == remote.name for tag in doc["tags"]):
            doc["tags"].append({"name": remote.name, "description": f"what a person does in {remote.name}'s UI"})
    _enumerate_remotes(doc, remotes)
    return doc


def _enumerate_remotes(doc: dict[str, Any], remotes: Sequence[Remote]) -> None:
    """The tenant kinds and providers the loaded remotes declare, as the document's enums."""
    kinds = [kind.name for remote in remotes for kind in remote.tenant_kinds]
    providers = [remote.identity.name for remote in remotes if remote.identity is not None]
    if kinds:  # an empty enum is not valid JSON Schema
        doc["components"]["schemas"]["TenantKind"]["enum"] = kinds
    if providers:
        doc["components"]["parameters"]["Provider"]["schema"]["enum"] = providers
