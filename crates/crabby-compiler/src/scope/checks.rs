//! The structural SyntaxErrors CPython 3.12 raises after its symtable, while compiling: `'return' outside
//! function`, `'break' outside loop`, misplaced `await`/`yield`/`async`, `__debug__` assignments, repeated
//! keyword arguments, misplaced starred expressions, `match` pattern errors and late `__future__` imports.
//! The walk follows CPython's compilation order, so the first error found is the one CPython reports. The
//! `__future__` feature checks, which CPython runs before everything else, are here too.

use ruff_python_ast::{
    self as ast, Comprehension, ExceptHandler, Expr, ExprContext, InterpolatedStringElement, Number, Parameters,
    Pattern, Stmt,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{ScopeId, ScopeKind, SymbolTable};
use crate::CompileError;

type Res = Result<(), CompileError>;

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// The leading `from __future__ import ...` statements (after an optional docstring): unknown features are
/// errors. Returns the offset of the last one, later `__future__` imports being compile errors.
fn future_header(module: &ast::ModModule, source: &str, filename: &str) -> Result<Option<TextSize>, CompileError> {
    let mut last = None;
    let mut body = module.body.iter().peekable();
    if let Some(Stmt::Expr(e)) = body.peek() {
        if e.value.is_string_literal_expr() {
            body.next();
        }
    }
    for stmt in body {
        let Stmt::ImportFrom(i) = stmt else { break };
        if i.module.as_ref().is_none_or(|m| m.as_str() != "__future__") {
            break;
        }
        for alias in &i.names {
            let name = alias.name.as_str();
            let msg = if name == "braces" {
                "not a chance".to_string()
            } else if !FUTURE_FEATURES.contains(&name) {
                format!("future feature {name} is not defined")
            } else {
                continue;
            };
            let start = i.range.start().to_usize();
            return Err(CompileError::at_range("SyntaxError", msg, filename, source, start, start));
        }
        last = Some(i.range.start());
    }
    Ok(last)
}

/// Checks the `__future__` imports at the top of the module; returns whether `from __future__ import
/// annotations` (PEP 563) is in effect.
pub(super) fn check_future(module: &ast::ModModule, source: &str, filename: &str) -> Result<bool, CompileError> {
    future_header(module, source, filename)?;
    let mut body = module.body.iter().peekable();
    if let Some(Stmt::Expr(e)) = body.peek() {
        if e.value.is_string_literal_expr() {
            body.next();
        }
    }
    for stmt in body {
        let Stmt::ImportFrom(i) = stmt else { break };
        if i.module.as_ref().is_none_or(|m| m.as_str() != "__future__") {
            break;
        }
        if i.names.iter().any(|a| a.name.as_str() == "annotations") {
            return Ok(true);
        }
    }
    Ok(false)
}

pub(super) fn check_module(module: &ast::ModModule, table: &SymbolTable, source: &str, filename: &str) -> Res {
    let future_start = future_header(module, source, filename)?;
    let mut c = Checker { table, source, filename, units: vec![Unit::new(0)], future_start };
    c.body(&module.body)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Loop,
    ExceptStar,
    Other,
}

/// A code object being compiled (CPython's compiler unit): the module, a function, lambda, class body or
/// generator expression. Inlined comprehensions are not units.
struct Unit {
    scope: ScopeId,
    blocks: Vec<Block>,
}

impl Unit {
    fn new(scope: ScopeId) -> Self {
        Unit { scope, blocks: Vec::new() }
    }
}

struct Checker<'a> {
    table: &'a SymbolTable,
    source: &'a str,
    filename: &'a str,
    units: Vec<Unit>,
    /// Where the last `__future__` import of the module's header starts.
    future_start: Option<TextSize>,
}

/// Pattern-compilation state: names captured so far, and whether an irrefutable pattern is allowed here.
struct PatternCtx {
    stores: Vec<String>,
    allow_irrefutable: bool,
}

