# SPDX-License-Identifier: MIT
"""Games from Python: exact equilibria as Fractions, the same as `statecraft solve`."""
import glob
import os
from fractions import Fraction as F

import pytest

import statecraft

PENNIES_A = [[1, -1], [-1, 1]]
PENNIES_B = [[-1, 1], [1, -1]]


def test_matching_pennies_exactly():
    g = statecraft.Game.from_matrices(PENNIES_A, PENNIES_B, title="pennies")
    for method in ("enummixed", "lcp", "simpdiv"):
        eqs = statecraft.solve(g, method)
        assert eqs == [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))], method
        assert all(isinstance(x, F) for mix in eqs[0] for x in mix) and eqs[0].exact
    logit = statecraft.solve(g, "logit")
    assert not logit[0].exact
    assert logit[0].as_floats()[0] == pytest.approx((0.5, 0.5), abs=1e-6)
    assert statecraft.solve(g, "enumpure") == []


def test_payoff_table_forms_agree():
    # battle of the sexes as one tensor and as two matrices; exact rationals and decimals
    tensor = [[(2, 1), (0, 0)], [(0, 0), ("1/2", 2.5)]]
    a = statecraft.Game.from_payoffs(tensor, players=["Row", "Col"],
                                     strategies=[["opera", "fight"], ["opera", "fight"]])
    b = statecraft.Game.from_matrices([[2, 0], [0, F(1, 2)]], [[1, 0], [0, 5 / 2]])
    assert a.payoff((1, 1), 0) == F(1, 2) and a.payoff((1, 1), 1) == F(5, 2)
    assert a.players == ["Row", "Col"] and a.strategies[0] == ["opera", "fight"]
    assert statecraft.solve(a, "enummixed") == statecraft.solve(b, "enummixed")
    mixed = [e for e in statecraft.solve(a, "enummixed") if e[0][0] not in (0, 1)][0]
    # Row mixes to make Col indifferent: 1 p = (5/2)(1 - p) -> p = 5/7
    assert mixed[0] == (F(5, 7), F(2, 7))
    assert statecraft.solve(a, "enummixed")[0].players == ("Row", "Col")
    assert F(repr(0.1)) == statecraft.Game.from_payoffs([[(0.1, 0)]]).payoff((0, 0), 0)


def test_nfg_round_trip():
    g = statecraft.Game.from_matrices(PENNIES_A, PENNIES_B, title="pennies")
    for version in ("payoff", "outcome"):
        h = statecraft.Game.parse(g.to_nfg(version), "again.nfg")
        assert h.shape == g.shape and h.title == "pennies"
        assert all(h.payoff((i, j), p) == g.payoff((i, j), p)
                   for i in range(2) for j in range(2) for p in range(2))


def _parse_ne(lines):
    out = []
    for line in lines.splitlines():
        if line.startswith("NE,"):
            out.append([F(x) for x in line[3:].split(",")])
    return out


@pytest.mark.parametrize("method", ["enumpure", "enummixed", "lcp", "simpdiv"])
def test_solve_is_the_cli(cli, shared, method):
    """Every game of Gambit's collection the CLI solves quickly: the same equilibria."""
    games = sorted(glob.glob(os.path.join(shared, "reference", "gambit", "games", "*.nfg")))
    assert games
    checked = 0
    for path in games:
        g = statecraft.Game.load(path)
        if method in ("enummixed", "lcp") and len(g.shape) != 2:
            continue
        if len(g.shape) * max(g.shape) > 12:
            continue  # keep the suite fast: small games only
        p = cli("solve", "--method", method, path, check=False)
        if p.returncode != 0:
            continue
        want = _parse_ne(p.stdout)
        got = [[x for mix in e for x in mix] for e in statecraft.solve(path, method)]
        assert got == want, path
        checked += 1
    assert checked >= 5


def test_efg_is_solved_in_reduced_form(shared):
    trees = sorted(glob.glob(os.path.join(shared, "reference", "gambit", "games", "*.efg")) +
                   glob.glob(os.path.join(shared, "reference", "gambit", "efg", "*.efg")))
    if not trees or not hasattr(statecraft._native.lib, "sc_efg_read"):
        pytest.skip("no .efg games or no .efg reader")
    g = statecraft.Game.load(trees[0])
    assert len(g.shape) >= 1
    for e in statecraft.solve(g, "enumpure"):
        assert all(sum(mix) == 1 for mix in e)


def test_game_errors(tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "1" "2" } { 2 2 }\n\n1 2 3\n')
    with pytest.raises(statecraft.GameError) as e:
        statecraft.Game.load(bad)
    assert e.value.file == str(bad) and e.value.line >= 1 and e.value.column >= 1
    assert str(e.value).startswith(f"{bad}:{e.value.line}:{e.value.column}: error:")
    with pytest.raises(FileNotFoundError):
        statecraft.solve(str(tmp_path / "missing.nfg"))
    with pytest.raises(TypeError):
        statecraft.solve(42)
    with pytest.raises(TypeError):
        statecraft.Game.parse(None)
    g = statecraft.Game.from_matrices(PENNIES_A, PENNIES_B)
    with pytest.raises(statecraft.InputError) as e:
        statecraft.solve(g, "enummixd")
    assert "enummixed" in str(e.value)
    with pytest.raises(TypeError):
        statecraft.solve(g, 3)
    three = statecraft.Game.from_payoffs([[[(0, 0, 0)] * 2] * 2] * 2)
    with pytest.raises(statecraft.StatecraftError):
        statecraft.solve(three, "enummixed")  # two players only
    with pytest.raises(ValueError):
        statecraft.Game.from_payoffs([[1, 2], [3, 4]])
    with pytest.raises(TypeError):
        statecraft.Game.from_matrices([[object(), 1], [1, 1]], PENNIES_B)
    with pytest.raises(ValueError):
        statecraft.Game.from_matrices([[float("nan"), 1], [1, 1]], PENNIES_B)
    with pytest.raises(ValueError):
        statecraft.Game.from_matrices([[1, 1]], PENNIES_B)  # tables of different shapes
