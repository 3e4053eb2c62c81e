//! `set` and `frozenset`: CPython's open-addressing set table, so iteration order matches CPython's for keys
//! with deterministic hashes (ints, floats, tuples of them).

use parking_lot::RwLock;

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::ops;
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
    slots: Vec<Slot>,
    fill: usize,
    used: usize,
    version: u64,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable { slots: vec![Slot::Empty; MINSIZE], fill: 0, used: 0, version: 0 }
    }
}

enum Probe {
    Found,
    Missing(usize),
    NeedEq(Vec<Value>),
}

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }

    fn probe(&self, key: &Value, hash: i64) -> Probe {
        let mask = self.slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        let mut slow: Option<Vec<Value>> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.slots[j] {
                    Slot::Empty => {
                        return match slow {
                            Some(v) => Probe::NeedEq(v),
                            None => Probe::Missing(j),
                        }
                    }
                    Slot::Active(h, k) if *h == hash => {
                        if let Some(list) = &mut slow {
                            list.push(k.clone());
                        } else {
                            match ops::compare::fast_eq(k, key) {
                                Some(true) => return Probe::Found,
                                Some(false) => {}
                                None => slow = Some(vec![k.clone()]),
                            }
                        }
                    }
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn insert_clean(slots: &mut [Slot], hash: i64, key: Value) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            if matches!(slots[i], Slot::Empty) {
                slots[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if matches!(slots[j], Slot::Empty) {
                        slots[j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        for s in old {
            if let Slot::Active(h, k) = s {
                Self::insert_clean(&mut self.slots, h, k);
            }
        }
        self.fill = self.used;
    }

    fn insert_at(&mut self, slot: usize, hash: i64, key: Value) {
        self.slots[slot] = Slot::Active(hash, key);
        self.fill += 1;
        self.used += 1;
        self.version += 1;
        let mask = self.slots.len() - 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50000 { self.used * 2 } else { self.used * 4 });
        }
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

fn set_obj(s: &ObjRef) -> &SetObj {
    match &s.payload {
        Payload::Set(t) => t,
        _ => unreachable!("not a set"),
    }
}

/// Adds `key` to the set (`set.add`).
pub fn add(s: &ObjRef, key: Value) -> PyResult<()> {
    let hash = ops::hash::hash(&key)?;
    let obj = set_obj(s);
    loop {
        let mut t = obj.table.write();
        match t.probe(&key, hash) {
            Probe::Found => return Ok(()),
            Probe::Missing(slot) => {
                t.insert_at(slot, hash, key);
                return Ok(());
            }
            Probe::NeedEq(cands) => {
                let version = t.version;
                drop(t);
                for c in cands {
                    if ops::compare::eq_bool(&c, &key)? {
                        return Ok(());
                    }
                }
                let t = obj.table.write();
                if t.version != version {
                    continue;
                }
                drop(t);
                // Not present: insert at the first free slot of a fresh probe that skips the slow keys.
                let mut t = obj.table.write();
                let mask = t.slots.len() - 1;
                let mut perturb = hash as u64;
                let mut i = hash as u64 as usize & mask;
                let slot = 'search: loop {
                    let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                    for j in i..=i + probes {
                        if matches!(t.slots[j], Slot::Empty) {
                            break 'search j;
                        }
                    }
                    perturb >>= PERTURB_SHIFT;
                    i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
                };
                t.insert_at(slot, hash, key);
                return Ok(());
            }
        }
    }
}

/// `key in s`.
pub fn contains(s: &ObjRef, key: &Value) -> PyResult<bool> {
    let hash = ops::hash::hash(key)?;
    let cands = match set_obj(s).table.read().probe(key, hash) {
        Probe::Found => return Ok(true),
        Probe::Missing(_) => return Ok(false),
        Probe::NeedEq(c) => c,
    };
    for c in cands {
        if ops::compare::eq_bool(&c, key)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Removes `key`; returns whether it was present.
pub fn discard(s: &ObjRef, key: &Value) -> PyResult<bool> {
    let hash = ops::hash::hash(key)?;
    let obj = set_obj(s);
    let mut t = obj.table.write();
    let mask = t.slots.len() - 1;
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for j in i..=i + probes {
            match &t.slots[j] {
                Slot::Empty => return Ok(false),
                Slot::Active(h, k) if *h == hash && ops::compare::fast_eq(k, key).unwrap_or(false) => {
                    let old = std::mem::replace(&mut t.slots[j], Slot::Dummy);
                    t.used -= 1;
                    t.version += 1;
                    drop(t);
                    drop(old);
                    return Ok(true);
                }
                _ => {}
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// A new empty `set` (or `frozenset` when `frozen`).
pub fn new_empty(frozen: bool) -> ObjRef {
    let ty = if frozen { &types().frozenset } else { &types().set };
    ObjRef::new(ty, Payload::Set(SetObj::new()))
}

/// A new set holding `items`, added in order.
pub fn new_set(items: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let s = new_empty(frozen);
    for v in items {
        add(&s, v)?;
    }
    Ok(Value::Obj(s))
}

pub fn keys(s: &ObjRef) -> Vec<Value> {
    set_obj(s).table.read().keys()
}

pub fn len(s: &ObjRef) -> usize {
    set_obj(s).table.read().used
}

pub fn table(s: &ObjRef) -> &RwLock<SetTable> {
    &set_obj(s).table
}

/// Methods of `set` and `frozenset`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().set, METHODS);
    add_methods(&types().frozenset, METHODS);
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
