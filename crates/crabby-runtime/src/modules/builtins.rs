//! The `builtins` module: built-in functions, and the namespace every module falls back to.

use std::sync::OnceLock;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use parking_lot::Mutex;

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::exceptions::{ExcKind, EXC_TABLE};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::new_iter;
use crate::builtins::type_::{self, type_obj};
use crate::builtins::{dict, float, int, list, tuple, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops::args::Args;
use crate::ops::iter::FnIter;
use crate::ops::{self, compare, format, number};
use crate::Value;

static BUILTINS_DICT: OnceLock<ObjRef> = OnceLock::new();

/// The `builtins` namespace dict, made on first use. Inlined: every global-site hit in generated code reads it.
#[inline]
pub fn builtins_dict() -> &'static ObjRef {
    match BUILTINS_DICT.get() {
        Some(d) => d,
        None => make_builtins_dict(),
    }
}

#[cold]
fn make_builtins_dict() -> &'static ObjRef {
    BUILTINS_DICT.get_or_init(|| {
        let d = dict::new_dict_obj().make_immortal();
        let t = types();
        dict::set_str(&d, "__name__", Value::from("builtins"));
        for (name, ty) in [
            ("object", &t.object),
            ("type", &t.type_),
            ("int", &t.int),
            ("bool", &t.bool),
            ("float", &t.float),
            ("complex", &t.complex),
            ("str", &t.str),
            ("bytes", &t.bytes),
            ("bytearray", &t.bytearray),
            ("tuple", &t.tuple),
            ("list", &t.list),
            ("dict", &t.dict),
            ("set", &t.set),
            ("frozenset", &t.frozenset),
            ("range", &t.range),
            ("slice", &t.slice),
            ("property", &t.property),
            ("classmethod", &t.classmethod),
            ("staticmethod", &t.staticmethod),
            ("super", &t.super_),
        ] {
            dict::set_str(&d, name, Value::Obj(ty.clone()));
        }
        dict::set_str(&d, "memoryview", Value::Obj(crate::builtins::memoryview::memoryview_type().clone()));
        dict::set_str(&d, "open", crate::modules::io::open_function());
        for name in ["enumerate", "zip", "map", "filter", "reversed"] {
            dict::set_str(&d, name, Value::Obj(crate::builtins::iter::iter_type(name).clone()));
        }
        dict::set_str(&d, "BaseException", Value::Obj(t.exceptions[0].clone()));
        for (kind, name, _) in EXC_TABLE {
            dict::set_str(&d, name, Value::Obj(t.exception(*kind).clone()));
        }
        dict::set_str(&d, "EnvironmentError", Value::Obj(t.exception(ExcKind::OSError).clone()));
        dict::set_str(&d, "IOError", Value::Obj(t.exception(ExcKind::OSError).clone()));
        dict::set_str(&d, "NotImplemented", Value::Obj(t.not_implemented.clone()));
        dict::set_str(&d, "Ellipsis", Value::Obj(t.ellipsis.clone()));
        dict::set_str(&d, "__debug__", Value::Bool(true));
        for (name, f) in FUNCTIONS.iter().chain(crate::eval::BUILTINS) {
            dict::set_str(&d, name, new_builtin(name, *f, None));
        }
        d
    })
}

/// The `builtins` module object.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = ObjRef::with_dict(
            &types().module,
            Payload::Module(crate::builtins::module::ModuleObj { name: "builtins".into() }),
            Some(builtins_dict().clone()),
        );
        m.make_immortal()
    })
    .clone())
}

/// Looks a name up in builtins.
pub fn lookup(name: &str) -> Option<Value> {
    dict::get_str(builtins_dict(), name)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", print),
    ("len", len),
    ("repr", repr),
    ("ascii", ascii),
    ("isinstance", isinstance),
    ("issubclass", issubclass),
    ("abs", abs),
    ("min", min),
    ("max", max),
    ("sum", sum),
    ("sorted", sorted),
    ("any", any),
    ("all", all),
    ("chr", chr),
    ("ord", ord),
    ("hex", hex),
    ("oct", oct),
    ("bin", bin),
    ("divmod", divmod),
    ("pow", pow),
    ("round", round),
    ("hash", hash),
    ("id", id),
    ("iter", iter),
    ("next", next),
    ("callable", callable),
    ("getattr", getattr),
    ("setattr", setattr),
    ("hasattr", hasattr),
    ("delattr", delattr),
    ("format", format_),
    ("input", input),
    ("exit", exit),
    ("quit", exit),
    ("globals", frame_only),
    ("locals", frame_only),
    ("vars", vars),
    ("dir", dir),
    ("aiter", aiter_),
    ("anext", anext_),
    ("__import__", import_),
    ("__build_class__", build_class_),
];

