//! The documented surface that generated code calls. Everything generated modules use is re-exported or
//! defined here, so the runtime's insides can change without touching codegen. This is also the base of the
//! future Rust extension API.

use std::sync::OnceLock;

pub use crate::builtins::code::{CoConst, CoTable};
pub use crate::builtins::complex::new_complex;
pub use crate::builtins::dict::new_dict_obj;
pub use crate::builtins::exception_group::{reraise_star as except_star_reraise, star_match as except_star_match};
pub use crate::builtins::generator::{
    aiter, anext_or_stop, async_gen_yield, async_with_enter, async_with_exit_err, async_with_exit_ok, await_value,
    new_generator, yield_from, yield_value, GenKind,
};
pub use crate::builtins::list::new_list;
pub use crate::builtins::module::module_dict;
pub use crate::builtins::super_::{call_super_zero, load_super_method};
pub use crate::builtins::tuple::{new_tuple, new_tuple_array};
pub use crate::error::{pop_handled, push_handled, PyErr, PyResult};
pub use crate::eval::call_with_frame;
pub use crate::modules::signal::check_signals;
pub use crate::object::ObjRef;
pub use crate::ops::attr::{delattr, getattr, getattr_at, load_method_at, setattr, setattr_at, AttrSite};
pub use crate::ops::call::{call, call_len, call_owned, merge_kwargs, star_args, CodeInfo};
pub use crate::ops::compare::{contains, eq, eq_test, ge, ge_test, gt, gt_test, le, le_test, lt, lt_test, ne, ne_test};
pub use crate::ops::format::{fstring_field, fstring_push};
pub use crate::ops::global_site::{load_global_at, store_global_at, GlobalSite, StoreSite};
pub use crate::ops::iter::{iter, next, unpack, unpack_array, unpack_ex, ForIter};
pub use crate::ops::number::{
    add, and, floordiv, iadd, iand, ifloordiv, ilshift, imatmul, imod, imul, invert, ior, ipow, irshift, isub,
    itruediv, ixor, lshift, matmul, mod_, mul, neg, or, pos, pow, rshift, sub, truediv, xor,
};
pub use crate::ops::pattern::{
    mapping_rest, match_class, match_eq, match_keys, match_mapping, match_sequence, SeqMode,
};
pub use crate::ops::reduce::{genexp_error, is_reducer, Reduce, Reducer};
pub use crate::ops::subscript::{delitem, getitem, getslice, setitem, setslice, slice};
pub use crate::ops::truthy;
pub use crate::traceback::register_source;
pub use crate::value::Value;

use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::function::func_obj;
use crate::builtins::{dict, set, str, type_, types};
use crate::error::{runtime_error, type_error, PyErr as Err_};
use crate::object::Payload;
use crate::ops;

/// Unwraps a `PyResult`, sending an error to the handler labeled `$l` (a labeled block of the frame).
#[macro_export]
macro_rules! q {
    ($l:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => break $l Err(e),
        }
    };
}
pub use crate::q;

/// A module's interned string constants, made immortal on first use.
pub struct StrTable {
    texts: &'static [&'static str],
    values: OnceLock<Box<[Value]>>,
}

impl StrTable {
    pub const fn new(texts: &'static [&'static str]) -> StrTable {
        StrTable { texts, values: OnceLock::new() }
    }

    #[inline]
    pub fn get(&'static self, i: usize) -> &'static Value {
        &self.values.get_or_init(|| self.texts.iter().map(|t| str::constant_str(t)).collect())[i]
    }
}

/// A module's int constants too large for an i64.
pub struct BigTable {
    texts: &'static [&'static str],
    values: OnceLock<Box<[Value]>>,
}

impl BigTable {
    pub const fn new(texts: &'static [&'static str]) -> BigTable {
        BigTable { texts, values: OnceLock::new() }
    }

    pub fn get(&'static self, i: usize) -> &'static Value {
        &self.values.get_or_init(|| {
            self.texts
                .iter()
                .map(|t| crate::builtins::int::from_bigint(crate::builtins::int::parse_int(t, 0).unwrap_or_default()))
                .collect()
        })[i]
    }
}

/// The globals dict of the function running.
#[inline]
pub fn globals(func: &ObjRef) -> &ObjRef {
    &func_obj(func).globals
}

/// The closure cells of the function running.
#[inline]
pub fn closure(func: &ObjRef) -> &[ObjRef] {
    &func_obj(func).closure
}

#[inline]
pub fn take_arg(args: &mut [Value], i: usize) -> Value {
    std::mem::take(&mut args[i])
}

