//! `itertools`: CPython 3.12's iterator building blocks, each an iterator type of its own under CPython's name
//! (`itertools.count`, `itertools.chain`, ..., `itertools._grouper`, `itertools._tee`), constructed through a
//! `__new__` static method with CPython's argument checks and messages.
//!
//! Every iterator keeps its state in an `Arc` behind the `Payload::Iter` of its object, so `next()` takes the
//! runtime's fast path. Iterators are shared between threads like any object: mutable state sits behind a lock
//! that is never held while Python code runs (the source iterator's `__next__`, a predicate, a key function,
//! `__eq__`), nor while a value is freed (freeing may run a generator's `finally`). The state is read and
//! cloned under the lock, the lock is released for the call, and the result is stored back.
//!
//! NOTE: with CPython's GIL, one `next()` of an itertools object over built-in iterators is atomic. Here, threads
//! racing on one `compress`, `zip_longest`, `pairwise`, `groupby` or `starmap` each get whole items, never a
//! torn state, but the items of different sources may pair up across threads (as with racing generators in
//! CPython). Counting and combinatoric iterators, `chain`, `islice`, `repeat`, `cycle`, `tee` and
//! `accumulate` over numbers hand every item out exactly once.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::NativeIter;
use crate::builtins::object::static_method;
use crate::builtins::{add_methods, dict, int, module, new_native_type, tuple, type_, types};
use crate::error::{overflow_error, runtime_error, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::iter::{iter, next};
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// The iterator types.

/// The itertools types, in the order of [`NAMES`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Accumulate,
    Batched,
    Chain,
    Combinations,
    CombinationsWithReplacement,
    Compress,
    Count,
    Cycle,
    DropWhile,
    FilterFalse,
    GroupBy,
    Grouper,
    ISlice,
    PairWise,
    Permutations,
    Product,
    Repeat,
    StarMap,
    TakeWhile,
    Tee,
    TeeDataObject,
    ZipLongest,
}

const KINDS: [Kind; 22] = [
    Kind::Accumulate,
    Kind::Batched,
    Kind::Chain,
    Kind::Combinations,
    Kind::CombinationsWithReplacement,
    Kind::Compress,
    Kind::Count,
    Kind::Cycle,
    Kind::DropWhile,
    Kind::FilterFalse,
    Kind::GroupBy,
    Kind::Grouper,
    Kind::ISlice,
    Kind::PairWise,
    Kind::Permutations,
    Kind::Product,
    Kind::Repeat,
    Kind::StarMap,
    Kind::TakeWhile,
    Kind::Tee,
    Kind::TeeDataObject,
    Kind::ZipLongest,
];

const NAMES: [&str; 22] = [
    "accumulate",
    "batched",
    "chain",
    "combinations",
    "combinations_with_replacement",
    "compress",
    "count",
    "cycle",
    "dropwhile",
    "filterfalse",
    "groupby",
    "_grouper",
    "islice",
    "pairwise",
    "permutations",
    "product",
    "repeat",
    "starmap",
    "takewhile",
    "_tee",
    "_tee_dataobject",
    "zip_longest",
];

impl Kind {
    fn name(self) -> &'static str {
        NAMES[self as usize]
    }
}

/// The type objects, made on first use.
fn ty(kind: Kind) -> &'static ObjRef {
    static TYPES: OnceLock<Vec<ObjRef>> = OnceLock::new();
    &TYPES.get_or_init(|| KINDS.iter().map(|k| make_type(*k)).collect())[kind as usize]
}

fn make_type(kind: Kind) -> ObjRef {
    // NOTE: CPython lets Python classes derive from the itertools types; crabby's are final, as the runtime
    // has no way yet to give a subclass instance the iterator payload.
    let t = new_native_type(kind.name(), "itertools", false);
    if kind != Kind::TeeDataObject {
        add_methods(&t, &[("__iter__", iter_self), ("__next__", next_method)]);
    }
    let d = &type_::type_obj(&t).dict;
    let new: Option<NativeFn> = match kind {
        Kind::Accumulate => Some(accumulate_new),
        Kind::Batched => Some(batched_new),
        Kind::Chain => Some(chain_new),
        Kind::Combinations => Some(combinations_new),
        Kind::CombinationsWithReplacement => Some(cwr_new),
        Kind::Compress => Some(compress_new),
        Kind::Count => Some(count_new),
        Kind::Cycle => Some(cycle_new),
        Kind::DropWhile => Some(dropwhile_new),
        Kind::FilterFalse => Some(filterfalse_new),
        Kind::GroupBy => Some(groupby_new),
        Kind::ISlice => Some(islice_new),
        Kind::PairWise => Some(pairwise_new),
        Kind::Permutations => Some(permutations_new),
        Kind::Product => Some(product_new),
        Kind::Repeat => Some(repeat_new),
        Kind::StarMap => Some(starmap_new),
        Kind::TakeWhile => Some(takewhile_new),
        Kind::Tee => Some(tee_new),
        Kind::ZipLongest => Some(zip_longest_new),
        Kind::Grouper | Kind::TeeDataObject => None,
    };
    if let Some(f) = new {
        dict::set_str(d, "__new__", static_method(new_builtin("__new__", f, Some(t.clone()))));
    }
    match kind {
        Kind::Count => add_methods(&t, &[("__repr__", count_repr)]),
        Kind::Repeat => add_methods(&t, &[("__repr__", repeat_repr), ("__length_hint__", repeat_length_hint)]),
        Kind::Tee => add_methods(&t, &[("__copy__", tee_copy_method)]),
        Kind::Chain => {
            let f = new_builtin("from_iterable", chain_from_iterable, Some(t.clone()));
            let cm =
                ObjRef::new(&types().classmethod, Payload::Descriptor(DescriptorObj::ClassMethod(f))).make_immortal();
            dict::set_str(d, "from_iterable", Value::Obj(cm));
        }
        _ => {}
    }
    type_::type_obj(&t).modified();
    t
}

