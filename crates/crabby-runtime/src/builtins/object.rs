//! `object`: the root of every class, instance creation, and the constructors of the built-in types
//! (`int(...)`, `list(...)`, ... : CPython's `tp_new` of each).

use parking_lot::RwLock;

use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::instance::{self, InstAttrs};
use crate::builtins::type_::{self, type_obj, Layout};
use crate::builtins::{dict, float, int, list, range, set, slice, str, tuple, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// A new, empty instance of `ty` with the storage its type needs: the payload of its built-in base (empty
/// contents) and its `__dict__` or slot storage (`object.__new__`, and `__new__` of the mutable built-ins,
/// whose `__init__` fills them).
pub fn new_instance(ty: &ObjRef, _args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = type_obj(ty);
    let payload = match t.layout {
        // Most instances keep their attributes inline: made in place, with no payload to build and discard.
        Layout::Object if instance::inline_type(t) => return Ok(Value::Obj(InstAttrs::new_inline_object(ty))),
        Layout::Object => Payload::Instance(InstAttrs::none()),
        Layout::Exception => {
            let payload = Payload::Exception(Box::new(exceptions::ExceptionObj::new(tuple::new_tuple(Vec::new()))));
            if crate::builtins::oserror::is_os_error_type(ty) {
                let exc = alloc(ty, payload);
                crate::builtins::oserror::init_empty(&exc);
                return Ok(Value::Obj(exc));
            }
            payload
        }
        Layout::List => Payload::List(RwLock::new(Vec::new())),
        Layout::Dict => Payload::Dict(dict::DictObj::new()),
        Layout::Set | Layout::FrozenSet => Payload::Set(set::SetObj::new()),
        Layout::ByteArray => Payload::ByteArray(RwLock::new(Vec::new())),
        _ => return Err(type_error(format!("cannot create '{}' instances", type_::type_name(ty)))),
    };
    Ok(Value::Obj(alloc(ty, payload)))
}

/// Allocates an instance of `ty` with `payload`, plus the `__dict__` or slot storage its class asks for.
pub fn alloc(ty: &ObjRef, payload: Payload) -> ObjRef {
    let t = type_obj(ty);
    if instance::inline_type(t) && matches!(payload, Payload::Instance(_)) {
        // The attributes stay inline until a dict is asked for (`builtins::instance`).
        return InstAttrs::new_inline_object(ty);
    }
    // An exception's `__dict__` is made on first use (`exceptions::lazy_dict`).
    let lazy = matches!(payload, Payload::Exception(_)) && !t.slot_storage;
    let storage = (!lazy && (t.instance_dict || t.slot_storage)).then(dict::new_dict_obj);
    if t.nslots > 0 && matches!(payload, Payload::Instance(_)) {
        // `__slots__` values live in a fixed array (`builtins::instance`); the dict, if any, is `__dict__`.
        return ObjRef::with_dict(ty, Payload::Instance(InstAttrs::slots(t.nslots)), storage);
    }
    ObjRef::with_dict(ty, payload, storage)
}

/// Re-boxes a value made by a built-in constructor as an instance of a subclass `ty`.
fn rebox(v: Value, ty: &ObjRef) -> PyResult<ObjRef> {
    let payload = match &v {
        Value::Int(i) => Payload::Int(num_bigint::BigInt::from(*i)),
        Value::Bool(b) => Payload::Int(num_bigint::BigInt::from(*b as i64)),
        Value::Float(f) => Payload::Float(*f),
        Value::Obj(o) => match &o.payload {
            Payload::Int(b) => Payload::Int(b.clone()),
            Payload::Float(f) => Payload::Float(*f),
            Payload::Str(s) => Payload::Str(str::PyStr::new(s.as_str())),
            Payload::Tuple(t) => Payload::Tuple(t.clone()),
            Payload::Bytes(b) => Payload::Bytes(b.clone()),
            Payload::Complex(a, b) => Payload::Complex(*a, *b),
            Payload::Descriptor(d) => Payload::Descriptor(d.clone()),
            Payload::Set(_) => {
                let out = alloc(ty, Payload::Set(set::SetObj::new()));
                for k in set::keys(o) {
                    set::add(&out, k)?;
                }
                return Ok(out);
            }
            _ => return Err(type_error(format!("cannot create '{}' instances", type_::type_name(ty)))),
        },
        Value::None => return Err(type_error(format!("cannot create '{}' instances", type_::type_name(ty)))),
    };
    Ok(alloc(ty, payload))
}

/// `T.__new__(cls, ...)` for the immutable built-ins (int, str, tuple, ...): the value from `T`'s
/// constructor, re-boxed as an instance of `cls`.
fn immutable_new(owner: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(owner, args)?.clone();
    let v = construct_builtin(owner, &args[1..], kwargs)?;
    if cls.ptr_eq(owner) {
        return Ok(v);
    }
    Ok(Value::Obj(rebox(v, &cls)?))
}

/// `T.__new__(cls, ...)` for the mutable built-ins (list, dict, set, bytearray): an empty instance that
/// `T.__init__` fills.
fn mutable_new(owner: &ObjRef, args: &[Value]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(owner, args)?.clone();
    new_instance(&cls, &[], &[])
}

/// `BaseException.__new__(cls, *args)`: the exception with `args` set (keywords are left to `__init__`).
fn exception_new(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = &types().exceptions[0];
    let cls = type_::new_wrapper_check(owner, args)?.clone();
    let e = exceptions::ExceptionObj::new(tuple::new_tuple(args[1..].to_vec()));
    Ok(Value::Obj(alloc(&cls, Payload::Exception(Box::new(e)))))
}

macro_rules! builtin_news {
    ($($f:ident => $field:ident, $kind:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            builtin_news!(@call $kind, &types().$field, args, kwargs)
        }
    )*};
    (@call immutable, $owner:expr, $args:expr, $kwargs:expr) => { immutable_new($owner, $args, $kwargs) };
    (@call mutable, $owner:expr, $args:expr, $kwargs:expr) => {{ let _ = $kwargs; mutable_new($owner, $args) }};
}

