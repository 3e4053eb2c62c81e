//! Generators and coroutines.
//!
//! A generator function's body is compiled to a Rust `async` block: rustc turns it into a state machine whose
//! locals live in one heap allocation (the frame), and every `yield` is an `.await` on [`yield_value`]. Resuming
//! the generator polls that future once with a no-op waker on the calling thread; the values going in (`send`,
//! `throw`) and out (`yield`) pass through a per-thread slot. No thread or native stack is made per generator.
//! Try/finally, `with`, loops and handlers inside the body are compiled exactly as in ordinary functions, so a
//! `close()` (or dropping a suspended generator) raises `GeneratorExit` at the paused `yield` and runs them.
//!
//! Generator expressions are compiled the same way: an `async` block running their `for` clauses.

use std::cell::UnsafeCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::iter::NativeIter;
use crate::builtins::{add_methods, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

/// PEP 479: a StopIteration escaping a generator body becomes RuntimeError.
fn pep479<T>(r: PyResult<T>) -> PyResult<T> {
    match r {
        Err(e) if e.matches(ExcKind::StopIteration) => {
            let err = crate::error::runtime_error("generator raised StopIteration");
            exceptions::set_cause(&err.exc, e.value());
            Err(err)
        }
        r => r,
    }
}

/// The compiled body of a generator function or coroutine.
pub type Body = Pin<Box<dyn Future<Output = PyResult<Value>> + Send>>;

/// `GeneratorObj::status` values. `RUNNING` doubles as the lock on the frame: whoever swaps it in owns
/// `frame` until it stores the next status.
const FRESH: u8 = 0;
const SUSPENDED: u8 = 1;
const FINISHED: u8 = 2;
const RUNNING: u8 = 3;
/// Suspended inside `yield from`, with `Frame::delegate` set: kept apart from `SUSPENDED` so that resuming any
/// other generator reads nothing more than its status to learn it has no delegate.
const DELEGATING: u8 = 4;

/// What a generator keeps between resumptions.
struct Frame {
    /// The body's future; `None` once finished.
    body: Option<Body>,
    /// The exceptions the body was handling at its paused `yield`, stashed until it resumes.
    stash: Vec<ObjRef>,
    /// The iterator a body paused inside `yield from` delegates to. `next()` steps it directly, without
    /// polling the body, for as long as it keeps yielding: a value from the bottom of a chain of `yield from`s
    /// then costs one step per level instead of a poll of every level's state machine. Cleared whenever the
    /// body is polled.
    delegate: Option<Value>,
}

/// Which kind of resumable frame a `GeneratorObj` is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

pub struct GeneratorObj {
    pub code: &'static CodeInfo,
    pub kind: GenKind,
    /// The awaitable made by an async generator's `asend`/`athrow`/`aclose` is a coroutine whose repr and
    /// errors name it differently.
    pub label: &'static str,
    /// `FRESH`, `SUSPENDED`, `DELEGATING`, `FINISHED`, or `RUNNING` while the body runs: a resumption meanwhile (from this or
    /// another thread) is refused with "generator already executing", as in CPython.
    status: AtomicU8,
    /// Only touched by the thread that swapped `RUNNING` into `status` (or by `drop`, which owns the object).
    frame: UnsafeCell<Frame>,
}

// SAFETY: `frame` is only accessed by the one thread that owns the `RUNNING` status (an atomic swap hands it
// out, a release store gives it back), or through `&mut self`; the body future is `Send` and `ObjRef`s are
// `Send + Sync`.
unsafe impl Sync for GeneratorObj {}

/// What one resumption produced.
pub enum GenResult {
    /// Suspended at a `yield` (or, in coroutines and async generators, an `await` passing a value up to the
    /// event loop).
    Yield(Value),
    /// An async generator produced a value with `yield`.
    Produced(Value),
    Return(Value),
}

/// What passes through the `yield` being resumed or suspended: in (`send`/`throw`) before the poll, out (where
/// the yielded value waits) after it. It lives on the resuming Rust stack frame and reaches the body's
/// [`YieldValue`] through the waker's data pointer, so a resumption touches no thread-local state for it.
struct Passage {
    /// In: the sent value or thrown exception (`None` for `next()`).
    value: Option<PyResult<Value>>,
    /// Out: the yielded value, inside the suspended body's `YieldValue`, for the resumer to take. The value
    /// stays where the body put it instead of being copied out during the poll: a 16-byte copy read back
    /// straight after the two 8-byte stores that wrote it stalled store forwarding on every `yield`.
    out: *mut Option<Value>,
    /// Set when the suspension was an async generator's own `yield` rather than an `await`.
    produced: bool,
    /// Out: the iterator a `yield from` suspended on (see `Frame::delegate`), inside the paused body; null for
    /// any other suspension.
    delegate: *const Value,
    /// In: `value` is how the delegate ended (its return value or exception), not a sent value.
    delegate_done: bool,
}

/// The waker of a resumption's context: it never wakes anything (the body is polled again only when
/// resumed), and its data pointer is the resumption's `Passage`.
static PASSAGE_WAKER: RawWakerVTable = RawWakerVTable::new(passage_clone, passage_noop, passage_noop, passage_noop);

fn passage_clone(p: *const ()) -> RawWaker {
    RawWaker::new(p, &PASSAGE_WAKER)
}

fn passage_noop(_: *const ()) {}

/// The `Passage` of the resumption polling with `cx`.
fn passage<'a>(cx: &'a mut Context<'_>) -> Option<&'a mut Passage> {
    let w = cx.waker();
    if std::ptr::eq(w.vtable(), &PASSAGE_WAKER) {
        // SAFETY: only `GeneratorObj::resume` makes wakers with this vtable, around a `Passage` on its stack
        // that outlives the poll; the `&mut Context` borrow keeps this access unique for the poll step.
        Some(unsafe { &mut *(w.data() as *mut Passage) })
    } else {
        None
    }
}

/// The future a `yield` awaits: the first poll hands the value out and suspends; the next poll returns what
/// was sent (or thrown) in.
pub struct YieldValue {
    value: Option<Value>,
    produced: bool,
    suspended: bool,
}

impl Future for YieldValue {
    type Output = PyResult<Value>;
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult<Value>> {
        let produced = self.produced;
        let Some(p) = passage(cx) else {
            return Poll::Ready(Err(crate::error::runtime_error("yield outside a generator resumption")));
        };
        if self.suspended {
            return Poll::Ready(p.value.take().unwrap_or(Ok(Value::None)));
        }
        self.suspended = true;
        p.out = &mut self.value;
        p.produced = produced;
        Poll::Pending
    }
}

/// `yield v` in a compiled generator body: `let sent = q!(yield_value(v).await)`.
pub fn yield_value(v: Value) -> YieldValue {
    YieldValue { value: Some(v), produced: false, suspended: false }
}

/// `yield v` in an async generator: produces `v` to the `async for` (or `__anext__` awaiter).
pub fn async_gen_yield(v: Value) -> YieldValue {
    YieldValue { value: Some(v), produced: true, suspended: false }
}

/// How a `yield from` suspension was resumed.
enum Resumed {
    /// `send`/`next` (`Ok`) or `throw`/`close` (`Err`), to pass on to the delegate.
    Input(PyResult<Value>),
    /// The resumer stepped the delegate itself (`Frame::delegate`) and it ended with this.
    Done(PyResult<Value>),
}

/// The future a `yield from` awaits to pass its delegate's value up: as [`YieldValue`], and it also names the
/// delegate so that `next()` may step it without polling the body.
struct DelegateYield<'a> {
    value: Option<Value>,
    it: &'a Value,
    suspended: bool,
}

