//! The iteration protocol: `iter()`, `next()`, and unpacking into targets.

use parking_lot::Mutex;

use crate::builtins::iter::{
    new_iter, DictIter, DictIterKind, ListIter, NativeIter, SeqIter, SetIter, StrIter, TupleIter,
};
use crate::builtins::type_;
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// `iter(v)`.
pub fn iter(v: &Value) -> PyResult<Value> {
    if let Some(it) = crate::builtins::dict_views::hook_iter(v) {
        return Ok(it);
    }
    if let Value::Obj(o) = v {
        let heap = type_::type_obj(o.ty()).heap;
        if !heap
            || type_::lookup(o.ty(), "__iter__")
                .is_some_and(|f| matches!(f.payload(), Some(Payload::BuiltinFunction(_))))
        {
            match &o.payload {
                Payload::List(_) => {
                    return Ok(new_iter("list_iterator", Box::new(ListIter { list: v.clone(), pos: Mutex::new(0) })))
                }
                Payload::Tuple(_) => {
                    return Ok(new_iter("tuple_iterator", Box::new(TupleIter { tuple: v.clone(), pos: Mutex::new(0) })))
                }
                Payload::Str(_) => {
                    return Ok(new_iter("str_ascii_iterator", Box::new(StrIter { s: v.clone(), pos: Mutex::new(0) })))
                }
                Payload::Range(r) => return Ok(crate::builtins::range::iter(r)),
                Payload::Dict(_) => {
                    let n = crate::builtins::dict::len(o);
                    return Ok(new_iter(
                        "dict_keyiterator",
                        Box::new(DictIter { dict: o.clone(), kind: DictIterKind::Keys, state: Mutex::new((0, n)) }),
                    ));
                }
                Payload::Set(_) => {
                    let n = crate::builtins::set::len(o);
                    return Ok(new_iter(
                        "set_iterator",
                        Box::new(SetIter { set: o.clone(), state: Mutex::new((0, n)) }),
                    ));
                }
                Payload::Iter(_) | Payload::Generator(_) => return Ok(v.clone()),
                Payload::Bytes(_) => return Ok(crate::builtins::bytes::iter(v)),
                Payload::ByteArray(_) => return Ok(crate::builtins::bytearray::iter(v)),
                Payload::MemoryView(_) => return crate::builtins::memoryview::iter(v),
                _ => {}
            }
        }
        // User classes, and native types whose payload is not one of the above, go through `__iter__`.
        {
            if let Some(f) = type_::lookup(o.ty(), "__iter__") {
                if f.is_none() {
                    return Err(not_iterable(v));
                }
                let it = type_::call_special(&f, v, &[], &[])?;
                if type_::lookup(it.ty(), "__next__").is_none()
                    && !matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_)))
                {
                    return Err(type_error(format!("iter() returned non-iterator of type '{}'", it.type_name())));
                }
                return Ok(it);
            }
            if type_::lookup(o.ty(), "__getitem__").is_some() {
                return Ok(new_iter("iterator", Box::new(SeqIter { seq: v.clone(), pos: Mutex::new(Some(0)) })));
            }
        }
    }
    Err(not_iterable(v))
}

fn not_iterable(v: &Value) -> PyErr {
    type_error(format!("'{}' object is not iterable", v.type_name()))
}

/// `next(it)`: `None` when exhausted (StopIteration is not raised through Rust code).
pub fn next(it: &Value) -> PyResult<Option<Value>> {
    match it.payload() {
        Some(Payload::Iter(i)) => return i.next(),
        Some(Payload::Generator(g)) => return g.next(),
        _ => {}
    }
    match type_::lookup(it.ty(), "__next__") {
        Some(f) => match ops::call::call_with_self(&f, it, &[], &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.matches(crate::builtins::exceptions::ExcKind::StopIteration) => Ok(None),
            Err(e) => Err(e),
        },
        None => Err(type_error(format!("'{}' object is not an iterator", it.type_name()))),
    }
}