/// One itertools iterator's behaviour.
trait Step: Send + Sync + 'static {
    /// The next item, `None` when exhausted.
    fn step(&self) -> PyResult<Option<Value>>;
    fn hint(&self) -> Option<usize> {
        None
    }
}

/// The `NativeIter` of every itertools object: its state, shared so that methods can get it back.
struct It<S: Step>(Arc<S>);

thread_local! {
    /// Set while [`state`] asks an iterator for its state instead of its next item.
    static PROBING: Cell<bool> = const { Cell::new(false) };
    static STASH: RefCell<Option<Arc<dyn Any + Send + Sync>>> = const { RefCell::new(None) };
}

impl<S: Step> NativeIter for It<S> {
    fn next(&self) -> PyResult<Option<Value>> {
        if PROBING.with(|p| p.get()) {
            STASH.with(|s| *s.borrow_mut() = Some(self.0.clone() as Arc<dyn Any + Send + Sync>));
            return Ok(None);
        }
        self.0.step()
    }

    fn length_hint(&self) -> Option<usize> {
        self.0.hint()
    }
}

/// Stores `v` in `m` and returns the old value, to be freed by the caller after the lock is released: freeing
/// a value can run Python code (a generator's `finally`), which must never run under one of these locks.
fn replace<T>(m: &Mutex<T>, v: T) -> T {
    std::mem::replace(&mut *m.lock(), v)
}

/// A new iterator object of `kind` with state `s`.
fn make<S: Step>(kind: Kind, s: S) -> Value {
    Value::Obj(ObjRef::new(ty(kind), Payload::Iter(Box::new(It(Arc::new(s))))))
}

/// The state of an itertools object of `kind`, for methods that need it (`repr`, `__copy__`).
///
/// `NativeIter` offers no downcast, so the object's own `next` is asked, under a thread-local flag, to hand
/// its state over instead of advancing. Only objects made by [`make`] are asked (the type check guarantees it).
fn state<S: Step>(v: &Value, kind: Kind) -> PyResult<Arc<S>> {
    let wrong = || {
        type_error(format!(
            "descriptor requires a 'itertools.{}' object but received a '{}'",
            kind.name(),
            v.type_name()
        ))
    };
    if !v.ty().ptr_eq(ty(kind)) {
        return Err(wrong());
    }
    let Some(Payload::Iter(i)) = v.payload() else { return Err(wrong()) };
    PROBING.with(|p| p.set(true));
    let _ = i.next();
    PROBING.with(|p| p.set(false));
    let s = STASH.with(|s| s.borrow_mut().take());
    s.and_then(|a| a.downcast::<S>().ok()).ok_or_else(wrong)
}

fn stop_iteration() -> PyErr {
    PyErr::with_args(ExcKind::StopIteration, vec![])
}

/// Whether `v` is an instance of one of this module's types (the receiver check of their methods).
fn is_itertools(v: &Value) -> bool {
    KINDS.iter().any(|k| v.ty().ptr_eq(ty(*k)))
}

fn iter_self(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__iter__", args, kwargs).exact(1)?;
    Ok(a[0].clone())
}

fn next_method(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__next__", args, kwargs).exact(1)?;
    if !is_itertools(&a[0]) {
        return Err(type_error(format!(
            "descriptor '__next__' requires an itertools object but received a '{}'",
            a[0].type_name()
        )));
    }
    next(&a[0])?.ok_or_else(stop_iteration)
}

/// The arguments of `T.__new__(cls, ...)` after `cls`, checking `cls`.
fn new_args(kind: Kind, args: &[Value]) -> PyResult<&[Value]> {
    let name = kind.name();
    match args.first() {
        None => Err(type_error(format!("itertools.{name}.__new__(): not enough arguments"))),
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Type(_)) => {
            if type_::is_subtype(o, ty(kind)) {
                Ok(&args[1..])
            } else {
                let sub = type_::type_name(o);
                Err(type_error(format!("itertools.{name}.__new__({sub}): {sub} is not a subtype of itertools.{name}")))
            }
        }
        Some(v) => Err(type_error(format!("itertools.{name}.__new__(X): X is not a type object ({})", v.type_name()))),
    }
}

/// Positional arguments of a `PyArg_UnpackTuple` constructor (`cycle expected 1 argument, got 0`).
fn unpack<'a>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.len();
    let plural = |m: usize| if m == 1 { "" } else { "s" };
    if min == max && n != min {
        return Err(type_error(format!("{name} expected {min} argument{}, got {n}", plural(min))));
    }
    if n < min {
        return Err(type_error(format!("{name} expected at least {min} argument{}, got {n}", plural(min))));
    }
    if n > max {
        return Err(type_error(format!("{name} expected at most {max} argument{}, got {n}", plural(max))));
    }
    Ok(args)
}

/// A `Py_ssize_t` argument: `__index__`, with CPython's overflow message.
fn ssize(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))
}

fn tuple_items(v: &Value) -> PyResult<Vec<Value>> {
    ops::iter::collect(v)
}

// ---------------------------------------------------------------------------------------------------------
// count

struct Count {
    cnt: Mutex<Value>,
    step: Value,
}

impl Step for Count {
    fn step(&self) -> PyResult<Option<Value>> {
        let cur = {
            let mut cnt = self.cnt.lock();
            // Ints and floats advance under the lock; anything else may run Python code (`__add__`).
            match (&*cnt, &self.step) {
                (Value::Int(c), Value::Int(s)) if c.checked_add(*s).is_some() => {
                    let r = cnt.clone();
                    *cnt = Value::Int(c + s);
                    return Ok(Some(r));
                }
                (Value::Float(c), Value::Float(s)) => {
                    let r = cnt.clone();
                    *cnt = Value::Float(c + s);
                    return Ok(Some(r));
                }
                _ => cnt.clone(),
            }
        };
        let new = ops::number::add(&cur, &self.step)?;
        drop(replace(&self.cnt, new));
        Ok(Some(cur))
    }
}

