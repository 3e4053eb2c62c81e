//! Statements: assignment and deletion targets, control flow, and the lowering of `try`/`except`/`finally`,
//! `with`, and jumps (`return`, `break`, `continue`) that pass through `finally` blocks and handlers.

use std::fmt::Write;

use ruff_python_ast::{ExceptHandler, Expr, Stmt};
use ruff_text_size::Ranged;

use super::expr::expr;
use super::func::{self, mangle, FnCtx, FnKind, LoopFrame, NameRef, Unwind};
use super::{rust_str, ModuleGen};
use crate::CompileError;

pub(crate) fn stmts<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, body: &'a [Stmt]) -> Result<(), CompileError> {
    for s in body {
        stmt(g, ctx, s)?;
    }
    Ok(())
}

/// Sets `__doc__` from a leading string literal, formatting `template` with its value.
pub(crate) fn docstring(g: &mut ModuleGen, ctx: &mut FnCtx, body: &[Stmt], template: &str) {
    if let Some(Stmt::Expr(e)) = body.first() {
        if let Expr::StringLiteral(s) = &*e.value {
            let v = format!("{}.clone()", g.s(s.value.to_str()));
            ctx.emit(&format!("{};", template.replace("{}", &v)));
        }
    }
}

/// Stores an already evaluated value (a Rust expression of type `Value`) into a name.
pub(crate) fn store_name(g: &mut ModuleGen, ctx: &mut FnCtx, name: &str, value: &str) {
    let name = &ctx.mangled(g, name);
    let line = match ctx.resolve(g, name) {
        NameRef::Local(v) => format!("{v} = Some({value});"),
        NameRef::Cell(v, _) => format!("cell_set(&{v}, {value});"),
        NameRef::Global => {
            let s = g.s(name);
            let site = format!("SS_{}", g.fresh());
            let _ = writeln!(g.items, "static {site}: StoreSite = StoreSite::new();");
            ctx.q(&format!("store_global_at(&{site}, g, {s}, {value})")) + ";"
        }
        NameRef::ClassNs | NameRef::ClassFree(_) => {
            let s = g.s(name);
            ctx.q(&format!("store_class_name(ns, {s}, {value})")) + ";"
        }
    };
    ctx.emit(&line);
}

/// Assigns the value held in the Rust variable `tmp` to an assignment target.
pub(crate) fn store<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    target: &'a Expr,
    tmp: &str,
) -> Result<(), CompileError> {
    match target {
        Expr::Name(n) => store_name(g, ctx, &n.id, tmp),
        Expr::Attribute(a) => {
            let obj = super::expr::operand(g, ctx, &a.value)?;
            let s = g.s(&ctx.mangled(g, &a.attr.id));
            let site = super::expr::attr_site(g);
            let line = ctx.q(&format!("setattr_at(&{site}, {obj}, {s}, {tmp})"));
            ctx.emit(&format!("{line};"));
        }
        Expr::Subscript(sub) => {
            let obj = super::expr::operand(g, ctx, &sub.value)?;
            if let Expr::Slice(sl) = &*sub.slice {
                let (lo, hi, st) = super::expr::slice_parts(g, ctx, sl)?;
                let line = ctx.q(&format!("setslice({obj}, {lo}, {hi}, {st}, {tmp})"));
                ctx.emit(&format!("{line};"));
                return Ok(());
            }
            let key = super::expr::operand(g, ctx, &sub.slice)?;
            let line = ctx.q(&format!("setitem({obj}, {key}, {tmp})"));
            ctx.emit(&format!("{line};"));
        }
        Expr::Tuple(t) => store_seq(g, ctx, &t.elts, tmp)?,
        Expr::List(l) => store_seq(g, ctx, &l.elts, tmp)?,
        Expr::Starred(s) => return Err(func::unsupported(g, s.range(), "this starred assignment target")),
        other => return Err(func::unsupported(g, other.range(), "this assignment target")),
    }
    Ok(())
}

/// `a, b = x, y`: the right-hand items are evaluated in order into temporaries and stored left to right, as
/// when CPython builds and unpacks the tuple, without making it. Returns false for other assignments.
fn parallel_assign<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    a: &'a ruff_python_ast::StmtAssign,
) -> Result<bool, CompileError> {
    let elts = |e: &'a Expr| match e {
        Expr::Tuple(t) => Some(&t.elts[..]),
        Expr::List(l) => Some(&l.elts[..]),
        _ => None,
    };
    let [target] = &a.targets[..] else { return Ok(false) };
    let (Some(targets), Some(values)) = (elts(target), elts(&a.value)) else { return Ok(false) };
    let starred = |es: &[Expr]| es.iter().any(|e| matches!(e, Expr::Starred(_)));
    if targets.len() != values.len() || targets.is_empty() || starred(targets) || starred(values) {
        return Ok(false);
    }
    let id = g.fresh();
    for (i, v) in values.iter().enumerate() {
        let v = expr(g, ctx, v)?;
        ctx.emit(&format!("let p_{id}_{i}: Value = {v};"));
    }
    for (i, t) in targets.iter().enumerate() {
        store(g, ctx, t, &format!("p_{id}_{i}"))?;
    }
    Ok(true)
}

