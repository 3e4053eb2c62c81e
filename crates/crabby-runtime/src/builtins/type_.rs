//! `type`: type objects, their method resolution order, the cached lookup along it, and class creation as
//! CPython does it (`type.__new__` with metaclass selection, `__slots__`, `__set_name__`, `__init_subclass__`;
//! `type.__call__` running `__new__` then `__init__`).
//!
//! Built-in types are created once at start-up and are immortal. User classes are type objects too, made by
//! `type.__new__`; they are immortal as well (a deliberate difference from CPython that keeps type pointers
//! count-free). Every type carries a version tag and a per-type cache of MRO lookups: any change to a type's
//! namespace or bases bumps the version and clears the caches of the type and of all its subclasses.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicU8, AtomicUsize, Ordering};

use parking_lot::RwLock;

use crate::builtins::descriptor::{self, DescriptorObj};
use crate::builtins::{dict, str::new_str, tuple, types};
use crate::error::{attribute_error, type_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// Which payload the instances of a type (and of its subclasses) carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Object,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    /// Types that Python code cannot instantiate directly or subclass (functions, iterators, ...).
    Other,
}

/// A fast hasher for the lookup caches: attribute names are short and not attacker-chosen keys of a
/// long-lived table (the cache is bounded and cleared when it grows).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Name to (type version it was computed at, result).
type LookupCache = HashMap<Box<str>, (u64, Option<Value>), BuildHasherDefault<FxHasher>>;

/// Entries beyond which a type's cache is emptied (names looked up with `getattr(obj, computed_name)`
/// must not grow it without bound).
const CACHE_LIMIT: usize = 4096;

pub struct TypeObj {
    pub name: RwLock<String>,
    pub qualname: RwLock<String>,
    pub bases: RwLock<Vec<ObjRef>>,
    /// `__base__`: the base whose instance layout this class extends (CPython's `best_base`); `None` for
    /// built-in types, whose `__base__` is their first base.
    pub base: RwLock<Option<ObjRef>>,
    pub mro: RwLock<Vec<ObjRef>>,
    /// The type's namespace: a dict object. Code that writes it directly must call [`TypeObj::modified`].
    pub dict: ObjRef,
    pub layout: Layout,
    /// A class made by a `class` statement or `type(...)`.
    pub heap: bool,
    /// A native module's type (`collections.deque`) whose special methods are native functions that generic
    /// operations must find and call, as they call a class's Python methods. The core built-in types leave it
    /// unset: their payload fast paths stand for their methods, so they pay nothing for the lookups.
    pub native_slots: bool,
    /// CPython's `tp_name` when it differs from `__name__`: a native module's type is named with its module
    /// (`collections.deque`) in most error messages, while `__name__` stays `deque`.
    pub tp_name: Option<String>,
    /// [`Patma`] flags: how `match` treats instances (CPython's `Py_TPFLAGS_SEQUENCE`, `Py_TPFLAGS_MAPPING`
    /// and `_Py_TPFLAGS_MATCH_SELF`). Set once while the type is made, before it is shared.
    pub patma: AtomicU8,
    /// May be subclassed.
    pub basetype: bool,
    /// Instances carry a `__dict__`.
    pub instance_dict: bool,
    /// Instances keep their `__slots__` values in `Object::dict`, a dict keyed by (mangled) slot name; their
    /// `__dict__`, when the class has one too, is the entry `"__dict__"` of that storage.
    pub slot_storage: bool,
    /// Instances keep their `__slots__` values in a fixed array in their `Payload::Instance`
    /// (`instance::InstAttrs::slots`), `nslots` long: user classes of layout `object` that declare slots or
    /// derive from one that does. Each member descriptor knows its index (the base's slots come first, so
    /// an index holds in every subclass); a `__dict__`, if the class has one, is the plain `Object::dict`.
    pub slot_array: bool,
    /// Length of the slot array of instances (when `slot_array`): the slots of this class and its bases.
    pub nslots: u32,
    /// The slots this class itself declares (mangled, sorted), `__dict__` and `__weakref__` excluded.
    pub slots: Vec<String>,
    /// Instances support weak references (a `__weakref__` attribute).
    pub weakref: bool,
    /// Changes whenever the type or one of its bases changes, so call sites can cache lookups.
    pub version: AtomicU64,
    /// Changes with `version` and also when a plain class value is rebound to another plain value
    /// ([`TypeObj::rebound`]): what caches a value found on the type (the lookup caches, the attribute sites
    /// that hold a class value) checks this one; what caches only how a name resolves checks `version`.
    pub values: AtomicU64,
    /// Direct subclasses, in creation order (classes are immortal, so these references never dangle).
    pub subclasses: RwLock<Vec<ObjRef>>,
    cache: RwLock<LookupCache>,
    /// The special methods binary operators call on instances (see [`op_method`]).
    op_cache: OpCache,
    /// The lock-free first level of the lookup cache (see [`FastCache`]).
    fast: FastCache,
    /// [`TypeFlags`] in the top byte, valid while the low 56 bits equal `version`.
    flags: AtomicU64,
    /// The attribute names of instances that keep their attributes inline (`builtins::instance`).
    pub attr_layout: crate::builtins::instance::AttrLayout,
}

/// Facts about a type's special methods that the attribute hot paths test on every access, cached per
/// version (see [`type_flags`]).
pub struct TypeFlags;

impl TypeFlags {
    /// `__getattribute__` is not `object.__getattribute__` (or, on metaclasses, `type.__getattribute__`).
    pub const CUSTOM_GETATTRIBUTE: u8 = 1;
    /// A `__getattr__` fallback exists.
    pub const GETATTR: u8 = 2;
    /// `__setattr__` is not the default one.
    pub const CUSTOM_SETATTR: u8 = 4;
    /// `__delattr__` is not the default one.
    pub const CUSTOM_DELATTR: u8 = 8;
    /// The class's own namespace holds `__abstractmethods__` (what `abc` stores): `object.__new__` must check
    /// it (CPython's `Py_TPFLAGS_IS_ABSTRACT`, which is set when that attribute is assigned).
    pub const MAYBE_ABSTRACT: u8 = 16;
    /// `__new__` is `object.__new__`: calling the class makes a plain instance and needs no `__new__` lookup
    /// or call (see [`call_type_owned`]).
    pub const OBJECT_NEW: u8 = 32;
    /// Attributes are read with the default `__getattribute__` and `__class__` is `object`'s data descriptor,
    /// so `v.__class__` is `type(v)` for every instance (see `plain_class_attr`).
    pub const PLAIN_CLASS: u8 = 64;
}

/// Structural pattern matching flags of a type (see [`TypeObj::patma`]).
pub struct Patma;

impl Patma {
    /// Sequence patterns match instances (`list`, `tuple`, `range`, `memoryview`, `collections.deque`,
    /// classes inheriting `collections.abc.Sequence`).
    pub const SEQUENCE: u8 = 1;
    /// Mapping patterns match instances (`dict`, `mappingproxy`, `collections.abc.Mapping` classes).
    pub const MAPPING: u8 = 2;
    /// A class pattern's single positional sub-pattern matches the subject itself (`int(x)`, `str(s)`).
    pub const MATCH_SELF: u8 = 4;
}

/// The [`Patma`] flags of `ty`.
#[inline]
pub fn patma(ty: &ObjRef) -> u8 {
    // Relaxed: the flags are written before the type is published to other threads.
    type_obj(ty).patma.load(Ordering::Relaxed)
}

/// Sets `ty`'s [`Patma`] flags (while it is being made).
pub fn set_patma(ty: &ObjRef, flags: u8) {
    // Relaxed: see `patma`.
    type_obj(ty).patma.store(flags, Ordering::Relaxed);
}

const FLAGS_SHIFT: u32 = 56;
const VERSION_MASK: u64 = (1 << FLAGS_SHIFT) - 1;

/// The [`TypeFlags`] of `ty`, computed once per version of the type.
#[inline]
pub fn type_flags(ty: &ObjRef) -> u8 {
    let t = type_obj(ty);
    let version = t.version.load(Ordering::Acquire);
    let f = t.flags.load(Ordering::Acquire);
    if f & VERSION_MASK == version & VERSION_MASK {
        return (f >> FLAGS_SHIFT) as u8;
    }
    compute_flags(ty, version)
}

