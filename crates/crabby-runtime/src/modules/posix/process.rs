//! `posix`'s process functions: the environment (`environ` with `bytes` keys and values, `putenv`,
//! `unsetenv`), process and user ids, `umask`, signals to processes (`kill`), waiting for children and
//! decoding wait statuses, `_exit`, `urandom`, `strerror`, and system information (`uname`, `times`,
//! `cpu_count`, `sysconf`, `confstr`).
//!
//! NOTE: `fork` raises NotImplementedError: the runtime has no global lock, so another thread may hold any
//! runtime lock at the moment of the fork and the child could deadlock. `register_at_fork` is accepted (its
//! callbacks can never run).

use std::ffi::CString;
use std::io::Read;
use std::sync::OnceLock;

use super::{bind, c_int, c_long, last_error, os_error, path_only};
use crate::builtins::function::NativeFn;
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::{bytes, dict, list, tuple};
use crate::error::{not_implemented, type_error, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

/// The environment as CPython's `posix.environ` holds it: a dict of `bytes` to `bytes`.
fn environ_dict() -> PyResult<Value> {
    let d = dict::new_dict_obj();
    for (k, v) in std::env::vars_os() {
        use std::os::unix::ffi::OsStrExt;
        dict::set(&d, bytes::new_bytes(k.as_bytes()), bytes::new_bytes(v.as_bytes()))?;
    }
    Ok(Value::Obj(d))
}

/// An environment name or value (`str`, `bytes` or path-like) as bytes, as `PyUnicode_FSConverter` does.
fn env_bytes(func: &str, v: &Value) -> PyResult<Vec<u8>> {
    let p = super::fspath(v)?
        .ok_or_else(|| type_error(format!("expected str, bytes or os.PathLike object, not {}", v.type_name())))?;
    let raw = match (p.as_str(), p.payload()) {
        (Some(s), _) => s.as_bytes().to_vec(),
        (None, Some(Payload::Bytes(b))) => b.to_vec(),
        _ => unreachable!("fspath returns str or bytes"),
    };
    if raw.contains(&0) {
        return Err(value_error("embedded null byte"));
    }
    let _ = func;
    Ok(raw)
}

fn putenv(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("putenv", args, kwargs, &["name", "value"], &[], 2)?;
    let name = env_bytes("putenv", a[0].as_ref().expect("required"))?;
    let value = env_bytes("putenv", a[1].as_ref().expect("required"))?;
    if name.is_empty() || name.contains(&b'=') {
        return Err(value_error("illegal environment variable name"));
    }
    use std::os::unix::ffi::OsStrExt;
    // NOTE: like CPython's `setenv`, this races with other threads reading the environment through the C
    // library; Python code reads `os.environ`, a dict, instead.
    std::env::set_var(std::ffi::OsStr::from_bytes(&name), std::ffi::OsStr::from_bytes(&value));
    Ok(Value::None)
}

fn unsetenv(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("unsetenv", args, kwargs, &["name"], &[], 1)?;
    let name = env_bytes("unsetenv", a[0].as_ref().expect("required"))?;
    if name.is_empty() || name.contains(&b'=') {
        return Err(value_error("illegal environment variable name"));
    }
    use std::os::unix::ffi::OsStrExt;
    std::env::remove_var(std::ffi::OsStr::from_bytes(&name));
    Ok(Value::None)
}

macro_rules! id_getter {
    ($fn_name:ident, $py:literal, $call:expr) => {
        fn $fn_name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            bind($py, args, kwargs, &[], &[], 0)?;
            // SAFETY: these calls take no arguments and cannot fail.
            Ok(Value::Int(unsafe { $call } as i64))
        }
    };
}

id_getter!(getpid, "getpid", libc::getpid());
id_getter!(getppid, "getppid", libc::getppid());
id_getter!(getuid, "getuid", libc::getuid());
id_getter!(geteuid, "geteuid", libc::geteuid());
id_getter!(getgid, "getgid", libc::getgid());
id_getter!(getegid, "getegid", libc::getegid());
id_getter!(getpgrp, "getpgrp", libc::getpgrp());

fn getgroups(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("getgroups", args, kwargs, &[], &[], 0)?;
    // SAFETY: a zero size asks only for the count; the second call fills exactly `n` slots.
    let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if n < 0 {
        return Err(last_error(None));
    }
    let mut groups = vec![0 as libc::gid_t; n as usize];
    // SAFETY: `groups` has room for `n` ids.
    let n = unsafe { libc::getgroups(n, groups.as_mut_ptr()) };
    if n < 0 {
        return Err(last_error(None));
    }
    Ok(list::new_list(groups[..n as usize].iter().map(|g| Value::Int(*g as i64)).collect()))
}

