// The statement and expression walker, included twice by `walk.rs` (plain and `async`); `walk_fn!`, `aw!`
// (a recursive call) and `only_async!` (an operation only generator frames perform) are defined there.
// Every Python operation is the runtime function compiled code calls for it (see the compiler's
// codegen/{stmt,expr}.rs), so values, errors and messages are the same.

use crabby_runtime::rt::{self, ObjRef, PyErr, PyResult, Value};

use super::{Flow, Frame};
use crate::tree::*;

walk_fn! {
    /// Runs a frame's body: the value of `return`, or of an `eval`-mode expression.
    fn run<'x>(f: &'x mut Frame) -> PyResult<Value> {
        let unit = f.unit;
        if let Some(e) = &unit.result {
            return aw!(eval(f, e));
        }
        match aw!(exec_block(f, &unit.body))? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }
}

walk_fn! {
    fn exec_block<'x>(f: &'x mut Frame, body: &'static [Stmt]) -> PyResult<Flow> {
        for s in body {
            match aw!(exec_stmt(f, s))? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }
}

walk_fn! {
    fn exec_stmt<'x>(f: &'x mut Frame, s: &'static Stmt) -> PyResult<Flow> {
        f.line = s.line;
        match &s.kind {
            St::Expr(e) => {
                aw!(eval(f, e))?;
            }
            St::Display(e) => {
                let v = aw!(eval(f, e))?;
                super::display(v)?;
            }
            St::Pass => {}
            St::Assign(targets, e) => {
                let v = aw!(eval(f, e))?;
                for t in targets.iter() {
                    aw!(store(f, t, v.clone()))?;
                }
            }
            St::AugAssign(t, op, e) => match t {
                Target::Name(r) => {
                    let cur = f.load(r)?;
                    let v = aw!(eval(f, e))?;
                    let n = op(&cur, &v)?;
                    f.store(r, n)?;
                }
                Target::Attr(o, name, site) => {
                    let obj = aw!(eval(f, o))?;
                    let cur = rt::getattr_at(site, &obj, name)?;
                    let v = aw!(eval(f, e))?;
                    let n = op(&cur, &v)?;
                    rt::setattr(&obj, name, n)?;
                }
                Target::Item(o, k) => {
                    let obj = aw!(eval(f, o))?;
                    let key = aw!(eval(f, k))?;
                    let cur = rt::getitem(&obj, &key)?;
                    let v = aw!(eval(f, e))?;
                    let n = op(&cur, &v)?;
                    rt::setitem(&obj, &key, n)?;
                }
                Target::Seq(..) => return Err(rt::not_supported("this augmented assignment target")),
            },
            St::AnnAssign { target, value, annotation } => {
                if let (Some(t), Some(v)) = (target, value) {
                    let v = aw!(eval(f, v))?;
                    aw!(store(f, t, v))?;
                }
                if let Some((key, ann)) = annotation {
                    let a = aw!(eval(f, ann))?;
                    let ns = f.ns.clone().expect("namespace frame");
                    let d = rt::load_class_name(&ns, &f.g, &Value::from("__annotations__"))?;
                    rt::setitem(&d, key, a)?;
                }
            }
            St::SetupAnnotations => {
                let ns = f.ns.clone().expect("namespace frame");
                let name = Value::from("__annotations__");
                let present = match rt::getitem(&Value::Obj(ns.clone()), &name) {
                    Ok(_) => true,
                    Err(e) if e.matches(crabby_runtime::builtins::exceptions::ExcKind::KeyError) => false,
                    Err(e) => return Err(e),
                };
                if !present {
                    rt::store_class_name(&ns, &name, Value::Obj(rt::new_dict_obj()))?;
                }
            }
            St::Doc(v) => {
                let ns = f.ns.clone().expect("namespace frame");
                rt::store_class_name(&ns, &Value::from("__doc__"), v.clone())?;
            }
            St::Del(targets) => {
                for t in targets {
                    aw!(delete(f, t))?;
                }
            }
            St::If(t, body, orelse) => {
                let v = aw!(eval(f, t))?;
                return if rt::truthy(&v)? { aw!(exec_block(f, body)) } else { aw!(exec_block(f, orelse)) };
            }
            St::While(t, body, orelse) => {
                loop {
                    f.line = s.line;
                    // A safe point, as in compiled loops: Python signal handlers (Ctrl-C's KeyboardInterrupt)
                    // run here, so `while True: pass` typed at the prompt can be interrupted.
                    rt::check_signals()?;
                    let v = aw!(eval(f, t))?;
                    if !rt::truthy(&v)? {
                        break;
                    }
                    match aw!(exec_block(f, body))? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return aw!(exec_block(f, orelse));
            }
            St::For { target, iter, body, orelse, is_async } => {
                let itv = aw!(eval(f, iter))?;
                let it = if *is_async { rt::aiter(&itv)? } else { rt::iter(&itv)? };
                drop(itv);
                loop {
                    rt::check_signals()?;
                    let x: Value = if *is_async {
                        let n: Option<Value> = only_async!(rt::anext_or_stop(&it))?;
                        match n {
                            Some(v) => v,
                            None => break,
                        }
                    } else {
                        match rt::next(&it)? {
                            Some(v) => v,
                            None => break,
                        }
                    };
                    aw!(store(f, target, x))?;
                    match aw!(exec_block(f, body))? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                    f.line = s.line;
                }
                return aw!(exec_block(f, orelse));
            }
            St::Break => return Ok(Flow::Break),
            St::Continue => return Ok(Flow::Continue),
            St::Return(e) => {
                let v = match e {
                    Some(e) => aw!(eval(f, e))?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            St::Raise(exc, cause) => {
                let Some(exc) = exc else { return Err(rt::reraise_current()) };
                let v = aw!(eval(f, exc))?;
                let c = match cause {
                    Some(c) => Some(aw!(eval(f, c))?),
                    None => None,
                };
                return Err(rt::raise_exc(v, c));
            }
            St::Assert(t, msg) => {
                let v = aw!(eval(f, t))?;
                if !rt::truthy(&v)? {
                    let m = match msg {
                        Some(m) => Some(aw!(eval(f, m))?),
                        None => None,
                    };
                    return Err(rt::assertion_error(m));
                }
            }
            St::Def(d) => {
                let mut decorators = Vec::with_capacity(d.decorators.len());
                for e in &d.decorators {
                    decorators.push(aw!(eval(f, e))?);
                }
                let mut fv = aw!(make_func(f, &d.func))?;
                if let Some(tp) = &d.type_params {
                    rt::set_type_params(&fv, &f.load(tp)?)?;
                }
                if let Some(doc) = &d.doc {
                    rt::set_function_doc(&fv, doc.clone());
                }
                for dec in decorators.iter().rev() {
                    fv = rt::call(dec, &[fv], &[])?;
                }
                f.store(&d.target, fv)?;
            }
            St::Class(c) => {
                f.check_hidden_builtin("__build_class__")?;
                let mut decorators = Vec::with_capacity(c.decorators.len());
                for e in &c.decorators {
                    decorators.push(aw!(eval(f, e))?);
                }
                let mut bases = Vec::with_capacity(c.bases.len());
                for b in &c.bases {
                    match b {
                        Elt::Plain(e) => bases.push(aw!(eval(f, e))?),
                        Elt::Star(e) => {
                            let v = aw!(eval(f, e))?;
                            rt::extend_from_iterable(&mut bases, &v)?;
                        }
                    }
                }
                let mut kws: Vec<(Value, Value)> = Vec::new();
                for k in &c.kws {
                    let v = aw!(eval(f, &k.value))?;
                    match &k.name {
                        Some(n) => kws.push((n.clone(), v)),
                        None => rt::merge_kwargs(&Value::None, &mut kws, &v)?,
                    }
                }
                if let Some(tp) = &c.type_params {
                    bases.push(rt::generic_base(&f.load(tp)?)?);
                }
                let body = aw!(make_func(f, &c.body))?;
                let mut cls = rt::build_class(&body, &c.name, &c.qualname, bases, kws)?;
                if let Some(tp) = &c.type_params {
                    rt::set_type_params(&cls, &f.load(tp)?)?;
                }
                for dec in decorators.iter().rev() {
                    cls = rt::call(dec, &[cls], &[])?;
                }
                f.store(&c.target, cls)?;
            }
            St::Try { body, handlers, orelse, finally, star } => {
                return aw!(exec_try(f, body, handlers, orelse, finally, *star));
            }
            St::With { items, body, is_async } => return aw!(exec_with(f, items, body, *is_async)),
            St::Import(names) => {
                f.check_hidden_builtin("__import__")?;
                for n in names {
                    match n {
                        ImportName::Top(name, r) => {
                            let m = rt::import_module(name)?;
                            f.store(r, m)?;
                        }
                        ImportName::As(name, r) => {
                            let m = rt::import_module(name)?;
                            let m2 = rt::import_submodule(&m, name)?;
                            f.store(r, m2)?;
                        }
                    }
                }
            }
            St::ImportFrom { module, names } => {
                f.check_hidden_builtin("__import__")?;
                let m = rt::import_from_module(&f.g, module)?;
                for (n, r) in names {
                    let v = rt::import_from(&m, n)?;
                    f.store(r, v)?;
                }
            }
            St::ImportStar(module) => {
                f.check_hidden_builtin("__import__")?;
                let m = rt::import_from_module(&f.g, module)?;
                let target: ObjRef = match &f.ns {
                    Some(ns) if matches!(ns.payload, crabby_runtime::object::Payload::Dict(_)) => ns.clone(),
                    _ => f.g.clone(),
                };
                rt::import_star(&target, &m)?;
            }
            St::Match(subject, cases) => return aw!(exec_match(f, subject, cases)),
            St::TypeAlias(name, func, target, type_params) => {
                let fv = aw!(make_func(f, func))?;
                let name = name.as_str().unwrap_or("");
                let alias = match type_params {
                    Some(tp) => rt::make_generic_type_alias(name, &fv, &f.load(tp)?)?,
                    None => rt::make_type_alias(name, &fv)?,
                };
                f.store(target, alias)?;
            }
            St::Generic(tp, inner) => {
                for &i in &tp.fresh_cells {
                    f.cells[i as usize] = rt::new_cell();
                }
                let mut made = Vec::with_capacity(tp.params.len());
                for (kind, name, bound, target) in &tp.params {
                    let lazy = match bound {
                        Some(b) => aw!(make_func(f, b))?,
                        None => Value::None,
                    };
                    let v = rt::make_type_param(*kind, name, &lazy)?;
                    f.store(target, v.clone())?;
                    made.push(v);
                }
                f.store(&tp.tuple, rt::new_tuple(made))?;
                return aw!(exec_stmt(f, inner));
            }
            St::Unsupported(what) => return Err(rt::not_supported(what)),
        }
        Ok(Flow::Normal)
    }
}

walk_fn! {
    /// `match`: the first case whose pattern matches (and whose guard holds) runs; its captures are bound
    /// before the guard is evaluated, as in CPython.
    fn exec_match<'x>(f: &'x mut Frame, subject: &'static Ex, cases: &'static [Case]) -> PyResult<Flow> {
        let subj = aw!(eval(f, subject))?;
        for case in cases {
            f.line = case.line;
            let mut caps: Vec<Value> = vec![Value::None; case.caps.len()];
            let ok = match &case.pat {
                None => true,
                Some(p) => aw!(match_pat(f, p, subj.clone(), &mut caps))?,
            };
            if !ok {
                continue;
            }
            for (r, v) in case.caps.iter().zip(caps) {
                f.store(r, v)?;
            }
            if let Some((line, g)) = &case.guard {
                f.line = *line;
                let t = aw!(eval(f, g))?;
                if !rt::truthy(&t)? {
                    continue;
                }
            }
            return aw!(exec_block(f, &case.body));
        }
        Ok(Flow::Normal)
    }
}

walk_fn! {
    /// Whether each extracted value `vals[k]` matches sub-pattern `subs[k]` (`None`: a wildcard), in order, as
    /// mapping and class patterns check theirs.
    fn match_subs<'x>(
        f: &'x mut Frame,
        subs: &'static [Option<Pat>],
        vals: Vec<Value>,
        caps: &'x mut Vec<Value>,
    ) -> PyResult<bool> {
        for (q, v) in subs.iter().zip(vals) {
            if let Some(q) = q {
                if !aw!(match_pat(f, q, v, caps))? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}

walk_fn! {
    /// Whether `subj` matches `p`, putting captured values in `caps`.
    fn match_pat<'x>(f: &'x mut Frame, p: &'static Pat, subj: Value, caps: &'x mut Vec<Value>) -> PyResult<bool> {
        match p {
            Pat::Value(e) => {
                let v = aw!(eval(f, e))?;
                rt::match_eq(&subj, &v)
            }
            Pat::Singleton(v) => Ok(match (v, &subj) {
                (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                _ => false,
            }),
            Pat::As(inner, name) => {
                if let Some(q) = inner {
                    if !aw!(match_pat(f, q, subj.clone(), caps))? {
                        return Ok(false);
                    }
                }
                if let Some(i) = name {
                    caps[*i] = subj;
                }
                Ok(true)
            }
            Pat::Or(alts) => {
                for alt in alts {
                    if aw!(match_pat(f, alt, subj.clone(), caps))? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Pat::Seq { size, star, mode, items } => {
                let Some(mut vals) = rt::match_sequence(&subj, *size, *star, *mode)? else {
                    return Ok(false);
                };
                drop(subj);
                for (k, item) in items.iter().enumerate() {
                    match item {
                        SeqItem::Skip => {}
                        SeqItem::Star(i) => caps[*i] = std::mem::take(&mut vals[k]),
                        SeqItem::Pat(q) => {
                            let v = std::mem::take(&mut vals[k]);
                            if !aw!(match_pat(f, q, v, caps))? {
                                return Ok(false);
                            }
                        }
                    }
                }
                Ok(true)
            }
            Pat::Mapping { keys, subs, rest } => {
                if !rt::match_mapping(&subj, keys.len())? {
                    return Ok(false);
                }
                let mut kv = Vec::with_capacity(keys.len());
                for k in keys {
                    kv.push(aw!(eval(f, k))?);
                }
                let Some(vals) = rt::match_keys(&subj, &kv)? else {
                    return Ok(false);
                };
                if let Some(i) = rest {
                    caps[*i] = rt::mapping_rest(&subj, &kv)?;
                }
                aw!(match_subs(f, subs, vals, caps))
            }
            Pat::Class { cls, nargs, kw, subs } => {
                let c = aw!(eval(f, cls))?;
                let Some(vals) = rt::match_class(&subj, &c, *nargs, kw)? else {
                    return Ok(false);
                };
                aw!(match_subs(f, subs, vals, caps))
            }
        }
    }
}

walk_fn! {
    fn exec_try<'x>(
        f: &'x mut Frame,
        body: &'static [Stmt],
        handlers: &'static [Handler],
        orelse: &'static [Stmt],
        finally: &'static [Stmt],
        star: bool,
    ) -> PyResult<Flow> {
        let r = aw!(exec_block(f, body));
        let r = match r {
            Ok(Flow::Normal) => aw!(exec_block(f, orelse)),
            Ok(flow) => Ok(flow),
            Err(e) if !handlers.is_empty() => {
                let e = e.stamp(f.code, f.line);
                let exc = e.exc.clone();
                drop(e);
                rt::push_handled(&exc);
                let hr = if star { aw!(run_star_handlers(f, handlers, &exc)) } else { aw!(run_handlers(f, handlers, &exc)) };
                rt::pop_handled();
                hr
            }
            Err(e) => Err(e),
        };
        if finally.is_empty() {
            return r;
        }
        match r {
            Ok(flow) => match aw!(exec_block(f, finally))? {
                Flow::Normal => Ok(flow),
                other => Ok(other),
            },
            Err(e) => {
                let e = e.stamp(f.code, f.line);
                rt::push_handled(&e.exc);
                let fr = aw!(exec_block(f, finally));
                rt::pop_handled();
                match fr {
                    Ok(Flow::Normal) => Err(e),
                    Ok(other) => Ok(other),
                    Err(e2) => Err(e2),
                }
            }
        }
    }
}

walk_fn! {
    fn run_handlers<'x>(f: &'x mut Frame, handlers: &'static [Handler], exc: &'x ObjRef) -> PyResult<Flow> {
        for h in handlers {
            f.line = h.line;
            let matched = match &h.ty {
                None => true,
                Some(t) => {
                    let tv = aw!(eval(f, t))?;
                    rt::exc_match(exc, &tv)?
                }
            };
            if matched {
                if let Some(n) = &h.name {
                    f.store(n, Value::Obj(exc.clone()))?;
                }
                let r = aw!(exec_block(f, &h.body));
                if let Some(n) = &h.name {
                    f.clear(n);
                }
                return r;
            }
        }
        Err(PyErr::reraise(exc.clone()))
    }
}

walk_fn! {
    /// `except*` clauses, as compiled code runs them (`codegen/stmt.rs::star_handlers`): each clause splits off
    /// its part of what is still unhandled, a body's exception is collected, and the runtime merges what was
    /// raised with the unhandled rest. The scope pass keeps `return`/`break`/`continue` out of the bodies.
    fn run_star_handlers<'x>(f: &'x mut Frame, handlers: &'static [Handler], exc: &'x ObjRef) -> PyResult<Flow> {
        let mut rest = Value::Obj(exc.clone());
        let mut raised: Vec<Value> = Vec::new();
        for h in handlers {
            f.line = h.line;
            let Some(t) = &h.ty else { continue };
            let tv = aw!(eval(f, t))?;
            let m = rt::except_star_match(&mut rest, &tv)?;
            if m.is_none() {
                continue;
            }
            if let Some(n) = &h.name {
                f.store(n, m)?;
            }
            let r = aw!(exec_block(f, &h.body));
            if let Some(n) = &h.name {
                f.clear(n);
            }
            if let Err(e) = r {
                raised.push(e.stamp(f.code, f.line).value());
            }
        }
        raised.push(rest);
        rt::except_star_reraise(exc, &raised)?;
        Ok(Flow::Normal)
    }
}

walk_fn! {
    fn exec_with<'x>(
        f: &'x mut Frame,
        items: &'static [(Ex, Option<Target>)],
        body: &'static [Stmt],
        is_async: bool,
    ) -> PyResult<Flow> {
        let Some(((mgr_e, target), rest)) = items.split_first() else {
            return aw!(exec_block(f, body));
        };
        let mgr = aw!(eval(f, mgr_e))?;
        let (exit, val): (Value, Value) =
            if is_async { only_async!(rt::async_with_enter(&mgr))? } else { rt::with_enter(&mgr)? };
        drop(mgr);
        let r = match target {
            Some(t) => aw!(store(f, t, val)).map(|_| Flow::Normal),
            None => Ok(Flow::Normal),
        };
        let r = match r {
            Ok(_) => aw!(exec_with(f, rest, body, is_async)),
            Err(e) => Err(e),
        };
        match r {
            Ok(flow) => {
                let _: () = if is_async { only_async!(rt::async_with_exit_ok(&exit))? } else { rt::with_exit_ok(&exit)? };
                Ok(flow)
            }
            Err(e) => {
                let e = e.stamp(f.code, f.line);
                let _: () =
                    if is_async { only_async!(rt::async_with_exit_err(&exit, e))? } else { rt::with_exit_err(&exit, e)? };
                Ok(Flow::Normal)
            }
        }
    }
}

walk_fn! {
    fn store<'x>(f: &'x mut Frame, t: &'static Target, v: Value) -> PyResult<()> {
        match t {
            Target::Name(r) => f.store(r, v),
            Target::Attr(o, name, site) => {
                let obj = aw!(eval(f, o))?;
                rt::setattr_at(site, &obj, name, v)
            }
            Target::Item(o, k) => {
                let obj = aw!(eval(f, o))?;
                let key = aw!(eval(f, k))?;
                rt::setitem(&obj, &key, v)
            }
            Target::Seq(items, star) => {
                let vals = match star {
                    None => rt::unpack(&v, items.len())?,
                    Some(i) => rt::unpack_ex(&v, *i, items.len() - i - 1)?,
                };
                drop(v);
                for (t, x) in items.iter().zip(vals) {
                    aw!(store(f, t, x))?;
                }
                Ok(())
            }
        }
    }
}

