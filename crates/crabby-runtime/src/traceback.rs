//! Printing uncaught exceptions the way CPython 3.12 does: the chain of causes and contexts, each with its
//! `Traceback (most recent call last):` block, frame lines with their source, and the `Type: message` line.

use std::collections::HashMap;
use std::sync::OnceLock;

use parking_lot::RwLock;

use crate::builtins::exceptions::exc_obj;
use crate::builtins::{dict, type_};
use crate::object::ObjRef;
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
    let mut out = String::new();
    let mut seen: Vec<usize> = Vec::new();
    format_chain(exc, &mut out, &mut seen);
    out
}

fn format_chain(exc: &ObjRef, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(exc.addr());
    let e = exc_obj(exc);
    let cause = e.cause.read().clone();
    let context = e.context.read().clone();
    // Relaxed: a plain flag, read after the raise completed.
    let suppress = e.suppress_context.load(std::sync::atomic::Ordering::Relaxed);
    if let Some(c) = cause.as_obj().filter(|c| !seen.contains(&c.addr())) {
        format_chain(c, out, seen);
        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if let (false, Some(c)) = (suppress, context.as_obj().filter(|c| !seen.contains(&c.addr()))) {
        format_chain(c, out, seen);
        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    let tb = e.traceback.lock().clone();
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        for entry in tb.iter().rev() {
            out.push_str(&format!("  File \"{}\", line {}, in {}\n", entry.code.filename, entry.line, entry.code.name));
            if let Some(l) = source_line(entry.code.filename, entry.line) {
                out.push_str(&format!("    {l}\n"));
            }
        }
    }
    if type_::is_subtype(
        exc.ty(),
        crate::builtins::exceptions::exc_type(crate::builtins::exceptions::ExcKind::SyntaxError),
    ) {
        if let Some(text) = syntax_error_lines(exc) {
            out.push_str(&text);
            return;
        }
    }
    out.push_str(&exception_line(exc));
    out.push('\n');
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
