//! The "Did you mean" hints CPython 3.12 adds to the last line of an uncaught exception's traceback
//! (`Python/suggestions.c`): for an AttributeError the closest name in `dir(obj)`; for a NameError the
//! closest local, global or built-in name of the code that raised it, and "Did you forget to import 'x'?"
//! when the name is a standard-library module; for `from m import x` failing, the closest name in `dir(m)`.
//! Closeness is CPython's Levenshtein distance (case changes cost 1, other edits 2; at most a third of the
//! characters may change).

use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::{dict, type_};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// What `traceback` appends to the exception's message: `". Did you mean: 'x'?"`, the NameError's
/// forgotten-import hint, both, or nothing.
pub fn suffix(exc: &ObjRef) -> String {
    let is = |kind: ExcKind| type_::is_subtype(exc.ty(), exceptions::exc_type(kind));
    let mut out = String::new();
    if is(ExcKind::AttributeError) || is(ExcKind::NameError) {
        let Some(wrong) = str_attr(exc, "name") else { return out };
        let suggestion =
            if is(ExcKind::AttributeError) { attribute_suggestion(exc, &wrong) } else { name_suggestion(exc, &wrong) };
        if let Some(s) = &suggestion {
            out = format!(". Did you mean: '{s}'?");
        }
        if is(ExcKind::NameError) && crate::modules::sys_attrs::is_stdlib_module_name(&wrong) {
            if suggestion.is_some() {
                out.push_str(&format!(" Or did you forget to import '{wrong}'?"));
            } else {
                out = format!(". Did you forget to import '{wrong}'?");
            }
        }
    } else if is(ExcKind::ImportError) {
        if let Some(s) = import_suggestion(exc) {
            out = format!(". Did you mean: '{s}'?");
        }
    }
    out
}

/// A string attribute of the exception (`name`, `name_from`), read without running Python code.
fn str_attr(exc: &ObjRef, name: &str) -> Option<String> {
    let v = dict::get_str(exc.dict()?, name)?;
    v.as_str().map(str::to_string)
}

/// The names `dir(obj)` lists.
fn dir_of(obj: &Value) -> Option<Vec<Value>> {
    let dir_f = crate::modules::builtins::lookup("dir")?;
    ops::iter::collect(&ops::call::call(&dir_f, std::slice::from_ref(obj), &[]).ok()?).ok()
}

fn attribute_suggestion(exc: &ObjRef, wrong: &str) -> Option<String> {
    let obj = dict::get_str(exc.dict()?, "obj")?;
    closest(&dir_of(&obj)?, wrong)
}

/// CPython searches the raising frame's local variable names, then its globals, then the built-ins.
/// NOTE: CPython first suggests `self.name` when the frame has a `self` whose object has that attribute;
/// compiled code keeps no frame locals to read `self` from, so that hint is not given.
fn name_suggestion(exc: &ObjRef, wrong: &str) -> Option<String> {
    let e = exceptions::exc_obj(exc);
    let code = e.traceback.lock().first().map(|entry| entry.code);
    if let Some(code) = code {
        let locals: Vec<Value> = code.params.iter().chain(code.locals.iter()).map(|n| Value::from(*n)).collect();
        if let Some(s) = closest(&locals, wrong) {
            return Some(s);
        }
    }
    if let Some(g) = e.globals.get() {
        if let Some(s) = closest(&dict::keys(g), wrong) {
            return Some(s);
        }
    }
    closest(&dict::keys(crate::modules::builtins::builtins_dict()), wrong)
}

/// `from m import wrong`: the closest name in `dir(sys.modules[m])` (ImportError's `name` and `name_from`).
fn import_suggestion(exc: &ObjRef) -> Option<String> {
    let module = str_attr(exc, "name")?;
    let wrong = str_attr(exc, "name_from")?;
    let m = dict::get_str(crate::import::sys_modules(), &module)?;
    closest(&dir_of(&m)?, &wrong)
}

/// CPython's `calculate_suggestions`: the candidate with the smallest distance (the first of equals), if it
/// is within a third of the characters involved.
fn closest(candidates: &[Value], wrong: &str) -> Option<String> {
    const MAX_ITEMS: usize = 750;
    if candidates.len() >= MAX_ITEMS {
        return None;
    }
    let wlen = wrong.len();
    let mut best = usize::MAX;
    let mut suggestion: Option<String> = None;
    for n in candidates {
        let Some(cand) = n.as_str() else { continue };
        if cand == wrong {
            continue;
        }
        let max = ((cand.len() + wlen + 3) * MOVE_COST / 6).min(best.saturating_sub(1));
        let dist = levenshtein(wrong, cand, max);
        if dist > max {
            continue;
        }
        if suggestion.is_none() || dist < best {
            suggestion = Some(cand.to_string());
            best = dist;
        }
    }
    suggestion
}

const MOVE_COST: usize = 2;

/// CPython's `Python/suggestions.c:levenshtein_distance`: case changes cost 1, other edits 2.
fn levenshtein(a: &str, b: &str, max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let mut a: Vec<char> = a.chars().collect();
    let mut b: Vec<char> = b.chars().collect();
    let pre = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    a.drain(..pre);
    b.drain(..pre);
    let post = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    a.truncate(a.len() - post);
    b.truncate(b.len() - post);
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > 40 || b.len() > 40 {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let cost = |x: char, y: char| {
        if x == y {
            0
        } else if x.to_lowercase().eq(y.to_lowercase()) {
            1
        } else {
            MOVE_COST
        }
    };
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + cost(bc, ac);
            distance = row[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}
