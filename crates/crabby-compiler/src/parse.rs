//! Parsing with ruff's parser, and CPython 3.12's SyntaxError reports for what it rejects.
//!
//! CPython reports the first error its tokenizer raises anywhere in the file (unterminated strings, invalid
//! characters and number literals, mismatched brackets, inconsistent indentation), and otherwise the first
//! error of its parser, with a message from its grammar's `invalid_*` rules when one applies and plain
//! "invalid syntax" at the offending token when none does. So parsing runs two things: a scan that follows
//! CPython's tokenizer closely enough to raise its errors (and to know the tokens, brackets and logical lines),
//! and ruff's error-recovering parser, whose first error is then translated to CPython's message and location
//! by looking at the tokens and at the partial syntax tree around it.

use ruff_python_ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, ModModule, PythonVersion, Stmt};
use ruff_python_parser::{LexicalErrorType, Mode, ParseErrorType, ParseOptions, UnsupportedSyntaxErrorKind};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::CompileError;

/// Parses a module for Python 3.12, turning parse errors into CPython's SyntaxError.
pub fn parse_module(source: &str, filename: &str) -> Result<ModModule, CompileError> {
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY312);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    let scan = Scan::run(source);
    let mut errors: Vec<RuffError> = parsed
        .errors()
        .iter()
        .map(|e| RuffError { kind: RuffErrorKind::Parse(e.error.clone()), range: e.location })
        .collect();
    for e in parsed.unsupported_syntax_errors() {
        // `f((a)=1)` is one; `f((a = 1))` is reported as such too, but is a misplaced `=` in a group.
        if matches!(e.kind, UnsupportedSyntaxErrorKind::ParenthesizedKeywordArgumentName)
            && !source[e.range.start().to_usize()..e.range.end().to_usize()].ends_with(')')
        {
            continue;
        }
        errors.push(RuffError { kind: RuffErrorKind::Unsupported(e.kind), range: e.range });
    }
    let module = parsed.try_into_module().map(|m| m.into_syntax());
    let Some(module) = module else {
        return Err(CompileError::at_range("SyntaxError", "invalid syntax", filename, source, 0, 0));
    };
    // In CPython's order: "positional argument follows keyword argument" is only found at the end of
    // the arguments.
    {
        let probe_ctx = Ctx { source, filename, scan: &scan, module: &module, probe: std::cell::Cell::new(None) };
        let ctx_stop = |offset: usize| {
            probe_ctx.args_stop(offset).map_or(TextSize::new(source.len() as u32), |t| TextSize::new(t.start as u32))
        };
        errors.sort_by_key(|e| match &e.kind {
            RuffErrorKind::Parse(
                ParseErrorType::PositionalAfterKeywordArgument | ParseErrorType::PositionalAfterKeywordUnpacking,
            ) => ctx_stop(e.range.start().to_usize()),
            // Found at the end of the statement.
            RuffErrorKind::Parse(ParseErrorType::OtherError(m)) if m.starts_with("Only single target") => e.range.end(),
            _ => e.range.start(),
        });
    }
    let ctx = Ctx { source, filename, scan: &scan, module: &module, probe: std::cell::Cell::new(None) };
    if let Some(te) = &scan.error {
        let parser_first = errors.first().filter(|e| {
            let start = e.range.start().to_usize();
            // The parser stopped earlier at an unexpected indent: CPython then does not look further.
            let early_indent = matches!(e.kind, RuffErrorKind::Parse(ParseErrorType::UnexpectedIndentation))
                && e.range.end().to_usize() < te.offset;
            // Indentation and line-continuation errors do not raise in CPython's tokenizer: only a parser
            // that gets that far meets them, so an earlier parser error wins (ruff's own report of the
            // tokenizer's error does not count; a missing block is only noticed on the next line).
            let (parser_error, noticed_at) = match &e.kind {
                // Bad escapes and bytes are found when CPython's parser builds the string's value.
                RuffErrorKind::Parse(ParseErrorType::Lexical(
                    LexicalErrorType::UnicodeError
                    | LexicalErrorType::MissingUnicodeLbrace
                    | LexicalErrorType::MissingUnicodeRbrace
                    | LexicalErrorType::InvalidByteLiteral,
                )) => (true, start),
                RuffErrorKind::Parse(ParseErrorType::Lexical(_)) => (false, start),
                RuffErrorKind::Parse(ParseErrorType::OtherError(m)) if m.starts_with("Expected an indented block") => {
                    let j = scan.logical_starts.partition_point(|&s| s < start);
                    (true, scan.logical_starts.get(j).copied().unwrap_or(source.len()))
                }
                _ => (true, start),
            };
            let before = if te.kind == "SyntaxError" {
                noticed_at + 1 < te.offset
            } else {
                crate::error::Position::of(source, noticed_at).lineno < te.lineno
            };
            early_indent || (!te.raises() && parser_error && before)
        });
        if let Some(first) = parser_first {
            // CPython then tokenizes on to the tokenizer's error, and the brackets open there count.
            let err = ctx.translate(first);
            if let Some(open) = scan.parens.last() {
                let err_offset = first.range.start().to_usize();
                let probe = ctx.probe.get().unwrap_or(err_offset);
                if crate::error::Position::of(source, probe).lineno > open.lineno {
                    return Err(ctx.unclosed(open));
                }
            }
            return Err(err);
        }
        return Err(ctx.tok_error(te));
    }
    let Some(first) = errors.first() else {
        return Ok(module);
    };
    let err = ctx.translate(first);
    // Brackets still open at the end of the file: CPython's tokenizer fails when its parser asks for the
    // token after the last one, and reports that; when the parser failed earlier, it still prefers it to an
    // error on a later line than the bracket (the line of the last token the parser looked at).
    if let Some(open) = scan.parens.last() {
        let err_offset = first.range.start().to_usize();
        // (ruff's lexer may end a line inside the brackets; CPython's fails at the next token.)
        let probe = ctx.probe.get().unwrap_or_else(|| ctx.token(err_offset).map_or(err_offset, |t| t.start));
        let probe_line = crate::error::Position::of(source, probe).lineno;
        let last = ctx.token_index(probe).is_none_or(|i| i + 1 >= scan.tokens.len());
        // (When the parser fails at the unclosed bracket itself, its error rules go on parsing what follows
        // as an expression, past the end of the line.)
        let at_bracket =
            ctx.token(err_offset).is_some_and(|t| t.start == open.offset) && ctx.expression_continues_after(open);
        if last || at_bracket || probe_line > open.lineno {
            return Err(ctx.unclosed(open));
        }
    }
    Err(err)
}

/// CPython's SyntaxError report.
pub fn render_error(e: &CompileError) -> String {
    e.render()
}

// ---------------------------------------------------------------------------------------------------------
// The tokenizer scan
// ---------------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    Name,
    Number,
    String,
    FStringStart,
    FStringMiddle,
    FStringEnd,
    Op,
    Newline,
    Indent,
    Dedent,
    EndMarker,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tk,
    start: usize,
    end: usize,
    /// Bracket nesting level around the token (for a bracket, outside it).
    level: usize,
}

/// An error raised by CPython's tokenizer.
#[derive(Debug, Clone)]
struct TokError {
    kind: &'static str,
    msg: String,
    lineno: usize,
    /// The start of the line whose text is shown.
    line_start: usize,
    col: usize,
    end_col: usize,
    /// Where in the source the error was detected (to order it against parser errors).
    offset: usize,
}

impl TokError {
    /// Whether CPython's tokenizer raises it (rather than only stopping, which only matters when the
    /// parser gets there first).
    fn raises(&self) -> bool {
        self.kind == "SyntaxError"
            && !matches!(
                self.msg.as_str(),
                "unexpected character after line continuation character" | "unexpected EOF while parsing"
            )
    }
}

#[derive(Debug, Clone, Copy)]
struct Paren {
    ch: u8,
    lineno: usize,
    line_start: usize,
    offset: usize,
}

/// An f-string being scanned (PEP 701 nesting).
#[derive(Debug, Clone)]
struct FString {
    quote: u8,
    quote_size: usize,
    raw: bool,
    start: usize,
    start_lineno: usize,
    start_line_start: usize,
    /// Open replacement fields, innermost last (a field in a format spec nests in its field).
    fields: Vec<Field>,
}

#[derive(Debug, Clone, Copy)]
struct Field {
    /// The bracket level just inside the field's `{`.
    level: usize,
    /// After the field's top-level `:`: scanning its format spec.
    in_spec: bool,
}

struct Scan<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    lineno: usize,
    line_start: usize,
    /// Start of the buffer CPython's tokenizer holds (earlier lines stay in it across backslash
    /// continuations and multi-line tokens).
    buf_start: usize,
    tokens: Vec<Token>,
    indents: Vec<usize>,
    alt_indents: Vec<usize>,
    parens: Vec<Paren>,
    fstrings: Vec<FString>,
    /// Starts of logical lines (offset of their first token).
    logical_starts: Vec<usize>,
    at_line_start: bool,
    /// Where a comment started on the current line.
    comment_start: Option<usize>,
    error: Option<TokError>,
}

const TABSIZE: usize = 8;
const MAXINDENT: usize = 100;
const MAXLEVEL: usize = 200;