#[cold]
fn compute_flags(ty: &ObjRef, version: u64) -> u8 {
    let t = types();
    let default_owner = if is_subtype(ty, &t.type_) { &t.type_ } else { &t.object };
    let custom = |name: &str| lookup(ty, name).is_some_and(|f| !native_is(&f, default_owner, name));
    let mut flags = 0;
    if custom("__getattribute__") {
        flags |= TypeFlags::CUSTOM_GETATTRIBUTE;
    }
    if lookup(ty, "__getattr__").is_some() {
        flags |= TypeFlags::GETATTR;
    }
    if custom("__setattr__") {
        flags |= TypeFlags::CUSTOM_SETATTR;
    }
    if custom("__delattr__") {
        flags |= TypeFlags::CUSTOM_DELATTR;
    }
    if type_obj(ty).heap && dict::get_str(&type_obj(ty).dict, "__abstractmethods__").is_some() {
        flags |= TypeFlags::MAYBE_ABSTRACT;
    }
    if lookup(ty, "__new__").is_some_and(|n| native_is(&n, &t.object, "__new__")) {
        flags |= TypeFlags::OBJECT_NEW;
    }
    if flags & TypeFlags::CUSTOM_GETATTRIBUTE == 0
        && matches!(
            lookup(ty, "__class__").as_ref().and_then(|d| d.payload()),
            Some(Payload::Descriptor(DescriptorObj::GetSet { name: "__class__", owner })) if owner.ptr_eq(&t.object)
        )
    {
        flags |= TypeFlags::PLAIN_CLASS;
    }
    // A concurrent change bumps the version after writing the namespace, so flags stored with an old
    // version are simply recomputed next time.
    type_obj(ty).flags.store(((flags as u64) << FLAGS_SHIFT) | (version & VERSION_MASK), Ordering::Release);
    flags
}

impl TypeObj {
    pub fn new(name: &str, layout: Layout, dict: ObjRef, bases: Vec<ObjRef>) -> TypeObj {
        TypeObj {
            name: RwLock::new(name.to_string()),
            qualname: RwLock::new(name.to_string()),
            bases: RwLock::new(bases),
            base: RwLock::new(None),
            mro: RwLock::new(Vec::new()),
            dict,
            layout,
            heap: false,
            native_slots: false,
            tp_name: None,
            patma: AtomicU8::new(0),
            basetype: true,
            instance_dict: false,
            slot_storage: false,
            slot_array: false,
            nslots: 0,
            op_cache: OpCache::new(),
            slots: Vec::new(),
            weakref: false,
            version: AtomicU64::new(1),
            values: AtomicU64::new(1),
            subclasses: RwLock::new(Vec::new()),
            cache: RwLock::new(LookupCache::default()),
            fast: FastCache::new(),
            // Version 0 never occurs, so the flags start out stale.
            flags: AtomicU64::new(0),
            attr_layout: Default::default(),
        }
    }

    /// Records a change to the type's namespace or bases: bumps the version and empties the lookup caches
    /// of the type and of every subclass (the namespace must already hold the new value).
    pub fn modified(&self) {
        // AcqRel/Acquire pair with the check in `lookup`: a lookup that walked the MRO before this change
        // sees the new version and does not cache its (possibly stale) result.
        self.version.fetch_add(1, Ordering::AcqRel);
        self.values.fetch_add(1, Ordering::AcqRel);
        self.cache.write().clear();
        let subs = self.subclasses.read().clone();
        for s in &subs {
            type_obj(s).modified();
        }
    }

    /// Records that a name of the type's namespace that held a plain value (no descriptor) now holds another
    /// plain value: how every name resolves on the type and its subclasses is unchanged, only what one name
    /// yields, so only the caches of values miss. `Counter.count += 1` in `__init__` (a common idiom) would
    /// otherwise throw away every attribute site cache of the class and its subclasses at each instance.
    pub fn rebound(&self) {
        // AcqRel: as in `modified`, pairing with the Acquire loads of `values` in `lookup` and the sites.
        self.values.fetch_add(1, Ordering::AcqRel);
        let subs = self.subclasses.read().clone();
        for s in &subs {
            type_obj(s).rebound();
        }
    }
}

/// The `TypeObj` of a type object. Panics only on a runtime bug (a non-type used as a type).
#[inline]
pub fn type_obj(ty: &ObjRef) -> &TypeObj {
    match &ty.payload {
        Payload::Type(t) => t,
        _ => unreachable!("object used as a type is not a type"),
    }
}

/// The type's `tp_name`, as CPython's messages name it: `collections.deque` for a native module's type,
/// `__name__` for the others (see [`short_name`]).
pub fn type_name(ty: &ObjRef) -> String {
    let t = type_obj(ty);
    match &t.tp_name {
        Some(n) => n.clone(),
        None => t.name.read().clone(),
    }
}

/// The type's `__name__` (CPython's `_PyType_Name`): what reprs such as `deque([1])` and `count(5)` print.
pub fn short_name(ty: &ObjRef) -> String {
    type_obj(ty).name.read().clone()
}

/// Whether generic operations look for special methods on `ty`: user classes and native module types.
#[inline]
pub fn dispatches(ty: &ObjRef) -> bool {
    let t = type_obj(ty);
    t.heap || t.native_slots
}

/// Whether a special method found on a type is one generic operations must call: Python code, or a
/// native module type's own method. The core built-in types' methods are skipped: the operations' payload
/// fast paths implement them.
pub fn is_special_impl(f: &Value) -> bool {
    match f.payload() {
        Some(Payload::BuiltinFunction(b)) => b.owner.as_ref().is_some_and(|o| type_obj(o).native_slots),
        _ => true,
    }
}

/// The special method `name` of `v`'s type when generic operations must call it (see [`is_special_impl`]).
#[inline]
pub fn special_method(v: &Value, name: &str) -> Option<Value> {
    let ty = v.ty();
    if !dispatches(ty) {
        return None;
    }
    lookup(ty, name).filter(is_special_impl)
}

/// Per-type cache of the operators' special methods (`__add__`, `__radd__`, ..., `__eq__`, ...), indexed by a
/// number the caller gives each name (`ops::number` numbers them): each entry holds the version it was
/// computed at and the method (the address of an immortal function: class namespaces make theirs immortal)
/// or `OP_ABSENT`. A seqlock over the whole cache keeps each entry's two words consistent; a writer that
/// loses the race does not cache. Setting `C.__add__` (or a base's) bumps the version, so stale entries miss.
pub struct OpCache {
    seq: AtomicU32,
    entries: [OpEntry; OP_SLOTS],
}

struct OpEntry {
    version: AtomicU64,
    /// 0: nothing cached; `OP_ABSENT`: no method; else the immortal method's address.
    found: AtomicUsize,
}

/// Names an [`OpCache`] holds: the 13 binary operators' methods and their reflected forms, then the six
/// rich comparisons.
pub const OP_SLOTS: usize = OP_BINARY_SLOTS + 6;
/// The first slot of the rich comparisons in an [`OpCache`].
pub const OP_BINARY_SLOTS: usize = 26;
const OP_ABSENT: usize = 1;

impl OpCache {
    fn new() -> OpCache {
        OpCache {
            seq: AtomicU32::new(0),
            entries: std::array::from_fn(|_| OpEntry { version: AtomicU64::new(0), found: AtomicUsize::new(0) }),
        }
    }
}

/// [`special_method`] of a type for the binary-operator method `name`, numbered `slot` (< `OP_SLOTS`) by the
/// caller, through the type's [`OpCache`]: a hit is a few loads and no lookup.
#[inline]
pub fn op_method(ty: &ObjRef, slot: usize, name: &str) -> Option<Value> {
    let t = type_obj(ty);
    if !(t.heap || t.native_slots) {
        return None;
    }
    // Acquire: pairs with the version bump in `TypeObj::modified`, made after the namespace changed.
    let version = t.version.load(Ordering::Acquire);
    let c = &t.op_cache;
    let e = &c.entries[slot];
    // Acquire, and the fence below: the seqlock read protocol.
    let s = c.seq.load(Ordering::Acquire);
    let v = e.version.load(Ordering::Relaxed);
    let f = e.found.load(Ordering::Relaxed);
    std::sync::atomic::fence(Ordering::Acquire);
    if s & 1 == 0 && f != 0 && v == version && c.seq.load(Ordering::Relaxed) == s {
        if f == OP_ABSENT {
            return None;
        }
        // SAFETY: only addresses of immortal objects are cached (`op_method_fill`).
        return Some(Value::Obj(unsafe { ObjRef::from_immortal_addr(f) }));
    }
    op_method_fill(ty, slot, name, version)
}

#[cold]
fn op_method_fill(ty: &ObjRef, slot: usize, name: &str, version: u64) -> Option<Value> {
    let found = lookup(ty, name).filter(is_special_impl);
    let addr = match &found {
        None => OP_ABSENT,
        Some(Value::Obj(o)) if o.is_immortal() => o.addr(),
        _ => return found,
    };
    if !crate::builtins::initialised() {
        return found;
    }
    let c = &type_obj(ty).op_cache;
    // Relaxed: the compare-and-swap decides.
    let s = c.seq.load(Ordering::Relaxed);
    // Acquire: the previous writer's stores are ordered before this one's.
    if s & 1 == 0 && c.seq.compare_exchange(s, s + 1, Ordering::Acquire, Ordering::Relaxed).is_ok() {
        // Release fence: the odd sequence number is ordered before the entry's stores (seqlock writer).
        std::sync::atomic::fence(Ordering::Release);
        let e = &c.entries[slot];
        // Relaxed: published by the Release store of the even sequence number. `version` was read before the
        // lookup, so an entry computed across a change carries the old version and misses.
        e.version.store(version, Ordering::Relaxed);
        e.found.store(addr, Ordering::Relaxed);
        c.seq.store(s + 2, Ordering::Release);
    }
    found
}