fn store_seq<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, elts: &'a [Expr], tmp: &str) -> Result<(), CompileError> {
    let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
    let id = g.fresh();
    let items = format!("u_{id}");
    let (call, ty) = match star {
        None => (format!("unpack_array::<{}>(&{tmp})", elts.len()), format!("[Value; {}]", elts.len())),
        Some(i) => (format!("unpack_ex(&{tmp}, {i}, {})", elts.len() - i - 1), "Vec<Value>".to_string()),
    };
    let line = ctx.q(&call);
    ctx.emit(&format!("let mut {items}: {ty} = {line};"));
    for (i, e) in elts.iter().enumerate() {
        let v = format!("v_{id}_{i}");
        ctx.emit(&format!("let {v} = std::mem::take(&mut {items}[{i}]);"));
        let target = match e {
            Expr::Starred(s) => &*s.value,
            other => other,
        };
        store(g, ctx, target, &v)?;
    }
    Ok(())
}

fn delete<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, target: &'a Expr) -> Result<(), CompileError> {
    match target {
        Expr::Name(n) => {
            let id = ctx.mangled(g, &n.id);
            let line = match ctx.resolve(g, &id) {
                NameRef::Local(v) => {
                    format!("if {v}.take().is_none() {{ break {} Err(unbound_local({})); }}", ctx.err, rust_str(&id))
                }
                NameRef::Cell(v, free) => ctx.q(&format!("cell_del(&{v}, {}, {free})", rust_str(&id))) + ";",
                NameRef::Global => {
                    let s = g.s(&id);
                    ctx.q(&format!("del_global(g, {s})")) + ";"
                }
                NameRef::ClassNs | NameRef::ClassFree(_) => {
                    let s = g.s(&id);
                    ctx.q(&format!("del_class_name(ns, {s})")) + ";"
                }
            };
            ctx.emit(&line);
        }
        Expr::Attribute(a) => {
            let obj = expr(g, ctx, &a.value)?;
            let s = g.s(&ctx.mangled(g, &a.attr.id));
            let line = ctx.q(&format!("delattr(&{obj}, {s})"));
            ctx.emit(&format!("{line};"));
        }
        Expr::Subscript(sub) => {
            let obj = expr(g, ctx, &sub.value)?;
            let key = expr(g, ctx, &sub.slice)?;
            let line = ctx.q(&format!("delitem(&{obj}, &{key})"));
            ctx.emit(&format!("{line};"));
        }
        Expr::Tuple(t) => {
            for e in &t.elts {
                delete(g, ctx, e)?;
            }
        }
        Expr::List(l) => {
            for e in &l.elts {
                delete(g, ctx, e)?;
            }
        }
        other => return Err(func::unsupported(g, other.range(), "this del target")),
    }
    Ok(())
}

/// Emits the undo actions of the constructs a jump leaves, innermost first, down to `depth`.
fn unwind_to<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, depth: usize) -> Result<(), CompileError> {
    let mut i = ctx.unwind.len();
    while i > depth {
        i -= 1;
        let action = ctx.unwind[i].clone();
        match action {
            Unwind::PopHandled => ctx.emit("pop_handled();"),
            Unwind::ClearName(v) => ctx.emit(&v),
            Unwind::WithExit { exit_var, err, is_async: false } => {
                ctx.emit(&format!("q!({err}, with_exit_ok(&{exit_var}));"))
            }
            Unwind::WithExit { exit_var, err, is_async: true } => {
                ctx.emit(&format!("q!({err}, async_with_exit_ok(&{exit_var}).await);"))
            }
            Unwind::Finally { body, err } => {
                // The finally body runs as if outside its `try`: jumps in it unwind only what encloses the try.
                let saved_unwind = ctx.unwind.split_off(i);
                let saved_err = std::mem::replace(&mut ctx.err, err);
                ctx.emit("{");
                stmts(g, ctx, body)?;
                ctx.emit("}");
                ctx.err = saved_err;
                ctx.unwind.extend(saved_unwind);
            }
        }
    }
    Ok(())
}