builtin_news! {
    int_new => int, immutable;
    float_new => float, immutable;
    complex_new => complex, immutable;
    str_new => str, immutable;
    bytes_new => bytes, immutable;
    tuple_new => tuple, immutable;
    frozenset_new => frozenset, immutable;
    property_new => property, immutable;
    classmethod_new => classmethod, immutable;
    staticmethod_new => staticmethod, immutable;
    list_new => list, mutable;
    dict_new => dict, mutable;
    set_new => set, mutable;
    bytearray_new => bytearray, mutable;
}

fn one_arg<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<Option<&'a Value>> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    match args.len() {
        0 => Ok(None),
        1 => Ok(Some(&args[0])),
        n => Err(type_error(format!("{name} expected at most 1 argument, got {n}"))),
    }
}

/// `int(x=0)` / `int(x, base=10)`: CPython's `long_new_impl` (`x` is positional-only).
fn construct_int(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() + kwargs.len() > 2 {
        return Err(type_error(format!("int() takes at most 2 arguments ({} given)", args.len() + kwargs.len())));
    }
    let mut base_arg = args.get(1).cloned();
    for (k, v) in kwargs {
        match k.as_str().unwrap_or("") {
            "base" if args.len() >= 2 => {
                return Err(type_error("argument for int() given by name ('base') and position (2)"))
            }
            "base" => base_arg = Some(v.clone()),
            other => return Err(type_error(format!("'{other}' is an invalid keyword argument for int()"))),
        }
    }
    let Some(x) = args.first() else {
        if base_arg.is_some() {
            return Err(type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    if let Some(b) = base_arg {
        // `PyNumber_AsSsize_t` clamps huge bases, which are then out of range.
        let b = int::as_i64(&ops::number::index(&b)?).unwrap_or(i64::MAX);
        if b != 0 && !(2..=36).contains(&b) {
            return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        if x.as_str().is_none() && !matches!(x.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
            return Err(type_error("int() can't convert non-string with explicit base"));
        }
        return parse_int_str(x, b as u32);
    }
    match x {
        Value::Int(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => return float::float_to_int(*f),
        _ => {}
    }
    // Exact `str`, `bytes` and `bytearray` have none of `__int__`, `__index__` and `__trunc__`, and built-in
    // types cannot be given attributes: their text is parsed without the three lookups (`int(line)`).
    let t = types();
    if let Value::Obj(o) = x {
        let ty = o.ty();
        if ty.ptr_eq(&t.str) || ty.ptr_eq(&t.bytes) || ty.ptr_eq(&t.bytearray) {
            return parse_int_str(x, 10);
        }
    }
    // `PyNumber_Long`: `__int__` (int and float subclasses have it too), `__index__`, `__trunc__`, then text.
    if let Some(f) = type_::lookup(x.ty(), "__int__") {
        let r = ops::call::call_with_self(&f, x, &[], &[])?;
        if !int::is_int(&r) {
            return Err(type_error(format!("__int__ returned non-int (type {})", r.type_name())));
        }
        return Ok(int::plain(&r));
    }
    if let Some(f) = type_::lookup(x.ty(), "__index__") {
        let r = ops::call::call_with_self(&f, x, &[], &[])?;
        if !int::is_int(&r) {
            return Err(type_error(format!("__index__ returned non-int (type {})", r.type_name())));
        }
        return Ok(int::plain(&r));
    }
    if let Some(f) = type_::lookup(x.ty(), "__trunc__") {
        let r = ops::call::call_with_self(&f, x, &[], &[])?;
        if int::is_int(&r) {
            return Ok(int::plain(&r));
        }
        return ops::number::index(&r).map_err(|e| {
            if e.matches(ExcKind::TypeError) {
                type_error(format!("__trunc__ returned non-Integral (type {})", r.type_name()))
            } else {
                e
            }
        });
    }
    if x.as_str().is_some() || matches!(x.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
        return parse_int_str(x, 10);
    }
    Err(type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.type_name()
    )))
}

/// `int(text, base)` for a str, bytes or bytearray `x`: CPython's `PyLong_FromUnicodeObject` and
/// `_PyLong_FromBytes`, with the digit limit and the `invalid literal` message showing `repr(x)` cut to 200
/// characters.
fn parse_int_str(x: &Value, base: u32) -> PyResult<Value> {
    let parsed = match x.payload() {
        Some(Payload::Bytes(b)) => int::parse_int_bytes(b, base, true),
        Some(Payload::ByteArray(b)) => {
            let b = b.read().clone();
            // CPython parses a bytearray's contents as bytes, so its message shows them as `b'...'`.
            return match int::parse_int_bytes(&b, base, true) {
                Ok(n) => Ok(int::from_bigint(n)),
                Err(e) => {
                    Err(int::int_parse_error(e, base, &ops::format::repr(&crate::builtins::bytes::new_bytes_vec(b))?))
                }
            };
        }
        _ => {
            let s = x.as_str().unwrap_or("");
            // ASCII text is what the transformation would give back: no copy.
            if s.is_ascii() {
                int::parse_int_bytes(s.as_bytes(), base, true)
            } else {
                int::parse_int_bytes(&int::transform_decimal_and_space(s), base, true)
            }
        }
    };
    match parsed {
        Ok(b) => Ok(int::from_bigint(b)),
        Err(e) => Err(int::int_parse_error(e, base, &ops::format::repr(x)?)),
    }
}

/// `int(f)` for a float: truncation toward zero, CPython's errors for inf and nan.
pub fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::new(ExcKind::OverflowError, "cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(int::from_bigint(
        num_bigint::BigInt::from(t as i128).max(num_traits::FromPrimitive::from_f64(t).unwrap_or_default()),
    ))
}

/// Parses the text of `float(s)`: CPython's `PyFloat_FromString` (Unicode digits and spaces, underscores
/// between digits, `inf`/`infinity`/`nan` in any case, white space around).
pub fn parse_float(s: &str) -> Option<f64> {
    // ASCII text is what the transformation would give back: no copy.
    if s.is_ascii() {
        return float::parse_float_ascii(s.as_bytes());
    }
    float::parse_float_ascii(&int::transform_decimal_and_space(s))
}

/// `float(x=0.0)`: CPython's `float_new_impl` and `PyNumber_Float`.
fn construct_float(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(x) = one_arg("float", args, kwargs)? else { return Ok(Value::Float(0.0)) };
    match x {
        Value::Float(_) => return Ok(x.clone()),
        Value::Int(_) | Value::Bool(_) => return int::int_to_f64(x).map(Value::Float),
        _ => {}
    }
    let text = match x.payload() {
        Some(Payload::Str(s)) => Some(parse_float(s.as_str())),
        Some(Payload::Bytes(b)) => Some(float::parse_float_ascii(b)),
        Some(Payload::ByteArray(b)) => Some(float::parse_float_ascii(&b.read().clone())),
        _ => None,
    };
    // A str subclass with `__float__` uses it; plain text is parsed. Built-in types cannot be given
    // `__float__`, so only a class statement's type is searched for one.
    if let Some(parsed) = text {
        if !type_::type_obj(x.ty()).heap || type_::lookup(x.ty(), "__float__").is_none() {
            return parsed.map(Value::Float).ok_or_else(|| {
                value_error(format!("could not convert string to float: {}", ops::format::repr(x).unwrap_or_default()))
            });
        }
    }
    if let Some(f) = type_::lookup(x.ty(), "__float__") {
        let r = ops::call::call_with_self(&f, x, &[], &[])?;
        return match float::as_f64(&r) {
            Some(v) if float::is_float(&r) => Ok(Value::Float(v)),
            _ => Err(type_error(format!("{}.__float__ returned non-float (type {})", x.type_name(), r.type_name()))),
        };
    }
    if let Some(f) = type_::lookup(x.ty(), "__index__") {
        let r = ops::call::call_with_self(&f, x, &[], &[])?;
        if !int::is_int(&r) {
            return Err(type_error(format!("__index__ returned non-int (type {})", r.type_name())));
        }
        return int::int_to_f64(&r).map(Value::Float);
    }
    if let Some(f) = float::as_f64(x) {
        return Ok(Value::Float(f));
    }
    Err(type_error(format!("float() argument must be a string or a real number, not '{}'", x.type_name())))
}

fn construct_str(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // `str(x)`, by far the most common call, binds no arguments.
    if let ([x], []) = (args, kwargs) {
        return ops::format::to_str(x);
    }
    let a = Args::new("str", args, kwargs).bind(&["object", "encoding", "errors"], 0)?;
    match (&a[0], &a[1], &a[2]) {
        (None, _, _) => Ok(Value::from("")),
        (Some(x), None, None) => ops::format::to_str(x),
        (Some(x), enc, _) => match x.payload() {
            Some(Payload::Bytes(b)) => {
                let enc = enc.as_ref().and_then(|e| e.as_str().map(str::to_string)).unwrap_or_else(|| "utf-8".into());
                match enc.to_ascii_lowercase().replace('_', "-").as_str() {
                    "utf-8" | "utf8" => match std::str::from_utf8(b) {
                        Ok(s) => Ok(Value::from(s)),
                        Err(_) => Err(PyErr::new(ExcKind::UnicodeDecodeError, "'utf-8' codec can't decode bytes")),
                    },
                    "latin-1" | "latin1" | "iso-8859-1" => {
                        Ok(Value::from(b.iter().map(|&c| c as char).collect::<String>()))
                    }
                    "ascii" => Ok(Value::from(String::from_utf8_lossy(b).to_string())),
                    _ => Err(PyErr::new(ExcKind::LookupError, format!("unknown encoding: {enc}"))),
                }
            }
            _ => Err(type_error(format!("decoding to str: need a bytes-like object, {} found", x.type_name()))),
        },
    }
}

fn construct_dict(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(type_error(format!("dict expected at most 1 argument, got {}", args.len())));
    }
    let d = dict::new_dict_obj();
    if let Some(src) = args.first() {
        dict_update(&d, src)?;
    }
    for (k, v) in kwargs {
        dict::set(&d, k.clone(), v.clone())?;
    }
    Ok(Value::Obj(d))
}

