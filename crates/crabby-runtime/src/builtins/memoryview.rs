//! `memoryview` over `bytes` and `bytearray`: a view (offset, shape, stride) of the exporting object's
//! contents, with a native single-character `struct` format (`B`, `b`, `c`, `h`, `H`, `i`,
//! `I`, `l`, `L`, `q`, `Q`, `n`, `N`, `P`, `e`, `f`, `d`, `?`), item and slice access, assignment into a
//! `bytearray`, `cast` (to N-dimensional shapes too), `tobytes`/`tolist`/`hex`, `release` and the context
//! manager protocol. One-dimensional views may be strided (slices with a step); views of other
//! dimensions only come from `cast` and are always C-contiguous.
//!
//! A view of a `bytearray` counts as an export of it (see `bytearray.rs`): the array cannot change size until
//! every view of it is released or freed. Reads take the array's lock and check every position, so a view
//! racing with its own release never reads out of bounds.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::bytes::{self, bind_keywords, buffer};
use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::{new_iter, NativeIter};
use crate::builtins::{bytearray, dict, float, int, list, tuple, type_, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::compare::CmpOp;
use crate::Value;

/// The `memoryview` type object.
pub fn memoryview_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| {
        let t = crate::builtins::new_native_type("memoryview", "builtins", false);
        type_::set_patma(&t, type_::Patma::SEQUENCE);
        // A built-in type's `__module__` is not in its namespace (`dir(memoryview)` does not list it).
        let _ = dict::remove(&type_::type_obj(&t).dict, &Value::from("__module__"));
        dict::set_str(
            &type_::type_obj(&t).dict,
            "__doc__",
            Value::from("Create a new memoryview object which references the given object."),
        );
        t
    })
}

/// The payload of memoryview objects.
pub struct MemoryViewObj {
    /// The exporting `bytes` or `bytearray` (`m.obj`).
    obj: Value,
    /// Byte offset of the first item in the exporter's contents.
    start: usize,
    /// The items per dimension (`[n]` for the usual one-dimensional view, `[]` for a 0-dimensional one).
    shape: Vec<usize>,
    /// Distance in bytes from one item to the next in logical order (negative for reversed slices; the item
    /// size for views of other than one dimension, which are contiguous).
    stride: isize,
    /// The format character, and whether it was written with the `@` prefix.
    code: u8,
    at: bool,
    readonly: bool,
    released: AtomicBool,
    /// Whether this view is registered as an export of a bytearray.
    exported: bool,
}

impl Drop for MemoryViewObj {
    fn drop(&mut self) {
        if self.exported && !self.released.swap(true, Ordering::AcqRel) {
            if let Some(o) = self.obj.as_obj() {
                bytearray::unexport(o);
            }
        }
    }
}

/// The size of an item of a native format, or `None` for an unsupported format.
fn itemsize_of(code: u8) -> Option<usize> {
    Some(match code {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'P' | b'd' => 8,
        _ => return None,
    })
}

fn is_byte_format(code: u8) -> bool {
    matches!(code, b'B' | b'b' | b'c')
}

/// The value of an IEEE half-precision float.
fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    }
}

/// The half-precision float nearest `x` (round half to even), or `None` when it overflows.
fn f64_to_f16(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    let a = x.abs();
    if a.is_nan() {
        return Some(sign | 0x7e00);
    }
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    // Candidates are multiples of 2^-24 below 2^-14, and of 2^(e-10) in [2^e, 2^(e+1)).
    let (e, quantum) = if a < 2f64.powi(-14) { (-14, 2f64.powi(-24)) } else { (a.log2().floor() as i32, 0.0) };
    let quantum = if quantum > 0.0 { quantum } else { 2f64.powi(e - 10) };
    let q = a / quantum;
    let mut m = q.floor();
    let rem = q - m;
    if rem > 0.5 || (rem == 0.5 && m % 2.0 == 1.0) {
        m += 1.0;
    }
    let v = m * quantum;
    if v >= 65520.0 {
        return None;
    }
    if v < 2f64.powi(-14) {
        return Some(sign | v.div_euclid(2f64.powi(-24)) as u16);
    }
    let e = v.log2().floor() as i32;
    let frac = ((v / 2f64.powi(e) - 1.0) * 1024.0).round() as u16;
    Some(sign | (((e + 15) as u16) << 10) | frac)
}