walk_fn! {
    fn delete<'x>(f: &'x mut Frame, t: &'static Target) -> PyResult<()> {
        match t {
            Target::Name(r) => f.delete(r),
            Target::Attr(o, name, _) => {
                let obj = aw!(eval(f, o))?;
                rt::delattr(&obj, name)
            }
            Target::Item(o, k) => {
                let obj = aw!(eval(f, o))?;
                let key = aw!(eval(f, k))?;
                rt::delitem(&obj, &key)
            }
            Target::Seq(items, _) => {
                for t in items {
                    aw!(delete(f, t))?;
                }
                Ok(())
            }
        }
    }
}

walk_fn! {
    fn make_func<'x>(f: &'x mut Frame, d: &'static FuncDef) -> PyResult<Value> {
        let mut defaults = Vec::with_capacity(d.defaults.len());
        for e in &d.defaults {
            defaults.push(aw!(eval(f, e))?);
        }
        let mut kwdefaults = Vec::with_capacity(d.kwdefaults.len());
        for (n, e) in &d.kwdefaults {
            kwdefaults.push((*n, aw!(eval(f, e))?));
        }
        let mut annotations = Vec::with_capacity(d.annotations.len());
        for (k, e) in &d.annotations {
            annotations.push((k.clone(), aw!(eval(f, e))?));
        }
        let closure: Vec<ObjRef> = d.closure.iter().map(|&i| f.cells[i as usize].clone()).collect();
        let fv = rt::make_function(d.code, &f.g, defaults, kwdefaults, closure);
        if !annotations.is_empty() {
            let dict = rt::new_dict_obj();
            for (k, v) in annotations {
                rt::dict_set(&dict, k, v)?;
            }
            rt::setattr(&fv, &Value::from("__annotations__"), Value::Obj(dict))?;
        }
        Ok(fv)
    }
}

