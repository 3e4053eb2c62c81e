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
    /// `__annotations__`: the dict the `def` evaluated, or `None` until a read makes an empty one (as CPython
    /// makes it lazily for a function without annotations).
    pub annotations: RwLock<Option<Value>>,
    /// `__type_params__`: a tuple (empty unless the function is generic or the attribute was assigned).
    pub type_params: RwLock<Value>,
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
        annotations: RwLock::new(None),
        type_params: RwLock::new(crate::builtins::tuple::new_tuple(Vec::new())),
    };
    Value::Obj(ObjRef::with_dict(
        &types().function,
        Payload::Function(Box::new(f)),
        Some(crate::builtins::dict::new_dict_obj()),
    ))
}

/// `__annotations__` of a function: the dict its `def` made, else an empty one made now and kept (so that
/// `f.__annotations__ is f.__annotations__`, and stores into it stick, as in CPython).
pub fn annotations(f: &FunctionObj) -> Value {
    if let Some(d) = f.annotations.read().as_ref() {
        return d.clone();
    }
    f.annotations.write().get_or_insert_with(crate::builtins::dict::new_dict).clone()
}

/// The function payload of a compiled function object. Panics only on a runtime bug.
#[inline]
pub fn func_obj(f: &ObjRef) -> &FunctionObj {
    match &f.payload {
        Payload::Function(x) => x,
        _ => unreachable!("not a function"),
    }
}

/// Stores (or, for `None`, deletes) one of the special attributes of a compiled function that live in its
/// payload: `__defaults__` and `__kwdefaults__` are writable, the others read-only as in CPython.
pub fn set_special(f: &FunctionObj, name: &str, value: Option<Value>) -> PyResult<()> {
    use crate::error::{attribute_error, type_error};
    match name {
        "__defaults__" => {
            let items = match &value {
                None | Some(Value::None) => Vec::new(),
                Some(v) => match v.as_tuple() {
                    Some(t) => t.to_vec(),
                    None => return Err(type_error("__defaults__ must be set to a tuple object")),
                },
            };
            *f.defaults.write() = items;
            Ok(())
        }
        "__kwdefaults__" => {
            let d = match &value {
                None | Some(Value::None) => None,
                Some(v) => match v.as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))) {
                    Some(o) => Some(o.clone()),
                    None => return Err(type_error("__kwdefaults__ must be set to a dict object")),
                },
            };
            let code = f.code;
            let start = code.argcount as usize + code.varargs as usize;
            let kwonly = &code.params[start..start + code.kwonly as usize];
            let mut out = Vec::new();
            if let Some(d) = d {
                // Only keyword-only parameters can use these defaults; other keys could never be read.
                for p in kwonly {
                    if let Some(v) = crate::builtins::dict::get_str(&d, p) {
                        out.push((*p, v));
                    }
                }
            }
            *f.kwdefaults.write() = out;
            Ok(())
        }
        "__annotations__" => {
            let d = match value {
                None | Some(Value::None) => None,
                Some(v) if matches!(v.payload(), Some(Payload::Dict(_))) => Some(v),
                Some(_) => return Err(type_error("__annotations__ must be set to a dict object")),
            };
            let old = std::mem::replace(&mut *f.annotations.write(), d);
            // Dropped outside the lock: freeing the old dict may run Python code.
            drop(old);
            Ok(())
        }
        "__type_params__" => match value {
            Some(v) if v.as_tuple().is_some() => {
                let old = std::mem::replace(&mut *f.type_params.write(), v);
                drop(old);
                Ok(())
            }
            _ => Err(type_error("__type_params__ must be set to a tuple")),
        },
        "__code__" => Err(crate::error::not_implemented("crabby does not support replacing a function's __code__")),
        _ => Err(attribute_error("readonly attribute")),
    }
}

/// The descriptors CPython's `function` type has for its payload attributes (`types.py` reads their types:
/// `GetSetDescriptorType = type(FunctionType.__code__)`, `MemberDescriptorType = type(FunctionType.__globals__)`).
pub fn register() {
    use crate::builtins::descriptor::{new_getset, new_member};
    let ty = &types().function;
    let d = &crate::builtins::type_::type_obj(ty).dict;
    for name in ["__code__", "__defaults__", "__kwdefaults__", "__annotations__", "__type_params__"] {
        crate::builtins::dict::set_str(d, name, new_getset(ty, name));
    }
    for name in ["__globals__", "__closure__", "__builtins__"] {
        crate::builtins::dict::set_str(d, name, new_member(ty, name));
    }
    crate::builtins::type_::type_obj(ty).modified();
}