/// The Python value of one item of format `code` stored in `b`.
fn unpack(code: u8, b: &[u8]) -> Value {
    let arr = |n: usize| -> [u8; 8] {
        let mut a = [0u8; 8];
        a[..n].copy_from_slice(&b[..n]);
        a
    };
    match code {
        b'B' => Value::Int(b[0] as i64),
        b'b' => Value::Int(b[0] as i8 as i64),
        b'c' => bytes::new_bytes(&b[..1]),
        b'?' => Value::Bool(b[0] != 0),
        b'h' => Value::Int(i16::from_ne_bytes([b[0], b[1]]) as i64),
        b'H' => Value::Int(u16::from_ne_bytes([b[0], b[1]]) as i64),
        b'e' => Value::Float(f16_to_f64(u16::from_ne_bytes([b[0], b[1]]))),
        b'i' => Value::Int(i32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64),
        b'I' => Value::Int(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64),
        b'f' => Value::Float(f32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as f64),
        b'd' => Value::Float(f64::from_ne_bytes(arr(8))),
        b'l' | b'q' | b'n' => Value::Int(i64::from_ne_bytes(arr(8))),
        _ => int::from_bigint(num_bigint::BigInt::from(u64::from_ne_bytes(arr(8)))),
    }
}

/// The bytes of `v` as one item of format `code`, with CPython's messages for a wrong type or value.
fn pack(code: u8, v: &Value) -> PyResult<Vec<u8>> {
    let fmt = code as char;
    let bad_type = || type_error(format!("memoryview: invalid type for format '{fmt}'"));
    let bad_value = || value_error(format!("memoryview: invalid value for format '{fmt}'"));
    match code {
        b'c' => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => Ok(b.to_vec()),
            Some(Payload::Bytes(_)) => Err(bad_value()),
            _ => Err(bad_type()),
        },
        b'?' => Ok(vec![ops::truthy(v)? as u8]),
        b'e' | b'f' | b'd' => {
            let x = if int::is_int(v) {
                int::int_to_f64(v)?
            } else if let Some(x) = float::as_f64(v) {
                x
            } else if type_::lookup(v.ty(), "__float__").is_some() || type_::lookup(v.ty(), "__index__").is_some() {
                let r = ops::call::call(&Value::Obj(types().float.clone()), std::slice::from_ref(v), &[])?;
                float::as_f64(&r).unwrap_or(0.0)
            } else {
                return Err(bad_type());
            };
            Ok(match code {
                b'e' => f64_to_f16(x).ok_or_else(bad_value)?.to_ne_bytes().to_vec(),
                b'f' => {
                    if x.is_finite() && (x as f32).is_infinite() {
                        return Err(bad_value());
                    }
                    (x as f32).to_ne_bytes().to_vec()
                }
                _ => x.to_ne_bytes().to_vec(),
            })
        }
        _ => {
            let i = match ops::number::index(v) {
                Ok(i) => i,
                Err(e) if e.matches(ExcKind::TypeError) => return Err(bad_type()),
                Err(e) => return Err(e),
            };
            let n = int::to_bigint(&i).unwrap_or_default();
            let fits = |lo: i128, hi: i128| -> PyResult<i128> {
                num_traits::ToPrimitive::to_i128(&n).filter(|x| (lo..=hi).contains(x)).ok_or_else(bad_value)
            };
            Ok(match code {
                b'B' => vec![fits(0, 255)? as u8],
                b'b' => vec![fits(-128, 127)? as i8 as u8],
                b'h' => (fits(i16::MIN as i128, i16::MAX as i128)? as i16).to_ne_bytes().to_vec(),
                b'H' => (fits(0, u16::MAX as i128)? as u16).to_ne_bytes().to_vec(),
                b'i' => (fits(i32::MIN as i128, i32::MAX as i128)? as i32).to_ne_bytes().to_vec(),
                b'I' => (fits(0, u32::MAX as i128)? as u32).to_ne_bytes().to_vec(),
                b'l' | b'q' | b'n' => (fits(i64::MIN as i128, i64::MAX as i128)? as i64).to_ne_bytes().to_vec(),
                _ => (fits(0, u64::MAX as i128)? as u64).to_ne_bytes().to_vec(),
            })
        }
    }
}

fn released_error() -> PyErr {
    value_error("operation forbidden on released memoryview object")
}

impl MemoryViewObj {
    /// A view of all of `obj` (a `bytes` or `bytearray`) as unsigned bytes.
    fn of_exporter(obj: &Value) -> Option<MemoryViewObj> {
        let (len, readonly) = match obj.payload() {
            Some(Payload::Bytes(b)) => (b.len(), true),
            Some(Payload::ByteArray(b)) => (b.read().len(), false),
            _ => return None,
        };
        Some(MemoryViewObj::register(obj.clone(), 0, vec![len], 1, b'B', false, readonly))
    }

    /// A view with the given layout, registered as an export when `obj` is a bytearray.
    fn register(
        obj: Value,
        start: usize,
        shape: Vec<usize>,
        stride: isize,
        code: u8,
        at: bool,
        readonly: bool,
    ) -> MemoryViewObj {
        let exported = match obj.as_obj() {
            Some(o) if matches!(o.payload, Payload::ByteArray(_)) => {
                bytearray::export(o);
                true
            }
            _ => false,
        };
        MemoryViewObj { obj, start, shape, stride, code, at, readonly, released: AtomicBool::new(false), exported }
    }

