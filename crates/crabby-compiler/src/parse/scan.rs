//! The tokenizer scan: follows CPython's tokenizer closely enough to raise its errors and to know the
//! tokens, brackets and logical lines that the error translation looks at.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tk {
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
pub(super) struct Token {
    pub(super) kind: Tk,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Bracket nesting level around the token (for a bracket, outside it).
    pub(super) level: usize,
}

/// An error raised by CPython's tokenizer.
#[derive(Debug, Clone)]
pub(super) struct TokError {
    pub(super) kind: &'static str,
    pub(super) msg: String,
    pub(super) lineno: usize,
    /// The start of the line whose text is shown.
    pub(super) line_start: usize,
    pub(super) col: usize,
    pub(super) end_col: usize,
    /// Where in the source the error was detected (to order it against parser errors).
    pub(super) offset: usize,
}

impl TokError {
    /// Whether CPython's tokenizer raises it (rather than only stopping, which only matters when the
    /// parser gets there first).
    pub(super) fn raises(&self) -> bool {
        self.kind == "SyntaxError"
            && !matches!(
                self.msg.as_str(),
                "unexpected character after line continuation character" | "unexpected EOF while parsing"
            )
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Paren {
    pub(super) ch: u8,
    pub(super) lineno: usize,
    pub(super) line_start: usize,
    pub(super) offset: usize,
}

/// An f-string being scanned (PEP 701 nesting).
#[derive(Debug, Clone)]
pub(super) struct FString {
    pub(super) quote: u8,
    pub(super) quote_size: usize,
    pub(super) raw: bool,
    pub(super) start: usize,
    pub(super) start_lineno: usize,
    pub(super) start_line_start: usize,
    /// Open replacement fields, innermost last (a field in a format spec nests in its field).
    pub(super) fields: Vec<Field>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    /// The bracket level just inside the field's `{`.
    pub(super) level: usize,
    /// After the field's top-level `:`: scanning its format spec.
    pub(super) in_spec: bool,
}

pub(super) struct Scan<'a> {
    pub(super) src: &'a str,
    pub(super) b: &'a [u8],
    pub(super) pos: usize,
    pub(super) lineno: usize,
    pub(super) line_start: usize,
    /// Start of the buffer CPython's tokenizer holds (earlier lines stay in it across backslash
    /// continuations and multi-line tokens).
    pub(super) buf_start: usize,
    pub(super) tokens: Vec<Token>,
    pub(super) indents: Vec<usize>,
    pub(super) alt_indents: Vec<usize>,
    pub(super) parens: Vec<Paren>,
    pub(super) fstrings: Vec<FString>,
    /// Starts of logical lines (offset of their first token).
    pub(super) logical_starts: Vec<usize>,
    pub(super) at_line_start: bool,
    /// Where a comment started on the current line.
    pub(super) comment_start: Option<usize>,
    pub(super) error: Option<TokError>,
}

pub(super) const TABSIZE: usize = 8;
pub(super) const MAXINDENT: usize = 100;
pub(super) const MAXLEVEL: usize = 200;

pub(super) fn is_ident_start_byte(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 128
}

pub(super) fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

impl<'a> Scan<'a> {
    pub(super) fn run(src: &'a str) -> Scan<'a> {
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

    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    pub(super) fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.pos + n).copied()
    }

    /// The length of the line break at `pos` (`\n`, `\r\n` or `\r`), or 0.
    pub(super) fn newline_len(&self, pos: usize) -> usize {
        match self.b.get(pos) {
            Some(b'\n') => 1,
            Some(b'\r') if self.b.get(pos + 1) == Some(&b'\n') => 2,
            Some(b'\r') => 1,
            _ => 0,
        }
    }

    /// Moves past the line break at the current position and starts a new line.
    pub(super) fn take_newline(&mut self, keep_buffer: bool) {
        let n = self.newline_len(self.pos).max(1);
        self.pos += n;
        self.lineno += 1;
        self.line_start = self.pos;
        if !keep_buffer {
            self.buf_start = self.pos;
        }
    }

    pub(super) fn chars_between(&self, from: usize, to: usize) -> usize {
        let to = to.min(self.src.len());
        self.src.get(from..to).map_or(to.saturating_sub(from), |s| s.chars().count())
    }