pub(crate) fn stmt<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, s: &'a Stmt) -> Result<(), CompileError> {
    let line = g.line_of(s.range().start());
    ctx.emit(&format!("ln = {line};"));
    match s {
        Stmt::Expr(e) => {
            let v = expr(g, ctx, &e.value)?;
            ctx.emit(&format!("drop({v});"));
        }
        Stmt::Pass(_) => {}
        Stmt::Assign(a) => {
            if parallel_assign(g, ctx, a)? {
                return Ok(());
            }
            let v = expr(g, ctx, &a.value)?;
            let id = g.fresh();
            let tmp = format!("a_{id}");
            ctx.emit(&format!("let {tmp}: Value = {v};"));
            for (i, t) in a.targets.iter().enumerate() {
                let val = if i + 1 == a.targets.len() { tmp.clone() } else { format!("{tmp}.clone()") };
                store(g, ctx, t, &val)?;
            }
        }
        Stmt::AnnAssign(a) => {
            if let Some(v) = &a.value {
                let v = expr(g, ctx, v)?;
                let id = g.fresh();
                let tmp = format!("a_{id}");
                ctx.emit(&format!("let {tmp}: Value = {v};"));
                store(g, ctx, &a.target, &tmp)?;
            }
            annotation(g, ctx, a)?;
        }
        Stmt::AugAssign(a) => aug_assign(g, ctx, a)?,
        Stmt::Delete(d) => {
            for t in &d.targets {
                delete(g, ctx, t)?;
            }
        }
        Stmt::Return(r) => {
            let v = match &r.value {
                Some(v) => expr(g, ctx, v)?,
                None => "Value::None".into(),
            };
            let id = g.fresh();
            ctx.emit(&format!("let r_{id}: Value = {v};"));
            unwind_to(g, ctx, 0)?;
            ctx.emit(&format!("break 'f Ok(r_{id});"));
        }
        Stmt::If(i) => {
            let c = super::expr::test(g, ctx, &i.test)?;
            ctx.emit(&format!("if {c} {{"));
            stmts(g, ctx, &i.body)?;
            let mut closers = 1;
            for clause in &i.elif_else_clauses {
                match &clause.test {
                    Some(test) => {
                        ctx.emit("} else {");
                        ctx.emit(&format!("ln = {};", g.line_of(test.range().start())));
                        let c = super::expr::test(g, ctx, test)?;
                        ctx.emit(&format!("if {c} {{"));
                        closers += 1;
                        stmts(g, ctx, &clause.body)?;
                    }
                    None => {
                        ctx.emit("} else {");
                        stmts(g, ctx, &clause.body)?;
                    }
                }
            }
            for _ in 0..closers {
                ctx.emit("}");
            }
        }
        Stmt::While(w) => {
            let id = g.fresh();
            let label = format!("'w{id}");
            let broke = (!w.orelse.is_empty()).then(|| format!("broke_{id}"));
            if let Some(b) = &broke {
                ctx.emit(&format!("let mut {b} = false;"));
            }
            ctx.emit(&format!("{label}: loop {{"));
            ctx.emit(&format!("ln = {line};"));
            // A safe point: Python signal handlers (Ctrl-C's KeyboardInterrupt) run here.
            ctx.emit(&format!("{};", ctx.q("check_signals()")));
            let c = super::expr::test(g, ctx, &w.test)?;
            ctx.emit(&format!("if !{c} {{ break; }}"));
            ctx.loops.push(LoopFrame { label: label.clone(), unwind_len: ctx.unwind.len(), broke: broke.clone() });
            stmts(g, ctx, &w.body)?;
            ctx.loops.pop();
            ctx.emit("}");
            if let Some(b) = &broke {
                ctx.emit(&format!("if !{b} {{"));
                stmts(g, ctx, &w.orelse)?;
                ctx.emit("}");
            }
        }
        Stmt::For(f) => {
            let id = g.fresh();
            let label = format!("'l{id}");
            let itv = format!("it_{id}");
            if f.is_async {
                let it = expr(g, ctx, &f.iter)?;
                let line_iter = ctx.q(&format!("aiter(&{it})"));
                ctx.emit(&format!("let {itv}: Value = {line_iter};"));
            } else {
                let line_iter = super::forloop::for_iter(g, ctx, &f.iter)?;
                ctx.emit(&format!("let mut {itv}: ForIter = {line_iter};"));
            }
            let broke = (!f.orelse.is_empty()).then(|| format!("broke_{id}"));
            if let Some(b) = &broke {
                ctx.emit(&format!("let mut {b} = false;"));
            }
            ctx.emit(&format!("{label}: loop {{"));
            ctx.emit(&format!("{};", ctx.q("check_signals()")));
            if f.is_async {
                let nx = ctx.q(&format!("anext_or_stop(&{itv}).await"));
                ctx.emit(&format!("let x_{id}: Value = match {nx} {{ Some(v) => v, None => break }};"));
                store(g, ctx, &f.target, &format!("x_{id}"))?;
            } else {
                super::forloop::step_and_store(g, ctx, &itv, &f.target, &format!("x_{id}"))?;
            }
            ctx.loops.push(LoopFrame { label: label.clone(), unwind_len: ctx.unwind.len(), broke: broke.clone() });
            stmts(g, ctx, &f.body)?;
            ctx.loops.pop();
            ctx.emit(&format!("ln = {line};"));
            ctx.emit("}");
            if let Some(b) = &broke {
                ctx.emit(&format!("if !{b} {{"));
                stmts(g, ctx, &f.orelse)?;
                ctx.emit("}");
            }
        }
        Stmt::Break(_) => {
            let Some(lp) = ctx.loops.last() else {
                return Err(func::internal(g, "'break' outside loop reached codegen"));
            };
            let (label, depth, broke) = (lp.label.clone(), lp.unwind_len, lp.broke.clone());
            unwind_to(g, ctx, depth)?;
            if let Some(b) = broke {
                ctx.emit(&format!("{b} = true;"));
            }
            ctx.emit(&format!("break {label};"));
        }
        Stmt::Continue(_) => {
            let Some(lp) = ctx.loops.last() else {
                return Err(func::internal(g, "'continue' outside loop reached codegen"));
            };
            let (label, depth) = (lp.label.clone(), lp.unwind_len);
            unwind_to(g, ctx, depth)?;
            ctx.emit(&format!("continue {label};"));
        }
        Stmt::Raise(r) => {
            let e = match &r.exc {
                None => "reraise_current()".to_string(),
                Some(exc) => {
                    let v = expr(g, ctx, exc)?;
                    let cause = match &r.cause {
                        Some(c) => format!("Some({})", expr(g, ctx, c)?),
                        None => "None".into(),
                    };
                    format!("raise_exc({v}, {cause})")
                }
            };
            ctx.emit(&format!("break {} Err({e});", ctx.err));
        }
        Stmt::Assert(a) => {
            let c = super::expr::test(g, ctx, &a.test)?;
            ctx.emit(&format!("if !{c} {{"));
            let msg = match &a.msg {
                Some(m) => format!("Some({})", expr(g, ctx, m)?),
                None => "None".into(),
            };
            ctx.emit(&format!("break {} Err(assertion_error({msg}));", ctx.err));
            ctx.emit("}");
        }
        Stmt::Global(_) | Stmt::Nonlocal(_) => {}
        Stmt::FunctionDef(f) => {
            let scope_id = g.table.scope_at(f.range);
            let mut decorators = Vec::new();
            for d in &f.decorator_list {
                let v = expr(g, ctx, &d.expression)?;
                let id = g.fresh();
                ctx.emit(&format!("let d_{id}: Value = {v};"));
                decorators.push(format!("d_{id}"));
            }
            let tps = match &f.type_params {
                Some(tp) => Some(super::generics::enter(g, ctx, tp)?),
                None => None,
            };
            let code = func::emit_function(g, scope_id, Some(&f.parameters), func::Body::Stmts(&f.body), f.range)?;
            // NOTE: CPython evaluates a generic function's defaults before its type parameter scope; here they
            // are evaluated inside it, so a default naming a type parameter sees the parameter.
            let mk = func::make_function(g, ctx, scope_id, Some(&f.parameters), &code)?;
            let id = g.fresh();
            ctx.emit(&format!("let mut f_{id}: Value = {mk};"));
            function_annotations(g, ctx, &f.parameters, f.returns.as_deref(), &format!("f_{id}"))?;
            if let Some(tps) = tps {
                super::generics::leave(ctx);
                let set = ctx.q(&format!("set_type_params(&f_{id}, &{tps})"));
                ctx.emit(&format!("{set};"));
            }
            if let Some(Stmt::Expr(e)) = f.body.first() {
                if let Expr::StringLiteral(s) = &*e.value {
                    let v = g.s(s.value.to_str());
                    ctx.emit(&format!("set_function_doc(&f_{id}, {v}.clone());"));
                }
            }
            for d in decorators.iter().rev() {
                let c = ctx.q(&format!("call(&{d}, &[f_{id}], &[])"));
                ctx.emit(&format!("f_{id} = {c};"));
            }
            if matches!(ctx.kind, FnKind::Module | FnKind::Class) {
                // Module- and class-level functions are immortal (see the runtime's `immortalize_function`).
                ctx.emit(&format!("immortalize_function(&f_{id});"));
            }
            store_name(g, ctx, &f.name.id, &format!("f_{id}"));
        }
        Stmt::ClassDef(c) => class_def(g, ctx, c)?,
        Stmt::Try(t) => try_stmt(g, ctx, t)?,
        Stmt::With(w) => with_items(g, ctx, &w.items, &w.body, w.is_async)?,
        Stmt::Import(imp) => {
            for alias in &imp.names {
                let name = alias.name.id.as_str();
                let s = g.s(name);
                let m = ctx.q(&format!("import_module({s})"));
                let id = g.fresh();
                ctx.emit(&format!("let m_{id}: Value = {m};"));
                match &alias.asname {
                    Some(a) => {
                        let v = ctx.q(&format!("import_submodule(&m_{id}, {s})"));
                        ctx.emit(&format!("let m2_{id}: Value = {v};"));
                        store_name(g, ctx, &a.id, &format!("m2_{id}"));
                    }
                    None => {
                        let top = name.split('.').next().unwrap_or(name).to_string();
                        store_name(g, ctx, &top, &format!("m_{id}"));
                    }
                }
            }
        }
        Stmt::ImportFrom(imp) => {
            let module = imp.module.as_ref().map(|m| m.id.to_string()).unwrap_or_default();
            let full = format!("{}{module}", ".".repeat(imp.level as usize));
            let s = g.s(&full);
            let m = ctx.q(&format!("import_from_module(g, {s})"));
            let id = g.fresh();
            ctx.emit(&format!("let m_{id}: Value = {m};"));
            for alias in &imp.names {
                if alias.name.id.as_str() == "*" {
                    if ctx.kind != FnKind::Module {
                        return Err(func::unsupported(g, imp.range(), "'import *' outside a module"));
                    }
                    let line = ctx.q(&format!("import_star(g, &m_{id})"));
                    ctx.emit(&format!("{line};"));
                    continue;
                }
                let n = g.s(&alias.name.id);
                let v = ctx.q(&format!("import_from(&m_{id}, {n})"));
                let vid = g.fresh();
                ctx.emit(&format!("let v_{vid}: Value = {v};"));
                let bind = alias.asname.as_ref().map(|a| a.id.to_string()).unwrap_or_else(|| alias.name.id.to_string());
                store_name(g, ctx, &bind, &format!("v_{vid}"));
            }
        }
        Stmt::Match(m) => super::pattern::match_stmt(g, ctx, m)?,
        // `type X = value`: a `typing.TypeAliasType` whose value a lambda computes when first read.
        Stmt::TypeAlias(t) => match t.name.as_ref() {
            Expr::Name(n) => {
                let tps = match &t.type_params {
                    Some(tp) => Some(super::generics::enter(g, ctx, tp)?),
                    None => None,
                };
                let scope_id = g.table.scope_at(t.range);
                let code = func::emit_function(g, scope_id, None, func::Body::Expr(&t.value), t.range)?;
                let f = func::make_function(g, ctx, scope_id, None, &code)?;
                let vid = g.fresh();
                let alias = match &tps {
                    Some(tps) => ctx.q(&format!("make_generic_type_alias({}, &{f}, &{tps})", rust_str(n.id.as_str()))),
                    None => ctx.q(&format!("make_type_alias({}, &{f})", rust_str(n.id.as_str()))),
                };
                ctx.emit(&format!("let v_{vid}: Value = {alias};"));
                if tps.is_some() {
                    super::generics::leave(ctx);
                }
                store_name(g, ctx, n.id.as_str(), &format!("v_{vid}"));
            }
            other => return Err(func::unsupported(g, other.range(), "this type alias target")),
        },
        Stmt::IpyEscapeCommand(c) => return Err(func::unsupported(g, c.range(), "IPython escapes")),
    }
    Ok(())
}

