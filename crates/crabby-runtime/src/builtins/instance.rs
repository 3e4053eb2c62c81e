//! Instance attributes kept inline: the storage of plain user-class instances until a real `__dict__` is asked
//! for (CPython's shared-key "inline values", PEP 412 and 3.11/3.12).
//!
//! Every user class whose instances have a `__dict__` and no other storage (base layout `object`, no
//! `__slots__`) has an [`AttrLayout`]: the attribute names its instances have stored, in the order they were
//! first stored, learned from the stores and only ever appended to. An instance keeps the values of the first
//! `len` names of its class's layout in a small array ([`InstAttrs`], in the `Payload::Instance` of the
//! object), so its attributes are always a prefix of the layout and the array order is the insertion order.
//! Creating an instance allocates no dict; a load is an index into the array (attribute sites remember the
//! index, checked against the layout's key); a store replaces a value or appends the next one.
//!
//! Anything else materialises a real dict, which is from then on the one authority (`Object::dict`, set once):
//! `__dict__`, `vars()`, deleting an attribute, storing a name out of the layout's order or past
//! `LAYOUT_MAX` names. The dict holds the same key objects and values, in the same order, so `__dict__`
//! identity, mutation through it and insertion order are CPython's.
//!
//! Instances of classes with `__slots__` (layout `object`, `TypeObj::slot_array`) use the same structure in
//! another mode: a fixed array of `Option<Value>`, one per slot of the class and its bases (`None`: unset),
//! made at creation and never reallocated; member descriptors and attribute sites read and write it by
//! index ([`slot_value`], [`set_slot_value`]).
//!
//! Threads: the array is guarded like a dict (see `dict.rs` and ARCHITECTURE.md, "Memory model"). `seq` is a
//! seqlock whose odd values also serve as the writers' lock (one compare-and-swap to enter, one store to
//! leave, never held while Python code runs); readers copy a value, validate `seq` and only then count the
//! copy. Replaced values and replaced arrays are retired through `qsbr` when another thread may be reading
//! (the instance records its creating thread, like a dict), so a validated copy is alive until the reader's
//! next safe point.

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::atomic::{fence, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};

use parking_lot::Mutex;

use crate::builtins::dict;
use crate::builtins::type_::{type_obj, Layout, TypeObj};
use crate::object::{ObjRef, Object, Payload};
use crate::qsbr::{self, Retired};
use crate::Value;

/// Names a class's layout may hold (CPython's shared keys stop at 30 too); an instance storing more
/// materialises a dict.
pub const LAYOUT_MAX: usize = 30;

/// The attribute names instances of one class store, in first-store order (append-only).
pub struct AttrLayout {
    /// Addresses of immortal exact `str` objects; a slot below `len` is written once, before `len` covers it.
    keys: [AtomicUsize; LAYOUT_MAX],
    /// The keys' hashes, so that a search for a name not in the layout compares no text.
    hashes: [AtomicI64; LAYOUT_MAX],
    /// A bit per key hash (`bloom_bit`): a name whose bit is clear is no attribute of any instance with
    /// inline attributes, which answers method lookups (the name is looked up on the instance first) at once.
    bloom: AtomicU64,
    len: AtomicU32,
    /// Serialises appends.
    grow: Mutex<()>,
}

impl Default for AttrLayout {
    fn default() -> AttrLayout {
        AttrLayout {
            keys: std::array::from_fn(|_| AtomicUsize::new(0)),
            hashes: std::array::from_fn(|_| AtomicI64::new(-1)),
            bloom: AtomicU64::new(0),
            len: AtomicU32::new(0),
            grow: Mutex::new(()),
        }
    }
}

impl AttrLayout {
    /// The address of the key at `i` (0 when not yet set): compared by identity with an attribute site's name.
    #[inline]
    fn key_addr(&self, i: usize) -> usize {
        // Relaxed: only compared with an address, never followed.
        self.keys.get(i).map_or(0, |k| k.load(Ordering::Relaxed))
    }

    /// The key at `i < len()`.
    fn key(&self, i: usize) -> Value {
        // Relaxed: `i` is below a `len` read with Acquire, which the key's store precedes.
        let addr = self.keys[i].load(Ordering::Relaxed);
        // SAFETY: keys are immortal str objects stored by `append`.
        Value::Obj(unsafe { ObjRef::from_immortal_addr(addr) })
    }

