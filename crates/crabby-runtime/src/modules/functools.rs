//! `_functools`: the native half of `functools` (`reduce`, `partial`, `cmp_to_key`), as CPython 3.12's
//! `Modules/_functoolsmodule.c` provides it. CPython's `functools.py` imports these names and keeps its pure
//! Python versions only when they are missing, so behaviour, reprs and messages follow the C module.
//!
//! `partial` objects and the keys `cmp_to_key` makes are immutable after construction: their state is a plain
//! Rust value behind `Payload::Native`, shared freely between threads; only a partial's `__dict__` (a dict
//! object, with its own lock) changes.
//!
//! `_lru_cache_wrapper` (what `functools.lru_cache` returns) keeps its results in a runtime dict, whose lookups
//! take no lock; a bounded cache also keeps its links in least-recently-used order in a list behind a mutex
//! that is held only to move a few indices, never while Python code runs (the user function, a key's
//! `__hash__`/`__eq__`, a finaliser), so a function recursing through its wrapper or threads sharing one
//! cannot deadlock. As with CPython's C wrapper, two threads missing the same key at once may both call the
//! function; the first result stored stays.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::descriptor::make_property;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::object::static_method;
use crate::builtins::{add_methods, dict, int, module, new_native_type, tuple, type_};
use crate::error::{attribute_error, overflow_error, type_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// reduce

fn reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("reduce() takes no keyword arguments"));
    }
    if args.len() < 2 {
        return Err(type_error(format!("reduce expected at least 2 arguments, got {}", args.len())));
    }
    if args.len() > 3 {
        return Err(type_error(format!("reduce expected at most 3 arguments, got {}", args.len())));
    }
    let func = &args[0];
    let it = ops::iter::iter(&args[1]).map_err(|e| {
        if e.matches(crate::builtins::exceptions::ExcKind::TypeError) {
            type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    let mut result = args.get(2).cloned();
    while let Some(x) = ops::iter::next(&it)? {
        result = Some(match result {
            None => x,
            Some(acc) => ops::call::call(func, &[acc, x], &[])?,
        });
    }
    result.ok_or_else(|| type_error("reduce() of empty iterable with no initial value"))
}

// ---------------------------------------------------------------------------------------------------------
// partial

/// A partial application: `func(*args, *call_args, **{**keywords, **call_keywords})`.
struct Partial {
    func: Value,
    /// A tuple.
    args: Value,
    /// A dict object.
    keywords: ObjRef,
}

struct Types {
    partial: ObjRef,
    key_wrapper: ObjRef,
    lru: ObjRef,
    lru_link: ObjRef,
}

fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        // NOTE: CPython lets Python classes derive from `partial`; crabby's native types are final for now.
        let partial = new_native_type("partial", "functools", false);
        add_methods(&partial, &[("__call__", partial_call), ("__repr__", partial_repr)]);
        let d = &type_::type_obj(&partial).dict;
        dict::set_str(d, "__new__", static_method(new_builtin("__new__", partial_new, Some(partial.clone()))));
        let readonly = new_builtin("__set__", readonly_attribute, None);
        for (name, get) in [("func", partial_func as NativeFn), ("args", partial_args), ("keywords", partial_keywords)]
        {
            let getter = new_builtin(name, get, None);
            dict::set_str(d, name, make_property(getter, readonly.clone(), Value::None, Value::None));
        }
        type_::type_obj(&partial).modified();

        let key_wrapper = new_native_type("KeyWrapper", "functools", false);
        add_methods(
            &key_wrapper,
            &[
                ("__call__", key_call),
                ("__lt__", key_lt),
                ("__le__", key_le),
                ("__eq__", key_eq),
                ("__ne__", key_ne),
                ("__gt__", key_gt),
                ("__ge__", key_ge),
            ],
        );
        let kd = &type_::type_obj(&key_wrapper).dict;
        dict::set_str(kd, "__hash__", Value::None);
        dict::set_str(kd, "obj", make_property(new_builtin("obj", key_obj, None), readonly, Value::None, Value::None));
        type_::type_obj(&key_wrapper).modified();
        let lru = make_lru_type();
        let lru_link = new_native_type("_lru_list_elem", "functools", false);
        Types { partial, key_wrapper, lru, lru_link }
    })
}

fn readonly_attribute(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(attribute_error("readonly attribute"))
}

fn partial_of(v: &Value) -> PyResult<&Partial> {
    v.payload().and_then(|p| p.native::<Partial>()).ok_or_else(|| {
        type_error(format!("descriptor requires a 'functools.partial' object but received a '{}'", v.type_name()))
    })
}

