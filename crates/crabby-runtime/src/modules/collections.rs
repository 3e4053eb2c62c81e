//! `_collections`: `deque`, `defaultdict`, `_count_elements`, `OrderedDict` and `_tuplegetter` (both in
//! `collections/`), the C half of `collections`, with CPython 3.12's behaviour and messages (`deque mutated
//! during iteration`, `deque([1, 2], maxlen=3)`, `defaultdict(<class 'list'>, {...})`).
//!
//! A deque keeps its items in a `VecDeque` behind a per-deque lock, with CPython's mutation counter (`state`)
//! beside them: every operation that CPython makes bump the counter bumps it here, so iterators raise where
//! CPython's do. Each single operation (`append`, `popleft`, `rotate`, ...) takes the lock once, so racing
//! threads never lose or tear an update. The lock is never held while Python code runs: comparisons with
//! `__eq__` copy the item out first and re-check the counter afterwards, as CPython does; items removed from
//! a deque are dropped after the lock is released (dropping may run weak-reference callbacks).
//!
//! `defaultdict` is a native subtype of `dict`: its instances carry the dict payload, so every dict operation
//! of the runtime works on them unchanged. `default_factory` is a slot, as in CPython (a
//! `member_descriptor` over the instance's slot storage), so instances have no `__dict__` (`vars(dd)` fails as
//! it does in CPython) while subclasses get one as usual.
//! NOTE: after `del dd.default_factory`, reading the attribute raises AttributeError (a slot's usual
//! behaviour) where CPython's C member reads as None; the defaultdict itself then acts as without a factory.

pub mod odict;
pub mod tuplegetter;

use std::collections::VecDeque;
use std::sync::OnceLock;

use parking_lot::{Mutex, RwLock};

use crate::builtins::dict::{self, DictObj};
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::NativeIter;
use crate::builtins::list::{join_reprs, not_implemented, slot_args, ReprGuard};
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{add_methods, int, module, new_native_type, tuple, types};
use crate::error::{index_error, overflow_error, runtime_error, type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs, meth_o, positional};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::compare::CmpOp;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// deque

/// A deque's contents.
struct Inner {
    items: VecDeque<Value>,
    /// `None` for an unbounded deque.
    maxlen: Option<usize>,
    /// CPython's `state`: bumped by every mutation that invalidates iterators.
    state: u64,
}

/// The payload of `deque` objects (and of instances of subclasses).
pub struct Deque {
    inner: RwLock<Inner>,
}

impl Deque {
    fn new() -> Deque {
        Deque { inner: RwLock::new(Inner { items: VecDeque::new(), maxlen: None, state: 0 }) }
    }

    fn len(&self) -> usize {
        self.inner.read().items.len()
    }

    fn snapshot(&self) -> Vec<Value> {
        self.inner.read().items.iter().cloned().collect()
    }

    fn maxlen(&self) -> Option<usize> {
        self.inner.read().maxlen
    }

    fn state(&self) -> u64 {
        self.inner.read().state
    }

    /// Appends on the right (`left == false`) or left, trimming the other end past `maxlen`; returns the
    /// item trimmed, to be dropped once the lock is released.
    fn push(g: &mut Inner, item: Value, left: bool) -> Option<Value> {
        g.state = g.state.wrapping_add(1);
        if g.maxlen == Some(0) {
            return Some(item);
        }
        if left {
            g.items.push_front(item);
        } else {
            g.items.push_back(item);
        }
        if g.maxlen.is_some_and(|m| g.items.len() > m) {
            return if left { g.items.pop_back() } else { g.items.pop_front() };
        }
        None
    }

    fn append(&self, item: Value, left: bool) {
        let trimmed = Deque::push(&mut self.inner.write(), item, left);
        drop(trimmed);
    }

    fn pop(&self, left: bool) -> PyResult<Value> {
        let mut g = self.inner.write();
        let item = if left { g.items.pop_front() } else { g.items.pop_back() };
        match item {
            Some(v) => {
                g.state = g.state.wrapping_add(1);
                Ok(v)
            }
            None => Err(index_error("pop from an empty deque")),
        }
    }

    /// Removes every item; they are returned to be dropped outside the lock.
    fn take_all(&self) -> VecDeque<Value> {
        let mut g = self.inner.write();
        g.state = g.state.wrapping_add(1);
        std::mem::take(&mut g.items)
    }

    /// `_deque_rotate`: right by `n` (left when negative); no-op (and no state change) below two items.
    fn rotate(&self, n: i64) {
        let mut g = self.inner.write();
        let len = g.items.len();
        if len <= 1 {
            return;
        }
        g.state = g.state.wrapping_add(1);
        let k = n.rem_euclid(len as i64) as usize;
        g.items.rotate_right(k);
    }
}

/// The deque payload of `v`, if it is a deque (or subclass instance).
fn deque_of(v: &Value) -> Option<&Deque> {
    v.payload()?.native::<Deque>()
}

/// The receiver of a deque method, with CPython's descriptor messages (`slot` for slot wrappers).
fn recv<'a>(args: &'a [Value], name: &str, slot: bool) -> PyResult<(&'a Deque, &'a Value, &'a [Value])> {
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error(if slot {
            format!("descriptor '{name}' of 'collections.deque' object needs an argument")
        } else {
            format!("unbound method deque.{name}() needs an argument")
        }));
    };
    match deque_of(this) {
        Some(d) => Ok((d, this, rest)),
        None => Err(type_error(if slot {
            format!("descriptor '{name}' requires a 'collections.deque' object but received a '{}'", this.type_name())
        } else {
            format!(
                "descriptor '{name}' for 'collections.deque' objects doesn't apply to a '{}' object",
                this.type_name()
            )
        })),
    }
}

