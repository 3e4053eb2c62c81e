//! Per-site caches for global names: `load_global_at` remembers, at each place in the generated code that
//! reads a global or built-in name, the value it found and the write counts of the module dict and of the
//! builtins dict at that time. While neither dict has been written since, the cached value is still the
//! answer, and reading it takes a few plain loads: no hashing, no lock, no reference count.
//!
//! Inline values (None, bools, small ints, floats) and immortal objects (classes, modules, built-in functions,
//! functions defined by a module-level `def`) are cached as they are: a hit touches no reference count.
//! Other objects found in the module dict (a list or dict held in a global, `stack.append(x)`) are cached
//! by address without a count of their own: while the write count is unchanged the dict still holds them,
//! and a hit counts the reference it returns. That is a dict read without a lock, so it follows the dict's
//! rules (`builtins/dict.rs`, `qsbr`): the reading thread marks the dict shared first, so that a writer on
//! another thread retires the value it replaces instead of freeing it while the hit is counting it.
//!
//! A site is written by whichever thread missed, under a per-site sequence lock; readers never wait and
//! fall back to the dict lookup when they see a site being written.
//!
//! Any store into the module dict makes every site of the module miss (a program with a `global` counter
//! stores on every step), so a miss is cheap too: each site remembers the entry index where its name was
//! last found in the module dict and in the builtins dict (`dict::get_hinted`), and a store statement's
//! [`StoreSite`] remembers the index it stored at (`dict::set_hinted`): neither hashes nor probes while the
//! dict keeps its layout.

use std::sync::atomic::{fence, AtomicU32, AtomicU64, AtomicUsize, Ordering};

use crate::builtins::dict::{self, dict_obj};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::Value;

/// The cache of one global-name load in generated code (a `static` per site).
pub struct GlobalSite {
    /// Even while the fields below are consistent, odd while a thread rewrites them.
    seq: AtomicU32,
    /// The address of the module dict the entry was filled from (generated code can run with several
    /// module dicts, for example when a module is executed twice).
    dict: AtomicUsize,
    /// The module dict's and the builtins dict's write counts when the entry was filled; 0 means empty.
    globals_writes: AtomicU64,
    builtins_writes: AtomicU64,
    /// The cached value, as [`encode`] packs it.
    tag: AtomicU64,
    bits: AtomicU64,
    /// Where the name was last found in the module dict and in the builtins dict (guesses, see
    /// `dict::get_hinted`).
    hint: AtomicU32,
    builtins_hint: AtomicU32,
}

impl GlobalSite {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> GlobalSite {
        GlobalSite {
            seq: AtomicU32::new(0),
            dict: AtomicUsize::new(0),
            globals_writes: AtomicU64::new(0),
            builtins_writes: AtomicU64::new(0),
            tag: AtomicU64::new(0),
            bits: AtomicU64::new(0),
            hint: AtomicU32::new(0),
            builtins_hint: AtomicU32::new(0),
        }
    }
}

/// The entry-index hint of one global-name store in generated code (a `static` per site).
pub struct StoreSite {
    hint: AtomicU32,
}

impl StoreSite {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> StoreSite {
        StoreSite { hint: AtomicU32::new(0) }
    }
}

/// `name = v` at module level or under `global name`: a store into the module dict through the site's hint.
#[inline]
pub fn store_global_at(site: &StoreSite, g: &ObjRef, name: &Value, v: Value) -> PyResult<()> {
    dict::set_hinted(g, name, v, &site.hint)
}

/// The tag of a cached object that is counted: the dict holds the reference the cache relies on.
const MORTAL: u64 = 6;

/// Packs a value into two words: a tag (never 0) and the payload (an object's address). Types' lookup
/// caches (`type_::FastEntry`) store their results the same way.
#[inline]
pub(crate) fn encode(v: &Value) -> (u64, u64) {
    match v {
        Value::None => (1, 0),
        Value::Bool(b) => (2, *b as u64),
        Value::Int(i) => (3, *i as u64),
        Value::Float(f) => (4, f.to_bits()),
        Value::Obj(o) if o.is_immortal() => (5, o.addr() as u64),
        Value::Obj(o) => (MORTAL, o.addr() as u64),
    }
}