/// Whether `a` is `b` or a subclass of it.
pub fn is_subtype(a: &ObjRef, b: &ObjRef) -> bool {
    if a.ptr_eq(b) {
        return true;
    }
    // Without the read lock while one Python thread runs: its two atomic operations were most of an
    // `isinstance` that fails (`isinstance(value, str)` for an int).
    crate::qsbr::read(&type_obj(a).mro, |mro| mro.iter().any(|t| t.ptr_eq(b)))
}

/// Names up to this many bytes are cached in a type's [`FastCache`].
const FAST_NAME: usize = 32;
const FAST_SLOTS: usize = 64;

/// One entry of a [`FastCache`]: a seqlock over the name (inline, zero-padded), the type's `values` version
/// it was computed at, and the result as two words ([`encode_found`]): an inline value or the address of an
/// immortal object, which a reader copies without touching a reference count and which is never freed.
struct FastEntry {
    seq: AtomicU32,
    version: AtomicU64,
    len: AtomicUsize,
    words: [AtomicU64; FAST_NAME / 8],
    tag: AtomicU64,
    bits: AtomicU64,
}

/// A lookup result that [`fast_cacheable`] accepted, as (tag, bits) words for a [`FastEntry`]: a found value
/// packed as global sites pack theirs (an immortal object by address), tag 0 for "not found".
fn encode_found(v: &Option<Value>) -> (u64, u64) {
    v.as_ref().map_or((0, 0), crate::ops::global_site::encode)
}

/// The lookup result [`encode_found`] stored.
#[inline]
fn decode_found(tag: u64, bits: u64) -> Option<Value> {
    (tag != 0).then(|| crate::ops::global_site::decode(tag, bits))
}

/// The first level of a type's lookup cache: direct-mapped by name, read with plain loads and no lock (the
/// `RwLock`ed map behind it takes two atomic read-modify-writes per lookup, and long or mortal results).
struct FastCache {
    entries: Box<[FastEntry]>,
}

impl FastCache {
    fn new() -> FastCache {
        let entries = (0..FAST_SLOTS)
            .map(|_| FastEntry {
                seq: AtomicU32::new(0),
                version: AtomicU64::new(0),
                len: AtomicUsize::new(usize::MAX),
                words: Default::default(),
                tag: AtomicU64::new(0),
                bits: AtomicU64::new(0),
            })
            .collect();
        FastCache { entries }
    }
}

/// A name as the fast cache stores it, and its slot; `None` for names too long to cache.
#[inline]
fn fast_key(name: &str) -> Option<([u64; FAST_NAME / 8], usize)> {
    let b = name.as_bytes();
    if b.len() > FAST_NAME {
        return None;
    }
    let mut buf = [0u8; FAST_NAME];
    buf[..b.len()].copy_from_slice(b);
    let mut words = [0u64; FAST_NAME / 8];
    for (i, w) in words.iter_mut().enumerate() {
        *w = u64::from_le_bytes(buf[i * 8..i * 8 + 8].try_into().unwrap_or_default());
    }
    let h =
        (words[0] ^ words[1].rotate_left(17) ^ words[2].rotate_left(31) ^ words[3].rotate_left(47) ^ b.len() as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Some((words, (h >> 58) as usize % FAST_SLOTS))
}

impl FastEntry {
    /// The cached result for the name, if the entry holds it for `version`.
    #[inline]
    fn read(&self, words: &[u64; FAST_NAME / 8], len: usize, version: u64) -> Option<Option<Value>> {
        let s1 = self.seq.load(Ordering::Acquire);
        if s1 & 1 != 0 {
            return None;
        }
        let v = self.version.load(Ordering::Relaxed);
        let l = self.len.load(Ordering::Relaxed);
        let same = self.words.iter().zip(words).all(|(a, b)| a.load(Ordering::Relaxed) == *b);
        let tag = self.tag.load(Ordering::Relaxed);
        let bits = self.bits.load(Ordering::Relaxed);
        // Orders the loads above before the re-check of the sequence (the seqlock read protocol).
        std::sync::atomic::fence(Ordering::Acquire);
        if self.seq.load(Ordering::Relaxed) != s1 || v != version || l != len || !same {
            return None;
        }
        Some(decode_found(tag, bits))
    }

    #[cold]
    fn fill(&self, words: &[u64; FAST_NAME / 8], len: usize, version: u64, value: &Option<Value>) {
        let s = self.seq.load(Ordering::Relaxed);
        if s & 1 != 0 || self.seq.compare_exchange(s, s + 1, Ordering::Acquire, Ordering::Relaxed).is_err() {
            return;
        }
        // Keeps the stores below after the odd sequence number (the seqlock write protocol).
        std::sync::atomic::fence(Ordering::Release);
        let (tag, bits) = encode_found(value);
        self.version.store(version, Ordering::Relaxed);
        self.len.store(len, Ordering::Relaxed);
        for (a, b) in self.words.iter().zip(words) {
            a.store(*b, Ordering::Relaxed);
        }
        self.tag.store(tag, Ordering::Relaxed);
        self.bits.store(bits, Ordering::Relaxed);
        self.seq.store(s + 2, Ordering::Release);
    }
}

/// Whether a lookup result may live in the fast cache: values the cache can copy without owning a count.
fn fast_cacheable(v: &Option<Value>) -> bool {
    match v {
        None | Some(Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_)) => true,
        Some(Value::Obj(o)) => o.is_immortal(),
    }
}

/// Looks `name` up along the type's MRO (CPython's `_PyType_Lookup`), through the type's caches.
#[inline]
pub fn lookup(ty: &ObjRef, name: &str) -> Option<Value> {
    let t = type_obj(ty);
    let key = fast_key(name);
    if let Some((words, slot)) = &key {
        // Two-way: a name lives in its slot or the neighbouring one, so two hot names that hash alike do
        // not keep evicting each other.
        let version = t.values.load(Ordering::Acquire);
        for s in [*slot, *slot ^ 1] {
            if let Some(r) = t.fast.entries[s].read(words, name.len(), version) {
                return r;
            }
        }
    }
    lookup_slow(ty, name, key)
}

#[cold]
fn lookup_slow(ty: &ObjRef, name: &str, key: Option<([u64; FAST_NAME / 8], usize)>) -> Option<Value> {
    let t = type_obj(ty);
    let version = t.values.load(Ordering::Acquire);
    // Built-in namespaces are filled during start-up: cache only once they are complete.
    let initialised = crate::builtins::initialised();
    // Entries carry the version they were computed at (read before the walk), so one computed while the
    // type changed is never served for the new version.
    let cached = t.cache.read().get(name).filter(|(v, _)| *v == version).map(|(_, r)| r.clone());
    let found = match cached {
        Some(r) => r,
        None => {
            let found = lookup_uncached(ty, name);
            // A result the fast cache takes needs no map entry (whose key would be one more allocation).
            if initialised && !(key.is_some() && fast_cacheable(&found)) {
                let mut c = t.cache.write();
                if c.len() >= CACHE_LIMIT {
                    c.clear();
                }
                c.insert(name.into(), (version, found.clone()));
            }
            found
        }
    };
    if let (Some((words, slot)), true) = (key, initialised) {
        if fast_cacheable(&found) {
            // `version` was read before the map was consulted, so a change since then makes the entry stale.
            // The second way is used when the first holds a current entry for another name.
            let first = &t.fast.entries[slot];
            let current = first.version.load(Ordering::Relaxed) == version;
            let target = if current { &t.fast.entries[slot ^ 1] } else { first };
            target.fill(&words, name.len(), version, &found);
        }
    }
    found
}

/// The MRO walk itself, without the cache: the name is hashed once for all the namespaces.
pub fn lookup_uncached(ty: &ObjRef, name: &str) -> Option<Value> {
    let hash = crate::ops::hash::hash_str(name);
    // Reading the MRO in place: the walk runs no Python code and takes only the namespaces' own locks.
    crate::qsbr::read(&type_obj(ty).mro, |mro| {
        mro.iter().find_map(|t| dict::get_str_hashed(&type_obj(t).dict, name, hash))
    })
}

/// The [`Patma`] flags of a new class: those of its layout base (CPython's `inherit_special` and
/// `inherit_patma_flags`), except that a namespace defining `__abc_tpflags__` (as `collections.abc.Sequence`
/// and `Mapping` do) chooses the collection flags itself, as CPython's `_abc._abc_init` does.
fn class_patma(base: &ObjRef, ns: &ObjRef) -> u8 {
    let mut flags = patma(base);
    if let Some(f) = dict::get_str(ns, "__abc_tpflags__").and_then(|v| crate::builtins::int::as_i64(&v)) {
        // CPython's Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING bits.
        let (seq, map) = (f & (1 << 5) != 0, f & (1 << 6) != 0);
        if seq || map {
            flags &= !(Patma::SEQUENCE | Patma::MAPPING);
            flags |= if seq { Patma::SEQUENCE } else { Patma::MAPPING };
        }
    }
    flags
}

