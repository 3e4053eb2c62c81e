//! PEP 695 type parameter lists (`def f[T]`, `class C[T]`, `type A[T] = ...`).
//!
//! CPython runs them in an annotation scope, `<generic parameters of NAME>`: a hidden function whose locals
//! are the type parameters and that makes the function, class or alias inside it. Here that scope is inlined
//! into the defining frame, as inlined comprehensions are: the scope pass gives it its own symbols (so the
//! nested function or class captures the parameters as free variables), and codegen keeps the parameters in
//! Rust variables of the defining frame, reached through a [`CompFrame`] while the nested code is made.
//! Each bound or constraint tuple is a lambda evaluated on first access (`T.__bound__`), as in CPython.

use std::collections::HashMap;

use ruff_python_ast::{TypeParam, TypeParams};

use super::func::{self, CompFrame, FnCtx};
use super::{rust_str, ModuleGen};
use crate::scope::SymScope;
use crate::CompileError;

/// Makes the type parameters of `tp` in the current frame and makes their names resolve to them; returns the
/// Rust variable holding the tuple of parameters (`__type_params__`). Pair with [`leave`].
pub(crate) fn enter<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    tp: &'a TypeParams,
) -> Result<String, CompileError> {
    let scope_id = g.table.scope_at(tp.range);
    let id = g.fresh();
    let mut vars = HashMap::new();
    for (i, p) in tp.type_params.iter().enumerate() {
        let name = p.name().as_str();
        let is_cell = g.table.scopes[scope_id].symbol(name).is_some_and(|s| s.scope == SymScope::Cell);
        let var = if is_cell {
            ctx.emit(&format!("let c_tp{id}_{i}: ObjRef = new_cell();"));
            format!("c_tp{id}_{i}")
        } else {
            ctx.emit(&format!("#[allow(unused_mut, unused_assignments)]\nlet mut l_tp{id}_{i}: Option<Value> = None;"));
            format!("l_tp{id}_{i}")
        };
        vars.insert(name.to_string(), var);
    }
    ctx.comps.push(CompFrame { scope: scope_id, vars });
    let mut items = Vec::new();
    for (i, p) in tp.type_params.iter().enumerate() {
        if p.default().is_some() {
            return Err(func::unsupported(g, tp.range, "type parameter defaults (Python 3.13)"));
        }
        let (kind, bound) = match p {
            TypeParam::TypeVar(t) => match &t.bound {
                Some(b) => {
                    let bound_scope = g.table.scope_at(ruff_text_size::Ranged::range(&**b));
                    let code = func::emit_function(
                        g,
                        bound_scope,
                        None,
                        func::Body::Expr(b),
                        ruff_text_size::Ranged::range(&**b),
                    )?;
                    let f = func::make_function(g, ctx, bound_scope, None, &code)?;
                    let constraints = matches!(&**b, ruff_python_ast::Expr::Tuple(_));
                    (if constraints { 1 } else { 0 }, f)
                }
                None => (0, "Value::None".to_string()),
            },
            TypeParam::TypeVarTuple(_) => (2, "Value::None".to_string()),
            TypeParam::ParamSpec(_) => (3, "Value::None".to_string()),
        };
        let name = p.name().as_str();
        let made = ctx.q(&format!("make_type_param({kind}, {}, &{bound})", rust_str(name)));
        ctx.emit(&format!("let tp{id}_{i}: Value = {made};"));
        super::stmt::store_name(g, ctx, name, &format!("tp{id}_{i}.clone()"));
        items.push(format!("tp{id}_{i}"));
    }
    ctx.emit(&format!("let tps_{id}: Value = new_tuple(vec![{}]);", items.join(", ")));
    Ok(format!("tps_{id}"))
}

/// Ends the scope opened by [`enter`].
pub(crate) fn leave(ctx: &mut FnCtx) {
    ctx.comps.pop();
}