fn getlogin(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("getlogin", args, kwargs, &[], &[], 0)?;
    // SAFETY: `getlogin` returns null or a NUL-terminated name in static storage, copied out at once.
    let name = unsafe {
        let p = libc::getlogin();
        if p.is_null() {
            return Err(last_error(None));
        }
        std::ffi::CStr::from_ptr(p).to_bytes().to_vec()
    };
    super::decode_name(&name, false)
}

fn umask(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("umask", args, kwargs, &["mask"], &[], 1)?;
    let mask = c_int(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    Ok(Value::Int(unsafe { libc::umask(mask as libc::mode_t) } as i64))
}

fn kill(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("kill", args, kwargs, &["pid", "signal"], &[], 2)?;
    let pid = c_int(a[0].as_ref().expect("required"))?;
    let sig = c_int(a[1].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if unsafe { libc::kill(pid, sig) } == -1 {
        return Err(last_error(None));
    }
    // A signal sent to this very process is handled before `kill` returns, as in CPython.
    crate::modules::signal::check_signals()?;
    Ok(Value::None)
}

fn killpg(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("killpg", args, kwargs, &["pgid", "signal"], &[], 2)?;
    let pgid = c_int(a[0].as_ref().expect("required"))?;
    let sig = c_int(a[1].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if unsafe { libc::killpg(pgid, sig) } == -1 {
        return Err(last_error(None));
    }
    crate::modules::signal::check_signals()?;
    Ok(Value::None)
}

/// `_exit(status)`: ends the process at once, without flushing or running exit handlers.
fn exit_now(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("_exit", args, kwargs, &["status"], &[], 1)?;
    let status = c_int(a[0].as_ref().expect("required"))?;
    // SAFETY: `_exit` never returns; skipping destructors is its documented purpose.
    unsafe { libc::_exit(status) }
}

fn abort(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("abort", args, kwargs, &[], &[], 0)?;
    std::process::abort()
}

fn waitpid(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("waitpid", args, kwargs, &["pid", "options"], &[], 2)?;
    let pid = c_int(a[0].as_ref().expect("required"))?;
    let options = c_int(a[1].as_ref().expect("required"))?;
    let mut status: libc::c_int = 0;
    // SAFETY: `status` is a live int for `waitpid` to write.
    match super::retry(-1, || unsafe { libc::waitpid(pid, &mut status, options) })? {
        Ok(r) => Ok(tuple::new_tuple_array([Value::Int(r as i64), Value::Int(status as i64)])),
        Err(e) => Err(os_error(e, None, None)),
    }
}

fn wait(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("wait", args, kwargs, &[], &[], 0)?;
    let mut status: libc::c_int = 0;
    // SAFETY: `status` is a live int for `wait` to write.
    match super::retry(-1, || unsafe { libc::wait(&mut status) })? {
        Ok(r) => Ok(tuple::new_tuple_array([Value::Int(r as i64), Value::Int(status as i64)])),
        Err(e) => Err(os_error(e, None, None)),
    }
}

fn status_arg(func: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<i32> {
    let a = bind(func, args, kwargs, &["status"], &[], 1)?;
    c_int(a[0].as_ref().expect("required"))
}

macro_rules! wait_macro {
    ($fn_name:ident, $py:literal, $f:expr, $wrap:expr) => {
        fn $fn_name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let s = status_arg($py, args, kwargs)?;
            Ok($wrap($f(s)))
        }
    };
}

wait_macro!(wifexited, "WIFEXITED", libc::WIFEXITED, Value::Bool);
wait_macro!(wexitstatus, "WEXITSTATUS", libc::WEXITSTATUS, |v: i32| Value::Int(v as i64));
wait_macro!(wifsignaled, "WIFSIGNALED", libc::WIFSIGNALED, Value::Bool);
wait_macro!(wtermsig, "WTERMSIG", libc::WTERMSIG, |v: i32| Value::Int(v as i64));
wait_macro!(wifstopped, "WIFSTOPPED", libc::WIFSTOPPED, Value::Bool);
wait_macro!(wstopsig, "WSTOPSIG", libc::WSTOPSIG, |v: i32| Value::Int(v as i64));
wait_macro!(wcoredump, "WCOREDUMP", libc::WCOREDUMP, Value::Bool);
wait_macro!(wifcontinued, "WIFCONTINUED", libc::WIFCONTINUED, Value::Bool);

fn waitstatus_to_exitcode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = status_arg("waitstatus_to_exitcode", args, kwargs)?;
    if libc::WIFEXITED(s) {
        return Ok(Value::Int(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(Value::Int(-(libc::WTERMSIG(s) as i64)));
    }
    if libc::WIFSTOPPED(s) {
        return Err(value_error(format!("process stopped by delivery of signal {}", libc::WSTOPSIG(s))));
    }
    Err(value_error(format!("invalid wait status: {s}")))
}

fn urandom(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("urandom", args, kwargs, &["size"], &[], 1)?;
    let n = c_long(a[0].as_ref().expect("required"))?;
    if n < 0 {
        return Err(value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| os_error(e.raw_os_error().unwrap_or(libc::EIO), None, None))?;
    Ok(bytes::new_bytes_vec(buf))
}

fn strerror(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("strerror", args, kwargs, &["code"], &[], 1)?;
    let code = c_int(a[0].as_ref().expect("required"))?;
    Ok(Value::from(super::strerror(code)))
}

static UNAME_RESULT: StructSeqSpec = StructSeqSpec {
    module: "posix",
    name: "uname_result",
    fields: &["sysname", "nodename", "release", "version", "machine"],
    n_sequence: 5,
    constructible: true,
    doc: Some(
        "uname_result: Result from os.uname().\n\nThis object may be accessed either as a tuple of\n  \
         (sysname, nodename, release, version, machine),\nor via the attributes sysname, nodename, release, \
         version, and machine.\n\nSee os.uname for more information.",
    ),
};

static TIMES_RESULT: StructSeqSpec = StructSeqSpec {
    module: "posix",
    name: "times_result",
    fields: &["user", "system", "children_user", "children_system", "elapsed"],
    n_sequence: 5,
    constructible: true,
    doc: Some(
        "times_result: Result from os.times().\n\nThis object may be accessed either as a tuple of\n  \
         (user, system, children_user, children_system, elapsed),\nor via the attributes user, system, \
         children_user, children_system, and elapsed.\n\nSee os.times for more information.",
    ),
};

fn uname_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| structseq::new_type(&UNAME_RESULT))
}

fn times_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| structseq::new_type(&TIMES_RESULT))
}

fn uname(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("uname", args, kwargs, &[], &[], 0)?;
    // SAFETY: an all-zero `utsname` is valid; `uname` fills it with NUL-terminated fields.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a live `utsname`.
    if unsafe { libc::uname(&mut u) } == -1 {
        return Err(last_error(None));
    }
    let field = |f: &[libc::c_char]| -> PyResult<Value> {
        let bytes: Vec<u8> = f.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
        super::decode_name(&bytes, false)
    };
    let values =
        vec![field(&u.sysname)?, field(&u.nodename)?, field(&u.release)?, field(&u.version)?, field(&u.machine)?];
    Ok(structseq::new(uname_type(), values))
}

fn clock_ticks() -> f64 {
    // SAFETY: no memory is passed.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

fn times(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("times", args, kwargs, &[], &[], 0)?;
    // SAFETY: an all-zero `tms` is valid; `times` fills it.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a live `tms`.
    let elapsed = unsafe { libc::times(&mut t) };
    if elapsed == -1i64 as libc::clock_t {
        return Err(last_error(None));
    }
    let hz = clock_ticks();
    let values = [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, elapsed]
        .iter()
        .map(|v| Value::Float(*v as f64 / hz))
        .collect();
    Ok(structseq::new(times_type(), values))
}

fn cpu_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("cpu_count", args, kwargs, &[], &[], 0)?;
    // SAFETY: no memory is passed.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n < 1 { Value::None } else { Value::Int(n as i64) })
}

const SYSCONF_NAMES: &[(&str, libc::c_int)] = &[
    ("SC_ARG_MAX", libc::_SC_ARG_MAX),
    ("SC_CHILD_MAX", libc::_SC_CHILD_MAX),
    ("SC_CLK_TCK", libc::_SC_CLK_TCK),
    ("SC_NGROUPS_MAX", libc::_SC_NGROUPS_MAX),
    ("SC_OPEN_MAX", libc::_SC_OPEN_MAX),
    ("SC_PAGESIZE", libc::_SC_PAGESIZE),
    ("SC_PAGE_SIZE", libc::_SC_PAGESIZE),
    ("SC_NPROCESSORS_CONF", libc::_SC_NPROCESSORS_CONF),
    ("SC_NPROCESSORS_ONLN", libc::_SC_NPROCESSORS_ONLN),
    ("SC_PHYS_PAGES", libc::_SC_PHYS_PAGES),
    ("SC_AVPHYS_PAGES", libc::_SC_AVPHYS_PAGES),
    ("SC_LINE_MAX", libc::_SC_LINE_MAX),
    ("SC_HOST_NAME_MAX", libc::_SC_HOST_NAME_MAX),
    ("SC_LOGIN_NAME_MAX", libc::_SC_LOGIN_NAME_MAX),
    ("SC_IOV_MAX", libc::_SC_IOV_MAX),
    ("SC_SEM_NSEMS_MAX", libc::_SC_SEM_NSEMS_MAX),
];

const CONFSTR_NAMES: &[(&str, libc::c_int)] = &[
    ("CS_PATH", libc::_CS_PATH),
    ("CS_GNU_LIBC_VERSION", libc::_CS_GNU_LIBC_VERSION),
    ("CS_GNU_LIBPTHREAD_VERSION", libc::_CS_GNU_LIBPTHREAD_VERSION),
];

/// A configuration name: an int, or a string from the table (`ValueError: unrecognized configuration name`).
fn conf_name(v: &Value, table: &[(&str, libc::c_int)]) -> PyResult<libc::c_int> {
    if let Some(s) = v.as_str() {
        return table
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, c)| *c)
            .ok_or_else(|| value_error("unrecognized configuration name"));
    }
    if crate::builtins::int::is_int(v) {
        return c_int(v);
    }
    Err(type_error("configuration names must be strings or integers"))
}

