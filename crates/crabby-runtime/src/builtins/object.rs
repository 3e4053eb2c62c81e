//! `object`: the root of every class, instance creation, and the constructors of the built-in types
//! (`int(...)`, `list(...)`, ... : CPython's `tp_new` of each).

use parking_lot::RwLock;

use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::type_::{self, type_obj, Layout};
use crate::builtins::{dict, float, int, list, range, set, slice, str, tuple, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// A new instance of a user class, with the payload its built-in base needs (`object.__new__`).
pub fn new_instance(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = type_obj(ty);
    let payload = match t.layout {
        Layout::Object => Payload::Instance,
        Layout::Exception => Payload::Exception(exceptions::ExceptionObj::new(tuple::new_tuple(args.to_vec()))),
        Layout::List => Payload::List(RwLock::new(Vec::new())),
        Layout::Dict => Payload::Dict(dict::DictObj::new()),
        Layout::Set | Layout::FrozenSet => {
            let o = ObjRef::with_dict(ty, Payload::Set(set::SetObj::new()), t.instance_dict.then(dict::new_dict_obj));
            if t.layout == Layout::FrozenSet {
                if let Some(it) = args.first() {
                    for v in ops::iter::collect(it)? {
                        set::add(&o, v)?;
                    }
                }
            }
            return Ok(Value::Obj(o));
        }
        _ => {
            // Immutable built-in bases (int, str, tuple, float): the value comes from the base constructor.
            let base = t.mro.read().iter().find(|b| !type_obj(b).heap).cloned().unwrap_or_else(|| types().object.clone());
            let v = construct_builtin(&base, args, kwargs)?;
            return Ok(Value::Obj(rebox(v, ty)));
        }
    };
    let d = t.instance_dict.then(dict::new_dict_obj);
    Ok(Value::Obj(ObjRef::with_dict(ty, payload, d)))
}

/// Re-boxes an immutable built-in value as an instance of a subclass.
fn rebox(v: Value, ty: &ObjRef) -> ObjRef {
    let payload = match v {
        Value::Int(i) => Payload::Int(num_bigint::BigInt::from(i)),
        Value::Bool(b) => Payload::Int(num_bigint::BigInt::from(b as i64)),
        Value::Float(f) => Payload::Float(f),
        Value::Obj(o) => match &o.payload {
            Payload::Int(b) => Payload::Int(b.clone()),
            Payload::Float(f) => Payload::Float(*f),
            Payload::Str(s) => Payload::Str(str::PyStr::new(s.as_str())),
            Payload::Tuple(t) => Payload::Tuple(t.clone()),
            Payload::Bytes(b) => Payload::Bytes(b.clone()),
            Payload::Complex(a, b) => Payload::Complex(*a, *b),
            _ => Payload::Instance,
        },
        Value::None => Payload::Instance,
    };
    ObjRef::with_dict(ty, payload, Some(dict::new_dict_obj()))
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
            int::parse_int_bytes(&b, base, true)
        }
        _ => int::parse_int_bytes(&int::transform_decimal_and_space(x.as_str().unwrap_or("")), base, true),
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
    Ok(int::from_bigint(num_bigint::BigInt::from(t as i128).max(
        num_traits::FromPrimitive::from_f64(t).unwrap_or_default(),
    )))
}

/// Parses the text of `float(s)`: CPython's `PyFloat_FromString` (Unicode digits and spaces, underscores
/// between digits, `inf`/`infinity`/`nan` in any case, white space around).
pub fn parse_float(s: &str) -> Option<f64> {
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
    // A str subclass with `__float__` uses it; plain text is parsed.
    let has_float = type_::lookup(x.ty(), "__float__").is_some();
    if let Some(parsed) = text {
        if !has_float || !type_::type_obj(x.ty()).heap {
            return parsed
                .map(Value::Float)
                .ok_or_else(|| value_error(format!("could not convert string to float: {}", ops::format::repr(x).unwrap_or_default())));
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
                    "latin-1" | "latin1" | "iso-8859-1" => Ok(Value::from(b.iter().map(|&c| c as char).collect::<String>())),
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
    if let Some(Payload::Dict(_)) = src.payload() {
        return dict::update_from_dict(d, src.as_obj().expect("dict"));
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
                return Err(type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )))
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

fn construct_range(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("range() takes no keyword arguments"));
    }
    let idx = |v: &Value| -> PyResult<i64> {
        let i = ops::number::index(v)?;
        int::as_i64(&i).ok_or_else(|| crate::error::not_implemented("crabby does not support range() bounds beyond 64 bits yet"))
    };
    match args.len() {
        0 => Err(type_error("range expected at least 1 argument, got 0")),
        1 => Ok(range::new_range(0, idx(&args[0])?, 1)),
        2 => Ok(range::new_range(idx(&args[0])?, idx(&args[1])?, 1)),
        3 => {
            let step = idx(&args[2])?;
            if step == 0 {
                return Err(value_error("range() arg 3 must not be zero"));
            }
            Ok(range::new_range(idx(&args[0])?, idx(&args[1])?, step))
        }
        n => Err(type_error(format!("range expected at most 3 arguments, got {n}"))),
    }
}

