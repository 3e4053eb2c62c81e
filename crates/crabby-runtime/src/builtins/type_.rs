//! `type`: type objects, their method resolution order and attribute lookup along it.
//!
//! Built-in types are created once at start-up and are immortal. User classes (the object-model milestone) are
//! type objects too, made by `type(name, bases, ns)`; they are immortal as well.

use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::RwLock;

use crate::object::{ObjRef, Payload};
use crate::Value;

/// Which payload the instances of a type (and of its subclasses) carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Object,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    /// Types that Python code cannot instantiate directly or subclass (functions, iterators, ...).
    Other,
}

pub struct TypeObj {
    pub name: RwLock<String>,
    pub qualname: RwLock<String>,
    pub bases: RwLock<Vec<ObjRef>>,
    pub mro: RwLock<Vec<ObjRef>>,
    /// The type's namespace: a dict object.
    pub dict: ObjRef,
    pub layout: Layout,
    /// A class made by a `class` statement or `type(...)`.
    pub heap: bool,
    /// May be subclassed.
    pub basetype: bool,
    /// Instances carry a `__dict__`.
    pub instance_dict: bool,
    /// Changes whenever the type or one of its bases changes, so call sites can cache lookups.
    pub version: AtomicU64,
}

impl TypeObj {
    pub fn new(name: &str, layout: Layout, dict: ObjRef, bases: Vec<ObjRef>) -> TypeObj {
        TypeObj {
            name: RwLock::new(name.to_string()),
            qualname: RwLock::new(name.to_string()),
            bases: RwLock::new(bases),
            mro: RwLock::new(Vec::new()),
            dict,
            layout,
            heap: false,
            basetype: true,
            instance_dict: false,
            version: AtomicU64::new(1),
        }
    }

    /// Records a change to the type, invalidating caches keyed on its version.
    pub fn modified(&self) {
        // Relaxed: the version is only compared for equality by caches that re-validate under their own locks.
        self.version.fetch_add(1, Ordering::Relaxed);
    }
}

/// The `TypeObj` of a type object. Panics only on a runtime bug (a non-type used as a type).
#[inline]
pub fn type_obj(ty: &ObjRef) -> &TypeObj {
    match &ty.payload {
        Payload::Type(t) => t,
        _ => unreachable!("object used as a type is not a type"),
    }
}

pub fn type_name(ty: &ObjRef) -> String {
    type_obj(ty).name.read().clone()
}

/// Whether `a` is `b` or a subclass of it.
pub fn is_subtype(a: &ObjRef, b: &ObjRef) -> bool {
    if a.ptr_eq(b) {
        return true;
    }
    type_obj(a).mro.read().iter().any(|t| t.ptr_eq(b))
}

/// Looks `name` up along the type's MRO (CPython's `_PyType_Lookup`).
pub fn lookup(ty: &ObjRef, name: &str) -> Option<Value> {
    let mro = type_obj(ty).mro.read().clone();
    for t in &mro {
        if let Some(v) = crate::builtins::dict::get_str(&type_obj(t).dict, name) {
            return Some(v);
        }
    }
    None
}

/// Computes a built-in type's MRO from its single-inheritance chain.
pub fn linear_mro(ty: &ObjRef) -> Vec<ObjRef> {
    let mut mro = vec![ty.clone()];
    let mut cur = type_obj(ty).bases.read().first().cloned();
    while let Some(b) = cur {
        cur = type_obj(&b).bases.read().first().cloned();
        mro.push(b);
    }
    mro
}

/// The nearest built-in layout-carrying base's layout decides the payload of new instances.
pub fn layout_of(ty: &ObjRef) -> Layout {
    type_obj(ty).layout
}