    /// Another view of the same exporter.
    fn derive(
        &self,
        start: usize,
        shape: Vec<usize>,
        stride: isize,
        code: u8,
        at: bool,
        readonly: bool,
    ) -> MemoryViewObj {
        MemoryViewObj::register(self.obj.clone(), start, shape, stride, code, at, readonly)
    }

    /// The same view (`memoryview(m)`, `toreadonly`), read-only if asked.
    fn copy(&self, readonly: bool) -> MemoryViewObj {
        self.derive(self.start, self.shape.clone(), self.stride, self.code, self.at, readonly)
    }

    /// The number of items (1 for a 0-dimensional view).
    fn nitems(&self) -> usize {
        self.shape.iter().product()
    }

    /// The strides of each dimension, in bytes.
    fn strides(&self) -> Vec<isize> {
        if self.shape.len() == 1 {
            return vec![self.stride];
        }
        let size = self.itemsize() as isize;
        (0..self.shape.len()).map(|i| size * self.shape[i + 1..].iter().product::<usize>() as isize).collect()
    }

    fn check(&self) -> PyResult<()> {
        if self.released.load(Ordering::Acquire) {
            return Err(released_error());
        }
        Ok(())
    }

    pub fn is_released(&self) -> bool {
        self.released.load(Ordering::Acquire)
    }

    fn itemsize(&self) -> usize {
        itemsize_of(self.code).unwrap_or(1)
    }

    fn format(&self) -> String {
        if self.at {
            format!("@{}", self.code as char)
        } else {
            (self.code as char).to_string()
        }
    }

    fn contiguous(&self) -> bool {
        self.nitems() <= 1 || self.stride == self.itemsize() as isize
    }

    /// The byte offset of item `k`.
    fn offset(&self, k: usize) -> usize {
        (self.start as isize + k as isize * self.stride) as usize
    }

    /// Runs `f` on the exporter's contents (under its read lock for a bytearray). Python code must not run
    /// inside `f`.
    fn with_data<R>(&self, f: impl FnOnce(&[u8]) -> Option<R>) -> PyResult<R> {
        self.check()?;
        let r = match self.obj.payload() {
            Some(Payload::Bytes(b)) => f(b),
            Some(Payload::ByteArray(b)) => f(&b.read()),
            _ => None,
        };
        // `None`: a position fell outside the contents, which only a concurrent release allows.
        r.ok_or_else(released_error)
    }

    /// The bytes of item `k`.
    fn item_bytes(&self, k: usize) -> PyResult<Vec<u8>> {
        let (off, size) = (self.offset(k), self.itemsize());
        self.with_data(|d| d.get(off..off + size).map(<[u8]>::to_vec))
    }

    /// The view's bytes in logical order (`tobytes`).
    pub fn to_bytes(&self) -> PyResult<Vec<u8>> {
        let size = self.itemsize();
        self.with_data(|d| {
            if self.contiguous() {
                return d.get(self.start..self.start + self.nitems() * size).map(<[u8]>::to_vec);
            }
            let n = self.nitems();
            let mut out = Vec::with_capacity(n * size);
            for k in 0..n {
                let off = self.offset(k);
                out.extend_from_slice(d.get(off..off + size)?);
            }
            Some(out)
        })
    }

    /// The items as Python values, nested by dimension (`tolist`): the item itself for a 0-dimensional view.
    fn tolist(&self) -> PyResult<Value> {
        let size = self.itemsize();
        let raw = self.to_bytes()?;
        let items: Vec<Value> = raw.chunks(size).map(|c| unpack(self.code, c)).collect();
        fn nest(items: &[Value], shape: &[usize]) -> Value {
            match shape {
                [] => items[0].clone(),
                [_] => list::new_list(items.to_vec()),
                [n, rest @ ..] => {
                    let step = rest.iter().product::<usize>();
                    list::new_list((0..*n).map(|i| nest(&items[i * step..(i + 1) * step], rest)).collect())
                }
            }
        }
        if items.is_empty() && self.shape.is_empty() {
            return Ok(list::new_list(Vec::new()));
        }
        Ok(nest(&items, &self.shape))
    }

    /// Writes `data` (whole items, in logical order) at items `first`, `first + step`, ... of the view.
    fn write_items(&self, first: usize, step: isize, data: &[u8]) -> PyResult<()> {
        self.check()?;
        let Some(Payload::ByteArray(lock)) = self.obj.payload() else {
            return Err(type_error("cannot modify read-only memory"));
        };
        let size = self.itemsize();
        let mut g = lock.write();
        for (j, chunk) in data.chunks(size).enumerate() {
            let k = (first as isize + j as isize * step) as usize;
            let off = self.offset(k);
            let Some(dst) = g.get_mut(off..off + size) else { return Err(released_error()) };
            dst.copy_from_slice(chunk);
        }
        Ok(())
    }

