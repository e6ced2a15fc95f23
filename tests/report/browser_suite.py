# SPDX-License-Identifier: MIT
"""The HTML reports in a real browser (headless Chromium through the DevTools protocol).

usage: browser_suite.py STATECRAFT CHROMIUM BUILD_DIR [--quick]

1. the built-in comparative report (`statecraft run --format html`, the default 2000 runs):
   under 3 MB, every chart drawn with marks, tables equal to the embedded document, no console
   error, no network request, drawn in under 2 s; a screenshot is written to BUILD_DIR/report.png
   and the page itself to BUILD_DIR/report.html;
2. a single-state report (--variant retrench --before-events);
3. a document with the claims judged (p_holds, ci95, sensitivity, as the Monte Carlo layer adds
   them) rendered by `statecraft render`: the claims chart and one tornado per claim appear;
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
        found = page("built-in", report, min_charts=20,
                     screenshot=os.path.join(build, "report.png"))
        # the time to draw: the best of up to five loads, so that another job on the shared machine
        # does not decide it
        times = [(found.get("report") or {}).get("at") or 1e9]
        for _ in range(4):
            if min(times) < 2000:
                break
            again = browser_check.check(chromium, report, browser=b)
            times.append((again.get("report") or {}).get("at") or 1e9)
        print(json.dumps({"page": "built-in", "drawn_ms": min(times)}))
        # the speed target is the optimised build's (the sanitizer build runs --quick)
        if min(times) >= 2000 and not quick:
            failures.append("built-in: drawn after %.0f ms (best of %d loads), 2 s allowed"
                            % (min(times), len(times)))
        html = open(report, encoding="utf-8").read()
        for title in ("Positions per issue", "positions round by round", "perspective on",
                      "turn by turn", "Ceasefire by battle t", "Distribution of the terms",
                      "Distribution of the durations", "Strategic triangle along the timeline",
                      "Blocs on a map of the propensities", "Energy of each local minimum",
                      "Equilibria per state"):
            if title not in html:
                failures.append("built-in: no chart '%s'" % title)

        # 2. one state
        single = os.path.join(tmp, "single.html")
        sh(cli, "run", "--variant", "retrench", "--before-events", "--format", "html", "-o",
           single, *runs)
        page("single state", single, min_charts=15)

        # 3. claims judged, as issue 12's Monte Carlo layer adds them
        doc = json.loads(sh(cli, "run", "--format", "json", "--runs", "200"))
        claims = doc["models"]["claims"]["claims"]
        for k, c in enumerate(claims):
            c.update({"p_holds": 0.9 - 0.2 * k, "ci95": [0.85 - 0.2 * k, 0.94 - 0.2 * k],
                      "se": 0.01, "draws": 500,
                      "sensitivity": [{"input": "relation.USA.RUS.amity", "first_order": 0.5,
                                       "total": 0.62, "total_ci95": [0.55, 0.7]},
                                      {"input": "us-posture", "first_order": 0.2, "total": 0.3,
                                       "total_ci95": [0.25, 0.35]}]})
        claims[0]["states"] = {"after-events": {"p_holds": 0.97, "ci95": [0.95, 0.98]},
                               "retrench/after-events": {"p_holds": 0.39, "ci95": [0.35, 0.43]}}
        judged = os.path.join(tmp, "claims.json")
        json.dump(doc, open(judged, "w"))
        claims_html = os.path.join(tmp, "claims.html")
        sh(cli, "render", judged, "--format", "html", "-o", claims_html)
        found = page("claims", claims_html, min_charts=20)
        html = open(claims_html, encoding="utf-8").read()
        if "Claims: probability that each holds" not in html:
            failures.append("claims: no probability chart")
        if html.count("<b>What drives claim") != len(claims):
            failures.append("claims: %d tornado charts for %d claims" % (html.count("<b>What drives claim"),
                                                                        len(claims)))

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
