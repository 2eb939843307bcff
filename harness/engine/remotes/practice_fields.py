"""Field mapping between a Connectworks profile and a practice system's client record (seeds 002,
003). The profile carries the seven fields the "Connections to add-ons" panel shows, all as text;
each remote's record is read into that shape (``values``) and written back from it (``payload``),
so the engine compares and syncs one shape whatever the remote.

Addresses are one line of text: ``street, city, region, postcode, country`` (trailing parts may be
left out). XPM keeps them as separate elements; APS (modelled) as an object. XPM documents no
"other phone" on a client: its only second client number is ``Fax`` (UNCONFIRMED that Connectworks
maps it there); the modelled APS client has ``otherPhone``."""

from __future__ import annotations

from typing import Any, Protocol

#: the synced fields, in the order the panel lists them, with the labels the user sees
FIELD_LABELS: dict[str, str] = {
    "name": "Name", "email": "Email", "primary_phone": "Primary phone", "other_phone": "Other phone",
    "website": "Website", "physical_address": "Physical address", "postal_address": "Postal address",
}
PROFILE_FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)
ADDRESS_PARTS = ("street", "city", "region", "postcode", "country")


def field_for_label(label: str) -> str:
    """The profile field behind a label the user reads ("Primary phone" → primary_phone)."""
    for name, shown in FIELD_LABELS.items():
        if shown.lower() == label.strip().lower() or name == label.strip():
            return name
    raise KeyError(f"no synced field called {label!r}; the panel shows {', '.join(FIELD_LABELS.values())}")


def normalise(value: Any) -> str:
    """What two systems are compared on: text with whitespace collapsed; missing equals blank."""
    return " ".join(str(value).split()) if value is not None else ""


def split_address(text: str | None) -> dict[str, str]:
    parts = [p.strip() for p in normalise(text).split(",")] if normalise(text) else []
    if len(parts) > len(ADDRESS_PARTS):  # extra leading parts belong to the street line
        parts = [", ".join(parts[: len(parts) - 4]), *parts[-4:]]
    return {key: (parts[i] if i < len(parts) else "") for i, key in enumerate(ADDRESS_PARTS)}


def join_address(parts: dict[str, Any]) -> str:
    values = [normalise(parts.get(key)) for key in ADDRESS_PARTS]
    while values and not values[-1]:
        values.pop()
    return ", ".join(values)


class FieldMap(Protocol):
    """How one remote's client record maps to profile fields."""

    system: str

    def remote_id(self, raw: dict[str, Any]) -> str: ...
    def kind(self, raw: dict[str, Any]) -> str: ...  # "individual" | "trust" | "company" | ...
    def values(self, raw: dict[str, Any]) -> dict[str, str]: ...
    def payload(self, values: dict[str, str]) -> dict[str, Any]: ...


#: XPM BusinessStructure → the kind Connectworks imports by (individuals and trusts come in)
_XPM_KINDS = {"individual": "individual", "trust": "trust", "company": "company", "partnership": "partnership",
              "sole trader": "sole trader", "superannuation fund": "superannuation fund"}
_XPM_ADDRESS = {"physical_address": ("Address", "City", "Region", "PostCode", "Country"),
                "postal_address": ("PostalAddress", "PostalCity", "PostalRegion", "PostalPostCode", "PostalCountry")}
_XPM_SCALARS = {"name": "Name", "email": "Email", "primary_phone": "Phone", "other_phone": "Fax",
                "website": "Website"}


class XpmFields:
    system = "xpm"

    def remote_id(self, raw: dict[str, Any]) -> str:
        return str(raw.get("UUID") or "")

    def kind(self, raw: dict[str, Any]) -> str:
        structure = normalise(raw.get("BusinessStructure")).lower()
        return _XPM_KINDS.get(structure, structure or "unknown")

    def values(self, raw: dict[str, Any]) -> dict[str, str]:
        out = {field: normalise(raw.get(tag)) for field, tag in _XPM_SCALARS.items()}
        for field, tags in _XPM_ADDRESS.items():
            out[field] = join_address(dict(zip(ADDRESS_PARTS, (raw.get(t) for t in tags))))
        return out

    def payload(self, values: dict[str, str]) -> dict[str, Any]:
        """XPM elements to send on client.api/update; a blank element clears the XPM field."""
        out: dict[str, Any] = {}
        for field, value in values.items():
            if field in _XPM_SCALARS:
                out[_XPM_SCALARS[field]] = normalise(value)
            elif field in _XPM_ADDRESS:
                parts = split_address(value)
                out.update({tag: parts[key] for tag, key in zip(_XPM_ADDRESS[field], ADDRESS_PARTS)})
        return out


#: APS (MODELLED, reference/qbo-aps.md §5) client JSON
_APS_SCALARS = {"name": "name", "email": "email", "primary_phone": "primaryPhone", "other_phone": "otherPhone",
                "website": "website"}
_APS_ADDRESS = {"physical_address": "physicalAddress", "postal_address": "postalAddress"}
_APS_ADDRESS_KEYS = {"city": "suburb", "region": "state", "postcode": "postcode", "country": "country"}


class ApsFields:
    system = "aps"

    def remote_id(self, raw: dict[str, Any]) -> str:
        return str(raw.get("id") or "")

    def kind(self, raw: dict[str, Any]) -> str:
        return normalise(raw.get("entityType")).lower() or "unknown"

    def values(self, raw: dict[str, Any]) -> dict[str, str]:
        out = {field: normalise(_aps_text(raw.get(key))) for field, key in _APS_SCALARS.items()}
        for field, key in _APS_ADDRESS.items():
            address = raw.get(key) or {}
            street = ", ".join(normalise(address.get(line)) for line in ("line1", "line2") if address.get(line))
            out[field] = join_address({"street": street, **{part: address.get(aps)
                                                            for part, aps in _APS_ADDRESS_KEYS.items()}})
        return out

    def payload(self, values: dict[str, str]) -> dict[str, Any]:
        """APS JSON for a PATCH; null clears an APS field (a blank is sent as null)."""
        out: dict[str, Any] = {}
        for field, value in values.items():
            if field in _APS_SCALARS:
                out[_APS_SCALARS[field]] = normalise(value) or None
            elif field in _APS_ADDRESS:
                parts = split_address(value)
                address = {"line1": parts["street"] or None, "line2": None}
                address.update({aps: parts[part] or None for part, aps in _APS_ADDRESS_KEYS.items()})
                out[_APS_ADDRESS[field]] = address
        return out


def _aps_text(value: Any) -> Any:
    """APS may hold several email addresses in one field: shown as one text, joined by "; "."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return value


FIELD_MAPS: dict[str, FieldMap] = {"xpm": XpmFields(), "aps": ApsFields()}
