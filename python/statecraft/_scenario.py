# SPDX-License-Identifier: MIT
"""Scenarios: loading, reading, states, the combined report and the models' runs."""
import json
import math

import pandas as pd

from ._errors import ScenarioError, check, fspath_checked, new_diag
from ._native import ffi, lib

_DEFAULT = object()


def _str(p):
    return ffi.string(p).decode("utf-8") if p != ffi.NULL else None


def _num(x):
    return None if math.isnan(x) else x


def _take_text(out, n):
    """The string the library handed out (freed with sc_free) as a Python str."""
    try:
        return ffi.unpack(out[0], n[0]).decode("utf-8")
    finally:
        lib.sc_free(out[0])


def _own(ptr):
    return ffi.gc(ptr, lib.sc_scenario_free)


def load(path):
    """Reads a scenario file: YAML (statecraft's format) or, for ``.csv``, a Bueno de Mesquita
    actor table. Raises FileNotFoundError for a missing file, TypeError for a non-path and
    ScenarioError (with ``file``, ``line``, ``column``) for a malformed one."""
    p = fspath_checked(path, "scenario")
    out = ffi.new("sc_scenario **")
    diag = new_diag()
    check(lib.sc_scenario_load(p.encode(), out, diag), diag, ScenarioError)
    return Scenario(_own(out[0]))


def loads(text, filename="<string>"):
    """Parses a YAML scenario from a string (errors name ``filename``)."""
    if isinstance(text, str):
        data = text.encode("utf-8")
    elif isinstance(text, (bytes, bytearray)):
        data = bytes(text)
    else:
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    if not isinstance(filename, str):
        raise TypeError("filename must be a str")
    opts = ffi.new("sc_parse_opts *")
    lib.sc_parse_opts_init(opts)
    fname = ffi.new("char[]", filename.encode())
    opts.filename = fname
    out = ffi.new("sc_scenario **")
    diag = new_diag()
    check(lib.sc_scenario_parse(data, len(data), opts, out, diag), diag, ScenarioError)
    return Scenario(_own(out[0]))


def builtin():
    """The scenario compiled into the library (the 2025 Ukraine ceasefire)."""
    out = ffi.new("sc_scenario **")
    diag = new_diag()
    check(lib.sc_scenario_builtin(out, diag), diag, ScenarioError)
    return Scenario(_own(out[0]))


def _quantity(q):
    return _num(q.value)


class Report(dict):
    """The document ``statecraft run --format json`` prints, as Python objects (a dict), with
    helpers that turn its tables into DataFrames."""

    def war_levers(self, state=None):
        """The war model's lever table: one row per lever and state of the scenario (the
        report's state ids: "before-events", "after-events", "retrench/after-events", ...; a
        single-state document has the one state "scenario"), the numbers as columns. ``state``
        keeps one state's rows.

        The headline is ``p_ceasefire_52`` (P(ceasefire within 52 battles)) with its Monte
        Carlo standard error ``p_ceasefire_52_se``; ``p_ceasefire`` is P(ceasefire ever, within
        the horizon). ``diff_52`` / ``diff_52_se`` / ``diff_beyond_noise`` compare a lever with
        no lever. The terms are often bimodal, so their quantiles come as columns too
        (``share_q05`` ... ``share_q95``, likewise ``battles_q50``) and ``share_mode`` is the
        most frequent mode of the terms (``share_mode_p`` its weight): read those, not only
        ``mean_share_a``."""
        war = self.get("models", {}).get("war")
        rows = []
        for name, content in _states(war):
            if state is not None and name != state:
                continue
            levers = content.get("levers") if isinstance(content, dict) else None
            if not isinstance(levers, dict):
                continue
            for lever, values in levers.items():
                row = {"state": name, "lever": lever}
                for k, v in values.items():
                    if isinstance(v, (int, float, str, bool)) or v is None:
                        row[k] = v
                    elif k.endswith("_quantiles") and isinstance(v, dict):
                        for q, x in v.items():
                            row[f"{k[:-len('_quantiles')]}_{q}"] = x
                    elif k == "share_modes" and isinstance(v, list):
                        top = max((m for m in v if isinstance(m, dict)),
                                  key=lambda m: m.get("share", 0), default=None)
                        row["share_mode"] = top.get("at") if top else None
                        row["share_mode_p"] = top.get("share") if top else None
                rows.append(row)
        if state is not None and not rows:
            raise KeyError(f"no state '{state}' in the war section")
        return pd.DataFrame(rows)

    def claims(self):
        """The claims and what the report says about each, one row per claim."""
        section = self.get("models", {}).get("claims")
        items = section
        if isinstance(section, dict):
            items = section.get("claims", section)
        if isinstance(items, dict):
            items = [dict(id=k, **v) if isinstance(v, dict) else {"id": k, "value": v}
                     for k, v in items.items()]
        rows = []
        for c in items or []:
            if isinstance(c, dict):
                rows.append({k: v for k, v in c.items()
                             if isinstance(v, (int, float, str, bool)) or v is None})
        return pd.DataFrame(rows)


