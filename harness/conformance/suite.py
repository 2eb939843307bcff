"""The conformance suite as one pytest module: every feature folder, bound once. The runner hands
this file to pytest; the repo's own tests bind the same folders area by area."""

from pytest_bdd import scenarios

from connsim.harness.conformance.paths import features_dir

scenarios(str(features_dir()))