fn is_ident_start_byte(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 128
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

impl<'a> Scan<'a> {
    fn run(src: &'a str) -> Scan<'a> {
        let mut s = Scan {
            src,
            b: src.as_bytes(),
            pos: 0,
            lineno: 1,
            line_start: 0,
            buf_start: 0,
            tokens: Vec::new(),
            indents: vec![0],
            alt_indents: vec![0],
            parens: Vec::new(),
            fstrings: Vec::new(),
            logical_starts: Vec::new(),
            at_line_start: true,
            comment_start: None,
            error: None,
        };
        // A UTF-8 byte order mark at the start is not part of the source.
        if src.starts_with('\u{feff}') {
            s.pos = 3;
            s.line_start = 3;
            s.buf_start = 3;
        }
        if let Err(e) = s.scan() {
            s.error = Some(e);
        }
        s
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.pos + n).copied()
    }

    /// The length of the line break at `pos` (`\n`, `\r\n` or `\r`), or 0.
    fn newline_len(&self, pos: usize) -> usize {
        match self.b.get(pos) {
            Some(b'\n') => 1,
            Some(b'\r') if self.b.get(pos + 1) == Some(&b'\n') => 2,
            Some(b'\r') => 1,
            _ => 0,
        }
    }

    /// Moves past the line break at the current position and starts a new line.
    fn take_newline(&mut self, keep_buffer: bool) {
        let n = self.newline_len(self.pos).max(1);
        self.pos += n;
        self.lineno += 1;
        self.line_start = self.pos;
        if !keep_buffer {
            self.buf_start = self.pos;
        }
    }

    fn chars_between(&self, from: usize, to: usize) -> usize {
        let to = to.min(self.src.len());
        self.src.get(from..to).map_or(to.saturating_sub(from), |s| s.chars().count())
    }

    /// CPython's `syntaxerror()`: the caret on the character before `cur`, counted in characters.
    fn err_at(&self, msg: impl Into<String>, cur: usize) -> TokError {
        let col = self.chars_between(self.line_start, cur);
        TokError {
            kind: "SyntaxError",
            msg: msg.into(),
            lineno: self.lineno,
            line_start: self.line_start,
            col,
            end_col: col,
            offset: cur,
        }
    }

    fn err_range(&self, msg: impl Into<String>, col: usize, end_col: usize, offset: usize) -> TokError {
        TokError {
            kind: "SyntaxError",
            msg: msg.into(),
            lineno: self.lineno,
            line_start: self.line_start,
            col,
            end_col,
            offset,
        }
    }

    fn push(&mut self, kind: Tk, start: usize, end: usize) {
        let starts_logical_line = !matches!(kind, Tk::Newline | Tk::Indent | Tk::Dedent | Tk::EndMarker)
            && self.tokens.last().is_none_or(|t| matches!(t.kind, Tk::Newline | Tk::Indent | Tk::Dedent));
        if starts_logical_line {
            self.logical_starts.push(start);
        }
        let level = self.parens.len();
        self.tokens.push(Token { kind, start, end, level });
    }

    fn level(&self) -> usize {
        self.parens.len()
    }

    fn scan(&mut self) -> Result<(), TokError> {
        loop {
            if let Some(f) = self.fstrings.last() {
                match f.fields.last() {
                    None => {
                        self.scan_fstring_text(false)?;
                        continue;
                    }
                    Some(field) if field.in_spec && field.level == self.level() => {
                        self.scan_fstring_text(true)?;
                        continue;
                    }
                    _ => {}
                }
            }
            if self.at_line_start {
                self.at_line_start = false;
                if self.indentation()? {
                    continue;
                }
            }
            // Skip spaces.
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\x0c')) {
                self.pos += 1;
            }
            let start = self.pos;
            let Some(c) = self.peek() else {
                return self.end_of_file();
            };
            match c {
                b'#' => {
                    self.comment_start = Some(start);
                    while self.peek().is_some() && self.newline_len(self.pos) == 0 {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => {
                    let blank = self.tokens.last().is_none_or(|t| t.kind == Tk::Newline)
                        || matches!(self.tokens.last(), Some(t) if matches!(t.kind, Tk::Indent | Tk::Dedent));
                    // CPython's NEWLINE token starts at a comment before it.
                    let comment = self.comment_start.take();
                    if self.level() == 0 && !blank {
                        self.push(Tk::Newline, comment.unwrap_or(start), start + 1);
                    }
                    self.take_newline(false);
                    self.at_line_start = true;
                }
                b'\\' => {
                    let after = self.pos + 1;
                    let nl = self.newline_len(after);
                    if nl == 0 && after < self.b.len() {
                        // CPython measures from the start of its buffer.
                        let col = after + 1 - self.buf_start;
                        return Err(self.err_range(
                            "unexpected character after line continuation character",
                            col,
                            0,
                            after,
                        ));
                    }
                    let (lineno, line_start) = (self.lineno, self.line_start);
                    self.pos = after;
                    if nl > 0 {
                        self.take_newline(true);
                    }
                    if self.peek().is_none() {
                        return Err(self.eof_in_continuation(lineno, line_start));
                    }
                }
                b'0'..=b'9' => self.number(start)?,
                b'.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.number(start)?,
                b'"' | b'\'' => self.string(start, start, false, false)?,
                c if is_ident_start_byte(c) => self.name_or_string(start)?,
                _ => self.operator(start)?,
            }
        }
    }

    /// A backslash continuation at the very end of the file (CPython points past the end of its line).
    fn eof_in_continuation(&self, lineno: usize, line_start: usize) -> TokError {
        let line_len = self.line_end(line_start) - line_start;
        TokError {
            kind: "SyntaxError",
            msg: "unexpected EOF while parsing".into(),
            lineno,
            line_start,
            col: line_len + 1,
            end_col: 0,
            offset: self.pos,
        }
    }

    fn end_of_file(&mut self) -> Result<(), TokError> {
        if !self.parens.is_empty() {
            // CPython's tokenizer fails here; the parser decides what to report.
            return Ok(());
        }
        let end = self.b.len();
        if self.tokens.last().is_some_and(|t| !matches!(t.kind, Tk::Newline | Tk::Indent | Tk::Dedent)) {
            self.push(Tk::Newline, end, end);
        }
        for _ in 1..self.indents.len() {
            self.push(Tk::Dedent, end, end);
        }
        self.push(Tk::EndMarker, end, end);
        Ok(())
    }

    /// Measures the indentation at the start of a line and emits INDENT/DEDENT tokens. Returns `true` when
    /// the line turned out blank (whitespace and comments only) and was consumed.
    fn indentation(&mut self) -> Result<bool, TokError> {
        let mut col = 0usize;
        let mut altcol = 0usize;
        let mut cont_line_col = 0usize;
        loop {
            match self.peek() {
                Some(b' ') => {
                    col += 1;
                    altcol += 1;
                    self.pos += 1;
                }
                Some(b'\t') => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                    self.pos += 1;
                }
                Some(b'\x0c') => {
                    col = 0;
                    altcol = 0;
                    self.pos += 1;
                }
                Some(b'\\') if self.pos + 1 < self.b.len() && self.newline_len(self.pos + 1) == 0 => {
                    let after = self.pos + 1;
                    return Err(self.err_range(
                        "unexpected character after line continuation character",
                        after + 1 - self.buf_start,
                        0,
                        after,
                    ));
                }
                Some(b'\\') if self.newline_len(self.pos + 1) > 0 || self.pos + 1 == self.b.len() => {
                    if cont_line_col == 0 {
                        cont_line_col = col;
                    }
                    let (lineno, line_start) = (self.lineno, self.line_start);
                    self.pos += 1;
                    if self.pos < self.b.len() {
                        self.take_newline(true);
                    }
                    if self.peek().is_none() {
                        // CPython has no position for this error: no caret.
                        let mut e = self.eof_in_continuation(lineno, line_start);
                        e.col = 0;
                        return Err(e);
                    }
                }
                _ => break,
            }
        }
        let blank = match self.peek() {
            None => {
                // End of file: only dedents remain; no indentation check.
                return Ok(false);
            }
            Some(b'#' | b'\n' | b'\r') => true,
            _ => false,
        };
        if blank || self.level() > 0 {
            return Ok(false);
        }
        if cont_line_col != 0 {
            col = cont_line_col;
            altcol = cont_line_col;
        }
        let top = *self.indents.last().unwrap_or(&0);
        let alt_top = *self.alt_indents.last().unwrap_or(&0);
        if col == top {
            if altcol != alt_top {
                return Err(self.tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAXINDENT {
                let mut e = self.err_range("too many levels of indentation", 1, 0, self.pos);
                e.kind = "IndentationError";
                return Err(e);
            }
            if altcol <= alt_top {
                return Err(self.tab_error());
            }
            self.indents.push(col);
            self.alt_indents.push(altcol);
            self.push(Tk::Indent, self.line_start, self.pos);
        } else {
            while self.indents.len() > 1 && col < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
                self.alt_indents.pop();
                self.push(Tk::Dedent, self.pos, self.pos);
            }
            if col != *self.indents.last().unwrap_or(&0) {
                let line_len = self.line_end(self.line_start) - self.line_start;
                return Err(TokError {
                    kind: "IndentationError",
                    msg: "unindent does not match any outer indentation level".into(),
                    lineno: self.lineno,
                    line_start: self.line_start,
                    col: line_len + 1,
                    end_col: 0,
                    offset: self.pos,
                });
            }
            if altcol != *self.alt_indents.last().unwrap_or(&0) {
                return Err(self.tab_error());
            }
        }
        Ok(false)
    }

    fn tab_error(&self) -> TokError {
        let mut e = self.err_range("inconsistent use of tabs and spaces in indentation", 1, 0, self.pos);
        e.kind = "TabError";
        e
    }

    fn line_end(&self, from: usize) -> usize {
        let rest = &self.b[from..];
        from + rest.iter().position(|&c| c == b'\n' || c == b'\r').unwrap_or(rest.len())
    }

    fn name_or_string(&mut self, start: usize) -> Result<(), TokError> {
        // String prefixes: any order of b/r/u/f as CPython accepts them.
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        let mut p = self.pos;
        while let Some(&c) = self.b.get(p) {
            let lc = c.to_ascii_lowercase();
            if !(saw_b || saw_u || saw_f) && lc == b'b' {
                saw_b = true;
            } else if !(saw_b || saw_u || saw_r || saw_f) && lc == b'u' {
                saw_u = true;
            } else if !(saw_r || saw_u) && lc == b'r' {
                saw_r = true;
            } else if !(saw_f || saw_b || saw_u) && lc == b'f' {
                saw_f = true;
            } else {
                break;
            }
            p += 1;
            if matches!(self.b.get(p), Some(b'"' | b'\'')) {
                self.pos = p;
                return self.string(start, p, saw_f, saw_r);
            }
        }
        let mut p = self.pos;
        let mut nonascii = false;
        while let Some(&c) = self.b.get(p) {
            if !is_ident_byte(c) {
                break;
            }
            nonascii |= c >= 128;
            p += 1;
        }
        if nonascii {
            self.verify_identifier(start, p)?;
        }
        self.pos = p;
        self.push(Tk::Name, start, p);
        Ok(())
    }

    fn verify_identifier(&self, start: usize, end: usize) -> Result<(), TokError> {
        let text = &self.src[start..end];
        for (i, ch) in text.char_indices() {
            let ok = if i == 0 { is_xid_start(ch) } else { is_xid_continue(ch) };
            if !ok {
                let cur = start + i + ch.len_utf8();
                let msg = if is_printable(ch) {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                return Err(self.err_at(msg, cur));
            }
        }
        Ok(())
    }

    /// CPython's `verify_end_of_number`.
    fn verify_end_of_number(&mut self, kind: &str) -> Result<(), TokError> {
        let Some(c) = self.peek() else { return Ok(()) };
        let rest = &self.b[self.pos..];
        let keyword_follows =
            [&b"and"[..], b"else", b"for", b"if", b"in", b"is", b"or", b"not"].iter().any(|k| rest.starts_with(k));
        if keyword_follows {
            return Ok(());
        }
        if c < 128 && is_ident_byte(c) {
            return Err(self.err_at(format!("invalid {kind} literal"), self.pos));
        }
        Ok(())
    }

    /// Digits with single underscores between them; `Err` on a misplaced underscore.
    fn decimal_tail(&mut self) -> Result<(), TokError> {
        loop {
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            if self.peek() != Some(b'_') {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.err_at("invalid decimal literal", self.pos));
            }
        }
    }

    fn number(&mut self, start: usize) -> Result<(), TokError> {
        let first = self.b[self.pos];
        if first == b'.' {
            self.pos += 1;
            self.decimal_tail()?;
            self.exponent_and_imaginary()?;
        } else if first == b'0' && matches!(self.peek_at(1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')) {
            let (digits, kind): (fn(u8) -> bool, &str) = match self.b[self.pos + 1] {
                b'x' | b'X' => (|c: u8| c.is_ascii_hexdigit(), "hexadecimal"),
                b'o' | b'O' => (|c: u8| (b'0'..b'8').contains(&c), "octal"),
                _ => (|c: u8| c == b'0' || c == b'1', "binary"),
            };
            self.pos += 2;
            loop {
                if self.peek() == Some(b'_') {
                    self.pos += 1;
                }
                let c = self.peek().unwrap_or(0);
                if !digits(c) {
                    if kind != "hexadecimal" && c.is_ascii_digit() {
                        return Err(
                            self.err_at(format!("invalid digit '{}' in {kind} literal", c as char), self.pos + 1)
                        );
                    }
                    return Err(self.err_at(format!("invalid {kind} literal"), self.pos));
                }
                while self.peek().is_some_and(digits) {
                    self.pos += 1;
                }
                if self.peek() != Some(b'_') {
                    break;
                }
            }
            if kind != "hexadecimal" && self.peek().is_some_and(|c| c.is_ascii_digit()) {
                let c = self.b[self.pos];
                return Err(self.err_at(format!("invalid digit '{}' in {kind} literal", c as char), self.pos + 1));
            }
            self.verify_end_of_number(kind)?;
        } else if first == b'0' {
            // Zeros, maybe an old-style octal (an error), or a float/imaginary.
            self.pos += 1;
            loop {
                if self.peek() == Some(b'_') {
                    self.pos += 1;
                    if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        return Err(self.err_at("invalid decimal literal", self.pos));
                    }
                }
                if self.peek() != Some(b'0') {
                    break;
                }
                self.pos += 1;
            }
            // CPython notes where the zeros end after reading the next character.
            let zeros_end = self.pos;
            let mut nonzero = false;
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                nonzero = true;
                self.decimal_tail()?;
            }
            match self.peek() {
                Some(b'.') => {
                    self.pos += 1;
                    self.fraction()?;
                }
                Some(b'e' | b'E' | b'j' | b'J') => self.exponent_and_imaginary()?,
                _ if nonzero => {
                    let col = self.chars_between(self.line_start, start) + 1;
                    let end_col = self.chars_between(self.line_start, zeros_end + 1);
                    return Err(self.err_range(
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                        col,
                        end_col,
                        start,
                    ));
                }
                _ => self.verify_end_of_number("decimal")?,
            }
        } else {
            self.decimal_tail()?;
            if self.peek() == Some(b'.') {
                self.pos += 1;
                self.fraction()?;
            } else {
                self.exponent_and_imaginary()?;
            }
        }
        self.push(Tk::Number, start, self.pos);
        Ok(())
    }

    fn fraction(&mut self) -> Result<(), TokError> {
        if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.decimal_tail()?;
        }
        self.exponent_and_imaginary()
    }

    fn exponent_and_imaginary(&mut self) -> Result<(), TokError> {
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let e_pos = self.pos;
            self.pos += 1;
            match self.peek() {
                Some(b'+' | b'-') => {
                    self.pos += 1;
                    if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        return Err(self.err_at("invalid decimal literal", self.pos));
                    }
                }
                Some(c) if c.is_ascii_digit() => {}
                _ => {
                    // Not an exponent after all: the number ends before the `e`.
                    self.pos = e_pos;
                    self.verify_end_of_number("decimal")?;
                    return Ok(());
                }
            }
            self.decimal_tail()?;
        }
        if matches!(self.peek(), Some(b'j' | b'J')) {
            self.pos += 1;
            self.verify_end_of_number("imaginary")
        } else {
            self.verify_end_of_number("decimal")
        }
    }

    /// A string literal whose token starts at `start` and whose opening quote is at `quote_pos`.
    fn string(&mut self, start: usize, quote_pos: usize, fstring: bool, raw: bool) -> Result<(), TokError> {
        let quote = self.b[quote_pos];
        let quote_size =
            if self.b.get(quote_pos + 1) == Some(&quote) && self.b.get(quote_pos + 2) == Some(&quote) { 3 } else { 1 };
        let first_lineno = self.lineno;
        let first_line_start = self.line_start;
        self.pos = quote_pos + quote_size;
        if fstring {
            self.push(Tk::FStringStart, start, self.pos);
            self.fstrings.push(FString {
                quote,
                quote_size,
                raw,
                start,
                start_lineno: self.lineno,
                start_line_start: self.line_start,
                fields: Vec::new(),
            });
            return Ok(());
        }
        if quote_size == 1 && self.b.get(self.pos) == Some(&quote) {
            // The empty string.
            self.pos += 1;
            self.push(Tk::String, start, self.pos);
            return Ok(());
        }
        loop {
            let Some(c) = self.peek() else {
                return Err(self.unterminated_string(start, first_lineno, first_line_start, quote, quote_size));
            };
            if self.newline_len(self.pos) > 0 {
                if quote_size == 1 {
                    return Err(self.unterminated_string(start, first_lineno, first_line_start, quote, quote_size));
                }
                self.take_newline(true);
                continue;
            }
            if c == quote {
                if quote_size == 1 {
                    self.pos += 1;
                    break;
                }
                if self.b.get(self.pos + 1) == Some(&quote) && self.b.get(self.pos + 2) == Some(&quote) {
                    self.pos += 3;
                    break;
                }
                self.pos += 1;
                continue;
            }
            if c == b'\\' {
                self.pos += 1;
                if self.newline_len(self.pos) > 0 {
                    self.take_newline(true);
                } else if self.peek().is_some() {
                    self.pos += self.src[self.pos..].chars().next().map_or(1, char::len_utf8);
                }
                continue;
            }
            self.pos += 1;
        }
        self.push(Tk::String, start, self.pos);
        Ok(())
    }

    fn unterminated_string(
        &self,
        start: usize,
        first_lineno: usize,
        first_line_start: usize,
        quote: u8,
        quote_size: usize,
    ) -> TokError {
        // The line the error was detected at: the last line of the file for a triple-quoted string.
        let detected = if quote_size == 3 { self.last_lineno() } else { self.lineno };
        if let Some(f) = self.fstrings.last() {
            if f.quote == quote && f.quote_size == quote_size {
                let col = self.chars_between(first_line_start, start) + 1;
                return TokError {
                    kind: "SyntaxError",
                    msg: "f-string: expecting '}'".into(),
                    lineno: first_lineno,
                    line_start: first_line_start,
                    col,
                    end_col: col,
                    offset: start,
                };
            }
        }
        let msg = if quote_size == 3 {
            format!("unterminated triple-quoted string literal (detected at line {detected})")
        } else {
            format!("unterminated string literal (detected at line {detected})")
        };
        let col = self.chars_between(first_line_start, start) + 1;
        TokError {
            kind: "SyntaxError",
            msg,
            lineno: first_lineno,
            line_start: first_line_start,
            col,
            end_col: col,
            offset: start,
        }
    }

    /// The number of the last line of the file (a final line break does not start a new line).
    fn last_lineno(&self) -> usize {
        let mut n = 1;
        let mut i = 0;
        while i < self.b.len() {
            let l = self.newline_len(i);
            if l > 0 {
                if i + l < self.b.len() {
                    n += 1;
                }
                i += l;
            } else {
                i += 1;
            }
        }
        n
    }

    /// Literal text of the innermost f-string (or the format spec of its innermost replacement field), up to
    /// a replacement field or the end.
    fn scan_fstring_text(&mut self, in_spec: bool) -> Result<(), TokError> {
        let f = self.fstrings.last().cloned().expect("inside an f-string");
        let start = self.pos;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.unterminated_fstring(&f));
            };
            if self.newline_len(self.pos) > 0 {
                if f.quote_size == 1 && !in_spec {
                    return Err(self.unterminated_fstring(&f));
                }
                self.take_newline(true);
                continue;
            }
            if c == f.quote {
                let closes = f.quote_size == 1
                    || (self.b.get(self.pos + 1) == Some(&f.quote) && self.b.get(self.pos + 2) == Some(&f.quote));
                if closes {
                    if in_spec {
                        // The f-string ends inside a format spec: the replacement field was never closed.
                        return Err(self.err_at("f-string: expecting '}', or format specs", self.pos + 1));
                    }
                    if self.pos > start {
                        self.push(Tk::FStringMiddle, start, self.pos);
                    }
                    let s = self.pos;
                    self.pos += f.quote_size;
                    self.push(Tk::FStringEnd, s, self.pos);
                    self.fstrings.pop();
                    return Ok(());
                }
            }
            match c {
                b'{' => {
                    if !in_spec && self.peek_at(1) == Some(b'{') {
                        self.pos += 2;
                        continue;
                    }
                    if self.pos > start {
                        self.push(Tk::FStringMiddle, start, self.pos);
                    }
                    if f.fields.len() >= 3 {
                        return Err(self.err_at("f-string: expressions nested too deeply", self.pos));
                    }
                    let brace = self.pos;
                    self.open_bracket(brace)?;
                    let level = self.level();
                    let f = self.fstrings.last_mut().expect("inside an f-string");
                    f.fields.push(Field { level, in_spec: false });
                    return Ok(());
                }
                b'}' => {
                    if in_spec {
                        if self.pos > start {
                            self.push(Tk::FStringMiddle, start, self.pos);
                        }
                        return self.close_bracket(self.pos);
                    }
                    if self.peek_at(1) == Some(b'}') {
                        self.pos += 2;
                        continue;
                    }
                    return Err(self.err_at("f-string: single '}' is not allowed", self.pos + 1));
                }
                b'\\' => {
                    // A backslash escapes the next character (even in a raw f-string, for the quotes), but
                    // not a brace.
                    self.pos += 1;
                    if !f.raw && self.peek() == Some(b'N') && self.peek_at(1) == Some(b'{') {
                        // `\N{...}` names a character; it is not a replacement field.
                        while let Some(c) = self.peek() {
                            self.pos += 1;
                            if c == b'}' {
                                break;
                            }
                        }
                    } else if self.newline_len(self.pos) > 0 {
                        self.take_newline(true);
                    } else if !matches!(self.peek(), Some(b'{' | b'}') | None) {
                        self.pos += self.src[self.pos..].chars().next().map_or(1, char::len_utf8);
                    }
                }
                _ => {
                    self.pos += self.src[self.pos..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
    }

    fn unterminated_fstring(&self, f: &FString) -> TokError {
        let detected = if f.quote_size == 3 { self.last_lineno() } else { self.lineno };
        let msg = if f.quote_size == 3 {
            format!("unterminated triple-quoted f-string literal (detected at line {detected})")
        } else {
            format!("unterminated f-string literal (detected at line {detected})")
        };
        let col = self.chars_between(f.start_line_start, f.start) + 1;
        TokError {
            kind: "SyntaxError",
            msg,
            lineno: f.start_lineno,
            line_start: f.start_line_start,
            col,
            end_col: col,
            offset: f.start,
        }
    }

    fn open_bracket(&mut self, start: usize) -> Result<(), TokError> {
        if self.level() >= MAXLEVEL {
            return Err(self.err_at("too many nested parentheses", start + 1));
        }
        // A bracket token's level is the level around it.
        self.push(Tk::Op, start, start + 1);
        self.parens.push(Paren { ch: self.b[start], lineno: self.lineno, line_start: self.line_start, offset: start });
        self.pos = start + 1;
        Ok(())
    }

    fn close_bracket(&mut self, start: usize) -> Result<(), TokError> {
        let c = self.b[start];
        let Some(open) = self.parens.last().copied() else {
            return Err(self.err_at(format!("unmatched '{}'", c as char), start + 1));
        };
        let level = self.level();
        let field_level = self.fstrings.last().and_then(|f| f.fields.last()).map(|field| field.level);
        let matching = matches!((open.ch, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
        if !matching {
            if open.ch == b'{' && field_level == Some(level) {
                return Err(self.err_at(format!("f-string: unmatched '{}'", c as char), start + 1));
            }
            let msg = if open.lineno != self.lineno {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                    c as char, open.ch as char, open.lineno
                )
            } else {
                format!("closing parenthesis '{}' does not match opening parenthesis '{}'", c as char, open.ch as char)
            };
            return Err(self.err_at(msg, start + 1));
        }
        self.parens.pop();
        self.pos = start + 1;
        self.push(Tk::Op, start, start + 1);
        if field_level == Some(level) {
            // The replacement field is closed.
            if let Some(f) = self.fstrings.last_mut() {
                f.fields.pop();
            }
        }
        Ok(())
    }

    fn operator(&mut self, start: usize) -> Result<(), TokError> {
        let c = self.b[start];
        // Inside a replacement field, `:` at its top level starts the format spec.
        if c == b':' {
            let level = self.level();
            if let Some(field) = self.fstrings.last_mut().and_then(|f| f.fields.last_mut()) {
                if field.level == level && !field.in_spec {
                    field.in_spec = true;
                    self.pos += 1;
                    self.push(Tk::Op, start, start + 1);
                    return Ok(());
                }
            }
        }
        match c {
            b'(' | b'[' | b'{' => return self.open_bracket(start),
            b')' | b']' | b'}' => return self.close_bracket(start),
            _ => {}
        }
        let three: &[&[u8]] = &[b"**=", b"//=", b">>=", b"<<=", b"...", b"!=", b"->"];
        let two: &[&[u8]] = &[
            b"**", b"//", b">>", b"<<", b"<=", b">=", b"==", b"!=", b"->", b"+=", b"-=", b"*=", b"/=", b"%=", b"&=",
            b"|=", b"^=", b"@=", b":=", b"<>",
        ];
        let rest = &self.b[start..];
        let len = if three.iter().any(|op| op.len() == 3 && rest.starts_with(op)) {
            3
        } else if two.iter().any(|op| rest.starts_with(op)) {
            2
        } else {
            let ch = self.src[start..].chars().next().unwrap_or(' ');
            if !is_printable(ch) {
                return Err(
                    self.err_at(format!("invalid non-printable character U+{:04X}", ch as u32), start + ch.len_utf8())
                );
            }
            ch.len_utf8()
        };
        self.pos = start + len;
        self.push(Tk::Op, start, start + len);
        Ok(())
    }
}

/// Unicode `XID_Start` (or `_`), as CPython's identifier check uses it; asked of ruff's lexer.
fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    let s = c.to_string();
    lexes_as_single_name(&s)
}

/// Unicode `XID_Continue`.
fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    lexes_as_single_name(&format!("a{c}"))
}

