//! The scope pass: CPython's symtable rules applied to ruff's AST.
//!
//! Every module, function, lambda, class body and comprehension gets a [`Scope`]; every name used or bound in a
//! scope gets a [`Symbol`] saying where it lives (local, cell, free, global). CPython's compile-time errors about
//! names (`nonlocal` at module level, `return` outside function, ...) are raised here as [`CompileError`]s.

use std::collections::HashMap;

use ruff_python_ast::ModModule;
use ruff_text_size::TextRange;

use crate::CompileError;

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
    pub class_free: bool,
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
    /// Symbols in order of first appearance.
    pub symbols: Vec<Symbol>,
    pub index: HashMap<String, usize>,
    /// Parameter names in CPython's `co_varnames` order: positional-only, positional-or-keyword, `*args`,
    /// keyword-only, `**kwargs`.
    pub params: Vec<String>,
    /// Names this scope keeps in cells, in CPython's `co_cellvars` order (sorted).
    pub cellvars: Vec<String>,
    /// Names this scope receives from enclosing scopes, in CPython's `co_freevars` order (sorted).
    pub freevars: Vec<String>,
    /// A class scope whose methods use `super` or `__class__`: it creates the implicit `__class__` cell.
    pub needs_class_cell: bool,
    /// A function whose body contains `yield` or `yield from` (a generator function or generator expression).
    pub is_generator: bool,
    /// An `async def`.
    pub is_coroutine: bool,
}

impl Scope {
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }
}

#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// Maps the range of each scope-opening node to its scope.
    pub by_range: HashMap<TextRange, ScopeId>,
}

impl SymbolTable {
    /// Runs the scope pass over a parsed module.
    pub fn build(module: &ModModule, source: &str, filename: &str) -> Result<SymbolTable, CompileError> {
        let _ = (module, source, filename);
        unimplemented!("scope pass")
    }

    /// The scope opened by the node with this range.
    pub fn scope_at(&self, range: TextRange) -> ScopeId {
        self.by_range[&range]
    }
}
