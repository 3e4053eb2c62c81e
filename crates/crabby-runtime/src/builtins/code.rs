//! `code`: read-only views of what the compiler recorded about a function body (`f.__code__`,
//! `gen.gi_code`), with the `co_*` attributes programs read.
//!
//! `co_consts` and `co_names` come from the compiler front end (`crabby_compiler::co_table`), which replays
//! CPython 3.12's code generator for the constructs it knows exactly; for code using any other construct the
//! code object records what it met (`CoTable::Inexact`) and reading either attribute raises
//! NotImplementedError naming it, rather than returning a tuple that could differ from CPython's.

use crate::builtins::{bytes, complex, set, tuple, types};
use crate::error::{not_implemented, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

/// A constant of `co_consts`, as codegen writes it in a `static`.
pub enum CoConst {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Complex(f64, f64),
    Str(&'static str),
    Bytes(&'static [u8]),
    Ellipsis,
    Tuple(&'static [CoConst]),
    FrozenSet(&'static [CoConst]),
}

/// `co_consts` and `co_names` of a code object.
pub enum CoTable {
    /// Not computed for this kind of code (class bodies, generator expressions, synthetic code objects).
    Unknown,
    /// The code uses a construct whose constants or names crabby cannot give exactly (the text names it).
    Inexact(&'static str),
    Exact {
        consts: &'static [CoConst],
        names: &'static [&'static str],
    },
}

impl CoConst {
    fn value(&self) -> PyResult<Value> {
        Ok(match self {
            CoConst::None => Value::None,
            CoConst::Bool(b) => Value::Bool(*b),
            CoConst::Int(i) => Value::Int(*i),
            CoConst::Float(f) => Value::Float(*f),
            CoConst::Complex(re, im) => complex::new_complex(*re, *im),
            CoConst::Str(s) => Value::from(*s),
            CoConst::Bytes(b) => bytes::new_bytes(b),
            CoConst::Ellipsis => crate::rt::ellipsis(),
            CoConst::Tuple(items) => tuple::new_tuple(items.iter().map(CoConst::value).collect::<PyResult<_>>()?),
            CoConst::FrozenSet(items) => {
                set::new_set(items.iter().map(CoConst::value).collect::<PyResult<_>>()?, true)?
            }
        })
    }
}

fn co_table(code: &CodeInfo, attr: &str) -> PyResult<(&'static [CoConst], &'static [&'static str])> {
    match &code.co {
        CoTable::Exact { consts, names } => Ok((consts, names)),
        CoTable::Inexact(what) => Err(not_implemented(format!(
            "crabby cannot give {attr} of code that uses {what} yet (code object '{}')",
            code.qualname
        ))),
        CoTable::Unknown => {
            Err(not_implemented(format!("crabby does not record {attr} of code object '{}' yet", code.qualname)))
        }
    }
}

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
pub fn code_attr(code: &'static CodeInfo, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
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
        "co_consts" => {
            let (consts, _) = co_table(code, name)?;
            tuple::new_tuple(consts.iter().map(CoConst::value).collect::<PyResult<_>>()?)
        }
        "co_names" => tuple::new_tuple(co_table(code, name)?.1.iter().map(|n| Value::from(*n)).collect()),
        _ => return Ok(None),
    }))
}

pub fn code_repr(code: &CodeInfo, addr: usize) -> String {
    format!("<code object {} at {addr:#x}, file \"{}\", line {}>", code.name, code.filename, code.firstlineno)
}

pub fn register() {}