fn lexes_as_single_name(s: &str) -> bool {
    let mut lexer = ruff_python_parser::lexer::lex(s, Mode::Expression);
    let kind = lexer.next_token();
    use ruff_python_ast::token::TokenKind;
    kind == TokenKind::Name
        && matches!(lexer.next_token(), TokenKind::EndOfFile | TokenKind::Newline)
        && matches!(lexer.next_token(), TokenKind::EndOfFile)
}

/// An approximation of CPython's `str.isprintable` for one character.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    !matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xD800..=0xDFFF
        | 0xF0000..=0x10FFFF)
}

// ---------------------------------------------------------------------------------------------------------
// Translating ruff's errors
// ---------------------------------------------------------------------------------------------------------

#[derive(Debug)]
enum RuffErrorKind {
    Parse(ParseErrorType),
    Unsupported(UnsupportedSyntaxErrorKind),
}

#[derive(Debug)]
struct RuffError {
    kind: RuffErrorKind,
    range: TextRange,
}

struct Ctx<'a> {
    source: &'a str,
    filename: &'a str,
    scan: &'a Scan<'a>,
    module: &'a ModModule,
    /// Where CPython's parser last looked, when a rule looked past the error's start (to decide between the
    /// error and an unclosed bracket).
    probe: std::cell::Cell<Option<usize>>,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn range_of(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::new(start as u32), TextSize::new(end as u32))
}