    fn release(&self) {
        if !self.released.swap(true, Ordering::AcqRel) && self.exported {
            if let Some(o) = self.obj.as_obj() {
                bytearray::unexport(o);
            }
        }
    }
}

/// A new memoryview of the bytes-like `v`.
pub fn new_view(v: &Value) -> PyResult<Value> {
    let m = match v.payload() {
        Some(Payload::MemoryView(m)) => {
            m.check()?;
            m.copy(m.readonly)
        }
        _ => match MemoryViewObj::of_exporter(v) {
            Some(m) => m,
            None => {
                return Err(type_error(format!("memoryview: a bytes-like object is required, not '{}'", v.type_name())))
            }
        },
    };
    Ok(Value::Obj(ObjRef::new(memoryview_type(), Payload::MemoryView(m))))
}

/// `memoryview(object)`.
pub(crate) fn construct_memoryview(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // Argument Clinic reports a missing required argument before unknown keywords.
    let missing = || type_error("memoryview() missing required argument 'object' (pos 1)");
    if args.is_empty() && !kwargs.iter().any(|(k, _)| k.as_str() == Some("object")) {
        return Err(missing());
    }
    let a = bind_keywords("memoryview", args, kwargs, &["object"])?;
    let Some(obj) = &a[0] else { return Err(missing()) };
    new_view(obj)
}

fn wrap(m: MemoryViewObj) -> Value {
    Value::Obj(ObjRef::new(memoryview_type(), Payload::MemoryView(m)))
}

/// The view of a memoryview value. Panics only on a runtime bug.
fn view_of(v: &Value) -> &MemoryViewObj {
    match v.payload() {
        Some(Payload::MemoryView(m)) => m,
        _ => unreachable!("not a memoryview"),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Operations used by `ops`.

/// `len(m)`: the extent of the first dimension.
pub fn len(m: &MemoryViewObj) -> PyResult<usize> {
    m.check()?;
    match m.shape.first() {
        Some(n) => Ok(*n),
        None => Err(type_error("0-dim memory has no length")),
    }
}

fn not_implemented(msg: &str) -> PyErr {
    PyErr::new(ExcKind::NotImplementedError, msg)
}

/// An index along dimension `dim` (0-based), checked against its extent.
fn dim_index(m: &MemoryViewObj, key: &Value, dim: usize) -> PyResult<usize> {
    let i = ops::number::index(key)?;
    let Some(i) = int::as_i64(&i) else {
        return Err(PyErr::new(ExcKind::IndexError, "cannot fit 'int' into an index-sized integer"));
    };
    let n = m.shape[dim] as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(PyErr::new(ExcKind::IndexError, format!("index out of bounds on dimension {}", dim + 1)));
    }
    Ok(j as usize)
}

/// The flat item number a key selects: an int for a one-dimensional view, a tuple of ints for any view;
/// `None` when the key is not an index. CPython's errors for sub-views and wrong tuple sizes.
fn item_of(m: &MemoryViewObj, key: &Value, subview_msg: &str) -> PyResult<Option<usize>> {
    if bytes::has_index(key) {
        if m.shape.len() > 1 {
            return Err(not_implemented(subview_msg));
        }
        return dim_index(m, key, 0).map(Some);
    }
    let Some(items) = key.as_tuple() else { return Ok(None) };
    if !items.iter().all(bytes::has_index) {
        return Ok(None);
    }
    if items.len() < m.shape.len() {
        return Err(not_implemented("sub-views are not implemented"));
    }
    if items.len() > m.shape.len() {
        return Err(type_error(format!(
            "cannot index {}-dimension view with {}-element tuple",
            m.shape.len(),
            items.len()
        )));
    }
    let mut flat = 0;
    for (d, k) in items.iter().enumerate() {
        flat = flat * m.shape[d] + dim_index(m, k, d)?;
    }
    Ok(Some(flat))
}

/// Whether `key` is a tuple of slices (CPython's `is_multislice`).
fn is_multislice(key: &Value) -> bool {
    key.as_tuple().is_some_and(|t| !t.is_empty() && t.iter().all(|x| matches!(x.payload(), Some(Payload::Slice(_)))))
}

/// `m[key]`: an item, or a view for a slice.
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let m = view_of(v);
    m.check()?;
    if m.shape.is_empty() {
        if key.as_tuple().is_some_and(|t| t.is_empty()) {
            return Ok(unpack(m.code, &m.item_bytes(0)?));
        }
        if key.is(&Value::Obj(types().ellipsis.clone())) {
            return Ok(v.clone());
        }
        return Err(type_error("invalid indexing of 0-dim memory"));
    }
    if let Some(k) = item_of(m, key, "multi-dimensional sub-views are not implemented")? {
        return Ok(unpack(m.code, &m.item_bytes(k)?));
    }
    if let Some(Payload::Slice(sl)) = key.payload() {
        if m.shape.len() > 1 {
            // NOTE: CPython slices the first dimension of an N-dimensional view; crabby's N-dimensional views
            // (made by `cast`) support items, `tolist` and `tobytes` only.
            return Err(not_implemented("crabby: slicing a multi-dimensional memoryview is not supported"));
        }
        let (start, _stop, step, n) = sl.indices(m.shape[0] as i64)?;
        let first = if n > 0 { m.offset(start as usize) } else { m.start };
        return Ok(wrap(m.derive(first, vec![n as usize], m.stride * step as isize, m.code, m.at, m.readonly)));
    }
    if is_multislice(key) {
        return Err(not_implemented("multi-dimensional slicing is not implemented"));
    }
    Err(type_error("memoryview: invalid slice key"))
}

