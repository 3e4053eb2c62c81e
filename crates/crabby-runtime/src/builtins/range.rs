//! `range`: lazy arithmetic sequences.

use crate::builtins::types;
use crate::object::{ObjRef, Payload};
use crate::Value;

// NOTE: bounds are i64 for now; CPython's ranges also take big-int bounds (built-in types milestone).
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n.min(i64::MAX as i128) as i64
    }

    /// The item at a non-negative index known to be in range.
    pub fn item(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

pub fn new_range(start: i64, stop: i64, step: i64) -> Value {
    Value::Obj(ObjRef::new(&types().range, Payload::Range(RangeObj { start, stop, step })))
}

pub fn register() {}
