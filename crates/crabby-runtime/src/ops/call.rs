//! Calling: the one generic entry point for every callable, argument binding with CPython's messages, and
//! the recursion limit.

use std::cell::Cell;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{func_obj, FunctionObj};
use crate::builtins::type_;
use crate::builtins::{dict, tuple};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

/// The body of a compiled function: receives the function object (for its globals, closure and defaults) and
/// one value per parameter, in `co_varnames` order, `*args` as a tuple and `**kwargs` as a dict.
pub type BodyFn = fn(func: &ObjRef, args: &mut [Value]) -> PyResult<Value>;

/// What CPython keeps in a code object, for one compiled function (or module, or class body).
pub struct CodeInfo {
    pub name: &'static str,
    pub qualname: &'static str,
    pub filename: &'static str,
    pub firstlineno: u32,
    /// Parameter names in `co_varnames` order: positional-only, positional-or-keyword, `*args`, keyword-only,
    /// `**kwargs`.
    pub params: &'static [&'static str],
    /// The other local variables (not cells), in `co_varnames` order after the parameters: the traceback's
    /// NameError suggestions search them, as CPython searches `co_varnames`.
    pub locals: &'static [&'static str],
    /// `co_posonlyargcount`.
    pub posonly: u32,
    /// `co_argcount`: positional parameters, positional-only included.
    pub argcount: u32,
    /// `co_kwonlyargcount`.
    pub kwonly: u32,
    pub varargs: bool,
    pub varkw: bool,
    /// `None` for code that is not a function body (modules, class bodies).
    pub body: Option<BodyFn>,
    /// Bit `i` set: the body reads parameter slot `i` in place and never takes or drops it (compiled functions
    /// do this for parameters they never rebind, see `rt::borrow_arg`). The caller owns every slot until the
    /// body returns; for slot 0 a method call may then place a reference it does not count
    /// (`rt::call_method_borrowed`), so calling a method on a shared object writes no reference count.
    pub borrowed: u32,
    /// What the run-time evaluator (crate `crabby-eval`) keeps for code it compiled: the lowered tree its
    /// shared body function walks (downcast there). `None` for compiled code.
    pub extra: Option<&'static (dyn std::any::Any + Send + Sync)>,
    /// `co_consts` and `co_names` (see `builtins/code.rs`).
    pub co: crate::builtins::code::CoTable,
}

impl std::fmt::Debug for CodeInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeInfo").field("qualname", &self.qualname).field("filename", &self.filename).finish()
    }
}

impl CodeInfo {
    fn nparams(&self) -> usize {
        self.params.len()
    }
}

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

static RECURSION_LIMIT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1000);

