//! `_sre`: the regular-expression matcher under CPython's `re` package. CPython's own `re/_parser.py` and
//! `re/_compiler.py` turn a pattern into SRE code words; `_sre.compile` wraps them in a `re.Pattern`, whose
//! methods run them with the `rustpython-sre_engine` matcher, an implementation of the same SRE machine.
//! This file holds the module functions and the `Pattern` type; `sre/subject.rs` the subjects and matching
//! loops, `sre/matchobj.rs` the `Match`, `SRE_Scanner` and `SRE_Template` types.
//!
//! Patterns are immutable after `compile`, so threads share them freely; every call gets its own matcher
//! state. No lock is held while Python code runs (the `repl` function of `sub`, `re._compile_template`).

mod matchobj;
mod subject;

use std::sync::OnceLock;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::type_::type_obj;
use crate::builtins::{add_getters, add_methods, dict, list, module, new_native_type, tuple};
use crate::error::{index_error, overflow_error, type_error, PyResult};
use crate::modules::r#struct::{meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

pub(crate) use matchobj::{match_type, new_match};
use subject::{for_each, once, subject, Cursor, Found, Op, Subject};

/// CPython 3.12's `re._constants.MAGIC`. The engine implements the 3.13 machine (`MAGIC` 20230612), whose code
/// words are the same: 3.13 only removed the unused `TEMPLATE` flag.
const MAGIC: i64 = 20221023;

/// A compiled pattern: the state behind `re.Pattern` objects.
pub(crate) struct Pattern {
    /// The source (`str`, `bytes`, or `None` for a pattern compiled from a parsed tree).
    pattern: Value,
    flags: i64,
    code: Box<[u32]>,
    /// The number of capturing groups (group 0 not counted).
    groups: usize,
    /// Name to group number.
    groupindex: ObjRef,
    /// Group number to name (`None` where unnamed), as a tuple.
    indexgroup: Value,
    /// `Some(true)` for a bytes pattern, `Some(false)` for str, `None` when the source is not known.
    bytes: Option<bool>,
}

impl Pattern {
    /// The group number for `index` (an int, or a group name), or IndexError "no such group".
    fn group_index(&self, index: &Value) -> PyResult<usize> {
        let i = if ops::number::index(index).is_ok() {
            let v = ops::number::index(index)?;
            crate::builtins::int::as_i64(&v).unwrap_or(-1)
        } else {
            match dict::get(&self.groupindex, index).ok().flatten() {
                Some(v) if crate::builtins::int::is_int(&v) => crate::builtins::int::as_i64(&v).unwrap_or(-1),
                _ => -1,
            }
        };
        if i < 0 || i as usize > self.groups {
            return Err(index_error("no such group"));
        }
        Ok(i as usize)
    }
}

pub(crate) fn pattern_of<'a>(v: &'a Value, method: &str) -> PyResult<&'a Pattern> {
    match v.payload().and_then(|p| p.native::<Pattern>()) {
        Some(p) => Ok(p),
        None => Err(type_error(format!(
            "descriptor '{method}' for 're.Pattern' objects doesn't apply to a '{}' object",
            v.type_name()
        ))),
    }
}

fn receiver<'a>(args: &'a [Value], method: &str) -> PyResult<(&'a Pattern, &'a Value, &'a [Value])> {
    match args.split_first() {
        Some((this, rest)) => Ok((pattern_of(this, method)?, this, rest)),
        None => Err(type_error(format!("unbound method Pattern.{method}() needs an argument"))),
    }
}

