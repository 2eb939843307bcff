"""Which workloads each conformance profile runs under chaos."""

from __future__ import annotations

from connsim.harness.chaos.workload import Workload
from connsim.harness.chaos.workloads_other import ClientsTwoWayWorkload, QboPayments, XeroPayments
from connsim.harness.chaos.workloads_xpm import ClientsOneWayWorkload, CostsWorkload

PROFILE_WORKLOADS: dict[str, tuple[type[Workload], ...]] = {
    "costs": (CostsWorkload,),
    "clients-oneway": (ClientsOneWayWorkload,),
    "clients-twoway": (ClientsTwoWayWorkload,),
    "payments": (XeroPayments, QboPayments),
}
