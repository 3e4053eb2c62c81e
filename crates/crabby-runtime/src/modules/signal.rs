//! `_signal`: Python-level signal handlers, as CPython's `Modules/signalmodule.c` provides them.
//!
//! A signal is caught by a C-level handler that only records it (an atomic flag per signal, one "something
//! is pending" flag, and a byte written to the `set_wakeup_fd` descriptor): all it does is async-signal-safe.
//! The main thread runs the Python handlers at safe points: every Python function call (beside the
//! recursion-depth check), every loop iteration of compiled code, and after system calls interrupted by the
//! signal (`EINTR`). The pending check is one relaxed atomic load.
//!
//! At start-up SIGINT gets the C handler with `default_int_handler` (which raises KeyboardInterrupt) as its
//! Python handler, unless SIGINT was ignored when the process started, as CPython does.
//! Handlers are set and run only in the main thread (`ValueError` elsewhere, as in CPython).

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::OnceLock;

use parking_lot::RwLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, module, set};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::posix::{bind, c_int, last_error, os_error};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// One more than the highest signal number (`signal.NSIG`).
const NSIG: usize = 65;

/// Set by the C handler when any signal arrived and not yet handled. Relaxed loads suffice at safe points:
/// the flag only says "look at the per-signal flags", which are read with acquire ordering.
static PENDING: AtomicBool = AtomicBool::new(false);

#[allow(clippy::declare_interior_mutable_const)]
const UNTRIPPED: AtomicBool = AtomicBool::new(false);
/// Which signals arrived since their handler last ran.
static TRIPPED: [AtomicBool; NSIG] = [UNTRIPPED; NSIG];

/// The `set_wakeup_fd` descriptor, or -1.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

/// The Python-level handler of each signal: `SIG_DFL` (0), `SIG_IGN` (1), a callable, or None (installed
/// by something other than Python).
fn handlers() -> &'static [RwLock<Value>] {
    static H: OnceLock<Vec<RwLock<Value>>> = OnceLock::new();
    H.get_or_init(|| (0..NSIG).map(|sig| RwLock::new(initial_handler(sig as i32))).collect())
}

/// What a signal's disposition was when the process started, as CPython reports it.
fn initial_handler(sig: i32) -> Value {
    if sig == 0 {
        return Value::None;
    }
    // SAFETY: an all-zero `sigaction` is valid; a null new action only queries the current one.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: `old` is a live `sigaction`.
    if unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) } == -1 {
        return Value::None;
    }
    match old.sa_sigaction {
        libc::SIG_DFL => Value::Int(0),
        libc::SIG_IGN => Value::Int(1),
        _ => Value::None,
    }
}

/// The thread that runs `__main__` (the only one that sets and runs handlers).
static MAIN_THREAD: OnceLock<std::thread::ThreadId> = OnceLock::new();

fn is_main_thread() -> bool {
    MAIN_THREAD.get().is_none_or(|t| *t == std::thread::current().id())
}

/// The C-level handler: records the signal and pokes the wakeup descriptor. Async-signal-safe: atomics and
/// `write` only, and `errno` is preserved.
extern "C" fn c_handler(sig: libc::c_int) {
    if (sig as usize) < NSIG {
        // Release: the main thread's acquire swap of this flag sees the store in order with PENDING.
        TRIPPED[sig as usize].store(true, Ordering::Release);
    }
    // Release: pairs with the acquire load in `run_pending`.
    PENDING.store(true, Ordering::Release);
    // Relaxed: the descriptor is a plain value set before handlers that use it are installed.
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd != -1 {
        // SAFETY: `__errno_location` and `write` are async-signal-safe; the byte lives on this stack frame.
        unsafe {
            let saved = *libc::__errno_location();
            let b = sig as u8;
            libc::write(fd, (&b as *const u8).cast(), 1);
            *libc::__errno_location() = saved;
        }
    }
}

/// Installs the C handler (or the default or ignore disposition) for `sig`.
fn install(sig: i32, disposition: libc::sighandler_t) -> Result<(), i32> {
    // SAFETY: an all-zero `sigaction` is valid; its mask is emptied before use.
    let mut act: libc::sigaction = unsafe { std::mem::zeroed() };
    act.sa_sigaction = disposition;
    // No SA_RESTART: a blocking call is interrupted so that the handler runs promptly, as in CPython.
    act.sa_flags = libc::SA_ONSTACK;
    // SAFETY: `act.sa_mask` is a live `sigset_t`; `act` is fully initialised; `c_handler` is an
    // `extern "C" fn(c_int)`, the form `sa_sigaction` takes without SA_SIGINFO.
    let r = unsafe {
        libc::sigemptyset(&mut act.sa_mask);
        libc::sigaction(sig, &act, std::ptr::null_mut())
    };
    if r == -1 {
        return Err(crate::modules::posix::last_errno());
    }
    Ok(())
}

