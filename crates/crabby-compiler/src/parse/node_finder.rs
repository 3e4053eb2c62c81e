//! Finding the nodes of a (partial) syntax tree around a source position.

use super::*;

/// Finds the nodes of the (partial) syntax tree around a position.
pub(super) struct NodeFinder<'a> {
    pub(super) nodes: Vec<AnyNodeRef<'a>>,
    pub(super) exprs: Vec<&'a Expr>,
    pub(super) stmts: Vec<&'a Stmt>,
}

impl<'a> SourceOrderVisitor<'a> for NodeFinder<'a> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        self.nodes.push(node);
        TraversalSignal::Traverse
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.exprs.push(expr);
        ruff_python_ast::visitor::source_order::walk_expr(self, expr);
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.stmts.push(stmt);
        ruff_python_ast::visitor::source_order::walk_stmt(self, stmt);
    }
}

impl<'a> NodeFinder<'a> {
    pub(super) fn run(module: &'a ModModule) -> Self {
        let mut f = NodeFinder { nodes: Vec::new(), exprs: Vec::new(), stmts: Vec::new() };
        for stmt in &module.body {
            f.visit_stmt(stmt);
        }
        f
    }

    /// The nodes containing `offset`, outermost first.
    pub(super) fn path_at(&self, offset: usize) -> Vec<AnyNodeRef<'a>> {
        let off = TextSize::new(offset as u32);
        self.nodes.iter().filter(|n| n.range().contains_inclusive(off)).copied().collect()
    }

    pub(super) fn exprs(&self) -> impl Iterator<Item = &'a Expr> + '_ {
        self.exprs.iter().copied()
    }

    pub(super) fn outermost_expr_starting_at(&self, offset: usize) -> Option<&'a Expr> {
        self.exprs().filter(|e| e.range().start().to_usize() == offset).max_by_key(|e| e.range().len())
    }

    pub(super) fn outermost_expr_ending_at(&self, offset: usize, not_before: usize) -> Option<&'a Expr> {
        self.exprs()
            .filter(|e| e.range().end().to_usize() == offset && e.range().start().to_usize() >= not_before)
            .max_by_key(|e| e.range().len())
    }

    pub(super) fn innermost_expr_at(&self, offset: usize, pred: impl Fn(&Expr) -> bool) -> Option<&'a Expr> {
        let off = TextSize::new(offset as u32);
        self.exprs().filter(|e| e.range().contains_inclusive(off) && pred(e)).min_by_key(|e| e.range().len())
    }

    pub(super) fn stmts(&self) -> impl Iterator<Item = &'a Stmt> + '_ {
        self.stmts.iter().copied()
    }

    /// The last statement ending at or before `offset`, on the same line.
    pub(super) fn stmt_ending_before(&self, offset: usize) -> Option<&'a Stmt> {
        self.stmts()
            .filter(|s| s.range().end().to_usize() <= offset)
            .max_by_key(|s| (s.range().end(), std::cmp::Reverse(s.range().len())))
    }

    pub(super) fn stmt_starting_at(&self, offset: usize) -> Option<&'a Stmt> {
        self.stmts().filter(|s| s.range().start().to_usize() == offset).max_by_key(|s| s.range().len())
    }
}
