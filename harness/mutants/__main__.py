"""``python -m connsim.harness.mutants [-j N] [NAME ...]``: grade the mutation suite, print the score.
Exit status 1 unless every broken engine fails exactly its IDs and every correct one passes."""

from __future__ import annotations

import argparse
import sys

from connsim.harness.mutants.score import judge_all, report


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m connsim.harness.mutants", description=__doc__)
    parser.add_argument("-j", "--jobs", type=int, default=1, help="engines graded in parallel (processes)")
    parser.add_argument("names", nargs="*", help="only these engines (class names)")
    args = parser.parse_args()
    verdicts = judge_all(args.jobs, args.names or None)
    sys.stdout.write(report(verdicts) + "\n")
    return 0 if all(v.as_expected for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
