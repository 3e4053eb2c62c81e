//! Printing uncaught exceptions the way CPython 3.12 does: the chain of causes and contexts, each with its
//! `Traceback (most recent call last):` block, frame lines with their source, the `Type: message` line and
//! the exception's notes; exception groups as nested boxes (`+-+---- 1 ----`, `| ` margins), following
//! `traceback.py`'s `TracebackException.format`.
//!
//! NOTE: CPython 3.12 also underlines the failing expression (`^^^^`) when it is not the whole line; compiled
//! code keeps lines, not columns, so no carets are printed.

use std::collections::HashMap;
use std::sync::OnceLock;

use parking_lot::RwLock;

use crate::builtins::exceptions::exc_obj;
use crate::builtins::{dict, exception_group, type_};
use crate::object::{ObjRef, Payload};
use crate::ops::format;
use crate::Value;

fn sources() -> &'static RwLock<HashMap<&'static str, &'static str>> {
    static S: OnceLock<RwLock<HashMap<&'static str, &'static str>>> = OnceLock::new();
    S.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Records a module's source text so tracebacks can show its lines.
pub fn register_source(filename: &'static str, source: &'static str) {
    sources().write().insert(filename, source);
}

fn source_line(filename: &str, line: u32) -> Option<String> {
    // Like CPython's linecache, pseudo-files (`<string>` for -c, `<stdin>`) show no source lines.
    if filename.starts_with('<') && filename.ends_with('>') {
        return None;
    }
    let s = sources().read();
    let src = s.get(filename)?;
    let text = src.lines().nth(line.checked_sub(1)? as usize)?;
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The `Type: message` line of an exception.
pub fn exception_line(exc: &ObjRef) -> String {
    let ty = exc.ty();
    let t = type_::type_obj(ty);
    let mut name = t.qualname.read().clone();
    if let Some(m) = dict::get_str(&t.dict, "__module__").and_then(|m| m.as_str().map(str::to_string)) {
        if m != "builtins" && m != "__main__" {
            name = format!("{m}.{name}");
        }
    }
    let v = Value::Obj(exc.clone());
    let msg = match format::str_of(&v) {
        Ok(m) => m,
        Err(_) => "<exception str() failed>".to_string(),
    };
    let msg = msg + &crate::ops::suggest::suffix(exc);
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// Formats an exception with its chain, as `traceback.print_exception` does.
pub fn format_exception(exc: &ObjRef) -> String {
    let mut ctx = Ctx { depth: 0, need_close: false, seen: Vec::new(), out: String::new() };
    ctx.seen.push(exc.addr());
    format_chain(exc, &mut ctx);
    ctx.out
}

/// `traceback.py`'s limits for exception groups: sub-exceptions shown per group, and nesting depth.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// The printing state `traceback.py` keeps in `_ExceptionPrintContext`: the exception group nesting depth
/// (each level indents the box by two columns), whether the innermost box still needs its closing line, and
/// the exceptions already shown (never shown twice).
struct Ctx {
    depth: usize,
    need_close: bool,
    seen: Vec<usize>,
    out: String,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Appends `text`, every line prefixed by the indentation and, inside a group, the `|` margin (or `+` for
    /// a top-level group's header).
    fn emit(&mut self, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }
}

fn format_chain(exc: &ObjRef, ctx: &mut Ctx) {
    let e = exc_obj(exc);
    let cause = e.cause.read().clone();
    let context = e.context.read().clone();
    // Relaxed: a plain flag, read after the raise completed.
    let suppress = e.suppress_context.load(std::sync::atomic::Ordering::Relaxed);
    if let Some(c) = cause.as_obj().filter(|c| !ctx.seen.contains(&c.addr())) {
        ctx.seen.push(c.addr());
        format_chain(c, ctx);
        ctx.emit("\nThe above exception was the direct cause of the following exception:\n\n", '|');
    } else if let (false, Some(c)) = (suppress, context.as_obj().filter(|c| !ctx.seen.contains(&c.addr()))) {
        ctx.seen.push(c.addr());
        format_chain(c, ctx);
        ctx.emit("\nDuring handling of the above exception, another exception occurred:\n\n", '|');
    }
    let tb = e.traceback.lock().clone();
    let stack = || {
        let mut s = String::new();
        for entry in tb.iter().rev() {
            s.push_str(&format!("  File \"{}\", line {}, in {}\n", entry.code.filename, entry.line, entry.code.name));
            if let Some(l) = source_line(entry.code.filename, entry.line) {
                s.push_str(&format!("    {l}\n"));
            }
        }
        s
    };
    let Some(subs) = crate::builtins::exception_group::parts(exc).map(|_| exception_group::sub_exceptions(exc)) else {
        if !tb.is_empty() {
            ctx.emit("Traceback (most recent call last):\n", '|');
            ctx.emit(&stack(), '|');
        }
        ctx.emit(&exception_only(exc), '|');
        return;
    };
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
        return;
    }
    let toplevel = ctx.depth == 0;
    if toplevel {
        ctx.depth += 1;
    }
    if !tb.is_empty() {
        ctx.emit("Exception Group Traceback (most recent call last):\n", if toplevel { '+' } else { '|' });
        ctx.emit(&stack(), '|');
    }
    ctx.emit(&exception_only(exc), '|');
    let n = subs.len().min(MAX_GROUP_WIDTH + 1);
    ctx.need_close = false;
    for (i, sub) in subs.iter().take(n).enumerate() {
        let last = i == n - 1;
        if last {
            // The closing line may be written by a nested group instead.
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
        let head =
            format!("{}{}+---------------- {title} ----------------\n", ctx.indent(), if i == 0 { "+-" } else { "  " });
        ctx.out.push_str(&head);
        ctx.depth += 1;
        if !truncated {
            if let Some(o) = sub.as_obj() {
                ctx.seen.push(o.addr());
                format_chain(o, ctx);
            }
        } else {
            let remaining = subs.len() - MAX_GROUP_WIDTH;
            ctx.emit(&format!("and {remaining} more exception{}\n", if remaining > 1 { "s" } else { "" }), '|');
        }
        if last && ctx.need_close {
            let close = format!("{}+------------------------------------\n", ctx.indent());
            ctx.out.push_str(&close);
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if toplevel {
        ctx.depth = 0;
    }
}

/// The `Type: message` line (or SyntaxError's location block) followed by the exception's notes, as
/// `TracebackException.format_exception_only` writes them.
fn exception_only(exc: &ObjRef) -> String {
    let mut out = String::new();
    let is_syntax = type_::is_subtype(
        exc.ty(),
        crate::builtins::exceptions::exc_type(crate::builtins::exceptions::ExcKind::SyntaxError),
    );
    match syntax_error_lines(exc).filter(|_| is_syntax) {
        Some(text) => out.push_str(&text),
        None => {
            out.push_str(&exception_line(exc));
            out.push('\n');
        }
    }
    let v = Value::Obj(exc.clone());
    match crate::ops::attr::getattr_opt(&v, "__notes__") {
        Ok(None) => {}
        Ok(Some(notes)) if notes.is_none() => {}
        Ok(Some(notes)) if matches!(notes.payload(), Some(Payload::List(_) | Payload::Tuple(_))) => {
            for note in crate::ops::iter::collect(&notes).unwrap_or_default() {
                let text = format::str_of(&note).unwrap_or_else(|_| "<note str() failed>".to_string());
                for line in text.split('\n') {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        Ok(Some(notes)) => {
            let text = format::repr(&notes).unwrap_or_else(|_| "<__notes__ repr() failed>".to_string());
            out.push_str(&text);
            out.push('\n');
        }
        Err(_) => out.push_str("<__notes__ repr() failed>\n"),
    }
    out
}

/// The location block and last line of a SyntaxError with a location, as `traceback.py` prints them:
/// `File "<string>", line N`, the text without its indentation, carets under `offset..end_offset`, then
/// `SyntaxError: msg`.
fn syntax_error_lines(exc: &ObjRef) -> Option<String> {
    let v = Value::Obj(exc.clone());
    let get = |n: &str| crate::ops::attr::getattr_opt(&v, n).ok().flatten().filter(|x| !x.is_none());
    let msg = get("msg")?;
    let msg = format::str_of(&msg).ok()?;
    let mut out = String::new();
    if let Some(Value::Int(line)) = get("lineno") {
        let file = get("filename").and_then(|f| f.as_str().map(str::to_string)).unwrap_or("<string>".into());
        out.push_str(&format!("  File \"{file}\", line {line}\n"));
    }
    if let Some(text) = get("text").and_then(|t| t.as_str().map(str::to_string)) {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        out.push_str(&format!("    {ltext}\n"));
        if let Some(Value::Int(offset)) = get("offset") {
            let mut offset = offset;
            let mut end = match get("end_offset") {
                Some(Value::Int(e)) if e != 0 => e,
                _ => offset,
            };
            let n = text.chars().count() as i64;
            if offset > n {
                offset = rtext.chars().count() as i64 + 1;
                end = end.max(offset);
            }
            if offset == end || end == -1 {
                end = offset + 1;
            }
            let col = offset - 1 - spaces as i64;
            let end_col = end - 1 - spaces as i64;
            if col >= 0 {
                let pad: String =
                    ltext.chars().take(col as usize).map(|c| if c.is_whitespace() { c } else { ' ' }).collect();
                let carets = "^".repeat((end_col - col).max(1) as usize);
                out.push_str(&format!("    {pad}{carets}\n"));
            }
        }
    }
    let ty = exc.ty();
    let name = type_::type_obj(ty).qualname.read().clone();
    out.push_str(&format!("{name}: {msg}\n"));
    Some(out)
}
