"""Each wrong set-up is refused before any scenario runs: exit status 2 and one line on stderr that
says what to do. The checks run in this process (no scenario is ever reached)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from connsim.cli import main
from connsim.simulator.pytest_plugin import free_port

ROOT = Path(__file__).resolve().parents[2]


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["conformance", *args])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2, (code, captured)
    assert len(lines) == 1, lines
    assert captured.out == "", "nothing else is printed: no scenario ran"
    return lines[0]


@pytest.fixture(autouse=True)
def restored_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner exports CONNSIM_FEATURES and PYTHONPATH for its workers: undone after each test."""
    monkeypatch.setenv("CONNSIM_FEATURES", str(ROOT / "features"))
    monkeypatch.setenv("PYTHONPATH", os.environ.get("PYTHONPATH", ""))


@pytest.mark.parametrize("args, expected", [
    (["--adapter", "foo"], "must look like module:Class"),
    (["--adapter", "no_such_vendor.engine:Engine"], "cannot import 'no_such_vendor.engine'"),
    (["--adapter", "connsim.harness.engine.reference:Nope"], "has no class 'Nope'"),
    (["--adapter", "tests.ux.engines:NotAnEngine"], "lacks start, stop, service"),
    (["--adapter", "tests.ux.engines:PaymentsOnly", "--profile", "costs"], "does not implement profile costs"),
    (["--adapter-url", "http://127.0.0.1:{port}"], "nothing answers there"),
    (["--adapter-url", "http://127.0.0.1:{port}", "--remote", "in-process"], "use --remote server"),
    (["--remote", "http://127.0.0.1:{port}"], "no simulator answers there"),
    (["--remote", "localhost:8765"], "--remote must be in-process, server or a simulator URL"),
    (["-n", "two"], "-n takes a number"),
    (["--features", "{empty}"], "no .feature files"),
], ids=["no-colon", "no-module", "no-class", "not-an-engine", "profile-lacking", "dead-adapter-url",
        "adapter-url-in-process", "dead-remote", "remote-not-url", "bad-workers", "no-features"])
def test_wrong_setup_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: object, args: list[str],
                                           expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    line = refused(capsys, *[a.format(port=port, empty=tmp_path) for a in args])
    assert line.startswith("connsim conformance: error: ") and expected in line, line


def test_admin_token_missing_or_wrong(capsys: pytest.CaptureFixture[str], guarded_server: str) -> None:
    assert "needs an admin token" in refused(capsys, "--remote", guarded_server)
    assert "refused the admin token" in refused(capsys, "--remote", guarded_server, "--admin-token", "wrong")


def test_vendor_package_in_the_current_folder_imports_without_pythonpath(
        capsys: pytest.CaptureFixture[str], tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    vendor = Path(str(tmp_path)) / "acme_connector"
    vendor.mkdir()
    (vendor / "__init__.py").write_text("")
    (vendor / "engine.py").write_text("class Engine:\n    profiles = ('payments',)\n")
    monkeypatch.chdir(str(tmp_path))
    monkeypatch.setattr("sys.path", [p for p in __import__("sys").path if p not in ("", ".", str(tmp_path))])
    # found and imported from the current folder; refused only for what it lacks
    assert "lacks start, stop, service" in refused(capsys, "--adapter", "acme_connector.engine:Engine")


def test_version_and_help_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("connsim ")
    for command in (["serve"], ["conformance"], ["steps"], ["engine", "serve"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        text = capsys.readouterr().out
        assert "default" in text, command
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "port to listen on (default: 8765)" in " ".join(capsys.readouterr().out.split())