/// Binds a method's arguments after the receiver (`args[0]`), with Argument Clinic's messages; the first
/// `required` of `names` are required.
pub(crate) fn bind(
    qualname: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let short = qualname.rsplit('.').next().unwrap_or(qualname);
    let pos = args.get(1..).unwrap_or(&[]);
    if pos.len() > names.len() {
        let n = names.len();
        return Err(type_error(format!(
            "{short}() takes at most {n} argument{} ({} given)",
            if n == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwargs {
        let k = k.as_str().unwrap_or("");
        match names.iter().position(|n| *n == k) {
            Some(i) if out[i].is_some() => {
                return Err(type_error(format!(
                    "argument for {short}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(type_error(format!("'{k}' is an invalid keyword argument for {short}()"))),
        }
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(type_error(format!("{short}() missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    Ok(out)
}

/// A `Py_ssize_t` argument (`pos`, `endpos`, `count`, `maxsplit`).
fn ssize(v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => {
            if !crate::builtins::int::is_int(v) && ops::number::index(v).is_err() {
                return Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())));
            }
            let i = ops::number::index(v)?;
            crate::builtins::int::as_i64(&i)
                .ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Module functions.

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn sre_compile(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("compile", args, kwargs)
        .bind(&["pattern", "flags", "code", "groups", "groupindex", "indexgroup"], 6)?;
    let [pattern, flags, code, groups, groupindex, indexgroup] = <[Option<Value>; 6]>::try_from(a)
        .map_err(|_| type_error("compile() expects 6 arguments"))?
        .map(Option::unwrap_or_default);
    let flags = ssize(Some(&flags), 0)?;
    let Some(Payload::List(items)) = code.payload() else {
        return Err(type_error(format!("compile() argument 'code' must be list, not {}", code.type_name())));
    };
    let items = items.read().clone();
    let mut words = Vec::with_capacity(items.len());
    for w in &items {
        let i = ops::number::index(w)?;
        let n = crate::builtins::int::as_i64(&i)
            .filter(|n| (0..=u32::MAX as i64).contains(n))
            .ok_or_else(|| overflow_error("regular expression code size limit exceeded"))?;
        words.push(n as u32);
    }
    let groups = ssize(Some(&groups), 0)?.max(0) as usize;
    let groupindex = match groupindex.as_obj() {
        Some(o) if matches!(o.payload, Payload::Dict(_)) => {
            // A copy, so that later changes to the caller's dict do not reach the pattern.
            dict::copy(o).as_obj().expect("dict").clone()
        }
        _ => {
            return Err(type_error(format!(
                "compile() argument 'groupindex' must be dict, not {}",
                groupindex.type_name()
            )))
        }
    };
    if indexgroup.as_tuple().is_none() {
        return Err(type_error(format!(
            "compile() argument 'indexgroup' must be tuple, not {}",
            indexgroup.type_name()
        )));
    }
    let bytes = match pattern.payload() {
        _ if pattern.is_none() => None,
        Some(Payload::Str(_)) => Some(false),
        _ if crate::builtins::bytes::is_buffer(&pattern) => Some(true),
        _ => return Err(type_error(format!("expected string or bytes-like object, got '{}'", pattern.type_name()))),
    };
    let p = Pattern { pattern, flags, code: words.into(), groups, groupindex, indexgroup, bytes };
    Ok(Value::Obj(ObjRef::new(pattern_type(), Payload::Native(NativeBox::new(p)))))
}

fn char_arg(qualname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<u32> {
    let v = meth_o(qualname, args, kwargs)?;
    let i = ssize(Some(v), 0)?;
    Ok(i.clamp(0, u32::MAX as i64) as u32)
}

fn sre_getcodesize(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    meth_noargs("getcodesize", args, kwargs)?;
    Ok(Value::Int(rustpython_sre_engine::CODESIZE as i64))
}

fn sre_ascii_iscased(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ch = char_arg("ascii_iscased", args, kwargs)?;
    Ok(Value::Bool(ch < 128 && (ch as u8).is_ascii_alphabetic()))
}

fn sre_unicode_iscased(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ch = char_arg("unicode_iscased", args, kwargs)?;
    let lower = rustpython_sre_engine::string::lower_unicode(ch);
    let upper = rustpython_sre_engine::string::upper_unicode(ch);
    Ok(Value::Bool(ch != lower || ch != upper))
}

fn sre_ascii_tolower(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ch = char_arg("ascii_tolower", args, kwargs)?;
    Ok(Value::Int(rustpython_sre_engine::string::lower_ascii(ch) as i64))
}

fn sre_unicode_tolower(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ch = char_arg("unicode_tolower", args, kwargs)?;
    Ok(Value::Int(rustpython_sre_engine::string::lower_unicode(ch) as i64))
}

// ---------------------------------------------------------------------------------------------------------
// Pattern methods.

/// `match`, `fullmatch` and `search`: `(string, pos=0, endpos=sys.maxsize)`.
fn anchored(args: &[Value], kwargs: &[(Value, Value)], method: &str, op: Op) -> PyResult<Value> {
    let (p, this, _) = receiver(args, method)?;
    let a = bind(&format!("Pattern.{method}"), args, kwargs, &["string", "pos", "endpos"], 1)?;
    let string = a[0].clone().unwrap_or_default();
    let subj = subject(&string, p.bytes)?;
    let mut cur = Cursor::new(subj.len(), ssize(a[1].as_ref(), 0)?, ssize(a[2].as_ref(), i64::MAX)?);
    let (pos, endpos) = (cur.start, cur.end);
    Ok(match once(&subj, &p.code, p.groups, &mut cur, op) {
        Some(f) => new_match(this, &string, pos, endpos, f),
        None => Value::None,
    })
}

fn p_match(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    anchored(args, kwargs, "match", Op::Match { full: false })
}

fn p_fullmatch(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    anchored(args, kwargs, "fullmatch", Op::Match { full: true })
}

fn p_search(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    anchored(args, kwargs, "search", Op::Search)
}

/// Group `g` of a match as `findall` reports it: the empty string for a group that did not take part.
fn group_or_empty(subj: &Subject<'_>, f: &Found, g: usize) -> Value {
    let (s, e) = f.regs[g];
    if s < 0 {
        subj.slice(0, 0)
    } else {
        subj.slice(s as usize, e as usize)
    }
}

fn p_findall(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, _, _) = receiver(args, "findall")?;
    let a = bind("Pattern.findall", args, kwargs, &["string", "pos", "endpos"], 1)?;
    let string = a[0].clone().unwrap_or_default();
    let subj = subject(&string, p.bytes)?;
    let mut cur = Cursor::new(subj.len(), ssize(a[1].as_ref(), 0)?, ssize(a[2].as_ref(), i64::MAX)?);
    let mut out = Vec::new();
    for_each(&subj, &p.code, p.groups, &mut cur, Op::Search, 0, &mut |f| {
        out.push(match p.groups {
            0 => group_or_empty(&subj, &f, 0),
            1 => group_or_empty(&subj, &f, 1),
            n => tuple::new_tuple((1..=n).map(|g| group_or_empty(&subj, &f, g)).collect()),
        });
        Ok(true)
    })?;
    Ok(list::new_list(out))
}

fn p_scanner(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, this, _) = receiver(args, "scanner")?;
    let a = bind("Pattern.scanner", args, kwargs, &["string", "pos", "endpos"], 1)?;
    let string = a[0].clone().unwrap_or_default();
    matchobj::new_scanner(p, this, string, ssize(a[1].as_ref(), 0)?, ssize(a[2].as_ref(), i64::MAX)?)
}

fn p_finditer(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, this, _) = receiver(args, "finditer")?;
    let a = bind("Pattern.finditer", args, kwargs, &["string", "pos", "endpos"], 1)?;
    let string = a[0].clone().unwrap_or_default();
    let scanner = matchobj::new_scanner(p, this, string, ssize(a[1].as_ref(), 0)?, ssize(a[2].as_ref(), i64::MAX)?)?;
    Ok(matchobj::finditer(scanner))
}

fn p_split(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, _, _) = receiver(args, "split")?;
    let a = bind("Pattern.split", args, kwargs, &["string", "maxsplit"], 1)?;
    let string = a[0].clone().unwrap_or_default();
    let maxsplit = ssize(a[1].as_ref(), 0)?;
    let subj = subject(&string, p.bytes)?;
    if maxsplit < 0 {
        return Ok(list::new_list(vec![subj.slice(0, subj.len())]));
    }
    let mut cur = Cursor::new(subj.len(), 0, i64::MAX);
    let mut out = Vec::new();
    let mut last = 0usize;
    for_each(&subj, &p.code, p.groups, &mut cur, Op::Search, maxsplit as usize, &mut |f| {
        let (s, e) = f.regs[0];
        out.push(subj.slice(last, s as usize));
        for g in 1..=p.groups {
            let (gs, ge) = f.regs[g];
            out.push(if gs < 0 { Value::None } else { subj.slice(gs as usize, ge as usize) });
        }
        last = e as usize;
        Ok(true)
    })?;
    out.push(subj.slice(last, subj.len()));
    Ok(list::new_list(out))
}

/// How `sub` makes each replacement.
enum Repl {
    Literal(Value),
    Template(Value),
    Callable(Value),
}

fn has_backslash(v: &Value) -> Option<bool> {
    match v.payload() {
        Some(Payload::Str(s)) => Some(s.as_str().contains('\\')),
        _ => crate::builtins::bytes::buffer(v).ok().flatten().map(|b| b.contains(&b'\\')),
    }
}

/// `sub` and `subn`: `(repl, string, count=0)`.
fn subx(args: &[Value], kwargs: &[(Value, Value)], method: &str, with_count: bool) -> PyResult<Value> {
    let (p, this, _) = receiver(args, method)?;
    let a = bind(&format!("Pattern.{method}"), args, kwargs, &["repl", "string", "count"], 2)?;
    let repl = a[0].clone().unwrap_or_default();
    let string = a[1].clone().unwrap_or_default();
    let count = ssize(a[2].as_ref(), 0)?;
    let filter = if crate::modules::builtins::is_callable(&repl) {
        Repl::Callable(repl)
    } else if has_backslash(&repl) == Some(false) {
        Repl::Literal(repl)
    } else {
        let t = matchobj::compile_template(this, &repl)?;
        match matchobj::template_literal(&t) {
            Some(lit) => Repl::Literal(lit),
            None => Repl::Template(t),
        }
    };
    let subj = subject(&string, p.bytes)?;
    let mut cur = Cursor::new(subj.len(), 0, i64::MAX);
    // Matches are collected first, then replaced: the replacement function may run any Python code.
    let mut found = Vec::new();
    if count >= 0 {
        for_each(&subj, &p.code, p.groups, &mut cur, Op::Search, count as usize, &mut |f| {
            found.push(f);
            Ok(true)
        })?;
    }
    let n = found.len();
    let mut pieces = Vec::with_capacity(2 * n + 1);
    let mut last = 0usize;
    let len = subj.len();
    let is_bytes = subj.is_bytes();
    drop(subj);
    for f in found {
        let (s, e) = f.regs[0];
        let subj = subject(&string, p.bytes)?;
        if last < s as usize {
            pieces.push(subj.slice(last, s as usize));
        }
        drop(subj);
        let item = match &filter {
            Repl::Literal(v) => v.clone(),
            Repl::Template(t) => {
                let m = new_match(this, &string, 0, len, f);
                matchobj::expand_template(t, &m)?
            }
            Repl::Callable(func) => {
                let m = new_match(this, &string, 0, len, f);
                ops::call::call(func, &[m], &[])?
            }
        };
        if !item.is_none() {
            pieces.push(item);
        }
        last = e as usize;
    }
    let subj = subject(&string, p.bytes)?;
    if last < subj.len() {
        pieces.push(subj.slice(last, subj.len()));
    }
    let joiner = if is_bytes { crate::builtins::bytes::new_bytes(b"") } else { Value::from("") };
    let joined = if pieces.is_empty() {
        joiner
    } else {
        ops::call::call_method(&Value::from("join"), &[joiner, list::new_list(pieces)], &[])?
    };
    Ok(if with_count { tuple::new_tuple_array([joined, Value::Int(n as i64)]) } else { joined })
}

fn p_sub(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    subx(args, kwargs, "sub", false)
}

fn p_subn(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    subx(args, kwargs, "subn", true)
}

fn p_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, this, rest) = receiver(args, "__copy__")?;
    meth_noargs("Pattern.__copy__", rest, kwargs)?;
    Ok(this.clone())
}

fn p_deepcopy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, this, rest) = receiver(args, "__deepcopy__")?;
    meth_o("Pattern.__deepcopy__", rest, kwargs)?;
    Ok(this.clone())
}

/// The flag names of a pattern's repr, in CPython's order.
const FLAG_NAMES: &[(i64, &str)] = &[
    (1, "re.TEMPLATE"),
    (2, "re.IGNORECASE"),
    (4, "re.LOCALE"),
    (8, "re.MULTILINE"),
    (16, "re.DOTALL"),
    (32, "re.UNICODE"),
    (64, "re.VERBOSE"),
    (128, "re.DEBUG"),
    (256, "re.ASCII"),
];

/// `%.Nr`: a repr cut to `n` characters, as CPython's `PyUnicode_FromFormat` does.
pub(crate) fn cut_repr(v: &Value, n: usize) -> PyResult<String> {
    let r = ops::format::repr(v)?;
    Ok(match r.char_indices().nth(n) {
        Some((b, _)) => r[..b].to_string(),
        None => r,
    })
}

fn p_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, _, rest) = receiver(args, "__repr__")?;
    meth_noargs("Pattern.__repr__", rest, kwargs)?;
    let src = cut_repr(&p.pattern, 200)?;
    let mut flags = p.flags;
    // The default for str patterns is not shown.
    if p.bytes == Some(false) && flags & 0x124 == 0x20 {
        flags &= !0x20;
    }
    if flags == 0 {
        return Ok(Value::from(format!("re.compile({src})")));
    }
    let mut names: Vec<String> = Vec::new();
    for (bit, name) in FLAG_NAMES {
        if flags & bit != 0 {
            names.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        names.push(format!("{flags:#x}"));
    }
    Ok(Value::from(format!("re.compile({src}, {})", names.join("|"))))
}

fn p_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, this, rest) = receiver(args, "__eq__")?;
    let other = meth_o("Pattern.__eq__", rest, kwargs)?;
    let Some(q) = other.payload().and_then(|o| o.native::<Pattern>()) else {
        return Ok(Value::Obj(crate::builtins::types().not_implemented.clone()));
    };
    if this.is(other) {
        return Ok(Value::Bool(true));
    }
    let same =
        p.flags == q.flags && p.bytes == q.bytes && p.code == q.code && ops::compare::eq_bool(&p.pattern, &q.pattern)?;
    Ok(Value::Bool(same))
}

fn p_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = p_eq(args, kwargs)?;
    Ok(match r {
        Value::Bool(b) => Value::Bool(!b),
        other => other,
    })
}

