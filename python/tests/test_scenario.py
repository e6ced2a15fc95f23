# SPDX-License-Identifier: MIT
"""Scenarios from Python: the same answers as the CLI, states, models round by round."""
import json
import math
import os
import pathlib

import pandas as pd
import pytest

import statecraft

RUNS = "300"


def test_version_is_the_library_version():
    assert statecraft.__version__ == statecraft.version()
    assert statecraft.version().count(".") == 2


def test_builtin_reads_like_show(cli):
    # builtin() is the scenario as given, at its baseline; `statecraft show` prints one state,
    # by default the latest (after all events), which is s.at()
    s = statecraft.builtin()
    assert s.at().describe() == json.loads(cli("show", "--format", "normalized").stdout)
    assert s.at(variant="retrench").describe() == json.loads(
        cli("show", "--variant", "retrench", "--format", "normalized").stdout)
    shown = json.loads(cli("show", "--before-events", "--format", "normalized").stdout)
    assert s.describe() == shown
    assert s.title == shown["title"]
    actors = s.actors()
    assert list(actors["id"]) == [a["id"] for a in shown["actors"]] == s.actor_ids
    assert isinstance(actors, pd.DataFrame)
    assert actors["capability"].tolist() == [a["capability"]["value"] for a in shown["actors"]]
    assert s.issue_ids == [x["id"] for x in shown["issues"]]
    assert s.variant_names == [v["name"] for v in shown["variants"]]
    stances = s.stances()
    assert set(stances.columns) == {"actor", "issue", "position", "salience"}
    assert len(s.relations()) > 0 and len(s.events()) == len(shown["events"])


def test_run_is_the_cli_document(cli):
    """.run() returns exactly what `statecraft run --format json` prints."""
    s = statecraft.builtin()
    want = json.loads(cli("run", "--format", "json", "--runs", RUNS, "--seed", "7").stdout)
    got = s.run(seed=7, runs=int(RUNS))
    assert isinstance(got, dict) and got == want


def test_run_states_are_the_cli_states(cli):
    """One state of the scenario: the CLI's state options, the same single-state document."""
    s = statecraft.builtin()
    v = s.variant_names[0]
    date = s.events()["date"].iloc[0]
    cases = [(dict(variant=v), ["--variant", v]),
             (dict(events="before"), ["--before-events"]),
             (dict(until=date), [f"--after-events={date}"]),
             (dict(variant=v, events="before"), ["--variant", v, "--before-events"])]
    docs = []
    for kw, args in cases:
        want = json.loads(cli("run", "--format", "json", "--runs", RUNS, "--only",
                              "baseline,war", *args).stdout)
        got = s.run(runs=int(RUNS), models=["baseline", "war"], **kw)
        assert got == want, args
        docs.append(got)
    assert docs[0] != docs[1] != docs[3]  # the state matters
    with pytest.raises(ValueError):
        s.run(events="before", until=date)
    with pytest.raises(statecraft.InputError):
        s.run(variant="no-such-variant")


def test_run_of_a_file_is_the_cli_document(cli, root):
    path = os.path.join(root, "tests", "data", "good", "full.yaml")
    want = json.loads(cli("run", path, "--format", "json", "--runs", "100").stdout)
    assert statecraft.load(pathlib.Path(path)).run(runs=100) == want


def test_run_seed_changes_the_monte_carlo():
    s = statecraft.builtin()
    a = s.run(seed=1, runs=200, models=["war"])
    b = s.run(seed=2, runs=200, models=["war"])
    assert a["run"]["seed"] == 1 and b["run"]["seed"] == 2
    assert a["models"]["war"] != b["models"]["war"]
    assert a == s.run(seed=1, runs=200, models=["war"])  # and nothing else


def test_draws():
    """draws binds the library's Monte Carlo draws (issue 12) when this library has them."""
    s = statecraft.builtin()
    fields = {name for name, _ in statecraft._native.ffi.typeof("sc_run_opts").fields}
    if "draws" in fields:
        r = s.run(draws=3, runs=100, models=["war"])
        assert r["models"]["war"]
    else:
        with pytest.raises(NotImplementedError):
            s.run(draws=3)


