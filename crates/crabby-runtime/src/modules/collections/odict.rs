//! `_collections.OrderedDict`: a `dict` subclass that remembers a movable order of its keys, with CPython
//! 3.12's behaviour and messages (`OrderedDict mutated during iteration`, `OrderedDict({'a': 1})`,
//! `odict_keys(['a'])`); `collections/__init__.py` takes it over its pure-Python fallback.
//!
//! CPython keeps a doubly linked list of nodes beside the dict. Here the dict's own entry array is the order:
//! it already is insertion-ordered, so setting, getting, deleting and iterating an OrderedDict are plain dict
//! operations at dict speed. The two things a dict cannot do are table operations in `builtins/dict.rs`:
//! `move_to_end` moves an entry to the end of the entry array (or before its first live entry) keeping its
//! hash slot, and `popitem(last=False)` pops the first live entry, found from a remembered head position, so
//! both are O(1) amortised (an LRU cache's `move_to_end` / `popitem(last=False)` loop stays linear).
//!
//! CPython's `od_state` (bumped by every change of the linked list) is the dict table's version, which every
//! insertion, deletion and move bumps; `clear()` bumps it by a whole "clear mark" instead, so iterators can
//! tell a clear (CPython's "changed size") from other mutations. Iterators walk entry positions, valid while
//! the version holds (the table is only rebuilt by insertions). Nothing here holds a lock while Python code
//! runs: keys' `__hash__`/`__eq__` run inside the dict operations, which unlock for them.
//!
//! `__setitem__`, `__delitem__` and the lookups are dict's own (no order to maintain beyond the dict's), so
//! `od[k] = v` takes the runtime's dict fast paths.
//! NOTE: since the order is the dict's, a key stored by `dict.__setitem__(od, k, v)` takes its place at the
//! end like any other; CPython's linked list misses such keys (they are never iterated).
//!
//! The views (`odict_keys`, `odict_values`, `odict_items`) are subtypes of the dict views sharing their
//! payload, so their set operations, `len` and `in` are the dict views'; only iteration, `reversed` and
//! `repr` are their own.

use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::dict::{self, DictObj};
use crate::builtins::dict_views::{self, ViewKind};
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::{new_iter, NativeIter};
use crate::builtins::list::{join_reprs, not_implemented, receiver, slot_args, Recv, ReprGuard};
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{add_methods, tuple, types};
use crate::error::{runtime_error, type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// The `OrderedDict` type and its view types (made once, on first use of `_collections`).
pub struct Types {
    pub odict: ObjRef,
    keys: ObjRef,
    values: ObjRef,
    items: ObjRef,
}

fn odict_types() -> &'static Types {
    static TYPES: OnceLock<Types> = OnceLock::new();
    TYPES.get_or_init(make_types)
}

/// The `OrderedDict` type.
pub fn odict_type() -> &'static ObjRef {
    &odict_types().odict
}

/// Whether `ty` is `OrderedDict` or a subclass: its instances iterate through `__iter__`, never through the
/// plain dict iterator (which would miss moves).
pub fn is_odict_type(ty: &ObjRef) -> bool {
    type_::is_subtype(ty, odict_type())
}

/// The receiver of an OrderedDict method, as CPython's descriptors check it.
fn recv<'a>(args: &'a [Value], name: &str, kind: Recv) -> PyResult<&'a ObjRef> {
    Ok(receiver(args, odict_type(), name, kind)?.as_obj().expect("OrderedDict receiver"))
}

/// Whether `od`'s `__setitem__` is OrderedDict's own, so that storing may go to the table directly.
fn own_setitem(od: &ObjRef) -> bool {
    od.ty().ptr_eq(odict_type())
        || type_::lookup(od.ty(), "__setitem__")
            .zip(type_::lookup(odict_type(), "__setitem__"))
            .is_some_and(|(a, b)| a.is(&b))
}

/// `od[key] = value` as `PyObject_SetItem` does it: through a subclass's `__setitem__` when it has one.
fn store(od: &ObjRef, key: Value, value: Value) -> PyResult<()> {
    if own_setitem(od) {
        return dict::set(od, key, value);
    }
    ops::subscript::setitem(&Value::Obj(od.clone()), &key, value)
}

