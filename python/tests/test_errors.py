# SPDX-License-Identifier: MIT
"""Bad input from Python: located exceptions like the CLI's errors, never a crash."""
import glob
import os
import random
import re

import pytest

import statecraft


def _bad_files(root):
    files = sorted(glob.glob(os.path.join(root, "tests", "data", "bad", "*")))
    return [f for f in files if os.path.isfile(f)]


def test_every_bad_scenario_raises_the_cli_error(root, cli):
    """Each broken input of tests/data/bad raises ScenarioError at the file, line and column
    `statecraft validate` reports, with its message."""
    files = _bad_files(root)
    assert len(files) > 50
    for path in files:
        p = cli("validate", path, check=False)
        assert p.returncode == 2, path
        first = p.stderr.splitlines()[0]
        with pytest.raises(statecraft.ScenarioError) as e:
            statecraft.load(path)
        err = e.value
        assert str(err) == first, path
        m = re.match(r"^(.*?):(\d+):(\d+): error: ", first)
        if m:
            assert (err.file, err.line, err.column) == (m[1], int(m[2]), int(m[3])), path
            assert err.source_line is not None
        with open(path, "rb") as f:
            head = f.readline().decode("utf-8", "replace")
        if head.startswith("# expect:"):
            assert head[len("# expect:"):].strip() in err.message, path


def test_missing_and_wrong_types(tmp_path):
    with pytest.raises(FileNotFoundError) as e:
        statecraft.load(tmp_path / "nope.yaml")
    assert e.value.filename == str(tmp_path / "nope.yaml")
    with pytest.raises(IsADirectoryError):
        statecraft.load(tmp_path)
    for bad in (None, 3, 2.5, ["a.yaml"], {"path": "a"}, object()):
        with pytest.raises(TypeError):
            statecraft.load(bad)
        with pytest.raises(TypeError):
            statecraft.loads(bad)
    s = statecraft.builtin()
    for call in (lambda: s.run(seed="7"), lambda: s.run(seed=-1), lambda: s.run(runs=0),
                 lambda: s.run(models=[1]), lambda: s.run(draws="many"),
                 lambda: s.run(variant=3), lambda: s.at(variant=3), lambda: s.eum(3),
                 lambda: s.eum(s.issue_ids[0], rounds="10"), lambda: s.value(3),
                 lambda: s.with_variant(None), lambda: s.smp(VictoryProbModel=2),
                 lambda: s.alignment_game("USA")):
        with pytest.raises(TypeError):
            call()
    with pytest.raises(ValueError):
        s.at(events="during")
    with pytest.raises(KeyError):
        s.value("actor.NOBODY.capability")


def test_scenario_errors_are_value_errors():
    with pytest.raises(ValueError) as e:
        statecraft.loads("statecraft: 1\nmetadata: {title: t}\nactors: 7\n", "x.yaml")
    err = e.value
    assert isinstance(err, statecraft.ScenarioError)
    assert err.file == "x.yaml" and err.line == 3 and err.code == "SC_EPARSE"


def test_garbage_never_crashes():
    """Random and mutated inputs raise Python exceptions; the interpreter survives."""
    rng = random.Random(15)
    good = statecraft.builtin().describe()
    seeds = ["statecraft: 1\n", "NFG 1 R \"g\" { \"1\" \"2\" } { 2 2 }\n1 2 3 4 5 6 7 8\n",
             "EFG 2 R \"t\" { \"1\" \"2\" }\n\"\"\n", str(good)]
    for k in range(300):
        base = seeds[k % len(seeds)].encode()
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            op = rng.randint(0, 2)
            pos = rng.randint(0, len(data))
            if op == 0:
                data[pos:pos] = bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 4)))
            elif op == 1 and data:
                del data[pos:pos + rng.randint(1, 4)]
            elif data:
                data[min(pos, len(data) - 1)] = rng.randint(0, 255)
        for parse in (statecraft.loads, statecraft.Game.parse):
            try:
                parse(bytes(data), "fuzz")
            except (statecraft.StatecraftError, MemoryError):
                pass