/// `m[key] = value`: an item, or a slice from a bytes-like object of the same format and length.
pub fn setitem(v: &Value, key: &Value, value: &Value) -> PyResult<()> {
    let m = view_of(v);
    m.check()?;
    if m.readonly {
        return Err(type_error("cannot modify read-only memory"));
    }
    if m.shape.is_empty() {
        if key.as_tuple().is_some_and(|t| t.is_empty()) || key.is(&Value::Obj(types().ellipsis.clone())) {
            return m.write_items(0, 1, &pack(m.code, value)?);
        }
        return Err(type_error("invalid indexing of 0-dim memory"));
    }
    if let Some(k) = item_of(m, key, "sub-views are not implemented")? {
        let data = pack(m.code, value)?;
        return m.write_items(k, 1, &data);
    }
    if let (Some(Payload::Slice(sl)), 1) = (key.payload(), m.shape.len()) {
        let (code, shape) = match value.payload() {
            Some(Payload::MemoryView(src)) => {
                src.check()?;
                (src.code, src.shape.clone())
            }
            _ => match buffer(value)? {
                Some(b) => (b'B', vec![b.len()]),
                None => {
                    return Err(type_error(format!("a bytes-like object is required, not '{}'", value.type_name())))
                }
            },
        };
        let data = buffer(value)?.map(|b| b.into_owned()).unwrap_or_default();
        let (start, _stop, step, n) = sl.indices(m.shape[0] as i64)?;
        if code != m.code || shape != [n as usize] {
            return Err(value_error("memoryview assignment: lvalue and rvalue have different structures"));
        }
        return m.write_items(start.max(0) as usize, step as isize, &data);
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) || is_multislice(key) {
        return Err(not_implemented("memoryview slice assignments are currently restricted to ndim = 1"));
    }
    Err(type_error("memoryview: invalid slice key"))
}

/// `del m[key]`.
pub fn delitem(v: &Value, _key: &Value) -> PyResult<()> {
    let m = view_of(v);
    m.check()?;
    if m.readonly {
        return Err(type_error("cannot modify read-only memory"));
    }
    Err(type_error("cannot delete memory"))
}

/// `hash(m)`: only for read-only views of byte formats; equal to the hash of the bytes.
pub fn hash(m: &MemoryViewObj) -> PyResult<i64> {
    m.check()?;
    if !m.readonly {
        return Err(value_error("cannot hash writable memoryview object"));
    }
    if !is_byte_format(m.code) {
        return Err(value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    // The exporter must be hashable too (a read-only view of a bytearray is not).
    ops::hash::hash(&m.obj)?;
    Ok(ops::hash::hash_bytes(&m.to_bytes()?))
}

/// `repr(m)`.
pub fn repr(v: &Value) -> String {
    let m = view_of(v);
    if m.is_released() {
        format!("<released memory at {:#x}>", v.id())
    } else {
        format!("<memory at {:#x}>", v.id())
    }
}

/// The format, shape and contents of a bytes-like operand of `==`, or `None` when it is not bytes-like.
fn comparable(v: &Value) -> PyResult<Option<(u8, Vec<usize>, Vec<u8>)>> {
    Ok(match v.payload() {
        Some(Payload::MemoryView(m)) => Some((m.code, m.shape.clone(), m.to_bytes()?)),
        _ => buffer(v)?.map(|b| (b'B', vec![b.len()], b.into_owned())),
    })
}

/// `a == b` / `a != b` where one side is a memoryview: equal when the items are equal (a released view
/// equals only itself). Orderings are NotImplemented.
pub fn richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(None);
    }
    let ne = op == CmpOp::Ne;
    if a.is(b) {
        return Ok(Some(!ne));
    }
    let released = |v: &Value| matches!(v.payload(), Some(Payload::MemoryView(m)) if m.is_released());
    if released(a) || released(b) {
        return Ok(Some(ne));
    }
    let (Some((ca, sha, da)), Some((cb, shb, db))) = (comparable(a)?, comparable(b)?) else {
        return Ok(None);
    };
    let (sa, sb) = (itemsize_of(ca).unwrap_or(1), itemsize_of(cb).unwrap_or(1));
    if sha != shb {
        return Ok(Some(ne));
    }
    let eq = if ca == cb && !matches!(ca, b'e' | b'f' | b'd') {
        da == db
    } else {
        let mut eq = true;
        for (x, y) in da.chunks(sa).zip(db.chunks(sb)) {
            if !ops::compare::eq_bool(&unpack(ca, x), &unpack(cb, y))? {
                eq = false;
                break;
            }
        }
        eq
    };
    Ok(Some(eq != ne))
}

