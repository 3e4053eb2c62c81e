//! The interactive prompt (`crabby`, `crabby -i FILE`, `crabby -i -c CODE`), as `python3.12 -i` runs it.
//!
//! It runs inside the program's own process, after the compiled `__main__` module: each statement typed is
//! compiled in `single` mode by this crate's evaluator and run in `__main__`'s namespace, so it sees the
//! compiled program's globals, functions and classes. The runtime's entry (`entry.rs`) calls it through the
//! `interact` hook when the `crabby` command asked for it.
//!
//! Reading follows CPython's interactive loop: the prompt is `str(sys.ps1)`, then `str(sys.ps2)` while a
//! statement continues (an open bracket, triple-quoted string or backslash; a compound statement until a blank
//! line), written to stderr after flushing the program's output. A statement that cannot become valid is
//! reported at once as CPython's SyntaxError (`File "<stdin>", line N`). Expression values go to
//! `sys.displayhook`; an exception is reported as a traceback and the session continues; SystemExit ends it
//! with its status; end of input ends it with status 0 after a newline on stderr. On a terminal the line is
//! read by the small editor in `repl/editor.rs` (history, cursor movement); otherwise stdin is read a byte at
//! a time, so the program's own reads of stdin (`input()`) see the lines that follow.

mod editor;

use std::io::Read;

use crabby_runtime::builtins::exceptions::{exc_type, ExcKind};
use crabby_runtime::eval::Mode;
use crabby_runtime::rt::{ObjRef, PyErr, Value};
use ruff_python_ast::Stmt;

/// The first line of the banner; like CPython's, `Python <sys.version> on <sys.platform>`.
fn banner() -> String {
    let sys_attr = |name: &str| {
        let sys = crabby_runtime::import::import_dotted("sys").ok()?;
        let v = crabby_runtime::ops::attr::getattr_opt(&sys, name).ok()??;
        crabby_runtime::ops::format::str_of(&v).ok()
    };
    // NOTE: CPython's second line points at `help`, `copyright`, `credits` and `license`, which come from its
    // `site` module; crabby has none of them, so its second line says what the prompt is instead.
    format!(
        "Python {} on {}\ncrabby's interactive prompt: each statement runs through crabby's evaluator. Ctrl-D leaves.\n",
        sys_attr("version").unwrap_or_default(),
        sys_attr("platform").unwrap_or_default()
    )
}

/// One line of input, or why there is none.
enum Input {
    Line(String),
    Eof,
    Interrupt,
}

/// Where lines come from: the terminal editor, or plain stdin.
enum Reader {
    Editor(editor::Editor),
    Plain,
}

impl Reader {
    fn read_line(&mut self, prompt: &str, main: &ObjRef) -> Input {
        match self {
            Reader::Editor(e) => e.read_line(prompt, &|word| completions(main, word)),
            Reader::Plain => {
                crabby_runtime::modules::sys::write_stderr(prompt);
                crabby_runtime::modules::io::stdio::flush_io();
                read_plain_line()
            }
        }
    }
}

/// Reads one line from stdin a byte at a time (nothing is read ahead of the program's own reads).
fn read_plain_line() -> Input {
    let mut bytes = Vec::new();
    // SAFETY: fd 0 stays open for the whole process; ManuallyDrop keeps this handle from closing it.
    let mut stdin = std::mem::ManuallyDrop::new(unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(0) });
    let mut byte = [0u8; 1];
    loop {
        match stdin.read(&mut byte) {
            Ok(0) if bytes.is_empty() => return Input::Eof,
            Ok(0) => break,
            Ok(_) => {
                bytes.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                // A signal arrived while waiting (Ctrl-C on a pipe): its Python handler runs now.
                if let Err(err) = crabby_runtime::rt::check_signals() {
                    if is_a(&err, ExcKind::KeyboardInterrupt) {
                        return Input::Interrupt;
                    }
                    crabby_runtime::entry::print_exception(&err);
                }
            }
            Err(_) if bytes.is_empty() => return Input::Eof,
            Err(_) => break,
        }
    }
    let mut line = String::from_utf8_lossy(&bytes).into_owned();
    if !line.ends_with('\n') {
        line.push('\n');
    }
    Input::Line(line)
}

