//! `slice`: start/stop/step triples and CPython's index arithmetic for them.

use crate::builtins::types;
use crate::error::{type_error, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
    Value::Obj(ObjRef::new(&types().slice, Payload::Slice(SliceObj { start, stop, step })))
}

fn index_of(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        _ => match crate::ops::number::index(v) {
            Ok(i) => Ok(Some(crate::builtins::int::as_i64(&i).unwrap_or(if crate::ops::compare::is_negative(&i) {
                i64::MIN
            } else {
                i64::MAX
            }))),
            Err(_) => Err(type_error("slice indices must be integers or None or have an __index__ method")),
        },
    }
}

impl SliceObj {
    /// CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`: `(start, stop, step, length)` for a sequence of
    /// length `len`.
    pub fn indices(&self, len: i64) -> PyResult<(i64, i64, i64, i64)> {
        let step = index_of(&self.step)?.unwrap_or(1);
        if step == 0 {
            return Err(value_error("slice step cannot be zero"));
        }
        let step = step.max(-i64::MAX);
        let (def_start, def_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
        let adjust = |v: Option<i64>, def: i64| -> i64 {
            match v {
                None => def,
                Some(mut x) => {
                    if x < 0 {
                        x = x.saturating_add(len);
                        if x < 0 {
                            x = if step < 0 { -1 } else { 0 };
                        }
                    } else if x >= len {
                        x = if step < 0 { len - 1 } else { len };
                    }
                    x
                }
            }
        };
        let start = adjust(index_of(&self.start)?, def_start);
        let stop = adjust(index_of(&self.stop)?, def_stop);
        let n = if step < 0 {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok((start, stop, step, n))
    }
}

pub fn register() {}