/// `dict.update(src)` for a mapping or an iterable of pairs, with CPython's messages.
pub fn dict_update(d: &ObjRef, src: &Value) -> PyResult<()> {
    // A dict subclass that overrides `__iter__` merges through `keys()` and `__getitem__`, as CPython's
    // `PyDict_Merge` does; `dict::update_from` has those rules.
    if matches!(src.payload(), Some(Payload::Dict(_))) && !type_::type_obj(src.ty()).heap {
        return dict::update_from_dict(d, src.as_obj().expect("dict"));
    }
    if matches!(src.payload(), Some(Payload::Dict(_))) {
        return dict::update_from(d, src);
    }
    if type_::lookup(src.ty(), "keys").is_some() {
        let keys = ops::call::call_method(&Value::from("keys"), std::slice::from_ref(src), &[])?;
        for k in ops::iter::collect(&keys)? {
            let v = ops::subscript::getitem(src, &k)?;
            dict::set(d, k, v)?;
        }
        return Ok(());
    }
    let it = ops::iter::iter(src).map_err(|_| type_error(format!("'{}' object is not iterable", src.type_name())))?;
    let mut i = 0;
    while let Some(item) = ops::iter::next(&it)? {
        let pair = match ops::iter::iter(&item) {
            Ok(_) => ops::iter::collect(&item)?,
            Err(_) => {
                return Err(type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence")))
            }
        };
        if pair.len() != 2 {
            return Err(value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        let (k, v) = (p.next().unwrap_or_default(), p.next().unwrap_or_default());
        dict::set(d, k, v)?;
        i += 1;
    }
    Ok(())
}

/// The constructors of built-in types (`tp_new` followed by `tp_init`).
pub fn construct_builtin(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = types();
    if ty.ptr_eq(&t.type_) {
        return type_::type_call(ty, args, kwargs);
    }
    if ty.ptr_eq(&t.object) {
        if !args.is_empty() || !kwargs.is_empty() {
            return Err(type_error("object() takes no arguments"));
        }
        return Ok(Value::Obj(ObjRef::new(&t.object, Payload::Instance(InstAttrs::none()))));
    }
    if ty.ptr_eq(&t.int) {
        return construct_int(args, kwargs);
    }
    if ty.ptr_eq(&t.bool) {
        return Ok(match one_arg("bool", args, kwargs)? {
            None => Value::Bool(false),
            Some(x) => Value::Bool(ops::truthy(x)?),
        });
    }
    if ty.ptr_eq(&t.float) {
        return construct_float(args, kwargs);
    }
    if ty.ptr_eq(&t.complex) {
        return crate::builtins::complex::construct_complex(args, kwargs);
    }
    if ty.ptr_eq(&t.str) {
        return construct_str(args, kwargs);
    }
    if ty.ptr_eq(&t.list) {
        if !kwargs.is_empty() {
            return Err(type_error("list() takes no keyword arguments"));
        }
        return Ok(match args.len() {
            0 => list::new_list(Vec::new()),
            1 => list::new_list(ops::iter::collect(&args[0])?),
            n => return Err(type_error(format!("list expected at most 1 argument, got {n}"))),
        });
    }
    if ty.ptr_eq(&t.tuple) {
        return Ok(match one_arg("tuple", args, kwargs)? {
            None => tuple::new_tuple(Vec::new()),
            Some(x) if x.as_tuple().is_some() && x.ty().ptr_eq(&t.tuple) => x.clone(),
            Some(x) => tuple::new_tuple(ops::iter::collect(x)?),
        });
    }
    if ty.ptr_eq(&t.dict) {
        return construct_dict(args, kwargs);
    }
    if ty.ptr_eq(&t.set) || ty.ptr_eq(&t.frozenset) {
        let frozen = ty.ptr_eq(&t.frozenset);
        let name = if frozen { "frozenset" } else { "set" };
        return match one_arg(name, args, kwargs)? {
            None => Ok(Value::Obj(set::new_empty(frozen))),
            Some(x) => {
                if frozen && x.ty().ptr_eq(&t.frozenset) {
                    return Ok(x.clone());
                }
                set::from_iterable(frozen, Some(x))
            }
        };
    }
    if ty.ptr_eq(&t.range) {
        return range::construct(args, kwargs);
    }
    if ty.ptr_eq(&t.slice) {
        return match args.len() {
            1 => Ok(slice::new_slice(Value::None, args[0].clone(), Value::None)),
            2 => Ok(slice::new_slice(args[0].clone(), args[1].clone(), Value::None)),
            3 => Ok(slice::new_slice(args[0].clone(), args[1].clone(), args[2].clone())),
            0 => Err(type_error("slice expected at least 1 argument, got 0")),
            n => Err(type_error(format!("slice expected at most 3 arguments, got {n}"))),
        };
    }
    if crate::builtins::exception_group::is_group_type(ty) {
        return crate::builtins::exception_group::construct(ty, args, kwargs);
    }
    if exceptions::is_exception_type(ty) {
        let exc = exceptions::new_exception_of(ty, args.to_vec());
        exceptions::init_keywords(&exc, args, kwargs)?;
        return Ok(Value::Obj(exc));
    }
    // The singletons' types return the singleton (`type(None)()` is None), taking no arguments.
    let singleton = if ty.ptr_eq(&t.none_type) {
        Some(Value::None)
    } else if ty.ptr_eq(&t.not_implemented_type) {
        Some(Value::Obj(t.not_implemented.clone()))
    } else if ty.ptr_eq(&t.ellipsis_type) {
        Some(Value::Obj(t.ellipsis.clone()))
    } else {
        None
    };
    if let Some(v) = singleton {
        if !args.is_empty() || !kwargs.is_empty() {
            return Err(type_error(format!("{}() takes no arguments", type_::type_name(ty))));
        }
        return Ok(v);
    }
    if let Some(ctor) = crate::builtins::bytes::constructor_for(ty) {
        return ctor(args, kwargs);
    }
    if let Some(ctor) = crate::modules::builtins::constructor_for(ty) {
        return ctor(args, kwargs);
    }
    // Native modules' types construct through a `__new__` static method in their namespace.
    if let Some(new) = crate::builtins::dict::get_str(&type_obj(ty).dict, "__new__") {
        if let Some(Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f))) = new.payload() {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(Value::Obj(ty.clone()));
            v.extend_from_slice(args);
            return ops::call::call(f, &v, kwargs);
        }
    }
    Err(type_error(format!("cannot create '{}' instances", type_::type_name(ty))))
}

/// Whether `ty`'s `__init__` / `__new__` is `object`'s own (CPython compares `tp_init`/`tp_new` slots).
fn object_slot(ty: &ObjRef, name: &str) -> bool {
    type_::lookup(ty, name).is_none_or(|f| type_::native_is(&f, &types().object, name))
}

/// `object.__init__(self, *args, **kwargs)`: extra arguments are an error unless `__new__` is overridden
/// and `__init__` is not.
fn object_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(type_error("descriptor '__init__' of 'object' object needs an argument"));
    };
    if args.len() > 1 || !kwargs.is_empty() {
        let ty = this.ty();
        if !object_slot(ty, "__init__") {
            return Err(type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
        if object_slot(ty, "__new__") {
            return Err(type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                type_::type_name(ty)
            )));
        }
    }
    Ok(Value::None)
}

