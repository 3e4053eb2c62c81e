//! `_warnings`: `warn` and `warn_explicit` for the code that imports the C module directly
//! (`importlib._bootstrap_external`).
//!
//! NOTE: CPython's `_warnings` also holds the filter state that `warnings` shares; crabby's has only the
//! two functions, which call the pure-Python `warnings` module. `warnings` itself, not finding `filters` here,
//! keeps its own state, so there is one implementation of the filters, CPython's Python one.

use std::sync::OnceLock;

use crate::builtins::function::new_builtin;
use crate::builtins::{dict, module};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::Value;

fn forward(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let w = crate::import::import_dotted("warnings")?;
    let f = crate::ops::attr::getattr_str(&w, name)?;
    crate::ops::call::call(&f, args, kwargs)
}

fn warn(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward("warn", args, kwargs)
}

fn warn_explicit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward("warn_explicit", args, kwargs)
}

/// The `_warnings` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("_warnings").make_immortal();
        let d = module::module_dict(&m);
        dict::set_str(d, "warn", new_builtin("warn", warn, None));
        dict::set_str(d, "warn_explicit", new_builtin("warn_explicit", warn_explicit, None));
        m
    })
    .clone())
}
