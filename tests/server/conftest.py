"""tests/support holds the test-only echo remote and its fixtures."""

from connsim_echo_fixtures import echo_server, echo_sim  # noqa: F401
