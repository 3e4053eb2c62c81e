//! Compile-time errors: SyntaxError (and its subclasses IndentationError, TabError) reported as CPython 3.12
//! reports them.

/// A compile-time error, carrying what CPython's report shows.
#[derive(Debug, Clone)]
pub struct CompileError {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: &'static str,
    pub msg: String,
    pub filename: String,
    /// 1-based line number.
    pub lineno: usize,
    /// 1-based column (in characters) where the caret starts.
    pub col: usize,
    /// 1-based column where the carets end (exclusive); equal to `col + 1` for a single caret.
    pub end_col: usize,
    /// The offending source line, without its newline; `None` when there is none to show.
    pub line: Option<String>,
}

impl CompileError {
    /// The text CPython 3.12 writes to stderr for this error, ending in a newline.
    pub fn render(&self) -> String {
        crate::parse::render_error(self)
    }
}
