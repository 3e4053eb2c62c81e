//! `_operator`: the operators as functions, and the `attrgetter`, `itemgetter` and `methodcaller` types, as
//! CPython 3.12's `Modules/_operator.c` provides them (CPython's `operator.py` imports everything from here).
//!
//! Every function delegates to the runtime's abstract operations (`crate::ops`), the same ones compiled code
//! uses for the operator, so `operator.add(a, b)` and `a + b` cannot disagree. The getter types keep their
//! (immutable) configuration behind `Payload::Native`.

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::object::static_method;
use crate::builtins::{add_methods, dict, int, module, new_native_type, tuple, type_};
use crate::error::{type_error, value_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// Argument conventions.

/// A METH_O function's argument: `_operator.neg() takes exactly one argument (0 given)`.
fn one<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a Value> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("_operator.{name}() takes no keyword arguments")));
    }
    match args {
        [x] => Ok(x),
        _ => Err(type_error(format!("_operator.{name}() takes exactly one argument ({} given)", args.len()))),
    }
}

/// Positional-only arguments: `add expected 2 arguments, got 1`.
fn exactly<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)], n: usize) -> PyResult<&'a [Value]> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("_operator.{name}() takes no keyword arguments")));
    }
    if args.len() != n {
        return Err(type_error(format!("{name} expected {n} arguments, got {}", args.len())));
    }
    Ok(args)
}

// ---------------------------------------------------------------------------------------------------------
// The operator functions.

macro_rules! unary {
    ($($name:ident, $py:literal => $f:expr;)*) => {$(
        fn $name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let x = one($py, args, kwargs)?;
            ($f)(x)
        }
    )*};
}

unary! {
    neg, "neg" => ops::number::neg;
    pos, "pos" => ops::number::pos;
    inv, "inv" => ops::number::invert;
    invert, "invert" => ops::number::invert;
    not_, "not_" => ops::number::not;
    index, "index" => ops::number::index;
    truth, "truth" => |x: &Value| ops::truthy(x).map(Value::Bool);
    abs_fn, "abs" => builtin_abs;
}

fn builtin_abs(x: &Value) -> PyResult<Value> {
    let abs = crate::modules::builtins::lookup("abs").ok_or_else(|| type_error("abs is missing"))?;
    ops::call::call(&abs, std::slice::from_ref(x), &[])
}

macro_rules! binary {
    ($($name:ident, $py:literal => $f:expr;)*) => {$(
        fn $name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let a = exactly($py, args, kwargs, 2)?;
            ($f)(&a[0], &a[1])
        }
    )*};
}

binary! {
    add, "add" => ops::number::add;
    sub, "sub" => ops::number::sub;
    mul, "mul" => ops::number::mul;
    truediv, "truediv" => ops::number::truediv;
    floordiv, "floordiv" => ops::number::floordiv;
    mod_fn, "mod" => ops::number::mod_;
    pow, "pow" => ops::number::pow;
    lshift, "lshift" => ops::number::lshift;
    rshift, "rshift" => ops::number::rshift;
    and_, "and_" => ops::number::and;
    or_, "or_" => ops::number::or;
    xor, "xor" => ops::number::xor;
    matmul, "matmul" => ops::number::matmul;
    iadd, "iadd" => ops::number::iadd;
    isub, "isub" => ops::number::isub;
    imul, "imul" => ops::number::imul;
    itruediv, "itruediv" => ops::number::itruediv;
    ifloordiv, "ifloordiv" => ops::number::ifloordiv;
    imod, "imod" => ops::number::imod;
    ipow, "ipow" => ops::number::ipow;
    ilshift, "ilshift" => ops::number::ilshift;
    irshift, "irshift" => ops::number::irshift;
    iand, "iand" => ops::number::iand;
    ior, "ior" => ops::number::ior;
    ixor, "ixor" => ops::number::ixor;
    imatmul, "imatmul" => ops::number::imatmul;
    lt, "lt" => ops::compare::lt;
    le, "le" => ops::compare::le;
    eq, "eq" => ops::compare::eq;
    ne, "ne" => ops::compare::ne;
    gt, "gt" => ops::compare::gt;
    ge, "ge" => ops::compare::ge;
    is_, "is_" => |a: &Value, b: &Value| Ok(Value::Bool(a.is(b)));
    is_not, "is_not" => |a: &Value, b: &Value| Ok(Value::Bool(!a.is(b)));
    getitem, "getitem" => ops::subscript::getitem;
    delitem, "delitem" => |a: &Value, b: &Value| ops::subscript::delitem(a, b).map(|_| Value::None);
    contains, "contains" => |a: &Value, b: &Value| ops::compare::contains(a, b).map(Value::Bool);
    concat, "concat" => |a: &Value, b: &Value| concat_impl(a, b, false);
    iconcat, "iconcat" => |a: &Value, b: &Value| concat_impl(a, b, true);
    count_of_fn, "countOf" => count_of;
    index_of_fn, "indexOf" => index_of;
}

