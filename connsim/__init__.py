"""connsim: a connector simulator and conformance harness for accounting-practice integrations."""

__version__ = "0.1.0"