fn partial_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    let Some(first) = args.first() else {
        return Err(type_error("type 'partial' takes at least one argument"));
    };
    // A partial of a partial flattens into one unless the inner one has instance attributes.
    // NOTE: CPython flattens only while the inner partial's `__dict__` was never created; crabby always has
    // the dict, so it flattens when the dict is empty.
    let mut func = first.clone();
    let mut pargs: Vec<Value> = Vec::new();
    let mut pkw: Vec<(Value, Value)> = Vec::new();
    if let Some(inner) = first.payload().and_then(|p| p.native::<Partial>()) {
        let plain = first.as_obj().and_then(|o| o.dict()).is_none_or(|d| dict::len(d) == 0);
        if plain {
            func = inner.func.clone();
            pargs = inner.args.as_tuple().unwrap_or(&[]).to_vec();
            pkw = dict::items(&inner.keywords);
        }
    }
    if !crate::modules::builtins::is_callable(&func) {
        return Err(type_error("the first argument must be callable"));
    }
    pargs.extend_from_slice(&args[1..]);
    let keywords = dict::new_dict_obj();
    for (k, v) in pkw.into_iter().chain(kwargs.iter().cloned()) {
        dict::set(&keywords, k, v)?;
    }
    let state = Partial { func, args: tuple::new_tuple(pargs), keywords };
    let obj = ObjRef::with_dict(&types().partial, Payload::Native(NativeBox::new(state)), Some(dict::new_dict_obj()));
    Ok(Value::Obj(obj))
}

fn partial_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(type_error("descriptor '__call__' of 'functools.partial' object needs an argument"));
    };
    let p = partial_of(this)?;
    let mut all: Vec<Value> = p.args.as_tuple().unwrap_or(&[]).to_vec();
    all.extend_from_slice(&args[1..]);
    let mut kw = dict::items(&p.keywords);
    for (k, v) in kwargs {
        match kw.iter_mut().find(|(name, _)| name.as_str() == k.as_str()) {
            Some(slot) => slot.1 = v.clone(),
            None => kw.push((k.clone(), v.clone())),
        }
    }
    ops::call::call(&p.func, &all, &kw)
}

thread_local! {
    /// The partials whose repr is being computed on this thread (a recursive repr shows `...`).
    static REPRS: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn partial_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("partial.__repr__", args, kwargs).exact(1)?;
    let p = partial_of(&a[0])?;
    let addr = a[0].id() as usize;
    if REPRS.with(|r| r.borrow().contains(&addr)) {
        return Ok(Value::from("..."));
    }
    REPRS.with(|r| r.borrow_mut().push(addr));
    let text = (|| -> PyResult<String> {
        let mut out = format!("functools.partial({}", ops::format::repr(&p.func)?);
        for x in p.args.as_tuple().unwrap_or(&[]) {
            out.push_str(", ");
            out.push_str(&ops::format::repr(x)?);
        }
        for (k, v) in dict::items(&p.keywords) {
            out.push_str(&format!(", {}={}", ops::format::str_of(&k)?, ops::format::repr(&v)?));
        }
        out.push(')');
        Ok(out)
    })();
    REPRS.with(|r| r.borrow_mut().retain(|x| *x != addr));
    Ok(Value::from(text?))
}

fn partial_func(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(partial_of(&args[0])?.func.clone())
}

fn partial_args(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(partial_of(&args[0])?.args.clone())
}

fn partial_keywords(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Obj(partial_of(&args[0])?.keywords.clone()))
}

// ---------------------------------------------------------------------------------------------------------
// cmp_to_key

/// A key made by `cmp_to_key(mycmp)`: without an object it is the key function; called with an object it
/// makes the key that compares through `mycmp`.
struct Key {
    cmp: Value,
    obj: Option<Value>,
}

fn key_of(v: &Value) -> Option<&Key> {
    v.payload().and_then(|p| p.native::<Key>())
}

fn new_key(cmp: Value, obj: Option<Value>) -> Value {
    Value::Obj(ObjRef::new(&types().key_wrapper, Payload::Native(NativeBox::new(Key { cmp, obj }))))
}

fn cmp_to_key(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = int::clinic("cmp_to_key", args, kwargs, &["mycmp"], 1, 1)?;
    Ok(new_key(a[0].clone().expect("required"), None))
}