/// A `def`'s annotations, evaluated where the `def` runs and stored as the function's `__annotations__`, in
/// CPython's order: the positional-or-keyword parameters before the positional-only ones, then `*args`, the
/// keyword-only parameters, `**kwargs` and `return`. Parameter names are mangled as in the enclosing class.
fn function_annotations<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    p: &'a ruff_python_ast::Parameters,
    returns: Option<&'a Expr>,
    f: &str,
) -> Result<(), CompileError> {
    let params = p
        .args
        .iter()
        .chain(p.posonlyargs.iter())
        .map(|a| &a.parameter)
        .chain(p.vararg.as_deref())
        .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
        .chain(p.kwarg.as_deref());
    let mut items: Vec<(&str, &'a Expr)> =
        params.filter_map(|a| a.annotation.as_deref().map(|t| (a.name.id.as_str(), t))).collect();
    items.extend(returns.map(|r| ("return", r)));
    if items.is_empty() {
        return Ok(());
    }
    let mut pairs = Vec::with_capacity(items.len());
    for (name, ann) in items {
        let v = match ann {
            // `*args: *Ts` (PEP 646): the annotation is the one item the starred value unpacks to, as CPython
            // evaluates it (`typing.Unpack[Ts]` for a TypeVarTuple).
            Expr::Starred(st) if !g.future_annotations => {
                let inner = expr(g, ctx, &st.value)?;
                let id = g.fresh();
                ctx.emit(&format!("let st_{id}: Value = {inner};"));
                let un = ctx.q(&format!("unpack_array::<1>(&st_{id})"));
                format!("{{ let [one]: [Value; 1] = {un}; one }}")
            }
            _ => annotation_value(g, ctx, ann)?,
        };
        let id = g.fresh();
        ctx.emit(&format!("let an_{id}: Value = {v};"));
        let key = if name == "return" { name.to_string() } else { ctx.mangled(g, name) };
        pairs.push(format!("({}.clone(), an_{id})", g.s(&key)));
    }
    ctx.emit(&format!("set_function_annotations(&{f}, vec![{}]);", pairs.join(", ")));
    Ok(())
}

/// An annotation's value: the expression, or its source text under `from __future__ import annotations`.
fn annotation_value<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, a: &'a Expr) -> Result<String, CompileError> {
    if g.future_annotations {
        let text = g.source[a.range()].to_string();
        Ok(format!("{}.clone()", g.s(&text)))
    } else {
        expr(g, ctx, a)
    }
}

