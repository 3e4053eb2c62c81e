//! `sum`, `any`, `all`, `min`, `max`, `list` and `tuple` as accumulators that generated code feeds one element
//! at a time.
//!
//! A call like `sum(x * x for x in xs)` or `tuple(x for x in xs)` whose name still holds the built-in at run time
//! is compiled as the generator expression's loop inlined into the caller, pushing each element into a
//! [`Reducer`]: no generator object, no resumption per element. The built-in `sum` uses the same [`SumAcc`], so both give the same
//! results (including the compensated float sum).

use crate::builtins::function::NativeFn;
use crate::builtins::{exceptions, float};
use crate::error::{value_error, PyErr, PyResult};
use crate::object::Payload;
use crate::ops::call::CodeInfo;
use crate::ops::{compare, number, truthy};
use crate::Value;

/// Which built-in a [`Reducer`] stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reduce {
    Sum,
    Any,
    All,
    Min,
    Max,
    /// `list(genexp)` (the exact built-in type), collecting the elements.
    List,
    /// `tuple(genexp)` (the exact built-in type), collecting the elements.
    Tuple,
}

/// `sum()`'s running total: ints and other objects with `+`, floats with a compensated sum like CPython's
/// (so `sum([0.1] * 10)` is `1.0`).
pub struct SumAcc {
    acc: Value,
    fsum: Option<(f64, f64)>,
}

impl SumAcc {
    pub fn new(start: Value) -> SumAcc {
        SumAcc { acc: start, fsum: None }
    }

    #[inline]
    pub fn add(&mut self, x: Value) -> PyResult<()> {
        if let (Value::Int(a), Value::Int(b), None) = (&self.acc, &x, &self.fsum) {
            if let Some(s) = a.checked_add(*b) {
                self.acc = Value::Int(s);
                return Ok(());
            }
        }
        if let (Value::Float(f), true) = (&x, matches!(self.acc, Value::Float(_)) || self.fsum.is_some()) {
            let acc = &self.acc;
            let (s, c) = self.fsum.get_or_insert_with(|| (float::as_f64(acc).unwrap_or(0.0), 0.0));
            let t = *s + f;
            if s.abs() >= f.abs() {
                *c += (*s - t) + f;
            } else {
                *c += (f - t) + *s;
            }
            *s = t;
            return Ok(());
        }
        if let Some((s, c)) = self.fsum.take() {
            self.acc = Value::Float(s + c);
        }
        self.acc = number::add(&self.acc, &x)?;
        Ok(())
    }

    pub fn finish(self) -> Value {
        match self.fsum {
            Some((s, c)) => Value::Float(s + c),
            None => self.acc,
        }
    }
}

/// One of the reducing built-ins, fed element by element.
pub struct Reducer {
    kind: Reduce,
    sum: SumAcc,
    best: Option<Value>,
    done: bool,
    items: Vec<Value>,
}

impl Reducer {
    pub fn new(kind: Reduce) -> Reducer {
        Reducer { kind, sum: SumAcc::new(Value::Int(0)), best: None, done: false, items: Vec::new() }
    }

    /// Takes one element; true when the result is known and the loop should stop (`any`/`all`).
    #[inline]
    pub fn push(&mut self, v: Value) -> PyResult<bool> {
        match self.kind {
            Reduce::List | Reduce::Tuple => {
                self.items.push(v);
                Ok(false)
            }
            Reduce::Sum => self.sum.add(v).map(|()| false),
            Reduce::Any => {
                self.done = truthy(&v)?;
                Ok(self.done)
            }
            Reduce::All => {
                self.done = !truthy(&v)?;
                Ok(self.done)
            }
            Reduce::Min | Reduce::Max => {
                match &mut self.best {
                    None => self.best = Some(v),
                    Some(best) => {
                        let better = if self.kind == Reduce::Min {
                            compare::lt_test(&v, best)?
                        } else {
                            compare::gt_test(&v, best)?
                        };
                        if better {
                            *best = v;
                        }
                    }
                }
                Ok(false)
            }
        }
    }

    pub fn finish(self) -> PyResult<Value> {
        match self.kind {
            Reduce::Sum => Ok(self.sum.finish()),
            Reduce::Any => Ok(Value::Bool(self.done)),
            Reduce::All => Ok(Value::Bool(!self.done)),
            Reduce::Min => self.best.ok_or_else(|| value_error("min() iterable argument is empty")),
            Reduce::Max => self.best.ok_or_else(|| value_error("max() iterable argument is empty")),
            Reduce::List => Ok(crate::builtins::list::new_list(self.items)),
            Reduce::Tuple => Ok(crate::builtins::tuple::new_tuple(self.items)),
        }
    }
}

/// Whether `f` is the built-in that `kind` stands for (not a rebinding of its name).
#[inline]
pub fn is_reducer(f: &Value, kind: Reduce) -> bool {
    match f.payload() {
        Some(Payload::BuiltinFunction(b)) if b.bound_self.is_none() => {
            let native: Option<NativeFn> = crate::modules::builtins::reducer_fn(kind);
            native.is_some_and(|native| std::ptr::fn_addr_eq(b.f, native))
        }
        Some(Payload::Type(_)) => {
            let t = crate::builtins::types();
            let ty = match kind {
                Reduce::List => &t.list,
                Reduce::Tuple => &t.tuple,
                _ => return false,
            };
            f.as_obj().is_some_and(|o| o.ptr_eq(ty))
        }
        _ => false,
    }
}

/// An error leaving an inlined generator expression: the `<genexpr>` frame is added to its traceback, and a
/// StopIteration becomes RuntimeError (PEP 479), as when the generator object runs the same code.
#[cold]
pub fn genexp_error(e: PyErr, code: &'static CodeInfo, line: u32) -> PyErr {
    let e = e.leave(code, line);
    if e.matches(exceptions::ExcKind::StopIteration) {
        let err = crate::error::runtime_error("generator raised StopIteration");
        exceptions::set_cause(&err.exc, e.value());
        return err;
    }
    e
}
