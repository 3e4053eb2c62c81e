//! `collections._tuplegetter`: the descriptor `collections.namedtuple` puts on its classes for each field
//! (`P.x`), a read-only alias of one tuple item, with CPython 3.12's behaviour and messages (`can't set
//! attribute`, `tuple index out of range`, `_tuplegetter(0, 'Alias for field number 0')`).
//!
//! An instance keeps its index in a `Payload::Native` and its `__doc__` in slot storage, read and written by
//! a `member_descriptor` as in CPython (the docstring is writable: `namedtuple` users document fields by
//! assigning it). It is a data descriptor (`__set__` and `__delete__` always raise), so it wins over an
//! instance `__dict__` of a subclass; `ops::attr` knows it (`index_of`) so attribute sites cache a field load
//! as an item read of the tuple, without calling anything.
//! NOTE: after `del P.x.__doc__`, reading the docstring raises AttributeError (a slot's usual behaviour) where
//! CPython's C member reads as None.

use std::sync::OnceLock;

use crate::builtins::function::new_builtin;
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{add_methods, dict, int, tuple};
use crate::error::{attribute_error, index_error, type_error, PyResult};
use crate::modules::r#struct::{meth_noargs, positional};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

/// The payload of a `_tuplegetter`: the tuple index it reads.
pub struct TupleGetter {
    index: isize,
}

/// The `_tuplegetter` type (one per process, made on first use).
pub fn tuplegetter_type() -> &'static ObjRef {
    static TYPE: OnceLock<ObjRef> = OnceLock::new();
    TYPE.get_or_init(|| {
        let t = crate::builtins::types();
        let mut tobj = TypeObj::new("_tuplegetter", Layout::Other, dict::new_dict_obj(), vec![t.object.clone()]);
        // Not subclassable, as in CPython.
        tobj.basetype = false;
        // The docstring lives in slot storage, so instances have no `__dict__` (as in CPython).
        tobj.slot_storage = true;
        tobj.slots = vec!["__doc__".to_string()];
        tobj.native_slots = true;
        tobj.tp_name = Some("collections._tuplegetter".to_string());
        let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
        *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
        let d = &type_obj(&ty).dict;
        dict::set_str(d, "__module__", Value::from("collections"));
        dict::set_str(d, "__doc__", crate::builtins::descriptor::new_member(&ty, "__doc__"));
        let new = new_builtin("__new__", tg_new, Some(ty.clone()));
        dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
        add_methods(
            &ty,
            &[
                ("__get__", tg_get),
                ("__set__", tg_set),
                ("__delete__", tg_delete),
                ("__reduce__", tg_reduce),
                ("__repr__", tg_repr),
            ],
        );
        ty
    })
}

/// A new `_tuplegetter(index, doc)`.
pub fn new_tuplegetter(index: isize, doc: Value) -> Value {
    let ty = tuplegetter_type();
    let obj = Value::Obj(crate::builtins::object::alloc(ty, Payload::Native(NativeBox::new(TupleGetter { index }))));
    set_doc(&obj, doc);
    obj
}

fn set_doc(tg: &Value, doc: Value) {
    if let Some(s) = tg.as_obj().and_then(|o| o.dict()) {
        dict::set_str(s, "__doc__", doc);
    }
}

/// The index of a `_tuplegetter`, or `None` for any other value (how `ops::attr` recognises one).
#[inline]
pub fn index_of(v: &Value) -> Option<isize> {
    match v.payload() {
        Some(Payload::Native(n)) => n.get::<TupleGetter>().map(|t| t.index),
        _ => None,
    }
}

/// The tuple item a `_tuplegetter` of index `index` reads from `obj` (CPython's `tuplegetter_descr_get` for
/// an instance): IndexError when the tuple is too short (a negative index always is), TypeError for a
/// non-tuple.
pub fn get_item(index: isize, obj: &Value) -> PyResult<Value> {
    match obj.as_tuple() {
        Some(items) => match usize::try_from(index).ok().and_then(|i| items.get(i)) {
            Some(x) => Ok(x.clone()),
            None => Err(index_error("tuple index out of range")),
        },
        None => Err(type_error(format!(
            "descriptor for index '{index}' for tuple subclasses doesn't apply to '{}' object",
            obj.type_name()
        ))),
    }
}

/// The error of an assignment (`value` given) or deletion through a `_tuplegetter`.
pub fn store_error(value: Option<&Value>) -> crate::error::PyErr {
    attribute_error(if value.is_some() { "can't set attribute" } else { "can't delete attribute" })
}

fn this(args: &[Value], name: &str) -> PyResult<isize> {
    let Some(first) = args.first() else {
        return Err(type_error(format!("unbound method _tuplegetter.{name}() needs an argument")));
    };
    index_of(first).ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' requires a 'collections._tuplegetter' object but received a '{}'",
            first.type_name()
        ))
    })
}

/// `_tuplegetter(index, doc, /)`.
fn tg_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ty = tuplegetter_type();
    type_::new_wrapper_check(ty, args)?;
    let a = positional("_tuplegetter", "_tuplegetter", &args[1..], kwargs, 2, 2)?;
    let index = int::ssize_arg(&a[0])?;
    Ok(new_tuplegetter(index as isize, a[1].clone()))
}

/// `__get__(instance, owner=None, /)`, as CPython's slot wrapper checks it.
fn tg_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let index = this(args, "__get__")?;
    let a = positional("", "__get__", &args[1..], kwargs, 1, 2)?;
    let owner = a.get(1).unwrap_or(&Value::None);
    if a[0].is_none() {
        if owner.is_none() {
            return Err(type_error("__get__(None, None) is invalid"));
        }
        return Ok(args[0].clone());
    }
    get_item(index, &a[0])
}

/// `__set__(instance, value, /)`: always refused.
fn tg_set(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "__set__")?;
    let a = positional("", "__set__", &args[1..], kwargs, 2, 2)?;
    Err(store_error(Some(&a[1])))
}

/// `__delete__(instance, /)`: always refused.
fn tg_delete(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "__delete__")?;
    positional("", "__delete__", &args[1..], kwargs, 1, 1)?;
    Err(store_error(None))
}

fn doc_of(tg: &Value) -> PyResult<Value> {
    ops::attr::getattr_str(tg, "__doc__")
}

/// `__reduce__()`: `(type(self), (index, doc))`.
fn tg_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let index = this(args, "__reduce__")?;
    meth_noargs("_tuplegetter.__reduce__", &args[1..], kwargs)?;
    let doc = doc_of(&args[0])?;
    Ok(tuple::new_tuple(vec![
        Value::Obj(tuplegetter_type().clone()),
        tuple::new_tuple_array([Value::Int(index as i64), doc]),
    ]))
}

/// `repr()`: `_tuplegetter(0, 'Alias for field number 0')`.
fn tg_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let index = this(args, "__repr__")?;
    meth_noargs("_tuplegetter.__repr__", &args[1..], kwargs)?;
    let doc = ops::format::repr(&doc_of(&args[0])?)?;
    Ok(Value::from(format!("_tuplegetter({index}, {doc})")))
}