/// Parameter `i` read in place (`CodeInfo::borrowed`): an uncounted copy of the caller's slot that is never
/// dropped. The caller owns the slot and keeps it unchanged until the body returns.
#[inline]
pub fn borrow_arg(args: &[Value], i: usize) -> std::mem::ManuallyDrop<Option<Value>> {
    // SAFETY: a bitwise copy of a live value; wrapped in `ManuallyDrop`, it never releases the reference it
    // shares with the slot, and the body using it ends before the slot (its caller's) can change.
    std::mem::ManuallyDrop::new(Some(unsafe { std::ptr::read(&args[i]) }))
}

pub fn new_cell() -> ObjRef {
    ObjRef::new(&types().cell, Payload::Cell(parking_lot::RwLock::new(None)))
}

pub fn new_cell_with(v: Value) -> ObjRef {
    ObjRef::new(&types().cell, Payload::Cell(parking_lot::RwLock::new(Some(v))))
}

/// Inlined into every compiled closure's cell access: a call for these two instructions was a third of a
/// cell read.
#[inline]
fn cell_lock(c: &ObjRef) -> &parking_lot::RwLock<Option<Value>> {
    match &c.payload {
        Payload::Cell(x) => x,
        _ => unreachable!("not a cell"),
    }
}

pub fn unbound_local(name: &str) -> PyErr {
    PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn unbound_free(name: &str) -> PyErr {
    PyErr::new(
        ExcKind::NameError,
        format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
    )
}

/// Loads a cell's value; `free` says whether the cell belongs to an enclosing scope (for the message).
///
/// While only one Python thread runs, the value is read without taking the lock (`qsbr::read`): no other
/// thread can read or write the cell then, and this thread never holds a cell's lock across anything that
/// could reach this read. perf put 5% of json's pure-Python encoder in taking and releasing cell locks, but
/// whole-program timing shows about 1% (json_roundtrip 231 -> 229 ms CPU, within noise); it saves two atomic
/// operations per access.
#[inline]
pub fn cell_get(c: &ObjRef, name: &str, free: bool) -> PyResult<Value> {
    // The usual case inline; the locked read and the unbound-variable errors out of line, so that this half
    // needs no saved registers.
    if let Some(Some(v)) = crate::qsbr::read_solo(cell_lock(c), Option::clone) {
        return Ok(v);
    }
    cell_get_general(c, name, free)
}

#[inline(never)]
fn cell_get_general(c: &ObjRef, name: &str, free: bool) -> PyResult<Value> {
    match crate::qsbr::read(cell_lock(c), Option::clone) {
        Some(v) => Ok(v),
        None => Err(if free { unbound_free(name) } else { unbound_local(name) }),
    }
}

#[inline]
pub fn cell_set(c: &ObjRef, v: Value) {
    // The old value is dropped after the store, outside the lock: freeing it may run code.
    let old = crate::qsbr::write(cell_lock(c), |cell| cell.replace(v));
    drop(old);
}

pub fn cell_del(c: &ObjRef, name: &str, free: bool) -> PyResult<()> {
    let old = cell_lock(c).write().take();
    match old {
        Some(_) => Ok(()),
        None => Err(if free { unbound_free(name) } else { unbound_local(name) }),
    }
}

pub fn cell_clear(c: &ObjRef) {
    let old = cell_lock(c).write().take();
    drop(old);
}

/// Borrows a local variable as an operand (no reference count traffic): generated code uses it where the
/// value is only read during one operation, in functions where no expression can rebind a local (`:=`).
#[inline]
pub fn ldr<'a>(v: &'a Option<Value>, name: &str) -> PyResult<&'a Value> {
    match v {
        Some(x) => Ok(x),
        None => Err(unbound_local(name)),
    }
}

/// Loads a local variable.
#[inline]
pub fn ld(v: &Option<Value>, name: &str) -> PyResult<Value> {
    match v {
        Some(x) => Ok(x.clone()),
        None => Err(unbound_local(name)),
    }
}

/// CPython's NameError for a missing name, with its `name`; `g` is the globals searched, kept for the
/// traceback's "Did you mean" suggestion.
pub fn name_error_in(name: &Value, g: Option<&ObjRef>) -> PyErr {
    let n = name.as_str().unwrap_or("");
    let e = PyErr::new(ExcKind::NameError, format!("name '{n}' is not defined"));
    if let Some(d) = e.exc.dict() {
        dict::set_str(d, "name", name.clone());
    }
    if let (Some(g), Payload::Exception(x)) = (g, &e.exc.payload) {
        let _ = x.globals.set(g.clone());
    }
    e
}

fn name_error(name: &Value) -> PyErr {
    name_error_in(name, None)
}

