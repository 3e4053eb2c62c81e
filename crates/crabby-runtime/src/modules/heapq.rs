//! `_heapq`: the C half of `heapq` (`heappush`, `heappop`, `heapify`, `heapreplace`, `heappushpop` and the
//! `_max` variants `heapq.merge`/`nlargest` use), with CPython's sift order so that heaps match CPython's
//! element for element, and its messages.
//!
//! A heap is a list guarded by the list's own lock. Each operation holds the lock from start to end while its
//! comparisons need no Python code (numbers, strings, tuples of those), so racing `heappush`/`heappop` calls
//! on such items are atomic, as they are under CPython's GIL. A comparison that runs Python code (`__lt__` of
//! a class) releases the lock first and re-takes it afterwards, re-checking the list's size as CPython does
//! (`list changed size during iteration`).

use std::sync::OnceLock;

use parking_lot::{RwLock, RwLockWriteGuard};

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, module, types};
use crate::error::{index_error, runtime_error, type_error, PyResult};
use crate::modules::r#struct::{meth_o, positional};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// `a < b` when it can be decided without running Python code: numbers, exact `str`, and exact tuples of
/// those (compared item by item as tuples are).
fn fast_lt(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Float(x), Value::Float(y)) => Some(x < y),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() < 1 << 53 => Some((*x as f64) < *y),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() < 1 << 53 => Some(*x < (*y as f64)),
        (Value::Obj(x), Value::Obj(y)) => {
            let t = types();
            match (&x.payload, &y.payload) {
                (Payload::Str(p), Payload::Str(q)) if x.ty().ptr_eq(&t.str) && y.ty().ptr_eq(&t.str) => {
                    Some(p.as_str() < q.as_str())
                }
                (Payload::Tuple(p), Payload::Tuple(q)) if x.ty().ptr_eq(&t.tuple) && y.ty().ptr_eq(&t.tuple) => {
                    for (u, v) in p.iter().zip(q.iter()) {
                        if !ops::compare::fast_eq(u, v)? {
                            return fast_lt(u, v);
                        }
                    }
                    Some(p.len() < q.len())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A list being worked on as a heap: its items behind the write lock, released only around comparisons
/// that run Python code.
struct Heap<'a> {
    lock: &'a RwLock<Vec<Value>>,
    guard: Option<RwLockWriteGuard<'a, Vec<Value>>>,
}

impl<'a> Heap<'a> {
    fn new(lock: &'a RwLock<Vec<Value>>) -> Heap<'a> {
        Heap { lock, guard: Some(lock.write()) }
    }

    /// The items, re-locking if a comparison released the lock.
    fn items(&mut self) -> &mut Vec<Value> {
        let lock = self.lock;
        self.guard.get_or_insert_with(|| lock.write())
    }

    /// `items[i] < items[j]` (or the reverse for the max-heap variants), then checks that the list still has
    /// `size` items, as CPython does after every comparison.
    fn lt(&mut self, i: usize, j: usize, size: usize) -> PyResult<bool> {
        let items = self.items();
        if items.len() != size || i >= size || j >= size {
            return Err(runtime_error("list changed size during iteration"));
        }
        if let Some(r) = fast_lt(&items[i], &items[j]) {
            return Ok(r);
        }
        let (a, b) = (items[i].clone(), items[j].clone());
        // Python code may run: never with the list's lock held.
        self.guard = None;
        let r = ops::truthy(&ops::compare::lt(&a, &b)?)?;
        if self.items().len() != size {
            return Err(runtime_error("list changed size during iteration"));
        }
        Ok(r)
    }
}

/// CPython's `siftdown` (`max` selects `siftdown_max`): moves the item at `pos` up towards `start`.
fn siftdown(h: &mut Heap, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = h.items().len();
    if pos >= size {
        return Err(index_error("index out of range"));
    }
    while pos > start {
        let parent = (pos - 1) >> 1;
        let less = if max { h.lt(parent, pos, size)? } else { h.lt(pos, parent, size)? };
        if !less {
            break;
        }
        h.items().swap(parent, pos);
        pos = parent;
    }
    Ok(())
}

/// CPython's `siftup` (`max` selects `siftup_max`): moves the smaller child up until a leaf is reached, then
/// sifts the item there back down.
fn siftup(h: &mut Heap, mut pos: usize, max: bool) -> PyResult<()> {
    let end = h.items().len();
    let start = pos;
    if pos >= end {
        return Err(index_error("index out of range"));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let less = if max { h.lt(child + 1, child, end)? } else { h.lt(child, child + 1, end)? };
            if !less {
                child += 1;
            }
        }
        h.items().swap(child, pos);
        pos = child;
    }
    siftdown(h, start, pos, max)
}

/// CPython's `heapify_internal`: bottom-up for small heaps, the cache-friendly order (same comparisons, same
/// result, different order) above 2500 items.
fn heapify_list(h: &mut Heap, max: bool) -> PyResult<()> {
    let n = h.items().len();
    if n > 2500 {
        let m = n >> 1;
        // The leftmost node in the row of `m`: one less than the top bit of `m + 1`.
        let leftmost = (1usize << (usize::BITS - 1 - (m + 1).leading_zeros())) - 1;
        let mhalf = m >> 1;
        let sift_chain = |h: &mut Heap, i: usize| -> PyResult<()> {
            let mut j = i;
            loop {
                siftup(h, j, max)?;
                if j & 1 == 0 {
                    return Ok(());
                }
                j >>= 1;
            }
        };
        for i in (mhalf..leftmost).rev() {
            sift_chain(h, i)?;
        }
        for i in (leftmost..m).rev() {
            sift_chain(h, i)?;
        }
        return Ok(());
    }
    for i in (0..n >> 1).rev() {
        siftup(h, i, max)?;
    }
    Ok(())
}

/// The heap argument: a list (or subclass), else CPython's clinic message.
fn heap_arg<'a>(v: &'a Value, fname: &str, single: bool) -> PyResult<&'a RwLock<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(type_error(format!(
            "{fname}() argument{} must be list, not {}",
            if single { "" } else { " 1" },
            v.type_name()
        ))),
    }
}