/// Whether `v`, found on a type, is a plain class value: an inline value or an exact `str`, `int`, `float` or
/// `tuple`, none of which is a descriptor, so the attribute sites return it as it is.
pub fn plain_class_value(v: &Value) -> bool {
    match v {
        Value::Obj(o) => {
            matches!(o.payload, Payload::Str(_) | Payload::Int(_) | Payload::Tuple(_) | Payload::Float(_))
                && !type_obj(o.ty()).heap
        }
        _ => true,
    }
}

/// Records a direct write to a type's namespace (see [`TypeObj::modified`]).
pub fn modified(ty: &ObjRef) {
    type_obj(ty).modified();
}

/// Whether `v` is the native method `name` that `owner` defines (not an override).
pub fn native_is(v: &Value, owner: &ObjRef, name: &str) -> bool {
    let f = match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::StaticMethod(f) | DescriptorObj::ClassMethod(f))) => f,
        _ => v,
    };
    match f.payload() {
        Some(Payload::BuiltinFunction(b)) => b.name == name && b.owner.as_ref().is_some_and(|o| o.ptr_eq(owner)),
        _ => false,
    }
}

/// Whether instances of `ty` use `object.__getattribute__` (no class in the MRO overrides it).
#[inline]
pub fn default_getattribute(ty: &ObjRef) -> bool {
    type_flags(ty) & TypeFlags::CUSTOM_GETATTRIBUTE == 0
}

/// The `__dict__` of an instance, if it has one.
pub fn instance_dict(o: &ObjRef) -> Option<ObjRef> {
    let t = type_obj(o.ty());
    if t.slot_storage {
        if !t.instance_dict {
            return None;
        }
        let storage = o.dict()?;
        if let Some(d) = dict::get_str(storage, "__dict__") {
            return d.as_obj().cloned();
        }
        // `setdefault`, so two threads making the dict at once end up sharing one.
        let d = dict::setdefault(storage, Value::from("__dict__"), dict::new_dict()).ok()?;
        return d.as_obj().cloned();
    }
    if matches!(o.payload, Payload::Type(_)) {
        return None;
    }
    o.dict().cloned()
}

/// `obj.__dict__ = value`.
pub fn set_instance_dict(o: &ObjRef, value: Value) -> PyResult<()> {
    if !matches!(value.payload(), Some(Payload::Dict(_))) {
        return Err(type_error(format!("__dict__ must be set to a dictionary, not a '{}'", value.type_name())));
    }
    let t = type_obj(o.ty());
    if t.slot_storage && t.instance_dict {
        if let Some(storage) = o.dict() {
            dict::set_str(storage, "__dict__", value);
            return Ok(());
        }
    }
    match instance_dict(o) {
        Some(d) => {
            // NOTE: an object's dict pointer is fixed once it is created, so assigning `__dict__` copies the new
            // mapping's items into the existing dict instead of replacing it.
            let src = value.as_obj().expect("dict");
            if !src.ptr_eq(&d) {
                let items = dict::items(src);
                dict::clear(&d);
                for (k, v) in items {
                    dict::set(&d, k, v)?;
                }
            }
            Ok(())
        }
        None => Err(attribute_error(format!("'{}' object has no attribute '__dict__'", type_name(o.ty())))),
    }
}

/// Computes a built-in type's MRO from its single-inheritance chain.
pub fn linear_mro(ty: &ObjRef) -> Vec<ObjRef> {
    let mut mro = vec![ty.clone()];
    let mut cur = type_obj(ty).bases.read().first().cloned();
    while let Some(b) = cur {
        cur = type_obj(&b).bases.read().first().cloned();
        mro.push(b);
    }
    mro
}

/// The nearest built-in layout-carrying base's layout decides the payload of new instances.
pub fn layout_of(ty: &ObjRef) -> Layout {
    type_obj(ty).layout
}

/// C3 linearisation of a class's bases (CPython's `mro_implementation`), with CPython's errors.
pub fn c3_mro(ty: &ObjRef, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| x.ptr_eq(b)) {
            return Err(type_error(format!("duplicate base class {}", type_name(b))));
        }
    }
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(|b| type_obj(b).mro.read().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![ty.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate =
            seqs.iter().map(|s| s[0].clone()).find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| x.ptr_eq(c))));
        let Some(c) = candidate else {
            // CPython names the heads that could not be placed, in base order, without repeats.
            let mut names: Vec<String> = Vec::new();
            let mut seen: Vec<ObjRef> = Vec::new();
            for s in &seqs {
                if !seen.iter().any(|x| x.ptr_eq(&s[0])) {
                    seen.push(s[0].clone());
                    names.push(type_name(&s[0]));
                }
            }
            return Err(type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].ptr_eq(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// A class's MRO: the metaclass's `mro()` when it overrides it, else C3 (CPython's `mro_internal`).
fn compute_mro(ty: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let bases = type_obj(ty).bases.read().clone();
    let meta = ty.ty();
    if !meta.ptr_eq(&types().type_) {
        if let Some(m) = lookup(meta, "mro") {
            if !native_is(&m, &types().type_, "mro") {
                let r = call_special(&m, &Value::Obj(ty.clone()), &[], &[])?;
                let items = ops::iter::collect(&r)?;
                let solid = solid_base(ty);
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    let Some(Payload::Type(_)) = it.payload() else {
                        return Err(type_error(format!("mro() returned a non-class ('{}')", it.type_name())));
                    };
                    let c = it.as_obj().expect("type").clone();
                    if !is_subtype(&solid, &solid_base(&c)) {
                        return Err(type_error(format!(
                            "mro() returned base with unsuitable layout ('{}')",
                            type_name(&c)
                        )));
                    }
                    out.push(c);
                }
                return Ok(out);
            }
        }
    }
    c3_mro(ty, &bases)
}

/// The type whose instance layout `ty` shares (CPython's `solid_base`): a class that declares slots, or the
/// top-most built-in type with `ty`'s payload.
pub fn solid_base(ty: &ObjRef) -> ObjRef {
    let t = type_obj(ty);
    if t.heap {
        if !t.slots.is_empty() {
            return ty.clone();
        }
        let base = t.base.read().clone().or_else(|| t.bases.read().first().cloned());
        return base.map(|b| solid_base(&b)).unwrap_or_else(|| types().object.clone());
    }
    let mut cur = ty.clone();
    loop {
        let parent = type_obj(&cur).bases.read().first().cloned();
        match parent {
            Some(p) if type_obj(&p).layout == type_obj(&cur).layout && type_obj(&cur).layout != Layout::Other => {
                cur = p
            }
            _ => return cur,
        }
    }
}

/// The base whose layout a new class extends (CPython's `best_base`), with CPython's errors.
fn best_base(bases: &[ObjRef]) -> PyResult<ObjRef> {
    let mut winner: Option<ObjRef> = None;
    let mut base: Option<ObjRef> = None;
    for b in bases {
        if !type_obj(b).basetype {
            return Err(type_error(format!("type '{}' is not an acceptable base type", type_name(b))));
        }
        let candidate = solid_base(b);
        match &winner {
            None => {
                winner = Some(candidate);
                base = Some(b.clone());
            }
            Some(w) if is_subtype(w, &candidate) => {}
            Some(w) if is_subtype(&candidate, w) => {
                winner = Some(candidate);
                base = Some(b.clone());
            }
            Some(_) => return Err(type_error("multiple bases have instance lay-out conflict")),
        }
    }
    Ok(base.unwrap_or_else(|| types().object.clone()))
}

/// The most derived metaclass among `meta` and the bases' metaclasses (CPython's
/// `_PyType_CalculateMetaclass`).
pub fn calculate_metaclass(meta: &ObjRef, bases: &[Value]) -> PyResult<ObjRef> {
    let mut winner = meta.clone();
    for b in bases {
        let tmp = b.ty();
        if is_subtype(&winner, tmp) {
            continue;
        }
        if is_subtype(tmp, &winner) {
            winner = tmp.clone();
            continue;
        }
        return Err(type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `_Py_Mangle`: `__x` inside class `C` is `_C__x` (names with dunder ends or dots are left alone).
pub fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// What `__slots__` asks for: the slot names (mangled), and whether `__dict__`/`__weakref__` were listed.
struct SlotSpec {
    names: Vec<String>,
    dict: bool,
    weakref: bool,
}

fn parse_slots(
    class_name: &str,
    slots: &Value,
    base: &ObjRef,
    base_dict: bool,
    base_weak: bool,
    ns: &ObjRef,
) -> PyResult<SlotSpec> {
    let items = if slots.as_str().is_some() { vec![slots.clone()] } else { ops::iter::collect(slots)? };
    let mut spec = SlotSpec { names: Vec::new(), dict: false, weakref: false };
    for it in &items {
        let Some(s) = it.as_str() else {
            return Err(type_error(format!("__slots__ items must be strings, not '{}'", it.type_name())));
        };
        if !is_identifier(s) {
            return Err(type_error("__slots__ must be identifiers"));
        }
        if s == "__dict__" {
            if base_dict || spec.dict {
                return Err(type_error("__dict__ slot disallowed: we already got one"));
            }
            spec.dict = true;
        } else if s == "__weakref__" {
            if base_weak || spec.weakref {
                return Err(type_error("__weakref__ slot disallowed: we already got one"));
            }
            spec.weakref = true;
        } else {
            spec.names.push(mangle(class_name, s));
        }
    }
    if !spec.names.is_empty()
        && matches!(type_obj(&solid_base(base)).layout, Layout::Int | Layout::Bytes | Layout::Tuple)
    {
        return Err(type_error(format!("nonempty __slots__ not supported for subtype of '{}'", type_name(base))));
    }
    for n in &spec.names {
        if n != "__qualname__" && n != "__classcell__" && dict::get_str(ns, n).is_some() {
            return Err(PyErr::new(
                crate::builtins::exceptions::ExcKind::ValueError,
                format!("{} in __slots__ conflicts with class variable", ops::format::repr(&Value::from(n.as_str()))?),
            ));
        }
    }
    spec.names.sort();
    spec.names.dedup();
    Ok(spec)
}

/// Wraps a plain function found under `__new__` in a staticmethod, and under `__init_subclass__` or
/// `__class_getitem__` in a classmethod, as `type.__new__` does.
fn implicit_wrappers(d: &ObjRef) {
    let t = types();
    if let Some(f) = dict::get_str(d, "__new__") {
        if matches!(f.payload(), Some(Payload::Function(_))) {
            dict::set_str(
                d,
                "__new__",
                Value::Obj(ObjRef::new(&t.staticmethod, Payload::Descriptor(DescriptorObj::StaticMethod(f)))),
            );
        }
    }
    for name in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f) = dict::get_str(d, name) {
            if matches!(f.payload(), Some(Payload::Function(_))) {
                dict::set_str(
                    d,
                    name,
                    Value::Obj(ObjRef::new(&t.classmethod, Payload::Descriptor(DescriptorObj::ClassMethod(f)))),
                );
            }
        }
    }
}

/// Makes a function stored in a class namespace immortal, as its class is: method lookups and calls then
/// copy it without touching its reference count (a shared cache line every thread would write otherwise).
/// Exact `property`, `classmethod` and `staticmethod` objects become immortal too: they are immutable, and
/// only immortal lookup results live in the lock-free lookup cache (`FastCache`), so a mortal property was
/// looked up through the locked map on every `obj.prop` read or write.
pub fn immortalize_method(v: &Value) {
    if let Value::Obj(o) = v {
        let t = types();
        let ty = o.ty();
        if matches!(o.payload, Payload::Descriptor(_))
            && (ty.ptr_eq(&t.property) || ty.ptr_eq(&t.classmethod) || ty.ptr_eq(&t.staticmethod))
            && !o.is_immortal()
        {
            // As for functions below: the namespace holds a reference, so the object cannot be freed meanwhile.
            o.immortalize();
        }
    }
    let f = match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::StaticMethod(f) | DescriptorObj::ClassMethod(f))) => f,
        _ => v,
    };
    if let Some(o) = f.as_obj() {
        if matches!(o.payload, Payload::Function(_)) && !o.is_immortal() {
            // The class keeps a reference, so the count cannot reach zero meanwhile; a concurrent update of
            // the count after this store leaves the immortal bit set.
            drop(o.clone().make_immortal());
        }
    }
}

