"""The dashboard at /_connsim/ui: what a tester sees and does in the remotes' own UIs (XPM has no
sandbox and no screen for testers), server-rendered from the same state the control API returns.

It has no actions of its own: every button and form is a plain-JS ``fetch`` to the control API
route that a script would call (static/dashboard.js), so the page and the API cannot drift.

Access: the control API's admin credential. Beyond loopback a browser presents it once on the
login form (a SameSite=Strict, HttpOnly cookie holding a digest of the token, not the token) or
with HTTP Basic (any user name, the token as password)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, make_response, redirect, render_template, request, url_for

from connsim.simulator.control.guard import UI_COOKIE, admin_credential_ok, control_error, ui_cookie_value
from connsim.simulator.control.routes import openapi_document, tenant_snapshot
from connsim.simulator.core.errors import Unauthenticated
from connsim.simulator.remote import sim

bp = Blueprint("ui", __name__, template_folder="templates", static_folder="static", static_url_path="/static")
#: ``GET /``: links to the dashboard, the control API document and the served remotes
root = Blueprint("root", __name__, template_folder="templates")

UI_PREFIX = "/_connsim/ui"
OPEN_PATHS = (f"{UI_PREFIX}/login", f"{UI_PREFIX}/logout", f"{UI_PREFIX}/static/")


def guard() -> Any:
    """Run before every /_connsim/ui request: a browser without the credential is sent to log in."""
    if request.path.startswith(OPEN_PATHS) or admin_credential_ok():
        return None
    if request.method in ("GET", "HEAD"):
        return redirect(url_for("ui.login", next=request.full_path.rstrip("?")))
    return control_error(Unauthenticated("The dashboard needs the admin credential", code="AdminCredentialRequired"))


@root.get("/")
def index() -> Any:
    remotes = [{"name": r.name, "prefixes": r.prefixes, "hosts": r.hosts, "tenant_kind": r.tenant_kind}
               for r in sim().remotes]
    return render_template("root.html", remotes=remotes, title=openapi_document()["info"]["title"])


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    token = sim().config.admin_token
    target = _safe_next(request.values.get("next"))
    if not token:
        return redirect(target)
    if request.method == "GET":
        return render_template("login.html", next=target, failed=False)
    if request.form.get("token", "") != token:
        return render_template("login.html", next=target, failed=True), 401
    response = make_response(redirect(target))
    response.set_cookie(UI_COOKIE, ui_cookie_value(token), httponly=True, samesite="Strict", path="/_connsim",
                        secure=request.is_secure)
    return response


@bp.post("/logout")
def logout() -> Any:
    response = make_response(redirect(url_for("ui.login")))
    response.delete_cookie(UI_COOKIE, path="/_connsim")
    return response


def _safe_next(target: str | None) -> str:
    """Only a local dashboard path (no open redirect to another site)."""
    if not target:
        return f"{UI_PREFIX}/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith(UI_PREFIX):
        return f"{UI_PREFIX}/"
    return target


@bp.get("/")
def overview() -> Any:
    state = sim()
    tenants = [t.describe() for t in state.tenants.all()]
    oauth = {name: provider.describe() for name, provider in state.providers.items()}
    return render_template("overview.html", tenants=tenants, clock=state.clock.describe(), faults=state.faults.list(),
                           oauth=oauth, apis=[r.name for r in state.remotes], usage=state.journal.usage(),
                           kinds=sorted({r.tenant_kind for r in state.remotes if r.tenant_kind}))


@bp.get("/tenants/<tenant_id>")
def tenant_page(tenant_id: str) -> Any:
    state = sim()
    snapshot = tenant_snapshot(state.tenants.get(tenant_id))
    connections = [c for p in state.providers.values() for c in p.describe().get("connections", [])
                   if c.get("tenantId") == tenant_id]
    return render_template("tenant.html", tenant=snapshot["tenant"], state=snapshot["state"] or {},
                           connections=connections, clock=state.clock.describe())


@bp.get("/journal")
def journal_page() -> Any:
    return render_template("journal.html", apis=[r.name for r in sim().remotes],
                           tenant=request.args.get("tenant", ""), api=request.args.get("api", ""),
                           unmatched=request.args.get("unmatched") == "1")
