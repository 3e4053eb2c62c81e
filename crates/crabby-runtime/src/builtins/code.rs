//! `code`: read-only views of what the compiler recorded about a function body (`f.__code__`,
//! `gen.gi_code`), with the `co_*` attributes programs read.

use crate::builtins::{tuple, types};
use crate::object::{ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

/// The code object for a compiled body.
pub fn code_object(code: &'static CodeInfo) -> Value {
    Value::Obj(ObjRef::new(&types().code, Payload::Code(code)))
}

/// `CO_*` flags as CPython numbers them.
fn flags(code: &CodeInfo) -> i64 {
    const OPTIMIZED: i64 = 0x1;
    const NEWLOCALS: i64 = 0x2;
    const VARARGS: i64 = 0x4;
    const VARKEYWORDS: i64 = 0x8;
    let mut f = 0;
    if code.body.is_some() {
        f |= OPTIMIZED | NEWLOCALS;
    }
    if code.varargs {
        f |= VARARGS;
    }
    if code.varkw {
        f |= VARKEYWORDS;
    }
    f
}

/// The `co_*` attributes.
// NOTE: `co_varnames` lists the parameters, then the other locals that are not cells, as CPython does; the
// code objects of the run-time evaluator (`crabby-eval`) record the parameters only.
pub fn code_attr(code: &'static CodeInfo, name: &str) -> Option<Value> {
    Some(match name {
        "co_name" => Value::from(code.name),
        "co_qualname" => Value::from(code.qualname),
        "co_filename" => Value::from(code.filename),
        "co_firstlineno" => Value::Int(code.firstlineno as i64),
        "co_argcount" => Value::Int(code.argcount as i64),
        "co_posonlyargcount" => Value::Int(code.posonly as i64),
        "co_kwonlyargcount" => Value::Int(code.kwonly as i64),
        "co_varnames" => tuple::new_tuple(code.params.iter().chain(code.locals).map(|p| Value::from(*p)).collect()),
        "co_nlocals" => Value::Int((code.params.len() + code.locals.len()) as i64),
        "co_flags" => Value::Int(flags(code)),
        _ => return None,
    })
}

pub fn code_repr(code: &CodeInfo, addr: usize) -> String {
    format!("<code object {} at {addr:#x}, file \"{}\", line {}>", code.name, code.filename, code.firstlineno)
}

pub fn register() {}