/// `PyNumber_Check`: something with `__index__`, `__int__` or `__float__`, or a complex.
fn is_number(v: &Value) -> bool {
    if int::is_int(v)
        || crate::builtins::float::as_f64(v).is_some()
        || matches!(v.payload(), Some(Payload::Complex(..)))
    {
        return true;
    }
    ["__index__", "__int__", "__float__"].iter().any(|m| type_::lookup(v.ty(), m).is_some())
}

fn count_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Count, args)?;
    let a = int::clinic("count", args, kwargs, &["start", "step"], 2, 0)?;
    let mut start = a[0].clone().unwrap_or(Value::Int(0));
    let mut step = a[1].clone().unwrap_or(Value::Int(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(type_error("a number is required"));
    }
    // CPython's fast mode: an int start with an int step of 1 counts in plain ints (`count(True)` yields 1).
    if int::is_int(&step) && int::as_i64(&step) == Some(1) {
        if let Some(s) = int::as_i64(&start).filter(|_| int::is_int(&start)) {
            start = Value::Int(s);
            step = Value::Int(1);
        }
    }
    Ok(make(Kind::Count, Count { cnt: Mutex::new(start), step }))
}

fn count_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("count.__repr__", args, kwargs).exact(1)?;
    let s = state::<Count>(&a[0], Kind::Count)?;
    let cnt = s.cnt.lock().clone();
    let cnt_repr = ops::format::repr(&cnt)?;
    // An int step equal to 1 is not shown.
    if int::is_int(&s.step) && int::as_i64(&s.step) == Some(1) {
        return Ok(Value::from(format!("count({cnt_repr})")));
    }
    Ok(Value::from(format!("count({cnt_repr}, {})", ops::format::repr(&s.step)?)))
}

// ---------------------------------------------------------------------------------------------------------
// cycle

struct Cycle {
    it: Mutex<Option<Value>>,
    saved: Mutex<(Vec<Value>, usize)>,
}

impl Step for Cycle {
    fn step(&self) -> PyResult<Option<Value>> {
        let it = self.it.lock().clone();
        if let Some(it) = it {
            match next(&it)? {
                Some(item) => {
                    self.saved.lock().0.push(item.clone());
                    return Ok(Some(item));
                }
                None => drop(replace(&self.it, None)),
            }
        }
        let mut saved = self.saved.lock();
        let (items, index) = &mut *saved;
        if items.is_empty() {
            return Ok(None);
        }
        let item = items[*index].clone();
        *index = (*index + 1) % items.len();
        Ok(Some(item))
    }
}

fn cycle_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("cycle", new_args(Kind::Cycle, args)?, kwargs, 1, 1)?;
    let it = iter(&a[0])?;
    Ok(make(Kind::Cycle, Cycle { it: Mutex::new(Some(it)), saved: Mutex::new((Vec::new(), 0)) }))
}

// ---------------------------------------------------------------------------------------------------------
// repeat

struct Repeat {
    element: Value,
    /// Remaining repetitions; `None` repeats forever.
    cnt: Option<AtomicI64>,
}

impl Step for Repeat {
    fn step(&self) -> PyResult<Option<Value>> {
        match &self.cnt {
            None => Ok(Some(self.element.clone())),
            Some(c) => {
                let taken = c.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n > 0).then(|| n - 1));
                Ok(taken.is_ok().then(|| self.element.clone()))
            }
        }
    }

    fn hint(&self) -> Option<usize> {
        self.cnt.as_ref().map(|c| c.load(Ordering::Acquire).max(0) as usize)
    }
}

fn repeat_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Repeat, args)?;
    let a = int::clinic("repeat", args, kwargs, &["object", "times"], 2, 1)?;
    let element = a[0].clone().expect("required");
    let cnt = match &a[1] {
        None => None,
        Some(t) => Some(AtomicI64::new(ssize(t)?.max(0))),
    };
    Ok(make(Kind::Repeat, Repeat { element, cnt }))
}

fn repeat_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("repeat.__repr__", args, kwargs).exact(1)?;
    let s = state::<Repeat>(&a[0], Kind::Repeat)?;
    let e = ops::format::repr(&s.element)?;
    Ok(Value::from(match &s.cnt {
        None => format!("repeat({e})"),
        Some(c) => format!("repeat({e}, {})", c.load(Ordering::Acquire)),
    }))
}