    /// CPython's `syntaxerror()`: the caret on the character before `cur`, counted in characters.
    pub(super) fn err_at(&self, msg: impl Into<String>, cur: usize) -> TokError {
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

    pub(super) fn err_range(&self, msg: impl Into<String>, col: usize, end_col: usize, offset: usize) -> TokError {
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

    pub(super) fn push(&mut self, kind: Tk, start: usize, end: usize) {
        let starts_logical_line = !matches!(kind, Tk::Newline | Tk::Indent | Tk::Dedent | Tk::EndMarker)
            && self.tokens.last().is_none_or(|t| matches!(t.kind, Tk::Newline | Tk::Indent | Tk::Dedent));
        if starts_logical_line {
            self.logical_starts.push(start);
        }
        let level = self.parens.len();
        self.tokens.push(Token { kind, start, end, level });
    }

    pub(super) fn level(&self) -> usize {
        self.parens.len()
    }

    pub(super) fn scan(&mut self) -> Result<(), TokError> {
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
    pub(super) fn eof_in_continuation(&self, lineno: usize, line_start: usize) -> TokError {
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

    pub(super) fn end_of_file(&mut self) -> Result<(), TokError> {
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
    pub(super) fn indentation(&mut self) -> Result<bool, TokError> {
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

    pub(super) fn tab_error(&self) -> TokError {
        let mut e = self.err_range("inconsistent use of tabs and spaces in indentation", 1, 0, self.pos);
        e.kind = "TabError";
        e
    }

    pub(super) fn line_end(&self, from: usize) -> usize {
        let rest = &self.b[from..];
        from + rest.iter().position(|&c| c == b'\n' || c == b'\r').unwrap_or(rest.len())
    }

    pub(super) fn name_or_string(&mut self, start: usize) -> Result<(), TokError> {
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

    pub(super) fn verify_identifier(&self, start: usize, end: usize) -> Result<(), TokError> {
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
    pub(super) fn verify_end_of_number(&mut self, kind: &str) -> Result<(), TokError> {
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
    pub(super) fn decimal_tail(&mut self) -> Result<(), TokError> {
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

    pub(super) fn number(&mut self, start: usize) -> Result<(), TokError> {
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

    pub(super) fn fraction(&mut self) -> Result<(), TokError> {
        if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.decimal_tail()?;
        }
        self.exponent_and_imaginary()
    }

    pub(super) fn exponent_and_imaginary(&mut self) -> Result<(), TokError> {
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
    pub(super) fn string(&mut self, start: usize, quote_pos: usize, fstring: bool, raw: bool) -> Result<(), TokError> {
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

    pub(super) fn unterminated_string(
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
    pub(super) fn last_lineno(&self) -> usize {
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
    pub(super) fn scan_fstring_text(&mut self, in_spec: bool) -> Result<(), TokError> {
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

    pub(super) fn unterminated_fstring(&self, f: &FString) -> TokError {
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

    pub(super) fn open_bracket(&mut self, start: usize) -> Result<(), TokError> {
        if self.level() >= MAXLEVEL {
            return Err(self.err_at("too many nested parentheses", start + 1));
        }
        // A bracket token's level is the level around it.
        self.push(Tk::Op, start, start + 1);
        self.parens.push(Paren { ch: self.b[start], lineno: self.lineno, line_start: self.line_start, offset: start });
        self.pos = start + 1;
        Ok(())
    }

    pub(super) fn close_bracket(&mut self, start: usize) -> Result<(), TokError> {
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

    pub(super) fn operator(&mut self, start: usize) -> Result<(), TokError> {
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
pub(super) fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    let s = c.to_string();
    lexes_as_single_name(&s)
}

/// Unicode `XID_Continue`.
pub(super) fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    lexes_as_single_name(&format!("a{c}"))
}

pub(super) fn lexes_as_single_name(s: &str) -> bool {
    let mut lexer = ruff_python_parser::lexer::lex(s, Mode::Expression);
    let kind = lexer.next_token();
    use ruff_python_ast::token::TokenKind;
    kind == TokenKind::Name
        && matches!(lexer.next_token(), TokenKind::EndOfFile | TokenKind::Newline)
        && matches!(lexer.next_token(), TokenKind::EndOfFile)
}

/// An approximation of CPython's `str.isprintable` for one character.
pub(super) fn is_printable(c: char) -> bool {
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
