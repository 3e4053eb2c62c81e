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
    let msg = match crate::ops::attr::attribute_suggestion(exc) {
        Some(s) => format!("{msg}. Did you mean: '{s}'?"),
        None => msg,
    };
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
    out.push_str(&exception_line(exc));
    out.push('\n');
}