    fn len(&self) -> usize {
        // Acquire: pairs with the Release in `append`, so the keys below it are visible.
        self.len.load(Ordering::Acquire) as usize
    }

    /// The position of `name` among the first `n` keys: by identity, else by hash and text.
    fn find(&self, name: &str, key: Option<&Value>, n: usize) -> Option<usize> {
        let addr = key.and_then(Value::as_obj).map_or(0, ObjRef::addr);
        let h = name_hash(name, key);
        (0..n).find(|&i| {
            // Relaxed: `i` is below a `len` read with Acquire (see `key`).
            self.key_addr(i) == addr
                || (self.hashes[i].load(Ordering::Relaxed) == h && self.key(i).as_str() == Some(name))
        })
    }

    /// Makes `name` the key at `at` if the layout has exactly `at` keys (or already has `name` there).
    fn append(&self, at: usize, name: &str, key: Option<&Value>) -> bool {
        if at >= LAYOUT_MAX {
            return false;
        }
        let _g = self.grow.lock();
        let n = self.len();
        if n > at {
            return self.key_addr(at) == key.and_then(Value::as_obj).map_or(1, ObjRef::addr)
                || self.key(at).as_str() == Some(name);
        }
        if n < at {
            return false;
        }
        // The interned str (immortal): compiled sites name attributes with interned strs and compare keys by
        // identity first, whichever module or `exec`'d source stored the attribute first.
        let k = crate::builtins::str::intern_static(name).as_obj().expect("str").clone();
        // Relaxed: published by the Release store of `len`.
        self.keys[at].store(k.addr(), Ordering::Relaxed);
        let h = name_hash(name, Some(&Value::Obj(k.clone())));
        self.hashes[at].store(h, Ordering::Relaxed);
        // Relaxed: published by the Release store of `len`; only the holder of `grow` writes it.
        self.bloom.store(self.bloom.load(Ordering::Relaxed) | bloom_bit(h), Ordering::Relaxed);
        self.len.store(at as u32 + 1, Ordering::Release);
        true
    }
}

/// The hash of an attribute name (the str's cached hash when the caller has the str).
fn name_hash(name: &str, key: Option<&Value>) -> i64 {
    match key.and_then(Value::payload) {
        Some(Payload::Str(s)) => s.hash(),
        _ => crate::ops::hash::hash_str(name),
    }
}