def _states(section):
    """(state name, content) pairs of a model's section in a report: a single-state document
    holds the content itself; a comparative report holds it per state."""
    if not isinstance(section, dict):
        return []
    ids = {"before_events": "before-events", "after_events": "after-events"}
    keyed = [(ids[k], section[k]) for k in ids if k in section]
    variants = section.get("variants")
    if isinstance(variants, dict):
        for name, states in variants.items():
            for k in ids:
                if isinstance(states, dict) and k in states:
                    keyed.append((f"{name}/{ids[k]}", states[k]))
    if keyed:
        if "levers" in section:
            keyed.insert(0, ("scenario", section))
        return keyed
    return [("scenario", section)]


class Scenario:
    """A loaded scenario (immutable). Derive states with ``at`` and ``with_variant``."""

    def __init__(self, ptr):
        self._p = ptr

    # ---- reading ------------------------------------------------------------------------
    @property
    def title(self):
        return _str(lib.sc_scenario_title(self._p))

    @property
    def description(self):
        return _str(lib.sc_scenario_description(self._p))

    @property
    def date(self):
        """The baseline date (yyyy-mm-dd) or None."""
        return _str(lib.sc_scenario_date(self._p))

    @property
    def state_date(self):
        """The date this state of the scenario stands for."""
        return _str(lib.sc_scenario_state_date(self._p))

    @property
    def filename(self):
        return _str(lib.sc_scenario_filename(self._p))

    @property
    def variant(self):
        """The variant applied to this state, or None."""
        return _str(lib.sc_scenario_variant_name(self._p))

    @property
    def actor_ids(self):
        return [_str(lib.sc_scenario_actor(self._p, i).id)
                for i in range(lib.sc_scenario_actor_count(self._p))]

    @property
    def issue_ids(self):
        return [_str(lib.sc_scenario_issue(self._p, j).id)
                for j in range(lib.sc_scenario_issue_count(self._p))]

    @property
    def variant_names(self):
        return [_str(lib.sc_scenario_variant(self._p, k).name)
                for k in range(lib.sc_scenario_variant_count(self._p))]

    def __repr__(self):
        return (f"<statecraft.Scenario {self.title!r}: {len(self.actor_ids)} actors, "
                f"{len(self.issue_ids)} issues, variant {self.variant!r}>")

    def actors(self):
        """DataFrame: id, name, capability, milex, gdp (NaN when not given)."""
        rows = []
        for i in range(lib.sc_scenario_actor_count(self._p)):
            a = lib.sc_scenario_actor(self._p, i)
            rows.append(dict(id=_str(a.id), name=_str(a.name), capability=a.capability.value,
                             milex=a.milex.value, gdp=a.gdp.value))
        return pd.DataFrame(rows, columns=["id", "name", "capability", "milex", "gdp"])

    def issues(self):
        """DataFrame: id, title, scale_min, scale_max, low, high."""
        rows = []
        for j in range(lib.sc_scenario_issue_count(self._p)):
            x = lib.sc_scenario_issue(self._p, j)
            rows.append(dict(id=_str(x.id), title=_str(x.title), scale_min=x.scale_min,
                             scale_max=x.scale_max, low=_str(x.low), high=_str(x.high)))
        return pd.DataFrame(rows, columns=["id", "title", "scale_min", "scale_max", "low", "high"])

    def stances(self):
        """DataFrame: actor, issue, position, salience (the stances the scenario gives)."""
        rows = []
        actors, issues = self.actor_ids, self.issue_ids
        for i, a in enumerate(actors):
            for j, x in enumerate(issues):
                st = lib.sc_scenario_stance(self._p, i, j)
                if st.present:
                    rows.append(dict(actor=a, issue=x, position=st.position.value,
                                     salience=st.salience.value))
        return pd.DataFrame(rows, columns=["actor", "issue", "position", "salience"])

    def relations(self):
        """DataFrame: a, b, amity, trade (each dyad the scenario gives, once)."""
        rows = []
        actors = self.actor_ids
        for a in range(len(actors)):
            for b in range(a + 1, len(actors)):
                r = lib.sc_scenario_relation(self._p, a, b)
                if r.present:
                    rows.append(dict(a=actors[a], b=actors[b], amity=r.amity.value,
                                     trade=r.trade.value))
        return pd.DataFrame(rows, columns=["a", "b", "amity", "trade"])

    def events(self):
        """DataFrame: id, date, what, shifts (number of changes), in date order."""
        rows = []
        for k in range(lib.sc_scenario_event_count(self._p)):
            e = lib.sc_scenario_event(self._p, k)
            rows.append(dict(id=_str(e.id), date=_str(e.date), what=_str(e.what),
                             shifts=e.n_shifts))
        return pd.DataFrame(rows, columns=["id", "date", "what", "shifts"])

    def value(self, path):
        """A number by path ("actor.USA.capability", "relation.USA.RUS.amity", "war.cost_a")."""
        if not isinstance(path, str):
            raise TypeError("path must be a str")
        out = ffi.new("double *")
        diag = new_diag()
        rc = lib.sc_scenario_get_value(self._p, path.encode(), out, diag)
        if rc == lib.SC_ENOTFOUND:
            raise KeyError(path)
        check(rc, diag)
        return out[0]

    def describe(self):
        """The scenario as statecraft reads it, in this object's own state: for a scenario
        from load()/builtin() that is the scenario as given, at its baseline (``statecraft show
        --before-events --format normalized``); ``s.at().describe()`` is what plain ``statecraft show``
        prints (after all the events)."""
        out, n, diag = ffi.new("char **"), ffi.new("size_t *"), new_diag()
        check(lib.sc_scenario_describe(self._p, lib.SC_FORMAT_JSON, out, n, diag), diag)
        return json.loads(_take_text(out, n))

    # ---- states -------------------------------------------------------------------------
    def at(self, variant=None, events="after", until=None):
        """The scenario in a state: the events ("after" all of them or up to ``until``
        yyyy-mm-dd, or "before" any), then the variant on top."""
        if events not in ("after", "before"):
            raise ValueError("events must be 'after' or 'before'")
        for name, v in (("variant", variant), ("until", until)):
            if v is not None and not isinstance(v, str):
                raise TypeError(f"{name} must be a str or None")
        st = ffi.new("sc_state *")
        lib.sc_state_init(st)
        keep = []
        if variant is not None:
            keep.append(ffi.new("char[]", variant.encode()))
            st.variant = keep[-1]
        st.events = lib.SC_EVENTS_BEFORE if events == "before" else lib.SC_EVENTS_AFTER
        if until is not None:
            keep.append(ffi.new("char[]", until.encode()))
            st.until = keep[-1]
        out, diag = ffi.new("sc_scenario **"), new_diag()
        check(lib.sc_scenario_at(self._p, st, out, diag), diag, ScenarioError)
        return Scenario(_own(out[0]))

    def with_variant(self, variant):
        """A copy with the named variant's shifts applied (as ``statecraft run --variant``)."""
        if not isinstance(variant, str):
            raise TypeError("variant must be a str")
        out, diag = ffi.new("sc_scenario **"), new_diag()
        check(lib.sc_scenario_with_variant(self._p, variant.encode(), out, diag), diag,
              ScenarioError)
        return Scenario(_own(out[0]))

    # ---- the combined report ------------------------------------------------------------
    def run(self, draws=None, seed=None, variant=None, runs=None, models=None, threads=0,
            events=None, until=None, perspective=None, **options):
        """Runs every model (or ``models``, a list of names) and returns the document
        ``statecraft run --format json`` prints, as a Report (a dict).

        Without a state the document is the comparative report (the scenario as given and each
        variant, before and after the events); ``variant``, ``events`` ("before" or "after")
        or ``until`` (yyyy-mm-dd) ask for one state, as ``--variant``, ``--before-events`` and
        ``--after-events[=DATE]`` do. ``seed`` and ``runs`` set the Monte Carlo, ``draws`` the
        number of Monte Carlo draws of the uncertain inputs where the library has them,
        ``perspective`` the EUM chart's actor. Other keywords set the run options of the same
        name."""
        target = self
        opts = ffi.new("sc_run_opts *")
        lib.sc_run_opts_init(opts)
        opts.format = lib.SC_FORMAT_JSON
        fields = {name for name, _ in ffi.typeof("sc_run_opts").fields}
        keep = []

        def put(name, value):
            if name not in fields:
                raise NotImplementedError(
                    f"this libstatecraft ({version()}) has no run option '{name}'")
            if isinstance(value, str):
                keep.append(ffi.new("char[]", value.encode()))
                setattr(opts, name, keep[-1])
            elif isinstance(value, ffi.CData) or isinstance(value, (int, float)):
                setattr(opts, name, value)
            else:
                raise TypeError(f"run option {name} must be a number or a str, not "
                                f"{type(value).__name__}")

        if seed is not None:
            if not isinstance(seed, int) or seed < 0:
                raise TypeError("seed must be a non-negative int")
            opts.seed = seed
        if runs is not None:
            if not isinstance(runs, int) or runs <= 0:
                raise TypeError("runs must be a positive int")
            opts.runs = runs
        if not isinstance(threads, int) or threads < 0:
            raise TypeError("threads must be a non-negative int")
        opts.threads = threads
        if models is not None:
            if isinstance(models, str):
                models = [models]
            if not all(isinstance(m, str) for m in models):
                raise TypeError("models must be a list of model names")
            keep.append(ffi.new("char[]", ",".join(models).encode()))
            opts.only = keep[-1]
        if draws is not None:
            if not isinstance(draws, int) or isinstance(draws, bool) or draws < 0:
                raise TypeError("draws must be a non-negative int")
            put("draws", draws)
        for name, value in (("variant", variant), ("until", until),
                            ("perspective", perspective)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be a str or None")
        if events not in (None, "before", "after"):
            raise ValueError("events must be 'before', 'after' or None")
        if events == "before" and until is not None:
            raise ValueError("until needs events='after'")
        if variant is not None or events is not None or until is not None:
            st = ffi.new("sc_state *")
            lib.sc_state_init(st)
            keep.append(st)
            if variant is not None:
                keep.append(ffi.new("char[]", variant.encode()))
                st.variant = keep[-1]
            st.events = lib.SC_EVENTS_BEFORE if events == "before" else lib.SC_EVENTS_AFTER
            if until is not None:
                keep.append(ffi.new("char[]", until.encode()))
                st.until = keep[-1]
            put("state", st)
        if perspective is not None:
            put("perspective", perspective)
        for name, value in options.items():
            put(name, value)
        out, n, diag = ffi.new("char **"), ffi.new("size_t *"), new_diag()
        check(lib.sc_run_report(target._p, opts, out, n, diag), diag, ScenarioError)
        return Report(json.loads(_take_text(out, n)))

    # ---- the models, round by round -----------------------------------------------------
    def _issue_index(self, issue):
        if not isinstance(issue, str):
            raise TypeError("issue must be an issue id (str)")
        j = lib.sc_scenario_issue_index(self._p, issue.encode())
        if j < 0:
            raise KeyError(f"no issue '{issue}' (issues: {', '.join(self.issue_ids)})")
        return j

    def eum(self, issue, variant="scholz", rounds=None, max_rounds=None, tol=None, q=None,
            t=None):
        """Bueno de Mesquita's expected-utility model on one issue, round by round, with the
        scenario's ``eum:`` settings as the report uses them: an EumRun whose ``rounds``
        DataFrame has one row per round and actor. By default the game runs until it converges
        or cycles (at most ``max_rounds``); ``rounds`` plays exactly that many, as Scholz et al.
        did."""
        j = self._issue_index(issue)
        p = ffi.new("sc_eum_params *")
        lib.sc_eum_params_init(p)
        diag = new_diag()
        check(lib.sc_eum_params_from_scenario(self._p, p, diag), diag, ScenarioError)
        if not isinstance(variant, str):
            raise TypeError("variant must be 'scholz' or 'printed'")
        v = ffi.new("sc_eum_variant *")
        check(lib.sc_eum_variant_parse(variant.encode(), v, diag), diag)
        p.variant = v[0]
        for name, value in (("rounds", rounds), ("max_rounds", max_rounds), ("tol", tol),
                            ("q", q), ("t", t)):
            if value is not None:
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    raise TypeError(f"{name} must be a number")
                setattr(p, name, value)
        if rounds is not None:
            p.stop = lib.SC_EUM_STOP_FIXED
        out, ids = ffi.new("sc_eum_result **"), ffi.new("const char ***")
        check(lib.sc_eum_run_scenario(self._p, j, p, out, ids, diag), diag, ScenarioError)
        r = ffi.gc(out[0], lib.sc_eum_result_free)
        try:
            names = [_str(ids[0][i]) for i in range(r.n)]
        finally:
            lib.sc_free(ids[0])
        return EumRun(issue, names, r)

    def smp(self, **options):
        """KTAB's Spatial Model of Politics on every issue at once, turn by turn: an SmpRun.
        Options by KTAB's names (``VictoryProbModel="Quartic"``, ``PCEModel=...``, ...)."""
        p = ffi.new("sc_smp_params *")
        lib.sc_smp_params_init(p)
        diag = new_diag()
        for name, value in options.items():
            if name in ("max_turns", "min_turns"):
                setattr(p, name, int(value))
                continue
            if not isinstance(value, str):
                raise TypeError(f"SMP option {name} takes a str (KTAB's value names)")
            check(lib.sc_smp_params_set(p, name.encode(), value.encode(), diag), diag)
        inp = ffi.new("sc_smp_input **")
        check(lib.sc_smp_input_from_scenario(self._p, inp, diag), diag, ScenarioError)
        inp = ffi.gc(inp[0], lib.sc_smp_input_free)
        out = ffi.new("sc_smp_result **")
        check(lib.sc_smp_run(inp, p, out, diag), diag)
        r = ffi.gc(out[0], lib.sc_smp_result_free)
        actors = [_str(inp.actor[i]) for i in range(inp.n)]
        dims = [_str(inp.dim[k]) for k in range(inp.m)]
        scales = {}
        for d in dims:
            x = lib.sc_scenario_issue(self._p, lib.sc_scenario_issue_index(self._p, d.encode()))
            scales[d] = (x.scale_min, x.scale_max) if x != ffi.NULL else (0.0, 1.0)
        return SmpRun(actors, dims, scales, r)

    def war(self, runs=None, seed=None, threads=0, **params):
        """The war-termination Monte Carlo from the scenario's ``war:`` section: a WarRun.
        Keywords override the section's numbers by their C names (``sanctions=0.002``,
        ``aid=0.05``, ``rule="nash"``, ...)."""
        p = ffi.new("sc_war_params *")
        lib.sc_war_params_init(p)
        a, b, m = ffi.new("const char **"), ffi.new("const char **"), ffi.new("const char **")
        diag = new_diag()
        check(lib.sc_war_params_from_scenario(self._p, p, a, b, m, diag), diag, ScenarioError)
        names = {name for name, _ in ffi.typeof("sc_war_params").fields}
        for name, value in params.items():
            if name not in names:
                raise TypeError(f"no war parameter '{name}'")
            if name == "rule":
                rule = ffi.new("sc_war_rule *")
                check(lib.sc_war_rule_parse(str(value).encode(), rule, diag), diag)
                p.rule = rule[0]
            elif name in ("prior_a", "prior_b"):
                getattr(p, name)[0], getattr(p, name)[1] = value
            else:
                setattr(p, name, value)
        if runs is not None:
            p.runs = runs
        if seed is not None:
            p.seed = seed
        p.threads = threads
        check(lib.sc_war_params_check(p, diag), diag)
        out = ffi.new("sc_war_result **")
        check(lib.sc_war_simulate(p, out, diag), diag)
        r = ffi.gc(out[0], lib.sc_war_result_free)
        return WarRun(_str(a[0]), _str(b[0]), _str(m[0]), r)

    def alignment_game(self, actors, unrequited=None, threat=None, trade=None):
        """The three-actor alignment game built from the scenario (docs/models/games.md)."""
        from ._game import Game
        if (isinstance(actors, (str, bytes)) or len(actors) != 3
                or not all(isinstance(x, str) for x in actors)):
            raise TypeError("actors must be three actor ids")
        p = ffi.new("sc_alignment_params *")
        lib.sc_alignment_params_init(p)
        for name, value in (("unrequited", unrequited), ("threat", threat), ("trade", trade)):
            if value is not None:
                setattr(p, name, value)
        keep = [ffi.new("char[]", x.encode()) for x in actors]
        ids = ffi.new("const char *[3]", keep)
        out, diag = ffi.new("sc_game **"), new_diag()
        check(lib.sc_alignment_game(self._p, ids, p, out, diag), diag, ScenarioError)
        return Game(ffi.gc(out[0], lib.sc_game_free))


class EumRun:
    """One run of the expected-utility model on one issue: ``rounds`` (one row per round and
    actor), ``positions`` (round x actor), ``summary`` (mean and median voter per round),
    ``forecast`` and ``forecast_range`` (docs/models/eum.md, "The forecast"), ``outcome``
    ("converged", "cycle" or "unsettled")."""

    def __init__(self, issue, actors, r):
        self.issue = issue
        self.actors = actors
        self.n_rounds = r.rounds
        self.outcome = _str(lib.sc_eum_outcome_name(r.outcome))
        self.converged = bool(r.converged)
        self.cycle = bool(r.cycle)
        self.oscillating = bool(r.oscillating)
        self.forecast = r.forecast
        self.forecast_range = (r.forecast_lo, r.forecast_hi)
        n = r.n
        rows = []
        for t in range(r.rounds + 1):
            for i, a in enumerate(actors):
                row = dict(round=t, actor=a, position=r.positions[t * n + i])
                if t > 0:
                    mv = r.moves[(t - 1) * n + i]
                    row.update(move=_str(lib.sc_eum_move_name(mv.kind)),
                               partner=actors[mv.partner] if mv.partner >= 0 else None,
                               risk=r.risk[(t - 1) * n + i])
                else:
                    row.update(move=None, partner=None, risk=float("nan"))
                rows.append(row)
        self.rounds = pd.DataFrame(rows, columns=["round", "actor", "position", "move",
                                                  "partner", "risk"])
        self.summary = pd.DataFrame(
            dict(round=range(r.rounds + 1),
                 mean=[r.mean[t] for t in range(r.rounds + 1)],
                 median=[r.median[t] for t in range(r.rounds + 1)]))

    @property
    def positions(self):
        """Round x actor table of positions."""
        return self.rounds.pivot(index="round", columns="actor", values="position")[self.actors]

    def __repr__(self):
        return (f"<EumRun {self.issue}: {self.n_rounds} rounds, {self.outcome}, forecast "
                f"{self.forecast:.4g}>")


class SmpRun:
    """One run of the Spatial Model of Politics."""

    def __init__(self, actors, dims, scales, r):
        self.actors = actors
        self.issues = dims
        self.turns = r.turns
        self.consensus = bool(r.consensus)
        self.note = _str(r.note) or None
        n, m = r.n, r.m
        rows = []
        for t in range(r.turns + 1):
            for i, a in enumerate(actors):
                for k, d in enumerate(dims):
                    lo, hi = scales[d]
                    x = r.pos[(t * n + i) * m + k]
                    rows.append(dict(turn=t, actor=a, issue=d, position=lo + x * (hi - lo),
                                     win=r.win[t * n + i]))
        self.rounds = pd.DataFrame(rows, columns=["turn", "actor", "issue", "position", "win"])

    def positions(self, issue):
        """Turn x actor table of positions on one issue (on the issue's scale)."""
        d = self.rounds[self.rounds["issue"] == issue]
        if d.empty:
            raise KeyError(issue)
        return d.pivot(index="turn", columns="actor", values="position")[self.actors]

    def __repr__(self):
        return f"<SmpRun {len(self.actors)} actors x {len(self.issues)} issues, {self.turns} turns>"


class WarRun:
    """The war-termination Monte Carlo: ``summary`` (a dict of the result's numbers, with their
    Monte Carlo standard errors), ``curve`` (P(first ceasefire by battle t)), ``durations`` and
    ``terms`` (the histograms) and ``modes`` (the peaks of the terms distribution)."""

    def __init__(self, a, b, mediator, r):
        self.a, self.b, self.mediator = a, b, mediator
        scalars = {}
        for name, field in ffi.typeof("sc_war_result").fields:
            if field.type.kind == "primitive":
                v = getattr(r, name)
                scalars[name] = _num(v) if isinstance(v, float) else v
        self.summary = scalars
        q = ("q05", "q25", "q50", "q75", "q95")
        self.summary["battles_quantiles"] = dict(zip(q, [r.battles_q[k] for k in range(5)]))
        self.summary["share_quantiles"] = dict(zip(q, [_num(r.share_q[k]) for k in range(5)]))
        self.curve = pd.DataFrame(dict(battle=range(r.horizon + 1),
                                       p_ceasefire=[r.curve[t] for t in range(r.horizon + 1)]))
        bins = len(r.duration_hist)
        self.durations = pd.DataFrame(dict(
            battles_from=[k * r.duration_bin for k in range(bins)],
            battles_to=[(k + 1) * r.duration_bin for k in range(bins)],
            share=[r.duration_hist[k] for k in range(bins)]))
        tbins = len(r.terms_hist)
        self.terms = pd.DataFrame(dict(share_a_from=[k / tbins for k in range(tbins)],
                                       share_a_to=[(k + 1) / tbins for k in range(tbins)],
                                       share=[r.terms_hist[k] for k in range(tbins)]))
        self.modes = pd.DataFrame(dict(share_a=[r.mode_at[k] for k in range(r.n_modes)],
                                       share=[r.mode_share[k] for k in range(r.n_modes)]))

    def by_battle(self, t):
        """P(first ceasefire within t battles)."""
        c = self.curve["p_ceasefire"]
        return float(c.iloc[min(max(int(t), 0), len(c) - 1)])

    def __repr__(self):
        return (f"<WarRun {self.a} vs {self.b}: {self.summary['runs']} runs, "
                f"P(ceasefire) {self.summary['p_ceasefire']:.3f}, mean battles "
                f"{self.summary['mean_battles']:.4g}>")


def version():
    """The library's version (``sc_version()``)."""
    return _str(lib.sc_version())


def _model_names():
    return [_str(lib.sc_run_model_name(i)) for i in range(lib.sc_run_model_count())]

