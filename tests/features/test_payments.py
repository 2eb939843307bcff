"""The payments scenarios (features/payments: ConnectBooster → Xero / QuickBooks Online) against the
reference engine, in both remote modes."""

from pytest_bdd import scenarios

from connsim.harness.conformance.paths import features_dir

scenarios(str(features_dir() / "payments"))