fn key_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(k) = args.first().and_then(key_of) else {
        return Err(type_error("descriptor '__call__' requires a 'functools.KeyWrapper' object"));
    };
    let a = int::clinic("K", &args[1..], kwargs, &["obj"], 1, 1)?;
    Ok(new_key(k.cmp.clone(), a[0].clone()))
}

fn key_obj(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(key_of(&args[0]).and_then(|k| k.obj.clone()).unwrap_or(Value::None))
}

/// `mycmp(self.obj, other.obj) <op> 0`.
fn key_compare(args: &[Value], kwargs: &[(Value, Value)], op: ops::compare::CmpOp) -> PyResult<Value> {
    let a = Args::new("KeyWrapper.__cmp__", args, kwargs).exact(2)?;
    let (Some(x), Some(y)) = (key_of(&a[0]), key_of(&a[1])) else {
        return Err(type_error("other argument must be K instance"));
    };
    let (Some(xo), Some(yo)) = (&x.obj, &y.obj) else {
        return Err(PyErr::new(crate::builtins::exceptions::ExcKind::AttributeError, "object"));
    };
    let res = ops::call::call(&x.cmp, &[xo.clone(), yo.clone()], &[])?;
    ops::compare::richcmp(&res, &Value::Int(0), op)
}

macro_rules! key_cmps {
    ($($f:ident => $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            key_compare(args, kwargs, ops::compare::CmpOp::$op)
        }
    )*};
}

key_cmps! {
    key_lt => Lt;
    key_le => Le;
    key_eq => Eq;
    key_ne => Ne;
    key_gt => Gt;
    key_ge => Ge;
}

// ---------------------------------------------------------------------------------------------------------
// lru_cache

/// How many results a wrapper keeps (`maxsize`).
#[derive(Clone, Copy, PartialEq)]
enum Limit {
    /// `maxsize=0` (or negative): every call is a miss and nothing is stored.
    Uncached,
    /// `maxsize=None`: the cache dict maps keys straight to results.
    Unbounded,
    /// `maxsize=n`: the cache dict maps keys to links, kept in least-recently-used order in `Lru`.
    Bounded(usize),
}

/// The state of a `_lru_cache_wrapper`. The cache is a runtime dict (its lookups take no lock and it runs key
/// `__eq__` unlocked); the recency order of a bounded cache is a list behind a mutex that is held only for a
/// few pointer moves, never while Python code (the user function, a key's `__hash__`/`__eq__`, a `__del__`)
/// runs, so recursive calls and threads cannot deadlock on it.
pub struct LruCache {
    func: Value,
    limit: Limit,
    typed: bool,
    cache_info_type: Value,
    /// A dict object: key -> result (unbounded) or key -> link (bounded).
    cache: ObjRef,
    // Relaxed counters: they order nothing else, and `cache_info()` reads each on its own as CPython does.
    hits: AtomicU64,
    misses: AtomicU64,
    lru: Mutex<Lru>,
}

/// A bounded cache's entry: the cache dict's value for its key, and a node of the recency list.
struct Link {
    key: Value,
    hash: i64,
    result: Value,
    /// The node index in the owning wrapper's `Lru`, or `NO_SLOT` once evicted or cleared. Read and written only
    /// while that wrapper's `lru` mutex is held, which orders the accesses (hence Relaxed).
    slot: AtomicU32,
}

const NO_SLOT: u32 = u32::MAX;

/// One node of the recency list; node 0 is the sentinel (its `next` is the least recently used link).
struct Node {
    prev: u32,
    next: u32,
    link: Option<Value>,
}

/// The recency list of a bounded cache: a doubly linked ring of nodes in a vector, free nodes reused.
struct Lru {
    nodes: Vec<Node>,
    free: Vec<u32>,
    len: usize,
}

impl Lru {
    fn new() -> Lru {
        Lru { nodes: vec![Node { prev: 0, next: 0, link: None }], free: Vec::new(), len: 0 }
    }

    fn unlink(&mut self, i: u32) {
        let (p, n) = (self.nodes[i as usize].prev, self.nodes[i as usize].next);
        self.nodes[p as usize].next = n;
        self.nodes[n as usize].prev = p;
    }

    /// Links node `i` as the most recently used (just before the sentinel).
    fn link_last(&mut self, i: u32) {
        let last = self.nodes[0].prev;
        self.nodes[i as usize].prev = last;
        self.nodes[i as usize].next = 0;
        self.nodes[last as usize].next = i;
        self.nodes[0].prev = i;
    }

