//! Structural pattern matching (PEP 634): the run-time steps a `match` statement's patterns compile to, with
//! CPython 3.12's semantics and messages (its `MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS`, `MATCH_CLASS`
//! and `COPY_DICT_WITHOUT_KEYS`). Compiled code and the evaluator of `eval`/`exec` both call these, so a
//! pattern means the same thing wherever it runs. Capturing names and comparing literals is left to the
//! caller: these functions only decide and extract.

use crate::builtins::exceptions::ExcKind;
use crate::builtins::type_::{self, Patma};
use crate::builtins::{dict, set, tuple};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// A value pattern: `subject == value`, then its truth. Unlike `in` or `list.index`, there is no identity
/// shortcut (a NaN constant does not match itself).
pub fn match_eq(subject: &Value, value: &Value) -> PyResult<bool> {
    ops::truthy(&ops::compare::eq(subject, value)?)
}

/// Whether `v` is a virtual subclass instance of `collections.abc.<abc>` (registered with it), looked up
/// only when that module has been imported: registration is the one way a class that neither derives
/// from a flagged type nor from the ABC becomes a sequence or mapping.
// NOTE: CPython's `ABCMeta.register` sets the flag on the registered class; crabby's `abc` is the pure
// Python `_py_abc`, which keeps a registry instead, so the registry is consulted through `issubclass`.
fn registered_with(v: &Value, abc: &str) -> PyResult<bool> {
    let Some(m) = dict::get_str(crate::import::sys_modules(), "collections.abc") else {
        return Ok(false);
    };
    let Some(cls) = ops::attr::getattr_opt(&m, abc)? else {
        return Ok(false);
    };
    type_::issubclass(&Value::Obj(v.ty().clone()), &cls)
}

/// Whether sequence patterns apply to `v` (CPython's `MATCH_SEQUENCE`): `str`, `bytes` and `bytearray` never.
pub fn is_sequence(v: &Value) -> PyResult<bool> {
    let Value::Obj(o) = v else {
        return Ok(false);
    };
    let flags = type_::patma(o.ty());
    if flags & Patma::SEQUENCE != 0 {
        return Ok(true);
    }
    if flags & Patma::MAPPING != 0
        || matches!(o.payload, Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_))
        || !type_::type_obj(o.ty()).heap
    {
        return Ok(false);
    }
    registered_with(v, "Sequence")
}

/// Whether mapping patterns apply to `v` (CPython's `MATCH_MAPPING`).
pub fn is_mapping(v: &Value) -> PyResult<bool> {
    let Value::Obj(o) = v else {
        return Ok(false);
    };
    let flags = type_::patma(o.ty());
    if flags & Patma::MAPPING != 0 {
        return Ok(true);
    }
    if flags & Patma::SEQUENCE != 0 || !type_::type_obj(o.ty()).heap {
        return Ok(false);
    }
    registered_with(v, "Mapping")
}

/// How a sequence pattern takes its items apart once the subject's kind and length are checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SeqMode {
    /// Every sub-pattern is a wildcard: nothing is extracted.
    Check,
    /// The star sub-pattern is `*_`: the other items are fetched by index (`s[i]`, `s[len(s) - k]`).
    Subscript,
    /// Unpacked by iteration, as `a, *b, c = s` does; the star item becomes a list.
    Unpack,
}

/// A sequence pattern of `size` sub-patterns (one of them the star at `star`, if any) against `subject`:
/// `None` when it does not match, else the items for the sub-patterns in order (none in [`SeqMode::Check`],
/// every one but the star in [`SeqMode::Subscript`]).
pub fn match_sequence(
    subject: &Value,
    size: usize,
    star: Option<usize>,
    mode: SeqMode,
) -> PyResult<Option<Vec<Value>>> {
    if !is_sequence(subject)? {
        return Ok(None);
    }
    match star {
        None => {
            if ops::len(subject)? != size {
                return Ok(None);
            }
        }
        // `len(s) >= 0` needs no check: CPython skips it for a lone star.
        Some(_) if size > 1 => {
            if ops::len(subject)? < size - 1 {
                return Ok(None);
            }
        }
        Some(_) => {}
    }
    match mode {
        SeqMode::Check => Ok(Some(Vec::new())),
        SeqMode::Subscript => {
            let star = star.unwrap_or(size);
            let mut out = Vec::with_capacity(size.saturating_sub(1));
            for i in 0..star {
                out.push(ops::subscript::getitem(subject, &Value::Int(i as i64))?);
            }
            for k in (1..size - star).rev() {
                let n = ops::len(subject)? as i64;
                out.push(ops::subscript::getitem(subject, &Value::Int(n - k as i64))?);
            }
            Ok(Some(out))
        }
        SeqMode::Unpack => Ok(Some(match star {
            None => ops::iter::unpack(subject, size)?,
            Some(i) => ops::iter::unpack_ex(subject, i, size - i - 1)?,
        })),
    }
}

