//! `_queue` (what `queue` re-exports when present): `SimpleQueue`, an unbounded FIFO queue safe to share between
//! threads, and the `Empty` exception that `get` raises when no item comes.
//!
//! The items live in a `VecDeque` behind a mutex with a condition variable: `put` pushes and wakes one waiting
//! getter, a blocking `get` waits on the condition variable (with a deadline when it has a timeout). The mutex is
//! only held to move items in and out: no Python code runs under it (an item is dropped, or its `__del__` runs,
//! only after the lock is released), as the runtime's invariant requires. Waiting behaves like the runtime's
//! `_thread` locks.

use std::collections::VecDeque;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::builtins::exceptions::{exc_type, new_exception_of, ExcKind};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{add_methods, dict, module, new_native_type, type_};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::new_exception_class;
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops::args::Args;
use crate::Value;

struct SimpleQueue {
    items: Mutex<VecDeque<Value>>,
    /// Signalled once per `put`, so one waiting `get` wakes for each item.
    cv: Condvar,
}

struct State {
    module: ObjRef,
    queue: ObjRef,
    empty: ObjRef,
}

fn state() -> PyResult<&'static State> {
    static STATE: OnceLock<State> = OnceLock::new();
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let empty = new_exception_class(
        "Empty",
        "_queue",
        exc_type(ExcKind::Exception),
        Some("Exception raised by Queue.get(block=0)/get_nowait()."),
    )?;
    let queue = new_native_type("SimpleQueue", "_queue", false);
    add_methods(&queue, METHODS);
    let d = &type_::type_obj(&queue).dict;
    dict::set_str(d, "__new__", crate::builtins::object::static_method(new_builtin("__new__", queue_new, None)));
    dict::set_str(d, "__doc__", Value::from("Simple, unbounded, reentrant FIFO queue."));
    crate::builtins::generic_alias::add_class_getitem(&queue);
    let m = module::new_module("_queue").make_immortal();
    let md = module::module_dict(&m);
    dict::set_str(md, "__doc__", Value::from("C implementation of the Python queue module.\nThis module is an implementation detail, please do not use it directly."));
    dict::set_str(md, "SimpleQueue", Value::Obj(queue.clone()));
    dict::set_str(md, "Empty", Value::Obj(empty.clone()));
    Ok(STATE.get_or_init(|| State { module: m, queue, empty }))
}

fn queue_of(v: &Value) -> PyResult<&SimpleQueue> {
    v.payload().and_then(|p| p.native::<SimpleQueue>()).ok_or_else(|| {
        type_error(format!("descriptor requires a '_queue.SimpleQueue' object but received a '{}'", v.type_name()))
    })
}

fn queue_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(type_error("SimpleQueue() takes no positional arguments"));
    }
    if !kwargs.is_empty() {
        return Err(type_error("SimpleQueue() takes no keyword arguments"));
    }
    let q = SimpleQueue { items: Mutex::new(VecDeque::new()), cv: Condvar::new() };
    Ok(Value::Obj(ObjRef::new(&state()?.queue, Payload::Native(NativeBox::new(q)))))
}

fn push(q: &SimpleQueue, item: Value) {
    q.items.lock().push_back(item);
    q.cv.notify_one();
}

/// `put(item, block=True, timeout=None)`: the queue is unbounded, so `block` and `timeout` are only checked
/// for arity, as in CPython.
fn put(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let q = queue_of(&args[0])?;
    // CPython's messages count the arguments without the receiver.
    let a = Args::new("put", &args[1..], kwargs).bind(&["item", "block", "timeout"], 1)?;
    push(q, a[0].clone().expect("required"));
    Ok(Value::None)
}

fn put_nowait(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let q = queue_of(&args[0])?;
    let a = Args::new("put_nowait", &args[1..], kwargs).bind(&["item"], 1)?;
    push(q, a[0].clone().expect("required"));
    Ok(Value::None)
}

fn empty_error() -> PyErr {
    match state() {
        Ok(s) => PyErr::from_exception(new_exception_of(&s.empty, vec![])),
        Err(e) => e,
    }
}

/// Takes the oldest item, waiting for one when `block` (at most `timeout`, forever when `None`).
fn take(q: &SimpleQueue, block: bool, timeout: Option<Duration>) -> PyResult<Value> {
    let mut items = q.items.lock();
    if let Some(v) = items.pop_front() {
        return Ok(v);
    }
    if !block {
        return Err(empty_error());
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        match deadline {
            None => crate::qsbr::offline(|| q.cv.wait(&mut items)),
            Some(d) => {
                if crate::qsbr::offline(|| q.cv.wait_until(&mut items, d)).timed_out() {
                    drop(items);
                    // A `put` may have landed just as the wait timed out; take it rather than lose the wake-up.
                    return q.items.lock().pop_front().ok_or_else(empty_error);
                }
            }
        }
        if let Some(v) = items.pop_front() {
            return Ok(v);
        }
    }
}

/// `get(block=True, timeout=None)`.
fn get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let q = queue_of(&args[0])?;
    let a = Args::new("get", &args[1..], kwargs).bind(&["block", "timeout"], 0)?;
    let block = match &a[0] {
        Some(b) => crate::ops::truthy(b)?,
        None => true,
    };
    let timeout = match &a[1] {
        Some(t) if block && !t.is_none() => {
            let ns = crate::modules::thread::timeout_ns(t)?;
            if ns < 0 {
                return Err(value_error("'timeout' must be a non-negative number"));
            }
            Some(Duration::from_nanos(ns as u64))
        }
        _ => None,
    };
    take(q, block, timeout)
}

fn get_nowait(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("get_nowait", args, kwargs).exact(1)?;
    take(queue_of(&a[0])?, false, None)
}

fn empty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("empty", args, kwargs).exact(1)?;
    Ok(Value::Bool(queue_of(&a[0])?.items.lock().is_empty()))
}

fn qsize(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("qsize", args, kwargs).exact(1)?;
    Ok(Value::Int(queue_of(&a[0])?.items.lock().len() as i64))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("put", put),
    ("put_nowait", put_nowait),
    ("get", get),
    ("get_nowait", get_nowait),
    ("empty", empty),
    ("qsize", qsize),
];

/// The `_queue` module.
pub fn module() -> PyResult<ObjRef> {
    Ok(state()?.module.clone())
}