#[inline]
pub fn recursion_limit() -> u32 {
    // Relaxed: the limit is a standalone setting; a thread seeing the old value for a moment is harmless.
    RECURSION_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

pub fn set_recursion_limit(n: u32) {
    // Relaxed: see `recursion_limit`.
    RECURSION_LIMIT.store(n, std::sync::atomic::Ordering::Relaxed);
}

/// Counts a Python-level call for the recursion limit while it runs.
pub struct DepthGuard(());

impl DepthGuard {
    #[inline(always)]
    pub fn enter() -> PyResult<DepthGuard> {
        // Every Python-level call is a safe point for signal handlers (one relaxed load when none is pending).
        crate::modules::signal::check_signals()?;
        let d = DEPTH.with(|c| {
            let d = c.get() + 1;
            c.set(d);
            d
        });
        if d > recursion_limit() {
            DEPTH.with(|c| c.set(c.get() - 1));
            return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        Ok(DepthGuard(()))
    }
}

impl Drop for DepthGuard {
    #[inline(always)]
    fn drop(&mut self) {
        DEPTH.with(|c| c.set(c.get() - 1));
    }
}

/// Calls any callable with positional and keyword arguments.
pub fn call(f: &Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if let Value::Obj(o) = f {
        match &o.payload {
            Payload::Function(_) => return call_function(o, None, args, kwargs),
            Payload::BuiltinFunction(b) => {
                return match &b.bound_self {
                    None => (b.f)(args, kwargs),
                    Some(this) => {
                        let mut v = Vec::with_capacity(args.len() + 1);
                        v.push(this.clone());
                        v.extend_from_slice(args);
                        (b.f)(&v, kwargs)
                    }
                };
            }
            Payload::BoundMethod(m) => return call_with_self(&m.func, &m.this, args, kwargs),
            Payload::Type(_) => return crate::builtins::type_::call_type(o, args, kwargs),
            // `functools.lru_cache` wrappers: called without looking up `__call__` or copying the arguments
            // behind the receiver (their type cannot be subclassed or changed).
            Payload::Native(n) => {
                if let Some(c) = crate::modules::functools::lru_state(n) {
                    return c.call(args, kwargs);
                }
            }
            _ => {}
        }
    }
    // Any other object is callable through its type's `__call__`.
    match type_::lookup(f.ty(), "__call__") {
        Some(c) => {
            // A built-in function stored on a class (not a method descriptor) does not bind: CPython calls it
            // without the instance (typing's `NewType.__call__ = _idfunc`).
            if let Value::Obj(co) = &c {
                if matches!(co.payload, Payload::BuiltinFunction(_))
                    && !crate::builtins::descriptor::is_method_descriptor(co)
                {
                    return call(&c, args, kwargs);
                }
            }
            call_with_self(&c, f, args, kwargs)
        }
        None => Err(type_error(format!("'{}' object is not callable", f.type_name()))),
    }
}

/// Calls `f(*args)` with arguments the caller owns and gives up (generated code's positional calls): a
/// compiled function taking exactly these positional parameters gets the caller's array as its parameter
/// slots, so no argument is copied (nor its reference count touched). Anything else is `call`.
#[inline]
pub fn call_owned(f: &Value, args: &mut [Value]) -> PyResult<Value> {
    if let Some((o, _, body)) = exact_body(f, args.len()) {
        return run_body(o, body, args);
    }
    if let Value::Obj(o) = f {
        if let Payload::Type(_) = &o.payload {
            return type_::call_type_owned(o, args);
        }
    }
    call(f, args, &[])
}

/// `len(x)` in generated code: `f` is what the name `len` holds at the call. The built-in is answered without
/// the generic call and its argument checking; anything else is called as written.
#[inline]
pub fn call_len(f: &Value, arg: Value) -> PyResult<Value> {
    if let Some(Payload::BuiltinFunction(b)) = f.payload() {
        if b.bound_self.is_none() && std::ptr::fn_addr_eq(b.f, crate::modules::builtins::len_fn()) {
            return Ok(Value::Int(crate::ops::len(&arg)? as i64));
        }
    }
    call_owned(f, &mut [arg])
}

/// The compiled body of `f` when `f` is a function taking exactly `nargs` positional parameters (nothing to
/// bind: the caller's array can be its parameter slots).
#[inline]
fn exact_body(f: &Value, nargs: usize) -> Option<(&ObjRef, &'static CodeInfo, BodyFn)> {
    let Value::Obj(o) = f else { return None };
    let Payload::Function(func) = &o.payload else { return None };
    let code = func.code;
    let body = code.body?;
    (nargs == code.nparams() && nargs == code.argcount as usize).then_some((o, code, body))
}

/// Runs a compiled body on its parameter slots, inside the recursion check and on the frame stack that
/// `sys._getframe` reads (as `call_function` keeps it).
#[inline(always)]
pub fn run_body(f: &ObjRef, body: BodyFn, slots: &mut [Value]) -> PyResult<Value> {
    let _depth = DepthGuard::enter()?;
    let _frame = crate::builtins::frame::enter_function(f);
    body(f, slots)
}

/// `call_owned` with an uncounted `recv` in slot 0, when `f` is a compiled function that reads that slot in
/// place and takes exactly these arguments; `None` (and `args` untouched) otherwise.
#[inline]
pub fn call_lent_self(f: &Value, recv: &Value, args: &mut [Value]) -> Option<PyResult<Value>> {
    let (o, _, body) = exact_body(f, args.len()).filter(|(_, code, _)| code.borrowed & 1 != 0)?;
    // SAFETY: the body reads slot 0 in place (`CodeInfo::borrowed`, checked above) and `recv` outlives it.
    Some(unsafe { with_lent(args, &[(0, recv)], |slots| run_body(o, body, slots)) })
}

/// Runs `run` with each `(i, v)` of `lent` in slot `i` of `args` as an uncounted copy, then puts
/// `Value::None` back without dropping the copies (also when unwinding).
///
/// # Safety
/// Each lent slot must hold `Value::None` on entry, each `v` must stay alive until this returns, and `run`
/// must only read the lent slots (never take, replace or drop them): a body whose `CodeInfo::borrowed` has
/// their bits set does exactly that.
pub unsafe fn with_lent<R>(args: &mut [Value], lent: &[(usize, &Value)], run: impl FnOnce(&mut [Value]) -> R) -> R {
    struct Unlend<'a>(*mut Value, &'a [(usize, &'a Value)]);
    impl Drop for Unlend<'_> {
        fn drop(&mut self) {
            for &(i, _) in self.1 {
                // SAFETY: the slot is in bounds and live (the caller's array outlives this call) and holds an
                // uncounted copy, which must not be dropped: overwriting without dropping forgets it.
                unsafe { std::ptr::write(self.0.add(i), Value::None) }
            }
        }
    }
    // Every access goes through `p`, so the slice made from it and `Unlend`'s pointer never conflict.
    let (p, len) = (args.as_mut_ptr(), args.len());
    for &(i, v) in lent {
        assert!(i < len, "lent slot out of range");
        // SAFETY: in bounds (checked); the placeholder there owns nothing, and the copy stays uncounted
        // because `Unlend` removes it without dropping.
        unsafe { std::ptr::write(p.add(i), std::ptr::read(v)) };
    }
    let _unlend = Unlend(p, lent);
    // SAFETY: `p` and `len` come from `args`, which is not used again while this slice lives.
    run(unsafe { std::slice::from_raw_parts_mut(p, len) })
}

/// Fills `slots[given..]`, the missing trailing positional parameters, from the function's `__defaults__`;
/// false when there are too few defaults, whose error the general binding reports.
pub fn fill_defaults(func: &FunctionObj, slots: &mut [Value], given: usize) -> bool {
    let n = slots.len();
    fill_from_defaults(func, slots, given..n)
}

/// Fills the parameter slots `missing` (in increasing order) from the defaults the function holds now:
/// positional parameters from `__defaults__`, keyword-only ones from `__kwdefaults__`. False when one has no
/// default (the caller then runs the general binding, which reports it); slots filled before that are left
/// for the caller to drop. The defaults are copied under their locks, or without them while one Python thread
/// runs (`qsbr::read`); no Python code runs meanwhile.
pub fn fill_from_defaults(func: &FunctionObj, slots: &mut [Value], missing: impl Iterator<Item = usize>) -> bool {
    let (code, argcount) = (func.code, func.code.argcount as usize);
    // One short read per missing slot: chained iterator adaptors here cost about a hundred instructions per
    // call of a function given keywords (`benchmarks/calls.py`).
    for j in missing {
        let found = if j < argcount {
            crate::qsbr::read(&func.defaults, |defaults| {
                let first = argcount.checked_sub(defaults.len())?;
                defaults.get(j.checked_sub(first)?).cloned()
            })
        } else {
            // The names are usually the same static text: compare addresses before bytes.
            let p = code.params[j];
            crate::qsbr::read(&func.kwdefaults, |kwdefaults| {
                kwdefaults.iter().find(|(k, _)| std::ptr::eq(*k, p) || *k == p).map(|(_, d)| d.clone())
            })
        };
        match found {
            Some(d) => slots[j] = d,
            None => return false,
        }
    }
    true
}

/// Calls `f(this, *args, **kwargs)` without building a bound method.
pub fn call_with_self(f: &Value, this: &Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if let Value::Obj(o) = f {
        if let Payload::Function(_) = &o.payload {
            return call_function(o, Some(this), args, kwargs);
        }
    }
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(this.clone());
    v.extend_from_slice(args);
    call(f, &v, kwargs)
}

/// Calls a compiled function: binds the arguments to parameters and runs the body.
pub fn call_function(f: &ObjRef, this: Option<&Value>, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let func = func_obj(f);
    let code = func.code;
    let Some(body) = code.body else {
        return Err(type_error(format!("{}() is not callable", code.qualname)));
    };
    let _depth = DepthGuard::enter()?;
    let _frame = crate::builtins::frame::enter_function(f);
    let nargs = args.len() + this.is_some() as usize;
    let n = code.nparams();
    if n > 8 {
        let mut slots = bind(func, this, args, kwargs)?;
        return body(f, &mut slots);
    }
    let mut buf: [Value; 8] = Default::default();
    // A bound object is lent uncounted to a body that reads its first parameter in place (a bound method
    // object called, a method called with keywords): two atomic count updates fewer per call.
    let lent = this.filter(|_| code.borrowed & 1 != 0);
    let run = |buf: &mut [Value]| match lent {
        // SAFETY: slot 0 holds the placeholder (`place_positional` left it), the body reads that slot in
        // place (`CodeInfo::borrowed`), and `this` outlives the call.
        Some(t) => unsafe { with_lent(buf, &[(0, t)], |slots| body(f, slots)) },
        None => body(f, buf),
    };
    // The fast paths: only positional parameters, given positionally, the missing last ones from defaults.
    if kwargs.is_empty() && nargs <= n && n == code.argcount as usize {
        place_positional(buf.as_mut_slice(), this, args, lent.is_some());
        if nargs == n {
            return run(&mut buf[..n]);
        }
        if fill_defaults(func, &mut buf[..n], nargs) {
            return run(&mut buf[..n]);
        }
    }
    // Keywords naming parameters of a function without `*args`/`**kwargs`, the rest from defaults.
    if !kwargs.is_empty() && !code.varargs && !code.varkw && nargs <= code.argcount as usize {
        if let Some(()) = bind_keywords_fast(func, this, args, kwargs, &mut buf[..n], lent.is_some()) {
            return run(&mut buf[..n]);
        }
        // Something to report (or a case the fast path leaves out): the general binding says what.
        buf = Default::default();
    }
    // `*args` and/or `**kwargs` after positional parameters that the arguments all fill.
    if (code.varargs || code.varkw) && code.kwonly == 0 && nargs >= code.argcount as usize {
        if let Some(()) = bind_star_fast(func, this, args, kwargs, &mut buf[..n], lent.is_some()) {
            return run(&mut buf[..n]);
        }
        buf = Default::default();
    }
    // General binding, into slots on the stack.
    let mut slots: [Option<Value>; 8] = Default::default();
    bind_into(func, this, args, kwargs, &mut slots[..n])?;
    for (b, s) in buf.iter_mut().zip(slots.iter_mut()).take(n) {
        *b = s.take().unwrap_or_default();
    }
    body(f, &mut buf[..n])
}

/// Copies the bound object (if any) and the positional arguments into the first slots of `buf`, which the
/// caller made long enough; returns how many slots were filled (the bound object's counted, though with
/// `lend` its slot keeps the placeholder for the caller to lend it).
#[inline(always)]
fn place_positional(buf: &mut [Value], this: Option<&Value>, args: &[Value], lend: bool) -> usize {
    let mut i = 0;
    if let Some(t) = this {
        if !lend {
            buf[0] = t.clone();
        }
        i = 1;
    }
    for a in args {
        buf[i] = a.clone();
        i += 1;
    }
    i
}

/// Binds the arguments of a function with `*args` and/or `**kwargs` and no keyword-only parameters, when the
/// positional arguments fill every positional parameter (and the rest go to `*args`) and no keyword names a
/// positional parameter (all go to `**kwargs`). `None` for anything else, which the general binding sorts out
/// (defaults, keywords binding parameters, errors): this skips its bookkeeping for the usual `f(*args,
/// **kwargs)` wrappers and forwarding calls.
#[inline]
fn bind_star_fast(
    func: &FunctionObj,
    this: Option<&Value>,
    args: &[Value],
    kwargs: &[(Value, Value)],
    buf: &mut [Value],
    lend: bool,
) -> Option<()> {
    let code = func.code;
    let argcount = code.argcount as usize;
    let posonly = code.posonly as usize;
    if (!code.varargs && args.len() + this.is_some() as usize > argcount)
        || (!code.varkw && !kwargs.is_empty())
        || (this.is_some() && argcount == 0)
    {
        return None;
    }
    for (k, _) in kwargs {
        let name = k.as_str()?;
        if code.params[posonly..argcount].iter().any(|p| same_name(p, name)) {
            return None;
        }
    }
    let skip = argcount - this.is_some() as usize;
    place_positional(&mut buf[..argcount], this, &args[..skip], lend);
    let mut i = argcount;
    if code.varargs {
        buf[i] = tuple::new_tuple(args[skip..].to_vec());
        i += 1;
    }
    if code.varkw {
        let d = dict::new_dict_obj();
        for (k, v) in kwargs {
            dict::set(&d, k.clone(), v.clone()).ok()?;
        }
        buf[i] = Value::Obj(d);
    }
    Some(())
}

/// Binds positional arguments and keywords into `buf` (one slot per parameter, at most 8) for a function with
/// neither `*args` nor `**kwargs`, filling what is missing from the defaults. `None` when binding fails in any
/// way (a repeated or unknown keyword, a missing argument): the caller then runs the general binding, which
/// raises CPython's error. This skips `bind_into`'s bookkeeping: 15% of `benchmarks/calls.py` was spent there.
#[inline]
fn bind_keywords_fast(
    func: &FunctionObj,
    this: Option<&Value>,
    args: &[Value],
    kwargs: &[(Value, Value)],
    buf: &mut [Value],
    lend: bool,
) -> Option<()> {
    let code = func.code;
    let posonly = code.posonly as usize;
    let n = buf.len();
    // Bit i set: parameter i has a value.
    let mut filled: u32 = 0;
    let i = place_positional(buf, this, args, lend);
    filled |= (1u32 << i) - 1;
    for (k, v) in kwargs {
        let name = k.as_str()?;
        let j = (posonly..n).find(|&j| same_name(code.params[j], name))?;
        if filled & (1 << j) != 0 {
            return None;
        }
        filled |= 1 << j;
        buf[j] = v.clone();
    }
    let all = (1u32 << n) - 1;
    if filled == all {
        return Some(());
    }
    fill_from_defaults(func, buf, (0..n).filter(|&j| filled & (1 << j) == 0)).then_some(())
}

/// Parameter-name equality with the cheap rejections first: most parameter lists differ in length or first
/// letter, and a `memcmp` call per candidate was 4% of `benchmarks/calls.py`.
#[inline(always)]
fn same_name(param: &str, name: &str) -> bool {
    param.len() == name.len() && param.as_bytes().first() == name.as_bytes().first() && param == name
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: CPython's list of missing argument names.
fn name_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        k => format!("{}, and {}", quoted[..k - 1].join(", "), quoted[k - 1]),
    }
}

/// A function's `__qualname__`, read when an error message formats it.
struct QualName<'a>(&'a FunctionObj);

impl std::fmt::Display for QualName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let q = self.0.qualname.read();
        f.write_str(q.as_str().unwrap_or(self.0.code.qualname))
    }
}