/// `mutablemapping_add_pairs`: each item of `pairs` unpacked into a key and a value and stored.
fn add_pairs(od: &ObjRef, pairs: &Value) -> PyResult<()> {
    let it = ops::iter::iter(pairs)?;
    while let Some(pair) = ops::iter::next(&it)? {
        let pit = ops::iter::iter(&pair)?;
        let Some(key) = ops::iter::next(&pit)? else {
            return Err(value_error("need more than 0 values to unpack"));
        };
        let Some(value) = ops::iter::next(&pit)? else {
            return Err(value_error("need more than 1 value to unpack"));
        };
        if ops::iter::next(&pit)?.is_some() {
            return Err(value_error("too many values to unpack (expected 2)"));
        }
        store(od, key, value)?;
    }
    Ok(())
}

/// `mutablemapping_update_arg`: an exact dict's items, a mapping with `keys()`, an object with `items()`, or
/// an iterable of pairs.
fn update_arg(od: &ObjRef, arg: &Value) -> PyResult<()> {
    if let Some(o) = arg.as_obj().filter(|o| o.ty().ptr_eq(&types().dict)) {
        // The items are copied first: storing may run Python code that changes `arg`.
        for (k, v) in dict::items(o) {
            store(od, k, v)?;
        }
        return Ok(());
    }
    if let Some(keys) = ops::attr::getattr_opt(arg, "keys")? {
        let keys = ops::call::call(&keys, &[], &[])?;
        let it = ops::iter::iter(&keys)?;
        while let Some(k) = ops::iter::next(&it)? {
            let v = ops::subscript::getitem(arg, &k)?;
            store(od, k, v)?;
        }
        return Ok(());
    }
    if let Some(items) = ops::attr::getattr_opt(arg, "items")? {
        let items = ops::call::call(&items, &[], &[])?;
        return add_pairs(od, &items);
    }
    add_pairs(od, arg)
}

/// `mutablemapping_update(self, *args, **kwargs)`, shared by `update` and `__init__`.
fn update_common(od: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<()> {
    if args.len() > 1 {
        return Err(type_error(format!("update() takes at most 1 positional argument ({} given)", args.len())));
    }
    if let Some(arg) = args.first() {
        update_arg(od, arg)?;
    }
    for (k, v) in kwargs {
        store(od, k.clone(), v.clone())?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Methods

/// `OrderedDict.__new__(cls, *args, **kwargs)`: an empty OrderedDict.
/// NOTE: as for deque and defaultdict, a direct call of the built-in type also runs `__init__` here.
fn od_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ty = odict_type();
    let cls = type_::new_wrapper_check(ty, args)?.clone();
    let obj = Value::Obj(crate::builtins::object::alloc(&cls, Payload::Dict(DictObj::new())));
    if cls.ptr_eq(ty) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        od_init(&init, kwargs)?;
    }
    Ok(obj)
}

/// `__init__(self, other=(), /, **kwargs)`: `update` without clearing first.
fn od_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__init__", Recv::Slot)?;
    let rest = &args[1..];
    if rest.len() > 1 {
        return Err(type_error(format!("expected at most 1 arguments, got {}", rest.len())));
    }
    update_common(od, rest, kwargs)?;
    Ok(Value::None)
}

fn od_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "update", Recv::Method)?;
    update_common(od, &args[1..], kwargs)?;
    Ok(Value::None)
}

/// `move_to_end(key, last=True)`: KeyError for a missing key.
fn od_move_to_end(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "move_to_end", Recv::Method)?;
    let a = clinic("move_to_end", &args[1..], kwargs, &["key", "last"], 0, 1, 2)?;
    let key = a[0].clone().expect("required");
    let last = match &a[1] {
        Some(v) => ops::truthy(v)?,
        None => true,
    };
    if !dict::move_to_end(od, &key, last)? {
        return Err(PyErr::with_args(ExcKind::KeyError, vec![key]));
    }
    Ok(Value::None)
}