fn heappush(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("heappush", "_heapq.heappush", args, kwargs, 2, 2)?;
    let l = heap_arg(&a[0], "heappush", false)?;
    let mut h = Heap::new(l);
    let items = h.items();
    items.push(a[1].clone());
    let last = items.len() - 1;
    siftdown(&mut h, 0, last, false)?;
    Ok(Value::None)
}

/// `heappop_internal`: removes the last item, puts it at the top and sifts it down.
fn pop(heap: &Value, fname: &str, max: bool) -> PyResult<Value> {
    let l = heap_arg(heap, fname, true)?;
    let mut h = Heap::new(l);
    let items = h.items();
    let Some(last) = items.pop() else {
        return Err(index_error("index out of range"));
    };
    if items.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut items[0], last);
    siftup(&mut h, 0, max)?;
    Ok(top)
}

fn heappop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let heap = meth_o("_heapq.heappop", args, kwargs)?;
    pop(heap, "heappop", false)
}

fn heappop_max(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let heap = meth_o("_heapq._heappop_max", args, kwargs)?;
    pop(heap, "_heappop_max", true)
}

/// `heapreplace_internal`: returns the top and sifts `item` down from the top.
fn replace(args: &[Value], kwargs: &[(Value, Value)], fname: &str, max: bool) -> PyResult<Value> {
    let a = positional(fname, &format!("_heapq.{fname}"), args, kwargs, 2, 2)?;
    let l = heap_arg(&a[0], fname, false)?;
    let mut h = Heap::new(l);
    let items = h.items();
    if items.is_empty() {
        return Err(index_error("index out of range"));
    }
    let top = std::mem::replace(&mut items[0], a[1].clone());
    siftup(&mut h, 0, max)?;
    Ok(top)
}

fn heapreplace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    replace(args, kwargs, "heapreplace", false)
}

fn heapreplace_max(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    replace(args, kwargs, "_heapreplace_max", true)
}

fn heappushpop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("heappushpop", "_heapq.heappushpop", args, kwargs, 2, 2)?;
    let l = heap_arg(&a[0], "heappushpop", false)?;
    let item = &a[1];
    // `top < item`, decided under the lock when no Python code is involved.
    let mut guard = Some(l.write());
    let top = match guard.as_ref().and_then(|g| g.first().cloned()) {
        Some(t) => t,
        None => return Ok(item.clone()),
    };
    let less = match fast_lt(&top, item) {
        Some(r) => r,
        None => {
            guard = None;
            ops::truthy(&ops::compare::lt(&top, item)?)?
        }
    };
    if !less {
        return Ok(item.clone());
    }
    let mut h = Heap { lock: l, guard };
    let items = h.items();
    if items.is_empty() {
        return Err(index_error("index out of range"));
    }
    let top = std::mem::replace(&mut items[0], item.clone());
    siftup(&mut h, 0, false)?;
    Ok(top)
}

fn heapify(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let heap = meth_o("_heapq.heapify", args, kwargs)?;
    let l = heap_arg(heap, "heapify", true)?;
    heapify_list(&mut Heap::new(l), false)?;
    Ok(Value::None)
}

