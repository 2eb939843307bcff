"""Where each remote is reached, by name (``xero_api``, ``qbo_api``, ...). Each remote declares its
own names and real URLs (``Remote.endpoints``); this module holds none. In-process mode: the real
hosts (intercepted). Server mode: one base URL for everything, since the remotes' real paths do not
collide, so each URL keeps its path and takes the server's origin."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from connsim.simulator.remote import Remote

#: the host the in-process mode serves the control API on (and every API path, as a server would)
INPROCESS_HOST = "connsim.local"
#: hosts of the modelled remotes that have no real host end in this (see docs/adding-an-api.md)
MODELLED_DOMAIN = "connsim.test"


class Endpoints:
    """Named base URLs, read as attributes (``endpoints.xero_api``); ``control`` is always there."""

    def __init__(self, **urls: str) -> None:
        self._urls = dict(urls)

    def __getattr__(self, name: str) -> str:
        urls: dict[str, str] = self.__dict__.get("_urls", {})  # read so: copy and pickle make no _urls
        if name not in urls:
            raise AttributeError(f"no endpoint {name!r}; known: {', '.join(sorted(urls))}")
        return urls[name]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Endpoints) and other._urls == self._urls

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._urls.items())))

    def __repr__(self) -> str:
        return f"Endpoints({', '.join(f'{k}={v!r}' for k, v in self._urls.items())})"

    @classmethod
    def real_hosts(cls, remotes: Iterable[Remote] | None = None) -> Endpoints:
        """Each remote's real URLs (the built-in remotes when none are given), control on connsim.local."""
        return cls(**_declared(remotes), control=f"https://{INPROCESS_HOST}")

    @classmethod
    def single_base(cls, base: str, remotes: Iterable[Remote] | None = None) -> Endpoints:
        """Every URL on one server: the real URL's path on ``base``."""
        base = base.rstrip("/")
        return cls(**{name: base + urlsplit(url).path for name, url in _declared(remotes).items()}, control=base)

    def to_dict(self) -> dict[str, str]:
        return dict(self._urls)


def _declared(remotes: Iterable[Remote] | None) -> Mapping[str, str]:
    if remotes is None:
        from connsim.simulator.app import load_remotes

        remotes = load_remotes()
    urls: dict[str, str] = {}
    for remote in remotes:
        urls.update(remote.endpoints)
    return urls
