"""PLACEHOLDER: routes for qbo are being written. Replace this module."""

from flask import Blueprint, jsonify

from connsim.simulator.remote import Remote, install_gates

bp = Blueprint("qbo", __name__)
REMOTE = Remote(name="qbo", blueprint=bp, prefixes=("/__placeholder_qbo",), hosts=(),
                render_error=lambda exc: (jsonify({"error": exc.code, "message": exc.message}), exc.status))
install_gates(REMOTE)
