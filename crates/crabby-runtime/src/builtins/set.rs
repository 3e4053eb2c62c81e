//! `set` and `frozenset`: CPython 3.12's open-addressing set table (`Objects/setobject.c`), so iteration order
//! matches CPython's for keys with deterministic hashes (ints, floats, tuples of them).
//!
//! Order depends on every detail of the table: the probe sequence (nine linear probes, then perturbation), which
//! free slot an insertion takes (the last dummy seen on the probe path), when and how far the table grows, how
//! `set_merge` copies another set (slot for slot, or re-inserted, after one up-front resize), and which operand
//! each algebra operation walks. Each of those follows CPython function by function; the CPython name is given
//! where it helps to compare.
//!
//! Thread safety: the table sits behind the set's own lock. Keys whose equality needs Python code (`__eq__` of a
//! user class) are compared after unlocking; the operation then re-takes the lock and restarts if the table
//! changed meanwhile (CPython's `table != so->table || entry->key != startkey` check), so the lock is never held
//! while Python code runs. Operations on two sets read the other set into a snapshot first, so no thread ever
//! holds two set locks.

use parking_lot::{RwLock, RwLockWriteGuard};

use crate::builtins::function::NativeFn;
use crate::builtins::list::{not_implemented, receiver, Recv, ReprGuard};
use crate::builtins::{add_methods, dict, type_, types};
use crate::error::{key_error, type_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MINSIZE: usize = 8;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Active(i64, Value),
}

