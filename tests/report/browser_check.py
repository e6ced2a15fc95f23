# SPDX-License-Identifier: MIT
"""Opens statecraft HTML reports in headless Chromium and checks them through the DevTools
protocol (Debian's chromium and python3-websocket):

- no console error or warning and no uncaught exception;
- no network request: everything the page needs is inside it;
- every chart drew marks (its SVG has mark elements);
- every table cell that names a value of the embedded result document (data-ptr) shows that
  value: data-value is exactly the document's number, the text is it rounded as printed;
- the time from navigation to the last chart drawn.

usage: browser_check.py CHROMIUM PAGE.html [--min-charts N] [--max-ms MS] [--screenshot OUT.png]
                        [--expect-failure]     (for the negative controls: exit 0 iff a check fails)
Prints one JSON line with what it found.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-port=0", "--window-size=1280,900", "--hide-scrollbars"]

CHECK_JS = r"""
(function () {
  var out = {charts: [], cells: 0, mismatches: [], values: 0};
  var el = document.getElementById('sc-document');
  var doc = el ? JSON.parse(el.textContent) : null;
  function at(ptr) {
    if (!doc) return undefined;
    var v = doc;
    var parts = ptr.split('/').slice(1);
    for (var i = 0; i < parts.length; i++) {
      var k = parts[i].replace(/~1/g, '/').replace(/~0/g, '~');
      if (v === null || typeof v !== 'object' || !(k in v)) return undefined;
      v = v[k];
    }
    return v;
  }
  document.querySelectorAll('div.plot').forEach(function (div) {
    var marks = div.querySelectorAll('.role-mark path, .role-mark line, .role-mark rect, ' +
                                     '.role-mark text, .role-mark circle').length;
    out.charts.push({id: div.id, svg: !!div.querySelector('svg'), marks: marks,
                     rendered: div.dataset.rendered === '1'});
  });
  document.querySelectorAll('[data-ptr]').forEach(function (td) {
    out.cells++;
    /* a table names the pointers' common part once (data-base) */
    var table = td.closest('table');
    var ptr = (table && table.dataset.base ? table.dataset.base : '') + td.dataset.ptr;
    var v = at(ptr), text = td.textContent;
    var bad = null;
    /* a numeric cell without data-value shows the exact value itself */
    var exact = td.dataset.value !== undefined ? td.dataset.value
              : (td.classList.contains('num') ? text : undefined);
    if (v === undefined) bad = 'no such value';
    else if (exact !== undefined) {
      out.values++;
      var x = Number(exact);
      if (x !== v) bad = 'value ' + exact + ' is not ' + v;
      else {
        var dec = (text.split('.')[1] || '').length;
        if (Math.abs(Number(text) - v) > 0.5 * Math.pow(10, -dec) * (1 + 1e-9))
          bad = 'shown ' + text + ' for ' + v;
      }
    } else if (typeof v === 'string' && td.tagName === 'TD' && text !== v) bad = 'shown ' + text + ' for ' + v;
    if (bad && out.mismatches.length < 20) out.mismatches.push(ptr + ': ' + bad);
  });
  out.report = window.scReport || null;
  return JSON.stringify(out);
})()
"""


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="sc-chromium-")
        self.proc = subprocess.Popen([chromium, *FLAGS, "--user-data-dir=" + self.profile,
                                      "about:blank"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        # a loaded machine (or a CI runner) can take long to start a browser: wait up to 2 min
        deadline = time.time() + 120
        while time.time() < deadline:
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            if self.proc.poll() is not None:
                raise RuntimeError("chromium exited with status %d before it listened"
                                   % self.proc.returncode)
            time.sleep(0.1)
        else:
            self.proc.kill()
            raise RuntimeError("chromium did not open its DevTools port within 120 s")
        port, path = open(port_file).read().split("\n")[:2]
        self.ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path), timeout=180)
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def cpu_seconds(self):
        """CPU time of each browser process so far (SystemInfo.getProcessInfo): {pid: seconds}."""
        try:
            info = self.send("SystemInfo.getProcessInfo")["processInfo"]
        except Exception:
            return {}
        return {p["id"]: p.get("cpuTime", 0) for p in info}

    @staticmethod
    def cpu_since(before, after):
        """Seconds of CPU the processes alive at `after` spent since `before` (a process that
        ended in between does not count against the others)."""
        return sum(max(0.0, t - before.get(pid, 0.0)) for pid, t in after.items())

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check(chromium, page, screenshot=None, figures_dir=None, browser=None):
    """Checks one page; with `browser` (a Browser) reuses it, else starts and stops one."""
    url = "file://" + os.path.abspath(page)
    b = browser or Browser(chromium)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            b.send(domain + ".enable", session=s)
        b.events.clear()
        cpu0 = b.cpu_seconds()
        b.send("Page.navigate", {"url": url}, session=s)
        ready = False
        deadline = time.time() + 180  # generous: other builds may hold both cores
        while time.time() < deadline:
            r = b.send("Runtime.evaluate", {"expression": "document.readyState === 'complete' && "
                                            "(document.documentElement.dataset.ready || "
                                            "(document.querySelector('div.plot') ? '' : 'none'))",
                                            "returnByValue": True}, session=s)
            if r.get("result", {}).get("value") in ("1", "none"):
                ready = True
                break
            time.sleep(0.05)
        # the CPU time the browser's processes spent on the page: on a shared machine the wall
        # time also counts the time other jobs held the cores
        found_cpu = Browser.cpu_since(cpu0, b.cpu_seconds()) if ready else None
        found = json.loads(b.send("Runtime.evaluate", {"expression": CHECK_JS,
                                                       "returnByValue": True},
                                  session=s)["result"]["value"])
        errors, requests = [], []
        for e in b.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                errors.append("console.%s: %s" % (p["type"], " ".join(
                    str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
            elif m == "Runtime.exceptionThrown":
                errors.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                errors.append("log: %s" % p["entry"].get("text"))
            elif m == "Network.requestWillBeSent":
                req = p.get("request", {}).get("url", "")
                if req != url and not req.startswith("data:"):
                    requests.append(req)
        found.update({"ready": ready, "errors": errors, "requests": requests,
                      "cpu_ms": None if found_cpu is None else round(1000 * found_cpu)})
        if screenshot or figures_dir:
            # a viewport as tall as the page: figures off screen skip painting
            # (content-visibility: auto), so every figure must be on screen for the pictures
            metrics = b.send("Page.getLayoutMetrics", session=s)
            height = int(metrics.get("cssContentSize", metrics.get("contentSize"))["height"])
            b.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": min(height, 16000),
                                                          "deviceScaleFactor": 1, "mobile": False},
                   session=s)
            # two frames, so that the figures now on screen are laid out at their real size
            b.send("Runtime.evaluate", {"expression": "new Promise(function (r) { "
                                        "requestAnimationFrame(function () { "
                                        "requestAnimationFrame(function () { r(1); }); }); })",
                                        "awaitPromise": True}, session=s)
        if screenshot:
            shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                          session=s)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            found["screenshot"] = screenshot
        if figures_dir:
            os.makedirs(figures_dir, exist_ok=True)
            rects = json.loads(b.send("Runtime.evaluate", {"expression": "JSON.stringify([...document."
                                      "querySelectorAll('figure')].map(f => {const r = f."
                                      "getBoundingClientRect(); return [f.id, r.x, r.y + "
                                      "window.scrollY, r.width, r.height];}))",
                                      "returnByValue": True}, session=s)["result"]["value"])
            for fid, x, y, w, hgt in rects:
                shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                         "clip": {"x": x, "y": y, "width": w,
                                                                  "height": min(hgt, 3000), "scale": 1}},
                              session=s)
                with open(os.path.join(figures_dir, fid + ".png"), "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        b.send("Target.closeTarget", {"targetId": target})
        return found
    finally:
        if not browser:
            b.close()


def problems_of(found, min_charts=0, max_ms=0):
    """The list of what is wrong with a page, from check()'s findings."""
    problems = list(found["errors"])
    problems += ["network request: " + r for r in found["requests"]]
    problems += ["table: " + m for m in found["mismatches"]]
    if not found["ready"]:
        problems.append("the page never said its charts were drawn")
    for c in found["charts"]:
        if not c["svg"] or c["marks"] == 0 or not c["rendered"]:
            problems.append("chart %s is empty (%d marks)" % (c["id"], c["marks"]))
    if len(found["charts"]) < min_charts:
        problems.append("%d charts, expected at least %d" % (len(found["charts"]), min_charts))
    ms = (found.get("report") or {}).get("at")
    if max_ms and (ms is None or ms > max_ms):
        problems.append("drawn after %s ms, more than %g" % (ms, max_ms))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("chromium")
    ap.add_argument("page")
    ap.add_argument("--min-charts", type=int, default=0)
    ap.add_argument("--max-ms", type=float, default=0)
    ap.add_argument("--screenshot")
    ap.add_argument("--expect-failure", action="store_true")
    ap.add_argument("--figures", help="also write one PNG per figure into this directory")
    a = ap.parse_args()
    found = check(a.chromium, a.page, a.screenshot, a.figures)
    problems = problems_of(found, a.min_charts, a.max_ms)
    found["problems"] = problems
    print(json.dumps({k: v for k, v in found.items() if k != "charts"} |
                     {"charts": len(found["charts"]), "marks": sum(c["marks"] for c in found["charts"])}))
    if a.expect_failure:
        sys.exit(0 if problems else 1)
    for p in problems:
        print("FAIL:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
