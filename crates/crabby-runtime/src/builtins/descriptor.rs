//! The descriptors classes are built from: `property`, `classmethod`, `staticmethod`, the `member_descriptor`s
//! that `__slots__` makes, the `getset_descriptor`s for `__dict__` and `__weakref__`, and `mappingproxy` (the
//! read-only view `type.__dict__` returns). How they bind on attribute access is in `ops::attr`; this file holds
//! their payload and their methods (`__get__`, `__set__`, `__delete__`, `getter`, ...), which explicit calls
//! and `super()` reach.

use std::sync::OnceLock;

use crate::builtins::type_::{self, type_obj};
use crate::builtins::{add_methods, dict, types};
use crate::error::{attribute_error, type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

pub enum DescriptorObj {
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
    ClassMethod(Value),
    StaticMethod(Value),
    /// A `__slots__` entry of `owner`: the value lives in the instance's slot storage under `name` (the
    /// mangled slot name).
    Member {
        owner: ObjRef,
        name: String,
        /// The slot's index in the instance slot array when `owner` keeps slots in one (`TypeObj::slot_array`),
        /// else `NO_SLOT_INDEX` (the slot storage dict, keyed by `name`).
        index: u32,
    },
    /// `__dict__` or `__weakref__` of the classes that add them.
    GetSet {
        owner: ObjRef,
        name: &'static str,
    },
    /// A `mappingproxy`: a read-only view of a mapping (a type's namespace).
    Proxy(Value),
}

impl Clone for DescriptorObj {
    fn clone(&self) -> Self {
        match self {
            DescriptorObj::Property { fget, fset, fdel, doc } => {
                DescriptorObj::Property { fget: fget.clone(), fset: fset.clone(), fdel: fdel.clone(), doc: doc.clone() }
            }
            DescriptorObj::ClassMethod(f) => DescriptorObj::ClassMethod(f.clone()),
            DescriptorObj::StaticMethod(f) => DescriptorObj::StaticMethod(f.clone()),
            DescriptorObj::Member { owner, name, index } => {
                DescriptorObj::Member { owner: owner.clone(), name: name.clone(), index: *index }
            }
            DescriptorObj::GetSet { owner, name } => DescriptorObj::GetSet { owner: owner.clone(), name },
            DescriptorObj::Proxy(m) => DescriptorObj::Proxy(m.clone()),
        }
    }
}

/// The descriptor types that are not in the start-up table (they are made on first use).
pub struct ExtraTypes {
    pub member: ObjRef,
    pub getset: ObjRef,
    pub mappingproxy: ObjRef,
}

/// The types of unbound native methods: `method_descriptor` (`list.append`) and `wrapper_descriptor` (special
/// methods, `object.__init__`). Made with the start-up table's `builtin_function_or_method` layout, they are
/// ordinary native functions to every caller.
struct MethodTypes {
    method: ObjRef,
    wrapper: ObjRef,
}

static METHOD_TYPES: OnceLock<MethodTypes> = OnceLock::new();

fn method_types() -> &'static MethodTypes {
    METHOD_TYPES.get_or_init(|| {
        let mk = |name: &str| {
            let ty = crate::builtins::new_native_type(name, "builtins", false);
            let _ = dict::remove(&type_obj(&ty).dict, &Value::from("__module__"));
            ty
        };
        MethodTypes { method: mk("method_descriptor"), wrapper: mk("wrapper_descriptor") }
    })
}

/// A native method of `owner` as `add_methods` registers it: a `method_descriptor`, or a
/// `wrapper_descriptor` for special methods.
pub fn new_method_descriptor(name: &'static str, f: crate::builtins::function::NativeFn, owner: &ObjRef) -> Value {
    let mt = method_types();
    let ty = if name.starts_with("__") && name.ends_with("__") { &mt.wrapper } else { &mt.method };
    let b = crate::builtins::function::BuiltinFunctionObj { name, f, owner: Some(owner.clone()), bound_self: None };
    Value::Obj(ObjRef::new(ty, Payload::BuiltinFunction(b)).make_immortal())
}