fn repeat_length_hint(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("repeat.__length_hint__", args, kwargs).exact(1)?;
    let s = state::<Repeat>(&a[0], Kind::Repeat)?;
    match &s.cnt {
        None => Err(type_error("len() of unsized object")),
        Some(c) => Ok(Value::Int(c.load(Ordering::Acquire))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// accumulate

struct Accumulate {
    it: Value,
    func: Value,
    /// `(total, initial not yet produced)`.
    st: Mutex<(Option<Value>, Option<Value>)>,
}

impl Step for Accumulate {
    fn step(&self) -> PyResult<Option<Value>> {
        {
            let mut st = self.st.lock();
            if let Some(init) = st.1.take() {
                st.0 = Some(init.clone());
                return Ok(Some(init));
            }
        }
        let Some(val) = next(&self.it)? else { return Ok(None) };
        if self.func.is_none() && matches!(val, Value::Int(_) | Value::Float(_)) {
            // Adding inline numbers runs no Python code: do it under the lock, so racing threads lose no update.
            let mut st = self.st.lock();
            if matches!(st.0, None | Some(Value::Int(_) | Value::Float(_))) {
                let new = match &st.0 {
                    None => val,
                    Some(t) => ops::number::add(t, &val)?,
                };
                st.0 = Some(new.clone());
                return Ok(Some(new));
            }
        }
        let total = self.st.lock().0.clone();
        let new = match total {
            None => val,
            Some(t) if self.func.is_none() => ops::number::add(&t, &val)?,
            Some(t) => ops::call::call(&self.func, &[t, val], &[])?,
        };
        let old = self.st.lock().0.replace(new.clone());
        drop(old);
        Ok(Some(new))
    }
}

fn accumulate_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Accumulate, args)?;
    let a = int::clinic("accumulate", args, kwargs, &["iterable", "func", "initial"], 2, 1)?;
    let it = iter(a[0].as_ref().expect("required"))?;
    let func = a[1].clone().unwrap_or(Value::None);
    let initial = a[2].clone().filter(|v| !v.is_none());
    Ok(make(Kind::Accumulate, Accumulate { it, func, st: Mutex::new((None, initial)) }))
}

// ---------------------------------------------------------------------------------------------------------
// chain

struct Chain {
    /// The iterator over the iterables; `None` once exhausted.
    source: Mutex<Option<Value>>,
    /// The iterators being drained, first one first. Normally at most one; racing threads that each fetched
    /// the next iterable queue theirs here, so no item is lost.
    active: Mutex<VecDeque<Value>>,
    /// Threads between taking an iterable from the source and queueing its iterator: while any is, the chain
    /// is not exhausted even if the source is.
    fetching: AtomicUsize,
}

impl Step for Chain {
    fn step(&self) -> PyResult<Option<Value>> {
        loop {
            let front = self.active.lock().front().cloned();
            let Some(active) = front else {
                let Some(src) = self.source.lock().clone() else {
                    if self.fetching.load(Ordering::Acquire) == 0 && self.active.lock().is_empty() {
                        return Ok(None);
                    }
                    // Another thread is about to queue an iterator: wait for it rather than end early.
                    std::thread::yield_now();
                    continue;
                };
                self.fetching.fetch_add(1, Ordering::AcqRel);
                // A source that ends, raises, or yields a non-iterable ends the chain (as in CPython).
                let fetched = next(&src).and_then(|x| x.map(|iterable| iter(&iterable)).transpose());
                let r = match fetched {
                    Ok(Some(a)) => {
                        self.active.lock().push_back(a);
                        Ok(())
                    }
                    Ok(None) => {
                        drop(replace(&self.source, None));
                        Ok(())
                    }
                    Err(e) => {
                        drop(replace(&self.source, None));
                        Err(e)
                    }
                };
                self.fetching.fetch_sub(1, Ordering::AcqRel);
                r?;
                continue;
            };
            if let Some(item) = next(&active)? {
                return Ok(Some(item));
            }
            let removed = {
                let mut q = self.active.lock();
                q.iter().position(|c| c.is(&active)).and_then(|i| q.remove(i))
            };
            drop(removed);
        }
    }
}

fn new_chain(source: Value) -> Value {
    make(
        Kind::Chain,
        Chain { source: Mutex::new(Some(source)), active: Mutex::new(VecDeque::new()), fetching: AtomicUsize::new(0) },
    )
}

fn chain_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Chain, args)?;
    if !kwargs.is_empty() {
        return Err(type_error("chain() takes no keyword arguments"));
    }
    Ok(new_chain(iter(&tuple::new_tuple(args.to_vec()))?))
}

fn chain_from_iterable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("chain.from_iterable() takes no keyword arguments"));
    }
    match args {
        [_cls, iterable] => Ok(new_chain(iter(iterable)?)),
        _ => Err(type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// compress, dropwhile, takewhile, filterfalse, starmap

struct Compress {
    data: Value,
    selectors: Value,
}

impl Step for Compress {
    fn step(&self) -> PyResult<Option<Value>> {
        loop {
            let Some(datum) = next(&self.data)? else { return Ok(None) };
            let Some(selector) = next(&self.selectors)? else { return Ok(None) };
            if ops::truthy(&selector)? {
                return Ok(Some(datum));
            }
        }
    }
}

fn compress_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Compress, args)?;
    let a = int::clinic("compress", args, kwargs, &["data", "selectors"], 2, 2)?;
    let data = iter(a[0].as_ref().expect("required"))?;
    let selectors = iter(a[1].as_ref().expect("required"))?;
    Ok(make(Kind::Compress, Compress { data, selectors }))
}

struct DropWhile {
    func: Value,
    it: Value,
    started: AtomicBool,
}

impl Step for DropWhile {
    fn step(&self) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = next(&self.it)? else { return Ok(None) };
            if self.started.load(Ordering::Acquire) {
                return Ok(Some(item));
            }
            let good = ops::call::call(&self.func, std::slice::from_ref(&item), &[])?;
            if !ops::truthy(&good)? {
                self.started.store(true, Ordering::Release);
                return Ok(Some(item));
            }
        }
    }
}

fn dropwhile_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("dropwhile", new_args(Kind::DropWhile, args)?, kwargs, 2, 2)?;
    let it = iter(&a[1])?;
    Ok(make(Kind::DropWhile, DropWhile { func: a[0].clone(), it, started: AtomicBool::new(false) }))
}

struct TakeWhile {
    func: Value,
    it: Value,
    stopped: AtomicBool,
}

impl Step for TakeWhile {
    fn step(&self) -> PyResult<Option<Value>> {
        if self.stopped.load(Ordering::Acquire) {
            return Ok(None);
        }
        let Some(item) = next(&self.it)? else { return Ok(None) };
        let good = ops::call::call(&self.func, std::slice::from_ref(&item), &[])?;
        if ops::truthy(&good)? {
            return Ok(Some(item));
        }
        self.stopped.store(true, Ordering::Release);
        Ok(None)
    }
}

fn takewhile_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("takewhile", new_args(Kind::TakeWhile, args)?, kwargs, 2, 2)?;
    let it = iter(&a[1])?;
    Ok(make(Kind::TakeWhile, TakeWhile { func: a[0].clone(), it, stopped: AtomicBool::new(false) }))
}

struct FilterFalse {
    func: Value,
    it: Value,
}

impl Step for FilterFalse {
    fn step(&self) -> PyResult<Option<Value>> {
        let plain = self.func.is_none() || self.func.as_obj().is_some_and(|o| o.ptr_eq(&types().bool));
        loop {
            let Some(item) = next(&self.it)? else { return Ok(None) };
            let ok = if plain {
                ops::truthy(&item)?
            } else {
                ops::truthy(&ops::call::call(&self.func, std::slice::from_ref(&item), &[])?)?
            };
            if !ok {
                return Ok(Some(item));
            }
        }
    }
}

