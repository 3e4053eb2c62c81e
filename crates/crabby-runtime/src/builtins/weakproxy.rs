//! Weak proxies (`weakref.proxy`, `weakref.ProxyType` and `weakref.CallableProxyType`): weak references that
//! stand in for their target, forwarding attribute access, operators, comparisons, iteration and (for
//! callable targets) calls to it, and raising ReferenceError once it is gone.
//!
//! A proxy is a weak reference object like `ref` (the same [`WeakRef`] state in the same registry, so it is
//! cleared and its callback run when the target dies), with a different type whose special methods unwrap.

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::NativeFn;
use crate::builtins::weakref::{deref, new_weak, state_of};
use crate::builtins::{add_methods, dict, new_native_type, type_};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::ops::number::BinOp;
use crate::Value;

/// `ProxyType` and `CallableProxyType`, made once.
pub(crate) fn proxy_types() -> &'static (ObjRef, ObjRef) {
    static T: OnceLock<(ObjRef, ObjRef)> = OnceLock::new();
    T.get_or_init(|| {
        let make = |name: &str, callable: bool| {
            let ty = new_native_type(name, "weakref", false);
            add_methods(&ty, PROXY_METHODS);
            add_methods(&ty, BINOP_METHODS);
            if callable {
                add_methods(&ty, &[("__call__", proxy_call)]);
            }
            // Proxies are unhashable, whatever their target (CPython's proxy types have no tp_hash).
            dict::set_str(&type_::type_obj(&ty).dict, "__hash__", Value::None);
            type_::modified(&ty);
            ty
        };
        (make("ProxyType", false), make("CallableProxyType", true))
    })
}

/// `_weakref.proxy(obj, callback=None)`: a CallableProxyType when `obj` is callable, else a ProxyType.
pub(crate) fn proxy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("proxy", args, kwargs).between(1, 2)?;
    let (plain, callable) = proxy_types();
    let ty = if crate::modules::builtins::is_callable(&a[0]) { callable } else { plain };
    new_weak(ty, &a[0], a.get(1).cloned().unwrap_or(Value::None))
}

fn is_proxy(v: &Value) -> bool {
    let (plain, callable) = proxy_types();
    v.as_obj().is_some_and(|o| o.ty().ptr_eq(plain) || o.ty().ptr_eq(callable))
}

fn gone() -> PyErr {
    PyErr::new(ExcKind::ReferenceError, "weakly-referenced object no longer exists")
}

/// The proxy's live target, or ReferenceError.
fn target(p: &Value) -> PyResult<Value> {
    deref(state_of(p)?).ok_or_else(gone)
}

/// An operand with proxies replaced by their targets (CPython's `UNWRAP`).
fn unwrap(v: &Value) -> PyResult<Value> {
    if is_proxy(v) {
        target(v)
    } else {
        Ok(v.clone())
    }
}

fn receiver(args: &[Value]) -> PyResult<Value> {
    match args.first() {
        Some(p) => target(p),
        None => Err(type_error("descriptor needs an argument")),
    }
}

/// The two operands of a binary special method, unwrapped.
fn operands(args: &[Value], name: &str) -> PyResult<(Value, Value)> {
    match args {
        [a, b] => Ok((unwrap(a)?, unwrap(b)?)),
        _ => Err(type_error(format!("{name} expected 1 argument, got {}", args.len().saturating_sub(1)))),
    }
}

/// Defines, per binary operator, the forward, reflected and in-place special methods of proxies: each
/// unwraps both operands and applies the operator to the targets.
macro_rules! proxy_binops {
    ($(($op:ident, $fwd:ident = $fs:literal, $rev:ident = $rs:literal, $inp:ident = $is:literal)),* $(,)?) => {
        $(
            fn $fwd(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = operands(args, $fs)?;
                ops::number::binop(&a, &b, BinOp::$op)
            }
            fn $rev(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = operands(args, $rs)?;
                ops::number::binop(&b, &a, BinOp::$op)
            }
            fn $inp(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = operands(args, $is)?;
                ops::number::inplace(&a, &b, BinOp::$op)
            }
        )*
        const BINOP_METHODS: &[(&str, NativeFn)] = &[$(($fs, $fwd), ($rs, $rev), ($is, $inp)),*];
    };
}

proxy_binops!(
    (Add, add = "__add__", radd = "__radd__", iadd = "__iadd__"),
    (Sub, sub = "__sub__", rsub = "__rsub__", isub = "__isub__"),
    (Mul, mul = "__mul__", rmul = "__rmul__", imul = "__imul__"),
    (TrueDiv, truediv = "__truediv__", rtruediv = "__rtruediv__", itruediv = "__itruediv__"),
    (FloorDiv, floordiv = "__floordiv__", rfloordiv = "__rfloordiv__", ifloordiv = "__ifloordiv__"),
    (Mod, modulo = "__mod__", rmod = "__rmod__", imod = "__imod__"),
    (Pow, power = "__pow__", rpow = "__rpow__", ipow = "__ipow__"),
    (LShift, lshift = "__lshift__", rlshift = "__rlshift__", ilshift = "__ilshift__"),
    (RShift, rshift = "__rshift__", rrshift = "__rrshift__", irshift = "__irshift__"),
    (And, and = "__and__", rand = "__rand__", iand = "__iand__"),
    (Or, or = "__or__", ror = "__ror__", ior = "__ior__"),
    (Xor, xor = "__xor__", rxor = "__rxor__", ixor = "__ixor__"),
    (MatMul, matmul = "__matmul__", rmatmul = "__rmatmul__", imatmul = "__imatmul__"),
);