/// `deque_extend` / `deque_extendleft`: items of an exact list or tuple (no Python code to run) go in under
/// one lock; other iterables one item at a time, as they are produced.
fn extend(d: &Deque, this: &Value, iterable: &Value, left: bool) -> PyResult<()> {
    // `d.extend(d)` extends by a copy.
    let items: Option<Vec<Value>> = if iterable.is(this) {
        Some(d.snapshot())
    } else {
        let t = types();
        let exact = iterable.ty().ptr_eq(&t.list) || iterable.ty().ptr_eq(&t.tuple);
        if exact {
            Some(ops::iter::collect(iterable)?)
        } else {
            None
        }
    };
    if let Some(items) = items {
        let mut trimmed = Vec::new();
        {
            let mut g = d.inner.write();
            for it in items {
                trimmed.extend(Deque::push(&mut g, it, left));
            }
        }
        drop(trimmed);
        return Ok(());
    }
    let it = ops::iter::iter(iterable)?;
    if d.maxlen() == Some(0) {
        // Consumed for its side effects only.
        while ops::iter::next(&it)?.is_some() {}
        return Ok(());
    }
    while let Some(x) = ops::iter::next(&it)? {
        d.append(x, left);
    }
    Ok(())
}

/// Which error a scan reports when the deque changes under an `__eq__`.
#[derive(Clone, Copy)]
enum Mutated {
    Runtime,
    Index,
}

/// Compares `x` with the items from `start` to `stop` (item on the left of `==`, identity first, as
/// `PyObject_RichCompareBool`), calling `found(i)` for each equal one until it returns `true`; returns that
/// position. `__eq__` runs without the lock; a mutation meanwhile raises CPython's error.
fn scan(
    d: &Deque,
    x: &Value,
    start: usize,
    stop: usize,
    err: Mutated,
    mut found: impl FnMut(usize) -> bool,
) -> PyResult<Option<usize>> {
    let start_state = d.state();
    let mut i = start;
    loop {
        let item = {
            let g = d.inner.read();
            if g.state != start_state {
                return Err(match err {
                    Mutated::Runtime => runtime_error("deque mutated during iteration"),
                    Mutated::Index => index_error("deque mutated during iteration"),
                });
            }
            // Items that compare without Python code are scanned under the lock.
            loop {
                if i >= stop.min(g.items.len()) {
                    return Ok(None);
                }
                match ops::compare::fast_eq(&g.items[i], x) {
                    Some(true) => {
                        if found(i) {
                            return Ok(Some(i));
                        }
                        i += 1;
                    }
                    Some(false) => i += 1,
                    None => break g.items[i].clone(),
                }
            }
        };
        let eq = ops::compare::eq_bool(&item, x)?;
        if d.state() != start_state {
            return Err(match err {
                Mutated::Runtime => runtime_error("deque mutated during iteration"),
                Mutated::Index => index_error("deque mutated during iteration"),
            });
        }
        if eq && found(i) {
            return Ok(Some(i));
        }
        i += 1;
    }
}

/// A sequence index (`d[i]`): an int or `__index__`, else CPython's sequence message.
fn seq_index(key: &Value, len: usize) -> PyResult<Option<usize>> {
    if !int::is_int(key) && type_::lookup(key.ty(), "__index__").is_none() {
        return Err(type_error(format!("sequence index must be integer, not '{}'", key.type_name())));
    }
    let i = ops::number::index(key)?;
    let i = int::as_i64(&i).ok_or_else(|| {
        PyErr::new(ExcKind::IndexError, format!("cannot fit '{}' into an index-sized integer", i.type_name()))
    })?;
    let j = if i < 0 { i + len as i64 } else { i };
    Ok((0..len as i64).contains(&j).then_some(j as usize))
}

/// A repeat count for `d * n`: CPython reaches deque's repeat through the sequence protocol, so a
/// non-integer gets the sequence message.
fn repeat_arg(n: &Value) -> PyResult<i64> {
    if !int::is_int(n) && type_::lookup(n.ty(), "__index__").is_none() {
        return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", n.type_name())));
    }
    let i = ops::number::index(n)?;
    int::as_i64(&i).ok_or_else(|| overflow_error(format!("cannot fit '{}' into an index-sized integer", i.type_name())))
}

/// A `Py_ssize_t` argument parsed by `PyArg_Parse` ("n").
fn ssize(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))
}

/// `deque_inplace_repeat`.
fn inplace_repeat(d: &Deque, n: i64) -> PyResult<()> {
    let (size, maxlen) = {
        let g = d.inner.read();
        (g.items.len(), g.maxlen)
    };
    if size == 0 || n == 1 {
        return Ok(());
    }
    if n <= 0 {
        drop(d.take_all());
        return Ok(());
    }
    let mut n = n as usize;
    if size.checked_mul(n).is_none_or(|t| t > 1 << 32) && maxlen.is_none() {
        return Err(PyErr::with_args(ExcKind::MemoryError, vec![]));
    }
    if let Some(m) = maxlen {
        if n * size > m {
            n = m.div_ceil(size);
        }
    }
    let src = d.snapshot();
    let mut trimmed = Vec::new();
    {
        let mut g = d.inner.write();
        if size == 1 {
            g.state = g.state.wrapping_add(1);
        }
        for _ in 1..n {
            for it in &src {
                trimmed.extend(Deque::push(&mut g, it.clone(), false));
            }
        }
    }
    drop(trimmed);
    Ok(())
}

