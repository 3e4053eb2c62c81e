//! Pass 1 of the scope pass: walk the AST in CPython's symtable order, open a scope for every function, lambda,
//! class and comprehension, and record per scope how each (mangled) name is used, with CPython's flags. The
//! errors CPython's symtable raises while doing so (misplaced `global`/`nonlocal`, duplicate parameters,
//! walrus misuse in comprehensions, `yield` in comprehensions, `import *` in functions) are raised here.

use std::collections::HashMap;

use ruff_python_ast::{
    self as ast, Comprehension, ExceptHandler, Expr, ExprContext, InterpolatedStringElement, Parameters, Pattern, Stmt,
};
use ruff_text_size::TextRange;

use super::{mangle, ScopeId, ScopeKind, SymScope};
use crate::CompileError;

pub(super) const DEF_GLOBAL: u32 = 1;
pub(super) const DEF_LOCAL: u32 = 1 << 1;
pub(super) const DEF_PARAM: u32 = 1 << 2;
pub(super) const DEF_NONLOCAL: u32 = 1 << 3;
pub(super) const USE: u32 = 1 << 4;
pub(super) const DEF_FREE_CLASS: u32 = 1 << 5;
pub(super) const DEF_IMPORT: u32 = 1 << 6;
pub(super) const DEF_ANNOT: u32 = 1 << 7;
pub(super) const DEF_COMP_ITER: u32 = 1 << 8;
pub(super) const DEF_COMP_CELL: u32 = 1 << 9;
pub(super) const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Which comprehension a comprehension scope is, for CPython's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    fn description(self) -> &'static str {
        match self {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        }
    }
}

/// A scope as pass 1 leaves it: names with their flags, not yet resolved.
#[derive(Debug)]
pub(super) struct RawScope {
    pub kind: ScopeKind,
    pub name: String,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    pub range: TextRange,
    /// Names in order of first appearance.
    pub names: Vec<String>,
    pub flags: HashMap<String, u32>,
    /// `global`/`nonlocal` declarations (and walrus targets lifted out of comprehensions), in order.
    pub directives: Vec<(String, TextRange)>,
    pub params: Vec<String>,
    pub comp: Option<CompKind>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// CPython's `ste_coroutine`: an `async def`, or a comprehension with `async for` or `await`.
    pub has_await: bool,
    pub comp_iter_target: bool,
    pub comp_iter_expr: u32,
    /// The class name private names are mangled with.
    pub private: Option<String>,
    pub posonly_count: usize,
    pub arg_count: usize,
    pub kwonly_count: usize,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// Pass 2's result: where each name lives.
    pub resolved: HashMap<String, SymScope>,
    /// A class whose methods use `__class__` (or `super`).
    pub needs_class_cell: bool,
}

impl RawScope {
    pub fn flags_of(&self, name: &str) -> u32 {
        self.flags.get(name).copied().unwrap_or(0)
    }

    pub fn is_function_like(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::InlinedComprehension | ScopeKind::GeneratorExpression
        )
    }

    /// Sets the flags of `name`, keeping the first-appearance order.
    pub fn set_flags(&mut self, name: &str, flags: u32) {
        if self.flags.insert(name.to_string(), flags).is_none() {
            self.names.push(name.to_string());
        }
    }
}

pub(super) struct Collector<'a> {
    source: &'a str,
    filename: &'a str,
    pub scopes: Vec<RawScope>,
    pub by_range: HashMap<TextRange, ScopeId>,
    stack: Vec<ScopeId>,
    private: Option<String>,
    /// PEP 563: annotations are strings, not expressions to analyse.
    pub future_annotations: bool,
}

type Res = Result<(), CompileError>;

impl<'a> Collector<'a> {
    pub fn new(source: &'a str, filename: &'a str, module_range: TextRange) -> Self {
        let mut c = Collector {
            source,
            filename,
            scopes: Vec::new(),
            by_range: HashMap::new(),
            stack: Vec::new(),
            private: None,
            future_annotations: false,
        };
        c.push_scope(ScopeKind::Module, "<module>", module_range, None);
        c
    }