fn c_handler_addr() -> libc::sighandler_t {
    c_handler as extern "C" fn(libc::c_int) as libc::sighandler_t
}

/// Called once by the program entry on the thread that runs `__main__`: makes it the main thread and
/// installs the SIGINT handler that raises KeyboardInterrupt.
pub fn init() {
    if MAIN_THREAD.set(std::thread::current().id()).is_err() {
        return;
    }
    let h = handlers();
    if int_is(&h[libc::SIGINT as usize].read(), 0) && install(libc::SIGINT, c_handler_addr()).is_ok() {
        *h[libc::SIGINT as usize].write() = default_int_handler_obj().clone();
    }
}

fn int_is(v: &Value, n: i64) -> bool {
    matches!(v, Value::Int(i) if *i == n)
}

/// Runs pending Python signal handlers if a signal arrived and this is the main thread. This is the cheap
/// check the runtime makes at safe points. Always inlined: it is two relaxed loads on every Python call, and
/// a call to it cost more than the check (fib: 1.2% of its time in the call alone).
#[inline(always)]
pub fn check_signals() -> PyResult<()> {
    // A safe point is also where this thread holds no pointer from a lock-free read.
    crate::qsbr::safe_point();
    // Relaxed: a stale `false` only delays the handler to the next safe point.
    if !PENDING.load(Ordering::Relaxed) {
        return Ok(());
    }
    run_pending()
}

#[cold]
fn run_pending() -> PyResult<()> {
    if !is_main_thread() {
        return Ok(());
    }
    // Acquire: see every TRIPPED flag set before the PENDING store we observed.
    if !PENDING.swap(false, Ordering::Acquire) {
        return Ok(());
    }
    for (sig, tripped) in TRIPPED.iter().enumerate().skip(1) {
        // Acquire: pairs with the handler's release store.
        if !tripped.swap(false, Ordering::Acquire) {
            continue;
        }
        let h = handlers()[sig].read().clone();
        if int_is(&h, 0) || int_is(&h, 1) || h.is_none() {
            continue;
        }
        if let Err(e) = ops::call::call(&h, &[Value::Int(sig as i64), Value::None], &[]) {
            // The signals not handled yet stay pending for the next safe point, as in CPython.
            // Release: as in the C handler.
            PENDING.store(true, Ordering::Release);
            return Err(e);
        }
    }
    Ok(())
}

/// Simulates the arrival of `sig` (`_thread.interrupt_main`): its Python handler runs in the main thread at
/// the next safe point. Nothing happens when Python does not handle the signal (SIG_DFL, SIG_IGN), as in
/// CPython's `PyErr_SetInterruptEx`.
pub fn simulate(sig: i64) -> PyResult<()> {
    if sig < 1 || sig >= NSIG as i64 {
        return Err(crate::error::value_error("signal number out of range"));
    }
    let h = handlers()[sig as usize].read().clone();
    if int_is(&h, 0) || int_is(&h, 1) || h.is_none() {
        return Ok(());
    }
    // Release: as in the C handler, so that the main thread's acquire swaps see the flag.
    TRIPPED[sig as usize].store(true, Ordering::Release);
    PENDING.store(true, Ordering::Release);
    Ok(())
}

