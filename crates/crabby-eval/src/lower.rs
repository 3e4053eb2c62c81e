//! Lowering: a parsed, scope-resolved module becomes the evaluator's tree (`tree.rs`). Names are resolved
//! here, once, exactly as codegen resolves them (`crabby-compiler/src/codegen/func.rs`): fast locals get
//! frame slots, captured variables cells, and class bodies and the top level of `exec` code read their
//! namespace mapping. Every nested `def`, `lambda`, `class` body and generator expression becomes its own
//! leaked `CodeInfo` whose `extra` is the lowered `Unit` (the shared body function downcasts it).

use std::collections::HashMap;

use crabby_compiler::co_table::{co_table, CoUnit};
use crabby_compiler::scope::{mangle, ScopeId, SymScope, SymbolTable};
use crabby_compiler::CompileError;
use crabby_runtime::rt::{self, AttrSite, CoTable, CodeInfo, Value};
use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, ConversionFlag, Expr, InterpolatedStringElement, Number, Operator, Parameters,
    Stmt as AStmt, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

use crate::tree::*;

mod pattern;

/// Lowering state for one source.
pub struct Lower<'a> {
    pub table: &'a SymbolTable,
    pub source: &'a str,
    pub filename: &'static str,
    line_starts: Vec<usize>,
    names: HashMap<String, Value>,
    /// `single` mode: expression statements of the top-level frame (also inside its `if`/`for`/`try`...,
    /// not in function or class bodies) go to `sys.displayhook`, as CPython's interactive compilation does.
    interactive: bool,
}

/// The frame being lowered.
struct Sc {
    id: ScopeId,
    kind: UnitKind,
    slots: Vec<String>,
    slot_ix: HashMap<String, u32>,
    cells: Vec<String>,
    cell_ix: HashMap<String, u32>,
    /// Inlined comprehensions being lowered, innermost last: the names each binds.
    comps: Vec<(ScopeId, HashMap<String, NameRef>)>,
    class_cell: Option<u32>,
}

impl Sc {
    fn new(id: ScopeId, kind: UnitKind) -> Sc {
        Sc {
            id,
            kind,
            slots: Vec::new(),
            slot_ix: HashMap::new(),
            cells: Vec::new(),
            cell_ix: HashMap::new(),
            comps: Vec::new(),
            class_cell: None,
        }
    }

    fn add_slot(&mut self, name: &str) -> u32 {
        let i = self.slots.len() as u32;
        self.slots.push(name.to_string());
        self.slot_ix.entry(name.to_string()).or_insert(i);
        i
    }

    fn add_cell(&mut self, name: &str) -> u32 {
        let i = self.cells.len() as u32;
        self.cells.push(name.to_string());
        self.cell_ix.entry(name.to_string()).or_insert(i);
        i
    }
}

type R<T> = Result<T, CompileError>;

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

fn binop(op: Operator) -> BinFn {
    match op {
        Operator::Add => rt::add,
        Operator::Sub => rt::sub,
        Operator::Mult => rt::mul,
        Operator::MatMult => rt::matmul,
        Operator::Div => rt::truediv,
        Operator::Mod => rt::mod_,
        Operator::Pow => rt::pow,
        Operator::LShift => rt::lshift,
        Operator::RShift => rt::rshift,
        Operator::BitOr => rt::or,
        Operator::BitXor => rt::xor,
        Operator::BitAnd => rt::and,
        Operator::FloorDiv => rt::floordiv,
    }
}

fn inplace(op: Operator) -> BinFn {
    match op {
        Operator::Add => rt::iadd,
        Operator::Sub => rt::isub,
        Operator::Mult => rt::imul,
        Operator::MatMult => rt::imatmul,
        Operator::Div => rt::itruediv,
        Operator::Mod => rt::imod,
        Operator::Pow => rt::ipow,
        Operator::LShift => rt::ilshift,
        Operator::RShift => rt::irshift,
        Operator::BitOr => rt::ior,
        Operator::BitXor => rt::ixor,
        Operator::BitAnd => rt::iand,
        Operator::FloorDiv => rt::ifloordiv,
    }
}

/// Whether a module or class body annotates a simple name anywhere outside nested scopes (CPython's
/// `find_ann`): then it starts with `SETUP_ANNOTATIONS`.
fn has_annotations(body: &[AStmt]) -> bool {
    body.iter().any(|s| match s {
        AStmt::AnnAssign(a) => a.simple && matches!(&*a.target, Expr::Name(_)),
        AStmt::If(i) => has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body)),
        AStmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        AStmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        AStmt::With(w) => has_annotations(&w.body),
        AStmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    has_annotations(&h.body)
                })
        }
        _ => false,
    })
}

