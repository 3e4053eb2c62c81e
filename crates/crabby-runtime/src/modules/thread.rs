//! `_thread`: OS threads running Python code in parallel (there is no global lock), and the locks they
//! synchronise with. `threading` (CPython's pure-Python module) builds on this.
//!
//! A lock is a flag behind a mutex with a condition variable, so it can be released by a thread other than the
//! one that acquired it, as Python's locks can; waiting never holds any other runtime lock.
//!
//! A thread's life ends as in CPython: its `_local` dicts are dropped, `_count()` goes down, then the sentinel
//! locks it took with `_set_sentinel()` are released (that is what `threading.Thread.join` waits on). At exit,
//! [`shutdown`] runs `threading._shutdown()`, which waits for the non-daemon threads; daemon threads simply stop
//! with the process.

mod excepthook;
mod local;

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

/// CPython's `TIMEOUT_MAX` on Linux (seconds): the longest timeout whose nanoseconds fit in an i64.
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
                None => crate::qsbr::offline(|| self.cv.wait(&mut l)),
                Some(d) => {
                    if crate::qsbr::offline(|| self.cv.wait_until(&mut l, d)).timed_out() && *l {
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
    local: ObjRef,
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
                ("__repr__", lock_repr),
                ("_at_fork_reinit", lock_at_fork_reinit),
            ],
        );
        let rlock = new_native_type("RLock", "_thread", false);
        add_methods(
            &rlock,
            &[
                ("acquire", rlock_acquire),
                ("release", rlock_release),
                ("_is_owned", rlock_is_owned),
                ("_release_save", rlock_release_save),
                ("_acquire_restore", rlock_acquire_restore),
                ("_recursion_count", rlock_recursion_count),
                ("__enter__", rlock_acquire),
                ("__exit__", rlock_exit),
                ("__repr__", rlock_repr),
            ],
        );
        dict::set_str(
            &crate::builtins::type_::type_obj(&rlock).dict,
            "__new__",
            crate::builtins::object::static_method(new_builtin("__new__", rlock_new, None)),
        );
        Types { lock, rlock, local: local::make_type() }
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