impl Future for DelegateYield<'_> {
    type Output = Resumed;
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Resumed> {
        let Some(p) = passage(cx) else {
            return Poll::Ready(Resumed::Input(Err(crate::error::runtime_error(
                "yield outside a generator resumption",
            ))));
        };
        if self.suspended {
            let v = p.value.take().unwrap_or(Ok(Value::None));
            return Poll::Ready(if p.delegate_done { Resumed::Done(v) } else { Resumed::Input(v) });
        }
        let this = &mut *self;
        this.suspended = true;
        p.out = &mut this.value;
        p.produced = false;
        p.delegate = this.it as *const Value;
        Poll::Pending
    }
}

/// `yield from it` (and `await` on an iterator-based awaitable): delegates `send`, `throw` and `close` to the
/// sub-iterator and evaluates to its return value.
pub async fn yield_from(it: Value) -> PyResult<Value> {
    let it = crate::ops::iter::iter(&it)?;
    let mut to_send: PyResult<Value> = Ok(Value::None);
    loop {
        let step = match to_send {
            Ok(v) if v.is_none() => next_of(&it),
            Ok(v) => send_to(&it, v),
            Err(e) => throw_to(&it, e)?,
        };
        match step? {
            GenResult::Return(r) => return Ok(r),
            GenResult::Yield(y) | GenResult::Produced(y) => {
                match (DelegateYield { value: Some(y), it: &it, suspended: false }).await {
                    Resumed::Input(v) => to_send = v,
                    Resumed::Done(r) => return r,
                }
            }
        }
    }
}