impl Checker<'_> {
    fn err(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        CompileError::syntax(msg, self.filename, self.source, range)
    }

    fn unit(&self) -> &Unit {
        self.units.last().expect("a unit is always open")
    }

    fn unit_kind(&self) -> ScopeKind {
        self.table.scopes[self.unit().scope].kind
    }

    fn unit_is_function_like(&self) -> bool {
        !matches!(self.unit_kind(), ScopeKind::Module | ScopeKind::Class)
    }

    fn unit_is_async_function(&self) -> bool {
        let s = &self.table.scopes[self.unit().scope];
        s.kind == ScopeKind::Function && s.is_coroutine
    }

    fn with_unit(&mut self, range: TextRange, f: impl FnOnce(&mut Self) -> Res) -> Res {
        let Some(&id) = self.table.by_range.get(&range) else {
            return Ok(());
        };
        self.units.push(Unit::new(id));
        let r = f(self);
        self.units.pop();
        r
    }

    fn with_block(&mut self, block: Block, f: impl FnOnce(&mut Self) -> Res) -> Res {
        self.units.last_mut().expect("a unit is always open").blocks.push(block);
        let r = f(self);
        self.units.last_mut().expect("a unit is always open").blocks.pop();
        r
    }

    fn body(&mut self, body: &[Stmt]) -> Res {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expr>) -> Res {
        for e in exprs {
            self.expr(e)?;
        }
        Ok(())
    }

    fn forbidden(&self, name: &str, ctx: ExprContext, range: TextRange) -> Res {
        if name != "__debug__" {
            return Ok(());
        }
        match ctx {
            ExprContext::Store => Err(self.err("cannot assign to __debug__", range)),
            ExprContext::Del => Err(self.err("cannot delete __debug__", range)),
            _ => Ok(()),
        }
    }

    fn check_debug_params(&self, params: &Parameters) -> Res {
        for p in params.iter() {
            let p = p.as_parameter();
            self.forbidden(p.name.as_str(), ExprContext::Store, p.range)?;
        }
        Ok(())
    }

    fn defaults(&mut self, params: &Parameters) -> Res {
        for p in params.posonlyargs.iter().chain(&params.args).chain(&params.kwonlyargs) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn annotations(&mut self, params: &Parameters) -> Res {
        for p in params.posonlyargs.iter().chain(&params.args) {
            if let Some(a) = &p.parameter.annotation {
                self.expr(a)?;
            }
        }
        if let Some(v) = &params.vararg {
            match v.annotation.as_deref() {
                Some(Expr::Starred(s)) => self.expr(&s.value)?,
                Some(a) => self.expr(a)?,
                None => {}
            }
        }
        for p in &params.kwonlyargs {
            if let Some(a) = &p.parameter.annotation {
                self.expr(a)?;
            }
        }
        if let Some(k) = &params.kwarg {
            if let Some(a) = &k.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    /// CPython's location of a `def`/`class` statement: the keyword, not the first decorator.
    fn def_range(&self, range: TextRange, decorators: &[ast::Decorator], name: &ast::Identifier) -> TextRange {
        let Some(last) = decorators.last() else {
            return range;
        };
        let text = &self.source[last.range.end().to_usize()..name.range.start().to_usize()];
        let mut offset = last.range.end().to_usize();
        for word in ["async", "def", "class"] {
            if let Some(i) = find_word(text, word) {
                offset = last.range.end().to_usize() + i;
                break;
            }
        }
        TextRange::new(TextSize::new(offset as u32), range.end())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Res {
        match stmt {
            Stmt::FunctionDef(f) => {
                self.check_debug_params(&f.parameters)?;
                self.exprs(f.decorator_list.iter().map(|d| &d.expression))?;
                self.defaults(&f.parameters)?;
                self.annotations(&f.parameters)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.with_unit(f.range, |c| c.body(&f.body))?;
                let range = self.def_range(f.range, &f.decorator_list, &f.name);
                self.forbidden(f.name.as_str(), ExprContext::Store, range)?;
            }
            Stmt::ClassDef(cd) => {
                self.exprs(cd.decorator_list.iter().map(|d| &d.expression))?;
                self.with_unit(cd.range, |c| c.body(&cd.body))?;
                if let Some(args) = &cd.arguments {
                    self.validate_keywords(args)?;
                    self.call_args(args)?;
                }
                let range = self.def_range(cd.range, &cd.decorator_list, &cd.name);
                self.forbidden(cd.name.as_str(), ExprContext::Store, range)?;
            }
            Stmt::Return(r) => {
                if !self.unit_is_function_like() {
                    return Err(self.err("'return' outside function", r.range));
                }
                let s = &self.table.scopes[self.unit().scope];
                if r.value.is_some() && s.is_coroutine && s.is_generator {
                    return Err(self.err("'return' with value in async generator", r.range));
                }
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
                if self.unit().blocks.contains(&Block::ExceptStar) {
                    // CPython reports a constant return value's position (its compiler emits a line event for it).
                    let range = match r.value.as_deref() {
                        Some(v) if v.is_literal_expr() => v.range(),
                        _ => r.range,
                    };
                    return Err(self.err("'break', 'continue' and 'return' cannot appear in an except* block", range));
                }
            }
            Stmt::Delete(d) => self.exprs(d.targets.iter())?,
            Stmt::TypeAlias(_) => {}
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                self.exprs(a.targets.iter())?;
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value)?;
                self.expr(&a.target)?;
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.expr(&a.target)?;
                } else if let Expr::Name(n) = a.target.as_ref() {
                    self.forbidden(n.id.as_str(), ExprContext::Store, n.range)?;
                }
                if matches!(self.unit_kind(), ScopeKind::Module | ScopeKind::Class) {
                    self.expr(&a.annotation)?;
                }
            }
            Stmt::For(f) => {
                if f.is_async && !self.unit_is_async_function() {
                    return Err(self.err("'async for' outside async function", f.range));
                }
                self.expr(&f.iter)?;
                self.expr(&f.target)?;
                self.with_block(Block::Loop, |c| c.body(&f.body))?;
                self.body(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.with_block(Block::Loop, |c| c.body(&w.body))?;
                self.body(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.body(&i.body)?;
                for clause in &i.elif_else_clauses {
                    if let Some(t) = &clause.test {
                        self.expr(t)?;
                    }
                    self.body(&clause.body)?;
                }
            }
            Stmt::With(w) => {
                if w.is_async && !self.unit_is_async_function() {
                    return Err(self.err("'async with' outside async function", w.range));
                }
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.with_block(Block::Other, |c| c.body(&w.body))?;
            }
            Stmt::Match(m) => self.match_stmt(m)?,
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.with_block(Block::Other, |c| c.body(&t.body))?;
                self.body(&t.orelse)?;
                let n = t.handlers.len();
                for (i, ExceptHandler::ExceptHandler(h)) in t.handlers.iter().enumerate() {
                    if h.type_.is_none() && i + 1 < n {
                        return Err(self.err("default 'except:' must be last", h.range));
                    }
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(name) = &h.name {
                        self.forbidden(name.as_str(), ExprContext::Store, h.range)?;
                    }
                    let block = if t.is_star { Block::ExceptStar } else { Block::Other };
                    self.with_block(block, |c| c.body(&h.body))?;
                }
                self.body(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let store = match &alias.asname {
                        Some(a) => a.as_str(),
                        None => alias.name.as_str().split('.').next().unwrap_or(""),
                    };
                    self.forbidden(store, ExprContext::Store, i.range)?;
                }
            }
            Stmt::ImportFrom(i) => {
                if i.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                    && self.future_start.is_none_or(|l| i.range.start() > l)
                {
                    return Err(self.err("from __future__ imports must occur at the beginning of the file", i.range));
                }
                for alias in &i.names {
                    let store = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    self.forbidden(store, ExprContext::Store, i.range)?;
                }
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) | Stmt::IpyEscapeCommand(_) => {}
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Break(b) => self.loop_exit(b.range, "'break' outside loop")?,
            Stmt::Continue(c) => self.loop_exit(c.range, "'continue' not properly in loop")?,
        }
        Ok(())
    }

    fn loop_exit(&self, range: TextRange, outside: &str) -> Res {
        for block in self.unit().blocks.iter().rev() {
            match block {
                Block::Loop => return Ok(()),
                Block::ExceptStar => {
                    return Err(self.err("'break', 'continue' and 'return' cannot appear in an except* block", range))
                }
                Block::Other => {}
            }
        }
        Err(self.err(outside, range))
    }

    fn call_args(&mut self, args: &ast::Arguments) -> Res {
        for a in args.args.iter() {
            match a {
                Expr::Starred(s) => self.expr(&s.value)?,
                _ => self.expr(a)?,
            }
        }
        for k in &args.keywords {
            self.expr(&k.value)?;
        }
        Ok(())
    }

    /// Elements of a list, tuple or set display (or target): starred ones are allowed.
    fn elements(&mut self, elts: &[Expr], ctx: ExprContext, range: TextRange) -> Res {
        if ctx == ExprContext::Store {
            let mut seen_star = false;
            for (i, e) in elts.iter().enumerate() {
                if e.is_starred_expr() {
                    if seen_star {
                        return Err(self.err("multiple starred expressions in assignment", range));
                    }
                    if i >= 256 || elts.len() - i > (i32::MAX as usize >> 8) {
                        return Err(self.err("too many expressions in star-unpacking assignment", range));
                    }
                    seen_star = true;
                }
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.expr(&s.value)?,
                _ => self.expr(e)?,
            }
        }
        Ok(())
    }

    fn interpolated(&mut self, elements: &[InterpolatedStringElement]) -> Res {
        for el in elements {
            if let InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.interpolated(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn expr(&mut self, expr: &Expr) -> Res {
        match expr {
            Expr::BoolOp(b) => self.exprs(b.values.iter())?,
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.expr(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.check_debug_params(p)?;
                    self.defaults(p)?;
                }
                self.with_unit(l.range, |c| c.expr(&l.body))?;
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
            }
            Expr::Set(s) => self.elements(&s.elts, ExprContext::Load, s.range)?,
            Expr::ListComp(c) => self.comprehension(c.range, &c.generators, &c.elt, None)?,
            Expr::SetComp(c) => self.comprehension(c.range, &c.generators, &c.elt, None)?,
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(c.range, &c.generators, k, Some(&c.value))?,
                None => self.comprehension(c.range, &c.generators, &c.value, None)?,
            },
            Expr::Generator(g) => self.comprehension(g.range, &g.generators, &g.elt, None)?,
            Expr::Await(a) => {
                if !self.unit_is_function_like() {
                    return Err(self.err("'await' outside function", a.range));
                }
                if !self.unit_is_async_function() && self.unit_kind() != ScopeKind::GeneratorExpression {
                    return Err(self.err("'await' outside async function", a.range));
                }
                self.expr(&a.value)?;
            }
            Expr::Yield(y) => {
                if !self.unit_is_function_like() {
                    return Err(self.err("'yield' outside function", y.range));
                }
                if let Some(v) = &y.value {
                    self.expr(v)?;
                }
            }
            Expr::YieldFrom(y) => {
                if !self.unit_is_function_like() {
                    return Err(self.err("'yield' outside function", y.range));
                }
                if self.unit_is_async_function() {
                    return Err(self.err("'yield from' inside async function", y.range));
                }
                self.expr(&y.value)?;
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                self.exprs(c.comparators.iter())?;
            }
            Expr::Call(c) => {
                // CPython validates the keywords before compiling anything of the call.
                self.validate_keywords(&c.arguments)?;
                self.expr(&c.func)?;
                self.call_args(&c.arguments)?;
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.interpolated(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => {
                for ts in t.value.iter() {
                    self.interpolated(&ts.elements)?;
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.forbidden(a.attr.as_str(), a.ctx, a.range)?;
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
            }
            Expr::Starred(s) => {
                let msg = if s.ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                };
                return Err(self.err(msg, s.range));
            }
            Expr::Name(n) => self.forbidden(n.id.as_str(), n.ctx, n.range)?,
            Expr::List(l) => self.elements(&l.elts, l.ctx, l.range)?,
            Expr::Tuple(t) => self.elements(&t.elts, t.ctx, t.range)?,
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(part)?;
                }
            }
        }
        Ok(())
    }

    fn validate_keywords(&self, args: &ast::Arguments) -> Res {
        for (i, k) in args.keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            self.forbidden(name.as_str(), ExprContext::Store, k.range)?;
            for later in &args.keywords[i + 1..] {
                if later.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str()) {
                    return Err(self.err(format!("keyword argument repeated: {name}"), later.range));
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        range: TextRange,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Res {
        let Some(&id) = self.table.by_range.get(&range) else {
            return Ok(());
        };
        let Some((outermost, rest)) = generators.split_first() else {
            return Ok(());
        };
        let scope = &self.table.scopes[id];
        let inner = |c: &mut Self| -> Res {
            c.expr(&outermost.target)?;
            c.exprs(outermost.ifs.iter())?;
            for g in rest {
                c.expr(&g.iter)?;
                c.expr(&g.target)?;
                c.exprs(g.ifs.iter())?;
            }
            c.expr(elt)?;
            if let Some(v) = value {
                c.expr(v)?;
            }
            Ok(())
        };
        if scope.kind == ScopeKind::GeneratorExpression {
            self.with_unit(range, inner)?;
            self.expr(&outermost.iter)
        } else {
            self.expr(&outermost.iter)?;
            let enclosing = self.unit_kind();
            let enclosing_ok = self.unit_is_async_function() || enclosing == ScopeKind::GeneratorExpression;
            if scope.is_coroutine && !enclosing_ok {
                return Err(self.err("asynchronous comprehension outside of an asynchronous function", range));
            }
            inner(self)
        }
    }

    fn match_stmt(&mut self, m: &ast::StmtMatch) -> Res {
        self.expr(&m.subject)?;
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            let mut pc = PatternCtx { stores: Vec::new(), allow_irrefutable: case.guard.is_some() || i + 1 == n };
            self.pattern(&case.pattern, &mut pc)?;
            if let Some(g) = &case.guard {
                self.expr(g)?;
            }
            self.body(&case.body)?;
        }
        Ok(())
    }

    fn store_capture(&self, name: &str, range: TextRange, pc: &mut PatternCtx) -> Res {
        self.forbidden(name, ExprContext::Store, range)?;
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.err(format!("multiple assignments to name {} in pattern", py_str_repr(name)), range));
        }
        pc.stores.push(name.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &Pattern, pc: &mut PatternCtx) -> Res {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = saved;
        r
    }

    fn pattern(&mut self, pattern: &Pattern, pc: &mut PatternCtx) -> Res {
        match pattern {
            Pattern::MatchValue(v) => {
                // The parser accepts any f-string where a string literal may stand; CPython's grammar does not.
                if matches!(&*v.value, Expr::FString(_)) {
                    return Err(self.err("patterns may only match literals and attribute lookups", v.value.range()));
                }
                self.expr(&v.value)?
            }
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                if s.patterns.iter().filter(|p| p.is_match_star()).count() > 1 {
                    return Err(self.err("multiple starred names in sequence pattern", s.range));
                }
                for p in &s.patterns {
                    self.subpattern(p, pc)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.store_capture(n.as_str(), s.range, pc)?;
                }
            }
            Pattern::MatchMapping(mm) => {
                let mut seen: Vec<ConstKey> = Vec::new();
                for key in &mm.keys {
                    if let Some(k) = const_key(key) {
                        if seen.iter().any(|s| s.equals(&k)) {
                            return Err(
                                self.err(format!("mapping pattern checks duplicate key ({})", k.repr), mm.range)
                            );
                        }
                        seen.push(k);
                    } else if !key.is_attribute_expr() {
                        return Err(
                            self.err("mapping pattern keys may only match literals and attribute lookups", mm.range)
                        );
                    }
                    self.expr(key)?;
                }
                for p in &mm.patterns {
                    self.subpattern(p, pc)?;
                }
                if let Some(r) = &mm.rest {
                    self.store_capture(r.as_str(), mm.range, pc)?;
                }
            }
            Pattern::MatchClass(c) => {
                self.expr(&c.cls)?;
                let kws = &c.arguments.keywords;
                for (i, k) in kws.iter().enumerate() {
                    self.forbidden(k.attr.as_str(), ExprContext::Store, k.pattern.range())?;
                    if let Some(dup) = kws[i + 1..].iter().find(|o| o.attr.as_str() == k.attr.as_str()) {
                        return Err(self.err(
                            format!("attribute name repeated in class pattern: {}", k.attr),
                            dup.pattern.range(),
                        ));
                    }
                }
                for p in &c.arguments.patterns {
                    self.subpattern(p, pc)?;
                }
                for k in kws {
                    self.subpattern(&k.pattern, pc)?;
                }
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match &a.name {
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                            Some(n) => {
                                format!("name capture {} makes remaining patterns unreachable", py_str_repr(n.as_str()))
                            }
                        };
                        return Err(self.err(msg, a.range));
                    }
                    if let Some(n) = &a.name {
                        self.store_capture(n.as_str(), a.range, pc)?;
                    }
                }
                Some(p) => {
                    self.pattern(p, pc)?;
                    if let Some(n) = &a.name {
                        self.store_capture(n.as_str(), a.range, pc)?;
                    }
                }
            },
            Pattern::MatchOr(o) => {
                let outer = std::mem::take(&mut pc.stores);
                let allow = pc.allow_irrefutable;
                let mut control: Option<Vec<String>> = None;
                let k = o.patterns.len();
                for (i, alt) in o.patterns.iter().enumerate() {
                    pc.stores = Vec::new();
                    pc.allow_irrefutable = i + 1 == k && allow;
                    self.pattern(alt, pc)?;
                    match &control {
                        None => control = Some(pc.stores.clone()),
                        Some(c) => {
                            let mut a = c.clone();
                            let mut b = pc.stores.clone();
                            a.sort();
                            b.sort();
                            if a != b {
                                return Err(self.err("alternative patterns bind different names", o.range));
                            }
                        }
                    }
                }
                pc.allow_irrefutable = allow;
                pc.stores = outer;
                for name in control.unwrap_or_default() {
                    if pc.stores.contains(&name) {
                        return Err(self
                            .err(format!("multiple assignments to name {} in pattern", py_str_repr(&name)), o.range));
                    }
                    pc.stores.push(name);
                }
            }
        }
        Ok(())
    }
}