/// A timeout in seconds as CPython's `_PyTime_FromSecondsObject` converts it (to whole nanoseconds, rounded
/// up), with its errors.
pub(crate) fn timeout_ns(t: &Value) -> PyResult<i64> {
    let too_large = || PyErr::new(ExcKind::OverflowError, "timestamp too large to convert to C _PyTime_t");
    let float = match t {
        Value::Float(f) => Some(*f),
        Value::Obj(o) => match &o.payload {
            Payload::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    };
    if let Some(f) = float {
        if f.is_nan() {
            return Err(value_error("Invalid value NaN (not a number)"));
        }
        let ns = (f * 1e9).ceil();
        // 2**63 is exactly representable; anything at or past it does not fit.
        const TWO_63: f64 = (1u64 << 63) as f64;
        if !(-TWO_63..TWO_63).contains(&ns) {
            return Err(PyErr::new(ExcKind::OverflowError, "timestamp out of range for platform time_t"));
        }
        return Ok(ns as i64);
    }
    match crate::builtins::int::to_bigint(t) {
        Some(b) => {
            let s: i64 = b.try_into().map_err(|_| too_large())?;
            s.checked_mul(1_000_000_000).ok_or_else(too_large)
        }
        None => Err(type_error(format!("'{}' object cannot be interpreted as an integer", t.type_name()))),
    }
}

/// `(blocking=True, timeout=-1)` with CPython's checks.
fn acquire_args(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<(bool, Option<Duration>)> {
    // CPython's messages count the arguments without the receiver.
    if args.len() > 3 {
        return Err(type_error(format!("{name}() takes at most 2 arguments ({} given)", args.len() - 1)));
    }
    for (k, _) in kwargs {
        let k = k.as_str().unwrap_or("");
        if k != "blocking" && k != "timeout" {
            return Err(type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
        }
    }
    let a = Args::new(name, args, kwargs).bind(&["self", "blocking", "timeout"], 1)?;
    let blocking = match &a[1] {
        Some(b) => crate::ops::truthy(b)?,
        None => true,
    };
    const UNSET: i64 = -1_000_000_000;
    let timeout = match &a[2] {
        None => UNSET,
        Some(t) => timeout_ns(t)?,
    };
    if !blocking && timeout != UNSET {
        return Err(value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0 && timeout != UNSET {
        return Err(value_error("timeout value must be positive"));
    }
    Ok((blocking, (timeout >= 0).then(|| Duration::from_nanos(timeout as u64))))
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

/// `_at_fork_reinit()`: makes the lock unlocked again (what a forked child does with the locks it inherited).
fn lock_at_fork_reinit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_at_fork_reinit", args, kwargs).exact(1)?;
    *lock_of(&a[0])?.locked.lock() = false;
    Ok(Value::None)
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

impl RLock {
    /// Takes the lock for thread `me` with recursion count `count` once no thread owns it; `false` when
    /// `blocking` is off or `timeout` passes first. The owner re-entering only bumps the count.
    fn acquire_as(&self, me: u64, count: usize, blocking: bool, timeout: Option<Duration>) -> bool {
        let mut st = self.state.lock();
        if st.0 == Some(me) {
            st.1 += count;
            return true;
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        while st.0.is_some() {
            if !blocking {
                return false;
            }
            match deadline {
                None => crate::qsbr::offline(|| self.cv.wait(&mut st)),
                Some(d) => {
                    if crate::qsbr::offline(|| self.cv.wait_until(&mut st, d)).timed_out() && st.0.is_some() {
                        return false;
                    }
                }
            }
        }
        *st = (Some(me), count);
        true
    }
}

fn rlock_acquire(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = rlock_of(&args[0])?;
    let (blocking, timeout) = acquire_args("acquire", args, kwargs)?;
    Ok(Value::Bool(r.acquire_as(thread_id(), 1, blocking, timeout)))
}

/// `_release_save()`: releases the lock whatever its recursion count and returns `(count, owner)` for
/// `_acquire_restore` (what `threading.Condition.wait` uses to release an RLock fully).
fn rlock_release_save(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_release_save", args, kwargs).exact(1)?;
    let r = rlock_of(&a[0])?;
    let mut st = r.state.lock();
    // NOTE: like CPython's, this checks only that the lock is held, not by whom.
    if st.1 == 0 {
        return Err(runtime_error("cannot release un-acquired lock"));
    }
    let (owner, count) = (st.0.unwrap_or(0), st.1);
    *st = (None, 0);
    r.cv.notify_one();
    Ok(tuple::new_tuple_array([Value::Int(count as i64), Value::Int(owner as i64)]))
}

/// `_acquire_restore((count, owner))`: waits for the lock and takes it back with the saved count and owner.
fn rlock_acquire_restore(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_acquire_restore", args, kwargs).exact(2)?;
    let r = rlock_of(&a[0])?;
    let items = match a[1].as_tuple() {
        Some(t) if t.len() == 2 => t.to_vec(),
        _ => return Err(type_error("_acquire_restore() argument must be a (count, owner) tuple")),
    };
    let int = |v: &Value| crate::builtins::int::as_i64(v).ok_or_else(|| type_error("an integer is required"));
    let (count, owner) = (int(&items[0])?, int(&items[1])?);
    let mut st = r.state.lock();
    while st.0.is_some() {
        crate::qsbr::offline(|| r.cv.wait(&mut st));
    }
    *st = ((owner != 0).then_some(owner as u64), count.max(0) as usize);
    Ok(Value::None)
}

/// `_recursion_count()`: how many times the calling thread holds the lock.
fn rlock_recursion_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_recursion_count", args, kwargs).exact(1)?;
    let st = rlock_of(&a[0])?.state.lock();
    Ok(Value::Int(if st.0 == Some(thread_id()) { st.1 as i64 } else { 0 }))
}

fn rlock_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = &args[0];
    let (owner, count) = *rlock_of(this)?.state.lock();
    let state = if count > 0 { "locked" } else { "unlocked" };
    let addr = this.as_obj().map_or(0, |o| o.addr());
    Ok(Value::from(
        format!("<{state} _thread.RLock object owner={} count={count} at {addr:#x}>", owner.unwrap_or(0)).as_str(),
    ))
}

fn lock_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = &args[0];
    let state = if *lock_of(this)?.locked.lock() { "locked" } else { "unlocked" };
    let addr = this.as_obj().map_or(0, |o| o.addr());
    Ok(Value::from(format!("<{state} _thread.lock object at {addr:#x}>").as_str()))
}

fn rlock_release(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = rlock_of(&args[0])?;
    let mut st = r.state.lock();
    if st.0 != Some(thread_id()) || st.1 == 0 {
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
    let registered = crate::qsbr::new_thread();
    let spawned = std::thread::Builder::new().stack_size(crate::entry::PYTHON_STACK_SIZE).spawn(move || {
        crate::qsbr::enter(registered);
        let _ = tx.send(thread_id());
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if let Err(e) = crate::ops::call::call(&f, &pos, &kw) {
                report_thread_exception(&f, &e);
            }
        }));
        if r.is_err() {
            crate::modules::sys::write_stderr("crabby: internal error: a thread panicked; this is a bug in crabby\n");
        }
        // Dropped while the thread is still registered: freeing them may run Python code, which reads dicts.
        drop((f, pos, kw));
        local::thread_exit();
        crate::qsbr::exit();
        // Relaxed: see above.
        COUNT.fetch_sub(1, Ordering::Relaxed);
        release_sentinels();
        crate::alloc::flush_thread_cache();
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

thread_local! {
    /// The lock the last `_set_sentinel()` on this thread handed out, released when the thread ends.
    static SENTINEL: std::cell::RefCell<Option<ObjRef>> = const { std::cell::RefCell::new(None) };
}

/// Releases the calling thread's sentinel lock if it is held: the thread is finished, for whoever waits on it.
fn release_sentinels() {
    let lock = SENTINEL.with(|s| s.borrow_mut().take());
    if let Some(l) = lock {
        if let Some(lock) = l.payload.native::<Lock>() {
            lock.release();
        }
    }
}

/// `_set_sentinel()`: a new (unlocked) lock that the runtime releases when the calling thread ends, if it is
/// then held; `threading` acquires it at once (`Thread._tstate_lock`). As in CPython, a second call replaces
/// the first lock, which is then left alone.
fn set_sentinel(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_set_sentinel", args, kwargs).exact(0)?;
    let v = new_lock_value();
    let o = v.as_obj().expect("lock object").clone();
    let old = SENTINEL.with(|s| s.borrow_mut().replace(o));
    drop(old);
    Ok(v)
}

/// What the main thread does once `__main__` has finished (CPython's `wait_for_thread_shutdown`): when
/// `threading` was imported, `threading._shutdown()` waits for every non-daemon thread. An error there is
/// reported the way CPython reports an unraisable exception.
pub fn shutdown() {
    let Some(threading) = dict::get_str(crate::import::sys_modules(), "threading") else {
        return;
    };
    let r = crate::ops::attr::getattr_str(&threading, "_shutdown").and_then(|f| crate::ops::call::call(&f, &[], &[]));
    if let Err(e) = r {
        let what = crate::ops::format::repr(&threading).unwrap_or_default();
        let text = crate::traceback::format_exception(&e.exc);
        crate::modules::sys::write_stderr(&format!("Exception ignored in: {what}\n{text}"));
    }
}

fn is_main_interpreter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_is_main_interpreter", args, kwargs).exact(0)?;
    Ok(Value::Bool(true))
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

/// `stack_size([size])`: returns the size set before and records the new one.
/// NOTE: the size is recorded but not applied: every Python thread gets the runtime's stack
/// (`entry::PYTHON_STACK_SIZE`, reserved not committed), which the recursion limit is sized for.
fn stack_size(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    static SIZE: AtomicUsize = AtomicUsize::new(0);
    let a = Args::new("stack_size", args, kwargs).between(0, 1)?;
    // Relaxed: the value is only reported back, it orders nothing.
    let old = SIZE.load(Ordering::Relaxed);
    if let Some(s) = a.first() {
        let n = crate::builtins::int::as_i64(&crate::ops::number::index(s)?).unwrap_or(-1);
        if n < 0 {
            return Err(value_error("size must be 0 or a positive value"));
        }
        if n != 0 && n < 32768 {
            return Err(value_error(format!("size not valid: {n} bytes")));
        }
        // Relaxed: see above.
        SIZE.store(n as usize, Ordering::Relaxed);
    }
    Ok(Value::Int(old as i64))
}

fn daemon_threads_allowed(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn interrupt_main(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("interrupt_main", args, kwargs).bind(&["signum"], 0)?;
    let sig = match &a[0] {
        Some(v) => crate::builtins::int::as_i64(&crate::ops::number::index(v)?).unwrap_or(i64::MAX),
        None => libc::SIGINT as i64,
    };
    crate::modules::signal::simulate(sig)?;
    Ok(Value::None)
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
    ("_set_sentinel", set_sentinel),
    ("_is_main_interpreter", is_main_interpreter),
    ("_excepthook", excepthook::excepthook),
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
        dict::set_str(d, "_local", Value::Obj(t.local.clone()));
        dict::set_str(d, "_ExceptHookArgs", Value::Obj(excepthook::args_type().clone()));
        dict::set_str(d, "TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
        dict::set_str(d, "error", Value::Obj(crate::builtins::exceptions::exc_type(ExcKind::RuntimeError).clone()));
        let _ = (tuple::new_tuple_array([]), type_::type_name(&t.lock));
        m
    })
    .clone())
}
