//! Sorting for `list.sort` and `sorted`: a stable sort of values (or of their precomputed keys).
//!
//! When every key is of one built-in kind whose order is total and runs no Python code (i64 ints and bools,
//! floats without NaN, exact strs, or exact tuples with one such kind, or one such tuple shape, per position),
//! the keys are decoded once into plain Rust values and sorted by Rust's own sort, without rich-compare
//! dispatch (the idea of CPython's `unsafe_*_compare` pre-check, done here by decoding). Any other mix takes
//! the general merge sort, whose comparisons call `<` and may fail or be inconsistent (user `__lt__`), so it
//! never relies on a total order.

use std::cmp::Ordering;

use crate::builtins::types;
use crate::error::PyResult;
use crate::object::Payload;
use crate::ops;
use crate::ops::iter::exact_tuple;
use crate::Value;

/// A stable sort whose comparison may fail (it runs `__lt__`); the first error stops the sort and leaves
/// `items` in their original order. Rust's own sorts are only used on decoded keys with a total order: given
/// an inconsistent user `__lt__` they may panic. `reverse` keeps equal items in their original order, as
/// CPython's does.
pub fn sort_values(items: &mut Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    let keys: &[Value] = keys.as_deref().unwrap_or(items);
    let perm = match fast_perm(keys, reverse) {
        Some(p) => p,
        None => {
            let mut perm: Vec<usize> = (0..n).collect();
            if reverse {
                perm.reverse();
            }
            let lt = |a: usize, b: usize| -> PyResult<bool> {
                if let (Value::Int(x), Value::Int(y)) = (&keys[a], &keys[b]) {
                    return Ok(x < y);
                }
                ops::truthy(&ops::compare::lt(&keys[a], &keys[b])?)
            };
            if n <= MIN_MERGE {
                small_sort(&mut perm, &lt)?;
            } else {
                merge_sort(&mut perm, &lt)?;
            }
            if reverse {
                perm.reverse();
            }
            perm
        }
    };
    let mut old = std::mem::take(items);
    items.extend(perm.into_iter().map(|i| std::mem::replace(&mut old[i], Value::None)));
    Ok(())
}

/// The kind of a key the fast path can order: one per position of tuple keys.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Str,
}

/// The kind of `v`, if it is an i64 int or bool, a float that is not NaN, or an exact str.
#[inline]
fn kind_of(v: &Value) -> Option<Kind> {
    match v {
        Value::Int(_) | Value::Bool(_) => Some(Kind::Int),
        Value::Float(f) if !f.is_nan() => Some(Kind::Float),
        Value::Obj(o) if matches!(o.payload, Payload::Str(_)) && o.ty().ptr_eq(&types().str) => Some(Kind::Str),
        _ => None,
    }
}

/// Compares two values of the same [`Kind`] (checked by the caller).
#[inline]
fn cmp_same(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Value::Obj(_), Value::Obj(_)) => a.as_str().unwrap_or("").cmp(b.as_str().unwrap_or("")),
        _ => int_of(a).cmp(&int_of(b)),
    }
}

#[inline]
fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => 0,
    }
}

/// Sorts `v`, pairs of a key and its original index, stably: the index breaks ties, ascending even when
/// `reverse` orders the keys descending (CPython's reverse keeps equal items in their order).
fn sort_pairs<K>(v: &mut [(K, u32)], reverse: bool, cmp: impl Fn(&K, &K) -> Ordering) {
    if reverse {
        v.sort_unstable_by(|a, b| cmp(&b.0, &a.0).then(a.1.cmp(&b.1)));
    } else {
        v.sort_unstable_by(|a, b| cmp(&a.0, &b.0).then(a.1.cmp(&b.1)));
    }
}