fn p_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, _, rest) = receiver(args, "__hash__")?;
    meth_noargs("Pattern.__hash__", rest, kwargs)?;
    let mut h = ops::hash::hash(&p.pattern)?;
    let bytes: Vec<u8> = p.code.iter().flat_map(|w| w.to_ne_bytes()).collect();
    h ^= ops::hash::hash_bytes(&bytes);
    h ^= p.flags;
    h ^= (p.bytes == Some(true)) as i64;
    h ^= p.code.len() as i64;
    if h == -1 {
        h = -2;
    }
    Ok(Value::Int(h))
}

fn p_pattern(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(receiver(args, "pattern")?.0.pattern.clone())
}

fn p_flags(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(receiver(args, "flags")?.0.flags))
}

fn p_groups(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(receiver(args, "groups")?.0.groups as i64))
}

fn p_groupindex(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let p = receiver(args, "groupindex")?.0;
    Ok(crate::builtins::descriptor::new_proxy(dict::copy(&p.groupindex)))
}

const PATTERN_METHODS: &[(&str, NativeFn)] = &[
    ("match", p_match),
    ("fullmatch", p_fullmatch),
    ("search", p_search),
    ("sub", p_sub),
    ("subn", p_subn),
    ("findall", p_findall),
    ("split", p_split),
    ("finditer", p_finditer),
    ("scanner", p_scanner),
    ("__copy__", p_copy),
    ("__deepcopy__", p_deepcopy),
    ("__repr__", p_repr),
    ("__eq__", p_eq),
    ("__ne__", p_ne),
    ("__hash__", p_hash),
];

