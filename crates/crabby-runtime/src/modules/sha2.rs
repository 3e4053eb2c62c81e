//! `_sha2`: SHA-224, SHA-256, SHA-384 and SHA-512 (FIPS 180-4), the hash objects `hashlib` and `random` use
//! (`random.seed("text")` hashes the text with SHA-512), with CPython 3.12's constructors, methods and
//! messages.
//!
//! A hash object's state sits behind a mutex: `update` from racing threads feeds whole buffers one after
//! another, and `copy`/`digest` see a consistent state.

use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::bytes::new_bytes;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::type_::type_obj;
use crate::builtins::{add_methods, dict, module, new_native_type};
use crate::error::{type_error, PyResult};
use crate::modules::r#struct::{bytes_like, clinic, meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::Value;

const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

const K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// Which member of the family a hash object computes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Algo {
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algo {
    fn name(self) -> &'static str {
        match self {
            Algo::Sha224 => "sha224",
            Algo::Sha256 => "sha256",
            Algo::Sha384 => "sha384",
            Algo::Sha512 => "sha512",
        }
    }
    fn digest_size(self) -> usize {
        match self {
            Algo::Sha224 => 28,
            Algo::Sha256 => 32,
            Algo::Sha384 => 48,
            Algo::Sha512 => 64,
        }
    }
    fn block_size(self) -> usize {
        match self {
            Algo::Sha224 | Algo::Sha256 => 64,
            Algo::Sha384 | Algo::Sha512 => 128,
        }
    }
    fn wide(self) -> bool {
        matches!(self, Algo::Sha384 | Algo::Sha512)
    }
}

/// A running hash: the chaining state (eight words, 32-bit values widened for the short variants), the
/// partial block and the message length in bytes.
#[derive(Clone)]
pub struct Sha2 {
    algo: Algo,
    h: [u64; 8],
    buf: Vec<u8>,
    len: u128,
}

impl Sha2 {
    pub fn new(algo: Algo) -> Sha2 {
        let h: [u64; 8] = match algo {
            Algo::Sha224 => {
                [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4]
            }
            Algo::Sha256 => {
                [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
            }
            Algo::Sha384 => [
                0xcbbb9d5dc1059ed8,
                0x629a292a367cd507,
                0x9159015a3070dd17,
                0x152fecd8f70e5939,
                0x67332667ffc00b31,
                0x8eb44a8768581511,
                0xdb0c2e0d64f98fa7,
                0x47b5481dbefa4fa4,
            ],
            Algo::Sha512 => [
                0x6a09e667f3bcc908,
                0xbb67ae8584caa73b,
                0x3c6ef372fe94f82b,
                0xa54ff53a5f1d36f1,
                0x510e527fade682d1,
                0x9b05688c2b3e6c1f,
                0x1f83d9abfb41bd6b,
                0x5be0cd19137e2179,
            ],
        };
        Sha2 { algo, h, buf: Vec::with_capacity(128), len: 0 }
    }

    fn compress(&mut self, block: &[u8]) {
        if self.algo.wide() {
            let mut w = [0u64; 80];
            for (i, c) in block.chunks_exact(8).enumerate() {
                w[i] = u64::from_be_bytes(c.try_into().expect("8 bytes"));
            }
            for i in 16..80 {
                let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
                let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
                w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
            }
            let mut v = self.h;
            for i in 0..80 {
                let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K512[i]).wrapping_add(w[i]);
                let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
            }
            for (h, x) in self.h.iter_mut().zip(v) {
                *h = h.wrapping_add(x);
            }
        } else {
            let mut w = [0u32; 64];
            for (i, c) in block.chunks_exact(4).enumerate() {
                w[i] = u32::from_be_bytes(c.try_into().expect("4 bytes"));
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
            }
            let mut v: [u32; 8] = std::array::from_fn(|i| self.h[i] as u32);
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K256[i]).wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
            }
            for (h, x) in self.h.iter_mut().zip(v) {
                *h = (*h as u32).wrapping_add(x) as u64;
            }
        }
    }

    pub fn update(&mut self, mut data: &[u8]) {
        let bs = self.algo.block_size();
        self.len += data.len() as u128;
        if !self.buf.is_empty() {
            let take = (bs - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buf.len() == bs {
                let block = std::mem::take(&mut self.buf);
                self.compress(&block);
                self.buf = block;
                self.buf.clear();
            }
        }
        while data.len() >= bs {
            self.compress(&data[..bs]);
            data = &data[bs..];
        }
        self.buf.extend_from_slice(data);
    }

    /// The digest of everything fed so far (the state itself is left as it is).
    pub fn digest(&self) -> Vec<u8> {
        let mut s = self.clone();
        let bs = s.algo.block_size();
        let bits = s.len * 8;
        let mut pad = vec![0x80u8];
        let len_bytes = if s.algo.wide() { 16 } else { 8 };
        while !(s.buf.len() + pad.len() + len_bytes).is_multiple_of(bs) {
            pad.push(0);
        }
        if s.algo.wide() {
            pad.extend_from_slice(&bits.to_be_bytes());
        } else {
            pad.extend_from_slice(&(bits as u64).to_be_bytes());
        }
        let len = s.len;
        s.update(&pad);
        s.len = len;
        let mut out = Vec::with_capacity(64);
        for h in s.h {
            if s.algo.wide() {
                out.extend_from_slice(&h.to_be_bytes());
            } else {
                out.extend_from_slice(&(h as u32).to_be_bytes());
            }
        }
        out.truncate(s.algo.digest_size());
        out
    }
}

/// The payload of hash objects.
struct HashObj(Mutex<Sha2>);

