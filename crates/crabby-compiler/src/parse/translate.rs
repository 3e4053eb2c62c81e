//! Translating ruff's first parse error into CPython 3.12's SyntaxError message and location, from the
//! tokens and the partial syntax tree around it.

use super::*;

#[derive(Debug)]
pub(super) enum RuffErrorKind {
    Parse(ParseErrorType),
    Unsupported(UnsupportedSyntaxErrorKind),
}

#[derive(Debug)]
pub(super) struct RuffError {
    pub(super) kind: RuffErrorKind,
    pub(super) range: TextRange,
}

pub(super) struct Ctx<'a> {
    pub(super) source: &'a str,
    pub(super) filename: &'a str,
    pub(super) scan: &'a Scan<'a>,
    pub(super) module: &'a ModModule,
    /// Where CPython's parser last looked, when a rule looked past the error's start (to decide between the
    /// error and an unclosed bracket).
    pub(super) probe: std::cell::Cell<Option<usize>>,
}

pub(super) const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

pub(super) fn range_of(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::new(start as u32), TextSize::new(end as u32))
}

impl Ctx<'_> {
    pub(super) fn tok_error(&self, te: &TokError) -> CompileError {
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
    pub(super) fn expression_continues_after(&self, p: &Paren) -> bool {
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

    pub(super) fn unclosed(&self, p: &Paren) -> CompileError {
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

    pub(super) fn at(&self, msg: impl Into<String>, start: usize, end: usize) -> CompileError {
        CompileError::at_range("SyntaxError", msg, self.filename, self.source, start, end)
    }

    pub(super) fn at_node(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        self.at(msg, range.start().to_usize(), range.end().to_usize())
    }

    pub(super) fn text(&self, start: usize, end: usize) -> &str {
        self.source.get(start..end.min(self.source.len())).unwrap_or("")
    }

    /// The index of the token at `offset` (containing it, or the first one after it); INDENT and DEDENT
    /// tokens are skipped.
    pub(super) fn token_index(&self, offset: usize) -> Option<usize> {
        let toks = &self.scan.tokens;
        let i = toks.partition_point(|t| t.end <= offset && t.start < offset);
        (i..toks.len()).find(|&j| !matches!(toks[j].kind, Tk::Indent | Tk::Dedent))
    }

    pub(super) fn token(&self, offset: usize) -> Option<Token> {
        self.token_index(offset).map(|i| self.scan.tokens[i])
    }

    pub(super) fn prev_token(&self, offset: usize) -> Option<Token> {
        let toks = &self.scan.tokens;
        let i = toks.partition_point(|t| t.start < offset);
        i.checked_sub(1).map(|i| toks[i])
    }

    pub(super) fn token_text(&self, t: &Token) -> &str {
        self.text(t.start, t.end)
    }

    /// "invalid syntax" at the token at `offset`.
    pub(super) fn generic(&self, offset: usize) -> CompileError {
        self.at_token("SyntaxError", "invalid syntax", offset)
    }

    /// An error at the token at `offset`; at the end of the file (where CPython's tokens have no position)
    /// the last line is shown without a caret.
    pub(super) fn at_token(&self, kind: &'static str, msg: impl Into<String>, offset: usize) -> CompileError {
        match self.token(offset) {
            Some(t) if t.kind != Tk::EndMarker => {
                let end = if t.end > t.start { t.end } else { t.start + 1 };
                CompileError::at_range(kind, msg, self.filename, self.source, t.start, end)
            }
            _ => self.at_eof(kind, msg),
        }
    }

    pub(super) fn at_eof(&self, kind: &'static str, msg: impl Into<String>) -> CompileError {
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

    pub(super) fn translate(&self, e: &RuffError) -> CompileError {
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

    pub(super) fn line_start_of(&self, offset: usize) -> usize {
        self.source[..offset.min(self.source.len())].rfind(['\n', '\r']).map_or(0, |i| i + 1)
    }

    pub(super) fn unsupported(&self, kind: UnsupportedSyntaxErrorKind, range: TextRange) -> CompileError {
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

    pub(super) fn unexpected_indent(&self, indent_end: usize) -> CompileError {
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
    pub(super) fn forgot_comma(&self, offset: usize) -> Option<CompileError> {
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

    pub(super) fn starts_expression(&self, t: &Token) -> bool {
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

    pub(super) fn ends_expression(&self, t: &Token) -> bool {
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
    pub(super) fn is_parenthesized(&self, range: TextRange) -> bool {
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

    pub(super) fn expected_expression(&self, offset: usize) -> CompileError {
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

    pub(super) fn expected_token(&self, expected: ruff_python_ast::token::TokenKind, offset: usize) -> CompileError {
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
    pub(super) fn misplaced_equal(&self, eq_offset: usize) -> Option<CompileError> {
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
    pub(super) fn bracketed_equal(&self, offset: usize) -> Option<usize> {
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

    pub(super) fn bad_type_params(&self, offset: usize) -> Option<CompileError> {
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
    pub(super) fn missing_else(&self, offset: usize) -> Option<CompileError> {
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
    pub(super) fn dict_key_without_value(&self, offset: usize) -> Option<CompileError> {
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
    pub(super) fn compound_keyword(&self, offset: usize) -> Option<&str> {
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
    pub(super) fn legacy_print(&self, offset: usize) -> Option<CompileError> {
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
    pub(super) fn at_call_end(&self, msg: &str, offset: usize) -> CompileError {
        match self.args_stop(offset) {
            Some(t) => {
                self.probe.set(Some(t.start));
                self.at(msg, t.start, t.end.max(t.start + 1))
            }
            None => self.at_eof("SyntaxError", msg),
        }
    }

    /// The first token after the argument at `offset` that cannot continue the argument list.
    pub(super) fn args_stop(&self, offset: usize) -> Option<Token> {
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

    pub(super) fn in_lambda(&self, offset: usize) -> bool {
        let finder = NodeFinder::run(self.module);
        let path = finder.path_at(offset);
        let scope = path.iter().rev().find(|n| matches!(n, AnyNodeRef::ExprLambda(_) | AnyNodeRef::StmtFunctionDef(_)));
        matches!(scope, Some(AnyNodeRef::ExprLambda(_)))
    }

    pub(super) fn logical_line_starts_with(&self, offset: usize, word: &str) -> bool {
        let i = self.scan.logical_starts.partition_point(|&s| s <= offset);
        i.checked_sub(1)
            .and_then(|i| self.scan.logical_starts.get(i))
            .and_then(|&s| self.token(s))
            .is_some_and(|t| self.token_text(&t) == word)
    }

    /// A bad escape sequence in a string literal: CPython's codec error, with positions in the
    /// literal's body.
    pub(super) fn escape_error(&self, offset: usize) -> Option<CompileError> {
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

    pub(super) fn in_class_bases(&self, offset: usize) -> bool {
        let finder = NodeFinder::run(self.module);
        finder.path_at(offset).iter().any(|n| match n {
            AnyNodeRef::StmtClassDef(c) => {
                c.arguments.as_ref().is_some_and(|a| a.range.contains(TextSize::new(offset as u32)))
            }
            _ => false,
        })
    }

    pub(super) fn starred_usage(&self, start: usize, end: usize) -> CompileError {
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

    pub(super) fn fstring_error(
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

    pub(super) fn lexical(&self, l: &LexicalErrorType, start: usize, end: usize) -> CompileError {
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

    pub(super) fn other_error(&self, msg: &str, start: usize, end: usize) -> CompileError {
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
    pub(super) fn expected_block(&self, _what: &str, start: usize, _end: usize) -> CompileError {
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
    pub(super) fn at_next_line(
        &self,
        kind: &'static str,
        msg: String,
        stmt: usize,
        block: Option<usize>,
    ) -> CompileError {
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
    pub(super) fn target_error(&self, start: usize, _end: usize) -> Option<CompileError> {
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

    pub(super) fn assign_error(&self, a: &ast::StmtAssign) -> Option<CompileError> {
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

    pub(super) fn invalid_target(&self, e: &Expr, kind: TargetKind) -> Option<CompileError> {
        let bad = invalid_target(e, kind)?;
        let msg = match kind {
            TargetKind::Del => format!("cannot delete {}", expr_name(bad)),
            _ => format!("cannot assign to {}", expr_name(bad)),
        };
        Some(self.at_node(msg, bad.range()))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetKind {
    Star,
    For,
    Del,
}

/// CPython's `_PyPegen_get_invalid_target`.
pub(super) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
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
pub(super) fn expr_name(e: &Expr) -> &'static str {
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
pub(super) fn is_bitwise_level(e: &Expr, ctx: &Ctx) -> bool {
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
pub(super) fn leftmost_bitwise<'e>(e: &'e Expr, ctx: &Ctx) -> Option<&'e Expr> {
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
pub(super) fn excluded_atom(e: &Expr) -> bool {
    match leftmost_atom(e) {
        Expr::List(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => true,
        Expr::Tuple(t) => t.parenthesized,
        Expr::Generator(g) => g.parenthesized,
        _ => false,
    }
}

/// The atom an expression starts with.
pub(super) fn leftmost_atom(e: &Expr) -> &Expr {
    match e {
        Expr::BinOp(b) => leftmost_atom(&b.left),
        Expr::Call(c) => leftmost_atom(&c.func),
        Expr::Attribute(a) => leftmost_atom(&a.value),
        Expr::Subscript(s) => leftmost_atom(&s.value),
        _ => e,
    }
}
