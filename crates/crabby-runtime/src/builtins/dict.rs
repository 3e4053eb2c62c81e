//! `dict`: an insertion-ordered hash table, safe to share between threads.
//!
//! The table is CPython's compact layout: an index array probed with CPython's perturbation scheme, pointing
//! into an insertion-ordered entry array. The table's lock is never held while Python code runs: keys whose
//! equality needs `__eq__` are compared after unlocking, and the operation restarts if the table changed.

use parking_lot::RwLock;

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::error::{key_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
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
    indices: Vec<u32>,
    /// Insertion order; `None` marks a deleted entry until the next rebuild.
    entries: Vec<Option<Entry>>,
    used: usize,
    /// Bumped by every insertion or deletion of a key, so an operation that unlocked to run `__eq__` can tell
    /// whether its probe is still valid.
    version: u64,
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
        self.used
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

    fn rebuild(&mut self, min_used: usize) {
        let mut size = 8;
        while size * 2 / 3 <= min_used {
            size *= 2;
        }
        let entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries).into_iter().filter(|e| e.is_some()).collect();
        self.indices = vec![EMPTY; size];
        let mask = size - 1;
        for (n, e) in entries.iter().enumerate() {
            let hash = e.as_ref().map_or(0, |e| e.hash);
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
            self.rebuild((self.used + 1) * 3);
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] != EMPTY && self.indices[i] != DUMMY {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        self.indices[i] = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.used += 1;
        self.version += 1;
    }

    fn remove_at(&mut self, entry_ix: usize) -> Option<Entry> {
        let hash = self.entries[entry_ix].as_ref()?.hash;
        let slot = self.slot_of(entry_ix, hash);
        self.indices[slot] = DUMMY;
        self.used -= 1;
        self.version += 1;
        self.entries[entry_ix].take()
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

    pub fn clear(&mut self) -> Vec<Option<Entry>> {
        self.indices.clear();
        self.used = 0;
        self.version += 1;
        std::mem::take(&mut self.entries)
    }
}

/// The payload of `dict` objects.
pub struct DictObj {
    pub table: RwLock<DictTable>,
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj { table: RwLock::new(DictTable::default()) }
    }
}

pub fn new_dict_obj() -> ObjRef {
    ObjRef::new(&types().dict, Payload::Dict(DictObj::new()))
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

/// `d[key]` without `__missing__`: `None` when absent.
pub fn get(d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
    let hash = ops::hash::hash(key)?;
    get_hashed(d, key, hash)
}

pub fn get_hashed(d: &ObjRef, key: &Value, hash: i64) -> PyResult<Option<Value>> {
    let obj = dict_obj(d);
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

/// `d[key] = value`.
pub fn set(d: &ObjRef, key: Value, value: Value) -> PyResult<()> {
    let hash = ops::hash::hash(&key)?;
    set_hashed(d, key, hash, value)
}

pub fn set_hashed(d: &ObjRef, key: Value, hash: i64, value: Value) -> PyResult<()> {
    let obj = dict_obj(d);
    loop {
        let mut t = obj.table.write();
        let found = match t.probe(&key, hash) {
            Probe::Found(ix) => Some(ix),
            Probe::Missing => None,
            Probe::NeedEq(cands) => {
                let version = t.version;
                drop(t);
                let found = resolve_slow(cands, &key)?;
                t = obj.table.write();
                if t.version != version {
                    continue;
                }
                found
            }
        };
        let old = match found {
            Some(ix) => t.entries[ix].as_mut().map(|e| std::mem::replace(&mut e.value, value)),
            None => {
                t.insert_new(hash, key, value);
                None
            }
        };
        // The old value is dropped after unlocking: freeing it may free other objects.
        drop(t);
        drop(old);
        return Ok(());
    }
}

/// Removes `key`, returning its value, or `None` when absent.
pub fn remove(d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
    let hash = ops::hash::hash(key)?;
    let obj = dict_obj(d);
    loop {
        let mut t = obj.table.write();
        let found = match t.probe(key, hash) {
            Probe::Found(ix) => Some(ix),
            Probe::Missing => None,
            Probe::NeedEq(cands) => {
                let version = t.version;
                drop(t);
                let found = resolve_slow(cands, key)?;
                t = obj.table.write();
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
    let hash = ops::hash::hash_str(name);
    let t = dict_obj(d).table.read();
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
    let key = crate::builtins::str::new_str(name);
    let hash = ops::hash::hash_str(name);
    // A str key compares without Python code, so the set cannot fail.
    let _ = set_hashed(d, key, hash, value);
}

pub fn len(d: &ObjRef) -> usize {
    dict_obj(d).table.read().used
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
    Value::Obj(ObjRef::new(&types().dict, Payload::Dict(DictObj { table: RwLock::new(t) })))
}

/// `d.update(other)` for another dict.
pub fn update_from_dict(d: &ObjRef, other: &ObjRef) -> PyResult<()> {
    let entries: Vec<Entry> = dict_obj(other).table.read().iter().cloned().collect();
    for e in entries {
        set_hashed(d, e.key, e.hash, e.value)?;
    }
    Ok(())
}

/// Methods of `dict`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().dict, METHODS);
}
