//! `property`, `classmethod` and `staticmethod` (filled in by the object-model milestone).

use crate::Value;

pub enum DescriptorObj {
    Property { fget: Value, fset: Value, fdel: Value, doc: Value },
    ClassMethod(Value),
    StaticMethod(Value),
}

pub fn register() {}
