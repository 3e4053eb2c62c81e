//! `types.UnionType`: what `X | Y` makes of two classes (PEP 604), `int | str` and `int | None`. It prints
//! as `int | str`, compares equal to another union of the same members in any order, and works as the second
//! argument of `isinstance`/`issubclass`.

use std::sync::OnceLock;

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, dict, tuple, type_, types};
use crate::error::{type_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// The members of a union, in order, without repeats.
pub struct UnionObj {
    args: Value,
}

/// The `types.UnionType` type object.
pub fn union_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| {
        let ty = crate::builtins::new_native_type("UnionType", "types", false);
        let methods: &[(&'static str, NativeFn)] = &[
            ("__repr__", m_repr),
            ("__or__", m_or),
            ("__ror__", m_ror),
            ("__eq__", m_eq),
            ("__hash__", m_hash),
            ("__instancecheck__", m_instancecheck),
            ("__subclasscheck__", m_subclasscheck),
            ("__getattribute__", m_getattribute),
        ];
        add_methods(&ty, methods);
        ty
    })
}

fn union_of(v: &Value) -> Option<&UnionObj> {
    v.payload().and_then(|p| p.native::<UnionObj>())
}

/// Whether `v` may be a member of a union made by `|` (CPython's `is_unionable`).
fn unionable(v: &Value) -> bool {
    v.is_none()
        || matches!(v.payload(), Some(Payload::Type(_)))
        || union_of(v).is_some()
        || v.ty().ptr_eq(crate::builtins::generic_alias::alias_type())
}

/// `a | b` when both are classes, None, generic aliases or unions; `None` (NotImplemented) otherwise.
pub fn hook_or(a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if !unionable(a) || !unionable(b) || (a.is_none() && b.is_none()) {
        return Ok(None);
    }
    let mut members: Vec<Value> = Vec::new();
    for side in [a, b] {
        let items: Vec<Value> = match union_of(side) {
            Some(u) => u.args.as_tuple().unwrap_or(&[]).to_vec(),
            None if side.is_none() => vec![Value::Obj(types().none_type.clone())],
            None => vec![side.clone()],
        };
        for item in items {
            let mut seen = false;
            for m in &members {
                if m.is(&item)
                    || (!matches!(item.payload(), Some(Payload::Type(_))) && ops::compare::eq_bool(m, &item)?)
                {
                    seen = true;
                    break;
                }
            }
            if !seen {
                members.push(item);
            }
        }
    }
    if members.len() == 1 {
        return Ok(members.pop());
    }
    let u = UnionObj { args: tuple::new_tuple(members) };
    Ok(Some(Value::Obj(ObjRef::new(union_type(), Payload::Native(NativeBox::new(u))))))
}

fn recv(args: &[Value]) -> PyResult<&UnionObj> {
    args.first().and_then(union_of).ok_or_else(|| type_error("descriptor requires a 'types.UnionType' object"))
}

fn member_repr(v: &Value) -> PyResult<String> {
    if v.as_obj().is_some_and(|o| o.ptr_eq(&types().none_type)) {
        return Ok("None".into());
    }
    if let Some(Payload::Type(t)) = v.payload() {
        let qn = t.qualname.read().clone();
        let module = dict::get_str(&t.dict, "__module__").and_then(|m| m.as_str().map(str::to_string));
        return Ok(match module {
            Some(m) if m != "builtins" => format!("{m}.{qn}"),
            _ => qn,
        });
    }
    ops::format::repr(v)
}

fn m_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let u = recv(args)?;
    let parts: Vec<String> = u.args.as_tuple().unwrap_or(&[]).iter().map(member_repr).collect::<PyResult<_>>()?;
    Ok(Value::from(parts.join(" | ")))
}

fn not_implemented() -> Value {
    Value::Obj(types().not_implemented.clone())
}

fn m_or(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__or__", args, kwargs).exact(2)?;
    Ok(hook_or(&a[0], &a[1])?.unwrap_or_else(not_implemented))
}

fn m_ror(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__ror__", args, kwargs).exact(2)?;
    Ok(hook_or(&a[1], &a[0])?.unwrap_or_else(not_implemented))
}

fn members_set(u: &UnionObj) -> PyResult<Value> {
    crate::builtins::set::new_set(u.args.as_tuple().unwrap_or(&[]).to_vec(), true)
}

fn m_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__eq__", args, kwargs).exact(2)?;
    let u = recv(args)?;
    let Some(other) = union_of(&a[1]) else { return Ok(not_implemented()) };
    ops::compare::richcmp(&members_set(u)?, &members_set(other)?, ops::compare::CmpOp::Eq)
}

fn m_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("__hash__", args, kwargs).exact(1)?;
    Ok(Value::Int(ops::hash::hash(&members_set(recv(args)?)?)?))
}

fn m_instancecheck(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__instancecheck__", args, kwargs).exact(2)?;
    for m in recv(args)?.args.as_tuple().unwrap_or(&[]) {
        if !matches!(m.payload(), Some(Payload::Type(_))) {
            return Err(type_error("isinstance() argument 2 cannot be a parameterized generic"));
        }
        if type_::isinstance(&a[1], m)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn m_subclasscheck(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__subclasscheck__", args, kwargs).exact(2)?;
    for m in recv(args)?.args.as_tuple().unwrap_or(&[]) {
        if !matches!(m.payload(), Some(Payload::Type(_))) {
            return Err(type_error("issubclass() argument 2 cannot be a parameterized generic"));
        }
        if type_::issubclass(&a[1], m)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `__args__` and `__parameters__` live in the payload; everything else is ordinary.
fn m_getattribute(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__getattribute__", args, kwargs).exact(2)?;
    let u = recv(args)?;
    match a[1].as_str() {
        Some("__args__") => Ok(u.args.clone()),
        // NOTE: type variables are not collected: crabby's unions hold classes and aliases.
        Some("__parameters__") => Ok(tuple::new_tuple(Vec::new())),
        Some(name) => ops::attr::generic_getattr(&a[0], name),
        None => Err(type_error(format!("attribute name must be string, not '{}'", a[1].type_name()))),
    }
}
