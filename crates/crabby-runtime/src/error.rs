//! `PyErr`: a raised Python exception on its way up the Rust call stack.
//!
//! Errors travel as `Err(PyErr)` through `?`. The success path pays nothing for tracebacks: generated code keeps
//! the current line in a local, and only when an error reaches a frame's handler or leaves the frame does it
//! record that frame's entry (see [`PyErr::stamp`] and [`PyErr::leave`]).

use std::cell::{Cell, RefCell};

use crate::builtins::exceptions::{self, ExcKind, TbEntry};
use crate::object::ObjRef;
use crate::ops::call::CodeInfo;
use crate::Value;

pub type PyResult<T> = Result<T, PyErr>;

/// A raised exception.
///
/// One pointer wide, so that `PyResult<Value>` is two words (a 24-byte result measured slower on every call);
/// the box costs one allocation per raise, next to the exception object's own. rustc 1.95 still returns the
/// two words through memory (its payloads are not one kind of scalar), which is why the build cache compiles
/// with `slow-unaligned-mem-16` (see `cache::cargo_config_toml` in the crabby crate).
#[derive(Debug)]
pub struct PyErr(Box<ErrState>);

#[derive(Debug)]
pub struct ErrState {
    /// The exception instance.
    pub exc: ObjRef,
    /// True while the frame the error is in has not yet recorded its traceback entry.
    pending: bool,
}

impl std::ops::Deref for PyErr {
    type Target = ErrState;
    #[inline]
    fn deref(&self) -> &ErrState {
        &self.0
    }
}

impl std::ops::DerefMut for PyErr {
    #[inline]
    fn deref_mut(&mut self) -> &mut ErrState {
        &mut self.0
    }
}

thread_local! {
    /// The exceptions being handled on this thread, innermost last (`sys.exc_info()` is the last one). Entering
    /// an `except` or `finally` block for an exception pushes it; leaving the block pops it.
    static HANDLED: RefCell<Vec<ObjRef>> = const { RefCell::new(Vec::new()) };
    /// `HANDLED`'s length, kept beside it in a thread-local without a destructor: every generator resumption
    /// reads it twice, and reading the vector's length took its registration check and a borrow check.
    static HANDLED_LEN: Cell<usize> = const { Cell::new(0) };
}

/// Changes `HANDLED` through `f` and records its new length in `HANDLED_LEN`.
fn update_handled<R>(f: impl FnOnce(&mut Vec<ObjRef>) -> R) -> R {
    let (r, n) = HANDLED.with(|h| {
        let mut h = h.borrow_mut();
        let r = f(&mut h);
        (r, h.len())
    });
    HANDLED_LEN.with(|l| l.set(n));
    r
}

impl PyErr {
    /// Raises an existing exception instance (the `raise` statement); sets its `__context__` to the exception
    /// being handled, as CPython does at raise time.
    pub fn from_exception(exc: ObjRef) -> PyErr {
        if let Some(handled) = current_handled() {
            if !handled.ptr_eq(&exc) {
                exceptions::set_context_if_unset(&exc, handled);
            }
        }
        PyErr(Box::new(ErrState { exc, pending: true }))
    }

    /// Re-raises an exception with its traceback as it stands (bare `raise`, end of a `finally`).
    pub fn reraise(exc: ObjRef) -> PyErr {
        PyErr(Box::new(ErrState { exc, pending: false }))
    }

    /// A new exception of a built-in kind with a message.
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> PyErr {
        let msg: String = msg.into();
        PyErr::from_exception(exceptions::new_exception(kind, vec![Value::from(msg)]))
    }

    /// A new exception of a built-in kind with the given `args`.
    pub fn with_args(kind: ExcKind, args: Vec<Value>) -> PyErr {
        PyErr::from_exception(exceptions::new_exception(kind, args))
    }

    /// Whether the exception is an instance of the built-in kind (or a subclass of it).
    pub fn matches(&self, kind: ExcKind) -> bool {
        crate::builtins::type_::is_subtype(self.exc.ty(), exceptions::exc_type(kind))
    }

    /// The error has reached a handler (`except`, `finally`, a `with` exit) in the frame running `code` at `line`:
    /// record the frame's traceback entry if it is not recorded yet.
    #[inline(never)]
    pub fn stamp(mut self, code: &'static CodeInfo, line: u32) -> PyErr {
        if self.pending {
            exceptions::push_traceback(&self.exc, TbEntry { code, line });
            self.pending = false;
        }
        self
    }

    /// The error leaves the frame running `code` at `line`: record the frame's entry if needed; the caller's
    /// frame will record its own.
    #[inline(never)]
    pub fn leave(self, code: &'static CodeInfo, line: u32) -> PyErr {
        let mut e = self.stamp(code, line);
        e.pending = true;
        e
    }

    pub fn value(&self) -> Value {
        Value::Obj(self.exc.clone())
    }
}

/// The exception currently being handled on this thread (`sys.exception()`).
pub fn current_handled() -> Option<ObjRef> {
    HANDLED.with(|h| h.borrow().last().cloned())
}

/// Entering an `except` or `finally` block for `exc`.
pub fn push_handled(exc: &ObjRef) {
    update_handled(|h| h.push(exc.clone()));
}

/// [`push_handled`] for an exception the caller gives up (a resuming generator's stash).
pub fn push_handled_owned(exc: ObjRef) {
    update_handled(|h| h.push(exc));
}

/// Replaces the exception being handled by `exc` (CPython's `PyErr_SetHandledException`): an `except*`
/// clause handles the part of the group it matched.
pub fn set_handled(exc: &ObjRef) {
    // The replaced reference is dropped after the borrow ends: freeing may run more code.
    let old = HANDLED.with(|h| h.borrow_mut().last_mut().map(|top| std::mem::replace(top, exc.clone())));
    drop(old);
}

/// Leaving the block entered with [`push_handled`].
pub fn pop_handled() {
    update_handled(|h| {
        h.pop();
    });
}

/// How many exceptions are being handled on this thread.
#[inline]
pub fn handled_depth() -> usize {
    HANDLED_LEN.with(|l| l.get())
}

/// Drops handled exceptions above `depth` (a generator finished while handling some).
pub fn truncate_handled(depth: usize) {
    // Dropped after the borrow ends: freeing may run more code.
    drop(take_handled_above(depth));
}

/// Removes and returns the handled exceptions above `depth` (a generator suspended inside handlers).
pub fn take_handled_above(depth: usize) -> Vec<ObjRef> {
    update_handled(|h| h.split_off(h.len().min(depth)))
}

/// Shorthands for the errors the runtime raises most.
pub fn type_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::TypeError, msg)
}
pub fn value_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::ValueError, msg)
}
pub fn index_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::IndexError, msg)
}
pub fn attribute_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::AttributeError, msg)
}
pub fn overflow_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::OverflowError, msg)
}
pub fn zero_division(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::ZeroDivisionError, msg)
}
pub fn runtime_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::RuntimeError, msg)
}
pub fn not_implemented(msg: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::NotImplementedError, msg)
}
/// `KeyError(key)`: the key itself is the argument, so the message is its repr.
pub fn key_error(key: Value) -> PyErr {
    PyErr::with_args(ExcKind::KeyError, vec![key])
}