fn is_a(err: &PyErr, kind: ExcKind) -> bool {
    crabby_runtime::builtins::type_::is_subtype(err.exc.ty(), exc_type(kind))
}

/// Python's keywords and soft keywords, for completion.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "_", "case", "match", "type",
];

/// `name(` for a callable value, as CPython's `rlcompleter` completes it.
fn callable_postfix(value: &Value, name: String) -> String {
    let callable = crabby_runtime::modules::builtins::lookup("callable")
        .and_then(|c| crabby_runtime::rt::call(&c, std::slice::from_ref(value), &[]).ok());
    if matches!(callable, Some(Value::Bool(true))) {
        name + "("
    } else {
        name
    }
}

/// What Tab completes `word` (a name or dotted name before the cursor) to in `main`'s namespace, following
/// CPython's `rlcompleter`: keywords, globals and built-ins for a name; for `a.b.c`, the attributes (`dir()`)
/// of `a.b` found by attribute lookups only (nothing is called but properties).
fn completions(main: &ObjRef, word: &str) -> Vec<String> {
    let globals = crabby_runtime::rt::module_dict(main);
    let builtins = crabby_runtime::modules::builtins::builtins_dict();
    let lookup = |name: &str| {
        crabby_runtime::builtins::dict::get_str(globals, name)
            .or_else(|| crabby_runtime::builtins::dict::get_str(builtins, name))
    };
    let mut out = Vec::new();
    if let Some((base, attr)) = word.rsplit_once('.') {
        let mut parts = base.split('.');
        let Some(mut obj) = parts.next().and_then(lookup) else { return out };
        for part in parts {
            match crabby_runtime::ops::attr::getattr_opt(&obj, part) {
                Ok(Some(v)) => obj = v,
                _ => return out,
            }
        }
        let Some(dir) = crabby_runtime::modules::builtins::lookup("dir") else { return out };
        let Ok(names) = crabby_runtime::rt::call(&dir, std::slice::from_ref(&obj), &[]) else { return out };
        let Ok(names) = crabby_runtime::ops::iter::collect(&names) else { return out };
        for name in names {
            let Some(name) = name.as_str().map(str::to_string) else { continue };
            // Private names only when asked for: `_` shows single-underscore ones, `__` all.
            let hidden = (attr.is_empty() && name.starts_with('_')) || (attr == "_" && name.starts_with("__"));
            if !name.starts_with(attr) || hidden {
                continue;
            }
            let full = format!("{base}.{name}");
            out.push(match crabby_runtime::ops::attr::getattr_opt(&obj, &name) {
                Ok(Some(v)) => callable_postfix(&v, full),
                _ => full,
            });
        }
    } else {
        for kw in KEYWORDS.iter().filter(|k| k.starts_with(word)) {
            out.push(match *kw {
                "finally" | "try" => format!("{kw}:"),
                "False" | "None" | "True" | "break" | "continue" | "pass" | "else" | "_" => kw.to_string(),
                _ => format!("{kw} "),
            });
        }
        for d in [globals, builtins] {
            for (k, v) in crabby_runtime::builtins::dict::items(d) {
                let Some(name) = k.as_str() else { continue };
                if name.starts_with(word) && !out.iter().any(|o| o.trim_end_matches(['(', ' ', ':']) == name) {
                    out.push(callable_postfix(&v, name.to_string()));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `str(sys.<name>)`, or "" when it is missing (as CPython prompts).
fn prompt(name: &str) -> String {
    let Ok(sys) = crabby_runtime::import::import_dotted("sys") else { return String::new() };
    match crabby_runtime::ops::attr::getattr_opt(&sys, name) {
        Ok(Some(v)) => crabby_runtime::ops::format::str_of(&v).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Sets `sys.ps1`/`sys.ps2` unless the program already did, as CPython does on entering interactive mode.
fn init_prompts() {
    let Ok(sys) = crabby_runtime::import::import_dotted("sys") else { return };
    for (name, value) in [("ps1", ">>> "), ("ps2", "... ")] {
        if matches!(crabby_runtime::ops::attr::getattr_opt(&sys, name), Ok(None)) {
            let _ = crabby_runtime::ops::attr::setattr_str(&sys, name, Value::from(value));
        }
    }
}

/// What to do with the lines read so far.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// Nothing but blank lines and comments: prompt again.
    Skip,
    /// The statement goes on: prompt with `sys.ps2`.
    More,
    /// Compile and run it (or report its SyntaxError).
    Run,
}

/// Whether `src` leaves a bracket, a triple-quoted string or a backslash continuation open, which makes the
/// tokenizer ask for another line whatever the line is.
fn open_construct(src: &str) -> bool {
    let b = src.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            q @ (b'\'' | b'"') => {
                let triple = b[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                loop {
                    if i >= b.len() {
                        // An unterminated one-line string is an error the parser reports.
                        return triple;
                    }
                    match b[i] {
                        b'\\' => i += 2,
                        b'\n' if !triple => break,
                        c if c == q && (!triple || b[i..].starts_with(&[q, q, q])) => {
                            i += if triple { 3 } else { 1 };
                            break;
                        }
                        _ => i += 1,
                    }
                }
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'\\' if b[i + 1..].iter().all(|c| matches!(c, b'\n' | b'\r')) => return true,
            _ => {}
        }
        i += 1;
    }
    depth > 0
}

/// The code part of a line (before a comment; strings are not considered), trimmed.
fn code_part(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim()
}

/// Decides what the lines typed so far (`src`, ending with the line just read, `last`) need, as CPython's
/// interactive tokenizer and parser decide it.
fn next_step(src: &str, last: &str) -> Next {
    if src.lines().all(|l| code_part(l).is_empty()) {
        return Next::Skip;
    }
    if open_construct(src) {
        return Next::More;
    }
    let blank = last.trim().is_empty();
    match crabby_compiler::parse::parse_module(src, "<stdin>") {
        Ok(m) => {
            let compound = matches!(
                m.body.first(),
                Some(
                    Stmt::If(_)
                        | Stmt::For(_)
                        | Stmt::While(_)
                        | Stmt::FunctionDef(_)
                        | Stmt::ClassDef(_)
                        | Stmt::With(_)
                        | Stmt::Try(_)
                        | Stmt::Match(_)
                )
            );
            // A compound statement goes on until a blank line; a second statement after it is an error
            // reported at once (by `single` mode's check).
            if compound && !blank && m.body.len() == 1 {
                Next::More
            } else {
                Next::Run
            }
        }
        Err(e) if !blank => {
            let header = code_part(last).ends_with(':');
            let decorator = code_part(last).starts_with('@');
            let indented = last.starts_with([' ', '\t']);
            let incomplete = (e.msg.starts_with("expected an indented block") && header)
                || (e.msg == "expected 'except' or 'finally' block" && (indented || header))
                || decorator;
            if incomplete {
                Next::More
            } else {
                Next::Run
            }
        }
        Err(_) => Next::Run,
    }
}

/// A SyntaxError as CPython's interactive parser reports it, which reads the input line by line: its `text` has
/// no newline, and an error on an empty line (a block that never came) points at its first column.
fn interactive_syntax_error(e: PyErr) -> PyErr {
    if !is_a(&e, ExcKind::SyntaxError) {
        return e;
    }
    let exc = Value::Obj(e.exc.clone());
    let get = |name: &str| crabby_runtime::ops::attr::getattr_opt(&exc, name).ok().flatten().unwrap_or(Value::None);
    let text = get("text");
    let Some(text) = text.as_str() else { return e };
    let text = text.strip_suffix('\n').unwrap_or(text).to_string();
    let int = |v: Value| if let Value::Int(i) = v { i } else { 0 };
    let (mut offset, mut end_offset) = (int(get("offset")), int(get("end_offset")));
    if offset < 1 {
        offset = 1;
        end_offset = 1;
    }
    let kind = crabby_runtime::builtins::type_::short_name(e.exc.ty()).to_string();
    let msg = crabby_runtime::ops::format::str_of(&get("msg")).unwrap_or_default();
    let filename = crabby_runtime::ops::format::str_of(&get("filename")).unwrap_or_default();
    crabby_runtime::eval::syntax_error(
        &kind,
        &msg,
        &filename,
        int(get("lineno")),
        offset,
        Some(&text),
        int(get("end_lineno")),
        end_offset,
    )
}

/// Compiles and runs one statement in `main`'s namespace; `Some(status)` when it raised SystemExit.
fn run_statement(src: &str, main: &ObjRef) -> Option<i32> {
    let globals = crabby_runtime::rt::module_dict(main).clone();
    let result = crate::compile(src, "<stdin>", Mode::Single)
        .map_err(interactive_syntax_error)
        .and_then(|code| crate::run(code, &globals, &Value::Obj(globals.clone())));
    match result {
        Ok(_) => None,
        Err(e) if is_a(&e, ExcKind::SystemExit) => Some(crabby_runtime::entry::exit_status_for(&e)),
        Err(e) => {
            crabby_runtime::entry::print_exception(&e);
            None
        }
    }
}

/// What CPython's `site` module makes `exit` and `quit`: objects that tell how to leave when echoed
/// (`Use exit() or Ctrl-D (i.e. EOF) to exit`) and raise SystemExit when called.
const QUITTERS: &str = r#"
import builtins, sys
class Quitter:
    def __init__(self, name, eof):
        self.name = name
        self.eof = eof
    def __repr__(self):
        return f"Use {self.name}() or {self.eof} to exit"
    def __call__(self, code=None):
        try:
            sys.stdin.close()
        except Exception:
            pass
        raise SystemExit(code)
builtins.exit = Quitter("exit", "Ctrl-D (i.e. EOF)")
builtins.quit = Quitter("quit", "Ctrl-D (i.e. EOF)")
"#;

/// Installs the `exit` and `quit` of [`QUITTERS`]. NOTE: compiled programs keep the runtime's plain built-in
/// functions (crabby has no `site` module, and they behave the same when called); only their echo at the
/// prompt needs CPython's objects.
fn install_quitters() {
    let globals = crabby_runtime::rt::new_dict_obj();
    crabby_runtime::builtins::dict::set_str(&globals, "__name__", Value::from("_sitebuiltins"));
    let result = crate::compile(QUITTERS, "<crabby prompt>", Mode::Exec)
        .and_then(|code| crate::run(code, &globals, &Value::Obj(globals.clone())));
    if let Err(e) = result {
        crabby_runtime::entry::print_exception(&e);
    }
}

/// Runs the file `$PYTHONSTARTUP` names in `main`'s namespace, as CPython does before a prompt that no program
/// preceded; its errors are reported and the prompt still opens. `Some(status)` when it raised SystemExit.
fn run_startup(main: &ObjRef) -> Option<i32> {
    let path = std::env::var("PYTHONSTARTUP").ok().filter(|p| !p.is_empty())?;
    let source = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            let code = e.raw_os_error().unwrap_or(0);
            let class = match e.kind() {
                std::io::ErrorKind::NotFound => "FileNotFoundError",
                std::io::ErrorKind::PermissionDenied => "PermissionError",
                _ => "OSError",
            };
            let text = std::io::Error::from_raw_os_error(code).to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_string();
            crabby_runtime::modules::sys::write_stderr(&format!(
                "Could not open PYTHONSTARTUP\n{class}: [Errno {code}] {text}: '{path}'\n"
            ));
            return None;
        }
    };
    let globals = crabby_runtime::rt::module_dict(main).clone();
    let result = crate::compile(&source, &path, Mode::Exec)
        .and_then(|code| crate::run(code, &globals, &Value::Obj(globals.clone())));
    match result {
        Ok(_) => None,
        Err(e) if is_a(&e, ExcKind::SystemExit) => Some(crabby_runtime::entry::exit_status_for(&e)),
        Err(e) => {
            crabby_runtime::entry::print_exception(&e);
            None
        }
    }
}

/// The prompt loop; returns the process's exit status.
pub fn interact(main: &ObjRef, how: crabby_runtime::eval::Prompt) -> i32 {
    init_prompts();
    install_quitters();
    if how.banner {
        crabby_runtime::modules::io::stdio::flush_io();
        crabby_runtime::modules::sys::write_stderr(&banner());
    }
    if how.alone {
        if let Some(status) = run_startup(main) {
            return status;
        }
    }
    let mut reader = match editor::Editor::open() {
        Some(e) => Reader::Editor(e),
        None => Reader::Plain,
    };
    let mut src = String::new();
    loop {
        let p = prompt(if src.is_empty() { "ps1" } else { "ps2" });
        crabby_runtime::modules::io::stdio::flush_io();
        match reader.read_line(&p, main) {
            Input::Line(line) => {
                src.push_str(&line);
                match next_step(&src, &line) {
                    Next::Skip => src.clear(),
                    Next::More => {}
                    Next::Run => {
                        let status = run_statement(&src, main);
                        src.clear();
                        if let Some(status) = status {
                            return status;
                        }
                    }
                }
            }
            Input::Interrupt => {
                src.clear();
                crabby_runtime::modules::sys::write_stderr("\nKeyboardInterrupt\n");
            }
            Input::Eof if !src.is_empty() => {
                // End of input ends the statement being typed, which runs; then the prompt reads again (and
                // on a pipe meets the end of input once more), as CPython's tokenizer does.
                crabby_runtime::modules::sys::write_stderr("\n");
                let status = run_statement(&src, main);
                src.clear();
                if let Some(status) = status {
                    return status;
                }
            }
            Input::Eof => {
                crabby_runtime::modules::sys::write_stderr("\n");
                return 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(lines: &[&str]) -> Next {
        let src: String = lines.iter().map(|l| format!("{l}\n")).collect();
        next_step(&src, &format!("{}\n", lines.last().unwrap()))
    }

    #[test]
    fn continuation_like_cpython() {
        assert_eq!(step(&["1+1"]), Next::Run);
        assert_eq!(step(&["# note"]), Next::Skip);
        assert_eq!(step(&[""]), Next::Skip);
        assert_eq!(step(&["x = (1,"]), Next::More);
        assert_eq!(step(&["x = (1,", ""]), Next::More);
        assert_eq!(step(&["x = (1,", " 2)"]), Next::Run);
        assert_eq!(step(&["s = \"\"\"a"]), Next::More);
        assert_eq!(step(&["x = 1 + \\"]), Next::More);
        assert_eq!(step(&["x = 1 +"]), Next::Run);
        assert_eq!(step(&["if x:"]), Next::More);
        assert_eq!(step(&["if x:", ""]), Next::Run);
        assert_eq!(step(&["if x:", "  y = 1"]), Next::More);
        assert_eq!(step(&["if x:", "  y = 1", ""]), Next::Run);
        assert_eq!(step(&["if x:", "print(1)"]), Next::Run);
        assert_eq!(step(&["if x: y"]), Next::More);
        assert_eq!(step(&["if x = 1:"]), Next::Run);
        assert_eq!(step(&["if 1:", "  x = 1", "print(x)"]), Next::Run);
        assert_eq!(step(&["try:", "  pass"]), Next::More);
        assert_eq!(step(&["@dec"]), Next::More);
        assert_eq!(step(&["@dec", "def f(): pass"]), Next::More);
        assert_eq!(step(&["class A:", "  def f(self):"]), Next::More);
        assert_eq!(step(&["x = ')'  # (",]), Next::Run);
        assert_eq!(step(&["x = )"]), Next::Run);
    }
}
