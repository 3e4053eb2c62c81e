//! `dict`: an insertion-ordered hash table, safe to share between threads.
//!
//! The table is CPython's compact layout: an index array probed with CPython's perturbation scheme, pointing
//! into an insertion-ordered entry array. The table's lock is never held while Python code runs: keys whose
//! equality needs `__eq__` are compared after unlocking, and the operation restarts if the table changed.
//!
//! Reads take no lock. Writers hold the table's write lock and make the dict's sequence number odd while they
//! change the table; a reader copies what it needs (the table's buffers are published through `TableView`),
//! checks that the sequence number did not move, and only then follows the copied pointers. What a writer
//! removes (keys, values, replaced buffers) is retired through `qsbr` rather than dropped while other threads
//! run, so a reader's validated copy always points to live objects and memory. A read that meets a writer, or
//! a key whose comparison needs Python code, falls back to the read lock.
//!
//! Below the table are the `dict` methods (CPython's messages and argument conventions); the views returned by
//! `keys()`, `values()` and `items()` live in `dict_views.rs`.

use std::mem::{ManuallyDrop, MaybeUninit};
use std::sync::atomic::{fence, AtomicPtr, AtomicU32, AtomicU64, Ordering};

use parking_lot::RwLock;

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::dict_views::{self, ViewKind};
use crate::builtins::function::NativeFn;
use crate::builtins::list::{not_implemented, receiver, slot_args, Recv, ReprGuard};
use crate::builtins::{add_methods, type_, types};
use crate::error::{key_error, type_error, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::qsbr::{self, Retired};
use crate::Value;

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct DictTable {
    /// A boxed slice, not a `Vec`: its length is fixed between rebuilds, and the word a `Vec`'s capacity
    /// would take holds `head` instead (keeps `DictObj`, hence every heap object, small).
    indices: Box<[u32]>,
    /// Insertion order; `None` marks a deleted entry until the next rebuild.
    entries: Vec<Option<Entry>>,
    /// Live entries; 32 bits as entry indices are (keeps `DictObj`, hence every heap object, small).
    used: u32,
    /// Bumped by every insertion or deletion of a key, so an operation that unlocked to run `__eq__` can tell
    /// whether its probe is still valid.
    version: u64,
    /// Set for the current write section when another thread may be reading the table without locking:
    /// what the write removes is then retired through `qsbr` instead of dropped (see `DictObj::write`).
    defer: bool,
    /// A one-word Bloom filter of the keys' hashes (`bloom_bit`): a lookup whose bit is clear needs no probe.
    /// Insertions set bits, removals leave them (a superset stays correct), rebuilds recompute it. It answers
    /// the common miss of attribute lookups cheaply: a method name looked up in an instance `__dict__` first.
    bloom: u64,
    /// A lower bound of the first live entry's position: every entry below it is deleted. Only the operations
    /// at the front of the order (`OrderedDict.popitem(last=False)` and `move_to_end(last=False)`) read and
    /// move it, so they pass over the holes earlier pops left once rather than on every call; insertions
    /// append past it and rebuilds reset it.
    head: u32,
}

// A dict is the largest payload (see `object.rs`): the table must not grow.
const _: () = assert!(std::mem::size_of::<DictTable>() <= 72);

/// What `OrderedDict.clear()` adds to a table's version (other changes add 1): its iterators report a clear
/// as CPython's "changed size" and any other change as a mutation (see `order_step`).
const CLEAR_MARK: u64 = 1 << 32;

/// The Bloom filter bit of a hash: the top six bits of a multiplicative mix (the probe uses the low bits, and
/// ints hash to themselves, so the low bits alone would put every small int in one bit).
#[inline(always)]
fn bloom_bit(hash: i64) -> u64 {
    1 << ((hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

enum Probe {
    Found(usize),
    /// Not present; the first free slot of the probe sequence.
    Missing,
    /// The probe met keys whose comparison needs Python code: `(entry index, key)` in probe order.
    NeedEq(Vec<(usize, Value)>),
}

impl DictTable {
    pub fn len(&self) -> usize {
        self.used as usize
    }

    fn probe(&self, key: &Value, hash: i64) -> Probe {
        if self.indices.is_empty() {
            return Probe::Missing;
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut free = usize::MAX;
        let mut slow: Option<Vec<(usize, Value)>> = None;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return match slow {
                    Some(v) => Probe::NeedEq(v),
                    None => Probe::Missing,
                };
            }
            if ix == DUMMY {
                if free == usize::MAX {
                    free = i;
                }
            } else if let Some(e) = &self.entries[ix as usize] {
                if e.hash == hash {
                    if let Some(list) = &mut slow {
                        list.push((ix as usize, e.key.clone()));
                    } else {
                        match ops::compare::fast_eq(&e.key, key) {
                            Some(true) => return Probe::Found(ix as usize),
                            Some(false) => {}
                            None => slow = Some(vec![(ix as usize, e.key.clone())]),
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    fn slot_of(&self, entry_ix: usize, hash: i64) -> usize {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if self.indices[i] == entry_ix as u32 {
                return i;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// Rebuilds the index for at least `min_used` entries, compacting the entry array. Both buffers are new:
    /// lock-free readers may still be reading the old ones, which are retired, not freed. The entry array is
    /// allocated at the index's full usable size, so `insert_new` never makes it reallocate behind our back.
    fn rebuild(&mut self, min_used: usize) {
        self.rebuild_with_gap(min_used, 0);
    }

    /// `rebuild`, leaving the first `gap` positions of the new entry array free (deleted) for entries moved to
    /// the front (`move_entry`); `head` is then `gap`.
    fn rebuild_with_gap(&mut self, min_used: usize, gap: usize) {
        // A dict's first table (most dicts are small and new: keyword arguments, records): nothing to move,
        // retire or index, so the two buffers are made directly.
        if self.indices.is_empty() && self.entries.capacity() == 0 && gap == 0 && min_used < 8 * 2 / 3 {
            self.entries = Vec::with_capacity(8 * 2 / 3);
            self.indices = vec![EMPTY; 8].into_boxed_slice();
            self.bloom = 0;
            self.head = 0;
            return;
        }
        let mut size = 8;
        while size * 2 / 3 <= min_used + gap {
            size *= 2;
        }
        let mut old = std::mem::take(&mut self.entries);
        let mut entries: Vec<Option<Entry>> = Vec::with_capacity(size * 2 / 3);
        entries.resize_with(gap, || None);
        entries.extend(old.iter_mut().filter_map(|e| e.take().map(Some)));
        let old_indices = std::mem::replace(&mut self.indices, vec![EMPTY; size].into_boxed_slice());
        // A buffer that was never allocated holds nothing a reader could be reading.
        if self.defer && old.capacity() > 0 {
            qsbr::retire(Retired::Buffer(Box::new(old)));
        }
        if self.defer && !old_indices.is_empty() {
            qsbr::retire(Retired::Buffer(Box::new(old_indices)));
        }
        let mask = size - 1;
        self.bloom = 0;
        self.head = gap as u32;
        for (n, e) in entries.iter().enumerate().skip(gap) {
            let hash = e.as_ref().map_or(0, |e| e.hash);
            self.bloom |= bloom_bit(hash);
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            while self.indices[i] != EMPTY {
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
            }
            self.indices[i] = n as u32;
        }
        self.entries = entries;
    }

    /// Inserts a key known to be absent.
    fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if self.indices.is_empty() || self.entries.len() + 1 > self.indices.len() * 2 / 3 {
            self.rebuild((self.used as usize + 1) * 3);
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] != EMPTY && self.indices[i] != DUMMY {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        debug_assert!(self.entries.len() < self.entries.capacity(), "the entry array must not reallocate");
        self.indices[i] = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.bloom |= bloom_bit(hash);
        self.used += 1;
        self.version += 1;
    }

    fn remove_at(&mut self, entry_ix: usize) -> Option<Entry> {
        let hash = self.entries[entry_ix].as_ref()?.hash;
        let slot = self.slot_of(entry_ix, hash);
        self.indices[slot] = DUMMY;
        self.used -= 1;
        self.version += 1;
        let e = self.entries[entry_ix].take();
        if let Some(e) = &e {
            if self.defer {
                // Lock-free readers may hold copies of this entry: the table's references stay alive for them.
                qsbr::retire(Retired::Value(e.key.clone()));
                qsbr::retire(Retired::Value(e.value.clone()));
            }
        }
        e
    }

    /// Replaces the value of the live entry `entry_ix`, returning the old one for the caller to drop after
    /// unlocking (freeing it may run Python code).
    fn replace_value(&mut self, entry_ix: usize, value: Value) -> Option<Value> {
        let e = self.entries[entry_ix].as_mut()?;
        let old = std::mem::replace(&mut e.value, value);
        if self.defer {
            // See `remove_at`.
            qsbr::retire(Retired::Value(old.clone()));
        }
        Some(old)
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The live entry at or after position `pos` of the entry array, and the position after it.
    pub fn entry_from(&self, mut pos: usize) -> Option<(usize, &Entry)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((pos + 1, e));
            }
            pos += 1;
        }
        None
    }

    /// Empties the table, returning the old entries for the caller to drop after unlocking.
    pub fn clear(&mut self) -> Vec<Option<Entry>> {
        let old_indices = std::mem::take(&mut self.indices);
        if self.defer && !old_indices.is_empty() {
            // Lock-free readers may be probing the old index.
            qsbr::retire(Retired::Buffer(Box::new(old_indices)));
        }
        self.bloom = 0;
        self.head = 0;
        self.used = 0;
        self.version += 1;
        let old = std::mem::take(&mut self.entries);
        if self.defer && old.capacity() > 0 {
            // Lock-free readers may be reading the old buffer and the objects it holds: all of it waits.
            qsbr::retire(Retired::Buffer(Box::new(old)));
            return Vec::new();
        }
        old
    }
}

/// The payload of `dict` objects.
pub struct DictObj {
    /// The table. Writers lock it through [`DictObj::write`], which also moves `writes`; readers that must
    /// see a stable table (iteration, comparisons) take the read lock; single lookups take no lock.
    pub table: RwLock<DictTable>,
    /// The sequence number of the table's seqlock: odd while a writer changes the table, advanced by two by
    /// every write (a key added or removed, a value replaced). Lock-free readers validate their copies with it,
    /// and caches of the dict's contents (`ops::global_site`) use it to tell they are still valid.
    writes: AtomicU64,
    /// Where the table's buffers are, for lock-free readers (who must not touch the `Vec`s themselves).
    view: TableView,
    /// The thread that made the dict, until another thread reads it without locking. Its own thread's writes
    /// need not defer frees while the dict is unshared (CPython's free-threaded build keeps the same
    /// distinction), which keeps thread-private dicts (most instance dicts, temporaries) free of any
    /// reclamation cost.
    owner: qsbr::Owner,
}

/// Clones a value from a validated entry copy one word at a time. The copy was just written to the stack by a
/// wide volatile read; loading the value back as one 16-byte word would straddle two of those stores and stall
/// the store-to-load forwarding (measured: float_objects spent 5% there), while each 8-byte load is inside one
/// store. No `match` over the variants either (an indirect jump that mispredicts; see `Value::clone`).
#[inline(always)]
pub(crate) fn clone_copied(v: &Value) -> Value {
    let words = v as *const Value as *const u64;
    // SAFETY: a `Value` is two initialised words (`repr(u64)`: the tag, then the payload at offset 8).
    let (tag, payload) = unsafe { (words.read(), words.add(1).read()) };
    if let Value::Obj(o) = v {
        // The returned `Value` owns this count.
        std::mem::forget(o.clone());
    }
    // SAFETY: the two words of `v`, a valid `Value`; an object reference's count was taken above.
    unsafe { std::mem::transmute::<[u64; 2], Value>([tag, payload]) }
}

/// The table's buffers as raw pointers and lengths, republished by each writer before it ends its write.
#[derive(Default)]
struct TableView {
    indices: AtomicPtr<u32>,
    /// Lengths fit 32 bits: entry indices are `u32` already (keeps `DictObj`, hence every object, small).
    indices_len: AtomicU32,
    entries: AtomicPtr<Option<Entry>>,
    entries_len: AtomicU32,
    used: AtomicU32,
    bloom: AtomicU64,
}

impl TableView {
    fn publish(&self, t: &mut DictTable) {
        // Relaxed: these stores happen inside the write section; readers only use them after validating the
        // sequence number, whose Release store ends the section.
        self.indices.store(t.indices.as_mut_ptr(), Ordering::Relaxed);
        self.indices_len.store(t.indices.len() as u32, Ordering::Relaxed);
        self.entries.store(t.entries.as_mut_ptr(), Ordering::Relaxed);
        self.entries_len.store(t.entries.len() as u32, Ordering::Relaxed);
        self.used.store(t.used, Ordering::Relaxed);
        self.bloom.store(t.bloom, Ordering::Relaxed);
    }
}

/// A consistent copy of `TableView` and the sequence number `s` it was read at.
struct Snapshot {
    s: u64,
    indices: *mut u32,
    n: usize,
    entries: *mut Option<Entry>,
    entries_len: usize,
    bloom: u64,
}

/// The write lock on a dict's table, holding the sequence number odd until it is dropped.
pub struct DictWrite<'a> {
    table: parking_lot::RwLockWriteGuard<'a, DictTable>,
    obj: &'a DictObj,
    /// The odd sequence number this write section stored.
    seq: u64,
}

impl std::ops::Deref for DictWrite<'_> {
    type Target = DictTable;
    fn deref(&self) -> &DictTable {
        &self.table
    }
}

impl std::ops::DerefMut for DictWrite<'_> {
    fn deref_mut(&mut self) -> &mut DictTable {
        &mut self.table
    }
}

impl Drop for DictWrite<'_> {
    fn drop(&mut self) {
        self.obj.view.publish(&mut self.table);
        // Release: a reader that sees the new even number sees the table and view as this write left them.
        // The lock itself is released after this (fields drop after the body). A plain store: only the
        // holder of the write lock changes the number.
        self.obj.writes.store(self.seq.wrapping_add(1), Ordering::Release);
    }
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj::with_table(DictTable::default())
    }

    pub fn with_table(mut t: DictTable) -> DictObj {
        let view = TableView::default();
        view.publish(&mut t);
        DictObj { table: RwLock::new(t), writes: AtomicU64::new(2), view, owner: qsbr::Owner::current() }
    }

    /// Locks the table for writing; lock-free readers see the write from the first change.
    #[inline]
    pub fn write(&self) -> DictWrite<'_> {
        let mut table = self.table.write();
        // Relaxed load and store (only the holder of the write lock changes the number, so no read-modify-write
        // is needed), then a Release fence: the odd number is ordered before every change the writer makes, so
        // a reader that copied any changed word sees the odd (or a later) number when it validates.
        let seq = self.writes.load(Ordering::Relaxed).wrapping_add(1);
        self.writes.store(seq, Ordering::Relaxed);
        fence(Ordering::Release);
        // Either this write sees the dict shared, or the other thread's reads after marking it see this
        // write's odd number and take the lock.
        table.defer = self.owner.writer_defers();
        DictWrite { table, obj: self, seq }
    }

    /// Called before each lock-free read (see `qsbr::Owner::note_reader`), also by caches of the dict's
    /// contents that hand out its values (`ops::global_site`).
    #[inline]
    pub(crate) fn note_reader(&self) {
        self.owner.note_reader();
    }

    /// The sequence number (see `writes`).
    #[inline]
    pub fn writes(&self) -> u64 {
        // Acquire: a reader that sees a count also sees the writes made before it was reached.
        self.writes.load(Ordering::Acquire)
    }

    /// The sequence number's own cell, for caches that compare a remembered count against it on every hit
    /// (an attribute site's module entry; see `ops::attr`).
    #[inline]
    pub fn writes_cell(&self) -> &AtomicU64 {
        &self.writes
    }

    /// Whether no write began since the even number `s` was read: the copies made since then are consistent.
    #[inline]
    fn unchanged(&self, s: u64) -> bool {
        // Acquire fence: the copies above are ordered before this re-read (the seqlock read protocol).
        fence(Ordering::Acquire);
        self.writes.load(Ordering::Relaxed) == s
    }

    /// The table view at an even sequence number, validated, for a lock-free read; `None` if a writer is at
    /// work (the caller takes the lock).
    #[inline]
    fn snapshot(&self) -> Option<Snapshot> {
        self.note_reader();
        let s = self.writes.load(Ordering::Acquire);
        if s & 1 != 0 {
            return None;
        }
        // Relaxed: validated by `unchanged` below.
        let snap = Snapshot {
            s,
            indices: self.view.indices.load(Ordering::Relaxed),
            n: self.view.indices_len.load(Ordering::Relaxed) as usize,
            entries: self.view.entries.load(Ordering::Relaxed),
            entries_len: self.view.entries_len.load(Ordering::Relaxed) as usize,
            bloom: self.view.bloom.load(Ordering::Relaxed),
        };
        self.unchanged(s).then_some(snap)
    }

    /// Finds the entry of `hash` whose key `same` accepts, without locking. `Some(None)`: absent. `None`: a
    /// writer interfered or `same` needs Python code (it returns `None`); the caller takes the lock instead.
    #[inline]
    fn find_unlocked(&self, hash: i64, same: impl Fn(&Value) -> Option<bool>) -> Option<Option<(usize, Value)>> {
        let Snapshot { s, indices, n, entries, entries_len, bloom } = self.snapshot()?;
        if n == 0 || bloom & bloom_bit(hash) == 0 {
            return Some(None);
        }
        let mask = n - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        for _ in 0..n {
            // SAFETY: `i < n`, the index length that was current at the validated sequence number `s`; the
            // buffer is alive: a writer that replaced it since retired it, and this thread has not passed a safe
            // point. The read may race with a writer (a seqlock read): its value is only trusted after
            // `unchanged(s)`, and a `u32` is read whole.
            let ix = unsafe { std::ptr::read_volatile(indices.add(i)) };
            if ix == EMPTY {
                return self.unchanged(s).then_some(None);
            }
            if ix != DUMMY {
                let ix = ix as usize;
                if ix >= entries_len {
                    return None;
                }
                let e = self.entry_unlocked(entries, ix, s)?;
                if let Some(e) = &*e {
                    if e.hash == hash {
                        match same(&e.key) {
                            Some(true) => return Some(Some((ix, clone_copied(&e.value)))),
                            Some(false) => {}
                            None => return None,
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        None
    }

    /// A validated copy of entry `ix` (below the entry length current at `s`), or `None` if a writer
    /// interfered. The copy's key and value are alive until this thread's next safe point (see `qsbr`); the
    /// copy owns no reference and is never dropped.
    #[inline]
    fn entry_unlocked(&self, entries: *mut Option<Entry>, ix: usize, s: u64) -> Option<ManuallyDrop<Option<Entry>>> {
        // SAFETY: `ix` is below the entry length current at `s` and the buffer is alive (see `find_unlocked`).
        // The bytes are copied as `MaybeUninit`, so a torn copy is never interpreted: it is only assumed
        // initialised once `unchanged(s)` shows that no writer touched the table meanwhile.
        let raw = unsafe { std::ptr::read_volatile(entries.add(ix) as *const MaybeUninit<Option<Entry>>) };
        if !self.unchanged(s) {
            return None;
        }
        // SAFETY: validated above: these are the bytes of a live entry (or `None`) of the table at `s`.
        Some(ManuallyDrop::new(unsafe { raw.assume_init() }))
    }

    /// The value of entry `ix` if its key is `key` itself (an attribute site's hint), without locking.
    #[inline]
    fn hinted_unlocked(&self, key: &Value, ix: usize) -> Option<Value> {
        let snap = self.snapshot()?;
        if ix >= snap.entries_len {
            return None;
        }
        let e = self.entry_unlocked(snap.entries, ix, snap.s)?;
        match &*e {
            Some(e) if e.key.is(key) => Some(clone_copied(&e.value)),
            _ => None,
        }
    }
}

pub fn new_dict_obj() -> ObjRef {
    // SAFETY: the closure writes the whole payload. Built after the allocation, straight into the object: a
    // payload built first waited on the stack across the allocation and was then copied in whole (144 bytes,
    // through wide loads of the narrow stores that had just written it).
    unsafe { ObjRef::new_in_place(&types().dict, |p| p.write(Payload::Dict(DictObj::new()))) }
}

pub fn new_dict() -> Value {
    Value::Obj(new_dict_obj())
}

/// The table of a dict object. Panics only on a runtime bug.
#[inline]
pub fn dict_obj(d: &ObjRef) -> &DictObj {
    match &d.payload {
        Payload::Dict(t) => t,
        _ => unreachable!("not a dict"),
    }
}

/// Resolves a probe that needed Python `__eq__`: the first candidate equal to `key`.
fn resolve_slow(cands: Vec<(usize, Value)>, key: &Value) -> PyResult<Option<usize>> {
    for (ix, k) in cands {
        if ops::compare::eq_bool(&k, key)? {
            return Ok(Some(ix));
        }
    }
    Ok(None)
}

/// `hash(key)`, with the common keys first: a small int, or an exact str's cached hash (a str subclass may
/// override `__hash__`, so it takes the general path).
#[inline(always)]
fn key_hash(key: &Value) -> PyResult<i64> {
    if let Value::Obj(o) = key {
        if let (Payload::Str(s), true) = (&o.payload, o.ty().ptr_eq(&types().str)) {
            return Ok(s.hash());
        }
    } else if let Value::Int(i) = key {
        return Ok(ops::hash::hash_i64(*i));
    }
    ops::hash::hash(key)
}

/// `d[key]` without `__missing__`: `None` when absent.
pub fn get(d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
    let hash = key_hash(key)?;
    get_hashed(d, key, hash)
}

pub fn get_hashed(d: &ObjRef, key: &Value, hash: i64) -> PyResult<Option<Value>> {
    let obj = dict_obj(d);
    if let Some(found) = obj.find_unlocked(hash, |k| ops::compare::fast_eq(k, key)) {
        return Ok(found.map(|(_, v)| v));
    }
    get_hashed_locked(obj, key, hash)
}

#[cold]
fn get_hashed_locked(obj: &DictObj, key: &Value, hash: i64) -> PyResult<Option<Value>> {
    loop {
        let (cands, version) = {
            let t = obj.table.read();
            match t.probe(key, hash) {
                Probe::Found(ix) => return Ok(t.entries[ix].as_ref().map(|e| e.value.clone())),
                Probe::Missing => return Ok(None),
                Probe::NeedEq(c) => (c, t.version),
            }
        };
        let found = resolve_slow(cands, key)?;
        let t = obj.table.read();
        if t.version != version {
            continue;
        }
        return Ok(found.and_then(|ix| t.entries[ix].as_ref().map(|e| e.value.clone())));
    }
}

/// The entry index `hint` names, if that entry's key is `key` itself. A dict holds at most one live entry per
/// key, so an identical key at the hinted index is the entry a probe would find (CPython's probe also accepts
/// an identical key before comparing), and no hash or probe is needed.
#[inline]
fn hinted(t: &DictTable, key: &Value, hint: &AtomicU32) -> Option<usize> {
    // Relaxed: the hint is only a guess, checked against the table under its lock.
    let h = hint.load(Ordering::Relaxed) as usize;
    match t.entries.get(h) {
        Some(Some(e)) if e.key.is(key) => Some(h),
        _ => None,
    }
}

/// `d.get(key)` for an attribute site: `hint` is the site's remembered entry index (instances of one class
/// usually store their attributes in the same order, so one index serves them all). Updated after a probe.
#[inline]
pub fn get_hinted(d: &ObjRef, key: &Value, hint: &AtomicU32) -> PyResult<Option<Value>> {
    // Relaxed: see `hinted`.
    if let Some(v) = dict_obj(d).hinted_unlocked(key, hint.load(Ordering::Relaxed) as usize) {
        return Ok(Some(v));
    }
    get_hinted_slow(d, key, hint)
}

#[cold]
fn get_hinted_slow(d: &ObjRef, key: &Value, hint: &AtomicU32) -> PyResult<Option<Value>> {
    let hash = ops::hash::hash(key)?;
    if let Some(found) = dict_obj(d).find_unlocked(hash, |k| ops::compare::fast_eq(k, key)) {
        return Ok(found.map(|(ix, v)| {
            // Relaxed: see `hinted`.
            hint.store(ix as u32, Ordering::Relaxed);
            v
        }));
    }
    {
        let t = dict_obj(d).table.read();
        match t.probe(key, hash) {
            Probe::Found(ix) => {
                // Relaxed: see `hinted`.
                hint.store(ix as u32, Ordering::Relaxed);
                return Ok(t.entries[ix].as_ref().map(|e| e.value.clone()));
            }
            Probe::Missing => return Ok(None),
            Probe::NeedEq(_) => {}
        }
    }
    get_hashed(d, key, hash)
}

/// `d[key] = value` for an attribute site, with the site's entry-index hint as in [`get_hinted`].
#[inline]
pub fn set_hinted(d: &ObjRef, key: &Value, value: Value, hint: &AtomicU32) -> PyResult<()> {
    let obj = dict_obj(d);
    let mut t = obj.write();
    if let Some(ix) = hinted(&t, key, hint) {
        let old = t.replace_value(ix, value);
        // The old value is dropped after unlocking: freeing it may free other objects.
        drop(t);
        drop(old);
        return Ok(());
    }
    drop(t);
    set_hinted_slow(d, key, value, hint)
}

#[cold]
fn set_hinted_slow(d: &ObjRef, key: &Value, value: Value, hint: &AtomicU32) -> PyResult<()> {
    let hash = ops::hash::hash(key)?;
    let obj = dict_obj(d);
    let mut t = obj.write();
    let old = match t.probe(key, hash) {
        Probe::Found(ix) => {
            // Relaxed: see `hinted`.
            hint.store(ix as u32, Ordering::Relaxed);
            t.replace_value(ix, value)
        }
        Probe::Missing => {
            t.insert_new(hash, key.clone(), value);
            // The new entry is the last one (insert_new appends, rebuilding first when full).
            hint.store((t.entries.len() - 1) as u32, Ordering::Relaxed);
            None
        }
        Probe::NeedEq(_) => {
            drop(t);
            return set_hashed(d, key.clone(), hash, value);
        }
    };
    drop(t);
    drop(old);
    Ok(())
}

/// `d[key] = value`.
pub fn set(d: &ObjRef, key: Value, value: Value) -> PyResult<()> {
    let hash = key_hash(&key)?;
    set_hashed(d, key, hash, value)
}

pub fn set_hashed(d: &ObjRef, key: Value, hash: i64, value: Value) -> PyResult<()> {
    // The old value is dropped after unlocking: freeing it may free other objects.
    swap_hashed(d, key, hash, value).map(drop)
}

/// `d[key] = value` as one atomic step that returns the value it replaced, if any.
pub fn swap_hashed(d: &ObjRef, key: Value, hash: i64, value: Value) -> PyResult<Option<Value>> {
    let obj = dict_obj(d);
    loop {
        let mut t = obj.write();
        let found = match t.probe(&key, hash) {
            Probe::Found(ix) => Some(ix),
            Probe::Missing => None,
            Probe::NeedEq(cands) => {
                let version = t.version;
                drop(t);
                let found = resolve_slow(cands, &key)?;
                t = obj.write();
                if t.version != version {
                    continue;
                }
                found
            }
        };
        let old = match found {
            Some(ix) => t.replace_value(ix, value),
            None => {
                t.insert_new(hash, key, value);
                None
            }
        };
        drop(t);
        return Ok(old);
    }
}

/// Removes `key`, returning its value, or `None` when absent.
pub fn remove(d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
    let hash = key_hash(key)?;
    let obj = dict_obj(d);
    loop {
        let mut t = obj.write();
        let found = match t.probe(key, hash) {
            Probe::Found(ix) => Some(ix),
            Probe::Missing => None,
            Probe::NeedEq(cands) => {
                let version = t.version;
                drop(t);
                let found = resolve_slow(cands, key)?;
                t = obj.write();
                if t.version != version {
                    continue;
                }
                found
            }
        };
        let removed = found.and_then(|ix| t.remove_at(ix));
        drop(t);
        return Ok(removed.map(|e| e.value));
    }
}

/// `del d[key]`, with CPython's KeyError.
pub fn del_item(d: &ObjRef, key: &Value) -> PyResult<()> {
    match remove(d, key)? {
        Some(_) => Ok(()),
        None => Err(key_error(key.clone())),
    }
}

/// Looks up a str key given as Rust text (attribute and global lookups).
pub fn get_str(d: &ObjRef, name: &str) -> Option<Value> {
    get_str_hashed(d, name, ops::hash::hash_str(name))
}

/// [`get_str`] with the name's hash (`ops::hash::hash_str`) already computed.
pub fn get_str_hashed(d: &ObjRef, name: &str, hash: i64) -> Option<Value> {
    let obj = dict_obj(d);
    // A str key equal to `name` is the only match: other keys of the same hash are simply passed over, as the
    // locked probe below does.
    if let Some(found) = obj.find_unlocked(hash, |k| Some(k.as_str() == Some(name))) {
        return found.map(|(_, v)| v);
    }
    let t = obj.table.read();
    if t.indices.is_empty() {
        return None;
    }
    let mask = t.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let ix = t.indices[i];
        if ix == EMPTY {
            return None;
        }
        if ix != DUMMY {
            if let Some(e) = &t.entries[ix as usize] {
                if e.hash == hash && e.key.as_str() == Some(name) {
                    return Some(e.value.clone());
                }
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
    }
}

/// Sets a str key given as Rust text. Str keys never run Python code, so this cannot fail.
pub fn set_str(d: &ObjRef, name: &str, value: Value) {
    drop(swap_str(d, name, value));
}

/// [`set_str`] returning the value it replaced, if any.
pub fn swap_str(d: &ObjRef, name: &str, value: Value) -> Option<Value> {
    let key = crate::builtins::str::new_str(name);
    let hash = ops::hash::hash_str(name);
    // A str key compares without Python code, so the swap cannot fail.
    swap_hashed(d, key, hash, value).ok().flatten()
}

pub fn len(d: &ObjRef) -> usize {
    // Relaxed: one word, published by every write; `len` orders nothing else.
    dict_obj(d).view.used.load(Ordering::Relaxed) as usize
}

/// A snapshot of the items, in order.
pub fn items(d: &ObjRef) -> Vec<(Value, Value)> {
    dict_obj(d).table.read().iter().map(|e| (e.key.clone(), e.value.clone())).collect()
}

pub fn keys(d: &ObjRef) -> Vec<Value> {
    dict_obj(d).table.read().iter().map(|e| e.key.clone()).collect()
}

pub fn values(d: &ObjRef) -> Vec<Value> {
    dict_obj(d).table.read().iter().map(|e| e.value.clone()).collect()
}

/// A new dict with the same items.
pub fn copy(d: &ObjRef) -> Value {
    let src = dict_obj(d).table.read();
    let mut t = DictTable::default();
    for e in src.iter() {
        t.insert_new(e.hash, e.key.clone(), e.value.clone());
    }
    Value::Obj(ObjRef::new(&types().dict, Payload::Dict(DictObj::with_table(t))))
}

/// `d.update(other)` for another dict.
pub fn update_from_dict(d: &ObjRef, other: &ObjRef) -> PyResult<()> {
    let entries: Vec<Entry> = dict_obj(other).table.read().iter().cloned().collect();
    for e in entries {
        set_hashed(d, e.key, e.hash, e.value)?;
    }
    Ok(())
}

// ----- dict methods -----
//
// Everything below is built on the table operations above. Like `list.rs`, the methods work on the payload
// directly, so a subclass's `super().__setitem__(k, v)` reaches the table rather than the override.

impl DictTable {
    /// The live entry before position `pos` of the entry array (walking backwards), and its position.
    pub fn entry_before(&self, mut pos: usize) -> Option<(usize, &Entry)> {
        pos = pos.min(self.entries.len());
        while pos > 0 {
            pos -= 1;
            if let Some(e) = &self.entries[pos] {
                return Some((pos, e));
            }
        }
        None
    }

    /// The position of the first live entry, found from `head` (which moves up to it).
    fn first_live(&mut self) -> Option<usize> {
        let start = (self.head as usize).min(self.entries.len());
        let found = self.entries[start..].iter().position(|e| e.is_some()).map(|n| start + n);
        self.head = found.unwrap_or(self.entries.len()) as u32;
        found
    }

    /// Drops the deleted entries at the end of the entry array (as CPython's `dict.popitem` does), so that
    /// popping the last item in a loop does not walk over its own holes. Nothing is freed: the slots were
    /// empty, and the buffer keeps its capacity.
    fn trim_tail(&mut self) {
        while matches!(self.entries.last(), Some(None)) {
            self.entries.pop();
        }
        self.head = self.head.min(self.entries.len() as u32);
    }

    /// Moves the live entry at `ix` to the end of the order (`last`) or to its front, keeping its hash slot:
    /// `OrderedDict.move_to_end`. O(1) amortised: moving to the end appends (compacting the array when it is
    /// full, as an insertion would); moving to the front fills the hole before the first live entry, and when
    /// there is none, compacts the array behind a gap as long as the live entries, which the next moves fill.
    /// Counts as a change of the table (`version`) unless the entry already is at that end.
    fn move_entry(&mut self, mut ix: usize, last: bool) {
        let Some(hash) = self.entries[ix].as_ref().map(|e| e.hash) else {
            return;
        };
        if last {
            if self.entry_before(usize::MAX).map(|(p, _)| p) == Some(ix) {
                return;
            }
            if self.entries.len() + 1 > self.indices.len() * 2 / 3 {
                // Compaction moves the entry down past the holes before it.
                ix -= self.entries[..ix].iter().filter(|e| e.is_none()).count();
                self.rebuild(self.used as usize * 3);
            }
            let slot = self.slot_of(ix, hash);
            let e = self.entries[ix].take();
            debug_assert!(self.entries.len() < self.entries.capacity(), "the entry array must not reallocate");
            self.indices[slot] = self.entries.len() as u32;
            self.entries.push(e);
        } else {
            let first = self.first_live();
            if first == Some(ix) {
                return;
            }
            if first == Some(0) {
                let gap = (self.used as usize).max(8);
                let live_before = ix - self.entries[..ix].iter().filter(|e| e.is_none()).count();
                self.rebuild_with_gap(self.used as usize * 3, gap);
                ix = gap + live_before;
            }
            let dest = self.head as usize - 1;
            let slot = self.slot_of(ix, hash);
            self.entries[dest] = self.entries[ix].take();
            self.indices[slot] = dest as u32;
            self.head = dest as u32;
            self.trim_tail();
        }
        self.version += 1;
    }
}

/// Finds `key` under the write lock, running `__eq__` unlocked when needed, and hands the locked table and the
/// entry index (if present) to `f`. The lock is held from the final probe through `f`, so a check-and-insert in
/// `f` is atomic with respect to other threads.
fn with_entry<R>(
    d: &ObjRef,
    key: &Value,
    hash: i64,
    f: impl FnOnce(&mut DictTable, Option<usize>) -> R,
) -> PyResult<R> {
    let obj = dict_obj(d);
    loop {
        let mut t = obj.write();
        let found = match t.probe(key, hash) {
            Probe::Found(ix) => Some(ix),
            Probe::Missing => None,
            Probe::NeedEq(cands) => {
                let version = t.version;
                drop(t);
                let found = resolve_slow(cands, key)?;
                t = obj.write();
                if t.version != version {
                    continue;
                }
                found
            }
        };
        return Ok(f(&mut t, found));
    }
}

/// `d.setdefault(key, default)`: one locked check-and-insert.
pub fn setdefault(d: &ObjRef, key: Value, default: Value) -> PyResult<Value> {
    let hash = ops::hash::hash(&key)?;
    setdefault_hashed(d, key, hash, default)
}

/// `setdefault` for a key whose hash the caller has computed: the value now under `key`, which is
/// `default` itself when the key was absent and this call inserted it.
pub fn setdefault_hashed(d: &ObjRef, key: Value, hash: i64, default: Value) -> PyResult<Value> {
    with_entry(d, &key.clone(), hash, |t, found| match found.and_then(|ix| t.entries[ix].as_ref()) {
        Some(e) => e.value.clone(),
        None => {
            t.insert_new(hash, key, default.clone());
            default
        }
    })
}

/// Removes `key` (of hash `hash`) when `pred` accepts its current value, in one locked step: a value another
/// thread stored meanwhile is left in place. Returns the removed value (dropped by the caller, unlocked).
pub fn remove_hashed_if(
    d: &ObjRef,
    key: &Value,
    hash: i64,
    pred: impl FnOnce(&Value) -> bool,
) -> PyResult<Option<Value>> {
    let removed = with_entry(d, key, hash, |t, found| {
        let ix = found?;
        if !pred(&t.entries[ix].as_ref()?.value) {
            return None;
        }
        t.remove_at(ix)
    })?;
    Ok(removed.map(|e| e.value))
}

/// `d.popitem()`: the last inserted item.
pub fn popitem(d: &ObjRef) -> PyResult<(Value, Value)> {
    let mut t = dict_obj(d).write();
    let Some((ix, _)) = t.entry_before(usize::MAX) else {
        return Err(key_error(Value::from("popitem(): dictionary is empty")));
    };
    let e = t.remove_at(ix).expect("live entry");
    t.trim_tail();
    drop(t);
    Ok((e.key, e.value))
}

/// `OrderedDict.move_to_end(key, last)`: moves `key`'s entry to the end (or the front) of the order; false
/// when `key` is absent.
pub fn move_to_end(d: &ObjRef, key: &Value, last: bool) -> PyResult<bool> {
    let hash = key_hash(key)?;
    with_entry(d, key, hash, |t, found| match found {
        Some(ix) => {
            t.move_entry(ix, last);
            true
        }
        None => false,
    })
}

/// Removes the last (or first) item: `OrderedDict.popitem(last)`; `None` when empty.
pub fn pop_end(d: &ObjRef, last: bool) -> Option<(Value, Value)> {
    let mut t = dict_obj(d).write();
    let ix = if last { t.entry_before(usize::MAX).map(|(ix, _)| ix) } else { t.first_live() }?;
    let e = t.remove_at(ix)?;
    if last {
        t.trim_tail();
    } else {
        t.head = ix as u32 + 1;
    }
    drop(t);
    Some((e.key, e.value))
}

/// `OrderedDict.clear()`: `clear`, marked in the version so that iterators can tell it from other changes.
pub fn clear_marked(d: &ObjRef) {
    let old = {
        let mut t = dict_obj(d).write();
        let old = t.clear();
        t.version = t.version.wrapping_add(CLEAR_MARK - 1);
        old
    };
    drop(old);
}

/// The table's version: changes with every insertion, deletion and move of a key (CPython's `od_state`).
pub fn order_state(d: &ObjRef) -> u64 {
    dict_obj(d).table.read().version
}

/// Where iterating `d` in order (or in reverse) starts: the position of the first item (`None` when empty),
/// the version and the size.
pub fn order_cursor(d: &ObjRef, reversed: bool) -> (Option<usize>, u64, usize) {
    let t = dict_obj(d).table.read();
    let first = if reversed {
        t.entry_before(usize::MAX).map(|(p, _)| p)
    } else {
        t.entry_from(t.head as usize).map(|(p, _)| p - 1)
    };
    (first, t.version, t.len())
}

/// One step of an ordered iteration (see `order_step`).
pub enum OrderStep {
    /// The key and value at the position, and the position of the next item.
    Item(Value, Value, Option<usize>),
    /// The table changed since the iteration started (other than by `clear_marked` alone).
    Mutated,
    /// The size changed, and nothing but `clear_marked` happened: CPython's "changed size".
    Resized,
}

/// The item at `pos` of an iteration that started at `version` and `size` (see `order_cursor`), checked
/// as CPython's odict iterator checks: any change of the order first, then the size. Positions stay valid
/// while the version does: only insertions (which change it) rebuild the table.
pub fn order_step(d: &ObjRef, pos: usize, reversed: bool, version: u64, size: usize) -> OrderStep {
    let t = dict_obj(d).table.read();
    let moved = t.version.wrapping_sub(version);
    if !moved.is_multiple_of(CLEAR_MARK) {
        return OrderStep::Mutated;
    }
    if t.len() != size {
        return OrderStep::Resized;
    }
    let Some(Some(e)) = t.entries.get(pos) else {
        return OrderStep::Mutated;
    };
    let next = if reversed { t.entry_before(pos).map(|(p, _)| p) } else { t.entry_from(pos + 1).map(|(p, _)| p - 1) };
    OrderStep::Item(e.key.clone(), e.value.clone(), next)
}

/// `d.clear()`; the old entries are dropped after unlocking.
pub fn clear(d: &ObjRef) {
    let old = dict_obj(d).write().clear();
    drop(old);
}

/// Whether `v` is a dict (or subclass instance).
pub fn is_dict(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_)))
}

/// `d[key]` with `__missing__` for subclasses (`dict_subscript`).
pub fn getitem(d: &Value, key: &Value) -> PyResult<Value> {
    let o = d.as_obj().expect("dict");
    if let Some(v) = get(o, key)? {
        return Ok(v);
    }
    if !o.ty().ptr_eq(&types().dict) {
        if let Some(m) = type_::lookup(o.ty(), "__missing__") {
            return ops::call::call_with_self(&m, d, std::slice::from_ref(key), &[]);
        }
    }
    Err(key_error(key.clone()))
}

/// `PyDict_Merge` for another dict: its stored hashes are reused.
fn merge_dict(d: &ObjRef, other: &ObjRef) -> PyResult<()> {
    if d.ptr_eq(other) {
        return Ok(());
    }
    update_from_dict(d, other)
}

/// CPython's `dict_update_arg`: a dict, a mapping with `keys()`, or an iterable of pairs.
pub fn update_from(d: &ObjRef, src: &Value) -> PyResult<()> {
    if let Some(o) = src.as_obj().filter(|o| o.ty().ptr_eq(&types().dict)) {
        return merge_dict(d, o);
    }
    if ops::attr::getattr_opt(src, "keys")?.is_some() {
        // A dict subclass that keeps dict's iteration is merged from its table, as CPython does.
        if let Some(o) = src.as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))) {
            let it = type_::lookup(o.ty(), "__iter__");
            if it.is_some_and(|f| matches!(f.payload(), Some(Payload::BuiltinFunction(_)))) {
                return merge_dict(d, o);
            }
        }
        let keys = ops::call::call_method(&Value::from("keys"), std::slice::from_ref(src), &[])?;
        let it = ops::iter::iter(&keys)?;
        while let Some(k) = ops::iter::next(&it)? {
            let v = ops::subscript::getitem(src, &k)?;
            set(d, k, v)?;
        }
        return Ok(());
    }
    let it = ops::iter::iter(src)?;
    let mut i = 0usize;
    while let Some(item) = ops::iter::next(&it)? {
        let pair = match item.payload() {
            Some(Payload::List(_) | Payload::Tuple(_)) => ops::iter::collect(&item)?,
            _ => match ops::iter::iter(&item) {
                Ok(_) => ops::iter::collect(&item)?,
                Err(_) => {
                    return Err(type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )))
                }
            },
        };
        if pair.len() != 2 {
            return Err(value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        let (k, v) = (p.next().unwrap_or_default(), p.next().unwrap_or_default());
        set(d, k, v)?;
        i += 1;
    }
    Ok(())
}

/// `dict.update(*args, **kwargs)` and `dict.__init__`'s shared body (`dict_update_common`).
fn update_common(d: &ObjRef, args: &[Value], kwargs: &[(Value, Value)], name: &str) -> PyResult<()> {
    if args.len() > 1 {
        return Err(type_error(format!("{name} expected at most 1 argument, got {}", args.len())));
    }
    if let Some(src) = args.first() {
        update_from(d, src)?;
    }
    for (k, v) in kwargs {
        set(d, k.clone(), v.clone())?;
    }
    Ok(())
}

/// `repr()` of a dict of any (sub)type, without dispatching to a subclass's `__repr__`.
pub fn repr(d: &Value) -> PyResult<String> {
    let o = d.as_obj().expect("dict");
    if o.ty().ptr_eq(&types().dict) {
        return ops::format::repr(d);
    }
    let Some(_g) = ReprGuard::enter(o.addr()) else {
        return Ok("{...}".into());
    };
    let mut out = String::from("{");
    for (i, (k, v)) in items(o).iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&ops::format::repr(k)?);
        out.push_str(": ");
        out.push_str(&ops::format::repr(v)?);
    }
    out.push('}');
    Ok(out)
}

/// CPython's `dict_equal`: same length, and every key of `a` maps in `b` to an equal value (`a`'s value on the
/// left of `==`).
pub fn equal(a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if len(a) != len(b) {
        return Ok(false);
    }
    let entries: Vec<Entry> = dict_obj(a).table.read().iter().cloned().collect();
    for e in entries {
        match get_hashed(b, &e.key, e.hash)? {
            Some(bv) => {
                if !ops::compare::eq_bool(&e.value, &bv)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn recv<'a>(args: &'a [Value], name: &str, kind: Recv) -> PyResult<&'a ObjRef> {
    Ok(receiver(args, &types().dict, name, kind)?.as_obj().expect("dict receiver"))
}

fn m_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "get", Recv::Method)?;
    let a = Args::new("dict.get", args, kwargs).between(2, 3)?;
    Ok(get(d, &a[1])?.unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
}

fn m_setdefault(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "setdefault", Recv::Method)?;
    let a = Args::new("dict.setdefault", args, kwargs).between(2, 3)?;
    setdefault(d, a[1].clone(), a.get(2).cloned().unwrap_or(Value::None))
}

fn m_pop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "pop", Recv::Method)?;
    let a = Args::new("dict.pop", args, kwargs).between(2, 3)?;
    // An empty dict answers without hashing the key, as CPython's `_PyDict_Pop` does.
    let found = if len(d) == 0 { None } else { remove(d, &a[1])? };
    match found {
        Some(v) => Ok(v),
        None => match a.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(key_error(a[1].clone())),
        },
    }
}