/// `popitem(last=True)`: the last (or first) item, removed; KeyError 'dictionary is empty'.
fn od_popitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "popitem", Recv::Method)?;
    let a = clinic("popitem", &args[1..], kwargs, &["last"], 0, 0, 1)?;
    let last = match &a[0] {
        Some(v) => ops::truthy(v)?,
        None => true,
    };
    match dict::pop_end(od, last) {
        Some((k, v)) => Ok(tuple::new_tuple_array([k, v])),
        None => Err(PyErr::with_args(ExcKind::KeyError, vec![Value::from("dictionary is empty")])),
    }
}

/// `pop(key[, default])`: removed directly from the table (CPython 3.12 does not call `__delitem__`).
fn od_pop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "pop", Recv::Method)?;
    let a = clinic("pop", &args[1..], kwargs, &["key", "default"], 0, 1, 2)?;
    let key = a[0].clone().expect("required");
    let found = if dict::len(od) == 0 { None } else { dict::remove(od, &key)? };
    match (found, &a[1]) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(PyErr::with_args(ExcKind::KeyError, vec![key])),
    }
}

/// `setdefault(key, default=None)`: one locked check-and-insert for an exact OrderedDict; otherwise `in`,
/// then a subclass's `__getitem__` or `__setitem__`, as in CPython.
fn od_setdefault(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "setdefault", Recv::Method)?;
    let a = clinic("setdefault", &args[1..], kwargs, &["key", "default"], 0, 1, 2)?;
    let key = a[0].clone().expect("required");
    let default = a[1].clone().unwrap_or(Value::None);
    if od.ty().ptr_eq(odict_type()) {
        return dict::setdefault(od, key, default);
    }
    let this = Value::Obj(od.clone());
    if ops::compare::contains(&this, &key)? {
        return ops::subscript::getitem(&this, &key);
    }
    ops::subscript::setitem(&this, &key, default.clone())?;
    Ok(default)
}

fn od_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "clear", Recv::Method)?;
    meth_noargs("OrderedDict.clear", &args[1..], kwargs)?;
    dict::clear_marked(od);
    Ok(Value::None)
}

/// `copy()`: `type(self)()` filled in order (through a subclass's `__getitem__`/`__setitem__`).
fn od_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "copy", Recv::Method)?;
    meth_noargs("OrderedDict.copy", &args[1..], kwargs)?;
    let this = Value::Obj(od.clone());
    if od.ty().ptr_eq(odict_type()) {
        let new = ops::call::call(&Value::Obj(od.ty().clone()), &[], &[])?;
        dict::update_from_dict(new.as_obj().expect("OrderedDict"), od)?;
        return Ok(new);
    }
    let new = ops::call::call(&Value::Obj(od.ty().clone()), &[], &[])?;
    for k in dict::keys(od) {
        let v = ops::subscript::getitem(&this, &k)?;
        ops::subscript::setitem(&new, &k, v)?;
    }
    Ok(new)
}

/// `fromkeys(iterable, value=None)`, a classmethod: `args[0]` is the class.
fn od_fromkeys(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some((cls, rest)) = args.split_first() else {
        return Err(type_error("fromkeys() needs a class"));
    };
    let a = clinic("fromkeys", rest, kwargs, &["iterable", "value"], 0, 1, 2)?;
    let value = a[1].clone().unwrap_or(Value::None);
    let new = ops::call::call(cls, &[], &[])?;
    let it = ops::iter::iter(a[0].as_ref().expect("required"))?;
    let direct = new.as_obj().filter(|o| matches!(o.payload, Payload::Dict(_)) && own_setitem(o)).cloned();
    while let Some(k) = ops::iter::next(&it)? {
        match &direct {
            Some(d) => dict::set(d, k, value.clone())?,
            None => ops::subscript::setitem(&new, &k, value.clone())?,
        }
    }
    Ok(new)
}