pub(crate) fn pattern_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| {
        let ty = new_native_type("Pattern", "re", false);
        add_methods(&ty, PATTERN_METHODS);
        add_getters(
            &ty,
            &[("pattern", p_pattern), ("flags", p_flags), ("groups", p_groups), ("groupindex", p_groupindex)],
        );
        crate::builtins::generic_alias::add_class_getitem(&ty);
        dict::set_str(&type_obj(&ty).dict, "__doc__", Value::from("Compiled regular expression object."));
        ty
    })
}

static SRE: OnceLock<ObjRef> = OnceLock::new();

/// The `_sre` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(SRE
        .get_or_init(|| {
            let m = module::new_module("_sre").make_immortal();
            let d = module::module_dict(&m);
            const FUNCTIONS: &[(&str, NativeFn)] = &[
                ("compile", sre_compile),
                ("getcodesize", sre_getcodesize),
                ("ascii_iscased", sre_ascii_iscased),
                ("unicode_iscased", sre_unicode_iscased),
                ("ascii_tolower", sre_ascii_tolower),
                ("unicode_tolower", sre_unicode_tolower),
                ("template", matchobj::sre_template),
            ];
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            dict::set_str(d, "MAGIC", Value::Int(MAGIC));
            dict::set_str(d, "CODESIZE", Value::Int(rustpython_sre_engine::CODESIZE as i64));
            dict::set_str(d, "MAXREPEAT", Value::Int(rustpython_sre_engine::MAXREPEAT as i64));
            // CPython 3.12's `SRE_MAXGROUPS` on 64-bit machines: a quarter of the 32-bit code word range.
            // NOTE: the engine's own constant is larger (`MAXREPEAT / 2`); programs only compare against it.
            dict::set_str(d, "MAXGROUPS", Value::Int((u32::MAX / 4) as i64));
            // The types are reachable for `re.Pattern` and `re.Match` (`type(sre_compile.compile(...))`).
            let _ = (pattern_type(), match_type());
            m
        })
        .clone())
}
