//! `_ast` (what `ast` re-exports): CPython 3.12's AST node classes (`AST`, the abstract classes `mod`, `stmt`,
//! `expr`, ..., and every concrete node with its `_fields`, `_attributes`, `__match_args__`, None defaults for
//! optional fields and CPython's constructor) and the `PyCF_*` flags.
//!
//! The class table is data (`ast/nodes.asdl`, one line per node, from the abstract grammar in Python 3.12's
//! documentation); `ast/_ast.py` makes the classes from it, run by the evaluator when the module is first
//! imported.
//!
//! NOTE: parsing to an AST (`ast.parse`, `compile(..., PyCF_ONLY_AST)`) is not supported yet: `compile` raises
//! NotImplementedError for that flag (eval.rs). The node classes are Python classes, so `ast.AST`'s methods are
//! Python functions rather than CPython's slot wrappers.

use std::sync::OnceLock;

use crate::builtins::{dict, module};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::Value;

const SOURCE: &str = include_str!("ast/_ast.py");
const NODES: &str = include_str!("ast/nodes.asdl");

/// The `_ast` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    if let Some(m) = M.get() {
        return Ok(m.clone());
    }
    let m = module::new_module("_ast");
    let d = module::module_dict(&m);
    dict::set_str(d, "_NODES", Value::from(NODES));
    crate::eval::run_module_source(SOURCE, "<crabby _ast>", d)?;
    // Two threads may both get here; the first module made is the one every importer sees.
    Ok(M.get_or_init(|| m.make_immortal()).clone())
}
