# SPDX-License-Identifier: MIT
"""Games in strategic form (Gambit's .nfg, or built from payoffs) and their Nash equilibria."""
import decimal
import math
import numbers
from fractions import Fraction

from ._errors import GameError, check, fspath_checked, new_diag
from ._native import ffi, lib

METHODS = ("enumpure", "enummixed", "lcp", "logit", "simpdiv")


def _str(p):
    return ffi.string(p).decode("utf-8") if p != ffi.NULL else None


def _number_text(x):
    """A payoff as .nfg number text, kept exact: ints, Fractions and decimal strings as they are,
    floats by their shortest round-tripping decimal."""
    if isinstance(x, bool):
        raise TypeError("a payoff must be a number, not a bool")
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            raise ValueError(f"payoff {x} is not finite")
        return format(x, "f")
    if isinstance(x, numbers.Real):
        x = float(x)
        if not math.isfinite(x):
            raise ValueError(f"payoff {x} is not finite")
        return repr(x)
    if isinstance(x, str):
        return x
    raise TypeError(f"a payoff must be a number, not {type(x).__name__}")


def _check_shape(table, dims, what):
    """Raises ValueError unless `table` is a full rectangular nesting of lists of shape dims."""
    if not dims:
        return
    if not _is_seq(table) or len(table) != dims[0]:
        raise ValueError(f"{what} is not a table of shape {tuple(dims)}")
    for row in table:
        _check_shape(row, dims[1:], what)


def _tolist(x):
    return x.tolist() if hasattr(x, "tolist") else x


def _is_seq(x):
    return isinstance(x, (list, tuple))


class Game:
    """A finite game in strategic form with exact payoffs."""

    def __init__(self, ptr):
        self._p = ptr

    # ---- making games -------------------------------------------------------------------
    @classmethod
    def load(cls, path):
        """Reads a Gambit .nfg file (payoff or outcome version), or an .efg file as its reduced
        strategic form. FileNotFoundError, TypeError, or GameError with file, line and column."""
        p = fspath_checked(path, "game")
        with open(p, "rb") as f:
            data = f.read()
        return cls.parse(data, p)

    @classmethod
    def parse(cls, text, filename="<string>"):
        """Parses .nfg (or .efg) text; errors name ``filename``."""
        if isinstance(text, str):
            data = text.encode("utf-8")
        elif isinstance(text, (bytes, bytearray)):
            data = bytes(text)
        else:
            raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
        if not isinstance(filename, str):
            raise TypeError("filename must be a str")
        diag = new_diag()
        out = ffi.new("sc_game **")
        if data.lstrip()[:3] == b"EFG" and hasattr(lib, "sc_efg_read"):
            tree = ffi.new("sc_efg **")
            check(lib.sc_efg_read(data, len(data), filename.encode(), tree, diag), diag,
                  GameError)
            tree = ffi.gc(tree[0], lib.sc_efg_free)
            check(lib.sc_efg_reduced_form(tree, out, diag), diag, GameError)
        else:
            check(lib.sc_game_read_nfg(data, len(data), filename.encode(), out, diag), diag,
                  GameError)
        return cls(ffi.gc(out[0], lib.sc_game_free))

    @classmethod
    def from_payoffs(cls, payoffs, title="", players=None, strategies=None):
        """A game from its payoff table: ``payoffs[s1][s2]...[sn]`` is the sequence of the n
        players' payoffs at that profile (nested lists or a numpy array of shape
        (n1, ..., nn, n)). Payoffs may be ints, Fractions, floats or decimal strings; they are
        kept exact. ``players`` and ``strategies`` give labels."""
        payoffs = _tolist(payoffs)
        dims = []
        x = payoffs
        while _is_seq(x) and x and _is_seq(x[0]):
            dims.append(len(x))
            x = x[0]
        if not _is_seq(x) or len(x) != len(dims) or not dims:
            raise ValueError("payoffs must be nested as payoffs[s1]...[sn] = (u1, ..., un)")
        _check_shape(payoffs, dims + [len(dims)], "payoffs")
        return cls._build(dims, lambda prof, p: _at(payoffs, prof)[p], title, players,
                          strategies)

    @classmethod
    def from_matrices(cls, *tables, title="", players=None, strategies=None):
        """A game from one payoff table per player, each indexed ``[s1][s2]...[sn]`` (the
        bimatrix convention: ``Game.from_matrices(A, B)``)."""
        tables = [_tolist(t) for t in tables]
        if len(tables) < 1:
            raise ValueError("give one payoff table per player")
        dims = []
        x = tables[0]
        while _is_seq(x):
            dims.append(len(x))
            x = x[0] if x else None
        if len(dims) != len(tables):
            raise ValueError(f"{len(tables)} players need {len(tables)}-dimensional tables")
        for p, t in enumerate(tables):
            _check_shape(t, dims, f"player {p + 1}'s payoff table")
        return cls._build(dims, lambda prof, p: _at(tables[p], prof), title, players,
                          strategies)

    @classmethod
    def _build(cls, dims, payoff, title, players, strategies):
        if not isinstance(title, str):
            raise TypeError("title must be a str")
        n = len(dims)
        ns = ffi.new("size_t[]", dims)
        out, diag = ffi.new("sc_game **"), new_diag()
        check(lib.sc_game_new(n, ns, title.encode(), out, diag), diag, GameError)
        g = cls(ffi.gc(out[0], lib.sc_game_free))
        for p in range(n):
            label = players[p] if players else None
            labels = strategies[p] if strategies else None
            if labels is not None and len(labels) != dims[p]:
                raise ValueError(f"player {p + 1} has {dims[p]} strategies, "
                                 f"{len(labels)} labels given")
            keep = [ffi.new("char[]", str(s).encode()) for s in labels or []]
            arr = ffi.new("const char *[]", keep) if labels else ffi.NULL
            lab = ffi.new("char[]", str(label).encode()) if label is not None else ffi.NULL
            check(lib.sc_game_set_player(g._p, p, lab, arr, diag), diag, GameError)
        total = math.prod(dims)
        for c in range(total):
            prof, rest = [], c
            for d in dims:
                prof.append(rest % d)
                rest //= d
            for p in range(n):
                try:
                    value = payoff(prof, p)
                except (IndexError, TypeError) as e:
                    raise ValueError(f"payoff table has no entry for profile {prof}") from e
                text = _number_text(value).encode()
                check(lib.sc_game_set_payoff(g._p, c, p, text, diag), diag, GameError)
        return g

    # ---- reading ------------------------------------------------------------------------
    @property
    def title(self):
        return _str(lib.sc_game_title(self._p))

    @property
    def players(self):
        return [_str(lib.sc_game_player_label(self._p, p))
                for p in range(lib.sc_game_players(self._p))]

    @property
    def strategies(self):
        """Each player's strategy labels."""
        return [[_str(lib.sc_game_strategy_label(self._p, p, s))
                 for s in range(lib.sc_game_strategies(self._p, p))]
                for p in range(lib.sc_game_players(self._p))]

    @property
    def shape(self):
        return tuple(lib.sc_game_strategies(self._p, p)
                     for p in range(lib.sc_game_players(self._p)))

    def payoff(self, profile, player):
        """Player ``player``'s (0-based) exact payoff at a profile of strategy indices."""
        shape = self.shape
        if len(profile) != len(shape) or not 0 <= player < len(shape):
            raise IndexError("profile needs one strategy per player")
        c, mult = 0, 1
        for s, d in zip(profile, shape):
            if not 0 <= s < d:
                raise IndexError(f"strategy {s} out of range")
            c += s * mult
            mult *= d
        buf = ffi.new("char[]", 4096)
        lib.sc_game_payoff_text(self._p, c, player, buf, 4096)
        return Fraction(_str(buf))

    def to_nfg(self, version="payoff"):
        """The game as .nfg text ("payoff" or "outcome" version)."""
        if version not in ("payoff", "outcome"):
            raise ValueError("version must be 'payoff' or 'outcome'")
        v = lib.SC_NFG_PAYOFF if version == "payoff" else lib.SC_NFG_OUTCOME
        out, n, diag = ffi.new("char **"), ffi.new("size_t *"), new_diag()
        check(lib.sc_game_write_nfg(self._p, v, out, n, diag), diag)
        try:
            return ffi.unpack(out[0], n[0]).decode("utf-8")
        finally:
            lib.sc_free(out[0])

    def __repr__(self):
        return f"<statecraft.Game {self.title!r}: {' x '.join(map(str, self.shape))}>"


