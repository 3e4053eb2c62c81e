//! `_random`: the `Random` type that CPython's `random` module builds on, with CPython's exact Mersenne
//! Twister (MT19937): the same seeding (`init_by_array` over the 32-bit words of `abs(n)`, or of the hash for
//! other objects; 624 words of OS entropy for `None`), the same 53-bit `random()` from two outputs, the same
//! `getrandbits` word order, and `getstate`/`setstate` in CPython's 625-int format. A seeded generator
//! therefore produces CPython's sequence number for number.
//!
//! `random.py` turns `str`/`bytes` seeds into ints with SHA-512 before calling `Random.seed`; that needs the
//! `_sha2` module (NOTE: not provided by this file).
//!
//! The generator state sits behind a mutex, so each call (`random()` draws two words) is atomic when threads
//! share one generator, as under CPython's GIL.

use std::io::Read;
use std::sync::OnceLock;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive};
use parking_lot::Mutex;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::type_::{self, type_obj};
use crate::builtins::{add_methods, dict, int, module, new_native_type, tuple};
use crate::error::{overflow_error, type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937's state: 624 words and the index of the next one to temper.
#[derive(Clone)]
pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    /// The state `PyType_GenericAlloc` leaves: all zero (what an unseeded `Random.__new__` object draws from).
    pub fn zeroed() -> Mt {
        Mt { state: [0; N], index: 0 }
    }

    /// `genrand_uint32`.
    pub fn next_u32(&mut self) -> u32 {
        let mt = &mut self.state;
        let mag01 = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        if self.index >= N {
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag01(y);
            }
            let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01(y);
            self.index = 0;
        }
        let mut y = mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `init_genrand`.
    fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array`.
    pub fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        // MSB is 1, assuring a non-zero initial array.
        mt[0] = 0x8000_0000;
    }

    /// Seeds from a non-negative integer: its 32-bit words, least significant first (`[0]` for zero).
    pub fn seed_biguint(&mut self, n: &BigUint) {
        let mut key = n.to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    /// `random()`: 53 random bits from two outputs, in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k > 0`: 32-bit words from least to most significant, the last one shifted down
    /// to the bits still needed.
    pub fn getrandbits(&mut self, k: u64) -> BigUint {
        if k <= 32 {
            return BigUint::from(self.next_u32() >> (32 - k));
        }
        let words = (k - 1) / 32 + 1;
        let mut left = k;
        let mut out = Vec::with_capacity(words as usize);
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::from_slice(&out)
    }
}

/// Seeds from the OS's entropy (`random_seed_urandom`), falling back on the time and process id.
fn seed_urandom(mt: &mut Mt) {
    let mut buf = [0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if ok {
        let key: Vec<u32> = buf.chunks_exact(4).map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).collect();
        mt.init_by_array(&key);
        return;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let ns = now.as_nanos() as u64;
    let mono = std::time::Instant::now().elapsed().as_nanos() as u64;
    let key = [ns as u32, (ns >> 32) as u32, std::process::id(), mono as u32, (mono >> 32) as u32];
    mt.init_by_array(&key);
}

/// A `Random` object's state.
struct RandomState {
    mt: Mutex<Mt>,
}

fn mt_of<'a>(v: &'a Value, method: &str) -> PyResult<&'a Mutex<Mt>> {
    match v.payload() {
        Some(Payload::Native(b)) => match b.get::<RandomState>() {
            Some(s) => Ok(&s.mt),
            None => Err(wrong_receiver(v, method)),
        },
        _ => Err(wrong_receiver(v, method)),
    }
}

fn wrong_receiver(v: &Value, method: &str) -> PyErr {
    type_error(format!(
        "descriptor '{method}' for '_random.Random' objects doesn't apply to a '{}' object",
        v.type_name()
    ))
}

fn receiver<'a>(args: &'a [Value], method: &str) -> PyResult<(&'a Mutex<Mt>, &'a [Value])> {
    match args.split_first() {
        Some((this, rest)) => Ok((mt_of(this, method)?, rest)),
        None => Err(type_error(format!("unbound method Random.{method}() needs an argument"))),
    }
}