/// Binds arguments to parameter slots as CPython's `_PyEval_MakeFrameVector` does, with its error messages.
fn bind(func: &FunctionObj, this: Option<&Value>, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Vec<Value>> {
    let mut slots: Vec<Option<Value>> = vec![None; func.code.nparams()];
    bind_into(func, this, args, kwargs, &mut slots)?;
    Ok(slots.into_iter().map(Option::unwrap_or_default).collect())
}

/// `bind` into `slots` (one per parameter, all `None`), which the caller may keep on its stack.
fn bind_into(
    func: &FunctionObj,
    this: Option<&Value>,
    args: &[Value],
    kwargs: &[(Value, Value)],
    slots: &mut [Option<Value>],
) -> PyResult<()> {
    let code = func.code;
    // The qualified name only matters for error messages: computed when one is made, not on every call.
    let qn = QualName(func);
    let argcount = code.argcount as usize;
    let posonly = code.posonly as usize;
    let kwonly = code.kwonly as usize;
    let total_named = argcount + kwonly;
    let nargs = args.len() + this.is_some() as usize;
    let mut extra = Vec::with_capacity(nargs.saturating_sub(argcount));
    for (i, a) in this.into_iter().chain(args.iter()).enumerate() {
        if i < argcount {
            slots[i] = Some(a.clone());
        } else {
            extra.push(a.clone());
        }
    }
    let varargs_ix = argcount;
    let kwonly_start = argcount + code.varargs as usize;
    let varkw_ix = kwonly_start + kwonly;
    let kwdict = if code.varkw { Some(dict::new_dict_obj()) } else { None };
    let mut posonly_as_kw: Vec<&str> = Vec::new();
    for (k, v) in kwargs {
        let Some(name) = k.as_str() else {
            return Err(type_error(format!("{qn}() keywords must be strings")));
        };
        // Positional-or-keyword parameters, then keyword-only ones.
        let found = (posonly..total_named).find(|&j| {
            let slot = if j < argcount { j } else { kwonly_start + (j - argcount) };
            same_name(code.params[slot], name)
        });
        match found {
            Some(j) => {
                let slot = if j < argcount { j } else { kwonly_start + (j - argcount) };
                if slots[slot].is_some() {
                    return Err(type_error(format!("{qn}() got multiple values for argument '{name}'")));
                }
                slots[slot] = Some(v.clone());
            }
            None => {
                if let Some(d) = &kwdict {
                    dict::set(d, k.clone(), v.clone())?;
                } else if let Some(p) = code.params[..posonly].iter().find(|p| **p == name) {
                    posonly_as_kw.push(p);
                } else {
                    return Err(type_error(format!("{qn}() got an unexpected keyword argument '{name}'")));
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(type_error(format!(
            "{qn}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        )));
    }
    // Held only while values are copied out (no Python code runs under it).
    let defaults = func.defaults.read();
    if !extra.is_empty() && !code.varargs {
        let kwonly_given = (kwonly_start..kwonly_start + kwonly).filter(|&s| slots[s].is_some()).count();
        let sig = if defaults.is_empty() {
            format!("{argcount}")
        } else {
            format!("from {} to {argcount}", argcount - defaults.len())
        };
        let plural_s = if defaults.is_empty() && argcount == 1 { "" } else { "s" };
        let kwonly_sig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                plural(nargs),
                plural(kwonly_given)
            )
        } else {
            String::new()
        };
        let verb = if nargs == 1 && kwonly_given == 0 { "was" } else { "were" };
        return Err(type_error(format!(
            "{qn}() takes {sig} positional argument{plural_s} but {nargs}{kwonly_sig} {verb} given"
        )));
    }
    // Fill positional parameters from defaults.
    let first_default = argcount.saturating_sub(defaults.len());
    let mut missing: Vec<&str> = Vec::new();
    for i in nargs.min(argcount)..argcount {
        if slots[i].is_none() {
            if i >= first_default {
                slots[i] = Some(defaults[i - first_default].clone());
            } else {
                missing.push(code.params[i]);
            }
        }
    }
    drop(defaults);
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{qn}() missing {} required positional argument{}: {}",
            missing.len(),
            plural(missing.len()),
            name_list(&missing)
        )));
    }
    if kwonly > 0 {
        let kwdefaults = func.kwdefaults.read();
        for (s, slot) in slots.iter_mut().enumerate().skip(kwonly_start).take(kwonly) {
            if slot.is_none() {
                match kwdefaults.iter().find(|(n, _)| *n == code.params[s]) {
                    Some((_, v)) => *slot = Some(v.clone()),
                    None => missing.push(code.params[s]),
                }
            }
        }
        drop(kwdefaults);
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{qn}() missing {} required keyword-only argument{}: {}",
                missing.len(),
                plural(missing.len()),
                name_list(&missing)
            )));
        }
    }
    if code.varargs {
        slots[varargs_ix] = Some(tuple::new_tuple(extra));
    }
    if let Some(d) = kwdict {
        slots[varkw_ix] = Some(Value::Obj(d));
    }
    Ok(())
}