fn docstring(body: &[AStmt]) -> Option<&str> {
    match body.first() {
        Some(AStmt::Expr(e)) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

impl<'a> Lower<'a> {
    pub fn new(table: &'a SymbolTable, source: &'a str, filename: &'static str) -> Lower<'a> {
        let mut line_starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Lower { table, source, filename, line_starts, names: HashMap::new(), interactive: false }
    }

    fn line(&self, r: TextRange) -> u32 {
        let off: usize = r.start().into();
        match self.line_starts.binary_search(&off) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// An immortal str value for a name or constant, made once per source.
    fn s(&mut self, s: &str) -> Value {
        if let Some(v) = self.names.get(s) {
            return v.clone();
        }
        let v = crabby_runtime::builtins::str::constant_str(s);
        self.names.insert(s.to_string(), v.clone());
        v
    }

    fn mangled(&self, sc: &Sc, name: &str) -> String {
        mangle(self.table.scopes[sc.id].private.as_deref(), name)
    }

    fn resolve(&mut self, sc: &Sc, name: &str) -> NameRef {
        let name = self.mangled(sc, name);
        for (_, vars) in sc.comps.iter().rev() {
            if let Some(r) = vars.get(&name) {
                return r.clone();
            }
        }
        if let (UnitKind::Class, Some((c, _))) = (sc.kind, sc.comps.last()) {
            if let Some(SymScope::GlobalImplicit | SymScope::GlobalExplicit) =
                self.table.scopes[*c].symbol(&name).map(|s| s.scope)
            {
                return NameRef::Global(self.s(&name));
            }
        }
        let sym = self.table.scopes[sc.id].symbol(&name).map(|s| (s.scope, s.class_free));
        match sc.kind {
            UnitKind::Top => match sym {
                Some((SymScope::GlobalExplicit, _)) => NameRef::Global(self.s(&name)),
                _ => NameRef::Ns(self.s(&name)),
            },
            UnitKind::Class => match sym {
                Some((SymScope::GlobalExplicit, _)) => NameRef::Global(self.s(&name)),
                Some((SymScope::Free, _)) | Some((_, true)) => match sc.cell_ix.get(&name) {
                    Some(&i) => NameRef::NsFree(i, self.s(&name)),
                    None => NameRef::Ns(self.s(&name)),
                },
                _ => NameRef::Ns(self.s(&name)),
            },
            UnitKind::Function | UnitKind::GenExp => match sym.map(|s| s.0) {
                Some(SymScope::Local) => match sc.slot_ix.get(&name) {
                    Some(&i) => NameRef::Fast(i),
                    None => NameRef::Global(self.s(&name)),
                },
                Some(SymScope::Cell) => NameRef::Cell(sc.cell_ix[&name], false),
                Some(SymScope::Free) => NameRef::Cell(sc.cell_ix[&name], true),
                _ => NameRef::Global(self.s(&name)),
            },
        }
    }

    fn cell_for(&mut self, sc: &Sc, name: &str) -> R<u32> {
        if name == "__class__" && sc.kind == UnitKind::Class {
            if let Some(c) = sc.class_cell {
                return Ok(c);
            }
        }
        match self.resolve(sc, name) {
            NameRef::Cell(i, _) | NameRef::NsFree(i, _) => Ok(i),
            other => Err(self.internal(&format!("free variable '{name}' has no cell here ({other:?})"))),
        }
    }

    fn internal(&self, msg: &str) -> CompileError {
        CompileError {
            kind: "SystemError",
            msg: format!("crabby internal evaluator error: {msg}"),
            filename: self.filename.to_string(),
            lineno: 1,
            col: 1,
            end_col: 2,
            line: None,
        }
    }

    fn code_info(
        &self,
        name: &str,
        qualname: &str,
        first_line: u32,
        params: Option<&Parameters>,
        unit: Unit,
        body: Option<crabby_runtime::ops::call::BodyFn>,
        co: crabby_runtime::builtins::code::CoTable,
    ) -> &'static CodeInfo {
        let mut names: Vec<&'static str> = Vec::new();
        let (mut posonly, mut argcount, mut kwonly, mut varargs, mut varkw) = (0, 0, 0, false, false);
        if let Some(p) = params {
            for a in p.posonlyargs.iter().chain(p.args.iter()) {
                names.push(leak_str(&a.parameter.name.id));
            }
            if let Some(v) = &p.vararg {
                names.push(leak_str(&v.name.id));
            }
            for a in p.kwonlyargs.iter() {
                names.push(leak_str(&a.parameter.name.id));
            }
            if let Some(k) = &p.kwarg {
                names.push(leak_str(&k.name.id));
            }
            posonly = p.posonlyargs.len() as u32;
            argcount = (p.posonlyargs.len() + p.args.len()) as u32;
            kwonly = p.kwonlyargs.len() as u32;
            varargs = p.vararg.is_some();
            varkw = p.kwarg.is_some();
        }
        if unit.kind == UnitKind::Class {
            names.push("__ns__");
            argcount = 1;
        }
        if unit.kind == UnitKind::GenExp {
            names.push(".0");
            argcount = 1;
        }
        // The other fast locals, as codegen lists them (NameError suggestions and `co_varnames` read them).
        let locals: Vec<&'static str> = match unit.kind {
            UnitKind::Function | UnitKind::GenExp => {
                unit.slot_names.iter().skip(names.len()).filter(|n| !n.starts_with('.')).map(|n| leak_str(n)).collect()
            }
            UnitKind::Top | UnitKind::Class => Vec::new(),
        };
        let extra: &'static Unit = Box::leak(Box::new(unit));
        Box::leak(Box::new(CodeInfo {
            name: leak_str(name),
            qualname: leak_str(qualname),
            filename: self.filename,
            firstlineno: first_line,
            params: Box::leak(names.into_boxed_slice()),
            locals: Box::leak(locals.into_boxed_slice()),
            posonly,
            argcount,
            kwonly,
            varargs,
            varkw,
            body,
            borrowed: 0,
            extra: Some(extra),
            co,
        }))
    }

    // -----------------------------------------------------------------------------------------------------
    // Units
    // -----------------------------------------------------------------------------------------------------

    /// The top level of a source (`exec`, `eval` or `single` mode).
    pub fn top(&mut self, body: &'a [AStmt], mode: crabby_runtime::eval::Mode) -> R<&'static CodeInfo> {
        let mut sc = Sc::new(0, UnitKind::Top);
        let mut stmts = Vec::new();
        let mut result = None;
        if mode == crabby_runtime::eval::Mode::Eval {
            if let [AStmt::Expr(e)] = body {
                result = Some(self.expr(&mut sc, &e.value)?);
            }
        } else {
            if has_annotations(body) {
                stmts.push(Stmt { line: 1, kind: St::SetupAnnotations });
            }
            if let Some(d) = docstring(body) {
                let v = self.s(d);
                stmts.push(Stmt { line: 1, kind: St::Doc(v) });
            }
            self.interactive = mode == crabby_runtime::eval::Mode::Single;
            for s in body {
                self.stmt(&mut sc, s, &mut stmts)?;
            }
        }
        let unit = self.finish_unit(sc, stmts, result, false, false);
        let co_unit = match (mode, body) {
            (crabby_runtime::eval::Mode::Eval, [AStmt::Expr(e)]) => Some(CoUnit::Eval(&e.value)),
            (crabby_runtime::eval::Mode::Eval, _) => None,
            (m, _) => Some(CoUnit::Module { body, interactive: m == crabby_runtime::eval::Mode::Single }),
        };
        let co = match co_unit {
            Some(u) => leak_co(co_table(self.table, 0, u)),
            None => crabby_runtime::builtins::code::CoTable::Unknown,
        };
        Ok(self.code_info("<module>", "<module>", 1, None, unit, None, co))
    }

    fn finish_unit(&mut self, sc: Sc, body: Vec<Stmt>, result: Option<Ex>, is_gen: bool, is_coro: bool) -> Unit {
        let scope = &self.table.scopes[sc.id];
        let mut own_cells = Vec::new();
        let mut free_start = 0;
        let mut nfree = 0;
        if matches!(sc.kind, UnitKind::Function | UnitKind::GenExp) {
            for sym in &scope.symbols {
                if sym.scope == SymScope::Cell {
                    let ci = sc.cell_ix[&sym.name];
                    let param = if sym.is_param { sc.slot_ix.get(&sym.name).copied() } else { None };
                    own_cells.push((ci, param));
                }
            }
            free_start = own_cells.len() as u32;
            nfree = scope.freevars.len() as u32;
        } else if sc.kind == UnitKind::Class {
            nfree = scope.freevars.len() as u32;
            if let Some(c) = sc.class_cell {
                own_cells.push((c, None));
            }
        }
        Unit {
            kind: sc.kind,
            slot_names: sc.slots,
            cell_names: sc.cells,
            own_cells,
            free_start,
            nfree,
            body,
            result,
            class_cell: sc.class_cell,
            is_generator: is_gen,
            is_coroutine: is_coro,
        }
    }

    /// A `def` or `lambda` body.
    fn function(
        &mut self,
        scope_id: ScopeId,
        params: Option<&'a Parameters>,
        body: Result<&'a [AStmt], &'a Expr>,
        range: TextRange,
    ) -> R<&'static CodeInfo> {
        let mut sc = Sc::new(scope_id, UnitKind::Function);
        let scope = &self.table.scopes[scope_id];
        let private = scope.private.clone();
        let (name, qualname) = (scope.name.clone(), scope.qualname.clone());
        let (is_gen, is_coro) = (scope.is_generator, scope.is_coroutine);
        if let Some(p) = params {
            let mut raw: Vec<&str> = Vec::new();
            for a in p.posonlyargs.iter().chain(p.args.iter()) {
                raw.push(&a.parameter.name.id);
            }
            if let Some(v) = &p.vararg {
                raw.push(&v.name.id);
            }
            for a in p.kwonlyargs.iter() {
                raw.push(&a.parameter.name.id);
            }
            if let Some(k) = &p.kwarg {
                raw.push(&k.name.id);
            }
            for r in raw {
                sc.add_slot(&mangle(private.as_deref(), r));
            }
        }
        let scope = &self.table.scopes[scope_id];
        for sym in &scope.symbols {
            match sym.scope {
                SymScope::Local if !sym.is_param => {
                    sc.add_slot(&sym.name);
                }
                SymScope::Cell => {
                    sc.add_cell(&sym.name);
                }
                _ => {}
            }
        }
        for f in scope.freevars.clone() {
            sc.add_cell(&f);
        }
        let first_line = self.line(range);
        let mut stmts = Vec::new();
        match body {
            Ok(b) => {
                for s in b {
                    self.stmt(&mut sc, s, &mut stmts)?;
                }
            }
            Err(e) => {
                let line = self.line(e.range());
                let v = self.expr(&mut sc, e)?;
                stmts.push(Stmt { line, kind: St::Return(Some(v)) });
            }
        }
        let unit = self.finish_unit(sc, stmts, None, is_gen, is_coro);
        let co = leak_co(co_table(
            self.table,
            scope_id,
            match body {
                Ok(stmts) => CoUnit::Function(stmts),
                Err(e) => CoUnit::Lambda(e),
            },
        ));
        Ok(self.code_info(&name, &qualname, first_line, params, unit, Some(crate::walk::function_body), co))
    }

    /// The defaults, keyword defaults, annotations and closure of a function, evaluated where it is defined.
    fn func_def(
        &mut self,
        sc: &mut Sc,
        scope_id: ScopeId,
        params: Option<&'a Parameters>,
        returns: Option<&'a Expr>,
        code: &'static CodeInfo,
    ) -> R<FuncDef> {
        let mut defaults = Vec::new();
        let mut kwdefaults = Vec::new();
        let mut annotations = Vec::new();
        if let Some(p) = params {
            for a in p.posonlyargs.iter().chain(p.args.iter()) {
                if let Some(d) = &a.default {
                    defaults.push(self.expr(sc, d)?);
                }
            }
            for a in p.kwonlyargs.iter() {
                if let Some(d) = &a.default {
                    let v = self.expr(sc, d)?;
                    kwdefaults.push((leak_str(&a.parameter.name.id), v));
                }
            }
            let mut ann: Vec<(&str, &'a Expr)> = Vec::new();
            for a in p.posonlyargs.iter().chain(p.args.iter()) {
                if let Some(t) = &a.parameter.annotation {
                    ann.push((&a.parameter.name.id, t));
                }
            }
            if let Some(t) = p.vararg.as_ref().and_then(|v| v.annotation.as_ref().map(|t| (&v.name.id, t))) {
                ann.push((t.0, t.1));
            }
            for a in p.kwonlyargs.iter() {
                if let Some(t) = &a.parameter.annotation {
                    ann.push((&a.parameter.name.id, t));
                }
            }
            if let Some(t) = p.kwarg.as_ref().and_then(|v| v.annotation.as_ref().map(|t| (&v.name.id, t))) {
                ann.push((t.0, t.1));
            }
            for (n, t) in ann {
                let key = self.s(&self.mangled(sc, n));
                let v = self.annotation(sc, t)?;
                annotations.push((key, v));
            }
        }
        if let Some(r) = returns {
            let key = self.s("return");
            let v = self.annotation(sc, r)?;
            annotations.push((key, v));
        }
        let mut closure = Vec::new();
        for f in self.table.scopes[scope_id].freevars.clone() {
            closure.push(self.cell_for(sc, &f)?);
        }
        Ok(FuncDef { code, defaults, kwdefaults, annotations, closure })
    }

    /// An annotation's value: the expression, or its source text under `from __future__ import annotations`.
    fn annotation(&mut self, sc: &mut Sc, e: &'a Expr) -> R<Ex> {
        if self.table.future_annotations {
            let text = &self.source[e.range().start().to_usize()..e.range().end().to_usize()];
            return Ok(Ex::Const(self.s(text)));
        }
        self.expr(sc, e)
    }

    /// A statement preceded by its PEP 695 type parameter list, if it has one.
    fn generic(&mut self, tp: Option<TypeParamsDef>, line: u32, st: St) -> St {
        match tp {
            Some(tp) => St::Generic(Box::new(tp), Box::new(Stmt { line, kind: st })),
            None => st,
        }
    }

    /// A PEP 695 type parameter list (see `crabby-compiler/src/codegen/generics.rs`): its scope is inlined into
    /// the current frame like a comprehension's, with fresh slots and cells for the parameters and one slot
    /// for their tuple. Leaves the scope's names visible (`sc.comps`); the caller pops it once the function,
    /// class or alias is lowered.
    fn type_params(&mut self, sc: &mut Sc, tp: &'a ast::TypeParams) -> R<TypeParamsDef> {
        let scope_id = self.table.scope_at(tp.range);
        let (vars, fresh_cells, _slots) = self.comp_frame(sc, scope_id);
        sc.comps.push((scope_id, vars));
        let mut params = Vec::new();
        for p in &tp.type_params {
            let (kind, bound) = match p {
                ast::TypeParam::TypeVar(t) => match &t.bound {
                    Some(b) => {
                        let bs = self.table.scope_at(b.range());
                        let code = self.function(bs, None, Err(b), b.range())?;
                        let constraints = matches!(&**b, Expr::Tuple(_));
                        (u32::from(constraints), Some(self.func_def(sc, bs, None, None, code)?))
                    }
                    None => (0, None),
                },
                ast::TypeParam::TypeVarTuple(_) => (2, None),
                ast::TypeParam::ParamSpec(_) => (3, None),
            };
            let target = self.resolve(sc, p.name().as_str());
            params.push((kind, leak_str(p.name().as_str()), bound, target));
        }
        let tuple = NameRef::Fast(sc.add_slot(".type_params"));
        Ok(TypeParamsDef { fresh_cells, params, tuple })
    }

    fn class_def(&mut self, sc: &mut Sc, c: &'a ast::StmtClassDef) -> R<(ClassDef, Option<TypeParamsDef>)> {
        let scope_id = self.table.scope_at(c.range);
        let mut decorators = Vec::new();
        for d in &c.decorator_list {
            decorators.push(self.expr(sc, &d.expression)?);
        }
        let tp = match &c.type_params {
            Some(tp) => Some(self.type_params(sc, tp)?),
            None => None,
        };
        let r = self.class_rest(sc, c, scope_id, decorators, tp.as_ref().map(|t| t.tuple.clone()));
        if tp.is_some() {
            sc.comps.pop();
        }
        Ok((r?, tp))
    }

    fn class_rest(
        &mut self,
        sc: &mut Sc,
        c: &'a ast::StmtClassDef,
        scope_id: ScopeId,
        decorators: Vec<Ex>,
        type_params: Option<NameRef>,
    ) -> R<ClassDef> {
        let mut bases = Vec::new();
        let mut kws = Vec::new();
        if let Some(args) = &c.arguments {
            for a in args.args.iter() {
                bases.push(match a {
                    Expr::Starred(s) => Elt::Star(self.expr(sc, &s.value)?),
                    other => Elt::Plain(self.expr(sc, other)?),
                });
            }
            for k in args.keywords.iter() {
                let value = self.expr(sc, &k.value)?;
                let name = k.arg.as_ref().map(|n| self.s(&n.id));
                kws.push(Kw { name, value });
            }
        }
        // The body.
        let scope = &self.table.scopes[scope_id];
        let (name, qualname, needs_cell) = (scope.name.clone(), scope.qualname.clone(), scope.needs_class_cell);
        let mut inner = Sc::new(scope_id, UnitKind::Class);
        inner.add_slot("__ns__");
        for f in scope.freevars.clone() {
            inner.add_cell(&f);
        }
        if needs_cell {
            inner.class_cell = Some(inner.add_cell("__class__"));
        }
        let mut stmts = Vec::new();
        if has_annotations(&c.body) {
            stmts.push(Stmt { line: self.line(c.range), kind: St::SetupAnnotations });
        }
        if let Some(d) = docstring(&c.body) {
            let v = self.s(d);
            stmts.push(Stmt { line: self.line(c.range), kind: St::Doc(v) });
        }
        for s in &c.body {
            self.stmt(&mut inner, s, &mut stmts)?;
        }
        let first_line = self.line(c.range);
        let unit = self.finish_unit(inner, stmts, None, false, false);
        let code =
            self.code_info(&name, &qualname, first_line, None, unit, Some(crate::walk::class_body), CoTable::Unknown);
        let body = self.func_def(sc, scope_id, None, None, code)?;
        let target = self.resolve(sc, &c.name.id);
        Ok(ClassDef {
            name: self.s(&c.name.id),
            qualname: self.s(&qualname),
            decorators,
            bases,
            kws,
            body: Box::new(body),
            target,
            type_params,
        })
    }

    // -----------------------------------------------------------------------------------------------------
    // Statements
    // -----------------------------------------------------------------------------------------------------

    fn block(&mut self, sc: &mut Sc, body: &'a [AStmt]) -> R<Vec<Stmt>> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            self.stmt(sc, s, &mut out)?;
        }
        Ok(out)
    }

    fn target(&mut self, sc: &mut Sc, t: &'a Expr) -> R<Target> {
        Ok(match t {
            Expr::Name(n) => Target::Name(self.resolve(sc, &n.id)),
            Expr::Attribute(a) => {
                let obj = self.expr(sc, &a.value)?;
                let name = self.s(&self.mangled(sc, &a.attr.id));
                Target::Attr(obj, name, Box::new(AttrSite::new()))
            }
            Expr::Subscript(s) => {
                let obj = self.expr(sc, &s.value)?;
                let key = self.expr(sc, &s.slice)?;
                Target::Item(obj, key)
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                let mut items = Vec::with_capacity(elts.len());
                for e in elts {
                    let inner = match e {
                        Expr::Starred(s) => &*s.value,
                        other => other,
                    };
                    items.push(self.target(sc, inner)?);
                }
                Target::Seq(items, star)
            }
            other => {
                return Err(CompileError::syntax(
                    "crabby's evaluator does not support this assignment target yet",
                    self.filename,
                    self.source,
                    other.range(),
                ))
            }
        })
    }

    fn stmt(&mut self, sc: &mut Sc, s: &'a AStmt, out: &mut Vec<Stmt>) -> R<()> {
        let line = self.line(s.range());
        let kind = match s {
            AStmt::Expr(e) if self.interactive && sc.kind == UnitKind::Top => St::Display(self.expr(sc, &e.value)?),
            AStmt::Expr(e) => St::Expr(self.expr(sc, &e.value)?),
            AStmt::Pass(_) => St::Pass,
            AStmt::Assign(a) => {
                let v = self.expr(sc, &a.value)?;
                let mut targets = Vec::with_capacity(a.targets.len());
                for t in &a.targets {
                    targets.push(self.target(sc, t)?);
                }
                St::Assign(targets, v)
            }
            AStmt::AnnAssign(a) => {
                let value = match &a.value {
                    Some(v) => Some(self.expr(sc, v)?),
                    None => None,
                };
                let target = match &a.value {
                    Some(_) => Some(self.target(sc, &a.target)?),
                    None => None,
                };
                let annotation = match (&*a.target, sc.kind) {
                    (Expr::Name(n), UnitKind::Top | UnitKind::Class) if a.simple => {
                        let key = self.s(&self.mangled(sc, &n.id));
                        Some((key, self.annotation(sc, &a.annotation)?))
                    }
                    _ => None,
                };
                St::AnnAssign { target, value, annotation }
            }
            AStmt::AugAssign(a) => {
                let t = self.target(sc, &a.target)?;
                let v = self.expr(sc, &a.value)?;
                St::AugAssign(t, inplace(a.op), v)
            }
            AStmt::Delete(d) => {
                let mut ts = Vec::new();
                for t in &d.targets {
                    ts.push(self.target(sc, t)?);
                }
                St::Del(ts)
            }
            AStmt::Return(r) => St::Return(match &r.value {
                Some(v) => Some(self.expr(sc, v)?),
                None => None,
            }),
            AStmt::If(i) => {
                let test = self.expr(sc, &i.test)?;
                let body = self.block(sc, &i.body)?;
                // `elif` chains nest as `else: if ...`.
                let mut orelse: Vec<Stmt> = Vec::new();
                for clause in i.elif_else_clauses.iter().rev() {
                    let b = self.block(sc, &clause.body)?;
                    orelse = match &clause.test {
                        Some(t) => {
                            let tl = self.line(t.range());
                            let te = self.expr(sc, t)?;
                            vec![Stmt { line: tl, kind: St::If(te, b, orelse) }]
                        }
                        None => b,
                    };
                }
                St::If(test, body, orelse)
            }
            AStmt::While(w) => {
                let test = self.expr(sc, &w.test)?;
                St::While(test, self.block(sc, &w.body)?, self.block(sc, &w.orelse)?)
            }
            AStmt::For(f) => {
                let iter = self.expr(sc, &f.iter)?;
                let target = self.target(sc, &f.target)?;
                St::For {
                    target,
                    iter,
                    body: self.block(sc, &f.body)?,
                    orelse: self.block(sc, &f.orelse)?,
                    is_async: f.is_async,
                }
            }
            AStmt::Break(_) => St::Break,
            AStmt::Continue(_) => St::Continue,
            AStmt::Raise(r) => {
                let exc = match &r.exc {
                    Some(e) => Some(self.expr(sc, e)?),
                    None => None,
                };
                let cause = match &r.cause {
                    Some(c) => Some(self.expr(sc, c)?),
                    None => None,
                };
                St::Raise(exc, cause)
            }
            AStmt::Assert(a) => {
                let t = self.expr(sc, &a.test)?;
                let m = match &a.msg {
                    Some(m) => Some(self.expr(sc, m)?),
                    None => None,
                };
                St::Assert(t, m)
            }
            AStmt::Global(_) | AStmt::Nonlocal(_) => St::Pass,
            AStmt::FunctionDef(f) => {
                let scope_id = self.table.scope_at(f.range);
                let mut decorators = Vec::new();
                for d in &f.decorator_list {
                    decorators.push(self.expr(sc, &d.expression)?);
                }
                let tp = match &f.type_params {
                    Some(tp) => Some(self.type_params(sc, tp)?),
                    None => None,
                };
                let code = self.function(scope_id, Some(&f.parameters), Ok(&f.body), f.range)?;
                let func = self.func_def(sc, scope_id, Some(&f.parameters), f.returns.as_deref(), code);
                if tp.is_some() {
                    sc.comps.pop();
                }
                let func = func?;
                let doc = docstring(&f.body).map(|d| self.s(d));
                let target = self.resolve(sc, &f.name.id);
                let type_params = tp.as_ref().map(|t| t.tuple.clone());
                let def = St::Def(Box::new(DefStmt { decorators, func, doc, target, type_params }));
                self.generic(tp, line, def)
            }
            AStmt::ClassDef(c) => {
                let (class, tp) = self.class_def(sc, c)?;
                self.generic(tp, line, St::Class(Box::new(class)))
            }
            AStmt::Try(t) => {
                let body = self.block(sc, &t.body)?;
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let ty = match &h.type_ {
                        Some(t) => Some(self.expr(sc, t)?),
                        None => None,
                    };
                    let name = h.name.as_ref().map(|n| self.resolve(sc, &n.id));
                    handlers.push(Handler { line: self.line(h.range), ty, name, body: self.block(sc, &h.body)? });
                }
                let (orelse, finally) = (self.block(sc, &t.orelse)?, self.block(sc, &t.finalbody)?);
                St::Try { body, handlers, orelse, finally, star: t.is_star }
            }
            AStmt::With(w) => {
                let mut items = Vec::new();
                for it in &w.items {
                    let e = self.expr(sc, &it.context_expr)?;
                    let t = match &it.optional_vars {
                        Some(t) => Some(self.target(sc, t)?),
                        None => None,
                    };
                    items.push((e, t));
                }
                St::With { items, body: self.block(sc, &w.body)?, is_async: w.is_async }
            }
            AStmt::Import(imp) => {
                let mut names = Vec::new();
                for alias in &imp.names {
                    let name = alias.name.id.as_str();
                    let v = self.s(name);
                    names.push(match &alias.asname {
                        Some(a) => ImportName::As(v, self.resolve(sc, &a.id)),
                        None => {
                            let top = name.split('.').next().unwrap_or(name);
                            ImportName::Top(v, self.resolve(sc, top))
                        }
                    });
                }
                St::Import(names)
            }
            AStmt::ImportFrom(imp) => {
                let module = imp.module.as_ref().map(|m| m.id.to_string()).unwrap_or_default();
                let full = format!("{}{module}", ".".repeat(imp.level as usize));
                let m = self.s(&full);
                if imp.names.iter().any(|a| a.name.id.as_str() == "*") {
                    St::ImportStar(m)
                } else {
                    let mut names = Vec::new();
                    for alias in &imp.names {
                        let bind = alias
                            .asname
                            .as_ref()
                            .map(|a| a.id.to_string())
                            .unwrap_or_else(|| alias.name.id.to_string());
                        names.push((self.s(&alias.name.id), self.resolve(sc, &bind)));
                    }
                    St::ImportFrom { module: m, names }
                }
            }
            AStmt::Match(m) => self.match_stmt(sc, m)?,
            // As codegen compiles it: the value is a function of no parameters (the scope pass made its
            // scope), evaluated lazily; a generic alias gets its type parameters first (`St::Generic`).
            AStmt::TypeAlias(t) => match t.name.as_ref() {
                Expr::Name(n) => {
                    let tp = match &t.type_params {
                        Some(tp) => Some(self.type_params(sc, tp)?),
                        None => None,
                    };
                    let scope_id = self.table.scope_at(t.range);
                    let code = self.function(scope_id, None, Err(&t.value), t.range)?;
                    let func = self.func_def(sc, scope_id, None, None, code);
                    if tp.is_some() {
                        sc.comps.pop();
                    }
                    let func = func?;
                    let name = self.s(&n.id);
                    let type_params = tp.as_ref().map(|t| t.tuple.clone());
                    let alias = St::TypeAlias(name, Box::new(func), self.resolve(sc, &n.id), type_params);
                    self.generic(tp, line, alias)
                }
                _ => St::Unsupported("this type alias target"),
            },
            AStmt::IpyEscapeCommand(_) => St::Unsupported("IPython escapes"),
        };
        out.push(Stmt { line, kind });
        Ok(())
    }

    // -----------------------------------------------------------------------------------------------------
    // Expressions
    // -----------------------------------------------------------------------------------------------------

    fn bx(&mut self, sc: &mut Sc, e: &'a Expr) -> R<Box<Ex>> {
        Ok(Box::new(self.expr(sc, e)?))
    }

    fn elts(&mut self, sc: &mut Sc, elts: &'a [Expr]) -> R<Vec<Elt>> {
        let mut out = Vec::with_capacity(elts.len());
        for e in elts {
            out.push(match e {
                Expr::Starred(s) => Elt::Star(self.expr(sc, &s.value)?),
                other => Elt::Plain(self.expr(sc, other)?),
            });
        }
        Ok(out)
    }

    fn expr(&mut self, sc: &mut Sc, e: &'a Expr) -> R<Ex> {
        Ok(match e {
            Expr::NoneLiteral(_) => Ex::Const(Value::None),
            Expr::BooleanLiteral(b) => Ex::Const(Value::Bool(b.value)),
            Expr::EllipsisLiteral(_) => Ex::Const(rt::ellipsis()),
            Expr::NumberLiteral(n) => Ex::Const(match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(v) => Value::Int(v),
                    None => crabby_runtime::builtins::int::from_bigint(
                        crabby_runtime::builtins::int::parse_int(&i.to_string(), 0).unwrap_or_default(),
                    ),
                },
                Number::Float(f) => Value::Float(*f),
                Number::Complex { real, imag } => rt::new_complex(*real, *imag),
            }),
            Expr::StringLiteral(s) => Ex::Const(self.s(s.value.to_str())),
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.iter().flat_map(|p| p.value.iter().copied()).collect();
                Ex::Const(rt::bytes_const(&bytes))
            }
            Expr::FString(f) => {
                let mut parts = Vec::new();
                for part in f.value.as_slice() {
                    match part {
                        ast::FStringPart::Literal(l) => parts.push(FPart::Lit(l.value.to_string())),
                        ast::FStringPart::FString(fs) => self.fparts(sc, &fs.elements, &mut parts)?,
                    }
                }
                Ex::FString(parts)
            }
            Expr::TString(_) => Ex::Unsupported("template strings"),
            Expr::Name(n) => match self.resolve(sc, &n.id) {
                NameRef::Global(v) => Ex::Global(v, Box::new(rt::GlobalSite::new())),
                r => Ex::Name(r),
            },
            Expr::Attribute(a) => {
                let v = self.bx(sc, &a.value)?;
                let name = self.s(&self.mangled(sc, &a.attr.id));
                Ex::Attr(v, name, Box::new(AttrSite::new()))
            }
            Expr::Subscript(s) => Ex::Item(self.bx(sc, &s.value)?, self.bx(sc, &s.slice)?),
            Expr::Slice(s) => {
                let lo = match &s.lower {
                    Some(x) => Some(self.bx(sc, x)?),
                    None => None,
                };
                let hi = match &s.upper {
                    Some(x) => Some(self.bx(sc, x)?),
                    None => None,
                };
                let st = match &s.step {
                    Some(x) => Some(self.bx(sc, x)?),
                    None => None,
                };
                Ex::Slice(lo, hi, st)
            }
            Expr::BinOp(b) => Ex::Bin(binop(b.op), self.bx(sc, &b.left)?, self.bx(sc, &b.right)?),
            Expr::UnaryOp(u) => {
                let v = self.bx(sc, &u.operand)?;
                match u.op {
                    UnaryOp::Not => Ex::Not(v),
                    UnaryOp::USub => Ex::Unary(rt::neg, v),
                    UnaryOp::UAdd => Ex::Unary(rt::pos, v),
                    UnaryOp::Invert => Ex::Unary(rt::invert, v),
                }
            }
            Expr::BoolOp(b) => {
                let mut vs = Vec::with_capacity(b.values.len());
                for v in &b.values {
                    vs.push(self.expr(sc, v)?);
                }
                match b.op {
                    BoolOp::And => Ex::And(vs),
                    BoolOp::Or => Ex::Or(vs),
                }
            }
            Expr::Compare(c) => {
                let first = self.bx(sc, &c.left)?;
                let mut rest = Vec::new();
                for (op, x) in c.ops.iter().zip(c.comparators.iter()) {
                    let op = match op {
                        CmpOp::Eq => Cmp::Eq,
                        CmpOp::NotEq => Cmp::Ne,
                        CmpOp::Lt => Cmp::Lt,
                        CmpOp::LtE => Cmp::Le,
                        CmpOp::Gt => Cmp::Gt,
                        CmpOp::GtE => Cmp::Ge,
                        CmpOp::Is => Cmp::Is,
                        CmpOp::IsNot => Cmp::IsNot,
                        CmpOp::In => Cmp::In,
                        CmpOp::NotIn => Cmp::NotIn,
                    };
                    rest.push((op, self.expr(sc, x)?));
                }
                Ex::Compare(first, rest)
            }
            Expr::If(i) => Ex::IfExp(self.bx(sc, &i.test)?, self.bx(sc, &i.body)?, self.bx(sc, &i.orelse)?),
            Expr::Named(n) => {
                let v = self.bx(sc, &n.value)?;
                let t = self.target(sc, &n.target)?;
                Ex::Walrus(Box::new(t), v)
            }
            Expr::Call(c) => self.call(sc, c)?,
            Expr::List(l) => Ex::List(self.elts(sc, &l.elts)?),
            Expr::Tuple(t) => {
                if t.elts.iter().all(|e| matches!(e, Expr::NumberLiteral(_) | Expr::StringLiteral(_)))
                    && !t.elts.is_empty()
                {
                    // A constant tuple is made once.
                    let mut items = Vec::new();
                    for e in &t.elts {
                        if let Ex::Const(v) = self.expr(sc, e)? {
                            items.push(v);
                        }
                    }
                    Ex::Const(rt::new_tuple(items))
                } else {
                    Ex::Tuple(self.elts(sc, &t.elts)?)
                }
            }
            Expr::Set(s) => Ex::Set(self.elts(sc, &s.elts)?),
            Expr::Dict(d) => {
                let mut items = Vec::new();
                for item in &d.items {
                    let k = match &item.key {
                        Some(k) => Some(self.expr(sc, k)?),
                        None => None,
                    };
                    items.push((k, self.expr(sc, &item.value)?));
                }
                Ex::Dict(items)
            }
            Expr::Lambda(l) => {
                let scope_id = self.table.scope_at(l.range);
                let params = l.parameters.as_deref();
                let code = self.function(scope_id, params, Err(&l.body), l.range)?;
                Ex::Func(Box::new(self.func_def(sc, scope_id, params, None, code)?))
            }
            Expr::ListComp(c) => {
                let elt = &*c.elt;
                self.comprehension(sc, c.range, &c.generators, |me, sc| Ok(CompKind::List(me.expr(sc, elt)?)))?
            }
            Expr::SetComp(c) => {
                let elt = &*c.elt;
                self.comprehension(sc, c.range, &c.generators, |me, sc| Ok(CompKind::Set(me.expr(sc, elt)?)))?
            }
            Expr::DictComp(c) => match &c.key {
                Some(k) => {
                    let (k, v) = (&**k, &*c.value);
                    self.comprehension(sc, c.range, &c.generators, |me, sc| {
                        let k = me.expr(sc, k)?;
                        Ok(CompKind::Dict(k, me.expr(sc, v)?))
                    })?
                }
                None => Ex::Unsupported("this dict comprehension"),
            },
            Expr::Generator(g) => self.genexp(sc, g)?,
            Expr::Starred(_) => Ex::Unsupported("a starred expression here"),
            Expr::Yield(y) => Ex::Yield(match &y.value {
                Some(v) => Some(self.bx(sc, v)?),
                None => None,
            }),
            Expr::YieldFrom(y) => Ex::YieldFrom(self.bx(sc, &y.value)?),
            Expr::Await(a) => Ex::Await(self.bx(sc, &a.value)?),
            Expr::IpyEscapeCommand(_) => Ex::Unsupported("IPython escapes"),
        })
    }

    fn fparts(&mut self, sc: &mut Sc, elements: &'a [InterpolatedStringElement], out: &mut Vec<FPart>) -> R<()> {
        for el in elements {
            match el {
                InterpolatedStringElement::Literal(l) => out.push(FPart::Lit(l.value.to_string())),
                InterpolatedStringElement::Interpolation(i) => {
                    let value = self.expr(sc, &i.expression)?;
                    let mut conv = match i.conversion {
                        ConversionFlag::None => ' ',
                        ConversionFlag::Str => 's',
                        ConversionFlag::Ascii => 'a',
                        ConversionFlag::Repr => 'r',
                    };
                    let debug =
                        i.debug_text.as_ref().map(|d| format!("{}{}{}", d.leading(), d.expression(), d.trailing()));
                    if debug.is_some() && conv == ' ' && i.format_spec.is_none() {
                        conv = 'r';
                    }
                    let spec = match &i.format_spec {
                        Some(s) => {
                            let mut parts = Vec::new();
                            self.fparts(sc, &s.elements, &mut parts)?;
                            Some(parts)
                        }
                        None => None,
                    };
                    out.push(FPart::Field { value, conv, spec, debug });
                }
            }
        }
        Ok(())
    }

    fn call(&mut self, sc: &mut Sc, c: &'a ast::ExprCall) -> R<Ex> {
        let simple = !c.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && c.arguments.keywords.iter().all(|k| k.arg.is_some());
        let no_args = c.arguments.args.is_empty() && c.arguments.keywords.is_empty();
        if let Expr::Name(n) = &*c.func {
            let id = n.id.as_str();
            if id == "super" && no_args && sc.kind == UnitKind::Function {
                let scope = &self.table.scopes[sc.id];
                if scope.freevars.iter().any(|f| f == "__class__") {
                    if let Some(first) = scope.params.first().cloned() {
                        let f = self.resolve(sc, "super");
                        let cell = self.cell_for(sc, "__class__")?;
                        let first = self.resolve(sc, &first);
                        return Ok(Ex::SuperZero(Box::new(Ex::Name(f)), cell, first));
                    }
                }
            }
            let resolved = self.resolve(sc, id);
            let global_like = matches!(resolved, NameRef::Global(_) | NameRef::Ns(_));
            if matches!(id, "globals" | "locals" | "vars" | "dir") && no_args && global_like {
                return Ok(Ex::FrameBuiltin(Box::new(Ex::Name(resolved)), id == "globals"));
            }
        }
        let frame = match &*c.func {
            Expr::Name(n) if matches!(n.id.as_str(), "eval" | "exec") => {
                matches!(self.resolve(sc, &n.id), NameRef::Global(_) | NameRef::Ns(_))
            }
            _ => false,
        };
        if let (Expr::Attribute(a), true) = (&*c.func, simple) {
            let obj = self.bx(sc, &a.value)?;
            let name = self.s(&self.mangled(sc, &a.attr.id));
            let mut args = Vec::new();
            for x in c.arguments.args.iter() {
                args.push(self.expr(sc, x)?);
            }
            let mut kws = Vec::new();
            for k in c.arguments.keywords.iter() {
                let n = self.s(k.arg.as_ref().map(|n| n.id.as_str()).unwrap_or(""));
                kws.push((n, self.expr(sc, &k.value)?));
            }
            return Ok(Ex::Method { obj, name, site: Box::new(AttrSite::new()), args, kws });
        }
        let func = self.bx(sc, &c.func)?;
        let args = self.elts(sc, &c.arguments.args)?;
        let mut kws = Vec::new();
        for k in c.arguments.keywords.iter() {
            let value = self.expr(sc, &k.value)?;
            let name = k.arg.as_ref().map(|n| self.s(&n.id));
            kws.push(Kw { name, value });
        }
        Ok(Ex::Call { func, args, kws, frame })
    }

    /// The names an inlined comprehension binds get fresh slots and cells in the enclosing frame.
    fn comp_frame(&mut self, sc: &mut Sc, scope_id: ScopeId) -> (HashMap<String, NameRef>, Vec<u32>, Vec<u32>) {
        let mut vars = HashMap::new();
        let mut cells = Vec::new();
        let mut slots = Vec::new();
        for sym in self.table.scopes[scope_id].symbols.clone() {
            if !sym.is_bound {
                continue;
            }
            match sym.scope {
                SymScope::Local => {
                    let i = sc.add_slot(&sym.name);
                    slots.push(i);
                    vars.insert(sym.name.clone(), NameRef::Fast(i));
                }
                SymScope::Cell => {
                    let i = sc.add_cell(&sym.name);
                    cells.push(i);
                    vars.insert(sym.name.clone(), NameRef::Cell(i, false));
                }
                _ => {}
            }
        }
        (vars, cells, slots)
    }

    fn comprehension(
        &mut self,
        sc: &mut Sc,
        range: TextRange,
        gens: &'a [ast::Comprehension],
        kind: impl FnOnce(&mut Self, &mut Sc) -> R<CompKind>,
    ) -> R<Ex> {
        let scope_id = self.table.scope_at(range);
        let first_iter = self.expr(sc, &gens[0].iter)?;
        let (vars, fresh_cells, slots) = self.comp_frame(sc, scope_id);
        sc.comps.push((scope_id, vars));
        let r = (|| {
            let mut fors = Vec::new();
            for (k, c) in gens.iter().enumerate() {
                let iter = if k > 0 { Some(self.expr(sc, &c.iter)?) } else { None };
                let target = self.target(sc, &c.target)?;
                let mut ifs = Vec::new();
                for cond in &c.ifs {
                    ifs.push(self.expr(sc, cond)?);
                }
                fors.push(CompFor { target, iter, ifs, is_async: c.is_async });
            }
            let kind = kind(self, sc)?;
            Ok::<_, CompileError>((fors, kind))
        })();
        sc.comps.pop();
        let (fors, kind) = r?;
        Ok(Ex::Comp(Box::new(Comp { first_iter, fors, kind, fresh_cells, slots })))
    }

    fn genexp(&mut self, sc: &mut Sc, g: &'a ast::ExprGenerator) -> R<Ex> {
        let scope_id = self.table.scope_at(g.range);
        let first_iter = self.expr(sc, &g.generators[0].iter)?;
        let first_async = g.generators[0].is_async;
        let scope = &self.table.scopes[scope_id];
        let qualname = scope.qualname.clone();
        let is_async = scope.is_coroutine || g.generators.iter().any(|c| c.is_async);
        let mut inner = Sc::new(scope_id, UnitKind::GenExp);
        inner.add_slot(".0");
        for sym in &scope.symbols {
            match sym.scope {
                SymScope::Local => {
                    inner.add_slot(&sym.name);
                }
                SymScope::Cell => {
                    inner.add_cell(&sym.name);
                }
                _ => {}
            }
        }
        for f in scope.freevars.clone() {
            inner.add_cell(&f);
        }
        // The body: `for` clauses around `yield elt`, as statements.
        let line = self.line(g.range);
        let elt = self.expr(&mut inner, &g.elt)?;
        let mut body = vec![Stmt { line, kind: St::Expr(Ex::Yield(Some(Box::new(elt)))) }];
        for (k, c) in g.generators.iter().enumerate().rev() {
            for cond in c.ifs.iter().rev() {
                let t = self.expr(&mut inner, cond)?;
                body = vec![Stmt { line, kind: St::If(t, body, Vec::new()) }];
            }
            let target = self.target(&mut inner, &c.target)?;
            let iter = if k == 0 { Ex::Name(NameRef::Fast(0)) } else { self.expr(&mut inner, &c.iter)? };
            body = vec![Stmt { line, kind: St::For { target, iter, body, orelse: Vec::new(), is_async: c.is_async } }];
        }
        // The first iterator was already made outside (see `walk`): the loop over slot 0 must not call
        // `iter()` again, which is harmless for iterators (they return themselves).
        let unit = self.finish_unit(inner, body, None, true, is_async);
        let code = self.code_info("<genexpr>", &qualname, line, None, unit, None, CoTable::Unknown);
        let mut closure = Vec::new();
        for f in self.table.scopes[scope_id].freevars.clone() {
            closure.push(self.cell_for(sc, &f)?);
        }
        Ok(Ex::GenExp(Box::new(GenExp { code, first_iter, first_async, closure })))
    }
}