/// `object.__new__(cls, *args, **kwargs)`: extra arguments are an error unless `__init__` is overridden
/// and `__new__` is not.
fn object_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = types();
    let ty = type_::new_wrapper_check(&t.object, args)?;
    if args.len() > 1 || !kwargs.is_empty() {
        if !object_slot(ty, "__new__") {
            return Err(type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
        }
        if object_slot(ty, "__init__") {
            return Err(type_error(format!("{}() takes no arguments", type_::type_name(ty))));
        }
    }
    if !type_obj(ty).heap {
        return construct_builtin(ty, &[], &[]);
    }
    refuse_abstract(ty)?;
    new_instance(ty, &[], &[])
}

/// `object.__new__` refuses a class whose `__abstractmethods__` (its own, as `abc` sets it) is non-empty,
/// naming the methods in sorted order as CPython does.
pub fn refuse_abstract(ty: &ObjRef) -> PyResult<()> {
    if type_::type_flags(ty) & type_::TypeFlags::MAYBE_ABSTRACT == 0 {
        return Ok(());
    }
    let Some(methods) = dict::get_str(&type_obj(ty).dict, "__abstractmethods__") else {
        return Ok(());
    };
    if !ops::truthy(&methods)? {
        return Ok(());
    }
    let names = list::new_list(ops::iter::collect(&methods)?);
    ops::call::call_method(&Value::from("sort"), std::slice::from_ref(&names), &[])?;
    let names = ops::iter::collect(&names)?;
    let mut joined = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            joined.push_str("', '");
        }
        let s = ops::format::to_str(n)?;
        joined.push_str(s.as_str().unwrap_or_default());
    }
    Err(type_error(format!(
        "Can't instantiate abstract class {} without an implementation for abstract method{} '{joined}'",
        type_::type_name(ty),
        if names.len() > 1 { "s" } else { "" }
    )))
}

