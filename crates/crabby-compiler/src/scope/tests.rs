//! Scope-pass tests: results compared with what python3.12's `symtable` module and code objects report.

use super::*;

fn build(src: &str) -> Result<SymbolTable, CompileError> {
    let module = ruff_python_parser::parse_module(src).expect("test programs parse").into_syntax();
    SymbolTable::build(&module, src, "x.py")
}

/// The table in the format of the recording script: one block per scope as CPython's `symtable` module shows
/// them (inlined comprehensions are not shown; their nested scopes appear in their place).
fn dump(table: &SymbolTable) -> String {
    let mut out = Vec::new();
    dump_scope(table, 0, 0, &mut out);
    out.join("\n")
}

fn dump_scope(table: &SymbolTable, id: ScopeId, depth: usize, out: &mut Vec<String>) {
    let s = &table.scopes[id];
    let ind = "  ".repeat(depth);
    let (typ, name) = match s.kind {
        ScopeKind::Module => ("module", "top"),
        ScopeKind::Class => ("class", s.name.as_str()),
        ScopeKind::Lambda => ("function", "lambda"),
        ScopeKind::GeneratorExpression => ("function", "genexpr"),
        _ => ("function", s.name.as_str()),
    };
    out.push(format!("{ind}{typ} {name}"));
    let syms: Vec<String> = s
        .symbols
        .iter()
        .map(|sym| {
            let mut fl = String::new();
            for (on, c) in [
                (sym.is_param, 'P'),
                (sym.is_bound, 'b'),
                (sym.is_used, 'u'),
                (sym.free_class, 'F'),
                (sym.is_imported, 'I'),
                (sym.is_annotated, 'A'),
            ] {
                if on {
                    fl.push(c);
                }
            }
            format!("{}:{:?}:{}", sym.name, sym.scope, fl)
        })
        .collect();
    out.push(format!("{ind}  syms {}", syms.join(" ")));
    if typ == "function" {
        out.push(format!("{ind}  params {}", s.params.join(",")));
    }
    if s.kind != ScopeKind::Module {
        out.push(format!(
            "{ind}  code {} cell={} free={} gen={} coro={}",
            s.qualname,
            s.cellvars.join(","),
            s.freevars.join(","),
            if s.is_generator { "True" } else { "False" },
            if s.is_coroutine { "True" } else { "False" }
        ));
    }
    for &c in &s.children {
        dump_children(table, c, depth + 1, out);
    }
}

fn dump_children(table: &SymbolTable, id: ScopeId, depth: usize, out: &mut Vec<String>) {
    if table.scopes[id].kind == ScopeKind::InlinedComprehension {
        for &c in &table.scopes[id].children {
            dump_children(table, c, depth, out);
        }
    } else {
        dump_scope(table, id, depth, out);
    }
}

fn dump_result(src: &str) -> String {
    if ruff_python_parser::parse_module(src).is_err() {
        return "PARSE ERROR".into();
    }
    match build(src) {
        Ok(t) => dump(&t),
        Err(e) => format!("ERROR {} {}:{}-{}", e.msg, e.lineno, e.col, e.end_col),
    }
}

/// Dumps the programs of the file named by `CRABBY_SCOPE_DUMP` (separated by `#====` lines), for comparison
/// with the recording script's output.
#[test]
#[ignore]
fn dump_from_env() {
    let Ok(path) = std::env::var("CRABBY_SCOPE_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    for prog in text.split("#====\n") {
        println!("{}", dump_result(prog));
        println!("#====");
    }
}

/// Compares the table of `src` with `expected`, recorded from python3.12 (`symtable` plus code objects).
#[track_caller]
fn check(src: &str, expected: &str) {
    let got = dump_result(src);
    assert_eq!(got.trim(), expected.trim(), "\n--- got ---\n{got}\n");
}

#[test]
fn closures_and_params() {
    check(
        r#"def f(a, /, b, *c, d, e=1, **g):
    x = 1
    def h():
        return x + y
    return [x for x in a]
class C:
    def m(self):
        return super().m()
    z = 1
    w = [z for _ in range(3)]
"#,
        r#"
module top
  syms f:Local:b C:Local:b
  function f
    syms a:Local:Pu b:Local:P d:Local:P e:Local:P c:Local:P g:Local:P x:Cell:b h:Local:b
    params a,b,d,e,c,g
    code f cell=x free= gen=False coro=False
    function h
      syms x:Free:u y:GlobalImplicit:u
      params 
      code f.<locals>.h cell= free=x gen=False coro=False
  class C
    syms m:Local:b z:Local:b w:Local:b range:GlobalImplicit:u _:Local:b
    code C cell=__class__ free= gen=False coro=False
    function m
      syms self:Local:P super:GlobalImplicit:u __class__:Free:u
      params self
      code C.m cell= free=__class__ gen=False coro=False
"#,
    );
}

