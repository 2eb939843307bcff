"""The two-way client scenarios (features/clients_twoway) against the reference engine, both modes."""

from pytest_bdd import scenarios

from connsim.harness.conformance.paths import features_dir

scenarios(str(features_dir() / "clients_twoway"))
