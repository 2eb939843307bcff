"""The modelled APS OAuth 2.0 endpoints (MODELLED: APS publishes no API; docs/simulator/aps.md):
authorization code + refresh + revocation under /aps/oauth2, handled by simulator/oauth_http.py
like every provider. The one APS difference: the token answer names the firm it opens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from connsim.simulator import oauth_http
from connsim.simulator.core.errors import SimError
from connsim.simulator.core.oauth import OAuthProvider

bp = Blueprint("aps_oauth", __name__, url_prefix="/aps/oauth2")


def _token_answer(answer: dict[str, Any], provider: OAuthProvider) -> Response:
    """RFC 6749 §5.1, plus MODELLED ``firm_id``: the firm for the X-APS-Firm-Id header (like Intuit's realmId)."""
    grant, _ = provider.validate(f"Bearer {answer['access_token']}")
    return jsonify({**answer, "firm_id": grant.tenant_ids[0] if grant.tenant_ids else None})


APS_OAUTH = oauth_http.OAuthHttp(provider="aps", render_token=_token_answer)


@bp.get("/authorize")
def authorize() -> Response:
    return oauth_http.authorize(APS_OAUTH)


@bp.post("/token")
def token() -> Response:
    return oauth_http.token(APS_OAUTH)


@bp.post("/revoke")
def revoke() -> Response:
    return oauth_http.revoke(APS_OAUTH)


def render_oauth_error(exc: SimError) -> Response:
    return oauth_http.render_error(APS_OAUTH, exc)