/// Calls the method `name` of `args[0]` with the rest of `args` (`obj.name(*args[1..], **kwargs)`), without
/// making a bound method when the attribute is a plain function or native method found on the type.
pub fn call_method(name: &Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = &args[0];
    let name_str = name.as_str().unwrap_or("");
    let has_instance_attr = match this {
        Value::Obj(o) => crate::builtins::instance::own_attr(o, name_str, Some(name)).is_some(),
        _ => false,
    };
    let is_type = matches!(this.payload(), Some(Payload::Type(_) | Payload::Super(_)));
    if !has_instance_attr && !is_type {
        if let Some(m) = type_::lookup(this.ty(), name_str) {
            match m.payload() {
                Some(Payload::Function(_)) => {
                    return call_function(m.as_obj().expect("function object"), Some(this), &args[1..], kwargs)
                }
                Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => {
                    return (b.f)(args, kwargs)
                }
                _ => {}
            }
        }
    }
    let bound = crate::ops::attr::getattr(this, name)?;
    call(&bound, &args[1..], kwargs)
}

/// `f(*a, **k)` at a call site with unpacking: the positional part is built by the caller as a list; this
/// checks and flattens the keyword part, with CPython's messages.
pub fn merge_kwargs(fname: &Value, target: &mut Vec<(Value, Value)>, mapping: &Value) -> PyResult<()> {
    // A dict subclass that overrides `__iter__` is read through `keys()` and `__getitem__`, as CPython does.
    let plain_dict = matches!(mapping.payload(), Some(Payload::Dict(_)))
        && (!type_::type_obj(mapping.ty()).heap
            || type_::lookup(mapping.ty(), "__iter__")
                .is_some_and(|f| matches!(f.payload(), Some(Payload::BuiltinFunction(_)))));
    let items = match mapping.payload() {
        Some(Payload::Dict(_)) if plain_dict => dict::items(mapping.as_obj().expect("dict")),
        _ => {
            if type_::lookup(mapping.ty(), "keys").is_none() {
                return Err(type_error(format!(
                    "{} argument after ** must be a mapping, not {}",
                    crate::ops::call::callable_name(fname),
                    mapping.type_name()
                )));
            }
            let keys = crate::ops::call::call_method(&Value::from("keys"), std::slice::from_ref(mapping), &[])?;
            let mut out = Vec::new();
            for k in crate::ops::iter::collect(&keys)? {
                let v = crate::ops::subscript::getitem(mapping, &k)?;
                out.push((k, v));
            }
            out
        }
    };
    for (k, v) in items {
        if k.as_str().is_none() {
            return Err(type_error("keywords must be strings"));
        }
        if target.iter().any(|(n, _)| n.as_str() == k.as_str()) {
            return Err(PyErr::new(
                ExcKind::TypeError,
                format!(
                    "{} got multiple values for keyword argument '{}'",
                    callable_name(fname),
                    k.as_str().unwrap_or("")
                ),
            ));
        }
        target.push((k, v));
    }
    Ok(())
}

