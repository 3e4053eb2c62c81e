#!/usr/bin/env python3.12
"""Compare dir(T) of every built-in type between crabby and CPython 3.12.

Usage (from anywhere; the repository is found from this file's location):

    PYENV_VERSION=3.12.1 python3.12 tools/dir_parity.py [--crabby PATH] [--types NAME,...] [--quiet]

The script writes one probe program that prints ``dir()`` of each type, runs it
under this Python (which must be 3.12: it is the oracle) and under
``crabby run`` (``target/release/crabby`` unless ``--crabby`` or ``$CRABBY``
says otherwise), and prints, per type, the names crabby lacks and the names it
has that CPython does not, then a total. A type crabby lacks altogether, or
whose probe fails, is reported as such. If crabby cannot build or finish the
whole probe, the types it did not report are probed again one program each, so
one construct crabby cannot compile does not hide every other type.

The types are every class in CPython's ``builtins`` module (object, int, str,
bytes, memoryview, every exception class, enumerate, zip, ...) plus the
built-in types that have no builtin name (dict views and iterators, NoneType,
function, method, generator, coroutine, code, cell, descriptor types, ...).

It lives outside ``tests/`` because the test harness and ``tests/bless.py``
treat every ``tests/**/*.py`` as a differential test program.
"""

import argparse
import builtins
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Types without a name in `builtins`: (name, setup statements, expression giving the type). The name is
# CPython's `__name__` of the type, so the report reads like CPython's own names.
EXTRA_TYPES = [
    ("NoneType", "", "type(None)"),
    ("NotImplementedType", "", "type(NotImplemented)"),
    ("ellipsis", "", "type(...)"),
    ("function", "", "type(lambda: 0)"),
    ("builtin_function_or_method", "", "type(len)"),
    ("method", "class _C:\n    def m(self): pass", "type(_C().m)"),
    ("module", "import sys", "type(sys)"),
    ("cell", "def _outer():\n    x = 1\n    return lambda: x", "type(_outer().__closure__[0])"),
    ("code", "", "type((lambda: 0).__code__)"),
    ("mappingproxy", "", "type(type.__dict__)"),
    ("getset_descriptor", "", "type(type.__dict__['__dict__'])"),
    ("member_descriptor", "class _S:\n    __slots__ = ('a',)", "type(_S.a)"),
    ("wrapper_descriptor", "", "type(object.__init__)"),
    ("method-wrapper", "", "type(object().__init__)"),
    ("method_descriptor", "", "type(str.upper)"),
    ("classmethod_descriptor", "", "type(dict.__dict__['fromkeys'])"),
    ("dict_keys", "", "type({}.keys())"),
    ("dict_values", "", "type({}.values())"),
    ("dict_items", "", "type({}.items())"),
    ("list_iterator", "", "type(iter([]))"),
    ("list_reverseiterator", "", "type(reversed([]))"),
    ("tuple_iterator", "", "type(iter(()))"),
    ("str_ascii_iterator", "", "type(iter(''))"),
    ("range_iterator", "", "type(iter(range(0)))"),
    ("dict_keyiterator", "", "type(iter({}))"),
    ("dict_valueiterator", "", "type(iter({}.values()))"),
    ("dict_itemiterator", "", "type(iter({}.items()))"),
    ("dict_reversekeyiterator", "", "type(reversed({}))"),
    ("set_iterator", "", "type(iter(set()))"),
    ("bytes_iterator", "", "type(iter(b''))"),
    ("bytearray_iterator", "", "type(iter(bytearray()))"),
    ("memory_iterator", "", "type(iter(memoryview(b'')))"),
    ("callable_iterator", "", "type(iter(lambda: 0, 1))"),
    ("iterator", "class _Seq:\n    def __getitem__(self, i): raise IndexError", "type(iter(_Seq()))"),
    ("generator", "", "type((x for x in ()))"),
    ("coroutine", "async def _co(): pass\n_c = _co()\n_c.close()", "type(_c)"),
    ("async_generator", "async def _ag():\n    yield 1", "type(_ag())"),
    ("traceback", "try:\n    1 / 0\nexcept ZeroDivisionError as _e:\n    _tb = _e.__traceback__", "type(_tb)"),
    ("frame", "import sys", "type(sys._getframe())"),
]

PROBE_HEAD = '''\
def _probe(name, get):
    try:
        t = get()
    except BaseException as e:
        print(name + "\\t!" + type(e).__name__ + ": " + str(e))
        return
    try:
        names = sorted(dir(t))
    except BaseException as e:
        print(name + "\\t!dir() failed: " + type(e).__name__ + ": " + str(e))
        return
    print(name + "\\t" + " ".join(names))


'''


def builtin_type_names():
    """Every class in CPython's builtins module, by its builtin name."""
    return sorted(n for n, v in vars(builtins).items() if isinstance(v, type) and not n.startswith("_"))


