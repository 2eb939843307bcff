"""Fault injection. A rule picks requests with the matcher vocabulary of ``core/matching.py``
(api, tenant, method, path, path_regex, query, headers, body, json) and acts:

* ``status``  answer with this HTTP status, in the API's own error format; the handler never runs
* ``reset``   drop the connection before the remote does anything
* ``drop``    let the remote commit, then lose the response ("commit then lose the response")
* ``latency`` hold the response for ``latency_ms`` of real time (for client-timeout testing and
  benchmarks; the only place the simulator waits, since it models the wire, not the clock)

How often: ``times`` (once by default, N, or null for always) and ``probability`` with a ``seed``
so a chaos run can be replayed. A rule's Random is its own: rules never disturb each other."""

from __future__ import annotations

import itertools
import random
import threading
from dataclasses import dataclass, field
from typing import Any

from connsim.simulator.core.errors import MalformedInput
from connsim.simulator.core.matching import MATCH_FIELDS, RequestMatch, RequestView, split_spec

ACTIONS = ("status", "reset", "drop", "latency")
#: a rule's own fields, next to the match fields
RULE_FIELDS = ("action", "status", "message", "latency_ms", "times", "probability", "seed")


@dataclass
class FaultRule:
    id: int
    action: str
    match: RequestMatch = field(default_factory=RequestMatch)
    status: int = 500
    message: str | None = None
    latency_ms: int = 0
    times: int | None = 1
    probability: float = 1.0
    seed: int | str | None = None
    fired: int = 0
    seen: int = 0
    _rng: random.Random = field(default_factory=random.Random, repr=False)
    #: guards fired, seen and the Random: a rule's own, so picks take no lock the plan shares
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def matches(self, req: RequestView) -> tuple[bool, str]:
        """Whether the rule applies, and if not, why (as responses' matchers explain a miss)."""
        ok, reason = self.match(req)
        if not ok:
            return False, reason
        if self.times is not None and self.fired >= self.times:
            return False, f"already fired {self.fired} of {self.times} times"
        return True, reason

    def to_dict(self) -> dict[str, Any]:
        criteria = {name: self.match.spec.get(name) for name in MATCH_FIELDS}
        own = {k: v for k, v in vars(self).items() if not k.startswith("_") and k != "match"}
        return {"id": own.pop("id"), "action": own.pop("action"), **criteria, **own}


class FaultPlan:
    """The rules in the order they were added. A request reads the current tuple of rules without a
    lock and counts under each rule's own; the plan's lock is taken only by the control API, which
    replaces the tuple whole (copy on write), so no request waits on another (issue 14)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._rules: tuple[FaultRule, ...] = ()

    def add(self, spec: dict[str, Any]) -> FaultRule:
        criteria, own = split_spec(spec)
        action = own.get("action", "status")
        if action not in ACTIONS:
            raise MalformedInput(f"unknown fault action {action!r}; expected one of {', '.join(ACTIONS)}")
        unknown = set(own) - set(RULE_FIELDS)
        if unknown:
            raise MalformedInput(f"unknown fault fields: {', '.join(sorted(unknown))}")
        match = RequestMatch.from_spec(criteria)
        try:
            rule = FaultRule(id=next(self._ids), match=match, **{**own, "action": action})
            rule.status, rule.latency_ms = int(rule.status), int(rule.latency_ms)
            rule.probability = float(rule.probability)
        except (TypeError, ValueError) as exc:
            raise MalformedInput(f"bad fault rule: {exc}") from None
        _validate(rule)
        rule._rng = random.Random(rule.seed)
        with self._lock:
            self._rules = (*self._rules, rule)
        return rule

    @property
    def active(self) -> bool:
        """Whether any rule is set; read without the lock, so the request path builds no request
        view and takes no global lock when there is nothing to match (the common case)."""
        return bool(self._rules)

    def pick(self, req: RequestView) -> FaultRule | None:
        """The first rule that matches and fires for this request (counting its use)."""
        for rule in self._rules:
            ok, _ = rule.match(req)  # the criteria read only the request: no lock
            if not ok:
                continue
            with rule._lock:  # the budget and the Random: one request at a time, per rule
                if rule.times is not None and rule.fired >= rule.times:
                    continue
                rule.seen += 1
                if rule.probability < 1.0 and rule._rng.random() >= rule.probability:
                    continue
                rule.fired += 1
                return rule
        return None

    def remove(self, rule_id: int) -> bool:
        with self._lock:
            before = len(self._rules)
            self._rules = tuple(r for r in self._rules if r.id != rule_id)
            return len(self._rules) != before

    def list(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self._rules]

    def reset(self) -> None:
        with self._lock:
            self._rules = ()


def _validate(rule: FaultRule) -> None:
    if not 0.0 <= rule.probability <= 1.0:
        raise MalformedInput("probability must be between 0 and 1")
    if not 100 <= rule.status <= 599:
        raise MalformedInput("status must be an HTTP status code")
    times: object = rule.times  # straight from JSON: any type
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise MalformedInput("times is a positive integer, or null for every matching request")
    if rule.seed is not None and not isinstance(rule.seed, (int, str)):
        raise MalformedInput("seed is an integer or a string")
    if rule.latency_ms < 0:
        raise MalformedInput("latency_ms must not be negative")
    if rule.action == "latency" and not rule.latency_ms:
        raise MalformedInput("a latency fault needs latency_ms")
    if rule.message is not None and not isinstance(rule.message, str):
        raise MalformedInput("message is a string")
