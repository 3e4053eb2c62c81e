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
use node_finder::NodeFinder;
use scan::*;
use translate::*;

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

mod node_finder;
mod scan;
#[cfg(test)]
mod tests;
mod translate;
