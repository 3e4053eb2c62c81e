#!/usr/bin/env python3.12
"""Record the expected output of crabby's differential test programs.

Expected files (``<name>.out`` and ``<name>.err``) are recorded from CPython 3.12
by this script and are NEVER edited by hand: to change an expectation, change
the test program and re-run this script.

Usage (from the repository root):

    PYENV_VERSION=3.12.1 python3.12 tests/bless.py [paths...]

With no paths, every ``tests/**/*.py`` program is recorded; otherwise only the
given files and directories (searched recursively). This script itself and any
file whose name starts with ``_`` are skipped.

A directory (below ``tests/``) holding a ``main.py`` is ONE multi-module program:
``main.py`` is the test, and every other file and package in that directory is
one of its modules, not a test (e.g. ``tests/modules/relative/main.py`` with
``tests/modules/relative/pkg/__init__.py`` beside it). The Rust harness
(``crates/crabby/src/suite/mod.rs``, ``discover``) follows the same rule.

For each program ``<name>.py`` it writes:

* ``<name>.out``: the exact bytes the program wrote to stdout;
* ``<name>.err``: only when the exit status is non-zero or stderr is non-empty,
  two lines::

      exit: N
      stderr: <last non-empty line of stderr>

  (``stderr: `` with nothing after when stderr is empty). A stale ``.err`` is
  removed when it is no longer needed.

Each program runs with cwd = its own directory, the program given by its
basename (so ``sys.argv[0]`` and tracebacks show just the file name), stdin =
/dev/null, a 30 s timeout and env PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8
(and PYTHONDONTWRITEBYTECODE=1, so importing helper modules leaves no
``__pycache__`` in the tests).
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

TIMEOUT_SECONDS = 30
TESTS_DIR = Path(__file__).resolve().parent
SELF = Path(__file__).resolve()


def is_test_program(path: Path) -> bool:
    return (
        path.suffix == ".py"
        and not path.name.startswith("_")
        and path.resolve() != SELF
        and path.is_file()
    )


MULTI_MODULE_MAIN = "main.py"


def owning_program(path: Path):
    """The ``main.py`` of the multi-module program that ``path`` belongs to, if any:
    the outermost directory below tests/ (and not tests/ itself) holding one."""
    path = path.resolve()
    try:
        rel = path.relative_to(TESTS_DIR)
    except ValueError:
        return None
    directory = TESTS_DIR
    for part in rel.parts[:-1]:
        directory = directory / part
        main = directory / MULTI_MODULE_MAIN
        if main.is_file():
            return main
    return None


def program_for(path: Path):
    """The test program a file stands for: its multi-module program's main.py, itself, or None."""
    owner = owning_program(path)
    if owner is not None:
        return owner
    return path.resolve() if is_test_program(path) else None


def collect(args):
    roots = [Path(a) for a in args] if args else [TESTS_DIR]
    found = set()
    for root in roots:
        if root.is_dir():
            for p in root.rglob("*.py"):
                program = program_for(p)
                if program is not None:
                    found.add(program)
        elif root.is_file():
            program = program_for(root)
            if program is not None:
                found.add(program)
            else:
                print(f"bless: skipping {root} (not a test program)", file=sys.stderr)
        else:
            print(f"bless: no such file or directory: {root}", file=sys.stderr)
            sys.exit(2)
    return sorted(found)


def child_env():
    env = dict(os.environ)
    # Make the run independent of the caller's Python settings.
    for key in list(env):
        if key.startswith("PYTHON"):
            del env[key]
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def last_nonempty_line(text: str) -> str:
    for line in reversed(text.splitlines()):
        if line.strip():
            return line.rstrip()
    return ""


def default_signals():
    # A shell without job control starts background commands with SIGINT and SIGQUIT ignored; programs are
    # recorded (and run by the suite) with the default dispositions instead.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def bless_one(program, env):
    out_path = program.with_suffix(".out")
    err_path = program.with_suffix(".err")
    try:
        proc = subprocess.run(
            [sys.executable, program.name],
            cwd=program.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
            preexec_fn=default_signals,
        )
    except subprocess.TimeoutExpired:
        return f"TIMEOUT after {TIMEOUT_SECONDS}s (nothing recorded)"

    out_path.write_bytes(proc.stdout)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode != 0 or stderr:
        last = last_nonempty_line(stderr)
        err_path.write_text(
            f"exit: {proc.returncode}\nstderr: {last}\n", encoding="utf-8", newline="\n"
        )
        return f"exit {proc.returncode}: {last}"
    if err_path.exists():
        err_path.unlink()
    return "ok"


def main() -> int:
    if sys.version_info[:2] != (3, 12):
        print(
            "bless: expected files must be recorded with CPython 3.12, but this is "
            f"Python {sys.version.split()[0]}; run it as "
            "`PYENV_VERSION=3.12.1 python3.12 tests/bless.py`",
            file=sys.stderr,
        )
        return 2
    if sys.implementation.name != "cpython":
        print(f"bless: needs CPython, not {sys.implementation.name}", file=sys.stderr)
        return 2

    programs = collect(sys.argv[1:])
    env = child_env()
    failures = 0
    for program in programs:
        status = bless_one(program, env)
        if status.startswith("TIMEOUT"):
            failures += 1
        try:
            shown = program.relative_to(TESTS_DIR.parent)
        except ValueError:
            shown = program
        print(f"{shown}: {status}")
    print(f"bless: {len(programs)} program(s) recorded, {failures} timed out")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