#[test]
fn nonlocal_chain() {
    check(
        r#"def f():
    x = 1
    def g():
        nonlocal x
        x = 2
        def h():
            return x
        return h
    return g
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms x:Cell:b g:Local:bu
    params 
    code f cell=x free= gen=False coro=False
    function g
      syms x:Free:b h:Local:bu
      params 
      code f.<locals>.g cell= free=x gen=False coro=False
      function h
        syms x:Free:u
        params 
        code f.<locals>.g.<locals>.h cell= free=x gen=False coro=False
"#,
    );
}

#[test]
fn class_free() {
    check(
        r#"def outer():
    v = 1
    class C:
        v = 2
        def m(self):
            return v
        u = v
    return C
"#,
        r#"
module top
  syms outer:Local:b
  function outer
    syms v:Cell:b C:Local:bu
    params 
    code outer cell=v free= gen=False coro=False
    class C
      syms v:Local:buF m:Local:b u:Local:b
      code outer.<locals>.C cell= free=v gen=False coro=False
      function m
        syms self:Local:P v:Free:u
        params self
        code outer.<locals>.C.m cell= free=v gen=False coro=False
"#,
    );
    check(
        r#"def outer():
    v = 1
    class C:
        def m(self):
            return v
        print(v)
    return C
"#,
        r#"
module top
  syms outer:Local:b
  function outer
    syms v:Cell:b C:Local:bu
    params 
    code outer cell=v free= gen=False coro=False
    class C
      syms m:Local:b print:GlobalImplicit:u v:Free:uF
      code outer.<locals>.C cell= free=v gen=False coro=False
      function m
        syms self:Local:P v:Free:u
        params self
        code outer.<locals>.C.m cell= free=v gen=False coro=False
"#,
    );
}

#[test]
fn walrus_in_function_comprehension() {
    check(
        r#"def f():
    [y := 1 for x in z]
    return y
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms z:GlobalImplicit:u y:Local:bu x:Local:b
    params 
    code f cell= free= gen=False coro=False
"#,
    );
}

#[test]
fn comprehension_cells() {
    check(
        r#"def f():
    return [lambda: x for x in range(3)]
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms range:GlobalImplicit:u x:Cell:b
    params 
    code f cell=x free= gen=False coro=False
    function lambda
      syms x:Free:u
      params 
      code f.<locals>.<lambda> cell= free=x gen=False coro=False
"#,
    );
}

#[test]
fn private_names() {
    check(
        r#"class C:
    def __m(self):
        __x = 1
        def g():
            return __x
        return g
    __y = 2
    import __z
"#,
        r#"
module top
  syms C:Local:b
  class C
    syms _C__m:Local:b _C__y:Local:b _C__z:Local:bI
    code C cell= free= gen=False coro=False
    function __m
      syms self:Local:P _C__x:Cell:b g:Local:bu
      params self
      code C.__m cell=_C__x free= gen=False coro=False
      function g
        syms _C__x:Free:u
        params 
        code C.__m.<locals>.g cell= free=_C__x gen=False coro=False
"#,
    );
}

#[test]
fn class_cell() {
    check(
        r#"def f():
    class D:
        def g(self):
            return __class__
    return D
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms D:Local:bu
    params 
    code f cell= free= gen=False coro=False
    class D
      syms g:Local:b
      code f.<locals>.D cell=__class__ free= gen=False coro=False
      function g
        syms self:Local:P __class__:Free:u
        params self
        code f.<locals>.D.g cell= free=__class__ gen=False coro=False
"#,
    );
}

#[test]
fn nested_comprehensions() {
    check(
        r#"def f(x):
    return [[x + y for y in range(x)] for _ in range(3)]
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms x:Local:P range:GlobalImplicit:u _:Local:b y:Local:bu
    params x
    code f cell= free= gen=False coro=False
"#,
    );
}

