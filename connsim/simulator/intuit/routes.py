"""PLACEHOLDER: routes for intuit-oauth are being written. Replace this module."""

from flask import Blueprint, jsonify

from connsim.simulator.remote import Remote, install_gates

bp = Blueprint("intuit", __name__)
REMOTE = Remote(name="intuit-oauth", blueprint=bp, prefixes=("/__placeholder_intuit",), hosts=(),
                render_error=lambda exc: (jsonify({"error": exc.code, "message": exc.message}), exc.status))
install_gates(REMOTE)