fn object_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__repr__", args, kwargs).exact(1)?;
    Ok(Value::from(ops::format::default_repr(&a[0])))
}

fn object_str(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__str__", args, kwargs).exact(1)?;
    Ok(Value::from(ops::format::repr(&a[0])?))
}

fn object_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__eq__", args, kwargs).exact(2)?;
    Ok(if a[0].is(&a[1]) { Value::Bool(true) } else { Value::Obj(types().not_implemented.clone()) })
}

/// `object.__ne__`: the inverse of `type(self).__eq__(other)`, NotImplemented passing through.
fn object_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__ne__", args, kwargs).exact(2)?;
    let eq = match type_::lookup(a[0].ty(), "__eq__") {
        Some(f) if !type_::native_is(&f, &types().object, "__eq__") => type_::call_special(&f, &a[0], &a[1..], &[])?,
        _ => object_eq(a, &[])?,
    };
    if eq.is(&Value::Obj(types().not_implemented.clone())) {
        return Ok(eq);
    }
    Ok(Value::Bool(!ops::truthy(&eq)?))
}

fn object_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__hash__", args, kwargs).exact(1)?;
    Ok(Value::Int(a[0].id() >> 4))
}

fn object_getattribute(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__getattribute__", args, kwargs).exact(2)?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_getattr(&a[0], name)
}