impl Ctx<'_> {
    fn tok_error(&self, te: &TokError) -> CompileError {
        CompileError {
            kind: te.kind,
            msg: te.msg.clone(),
            filename: self.filename.into(),
            lineno: te.lineno,
            col: te.col,
            end_col: te.end_col,
            line: Some(crate::error::line_at(self.source, te.line_start).to_string()),
        }
    }

    /// Whether an expression starts after the bracket and may go on past the end of its line, outside
    /// import statements.
    fn expression_continues_after(&self, p: &Paren) -> bool {
        if self.logical_line_starts_with(p.offset, "import") || self.logical_line_starts_with(p.offset, "from") {
            return false;
        }
        let Some(i) = self.token_index(p.offset + 1) else {
            return false;
        };
        let first = self.scan.tokens[i];
        if !self.starts_expression(&first) && !matches!(self.token_text(&first), ")" | "]" | "}") {
            return false;
        }
        let line_end = self.scan.line_end(p.offset);
        !self.scan.tokens[i..].iter().take_while(|t| t.start < line_end).any(|t| self.token_text(t) == ";")
    }

    fn unclosed(&self, p: &Paren) -> CompileError {
        CompileError {
            kind: "SyntaxError",
            msg: format!("'{}' was never closed", p.ch as char),
            filename: self.filename.into(),
            lineno: p.lineno,
            col: p.offset - p.line_start + 1,
            end_col: 0,
            line: Some(crate::error::line_at(self.source, p.line_start).to_string()),
        }
    }

    fn at(&self, msg: impl Into<String>, start: usize, end: usize) -> CompileError {
        CompileError::at_range("SyntaxError", msg, self.filename, self.source, start, end)
    }

    fn at_node(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        self.at(msg, range.start().to_usize(), range.end().to_usize())
    }

    fn text(&self, start: usize, end: usize) -> &str {
        self.source.get(start..end.min(self.source.len())).unwrap_or("")
    }

    /// The index of the token at `offset` (containing it, or the first one after it); INDENT and DEDENT
    /// tokens are skipped.
    fn token_index(&self, offset: usize) -> Option<usize> {
        let toks = &self.scan.tokens;
        let i = toks.partition_point(|t| t.end <= offset && t.start < offset);
        (i..toks.len()).find(|&j| !matches!(toks[j].kind, Tk::Indent | Tk::Dedent))
    }

    fn token(&self, offset: usize) -> Option<Token> {
        self.token_index(offset).map(|i| self.scan.tokens[i])
    }

    fn prev_token(&self, offset: usize) -> Option<Token> {
        let toks = &self.scan.tokens;
        let i = toks.partition_point(|t| t.start < offset);
        i.checked_sub(1).map(|i| toks[i])
    }

    fn token_text(&self, t: &Token) -> &str {
        self.text(t.start, t.end)
    }

    /// "invalid syntax" at the token at `offset`.
    fn generic(&self, offset: usize) -> CompileError {
        self.at_token("SyntaxError", "invalid syntax", offset)
    }

    /// An error at the token at `offset`; at the end of the file (where CPython's tokens have no position)
    /// the last line is shown without a caret.
    fn at_token(&self, kind: &'static str, msg: impl Into<String>, offset: usize) -> CompileError {
        match self.token(offset) {
            Some(t) if t.kind != Tk::EndMarker => {
                let end = if t.end > t.start { t.end } else { t.start + 1 };
                CompileError::at_range(kind, msg, self.filename, self.source, t.start, end)
            }
            _ => self.at_eof(kind, msg),
        }
    }

    fn at_eof(&self, kind: &'static str, msg: impl Into<String>) -> CompileError {
        let lineno = self.scan.last_lineno();
        let mut line_start = 0;
        let mut n = 1;
        for (i, c) in self.source.char_indices() {
            if n == lineno {
                break;
            }
            if c == '\n' || (c == '\r' && self.source.as_bytes().get(i + 1) != Some(&b'\n')) {
                n += 1;
                line_start = i + 1;
            }
        }
        CompileError {
            kind,
            msg: msg.into(),
            filename: self.filename.into(),
            lineno,
            col: 0,
            end_col: 0,
            line: Some(crate::error::line_at(self.source, line_start).to_string()),
        }
    }

    fn translate(&self, e: &RuffError) -> CompileError {
        let start = e.range.start().to_usize();
        let end = e.range.end().to_usize();
        let kind = match &e.kind {
            RuffErrorKind::Unsupported(k) => return self.unsupported(*k, e.range),
            RuffErrorKind::Parse(k) => k,
        };
        if let Some(err) = self.forgot_comma(start) {
            return err;
        }
        if let Some(err) = self.missing_else(start) {
            return err;
        }
        // `def f[...`: an invalid type parameter list; CPython wants the `(`.
        if let Some(err) = self.bad_type_params(start) {
            return err;
        }
        if let Some(err) = self.misplaced_equal(start) {
            return err;
        }
        match kind {
            ParseErrorType::ExpectedExpression => self.expected_expression(start),
            ParseErrorType::ExpectedToken { expected, .. } => self.expected_token(*expected, start),
            ParseErrorType::SimpleStatementsOnSameLine | ParseErrorType::SimpleAndCompoundStatementOnSameLine => {
                if let Some(err) = self.legacy_print(start) {
                    return err;
                }
                // `a not b`: CPython looked for `in` after `not` and fails at the next token.
                if self.token(start).is_some_and(|t| self.token_text(&t) == "not") {
                    if let Some(next) = self.scan.tokens.iter().find(|t| t.start > start) {
                        if self.token_text(next) != "in" {
                            return self.generic(next.start);
                        }
                    }
                }
                self.generic(start)
            }
            ParseErrorType::InvalidAssignmentTarget
            | ParseErrorType::InvalidDeleteTarget
            | ParseErrorType::InvalidAugmentedAssignmentTarget
            | ParseErrorType::InvalidNamedAssignmentTarget
            | ParseErrorType::InvalidAnnotatedAssignmentTarget => {
                // An `=` inside brackets of the statement is a misplaced one, found first by CPython.
                if let Some(eq) = self.bracketed_equal(start) {
                    if let Some(err) = self.missing_else(eq).or_else(|| self.misplaced_equal(eq)) {
                        return err;
                    }
                }
                self.target_error(start, end).unwrap_or_else(|| self.generic(start))
            }
            ParseErrorType::PositionalAfterKeywordArgument => {
                self.at_call_end("positional argument follows keyword argument", start)
            }
            ParseErrorType::PositionalAfterKeywordUnpacking => {
                self.at_call_end("positional argument follows keyword argument unpacking", start)
            }
            ParseErrorType::InvalidArgumentUnpackingOrder => {
                self.at("iterable argument unpacking follows keyword argument unpacking", start, start + 1)
            }
            ParseErrorType::UnparenthesizedGeneratorExpression => {
                if self.in_class_bases(start) {
                    let for_tok = self.scan.tokens.iter().find(|t| t.start >= start && self.token_text(t) == "for");
                    return self.generic(for_tok.map_or(start, |t| t.start));
                }
                let after = self.scan.tokens.iter().find(|t| t.start >= end);
                self.probe.set(Some(after.map_or(self.source.len(), |t| t.start)));
                self.at("Generator expression must be parenthesized", start, end)
            }
            ParseErrorType::NonDefaultParamAfterDefaultParam => {
                self.at("parameter without a default follows parameter with a default", start, end)
            }
            ParseErrorType::ParamAfterVarKeywordParam => {
                self.at("arguments cannot follow var-keyword argument", start, end)
            }
            ParseErrorType::ExpectedKeywordParam if self.in_lambda(start) => {
                // `lambda *: 1`: CPython points at what follows the `*` (and a `,`).
                let star = self.scan.tokens.iter().rev().find(|t| t.start <= start && self.token_text(t) == "*");
                let mut next = star.and_then(|s| self.scan.tokens.iter().find(|t| t.start > s.start)).copied();
                if let Some(n) = next {
                    if self.token_text(&n) == "," {
                        next = self.scan.tokens.iter().find(|t| t.start > n.start).copied();
                    }
                }
                match next {
                    Some(t) => self.at("named arguments must follow bare *", t.start, t.end),
                    None => self.generic(start),
                }
            }
            ParseErrorType::ExpectedKeywordParam => {
                let star = if self.text(start, start + 1) == "*" && self.text(start, start + 2) != "**" {
                    start
                } else {
                    self.scan
                        .tokens
                        .iter()
                        .rev()
                        .find(|t| t.start < start && self.token_text(t) == "*")
                        .map_or(start, |t| t.start)
                };
                self.at("named arguments must follow bare *", star, star + 1)
            }
            ParseErrorType::VarParameterWithDefault => {
                let eq = self.scan.tokens.iter().find(|t| t.start >= start && self.token_text(t) == "=");
                let eq = eq.map_or(start, |t| t.start);
                let before = self.text(self.line_start_of(start), start);
                let msg = if before.trim_end().ends_with("**") || self.text(start, end).starts_with("**") {
                    "var-keyword argument cannot have default value"
                } else {
                    "var-positional argument cannot have default value"
                };
                self.at(msg, eq, eq + 1)
            }
            ParseErrorType::UnexpectedIndentation => self.unexpected_indent(end),
            ParseErrorType::InvalidStarredExpressionUsage => self.starred_usage(start, end),
            ParseErrorType::ExpectedImaginaryNumber => {
                self.at("imaginary number required in complex literal", start, end)
            }
            ParseErrorType::ExpectedRealNumber => self.at("real number required in complex literal", start, end),
            // `case 1 as _`: CPython names the problem; `case {**_}` is plain invalid syntax.
            ParseErrorType::InvalidMatchPatternTarget => {
                if self.prev_token(start).is_some_and(|t| self.token_text(&t) == "as") {
                    self.at("cannot use '_' as a target", start, end)
                } else {
                    self.generic(start)
                }
            }
            ParseErrorType::FStringError(f) => self.fstring_error(f, start, end),
            ParseErrorType::Lexical(l) => self.lexical(l, start, end),
            ParseErrorType::OtherError(msg) => self.other_error(msg, start, end),
            _ => self.generic(start),
        }
    }

    fn line_start_of(&self, offset: usize) -> usize {
        self.source[..offset.min(self.source.len())].rfind(['\n', '\r']).map_or(0, |i| i + 1)
    }

    fn unsupported(&self, kind: UnsupportedSyntaxErrorKind, range: TextRange) -> CompileError {
        let start = range.start().to_usize();
        match kind {
            // (The kind of unpacking is not exported by the parser.)
            UnsupportedSyntaxErrorKind::UnpackingInComprehension(u) if format!("{u:?}") == "DictInDict" => {
                self.at("dict unpacking cannot be used in dict comprehension", start, start + 2)
            }
            UnsupportedSyntaxErrorKind::UnpackingInComprehension(_) => {
                self.at_node("iterable unpacking cannot be used in comprehension", range)
            }
            UnsupportedSyntaxErrorKind::UnparenthesizedExceptionTypes => {
                self.at_node("multiple exception types must be parenthesized", range)
            }
            UnsupportedSyntaxErrorKind::ParenthesizedKeywordArgumentName => {
                let inner = self.text(start, range.end().to_usize());
                let skip = inner.len() - inner.trim_start_matches(['(', ' ', '\t']).len();
                let eq =
                    self.scan.tokens.iter().find(|t| t.start >= range.end().to_usize() && self.token_text(t) == "=");
                let eq_end = eq.map_or(range.end().to_usize(), |t| t.end);
                self.at("expression cannot contain assignment, perhaps you meant \"==\"?", start + skip, eq_end)
            }
            _ => self.generic(start),
        }
    }

    fn unexpected_indent(&self, indent_end: usize) -> CompileError {
        let line_start = self.line_start_of(indent_end);
        let lineno = crate::error::Position::of(self.source, indent_end).lineno;
        CompileError {
            kind: "IndentationError",
            msg: "unexpected indent".into(),
            filename: self.filename.into(),
            lineno,
            col: indent_end - line_start,
            end_col: 0,
            line: Some(crate::error::line_at(self.source, line_start).to_string()),
        }
    }

    /// CPython's "invalid syntax. Perhaps you forgot a comma?": two expressions side by side in brackets.
    fn forgot_comma(&self, offset: usize) -> Option<CompileError> {
        let b_tok = self.token(offset)?;
        if b_tok.start != offset || b_tok.level == 0 || !self.starts_expression(&b_tok) {
            return None;
        }
        let a_tok = self.prev_token(offset)?;
        if a_tok.level != b_tok.level || !self.ends_expression(&a_tok) {
            return None;
        }
        // The bracket the two expressions are in.
        let open = self.scan.tokens.iter().rev().find(|t| t.end <= a_tok.start && t.level < b_tok.level);
        let open_end = open.map_or(0, |t| t.end);
        let finder = NodeFinder::run(self.module);
        // Both must be expressions (not, say, parameters).
        let a = finder
            .exprs()
            .filter(|e| {
                e.range().end().to_usize() == a_tok.end
                    && e.range().start().to_usize() >= open_end
                    && (self.is_parenthesized(e.range())
                        || !matches!(
                            e,
                            Expr::Lambda(_)
                                | Expr::If(_)
                                | Expr::Starred(_)
                                | Expr::Named(_)
                                | Expr::Yield(_)
                                | Expr::YieldFrom(_)
                                | Expr::Slice(_)
                        ))
            })
            .max_by_key(|e| e.range().len())?;
        let b = finder.outermost_expr_starting_at(offset);
        if let Expr::Name(n) = a {
            if matches!(n.id.as_str(), "print" | "exec") {
                return None;
            }
        }
        if matches!(
            a,
            Expr::Lambda(_) | Expr::If(_) | Expr::Starred(_) | Expr::Named(_) | Expr::Yield(_) | Expr::YieldFrom(_)
        ) && !self.is_parenthesized(a.range())
        {
            return None;
        }
        let b_end = b.map_or(b_tok.end, |e| e.range().end().to_usize());
        // Parsing `b` looked at the token after it.
        let after = self.scan.tokens.iter().find(|t| t.start >= b_end && t.kind != Tk::Newline);
        self.probe.set(Some(after.map_or(self.source.len(), |t| t.start)));
        Some(self.at("invalid syntax. Perhaps you forgot a comma?", a.range().start().to_usize(), b_end))
    }

    fn starts_expression(&self, t: &Token) -> bool {
        match t.kind {
            Tk::Number | Tk::String | Tk::FStringStart => true,
            Tk::Name => {
                let s = self.token_text(t);
                !KEYWORDS.contains(&s) || matches!(s, "None" | "True" | "False" | "lambda" | "not" | "await")
            }
            Tk::Op => matches!(self.token_text(t), "(" | "[" | "{" | "-" | "+" | "~" | "..."),
            _ => false,
        }
    }

    fn ends_expression(&self, t: &Token) -> bool {
        match t.kind {
            Tk::Number | Tk::String | Tk::FStringEnd => true,
            Tk::Name => {
                let s = self.token_text(t);
                !KEYWORDS.contains(&s) || matches!(s, "None" | "True" | "False")
            }
            Tk::Op => matches!(self.token_text(t), ")" | "]" | "}" | "..."),
            _ => false,
        }
    }

    /// Whether the node's source is wrapped in parentheses (a group, not a call's).
    fn is_parenthesized(&self, range: TextRange) -> bool {
        let before = self.text(0, range.start().to_usize()).trim_end();
        let after = self.text(range.end().to_usize(), self.source.len()).trim_start();
        if !(before.ends_with('(') && after.starts_with(')')) {
            return false;
        }
        let before_paren = before[..before.len() - 1].trim_end();
        !before_paren.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ')' || c == ']')
            || before_paren.ends_with(|c: char| c.is_alphanumeric()) && {
                let word_start = before_paren.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
                KEYWORDS.contains(&&before_paren[word_start..])
            }
    }

    fn expected_expression(&self, offset: usize) -> CompileError {
        if let (Some(t), Some(prev)) = (self.token(offset), self.prev_token(offset)) {
            let prev_text = self.token_text(&prev);
            let text = self.token_text(&t);
            // `def f() -> :`
            if prev_text == "->" && self.compound_keyword(offset) == Some("def") {
                return self.at("expected ':'", prev.start, prev.end);
            }
            if prev_text == "=" && matches!(text, ")" | ",") {
                let finder = NodeFinder::run(self.module);
                for node in finder.path_at(prev.start).iter().rev() {
                    match node {
                        AnyNodeRef::StmtFunctionDef(_) => {
                            return self.at("expected default value expression", prev.start, prev.end);
                        }
                        AnyNodeRef::ExprLambda(_) => break,
                        AnyNodeRef::Arguments(_) => {
                            let name = self.prev_token(prev.start).map_or(prev.start, |n| n.start);
                            return self.at("expected argument value expression", name, prev.end);
                        }
                        _ => {}
                    }
                }
            }
            // `{1:}`
            if prev_text == ":" && matches!(text, "}" | ",") {
                let finder = NodeFinder::run(self.module);
                if finder.innermost_expr_at(prev.start, |e| matches!(e, Expr::Dict(_))).is_some() {
                    return self.at("expression expected after dictionary key and ':'", prev.start, prev.end);
                }
            }
        }
        // `f"{}"`, `f"{!r}"`, `f"{:x}"`: a replacement field without an expression.
        if let (Some(t), Some(prev)) = (self.token(offset), self.prev_token(offset)) {
            let text = self.token_text(&t);
            if t.start == offset && self.token_text(&prev) == "{" && matches!(text, "}" | "!" | ":" | "=") {
                let before_brace = self.prev_token(prev.start);
                if before_brace.is_some_and(|b| matches!(b.kind, Tk::FStringStart | Tk::FStringMiddle)) {
                    return self.at(
                        format!("f-string: valid expression required before '{text}'"),
                        t.start,
                        t.start + 1,
                    );
                }
            }
        }
        self.generic(offset)
    }

    fn expected_token(&self, expected: ruff_python_ast::token::TokenKind, offset: usize) -> CompileError {
        use ruff_python_ast::token::TokenKind as K;
        let found = self.token(offset);
        let found_text = found.map_or("", |t| self.token_text(&t));
        if expected == K::Colon {
            if let Some(kw) = self.compound_keyword(offset) {
                // `else`, `finally`, `try` and `def` demand their colon whatever follows; the other headers
                // only report it missing at the end of the line.
                let forced = matches!(kw, "else" | "finally" | "try" | "def");
                if let Some(t) = found {
                    if forced || t.kind == Tk::Newline {
                        let end = if t.end > t.start { t.end } else { t.start + 1 };
                        return self.at("expected ':'", t.start, end);
                    }
                }
            }
            // `{1: 2, 3}`: a key without a value.
            if matches!(found_text, "}" | ",") {
                if let Some(err) = self.dict_key_without_value(offset) {
                    return err;
                }
            }
        }
        if matches!(expected, K::Rpar | K::Comma | K::Rsqb | K::Rbrace | K::Colon) {
            if let Some(err) = self.misplaced_equal(offset) {
                return err;
            }
        }
        if expected == K::Lpar && self.compound_keyword(offset) == Some("def") {
            if let Some(t) = found {
                return self.at("expected '('", t.start, t.end.max(t.start + 1));
            }
        }
        if expected == K::Else && found_text == ":" {
            return self.generic(offset);
        }
        if expected == K::Else {
            let finder = NodeFinder::run(self.module);
            if let Some(Expr::If(i)) = finder.innermost_expr_at(offset, |e| matches!(e, Expr::If(_))) {
                let after = self.token(i.test.range().end().to_usize());
                self.probe.set(after.map(|t| t.start));
                return self.at(
                    "expected 'else' after 'if' expression",
                    i.body.range().start().to_usize(),
                    i.test.range().end().to_usize(),
                );
            }
        }
        if found_text.ends_with('=') && !matches!(found_text, "==" | "=" | "<=" | ">=" | "!=") {
            // `a, b += 1`: an augmented assignment to a tuple.
            let finder = NodeFinder::run(self.module);
            let stmt = finder.stmts().find(|s| s.range().contains(TextSize::new(offset as u32)));
            if let Some(Stmt::Expr(s)) = stmt {
                if let Expr::Tuple(t) = s.value.as_ref() {
                    if !t.parenthesized {
                        let end = t.elts.iter().map(|e| e.range().end().to_usize()).filter(|&e| e <= offset).max();
                        let end = end.unwrap_or(offset);
                        return self.at(
                            "'tuple' is an illegal expression for augmented assignment",
                            t.range.start().to_usize(),
                            end,
                        );
                    }
                }
            }
        }
        self.generic(offset)
    }

    /// CPython's `invalid_named_expression`: `=` where an expression was expected (`if x = 1:`, `(a.b = 1)`).
    fn misplaced_equal(&self, eq_offset: usize) -> Option<CompileError> {
        let eq = self.token(eq_offset)?;
        if eq.start != eq_offset || self.token_text(&eq) != "=" {
            return None;
        }
        let in_header = eq.level == 0 && matches!(self.compound_keyword(eq_offset), Some("if" | "elif" | "while"));
        if !in_header && eq.level == 0 {
            return None;
        }
        let prev = self.prev_token(eq_offset)?;
        if !self.ends_expression(&prev) {
            return None;
        }
        if eq.level > 0 {
            // Not in a call's arguments (`NAME=` is a keyword there) nor in a slice.
            let open_i = self.scan.tokens.iter().rposition(|t| t.end <= prev.start && t.level < eq.level)?;
            let open_tok = self.scan.tokens[open_i];
            let before_open = open_i.checked_sub(1).map(|i| self.scan.tokens[i]);
            let called = before_open.is_some_and(|b| self.ends_expression(&b));
            if called && matches!(self.token_text(&open_tok), "(" | "[") {
                let slice = self.scan.tokens[open_i + 1..]
                    .iter()
                    .take_while(|t| t.start < eq_offset)
                    .any(|t| t.level == eq.level && self.token_text(t) == ":");
                if self.token_text(&open_tok) == "(" || slice {
                    return None;
                }
            }
        }
        let finder = NodeFinder::run(self.module);
        let open = self.scan.tokens.iter().rev().find(|t| t.end <= prev.start && t.level < eq.level);
        let lhs = finder.outermost_expr_ending_at(prev.end, open.map_or(0, |t| t.end));
        // What `bitwise_or` matches after the `=`, and that no other `=` follows it.
        let value_tok = self.scan.tokens.iter().find(|t| t.start > eq_offset)?;
        let value = finder.outermost_expr_starting_at(value_tok.start);
        let b_end = match value.and_then(|v| leftmost_bitwise(v, self)) {
            Some(b) => b.range().end().to_usize(),
            None if value.is_none() && self.starts_expression(value_tok) => value_tok.end,
            None => return None,
        };
        if let Some(after) = self.token(b_end) {
            if matches!(self.token_text(&after), "=" | ":=") {
                return None;
            }
            self.probe.set(Some(after.start));
        }
        match lhs {
            Some(Expr::Name(n)) => Some(self.at(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                n.range.start().to_usize(),
                b_end,
            )),
            Some(e) if is_bitwise_level(e, self) && !excluded_atom(e) => Some(self.at_node(
                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(e)),
                e.range(),
            )),
            None if prev.kind == Tk::Name && !KEYWORDS.contains(&self.token_text(&prev)) => {
                Some(self.at("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", prev.start, b_end))
            }
            _ => None,
        }
    }

    /// The first `=` inside brackets in the logical line containing `offset`.
    fn bracketed_equal(&self, offset: usize) -> Option<usize> {
        let k = self.scan.logical_starts.partition_point(|&s| s <= offset).checked_sub(1)?;
        let line_start = self.scan.logical_starts[k];
        let line_end = self.scan.logical_starts.get(k + 1).copied().unwrap_or(usize::MAX);
        self.scan
            .tokens
            .iter()
            .filter(|t| t.start >= line_start && t.start < line_end)
            .find(|t| t.level > 0 && self.token_text(t) == "=")
            .map(|t| t.start)
    }

    fn bad_type_params(&self, offset: usize) -> Option<CompileError> {
        if self.compound_keyword(offset) != Some("def") {
            return None;
        }
        let k = self.scan.logical_starts.partition_point(|&s| s <= offset).checked_sub(1)?;
        let i = self.token_index(self.scan.logical_starts[k])?;
        let def_i = if self.token_text(&self.scan.tokens[i]) == "async" { i + 1 } else { i };
        let bracket = *self.scan.tokens.get(def_i + 2)?;
        if self.token_text(&bracket) != "[" || bracket.start >= offset {
            return None;
        }
        let close =
            self.scan.tokens[def_i + 3..].iter().find(|t| t.level == bracket.level && self.token_text(t) == "]");
        if close.is_some_and(|c| c.end <= offset) {
            return None;
        }
        Some(self.at("expected '('", bracket.start, bracket.end))
    }

    /// CPython's "expected 'else' after 'if' expression": `a if b` followed by neither `else` nor `:`.
    fn missing_else(&self, offset: usize) -> Option<CompileError> {
        let t = self.token(offset)?;
        let i = self.token_index(offset)?;
        // Back to the start of the current expression, at the same bracket level.
        let mut if_tok = None;
        for j in (0..i).rev() {
            let p = self.scan.tokens[j];
            if p.level < t.level || matches!(p.kind, Tk::Newline | Tk::Indent | Tk::Dedent) {
                break;
            }
            if p.level > t.level {
                continue;
            }
            match self.token_text(&p) {
                "," | "=" | ":" | ":=" | "lambda" | "return" | "else" => break,
                "if" => {
                    if_tok = Some(j);
                    break;
                }
                _ => {}
            }
        }
        let j = if_tok?;
        if j == 0 || self.scan.logical_starts.contains(&self.scan.tokens[j].start) {
            return None;
        }
        if matches!(self.token_text(&t), "else" | ":") || t.kind == Tk::Newline && t.level > 0 {
            return None;
        }
        let before_if = self.scan.tokens[j - 1];
        let cond_end = self.prev_token(offset)?.end;
        if cond_end <= self.scan.tokens[j].end || !self.ends_expression(&before_if) {
            return None;
        }
        let finder = NodeFinder::run(self.module);
        let a = finder
            .exprs()
            .filter(|e| e.range().end().to_usize() == before_if.end)
            .filter(|e| !matches!(e, Expr::Lambda(_) | Expr::If(_) | Expr::Starred(_)))
            .filter(|e| !matches!(e, Expr::Named(_) | Expr::Slice(_)))
            .max_by_key(|e| e.range().len());
        let a_start = a.map_or(before_if.start, |e| e.range().start().to_usize());
        self.probe.set(Some(t.start));
        Some(self.at("expected 'else' after 'if' expression", a_start, cond_end))
    }

    /// `{1: 2, 3}`: CPython points at the last character of the key.
    fn dict_key_without_value(&self, offset: usize) -> Option<CompileError> {
        let finder = NodeFinder::run(self.module);
        let Some(Expr::Dict(d)) = finder.innermost_expr_at(offset, |e| matches!(e, Expr::Dict(_))) else {
            return None;
        };
        let prev = self.prev_token(offset)?;
        if !self.ends_expression(&prev) {
            return None;
        }
        let idx = d.items.iter().position(|i| {
            i.key.as_ref().is_some_and(|k| k.range().end().to_usize() == prev.end)
                || i.value.range().end().to_usize() == prev.end
        })?;
        if idx == 0 {
            return None;
        }
        let item = &d.items[idx];
        let key_end = item.key.as_ref().map_or(item.value.range().end(), |k| k.range().end());
        let pos = crate::error::Position::of(self.source, key_end.to_usize());
        Some(CompileError {
            kind: "SyntaxError",
            msg: "':' expected after dictionary key".into(),
            filename: self.filename.into(),
            lineno: pos.lineno,
            col: pos.col - 1,
            end_col: 0,
            line: Some(pos.line_text(self.source).to_string()),
        })
    }

    /// The keyword of the compound statement whose header contains `offset`, if any.
    fn compound_keyword(&self, offset: usize) -> Option<&str> {
        let i = self.scan.logical_starts.partition_point(|&s| s <= offset);
        let start = *self.scan.logical_starts.get(i.checked_sub(1)?)?;
        let mut t = self.token(start)?;
        if self.token_text(&t) == "async" {
            t = self.scan.tokens.iter().find(|x| x.start > t.start).copied()?;
        }
        let kw = self.token_text(&t);
        let compound =
            ["if", "elif", "else", "while", "for", "with", "try", "except", "finally", "class", "def", "match", "case"];
        compound.contains(&kw).then_some(kw)
    }

    /// `print "x"` / `exec "code"`: Python 2 statements.
    fn legacy_print(&self, offset: usize) -> Option<CompileError> {
        let finder = NodeFinder::run(self.module);
        let Some(Stmt::Expr(prev)) = finder.stmt_ending_before(offset) else {
            return None;
        };
        let Expr::Name(n) = prev.value.as_ref() else {
            return None;
        };
        if !matches!(n.id.as_str(), "print" | "exec") {
            return None;
        }
        let next = finder.stmt_starting_at(offset);
        let end = match next {
            Some(Stmt::Expr(e)) => e.value.range().end().to_usize(),
            Some(s) => s.range().end().to_usize(),
            None => self.token(offset).map_or(offset + 1, |t| t.end),
        };
        Some(self.at(
            format!("Missing parentheses in call to '{0}'. Did you mean {0}(...)?", n.id),
            n.range.start().to_usize(),
            end,
        ))
    }

    /// "positional argument follows keyword argument": CPython notices it after parsing as many arguments
    /// as it can, and points at the token that stopped it (usually the closing parenthesis).
    fn at_call_end(&self, msg: &str, offset: usize) -> CompileError {
        match self.args_stop(offset) {
            Some(t) => {
                self.probe.set(Some(t.start));
                self.at(msg, t.start, t.end.max(t.start + 1))
            }
            None => self.at_eof("SyntaxError", msg),
        }
    }

    /// The first token after the argument at `offset` that cannot continue the argument list.
    fn args_stop(&self, offset: usize) -> Option<Token> {
        let i = self.token_index(offset)?;
        let toks = &self.scan.tokens;
        let level = toks[i].level;
        let mut after_comma = false;
        let mut j = i + 1;
        while j < toks.len() {
            let t = toks[j];
            j += 1;
            if t.level < level {
                return Some(t);
            }
            if t.level > level || t.kind == Tk::Newline {
                continue;
            }
            let text = self.token_text(&t);
            if matches!(text, "(" | "[" | "{") {
                // Skip a nested bracket.
                while j < toks.len() && toks[j].level > level {
                    j += 1;
                }
                j += 1;
                after_comma = false;
                continue;
            }
            if text == "," {
                after_comma = true;
            } else if after_comma || t.kind != Tk::Op || !matches!(text, ":" | ";" | ")" | "]" | "}") {
                after_comma = false;
            } else {
                return Some(t);
            }
        }
        None
    }

    fn in_lambda(&self, offset: usize) -> bool {
        let finder = NodeFinder::run(self.module);
        let path = finder.path_at(offset);
        let scope = path.iter().rev().find(|n| matches!(n, AnyNodeRef::ExprLambda(_) | AnyNodeRef::StmtFunctionDef(_)));
        matches!(scope, Some(AnyNodeRef::ExprLambda(_)))
    }

    fn logical_line_starts_with(&self, offset: usize, word: &str) -> bool {
        let i = self.scan.logical_starts.partition_point(|&s| s <= offset);
        i.checked_sub(1)
            .and_then(|i| self.scan.logical_starts.get(i))
            .and_then(|&s| self.token(s))
            .is_some_and(|t| self.token_text(&t) == word)
    }

    /// A bad escape sequence in a string literal: CPython's codec error, with positions in the
    /// literal's body.
    fn escape_error(&self, offset: usize) -> Option<CompileError> {
        let tok = self.scan.tokens.iter().find(|t| t.start <= offset && offset < t.end && t.kind == Tk::String)?;
        let text = self.token_text(tok);
        let quote_at = text.find(['\'', '"'])?;
        let prefix = text[..quote_at].to_ascii_lowercase();
        let quote = &text[quote_at..];
        let qlen = if quote.starts_with("\"\"\"") || quote.starts_with("\'\'\'") { 3 } else { 1 };
        let body_start = tok.start + quote_at + qlen;
        let rel = offset.checked_sub(body_start)?;
        let body = self.text(body_start, tok.end - qlen);
        let bs = body[..rel.min(body.len())].rfind('\\')?;
        let esc = body[bs + 1..].chars().next()?;
        let msg = if prefix.contains('b') {
            format!("(value error) invalid \\x escape at position {bs}")
        } else {
            let digits = |n: usize| body[bs + 2..].chars().take(n).take_while(|c| c.is_ascii_hexdigit()).count();
            let (end, what) = match esc {
                'x' => (bs + 1 + digits(2), "truncated \\xXX escape"),
                'u' => (bs + 1 + digits(4), "truncated \\uXXXX escape"),
                'U' => (bs + 1 + digits(8), "truncated \\UXXXXXXXX escape"),
                'N' if body[bs + 2..].starts_with('{') => match body[bs..].find('}') {
                    Some(close) => (bs + close, "unknown Unicode character name"),
                    None => (bs + 1, "malformed \\N character escape"),
                },
                'N' => (bs + 1, "malformed \\N character escape"),
                _ => return None,
            };
            format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {bs}-{end}: {what}")
        };
        Some(self.at(msg, tok.start, tok.end))
    }

    fn in_class_bases(&self, offset: usize) -> bool {
        let finder = NodeFinder::run(self.module);
        finder.path_at(offset).iter().any(|n| match n {
            AnyNodeRef::StmtClassDef(c) => {
                c.arguments.as_ref().is_some_and(|a| a.range.contains(TextSize::new(offset as u32)))
            }
            _ => false,
        })
    }

    fn starred_usage(&self, start: usize, end: usize) -> CompileError {
        let finder = NodeFinder::run(self.module);
        for node in finder.path_at(start).iter().rev() {
            if let AnyNodeRef::ExprDict(d) = node {
                if d.items.iter().any(|i| i.value.range().start().to_usize() == start) {
                    return self.at("cannot use a starred expression in a dictionary value", start, end);
                }
            }
        }
        if self.is_parenthesized(range_of(start, end)) {
            return self.at("cannot use starred expression here", start, end);
        }
        self.generic(start)
    }

    fn fstring_error(
        &self,
        f: &ruff_python_parser::InterpolatedStringErrorType,
        start: usize,
        end: usize,
    ) -> CompileError {
        use ruff_python_parser::InterpolatedStringErrorType as F;
        match f {
            F::InvalidConversionFlag => {
                let c = self.text(start, end);
                if c.is_empty() || c == "}" {
                    self.at("f-string: missing conversion character", start, start + 1)
                } else {
                    self.at(
                        format!("f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'"),
                        start,
                        start + 1,
                    )
                }
            }
            F::LambdaWithoutParentheses => {
                let colon = self.scan.tokens.iter().find(|t| t.start > start && self.token_text(t) == ":");
                let colon_end = colon.map_or(end, |t| t.end);
                self.at("f-string: lambda expressions are not allowed without parentheses", start, colon_end)
            }
            F::SingleRbrace => self.at("f-string: single '}' is not allowed", start, start + 1),
            F::UnclosedLbrace => {
                // After a conversion (`!r`), only a format spec or the end of the field may follow.
                let prev = self.prev_token(start);
                let before = prev.and_then(|p| self.prev_token(p.start));
                if before.is_some_and(|b| self.token_text(&b) == "!") && prev.is_some_and(|p| p.kind == Tk::Name) {
                    return self.at("f-string: expecting ':' or '}'", start, start + 1);
                }
                self.at("f-string: expecting '}'", start, start + 1)
            }
            F::ConversionFlagNotImmediatelyAfterExclamation => {
                self.at("f-string: conversion type must come right after the exclamanation mark", start, start + 1)
            }
            _ => self.generic(start),
        }
    }

    fn lexical(&self, l: &LexicalErrorType, start: usize, end: usize) -> CompileError {
        match l {
            LexicalErrorType::InvalidByteLiteral => {
                let tok = self.token(start).filter(|t| t.start <= start);
                let (s, e) = tok.map_or((start, end), |t| (t.start, t.end));
                self.at("bytes can only contain ASCII literal characters", s, e)
            }
            LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace => self.escape_error(start).unwrap_or_else(|| self.generic(start)),
            LexicalErrorType::Eof => self.at("unexpected EOF while parsing", start, start + 1),
            LexicalErrorType::FStringError(f) => self.fstring_error(f, start, end),
            _ => self.generic(start),
        }
    }

    fn other_error(&self, msg: &str, start: usize, end: usize) -> CompileError {
        if let Some(rest) = msg.strip_prefix("Expected an indented block after ") {
            return self.expected_block(rest, start, end);
        }
        match msg {
            "Only one '*' parameter allowed" => self.at("* argument may appear only once", start, start + 1),
            "Only one '/' separator allowed" => self.at("/ may appear only once", start, start + 1),
            "Expected a parameter name" => {
                let eq = self.scan.tokens.iter().find(|t| t.start >= end && self.token_text(t) == "=");
                let eq_end = eq.map_or(end, |t| t.end);
                let text = self.text(start, end);
                if matches!(text, "True" | "False" | "None") {
                    self.at(format!("cannot assign to {text}"), start, eq_end)
                } else {
                    self.at("expression cannot contain assignment, perhaps you meant \"==\"?", start, eq_end)
                }
            }
            "Expected `except` or `finally` after `try` block" => {
                // At the first token after the `try` block.
                let finder = NodeFinder::run(self.module);
                let try_stmt = finder
                    .stmts()
                    .filter(|s| matches!(s, Stmt::Try(t) if t.handlers.is_empty() && t.finalbody.is_empty()))
                    .filter(|s| s.range().start().to_usize() <= start)
                    .max_by_key(|s| s.range().start());
                let (try_start, after) = match try_stmt {
                    Some(Stmt::Try(t)) => {
                        (t.range.start().to_usize(), t.body.last().map_or(start, |b| b.range().end().to_usize()))
                    }
                    _ => (start, start),
                };
                let j = self.scan.logical_starts.partition_point(|&s| s < after);
                let block = self.scan.logical_starts.get(j).copied();
                self.at_next_line("SyntaxError", "expected 'except' or 'finally' block".to_string(), try_start, block)
            }
            "Bytes literal cannot be mixed with non-bytes literals" => {
                // At the token after the strings.
                let next = self.scan.tokens.iter().find(|t| t.start >= end);
                self.at_token("SyntaxError", "cannot mix bytes and nonbytes literals", next.map_or(end, |t| t.start))
            }
            "Expected one or more exception types" => self.at("expected one or more exception types", start, end),
            "Cannot have both 'except' and 'except*' on the same 'try'" => {
                // At the clause's `except`, through its `*` when it has one, as CPython's grammar reports it.
                let star = self.scan.tokens.iter().find(|t| t.start > start).filter(|t| self.token_text(t) == "*");
                let end = star.map_or(start + "except".len(), |t| t.end);
                self.at("cannot have both 'except' and 'except*' on the same 'try'", start, end)
            }
            "Star import must be the only import" => {
                let next = self.scan.tokens.iter().find(|t| t.start > start);
                self.generic(next.map_or(start, |t| t.start))
            }
            "Trailing comma not allowed" => {
                let next = self.scan.tokens.iter().find(|t| t.start >= end).map_or(end, |t| t.start);
                if self.logical_line_starts_with(start, "from") {
                    return self.at_token(
                        "SyntaxError",
                        "trailing comma not allowed without surrounding parentheses",
                        next,
                    );
                }
                self.generic(next)
            }
            _ => self.generic(start),
        }
    }

    /// IndentationError for a compound statement without a body.
    fn expected_block(&self, _what: &str, start: usize, _end: usize) -> CompileError {
        // The block was expected at the first logical line after the error; the header is the one before.
        let j = self.scan.logical_starts.partition_point(|&s| s < start);
        let block = self.scan.logical_starts.get(j).copied();
        let header = j.checked_sub(1).and_then(|i| self.scan.logical_starts.get(i).copied());
        let mut what = String::from("statement");
        let mut lineno = 1;
        if let Some(h) = header {
            if let Some(mut t) = self.token(h) {
                if self.token_text(&t) == "async" {
                    if let Some(n) = self.scan.tokens.iter().find(|x| x.start > t.start) {
                        t = *n;
                    }
                }
                lineno = crate::error::Position::of(self.source, t.start).lineno;
                let kw = self.token_text(&t);
                what = match kw {
                    "def" => "function definition".to_string(),
                    "class" => "class definition".to_string(),
                    "except" => {
                        let star = self
                            .scan
                            .tokens
                            .iter()
                            .find(|x| x.start > t.start)
                            .is_some_and(|x| self.token_text(x) == "*");
                        if star {
                            "'except*' statement".to_string()
                        } else {
                            "'except' statement".to_string()
                        }
                    }
                    kw => format!("'{kw}' statement"),
                };
            }
        }
        let msg = format!("expected an indented block after {what} on line {lineno}");
        self.at_next_line("IndentationError", msg, header.unwrap_or(0), block)
    }

    /// An error CPython reports at the first token after a compound statement's header (at `block`, the
    /// start of the next logical line): when that line is dedented below the statement (starting at
    /// `stmt`), the token is a DEDENT, which has no position of its own (no caret).
    fn at_next_line(&self, kind: &'static str, msg: String, stmt: usize, block: Option<usize>) -> CompileError {
        let Some(block) = block else {
            return self.at_eof(kind, msg);
        };
        let stmt_col = stmt - self.line_start_of(stmt);
        let pos = crate::error::Position::of(self.source, block);
        if pos.col - 1 < stmt_col {
            return CompileError {
                kind,
                msg,
                filename: self.filename.into(),
                lineno: pos.lineno,
                col: pos.col - 1,
                end_col: 0,
                line: Some(pos.line_text(self.source).to_string()),
            };
        }
        self.at_token(kind, msg, block)
    }

    /// The errors of CPython's `invalid_assignment`, `invalid_del_stmt`, `invalid_for_target`,
    /// `invalid_with_item`, `invalid_named_expression` and `invalid_ann_assign_target` rules.
    fn target_error(&self, start: usize, _end: usize) -> Option<CompileError> {
        let finder = NodeFinder::run(self.module);
        let path = finder.path_at(start);
        // The innermost construct with targets that contains the error.
        for node in path.iter().rev() {
            match node {
                AnyNodeRef::ExprNamed(n) if n.target.range().contains_inclusive(TextSize::new(start as u32)) => {
                    return Some(self.at_node(
                        format!("cannot use assignment expressions with {}", expr_name(&n.target)),
                        n.target.range(),
                    ));
                }
                AnyNodeRef::Comprehension(c) if c.target.range().contains_inclusive(TextSize::new(start as u32)) => {
                    return self.invalid_target(&c.target, TargetKind::For);
                }
                AnyNodeRef::StmtFor(f) if f.target.range().contains_inclusive(TextSize::new(start as u32)) => {
                    return self.invalid_target(&f.target, TargetKind::For);
                }
                AnyNodeRef::StmtWith(w) => {
                    for item in &w.items {
                        if let Some(v) = &item.optional_vars {
                            if v.range().contains_inclusive(TextSize::new(start as u32)) {
                                return self.invalid_target(v, TargetKind::Star);
                            }
                        }
                    }
                }
                AnyNodeRef::StmtDelete(d) => {
                    for t in &d.targets {
                        if let Some(err) = self.invalid_target(t, TargetKind::Del) {
                            return Some(err);
                        }
                    }
                    return None;
                }
                AnyNodeRef::StmtAugAssign(a) => {
                    return Some(self.at_node(
                        format!("'{}' is an illegal expression for augmented assignment", expr_name(&a.target)),
                        a.target.range(),
                    ));
                }
                AnyNodeRef::StmtAnnAssign(a) => {
                    // Without an annotation (or with a starred target) none of CPython's rules apply: plain
                    // "invalid syntax" at `:`.
                    let colon = self.token(a.target.range().end().to_usize());
                    if let Some(colon) = colon.filter(|c| self.token_text(c) == ":") {
                        let next = self.scan.tokens.iter().find(|t| t.start >= colon.end);
                        if next.is_none_or(|t| !self.starts_expression(t)) || a.target.is_starred_expr() {
                            return Some(self.generic(colon.start));
                        }
                    }
                    return Some(match a.target.as_ref() {
                        Expr::Tuple(t) if !t.parenthesized => self.at_node(
                            "only single target (not tuple) can be annotated",
                            t.elts.first().map_or(t.range, |e| e.range()),
                        ),
                        Expr::Tuple(t) => self.at_node("only single target (not tuple) can be annotated", t.range),
                        Expr::List(l) => self.at_node("only single target (not list) can be annotated", l.range),
                        other => self.at_node("illegal target for annotation", other.range()),
                    });
                }
                AnyNodeRef::StmtAssign(a) => return self.assign_error(a),
                _ => {}
            }
        }
        None
    }

    fn assign_error(&self, a: &ast::StmtAssign) -> Option<CompileError> {
        // `invalid_named_expression`, reached through the elements of the first target.
        let first = a.targets.first()?;
        let rhs: &Expr = a.targets.get(1).unwrap_or(&a.value);
        let rhs_is_target = a.targets.len() > 1;
        let elements: Vec<&Expr> = match first {
            Expr::Tuple(t) if !t.parenthesized => t.elts.iter().collect(),
            other => vec![other],
        };
        if let Some(&last) = elements.last() {
            // What `bitwise_or` matches at the start of the right-hand side, and whether it is followed by
            // another `=`.
            let b = leftmost_bitwise(rhs, self);
            let b_ok = b.is_some_and(|b| !(rhs_is_target && std::ptr::eq(b, rhs)));
            if b_ok {
                let b = b?;
                if let Expr::Name(n) = last {
                    return Some(self.at(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        n.range.start().to_usize(),
                        b.range().end().to_usize(),
                    ));
                }
                if !excluded_atom(last) && is_bitwise_level(last, self) {
                    return Some(self.at_node(
                        format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(last)),
                        last.range(),
                    ));
                }
            }
        }
        // `invalid_assignment`: the first target that is not a valid one.
        for t in &a.targets {
            if let Expr::Yield(_) | Expr::YieldFrom(_) = t {
                if !self.is_parenthesized(t.range()) {
                    return Some(self.at_node("assignment to yield expression not possible", t.range()));
                }
            }
            if let Some(err) = self.invalid_target(t, TargetKind::Star) {
                return Some(err);
            }
        }
        None
    }

    fn invalid_target(&self, e: &Expr, kind: TargetKind) -> Option<CompileError> {
        let bad = invalid_target(e, kind)?;
        let msg = match kind {
            TargetKind::Del => format!("cannot delete {}", expr_name(bad)),
            _ => format!("cannot assign to {}", expr_name(bad)),
        };
        Some(self.at_node(msg, bad.range()))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetKind {
    Star,
    For,
    Del,
}

/// CPython's `_PyPegen_get_invalid_target`.
fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match e {
        Expr::List(l) => l.elts.iter().find_map(|x| invalid_target(x, kind)),
        Expr::Tuple(t) => t.elts.iter().find_map(|x| invalid_target(x, kind)),
        Expr::Starred(s) => {
            if kind == TargetKind::Del {
                Some(e)
            } else {
                invalid_target(&s.value, kind)
            }
        }
        Expr::Compare(c) => {
            if kind == TargetKind::For {
                if c.ops.first() == Some(&ast::CmpOp::In) {
                    return invalid_target(&c.left, kind);
                }
                return None;
            }
            Some(e)
        }
        Expr::Name(_) | Expr::Subscript(_) | Expr::Attribute(_) => None,
        _ => Some(e),
    }
}