    /// Links node `i` as the least recently used (just after the sentinel).
    fn link_first(&mut self, i: u32) {
        let first = self.nodes[0].next;
        self.nodes[i as usize].prev = 0;
        self.nodes[i as usize].next = first;
        self.nodes[first as usize].prev = i;
        self.nodes[0].next = i;
    }

    fn touch(&mut self, i: u32) {
        if self.nodes[0].prev != i {
            self.unlink(i);
            self.link_last(i);
        }
    }

    /// Adds `link` as the most recently used, or as the least recently used when `oldest`.
    fn push(&mut self, link: Value, oldest: bool) {
        let i = match self.free.pop() {
            Some(i) => i,
            None => {
                self.nodes.push(Node { prev: 0, next: 0, link: None });
                (self.nodes.len() - 1) as u32
            }
        };
        link_of(&link).slot.store(i, Ordering::Relaxed);
        self.nodes[i as usize].link = Some(link);
        if oldest {
            self.link_first(i);
        } else {
            self.link_last(i);
        }
        self.len += 1;
    }

    /// Removes the least recently used link.
    fn pop_oldest(&mut self) -> Option<Value> {
        let i = self.nodes[0].next;
        if i == 0 {
            return None;
        }
        self.unlink(i);
        self.free.push(i);
        self.len -= 1;
        let link = self.nodes[i as usize].link.take()?;
        link_of(&link).slot.store(NO_SLOT, Ordering::Relaxed);
        Some(link)
    }

    /// Empties the list, returning the links for the caller to drop once the mutex is released.
    fn take_all(&mut self) -> Vec<Node> {
        for n in &self.nodes {
            if let Some(l) = &n.link {
                link_of(l).slot.store(NO_SLOT, Ordering::Relaxed);
            }
        }
        std::mem::replace(self, Lru::new()).nodes
    }
}

/// The state of an lru_cache wrapper, for `ops::call`'s direct call.
#[inline]
pub fn lru_state(n: &NativeBox) -> Option<&LruCache> {
    n.get::<LruCache>()
}

fn link_of(v: &Value) -> &Link {
    v.payload().and_then(|p| p.native::<Link>()).expect("an lru_cache link")
}

fn lru_of(v: &Value) -> PyResult<&LruCache> {
    v.payload().and_then(|p| p.native::<LruCache>()).ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'functools._lru_cache_wrapper' object but received a '{}'",
            v.type_name()
        ))
    })
}

/// The separator between positional and keyword arguments in keys (CPython's `kwd_mark`): an object equal
/// only to itself.
fn kwd_mark() -> &'static Value {
    static MARK: OnceLock<Value> = OnceLock::new();
    MARK.get_or_init(|| {
        let obj = ObjRef::new(&crate::builtins::types().object, Payload::Singleton).make_immortal();
        Value::Obj(obj)
    })
}

/// Whether `v` is an exact int or str, which `_make_key` lets stand for itself as a one-argument key.
#[inline]
fn is_fast_key(v: &Value) -> bool {
    match v {
        Value::Int(_) => true,
        Value::Obj(o) => {
            let t = crate::builtins::types();
            match &o.payload {
                Payload::Str(_) => o.ty().ptr_eq(&t.str),
                Payload::Int(_) => o.ty().ptr_eq(&t.int),
                _ => false,
            }
        }
        _ => false,
    }
}

impl LruCache {
    /// The cache key of a call, as `functools._make_key` builds it.
    fn make_key(&self, args: &[Value], kwargs: &[(Value, Value)]) -> Value {
        if !self.typed && kwargs.is_empty() {
            if args.len() == 1 && is_fast_key(&args[0]) {
                return args[0].clone();
            }
            return tuple::new_tuple_from(args);
        }
        let mut key = Vec::with_capacity(
            args.len()
                + if kwargs.is_empty() { 0 } else { 2 * kwargs.len() + 1 }
                + if self.typed { args.len() + kwargs.len() } else { 0 },
        );
        key.extend_from_slice(args);
        if !kwargs.is_empty() {
            key.push(kwd_mark().clone());
            for (k, v) in kwargs {
                key.push(k.clone());
                key.push(v.clone());
            }
        }
        if self.typed {
            key.extend(args.iter().map(|a| Value::Obj(a.ty().clone())));
            key.extend(kwargs.iter().map(|(_, v)| Value::Obj(v.ty().clone())));
        }
        tuple::new_tuple(key)
    }