/// `globals()`/`locals()` reached without the compiler seeing the call (e.g. through another name).
fn frame_only(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(crate::error::not_implemented("crabby does not support calling globals() or locals() through another name yet"))
}

fn vars(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("vars", args, kwargs).between(0, 1)?;
    let Some(o) = a.first() else { return frame_only(args, kwargs) };
    match ops::attr::getattr_opt(o, "__dict__")? {
        Some(d) => Ok(d),
        None => Err(type_error("vars() argument must have __dict__ attribute")),
    }
}

/// `dir(obj)`: `__dir__` if the class defines one, else the instance's and its class's attribute names.
fn dir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("dir", args, kwargs).between(0, 1)?;
    let Some(o) = a.first() else { return frame_only(args, kwargs) };
    if type_obj(o.ty()).heap {
        if let Some(f) = type_::lookup(o.ty(), "__dir__") {
            if matches!(f.payload(), Some(Payload::Function(_))) {
                let r = ops::call::call_with_self(&f, o, &[], &[])?;
                let mut items = ops::iter::collect(&r)?;
                list::sort_values(&mut items, None, false)?;
                return Ok(list::new_list(items));
            }
        }
    }
    let mut names: Vec<Value> = Vec::new();
    let add_dict = |d: &ObjRef, names: &mut Vec<Value>| {
        for k in dict::keys(d) {
            if !names.iter().any(|n| n.as_str() == k.as_str()) {
                names.push(k);
            }
        }
    };
    match o.payload() {
        Some(Payload::Module(_)) => {
            if let Some(d) = o.as_obj().and_then(|m| m.dict().cloned()) {
                add_dict(&d, &mut names);
            }
        }
        Some(Payload::Type(t)) => {
            for base in t.mro.read().iter() {
                add_dict(&type_obj(base).dict, &mut names);
            }
        }
        _ => {
            if let Some(d) = o.as_obj().and_then(|m| m.dict().cloned()) {
                add_dict(&d, &mut names);
            }
            for base in type_obj(o.ty()).mro.read().iter() {
                add_dict(&type_obj(base).dict, &mut names);
            }
            if !names.iter().any(|n| n.as_str() == Some("__class__")) {
                names.push(Value::from("__class__"));
            }
        }
    }
    names.retain(|n| n.as_str().is_some());
    list::sort_values(&mut names, None, false)?;
    Ok(list::new_list(names))
}

fn aiter_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("aiter", args, kwargs).exact(1)?;
    crate::builtins::generator::aiter(&a[0])
}

fn anext_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("anext", args, kwargs).between(1, 2)?;
    let it = &a[0];
    if type_::lookup(it.ty(), "__anext__").is_none() {
        return Err(type_error(format!("'{}' object is not an async iterator", it.type_name())));
    }
    let awaitable = ops::call::call_method(&Value::from("__anext__"), std::slice::from_ref(it), &[])?;
    match a.get(1) {
        None => Ok(awaitable),
        Some(default) => Ok(crate::builtins::generator::anext_with_default(awaitable, default.clone())),
    }
}

fn import_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__import__", args, kwargs).bind(&["name", "globals", "locals", "fromlist", "level"], 1)?;
    let name = a[0].clone().unwrap_or_default();
    let Some(n) = name.as_str() else {
        return Err(type_error(format!("__import__() argument 1 must be str, not {}", name.type_name())));
    };
    let level = a[4].as_ref().and_then(crate::builtins::int::as_i64).unwrap_or(0);
    if level != 0 {
        return Err(crate::error::not_implemented("crabby does not support relative __import__ yet"));
    }
    let fromlist = a[3].as_ref().map(ops::truthy).transpose()?.unwrap_or(false);
    let leaf = crate::import::import_dotted(n)?;
    if fromlist {
        return Ok(leaf);
    }
    crate::rt::import_module(&name)
}

fn build_class_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error("__build_class__: not enough arguments"));
    }
    let qualname = ops::attr::getattr_opt(&args[0], "__qualname__")?.unwrap_or_else(|| args[1].clone());
    crate::rt::build_class(&args[0], &args[1], &qualname, args[2..].to_vec(), kwargs.to_vec())
}

