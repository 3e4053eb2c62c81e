//! `sys`: the interpreter's state as programs read it (`argv`, `modules`, `path`, `exit`, the standard streams,
//! version information, the recursion limit), and the process's buffered standard output.
//!
//! The standard streams are text streams with `write`/`flush`/`readline`; the modules milestone replaces them
//! with `_io.TextIOWrapper` objects over the real file descriptors.

use std::io::{BufRead, Write};
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, module, new_native_type, tuple, type_};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops::args::Args;
use crate::Value;

fn stdout_buf() -> &'static Mutex<std::io::BufWriter<std::io::Stdout>> {
    static OUT: OnceLock<Mutex<std::io::BufWriter<std::io::Stdout>>> = OnceLock::new();
    OUT.get_or_init(|| Mutex::new(std::io::BufWriter::with_capacity(8192, std::io::stdout())))
}

/// Writes text to standard output. Whole writes are atomic with respect to other threads.
pub fn write_stdout(s: &str) {
    let mut out = stdout_buf().lock();
    // A closed pipe is reported when flushing at exit, as CPython does.
    let _ = out.write_all(s.as_bytes());
}

pub fn flush_stdout() -> std::io::Result<()> {
    stdout_buf().lock().flush()
}

/// Writes text to standard error, after flushing standard output so the two interleave as written.
pub fn write_stderr(s: &str) {
    let _ = flush_stdout();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(s.as_bytes());
    let _ = err.flush();
}

/// `sys.argv`, as the process received it.
pub fn argv() -> Value {
    let args: Vec<Value> = std::env::args().map(Value::from).collect();
    crate::builtins::list::new_list(args)
}

/// The three standard stream objects.
struct Streams {
    ty: ObjRef,
    stdin: ObjRef,
    stdout: ObjRef,
    stderr: ObjRef,
}

fn streams() -> &'static Streams {
    static S: OnceLock<Streams> = OnceLock::new();
    S.get_or_init(|| {
        let ty = new_native_type("TextIOWrapper", "_io", false);
        crate::builtins::add_methods(
            &ty,
            &[
                ("write", stream_write),
                ("flush", stream_flush),
                ("readline", stream_readline),
                ("read", stream_read),
                ("isatty", stream_isatty),
                ("fileno", stream_fileno),
                ("writelines", stream_writelines),
            ],
        );
        let mk = |name: &str, mode: &str| {
            let d = dict::new_dict_obj();
            dict::set_str(&d, "name", Value::from(name));
            dict::set_str(&d, "mode", Value::from(mode));
            dict::set_str(&d, "encoding", Value::from("utf-8"));
            dict::set_str(&d, "errors", Value::from(if name == "<stderr>" { "backslashreplace" } else { "strict" }));
            dict::set_str(&d, "closed", Value::Bool(false));
            ObjRef::with_dict(&ty, Payload::Instance, Some(d)).make_immortal()
        };
        Streams { stdin: mk("<stdin>", "r"), stdout: mk("<stdout>", "w"), stderr: mk("<stderr>", "w"), ty }
    })
}

/// Which real stream an object is: 0 stdin, 1 stdout, 2 stderr.
pub fn stream_kind(v: &Value) -> Option<u8> {
    which(v).ok()
}

fn which(v: &Value) -> PyResult<u8> {
    let s = streams();
    match v.as_obj() {
        Some(o) if o.ptr_eq(&s.stdout) => Ok(1),
        Some(o) if o.ptr_eq(&s.stderr) => Ok(2),
        Some(o) if o.ptr_eq(&s.stdin) => Ok(0),
        _ => Err(type_error(format!(
            "descriptor requires a '_io.TextIOWrapper' object but received a '{}'",
            v.type_name()
        ))),
    }
}

fn stream_write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.write", args, kwargs).exact(2)?;
    let Some(text) = a[1].as_str() else {
        return Err(type_error(format!("write() argument must be str, not {}", a[1].type_name())));
    };
    match which(&a[0])? {
        1 => write_stdout(text),
        2 => write_stderr(text),
        _ => return Err(PyErr::new(ExcKind::OSError, "not writable")),
    }
    Ok(Value::Int(text.chars().count() as i64))
}

fn stream_writelines(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.writelines", args, kwargs).exact(2)?;
    for line in crate::ops::iter::collect(&a[1])? {
        stream_write(&[a[0].clone(), line], &[])?;
    }
    Ok(Value::None)
}

fn stream_flush(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.flush", args, kwargs).exact(1)?;
    if which(&a[0])? == 1 {
        flush_stdout().map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    }
    Ok(Value::None)
}

fn stream_readline(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.readline", args, kwargs).between(1, 2)?;
    if which(&a[0])? != 0 {
        return Err(PyErr::new(ExcKind::OSError, "not readable"));
    }
    let _ = flush_stdout();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    Ok(Value::from(line))
}

fn stream_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.read", args, kwargs).between(1, 2)?;
    if which(&a[0])? != 0 {
        return Err(PyErr::new(ExcKind::OSError, "not readable"));
    }
    let _ = flush_stdout();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)
        .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    Ok(Value::from(text))
}

fn stream_isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.isatty", args, kwargs).exact(1)?;
    use std::io::IsTerminal;
    Ok(Value::Bool(match which(&a[0])? {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }))
}

fn stream_fileno(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("TextIOWrapper.fileno", args, kwargs).exact(1)?;
    Ok(Value::Int(which(&a[0])? as i64))
}

/// The object `print()` writes to: `sys.stdout` as the program left it, or `None` for the real stdout.
pub fn current_stdout() -> Option<Value> {
    let m = SYS.get()?;
    let v = dict::get_str(module::module_dict(m), "stdout")?;
    match v.as_obj() {
        Some(o) if o.ptr_eq(&streams().stdout) => None,
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
        Some(e) => tuple::new_tuple(vec![Value::Obj(e.ty().clone()), Value::Obj(e), Value::None]),
        None => tuple::new_tuple(vec![Value::None, Value::None, Value::None]),
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
    Ok(a[0].clone())
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
            let s = streams();
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
                dict::set_str(d, name, Value::Obj(o.clone()));
                dict::set_str(d, &format!("__{name}__"), Value::Obj(o.clone()));
            }
            dict::set_str(d, "version", Value::from("3.12.1 (crabby) [Rust]"));
            dict::set_str(
                d,
                "version_info",
                tuple::new_tuple(vec![
                    Value::Int(3),
                    Value::Int(12),
                    Value::Int(1),
                    Value::from("final"),
                    Value::Int(0),
                ]),
            );
            dict::set_str(d, "hexversion", Value::Int(0x030C01F0));
            dict::set_str(d, "platform", Value::from("linux"));
            dict::set_str(d, "byteorder", Value::from(if cfg!(target_endian = "little") { "little" } else { "big" }));
            dict::set_str(d, "maxsize", Value::Int(i64::MAX));
            dict::set_str(d, "maxunicode", Value::Int(0x10FFFF));
            dict::set_str(
                d,
                "executable",
                Value::from(std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()),
            );
            dict::set_str(
                d,
                "builtin_module_names",
                tuple::new_tuple(vec![Value::from("builtins"), Value::from("sys")]),
            );
            dict::set_str(d, "dont_write_bytecode", Value::Bool(true));
            let _ = type_::type_name(&s.ty);
            m
        })
        .clone())
}
