//! Code generation: a parsed, scope-resolved module becomes the text of one Rust module.
//!
//! Every Python function (and lambda, class body, generator expression) becomes a Rust function whose locals
//! are Rust variables; expressions become nested calls into `crabby_runtime::rt`. Errors travel as
//! `Err(PyErr)` to the innermost enclosing handler through labeled blocks (`q!(label, expr)`), and each frame
//! records its traceback line only on the error path. Codegen does no I/O.
//!
//! - `mod.rs`: the module as a whole (constant tables, code objects, the `exec_module` entry).
//! - `func.rs`: function bodies, name resolution, and the constructs that make new code objects.
//! - `stmt.rs`: statements, including the lowering of `try`, `with`, loops and jumps through `finally`.
//! - `expr.rs`: expressions, calls, comprehensions and f-strings.
//! - `forloop.rs`: the iterators of `for` loops and comprehension clauses (lists, tuples, ranges in place).
//! - `pattern.rs`: the `match` statement's patterns.

mod expr;
mod forloop;
mod func;
mod generics;
mod pattern;
mod stmt;

use std::collections::HashMap;
use std::fmt::Write;

use ruff_python_ast::ModModule;
use ruff_text_size::TextSize;

use crate::scope::SymbolTable;
use crate::CompileError;

/// Generation state for one module.
pub(crate) struct ModuleGen<'a> {
    pub table: &'a SymbolTable,
    pub source: &'a str,
    pub filename: &'a str,
    pub module_name: &'a str,
    line_starts: Vec<usize>,
    strs: Vec<String>,
    str_index: HashMap<String, usize>,
    bigints: Vec<String>,
    /// Rust items (functions, statics) emitted so far.
    pub items: String,
    /// Global names bound only by one module-level `def` without `*args` or `**kwargs`: the function's scope,
    /// for direct calls (`expr::direct_call`).
    pub direct: HashMap<String, usize>,
    /// Whether the module starts with `from __future__ import annotations` (annotations are kept as text).
    pub future_annotations: bool,
    next_id: usize,
}

/// A Rust string literal for `s`.
pub(crate) fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// Whether a module's leading `from __future__ import ...` statements (after its docstring) include
/// `annotations`.
fn has_future_annotations(body: &[ruff_python_ast::Stmt]) -> bool {
    use ruff_python_ast::{Expr, Stmt};
    for (i, st) in body.iter().enumerate() {
        match st {
            Stmt::Expr(e) if i == 0 && matches!(e.value.as_ref(), Expr::StringLiteral(_)) => {}
            Stmt::ImportFrom(f) if f.module.as_ref().is_some_and(|m| m.id.as_str() == "__future__") => {
                if f.names.iter().any(|a| a.name.id.as_str() == "annotations") {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

impl<'a> ModuleGen<'a> {
    /// The 1-based line of a source offset.
    pub fn line_of(&self, offset: TextSize) -> u32 {
        let off: usize = offset.into();
        match self.line_starts.binary_search(&off) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The index of an interned string constant in the module's table.
    pub fn intern(&mut self, s: &str) -> usize {
        if let Some(&i) = self.str_index.get(s) {
            return i;
        }
        let i = self.strs.len();
        self.strs.push(s.to_string());
        self.str_index.insert(s.to_string(), i);
        i
    }

    /// Rust expression for an interned str constant, as `&'static Value`.
    pub fn s(&mut self, s: &str) -> String {
        format!("S.get({})", self.intern(s))
    }

    /// Rust expression for a big int constant (too large for i64), as `Value`.
    pub fn bigint(&mut self, text: &str) -> String {
        let i = self.bigints.len();
        self.bigints.push(text.to_string());
        format!("B.get({i}).clone()")
    }

    pub fn fresh(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }
}

/// The module-level `def`s that calls may reach directly (see `ModuleGen::direct`): each name's scope.
fn direct_call_targets(module: &ModModule, table: &SymbolTable) -> HashMap<String, usize> {
    let mut seen: HashMap<String, Option<usize>> = HashMap::new();
    for stmt in &module.body {
        if let ruff_python_ast::Stmt::FunctionDef(f) = stmt {
            let p = &f.parameters;
            let simple = !f.is_async && f.decorator_list.is_empty() && p.vararg.is_none() && p.kwarg.is_none();
            let target = simple.then(|| table.scope_at(f.range));
            // A name defined twice may hold either function: no direct call (the guard would still be correct).
            let entry = seen.entry(f.name.id.to_string()).or_insert(target);
            if *entry != target {
                *entry = None;
            }
        }
    }
    seen.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect()
}

pub fn generate(
    module: &ModModule,
    table: &SymbolTable,
    source: &str,
    filename: &str,
    module_name: &str,
) -> Result<String, CompileError> {
    let mut line_starts = vec![0];
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            line_starts.push(i + 1);
        }
    }
    let mut g = ModuleGen {
        table,
        source,
        filename,
        module_name,
        line_starts,
        strs: Vec::new(),
        str_index: HashMap::new(),
        bigints: Vec::new(),
        items: String::new(),
        direct: direct_call_targets(module, table),
        future_annotations: has_future_annotations(&module.body),
        next_id: 0,
    };
    let body = func::module_body(&mut g, &module.body)?;
    let mut out = String::new();
    let _ = writeln!(out, "// Generated by crabby from the Python module `{}`; do not edit.", g.module_name);
    out.push_str("#![allow(unused, non_snake_case, non_upper_case_globals, unreachable_code, unused_assignments, unused_labels, unused_mut, unused_variables, clippy::all)]\n");
    out.push_str("use crabby_runtime::rt::*;\n");
    let _ = writeln!(out, "static FILE: &str = {};", rust_str(filename));
    let _ = writeln!(out, "static SRC: &str = {};", rust_str(source));
    let strs: Vec<String> = g.strs.iter().map(|s| rust_str(s)).collect();
    let _ = writeln!(out, "static S: StrTable = StrTable::new(&[{}]);", strs.join(", "));
    let bigs: Vec<String> = g.bigints.iter().map(|s| rust_str(s)).collect();
    let _ = writeln!(out, "static B: BigTable = BigTable::new(&[{}]);", bigs.join(", "));
    out.push_str(&g.items);
    out.push_str(&body);
    Ok(out)
}