/// The layout Bloom filter's bit for a hash (the top six bits of a multiplicative mix).
#[inline(always)]
fn bloom_bit(hash: i64) -> u64 {
    1 << ((hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// Whether instances of `t` keep their attributes inline (a user class with a `__dict__` and no other storage).
#[inline]
pub fn inline_type(t: &TypeObj) -> bool {
    t.heap && t.instance_dict && !t.slot_storage && !t.slot_array && matches!(t.layout, Layout::Object)
}

/// `InstAttrs::mode`: the instance has no inline attributes (`object()`, native types' instances).
const MODE_NONE: u32 = 0;
/// Attributes are the inline values.
const MODE_INLINE: u32 = 1;
/// A dict was materialised: `Object::dict` is the authority, `len` is 0.
const MODE_DICT: u32 = 2;
/// `values` is the fixed slot array (`Option<Value>`, `cap` long) of an instance of a class with slots.
const MODE_SLOTS: u32 = 3;

/// Values an instance keeps inside its own object (so that an instance of a class with at most this many
/// attributes is one allocation); more move to an array of their own. The object's payload has room for them.
const INLINE_VALUES: usize = 6;

/// The inline attribute values of one instance (see the module comment).
pub struct InstAttrs {
    /// Seqlock and writers' lock: odd while a writer changes the values.
    seq: AtomicU32,
    /// Values set: the first `len` keys of the class's layout. 0 once a dict was materialised.
    len: AtomicU32,
    /// Capacity of `values`.
    cap: AtomicU32,
    mode: AtomicU32,
    values: AtomicPtr<Value>,
    /// The creating thread, until another thread reads the values without locking (as `DictObj::owner`).
    owner: qsbr::Owner,
    /// The first array `values` points to (set by the first store, once the object is at its final address):
    /// written only through `values`, under the write lock, like any array; never freed on its own.
    inline: UnsafeCell<[MaybeUninit<Value>; INLINE_VALUES]>,
}

// SAFETY: `inline` is only accessed through `values`, under the same seqlock and write-lock rules as an
// allocated array (see the module comment); everything else is atomics.
unsafe impl Sync for InstAttrs {}
// SAFETY: the values it owns are Send; the array is plain memory.
unsafe impl Send for InstAttrs {}

/// A values array being freed, whose values were moved out or dropped already.
struct RawValues(*mut Value, usize);

// SAFETY: the array holds no values any more (only its memory is freed), and memory may be freed anywhere.
unsafe impl Send for RawValues {}

impl Drop for RawValues {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: allocated by `Vec::with_capacity(self.1)` in `grow`; length 0, so no value is dropped.
            drop(unsafe { Vec::from_raw_parts(self.0, 0, self.1) });
        }
    }
}

impl Drop for InstAttrs {
    fn drop(&mut self) {
        let p = *self.values.get_mut();
        let len = *self.len.get_mut() as usize;
        let cap = *self.cap.get_mut() as usize;
        if p.is_null() {
            if *self.mode.get_mut() == MODE_SLOTS {
                let own = self.inline.get_mut().as_mut_ptr() as *mut Option<Value>;
                // SAFETY: `slots` initialised the first `cap` items of the object's own array as slots, owned
                // by it; nobody else can reach them.
                unsafe { std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(own, cap)) };
            }
            return;
        }
        if p == self.inline.get_mut().as_mut_ptr() as *mut Value {
            // SAFETY: the first `len` values of the object's own array are initialised and owned by it.
            unsafe { std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(p, len)) };
            return;
        }
        if *self.mode.get_mut() == MODE_SLOTS {
            // SAFETY: the slot array was made by `slots` as a `Vec<Option<Value>>` of length and capacity `cap`,
            // every item initialised; nobody else can reach it.
            drop(unsafe { Vec::from_raw_parts(p as *mut Option<Value>, cap, cap) });
            return;
        }
        // SAFETY: the first `len` values are initialised and owned by this array; nobody else can reach it.
        drop(unsafe { Vec::from_raw_parts(p, len, cap) });
    }
}

impl InstAttrs {
    /// Storage of an instance without inline attributes.
    pub const fn none() -> InstAttrs {
        InstAttrs::with_mode(MODE_NONE)
    }

    /// Empty inline storage of a new instance of an inline class.
    pub fn inline() -> InstAttrs {
        let a = InstAttrs::with_mode(MODE_INLINE);
        a.owner.claim();
        a
    }

    /// A new object of `ty` with `InstAttrs::inline()` as its payload, written straight into the allocation:
    /// a payload built on the stack was copied whole (144 bytes, mostly the uninitialised value array) into
    /// the object, through wide loads of the narrow stores just made (a store-forwarding stall per instance).
    #[inline]
    pub fn new_inline_object(ty: &ObjRef) -> ObjRef {
        // SAFETY: the closure writes the whole payload (the value array may stay uninitialised, as in
        // `inline()`), then claims it for this thread through the pointer, before the object is shared.
        unsafe {
            ObjRef::new_in_place(ty, |p| {
                p.write(Payload::Instance(InstAttrs::with_mode(MODE_INLINE)));
                if let Payload::Instance(a) = &*p {
                    a.owner.claim();
                }
            })
        }
    }

    /// The slot array of a new instance of a class with `n > 0` slots, all unset.
    pub fn slots(n: u32) -> InstAttrs {
        let a = InstAttrs::with_mode(MODE_SLOTS);
        if n as usize <= INLINE_VALUES {
            // The object's own array (`values` stays null: the address is only known once the object is in
            // place; `slot_array` reads it from there).
            let own = a.inline.get() as *mut Option<Value>;
            for i in 0..n as usize {
                // SAFETY: `i` is inside the array (an `Option<Value>` has a `Value`'s size and alignment);
                // nobody else can reach it yet.
                unsafe { own.add(i).write(None) };
            }
            // Relaxed: the object is not shared yet; publishing it publishes this.
            a.cap.store(n, Ordering::Relaxed);
            a.owner.claim();
            return a;
        }
        let mut v: Vec<Option<Value>> = (0..n).map(|_| None).collect();
        v.shrink_to_fit();
        let cap = v.capacity();
        debug_assert_eq!(cap, n as usize);
        let p = v.as_mut_ptr();
        std::mem::forget(v);
        // Relaxed: the object is not shared yet; publishing it publishes these.
        a.values.store(p as *mut Value, Ordering::Relaxed);
        a.cap.store(cap as u32, Ordering::Relaxed);
        a.owner.claim();
        a
    }

