"""PLACEHOLDER: routes for xpm are being written. Replace this module."""

from flask import Blueprint, jsonify

from connsim.simulator.remote import Remote, install_gates

bp = Blueprint("xpm", __name__)
REMOTE = Remote(name="xpm", blueprint=bp, prefixes=("/__placeholder_xpm",), hosts=(),
                render_error=lambda exc: (jsonify({"error": exc.code, "message": exc.message}), exc.status))
install_gates(REMOTE)