fn setitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = exactly("setitem", args, kwargs, 3)?;
    ops::subscript::setitem(&a[0], &a[1], a[2].clone())?;
    Ok(Value::None)
}

/// Whether a value is a built-in sequence with a concatenation slot (CPython's `sq_concat`).
fn has_sq_concat(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_) | Payload::List(_) | Payload::Tuple(_))
    )
}

/// `PySequence_Check`: something with `__getitem__` that is not a dict.
fn is_sequence(v: &Value) -> bool {
    !matches!(v.payload(), Some(Payload::Dict(_))) && type_::lookup(v.ty(), "__getitem__").is_some()
}

/// `PySequence_Concat` / `PySequence_InPlaceConcat`.
fn concat_impl(a: &Value, b: &Value, inplace: bool) -> PyResult<Value> {
    let cant = || type_error(format!("'{}' object can't be concatenated", a.type_name()));
    let op = if inplace { ops::number::iadd } else { ops::number::add };
    if has_sq_concat(a) {
        return op(a, b);
    }
    if is_sequence(a) && is_sequence(b) {
        // User sequences concatenate through `__add__`; an unsupported pair is reported as CPython does.
        return op(a, b).map_err(|e| {
            let unsupported = e.matches(ExcKind::TypeError)
                && ops::format::str_of(&e.value()).is_ok_and(|m| m.starts_with("unsupported operand"));
            if unsupported {
                cant()
            } else {
                e
            }
        });
    }
    Err(cant())
}

/// The iterator of a sequence argument, with `_PySequence_IterSearch`'s message.
fn search_iter(seq: &Value) -> PyResult<Value> {
    ops::iter::iter(seq).map_err(|e| {
        if e.matches(ExcKind::TypeError) {
            type_error(format!("argument of type '{}' is not iterable", seq.type_name()))
        } else {
            e
        }
    })
}

/// `item is obj or item == obj`.
fn same(item: &Value, obj: &Value) -> PyResult<bool> {
    Ok(item.is(obj) || ops::compare::eq_bool(item, obj)?)
}