/// `repr()`: `OrderedDict()` when empty, else `OrderedDict({...})` naming the (sub)class; `...` when
/// recursive.
fn od_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__repr__", Recv::Slot)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    let name = type_::short_name(od.ty());
    if dict::len(od) == 0 {
        return Ok(Value::from(format!("{name}()")));
    }
    let Some(_g) = ReprGuard::enter(od.addr()) else {
        return Ok(Value::from("..."));
    };
    // CPython formats `PyDict_Copy(od)`, which merges an OrderedDict through `keys()` and `__getitem__`
    // (its `tp_iter` is not dict's): a subclass's overrides run.
    let copy = if od.ty().ptr_eq(odict_type()) {
        dict::copy(od)
    } else {
        let this = Value::Obj(od.clone());
        let copy = dict::new_dict();
        let keys = ops::call::call_method(&Value::from("keys"), std::slice::from_ref(&this), &[])?;
        let it = ops::iter::iter(&keys)?;
        while let Some(k) = ops::iter::next(&it)? {
            let v = ops::subscript::getitem(&this, &k)?;
            dict::set(copy.as_obj().expect("dict"), k, v)?;
        }
        copy
    };
    Ok(Value::from(format!("{name}({})", ops::format::repr(&copy)?)))
}

/// `__reduce__()`: `(type(self), (), state, None, iter(self.items()))`, the state being `__getstate__()`.
fn od_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__reduce__", Recv::Method)?;
    meth_noargs("OrderedDict.__reduce__", &args[1..], kwargs)?;
    let this = Value::Obj(od.clone());
    let state = ops::call::call_method(&Value::from("__getstate__"), std::slice::from_ref(&this), &[])?;
    let items = ops::call::call_method(&Value::from("items"), std::slice::from_ref(&this), &[])?;
    let it = ops::iter::iter(&items)?;
    Ok(tuple::new_tuple_array([Value::Obj(od.ty().clone()), tuple::new_tuple_array([]), state, Value::None, it]))
}

/// `__sizeof__()`: the dict's size plus CPython's node array (a key, its hash and two links per item, and a
/// pointer per table slot).
/// NOTE: this runtime keeps no nodes; the figure follows CPython's layout so that it grows like CPython's.
fn od_sizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__sizeof__", Recv::Method)?;
    meth_noargs("OrderedDict.__sizeof__", &args[1..], kwargs)?;
    let base = ops::call::call(
        &type_::lookup(&types().object, "__sizeof__").expect("object.__sizeof__"),
        &[Value::Obj(od.clone())],
        &[],
    )?;
    let n = dict::len(od) as u64;
    let slots = if n == 0 { 0 } else { (n * 3 / 2).max(1).next_power_of_two() };
    ops::number::add(&base, &Value::Int((n * 32 + slots * 8) as i64))
}

/// `od == other` / `od != other`: dict equality, and for two OrderedDicts the same key order as well.
fn richcmp(args: &[Value], kwargs: &[(Value, Value)], eq: bool) -> PyResult<Value> {
    let name = if eq { "__eq__" } else { "__ne__" };
    let od = recv(args, name, Recv::Slot)?;
    let a = slot_args(args, kwargs, name, 1, false)?;
    let Some(other) = a[1].as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))) else {
        return Ok(not_implemented());
    };
    let mut same = dict::equal(od, other)?;
    if same && is_odict_type(other.ty()) {
        let (ka, kb) = (dict::keys(od), dict::keys(other));
        let (sa, sb) = (dict::order_state(od), dict::order_state(other));
        same = ka.len() == kb.len();
        for (x, y) in ka.iter().zip(&kb) {
            if !same {
                break;
            }
            same = ops::compare::eq_bool(x, y)?;
            if dict::order_state(od) != sa || dict::order_state(other) != sb {
                return Err(runtime_error("OrderedDict mutated during iteration"));
            }
        }
    }
    Ok(Value::Bool(same == eq))
}

fn od_eq(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, true)
}
fn od_ne(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    richcmp(a, k, false)
}

/// `odict_or`: a new instance of the OrderedDict operand's type made from `left`, updated with `right`.
fn or(this: &Value, left: &Value, right: &Value) -> PyResult<Value> {
    let other = if left.is(this) { right } else { left };
    if !dict::is_dict(other) {
        return Ok(not_implemented());
    }
    let new = ops::call::call(&Value::Obj(this.ty().clone()), std::slice::from_ref(left), &[])?;
    update_arg(new.as_obj().expect("OrderedDict"), right)?;
    Ok(new)
}

