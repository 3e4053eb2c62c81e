//! The global allocator: the C library's `malloc` behind a per-thread cache of small freed blocks.
//!
//! Python programs free and allocate small blocks at a high rate (objects, the regex engine's mark vectors,
//! short strings' buffers). glibc serves a few of each size from its own per-thread cache (seven by default)
//! and sends the rest through its general free path, which merges neighbours and keeps bins: a third of the
//! time of a regex search loop went there. Here every small block (up to `MAX_SMALL` bytes, alignment up to 16)
//! is taken from `malloc` rounded up to the most its glibc chunk holds, and when freed it is kept on its thread's list for
//! that size, up to `CAP` blocks; a thread that allocates the same size soon after pops it back.
//!
//! A block may be freed by another thread than the one that allocated it: it joins the freeing thread's list.
//! Every block on a list came from `malloc` with at least its class's size, so any thread may hand it out or
//! give it back to `free`. When a thread ends, [`flush_thread_cache`] (called by the runtime's thread
//! wrappers) returns its blocks to `free` and turns the cache off for whatever that thread still allocates.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// Blocks up to this size are cached.
const MAX_SMALL: usize = 256;
/// glibc's chunks are multiples of this, and so its blocks' alignment.
const GRAIN: usize = 16;
/// A chunk's own header: a block in a chunk of `16 k` bytes holds `16 k - 8`.
const HEADER: usize = 8;
const CLASSES: usize = (MAX_SMALL + HEADER - 1) / GRAIN + 1;
/// How many free blocks a thread keeps per class.
const CAP: u32 = 1024;

pub struct CrabbyAlloc;

struct Cache {
    heads: [*mut FreeBlock; CLASSES],
    counts: [u32; CLASSES],
    /// Set once the thread's cache was flushed at its end: allocate and free straight from then on.
    closed: bool,
}

struct FreeBlock {
    next: *mut FreeBlock,
}

thread_local! {
    // No destructor (so touching it never registers one, which would allocate from inside the allocator):
    // the runtime flushes it explicitly as a thread ends.
    static CACHE: UnsafeCell<Cache> = const {
        UnsafeCell::new(Cache { heads: [null_mut(); CLASSES], counts: [0; CLASSES], closed: false })
    };
}

#[inline(always)]
fn class_of(layout: &Layout) -> Option<usize> {
    if layout.size() <= MAX_SMALL && layout.align() <= GRAIN && layout.size() != 0 {
        Some((layout.size() + HEADER - 1) / GRAIN)
    } else {
        None
    }
}

/// The size a class's blocks are asked of `malloc` with: the whole of the chunk glibc would use for any size
/// in the class, so that caching changes no block's footprint (168-byte objects stay in 176-byte chunks).
#[inline(always)]
fn class_size(class: usize) -> usize {
    class * GRAIN + HEADER
}