    /// The slot array and its length, when these are the slots of an instance of a class with slots.
    #[inline]
    fn slot_array(&self) -> Option<(*mut Option<Value>, usize)> {
        // Relaxed (all three): the mode, array and length are set before the object is shared and never change.
        if self.mode.load(Ordering::Relaxed) != MODE_SLOTS {
            return None;
        }
        let p = self.values.load(Ordering::Relaxed) as *mut Option<Value>;
        // A null array: the slots are in the object's own array.
        let p = if p.is_null() { self.inline.get() as *mut Option<Value> } else { p };
        Some((p, self.cap.load(Ordering::Relaxed) as usize))
    }

    const fn with_mode(mode: u32) -> InstAttrs {
        InstAttrs {
            seq: AtomicU32::new(0),
            len: AtomicU32::new(0),
            cap: AtomicU32::new(0),
            mode: AtomicU32::new(mode),
            values: AtomicPtr::new(std::ptr::null_mut()),
            owner: qsbr::Owner::shared(),
            inline: UnsafeCell::new([const { MaybeUninit::uninit() }; INLINE_VALUES]),
        }
    }

    /// Whether the attributes are (still) inline. Acquire: pairs with the Release store of `materialize`,
    /// so a caller that then sees the dict mode sees the dict.
    #[inline]
    pub fn is_inline(&self) -> bool {
        self.mode.load(Ordering::Acquire) == MODE_INLINE
    }

    /// As `DictObj::note_reader`: a thread other than the creator marks the values shared before its first
    /// lock-free read, so that from then on writers retire what they replace.
    #[inline]
    fn note_reader(&self) {
        self.owner.note_reader();
    }

    /// The value at `i` if it is set and keyed `key_addr` in `layout`, read without locking; `None` when it
    /// is not (or a writer interfered): the caller takes the slow path.
    #[inline]
    fn load_at(&self, layout: &AttrLayout, i: usize, key_addr: usize) -> Option<Value> {
        self.note_reader();
        let s = self.seq.load(Ordering::Acquire);
        // Relaxed: validated by the re-check of `seq` below.
        let n = self.len.load(Ordering::Relaxed) as usize;
        if s & 1 != 0 || i >= n || layout.key_addr(i) != key_addr {
            return None;
        }
        let p = self.values.load(Ordering::Relaxed);
        // SAFETY: `i < len` at the even sequence number `s`, so `p` held at least `i + 1` values then; the
        // array is alive (a writer that replaced it since retired it, and this thread has not passed a safe
        // point). Copied as `MaybeUninit` and only interpreted after validation (the seqlock read).
        let raw = unsafe { std::ptr::read_volatile(p.add(i) as *const MaybeUninit<Value>) };
        // Acquire fence: the copies above are ordered before the re-check (the seqlock read protocol).
        fence(Ordering::Acquire);
        if self.seq.load(Ordering::Relaxed) != s {
            return None;
        }
        // SAFETY: validated: the bytes of a live value of this instance at `s`.
        Some(dict::clone_copied(unsafe { raw.assume_init_ref() }))
    }

    /// Enters a write section: spins while another writer is in one (writers never run Python code or block
    /// inside it). Returns the odd sequence number and whether replaced items must be retired; `(0, false)`
    /// when only one Python thread runs: nothing else can read or write the values then (a thread started
    /// later is started by this one, after the write section, and the start orders the write before its
    /// reads; one that ended published its last accesses with the Release of its unregistering, which
    /// `deferring`'s Acquire pairs with), so the compare-and-swap and the sequence bump are skipped.
    #[inline]
    fn lock(&self) -> (u32, bool) {
        if !qsbr::deferring() {
            return (0, false);
        }
        self.lock_shared()
    }

