# SPDX-License-Identifier: MIT
"""Every command of the README and of docs/ runs as written from a fresh clone (issue 19 item 3):
in an empty directory holding only build/statecraft, examples/ and scenarios/ (no ../shared),
each command line of a ```sh block exits 0, the README's first, then docs/*.md and docs/*/*.md in
the order of their names (a page may use a file an earlier one wrote: scenario-format.md writes
my.yaml). `statecraft` stands for build/statecraft. A block right after a line
`<!-- synopsis: ... -->` shows a command's form (FILE for the user's files) and is not run. Commands meant to run for minutes (run --draws) are interrupted
after a while and must then exit 130 with partial results; mpirun lines are covered by
montecarlo_mpi and skipped here.

usage: test_readme_commands.py STATECRAFT SOURCE_DIR"""
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import time


def commands(page):
    text = open(page, encoding="utf-8").read()
    out = []
    for marker, block in re.findall(r"(<!-- synopsis[^>]*-->\n)?```sh\n(.*?)```", text, re.S):
        if marker:
            continue
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("statecraft "):
                line = "build/" + line
            line = line.replace(" statecraft ", " build/statecraft ")
            if not line.startswith(("build/statecraft ", "mpirun ")):
                continue
            line = re.sub(r"\s+#.*$", "", line)  # the comment after the command
            where = "docs/" + page.split("/docs/", 1)[1] if "/docs/" in page else "README.md"
            out.append((where, line))
    return out


def main():
    cli, src = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, "build"))
        os.symlink(cli, os.path.join(d, "build", "statecraft"))
        for sub in ("examples", "scenarios"):
            os.symlink(os.path.join(src, sub), os.path.join(d, sub))
        cmds = commands(os.path.join(src, "README.md"))
        assert len(cmds) > 20, cmds
        for page in sorted(glob.glob(os.path.join(src, "docs", "*.md")) +
                           glob.glob(os.path.join(src, "docs", "*", "*.md"))):
            cmds += commands(page)
        for where, c in cmds:
            if c.startswith("mpirun "):
                print("skipped (mpirun):", where, c)
                continue
            long_run = "--draws" in c
            env = dict(os.environ)
            env.pop("STATECRAFT_THREADS", None)
            t0 = time.time()
            p = subprocess.Popen(["bash", "-c", c], cwd=d, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env, start_new_session=True)
            try:
                out, err = p.communicate(timeout=30 if long_run else 1200)
                want = 0
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGINT)
                out, err = p.communicate(timeout=300)
                want = 130
            rc = p.returncode
            ok = rc == want and (want == 0 or b"interrupted by SIGINT" in err)
            print("%s %5.1fs exit %d: %s: %s" % ("ok  " if ok else "FAIL", time.time() - t0, rc,
                                                 where, c))
            if not ok:
                failures.append("%s\nexit %d (want %d)\n%s" % (c, rc, want,
                                                               err.decode(errors="replace")[-2000:]))
    for f in failures:
        print("\n" + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