fn object_setattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__setattr__", args, kwargs).exact(3)?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_setattr(&a[0], name, a[2].clone())?;
    Ok(Value::None)
}

fn object_delattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__delattr__", args, kwargs).exact(2)?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_delattr(&a[0], name)?;
    Ok(Value::None)
}

/// `object.__dir__(self)`: the instance's `__dict__` keys and the names along its class's MRO.
fn object_dir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__dir__", args, kwargs).exact(1)?;
    let mut names: Vec<Value> = Vec::new();
    let mut add = |d: &ObjRef| {
        for k in dict::keys(d) {
            if !names.iter().any(|n| n.as_str() == k.as_str()) {
                names.push(k);
            }
        }
    };
    if let Some(o) = a[0].as_obj() {
        if let Some(d) = type_::instance_dict(o) {
            add(&d);
        }
    }
    let mro = type_obj(a[0].ty()).mro.read().clone();
    for t in &mro {
        add(&type_obj(t).dict);
    }
    if !names.iter().any(|n| n.as_str() == Some("__class__")) {
        names.push(Value::from("__class__"));
    }
    Ok(list::new_list(names))
}

/// `object.__subclasshook__`: NotImplemented (let the normal mechanism decide).
fn object_subclasshook(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Obj(types().not_implemented.clone()))
}

