//! Pass 2 of the scope pass: resolve every name of every scope to local, cell, free or global, as CPython 3.12's
//! `analyze_block` does. Bound names flow down into nested functions (but a class's own names do not), free
//! names flow back up and turn the binding function's locals into cells, and list/set/dict comprehensions are
//! inlined into their enclosing scope (PEP 709). The errors found here (`nonlocal` without a binding, `nonlocal`
//! at module level, a name both `nonlocal` and `global`) are reported at the declaring statement.

use std::collections::{HashMap, HashSet};

use super::collect::{RawScope, DEF_BOUND, DEF_COMP_CELL, DEF_FREE_CLASS, DEF_GLOBAL, DEF_NONLOCAL, DEF_PARAM};
use super::{ScopeId, ScopeKind, SymScope};
use crate::CompileError;

type Names = HashSet<String>;

pub(super) struct Analyzer<'a> {
    pub scopes: &'a mut [RawScope],
    pub source: &'a str,
    pub filename: &'a str,
}

impl Analyzer<'_> {
    pub fn run(&mut self) -> Result<(), CompileError> {
        self.analyze_block(0, None, Names::new())?;
        Ok(())
    }

    fn error_at_directive(&self, id: ScopeId, name: &str, msg: String) -> CompileError {
        let range = self.scopes[id].directives.iter().find(|(n, _)| n == name).map(|(_, r)| *r);
        match range {
            Some(r) => CompileError::syntax(msg, self.filename, self.source, r),
            None => CompileError {
                kind: "SyntaxError",
                msg,
                filename: self.filename.into(),
                lineno: 1,
                col: 0,
                end_col: 0,
                line: None,
            },
        }
    }

    /// Resolves the names of scope `id` and of its children; returns the names free in it (or in its children)
    /// that enclosing scopes must provide.
    fn analyze_block(
        &mut self,
        id: ScopeId,
        mut bound: Option<Names>,
        mut global: Names,
    ) -> Result<Names, CompileError> {
        let kind = self.scopes[id].kind;
        let is_class = kind == ScopeKind::Class;
        let function_like = self.scopes[id].is_function_like();
        let mut resolved: HashMap<String, SymScope> = HashMap::new();
        let mut local = Names::new();
        let mut free = Names::new();
        let mut new_global = Names::new();
        let mut new_bound = Names::new();
        let mut new_free = Names::new();
        let mut inlined_cells = Names::new();

        // A class's own names are not visible in nested scopes: what it passes down is fixed beforehand.
        if is_class {
            new_global.extend(global.iter().cloned());
            if let Some(b) = &bound {
                new_bound.extend(b.iter().cloned());
            }
        }

        let names = self.scopes[id].names.clone();
        for name in &names {
            let flags = self.scopes[id].flags_of(name);
            let scope = self.analyze_name(id, name, flags, &mut bound, &mut local, &mut free, &mut global)?;
            resolved.insert(name.clone(), scope);
        }

        if is_class {
            new_bound.insert("__class__".into());
            new_bound.insert("__classdict__".into());
        } else {
            if function_like {
                new_bound.extend(local.iter().cloned());
            }
            if let Some(b) = &bound {
                new_bound.extend(b.iter().cloned());
            }
            new_global.extend(global.iter().cloned());
        }

        for child in self.scopes[id].children.clone() {
            let inline = self.scopes[child].kind == ScopeKind::InlinedComprehension;
            let mut child_free = self.analyze_block(child, Some(new_bound.clone()), new_global.clone())?;
            if inline {
                self.inline_comprehension(id, child, &mut resolved, &mut child_free, &mut inlined_cells);
            }
            new_free.extend(child_free);
        }

        if function_like {
            // Locals that nested scopes capture live in cells.
            for name in &names_in_order(&self.scopes[id]) {
                if resolved.get(name) == Some(&SymScope::Local)
                    && (new_free.contains(name) || inlined_cells.contains(name))
                {
                    resolved.insert(name.clone(), SymScope::Cell);
                    new_free.remove(name);
                }
            }
        } else if is_class {
            if new_free.remove("__class__") {
                self.scopes[id].needs_class_cell = true;
            }
            new_free.remove("__classdict__");
        }

        // Record the results; names free in children but unknown here pass through as free.
        let scope = &mut self.scopes[id];
        for name in &inlined_cells {
            if let Some(f) = scope.flags.get_mut(name) {
                *f |= DEF_COMP_CELL;
            }
        }
        let mut pass_through: Vec<&String> = new_free.iter().collect();
        pass_through.sort();
        for name in pass_through {
            if let Some(f) = scope.flags.get_mut(name) {
                if is_class {
                    *f |= DEF_FREE_CLASS;
                }
                continue;
            }
            if bound.as_ref().is_some_and(|b| !b.contains(name)) {
                continue; // a global
            }
            scope.set_flags(name, DEF_FREE_PASS_THROUGH);
            resolved.insert(name.clone(), SymScope::Free);
        }
        scope.resolved = resolved;
        free.extend(new_free);
        Ok(free)
    }

    #[allow(clippy::too_many_arguments)]
    fn analyze_name(
        &self,
        id: ScopeId,
        name: &str,
        flags: u32,
        bound: &mut Option<Names>,
        local: &mut Names,
        free: &mut Names,
        global: &mut Names,
    ) -> Result<SymScope, CompileError> {
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(self.error_at_directive(id, name, format!("name '{name}' is nonlocal and global")));
            }
            global.insert(name.to_string());
            if let Some(b) = bound {
                b.remove(name);
            }
            return Ok(SymScope::GlobalExplicit);
        }
        if flags & DEF_NONLOCAL != 0 {
            let Some(b) = bound else {
                return Err(self.error_at_directive(
                    id,
                    name,
                    "nonlocal declaration not allowed at module level".to_string(),
                ));
            };
            if !b.contains(name) {
                return Err(self.error_at_directive(id, name, format!("no binding for nonlocal '{name}' found")));
            }
            free.insert(name.to_string());
            return Ok(SymScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            local.insert(name.to_string());
            global.remove(name);
            return Ok(SymScope::Local);
        }
        if bound.as_ref().is_some_and(|b| b.contains(name)) {
            free.insert(name.to_string());
            return Ok(SymScope::Free);
        }
        Ok(SymScope::GlobalImplicit)
    }

    /// Whether `name` is free in a scope nested in comprehension `id` (looking through inlined comprehensions,
    /// whose children CPython splices into their parent's).
    fn is_free_in_any_child(&self, id: ScopeId, name: &str) -> bool {
        self.scopes[id].children.iter().any(|&c| {
            if self.scopes[c].kind == ScopeKind::InlinedComprehension {
                self.is_free_in_any_child(c, name)
            } else {
                self.scopes[c].resolved.get(name) == Some(&SymScope::Free)
            }
        })
    }

    /// PEP 709: merge the names of comprehension `comp` into its parent `id`.
    fn inline_comprehension(
        &mut self,
        id: ScopeId,
        comp: ScopeId,
        resolved: &mut HashMap<String, SymScope>,
        comp_free: &mut Names,
        inlined_cells: &mut Names,
    ) {
        let parent_is_class = self.scopes[id].kind == ScopeKind::Class;
        let mut remove_dunder_class = false;
        for name in self.scopes[comp].names.clone() {
            let comp_flags = self.scopes[comp].flags_of(&name);
            if comp_flags & DEF_PARAM != 0 {
                continue;
            }
            let mut scope = self.scopes[comp].resolved[&name];
            if scope == SymScope::Cell || comp_flags & DEF_COMP_CELL != 0 {
                inlined_cells.insert(name.clone());
            }
            if scope == SymScope::Free && parent_is_class && name == "__class__" {
                // `__class__` never flows through a class scope: in a class body it is a global name.
                scope = SymScope::GlobalImplicit;
                comp_free.remove(&name);
                remove_dunder_class = true;
            }
            match self.scopes[id].flags.get(&name).copied() {
                None => {
                    self.scopes[id].set_flags(&name, comp_flags);
                    resolved.insert(name.clone(), scope);
                }
                Some(existing) => {
                    if existing & DEF_BOUND != 0 && !parent_is_class && !self.is_free_in_any_child(comp, &name) {
                        comp_free.remove(&name);
                    }
                }
            }
        }
        if remove_dunder_class {
            let c = &mut self.scopes[comp];
            c.flags.remove("__class__");
            c.names.retain(|n| n != "__class__");
            c.resolved.remove("__class__");
        }
    }
}

/// Flags of a name a scope only passes through to nested scopes (CPython gives it no flags, only `FREE`).
const DEF_FREE_PASS_THROUGH: u32 = 0;

fn names_in_order(scope: &RawScope) -> Vec<String> {
    scope.names.clone()
}
