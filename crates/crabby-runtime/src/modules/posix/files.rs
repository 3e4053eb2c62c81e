//! `posix`'s file descriptor functions: `open`, `close`, `read`, `write`, `lseek`, `pipe`, `dup`, flags on
//! descriptors (inheritable, blocking), and terminals (`isatty`, `get_terminal_size`).
//!
//! Every call that may block retries on `EINTR` after running pending signal handlers, as CPython does.

use std::sync::OnceLock;

use super::{bind, c_int, c_long, dir_fd, fd_of, last_error, os_error, path_only, retry};
use crate::builtins::function::NativeFn;
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::{bytes, dict, tuple};
use crate::error::{type_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// `os.open(path, flags, mode=0o777, *, dir_fd=None)`: new descriptors are non-inheritable (PEP 446).
fn open(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("open", args, kwargs, &["path", "flags", "mode"], &["dir_fd"], 2)?;
    let path = path_only("open", "path", a[0].as_ref().expect("required"))?;
    let flags = c_int(a[1].as_ref().expect("required"))? | libc::O_CLOEXEC;
    let mode = match &a[2] {
        Some(m) => c_int(m)?,
        None => 0o777,
    };
    let dfd = dir_fd(&a[3])?;
    // SAFETY: `path.c` is a valid NUL-terminated string that outlives the call.
    match retry(-1, || unsafe { libc::openat(dfd, path.c.as_ptr(), flags, mode as libc::c_uint) })? {
        Ok(fd) => Ok(Value::Int(fd as i64)),
        Err(e) => Err(os_error(e, Some(&path.orig), None)),
    }
}

fn close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("close", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    // SAFETY: closing a descriptor number has no memory effects; a wrong number fails with EBADF.
    if unsafe { libc::close(fd) } == -1 {
        return Err(last_error(None));
    }
    Ok(Value::None)
}

fn closerange(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("closerange", args, kwargs, &["fd_low", "fd_high"], &[], 2)?;
    let lo = fd_of(a[0].as_ref().expect("required"))?.max(0);
    let hi = fd_of(a[1].as_ref().expect("required"))?;
    for fd in lo..hi {
        // SAFETY: as in `close`; errors are ignored, as CPython does.
        unsafe { libc::close(fd) };
    }
    Ok(Value::None)
}

fn read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("read", args, kwargs, &["fd", "length"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let n = c_long(a[1].as_ref().expect("required"))?;
    if n < 0 {
        return Err(os_error(libc::EINVAL, None, None));
    }
    let mut buf = vec![0u8; n as usize];
    // SAFETY: `buf` has room for `n` bytes and lives across the call.
    match retry(-1, || unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) })? {
        Ok(got) => {
            buf.truncate(got as usize);
            Ok(bytes::new_bytes_vec(buf))
        }
        Err(e) => Err(os_error(e, None, None)),
    }
}

fn write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("write", args, kwargs, &["fd", "data"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let data = a[1].as_ref().expect("required");
    let Some(buf) = bytes::buffer(data)? else {
        return Err(type_error(format!("a bytes-like object is required, not '{}'", data.type_name())));
    };
    // SAFETY: `buf` holds `buf.len()` readable bytes for the duration of the call.
    match retry(-1, || unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) })? {
        Ok(n) => Ok(Value::Int(n as i64)),
        Err(e) => Err(os_error(e, None, None)),
    }
}

fn lseek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("lseek", args, kwargs, &["fd", "position", "whence"], &[], 3)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let pos = c_long(a[1].as_ref().expect("required"))?;
    let how = c_int(a[2].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    let r = unsafe { libc::lseek(fd, pos, how) };
    if r == -1 {
        return Err(last_error(None));
    }
    Ok(Value::Int(r))
}

/// `fsync(fd)` also accepts an object with `fileno()`, as CPython's does.
fn fd_or_fileno(v: &Value) -> PyResult<i32> {
    if crate::builtins::int::is_int(v) {
        return fd_of(v);
    }
    let r = ops::call::call_method(&Value::from("fileno"), std::slice::from_ref(v), &[])?;
    fd_of(&r)
}

fn fsync(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fsync", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_or_fileno(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if let Err(e) = retry(-1, || unsafe { libc::fsync(fd) })? {
        return Err(os_error(e, None, None));
    }
    Ok(Value::None)
}

fn fdatasync(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fdatasync", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_or_fileno(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if let Err(e) = retry(-1, || unsafe { libc::fdatasync(fd) })? {
        return Err(os_error(e, None, None));
    }
    Ok(Value::None)
}

