# SPDX-License-Identifier: MIT
"""Where the tests find the repository, the CLI they compare with, and the reference data.
Set by the CTest driver (tests/python); defaults suit a checkout with a build/ directory."""
import os
import subprocess

import pytest

ROOT = os.environ.get("STATECRAFT_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("STATECRAFT_CLI") or os.path.join(ROOT, "build", "statecraft")
    if not os.path.exists(path):
        pytest.skip(f"no statecraft program at {path} (set STATECRAFT_CLI)")

    # the sanitizer runtime preloaded into the interpreter (ASan build) must not reach the
    # program, which carries its own
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}

    def run(*args, check=True):
        p = subprocess.run([path, *args], capture_output=True, text=True, env=env)
        if check and p.returncode != 0:
            raise AssertionError(f"statecraft {' '.join(args)}: {p.returncode}\n{p.stderr}")
        return p
    return run


@pytest.fixture(scope="session")
def shared():
    path = os.environ.get("SC_SHARED_DIR") or os.path.join(os.path.dirname(ROOT), "shared")
    if not os.path.isdir(path):
        pytest.skip(f"no reference data at {path} (set SC_SHARED_DIR)")
    return path