/// The annotation of `target: annotation [= value]` in a module or class body, after the assignment as in
/// CPython: stored in the namespace's `__annotations__` for a plain name, else only evaluated. Function bodies
/// do not evaluate their variables' annotations. With `from __future__ import annotations` the annotation is
/// kept as text.
/// NOTE: CPython makes `__annotations__` at the start of a body holding annotations (SETUP_ANNOTATIONS); here
/// the first annotation stored makes it, which differs only for annotations in branches that never run.
/// NOTE: under `from __future__ import annotations` the text is the annotation's source, where CPython
/// re-renders the expression (the same text for conventionally spaced annotations).
fn annotation<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    a: &'a ruff_python_ast::StmtAnnAssign,
) -> Result<(), CompileError> {
    let ns = match ctx.kind {
        FnKind::Module => "g",
        FnKind::Class => "ns",
        _ => return Ok(()),
    };
    let ann = annotation_value(g, ctx, &a.annotation)?;
    let id = g.fresh();
    ctx.emit(&format!("let n_{id}: Value = {ann};"));
    match a.target.as_ref() {
        Expr::Name(n) if a.simple => {
            let s = g.s(&ctx.mangled(g, &n.id));
            let line = ctx.q(&format!("store_annotation({ns}, {s}, n_{id})")) + ";";
            ctx.emit(&line);
        }
        _ => ctx.emit(&format!("drop(n_{id});")),
    }
    Ok(())
}