fn sysconf(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("sysconf", args, kwargs, &["name"], &[], 1)?;
    let name = conf_name(a[0].as_ref().expect("required"), SYSCONF_NAMES)?;
    // SAFETY: `errno` is thread-local; `sysconf` takes no memory.
    let r = unsafe {
        *libc::__errno_location() = 0;
        libc::sysconf(name)
    };
    if r == -1 && super::last_errno() != 0 {
        return Err(last_error(None));
    }
    Ok(Value::Int(r as i64))
}

fn confstr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("confstr", args, kwargs, &["name"], &[], 1)?;
    let name = conf_name(a[0].as_ref().expect("required"), CONFSTR_NAMES)?;
    let mut buf = vec![0u8; 1024];
    // SAFETY: `buf` has room for `buf.len()` bytes; `errno` is thread-local.
    let n = unsafe {
        *libc::__errno_location() = 0;
        libc::confstr(name, buf.as_mut_ptr().cast(), buf.len())
    };
    if n == 0 {
        if super::last_errno() != 0 {
            return Err(last_error(None));
        }
        return Ok(Value::None);
    }
    if n > buf.len() {
        buf.resize(n, 0);
        // SAFETY: as above, with the size `confstr` asked for.
        unsafe { libc::confstr(name, buf.as_mut_ptr().cast(), buf.len()) };
    }
    buf.truncate(n - 1);
    super::decode_name(&buf, false)
}

