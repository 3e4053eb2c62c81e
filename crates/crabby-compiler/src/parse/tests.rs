//! The parser's SyntaxError reports compared with CPython 3.12's, case by case.

use super::parse_module;

fn report(src: &str) -> String {
    match parse_module(src, "x.py").and_then(|m| crate::scope::SymbolTable::build(&m, src, "x.py").map(|_| ())) {
        Ok(()) => "OK".to_string(),
        Err(e) => e.render(),
    }
}

/// Programs and the stderr of `python3.12 x.py` for them (recorded; "OK" when CPython compiles them).
#[test]
fn reports_match_cpython() {
    let cases: &[(&str, &str)] = &[
            (
                "try:\n  pass\nexcept* E:\n  pass\nexcept F:\n  pass\n",
                "  File \"x.py\", line 5\n    except F:\n    ^^^^^^\nSyntaxError: cannot have both 'except' and 'except*' on the same 'try'\n",
            ),
            (
                "try:\n  pass\nexcept E:\n  pass\nexcept * F:\n  pass\n",
                "  File \"x.py\", line 5\n    except * F:\n    ^^^^^^^^\nSyntaxError: cannot have both 'except' and 'except*' on the same 'try'\n",
            ),
            (
                "try:\n  pass\nexcept*:\n  pass\n",
                "  File \"x.py\", line 3\n    except*:\n           ^\nSyntaxError: expected one or more exception types\n",
            ),
            (
                "def f():\n  try:\n    pass\n  except* E:\n    return 1\n",
                "  File \"x.py\", line 5\n    return 1\n           ^\nSyntaxError: 'break', 'continue' and 'return' cannot appear in an except* block\n",
            ),
            (
                r#"x = = 1
"#,
                r#"  File "x.py", line 1
    x = = 1
        ^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"1 = x
"#,
                r#"  File "x.py", line 1
    1 = x
    ^
SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"f() = 1
"#,
                r#"  File "x.py", line 1
    f() = 1
    ^^^
SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"del 1
"#,
                r#"  File "x.py", line 1
    del 1
        ^
SyntaxError: cannot delete literal
"#,
            ),
            (
                r#"f(**x, *y)
"#,
                r#"  File "x.py", line 1
    f(**x, *y)
           ^
SyntaxError: iterable argument unpacking follows keyword argument unpacking
"#,
            ),
            (
                r#"f(x=1, y)
"#,
                r#"  File "x.py", line 1
    f(x=1, y)
            ^
SyntaxError: positional argument follows keyword argument
"#,
            ),
            (
                r#"if x
  pass
"#,
                r#"  File "x.py", line 1
    if x
        ^
SyntaxError: expected ':'
"#,
            ),
            (
                r#"x = "abc
"#,
                r#"  File "x.py", line 1
    x = "abc
        ^
SyntaxError: unterminated string literal (detected at line 1)
"#,
            ),
            (
                r#"x = '''abc

"#,
                r#"  File "x.py", line 1
    x = '''abc
        ^
SyntaxError: unterminated triple-quoted string literal (detected at line 2)
"#,
            ),
            (
                r#"x = $
"#,
                r#"  File "x.py", line 1
    x = $
        ^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"print "x"
"#,
                r#"  File "x.py", line 1
    print "x"
    ^^^^^^^^^
SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
"#,
            ),
            (
                r#"else: pass
"#,
                r#"  File "x.py", line 1
    else: pass
    ^^^^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"x = 1abc
"#,
                r#"  File "x.py", line 1
    x = 1abc
        ^
SyntaxError: invalid decimal literal
"#,
            ),
            (
                r#"def f(a=1, b): pass
"#,
                r#"  File "x.py", line 1
    def f(a=1, b): pass
               ^
SyntaxError: parameter without a default follows parameter with a default
"#,
            ),
            (
                r#"*a, *b = x
"#,
                r#"  File "x.py", line 1
    *a, *b = x
    ^^^^^^
SyntaxError: multiple starred expressions in assignment
"#,
            ),
            (
                r#"*a
"#,
                r#"  File "x.py", line 1
    *a
    ^^
SyntaxError: can't use starred expression here
"#,
            ),
            (
                r#"x = (1,
2
"#,
                r#"  File "x.py", line 1
    x = (1,
        ^
SyntaxError: '(' was never closed
"#,
            ),
            (
                r#"x = [1, 2)
"#,
                r#"  File "x.py", line 1
    x = [1, 2)
             ^
SyntaxError: closing parenthesis ')' does not match opening parenthesis '['
"#,
            ),
            (
                r#"x = 1)
"#,
                r#"  File "x.py", line 1
    x = 1)
         ^
SyntaxError: unmatched ')'
"#,
            ),
            (
                r#"    x = 1
"#,
                r#"  File "x.py", line 1
    x = 1
IndentationError: unexpected indent
"#,
            ),
            (
                r#"if x:
pass
"#,
                r#"  File "x.py", line 2
    pass
    ^
IndentationError: expected an indented block after 'if' statement on line 1
"#,
            ),
            (
                r#"if x:
    a
  b
"#,
                r#"  File "x.py", line 3
    b
     ^
IndentationError: unindent does not match any outer indentation level
"#,
            ),
            (
                r#"if x:
	a
        b
"#,
                r#"  File "x.py", line 3
    b
TabError: inconsistent use of tabs and spaces in indentation
"#,
            ),
            (
                r#"f(a b)
"#,
                r#"  File "x.py", line 1
    f(a b)
      ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"f(a for a in b, c)
"#,
                r#"  File "x.py", line 1
    f(a for a in b, c)
      ^^^^^^^^^^^^
SyntaxError: Generator expression must be parenthesized
"#,
            ),
            (
                r#"x + 1 = 2
"#,
                r#"  File "x.py", line 1
    x + 1 = 2
    ^^^^^
SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"(a, 1) = x
"#,
                r#"  File "x.py", line 1
    (a, 1) = x
        ^
SyntaxError: cannot assign to literal
"#,
            ),
            (
                r#"[a, f()] = x
"#,
                r#"  File "x.py", line 1
    [a, f()] = x
        ^^^
SyntaxError: cannot assign to function call
"#,
            ),
            (
                r#"x += 1 += 2
"#,
                r#"  File "x.py", line 1
    x += 1 += 2
           ^^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"f() += 1
"#,
                r#"  File "x.py", line 1
    f() += 1
    ^^^
SyntaxError: 'function call' is an illegal expression for augmented assignment
"#,
            ),
            (
                r#"[a, b] += 1
"#,
                r#"  File "x.py", line 1
    [a, b] += 1
    ^^^^^^
SyntaxError: 'list' is an illegal expression for augmented assignment
"#,
            ),
            (
                r#"del f()
"#,
                r#"  File "x.py", line 1
    del f()
        ^^^
SyntaxError: cannot delete function call
"#,
            ),
            (
                r#"try:
  pass
"#,
                r#"  File "x.py", line 2
    pass
SyntaxError: expected 'except' or 'finally' block
"#,
            ),
            (
                r#"x = {'a': 1
y = 2
"#,
                r#"  File "x.py", line 1
    x = {'a': 1
        ^
SyntaxError: '{' was never closed
"#,
            ),
            (
                r#"def f(a, a=1, *, b): pass
"#,
                r#"  File "x.py", line 1
    def f(a, a=1, *, b): pass
             ^
SyntaxError: duplicate argument 'a' in function definition
"#,
            ),
            (
                r#"def f(*): pass
"#,
                r#"  File "x.py", line 1
    def f(*): pass
          ^
SyntaxError: named arguments must follow bare *
"#,
            ),
            (
                r#"def f(**k, a): pass
"#,
                r#"  File "x.py", line 1
    def f(**k, a): pass
               ^
SyntaxError: arguments cannot follow var-keyword argument
"#,
            ),
            (
                r#"def f(*a, *b): pass
"#,
                r#"  File "x.py", line 1
    def f(*a, *b): pass
              ^
SyntaxError: * argument may appear only once
"#,
            ),
            (
                r#"def f(a, /, b, /): pass
"#,
                r#"  File "x.py", line 1
    def f(a, /, b, /): pass
                   ^
SyntaxError: / may appear only once
"#,
            ),
            (
                r#"x = yield = 1
"#,
                r#"  File "x.py", line 1
    x = yield = 1
        ^^^^^
SyntaxError: assignment to yield expression not possible
"#,
            ),
            (
                r#"a if b
"#,
                r#"  File "x.py", line 1
    a if b
    ^^^^^^
SyntaxError: expected 'else' after 'if' expression
"#,
            ),
            (
                r#"x = (1 2)
"#,
                r#"  File "x.py", line 1
    x = (1 2)
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"x = [1 2]
"#,
                r#"  File "x.py", line 1
    x = [1 2]
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"x = {1 2}
"#,
                r#"  File "x.py", line 1
    x = {1 2}
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"(x.y := 1)
"#,
                r#"  File "x.py", line 1
    (x.y := 1)
     ^^^
SyntaxError: cannot use assignment expressions with attribute
"#,
            ),
            (
                r#"x = [
"#,
                r#"  File "x.py", line 1
    x = [
        ^
SyntaxError: '[' was never closed
"#,
            ),
            (
                r#"x = 0777
"#,
                r#"  File "x.py", line 1
    x = 0777
        ^
SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
"#,
            ),
            (
                r#"x = 0b2
"#,
                r#"  File "x.py", line 1
    x = 0b2
          ^
SyntaxError: invalid digit '2' in binary literal
"#,
            ),
            (
                r#"True = 1
"#,
                r#"  File "x.py", line 1
    True = 1
    ^^^^
SyntaxError: cannot assign to True
"#,
            ),
            (
                r#"None = 1
"#,
                r#"  File "x.py", line 1
    None = 1
    ^^^^
SyntaxError: cannot assign to None
"#,
            ),
            (
                r#"__debug__ = 2
"#,
                r#"  File "x.py", line 1
    __debug__ = 2
    ^^^^^^^^^
SyntaxError: cannot assign to __debug__
"#,
            ),
            (
                r#"f(a.b=1)
"#,
                r#"  File "x.py", line 1
    f(a.b=1)
      ^^^^
SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
"#,
            ),
            (
                r#"from . import *
"#,
                r#"OK"#,
            ),
            (
                r#"print(f"{x")
"#,
                r#"  File "x.py", line 1
    print(f"{x")
              ^
SyntaxError: f-string: expecting '}'
"#,
            ),
            (
                r#"print(f"{}")
"#,
                r#"  File "x.py", line 1
    print(f"{}")
             ^
SyntaxError: f-string: valid expression required before '}'
"#,
            ),
            (
                r#"f"{x!z}"
"#,
                r#"  File "x.py", line 1
    f"{x!z}"
         ^
SyntaxError: f-string: invalid conversion character 'z': expected 's', 'r', or 'a'
"#,
            ),
            (
                r#"return
"#,
                r#"  File "x.py", line 1
    return
    ^^^^^^
SyntaxError: 'return' outside function
"#,
            ),
            (
                r#"x = (yield)
"#,
                r#"  File "x.py", line 1
    x = (yield)
         ^^^^^
SyntaxError: 'yield' outside function
"#,
            ),
            (
                r#"match x:
  case 1+1: pass
"#,
                r#"  File "x.py", line 2
    case 1+1: pass
           ^
SyntaxError: imaginary number required in complex literal
"#,
            ),
            (
                r#"x = {**a for a in b}
"#,
                r#"  File "x.py", line 1
    x = {**a for a in b}
         ^^
SyntaxError: dict unpacking cannot be used in dict comprehension
"#,
            ),
            (
                r#"x = {a: *b}
"#,
                r#"  File "x.py", line 1
    x = {a: *b}
            ^^
SyntaxError: cannot use a starred expression in a dictionary value
"#,
            ),
            (
                r#"x = [*a for a in b]
"#,
                r#"  File "x.py", line 1
    x = [*a for a in b]
         ^^
SyntaxError: iterable unpacking cannot be used in comprehension
"#,
            ),
            (
                r#"l = [1, 2
     3, 4]
"#,
                r#"  File "x.py", line 1
    l = [1, 2
            ^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"f"{x}" = 1
"#,
                r#"  File "x.py", line 1
    f"{x}" = 1
    ^^^^^^
SyntaxError: cannot assign to f-string expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"x, y += 1
"#,
                r#"  File "x.py", line 1
    x, y += 1
    ^^^^
SyntaxError: 'tuple' is an illegal expression for augmented assignment
"#,
            ),
            (
                r#"(x for x in y) = 1
"#,
                r#"  File "x.py", line 1
    (x for x in y) = 1
    ^^^^^^^^^^^^^^
SyntaxError: cannot assign to generator expression
"#,
            ),
            (
                r#"{a: b} = 1
"#,
                r#"  File "x.py", line 1
    {a: b} = 1
    ^^^^^^
SyntaxError: cannot assign to dict literal here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"{a} = 1
"#,
                r#"  File "x.py", line 1
    {a} = 1
    ^^^
SyntaxError: cannot assign to set display here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"a and b = 1
"#,
                r#"  File "x.py", line 1
    a and b = 1
    ^^^^^^^
SyntaxError: cannot assign to expression
"#,
            ),
            (
                r#"a < b = 1
"#,
                r#"  File "x.py", line 1
    a < b = 1
    ^^^^^
SyntaxError: cannot assign to comparison
"#,
            ),
            (
                r#"a if b else c = 1
"#,
                r#"  File "x.py", line 1
    a if b else c = 1
    ^^^^^^^^^^^^^
SyntaxError: cannot assign to conditional expression
"#,
            ),
            (
                r#"await x = 1
"#,
                r#"  File "x.py", line 1
    await x = 1
    ^^^^^^^
SyntaxError: cannot assign to await expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"... = 1
"#,
                r#"  File "x.py", line 1
    ... = 1
    ^^^
SyntaxError: cannot assign to ellipsis here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"lambda: 1 = 1
"#,
                r#"  File "x.py", line 1
    lambda: 1 = 1
    ^^^^^^^^^
SyntaxError: cannot assign to lambda
"#,
            ),
            (
                r#"(yield) = 1
"#,
                r#"  File "x.py", line 1
    (yield) = 1
     ^^^^^
SyntaxError: cannot assign to yield expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"[i for i in x] = 1
"#,
                r#"  File "x.py", line 1
    [i for i in x] = 1
    ^^^^^^^^^^^^^^
SyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"del a + b
"#,
                r#"  File "x.py", line 1
    del a + b
        ^^^^^
SyntaxError: cannot delete expression
"#,
            ),
            (
                r#"del *a
"#,
                r#"  File "x.py", line 1
    del *a
        ^^
SyntaxError: cannot delete starred
"#,
            ),
            (
                r#"(*a) = 1
"#,
                r#"  File "x.py", line 1
    (*a) = 1
     ^^
SyntaxError: cannot use starred expression here
"#,
            ),
            (
                r#"\
"#,
                r#"  File "x.py", line 1
    \
SyntaxError: unexpected EOF while parsing
"#,
            ),
            (
                r#"x = 1 \ 2
"#,
                r#"  File "x.py", line 1
    x = 1 \ 2
           ^
SyntaxError: unexpected character after line continuation character
"#,
            ),
            (
                r#"€ = 1
"#,
                r#"  File "x.py", line 1
    € = 1
    ^
SyntaxError: invalid character '€' (U+20AC)
"#,
            ),
            (
                r#"x = 'a' + 1€
"#,
                r#"  File "x.py", line 1
    x = 'a' + 1€
               ^
SyntaxError: invalid character '€' (U+20AC)
"#,
            ),
            (
                r#"def f():
    x = 1
    if x = 2:
        pass
"#,
                r#"  File "x.py", line 3
    if x = 2:
       ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"x = [1, 2, 3]]
"#,
                r#"  File "x.py", line 1
    x = [1, 2, 3]]
                 ^
SyntaxError: unmatched ']'
"#,
            ),
            (
                r#"print(f"{x!}")
"#,
                r#"  File "x.py", line 1
    print(f"{x!}")
               ^
SyntaxError: f-string: missing conversion character
"#,
            ),
            (
                r#"print(f"{x:{y:{z:{w}}}}")
"#,
                r#"  File "x.py", line 1
    print(f"{x:{y:{z:{w}}}}")
                    ^
SyntaxError: f-string: expressions nested too deeply
"#,
            ),
            (
                r#"print(f"{lambda x: 1}")
"#,
                r#"  File "x.py", line 1
    print(f"{lambda x: 1}")
             ^^^^^^^^^
SyntaxError: f-string: lambda expressions are not allowed without parentheses
"#,
            ),
            (
                r#"print(f"{x!r=}")
"#,
                r#"  File "x.py", line 1
    print(f"{x!r=}")
                ^
SyntaxError: f-string: expecting ':' or '}'
"#,
            ),
            (
                r#"print(f"abc)
"#,
                r#"  File "x.py", line 1
    print(f"abc)
          ^
SyntaxError: unterminated f-string literal (detected at line 1)
"#,
            ),
            (
                r#"s = f"""abc
def
"#,
                r#"  File "x.py", line 1
    s = f"""abc
        ^
SyntaxError: unterminated triple-quoted f-string literal (detected at line 2)
"#,
            ),
            (
                r#"f"{x)}"
"#,
                r#"  File "x.py", line 1
    f"{x)}"
        ^
SyntaxError: f-string: unmatched ')'
"#,
            ),
            (
                r#"lambda: await x
"#,
                r#"  File "x.py", line 1
    lambda: await x
            ^^^^^^^
SyntaxError: 'await' outside async function
"#,
            ),
            (
                r#"try:
    pass
except ValueError, TypeError:
    pass
"#,
                r#"  File "x.py", line 3
    except ValueError, TypeError:
           ^^^^^^^^^^^^^^^^^^^^^
SyntaxError: multiple exception types must be parenthesized
"#,
            ),
            (
                r#"from os import path,
"#,
                r#"  File "x.py", line 1
    from os import path,
                        ^
SyntaxError: trailing comma not allowed without surrounding parentheses
"#,
            ),
            (
                r#"def f():
    nonlocal x
"#,
                r#"  File "x.py", line 2
    nonlocal x
    ^^^^^^^^^^
SyntaxError: no binding for nonlocal 'x' found
"#,
            ),
            (
                r#"x = {1: 2, 3}
"#,
                r#"  File "x.py", line 1
    x = {1: 2, 3}
               ^
SyntaxError: ':' expected after dictionary key
"#,
            ),
            (
                r#"def f(x: int = ) -> int: pass
"#,
                r#"  File "x.py", line 1
    def f(x: int = ) -> int: pass
                 ^
SyntaxError: expected default value expression
"#,
            ),
            (
                r#"await x
"#,
                r#"  File "x.py", line 1
    await x
    ^^^^^^^
SyntaxError: 'await' outside function
"#,
            ),
            (
                r#"for x in y:
    def g():
        continue
"#,
                r#"  File "x.py", line 3
    continue
    ^^^^^^^^
SyntaxError: 'continue' not properly in loop
"#,
            ),
            (
                r#"x = 0x
"#,
                r#"  File "x.py", line 1
    x = 0x
         ^
SyntaxError: invalid hexadecimal literal
"#,
            ),
            (
                r#"x = 0o78
"#,
                r#"  File "x.py", line 1
    x = 0o78
           ^
SyntaxError: invalid digit '8' in octal literal
"#,
            ),
            (
                r#"x = b'é'
"#,
                r#"  File "x.py", line 1
    x = b'é'
        ^^^^^
SyntaxError: bytes can only contain ASCII literal characters
"#,
            ),
            (
                r#"x = '\N{foo}'
"#,
                r#"  File "x.py", line 1
    x = '\N{foo}'
        ^^^^^^^^^
SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name
"#,
            ),
            (
                r#"x = b'\xg'
"#,
                r#"  File "x.py", line 1
    x = b'\xg'
        ^^^^^^
SyntaxError: (value error) invalid \x escape at position 0
"#,
            ),
            (
                r#""""docstring"""
from __future__ import annotations
from __future__ import nonexistent
"#,
                r#"  File "x.py", line 3
    from __future__ import nonexistent
    ^
SyntaxError: future feature nonexistent is not defined
"#,
            ),
            (
                r#"x = 1
from __future__ import annotations
"#,
                r#"  File "x.py", line 2
    from __future__ import annotations
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
SyntaxError: from __future__ imports must occur at the beginning of the file
"#,
            ),
            (
                r#"f(a=1, a=2)
"#,
                r#"  File "x.py", line 1
    f(a=1, a=2)
           ^^^
SyntaxError: keyword argument repeated: a
"#,
            ),
            (
                r#"class A(metaclass=M, metaclass=N): pass
"#,
                r#"  File "x.py", line 1
    class A(metaclass=M, metaclass=N): pass
                         ^^^^^^^^^^^
SyntaxError: keyword argument repeated: metaclass
"#,
            ),
            (
                r#"x = (1, 2, 3]
"#,
                r#"  File "x.py", line 1
    x = (1, 2, 3]
                ^
SyntaxError: closing parenthesis ']' does not match opening parenthesis '('
"#,
            ),
            (
                r#"if (x := 1) and (y = 2): pass
"#,
                r#"  File "x.py", line 1
    if (x := 1) and (y = 2): pass
                     ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"f(a=)
"#,
                r#"  File "x.py", line 1
    f(a=)
      ^^
SyntaxError: expected argument value expression
"#,
            ),
            (
                r#"x = {1:}
"#,
                r#"  File "x.py", line 1
    x = {1:}
          ^
SyntaxError: expression expected after dictionary key and ':'
"#,
            ),
            (
                r#"(a.b = 1)
"#,
                r#"  File "x.py", line 1
    (a.b = 1)
     ^^^
SyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"[x = 1]
"#,
                r#"  File "x.py", line 1
    [x = 1]
     ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"f(a, (b = 1))
"#,
                r#"  File "x.py", line 1
    f(a, (b = 1))
          ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"f"{x:"
"#,
                r#"  File "x.py", line 1
    f"{x:"
         ^
SyntaxError: f-string: expecting '}', or format specs
"#,
            ),
            (
                r#"def f():
    x = 1
    return [x := 2 for x in y]
"#,
                r#"  File "x.py", line 3
    return [x := 2 for x in y]
            ^
SyntaxError: assignment expression cannot rebind comprehension iteration variable 'x'
"#,
            ),
            (
                r#"x = # comment
"#,
                r#"  File "x.py", line 1
    x = # comment
        ^^^^^^^^^^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"if x   # comment
  pass
"#,
                r#"  File "x.py", line 1
    if x   # comment
           ^^^^^^^^^^
SyntaxError: expected ':'
"#,
            ),
            (
                r#"def f():
    try:
        pass
    x = 1
y = 2
"#,
                r#"  File "x.py", line 4
    x = 1
    ^
SyntaxError: expected 'except' or 'finally' block
"#,
            ),
            (
                r#"def f():
    if x:
        y = 1
    else:
  z = 2
"#,
                r#"  File "x.py", line 5
    z = 2
         ^
IndentationError: unindent does not match any outer indentation level
"#,
            ),
            (
                r#"x = {
    'a': 1,
    'b': 2
y = 3
"#,
                r#"  File "x.py", line 1
    x = {
        ^
SyntaxError: '{' was never closed
"#,
            ),
            (
                r#"raise uni{ttest.SkipTest("x")
y = 1
"#,
                r#"  File "x.py", line 1
    raise uni{ttest.SkipTest("x")
             ^
SyntaxError: '{' was never closed
"#,
            ),
            (
                r#"import collec{tions
"#,
                r#"  File "x.py", line 1
    import collec{tions
                 ^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"f(a=1,
  b)
"#,
                r#"  File "x.py", line 2
    b)
     ^
SyntaxError: positional argument follows keyword argument
"#,
            ),
            (
                r#"def g[T(x): pass
"#,
                r#"  File "x.py", line 1
    def g[T(x): pass
         ^
SyntaxError: expected '('
"#,
            ),
            (
                r#"x = ('a' if b[1] = 'c')
"#,
                r#"  File "x.py", line 1
    x = ('a' if b[1] = 'c')
         ^^^^^^^^^^^
SyntaxError: expected 'else' after 'if' expression
"#,
            ),
            (
                r#"x = 1
y = 2
    z = 3
w = 4 +
"#,
                r#"  File "x.py", line 3
    z = 3
IndentationError: unexpected indent
"#,
            ),
            (
                r#"s = b'\x1' + 'a
"#,
                r#"  File "x.py", line 1
    s = b'\x1' + 'a
                 ^
SyntaxError: unterminated string literal (detected at line 1)
"#,
            ),
        ];
    let mut failures = Vec::new();
    for &(src, expected) in cases {
        let got = report(src);
        if got.trim_end() != expected.trim_end() {
            failures.push(format!("--- {src:?}\nexpected:\n{expected}\ngot:\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn valid_code_parses() {
    let src = "x = f\"{a!r:>{w}}\" + rf'\\d{b}'\nclass C(B, metaclass=M):\n    def f(self, /, a, *b, c=1, **d):\n        return [i async for i in a]\n";
    assert!(parse_module(src, "x.py").is_ok());
}
