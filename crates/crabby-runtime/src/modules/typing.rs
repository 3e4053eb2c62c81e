//! `_typing` (what `typing` imports its C-implemented parts from): `TypeVar`, `ParamSpec`, `ParamSpecArgs`,
//! `ParamSpecKwargs`, `TypeVarTuple`, `TypeAliasType`, `Generic` and `_idfunc`.
//!
//! `_idfunc` is a native function (typing.py stores it as `NewType.__call__`, where a native function is not
//! bound to the instance, so `UserId(5)` returns 5). The classes are written in Python (`typing/_typing.py`) and
//! run by the evaluator when the module is first imported: their behaviour is mostly calls back into typing.py's
//! helpers (`_type_check`, `_make_union`, `_typevar_subst`, `_generic_class_getitem`, ...), which CPython's C code
//! makes too, and that reads best as Python.
//!
//! NOTE: CPython's classes are C types; here they are Python classes with CPython's names, module (`typing`),
//! attributes, reprs, errors and refusal to be subclassed, but their instances keep their fields in a `__dict__`
//! (CPython's have no `__dict__` attribute) and their methods are Python functions, not method descriptors.

use std::sync::OnceLock;

use crate::builtins::function::new_builtin;
use crate::builtins::{dict, module};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::ops::args::Args;
use crate::Value;

/// The Python part of the module.
const SOURCE: &str = include_str!("typing/_typing.py");

/// `_idfunc(x, /)`: returns `x`.
fn idfunc(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_idfunc", args, kwargs).exact(1)?;
    Ok(a[0].clone())
}

/// The `_typing` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    if let Some(m) = M.get() {
        return Ok(m.clone());
    }
    let m = module::new_module("_typing");
    let d = module::module_dict(&m);
    dict::set_str(d, "__doc__", Value::from("Primitives and accelerators for the typing module."));
    dict::set_str(d, "_idfunc", new_builtin("_idfunc", idfunc, None));
    crate::eval::run_module_source(SOURCE, "<crabby _typing>", d)?;
    // Two threads may both get here; the first module made is the one every importer sees.
    Ok(M.get_or_init(|| m.make_immortal()).clone())
}