/// A resumption of a body paused in `yield from` (`Frame::delegate` is set). For `next()` (or `send(None)`) the
/// delegate is stepped directly: a value it yields is returned without polling the body; when it ends, its
/// outcome goes into `passage` for the body's `yield from` to take. Any other input clears the delegate and
/// reaches the body as usual.
#[inline(never)]
fn step_delegate(frame: &mut Frame, passage: &mut Passage) -> Option<Value> {
    let d = frame.delegate.take()?;
    if !matches!(passage.value, None | Some(Ok(Value::None))) {
        return None;
    }
    match next_of(&d) {
        Ok(GenResult::Yield(y) | GenResult::Produced(y)) => {
            frame.delegate = Some(d);
            return Some(y);
        }
        Ok(GenResult::Return(r)) => passage.value = Some(Ok(r)),
        Err(e) => passage.value = Some(Err(e)),
    }
    passage.delegate_done = true;
    None
}

/// `send(None)` to any iterator: a generator resumes; any other iterator gets `next()`.
#[inline]
fn next_of(it: &Value) -> PyResult<GenResult> {
    match it.payload() {
        Some(Payload::Generator(g)) => return g.resume_next(),
        Some(Payload::Iter(i)) => {
            return match i.next() {
                Ok(Some(y)) => Ok(GenResult::Yield(y)),
                Ok(None) => Ok(GenResult::Return(Value::None)),
                Err(e) => Err(e),
            }
        }
        _ => {}
    }
    // A Python-level `__next__`: the value its StopIteration carries is the result of the `yield from`.
    match crate::builtins::type_::lookup(it.ty(), "__next__") {
        Some(f) => match crate::ops::call::call_with_self(&f, it, &[], &[]) {
            Ok(y) => Ok(GenResult::Yield(y)),
            Err(e) if e.matches(ExcKind::StopIteration) => Ok(GenResult::Return(stop_value(&e))),
            Err(e) => Err(e),
        },
        None => Err(type_error(format!("'{}' object is not an iterator", it.type_name()))),
    }
}

/// Sends a value into any iterator: generators resume; other iterators get `next()` for `None` and their
/// `send` method otherwise.
fn send_to(it: &Value, v: Value) -> PyResult<GenResult> {
    if let Some(Payload::Generator(g)) = it.payload() {
        return g.resume(Ok(v));
    }
    if v.is_none() {
        return next_of(it);
    }
    match crate::ops::call::call_method(&Value::from("send"), &[it.clone(), v], &[]) {
        Ok(y) => Ok(GenResult::Yield(y)),
        Err(e) if e.matches(ExcKind::StopIteration) => Ok(GenResult::Return(stop_value(&e))),
        Err(e) => Err(e),
    }
}

/// Throws into a sub-iterator: `GeneratorExit` closes it and propagates; other exceptions go to its `throw`
/// (or are raised here if it has none).
fn throw_to(it: &Value, e: PyErr) -> PyResult<PyResult<GenResult>> {
    if e.matches(ExcKind::GeneratorExit) {
        if let Some(Payload::Generator(g)) = it.payload() {
            g.close()?;
        } else if let Some(close) = crate::ops::attr::getattr_opt(it, "close")? {
            crate::ops::call::call(&close, &[], &[])?;
        }
        return Err(e);
    }
    if let Some(Payload::Generator(g)) = it.payload() {
        return Ok(g.resume(Err(e)));
    }
    match crate::ops::attr::getattr_opt(it, "throw")? {
        None => Err(e),
        Some(throw) => Ok(match crate::ops::call::call(&throw, &[e.value()], &[]) {
            Ok(y) => Ok(GenResult::Yield(y)),
            Err(e) if e.matches(ExcKind::StopIteration) => Ok(GenResult::Return(stop_value(&e))),
            Err(e) => Err(e),
        }),
    }
}

/// The value a StopIteration carries.
pub fn stop_value(e: &PyErr) -> Value {
    exceptions::args_of(&e.exc).as_tuple().and_then(|t| t.first().cloned()).unwrap_or(Value::None)
}

fn stop_iteration(v: Value) -> PyErr {
    if v.is_none() {
        PyErr::with_args(ExcKind::StopIteration, vec![])
    } else {
        PyErr::with_args(ExcKind::StopIteration, vec![v])
    }
}