/// Loads a global: the module's globals, then builtins. `name` is an interned str constant, so its hash is
/// cached and the probe usually matches by identity.
#[inline]
pub fn load_global(g: &ObjRef, name: &Value) -> PyResult<Value> {
    let hash = match name.payload() {
        Some(Payload::Str(s)) => s.hash(),
        _ => return Err(name_error(name)),
    };
    if let Some(v) = dict::get_hashed(g, name, hash)? {
        return Ok(v);
    }
    match dict::get_hashed(crate::modules::builtins::builtins_dict(), name, hash)? {
        Some(v) => Ok(v),
        None => Err(name_error_in(name, Some(g))),
    }
}

pub fn store_global(g: &ObjRef, name: &Value, v: Value) -> PyResult<()> {
    dict::set(g, name.clone(), v)
}

/// Makes the function object bound by a module-level or class-level `def` statement immortal, so that loading
/// and calling it from any thread touches no reference count, and name and attribute caches can keep it.
/// NOTE: CPython frees such a function when its module or class lets go of it; crabby keeps it (and what it
/// references) for the life of the process. Such `def`s run once per module or class, and classes are
/// immortal already, so the cost is bounded by the program's code.
pub fn immortalize_function(v: &Value) {
    if let Value::Obj(o) = v {
        if matches!(o.payload, Payload::Function(_)) {
            o.immortalize();
        }
    }
}

/// Whether `f` is the function object of the compiled code `code` (the guard of a direct call).
#[inline]
pub fn is_code(f: &Value, code: &'static CodeInfo) -> bool {
    match f {
        Value::Obj(o) => match &o.payload {
            Payload::Function(fo) => std::ptr::eq(fo.code, code),
            _ => false,
        },
        _ => false,
    }
}

/// Calls a function whose code the caller has checked with [`is_code`], with exactly its positional
/// parameters: the argument binding of `call` has nothing to do, so the body runs directly.
#[inline(always)]
pub fn call_direct(f: &Value, body: ops::call::BodyFn, args: &mut [Value]) -> PyResult<Value> {
    let Value::Obj(o) = f else { return call(f, args, &[]) };
    ops::call::run_body(o, body, args)
}

/// Fills the parameter slots a direct call left out (`missing`, in increasing order) from the defaults `f`
/// holds now (`ops::call::fill_from_defaults`); false when one has no default, and the caller then makes the
/// general call, which reports it.
#[inline]
pub fn fill_missing(f: &Value, args: &mut [Value], missing: &[usize]) -> bool {
    let Some(Payload::Function(func)) = f.payload() else { return false };
    ops::call::fill_from_defaults(func, args, missing.iter().copied())
}

/// `call_direct` with the arguments of `lent` (slot, the caller's local) placed in their slots uncounted:
/// codegen lends only locals to parameters that the function it checked with [`is_code`] reads in place
/// (`CodeInfo::borrowed`), so passing an object shared by threads writes nothing to its count.
#[inline(always)]
pub fn call_direct_lent(
    f: &Value,
    code: &'static CodeInfo,
    args: &mut [Value],
    lent: &[(usize, &Value)],
) -> PyResult<Value> {
    let (Value::Obj(o), Some(body)) = (f, code.body) else {
        return Err(type_error("crabby internal error: a lent call of a non-function"));
    };
    if lent.iter().any(|&(i, _)| i >= 32 || code.borrowed & (1 << i) == 0 || !matches!(args[i], Value::None)) {
        return Err(type_error("crabby internal error: an argument lent to a parameter the function does not borrow"));
    }
    // SAFETY: checked above: each lent slot holds the placeholder and the body reads it in place; the lent
    // values are the caller's locals, alive for the call.
    unsafe { ops::call::with_lent(args, lent, |slots| ops::call::run_body(o, body, slots)) }
}

pub fn del_global(g: &ObjRef, name: &Value) -> PyResult<()> {
    match dict::remove(g, name)? {
        Some(_) => Ok(()),
        None => Err(name_error(name)),
    }
}

