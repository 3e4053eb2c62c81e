//! `re.Match` (one successful match: the spans of its groups over the subject it was found in),
//! `_sre.SRE_Scanner` (the iteration behind `finditer` and `re.Scanner`) and `_sre.SRE_Template` (a parsed
//! replacement string, made by `re._compile_template` for `sub` and `Match.expand`).
//!
//! A match keeps the subject object and the spans only; groups are cut from the subject when asked for, as
//! CPython does.

use std::sync::OnceLock;

use parking_lot::Mutex;

use super::subject::{once, subject, Cursor, Found, Op};
use super::{add_getters, bind, cut_repr, pattern_of, Pattern};
use crate::builtins::function::NativeFn;
use crate::builtins::type_::type_obj;
use crate::builtins::{add_methods, dict, list, new_native_type, tuple};
use crate::error::{type_error, PyResult};
use crate::modules::r#struct::{meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// The state behind a `re.Match`.
pub(crate) struct MatchObj {
    pattern: Value,
    string: Value,
    pos: usize,
    endpos: usize,
    regs: Vec<(isize, isize)>,
    lastindex: isize,
}

/// A new `re.Match` for `found` in `string`, searched between `pos` and `endpos` by the pattern object
/// `pattern`.
pub(crate) fn new_match(pattern: &Value, string: &Value, pos: usize, endpos: usize, found: Found) -> Value {
    let m = MatchObj {
        pattern: pattern.clone(),
        string: string.clone(),
        pos,
        endpos,
        regs: found.regs,
        lastindex: found.lastindex,
    };
    Value::Obj(ObjRef::new(match_type(), Payload::Native(NativeBox::new(m))))
}

fn match_of<'a>(v: &'a Value, method: &str) -> PyResult<&'a MatchObj> {
    match v.payload().and_then(|p| p.native::<MatchObj>()) {
        Some(m) => Ok(m),
        None => Err(type_error(format!(
            "descriptor '{method}' for 're.Match' objects doesn't apply to a '{}' object",
            v.type_name()
        ))),
    }
}

fn receiver<'a>(args: &'a [Value], method: &str) -> PyResult<(&'a MatchObj, &'a Value, &'a [Value])> {
    match args.split_first() {
        Some((this, rest)) => Ok((match_of(this, method)?, this, rest)),
        None => Err(type_error(format!("unbound method Match.{method}() needs an argument"))),
    }
}

impl MatchObj {
    fn pattern(&self) -> &Pattern {
        pattern_of(&self.pattern, "").expect("a match's pattern is a Pattern")
    }

    /// Group `g` (a valid number), or `default` when it did not take part in the match.
    fn group_value(&self, g: usize, default: &Value) -> PyResult<Value> {
        let (s, e) = self.regs[g];
        if s < 0 {
            return Ok(default.clone());
        }
        let subj = subject(&self.string, None)?;
        Ok(subj.slice(s as usize, e as usize))
    }

    fn group(&self, index: &Value) -> PyResult<Value> {
        let g = self.pattern().group_index(index)?;
        self.group_value(g, &Value::None)
    }
}

fn m_group(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, rest) = receiver(args, "group")?;
    Args::new("group", rest, kwargs).no_kwargs()?;
    match rest {
        [] => m.group_value(0, &Value::None),
        [g] => m.group(g),
        many => Ok(tuple::new_tuple(many.iter().map(|g| m.group(g)).collect::<PyResult<Vec<_>>>()?)),
    }
}

fn m_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, rest) = receiver(args, "__getitem__")?;
    let g = meth_o("Match.__getitem__", rest, kwargs)?;
    m.group(g)
}

fn m_groups(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, _) = receiver(args, "groups")?;
    let a = bind("Match.groups", args, kwargs, &["default"], 0)?;
    let default = a[0].clone().unwrap_or_default();
    let out = (1..m.regs.len()).map(|g| m.group_value(g, &default)).collect::<PyResult<Vec<_>>>()?;
    Ok(tuple::new_tuple(out))
}