def _at(table, prof):
    x = table
    for s in prof:
        x = x[s]
    return x


class Equilibrium(tuple):
    """A Nash equilibrium: one mixed strategy per player, each a tuple of probabilities
    (Fractions). ``exact`` is False for the logit method, whose floating-point answer is given
    as the Fractions of its doubles."""

    exact = True
    players = ()

    def as_floats(self):
        return tuple(tuple(float(x) for x in mix) for mix in self)

    def __repr__(self):
        def fmt(x):
            return str(x) if self.exact else f"{float(x):.6g}"
        body = "; ".join(",".join(fmt(x) for x in mix) for mix in self)
        return f"Equilibrium({body})"


def solve(game, method="enummixed", *, max_regret=None, time_limit=None, max_equilibria=None):
    """Nash equilibria of a game (a Game, or the path of an .nfg / .efg file) by one of
    Gambit's methods: "enumpure", "enummixed", "lcp", "logit", "simpdiv". Returns a list of
    Equilibrium, probabilities as fractions.Fraction (exact for every method but logit)."""
    if not isinstance(game, Game):
        game = Game.load(game)
    if not isinstance(method, str):
        raise TypeError("method must be a str")
    o = ffi.new("sc_game_solve_options *")
    lib.sc_game_solve_options_init(o)
    m, diag = ffi.new("sc_game_method *"), new_diag()
    check(lib.sc_game_method_parse(method.encode(), m, diag), diag)
    o.method = m[0]
    if max_regret is not None:
        o.max_regret = max_regret
    if time_limit is not None:
        o.time_limit = time_limit
    if max_equilibria is not None:
        o.max_equilibria = max_equilibria
    out = ffi.new("sc_game_solution **")
    check(lib.sc_game_solve(game._p, o, out, diag), diag, GameError)
    sol = ffi.gc(out[0], lib.sc_game_solution_free)
    shape = game.shape
    exact = bool(lib.sc_game_solution_exact(sol))
    width = lib.sc_game_solution_width(sol)
    buf = ffi.new("char[]", 4096)
    result = []
    for i in range(lib.sc_game_solution_count(sol)):
        if exact:
            entries = []
            for j in range(width):
                lib.sc_game_solution_text(sol, i, j, buf, 4096)
                entries.append(Fraction(_str(buf)))
        else:
            prof = lib.sc_game_solution_profile(sol, i)
            entries = [Fraction(prof[j]) for j in range(width)]
        mixes, k = [], 0
        for d in shape:
            mixes.append(tuple(entries[k:k + d]))
            k += d
        eq = Equilibrium(mixes)
        eq.exact = exact
        eq.players = tuple(game.players)
        result.append(eq)
    return result