fn print(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in kwargs {
        let name = k.as_str().unwrap_or("");
        let text = |what: &str| -> PyResult<Option<String>> {
            match v {
                Value::None => Ok(None),
                _ => match v.as_str() {
                    Some(s) => Ok(Some(s.to_string())),
                    None => Err(type_error(format!("{what} must be None or a string, not {}", v.type_name()))),
                },
            }
        };
        match name {
            "sep" => sep = text("sep")?.unwrap_or_else(|| " ".into()),
            "end" => end = text("end")?.unwrap_or_else(|| "\n".into()),
            "file" => file = v.clone(),
            "flush" => flush = ops::truthy(v)?,
            _ => return Err(type_error(format!("'{name}' is an invalid keyword argument for print()"))),
        }
    }
    if file.is_none() {
        if let Some(f) = crate::modules::sys::current_stdout() {
            // `print()` with `sys.stdout = None` prints nothing, as in CPython.
            if f.is_none() {
                return Ok(Value::None);
            }
            file = f;
        }
    }
    let native = crate::modules::sys::stream_kind(&file);
    if !file.is_none() && native.is_none() {
        // A Python file object gets one write per piece, as CPython's print does.
        let write = |text: String| -> PyResult<()> {
            ops::call::call_method(&Value::from("write"), &[file.clone(), Value::from(text)], &[])?;
            Ok(())
        };
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                write(sep.clone())?;
            }
            write(format::str_of(a)?)?;
        }
        write(end)?;
        if flush {
            ops::call::call_method(&Value::from("flush"), &[file], &[])?;
        }
        return Ok(Value::None);
    }
    // The real stdout gets the whole line in one write, so lines from racing threads never interleave.
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&format::str_of(a)?);
    }
    out.push_str(&end);
    crate::modules::io::stdio::write_std(native.unwrap_or(1), &out, flush)?;
    Ok(Value::None)
}

/// The built-in `len`, for `ops::call::call_len` to recognise.
pub(crate) fn len_fn() -> crate::builtins::function::NativeFn {
    len
}

fn len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("len", args, kwargs).exact(1)?;
    Ok(Value::Int(ops::len(&a[0])? as i64))
}

fn repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("repr", args, kwargs).exact(1)?;
    Ok(Value::from(format::repr(&a[0])?))
}

fn ascii(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("ascii", args, kwargs).exact(1)?;
    Ok(Value::from(format::ascii(&a[0])?))
}

/// `isinstance(v, cls)` for a class or a tuple of classes.
/// `isinstance(v, cls)`, with `__instancecheck__` (see `type_::isinstance`).
pub fn is_instance(v: &Value, cls: &Value) -> PyResult<bool> {
    type_::isinstance(v, cls)
}

fn isinstance(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // The usual call, two positional arguments, needs no argument parsing.
    if let ([v, cls], []) = (args, kwargs) {
        return Ok(Value::Bool(is_instance(v, cls)?));
    }
    if !kwargs.is_empty() {
        return Err(type_error("isinstance() takes no keyword arguments"));
    }
    let a = Args::new("isinstance", args, kwargs)
        .between(2, 2)
        .map_err(|_| type_error(format!("isinstance expected 2 arguments, got {}", args.len())))?;
    Ok(Value::Bool(is_instance(&a[0], &a[1])?))
}

/// `issubclass(c, cls)`, with `__subclasscheck__` (see `type_::issubclass`).
pub fn is_subclass(c: &Value, cls: &Value) -> PyResult<bool> {
    type_::issubclass(c, cls)
}

fn issubclass(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("issubclass() takes no keyword arguments"));
    }
    let a = Args::new("issubclass", args, kwargs)
        .between(2, 2)
        .map_err(|_| type_error(format!("issubclass expected 2 arguments, got {}", args.len())))?;
    Ok(Value::Bool(is_subclass(&a[0], &a[1])?))
}

fn abs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("abs", args, kwargs).exact(1)?;
    let v = &a[0];
    match v {
        Value::Int(i) => {
            Ok(i.checked_abs().map(Value::Int).unwrap_or_else(|| int::from_bigint(BigInt::from(*i).abs())))
        }
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        _ => {
            if !type_obj(v.ty()).heap {
                if let Some(b) = int::to_bigint(v) {
                    return Ok(int::from_bigint(b.abs()));
                }
                if let Some(f) = float::as_f64(v) {
                    return Ok(Value::Float(f.abs()));
                }
                if let Some(Payload::Complex(re, im)) = v.payload() {
                    return crate::builtins::complex::complex_abs(*re, *im).map(Value::Float);
                }
            }
            match type_::lookup(v.ty(), "__abs__") {
                Some(f) => ops::call::call_with_self(&f, v, &[], &[]),
                None => Err(type_error(format!("bad operand type for abs(): '{}'", v.type_name()))),
            }
        }
    }
}