fn m_groupdict(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, _) = receiver(args, "groupdict")?;
    let a = bind("Match.groupdict", args, kwargs, &["default"], 0)?;
    let default = a[0].clone().unwrap_or_default();
    let out = crate::builtins::dict::new_dict_obj();
    for (name, _) in dict::items(&m.pattern().groupindex) {
        let g = m.pattern().group_index(&name)?;
        dict::set(&out, name, m.group_value(g, &default)?)?;
    }
    Ok(Value::Obj(out))
}

/// The group of `start`, `end` and `span` (positional only, 0 by default).
fn span_of(m: &MatchObj, qualname: &str, rest: &[Value], kwargs: &[(Value, Value)]) -> PyResult<(isize, isize)> {
    Args::new(qualname, rest, kwargs).no_kwargs()?;
    let g = match rest {
        [] => 0,
        [g] => m.pattern().group_index(g)?,
        _ => {
            let short = qualname.rsplit('.').next().unwrap_or(qualname);
            return Err(type_error(format!("{short} expected at most 1 argument, got {}", rest.len())));
        }
    };
    Ok(m.regs[g])
}

fn m_start(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, rest) = receiver(args, "start")?;
    Ok(Value::Int(span_of(m, "Match.start", rest, kwargs)?.0 as i64))
}

fn m_end(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, rest) = receiver(args, "end")?;
    Ok(Value::Int(span_of(m, "Match.end", rest, kwargs)?.1 as i64))
}

fn span_tuple((s, e): (isize, isize)) -> Value {
    tuple::new_tuple_array([Value::Int(s as i64), Value::Int(e as i64)])
}

fn m_span(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, rest) = receiver(args, "span")?;
    Ok(span_tuple(span_of(m, "Match.span", rest, kwargs)?))
}

fn m_expand(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, this, _) = receiver(args, "expand")?;
    let a = bind("Match.expand", args, kwargs, &["template"], 1)?;
    let t = compile_template(&m.pattern, a[0].as_ref().expect("required"))?;
    expand_template(&t, this)
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (m, _, rest) = receiver(args, "__repr__")?;
    meth_noargs("Match.__repr__", rest, kwargs)?;
    let g0 = m.group_value(0, &Value::None)?;
    let (s, e) = m.regs[0];
    Ok(Value::from(format!("<re.Match object; span=({s}, {e}), match={}>", cut_repr(&g0, 50)?)))
}

fn m_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, this, rest) = receiver(args, "__copy__")?;
    meth_noargs("Match.__copy__", rest, kwargs)?;
    Ok(this.clone())
}

fn m_deepcopy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, this, rest) = receiver(args, "__deepcopy__")?;
    meth_o("Match.__deepcopy__", rest, kwargs)?;
    Ok(this.clone())
}

fn m_string(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(receiver(args, "string")?.0.string.clone())
}

fn m_re(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(receiver(args, "re")?.0.pattern.clone())
}

fn m_pos(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(receiver(args, "pos")?.0.pos as i64))
}

fn m_endpos(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(receiver(args, "endpos")?.0.endpos as i64))
}

fn m_lastindex(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = receiver(args, "lastindex")?.0;
    Ok(if m.lastindex >= 0 { Value::Int(m.lastindex as i64) } else { Value::None })
}

fn m_lastgroup(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = receiver(args, "lastgroup")?.0;
    if m.lastindex < 0 {
        return Ok(Value::None);
    }
    let names = m.pattern().indexgroup.as_tuple().unwrap_or(&[]);
    Ok(names.get(m.lastindex as usize).cloned().unwrap_or_default())
}

fn m_regs(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = receiver(args, "regs")?.0;
    Ok(tuple::new_tuple(m.regs.iter().map(|r| span_tuple(*r)).collect()))
}

const MATCH_METHODS: &[(&str, NativeFn)] = &[
    ("group", m_group),
    ("start", m_start),
    ("end", m_end),
    ("span", m_span),
    ("groups", m_groups),
    ("groupdict", m_groupdict),
    ("expand", m_expand),
    ("__getitem__", m_getitem),
    ("__repr__", m_repr),
    ("__copy__", m_copy),
    ("__deepcopy__", m_deepcopy),
];