fn filterfalse_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("filterfalse", new_args(Kind::FilterFalse, args)?, kwargs, 2, 2)?;
    let it = iter(&a[1])?;
    Ok(make(Kind::FilterFalse, FilterFalse { func: a[0].clone(), it }))
}

struct StarMap {
    func: Value,
    it: Value,
}

impl Step for StarMap {
    fn step(&self) -> PyResult<Option<Value>> {
        let Some(args) = next(&self.it)? else { return Ok(None) };
        let result = match args.as_tuple() {
            Some(t) if args.ty().ptr_eq(&types().tuple) => ops::call::call(&self.func, t, &[])?,
            _ => ops::call::call(&self.func, &tuple_items(&args)?, &[])?,
        };
        Ok(Some(result))
    }
}

fn starmap_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("starmap", new_args(Kind::StarMap, args)?, kwargs, 2, 2)?;
    let it = iter(&a[1])?;
    Ok(make(Kind::StarMap, StarMap { func: a[0].clone(), it }))
}

// ---------------------------------------------------------------------------------------------------------
// groupby and _grouper

struct GroupByState {
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// The id of the grouper that may still produce items (CPython keeps a pointer to it).
    currgrouper: u64,
    next_id: u64,
}

struct GroupByShared {
    it: Value,
    keyfunc: Value,
    st: Mutex<GroupByState>,
}

impl GroupByShared {
    /// CPython's `groupby_step`: advances the source and computes the new key (outside the lock).
    fn advance(&self) -> PyResult<bool> {
        let Some(newvalue) = next(&self.it)? else { return Ok(false) };
        let newkey = if self.keyfunc.is_none() {
            newvalue.clone()
        } else {
            ops::call::call(&self.keyfunc, std::slice::from_ref(&newvalue), &[])?
        };
        let old = {
            let mut st = self.st.lock();
            (st.currvalue.replace(newvalue), st.currkey.replace(newkey))
        };
        drop(old);
        Ok(true)
    }
}

struct GroupBy(Arc<GroupByShared>);

impl Step for GroupBy {
    fn step(&self) -> PyResult<Option<Value>> {
        let g = &self.0;
        g.st.lock().currgrouper = 0;
        // Skip to the start of the next group.
        loop {
            let (tgt, curr) = {
                let st = g.st.lock();
                (st.tgtkey.clone(), st.currkey.clone())
            };
            match (tgt, curr) {
                (_, None) => {}
                (None, Some(_)) => break,
                (Some(t), Some(c)) => {
                    if !ops::compare::eq_bool(&t, &c)? {
                        break;
                    }
                }
            }
            if !g.advance()? {
                return Ok(None);
            }
        }
        let (key, id, old) = {
            let mut st = g.st.lock();
            let key = st.currkey.clone().unwrap_or(Value::None);
            let old = st.tgtkey.replace(key.clone());
            st.next_id += 1;
            st.currgrouper = st.next_id;
            (key, st.next_id, old)
        };
        drop(old);
        let grouper = make(Kind::Grouper, Grouper { parent: g.clone(), tgtkey: key.clone(), id });
        Ok(Some(tuple::new_tuple_array([key, grouper])))
    }
}

struct Grouper {
    parent: Arc<GroupByShared>,
    tgtkey: Value,
    id: u64,
}

impl Step for Grouper {
    fn step(&self) -> PyResult<Option<Value>> {
        let g = &self.parent;
        let (current, has_value) = {
            let st = g.st.lock();
            (st.currgrouper == self.id, st.currvalue.is_some())
        };
        if !current {
            return Ok(None);
        }
        if !has_value && !g.advance()? {
            return Ok(None);
        }
        let currkey = g.st.lock().currkey.clone().unwrap_or(Value::None);
        if !ops::compare::eq_bool(&self.tgtkey, &currkey)? {
            return Ok(None);
        }
        Ok(g.st.lock().currvalue.take())
    }
}

fn groupby_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::GroupBy, args)?;
    let a = int::clinic("groupby", args, kwargs, &["iterable", "key"], 2, 1)?;
    let it = iter(a[0].as_ref().expect("required"))?;
    let keyfunc = a[1].clone().unwrap_or(Value::None);
    let st = GroupByState { tgtkey: None, currkey: None, currvalue: None, currgrouper: 0, next_id: 0 };
    Ok(make(Kind::GroupBy, GroupBy(Arc::new(GroupByShared { it, keyfunc, st: Mutex::new(st) }))))
}

// ---------------------------------------------------------------------------------------------------------
// islice

struct ISlice {
    /// `(source, count consumed, index of the next item to produce)`; the source is dropped when exhausted.
    st: Mutex<(Option<Value>, i64, i64)>,
    /// `-1` for no stop.
    stop: i64,
    step: i64,
}

impl Step for ISlice {
    fn step(&self) -> PyResult<Option<Value>> {
        let (it, mut cnt, nxt) = {
            let st = self.st.lock();
            match &st.0 {
                Some(it) => (it.clone(), st.1, st.2),
                None => return Ok(None),
            }
        };
        let clear = |cnt: i64| {
            let old = {
                let mut st = self.st.lock();
                st.1 = cnt;
                st.0.take()
            };
            drop(old);
        };
        while cnt < nxt {
            match next(&it) {
                Ok(Some(_)) => cnt += 1,
                Ok(None) => {
                    clear(cnt);
                    return Ok(None);
                }
                Err(e) => {
                    clear(cnt);
                    return Err(e);
                }
            }
        }
        if self.stop != -1 && cnt >= self.stop {
            clear(cnt);
            return Ok(None);
        }
        let item = match next(&it) {
            Ok(Some(x)) => x,
            Ok(None) => {
                clear(cnt);
                return Ok(None);
            }
            Err(e) => {
                clear(cnt);
                return Err(e);
            }
        };
        cnt += 1;
        let mut new_next = nxt.checked_add(self.step).unwrap_or(self.stop);
        if self.stop != -1 && new_next > self.stop {
            new_next = self.stop;
        }
        let mut st = self.st.lock();
        st.1 = cnt;
        st.2 = new_next;
        Ok(Some(item))
    }
}