/// `deque_copy`: an exact deque is copied directly; a subclass is called as `type(d)(d)` or
/// `type(d)(d, maxlen)`, and must return a deque.
fn copy_deque(this: &Value, d: &Deque) -> PyResult<Value> {
    let st = state()?;
    if this.ty().ptr_eq(&st.deque) {
        let new = Deque::new();
        {
            let src = d.inner.read();
            let mut g = new.inner.write();
            g.maxlen = src.maxlen;
            g.items = src.items.clone();
        }
        return Ok(Value::Obj(ObjRef::new(&st.deque, Payload::Native(NativeBox::new(new)))));
    }
    let cls = Value::Obj(this.ty().clone());
    let r = match d.maxlen() {
        None => ops::call::call(&cls, std::slice::from_ref(this), &[])?,
        Some(m) => ops::call::call(&cls, &[this.clone(), Value::Int(m as i64)], &[])?,
    };
    if deque_of(&r).is_none() {
        return Err(type_error(format!(
            "{}() must return a deque, not {}",
            type_::type_name(this.ty()),
            r.type_name()
        )));
    }
    Ok(r)
}

fn d_append(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "append", false)?;
    d.append(meth_o("deque.append", rest, kwargs)?.clone(), false);
    Ok(Value::None)
}

fn d_appendleft(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "appendleft", false)?;
    d.append(meth_o("deque.appendleft", rest, kwargs)?.clone(), true);
    Ok(Value::None)
}

fn d_pop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "pop", false)?;
    meth_noargs("deque.pop", rest, kwargs)?;
    d.pop(false)
}

fn d_popleft(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "popleft", false)?;
    meth_noargs("deque.popleft", rest, kwargs)?;
    d.pop(true)
}

fn d_extend(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, rest) = recv(args, "extend", false)?;
    extend(d, this, meth_o("deque.extend", rest, kwargs)?, false)?;
    Ok(Value::None)
}

fn d_extendleft(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, rest) = recv(args, "extendleft", false)?;
    extend(d, this, meth_o("deque.extendleft", rest, kwargs)?, true)?;
    Ok(Value::None)
}

fn d_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "clear", false)?;
    meth_noargs("deque.clear", rest, kwargs)?;
    drop(d.take_all());
    Ok(Value::None)
}

fn d_rotate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "rotate", false)?;
    let a = positional("deque.rotate", "deque.rotate", rest, kwargs, 0, 1)?;
    let n = match a.first() {
        Some(v) => ssize(v)?,
        None => 1,
    };
    d.rotate(n);
    Ok(Value::None)
}

fn d_reverse(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "reverse", false)?;
    meth_noargs("deque.reverse", rest, kwargs)?;
    // Reversing in place leaves iterators valid in CPython (they see the new order).
    d.inner.write().items.make_contiguous().reverse();
    Ok(Value::None)
}

fn d_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "count", false)?;
    let x = meth_o("deque.count", rest, kwargs)?;
    let mut n = 0i64;
    scan(d, x, 0, usize::MAX, Mutated::Runtime, |_| {
        n += 1;
        false
    })?;
    Ok(Value::Int(n))
}

fn d_index(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "index", false)?;
    crate::modules::r#struct::no_kwargs("deque.index", kwargs)?;
    match rest.len() {
        0 => return Err(type_error("index() takes at least 1 argument (0 given)")),
        n if n > 3 => return Err(type_error(format!("index() takes at most 3 arguments ({n} given)"))),
        _ => {}
    }
    let len = d.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        let i = match v {
            Some(v) => crate::builtins::list::slice_arg(v)?,
            None => return Ok(default),
        };
        Ok(if i < 0 { (i + len).max(0) } else { i })
    };
    let stop = bound(rest.get(2), len)?.min(len);
    let start = bound(rest.get(1), 0)?.min(stop);
    match scan(d, &rest[0], start as usize, stop as usize, Mutated::Runtime, |_| true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error(format!("{} is not in deque", ops::format::repr(&rest[0])?))),
    }
}

fn d_insert(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "insert", false)?;
    crate::modules::r#struct::no_kwargs("deque.insert", kwargs)?;
    if rest.len() != 2 {
        return Err(type_error(format!("insert() takes exactly 2 arguments ({} given)", rest.len())));
    }
    let index = ssize(&rest[0])?;
    let mut g = d.inner.write();
    let n = g.items.len() as i64;
    if g.maxlen == Some(n as usize) {
        return Err(index_error("deque already at its maximum size"));
    }
    g.state = g.state.wrapping_add(1);
    let pos = if index >= n {
        n
    } else if index <= -n || index == 0 {
        0
    } else if index < 0 {
        n + index
    } else {
        index
    };
    g.items.insert(pos as usize, rest[1].clone());
    Ok(Value::None)
}

fn d_remove(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "remove", false)?;
    let x = meth_o("deque.remove", rest, kwargs)?;
    let Some(i) = scan(d, x, 0, usize::MAX, Mutated::Index, |_| true)? else {
        return Err(value_error(format!("{} is not in deque", ops::format::repr(x)?)));
    };
    let removed = {
        let mut g = d.inner.write();
        g.state = g.state.wrapping_add(1);
        g.items.remove(i)
    };
    drop(removed);
    Ok(Value::None)
}

fn d_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, rest) = recv(args, "copy", false)?;
    meth_noargs("deque.copy", rest, kwargs)?;
    copy_deque(this, d)
}

fn d_dunder_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, rest) = recv(args, "__copy__", false)?;
    meth_noargs("deque.__copy__", rest, kwargs)?;
    copy_deque(this, d)
}

fn d_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, rest) = recv(args, "__reduce__", false)?;
    meth_noargs("deque.__reduce__", rest, kwargs)?;
    let state = match this.as_obj().and_then(type_::instance_dict) {
        Some(dd) if dict::len(&dd) > 0 => Value::Obj(dd),
        _ => Value::None,
    };
    let cls = Value::Obj(this.ty().clone());
    let ctor_args = match d.maxlen() {
        None => tuple::new_tuple_array([]),
        Some(m) => tuple::new_tuple_array([tuple::new_tuple(vec![]), Value::Int(m as i64)]),
    };
    Ok(tuple::new_tuple_array([cls, ctor_args, state, ops::iter::iter(this)?]))
}