pub(crate) fn match_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| {
        let ty = new_native_type("Match", "re", false);
        add_methods(&ty, MATCH_METHODS);
        add_getters(
            &ty,
            &[
                ("string", m_string),
                ("re", m_re),
                ("pos", m_pos),
                ("endpos", m_endpos),
                ("lastindex", m_lastindex),
                ("lastgroup", m_lastgroup),
                ("regs", m_regs),
            ],
        );
        dict::set_str(
            &type_obj(&ty).dict,
            "__doc__",
            Value::from(
                "The result of re.match() and re.search().\nMatch objects always have a boolean value of True.",
            ),
        );
        crate::builtins::generic_alias::add_class_getitem(&ty);
        ty
    })
}

// ---------------------------------------------------------------------------------------------------------
// Scanner.

/// The state behind an `SRE_Scanner`: where the next `match()`/`search()` starts, behind a mutex so that
/// threads sharing one scanner each get a distinct match.
struct ScannerObj {
    pattern: Value,
    string: Value,
    pos: usize,
    endpos: usize,
    cursor: Mutex<Cursor>,
}

pub(super) fn new_scanner(p: &Pattern, this: &Value, string: Value, pos: i64, endpos: i64) -> PyResult<Value> {
    let subj = subject(&string, p.bytes)?;
    let cursor = Cursor::new(subj.len(), pos, endpos);
    drop(subj);
    let s =
        ScannerObj { pattern: this.clone(), pos: cursor.start, endpos: cursor.end, string, cursor: Mutex::new(cursor) };
    Ok(Value::Obj(ObjRef::new(scanner_type(), Payload::Native(NativeBox::new(s)))))
}

fn scanner_of<'a>(args: &'a [Value], method: &str) -> PyResult<(&'a ScannerObj, &'a [Value])> {
    match args.split_first() {
        Some((this, rest)) => match this.payload().and_then(|p| p.native::<ScannerObj>()) {
            Some(s) => Ok((s, rest)),
            None => Err(type_error(format!(
                "descriptor '{method}' for '_sre.SRE_Scanner' objects doesn't apply to a '{}' object",
                this.type_name()
            ))),
        },
        None => Err(type_error(format!("unbound method SRE_Scanner.{method}() needs an argument"))),
    }
}

/// The next match of a scanner, or `None` once it is exhausted.
// NOTE: a bytearray or memoryview subject is read again (copied) on every call; CPython holds its buffer
// for the scanner's life instead.
fn scan(s: &ScannerObj, op: Op) -> PyResult<Value> {
    let p = pattern_of(&s.pattern, "scanner")?;
    let subj = subject(&s.string, p.bytes)?;
    // The lock covers only the matcher, which runs no Python code.
    let found = {
        let mut cur = s.cursor.lock();
        once(&subj, &p.code, p.groups, &mut cur, op)
    };
    Ok(match found {
        Some(f) => new_match(&s.pattern, &s.string, s.pos, s.endpos, f),
        None => Value::None,
    })
}

fn sc_match(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = scanner_of(args, "match")?;
    meth_noargs("SRE_Scanner.match", rest, kwargs)?;
    scan(s, Op::Match { full: false })
}

fn sc_search(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = scanner_of(args, "search")?;
    meth_noargs("SRE_Scanner.search", rest, kwargs)?;
    scan(s, Op::Search)
}

fn sc_pattern(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(scanner_of(args, "pattern")?.0.pattern.clone())
}

fn scanner_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| {
        let ty = new_native_type("SRE_Scanner", "_sre", false);
        add_methods(&ty, &[("match", sc_match), ("search", sc_search)]);
        let g = crate::builtins::function::new_builtin("pattern", sc_pattern, Some(ty.clone()));
        dict::set_str(
            &type_obj(&ty).dict,
            "pattern",
            crate::builtins::descriptor::make_property(g, Value::None, Value::None, Value::None),
        );
        type_obj(&ty).modified();
        ty
    })
}