fn min_max(name: &str, args: &[Value], kwargs: &[(Value, Value)], op: compare::CmpOp) -> PyResult<Value> {
    let mut key = Value::None;
    let mut default: Option<Value> = None;
    for (k, v) in kwargs {
        match k.as_str().unwrap_or("") {
            "key" => key = v.clone(),
            "default" => default = Some(v.clone()),
            other => return Err(type_error(format!("{name}() got an unexpected keyword argument '{other}'"))),
        }
    }
    // The iterable is consumed one item at a time, each compared as it comes: a key function with side
    // effects sees CPython's order of calls, interleaved with the iterator's.
    let mut best: Option<(Value, Value)> = None;
    let mut consider = |item: Value| -> PyResult<()> {
        let k = if key.is_none() { item.clone() } else { ops::call::call(&key, std::slice::from_ref(&item), &[])? };
        best = match best.take() {
            None => Some((k, item)),
            Some((bk, bv)) => {
                if ops::truthy(&compare::richcmp(&k, &bk, op)?)? {
                    Some((k, item))
                } else {
                    Some((bk, bv))
                }
            }
        };
        Ok(())
    };
    match args.len() {
        0 => return Err(type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => {
            let it = ops::iter::iter(&args[0])?;
            while let Some(item) = ops::iter::next(&it)? {
                consider(item)?;
            }
        }
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            for item in args {
                consider(item.clone())?;
            }
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => default.ok_or_else(|| value_error(format!("{name}() iterable argument is empty"))),
    }
}

fn min(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    min_max("min", args, kwargs, compare::CmpOp::Lt)
}

fn max(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    min_max("max", args, kwargs, compare::CmpOp::Gt)
}

fn sum(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("sum", args, kwargs).bind(&["iterable", "start"], 1)?;
    let acc = a[1].clone().unwrap_or(Value::Int(0));
    if acc.as_str().is_some() {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if matches!(acc.payload(), Some(Payload::Bytes(_))) {
        return Err(type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let it = ops::iter::iter(a[0].as_ref().expect("required"))?;
    let mut acc = ops::reduce::SumAcc::new(acc);
    while let Some(x) = ops::iter::next(&it)? {
        acc.add(x)?;
    }
    Ok(acc.finish())
}

/// The native function behind each reducing built-in (`ops::reduce::is_reducer` compares with it).
pub(crate) fn reducer_fn(kind: ops::reduce::Reduce) -> Option<crate::builtins::function::NativeFn> {
    use ops::reduce::Reduce;
    match kind {
        Reduce::Sum => Some(sum),
        Reduce::Any => Some(any),
        Reduce::All => Some(all),
        Reduce::Min => Some(min),
        Reduce::Max => Some(max),
        Reduce::List | Reduce::Tuple => None,
    }
}

fn sorted(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(type_error(format!("sorted expected 1 argument, got {}", args.len())));
    }
    let mut items = ops::iter::collect(&args[0])?;
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in kwargs {
        match k.as_str().unwrap_or("") {
            "key" => key = v.clone(),
            "reverse" => reverse = ops::truthy(v)?,
            other => return Err(type_error(format!("sort() got an unexpected keyword argument '{other}'"))),
        }
    }
    let keys = if key.is_none() {
        None
    } else {
        Some(items.iter().map(|i| ops::call::call(&key, std::slice::from_ref(i), &[])).collect::<PyResult<Vec<_>>>()?)
    };
    list::sort_values(&mut items, keys, reverse)?;
    Ok(list::new_list(items))
}

fn any(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("any", args, kwargs).exact(1)?;
    let it = ops::iter::iter(&a[0])?;
    while let Some(x) = ops::iter::next(&it)? {
        if ops::truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("all", args, kwargs).exact(1)?;
    let it = ops::iter::iter(&a[0])?;
    while let Some(x) = ops::iter::next(&it)? {
        if !ops::truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn chr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("chr", args, kwargs).exact(1)?;
    let i = number::index(&a[0])?;
    match int::as_i64(&i) {
        Some(n) if (0..0x110000).contains(&n) => match char::from_u32(n as u32) {
            Some(c) => Ok(Value::from(c.to_string())),
            None => Err(crate::error::not_implemented("crabby does not support lone surrogates in str yet")),
        },
        Some(_) => Err(value_error("chr() arg not in range(0x110000)")),
        None => Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C int")),
    }
}

fn ord(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("ord", args, kwargs).exact(1)?;
    if let Some(s) = a[0].as_str() {
        let n = s.chars().count();
        if n != 1 {
            return Err(type_error(format!("ord() expected a character, but string of length {n} found")));
        }
        return Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64)));
    }
    if let Some(Payload::Bytes(b)) = a[0].payload() {
        if b.len() != 1 {
            return Err(type_error(format!("ord() expected a character, but string of length {} found", b.len())));
        }
        return Ok(Value::Int(b[0] as i64));
    }
    Err(type_error(format!("ord() expected string of length 1, but {} found", a[0].type_name())))
}

fn radix(name: &str, args: &[Value], kwargs: &[(Value, Value)], r: u32, prefix: &str) -> PyResult<Value> {
    let a = Args::new(name, args, kwargs).exact(1)?;
    let i = number::index(&a[0])?;
    let b = int::to_bigint(&i).unwrap_or_default();
    let sign = if b.is_negative() { "-" } else { "" };
    Ok(Value::from(format!("{sign}{prefix}{}", b.abs().to_str_radix(r))))
}

fn hex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    radix("hex", args, kwargs, 16, "0x")
}
fn oct(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    radix("oct", args, kwargs, 8, "0o")
}
fn bin(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    radix("bin", args, kwargs, 2, "0b")
}

fn divmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("divmod", args, kwargs)
        .between(2, 2)
        .map_err(|_| type_error(format!("divmod expected 2 arguments, got {}", args.len())))?;
    let (x, y) = (&a[0], &a[1]);
    if let Some(r) = number::divmod_slot(x, y)? {
        return Ok(r);
    }
    if int::is_int(x) && int::is_int(y) && int::to_bigint(y).is_some_and(|b| b.is_zero()) {
        return Err(crate::error::zero_division("integer division or modulo by zero"));
    }
    if (float::as_f64(x).is_some() && float::as_f64(y) == Some(0.0)) && !(int::is_int(x) && int::is_int(y)) {
        return Err(crate::error::zero_division("float divmod()"));
    }
    let q = number::floordiv(x, y).map_err(|e| remap_unsupported(e, "divmod()"))?;
    let r = number::mod_(x, y)?;
    Ok(tuple::new_tuple_array([q, r]))
}