/// How CPython names a callable in call-site errors: `f()` for functions, `int()` for types, `x.m()` ...
pub fn callable_name(f: &Value) -> String {
    match f.payload() {
        Some(Payload::Function(func)) => {
            let qn = func.qualname.read().as_str().unwrap_or("?").to_string();
            match dict::get_str(&func.globals, "__name__").and_then(|m| m.as_str().map(str::to_string)) {
                Some(m) if m != "builtins" => format!("{m}.{qn}()"),
                _ => format!("{qn}()"),
            }
        }
        Some(Payload::BuiltinFunction(b)) => format!("{}()", b.name),
        Some(Payload::BoundMethod(m)) => callable_name(&m.func),
        Some(Payload::Type(t)) => format!("{}()", t.name.read()),
        _ => format!("{} object", f.type_name()),
    }
}

/// The positional arguments of a call site with `*` unpacking, flattened.
pub fn star_args(fname: &Value, it: &Value, out: &mut Vec<Value>) -> PyResult<()> {
    if let Some(t) = it.as_tuple() {
        out.extend_from_slice(t);
        return Ok(());
    }
    match crate::ops::iter::iter(it) {
        Ok(iter) => {
            while let Some(v) = crate::ops::iter::next(&iter)? {
                out.push(v);
            }
            Ok(())
        }
        Err(e) if e.matches(ExcKind::TypeError) && type_::lookup(it.ty(), "__iter__").is_none() => Err(type_error(
            format!("{} argument after * must be an iterable, not {}", callable_name(fname), it.type_name()),
        )),
        Err(e) => Err(e),
    }
}

/// The name `type_obj` is re-exported for generated code that checks call targets.
pub fn is_type(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Type(_)))
}
