"""PLACEHOLDER until the conformance runner lands (issue 6)."""

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--remote", default="in-process")


def run(args: argparse.Namespace) -> int:
    print("conformance runner not built yet; start the simulator with `connsim serve`")
    return 1
