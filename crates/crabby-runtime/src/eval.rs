//! The hook to the run-time evaluator, and the built-in functions `eval`, `exec` and `compile` that call
//! through it.
//!
//! Code that only exists at run time (strings given to `eval`/`exec`/`compile`) is compiled and run by the
//! `crabby-eval` crate, which depends on the compiler's front end. The runtime must not depend on the
//! compiler, so the evaluator installs itself here at program start (the generated `main` calls
//! `crabby_eval::install()`), and these built-ins do CPython's argument checking, pick the namespaces and
//! hand the work to it. Without an installed evaluator they raise a clear error.
//!
//! `eval(s)` and `exec(s)` without namespaces use the caller's globals and locals. Native functions do not
//! see their caller's frame, so generated code (and the evaluator) call them through
//! [`call_with_frame`], which passes the frame's globals and a way to build its `locals()`.

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::{dict, tuple, type_};
use crate::error::{not_implemented, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

/// `compile()`'s modes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Exec,
    Eval,
    Single,
}

/// What the evaluator provides.
pub struct Evaluator {
    /// Compiles source text (already decoded) read from `filename`; raises SyntaxError as CPython reports it.
    pub compile: fn(source: &str, filename: &str, mode: Mode) -> PyResult<&'static CodeInfo>,
    /// Runs code it compiled with a globals dict and a locals mapping; the value of an `eval`-mode
    /// expression, else None.
    pub run: fn(code: &'static CodeInfo, globals: &ObjRef, locals: &Value) -> PyResult<Value>,
    /// The interactive prompt (`crabby -i`) in the namespace of `main`; returns the process's exit status
    /// (0 at end of input, SystemExit's code).
    pub interact: fn(main: &ObjRef, how: Prompt) -> i32,
}

/// How the interactive prompt starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// No program ran before it (`crabby` alone, `crabby -i`): `$PYTHONSTARTUP` runs first, as in CPython.
    pub alone: bool,
    /// Print the banner (`alone` without `-q`).
    pub banner: bool,
}

static EVALUATOR: OnceLock<Evaluator> = OnceLock::new();

/// Installs the evaluator (once; later calls are ignored).
pub fn install(e: Evaluator) {
    let _ = EVALUATOR.set(e);
}

fn evaluator() -> PyResult<&'static Evaluator> {
    EVALUATOR.get().ok_or_else(|| {
        not_implemented(
            "crabby's evaluator is not linked into this program, so eval(), exec() and compile() are unavailable",
        )
    })
}

/// Runs the interactive prompt in `main`'s namespace (see [`Evaluator::interact`]).
pub fn interact(main: &ObjRef, how: Prompt) -> i32 {
    match evaluator() {
        Ok(e) => (e.interact)(main, how),
        Err(err) => crate::entry::exit_status_for(&err),
    }
}

/// A `SyntaxError` (or `IndentationError`, `TabError`: `kind` names the built-in class) with CPython's
/// `args` (`msg`, `(filename, lineno, offset, text, end_lineno, end_offset)`) and attributes.
pub fn syntax_error(
    kind: &str,
    msg: &str,
    filename: &str,
    lineno: i64,
    offset: i64,
    text: Option<&str>,
    end_lineno: i64,
    end_offset: i64,
) -> PyErr {
    let builtins = crate::modules::builtins::builtins_dict();
    let class = dict::get_str(builtins, kind)
        .unwrap_or_else(|| Value::Obj(crate::builtins::exceptions::exc_type(ExcKind::SyntaxError).clone()));
    let text_v = text.map_or(Value::None, Value::from);
    let details = tuple::new_tuple(vec![
        Value::from(filename),
        Value::Int(lineno),
        Value::Int(offset),
        text_v.clone(),
        Value::Int(end_lineno),
        Value::Int(end_offset),
    ]);
    let ty = class.as_obj().expect("exception class");
    let exc = crate::builtins::exceptions::new_exception_of(ty, vec![Value::from(msg), details]);
    let v = Value::Obj(exc.clone());
    for (name, value) in [
        ("msg", Value::from(msg)),
        ("filename", Value::from(filename)),
        ("lineno", Value::Int(lineno)),
        ("offset", Value::Int(offset)),
        ("text", text_v),
        ("end_lineno", Value::Int(end_lineno)),
        ("end_offset", Value::Int(end_offset)),
        ("print_file_and_line", Value::None),
    ] {
        let _ = crate::ops::attr::setattr_str(&v, name, value);
    }
    PyErr::from_exception(exc)
}