fn object_format(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__format__", args, kwargs).exact(2)?;
    if a[1].as_str().is_some_and(|s| !s.is_empty()) {
        return Err(type_error(format!("unsupported format string passed to {}.__format__", a[0].type_name())));
    }
    Ok(Value::from(ops::format::str_of(&a[0])?))
}

/// `object.__lt__` and friends: ordering is not defined for plain objects.
fn object_not_implemented(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Obj(types().not_implemented.clone()))
}

/// `object.__sizeof__`: the size of the object header and payload in bytes.
fn object_sizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("object.__sizeof__", args, kwargs).exact(1)?;
    Ok(Value::Int(std::mem::size_of::<crate::object::Object>() as i64))
}

/// `object.__reduce__()`: CPython's `_common_reduce(self, 0)`, which is `copyreg._reduce_ex(self, 0)`.
fn object_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__reduce__", args, kwargs).exact(1)?;
    common_reduce(&a[0], 0)
}

/// `object.__reduce_ex__(protocol)`: a class's own `__reduce__` when it overrides `object`'s, else the
/// protocol's default reduction.
fn object_reduce_ex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__reduce_ex__", args, kwargs).exact(2)?;
    let proto = int::as_i64(&ops::number::index(&a[1])?).unwrap_or(i64::MAX);
    if let Some(r) = type_::lookup(a[0].ty(), "__reduce__") {
        if !type_::native_is(&r, &types().object, "__reduce__") {
            let bound = ops::attr::getattr_str(&a[0], "__reduce__")?;
            return ops::call::call(&bound, &[], &[]);
        }
    }
    common_reduce(&a[0], proto)
}

fn common_reduce(this: &Value, proto: i64) -> PyResult<Value> {
    let copyreg = crate::import::import_dotted("copyreg")?;
    if proto < 2 {
        let f = ops::attr::getattr_str(&copyreg, "_reduce_ex")?;
        return ops::call::call(&f, &[this.clone(), Value::Int(proto)], &[]);
    }
    // CPython's `reduce_newobj`: `copyreg.__newobj__(cls, *args)` (or `__newobj_ex__` with keyword
    // arguments), the state, and the items of list and dict subclasses.
    let cls = Value::Obj(this.ty().clone());
    let (args, kw) = match ops::attr::getattr_opt(this, "__getnewargs_ex__")? {
        Some(f) => {
            let r = ops::call::call(&f, &[], &[])?;
            match r.as_tuple() {
                Some([a, k]) if a.as_tuple().is_some() && dict::is_dict(k) => (a.clone(), Some(k.clone())),
                _ => return Err(type_error("__getnewargs_ex__ should return a tuple of length 2")),
            }
        }
        None => match ops::attr::getattr_opt(this, "__getnewargs__")? {
            Some(f) => {
                let r = ops::call::call(&f, &[], &[])?;
                if r.as_tuple().is_none() {
                    return Err(type_error(format!("__getnewargs__ should return a tuple, not '{}'", r.type_name())));
                }
                (r, None)
            }
            None => (tuple::new_tuple(Vec::new()), None),
        },
    };
    let state = match ops::attr::getattr_opt(this, "__getstate__")? {
        Some(f) => ops::call::call(&f, &[], &[])?,
        None => Value::None,
    };
    let (creator, creator_args) = match kw.filter(|k| k.as_obj().is_some_and(|d| dict::len(d) > 0)) {
        Some(k) => (ops::attr::getattr_str(&copyreg, "__newobj_ex__")?, tuple::new_tuple_array([cls, args, k])),
        None => {
            let mut v = vec![cls];
            v.extend(args.as_tuple().unwrap_or(&[]).iter().cloned());
            (ops::attr::getattr_str(&copyreg, "__newobj__")?, tuple::new_tuple(v))
        }
    };
    let listitems = if matches!(this.payload(), Some(Payload::List(_))) { ops::iter::iter(this)? } else { Value::None };
    let dictitems = if matches!(this.payload(), Some(Payload::Dict(_))) {
        let items = ops::attr::getattr_str(this, "items")?;
        ops::iter::iter(&ops::call::call(&items, &[], &[])?)?
    } else {
        Value::None
    };
    Ok(tuple::new_tuple_array([creator, creator_args, state, listitems, dictitems]))
}

