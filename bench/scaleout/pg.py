"""A throwaway PostgreSQL cluster for the bench: initdb in a temporary folder, a free loopback TCP
port, trust authentication, stopped and deleted afterwards. Nothing of the machine's own clusters is
touched. The server refuses to run as root, so as root it runs as the ``postgres`` user.

``synchronous_commit=off`` matches SQLite's ``synchronous=NORMAL`` in WAL mode: a commit survives
the application's crash (the server holds it), the last few may not survive the server's."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from connsim.simulator.pytest_plugin import free_port


def find_bin() -> Path | None:
    """Debian's versioned server binaries, or initdb on PATH; None when no server is installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = found[-1] if found else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PgCluster:
    """Started on construction; ``dsn`` for psycopg; ``stop()`` removes it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="connsim-pg-"))
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "postgres"
            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        data = self.dir / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", "bench", "--no-sync", "-E", "UTF8")
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c synchronous_commit=off "
                   "-c max_connections=200 -c shared_buffers=128MB")
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        self.dsn = f"postgresql://bench@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