fn od_or(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__or__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__or__", 1, false)?;
    or(&a[0], &a[0], &a[1])
}

fn od_ror(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__ror__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__ror__", 1, false)?;
    or(&a[0], &a[1], &a[0])
}

/// `od |= other`: any mapping or iterable of pairs, in order.
fn od_ior(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__ior__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__ior__", 1, false)?;
    update_arg(od, &a[1])?;
    Ok(a[0].clone())
}

fn od_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__iter__", Recv::Slot)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(new_odict_iter(od, ViewKind::Keys, false))
}

fn od_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let od = recv(args, "__reversed__", Recv::Method)?;
    meth_noargs("OrderedDict.__reversed__", &args[1..], kwargs)?;
    Ok(new_odict_iter(od, ViewKind::Keys, true))
}

fn view(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let name = kind.method();
    let od = recv(args, name, Recv::Method)?;
    meth_noargs(&format!("OrderedDict.{name}"), &args[1..], kwargs)?;
    let t = odict_types();
    let ty = match kind {
        ViewKind::Keys => &t.keys,
        ViewKind::Values => &t.values,
        ViewKind::Items => &t.items,
    };
    Ok(dict_views::new_view_of_type(od, ty))
}

fn od_keys(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    view(a, k, ViewKind::Keys)
}
fn od_values(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    view(a, k, ViewKind::Values)
}
fn od_items(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    view(a, k, ViewKind::Items)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__init__", od_init),
    ("__iter__", od_iter),
    ("__reversed__", od_reversed),
    ("__repr__", od_repr),
    ("__reduce__", od_reduce),
    ("__sizeof__", od_sizeof),
    ("__eq__", od_eq),
    ("__ne__", od_ne),
    ("__or__", od_or),
    ("__ror__", od_ror),
    ("__ior__", od_ior),
    ("update", od_update),
    ("move_to_end", od_move_to_end),
    ("popitem", od_popitem),
    ("pop", od_pop),
    ("setdefault", od_setdefault),
    ("clear", od_clear),
    ("copy", od_copy),
    ("keys", od_keys),
    ("values", od_values),
    ("items", od_items),
];

// ---------------------------------------------------------------------------------------------------------
// Iteration

/// An iterator over an OrderedDict's keys, values or items, forwards or backwards (`odict_iterator`).
struct OdictIter {
    od: ObjRef,
    kind: ViewKind,
    reversed: bool,
    state: Mutex<IterState>,
}

struct IterState {
    /// Entry position of the next item; `None` once exhausted (or after a mutation was reported).
    next: Option<usize>,
    /// The dict's order state when iteration started.
    version: u64,
    /// The size when iteration started; `usize::MAX` once a size change was reported (it sticks).
    size: usize,
}

fn new_odict_iter(od: &ObjRef, kind: ViewKind, reversed: bool) -> Value {
    let (next, version, size) = dict::order_cursor(od, reversed);
    let state = Mutex::new(IterState { next, version, size });
    new_iter("odict_iterator", Box::new(OdictIter { od: od.clone(), kind, reversed, state }))
}

