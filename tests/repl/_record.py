#!/usr/bin/env python3.12
"""Record what CPython 3.12's interactive prompt does with each session in tests/repl/.

A session is ``<name>.in``: the lines typed at the prompt, fed to
``python3.12 -i -q`` through a pipe (so prompts, tracebacks and the newline at
end of input all appear on stderr, as they do for crabby). When ``_<name>.py``
exists beside it, the session runs ``python3.12 -i -q _<name>.py`` instead: the
script first, then the prompt in its namespace.

For each session it writes, never to be edited by hand:

* ``<name>.out``: the exact bytes written to stdout;
* ``<name>.stderr``: the exact bytes written to stderr (prompts included);
* ``<name>.exit``: the exit status.

The Rust test ``crates/crabby/tests/repl.rs`` feeds the same input to
``crabby -i -q`` and compares all three.

Usage (from the repository root):

    PYENV_VERSION=3.12.1 python3.12 tests/repl/_record.py [tests/repl/<name>.in ...]
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def command(session: Path):
    script = session.with_name("_" + session.stem + ".py")
    return [sys.executable, "-i", "-q"] + ([script.name] if script.is_file() else [])


def main() -> int:
    if sys.version_info[:2] != (3, 12) or sys.implementation.name != "cpython":
        print("record: run with CPython 3.12 (PYENV_VERSION=3.12.1 python3.12)", file=sys.stderr)
        return 2
    sessions = [Path(a).resolve() for a in sys.argv[1:]] or sorted(HERE.glob("*.in"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    for session in sessions:
        proc = subprocess.run(
            command(session),
            cwd=HERE,
            env=env,
            input=session.read_bytes(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=30,
        )
        session.with_suffix(".out").write_bytes(proc.stdout)
        session.with_suffix(".stderr").write_bytes(proc.stderr)
        session.with_suffix(".exit").write_text(f"{proc.returncode}\n")
        print(f"{session.name}: exit {proc.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