/// Releases the memoryview `view` on behalf of `__release_buffer__` of its exporter `owner`.
pub(crate) fn release_of(owner: &Value, view: &Value) -> PyResult<()> {
    let Some(Payload::MemoryView(m)) = view.payload() else {
        return Err(type_error(format!("expected a memoryview object, not '{}'", view.type_name())));
    };
    if !m.obj.is(owner) && !view.is(owner) {
        return Err(value_error("memoryview's buffer is not this object"));
    }
    m.release();
    Ok(())
}

/// Iterates the items of a view (`memory_iterator`).
struct MemoryIter {
    view: Value,
    pos: Mutex<usize>,
}

impl NativeIter for MemoryIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let m = view_of(&self.view);
        let mut pos = self.pos.lock();
        if *pos >= m.nitems() {
            return Ok(None);
        }
        let item = unpack(m.code, &m.item_bytes(*pos)?);
        *pos += 1;
        Ok(Some(item))
    }

    fn length_hint(&self) -> Option<usize> {
        Some(view_of(&self.view).nitems().saturating_sub(*self.pos.lock()))
    }
}

/// `iter(m)`.
pub fn iter(v: &Value) -> PyResult<Value> {
    let m = view_of(v);
    // NOTE: CPython 3.12 raises a SystemError ("returned a result with an exception set") here for a released
    // view; this raises the ValueError that every other operation on a released view raises.
    m.check()?;
    match m.shape.len() {
        0 => return Err(type_error("invalid indexing of 0-dim memory")),
        1 => {}
        _ => return Err(not_implemented("multi-dimensional sub-views are not implemented")),
    }
    Ok(new_iter("memory_iterator", Box::new(MemoryIter { view: v.clone(), pos: Mutex::new(0) })))
}

// ---------------------------------------------------------------------------------------------------------
// Methods.

/// The receiver of a memoryview method.
fn recv<'a>(name: &str, args: &'a [Value]) -> PyResult<&'a MemoryViewObj> {
    match args.first() {
        None => Err(type_error(format!("unbound method memoryview.{name}() needs an argument"))),
        Some(v) => match v.payload() {
            Some(Payload::MemoryView(m)) => Ok(m),
            _ => Err(type_error(format!(
                "descriptor '{name}' for 'memoryview' objects doesn't apply to a '{}' object",
                v.type_name()
            ))),
        },
    }
}

fn noargs<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a MemoryViewObj> {
    let m = recv(name, args)?;
    if !kwargs.is_empty() {
        return Err(type_error(format!("memoryview.{name}() takes no keyword arguments")));
    }
    if args.len() != 1 {
        return Err(type_error(format!("memoryview.{name}() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(m)
}

/// The receiver of a slot wrapper (`__len__`, `__getitem__`, ...), with `n` arguments after it.
fn slot<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)], n: usize) -> PyResult<&'a MemoryViewObj> {
    let Some(v) = args.first() else {
        return Err(type_error(format!("descriptor '{name}' of 'memoryview' object needs an argument")));
    };
    let Some(Payload::MemoryView(m)) = v.payload() else {
        return Err(type_error(format!(
            "descriptor '{name}' requires a 'memoryview' object but received a '{}'",
            v.type_name()
        )));
    };
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if args.len() - 1 != n {
        return Err(bytes::slot_count_error(name, n, args.len() - 1));
    }
    Ok(m)
}

fn m_tobytes(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = recv("tobytes", args)?;
    let a = bind_keywords("tobytes", &args[1..], kwargs, &["order"])?;
    match &a[0] {
        None | Some(Value::None) => {}
        Some(o) => match o.as_str() {
            Some("C" | "F" | "A") => {}
            Some(_) => return Err(value_error("order must be 'C', 'F' or 'A'")),
            None => {
                return Err(type_error(format!(
                    "tobytes() argument 'order' must be str or None, not {}",
                    o.type_name()
                )))
            }
        },
    }
    Ok(bytes::new_bytes_vec(m.to_bytes()?))
}

fn m_tolist(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = noargs("tolist", args, kwargs)?;
    m.tolist()
}

fn m_hex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = recv("hex", args)?;
    let a = bind_keywords("hex", &args[1..], kwargs, &["sep", "bytes_per_sep"])?;
    let (sep, per_sep) = bytes::transform::hex_args(&a[0], &a[1])?;
    Ok(Value::from(bytes::transform::hex_string(&m.to_bytes()?, sep, per_sep)))
}