/// The constructors of built-in types (`tp_new` followed by `tp_init`).
pub fn construct_builtin(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = types();
    if ty.ptr_eq(&t.type_) {
        if args.len() == 1 && kwargs.is_empty() {
            return Ok(Value::Obj(args[0].ty().clone()));
        }
        if args.len() != 3 {
            return Err(type_error("type() takes 1 or 3 arguments"));
        }
        let name = args[0].as_str().ok_or_else(|| type_error(format!("type.__new__() argument 1 must be str, not {}", args[0].type_name())))?;
        let bases: Vec<ObjRef> = args[1]
            .as_tuple()
            .ok_or_else(|| type_error(format!("type.__new__() argument 2 must be tuple, not {}", args[1].type_name())))?
            .iter()
            .filter_map(|b| b.as_obj().cloned())
            .collect();
        let ns = args[2].as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))).ok_or_else(|| {
            type_error(format!("type.__new__() argument 3 must be dict, not {}", args[2].type_name()))
        })?;
        let cls = type_::new_class(name, name, bases, ns)?;
        if dict::get_str(ns, "__module__").is_none() {
            dict::set_str(&type_obj(cls.as_obj().expect("class")).dict, "__module__", Value::from("__main__"));
        }
        return Ok(cls);
    }
    if ty.ptr_eq(&t.object) {
        if !args.is_empty() || !kwargs.is_empty() {
            return Err(type_error("object() takes no arguments"));
        }
        return Ok(Value::Obj(ObjRef::new(&t.object, Payload::Instance)));
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
                set::new_set(ops::iter::collect(x)?, frozen)
            }
        };
    }
    if ty.ptr_eq(&t.range) {
        return construct_range(args, kwargs);
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
    if exceptions::is_exception_type(ty) {
        if !kwargs.is_empty() {
            return Err(type_error(format!("{}() takes no keyword arguments", type_::type_name(ty))));
        }
        return Ok(Value::Obj(exceptions::new_exception_of(ty, args.to_vec())));
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


fn object_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 1 || !kwargs.is_empty() {
        let this = &args[0];
        let ty = this.ty();
        let init_overridden = type_::lookup(ty, "__init__").is_some_and(|f| matches!(f.payload(), Some(Payload::Function(_))));
        let new_overridden = type_::lookup(ty, "__new__").is_some_and(|f| !matches!(f.payload(), Some(Payload::Descriptor(_))));
        if init_overridden || !new_overridden {
            return Err(type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
    }
    Ok(Value::None)
}

fn object_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args.first() else {
        return Err(type_error("object.__new__(): not enough arguments"));
    };
    let Some(Payload::Type(_)) = cls.payload() else {
        return Err(type_error(format!("object.__new__(X): X is not a type object ({})", cls.type_name())));
    };
    let ty = cls.as_obj().expect("type");
    if !type_obj(ty).heap {
        return construct_builtin(ty, &args[1..], kwargs);
    }
    new_instance(ty, &args[1..], &[])
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

fn object_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__ne__", args, kwargs).exact(2)?;
    let eq = ops::compare::richcmp(&a[0], &a[1], ops::compare::CmpOp::Eq)?;
    if eq.is(&Value::Obj(types().not_implemented.clone())) {
        return Ok(eq);
    }
    Ok(Value::Bool(!ops::truthy(&eq)?))
}

fn object_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__hash__", args, kwargs).exact(1)?;
    Ok(Value::Int((a[0].id() >> 4) as i64))
}

fn object_getattribute(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__getattribute__", args, kwargs).exact(2)?;
    let name = a[1].as_str().ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_getattr(&a[0], name)
}

fn object_setattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__setattr__", args, kwargs).exact(3)?;
    let name = a[1].as_str().ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_setattr(&a[0], name, a[2].clone())?;
    Ok(Value::None)
}

fn object_delattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__delattr__", args, kwargs).exact(2)?;
    if let Value::Obj(o) = &a[0] {
        if let Some(d) = &o.dict {
            if dict::remove(d, &a[1])?.is_some() {
                return Ok(Value::None);
            }
        }
    }
    Err(crate::error::attribute_error(format!(
        "'{}' object has no attribute '{}'",
        a[0].type_name(),
        a[1].as_str().unwrap_or("")
    )))
}

fn object_format(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("object.__format__", args, kwargs).exact(2)?;
    if a[1].as_str().is_some_and(|s| !s.is_empty()) {
        return Err(type_error(format!("unsupported format string passed to {}.__format__", a[0].type_name())));
    }
    Ok(Value::from(ops::format::str_of(&a[0])?))
}

fn object_init_subclass(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
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
        ],
    );
    // `__new__` is a static method, and `__init_subclass__` a class method, as in CPython.
    let d = &type_obj(&t.object).dict;
    let new = crate::builtins::function::new_builtin("__new__", object_new, None);
    dict::set_str(d, "__new__", static_method(new));
    let isc = crate::builtins::function::new_builtin("__init_subclass__", object_init_subclass, None);
    dict::set_str(d, "__init_subclass__", Value::Obj(ObjRef::new(&t.classmethod, Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::ClassMethod(isc)))));
}

/// Wraps a callable as a `staticmethod`.
pub fn static_method(f: Value) -> Value {
    Value::Obj(ObjRef::new(&types().staticmethod, Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f))).make_immortal())
}
