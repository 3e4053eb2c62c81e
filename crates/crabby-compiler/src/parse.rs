//! Parsing with ruff's parser, and CPython 3.12's SyntaxError reports for what it rejects.

use ruff_python_ast::ModModule;

use crate::CompileError;

/// Parses a module for Python 3.12, turning parse errors into CPython's SyntaxError.
pub fn parse_module(source: &str, filename: &str) -> Result<ModModule, CompileError> {
    let _ = filename;
    match ruff_python_parser::parse_module(source) {
        Ok(parsed) => Ok(parsed.into_syntax()),
        Err(e) => Err(CompileError {
            kind: "SyntaxError",
            msg: "invalid syntax".into(),
            filename: filename.into(),
            lineno: 1,
            col: 1,
            end_col: 2,
            line: None,
        }
        .with_offset(source, e.location.start().into())),
    }
}

impl CompileError {
    fn with_offset(mut self, source: &str, offset: usize) -> Self {
        let before = &source[..offset.min(source.len())];
        self.lineno = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        self.col = source[line_start..offset.min(source.len())].chars().count() + 1;
        self.end_col = self.col + 1;
        self.line = source[line_start..].lines().next().map(str::to_string);
        self
    }
}

/// CPython's SyntaxError report.
pub fn render_error(e: &CompileError) -> String {
    e.render()
}