fn d_sizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, rest) = recv(args, "__sizeof__", false)?;
    meth_noargs("deque.__sizeof__", rest, kwargs)?;
    // CPython's header plus its 64-slot blocks.
    let blocks = (d.len() + 64) / 64;
    Ok(Value::Int(88 + 528 * blocks as i64))
}

fn d_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, _) = recv(args, "__len__", true)?;
    slot_args(args, kwargs, "__len__", 0, false)?;
    Ok(Value::Int(d.len() as i64))
}

fn d_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, _) = recv(args, "__getitem__", true)?;
    let a = slot_args(args, kwargs, "__getitem__", 1, false)?;
    let g = d.inner.read();
    match seq_index(&a[1], g.items.len())? {
        Some(i) => Ok(g.items[i].clone()),
        None => Err(index_error("deque index out of range")),
    }
}

fn d_setitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, _) = recv(args, "__setitem__", true)?;
    let a = slot_args(args, kwargs, "__setitem__", 2, true)?;
    let len = d.len();
    let i = seq_index(&a[1], len)?;
    let old = {
        let mut g = d.inner.write();
        match i.filter(|i| *i < g.items.len()) {
            Some(i) => std::mem::replace(&mut g.items[i], a[2].clone()),
            None => return Err(index_error("deque index out of range")),
        }
    };
    drop(old);
    Ok(Value::None)
}

fn d_delitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, _) = recv(args, "__delitem__", true)?;
    let a = slot_args(args, kwargs, "__delitem__", 1, false)?;
    let len = d.len();
    let i = seq_index(&a[1], len)?;
    let old = {
        let mut g = d.inner.write();
        match i.filter(|i| *i < g.items.len()) {
            Some(i) => {
                g.state = g.state.wrapping_add(1);
                g.items.remove(i)
            }
            None => return Err(index_error("deque index out of range")),
        }
    };
    drop(old);
    Ok(Value::None)
}

fn d_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, _) = recv(args, "__contains__", true)?;
    let a = slot_args(args, kwargs, "__contains__", 1, false)?;
    Ok(Value::Bool(scan(d, &a[1], 0, usize::MAX, Mutated::Runtime, |_| true)?.is_some()))
}

/// Iterates a deque by position, raising CPython's error once the deque has been mutated.
struct DequeIter {
    deque: Value,
    /// The deque's `state` when the iterator was made.
    state: u64,
    /// `(position of the next item, items left)`.
    pos: Mutex<(usize, usize)>,
    reverse: bool,
}

impl DequeIter {
    fn new(deque: &Value, reverse: bool) -> Option<DequeIter> {
        let d = deque_of(deque)?;
        let g = d.inner.read();
        let n = g.items.len();
        Some(DequeIter {
            deque: deque.clone(),
            state: g.state,
            pos: Mutex::new((if reverse { n.wrapping_sub(1) } else { 0 }, n)),
            reverse,
        })
    }
}

impl NativeIter for DequeIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let Some(d) = deque_of(&self.deque) else { return Ok(None) };
        let mut pos = self.pos.lock();
        let g = d.inner.read();
        if g.state != self.state {
            pos.1 = 0;
            return Err(runtime_error("deque mutated during iteration"));
        }
        if pos.1 == 0 {
            return Ok(None);
        }
        let item = g.items.get(pos.0).cloned();
        pos.0 = if self.reverse { pos.0.wrapping_sub(1) } else { pos.0 + 1 };
        pos.1 -= 1;
        Ok(item)
    }
    fn length_hint(&self) -> Option<usize> {
        Some(self.pos.lock().1)
    }
}

fn new_deque_iter(this: &Value, reverse: bool) -> PyResult<Value> {
    let st = state()?;
    let it = DequeIter::new(this, reverse).ok_or_else(|| type_error("not a deque"))?;
    let ty = if reverse { &st.reverse_iterator } else { &st.iterator };
    Ok(Value::Obj(ObjRef::new(ty, Payload::Iter(Box::new(it)))))
}

fn d_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, this, _) = recv(args, "__iter__", true)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    new_deque_iter(this, false)
}

fn d_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, this, rest) = recv(args, "__reversed__", false)?;
    meth_noargs("deque.__reversed__", rest, kwargs)?;
    new_deque_iter(this, true)
}

fn d_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, _) = recv(args, "__repr__", true)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    let o = this.as_obj().expect("deque object");
    let Some(_g) = ReprGuard::enter(o.addr()) else {
        return Ok(Value::from("[...]"));
    };
    let name = type_::short_name(this.ty());
    let items = join_reprs(&d.snapshot())?;
    Ok(Value::from(match d.maxlen() {
        Some(m) => format!("{name}([{items}], maxlen={m})"),
        None => format!("{name}([{items}])"),
    }))
}

