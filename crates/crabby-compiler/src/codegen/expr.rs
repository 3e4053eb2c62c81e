//! Expressions. Each Python expression becomes one self-contained Rust expression of type `Value` (a block
//! expression where statements are needed), so Rust's left-to-right evaluation of nested calls keeps
//! Python's evaluation order. Errors leave through `q!` to the frame's current handler.

use std::fmt::Write;

use ruff_python_ast::{
    BoolOp, CmpOp, Comprehension, ConversionFlag, Expr, InterpolatedStringElement, Number, Operator, UnaryOp,
};

use super::func::{self, mangle, CompFrame, FnCtx, FnKind, NameRef};
use super::stmt::store;
use super::{rust_str, ModuleGen};
use crate::scope::SymScope;
use crate::CompileError;

/// Runs `f` with an empty output buffer and returns what it emitted, restoring the buffer.
fn capture<'a, T>(
    ctx: &mut FnCtx<'a>,
    f: impl FnOnce(&mut FnCtx<'a>) -> Result<T, CompileError>,
) -> Result<(String, T), CompileError> {
    let saved = std::mem::take(&mut ctx.out);
    let r = f(ctx);
    let emitted = std::mem::replace(&mut ctx.out, saved);
    Ok((emitted, r?))
}

pub(crate) fn binop_fn(op: Operator) -> &'static str {
    match op {
        Operator::Add => "add",
        Operator::Sub => "sub",
        Operator::Mult => "mul",
        Operator::MatMult => "matmul",
        Operator::Div => "truediv",
        Operator::Mod => "mod_",
        Operator::Pow => "pow",
        Operator::LShift => "lshift",
        Operator::RShift => "rshift",
        Operator::BitOr => "or",
        Operator::BitXor => "xor",
        Operator::BitAnd => "and",
        Operator::FloorDiv => "floordiv",
    }
}

pub(crate) fn inplace_fn(op: Operator) -> &'static str {
    match op {
        Operator::Add => "iadd",
        Operator::Sub => "isub",
        Operator::Mult => "imul",
        Operator::MatMult => "imatmul",
        Operator::Div => "itruediv",
        Operator::Mod => "imod",
        Operator::Pow => "ipow",
        Operator::LShift => "ilshift",
        Operator::RShift => "irshift",
        Operator::BitOr => "ior",
        Operator::BitXor => "ixor",
        Operator::BitAnd => "iand",
        Operator::FloorDiv => "ifloordiv",
    }
}

/// The Rust expression loading a name.
pub(crate) fn load_name(g: &mut ModuleGen, ctx: &FnCtx, name: &str) -> String {
    let name = &ctx.mangled(g, name);
    let n = rust_str(name);
    match ctx.resolve(g, name) {
        NameRef::Local(v) => ctx.q(&format!("ld(&{v}, {n})")),
        NameRef::Cell(v, free) => ctx.q(&format!("cell_get(&{v}, {n}, {free})")),
        NameRef::Global => {
            let s = g.s(name);
            let site = format!("GS_{}", g.fresh());
            let _ = writeln!(g.items, "static {site}: GlobalSite = GlobalSite::new();");
            ctx.q(&format!("load_global_at(&{site}, g, {s})"))
        }
        NameRef::ClassNs => {
            let s = g.s(name);
            ctx.q(&format!("load_class_name(ns, g, {s})"))
        }
        NameRef::ClassFree(v) => {
            let s = g.s(name);
            ctx.q(&format!("load_class_free(ns, &{v}, {s})"))
        }
    }
}

/// An expression as a Rust `&Value` operand of one operation: a local variable is borrowed in place (no
/// reference count traffic, see `FnCtx::borrow_locals`), anything else is evaluated into a temporary.
pub(crate) fn operand<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, e: &'a Expr) -> Result<String, CompileError> {
    if let (Expr::Name(n), true) = (e, ctx.borrow_locals) {
        let name = &ctx.mangled(g, &n.id);
        if let NameRef::Local(v) = ctx.resolve(g, name) {
            return Ok(ctx.q(&format!("ldr(&{v}, {})", rust_str(name))));
        }
    }
    Ok(format!("&{}", expr(g, ctx, e)?))
}

/// Whether `e` is a local variable that a call may lend uncounted (`rt::call_method_borrowed`,
/// `rt::call_direct_lent`): no expression of the function can rebind it while the call's other arguments
/// are evaluated (`FnCtx::borrow_locals`), so it keeps its object alive for the call.
fn lendable_local(g: &ModuleGen, ctx: &FnCtx, e: &Expr) -> bool {
    ctx.borrow_locals
        && matches!(e, Expr::Name(n) if matches!(ctx.resolve(g, &ctx.mangled(g, &n.id)), NameRef::Local(_)))
}

/// The three bounds of a slice expression, in order, `Value::None` for the missing ones.
pub(crate) fn slice_parts<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    s: &'a ruff_python_ast::ExprSlice,
) -> Result<(String, String, String), CompileError> {
    let mut part = |p: &'a Option<Box<Expr>>| -> Result<String, CompileError> {
        match p {
            Some(x) => expr(g, ctx, x),
            None => Ok("Value::None".into()),
        }
    };
    Ok((part(&s.lower)?, part(&s.upper)?, part(&s.step)?))
}

fn not_supported(ctx: &FnCtx, what: &str) -> String {
    format!("{{ break {} Err(not_supported({})); }}", ctx.err, rust_str(what))
}