fn names_dict(table: &[(&str, libc::c_int)]) -> Value {
    let d = dict::new_dict_obj();
    for (n, c) in table {
        dict::set_str(&d, n, Value::Int(*c as i64));
    }
    Value::Obj(d)
}

fn fork(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("fork", args, kwargs, &[], &[], 0)?;
    Err(not_implemented("crabby does not support os.fork() yet"))
}

fn register_at_fork(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("register_at_fork", args, kwargs, &[], &["before", "after_in_child", "after_in_parent"], 0)?;
    if a.iter().all(|x| x.is_none()) {
        return Err(type_error("At least one argument is required."));
    }
    for (v, name) in a.iter().zip(["before", "after_in_child", "after_in_parent"]) {
        if let Some(v) = v {
            if !crate::modules::builtins::is_callable(v) {
                return Err(type_error(format!("'{name}' must be callable, not {}", v.type_name())));
            }
        }
    }
    Ok(Value::None)
}

/// `execv(path, argv)` / `execve(path, argv, env)`: replaces the process image; returns only on failure.
fn exec_impl(func: &str, path: &Value, argv: &Value, env: Option<&Value>) -> PyResult<Value> {
    let p = path_only(func, "path", path)?;
    let items = match (argv.as_tuple(), argv.payload()) {
        (Some(t), _) => t.to_vec(),
        (None, Some(Payload::List(_))) => list::items(argv),
        _ => return Err(type_error(format!("{func}() arg 2 must be a tuple or list"))),
    };
    if items.is_empty() {
        return Err(value_error(format!("{func}() arg 2 must not be empty")));
    }
    let mut cargs = Vec::with_capacity(items.len());
    for it in &items {
        cargs.push(CString::new(env_bytes(func, it)?).expect("no NUL"));
    }
    if cargs[0].as_bytes().is_empty() {
        return Err(value_error(format!("{func}() arg 2 first element cannot be empty")));
    }
    let mut cenv = Vec::new();
    if let Some(env) = env {
        let Some(Payload::Dict(_)) = env.payload() else {
            return Err(type_error(format!("{func}: environment must be a mapping object")));
        };
        for (k, v) in dict::items(env.as_obj().expect("dict")) {
            let mut kv = env_bytes(func, &k)?;
            if kv.is_empty() || kv.contains(&b'=') {
                return Err(value_error("illegal environment variable name"));
            }
            kv.push(b'=');
            kv.extend(env_bytes(func, &v)?);
            cenv.push(CString::new(kv).expect("no NUL"));
        }
    }
    crate::modules::sys::flush_stdout().ok();
    let mut argp: Vec<*const libc::c_char> = cargs.iter().map(|c| c.as_ptr()).collect();
    argp.push(std::ptr::null());
    let mut envp: Vec<*const libc::c_char> = cenv.iter().map(|c| c.as_ptr()).collect();
    envp.push(std::ptr::null());
    // SAFETY: every pointer is to a live NUL-terminated string, and both arrays end with a null pointer.
    unsafe {
        if env.is_some() {
            libc::execve(p.c.as_ptr(), argp.as_ptr(), envp.as_ptr());
        } else {
            libc::execv(p.c.as_ptr(), argp.as_ptr());
        }
    }
    Err(last_error(None))
}

