//! `co_consts` and `co_names` as CPython 3.12's compiler would make them, computed from the AST for compiled
//! and evaluated code alike (codegen and the evaluator both call [`co_table`]).
//!
//! CPython adds a constant the first time its code generator emits a `LOAD_CONST` of it (after the AST
//! optimizer folded `-1`, constant tuples and `in [1, 2]`), a function's first constant is its docstring or
//! None, and after the flow-graph optimizations it drops the constants no instruction uses any more (code after
//! `return`, branches of a constant test, the `None` of `x is None` in a condition, the implicit `return None`
//! of a body that cannot fall off its end) while keeping the order of the others. Names are every global,
//! attribute and imported name the code generator emits, in first-emission order (dead code included: names
//! are never pruned). This module replays that order for the constructs it knows exactly; for any other
//! construct it answers `Err` with what it met, and the runtime then raises NotImplementedError for
//! `co_consts`/`co_names` rather than give a tuple that might differ from CPython's. Covered: the simple
//! statements, `if`/`while`/`for`, imports, assignments of every target kind but starred ones, calls without
//! `*`/`**` arguments, operators (constant folding of unary minus, plus, `~` and `not` only), literals,
//! subscripts and slices, and inlined list/set/dict comprehensions in functions. Not covered (yet): nested
//! functions, lambdas and classes (their code objects are constants), `try`, `with`, `match`, f-strings,
//! generator expressions, `yield`/`await`, annotations, starred arguments, and folding of binary operators.

use ruff_python_ast::{self as ast, CmpOp, Expr, ExprContext, Number, Stmt, UnaryOp};

use ruff_text_size::Ranged;

use crate::scope::{mangle, ScopeId, ScopeKind, SymScope, SymbolTable};

/// A constant as CPython's `co_consts` holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum CoConst {
    None,
    Bool(bool),
    Int(i64),
    /// Kept as its bits so that `0.0` and `-0.0` are distinct constants, as in CPython.
    Float(u64),
    Complex(u64, u64),
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
    Tuple(Vec<CoConst>),
    FrozenSet(Vec<CoConst>),
}

/// `co_consts` and `co_names` of one code object.
#[derive(Debug, Clone, PartialEq)]
pub struct CoTable {
    pub consts: Vec<CoConst>,
    pub names: Vec<String>,
}