fn remap_unsupported(e: PyErr, name: &str) -> PyErr {
    let msg = format::str_of(&e.value()).unwrap_or_default();
    if e.matches(ExcKind::TypeError) && msg.starts_with("unsupported operand type(s) for //:") {
        return type_error(msg.replacen("for //:", &format!("for {name}:"), 1));
    }
    e
}

fn pow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("pow", args, kwargs).bind(&["base", "exp", "mod"], 2)?;
    let (b, e) = (a[0].clone().unwrap_or_default(), a[1].clone().unwrap_or_default());
    match &a[2] {
        None | Some(Value::None) => number::pow(&b, &e),
        Some(m) => {
            if let Some(r) = number::pow3_slot(&b, &e, m)? {
                return Ok(r);
            }
            let (Some(bb), Some(eb), Some(mb)) = (int::to_bigint(&b), int::to_bigint(&e), int::to_bigint(m)) else {
                return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
            };
            if mb.is_zero() {
                return Err(value_error("pow() 3rd argument cannot be 0"));
            }
            let m_abs = mb.abs();
            let base = if eb.is_negative() {
                // A negative exponent needs the modular inverse of the base.
                mod_inverse(&bb, &m_abs).ok_or_else(|| value_error("base is not invertible for the given modulus"))?
            } else {
                bb
            };
            let mut r = base.modpow(&eb.abs(), &m_abs);
            if r.is_negative() {
                r += &m_abs;
            }
            if mb.is_negative() && !r.is_zero() {
                r -= &m_abs;
            }
            Ok(int::from_bigint(r))
        }
    }
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let g = a.mod_floor(m).extended_gcd(m);
    if g.gcd != BigInt::from(1) {
        return None;
    }
    Some(g.x.mod_floor(m))
}