impl GeneratorObj {
    fn kind(&self) -> &'static str {
        self.label
    }

    /// Resumes the body with a sent value (`Ok`) or a thrown exception (`Err`).
    pub fn resume(&self, input: PyResult<Value>) -> PyResult<GenResult> {
        self.resume_with(Some(input))
    }

    /// `send(None)`: resumes the body with `None` sent in, passing nothing in memory (see `next_value`).
    pub fn resume_next(&self) -> PyResult<GenResult> {
        self.resume_with(None)
    }

    /// `next(gen)` and `for x in gen`: resumes the body with `None` sent in; `None` when it returned.
    /// Its own instance of [`Self::resume_with`] so that nothing goes in through memory (a 16-byte input
    /// written by the caller and reloaded at once stalled store forwarding: a quarter of the resumption).
    pub fn next_value(&self) -> PyResult<Option<Value>> {
        match self.resume_with(None)? {
            GenResult::Yield(v) | GenResult::Produced(v) => Ok(Some(v)),
            GenResult::Return(_) => Ok(None),
        }
    }

    /// Resumes with `input`, where `None` sends `None` in.
    #[inline(always)]
    fn resume_with(&self, input: Option<PyResult<Value>>) -> PyResult<GenResult> {
        let status = self.acquire();
        match status {
            RUNNING => return Err(value_error(format!("{} already executing", self.kind()))),
            FINISHED => {
                self.release(FINISHED);
                if self.kind == GenKind::Coroutine {
                    return Err(crate::error::runtime_error(format!("cannot reuse already awaited {}", self.label)));
                }
                return match input {
                    Some(Err(e)) => Err(e),
                    _ => Ok(GenResult::Return(Value::None)),
                };
            }
            FRESH => match input {
                Some(Ok(ref v)) if !v.is_none() => {
                    self.release(FRESH);
                    return Err(type_error(format!("can't send non-None value to a just-started {}", self.kind())));
                }
                Some(Err(e)) => {
                    // Throwing into a generator that never started ends it without running any of its code.
                    // SAFETY: this thread owns the frame (it swapped in RUNNING).
                    let body = unsafe { (*self.frame.get()).body.take() };
                    self.release(FINISHED);
                    drop(body);
                    return Err(e);
                }
                _ => {}
            },
            _ => {}
        }
        // SAFETY: this thread swapped RUNNING into `status`, so it alone owns the frame until `release`.
        let frame = unsafe { &mut *self.frame.get() };
        let depth = crate::error::handled_depth();
        if !frame.stash.is_empty() {
            for e in frame.stash.drain(..) {
                crate::error::push_handled_owned(e);
            }
        }
        let guard = match crate::ops::call::DepthGuard::enter() {
            Ok(g) => g,
            Err(e) => {
                let stash = crate::error::take_handled_above(depth);
                frame.stash = stash;
                self.release(status);
                return Err(e);
            }
        };
        let mut passage = Passage {
            value: input,
            out: std::ptr::null_mut(),
            produced: false,
            delegate: std::ptr::null(),
            delegate_done: false,
        };
        if status == DELEGATING {
            if let Some(y) = step_delegate(frame, &mut passage) {
                drop(guard);
                if crate::error::handled_depth() > depth {
                    frame.stash = crate::error::take_handled_above(depth);
                }
                self.release(DELEGATING);
                return Ok(GenResult::Yield(y));
            }
        }
        // SAFETY: the vtable's functions never dereference the data pointer; `passage` outlives the poll.
        // `ManuallyDrop`: dropping this waker would only make an indirect call to a function that does nothing.
        let waker = std::mem::ManuallyDrop::new(unsafe {
            Waker::from_raw(RawWaker::new(&mut passage as *mut Passage as *const (), &PASSAGE_WAKER))
        });
        let mut cx = Context::from_waker(&waker);
        let polled = match frame.body.as_mut() {
            Some(body) => body.as_mut().poll(&mut cx),
            None => Poll::Ready(Ok(Value::None)),
        };
        drop(guard);
        match polled {
            Poll::Pending => {
                if crate::error::handled_depth() > depth {
                    frame.stash = crate::error::take_handled_above(depth);
                }
                // Taken before the release below: once the status is stored, another thread may resume the
                // body, which writes its next value through this same slot.
                // SAFETY: a non-null `out` points into the body, suspended at the `yield` that set it and not
                // polled or dropped since; this thread still owns the frame.
                let out = if passage.out.is_null() { None } else { unsafe { (*passage.out).take() } };
                if passage.delegate.is_null() {
                    self.release(SUSPENDED);
                } else {
                    // SAFETY: the pointer is the `yield from`'s iterator inside the body, which is suspended at
                    // that very `yield from` and has not been dropped or polled since.
                    frame.delegate = Some(unsafe { (*passage.delegate).clone() });
                    self.release(DELEGATING);
                }
                match out {
                    Some(v) if passage.produced => Ok(GenResult::Produced(v)),
                    Some(v) => Ok(GenResult::Yield(v)),
                    None => Err(crate::error::runtime_error(format!("{} suspended without a value", self.kind()))),
                }
            }
            Poll::Ready(r) => {
                crate::error::truncate_handled(depth);
                let body = frame.body.take();
                self.release(FINISHED);
                drop(body);
                pep479(r).map(GenResult::Return)
            }
        }
    }

    /// Takes the frame: stores `RUNNING` and returns the status it replaced.
    #[inline(always)]
    fn acquire(&self) -> u8 {
        if !crate::qsbr::solo() {
            // Acquire: the frame's contents were published by the release store of the previous resumption,
            // possibly on another thread.
            return self.status.swap(RUNNING, Ordering::Acquire);
        }
        // While this is the only Python thread, nothing else can resume the generator between this load and
        // store, so a plain load and store replace the locked swap (a fifth of a resumption). Relaxed: the last
        // other thread's release store was ordered before its exit, which `solo` acquired; a thread started
        // while the body runs is registered, and started, after the `RUNNING` store, so it sees it.
        let status = self.status.load(Ordering::Relaxed);
        self.status.store(RUNNING, Ordering::Relaxed);
        status
    }

    /// Gives the frame back with its new status.
    #[inline]
    fn release(&self, status: u8) {
        // Release: publishes this thread's writes to the frame to the next resumption's acquire swap.
        self.status.store(status, Ordering::Release);
    }

    /// `close()`: raises GeneratorExit at the paused `yield` so its `finally` blocks run.
    pub fn close(&self) -> PyResult<()> {
        // Acquire: pairs with the release store of the last resumption (only the status is read here).
        match self.status.load(Ordering::Acquire) {
            SUSPENDED | DELEGATING => {}
            RUNNING => return Err(value_error(format!("{} already executing", self.kind()))),
            _ => {
                self.finish_unstarted();
                return Ok(());
            }
        }
        let exit = PyErr::with_args(ExcKind::GeneratorExit, vec![]);
        match self.resume(Err(exit)) {
            Ok(GenResult::Yield(_) | GenResult::Produced(_)) => {
                Err(crate::error::runtime_error(format!("{} ignored GeneratorExit", self.kind())))
            }
            Ok(GenResult::Return(_)) => Ok(()),
            Err(e) if e.matches(ExcKind::GeneratorExit) || e.matches(ExcKind::StopIteration) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Marks a generator that is not suspended (fresh or finished) as finished, dropping an unstarted body.
    /// Returns false, changing nothing, when it is suspended or running.
    fn finish_unstarted(&self) -> bool {
        // Acquire/Release as in `resume`: this takes the frame to drop the body.
        for from in [FRESH, FINISHED] {
            if self.status.compare_exchange(from, RUNNING, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                // SAFETY: this thread swapped RUNNING in, so it owns the frame.
                let body = unsafe { (*self.frame.get()).body.take() };
                self.release(FINISHED);
                drop(body);
                return true;
            }
        }
        false
    }

    pub fn is_running(&self) -> bool {
        // Relaxed: `gi_running` is a snapshot with no data depending on it.
        self.status.load(Ordering::Relaxed) == RUNNING
    }
}

impl NativeIter for GeneratorObj {
    #[inline]
    fn next(&self) -> PyResult<Option<Value>> {
        self.next_value()
    }
}

impl Drop for GeneratorObj {
    fn drop(&mut self) {
        // An abandoned generator runs its pending `finally` blocks and `with` exits, as CPython's does.
        if matches!(*self.status.get_mut(), SUSPENDED | DELEGATING) {
            if let Err(e) = self.close() {
                let text = crate::traceback::format_exception(&e.exc);
                crate::modules::sys::write_stderr(&format!(
                    "Exception ignored in: <{} object {}>\n{text}",
                    self.kind(),
                    self.code.qualname
                ));
            }
        }
    }
}

/// Makes the generator (or coroutine) object for a call of a compiled generator function.
pub fn new_generator(code: &'static CodeInfo, kind: GenKind, body: Body) -> Value {
    use crate::builtins::iter::iter_index;
    let (label, ty) = match kind {
        GenKind::Generator => ("generator", const { iter_index("generator") }),
        GenKind::Coroutine => ("coroutine", const { iter_index("coroutine") }),
        GenKind::AsyncGenerator => ("async_generator", const { iter_index("async_generator") }),
    };
    frame_object_of(&crate::builtins::types().iterators[ty].1, code, kind, label, body)
}

fn new_frame_object(code: &'static CodeInfo, kind: GenKind, label: &'static str, body: Body) -> Value {
    frame_object_of(crate::builtins::iter::iter_type(label), code, kind, label, body)
}

fn frame_object_of(
    ty: &'static ObjRef,
    code: &'static CodeInfo,
    kind: GenKind,
    label: &'static str,
    body: Body,
) -> Value {
    Value::Obj(ObjRef::new(
        ty,
        Payload::Generator(GeneratorObj {
            code,
            kind,
            label,
            status: AtomicU8::new(FRESH),
            frame: UnsafeCell::new(Frame { body: Some(body), stash: Vec::new(), delegate: None }),
        }),
    ))
}

fn gen_of<'a>(v: &'a Value, method: &str) -> PyResult<&'a GeneratorObj> {
    match v.payload() {
        Some(Payload::Generator(g)) => Ok(g),
        _ => Err(type_error(format!(
            "descriptor '{method}' requires a 'generator' object but received a '{}'",
            v.type_name()
        ))),
    }
}