pub(crate) fn expr<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, e: &'a Expr) -> Result<String, CompileError> {
    Ok(match e {
        Expr::NoneLiteral(_) => "Value::None".into(),
        Expr::BooleanLiteral(b) => format!("Value::Bool({})", b.value),
        Expr::EllipsisLiteral(_) => "ellipsis()".into(),
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => match i.as_i64() {
                Some(v) => format!("Value::Int({v}i64)"),
                None => g.bigint(&i.to_string()),
            },
            Number::Float(f) => format!("Value::Float(f64::from_bits({:#x}))", f.to_bits()),
            Number::Complex { real, imag } => {
                format!("new_complex(f64::from_bits({:#x}), f64::from_bits({:#x}))", real.to_bits(), imag.to_bits())
            }
        },
        Expr::StringLiteral(s) => format!("{}.clone()", g.s(s.value.to_str())),
        Expr::BytesLiteral(b) => {
            let bytes: Vec<u8> = b.value.iter().flat_map(|p| p.value.iter().copied()).collect();
            format!("bytes_const(&{bytes:?})")
        }
        Expr::FString(f) => fstring(g, ctx, f)?,
        Expr::TString(_) => not_supported(ctx, "template strings"),
        Expr::Name(n) => load_name(g, ctx, &n.id),
        Expr::Attribute(a) => {
            let v = operand(g, ctx, &a.value)?;
            let s = g.s(&ctx.mangled(g, &a.attr.id));
            let site = attr_site(g);
            ctx.q(&format!("getattr_at(&{site}, {v}, {s})"))
        }
        Expr::Subscript(s) => {
            let v = operand(g, ctx, &s.value)?;
            if let Expr::Slice(sl) = &*s.slice {
                let (lo, hi, st) = slice_parts(g, ctx, sl)?;
                return Ok(ctx.q(&format!("getslice({v}, {lo}, {hi}, {st})")));
            }
            let k = operand(g, ctx, &s.slice)?;
            ctx.q(&format!("getitem({v}, {k})"))
        }
        Expr::Slice(s) => {
            let (lo, hi, st) = slice_parts(g, ctx, s)?;
            format!("slice({lo}, {hi}, {st})")
        }
        Expr::BinOp(b) => {
            let l = operand(g, ctx, &b.left)?;
            let r = operand(g, ctx, &b.right)?;
            ctx.q(&format!("{}({l}, {r})", binop_fn(b.op)))
        }
        Expr::UnaryOp(u) => {
            // A negative number literal (`-1.5`, `-1`) is a constant, as CPython's compiler folds it; an int
            // literal that does not fit an i64 is negated at run time.
            if let (UnaryOp::USub, Expr::NumberLiteral(n)) = (u.op, &*u.operand) {
                match &n.value {
                    Number::Int(i) if i.as_i64().is_some() => {
                        return Ok(format!("Value::Int({}i64)", -i.as_i64().unwrap_or_default()));
                    }
                    Number::Float(f) => return Ok(format!("Value::Float(f64::from_bits({:#x}))", (-f).to_bits())),
                    _ => {}
                }
            }
            let v = operand(g, ctx, &u.operand)?;
            match u.op {
                UnaryOp::Not => format!("Value::Bool(!{})", ctx.q(&format!("truthy({v})"))),
                UnaryOp::USub => ctx.q(&format!("neg({v})")),
                UnaryOp::UAdd => ctx.q(&format!("pos({v})")),
                UnaryOp::Invert => ctx.q(&format!("invert({v})")),
            }
        }
        Expr::BoolOp(b) => {
            let id = g.fresh();
            let mut code = expr(g, ctx, &b.values[b.values.len() - 1])?;
            for (i, v) in b.values.iter().enumerate().rev().skip(1) {
                let cur = expr(g, ctx, v)?;
                let t = format!("b_{id}_{i}");
                let test = ctx.q(&format!("truthy(&{t})"));
                code = match b.op {
                    BoolOp::And => format!("{{ let {t}: Value = {cur}; if !{test} {{ {t} }} else {{ {code} }} }}"),
                    BoolOp::Or => format!("{{ let {t}: Value = {cur}; if {test} {{ {t} }} else {{ {code} }} }}"),
                };
            }
            code
        }
        Expr::Compare(c) => compare(g, ctx, c)?,
        Expr::If(i) => {
            let t = test(g, ctx, &i.test)?;
            let b = expr(g, ctx, &i.body)?;
            let o = expr(g, ctx, &i.orelse)?;
            format!("if {t} {{ {b} }} else {{ {o} }}")
        }
        Expr::Named(n) => {
            let v = expr(g, ctx, &n.value)?;
            let id = g.fresh();
            let (stores, ()) = capture(ctx, |ctx| store(g, ctx, &n.target, &format!("w_{id}.clone()")))?;
            format!("{{ let w_{id}: Value = {v};\n{stores}w_{id} }}")
        }
        Expr::Call(c) => call(g, ctx, c)?,
        Expr::List(l) => display(g, ctx, &l.elts, "new_list")?,
        Expr::Tuple(t) => display(g, ctx, &t.elts, "new_tuple")?,
        Expr::Set(s) => {
            let v = display(g, ctx, &s.elts, "set_from_vec")?;
            ctx.q(&v)
        }
        Expr::Dict(d) => {
            let id = g.fresh();
            let mut code = format!("{{ let d_{id}: ObjRef = new_dict_obj();\n");
            for item in &d.items {
                match &item.key {
                    Some(k) => {
                        let k = expr(g, ctx, k)?;
                        let v = expr(g, ctx, &item.value)?;
                        let _ = writeln!(code, "{};", ctx.q(&format!("dict_set(&d_{id}, {k}, {v})")));
                    }
                    None => {
                        let v = expr(g, ctx, &item.value)?;
                        let _ = writeln!(code, "{};", ctx.q(&format!("dict_merge(&d_{id}, &{v})")));
                    }
                }
            }
            let _ = write!(code, "Value::Obj(d_{id}) }}");
            code
        }
        Expr::Lambda(l) => {
            let scope_id = g.table.scope_at(l.range);
            let params = l.parameters.as_deref();
            let code = func::emit_function(g, scope_id, params, func::Body::Expr(&l.body), l.range)?;
            func::make_function(g, ctx, scope_id, params, &code)?
        }
        Expr::ListComp(c) => comprehension(g, ctx, c.range, &c.generators, CompKind::List(&c.elt))?,
        Expr::SetComp(c) => comprehension(g, ctx, c.range, &c.generators, CompKind::Set(&c.elt))?,
        Expr::DictComp(c) => match &c.key {
            Some(k) => comprehension(g, ctx, c.range, &c.generators, CompKind::Dict(k, &c.value))?,
            None => not_supported(ctx, "this dict comprehension"),
        },
        Expr::Generator(gen) => genexpr(g, ctx, gen)?,
        Expr::Starred(_) => not_supported(ctx, "a starred expression here"),
        Expr::Yield(y) => {
            let v = match &y.value {
                Some(v) => expr(g, ctx, v)?,
                None => "Value::None".into(),
            };
            let f = if ctx.async_gen { "async_gen_yield" } else { "yield_value" };
            ctx.q(&format!("{f}({v}).await"))
        }
        Expr::YieldFrom(y) => {
            let v = expr(g, ctx, &y.value)?;
            ctx.q(&format!("yield_from({v}).await"))
        }
        Expr::Await(a) => {
            let v = expr(g, ctx, &a.value)?;
            ctx.q(&format!("await_value({v}).await"))
        }
        Expr::IpyEscapeCommand(_) => not_supported(ctx, "IPython escapes"),
    })
}