def test_war_levers_table_is_the_report():
    r = statecraft.builtin().run(runs=200, models=["war"])
    df = r.war_levers()
    states = [s["id"] for s in r["states"]] if "states" in r else ["scenario"]
    assert sorted(set(df["state"])) == sorted(states)
    war = r["models"]["war"]
    for state in states:
        if state == "scenario":
            levers = war["levers"]
        elif "/" in state:
            variant, when = state.split("/")
            levers = war["variants"][variant][when.replace("-", "_")]["levers"]
        else:
            levers = war[state.replace("-", "_")]["levers"]
        one = r.war_levers(state=state)
        assert list(one["lever"]) == list(levers)
        for _, row in one.iterrows():
            assert row["p_ceasefire"] == levers[row["lever"]]["p_ceasefire"]
            assert row["mean_battles"] == levers[row["lever"]]["mean_battles"]
    with pytest.raises(KeyError):
        r.war_levers(state="no-such-state")


def test_war_levers_headline_columns_and_the_cli_default():
    # the table's headline is P(ceasefire within 52 battles) with its standard error, and the
    # terms come as quantiles and the main mode (not only a mean of a bimodal distribution)
    s = statecraft.builtin()
    r = s.run(seed=7, runs=400, models=["war"], events="after")
    df = r.war_levers().set_index("lever")
    levers = r["models"]["war"]["levers"]
    for lever, row in df.iterrows():
        src = levers[lever]
        assert row["p_ceasefire_52"] == src["p_ceasefire_52"]
        assert row["p_ceasefire_52_se"] == src["p_ceasefire_52_se"]
        assert row["share_q50"] == src["share_quantiles"]["q50"] or (
            src["share_quantiles"]["q50"] is None and pd.isna(row["share_q50"]))
        assert row["battles_q95"] == src["battles_quantiles"]["q95"]
        if src["share_modes"]:
            top = max(src["share_modes"], key=lambda m: m["share"])
            assert row["share_mode"] == top["at"] and row["share_mode_p"] == top["share"]
    # s.at() is the default state statecraft war runs: the same numbers as the no-lever row
    w = s.at().war(runs=400, seed=7)
    assert w.summary["p_ceasefire_52"] == levers["none"]["p_ceasefire_52"]
    assert w.summary["mean_battles"] == levers["none"]["mean_battles"]


def test_claims_table_is_the_report():
    s = statecraft.builtin()
    r = s.run(runs=100, models=["claims"])
    df = r.claims()
    assert list(df["id"]) == [c["id"] for c in s.describe()["claims"]]
    assert "text" in df.columns


def test_states_before_and_after_the_events():
    s = statecraft.builtin()
    assert len(s.events()) > 0
    before, after = s.at(events="before"), s.at(events="after")
    # some number the events move
    diffs = [(i, j) for i in range(len(s.actor_ids)) for j in range(i + 1, len(s.actor_ids))
             if _amity(before, i, j) != _amity(after, i, j)]
    assert diffs, "the events move no relation"
    assert before.state_date == s.date and after.state_date >= s.date
    v = s.variant_names[0]
    assert s.at(variant=v).variant == v and s.with_variant(v).variant == v


def _amity(s, i, j):
    a, b = s.actor_ids[i], s.actor_ids[j]
    try:
        return s.value(f"relation.{a}.{b}.amity")
    except KeyError:
        return None


def test_unknown_variant_says_so():
    s = statecraft.builtin()
    name = s.variant_names[0]
    with pytest.raises(statecraft.ScenarioError) as e:
        s.at(variant=name[:-1] + "x")
    assert "did you mean" in str(e.value) and name in str(e.value)
    with pytest.raises(statecraft.InputError):
        s.run(models=["eum", "warr"])


def test_eum_rounds_match_the_report():
    s = statecraft.builtin()
    r = s.run(runs=100, models=["eum"], events="before")
    for item in r["models"]["eum"]["issues"]:
        run = s.eum(item["issue"])
        assert run.forecast == pytest.approx(item["forecast"], abs=1e-9)
        assert run.n_rounds == item["rounds"]
        last = run.positions.iloc[-1]
        for actor, x in item["final_positions"].items():
            assert last[actor] == pytest.approx(x, abs=1e-9)
        assert len(run.rounds) == (run.n_rounds + 1) * len(run.actors)
        assert list(run.summary["round"]) == list(range(run.n_rounds + 1))
        assert run.forecast_range[0] <= run.forecast <= run.forecast_range[1]


