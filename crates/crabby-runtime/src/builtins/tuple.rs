//! `tuple`: immutable sequences.

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::object::{ObjRef, Payload};
use crate::Value;

pub fn new_tuple(items: Vec<Value>) -> Value {
    Value::Obj(ObjRef::new(&types().tuple, Payload::Tuple(items.into_boxed_slice())))
}

pub fn new_tuple_from(items: &[Value]) -> Value {
    new_tuple(items.to_vec())
}

/// Methods of `tuple`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().tuple, METHODS);
}
