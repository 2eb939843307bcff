"""Xero's official OpenAPI file as a validator: ``schemas(name)`` validates against one schema,
``schemas.check(name, response, status)`` asserts the status and validates the JSON body."""

from __future__ import annotations

from typing import Any

import pytest
import requests
import yaml
from outside import outside_file

SPEC_WHERE = ("a copy of Xero's official Accounting OpenAPI file, xero_accounting.yaml from "
              "github.com/XeroAPI/Xero-OpenAPI (v16.1.0, commit e952d0b), in ../shared/reference/specs/")


class SpecSchemas:
    def __init__(self, spec: dict[str, Any]) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        from referencing import Registry, Resource

        self._registry = Registry().with_resource("spec", Resource.opaque(spec))
        self._jsonschema = jsonschema

    def __call__(self, name: str) -> Any:
        return self._jsonschema.Draft202012Validator({"$ref": f"spec#/components/schemas/{name}"},
                                                     registry=self._registry)

    def check(self, name: str, response: requests.Response, status: int = 200) -> dict[str, Any]:
        assert response.status_code == status, response.text
        body = response.json()
        errors = list(self(name).iter_errors(body))
        assert not errors, errors[0]
        return body  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def schemas() -> SpecSchemas:
    spec = outside_file("reference/specs/xero_accounting.yaml", SPEC_WHERE)
    return SpecSchemas(yaml.load(spec.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