fn islice_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("islice", new_args(Kind::ISlice, args)?, kwargs, 2, 4)?;
    const STOP_MSG: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDEX_MSG: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    // `PyNumber_AsSsize_t` with any error cleared: -1.
    let as_ssize = |v: &Value| -> i64 { ssize(v).unwrap_or(-1) };
    let (mut start, mut step) = (0i64, 1i64);
    let stop_arg = |v: &Value| -> PyResult<i64> {
        if v.is_none() {
            return Ok(-1);
        }
        match as_ssize(v) {
            -1 => Err(value_error(STOP_MSG)),
            s => Ok(s),
        }
    };
    let stop = if a.len() == 2 {
        stop_arg(&a[1])?
    } else {
        if !a[1].is_none() {
            start = as_ssize(&a[1]);
        }
        stop_arg(&a[2])?
    };
    if start < 0 || stop < -1 {
        return Err(value_error(INDEX_MSG));
    }
    if a.len() == 4 && !a[3].is_none() {
        step = as_ssize(&a[3]);
    }
    if step < 1 {
        return Err(value_error("Step for islice() must be a positive integer or None."));
    }
    let it = iter(&a[0])?;
    Ok(make(Kind::ISlice, ISlice { st: Mutex::new((Some(it), 0, start)), stop, step }))
}

// ---------------------------------------------------------------------------------------------------------
// pairwise

struct PairWise {
    /// `(source, previous item)`; the source is dropped when exhausted.
    st: Mutex<(Option<Value>, Option<Value>)>,
}

impl Step for PairWise {
    fn step(&self) -> PyResult<Option<Value>> {
        let (it, old) = {
            let st = self.st.lock();
            match &st.0 {
                Some(it) => (it.clone(), st.1.clone()),
                None => return Ok(None),
            }
        };
        let old = match old {
            Some(o) => o,
            None => match next(&it)? {
                Some(o) => {
                    let prev = self.st.lock().1.replace(o.clone());
                    drop(prev);
                    o
                }
                None => {
                    drop(replace(&self.st, (None, None)));
                    return Ok(None);
                }
            },
        };
        match next(&it)? {
            Some(new) => {
                let prev = self.st.lock().1.replace(new.clone());
                drop(prev);
                Ok(Some(tuple::new_tuple_array([old, new])))
            }
            None => {
                drop(replace(&self.st, (None, None)));
                Ok(None)
            }
        }
    }
}

fn pairwise_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("pairwise", new_args(Kind::PairWise, args)?, kwargs, 1, 1)?;
    let it = iter(&a[0])?;
    Ok(make(Kind::PairWise, PairWise { st: Mutex::new((Some(it), None)) }))
}

// ---------------------------------------------------------------------------------------------------------
// tee

struct TeeBuffer {
    /// Items fetched from the source and not yet seen by every tee; `items[0]` has index `base`.
    items: VecDeque<Value>,
    base: u64,
    /// Each live tee's position (the index of its next item), by tee id.
    positions: HashMap<u64, u64>,
    next_id: u64,
    exhausted: bool,
    /// A tee is fetching from the source (CPython's "cannot re-enter the tee iterator").
    running: bool,
}

struct TeeShared {
    it: Value,
    buf: Mutex<TeeBuffer>,
}

impl TeeBuffer {
    /// Removes the items every tee has passed, returning them so the caller frees them after unlocking
    /// (freeing an item may free a tee of this very buffer, whose `Drop` takes the lock).
    #[must_use]
    fn trim(&mut self) -> Vec<Value> {
        let low = self.positions.values().copied().min().unwrap_or(self.base + self.items.len() as u64);
        let mut dead = Vec::new();
        while self.base < low {
            let Some(v) = self.items.pop_front() else { break };
            dead.push(v);
            self.base += 1;
        }
        dead
    }
}

struct Tee {
    shared: Arc<TeeShared>,
    id: u64,
}

impl Tee {
    fn new_on(shared: Arc<TeeShared>, pos: u64) -> Tee {
        let id = {
            let mut b = shared.buf.lock();
            b.next_id += 1;
            let id = b.next_id;
            b.positions.insert(id, pos);
            id
        };
        Tee { shared, id }
    }

    fn from_iterator(it: Value) -> Tee {
        let buf = TeeBuffer {
            items: VecDeque::new(),
            base: 0,
            positions: HashMap::new(),
            next_id: 0,
            exhausted: false,
            running: false,
        };
        Tee::new_on(Arc::new(TeeShared { it, buf: Mutex::new(buf) }), 0)
    }

    fn copy(&self) -> Tee {
        let pos = self.shared.buf.lock().positions.get(&self.id).copied().unwrap_or(0);
        Tee::new_on(self.shared.clone(), pos)
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        let dead = {
            let mut b = self.shared.buf.lock();
            b.positions.remove(&self.id);
            b.trim()
        };
        drop(dead);
    }
}

impl Step for Tee {
    fn step(&self) -> PyResult<Option<Value>> {
        let pos = {
            let mut b = self.shared.buf.lock();
            let pos = b.positions.get(&self.id).copied().unwrap_or(0);
            if pos < b.base + b.items.len() as u64 {
                let item = b.items[(pos - b.base) as usize].clone();
                b.positions.insert(self.id, pos + 1);
                let dead = b.trim();
                drop(b);
                drop(dead);
                return Ok(Some(item));
            }
            if b.exhausted {
                return Ok(None);
            }
            if b.running {
                return Err(runtime_error("cannot re-enter the tee iterator"));
            }
            b.running = true;
            pos
        };
        let r = next(&self.shared.it);
        let mut b = self.shared.buf.lock();
        b.running = false;
        match r? {
            None => {
                b.exhausted = true;
                Ok(None)
            }
            Some(item) => {
                b.items.push_back(item.clone());
                b.positions.insert(self.id, pos + 1);
                let dead = b.trim();
                drop(b);
                drop(dead);
                Ok(Some(item))
            }
        }
    }
}

