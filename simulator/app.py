"""create_app(config): one Flask app serving every simulated remote on its real paths, plus the
control API under /_connsim/. Wrapped in the wire middleware that carries out connection faults."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import pkgutil
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Request, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from connsim.simulator.config import SimConfig
from connsim.simulator.core.errors import NotFound, SimError
from connsim.simulator.observe import (
    is_control_path,
    note_error,
    observe,
    owner_of_unrouted,
)
from connsim.simulator.remote import Remote, http_to_sim
from connsim.simulator.request_body import BodyTimeout, buffer_body
from connsim.simulator.state import SimState
from connsim.simulator.url_rules import LazyBuilderRule
from connsim.simulator.wire_faults import FaultMiddleware

log = logging.getLogger("connsim.simulator")



def api_packages() -> list[str]:
    """Every package of connsim.simulator with a ``remote.py``: the simulated APIs (no central list)."""
    import connsim.simulator as package

    return sorted(info.name for info in pkgutil.iter_modules(package.__path__)
                  if info.ispkg and importlib.util.find_spec(f"{package.__name__}.{info.name}.remote") is not None)


def load_remotes(extra_modules: tuple[str, ...] | list[str] = ()) -> list[Remote]:
    """The built-in API packages' remotes, then those of ``extra_modules`` (dotted module names,
    each exposing ``REMOTES``, or ``REMOTE`` for one)."""
    remotes: list[Remote] = []
    modules = [f"connsim.simulator.{name}.remote" for name in api_packages()] + list(extra_modules)
    for name in modules:
        module = importlib.import_module(name)
        remotes.extend(getattr(module, "REMOTES", None) or [module.REMOTE])
    return remotes


def create_app(config: SimConfig | None = None) -> Flask:
    config = config or SimConfig()
    remotes = load_remotes(config.remote_modules)
    app = _App("connsim.simulator")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]  # Flask's default JSON provider has sort_keys
    state = SimState(config, remotes)
    app.extensions["connsim"] = state
    for remote in remotes:
        app.register_blueprint(remote.blueprint)
        if remote.control is not None:
            app.register_blueprint(remote.control, url_prefix=f"/_connsim/{remote.name}")
    from connsim.simulator.control.routes import bp as control_bp

    app.register_blueprint(control_bp, url_prefix="/_connsim")
    from connsim.simulator.control.ui.routes import UI_PREFIX
    from connsim.simulator.control.ui.routes import bp as ui_bp
    from connsim.simulator.control.ui.routes import root as root_bp

    app.register_blueprint(ui_bp, url_prefix=UI_PREFIX)
    app.register_blueprint(root_bp)
    app.before_request(_prepare)
    app.after_request(observe)
    app.register_error_handler(HTTPException, _unrouted)
    app.register_error_handler(SimError, _app_sim_error)
    app.wsgi_app = FaultMiddleware(app.wsgi_app)  # type: ignore[method-assign]  # WSGI middleware wraps the app, as Flask documents
    return app




class _App(Flask):
    """Flask, minus a cost paid on every request: ``ensure_sync`` inspects each hook and view for
    ``async def`` on every call (ten times a request); the answer never changes, so it is kept.
    And minus one paid per app: URL builders are compiled on first use (url_rules.py)."""

    url_rule_class = LazyBuilderRule

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        sync = self._sync.get(func)
        if sync is None:
            sync = super().ensure_sync(func)
            if len(self._sync) < 4096:  # hooks and views are a fixed set; anything beyond is not cached
                self._sync[func] = sync
        return sync


def _prepare() -> Response | None:
    """The app's steps before any blueprint, as one hook with the request and ``g`` read once (this
    runs on every request): start the clock; bound the body in bytes (413) and in real time (408,
    connection closed), in the format of the API or control path (see request_body.py for why);
    keep the raw body for the journal; guard the control API."""
    ctx = g._get_current_object()
    req = request._get_current_object()  # type: ignore[attr-defined]  # werkzeug LocalProxy's documented accessor
    ctx.t0 = time.perf_counter()
    config = current_app.extensions["connsim"].config
    try:
        body = buffer_body(req.environ, config.max_body_bytes, config.body_read_seconds)
    except BodyTimeout:
        ctx.close_connection = True
        raise
    req.__dict__.pop("stream", None)  # werkzeug caches the stream it wrapped; rebuild from the buffer
    path = req.path
    control = is_control_path(path)
    if not control:
        ctx.request_body = body  # the raw body, kept for the journal before any handler parses it
    return _guard_control(req, path) if control else None


def _guard_control(req: Request, path: str) -> Response | None:
    """Every /_connsim/ path needs the admin credential when one is configured, including paths
    no route matches (so an unknown path does not tell a stranger what exists). The dashboard
    sends a browser without it to its login form instead of answering JSON."""
    if path == "/_connsim/ui" or path.startswith("/_connsim/ui/"):
        from connsim.simulator.control.ui.routes import guard as ui_guard

        return ui_guard()
    from connsim.simulator.control.guard import require_admin

    require_admin()
    return None


def _app_sim_error(exc: SimError) -> Response:
    """A SimError raised outside any API blueprint (the app-level control guard, an unrouted path)."""
    note_error(exc.code)
    remote = _state().remote_for_path(request.path)
    if remote is not None and not is_control_path(request.path):
        return remote.render_error(exc)
    from connsim.simulator.control.guard import control_error

    return control_error(exc)


def _unrouted(exc: HTTPException) -> Response | HTTPException:
    """A path no route matched: answer as the remote that owns the path (its prefix, its host, its
    first path segment) answers, in its own format; never Flask's HTML page on a remote's path."""
    error = http_to_sim(exc)
    note_error(error.code)
    if is_control_path(request.path):
        from connsim.simulator.control.routes import control_error

        return control_error(error)
    remote = owner_of_unrouted(g.get("_state") or _state(), request.path, request.host)
    return exc if remote is None else remote.render_error(error)


def _state() -> SimState:
    from flask import current_app

    return current_app.extensions["connsim"]


__all__ = ["NotFound", "SimError", "api_packages", "create_app", "is_control_path", "load_remotes"]