/// A condition (`if`, `while`, `assert`, comprehension filters, conditional expressions) as a Rust `bool`
/// expression. A single comparison, `is`, `in` or `not` tests without making a `bool` object first: same calls,
/// same order, the truth value taken as `truthy` would take it.
pub(crate) fn test<'a>(g: &mut ModuleGen<'a>, ctx: &mut FnCtx<'a>, e: &'a Expr) -> Result<String, CompileError> {
    if let Expr::UnaryOp(u) = e {
        if u.op == UnaryOp::Not {
            return Ok(format!("!{}", test(g, ctx, &u.operand)?));
        }
    }
    if let Expr::Compare(c) = e {
        if c.ops.len() == 1 {
            let id = g.fresh();
            let a = operand(g, ctx, &c.left)?;
            let b = operand(g, ctx, &c.comparators[0])?;
            let (x, y) = (format!("c_{id}_0"), format!("c_{id}_1"));
            let t = match c.ops[0] {
                CmpOp::Eq => ctx.q(&format!("eq_test(&{x}, &{y})")),
                CmpOp::NotEq => ctx.q(&format!("ne_test(&{x}, &{y})")),
                CmpOp::Lt => ctx.q(&format!("lt_test(&{x}, &{y})")),
                CmpOp::LtE => ctx.q(&format!("le_test(&{x}, &{y})")),
                CmpOp::Gt => ctx.q(&format!("gt_test(&{x}, &{y})")),
                CmpOp::GtE => ctx.q(&format!("ge_test(&{x}, &{y})")),
                CmpOp::Is => format!("{x}.is(&{y})"),
                CmpOp::IsNot => format!("!{x}.is(&{y})"),
                CmpOp::In => ctx.q(&format!("contains(&{y}, &{x})")),
                CmpOp::NotIn => format!("!{}", ctx.q(&format!("contains(&{y}, &{x})"))),
            };
            return Ok(format!("{{ let {x}: &Value = {a}; let {y}: &Value = {b}; {t} }}"));
        }
    }
    let v = operand(g, ctx, e)?;
    Ok(ctx.q(&format!("truthy({v})")))
}

fn compare<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &'a ruff_python_ast::ExprCompare,
) -> Result<String, CompileError> {
    let id = g.fresh();
    let first = expr(g, ctx, &c.left)?;
    let mut operands = Vec::new();
    for x in c.comparators.iter() {
        operands.push(expr(g, ctx, x)?);
    }
    let cmp = |ctx: &FnCtx, op: CmpOp, a: &str, b: &str| -> String {
        match op {
            CmpOp::Eq => ctx.q(&format!("eq(&{a}, &{b})")),
            CmpOp::NotEq => ctx.q(&format!("ne(&{a}, &{b})")),
            CmpOp::Lt => ctx.q(&format!("lt(&{a}, &{b})")),
            CmpOp::LtE => ctx.q(&format!("le(&{a}, &{b})")),
            CmpOp::Gt => ctx.q(&format!("gt(&{a}, &{b})")),
            CmpOp::GtE => ctx.q(&format!("ge(&{a}, &{b})")),
            CmpOp::Is => format!("Value::Bool({a}.is(&{b}))"),
            CmpOp::IsNot => format!("Value::Bool(!{a}.is(&{b}))"),
            CmpOp::In => format!("Value::Bool({})", ctx.q(&format!("contains(&{b}, &{a})"))),
            CmpOp::NotIn => format!("Value::Bool(!{})", ctx.q(&format!("contains(&{b}, &{a})"))),
        }
    };
    if operands.len() == 1 {
        let a = format!("c_{id}_0");
        let b = format!("c_{id}_1");
        return Ok(format!(
            "{{ let {a}: Value = {first}; let {b}: Value = {}; {} }}",
            operands[0],
            cmp(ctx, c.ops[0], &a, &b)
        ));
    }
    // Chained: `a < b < c` evaluates b once and stops at the first false comparison.
    let n = operands.len();
    let mut code = String::new();
    let last_a = format!("c_{id}_{}", n - 1);
    let last_b = format!("c_{id}_{n}");
    let mut inner =
        format!("{{ let {last_b}: Value = {}; {} }}", operands[n - 1], cmp(ctx, c.ops[n - 1], &last_a, &last_b));
    for i in (0..n - 1).rev() {
        let a = format!("c_{id}_{i}");
        let b = format!("c_{id}_{}", i + 1);
        let r = format!("r_{id}_{i}");
        let test = ctx.q(&format!("truthy(&{r})"));
        inner = format!(
            "{{ let {b}: Value = {}; let {r}: Value = {}; if !{test} {{ {r} }} else {inner} }}",
            operands[i],
            cmp(ctx, c.ops[i], &a, &b)
        );
    }
    let _ = write!(code, "{{ let c_{id}_0: Value = {first}; {inner} }}");
    Ok(code)
}

/// `[a, *b]`, `(a, b)`, `{a, *b}`: built with `ctor(Vec<Value>)`.
fn display<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    elts: &'a [Expr],
    ctor: &str,
) -> Result<String, CompileError> {
    if !elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
        let mut items = Vec::new();
        for e in elts {
            items.push(expr(g, ctx, e)?);
        }
        // A tuple is built from an array: its items go straight into the object, with no vector in between.
        if ctor == "new_tuple" && !items.is_empty() {
            return Ok(format!("new_tuple_array([{}])", items.join(", ")));
        }
        return Ok(format!("{ctor}(vec![{}])", items.join(", ")));
    }
    let id = g.fresh();
    let mut code = format!("{{ let mut v_{id}: Vec<Value> = Vec::new();\n");
    for e in elts {
        match e {
            Expr::Starred(s) => {
                let v = expr(g, ctx, &s.value)?;
                let _ = writeln!(code, "{};", ctx.q(&format!("extend_from_iterable(&mut v_{id}, &{v})")));
            }
            other => {
                let v = expr(g, ctx, other)?;
                let _ = writeln!(code, "v_{id}.push({v});");
            }
        }
    }
    let _ = write!(code, "{ctor}(v_{id}) }}");
    Ok(code)
}

/// A new attribute-site cache (`rt::AttrSite`) for one `obj.name` load, store or method call in the source.
pub(crate) fn attr_site(g: &mut ModuleGen) -> String {
    let site = format!("AS_{}", g.fresh());
    let _ = writeln!(g.items, "static {site}: AttrSite = AttrSite::new();");
    site
}