    /// `lock` while other Python threads run.
    #[inline]
    fn lock_shared(&self) -> (u32, bool) {
        let mut spins = 0u32;
        loop {
            // Relaxed: the CAS below decides.
            let s = self.seq.load(Ordering::Relaxed);
            // Acquire: the previous writer's changes (Release at its unlock) are visible to this one.
            if s & 1 == 0 && self.seq.compare_exchange_weak(s, s + 1, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                // Release fence: the odd number is ordered before every change of this write (seqlock writer).
                fence(Ordering::Release);
                let defer = self.owner.writer_defers();
                return (s + 1, defer);
            }
            spins += 1;
            if spins > 64 {
                std::thread::yield_now();
            } else {
                std::hint::spin_loop();
            }
        }
    }

    #[inline]
    fn unlock(&self, odd: u32) {
        if odd == 0 {
            // `lock` took no lock (one Python thread).
            return;
        }
        // Release: a reader or writer that sees the new even number sees this write's changes.
        self.seq.store(odd.wrapping_add(1), Ordering::Release);
    }

    /// Replaces value `i < len` under the write lock; the old value is returned to be dropped after
    /// unlocking (or `None` when it was retired).
    #[inline]
    fn replace(&self, i: usize, value: Value, defer: bool) -> Option<Value> {
        let p = self.values.load(Ordering::Relaxed);
        // SAFETY: `i < len`, an initialised value, and the caller holds the write lock.
        let old = unsafe { std::ptr::replace(p.add(i), value) };
        if defer {
            qsbr::retire(Retired::Value(old));
            return None;
        }
        Some(old)
    }

    /// Appends a value at `len` under the write lock, growing the array first when full.
    fn push(&self, value: Value, want: usize, defer: bool) {
        let n = self.len.load(Ordering::Relaxed) as usize;
        let cap = self.cap.load(Ordering::Relaxed) as usize;
        let own = self.inline.get() as *mut Value;
        // Relaxed: under the write lock.
        let old = self.values.load(Ordering::Relaxed);
        if n == cap && old.is_null() && want <= INLINE_VALUES {
            // The first store of an instance whose class has few attributes: the object's own array.
            // Relaxed: published by the unlock's Release store (or by publishing the object).
            self.values.store(own, Ordering::Relaxed);
            self.cap.store(INLINE_VALUES as u32, Ordering::Relaxed);
        } else if n == cap {
            let new_cap = want.max(n * 2).clamp(2, LAYOUT_MAX);
            let mut v: Vec<Value> = Vec::with_capacity(new_cap);
            if !old.is_null() {
                // SAFETY: moves the `n` initialised values bitwise into the new array; the old array keeps
                // their bits for lock-free readers but is freed without dropping them.
                unsafe { std::ptr::copy_nonoverlapping(old, v.as_mut_ptr(), n) };
            }
            let new_cap = v.capacity();
            let p = v.as_mut_ptr();
            std::mem::forget(v);
            // Relaxed: published by the unlock's Release store.
            self.values.store(p, Ordering::Relaxed);
            self.cap.store(new_cap as u32, Ordering::Relaxed);
            if old != own {
                let raw = RawValues(old, cap);
                if defer && !old.is_null() {
                    qsbr::retire(Retired::Buffer(Box::new(raw)));
                } else {
                    drop(raw);
                }
            }
            // The object's own array keeps the moved values' bits for lock-free readers (it lives as long as
            // the object) and is never used again.
        }
        let p = self.values.load(Ordering::Relaxed);
        // SAFETY: `n < cap`; the slot is uninitialised and the caller holds the write lock.
        unsafe { p.add(n).write(value) };
        self.len.store(n as u32 + 1, Ordering::Relaxed);
    }
}

/// Slot `i` of an instance of a class with slots: `Some(None)` when the slot is unset, `None` when `o` has no
/// slot `i` (not an instance with a slot array). Read without locking, as `InstAttrs::load_at`.
#[inline]
pub fn slot_value(o: &Object, i: u32) -> Option<Option<Value>> {
    let Payload::Instance(a) = &o.payload else { return None };
    slot_load(a, i)
}

