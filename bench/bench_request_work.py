"""Work per in-process request, counted instead of timed: Python opcodes executed for one `requests`
GET of a Xero invoice through mock_remotes(), for the app alone (GET and PUT of one invoice), and
for a bare `responses` callback. On a shared machine timings swing with everyone else's load; the
count does not, so it shows whether a change to the request path made it cheaper (C work such as
json.dumps is not counted, so it complements bench_side_by_side.py rather than replacing it).

    .venv/bin/python bench/bench_request_work.py [--calls 20] [--top 15]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import requests
import responses

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_side_by_side import xero_world
from connsim.simulator.client import ControlClient
from connsim.simulator.inprocess import call_app, mock_remotes


class OpcodeCounter:
    def __init__(self) -> None:
        self.total = 0
        self.by_function: collections.Counter[str] = collections.Counter()

    def _trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        frame.f_trace_opcodes = True
        if event == "opcode":
            self.total += 1
            code = frame.f_code
            self.by_function[f"{code.co_filename.split('site-packages/')[-1]}:{code.co_name}"] += 1
        return self._trace

    def per_call(self, fn: Callable[[], object], calls: int) -> float:
        fn()  # warm: first-call caches are not the steady state
        self.total = 0
        self.by_function.clear()
        sys.settrace(self._trace)
        try:
            for _ in range(calls):
                fn()
        finally:
            sys.settrace(None)
        return self.total / calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--top", type=int, default=15, help="functions of the app's GET to list")
    args = parser.parse_args(argv)
    counter = OpcodeCounter()
    sim = mock_remotes()
    with sim:
        headers, invoice_id, put_body = xero_world(ControlClient(sim.endpoints.control))
    url = f"https://api.xero.com/api.xro/2.0/Invoices/{invoice_id}"
    put_headers = {**headers, "Content-Type": "application/json"}
    session = requests.Session()
    with sim:
        connsim = counter.per_call(lambda: session.get(url, headers=headers), args.calls)
        put = counter.per_call(lambda: call_app(sim.app, "PUT", "https://api.xero.com/api.xro/2.0/Invoices",
                                                put_headers, put_body), args.calls)
        app_get = counter.per_call(lambda: call_app(sim.app, "GET", url, headers, None), args.calls)
        top = counter.by_function.most_common(args.top)
    body = json.dumps({"Invoices": [{"InvoiceID": invoice_id}]})
    with responses.RequestsMock() as mock:
        mock.add_callback(responses.GET, url, callback=lambda request: (200, {}, body))
        bare = counter.per_call(lambda: session.get(url, headers=headers), args.calls)
    print(f"Python opcodes per call ({args.calls} calls each):")
    print(f"  requests GET through mock_remotes()   {connsim:9.0f}")
    print(f"  requests GET, bare responses callback {bare:9.0f}   ratio {connsim / bare:.2f}x")
    print(f"  the app alone, GET one invoice         {app_get:9.0f}")
    print(f"  the app alone, PUT one invoice         {put:9.0f}")
    print(f"  where the app's GET spends them (top {args.top}):")
    for name, count in top:
        print(f"    {count / args.calls:7.0f}  {name.replace(str(ROOT) + '/', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
