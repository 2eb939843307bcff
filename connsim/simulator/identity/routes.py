"""PLACEHOLDER: routes for xero-identity are being written. Replace this module."""

from flask import Blueprint, jsonify

from connsim.simulator.remote import Remote, install_gates

bp = Blueprint("identity", __name__)
REMOTE = Remote(name="xero-identity", blueprint=bp, prefixes=("/__placeholder_identity",), hosts=(),
                render_error=lambda exc: (jsonify({"error": exc.code, "message": exc.message}), exc.status))
install_gates(REMOTE)