/// `deque_richcompare`: deques only (NotImplemented otherwise); the first unequal pair decides, through a
/// boolean comparison; then the lengths.
fn richcmp(args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let name = match op {
        CmpOp::Eq => "__eq__",
        CmpOp::Ne => "__ne__",
        CmpOp::Lt => "__lt__",
        CmpOp::Le => "__le__",
        CmpOp::Gt => "__gt__",
        CmpOp::Ge => "__ge__",
    };
    let (d, this, _) = recv(args, name, true)?;
    let a = slot_args(args, kwargs, name, 1, false)?;
    let Some(other) = deque_of(&a[1]) else {
        return Ok(not_implemented());
    };
    let (vs, ws) = (d.len(), other.len());
    match op {
        CmpOp::Eq if this.is(&a[1]) => return Ok(Value::Bool(true)),
        CmpOp::Eq if vs != ws => return Ok(Value::Bool(false)),
        CmpOp::Ne if this.is(&a[1]) => return Ok(Value::Bool(false)),
        CmpOp::Ne if vs != ws => return Ok(Value::Bool(true)),
        _ => {}
    }
    // Walk both through their iterators, as CPython does, so a mutation meanwhile raises.
    let (it1, it2) = (new_deque_iter(this, false)?, new_deque_iter(&a[1], false)?);
    loop {
        let x = ops::iter::next(&it1)?;
        let y = ops::iter::next(&it2)?;
        let (Some(x), Some(y)) = (&x, &y) else {
            return Ok(Value::Bool(match op {
                CmpOp::Lt => y.is_some(),
                CmpOp::Le => x.is_none(),
                CmpOp::Eq => x.is_none() && y.is_none(),
                CmpOp::Ne => x.is_some() != y.is_some(),
                CmpOp::Gt => x.is_some(),
                CmpOp::Ge => y.is_none(),
            }));
        };
        if !ops::compare::eq_bool(x, y)? {
            return Ok(Value::Bool(match op {
                CmpOp::Eq => false,
                CmpOp::Ne => true,
                _ => ops::truthy(&ops::compare::richcmp(x, y, op)?)?,
            }));
        }
    }
}

fn d_eq(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, CmpOp::Eq)
}
fn d_ne(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, CmpOp::Ne)
}
fn d_lt(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, CmpOp::Lt)
}
fn d_le(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, CmpOp::Le)
}
fn d_gt(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, CmpOp::Gt)
}
fn d_ge(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, CmpOp::Ge)
}

fn d_add(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, _) = recv(args, "__add__", true)?;
    let a = slot_args(args, kwargs, "__add__", 1, false)?;
    if deque_of(&a[1]).is_none() {
        let me = type_::short_name(this.ty());
        return Err(type_error(format!("can only concatenate {me} (not \"{}\") to {me}", a[1].type_name())));
    }
    let new = copy_deque(this, d)?;
    let nd = deque_of(&new).expect("copy_deque returns a deque");
    extend(nd, &new, &a[1], false)?;
    Ok(new)
}

fn d_iadd(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, _) = recv(args, "__iadd__", true)?;
    let a = slot_args(args, kwargs, "__iadd__", 1, false)?;
    extend(d, this, &a[1], false)?;
    Ok(this.clone())
}

fn repeat(this: &Value, d: &Deque, n: &Value) -> PyResult<Value> {
    let n = repeat_arg(n)?;
    let new = copy_deque(this, d)?;
    inplace_repeat(deque_of(&new).expect("copy_deque returns a deque"), n)?;
    Ok(new)
}

fn d_mul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, _) = recv(args, "__mul__", true)?;
    let a = slot_args(args, kwargs, "__mul__", 1, true)?;
    repeat(this, d, &a[1])
}

fn d_rmul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, _) = recv(args, "__rmul__", true)?;
    let a = slot_args(args, kwargs, "__rmul__", 1, true)?;
    repeat(this, d, &a[1])
}

fn d_imul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, _) = recv(args, "__imul__", true)?;
    let a = slot_args(args, kwargs, "__imul__", 1, true)?;
    inplace_repeat(d, repeat_arg(&a[1])?)?;
    Ok(this.clone())
}

fn d_maxlen(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _, _) = recv(args, "maxlen", false)?;
    Ok(d.maxlen().map_or(Value::None, |m| Value::Int(m as i64)))
}

/// `deque.__init__(self, iterable=(), maxlen=None)`: sets `maxlen`, empties the deque, then extends it.
fn d_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, this, rest) = recv(args, "__init__", true)?;
    let a = clinic("deque", rest, kwargs, &["iterable", "maxlen"], 0, 0, 2)?;
    let maxlen = match &a[1] {
        Some(m) if !m.is_none() => {
            if !int::is_int(m) {
                return Err(type_error("an integer is required"));
            }
            let m = int::as_i64(m).ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))?;
            if m < 0 {
                return Err(value_error("maxlen must be non-negative"));
            }
            Some(m as usize)
        }
        _ => None,
    };
    let old = {
        let mut g = d.inner.write();
        g.maxlen = maxlen;
        if g.items.is_empty() {
            VecDeque::new()
        } else {
            g.state = g.state.wrapping_add(1);
            std::mem::take(&mut g.items)
        }
    };
    drop(old);
    if let Some(it) = &a[0] {
        extend(d, this, it, false)?;
    }
    Ok(Value::None)
}

/// `deque.__new__(cls, *args, **kwargs)`: an empty deque that `__init__` fills.
/// NOTE: a direct call of the built-in type itself (`deque([1, 2])`) also runs `__init__` here, because the
/// runtime's constructor path for native types calls only `__new__`; so `deque.__new__(deque, [1])` returns a
/// filled deque where CPython's is empty.
fn d_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state()?;
    let cls = type_::new_wrapper_check(&st.deque, args)?.clone();
    let obj = Value::Obj(crate::builtins::object::alloc(&cls, Payload::Native(NativeBox::new(Deque::new()))));
    if cls.ptr_eq(&st.deque) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        d_init(&init, kwargs)?;
    }
    Ok(obj)
}