fn ftruncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("ftruncate", args, kwargs, &["fd", "length"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let len = c_long(a[1].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if let Err(e) = retry(-1, || unsafe { libc::ftruncate(fd, len) })? {
        return Err(os_error(e, None, None));
    }
    Ok(Value::None)
}

fn new_pipe(flags: i32) -> PyResult<Value> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe2` writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), flags | libc::O_CLOEXEC) } == -1 {
        return Err(last_error(None));
    }
    Ok(tuple::new_tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

fn pipe(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("pipe", args, kwargs, &[], &[], 0)?;
    new_pipe(0)
}

fn pipe2(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("pipe2", args, kwargs, &["flags"], &[], 1)?;
    let flags = c_int(a[0].as_ref().expect("required"))?;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe2` writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), flags) } == -1 {
        return Err(last_error(None));
    }
    Ok(tuple::new_tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

fn dup(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("dup", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r == -1 {
        return Err(last_error(None));
    }
    Ok(Value::Int(r as i64))
}

fn dup2(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("dup2", args, kwargs, &["fd", "fd2", "inheritable"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let fd2 = fd_of(a[1].as_ref().expect("required"))?;
    let inheritable = super::flag(&a[2], true)?;
    let flags = if inheritable || fd == fd2 { 0 } else { libc::O_CLOEXEC };
    // SAFETY: no memory is passed.
    let r = unsafe {
        if fd == fd2 {
            // `dup3` refuses equal descriptors; `dup2` checks `fd` and returns it.
            libc::dup2(fd, fd2)
        } else {
            libc::dup3(fd, fd2, flags)
        }
    };
    if r == -1 {
        return Err(last_error(None));
    }
    Ok(Value::Int(r as i64))
}

pub(crate) fn is_a_tty(fd: i32) -> bool {
    // SAFETY: no memory is passed.
    unsafe { libc::isatty(fd) == 1 }
}

fn isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("isatty", args, kwargs, &["fd"], &[], 1)?;
    Ok(Value::Bool(is_a_tty(fd_of(a[0].as_ref().expect("required"))?)))
}

fn fd_flags(fd: i32, get: i32) -> PyResult<i32> {
    // SAFETY: no memory is passed.
    let r = unsafe { libc::fcntl(fd, get) };
    if r == -1 {
        return Err(last_error(None));
    }
    Ok(r)
}

fn set_fd_flag(fd: i32, get: i32, set: i32, bit: i32, on: bool) -> PyResult<()> {
    let old = fd_flags(fd, get)?;
    let new = if on { old | bit } else { old & !bit };
    // SAFETY: no memory is passed.
    if new != old && unsafe { libc::fcntl(fd, set, new) } == -1 {
        return Err(last_error(None));
    }
    Ok(())
}

fn get_inheritable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("get_inheritable", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    Ok(Value::Bool(fd_flags(fd, libc::F_GETFD)? & libc::FD_CLOEXEC == 0))
}

fn set_inheritable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("set_inheritable", args, kwargs, &["fd", "inheritable"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let on = c_int(a[1].as_ref().expect("required"))? != 0;
    set_fd_flag(fd, libc::F_GETFD, libc::F_SETFD, libc::FD_CLOEXEC, !on)?;
    Ok(Value::None)
}

fn get_blocking(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("get_blocking", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    Ok(Value::Bool(fd_flags(fd, libc::F_GETFL)? & libc::O_NONBLOCK == 0))
}

fn set_blocking(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("set_blocking", args, kwargs, &["fd", "blocking"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let on = c_int(a[1].as_ref().expect("required"))? != 0;
    set_fd_flag(fd, libc::F_GETFL, libc::F_SETFL, libc::O_NONBLOCK, !on)?;
    Ok(Value::None)
}

/// `device_encoding(fd)`: the locale's encoding (UTF-8 here) for a terminal, else None.
fn device_encoding(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("device_encoding", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    Ok(if is_a_tty(fd) { Value::from("UTF-8") } else { Value::None })
}

static TERMINAL_SIZE: StructSeqSpec = StructSeqSpec {
    module: "os",
    name: "terminal_size",
    fields: &["columns", "lines"],
    n_sequence: 2,
    constructible: true,
    doc: Some("A tuple of (columns, lines) for holding terminal window size"),
};

fn terminal_size_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| structseq::new_type(&TERMINAL_SIZE))
}

fn get_terminal_size(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("get_terminal_size", args, kwargs, &["fd"], &[], 0)?;
    let fd = match &a[0] {
        Some(v) => fd_of(v)?,
        None => 1,
    };
    // SAFETY: an all-zero `winsize` is valid; `ioctl(TIOCGWINSZ)` writes one through the pointer.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: `ws` is a live `winsize`, what TIOCGWINSZ expects.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws as *mut libc::winsize) } == -1 {
        return Err(last_error(None));
    }
    Ok(structseq::new(terminal_size_type(), vec![Value::Int(ws.ws_col as i64), Value::Int(ws.ws_row as i64)]))
}

fn truncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("truncate", args, kwargs, &["path", "length"], &[], 2)?;
    let len = c_long(a[1].as_ref().expect("required"))?;
    match super::path_arg("truncate", "path", a[0].as_ref().expect("required"), true, false)? {
        super::PathOrFd::Fd(fd) => {
            // SAFETY: no memory is passed.
            if let Err(e) = retry(-1, || unsafe { libc::ftruncate(fd, len) })? {
                return Err(os_error(e, None, None));
            }
        }
        super::PathOrFd::Path(p) => {
            // SAFETY: `p.c` is a valid NUL-terminated string.
            if unsafe { libc::truncate(p.c.as_ptr(), len) } == -1 {
                return Err(last_error(Some(&p.orig)));
            }
        }
    }
    Ok(Value::None)
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("open", open),
    ("close", close),
    ("closerange", closerange),
    ("read", read),
    ("write", write),
    ("lseek", lseek),
    ("fsync", fsync),
    ("fdatasync", fdatasync),
    ("ftruncate", ftruncate),
    ("truncate", truncate),
    ("pipe", pipe),
    ("pipe2", pipe2),
    ("dup", dup),
    ("dup2", dup2),
    ("isatty", isatty),
    ("get_inheritable", get_inheritable),
    ("set_inheritable", set_inheritable),
    ("get_blocking", get_blocking),
    ("set_blocking", set_blocking),
    ("device_encoding", device_encoding),
    ("get_terminal_size", get_terminal_size),
];

pub(super) fn add_types(d: &ObjRef) {
    dict::set_str(d, "terminal_size", Value::Obj(terminal_size_type().clone()));
}