    /// Calls the wrapper: `wrapper(*args, **kwargs)`.
    pub fn call(&self, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
        match self.limit {
            Limit::Uncached => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                ops::call::call(&self.func, args, kwargs)
            }
            Limit::Unbounded => {
                let key = self.make_key(args, kwargs);
                let hash = ops::hash::hash(&key)?;
                if let Some(result) = dict::get_hashed(&self.cache, &key, hash)? {
                    self.hits.fetch_add(1, Ordering::Relaxed);
                    return Ok(result);
                }
                self.misses.fetch_add(1, Ordering::Relaxed);
                let result = ops::call::call(&self.func, args, kwargs)?;
                dict::set_hashed(&self.cache, key, hash, result.clone())?;
                Ok(result)
            }
            Limit::Bounded(maxsize) => self.call_bounded(maxsize, args, kwargs),
        }
    }

    fn call_bounded(&self, maxsize: usize, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
        let key = self.make_key(args, kwargs);
        let hash = ops::hash::hash(&key)?;
        if let Some(link) = dict::get_hashed(&self.cache, &key, hash)? {
            let l = link_of(&link);
            {
                let mut lru = self.lru.lock();
                // A link evicted or cleared since the lookup still answers this call, but stays out of the list.
                let slot = l.slot.load(Ordering::Relaxed);
                if slot != NO_SLOT {
                    lru.touch(slot);
                }
            }
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(l.result.clone());
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let result = ops::call::call(&self.func, args, kwargs)?;
        let link = Value::Obj(ObjRef::new(
            &types().lru_link,
            Payload::Native(NativeBox::new(Link {
                key: key.clone(),
                hash,
                result: result.clone(),
                slot: AtomicU32::new(NO_SLOT),
            })),
        ));
        // The call (recursion, or another thread) may have cached this key meanwhile: that entry stays, as in
        // CPython, and this result is only returned.
        if !dict::setdefault_hashed(&self.cache, key, hash, link.clone())?.is(&link) {
            return Ok(result);
        }
        let mut evicted = Vec::new();
        {
            let mut lru = self.lru.lock();
            lru.push(link, false);
            while lru.len > maxsize {
                match lru.pop_oldest() {
                    Some(old) => evicted.push(old),
                    None => break,
                }
            }
        }
        // The evicted keys leave the dict after the mutex is released (removing one may run its `__eq__`), and
        // only if their own link is still the entry: a clear or another thread may have replaced it.
        for (n, old) in evicted.iter().enumerate() {
            let ol = link_of(old);
            if let Err(e) = dict::remove_hashed_if(&self.cache, &ol.key, ol.hash, |v| v.is(old)) {
                // As CPython does, the links not yet removed go back as the oldest, and the error propagates.
                let mut lru = self.lru.lock();
                for back in evicted[n..].iter().rev() {
                    lru.push(back.clone(), true);
                }
                return Err(e);
            }
        }
        drop(evicted);
        Ok(result)
    }
}

fn lru_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("lru_cache", args.get(1..).unwrap_or(&[]), kwargs)
        .bind(&["user_function", "maxsize", "typed", "cache_info_type"], 4)?;
    let [Some(func), Some(maxsize), Some(typed), Some(cache_info_type)] =
        <[Option<Value>; 4]>::try_from(a).map_err(|_| type_error("lru_cache() takes 4 arguments"))?
    else {
        return Err(type_error("lru_cache() takes 4 arguments"));
    };
    let typed = ops::truthy(&typed)?;
    if !crate::modules::builtins::is_callable(&func) {
        return Err(type_error("the first argument must be callable"));
    }
    let limit = if maxsize.is_none() {
        Limit::Unbounded
    } else if int::is_int(&maxsize) {
        let n = int::as_i64(&maxsize).ok_or_else(|| {
            overflow_error(format!("cannot fit '{}' into an index-sized integer", maxsize.type_name()))
        })?;
        if n <= 0 {
            Limit::Uncached
        } else {
            Limit::Bounded(n as usize)
        }
    } else {
        return Err(type_error("maxsize should be integer or None"));
    };
    let state = LruCache {
        func,
        limit,
        typed,
        cache_info_type,
        cache: dict::new_dict_obj(),
        hits: AtomicU64::new(0),
        misses: AtomicU64::new(0),
        lru: Mutex::new(Lru::new()),
    };
    let obj = ObjRef::with_dict(&types().lru, Payload::Native(NativeBox::new(state)), Some(dict::new_dict_obj()));
    Ok(Value::Obj(obj))
}

fn lru_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(type_error("descriptor '__call__' of 'functools._lru_cache_wrapper' object needs an argument"));
    };
    lru_of(this)?.call(&args[1..], kwargs)
}