fn aug_assign<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    a: &'a ruff_python_ast::StmtAugAssign,
) -> Result<(), CompileError> {
    let op = super::expr::inplace_fn(a.op);
    let id = g.fresh();
    match &*a.target {
        Expr::Name(n) => {
            // A local is borrowed, not cloned, where no expression can rebind it (`FnCtx::borrow_locals`).
            let cur = super::expr::operand(g, ctx, &a.target)?;
            ctx.emit(&format!("let o_{id}: &Value = {cur};"));
            let v = expr(g, ctx, &a.value)?;
            let r = ctx.q(&format!("{op}(o_{id}, &{v})"));
            ctx.emit(&format!("let n_{id}: Value = {r};"));
            store_name(g, ctx, &n.id, &format!("n_{id}"));
        }
        Expr::Attribute(at) => {
            let obj = super::expr::operand(g, ctx, &at.value)?;
            ctx.emit(&format!("let t_{id}: &Value = {obj};"));
            let s = g.s(&ctx.mangled(g, &at.attr.id));
            let (load_site, store_site) = (super::expr::attr_site(g), super::expr::attr_site(g));
            let cur = ctx.q(&format!("getattr_at(&{load_site}, t_{id}, {s})"));
            ctx.emit(&format!("let o_{id}: Value = {cur};"));
            let v = expr(g, ctx, &a.value)?;
            let r = ctx.q(&format!("{op}(&o_{id}, &{v})"));
            let st = ctx.q(&format!("setattr_at(&{store_site}, t_{id}, {s}, {r})"));
            ctx.emit(&format!("{st};"));
        }
        Expr::Subscript(sub) => {
            let obj = super::expr::operand(g, ctx, &sub.value)?;
            ctx.emit(&format!("let t_{id}: &Value = {obj};"));
            let key = super::expr::operand(g, ctx, &sub.slice)?;
            ctx.emit(&format!("let k_{id}: &Value = {key};"));
            let cur = ctx.q(&format!("getitem(t_{id}, k_{id})"));
            ctx.emit(&format!("let o_{id}: Value = {cur};"));
            let v = expr(g, ctx, &a.value)?;
            let r = ctx.q(&format!("{op}(&o_{id}, &{v})"));
            let st = ctx.q(&format!("setitem(t_{id}, k_{id}, {r})"));
            ctx.emit(&format!("{st};"));
        }
        other => return Err(func::unsupported(g, other.range(), "this augmented assignment target")),
    }
    Ok(())
}

fn class_def<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &'a ruff_python_ast::StmtClassDef,
) -> Result<(), CompileError> {
    let scope_id = g.table.scope_at(c.range);
    let mut decorators = Vec::new();
    for d in &c.decorator_list {
        let v = expr(g, ctx, &d.expression)?;
        let id = g.fresh();
        ctx.emit(&format!("let d_{id}: Value = {v};"));
        decorators.push(format!("d_{id}"));
    }
    let tps = match &c.type_params {
        Some(tp) => Some(super::generics::enter(g, ctx, tp)?),
        None => None,
    };
    let id = g.fresh();
    ctx.emit(&format!("let mut cb_{id}: Vec<Value> = Vec::new();\nlet mut ck_{id}: Vec<(Value, Value)> = Vec::new();"));
    if let Some(args) = &c.arguments {
        for a in args.args.iter() {
            match a {
                Expr::Starred(s) => {
                    let v = expr(g, ctx, &s.value)?;
                    let line = ctx.q(&format!("extend_from_iterable(&mut cb_{id}, &{v})"));
                    ctx.emit(&format!("{line};"));
                }
                other => {
                    let v = expr(g, ctx, other)?;
                    ctx.emit(&format!("cb_{id}.push({v});"));
                }
            }
        }
        for k in args.keywords.iter() {
            let v = expr(g, ctx, &k.value)?;
            match &k.arg {
                Some(name) => {
                    let s = g.s(&name.id);
                    ctx.emit(&format!("ck_{id}.push(({s}.clone(), {v}));"));
                }
                None => {
                    let line = ctx.q(&format!("merge_kwargs(&Value::None, &mut ck_{id}, &{v})"));
                    ctx.emit(&format!("{line};"));
                }
            }
        }
    }
    if let Some(tps) = &tps {
        // The implicit `Generic[*type_params]` base, last, as CPython adds it.
        let base = ctx.q(&format!("generic_base(&{tps})"));
        ctx.emit(&format!("cb_{id}.push({base});"));
    }
    let code = func::emit_class_body(g, scope_id, &c.body, c.range)?;
    let mk = func::make_function(g, ctx, scope_id, None, &code)?;
    let name = g.s(&c.name.id);
    let qualname = g.table.scopes[scope_id].qualname.clone();
    let qn = g.s(&qualname);
    let build = ctx.q(&format!("build_class(&{mk}, {name}, {qn}, cb_{id}, ck_{id})"));
    ctx.emit(&format!("let mut k_{id}: Value = {build};"));
    if let Some(tps) = tps {
        super::generics::leave(ctx);
        // NOTE: CPython stores `__type_params__` in the namespace before the body runs; here it is set on the
        // class once made, so the body and `__init_subclass__` do not see it yet.
        let set = ctx.q(&format!("set_type_params(&k_{id}, &{tps})"));
        ctx.emit(&format!("{set};"));
    }
    for d in decorators.iter().rev() {
        let c = ctx.q(&format!("call(&{d}, &[k_{id}], &[])"));
        ctx.emit(&format!("k_{id} = {c};"));
    }
    store_name(g, ctx, &c.name.id, &format!("k_{id}"));
    Ok(())
}

