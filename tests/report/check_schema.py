# SPDX-License-Identifier: MIT
"""Checks real `statecraft run --format json` output against docs/result-schema.json.

usage: check_schema.py STATECRAFT SCHEMA SOURCE_DIR

Every shape the CLI prints (the comparative report, the single-state document before and after
the events, to a date, under a variant, with a model that cannot run) must validate; documents
broken on purpose must not, so that the check itself can fail.
"""
import copy
import json
import subprocess
import sys

import jsonschema


# The shapes do not depend on the number of runs; --runs also sets the bargaining section's
# draws (at most 100), most of a report's time: 20 draws take the ASan build's comparative report
# from 43 to 13 s of CPU.
RUNS = "20"


def run(cli, *args):
    out = subprocess.run([cli, "run", "--format", "json", "--runs", RUNS, *args],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    cli, schema_path, src = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    validator = validator_cls(schema)
    cases = {
        "comparative (built-in)": (),
        "before the events": ("--before-events",),
        "after the events": ("--after-events",),
        "after the events to a date": ("--after-events=2025-02-14",),
        "a variant": ("--variant", "retrench"),
        "a variant before the events": ("--variant", "engaged", "--before-events"),
        "a scenario file (comparative)": (src + "/tests/data/good/full.yaml",),
        "a scenario file (one state)": (src + "/tests/data/good/full.yaml", "--before-events"),
        "a BDM table: no war, no triangle": (src + "/tests/data/good/table.csv",),
        "claims judged by a Monte Carlo": ("--draws", "30", "--sensitivity-draws", "5",
                                           "--bootstrap", "20"),
    }
    failed = 0
    docs = {}
    for name, args in cases.items():
        doc = run(cli, *args)
        docs[name] = doc
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            print(f"{name}: {'/'.join(map(str, e.path))}: {e.message[:300]}")
        failed += bool(errors)
    # the shapes differ: the comparative report has states, the single-state document a state
    assert "states" in docs["comparative (built-in)"] and "state" not in docs["comparative (built-in)"]
    assert docs["a variant"]["state"]["variant"] == "retrench"
    # broken documents are rejected
    broken = []
    d = copy.deepcopy(docs["after the events"]); del d["schema"]; broken.append(("no schema", d))
    d = copy.deepcopy(docs["after the events"]); d["schema"] = 2; broken.append(("schema 2", d))
    d = copy.deepcopy(docs["after the events"])
    d["models"]["war"]["levers"]["none"]["p_ceasefire"] = "1.0"; broken.append(("a number as a string", d))
    d = copy.deepcopy(docs["comparative (built-in)"])
    del d["models"]["triangle"]["changes"]; broken.append(("no changes", d))
    d = copy.deepcopy(docs["after the events"])
    d["models"]["triangle"]["timeline"][0]["amity"]["USA-RUS"] = 3; broken.append(("amity out of range", d))
    for name, doc in broken:
        if validator.is_valid(doc):
            print(f"the schema accepts a broken document: {name}")
            failed += 1
    if failed:
        sys.exit(1)
    print(f"{len(cases)} documents valid, {len(broken)} broken ones rejected")


if __name__ == "__main__":
    main()
