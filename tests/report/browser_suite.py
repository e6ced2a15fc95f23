# SPDX-License-Identifier: MIT
"""The HTML reports in a real browser (headless Chromium through the DevTools protocol).

usage: browser_suite.py STATECRAFT CHROMIUM BUILD_DIR [--quick]

1. the built-in comparative report (`statecraft run --format html`, the default 2000 runs):
   under 3 MB, every chart drawn with marks, tables equal to the embedded document, no console
   error, no network request, drawn in under 2 s (best of up to five loads, wall or browser CPU
   time: the machine is shared); a screenshot is written to BUILD_DIR/report.png
   and the page itself to BUILD_DIR/report.html;
2. a single-state report (--variant retrench --before-events);
3. a document with the claims judged as `run --draws N` judges them (issue 12: per claim and
   state p_holds, ci95, se, verdict and sensitivity; the headline numbers' quantiles, outcome
   frequencies and the inputs under monte_carlo) rendered by `statecraft render`: the claims
   chart, one tornado per judged result that has inputs, the headline charts and tables;
4. a document with a model no renderer knows: shown as tables, every value checked;
5. negative controls, so that the checks themselves can fail: a console error, a network
   request, a table cell that disagrees with the document, an empty chart.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_check  # noqa: E402


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def main():
    cli, chromium, build = sys.argv[1:4]
    quick = "--quick" in sys.argv
    runs = ["--runs", "300"] if quick else []
    tmp = tempfile.mkdtemp(prefix="sc-browser-")
    failures = []
    b = browser_check.Browser(chromium)

    def page(name, path, min_charts=0, max_ms=0, screenshot=None, expect_fail=False):
        found = browser_check.check(chromium, path, screenshot=screenshot, browser=b)
        probs = browser_check.problems_of(found, min_charts, max_ms)
        summary = {"page": name, "charts": len(found["charts"]),
                   "marks": sum(c["marks"] for c in found["charts"]), "cells": found["cells"],
                   "ms": (found.get("report") or {}).get("at"), "problems": probs[:5]}
        print(json.dumps(summary))
        if expect_fail and not probs:
            failures.append("%s: the check found nothing wrong with a broken page" % name)
        if not expect_fail and probs:
            failures.extend("%s: %s" % (name, p) for p in probs)
        return found

    try:
        # 1. the built-in report
        report = os.path.join(build, "report.html")
        sh(cli, "run", "--format", "html", "-o", report, *runs)
        size = os.path.getsize(report)
        print(json.dumps({"page": "built-in", "bytes": size}))
        if size >= 3 * 1024 * 1024:
            failures.append("the built-in report is %d bytes, over 3 MB" % size)
        found = page("built-in", report, min_charts=26,
                     screenshot=os.path.join(build, "report.png"))
        # the time to draw: the best of up to five loads, in wall time and in the CPU time the
        # browser spent (on a shared machine, or a CI runner, the wall time also counts the time
        # other jobs held the cores; the CPU time does not)
        times = [(found.get("report") or {}).get("at") or 1e9]
        cpus = [found.get("cpu_ms") or 1e9]
        for _ in range(4):
            if min(times) < 2000:
                break
            again = browser_check.check(chromium, report, browser=b)
            times.append((again.get("report") or {}).get("at") or 1e9)
            cpus.append(again.get("cpu_ms") or 1e9)
        print(json.dumps({"page": "built-in", "drawn_ms": min(times), "cpu_ms": min(cpus),
                          "loads": len(times), "load_average": os.getloadavg()[0]}))
        # the speed target is the optimised build's (the sanitizer build runs --quick)
        if min(times) >= 2000 and min(cpus) >= 2000 and not quick:
            failures.append("built-in: drawn after %.0f ms and %.0f ms of CPU (best of %d loads), "
                            "2 s allowed" % (min(times), min(cpus), len(times)))
        html = open(report, encoding="utf-8").read()
        for title in ("Positions per issue", "positions round by round", "perspective on",
                      "turn by turn", "Ceasefire by battle t", "Distribution of the terms",
                      "Distribution of the durations", "Strategic triangle along the timeline",
                      "Blocs on a map of the propensities", "Energy of each local minimum",
                      "Forecasts per issue and the veto players&#39; win-set",
                      "P(ceasefire within 52 battles) per lever and state, with its error",
                      "Equilibria per state", "Judgement against data: unga-2023",
                      "Judgements the events and variants move: unga-2023",
                      "How far each state stands from the data"):
            if title not in html:
                failures.append("built-in: no chart '%s'" % title)

        # 2. one state
        single = os.path.join(tmp, "single.html")
        sh(cli, "run", "--variant", "retrench", "--before-events", "--format", "html", "-o",
           single, *runs)
        page("single state", single, min_charts=15)

        # 3. claims judged, as issue 12's Monte Carlo layer adds them (`run --draws N`): per
        # claim and state p_holds, ci95, se, draws, verdict, sensitivity; the headline numbers,
        # outcome frequencies and inputs under monte_carlo
        doc = json.loads(sh(cli, "run", "--format", "json", "--runs", "200"))
        section = doc["models"]["claims"]
        claims = section["claims"]

        def result(p, k):
            return {"p_holds": p, "ci95": [max(0, p - 0.04), min(1, p + 0.03)], "se": 0.01,
                    "draws": 500, "holds_at_point_values": p > 0.5,
                    "verdict": "holds" if p > 0.93 else "fails" if p < 0.07 else "uncertain",
                    "sensitivity": [{"input": "relation.USA.RUS.amity", "first_order": 0.5,
                                     "first_order_ci95": [0.4, 0.6], "total": 0.62,
                                     "total_ci95": [0.55, 0.7]},
                                    {"input": "us-posture", "first_order": 0.2 + 0.01 * k,
                                     "first_order_ci95": [0.1, 0.3], "total": 0.3,
                                     "total_ci95": [0.25, 0.35]},
                                    {"input": "actor.USA.capability", "first_order": 0,
                                     "first_order_ci95": [0, 0], "total": 0,
                                     "total_ci95": [0, 0]}]}
        tornadoes = 0
        for k, c in enumerate(claims):
            c["at_point_values"] = {"after-events": k % 2 == 0}
            if k == 0:  # judged in two states
                c["states"] = {"after-events": result(0.97, k), "retrench": result(0.39, k)}
                c["at_point_values"]["retrench"] = False
                tornadoes += 2
            elif k == 1:  # an answer no input moves: no tornado, a note
                c.update(result(1.0, k))
                c["sensitivity"] = []
                c["sensitivity_note"] = "the answer was the same in every row of the sensitivity design"
            else:
                c.update(result(0.9 - 0.3 * k, k))
                tornadoes += 1
        section["monte_carlo"] = {
            "draws": 500, "draws_planned": 500, "complete": True, "sensitivity_draws": 50,
            "bootstrap": 200, "seed": 20250212, "war_runs": 16, "block_rows": 50,
            "headline_state": "after-events",
            "inputs": [{"name": "us-posture", "group": "us-posture", "members": [
                {"path": "stance.aid.USA.position",
                 "distribution": {"kind": "uniform", "range": [40, 90]}},
                {"path": "stance.sanctions.USA.position",
                 "distribution": {"kind": "triangular", "range": [20, 80], "mode": 60},
                 }]},
                {"name": "relation.USA.RUS.amity", "group": None, "members": [
                    {"path": "relation.USA.RUS.amity",
                     "distribution": {"kind": "normal", "mean": -0.2, "sd": 0.15}}]},
                {"name": "eum.variant", "group": None, "members": [
                    {"path": "eum.variant", "distribution": {
                        "kind": "choice", "options": [{"option": "scholz", "weight": 0.5},
                                                      {"option": "printed", "weight": 0.5}],
                        "point": "scholz"}}]}],
            "headlines": [
                {"model": "eum", "answer": "aid forecast", "state": "after-events",
                 "kind": "number", "point": 65, "q05": 47.5, "q50": 62.7, "q95": 79.9,
                 "mean": 63.1, "min": 40, "max": 88, "draws": 500, "unavailable": 0,
                 "sensitivity": result(0.5, 0)["sensitivity"]},
                {"model": "eum", "answer": "nato forecast", "state": "after-events",
                 "kind": "number", "point": 37.9, "q05": 25.2, "q50": 38.9, "q95": 51.4,
                 "mean": 38.2, "min": 20, "max": 60, "draws": 500, "unavailable": 0,
                 "sensitivity": []},
                {"model": "war", "answer": "P(ceasefire by 52)", "state": "after-events",
                 "kind": "number", "point": 0.628, "q05": 0.55, "q50": 0.63, "q95": 0.7,
                 "mean": 0.62, "min": 0.5, "max": 0.75, "draws": 500, "unavailable": 0,
                 "sensitivity": result(0.5, 1)["sensitivity"]},
                {"model": "triangle", "answer": "configuration", "state": "after-events",
                 "kind": "category", "point": "stable_marriage",
                 "frequencies": [{"value": "stable_marriage", "share": 0.63, "count": 315},
                                 {"value": "indeterminate", "share": 0.31, "count": 155},
                                 {"value": "romantic_triangle", "share": 0.06, "count": 30}],
                 "draws": 500, "sensitivity": []}]}
        judged = os.path.join(tmp, "claims.json")
        json.dump(doc, open(judged, "w"))
        claims_html = os.path.join(tmp, "claims.html")
        sh(cli, "render", judged, "--format", "html", "-o", claims_html)
        found = page("claims", claims_html, min_charts=20)
        html = open(claims_html, encoding="utf-8").read()
        for title in ("Claims: probability that each holds", "Claims at the point values",
                      "Claims without a sensitivity chart",
                      "Headline numbers under uncertainty: eum",
                      "Headline numbers under uncertainty: war", "Headline outcomes under uncertainty",
                      "What drives each headline answer", "The uncertain inputs"):
            if title not in html:
                failures.append("claims: no figure '%s'" % title)
        if html.count("<b>What drives claim") != tornadoes:
            failures.append("claims: %d tornado charts for %d judged results with inputs"
                            % (html.count("<b>What drives claim"), tornadoes))
        # every probability of every state is a checked table cell
        for c in claims:
            for st in c.get("states", {}):
                if "states/%s/p_holds" % st not in html:
                    failures.append("claims: no cell for %s in state %s" % (c["id"], st))

        # 4. a model no renderer knows yet
        doc = json.loads(sh(cli, "run", "--format", "json", "--runs", "200", "--only",
                            "triangle", "--after-events"))
        doc["models"]["mediation"] = {"lever": "guarantee", "offers": [
            {"terms": 0.4, "accepted_by": "UKR", "p": 0.31}, {"terms": 0.6, "accepted_by": "RUS",
                                                               "p": 0.72}],
            "detail": {"rounds": 3, "note": "hand-made"}}
        generic = os.path.join(tmp, "generic.json")
        json.dump(doc, open(generic, "w"))
        generic_html = os.path.join(tmp, "generic.html")
        sh(cli, "render", generic, "--format", "html", "-o", generic_html)
        found = page("generic section", generic_html, min_charts=1)
        if found["cells"] < 6:
            failures.append("generic section: %d checked cells" % found["cells"])

        # the other commands with charts
        shared = os.environ.get("SC_SHARED_DIR", "")
        pages = [("forecast eum", ["forecast", "--model", "eum", "--perspective", "RUS"], 6),
                 ("forecast smp", ["forecast", "--model", "smp"], 5),
                 ("forecast bargaining", ["forecast", "--model", "bargaining"], 1),
                 ("war", ["war", "--runs", "400"], 3),
                 ("war levers", ["war", "--runs", "400", "--levers"], 3)]
        game = os.path.join(shared, "reference/gambit/games/2x2.nfg")
        if shared and os.path.exists(game):
            pages.append(("solve logit", ["solve", "--method", "logit", game], 1))
        for name, args, charts in pages:
            path = os.path.join(tmp, name.replace(" ", "_") + ".html")
            out = sh(cli, *args, "--format", "html")
            open(path, "w").write(out)
            found = page(name, path, min_charts=charts)

        # 5. negative controls
        controls = {
            "console error": "<script>console.error('boom')</script>",
            "network request": "<img src='http://127.0.0.1:9/pixel.png' alt=''>",
            "table mismatch": ("<script type='application/json' id='sc-document'>{\"a\": 1.5}</script>"
                               "<table><tr><td data-ptr='/a' data-value='1.25'>1.25</td></tr></table>"),
            "empty chart": ("<div class='plot' id='p'></div><script>document.documentElement."
                            "dataset.ready='1'</script>"),
        }
        for name, body in controls.items():
            path = os.path.join(tmp, name.replace(" ", "_") + ".html")
            open(path, "w").write("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                                  + body + "</body></html>")
            page("control: " + name, path, expect_fail=True)
    finally:
        b.close()
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
