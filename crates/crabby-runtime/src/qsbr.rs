//! Deferred freeing for lock-free readers: quiescent-state-based reclamation (QSBR), the scheme CPython's
//! free-threaded build uses for its dict reads.
//!
//! A dict read takes no lock (see `builtins/dict.rs`): it copies a slot of the table optimistically and
//! validates the copy with the dict's sequence number. The object the copy points to must then still be alive
//! when the reader increments its count, even if a writer removed it from the dict an instant before. So a
//! writer never drops the dict's reference to a removed key or value (or a replaced table buffer) at once when
//! other Python threads exist: it *retires* it, stamped with a new value of the global sequence `GLOBAL`.
//! Each Python thread publishes, at its safe points (loop back-edges and calls, where it holds no pointer
//! obtained from a lock-free read), the value of `GLOBAL` it has seen. A retired item is dropped once every
//! online thread has published a value at least as new as the item's stamp: by then no thread can still hold
//! a pointer read before the item was removed.
//!
//! A thread about to block (waiting for a lock, a queue, an import, or sleeping) goes *offline*, so that it does
//! not hold back everyone's reclamation while it waits; it comes back online with a full fence before touching
//! any object again. While only one Python thread runs, nothing is deferred and safe points do no work beyond
//! one relaxed load.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{fence, AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};

use crate::Value;

/// The global sequence. Retiring an item advances it; threads publish the value they have seen.
static GLOBAL: AtomicU64 = AtomicU64::new(1);

/// Python threads registered (the main thread and every `_thread` thread). While it is at most 1, nothing is
/// deferred: no other thread can be between an optimistic read and its validation.
static THREADS: ThreadCount = ThreadCount(AtomicUsize::new(0));

/// The registered-thread count on a cache line of its own: every list access and instance store reads it, so a
/// frequently written static next to it (`GLOBAL` advances on every retire) would make those reads miss.
#[repr(align(128))]
struct ThreadCount(AtomicUsize);

/// Retired items not yet dropped, over all threads. Safe points only do work while it is non-zero.
static PENDING: AtomicUsize = AtomicUsize::new(0);

/// The published sequence of a thread that is blocked outside Python code: it holds no pointer, so it never
/// holds back reclamation.
const OFFLINE: u64 = u64::MAX;

/// Safe points between two polls of the other threads' published values, while this thread has items waiting.
const POLL_EVERY: u32 = 32;

/// Items at which a thread polls at once instead of waiting for the next poll.
const POLL_ITEMS: usize = 256;

/// One thread's published sequence.
pub struct Slot {
    seq: AtomicU64,
}

/// The registered threads' slots, read by pollers.
static SLOTS: RwLock<Vec<Arc<Slot>>> = RwLock::new(Vec::new());

/// Items left by threads that ended before they could drop them (or retired on threads that were never
/// registered); any poller adopts them.
static ORPHANS: Mutex<Vec<(u64, Retired)>> = Mutex::new(Vec::new());

/// Whether `ORPHANS` may hold items, so that safe points need not lock it to find out.
static ORPHANED: AtomicBool = AtomicBool::new(false);

/// Something whose drop waits for the other threads to pass a safe point.
pub enum Retired {
    /// A reference a dict held (a removed key or value); dropping it may run Python code.
    Value(Value),
    /// A table buffer; dropping it frees memory only.
    Buffer(Box<dyn Send>),
}

#[derive(Default)]
struct Local {
    slot: Option<Arc<Slot>>,
    items: Vec<(u64, Retired)>,
    ticks: u32,
}

thread_local! {
    static LOCAL: RefCell<Local> = RefCell::new(Local::default());
    static TOKEN: Cell<u64> = const { Cell::new(0) };
}

/// The last thread token handed out; tokens are never reused, and 0 is never one.
static TOKENS: AtomicU64 = AtomicU64::new(0);

/// The thread a lock-free-readable container belongs to: the `token` of the thread that made it, or 0 once
/// another thread has read it without locking. Writers to a container owned by the writing thread free what
/// they replace at once; any other write retires it (see the module comment).
pub struct Owner(AtomicU64);

/// `Owner`'s value once any other thread may read the container without locking.
const SHARED: u64 = 0;