fn g_send(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_of(&args[0], "send")?;
    let v = args
        .get(1)
        .cloned()
        .ok_or_else(|| type_error(format!("{}.send() takes exactly one argument (0 given)", g.kind())))?;
    match g.resume(Ok(v))? {
        GenResult::Yield(y) | GenResult::Produced(y) => Ok(y),
        GenResult::Return(r) => Err(stop_iteration(r)),
    }
}

fn g_throw(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_of(&args[0], "throw")?;
    let Some(t) = args.get(1) else {
        return Err(type_error("throw expected at least 1 argument, got 0"));
    };
    // throw(type[, value[, traceback]]) or throw(instance).
    let exc = match (t.payload(), args.get(2)) {
        (Some(Payload::Type(_)), v) => {
            let arg: Vec<Value> = match v {
                None | Some(Value::None) => vec![],
                Some(v) if exceptions::is_exception_instance(v) => {
                    return finish_throw(g, crate::rt::raise_exc(v.clone(), None))
                }
                Some(v) => vec![v.clone()],
            };
            crate::rt::raise_exc(crate::ops::call::call(t, &arg, &[])?, None)
        }
        _ if exceptions::is_exception_instance(t) => {
            if args.get(2).is_some_and(|v| !v.is_none()) {
                return Err(type_error("instance exception may not have a separate value"));
            }
            PyErr::from_exception(t.as_obj().expect("exception").clone())
        }
        _ => {
            return Err(type_error(
                "exceptions must be classes or instances deriving from BaseException, not ".to_string()
                    + &t.type_name(),
            ))
        }
    };
    finish_throw(g, exc)
}