fn call<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &'a ruff_python_ast::ExprCall,
) -> Result<String, CompileError> {
    let id = g.fresh();
    let simple = !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_)))
        && c.arguments.keywords.iter().all(|k| k.arg.is_some());
    // Zero-argument super() inside a method: the class cell and the first argument.
    if let Expr::Name(n) = &*c.func {
        if n.id.as_str() == "super" && c.arguments.args.is_empty() && c.arguments.keywords.is_empty() {
            if let Some(code) = super_zero(g, ctx) {
                return Ok(code);
            }
        }
    }
    // `globals()`, `locals()`, `vars()` and `dir()` read the calling frame, which only the compiler can see:
    // when the name still holds the builtin at run time, the frame's namespace is built here.
    if let Expr::Name(n) = &*c.func {
        let frame_fn = matches!(n.id.as_str(), "globals" | "locals" | "vars" | "dir");
        if frame_fn
            && c.arguments.args.is_empty()
            && c.arguments.keywords.is_empty()
            && matches!(ctx.resolve(g, &n.id), NameRef::Global | NameRef::ClassNs)
        {
            let f = load_name(g, ctx, &n.id);
            let ns =
                if n.id.as_str() == "globals" { "Value::Obj(g.clone())".to_string() } else { frame_namespace(g, ctx) };
            let call = ctx.q(&format!("call(&f_{id}, &[], &[])"));
            let frame_call = ctx.q(&format!("call_frame_builtin(&f_{id}, {ns})"));
            return Ok(format!(
                "{{ let f_{id}: Value = {f}; if is_frame_builtin(&f_{id}) {{ {frame_call} }} else {{ {call} }} }}"
            ));
        }
    }
    if let Some(code) = direct_call(g, ctx, c)? {
        return Ok(code);
    }
    if let Some(code) = reduce_genexp(g, ctx, c)? {
        return Ok(code);
    }
    if let Some(code) = len_call(g, ctx, c)? {
        return Ok(code);
    }
    // `eval(s)` and `exec(s)` without namespaces run in the calling frame, so a call of the name passes the
    // frame's globals and a way to build its `locals()` (used only when the name holds the builtin).
    let frame_args = match &*c.func {
        Expr::Name(n)
            if matches!(n.id.as_str(), "eval" | "exec")
                && matches!(ctx.resolve(g, &n.id), NameRef::Global | NameRef::ClassNs) =>
        {
            Some(format!("g, || {}", frame_namespace(g, ctx)))
        }
        _ => None,
    };
    let plain_call = |f: &str, a: &str, k: &str| {
        match &frame_args {
        // The arguments are evaluated before the closure borrows the frame's variables (an argument may
        // assign one, e.g. with `:=`).
        Some(fa) => format!("{{ let fa_a: &[Value] = {a}; let fa_k: &[(Value, Value)] = {k}; call_with_frame(&{f}, {fa}, fa_a, fa_k) }}"),
        None => format!("call(&{f}, {a}, {k})"),
    }
    };
    let (callee, method_obj) = match &*c.func {
        Expr::Attribute(a) if simple => (String::new(), Some(a)),
        f => (expr(g, ctx, f)?, None),
    };
    let mut code = String::from("{ ");
    // A receiver held in a local is lent to the method, not counted (`rt::call_method_borrowed`): no argument
    // can rebind the local meanwhile (`FnCtx::borrow_locals`), so it keeps the object alive for the call.
    let lend = method_obj.is_some_and(|a| c.arguments.keywords.is_empty() && lendable_local(g, ctx, &a.value));
    if let Some(a) = method_obj {
        let s = g.s(&ctx.mangled(g, &a.attr.id));
        if let Some((load_super, class_v, first_v)) = super_zero_parts(g, ctx, &a.value) {
            // `super().m(...)`: the method is found without making the super object or a bound method.
            let load = ctx.q(&format!("load_super_method(&sp_{id}, &sc_{id}, &o_{id}, {s})"));
            let _ = write!(
                code,
                "let sp_{id}: Value = {load_super}; let sc_{id}: Value = {class_v}; let o_{id}: Value = {first_v}; \
                 let (m_{id}, sf_{id}) = {load}; "
            );
        } else if lend {
            let site = attr_site(g);
            let load = ctx.q(&format!("load_method_at(&{site}, o_{id}, {s})"));
            let o = operand(g, ctx, &a.value)?;
            let _ = write!(code, "let o_{id}: &Value = {o}; let (m_{id}, sf_{id}) = {load}; ");
        } else {
            let o = expr(g, ctx, &a.value)?;
            let site = attr_site(g);
            let _ = write!(
                code,
                "let o_{id}: Value = {o}; let (m_{id}, sf_{id}) = {}; ",
                ctx.q(&format!("load_method_at(&{site}, &o_{id}, {s})"))
            );
        }
    } else {
        let _ = write!(code, "let f_{id}: Value = {callee}; ");
    }
    if simple {
        let mut args = Vec::new();
        if method_obj.is_some() {
            args.push(if lend { "Value::None".to_string() } else { format!("o_{id}") });
        }
        for a in c.arguments.args.iter() {
            args.push(expr(g, ctx, a)?);
        }
        let mut kws = Vec::new();
        for k in c.arguments.keywords.iter() {
            let v = expr(g, ctx, &k.value)?;
            let name = k.arg.as_ref().map(|n| n.id.to_string()).unwrap_or_default();
            kws.push(format!("({}.clone(), {v})", g.s(&name)));
        }
        // Without keywords the arguments are moved into the callee's parameter slots (`call_owned`).
        let call = if lend {
            format!("call_method_borrowed(&m_{id}, sf_{id}, o_{id}, &mut [{}])", args.join(", "))
        } else if method_obj.is_some() && kws.is_empty() {
            format!("call_loaded_owned(&m_{id}, sf_{id}, &mut [{}])", args.join(", "))
        } else if method_obj.is_some() {
            format!("call_loaded(&m_{id}, sf_{id}, &[{}], &[{}])", args.join(", "), kws.join(", "))
        } else if kws.is_empty() && frame_args.is_none() {
            format!("call_owned(&f_{id}, &mut [{}])", args.join(", "))
        } else {
            plain_call(&format!("f_{id}"), &format!("&[{}]", args.join(", ")), &format!("&[{}]", kws.join(", ")))
        };
        let _ = write!(code, "{} }}", ctx.q(&call));
        return Ok(code);
    }
    let _ =
        writeln!(code, "let mut pa_{id}: Vec<Value> = Vec::new(); let mut ka_{id}: Vec<(Value, Value)> = Vec::new();");
    for a in c.arguments.args.iter() {
        match a {
            Expr::Starred(s) => {
                let v = expr(g, ctx, &s.value)?;
                let _ = writeln!(code, "{};", ctx.q(&format!("star_args(&f_{id}, &{v}, &mut pa_{id})")));
            }
            other => {
                let v = expr(g, ctx, other)?;
                let _ = writeln!(code, "pa_{id}.push({v});");
            }
        }
    }
    for k in c.arguments.keywords.iter() {
        let v = expr(g, ctx, &k.value)?;
        match &k.arg {
            Some(name) => {
                let s = g.s(&name.id);
                let _ = writeln!(code, "{};", ctx.q(&format!("push_kwarg(&f_{id}, &mut ka_{id}, {s}, {v})")));
            }
            None => {
                let _ = writeln!(code, "{};", ctx.q(&format!("merge_kwargs(&f_{id}, &mut ka_{id}, &{v})")));
            }
        }
    }
    let _ = write!(code, "{} }}", ctx.q(&plain_call(&format!("f_{id}"), &format!("&pa_{id}"), &format!("&ka_{id}"))));
    Ok(code)
}