/// `type.__new__(meta, name, bases, ns, **kwargs)`: makes a class.
pub fn type_new(
    meta: &ObjRef,
    name: &str,
    bases_in: &[Value],
    ns: &ObjRef,
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let t = types();
    // A more derived metaclass among the bases wins; if it has its own `__new__`, that makes the class.
    let winner = calculate_metaclass(meta, bases_in)?;
    if !winner.ptr_eq(meta) {
        if let Some(new) = lookup(&winner, "__new__") {
            if !native_is(&new, &t.type_, "__new__") {
                let f = match new.payload() {
                    Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => f.clone(),
                    _ => new,
                };
                let args = [
                    Value::Obj(winner.clone()),
                    new_str(name),
                    tuple::new_tuple(bases_in.to_vec()),
                    Value::Obj(ns.clone()),
                ];
                return ops::call::call(&f, &args, kwargs);
            }
        }
    }
    let meta = winner;
    let mut bases = Vec::with_capacity(bases_in.len().max(1));
    for b in bases_in {
        match b.payload() {
            Some(Payload::Type(_)) => bases.push(b.as_obj().expect("type").clone()),
            _ => return Err(type_error("bases must be types")),
        }
    }
    if bases.is_empty() {
        bases.push(t.object.clone());
    }
    let base = best_base(&bases)?;
    let layout = type_obj(&base).layout;
    let base_dict = bases.iter().any(|b| type_obj(b).instance_dict);
    let base_weak = bases.iter().any(|b| type_obj(b).weakref);
    let base_slots = bases.iter().any(|b| type_obj(b).slot_storage);
    let itemsize = matches!(type_obj(&solid_base(&base)).layout, Layout::Int | Layout::Bytes | Layout::Tuple);
    let slots = match dict::get_str(ns, "__slots__") {
        Some(s) => Some(parse_slots(name, &s, &base, base_dict, base_weak, ns)?),
        None => None,
    };
    // A metaclass's instances are classes, whose namespace is the type payload's own dict: like CPython's
    // `type`, which already has a dict slot, a subclass of `type` gets no `__dict__` descriptor of its own.
    let add_dict = !base_dict && !matches!(layout, Layout::Type) && slots.as_ref().is_none_or(|s| s.dict);
    let add_weak = !base_weak && !itemsize && slots.as_ref().is_none_or(|s| s.weakref);
    let qualname = match dict::get_str(ns, "__qualname__") {
        Some(q) => match q.as_str() {
            Some(s) => s.to_string(),
            None => return Err(type_error(format!("type __qualname__ must be a str, not {}", q.type_name()))),
        },
        None => name.to_string(),
    };

    let d = dict::copy(ns).as_obj().expect("dict").clone();
    let _ = dict::remove(&d, &Value::from("__qualname__"));
    if dict::get_str(&d, "__module__").is_none() {
        // NOTE: CPython takes `__module__` from the calling frame's globals; crabby has no frames, so classes
        // made by a bare `type(name, bases, ns)` call belong to `__main__` unless the namespace says otherwise.
        dict::set_str(&d, "__module__", Value::from("__main__"));
    }
    implicit_wrappers(&d);
    for v in dict::values(&d) {
        immortalize_method(&v);
    }
    // A class that defines `__eq__` without `__hash__` has unhashable instances.
    if dict::get_str(&d, "__eq__").is_some() && dict::get_str(&d, "__hash__").is_none() {
        dict::set_str(&d, "__hash__", Value::None);
    }
    let cell = dict::remove(&d, &Value::from("__classcell__"))?;
    if let Some(c) = &cell {
        if !matches!(c.payload(), Some(Payload::Cell(_))) {
            return Err(type_error(format!(
                "__classcell__ must be a nonlocal cell, not {}",
                ops::format::repr(&Value::Obj(c.ty().clone()))?
            )));
        }
    }

    let own_slots = slots.as_ref().map(|s| s.names.clone()).unwrap_or_default();
    let patma = class_patma(&base, &d);
    let mut tobj = TypeObj::new(name, layout, d, bases.clone());
    *tobj.patma.get_mut() = patma;
    *tobj.qualname.get_mut() = qualname;
    // Slots of user classes of layout `object` live in an array at fixed indices; other layouts (a `list`
    // subclass with slots, ...) keep them in the slot storage dict.
    let base_t = type_obj(&base);
    tobj.slot_array = layout == Layout::Object && !base_slots && (base_t.slot_array || !own_slots.is_empty());
    tobj.nslots = if tobj.slot_array { base_t.nslots + own_slots.len() as u32 } else { 0 };
    tobj.slot_storage = !tobj.slot_array && (base_slots || !own_slots.is_empty());
    *tobj.base.get_mut() = Some(base);
    tobj.heap = true;
    tobj.instance_dict = base_dict || add_dict;
    tobj.weakref = base_weak || add_weak;
    tobj.slots = own_slots;
    let ty = ObjRef::new(&meta, Payload::Type(Box::new(tobj))).make_immortal();
    let tt = type_obj(&ty);
    for s in &tt.slots {
        dict::set_str(&tt.dict, s, descriptor::new_member(&ty, s));
    }
    if add_dict {
        dict::set_str(&tt.dict, "__dict__", descriptor::new_getset(&ty, "__dict__"));
    }
    if add_weak {
        dict::set_str(&tt.dict, "__weakref__", descriptor::new_getset(&ty, "__weakref__"));
    }
    if dict::get_str(&tt.dict, "__doc__").is_none() {
        dict::set_str(&tt.dict, "__doc__", Value::None);
    }
    let mro = compute_mro(&ty)?;
    *tt.mro.write() = mro;
    for b in &bases {
        type_obj(b).subclasses.write().push(ty.clone());
    }
    if let Some(c) = cell.as_ref().and_then(|c| c.as_obj()) {
        crate::rt::cell_set(c, Value::Obj(ty.clone()));
    }
    set_names(&ty)?;
    init_subclass(&ty, kwargs)?;
    Ok(Value::Obj(ty))
}

