//! `_thread`: OS threads running Python code in parallel (there is no global lock), and the locks they
//! synchronise with. `threading` (CPython's pure-Python module) builds on this.
//!
//! A lock is a flag behind a mutex with a condition variable, so it can be released by a thread other than the
//! one that acquired it, as Python's locks can; waiting never holds any other runtime lock.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{add_methods, dict, module, new_native_type, tuple, type_};
use crate::error::{runtime_error, type_error, value_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops::args::Args;
use crate::Value;

/// CPython's `TIMEOUT_MAX` on Linux (seconds).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// Threads started by `start_new_thread` that are still running.
static COUNT: AtomicUsize = AtomicUsize::new(0);

pub struct Lock {
    locked: Mutex<bool>,
    cv: Condvar,
}

impl Lock {
    fn new() -> Lock {
        Lock { locked: Mutex::new(false), cv: Condvar::new() }
    }

    /// Acquires, waiting at most `timeout` (forever when `None`); returns whether it was acquired.
    fn acquire(&self, blocking: bool, timeout: Option<Duration>) -> bool {
        let mut l = self.locked.lock();
        if !*l {
            *l = true;
            return true;
        }
        if !blocking {
            return false;
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        while *l {
            match deadline {
                None => self.cv.wait(&mut l),
                Some(d) => {
                    if self.cv.wait_until(&mut l, d).timed_out() && *l {
                        return false;
                    }
                }
            }
        }
        *l = true;
        true
    }

    fn release(&self) -> bool {
        let mut l = self.locked.lock();
        if !*l {
            return false;
        }
        *l = false;
        self.cv.notify_one();
        true
    }
}

/// A reentrant lock: the owner thread and how many times it holds it.
pub struct RLock {
    state: Mutex<(Option<u64>, usize)>,
    cv: Condvar,
}

fn thread_id() -> u64 {
    thread_local! {
        static ID: u64 = {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
            // Relaxed: the counter only has to hand out distinct numbers.
            NEXT.fetch_add(1, Ordering::Relaxed) + 0x7f00_0000_0000
        };
    }
    ID.with(|i| *i)
}

struct Types {
    lock: ObjRef,
    rlock: ObjRef,
}

fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        let lock = new_native_type("lock", "_thread", false);
        add_methods(
            &lock,
            &[
                ("acquire", lock_acquire),
                ("acquire_lock", lock_acquire),
                ("release", lock_release),
                ("release_lock", lock_release),
                ("locked", lock_locked),
                ("locked_lock", lock_locked),
                ("__enter__", lock_acquire),
                ("__exit__", lock_exit),
            ],
        );
        let rlock = new_native_type("RLock", "_thread", false);
        add_methods(
            &rlock,
            &[
                ("acquire", rlock_acquire),
                ("release", rlock_release),
                ("_is_owned", rlock_is_owned),
                ("__enter__", rlock_acquire),
                ("__exit__", rlock_exit),
            ],
        );
        dict::set_str(
            &crate::builtins::type_::type_obj(&rlock).dict,
            "__new__",
            crate::builtins::object::static_method(new_builtin("__new__", rlock_new, None)),
        );
        Types { lock, rlock }
    })
}

fn new_lock_value() -> Value {
    Value::Obj(ObjRef::new(&types().lock, Payload::Native(NativeBox::new(Lock::new()))))
}

fn lock_of(v: &Value) -> PyResult<&Lock> {
    v.payload().and_then(|p| p.native::<Lock>()).ok_or_else(|| {
        type_error(format!("descriptor requires a '_thread.lock' object but received a '{}'", v.type_name()))
    })
}