/// The value of a validated entry. A counted object's new reference is taken here; the caller has checked
/// that the module dict still holds it (unchanged write count) after marking the dict as read (see the
/// module comment). An immortal object's tag (what a type's lookup cache stores) takes no count.
#[inline(always)]
pub(crate) fn decode(tag: u64, bits: u64) -> Value {
    match tag {
        1 => Value::None,
        2 => Value::Bool(bits != 0),
        3 => Value::Int(bits as i64),
        4 => Value::Float(f64::from_bits(bits)),
        MORTAL => {
            // SAFETY: the object is alive: the module dict holds a reference to it (the validated write count
            // shows that no write removed it since the entry was filled), and a writer that removes it from now
            // on retires the reference rather than dropping it until this thread's next safe point (the dict is
            // marked as read by this thread, see `load_global_at`). The uncounted copy is never dropped; its
            // clone is the counted reference returned.
            let o = std::mem::ManuallyDrop::new(unsafe { ObjRef::from_immortal_addr(bits as usize) });
            Value::Obj((*o).clone())
        }
        // SAFETY: tag 5 is only stored by `fill` for an object that was immortal (see `encode`).
        _ => Value::Obj(unsafe { ObjRef::from_immortal_addr(bits as usize) }),
    }
}

/// Loads the global (or else built-in) `name` as `LOAD_GLOBAL` does, through the site's cache.
#[inline(always)]
pub fn load_global_at(site: &GlobalSite, g: &ObjRef, name: &Value) -> PyResult<Value> {
    let s1 = site.seq.load(Ordering::Acquire);
    let gw = site.globals_writes.load(Ordering::Relaxed);
    let bw = site.builtins_writes.load(Ordering::Relaxed);
    let d = site.dict.load(Ordering::Relaxed);
    let tag = site.tag.load(Ordering::Relaxed);
    let bits = site.bits.load(Ordering::Relaxed);
    // Orders the loads above before the re-check of the sequence number (the seqlock read protocol).
    fence(Ordering::Acquire);
    if tag == MORTAL {
        // Before the write count is validated, as every lock-free dict read does (see `decode`).
        dict_obj(g).note_reader();
    }
    if s1 & 1 == 0
        && site.seq.load(Ordering::Relaxed) == s1
        && gw != 0
        && d == g.addr()
        && dict_obj(g).writes() == gw
        && dict_obj(crate::modules::builtins::builtins_dict()).writes() == bw
    {
        return Ok(decode(tag, bits));
    }
    load_global_miss(site, g, name)
}

#[cold]
#[inline(never)]
fn load_global_miss(site: &GlobalSite, g: &ObjRef, name: &Value) -> PyResult<Value> {
    // The counts are read before the lookup: a write racing with it leaves the entry with an older count,
    // which the next load sees as stale.
    let gw = dict_obj(g).writes();
    let bw = dict_obj(crate::modules::builtins::builtins_dict()).writes();
    let (v, global) = match dict::get_hinted(g, name, &site.hint)? {
        Some(v) => (v, true),
        None => match dict::get_hinted(crate::modules::builtins::builtins_dict(), name, &site.builtins_hint)? {
            Some(v) => (v, false),
            // The general lookup raises the NameError (with its suggestions).
            None => (crate::rt::load_global(g, name)?, false),
        },
    };
    // Sites recognise the module dict by address: it must never be freed and its address reused by another
    // dict whose write count happens to match. Module dicts live as long as the program anyway.
    g.immortalize();
    let (tag, bits) = encode(&v);
    // A counted object is only cached from the module dict, the dict a hit marks as read (a built-in name
    // bound to a counted object is rare: `builtins.x = [...]`).
    if tag != MORTAL || global {
        fill(site, g.addr(), gw, bw, tag, bits);
    }
    Ok(v)
}

fn fill(site: &GlobalSite, dict: usize, gw: u64, bw: u64, tag: u64, bits: u64) {
    let s = site.seq.load(Ordering::Relaxed);
    if s & 1 != 0 || site.seq.compare_exchange(s, s.wrapping_add(1), Ordering::Acquire, Ordering::Relaxed).is_err() {
        // Another thread is filling the site; this load simply goes uncached.
        return;
    }
    // Keeps the stores below after the odd sequence number is visible (the seqlock write protocol).
    fence(Ordering::Release);
    site.dict.store(dict, Ordering::Relaxed);
    site.globals_writes.store(gw, Ordering::Relaxed);
    site.builtins_writes.store(bw, Ordering::Relaxed);
    site.tag.store(tag, Ordering::Relaxed);
    site.bits.store(bits, Ordering::Relaxed);
    // Release: a reader that sees the even number again sees every field stored above.
    site.seq.store(s.wrapping_add(2), Ordering::Release);
}