/// Whether `o` is an unbound native method made by [`new_method_descriptor`].
pub fn is_method_descriptor(o: &ObjRef) -> bool {
    METHOD_TYPES.get().is_some_and(|mt| o.ty().ptr_eq(&mt.method) || o.ty().ptr_eq(&mt.wrapper))
}

static EXTRA: OnceLock<ExtraTypes> = OnceLock::new();

pub fn extra_types() -> &'static ExtraTypes {
    EXTRA.get_or_init(|| {
        let mk = |name: &str| {
            let ty = crate::builtins::new_native_type(name, "builtins", false);
            // Their instances print as `<member 'x' of 'C' objects>`, not as instances of a module type.
            let _ = dict::remove(&type_obj(&ty).dict, &Value::from("__module__"));
            ty
        };
        let x = ExtraTypes {
            member: mk("member_descriptor"),
            getset: mk("getset_descriptor"),
            mappingproxy: mk("mappingproxy"),
        };
        type_::set_patma(&x.mappingproxy, type_::Patma::MAPPING);
        add_methods(
            &x.member,
            &[("__get__", slot_get), ("__set__", slot_set), ("__delete__", slot_delete), ("__repr__", slot_repr)],
        );
        add_methods(
            &x.getset,
            &[("__get__", slot_get), ("__set__", slot_set), ("__delete__", slot_delete), ("__repr__", slot_repr)],
        );
        add_methods(
            &x.mappingproxy,
            &[
                ("__getitem__", proxy_getitem),
                ("__contains__", proxy_contains),
                ("__iter__", proxy_iter),
                ("__len__", proxy_len),
                ("__repr__", proxy_repr),
                ("__str__", proxy_str),
                ("__eq__", proxy_eq),
                ("keys", proxy_keys),
                ("values", proxy_values),
                ("items", proxy_items),
                ("get", proxy_get),
                ("copy", proxy_copy),
                ("__reversed__", proxy_reversed),
                ("__or__", proxy_or),
                ("__ror__", proxy_ror),
            ],
        );
        let new = crate::builtins::function::new_builtin("__new__", proxy_new, Some(x.mappingproxy.clone()));
        dict::set_str(&type_obj(&x.mappingproxy).dict, "__new__", crate::builtins::object::static_method(new));
        crate::builtins::generic_alias::add_class_getitem(&x.mappingproxy);
        x
    })
}

/// `DescriptorObj::Member::index` of a slot kept in the slot storage dict.
pub const NO_SLOT_INDEX: u32 = u32::MAX;

/// A `member_descriptor` for slot `name` (mangled) of `owner`.
pub fn new_member(owner: &ObjRef, name: &str) -> Value {
    let t = type_obj(owner);
    // The class's own slots follow its bases' in the instance array, in `slots` order.
    let index = match t.slots.iter().position(|s| s == name) {
        Some(i) if t.slot_array => t.nslots - t.slots.len() as u32 + i as u32,
        _ => NO_SLOT_INDEX,
    };
    Value::Obj(
        ObjRef::new(
            &extra_types().member,
            Payload::Descriptor(DescriptorObj::Member { owner: owner.clone(), name: name.to_string(), index }),
        )
        .make_immortal(),
    )
}

/// The `getset_descriptor` for `__dict__` or `__weakref__` of `owner`.
pub fn new_getset(owner: &ObjRef, name: &'static str) -> Value {
    Value::Obj(
        ObjRef::new(&extra_types().getset, Payload::Descriptor(DescriptorObj::GetSet { owner: owner.clone(), name }))
            .make_immortal(),
    )
}

/// A read-only `mappingproxy` over `mapping`.
pub fn new_proxy(mapping: Value) -> Value {
    Value::Obj(ObjRef::new(&extra_types().mappingproxy, Payload::Descriptor(DescriptorObj::Proxy(mapping))))
}