/// CPython's `_PyPegen_get_expr_name`.
fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// Whether CPython's `bitwise_or` rule can match the whole expression.
fn is_bitwise_level(e: &Expr, ctx: &Ctx) -> bool {
    match e {
        Expr::BoolOp(_)
        | Expr::Compare(_)
        | Expr::If(_)
        | Expr::Lambda(_)
        | Expr::Named(_)
        | Expr::Starred(_)
        | Expr::Yield(_)
        | Expr::YieldFrom(_) => ctx.is_parenthesized(e.range()),
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => ctx.is_parenthesized(e.range()),
        Expr::Tuple(t) => t.parenthesized,
        Expr::Generator(g) => g.parenthesized,
        _ => true,
    }
}

/// The expression `bitwise_or` matches at the start of `e`, if any.
fn leftmost_bitwise<'e>(e: &'e Expr, ctx: &Ctx) -> Option<&'e Expr> {
    if is_bitwise_level(e, ctx) {
        return Some(e);
    }
    match e {
        Expr::Tuple(t) => leftmost_bitwise(t.elts.first()?, ctx),
        Expr::BoolOp(b) => leftmost_bitwise(b.values.first()?, ctx),
        Expr::Compare(c) => leftmost_bitwise(&c.left, ctx),
        Expr::If(i) => leftmost_bitwise(&i.body, ctx),
        _ => None,
    }
}