/// `random_seed`: `None` seeds from entropy; an int by its absolute value; anything else by its hash.
fn seed_value(mt: &Mutex<Mt>, arg: Option<&Value>) -> PyResult<()> {
    let n: BigUint = match arg {
        None | Some(Value::None) => {
            let mut fresh = Mt::zeroed();
            seed_urandom(&mut fresh);
            *mt.lock() = fresh;
            return Ok(());
        }
        Some(v) if int::is_int(v) => int::to_bigint(v).unwrap_or_default().abs().to_biguint().unwrap_or_default(),
        Some(v) => BigUint::from(ops::hash::hash(v)? as u64),
    };
    mt.lock().seed_biguint(&n);
    Ok(())
}

/// `Random.__new__(cls, *args, **kwargs)`: a generator with the all-zero state (`PyType_GenericNew`).
/// NOTE: a direct call of the built-in type itself (`_random.Random(42)`) also runs `__init__` here, because
/// the runtime's constructor path for native types calls only `__new__`.
fn random_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ty = random_type();
    let Some(cls) = args.first().and_then(|c| c.as_obj()).filter(|c| matches!(c.payload, Payload::Type(_))) else {
        return Err(type_error("Random.__new__(X): X is not a type object"));
    };
    if !type_::is_subtype(cls, ty) {
        let n = type_::type_name(cls);
        return Err(type_error(format!("_random.Random.__new__({n}): {n} is not a subtype of _random.Random")));
    }
    let dict = type_obj(cls).heap.then(dict::new_dict_obj);
    let obj = Value::Obj(ObjRef::with_dict(
        cls,
        Payload::Native(NativeBox::new(RandomState { mt: Mutex::new(Mt::zeroed()) })),
        dict,
    ));
    if cls.ptr_eq(ty) {
        let mut init_args = vec![obj.clone()];
        init_args.extend_from_slice(&args[1..]);
        random_init(&init_args, kwargs)?;
    }
    Ok(obj)
}

/// `Random.__init__(self, seed=None)`, positional only; keywords are refused unless a subclass overrides
/// `__init__`.
fn random_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (mt, rest) = receiver(args, "__init__")?;
    let this = &args[0];
    let own_init = type_::lookup(this.ty(), "__init__")
        .is_some_and(|f| matches!(f.payload(), Some(Payload::BuiltinFunction(b)) if b.name == "__init__" && b.owner.as_ref().is_some_and(|o| o.ptr_eq(random_type()))));
    if !kwargs.is_empty() && (this.ty().ptr_eq(random_type()) || own_init) {
        return Err(type_error("Random() takes no keyword arguments"));
    }
    if rest.len() > 1 {
        return Err(type_error("Random() requires 0 or 1 argument"));
    }
    seed_value(mt, rest.first())?;
    Ok(Value::None)
}

fn random_seed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (mt, _) = receiver(args, "seed")?;
    let a = Args::new("Random.seed", args, kwargs).between(1, 2)?;
    seed_value(mt, a.get(1))?;
    Ok(Value::None)
}

fn random_random(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (mt, rest) = receiver(args, "random")?;
    meth_noargs("Random.random", rest, kwargs)?;
    Ok(Value::Float(mt.lock().random()))
}

fn random_getrandbits(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (mt, rest) = receiver(args, "getrandbits")?;
    let k = meth_o("Random.getrandbits", rest, kwargs)?;
    let k = ops::number::index(k)?;
    let k = int::as_i64(&k)
        .filter(|k| i32::try_from(*k).is_ok())
        .ok_or_else(|| overflow_error("Python int too large to convert to C int"))?;
    if k < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(Value::Int(0));
    }
    let r = mt.lock().getrandbits(k as u64);
    Ok(int::from_bigint(BigInt::from_biguint(Sign::Plus, r)))
}

fn random_getstate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (mt, rest) = receiver(args, "getstate")?;
    meth_noargs("Random.getstate", rest, kwargs)?;
    let m = mt.lock().clone();
    let mut items: Vec<Value> = m.state.iter().map(|w| Value::Int(*w as i64)).collect();
    items.push(Value::Int(m.index as i64));
    Ok(tuple::new_tuple(items))
}

