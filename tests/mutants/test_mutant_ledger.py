#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The mutant ledger's rules (scripts/mutants --ledger, docs/testing.md "The ledger"), checked on
a small tree of its own: which change makes which kept verdict no longer hold, the file's round
trip and its malformed lines, the test areas read from ctest's JSON, and `--status`'s report and
exit status. Nothing is built and no mutant runs (that is `make mutants`)."""

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "mutants")
FAILED = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def write(tree, rel, text):
    path = os.path.join(tree, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


LIST = """id: foo-a
file: src/foo/foo.c
from: return x + 1;
to: return x - 1;
why: the successor is the predecessor

id: foo-b
file: src/foo/foo.c
from: if (x > 0)
to: if (x >= 0)
why: zero counts as positive

id: bar-a
file: src/bar/bar.c
from: return 2 * y;
to: return 3 * y;
why: doubles by three

id: bar-eq
file: src/bar/bar.c
from: int unused = 0;
to: int unused = 1;
why: a value nothing reads
equivalent: nothing reads `unused`
"""


def make_tree(root):
    subprocess.run(["git", "init", "-q", root], check=True)
    os.makedirs(os.path.join(root, "scripts"))
    shutil.copy(SCRIPT, os.path.join(root, "scripts", "mutants"))
    write(root, "src/foo/foo.c", "int f(int x) {\n  if (x > 0)\n    return x + 1;\n  return 0;\n}\n")
    write(root, "src/foo/helper.c", "int g(void) { return 7; }\n")
    write(root, "src/bar/bar.c", "int unused = 0;\nint h(int y) { return 2 * y; }\n")
    write(root, "tests/CMakeLists.txt", "# registers the areas\n")
    write(root, "tests/common/sc_test.h", "/* helpers */\n")
    write(root, "tests/data/x.csv", "a,b\n1,2\n")
    write(root, "tests/foo/CMakeLists.txt", "sc_add_test(test_foo test_foo.c)\n")
    write(root, "tests/foo/test_foo.c", "/* checks f */\n")
    write(root, "tests/bar/CMakeLists.txt", "sc_add_test(test_bar test_bar.c)\n")
    write(root, "tests/bar/test_bar.c", "/* checks h */\n")
    write(root, "tests/mutants/all.mut", LIST)
    write(root, "docs/notes.md", "notes\n")


def load(root):
    path = os.path.join(root, "scripts", "mutants")
    loader = importlib.machinery.SourceFileLoader(f"mutants_{abs(hash(root))}", path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def main():
    tmp = tempfile.mkdtemp(prefix="mutant-ledger-")
    try:
        run_checks(os.path.join(tmp, "t"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILED:
        print(f"{len(FAILED)} check(s) failed", file=sys.stderr)
        return 1
    return 0


def run_checks(root):
    make_tree(root)
    mu = load(root)
    check(mu.ROOT == root, "the copied script works on its own tree")
    mutants, errors = mu.parse_lists([os.path.join(root, "tests/mutants/all.mut")])
    check(not errors and len(mutants) == 4, "the list parses")
    by = {m.id: m for m in mutants}

    # The test areas come from ctest's JSON: the CMakeLists.txt on a test's backtrace (not the
    # top tests/CMakeLists.txt) and the source files its command names; none: all of tests/.
    src = root
    doc = {"backtraceGraph": {
        "files": [f"{src}/tests/CMakeLists.txt", f"{src}/tests/foo/CMakeLists.txt",
                  f"{src}/tests/bar/CMakeLists.txt", f"{src}/bench/CMakeLists.txt"],
        "nodes": [{"file": 1}, {"file": 1, "line": 1, "parent": 0},
                  {"file": 0, "line": 30, "parent": 1}, {"file": 2},
                  {"file": 2, "line": 1, "parent": 3}, {"file": 3},
                  {"file": 3, "line": 5, "parent": 5}]},
        "tests": [{"name": "test_foo", "backtrace": 2},
                  {"name": "test_bar", "backtrace": 4,
                   "command": ["/usr/bin/cmake", f"-DSRC={src}", "-P",
                               f"{src}/tests/data/x.csv"]},
                  {"name": "bench_foo_quick", "backtrace": 6,
                   "command": [f"{src}/build/bench/bench_foo", "--quick"]},
                  {"name": "orphan"}]}
    areas = mu.areas_from_ctest(doc, src)
    check(areas.get("test_foo") == ["tests/foo/"], f"test_foo's area is tests/foo/ ({areas})")
    check(areas.get("test_bar") == ["tests/bar/", "tests/data/x.csv"],
          "test_bar's area and the file its command names")
    check(areas.get("orphan") == ["tests/"], "a test whose definition is unknown: all of tests/")
    check(areas.get("bench_foo_quick") == ["bench/"],
          f"a benchmark's quick run: its area is bench/ ({areas.get('bench_foo_quick')})")

    def judge(m, status, detail, mode="full"):
        m.status, m.detail, m.seconds = status, detail, 1.0
        return mu.ledger_entry(m, mu.Hasher(root), areas, mode, "abc1234")

    ledger = {"foo-a": judge(by["foo-a"], "killed", "test_foo"),
              "foo-b": judge(by["foo-b"], "survived", "", mode="covering"),
              "bar-a": judge(by["bar-a"], "killed", "test_bar, test_foo (timeout: ...)")}
    check(ledger["bar-a"]["against"] == "test_bar=tests/bar/+tests/data/x.csv,test_foo=tests/foo/",
          f"a kill names its tests and their areas ({ledger['bar-a']['against']})")
    check(ledger["foo-b"]["against"] == "*", "a survivor was judged against every test")
    path = os.path.join(root, "tests/mutants/verdicts.tsv")
    mu.save_ledger(path, ledger)
    back, errs = mu.load_ledger(path)
    check(not errs and back == ledger, "the ledger reads back as written")

    # A run writes its verdicts into the ledger as it is on disk: a line another run wrote (or a
    # rebase brought) after this run started stays; this run's verdicts replace their ids, a
    # verdict-less outcome removes its id, and the ids no list named when the run started go.
    mu.save_ledger(path, {"foo-a": ledger["foo-a"]})  # what the run read when it started
    mu.save_ledger(path, {"foo-a": ledger["foo-a"], "bar-a": ledger["bar-a"]})  # another run
    mu.merge_save_ledger(path, {"foo-b": ledger["foo-b"]}, set())
    back, errs = mu.load_ledger(path)
    check(not errs and back == ledger,
          f"a run's verdict is merged, another run's newer line kept ({sorted(back)})")
    mu.merge_save_ledger(path, {"foo-a": None}, set())
    back, _ = mu.load_ledger(path)
    check(sorted(back) == ["bar-a", "foo-b"], f"a verdict-less outcome removes its line ({sorted(back)})")
    mu.merge_save_ledger(path, {"foo-a": ledger["foo-a"]}, {"bar-a"})
    back, _ = mu.load_ledger(path)
    check(sorted(back) == ["foo-a", "foo-b"], f"ids no list names are dropped ({sorted(back)})")
    mu.save_ledger(path, {"foo-a": ledger["foo-a"], "bar-a": ledger["bar-a"]})  # a rebase's line
    mu.merge_save_ledger(path, {"foo-b": ledger["foo-b"]}, set())  # not named at the start
    back, _ = mu.load_ledger(path)
    check(sorted(back) == ["bar-a", "foo-a", "foo-b"],
          f"a line the run did not know at its start is never dropped ({sorted(back)})")
    left = [n for n in os.listdir(os.path.dirname(path)) if ".tmp" in n or ".lock" in n]
    check(not left, f"no temporary or lock file is left beside the ledger ({left})")
    mu.save_ledger(path, ledger)

    def holds(mid, full=False, strict=False):
        return mu.ledger_holds(ledger.get(mid), by[mid], mu.Hasher(root), full, strict)

    check(all(holds(i)[0] for i in ledger), "every verdict holds on the tree it was judged on")
    check(holds("foo-b", full=True) == (False, "a survivor of its covering tests only"),
          "a covering-only survivor does not hold for a full run")
    check(holds("foo-a", full=True)[0], "a covering-only or full kill holds for a full run")
    by["foo-b"].tests = "test_bar"
    check(holds("foo-b") == (False, "the mutant changed"),
          "a covering-only survivor is to judge when its `tests:` change")
    by["foo-a"].tests = "test_bar"
    check(holds("foo-a")[0], "a kill holds whatever its `tests:` say")
    by["foo-a"].tests = by["foo-b"].tests = ""
    check(mu.ledger_holds(None, by["foo-a"], mu.Hasher(root), False, False)
          == (False, "never judged"), "a mutant with no line is to judge")

    # The ledger itself, the mutant lists, the runner and docs/testing.md change nothing; a
    # file outside the module and the tests changes nothing but a strict verdict. (Not even a
    # kill by a test that stands for the whole of tests/: the runner rewrites the ledger after
    # every verdict, and such a kill judged in a copy never held for the live tree.)
    by_orphan = judge(by["foo-a"], "killed", "orphan")
    write(root, "tests/mutants/other.mut", "# nothing\n")
    write(root, "docs/notes.md", "notes, edited\n")
    check(all(holds(i)[0] for i in ledger), "edits outside the module and tests keep verdicts")
    check(mu.ledger_holds(by_orphan, by["foo-a"], mu.Hasher(root), False, False)[0],
          "a kill by a test of all of tests/ holds when the mutant lists or the ledger change")
    check(not holds("foo-a", strict=True)[0], "--ledger-strict: another tree, to judge")

    # Another test area changed: the kills by other tests hold, the survivor does not.
    write(root, "tests/bar/test_bar.c", "/* checks h, and more */\n")
    check(holds("foo-a")[0], "a kill holds when another test's area changes")
    check(holds("bar-a") == (False, "the killing tests' files changed"),
          "a kill is to judge when its killing test's area changes")
    check(holds("foo-b") == (False, "the tests changed"),
          "a survivor is to judge when any test changes")

    # A file of the mutant's module other than the mutated one: the module's verdicts go.
    ledger["bar-a"] = judge(by["bar-a"], "killed", "test_bar")
    ledger["foo-b"] = judge(by["foo-b"], "survived", "", mode="covering")
    check(all(holds(i)[0] for i in ledger), "judged again, every verdict holds")
    write(root, "src/foo/helper.c", "int g(void) { return 8; }\n")
    check(holds("foo-a") == (False, "src/foo/ changed") and not holds("foo-b")[0],
          "a change anywhere in src/foo/ makes its mutants to judge")
    check(holds("bar-a")[0], "src/bar/'s kill holds")

    # The helpers every test uses: every kill goes.
    ledger["foo-a"] = judge(by["foo-a"], "killed", "test_foo")
    write(root, "tests/common/sc_test.h", "/* helpers, changed */\n")
    check(not holds("foo-a")[0] and not holds("bar-a")[0],
          "a change in tests/common/ makes every kill to judge")

    # The mutant itself changed (its `to`)
    ledger["bar-a"] = judge(by["bar-a"], "killed", "test_bar")
    by["bar-a"].to = "return 4 * y;"
    check(holds("bar-a") == (False, "the mutant changed"), "a changed mutant is to judge")
    by["bar-a"].to = "return 3 * y;"

    # Malformed lines are located errors; --check reads the tree's ledger.
    mu.save_ledger(path, ledger)
    with open(path, "a") as f:
        f.write("foo-x\tkilled\tfull\n")
        f.write("\t".join(["foo-y", "maybe", "full"] + ["0" * 16] * 5
                          + ["x", "c", "1", "-"]) + "\n")
    _, errs = mu.load_ledger(path)
    check(len(errs) == 2 and errs[0].startswith("tests/mutants/verdicts.tsv:")
          and "fields" in errs[0] and "maybe" in errs[1], f"malformed lines located ({errs})")
    r = subprocess.run([sys.executable, os.path.join(root, "scripts/mutants"), "--check"],
                       cwd=root, capture_output=True, text=True)
    check(r.returncode == 1 and "verdicts.tsv:" in r.stderr,
          "--check fails on a malformed ledger")

    # --status: complete only when every non-equivalent mutant has a verdict that holds.
    ledger["foo-b"] = judge(by["foo-b"], "survived", "", mode="covering")
    mu.save_ledger(path, ledger)

    def status(*extra):
        return subprocess.run([sys.executable, os.path.join(root, "scripts/mutants"),
                               "--ledger", path, "--status", "--min-score", "0"] + list(extra),
                              cwd=root, capture_output=True, text=True)
    r = status()
    check(r.returncode == 1 and "TO JUDGE: foo-a (src/foo/foo.c): the killing tests' files "
          "changed" in r.stdout and "incomplete: 2 to judge" in r.stdout,
          "--status names the mutant to judge and why")
    ledger["foo-a"] = judge(by["foo-a"], "killed", "test_foo")
    mu.save_ledger(path, ledger)
    r = status("--covering-only")
    check(r.returncode == 0 and "complete" in r.stdout and "incomplete" not in r.stdout
          and "2/3 of the judged" in r.stdout, "--status --covering-only: complete, 2 of 3")
    r = status()
    check(r.returncode == 1 and "foo-b (src/foo/foo.c): a survivor of its covering tests only"
          in r.stdout, "--status for a full verdict: the covering survivor is to judge")
    r = subprocess.run([sys.executable, os.path.join(root, "scripts/mutants"), "--ledger", path,
                        "--status", "--min-score", "100", "--covering-only"],
                       cwd=root, capture_output=True, text=True)
    check(r.returncode == 1, "--status fails below --min-score")


if __name__ == "__main__":
    sys.exit(main())