fn finish_throw(g: &GeneratorObj, exc: PyErr) -> PyResult<Value> {
    match g.resume(Err(exc))? {
        GenResult::Yield(y) | GenResult::Produced(y) => Ok(y),
        GenResult::Return(r) => Err(stop_iteration(r)),
    }
}

fn g_close(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    gen_of(&args[0], "close")?.close()?;
    Ok(Value::None)
}

fn g_iter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn g_next(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_of(&args[0], "__next__")?;
    match g.resume_with(None)? {
        GenResult::Yield(y) | GenResult::Produced(y) => Ok(y),
        GenResult::Return(r) => Err(stop_iteration(r)),
    }
}

/// `coroutine.__await__()`: the coroutine itself drives the awaiting `yield from`.
fn c_await(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args[0].clone())
}

/// `await x` in a coroutine: `yield from` over `x.__await__()` (or `x` itself for a coroutine).
pub async fn await_value(v: Value) -> PyResult<Value> {
    let it = match v.payload() {
        Some(Payload::Generator(g)) if g.kind == GenKind::Coroutine => v.clone(),
        _ => match crate::builtins::type_::lookup(v.ty(), "__await__") {
            Some(f) => crate::ops::call::call_with_self(&f, &v, &[], &[])?,
            None => return Err(type_error(format!("object {} can't be used in 'await' expression", v.type_name()))),
        },
    };
    yield_from(it).await
}

fn agen_of(v: &Value) -> PyResult<ObjRef> {
    match v.payload() {
        Some(Payload::Generator(g)) if g.kind == GenKind::AsyncGenerator => {
            Ok(v.as_obj().expect("async generator").clone())
        }
        _ => Err(type_error(format!(
            "descriptor requires an 'async_generator' object but received a '{}'",
            v.type_name()
        ))),
    }
}

fn agen(o: &ObjRef) -> &GeneratorObj {
    match &o.payload {
        Payload::Generator(g) => g,
        _ => unreachable!("checked by agen_of"),
    }
}