const DEQUE_METHODS: &[(&str, NativeFn)] = &[
    ("append", d_append),
    ("appendleft", d_appendleft),
    ("clear", d_clear),
    ("__copy__", d_dunder_copy),
    ("copy", d_copy),
    ("count", d_count),
    ("extend", d_extend),
    ("extendleft", d_extendleft),
    ("index", d_index),
    ("insert", d_insert),
    ("pop", d_pop),
    ("popleft", d_popleft),
    ("__reduce__", d_reduce),
    ("remove", d_remove),
    ("__reversed__", d_reversed),
    ("reverse", d_reverse),
    ("rotate", d_rotate),
    ("__sizeof__", d_sizeof),
    ("__len__", d_len),
    ("__getitem__", d_getitem),
    ("__setitem__", d_setitem),
    ("__delitem__", d_delitem),
    ("__contains__", d_contains),
    ("__iter__", d_iter),
    ("__repr__", d_repr),
    ("__eq__", d_eq),
    ("__ne__", d_ne),
    ("__lt__", d_lt),
    ("__le__", d_le),
    ("__gt__", d_gt),
    ("__ge__", d_ge),
    ("__add__", d_add),
    ("__iadd__", d_iadd),
    ("__mul__", d_mul),
    ("__rmul__", d_rmul),
    ("__imul__", d_imul),
    ("__init__", d_init),
];

fn it_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("descriptor '__iter__' needs an argument"))?;
    meth_noargs("_deque_iterator.__iter__", &args[1..], kwargs)?;
    Ok(this.clone())
}

fn it_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("descriptor '__next__' needs an argument"))?;
    meth_noargs("_deque_iterator.__next__", &args[1..], kwargs)?;
    match ops::iter::next(this)? {
        Some(v) => Ok(v),
        None => Err(PyErr::with_args(ExcKind::StopIteration, vec![])),
    }
}

fn it_length_hint(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("descriptor '__length_hint__' needs an argument"))?;
    meth_noargs("_deque_iterator.__length_hint__", &args[1..], kwargs)?;
    match this.payload() {
        Some(Payload::Iter(i)) => Ok(Value::Int(i.length_hint().unwrap_or(0) as i64)),
        _ => Ok(Value::Int(0)),
    }
}

// ---------------------------------------------------------------------------------------------------------
// defaultdict

/// The slot holding `default_factory` in an instance's slot storage.
const FACTORY: &str = "default_factory";

fn factory_of(dd: &Value) -> Value {
    dd.as_obj().and_then(|o| o.dict()).and_then(|s| dict::get_str(s, FACTORY)).unwrap_or(Value::None)
}

fn set_factory(dd: &Value, f: Value) {
    if let Some(s) = dd.as_obj().and_then(|o| o.dict()) {
        dict::set_str(s, FACTORY, f);
    }
}

fn dd_recv<'a>(args: &'a [Value], name: &str) -> PyResult<(&'a Value, &'a [Value])> {
    let st = state()?;
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error(format!("unbound method defaultdict.{name}() needs an argument")));
    };
    if !type_::is_subtype(this.ty(), &st.defaultdict) {
        return Err(type_error(format!(
            "descriptor '{name}' for 'collections.defaultdict' objects doesn't apply to a '{}' object",
            this.type_name()
        )));
    }
    Ok((this, rest))
}

/// `defaultdict.__new__(cls, *args, **kwargs)`: an empty defaultdict with no factory.
/// NOTE: as for deque, a direct call of the built-in type also runs `__init__` here.
fn dd_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state()?;
    let cls = type_::new_wrapper_check(&st.defaultdict, args)?.clone();
    let obj = Value::Obj(crate::builtins::object::alloc(&cls, Payload::Dict(DictObj::new())));
    set_factory(&obj, Value::None);
    if cls.ptr_eq(&st.defaultdict) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        dd_init(&init, kwargs)?;
    }
    Ok(obj)
}

/// `defaultdict.__init__(self, default_factory=None, /, *args, **kwargs)`: the rest goes to `dict.__init__`.
fn dd_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, rest) = dd_recv(args, "__init__")?;
    let factory = rest.first().cloned().unwrap_or(Value::None);
    if !factory.is_none() && !crate::modules::builtins::is_callable(&factory) {
        return Err(type_error("first argument must be callable or None"));
    }
    set_factory(this, factory);
    let dict_init = type_::lookup(&types().dict, "__init__").expect("dict.__init__");
    let mut v = vec![this.clone()];
    v.extend_from_slice(rest.get(1..).unwrap_or(&[]));
    ops::call::call(&dict_init, &v, kwargs)?;
    Ok(Value::None)
}

/// `__missing__(key)`: `default_factory()` stored under `key` and returned, or KeyError without a factory.
fn dd_missing(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, rest) = dd_recv(args, "__missing__")?;
    let key = meth_o("defaultdict.__missing__", rest, kwargs)?;
    let factory = factory_of(this);
    if factory.is_none() {
        return Err(PyErr::with_args(ExcKind::KeyError, vec![key.clone()]));
    }
    let value = ops::call::call(&factory, &[], &[])?;
    let own_setitem = type_::lookup(this.ty(), "__setitem__")
        .zip(type_::lookup(&types().dict, "__setitem__"))
        .is_some_and(|(a, b)| a.is(&b));
    if own_setitem {
        // Two threads missing the same key both get the value stored first, so `dd[k].append(x)` from racing
        // threads loses nothing (CPython's GIL makes the C factories' get-or-insert atomic the same way).
        let o = this.as_obj().expect("defaultdict object");
        return dict::setdefault(o, key.clone(), value);
    }
    ops::subscript::setitem(this, key, value.clone())?;
    Ok(value)
}

fn dd_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, rest) = dd_recv(args, "__repr__")?;
    meth_noargs("defaultdict.__repr__", rest, kwargs)?;
    let base = dict::repr(this)?;
    let factory = factory_of(this);
    let frepr = match factory.as_obj() {
        Some(f) => match ReprGuard::enter(f.addr()) {
            Some(_g) => ops::format::repr(&factory)?,
            None => "...".to_string(),
        },
        None => "None".to_string(),
    };
    let name = type_::short_name(this.ty());
    Ok(Value::from(format!("{name}({frepr}, {base})")))
}

