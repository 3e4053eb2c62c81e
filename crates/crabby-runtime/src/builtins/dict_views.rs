//! `dict_keys`, `dict_values`, `dict_items`: live views of a dict, and the dict iterators that walk backwards.
//!
//! A view holds only its dict; length, iteration, membership and repr read the dict's current table each time.
//! Keys and items views are set-like: they compare with sets and other views, and `&`, `|`, `-`, `^` build sets
//! in exactly CPython's way (`dictviews_to_set`, `_PyDictView_Intersect`, `dictitems_xor`), since the build
//! order decides the order of the resulting set.
//!
//! Representation: `Payload` has no variant for views, so a view is an object of one of the three view types
//! whose `Payload::Cell` holds the dict (never rebound). Cells are never iterated, compared or measured by the
//! generic operations, so nothing mistakes a view for something else. The generic operations (`iter()`,
//! `len()`, `repr()`, `==`, the set operators, `reversed()`) do not yet reach the view types' native dunders;
//! the `hook_*` functions below are what they should call (see the report that introduced this file).

use parking_lot::{Mutex, RwLock};

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::dict::{self, dict_obj};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::{new_iter, DictIter, DictIterKind, NativeIter};
use crate::builtins::list::{join_reprs, new_list, not_implemented, receiver, slot_args, Recv, ReprGuard};
use crate::builtins::set::{self, SetOp};
use crate::builtins::{add_methods, tuple, type_, types};
use crate::error::{runtime_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::Value;

/// Which view (or which iteration of a dict).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    /// The dict method that makes this view.
    pub fn method(self) -> &'static str {
        match self {
            ViewKind::Keys => "keys",
            ViewKind::Values => "values",
            ViewKind::Items => "items",
        }
    }

    fn type_obj(self) -> &'static ObjRef {
        let t = types();
        match self {
            ViewKind::Keys => &t.dict_keys,
            ViewKind::Values => &t.dict_values,
            ViewKind::Items => &t.dict_items,
        }
    }

    fn type_name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }

    pub(crate) fn iter_kind(self) -> DictIterKind {
        match self {
            ViewKind::Keys => DictIterKind::Keys,
            ViewKind::Values => DictIterKind::Values,
            ViewKind::Items => DictIterKind::Items,
        }
    }

    fn set_like(self) -> bool {
        self != ViewKind::Values
    }
}

/// A new view of `d`.
pub fn new_view(d: &ObjRef, kind: ViewKind) -> Value {
    Value::Obj(ObjRef::new(kind.type_obj(), Payload::Cell(RwLock::new(Some(Value::Obj(d.clone()))))))
}

/// A new view of `d` whose type is `ty`, a subtype of a dict view type (`odict_keys`, ...).
pub fn new_view_of_type(d: &ObjRef, ty: &ObjRef) -> Value {
    Value::Obj(ObjRef::new(ty, Payload::Cell(RwLock::new(Some(Value::Obj(d.clone()))))))
}

/// The dict and kind of a view of one of the three dict view types exactly (not a subtype's, such as
/// `odict_keys`, which iterate and print their own way), or `None`.
pub fn exact_view_of(v: &Value) -> Option<(ObjRef, ViewKind)> {
    let o = v.as_obj()?;
    let kind = [ViewKind::Keys, ViewKind::Values, ViewKind::Items].into_iter().find(|k| o.ty().ptr_eq(k.type_obj()))?;
    cell_dict(o).map(|d| (d, kind))
}