impl NativeIter for OdictIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut st = self.state.lock();
        let Some(pos) = st.next else {
            return Ok(None);
        };
        match dict::order_step(&self.od, pos, self.reversed, st.version, st.size) {
            dict::OrderStep::Item(key, value, next) => {
                st.next = next;
                drop(st);
                Ok(Some(match self.kind {
                    ViewKind::Keys => key,
                    ViewKind::Values => value,
                    ViewKind::Items => tuple::new_tuple_array([key, value]),
                }))
            }
            dict::OrderStep::Mutated => {
                // Reported once; the iterator is exhausted afterwards, as CPython drops its dict.
                st.next = None;
                Err(runtime_error("OrderedDict mutated during iteration"))
            }
            dict::OrderStep::Resized => {
                st.size = usize::MAX;
                Err(runtime_error("OrderedDict changed size during iteration"))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Views

fn view_recv(args: &[Value], name: &str) -> PyResult<(ObjRef, ViewKind)> {
    let this = args.first().ok_or_else(|| type_error(format!("descriptor '{name}' needs an argument")))?;
    dict_views::view_of(this).filter(|(d, _)| is_odict_type(d.ty())).ok_or_else(|| {
        type_error(format!("descriptor '{name}' requires an odict view but received a '{}'", this.type_name()))
    })
}

fn view_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (od, kind) = view_recv(args, "__iter__")?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(new_odict_iter(&od, kind, false))
}

fn view_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (od, kind) = view_recv(args, "__reversed__")?;
    meth_noargs("__reversed__", &args[1..], kwargs)?;
    Ok(new_odict_iter(&od, kind, true))
}

/// `repr()`: `odict_keys(['a', 'b'])`, the items listed by iterating the view.
fn view_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (od, kind) = view_recv(args, "__repr__")?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    let this = &args[0];
    let Some(_g) = ReprGuard::enter(this.as_obj().expect("view").addr()) else {
        return Ok(Value::from("..."));
    };
    let it = new_odict_iter(&od, kind, false);
    let items = ops::iter::collect(&it)?;
    Ok(Value::from(format!("{}([{}])", type_::short_name(this.ty()), join_reprs(&items)?)))
}

const VIEW_METHODS: &[(&str, NativeFn)] =
    &[("__iter__", view_iter), ("__reversed__", view_reversed), ("__repr__", view_repr)];

// ---------------------------------------------------------------------------------------------------------
// Types

/// A native subtype of `base` with `Layout` `layout`, in module `collections`.
fn subtype(name: &str, layout: Layout, base: &ObjRef, basetype: bool) -> ObjRef {
    let t = types();
    let mut tobj = TypeObj::new(name, layout, dict::new_dict_obj(), vec![base.clone()]);
    tobj.basetype = basetype;
    // Generic operations call these types' own special methods (iteration, repr, comparisons).
    tobj.native_slots = true;
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    dict::set_str(&type_obj(&ty).dict, "__module__", Value::from("collections"));
    type_obj(base).subclasses.write().push(ty.clone());
    ty
}

fn make_types() -> Types {
    let t = types();
    let mut tobj = TypeObj::new("OrderedDict", Layout::Dict, dict::new_dict_obj(), vec![t.dict.clone()]);
    tobj.basetype = true;
    // Instances have a `__dict__` and weak references, as CPython's (`od_inst_dict`, `od_weakreflist`).
    tobj.instance_dict = true;
    tobj.weakref = true;
    tobj.native_slots = true;
    *tobj.patma.get_mut() = type_::Patma::MAPPING | type_::Patma::MATCH_SELF;
    tobj.tp_name = Some("collections.OrderedDict".to_string());
    let odict = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&odict).mro.write() = type_::linear_mro(&odict);
    let d = &type_obj(&odict).dict;
    dict::set_str(d, "__module__", Value::from("collections"));
    add_methods(&odict, METHODS);
    let new = new_builtin("__new__", od_new, Some(odict.clone()));
    dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
    let fromkeys = new_builtin("fromkeys", od_fromkeys, Some(odict.clone()));
    dict::set_str(d, "fromkeys", crate::builtins::object::class_method(fromkeys));
    dict::set_str(d, "__hash__", Value::None);
    dict::set_str(d, "__doc__", Value::from("Dictionary that remembers insertion order"));
    crate::builtins::generic_alias::add_class_getitem(&odict);
    type_obj(&t.dict).subclasses.write().push(odict.clone());
    type_::modified(&odict);

    let mk_view = |name: &str, base: &ObjRef| {
        let ty = subtype(name, type_obj(base).layout, base, false);
        add_methods(&ty, VIEW_METHODS);
        ty
    };
    let keys = mk_view("odict_keys", &t.dict_keys);
    let values = mk_view("odict_values", &t.dict_values);
    let items = mk_view("odict_items", &t.dict_items);
    Types { odict, keys, values, items }
}
