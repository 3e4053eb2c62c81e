//! Struct sequences (CPython's `PyStructSequence`): tuple subtypes whose items also have names, such as
//! `time.struct_time`, `os.stat_result`, `sys.flags` and `sys.version_info`.
//!
//! A native module describes one with a static [`StructSeqSpec`] and makes its type once with [`new_type`];
//! instances come from [`new`]. The first `n_sequence` fields are the tuple (indexing, `len`, `==`, `hash`
//! are the tuple's); the remaining fields are reachable only by name, as in CPython. Every named field's value
//! is also kept in the instance's slot storage (a dict keyed by field name), which the read-only
//! `member_descriptor`s on the type read.

use std::sync::OnceLock;

use parking_lot::RwLock;

use crate::builtins::descriptor::new_member;
use crate::builtins::function::new_builtin;
use crate::builtins::object::static_method;
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{add_methods, dict, tuple, types};
use crate::error::{type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// A struct sequence type's description, written by the module that owns the type.
pub struct StructSeqSpec {
    /// The module it reports as `__module__` (`"time"`, `"os"`, `"sys"`).
    pub module: &'static str,
    /// The type's `__name__` (`"struct_time"`).
    pub name: &'static str,
    /// Every field in order; an empty string is an unnamed field (only visible ones may be unnamed, as
    /// `os.stat_result`'s integer times are).
    pub fields: &'static [&'static str],
    /// How many leading fields form the tuple.
    pub n_sequence: usize,
    /// Whether Python code may call the type (`time.struct_time(seq)`); `sys.flags()` and the like refuse.
    pub constructible: bool,
    /// `__doc__`, if any.
    pub doc: Option<&'static str>,
}

impl StructSeqSpec {
    /// CPython's `tp_name`: `module.name` (`sys.flags`, `time.struct_time`).
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.module, self.name)
    }

    /// The names of the named fields in order (CPython's `tp_members`).
    fn members(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().copied().filter(|f| !f.is_empty())
    }

    fn n_unnamed(&self) -> usize {
        self.fields.iter().filter(|f| f.is_empty()).count()
    }
}

/// Every struct sequence type made so far, with its spec. Types are immortal and few, so a list is enough.
fn registry() -> &'static RwLock<Vec<(ObjRef, &'static StructSeqSpec)>> {
    static R: OnceLock<RwLock<Vec<(ObjRef, &'static StructSeqSpec)>>> = OnceLock::new();
    R.get_or_init(|| RwLock::new(Vec::new()))
}

/// The spec of a struct sequence type, or `None` if `ty` is not one.
pub fn spec_of(ty: &ObjRef) -> Option<&'static StructSeqSpec> {
    registry().read().iter().find(|(t, _)| t.ptr_eq(ty)).map(|(_, s)| *s)
}

/// Makes the type object for `spec`: a non-subclassable tuple subtype with `n_fields`, `n_sequence_fields`,
/// `n_unnamed_fields`, `__match_args__`, a read-only member per named field, `__new__`, `__repr__` and
/// `__reduce__`. Call it once per spec (keep the result in a `OnceLock`).
pub fn new_type(spec: &'static StructSeqSpec) -> ObjRef {
    let t = types();
    let mut tobj = TypeObj::new(spec.name, Layout::Tuple, dict::new_dict_obj(), vec![t.tuple.clone()]);
    tobj.basetype = false;
    tobj.slot_storage = true;
    tobj.tp_name = Some(spec.qualified_name());
    *tobj.patma.get_mut() = type_::patma(&t.tuple);
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    // Registered before the members are made, so the descriptors' write check already knows the type.
    registry().write().push((ty.clone(), spec));
    let d = &type_obj(&ty).dict;
    dict::set_str(d, "__module__", Value::from(spec.module));
    dict::set_str(d, "__doc__", spec.doc.map_or(Value::None, Value::from));
    let new: crate::builtins::function::NativeFn = if spec.constructible { structseq_new } else { refuse_new };
    dict::set_str(d, "__new__", static_method(new_builtin("__new__", new, Some(ty.clone()))));
    for name in spec.members() {
        dict::set_str(d, name, new_member(&ty, name));
    }
    let visible_named: Vec<Value> =
        spec.fields[..spec.n_sequence].iter().filter(|f| !f.is_empty()).map(|f| Value::from(*f)).collect();
    dict::set_str(d, "__match_args__", tuple::new_tuple(visible_named));
    dict::set_str(d, "n_fields", Value::Int(spec.fields.len() as i64));
    dict::set_str(d, "n_sequence_fields", Value::Int(spec.n_sequence as i64));
    dict::set_str(d, "n_unnamed_fields", Value::Int(spec.n_unnamed() as i64));
    add_methods(&ty, &[("__repr__", m_repr), ("__reduce__", m_reduce)]);
    ty
}

/// A new instance of the struct sequence type `ty` from all its field values (`values.len()` must be
/// `n_fields`; missing trailing values become `None`).
pub fn new(ty: &ObjRef, mut values: Vec<Value>) -> Value {
    let spec = spec_of(ty).expect("struct sequence type");
    values.resize(spec.fields.len(), Value::None);
    let storage = dict::new_dict_obj();
    for (name, v) in spec.fields.iter().zip(&values) {
        if !name.is_empty() {
            dict::set_str(&storage, name, v.clone());
        }
    }
    values.truncate(spec.n_sequence);
    Value::Obj(ObjRef::with_dict(
        ty,
        Payload::Tuple(crate::builtins::tuple::TupleItems::from_vec(values)),
        Some(storage),
    ))
}

