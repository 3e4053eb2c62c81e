//! `posix`: the operating system interface that CPython's `os.py` re-exports, implemented on the C library
//! (`libc`) with CPython's names, signatures, constants and errors.
//!
//! The module is split by concept: `files.rs` (file descriptors), `fsops.rs` (paths and directories:
//! stat, mkdir, rename, links, scandir), `process.rs` (environment, ids, signals to processes, waiting,
//! system information). This file holds what they share: converting path arguments (`str`, `bytes`,
//! `os.PathLike`, or a file descriptor where allowed), binding arguments, and turning `errno` into the right
//! `OSError` subclass carrying the file names.
//!
//! Paths: a `str` path is passed to the system as its UTF-8 bytes (CPython's file system encoding on Linux);
//! names read back are `bytes` when the argument was `bytes`, else decoded from UTF-8.
//! NOTE: CPython decodes undecodable names with `surrogateescape`; crabby's `str` cannot hold lone
//! surrogates, so such a name raises `UnicodeDecodeError` when returned as `str` (pass `bytes` paths to see
//! it).

mod files;
mod fsops;
mod process;

use std::ffi::CString;
use std::sync::OnceLock;

use crate::builtins::exceptions::{exc_type, new_exception_of, ExcKind};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{bytes, dict, int, list, module, str_codec, type_};
use crate::error::{overflow_error, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// The calling thread's `errno` after a failed call.
pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The system's message for an error number (`strerror`), without Rust's ` (os error N)` suffix.
pub(crate) fn strerror(code: i32) -> String {
    let s = std::io::Error::from_raw_os_error(code).to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `OSError(errno, strerror[, filename[, None, filename2]])`, which picks the subclass for `code`.
pub(crate) fn os_error(code: i32, filename: Option<&Value>, filename2: Option<&Value>) -> PyErr {
    let mut args = vec![Value::Int(code as i64), Value::from(strerror(code))];
    if let Some(f) = filename {
        args.push(f.clone());
        if let Some(f2) = filename2 {
            args.push(Value::None);
            args.push(f2.clone());
        }
    }
    PyErr::from_exception(new_exception_of(exc_type(ExcKind::OSError), args))
}

/// The `OSError` for the current `errno`.
pub(crate) fn last_error(filename: Option<&Value>) -> PyErr {
    os_error(last_errno(), filename, None)
}

/// `os.fspath(v)`: a `str` or `bytes` as is, else the result of `type(v).__fspath__(v)`, which must be one.
pub(crate) fn fspath(v: &Value) -> PyResult<Option<Value>> {
    if v.as_str().is_some() || matches!(v.payload(), Some(Payload::Bytes(_))) {
        return Ok(Some(v.clone()));
    }
    if type_::lookup(v.ty(), "__fspath__").is_none() {
        return Ok(None);
    }
    let r = ops::call::call_method(&Value::from("__fspath__"), std::slice::from_ref(v), &[])?;
    if r.as_str().is_some() || matches!(r.payload(), Some(Payload::Bytes(_))) {
        return Ok(Some(r));
    }
    Err(type_error(format!("expected {}.__fspath__() to return str or bytes, not {}", v.type_name(), r.type_name())))
}

/// A path argument ready for the system: its bytes, whether results should be `bytes`, and the original
/// object (the `filename` of errors).
pub(crate) struct FsPath {
    pub c: CString,
    pub as_bytes: bool,
    pub orig: Value,
}

impl FsPath {
    /// A name read from the system, as `bytes` or `str` like this path.
    pub fn output(&self, name: &[u8]) -> PyResult<Value> {
        decode_name(name, self.as_bytes)
    }
}

/// A path argument or, where the function accepts one, an open file descriptor.
pub(crate) enum PathOrFd {
    Path(FsPath),
    Fd(i32),
}

/// A name read from the system as `bytes` (when `as_bytes`) or `str`.
pub(crate) fn decode_name(name: &[u8], as_bytes: bool) -> PyResult<Value> {
    if as_bytes {
        return Ok(bytes::new_bytes(name));
    }
    match std::str::from_utf8(name) {
        Ok(s) => Ok(Value::from(s)),
        Err(_) => {
            let codec = str_codec::lookup("utf-8").expect("utf-8 codec");
            let obj = bytes::new_bytes(name);
            str_codec::decode(codec, name, "surrogateescape", &obj).map(Value::from)
        }
    }
}

/// Converts a path argument as CPython's `path_converter` does. `allow_fd` accepts an int as a file
/// descriptor; the message names what is accepted.
pub(crate) fn path_arg(func: &str, argname: &str, v: &Value, allow_fd: bool, nullable: bool) -> PyResult<PathOrFd> {
    if allow_fd && int::is_int(v) {
        return Ok(PathOrFd::Fd(fd_of(v)?));
    }
    let Some(p) = fspath(v)? else {
        let what = match (allow_fd, nullable) {
            (true, true) => "string, bytes, os.PathLike, integer or None",
            (true, false) => "string, bytes, os.PathLike or integer",
            (false, true) => "string, bytes, os.PathLike or None",
            (false, false) => "string, bytes or os.PathLike",
        };
        return Err(type_error(format!("{func}: {argname} should be {what}, not {}", v.type_name())));
    };
    let (raw, as_bytes): (Vec<u8>, bool) = match (p.as_str(), p.payload()) {
        (Some(s), _) => (s.as_bytes().to_vec(), false),
        (None, Some(Payload::Bytes(b))) => (b.to_vec(), true),
        _ => unreachable!("fspath returns str or bytes"),
    };
    // CPython's messages differ by type: a str path fails in the filesystem encoder, a bytes path in
    // path_converter itself.
    let c = CString::new(raw).map_err(|_| {
        value_error(if as_bytes {
            format!("{func}: embedded null character in {argname}")
        } else {
            "embedded null byte".to_string()
        })
    })?;
    Ok(PathOrFd::Path(FsPath { c, as_bytes, orig: v.clone() }))
}

/// A path argument where a file descriptor is not accepted.
pub(crate) fn path_only(func: &str, argname: &str, v: &Value) -> PyResult<FsPath> {
    match path_arg(func, argname, v, false, false)? {
        PathOrFd::Path(p) => Ok(p),
        PathOrFd::Fd(_) => unreachable!("fds are not allowed"),
    }
}

/// A C `int` argument (`fd`, `mode`, `flags`): anything with `__index__`, range-checked.
pub(crate) fn c_int(v: &Value) -> PyResult<i32> {
    if matches!(v, Value::Float(_)) {
        return Err(type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = ops::number::index(v)?;
    match int::as_i64(&i) {
        Some(n) if n > i32::MAX as i64 => Err(overflow_error("signed integer is greater than maximum")),
        Some(n) if n < i32::MIN as i64 => Err(overflow_error("signed integer is less than minimum")),
        Some(n) => Ok(n as i32),
        None => Err(overflow_error("Python int too large to convert to C int")),
    }
}

/// A file descriptor argument.
pub(crate) fn fd_of(v: &Value) -> PyResult<i32> {
    c_int(v)
}

/// A C `long`/`off_t` argument.
pub(crate) fn c_long(v: &Value) -> PyResult<i64> {
    if matches!(v, Value::Float(_)) {
        return Err(type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(|| overflow_error("Python int too large to convert to C long"))
}

/// The `dir_fd` keyword: `None` is the current directory.
pub(crate) fn dir_fd(v: &Option<Value>) -> PyResult<i32> {
    match v {
        None | Some(Value::None) => Ok(libc::AT_FDCWD),
        Some(v) => fd_of(v),
    }
}

/// A boolean keyword (`follow_symlinks`, `effective_ids`), true when absent if `default`.
pub(crate) fn flag(v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => ops::truthy(v),
    }
}

/// Binds arguments as Argument Clinic does for `f(pos..., *, kwonly...)`: at most `pos.len()` positional
/// arguments, the first `required` of them required; every name may be given by keyword.
pub(crate) fn bind(
    func: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    pos: &[&str],
    kwonly: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > pos.len() {
        let n = pos.len();
        let what = if kwonly.is_empty() { "" } else { " positional" };
        return Err(type_error(match n {
            0 => format!("{func}() takes no{what} arguments"),
            _ => format!(
                "{func}() takes {}{n}{what} argument{} ({} given)",
                if required < n {
                    "at most "
                } else if n == 1 {
                    "exactly "
                } else {
                    ""
                },
                if n == 1 { "" } else { "s" },
                args.len()
            ),
        }));
    }
    let mut out: Vec<Option<Value>> = vec![None; pos.len() + kwonly.len()];
    for (i, a) in args.iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (k, v) in kwargs {
        let k = k.as_str().unwrap_or("");
        let Some(i) = pos.iter().chain(kwonly).position(|n| *n == k) else {
            return Err(type_error(format!("{func}() got an unexpected keyword argument '{k}'")));
        };
        if out[i].is_some() {
            return Err(type_error(format!("argument for {func}() given by name ('{k}') and position ({})", i + 1)));
        }
        out[i] = Some(v.clone());
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(type_error(format!("{func}() missing required argument '{}' (pos {})", pos[i], i + 1)));
        }
    }
    Ok(out)
}

/// Retries a system call interrupted by a signal (`EINTR`), as CPython does (PEP 475), after running any
/// pending signal handler (which may raise).
pub(crate) fn retry<T: PartialEq + Copy>(fail: T, mut call: impl FnMut() -> T) -> PyResult<Result<T, i32>> {
    loop {
        // The call may block, and touches no object: the thread is offline meanwhile (see `qsbr`).
        let r = crate::qsbr::offline(&mut call);
        if r != fail {
            return Ok(Ok(r));
        }
        let e = last_errno();
        if e != libc::EINTR {
            return Ok(Err(e));
        }
        crate::modules::signal::check_signals()?;
    }
}

/// The constants, in no particular order (a module's namespace is a dict).
const CONSTANTS: &[(&str, i64)] = &[
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_ASYNC", libc::O_ASYNC as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_DIRECT", libc::O_DIRECT as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_FSYNC", libc::O_FSYNC as i64),
    ("O_LARGEFILE", libc::O_LARGEFILE as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_NOATIME", libc::O_NOATIME as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_PATH", libc::O_PATH as i64),
    ("O_RSYNC", libc::O_RSYNC as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_TMPFILE", libc::O_TMPFILE as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("WNOHANG", libc::WNOHANG as i64),
    ("WUNTRACED", libc::WUNTRACED as i64),
    ("WCONTINUED", libc::WCONTINUED as i64),
    ("WEXITED", libc::WEXITED as i64),
    ("WSTOPPED", libc::WSTOPPED as i64),
    ("WNOWAIT", libc::WNOWAIT as i64),
    ("P_PID", libc::P_PID as i64),
    ("P_PGID", libc::P_PGID as i64),
    ("P_ALL", libc::P_ALL as i64),
    ("EX_OK", 0),
    ("EX_USAGE", 64),
    ("EX_DATAERR", 65),
    ("EX_NOINPUT", 66),
    ("EX_NOUSER", 67),
    ("EX_NOHOST", 68),
    ("EX_UNAVAILABLE", 69),
    ("EX_SOFTWARE", 70),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_CANTCREAT", 73),
    ("EX_IOERR", 74),
    ("EX_TEMPFAIL", 75),
    ("EX_PROTOCOL", 76),
    ("EX_NOPERM", 77),
    ("EX_CONFIG", 78),
    ("F_LOCK", libc::F_LOCK as i64),
    ("F_TLOCK", libc::F_TLOCK as i64),
    ("F_ULOCK", libc::F_ULOCK as i64),
    ("F_TEST", libc::F_TEST as i64),
    ("PRIO_PROCESS", libc::PRIO_PROCESS as i64),
    ("PRIO_PGRP", libc::PRIO_PGRP as i64),
    ("PRIO_USER", libc::PRIO_USER as i64),
    ("RTLD_LAZY", libc::RTLD_LAZY as i64),
    ("RTLD_NOW", libc::RTLD_NOW as i64),
    ("RTLD_GLOBAL", libc::RTLD_GLOBAL as i64),
    ("RTLD_LOCAL", libc::RTLD_LOCAL as i64),
    ("RTLD_NODELETE", libc::RTLD_NODELETE as i64),
    ("RTLD_NOLOAD", libc::RTLD_NOLOAD as i64),
    ("RTLD_DEEPBIND", libc::RTLD_DEEPBIND as i64),
    ("TMP_MAX", 238_328),
    ("NGROUPS_MAX", 65_536),
    ("ST_RDONLY", 1),
    ("ST_NOSUID", 2),
];

/// What `os.py` reads to fill `supports_dir_fd`, `supports_fd` and `supports_follow_symlinks`: the `*at` and
/// `f*` variants the functions here accept.
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR",
    "HAVE_FSTATAT",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LINKAT",
    "HAVE_LCHOWN",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

fn posix_fspath(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fspath", args, kwargs, &["path"], &[], 1)?;
    let v = a[0].as_ref().expect("required");
    match fspath(v)? {
        Some(p) => Ok(p),
        None => Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", v.type_name()))),
    }
}

const DOC: &str = "This module provides access to operating system functionality that is
standardized by the C Standard and the POSIX standard (a thinly
disguised Unix interface).  Refer to the library manual and
corresponding Unix manual entries for more information on calls.";

static POSIX: OnceLock<ObjRef> = OnceLock::new();

/// The `posix` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    if let Some(m) = POSIX.get() {
        return Ok(m.clone());
    }
    let m = module::new_module("posix").make_immortal();
    let d = module::module_dict(&m);
    dict::set_str(d, "__doc__", Value::from(DOC));
    let tables: [&[(&'static str, NativeFn)]; 4] =
        [&[("fspath", posix_fspath)], files::FUNCTIONS, fsops::FUNCTIONS, process::FUNCTIONS];
    for table in tables {
        for (name, f) in table {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
    }
    for (name, v) in CONSTANTS {
        dict::set_str(d, name, Value::Int(*v));
    }
    dict::set_str(d, "_have_functions", list::new_list(HAVE_FUNCTIONS.iter().map(|s| Value::from(*s)).collect()));
    dict::set_str(d, "error", Value::Obj(exc_type(ExcKind::OSError).clone()));
    fsops::add_types(d);
    files::add_types(d);
    process::add_to_module(d)?;
    Ok(POSIX.get_or_init(|| m).clone())
}
