//! `marshal`: only what importing it needs (`version`).
//!
//! NOTE: crabby does not read or write marshal data yet (it has no bytecode); the functions raise
//! NotImplementedError rather than produce data CPython could not read.

use std::sync::OnceLock;

use crate::builtins::function::new_builtin;
use crate::builtins::{dict, module};
use crate::error::{not_implemented, PyResult};
use crate::object::ObjRef;
use crate::Value;

fn unsupported(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented("crabby does not support marshal yet"))
}

/// The `marshal` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("marshal").make_immortal();
        let d = module::module_dict(&m);
        for name in ["dump", "dumps", "load", "loads"] {
            dict::set_str(d, name, new_builtin(name, unsupported, None));
        }
        dict::set_str(d, "version", Value::Int(4));
        m
    })
    .clone())
}
