//! Function bodies and name resolution: how each Python name of a scope maps to a Rust variable, a cell, the
//! class namespace or the module globals; and the constructs that make new code objects (`def`, `lambda`,
//! `class`, generator expressions).

use std::collections::HashMap;
use std::fmt::Write;

use ruff_python_ast::{Expr, Parameters, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{rust_str, ModuleGen};
use crate::scope::{ScopeId, ScopeKind, SymScope};
use crate::CompileError;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum FnKind {
    Module,
    Function,
    Class,
    GenExpr,
}

/// Where a name lives, as generated code sees it.
#[derive(Clone, Debug)]
pub(crate) enum NameRef {
    /// A Rust `Option<Value>` variable.
    Local(String),
    /// A Rust `ObjRef` variable holding a cell; `free` for variables of an enclosing scope.
    Cell(String, bool),
    /// Module globals (then builtins for loads).
    Global,
    /// A class body's namespace (then globals and builtins for loads).
    ClassNs,
    /// A class body name that is also a free variable: the namespace first, then the cell.
    ClassFree(String),
}

/// Something to undo when control jumps out of a construct (`return`, `break`, `continue`).
#[derive(Clone)]
pub(crate) enum Unwind<'a> {
    /// Leaving an `except` or `finally` block: the handled exception is popped.
    PopHandled,
    /// Leaving a `try` with a `finally`: its body runs, with errors going to `err`.
    Finally { body: &'a [Stmt], err: String },
    /// Leaving a `with` block: `__exit__(None, None, None)` runs, errors going to `err`.
    WithExit { exit_var: String, err: String, is_async: bool },
    /// Leaving an `except ... as name` block: the name is unbound.
    ClearName(String),
}

pub(crate) struct LoopFrame {
    pub label: String,
    pub unwind_len: usize,
    pub broke: Option<String>,
}

pub(crate) struct CompFrame {
    pub scope: ScopeId,
    pub vars: HashMap<String, String>,
}

/// Generation state for one function body.
pub(crate) struct FnCtx<'a> {
    pub scope: ScopeId,
    pub kind: FnKind,
    /// The name of the `CodeInfo` static of this frame.
    pub code: String,
    pub comps: Vec<CompFrame>,
    pub unwind: Vec<Unwind<'a>>,
    /// The label errors currently break to.
    pub err: String,
    /// The frame is an async generator: `yield` produces a value instead of suspending to the event loop.
    pub async_gen: bool,
    pub loops: Vec<LoopFrame>,
    pub out: String,
    /// Locals may be borrowed as operands (`rt::ldr`) instead of cloned: true in function bodies whose source
    /// has no `:=`, the only way an expression can rebind a Rust local while another operand borrows it.
    pub borrow_locals: bool,
}

/// A Rust identifier fragment for a Python name (which may be non-ASCII).
pub(crate) fn mangle(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            let _ = write!(out, "_u{:x}_", c as u32);
        }
    }
    out
}