fn tee_copy_method(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_tee.__copy__", args, kwargs).exact(1)?;
    let s = state::<Tee>(&a[0], Kind::Tee)?;
    Ok(make(Kind::Tee, s.copy()))
}

fn tee_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = unpack("_tee", new_args(Kind::Tee, args)?, kwargs, 1, 1)?;
    let it = iter(&a[0])?;
    if it.ty().ptr_eq(ty(Kind::Tee)) {
        return Ok(make(Kind::Tee, state::<Tee>(&it, Kind::Tee)?.copy()));
    }
    Ok(make(Kind::Tee, Tee::from_iterator(it)))
}

/// `itertools.tee(iterable, n=2)`.
fn tee(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("itertools.tee() takes no keyword arguments"));
    }
    let a = unpack("tee", args, &[], 1, 2)?;
    let n = match a.get(1) {
        Some(v) => ssize(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(tuple::new_tuple(Vec::new()));
    }
    let it = iter(&a[0])?;
    let mut out = Vec::with_capacity(n as usize);
    if it.ty().ptr_eq(ty(Kind::Tee)) {
        let s = state::<Tee>(&it, Kind::Tee)?;
        out.push(it.clone());
        for _ in 1..n {
            out.push(make(Kind::Tee, s.copy()));
        }
    } else if let Some(copy) = ops::attr::getattr_opt(&it, "__copy__")? {
        out.push(it.clone());
        for _ in 1..n {
            out.push(ops::call::call(&copy, &[], &[])?);
        }
    } else {
        let first = Tee::from_iterator(it);
        let copies: Vec<Tee> = (1..n).map(|_| first.copy()).collect();
        out.push(make(Kind::Tee, first));
        out.extend(copies.into_iter().map(|t| make(Kind::Tee, t)));
    }
    Ok(tuple::new_tuple(out))
}

// ---------------------------------------------------------------------------------------------------------
// zip_longest

struct ZipLongest {
    /// The sources; an exhausted one becomes `None`.
    its: Mutex<Vec<Option<Value>>>,
    fill: Value,
}

impl Step for ZipLongest {
    fn step(&self) -> PyResult<Option<Value>> {
        let its = self.its.lock().clone();
        if its.is_empty() || its.iter().all(Option::is_none) {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(its.len());
        for (i, it) in its.iter().enumerate() {
            match it {
                None => out.push(self.fill.clone()),
                Some(it) => match next(it)? {
                    Some(x) => out.push(x),
                    None => {
                        let (old, all_done) = {
                            let mut cur = self.its.lock();
                            let old = cur[i].take();
                            (old, cur.iter().all(Option::is_none))
                        };
                        drop(old);
                        if all_done {
                            return Ok(None);
                        }
                        out.push(self.fill.clone());
                    }
                },
            }
        }
        Ok(Some(tuple::new_tuple(out)))
    }
}

fn zip_longest_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::ZipLongest, args)?;
    let mut fill = Value::None;
    if !kwargs.is_empty() {
        match kwargs {
            [(k, v)] if k.as_str() == Some("fillvalue") => fill = v.clone(),
            _ => return Err(type_error("zip_longest() got an unexpected keyword argument")),
        }
    }
    let its = args.iter().map(|a| iter(a).map(Some)).collect::<PyResult<Vec<_>>>()?;
    Ok(make(Kind::ZipLongest, ZipLongest { its: Mutex::new(its), fill }))
}

// ---------------------------------------------------------------------------------------------------------
// product, permutations, combinations, combinations_with_replacement, batched

/// Index state of the combinatoric iterators: `None` before the first item.
struct Indices {
    indices: Option<Vec<usize>>,
    stopped: bool,
}

fn pick(pool: &[Value], indices: &[usize]) -> Value {
    tuple::new_tuple(indices.iter().map(|&i| pool[i].clone()).collect())
}

struct Product {
    pools: Vec<Vec<Value>>,
    st: Mutex<Indices>,
}

impl Step for Product {
    fn step(&self) -> PyResult<Option<Value>> {
        let mut st = self.st.lock();
        if st.stopped {
            return Ok(None);
        }
        let pools = &self.pools;
        match &mut st.indices {
            None => {
                if pools.iter().any(Vec::is_empty) {
                    st.stopped = true;
                    return Ok(None);
                }
                st.indices = Some(vec![0; pools.len()]);
            }
            Some(indices) => {
                // Advance right to left, carrying over when a pool rolls over.
                let mut i = pools.len();
                loop {
                    if i == 0 {
                        st.stopped = true;
                        return Ok(None);
                    }
                    i -= 1;
                    indices[i] += 1;
                    if indices[i] == pools[i].len() {
                        indices[i] = 0;
                    } else {
                        break;
                    }
                }
            }
        }
        let indices = st.indices.as_ref().expect("set above");
        Ok(Some(tuple::new_tuple(indices.iter().zip(pools).map(|(&i, p)| p[i].clone()).collect())))
    }
}

fn product_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Product, args)?;
    let mut repeat = 1i64;
    for (k, v) in kwargs {
        match k.as_str() {
            Some("repeat") => repeat = ssize(v)?,
            Some(name) => return Err(type_error(format!("'{name}' is an invalid keyword argument for product()"))),
            None => return Err(type_error("keywords must be strings")),
        }
    }
    if repeat < 0 {
        return Err(value_error("repeat argument cannot be negative"));
    }
    let mut pools = Vec::new();
    for a in args {
        pools.push(tuple_items(a)?);
    }
    let mut all = Vec::with_capacity(pools.len() * repeat as usize);
    for _ in 0..repeat {
        all.extend(pools.iter().cloned());
    }
    Ok(make(Kind::Product, Product { pools: all, st: Mutex::new(Indices { indices: None, stopped: false }) }))
}

struct Combinations {
    pool: Vec<Value>,
    r: usize,
    st: Mutex<Indices>,
}