impl Owner {
    /// Owned by the calling thread.
    pub fn current() -> Owner {
        Owner(AtomicU64::new(token()))
    }

    /// Already shared (a container that is never read lock-free, or not yet claimed).
    pub const fn shared() -> Owner {
        Owner(AtomicU64::new(SHARED))
    }

    /// Makes the calling thread the owner of a container nobody else can reach yet.
    pub fn claim(&self) {
        // Relaxed: the container is not yet published to other threads.
        self.0.store(token(), Ordering::Relaxed);
    }

    /// Called before each lock-free read: a thread other than the owner marks the container shared first, so
    /// that from then on every write defers its frees.
    #[inline]
    pub fn note_reader(&self) {
        // With one Python thread no write can run during this read, and a thread started later passes here
        // itself. Relaxed: `mark_shared` orders what matters.
        if deferring() {
            let o = self.0.load(Ordering::Relaxed);
            if o != SHARED && o != token() {
                self.mark_shared();
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn mark_shared(&self) {
        // SeqCst store and fence: pairs with the fence in `writer_defers`.
        self.0.store(SHARED, Ordering::SeqCst);
        fence(Ordering::SeqCst);
    }

    /// Whether a writer that has made its change visible to readers (odd sequence number published) must
    /// retire what it replaces instead of freeing it.
    #[inline]
    pub fn writer_defers(&self) -> bool {
        deferring() && {
            // SeqCst fence, pairing with `mark_shared`'s: either this write sees the container shared, or the
            // other thread's reads after marking it see this write's odd number and take the slow path.
            fence(Ordering::SeqCst);
            // Relaxed: ordered by the fence above.
            self.0.load(Ordering::Relaxed) != token()
        }
    }
}

/// A number naming the calling thread, unique for the life of the process (never 0). Containers record their
/// creating thread with it, so a write can tell whether another thread may be reading.
#[inline]
pub fn token() -> u64 {
    TOKEN.with(|t| {
        let v = t.get();
        if v != 0 {
            return v;
        }
        // Relaxed: uniqueness is all that matters, which the read-modify-write gives.
        let v = TOKENS.fetch_add(1, Ordering::Relaxed) + 1;
        t.set(v);
        v
    })
}

/// A registered thread that has not started yet: made by the thread that starts it, so that from that
/// moment writers defer their frees (the new thread may read as soon as it runs).
/// Dropped without [`enter`] (the thread could not start), it unregisters.
pub struct NewThread(Option<Arc<Slot>>);

impl Drop for NewThread {
    fn drop(&mut self) {
        if let Some(slot) = self.0.take() {
            unregister(&slot);
        }
    }
}

/// Registers a Python thread about to start. Call [`enter`] on the new thread with the result.
pub fn new_thread() -> NewThread {
    // SeqCst: the new thread has read nothing yet, so any value is safe; SeqCst keeps it ordered with pollers'
    // fences like every other change of a slot from offline to online.
    let slot = Arc::new(Slot { seq: AtomicU64::new(GLOBAL.load(Ordering::SeqCst)) });
    SLOTS.write().push(slot.clone());
    // Release: pairs with the Acquire in `deferring`; registering happens before the thread can read anything.
    THREADS.0.fetch_add(1, Ordering::Release);
    NewThread(Some(slot))
}

/// Makes the calling thread the one `t` registered.
pub fn enter(mut t: NewThread) {
    let slot = t.0.take();
    LOCAL.with(|l| l.borrow_mut().slot = slot);
}

/// Unregisters the calling thread when it ends; what it retired and could not drop yet is left to the others.
pub fn exit() {
    let (slot, items) = LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        (l.slot.take(), std::mem::take(&mut l.items))
    });
    let Some(slot) = slot else { return };
    if !items.is_empty() {
        adopt(items);
    }
    unregister(&slot);
}

fn unregister(slot: &Arc<Slot>) {
    SLOTS.write().retain(|s| !Arc::ptr_eq(s, slot));
    // Release: this thread's reads are over before a writer that sees the lower count stops deferring.
    THREADS.0.fetch_sub(1, Ordering::Release);
}

/// Whether a writer must retire what it removes instead of dropping it: another Python thread may be reading.
#[inline]
pub fn deferring() -> bool {
    // Acquire: a count of 1 seen here means the other threads' exits (Release) happened before, so none of
    // them is still reading.
    THREADS.0.load(Ordering::Acquire) > 1
}

/// Whether exactly one Python thread is registered, so that it is the only thread touching Python objects:
/// containers may then be read and written without their locks (a write section runs no Python code, so the
/// thread is never inside one while it reads). False with no registered thread at all (unit tests, which race
/// plain OS threads on shared objects).
#[inline(always)]
pub fn solo() -> bool {
    // Acquire: as in `deferring`, the other threads' exits (Release) happened before a count of 1 is seen.
    THREADS.0.load(Ordering::Acquire) == 1
}

/// Runs `f` on the contents of a container's lock for reading: without taking the lock while one Python
/// thread runs ([`solo`]), under the read lock otherwise. `f` must not run Python code or touch the same
/// lock. Two atomic operations per access were a fifth of list-heavy loops (nbody, fannkuch).
#[inline(always)]
pub fn read<T, R>(l: &RwLock<T>, f: impl FnOnce(&T) -> R) -> R {
    if solo() {
        // SAFETY: this is the only thread touching Python objects, and it holds no guard of this lock now:
        // guards are only held by sections that run no Python code and do not reach this function for the
        // same lock, so no `&mut` to the contents exists while `f` reads them.
        return f(unsafe { &*l.data_ptr() });
    }
    f(&l.read())
}

/// `read`'s lock-free half alone: `Some(f(contents))` while one Python thread runs, `None` otherwise (the
/// caller then takes its out-of-line path, which calls `read`). For hot paths that inline only this half.
#[inline(always)]
pub fn read_solo<T, R>(l: &RwLock<T>, f: impl FnOnce(&T) -> R) -> Option<R> {
    if solo() {
        // SAFETY: as in `read`.
        return Some(f(unsafe { &*l.data_ptr() }));
    }
    None
}

/// Runs `f` on the contents of a container's lock for writing: without taking the lock while one Python
/// thread runs ([`solo`]), under the write lock otherwise. `f` must not run Python code, drop a Python value
/// (freeing may run code that reads the container: return what it removes instead) or touch the same lock.
#[inline(always)]
pub fn write<T, R>(l: &RwLock<T>, f: impl FnOnce(&mut T) -> R) -> R {
    if solo() {
        // SAFETY: as in `read`: the only thread touching Python objects holds no reference to the contents
        // now, and `f` makes none that outlives it.
        return f(unsafe { &mut *l.data_ptr() });
    }
    f(&mut l.write())
}

/// Drops `item` once no thread can still be reading it. Called by writers while they hold the container's
/// lock: it never drops anything itself.
pub fn retire(item: Retired) {
    // AcqRel: the removal (made before this call) happens before the new stamp is visible, so a thread that
    // publishes a value at least this new also sees the removal.
    let stamp = GLOBAL.fetch_add(1, Ordering::AcqRel) + 1;
    // Relaxed: a counter that only decides whether safe points look for work; a late view delays a drop.
    PENDING.fetch_add(1, Ordering::Relaxed);
    let kept = LOCAL.try_with(|l| match l.try_borrow_mut() {
        Ok(mut l) if l.slot.is_some() => {
            l.items.push((stamp, item));
            None
        }
        Ok(_) | Err(_) => Some(item),
    });
    match kept {
        Ok(None) => {}
        Ok(Some(item)) => adopt(vec![(stamp, item)]),
        // The thread is being torn down: its thread-locals are gone. Leaking is safe; dropping is not.
        Err(_) => {}
    }
}

/// The check at a safe point: the calling thread holds no pointer from a lock-free read.
#[inline(always)]
pub fn safe_point() {
    // Relaxed: a stale zero only delays reporting to the next safe point.
    if PENDING.load(Ordering::Relaxed) != 0 {
        safe_point_slow();
    }
}

#[cold]
#[inline(never)]
fn safe_point_slow() {
    let due = LOCAL.with(|l| {
        let Ok(mut l) = l.try_borrow_mut() else { return false };
        let l = &mut *l;
        let Some(slot) = &l.slot else { return false };
        // Acquire: every removal stamped up to `g` happens before the reads this thread makes after this point.
        let g = GLOBAL.load(Ordering::Acquire);
        // Relaxed load: only this thread stores to its slot. Release store: pollers that see `g` see this
        // thread's earlier reads finished.
        if slot.seq.load(Ordering::Relaxed) != g {
            slot.seq.store(g, Ordering::Release);
        }
        l.ticks = l.ticks.wrapping_add(1);
        let tick = l.ticks % POLL_EVERY == 0;
        // Relaxed: orphans are rare; a stale view waits for the next poll.
        (!l.items.is_empty() && (tick || l.items.len() >= POLL_ITEMS)) || (tick && ORPHANED.load(Ordering::Relaxed))
    });
    if due {
        poll();
    }
}

/// Hands items to whichever thread polls next.
fn adopt(items: Vec<(u64, Retired)>) {
    ORPHANS.lock().extend(items);
    // Relaxed: the mutex publishes the items; the flag only tells safe points to look.
    ORPHANED.store(true, Ordering::Relaxed);
}

/// The oldest value any online thread has published.
fn oldest_published() -> u64 {
    // SeqCst fence: pairs with `online`'s fence. Either this poll sees a thread's return online, or that
    // thread's reads after it see every removal made before this poll.
    fence(Ordering::SeqCst);
    // Acquire: a published value carries the end of that thread's earlier reads.
    SLOTS.read().iter().map(|s| s.seq.load(Ordering::Acquire)).min().unwrap_or(OFFLINE)
}

/// Drops the calling thread's items (and any orphans) that no thread can still be reading.
fn poll() {
    let oldest = oldest_published();
    let mut ready: Vec<Retired> = Vec::new();
    LOCAL.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            take_ready(&mut l.items, oldest, &mut ready);
        }
    });
    // Relaxed: see `adopt`.
    if ORPHANED.load(Ordering::Relaxed) {
        if let Some(mut o) = ORPHANS.try_lock() {
            take_ready(&mut o, oldest, &mut ready);
            // Relaxed: set again by `adopt` under the same mutex.
            ORPHANED.store(!o.is_empty(), Ordering::Relaxed);
        }
    }
    if ready.is_empty() {
        return;
    }
    // Relaxed: see `retire`.
    PENDING.fetch_sub(ready.len(), Ordering::Relaxed);
    // Dropped with no borrow or lock held: dropping a value may run Python code, which reaches safe points.
    drop(ready);
}

