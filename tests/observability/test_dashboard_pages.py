"""The dashboard's pages without a browser: the admin credential as a browser presents it, and
every button and form posts to a control API route that exists and takes that method (the page
has no actions of its own, so a form pointing nowhere would be a dead button)."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

from werkzeug.exceptions import MethodNotAllowed, NotFound

from connsim.simulator.app import create_app
from connsim.simulator.config import SimConfig


class Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.actions: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and found.get("data-url"):
            self.actions.append(((found.get("data-method") or "POST").upper(), found["data-url"] or ""))
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")


def test_every_action_is_a_control_route_and_every_record_kind_is_shown() -> None:
    app = create_app(SimConfig(seed=3))
    client = app.test_client()
    tenants = client.post("/_connsim/seed", json={"seed": 3}).json["tenants"]
    org = next(t["id"] for t in tenants if t["kind"] == "xero-org")
    realm = next(t["id"] for t in tenants if t["kind"] == "qbo-realm")
    invoice = client.get(f"/_connsim/tenants/{org}/state").json["state"]["invoices"][0]
    client.post(f"/_connsim/xero/{org}/credit-notes", json={"contact_id": invoice["Contact"]["ContactID"], "amount": 5})
    client.post(f"/_connsim/qbo/{realm}/credit-memos", json={"customer_id": 1, "amount": 5})
    client.post("/_connsim/oauth/xero/tokens", json={"tenant_ids": [org]})
    client.post("/_connsim/faults", json={"action": "status", "status": 503, "api": "xero"})
    adapter = app.url_map.bind("localhost")
    pages = ["/_connsim/ui/", *(f"/_connsim/ui/tenants/{t['id']}" for t in tenants)]
    seen: set[str] = set()
    for page in pages:
        answer = client.get(page)
        assert answer.status_code == 200, page
        forms = Forms()
        forms.feed(answer.get_data(as_text=True))
        for method, url in forms.actions:
            try:
                adapter.match(url, method=method)
            except (NotFound, MethodNotAllowed) as exc:
                raise AssertionError(f"{page}: form {method} {url} reaches no control route ({exc})") from None
            assert url.startswith("/_connsim/") and not url.startswith("/_connsim/ui/"), url
            seen.add(re.sub(r"/[0-9a-fA-F-]{8,}|/J\d+|/\d+", "/…", f"{method} {url}"))
    wanted = {"POST /_connsim/xpm/…/wip-lock", "POST /_connsim/xpm/…/jobs/…/state",
              "POST /_connsim/xpm/…/jobs/…/delete",
              "POST /_connsim/xero/…/lock-dates", "POST /_connsim/xero/…/invoices/…/edit",
              "POST /_connsim/xero/…/invoices/…/void", "POST /_connsim/xero/…/invoices/…/delete",
              "POST /_connsim/xero/…/invoices/…/recreate", "POST /_connsim/xero/…/payments",
              "POST /_connsim/xero/…/credit-notes/…/allocate", "POST /_connsim/qbo/…/closing-date",
              "POST /_connsim/qbo/…/credit-memos/…/apply", "POST /_connsim/qbo/…/credit-memos/…/unapply",
              "POST /_connsim/qbo/…/payments", "POST /_connsim/qbo/…/invoices/…/void",
              "POST /_connsim/aps/…/clients/…/edit", "POST /_connsim/tenants/…/revoke", "POST /_connsim/clock",
              "POST /_connsim/faults", "DELETE /_connsim/faults", "DELETE /_connsim/faults/…"}
    assert wanted <= seen, sorted(wanted - seen)


def test_root_page_links_dashboard_control_api_and_remotes() -> None:
    client = create_app().test_client()
    page = client.get("/")
    assert page.status_code == 200 and page.content_type.startswith("text/html")
    links = Forms()
    links.feed(page.get_data(as_text=True))
    assert {"/_connsim/ui/", "/_connsim/openapi.json"} <= set(links.links)
    for prefix in ("/api.xro/2.0", "/practicemanager/3.1", "/v3/company", "/aps/v1"):
        assert f"<code>{prefix}</code>" in page.get_data(as_text=True)


def test_admin_credential_as_a_browser_presents_it() -> None:
    app = create_app(SimConfig(admin_token="s3cret"))
    browser = app.test_client()
    sent_away = browser.get("/_connsim/ui/tenants")
    assert sent_away.status_code == 302
    assert sent_away.headers["Location"] == "/_connsim/ui/login?next=/_connsim/ui/tenants"
    assert browser.get("/_connsim/tenants").status_code == 401  # the control API still answers JSON 401
    wrong = browser.post("/_connsim/ui/login", data={"token": "guess", "next": "/_connsim/ui/"})
    assert wrong.status_code == 401 and b"not the admin token" in wrong.data
    away = browser.post("/_connsim/ui/login", data={"token": "s3cret", "next": "https://evil.test/"})
    assert away.headers["Location"] == "/_connsim/ui/"  # no open redirect
    cookie = away.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "s3cret" not in cookie
    assert browser.get("/_connsim/ui/").status_code == 200
    assert browser.get("/_connsim/tenants").status_code == 200
    # a cookie alone reads; a change also needs the header a cross-site form cannot send
    assert browser.post("/_connsim/reset").status_code == 401
    assert browser.post("/_connsim/reset", headers={"X-Connsim-UI": "1"}).status_code == 200
    browser.post("/_connsim/ui/logout")
    assert browser.get("/_connsim/ui/").status_code == 302

    basic = app.test_client()
    good = "Basic " + base64.b64encode(b"tester:s3cret").decode()
    assert basic.get("/_connsim/ui/", headers={"Authorization": good}).status_code == 200
    assert basic.post("/_connsim/reset", headers={"Authorization": good}).status_code == 200
    bad = "Basic " + base64.b64encode(b"tester:nope").decode()
    assert basic.post("/_connsim/reset", headers={"Authorization": bad}).status_code == 401