/// What code object the table is for.
pub enum CoUnit<'a> {
    /// A `def` body.
    Function(&'a [Stmt]),
    /// A `lambda` body.
    Lambda(&'a Expr),
    /// A module body run in `exec` mode, or `single` mode (`interactive`).
    Module { body: &'a [Stmt], interactive: bool },
    /// An `eval`-mode expression.
    Eval(&'a Expr),
}

type R<T> = Result<T, &'static str>;

/// `co_consts` and `co_names` of the code of scope `scope`, or the construct that makes them inexact.
pub fn co_table(table: &SymbolTable, scope: ScopeId, unit: CoUnit) -> R<CoTable> {
    let mut w =
        Walker { table, scopes: vec![scope], consts: Vec::new(), names: Vec::new(), live: true, loops: Vec::new() };
    match unit {
        CoUnit::Function(body) => {
            let (doc, rest) = split_docstring(body);
            w.emit(doc.map_or(CoConst::None, |d| CoConst::Str(d.to_string())));
            w.stmts(rest)?;
            let live = w.live;
            w.emit_used(CoConst::None, live);
        }
        CoUnit::Lambda(body) => {
            // None first, so that a lambda has no docstring.
            w.emit(CoConst::None);
            w.expr(body)?;
        }
        CoUnit::Module { body, interactive } => {
            let rest = match (interactive, split_docstring(body)) {
                (false, (Some(d), rest)) => {
                    w.emit(CoConst::Str(d.to_string()));
                    w.name("__doc__");
                    rest
                }
                _ => body,
            };
            for s in rest {
                match s {
                    Stmt::Expr(e) if interactive => w.expr(&e.value)?,
                    _ => w.stmt(s)?,
                }
            }
            let live = w.live;
            w.emit_used(CoConst::None, live);
        }
        CoUnit::Eval(e) => w.expr(e)?,
    }
    Ok(CoTable { consts: w.consts.into_iter().filter(|(_, used)| *used).map(|(c, _)| c).collect(), names: w.names })
}

/// A body's docstring (a first statement that is a plain string literal) and the statements after it.
fn split_docstring(body: &[Stmt]) -> (Option<&str>, &[Stmt]) {
    match body.first() {
        Some(Stmt::Expr(e)) => match &*e.value {
            Expr::StringLiteral(s) => (Some(s.value.to_str()), &body[1..]),
            _ => (None, body),
        },
        _ => (None, body),
    }
}

struct Walker<'a> {
    table: &'a SymbolTable,
    /// The scope of the code object, then any inlined comprehension being walked.
    scopes: Vec<ScopeId>,
    /// Constants in first-emission order, with whether a live instruction uses them.
    consts: Vec<(CoConst, bool)>,
    names: Vec<String>,
    /// Whether the code being walked is reachable (unreachable code is compiled, then dropped).
    live: bool,
    /// For each enclosing loop: whether a reachable `break` leaves it.
    loops: Vec<bool>,
}

impl<'a> Walker<'a> {
    fn emit(&mut self, c: CoConst) {
        let live = self.live;
        self.emit_used(c, live);
    }

    fn emit_used(&mut self, c: CoConst, used: bool) {
        match self.consts.iter_mut().find(|(k, _)| *k == c) {
            Some(slot) => slot.1 |= used,
            None => self.consts.push((c, used)),
        }
    }

    fn private(&self) -> Option<&str> {
        self.table.scopes[self.scopes[0]].private.as_deref()
    }

    fn name(&mut self, n: &str) {
        let n = mangle(self.private(), n);
        if !self.names.contains(&n) {
            self.names.push(n);
        }
    }

    /// A load, store or deletion of variable `n`: a name in `co_names` unless it is a fast local, a cell or
    /// a free variable.
    fn var(&mut self, n: &str) -> R<()> {
        let sid = *self.scopes.last().expect("scope");
        let scope = &self.table.scopes[sid];
        let in_names = match scope.kind {
            ScopeKind::Module => true,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::InlinedComprehension => {
                match scope.symbol(n).map(|s| s.scope) {
                    Some(SymScope::GlobalExplicit | SymScope::GlobalImplicit) => true,
                    Some(_) => false,
                    None => return Err("a name the scope pass did not record"),
                }
            }
            _ => return Err("class bodies"),
        };
        if in_names {
            self.name(n);
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> R<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        match s {
            Stmt::Expr(e) => {
                // A constant expression statement compiles to nothing.
                if constant(&e.value)?.is_none() {
                    self.expr(&e.value)?;
                }
            }
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for t in &a.targets {
                    self.store(t)?;
                }
            }
            Stmt::AugAssign(a) => match &*a.target {
                Expr::Name(n) => {
                    self.var(&n.id)?;
                    self.expr(&a.value)?;
                }
                Expr::Attribute(at) => {
                    self.expr(&at.value)?;
                    self.name(&at.attr.id);
                    self.expr(&a.value)?;
                }
                Expr::Subscript(sub) if !matches!(&*sub.slice, Expr::Slice(_)) => {
                    self.expr(&sub.value)?;
                    self.expr(&sub.slice)?;
                    self.expr(&a.value)?;
                }
                _ => return Err("augmented assignment to a slice"),
            },
            Stmt::Return(r) => {
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => self.emit(CoConst::None),
                }
                self.live = false;
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
                self.live = false;
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    match t {
                        Expr::Name(n) => self.var(&n.id)?,
                        Expr::Attribute(a) => {
                            self.expr(&a.value)?;
                            self.name(&a.attr.id);
                        }
                        Expr::Subscript(sub) => {
                            self.expr(&sub.value)?;
                            self.slice_or_index(&sub.slice)?;
                        }
                        _ => return Err("deleting a tuple or list of targets"),
                    }
                }
            }
            Stmt::If(i) => {
                let entry = self.live;
                let mut ends = Vec::new();
                let mut test = Some(&*i.test);
                let mut body = &i.body;
                let mut clauses = i.elif_else_clauses.iter();
                let mut reach = entry;
                loop {
                    self.live = reach;
                    let truth = match test {
                        Some(t) => {
                            let truth = truth_of(t)?;
                            self.test(t)?;
                            truth
                        }
                        None => Some(true),
                    };
                    self.live = reach && truth != Some(false);
                    self.stmts(body)?;
                    ends.push(self.live);
                    reach = reach && truth != Some(true);
                    match clauses.next() {
                        Some(c) => {
                            test = c.test.as_ref();
                            body = &c.body;
                        }
                        None => {
                            ends.push(reach);
                            break;
                        }
                    }
                }
                self.live = ends.into_iter().any(|l| l);
            }
            Stmt::While(wh) => {
                let entry = self.live;
                let truth = truth_of(&wh.test)?;
                self.test(&wh.test)?;
                self.loops.push(false);
                self.live = entry && truth != Some(false);
                self.stmts(&wh.body)?;
                // The test is compiled again at the bottom of the loop.
                self.test(&wh.test)?;
                let broke = self.loops.pop().unwrap_or(false);
                self.live = entry && truth != Some(true);
                self.stmts(&wh.orelse)?;
                self.live = self.live || broke;
            }
            Stmt::For(f) => {
                if f.is_async {
                    return Err("async for");
                }
                let entry = self.live;
                self.iterable(&f.iter)?;
                self.loops.push(false);
                self.store(&f.target)?;
                self.stmts(&f.body)?;
                let broke = self.loops.pop().unwrap_or(false);
                self.live = entry;
                self.stmts(&f.orelse)?;
                self.live = self.live || broke;
            }
            Stmt::Break(_) => {
                if let Some(b) = self.loops.last_mut() {
                    *b |= self.live;
                }
                self.live = false;
            }
            Stmt::Continue(_) => self.live = false,
            Stmt::Import(im) => {
                for alias in &im.names {
                    self.emit(CoConst::Int(0));
                    self.emit(CoConst::None);
                    let full = alias.name.id.as_str();
                    self.name(full);
                    match &alias.asname {
                        Some(asname) => {
                            for part in full.split('.').skip(1) {
                                self.name(part);
                            }
                            self.var(&asname.id)?;
                        }
                        None => self.var(full.split('.').next().unwrap_or(full))?,
                    }
                }
            }
            Stmt::ImportFrom(im) => {
                let module = im.module.as_ref().map_or("", |m| m.id.as_str());
                if module == "__future__" {
                    return Err("from __future__ imports");
                }
                self.emit(CoConst::Int(im.level as i64));
                let names = im.names.iter().map(|a| CoConst::Str(a.name.id.to_string())).collect();
                self.emit(CoConst::Tuple(names));
                self.name(module);
                for alias in &im.names {
                    if alias.name.id.as_str() == "*" {
                        continue;
                    }
                    self.name(&alias.name.id);
                    self.var(alias.asname.as_ref().map_or(alias.name.id.as_str(), |a| a.id.as_str()))?;
                }
            }
            Stmt::FunctionDef(_) => return Err("nested functions"),
            Stmt::ClassDef(_) => return Err("classes"),
            Stmt::Try(_) => return Err("try statements"),
            Stmt::With(_) => return Err("with statements"),
            Stmt::Match(_) => return Err("match statements"),
            Stmt::AnnAssign(_) => return Err("annotated assignments"),
            Stmt::Assert(_) => return Err("assert statements"),
            _ => return Err("this statement"),
        }
        Ok(())
    }

    /// A `for` loop's or comprehension's iterable: a list or set display of constants becomes a constant
    /// tuple or frozenset (CPython's `fold_iter`).
    fn iterable(&mut self, e: &Expr) -> R<()> {
        if let Some(c) = folded_iterable(e)? {
            self.emit(c);
            return Ok(());
        }
        self.expr(e)
    }

    fn store(&mut self, t: &Expr) -> R<()> {
        match t {
            Expr::Name(n) => self.var(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.name(&a.attr.id);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.slice_or_index(&s.slice)
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    if matches!(e, Expr::Starred(_)) {
                        return Err("starred assignment targets");
                    }
                    self.store(e)?;
                }
                Ok(())
            }
            _ => Err("this assignment target"),
        }
    }

    /// A subscript's key: a plain slice is compiled as its bounds, a missing one as None.
    fn slice_or_index(&mut self, k: &Expr) -> R<()> {
        match k {
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(e) => self.expr(e)?,
                        None => self.emit(CoConst::None),
                    }
                }
                if let Some(step) = &s.step {
                    self.expr(step)?;
                }
                Ok(())
            }
            _ => self.expr(k),
        }
    }

    /// An expression compiled as a condition (CPython's `compiler_jump_if`): `x is None` / `x is not None`
    /// becomes a jump on None that uses no constant.
    fn test(&mut self, e: &Expr) -> R<()> {
        // A constant condition is a jump the optimizer resolves: its constant is dropped.
        if let Some(c) = constant(e)? {
            self.emit_used(c, false);
            return Ok(());
        }
        match e {
            Expr::BoolOp(b) => {
                for v in &b.values {
                    self.test(v)?;
                }
                Ok(())
            }
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => self.test(&u.operand),
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops[0], CmpOp::Is | CmpOp::IsNot)
                    && matches!(c.comparators[0], Expr::NoneLiteral(_)) =>
            {
                self.expr(&c.left)?;
                self.emit_used(CoConst::None, false);
                Ok(())
            }
            Expr::If(_) => Err("conditional expressions as conditions"),
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &Expr) -> R<()> {
        if let Some(c) = constant(e)? {
            self.emit(c);
            return Ok(());
        }
        match e {
            Expr::Name(n) => {
                if n.ctx != ExprContext::Load {
                    return Err("this name context");
                }
                self.var(&n.id)
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.name(&a.attr.id);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.slice_or_index(&s.slice)
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                for a in c.arguments.args.iter() {
                    if matches!(a, Expr::Starred(_)) {
                        return Err("calls with *args");
                    }
                    self.expr(a)?;
                }
                let mut kw_names = Vec::new();
                for k in c.arguments.keywords.iter() {
                    let Some(arg) = &k.arg else { return Err("calls with **kwargs") };
                    self.expr(&k.value)?;
                    kw_names.push(CoConst::Str(arg.id.to_string()));
                }
                if !kw_names.is_empty() {
                    self.emit(CoConst::Tuple(kw_names));
                }
                Ok(())
            }
            Expr::BinOp(b) => {
                if constant(&b.left)?.is_some() && constant(&b.right)?.is_some() {
                    return Err("operators on constants (constant folding)");
                }
                self.expr(&b.left)?;
                self.expr(&b.right)
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::BoolOp(b) => {
                for v in &b.values {
                    self.expr(v)?;
                }
                Ok(())
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                let last = c.comparators.len() - 1;
                for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
                    if i == last && matches!(op, CmpOp::In | CmpOp::NotIn) {
                        self.iterable(right)?;
                    } else {
                        self.expr(right)?;
                    }
                }
                Ok(())
            }
            Expr::If(i) => {
                let entry = self.live;
                let truth = truth_of(&i.test)?;
                self.test(&i.test)?;
                self.live = entry && truth != Some(false);
                self.expr(&i.body)?;
                self.live = entry && truth != Some(true);
                self.expr(&i.orelse)?;
                self.live = entry;
                Ok(())
            }
            Expr::Tuple(t) => self.display(&t.elts, None),
            Expr::List(l) => self.display(&l.elts, Some(false)),
            Expr::Set(s) => self.display(&s.elts, Some(true)),
            Expr::Dict(d) => {
                if d.items.len() > 15 {
                    return Err("dict displays of more than 15 items");
                }
                let mut keys = Vec::new();
                for item in &d.items {
                    match &item.key {
                        Some(k) => keys.push(constant(k)?),
                        None => return Err("dict displays with ** unpacking"),
                    }
                }
                if keys.len() > 1 && keys.iter().all(|k| k.is_some()) {
                    for item in &d.items {
                        self.expr(&item.value)?;
                    }
                    self.emit(CoConst::Tuple(keys.into_iter().flatten().collect()));
                } else {
                    for item in &d.items {
                        if let Some(k) = &item.key {
                            self.expr(k)?;
                        }
                        self.expr(&item.value)?;
                    }
                }
                Ok(())
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.store(&n.target)
            }
            Expr::ListComp(c) => self.comprehension(e, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(e, &c.generators, &[&c.elt]),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(e, &c.generators, &[k, &c.value]),
                None => Err("dict comprehensions with ** unpacking"),
            },
            Expr::Lambda(_) => Err("lambdas"),
            Expr::Generator(_) => Err("generator expressions"),
            Expr::FString(_) | Expr::TString(_) => Err("f-strings"),
            Expr::Await(_) | Expr::Yield(_) | Expr::YieldFrom(_) => Err("yield and await"),
            Expr::Starred(_) => Err("starred expressions"),
            Expr::Slice(_) => Err("slices outside a subscript"),
            _ => Err("this expression"),
        }
    }

    /// A tuple (`set` None), list (`Some(false)`) or set (`Some(true)`) display that is not a constant: the
    /// items in order; a list or set of more than two constants is one constant tuple or frozenset.
    fn display(&mut self, elts: &[Expr], set: Option<bool>) -> R<()> {
        if let Some(is_set) = set {
            if elts.len() > 2 {
                if let Some(items) = all_constant(elts)? {
                    self.emit(if is_set { CoConst::FrozenSet(items) } else { CoConst::Tuple(items) });
                    return Ok(());
                }
            }
        }
        for e in elts {
            if matches!(e, Expr::Starred(_)) {
                return Err("starred expressions");
            }
            self.expr(e)?;
        }
        Ok(())
    }

    /// An inlined list, set or dict comprehension (PEP 709): the first iterable in the enclosing scope, then
    /// each `for` clause's target, conditions and next iterable, then the element.
    fn comprehension(&mut self, e: &Expr, gens: &[ast::Comprehension], elts: &[&Expr]) -> R<()> {
        let outer = &self.table.scopes[*self.scopes.last().expect("scope")];
        if !matches!(outer.kind, ScopeKind::Function | ScopeKind::Lambda) {
            return Err("comprehensions outside functions");
        }
        let sid = *self.table.by_range.get(&e.range()).ok_or("an unscoped comprehension")?;
        for (i, g) in gens.iter().enumerate() {
            if g.is_async {
                return Err("async comprehensions");
            }
            if i == 0 {
                self.iterable(&g.iter)?;
                self.scopes.push(sid);
            } else {
                self.iterable(&g.iter)?;
            }
            self.store(&g.target)?;
            for cond in &g.ifs {
                if truth_of(cond)?.is_some() {
                    return Err("constant comprehension conditions");
                }
                self.test(cond)?;
            }
        }
        for x in elts {
            self.expr(x)?;
        }
        self.scopes.pop();
        Ok(())
    }
}