/// Finds `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before_ok = at == 0 || !is_ident_byte(bytes[at - 1]);
        let end = at + word.len();
        let after_ok = end >= bytes.len() || !is_ident_byte(bytes[end]);
        if before_ok && after_ok {
            return Some(at);
        }
        from = end;
    }
    None
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Python's `repr` of a string.
pub(crate) fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A constant mapping-pattern key, compared with Python's equality (`True == 1 == 1.0`).
struct ConstKey {
    value: KeyValue,
    repr: String,
}

enum KeyValue {
    Str(String),
    Bytes(Vec<u8>),
    Num(f64, f64),
    BigInt(String),
    None,
}

impl ConstKey {
    fn equals(&self, other: &ConstKey) -> bool {
        match (&self.value, &other.value) {
            (KeyValue::Str(a), KeyValue::Str(b)) => a == b,
            (KeyValue::Bytes(a), KeyValue::Bytes(b)) => a == b,
            (KeyValue::Num(a, ai), KeyValue::Num(b, bi)) => a == b && ai == bi,
            (KeyValue::BigInt(a), KeyValue::BigInt(b)) => a == b,
            (KeyValue::None, KeyValue::None) => true,
            _ => false,
        }
    }
}

fn const_key(e: &Expr) -> Option<ConstKey> {
    let (value, repr) = match e {
        Expr::StringLiteral(s) => {
            let v = s.value.to_str().to_string();
            let r = py_str_repr(&v);
            (KeyValue::Str(v), r)
        }
        Expr::BytesLiteral(b) => {
            let v: Vec<u8> = b.value.bytes().collect();
            let r = bytes_repr(&v);
            (KeyValue::Bytes(v), r)
        }
        Expr::BooleanLiteral(b) => {
            (KeyValue::Num(if b.value { 1.0 } else { 0.0 }, 0.0), if b.value { "True" } else { "False" }.to_string())
        }
        Expr::NoneLiteral(_) => (KeyValue::None, "None".to_string()),
        Expr::NumberLiteral(n) => number_key(&n.value, false)?,
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match u.operand.as_ref() {
            Expr::NumberLiteral(n) => number_key(&n.value, true)?,
            _ => return None,
        },
        Expr::BinOp(b) if matches!(b.op, ast::Operator::Add | ast::Operator::Sub) => {
            let (real, _) = match b.left.as_ref() {
                Expr::NumberLiteral(n) => number_key(&n.value, false)?,
                Expr::UnaryOp(u) => match u.operand.as_ref() {
                    Expr::NumberLiteral(n) => number_key(&n.value, true)?,
                    _ => return None,
                },
                _ => return None,
            };
            let Expr::NumberLiteral(ast::ExprNumberLiteral { value: Number::Complex { imag, .. }, .. }) =
                b.right.as_ref()
            else {
                return None;
            };
            let imag = if b.op == ast::Operator::Sub { -imag } else { *imag };
            let KeyValue::Num(r, _) = real else {
                return None;
            };
            (
                KeyValue::Num(r, imag),
                format!("({}{}{}j)", float_repr(r), if imag < 0.0 { "-" } else { "+" }, float_repr(imag.abs())),
            )
        }
        _ => return None,
    };
    Some(ConstKey { value, repr })
}

fn number_key(n: &Number, negate: bool) -> Option<(KeyValue, String)> {
    let sign = if negate { -1.0 } else { 1.0 };
    Some(match n {
        Number::Int(i) => match i.as_i64() {
            Some(v) => {
                let v = if negate { -v } else { v };
                (KeyValue::Num(v as f64, 0.0), v.to_string())
            }
            None => {
                let s = format!("{}{}", if negate { "-" } else { "" }, i);
                (KeyValue::BigInt(s.clone()), s)
            }
        },
        Number::Float(f) => (KeyValue::Num(sign * f, 0.0), float_repr(sign * f)),
        Number::Complex { imag, .. } => (KeyValue::Num(0.0, sign * imag), format!("{}j", float_repr(sign * imag))),
    })
}

fn float_repr(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn bytes_repr(b: &[u8]) -> String {
    let mut out = String::from("b'");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push('\'');
    out
}