/// Blocks the asynchronous signals in the calling thread. The program entry calls it on the thread that only
/// waits for `__main__`'s thread, so that signals a program sends itself (`os.kill(os.getpid(), sig)`) reach
/// the thread running Python and are handled before `kill` returns, as in a single-threaded CPython.
pub fn block_async_signals() {
    // SAFETY: `set` is a live `sigset_t` initialised by `sigfillset` before use.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        for sig in [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL, libc::SIGTRAP, libc::SIGABRT, libc::SIGSYS]
        {
            libc::sigdelset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

/// Ends the process by SIGINT with its default action, after flushing stdout, as CPython does after an
/// uncaught KeyboardInterrupt (the parent sees "killed by SIGINT"); exits with 130 if the signal does not
/// end it.
pub fn die_of_sigint() -> ! {
    let _ = crate::modules::sys::flush_stdout();
    if install(libc::SIGINT, libc::SIG_DFL).is_ok() {
        // SAFETY: an all-zero `sigset_t` is filled by `sigemptyset`; unblocking SIGINT then raising it
        // ends the process with the default action.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::raise(libc::SIGINT);
        }
    }
    std::process::exit(130)
}

fn signum_arg(v: &Value) -> PyResult<i32> {
    let sig = c_int(v)?;
    if sig < 1 || sig as usize >= NSIG {
        return Err(value_error("signal number out of range"));
    }
    Ok(sig)
}

fn signal(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("signal", args, kwargs, &["signalnum", "handler"], &[], 2)?;
    let sig = signum_arg(a[0].as_ref().expect("required"))?;
    let handler = a[1].clone().expect("required");
    if !is_main_thread() {
        return Err(value_error("signal only works in main thread of the main interpreter"));
    }
    let disposition = if int_is(&handler, 0) {
        libc::SIG_DFL
    } else if int_is(&handler, 1) {
        libc::SIG_IGN
    } else if crate::modules::builtins::is_callable(&handler) {
        c_handler_addr()
    } else {
        return Err(type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"));
    };
    // A signal that arrived before now is handled first, with the old handler.
    check_signals()?;
    install(sig, disposition).map_err(|e| os_error(e, None, None))?;
    let old = std::mem::replace(&mut *handlers()[sig as usize].write(), handler);
    Ok(old)
}

fn getsignal(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("getsignal", args, kwargs, &["signalnum"], &[], 1)?;
    let sig = signum_arg(a[0].as_ref().expect("required"))?;
    Ok(handlers()[sig as usize].read().clone())
}

fn default_int_handler(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()))
}

fn default_int_handler_obj() -> &'static Value {
    static H: OnceLock<Value> = OnceLock::new();
    H.get_or_init(|| new_builtin("default_int_handler", default_int_handler, None))
}