/// `len(x)` of a global name: `rt::call_len` answers the built-in directly (the name is checked at run time and
/// anything else is called as written; the name is loaded before the argument, as in any call).
fn len_call<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &'a ruff_python_ast::ExprCall,
) -> Result<Option<String>, CompileError> {
    let Expr::Name(n) = &*c.func else { return Ok(None) };
    let ([arg], []) = (&c.arguments.args[..], &c.arguments.keywords[..]) else { return Ok(None) };
    if n.id.as_str() != "len" || matches!(arg, Expr::Starred(_)) || !matches!(ctx.resolve(g, &n.id), NameRef::Global) {
        return Ok(None);
    }
    let id = g.fresh();
    let f = load_name(g, ctx, &n.id);
    let a = expr(g, ctx, arg)?;
    let call = ctx.q(&format!("call_len(&f_{id}, a_{id})"));
    Ok(Some(format!("{{ let f_{id}: Value = {f}; let a_{id}: Value = {a}; {call} }}")))
}

/// A call of a global name bound by a module-level `def` of this module (without `*args`/`**kwargs`) whose
/// positional and keyword arguments map onto its parameters at compile time: `f(a, b)`, `f(a, y=b)`, `f(a)`
/// leaving defaults. At run time, when the name still holds that function, the arguments land in the slots
/// the body receives, the parameters left out are filled from the function's current `__defaults__` and
/// `__kwdefaults__` (`rt::fill_missing`), and the body is called directly (`call_direct`), skipping argument
/// binding; otherwise (another object, or a default removed since) the call is the general one, which also
/// raises CPython's errors.
fn direct_call<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &'a ruff_python_ast::ExprCall,
) -> Result<Option<String>, CompileError> {
    let Expr::Name(n) = &*c.func else { return Ok(None) };
    let name = ctx.mangled(g, &n.id);
    let Some(&scope_id) = g.direct.get(name.as_str()) else { return Ok(None) };
    let args = &c.arguments.args;
    if args.iter().any(|a| matches!(a, Expr::Starred(_))) || !matches!(ctx.resolve(g, &name), NameRef::Global) {
        return Ok(None);
    }
    let scope = &g.table.scopes[scope_id];
    let (posonly, argcount) = (scope.posonly_count, scope.posonly_count + scope.arg_count);
    let params: Vec<String> = scope.params.iter().take(argcount + scope.kwonly_count).cloned().collect();
    if args.len() > argcount {
        return Ok(None);
    }
    // Each keyword must name a parameter that is neither positional-only nor given already; anything else is
    // an error the general call reports.
    let mut given: Vec<bool> = (0..params.len()).map(|j| j < args.len()).collect();
    let mut kw_slots = Vec::new();
    for k in c.arguments.keywords.iter() {
        let Some(arg) = &k.arg else { return Ok(None) };
        let Some(j) = params.iter().position(|p| p == arg.id.as_str()) else { return Ok(None) };
        if j < posonly || given[j] {
            return Ok(None);
        }
        given[j] = true;
        kw_slots.push(j);
    }
    let missing: Vec<String> = (0..params.len()).filter(|&j| !given[j]).map(|j| j.to_string()).collect();
    let id = g.fresh();
    let f = load_name(g, ctx, &n.id);
    let mut code = format!("{{ let f_{id}: Value = {f}; ");
    // Locals passed to parameters the function reads in place are lent, not counted (`rt::call_direct_lent`):
    // no argument can rebind a local meanwhile (`FnCtx::borrow_locals`).
    let borrowed = func::borrowed_params(g, scope_id, params.iter().map(String::as_str));
    // The arguments are evaluated straight into the array the body receives, in order. A value computed into
    // its own variable was then copied into the array by one 16-byte load of two 8-byte stores, which stalls
    // store forwarding on every call (measured: fib spent about half its time on those copies). A lent local
    // is bound to a reference where its argument would be evaluated, and its slot holds the placeholder.
    // Keywords out of parameter order are evaluated first into variables, in the order written.
    let in_order = kw_slots.windows(2).all(|w| w[0] < w[1]);
    let mut slots: Vec<String> = vec!["Value::None".to_string(); params.len()];
    let (mut lent, mut owned_again) = (Vec::new(), String::new());
    // Each argument with the slot it fills, in the order written: positional ones, then keywords.
    let written =
        args.iter().enumerate().chain(kw_slots.iter().copied().zip(c.arguments.keywords.iter().map(|k| &k.value)));
    for (i, a) in written {
        if i < args.len() && i < 32 && borrowed & (1 << i) != 0 && lendable_local(g, ctx, a) {
            let v = operand(g, ctx, a)?;
            if in_order {
                let _ = write!(code, "let a_{id}_{i}: &Value; ");
                slots[i] = format!("{{ a_{id}_{i} = {v}; Value::None }}");
            } else {
                let _ = write!(code, "let a_{id}_{i}: &Value = {v}; ");
            }
            lent.push(format!("({i}, a_{id}_{i})"));
            // The general call takes counted arguments: the lent slots get their own references.
            let _ = write!(owned_again, "av_{id}[{i}] = a_{id}_{i}.clone(); ");
        } else {
            let v = expr(g, ctx, a)?;
            if in_order {
                slots[i] = v;
            } else {
                let _ = write!(code, "let t_{id}_{i}: Value = {v}; ");
                slots[i] = format!("t_{id}_{i}");
            }
        }
    }
    let kw_names: Vec<(String, usize)> = kw_slots.iter().map(|&j| (g.s(&params[j]), j)).collect();
    let _ = write!(code, "let mut av_{id}: [Value; {}] = [{}]; ", slots.len(), slots.join(", "));
    let direct = if lent.is_empty() {
        ctx.q(&format!("call_direct(&f_{id}, fn_s{scope_id}, &mut av_{id})"))
    } else {
        ctx.q(&format!("call_direct_lent(&f_{id}, &CODE_s{scope_id}, &mut av_{id}, &[{}])", lent.join(", ")))
    };
    // The general call gets the positional arguments and the keywords, in the order written.
    let kw_pairs: Vec<String> =
        kw_names.iter().map(|(s, j)| format!("({s}.clone(), std::mem::take(&mut av_{id}[{j}]))")).collect();
    let general = ctx.q(&format!("call(&f_{id}, &av_{id}[..{}], &kw_{id})", args.len()));
    let guard = if missing.is_empty() {
        format!("is_code(&f_{id}, &CODE_s{scope_id})")
    } else {
        format!("is_code(&f_{id}, &CODE_s{scope_id}) && fill_missing(&f_{id}, &mut av_{id}, &[{}])", missing.join(", "))
    };
    let _ = write!(
        code,
        "if {guard} {{ {direct} }} else {{ {owned_again}let kw_{id}: [(Value, Value); {}] = [{}]; {general} }} }}",
        kw_pairs.len(),
        kw_pairs.join(", ")
    );
    Ok(Some(code))
}