def test_eum_responds_to_its_inputs():
    s = statecraft.builtin()
    issue = s.issue_ids[0]
    two = s.eum(issue, rounds=2)
    assert two.n_rounds <= 2 and two.rounds["round"].max() == two.n_rounds
    assert s.eum(issue, max_rounds=1).n_rounds == 1
    scholz, printed = s.eum(issue), s.eum(issue, variant="printed")
    assert not scholz.rounds["position"].equals(printed.rounds["position"])
    with pytest.raises(statecraft.InputError):
        s.eum(issue, variant="nosuch")
    with pytest.raises(KeyError):
        s.eum("no-such-issue")


def test_smp_matches_the_report():
    s = statecraft.builtin()
    r = s.run(runs=100, models=["smp"], events="before")
    m = s.smp()
    for item in r["models"]["smp"]["issues"]:
        last = m.positions(item["issue"]).iloc[-1]
        for actor, x in item["final_positions"].items():
            assert last[actor] == pytest.approx(x, abs=1e-9)
    assert s.smp(VictoryProbModel="Quartic").rounds["position"].tolist() != \
        m.rounds["position"].tolist()
    with pytest.raises(statecraft.InputError):
        s.smp(VictoryProbModel="Sextic")


def test_war_runs_and_levers():
    s = statecraft.builtin()
    w = s.war(runs=2000, seed=3)
    assert w.summary["runs"] == 2000
    # every run ends held, won or still at war (a ceasefire that broke down ends another way)
    assert w.summary["p_victory_a"] + w.summary["p_victory_b"] + w.summary["p_ongoing"] + \
        w.summary["p_held"] == pytest.approx(1)
    assert w.summary["p_held"] <= w.summary["p_ceasefire"]
    assert w.durations["share"].sum() == pytest.approx(1)
    curve = w.curve["p_ceasefire"]
    assert curve.is_monotonic_increasing and curve.iloc[-1] == pytest.approx(
        w.summary["p_ceasefire"])
    assert w.by_battle(52) == pytest.approx(w.summary["p_ceasefire_52"])
    q = w.summary["battles_quantiles"]
    assert q["q05"] <= q["q50"] <= q["q95"]
    again = s.war(runs=2000, seed=3)
    assert again.summary == w.summary and again.curve.equals(w.curve)   # reproducible
    assert s.war(runs=2000, seed=4).summary != w.summary                # and seeded
    # sanctions raise A's cost of fighting: wars end sooner
    harsh = s.war(runs=2000, seed=3, sanctions=0.01)
    assert harsh.summary["mean_battles"] < w.summary["mean_battles"]
    with pytest.raises(TypeError):
        s.war(no_such_lever=1)


def test_alignment_game_from_a_scenario():
    s = statecraft.builtin()
    g = s.alignment_game(["USA", "RUS", "CHN"])
    assert g.shape == (3, 3, 3)
    eqs = statecraft.solve(g, "enumpure")
    assert eqs and all(e.exact for e in eqs)
    for e in eqs:
        assert all(sum(mix) == 1 for mix in e)


def test_loads_and_load_agree(root):
    path = os.path.join(root, "tests", "data", "good", "full.yaml")
    with open(path) as f:
        text = f.read()
    assert statecraft.loads(text, path).describe() == statecraft.load(path).describe()


def test_the_installed_package_is_tested():
    """Under `make test` the package is the one `pip install ./python` installed."""
    venv = os.environ.get("STATECRAFT_EXPECT_INSTALLED")
    if not venv:
        pytest.skip("testing the source tree")
    assert os.path.realpath(statecraft.__file__).startswith(os.path.realpath(venv))
    lib = os.path.dirname(statecraft.__file__)
    assert os.path.exists(os.path.join(lib, "_cdef.h"))
    assert any(f.startswith("libstatecraft.so") for f in os.listdir(os.path.join(lib, "_lib")))