fn raise_signal(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("raise_signal", args, kwargs, &["signalnum"], &[], 1)?;
    let sig = signum_arg(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if unsafe { libc::raise(sig) } != 0 {
        return Err(last_error(None));
    }
    check_signals()?;
    Ok(Value::None)
}

fn alarm(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("alarm", args, kwargs, &["seconds"], &[], 1)?;
    let secs = c_int(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    Ok(Value::Int(unsafe { libc::alarm(secs as libc::c_uint) } as i64))
}

fn pause(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("pause", args, kwargs, &[], &[], 0)?;
    // SAFETY: no memory is passed; `pause` returns once a signal handler ran.
    unsafe { libc::pause() };
    check_signals()?;
    Ok(Value::None)
}

fn set_wakeup_fd(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("set_wakeup_fd", args, kwargs, &["fd"], &["warn_on_full_buffer"], 1)?;
    let fd = c_int(a[0].as_ref().expect("required"))?;
    if !is_main_thread() {
        return Err(value_error("set_wakeup_fd only works in main thread of the main interpreter"));
    }
    if fd != -1 {
        // SAFETY: an all-zero `stat64` is valid; `fstat64` fills it.
        let mut st: libc::stat64 = unsafe { std::mem::zeroed() };
        // SAFETY: `st` is a live `stat64`.
        if unsafe { libc::fstat64(fd, &mut st) } == -1 {
            return Err(last_error(None));
        }
        // SAFETY: no memory is passed.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags & libc::O_NONBLOCK == 0 {
            return Err(value_error(format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    // Relaxed: read by the C handler, which tolerates either value.
    Ok(Value::Int(WAKEUP_FD.swap(fd, Ordering::Relaxed) as i64))
}

fn siginterrupt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("siginterrupt", args, kwargs, &["signalnum", "flag"], &[], 2)?;
    signum_arg(a[0].as_ref().expect("required"))?;
    c_int(a[1].as_ref().expect("required"))?;
    // NOTE: handlers are always installed without SA_RESTART (interrupting), CPython's default; asking for
    // restarting calls is accepted and has no effect.
    Ok(Value::None)
}

fn valid_signals(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("valid_signals", args, kwargs, &[], &[], 0)?;
    let s = set::new_empty(false);
    // glibc reserves 32 and 33 for its threads implementation.
    for sig in (1..NSIG as i64).filter(|s| *s != 32 && *s != 33) {
        set::add(&s, Value::Int(sig))?;
    }
    Ok(Value::Obj(s))
}

fn strsignal(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("strsignal", args, kwargs, &["signalnum"], &[], 1)?;
    let sig = signum_arg(a[0].as_ref().expect("required"))?;
    // SAFETY: `strsignal` returns a NUL-terminated string, copied out at once (this thread does not call it
    // again meanwhile).
    let text = unsafe {
        let p = libc::strsignal(sig);
        if p.is_null() {
            return Ok(Value::None);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if text.contains("Unknown signal") || text.contains("Real-time signal") {
        return Ok(Value::None);
    }
    Ok(Value::from(text))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("signal", signal),
    ("getsignal", getsignal),
    ("raise_signal", raise_signal),
    ("alarm", alarm),
    ("pause", pause),
    ("set_wakeup_fd", set_wakeup_fd),
    ("siginterrupt", siginterrupt),
    ("valid_signals", valid_signals),
    ("strsignal", strsignal),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("SIG_DFL", 0),
    ("SIG_IGN", 1),
    ("NSIG", NSIG as i64),
    ("SIGHUP", libc::SIGHUP as i64),
    ("SIGINT", libc::SIGINT as i64),
    ("SIGQUIT", libc::SIGQUIT as i64),
    ("SIGILL", libc::SIGILL as i64),
    ("SIGTRAP", libc::SIGTRAP as i64),
    ("SIGABRT", libc::SIGABRT as i64),
    ("SIGIOT", libc::SIGIOT as i64),
    ("SIGBUS", libc::SIGBUS as i64),
    ("SIGFPE", libc::SIGFPE as i64),
    ("SIGKILL", libc::SIGKILL as i64),
    ("SIGUSR1", libc::SIGUSR1 as i64),
    ("SIGSEGV", libc::SIGSEGV as i64),
    ("SIGUSR2", libc::SIGUSR2 as i64),
    ("SIGPIPE", libc::SIGPIPE as i64),
    ("SIGALRM", libc::SIGALRM as i64),
    ("SIGTERM", libc::SIGTERM as i64),
    ("SIGSTKFLT", libc::SIGSTKFLT as i64),
    ("SIGCHLD", libc::SIGCHLD as i64),
    ("SIGCONT", libc::SIGCONT as i64),
    ("SIGSTOP", libc::SIGSTOP as i64),
    ("SIGTSTP", libc::SIGTSTP as i64),
    ("SIGTTIN", libc::SIGTTIN as i64),
    ("SIGTTOU", libc::SIGTTOU as i64),
    ("SIGURG", libc::SIGURG as i64),
    ("SIGXCPU", libc::SIGXCPU as i64),
    ("SIGXFSZ", libc::SIGXFSZ as i64),
    ("SIGVTALRM", libc::SIGVTALRM as i64),
    ("SIGPROF", libc::SIGPROF as i64),
    ("SIGWINCH", libc::SIGWINCH as i64),
    ("SIGIO", libc::SIGIO as i64),
    ("SIGPOLL", libc::SIGPOLL as i64),
    ("SIGPWR", libc::SIGPWR as i64),
    ("SIGSYS", libc::SIGSYS as i64),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
    ("SIG_BLOCK", libc::SIG_BLOCK as i64),
    ("SIG_UNBLOCK", libc::SIG_UNBLOCK as i64),
    ("SIG_SETMASK", libc::SIG_SETMASK as i64),
    ("ITIMER_REAL", libc::ITIMER_REAL as i64),
    ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64),
    ("ITIMER_PROF", libc::ITIMER_PROF as i64),
];

static SIGNAL: OnceLock<ObjRef> = OnceLock::new();

/// The `_signal` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    if let Some(m) = SIGNAL.get() {
        return Ok(m.clone());
    }
    let m = module::new_module("_signal").make_immortal();
    let d = module::module_dict(&m);
    dict::set_str(d, "__doc__", Value::from("This module provides mechanisms to use signal handlers in Python."));
    for (name, f) in FUNCTIONS {
        dict::set_str(d, name, new_builtin(name, *f, None));
    }
    dict::set_str(d, "default_int_handler", default_int_handler_obj().clone());
    for (name, v) in CONSTANTS {
        dict::set_str(d, name, Value::Int(*v));
    }
    Ok(SIGNAL.get_or_init(|| m).clone())
}
