"""Field mapping of the two-way client sync: addresses as one line of text, and each remote's
record read into and written from the profile's shape without losing a value."""

from __future__ import annotations

import pytest

from connsim.harness.adapters.contract import ClientsTwoWayEngine
from connsim.harness.engine.remotes.practice_fields import (
    ApsFields,
    XpmFields,
    field_for_label,
    join_address,
    normalise,
    split_address,
)
from connsim.harness.engine.services.clients_twoway import ClientsTwoWayService

VALUES = {"name": "Wattle Dental", "email": "admin@wattle.test", "primary_phone": "03 8000 1111",
          "other_phone": "03 8000 9999", "website": "https://wattle.test",
          "physical_address": "1 Bridge St, Sydney, NSW, 2000, Australia", "postal_address": "PO Box 1, Sydney"}


def test_address_round_trip_and_extra_street_parts() -> None:
    assert join_address(split_address("1 Bridge St, Sydney, NSW, 2000, Australia")) == \
        "1 Bridge St, Sydney, NSW, 2000, Australia"
    assert split_address("Unit 3, 1 Bridge St, Sydney, NSW, 2000, Australia")["street"] == "Unit 3, 1 Bridge St"
    assert split_address("") == {"street": "", "city": "", "region": "", "postcode": "", "country": ""}
    assert join_address({"street": "PO Box 1", "city": "Sydney"}) == "PO Box 1, Sydney"


def test_normalise_treats_missing_as_blank_and_collapses_spaces() -> None:
    assert normalise(None) == normalise("") == ""
    assert normalise("  02  9000   1000 ") == "02 9000 1000"


@pytest.mark.parametrize("fields", [XpmFields(), ApsFields()], ids=["xpm", "aps"])
def test_payload_reads_back_as_the_same_values(fields: object) -> None:
    payload = fields.payload(VALUES)  # type: ignore[attr-defined]
    if isinstance(fields, XpmFields):
        raw = dict(payload, UUID="u-1")
    else:  # APS answers every address part, unset ones as null
        raw = {**payload, "id": "10001"}
    assert fields.values(raw) == VALUES  # type: ignore[attr-defined]


def test_blank_values_clear_the_remote_field() -> None:
    assert XpmFields().payload({"website": ""}) == {"Website": ""}
    assert ApsFields().payload({"website": ""}) == {"website": None}


def test_kinds_and_labels() -> None:
    assert XpmFields().kind({"BusinessStructure": "Trust"}) == "trust"
    assert ApsFields().kind({"entityType": "Individual"}) == "individual"
    assert field_for_label("Primary phone") == "primary_phone"
    with pytest.raises(KeyError):
        field_for_label("Fax number")


def test_service_implements_the_profile_protocol() -> None:
    for name in ClientsTwoWayEngine.__dict__:
        if not name.startswith("_") and callable(getattr(ClientsTwoWayEngine, name)):
            assert callable(getattr(ClientsTwoWayService, name, None)), f"missing {name}"