impl<'a> FnCtx<'a> {
    pub fn new(scope: ScopeId, kind: FnKind, code: String) -> FnCtx<'a> {
        FnCtx {
            scope,
            kind,
            code,
            comps: Vec::new(),
            unwind: Vec::new(),
            err: "'f".into(),
            async_gen: false,
            loops: Vec::new(),
            out: String::new(),
            borrow_locals: false,
        }
    }

    pub fn emit(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// `q!(label, expr)`: unwraps a `PyResult`, sending errors to the current handler.
    pub fn q(&self, e: &str) -> String {
        format!("q!({}, {e})", self.err)
    }

    /// A name as this frame's scope sees it: private names (`__x`) are mangled inside classes.
    pub fn mangled(&self, g: &ModuleGen, name: &str) -> String {
        crate::scope::mangle(g.table.scopes[self.scope].private.as_deref(), name)
    }

    /// Resolves a name used in this frame.
    pub fn resolve(&self, g: &ModuleGen, name: &str) -> NameRef {
        let name = &self.mangled(g, name);
        for c in self.comps.iter().rev() {
            if let Some(v) = c.vars.get(name) {
                let sym = g.table.scopes[c.scope].symbol(name);
                return match sym.map(|s| s.scope) {
                    Some(SymScope::Cell) => NameRef::Cell(v.clone(), false),
                    _ => NameRef::Local(v.clone()),
                };
            }
        }
        // A comprehension inlined into a class body does not see the class's names (PEP 709 keeps 3.11's
        // scoping): what it does not bind itself is global there.
        if let (FnKind::Class, Some(c)) = (self.kind, self.comps.last()) {
            if let Some(SymScope::GlobalImplicit | SymScope::GlobalExplicit) =
                g.table.scopes[c.scope].symbol(name).map(|s| s.scope)
            {
                return NameRef::Global;
            }
        }
        let scope = &g.table.scopes[self.scope];
        let sym = scope.symbol(name);
        match self.kind {
            FnKind::Module => NameRef::Global,
            FnKind::Class => match sym.map(|s| (s.scope, s.class_free)) {
                Some((SymScope::GlobalExplicit, _)) => NameRef::Global,
                Some((SymScope::Free, _)) | Some((_, true)) => NameRef::ClassFree(format!("c_{}", mangle(name))),
                _ => NameRef::ClassNs,
            },
            FnKind::Function | FnKind::GenExpr => match sym.map(|s| s.scope) {
                Some(SymScope::Local) => NameRef::Local(format!("l_{}", mangle(name))),
                Some(SymScope::Cell) => NameRef::Cell(format!("c_{}", mangle(name)), false),
                Some(SymScope::Free) => NameRef::Cell(format!("c_{}", mangle(name)), true),
                _ => NameRef::Global,
            },
        }
    }

    /// The Rust expression for the cell holding `name` in this frame (for closures of nested scopes).
    pub fn cell_for(&self, g: &ModuleGen, name: &str) -> Result<String, CompileError> {
        if name == "__class__" && self.kind == FnKind::Class {
            return Ok("c___class__".into());
        }
        match self.resolve(g, name) {
            NameRef::Cell(v, _) | NameRef::ClassFree(v) => Ok(v),
            other => Err(internal(g, &format!("free variable '{name}' has no cell here ({other:?})"))),
        }
    }
}

pub(crate) fn internal(g: &ModuleGen, msg: &str) -> CompileError {
    CompileError {
        kind: "SystemError",
        msg: format!("crabby internal compiler error: {msg}"),
        filename: g.filename.to_string(),
        lineno: 1,
        col: 1,
        end_col: 2,
        line: None,
    }
}

/// The error CPython-compatible code raises for constructs crabby does not compile yet.
pub(crate) fn unsupported(g: &ModuleGen, range: TextRange, what: &str) -> CompileError {
    let line = g.line_of(range.start()) as usize;
    CompileError {
        kind: "SyntaxError",
        msg: format!("crabby does not support {what} yet"),
        filename: g.filename.to_string(),
        lineno: line,
        col: 1,
        end_col: 2,
        line: g.source.lines().nth(line.saturating_sub(1)).map(str::to_string),
    }
}

/// Declares the Rust variables of a function-like scope's own symbols.
fn declare_locals(g: &ModuleGen, ctx: &mut FnCtx, skip_params: bool) {
    let scope = &g.table.scopes[ctx.scope];
    let mut decl = String::new();
    for sym in &scope.symbols {
        if skip_params && sym.is_param {
            continue;
        }
        let m = mangle(&sym.name);
        match sym.scope {
            SymScope::Local => {
                let _ = writeln!(decl, "let mut l_{m}: Option<Value> = None;");
            }
            SymScope::Cell => {
                let _ = writeln!(decl, "let c_{m}: ObjRef = new_cell();");
            }
            _ => {}
        }
    }
    // Free variables borrow the function's closure cells: the function object outlives its body's run, and a
    // clone per call was two atomic count updates for every closure call.
    for (i, name) in scope.freevars.iter().enumerate() {
        let _ = writeln!(decl, "let c_{}: &ObjRef = &cl[{i}];", mangle(name));
    }
    ctx.out.push_str(&decl);
}