/// The first step of a mapping pattern with `nkeys` keys: whether `subject` is a mapping with at least that
/// many items.
pub fn match_mapping(subject: &Value, nkeys: usize) -> PyResult<bool> {
    if !is_mapping(subject)? {
        return Ok(false);
    }
    Ok(nkeys == 0 || ops::len(subject)? >= nkeys)
}

/// The values of `keys` in the mapping `subject`, looked up with `subject.get(key, <sentinel>)` so that
/// `__missing__` (a `defaultdict`'s factory) never runs; `None` when a key is absent (CPython's `MATCH_KEYS`).
/// A key given twice is a `ValueError`.
pub fn match_keys(subject: &Value, keys: &[Value]) -> PyResult<Option<Vec<Value>>> {
    if keys.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let get = ops::attr::getattr_str(subject, "get")?;
    let seen = crate::rt::new_set_obj();
    let dummy = Value::Obj(crate::object::ObjRef::new(
        &crate::builtins::types().object,
        Payload::Instance(crate::builtins::instance::InstAttrs::none()),
    ));
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        if set::contains(&seen, key)? {
            return Err(PyErr::new(
                ExcKind::ValueError,
                format!("mapping pattern checks duplicate key ({})", ops::format::repr(key)?),
            ));
        }
        crate::rt::set_add(&seen, key.clone())?;
        let v = ops::call::call(&get, &[key.clone(), dummy.clone()], &[])?;
        if v.is(&dummy) {
            return Ok(None);
        }
        out.push(v);
    }
    Ok(Some(out))
}

/// The `**rest` of a mapping pattern: a new dict of `subject`'s items without `keys` (CPython's
/// `COPY_DICT_WITHOUT_KEYS`).
pub fn mapping_rest(subject: &Value, keys: &[Value]) -> PyResult<Value> {
    let rest = dict::new_dict_obj();
    crate::rt::dict_merge(&rest, subject)?;
    let rest = Value::Obj(rest);
    for key in keys {
        ops::subscript::delitem(&rest, key)?;
    }
    Ok(rest)
}

/// A class pattern `cls(p1, ..., pn, k1=q1, ...)` against `subject` (CPython's `MATCH_CLASS`): `None` when the
/// subject is not an instance or lacks one of the attributes, else the `nargs` positional values (through
/// `__match_args__`, or the subject itself for `int(x)` and the other self-matching built-ins) followed by
/// the keyword attributes' values.
pub fn match_class(subject: &Value, cls: &Value, nargs: usize, kwargs: &[&str]) -> PyResult<Option<Vec<Value>>> {
    let Some(Payload::Type(_)) = cls.payload() else {
        return Err(type_error("called match pattern must be a class"));
    };
    let ty = cls.as_obj().expect("type");
    if !type_::isinstance(subject, cls)? {
        return Ok(None);
    }
    // Only error messages need the name: computing it lazily keeps successful matches allocation-light.
    let tp_name = || type_::type_name(ty);
    // Declared before `seen`, which borrows the attribute names from it.
    let match_args: Value;
    let mut seen: Vec<&str> = Vec::with_capacity(nargs + kwargs.len());
    let mut out = Vec::with_capacity(nargs + kwargs.len());
    if nargs > 0 {
        let match_self;
        (match_args, match_self) = match ops::attr::getattr_opt(cls, "__match_args__")? {
            Some(m) => {
                if !matches!(m.payload(), Some(Payload::Tuple(_))) || !m.ty().ptr_eq(&crate::builtins::types().tuple) {
                    return Err(type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        tp_name(),
                        m.type_name()
                    )));
                }
                (m, false)
            }
            None => (tuple::new_tuple(Vec::new()), type_::patma(ty) & Patma::MATCH_SELF != 0),
        };
        let names = match_args.as_tuple().unwrap_or(&[]);
        let allowed = if match_self { 1 } else { names.len() };
        if allowed < nargs {
            let plural = if allowed == 1 { "" } else { "s" };
            return Err(type_error(format!(
                "{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)",
                tp_name()
            )));
        }
        if match_self {
            out.push(subject.clone());
        } else {
            for name in &names[..nargs] {
                let Some(s) = name.as_str().filter(|_| name.ty().ptr_eq(&crate::builtins::types().str)) else {
                    return Err(type_error(format!(
                        "__match_args__ elements must be strings (got {})",
                        name.type_name()
                    )));
                };
                match class_attr(subject, ty, s, &mut seen)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
        }
    }
    for name in kwargs {
        match class_attr(subject, ty, name, &mut seen)? {
            Some(v) => out.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// One attribute of a class pattern's subject: `None` when it is missing (an AttributeError), a TypeError
/// when the pattern names it twice.
fn class_attr<'a>(
    subject: &Value,
    cls: &crate::object::ObjRef,
    name: &'a str,
    seen: &mut Vec<&'a str>,
) -> PyResult<Option<Value>> {
    if seen.contains(&name) {
        return Err(type_error(format!(
            "{}() got multiple sub-patterns for attribute {}",
            type_::type_name(cls),
            ops::format::repr(&Value::from(name))?
        )));
    }
    seen.push(name);
    ops::attr::getattr_opt(subject, name)
}