fn m_release(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    noargs("release", args, kwargs)?.release();
    Ok(Value::None)
}

fn m_toreadonly(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = noargs("toreadonly", args, kwargs)?;
    m.check()?;
    Ok(wrap(m.copy(true)))
}

fn m_cast(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = recv("cast", args)?;
    if args.len() < 2 && !kwargs.iter().any(|(k, _)| k.as_str() == Some("format")) {
        return Err(type_error("cast() missing required argument 'format' (pos 1)"));
    }
    let a = bind_keywords("cast", &args[1..], kwargs, &["format", "shape"])?;
    let Some(fmt_v) = &a[0] else {
        return Err(type_error("cast() missing required argument 'format' (pos 1)"));
    };
    let Some(fmt) = fmt_v.as_str() else {
        return Err(type_error(format!("cast() argument 'format' must be str, not {}", fmt_v.type_name())));
    };
    m.check()?;
    if !m.contiguous() {
        return Err(type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let zeros = m.shape.contains(&0);
    if (a[1].is_some() || m.shape.len() != 1) && zeros {
        return Err(type_error("memoryview: cannot cast view with zeros in shape or strides"));
    }
    let shape = match &a[1] {
        None => None,
        Some(s) => {
            let items = match s.payload() {
                Some(Payload::List(l)) => l.read().clone(),
                Some(Payload::Tuple(t)) => t.to_vec(),
                _ => return Err(type_error("shape must be a list or a tuple")),
            };
            if items.len() > 64 {
                return Err(value_error("memoryview: number of dimensions must not exceed 64"));
            }
            if m.shape.len() != 1 && items.len() != 1 {
                return Err(type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
            }
            Some(items)
        }
    };
    let bad_format = || {
        value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        )
    };
    let (at, code) = match fmt.as_bytes() {
        [c] => (false, *c),
        [b'@', c] => (true, *c),
        _ => return Err(bad_format()),
    };
    let size = itemsize_of(code).ok_or_else(bad_format)?;
    if !is_byte_format(m.code) && !is_byte_format(code) {
        return Err(type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.nitems() * m.itemsize();
    if nbytes % size != 0 {
        return Err(type_error("memoryview: length is not a multiple of itemsize"));
    }
    let shape = match shape {
        None => vec![nbytes / size],
        Some(items) => {
            let mut dims = Vec::with_capacity(items.len());
            for x in &items {
                if !int::is_int(x) {
                    return Err(type_error("memoryview.cast(): elements of shape must be integers"));
                }
                match int::as_i64(x) {
                    Some(n) if n > 0 => dims.push(n as usize),
                    _ => return Err(value_error("memoryview.cast(): elements of shape must be integers > 0")),
                }
            }
            let total = dims.iter().try_fold(size, |acc, d| acc.checked_mul(*d));
            if total != Some(nbytes) {
                return Err(type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            dims
        }
    };
    Ok(wrap(m.derive(m.start, shape, size as isize, code, at, m.readonly)))
}

fn m_enter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = noargs("__enter__", args, kwargs)?;
    m.check()?;
    Ok(args[0].clone())
}

fn m_exit(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv("__exit__", args)?.release();
    Ok(Value::None)
}

fn m_from_flags(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind_keywords("_from_flags", args.get(1..).unwrap_or(&[]), kwargs, &["object", "flags"])?;
    let (Some(obj), Some(flags)) = (&a[0], &a[1]) else {
        return Err(type_error("_from_flags() missing required argument"));
    };
    bytes::ssize_arg(flags)?;
    new_view(obj)
}

fn d_buffer(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__buffer__", args, kwargs, 1)?;
    bytes::ssize_arg(&args[1])?;
    new_view(&args[0])
}

fn d_release_buffer(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__release_buffer__", args, kwargs, 1)?;
    release_of(&args[0], &args[1])?;
    Ok(Value::None)
}

fn d_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(len(slot("__len__", args, kwargs, 0)?)? as i64))
}

fn d_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__getitem__", args, kwargs, 1)?;
    getitem(&args[0], &args[1])
}

fn d_setitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__setitem__", args, kwargs, 2)?;
    setitem(&args[0], &args[1], &args[2])?;
    Ok(Value::None)
}

fn d_delitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__delitem__", args, kwargs, 1)?;
    delitem(&args[0], &args[1])?;
    Ok(Value::None)
}

fn d_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__iter__", args, kwargs, 0)?;
    iter(&args[0])
}

fn d_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(hash(slot("__hash__", args, kwargs, 0)?)?))
}

fn d_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    slot("__repr__", args, kwargs, 0)?;
    Ok(Value::from(repr(&args[0])))
}

fn compare(name: &str, args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    slot(name, args, kwargs, 1)?;
    Ok(match richcmp(&args[0], &args[1], op)? {
        Some(r) => Value::Bool(r),
        None => Value::Obj(types().not_implemented.clone()),
    })
}