/// Reads `name` from a class namespace: an exact dict directly, any other mapping (from `__prepare__`)
/// through `__getitem__`, a KeyError meaning "not there" (CPython's `LOAD_NAME`).
pub fn class_ns_get(ns: &ObjRef, name: &Value) -> PyResult<Option<Value>> {
    if ns.ty().ptr_eq(&types().dict) {
        return dict::get(ns, name);
    }
    match crate::ops::subscript::getitem(&Value::Obj(ns.clone()), name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(ExcKind::KeyError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A class body's name lookup: the namespace, then globals, then builtins (CPython's `LOAD_NAME`).
pub fn load_class_name(ns: &ObjRef, g: &ObjRef, name: &Value) -> PyResult<Value> {
    if let Some(v) = class_ns_get(ns, name)? {
        return Ok(v);
    }
    load_global(g, name)
}

/// A class body's load of a name that is also free: the namespace, then the cell.
pub fn load_class_free(ns: &ObjRef, cell: &ObjRef, name: &Value) -> PyResult<Value> {
    if let Some(v) = class_ns_get(ns, name)? {
        return Ok(v);
    }
    cell_get(cell, name.as_str().unwrap_or(""), true)
}

/// `name: annotation` in a module or class body (`ns`: the globals or the class namespace):
/// `__annotations__[name] = annotation`, making `__annotations__` first when the namespace has none.
pub fn store_annotation(ns: &ObjRef, name: &Value, annotation: Value) -> PyResult<()> {
    let key = str::new_str("__annotations__");
    let d = match class_ns_get(ns, &key)? {
        Some(d) => d,
        None => {
            let d = Value::Obj(dict::new_dict_obj());
            store_class_name(ns, &key, d.clone())?;
            d
        }
    };
    crate::ops::subscript::setitem(&d, name, annotation)
}

pub fn store_class_name(ns: &ObjRef, name: &Value, v: Value) -> PyResult<()> {
    if ns.ty().ptr_eq(&types().dict) {
        return dict::set(ns, name.clone(), v);
    }
    crate::ops::subscript::setitem(&Value::Obj(ns.clone()), name, v)
}

pub fn del_class_name(ns: &ObjRef, name: &Value) -> PyResult<()> {
    if !ns.ty().ptr_eq(&types().dict) {
        return match crate::ops::subscript::delitem(&Value::Obj(ns.clone()), name) {
            Err(e) if e.matches(ExcKind::KeyError) => Err(name_error(name)),
            r => r,
        };
    }
    match dict::remove(ns, name)? {
        Some(_) => Ok(()),
        None => Err(name_error(name)),
    }
}

pub fn set_global_doc(g: &ObjRef, doc: Value) {
    dict::set_str(g, "__doc__", doc);
}

pub fn set_function_doc(f: &Value, doc: Value) {
    if let Some(Payload::Function(fo)) = f.payload() {
        *fo.doc.write() = doc;
    }
}

/// Stores the annotations a `def` evaluated (name, value pairs in CPython's order) as `__annotations__`.
pub fn set_function_annotations(f: &Value, items: Vec<(Value, Value)>) {
    if let Some(Payload::Function(fo)) = f.payload() {
        let d = crate::builtins::dict::new_dict_obj();
        for (k, v) in items {
            // The keys are str constants: storing them runs no Python code and cannot fail.
            let _ = crate::builtins::dict::set(&d, k, v);
        }
        *fo.annotations.write() = Some(Value::Obj(d));
    }
}

/// Makes a function object (the `def` statement and `lambda`).
pub fn make_function(
    code: &'static CodeInfo,
    g: &ObjRef,
    defaults: Vec<Value>,
    kwdefaults: Vec<(&'static str, Value)>,
    closure: Vec<ObjRef>,
) -> Value {
    crate::builtins::function::new_function(code, g, defaults, kwdefaults, closure)
}

/// What calling a generator function or coroutine does until those are compiled.
pub fn unsupported_call(kind: &str, name: &str) -> PyErr {
    crate::error::not_implemented(format!("crabby does not support {kind} yet (calling '{name}')"))
}

/// A construct crabby does not compile yet, reached at run time.
pub fn not_supported(what: &str) -> PyErr {
    crate::error::not_implemented(format!("crabby does not support {what} yet"))
}

/// The `class` statement, as `builtins.__build_class__` does it: resolves `__mro_entries__`, picks the
/// metaclass (the `metaclass` keyword or the most derived metaclass of the bases), asks it for a namespace
/// (`__prepare__`), runs the body in it, then calls the metaclass with the remaining keywords.
pub fn build_class(
    body: &Value,
    name: &Value,
    qualname: &Value,
    bases: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
) -> PyResult<Value> {
    let t = types();
    // PEP 560: a base that is not a class may substitute classes for itself.
    let orig_bases = bases;
    let mut bases: Vec<Value> = Vec::with_capacity(orig_bases.len());
    let mut substituted = false;
    for b in &orig_bases {
        if !matches!(b.payload(), Some(Payload::Type(_))) {
            if let Some(f) = ops::attr::getattr_opt(b, "__mro_entries__")? {
                let r = call(&f, &[new_tuple(orig_bases.clone())], &[])?;
                let Some(items) = r.as_tuple() else {
                    return Err(type_error("__mro_entries__ must return a tuple"));
                };
                bases.extend_from_slice(items);
                substituted = true;
                continue;
            }
        }
        bases.push(b.clone());
    }
    let mut kwargs = kwargs;
    let explicit = kwargs.iter().position(|(k, _)| k.as_str() == Some("metaclass")).map(|i| kwargs.remove(i).1);
    let (meta, is_class) = match explicit {
        Some(m) => {
            let is_class = matches!(m.payload(), Some(Payload::Type(_)));
            (m, is_class)
        }
        None => (Value::Obj(bases.first().map_or_else(|| t.type_.clone(), |b| b.ty().clone())), true),
    };
    let meta = if is_class {
        Value::Obj(type_::calculate_metaclass(meta.as_obj().expect("metaclass"), &bases)?)
    } else {
        meta
    };
    let bases_t = new_tuple(bases);
    let ns = match ops::attr::getattr_opt(&meta, "__prepare__")? {
        Some(p) => call(&p, &[name.clone(), bases_t.clone()], &kwargs)?,
        None => crate::builtins::dict::new_dict(),
    };
    let is_mapping = matches!(ns.payload(), Some(Payload::Dict(_))) || type_::lookup(ns.ty(), "__getitem__").is_some();
    let Some(ns_obj) = ns.as_obj().filter(|_| is_mapping).cloned() else {
        let mname =
            if is_class { type_::type_name(meta.as_obj().expect("metaclass")) } else { "<metaclass>".to_string() };
        return Err(type_error(format!("{mname}.__prepare__() must return a mapping, not {}", ns.type_name())));
    };
    let g = globals(body.as_obj().expect("class body"));
    // Without `__name__` in globals (code given to `exec`), CPython's `LOAD_NAME` finds the builtins' one.
    let module_name =
        dict::get_str(g, "__name__").or_else(|| dict::get_str(crate::modules::builtins::builtins_dict(), "__name__"));
    if let Some(m) = module_name {
        store_class_name(&ns_obj, &Value::from("__module__"), m)?;
    }
    store_class_name(&ns_obj, &Value::from("__qualname__"), qualname.clone())?;
    let cell = call(body, std::slice::from_ref(&ns), &[])?;
    if substituted {
        store_class_name(&ns_obj, &Value::from("__orig_bases__"), new_tuple(orig_bases))?;
    }
    let cell = cell.as_obj().filter(|c| matches!(c.payload, Payload::Cell(_))).cloned();
    if let Some(c) = &cell {
        store_class_name(&ns_obj, &Value::from("__classcell__"), Value::Obj(c.clone()))?;
    }
    let cls = call(&meta, &[name.clone(), bases_t, ns], &kwargs)?;
    if let (Some(c), Some(Payload::Type(_))) = (&cell, cls.payload()) {
        let content = cell_lock(c).read().clone();
        match content {
            None => {
                return Err(runtime_error(format!(
                    "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                    ops::format::repr(name)?,
                    ops::format::repr(&cls)?
                )))
            }
            Some(v) if !v.is(&cls) => {
                return Err(type_error(format!(
                    "__class__ set to {} defining {} as {}",
                    ops::format::repr(&v)?,
                    ops::format::repr(name)?,
                    ops::format::repr(&cls)?
                )))
            }
            Some(_) => {}
        }
    }
    Ok(cls)
}

/// `obj.name` for a call: `(callable, true)` when the callable wants `obj` as its first argument (a plain
/// function or native method found on the type, not shadowed by the instance), so no bound method is made.
#[inline]
pub fn load_method(obj: &Value, name: &Value) -> PyResult<(Value, bool)> {
    if let Value::Obj(o) = obj {
        if matches!(o.payload, Payload::Type(_) | Payload::Super(_)) {
            return Ok((getattr(obj, name)?, false));
        }
    }
    let ty = obj.ty();
    let t = type_::type_obj(ty);
    let n = name.as_str().unwrap_or("");
    if t.heap && !type_::default_getattribute(ty) {
        return Ok((getattr(obj, name)?, false));
    }
    if let Some(m) = type_::lookup(ty, n) {
        let is_method = match m.payload() {
            Some(Payload::Function(_)) => true,
            Some(Payload::BuiltinFunction(b)) => b.owner.is_some() && b.bound_self.is_none(),
            _ => false,
        };
        if is_method {
            let shadowed = match obj {
                Value::Obj(o) if t.slot_storage => match type_::instance_dict(o) {
                    Some(d) => dict::get(&d, name)?.is_some(),
                    None => false,
                },
                Value::Obj(o) => crate::builtins::instance::own_attr(o, n, Some(name)).is_some(),
                _ => false,
            };
            if !shadowed {
                return Ok((m, true));
            }
        }
    }
    Ok((getattr(obj, name)?, false))
}

/// `call_loaded` without keywords, with arguments (the receiver first) the caller gives up: a compiled method
/// gets them as its parameter slots without copies (`ops::call::call_owned`).
#[inline]
pub fn call_loaded_owned(m: &Value, with_self: bool, args: &mut [Value]) -> PyResult<Value> {
    if with_self {
        crate::ops::call::call_owned(m, args)
    } else {
        crate::ops::call::call_owned(m, &mut args[1..])
    }
}

/// `recv.m(*args[1..])` where the caller's local `recv` outlives the call: when the method is a compiled
/// function that reads its first parameter in place (`CodeInfo::borrowed`), `recv` is put in `args[0]`
/// without counting a reference, so calls on an object shared by threads write nothing to its count (two
/// contended atomic updates per call otherwise). `args[0]` is a placeholder on entry.
#[inline]
pub fn call_method_borrowed(m: &Value, with_self: bool, recv: &Value, args: &mut [Value]) -> PyResult<Value> {
    if !with_self {
        return crate::ops::call::call_owned(m, &mut args[1..]);
    }
    if let Some(r) = crate::ops::call::call_lent_self(m, recv, args) {
        return r;
    }
    // A native method (`lst.append(x)`, `s.isdigit()`) takes its arguments as a shared slice, so the receiver
    // can be lent uncounted: two atomic count updates fewer per call.
    if let Some(Payload::BuiltinFunction(b)) = m.payload() {
        if b.bound_self.is_none() {
            // SAFETY: `args[0]` is the caller's `None` placeholder, `recv` outlives the call, and a native
            // function only reads the slice it is given.
            return unsafe { crate::ops::call::with_lent(args, &[(0, recv)], |slots| (b.f)(slots, &[])) };
        }
    }
    args[0] = recv.clone();
    crate::ops::call::call_owned(m, args)
}

/// Calls what `load_method` returned; `args[0]` is the receiver.
#[inline]
pub fn call_loaded(m: &Value, with_self: bool, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !with_self {
        return call(m, &args[1..], kwargs);
    }
    match m.payload() {
        Some(Payload::Function(_)) => {
            crate::ops::call::call_function(m.as_obj().expect("function"), Some(&args[0]), &args[1..], kwargs)
        }
        Some(Payload::BuiltinFunction(b)) => (b.f)(args, kwargs),
        _ => call(m, args, kwargs),
    }
}

/// Whether `f` is one of the builtins that read the calling frame (`globals`, `locals`, `vars`, `dir`).
pub fn is_frame_builtin(f: &Value) -> bool {
    match f.payload() {
        Some(Payload::BuiltinFunction(b)) => {
            b.owner.is_none() && matches!(b.name, "globals" | "locals" | "vars" | "dir")
        }
        _ => false,
    }
}

/// Calls a frame builtin with the frame's namespace the compiler built.
pub fn call_frame_builtin(f: &Value, namespace: Value) -> PyResult<Value> {
    let name = match f.payload() {
        Some(Payload::BuiltinFunction(b)) => b.name,
        _ => "",
    };
    match name {
        "dir" => {
            let mut keys: Vec<Value> = match namespace.as_obj() {
                Some(d) if matches!(d.payload, Payload::Dict(_)) => dict::keys(d),
                _ => crate::ops::iter::collect(&namespace)?,
            };
            crate::builtins::list::sort_values(&mut keys, None, false)?;
            Ok(crate::builtins::list::new_list(keys))
        }
        _ => Ok(namespace),
    }
}

/// A keyword argument at a call site that also unpacks `**`: CPython's duplicate check.
pub fn push_kwarg(f: &Value, kw: &mut Vec<(Value, Value)>, name: &Value, v: Value) -> PyResult<()> {
    if kw.iter().any(|(k, _)| k.as_str() == name.as_str()) {
        return Err(type_error(format!(
            "{} got multiple values for keyword argument '{}'",
            crate::ops::call::callable_name(f),
            name.as_str().unwrap_or("")
        )));
    }
    kw.push((name.clone(), v));
    Ok(())
}

/// `[*x]`, `(*x,)`, `{*x}`: appends the items of an iterable.
pub fn extend_from_iterable(v: &mut Vec<Value>, it: &Value) -> PyResult<()> {
    match crate::ops::iter::iter(it) {
        Ok(i) => {
            while let Some(x) = crate::ops::iter::next(&i)? {
                v.push(x);
            }
            Ok(())
        }
        Err(e) if e.matches(ExcKind::TypeError) => {
            Err(type_error(format!("Value after * must be an iterable, not {}", it.type_name())))
        }
        Err(e) => Err(e),
    }
}

pub fn set_from_vec(items: Vec<Value>) -> PyResult<Value> {
    set::new_set(items, false)
}

pub fn new_set_obj() -> ObjRef {
    set::new_empty(false)
}

pub fn set_add(s: &ObjRef, v: Value) -> PyResult<()> {
    set::add(s, v)
}

pub fn dict_set(d: &ObjRef, k: Value, v: Value) -> PyResult<()> {
    dict::set(d, k, v)
}

/// `{**m}` in a dict display.
pub fn dict_merge(d: &ObjRef, m: &Value) -> PyResult<()> {
    if let Some(Payload::Dict(_)) = m.payload() {
        if !type_::type_obj(m.ty()).heap {
            return dict::update_from_dict(d, m.as_obj().expect("dict"));
        }
        return dict::update_from(d, m);
    }
    if type_::lookup(m.ty(), "keys").is_none() {
        return Err(type_error(format!("'{}' object is not a mapping", m.type_name())));
    }
    crate::builtins::object::dict_update(d, m)
}

pub fn bytes_const(b: &[u8]) -> Value {
    crate::builtins::bytes::new_bytes(b)
}

pub fn ellipsis() -> Value {
    Value::Obj(types().ellipsis.clone())
}

/// The `raise` statement: accepts an exception instance or class, and `from` a cause.
pub fn raise_exc(v: Value, cause: Option<Value>) -> PyErr {
    let exc = match make_exception(v) {
        Ok(e) => e,
        Err(e) => return e,
    };
    if let Some(c) = cause {
        let cause_v = match &c {
            Value::None => Value::None,
            _ => match make_exception(c) {
                Ok(e) => Value::Obj(e),
                Err(_) => return type_error("exception causes must derive from BaseException"),
            },
        };
        exceptions::set_cause(&exc, cause_v);
    }
    Err_::from_exception(exc)
}

fn make_exception(v: Value) -> PyResult<ObjRef> {
    if exceptions::is_exception_instance(&v) {
        return Ok(v.as_obj().expect("exception").clone());
    }
    if let Some(Payload::Type(_)) = v.payload() {
        if exceptions::is_exception_type(v.as_obj().expect("type")) {
            let inst = call(&v, &[], &[])?;
            if exceptions::is_exception_instance(&inst) {
                return Ok(inst.as_obj().expect("exception").clone());
            }
            return Err(type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                crate::ops::format::repr(&v)?,
                inst.type_name()
            )));
        }
    }
    Err(type_error("exceptions must derive from BaseException"))
}

/// Bare `raise`: re-raises the exception being handled.
pub fn reraise_current() -> PyErr {
    match crate::error::current_handled() {
        Some(e) => PyErr::reraise(e),
        None => crate::error::runtime_error("No active exception to reraise"),
    }
}

pub fn assertion_error(msg: Option<Value>) -> PyErr {
    PyErr::with_args(ExcKind::AssertionError, msg.into_iter().collect())
}

/// `except T:` matching, with CPython's error for non-exception classes.
pub fn exc_match(exc: &ObjRef, t: &Value) -> PyResult<bool> {
    if let Some(items) = t.as_tuple() {
        for i in items {
            if exc_match(exc, i)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match t.payload() {
        Some(Payload::Type(_)) if exceptions::is_exception_type(t.as_obj().expect("type")) => {
            Ok(type_::is_subtype(exc.ty(), t.as_obj().expect("type")))
        }
        _ => Err(type_error("catching classes that do not inherit from BaseException is not allowed")),
    }
}

/// `with`: looks up `__exit__` and calls `__enter__`; returns the bound exit and the entered value.
pub fn with_enter(mgr: &Value) -> PyResult<(Value, Value)> {
    let ty = mgr.ty();
    let enter = type_::lookup(ty, "__enter__");
    let exit = type_::lookup(ty, "__exit__");
    let (Some(enter), Some(exit)) = (enter, exit) else {
        let missing = if type_::lookup(ty, "__enter__").is_none() { "" } else { " (missed __exit__ method)" };
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol{missing}",
            mgr.type_name()
        )));
    };
    let exit_bound = ops::attr::bind_descriptor(exit, Some(mgr), &Value::Obj(ty.clone()))?;
    let entered = ops::call::call_with_self(&enter, mgr, &[], &[])?;
    Ok((exit_bound, entered))
}

