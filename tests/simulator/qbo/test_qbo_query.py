"""The query language, parsed and run against a realm (no HTTP)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import sales_line

from connsim.simulator.qbo.errors import InvalidQuery, QueryParserError
from connsim.simulator.qbo.model import QboBackend
from connsim.simulator.qbo.model.query import parse


@pytest.fixture
def filled(qbo: QboBackend) -> QboBackend:
    for name in ("Alpha Co", "Beta Ltd", "O'Brien & Sons"):
        qbo.create("Customer", {"DisplayName": name})
    for n, (cid, amount, day) in enumerate([("1", 100, "2025-01-10"), ("2", 250, "2025-02-10"),
                                            ("1", 75, "2025-03-01"), ("3", 10, "2025-03-02")]):
        qbo.create("Invoice", {"CustomerRef": {"value": cid}, "Line": [sales_line(amount)], "TxnDate": day,
                               "DocNumber": f"INV-{n + 1}"})
    return qbo


def ids(result: object) -> list[str]:
    return [row["Id"] for row in result.rows]  # type: ignore[attr-defined]


def test_select_star_returns_all_ordered_by_id(filled: QboBackend) -> None:
    result = filled.query("select * from Invoice")
    assert result.entity == "Invoice" and ids(result) == ["1", "2", "3", "4"] and result.start == 1


def test_where_and_with_comparisons(filled: QboBackend) -> None:
    assert ids(filled.query("SELECT * FROM Invoice WHERE CustomerRef = '1' AND TotalAmt > '80'")) == ["1"]
    assert ids(filled.query("SELECT * FROM Invoice WHERE TxnDate >= '2025-02-10' AND TxnDate <= '2025-03-01'")) \
        == ["2", "3"]
    assert ids(filled.query("SELECT * FROM Invoice WHERE Balance < 100")) == ["3", "4"]


def test_in_and_like(filled: QboBackend) -> None:
    assert ids(filled.query("SELECT * FROM Invoice WHERE Id IN ('2', '4', '99')")) == ["2", "4"]
    assert ids(filled.query("SELECT * FROM Invoice WHERE DocNumber IN ('INV-1','INV-3')")) == ["1", "3"]
    assert ids(filled.query("SELECT * FROM Customer WHERE DisplayName LIKE '%co%'")) == ["1"]
    assert ids(filled.query(r"SELECT * FROM Customer WHERE DisplayName = 'O\'Brien & Sons'")) == ["3"]


def test_order_by_both_spellings_and_pagination(filled: QboBackend) -> None:
    assert ids(filled.query("SELECT * FROM Invoice ORDER BY TotalAmt DESC")) == ["2", "1", "3", "4"]
    assert ids(filled.query("SELECT * FROM Invoice ORDERBY TotalAmt")) == ["4", "3", "1", "2"]
    page = filled.query("SELECT * FROM Invoice ORDERBY TxnDate STARTPOSITION 2 MAXRESULTS 2")
    assert ids(page) == ["2", "3"] and page.start == 2


def test_count_and_metadata_filter(filled: QboBackend) -> None:
    assert filled.query("SELECT COUNT(*) FROM Invoice WHERE CustomerRef = '1'").total == 2
    assert filled.query("select count(*) from Customer").total == 3
    assert ids(filled.query("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2025-03-14T00:00:00Z'")) \
        == ["1", "2", "3", "4"]
    assert ids(filled.query("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > '2025-03-15'")) == []


def test_deleted_rows_are_not_returned(filled: QboBackend) -> None:
    filled.delete("Invoice", {"Id": "2", "SyncToken": "0"})
    assert ids(filled.query("SELECT * FROM Invoice")) == ["1", "3", "4"]
    assert ids(filled.query("SELECT * FROM Invoice WHERE Id = '2'")) == []


def test_known_but_unsimulated_entity_is_empty(filled: QboBackend) -> None:
    assert filled.query("SELECT *, Sku FROM Vendor").rows == []
    assert filled.query("SELECT COUNT(*) FROM Vendor").total == 0


@pytest.mark.parametrize("text", [
    "SELEC * FROM Invoice", "SELECT * Invoice", "SELECT * FROM Invoice WHERE", "SELECT * FROM Invoice WHERE Id",
    "SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'", "SELECT * FROM Invoice MAXRESULTS ten",
    "SELECT * FROM Invoice WHERE DocNumber = 'unterminated", "SELECT * FROM Invoice ORDER TotalAmt",
])
def test_bad_syntax_is_4000(qbo: QboBackend, text: str) -> None:
    with pytest.raises(QueryParserError) as err:
        qbo.query(text)
    assert err.value.code == "4000" and err.value.detail.startswith("QueryParserError:")


@pytest.mark.parametrize("text", ["SELECT * FROM Widget", "SELECT * FROM Invoice WHERE Colour = 'red'",
                                  "SELECT * FROM Invoice ORDERBY Colour"])
def test_unknown_entity_or_property_is_4001(qbo: QboBackend, text: str) -> None:
    with pytest.raises(InvalidQuery) as err:
        qbo.query(text)
    assert err.value.code == "4001"


def test_parse_caps_maxresults_at_1000() -> None:
    query = parse("SELECT * FROM Payment MAXRESULTS 5000")
    assert query.max_results == 1000 and query.entity == "Payment"


def test_numbers_compare_numerically(filled: QboBackend) -> None:
    assert ids(filled.query("SELECT * FROM Invoice WHERE TotalAmt = 75.00")) == ["3"]
    assert filled.query("SELECT * FROM Invoice WHERE Id = '3'").rows[0]["TotalAmt"] == Decimal("75.00")
