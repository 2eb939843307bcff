"""The broken engines moved to the mutation suite's package, connsim.harness.mutants (importable
from an installed connsim too): this module re-exports them for old imports."""

from connsim.harness.mutants.clients import *  # noqa: F403
from connsim.harness.mutants.costs import *  # noqa: F403
from connsim.harness.mutants.payments import *  # noqa: F403
from connsim.harness.mutants.registry import BROKEN, CORRECT  # noqa: F401
from connsim.harness.mutants.transport import *  # noqa: F403