// SAFETY: blocks come from the C allocator with at least the requested size and 16-byte alignment (glibc's
// guarantee for every `malloc`), or from `posix_memalign` for larger alignments; each is returned to it once.
unsafe impl GlobalAlloc for CrabbyAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if let Some(class) = class_of(&layout) {
            let hit = CACHE.with(|c| {
                // SAFETY: the cache belongs to this thread and no reference to it outlives this closure.
                let c = unsafe { &mut *c.get() };
                let head = c.heads[class];
                if head.is_null() {
                    return null_mut();
                }
                // SAFETY: `head` is a free block this thread's list owns; its first word is the link.
                c.heads[class] = unsafe { (*head).next };
                c.counts[class] -= 1;
                head as *mut u8
            });
            if !hit.is_null() {
                return hit;
            }
            // SAFETY: plain malloc of a non-zero size.
            return unsafe { libc::malloc(class_size(class)) as *mut u8 };
        }
        // SAFETY: as above; larger alignments take posix_memalign.
        unsafe { big_alloc(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = class_of(&layout) {
            let kept = CACHE.with(|c| {
                // SAFETY: as in `alloc`.
                let c = unsafe { &mut *c.get() };
                if c.counts[class] >= CAP || c.closed {
                    return false;
                }
                let block = ptr as *mut FreeBlock;
                // SAFETY: the caller gives the block up; at least 16 bytes, 16-aligned, so it holds the link.
                unsafe { (*block).next = c.heads[class] };
                c.heads[class] = block;
                c.counts[class] += 1;
                true
            });
            if kept {
                return;
            }
        }
        // SAFETY: every block this allocator hands out came from malloc or posix_memalign.
        unsafe { libc::free(ptr as *mut libc::c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `layout` describes `ptr` (the caller's promise) and the new layout is valid (same alignment).
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new_class = class_of(&new_layout);
            if new_class.is_some() && new_class == class_of(&layout) {
                // The block already has its class's full size.
                return ptr;
            }
            if new_class.is_some() || layout.align() > GRAIN {
                // A small result must be a block of its class's full size, which `realloc` would not promise.
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                return new;
            }
            libc::realloc(ptr as *mut libc::c_void, new_size) as *mut u8
        }
    }
}

/// # Safety
/// `layout` has a non-zero size.
unsafe fn big_alloc(layout: Layout) -> *mut u8 {
    if layout.align() <= GRAIN {
        // SAFETY: plain malloc.
        return unsafe { libc::malloc(layout.size()) as *mut u8 };
    }
    let mut out: *mut libc::c_void = null_mut();
    // SAFETY: the alignment is a power of two and a multiple of the pointer size (at least 32 here).
    if unsafe { libc::posix_memalign(&mut out, layout.align(), layout.size()) } != 0 {
        return null_mut();
    }
    out as *mut u8
}

/// Returns this thread's cached blocks to the C allocator and stops caching on it: called as a thread that
/// ran Python code ends.
pub fn flush_thread_cache() {
    let _ = CACHE.try_with(|c| {
        // SAFETY: this thread's cache; no other reference exists during the call.
        let c = unsafe { &mut *c.get() };
        c.closed = true;
        for class in 0..CLASSES {
            let mut p = c.heads[class];
            while !p.is_null() {
                // SAFETY: each block on the list is owned by it and came from malloc.
                let next = unsafe { (*p).next };
                unsafe { libc::free(p as *mut libc::c_void) };
                p = next;
            }
            c.heads[class] = null_mut();
            c.counts[class] = 0;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_fill_glibc_chunks() {
        let class = |n| class_of(&Layout::from_size_align(n, 8).unwrap()).unwrap();
        assert_eq!(class_size(class(168)), 168);
        assert_eq!(class_size(class(24)), 24);
        assert_eq!(class_size(class(25)), 40);
        assert!(class_size(class(1)) >= std::mem::size_of::<FreeBlock>());
        for n in 1..=MAX_SMALL {
            assert!(class_size(class(n)) >= n && class(n) < CLASSES, "{n}");
        }
        assert!(class_of(&Layout::from_size_align(MAX_SMALL + 1, 8).unwrap()).is_none());
        assert!(class_of(&Layout::from_size_align(64, 32).unwrap()).is_none());
    }

    #[test]
    fn blocks_keep_their_contents_through_reallocation() {
        // Grows a vector through every small class into a large block and back, checking the contents.
        let mut v: Vec<u8> = Vec::new();
        for i in 0..2000u32 {
            v.push(i as u8);
        }
        v.truncate(100);
        v.shrink_to_fit();
        assert!(v.iter().enumerate().all(|(i, &b)| b == i as u8));
        let aligned = Layout::from_size_align(48, 64).unwrap();
        // SAFETY: a valid non-zero layout; the block is freed with the same layout.
        unsafe {
            let p = CrabbyAlloc.alloc(aligned);
            assert_eq!(p as usize % 64, 0);
            let q = CrabbyAlloc.realloc(p, aligned, 300);
            assert_eq!(q as usize % 64, 0);
            CrabbyAlloc.dealloc(q, Layout::from_size_align(300, 64).unwrap());
        }
    }

    #[test]
    fn blocks_freed_on_another_thread_are_reused_safely() {
        let boxes: Vec<Box<[u64; 20]>> = (0..5000).map(|i| Box::new([i; 20])).collect();
        std::thread::spawn(move || {
            drop(boxes);
            let again: Vec<Box<[u64; 20]>> = (0..5000).map(|i| Box::new([i; 20])).collect();
            assert!(again.iter().enumerate().all(|(i, b)| b.iter().all(|&x| x == i as u64)));
            drop(again);
            flush_thread_cache();
            // Allocation still works after the flush, straight from malloc.
            let late: Vec<u8> = std::iter::repeat_n(7u8, 100).collect();
            assert_eq!(late.iter().map(|&x| x as u32).sum::<u32>(), 700);
        })
        .join()
        .unwrap();
    }
}
