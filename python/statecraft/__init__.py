# SPDX-License-Identifier: MIT
"""statecraft: models of great-power strategy, from Python.

A binding of libstatecraft (the C library behind the ``statecraft`` command) through cffi::

    import statecraft
    s = statecraft.load("my.yaml")           # or statecraft.builtin()
    report = s.run(seed=7)                   # the same data as `statecraft run --format json`
    report.war_levers()                      # pandas DataFrames of its tables
    s.eum("territory").rounds                # the expected-utility model, round by round
    statecraft.solve("game.nfg", "enummixed")  # equilibria as fractions.Fraction

Bad input raises ScenarioError / GameError (with ``file``, ``line``, ``column``), TypeError for
arguments of the wrong type and FileNotFoundError for missing files. See docs/python.md.
"""
from ._errors import GameError, InputError, ScenarioError, StatecraftError
from ._game import METHODS, Equilibrium, Game, solve
from ._scenario import EumRun, Report, Scenario, SmpRun, WarRun, builtin, load, loads, version

try:
    from ._version import __version__
except ImportError:  # a source checkout: the library's version is the package's
    __version__ = version()

__all__ = [
    "load", "loads", "builtin", "solve", "version", "Scenario", "Report", "EumRun", "SmpRun",
    "WarRun", "Game", "Equilibrium", "METHODS", "StatecraftError", "InputError",
    "ScenarioError", "GameError", "__version__",
]