/// The data argument: bytes-like; `str` gets CPython's "Strings must be encoded before hashing".
fn data_arg(v: &Value) -> PyResult<Vec<u8>> {
    if v.as_str().is_some() {
        return Err(type_error("Strings must be encoded before hashing"));
    }
    bytes_like(v).map(|b| b.into_owned()).ok_or_else(|| type_error("object supporting the buffer API required"))
}

fn hash_of<'a>(args: &'a [Value], method: &str) -> PyResult<(&'a HashObj, &'a Value, &'a [Value])> {
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error(format!("unbound method {method}() needs an argument")));
    };
    match this.payload().and_then(|p| p.native::<HashObj>()) {
        Some(h) => Ok((h, this, rest)),
        None => Err(type_error(format!("descriptor '{method}' requires a '_sha2' hash object"))),
    }
}

fn qual(this: &Value, method: &str) -> String {
    format!("{}.{method}", crate::builtins::type_::short_name(this.ty()))
}

fn h_update(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, this, rest) = hash_of(args, "update")?;
    let data = data_arg(meth_o(&qual(this, "update"), rest, kwargs)?)?;
    h.0.lock().update(&data);
    Ok(Value::None)
}

fn h_digest(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, this, rest) = hash_of(args, "digest")?;
    meth_noargs(&qual(this, "digest"), rest, kwargs)?;
    let d = h.0.lock().digest();
    Ok(new_bytes(&d))
}

fn h_hexdigest(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, this, rest) = hash_of(args, "hexdigest")?;
    meth_noargs(&qual(this, "hexdigest"), rest, kwargs)?;
    let d = h.0.lock().digest();
    Ok(Value::from(d.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

fn h_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, this, rest) = hash_of(args, "copy")?;
    meth_noargs(&qual(this, "copy"), rest, kwargs)?;
    let s = h.0.lock().clone();
    Ok(Value::Obj(ObjRef::new(this.ty(), Payload::Native(NativeBox::new(HashObj(Mutex::new(s)))))))
}

fn h_name(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, _, _) = hash_of(args, "name")?;
    let algo = h.0.lock().algo;
    Ok(Value::from(algo.name()))
}

fn h_digest_size(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, _, _) = hash_of(args, "digest_size")?;
    let algo = h.0.lock().algo;
    Ok(Value::Int(algo.digest_size() as i64))
}

fn h_block_size(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (h, _, _) = hash_of(args, "block_size")?;
    let algo = h.0.lock().algo;
    Ok(Value::Int(algo.block_size() as i64))
}

struct State {
    module: ObjRef,
    types: [ObjRef; 4],
}

fn algo_index(a: Algo) -> usize {
    match a {
        Algo::Sha224 => 0,
        Algo::Sha256 => 1,
        Algo::Sha384 => 2,
        Algo::Sha512 => 3,
    }
}

/// `sha256(string=b'', *, usedforsecurity=True)` and its siblings.
fn construct(algo: Algo, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic(algo.name(), args, kwargs, &["string", "usedforsecurity"], 0, 0, 1)?;
    let mut s = Sha2::new(algo);
    if let Some(v) = &a[0] {
        s.update(&data_arg(v)?);
    }
    let ty = &state()?.types[algo_index(algo)];
    Ok(Value::Obj(ObjRef::new(ty, Payload::Native(NativeBox::new(HashObj(Mutex::new(s)))))))
}

fn sha224(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    construct(Algo::Sha224, args, kwargs)
}
fn sha256(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    construct(Algo::Sha256, args, kwargs)
}
fn sha384(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    construct(Algo::Sha384, args, kwargs)
}
fn sha512(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    construct(Algo::Sha512, args, kwargs)
}

fn state() -> PyResult<&'static State> {
    static STATE: OnceLock<State> = OnceLock::new();
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let mk = |name: &str| -> ObjRef {
        let ty = new_native_type(name, "_sha2", false);
        add_methods(&ty, &[("update", h_update), ("digest", h_digest), ("hexdigest", h_hexdigest), ("copy", h_copy)]);
        let d = &type_obj(&ty).dict;
        for (attr, getter) in
            [("name", h_name as NativeFn), ("digest_size", h_digest_size as NativeFn), ("block_size", h_block_size)]
        {
            let g = new_builtin(attr, getter, Some(ty.clone()));
            dict::set_str(
                d,
                attr,
                crate::builtins::descriptor::make_property(g, Value::None, Value::None, Value::None),
            );
        }
        ty
    };
    let types = [mk("SHA224Type"), mk("SHA256Type"), mk("SHA384Type"), mk("SHA512Type")];
    let m = module::new_module("_sha2").make_immortal();
    let d = module::module_dict(&m);
    const FUNCTIONS: &[(&str, NativeFn)] =
        &[("sha224", sha224), ("sha256", sha256), ("sha384", sha384), ("sha512", sha512)];
    for (name, f) in FUNCTIONS {
        dict::set_str(d, name, new_builtin(name, *f, None));
    }
    for t in &types {
        dict::set_str(d, &crate::builtins::type_::short_name(t), Value::Obj(t.clone()));
    }
    Ok(STATE.get_or_init(|| State { module: m, types }))
}

/// The `_sha2` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(state()?.module.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(algo: Algo, data: &[u8]) -> String {
        let mut s = Sha2::new(algo);
        s.update(data);
        s.digest().iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_answers() {
        assert_eq!(hex(Algo::Sha256, b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(Algo::Sha256, b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(hex(Algo::Sha224, b"abc"), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
        assert_eq!(
            hex(Algo::Sha384, b"abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            hex(Algo::Sha512, b"abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        // Multi-block input fed in uneven pieces.
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut s = Sha2::new(Algo::Sha512);
        for c in data.chunks(37) {
            s.update(c);
        }
        let mut t = Sha2::new(Algo::Sha512);
        t.update(&data);
        assert_eq!(s.digest(), t.digest());
    }
}