/// The truth value of a condition that is a constant (after folding), else `None`.
fn truth_of(e: &Expr) -> R<Option<bool>> {
    Ok(constant(e)?.map(|c| truth_of_const(&c)))
}

/// The constants of `elts` if every one is a constant.
fn all_constant(elts: &[Expr]) -> R<Option<Vec<CoConst>>> {
    let mut out = Vec::with_capacity(elts.len());
    for e in elts {
        match constant(e)? {
            Some(c) => out.push(c),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// `fold_iter`: a list or set display of constants used as an iterable or `in` operand.
fn folded_iterable(e: &Expr) -> R<Option<CoConst>> {
    Ok(match e {
        Expr::List(l) => all_constant(&l.elts)?.map(CoConst::Tuple),
        Expr::Set(s) => all_constant(&s.elts)?.map(CoConst::FrozenSet),
        _ => None,
    })
}

/// The value of `e` if CPython's AST optimizer makes it a constant (literals, tuples of constants, unary
/// operators on constants); `Err` for the foldings this module does not replay.
fn constant(e: &Expr) -> R<Option<CoConst>> {
    Ok(Some(match e {
        Expr::NoneLiteral(_) => CoConst::None,
        Expr::BooleanLiteral(b) => CoConst::Bool(b.value),
        Expr::EllipsisLiteral(_) => CoConst::Ellipsis,
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => CoConst::Int(i.as_i64().ok_or("big int constants")?),
            Number::Float(f) => CoConst::Float(f.to_bits()),
            Number::Complex { real, imag } => CoConst::Complex(real.to_bits(), imag.to_bits()),
        },
        Expr::StringLiteral(s) => CoConst::Str(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => CoConst::Bytes(b.value.iter().flat_map(|p| p.value.iter().copied()).collect()),
        Expr::Tuple(t) if t.ctx == ExprContext::Load => match all_constant(&t.elts)? {
            Some(items) => CoConst::Tuple(items),
            None => return Ok(None),
        },
        Expr::UnaryOp(u) => {
            let Some(v) = constant(&u.operand)? else { return Ok(None) };
            match (u.op, v) {
                (UnaryOp::Not, v) => CoConst::Bool(!truth_of_const(&v)),
                (UnaryOp::USub, CoConst::Int(i)) => CoConst::Int(i.checked_neg().ok_or("big int constants")?),
                (UnaryOp::USub, CoConst::Float(f)) => CoConst::Float((-f64::from_bits(f)).to_bits()),
                (UnaryOp::USub, CoConst::Complex(a, b)) => {
                    CoConst::Complex((-f64::from_bits(a)).to_bits(), (-f64::from_bits(b)).to_bits())
                }
                (UnaryOp::UAdd, c @ (CoConst::Int(_) | CoConst::Float(_) | CoConst::Complex(..))) => c,
                (UnaryOp::Invert, CoConst::Int(i)) => CoConst::Int(!i),
                _ => return Err("unary operators on constants that raise"),
            }
        }
        _ => return Ok(None),
    }))
}

fn truth_of_const(c: &CoConst) -> bool {
    match c {
        CoConst::None => false,
        CoConst::Bool(b) => *b,
        CoConst::Int(i) => *i != 0,
        CoConst::Float(f) => f64::from_bits(*f) != 0.0,
        CoConst::Complex(a, b) => f64::from_bits(*a) != 0.0 || f64::from_bits(*b) != 0.0,
        CoConst::Str(s) => !s.is_empty(),
        CoConst::Bytes(b) => !b.is_empty(),
        CoConst::Ellipsis => true,
        CoConst::Tuple(t) | CoConst::FrozenSet(t) => !t.is_empty(),
    }
}

/// The Rust expression of a `crabby_runtime::rt::CoTable` for generated code.
pub fn to_rust(t: &R<CoTable>) -> String {
    fn c(k: &CoConst) -> String {
        match k {
            CoConst::None => "CoConst::None".into(),
            CoConst::Bool(b) => format!("CoConst::Bool({b})"),
            CoConst::Int(i) => format!("CoConst::Int({i}i64)"),
            CoConst::Float(f) => format!("CoConst::Float(f64::from_bits({f:#x}))"),
            CoConst::Complex(a, b) => format!("CoConst::Complex(f64::from_bits({a:#x}), f64::from_bits({b:#x}))"),
            CoConst::Str(s) => format!("CoConst::Str({s:?})"),
            CoConst::Bytes(b) => format!("CoConst::Bytes(&{b:?})"),
            CoConst::Ellipsis => "CoConst::Ellipsis".into(),
            CoConst::Tuple(items) => {
                format!("CoConst::Tuple(&[{}])", items.iter().map(c).collect::<Vec<_>>().join(", "))
            }
            CoConst::FrozenSet(items) => {
                format!("CoConst::FrozenSet(&[{}])", items.iter().map(c).collect::<Vec<_>>().join(", "))
            }
        }
    }
    match t {
        Ok(t) => format!(
            "CoTable::Exact {{ consts: &[{}], names: &[{}] }}",
            t.consts.iter().map(c).collect::<Vec<_>>().join(", "),
            t.names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
        ),
        Err(what) => format!("CoTable::Inexact({what:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `repr` of a constant (enough for the test program's constants).
    fn py_repr(c: &CoConst) -> String {
        let seq = |items: &[CoConst]| items.iter().map(py_repr).collect::<Vec<_>>().join(", ");
        match c {
            CoConst::None => "None".into(),
            CoConst::Bool(b) => (if *b { "True" } else { "False" }).into(),
            CoConst::Int(i) => i.to_string(),
            CoConst::Float(f) => format!("{:?}", f64::from_bits(*f)),
            CoConst::Complex(..) => "complex".into(),
            CoConst::Str(s) => format!("'{s}'"),
            CoConst::Bytes(b) => format!("b'{}'", String::from_utf8_lossy(b)),
            CoConst::Ellipsis => "Ellipsis".into(),
            CoConst::Tuple(items) if items.len() == 1 => format!("({},)", seq(items)),
            CoConst::Tuple(items) => format!("({})", seq(items)),
            CoConst::FrozenSet(items) => format!("frozenset({{{}}})", seq(items)),
        }
    }

    fn tuple_repr(items: Vec<String>) -> String {
        match items.len() {
            1 => format!("({},)", items[0]),
            _ => format!("({})", items.join(", ")),
        }
    }

    /// Each function of `co_table_tests.py` with its `co_consts` and `co_names`, as python3.12 prints them
    /// (`print(name, repr(c.co_consts), repr(c.co_names))`).
    #[test]
    fn functions_match_cpython() {
        let src = include_str!("co_table_tests.py");
        let module = ruff_python_parser::parse_module(src).expect("parses").into_syntax();
        let table = SymbolTable::build(&module, src, "x.py").expect("scopes");
        let mut got = Vec::new();
        for s in &module.body {
            let Stmt::FunctionDef(f) = s else { continue };
            let t = co_table(&table, table.scope_at(f.range), CoUnit::Function(&f.body)).expect(&f.name.id);
            got.push(format!(
                "{} {} {}",
                f.name.id,
                tuple_repr(t.consts.iter().map(py_repr).collect()),
                tuple_repr(t.names.iter().map(|n| format!("'{n}'")).collect())
            ));
        }
        let want = "\
f1 (None, 1) ()
f2 ('doc', 1, 2) ()
f3 (None, (1, 2, 3), frozenset({1, 2, 3}), (4, 5), 1, 2, ('k', 'j'), -5, 1024, 'ab', 1.5, True) ('x', 'b', 'c')
f4 (None, 0, ('argv', 'path'), 1, 'm') ('os', 'os.path', 'sys', 'argv', 'path', 'gg', 'attr', 'len', 'super', 'foo', 'ValueError')
f5 (None,) ()
d1 (None, 1) ('print', 'x')
d2 (None, 3) ('f',)
d3 (None, 2) ('y',)
d4 ('doc', None) ()
d5 (None, 1, 3, 2, ('k', 'j'), 0, 'z', (1, 2, 3), frozenset({4, 5, 6}), (-0.0, 0.0, 0, False, -6, True, 1.5, (1, 2), (), Ellipsis)) ('b',)
d6 (None, 3, 1, 'else', 'elif', 'ret', -1, b'by', 2, 4, 5) ('items',)";
        assert_eq!(got.join("\n"), want);
    }

    /// Constructs outside the replayed set are reported, not guessed.
    #[test]
    fn other_constructs_are_inexact() {
        let src =
            "def f():\n    def g(): pass\ndef h():\n    try: pass\n    finally: pass\ndef k():\n    return 2 ** 10\n";
        let module = ruff_python_parser::parse_module(src).expect("parses").into_syntax();
        let table = SymbolTable::build(&module, src, "x.py").expect("scopes");
        let got: Vec<_> = module
            .body
            .iter()
            .filter_map(|s| match s {
                Stmt::FunctionDef(f) => Some(co_table(&table, table.scope_at(f.range), CoUnit::Function(&f.body))),
                _ => None,
            })
            .map(|r| r.err())
            .collect();
        assert_eq!(
            got,
            [Some("nested functions"), Some("try statements"), Some("operators on constants (constant folding)")]
        );
    }
}