/// Calls `__set_name__(owner, name)` on every attribute of a new class that has one.
fn set_names(ty: &ObjRef) -> PyResult<()> {
    for (k, v) in dict::items(&type_obj(ty).dict) {
        let Some(f) = lookup(v.ty(), "__set_name__") else { continue };
        if let Err(e) = call_special(&f, &v, &[Value::Obj(ty.clone()), k.clone()], &[]) {
            let note = format!(
                "Error calling __set_name__ on '{}' instance {} in '{}'",
                v.type_name(),
                ops::format::repr(&k)?,
                type_name(ty)
            );
            let exc = Value::Obj(e.exc.clone());
            ops::call::call_method(&Value::from("add_note"), &[exc, Value::from(note)], &[])?;
            return Err(e);
        }
    }
    Ok(())
}

/// `super(ty, ty).__init_subclass__(**kwargs)`.
fn init_subclass(ty: &ObjRef, kwargs: &[(Value, Value)]) -> PyResult<()> {
    let mro = type_obj(ty).mro.read().clone();
    for base in mro.iter().skip(1) {
        if let Some(f) = dict::get_str(&type_obj(base).dict, "__init_subclass__") {
            let bound = ops::attr::bind_descriptor(f, None, &Value::Obj(ty.clone()))?;
            ops::call::call(&bound, &[], kwargs)?;
            return Ok(());
        }
    }
    Ok(())
}

/// Calls a special method found on a type with `this` as its receiver, binding it as attribute lookup
/// would (CPython's `lookup_maybe_method` + call): functions and native methods directly, other
/// descriptors through `__get__`.
pub fn call_special(f: &Value, this: &Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    match f.payload() {
        Some(Payload::Function(_)) => ops::call::call_with_self(f, this, args, kwargs),
        Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(this.clone());
            v.extend_from_slice(args);
            (b.f)(&v, kwargs)
        }
        _ => {
            let bound = ops::attr::bind_descriptor(f.clone(), Some(this), &Value::Obj(this.ty().clone()))?;
            ops::call::call(&bound, args, kwargs)
        }
    }
}

/// Calling a type: the metaclass's `__call__` when it overrides `type.__call__`, else [`type_call`].
pub fn call_type(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let meta = ty.ty();
    if !meta.ptr_eq(&types().type_) {
        if let Some(c) = lookup(meta, "__call__") {
            if !native_is(&c, &types().type_, "__call__") {
                return call_special(&c, &Value::Obj(ty.clone()), args, kwargs);
            }
        }
    }
    type_call(ty, args, kwargs)
}

/// Calling a class with positional arguments the caller gives up (generated code's `C(a, b)`; CPython 3.12
/// specialises the same call). When the metaclass is exactly `type`, `__new__` is `object.__new__` (the
/// per-version [`TypeFlags::OBJECT_NEW`], so no `__new__` lookup) and `__init__` a compiled function taking
/// the instance and these arguments (the missing trailing ones from its defaults), the instance is made and
/// the body runs on `[instance, args...]` as its parameter slots: no bound method, no argument binding, the
/// arguments moved rather than copied.
/// Everything else (a metaclass, another `__new__`, defaults, an abstract class) is [`call_type`].
#[inline]
pub fn call_type_owned(ty: &ObjRef, args: &mut [Value]) -> PyResult<Value> {
    const MAX: usize = 8;
    let t = types();
    if args.len() < MAX
        && ty.ty().ptr_eq(&t.type_)
        && type_obj(ty).heap
        && type_flags(ty) & (TypeFlags::OBJECT_NEW | TypeFlags::MAYBE_ABSTRACT) == TypeFlags::OBJECT_NEW
    {
        if let Some(Value::Obj(f)) = lookup(ty, "__init__") {
            if let Payload::Function(func) = &f.payload {
                let code = func.code;
                let given = args.len() + 1;
                let n = code.params.len();
                if let (Some(body), true) = (code.body, code.argcount as usize == n && given <= n && n <= MAX) {
                    let mut slots: [Value; MAX] = Default::default();
                    // The missing trailing parameters from `__defaults__`, as `call_function` fills them.
                    if given < n && !ops::call::fill_defaults(func, &mut slots[..n], given) {
                        return call_type(ty, args, &[]);
                    }
                    let obj = crate::builtins::object::new_instance(ty, &[], &[])?;
                    for (s, a) in slots[1..given].iter_mut().zip(args.iter_mut()) {
                        *s = std::mem::take(a);
                    }
                    let r = if code.borrowed & 1 != 0 {
                        // The body only reads `self` in place: lend it the new instance uncounted (no count
                        // increment and decrement per construction).
                        // SAFETY: slot 0 holds `None`, `obj` outlives the call, and the body never takes,
                        // replaces or drops a slot whose `CodeInfo::borrowed` bit is set.
                        unsafe {
                            ops::call::with_lent(&mut slots[..n], &[(0, &obj)], |s| ops::call::run_body(&f, body, s))
                        }
                    } else {
                        slots[0] = obj.clone();
                        ops::call::run_body(&f, body, &mut slots[..n])
                    }?;
                    if !r.is_none() {
                        return Err(type_error(format!("__init__() should return None, not '{}'", r.type_name())));
                    }
                    return Ok(obj);
                }
            }
        }
    }
    call_type(ty, args, &[])
}

/// `type.__call__(cls, *args, **kwargs)`: `cls.__new__(cls, ...)`, then `__init__` when the result is an
/// instance of `cls`.
pub fn type_call(ty: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = types();
    let tobj = type_obj(ty);
    if ty.ptr_eq(&t.type_) {
        if args.len() == 1 && kwargs.is_empty() {
            return Ok(Value::Obj(args[0].ty().clone()));
        }
        if args.len() != 3 {
            return Err(type_error("type() takes 1 or 3 arguments"));
        }
    } else if !tobj.heap {
        // `super()` is called by every cooperative method: skip the constructor table.
        if ty.ptr_eq(&t.super_) {
            return crate::builtins::super_::new_super(args, kwargs);
        }
        // Built-in types: their constructor is `tp_new` and `tp_init` in one.
        return crate::builtins::object::construct_builtin(ty, args, kwargs);
    }
    let new = lookup(ty, "__new__");
    let obj = match &new {
        Some(n) if native_is(n, &t.object, "__new__") => {
            // The common case: `object.__new__` and the class's own `__init__`, looked up once.
            let init = lookup(ty, "__init__");
            let default_init = init.as_ref().is_none_or(|i| native_is(i, &t.object, "__init__"));
            if default_init && (!args.is_empty() || !kwargs.is_empty()) {
                return Err(type_error(format!("{}() takes no arguments", type_name(ty))));
            }
            crate::builtins::object::refuse_abstract(ty)?;
            let obj = crate::builtins::object::new_instance(ty, &[], &[])?;
            if let (Some(i), false) = (&init, default_init) {
                let r = call_special(i, &obj, args, kwargs)?;
                if !r.is_none() {
                    return Err(type_error(format!("__init__() should return None, not '{}'", r.type_name())));
                }
            }
            return Ok(obj);
        }
        Some(n) => {
            let f = match n.payload() {
                Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => f.clone(),
                _ => n.clone(),
            };
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(Value::Obj(ty.clone()));
            v.extend_from_slice(args);
            ops::call::call(&f, &v, kwargs)?
        }
        None => return Err(type_error(format!("cannot create '{}' instances", type_name(ty)))),
    };
    if !is_subtype(obj.ty(), ty) {
        return Ok(obj);
    }
    let init = lookup(obj.ty(), "__init__");
    match &init {
        None => {}
        // `object.__init__` only checks its arguments, which `object.__new__` (or an overriding `__new__`)
        // already accounted for.
        Some(i) if native_is(i, &t.object, "__init__") => {}
        Some(i) => {
            let r = call_special(i, &obj, args, kwargs)?;
            if !r.is_none() {
                return Err(type_error(format!("__init__() should return None, not '{}'", r.type_name())));
            }
        }
    }
    Ok(obj)
}

/// `type.__call__` as a native method (reached through `super().__call__(...)` in a metaclass).
fn type_call_native(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args.first() else {
        return Err(type_error("descriptor '__call__' of 'type' object needs an argument"));
    };
    let Some(Payload::Type(_)) = cls.payload() else {
        return Err(type_error(format!(
            "descriptor '__call__' requires a 'type' object but received a '{}'",
            cls.type_name()
        )));
    };
    type_call(cls.as_obj().expect("type"), &args[1..], kwargs)
}