/// Defines the rich comparisons of proxies: both operands unwrapped, then compared.
macro_rules! proxy_compares {
    ($(($op:ident, $f:ident)),* $(,)?) => {
        $(
            fn $f(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = operands(args, stringify!($f))?;
                ops::compare::richcmp(&a, &b, CmpOp::$op)
            }
        )*
    };
}

proxy_compares!((Lt, lt), (Le, le), (Eq, eq), (Ne, ne), (Gt, gt), (Ge, ge));

/// Calls the built-in function `name` on the proxy's target (`abs`, `int`, `float`, `bytes`, `reversed`).
fn via_builtin(args: &[Value], name: &str) -> PyResult<Value> {
    let t = receiver(args)?;
    let f = crate::modules::builtins::lookup(name).ok_or_else(|| type_error(format!("no built-in {name}")))?;
    ops::call::call(&f, &[t], &[])
}

fn neg(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ops::number::neg(&receiver(args)?)
}

fn pos(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ops::number::pos(&receiver(args)?)
}

fn invert(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ops::number::invert(&receiver(args)?)
}

fn index(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ops::number::index(&receiver(args)?)
}

fn abs(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    via_builtin(args, "abs")
}

fn int(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    via_builtin(args, "int")
}

fn float(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    via_builtin(args, "float")
}

fn bytes(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    via_builtin(args, "bytes")
}

fn reversed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    via_builtin(args, "reversed")
}

fn bool_(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(ops::truthy(&receiver(args)?)?))
}

fn len(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(ops::len(&receiver(args)?)? as i64))
}

fn str_(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ops::format::to_str(&receiver(args)?)
}

fn repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let p = args.first().ok_or_else(|| type_error("descriptor needs an argument"))?;
    // NOTE: like CPython 3.12, a dead proxy reports its target as None.
    let t = deref(state_of(p)?).unwrap_or(Value::None);
    Ok(Value::from(format!("<weakproxy at {:#x} to {} at {:#x}>", p.id(), t.type_name(), t.id())))
}

fn iter(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ops::iter::iter(&receiver(args)?)
}

fn next(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = receiver(args)?;
    if type_::lookup(t.ty(), "__next__").is_none() {
        return Err(type_error(format!("Weakref proxy referenced a non-iterator '{}' object", t.type_name())));
    }
    match ops::iter::next(&t)? {
        Some(v) => Ok(v),
        None => Err(PyErr::new(ExcKind::StopIteration, "")),
    }
}

fn contains(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = operands(args, "__contains__")?;
    Ok(Value::Bool(ops::compare::contains(&a, &b)?))
}

fn getitem(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (a, k) = operands(args, "__getitem__")?;
    ops::subscript::getitem(&a, &k)
}

fn setitem(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let [p, k, v] = args else { return Err(type_error("expected 2 arguments")) };
    ops::subscript::setitem(&target(p)?, &unwrap(k)?, unwrap(v)?)?;
    Ok(Value::None)
}

fn delitem(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (a, k) = operands(args, "__delitem__")?;
    ops::subscript::delitem(&a, &k)?;
    Ok(Value::None)
}

fn getattribute(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let [p, name] = args else { return Err(type_error("expected 1 argument")) };
    ops::attr::getattr(&target(p)?, name)
}

fn setattr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let [p, name, v] = args else { return Err(type_error("expected 2 arguments")) };
    ops::attr::setattr(&target(p)?, name, v.clone())?;
    Ok(Value::None)
}

fn delattr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let [p, name] = args else { return Err(type_error("expected 1 argument")) };
    ops::attr::delattr(&target(p)?, name)?;
    Ok(Value::None)
}

fn proxy_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = receiver(args)?;
    ops::call::call(&t, &args[1..], kwargs)
}

const PROXY_METHODS: &[(&str, NativeFn)] = &[
    ("__getattribute__", getattribute),
    ("__setattr__", setattr),
    ("__delattr__", delattr),
    ("__repr__", repr),
    ("__str__", str_),
    ("__bool__", bool_),
    ("__len__", len),
    ("__iter__", iter),
    ("__next__", next),
    ("__contains__", contains),
    ("__getitem__", getitem),
    ("__setitem__", setitem),
    ("__delitem__", delitem),
    ("__lt__", lt),
    ("__le__", le),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__gt__", gt),
    ("__ge__", ge),
    ("__neg__", neg),
    ("__pos__", pos),
    ("__invert__", invert),
    ("__abs__", abs),
    ("__int__", int),
    ("__float__", float),
    ("__index__", index),
    ("__bytes__", bytes),
    ("__reversed__", reversed),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_types_are_distinct_and_unhashable() {
        let (plain, callable) = proxy_types();
        assert!(!plain.ptr_eq(callable));
        assert!(dict::get_str(&type_::type_obj(plain).dict, "__hash__").is_some_and(|h| h.is_none()));
    }
}
