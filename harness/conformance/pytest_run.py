"""The pytest command line every graded run starts from: the conformance runner's and the mutation
suite's (harness/mutants/runner.py), so both grade on the same terms.

A graded run loads only the plugins it names (``--disable-plugin-autoload``): a grade must not
depend on what else is installed beside connsim (pytest-randomly would reorder scenarios,
pytest-rerunfailures retry a failing one until it passes), and every installed plugin is imported
and called for every scenario (schemathesis's alone took about a second of a run)."""

from __future__ import annotations

from pathlib import Path

#: the pytest module a graded run collects (it collects the feature files)
SUITE = Path(__file__).with_name("suite.py")
PLUGINS = ("pytest_bdd.plugin", "connsim.simulator.pytest_plugin", "connsim.harness.bdd.plugin",
           "connsim.harness.conformance.recording")


def graded_run_args(remote: str, workers: int = 0) -> list[str]:
    """The suite, only PLUGINS (and xdist with ``workers``), no cache, quiet, and the remote mode."""
    argv = [str(SUITE), "-o", "addopts=", "--disable-plugin-autoload",
            *(option for plugin in PLUGINS for option in ("-p", plugin)), "-p", "no:cacheprovider", "-q",
            "--no-header", "--connsim-remote", remote]
    if workers > 0:
        argv += ["-p", "xdist.plugin", "-n", str(workers)]
    return argv