/// The runtime's `CoTable` for a table the compiler front end computed (leaked, like the code object).
fn leak_co(t: Result<crabby_compiler::co_table::CoTable, &'static str>) -> CoTable {
    use crabby_compiler::co_table::CoConst as C;
    use crabby_runtime::builtins::code::CoConst as K;
    fn conv(c: &C) -> K {
        match c {
            C::None => K::None,
            C::Bool(b) => K::Bool(*b),
            C::Int(i) => K::Int(*i),
            C::Float(f) => K::Float(f64::from_bits(*f)),
            C::Complex(a, b) => K::Complex(f64::from_bits(*a), f64::from_bits(*b)),
            C::Str(s) => K::Str(leak_str(s)),
            C::Bytes(b) => K::Bytes(Box::leak(b.clone().into_boxed_slice())),
            C::Ellipsis => K::Ellipsis,
            C::Tuple(items) => K::Tuple(Box::leak(items.iter().map(conv).collect::<Vec<_>>().into_boxed_slice())),
            C::FrozenSet(items) => {
                K::FrozenSet(Box::leak(items.iter().map(conv).collect::<Vec<_>>().into_boxed_slice()))
            }
        }
    }
    match t {
        Ok(t) => CoTable::Exact {
            consts: Box::leak(t.consts.iter().map(conv).collect::<Vec<_>>().into_boxed_slice()),
            names: Box::leak(t.names.iter().map(|n| leak_str(n)).collect::<Vec<_>>().into_boxed_slice()),
        },
        Err(what) => CoTable::Inexact(what),
    }
}