/// The Rust expression building the current frame's `locals()` dict: the module globals at module level, the
/// namespace in a class body, and otherwise a snapshot of the bound locals, cells and free variables (with the
/// variables of inlined comprehensions being run, as in CPython 3.12).
fn frame_namespace(g: &mut ModuleGen, ctx: &FnCtx) -> String {
    match ctx.kind {
        FnKind::Module => return "Value::Obj(g.clone())".into(),
        FnKind::Class => return "Value::Obj(ns.clone())".into(),
        _ => {}
    }
    let id = g.fresh();
    let mut code = format!("{{ let ld_{id}: ObjRef = new_dict_obj();\n");
    let scope = &g.table.scopes[ctx.scope];
    let mut names: Vec<String> = Vec::new();
    for sym in &scope.symbols {
        if matches!(sym.scope, SymScope::Local | SymScope::Cell | SymScope::Free) && !names.contains(&sym.name) {
            names.push(sym.name.clone());
        }
    }
    for c in &ctx.comps {
        for n in c.vars.keys() {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    for name in &names {
        let s = g.s(name);
        let line = match ctx.resolve(g, name) {
            NameRef::Local(v) => {
                format!("if let Some(v) = {v}.as_ref() {{ let _ = dict_set(&ld_{id}, {s}.clone(), v.clone()); }}")
            }
            NameRef::Cell(v, _) => {
                format!("if let Ok(v) = cell_get(&{v}, \"\", true) {{ let _ = dict_set(&ld_{id}, {s}.clone(), v); }}")
            }
            _ => continue,
        };
        let _ = writeln!(code, "{line}");
    }
    let _ = write!(code, "Value::Obj(ld_{id}) }}");
    code
}

/// `super()` with no arguments in a function nested in a class: uses the `__class__` cell and the first
/// parameter, as CPython does.
fn super_zero(g: &mut ModuleGen, ctx: &FnCtx) -> Option<String> {
    let (load_super, class_v, first_v) = super_parts(g, ctx)?;
    Some(ctx.q(&format!("call_super_zero(&{load_super}, &{class_v}, &{first_v})")))
}

/// The Rust expressions loading `super`, the `__class__` cell's value and the first parameter, in that
/// (CPython's) order, for a zero-argument `super()` in a method; `None` elsewhere.
fn super_parts(g: &mut ModuleGen, ctx: &FnCtx) -> Option<(String, String, String)> {
    // Inlined comprehensions (PEP 709) run in the function's frame, so `super()` works there too.
    if ctx.kind != FnKind::Function {
        return None;
    }
    let scope = &g.table.scopes[ctx.scope];
    if !scope.freevars.iter().any(|f| f == "__class__") {
        return None;
    }
    // CPython takes the first positional parameter; without one it raises "super(): no arguments" (the
    // general call does).
    if scope.posonly_count + scope.arg_count == 0 {
        return None;
    }
    let first = scope.params.first()?.clone();
    let load_super = load_name(g, ctx, "super");
    let first_v = load_name(g, ctx, &first);
    let class_v = ctx.q("cell_get(&c___class__, \"__class__\", true)");
    Some((load_super, class_v, first_v))
}

/// [`super_parts`] when `e` is the expression `super()`.
fn super_zero_parts(g: &mut ModuleGen, ctx: &FnCtx, e: &Expr) -> Option<(String, String, String)> {
    let Expr::Call(c) = e else { return None };
    let Expr::Name(n) = &*c.func else { return None };
    if n.id.as_str() != "super" || !c.arguments.args.is_empty() || !c.arguments.keywords.is_empty() {
        return None;
    }
    super_parts(g, ctx)
}

fn fstring<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    f: &'a ruff_python_ast::ExprFString,
) -> Result<String, CompileError> {
    let id = g.fresh();
    let buf = format!("fs_{id}");
    // One buffer sized for the literal text and a short value per field; fields are written into it
    // (`fstring_push`), not built as strings of their own.
    let mut cap = 0;
    for part in f.value.as_slice() {
        match part {
            ruff_python_ast::FStringPart::Literal(l) => cap += l.value.len(),
            ruff_python_ast::FStringPart::FString(fs) => {
                for el in fs.elements.iter() {
                    cap += match el {
                        InterpolatedStringElement::Literal(l) => l.value.len(),
                        InterpolatedStringElement::Interpolation(_) => 16,
                    };
                }
            }
        }
    }
    let mut code = format!("{{ let mut {buf} = String::with_capacity({cap});\n");
    for part in f.value.as_slice() {
        match part {
            ruff_python_ast::FStringPart::Literal(l) => {
                let _ = writeln!(code, "{buf}.push_str({});", rust_str(&l.value));
            }
            ruff_python_ast::FStringPart::FString(fs) => {
                code.push_str(&fstring_elements(g, ctx, &fs.elements, &buf)?);
            }
        }
    }
    let _ = write!(code, "Value::from({buf}) }}");
    Ok(code)
}

fn fstring_elements<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    elements: &'a [InterpolatedStringElement],
    buf: &str,
) -> Result<String, CompileError> {
    let mut code = String::new();
    for el in elements {
        match el {
            InterpolatedStringElement::Literal(l) => {
                let _ = writeln!(code, "{buf}.push_str({});", rust_str(&l.value));
            }
            InterpolatedStringElement::Interpolation(i) => {
                let v = expr(g, ctx, &i.expression)?;
                let mut conv = match i.conversion {
                    ConversionFlag::None => ' ',
                    ConversionFlag::Str => 's',
                    ConversionFlag::Ascii => 'a',
                    ConversionFlag::Repr => 'r',
                };
                if let Some(d) = &i.debug_text {
                    let text = format!("{}{}{}", d.leading(), d.expression(), d.trailing());
                    let _ = writeln!(code, "{buf}.push_str({});", rust_str(&text));
                    if conv == ' ' && i.format_spec.is_none() {
                        conv = 'r';
                    }
                }
                let spec = match &i.format_spec {
                    // A spec without replacement fields (`{x:>12}`, the common case) is a string constant.
                    Some(s) if s.elements.iter().all(|e| matches!(e, InterpolatedStringElement::Literal(_))) => {
                        let text: String = s
                            .elements
                            .iter()
                            .filter_map(|e| match e {
                                InterpolatedStringElement::Literal(l) => Some(&*l.value),
                                InterpolatedStringElement::Interpolation(_) => None,
                            })
                            .collect();
                        rust_str(&text)
                    }
                    Some(s) => {
                        let sid = g.fresh();
                        let sb = format!("sp_{sid}");
                        let inner = fstring_elements(g, ctx, &s.elements, &sb)?;
                        format!("&{{ let mut {sb} = String::new();\n{inner}{sb} }}")
                    }
                    None => "\"\"".into(),
                };
                let field = ctx.q(&format!("fstring_push(&mut {buf}, &{v}, {conv:?}, {spec})"));
                let _ = writeln!(code, "{field};");
            }
        }
    }
    Ok(code)
}

enum CompKind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
}

