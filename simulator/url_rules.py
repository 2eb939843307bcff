"""URL rules whose builders are compiled on first use.

werkzeug compiles two URL *builders* (code generated with ``ast`` and ``compile``) for every rule
when it is added to the map; matching does not use them, only ``url_for`` does. With 253 rules that
was about 70 of the 83 ms every ``create_app`` takes: the price of each in-process test's
``mock_remotes()`` and of a server's start-up. connsim builds URLs for a handful of its rules (the
dashboard's), so each builder is compiled the first time it is called, and is then the very
function werkzeug would have made (``tests/server/test_url_rules.py`` compares every rule's URLs).

Relies on ``Rule._compile_builder``, werkzeug's own hook for this step since 2.2; were it renamed,
this class would no longer be called and werkzeug would compile eagerly again, correct but slower."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule

Builder = Callable[..., tuple[str, str]]


class LazyBuilderRule(Rule):
    """A werkzeug ``Rule`` compiling its URL builders when a URL is first built from it."""

    def _compile_builder(self, append_unknown: bool = True) -> Builder:
        eager = super()._compile_builder
        compiled: list[Builder] = []

        def build(rule: Rule, *args: Any, **values: Any) -> tuple[str, str]:
            if not compiled:  # two threads may both compile: the same function, so either is kept
                compiled.append(eager(append_unknown))
            return compiled[0](rule, *args, **values)

        return build