/// The awaitable of `asend(v)`/`athrow(e)`/`__anext__()`: a coroutine that resumes the async generator,
/// passes its awaits up to the event loop, and completes with the next produced value.
fn asend_awaitable(o: ObjRef, first: PyResult<Value>, label: &'static str) -> Value {
    let code = agen(&o).code;
    new_frame_object(
        code,
        GenKind::Coroutine,
        label,
        Box::pin(async move {
            let mut input = first;
            loop {
                match agen(&o).resume(input)? {
                    GenResult::Yield(v) => input = yield_value(v).await,
                    GenResult::Produced(v) => return Ok(v),
                    GenResult::Return(_) => return Err(PyErr::with_args(ExcKind::StopAsyncIteration, vec![])),
                }
            }
        }),
    )
}

fn ag_anext(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(asend_awaitable(agen_of(&args[0])?, Ok(Value::None), "async_generator_asend"))
}

fn ag_asend(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args.get(1).cloned().ok_or_else(|| type_error("asend() takes exactly one argument (0 given)"))?;
    Ok(asend_awaitable(agen_of(&args[0])?, Ok(v), "async_generator_asend"))
}

fn ag_athrow(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let o = agen_of(&args[0])?;
    let t = args.get(1).cloned().ok_or_else(|| type_error("athrow expected at least 1 argument, got 0"))?;
    let exc = crate::rt::raise_exc(t, None);
    Ok(asend_awaitable(o, Err(exc), "async_generator_athrow"))
}

fn ag_aclose(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let o = agen_of(&args[0])?;
    let code = agen(&o).code;
    Ok(new_frame_object(
        code,
        GenKind::Coroutine,
        "async_generator_athrow",
        Box::pin(async move {
            if agen(&o).finish_unstarted() {
                return Ok(Value::None);
            }
            let mut input: PyResult<Value> = Err(PyErr::with_args(ExcKind::GeneratorExit, vec![]));
            loop {
                match agen(&o).resume(input) {
                    Ok(GenResult::Yield(v)) => input = yield_value(v).await,
                    Ok(GenResult::Produced(_)) => {
                        return Err(crate::error::runtime_error("async generator ignored GeneratorExit"))
                    }
                    Ok(GenResult::Return(_)) => return Ok(Value::None),
                    Err(e) if e.matches(ExcKind::GeneratorExit) || e.matches(ExcKind::StopAsyncIteration) => {
                        return Ok(Value::None)
                    }
                    Err(e) => return Err(e),
                }
            }
        }),
    ))
}

/// `aiter(x)` for `async for`: `type(x).__aiter__(x)`.
pub fn aiter(v: &Value) -> PyResult<Value> {
    if let Some(Payload::Generator(g)) = v.payload() {
        if g.kind == GenKind::AsyncGenerator {
            return Ok(v.clone());
        }
    }
    match crate::builtins::type_::lookup(v.ty(), "__aiter__") {
        Some(f) => {
            let it = crate::ops::call::call_with_self(&f, v, &[], &[])?;
            let is_agen = matches!(it.payload(), Some(Payload::Generator(g)) if g.kind == GenKind::AsyncGenerator);
            if !is_agen && crate::builtins::type_::lookup(it.ty(), "__anext__").is_none() {
                return Err(type_error(format!(
                    "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                    it.type_name()
                )));
            }
            Ok(it)
        }
        None => Err(type_error(format!("'async for' requires an object with __aiter__ method, got {}", v.type_name()))),
    }
}