walk_fn! {
    fn elts<'x>(f: &'x mut Frame, items: &'static [Elt]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            match it {
                Elt::Plain(e) => out.push(aw!(eval(f, e))?),
                Elt::Star(e) => {
                    let v = aw!(eval(f, e))?;
                    rt::extend_from_iterable(&mut out, &v)?;
                }
            }
        }
        Ok(out)
    }
}

fn compare(op: Cmp, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(match op {
        Cmp::Eq => rt::eq(a, b)?,
        Cmp::Ne => rt::ne(a, b)?,
        Cmp::Lt => rt::lt(a, b)?,
        Cmp::Le => rt::le(a, b)?,
        Cmp::Gt => rt::gt(a, b)?,
        Cmp::Ge => rt::ge(a, b)?,
        Cmp::Is => Value::Bool(a.is(b)),
        Cmp::IsNot => Value::Bool(!a.is(b)),
        Cmp::In => Value::Bool(rt::contains(b, a)?),
        Cmp::NotIn => Value::Bool(!rt::contains(b, a)?),
    })
}

walk_fn! {
    fn eval<'x>(f: &'x mut Frame, e: &'static Ex) -> PyResult<Value> {
        match e {
            Ex::Const(v) => Ok(v.clone()),
            Ex::Name(r) => f.load(r),
            Ex::Global(n, site) => match &f.builtins {
                None => rt::load_global_at(site, &f.g, n),
                Some(_) => f.load_global(n),
            },
            Ex::Attr(o, name, site) => {
                let v = aw!(eval(f, o))?;
                rt::getattr_at(site, &v, name)
            }
            Ex::Item(o, k) => {
                let v = aw!(eval(f, o))?;
                let k = aw!(eval(f, k))?;
                rt::getitem(&v, &k)
            }
            Ex::Slice(lo, hi, st) => {
                let lo = match lo {
                    Some(x) => aw!(eval(f, x))?,
                    None => Value::None,
                };
                let hi = match hi {
                    Some(x) => aw!(eval(f, x))?,
                    None => Value::None,
                };
                let st = match st {
                    Some(x) => aw!(eval(f, x))?,
                    None => Value::None,
                };
                Ok(rt::slice(lo, hi, st))
            }
            Ex::Bin(op, l, r) => {
                let a = aw!(eval(f, l))?;
                let b = aw!(eval(f, r))?;
                op(&a, &b)
            }
            Ex::Not(x) => {
                let v = aw!(eval(f, x))?;
                Ok(Value::Bool(!rt::truthy(&v)?))
            }
            Ex::Unary(op, x) => {
                let v = aw!(eval(f, x))?;
                op(&v)
            }
            Ex::And(vs) => {
                let n = vs.len();
                for (i, x) in vs.iter().enumerate() {
                    let v = aw!(eval(f, x))?;
                    if i + 1 == n || !rt::truthy(&v)? {
                        return Ok(v);
                    }
                }
                Ok(Value::None)
            }
            Ex::Or(vs) => {
                let n = vs.len();
                for (i, x) in vs.iter().enumerate() {
                    let v = aw!(eval(f, x))?;
                    if i + 1 == n || rt::truthy(&v)? {
                        return Ok(v);
                    }
                }
                Ok(Value::None)
            }
            Ex::Compare(first, rest) => {
                let mut a = aw!(eval(f, first))?;
                let n = rest.len();
                for (i, (op, x)) in rest.iter().enumerate() {
                    let b = aw!(eval(f, x))?;
                    let r = compare(*op, &a, &b)?;
                    if i + 1 == n || !rt::truthy(&r)? {
                        return Ok(r);
                    }
                    a = b;
                }
                Ok(Value::None)
            }
            Ex::IfExp(t, b, o) => {
                let v = aw!(eval(f, t))?;
                if rt::truthy(&v)? {
                    aw!(eval(f, b))
                } else {
                    aw!(eval(f, o))
                }
            }
            Ex::Walrus(t, v) => {
                let v = aw!(eval(f, v))?;
                aw!(store(f, t, v.clone()))?;
                Ok(v)
            }
            Ex::Call { func, args, kws, frame } => {
                let fv = aw!(eval(f, func))?;
                // Few plain positional arguments: no allocation.
                if !*frame && kws.is_empty() && args.len() <= 4 && args.iter().all(|a| matches!(a, Elt::Plain(_))) {
                    let mut buf: [Value; 4] = Default::default();
                    for (i, a) in args.iter().enumerate() {
                        if let Elt::Plain(x) = a {
                            buf[i] = aw!(eval(f, x))?;
                        }
                    }
                    return rt::call(&fv, &buf[..args.len()], &[]);
                }
                let mut pa: Vec<Value> = Vec::with_capacity(args.len());
                for a in args {
                    match a {
                        Elt::Plain(x) => pa.push(aw!(eval(f, x))?),
                        Elt::Star(x) => {
                            let v = aw!(eval(f, x))?;
                            rt::star_args(&fv, &v, &mut pa)?;
                        }
                    }
                }
                let mut ka: Vec<(Value, Value)> = Vec::new();
                for k in kws {
                    let v = aw!(eval(f, &k.value))?;
                    match &k.name {
                        Some(n) => {
                            if ka.is_empty() {
                                ka.push((n.clone(), v));
                            } else {
                                rt::push_kwarg(&fv, &mut ka, n, v)?;
                            }
                        }
                        None => rt::merge_kwargs(&fv, &mut ka, &v)?,
                    }
                }
                if *frame {
                    let fr: &Frame = f;
                    return rt::call_with_frame(&fv, &fr.g, || fr.locals(), &pa, &ka);
                }
                rt::call(&fv, &pa, &ka)
            }
            Ex::Method { obj, name, site, args, kws } => {
                let o = aw!(eval(f, obj))?;
                let (m, with_self) = rt::load_method_at(site, &o, name)?;
                if kws.is_empty() && args.len() <= 3 {
                    let mut buf: [Value; 4] = Default::default();
                    buf[0] = o;
                    for (i, x) in args.iter().enumerate() {
                        buf[i + 1] = aw!(eval(f, x))?;
                    }
                    return rt::call_loaded(&m, with_self, &buf[..args.len() + 1], &[]);
                }
                let mut a: Vec<Value> = Vec::with_capacity(args.len() + 1);
                a.push(o);
                for x in args {
                    a.push(aw!(eval(f, x))?);
                }
                let mut k: Vec<(Value, Value)> = Vec::with_capacity(kws.len());
                for (n, x) in kws {
                    k.push((n.clone(), aw!(eval(f, x))?));
                }
                rt::call_loaded(&m, with_self, &a, &k)
            }
            Ex::FrameBuiltin(func, is_globals) => {
                let fv = aw!(eval(f, func))?;
                if rt::is_frame_builtin(&fv) {
                    let ns = if *is_globals { Value::Obj(f.g.clone()) } else { f.locals() };
                    rt::call_frame_builtin(&fv, ns)
                } else {
                    rt::call(&fv, &[], &[])
                }
            }
            Ex::SuperZero(func, cell, first) => {
                let s = aw!(eval(f, func))?;
                let cls = rt::cell_get(&f.cells[*cell as usize], "__class__", true)?;
                let first = f.load(first)?;
                rt::call(&s, &[cls, first], &[])
            }
            Ex::List(items) => Ok(rt::new_list(aw!(elts(f, items))?)),
            Ex::Tuple(items) => Ok(rt::new_tuple(aw!(elts(f, items))?)),
            Ex::Set(items) => rt::set_from_vec(aw!(elts(f, items))?),
            Ex::Dict(items) => {
                let d = rt::new_dict_obj();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let k = aw!(eval(f, k))?;
                            let v = aw!(eval(f, v))?;
                            rt::dict_set(&d, k, v)?;
                        }
                        None => {
                            let v = aw!(eval(f, v))?;
                            rt::dict_merge(&d, &v)?;
                        }
                    }
                }
                Ok(Value::Obj(d))
            }
            Ex::Func(d) => aw!(make_func(f, d)),
            Ex::Comp(c) => aw!(comprehension(f, c)),
            Ex::GenExp(g) => {
                let first = aw!(eval(f, &g.first_iter))?;
                let it = if g.first_async { rt::aiter(&first)? } else { rt::iter(&first)? };
                let closure: Vec<ObjRef> = g.closure.iter().map(|&i| f.cells[i as usize].clone()).collect();
                Ok(super::new_genexp(g.code, f.g.clone(), it, closure))
            }
            Ex::FString(parts) => {
                let mut s = String::new();
                aw!(fstring(f, parts, &mut s))?;
                Ok(Value::from(s))
            }
            Ex::Yield(v) => {
                let v = match v {
                    Some(x) => aw!(eval(f, x))?,
                    None => Value::None,
                };
                if f.unit.is_coroutine {
                    only_async!(rt::async_gen_yield(v))
                } else {
                    only_async!(rt::yield_value(v))
                }
            }
            Ex::YieldFrom(x) => {
                let v = aw!(eval(f, x))?;
                only_async!(rt::yield_from(v))
            }
            Ex::Await(x) => {
                let v = aw!(eval(f, x))?;
                only_async!(rt::await_value(v))
            }
            Ex::Unsupported(what) => Err(rt::not_supported(what)),
        }
    }
}

