"""Nothing in the groups folder is skipped without a word: an unreadable folder, a named
pipe, a socket or a dangling link named *.yaml is a problem of that path; and no
command waits forever on a file that is not a regular file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

import assetdir.store.directory as directory_module
from conftest import run


def errors(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if " error " in line]


def test_an_unreadable_folder(sample, monkeypatch):
    monkeypatch.chdir(sample)
    locked = os.path.join("groups", "northfield")
    real_scandir = os.scandir

    def scandir(path="."):  # as chmod 000 would do to anyone but root
        if os.path.abspath(path) == os.path.abspath(locked):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(directory_module.os, "scandir", scandir)
    for extra in ([], ["--no-cache"]):
        result = run("validate", *extra)
        assert result.exit_code == 1
        found = errors(result)
        assert "groups/northfield:1:1: error unreadable: cannot read the folder: Permission denied" in "\n".join(found)
        # and the groups it holds are missed by the partners that name them
        assert {line.split(" error ")[1].split(":")[0] for line in found} == {"unreadable", "unknown-partner"}
        assert result.stdout.splitlines()[-1].startswith("41 groups checked: ")
    search = run("search", "--format", "ids", "lunch")
    assert search.exit_code == 0 and "groups/northfield" in search.stderr


def test_a_named_pipe_a_socket_and_a_dangling_link(sample, monkeypatch):
    monkeypatch.chdir(sample)
    os.mkfifo("groups/pipe.yaml")
    os.symlink("nowhere/gone.yaml", "groups/gone.yaml")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("groups/sock.yaml")
        result = run("validate")
    assert result.exit_code == 1
    found = errors(result)
    assert len(found) == 3, found
    assert found[0].startswith("groups/gone.yaml:1:1: error broken-link: ") and "nowhere/gone.yaml" in found[0]
    assert found[1].startswith("groups/pipe.yaml:1:1: error not-a-file: ") and "named pipe" in found[1]
    assert found[2].startswith("groups/sock.yaml:1:1: error not-a-file: ") and "socket" in found[2]
    assert result.stdout.splitlines()[-1].startswith("48 groups checked: 3 errors")


@pytest.mark.parametrize("command", ["fmt", "validate", "fmt --check"])
def test_a_command_given_a_pipe_does_not_wait(sample, command):
    pipe = sample / "groups" / "pipe.yaml"
    os.mkfifo(pipe)
    done = subprocess.run(  # a timeout here is the failure: it waited for a writer
        [sys.executable, "-m", "assetdir", *command.split(), str(pipe), "--dir", str(sample)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "not-a-file" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