fn try_stmt<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    t: &'a ruff_python_ast::StmtTry,
) -> Result<(), CompileError> {
    let id = g.fresh();
    let outer_err = ctx.err.clone();
    let has_finally = !t.finalbody.is_empty();
    if has_finally {
        ctx.emit(&format!("let rf_{id}: PyResult<()> = 'tf{id}: {{"));
        ctx.err = format!("'tf{id}");
        ctx.unwind.push(Unwind::Finally { body: &t.finalbody, err: outer_err.clone() });
    }
    if t.handlers.is_empty() {
        stmts(g, ctx, &t.body)?;
        stmts(g, ctx, &t.orelse)?;
    } else if t.is_star {
        star_handlers(g, ctx, t, id)?;
    } else {
        let handler_err = body_then_catch(g, ctx, t, id)?;
        ctx.err = format!("'th{id}");
        ctx.unwind.push(Unwind::PopHandled);
        let mut first = true;
        let mut has_bare = false;
        for h in &t.handlers {
            let ExceptHandler::ExceptHandler(h) = h;
            let hline = g.line_of(h.range.start());
            match &h.type_ {
                Some(ty) => {
                    let tv = expr(g, ctx, ty)?;
                    let m = ctx.q(&format!("exc_match(&exc_{id}, &{tv})"));
                    ctx.emit(&format!("{}if {{ ln = {hline}; {m} }} {{", if first { "" } else { "else " }));
                }
                None => {
                    ctx.emit(&format!("{}{{ ln = {hline};", if first { "" } else { "else " }));
                    has_bare = true;
                }
            }
            first = false;
            match &h.name {
                Some(n) => {
                    store_name(g, ctx, &n.id, &format!("Value::Obj(exc_{id}.clone())"));
                    let clear = match ctx.resolve(g, &n.id) {
                        NameRef::Local(v) => format!("{v} = None;"),
                        NameRef::Cell(v, _) => format!("cell_clear(&{v});"),
                        NameRef::Global => format!("let _ = del_global(g, {});", g.s(&n.id)),
                        NameRef::ClassNs | NameRef::ClassFree(_) => {
                            format!("let _ = del_class_name(ns, {});", g.s(&n.id))
                        }
                    };
                    ctx.unwind.push(Unwind::ClearName(clear.clone()));
                    stmts(g, ctx, &h.body)?;
                    ctx.unwind.pop();
                    ctx.emit(&clear);
                }
                None => stmts(g, ctx, &h.body)?,
            }
            ctx.emit("}");
            if has_bare {
                break;
            }
        }
        if !has_bare {
            ctx.emit(&format!("else {{ break 'th{id} Err(PyErr::reraise(exc_{id}.clone())); }}"));
        }
        ctx.unwind.pop();
        ctx.emit("Ok(())\n};");
        ctx.emit("pop_handled();");
        ctx.err = handler_err;
        let prop = ctx.q(&format!("rh_{id}"));
        ctx.emit(&format!("{prop};"));
        ctx.emit("}\n}");
    }
    if has_finally {
        ctx.unwind.pop();
        ctx.emit("Ok(())\n};");
        ctx.err = outer_err.clone();
        ctx.emit(&format!("match rf_{id} {{\nOk(()) => {{"));
        stmts(g, ctx, &t.finalbody)?;
        ctx.emit("}\nErr(e) => {");
        ctx.emit(&format!("let e = e.stamp(&{}, ln);\npush_handled(&e.exc);", ctx.code));
        ctx.emit(&format!("let rff_{id}: PyResult<()> = 'ff{id}: {{"));
        ctx.err = format!("'ff{id}");
        ctx.unwind.push(Unwind::PopHandled);
        stmts(g, ctx, &t.finalbody)?;
        ctx.unwind.pop();
        ctx.emit("Ok(())\n};");
        ctx.emit("pop_handled();");
        ctx.err = outer_err.clone();
        let prop = ctx.q(&format!("rff_{id}"));
        ctx.emit(&format!("{prop};"));
        ctx.emit(&format!("break {outer_err} Err(e);"));
        ctx.emit("}\n}");
    }
    Ok(())
}

/// The part `try`/`except` and `try`/`except*` share: the body in its own labeled block, `else` when it
/// succeeded, and on an error the exception stamped with this frame's line, pushed as the handled exception,
/// and the handlers' block `'th{id}` opened. Returns the error label in force around the statement.
fn body_then_catch<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    t: &'a ruff_python_ast::StmtTry,
    id: usize,
) -> Result<String, CompileError> {
    let handler_err = ctx.err.clone();
    ctx.emit(&format!("let rb_{id}: PyResult<()> = 'tb{id}: {{"));
    ctx.err = format!("'tb{id}");
    stmts(g, ctx, &t.body)?;
    ctx.emit("Ok(())\n};");
    ctx.err = handler_err.clone();
    ctx.emit(&format!("match rb_{id} {{\nOk(()) => {{"));
    stmts(g, ctx, &t.orelse)?;
    ctx.emit("}\nErr(e) => {");
    ctx.emit(&format!(
        "let e = e.stamp(&{}, ln);\nlet exc_{id}: ObjRef = e.exc.clone();\ndrop(e);\npush_handled(&exc_{id});",
        ctx.code
    ));
    ctx.emit(&format!("let rh_{id}: PyResult<()> = 'th{id}: {{"));
    Ok(handler_err)
}