/// `finditer`: a `callable_iterator` over the scanner's `search()` until it returns `None`.
pub(super) fn finditer(scanner: Value) -> Value {
    let mut done = false;
    let next = move || -> PyResult<Option<Value>> {
        if done {
            return Ok(None);
        }
        let (s, _) = scanner_of(std::slice::from_ref(&scanner), "search")?;
        let m = scan(s, Op::Search)?;
        if m.is_none() {
            done = true;
            return Ok(None);
        }
        Ok(Some(m))
    };
    crate::builtins::iter::new_iter(
        "callable_iterator",
        Box::new(crate::ops::iter::FnIter(parking_lot::Mutex::new(next))),
    )
}

// ---------------------------------------------------------------------------------------------------------
// Templates.

/// A parsed replacement: the first literal, then (group, following literal) pairs; empty literals are `None`.
struct TemplateObj {
    literal: Value,
    chunks: Vec<(usize, Value)>,
}

fn is_empty_text(v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Str(s)) => s.char_len() == 0,
        Some(Payload::Bytes(b)) => b.is_empty(),
        _ => false,
    }
}

/// `_sre.template(pattern, template)`: `template` is `[literal, group, literal, ..., literal]` as
/// `re._parser.parse_template` makes it.
pub(super) fn sre_template(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("template", args, kwargs).exact(2)?;
    let Some(Payload::List(items)) = a[1].payload() else {
        return Err(type_error(format!("template() argument 2 must be list, not {}", a[1].type_name())));
    };
    let items = items.read().clone();
    if items.len() % 2 == 0 {
        return Err(type_error("invalid template"));
    }
    let mut chunks = Vec::with_capacity(items.len() / 2);
    for pair in items[1..].chunks(2) {
        let i = ops::number::index(&pair[0])?;
        let g = crate::builtins::int::as_i64(&i).unwrap_or(-1);
        if g < 0 {
            return Err(type_error("invalid template"));
        }
        let lit = if is_empty_text(&pair[1]) { Value::None } else { pair[1].clone() };
        chunks.push((g as usize, lit));
    }
    let t = TemplateObj { literal: items[0].clone(), chunks };
    Ok(Value::Obj(ObjRef::new(template_type(), Payload::Native(NativeBox::new(t)))))
}

fn template_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| new_native_type("SRE_Template", "_sre", false))
}

/// `re._compile_template(pattern, repl)`, which parses (and caches) a replacement string.
pub(super) fn compile_template(pattern: &Value, repl: &Value) -> PyResult<Value> {
    let re = crate::import::import_dotted("re")?;
    let f = ops::attr::getattr_str(&re, "_compile_template")?;
    let t = ops::call::call(&f, &[pattern.clone(), repl.clone()], &[])?;
    if t.payload().and_then(|p| p.native::<TemplateObj>()).is_none() {
        return Err(type_error("expected a template object"));
    }
    Ok(t)
}

/// The literal a template without group references stands for.
pub(super) fn template_literal(t: &Value) -> Option<Value> {
    let t = t.payload()?.native::<TemplateObj>()?;
    t.chunks.is_empty().then(|| t.literal.clone())
}

/// A template filled in with the groups of match `m`; an unmatched group contributes nothing.
pub(super) fn expand_template(t: &Value, m: &Value) -> PyResult<Value> {
    let t =
        t.payload().and_then(|p| p.native::<TemplateObj>()).ok_or_else(|| type_error("expected a template object"))?;
    let mo = match_of(m, "expand")?;
    let mut pieces = Vec::with_capacity(2 * t.chunks.len() + 1);
    if !t.literal.is_none() {
        pieces.push(t.literal.clone());
    }
    for (g, lit) in &t.chunks {
        if *g >= mo.regs.len() {
            return Err(crate::error::index_error("no such group"));
        }
        let v = mo.group_value(*g, &Value::None)?;
        if !v.is_none() {
            pieces.push(v);
        }
        if !lit.is_none() {
            pieces.push(lit.clone());
        }
    }
    let is_bytes = subject(&mo.string, None)?.is_bytes();
    let joiner = if is_bytes { crate::builtins::bytes::new_bytes(b"") } else { Value::from("") };
    ops::call::call_method(&Value::from("join"), &[joiner, list::new_list(pieces)], &[])
}