/// A SyntaxError with only a message (CPython's null-byte and decoding errors).
fn plain_syntax_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::SyntaxError, msg)
}

/// Whether `v` supports `__getitem__` (CPython's `PyMapping_Check`).
fn is_mapping(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_))) || type_::lookup(v.ty(), "__getitem__").is_some()
}

fn is_dict(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_)))
}

/// The source of `eval`/`exec`/`compile`: a str, or bytes decoded as UTF-8.
fn source_text(v: &Value) -> Option<PyResult<String>> {
    if let Some(s) = v.as_str() {
        return Some(Ok(s.to_string()));
    }
    if let Some(Payload::Bytes(b)) = v.payload() {
        let b: &[u8] = b;
        // A UTF-8 byte-order mark is skipped, as CPython's tokenizer does.
        let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
        return Some(match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => {
                let pos = e.valid_up_to();
                Err(plain_syntax_error(format!(
                    "(unicode error) 'utf-8' codec can't decode byte {:#04x} in position {pos}: invalid start byte",
                    b[pos]
                )))
            }
        });
    }
    None
}

fn check_nul(s: &str) -> PyResult<()> {
    if s.contains('\0') {
        return Err(plain_syntax_error("source code string cannot contain null bytes"));
    }
    Ok(())
}

/// The code object compiled by the evaluator that `v` holds, if it is one.
fn evaluator_code(v: &Value) -> Option<&'static CodeInfo> {
    match v.payload() {
        Some(Payload::Code(c)) => Some(*c),
        _ => None,
    }
}

/// Makes `__builtins__` available in globals, as CPython inserts it when missing.
fn ensure_builtins(g: &ObjRef) -> PyResult<()> {
    if dict::get_str(g, "__builtins__").is_none() {
        dict::set(g, Value::from("__builtins__"), Value::Obj(crate::modules::builtins::builtins_dict().clone()))?;
    }
    Ok(())
}

/// The caller's frame, for `eval`/`exec` without namespaces: its globals and a way to build its locals.
pub struct Frame<'a> {
    pub globals: &'a ObjRef,
    pub locals: &'a mut dyn FnMut() -> Value,
}

fn run_code(code: &'static CodeInfo, g: &ObjRef, l: &Value, who: &str) -> PyResult<Value> {
    if code.extra.is_none() {
        // NOTE: code objects of compiled functions (`f.__code__`) hold Rust code crabby cannot re-run in
        // another namespace.
        return Err(not_implemented(format!(
            "crabby does not support {who}() of a compiled function's code object yet"
        )));
    }
    (evaluator()?.run)(code, g, l)
}

/// The namespaces `eval`/`exec` run in, with CPython's checks; `frame` is the caller's, when known.
fn namespaces(
    who: &str,
    globals: Option<&Value>,
    locals: Option<&Value>,
    frame: Option<Frame>,
) -> PyResult<(ObjRef, Value)> {
    let globals = globals.filter(|g| !g.is_none());
    let locals = locals.filter(|l| !l.is_none());
    if who == "eval" {
        if let Some(g) = globals {
            if !is_dict(g) {
                return Err(type_error(if is_mapping(g) {
                    "globals must be a real dict; try eval(expr, {}, mapping)"
                } else {
                    "globals must be a dict"
                }));
            }
        }
        if let Some(l) = locals {
            if !is_mapping(l) {
                return Err(type_error("locals must be a mapping"));
            }
        }
    } else {
        if let Some(g) = globals {
            if !is_dict(g) {
                return Err(type_error(format!("exec() globals must be a dict, not {}", g.type_name())));
            }
        }
        if let Some(l) = locals {
            if !is_mapping(l) {
                return Err(type_error(format!("locals must be a mapping or None, not {}", l.type_name())));
            }
        }
    }
    let (g, l) = match (globals, frame) {
        (Some(g), _) => {
            let g = g.as_obj().expect("dict").clone();
            let l = locals.cloned().unwrap_or_else(|| Value::Obj(g.clone()));
            (g, l)
        }
        (None, Some(f)) => {
            let l = match locals {
                Some(l) => l.clone(),
                None => (f.locals)(),
            };
            (f.globals.clone(), l)
        }
        (None, None) => {
            // NOTE: a native function cannot see its caller's frame; generated code passes it when it calls
            // `eval`/`exec` by name, so only indirect calls (through another name) end here.
            return Err(not_implemented(format!(
                "crabby does not support calling {who}() without a globals dict through another name yet"
            )));
        }
    };
    ensure_builtins(&g)?;
    Ok((g, l))
}

