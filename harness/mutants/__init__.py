"""The mutation suite of the conformance harness: broken engines, each the reference engine with one
documented behaviour broken (named for its bug, with the exact catalogue IDs it must fail), and
correct engines that differ from the reference in what the catalogue leaves open (they must pass
every ID). ``python -m connsim.harness.mutants`` grades them all and prints the mutation score;
tests/harness/test_mutants.py runs the same list in CI. Other suites (chaos) import the engines
from here: ``connsim.harness.mutants.registry.BROKEN``."""
