//! Built-in types, one file per Python type, and the table of their type objects.
//!
//! The type objects are made once, at first use, by [`types`]: first the bare objects (`type`, `object`, `dict`
//! and `str` must exist before any namespace can be filled), then each file's methods are registered.

use std::sync::{Once, OnceLock};

use crate::builtins::exceptions::{ExcKind, EXC_TABLE};
use crate::builtins::type_::{type_obj, Layout, TypeObj};
use crate::object::{ObjRef, Payload};

pub mod bool;
pub mod bytearray;
pub mod bytes;
pub mod code;
pub mod complex;
pub mod descriptor;
pub mod dict;
pub mod dict_views;
pub mod exception_group;
pub mod exceptions;
pub mod float;
pub mod frame;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod instance;
pub mod int;
pub mod iter;
pub mod list;
pub mod list_sort;
pub mod memoryview;
pub mod module;
pub mod none;
pub mod object;
pub mod oserror;
pub mod range;
pub mod set;
pub mod simple_namespace;
pub mod slice;
pub mod str;
pub mod str_case;
pub mod str_codec;
pub mod str_format;
pub mod str_search;
pub mod str_split;
pub mod structseq;
pub mod super_;
pub mod tuple;
pub mod type_;
pub mod unicode;
pub mod unicode_db;
pub mod union;
pub mod weakproxy;
pub mod weakref;

/// Every built-in type object.
pub struct Types {
    pub type_: ObjRef,
    pub object: ObjRef,
    pub none_type: ObjRef,
    pub not_implemented_type: ObjRef,
    pub ellipsis_type: ObjRef,
    pub bool: ObjRef,
    pub int: ObjRef,
    pub float: ObjRef,
    pub complex: ObjRef,
    pub str: ObjRef,
    pub bytes: ObjRef,
    pub bytearray: ObjRef,
    pub tuple: ObjRef,
    pub list: ObjRef,
    pub dict: ObjRef,
    pub set: ObjRef,
    pub frozenset: ObjRef,
    pub range: ObjRef,
    pub slice: ObjRef,
    pub function: ObjRef,
    pub builtin_function: ObjRef,
    pub method: ObjRef,
    pub module: ObjRef,
    pub cell: ObjRef,
    pub code: ObjRef,
    pub property: ObjRef,
    pub classmethod: ObjRef,
    pub staticmethod: ObjRef,
    pub super_: ObjRef,
    pub dict_keys: ObjRef,
    pub dict_values: ObjRef,
    pub dict_items: ObjRef,
    /// Iterator types by name (`list_iterator`, `enumerate`, `generator`, ...); see [`iter::iter_type`].
    pub iterators: Vec<(&'static str, ObjRef)>,
    /// Indexed by `ExcKind as usize`.
    pub exceptions: Vec<ObjRef>,
    /// The singletons `NotImplemented` and `Ellipsis`.
    pub not_implemented: ObjRef,
    pub ellipsis: ObjRef,
}

static TYPES: OnceLock<Types> = OnceLock::new();
static INIT: Once = Once::new();

/// The built-in type objects, made on first use.
#[inline]
pub fn types() -> &'static Types {
    match TYPES.get() {
        Some(t) => t,
        None => init_slow(),
    }
}

/// Whether every built-in type's namespace is filled (lookup caches are used only from then on).
#[inline]
pub fn initialised() -> bool {
    INIT.is_completed()
}

#[cold]
fn init_slow() -> &'static Types {
    INIT.call_once(|| {
        let t = bootstrap();
        if TYPES.set(t).is_err() {
            unreachable!("types initialised twice");
        }
        populate();
    });
    TYPES.get().expect("types initialised")
}

/// Iterator types that exist as distinct Python types.
pub const ITERATOR_TYPES: &[&str] = &[
    "list_iterator",
    "list_reverseiterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "range_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "dict_reversekeyiterator",
    "odict_iterator",
    "set_iterator",
    "bytes_iterator",
    "bytearray_iterator",
    "memory_iterator",
    "callable_iterator",
    "iterator",
    "enumerate",
    "zip",
    "map",
    "filter",
    "reversed",
    "generator",
    "coroutine",
    "coroutine_wrapper",
    "async_generator",
    "async_generator_asend",
    "async_generator_athrow",
    "anext_awaitable",
];