/// The checks of CPython's `tp_new_wrapper`, shared by every built-in `__new__`: returns the class to
/// instantiate.
pub fn new_wrapper_check<'a>(owner: &ObjRef, args: &'a [Value]) -> PyResult<&'a ObjRef> {
    let oname = type_name(owner);
    let Some(cls) = args.first() else {
        return Err(type_error(format!("{oname}.__new__(): not enough arguments")));
    };
    let Some(Payload::Type(_)) = cls.payload() else {
        return Err(type_error(format!("{oname}.__new__(X): X is not a type object ({})", cls.type_name())));
    };
    let cls_ref = cls.as_obj().expect("type");
    let cname = type_name(cls_ref);
    if !is_subtype(cls_ref, owner) {
        return Err(type_error(format!("{oname}.__new__({cname}): {cname} is not a subtype of {oname}")));
    }
    // The nearest class whose `__new__` is not written in Python must use this very `__new__`.
    let mut staticbase = cls_ref.clone();
    loop {
        let own = dict::get(&type_obj(&staticbase).dict, crate::interned!("__new__")).ok().flatten();
        let python_new = own.as_ref().is_some_and(|n| match n.payload() {
            Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => {
                !matches!(f.payload(), Some(Payload::BuiltinFunction(_)))
            }
            Some(Payload::BuiltinFunction(_)) => false,
            _ => true,
        });
        if !python_new {
            break;
        }
        let next =
            type_obj(&staticbase).base.read().clone().or_else(|| type_obj(&staticbase).bases.read().first().cloned());
        match next {
            Some(n) => staticbase = n,
            None => break,
        }
    }
    if let Some(n) = lookup(&staticbase, "__new__") {
        let same = match n.payload() {
            Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => match f.payload() {
                Some(Payload::BuiltinFunction(b)) => b.owner.as_ref().is_some_and(|o| o.ptr_eq(owner)),
                _ => true,
            },
            _ => true,
        };
        if !same {
            return Err(type_error(format!(
                "{oname}.__new__({cname}) is not safe, use {}.__new__()",
                type_name(&staticbase)
            )));
        }
    }
    Ok(cls_ref)
}

/// `type.__new__(mcls, name, bases, ns, **kwargs)` as a native static method.
fn type_new_native(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = types();
    let meta = new_wrapper_check(&t.type_, args)?.clone();
    let rest = &args[1..];
    if rest.len() != 3 {
        return Err(type_error(format!("type.__new__() takes exactly 3 arguments ({} given)", rest.len())));
    }
    let name = rest[0]
        .as_str()
        .ok_or_else(|| type_error(format!("type.__new__() argument 1 must be str, not {}", rest[0].type_name())))?;
    let bases = rest[1]
        .as_tuple()
        .ok_or_else(|| type_error(format!("type.__new__() argument 2 must be tuple, not {}", rest[1].type_name())))?;
    let ns = rest[2]
        .as_obj()
        .filter(|o| matches!(o.payload, Payload::Dict(_)))
        .ok_or_else(|| type_error(format!("type.__new__() argument 3 must be dict, not {}", rest[2].type_name())))?;
    type_new(&meta, name, bases, ns, kwargs)
}

/// `type.__init__(cls, name, bases, ns, **kwargs)`: only checks its arguments.
fn type_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let n = args.len().saturating_sub(1);
    if n == 1 && !kwargs.is_empty() {
        return Err(type_error("type.__init__() takes no keyword arguments"));
    }
    if n != 1 && n != 3 {
        return Err(type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

fn self_type<'a>(args: &'a [Value], method: &str) -> PyResult<&'a ObjRef> {
    match args.first() {
        Some(v) if matches!(v.payload(), Some(Payload::Type(_))) => Ok(v.as_obj().expect("type")),
        // Special methods are slot wrappers, which word it differently from method descriptors.
        Some(v) if method.starts_with("__") => Err(type_error(format!(
            "descriptor '{method}' requires a 'type' object but received a '{}'",
            v.type_name()
        ))),
        Some(v) => Err(type_error(format!(
            "descriptor '{method}' for 'type' objects doesn't apply to a '{}' object",
            v.type_name()
        ))),
        None => Err(type_error(format!("unbound method type.{method}() needs an argument"))),
    }
}

/// `type.mro(cls)`: the C3 linearisation as a list.
fn type_mro(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ty = self_type(args, "mro")?;
    // CPython names a method bound to a class after the class (`C.mro()`).
    Args::new(&format!("{}.mro", type_obj(ty).qualname.read()), args, kwargs).exact(1)?;
    let bases = type_obj(ty).bases.read().clone();
    let mro = c3_mro(ty, &bases)?;
    Ok(crate::builtins::list::new_list(mro.into_iter().map(Value::Obj).collect()))
}

/// `cls.__subclasses__()`.
fn type_subclasses(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ty = self_type(args, "__subclasses__")?;
    Args::new(&format!("{}.__subclasses__", type_obj(ty).qualname.read()), args, kwargs).exact(1)?;
    let subs = type_obj(ty).subclasses.read().clone();
    Ok(crate::builtins::list::new_list(subs.into_iter().map(Value::Obj).collect()))
}

/// `type.__prepare__(name, bases, **kwargs)`: an empty dict.
fn type_prepare(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(crate::builtins::dict::new_dict())
}

/// `type.__instancecheck__(cls, obj)`.
fn type_instancecheck(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("type.__instancecheck__", args, kwargs).exact(2)?;
    let ty = self_type(a, "__instancecheck__")?;
    Ok(Value::Bool(recursive_isinstance(&a[1], ty)?))
}

/// `type.__subclasscheck__(cls, sub)`.
fn type_subclasscheck(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("type.__subclasscheck__", args, kwargs).exact(2)?;
    let ty = self_type(a, "__subclasscheck__")?;
    Ok(Value::Bool(recursive_issubclass(&a[1], ty)?))
}

/// `type.__dir__(cls)`: the names along the MRO.
fn type_dir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("type.__dir__", args, kwargs).exact(1)?;
    let ty = self_type(a, "__dir__")?;
    let mut names: Vec<Value> = Vec::new();
    let mro = type_obj(ty).mro.read().clone();
    for t in &mro {
        for k in dict::keys(&type_obj(t).dict) {
            if !names.iter().any(|n| n.as_str() == k.as_str()) {
                names.push(k);
            }
        }
    }
    Ok(crate::builtins::list::new_list(names))
}

/// `type.__getattribute__(cls, name)`.
fn type_getattribute(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("type.__getattribute__", args, kwargs).exact(2)?;
    self_type(a, "__getattribute__")?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::type_getattr(&a[0], name)
}

/// `type.__setattr__(cls, name, value)`.
fn type_setattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("type.__setattr__", args, kwargs).exact(3)?;
    self_type(a, "__setattr__")?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_setattr(&a[0], name, a[2].clone())?;
    Ok(Value::None)
}

/// `type.__delattr__(cls, name)`.
fn type_delattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("type.__delattr__", args, kwargs).exact(2)?;
    self_type(a, "__delattr__")?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    ops::attr::generic_delattr(&a[0], name)?;
    Ok(Value::None)
}

/// Attributes every type has through `type`'s descriptors (`__name__`, `__mro__`, `__dict__`, ...).
pub fn type_special_attr(ty: &ObjRef, name: &str) -> Option<Value> {
    let t = type_obj(ty);
    Some(match name {
        "__name__" => new_str(&t.name.read()),
        "__qualname__" => new_str(&t.qualname.read()),
        "__mro__" => tuple::new_tuple(t.mro.read().iter().cloned().map(Value::Obj).collect()),
        "__bases__" => tuple::new_tuple(t.bases.read().iter().cloned().map(Value::Obj).collect()),
        "__base__" => {
            if ty.ptr_eq(&types().object) {
                Value::None
            } else {
                t.base.read().clone().or_else(|| t.bases.read().first().cloned()).map_or(Value::None, Value::Obj)
            }
        }
        "__module__" => dict::get_str(&t.dict, "__module__").unwrap_or_else(|| new_str("builtins")),
        "__doc__" => match dict::get_str(&t.dict, "__doc__") {
            Some(d) => ops::attr::bind_descriptor(d, None, &Value::Obj(ty.clone())).ok()?,
            None => Value::None,
        },
        "__dict__" => descriptor::new_proxy(Value::Obj(t.dict.clone())),
        _ => return None,
    })
}

/// Setting one of `type`'s own attributes on a class (`C.__name__ = ...`); `None` when `name` is an
/// ordinary attribute.
pub fn set_type_special(ty: &ObjRef, name: &str, value: Option<&Value>) -> Option<PyResult<()>> {
    let t = type_obj(ty);
    let tname = t.name.read().clone();
    let readonly =
        |what: &str| Some(Err(attribute_error(format!("attribute '{what}' of 'type' objects is not writable"))));
    let immutable = || Some(Err(type_error(format!("cannot set '{name}' attribute of immutable type '{tname}'"))));
    match name {
        "__name__" | "__qualname__" => {
            if !t.heap {
                return immutable();
            }
            let Some(v) = value else {
                return Some(Err(type_error(format!("cannot delete '{name}' attribute of immutable type '{tname}'"))));
            };
            let Some(s) = v.as_str() else {
                return Some(Err(type_error(format!(
                    "can only assign string to {tname}.{name}, not '{}'",
                    v.type_name()
                ))));
            };
            if name == "__name__" {
                if s.contains('\0') {
                    return Some(Err(PyErr::new(
                        crate::builtins::exceptions::ExcKind::ValueError,
                        "type name must not contain null characters",
                    )));
                }
                *t.name.write() = s.to_string();
            } else {
                *t.qualname.write() = s.to_string();
            }
            Some(Ok(()))
        }
        "__mro__" => readonly("__mro__"),
        "__dict__" => readonly("__dict__"),
        "__base__" => readonly("__base__"),
        "__bases__" => {
            if !t.heap {
                return immutable();
            }
            Some(match value {
                None => Err(type_error(format!("cannot delete '__bases__' attribute of immutable type '{tname}'"))),
                Some(v) => set_bases(ty, v),
            })
        }
        _ => None,
    }
}