/// `(blocking=True, timeout=-1)` with CPython's checks.
fn acquire_args(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<(bool, Option<Duration>)> {
    let a = Args::new(name, args, kwargs).bind(&["self", "blocking", "timeout"], 1)?;
    let blocking = match &a[1] {
        Some(b) => crate::ops::truthy(b)?,
        None => true,
    };
    let timeout = match &a[2] {
        None => -1.0,
        Some(t) => crate::builtins::float::as_f64(t).ok_or_else(|| {
            type_error(format!("'{}' object cannot be interpreted as an integer or float", t.type_name()))
        })?,
    };
    if !blocking && timeout != -1.0 {
        return Err(value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(value_error("timeout value must be a non-negative number"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(PyErr::new(ExcKind::OverflowError, "timeout value is too large"));
    }
    Ok((blocking, (timeout >= 0.0).then(|| Duration::from_secs_f64(timeout))))
}

fn lock_acquire(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let lock = lock_of(&args[0])?;
    let (blocking, timeout) = acquire_args("acquire", args, kwargs)?;
    Ok(Value::Bool(lock.acquire(blocking, timeout)))
}

fn lock_release(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if lock_of(&args[0])?.release() {
        Ok(Value::None)
    } else {
        Err(runtime_error("release unlocked lock"))
    }
}

fn lock_exit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    lock_release(&args[..1], kwargs)?;
    Ok(Value::Bool(false))
}

fn lock_locked(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(*lock_of(&args[0])?.locked.lock()))
}

fn rlock_of(v: &Value) -> PyResult<&RLock> {
    v.payload().and_then(|p| p.native::<RLock>()).ok_or_else(|| {
        type_error(format!("descriptor requires a '_thread.RLock' object but received a '{}'", v.type_name()))
    })
}

fn new_rlock_value() -> Value {
    Value::Obj(ObjRef::new(
        &types().rlock,
        Payload::Native(NativeBox::new(RLock { state: Mutex::new((None, 0)), cv: Condvar::new() })),
    ))
}

fn rlock_new(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // args[0] is the class; RLock takes no other arguments.
    Ok(new_rlock_value())
}

fn rlock_acquire(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = rlock_of(&args[0])?;
    let (blocking, timeout) = acquire_args("acquire", args, kwargs)?;
    let me = thread_id();
    let mut st = r.state.lock();
    if st.0 == Some(me) {
        st.1 += 1;
        return Ok(Value::Bool(true));
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    while st.0.is_some() {
        if !blocking {
            return Ok(Value::Bool(false));
        }
        match deadline {
            None => r.cv.wait(&mut st),
            Some(d) => {
                if r.cv.wait_until(&mut st, d).timed_out() && st.0.is_some() {
                    return Ok(Value::Bool(false));
                }
            }
        }
    }
    *st = (Some(me), 1);
    Ok(Value::Bool(true))
}

fn rlock_release(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = rlock_of(&args[0])?;
    let mut st = r.state.lock();
    if st.0 != Some(thread_id()) {
        return Err(runtime_error("cannot release un-acquired lock"));
    }
    st.1 -= 1;
    if st.1 == 0 {
        st.0 = None;
        r.cv.notify_one();
    }
    Ok(Value::None)
}

fn rlock_exit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    rlock_release(&args[..1], kwargs)?;
    Ok(Value::Bool(false))
}

fn rlock_is_owned(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(rlock_of(&args[0])?.state.lock().0 == Some(thread_id())))
}

/// What an exception escaping a thread started by `start_new_thread` prints (CPython's default hook).
fn report_thread_exception(f: &Value, e: &PyErr) {
    if e.matches(ExcKind::SystemExit) {
        return;
    }
    let what = crate::ops::format::repr(f).unwrap_or_else(|_| "<function>".into());
    let text = crate::traceback::format_exception(&e.exc);
    crate::modules::sys::write_stderr(&format!("Exception ignored in thread started by: {what}\n{text}"));
}

fn start_new_thread(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("start_new_thread", args, kwargs).between(2, 3)?;
    let f = a[0].clone();
    if !crate::modules::builtins::is_callable(&f) {
        return Err(type_error("first arg must be callable"));
    }
    let Some(items) = a[1].as_tuple() else {
        return Err(type_error("2nd arg must be a tuple"));
    };
    let pos = items.to_vec();
    let kw: Vec<(Value, Value)> = match a.get(2) {
        None => Vec::new(),
        Some(d) => match d.as_obj() {
            Some(o) if matches!(o.payload, Payload::Dict(_)) => dict::items(o),
            _ => return Err(type_error("optional 3rd arg must be a dictionary")),
        },
    };
    // Relaxed: the count is a statistic (`_count()`), not a synchronisation point.
    COUNT.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let spawned = std::thread::Builder::new().stack_size(crate::entry::PYTHON_STACK_SIZE).spawn(move || {
        let _ = tx.send(thread_id());
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if let Err(e) = crate::ops::call::call(&f, &pos, &kw) {
                report_thread_exception(&f, &e);
            }
        }));
        if r.is_err() {
            crate::modules::sys::write_stderr("crabby: internal error: a thread panicked; this is a bug in crabby\n");
        }
        // Relaxed: see above.
        COUNT.fetch_sub(1, Ordering::Relaxed);
    });
    match spawned {
        Ok(_) => Ok(Value::Int(rx.recv().unwrap_or(0) as i64)),
        Err(e) => {
            // Relaxed: see above.
            COUNT.fetch_sub(1, Ordering::Relaxed);
            Err(runtime_error(format!("can't start new thread: {e}")))
        }
    }
}