/// Names the comprehension scope binds itself, with fresh Rust variables.
fn comp_frame(g: &mut ModuleGen, scope_id: usize, suffix: usize) -> (CompFrame, String) {
    let mut vars = std::collections::HashMap::new();
    let mut decl = String::new();
    for sym in &g.table.scopes[scope_id].symbols {
        if !sym.is_bound {
            continue;
        }
        match sym.scope {
            SymScope::Local => {
                let v = format!("l_{}_c{suffix}", mangle(&sym.name));
                let _ = writeln!(decl, "let mut {v}: Option<Value> = None;");
                vars.insert(sym.name.clone(), v);
            }
            SymScope::Cell => {
                let v = format!("c_{}_c{suffix}", mangle(&sym.name));
                let _ = writeln!(decl, "let {v}: ObjRef = new_cell();");
                vars.insert(sym.name.clone(), v);
            }
            _ => {}
        }
    }
    (CompFrame { scope: scope_id, vars }, decl)
}

/// An inlined list, set or dict comprehension (PEP 709): nested Rust loops in the enclosing frame.
fn comprehension<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    range: ruff_text_size::TextRange,
    gens: &'a [Comprehension],
    kind: CompKind<'a>,
) -> Result<String, CompileError> {
    let scope_id = g.table.scope_at(range);
    let id = g.fresh();
    // The first iterable is evaluated in the enclosing scope.
    let first_iter =
        if gens[0].is_async { expr(g, ctx, &gens[0].iter)? } else { super::forloop::for_iter(g, ctx, &gens[0].iter)? };
    let (frame, decl) = comp_frame(g, scope_id, id);
    let acc = format!("acc_{id}");
    let (init, finish) = match kind {
        CompKind::List(_) => (format!("let mut {acc}: Vec<Value> = Vec::new();"), format!("new_list({acc})")),
        CompKind::Set(_) => (format!("let {acc}: ObjRef = new_set_obj();"), format!("Value::Obj({acc})")),
        CompKind::Dict(..) => (format!("let {acc}: ObjRef = new_dict_obj();"), format!("Value::Obj({acc})")),
    };
    ctx.comps.push(frame);
    let r = capture(ctx, |ctx| {
        if gens[0].is_async {
            let it0 = ctx.q(&format!("aiter(&{first_iter})"));
            ctx.emit(&format!("let it_{id}_0: Value = {it0};"));
        } else {
            ctx.emit(&format!("let mut it_{id}_0: ForIter = {first_iter};"));
        }
        for (k, c) in gens.iter().enumerate() {
            if k > 0 {
                if c.is_async {
                    let e = expr(g, ctx, &c.iter)?;
                    let it = ctx.q(&format!("aiter(&{e})"));
                    ctx.emit(&format!("let it_{id}_{k}: Value = {it};"));
                } else {
                    let it = super::forloop::for_iter(g, ctx, &c.iter)?;
                    ctx.emit(&format!("let mut it_{id}_{k}: ForIter = {it};"));
                }
            }
            ctx.emit(&format!("'c{id}_{k}: loop {{"));
            if c.is_async {
                let nx = ctx.q(&format!("anext_or_stop(&it_{id}_{k}).await"));
                ctx.emit(&format!("let x_{id}_{k}: Value = match {nx} {{ Some(v) => v, None => break }};"));
                store(g, ctx, &c.target, &format!("x_{id}_{k}"))?;
            } else {
                super::forloop::step_and_store(g, ctx, &format!("it_{id}_{k}"), &c.target, &format!("x_{id}_{k}"))?;
            }
            for cond in &c.ifs {
                let t = test(g, ctx, cond)?;
                ctx.emit(&format!("if !{t} {{ continue 'c{id}_{k}; }}"));
            }
        }
        match kind {
            CompKind::List(elt) => {
                let v = expr(g, ctx, elt)?;
                ctx.emit(&format!("{acc}.push({v});"));
            }
            CompKind::Set(elt) => {
                let v = expr(g, ctx, elt)?;
                let line = ctx.q(&format!("set_add(&{acc}, {v})"));
                ctx.emit(&format!("{line};"));
            }
            CompKind::Dict(k, v) => {
                let kc = expr(g, ctx, k)?;
                let vc = expr(g, ctx, v)?;
                let line = ctx.q(&format!("dict_set(&{acc}, {kc}, {vc})"));
                ctx.emit(&format!("{line};"));
            }
        }
        for _ in gens {
            ctx.emit("}");
        }
        Ok(())
    });
    ctx.comps.pop();
    let (body, ()) = r?;
    Ok(format!("{{ {init}\n{decl}{body}{finish} }}"))
}

/// A generator expression: a generator object whose body (an `async` block, like a generator function's) runs
/// the `for` clauses and yields each element. An asynchronous one (`async for` or `await` inside) is an async
/// generator.
fn genexpr<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    gen: &'a ruff_python_ast::ExprGenerator,
) -> Result<String, CompileError> {
    let scope_id = g.table.scope_at(gen.range);
    let id = g.fresh();
    let code_name = format!("CODE_{id}");
    let line = g.line_of(gen.range.start());
    let is_async = g.table.scopes[scope_id].is_coroutine || gen.generators.iter().any(|c| c.is_async);
    // The first iterable is evaluated (and iterated) eagerly, in the enclosing scope.
    let first = &gen.generators[0];
    let first_it = if first.is_async {
        let e = expr(g, ctx, &first.iter)?;
        format!("let it_{id}_0: Value = {};", ctx.q(&format!("aiter(&{e})")))
    } else {
        format!("let mut it_{id}_0: ForIter = {};", super::forloop::for_iter(g, ctx, &first.iter)?)
    };
    let scope = &g.table.scopes[scope_id];
    let qualname = scope.qualname.clone();
    // What the frame captures: the globals, the cells of free variables, and the first iterator.
    let mut pre = format!("{first_it}\nlet g_own: ObjRef = g.clone();\n");
    for f in &scope.freevars {
        let cell = ctx.cell_for(g, f)?;
        let _ = writeln!(pre, "let c_{}: ObjRef = {cell}.clone();", mangle(f));
    }
    let mut decl = String::new();
    for sym in &scope.symbols {
        match sym.scope {
            SymScope::Local => {
                let _ = writeln!(decl, "let mut l_{}: Option<Value> = None;", mangle(&sym.name));
            }
            SymScope::Cell => {
                let _ = writeln!(decl, "let c_{}: ObjRef = new_cell();", mangle(&sym.name));
            }
            _ => {}
        }
    }
    let mut inner = FnCtx::new(scope_id, FnKind::GenExpr, code_name.clone());
    inner.async_gen = is_async;
    for (k, c) in gen.generators.iter().enumerate() {
        if k > 0 {
            if c.is_async {
                let e = expr(g, &mut inner, &c.iter)?;
                let it = inner.q(&format!("aiter(&{e})"));
                inner.emit(&format!("let it_{id}_{k}: Value = {it};"));
            } else {
                let it = super::forloop::for_iter(g, &mut inner, &c.iter)?;
                inner.emit(&format!("let mut it_{id}_{k}: ForIter = {it};"));
            }
        }
        inner.emit(&format!("'g{id}_{k}: loop {{"));
        if c.is_async {
            let nx = inner.q(&format!("anext_or_stop(&it_{id}_{k}).await"));
            inner.emit(&format!("let x_{id}_{k}: Value = match {nx} {{ Some(v) => v, None => break }};"));
            store(g, &mut inner, &c.target, &format!("x_{id}_{k}"))?;
        } else {
            let (it, x) = (format!("it_{id}_{k}"), format!("x_{id}_{k}"));
            super::forloop::step_and_store(g, &mut inner, &it, &c.target, &x)?;
        }
        for cond in &c.ifs {
            let t = test(g, &mut inner, cond)?;
            inner.emit(&format!("if !{t} {{ continue 'g{id}_{k}; }}"));
        }
    }
    let v = expr(g, &mut inner, &gen.elt)?;
    let y = if is_async { "async_gen_yield" } else { "yield_value" };
    let yielded = inner.q(&format!("{y}({v}).await"));
    inner.emit(&format!("drop({yielded});"));
    for _ in &gen.generators {
        inner.emit("}");
    }
    genexpr_code(g, &code_name, &qualname, line);
    let kind = if is_async { "GenKind::AsyncGenerator" } else { "GenKind::Generator" };
    Ok(format!(
        "{{ {pre}new_generator(&{code_name}, {kind}, Box::pin(async move {{\nlet g: &ObjRef = &g_own;\nlet mut ln: u32 = {line};\n{decl}let r: PyResult<Value> = 'f: {{\n{}\nOk(Value::None)\n}};\nr.map_err(|e| e.leave(&{code_name}, ln))\n}})) }}",
        inner.out
    ))
}

