//! crabby's run-time evaluator: `eval`, `exec` and `compile` for code that only exists while the program
//! runs (namedtuple's generated methods, dataclasses' `__init__`, configuration code...).
//!
//! Source text goes through the compiler's own front end (the parser with CPython's SyntaxError reports, and
//! the symtable-like scope pass), is lowered once into a tree with every name resolved (`lower.rs`,
//! `tree.rs`), and that tree is walked (`walk.rs`) calling the very runtime functions compiled code calls, so
//! values, exceptions and messages are the same. Functions and classes it defines are ordinary runtime
//! objects: their `CodeInfo` is leaked per definition and its `extra` holds the lowered body, which the
//! shared body functions (`walk::function_body`, `walk::class_body`) run.
//!
//! The runtime does not depend on this crate: a generated program's `main` calls [`install`], which hands the
//! runtime's hook (`crabby_runtime::eval`) the two entry points below, and the interactive prompt
//! (`repl.rs`), which runs inside the program's process so that it sees the compiled `__main__`'s globals.

mod lower;
mod repl;
mod tree;
mod walk;

use crabby_compiler::CompileError;
use crabby_runtime::eval::Mode;
use crabby_runtime::rt::{CodeInfo, ObjRef, PyResult, Value};

/// Makes `eval`, `exec` and `compile` work in this program.
pub fn install() {
    crabby_runtime::eval::install(crabby_runtime::eval::Evaluator { compile, run, interact: repl::interact });
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// A compile-time error as the Python exception CPython raises (`SyntaxError` and its subclasses carry
/// their location; the compiler's internal errors become SystemError).
fn to_exception(mut e: CompileError, mode: Mode) -> crabby_runtime::rt::PyErr {
    if !matches!(e.kind, "SyntaxError" | "IndentationError" | "TabError") {
        return crabby_runtime::rt::not_supported(&e.msg);
    }
    // CPython's tokenizer ends every line of `exec`/`single` input with a newline, and `text` keeps it.
    if mode != Mode::Eval {
        if let Some(t) = e.line.as_mut().filter(|t| !t.ends_with('\n')) {
            t.push('\n');
        }
    }
    let end_col =
        if e.end_col > e.col { e.end_col as i64 } else { e.col as i64 + if e.kind == "SyntaxError" { 1 } else { 0 } };
    let end_lineno = e.lineno as i64;
    let end_col = if e.kind == "SyntaxError" { end_col } else { -1 };
    crabby_runtime::eval::syntax_error(
        e.kind,
        &e.msg,
        &e.filename,
        e.lineno as i64,
        e.col as i64,
        e.line.as_deref(),
        end_lineno,
        end_col,
    )
}

/// `eval` mode accepts one expression: anything else is "invalid syntax" where the expression ends.
fn check_eval_mode(module: &ruff_python_ast::ModModule, source: &str, filename: &str) -> Result<(), CompileError> {
    use ruff_text_size::Ranged;
    match module.body.as_slice() {
        [ruff_python_ast::Stmt::Expr(_)] => Ok(()),
        [] => Err(CompileError {
            kind: "SyntaxError",
            msg: "invalid syntax".into(),
            filename: filename.to_string(),
            lineno: 0,
            col: 0,
            end_col: 0,
            line: Some(String::new()),
        }),
        body => {
            // The first token that is not part of a leading expression.
            let at = match &body[0] {
                ruff_python_ast::Stmt::Expr(e) => e.range().end().to_usize(),
                other => first_non_expr_token(source, other.range().start().to_usize()),
            };
            let mut start = at;
            let bytes = source.as_bytes();
            while start < bytes.len() && matches!(bytes[start], b' ' | b'\t' | b'\n' | b'\r' | b'\\') {
                start += 1;
            }
            let mut end = start + 1;
            while end < bytes.len() && bytes[start].is_ascii_alphanumeric() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            if start >= bytes.len() {
                start = bytes.len().saturating_sub(1);
                end = start + 1;
            }
            Err(CompileError::at_range("SyntaxError", "invalid syntax", filename, source, start, end.min(bytes.len())))
        }
    }
}

/// `single` mode accepts one statement (simple statements joined by `;` on one line count as one).
fn check_single_mode(module: &ruff_python_ast::ModModule, source: &str, filename: &str) -> Result<(), CompileError> {
    use ruff_python_ast::Stmt;
    use ruff_text_size::Ranged;
    let [first, rest @ ..] = module.body.as_slice() else { return Ok(()) };
    let line_of = |off: usize| source[..off].matches('\n').count() + 1;
    let first_line = line_of(first.range().start().to_usize());
    let Some(next) = rest.iter().find(|s| line_of(s.range().start().to_usize()) != first_line) else {
        return Ok(());
    };
    let compound = matches!(
        first,
        Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_)
    );
    if compound {
        // CPython's carets cover the next statement's first token (a whole name or keyword).
        let start = next.range().start().to_usize();
        let word = source[start..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(source.len() - start);
        let end = start + word.max(1);
        return Err(CompileError::at_range("SyntaxError", "invalid syntax", filename, source, start, end));
    }
    let text = source.lines().nth(first_line - 1).unwrap_or("");
    Err(CompileError {
        kind: "SyntaxError",
        msg: "multiple statements found while compiling a single statement".into(),
        filename: filename.to_string(),
        lineno: first_line,
        col: text.len() + 1,
        end_col: text.len() + 2,
        line: Some(format!("{text}\n")),
    })
}

/// Where a statement stops being an expression: after its first target for an assignment, else its start.
fn first_non_expr_token(source: &str, start: usize) -> usize {
    let rest = &source[start..];
    // `x = 1`, `x += 1`, `x: int`: the operator is where CPython's expression parser stops.
    match rest.find(['=', ':', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '@']) {
        Some(i)
            if rest[..i].trim().chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && !rest[..i].trim().is_empty() =>
        {
            start + i
        }
        _ => start,
    }
}

/// Compiles source text to a code object the runtime can run with [`run`].
fn compile(source: &str, filename: &str, mode: Mode) -> PyResult<&'static CodeInfo> {
    let filename: &'static str = leak_str(filename);
    let source: &'static str = leak_str(source);
    let parsed = crabby_compiler::parse::parse_module(source, filename).map_err(|e| to_exception(e, mode))?;
    if mode == Mode::Eval {
        check_eval_mode(&parsed, source, filename).map_err(|e| to_exception(e, mode))?;
    }
    if mode == Mode::Single {
        check_single_mode(&parsed, source, filename).map_err(|e| to_exception(e, mode))?;
    }
    // The tree lives as long as the code objects made from it.
    let parsed: &'static ruff_python_ast::ModModule = Box::leak(Box::new(parsed));
    let table =
        crabby_compiler::scope::SymbolTable::build(parsed, source, filename).map_err(|e| to_exception(e, mode))?;
    let mut lower = lower::Lower::new(&table, source, filename);
    lower.top(&parsed.body, mode).map_err(|e| to_exception(e, mode))
}

/// Runs code [`compile`] made with a globals dict and a locals mapping.
fn run(code: &'static CodeInfo, globals: &ObjRef, locals: &Value) -> PyResult<Value> {
    walk::run_top(code, globals, locals)
}