fn take_ready(items: &mut Vec<(u64, Retired)>, oldest: u64, ready: &mut Vec<Retired>) {
    let mut i = 0;
    while i < items.len() {
        if items[i].0 <= oldest {
            ready.push(items.swap_remove(i).1);
        } else {
            i += 1;
        }
    }
}

/// Runs `f` (a blocking wait that runs no Python code and touches no object) with the calling thread offline,
/// so that the other threads' reclamation does not wait for it.
pub fn offline<R>(f: impl FnOnce() -> R) -> R {
    let slot = LOCAL.with(|l| l.try_borrow().ok().and_then(|l| l.slot.clone()));
    let Some(slot) = slot else { return f() };
    // Release: this thread's reads before the wait are over for a poller that sees the offline mark.
    slot.seq.store(OFFLINE, Ordering::Release);
    let r = f();
    online(&slot);
    r
}

fn online(slot: &Slot) {
    // SeqCst store and fence: a poller either sees this slot back online (with a value no newer than what it
    // must protect) or its removals are visible to every read this thread makes from here on.
    slot.seq.store(GLOBAL.load(Ordering::SeqCst), Ordering::SeqCst);
    fence(Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_deferred_for_one_thread() {
        // Unit tests run on unregistered threads; writers there never defer.
        assert!(THREADS.0.load(Ordering::Relaxed) <= 1 || deferring());
        let before = GLOBAL.load(Ordering::Relaxed);
        safe_point();
        assert!(GLOBAL.load(Ordering::Relaxed) >= before);
    }

    #[test]
    fn take_ready_keeps_newer_items() {
        let mut items = vec![
            (3, Retired::Buffer(Box::new(vec![1u8]))),
            (7, Retired::Buffer(Box::new(vec![2u8]))),
            (5, Retired::Buffer(Box::new(vec![3u8]))),
        ];
        let mut ready = Vec::new();
        take_ready(&mut items, 5, &mut ready);
        assert_eq!(ready.len(), 2);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].0, 7);
    }
}