/// Runs `source` as the body of a module whose namespace is `globals`: how a native module written partly in
/// Python (`_typing`, `_ast`) runs the Python part embedded in the runtime.
pub fn run_module_source(source: &str, filename: &str, globals: &ObjRef) -> PyResult<()> {
    let code = (evaluator()?.compile)(source, filename, Mode::Exec)?;
    ensure_builtins(globals)?;
    run_code(code, globals, &Value::Obj(globals.clone()), "exec")?;
    Ok(())
}

/// `eval(source, globals=None, locals=None)`.
pub fn eval_with(args: &[Value], kwargs: &[(Value, Value)], frame: Option<Frame>) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("eval", args, kwargs).between(1, 3)?;
    let (g, l) = namespaces("eval", a.get(1), a.get(2), frame)?;
    let code = match evaluator_code(&a[0]) {
        Some(c) => c,
        None => {
            let Some(text) = source_text(&a[0]) else {
                return Err(type_error("eval() arg 1 must be a string, bytes or code object"));
            };
            let text = text?;
            check_nul(&text)?;
            // CPython's eval() ignores leading spaces and tabs.
            let text = text.trim_start_matches([' ', '\t']);
            (evaluator()?.compile)(text, "<string>", Mode::Eval)?
        }
    };
    run_code(code, &g, &l, "eval")
}

/// `exec(source, globals=None, locals=None, /, *, closure=None)`.
pub fn exec_with(args: &[Value], kwargs: &[(Value, Value)], frame: Option<Frame>) -> PyResult<Value> {
    let mut closure = None;
    for (k, v) in kwargs {
        match k.as_str() {
            Some("closure") => closure = Some(v.clone()),
            Some(other) => {
                return Err(type_error(format!("exec() got an unexpected keyword argument '{other}'")));
            }
            None => return Err(type_error("keywords must be strings")),
        }
    }
    let a = crate::ops::args::Args::new("exec", args, &[]).between(1, 3)?;
    let (g, l) = namespaces("exec", a.get(1), a.get(2), frame)?;
    let closure = closure.filter(|c| !c.is_none());
    let code = match evaluator_code(&a[0]) {
        Some(c) => {
            if let Some(c) = &closure {
                if c.as_tuple().is_none_or(|t| !t.is_empty()) {
                    return Err(type_error("code object requires a closure of exactly length 0"));
                }
            }
            c
        }
        None => {
            if closure.is_some() {
                return Err(type_error("closure can only be used when source is a code object"));
            }
            let Some(text) = source_text(&a[0]) else {
                return Err(type_error("exec() arg 1 must be a string, bytes or code object"));
            };
            let text = text?;
            check_nul(&text)?;
            (evaluator()?.compile)(&text, "<string>", Mode::Exec)?
        }
    };
    run_code(code, &g, &l, "exec")?;
    Ok(Value::None)
}

fn eval_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    eval_with(args, kwargs, None)
}

