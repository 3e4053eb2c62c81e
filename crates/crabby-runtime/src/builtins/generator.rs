//! Generators. Generator expressions are compiled to a resumable Rust closure (a small state machine over
//! their `for` loops) wrapped in a `generator` object. Generator functions (`yield` in a `def`) are the
//! generators milestone: calling one raises NotImplementedError until then.

use parking_lot::Mutex;

use crate::builtins::iter::{new_iter, NativeIter};
use crate::error::{PyErr, PyResult};
use crate::Value;

/// The resumable body of a generator expression: returns the next value, or `None` when finished.
pub type GenStep = Box<dyn FnMut() -> PyResult<Option<Value>> + Send>;

struct GenExpr {
    /// `None` once finished or while running (a re-entrant `next` sees "already executing").
    step: Mutex<Option<GenStep>>,
    running: std::sync::atomic::AtomicBool,
}

impl NativeIter for GenExpr {
    fn next(&self) -> PyResult<Option<Value>> {
        use std::sync::atomic::Ordering;
        // Acquire/Release bracket the step so one thread's resumption happens-before the next one's.
        if self.running.swap(true, Ordering::Acquire) {
            return Err(crate::error::value_error("generator already executing"));
        }
        let taken = self.step.lock().take();
        let result = match taken {
            None => Ok(None),
            Some(mut f) => {
                let r = f();
                if let Ok(Some(_)) = &r {
                    *self.step.lock() = Some(f);
                }
                r
            }
        };
        self.running.store(false, Ordering::Release);
        // PEP 479: a StopIteration escaping the body becomes RuntimeError.
        match result {
            Err(e) if e.matches(crate::builtins::exceptions::ExcKind::StopIteration) => {
                let err = crate::error::runtime_error("generator raised StopIteration");
                crate::builtins::exceptions::set_cause(&err.exc, e.value());
                Err(err)
            }
            r => r,
        }
    }
}

/// Wraps a compiled generator expression body as a `generator` object.
pub fn new_genexpr(step: GenStep) -> Value {
    new_iter("generator", Box::new(GenExpr { step: Mutex::new(Some(step)), running: false.into() }))
}

/// What calling a generator function does until the generators milestone lands.
pub fn generator_functions_unsupported(name: &str) -> PyErr {
    crate::error::not_implemented(format!("crabby does not support generator functions yet ('{name}')"))
}

pub fn register() {}