fn property_parts(v: &Value) -> PyResult<(Value, Value, Value, Value)> {
    match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { fget, fset, fdel, doc })) => {
            Ok((fget.clone(), fset.clone(), fdel.clone(), doc.clone()))
        }
        _ => Err(type_error(format!("descriptor requires a 'property' object but received a '{}'", v.type_name()))),
    }
}

/// A property of the same type as `like` (`getter`/`setter`/`deleter` keep a property subclass's type).
fn new_property_like(like: &Value, fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    let ty = if type_::is_subtype(like.ty(), &types().property) { like.ty().clone() } else { types().property.clone() };
    let d = DescriptorObj::Property { fget, fset, fdel, doc };
    let t = type_obj(&ty);
    let storage = (t.instance_dict || t.slot_storage).then(dict::new_dict_obj);
    Value::Obj(ObjRef::with_dict(&ty, Payload::Descriptor(d), storage))
}

/// `property(fget, fset, fdel, doc)`.
pub fn make_property(fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    Value::Obj(ObjRef::new(&types().property, Payload::Descriptor(DescriptorObj::Property { fget, fset, fdel, doc })))
}

fn one(args: &[Value], name: &str) -> PyResult<Value> {
    match args {
        [_, f] => Ok(f.clone()),
        _ => Err(type_error(format!("{name}() takes exactly one argument ({} given)", args.len().saturating_sub(1)))),
    }
}

fn getter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = one(args, "getter")?;
    let (_, s, d, doc) = property_parts(&args[0])?;
    Ok(new_property_like(&args[0], f, s, d, doc))
}

fn setter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = one(args, "setter")?;
    let (g, _, d, doc) = property_parts(&args[0])?;
    Ok(new_property_like(&args[0], g, f, d, doc))
}

fn deleter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = one(args, "deleter")?;
    let (g, s, _, doc) = property_parts(&args[0])?;
    Ok(new_property_like(&args[0], g, s, f, doc))
}

/// `property.__get__(obj, type=None)`.
fn property_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__get__", args, kwargs).between(2, 3)?;
    let (fget, ..) = property_parts(&a[0])?;
    if a[1].is_none() {
        return Ok(a[0].clone());
    }
    if fget.is_none() {
        return Err(attribute_error(format!("property of '{}' object has no getter", a[1].type_name())));
    }
    ops::call::call(&fget, std::slice::from_ref(&a[1]), &[])
}

/// `property.__set__(obj, value)`.
fn property_set(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__set__", args, kwargs).exact(3)?;
    let (_, fset, ..) = property_parts(&a[0])?;
    if fset.is_none() {
        return Err(attribute_error(format!("property of '{}' object has no setter", a[1].type_name())));
    }
    ops::call::call(&fset, &[a[1].clone(), a[2].clone()], &[])?;
    Ok(Value::None)
}

/// `property.__delete__(obj)`.
fn property_delete(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__delete__", args, kwargs).exact(2)?;
    let (_, _, fdel, _) = property_parts(&a[0])?;
    if fdel.is_none() {
        return Err(attribute_error(format!("property of '{}' object has no deleter", a[1].type_name())));
    }
    ops::call::call(&fdel, std::slice::from_ref(&a[1]), &[])?;
    Ok(Value::None)
}

/// `classmethod.__get__(obj, type=None)` and `staticmethod.__get__`.
fn wrapper_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__get__", args, kwargs).between(2, 3)?;
    let owner = match a.get(2) {
        Some(t) if !t.is_none() => t.clone(),
        _ => Value::Obj(a[1].ty().clone()),
    };
    match a[0].payload() {
        Some(Payload::Descriptor(d @ (DescriptorObj::ClassMethod(_) | DescriptorObj::StaticMethod(_)))) => {
            let inst = (!a[1].is_none()).then_some(&a[1]);
            // The built-in type's binding: a subclass's own `__get__` may be what called this one.
            let base = match d {
                DescriptorObj::ClassMethod(_) => &types().classmethod,
                _ => &types().staticmethod,
            };
            ops::attr::bind_descriptor(Value::Obj(ObjRef::new(base, Payload::Descriptor(d.clone()))), inst, &owner)
        }
        _ => Err(type_error("descriptor '__get__' requires a 'classmethod' or 'staticmethod' object")),
    }
}

