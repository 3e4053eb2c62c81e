//! Native modules, one file each, under CPython's names.

pub mod ast;
pub mod atexit;
pub mod binascii;
pub mod bisect;
pub mod builtins;
pub mod codecs;
pub mod collections;
pub mod contextvars;
pub mod datetime;
pub mod errno;
pub mod functools;
pub mod gc;
pub mod heapq;
pub mod imp;
pub mod io;
pub mod itertools;
pub mod json;
pub mod locale;
pub mod marshal;
pub mod math;
pub mod operator;
pub mod posix;
pub mod posixsubprocess;
pub mod queue;
pub mod random;
pub mod select;
pub mod sha2;
pub mod signal;
pub mod sre;
pub mod stat;
pub mod string;
pub mod r#struct;
pub mod sys;
pub mod sys_attrs;
pub mod thread;
pub mod time;
pub mod tokenize;
pub mod typing;
pub mod warnings;

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
        "errno" => Some(errno::module),
        "_struct" => Some(r#struct::module),
        "math" => Some(math::module),
        "itertools" => Some(itertools::module),
        "_functools" => Some(functools::module),
        "_operator" => Some(operator::module),
        "time" => Some(time::module),
        "_heapq" => Some(heapq::module),
        "_bisect" => Some(bisect::module),
        "_json" => Some(json::module),
        "_random" => Some(random::module),
        "binascii" => Some(binascii::module),
        "_collections" => Some(collections::module),
        "_datetime" => Some(datetime::module),
        "_sha2" => Some(sha2::module),
        "_contextvars" => Some(contextvars::module),
        "posix" => Some(posix::module),
        "_signal" => Some(signal::module),
        "_stat" => Some(stat::module),
        "_io" => Some(io::module),
        "_sre" => Some(sre::module),
        "_codecs" => Some(codecs::module),
        "_string" => Some(string::module),
        "gc" => Some(gc::module),
        "atexit" => Some(atexit::module),
        "_locale" => Some(locale::module),
        "_queue" => Some(queue::module),
        "_typing" => Some(typing::module),
        "_tokenize" => Some(tokenize::module),
        "_ast" => Some(ast::module),
        "_imp" => Some(imp::module),
        "_warnings" => Some(warnings::module),
        "marshal" => Some(marshal::module),
        "_posixsubprocess" => Some(posixsubprocess::module),
        "select" => Some(select::module),
        _ => None,
    }
}