fn m_popitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "popitem", Recv::Method)?;
    Args::new("dict.popitem", args, kwargs).exact(1)?;
    let (k, v) = popitem(d)?;
    Ok(crate::builtins::tuple::new_tuple_array([k, v]))
}

fn view_method(args: &[Value], kwargs: &[(Value, Value)], kind: ViewKind) -> PyResult<Value> {
    let name = kind.method();
    let d = recv(args, name, Recv::Method)?;
    Args::new(&format!("dict.{name}"), args, kwargs).exact(1)?;
    Ok(dict_views::new_view(d, kind))
}

fn m_keys(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    view_method(args, kwargs, ViewKind::Keys)
}
fn m_values(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    view_method(args, kwargs, ViewKind::Values)
}
fn m_items(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    view_method(args, kwargs, ViewKind::Items)
}

fn m_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "update", Recv::Method)?;
    update_common(d, &args[1..], kwargs, "update")?;
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`, a classmethod: `args[0]` is the class.
fn m_fromkeys(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("dict.fromkeys", args, kwargs).between(2, 3)?;
    let value = a.get(2).cloned().unwrap_or(Value::None);
    let cls = &a[0];
    let d = ops::call::call(cls, &[], &[])?;
    let exact = d.ty().ptr_eq(&types().dict);
    let it = ops::iter::iter(&a[1])?;
    while let Some(k) = ops::iter::next(&it)? {
        if exact {
            set(d.as_obj().expect("dict"), k, value.clone())?;
        } else {
            // A subclass's `__setitem__` runs, as in CPython.
            ops::subscript::setitem(&d, &k, value.clone())?;
        }
    }
    Ok(d)
}

fn m_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "copy", Recv::Method)?;
    Args::new("dict.copy", args, kwargs).exact(1)?;
    Ok(copy(d))
}

fn m_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "clear", Recv::Method)?;
    Args::new("dict.clear", args, kwargs).exact(1)?;
    clear(d);
    Ok(Value::None)
}

fn m_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__len__", Recv::Slot)?;
    slot_args(args, kwargs, "__len__", 0, false)?;
    Ok(Value::Int(len(d) as i64))
}

fn m_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__getitem__", Recv::Method)?;
    let a = Args::new("dict.__getitem__", args, kwargs).exact(2)?;
    getitem(&a[0], &a[1])
}

fn m_setitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__setitem__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__setitem__", 2, true)?;
    set(d, a[1].clone(), a[2].clone())?;
    Ok(Value::None)
}

fn m_delitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__delitem__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__delitem__", 1, false)?;
    del_item(d, &a[1])?;
    Ok(Value::None)
}

fn m_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__contains__", Recv::Method)?;
    let a = Args::new("dict.__contains__", args, kwargs).exact(2)?;
    Ok(Value::Bool(get(d, &a[1])?.is_some()))
}

fn m_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__iter__", Recv::Slot)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(dict_views::iter_dict(d, ViewKind::Keys))
}

fn m_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__reversed__", Recv::Method)?;
    Args::new("dict.__reversed__", args, kwargs).exact(1)?;
    Ok(dict_views::reversed_dict(d, ViewKind::Keys))
}

/// `dict | other` (`dict_or`): both must be dicts; the result is a plain dict.
fn or(a: &Value, b: &Value) -> PyResult<Value> {
    if !is_dict(a) || !is_dict(b) {
        return Ok(not_implemented());
    }
    let out = copy(a.as_obj().expect("dict"));
    update_from(out.as_obj().expect("dict"), b)?;
    Ok(out)
}

fn m_or(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__or__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__or__", 1, false)?;
    or(&a[0], &a[1])
}

fn m_ror(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__ror__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__ror__", 1, false)?;
    or(&a[1], &a[0])
}

/// `d |= other`: any mapping or iterable of pairs, like `update`.
fn m_ior(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__ior__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__ior__", 1, false)?;
    update_from(d, &a[1])?;
    Ok(a[0].clone())
}

fn cmp(args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let name = format!("__{}__", format!("{op:?}").to_lowercase());
    let d = recv(args, &name, Recv::Slot)?;
    let a = slot_args(args, kwargs, &name, 1, false)?;
    let Some(o) = a[1].as_obj().filter(|_| is_dict(&a[1])) else {
        return Ok(not_implemented());
    };
    match op {
        CmpOp::Eq => Ok(Value::Bool(equal(d, o)?)),
        CmpOp::Ne => Ok(Value::Bool(!equal(d, o)?)),
        _ => Ok(not_implemented()),
    }
}

fn m_eq(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Eq)
}
fn m_ne(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Ne)
}
fn m_lt(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Lt)
}
fn m_le(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Le)
}
fn m_gt(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Gt)
}
fn m_ge(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Ge)
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__repr__", Recv::Slot)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    repr(&args[0]).map(Value::from)
}

/// `dict.__init__(self, *args, **kwargs)`: updates without clearing first.
fn m_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = recv(args, "__init__", Recv::Slot)?;
    update_common(d, &args[1..], kwargs, "dict")?;
    Ok(Value::None)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("get", m_get),
    ("setdefault", m_setdefault),
    ("pop", m_pop),
    ("popitem", m_popitem),
    ("keys", m_keys),
    ("values", m_values),
    ("items", m_items),
    ("update", m_update),
    ("copy", m_copy),
    ("clear", m_clear),
    ("__len__", m_len),
    ("__getitem__", m_getitem),
    ("__setitem__", m_setitem),
    ("__delitem__", m_delitem),
    ("__contains__", m_contains),
    ("__iter__", m_iter),
    ("__reversed__", m_reversed),
    ("__or__", m_or),
    ("__ror__", m_ror),
    ("__ior__", m_ior),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
    ("__repr__", m_repr),
    ("__init__", m_init),
];

pub fn register() {
    let t = types();
    add_methods(&t.dict, METHODS);
    let ns = &type_::type_obj(&t.dict).dict;
    // Dicts are unhashable: `__hash__ = None` makes subclasses unhashable too.
    set_str(ns, "__hash__", Value::None);
    let fromkeys = crate::builtins::function::new_builtin("fromkeys", m_fromkeys, None);
    let cm = ObjRef::new(&t.classmethod, Payload::Descriptor(DescriptorObj::ClassMethod(fromkeys))).make_immortal();
    set_str(ns, "fromkeys", Value::Obj(cm));
    dict_views::register();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int_keys(d: &ObjRef) -> Vec<i64> {
        keys(d).iter().map(|k| crate::builtins::int::as_i64(k).expect("int")).collect()
    }

    #[test]
    fn setdefault_popitem_and_update() {
        let d = new_dict_obj();
        assert!(setdefault(&d, Value::Int(1), Value::Int(10)).unwrap().is(&Value::Int(10)));
        assert!(setdefault(&d, Value::Int(1), Value::Int(20)).unwrap().is(&Value::Int(10)));
        update_from(
            &d,
            &crate::builtins::list::new_list(vec![crate::builtins::tuple::new_tuple(vec![
                Value::Int(2),
                Value::Int(3),
            ])]),
        )
        .unwrap();
        assert_eq!(int_keys(&d), vec![1, 2]);
        let (k, _) = popitem(&d).unwrap();
        assert!(k.is(&Value::Int(2)));
        assert_eq!(int_keys(&d), vec![1]);
        clear(&d);
        assert!(popitem(&d).is_err());
    }

    #[test]
    fn setdefault_is_atomic_across_threads() {
        let d = new_dict_obj();
        let hits = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for t in 0..4 {
                let d = &d;
                let hits = &hits;
                s.spawn(move || {
                    for i in 0..500 {
                        let v = setdefault(d, Value::Int(i), Value::Int(t)).unwrap();
                        if v.is(&Value::Int(t)) {
                            // Relaxed: a plain counter read after the threads are joined.
                            hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        // Each key was inserted by exactly one thread; the others saw its value.
        assert_eq!(len(&d), 500);
        let inserted = hits.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(inserted, 500, "every key is inserted by exactly one thread");
    }
}
