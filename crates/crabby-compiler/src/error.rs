//! Compile-time errors: SyntaxError (and its subclasses IndentationError, TabError) reported as CPython 3.12
//! reports them.
//!
//! A [`CompileError`] carries what CPython's `SyntaxError` object carries (`lineno`, `offset`, `end_offset`,
//! `text`) when CPython runs a file, and [`CompileError::render`] prints it the way CPython's default excepthook
//! does, including its quirks: leading whitespace of the line is stripped, columns count UTF-8 bytes (so the
//! caret drifts right after non-ASCII characters), and no caret line is printed when the caret would fall left
//! of the text.

/// A compile-time error, carrying what CPython's report shows.
#[derive(Debug, Clone)]
pub struct CompileError {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: &'static str,
    pub msg: String,
    pub filename: String,
    /// 1-based line number.
    pub lineno: usize,
    /// 1-based column where the caret starts, counted in UTF-8 bytes of the line: CPython's
    /// `SyntaxError.offset` when it runs a file. It may point past the end of the line, or into the leading
    /// whitespace (then no caret line is printed).
    pub col: usize,
    /// 1-based column (in bytes) where the carets end (exclusive): CPython's `SyntaxError.end_offset` (for a
    /// range that ends on a later line, the end of the first line plus one). `0` (or anything not after `col`)
    /// means a single caret.
    pub end_col: usize,
    /// The offending source line, without its newline; `None` when there is none to show.
    pub line: Option<String>,
}

impl CompileError {
    /// The text CPython 3.12 writes to stderr for this error, ending in a newline.
    pub fn render(&self) -> String {
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.lineno);
        if let Some(line) = &self.line {
            // CPython shows a single caret for IndentationError (and TabError).
            let end_col = if self.kind == "SyntaxError" { self.end_col } else { 0 };
            render_source_line(&mut out, line, self.col, end_col);
        }
        out.push_str(&format!("{}: {}\n", self.kind, self.msg));
        out
    }

    /// A `kind` error whose carets cover the byte range `start..end` of `source` (CPython's location of an AST
    /// node or token: a range ending on a later line underlines the rest of the first line).
    pub fn at_range(
        kind: &'static str,
        msg: impl Into<String>,
        filename: &str,
        source: &str,
        start: usize,
        end: usize,
    ) -> Self {
        let pos = Position::of(source, start);
        let line = pos.line_text(source);
        let col = pos.col;
        let end_col = if end <= start {
            col + 1
        } else {
            let end_pos = Position::of(source, end);
            if end_pos.lineno == pos.lineno {
                end_pos.col
            } else if end_pos.lineno == pos.lineno + 1 && end_pos.col == 1 {
                // A range ending with the line's newline (a NEWLINE token).
                line.len() + 2
            } else {
                line.len() + 1
            }
        };
        CompileError {
            kind,
            msg: msg.into(),
            filename: filename.into(),
            lineno: pos.lineno,
            col,
            end_col,
            line: Some(line.to_string()),
        }
    }

    /// A SyntaxError covering the byte range of an AST node.
    pub fn syntax(msg: impl Into<String>, filename: &str, source: &str, range: ruff_text_size::TextRange) -> Self {
        Self::at_range("SyntaxError", msg, filename, source, range.start().to_usize(), range.end().to_usize())
    }
}

/// A 1-based line number and 1-based (byte) column of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub lineno: usize,
    pub col: usize,
    /// Byte offset of the start of the line.
    pub line_start: usize,
}

impl Position {
    pub fn of(source: &str, offset: usize) -> Position {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line_start = line_start_before(before);
        let lineno = count_line_breaks(before) + 1;
        let col = offset - line_start + 1;
        Position { lineno, col, line_start }
    }

    /// The text of the line, without its line break.
    pub fn line_text<'a>(&self, source: &'a str) -> &'a str {
        line_at(source, self.line_start)
    }
}

/// The line starting at byte `start`, without its line break.
pub(crate) fn line_at(source: &str, start: usize) -> &str {
    let rest = &source[start..];
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    &rest[..end]
}

/// Counts line breaks (`\n`, `\r\n`, lone `\r`) as CPython's tokenizer does.
fn count_line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

fn line_start_before(before: &str) -> usize {
    before.rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// CPython's `print_error_text`: the source line without leading whitespace, and a caret line. Offsets are
/// 1-based byte columns.
fn render_source_line(out: &mut String, line: &str, col: usize, end_col: usize) {
    let len = line.len() as isize;
    let mut offset = col as isize;
    // A range may not extend past the end of the line (and its newline).
    let end_offset = (end_col as isize).min(len + 2);
    let carets = if end_offset > 0 && end_offset > offset { (end_offset - offset) as usize } else { 1 };
    offset -= 1;
    let mut text = line;
    while let Some(rest) = text.strip_prefix([' ', '\t', '\x0c']) {
        text = rest;
        offset -= 1;
    }
    let len = text.len() as isize;
    if offset > len {
        offset = len;
    }
    out.push_str("    ");
    out.push_str(text);
    out.push('\n');
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(offset as usize));
    out.push_str(&"^".repeat(carets));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: &'static str, msg: &str, lineno: usize, col: usize, end_col: usize, line: &str) -> CompileError {
        CompileError { kind, msg: msg.into(), filename: "x.py".into(), lineno, col, end_col, line: Some(line.into()) }
    }

    #[test]
    fn renders_like_cpython() {
        // Expected texts recorded from python3.12.
        assert_eq!(
            err("SyntaxError", "invalid syntax", 1, 5, 6, "x = = 1").render(),
            "  File \"x.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
        );
        // Leading whitespace is stripped; no caret line when it would point into it.
        assert_eq!(
            err("IndentationError", "unexpected indent", 1, 4, 0, "    x = 1").render(),
            "  File \"x.py\", line 1\n    x = 1\nIndentationError: unexpected indent\n"
        );
        // Carets are placed by byte count.
        assert_eq!(
            err("SyntaxError", "invalid syntax", 1, 6, 7, "é = = 1").render(),
            "  File \"x.py\", line 1\n    é = = 1\n         ^\nSyntaxError: invalid syntax\n"
        );
        assert_eq!(
            err("SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 11, "print \"é\"")
                .render(),
            "  File \"x.py\", line 1\n    print \"é\"\n    ^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"
        );
        // An offset past the end is clipped to the end of the line.
        assert_eq!(
            err("IndentationError", "unindent does not match any outer indentation level", 3, 4, 0, "  b").render(),
            "  File \"x.py\", line 3\n    b\n     ^\nIndentationError: unindent does not match any outer indentation level\n"
        );
    }

    #[test]
    fn ranges_over_lines_underline_the_first_line() {
        let src = "x = 1\nreturn (1,    \n2)\n";
        let e = CompileError::at_range("SyntaxError", "'return' outside function", "x.py", src, 6, 23);
        assert_eq!(
            e.render(),
            "  File \"x.py\", line 2\n    return (1,    \n    ^^^^^^^^^^^^^^\nSyntaxError: 'return' outside function\n"
        );
    }
}