fn round(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("round", args, kwargs).bind(&["number", "ndigits"], 1)?;
    let x = a[0].clone().unwrap_or_default();
    let nd = a[1].clone().filter(|v| !v.is_none());
    // Built-in ints and floats directly (their `__round__` computes the same); other types, subclasses
    // included, through `type(x).__round__` as CPython does.
    if !type_::type_obj(x.ty()).heap {
        if int::is_int(&x) {
            return match nd {
                None => Ok(int::plain(&x)),
                Some(nd) => Ok(int::round_int(&x, float::ndigits_arg(&nd)?)),
            };
        }
        if let Some(f) = float::as_f64(&x) {
            return match nd {
                None => float::round_float_to_int(f),
                Some(nd) => float::round_float(f, float::ndigits_arg(&nd)?),
            };
        }
    }
    match type_::lookup(x.ty(), "__round__") {
        Some(f) => {
            let extra: Vec<Value> = nd.into_iter().collect();
            ops::call::call_with_self(&f, &x, &extra, &[])
        }
        None => Err(type_error(format!("type {} doesn't define __round__ method", x.type_name()))),
    }
}

fn hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("hash", args, kwargs).exact(1)?;
    Ok(Value::Int(ops::hash::hash(&a[0])?))
}

fn id(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("id", args, kwargs).exact(1)?;
    Ok(Value::Int(a[0].id()))
}

struct CallableIter {
    f: Value,
    sentinel: Value,
    done: Mutex<bool>,
}

impl crate::builtins::iter::NativeIter for CallableIter {
    fn next(&self) -> PyResult<Option<Value>> {
        if *self.done.lock() {
            return Ok(None);
        }
        let v = ops::call::call(&self.f, &[], &[])?;
        if compare::eq_bool(&v, &self.sentinel)? {
            *self.done.lock() = true;
            return Ok(None);
        }
        Ok(Some(v))
    }
}

fn iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("iter", args, kwargs).between(1, 2)?;
    if a.len() == 2 {
        if !is_callable(&a[0]) {
            return Err(type_error("iter(v, w): v must be callable"));
        }
        return Ok(new_iter(
            "callable_iterator",
            Box::new(CallableIter { f: a[0].clone(), sentinel: a[1].clone(), done: Mutex::new(false) }),
        ));
    }
    ops::iter::iter(&a[0])
}

fn next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("next", args, kwargs).between(1, 2)?;
    let it = &a[0];
    if let Some(Payload::Generator(g)) = it.payload() {
        // A generator's return value travels in the StopIteration, as CPython's `next()` reports it.
        return match g.resume_next()? {
            crate::builtins::generator::GenResult::Yield(v) | crate::builtins::generator::GenResult::Produced(v) => {
                Ok(v)
            }
            crate::builtins::generator::GenResult::Return(r) => match a.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::with_args(ExcKind::StopIteration, if r.is_none() { vec![] } else { vec![r] })),
            },
        };
    }
    if !matches!(it.payload(), Some(Payload::Iter(_))) && type_::lookup(it.ty(), "__next__").is_none() {
        return Err(type_error(format!("'{}' object is not an iterator", it.type_name())));
    }
    match ops::iter::next(it)? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(ExcKind::StopIteration, vec![])),
        },
    }
}

pub fn is_callable(v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Function(_) | Payload::BuiltinFunction(_) | Payload::BoundMethod(_) | Payload::Type(_)) => true,
        _ => type_::lookup(v.ty(), "__call__").is_some(),
    }
}

fn callable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("callable", args, kwargs).exact(1)?;
    Ok(Value::Bool(is_callable(&a[0])))
}

fn attr_name<'a>(v: &'a Value, func: &str) -> PyResult<&'a Value> {
    if v.as_str().is_none() {
        // CPython 3.12 does not name the function here (3.13 does).
        let _ = func;
        return Err(type_error(format!("attribute name must be string, not '{}'", v.type_name())));
    }
    Ok(v)
}

fn getattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("getattr", args, kwargs).between(2, 3)?;
    let name = attr_name(&a[1], "getattr")?;
    match ops::attr::getattr(&a[0], name) {
        Err(e) if a.len() == 3 && e.matches(ExcKind::AttributeError) => Ok(a[2].clone()),
        r => r,
    }
}