/// `staticmethod(f)(...)`: static methods are callable since Python 3.10.
fn staticmethod_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    match args.first().and_then(|a| a.payload()) {
        Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => ops::call::call(f, &args[1..], kwargs),
        _ => Err(type_error("descriptor '__call__' requires a 'staticmethod' object")),
    }
}

/// `function.__get__(obj, type=None)`: a bound method, or the function itself for `obj=None`.
fn function_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__get__", args, kwargs).between(2, 3)?;
    if a[1].is_none() && a.len() == 3 && !a[2].is_none() {
        return Ok(a[0].clone());
    }
    if a[1].is_none() {
        return Err(type_error("__get__(None, None) is invalid"));
    }
    Ok(crate::builtins::function::new_bound_method(a[0].clone(), a[1].clone()))
}

/// The owner and name of a member or getset descriptor.
pub fn slot_owner(d: &DescriptorObj) -> Option<(&ObjRef, String)> {
    match d {
        DescriptorObj::Member { owner, name, .. } => Some((owner, name.clone())),
        DescriptorObj::GetSet { owner, name } => Some((owner, name.to_string())),
        _ => None,
    }
}

fn member_parts(v: &Value) -> PyResult<(ObjRef, String, bool)> {
    match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::Member { owner, name, .. })) => Ok((owner.clone(), name.clone(), true)),
        Some(Payload::Descriptor(DescriptorObj::GetSet { owner, name })) => {
            Ok((owner.clone(), name.to_string(), false))
        }
        _ => Err(type_error("descriptor requires a 'member_descriptor' object")),
    }
}

fn check_owner(owner: &ObjRef, name: &str, obj: &Value) -> PyResult<()> {
    if !type_::is_subtype(obj.ty(), owner) {
        return Err(type_error(format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
            type_::type_name(owner),
            obj.type_name()
        )));
    }
    Ok(())
}

/// `member.__get__(obj, type=None)` / `getset.__get__`.
fn slot_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__get__", args, kwargs).between(2, 3)?;
    if a[1].is_none() {
        return Ok(a[0].clone());
    }
    let (owner, name, _) = member_parts(&a[0])?;
    check_owner(&owner, &name, &a[1])?;
    descriptor_get(a[0].payload(), &a[1])
}

fn slot_set(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__set__", args, kwargs).exact(3)?;
    let (owner, name, _) = member_parts(&a[0])?;
    check_owner(&owner, &name, &a[1])?;
    descriptor_set(a[0].payload(), &a[1], Some(a[2].clone()))?;
    Ok(Value::None)
}

fn slot_delete(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__delete__", args, kwargs).exact(2)?;
    let (owner, name, _) = member_parts(&a[0])?;
    check_owner(&owner, &name, &a[1])?;
    descriptor_set(a[0].payload(), &a[1], None)?;
    Ok(Value::None)
}

fn slot_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__repr__", args, kwargs).exact(1)?;
    let (owner, name, member) = member_parts(&a[0])?;
    let kind = if member { "member" } else { "attribute" };
    Ok(Value::from(format!("<{kind} '{name}' of '{}' objects>", type_::type_name(&owner))))
}

