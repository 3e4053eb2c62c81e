//! The scope pass: CPython's symtable rules applied to ruff's AST.
//!
//! Every module, function, lambda, class body and comprehension gets a [`Scope`]; every name used or bound in a
//! scope gets a [`Symbol`] saying where it lives (local, cell, free, global). CPython's compile-time errors about
//! names (`nonlocal` at module level, `return` outside function, ...) are raised here as [`CompileError`]s.
//!
//! The work follows CPython's phases, so that a program with several errors reports the one CPython reports:
//! the `__future__` checks, then `collect` (the symtable walk, recording flags per name), then `analyze`
//! (resolution, with PEP 709 comprehension inlining), then `checks` (the errors CPython's compiler raises,
//! in compilation order). PEP 695 type parameters get no scopes of their own; the value of `type X = ...`
//! gets a lambda scope (it is computed lazily, by a function of no parameters).

use std::collections::HashMap;

use ruff_python_ast::ModModule;
use ruff_text_size::TextRange;

use crate::CompileError;

mod analyze;
mod checks;
mod collect;
#[cfg(test)]
mod tests;

/// Index of a scope in [`SymbolTable::scopes`]; the module scope is always 0.
pub type ScopeId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    /// A list, set or dict comprehension. CPython 3.12 inlines these into the enclosing scope (PEP 709): names
    /// the comprehension binds (its `for` targets) are its own; every other name it uses is resolved as if used
    /// in the enclosing scope (and recorded there as a use).
    ///
    /// Precisely, as CPython: every name of the comprehension is copied into the enclosing scope's symbols if
    /// that scope doesn't have it already (so a `for` target also shows up there, as `Local`, or `Cell` when a
    /// lambda or generator expression in the comprehension captures it). The comprehension's own symbol says
    /// how the name is accessed while the comprehension runs: its targets are `Local`/`Cell`; a name that is
    /// a local, cell or free variable of the enclosing function is `Free` here (use the enclosing scope's
    /// entry); a global is `GlobalImplicit`/`GlobalExplicit`. In a class body the comprehension's entry wins
    /// over the class's (class-level names are not visible inside comprehensions: they are globals there). A
    /// walrus target is `Free` (or `GlobalExplicit` at module level) and is bound in the enclosing function.
    /// The implicit iterator parameter is named `.0` (its only `params` entry).
    InlinedComprehension,
    /// A generator expression: a real nested function scope.
    GeneratorExpression,
}

/// Where a name lives, as CPython's symtable says (`LOCAL`, `GLOBAL_EXPLICIT`, `GLOBAL_IMPLICIT`, `FREE`, `CELL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymScope {
    /// A local of this scope (in a class body: an entry of the class namespace).
    Local,
    /// Declared `global` in this scope.
    GlobalExplicit,
    /// Not bound in any enclosing function scope: module globals, then builtins.
    GlobalImplicit,
    /// Bound in an enclosing function scope and captured from it (also `nonlocal` names).
    Free,
    /// A local of this scope that a nested scope captures, so it lives in a cell.
    Cell,
}

