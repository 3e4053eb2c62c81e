//! `sys`: the interpreter's state as programs read it (`argv`, `modules`, `path`, `exit`, the standard streams,
//! version information, the recursion limit).
//!
//! The standard streams are `_io.TextIOWrapper` objects over the real file descriptors (`modules/io/stdio.rs`).

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, module, tuple};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::ObjRef;
use crate::ops::args::Args;
use crate::Value;

/// Writes text to `sys.stdout` (see `io::stdio`).
pub fn write_stdout(s: &str) {
    crate::modules::io::stdio::write_stdout(s)
}

/// Flushes `sys.stdout`.
pub fn flush_stdout() -> PyResult<()> {
    crate::modules::io::stdio::flush_stdout()
}

/// Writes text to `sys.stderr`, as CPython's own messages do.
pub fn write_stderr(s: &str) {
    crate::modules::io::stdio::write_stderr(s)
}

/// `sys.argv`, as the process received it.
pub fn argv() -> Value {
    let args: Vec<Value> = std::env::args().map(Value::from).collect();
    crate::builtins::list::new_list(args)
}

/// Which original standard stream an object is: 0 stdin, 1 stdout, 2 stderr.
pub fn stream_kind(v: &Value) -> Option<u8> {
    crate::modules::io::stdio::kind(v)
}

/// The object `print()` writes to: `sys.stdout` as the program left it, or `None` for the real stdout.
pub fn current_stdout() -> Option<Value> {
    let m = SYS.get()?;
    let v = dict::get_str(module::module_dict(m), "stdout")?;
    match v.as_obj() {
        Some(_) if crate::modules::io::stdio::kind(&v) == Some(1) => None,
        _ => Some(v),
    }
}

fn sys_exit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("exit", args, kwargs).between(0, 1)?;
    Err(PyErr::with_args(ExcKind::SystemExit, a.to_vec()))
}

fn getrecursionlimit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("getrecursionlimit", args, kwargs).exact(0)?;
    Ok(Value::Int(crate::ops::call::recursion_limit() as i64))
}

fn setrecursionlimit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("setrecursionlimit", args, kwargs).exact(1)?;
    let n = crate::builtins::int::as_i64(&crate::ops::number::index(&a[0])?).unwrap_or(i64::MAX);
    if n < 1 {
        return Err(value_error("recursion limit must be greater or equal than 1"));
    }
    crate::ops::call::set_recursion_limit(n.min(u32::MAX as i64) as u32);
    Ok(Value::None)
}

fn exc_info(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("exc_info", args, kwargs).exact(0)?;
    Ok(match crate::error::current_handled() {
        Some(e) => tuple::new_tuple_array([Value::Obj(e.ty().clone()), Value::Obj(e), Value::None]),
        None => tuple::new_tuple_array([Value::None, Value::None, Value::None]),
    })
}

fn exception(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("exception", args, kwargs).exact(0)?;
    Ok(crate::error::current_handled().map_or(Value::None, Value::Obj))
}

fn intern(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("intern", args, kwargs).exact(1)?;
    if a[0].as_str().is_none() {
        return Err(type_error(format!("intern() argument must be str, not {}", a[0].type_name())));
    }
    if !a[0].ty().ptr_eq(&crate::builtins::types().str) {
        return Err(type_error(format!("can't intern {}", a[0].type_name())));
    }
    Ok(crate::builtins::str::intern_value(&a[0]))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("exit", sys_exit),
    ("getrecursionlimit", getrecursionlimit),
    ("setrecursionlimit", setrecursionlimit),
    ("exc_info", exc_info),
    ("exception", exception),
    ("intern", intern),
];

static SYS: OnceLock<ObjRef> = OnceLock::new();

/// The `sys` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(SYS
        .get_or_init(|| {
            let m = module::new_module("sys").make_immortal();
            let d = module::module_dict(&m);
            let s = crate::modules::io::stdio::std();
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            dict::set_str(d, "argv", argv());
            dict::set_str(d, "orig_argv", argv());
            dict::set_str(d, "modules", Value::Obj(crate::import::sys_modules().clone()));
            let cwd = std::env::args()
                .next()
                .and_then(|p| std::path::Path::new(&p).parent().map(|d| d.to_string_lossy().into_owned()));
            dict::set_str(d, "path", crate::builtins::list::new_list(vec![Value::from(cwd.unwrap_or_default())]));
            for (name, o) in [("stdin", &s.stdin), ("stdout", &s.stdout), ("stderr", &s.stderr)] {
                dict::set_str(d, name, o.clone());
                dict::set_str(d, &format!("__{name}__"), o.clone());
            }
            dict::set_str(d, "version", Value::from("3.12.1 (crabby) [Rust]"));
            crate::modules::sys_attrs::fill(d);
            dict::set_str(d, "platform", Value::from("linux"));
            dict::set_str(d, "byteorder", Value::from(if cfg!(target_endian = "little") { "little" } else { "big" }));
            dict::set_str(d, "maxsize", Value::Int(i64::MAX));
            dict::set_str(d, "maxunicode", Value::Int(0x10FFFF));
            dict::set_str(
                d,
                "executable",
                Value::from(std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()),
            );
            m
        })
        .clone())
}