fn setattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("setattr", args, kwargs).between(3, 3)?;
    let name = attr_name(&a[1], "setattr")?;
    ops::attr::setattr(&a[0], name, a[2].clone())?;
    Ok(Value::None)
}

fn hasattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("hasattr", args, kwargs).between(2, 2)?;
    let name = attr_name(&a[1], "hasattr")?;
    Ok(Value::Bool(ops::attr::getattr_opt(&a[0], name.as_str().unwrap_or(""))?.is_some()))
}

fn delattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("delattr", args, kwargs).between(2, 2)?;
    let name = attr_name(&a[1], "delattr")?;
    ops::attr::delattr(&a[0], name)?;
    Ok(Value::None)
}

fn format_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("format", args, kwargs).between(1, 2)?;
    let spec = match a.get(1) {
        None => "",
        Some(s) => {
            s.as_str().ok_or_else(|| type_error(format!("format() argument 2 must be str, not {}", s.type_name())))?
        }
    };
    Ok(Value::from(format::format(&a[0], spec)?))
}

fn input(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("input", args, kwargs).between(0, 1)?;
    crate::modules::io::stdio::input(a.first())
}

fn exit(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(PyErr::with_args(ExcKind::SystemExit, args.iter().take(1).cloned().collect()))
}

// Built-in iterator types: `enumerate`, `zip`, `map`, `filter`, `reversed`.

fn enumerate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("enumerate", args, kwargs).bind(&["iterable", "start"], 1)?;
    let it = ops::iter::iter(a[0].as_ref().expect("required"))?;
    let start = match &a[1] {
        Some(s) => number::index(s)?,
        None => Value::Int(0),
    };
    let mut n = start;
    Ok(new_iter(
        "enumerate",
        Box::new(FnIter(Mutex::new(move || -> PyResult<Option<Value>> {
            match ops::iter::next(&it)? {
                Some(v) => {
                    let i = n.clone();
                    n = number::add(&n, &Value::Int(1))?;
                    Ok(Some(tuple::new_tuple_array([i, v])))
                }
                None => Ok(None),
            }
        }))),
    ))
}