/// The value of the named field `name` of a struct sequence (visible or not).
pub fn field(v: &Value, name: &str) -> Option<Value> {
    v.as_obj().and_then(|o| o.dict()).and_then(|s| dict::get_str(s, name))
}

/// Whether `owner` is a struct sequence type, whose members are read-only.
pub fn is_structseq_type(owner: &ObjRef) -> bool {
    spec_of(owner).is_some()
}

/// `repr()` of a struct sequence: `time.struct_time(tm_year=2000, ...)`, or `None` if `v` is not one.
pub fn repr_of(v: &Value) -> Option<PyResult<String>> {
    if v.ty().ptr_eq(&types().tuple) {
        return None;
    }
    let spec = spec_of(v.ty())?;
    Some(repr_with(spec, v))
}

fn repr_with(spec: &StructSeqSpec, v: &Value) -> PyResult<String> {
    let items = v.as_tuple().unwrap_or(&[]);
    let mut out = format!("{}(", spec.qualified_name());
    // CPython pairs the i-th visible value with the i-th *named* member, so after an unnamed field the names
    // run ahead of the values (`os.stat_result(..., st_atime=<int time>)`): the same pairing is kept here.
    for (i, (name, item)) in spec.members().zip(items).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push('=');
        out.push_str(&ops::format::repr(item)?);
    }
    out.push(')');
    Ok(out)
}

fn receiver<'a>(args: &'a [Value], method: &str) -> PyResult<(&'a Value, &'static StructSeqSpec)> {
    let Some(this) = args.first() else {
        return Err(type_error(format!("descriptor '{method}' of 'tuple' object needs an argument")));
    };
    match spec_of(this.ty()) {
        Some(spec) => Ok((this, spec)),
        None => Err(type_error(format!(
            "descriptor '{method}' requires a struct sequence object but received a '{}'",
            this.type_name()
        ))),
    }
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, spec) = receiver(args, "__repr__")?;
    crate::ops::args::Args::new("__repr__", args, kwargs).exact(1)?;
    Ok(Value::from(repr_with(spec, this)?))
}

/// `__reduce__`: `(type, (visible_fields_tuple, {invisible_name: value}))`, which the constructor inverts.
fn m_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, spec) = receiver(args, "__reduce__")?;
    crate::ops::args::Args::new("__reduce__", args, kwargs).exact(1)?;
    let visible = tuple::new_tuple_from(this.as_tuple().unwrap_or(&[]));
    let extra = dict::new_dict_obj();
    for name in &spec.fields[spec.n_sequence..] {
        dict::set_str(&extra, name, field(this, name).unwrap_or(Value::None));
    }
    Ok(tuple::new_tuple_array([Value::Obj(this.ty().clone()), tuple::new_tuple(vec![visible, Value::Obj(extra)])]))
}

fn refuse_new(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let name = args.first().and_then(|t| t.as_obj()).and_then(spec_of).map_or_else(
        || args.first().map_or_else(String::new, |t| t.as_obj().map(type_::type_name).unwrap_or_default()),
        |s| s.qualified_name(),
    );
    Err(type_error(format!("cannot create '{name}' instances")))
}

/// `T(sequence, dict=None)`: CPython's `structseq_new`. Fields past the sequence's end come from `dict` by
/// name, else are `None`.
fn structseq_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args.first().and_then(|c| c.as_obj()).filter(|c| matches!(c.payload, Payload::Type(_))) else {
        return Err(type_error("structseq.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let Some(spec) = spec_of(&cls) else {
        return Err(type_error(format!("{}.__new__ is not a struct sequence constructor", type_::type_name(&cls))));
    };
    let a = crate::builtins::int::clinic("structseq", &args[1..], kwargs, &["sequence", "dict"], 2, 1)?;
    let seq = a[0].as_ref().expect("required");
    let extra = match &a[1] {
        Some(d) if matches!(d.payload(), Some(Payload::Dict(_))) => Some(d.as_obj().expect("dict").clone()),
        Some(Value::None) | None => None,
        Some(_) => return Err(type_error(format!("{}() takes a dict as second arg, if any", spec.qualified_name()))),
    };
    let mut items = match seq.as_tuple() {
        Some(t) => t.to_vec(),
        None => match ops::iter::iter(seq) {
            Ok(it) => ops::iter::collect(&it)?,
            Err(e) if e.matches(crate::builtins::exceptions::ExcKind::TypeError) => {
                return Err(type_error("constructor requires a sequence"))
            }
            Err(e) => return Err(e),
        },
    };
    let (min, max, len) = (spec.n_sequence, spec.fields.len(), items.len());
    let qn = spec.qualified_name();
    if len < min || len > max {
        let bound = if len < min { min } else { max };
        let how = match (min == max, len < min) {
            (true, _) => "a",
            (false, true) => "an at least",
            (false, false) => "an at most",
        };
        return Err(type_error(format!("{qn}() takes {how} {bound}-sequence ({len}-sequence given)")));
    }
    let members: Vec<&str> = spec.members().collect();
    let n_unnamed = spec.n_unnamed();
    for i in len..max {
        let name = members[i - n_unnamed];
        let v = match &extra {
            Some(d) => dict::get_str(d, name).unwrap_or(Value::None),
            None => Value::None,
        };
        items.push(v);
    }
    Ok(new(&cls, items))
}