/// One step of `async for`: awaits `__anext__()`; `None` at StopAsyncIteration.
pub async fn anext_or_stop(it: &Value) -> PyResult<Option<Value>> {
    let awaitable = match it.payload() {
        Some(Payload::Generator(g)) if g.kind == GenKind::AsyncGenerator => {
            asend_awaitable(it.as_obj().expect("async generator").clone(), Ok(Value::None), "async_generator_asend")
        }
        _ => crate::ops::call::call_method(&Value::from("__anext__"), std::slice::from_ref(it), &[])?,
    };
    match await_value(awaitable).await {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(ExcKind::StopAsyncIteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `anext(it, default)`: an awaitable that completes with `default` at StopAsyncIteration.
pub fn anext_with_default(awaitable: Value, default: Value) -> Value {
    let code = match awaitable.payload() {
        Some(Payload::Generator(g)) => g.code,
        _ => &ANEXT_CODE,
    };
    new_frame_object(
        code,
        GenKind::Coroutine,
        "anext_awaitable",
        Box::pin(async move {
            match await_value(awaitable).await {
                Err(e) if e.matches(ExcKind::StopAsyncIteration) => Ok(default),
                r => r,
            }
        }),
    )
}

static ANEXT_CODE: CodeInfo = CodeInfo {
    name: "anext",
    qualname: "anext",
    filename: "<builtin>",
    firstlineno: 0,
    params: &[],
    locals: &[],
    posonly: 0,
    argcount: 0,
    kwonly: 0,
    varargs: false,
    varkw: false,
    body: None,
    borrowed: 0,
    extra: None,
    co: crate::builtins::code::CoTable::Unknown,
};

/// `async with`: looks up `__aexit__` and awaits `__aenter__()`.
pub async fn async_with_enter(mgr: &Value) -> PyResult<(Value, Value)> {
    let ty = mgr.ty();
    let (Some(enter), Some(exit)) =
        (crate::builtins::type_::lookup(ty, "__aenter__"), crate::builtins::type_::lookup(ty, "__aexit__"))
    else {
        let missing =
            if crate::builtins::type_::lookup(ty, "__aenter__").is_none() { "" } else { " (missed __aexit__ method)" };
        return Err(type_error(format!(
            "'{}' object does not support the asynchronous context manager protocol{missing}",
            mgr.type_name()
        )));
    };
    let exit_bound = crate::ops::attr::bind_descriptor(exit, Some(mgr), &Value::Obj(ty.clone()))?;
    let awaitable = crate::ops::call::call_with_self(&enter, mgr, &[], &[])?;
    let entered = await_value(awaitable).await?;
    Ok((exit_bound, entered))
}

pub async fn async_with_exit_ok(exit: &Value) -> PyResult<()> {
    let awaitable = crate::ops::call::call(exit, &[Value::None, Value::None, Value::None], &[])?;
    await_value(awaitable).await?;
    Ok(())
}

/// `__aexit__` with the exception; a true result swallows it.
pub async fn async_with_exit_err(exit: &Value, e: PyErr) -> PyResult<()> {
    let exc = e.exc.clone();
    crate::error::push_handled(&exc);
    let r = match crate::ops::call::call(
        exit,
        &[Value::Obj(exc.ty().clone()), Value::Obj(exc.clone()), Value::None],
        &[],
    ) {
        Ok(awaitable) => await_value(awaitable).await,
        Err(e) => Err(e),
    };
    crate::error::pop_handled();
    if crate::ops::truthy(&r?)? {
        Ok(())
    } else {
        Err(PyErr::reraise(exc))
    }
}

/// Attributes of generator objects.
pub fn gen_attr(g: &GeneratorObj, name: &str) -> Option<Value> {
    match name {
        "__name__" => Some(Value::from(g.code.name)),
        "__qualname__" => Some(Value::from(g.code.qualname)),
        "gi_running" | "cr_running" | "ag_running" => Some(Value::Bool(g.is_running())),
        // NOTE: frames are not objects in crabby; a suspended generator reports no frame.
        "gi_frame" | "cr_frame" | "ag_frame" => Some(Value::None),
        _ => None,
    }
}

pub fn gen_repr(g: &GeneratorObj, addr: usize) -> String {
    format!("<{} object {} at {addr:#x}>", g.kind(), g.code.qualname)
}

/// What calling a generator function does when crabby cannot compile its body (async generators).
pub fn generator_functions_unsupported(name: &str) -> PyErr {
    crate::error::not_implemented(format!("crabby does not support asynchronous generators yet ('{name}')"))
}

pub fn register() {
    let methods: &[(&str, crate::builtins::function::NativeFn)] =
        &[("send", g_send), ("throw", g_throw), ("close", g_close), ("__iter__", g_iter), ("__next__", g_next)];
    add_methods(crate::builtins::iter::iter_type("generator"), methods);
    let coro: &[(&str, crate::builtins::function::NativeFn)] = &[
        ("send", g_send),
        ("throw", g_throw),
        ("close", g_close),
        ("__await__", c_await),
        ("__iter__", g_iter),
        ("__next__", g_next),
    ];
    add_methods(crate::builtins::iter::iter_type("coroutine"), &coro[..4]);
    add_methods(crate::builtins::iter::iter_type("async_generator_asend"), coro);
    add_methods(crate::builtins::iter::iter_type("async_generator_athrow"), coro);
    add_methods(
        crate::builtins::iter::iter_type("async_generator"),
        &[
            ("__aiter__", g_iter),
            ("__anext__", ag_anext),
            ("asend", ag_asend),
            ("athrow", ag_athrow),
            ("aclose", ag_aclose),
        ],
    );
    let _ = types();
}