fn zip(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let mut strict = false;
    for (k, v) in kwargs {
        match k.as_str().unwrap_or("") {
            "strict" => strict = ops::truthy(v)?,
            other => return Err(type_error(format!("zip() got an unexpected keyword argument '{other}'"))),
        }
    }
    let mut iters = Vec::with_capacity(args.len());
    for a in args {
        iters.push(ops::iter::iter(a)?);
    }
    let mut done = false;
    Ok(new_iter(
        "zip",
        Box::new(FnIter(Mutex::new(move || -> PyResult<Option<Value>> {
            if done || iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for (i, it) in iters.iter().enumerate() {
                match ops::iter::next(it)? {
                    Some(v) => items.push(v),
                    None => {
                        done = true;
                        if strict {
                            if i > 0 {
                                let plural = if i == 1 { " " } else { "s 1-" };
                                return Err(value_error(format!(
                                    "zip() argument {} is shorter than argument{plural}{i}",
                                    i + 1
                                )));
                            }
                            for (j, other) in iters.iter().enumerate().skip(1) {
                                if ops::iter::next(other)?.is_some() {
                                    let plural = if j == 1 { " " } else { "s 1-" };
                                    return Err(value_error(format!(
                                        "zip() argument {} is longer than argument{plural}{j}",
                                        j + 1
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(tuple::new_tuple(items)))
        }))),
    ))
}

fn map(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("map", args, kwargs).no_kwargs()?;
    if args.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let f = args[0].clone();
    let iters = args[1..].iter().map(ops::iter::iter).collect::<PyResult<Vec<_>>>()?;
    Ok(new_iter(
        "map",
        Box::new(FnIter(Mutex::new(move || -> PyResult<Option<Value>> {
            let mut items = Vec::with_capacity(iters.len());
            for it in &iters {
                match ops::iter::next(it)? {
                    Some(v) => items.push(v),
                    None => return Ok(None),
                }
            }
            ops::call::call(&f, &items, &[]).map(Some)
        }))),
    ))
}

fn filter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("filter", args, kwargs)
        .between(2, 2)
        .map_err(|_| type_error(format!("filter expected 2 arguments, got {}", args.len())))?;
    let f = a[0].clone();
    let it = ops::iter::iter(&a[1])?;
    Ok(new_iter(
        "filter",
        Box::new(FnIter(Mutex::new(move || -> PyResult<Option<Value>> {
            while let Some(v) = ops::iter::next(&it)? {
                let keep = if f.is_none() {
                    ops::truthy(&v)?
                } else {
                    ops::truthy(&ops::call::call(&f, std::slice::from_ref(&v), &[])?)?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
            Ok(None)
        }))),
    ))
}

fn reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("reversed", args, kwargs).no_kwargs()?;
    // CPython's message for reversed's argument count (its `_PyArg_CheckPositional` wording).
    let [v] = args else {
        return Err(type_error(format!("reversed expected 1 argument, got {}", args.len())));
    };
    let v = v.clone();
    if let Some(r) = crate::builtins::dict_views::hook_reversed(&v) {
        return Ok(r);
    }
    if !type_obj(v.ty()).heap {
        match v.payload() {
            Some(Payload::Range(r)) => return Ok(crate::builtins::range::reversed(r)),
            Some(Payload::List(_)) => return Ok(list::reversed(&v)),
            _ => {}
        }
    }
    if type_::dispatches(v.ty()) {
        if let Some(f) = type_::lookup(v.ty(), "__reversed__") {
            return type_::call_special(&f, &v, &[], &[]);
        }
    }
    let items: Vec<Value> = match v.payload() {
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Range(_) | Payload::Bytes(_)) => {
            ops::iter::collect(&v)?
        }
        Some(Payload::Dict(_)) => dict::keys(v.as_obj().expect("dict")),
        _ => {
            if type_::lookup(v.ty(), "__getitem__").is_some() && type_::lookup(v.ty(), "__len__").is_some() {
                let n = ops::len(&v)?;
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    out.push(ops::subscript::getitem(&v, &Value::Int(i as i64))?);
                }
                out
            } else {
                return Err(type_error(format!("'{}' object is not reversible", v.type_name())));
            }
        }
    };
    let mut items = items;
    Ok(new_iter("reversed", Box::new(FnIter(Mutex::new(move || -> PyResult<Option<Value>> { Ok(items.pop()) })))))
}

fn descriptor_ctor(kind: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = types();
    let (ty, d) = match kind {
        "property" => {
            let a = Args::new("property", args, kwargs).bind(&["fget", "fset", "fdel", "doc"], 0)?;
            let g = |i: usize| a[i].clone().unwrap_or(Value::None);
            (&t.property, DescriptorObj::Property { fget: g(0), fset: g(1), fdel: g(2), doc: g(3) })
        }
        "classmethod" => {
            let a = Args::new("classmethod", args, kwargs).exact(1)?;
            (&t.classmethod, DescriptorObj::ClassMethod(a[0].clone()))
        }
        _ => {
            let a = Args::new("staticmethod", args, kwargs).exact(1)?;
            (&t.staticmethod, DescriptorObj::StaticMethod(a[0].clone()))
        }
    };
    if kind == "property" {
        // A property's `__doc__` is writable (collections.namedtuple's field docs, `dis`); the payload is
        // immutable, so the new value lives in a per-object dict, read before the payload's.
        // NOTE: this also lets programs set other attributes on a property, which CPython refuses.
        return Ok(Value::Obj(ObjRef::with_dict(
            ty,
            Payload::Descriptor(d),
            Some(crate::builtins::dict::new_dict_obj()),
        )));
    }
    Ok(Value::Obj(ObjRef::new(ty, Payload::Descriptor(d))))
}

fn property_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    descriptor_ctor("property", args, kwargs)
}
fn classmethod_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    descriptor_ctor("classmethod", args, kwargs)
}
fn staticmethod_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    descriptor_ctor("staticmethod", args, kwargs)
}

/// Constructors of built-in types that live here rather than in their type's file.
pub fn constructor_for(ty: &ObjRef) -> Option<NativeFn> {
    let t = types();
    let it = crate::builtins::iter::iter_type;
    let table: [(&ObjRef, NativeFn); 9] = [
        (&t.super_, crate::builtins::super_::new_super),
        (it("enumerate"), enumerate),
        (it("zip"), zip),
        (it("map"), map),
        (it("filter"), filter),
        (it("reversed"), reversed),
        (&t.property, property_new),
        (&t.classmethod, classmethod_new),
        (&t.staticmethod, staticmethod_new),
    ];
    table.iter().find(|(k, _)| k.ptr_eq(ty)).map(|(_, f)| *f)
}

#[allow(dead_code)]
fn _keep(b: &BigInt) -> Option<i64> {
    b.to_i64()
}