fn bootstrap() -> Types {
    // `type` and `dict` first: every type needs a namespace dict, and every object needs a type.
    // A placeholder for `dict` while `dict` itself is made; it is leaked (immortal), never used afterwards.
    let dict_ty = ObjRef::new_untyped(Payload::Instance(crate::builtins::instance::InstAttrs::none())).make_immortal();
    let mk_dict = |dict_ty: &ObjRef| ObjRef::new(dict_ty, Payload::Dict(dict::DictObj::new()));

    // Re-create the three as real type objects now that a dict type pointer exists.
    let real_dict_ty =
        ObjRef::new_untyped(Payload::Type(Box::new(TypeObj::new("dict", Layout::Dict, mk_dict(&dict_ty), vec![]))))
            .make_immortal();
    let real_object = ObjRef::new_untyped(Payload::Type(Box::new(TypeObj::new(
        "object",
        Layout::Object,
        mk_dict(&real_dict_ty),
        vec![],
    ))))
    .make_immortal();
    let real_type = ObjRef::new_untyped(Payload::Type(Box::new(TypeObj::new(
        "type",
        Layout::Type,
        mk_dict(&real_dict_ty),
        vec![real_object.clone()],
    ))))
    .make_immortal();
    // SAFETY: none of these objects has been shared with another thread; `real_type` is immortal.
    unsafe {
        real_type.set_type(&real_type);
        real_object.set_type(&real_type);
        real_dict_ty.set_type(&real_type);
        // The namespace dicts made before `dict` existed point at the placeholder: retarget them.
        type_obj(&real_dict_ty).dict.set_type(&real_dict_ty);
        type_obj(&real_object).dict.set_type(&real_dict_ty);
        type_obj(&real_type).dict.set_type(&real_dict_ty);
    }
    *type_obj(&real_dict_ty).bases.write() = vec![real_object.clone()];

    let new_type = |name: &str, layout: Layout, base: &ObjRef, basetype: bool| -> ObjRef {
        let mut t = TypeObj::new(name, layout, mk_dict(&real_dict_ty), vec![base.clone()]);
        t.basetype = basetype;
        ObjRef::new(&real_type, Payload::Type(Box::new(t))).make_immortal()
    };
    let o = &real_object;
    let int = new_type("int", Layout::Int, o, true);
    let mut exceptions: Vec<ObjRef> = Vec::new();
    let base_exc = {
        let mut t = TypeObj::new("BaseException", Layout::Exception, mk_dict(&real_dict_ty), vec![o.clone()]);
        t.instance_dict = true;
        ObjRef::new(&real_type, Payload::Type(Box::new(t))).make_immortal()
    };
    exceptions.push(base_exc);
    for (kind, name, parent) in EXC_TABLE {
        debug_assert_eq!(*kind as usize, exceptions.len());
        let mut t =
            TypeObj::new(name, Layout::Exception, mk_dict(&real_dict_ty), vec![exceptions[*parent as usize].clone()]);
        t.instance_dict = true;
        exceptions.push(ObjRef::new(&real_type, Payload::Type(Box::new(t))).make_immortal());
    }
    let not_implemented_type = new_type("NotImplementedType", Layout::Other, o, false);
    let ellipsis_type = new_type("ellipsis", Layout::Other, o, false);
    let not_implemented = ObjRef::new(&not_implemented_type, Payload::Singleton).make_immortal();
    let ellipsis = ObjRef::new(&ellipsis_type, Payload::Singleton).make_immortal();
    let t = Types {
        none_type: new_type("NoneType", Layout::Other, o, false),
        not_implemented_type,
        ellipsis_type,
        bool: new_type("bool", Layout::Int, &int, false),
        float: new_type("float", Layout::Float, o, true),
        complex: new_type("complex", Layout::Complex, o, true),
        str: new_type("str", Layout::Str, o, true),
        bytes: new_type("bytes", Layout::Bytes, o, true),
        bytearray: new_type("bytearray", Layout::ByteArray, o, true),
        tuple: new_type("tuple", Layout::Tuple, o, true),
        list: new_type("list", Layout::List, o, true),
        set: new_type("set", Layout::Set, o, true),
        frozenset: new_type("frozenset", Layout::FrozenSet, o, true),
        range: new_type("range", Layout::Other, o, false),
        slice: new_type("slice", Layout::Other, o, false),
        function: new_type("function", Layout::Other, o, false),
        builtin_function: new_type("builtin_function_or_method", Layout::Other, o, false),
        method: new_type("method", Layout::Other, o, false),
        module: new_type("module", Layout::Other, o, true),
        cell: new_type("cell", Layout::Other, o, false),
        code: new_type("code", Layout::Other, o, false),
        property: new_type("property", Layout::Other, o, true),
        classmethod: new_type("classmethod", Layout::Other, o, true),
        staticmethod: new_type("staticmethod", Layout::Other, o, true),
        super_: new_type("super", Layout::Other, o, true),
        dict_keys: new_type("dict_keys", Layout::Other, o, false),
        dict_values: new_type("dict_values", Layout::Other, o, false),
        dict_items: new_type("dict_items", Layout::Other, o, false),
        iterators: ITERATOR_TYPES.iter().map(|n| (*n, new_type(n, Layout::Other, o, false))).collect(),
        exceptions,
        not_implemented,
        ellipsis,
        int,
        type_: real_type,
        object: real_object,
        dict: real_dict_ty,
    };
    use type_::Patma;
    for (ty, flags) in [
        (&t.list, Patma::SEQUENCE | Patma::MATCH_SELF),
        (&t.tuple, Patma::SEQUENCE | Patma::MATCH_SELF),
        (&t.range, Patma::SEQUENCE),
        (&t.dict, Patma::MAPPING | Patma::MATCH_SELF),
        (&t.bool, Patma::MATCH_SELF),
        (&t.int, Patma::MATCH_SELF),
        (&t.float, Patma::MATCH_SELF),
        (&t.str, Patma::MATCH_SELF),
        (&t.bytes, Patma::MATCH_SELF),
        (&t.bytearray, Patma::MATCH_SELF),
        (&t.set, Patma::MATCH_SELF),
        (&t.frozenset, Patma::MATCH_SELF),
    ] {
        type_::set_patma(ty, flags);
    }
    // MROs for the single-inheritance built-in hierarchy.
    for ty in t.all() {
        let mro = type_::linear_mro(ty);
        *type_obj(ty).mro.write() = mro;
    }
    exception_group::set_bases(&t);
    t
}