/// `exec_module`: the module's top level.
pub(crate) fn module_body<'a>(g: &mut ModuleGen<'a>, body: &'a [Stmt]) -> Result<String, CompileError> {
    let mut ctx = FnCtx::new(0, FnKind::Module, "CODE_MODULE".into());
    ctx.emit("let cl: &[ObjRef] = &[];");
    super::stmt::docstring(g, &mut ctx, body, "set_global_doc(g, {})");
    super::stmt::stmts(g, &mut ctx, body)?;
    let co = crate::co_table::to_rust(&crate::co_table::co_table(
        g.table,
        0,
        crate::co_table::CoUnit::Module { body, interactive: false },
    ));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "static CODE_MODULE: CodeInfo = CodeInfo {{ name: \"<module>\", qualname: \"<module>\", filename: FILE, firstlineno: 1, params: &[], locals: &[], posonly: 0, argcount: 0, kwonly: 0, varargs: false, varkw: false, body: None, borrowed: 0, extra: None, co: {co} }};"
    );
    out.push_str("pub fn exec_module(m: &ObjRef) -> PyResult<()> {\n");
    out.push_str("register_source(FILE, SRC);\nlet g: &ObjRef = module_dict(m);\nlet mut ln: u32 = 1;\n");
    out.push_str("let r: PyResult<Value> = 'f: {\n");
    out.push_str(&ctx.out);
    out.push_str("Ok(Value::None)\n};\nr.map(|_| ()).map_err(|e| e.leave(&CODE_MODULE, ln))\n}\n");
    Ok(out)
}

/// The parameter names of a scope in `co_varnames` order, and the counts `CodeInfo` needs.
struct ParamInfo {
    names: Vec<String>,
    posonly: usize,
    argcount: usize,
    kwonly: usize,
    varargs: bool,
    varkw: bool,
}

fn param_info(params: Option<&Parameters>) -> ParamInfo {
    let Some(p) = params else {
        return ParamInfo { names: vec![], posonly: 0, argcount: 0, kwonly: 0, varargs: false, varkw: false };
    };
    let mut names: Vec<String> = Vec::new();
    for a in p.posonlyargs.iter().chain(p.args.iter()) {
        names.push(a.parameter.name.id.to_string());
    }
    if let Some(v) = &p.vararg {
        names.push(v.name.id.to_string());
    }
    for a in p.kwonlyargs.iter() {
        names.push(a.parameter.name.id.to_string());
    }
    if let Some(k) = &p.kwarg {
        names.push(k.name.id.to_string());
    }
    ParamInfo {
        names,
        posonly: p.posonlyargs.len(),
        argcount: p.posonlyargs.len() + p.args.len(),
        kwonly: p.kwonlyargs.len(),
        varargs: p.vararg.is_some(),
        varkw: p.kwarg.is_some(),
    }
}

/// `CodeInfo::borrowed` of a function scope whose parameter slots hold `names` (mangled, in slot order): the
/// parameters that the body never rebinds (no assignment, `del`, or other binding) and that are not cells,
/// which it reads in place from the caller's slots. A generator's arguments move into its frame, which
/// outlives the call, so it takes them all.
pub(crate) fn borrowed_params<'n>(g: &ModuleGen, scope_id: ScopeId, names: impl Iterator<Item = &'n str>) -> u32 {
    let scope = &g.table.scopes[scope_id];
    if scope.is_generator || scope.is_coroutine {
        return 0;
    }
    let mut mask = 0;
    for (i, p) in names.enumerate().take(32) {
        if scope.symbol_mangled(p).is_some_and(|s| s.scope == SymScope::Local && !s.is_bound) {
            mask |= 1 << i;
        }
    }
    mask
}

