"""The one-way client scenarios (features/clients_oneway) against the reference engine, both modes."""

from pytest_bdd import scenarios

from connsim.harness.conformance.paths import features_dir

scenarios(str(features_dir() / "clients_oneway"))
