"""PLACEHOLDER: routes for aps are being written. Replace this module."""

from flask import Blueprint, jsonify

from connsim.simulator.remote import Remote, install_gates

bp = Blueprint("aps", __name__)
REMOTE = Remote(name="aps", blueprint=bp, prefixes=("/__placeholder_aps",), hosts=(),
                render_error=lambda exc: (jsonify({"error": exc.code, "message": exc.message}), exc.status))
install_gates(REMOTE)
