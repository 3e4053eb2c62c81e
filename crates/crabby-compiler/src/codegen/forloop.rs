//! The iterators of synchronous `for` loops and comprehension clauses.
//!
//! A loop's iterable becomes a `ForIter` (runtime `ops::iter::ForIter`), stepped with `.advance()`: exact lists,
//! tuples and ranges are walked in place without an iterator object. `for x in range(a, b, c)` does not even
//! make the range: the name `range` and the arguments are evaluated as written (once, in order), and when the
//! name holds the built-in `range` at run time and the arguments are ints that fit an i64, the loop counts
//! with a Rust integer; otherwise `range` is called and its result iterated as usual.

use ruff_python_ast::Expr;

use super::expr::{expr, load_name};
use super::func::FnCtx;
use super::ModuleGen;
use crate::CompileError;

/// The Rust expression (of type `ForIter`, errors sent to the current handler) iterating `iterable`.
pub(crate) fn for_iter<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    iterable: &'a Expr,
) -> Result<String, CompileError> {
    if let Expr::Call(c) = iterable {
        if let Expr::Name(n) = &*c.func {
            let args = &c.arguments.args;
            if n.id.as_str() == "range"
                && (1..=3).contains(&args.len())
                && c.arguments.keywords.is_empty()
                && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            {
                let id = g.fresh();
                let f = load_name(g, ctx, "range");
                let mut vals = Vec::new();
                for a in args {
                    vals.push(expr(g, ctx, a)?);
                }
                let it = ctx.q(&format!("ForIter::range(&f_{id}, &mut [{}])", vals.join(", ")));
                return Ok(format!("{{ let f_{id}: Value = {f}; {it} }}"));
            }
        }
    }
    let v = super::expr::operand(g, ctx, iterable)?;
    Ok(ctx.q(&format!("ForIter::new({v})")))
}