/// `object.__getstate__`: the instance `__dict__` (None when it is empty or absent), paired with a dict of
/// the set `__slots__` values (named by `copyreg._slotnames`, as CPython does) when the class has slots.
fn object_getstate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__getstate__", args, kwargs).exact(1)?;
    let this = &a[0];
    let state = match this.as_obj().and_then(type_::instance_dict) {
        Some(d) if dict::len(&d) > 0 => Value::Obj(d),
        _ => Value::None,
    };
    let ty = this.ty();
    let t = type_obj(ty);
    if !t.heap || !(t.slot_array || t.slot_storage) {
        return Ok(state);
    }
    let copyreg = crate::import::import_dotted("copyreg")?;
    let names = ops::call::call(&ops::attr::getattr_str(&copyreg, "_slotnames")?, &[Value::Obj(ty.clone())], &[])?;
    let slots = dict::new_dict_obj();
    for name in ops::iter::collect(&names)? {
        if let Some(v) = ops::attr::getattr_opt(this, name.as_str().unwrap_or(""))? {
            dict::set(&slots, name, v)?;
        }
    }
    if dict::len(&slots) == 0 {
        return Ok(state);
    }
    Ok(tuple::new_tuple_array([state, Value::Obj(slots)]))
}

pub fn register() {
    let t = types();
    crate::builtins::add_methods(
        &t.object,
        &[
            ("__init__", object_init),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__getattribute__", object_getattribute),
            ("__setattr__", object_setattr),
            ("__delattr__", object_delattr),
            ("__format__", object_format),
            ("__lt__", object_not_implemented),
            ("__le__", object_not_implemented),
            ("__gt__", object_not_implemented),
            ("__ge__", object_not_implemented),
            ("__sizeof__", object_sizeof),
            ("__reduce__", object_reduce),
            ("__reduce_ex__", object_reduce_ex),
            ("__getstate__", object_getstate),
            ("__dir__", object_dir),
        ],
    );
    // `__new__` is a static method, and `__init_subclass__`/`__subclasshook__` class methods, as in CPython.
    let d = &type_obj(&t.object).dict;
    dict::set_str(d, "__class__", crate::builtins::descriptor::new_getset(&t.object, "__class__"));
    let new = crate::builtins::function::new_builtin("__new__", object_new, Some(t.object.clone()));
    dict::set_str(d, "__new__", static_method(new));
    for (name, f) in [
        ("__init_subclass__", type_::object_init_subclass as crate::builtins::function::NativeFn),
        ("__subclasshook__", object_subclasshook),
    ] {
        let b = crate::builtins::function::new_builtin(name, f, Some(t.object.clone()));
        dict::set_str(d, name, class_method(b));
    }
    // Every built-in type that Python code can subclass gets its own `__new__`, so `super().__new__(cls, ...)`
    // in a subclass reaches the right constructor (CPython's `tp_new` of each).
    let news: [(&ObjRef, &'static str, crate::builtins::function::NativeFn); 15] = [
        (&t.int, "__new__", int_new),
        (&t.float, "__new__", float_new),
        (&t.complex, "__new__", complex_new),
        (&t.str, "__new__", str_new),
        (&t.bytes, "__new__", bytes_new),
        (&t.tuple, "__new__", tuple_new),
        (&t.frozenset, "__new__", frozenset_new),
        (&t.property, "__new__", property_new),
        (&t.classmethod, "__new__", classmethod_new),
        (&t.staticmethod, "__new__", staticmethod_new),
        (&t.list, "__new__", list_new),
        (&t.dict, "__new__", dict_new),
        (&t.set, "__new__", set_new),
        (&t.bytearray, "__new__", bytearray_new),
        (&t.exceptions[0], "__new__", exception_new),
    ];
    for (ty, name, f) in news {
        let b = crate::builtins::function::new_builtin(name, f, Some(ty.clone()));
        dict::set_str(&type_obj(ty).dict, name, static_method(b));
        type_obj(ty).modified();
    }
}

/// Wraps a callable as a `classmethod`.
pub fn class_method(f: Value) -> Value {
    Value::Obj(
        ObjRef::new(
            &types().classmethod,
            Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::ClassMethod(f)),
        )
        .make_immortal(),
    )
}

/// Wraps a callable as a `staticmethod`.
pub fn static_method(f: Value) -> Value {
    Value::Obj(
        ObjRef::new(
            &types().staticmethod,
            Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f)),
        )
        .make_immortal(),
    )
}