/// `slot_value` on an instance's storage.
#[inline]
pub fn slot_load(a: &InstAttrs, i: u32) -> Option<Option<Value>> {
    let (p, n) = a.slot_array()?;
    let i = i as usize;
    if i >= n {
        return None;
    }
    a.note_reader();
    loop {
        let s = a.seq.load(Ordering::Acquire);
        if s & 1 != 0 {
            std::hint::spin_loop();
            continue;
        }
        // SAFETY: `i < n`, inside the array, which lives as long as the object; a value a writer replaced
        // meanwhile was retired (or this thread is its only reader). Copied as `MaybeUninit` and only
        // interpreted after validation (the seqlock read).
        let raw = unsafe { std::ptr::read_volatile(p.add(i) as *const MaybeUninit<Option<Value>>) };
        // Acquire fence: the copy is ordered before the re-check (the seqlock read protocol).
        fence(Ordering::Acquire);
        if a.seq.load(Ordering::Relaxed) != s {
            continue;
        }
        // SAFETY: validated: the bytes of the slot's live value (or `None`) at `s`.
        return Some(unsafe { raw.assume_init_ref() }.as_ref().map(dict::clone_copied));
    }
}

/// Sets (`Some`) or clears (`None`) slot `i` of an instance of a class with slots: `Ok(was_set)`, or the
/// value back when `o` has no slot `i`. One compare-and-swap to enter the write section, one store to leave.
#[inline]
pub fn set_slot_value(o: &Object, i: u32, value: Option<Value>) -> Result<bool, Option<Value>> {
    let Payload::Instance(a) = &o.payload else { return Err(value) };
    slot_store(a, i, value)
}

/// `set_slot_value` on an instance's storage.
#[inline]
pub fn slot_store(a: &InstAttrs, i: u32, value: Option<Value>) -> Result<bool, Option<Value>> {
    let Some((p, n)) = a.slot_array() else { return Err(value) };
    let i = i as usize;
    if i >= n {
        return Err(value);
    }
    let (odd, defer) = a.lock();
    // SAFETY: `i < n`, an initialised item of the array, and this thread holds the write lock.
    let old = unsafe { std::ptr::replace(p.add(i), value) };
    a.unlock(odd);
    let was_set = old.is_some();
    match old {
        // Lock-free readers may have copied it: it stays alive until they pass a safe point.
        Some(v) if defer => qsbr::retire(Retired::Value(v)),
        // Dropped after unlocking: freeing it may run Python code.
        old => drop(old),
    }
    Ok(was_set)
}

/// The inline storage of `o`, if its attributes are inline.
#[inline]
pub fn inline_attrs(o: &Object) -> Option<&InstAttrs> {
    match &o.payload {
        Payload::Instance(a) if a.is_inline() => Some(a),
        _ => None,
    }
}

/// An attribute site's load: the value at the site's remembered layout index `hint` if the name is there;
/// otherwise the general lookup among the inline values (updating the hint). `Some(None)`: absent; `None`:
/// the instance has a dict now (the caller reads that). `layout` is the instance's class's (the site has it).
#[inline]
pub fn load_hinted(layout: &AttrLayout, a: &InstAttrs, name: &Value, hint: &AtomicU32) -> Option<Option<Value>> {
    if let Some(v) = load_fast(layout, a, name, hint) {
        return Some(Some(v));
    }
    // An instance whose attributes are inline only has layout keys.
    if lacks_fast(layout, a, name) {
        return Some(None);
    }
    load_slow_in(layout, a, name.as_str().unwrap_or(""), Some(name), Some(hint))
}

/// The fast path of an attribute site's load: the value at the site's remembered index when the instance's
/// attributes are inline and the name is there; `None` for everything else (the caller then takes the general
/// path, `load_hinted` included). Small enough to inline into every site: no calls, no stack frame.
#[inline(always)]
pub fn load_fast(layout: &AttrLayout, a: &InstAttrs, name: &Value, hint: &AtomicU32) -> Option<Value> {
    // Relaxed: the hint is a guess, checked against the layout's key. A materialised or slotted instance has
    // no inline values (`len` 0), so `load_at` refuses it.
    let i = hint.load(Ordering::Relaxed) as usize;
    a.load_at(layout, i, name.as_obj().map_or(1, ObjRef::addr))
}

/// Whether the instance certainly has no own attribute `name` (for a method call through a site): its
/// attributes are inline and no instance of its class ever stored the name (the layout's bloom bit is clear).
/// `false` means "look it up".
#[inline(always)]
pub fn lacks_fast(layout: &AttrLayout, a: &InstAttrs, name: &Value) -> bool {
    let Some(Payload::Str(n)) = name.payload() else { return false };
    // Acquire: pairs with the Release of `len` after an append, so a name stored before this load has its bit.
    layout.len.load(Ordering::Acquire) > 0
        && {
            // Relaxed: ordered by the Acquire load of `len` above.
            let bloom = layout.bloom.load(Ordering::Relaxed);
            bloom & bloom_bit(n.hash()) == 0
        }
        && a.is_inline()
}

