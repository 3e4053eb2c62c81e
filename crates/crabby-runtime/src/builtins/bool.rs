//! `bool`: the two inline truth values, a subclass of `int`. Arithmetic comes from `int` (so `True + True`
//! is `2`); bool adds its repr and the bitwise operators that keep bools bools (`True & False` is `False`,
//! `True & 1` is `1`).

use crate::builtins::function::NativeFn;
use crate::builtins::int::{self, not_implemented, wrapper};
use crate::builtins::{add_methods, types};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::ops::number::BinOp;
use crate::Value;

fn bool_ty() -> &'static ObjRef {
    &types().bool
}

/// The truth value of a bool receiver or operand (`None` for other values).
fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = wrapper(args, kwargs, bool_ty(), "__repr__", 0)?;
    Ok(Value::from(if as_bool(&a[0]).unwrap_or(false) { "True" } else { "False" }))
}

/// `bool.__and__` and friends: a bool for two bools, else `int`'s operator (NotImplemented for non-ints).
fn bitwise(args: &[Value], kwargs: &[(Value, Value)], name: &str, op: BinOp) -> PyResult<Value> {
    let a = wrapper(args, kwargs, bool_ty(), name, 1)?;
    if let (Some(x), Some(y)) = (as_bool(&a[0]), as_bool(&a[1])) {
        return Ok(Value::Bool(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        }));
    }
    if !int::is_int(&a[1]) {
        return Ok(not_implemented());
    }
    // The operators are symmetric, so the reflected forms compute the same value.
    crate::ops::number::binop(&int::plain(&a[0]), &int::plain(&a[1]), op)
}

macro_rules! bool_bitwise {
    ($($f:ident => $name:literal, $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            bitwise(args, kwargs, $name, BinOp::$op)
        }
    )*};
}

bool_bitwise! {
    m_and => "__and__", And;
    m_rand => "__rand__", And;
    m_or => "__or__", Or;
    m_ror => "__ror__", Or;
    m_xor => "__xor__", Xor;
    m_rxor => "__rxor__", Xor;
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__repr__", m_repr),
    ("__and__", m_and),
    ("__rand__", m_rand),
    ("__or__", m_or),
    ("__ror__", m_ror),
    ("__xor__", m_xor),
    ("__rxor__", m_rxor),
];

pub fn register() {
    add_methods(bool_ty(), METHODS);
}
