"""core/jsonwire.py: every JSON response body. It must read back as what json.dumps wrote, and
write what orjson refuses instead of failing."""

from __future__ import annotations

import json

from connsim.simulator.core import jsonwire


def test_reads_back_as_the_value_json_dumps_wrote() -> None:
    value = {"Id": "a", "Total": 660.0, "Quantity": 5, "IsCustomer": True, "Reference": None,
             "Name": "Zoë & Søn", "LineItems": [{"Tracking": []}]}
    written = jsonwire.dumps(value)
    assert isinstance(written, bytes)
    assert json.loads(written) == json.loads(json.dumps(value))
    assert "Zoë".encode() in written  # UTF-8, as the responses' charset says


def test_non_string_keys_are_written_as_json_dumps_writes_them() -> None:
    assert json.loads(jsonwire.dumps({1: "a", 2.5: "b"})) == json.loads(json.dumps({1: "a", 2.5: "b"}))


def test_an_integer_beyond_64_bits_falls_back_to_json() -> None:
    huge = 2 ** 70
    assert json.loads(jsonwire.dumps({"n": huge})) == {"n": huge}