/// All items of an iterable.
pub fn collect(v: &Value) -> PyResult<Vec<Value>> {
    match v.payload() {
        Some(Payload::List(l)) if !type_::type_obj(v.ty()).heap => return Ok(l.read().clone()),
        Some(Payload::Tuple(t)) if !type_::type_obj(v.ty()).heap => return Ok(t.to_vec()),
        _ => {}
    }
    let it = iter(v)?;
    let mut out = Vec::new();
    if let Some(Payload::Iter(i)) = it.payload() {
        if let Some(n) = i.length_hint() {
            // A hint is only a hint: never reserve more than a modest amount up front.
            out.reserve(n.min(1 << 16));
        }
    }
    while let Some(x) = next(&it)? {
        out.push(x);
    }
    Ok(out)
}

/// Unpacks exactly `n` items (`a, b = v`), with CPython's messages.
pub fn unpack(v: &Value, n: usize) -> PyResult<Vec<Value>> {
    if let Some(t) = v.as_tuple() {
        if t.len() == n {
            return Ok(t.to_vec());
        }
    }
    // An exact list of the right length unpacks without an iterator (CPython's UNPACK_SEQUENCE does the same).
    if let Value::Obj(o) = v {
        if let Payload::List(l) = &o.payload {
            if o.ty().ptr_eq(&crate::builtins::types().list) {
                let g = l.read();
                if g.len() == n {
                    return Ok(g.to_vec());
                }
            }
        }
    }
    let it = iter(v).map_err(|_| type_error(format!("cannot unpack non-iterable {} object", v.type_name())))?;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        match next(&it)? {
            Some(x) => out.push(x),
            None => return Err(value_error(format!("not enough values to unpack (expected {n}, got {})", out.len()))),
        }
    }
    if next(&it)?.is_some() {
        return Err(value_error(format!("too many values to unpack (expected {n})")));
    }
    Ok(out)
}

/// `unpack` into an array, for assignments to a fixed number of targets: no allocation for tuples and lists.
#[inline]
pub fn unpack_array<const N: usize>(v: &Value) -> PyResult<[Value; N]> {
    if let Some(t) = v.as_tuple() {
        if t.len() == N {
            return Ok(std::array::from_fn(|i| t[i].clone()));
        }
    }
    // An exact list of the right length: its items copied under the read lock, no iterator and no `Vec`.
    if let Value::Obj(o) = v {
        if let Payload::List(l) = &o.payload {
            if o.ty().ptr_eq(&crate::builtins::types().list) {
                let g = l.read();
                if g.len() == N {
                    return Ok(std::array::from_fn(|i| g[i].clone()));
                }
            }
        }
    }
    let items = unpack(v, N)?;
    // `unpack` returns exactly N items or an error.
    <[Value; N]>::try_from(items).map_err(|_| crate::error::runtime_error("unpacked the wrong number of values"))
}