/// The body, `else` and `except*` clauses of a `try` statement, lowered as CPython compiles them: each clause
/// splits off its part of what is still unhandled (`except_star_match`, which wraps a "naked" exception in an
/// `ExceptionGroup` and makes the part `sys.exception()`), runs its body with the part bound, and collects
/// what the body raised; at the end `except_star_reraise` merges the raised exceptions and the unhandled rest
/// (CPython's `_PyExc_PrepReraiseStar`) and raises the result, if any. `return`, `break` and `continue`
/// cannot leave an `except*` body (the scope pass rejects them), so the clauses need no unwinding.
fn star_handlers<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    t: &'a ruff_python_ast::StmtTry,
    id: usize,
) -> Result<(), CompileError> {
    let handler_err = body_then_catch(g, ctx, t, id)?;
    ctx.emit(&format!("let mut rest_{id}: Value = Value::Obj(exc_{id}.clone());"));
    ctx.emit(&format!("let mut raised_{id}: Vec<Value> = Vec::new();"));
    ctx.err = format!("'th{id}");
    for h in &t.handlers {
        let ExceptHandler::ExceptHandler(h) = h;
        let hid = g.fresh();
        let hline = g.line_of(h.range.start());
        let Some(ty) = &h.type_ else {
            return Err(func::unsupported(g, h.range, "'except*' without an exception type"));
        };
        ctx.emit(&format!("ln = {hline};"));
        let tv = expr(g, ctx, ty)?;
        let m = ctx.q(&format!("except_star_match(&mut rest_{id}, &{tv})"));
        ctx.emit(&format!("let m_{hid}: Value = {m};\nif !m_{hid}.is_none() {{"));
        ctx.emit(&format!("let rs_{hid}: PyResult<()> = 'ts{hid}: {{"));
        ctx.err = format!("'ts{hid}");
        let clear = match &h.name {
            Some(n) => {
                store_name(g, ctx, &n.id, &format!("m_{hid}.clone()"));
                Some(match ctx.resolve(g, &n.id) {
                    NameRef::Local(v) => format!("{v} = None;"),
                    NameRef::Cell(v, _) => format!("cell_clear(&{v});"),
                    NameRef::Global => format!("let _ = del_global(g, {});", g.s(&n.id)),
                    NameRef::ClassNs | NameRef::ClassFree(_) => format!("let _ = del_class_name(ns, {});", g.s(&n.id)),
                })
            }
            None => None,
        };
        stmts(g, ctx, &h.body)?;
        ctx.emit("Ok(())\n};");
        ctx.err = format!("'th{id}");
        if let Some(clear) = clear {
            ctx.emit(&clear);
        }
        ctx.emit(&format!(
            "if let Err(e) = rs_{hid} {{ let e = e.stamp(&{}, ln); raised_{id}.push(e.value()); }}\n}}",
            ctx.code
        ));
    }
    ctx.emit(&format!("raised_{id}.push(rest_{id});"));
    let re = ctx.q(&format!("except_star_reraise(&exc_{id}, &raised_{id})"));
    ctx.emit(&format!("{re};\nOk(())\n}};"));
    ctx.emit("pop_handled();");
    ctx.err = handler_err;
    let prop = ctx.q(&format!("rh_{id}"));
    ctx.emit(&format!("{prop};"));
    ctx.emit("}\n}");
    Ok(())
}

fn with_items<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    items: &'a [ruff_python_ast::WithItem],
    body: &'a [Stmt],
    is_async: bool,
) -> Result<(), CompileError> {
    let Some((item, rest)) = items.split_first() else {
        return stmts(g, ctx, body);
    };
    let id = g.fresh();
    let mgr = expr(g, ctx, &item.context_expr)?;
    let enter = if is_async {
        ctx.q(&format!("async_with_enter(&{mgr}).await"))
    } else {
        ctx.q(&format!("with_enter(&{mgr})"))
    };
    ctx.emit(&format!("let (wx_{id}, wv_{id}): (Value, Value) = {enter};"));
    let outer_err = ctx.err.clone();
    ctx.emit(&format!("let rw_{id}: PyResult<()> = 'wb{id}: {{"));
    ctx.err = format!("'wb{id}");
    if let Some(target) = &item.optional_vars {
        store(g, ctx, target, &format!("wv_{id}"))?;
    } else {
        ctx.emit(&format!("drop(wv_{id});"));
    }
    ctx.unwind.push(Unwind::WithExit { exit_var: format!("wx_{id}"), err: outer_err.clone(), is_async });
    with_items(g, ctx, rest, body, is_async)?;
    ctx.unwind.pop();
    ctx.emit("Ok(())\n};");
    ctx.err = outer_err;
    ctx.emit(&format!("match rw_{id} {{"));
    let aw = if is_async { ".await" } else { "" };
    let pre = if is_async { "async_" } else { "" };
    let ok = ctx.q(&format!("{pre}with_exit_ok(&wx_{id}){aw}"));
    ctx.emit(&format!("Ok(()) => {{ {ok}; }}"));
    let exit_err = ctx.q(&format!("{pre}with_exit_err(&wx_{id}, e){aw}"));
    ctx.emit(&format!("Err(e) => {{ let e = e.stamp(&{}, ln); {exit_err}; }}", ctx.code));
    ctx.emit("}");
    let _ = mangle;
    Ok(())
}

#[allow(dead_code)]
fn _unused(s: &mut String) {
    let _ = write!(s, "");
}
