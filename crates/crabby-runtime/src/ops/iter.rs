//! The iteration protocol: `iter()`, `next()`, and unpacking into targets.

use parking_lot::Mutex;

use crate::builtins::iter::{
    new_iter, DictIter, DictIterKind, ListIter, NativeIter, SeqIter, SetIter, StrIter, TupleIter,
};
use crate::builtins::type_;
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
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
                // An OrderedDict's own iterator reports moves during iteration, which the dict's would miss.
                Payload::Dict(_)
                    if o.ty().ptr_eq(&crate::builtins::types().dict)
                        || !crate::modules::collections::odict::is_odict_type(o.ty()) =>
                {
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
    if let Some(t) = exact_tuple(v) {
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

/// The items of an exact tuple: a subclass may define `__iter__`, which unpacking calls.
#[inline]
pub(crate) fn exact_tuple(v: &Value) -> Option<&[Value]> {
    v.as_tuple().filter(|_| v.ty().ptr_eq(&crate::builtins::types().tuple))
}

/// `unpack` into an array, for assignments to a fixed number of targets: no allocation for tuples and lists.
#[inline]
pub fn unpack_array<const N: usize>(v: &Value) -> PyResult<[Value; N]> {
    if let Some(t) = exact_tuple(v) {
        if t.len() == N {
            return Ok(std::array::from_fn(|i| t[i].clone()));
        }
    }
    // An exact list of the right length: its items copied under the read lock, no iterator and no `Vec`.
    if let Value::Obj(o) = v {
        if let Payload::List(l) = &o.payload {
            if o.ty().ptr_eq(&crate::builtins::types().list) {
                let items = crate::qsbr::read(l, |g| (g.len() == N).then(|| std::array::from_fn(|i| g[i].clone())));
                if let Some(items) = items {
                    return Ok(items);
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
/// an exact `list`, `tuple`, `str`, `range` and `dict` (and dict views) are not observable from a `for`
/// statement (no Python code sees the iterator object), so those are walked in place: no iterator object is
/// allocated, and a step is an index bump (plus the container's read lock, as their iterators re-read the
/// length each step) instead of a dynamic call through a mutex. `enumerate(x)` and `zip(a, b, ...)` of the
/// built-ins wrap such walks without making their objects either, and a loop whose target is a tuple of
/// names takes their items without building the tuple (`advance_n`). Anything else is the general protocol.
pub enum ForIter {
    /// A `range` of i64 bounds (`step` is non-zero): the next value and the bound.
    Range { next: i64, stop: i64, step: i64 },
    /// An exact list and the index of the next item.
    List(Value, usize),
    /// An exact tuple and the index of the next item.
    Tuple(Value, usize),
    /// `reversed()` of an exact list: the index of the next item, -1 once done. As with
    /// `list_reverseiterator`, an index past a list that shrank meanwhile ends the loop.
    ListRev(Value, isize),
    /// `reversed()` of an exact tuple: how many items are left to give, from the end.
    TupleRev(Value, usize),
    /// An exact str and the byte offset of the next character: the text is immutable, so a step takes no lock.
    Str(Value, usize),
    /// Any other iterator, from `iter()`.
    Iter(Value),
    /// An exact dict (keys) or a dict view, in insertion order: `(position, size when iteration started)`
    /// as in `builtins::iter::DictIter`.
    Dict(ObjRef, DictIterKind, (usize, usize)),
    /// The built-in `enumerate(x[, start])`: the next count and the walk of `x`.
    Enumerate(Value, Box<ForIter>),
    /// The built-in `zip(a, b, ...)` without `strict`: the walks of its arguments, stepped in order.
    Zip(Vec<ForIter>),
}

/// The walk of `reversed(range(start, stop, step))` (`step` non-zero), when its bounds fit in an i64.
fn reversed_range(start: i64, stop: i64, step: i64) -> Option<ForIter> {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    let last = start + (n - 1) * step;
    // With no items, any empty walk will do.
    let (next, stop, step) = if n == 0 { (0, 0, 1) } else { (last, start - step, -step) };
    Some(ForIter::Range {
        next: i64::try_from(next).ok()?,
        stop: i64::try_from(stop).ok()?,
        step: i64::try_from(step).ok()?,
    })
}

/// The current count of an `enumerate`, moving it on by one.
#[inline]
fn count_up(n: &mut Value) -> PyResult<Value> {
    if let Value::Int(k) = *n {
        if k < i64::MAX {
            *n = Value::Int(k + 1);
            return Ok(Value::Int(k));
        }
    }
    let i = n.clone();
    *n = ops::number::add(&i, &Value::Int(1))?;
    Ok(i)
}

/// `[a, b]` as an array of the length a caller asked for, which is 2.
#[inline(always)]
fn pair<const N: usize>(a: Value, b: Value) -> [Value; N] {
    let mut items = [a, b].into_iter();
    std::array::from_fn(|_| items.next().unwrap_or_default())
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
                Payload::Dict(_) if o.ty().ptr_eq(&t.dict) => {
                    return Ok(ForIter::Dict(o.clone(), DictIterKind::Keys, (0, crate::builtins::dict::len(o))))
                }
                _ => {}
            }
            if let Some((d, kind)) = crate::builtins::dict_views::exact_view_of(v) {
                let n = crate::builtins::dict::len(&d);
                return Ok(ForIter::Dict(d, kind.iter_kind(), (0, n)));
            }
        }
        iter(v).map(ForIter::Iter)
    }

    /// `for x in enumerate(args...)`: `f` is what the name `enumerate` refers to at the loop. The built-in with
    /// an iterable and an optional int start walks the iterable with a count; anything else is called as
    /// written and its result iterated.
    pub fn enumerate(f: &Value, args: &mut [Value]) -> PyResult<ForIter> {
        if f.as_obj().is_some_and(|o| o.ptr_eq(crate::builtins::iter::iter_type("enumerate"))) {
            match args {
                [x] => return Ok(ForIter::Enumerate(Value::Int(0), Box::new(ForIter::new(x)?))),
                [x, Value::Int(start)] => {
                    let start = Value::Int(*start);
                    return Ok(ForIter::Enumerate(start, Box::new(ForIter::new(x)?)));
                }
                _ => {}
            }
        }
        ForIter::new(&ops::call::call_owned(f, args)?)
    }

    /// `for x in reversed(args...)`: `f` is what the name `reversed` refers to at the loop. The built-in with an
    /// exact list, tuple or i64 range walks it from the end in place; anything else is called as written.
    pub fn reversed(f: &Value, args: &mut [Value]) -> PyResult<ForIter> {
        if let (true, [Value::Obj(o)]) =
            (f.as_obj().is_some_and(|o| o.ptr_eq(crate::builtins::iter::iter_type("reversed"))), &*args)
        {
            let t = crate::builtins::types();
            match &o.payload {
                Payload::List(l) if o.ty().ptr_eq(&t.list) => {
                    let n = l.read().len() as isize;
                    return Ok(ForIter::ListRev(args[0].clone(), n - 1));
                }
                Payload::Tuple(items) if o.ty().ptr_eq(&t.tuple) => {
                    return Ok(ForIter::TupleRev(args[0].clone(), items.len()))
                }
                Payload::Range(r) if r.big.is_none() => {
                    if let Some(it) = reversed_range(r.start, r.stop, r.step) {
                        return Ok(it);
                    }
                }
                _ => {}
            }
        }
        ForIter::new(&ops::call::call_owned(f, args)?)
    }

    /// `for x in zip(args...)`: `f` is what the name `zip` refers to at the loop. The built-in walks its
    /// arguments side by side (each made iterable in order, as `zip` does); anything else is called as written.
    pub fn zip(f: &Value, args: &mut [Value]) -> PyResult<ForIter> {
        if f.as_obj().is_some_and(|o| o.ptr_eq(crate::builtins::iter::iter_type("zip"))) {
            let mut its = Vec::with_capacity(args.len());
            for a in args.iter() {
                its.push(ForIter::new(a)?);
            }
            return Ok(ForIter::Zip(its));
        }
        ForIter::new(&ops::call::call_owned(f, args)?)
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
                match crate::qsbr::read(items, |g| g.get(*i).cloned()) {
                    Some(v) => {
                        *i += 1;
                        Ok(Some(v))
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
            _ => self.advance_nested(),
        }
    }

    /// `advance` for dicts, `enumerate` and `zip` (kept out of line: it steps the walks it wraps).
    fn advance_nested(&mut self) -> PyResult<Option<Value>> {
        match self {
            ForIter::Dict(d, kind, st) => {
                let kind = *kind;
                crate::builtins::iter::dict_step(d, st, |e| kind.item(e))
            }
            ForIter::ListRev(l, i) => {
                let Some(Payload::List(items)) = l.payload() else { unreachable!("ForIter::ListRev holds a list") };
                match crate::qsbr::read(items, |g| usize::try_from(*i).ok().and_then(|k| g.get(k)).cloned()) {
                    Some(v) => {
                        *i -= 1;
                        Ok(Some(v))
                    }
                    None => {
                        *i = -1;
                        Ok(None)
                    }
                }
            }
            ForIter::TupleRev(t, left) => match t.as_tuple() {
                Some(items) if *left > 0 => {
                    *left -= 1;
                    Ok(items.get(*left).cloned())
                }
                _ => Ok(None),
            },
            ForIter::Enumerate(n, inner) => match inner.advance()? {
                Some(v) => Ok(Some(crate::builtins::tuple::new_tuple_array([count_up(n)?, v]))),
                None => Ok(None),
            },
            ForIter::Zip(its) => {
                if its.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(its.len());
                for it in its.iter_mut() {
                    match it.advance()? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(crate::builtins::tuple::new_tuple(items)))
            }
            _ => self.advance(),
        }
    }

    /// The next item unpacked into `N` targets (`for a, b in ...`): `enumerate`, `zip` of `N` iterables and
    /// dict items hand over their parts without building the tuple; anything else is `advance` then
    /// `unpack_array`, with CPython's messages.
    #[inline(always)]
    pub fn advance_n<const N: usize>(&mut self) -> PyResult<Option<[Value; N]>> {
        match self {
            ForIter::Dict(..) | ForIter::Enumerate(..) | ForIter::Zip(..) => self.advance_n_nested::<N>(),
            ForIter::List(l, i) => {
                let Some(Payload::List(items)) = l.payload() else { unreachable!("ForIter::List holds a list") };
                // A tuple of N items is unpacked where the list holds it (`for name, arg in program`): its
                // items are counted, the tuple itself is not (no count taken and dropped on every step). The
                // list keeps the tuple alive meanwhile, and a tuple never changes.
                let step = crate::qsbr::read(items, |g| {
                    g.get(*i).map(|v| match exact_tuple(v) {
                        Some(t) if t.len() == N => Ok(std::array::from_fn(|k| t[k].clone())),
                        _ => Err(v.clone()),
                    })
                });
                match step {
                    Some(r) => {
                        *i += 1;
                        match r {
                            Ok(a) => Ok(Some(a)),
                            Err(v) => unpack_array::<N>(&v).map(Some),
                        }
                    }
                    // An exhausted list iterator stays exhausted even if the list grows afterwards.
                    None => {
                        *i = usize::MAX;
                        Ok(None)
                    }
                }
            }
            _ => match self.advance()? {
                Some(v) => unpack_array::<N>(&v).map(Some),
                None => Ok(None),
            },
        }
    }

    fn advance_n_nested<const N: usize>(&mut self) -> PyResult<Option<[Value; N]>> {
        match self {
            ForIter::Dict(d, DictIterKind::Items, st) if N == 2 => {
                crate::builtins::iter::dict_step(d, st, |e| pair(e.key.clone(), e.value.clone()))
            }
            ForIter::Enumerate(n, inner) if N == 2 => match inner.advance()? {
                Some(v) => Ok(Some(pair(count_up(n)?, v))),
                None => Ok(None),
            },
            ForIter::Zip(its) if its.len() == N => {
                let mut out: [Value; N] = std::array::from_fn(|_| Value::None);
                for (slot, it) in out.iter_mut().zip(its.iter_mut()) {
                    match it.advance()? {
                        Some(v) => *slot = v,
                        None => return Ok(None),
                    }
                }
                Ok(Some(out))
            }
            _ => match self.advance_nested()? {
                Some(v) => unpack_array::<N>(&v).map(Some),
                None => Ok(None),
            },
        }
    }
}
