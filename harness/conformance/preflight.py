"""Checks before any scenario runs, so a set-up mistake costs seconds and one line instead of 78
identical failures: the adapter imports and implements the profiles asked, an adapter URL answers
its contract, the remote answers and accepts the admin token, the feature files are there.

Each check raises SetupError with one sentence saying what to do; the runner prints it and exits 2."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import requests

from connsim.harness.adapters.contract import PROFILES
from connsim.harness.conformance.inventory import feature_files

#: seconds a pre-flight request may take: a service that needs longer is not ready to be graded
TIMEOUT = 5.0
CONTRACT_DOC = "docs/harness/http-contract.md"


class SetupError(Exception):
    """A wrong set-up, found before any scenario: the message says what to do."""


def import_path() -> None:
    """The current folder on sys.path, as pytest's rootdir conftest gives it, so a vendor's package
    in the folder they run from imports without PYTHONPATH. Inherited by xdist workers via the env."""
    here = os.getcwd()
    if here not in sys.path:
        sys.path.insert(0, here)
    current = os.environ.get("PYTHONPATH", "")
    if here not in current.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (here, current) if p)


def adapter_class(spec: str) -> type:
    module_name, colon, class_name = spec.partition(":")
    if not colon or not module_name or not class_name or ":" in class_name:
        raise SetupError(f"--adapter must look like module:Class (e.g. mypackage.engine:MyEngine), got {spec!r}")
    import_path()
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise SetupError(f"--adapter {spec}: cannot import {module_name!r} ({exc}); run from the folder that "
                         f"holds it or pip install it") from None
    except Exception as exc:  # noqa: BLE001 -- the vendor's module itself is broken: say where
        raise SetupError(f"--adapter {spec}: importing {module_name!r} failed: {type(exc).__name__}: {exc}") from None
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type):
        names = sorted(n for n, v in vars(module).items() if isinstance(v, type) and not n.startswith("_"))
        raise SetupError(f"--adapter {spec}: module {module_name!r} has no class {class_name!r} "
                         f"(classes there: {', '.join(names) or 'none'})")
    missing = [name for name in ("start", "stop", "service") if not callable(getattr(cls, name, None))]
    if missing:
        raise SetupError(f"--adapter {spec}: {class_name} lacks {', '.join(missing)} "
                         f"(an engine has profiles, start(env), stop() and service(profile))")
    return cls


def engine_profiles(spec: str | None, url: str | None) -> tuple[str, ...]:
    """The profiles the engine under test declares, checked to be known profile names."""
    declared: Any
    if url:
        declared = _url_profiles(url)
    else:
        from connsim.harness.adapters.loading import REFERENCE

        cls = adapter_class(spec or REFERENCE)
        declared = getattr(cls, "profiles", None)
        if not isinstance(declared, (tuple, list)):  # set per instance, or a property
            try:
                declared = cls().profiles
            except Exception as exc:  # noqa: BLE001 -- whatever the vendor's constructor raised
                raise SetupError(f"--adapter {spec}: {cls.__name__}() failed or has no profiles: "
                                 f"{type(exc).__name__}: {exc}") from None
    declared = tuple(declared)
    unknown = sorted(set(declared) - set(PROFILES))
    if unknown:
        raise SetupError(f"the engine declares unknown profile(s) {', '.join(unknown)}; "
                         f"the profiles are {', '.join(PROFILES)}")
    return declared


def _url_profiles(url: str) -> tuple[str, ...]:
    if not url.startswith(("http://", "https://")):
        raise SetupError(f"--adapter-url must be an http(s):// URL, got {url!r}")
    try:
        response = requests.get(f"{url.rstrip('/')}/profiles", timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise SetupError(f"--adapter-url {url}: nothing answers there ({_reason(exc)}); start your service "
                         f"first (see {CONTRACT_DOC})") from None
    try:
        profiles = response.json()["profiles"]
        if not (isinstance(profiles, list) and all(isinstance(p, str) for p in profiles)):
            raise TypeError(profiles)
    except (ValueError, KeyError, TypeError):
        raise SetupError(f"--adapter-url {url}: GET /profiles answered HTTP {response.status_code} "
                         f"{response.text[:80]!r}, not {{\"profiles\": [...]}} (see {CONTRACT_DOC})") from None
    return tuple(profiles)


def profiles_asked(asked: list[str] | None, declared: tuple[str, ...], engine: str) -> None:
    lacking = sorted(set(asked or ()) - set(declared))
    if lacking:
        raise SetupError(f"{engine} does not implement profile {', '.join(lacking)} (it implements "
                         f"{', '.join(declared) or 'none'}); drop --profile {lacking[0]} or implement it")
    if not declared:
        raise SetupError(f"{engine} implements no profile; declare at least one of {', '.join(PROFILES)}")


def remote(remote: str, admin_token: str | None, adapter_url: str | None, workers: int) -> None:
    if adapter_url and workers > 1:
        raise SetupError("-n with --adapter-url would have every worker drive one engine service, which holds one "
                         "scenario's state at a time; run one service per shard instead (see docs/harness/README.md)")
    if remote in ("in-process", "server"):
        if remote == "in-process" and adapter_url:
            raise SetupError("--adapter-url needs a simulator your service can reach over HTTP: "
                             "use --remote server (or the URL of a running `connsim serve`), not in-process")
        return
    if not remote.startswith(("http://", "https://")):
        raise SetupError(f"--remote must be in-process, server or a simulator URL (http://host:port), got {remote!r}")
    if workers > 1:
        raise SetupError("-n with one shared simulator URL would let workers move each other's clock; "
                         "use --remote server (each worker starts its own) or in-process")
    headers = {"X-Connsim-Admin": admin_token} if admin_token else {}
    try:
        response = requests.get(f"{remote.rstrip('/')}/_connsim/clock", headers=headers, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise SetupError(f"--remote {remote}: no simulator answers there ({_reason(exc)}); start one with "
                         f"`connsim serve --port PORT` or use --remote server") from None
    if response.status_code in (401, 403):
        what = "refused the admin token given" if admin_token else "needs an admin token"
        raise SetupError(f"--remote {remote} {what}: pass the --admin-token it was started with "
                         f"(`connsim serve --admin-token ...`)")
    if response.status_code != 200 or "now" not in _json(response):
        raise SetupError(f"--remote {remote}: GET /_connsim/clock answered HTTP {response.status_code}; "
                         f"is this a connsim simulator?")


def features(root: Path, explicit: bool) -> None:
    if not root.is_dir() or not feature_files(root):
        hint = ("check --features" if explicit
                else "reinstall connsim (the wheel ships them as connsim/features) or pass --features DIR")
        raise SetupError(f"no .feature files in {root}: {hint}")


def feature_lint(root: Path) -> None:
    """The bdd plugin's collection checks, run on the files before pytest starts (every problem listed)."""
    from connsim.harness.bdd.lint import scenario_problems
    from connsim.harness.conformance.inventory import scenarios
    from connsim.harness.conformance.step_catalogue import step_definitions

    phrases = step_definitions()
    problems = [problem for s in scenarios(root)
                for problem in scenario_problems(f"{s.feature} {s.name!r}", s.tags, s.steps, phrases)]
    if problems:
        raise SetupError("the feature files need fixing (nothing was run):\n  " + "\n  ".join(problems))


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {}


def _reason(exc: Exception) -> str:
    if isinstance(exc, requests.ConnectionError):
        return "connection refused"
    if isinstance(exc, requests.Timeout):
        return f"no answer within {TIMEOUT:.0f} s"
    return type(exc).__name__