fn count_of(seq: &Value, obj: &Value) -> PyResult<Value> {
    let it = search_iter(seq)?;
    let mut n: i64 = 0;
    while let Some(item) = ops::iter::next(&it)? {
        if same(&item, obj)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn index_of(seq: &Value, obj: &Value) -> PyResult<Value> {
    let it = search_iter(seq)?;
    let mut i: i64 = 0;
    while let Some(item) = ops::iter::next(&it)? {
        if same(&item, obj)? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(value_error("sequence.index(x): x not in sequence"))
}

/// `operator.length_hint(obj, default=0, /)`: `len(obj)`, else `obj.__length_hint__()`, else `default`.
fn length_hint(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("_operator.length_hint() takes no keyword arguments"));
    }
    let a = Args::new("length_hint", args, &[]).between(1, 2)?;
    let default = match a.get(1) {
        Some(d) => {
            let i = ops::number::index(d)?;
            int::as_i64(&i)
                .ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C ssize_t"))?
        }
        None => 0,
    };
    let obj = &a[0];
    // `len()` first; a TypeError (no length) falls through to the hint.
    match ops::len(obj) {
        Ok(n) => return Ok(Value::Int(n as i64)),
        Err(e) if e.matches(ExcKind::TypeError) => {}
        Err(e) => return Err(e),
    }
    if let Some(Payload::Iter(i)) = obj.payload() {
        if let Some(n) = i.length_hint() {
            return Ok(Value::Int(n as i64));
        }
    }
    let Some(hint) = type_::lookup(obj.ty(), "__length_hint__") else {
        return Ok(Value::Int(default));
    };
    let r = match ops::call::call_with_self(&hint, obj, &[], &[]) {
        Ok(r) => r,
        Err(e) if e.matches(ExcKind::TypeError) => return Ok(Value::Int(default)),
        Err(e) => return Err(e),
    };
    if r.is(&Value::Obj(crate::builtins::types().not_implemented.clone())) {
        return Ok(Value::Int(default));
    }
    if !int::is_int(&r) {
        return Err(type_error(format!("__length_hint__ must be an integer, not {}", r.type_name())));
    }
    let n =
        int::as_i64(&r).ok_or_else(|| crate::error::overflow_error("cannot fit 'int' into an index-sized integer"))?;
    if n < 0 {
        return Err(value_error("__length_hint__() should return >= 0"));
    }
    Ok(Value::Int(n))
}

/// `operator.call(obj, /, *args, **kwargs)`.
fn call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(f) = args.first() else {
        return Err(type_error("call expected at least 1 argument, got 0"));
    };
    ops::call::call(f, &args[1..], kwargs)
}

/// `_compare_digest(a, b)`: equality of two ASCII strings or two bytes-like objects, in time independent of
/// where they differ.
fn compare_digest(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = exactly("_compare_digest", args, kwargs, 2)?;
    let bytes_of = |v: &Value| -> Option<Vec<u8>> {
        match v.payload() {
            Some(Payload::Bytes(b)) => Some(b.to_vec()),
            Some(Payload::ByteArray(b)) => Some(b.read().clone()),
            _ => None,
        }
    };
    let (x, y) = match (a[0].as_str(), a[1].as_str()) {
        (Some(x), Some(y)) => {
            if !x.is_ascii() || !y.is_ascii() {
                return Err(type_error("comparing strings with non-ASCII characters is not supported"));
            }
            (x.as_bytes().to_vec(), y.as_bytes().to_vec())
        }
        (Some(_), None) | (None, Some(_)) => {
            let other = if a[0].as_str().is_some() { &a[0] } else { &a[1] };
            return Err(type_error(format!("a bytes-like object is required, not '{}'", other.type_name())));
        }
        (None, None) => match (bytes_of(&a[0]), bytes_of(&a[1])) {
            (Some(x), Some(y)) => (x, y),
            _ => {
                let bad = if bytes_of(&a[0]).is_none() { &a[0] } else { &a[1] };
                return Err(type_error(format!(
                    "unsupported operand types(s) or combination of types: '{}' and '{}'",
                    a[0].type_name(),
                    if bad.is(&a[0]) { a[1].type_name() } else { bad.type_name() }
                )));
            }
        },
    };
    // Constant time in the contents: every byte is looked at whatever the first difference.
    let mut diff = (x.len() != y.len()) as u8;
    let other = if x.len() == y.len() { &y } else { &x };
    for (p, q) in x.iter().zip(other.iter()) {
        diff |= p ^ q;
    }
    Ok(Value::Bool(diff == 0))
}

// ---------------------------------------------------------------------------------------------------------
// attrgetter, itemgetter, methodcaller

/// `attrgetter(*attrs)`: each attribute as its dotted path, already split.
struct AttrGetter {
    /// The names as given (for the repr).
    names: Vec<Value>,
    paths: Vec<Vec<Value>>,
}

struct ItemGetter {
    items: Vec<Value>,
}

struct MethodCaller {
    name: Value,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
}