    fn error(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        CompileError::syntax(msg, self.filename, self.source, range)
    }

    fn cur(&self) -> ScopeId {
        *self.stack.last().expect("scope stack is never empty")
    }

    fn cur_scope(&mut self) -> &mut RawScope {
        let id = self.cur();
        &mut self.scopes[id]
    }

    fn push_scope(&mut self, kind: ScopeKind, name: &str, range: TextRange, comp: Option<CompKind>) -> ScopeId {
        let id = self.scopes.len();
        let parent = self.stack.last().copied();
        let comp_iter_expr = parent.map_or(0, |p| self.scopes[p].comp_iter_expr);
        self.scopes.push(RawScope {
            kind,
            name: name.to_string(),
            parent,
            children: Vec::new(),
            range,
            names: Vec::new(),
            flags: HashMap::new(),
            directives: Vec::new(),
            params: Vec::new(),
            comp,
            is_generator: false,
            is_coroutine: false,
            has_await: false,
            comp_iter_target: false,
            comp_iter_expr,
            private: self.private.clone(),
            posonly_count: 0,
            arg_count: 0,
            kwonly_count: 0,
            has_varargs: false,
            has_varkeywords: false,
            resolved: HashMap::new(),
            needs_class_cell: false,
        });
        if let Some(p) = parent {
            self.scopes[p].children.push(id);
        }
        self.by_range.insert(range, id);
        self.stack.push(id);
        id
    }