fn execv(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("execv", args, kwargs, &["path", "argv"], &[], 2)?;
    exec_impl("execv", a[0].as_ref().expect("required"), a[1].as_ref().expect("required"), None)
}

fn execve(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("execve", args, kwargs, &["path", "argv", "env"], &[], 3)?;
    exec_impl("execve", a[0].as_ref().expect("required"), a[1].as_ref().expect("required"), a[2].as_ref())
}

/// `system(command)`: runs `/bin/sh -c command` and returns the wait status.
fn system(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("system", args, kwargs, &["command"], &[], 1)?;
    let cmd = CString::new(env_bytes("system", a[0].as_ref().expect("required"))?).expect("no NUL");
    crate::modules::sys::flush_stdout().ok();
    // SAFETY: `cmd` is NUL-terminated.
    Ok(Value::Int(unsafe { libc::system(cmd.as_ptr()) } as i64))
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("putenv", putenv),
    ("unsetenv", unsetenv),
    ("getpid", getpid),
    ("getppid", getppid),
    ("getuid", getuid),
    ("geteuid", geteuid),
    ("getgid", getgid),
    ("getegid", getegid),
    ("getpgrp", getpgrp),
    ("getgroups", getgroups),
    ("getlogin", getlogin),
    ("umask", umask),
    ("kill", kill),
    ("killpg", killpg),
    ("_exit", exit_now),
    ("abort", abort),
    ("waitpid", waitpid),
    ("wait", wait),
    ("WIFEXITED", wifexited),
    ("WEXITSTATUS", wexitstatus),
    ("WIFSIGNALED", wifsignaled),
    ("WTERMSIG", wtermsig),
    ("WIFSTOPPED", wifstopped),
    ("WSTOPSIG", wstopsig),
    ("WCOREDUMP", wcoredump),
    ("WIFCONTINUED", wifcontinued),
    ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ("urandom", urandom),
    ("strerror", strerror),
    ("uname", uname),
    ("times", times),
    ("cpu_count", cpu_count),
    ("sysconf", sysconf),
    ("confstr", confstr),
    ("fork", fork),
    ("register_at_fork", register_at_fork),
    ("execv", execv),
    ("execve", execve),
    ("system", system),
];

pub(super) fn add_to_module(d: &ObjRef) -> PyResult<()> {
    dict::set_str(d, "environ", environ_dict()?);
    dict::set_str(d, "uname_result", Value::Obj(uname_type().clone()));
    dict::set_str(d, "times_result", Value::Obj(times_type().clone()));
    dict::set_str(d, "sysconf_names", names_dict(SYSCONF_NAMES));
    dict::set_str(d, "confstr_names", names_dict(CONFSTR_NAMES));
    dict::set_str(d, "pathconf_names", Value::Obj(dict::new_dict_obj()));
    Ok(())
}