struct Types {
    attrgetter: ObjRef,
    itemgetter: ObjRef,
    methodcaller: ObjRef,
}

fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        let mk = |name: &str, new: NativeFn, call: NativeFn, repr: NativeFn| {
            let t = new_native_type(name, "operator", false);
            add_methods(&t, &[("__call__", call), ("__repr__", repr)]);
            let d = &type_::type_obj(&t).dict;
            dict::set_str(d, "__new__", static_method(new_builtin("__new__", new, Some(t.clone()))));
            type_::type_obj(&t).modified();
            t
        };
        Types {
            attrgetter: mk("attrgetter", attrgetter_new, attrgetter_call, attrgetter_repr),
            itemgetter: mk("itemgetter", itemgetter_new, itemgetter_call, itemgetter_repr),
            methodcaller: mk("methodcaller", methodcaller_new, methodcaller_call, methodcaller_repr),
        }
    })
}

fn native<'a, T: 'static>(v: &'a Value, what: &str) -> PyResult<&'a T> {
    v.payload().and_then(|p| p.native::<T>()).ok_or_else(|| {
        type_error(format!("descriptor requires a 'operator.{what}' object but received a '{}'", v.type_name()))
    })
}

fn new_native<T: std::any::Any + Send + Sync>(ty: &ObjRef, state: T) -> Value {
    Value::Obj(ObjRef::new(ty, Payload::Native(NativeBox::new(state))))
}

/// The single argument of a getter call: `attrgetter expected 1 argument, got 0`.
fn call_arg<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a Value> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    match args {
        [_, obj] => Ok(obj),
        _ => Err(type_error(format!("{name} expected 1 argument, got {}", args.len().saturating_sub(1)))),
    }
}

fn join_reprs(items: &[Value]) -> PyResult<String> {
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        out.push(ops::format::repr(x)?);
    }
    Ok(out.join(", "))
}

fn attrgetter_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let names = args.get(1..).unwrap_or(&[]);
    if !kwargs.is_empty() {
        return Err(type_error("attrgetter() takes no keyword arguments"));
    }
    if names.is_empty() {
        return Err(type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut paths = Vec::with_capacity(names.len());
    for n in names {
        let Some(s) = n.as_str() else {
            return Err(type_error("attribute name must be a string"));
        };
        paths.push(s.split('.').map(Value::from).collect());
    }
    Ok(new_native(&types().attrgetter, AttrGetter { names: names.to_vec(), paths }))
}

fn attrgetter_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let g: &AttrGetter = native(args.first().unwrap_or(&Value::None), "attrgetter")?;
    let obj = call_arg("attrgetter", args, kwargs)?;
    let get = |path: &[Value]| -> PyResult<Value> {
        let mut v = obj.clone();
        for name in path {
            v = ops::attr::getattr(&v, name)?;
        }
        Ok(v)
    };
    if g.paths.len() == 1 {
        return get(&g.paths[0]);
    }
    let mut out = Vec::with_capacity(g.paths.len());
    for p in &g.paths {
        out.push(get(p)?);
    }
    Ok(tuple::new_tuple(out))
}

fn attrgetter_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("attrgetter.__repr__", args, kwargs).exact(1)?;
    let g: &AttrGetter = native(&a[0], "attrgetter")?;
    Ok(Value::from(format!("operator.attrgetter({})", join_reprs(&g.names)?)))
}

fn itemgetter_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let items = args.get(1..).unwrap_or(&[]);
    if !kwargs.is_empty() {
        return Err(type_error("itemgetter() takes no keyword arguments"));
    }
    if items.is_empty() {
        return Err(type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(new_native(&types().itemgetter, ItemGetter { items: items.to_vec() }))
}

fn itemgetter_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let g: &ItemGetter = native(args.first().unwrap_or(&Value::None), "itemgetter")?;
    let obj = call_arg("itemgetter", args, kwargs)?;
    if g.items.len() == 1 {
        return ops::subscript::getitem(obj, &g.items[0]);
    }
    let mut out = Vec::with_capacity(g.items.len());
    for k in &g.items {
        out.push(ops::subscript::getitem(obj, k)?);
    }
    Ok(tuple::new_tuple(out))
}