    fn pop_scope(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> Res {
        let id = self.cur();
        self.add_def_in(id, name, flag, range)
    }

    /// CPython's `symtable_add_def_helper`.
    fn add_def_in(&mut self, id: ScopeId, name: &str, flag: u32, range: TextRange) -> Res {
        let mangled = mangle(self.private.as_deref(), name);
        let scope = &self.scopes[id];
        let old = scope.flags.get(&mangled).copied();
        if let Some(old) = old {
            if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
                return Err(self.error(format!("duplicate argument '{name}' in function definition"), range));
            }
        }
        let mut val = old.unwrap_or(0) | flag;
        if scope.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.error(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    range,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        let scope = &mut self.scopes[id];
        scope.set_flags(&mangled, val);
        if flag & DEF_PARAM != 0 {
            scope.params.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            // CPython also records every global declaration in the module's symbols.
            let module = &mut self.scopes[0];
            let g = module.flags_of(&mangled) | flag;
            module.set_flags(&mangled, g);
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> u32 {
        let mangled = mangle(self.private.as_deref(), name);
        self.scopes[self.cur()].flags_of(&mangled)
    }

    /// Opens the scope of a PEP 695 type parameter list (CPython's annotation scope
    /// `<generic parameters of NAME>`, keyed by the list's range): the parameters are its locals, each bound or
    /// constraint tuple is a lazily evaluated lambda of its own (keyed by the expression's range), and the
    /// function, class or alias value is nested in it. The caller pops it after the nested scope.
    fn enter_type_params(&mut self, tp: &ruff_python_ast::TypeParams, name: &str) -> Res {
        let scope_name = format!("{}{name}>", crate::scope::TYPE_PARAMS_PREFIX);
        self.push_scope(ScopeKind::Lambda, &scope_name, tp.range, None);
        for p in &tp.type_params {
            self.add_def(p.name().as_str(), DEF_LOCAL, ruff_text_size::Ranged::range(p))?;
            if let ruff_python_ast::TypeParam::TypeVar(t) = p {
                if let Some(b) = &t.bound {
                    self.push_scope(ScopeKind::Lambda, t.name.as_str(), ruff_text_size::Ranged::range(&**b), None);
                    self.visit_expr(b)?;
                    self.pop_scope();
                }
            }
        }
        Ok(())
    }

    pub fn visit_body(&mut self, body: &[Stmt]) -> Res {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expr>) -> Res {
        for e in exprs {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> Res {
        match stmt {
            Stmt::FunctionDef(f) => {
                self.add_def(f.name.as_str(), DEF_LOCAL, f.range)?;
                self.visit_defaults(&f.parameters)?;
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression)?;
                }
                if let Some(tp) = &f.type_params {
                    self.enter_type_params(tp, f.name.as_str())?;
                }
                if !self.future_annotations {
                    self.visit_annotations(&f.parameters)?;
                    if let Some(r) = &f.returns {
                        self.visit_expr(r)?;
                    }
                }
                let id = self.push_scope(ScopeKind::Function, f.name.as_str(), f.range, None);
                self.scopes[id].is_coroutine = f.is_async;
                self.scopes[id].has_await = f.is_async;
                self.visit_params(&f.parameters)?;
                self.visit_body(&f.body)?;
                self.pop_scope();
                if f.type_params.is_some() {
                    self.pop_scope();
                }
            }
            Stmt::ClassDef(c) => {
                self.add_def(c.name.as_str(), DEF_LOCAL, c.range)?;
                if let Some(args) = &c.arguments {
                    self.visit_exprs(args.args.iter())?;
                    for k in &args.keywords {
                        self.visit_expr(&k.value)?;
                    }
                }
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression)?;
                }
                if let Some(tp) = &c.type_params {
                    self.enter_type_params(tp, c.name.as_str())?;
                }
                let saved = self.private.take();
                let id = self.push_scope(ScopeKind::Class, c.name.as_str(), c.range, None);
                self.private = Some(c.name.to_string());
                self.scopes[id].private = self.private.clone();
                self.visit_body(&c.body)?;
                self.pop_scope();
                self.private = saved;
                if c.type_params.is_some() {
                    self.pop_scope();
                }
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::Delete(d) => self.visit_exprs(d.targets.iter())?,
            Stmt::TypeAlias(t) => {
                if let Expr::Name(n) = t.name.as_ref() {
                    self.add_def(n.id.as_str(), DEF_LOCAL, n.range)?;
                }
                // The value is evaluated lazily, by a function of no parameters (CPython's annotation scope;
                // codegen compiles it as a lambda), inside the type parameters' scope for `type A[T] = ...`.
                let name = match t.name.as_ref() {
                    Expr::Name(n) => n.id.as_str(),
                    _ => "",
                };
                if let Some(tp) = &t.type_params {
                    self.enter_type_params(tp, name)?;
                }
                self.push_scope(ScopeKind::Lambda, "<lambda>", t.range, None);
                self.visit_expr(&t.value)?;
                self.pop_scope();
                if t.type_params.is_some() {
                    self.pop_scope();
                }
            }
            Stmt::Assign(a) => {
                self.visit_exprs(a.targets.iter())?;
                self.visit_expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = a.target.as_ref() {
                    let cur = self.lookup(n.id.as_str());
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur() != 0 && a.simple {
                        let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(self.error(format!("annotated name '{}' can't be {what}", n.id), a.range));
                    }
                    if a.simple {
                        self.add_def(n.id.as_str(), DEF_ANNOT | DEF_LOCAL, n.range)?;
                    } else if a.value.is_some() {
                        self.add_def(n.id.as_str(), DEF_LOCAL, n.range)?;
                    }
                } else {
                    self.visit_expr(&a.target)?;
                }
                if !self.future_annotations {
                    self.visit_expr(&a.annotation)?;
                }
                if let Some(v) = &a.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::For(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_body(&f.body)?;
                self.visit_body(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_body(&w.body)?;
                self.visit_body(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_body(&i.body)?;
                for clause in &i.elif_else_clauses {
                    if let Some(t) = &clause.test {
                        self.visit_expr(t)?;
                    }
                    self.visit_body(&clause.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_body(&w.body)?;
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for case in &m.cases {
                    self.visit_pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_body(&case.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.visit_expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.visit_body(&t.body)?;
                self.visit_body(&t.orelse)?;
                for ExceptHandler::ExceptHandler(h) in &t.handlers {
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty)?;
                    }
                    if let Some(name) = &h.name {
                        self.add_def(name.as_str(), DEF_LOCAL, h.range)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.visit_expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    self.visit_alias(alias)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    self.visit_alias(alias)?;
                }
            }
            Stmt::Global(g) => {
                for name in &g.names {
                    self.visit_declaration(name.as_str(), g.range, "global", DEF_GLOBAL)?;
                }
            }
            Stmt::Nonlocal(n) => {
                for name in &n.names {
                    self.visit_declaration(name.as_str(), n.range, "nonlocal", DEF_NONLOCAL)?;
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::IpyEscapeCommand(_) => {}
        }
        Ok(())
    }

    fn visit_declaration(&mut self, name: &str, range: TextRange, what: &str, flag: u32) -> Res {
        let cur = self.lookup(name);
        if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
            let msg = if cur & DEF_PARAM != 0 {
                format!("name '{name}' is parameter and {what}")
            } else if cur & USE != 0 {
                format!("name '{name}' is used prior to {what} declaration")
            } else if cur & DEF_ANNOT != 0 {
                format!("annotated name '{name}' can't be {what}")
            } else {
                format!("name '{name}' is assigned to before {what} declaration")
            };
            return Err(self.error(msg, range));
        }
        self.add_def(name, flag, range)?;
        self.record_directive(name, range);
        Ok(())
    }

    fn record_directive(&mut self, name: &str, range: TextRange) {
        let mangled = mangle(self.private.as_deref(), name);
        self.cur_scope().directives.push((mangled, range));
    }

    fn visit_alias(&mut self, alias: &ast::Alias) -> Res {
        let name = alias.name.as_str();
        if name == "*" {
            if self.scopes[self.cur()].kind != ScopeKind::Module {
                return Err(self.error("import * only allowed at module level", alias.range));
            }
            return Ok(());
        }
        let store = match &alias.asname {
            Some(a) => a.as_str(),
            None => name.split('.').next().unwrap_or(name),
        };
        self.add_def(store, DEF_IMPORT, alias.range)
    }

    /// Default values, evaluated in the enclosing scope: positional ones first, then keyword-only ones.
    fn visit_defaults(&mut self, params: &Parameters) -> Res {
        for p in params.posonlyargs.iter().chain(&params.args) {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
            }
        }
        for p in &params.kwonlyargs {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
            }
        }
        Ok(())
    }

    /// Parameter annotations, evaluated in the enclosing scope (no PEP 563 in 3.12 by default).
    fn visit_annotations(&mut self, params: &Parameters) -> Res {
        let annotations = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .map(|p| &p.parameter)
            .chain(params.vararg.as_deref())
            .chain(params.kwonlyargs.iter().map(|p| &p.parameter))
            .chain(params.kwarg.as_deref())
            .filter_map(|p| p.annotation.as_deref());
        for a in annotations {
            self.visit_expr(a)?;
        }
        Ok(())
    }

    /// Parameters, bound in the new scope in `co_varnames` order.
    fn visit_params(&mut self, params: &Parameters) -> Res {
        for p in params.posonlyargs.iter().chain(&params.args).chain(&params.kwonlyargs) {
            self.add_def(p.parameter.name.as_str(), DEF_PARAM, p.parameter.range)?;
        }
        // CPython's node for `*args`/`**kwargs` starts at the name.
        if let Some(v) = &params.vararg {
            self.add_def(v.name.as_str(), DEF_PARAM, TextRange::new(v.name.range.start(), v.range.end()))?;
        }
        if let Some(k) = &params.kwarg {
            self.add_def(k.name.as_str(), DEF_PARAM, TextRange::new(k.name.range.start(), k.range.end()))?;
        }
        let s = self.cur_scope();
        s.posonly_count = params.posonlyargs.len();
        s.arg_count = params.args.len();
        s.kwonly_count = params.kwonlyargs.len();
        s.has_varargs = params.vararg.is_some();
        s.has_varkeywords = params.kwarg.is_some();
        Ok(())
    }

    fn visit_pattern(&mut self, pattern: &Pattern) -> Res {
        match pattern {
            Pattern::MatchValue(v) => self.visit_expr(&v.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                for p in &s.patterns {
                    self.visit_pattern(p)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(n.as_str(), DEF_LOCAL, s.range)?;
                }
            }
            Pattern::MatchMapping(m) => {
                self.visit_exprs(m.keys.iter())?;
                for p in &m.patterns {
                    self.visit_pattern(p)?;
                }
                if let Some(r) = &m.rest {
                    self.add_def(r.as_str(), DEF_LOCAL, m.range)?;
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                for p in &c.arguments.patterns {
                    self.visit_pattern(p)?;
                }
                for k in &c.arguments.keywords {
                    self.visit_pattern(&k.pattern)?;
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.visit_pattern(p)?;
                }
                if let Some(n) = &a.name {
                    self.add_def(n.as_str(), DEF_LOCAL, a.range)?;
                }
            }
            Pattern::MatchOr(o) => {
                for p in &o.patterns {
                    self.visit_pattern(p)?;
                }
            }
        }
        Ok(())
    }

    fn visit_interpolated(&mut self, elements: &[InterpolatedStringElement]) -> Res {
        for el in elements {
            if let InterpolatedStringElement::Interpolation(i) = el {
                self.visit_expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.visit_interpolated(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn visit_expr(&mut self, expr: &Expr) -> Res {
        match expr {
            Expr::BoolOp(b) => self.visit_exprs(b.values.iter())?,
            Expr::Named(n) => self.visit_named(n)?,
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_defaults(p)?;
                }
                self.push_scope(ScopeKind::Lambda, "<lambda>", l.range, None);
                if let Some(p) = &l.parameters {
                    self.visit_params(p)?;
                }
                self.visit_expr(&l.body)?;
                self.pop_scope();
            }
            Expr::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.visit_expr(k)?;
                    }
                }
                for item in &d.items {
                    self.visit_expr(&item.value)?;
                }
            }
            Expr::Set(s) => self.visit_exprs(s.elts.iter())?,
            Expr::ListComp(c) => self.visit_comprehension(CompKind::List, c.range, &c.generators, &c.elt, None)?,
            Expr::SetComp(c) => self.visit_comprehension(CompKind::Set, c.range, &c.generators, &c.elt, None)?,
            Expr::DictComp(c) => {
                let key = c.key.as_deref().unwrap_or(&c.value);
                let value = c.key.as_ref().map(|_| c.value.as_ref());
                self.visit_comprehension(CompKind::Dict, c.range, &c.generators, key, value)?
            }
            Expr::Generator(g) => {
                self.visit_comprehension(CompKind::Generator, g.range, &g.generators, &g.elt, None)?
            }
            Expr::Await(a) => {
                self.visit_expr(&a.value)?;
                self.cur_scope().has_await = true;
            }
            Expr::Yield(y) => {
                if let Some(v) = &y.value {
                    self.visit_expr(v)?;
                }
                self.visit_yield(y.range)?;
            }
            Expr::YieldFrom(y) => {
                self.visit_expr(&y.value)?;
                self.visit_yield(y.range)?;
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(c.comparators.iter())?;
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(c.arguments.args.iter())?;
                for k in &c.arguments.keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.visit_interpolated(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => {
                for ts in t.value.iter() {
                    self.visit_interpolated(&ts.elements)?;
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
            Expr::Attribute(a) => self.visit_expr(&a.value)?,
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)?;
            }
            Expr::Starred(s) => self.visit_expr(&s.value)?,
            Expr::Name(n) => {
                let load = n.ctx == ExprContext::Load;
                self.add_def(n.id.as_str(), if load { USE } else { DEF_LOCAL }, n.range)?;
                if load && n.id.as_str() == "super" && self.scopes[self.cur()].is_function_like() {
                    self.add_def("__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => self.visit_exprs(l.elts.iter())?,
            Expr::Tuple(t) => self.visit_exprs(t.elts.iter())?,
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
        }
        Ok(())
    }

    fn visit_yield(&mut self, range: TextRange) -> Res {
        let s = self.cur_scope();
        s.is_generator = true;
        if let Some(kind) = s.comp {
            return Err(self.error(format!("'yield' inside {}", kind.description()), range));
        }
        Ok(())
    }

    fn visit_named(&mut self, n: &ast::ExprNamed) -> Res {
        if self.scopes[self.cur()].comp_iter_expr > 0 {
            return Err(
                self.error("assignment expression cannot be used in a comprehension iterable expression", n.range)
            );
        }
        if self.scopes[self.cur()].comp.is_some() {
            if let Expr::Name(target) = n.target.as_ref() {
                self.extend_named_expr_scope(target)?;
            }
        }
        self.visit_expr(&n.value)?;
        self.visit_expr(&n.target)
    }

    /// PEP 572: a walrus in a comprehension binds in the nearest enclosing function (or the module).
    fn extend_named_expr_scope(&mut self, target: &ast::ExprName) -> Res {
        let name = target.id.as_str();
        let mangled = mangle(self.private.as_deref(), name);
        for &id in self.stack.iter().rev() {
            let s = &self.scopes[id];
            if s.comp.is_some() {
                if s.flags_of(&mangled) & DEF_COMP_ITER != 0 {
                    return Err(self.error(
                        format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                        target.range,
                    ));
                }
                continue;
            }
            match s.kind {
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flag = if s.flags_of(&mangled) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(name, flag, target.range)?;
                    self.record_directive(name, target.range);
                    return self.add_def_in(id, name, DEF_LOCAL, target.range);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, target.range)?;
                    self.record_directive(name, target.range);
                    return self.add_def_in(id, name, DEF_GLOBAL, target.range);
                }
                ScopeKind::Class => {
                    return Err(self.error(
                        "assignment expression within a comprehension cannot be used in a class body",
                        target.range,
                    ));
                }
                ScopeKind::InlinedComprehension | ScopeKind::GeneratorExpression => {}
            }
        }
        Ok(())
    }

    fn visit_comp_target(&mut self, target: &Expr) -> Res {
        self.cur_scope().comp_iter_target = true;
        let r = self.visit_expr(target);
        self.cur_scope().comp_iter_target = false;
        r
    }

    fn visit_comp_iter(&mut self, iter: &Expr) -> Res {
        self.cur_scope().comp_iter_expr += 1;
        let r = self.visit_expr(iter);
        self.cur_scope().comp_iter_expr -= 1;
        r
    }

    fn visit_comprehension(
        &mut self,
        kind: CompKind,
        range: TextRange,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Res {
        let Some((outermost, rest)) = generators.split_first() else {
            return Ok(());
        };
        self.visit_comp_iter(&outermost.iter)?;
        let (scope_kind, name) = match kind {
            CompKind::List => (ScopeKind::InlinedComprehension, "<listcomp>"),
            CompKind::Set => (ScopeKind::InlinedComprehension, "<setcomp>"),
            CompKind::Dict => (ScopeKind::InlinedComprehension, "<dictcomp>"),
            CompKind::Generator => (ScopeKind::GeneratorExpression, "<genexpr>"),
        };
        let id = self.push_scope(scope_kind, name, range, Some(kind));
        if outermost.is_async {
            self.scopes[id].has_await = true;
        }
        self.add_def(".0", DEF_PARAM, outermost.range)?;
        self.scopes[id].arg_count = 1;
        self.visit_comp_target(&outermost.target)?;
        self.visit_exprs(outermost.ifs.iter())?;
        for g in rest {
            self.visit_comp_target(&g.target)?;
            self.visit_comp_iter(&g.iter)?;
            self.visit_exprs(g.ifs.iter())?;
            if g.is_async {
                self.scopes[id].has_await = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        let is_generator = kind == CompKind::Generator;
        let s = &mut self.scopes[id];
        s.is_generator = is_generator;
        s.is_coroutine = s.has_await;
        let is_async = s.has_await && !is_generator;
        self.pop_scope();
        if is_async {
            self.cur_scope().has_await = true;
        }
        Ok(())
    }
}