/// The sorted order of `keys` as a permutation of their indexes, when they all have one kind (or are exact
/// tuples with one kind per position) so that their order is total and comparing them runs no Python code;
/// `None` otherwise. Every comparison here agrees with Python's `<` and `==` on such values, so the result is
/// what any stable sort by `<` gives.
fn fast_perm(keys: &[Value], reverse: bool) -> Option<Vec<usize>> {
    if keys.len() > u32::MAX as usize {
        return None;
    }
    let idx = |i: usize| i as u32;
    let perm = match kind_of(&keys[0]) {
        Some(Kind::Int) => {
            let mut v = Vec::with_capacity(keys.len());
            for (i, k) in keys.iter().enumerate() {
                match k {
                    Value::Int(x) => v.push((*x, idx(i))),
                    Value::Bool(b) => v.push((*b as i64, idx(i))),
                    _ => return None,
                }
            }
            sort_pairs(&mut v, reverse, |a, b| a.cmp(b));
            v.into_iter().map(|p| p.1 as usize).collect()
        }
        Some(Kind::Float) => {
            let mut v = Vec::with_capacity(keys.len());
            for (i, k) in keys.iter().enumerate() {
                match k {
                    Value::Float(x) if !x.is_nan() => v.push((*x, idx(i))),
                    _ => return None,
                }
            }
            // No NaN, so `partial_cmp` always answers.
            sort_pairs(&mut v, reverse, |a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
            v.into_iter().map(|p| p.1 as usize).collect()
        }
        Some(Kind::Str) => {
            let mut v = Vec::with_capacity(keys.len());
            for (i, k) in keys.iter().enumerate() {
                if kind_of(k) != Some(Kind::Str) {
                    return None;
                }
                // UTF-8 byte order is code-point order, which is how Python compares strs.
                v.push((k.as_str().unwrap_or(""), idx(i)));
            }
            sort_pairs(&mut v, reverse, |a, b| a.cmp(b));
            v.into_iter().map(|p| p.1 as usize).collect()
        }
        None => {
            // Exact tuples whose items have one shape per position (a kind, or a nested tuple of such):
            // `(-count, word)`, `(-count, (a, b))`.
            let mut shape = Shape::Tuple(Vec::new());
            let mut v = Vec::with_capacity(keys.len());
            for (i, k) in keys.iter().enumerate() {
                if !shape.admits(k) {
                    return None;
                }
                v.push((k, idx(i)));
            }
            sort_pairs(&mut v, reverse, |a: &&Value, b: &&Value| cmp_shaped(a, b));
            v.into_iter().map(|p| p.1 as usize).collect()
        }
    };
    Some(perm)
}

/// What every key at one place of a tuple key is: one [`Kind`], or an exact tuple with a shape per position.
enum Shape {
    Kind(Kind),
    Tuple(Vec<Shape>),
}

impl Shape {
    /// The shape of `v` alone, if it has one.
    fn of(v: &Value) -> Option<Shape> {
        if let Some(k) = kind_of(v) {
            return Some(Shape::Kind(k));
        }
        let mut s = Shape::Tuple(Vec::new());
        s.admits(v).then_some(s)
    }

    /// Whether `v` has this shape, widening a tuple shape with the positions `v` is the first to have.
    fn admits(&mut self, v: &Value) -> bool {
        match self {
            Shape::Kind(k) => kind_of(v) == Some(*k),
            Shape::Tuple(items) => {
                let Some(t) = exact_tuple(v) else { return false };
                for (p, x) in t.iter().enumerate() {
                    match items.get_mut(p) {
                        Some(s) => {
                            if !s.admits(x) {
                                return false;
                            }
                        }
                        None => match Shape::of(x) {
                            Some(s) => items.push(s),
                            None => return false,
                        },
                    }
                }
                true
            }
        }
    }
}

/// Compares two keys of one [`Shape`] (checked by the caller). Python's tuple order: the first items that are
/// not equal decide, else the shorter is smaller.
fn cmp_shaped(a: &Value, b: &Value) -> Ordering {
    match (exact_tuple(a), exact_tuple(b)) {
        (Some(x), Some(y)) => {
            x.iter().zip(y.iter()).map(|(p, q)| cmp_shaped(p, q)).find(|o| o.is_ne()).unwrap_or(x.len().cmp(&y.len()))
        }
        _ => cmp_same(a, b),
    }
}

/// Lists up to this length are sorted as CPython's timsort sorts them (below its `MIN_MERGE`, 64): one
/// leading run, then binary insertion. With a consistent `<` every stable sort gives the same result; this
/// makes the same comparisons in the same order as CPython, so inconsistent or side-effecting `__lt__`s of
/// short lists give CPython's result too.
const MIN_MERGE: usize = 64;

/// CPython's `count_run` and `binarysort` for a short list: the leading run is found (a strictly descending
/// one is reversed, which keeps the sort stable), then each following item is inserted by binary search.
fn small_sort(v: &mut [usize], lt: &dyn Fn(usize, usize) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut run = 2;
    if lt(v[1], v[0])? {
        while run < n && lt(v[run], v[run - 1])? {
            run += 1;
        }
        v[..run].reverse();
    } else {
        while run < n && !lt(v[run], v[run - 1])? {
            run += 1;
        }
    }
    for i in run..n {
        let pivot = v[i];
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if lt(pivot, v[mid])? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        v.copy_within(lo..i, lo + 1);
        v[lo] = pivot;
    }
    Ok(())
}

/// A stable merge sort of the permutation `v` by `lt`, stopping at the first error.
fn merge_sort(v: &mut Vec<usize>, lt: &dyn Fn(usize, usize) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n <= 1 {
        return Ok(());
    }
    if n <= 16 {
        // Binary insertion sort: stable, and few comparisons.
        for i in 1..n {
            let pivot = v[i];
            let mut lo = 0;
            let mut hi = i;
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(pivot, v[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            v.remove(i);
            v.insert(lo, pivot);
        }
        return Ok(());
    }
    let mut right = v.split_off(n / 2);
    merge_sort(v, lt)?;
    merge_sort(&mut right, lt)?;
    let left = std::mem::take(v);
    let mut out = Vec::with_capacity(n);
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        // Take from the right only when strictly smaller, which keeps the sort stable.
        if lt(right[j], left[i])? {
            out.push(right[j]);
            j += 1;
        } else {
            out.push(left[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    *v = out;
    Ok(())
}