fn random_setstate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (mt, rest) = receiver(args, "setstate")?;
    let state = meth_o("Random.setstate", rest, kwargs)?;
    let Some(items) = state.as_tuple() else {
        return Err(type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(value_error("state vector is the wrong size"));
    }
    let mut new = Mt::zeroed();
    for (w, v) in new.state.iter_mut().zip(items) {
        // `PyLong_AsUnsignedLong`: an int (no `__index__`), truncated to 32 bits as C's cast does.
        if !int::is_int(v) {
            return Err(type_error("an integer is required"));
        }
        let b = int::to_bigint(v).unwrap_or_default();
        if b.sign() == Sign::Minus {
            return Err(overflow_error("can't convert negative value to unsigned int"));
        }
        let u = b.to_u64().ok_or_else(|| overflow_error("Python int too large to convert to C unsigned long"))?;
        *w = u as u32;
    }
    let index = ops::number::index(&items[N])?;
    let index = int::as_i64(&index).ok_or_else(|| overflow_error("Python int too large to convert to C long"))?;
    if !(0..=N as i64).contains(&index) {
        return Err(value_error("invalid state"));
    }
    new.index = index as usize;
    *mt.lock() = new;
    Ok(Value::None)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("random", random_random),
    ("seed", random_seed),
    ("getstate", random_getstate),
    ("setstate", random_setstate),
    ("getrandbits", random_getrandbits),
    ("__init__", random_init),
];

fn random_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| {
        let ty = new_native_type("Random", "_random", true);
        add_methods(&ty, METHODS);
        let d = &type_obj(&ty).dict;
        let new = new_builtin("__new__", random_new, Some(ty.clone()));
        dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
        dict::set_str(
            d,
            "__doc__",
            Value::from("Random() -> create a random number generator with its own internal state."),
        );
        ty
    })
}

static RANDOM: OnceLock<ObjRef> = OnceLock::new();

/// The `_random` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(RANDOM
        .get_or_init(|| {
            let m = module::new_module("_random").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "__doc__", Value::from("Module implements the Mersenne Twister random number generator."));
            dict::set_str(d, "Random", Value::Obj(random_type().clone()));
            m
        })
        .clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(n: u64) -> Mt {
        let mut mt = Mt::zeroed();
        mt.seed_biguint(&BigUint::from(n));
        mt
    }

    #[test]
    fn random_matches_cpython() {
        // `_random.Random(42).random()` and friends in CPython 3.12.
        assert_eq!(seeded(42).random(), 0.6394267984578837);
        assert_eq!(seeded(0).random(), 0.8444218515250481);
        assert_eq!(seeded(1).random(), 0.13436424411240122);
        let mut big = Mt::zeroed();
        big.seed_biguint(&((BigUint::from(1u8) << 100usize) + BigUint::from(12345u32)));
        assert_eq!(big.random(), 0.44487310994347073);
    }

    #[test]
    fn getrandbits_matches_cpython() {
        let mut mt = seeded(42);
        mt.random();
        assert_eq!(mt.getrandbits(100).to_string(), "259474555368124611114247330513");
        assert_eq!(mt.getrandbits(32), BigUint::from(958_682_846u32));
        let mut mt = seeded(1);
        let got: Vec<String> = [1, 5, 31, 32, 33, 64, 65, 100].iter().map(|k| mt.getrandbits(*k).to_string()).collect();
        assert_eq!(
            got,
            [
                "0",
                "18",
                "1819850095",
                "3445702192",
                "3280387012",
                "2175216119781798972",
                "14037279428536751483",
                "980814166729821154279298502753"
            ]
        );
    }

    #[test]
    fn seeding_state_matches_cpython() {
        // `_random.Random(1).getstate()[:3]` and `[-1]`.
        let mt = seeded(1);
        assert_eq!(&mt.state[..3], &[2_147_483_648, 163_610_392, 3_414_454_684]);
        assert_eq!(mt.index, N);
        // An unseeded object draws zeros from its all-zero state.
        assert_eq!(Mt::zeroed().random(), 0.0);
    }
}