pub struct SetTable {
    /// `mask + 1` slots, a power of two.
    slots: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` starts looking (CPython's `finger`); kept across `clear`, as CPython does.
    finger: usize,
    /// Bumped by every change to the slots, so an operation that unlocked to run `__eq__` can tell whether its
    /// probe is still valid.
    version: u64,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable { slots: vec![Slot::Empty; MINSIZE], fill: 0, used: 0, finger: 0, version: 0 }
    }
}

/// Outcome of probing for an insertion (`set_add_entry`).
enum AddLook {
    Found,
    /// Absent: the unused slot that ended the probe, and the last dummy seen on the way (reused if any).
    Insert(usize, Option<usize>),
    /// The key in this slot has the same hash and needs Python `__eq__`.
    NeedEq(usize, Value),
}

/// Outcome of a lookup (`set_lookkey`).
enum Look {
    Found(usize),
    Absent,
    NeedEq(usize, Value),
}

/// Walks CPython's probe sequence for `hash` over a table with `mask`, calling `f` on each slot until it
/// returns a result.
#[inline]
fn probe<R>(mask: usize, hash: i64, mut f: impl FnMut(usize) -> Option<R>) -> R {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for j in i..=i + probes {
            if let Some(r) = f(j) {
                return r;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// CPython's `set_insert_clean`: places a key known to be absent into a table without dummies.
fn insert_clean(slots: &mut [Slot], hash: i64, key: Value) {
    let mask = slots.len() - 1;
    let j = probe(mask, hash, |j| matches!(slots[j], Slot::Empty).then_some(j));
    slots[j] = Slot::Active(hash, key);
}

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    fn find_for_add(&self, key: &Value, hash: i64, known_ne: &[usize]) -> AddLook {
        let mut freeslot = None;
        probe(self.mask(), hash, |j| match &self.slots[j] {
            Slot::Empty => Some(AddLook::Insert(j, freeslot)),
            Slot::Active(h, k) if *h == hash => match ops::compare::fast_eq(k, key) {
                Some(true) => Some(AddLook::Found),
                Some(false) => None,
                None if known_ne.contains(&j) => None,
                None => Some(AddLook::NeedEq(j, k.clone())),
            },
            Slot::Dummy => {
                // CPython keeps the last dummy met on the probe path, not the first.
                freeslot = Some(j);
                None
            }
            Slot::Active(..) => None,
        })
    }

    fn find(&self, key: &Value, hash: i64, known_ne: &[usize]) -> Look {
        probe(self.mask(), hash, |j| match &self.slots[j] {
            Slot::Empty => Some(Look::Absent),
            Slot::Active(h, k) if *h == hash => match ops::compare::fast_eq(k, key) {
                Some(true) => Some(Look::Found(j)),
                Some(false) => None,
                None if known_ne.contains(&j) => None,
                None => Some(Look::NeedEq(j, k.clone())),
            },
            _ => None,
        })
    }

    /// The insertion half of `set_add_entry`, after a probe found the key absent.
    fn insert(&mut self, slot: usize, freeslot: Option<usize>, hash: i64, key: Value) {
        self.version += 1;
        self.used += 1;
        if let Some(d) = freeslot {
            self.slots[d] = Slot::Active(hash, key);
            return;
        }
        self.slots[slot] = Slot::Active(hash, key);
        self.fill += 1;
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(if self.used > 50000 { self.used * 2 } else { self.used * 4 });
        }
    }

    /// CPython's `set_table_resize`: the smallest power of two above `minused`, re-inserting in slot order.
    fn resize(&mut self, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MINSIZE && self.slots.len() == MINSIZE && self.fill == self.used {
            // CPython leaves a small table without dummies as it is.
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        for s in old {
            if let Slot::Active(h, k) = s {
                insert_clean(&mut self.slots, h, k);
            }
        }
        self.fill = self.used;
        self.version += 1;
    }

    /// Turns an active slot into a dummy, returning the key (to be dropped after unlocking).
    fn remove_at(&mut self, j: usize) -> Slot {
        self.used -= 1;
        self.version += 1;
        std::mem::replace(&mut self.slots[j], Slot::Dummy)
    }

    /// CPython's `set_clear_internal`: back to an empty minimum-size table. Returns the old slots, to be dropped
    /// after unlocking.
    fn take_all(&mut self) -> Vec<Slot> {
        self.fill = 0;
        self.used = 0;
        self.version += 1;
        std::mem::replace(&mut self.slots, vec![Slot::Empty; MINSIZE])
    }

    /// Active `(hash, key)` pairs in slot order.
    fn entries(&self) -> Vec<(i64, Value)> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) => Some((*h, k.clone())),
                _ => None,
            })
            .collect()
    }

    /// Active keys in table order.
    pub fn keys(&self) -> Vec<Value> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Active(_, k) => Some(k.clone()),
                _ => None,
            })
            .collect()
    }

    /// The active key at or after table position `pos`, and the position after it.
    pub fn key_from(&self, mut pos: usize) -> Option<(usize, Value)> {
        while pos < self.slots.len() {
            if let Slot::Active(_, k) = &self.slots[pos] {
                return Some((pos + 1, k.clone()));
            }
            pos += 1;
        }
        None
    }
}

pub struct SetObj {
    pub table: RwLock<SetTable>,
}

impl SetObj {
    pub fn new() -> SetObj {
        SetObj { table: RwLock::new(SetTable::default()) }
    }
}

impl Default for SetObj {
    fn default() -> Self {
        Self::new()
    }
}

fn set_obj(s: &ObjRef) -> &SetObj {
    match &s.payload {
        Payload::Set(t) => t,
        _ => unreachable!("not a set"),
    }
}

pub fn table(s: &ObjRef) -> &RwLock<SetTable> {
    &set_obj(s).table
}

/// Whether `v` is a set or frozenset, or an instance of a subclass (CPython's `PyAnySet_Check`).
pub fn is_anyset(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_)))
}

/// Exactly `set` or `frozenset` (CPython's `PyAnySet_CheckExact`).
fn is_anyset_exact(v: &Value) -> bool {
    let t = types();
    v.ty().ptr_eq(&t.set) || v.ty().ptr_eq(&t.frozenset)
}

fn is_frozen_type(ty: &ObjRef) -> bool {
    type_::is_subtype(ty, &types().frozenset)
}

/// A key's hash; a `set` used as a key is looked up by its frozenset hash, as CPython's `__contains__`,
/// `remove` and `discard` do.
fn lookup_hash(key: &Value) -> PyResult<i64> {
    match ops::hash::hash(key) {
        Ok(h) => Ok(h),
        Err(e) => match key.as_obj() {
            Some(o) if matches!(o.payload, Payload::Set(_)) && !is_frozen_type(o.ty()) => Ok(frozenset_hash(o)),
            _ => Err(e),
        },
    }
}

// ----- single-key operations -----

/// Adds `key` with its known hash, given the set's write guard; releases the lock only to run `__eq__`.
/// Returns the guard back and whether the key was added.
fn add_with<'a>(
    obj: &'a SetObj,
    mut t: RwLockWriteGuard<'a, SetTable>,
    key: Value,
    hash: i64,
) -> PyResult<(RwLockWriteGuard<'a, SetTable>, bool)> {
    let mut known_ne: Vec<usize> = Vec::new();
    loop {
        match t.find_for_add(&key, hash, &known_ne) {
            AddLook::Found => return Ok((t, false)),
            AddLook::Insert(slot, free) => {
                t.insert(slot, free, hash, key);
                return Ok((t, true));
            }
            AddLook::NeedEq(j, k) => {
                let version = t.version;
                drop(t);
                let eq = ops::compare::eq_bool(&k, &key)?;
                drop(k);
                t = obj.table.write();
                if eq {
                    return Ok((t, false));
                }
                if t.version == version {
                    known_ne.push(j);
                } else {
                    // The comparison changed the table: start over, as CPython does.
                    known_ne.clear();
                }
            }
        }
    }
}

/// Removes `key` with its known hash, given the set's write guard. Returns the guard, and the removed slot (to
/// be dropped after unlocking) if the key was present.
fn discard_with<'a>(
    obj: &'a SetObj,
    mut t: RwLockWriteGuard<'a, SetTable>,
    key: &Value,
    hash: i64,
) -> PyResult<(RwLockWriteGuard<'a, SetTable>, Option<Slot>)> {
    let mut known_ne: Vec<usize> = Vec::new();
    loop {
        match t.find(key, hash, &known_ne) {
            Look::Found(j) => {
                let old = t.remove_at(j);
                return Ok((t, Some(old)));
            }
            Look::Absent => return Ok((t, None)),
            Look::NeedEq(j, k) => {
                let version = t.version;
                drop(t);
                let eq = ops::compare::eq_bool(&k, key)?;
                drop(k);
                t = obj.table.write();
                if t.version != version {
                    known_ne.clear();
                } else if eq {
                    let old = t.remove_at(j);
                    return Ok((t, Some(old)));
                } else {
                    known_ne.push(j);
                }
            }
        }
    }
}

/// `key in s` with the key's hash known (`set_contains_entry`).
fn contains_hashed(s: &ObjRef, key: &Value, hash: i64) -> PyResult<bool> {
    let obj = set_obj(s);
    let mut known_ne: Vec<usize> = Vec::new();
    loop {
        let (j, k, version) = {
            let t = obj.table.read();
            match t.find(key, hash, &known_ne) {
                Look::Found(_) => return Ok(true),
                Look::Absent => return Ok(false),
                Look::NeedEq(j, k) => (j, k, t.version),
            }
        };
        let eq = ops::compare::eq_bool(&k, key)?;
        if obj.table.read().version != version {
            known_ne.clear();
            continue;
        }
        if eq {
            return Ok(true);
        }
        known_ne.push(j);
    }
}

fn add_hashed(s: &ObjRef, key: Value, hash: i64) -> PyResult<bool> {
    let obj = set_obj(s);
    let (t, added) = add_with(obj, obj.table.write(), key, hash)?;
    drop(t);
    Ok(added)
}

fn discard_hashed(s: &ObjRef, key: &Value, hash: i64) -> PyResult<bool> {
    let obj = set_obj(s);
    let (t, old) = discard_with(obj, obj.table.write(), key, hash)?;
    drop(t);
    Ok(old.is_some())
}

/// Adds `key` to the set (`set.add`).
pub fn add(s: &ObjRef, key: Value) -> PyResult<()> {
    let hash = ops::hash::hash(&key)?;
    add_hashed(s, key, hash).map(|_| ())
}

/// `key in s`.
pub fn contains(s: &ObjRef, key: &Value) -> PyResult<bool> {
    let hash = lookup_hash(key)?;
    contains_hashed(s, key, hash)
}

/// Removes `key`; returns whether it was present.
pub fn discard(s: &ObjRef, key: &Value) -> PyResult<bool> {
    let hash = lookup_hash(key)?;
    discard_hashed(s, key, hash)
}

/// `s.pop()`: CPython's finger search, so the same element comes out.
pub fn pop(s: &ObjRef) -> PyResult<Value> {
    let mut t = set_obj(s).table.write();
    if t.used == 0 {
        return Err(key_error(Value::from("pop from an empty set")));
    }
    let mask = t.mask();
    let mut j = t.finger & mask;
    while !matches!(t.slots[j], Slot::Active(..)) {
        j = if j >= mask { 0 } else { j + 1 };
    }
    t.finger = j + 1;
    match t.remove_at(j) {
        Slot::Active(_, k) => Ok(k),
        _ => unreachable!("active slot"),
    }
}

/// `s.clear()`.
pub fn clear(s: &ObjRef) {
    let old = set_obj(s).table.write().take_all();
    // The keys are dropped after unlocking: freeing them may run arbitrary destructors.
    drop(old);
}

// ----- whole-set operations -----

/// The active entries of a set, in slot order, with its table shape: what `set_merge` needs of the other set.
struct Snapshot {
    mask: usize,
    fill: usize,
    used: usize,
    slots: Vec<Slot>,
}

fn snapshot(s: &ObjRef) -> Snapshot {
    let t = set_obj(s).table.read();
    Snapshot { mask: t.mask(), fill: t.fill, used: t.used, slots: t.slots.clone() }
}

fn entries(s: &ObjRef) -> Vec<(i64, Value)> {
    set_obj(s).table.read().entries()
}

/// Adds `(hash, key)` pairs in order under one hold of the lock (released only for `__eq__`).
fn add_entries(s: &ObjRef, items: Vec<(i64, Value)>) -> PyResult<()> {
    let obj = set_obj(s);
    let mut t = obj.table.write();
    for (h, k) in items {
        t = add_with(obj, t, k, h)?.0;
    }
    Ok(())
}

/// CPython's `set_merge`: `so |= other` for another set.
fn merge(so: &ObjRef, other: &ObjRef) -> PyResult<()> {
    if so.ptr_eq(other) {
        return Ok(());
    }
    let snap = snapshot(other);
    if snap.used == 0 {
        return Ok(());
    }
    let obj = set_obj(so);
    let mut t = obj.table.write();
    // One big resize at the start, expecting few overlapping keys.
    if (t.fill + snap.used) * 5 >= t.mask() * 3 {
        let minused = (t.used + snap.used) * 2;
        t.resize(minused);
    }
    if t.fill == 0 && t.mask() == snap.mask && snap.fill == snap.used {
        // Empty target of the same size and no dummies to drop: copy slot for slot.
        for (j, s) in snap.slots.into_iter().enumerate() {
            if let Slot::Active(..) = s {
                t.slots[j] = s;
            }
        }
        t.fill = snap.fill;
        t.used = snap.used;
        t.version += 1;
        return Ok(());
    }
    if t.fill == 0 {
        // Empty target: re-insert without looking for duplicates.
        t.fill = snap.used;
        t.used = snap.used;
        t.version += 1;
        for s in snap.slots {
            if let Slot::Active(h, k) = s {
                insert_clean(&mut t.slots, h, k);
            }
        }
        return Ok(());
    }
    for s in snap.slots {
        if let Slot::Active(h, k) = s {
            t = add_with(obj, t, k, h)?.0;
        }
    }
    Ok(())
}

/// CPython's `set_update_internal`: adds every element of `other` (a set, an exact dict, or any iterable).
pub fn update(so: &ObjRef, other: &Value) -> PyResult<()> {
    if is_anyset(other) {
        return merge(so, other.as_obj().expect("set"));
    }
    if let Some(d) = exact_dict(other) {
        let items: Vec<(i64, Value)> = dict::dict_obj(d).table.read().iter().map(|e| (e.hash, e.key.clone())).collect();
        {
            let mut t = set_obj(so).table.write();
            if (t.fill + items.len()) * 5 >= t.mask() * 3 {
                let minused = (t.used + items.len()) * 2;
                t.resize(minused);
            }
        }
        return add_entries(so, items);
    }
    let it = ops::iter::iter(other)?;
    while let Some(k) = ops::iter::next(&it)? {
        add(so, k)?;
    }
    Ok(())
}

fn exact_dict(v: &Value) -> Option<&ObjRef> {
    v.as_obj().filter(|o| o.ty().ptr_eq(&types().dict))
}

/// A new empty `set` (or `frozenset` when `frozen`).
pub fn new_empty(frozen: bool) -> ObjRef {
    let ty = if frozen { &types().frozenset } else { &types().set };
    ObjRef::new(ty, Payload::Set(SetObj::new()))
}

/// A new set holding `items`, added in order (a set display, `BUILD_SET`).
pub fn new_set(items: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let s = new_empty(frozen);
    for v in items {
        add(&s, v)?;
    }
    Ok(Value::Obj(s))
}

/// A set display whose elements are all constants, with at least three of them (`{1, 2, 3}`). CPython 3.12
/// compiles those to a frozenset constant merged into a new set (`BUILD_SET 0; LOAD_CONST frozenset;
/// SET_UPDATE`), and the merge re-sizes and re-inserts, so the order differs from adding the elements one by
/// one (which is what displays with any non-constant element do).
pub fn from_constant_display(items: Vec<Value>) -> PyResult<Value> {
    let constant = new_set(items, true)?;
    from_iterable(false, Some(&constant))
}

/// `set(iterable)` / `frozenset(iterable)` for the exact built-in types (CPython's `make_new_set`): a set
/// argument is merged table to table and a dict's stored hashes are reused, which decides the order.
pub fn from_iterable(frozen: bool, iterable: Option<&Value>) -> PyResult<Value> {
    if let Some(it) = iterable {
        if frozen && it.ty().ptr_eq(&types().frozenset) {
            // frozenset(f) is f.
            return Ok(it.clone());
        }
    }
    let s = new_empty(frozen);
    if let Some(it) = iterable {
        update(&s, it)?;
    }
    Ok(Value::Obj(s))
}

/// The result type of an operation on `so`: `set` or `frozenset`, whatever subclass `so` is
/// (`make_new_set_basetype`).
fn new_like(so: &ObjRef) -> ObjRef {
    new_empty(is_frozen_type(so.ty()))
}

/// `so.copy()` for a set (`set_copy`): a new set of the base type, merged from `so`.
pub fn copy(so: &ObjRef) -> PyResult<ObjRef> {
    let out = new_like(so);
    merge(&out, so)?;
    Ok(out)
}

/// CPython's `set_intersection`.
pub fn intersection(so: &ObjRef, other: &Value) -> PyResult<ObjRef> {
    if let Some(o) = other.as_obj() {
        if so.ptr_eq(o) {
            return copy(so);
        }
    }
    let result = new_like(so);
    if is_anyset(other) {
        let other = other.as_obj().expect("set");
        // Walk the smaller set, probing the bigger one.
        let (big, small) = if len(other) > len(so) { (other, so) } else { (so, other) };
        for (h, k) in entries(small) {
            if contains_hashed(big, &k, h)? {
                add_hashed(&result, k, h)?;
            }
        }
        return Ok(result);
    }
    let it = ops::iter::iter(other)?;
    while let Some(k) = ops::iter::next(&it)? {
        let h = ops::hash::hash(&k)?;
        if contains_hashed(so, &k, h)? {
            add_hashed(&result, k, h)?;
            if len(&result) >= len(so) {
                break;
            }
        }
    }
    Ok(result)
}

/// Replaces the contents of `so` by those of `tmp` (`set_swap_bodies` where `tmp` is thrown away); the finger
/// stays, as in CPython.
fn replace_body(so: &ObjRef, tmp: ObjRef) {
    let new_t = std::mem::take(&mut *set_obj(&tmp).table.write());
    let old = {
        let mut t = set_obj(so).table.write();
        let finger = t.finger;
        let version = t.version + 1;
        let old = std::mem::replace(&mut *t, new_t);
        t.finger = finger;
        t.version = version;
        old
    };
    drop(old);
}

/// `so &= other` / `so.intersection_update(other)`.
pub fn intersection_update(so: &ObjRef, other: &Value) -> PyResult<()> {
    let tmp = intersection(so, other)?;
    replace_body(so, tmp);
    Ok(())
}

/// CPython's `set_difference_update_internal`.
pub fn difference_update(so: &ObjRef, other: &Value) -> PyResult<()> {
    if other.as_obj().is_some_and(|o| o.ptr_eq(so)) {
        clear(so);
        return Ok(());
    }
    if is_anyset(other) {
        let o = other.as_obj().expect("set");
        // When the other set is more than 8 times larger, walk the intersection instead.
        let walk = if (len(o) >> 3) > len(so) { entries(&intersection(so, other)?) } else { entries(o) };
        let obj = set_obj(so);
        let mut t = obj.table.write();
        let mut removed = Vec::new();
        for (h, k) in walk {
            let (g, old) = discard_with(obj, t, &k, h)?;
            t = g;
            removed.extend(old);
        }
        drop(t);
        drop(removed);
    } else {
        let it = ops::iter::iter(other)?;
        while let Some(k) = ops::iter::next(&it)? {
            discard(so, &k)?;
        }
    }
    // If more than a quarter of the slots are dummies, resize them away.
    let mut t = set_obj(so).table.write();
    if t.fill - t.used > t.mask() / 4 {
        let minused = if t.used > 50000 { t.used * 2 } else { t.used * 4 };
        t.resize(minused);
    }
    Ok(())
}

/// `so - other` (`set_copy_and_difference`).
fn copy_and_difference(so: &ObjRef, other: &Value) -> PyResult<ObjRef> {
    let out = copy(so)?;
    difference_update(&out, other)?;
    Ok(out)
}

/// CPython's `set_difference`.
pub fn difference(so: &ObjRef, other: &Value) -> PyResult<ObjRef> {
    let other_size = if is_anyset(other) {
        len(other.as_obj().expect("set"))
    } else if let Some(d) = exact_dict(other) {
        dict::len(d)
    } else {
        return copy_and_difference(so, other);
    };
    // When so is much bigger than other, copying so and removing other's keys is cheaper.
    if (len(so) >> 2) > other_size {
        return copy_and_difference(so, other);
    }
    let result = new_like(so);
    if let Some(d) = exact_dict(other) {
        for (h, k) in entries(so) {
            if dict::get_hashed(d, &k, h)?.is_none() {
                add_hashed(&result, k, h)?;
            }
        }
        return Ok(result);
    }
    let o = other.as_obj().expect("set");
    for (h, k) in entries(so) {
        if !contains_hashed(o, &k, h)? {
            add_hashed(&result, k, h)?;
        }
    }
    Ok(result)
}

/// Toggles each `(hash, key)` in `so`: removes it if present, adds it otherwise.
fn toggle_entries(so: &ObjRef, items: Vec<(i64, Value)>) -> PyResult<()> {
    let obj = set_obj(so);
    let mut t = obj.table.write();
    let mut removed = Vec::new();
    for (h, k) in items {
        let (g, old) = discard_with(obj, t, &k, h)?;
        t = g;
        match old {
            Some(o) => removed.push(o),
            None => t = add_with(obj, t, k, h)?.0,
        }
    }
    drop(t);
    drop(removed);
    Ok(())
}

/// CPython's `set_symmetric_difference_update`.
pub fn symmetric_difference_update(so: &ObjRef, other: &Value) -> PyResult<()> {
    if other.as_obj().is_some_and(|o| o.ptr_eq(so)) {
        clear(so);
        return Ok(());
    }
    if let Some(d) = exact_dict(other) {
        let items: Vec<(i64, Value)> = dict::dict_obj(d).table.read().iter().map(|e| (e.hash, e.key.clone())).collect();
        return toggle_entries(so, items);
    }
    let items = if is_anyset(other) {
        entries(other.as_obj().expect("set"))
    } else {
        let tmp = new_like(so);
        update(&tmp, other)?;
        entries(&tmp)
    };
    toggle_entries(so, items)
}

/// CPython's `set_symmetric_difference`: a copy of `other` toggled by `so`'s keys.
pub fn symmetric_difference(so: &ObjRef, other: &Value) -> PyResult<ObjRef> {
    let result = new_like(so);
    update(&result, other)?;
    toggle_entries(&result, entries(so))?;
    Ok(result)
}

/// `so.union(other)` / `so | other`: a copy of `so` updated with `other`.
pub fn union(so: &ObjRef, other: &Value) -> PyResult<ObjRef> {
    let result = copy(so)?;
    if !other.as_obj().is_some_and(|o| o.ptr_eq(so)) {
        update(&result, other)?;
    }
    Ok(result)
}

/// CPython's `set_issubset`.
pub fn issubset(so: &ObjRef, other: &Value) -> PyResult<bool> {
    if !is_anyset(other) {
        let tmp = intersection(so, other)?;
        return Ok(len(&tmp) == len(so));
    }
    let o = other.as_obj().expect("set");
    if len(so) > len(o) {
        return Ok(false);
    }
    for (h, k) in entries(so) {
        if !contains_hashed(o, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// CPython's `set_issuperset`.
pub fn issuperset(so: &ObjRef, other: &Value) -> PyResult<bool> {
    if is_anyset(other) {
        return issubset(other.as_obj().expect("set"), &Value::Obj(so.clone()));
    }
    let it = ops::iter::iter(other)?;
    while let Some(k) = ops::iter::next(&it)? {
        if !contains(so, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// CPython's `set_isdisjoint`.
pub fn isdisjoint(so: &ObjRef, other: &Value) -> PyResult<bool> {
    if other.as_obj().is_some_and(|o| o.ptr_eq(so)) {
        return Ok(len(so) == 0);
    }
    if is_anyset_exact(other) {
        let o = other.as_obj().expect("set");
        let (big, small) = if len(o) > len(so) { (o, so) } else { (so, o) };
        for (h, k) in entries(small) {
            if contains_hashed(big, &k, h)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let it = ops::iter::iter(other)?;
    while let Some(k) = ops::iter::next(&it)? {
        if contains(so, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Set comparison (`set_richcompare`): `None` (NotImplemented) unless `w` is a set.
pub fn richcmp(v: &ObjRef, w: &Value, op: ops::compare::CmpOp) -> PyResult<Option<bool>> {
    use ops::compare::CmpOp;
    let Some(wo) = w.as_obj().filter(|_| is_anyset(w)) else {
        return Ok(None);
    };
    let (lv, lw) = (len(v), len(wo));
    Ok(Some(match op {
        CmpOp::Eq => lv == lw && issubset(v, w)?,
        CmpOp::Ne => !(lv == lw && issubset(v, w)?),
        CmpOp::Le => issubset(v, w)?,
        CmpOp::Ge => issuperset(v, w)?,
        CmpOp::Lt => lv < lw && issubset(v, w)?,
        CmpOp::Gt => lv > lw && issuperset(v, w)?,
    }))
}

/// Which binary set operator.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SetOp {
    Or,
    And,
    Sub,
    Xor,
}

/// `a <op> b` for two sets (`set_or`, `set_and`, `set_sub`, `set_xor`); the result has `a`'s base type.
pub fn binop(a: &ObjRef, b: &ObjRef, op: SetOp) -> PyResult<ObjRef> {
    let bv = Value::Obj(b.clone());
    match op {
        SetOp::Or => union(a, &bv),
        SetOp::And => intersection(a, &bv),
        SetOp::Sub => difference(a, &bv),
        SetOp::Xor => symmetric_difference(a, &bv),
    }
}

/// `a <op>= b` for a mutable set `a` and any set `b` (`set_ior`, ...); `false` (NotImplemented) when `b` is not
/// a set.
pub fn inplace(a: &ObjRef, b: &Value, op: SetOp) -> PyResult<bool> {
    if !is_anyset(b) {
        return Ok(false);
    }
    match op {
        SetOp::Or => update(a, b)?,
        SetOp::And => intersection_update(a, b)?,
        SetOp::Sub => difference_update(a, b)?,
        SetOp::Xor => symmetric_difference_update(a, b)?,
    }
    Ok(true)
}

pub fn keys(s: &ObjRef) -> Vec<Value> {
    set_obj(s).table.read().keys()
}

pub fn len(s: &ObjRef) -> usize {
    set_obj(s).table.read().used
}

/// CPython's frozenset hash: order-independent mixing of the element hashes.
pub fn frozenset_hash(s: &ObjRef) -> i64 {
    let t = set_obj(s).table.read();
    let mut hash: u64 = 0;
    for slot in &t.slots {
        if let Slot::Active(h, _) = slot {
            let h = *h as u64;
            hash ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
        }
    }
    hash ^= (t.used as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let h = hash as i64;
    if h == -1 {
        590923713
    } else {
        h
    }
}

/// `repr()` of a set of any (sub)type, without dispatching to a subclass's `__repr__`.
pub fn repr(s: &ObjRef) -> PyResult<String> {
    let name = type_::type_name(s.ty());
    let Some(_g) = ReprGuard::enter(s.addr()) else {
        return Ok(format!("{name}(...)"));
    };
    let ks = keys(s);
    if ks.is_empty() {
        return Ok(format!("{name}()"));
    }
    let mut inner = String::new();
    for (i, k) in ks.iter().enumerate() {
        if i > 0 {
            inner.push_str(", ");
        }
        inner.push_str(&ops::format::repr(k)?);
    }
    Ok(if s.ty().ptr_eq(&types().set) { format!("{{{inner}}}") } else { format!("{name}({{{inner}}})") })
}

// ----- methods -----

fn recv_set<'a>(args: &'a [Value], frozen: bool, name: &str, kind: Recv) -> PyResult<&'a ObjRef> {
    let t = types();
    let ty = if frozen { &t.frozenset } else { &t.set };
    Ok(receiver(args, ty, name, kind)?.as_obj().expect("set receiver"))
}

/// Methods that take any number of iterables: CPython's `set.update(*others)` family.
fn varargs<'a>(args: &'a [Value], kwargs: &[(Value, Value)], qualname: &str) -> PyResult<&'a [Value]> {
    Args::new(qualname, args, kwargs).no_kwargs()?;
    Ok(&args[1..])
}

fn m_add(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "add", Recv::Method)?;
    let a = Args::new("set.add", args, kwargs).exact(2)?;
    add(s, a[1].clone())?;
    Ok(Value::None)
}

fn m_discard(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "discard", Recv::Method)?;
    let a = Args::new("set.discard", args, kwargs).exact(2)?;
    discard(s, &a[1])?;
    Ok(Value::None)
}

fn m_remove(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "remove", Recv::Method)?;
    let a = Args::new("set.remove", args, kwargs).exact(2)?;
    if !discard(s, &a[1])? {
        return Err(key_error(a[1].clone()));
    }
    Ok(Value::None)
}

fn m_pop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "pop", Recv::Method)?;
    Args::new("set.pop", args, kwargs).exact(1)?;
    pop(s)
}

fn m_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "clear", Recv::Method)?;
    Args::new("set.clear", args, kwargs).exact(1)?;
    clear(s);
    Ok(Value::None)
}

fn m_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "update", Recv::Method)?;
    for o in varargs(args, kwargs, "set.update")? {
        update(s, o)?;
    }
    Ok(Value::None)
}