/// What a function-like body is made of.
pub(crate) enum Body<'a> {
    Stmts(&'a [Stmt]),
    /// A lambda: `return expr`.
    Expr(&'a Expr),
}

/// Emits the code object and body function of a `def` or `lambda` scope; returns the `CodeInfo` static name.
pub(crate) fn emit_function<'a>(
    g: &mut ModuleGen<'a>,
    scope_id: ScopeId,
    params: Option<&'a Parameters>,
    body: Body<'a>,
    range: TextRange,
) -> Result<String, CompileError> {
    // Named after the scope, so that call sites emitted before the body can name it (direct calls).
    let code = format!("CODE_s{scope_id}");
    let fname = format!("fn_s{scope_id}");
    let scope = &g.table.scopes[scope_id];
    let pi = param_info(params);
    let first_line = g.line_of(range.start());
    let name = scope.name.clone();
    let qualname = scope.qualname.clone();
    let is_gen = scope.is_generator || scope.is_coroutine;
    let async_gen = scope.is_generator && scope.is_coroutine;
    let coroutine = scope.is_coroutine;
    let mut ctx = FnCtx::new(scope_id, FnKind::Function, code.clone());
    ctx.async_gen = async_gen;
    ctx.borrow_locals = !g.source[range.start().to_usize()..range.end().to_usize()].contains(":=");
    let private = g.table.scopes[scope_id].private.clone();
    let slot_names: Vec<String> = pi.names.iter().map(|p| crate::scope::mangle(private.as_deref(), p)).collect();
    let borrowed = borrowed_params(g, scope_id, slot_names.iter().map(String::as_str));
    {
        let private = g.table.scopes[scope_id].private.clone();
        for (i, p) in pi.names.iter().enumerate() {
            let p = &crate::scope::mangle(private.as_deref(), p);
            let m = mangle(p);
            match g.table.scopes[scope_id].symbol(p).map(|s| s.scope) {
                Some(SymScope::Cell) => {
                    let _ = writeln!(ctx.out, "let c_{m}: ObjRef = new_cell_with(take_arg(args, {i}));");
                }
                Some(SymScope::Local) if borrowed & (1 << i) != 0 => {
                    let _ =
                        writeln!(ctx.out, "let l_{m}: std::mem::ManuallyDrop<Option<Value>> = borrow_arg(args, {i});");
                }
                _ => {
                    let _ = writeln!(ctx.out, "let mut l_{m}: Option<Value> = Some(take_arg(args, {i}));");
                }
            }
        }
        declare_locals(g, &mut ctx, true);
        match body {
            Body::Stmts(stmts) => super::stmt::stmts(g, &mut ctx, stmts)?,
            Body::Expr(e) => {
                let _ = writeln!(ctx.out, "ln = {};", g.line_of(e.range().start()));
                let v = super::expr::expr(g, &mut ctx, e)?;
                let _ = writeln!(ctx.out, "break 'f Ok({v});");
            }
        }
    }
    let co_unit = match body {
        Body::Stmts(stmts) => crate::co_table::CoUnit::Function(stmts),
        Body::Expr(e) => crate::co_table::CoUnit::Lambda(e),
    };
    let co = crate::co_table::to_rust(&crate::co_table::co_table(g.table, scope_id, co_unit));
    let params_lit: Vec<String> = pi.names.iter().map(|n| rust_str(n)).collect();
    let locals_lit: Vec<String> = g.table.scopes[scope_id]
        .symbols
        .iter()
        .filter(|s| s.scope == SymScope::Local && !s.is_param)
        .map(|s| rust_str(&s.name))
        .collect();
    let mut item = String::new();
    let _ = writeln!(
        item,
        "static {code}: CodeInfo = CodeInfo {{ name: {}, qualname: {}, filename: FILE, firstlineno: {first_line}, params: &[{}], locals: &[{}], posonly: {}, argcount: {}, kwonly: {}, varargs: {}, varkw: {}, body: Some({fname}), borrowed: {borrowed:#x}, extra: None, co: {co} }};",
        rust_str(&name),
        rust_str(&qualname),
        params_lit.join(", "),
        locals_lit.join(", "),
        pi.posonly,
        pi.argcount,
        pi.kwonly,
        pi.varargs,
        pi.varkw
    );
    let _ = writeln!(item, "fn {fname}(func: &ObjRef, args: &mut [Value]) -> PyResult<Value> {{");
    let gen_kind = if async_gen {
        "GenKind::AsyncGenerator"
    } else if coroutine {
        "GenKind::Coroutine"
    } else {
        "GenKind::Generator"
    };
    if is_gen {
        // A generator's frame is the state of an `async` block: calling the function only captures the
        // arguments; `yield` points are its `.await`s (see the runtime's builtins/generator.rs).
        // The argument slots move into the frame as a fixed array (the binder fills exactly one slot per
        // parameter), so making a generator allocates no argument vector.
        let n = pi.names.len();
        let _ = writeln!(
            item,
            "let func_own: ObjRef = func.clone();\nlet mut args_own: [Value; {n}] = std::array::from_fn(|i| std::mem::take(&mut args[i]));"
        );
        let _ = writeln!(item, "Ok(new_generator(&{code}, {gen_kind}, Box::pin(async move {{");
        item.push_str("let func: &ObjRef = &func_own;\nlet args: &mut [Value] = &mut args_own[..];\n");
    }
    let _ = writeln!(
        item,
        "let g: &ObjRef = globals(func);\nlet cl: &[ObjRef] = closure(func);\nlet mut ln: u32 = {first_line};"
    );
    item.push_str("let r: PyResult<Value> = 'f: {\n");
    item.push_str(&ctx.out);
    let _ = writeln!(item, "Ok(Value::None)\n}};\nr.map_err(|e| e.leave(&{code}, ln))");
    if is_gen {
        item.push_str("})))\n");
    }
    item.push_str("}\n");
    g.items.push_str(&item);
    Ok(code)
}