def probe_source(builtin_names, extras):
    """The probe program: each type's probe guarded on its own, setups included."""
    lines = [PROBE_HEAD]
    for n in builtin_names:
        lines.append(f"_probe({n!r}, lambda: {n})\n")
    for name, setup, expr in extras:
        if setup:
            # A setup that fails (e.g. a construct not supported) is reported as that type's failure.
            lines.append("try:\n")
            lines.extend(f"    {line}\n" for line in setup.splitlines())
            lines.append("except BaseException as _e:\n")
            lines.append(f"    print({name!r} + '\\t!setup failed: ' + type(_e).__name__ + ': ' + str(_e))\n")
            lines.append("else:\n")
            lines.append(f"    _probe({name!r}, lambda: {expr})\n")
        else:
            lines.append(f"_probe({name!r}, lambda: {expr})\n")
    return "".join(lines)


def parse(output):
    """`{type name: set of names}` or `{type name: '!error'}` from a probe's output."""
    result = {}
    for line in output.splitlines():
        name, sep, rest = line.partition("\t")
        if not sep:
            continue
        result[name] = rest if rest.startswith("!") else set(rest.split())
    return result


def run(cmd, source, workdir, timeout):
    path = Path(workdir) / "dir_probe.py"
    path.write_text(source, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    try:
        proc = subprocess.run(
            cmd + [str(path)],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "", f"timed out after {timeout}s", -1
    except OSError as e:
        return "", str(e), -1
    return (
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        proc.returncode,
    )


def last_line(text):
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--crabby", default=os.environ.get("CRABBY", str(REPO / "target" / "release" / "crabby")))
    ap.add_argument("--types", help="comma-separated type names to compare (default: all)")
    ap.add_argument("--quiet", action="store_true", help="print only types that differ and the total")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds for the crabby run of the whole probe")
    args = ap.parse_args()

    if sys.version_info[:2] != (3, 12):
        print(f"dir_parity: run me with CPython 3.12 (the oracle), not {sys.version.split()[0]}", file=sys.stderr)
        return 2
    if not Path(args.crabby).is_file():
        print(f"dir_parity: no crabby binary at {args.crabby} (cargo build --release -p crabby)", file=sys.stderr)
        return 2

    names = builtin_type_names()
    extras = list(EXTRA_TYPES)
    if args.types:
        wanted = set(args.types.split(","))
        names = [n for n in names if n in wanted]
        extras = [e for e in extras if e[0] in wanted]
    all_names = names + [e[0] for e in extras]

    with tempfile.TemporaryDirectory(prefix="dir_parity_") as tmp:
        source = probe_source(names, extras)
        out, err, rc = run([sys.executable], source, tmp, 300)
        expected = parse(out)
        if rc != 0:
            print(f"dir_parity: the probe failed under CPython (exit {rc}): {last_line(err)}", file=sys.stderr)
            return 2
        out, err, rc = run([args.crabby, "run"], source, tmp, args.timeout)
        got = parse(out)
        problems = {}
        if rc != 0:
            problems["(whole probe)"] = f"exit {rc}: {last_line(err)}"
        # Types the whole probe did not report: probe each alone.
        missing = [n for n in all_names if n not in got]
        for n in missing:
            one = probe_source([n] if n in names else [], [e for e in extras if e[0] == n])
            o, e, code = run([args.crabby, "run"], one, tmp, 600)
            r = parse(o)
            if n in r:
                got[n] = r[n]
            else:
                got[n] = f"!probe did not run (exit {code}): {last_line(e)}"

    total_missing = total_extra = same = 0
    absent = []
    for n in all_names:
        want = expected.get(n)
        have = got.get(n)
        if isinstance(want, str):
            # CPython itself could not make this type (not expected on 3.12): skip it.
            continue
        if isinstance(have, str):
            absent.append(n)
            total_missing += len(want)
            print(f"{n}: NOT AVAILABLE in crabby ({have[1:]}); CPython has {len(want)} names")
            continue
        lack = sorted(want - have)
        more = sorted(have - want)
        total_missing += len(lack)
        total_extra += len(more)
        if not lack and not more:
            same += 1
            if not args.quiet:
                print(f"{n}: same ({len(want)} names)")
            continue
        parts = []
        if lack:
            parts.append(f"missing {len(lack)}: {' '.join(lack)}")
        if more:
            parts.append(f"extra {len(more)}: {' '.join(more)}")
        print(f"{n}: " + "; ".join(parts))
    for what, why in problems.items():
        print(f"note: {what} {why}")
    compared = len([n for n in all_names if not isinstance(expected.get(n), str)])
    print(
        f"TOTAL: {compared} types compared, {same} identical, {len(absent)} not available in crabby; "
        f"{total_missing} names missing, {total_extra} extra"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
