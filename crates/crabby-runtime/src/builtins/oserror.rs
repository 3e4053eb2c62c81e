//! `OSError`'s own behaviour on top of `BaseException`: the `errno`, `strerror`, `filename` and `filename2`
//! attributes parsed from its arguments, CPython's `[Errno 2] No such file or directory: 'x'` string, and the
//! choice of subclass by error number (`OSError(2, 'x')` is a `FileNotFoundError`).
//!
//! NOTE: the four attributes live in the instance's `__dict__` (CPython keeps them in C struct members), so
//! `vars(e)` lists them; reading, writing and `str()` behave as in CPython.

use crate::builtins::exceptions::{exc_obj, exc_type, ExcKind};
use crate::builtins::{dict, tuple, type_};
use crate::error::{type_error, PyResult};
use crate::object::ObjRef;
use crate::ops::format::{repr, str_of};
use crate::Value;

/// The attributes every `OSError` instance has (None until its arguments set them).
const ATTRS: [&str; 4] = ["errno", "strerror", "filename", "filename2"];

/// The subclass CPython picks for `OSError(errno, ...)` called on `OSError` itself (`errnomap`).
pub fn subclass_for_errno(errno: i64) -> Option<ExcKind> {
    Some(match errno {
        11 | 114 | 115 => ExcKind::BlockingIOError, // EAGAIN (= EWOULDBLOCK), EALREADY, EINPROGRESS
        10 => ExcKind::ChildProcessError,           // ECHILD
        32 | 108 => ExcKind::BrokenPipeError,       // EPIPE, ESHUTDOWN
        103 => ExcKind::ConnectionAbortedError,     // ECONNABORTED
        111 => ExcKind::ConnectionRefusedError,     // ECONNREFUSED
        104 => ExcKind::ConnectionResetError,       // ECONNRESET
        17 => ExcKind::FileExistsError,             // EEXIST
        2 => ExcKind::FileNotFoundError,            // ENOENT
        21 => ExcKind::IsADirectoryError,           // EISDIR
        20 => ExcKind::NotADirectoryError,          // ENOTDIR
        4 => ExcKind::InterruptedError,             // EINTR
        1 | 13 => ExcKind::PermissionError,         // EPERM, EACCES
        3 => ExcKind::ProcessLookupError,           // ESRCH
        110 => ExcKind::TimeoutError,               // ETIMEDOUT
        _ => return None,
    })
}

/// Whether `ty` is `OSError` or one of its subclasses.
pub fn is_os_error_type(ty: &ObjRef) -> bool {
    type_::is_subtype(ty, exc_type(ExcKind::OSError))
}

/// The class to instantiate for `ty(*args)`: a subclass chosen by the error number when `ty` is `OSError`
/// itself and the first of two or more arguments is an int.
pub fn constructor_class(ty: &ObjRef, args: &[Value]) -> ObjRef {
    if ty.ptr_eq(exc_type(ExcKind::OSError)) && args.len() >= 2 {
        if let Some(kind) = crate::builtins::int::as_i64(&args[0]).and_then(subclass_for_errno) {
            return exc_type(kind).clone();
        }
    }
    ty.clone()
}

/// Sets the attributes from `args` as `OSError.__init__` does, and trims `args` to `(errno, strerror)` when
/// a file name was given. Called with the instance's arguments already stored.
pub fn init_attrs(exc: &ObjRef, args: &[Value]) {
    let Some(d) = exc.dict() else { return };
    let mut vals = [Value::None, Value::None, Value::None, Value::None];
    if (2..=5).contains(&args.len()) {
        vals[0] = args[0].clone();
        vals[1] = args[1].clone();
        if let Some(f) = args.get(2).filter(|f| !f.is_none()) {
            vals[2] = f.clone();
            if let Some(f2) = args.get(4).filter(|f| !f.is_none()) {
                vals[3] = f2.clone();
            }
            // CPython keeps only `(errno, strerror)` in `args` once a file name is given.
            *exc_obj(exc).args.write() = tuple::new_tuple(args[..2].to_vec());
        }
    }
    for (name, v) in ATTRS.iter().zip(vals) {
        dict::set_str(d, name, v);
    }
}

/// Gives a new instance made without arguments (`object.__new__` for a Python subclass) its attributes.
pub fn init_empty(exc: &ObjRef) {
    if let Some(d) = exc.dict() {
        for name in ATTRS {
            dict::set_str(d, name, Value::None);
        }
    }
}

fn attr(exc: &ObjRef, name: &str) -> Value {
    exc.dict().and_then(|d| dict::get_str(d, name)).unwrap_or(Value::None)
}

/// `OSError.__init__(self, *args)`.
fn os_error_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first().and_then(|a| a.as_obj()).filter(|o| is_os_error_type(o.ty())) else {
        return Err(type_error("descriptor '__init__' requires an 'OSError' object"));
    };
    if !kwargs.is_empty() {
        return Err(type_error(format!("{}() takes no keyword arguments", type_::type_name(this.ty()))));
    }
    *exc_obj(this).args.write() = tuple::new_tuple(args[1..].to_vec());
    init_attrs(this, &args[1..]);
    Ok(Value::None)
}

/// `OSError.__str__`.
fn os_error_str(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first().and_then(|a| a.as_obj()).filter(|o| is_os_error_type(o.ty())) else {
        return Err(type_error("descriptor '__str__' requires an 'OSError' object"));
    };
    Ok(Value::from(os_error_string(this)?))
}

/// `str()` of an `OSError`: `[Errno N] message: 'file' -> 'file2'`, or the plain exception string.
pub fn os_error_string(this: &ObjRef) -> PyResult<String> {
    let (errno, strerror) = (attr(this, "errno"), attr(this, "strerror"));
    let (filename, filename2) = (attr(this, "filename"), attr(this, "filename2"));
    if !filename.is_none() {
        let head = format!("[Errno {}] {}: {}", str_of(&errno)?, str_of(&strerror)?, repr(&filename)?);
        if !filename2.is_none() {
            return Ok(format!("{head} -> {}", repr(&filename2)?));
        }
        return Ok(head);
    }
    if !errno.is_none() && !strerror.is_none() {
        return Ok(format!("[Errno {}] {}", str_of(&errno)?, str_of(&strerror)?));
    }
    let a = exc_obj(this).args.read().clone();
    Ok(match a.as_tuple() {
        Some([]) | None => String::new(),
        Some([one]) => str_of(one)?,
        Some(_) => repr(&a)?,
    })
}

pub fn register() {
    crate::builtins::add_methods(exc_type(ExcKind::OSError), &[("__init__", os_error_init), ("__str__", os_error_str)]);
}
