//! `function` (compiled Python functions), `builtin_function_or_method` (native functions) and `method`
//! (bound methods).

use parking_lot::RwLock;

use crate::builtins::types;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

/// A native function: positional arguments (the receiver first, for methods) and keyword arguments as
/// `(name, value)` pairs whose names are `str` values.
pub type NativeFn = fn(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value>;

/// The payload of compiled Python functions.
pub struct FunctionObj {
    pub code: &'static CodeInfo,
    pub name: RwLock<Value>,
    pub qualname: RwLock<Value>,
    /// `__defaults__`: values for the last positional parameters.
    pub defaults: RwLock<Vec<Value>>,
    /// `__kwdefaults__`: `(name, value)` for keyword-only parameters.
    pub kwdefaults: RwLock<Vec<(&'static str, Value)>>,
    /// Cells for the free variables, in `co_freevars` order.
    pub closure: Box<[ObjRef]>,
    /// The module's globals dict.
    pub globals: ObjRef,
    pub doc: RwLock<Value>,
}

pub struct BuiltinFunctionObj {
    pub name: &'static str,
    pub f: NativeFn,
    /// The type a method belongs to (methods are looked up on types and bound to instances).
    pub owner: Option<ObjRef>,
    /// The receiver, for a native method already bound to it (`[].append`).
    pub bound_self: Option<Value>,
}

pub struct BoundMethodObj {
    pub func: Value,
    pub this: Value,
}

pub fn new_builtin(name: &'static str, f: NativeFn, owner: Option<ObjRef>) -> Value {
    Value::Obj(
        ObjRef::new(
            &types().builtin_function,
            Payload::BuiltinFunction(BuiltinFunctionObj { name, f, owner, bound_self: None }),
        )
        .make_immortal(),
    )
}

/// A native method bound to its receiver.
pub fn bind_builtin(b: &BuiltinFunctionObj, this: Value) -> Value {
    Value::Obj(ObjRef::new(
        &types().builtin_function,
        Payload::BuiltinFunction(BuiltinFunctionObj {
            name: b.name,
            f: b.f,
            owner: b.owner.clone(),
            bound_self: Some(this),
        }),
    ))
}

pub fn new_bound_method(func: Value, this: Value) -> Value {
    Value::Obj(ObjRef::new(&types().method, Payload::BoundMethod(BoundMethodObj { func, this })))
}

/// Makes a function object for compiled code (the `def` statement).
pub fn new_function(
    code: &'static CodeInfo,
    globals: &ObjRef,
    defaults: Vec<Value>,
    kwdefaults: Vec<(&'static str, Value)>,
    closure: Vec<ObjRef>,
) -> Value {
    let f = FunctionObj {
        code,
        name: RwLock::new(crate::builtins::str::new_str(code.name)),
        qualname: RwLock::new(crate::builtins::str::new_str(code.qualname)),
        defaults: RwLock::new(defaults),
        kwdefaults: RwLock::new(kwdefaults),
        closure: closure.into_boxed_slice(),
        globals: globals.clone(),
        doc: RwLock::new(Value::None),
    };
    Value::Obj(ObjRef::with_dict(&types().function, Payload::Function(f), Some(crate::builtins::dict::new_dict_obj())))
}

/// The function payload of a compiled function object. Panics only on a runtime bug.
#[inline]
pub fn func_obj(f: &ObjRef) -> &FunctionObj {
    match &f.payload {
        Payload::Function(x) => x,
        _ => unreachable!("not a function"),
    }
}

pub fn register() {}
