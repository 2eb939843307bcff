"""One service per conformance profile."""