/// Unpacks with a starred target (`a, *b, c = v`): `before` items, a list, then `after` items.
pub fn unpack_ex(v: &Value, before: usize, after: usize) -> PyResult<Vec<Value>> {
    let items = match iter(v) {
        Ok(_) => collect(v)?,
        Err(_) => return Err(type_error(format!("cannot unpack non-iterable {} object", v.type_name()))),
    };
    if items.len() < before + after {
        return Err(value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mut out = Vec::with_capacity(before + after + 1);
    out.extend_from_slice(&items[..before]);
    out.push(crate::builtins::list::new_list(items[before..items.len() - after].to_vec()));
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(out)
}

/// A native iterator from a Rust closure, for built-in functions such as `map` and `zip`.
pub struct FnIter<F: FnMut() -> PyResult<Option<Value>> + Send>(pub Mutex<F>);

impl<F: FnMut() -> PyResult<Option<Value>> + Send> NativeIter for FnIter<F> {
    fn next(&self) -> PyResult<Option<Value>> {
        (self.0.lock())()
    }
}

/// The iterator of a synchronous `for` loop or comprehension clause in generated code. CPython's iterators of
/// an exact `list`, `tuple`, `str` and `range` are not observable from a `for` statement (no Python code sees the
/// iterator object), so those are walked in place: no iterator object is allocated, and a step is an index
/// bump (plus the list's read lock, as `list_iterator` re-reads the length each step) instead of a dynamic
/// call through a mutex. Anything else is the general protocol.
pub enum ForIter {
    /// A `range` of i64 bounds (`step` is non-zero): the next value and the bound.
    Range { next: i64, stop: i64, step: i64 },
    /// An exact list and the index of the next item.
    List(Value, usize),
    /// An exact tuple and the index of the next item.
    Tuple(Value, usize),
    /// An exact str and the byte offset of the next character: the text is immutable, so a step takes no lock.
    Str(Value, usize),
    /// Any other iterator, from `iter()`.
    Iter(Value),
}

impl ForIter {
    /// `iter(v)` for a loop.
    #[inline]
    pub fn new(v: &Value) -> PyResult<ForIter> {
        if let Value::Obj(o) = v {
            let t = crate::builtins::types();
            match &o.payload {
                Payload::List(_) if o.ty().ptr_eq(&t.list) => return Ok(ForIter::List(v.clone(), 0)),
                Payload::Tuple(_) if o.ty().ptr_eq(&t.tuple) => return Ok(ForIter::Tuple(v.clone(), 0)),
                Payload::Str(_) if o.ty().ptr_eq(&t.str) => return Ok(ForIter::Str(v.clone(), 0)),
                Payload::Range(r) if r.big.is_none() => {
                    return Ok(ForIter::Range { next: r.start, stop: r.stop, step: r.step })
                }
                _ => {}
            }
        }
        iter(v).map(ForIter::Iter)
    }

    /// `for x in range(args...)`: `f` is what the name `range` refers to at the loop, `args` the evaluated
    /// arguments. When that is the built-in `range` with int arguments that fit an i64, no range object is
    /// made at all; otherwise `f` is called as written and its result iterated.
    #[inline]
    pub fn range(f: &Value, args: &mut [Value]) -> PyResult<ForIter> {
        if f.as_obj().is_some_and(|o| o.ptr_eq(&crate::builtins::types().range)) {
            let (start, stop, step) = match *args {
                [Value::Int(stop)] => (0, stop, 1),
                [Value::Int(start), Value::Int(stop)] => (start, stop, 1),
                [Value::Int(start), Value::Int(stop), Value::Int(step)] if step != 0 => (start, stop, step),
                _ => return ForIter::new(&ops::call::call_owned(f, args)?),
            };
            return Ok(ForIter::Range { next: start, stop, step });
        }
        ForIter::new(&ops::call::call_owned(f, args)?)
    }

    /// The next item, `None` when the loop is done.
    #[inline(always)]
    pub fn advance(&mut self) -> PyResult<Option<Value>> {
        match self {
            ForIter::Range { next, stop, step } => {
                let v = *next;
                if (*step > 0 && v < *stop) || (*step < 0 && v > *stop) {
                    // Past i64::MAX (or MIN) the range is over: the bound itself fits in an i64.
                    *next = v.checked_add(*step).unwrap_or(*stop);
                    Ok(Some(Value::Int(v)))
                } else {
                    Ok(None)
                }
            }
            ForIter::List(l, i) => {
                let Some(Payload::List(items)) = l.payload() else { unreachable!("ForIter::List holds a list") };
                let g = items.read();
                match g.get(*i) {
                    Some(v) => {
                        *i += 1;
                        Ok(Some(v.clone()))
                    }
                    // An exhausted list iterator stays exhausted even if the list grows afterwards.
                    None => {
                        *i = usize::MAX;
                        Ok(None)
                    }
                }
            }
            ForIter::Tuple(t, i) => match t.as_tuple().and_then(|t| t.get(*i)) {
                Some(v) => {
                    *i += 1;
                    Ok(Some(v.clone()))
                }
                None => Ok(None),
            },
            ForIter::Str(s, i) => {
                let Some(Payload::Str(p)) = s.payload() else { unreachable!("ForIter::Str holds a str") };
                Ok(crate::builtins::str::char_from(p, i))
            }
            ForIter::Iter(it) => next(it),
        }
    }
}
