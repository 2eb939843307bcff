"""PLACEHOLDER: routes for xero are being written. Replace this module."""

from flask import Blueprint, jsonify

from connsim.simulator.remote import Remote, install_gates

bp = Blueprint("xero", __name__)
REMOTE = Remote(name="xero", blueprint=bp, prefixes=("/__placeholder_xero",), hosts=(),
                render_error=lambda exc: (jsonify({"error": exc.code, "message": exc.message}), exc.status))
install_gates(REMOTE)