#[derive(Debug, Clone)]
pub struct Symbol {
    pub name: String,
    pub scope: SymScope,
    /// A parameter of this function or lambda.
    pub is_param: bool,
    /// Bound somewhere in this scope (assignment, `for` target, import, def, class, `del`, except-as, with-as, walrus).
    pub is_bound: bool,
    /// Read somewhere in this scope.
    pub is_used: bool,
    /// In a class scope: the name is also free (used by the class body while bound in an enclosing function), so
    /// loads look in the class namespace first and then in the cell (CPython's `LOAD_FROM_DICT_OR_DEREF`).
    /// Always `scope == Free` in a class scope.
    pub class_free: bool,
    /// CPython's `DEF_FREE_CLASS`: in a class scope, a method (or other nested scope) captures a variable of an
    /// enclosing function that has this name, while the class body itself binds or declares the name (so its
    /// `scope` is `Local`/global). The class passes the cell through: the name is in the class's `freevars`,
    /// but the class body's own accesses go by `scope`.
    pub free_class: bool,
    /// Annotated in this scope (`x: int`, with or without a value).
    pub is_annotated: bool,
    /// Bound by an `import` (a binding too: `is_bound` is set).
    pub is_imported: bool,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The function, class or module name; `<lambda>`, `<listcomp>`, `<setcomp>`, `<dictcomp>`, `<genexpr>`,
    /// `<module>`.
    pub name: String,
    /// CPython's `__qualname__` for functions and classes defined by this scope (e.g. `f.<locals>.g`, `C.m`).
    pub qualname: String,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    /// The range of the AST node that opened the scope (the `def`, `lambda`, `class` or comprehension node); the
    /// module's is the whole file.
    pub range: TextRange,
    /// Symbols in order of first appearance. Names are mangled as CPython mangles private names (`__x` in
    /// class `C` is `_C__x`), which is also the key used at run time.
    pub symbols: Vec<Symbol>,
    /// Maps mangled names to indexes of `symbols`.
    pub index: HashMap<String, usize>,
    /// Parameter names (mangled) in CPython's `co_varnames` order: positional-only, positional-or-keyword,
    /// keyword-only, then `*args`, then `**kwargs` (the counts below tell them apart).
    pub params: Vec<String>,
    pub posonly_count: usize,
    /// Positional-or-keyword parameters (not counting positional-only ones).
    pub arg_count: usize,
    pub kwonly_count: usize,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// The class name that private names in this scope are mangled with (the innermost enclosing class,
    /// or the class itself for a class scope's body); see [`mangle`].
    pub private: Option<String>,
    /// Names this scope keeps in cells, in (nearly) CPython's `co_cellvars` order: parameters first (in
    /// `params` order), then the others sorted, then a class's `__class__`. (CPython also moves a cell that an
    /// inlined comprehension uses as a fast local ahead of the sorted ones.)
    pub cellvars: Vec<String>,
    /// Names this scope receives from enclosing scopes, in CPython's `co_freevars` order (sorted).
    pub freevars: Vec<String>,
    /// A class scope whose methods use `super` or `__class__`: it creates the implicit `__class__` cell.
    pub needs_class_cell: bool,
    /// A function whose body contains `yield` or `yield from` (a generator function or generator expression).
    pub is_generator: bool,
    /// An `async def`; for a comprehension or generator expression: an asynchronous one (`async for` or
    /// `await` in it).
    pub is_coroutine: bool,
}

impl Scope {
    /// The symbol for `name` as written in the source (mangled here if it is a private name).
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.symbol_mangled(&mangle(self.private.as_deref(), name))
    }

    /// The symbol for an already mangled name.
    pub fn symbol_mangled(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }
}

#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// Maps the range of each scope-opening node to its scope.
    pub by_range: HashMap<TextRange, ScopeId>,
    /// `from __future__ import annotations` (PEP 563) is in effect: annotations are not evaluated (they are
    /// kept as strings), so names in them are not recorded as uses.
    pub future_annotations: bool,
}

impl SymbolTable {
    /// Runs the scope pass over a parsed module: CPython's symtable errors first, then the structural errors
    /// its compiler raises (`'return' outside function`, `'break' outside loop`, ...), in source order.
    pub fn build(module: &ModModule, source: &str, filename: &str) -> Result<SymbolTable, CompileError> {
        let future_annotations = checks::check_future(module, source, filename)?;
        let mut collector = collect::Collector::new(source, filename, module.range);
        collector.future_annotations = future_annotations;
        collector.visit_body(&module.body)?;
        let collect::Collector { mut scopes, by_range, .. } = collector;
        analyze::Analyzer { scopes: &mut scopes, source, filename }.run()?;
        let mut table = finish(scopes, by_range);
        table.future_annotations = future_annotations;
        checks::check_module(module, &table, source, filename)?;
        Ok(table)
    }

    /// The scope opened by the node with this range.
    pub fn scope_at(&self, range: TextRange) -> ScopeId {
        self.by_range[&range]
    }
}

/// CPython's private name mangling: inside class `C`, `__x` (not ending in `__`, without dots) is `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return name.to_string();
    }
    format!("_{class}{name}")
}