fn itemgetter_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("itemgetter.__repr__", args, kwargs).exact(1)?;
    let g: &ItemGetter = native(&a[0], "itemgetter")?;
    Ok(Value::from(format!("operator.itemgetter({})", join_reprs(&g.items)?)))
}

fn methodcaller_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let rest = args.get(1..).unwrap_or(&[]);
    let Some(name) = rest.first() else {
        return Err(type_error("methodcaller needs at least one argument, the method name"));
    };
    if name.as_str().is_none() {
        return Err(type_error("method name must be a string"));
    }
    let state = MethodCaller { name: name.clone(), args: rest[1..].to_vec(), kwargs: kwargs.to_vec() };
    Ok(new_native(&types().methodcaller, state))
}

fn methodcaller_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m: &MethodCaller = native(args.first().unwrap_or(&Value::None), "methodcaller")?;
    let obj = call_arg("methodcaller", args, kwargs)?;
    let method = ops::attr::getattr(obj, &m.name)?;
    ops::call::call(&method, &m.args, &m.kwargs)
}

fn methodcaller_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("methodcaller.__repr__", args, kwargs).exact(1)?;
    let m: &MethodCaller = native(&a[0], "methodcaller")?;
    let mut parts = vec![ops::format::repr(&m.name)?];
    for x in &m.args {
        parts.push(ops::format::repr(x)?);
    }
    for (k, v) in &m.kwargs {
        parts.push(format!("{}={}", ops::format::str_of(k)?, ops::format::repr(v)?));
    }
    Ok(Value::from(format!("operator.methodcaller({})", parts.join(", "))))
}

// ---------------------------------------------------------------------------------------------------------
// The module.

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("abs", abs_fn),
    ("add", add),
    ("and_", and_),
    ("call", call),
    ("concat", concat),
    ("contains", contains),
    ("countOf", count_of_fn),
    ("delitem", delitem),
    ("eq", eq),
    ("floordiv", floordiv),
    ("ge", ge),
    ("getitem", getitem),
    ("gt", gt),
    ("iadd", iadd),
    ("iand", iand),
    ("iconcat", iconcat),
    ("ifloordiv", ifloordiv),
    ("ilshift", ilshift),
    ("imatmul", imatmul),
    ("imod", imod),
    ("imul", imul),
    ("index", index),
    ("indexOf", index_of_fn),
    ("inv", inv),
    ("invert", invert),
    ("ior", ior),
    ("ipow", ipow),
    ("irshift", irshift),
    ("is_", is_),
    ("is_not", is_not),
    ("isub", isub),
    ("itruediv", itruediv),
    ("ixor", ixor),
    ("le", le),
    ("length_hint", length_hint),
    ("lshift", lshift),
    ("lt", lt),
    ("matmul", matmul),
    ("mod", mod_fn),
    ("mul", mul),
    ("ne", ne),
    ("neg", neg),
    ("not_", not_),
    ("or_", or_),
    ("pos", pos),
    ("pow", pow),
    ("rshift", rshift),
    ("setitem", setitem),
    ("sub", sub),
    ("truediv", truediv),
    ("truth", truth),
    ("xor", xor),
    ("_compare_digest", compare_digest),
];

static OPERATOR: OnceLock<ObjRef> = OnceLock::new();

/// The `_operator` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(OPERATOR
        .get_or_init(|| {
            let m = module::new_module("_operator").make_immortal();
            let d = module::module_dict(&m);
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            let t = types();
            dict::set_str(d, "attrgetter", Value::Obj(t.attrgetter.clone()));
            dict::set_str(d, "itemgetter", Value::Obj(t.itemgetter.clone()));
            dict::set_str(d, "methodcaller", Value::Obj(t.methodcaller.clone()));
            dict::set_str(d, "__doc__", Value::from(DOC));
            m
        })
        .clone())
}

const DOC: &str = "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.";
