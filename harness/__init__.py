"""The harness: reference sync engine, adapter contract, pytest-bdd step library, conformance runner."""
