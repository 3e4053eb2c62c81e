//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): the constructor's rules and messages, `message`,
//! `exceptions`, `str()`, `split`/`subgroup`/`derive`, and the two steps of `except*` that CPython's
//! interpreter performs (`CHECK_EG_MATCH` and `_PyExc_PrepReraiseStar`), shared by compiled code and the
//! evaluator through `rt`.
//!
//! A group is an ordinary exception instance whose payload also holds its message and its tuple of
//! sub-exceptions (`ExceptionObj::group`), set once by `BaseExceptionGroup.__new__`; `args` stays what the
//! constructor was given, as in CPython (so `repr` shows the list the caller passed).

use std::collections::HashSet;

use crate::builtins::exceptions::{exc_obj, exc_type, ExcKind, ExceptionObj, TbEntry};
use crate::builtins::{function, list, object, tuple, type_, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// A group's own parts: its message (a `str`) and its sub-exceptions (a tuple).
pub struct GroupParts {
    pub message: Value,
    pub exceptions: Value,
}

/// The message and sub-exceptions of `exc` when it is an exception group.
pub fn parts(exc: &ObjRef) -> Option<&GroupParts> {
    match &exc.payload {
        Payload::Exception(e) => e.group.get().map(|b| &**b),
        _ => None,
    }
}

/// Whether `v` is an exception group (CPython's `_PyBaseExceptionGroup_Check`).
pub fn is_group(v: &Value) -> bool {
    v.as_obj().is_some_and(|o| parts(o).is_some())
}

/// The sub-exceptions of a group, in order.
pub fn sub_exceptions(exc: &ObjRef) -> Vec<Value> {
    parts(exc).and_then(|p| p.exceptions.as_tuple().map(<[Value]>::to_vec)).unwrap_or_default()
}

/// Whether `ty` is `BaseExceptionGroup` or a subclass of it.
pub fn is_group_type(ty: &ObjRef) -> bool {
    type_::is_subtype(ty, exc_type(ExcKind::BaseExceptionGroup))
}

/// `PySequence_Check`: something with `__getitem__` that is not a dict.
fn is_sequence(v: &Value) -> bool {
    !matches!(v.payload(), Some(Payload::Dict(_))) && type_::lookup(v.ty(), "__getitem__").is_some()
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`: CPython's checks, in its order, and the choice of
/// `ExceptionGroup` when `BaseExceptionGroup` itself is given only `Exception`s.
fn group_new(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(exc_type(ExcKind::BaseExceptionGroup), args)?.clone();
    let rest = &args[1..];
    if rest.len() != 2 {
        return Err(type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            rest.len()
        )));
    }
    let (message, excs) = (&rest[0], &rest[1]);
    if message.as_str().is_none() {
        return Err(type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            message.type_name()
        )));
    }
    if !is_sequence(excs) {
        return Err(type_error("second argument (exceptions) must be a sequence"));
    }
    let items = match excs.as_tuple() {
        Some(t) => t.to_vec(),
        None => ops::iter::collect(excs)?,
    };
    if items.is_empty() {
        return Err(value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let exception = exc_type(ExcKind::Exception);
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if !crate::builtins::exceptions::is_exception_instance(e) {
            return Err(value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !type_::is_subtype(e.ty(), exception) {
            nested_base = true;
        }
    }
    let eg_type = exc_type(ExcKind::ExceptionGroup);
    let mut cls = cls;
    if cls.ptr_eq(eg_type) {
        if nested_base {
            return Err(type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if cls.ptr_eq(exc_type(ExcKind::BaseExceptionGroup)) {
        if !nested_base {
            cls = eg_type.clone();
        }
    } else if nested_base && type_::is_subtype(&cls, exception) {
        return Err(type_error(format!("Cannot nest BaseExceptions in '{}'", type_::type_name(&cls))));
    }
    let e = ExceptionObj::new(tuple::new_tuple(rest.to_vec()));
    let parts = GroupParts { message: message.clone(), exceptions: tuple::new_tuple(items) };
    let _ = e.group.set(Box::new(parts));
    Ok(Value::Obj(object::alloc(&cls, Payload::Exception(Box::new(e)))))
}

/// `BaseExceptionGroup.__init__(self, *args)`: no keywords; sets `args` (not the message or the exceptions).
fn group_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(type_error("descriptor '__init__' of 'BaseExceptionGroup' object needs an argument"));
    };
    if !kwargs.is_empty() {
        return Err(type_error(format!("{}() takes no keyword arguments", type_::type_name(this.ty()))));
    }
    if let Some(Payload::Exception(e)) = this.payload() {
        *e.args.write() = tuple::new_tuple(args[1..].to_vec());
    }
    Ok(Value::None)
}

/// `BaseExceptionGroup(...)` / `ExceptionGroup(...)` called on the built-in classes themselves.
pub fn construct(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(Value::Obj(ty.clone()));
    v.extend_from_slice(args);
    let obj = group_new(&v, kwargs)?;
    v[0] = obj.clone();
    group_init(&v, kwargs)?;
    Ok(obj)
}

fn this_parts<'a>(args: &'a [Value], what: &str) -> PyResult<(&'a ObjRef, &'a GroupParts)> {
    let this = args.first().and_then(Value::as_obj);
    match this.and_then(|o| parts(o).map(|p| (o, p))) {
        Some(x) => Ok(x),
        None => Err(type_error(format!("descriptor '{what}' requires a 'BaseExceptionGroup' object"))),
    }
}

/// `str(group)`: `message (N sub-exception[s])`.
pub fn str_of(exc: &ObjRef) -> PyResult<String> {
    let Some(p) = parts(exc) else { return ops::format::str_of(&Value::Obj(exc.clone())) };
    let n = p.exceptions.as_tuple().map_or(0, <[Value]>::len);
    let msg = ops::format::str_of(&p.message)?;
    Ok(format!("{msg} ({n} sub-exception{})", if n > 1 { "s" } else { "" }))
}

fn group_str(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, _) = this_parts(args, "__str__")?;
    Ok(Value::from(str_of(this)?))
}

fn group_message(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(this_parts(args, "message")?.1.message.clone())
}

fn group_exceptions(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(this_parts(args, "exceptions")?.1.exceptions.clone())
}

/// `group.derive(excs)`: `BaseExceptionGroup(self.message, excs)` (subclasses override it so that `split`
/// keeps their type).
fn group_derive(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = ops::args::Args::new("BaseExceptionGroup.derive", args, kwargs).exact(2)?;
    let (_, p) = this_parts(a, "derive")?;
    let base = Value::Obj(exc_type(ExcKind::BaseExceptionGroup).clone());
    ops::call::call(&base, &[p.message.clone(), a[1].clone()], &[])
}

/// How `split`/`subgroup` (and `except*`'s re-raise) decide that an exception matches.
enum Matcher<'a> {
    /// An exception class or a tuple of them (`PyErr_GivenExceptionMatches`).
    Type(&'a Value),
    /// A callable, called with each exception.
    Predicate(&'a Value),
    /// The addresses of the leaf exceptions to keep.
    Ids(&'a HashSet<usize>),
}

impl Matcher<'_> {
    fn matches(&self, exc: &ObjRef) -> PyResult<bool> {
        match self {
            Matcher::Type(t) => crate::rt::exc_match(exc, t),
            Matcher::Predicate(f) => ops::truthy(&ops::call::call(f, &[Value::Obj(exc.clone())], &[])?),
            Matcher::Ids(ids) => Ok(ids.contains(&exc.addr())),
        }
    }
}

/// The matcher for `split(value)`/`subgroup(value)`, with CPython's message for anything else.
fn matcher_of(value: &Value) -> PyResult<Matcher<'_>> {
    let is_type = matches!(value.payload(), Some(Payload::Type(_)));
    if !is_type && crate::modules::builtins::is_callable(value) {
        return Ok(Matcher::Predicate(value));
    }
    let is_exc_class = |v: &Value| matches!(v.payload(), Some(Payload::Type(_))) && v.as_obj().is_some_and(is_exc_type);
    if is_exc_class(value) {
        return Ok(Matcher::Type(value));
    }
    if let Some(items) = value.as_tuple().filter(|_| value.ty().ptr_eq(&types().tuple)) {
        if items.iter().all(is_exc_class) {
            return Ok(Matcher::Type(value));
        }
    }
    Err(type_error("expected a function, exception type or tuple of exception types"))
}

fn is_exc_type(t: &ObjRef) -> bool {
    crate::builtins::exceptions::is_exception_type(t)
}

/// CPython's `exceptiongroup_split_recursive`: the matching part of `exc` (None when nothing matches) and,
/// when `with_rest`, the rest (None when everything matches).
fn split_recursive(exc: &ObjRef, m: &Matcher, with_rest: bool) -> PyResult<(Option<ObjRef>, Option<ObjRef>)> {
    if m.matches(exc)? {
        return Ok((Some(exc.clone()), None));
    }
    let Some(p) = parts(exc) else {
        return Ok((None, with_rest.then(|| exc.clone())));
    };
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    let _depth = ops::call::DepthGuard::enter()?;
    for e in p.exceptions.as_tuple().unwrap_or(&[]) {
        let Some(e) = e.as_obj() else { continue };
        let (a, b) = split_recursive(e, m, with_rest)?;
        matched.extend(a.map(Value::Obj));
        rest.extend(b.map(Value::Obj));
    }
    let matched = subset(exc, matched)?;
    let rest = if with_rest { subset(exc, rest)? } else { None };
    Ok((matched, rest))
}

/// CPython's `exceptiongroup_subset`: `orig.derive(excs)` carrying `orig`'s traceback, cause, context and a
/// copy of its notes; None for no exceptions.
fn subset(orig: &ObjRef, excs: Vec<Value>) -> PyResult<Option<ObjRef>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let this = Value::Obj(orig.clone());
    let eg = ops::call::call_method(&Value::from("derive"), &[this.clone(), list::new_list(excs)], &[])?;
    let Some(eg) = eg.as_obj().filter(|o| parts(o).is_some()).cloned() else {
        return Err(type_error("derive must return an instance of BaseExceptionGroup"));
    };
    copy_metadata(orig, &eg);
    if let Some(notes) = ops::attr::getattr_opt(&this, "__notes__")? {
        // Notes that are not a sequence are ignored here, as CPython does: split() is no place to report them.
        if is_sequence(&notes) {
            let copy = list::new_list(ops::iter::collect(&notes)?);
            ops::attr::setattr_str(&Value::Obj(eg.clone()), "__notes__", copy)?;
        }
    }
    Ok(Some(eg))
}

/// Gives `to` the traceback, context and cause of `from` (setting a cause suppresses the context, as
/// CPython's `PyException_SetCause` does).
fn copy_metadata(from: &ObjRef, to: &ObjRef) {
    let (f, t) = (exc_obj(from), exc_obj(to));
    let tb = f.traceback.lock().clone();
    if !tb.is_empty() {
        *t.traceback.lock() = tb;
    }
    *t.context.write() = f.context.read().clone();
    crate::builtins::exceptions::set_cause(to, f.cause.read().clone());
}

fn one_arg<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<(&'a ObjRef, &'a Value)> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    if args.len() != 2 {
        return Err(type_error(format!("{name} expected 1 argument, got {}", args.len().saturating_sub(1))));
    }
    let (this, _) = this_parts(args, name)?;
    Ok((this, &args[1]))
}

/// `group.split(condition)`: `(match, rest)`, each a group derived from this one or None.
fn group_split(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, cond) = one_arg("split", args, kwargs)?;
    let m = matcher_of(cond)?;
    let (a, b) = split_recursive(this, &m, true)?;
    let v = |o: Option<ObjRef>| o.map_or(Value::None, Value::Obj);
    Ok(tuple::new_tuple_array([v(a), v(b)]))
}

/// `group.subgroup(condition)`: the matching part, or None.
fn group_subgroup(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, cond) = one_arg("subgroup", args, kwargs)?;
    let m = matcher_of(cond)?;
    Ok(split_recursive(this, &m, false)?.0.map_or(Value::None, Value::Obj))
}

/// `ExceptionGroup(message, excs)` made by the runtime itself (CPython's `_PyExc_CreateExceptionGroup`).
fn create_group(message: &str, excs: Value) -> PyResult<ObjRef> {
    let ty = Value::Obj(exc_type(ExcKind::ExceptionGroup).clone());
    let eg = ops::call::call(&ty, &[Value::from(message), excs], &[])?;
    Ok(eg.as_obj().cloned().expect("an exception group"))
}

/// `except* T`'s type check (CPython's `check_except_star_type_valid`): `T` must be an exception class (or a
/// tuple of them) and no exception group class.
fn check_star_type(t: &Value) -> PyResult<()> {
    let is_group_class =
        |v: &Value| v.as_obj().is_some_and(|o| matches!(o.payload, Payload::Type(_)) && is_group_type(o));
    let bad = match t.as_tuple() {
        Some(items) => {
            for i in items {
                if !matches!(i.payload(), Some(Payload::Type(_))) || !i.as_obj().is_some_and(is_exc_type) {
                    return Err(type_error("catching classes that do not inherit from BaseException is not allowed"));
                }
            }
            items.iter().any(is_group_class)
        }
        None => {
            if !matches!(t.payload(), Some(Payload::Type(_))) || !t.as_obj().is_some_and(is_exc_type) {
                return Err(type_error("catching classes that do not inherit from BaseException is not allowed"));
            }
            is_group_class(t)
        }
    };
    if bad {
        return Err(type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// One `except* T` clause (CPython's `CHECK_EG_MATCH`): splits what is still unhandled, `rest`, by `t`,
/// leaving the unmatched part in `rest` and returning the matched part (None when nothing matched). A matched
/// exception that is not a group ("naked") is wrapped in `ExceptionGroup('', (exc,))`. The match becomes the
/// exception being handled (`sys.exception()`), as in CPython.
pub fn star_match(rest: &mut Value, t: &Value) -> PyResult<Value> {
    check_star_type(t)?;
    let Some(exc) = rest.as_obj().cloned() else { return Ok(Value::None) };
    if crate::rt::exc_match(&exc, t)? {
        let matched = if parts(&exc).is_some() {
            exc
        } else {
            // NOTE: CPython gives the wrapper a traceback entry for the handling frame only when that frame
            // has a frame object; compiled code has none, so the wrapper has no traceback (as in CPython's
            // common case).
            create_group("", tuple::new_tuple_array([Value::Obj(exc)]))?
        };
        *rest = Value::None;
        crate::error::set_handled(&matched);
        return Ok(Value::Obj(matched));
    }
    if parts(&exc).is_some() {
        let this = Value::Obj(exc.clone());
        let pair = ops::call::call_method(&Value::from("split"), &[this, t.clone()], &[])?;
        let tname = type_::type_name(exc.ty());
        let Some(items) = pair.as_tuple().filter(|_| pair.ty().ptr_eq(&types().tuple)) else {
            return Err(type_error(format!("{tname}.split must return a tuple, not {}", pair.type_name())));
        };
        if items.len() < 2 {
            return Err(type_error(format!("{tname}.split must return a 2-tuple, got tuple of size {}", items.len())));
        }
        let matched = items[0].clone();
        *rest = items[1].clone();
        if let Some(m) = matched.as_obj() {
            crate::error::set_handled(m);
        }
        return Ok(matched);
    }
    Ok(Value::None)
}

fn same_traceback(a: &[TbEntry], b: &[TbEntry]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| std::ptr::eq(x.code, y.code) && x.line == y.line)
}

/// CPython's `is_same_exception_metadata`: whether `a` carries `b`'s traceback, cause and context, i.e. it is
/// (a part of) `b` re-raised rather than a new exception.
fn same_metadata(a: &ObjRef, b: &ObjRef) -> bool {
    let (x, y) = (exc_obj(a), exc_obj(b));
    // NOTE: CPython compares traceback objects by identity; crabby's tracebacks are entry lists rebuilt on
    // demand, so equal entries stand for the same traceback.
    same_traceback(&x.traceback.lock(), &y.traceback.lock())
        && x.cause.read().is(&y.cause.read())
        && x.context.read().is(&y.context.read())
}

fn collect_leaf_ids(exc: &Value, ids: &mut HashSet<usize>) -> PyResult<()> {
    let Some(o) = exc.as_obj() else { return Ok(()) };
    match parts(o) {
        None => {
            ids.insert(o.addr());
        }
        Some(p) => {
            let _depth = ops::call::DepthGuard::enter()?;
            for e in p.exceptions.as_tuple().unwrap_or(&[]) {
                collect_leaf_ids(e, ids)?;
            }
        }
    }
    Ok(())
}

/// The end of a `try`/`except*` (CPython's `_PyExc_PrepReraiseStar`): from the exception originally caught,
/// `orig`, and what each handler raised plus the unhandled rest (`excs`, None entries ignored), the exception
/// to raise on, or None. Re-raised parts of `orig` are merged back into one group shaped like `orig` (keeping
/// its traceback, cause and context); newly raised exceptions are grouped with it in `ExceptionGroup('', ...)`.
pub fn prep_reraise_star(orig: &ObjRef, excs: &[Value]) -> PyResult<Value> {
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if parts(orig).is_none() {
        // A naked exception was caught and wrapped: only one clause ran, so there is one thing to raise.
        return Ok(excs[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised_ids = HashSet::new();
    for e in excs {
        let Some(o) = e.as_obj() else { continue };
        if same_metadata(o, orig) {
            collect_leaf_ids(e, &mut reraised_ids)?;
        } else {
            raised.push(e.clone());
        }
    }
    let reraised = split_recursive(orig, &Matcher::Ids(&reraised_ids), false)?.0;
    if raised.is_empty() {
        return Ok(reraised.map_or(Value::None, Value::Obj));
    }
    raised.extend(reraised.map(Value::Obj));
    if raised.len() > 1 {
        return Ok(Value::Obj(create_group("", list::new_list(raised))?));
    }
    Ok(raised.swap_remove(0))
}

/// `ExceptionGroup`'s two bases, `(BaseExceptionGroup, Exception)`, and its MRO (the start-up table makes
/// every built-in exception with one parent).
pub fn set_bases(t: &crate::builtins::Types) {
    let kind = |k: ExcKind| t.exceptions[k as usize].clone();
    let eg = kind(ExcKind::ExceptionGroup);
    let beg = kind(ExcKind::BaseExceptionGroup);
    let tobj = type_::type_obj(&eg);
    *tobj.bases.write() = vec![beg.clone(), kind(ExcKind::Exception)];
    let mut mro = vec![eg.clone(), beg];
    mro.extend(type_::linear_mro(&kind(ExcKind::Exception)));
    *tobj.mro.write() = mro;
}

/// Registers the methods of `BaseExceptionGroup` (inherited by `ExceptionGroup`).
pub fn register() {
    let ty = exc_type(ExcKind::BaseExceptionGroup);
    crate::builtins::add_methods(
        ty,
        &[
            ("__init__", group_init),
            ("__str__", group_str),
            ("derive", group_derive),
            ("split", group_split),
            ("subgroup", group_subgroup),
        ],
    );
    crate::builtins::add_getters(ty, &[("message", group_message), ("exceptions", group_exceptions)]);
    let new = function::new_builtin("__new__", group_new, Some(ty.clone()));
    crate::builtins::dict::set_str(&type_::type_obj(ty).dict, "__new__", object::static_method(new));
    type_::type_obj(ty).modified();
    crate::builtins::generic_alias::add_class_getitem(ty);
}

/// Raises the result of [`prep_reraise_star`] when there is one.
pub fn reraise_star(orig: &ObjRef, excs: &[Value]) -> PyResult<()> {
    match prep_reraise_star(orig, excs)? {
        Value::Obj(e) => Err(PyErr::reraise(e)),
        _ => Ok(()),
    }
}
