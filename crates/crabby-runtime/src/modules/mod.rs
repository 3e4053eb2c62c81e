//! Native modules, one file each, under CPython's names.

pub mod builtins;
pub mod itertools;
pub mod math;
pub mod sys;
pub mod thread;

use crate::error::PyResult;
use crate::object::ObjRef;

/// Makes a native module's object.
pub type MakeModule = fn() -> PyResult<ObjRef>;

/// The native module called `name`, if the runtime has one.
pub fn native_module(name: &str) -> Option<MakeModule> {
    match name {
        "sys" => Some(sys::module),
        "builtins" => Some(builtins::module),
        "_thread" => Some(thread::module),
        "_weakref" => Some(crate::builtins::weakref::module),
        "math" => Some(math::module),
        "itertools" => Some(itertools::module),
        _ => None,
    }
}