/// The `CodeInfo` static of a generator expression's frame.
fn genexpr_code(g: &mut ModuleGen, code_name: &str, qualname: &str, line: u32) {
    let _ = writeln!(
        g.items,
        "static {code_name}: CodeInfo = CodeInfo {{ name: \"<genexpr>\", qualname: {}, filename: FILE, firstlineno: {line}, params: &[\".0\"], locals: &[], posonly: 0, argcount: 1, kwonly: 0, varargs: false, varkw: false, body: None, borrowed: 0, extra: None, co: CoTable::Unknown }};",
        rust_str(qualname)
    );
}

/// `sum(e for x in it)` (and `any`, `all`, `min`, `max`, `list`, `tuple` with a generator expression as their
/// only argument):
/// when the name holds the built-in at run time, the generator expression's loop runs inline, pushing each
/// element into a `Reducer`, with no generator object; otherwise the call is the general one. The first
/// iterable is evaluated in the caller as always; errors raised inside the loop get the `<genexpr>` frame
/// (and PEP 479's StopIteration conversion) from `genexp_error`.
/// NOTE: code inside the inlined loop that inspects its own frame (`sys._getframe()`) sees the caller's.
fn reduce_genexp<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    c: &'a ruff_python_ast::ExprCall,
) -> Result<Option<String>, CompileError> {
    let Expr::Name(n) = &*c.func else { return Ok(None) };
    let kind = match n.id.as_str() {
        "sum" => "Reduce::Sum",
        "any" => "Reduce::Any",
        "all" => "Reduce::All",
        "min" => "Reduce::Min",
        "max" => "Reduce::Max",
        "list" => "Reduce::List",
        "tuple" => "Reduce::Tuple",
        _ => return Ok(None),
    };
    let ([Expr::Generator(gen)], []) = (&c.arguments.args[..], &c.arguments.keywords[..]) else { return Ok(None) };
    // A class body's scoping rules for comprehensions differ: leave those to the generator object.
    if !matches!(ctx.kind, FnKind::Function | FnKind::Module | FnKind::GenExpr)
        || !matches!(ctx.resolve(g, &n.id), NameRef::Global)
    {
        return Ok(None);
    }
    let scope_id = g.table.scope_at(gen.range);
    if g.table.scopes[scope_id].is_coroutine || gen.generators.iter().any(|c| c.is_async) {
        return Ok(None);
    }
    // The generator expression is compiled twice (inline and as the fallback's generator); a lambda inside
    // would emit its scope-named body twice, so a source mentioning one keeps the general call.
    if g.source[gen.range.start().to_usize()..gen.range.end().to_usize()].contains("lambda") {
        return Ok(None);
    }
    let id = g.fresh();
    let f = load_name(g, ctx, &n.id);
    let general = {
        let v = genexpr(g, ctx, gen)?;
        ctx.q(&format!("call_owned(&f_{id}, &mut [{v}])"))
    };
    let code_name = format!("CODE_{id}");
    let line = g.line_of(gen.range.start());
    let qualname = g.table.scopes[scope_id].qualname.clone();
    genexpr_code(g, &code_name, &qualname, line);
    let first_it = super::forloop::for_iter(g, ctx, &gen.generators[0].iter)?;
    let (frame, decl) = comp_frame(g, scope_id, id);
    let label = format!("'x{id}");
    let saved_err = std::mem::replace(&mut ctx.err, label.clone());
    ctx.comps.push(frame);
    let r = capture(ctx, |ctx| {
        for (k, cl) in gen.generators.iter().enumerate() {
            if k > 0 {
                let it = super::forloop::for_iter(g, ctx, &cl.iter)?;
                ctx.emit(&format!("let mut it_{id}_{k}: ForIter = {it};"));
            }
            ctx.emit(&format!("'c{id}_{k}: loop {{"));
            super::forloop::step_and_store(g, ctx, &format!("it_{id}_{k}"), &cl.target, &format!("x_{id}_{k}"))?;
            for cond in &cl.ifs {
                let t = test(g, ctx, cond)?;
                ctx.emit(&format!("if !{t} {{ continue 'c{id}_{k}; }}"));
            }
        }
        let v = expr(g, ctx, &gen.elt)?;
        let push = ctx.q(&format!("red_{id}.push({v})"));
        ctx.emit(&format!("if {push} {{ break {label} Ok(()); }}"));
        for _ in &gen.generators {
            ctx.emit("}");
        }
        Ok(())
    });
    ctx.comps.pop();
    ctx.err = saved_err;
    let (body, ()) = r?;
    let finish = ctx.q(&format!("red_{id}.finish()"));
    let fail = ctx.q(&format!("Err(genexp_error(e, &{code_name}, {line}))"));
    Ok(Some(format!(
        "{{ let f_{id}: Value = {f}; if is_reducer(&f_{id}, {kind}) {{ let mut it_{id}_0: ForIter = {first_it};\nlet mut red_{id} = Reducer::new({kind});\n{decl}let r_{id}: PyResult<()> = {label}: {{\n{body}Ok(())\n}};\nmatch r_{id} {{ Ok(()) => {finish}, Err(e) => {fail} }} }} else {{ {general} }} }}"
    )))
}