fn m_intersection_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "intersection_update", Recv::Method)?;
    let others = varargs(args, kwargs, "set.intersection_update")?;
    let tmp = intersection_multi(s, others)?;
    replace_body(s, tmp);
    Ok(Value::None)
}

fn m_difference_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "difference_update", Recv::Method)?;
    for o in varargs(args, kwargs, "set.difference_update")? {
        difference_update(s, o)?;
    }
    Ok(Value::None)
}

fn m_symmetric_difference_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "symmetric_difference_update", Recv::Method)?;
    let a = Args::new("set.symmetric_difference_update", args, kwargs).exact(2)?;
    symmetric_difference_update(s, &a[1])?;
    Ok(Value::None)
}

/// `set.intersection(*others)`: with no others, a copy.
fn intersection_multi(s: &ObjRef, others: &[Value]) -> PyResult<ObjRef> {
    if others.is_empty() {
        return copy(s);
    }
    let mut result = s.clone();
    for o in others {
        result = intersection(&result, o)?;
    }
    // `result` may still be `s` only if `others` was empty, handled above.
    Ok(result)
}

/// The shared bodies of the non-mutating methods, which both `set` and `frozenset` have.
mod shared {
    use super::*;

    pub fn copy_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let q = if frozen { "frozenset.copy" } else { "set.copy" };
        let s = recv_set(args, frozen, "copy", Recv::Method)?;
        Args::new(q, args, kwargs).exact(1)?;
        if frozen && s.ty().ptr_eq(&types().frozenset) {
            return Ok(args[0].clone());
        }
        copy(s).map(Value::Obj)
    }

    pub fn union_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let q = if frozen { "frozenset.union" } else { "set.union" };
        let s = recv_set(args, frozen, "union", Recv::Method)?;
        let result = copy(s)?;
        for o in varargs(args, kwargs, q)? {
            if o.as_obj().is_some_and(|x| x.ptr_eq(s)) {
                continue;
            }
            update(&result, o)?;
        }
        Ok(Value::Obj(result))
    }

    pub fn intersection_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let q = if frozen { "frozenset.intersection" } else { "set.intersection" };
        let s = recv_set(args, frozen, "intersection", Recv::Method)?;
        let others = varargs(args, kwargs, q)?;
        intersection_multi(s, others).map(Value::Obj)
    }

    pub fn difference_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let q = if frozen { "frozenset.difference" } else { "set.difference" };
        let s = recv_set(args, frozen, "difference", Recv::Method)?;
        let others = varargs(args, kwargs, q)?;
        let Some((first, rest)) = others.split_first() else {
            return copy(s).map(Value::Obj);
        };
        let result = difference(s, first)?;
        for o in rest {
            difference_update(&result, o)?;
        }
        Ok(Value::Obj(result))
    }

    pub fn symmetric_difference_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let q = if frozen { "frozenset.symmetric_difference" } else { "set.symmetric_difference" };
        let s = recv_set(args, frozen, "symmetric_difference", Recv::Method)?;
        let a = Args::new(q, args, kwargs).exact(2)?;
        symmetric_difference(s, &a[1]).map(Value::Obj)
    }

    pub fn predicate(
        args: &[Value],
        kwargs: &[(Value, Value)],
        frozen: bool,
        name: &str,
        f: fn(&ObjRef, &Value) -> PyResult<bool>,
    ) -> PyResult<Value> {
        let q = format!("{}.{name}", if frozen { "frozenset" } else { "set" });
        let s = recv_set(args, frozen, name, Recv::Method)?;
        let a = Args::new(&q, args, kwargs).exact(2)?;
        f(s, &a[1]).map(Value::Bool)
    }

    pub fn len_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let s = recv_set(args, frozen, "__len__", Recv::Slot)?;
        Args::new("__len__", args, kwargs).exact(1)?;
        Ok(Value::Int(len(s) as i64))
    }

    pub fn contains_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let q = if frozen { "frozenset.__contains__" } else { "set.__contains__" };
        let s = recv_set(args, frozen, "__contains__", Recv::Method)?;
        let a = Args::new(q, args, kwargs).exact(2)?;
        contains(s, &a[1]).map(Value::Bool)
    }

    pub fn iter_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let s = recv_set(args, frozen, "__iter__", Recv::Slot)?;
        Args::new("__iter__", args, kwargs).exact(1)?;
        Ok(new_iter(s))
    }

    pub fn repr_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool) -> PyResult<Value> {
        let s = recv_set(args, frozen, "__repr__", Recv::Slot)?;
        Args::new("__repr__", args, kwargs).exact(1)?;
        repr(s).map(Value::from)
    }

    pub fn cmp_(args: &[Value], kwargs: &[(Value, Value)], frozen: bool, op: ops::compare::CmpOp) -> PyResult<Value> {
        let name = format!("__{}__", format!("{op:?}").to_lowercase());
        let s = recv_set(args, frozen, &name, Recv::Slot)?;
        let a = Args::new(&name, args, kwargs).exact(2)?;
        Ok(match richcmp(s, &a[1], op)? {
            Some(b) => Value::Bool(b),
            None => not_implemented(),
        })
    }

    pub fn binop_(
        args: &[Value],
        kwargs: &[(Value, Value)],
        frozen: bool,
        op: SetOp,
        reflected: bool,
    ) -> PyResult<Value> {
        let name = format!("__{}{}__", if reflected { "r" } else { "" }, format!("{op:?}").to_lowercase());
        let s = recv_set(args, frozen, &name, Recv::Slot)?;
        let a = Args::new(&name, args, kwargs).exact(2)?;
        let Some(o) = a[1].as_obj().filter(|_| is_anyset(&a[1])) else {
            return Ok(not_implemented());
        };
        let (l, r) = if reflected { (o, s) } else { (s, o) };
        binop(l, r, op).map(Value::Obj)
    }

    pub fn hash_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
        let s = recv_set(args, true, "__hash__", Recv::Slot)?;
        Args::new("__hash__", args, kwargs).exact(1)?;
        Ok(Value::Int(frozenset_hash(s)))
    }
}