/// Reads a member or getset descriptor's value from `obj` (already checked to be an instance of the owner).
pub fn descriptor_get(d: Option<&Payload>, obj: &Value) -> PyResult<Value> {
    if let Some(Payload::Descriptor(DescriptorObj::GetSet { name: "__class__", .. })) = d {
        return Ok(Value::Obj(obj.ty().clone()));
    }
    let Some(o) = obj.as_obj() else {
        return Err(attribute_error(format!("'{}' object has no attribute", obj.type_name())));
    };
    if let Some(Payload::Descriptor(DescriptorObj::Member { owner, .. } | DescriptorObj::GetSet { owner, .. })) = d {
        // The descriptors of built-in types whose values live in the payload (`function.__code__`, ...).
        if owner.ptr_eq(&types().type_) && matches!(o.payload, Payload::Type(_)) {
            if let Some(v) = type_::type_special_attr(o, &member_name(d)) {
                return Ok(v);
            }
        }
        if owner.ptr_eq(&types().function) {
            let name = member_name(d);
            return match crate::ops::attr::payload_attr(obj, &name)? {
                Some(v) => Ok(v),
                None => Err(attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), name))),
            };
        }
    }
    match d {
        Some(Payload::Descriptor(DescriptorObj::Member { name, index, .. })) if *index != NO_SLOT_INDEX => {
            match crate::builtins::instance::slot_value(o, *index) {
                Some(Some(v)) => Ok(v),
                Some(None) => Err(attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), name))),
                None => Err(type_error(format!("'{}' object has no slot array", obj.type_name()))),
            }
        }
        Some(Payload::Descriptor(DescriptorObj::Member { name, .. })) => {
            match o.dict().and_then(|s| dict::get_str(s, name)) {
                Some(v) => Ok(v),
                None => Err(attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), name))),
            }
        }
        Some(Payload::Descriptor(DescriptorObj::GetSet { name: "__dict__", .. })) => match type_::instance_dict(o) {
            Some(d) => Ok(Value::Obj(d)),
            None => Err(attribute_error(format!("'{}' object has no attribute '__dict__'", obj.type_name()))),
        },
        // NOTE: crabby has no weak references yet; `__weakref__` reads as None, as for an object nobody refers to
        // weakly.
        _ => Ok(Value::None),
    }
}

fn member_name(d: Option<&Payload>) -> String {
    match d {
        Some(Payload::Descriptor(DescriptorObj::Member { name, .. })) => name.clone(),
        Some(Payload::Descriptor(DescriptorObj::GetSet { name, .. })) => name.to_string(),
        _ => String::new(),
    }
}

/// Writes (or, for `None`, deletes) a member or getset descriptor's value on `obj`.
pub fn descriptor_set(d: Option<&Payload>, obj: &Value, value: Option<Value>) -> PyResult<()> {
    if let (
        Some(Payload::Function(f)),
        Some(Payload::Descriptor(DescriptorObj::Member { owner, .. } | DescriptorObj::GetSet { owner, .. })),
    ) = (obj.payload(), d)
    {
        if owner.ptr_eq(&types().function) {
            return crate::builtins::function::set_special(f, &member_name(d), value);
        }
    }
    let Some(o) = obj.as_obj() else {
        return Err(attribute_error(format!("'{}' object attribute is read-only", obj.type_name())));
    };
    match d {
        Some(Payload::Descriptor(DescriptorObj::Member { owner, .. }))
            if crate::builtins::structseq::is_structseq_type(owner) =>
        {
            Err(attribute_error("readonly attribute"))
        }
        Some(Payload::Descriptor(DescriptorObj::Member { name, index, .. })) if *index != NO_SLOT_INDEX => {
            let deleting = value.is_none();
            match crate::builtins::instance::set_slot_value(o, *index, value) {
                Ok(false) if deleting => Err(attribute_error(name.clone())),
                Ok(_) => Ok(()),
                Err(_) => Err(type_error(format!("'{}' object has no slot array", obj.type_name()))),
            }
        }
        Some(Payload::Descriptor(DescriptorObj::Member { name, .. })) => {
            let Some(storage) = o.dict() else {
                return Err(attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), name)));
            };
            match value {
                Some(v) => dict::set_str(storage, name, v),
                None => {
                    if dict::remove(storage, &Value::from(name.as_str()))?.is_none() {
                        return Err(attribute_error(name.clone()));
                    }
                }
            }
            Ok(())
        }
        Some(Payload::Descriptor(DescriptorObj::GetSet { name: "__class__", .. })) => {
            Err(crate::error::not_implemented("crabby does not support assigning __class__ yet"))
        }
        Some(Payload::Descriptor(DescriptorObj::GetSet { name: "__dict__", .. })) => {
            match value {
                Some(v) => type_::set_instance_dict(o, v),
                // NOTE: CPython drops the dict (a fresh one appears on the next store); crabby empties it.
                None => {
                    if let Some(d) = type_::instance_dict(o) {
                        dict::clear(&d);
                    }
                    Ok(())
                }
            }
        }
        _ => Err(attribute_error(format!("attribute '__weakref__' of '{}' objects is not writable", obj.type_name()))),
    }
}