/// The Rust expression making a function object for a nested scope: defaults, keyword defaults and closure
/// cells are evaluated here, in the enclosing frame.
pub(crate) fn make_function<'a>(
    g: &mut ModuleGen<'a>,
    ctx: &mut FnCtx<'a>,
    scope_id: ScopeId,
    params: Option<&'a Parameters>,
    code: &str,
) -> Result<String, CompileError> {
    let mut defaults = Vec::new();
    let mut kwdefaults = Vec::new();
    if let Some(p) = params {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            if let Some(d) = &a.default {
                defaults.push(super::expr::expr(g, ctx, d)?);
            }
        }
        for a in p.kwonlyargs.iter() {
            if let Some(d) = &a.default {
                let v = super::expr::expr(g, ctx, d)?;
                kwdefaults.push(format!("({}, {v})", rust_str(&a.parameter.name.id)));
            }
        }
    }
    let freevars = g.table.scopes[scope_id].freevars.clone();
    let mut cells = Vec::new();
    for f in &freevars {
        cells.push(format!("{}.clone()", ctx.cell_for(g, f)?));
    }
    Ok(format!(
        "make_function(&{code}, g, vec![{}], vec![{}], vec![{}])",
        defaults.join(", "),
        kwdefaults.join(", "),
        cells.join(", ")
    ))
}

/// Emits a class body as a function of the namespace dict; returns the `CodeInfo` static name.
pub(crate) fn emit_class_body<'a>(
    g: &mut ModuleGen<'a>,
    scope_id: ScopeId,
    body: &'a [Stmt],
    range: TextRange,
) -> Result<String, CompileError> {
    let id = g.fresh();
    let code = format!("CODE_{id}");
    let fname = format!("fn_{id}");
    let scope = &g.table.scopes[scope_id];
    let name = scope.name.clone();
    let qualname = scope.qualname.clone();
    let needs_cell = scope.needs_class_cell;
    let first_line = g.line_of(range.start());
    let mut ctx = FnCtx::new(scope_id, FnKind::Class, code.clone());
    for (i, f) in g.table.scopes[scope_id].freevars.iter().enumerate() {
        let _ = writeln!(ctx.out, "let c_{}: &ObjRef = &cl[{i}];", mangle(f));
    }
    if needs_cell {
        ctx.emit("let c___class__: ObjRef = new_cell();");
    }
    super::stmt::docstring(g, &mut ctx, body, "q!('f, store_class_name(ns, &Value::from(\"__doc__\"), {}))");
    super::stmt::stmts(g, &mut ctx, body)?;
    let ret = if needs_cell { "Value::Obj(c___class__.clone())" } else { "Value::None" };
    let mut item = String::new();
    let _ = writeln!(
        item,
        "static {code}: CodeInfo = CodeInfo {{ name: {}, qualname: {}, filename: FILE, firstlineno: {first_line}, params: &[\"__ns__\"], locals: &[], posonly: 0, argcount: 1, kwonly: 0, varargs: false, varkw: false, body: Some({fname}), borrowed: 0, extra: None, co: CoTable::Unknown }};",
        rust_str(&name),
        rust_str(&qualname)
    );
    let _ = writeln!(item, "fn {fname}(func: &ObjRef, args: &mut [Value]) -> PyResult<Value> {{");
    let _ = writeln!(
        item,
        "let g: &ObjRef = globals(func);\nlet cl: &[ObjRef] = closure(func);\nlet mut ln: u32 = {first_line};"
    );
    item.push_str("let ns_v = take_arg(args, 0);\nlet ns: &ObjRef = ns_v.as_obj().expect(\"class namespace\");\n");
    item.push_str("let r: PyResult<Value> = 'f: {\n");
    item.push_str(&ctx.out);
    let _ = writeln!(item, "Ok({ret})\n}};\nr.map_err(|e| e.leave(&{code}, ln))\n}}");
    g.items.push_str(&item);
    Ok(code)
}

/// Whether a scope kind is a real frame (not an inlined comprehension).
#[allow(dead_code)]
pub(crate) fn is_frame(kind: ScopeKind) -> bool {
    !matches!(kind, ScopeKind::InlinedComprehension)
}