pub fn with_exit_ok(exit: &Value) -> PyResult<()> {
    call(exit, &[Value::None, Value::None, Value::None], &[])?;
    Ok(())
}

/// `__exit__` with the exception; a true result swallows it.
pub fn with_exit_err(exit: &Value, e: PyErr) -> PyResult<()> {
    let exc = e.exc.clone();
    push_handled(&exc);
    let r = call(exit, &[Value::Obj(exc.ty().clone()), Value::Obj(exc.clone()), Value::None], &[]);
    pop_handled();
    if truthy(&r?)? {
        Ok(())
    } else {
        Err(PyErr::reraise(exc))
    }
}

/// `import a.b.c`: imports every level and returns the top package `a`, which the statement binds.
pub fn import_module(name: &Value) -> PyResult<Value> {
    let n = name.as_str().unwrap_or("");
    crate::import::import_dotted(n)?;
    let top = n.split('.').next().unwrap_or(n);
    match dict::get_str(crate::import::sys_modules(), top) {
        Some(m) => Ok(m),
        None => crate::import::import_dotted(top),
    }
}

/// `import a.b.c as d`: the module `a.b.c` itself.
pub fn import_submodule(_top: &Value, name: &Value) -> PyResult<Value> {
    let n = name.as_str().unwrap_or("");
    match dict::get_str(crate::import::sys_modules(), n) {
        Some(m) => Ok(m),
        None => crate::import::import_dotted(n),
    }
}

