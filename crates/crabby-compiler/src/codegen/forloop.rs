//! The iterators of synchronous `for` loops and comprehension clauses.
//!
//! A loop's iterable becomes a `ForIter` (runtime `ops::iter::ForIter`), stepped with `.advance()`: exact lists,
//! tuples and ranges are walked in place without an iterator object. `for x in range(a, b, c)` does not even
//! make the range: the name `range` and the arguments are evaluated as written (once, in order), and when the
//! name holds the built-in `range` at run time and the arguments are ints that fit an i64, the loop counts
//! with a Rust integer; otherwise `range` is called and its result iterated as usual. `enumerate(...)` and
//! `zip(...)` are treated alike (`ForIter::enumerate`, `ForIter::zip`): the built-ins wrap the walks of their
//! arguments without making their iterator objects, and `reversed(...)` of an exact list, tuple or range walks
//! it backwards in place (`ForIter::reversed`). A target that is a tuple or list of plain targets takes
//! the item's parts with `advance_n`, so `for i, x in enumerate(xs)` builds no tuple.

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
            // How many positional arguments each loop-aware built-in takes here (0: not one of them).
            let most = match n.id.as_str() {
                "range" => 3,
                "enumerate" => 2,
                "reversed" => 1,
                "zip" => 8,
                _ => 0,
            };
            if (1..=most).contains(&args.len())
                && c.arguments.keywords.is_empty()
                && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            {
                let id = g.fresh();
                let name = n.id.as_str();
                let f = load_name(g, ctx, name);
                let mut vals = Vec::new();
                for a in args {
                    vals.push(expr(g, ctx, a)?);
                }
                let it = ctx.q(&format!("ForIter::{name}(&f_{id}, &mut [{}])", vals.join(", ")));
                return Ok(format!("{{ let f_{id}: Value = {f}; {it} }}"));
            }
        }
    }
    let v = super::expr::operand(g, ctx, iterable)?;
    Ok(ctx.q(&format!("ForIter::new({v})")))
}

/// Emits one step of the loop iterator `it` (a `ForIter`), leaving the loop with `break` when it is done, and
/// stores the item into `target`. `x` names the temporary holding the item.
pub(crate) fn step_and_store<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    it: &str,
    target: &'a Expr,
    x: &str,
) -> Result<(), CompileError> {
    let elts = match target {
        Expr::Tuple(t) => Some(&t.elts[..]),
        Expr::List(l) => Some(&l.elts[..]),
        _ => None,
    };
    if let Some(elts) =
        elts.filter(|es| (2..=8).contains(&es.len()) && !es.iter().any(|e| matches!(e, Expr::Starred(_))))
    {
        let n = elts.len();
        let nx = ctx.q(&format!("{it}.advance_n::<{n}>()"));
        ctx.emit(&format!("let mut {x}: [Value; {n}] = match {nx} {{ Some(v) => v, None => break }};"));
        for (i, e) in elts.iter().enumerate() {
            let v = format!("{x}_{i}");
            ctx.emit(&format!("let {v} = std::mem::take(&mut {x}[{i}]);"));
            super::stmt::store(g, ctx, e, &v)?;
        }
        return Ok(());
    }
    let nx = ctx.q(&format!("{it}.advance()"));
    ctx.emit(&format!("let {x}: Value = match {nx} {{ Some(v) => v, None => break }};"));
    super::stmt::store(g, ctx, target, x)
}