/// `type(dd)(default_factory, arg)`: how `copy` and `|` make a new instance.
fn new_like(this: &Value, arg: &Value) -> PyResult<Value> {
    ops::call::call(&Value::Obj(this.ty().clone()), &[factory_of(this), arg.clone()], &[])
}

fn dd_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, rest) = dd_recv(args, "copy")?;
    meth_noargs("defaultdict.copy", rest, kwargs)?;
    new_like(this, this)
}

fn dd_dunder_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, rest) = dd_recv(args, "__copy__")?;
    meth_noargs("defaultdict.__copy__", rest, kwargs)?;
    new_like(this, this)
}

fn dd_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, rest) = dd_recv(args, "__reduce__")?;
    meth_noargs("defaultdict.__reduce__", rest, kwargs)?;
    let factory = factory_of(this);
    let fargs = if factory.is_none() { tuple::new_tuple_array([]) } else { tuple::new_tuple_array([factory]) };
    let items = ops::call::call_method(&Value::from("items"), std::slice::from_ref(this), &[])?;
    let it = ops::iter::iter(&items)?;
    Ok(tuple::new_tuple_array([Value::Obj(this.ty().clone()), fargs, Value::None, Value::None, it]))
}

/// `defdict_or`: a new instance of the defaultdict operand's type holding `left`, updated with `right`.
fn defdict_or(this: &Value, left: &Value, right: &Value) -> PyResult<Value> {
    let other = if left.is(this) { right } else { left };
    if !matches!(other.payload(), Some(Payload::Dict(_))) {
        return Ok(not_implemented());
    }
    let new = new_like(this, left)?;
    let update = ops::attr::getattr_str(&new, "update")?;
    ops::call::call(&update, std::slice::from_ref(right), &[])?;
    Ok(new)
}

fn dd_or(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, _) = dd_recv(args, "__or__")?;
    let a = slot_args(args, kwargs, "__or__", 1, false)?;
    defdict_or(this, this, &a[1])
}

fn dd_ror(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, _) = dd_recv(args, "__ror__")?;
    let a = slot_args(args, kwargs, "__ror__", 1, false)?;
    defdict_or(this, &a[1], this)
}

const DEFAULTDICT_METHODS: &[(&str, NativeFn)] = &[
    ("__missing__", dd_missing),
    ("copy", dd_copy),
    ("__copy__", dd_dunder_copy),
    ("__reduce__", dd_reduce),
    ("__repr__", dd_repr),
    ("__or__", dd_or),
    ("__ror__", dd_ror),
    ("__init__", dd_init),
];

// ---------------------------------------------------------------------------------------------------------
// _count_elements

/// `_count_elements(mapping, iterable)`: `mapping[k] = mapping.get(k, 0) + 1` for each element, directly on
/// the dict table when `get` and `__setitem__` are dict's own (CPython's fast path, which `Counter` takes).
fn count_elements(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("_count_elements", "_collections._count_elements", args, kwargs, 2, 2)?;
    let (mapping, iterable) = (&a[0], &a[1]);
    let it = ops::iter::iter(iterable)?;
    let t = types();
    let same =
        |name: &str| type_::lookup(mapping.ty(), name).zip(type_::lookup(&t.dict, name)).is_some_and(|(x, y)| x.is(&y));
    if matches!(mapping.payload(), Some(Payload::Dict(_))) && same("get") && same("__setitem__") {
        let d = mapping.as_obj().expect("dict");
        while let Some(key) = ops::iter::next(&it)? {
            let hash = ops::hash::hash(&key)?;
            let new = match dict::get_hashed(d, &key, hash)? {
                None => Value::Int(1),
                Some(old) => ops::number::add(&old, &Value::Int(1))?,
            };
            dict::set_hashed(d, key, hash, new)?;
        }
        return Ok(Value::None);
    }
    let get = ops::attr::getattr_str(mapping, "get")?;
    while let Some(key) = ops::iter::next(&it)? {
        let old = ops::call::call(&get, &[key.clone(), Value::Int(0)], &[])?;
        let new = ops::number::add(&old, &Value::Int(1))?;
        ops::subscript::setitem(mapping, &key, new)?;
    }
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------------------
// The module.

struct State {
    module: ObjRef,
    deque: ObjRef,
    iterator: ObjRef,
    reverse_iterator: ObjRef,
    defaultdict: ObjRef,
}

/// Makes the `defaultdict` type: a native subtype of `dict` sharing its layout, with `default_factory` in slot
/// storage.
fn make_defaultdict() -> ObjRef {
    let t = types();
    let mut tobj = TypeObj::new("defaultdict", Layout::Dict, dict::new_dict_obj(), vec![t.dict.clone()]);
    tobj.basetype = true;
    tobj.slot_storage = true;
    tobj.slots = vec![FACTORY.to_string()];
    tobj.native_slots = true;
    *tobj.patma.get_mut() = type_::Patma::MAPPING | type_::Patma::MATCH_SELF;
    tobj.tp_name = Some("collections.defaultdict".to_string());
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    let d = &type_obj(&ty).dict;
    dict::set_str(d, "__module__", Value::from("collections"));
    add_methods(&ty, DEFAULTDICT_METHODS);
    dict::set_str(d, FACTORY, crate::builtins::descriptor::new_member(&ty, FACTORY));
    let new = new_builtin("__new__", dd_new, Some(ty.clone()));
    dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
    dict::set_str(
        d,
        "__doc__",
        Value::from(
            "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\nThe default factory is called without arguments to produce\na new value when a key is not present, in __getitem__ only.\nA defaultdict compares equal to a dict with the same items.\nAll remaining arguments are treated the same as if they were\npassed to the dict constructor, including keyword arguments.\n",
        ),
    );
    type_obj(&t.dict).subclasses.write().push(ty.clone());
    ty
}

fn make_deque() -> ObjRef {
    let ty = new_native_type("deque", "collections", true);
    type_::set_patma(&ty, type_::Patma::SEQUENCE);
    add_methods(&ty, DEQUE_METHODS);
    let d = &type_obj(&ty).dict;
    let new = new_builtin("__new__", d_new, Some(ty.clone()));
    dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
    let getter = new_builtin("maxlen", d_maxlen, Some(ty.clone()));
    let doc = Value::from("maximum size of a deque or None if unbounded");
    dict::set_str(d, "maxlen", crate::builtins::descriptor::make_property(getter, Value::None, Value::None, doc));
    // Deques are mutable: unhashable, for subclasses too.
    dict::set_str(d, "__hash__", Value::None);
    dict::set_str(d, "__doc__", Value::from("A list-like sequence optimized for data accesses near its endpoints."));
    ty
}

fn state() -> PyResult<&'static State> {
    static STATE: OnceLock<State> = OnceLock::new();
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let deque = make_deque();
    let mk_iter = |name: &str| {
        let ty = new_native_type(name, "collections", false);
        add_methods(&ty, &[("__iter__", it_iter), ("__next__", it_next), ("__length_hint__", it_length_hint)]);
        ty
    };
    let iterator = mk_iter("_deque_iterator");
    let reverse_iterator = mk_iter("_deque_reverse_iterator");
    let defaultdict = make_defaultdict();
    let m = module::new_module("_collections").make_immortal();
    let d = module::module_dict(&m);
    dict::set_str(d, "__doc__", Value::from("High performance data structures.\n- deque:        ordered collection accessible from endpoints only\n- defaultdict:  dict subclass with a default value factory\n"));
    dict::set_str(d, "deque", Value::Obj(deque.clone()));
    dict::set_str(d, "defaultdict", Value::Obj(defaultdict.clone()));
    dict::set_str(d, "OrderedDict", Value::Obj(odict::odict_type().clone()));
    dict::set_str(d, "_deque_iterator", Value::Obj(iterator.clone()));
    dict::set_str(d, "_deque_reverse_iterator", Value::Obj(reverse_iterator.clone()));
    dict::set_str(d, "_count_elements", new_builtin("_count_elements", count_elements, None));
    dict::set_str(d, "_tuplegetter", Value::Obj(tuplegetter::tuplegetter_type().clone()));
    Ok(STATE.get_or_init(|| State { module: m, deque, iterator, reverse_iterator, defaultdict }))
}