walk_fn! {
    fn fstring<'x>(f: &'x mut Frame, parts: &'static [FPart], out: &'x mut String) -> PyResult<()> {
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Field { value, conv, spec, debug } => {
                    if let Some(d) = debug {
                        out.push_str(d);
                    }
                    let v = aw!(eval(f, value))?;
                    let mut sp = String::new();
                    if let Some(ps) = spec {
                        aw!(fstring(f, ps, &mut sp))?;
                    }
                    out.push_str(&rt::fstring_field(&v, *conv, &sp)?);
                }
            }
        }
        Ok(())
    }
}

/// What a comprehension accumulates into.
pub(crate) enum Acc {
    List(Vec<Value>),
    Set(ObjRef),
    Dict(ObjRef),
}

walk_fn! {
    fn comprehension<'x>(f: &'x mut Frame, c: &'static Comp) -> PyResult<Value> {
        let first = aw!(eval(f, &c.first_iter))?;
        let it = if c.fors[0].is_async { rt::aiter(&first)? } else { rt::iter(&first)? };
        drop(first);
        for &i in &c.fresh_cells {
            f.cells[i as usize] = rt::new_cell();
        }
        let mut acc = match &c.kind {
            CompKind::List(_) => Acc::List(Vec::new()),
            CompKind::Set(_) => Acc::Set(rt::new_set_obj()),
            CompKind::Dict(..) => Acc::Dict(rt::new_dict_obj()),
        };
        let r = aw!(comp_level(f, c, 0, it, &mut acc));
        for &i in &c.slots {
            f.fast[i as usize] = None;
        }
        r?;
        Ok(match acc {
            Acc::List(v) => rt::new_list(v),
            Acc::Set(s) => Value::Obj(s),
            Acc::Dict(d) => Value::Obj(d),
        })
    }
}

