//! `select`: waiting for file descriptors to become ready, with `select()` and `poll()` objects (what
//! `selectors.PollSelector` and `SelectSelector`, and so `subprocess.Popen.communicate`, use).
//!
//! A `poll` object keeps its registered descriptors under a mutex that is only held to copy or change them:
//! the wait itself runs with no lock held, so another thread may register meanwhile (the change counts from
//! the next `poll()`, as in CPython). Waits are retried on `EINTR` after pending signal handlers ran.
//! NOTE: `epoll`, `devpoll` and `kqueue` are not provided; `selectors.DefaultSelector` is then the poll one.

use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{add_methods, dict, float, int, list, module, new_native_type, tuple};
use crate::error::{overflow_error, type_error, value_error, PyResult};
use crate::modules::posix::{c_int, os_error};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

struct Poll {
    /// Registered descriptors and their event masks, in registration order.
    fds: Mutex<Vec<(i32, i16)>>,
}

struct State {
    module: ObjRef,
    poll: ObjRef,
}

const FUNCTIONS: &[(&str, NativeFn)] = &[("select", select), ("poll", poll_new)];

const POLL_METHODS: &[(&str, NativeFn)] =
    &[("register", poll_register), ("modify", poll_modify), ("unregister", poll_unregister), ("poll", poll_poll)];

const CONSTANTS: &[(&str, i16)] = &[
    ("POLLIN", libc::POLLIN),
    ("POLLPRI", libc::POLLPRI),
    ("POLLOUT", libc::POLLOUT),
    ("POLLERR", libc::POLLERR),
    ("POLLHUP", libc::POLLHUP),
    ("POLLNVAL", libc::POLLNVAL),
    ("POLLRDNORM", libc::POLLRDNORM),
    ("POLLRDBAND", libc::POLLRDBAND),
    ("POLLWRNORM", libc::POLLWRNORM),
    ("POLLWRBAND", libc::POLLWRBAND),
    ("POLLMSG", 0x400),
    ("POLLRDHUP", libc::POLLRDHUP),
];

fn state() -> &'static State {
    static STATE: OnceLock<State> = OnceLock::new();
    STATE.get_or_init(|| {
        let poll = new_native_type("poll", "select", false);
        add_methods(&poll, POLL_METHODS);
        let m = module::new_module("select").make_immortal();
        let d = module::module_dict(&m);
        dict::set_str(d, "__doc__", Value::from("This module supports asynchronous I/O on multiple file descriptors."));
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        for (name, v) in CONSTANTS {
            dict::set_str(d, name, Value::Int(*v as i64));
        }
        dict::set_str(d, "PIPE_BUF", Value::Int(libc::PIPE_BUF as i64));
        let os_error_type = crate::builtins::exceptions::exc_type(crate::builtins::exceptions::ExcKind::OSError);
        dict::set_str(d, "error", Value::Obj(os_error_type.clone()));
        State { module: m, poll }
    })
}

pub fn module() -> PyResult<ObjRef> {
    Ok(state().module.clone())
}

/// A descriptor: an int, or an object whose `fileno()` returns one (`PyObject_AsFileDescriptor`).
fn fd_of(v: &Value) -> PyResult<i32> {
    let n = if int::as_i64(v).is_some() || matches!(v, Value::Bool(_)) {
        v.clone()
    } else {
        match ops::attr::getattr_opt(v, "fileno")? {
            Some(f) => ops::call::call(&f, &[], &[])?,
            None => return Err(type_error("argument must be an int, or have a fileno() method.")),
        }
    };
    if matches!(n, Value::Float(_)) || (int::as_i64(&n).is_none() && !matches!(n.payload(), Some(Payload::Int(_)))) {
        return Err(type_error("fileno() returned a non-integer"));
    }
    let fd = c_int(&n)?;
    if fd < 0 {
        return Err(value_error(format!("file descriptor cannot be a negative integer ({fd})")));
    }
    Ok(fd)
}

/// `select(rlist, wlist, xlist, timeout=None)`: the three lists' ready objects.
fn select(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("select", args, kwargs).bind(&["rlist", "wlist", "xlist", "timeout"], 3)?;
    let timeout = match a[3].as_ref().filter(|t| !t.is_none()) {
        None => None,
        Some(t) => {
            let secs = match t {
                Value::Float(f) => *f,
                _ => float::as_f64(t).ok_or_else(|| type_error("timeout must be a float or None"))?,
            };
            if secs.is_nan() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            if secs < 0.0 {
                return Err(value_error("timeout must be non-negative"));
            }
            if secs > i64::MAX as f64 / 1e6 {
                return Err(overflow_error("timeout is too large"));
            }
            Some(secs)
        }
    };
    let mut sets: Vec<Vec<(i32, Value)>> = Vec::with_capacity(3);
    for v in &a[..3] {
        let items = ops::iter::collect(v.as_ref().expect("required"))?;
        let mut set = Vec::with_capacity(items.len());
        for item in items {
            set.push((fd_of(&item)?, item));
        }
        sets.push(set);
    }
    // poll(2) has no FD_SETSIZE limit; the three lists become one descriptor array.
    let events = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    let mut pfds: Vec<libc::pollfd> = Vec::new();
    for (set, ev) in sets.iter().zip(events) {
        for (fd, _) in set {
            pfds.push(libc::pollfd { fd: *fd, events: ev, revents: 0 });
        }
    }
    let ms = timeout.map_or(-1, |s| (s * 1000.0).ceil().min(i32::MAX as f64) as i32);
    wait(&mut pfds, ms)?;
    if pfds.iter().any(|p| p.revents & libc::POLLNVAL != 0) {
        return Err(os_error(libc::EBADF, None, None));
    }
    let mut out = Vec::with_capacity(3);
    let mut i = 0;
    for (set, ev) in sets.iter().zip(events) {
        let mut ready = Vec::new();
        for (_, obj) in set {
            let r = pfds[i].revents;
            // select() reports a hang-up or an error as readable (and writable), as poll's POLLHUP/POLLERR.
            let hit = match ev {
                libc::POLLIN => r & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0,
                libc::POLLOUT => r & (libc::POLLOUT | libc::POLLERR) != 0,
                _ => r & libc::POLLPRI != 0,
            };
            if hit {
                ready.push(obj.clone());
            }
            i += 1;
        }
        out.push(list::new_list(ready));
    }
    Ok(tuple::new_tuple(out))
}