/// The `_collections` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(state()?.module.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deque_of_ints(v: &[i64], maxlen: Option<i64>) -> Value {
        let st = state().unwrap();
        let list = crate::builtins::list::new_list(v.iter().map(|i| Value::Int(*i)).collect());
        let mut args = vec![Value::Obj(st.deque.clone()), list];
        if let Some(m) = maxlen {
            args.push(Value::Int(m));
        }
        d_new(&args, &[]).unwrap()
    }

    fn ints(d: &Value) -> Vec<i64> {
        deque_of(d).unwrap().snapshot().iter().map(|v| int::as_i64(v).unwrap()).collect()
    }

    #[test]
    fn maxlen_trims_the_other_end() {
        let d = deque_of_ints(&[1, 2, 3], Some(2));
        assert_eq!(ints(&d), [2, 3]);
        d_append(&[d.clone(), Value::Int(4)], &[]).unwrap();
        assert_eq!(ints(&d), [3, 4]);
        d_appendleft(&[d.clone(), Value::Int(0)], &[]).unwrap();
        assert_eq!(ints(&d), [0, 3]);
        assert_eq!(d_repr(std::slice::from_ref(&d), &[]).unwrap().as_str(), Some("deque([0, 3], maxlen=2)"));
    }

    #[test]
    fn rotate_insert_and_iteration_errors() {
        let d = deque_of_ints(&[1, 2, 3, 4, 5], None);
        d_rotate(&[d.clone(), Value::Int(2)], &[]).unwrap();
        assert_eq!(ints(&d), [4, 5, 1, 2, 3]);
        d_rotate(&[d.clone(), Value::Int(-3)], &[]).unwrap();
        assert_eq!(ints(&d), [2, 3, 4, 5, 1]);
        d_insert(&[d.clone(), Value::Int(-1), Value::Int(9)], &[]).unwrap();
        assert_eq!(ints(&d), [2, 3, 4, 5, 9, 1]);
        let it = new_deque_iter(&d, false).unwrap();
        assert!(ops::iter::next(&it).unwrap().is_some());
        d_append(&[d.clone(), Value::Int(7)], &[]).unwrap();
        let e = ops::iter::next(&it).unwrap_err();
        assert!(e.matches(ExcKind::RuntimeError));
    }

    #[test]
    fn racing_appends_and_pops_lose_nothing() {
        let d = deque_of_ints(&[], None);
        std::thread::scope(|s| {
            for _ in 0..4 {
                let d = d.clone();
                s.spawn(move || {
                    for i in 0..1000 {
                        d_append(&[d.clone(), Value::Int(i)], &[]).unwrap();
                    }
                });
            }
        });
        assert_eq!(deque_of(&d).unwrap().len(), 4000);
        let popped = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                let d = d.clone();
                let popped = &popped;
                s.spawn(move || {
                    while d_popleft(std::slice::from_ref(&d), &[]).is_ok() {
                        // Relaxed: only the final total is read, after the threads are joined.
                        popped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                });
            }
        });
        assert_eq!(popped.into_inner(), 4000);
    }
}
