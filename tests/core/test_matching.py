"""The matcher vocabulary: every field matches, and every miss says why in one line."""

import pytest

from connsim.simulator.core.errors import MalformedInput
from connsim.simulator.core.journal import Journal
from connsim.simulator.core.matching import RequestMatch, RequestView, split_spec

INVOICE = RequestView(api="xero", method="POST", path="/api.xro/2.0/Invoices", tenant="t1",
                      query="summarizeErrors=false&page=2", headers={"Idempotency-Key": "k-1"},
                      body=b'{"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": "c-1"}}]}')


@pytest.mark.parametrize(("spec", "reason"), [
    ({"api": "xpm"}, "api 'xero' is not 'xpm'"),
    ({"tenant": "t2"}, "tenant 't1' is not 't2'"),
    ({"method": "get"}, "method POST is not GET"),
    ({"path": "/Contacts"}, "path '/api.xro/2.0/Invoices' does not contain '/Contacts'"),
    ({"path_regex": "Invoices/[^/]+$"}, "path '/api.xro/2.0/Invoices' does not match /Invoices/[^/]+$/"),
    ({"query": {"where": "x"}}, "query has no 'where'"),
    ({"query": {"page": "1"}}, "query page='2' is not '1'"),
    ({"headers": {"Xero-Tenant-Id": "t1"}}, "header Xero-Tenant-Id is missing"),
    ({"headers": {"idempotency-key": "k-2"}}, "header idempotency-key: 'k-1' is not 'k-2'"),
    ({"body": "ACCPAY"}, "body does not contain 'ACCPAY'"),
    ({"json": {"Invoices": {"Type": "ACCREC"}}}, "json $.Invoices is not an object"),
    ({"json": {"Contacts": []}}, "json $ has no 'Contacts'"),
    ({"json": {"Invoices": [{"Type": "ACCPAY"}]}},
     "json $.Invoices is [{'Type': 'ACCREC', 'Contact': {'ContactID': 'c-1'}}], not [{'Type': 'ACCPAY'}]"),
])
def test_each_miss_says_why(spec: dict, reason: str) -> None:
    assert RequestMatch.from_spec(spec)(INVOICE) == (False, reason)


def test_all_fields_together_match() -> None:
    match = RequestMatch.from_spec({
        "api": "xero", "tenant": "t1", "method": "post", "path": "/Invoices", "path_regex": r"2\.0/Invoices$",
        "query": {"page": "2"}, "headers": {"IDEMPOTENCY-KEY": "k-1"}, "body": "ACCREC",
        "json": {"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": "c-1"}}]}})
    assert match(INVOICE) == (True, "matched") and match.matches(INVOICE)
    assert RequestMatch.from_spec({})(INVOICE) == (True, "matched")  # no criteria: every request
    assert RequestMatch.from_spec({"api": None, "path": "/Inv"}).spec == {"path": "/Inv"}


def test_a_body_that_is_not_json_misses_a_json_criterion() -> None:
    view = RequestView(api="xpm", method="POST", path="/job.api/add", body=b"<Job/>")
    assert RequestMatch.from_spec({"json": {"a": 1}})(view) == (False, "body is not JSON")


@pytest.mark.parametrize("spec", [
    {"verb": "GET"}, {"path": 5}, {"path_regex": "("}, {"query": {"page": 2}}, {"headers": ["a"]},
])
def test_bad_criteria_are_malformed_input(spec: dict) -> None:
    with pytest.raises(MalformedInput):
        RequestMatch.from_spec(spec)


def test_split_spec_separates_criteria_from_other_fields() -> None:
    assert split_spec({"action": "drop", "api": "xpm", "times": 1}) == ({"api": "xpm"}, {"action": "drop", "times": 1})


def test_journal_queries_take_the_same_vocabulary() -> None:
    journal = Journal()
    for path, query in [("/api.xro/2.0/Invoices", "page=1"), ("/api.xro/2.0/Invoices", "page=2"),
                        ("/api.xro/2.0/Invoices/abc", "")]:
        journal.record(at="t", api="xero", method="GET", path=path, query=query, status=200, tenant="t1")
    page_two = RequestMatch.from_spec({"query": {"page": "2"}})
    assert [e.seq for e in journal.query(match=page_two)] == [2]
    by_id = RequestMatch.from_spec({"path_regex": "/Invoices/[^/]+$", "tenant": "t1"})
    assert [e.path for e in journal.query(api="xero", match=by_id)] == ["/api.xro/2.0/Invoices/abc"]