/// C3 linearisation of a new class's bases (CPython's `mro_implementation`), with CPython's error.
pub fn c3_mro(ty: &ObjRef, bases: &[ObjRef]) -> crate::error::PyResult<Vec<ObjRef>> {
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(|b| type_obj(b).mro.read().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![ty.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().map(|s| s[0].clone()).find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| x.ptr_eq(c))));
        let Some(c) = candidate else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = type_name(&s[0]);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(crate::error::type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].ptr_eq(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Creates a class: `type(name, bases, ns)` without metaclass hooks (the object-model milestone adds
/// `__prepare__`, `__init_subclass__`, `__set_name__` and metaclass selection).
pub fn new_class(name: &str, qualname: &str, bases: Vec<ObjRef>, ns: &ObjRef) -> crate::error::PyResult<Value> {
    let t = crate::builtins::types();
    let bases = if bases.is_empty() { vec![t.object.clone()] } else { bases };
    for b in &bases {
        if !type_obj(b).basetype {
            return Err(crate::error::type_error(format!("type '{}' is not an acceptable base type", type_name(b))));
        }
    }
    // The instance layout is the most derived built-in layout among the bases.
    let mut layout = Layout::Object;
    for b in &bases {
        let l = type_obj(b).layout;
        if l != Layout::Object {
            if layout != Layout::Object && layout != l {
                return Err(crate::error::type_error("multiple bases have instance lay-out conflict"));
            }
            layout = l;
        }
    }
    let dict = crate::builtins::dict::copy(ns);
    let dict = dict.as_obj().expect("dict").clone();
    let mut tobj = TypeObj::new(name, layout, dict, bases.clone());
    *tobj.qualname.write() = qualname.to_string();
    tobj.heap = true;
    tobj.instance_dict = true;
    let metatype = bases.iter().map(|b| b.ty().clone()).find(|m| !m.ptr_eq(&t.type_)).unwrap_or_else(|| t.type_.clone());
    let ty = ObjRef::new(&metatype, Payload::Type(tobj)).make_immortal();
    let mro = c3_mro(&ty, &bases)?;
    *type_obj(&ty).mro.write() = mro;
    Ok(Value::Obj(ty))
}

/// `type.__call__`: makes an instance of `ty` (or, for `type(x)`, returns x's type).
pub fn call_type(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> crate::error::PyResult<Value> {
    let t = type_obj(ty);
    if !t.heap {
        return crate::builtins::object::construct_builtin(ty, args, kwargs);
    }
    // A `__new__` written in Python (a function, or one wrapped in staticmethod) runs; otherwise the
    // instance is made directly with the payload its built-in base needs.
    let custom_new = match lookup(ty, "__new__") {
        Some(f) if matches!(f.payload(), Some(Payload::Function(_))) => Some(f),
        Some(d) => match d.payload() {
            Some(Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f)))
                if matches!(f.payload(), Some(Payload::Function(_))) =>
            {
                Some(f.clone())
            }
            _ => None,
        },
        None => None,
    };
    let obj = match custom_new {
        Some(f) => {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(Value::Obj(ty.clone()));
            v.extend_from_slice(args);
            crate::ops::call::call(&f, &v, kwargs)?
        }
        None => crate::builtins::object::new_instance(ty, args, kwargs)?,
    };
    if !is_subtype(obj.ty(), ty) {
        return Ok(obj);
    }
    match lookup(ty, "__init__") {
        Some(init) if matches!(init.payload(), Some(Payload::Function(_))) => {
            let r = crate::ops::call::call_with_self(&init, &obj, args, kwargs)?;
            if !r.is_none() {
                return Err(crate::error::type_error(format!(
                    "__init__() should return None, not '{}'",
                    r.type_name()
                )));
            }
        }
        _ => {
            let has_custom_new = lookup(ty, "__new__").is_some_and(|n| match n.payload() {
                Some(Payload::Function(_)) => true,
                Some(Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f))) => {
                    matches!(f.payload(), Some(Payload::Function(_)))
                }
                _ => false,
            });
            if (!args.is_empty() || !kwargs.is_empty()) && !has_custom_new && t.layout == Layout::Object {
                return Err(crate::error::type_error(format!("{}() takes no arguments", type_name(ty))));
            }
        }
    }
    Ok(obj)
}

pub fn register() {}
