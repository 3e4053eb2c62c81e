//! The `match` statement (PEP 634). The subject is evaluated once; each case is a labeled Rust block that
//! yields whether its pattern matched, breaking out with `false` at the first failed check. Captured values
//! go to Rust temporaries and are stored to their names only once the whole pattern has matched (before the
//! guard runs), as CPython binds them. The checks themselves (is it a sequence, `MATCH_CLASS`, `MATCH_KEYS`)
//! are runtime calls (`crabby_runtime::ops::pattern`), shared with the evaluator of `eval`/`exec`.

use ruff_python_ast::{MatchCase, Pattern, Singleton, StmtMatch};
use ruff_text_size::Ranged;

use super::expr::expr;
use super::func::FnCtx;
use super::stmt::{stmts, store_name};
use super::{rust_str, ModuleGen};
use crate::CompileError;

/// The names a pattern captures, in first-appearance order (alternatives of an or-pattern bind the same
/// names, which the scope pass checks).
fn capture_names<'a>(p: &'a Pattern, out: &mut Vec<&'a str>) {
    match p {
        Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => {}
        Pattern::MatchSequence(s) => s.patterns.iter().for_each(|q| capture_names(q, out)),
        Pattern::MatchMapping(m) => {
            m.patterns.iter().for_each(|q| capture_names(q, out));
            if let Some(r) = &m.rest {
                if !out.contains(&r.as_str()) {
                    out.push(r.as_str());
                }
            }
        }
        Pattern::MatchClass(c) => {
            c.arguments.patterns.iter().for_each(|q| capture_names(q, out));
            c.arguments.keywords.iter().for_each(|k| capture_names(&k.pattern, out));
        }
        Pattern::MatchStar(s) => {
            if let Some(n) = &s.name {
                if !out.contains(&n.as_str()) {
                    out.push(n.as_str());
                }
            }
        }
        Pattern::MatchAs(a) => {
            if let Some(q) = &a.pattern {
                capture_names(q, out);
            }
            if let Some(n) = &a.name {
                if !out.contains(&n.as_str()) {
                    out.push(n.as_str());
                }
            }
        }
        Pattern::MatchOr(o) => o.patterns.iter().for_each(|q| capture_names(q, out)),
    }
}

/// `_`: matches anything and binds nothing.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

/// Per-case state: the Rust temporaries holding the captured values until the pattern has matched.
struct Case<'a> {
    caps: Vec<(&'a str, String)>,
}

impl Case<'_> {
    fn var(&self, name: &str) -> &str {
        &self.caps.iter().find(|(n, _)| *n == name).expect("every captured name has a temporary").1
    }
}

pub(crate) fn match_stmt<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, m: &'a StmtMatch) -> Result<(), CompileError> {
    let subject = expr(g, ctx, &m.subject)?;
    let id = g.fresh();
    let subj = format!("ms_{id}");
    let done = format!("'m{id}");
    ctx.emit(&format!("let {subj}: Value = {subject};"));
    ctx.emit(&format!("{done}: {{"));
    for case in &m.cases {
        match_case(g, ctx, case, &subj, &done)?;
    }
    ctx.emit("}");
    Ok(())
}

fn match_case<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    case: &'a MatchCase,
    subj: &str,
    done: &str,
) -> Result<(), CompileError> {
    ctx.emit(&format!("ln = {};", g.line_of(case.pattern.range().start())));
    let id = g.fresh();
    let mut names = Vec::new();
    capture_names(&case.pattern, &mut names);
    let caps: Vec<(&str, String)> = names.iter().enumerate().map(|(i, n)| (*n, format!("k_{id}_{i}"))).collect();
    for (_, v) in &caps {
        ctx.emit(&format!("let mut {v}: Value = Value::None;"));
    }
    let c = Case { caps };
    let fail = format!("'p{id}");
    if is_wildcard(&case.pattern) {
        ctx.emit(&format!("let ok_{id}: bool = true;"));
    } else {
        ctx.emit(&format!("let ok_{id}: bool = {fail}: {{"));
        pattern(g, ctx, &c, &case.pattern, subj, &fail)?;
        ctx.emit("true");
        ctx.emit("};");
    }
    ctx.emit(&format!("if ok_{id} {{"));
    for (name, var) in &c.caps {
        store_name(g, ctx, name, var);
    }
    let mut closers = 1;
    if let Some(guard) = &case.guard {
        ctx.emit(&format!("ln = {};", g.line_of(guard.range().start())));
        let t = expr(g, ctx, guard)?;
        let cond = ctx.q(&format!("truthy(&{t})"));
        ctx.emit(&format!("if {cond} {{"));
        closers += 1;
    }
    stmts(g, ctx, &case.body)?;
    ctx.emit(&format!("break {done};"));
    for _ in 0..closers {
        ctx.emit("}");
    }
    Ok(())
}