/// Binds like a function: `instance.method` is a bound method of the wrapper.
fn lru_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__get__", args, kwargs).between(2, 3)?;
    let owner = a.get(2).cloned().unwrap_or(Value::None);
    if a[1].is_none() {
        if owner.is_none() {
            return Err(type_error("__get__(None, None) is invalid"));
        }
        return Ok(a[0].clone());
    }
    Ok(crate::builtins::function::new_bound_method(a[0].clone(), a[1].clone()))
}

fn lru_cache_info(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_lru_cache_wrapper.cache_info", args, kwargs).exact(1)?;
    let c = lru_of(&a[0])?;
    let maxsize = match c.limit {
        Limit::Uncached => Value::Int(0),
        Limit::Unbounded => Value::None,
        Limit::Bounded(n) => Value::Int(n as i64),
    };
    let fields = [
        Value::Int(c.hits.load(Ordering::Relaxed) as i64),
        Value::Int(c.misses.load(Ordering::Relaxed) as i64),
        maxsize,
        Value::Int(dict::len(&c.cache) as i64),
    ];
    ops::call::call(&c.cache_info_type, &fields, &[])
}

fn lru_cache_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_lru_cache_wrapper.cache_clear", args, kwargs).exact(1)?;
    let c = lru_of(&a[0])?;
    let old = c.lru.lock().take_all();
    c.hits.store(0, Ordering::Relaxed);
    c.misses.store(0, Ordering::Relaxed);
    dict::clear(&c.cache);
    drop(old);
    Ok(Value::None)
}

/// Pickled by qualified name, as functions are.
fn lru_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_lru_cache_wrapper.__reduce__", args, kwargs).exact(1)?;
    ops::attr::getattr(&a[0], &Value::from("__qualname__"))
}

/// `__copy__` and `__deepcopy__`: the wrapper itself (CPython's accept any positional arguments).
fn lru_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_lru_cache_wrapper.__copy__", args, kwargs).no_kwargs()?;
    Ok(args[0].clone())
}

fn lru_deepcopy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_lru_cache_wrapper.__deepcopy__", args, kwargs).no_kwargs()?;
    Ok(args[0].clone())
}

const LRU_DOC: &str = "Create a cached callable that wraps another function.

user_function:      the function being cached

maxsize:  0         for no caching
          None      for unlimited cache size
          n         for a bounded cache

typed:    False     cache f(3) and f(3.0) as identical calls
          True      cache f(3) and f(3.0) as distinct calls

cache_info_type:    namedtuple class with the fields:
                        hits misses currsize maxsize
";

/// The `_lru_cache_wrapper` type: not subclassable, instances with a `__dict__` and weak references.
fn make_lru_type() -> ObjRef {
    let t = crate::builtins::types();
    let mut tobj =
        type_::TypeObj::new("_lru_cache_wrapper", type_::Layout::Other, dict::new_dict_obj(), vec![t.object.clone()]);
    tobj.basetype = false;
    tobj.native_slots = true;
    tobj.instance_dict = true;
    tobj.weakref = true;
    tobj.tp_name = Some("functools._lru_cache_wrapper".to_string());
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_::type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    let d = &type_::type_obj(&ty).dict;
    dict::set_str(d, "__module__", Value::from("functools"));
    dict::set_str(d, "__doc__", Value::from(LRU_DOC));
    add_methods(
        &ty,
        &[
            ("__call__", lru_call),
            ("__get__", lru_get),
            ("cache_info", lru_cache_info),
            ("cache_clear", lru_cache_clear),
            ("__reduce__", lru_reduce),
            ("__copy__", lru_copy),
            ("__deepcopy__", lru_deepcopy),
        ],
    );
    dict::set_str(d, "__new__", static_method(new_builtin("__new__", lru_new, Some(ty.clone()))));
    type_::type_obj(&ty).modified();
    ty
}

// ---------------------------------------------------------------------------------------------------------
// The module.

static FUNCTOOLS: OnceLock<ObjRef> = OnceLock::new();

/// The `_functools` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(FUNCTOOLS
        .get_or_init(|| {
            let m = module::new_module("_functools").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "reduce", new_builtin("reduce", reduce, None));
            dict::set_str(d, "cmp_to_key", new_builtin("cmp_to_key", cmp_to_key, None));
            dict::set_str(d, "partial", Value::Obj(types().partial.clone()));
            dict::set_str(d, "_lru_cache_wrapper", Value::Obj(types().lru.clone()));
            m
        })
        .clone())
}