/// Waits in poll(2), retrying on EINTR once pending signal handlers ran.
fn wait(pfds: &mut [libc::pollfd], ms: i32) -> PyResult<i32> {
    loop {
        // SAFETY: `pfds` is a valid array of `pfds.len()` pollfd structures for the duration of the call.
        // The wait touches no object: the thread is offline meanwhile (see `qsbr`).
        let n = crate::qsbr::offline(|| unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, ms) });
        if n >= 0 {
            return Ok(n);
        }
        let e = crate::modules::posix::last_errno();
        if e != libc::EINTR {
            return Err(os_error(e, None, None));
        }
        crate::modules::signal::check_signals()?;
    }
}

fn poll_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("poll", args, kwargs).exact(0)?;
    let p = Poll { fds: Mutex::new(Vec::new()) };
    Ok(Value::Obj(ObjRef::new(&state().poll, Payload::Native(NativeBox::new(p)))))
}

fn poll_of(v: &Value) -> PyResult<&Poll> {
    v.payload().and_then(|p| p.native::<Poll>()).ok_or_else(|| {
        type_error(format!("descriptor requires a 'select.poll' object but received a '{}'", v.type_name()))
    })
}

/// An event mask argument: an unsigned short.
fn event_mask(v: &Value) -> PyResult<i16> {
    let n = int::as_i64(&ops::number::index(v)?).unwrap_or(-1);
    if !(0..=0xffff).contains(&n) {
        return Err(overflow_error("Python int too large for C unsigned short"));
    }
    Ok(n as u16 as i16)
}

fn poll_register(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("register", args, kwargs).bind(&["self", "fd", "eventmask"], 2)?;
    let p = poll_of(a[0].as_ref().expect("required"))?;
    let fd = fd_of(a[1].as_ref().expect("required"))?;
    let mask = match &a[2] {
        Some(m) => event_mask(m)?,
        None => libc::POLLIN | libc::POLLPRI | libc::POLLOUT,
    };
    let mut fds = p.fds.lock();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => entry.1 = mask,
        None => fds.push((fd, mask)),
    }
    Ok(Value::None)
}

fn poll_modify(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("modify", args, kwargs).bind(&["self", "fd", "eventmask"], 3)?;
    let p = poll_of(a[0].as_ref().expect("required"))?;
    let fd = fd_of(a[1].as_ref().expect("required"))?;
    let mask = event_mask(a[2].as_ref().expect("required"))?;
    let mut fds = p.fds.lock();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => entry.1 = mask,
        None => return Err(os_error(libc::ENOENT, None, None)),
    }
    Ok(Value::None)
}

fn poll_unregister(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("unregister", args, kwargs).bind(&["self", "fd"], 2)?;
    let p = poll_of(a[0].as_ref().expect("required"))?;
    let fd_v = a[1].as_ref().expect("required");
    let fd = fd_of(fd_v)?;
    let mut fds = p.fds.lock();
    match fds.iter().position(|(f, _)| *f == fd) {
        Some(i) => {
            fds.remove(i);
            Ok(Value::None)
        }
        None => Err(crate::error::key_error(fd_v.clone())),
    }
}

/// `poll(timeout=None)`: `[(fd, events), ...]` for the ready descriptors; the timeout is in milliseconds
/// (None or negative: wait forever).
fn poll_poll(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("poll", args, kwargs).bind(&["self", "timeout"], 1)?;
    let p = poll_of(a[0].as_ref().expect("required"))?;
    let ms = match a[1].as_ref().filter(|t| !t.is_none()) {
        None => -1,
        Some(t) => {
            let f = match t {
                Value::Float(f) => *f,
                _ if int::as_i64(t).is_some() => int::as_i64(t).unwrap_or(0) as f64,
                _ => {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer or float",
                        t.type_name()
                    )))
                }
            };
            if f < 0.0 {
                -1
            } else {
                f.ceil().min(i32::MAX as f64) as i32
            }
        }
    };
    let mut pfds: Vec<libc::pollfd> =
        p.fds.lock().iter().map(|&(fd, events)| libc::pollfd { fd, events, revents: 0 }).collect();
    wait(&mut pfds, ms)?;
    let ready: Vec<Value> = pfds
        .iter()
        .filter(|x| x.revents != 0)
        .map(|x| tuple::new_tuple_array([Value::Int(x.fd as i64), Value::Int(x.revents as u16 as i64)]))
        .collect();
    Ok(list::new_list(ready))
}