/// Emits the checks of `p` against the value in the Rust variable `subj`, breaking to `fail` with `false`
/// when it does not match.
fn pattern<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &Case<'a>,
    p: &'a Pattern,
    subj: &str,
    fail: &str,
) -> Result<(), CompileError> {
    match p {
        Pattern::MatchValue(v) => {
            let value = expr(g, ctx, &v.value)?;
            let eq = ctx.q(&format!("match_eq(&{subj}, &{value})"));
            ctx.emit(&format!("if !{eq} {{ break {fail} false; }}"));
        }
        Pattern::MatchSingleton(s) => {
            let want = match s.value {
                Singleton::None => "Value::None",
                Singleton::True => "Value::Bool(true)",
                Singleton::False => "Value::Bool(false)",
            };
            ctx.emit(&format!("if !matches!({subj}, {want}) {{ break {fail} false; }}"));
        }
        Pattern::MatchAs(a) => {
            if let Some(q) = &a.pattern {
                pattern(g, ctx, c, q, subj, fail)?;
            }
            if let Some(n) = &a.name {
                ctx.emit(&format!("{} = {subj}.clone();", c.var(n.as_str())));
            }
        }
        Pattern::MatchStar(_) => unreachable!("the parser allows star patterns only in sequence patterns"),
        Pattern::MatchOr(o) => {
            let id = g.fresh();
            let any = format!("'o{id}");
            ctx.emit(&format!("let or_{id}: bool = {any}: {{"));
            for (i, alt) in o.patterns.iter().enumerate() {
                let alt_fail = format!("'a{id}_{i}");
                ctx.emit(&format!("let alt_{id}_{i}: bool = {alt_fail}: {{"));
                pattern(g, ctx, c, alt, subj, &alt_fail)?;
                ctx.emit("true");
                ctx.emit("};");
                ctx.emit(&format!("if alt_{id}_{i} {{ break {any} true; }}"));
            }
            ctx.emit("false");
            ctx.emit("};");
            ctx.emit(&format!("if !or_{id} {{ break {fail} false; }}"));
        }
        Pattern::MatchSequence(s) => {
            let size = s.patterns.len();
            let star = s.patterns.iter().position(|q| matches!(q, Pattern::MatchStar(_)));
            let star_wildcard =
                star.is_some_and(|i| matches!(&s.patterns[i], Pattern::MatchStar(st) if st.name.is_none()));
            let only_wildcard = s.patterns.iter().all(|q| match q {
                Pattern::MatchStar(st) => st.name.is_none(),
                q => is_wildcard(q),
            });
            let mode = if only_wildcard {
                "Check"
            } else if star_wildcard {
                "Subscript"
            } else {
                "Unpack"
            };
            let id = g.fresh();
            let items = format!("u_{id}");
            let star_arg = star.map_or("None".to_string(), |i| format!("Some({i})"));
            let call = ctx.q(&format!("match_sequence(&{subj}, {size}, {star_arg}, SeqMode::{mode})"));
            ctx.emit(&format!(
                "let mut {items}: Vec<Value> = match {call} {{ Some(v) => v, None => break {fail} false }};"
            ));
            if only_wildcard {
                return Ok(());
            }
            // In subscript mode the star (`*_`) has no item.
            let mut k = 0;
            for q in &s.patterns {
                if star_wildcard && matches!(q, Pattern::MatchStar(_)) {
                    continue;
                }
                let slot = k;
                k += 1;
                let sub = match q {
                    Pattern::MatchStar(st) => {
                        if let Some(n) = &st.name {
                            ctx.emit(&format!("{} = std::mem::take(&mut {items}[{slot}]);", c.var(n.as_str())));
                        }
                        continue;
                    }
                    q if is_wildcard(q) => continue,
                    q => q,
                };
                let e = format!("e_{id}_{slot}");
                ctx.emit(&format!("let {e}: Value = std::mem::take(&mut {items}[{slot}]);"));
                pattern(g, ctx, c, sub, &e, fail)?;
            }
        }
        Pattern::MatchMapping(m) => {
            let id = g.fresh();
            let ok = ctx.q(&format!("match_mapping(&{subj}, {})", m.keys.len()));
            ctx.emit(&format!("if !{ok} {{ break {fail} false; }}"));
            let mut keys = Vec::with_capacity(m.keys.len());
            for key in &m.keys {
                let k = expr(g, ctx, key)?;
                let kv = format!("mk_{id}_{}", keys.len());
                ctx.emit(&format!("let {kv}: Value = {k};"));
                keys.push(kv);
            }
            let keys_var = format!("mks_{id}");
            ctx.emit(&format!("let {keys_var}: Vec<Value> = vec![{}];", keys.join(", ")));
            let items = format!("u_{id}");
            let call = ctx.q(&format!("match_keys(&{subj}, &{keys_var})"));
            ctx.emit(&format!(
                "let mut {items}: Vec<Value> = match {call} {{ Some(v) => v, None => break {fail} false }};"
            ));
            if let Some(rest) = &m.rest {
                let r = ctx.q(&format!("mapping_rest(&{subj}, &{keys_var})"));
                ctx.emit(&format!("{} = {r};", c.var(rest.as_str())));
            }
            for (i, q) in m.patterns.iter().enumerate() {
                if is_wildcard(q) {
                    continue;
                }
                let e = format!("e_{id}_{i}");
                ctx.emit(&format!("let {e}: Value = std::mem::take(&mut {items}[{i}]);"));
                pattern(g, ctx, c, q, &e, fail)?;
            }
        }
        Pattern::MatchClass(cp) => {
            let id = g.fresh();
            let cls = expr(g, ctx, &cp.cls)?;
            let args = &cp.arguments;
            let kw: Vec<String> = args.keywords.iter().map(|k| rust_str(k.attr.as_str())).collect();
            let items = format!("u_{id}");
            let call = ctx.q(&format!("match_class(&{subj}, &{cls}, {}, &[{}])", args.patterns.len(), kw.join(", ")));
            ctx.emit(&format!(
                "let mut {items}: Vec<Value> = match {call} {{ Some(v) => v, None => break {fail} false }};"
            ));
            let subs = args.patterns.iter().chain(args.keywords.iter().map(|k| &k.pattern));
            for (i, q) in subs.enumerate() {
                if is_wildcard(q) {
                    continue;
                }
                let e = format!("e_{id}_{i}");
                ctx.emit(&format!("let {e}: Value = std::mem::take(&mut {items}[{i}]);"));
                pattern(g, ctx, c, q, &e, fail)?;
            }
        }
    }
    Ok(())
}