fn d_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__eq__", args, kwargs, CmpOp::Eq)
}

fn d_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__ne__", args, kwargs, CmpOp::Ne)
}

fn d_lt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__lt__", args, kwargs, CmpOp::Lt)
}

fn d_le(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__le__", args, kwargs, CmpOp::Le)
}

fn d_gt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__gt__", args, kwargs, CmpOp::Gt)
}

fn d_ge(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__ge__", args, kwargs, CmpOp::Ge)
}

// Attributes (read-only properties).

fn attr<'a>(args: &'a [Value], name: &str) -> PyResult<&'a MemoryViewObj> {
    let m = recv(name, args)?;
    m.check()?;
    Ok(m)
}

fn p_obj(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(attr(args, "obj")?.obj.clone())
}

fn p_nbytes(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    let m = attr(args, "nbytes")?;
    Ok(Value::Int((m.nitems() * m.itemsize()) as i64))
}

fn p_readonly(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(attr(args, "readonly")?.readonly))
}

fn p_itemsize(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(attr(args, "itemsize")?.itemsize() as i64))
}

fn p_format(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::from(attr(args, "format")?.format()))
}

fn p_ndim(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(attr(args, "ndim")?.shape.len() as i64))
}

fn p_shape(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(tuple::new_tuple(attr(args, "shape")?.shape.iter().map(|n| Value::Int(*n as i64)).collect()))
}

fn p_strides(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(tuple::new_tuple(attr(args, "strides")?.strides().into_iter().map(|n| Value::Int(n as i64)).collect()))
}

fn p_suboffsets(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    attr(args, "suboffsets")?;
    Ok(tuple::new_tuple_array([]))
}

fn p_c_contiguous(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(attr(args, "c_contiguous")?.contiguous()))
}

fn p_f_contiguous(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(attr(args, "f_contiguous")?.contiguous()))
}

fn p_contiguous(args: &[Value], _: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(attr(args, "contiguous")?.contiguous()))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("cast", m_cast),
    ("hex", m_hex),
    ("release", m_release),
    ("tobytes", m_tobytes),
    ("tolist", m_tolist),
    ("toreadonly", m_toreadonly),
    ("__enter__", m_enter),
    ("__exit__", m_exit),
    ("__buffer__", d_buffer),
    ("__release_buffer__", d_release_buffer),
    ("__len__", d_len),
    ("__getitem__", d_getitem),
    ("__setitem__", d_setitem),
    ("__delitem__", d_delitem),
    ("__iter__", d_iter),
    ("__hash__", d_hash),
    ("__repr__", d_repr),
    ("__eq__", d_eq),
    ("__ne__", d_ne),
    ("__lt__", d_lt),
    ("__le__", d_le),
    ("__gt__", d_gt),
    ("__ge__", d_ge),
];

const PROPERTIES: &[(&str, NativeFn)] = &[
    ("obj", p_obj),
    ("nbytes", p_nbytes),
    ("readonly", p_readonly),
    ("itemsize", p_itemsize),
    ("format", p_format),
    ("ndim", p_ndim),
    ("shape", p_shape),
    ("strides", p_strides),
    ("suboffsets", p_suboffsets),
    ("c_contiguous", p_c_contiguous),
    ("f_contiguous", p_f_contiguous),
    ("contiguous", p_contiguous),
];

pub fn register() {
    let t = memoryview_type();
    crate::builtins::add_methods(t, METHODS);
    let ns = &type_::type_obj(t).dict;
    for (name, f) in PROPERTIES {
        let prop = DescriptorObj::Property {
            fget: new_builtin(name, *f, None),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        };
        dict::set_str(ns, name, Value::Obj(ObjRef::new(&types().property, Payload::Descriptor(prop)).make_immortal()));
    }
    crate::builtins::int::add_classmethod(t, "_from_flags", m_from_flags);
    type_::type_obj(t).modified();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_round_trip() {
        for x in [0.0, 1.0, -2.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08, 1.52587890625e-05] {
            let h = f64_to_f16(x).unwrap();
            assert_eq!(f16_to_f64(h), x, "{x}");
        }
        assert_eq!(f64_to_f16(1e6), None);
        assert_eq!(f16_to_f64(f64_to_f16(0.1).unwrap()), 0.0999755859375);
    }

    #[test]
    fn items_pack_and_unpack() {
        assert_eq!(int::as_i64(&unpack(b'h', &pack(b'h', &Value::Int(-2)).unwrap())), Some(-2));
        assert!(pack(b'B', &Value::Int(256)).is_err());
        assert!(pack(b'b', &Value::Float(1.0)).is_err());
        assert_eq!(float::as_f64(&unpack(b'd', &pack(b'd', &Value::Int(3)).unwrap())), Some(3.0));
    }
}