fn heapify_max(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let heap = meth_o("_heapq._heapify_max", args, kwargs)?;
    let l = heap_arg(heap, "_heapify_max", true)?;
    heapify_list(&mut Heap::new(l), true)?;
    Ok(Value::None)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("heappush", heappush),
    ("heappushpop", heappushpop),
    ("heappop", heappop),
    ("heapreplace", heapreplace),
    ("heapify", heapify),
    ("_heappop_max", heappop_max),
    ("_heapify_max", heapify_max),
    ("_heapreplace_max", heapreplace_max),
];

const ABOUT: &str = "Heap queues

[explanation by François Pinard]

Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for
all k, counting elements from 0.  For the sake of comparison,
non-existing elements are considered to be infinite.  The interesting
property of a heap is that a[0] is always its smallest element.
";

const DOC: &str = "Heap queue algorithm (a.k.a. priority queue).

Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for
all k, counting elements from 0.  For the sake of comparison,
non-existing elements are considered to be infinite.  The interesting
property of a heap is that a[0] is always its smallest element.

Usage:

heap = []            # creates an empty heap
heappush(heap, item) # pushes a new item on the heap
item = heappop(heap) # pops the smallest item from the heap
item = heap[0]       # smallest item on the heap without popping it
heapify(x)           # transforms list into a heap, in-place, in linear time
item = heapreplace(heap, item) # pops and returns smallest item, and adds
                               # new item; the heap size is unchanged

Our API differs from textbook heap algorithms as follows:

- We use 0-based indexing.  This makes the relationship between the
  index for a node and the indexes for its children slightly less
  obvious, but is more suitable since Python uses 0-based indexing.

- Our heappop() method returns the smallest item, not the largest.

These two make it possible to view the heap as a regular Python list
without surprises: heap[0] is the smallest item, and heap.sort()
maintains the heap invariant!
";

static HEAPQ: OnceLock<ObjRef> = OnceLock::new();

/// The `_heapq` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(HEAPQ
        .get_or_init(|| {
            let m = module::new_module("_heapq").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "__doc__", Value::from(DOC));
            dict::set_str(d, "__about__", Value::from(ABOUT));
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            m
        })
        .clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::int;
    use crate::builtins::list::{items, new_list};

    fn ints(v: &Value) -> Vec<i64> {
        items(v).iter().map(|x| int::as_i64(x).expect("int")).collect()
    }

    #[test]
    fn heapify_matches_cpython_order() {
        // `heapq.heapify([5, 3, 8, 1, 9, 2, 7, 4, 6, 0])` in CPython 3.12.
        let l = new_list([5, 3, 8, 1, 9, 2, 7, 4, 6, 0].iter().map(|i| Value::Int(*i)).collect());
        heapify(std::slice::from_ref(&l), &[]).unwrap();
        assert_eq!(ints(&l), [0, 1, 2, 4, 3, 8, 7, 5, 6, 9]);
        heappush(&[l.clone(), Value::Int(-1)], &[]).unwrap();
        assert_eq!(ints(&l), [-1, 0, 2, 4, 1, 8, 7, 5, 6, 9, 3]);
        let mut popped = Vec::new();
        while let Ok(v) = heappop(std::slice::from_ref(&l), &[]) {
            popped.push(int::as_i64(&v).unwrap());
        }
        assert_eq!(popped, (-1..10).collect::<Vec<_>>());
    }

    #[test]
    fn cache_friendly_heapify_gives_the_same_heap() {
        // A pseudo-random list long enough for the cache-friendly order; the result must be a valid heap equal
        // to what the simple bottom-up order produces.
        let mut x: i64 = 12345;
        let vals: Vec<i64> = (0..5000)
            .map(|_| {
                x = (x * 1103515245 + 12345) % 2147483648;
                x % 1000
            })
            .collect();
        let big = new_list(vals.iter().map(|i| Value::Int(*i)).collect());
        heapify(std::slice::from_ref(&big), &[]).unwrap();
        let Some(Payload::List(l)) = big.payload() else { unreachable!() };
        let simple = RwLock::new(vals.iter().map(|i| Value::Int(*i)).collect::<Vec<_>>());
        {
            let mut h = Heap::new(&simple);
            for i in (0..vals.len() >> 1).rev() {
                siftup(&mut h, i, false).unwrap();
            }
        }
        let a: Vec<i64> = l.read().iter().map(|v| int::as_i64(v).unwrap()).collect();
        let b: Vec<i64> = simple.read().iter().map(|v| int::as_i64(v).unwrap()).collect();
        assert_eq!(a, b);
        for k in 1..a.len() {
            assert!(a[(k - 1) / 2] <= a[k]);
        }
    }
}