/// Turns the resolved raw scopes into the public table: symbols, cell and free variables, qualified names.
fn finish(raw: Vec<collect::RawScope>, by_range: HashMap<TextRange, ScopeId>) -> SymbolTable {
    use collect::{DEF_ANNOT, DEF_COMP_CELL, DEF_FREE_CLASS, DEF_IMPORT, DEF_LOCAL, DEF_PARAM, USE};
    let mut scopes: Vec<Scope> = Vec::with_capacity(raw.len());
    for r in &raw {
        let mut symbols = Vec::with_capacity(r.names.len());
        let mut index = HashMap::new();
        let mut cellvars = Vec::new();
        let mut freevars = Vec::new();
        for name in &r.names {
            let flags = r.flags_of(name);
            let scope = r.resolved.get(name).copied().unwrap_or(SymScope::GlobalImplicit);
            if scope == SymScope::Cell || flags & DEF_COMP_CELL != 0 {
                cellvars.push(name.clone());
            }
            if scope == SymScope::Free || flags & DEF_FREE_CLASS != 0 {
                freevars.push(name.clone());
            }
            index.insert(name.clone(), symbols.len());
            symbols.push(Symbol {
                name: name.clone(),
                scope,
                is_param: flags & DEF_PARAM != 0,
                is_bound: flags & (DEF_LOCAL | DEF_IMPORT) != 0,
                is_used: flags & USE != 0,
                class_free: r.kind == ScopeKind::Class && scope == SymScope::Free,
                free_class: flags & DEF_FREE_CLASS != 0,
                is_annotated: flags & DEF_ANNOT != 0,
                is_imported: flags & DEF_IMPORT != 0,
            });
        }
        // Parameters that are cells come first, in parameter order; then the other cells, sorted (a class's
        // implicit `__class__` cell last).
        cellvars.sort();
        cellvars.dedup();
        let (mut param_cells, other_cells): (Vec<String>, Vec<String>) =
            cellvars.into_iter().partition(|n| r.params.contains(n));
        param_cells.sort_by_key(|n| r.params.iter().position(|p| p == n));
        param_cells.extend(other_cells);
        let mut cellvars = param_cells;
        if r.needs_class_cell && !cellvars.iter().any(|c| c == "__class__") {
            cellvars.push("__class__".to_string());
        }
        freevars.sort();
        scopes.push(Scope {
            kind: r.kind,
            name: r.name.clone(),
            qualname: String::new(),
            parent: r.parent,
            children: r.children.clone(),
            range: r.range,
            symbols,
            index,
            params: r.params.clone(),
            cellvars,
            freevars,
            needs_class_cell: r.needs_class_cell,
            is_generator: r.is_generator,
            is_coroutine: r.is_coroutine,
            private: r.private.clone(),
            posonly_count: r.posonly_count,
            arg_count: r.arg_count,
            kwonly_count: r.kwonly_count,
            has_varargs: r.has_varargs,
            has_varkeywords: r.has_varkeywords,
        });
    }
    // Qualified names, parents first (children always have larger ids).
    for id in 1..scopes.len() {
        let qualname = qualname_of(&scopes, id);
        scopes[id].qualname = qualname;
    }
    scopes[0].qualname = "<module>".to_string();
    SymbolTable { scopes, by_range, future_annotations: false }
}

/// The name of a PEP 695 type parameter scope starts with this (`<generic parameters of f>`, as CPython names
/// its code object).
pub const TYPE_PARAMS_PREFIX: &str = "<generic parameters of ";

/// CPython's `compiler_set_qualname`: the parent is the enclosing code object (inlined comprehensions have
/// none); a function or class declared `global` there gets its plain name.
fn qualname_of(scopes: &[Scope], id: ScopeId) -> String {
    let s = &scopes[id];
    let mut parent = s.parent.expect("non-module scopes have a parent");
    // A PEP 695 type parameter scope is no parent either (CPython looks at the grandparent).
    while scopes[parent].kind == ScopeKind::InlinedComprehension || scopes[parent].name.starts_with(TYPE_PARAMS_PREFIX)
    {
        parent = scopes[parent].parent.expect("comprehensions have a parent");
    }
    let p = &scopes[parent];
    if p.kind == ScopeKind::Module {
        return s.name.clone();
    }
    if matches!(s.kind, ScopeKind::Function | ScopeKind::Class) {
        let mangled = mangle(p.private.as_deref(), &s.name);
        if p.symbol_mangled(&mangled).is_some_and(|sym| sym.scope == SymScope::GlobalExplicit) {
            return s.name.clone();
        }
    }
    match p.kind {
        ScopeKind::Function | ScopeKind::Lambda => format!("{}.<locals>.{}", p.qualname, s.name),
        _ => format!("{}.{}", p.qualname, s.name),
    }
}