/// The module a `from ... import` statement reads, resolving leading dots against the importing module's
/// package.
pub fn import_from_module(g: &ObjRef, name: &Value) -> PyResult<Value> {
    let n = name.as_str().unwrap_or("");
    let package = match dict::get_str(g, "__package__") {
        Some(p) if p.as_str().is_some() => p.as_str().map(str::to_string),
        _ => dict::get_str(g, "__name__").and_then(|m| {
            let m = m.as_str()?.to_string();
            // A package's own `__init__` has `__path__`; a plain module's package is its parent.
            Some(if dict::get_str(g, "__path__").is_some() {
                m
            } else {
                m.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
            })
        }),
    };
    let full = crate::import::resolve_name(n, package.as_deref())?;
    crate::import::import_dotted(&full)
}

/// `type name = value`: a `typing.TypeAliasType` whose `__value__` is `evaluate()`, computed when first read.
pub fn make_type_alias(name: &str, evaluate: &Value) -> PyResult<Value> {
    let m = crate::modules::typing::module()?;
    let make = dict::get_str(module_dict(&m), "_lazy_type_alias")
        .ok_or_else(|| not_supported("type aliases without _typing._lazy_type_alias"))?;
    crate::ops::call::call(&make, &[Value::from(name), evaluate.clone()], &[])
}