fn allocate_lock(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("allocate_lock", args, kwargs).exact(0)?;
    Ok(new_lock_value())
}

fn get_ident(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_ident", args, kwargs).exact(0)?;
    Ok(Value::Int(thread_id() as i64))
}

fn get_native_id(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_native_id", args, kwargs).exact(0)?;
    // SAFETY: `gettid` has no preconditions and cannot fail.
    let tid = unsafe { libc_gettid() };
    Ok(Value::Int(tid))
}

extern "C" {
    #[link_name = "gettid"]
    fn gettid_raw() -> i32;
}

/// # Safety
/// Calls the C library's `gettid`, which has no preconditions.
unsafe fn libc_gettid() -> i64 {
    // SAFETY: forwarded from the caller: `gettid` takes no arguments and always succeeds.
    unsafe { gettid_raw() as i64 }
}

fn count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_count", args, kwargs).exact(0)?;
    // Relaxed: a statistic.
    Ok(Value::Int(COUNT.load(Ordering::Relaxed) as i64))
}

fn stack_size(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("stack_size", args, kwargs).between(0, 1)?;
    if let Some(s) = a.first() {
        let n = crate::builtins::int::as_i64(&crate::ops::number::index(s)?).unwrap_or(-1);
        if n != 0 && n < 32768 {
            return Err(value_error("size not valid: 32768 bytes"));
        }
    }
    Ok(Value::Int(0))
}

fn daemon_threads_allowed(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn interrupt_main(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("interrupt_main", args, kwargs).between(0, 1)?;
    Err(crate::error::not_implemented("crabby does not support _thread.interrupt_main yet"))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("start_new_thread", start_new_thread),
    ("start_new", start_new_thread),
    ("allocate_lock", allocate_lock),
    ("allocate", allocate_lock),
    ("get_ident", get_ident),
    ("get_native_id", get_native_id),
    ("_count", count),
    ("stack_size", stack_size),
    ("daemon_threads_allowed", daemon_threads_allowed),
    ("interrupt_main", interrupt_main),
];

/// The `_thread` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("_thread").make_immortal();
        let d = module::module_dict(&m);
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        let t = types();
        dict::set_str(d, "LockType", Value::Obj(t.lock.clone()));
        dict::set_str(d, "lock", Value::Obj(t.lock.clone()));
        dict::set_str(d, "RLock", Value::Obj(t.rlock.clone()));
        dict::set_str(d, "TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
        dict::set_str(d, "error", Value::Obj(crate::builtins::exceptions::exc_type(ExcKind::RuntimeError).clone()));
        let _ = (tuple::new_tuple(vec![]), type_::type_name(&t.lock));
        m
    })
    .clone())
}