/// The dict a view's payload holds.
fn cell_dict(o: &ObjRef) -> Option<ObjRef> {
    match &o.payload {
        Payload::Cell(c) => match &*c.read() {
            Some(Value::Obj(d)) => Some(d.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The dict and kind of a view (of a view subtype too), or `None` if `v` is not a view.
pub fn view_of(v: &Value) -> Option<(ObjRef, ViewKind)> {
    if let Some(found) = exact_view_of(v) {
        return Some(found);
    }
    let o = v.as_obj()?;
    // Only cells can be views; the base is looked up for them alone (closure cells are never iterated).
    if !matches!(o.payload, Payload::Cell(_)) {
        return None;
    }
    let kind = [ViewKind::Keys, ViewKind::Values, ViewKind::Items]
        .into_iter()
        .find(|k| type_::is_subtype(o.ty(), k.type_obj()))?;
    match &o.payload {
        Payload::Cell(c) => match &*c.read() {
            Some(Value::Obj(d)) => Some((d.clone(), kind)),
            _ => None,
        },
        _ => None,
    }
}

/// A keys or items view (CPython's `PyDictViewSet_Check`).
fn set_view_of(v: &Value) -> Option<(ObjRef, ViewKind)> {
    view_of(v).filter(|(_, k)| k.set_like())
}

fn item_of(e: &dict::Entry, kind: ViewKind) -> Value {
    match kind {
        ViewKind::Keys => e.key.clone(),
        ViewKind::Values => e.value.clone(),
        ViewKind::Items => tuple::new_tuple_array([e.key.clone(), e.value.clone()]),
    }
}

/// A snapshot of what iterating the view yields now.
pub fn items_of(d: &ObjRef, kind: ViewKind) -> Vec<Value> {
    dict_obj(d).table.read().iter().map(|e| item_of(e, kind)).collect()
}

/// An iterator over `d` in insertion order.
pub fn iter_dict(d: &ObjRef, kind: ViewKind) -> Value {
    let n = dict::len(d);
    let name = match kind {
        ViewKind::Keys => "dict_keyiterator",
        ViewKind::Values => "dict_valueiterator",
        ViewKind::Items => "dict_itemiterator",
    };
    new_iter(name, Box::new(DictIter { dict: d.clone(), kind: kind.iter_kind(), state: Mutex::new((0, n)) }))
}

/// Iterates a dict from its newest entry back, raising CPython's RuntimeError if its size changes.
pub struct DictRevIter {
    dict: ObjRef,
    kind: ViewKind,
    /// `(position in the entry array to look below, size when iteration started)`; position 0 once done.
    state: Mutex<(usize, usize)>,
}

impl NativeIter for DictRevIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut st = self.state.lock();
        if st.0 == 0 {
            return Ok(None);
        }
        let t = dict_obj(&self.dict).table.read();
        if t.len() != st.1 {
            st.0 = 0;
            return Err(runtime_error("dictionary changed size during iteration"));
        }
        match t.entry_before(st.0) {
            Some((pos, e)) => {
                st.0 = pos;
                Ok(Some(item_of(e, self.kind)))
            }
            None => {
                st.0 = 0;
                Ok(None)
            }
        }
    }
}

/// `reversed(d)` / `reversed(d.values())` / ...
pub fn reversed_dict(d: &ObjRef, kind: ViewKind) -> Value {
    let n = dict::len(d);
    let name = match kind {
        ViewKind::Keys => "dict_reversekeyiterator",
        ViewKind::Values => "dict_reversevalueiterator",
        ViewKind::Items => "dict_reverseitemiterator",
    };
    new_iter(name, Box::new(DictRevIter { dict: d.clone(), kind, state: Mutex::new((usize::MAX, n)) }))
}

/// `x in view`: a key lookup for keys, a lookup plus value comparison for items (`dictitems_contains`), and a
/// scan for values.
pub fn contains(d: &ObjRef, kind: ViewKind, x: &Value) -> PyResult<bool> {
    match kind {
        ViewKind::Keys => Ok(dict::get(d, x)?.is_some()),
        ViewKind::Items => {
            let Some([k, v]) = x.as_tuple().and_then(|t| <&[Value; 2]>::try_from(t).ok()) else {
                return Ok(false);
            };
            match dict::get(d, k)? {
                Some(found) => ops::compare::eq_bool(&found, v),
                None => Ok(false),
            }
        }
        ViewKind::Values => {
            for v in items_of(d, kind) {
                if ops::compare::eq_bool(&v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// `repr(view)`: `dict_keys([1, 2])`.
pub fn repr(v: &Value) -> PyResult<String> {
    let (d, kind) = view_of(v).expect("view");
    let Some(_g) = ReprGuard::enter(v.as_obj().expect("view").addr()) else {
        return Ok("...".into());
    };
    Ok(format!("{}([{}])", kind.type_name(), join_reprs(&items_of(&d, kind))?))
}

/// The items of any iterable, views included (the generic iteration does not reach views yet).
fn iterate(v: &Value) -> PyResult<Vec<Value>> {
    match view_of(v) {
        Some((d, kind)) => Ok(items_of(&d, kind)),
        None => ops::iter::collect(v),
    }
}

/// A value the set operations can consume: views become lists of their items, in iteration order.
fn materialize(v: &Value) -> Value {
    match view_of(v) {
        Some((d, kind)) => new_list(items_of(&d, kind)),
        None => v.clone(),
    }
}

fn contains_any(container: &Value, x: &Value) -> PyResult<bool> {
    match view_of(container) {
        Some((d, kind)) => contains(&d, kind, x),
        None => ops::compare::contains(container, x),
    }
}

fn len_any(v: &Value) -> PyResult<usize> {
    match view_of(v) {
        Some((d, _)) => Ok(dict::len(&d)),
        None => ops::len(v),
    }
}

/// CPython's `dictviews_to_set`: a keys view of an exact dict is built from the dict (reusing its hashes and
/// sizing the table once), anything else by iteration.
fn to_set(v: &Value) -> PyResult<ObjRef> {
    if let Some((d, ViewKind::Keys)) = view_of(v) {
        if d.ty().ptr_eq(&types().dict) {
            return Ok(set::from_iterable(false, Some(&Value::Obj(d)))?.as_obj().expect("set").clone());
        }
    }
    Ok(set::from_iterable(false, Some(&materialize(v)))?.as_obj().expect("set").clone())
}

/// `all(x in b for x in a)` (`all_contained_in`).
fn all_contained_in(a: &Value, b: &Value) -> PyResult<bool> {
    for x in iterate(a)? {
        if !contains_any(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// View comparison (`dictview_richcompare`) with `a` a keys or items view: `None` (NotImplemented) unless `b` is
/// a set or such a view.
pub fn richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    if set_view_of(a).is_none() || (!set::is_anyset(b) && set_view_of(b).is_none()) {
        return Ok(None);
    }
    let (la, lb) = (len_any(a)?, len_any(b)?);
    Ok(Some(match op {
        CmpOp::Eq => la == lb && all_contained_in(a, b)?,
        CmpOp::Ne => !(la == lb && all_contained_in(a, b)?),
        CmpOp::Lt => la < lb && all_contained_in(a, b)?,
        CmpOp::Le => la <= lb && all_contained_in(a, b)?,
        CmpOp::Gt => la > lb && all_contained_in(b, a)?,
        CmpOp::Ge => la >= lb && all_contained_in(b, a)?,
    }))
}

/// CPython's `_PyDictView_Intersect`.
fn intersect(a: &Value, b: &Value) -> PyResult<Value> {
    // The interpreter swaps the operands when the view is on the right.
    let (mut this, mut other) = if set_view_of(a).is_some() { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let len_this = len_any(&this)?;
    if let Some(o) = other.as_obj().filter(|o| o.ty().ptr_eq(&types().set)) {
        if len_this <= set::len(o) {
            return set::intersection(o, &materialize(&this)).map(Value::Obj);
        }
    }
    if set_view_of(&other).is_some() && len_any(&other)? > len_this {
        std::mem::swap(&mut this, &mut other);
    }
    let (d, kind) = set_view_of(&this).expect("view");
    let result = set::new_empty(false);
    for x in iterate(&other)? {
        if contains(&d, kind, &x)? {
            set::add(&result, x)?;
        }
    }
    Ok(Value::Obj(result))
}

/// CPython's `dictitems_xor` for two items views.
fn items_xor(d1: &ObjRef, d2: &ObjRef) -> PyResult<Value> {
    let temp = dict::copy(d1);
    let temp = temp.as_obj().expect("dict");
    let result = set::new_empty(false);
    let entries: Vec<dict::Entry> = dict_obj(d2).table.read().iter().cloned().collect();
    for e in entries {
        let delete = match dict::get_hashed(temp, &e.key, e.hash)? {
            Some(v1) => ops::compare::eq_bool(&v1, &e.value)?,
            None => false,
        };
        if delete {
            dict::remove(temp, &e.key)?;
        } else {
            set::add(&result, tuple::new_tuple_array([e.key, e.value]))?;
        }
    }
    set::update(&result, &new_list(items_of(temp, ViewKind::Items)))?;
    Ok(Value::Obj(result))
}

/// `a <op> b` where one operand is a keys or items view (the view's `nb_or`, ... with the operands in source
/// order). Always a new `set`.
pub fn binop(a: &Value, b: &Value, op: SetOp) -> PyResult<Value> {
    match op {
        SetOp::And => intersect(a, b),
        SetOp::Or => {
            let r = to_set(a)?;
            set::update(&r, &materialize(b))?;
            Ok(Value::Obj(r))
        }
        SetOp::Sub => {
            let r = to_set(a)?;
            set::difference_update(&r, &materialize(b))?;
            Ok(Value::Obj(r))
        }
        SetOp::Xor => {
            if let (Some((d1, ViewKind::Items)), Some((d2, ViewKind::Items))) = (view_of(a), view_of(b)) {
                return items_xor(&d1, &d2);
            }
            let r = to_set(a)?;
            set::symmetric_difference_update(&r, &materialize(b))?;
            Ok(Value::Obj(r))
        }
    }
}

/// `view.isdisjoint(other)` (`dictviews_isdisjoint`).
pub fn isdisjoint(this: &Value, other: &Value) -> PyResult<bool> {
    if this.is(other) {
        return Ok(len_any(this)? == 0);
    }
    let (mut this, mut other) = (this.clone(), other.clone());
    // Walk the smaller operand when both are set-like (membership elsewhere may be slow).
    if (set::is_anyset(&other) || set_view_of(&other).is_some()) && len_any(&other)? > len_any(&this)? {
        std::mem::swap(&mut this, &mut other);
    }
    for x in iterate(&other)? {
        if contains_any(&this, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

// ----- hooks for the generic operations -----

/// `iter(v)` for a view.
pub fn hook_iter(v: &Value) -> Option<Value> {
    exact_view_of(v).map(|(d, kind)| iter_dict(&d, kind))
}

/// `len(v)` (and truth) for a view.
pub fn hook_len(v: &Value) -> Option<usize> {
    view_of(v).map(|(d, _)| dict::len(&d))
}

/// `repr(v)` for a view.
pub fn hook_repr(v: &Value) -> Option<PyResult<String>> {
    exact_view_of(v).map(|_| repr(v))
}

/// `reversed(v)` for a view.
pub fn hook_reversed(v: &Value) -> Option<Value> {
    exact_view_of(v).map(|(d, kind)| reversed_dict(&d, kind))
}

/// `a <op> b` comparisons where either side is a keys or items view (the reflected comparison is tried when only
/// `b` is one).
pub fn hook_richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    if set_view_of(a).is_some() {
        if let Some(r) = richcmp(a, b, op)? {
            return Ok(Some(r));
        }
    }
    if set_view_of(b).is_some() {
        let swapped = match op {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            o => o,
        };
        return richcmp(b, a, swapped);
    }
    Ok(None)
}

/// `a & b`, `a | b`, `a - b`, `a ^ b` where either side is a keys or items view.
pub fn hook_binop(a: &Value, b: &Value, op: SetOp) -> PyResult<Option<Value>> {
    if set_view_of(a).is_none() && set_view_of(b).is_none() {
        return Ok(None);
    }
    binop(a, b, op).map(Some)
}

// ----- methods -----

fn recv(args: &[Value], kind: ViewKind, name: &str, how: Recv) -> PyResult<ObjRef> {
    let v = receiver(args, kind.type_obj(), name, how)?;
    Ok(view_of(v).expect("view receiver").0)
}

fn len_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let d = recv(args, kind, "__len__", Recv::Slot)?;
    slot_args(args, kwargs, "__len__", 0, false)?;
    Ok(Value::Int(dict::len(&d) as i64))
}

fn iter_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let d = recv(args, kind, "__iter__", Recv::Slot)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(iter_dict(&d, kind))
}

fn reversed_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let d = recv(args, kind, "__reversed__", Recv::Method)?;
    Args::new(&format!("{}.__reversed__", kind.type_name()), args, kwargs).exact(1)?;
    Ok(reversed_dict(&d, kind))
}

fn contains_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let d = recv(args, kind, "__contains__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__contains__", 1, false)?;
    contains(&d, kind, &a[1]).map(Value::Bool)
}

fn repr_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    recv(args, kind, "__repr__", Recv::Slot)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    repr(&args[0]).map(Value::from)
}

fn mapping_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let d = recv(args, kind, "mapping", Recv::Slot)?;
    slot_args(args, kwargs, "mapping", 0, false)?;
    // NOTE: CPython returns a read-only `mappingproxy` of the dict; crabby has no mappingproxy yet.
    Ok(Value::Obj(d))
}

fn cmp_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind, op: CmpOp) -> PyResult<Value> {
    let name = format!("__{}__", format!("{op:?}").to_lowercase());
    recv(args, kind, &name, Recv::Slot)?;
    let a = slot_args(args, kwargs, &name, 1, false)?;
    Ok(match richcmp(&a[0], &a[1], op)? {
        Some(b) => Value::Bool(b),
        None => not_implemented(),
    })
}

fn binop_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind, op: SetOp, reflected: bool) -> PyResult<Value> {
    let name = format!("__{}{}__", if reflected { "r" } else { "" }, format!("{op:?}").to_lowercase());
    recv(args, kind, &name, Recv::Slot)?;
    let a = slot_args(args, kwargs, &name, 1, false)?;
    if reflected {
        binop(&a[1], &a[0], op)
    } else {
        binop(&a[0], &a[1], op)
    }
}

fn isdisjoint_(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    recv(args, kind, "isdisjoint", Recv::Method)?;
    let q = format!("{}.isdisjoint", kind.type_name());
    let a = Args::new(&q, args, kwargs).exact(2)?;
    isdisjoint(&a[0], &a[1]).map(Value::Bool)
}

/// Native method functions for one view kind: each binds `$kind` into a shared body.
macro_rules! bind_kind {
    ($module:ident, $kind:expr; $($name:ident => $body:expr;)*) => {
        mod $module {
            use super::*;
            $(pub fn $name(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
                let f: fn(&[Value], &[(Value, Value)], ViewKind) -> PyResult<Value> = $body;
                f(a, k, $kind)
            })*
        }
    };
}

/// The methods every view has.
macro_rules! common_fns {
    ($module:ident, $kind:expr) => {
        bind_kind! { $module, $kind;
            len => len_;
            iter => iter_;
            reversed => reversed_;
            contains => contains_;
            repr => repr_;
            mapping => mapping_;
        }
    };
}

/// The set-like methods of keys and items views.
macro_rules! set_fns {
    ($module:ident, $kind:expr) => {
        bind_kind! { $module, $kind;
            isdisjoint => isdisjoint_;
            eq => |a, k, v| cmp_(a, k, v, CmpOp::Eq);
            ne => |a, k, v| cmp_(a, k, v, CmpOp::Ne);
            lt => |a, k, v| cmp_(a, k, v, CmpOp::Lt);
            le => |a, k, v| cmp_(a, k, v, CmpOp::Le);
            gt => |a, k, v| cmp_(a, k, v, CmpOp::Gt);
            ge => |a, k, v| cmp_(a, k, v, CmpOp::Ge);
            and => |a, k, v| binop_(a, k, v, SetOp::And, false);
            or => |a, k, v| binop_(a, k, v, SetOp::Or, false);
            sub => |a, k, v| binop_(a, k, v, SetOp::Sub, false);
            xor => |a, k, v| binop_(a, k, v, SetOp::Xor, false);
            rand => |a, k, v| binop_(a, k, v, SetOp::And, true);
            ror => |a, k, v| binop_(a, k, v, SetOp::Or, true);
            rsub => |a, k, v| binop_(a, k, v, SetOp::Sub, true);
            rxor => |a, k, v| binop_(a, k, v, SetOp::Xor, true);
        }
    };
}

common_fns!(keys_m, ViewKind::Keys);
common_fns!(values_m, ViewKind::Values);
common_fns!(items_m, ViewKind::Items);
set_fns!(keys_s, ViewKind::Keys);
set_fns!(items_s, ViewKind::Items);

macro_rules! set_like_methods {
    ($m:ident, $s:ident) => {
        &[
            ("__len__", $m::len as NativeFn),
            ("__iter__", $m::iter),
            ("__reversed__", $m::reversed),
            ("__contains__", $m::contains),
            ("__repr__", $m::repr),
            ("isdisjoint", $s::isdisjoint),
            ("__eq__", $s::eq),
            ("__ne__", $s::ne),
            ("__lt__", $s::lt),
            ("__le__", $s::le),
            ("__gt__", $s::gt),
            ("__ge__", $s::ge),
            ("__and__", $s::and),
            ("__or__", $s::or),
            ("__sub__", $s::sub),
            ("__xor__", $s::xor),
            ("__rand__", $s::rand),
            ("__ror__", $s::ror),
            ("__rsub__", $s::rsub),
            ("__rxor__", $s::rxor),
        ]
    };
}

const KEYS_METHODS: &[(&str, NativeFn)] = set_like_methods!(keys_m, keys_s);
const ITEMS_METHODS: &[(&str, NativeFn)] = set_like_methods!(items_m, items_s);
// NOTE: CPython's dict_values has no `__contains__` (`in` falls back to iterating); it is provided here so that
// `in` works while the generic iteration does not reach views.
const VALUES_METHODS: &[(&str, NativeFn)] = &[
    ("__len__", values_m::len),
    ("__iter__", values_m::iter),
    ("__reversed__", values_m::reversed),
    ("__contains__", values_m::contains),
    ("__repr__", values_m::repr),
];

pub fn register() {
    let t = types();
    add_methods(&t.dict_keys, KEYS_METHODS);
    add_methods(&t.dict_items, ITEMS_METHODS);
    add_methods(&t.dict_values, VALUES_METHODS);
    for (ty, getter) in [
        (&t.dict_keys, keys_m::mapping as NativeFn),
        (&t.dict_values, values_m::mapping),
        (&t.dict_items, items_m::mapping),
    ] {
        let ns = &type_::type_obj(ty).dict;
        let prop = DescriptorObj::Property {
            fget: new_builtin("mapping", getter, None),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        };
        dict::set_str(ns, "mapping", Value::Obj(ObjRef::new(&t.property, Payload::Descriptor(prop)).make_immortal()));
    }
    // Keys and items views define `__eq__`, so they are unhashable, as in CPython.
    dict::set_str(&type_::type_obj(&t.dict_keys).dict, "__hash__", Value::None);
    dict::set_str(&type_::type_obj(&t.dict_items).dict, "__hash__", Value::None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::int::as_i64;

    fn dict_of(pairs: &[(i64, i64)]) -> ObjRef {
        let d = dict::new_dict_obj();
        for (k, v) in pairs {
            dict::set(&d, Value::Int(*k), Value::Int(*v)).unwrap();
        }
        d
    }

    fn ints(v: &Value) -> Vec<i64> {
        set::keys(v.as_obj().unwrap()).iter().map(|x| as_i64(x).unwrap()).collect()
    }

    #[test]
    fn views_are_live() {
        let d = dict_of(&[(1, 10), (2, 20)]);
        let ks = new_view(&d, ViewKind::Keys);
        assert_eq!(hook_len(&ks), Some(2));
        dict::set(&d, Value::Int(3), Value::Int(30)).unwrap();
        assert_eq!(hook_len(&ks), Some(3));
        assert_eq!(repr(&ks).unwrap(), "dict_keys([1, 2, 3])");
        let items = new_view(&d, ViewKind::Items);
        assert_eq!(repr(&items).unwrap(), "dict_items([(1, 10), (2, 20), (3, 30)])");
        assert!(contains(&d, ViewKind::Items, &tuple::new_tuple_array([Value::Int(2), Value::Int(20)])).unwrap());
        assert!(!contains(&d, ViewKind::Items, &tuple::new_tuple_array([Value::Int(2), Value::Int(21)])).unwrap());
        let rev = reversed_dict(&d, ViewKind::Values);
        let mut got = Vec::new();
        while let Some(x) = ops::iter::next(&rev).unwrap() {
            got.push(as_i64(&x).unwrap());
        }
        assert_eq!(got, vec![30, 20, 10]);
    }

    // Expected orders recorded from CPython 3.12.1 with d = {i*8: i for i in range(6)}.
    #[test]
    fn set_operations_build_sets_in_cpython_order() {
        let d = dict_of(&(0..6).map(|i| (i * 8, i)).collect::<Vec<_>>());
        let ks = new_view(&d, ViewKind::Keys);
        let empty = Value::Obj(set::new_empty(false));
        assert_eq!(ints(&binop(&ks, &empty, SetOp::Or).unwrap()), vec![0, 16, 32, 8, 24, 40]);
        let big = set::from_iterable(false, Some(&new_list((0..100).map(Value::Int).collect()))).unwrap();
        assert_eq!(ints(&binop(&ks, &big, SetOp::And).unwrap()), vec![0, 32, 8, 40, 16, 24]);
        let lst = new_list(vec![Value::Int(3)]);
        assert_eq!(ints(&binop(&lst, &ks, SetOp::Or).unwrap()), vec![0, 32, 3, 8, 40, 16, 24]);
    }
}