fn proxy_of(v: &Value) -> PyResult<&Value> {
    match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::Proxy(m))) => Ok(m),
        _ => Err(type_error(format!("descriptor requires a 'mappingproxy' object but received a '{}'", v.type_name()))),
    }
}

/// `mappingproxy(mapping)` (`types.MappingProxyType`): any mapping except a list or tuple, as CPython checks.
fn proxy_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy", args.get(1..).unwrap_or(&[]), kwargs).bind(&["mapping"], 1)?;
    let m = a[0].as_ref().expect("required argument");
    let is_mapping = !matches!(m.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
        && type_::lookup(m.ty(), "__getitem__").is_some();
    if !is_mapping {
        return Err(type_error(format!("mappingproxy() argument must be a mapping, not {}", m.type_name())));
    }
    Ok(new_proxy(m.clone()))
}

fn proxy_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__reversed__", args, kwargs).exact(1)?;
    let f = crate::modules::builtins::lookup("reversed").ok_or_else(|| type_error("no reversed"))?;
    ops::call::call(&f, std::slice::from_ref(proxy_of(&a[0])?), &[])
}

/// `proxy | other` and `other | proxy`: the union of the underlying mappings (CPython's `mappingproxy_or`).
fn proxy_or(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__or__", args, kwargs).exact(2)?;
    let unwrap = |v: &Value| proxy_of(v).cloned().unwrap_or_else(|_| v.clone());
    ops::number::binop(&unwrap(&a[0]), &unwrap(&a[1]), ops::number::BinOp::Or)
}

fn proxy_ror(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__ror__", args, kwargs).exact(2)?;
    let unwrap = |v: &Value| proxy_of(v).cloned().unwrap_or_else(|_| v.clone());
    ops::number::binop(&unwrap(&a[1]), &unwrap(&a[0]), ops::number::BinOp::Or)
}

fn proxy_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__getitem__", args, kwargs).exact(2)?;
    ops::subscript::getitem(proxy_of(&a[0])?, &a[1])
}

fn proxy_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__contains__", args, kwargs).exact(2)?;
    Ok(Value::Bool(ops::compare::contains(proxy_of(&a[0])?, &a[1])?))
}

fn proxy_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__iter__", args, kwargs).exact(1)?;
    ops::iter::iter(proxy_of(&a[0])?)
}

fn proxy_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__len__", args, kwargs).exact(1)?;
    Ok(Value::Int(ops::len(proxy_of(&a[0])?)? as i64))
}

fn proxy_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__repr__", args, kwargs).exact(1)?;
    Ok(Value::from(format!("mappingproxy({})", ops::format::repr(proxy_of(&a[0])?)?)))
}

fn proxy_str(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__str__", args, kwargs).exact(1)?;
    ops::format::to_str(proxy_of(&a[0])?)
}

fn proxy_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("mappingproxy.__eq__", args, kwargs).exact(2)?;
    ops::compare::eq(proxy_of(&a[0])?, &a[1])
}

fn proxy_method(args: &[Value], kwargs: &[(Value, Value)], name: &str) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return Err(type_error(format!("unbound method mappingproxy.{name}() needs an argument")));
    };
    let mut v = vec![proxy_of(first)?.clone()];
    v.extend_from_slice(&args[1..]);
    ops::call::call_method(&Value::from(name), &v, kwargs)
}