/// Calls `_typing.<helper>(*args)`, one of the helpers written for compiled code.
fn typing_helper(helper: &str, args: &[Value]) -> PyResult<Value> {
    let m = crate::modules::typing::module()?;
    let f = dict::get_str(module_dict(&m), helper)
        .ok_or_else(|| not_supported(&format!("PEP 695 generics without _typing.{helper}")))?;
    crate::ops::call::call(&f, args, &[])
}

/// A PEP 695 type parameter: `kind` 0 is a TypeVar with a bound, 1 a TypeVar with constraints (either
/// computed by the function `lazy` when first read; None for neither), 2 a TypeVarTuple, 3 a ParamSpec.
pub fn make_type_param(kind: u32, name: &str, lazy: &Value) -> PyResult<Value> {
    typing_helper("_type_param", &[Value::Int(kind as i64), Value::from(name), lazy.clone()])
}

/// `__type_params__` of a generic function or class.
pub fn set_type_params(target: &Value, params: &Value) -> PyResult<()> {
    crate::ops::attr::setattr_str(target, "__type_params__", params.clone())
}

/// The implicit base of a generic class: `typing.Generic[*params]`.
pub fn generic_base(params: &Value) -> PyResult<Value> {
    typing_helper("_generic_base", std::slice::from_ref(params))
}