#[test]
fn class_body_comprehension() {
    check(
        r#"def f():
    x = 1
    class C:
        y = [x for _ in r]
    return C
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms x:Cell:b C:Local:bu
    params 
    code f cell=x free= gen=False coro=False
    class C
      syms y:Local:b r:GlobalImplicit:u _:Local:b x:Free:uF
      code f.<locals>.C cell= free=x gen=False coro=False
"#,
    );
}

#[test]
fn free_class_passthrough() {
    check(
        r#"def f():
    x = 1
    class C:
        x = 2
        def m(self):
            return x
        def n(self):
            x = 3
            return x
    return C
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms x:Cell:b C:Local:bu
    params 
    code f cell=x free= gen=False coro=False
    class C
      syms x:Local:bF m:Local:b n:Local:b
      code f.<locals>.C cell= free=x gen=False coro=False
      function m
        syms self:Local:P x:Free:u
        params self
        code f.<locals>.C.m cell= free=x gen=False coro=False
      function n
        syms self:Local:P x:Local:bu
        params self
        code f.<locals>.C.n cell= free= gen=False coro=False
"#,
    );
}

#[test]
fn walrus_through_nested_function() {
    check(
        r#"def f():
    y = 1
    def g():
        return [y := 2 for _ in r], y
    return g
"#,
        r#"
module top
  syms f:Local:b
  function f
    syms y:Local:b g:Local:bu
    params 
    code f cell= free= gen=False coro=False
    function g
      syms r:GlobalImplicit:u y:Local:bu _:Local:b
      params 
      code f.<locals>.g cell= free= gen=False coro=False
"#,
    );
}

#[test]
fn generators_and_coroutines() {
    check(
        r#"def gen():
    yield 1
async def co():
    await x
async def agen():
    yield 1
    await y
lam = lambda a, b=c: (yield a)
"#,
        r#"
module top
  syms gen:Local:b co:Local:b agen:Local:b lam:Local:b c:GlobalImplicit:u
  function gen
    syms 
    params 
    code gen cell= free= gen=True coro=False
  function co
    syms x:GlobalImplicit:u
    params 
    code co cell= free= gen=False coro=True
  function agen
    syms y:GlobalImplicit:u
    params 
    code agen cell= free= gen=True coro=True
  function lambda
    syms a:Local:Pu b:Local:P
    params a,b
    code <lambda> cell= free= gen=True coro=False
"#,
    );
}

#[test]
fn global_qualnames() {
    check(
        r#"def f():
    g = lambda: (yield)
    class K:
        global gg
        def gg(self): pass
        x = lambda self: 1
    return K
"#,
        r#"
module top
  syms f:Local:b gg:GlobalExplicit:
  function f
    syms g:Local:b K:Local:bu
    params 
    code f cell= free= gen=False coro=False
    function lambda
      syms 
      params 
      code f.<locals>.<lambda> cell= free= gen=True coro=False
    class K
      syms gg:GlobalExplicit:b x:Local:b
      code f.<locals>.K cell= free= gen=False coro=False
      function gg
        syms self:Local:P
        params self
        code gg cell= free= gen=False coro=False
      function lambda
        syms self:Local:P
        params self
        code f.<locals>.K.<lambda> cell= free= gen=False coro=False
"#,
    );
}