walk_fn! {
    fn comp_level<'x>(f: &'x mut Frame, c: &'static Comp, k: usize, it: Value, acc: &'x mut Acc) -> PyResult<()> {
        let clause = &c.fors[k];
        'next: loop {
            let x: Value = if clause.is_async {
                let n: Option<Value> = only_async!(rt::anext_or_stop(&it))?;
                match n {
                    Some(v) => v,
                    None => break,
                }
            } else {
                match rt::next(&it)? {
                    Some(v) => v,
                    None => break,
                }
            };
            aw!(store(f, &clause.target, x))?;
            for cond in &clause.ifs {
                let t = aw!(eval(f, cond))?;
                if !rt::truthy(&t)? {
                    continue 'next;
                }
            }
            if k + 1 < c.fors.len() {
                let next = &c.fors[k + 1];
                let iv = aw!(eval(f, next.iter.as_ref().expect("inner iterable")))?;
                let inner = if next.is_async { rt::aiter(&iv)? } else { rt::iter(&iv)? };
                aw!(comp_level(f, c, k + 1, inner, acc))?;
                continue;
            }
            match &c.kind {
                CompKind::List(e) => {
                    let v = aw!(eval(f, e))?;
                    if let Acc::List(l) = acc {
                        l.push(v);
                    }
                }
                CompKind::Set(e) => {
                    let v = aw!(eval(f, e))?;
                    if let Acc::Set(s) = acc {
                        rt::set_add(s, v)?;
                    }
                }
                CompKind::Dict(ke, ve) => {
                    let kv = aw!(eval(f, ke))?;
                    let vv = aw!(eval(f, ve))?;
                    if let Acc::Dict(d) = acc {
                        rt::dict_set(d, kv, vv)?;
                    }
                }
            }
        }
        Ok(())
    }
}