/// Whether the expression starts with a list, a parenthesized tuple or generator, `True`, `False` or
/// `None` (CPython's `invalid_named_expression` does not apply to those).
fn excluded_atom(e: &Expr) -> bool {
    match leftmost_atom(e) {
        Expr::List(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => true,
        Expr::Tuple(t) => t.parenthesized,
        Expr::Generator(g) => g.parenthesized,
        _ => false,
    }
}

/// The atom an expression starts with.
fn leftmost_atom(e: &Expr) -> &Expr {
    match e {
        Expr::BinOp(b) => leftmost_atom(&b.left),
        Expr::Call(c) => leftmost_atom(&c.func),
        Expr::Attribute(a) => leftmost_atom(&a.value),
        Expr::Subscript(s) => leftmost_atom(&s.value),
        _ => e,
    }
}

/// Finds the nodes of the (partial) syntax tree around a position.
struct NodeFinder<'a> {
    nodes: Vec<AnyNodeRef<'a>>,
    exprs: Vec<&'a Expr>,
    stmts: Vec<&'a Stmt>,
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
    fn run(module: &'a ModModule) -> Self {
        let mut f = NodeFinder { nodes: Vec::new(), exprs: Vec::new(), stmts: Vec::new() };
        for stmt in &module.body {
            f.visit_stmt(stmt);
        }
        f
    }

    /// The nodes containing `offset`, outermost first.
    fn path_at(&self, offset: usize) -> Vec<AnyNodeRef<'a>> {
        let off = TextSize::new(offset as u32);
        self.nodes.iter().filter(|n| n.range().contains_inclusive(off)).copied().collect()
    }

    fn exprs(&self) -> impl Iterator<Item = &'a Expr> + '_ {
        self.exprs.iter().copied()
    }

    fn outermost_expr_starting_at(&self, offset: usize) -> Option<&'a Expr> {
        self.exprs().filter(|e| e.range().start().to_usize() == offset).max_by_key(|e| e.range().len())
    }

    fn outermost_expr_ending_at(&self, offset: usize, not_before: usize) -> Option<&'a Expr> {
        self.exprs()
            .filter(|e| e.range().end().to_usize() == offset && e.range().start().to_usize() >= not_before)
            .max_by_key(|e| e.range().len())
    }

    fn innermost_expr_at(&self, offset: usize, pred: impl Fn(&Expr) -> bool) -> Option<&'a Expr> {
        let off = TextSize::new(offset as u32);
        self.exprs().filter(|e| e.range().contains_inclusive(off) && pred(e)).min_by_key(|e| e.range().len())
    }

    fn stmts(&self) -> impl Iterator<Item = &'a Stmt> + '_ {
        self.stmts.iter().copied()
    }

    /// The last statement ending at or before `offset`, on the same line.
    fn stmt_ending_before(&self, offset: usize) -> Option<&'a Stmt> {
        self.stmts()
            .filter(|s| s.range().end().to_usize() <= offset)
            .max_by_key(|s| (s.range().end(), std::cmp::Reverse(s.range().len())))
    }

    fn stmt_starting_at(&self, offset: usize) -> Option<&'a Stmt> {
        self.stmts().filter(|s| s.range().start().to_usize() == offset).max_by_key(|s| s.range().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(src: &str) -> String {
        match parse_module(src, "x.py").and_then(|m| crate::scope::SymbolTable::build(&m, src, "x.py").map(|_| ())) {
            Ok(()) => "OK".to_string(),
            Err(e) => e.render(),
        }
    }

    /// Programs and the stderr of `python3.12 x.py` for them (recorded; "OK" when CPython compiles them).
    #[test]
    fn reports_match_cpython() {
        let cases: &[(&str, &str)] = &[
            (
                "try:\n  pass\nexcept* E:\n  pass\nexcept F:\n  pass\n",
                "  File \"x.py\", line 5\n    except F:\n    ^^^^^^\nSyntaxError: cannot have both 'except' and 'except*' on the same 'try'\n",
            ),
            (
                "try:\n  pass\nexcept E:\n  pass\nexcept * F:\n  pass\n",
                "  File \"x.py\", line 5\n    except * F:\n    ^^^^^^^^\nSyntaxError: cannot have both 'except' and 'except*' on the same 'try'\n",
            ),
            (
                "try:\n  pass\nexcept*:\n  pass\n",
                "  File \"x.py\", line 3\n    except*:\n           ^\nSyntaxError: expected one or more exception types\n",
            ),
            (
                "def f():\n  try:\n    pass\n  except* E:\n    return 1\n",
                "  File \"x.py\", line 5\n    return 1\n           ^\nSyntaxError: 'break', 'continue' and 'return' cannot appear in an except* block\n",
            ),
            (
                r#"x = = 1
"#,
                r#"  File "x.py", line 1
    x = = 1
        ^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"1 = x
"#,
                r#"  File "x.py", line 1
    1 = x
    ^
SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"f() = 1
"#,
                r#"  File "x.py", line 1
    f() = 1
    ^^^
SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"del 1
"#,
                r#"  File "x.py", line 1
    del 1
        ^
SyntaxError: cannot delete literal
"#,
            ),
            (
                r#"f(**x, *y)
"#,
                r#"  File "x.py", line 1
    f(**x, *y)
           ^
SyntaxError: iterable argument unpacking follows keyword argument unpacking
"#,
            ),
            (
                r#"f(x=1, y)
"#,
                r#"  File "x.py", line 1
    f(x=1, y)
            ^
SyntaxError: positional argument follows keyword argument
"#,
            ),
            (
                r#"if x
  pass
"#,
                r#"  File "x.py", line 1
    if x
        ^
SyntaxError: expected ':'
"#,
            ),
            (
                r#"x = "abc
"#,
                r#"  File "x.py", line 1
    x = "abc
        ^
SyntaxError: unterminated string literal (detected at line 1)
"#,
            ),
            (
                r#"x = '''abc

"#,
                r#"  File "x.py", line 1
    x = '''abc
        ^
SyntaxError: unterminated triple-quoted string literal (detected at line 2)
"#,
            ),
            (
                r#"x = $
"#,
                r#"  File "x.py", line 1
    x = $
        ^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"print "x"
"#,
                r#"  File "x.py", line 1
    print "x"
    ^^^^^^^^^
SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
"#,
            ),
            (
                r#"else: pass
"#,
                r#"  File "x.py", line 1
    else: pass
    ^^^^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"x = 1abc
"#,
                r#"  File "x.py", line 1
    x = 1abc
        ^
SyntaxError: invalid decimal literal
"#,
            ),
            (
                r#"def f(a=1, b): pass
"#,
                r#"  File "x.py", line 1
    def f(a=1, b): pass
               ^
SyntaxError: parameter without a default follows parameter with a default
"#,
            ),
            (
                r#"*a, *b = x
"#,
                r#"  File "x.py", line 1
    *a, *b = x
    ^^^^^^
SyntaxError: multiple starred expressions in assignment
"#,
            ),
            (
                r#"*a
"#,
                r#"  File "x.py", line 1
    *a
    ^^
SyntaxError: can't use starred expression here
"#,
            ),
            (
                r#"x = (1,
2
"#,
                r#"  File "x.py", line 1
    x = (1,
        ^
SyntaxError: '(' was never closed
"#,
            ),
            (
                r#"x = [1, 2)
"#,
                r#"  File "x.py", line 1
    x = [1, 2)
             ^
SyntaxError: closing parenthesis ')' does not match opening parenthesis '['
"#,
            ),
            (
                r#"x = 1)
"#,
                r#"  File "x.py", line 1
    x = 1)
         ^
SyntaxError: unmatched ')'
"#,
            ),
            (
                r#"    x = 1
"#,
                r#"  File "x.py", line 1
    x = 1
IndentationError: unexpected indent
"#,
            ),
            (
                r#"if x:
pass
"#,
                r#"  File "x.py", line 2
    pass
    ^
IndentationError: expected an indented block after 'if' statement on line 1
"#,
            ),
            (
                r#"if x:
    a
  b
"#,
                r#"  File "x.py", line 3
    b
     ^
IndentationError: unindent does not match any outer indentation level
"#,
            ),
            (
                r#"if x:
	a
        b
"#,
                r#"  File "x.py", line 3
    b
TabError: inconsistent use of tabs and spaces in indentation
"#,
            ),
            (
                r#"f(a b)
"#,
                r#"  File "x.py", line 1
    f(a b)
      ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"f(a for a in b, c)
"#,
                r#"  File "x.py", line 1
    f(a for a in b, c)
      ^^^^^^^^^^^^
SyntaxError: Generator expression must be parenthesized
"#,
            ),
            (
                r#"x + 1 = 2
"#,
                r#"  File "x.py", line 1
    x + 1 = 2
    ^^^^^
SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"(a, 1) = x
"#,
                r#"  File "x.py", line 1
    (a, 1) = x
        ^
SyntaxError: cannot assign to literal
"#,
            ),
            (
                r#"[a, f()] = x
"#,
                r#"  File "x.py", line 1
    [a, f()] = x
        ^^^
SyntaxError: cannot assign to function call
"#,
            ),
            (
                r#"x += 1 += 2
"#,
                r#"  File "x.py", line 1
    x += 1 += 2
           ^^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"f() += 1
"#,
                r#"  File "x.py", line 1
    f() += 1
    ^^^
SyntaxError: 'function call' is an illegal expression for augmented assignment
"#,
            ),
            (
                r#"[a, b] += 1
"#,
                r#"  File "x.py", line 1
    [a, b] += 1
    ^^^^^^
SyntaxError: 'list' is an illegal expression for augmented assignment
"#,
            ),
            (
                r#"del f()
"#,
                r#"  File "x.py", line 1
    del f()
        ^^^
SyntaxError: cannot delete function call
"#,
            ),
            (
                r#"try:
  pass
"#,
                r#"  File "x.py", line 2
    pass
SyntaxError: expected 'except' or 'finally' block
"#,
            ),
            (
                r#"x = {'a': 1
y = 2
"#,
                r#"  File "x.py", line 1
    x = {'a': 1
        ^
SyntaxError: '{' was never closed
"#,
            ),
            (
                r#"def f(a, a=1, *, b): pass
"#,
                r#"  File "x.py", line 1
    def f(a, a=1, *, b): pass
             ^
SyntaxError: duplicate argument 'a' in function definition
"#,
            ),
            (
                r#"def f(*): pass
"#,
                r#"  File "x.py", line 1
    def f(*): pass
          ^
SyntaxError: named arguments must follow bare *
"#,
            ),
            (
                r#"def f(**k, a): pass
"#,
                r#"  File "x.py", line 1
    def f(**k, a): pass
               ^
SyntaxError: arguments cannot follow var-keyword argument
"#,
            ),
            (
                r#"def f(*a, *b): pass
"#,
                r#"  File "x.py", line 1
    def f(*a, *b): pass
              ^
SyntaxError: * argument may appear only once
"#,
            ),
            (
                r#"def f(a, /, b, /): pass
"#,
                r#"  File "x.py", line 1
    def f(a, /, b, /): pass
                   ^
SyntaxError: / may appear only once
"#,
            ),
            (
                r#"x = yield = 1
"#,
                r#"  File "x.py", line 1
    x = yield = 1
        ^^^^^
SyntaxError: assignment to yield expression not possible
"#,
            ),
            (
                r#"a if b
"#,
                r#"  File "x.py", line 1
    a if b
    ^^^^^^
SyntaxError: expected 'else' after 'if' expression
"#,
            ),
            (
                r#"x = (1 2)
"#,
                r#"  File "x.py", line 1
    x = (1 2)
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"x = [1 2]
"#,
                r#"  File "x.py", line 1
    x = [1 2]
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"x = {1 2}
"#,
                r#"  File "x.py", line 1
    x = {1 2}
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"(x.y := 1)
"#,
                r#"  File "x.py", line 1
    (x.y := 1)
     ^^^
SyntaxError: cannot use assignment expressions with attribute
"#,
            ),
            (
                r#"x = [
"#,
                r#"  File "x.py", line 1
    x = [
        ^
SyntaxError: '[' was never closed
"#,
            ),
            (
                r#"x = 0777
"#,
                r#"  File "x.py", line 1
    x = 0777
        ^
SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
"#,
            ),
            (
                r#"x = 0b2
"#,
                r#"  File "x.py", line 1
    x = 0b2
          ^
SyntaxError: invalid digit '2' in binary literal
"#,
            ),
            (
                r#"True = 1
"#,
                r#"  File "x.py", line 1
    True = 1
    ^^^^
SyntaxError: cannot assign to True
"#,
            ),
            (
                r#"None = 1
"#,
                r#"  File "x.py", line 1
    None = 1
    ^^^^
SyntaxError: cannot assign to None
"#,
            ),
            (
                r#"__debug__ = 2
"#,
                r#"  File "x.py", line 1
    __debug__ = 2
    ^^^^^^^^^
SyntaxError: cannot assign to __debug__
"#,
            ),
            (
                r#"f(a.b=1)
"#,
                r#"  File "x.py", line 1
    f(a.b=1)
      ^^^^
SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
"#,
            ),
            (
                r#"from . import *
"#,
                r#"OK"#,
            ),
            (
                r#"print(f"{x")
"#,
                r#"  File "x.py", line 1
    print(f"{x")
              ^
SyntaxError: f-string: expecting '}'
"#,
            ),
            (
                r#"print(f"{}")
"#,
                r#"  File "x.py", line 1
    print(f"{}")
             ^
SyntaxError: f-string: valid expression required before '}'
"#,
            ),
            (
                r#"f"{x!z}"
"#,
                r#"  File "x.py", line 1
    f"{x!z}"
         ^
SyntaxError: f-string: invalid conversion character 'z': expected 's', 'r', or 'a'
"#,
            ),
            (
                r#"return
"#,
                r#"  File "x.py", line 1
    return
    ^^^^^^
SyntaxError: 'return' outside function
"#,
            ),
            (
                r#"x = (yield)
"#,
                r#"  File "x.py", line 1
    x = (yield)
         ^^^^^
SyntaxError: 'yield' outside function
"#,
            ),
            (
                r#"match x:
  case 1+1: pass
"#,
                r#"  File "x.py", line 2
    case 1+1: pass
           ^
SyntaxError: imaginary number required in complex literal
"#,
            ),
            (
                r#"x = {**a for a in b}
"#,
                r#"  File "x.py", line 1
    x = {**a for a in b}
         ^^
SyntaxError: dict unpacking cannot be used in dict comprehension
"#,
            ),
            (
                r#"x = {a: *b}
"#,
                r#"  File "x.py", line 1
    x = {a: *b}
            ^^
SyntaxError: cannot use a starred expression in a dictionary value
"#,
            ),
            (
                r#"x = [*a for a in b]
"#,
                r#"  File "x.py", line 1
    x = [*a for a in b]
         ^^
SyntaxError: iterable unpacking cannot be used in comprehension
"#,
            ),
            (
                r#"l = [1, 2
     3, 4]
"#,
                r#"  File "x.py", line 1
    l = [1, 2
            ^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
            ),
            (
                r#"f"{x}" = 1
"#,
                r#"  File "x.py", line 1
    f"{x}" = 1
    ^^^^^^
SyntaxError: cannot assign to f-string expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"x, y += 1
"#,
                r#"  File "x.py", line 1
    x, y += 1
    ^^^^
SyntaxError: 'tuple' is an illegal expression for augmented assignment
"#,
            ),
            (
                r#"(x for x in y) = 1
"#,
                r#"  File "x.py", line 1
    (x for x in y) = 1
    ^^^^^^^^^^^^^^
SyntaxError: cannot assign to generator expression
"#,
            ),
            (
                r#"{a: b} = 1
"#,
                r#"  File "x.py", line 1
    {a: b} = 1
    ^^^^^^
SyntaxError: cannot assign to dict literal here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"{a} = 1
"#,
                r#"  File "x.py", line 1
    {a} = 1
    ^^^
SyntaxError: cannot assign to set display here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"a and b = 1
"#,
                r#"  File "x.py", line 1
    a and b = 1
    ^^^^^^^
SyntaxError: cannot assign to expression
"#,
            ),
            (
                r#"a < b = 1
"#,
                r#"  File "x.py", line 1
    a < b = 1
    ^^^^^
SyntaxError: cannot assign to comparison
"#,
            ),
            (
                r#"a if b else c = 1
"#,
                r#"  File "x.py", line 1
    a if b else c = 1
    ^^^^^^^^^^^^^
SyntaxError: cannot assign to conditional expression
"#,
            ),
            (
                r#"await x = 1
"#,
                r#"  File "x.py", line 1
    await x = 1
    ^^^^^^^
SyntaxError: cannot assign to await expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"... = 1
"#,
                r#"  File "x.py", line 1
    ... = 1
    ^^^
SyntaxError: cannot assign to ellipsis here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"lambda: 1 = 1
"#,
                r#"  File "x.py", line 1
    lambda: 1 = 1
    ^^^^^^^^^
SyntaxError: cannot assign to lambda
"#,
            ),
            (
                r#"(yield) = 1
"#,
                r#"  File "x.py", line 1
    (yield) = 1
     ^^^^^
SyntaxError: cannot assign to yield expression here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"[i for i in x] = 1
"#,
                r#"  File "x.py", line 1
    [i for i in x] = 1
    ^^^^^^^^^^^^^^
SyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"del a + b
"#,
                r#"  File "x.py", line 1
    del a + b
        ^^^^^
SyntaxError: cannot delete expression
"#,
            ),
            (
                r#"del *a
"#,
                r#"  File "x.py", line 1
    del *a
        ^^
SyntaxError: cannot delete starred
"#,
            ),
            (
                r#"(*a) = 1
"#,
                r#"  File "x.py", line 1
    (*a) = 1
     ^^
SyntaxError: cannot use starred expression here
"#,
            ),
            (
                r#"\
"#,
                r#"  File "x.py", line 1
    \
SyntaxError: unexpected EOF while parsing
"#,
            ),
            (
                r#"x = 1 \ 2
"#,
                r#"  File "x.py", line 1
    x = 1 \ 2
           ^
SyntaxError: unexpected character after line continuation character
"#,
            ),
            (
                r#"€ = 1
"#,
                r#"  File "x.py", line 1
    € = 1
    ^
SyntaxError: invalid character '€' (U+20AC)
"#,
            ),
            (
                r#"x = 'a' + 1€
"#,
                r#"  File "x.py", line 1
    x = 'a' + 1€
               ^
SyntaxError: invalid character '€' (U+20AC)
"#,
            ),
            (
                r#"def f():
    x = 1
    if x = 2:
        pass
"#,
                r#"  File "x.py", line 3
    if x = 2:
       ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"x = [1, 2, 3]]
"#,
                r#"  File "x.py", line 1
    x = [1, 2, 3]]
                 ^
SyntaxError: unmatched ']'
"#,
            ),
            (
                r#"print(f"{x!}")
"#,
                r#"  File "x.py", line 1
    print(f"{x!}")
               ^
SyntaxError: f-string: missing conversion character
"#,
            ),
            (
                r#"print(f"{x:{y:{z:{w}}}}")
"#,
                r#"  File "x.py", line 1
    print(f"{x:{y:{z:{w}}}}")
                    ^
SyntaxError: f-string: expressions nested too deeply
"#,
            ),
            (
                r#"print(f"{lambda x: 1}")
"#,
                r#"  File "x.py", line 1
    print(f"{lambda x: 1}")
             ^^^^^^^^^
SyntaxError: f-string: lambda expressions are not allowed without parentheses
"#,
            ),
            (
                r#"print(f"{x!r=}")
"#,
                r#"  File "x.py", line 1
    print(f"{x!r=}")
                ^
SyntaxError: f-string: expecting ':' or '}'
"#,
            ),
            (
                r#"print(f"abc)
"#,
                r#"  File "x.py", line 1
    print(f"abc)
          ^
SyntaxError: unterminated f-string literal (detected at line 1)
"#,
            ),
            (
                r#"s = f"""abc
def
"#,
                r#"  File "x.py", line 1
    s = f"""abc
        ^
SyntaxError: unterminated triple-quoted f-string literal (detected at line 2)
"#,
            ),
            (
                r#"f"{x)}"
"#,
                r#"  File "x.py", line 1
    f"{x)}"
        ^
SyntaxError: f-string: unmatched ')'
"#,
            ),
            (
                r#"lambda: await x
"#,
                r#"  File "x.py", line 1
    lambda: await x
            ^^^^^^^
SyntaxError: 'await' outside async function
"#,
            ),
            (
                r#"try:
    pass
except ValueError, TypeError:
    pass
"#,
                r#"  File "x.py", line 3
    except ValueError, TypeError:
           ^^^^^^^^^^^^^^^^^^^^^
SyntaxError: multiple exception types must be parenthesized
"#,
            ),
            (
                r#"from os import path,
"#,
                r#"  File "x.py", line 1
    from os import path,
                        ^
SyntaxError: trailing comma not allowed without surrounding parentheses
"#,
            ),
            (
                r#"def f():
    nonlocal x
"#,
                r#"  File "x.py", line 2
    nonlocal x
    ^^^^^^^^^^
SyntaxError: no binding for nonlocal 'x' found
"#,
            ),
            (
                r#"x = {1: 2, 3}
"#,
                r#"  File "x.py", line 1
    x = {1: 2, 3}
               ^
SyntaxError: ':' expected after dictionary key
"#,
            ),
            (
                r#"def f(x: int = ) -> int: pass
"#,
                r#"  File "x.py", line 1
    def f(x: int = ) -> int: pass
                 ^
SyntaxError: expected default value expression
"#,
            ),
            (
                r#"await x
"#,
                r#"  File "x.py", line 1
    await x
    ^^^^^^^
SyntaxError: 'await' outside function
"#,
            ),
            (
                r#"for x in y:
    def g():
        continue
"#,
                r#"  File "x.py", line 3
    continue
    ^^^^^^^^
SyntaxError: 'continue' not properly in loop
"#,
            ),
            (
                r#"x = 0x
"#,
                r#"  File "x.py", line 1
    x = 0x
         ^
SyntaxError: invalid hexadecimal literal
"#,
            ),
            (
                r#"x = 0o78
"#,
                r#"  File "x.py", line 1
    x = 0o78
           ^
SyntaxError: invalid digit '8' in octal literal
"#,
            ),
            (
                r#"x = b'é'
"#,
                r#"  File "x.py", line 1
    x = b'é'
        ^^^^^
SyntaxError: bytes can only contain ASCII literal characters
"#,
            ),
            (
                r#"x = '\N{foo}'
"#,
                r#"  File "x.py", line 1
    x = '\N{foo}'
        ^^^^^^^^^
SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name
"#,
            ),
            (
                r#"x = b'\xg'
"#,
                r#"  File "x.py", line 1
    x = b'\xg'
        ^^^^^^
SyntaxError: (value error) invalid \x escape at position 0
"#,
            ),
            (
                r#""""docstring"""
from __future__ import annotations
from __future__ import nonexistent
"#,
                r#"  File "x.py", line 3
    from __future__ import nonexistent
    ^
SyntaxError: future feature nonexistent is not defined
"#,
            ),
            (
                r#"x = 1
from __future__ import annotations
"#,
                r#"  File "x.py", line 2
    from __future__ import annotations
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
SyntaxError: from __future__ imports must occur at the beginning of the file
"#,
            ),
            (
                r#"f(a=1, a=2)
"#,
                r#"  File "x.py", line 1
    f(a=1, a=2)
           ^^^
SyntaxError: keyword argument repeated: a
"#,
            ),
            (
                r#"class A(metaclass=M, metaclass=N): pass
"#,
                r#"  File "x.py", line 1
    class A(metaclass=M, metaclass=N): pass
                         ^^^^^^^^^^^
SyntaxError: keyword argument repeated: metaclass
"#,
            ),
            (
                r#"x = (1, 2, 3]
"#,
                r#"  File "x.py", line 1
    x = (1, 2, 3]
                ^
SyntaxError: closing parenthesis ']' does not match opening parenthesis '('
"#,
            ),
            (
                r#"if (x := 1) and (y = 2): pass
"#,
                r#"  File "x.py", line 1
    if (x := 1) and (y = 2): pass
                     ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"f(a=)
"#,
                r#"  File "x.py", line 1
    f(a=)
      ^^
SyntaxError: expected argument value expression
"#,
            ),
            (
                r#"x = {1:}
"#,
                r#"  File "x.py", line 1
    x = {1:}
          ^
SyntaxError: expression expected after dictionary key and ':'
"#,
            ),
            (
                r#"(a.b = 1)
"#,
                r#"  File "x.py", line 1
    (a.b = 1)
     ^^^
SyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='?
"#,
            ),
            (
                r#"[x = 1]
"#,
                r#"  File "x.py", line 1
    [x = 1]
     ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"f(a, (b = 1))
"#,
                r#"  File "x.py", line 1
    f(a, (b = 1))
          ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
            ),
            (
                r#"f"{x:"
"#,
                r#"  File "x.py", line 1
    f"{x:"
         ^
SyntaxError: f-string: expecting '}', or format specs
"#,
            ),
            (
                r#"def f():
    x = 1
    return [x := 2 for x in y]
"#,
                r#"  File "x.py", line 3
    return [x := 2 for x in y]
            ^
SyntaxError: assignment expression cannot rebind comprehension iteration variable 'x'
"#,
            ),
            (
                r#"x = # comment
"#,
                r#"  File "x.py", line 1
    x = # comment
        ^^^^^^^^^^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"if x   # comment
  pass
"#,
                r#"  File "x.py", line 1
    if x   # comment
           ^^^^^^^^^^
SyntaxError: expected ':'
"#,
            ),
            (
                r#"def f():
    try:
        pass
    x = 1
y = 2
"#,
                r#"  File "x.py", line 4
    x = 1
    ^
SyntaxError: expected 'except' or 'finally' block
"#,
            ),
            (
                r#"def f():
    if x:
        y = 1
    else:
  z = 2
"#,
                r#"  File "x.py", line 5
    z = 2
         ^
IndentationError: unindent does not match any outer indentation level
"#,
            ),
            (
                r#"x = {
    'a': 1,
    'b': 2
y = 3
"#,
                r#"  File "x.py", line 1
    x = {
        ^
SyntaxError: '{' was never closed
"#,
            ),
            (
                r#"raise uni{ttest.SkipTest("x")
y = 1
"#,
                r#"  File "x.py", line 1
    raise uni{ttest.SkipTest("x")
             ^
SyntaxError: '{' was never closed
"#,
            ),
            (
                r#"import collec{tions
"#,
                r#"  File "x.py", line 1
    import collec{tions
                 ^
SyntaxError: invalid syntax
"#,
            ),
            (
                r#"f(a=1,
  b)
"#,
                r#"  File "x.py", line 2
    b)
     ^
SyntaxError: positional argument follows keyword argument
"#,
            ),
            (
                r#"def g[T(x): pass
"#,
                r#"  File "x.py", line 1
    def g[T(x): pass
         ^
SyntaxError: expected '('
"#,
            ),
            (
                r#"x = ('a' if b[1] = 'c')
"#,
                r#"  File "x.py", line 1
    x = ('a' if b[1] = 'c')
         ^^^^^^^^^^^
SyntaxError: expected 'else' after 'if' expression
"#,
            ),
            (
                r#"x = 1
y = 2
    z = 3
w = 4 +
"#,
                r#"  File "x.py", line 3
    z = 3
IndentationError: unexpected indent
"#,
            ),
            (
                r#"s = b'\x1' + 'a
"#,
                r#"  File "x.py", line 1
    s = b'\x1' + 'a
                 ^
SyntaxError: unterminated string literal (detected at line 1)
"#,
            ),
        ];
        let mut failures = Vec::new();
        for &(src, expected) in cases {
            let got = report(src);
            if got.trim_end() != expected.trim_end() {
                failures.push(format!("--- {src:?}\nexpected:\n{expected}\ngot:\n{got}"));
            }
        }
        assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn valid_code_parses() {
        let src = "x = f\"{a!r:>{w}}\" + rf'\\d{b}'\nclass C(B, metaclass=M):\n    def f(self, /, a, *b, c=1, **d):\n        return [i async for i in a]\n";
        assert!(parse_module(src, "x.py").is_ok());
    }
}