impl Step for Combinations {
    fn step(&self) -> PyResult<Option<Value>> {
        let (n, r) = (self.pool.len(), self.r);
        let mut st = self.st.lock();
        if st.stopped {
            return Ok(None);
        }
        match &mut st.indices {
            None => {
                if r > n {
                    st.stopped = true;
                    return Ok(None);
                }
                st.indices = Some((0..r).collect());
            }
            Some(indices) => {
                // The rightmost index that is not at its maximum.
                let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else {
                    st.stopped = true;
                    return Ok(None);
                };
                indices[i] += 1;
                for j in i + 1..r {
                    indices[j] = indices[j - 1] + 1;
                }
            }
        }
        Ok(Some(pick(&self.pool, st.indices.as_ref().expect("set above"))))
    }
}

struct CombinationsWithReplacement {
    pool: Vec<Value>,
    r: usize,
    st: Mutex<Indices>,
}

impl Step for CombinationsWithReplacement {
    fn step(&self) -> PyResult<Option<Value>> {
        let (n, r) = (self.pool.len(), self.r);
        let mut st = self.st.lock();
        if st.stopped {
            return Ok(None);
        }
        match &mut st.indices {
            None => {
                if n == 0 && r > 0 {
                    st.stopped = true;
                    return Ok(None);
                }
                st.indices = Some(vec![0; r]);
            }
            Some(indices) => {
                let Some(i) = (0..r).rev().find(|&i| indices[i] != n - 1) else {
                    st.stopped = true;
                    return Ok(None);
                };
                let index = indices[i] + 1;
                for x in &mut indices[i..] {
                    *x = index;
                }
            }
        }
        Ok(Some(pick(&self.pool, st.indices.as_ref().expect("set above"))))
    }
}

/// `r` of `combinations` and `combinations_with_replacement`.
fn comb_args(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<(Vec<Value>, usize)> {
    let a = int::clinic(name, args, kwargs, &["iterable", "r"], 2, 2)?;
    let pool = tuple_items(a[0].as_ref().expect("required"))?;
    let r = ssize(a[1].as_ref().expect("required"))?;
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    Ok((pool, r as usize))
}

fn combinations_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Combinations, args)?;
    let (pool, r) = comb_args("combinations", args, kwargs)?;
    Ok(make(Kind::Combinations, Combinations { pool, r, st: Mutex::new(Indices { indices: None, stopped: false }) }))
}

fn cwr_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::CombinationsWithReplacement, args)?;
    let (pool, r) = comb_args("combinations_with_replacement", args, kwargs)?;
    let st = Mutex::new(Indices { indices: None, stopped: false });
    Ok(make(Kind::CombinationsWithReplacement, CombinationsWithReplacement { pool, r, st }))
}

struct PermState {
    indices: Vec<usize>,
    cycles: Vec<usize>,
    first: bool,
    stopped: bool,
}

struct Permutations {
    pool: Vec<Value>,
    r: usize,
    st: Mutex<PermState>,
}

impl Step for Permutations {
    fn step(&self) -> PyResult<Option<Value>> {
        let (n, r) = (self.pool.len(), self.r);
        let mut st = self.st.lock();
        if st.stopped {
            return Ok(None);
        }
        if st.first {
            st.first = false;
            if r > n {
                st.stopped = true;
                return Ok(None);
            }
        } else {
            if n == 0 {
                st.stopped = true;
                return Ok(None);
            }
            let PermState { indices, cycles, .. } = &mut *st;
            let mut advanced = false;
            for i in (0..r).rev() {
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    // Rotate indices[i:] left by one.
                    indices[i..].rotate_left(1);
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                st.stopped = true;
                return Ok(None);
            }
        }
        Ok(Some(pick(&self.pool, &st.indices[..r])))
    }
}

fn permutations_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Permutations, args)?;
    let a = int::clinic("permutations", args, kwargs, &["iterable", "r"], 2, 1)?;
    let pool = tuple_items(a[0].as_ref().expect("required"))?;
    let n = pool.len();
    let r = match &a[1] {
        None => n as i64,
        Some(v) if v.is_none() => n as i64,
        Some(v) if int::is_int(v) => {
            int::as_i64(v).ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))?
        }
        Some(_) => return Err(type_error("Expected int as r")),
    };
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    let r = r as usize;
    let st = PermState {
        indices: (0..n).collect(),
        cycles: (0..r.min(n)).map(|i| n - i).collect(),
        first: true,
        stopped: false,
    };
    Ok(make(Kind::Permutations, Permutations { pool, r, st: Mutex::new(st) }))
}

struct Batched {
    it: Mutex<Option<Value>>,
    n: usize,
}

impl Step for Batched {
    fn step(&self) -> PyResult<Option<Value>> {
        let Some(it) = self.it.lock().clone() else { return Ok(None) };
        let mut items = Vec::with_capacity(self.n.min(1024));
        while items.len() < self.n {
            match next(&it) {
                Ok(Some(x)) => items.push(x),
                Ok(None) => break,
                Err(e) => {
                    drop(replace(&self.it, None));
                    return Err(e);
                }
            }
        }
        if items.is_empty() {
            drop(replace(&self.it, None));
            return Ok(None);
        }
        Ok(Some(tuple::new_tuple(items)))
    }
}

fn batched_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = new_args(Kind::Batched, args)?;
    let a = int::clinic("batched", args, kwargs, &["iterable", "n"], 2, 2)?;
    let n = ssize(a[1].as_ref().expect("required"))?;
    if n < 1 {
        return Err(value_error("n must be at least one"));
    }
    let it = iter(a[0].as_ref().expect("required"))?;
    Ok(make(Kind::Batched, Batched { it: Mutex::new(Some(it)), n: n as usize }))
}

// ---------------------------------------------------------------------------------------------------------
// The module.

static ITERTOOLS: OnceLock<ObjRef> = OnceLock::new();

/// The `itertools` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(ITERTOOLS
        .get_or_init(|| {
            let m = module::new_module("itertools").make_immortal();
            let d = module::module_dict(&m);
            for k in KINDS {
                dict::set_str(d, k.name(), Value::Obj(ty(k).clone()));
            }
            dict::set_str(d, "tee", new_builtin("tee", tee, None));
            m
        })
        .clone())
}