/// The fast path of an attribute site's store: replaces the value at the site's remembered index when the
/// instance's attributes are inline and the name is there, returning the old value for the caller to drop
/// (after the write section: freeing it may run Python code); `Err(value)` for everything else.
#[inline(always)]
pub fn replace_fast(
    layout: &AttrLayout,
    a: &InstAttrs,
    name: &Value,
    value: Value,
    hint: &AtomicU32,
) -> Result<Option<Value>, Value> {
    // Relaxed: see `load_fast`.
    let i = hint.load(Ordering::Relaxed) as usize;
    let (odd, defer) = a.lock();
    // Relaxed (both): under the write lock. A materialised or slotted instance has `len` 0.
    let n = a.len.load(Ordering::Relaxed) as usize;
    if i < n && layout.key_addr(i) == name.as_obj().map_or(1, ObjRef::addr) {
        let old = a.replace(i, value, defer);
        a.unlock(odd);
        return Ok(old);
    }
    a.unlock(odd);
    Err(value)
}

/// The instance's own attribute `name` among its inline values: `Some(None)` when absent, `None` when the
/// attributes live in a dict (now).
pub fn load_slow(
    o: &ObjRef,
    a: &InstAttrs,
    name: &str,
    key: Option<&Value>,
    hint: Option<&AtomicU32>,
) -> Option<Option<Value>> {
    load_slow_in(&type_obj(o.ty()).attr_layout, a, name, key, hint)
}

/// `load_slow` with the instance's class's layout.
#[cold]
fn load_slow_in(
    layout: &AttrLayout,
    a: &InstAttrs,
    name: &str,
    key: Option<&Value>,
    hint: Option<&AtomicU32>,
) -> Option<Option<Value>> {
    loop {
        a.note_reader();
        let s = a.seq.load(Ordering::Acquire);
        if s & 1 != 0 {
            std::hint::spin_loop();
            continue;
        }
        // Checked after the sequence number, inside the validated window: a materialisation that finished
        // before `s` stored the dict mode before its unlock, so it is seen here. Checked before, the values'
        // length could already be the 0 that materialising leaves, and a present name read as absent.
        if !a.is_inline() {
            return None;
        }
        // Relaxed: validated below.
        let n = a.len.load(Ordering::Relaxed) as usize;
        let Some(i) = layout.find(name, key, n.min(layout.len())) else {
            fence(Ordering::Acquire);
            if a.seq.load(Ordering::Relaxed) != s {
                continue;
            }
            return Some(None);
        };
        let addr = layout.key_addr(i);
        if let Some(v) = a.load_at(layout, i, addr) {
            if let Some(h) = hint {
                // Relaxed: see `load_hinted`.
                h.store(i as u32, Ordering::Relaxed);
            }
            return Some(Some(v));
        }
    }
}

/// An attribute site's store: replaces the value at the remembered index, else the general store. `layout` is
/// the instance's class's (the site has it).
#[inline]
pub fn store_hinted(o: &ObjRef, layout: &AttrLayout, a: &InstAttrs, name: &Value, value: Value, hint: &AtomicU32) {
    // Relaxed: see `load_hinted`.
    let i = hint.load(Ordering::Relaxed) as usize;
    let (odd, defer) = a.lock();
    // Relaxed: under the write lock.
    let n = a.len.load(Ordering::Relaxed) as usize;
    if layout.key_addr(i) == name.as_obj().map_or(1, ObjRef::addr) {
        if i < n {
            let old = a.replace(i, value, defer);
            a.unlock(odd);
            // Dropped after unlocking: freeing it may run Python code.
            drop(old);
            return;
        }
        let want = layout.len();
        // Relaxed: under the write lock, as in `store`.
        if i == n && i < want && a.mode.load(Ordering::Relaxed) == MODE_INLINE {
            // The next name of the layout (an `__init__` storing its attributes in order): appended without
            // searching the layout or taking its lock (the key is published there already: `i < len`, read
            // with Acquire).
            a.push(value, want, defer);
            a.unlock(odd);
            return;
        }
    }
    a.unlock(odd);
    store(o, a, name.as_str().unwrap_or(""), Some(name), value, Some(hint));
}