fn new_iter(s: &ObjRef) -> Value {
    let n = len(s);
    crate::builtins::iter::new_iter(
        "set_iterator",
        Box::new(crate::builtins::iter::SetIter { set: s.clone(), state: parking_lot::Mutex::new((0, n)) }),
    )
}

fn m_inplace(args: &[Value], kwargs: &[(Value, Value)], op: SetOp) -> PyResult<Value> {
    let name = format!("__i{}__", format!("{op:?}").to_lowercase());
    let s = recv_set(args, false, &name, Recv::Slot)?;
    let a = Args::new(&name, args, kwargs).exact(2)?;
    if inplace(s, &a[1], op)? {
        Ok(args[0].clone())
    } else {
        Ok(not_implemented())
    }
}

/// `set.__init__(self, iterable=())`: empties the set, then updates it.
fn m_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_set(args, false, "__init__", Recv::Slot)?;
    if !kwargs.is_empty() {
        return Err(type_error("set() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(type_error(format!("set expected at most 1 argument, got {}", args.len() - 1)));
    }
    if set_obj(s).table.read().fill > 0 {
        clear(s);
    }
    if let Some(it) = args.get(1) {
        update(s, it)?;
    }
    Ok(Value::None)
}

/// `frozenset.__init__` is `object.__init__`: the contents were fixed at creation.
fn fs_init(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv_set(args, true, "__init__", Recv::Slot)?;
    Ok(Value::None)
}

macro_rules! both {
    ($($set_fn:ident, $fs_fn:ident => $body:expr;)*) => {$(
        fn $set_fn(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let f: fn(&[Value], &[(Value, Value)], bool) -> PyResult<Value> = $body;
            f(args, kwargs, false)
        }
        fn $fs_fn(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let f: fn(&[Value], &[(Value, Value)], bool) -> PyResult<Value> = $body;
            f(args, kwargs, true)
        }
    )*};
}

both! {
    s_copy, f_copy => shared::copy_;
    s_union, f_union => shared::union_;
    s_intersection, f_intersection => shared::intersection_;
    s_difference, f_difference => shared::difference_;
    s_symmetric_difference, f_symmetric_difference => shared::symmetric_difference_;
    s_issubset, f_issubset => |a, k, f| shared::predicate(a, k, f, "issubset", issubset);
    s_issuperset, f_issuperset => |a, k, f| shared::predicate(a, k, f, "issuperset", issuperset);
    s_isdisjoint, f_isdisjoint => |a, k, f| shared::predicate(a, k, f, "isdisjoint", isdisjoint);
    s_len, f_len => shared::len_;
    s_contains, f_contains => shared::contains_;
    s_iter, f_iter => shared::iter_;
    s_repr, f_repr => shared::repr_;
    s_eq, f_eq => |a, k, f| shared::cmp_(a, k, f, ops::compare::CmpOp::Eq);
    s_ne, f_ne => |a, k, f| shared::cmp_(a, k, f, ops::compare::CmpOp::Ne);
    s_lt, f_lt => |a, k, f| shared::cmp_(a, k, f, ops::compare::CmpOp::Lt);
    s_le, f_le => |a, k, f| shared::cmp_(a, k, f, ops::compare::CmpOp::Le);
    s_gt, f_gt => |a, k, f| shared::cmp_(a, k, f, ops::compare::CmpOp::Gt);
    s_ge, f_ge => |a, k, f| shared::cmp_(a, k, f, ops::compare::CmpOp::Ge);
    s_or, f_or => |a, k, f| shared::binop_(a, k, f, SetOp::Or, false);
    s_and, f_and => |a, k, f| shared::binop_(a, k, f, SetOp::And, false);
    s_sub, f_sub => |a, k, f| shared::binop_(a, k, f, SetOp::Sub, false);
    s_xor, f_xor => |a, k, f| shared::binop_(a, k, f, SetOp::Xor, false);
    s_ror, f_ror => |a, k, f| shared::binop_(a, k, f, SetOp::Or, true);
    s_rand, f_rand => |a, k, f| shared::binop_(a, k, f, SetOp::And, true);
    s_rsub, f_rsub => |a, k, f| shared::binop_(a, k, f, SetOp::Sub, true);
    s_rxor, f_rxor => |a, k, f| shared::binop_(a, k, f, SetOp::Xor, true);
}

fn m_ior(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    m_inplace(args, kwargs, SetOp::Or)
}
fn m_iand(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    m_inplace(args, kwargs, SetOp::And)
}
fn m_isub(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    m_inplace(args, kwargs, SetOp::Sub)
}
fn m_ixor(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    m_inplace(args, kwargs, SetOp::Xor)
}

const SET_METHODS: &[(&str, NativeFn)] = &[
    ("add", m_add),
    ("discard", m_discard),
    ("remove", m_remove),
    ("pop", m_pop),
    ("clear", m_clear),
    ("copy", s_copy),
    ("update", m_update),
    ("union", s_union),
    ("intersection", s_intersection),
    ("intersection_update", m_intersection_update),
    ("difference", s_difference),
    ("difference_update", m_difference_update),
    ("symmetric_difference", s_symmetric_difference),
    ("symmetric_difference_update", m_symmetric_difference_update),
    ("issubset", s_issubset),
    ("issuperset", s_issuperset),
    ("isdisjoint", s_isdisjoint),
    ("__len__", s_len),
    ("__contains__", s_contains),
    ("__iter__", s_iter),
    ("__repr__", s_repr),
    ("__eq__", s_eq),
    ("__ne__", s_ne),
    ("__lt__", s_lt),
    ("__le__", s_le),
    ("__gt__", s_gt),
    ("__ge__", s_ge),
    ("__or__", s_or),
    ("__and__", s_and),
    ("__sub__", s_sub),
    ("__xor__", s_xor),
    ("__ror__", s_ror),
    ("__rand__", s_rand),
    ("__rsub__", s_rsub),
    ("__rxor__", s_rxor),
    ("__ior__", m_ior),
    ("__iand__", m_iand),
    ("__isub__", m_isub),
    ("__ixor__", m_ixor),
    ("__init__", m_init),
];

const FROZENSET_METHODS: &[(&str, NativeFn)] = &[
    ("copy", f_copy),
    ("union", f_union),
    ("intersection", f_intersection),
    ("difference", f_difference),
    ("symmetric_difference", f_symmetric_difference),
    ("issubset", f_issubset),
    ("issuperset", f_issuperset),
    ("isdisjoint", f_isdisjoint),
    ("__len__", f_len),
    ("__contains__", f_contains),
    ("__iter__", f_iter),
    ("__repr__", f_repr),
    ("__eq__", f_eq),
    ("__ne__", f_ne),
    ("__lt__", f_lt),
    ("__le__", f_le),
    ("__gt__", f_gt),
    ("__ge__", f_ge),
    ("__or__", f_or),
    ("__and__", f_and),
    ("__sub__", f_sub),
    ("__xor__", f_xor),
    ("__ror__", f_ror),
    ("__rand__", f_rand),
    ("__rsub__", f_rsub),
    ("__rxor__", f_rxor),
    ("__hash__", shared::hash_),
    ("__init__", fs_init),
];

pub fn register() {
    let t = types();
    add_methods(&t.set, SET_METHODS);
    add_methods(&t.frozenset, FROZENSET_METHODS);
    // `set` is unhashable: `__hash__ = None` makes subclasses unhashable too.
    dict::set_str(&type_::type_obj(&t.set).dict, "__hash__", Value::None);
}

/// A `TypeError` for an operand that is not a set, for callers that build their own messages.
pub fn not_a_set(v: &Value) -> PyErr {
    type_error(format!("'{}' object is not a set", v.type_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(s: &ObjRef) -> Vec<i64> {
        keys(s).iter().map(|v| crate::builtins::int::as_i64(v).expect("int")).collect()
    }

    fn set_of(xs: &[i64]) -> ObjRef {
        new_set(xs.iter().map(|&i| Value::Int(i)).collect(), false).expect("set").as_obj().expect("obj").clone()
    }

    fn list_of(xs: &[i64]) -> Value {
        crate::builtins::list::new_list(xs.iter().map(|&i| Value::Int(i)).collect())
    }

    // Expected orders recorded from CPython 3.12.1.
    #[test]
    fn display_order_matches_cpython() {
        assert_eq!(ints(&set_of(&[10, 5, 1, 100, 33])), vec![1, 33, 100, 5, 10]);
        assert_eq!(ints(&set_of(&[-1, -5, 0, 8])), vec![0, 8, -5, -1]);
        assert_eq!(ints(&set_of(&(0..20).rev().collect::<Vec<_>>())), (0..20).collect::<Vec<_>>());
        assert_eq!(ints(&set_of(&[1 << 40, 1 << 41, 1])), vec![1 << 40, 1 << 41, 1]);
    }

    #[test]
    fn add_and_discard_are_atomic_across_threads() {
        let s = new_empty(false);
        let added = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|sc| {
            for t in 0..4i64 {
                let (s, added) = (&s, &added);
                sc.spawn(move || {
                    // Overlapping ranges: every key is offered by two threads.
                    for i in (t * 500)..(t * 500 + 1000) {
                        let k = Value::Int(i % 2000);
                        let h = ops::hash::hash(&k).unwrap();
                        if add_hashed(s, k, h).unwrap() {
                            // Relaxed: a plain counter read after the threads are joined.
                            added.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(len(&s), 2000);
        assert_eq!(added.load(std::sync::atomic::Ordering::Relaxed), 2000, "each key added exactly once");
        let removed = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|sc| {
            for _ in 0..4 {
                let (s, removed) = (&s, &removed);
                sc.spawn(move || {
                    for i in 0..2000 {
                        if discard(s, &Value::Int(i)).unwrap() {
                            // Relaxed: as above.
                            removed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(len(&s), 0);
        assert_eq!(removed.load(std::sync::atomic::Ordering::Relaxed), 2000, "each key removed exactly once");
    }

    #[test]
    fn constant_displays_go_through_a_frozenset() {
        // {0, 8, 16, 24, 32, 40, 48} in CPython 3.12.1, against the same elements added one by one.
        let items: Vec<Value> = (0..7).map(|i| Value::Int(i * 8)).collect();
        let s = from_constant_display(items.clone()).unwrap();
        assert_eq!(ints(s.as_obj().unwrap()), vec![0, 32, 16, 48, 8, 24, 40]);
        let s = new_set(items, false).unwrap();
        assert_eq!(ints(s.as_obj().unwrap()), vec![0, 32, 8, 40, 16, 48, 24]);
    }

    #[test]
    fn dummy_reuse_and_pop_match_cpython() {
        // s = {0, 8, 16}; s.discard(8); s.add(24); s.add(32)  -> CPython: [0, 24, 32, 16]
        let s = set_of(&[0, 8, 16]);
        discard(&s, &Value::Int(8)).unwrap();
        add(&s, Value::Int(24)).unwrap();
        add(&s, Value::Int(32)).unwrap();
        assert_eq!(ints(&s), vec![0, 24, 32, 16]);
        // s = set(range(5)); [s.pop() for _ in range(3)] -> [0, 1, 2]
        let s = set_of(&[0, 1, 2, 3, 4]);
        let popped: Vec<i64> = (0..3).map(|_| crate::builtins::int::as_i64(&pop(&s).unwrap()).unwrap()).collect();
        assert_eq!(popped, vec![0, 1, 2]);
    }

    #[test]
    fn merge_copies_or_reinserts_like_cpython() {
        // a = {0, 64, 128, 3, 7, 11}; set(a) keeps a's order only when the sizes agree.
        let a = set_of(&[0, 64, 128, 3, 7, 11]);
        let b = from_iterable(false, Some(&Value::Obj(a.clone()))).unwrap();
        let b = b.as_obj().unwrap();
        assert_eq!(ints(b), ints(&set_of(&[0, 64, 128, 3, 7, 11])));
        // union walks the copy of the left operand, then adds the right one.
        let u = union(&set_of(&[1, 2, 3]), &list_of(&[9, 17, 33])).unwrap();
        assert_eq!(ints(&u), vec![1, 2, 3, 33, 9, 17]);
    }

    #[test]
    fn algebra_orders_match_cpython() {
        let a = set_of(&[1, 2, 3, 4]);
        let b = Value::Obj(set_of(&[3, 4, 5, 6]));
        assert_eq!(ints(&symmetric_difference(&a, &b).unwrap()), vec![1, 2, 5, 6]);
        assert_eq!(ints(&difference(&a, &b).unwrap()), vec![1, 2]);
        assert_eq!(ints(&intersection(&a, &b).unwrap()), vec![3, 4]);
        let big = set_of(&(0..40).map(|i| i * 7 - 50).collect::<Vec<_>>());
        let small = Value::Obj(set_of(&[-50, 13, 99, 180]));
        assert_eq!(ints(&intersection(&big, &small).unwrap()), vec![13, -50]);
    }
}
