//! `bytes` and `bytearray` (completed by the built-in types milestone).

use crate::builtins::types;
use crate::object::{ObjRef, Payload};
use crate::Value;

pub fn new_bytes(b: &[u8]) -> Value {
    Value::Obj(ObjRef::new(&types().bytes, Payload::Bytes(b.into())))
}

pub fn register() {}