impl Types {
    /// Every type object in the table.
    pub fn all(&self) -> Vec<&ObjRef> {
        let mut v = vec![
            &self.type_,
            &self.object,
            &self.none_type,
            &self.not_implemented_type,
            &self.ellipsis_type,
            &self.bool,
            &self.int,
            &self.float,
            &self.complex,
            &self.str,
            &self.bytes,
            &self.bytearray,
            &self.tuple,
            &self.list,
            &self.dict,
            &self.set,
            &self.frozenset,
            &self.range,
            &self.slice,
            &self.function,
            &self.builtin_function,
            &self.method,
            &self.module,
            &self.cell,
            &self.code,
            &self.property,
            &self.classmethod,
            &self.staticmethod,
            &self.super_,
            &self.dict_keys,
            &self.dict_values,
            &self.dict_items,
        ];
        v.extend(self.iterators.iter().map(|(_, t)| t));
        v.extend(self.exceptions.iter());
        v
    }

    pub fn exception(&self, kind: ExcKind) -> &ObjRef {
        &self.exceptions[kind as usize]
    }
}

/// Registers every built-in type's methods and attributes in its namespace.
fn populate() {
    object::register();
    type_::register();
    int::register();
    bool::register();
    float::register();
    complex::register();
    str::register();
    bytes::register();
    tuple::register();
    list::register();
    dict::register();
    set::register();
    range::register();
    slice::register();
    function::register();
    module::register();
    none::register();
    iter::register();
    descriptor::register();
    generator::register();
    code::register();
    exceptions::register();
}

/// Adds native methods to a type's namespace.
pub fn add_methods(ty: &ObjRef, methods: &[(&'static str, function::NativeFn)]) {
    let d = &type_obj(ty).dict;
    for (name, f) in methods {
        dict::set_str(d, name, descriptor::new_method_descriptor(name, *f, ty));
    }
    type_obj(ty).modified();
}

/// Adds read-only properties (`(name, getter)`) to a native type.
pub fn add_getters(ty: &ObjRef, getters: &[(&'static str, function::NativeFn)]) {
    let d = &type_obj(ty).dict;
    for (name, f) in getters {
        let getter = function::new_builtin(name, *f, Some(ty.clone()));
        dict::set_str(
            d,
            name,
            descriptor::make_property(getter, crate::Value::None, crate::Value::None, crate::Value::None),
        );
    }
    type_obj(ty).modified();
}

/// Makes a type object for a native module's type (`_io.TextIOWrapper`, ...): immortal, deriving from
/// `object`, not subclassable from Python unless `basetype`.
pub fn new_native_type(name: &str, module: &str, basetype: bool) -> ObjRef {
    let t = types();
    let mut tobj = TypeObj::new(name, Layout::Other, dict::new_dict_obj(), vec![t.object.clone()]);
    tobj.basetype = basetype;
    if module != "builtins" {
        tobj.native_slots = true;
        tobj.tp_name = Some(format!("{module}.{name}"));
    }
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    dict::set_str(&type_obj(&ty).dict, "__module__", crate::Value::from(module));
    ty
}