/// `type name[params] = value`: a lazy `TypeAliasType` with its type parameters.
pub fn make_generic_type_alias(name: &str, evaluate: &Value, params: &Value) -> PyResult<Value> {
    typing_helper("_lazy_type_alias", &[Value::from(name), evaluate.clone(), params.clone()])
}

/// `from m import name`.
pub fn import_from(m: &Value, name: &Value) -> PyResult<Value> {
    crate::import::import_from(m, name.as_str().unwrap_or(""))
}

/// `from m import *`: the names in `__all__`, or every public name.
pub fn import_star(g: &ObjRef, m: &Value) -> PyResult<()> {
    let names: Vec<Value> = match crate::ops::attr::getattr_opt(m, "__all__")? {
        Some(all) => crate::ops::iter::collect(&all)?,
        None => {
            let d = crate::ops::attr::getattr(m, &Value::from("__dict__"))?;
            let keys = match d.as_obj() {
                Some(o) if matches!(o.payload, Payload::Dict(_)) => dict::keys(o),
                _ => Vec::new(),
            };
            keys.into_iter().filter(|k| k.as_str().is_some_and(|s| !s.starts_with('_'))).collect()
        }
    };
    for n in names {
        let v = crate::ops::attr::getattr(m, &n)?;
        dict::set(g, n, v)?;
    }
    Ok(())
}