fn exec_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    exec_with(args, kwargs, None)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)`.
fn compile_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let names = ["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"];
    let mut slots: [Option<Value>; 7] = Default::default();
    if args.len() > 6 {
        return Err(type_error(format!("compile() takes at most 6 positional arguments ({} given)", args.len())));
    }
    for (i, a) in args.iter().enumerate() {
        slots[i] = Some(a.clone());
    }
    for (k, v) in kwargs {
        let k = k.as_str().unwrap_or("");
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(type_error(format!("compile() got an unexpected keyword argument '{k}'")));
        };
        if slots[i].is_some() {
            return Err(type_error(format!("argument for compile() given by name ('{k}') and position ({})", i + 1)));
        }
        slots[i] = Some(v.clone());
    }
    for (i, n) in names.iter().enumerate().take(3) {
        if slots[i].is_none() {
            return Err(type_error(format!("compile() missing required argument '{n}' (pos {})", i + 1)));
        }
    }
    let source = slots[0].take().expect("checked");
    let filename = slots[1].take().expect("checked");
    let mode = slots[2].take().expect("checked");
    let filename = match (filename.as_str(), filename.payload()) {
        (Some(s), _) => s.to_string(),
        (None, Some(Payload::Bytes(b))) => String::from_utf8_lossy(b).into_owned(),
        _ => match crate::ops::attr::getattr_opt(&filename, "__fspath__")? {
            Some(f) => {
                let p = crate::ops::call::call(&f, &[], &[])?;
                p.as_str().map(str::to_string).ok_or_else(|| {
                    type_error(format!("expected {}.__fspath__() to return str or bytes", filename.type_name()))
                })?
            }
            None => {
                return Err(type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    filename.type_name()
                )))
            }
        },
    };
    let Some(mode_s) = mode.as_str() else {
        return Err(type_error(format!("compile() argument 'mode' must be str, not {}", mode.type_name())));
    };
    let mode = match mode_s {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        "func_type" => return Err(not_implemented("crabby does not support compile() in 'func_type' mode yet")),
        _ => return Err(value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if let Some(f) = &slots[3] {
        let Value::Int(flags) = f else {
            return Err(type_error(format!("'{}' object cannot be interpreted as an integer", f.type_name())));
        };
        // PyCF_ONLY_AST and PyCF_OPTIMIZED_AST ask for an AST object.
        if flags & 0x400 != 0 {
            return Err(not_implemented("crabby does not support compile() to an AST yet"));
        }
        // NOTE: the other flags (`__future__` features, PyCF_ALLOW_TOP_LEVEL_AWAIT, type comments) are
        // accepted and have no effect.
    }
    if let Some(c) = evaluator_code(&source) {
        if c.extra.is_some() {
            return Ok(source);
        }
    }
    let Some(text) = source_text(&source) else {
        return Err(type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    let text = text?;
    check_nul(&text)?;
    let code = (evaluator()?.compile)(&text, &filename, mode)?;
    Ok(crate::builtins::code::code_object(code))
}

/// Whether `f` is the built-in `eval` or `exec` (which read the caller's frame when given no namespaces).
pub fn is_eval_builtin(f: &Value) -> bool {
    match f.payload() {
        Some(Payload::BuiltinFunction(b)) => b.owner.is_none() && matches!(b.name, "eval" | "exec"),
        _ => false,
    }
}

/// Calls `f`, passing the calling frame when `f` is the built-in `eval` or `exec`: generated code and the
/// evaluator call what the name `eval`/`exec` holds through this.
pub fn call_with_frame(
    f: &Value,
    globals: &ObjRef,
    mut locals: impl FnMut() -> Value,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    if !is_eval_builtin(f) {
        return crate::ops::call::call(f, args, kwargs);
    }
    let name = match f.payload() {
        Some(Payload::BuiltinFunction(b)) => b.name,
        _ => "",
    };
    let frame = Frame { globals, locals: &mut locals };
    if name == "eval" {
        eval_with(args, kwargs, Some(frame))
    } else {
        exec_with(args, kwargs, Some(frame))
    }
}

/// The built-ins this file defines, for `modules/builtins.rs`'s table.
pub const BUILTINS: &[(&str, crate::builtins::function::NativeFn)] =
    &[("eval", eval_), ("exec", exec_), ("compile", compile_)];