fn proxy_keys(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    proxy_method(args, kwargs, "keys")
}

fn proxy_values(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    proxy_method(args, kwargs, "values")
}

fn proxy_items(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    proxy_method(args, kwargs, "items")
}

fn proxy_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    proxy_method(args, kwargs, "get")
}

fn proxy_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    proxy_method(args, kwargs, "copy")
}

/// CPython's `_PyObject_IsAbstract`: `f.__isabstractmethod__` is true (a missing attribute is false).
/// NOTE: an exception raised while reading or testing the attribute counts as false here, where CPython
/// propagates it: descriptor attributes are infallible in crabby.
fn is_abstract(f: &Value) -> bool {
    if f.is_none() {
        return false;
    }
    match crate::ops::attr::getattr_opt(f, "__isabstractmethod__") {
        Ok(Some(v)) => crate::ops::truthy(&v).unwrap_or(false),
        _ => false,
    }
}

/// Attributes of descriptor objects (`fget`, `__func__`, ...), looked up by `ops::attr`.
pub fn descriptor_attr(d: &DescriptorObj, name: &str) -> Option<Value> {
    match (d, name) {
        (DescriptorObj::Property { fget, .. }, "fget") => Some(fget.clone()),
        (DescriptorObj::Property { fset, .. }, "fset") => Some(fset.clone()),
        (DescriptorObj::Property { fdel, .. }, "fdel") => Some(fdel.clone()),
        // A property made from a getter without a docstring takes the getter's, as CPython does.
        (DescriptorObj::Property { fget, doc, .. }, "__doc__") => Some(if doc.is_none() && !fget.is_none() {
            crate::ops::attr::getattr_opt(fget, "__doc__").ok().flatten().unwrap_or(Value::None)
        } else {
            doc.clone()
        }),
        // `abc` finds abstract methods through this attribute, so a property (or class or static method) is
        // abstract when one of its functions is, as in CPython.
        (DescriptorObj::Property { fget, fset, fdel, .. }, "__isabstractmethod__") => {
            Some(Value::Bool(is_abstract(fget) || is_abstract(fset) || is_abstract(fdel)))
        }
        (DescriptorObj::ClassMethod(f) | DescriptorObj::StaticMethod(f), "__isabstractmethod__") => {
            Some(Value::Bool(is_abstract(f)))
        }
        (DescriptorObj::ClassMethod(f) | DescriptorObj::StaticMethod(f), "__func__" | "__wrapped__") => Some(f.clone()),
        (DescriptorObj::ClassMethod(f) | DescriptorObj::StaticMethod(f), "__name__" | "__qualname__" | "__doc__") => {
            crate::ops::attr::getattr_opt(f, name).ok().flatten()
        }
        (DescriptorObj::Member { name: n, .. }, "__name__") => Some(Value::from(n.as_str())),
        (DescriptorObj::Member { owner, .. } | DescriptorObj::GetSet { owner, .. }, "__objclass__") => {
            Some(Value::Obj(owner.clone()))
        }
        (DescriptorObj::GetSet { name: n, .. }, "__name__") => Some(Value::from(*n)),
        (DescriptorObj::Member { .. } | DescriptorObj::GetSet { .. }, "__doc__") => Some(Value::None),
        _ => None,
    }
}

pub fn register() {
    let t = types();
    add_methods(
        &t.property,
        &[
            ("getter", getter),
            ("setter", setter),
            ("deleter", deleter),
            ("__get__", property_get),
            ("__set__", property_set),
            ("__delete__", property_delete),
        ],
    );
    add_methods(&t.classmethod, &[("__get__", wrapper_get)]);
    add_methods(&t.staticmethod, &[("__get__", wrapper_get), ("__call__", staticmethod_call)]);
    add_methods(&t.function, &[("__get__", function_get)]);
}