/// Stores attribute `name` of an instance with inline attributes (or, once it has a dict, in the dict).
pub fn store(o: &ObjRef, a: &InstAttrs, name: &str, key: Option<&Value>, value: Value, hint: Option<&AtomicU32>) {
    let layout = &type_obj(o.ty()).attr_layout;
    let (odd, defer) = a.lock();
    if a.mode.load(Ordering::Relaxed) == MODE_INLINE {
        // Relaxed: under the write lock.
        let n = a.len.load(Ordering::Relaxed) as usize;
        let found = layout.find(name, key, n);
        let at = match found {
            Some(i) => Some(i),
            None if layout.append(n, name, key) => {
                a.push(value, layout.len(), defer);
                a.unlock(odd);
                if let Some(h) = hint {
                    // Relaxed: see `load_hinted`.
                    h.store(n as u32, Ordering::Relaxed);
                }
                return;
            }
            None => None,
        };
        if let Some(i) = at {
            let old = a.replace(i, value, defer);
            a.unlock(odd);
            if let Some(h) = hint {
                h.store(i as u32, Ordering::Relaxed);
            }
            drop(old);
            return;
        }
        // A name out of the layout's order (or past its size): the instance gets a real dict.
        materialize_locked(o, a, defer);
    }
    a.unlock(odd);
    let d = o.dict().expect("materialised dict");
    match key {
        Some(k) if k.as_str().is_some() => {
            let _ = dict::set(d, k.clone(), value);
        }
        _ => dict::set_str(d, name, value),
    }
}

/// Makes the real `__dict__` of an instance with inline attributes (a no-op once made): called by
/// `Object::dict`.
pub fn materialize(o: &Object) {
    let Payload::Instance(a) = &o.payload else { return };
    if !a.is_inline() {
        return;
    }
    let (odd, defer) = a.lock();
    if a.mode.load(Ordering::Relaxed) == MODE_INLINE {
        materialize_locked(o, a, defer);
    }
    a.unlock(odd);
}

/// Moves the inline values into a new dict (under the write lock) and publishes it as the object's dict.
fn materialize_locked(o: &Object, a: &InstAttrs, defer: bool) {
    let layout = &type_obj(o.ty()).attr_layout;
    let d = dict::new_dict_obj();
    // Relaxed: under the write lock.
    let n = a.len.load(Ordering::Relaxed) as usize;
    let p = a.values.load(Ordering::Relaxed);
    for i in 0..n {
        // SAFETY: `i < len`: an initialised value, moved out; `len` becomes 0 below, so it is never dropped
        // from the array again.
        let v = unsafe { p.add(i).read() };
        if defer {
            // Lock-free readers may hold copies of the value: a reference stays alive for them.
            qsbr::retire(Retired::Value(v.clone()));
        }
        // The keys are exact strs: the store cannot fail or run Python code.
        let _ = dict::set(&d, layout.key(i), v);
    }
    a.len.store(0, Ordering::Relaxed);
    o.set_dict_once(d);
    // Release: pairs with `is_inline`'s Acquire: who sees the dict mode sees the dict pointer.
    a.mode.store(MODE_DICT, Ordering::Release);
}

/// Whether `o` has no inline attribute `name` (used by `del` to raise AttributeError without materialising).
pub fn lacks(o: &ObjRef, a: &InstAttrs, name: &str) -> bool {
    matches!(load_slow(o, a, name, None, None), Some(None))
}

/// The attribute `name` an object holds itself (its inline values or its dict), without materialising a
/// dict; `key` is the name as a `str` value when the caller has one.
pub fn own_attr(o: &ObjRef, name: &str, key: Option<&Value>) -> Option<Value> {
    if let Some(a) = inline_attrs(o) {
        if let Some(found) = load_slow(o, a, name, key, None) {
            return found;
        }
    }
    let d = o.raw_dict()?;
    match key {
        // A str key compares without running Python code, so the lookup cannot fail.
        Some(k) if k.as_str().is_some() => dict::get(d, k).ok().flatten(),
        _ => dict::get_str(d, name),
    }
}
