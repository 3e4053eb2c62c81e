#!/usr/bin/env python3.12
"""crabby's benchmark suite, side by side with CPython 3.12 (and PyPy when installed).

Usage (from the repository root, after `cargo build --release -p crabby`):

    PYENV_VERSION=3.12.1 python3.12 benchmarks/run.py [--runs N] [--crabby PATH] [NAME...]
    PYENV_VERSION=3.12.1 python3.12 benchmarks/run.py --scaling [--threads 1,2,4] [KERNEL...]

Each benchmark program is built once with `crabby build` (the build time is reported), then the crabby binary,
CPython and PyPy run it interleaved, N times each, so that machine noise hits every implementation alike. Every
run's stdout must equal CPython's (a wrong answer is reported, never timed as a success). The table shows the
median wall time, the min-max range (the noise), and the speedup over CPython (CPython median / median), then the
geometric mean of the speedups.

`--scaling` runs benchmarks/scaling/kernels.py: each of T threads does the same fixed work, and the table reports
speedup = T * t1 / tT (T is perfect scaling, 1 means no parallelism at all).
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def python312():
    """CPython 3.12's own executable, resolved once: `python3.12` on a pyenv machine is a shell-script shim
    that costs about 45 ms per start, which would be timed as CPython's."""
    env = dict(os.environ, PYENV_VERSION="3.12.1")
    exe = subprocess.run(["python3.12", "-c", "import sys; print(sys.executable)"], capture_output=True,
                         text=True, env=env).stdout.strip()
    return [exe or "python3.12"], env


def timed(cmd, env=None):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, proc


def build(crabby, program, out_dir):
    binary = out_dir / program.stem
    seconds, proc = timed([str(crabby), "build", str(program), "-o", str(binary)])
    if proc.returncode != 0:
        return None, seconds, proc.stderr.strip().splitlines()[-1:] or ["build failed"]
    return binary, seconds, None


def run_suite(args):
    crabby = Path(args.crabby)
    programs = sorted(p for p in HERE.glob("*.py") if p.name != "run.py")
    if args.names:
        programs = [p for p in programs if p.stem in args.names]
    out_dir = Path(tempfile.mkdtemp(prefix="crabby-bench-"))
    rows = []
    cpy, env = python312()
    for program in programs:
        binary, build_s, error = build(crabby, program, out_dir)
        _, ref = timed(cpy + [str(program)], env)
        times = {"cpython": [], "crabby": [], "pypy": []}
        wrong = {}
        impls = [("cpython", cpy + [str(program)], env)]
        if binary is not None:
            impls.append(("crabby", [str(binary)], None))
        if shutil.which("pypy3"):
            impls.append(("pypy", ["pypy3", str(program)], None))
        for _ in range(args.runs):
            for name, cmd, run_env in impls:
                seconds, proc = timed(cmd, run_env)
                if proc.stdout != ref.stdout or proc.returncode != ref.returncode:
                    wrong[name] = (proc.stdout + proc.stderr).strip().splitlines()[-1:] or ["(no output)"]
                times[name].append(seconds)
        rows.append((program.stem, build_s, error, times, wrong))
        print_row(rows[-1], flush=True)
    print_summary(rows)


def fmt_times(ts):
    if not ts:
        return "-"
    return f"{statistics.median(ts):7.3f} ({min(ts):.3f}-{max(ts):.3f})"


HEADER = f"{'benchmark':16} {'cpython s (min-max)':>24} {'crabby s (min-max)':>24} {'x cpy':>7} {'pypy s (min-max)':>24} {'x cpy':>7} {'build s':>8}"


def speedup(times, name):
    if not times[name] or not times["cpython"]:
        return None
    return statistics.median(times["cpython"]) / statistics.median(times[name])


def print_row(row, flush=False):
    name, build_s, error, times, wrong = row
    if not hasattr(print_row, "header"):
        print(HEADER)
        print_row.header = True
    cr = speedup(times, "crabby")
    pp = speedup(times, "pypy")
    line = (
        f"{name:16} {fmt_times(times['cpython']):>24} {fmt_times(times['crabby']):>24} "
        f"{(f'{cr:6.2f}x' if cr and 'crabby' not in wrong else '-'):>7} {fmt_times(times['pypy']):>24} "
        f"{(f'{pp:6.2f}x' if pp and 'pypy' not in wrong else '-'):>7} {build_s:8.1f}"
    )
    print(line, flush=flush)
    if error:
        print(f"    crabby build failed: {error[0]}")
    for impl, last in wrong.items():
        print(f"    {impl}: output differs from CPython's: {last[0]}")


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def print_summary(rows):
    for impl in ("crabby", "pypy"):
        ok = [speedup(t, impl) for _, _, err, t, wrong in rows if t[impl] and impl not in wrong]
        failed = [n for n, _, err, t, wrong in rows if impl in wrong or (impl == "crabby" and err)]
        if ok or failed:
            print(f"{impl}: geometric mean speedup over CPython {geomean(ok):.2f}x on {len(ok)} programs"
                  + (f"; wrong or not built: {', '.join(failed)}" if failed else ""))


def run_scaling(args):
    kernels_py = HERE / "scaling" / "kernels.py"
    crabby = Path(args.crabby)
    out_dir = Path(tempfile.mkdtemp(prefix="crabby-scaling-"))
    binary, build_s, error = build(crabby, kernels_py, out_dir)
    if error:
        print(f"crabby build failed: {error[0]}")
    cpy, env = python312()
    counts = [int(x) for x in args.threads.split(",")]
    kernels = args.names or ["fib", "method_calls", "global_calls", "object_creation", "list_append",
                             "dict_creation", "closures"]
    impls = [("cpython", cpy + [str(kernels_py)], env)]
    if binary is not None:
        impls.append(("crabby", [str(binary)], None))
    print(f"{'kernel':16} {'impl':8} " + " ".join(f"{f't{n} s':>8}" for n in counts)
          + " " + " ".join(f"{f'x{n}':>6}" for n in counts[1:]))
    for kernel in kernels:
        results = {name: {n: [] for n in counts} for name, _, _ in impls}
        for _ in range(args.runs):
            for n in counts:
                for name, cmd, run_env in impls:
                    seconds, proc = timed(cmd + [kernel, str(n)], run_env)
                    if proc.returncode != 0:
                        print(f"    {name} {kernel} {n}: failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
                        continue
                    results[name][n].append(seconds)
        for name, _, _ in impls:
            med = {n: statistics.median(ts) if ts else float("nan") for n, ts in results[name].items()}
            base = med[counts[0]]
            line = f"{kernel:16} {name:8} " + " ".join(f"{med[n]:8.3f}" for n in counts)
            line += " " + " ".join(f"{n * base / med[n] / counts[0]:6.2f}" for n in counts[1:])
            print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks (or kernels with --scaling) to run; default all")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--crabby", default=str(REPO / "target" / "release" / "crabby"))
    parser.add_argument("--scaling", action="store_true")
    parser.add_argument("--threads", default="1,2,4")
    args = parser.parse_args()
    if args.scaling:
        run_scaling(args)
    else:
        run_suite(args)


if __name__ == "__main__":
    main()