/// Compile-time errors: message, line, caret columns (recorded from python3.12).
#[test]
fn errors_match_cpython() {
    let cases: &[(&str, &str, usize, usize, usize)] = &[
        ("def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration", 3, 5, 13),
        ("def f(x):\n    global x\n", "name 'x' is parameter and global", 2, 5, 13),
        ("def f(x):\n    nonlocal x\n", "name 'x' is parameter and nonlocal", 2, 5, 15),
        (
            "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
            "name 'x' is nonlocal and global",
            4,
            9,
            17,
        ),
        ("nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 1, 11),
        ("def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2, 5, 15),
        ("def f():\n    x: int\n    global x\n", "annotated name 'x' can't be global", 3, 5, 13),
        ("def f():\n    global x\n    x: int\n", "annotated name 'x' can't be global", 3, 5, 11),
        ("class C:\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2, 5, 15),
        ("def f(a, a): pass\n", "duplicate argument 'a' in function definition", 1, 10, 11),
        ("def f(a, *, b, **a): pass\n", "duplicate argument 'a' in function definition", 1, 18, 19),
        ("lambda a, a: 0\n", "duplicate argument 'a' in function definition", 1, 11, 12),
        ("def f():\n    from m import *\n", "import * only allowed at module level", 2, 19, 20),
        ("[x := 1 for x in z]\n", "assignment expression cannot rebind comprehension iteration variable 'x'", 1, 2, 3),
        (
            "[y for x in z if (x := 1)]\n",
            "assignment expression cannot rebind comprehension iteration variable 'x'",
            1,
            19,
            20,
        ),
        (
            "[y for x in (y := z)]\n",
            "assignment expression cannot be used in a comprehension iterable expression",
            1,
            14,
            20,
        ),
        (
            "class C:\n    [y := 1 for x in z]\n",
            "assignment expression within a comprehension cannot be used in a class body",
            2,
            6,
            7,
        ),
        (
            "[(x := 1) for y in z for x in w]\n",
            "assignment expression cannot rebind comprehension iteration variable 'x'",
            1,
            3,
            4,
        ),
        (
            "[1 for x in (lambda: (y := 1))()]\n",
            "assignment expression cannot be used in a comprehension iterable expression",
            1,
            23,
            29,
        ),
        (
            "[i for i in range(5) if (j := 0) for j in range(5)]\n",
            "comprehension inner loop cannot rebind assignment expression target 'j'",
            1,
            38,
            39,
        ),
        ("[(yield x) for y in z]\n", "'yield' inside list comprehension", 1, 3, 10),
        ("((yield x) for y in z)\n", "'yield' inside generator expression", 1, 3, 10),
        ("{(x := 1): (yield) for x in y}\n", "'yield' inside dict comprehension", 1, 13, 18),
        ("def f():\n    global x\n    def g():\n        nonlocal x\n", "no binding for nonlocal 'x' found", 4, 9, 19),
        (
            "def f():\n    x = 1\n    def g():\n        global x\n        def h():\n            nonlocal x\n",
            "no binding for nonlocal 'x' found",
            6,
            13,
            23,
        ),
        (
            "def f():\n    [z := 1 for a in b]\n    global z\n",
            "name 'z' is assigned to before global declaration",
            3,
            5,
            13,
        ),
        ("x = 'é'; return 1\n", "'return' outside function", 1, 11, 19),
        ("yield 1\n", "'yield' outside function", 1, 1, 8),
        ("await x\n", "'await' outside function", 1, 1, 8),
        ("def f():\n  await x\n", "'await' outside async function", 2, 3, 10),
        (
            "def f():\n  [await x for y in z]\n",
            "asynchronous comprehension outside of an asynchronous function",
            2,
            3,
            23,
        ),
        (
            "def f():\n  [x async for y in z]\n",
            "asynchronous comprehension outside of an asynchronous function",
            2,
            3,
            23,
        ),
        ("async def f():\n  yield 1\n  return 2\n", "'return' with value in async generator", 3, 3, 11),
        ("async def f():\n  yield from x\n", "'yield from' inside async function", 2, 3, 15),
        ("break\n", "'break' outside loop", 1, 1, 6),
        ("continue\n", "'continue' not properly in loop", 1, 1, 9),
        ("while 1:\n  def f():\n    break\n", "'break' outside loop", 3, 5, 10),
        ("def f():\n  async for x in y: pass\n", "'async for' outside async function", 2, 3, 25),
        ("def f():\n  async with x: pass\n", "'async with' outside async function", 2, 3, 21),
        ("async for x in y: pass\n", "'async for' outside async function", 1, 1, 23),
        ("f(a=1, a=2)\n", "keyword argument repeated: a", 1, 8, 11),
        ("__debug__ = 1\n", "cannot assign to __debug__", 1, 1, 10),
        ("del __debug__\n", "cannot delete __debug__", 1, 5, 14),
        ("def f(__debug__): pass\n", "cannot assign to __debug__", 1, 7, 16),
        ("f(__debug__=1)\n", "cannot assign to __debug__", 1, 3, 14),
        ("x.__debug__ = 1\n", "cannot assign to __debug__", 1, 1, 12),
        ("*a = 1\n", "starred assignment target must be in a list or tuple", 1, 1, 3),
        ("a, *b, c, *d = e\n", "multiple starred expressions in assignment", 1, 1, 13),
        ("x = *a\n", "can't use starred expression here", 1, 5, 7),
        ("if 0:\n  return\n", "'return' outside function", 2, 3, 9),
        ("match x:\n  case [a, a]: pass\n", "multiple assignments to name 'a' in pattern", 2, 12, 13),
        (
            "match x:\n  case a: pass\n  case 1: pass\n",
            "name capture 'a' makes remaining patterns unreachable",
            2,
            8,
            9,
        ),
        ("match x:\n  case _: pass\n  case 1: pass\n", "wildcard makes remaining patterns unreachable", 2, 8, 9),
        ("match x:\n  case 1 | a: pass\n", "alternative patterns bind different names", 2, 8, 13),
        (
            "match x:\n  case a | 1: pass\n  case 2: pass\n",
            "name capture 'a' makes remaining patterns unreachable",
            2,
            8,
            9,
        ),
        ("match x:\n  case [*a, *b]: pass\n", "multiple starred names in sequence pattern", 2, 8, 16),
        ("match x:\n  case {\"a\": 1, \"a\": 2}: pass\n", "mapping pattern checks duplicate key ('a')", 2, 8, 24),
        ("match x:\n  case C(a=1, a=2): pass\n", "attribute name repeated in class pattern: a", 2, 17, 18),
        ("match x:\n  case (a | b): pass\n", "name capture 'a' makes remaining patterns unreachable", 2, 9, 10),
        ("from __future__ import braces\n", "not a chance", 1, 1, 2),
        (
            "x=1\nfrom __future__ import division\n",
            "from __future__ imports must occur at the beginning of the file",
            2,
            1,
            32,
        ),
        ("from __future__ import nope\n", "future feature nope is not defined", 1, 1, 2),
        (
            "def f():\n  from __future__ import division\n",
            "from __future__ imports must occur at the beginning of the file",
            2,
            3,
            34,
        ),
        (
            "try:\n  pass\nexcept* E:\n  break\n",
            "'break', 'continue' and 'return' cannot appear in an except* block",
            4,
            3,
            8,
        ),
        (
            "for x in y:\n try:\n  pass\n except* E:\n  continue\n",
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
            3,
            11,
        ),
        (
            "def f():\n try:\n  pass\n except* E:\n  return\n",
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
            3,
            9,
        ),
        ("for __debug__ in x: pass\n", "cannot assign to __debug__", 1, 5, 14),
        ("with a as __debug__: pass\n", "cannot assign to __debug__", 1, 11, 20),
        ("def __debug__(): pass\n", "cannot assign to __debug__", 1, 1, 22),
        ("import __debug__\n", "cannot assign to __debug__", 1, 1, 17),
        ("@dec\ndef __debug__(): pass\n", "cannot assign to __debug__", 2, 1, 22),
        ("class C:\n  await x\n", "'await' outside function", 2, 3, 10),
        ("while x: pass\nelse: break\n", "'break' outside loop", 2, 7, 12),
        ("for x in y:\n  pass\nelse:\n  continue\n", "'continue' not properly in loop", 4, 3, 11),
        ("x = [await y for y in z]\n", "asynchronous comprehension outside of an asynchronous function", 1, 5, 25),
        ("class C:\n  return 1\n", "'return' outside function", 2, 3, 11),
        ("def f():\n  class C:\n    yield 1\n", "'yield' outside function", 3, 5, 12),
        ("lambda: await x\n", "'await' outside async function", 1, 9, 16),
        ("async def f():\n  lambda: await x\n", "'await' outside async function", 2, 11, 18),
        ("match x:\n  case {1: a, 1.0: b}: pass\n", "mapping pattern checks duplicate key (1.0)", 2, 8, 22),
        ("match x:\n  case {True: a, 1: b}: pass\n", "mapping pattern checks duplicate key (1)", 2, 8, 23),
        ("match x:\n  case {-1: a, -1: b}: pass\n", "mapping pattern checks duplicate key (-1)", 2, 8, 22),
        ("match x:\n  case [a, (b | a)]: pass\n", "name capture 'b' makes remaining patterns unreachable", 2, 13, 14),
        ("match x:\n  case {**__debug__}: pass\n", "cannot assign to __debug__", 2, 8, 21),
        ("match x:\n  case C(__debug__=1): pass\n", "cannot assign to __debug__", 2, 20, 21),
        ("class C(a=1, a=2): pass\n", "keyword argument repeated: a", 1, 14, 17),
        (
            "def f():\n  x = 1\n  return x\nreturn 2\ndef g():\n  nonlocal q\n",
            "no binding for nonlocal 'q' found",
            6,
            3,
            13,
        ),
    ];
    for &(src, msg, lineno, col, end_col) in cases {
        let e = build(src).expect_err(src);
        assert_eq!((e.msg.as_str(), e.lineno, e.col, e.end_col), (msg, lineno, col, end_col), "{src}");
    }
}