/// `C.__bases__ = (...)`: checks the new bases, recomputes the MRO of the class and its subclasses.
fn set_bases(ty: &ObjRef, v: &Value) -> PyResult<()> {
    let t = type_obj(ty);
    let tname = t.name.read().clone();
    let Some(items) = v.as_tuple() else {
        return Err(type_error(format!("can only assign tuple to {tname}.__bases__, not {}", v.type_name())));
    };
    if items.is_empty() {
        return Err(type_error(format!("can only assign non-empty tuple to {tname}.__bases__, not ()")));
    }
    let mut new_bases = Vec::with_capacity(items.len());
    for b in items {
        let Some(Payload::Type(_)) = b.payload() else {
            return Err(type_error(format!("{tname}.__bases__ must be tuple of classes, not '{}'", b.type_name())));
        };
        let b = b.as_obj().expect("type").clone();
        if is_subtype(&b, ty) {
            return Err(type_error("a __bases__ item causes an inheritance cycle"));
        }
        new_bases.push(b);
    }
    let new_base = best_base(&new_bases)?;
    let old_base = t.base.read().clone().unwrap_or_else(|| types().object.clone());
    if !solid_base(&new_base).ptr_eq(&solid_base(&old_base)) {
        return Err(type_error(format!(
            "__bases__ assignment: '{}' object layout differs from '{}'",
            type_name(&new_base),
            type_name(&old_base)
        )));
    }
    let old_bases = std::mem::replace(&mut *t.bases.write(), new_bases.clone());
    let old_best = t.base.write().replace(new_base);
    if let Err(e) = remro(ty) {
        *t.bases.write() = old_bases;
        *t.base.write() = old_best;
        let _ = remro(ty);
        return Err(e);
    }
    for b in &old_bases {
        type_obj(b).subclasses.write().retain(|s| !s.ptr_eq(ty));
    }
    for b in &new_bases {
        type_obj(b).subclasses.write().push(ty.clone());
    }
    t.modified();
    Ok(())
}

/// Recomputes the MRO of a class and of its subclasses after a change of bases.
fn remro(ty: &ObjRef) -> PyResult<()> {
    let mro = compute_mro(ty)?;
    *type_obj(ty).mro.write() = mro;
    let subs = type_obj(ty).subclasses.read().clone();
    for s in &subs {
        remro(s)?;
    }
    Ok(())
}

/// `isinstance(v, cls)` without `__instancecheck__` (CPython's `recursive_isinstance`): the type or
/// `__class__`.
pub fn recursive_isinstance(v: &Value, cls: &ObjRef) -> PyResult<bool> {
    if is_subtype(v.ty(), cls) {
        return Ok(true);
    }
    // An object may claim another class through `__class__` (proxies do). When its type reads attributes
    // with `object.__getattribute__` and `__class__` is still `object`'s data descriptor (which an instance
    // dict cannot shadow), the answer is its type, already checked: skip the attribute lookup.
    if type_obj(v.ty()).heap && !plain_class_attr(v.ty()) {
        if let Some(c) = ops::attr::getattr_opt(v, "__class__")? {
            if let Some(Payload::Type(_)) = c.payload() {
                let c = c.as_obj().expect("type");
                if !c.ptr_eq(v.ty()) {
                    return Ok(is_subtype(c, cls));
                }
            }
        }
    }
    Ok(false)
}

/// Whether `type(v).__class__` is `object`'s own descriptor under `object.__getattribute__`, so that
/// `v.__class__` is `type(v)` for every instance ([`TypeFlags::PLAIN_CLASS`], cached per version).
#[inline]
pub(crate) fn plain_class_attr(ty: &ObjRef) -> bool {
    type_flags(ty) & TypeFlags::PLAIN_CLASS != 0
}

/// `issubclass(sub, cls)` without `__subclasscheck__`.
pub fn recursive_issubclass(sub: &Value, cls: &ObjRef) -> PyResult<bool> {
    let Some(Payload::Type(_)) = sub.payload() else {
        return Err(type_error("issubclass() arg 1 must be a class"));
    };
    Ok(is_subtype(sub.as_obj().expect("type"), cls))
}

/// `isinstance(v, cls)`: tuples, the exact-type shortcut, then the metaclass's `__instancecheck__`.
pub fn isinstance(v: &Value, cls: &Value) -> PyResult<bool> {
    if let Some(Payload::Type(_)) = cls.payload() {
        let c = cls.as_obj().expect("type");
        if v.ty().ptr_eq(c) {
            return Ok(true);
        }
        if c.ty().ptr_eq(&types().type_) {
            return recursive_isinstance(v, c);
        }
    }
    if let Some(items) = cls.as_tuple() {
        if type_obj(cls.ty()).heap || cls.ty().ptr_eq(&types().tuple) {
            for c in items {
                let _depth = crate::ops::call::DepthGuard::enter()?;
                if isinstance(v, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    if let Some(f) = lookup(cls.ty(), "__instancecheck__") {
        if !native_is(&f, &types().type_, "__instancecheck__") {
            let r = call_special(&f, cls, std::slice::from_ref(v), &[])?;
            return ops::truthy(&r);
        }
    }
    match cls.payload() {
        Some(Payload::Type(_)) => recursive_isinstance(v, cls.as_obj().expect("type")),
        _ => Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

/// `issubclass(sub, cls)`: tuples, then the metaclass's `__subclasscheck__`.
pub fn issubclass(sub: &Value, cls: &Value) -> PyResult<bool> {
    if let Some(Payload::Type(_)) = cls.payload() {
        let c = cls.as_obj().expect("type");
        if c.ty().ptr_eq(&types().type_) {
            if let Some(Payload::Type(_)) = sub.payload() {
                return Ok(is_subtype(sub.as_obj().expect("type"), c));
            }
            return Err(type_error("issubclass() arg 1 must be a class"));
        }
    }
    if let Some(items) = cls.as_tuple() {
        if type_obj(cls.ty()).heap || cls.ty().ptr_eq(&types().tuple) {
            for c in items {
                let _depth = crate::ops::call::DepthGuard::enter()?;
                if issubclass(sub, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    if let Some(f) = lookup(cls.ty(), "__subclasscheck__") {
        if !native_is(&f, &types().type_, "__subclasscheck__") {
            let r = call_special(&f, cls, std::slice::from_ref(sub), &[])?;
            return ops::truthy(&r);
        }
    }
    match cls.payload() {
        Some(Payload::Type(_)) => recursive_issubclass(sub, cls.as_obj().expect("type")),
        _ => {
            if !matches!(sub.payload(), Some(Payload::Type(_))) {
                return Err(type_error("issubclass() arg 1 must be a class"));
            }
            Err(type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
    }
}

/// The default `__init_subclass__` (`object.__init_subclass__`): accepts no arguments.
pub fn object_init_subclass(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let qn = match args.first().and_then(|c| c.as_obj()).filter(|c| matches!(c.payload, Payload::Type(_))) {
        Some(c) => type_obj(c).qualname.read().clone(),
        None => "object".to_string(),
    };
    if !kwargs.is_empty() {
        return Err(type_error(format!("{qn}.__init_subclass__() takes no keyword arguments")));
    }
    if args.len() > 1 {
        return Err(type_error(format!("{qn}.__init_subclass__() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(Value::None)
}

pub fn register() {
    let t = types();
    crate::builtins::add_methods(
        &t.type_,
        &[
            ("__call__", type_call_native),
            ("__init__", type_init),
            ("mro", type_mro),
            ("__subclasses__", type_subclasses),
            ("__instancecheck__", type_instancecheck),
            ("__subclasscheck__", type_subclasscheck),
            ("__dir__", type_dir),
            ("__getattribute__", type_getattribute),
            ("__setattr__", type_setattr),
            ("__delattr__", type_delattr),
        ],
    );
    let d = &type_obj(&t.type_).dict;
    let new = crate::builtins::function::new_builtin("__new__", type_new_native, Some(t.type_.clone()));
    dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
    crate::builtins::generic_alias::register();
    // `type.__dict__['__mro__']` and `['__dict__']` are getset descriptors, as in CPython (inspect reads their
    // `__get__`); reading them gives what `type_special_attr` computes.
    for name in ["__mro__", "__dict__"] {
        dict::set_str(d, name, descriptor::new_getset(&t.type_, name));
    }
    let prep = crate::builtins::function::new_builtin("__prepare__", type_prepare, Some(t.type_.clone()));
    dict::set_str(
        d,
        "__prepare__",
        Value::Obj(ObjRef::new(&t.classmethod, Payload::Descriptor(DescriptorObj::ClassMethod(prep))).make_immortal()),
    );
}
