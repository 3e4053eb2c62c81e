//! `math`: CPython 3.12's math module, function for function, with its special-value rules and messages.
//!
//! Results must be bit-identical to CPython's on the same machine. Where CPython calls the C library (`sin`,
//! `exp`, `log`, `pow`, ...) the Rust float methods call the same functions of the same libm. Where Rust's
//! standard library has its own code instead of libm's (`asinh`, `acosh`, `atanh`, `cbrt`) or nothing at all
//! (`erf`, `erfc`, `frexp`, `ldexp`, `nextafter`), this file ports glibc's (fdlibm) code, and CPython's own algorithms
//! (`gamma`, `lgamma`, `fsum`, `hypot`, `sumprod`, `remainder`) are ported as CPython writes them, operation for
//! operation, since the order of floating-point operations decides the last bit. Integer functions (`factorial`,
//! `comb`, `perm`, `isqrt`, `gcd`, `lcm`) are exact on big ints; their algorithms differ from CPython's where only
//! speed is at stake.

use std::sync::OnceLock;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, float, int, module, tuple, type_};
use crate::error::{overflow_error, type_error, value_error, PyErr, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// Arguments.

fn domain_error() -> PyErr {
    value_error("math domain error")
}

fn range_error() -> PyErr {
    overflow_error("math range error")
}

/// A METH_O function's single argument: `math.sqrt() takes exactly one argument (0 given)`.
fn one<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a Value> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("math.{name}() takes no keyword arguments")));
    }
    match args {
        [x] => Ok(x),
        _ => Err(type_error(format!("math.{name}() takes exactly one argument ({} given)", args.len()))),
    }
}

/// Positional-only arguments parsed by Argument Clinic: `pow expected 2 arguments, got 1`.
fn positional<'a>(
    name: &'a str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if min == max && args.len() != min && kwargs.is_empty() {
        return Err(type_error(format!("{name} expected {min} arguments, got {}", args.len())));
    }
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    Args::new(name, args, &[]).between(min, max)
}

/// `PyFloat_AsDouble`: a float, an int, or an object with `__float__` or `__index__`.
pub fn float_arg(v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        Value::None | Value::Obj(_) => {}
    }
    let heap = type_::type_obj(v.ty()).heap;
    if !heap {
        if let Some(f) = float::as_f64(v) {
            return Ok(f);
        }
        if int::is_int(v) {
            return int::int_to_f64(v);
        }
    } else {
        if let Some(f) = type_::lookup(v.ty(), "__float__") {
            let r = ops::call::call_with_self(&f, v, &[], &[])?;
            return match r {
                Value::Float(x) => Ok(x),
                _ if float::is_float(&r) => Ok(float::as_f64(&r).unwrap_or(0.0)),
                _ => {
                    Err(type_error(format!("{}.__float__ returned non-float (type {})", v.type_name(), r.type_name())))
                }
            };
        }
        if type_::lookup(v.ty(), "__index__").is_some() {
            return int::int_to_f64(&ops::number::index(v)?);
        }
        if let Some(f) = float::as_f64(v) {
            return Ok(f);
        }
    }
    Err(type_error(format!("must be real number, not {}", v.type_name())))
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error; an infinity from a finite argument is a range
/// error when the function can overflow, a domain error (a singularity) otherwise.
fn math_1(arg: &Value, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let x = float_arg(arg)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error() } else { domain_error() });
    }
    Ok(Value::Float(r))
}

/// CPython's `math_2`.
fn math_2(name: &str, args: &[Value], kwargs: &[(Value, Value)], f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let a = positional(name, args, kwargs, 2, 2)?;
    let x = float_arg(&a[0])?;
    let y = float_arg(&a[1])?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error());
    }
    Ok(Value::Float(r))
}

/// An error a ported libm routine signals through `errno`.
enum MathErr {
    Domain,
    Range,
}

/// CPython's `math_1a`: the function reports its own errors; an underflow (`ERANGE` with a small result) is
/// not one.
fn math_1a(arg: &Value, f: fn(f64) -> (f64, Option<MathErr>)) -> PyResult<Value> {
    let x = float_arg(arg)?;
    match f(x) {
        (_, Some(MathErr::Domain)) => Err(domain_error()),
        (r, Some(MathErr::Range)) if r.abs() >= 1.5 => Err(range_error()),
        (r, _) => Ok(Value::Float(r)),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Ports of libm routines Rust does not expose as glibc computes them.

fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as u32 as i32
}

fn with_low_word_zero(x: f64) -> f64 {
    f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000)
}

/// fdlibm's `ln2` (0x3FE62E42FEFA39EF).
const LN2: f64 = std::f64::consts::LN_2;

/// glibc's (fdlibm) `asinh`; Rust's `f64::asinh` uses a different formula.
fn asinh(x: f64) -> f64 {
    let ix = high_word(x) & 0x7fff_ffff;
    if ix < 0x3e30_0000 {
        // |x| < 2**-28: asinh(x) rounds to x.
        return x;
    }
    let w = if ix > 0x41b0_0000 {
        if ix >= 0x7ff0_0000 {
            return x + x;
        }
        x.abs().ln() + LN2
    } else {
        let xa = x.abs();
        if ix > 0x4000_0000 {
            (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
        } else {
            let t = xa * xa;
            (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
        }
    };
    w.copysign(x)
}

/// glibc's (fdlibm) `acosh`.
fn acosh(x: f64) -> f64 {
    let bits = x.to_bits();
    let hx = (bits >> 32) as u32 as i32;
    let lx = bits as u32;
    if hx < 0x3ff0_0000 {
        f64::NAN
    } else if hx >= 0x41b0_0000 {
        if hx >= 0x7ff0_0000 {
            x + x
        } else {
            x.ln() + LN2
        }
    } else if (hx - 0x3ff0_0000) as u32 | lx == 0 {
        0.0
    } else if hx > 0x4000_0000 {
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// glibc's `atanh`.
fn atanh(x: f64) -> f64 {
    let xa = x.abs();
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            return x;
        }
        let t = xa + xa;
        0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
    } else if xa < 1.0 {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    } else if xa > 1.0 {
        return f64::NAN;
    } else {
        return x / 0.0;
    };
    t.copysign(x)
}

// fdlibm's erf/erfc coefficients, as glibc's `sysdeps/ieee754/dbl-64/s_erf.c` has them.
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const ERX: f64 = 8.450_629_115_104_675_292_97e-01;
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const EFX: f64 = 1.283_791_670_955_125_863_16e-01;
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const PP: [f64; 5] = [
    1.283_791_670_955_125_585_61e-01,
    -3.250_421_072_470_014_993_70e-01,
    -2.848_174_957_559_851_047_66e-02,
    -5.770_270_296_489_441_591_57e-03,
    -2.376_301_665_665_016_260_84e-05,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const QQ: [f64; 6] = [
    0.0,
    3.979_172_239_591_553_528_19e-01,
    6.502_224_998_876_729_444_85e-02,
    5.081_306_281_875_765_627_76e-03,
    1.324_947_380_043_216_445_26e-04,
    -3.960_228_278_775_368_123_20e-06,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const PA: [f64; 7] = [
    -2.362_118_560_752_659_440_77e-03,
    4.148_561_186_837_483_316_66e-01,
    -3.722_078_760_357_013_238_47e-01,
    3.183_466_199_011_617_536_74e-01,
    -1.108_946_942_823_966_774_76e-01,
    3.547_830_432_561_823_593_71e-02,
    -2.166_375_594_868_790_843_00e-03,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const QA: [f64; 7] = [
    0.0,
    1.064_208_804_008_442_282_86e-01,
    5.403_979_177_021_710_489_37e-01,
    7.182_865_441_419_626_628_68e-02,
    1.261_712_198_087_616_421_12e-01,
    1.363_708_391_202_905_073_62e-02,
    1.198_449_984_679_910_741_70e-02,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const RA: [f64; 8] = [
    -9.864_944_034_847_148_227_05e-03,
    -6.938_585_727_071_817_643_72e-01,
    -1.055_862_622_532_329_098_14e+01,
    -6.237_533_245_032_600_603_96e+01,
    -1.623_966_694_625_734_703_55e+02,
    -1.846_050_929_067_110_359_94e+02,
    -8.128_743_550_630_659_342_46e+01,
    -9.814_329_344_169_145_485_92e+00,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const SA: [f64; 9] = [
    0.0,
    1.965_127_166_743_925_712_92e+01,
    1.376_577_541_435_190_426_00e+02,
    4.345_658_774_752_292_288_21e+02,
    6.453_872_717_332_678_803_36e+02,
    4.290_081_400_275_678_333_86e+02,
    1.086_350_055_417_794_351_34e+02,
    6.570_249_770_319_281_701_35e+00,
    -6.042_441_521_485_809_874_38e-02,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const RB: [f64; 7] = [
    -9.864_942_924_700_099_285_97e-03,
    -7.992_832_376_805_230_065_74e-01,
    -1.775_795_491_775_475_198_89e+01,
    -1.606_363_848_558_219_160_62e+02,
    -6.375_664_433_683_896_277_22e+02,
    -1.025_095_131_611_077_249_54e+03,
    -4.835_191_916_086_513_970_19e+02,
];
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const SB: [f64; 8] = [
    0.0,
    3.033_806_074_348_245_829_24e+01,
    3.257_925_129_965_739_188_26e+02,
    1.536_729_586_084_436_959_94e+03,
    3.199_858_219_508_595_539_08e+03,
    2.553_050_406_433_164_425_83e+03,
    4.745_285_412_069_553_672_15e+02,
    -2.244_095_244_658_581_833_62e+01,
];

/// `R(x^2)` for |x| < 0.84375, with glibc's evaluation order.
fn erf_small_ratio(z: f64) -> f64 {
    let r1 = PP[0] + z * PP[1];
    let z2 = z * z;
    let r2 = PP[2] + z * PP[3];
    let z4 = z2 * z2;
    let s1 = 1.0 + z * QQ[1];
    let s2 = QQ[2] + z * QQ[3];
    let s3 = QQ[4] + z * QQ[5];
    let r = r1 + z2 * r2 + z4 * PP[4];
    let s = s1 + z2 * s2 + z4 * s3;
    r / s
}

/// `P1(s)/Q1(s)` for 0.84375 <= |x| < 1.25.
fn erf_mid_ratio(s: f64) -> f64 {
    let p1 = PA[0] + s * PA[1];
    let s2 = s * s;
    let q1 = 1.0 + s * QA[1];
    let s4 = s2 * s2;
    let p2 = PA[2] + s * PA[3];
    let s6 = s4 * s2;
    let q2 = QA[2] + s * QA[3];
    let p3 = PA[4] + s * PA[5];
    let q3 = QA[4] + s * QA[5];
    let p = p1 + s2 * p2 + s4 * p3 + s6 * PA[6];
    let q = q1 + s2 * q2 + s4 * q3 + s6 * QA[6];
    p / q
}

/// `exp(-x*x - 0.5625 + R/S) / x` for 1.25 <= x < 28 (x positive); `small` chooses the first rational fit.
fn erfc_tail(x: f64, small: bool) -> f64 {
    let s = 1.0 / (x * x);
    let (r, ss) = if small {
        let r1 = RA[0] + s * RA[1];
        let s2 = s * s;
        let s1 = 1.0 + s * SA[1];
        let s4 = s2 * s2;
        let r2 = RA[2] + s * RA[3];
        let s6 = s4 * s2;
        let s2_ = SA[2] + s * SA[3];
        let s8 = s4 * s4;
        let r3 = RA[4] + s * RA[5];
        let s3 = SA[4] + s * SA[5];
        let r4 = RA[6] + s * RA[7];
        let s4_ = SA[6] + s * SA[7];
        (r1 + s2 * r2 + s4 * r3 + s6 * r4, s1 + s2 * s2_ + s4 * s3 + s6 * s4_ + s8 * SA[8])
    } else {
        let r1 = RB[0] + s * RB[1];
        let s2 = s * s;
        let s1 = 1.0 + s * SB[1];
        let s4 = s2 * s2;
        let r2 = RB[2] + s * RB[3];
        let s6 = s4 * s2;
        let s2_ = SB[2] + s * SB[3];
        let r3 = RB[4] + s * RB[5];
        let s3 = SB[4] + s * SB[5];
        let s4_ = SB[6] + s * SB[7];
        (r1 + s2 * r2 + s4 * r3 + s6 * RB[6], s1 + s2 * s2_ + s4 * s3 + s6 * s4_)
    };
    let z = with_low_word_zero(x);
    let e = (-z * z - 0.5625).exp() * ((z - x) * (z + x) + r / ss).exp();
    e / x
}

/// glibc's (fdlibm) `erf`.
fn erf(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix >= 0x7ff0_0000 {
        let i = ((hx as u32) >> 31) << 1;
        return (1 - i as i32) as f64 + 1.0 / x;
    }
    if ix < 0x3feb_0000 {
        if ix < 0x3e30_0000 {
            if ix < 0x0080_0000 {
                return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
            }
            return x + EFX * x;
        }
        return x + x * erf_small_ratio(x * x);
    }
    if ix < 0x3ff4_0000 {
        let q = erf_mid_ratio(x.abs() - 1.0);
        return if hx >= 0 { ERX + q } else { -ERX - q };
    }
    if ix >= 0x4018_0000 {
        return if hx >= 0 { 1.0 - 1e-300 } else { 1e-300 - 1.0 };
    }
    let r = erfc_tail(x.abs(), ix < 0x4006_DB6E);
    if hx >= 0 {
        1.0 - r
    } else {
        r - 1.0
    }
}

/// glibc's (fdlibm) `erfc`.
fn erfc(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix >= 0x7ff0_0000 {
        return ((((hx as u32) >> 31) << 1) as f64) + 1.0 / x;
    }
    if ix < 0x3feb_0000 {
        if ix < 0x3c70_0000 {
            return 1.0 - x;
        }
        let y = erf_small_ratio(x * x);
        if hx < 0x3fd0_0000 {
            return 1.0 - (x + x * y);
        }
        let mut r = x * y;
        r += x - 0.5;
        return 0.5 - r;
    }
    if ix < 0x3ff4_0000 {
        let q = erf_mid_ratio(x.abs() - 1.0);
        return if hx >= 0 { (1.0 - ERX) - q } else { 1.0 + (ERX + q) };
    }
    if ix < 0x403c_0000 {
        if ix >= 0x4006_DB6D && hx < 0 && ix >= 0x4018_0000 {
            return 2.0 - 1e-300;
        }
        let r = erfc_tail(x.abs(), ix < 0x4006_DB6D);
        return if hx > 0 { r } else { 2.0 - r };
    }
    if hx > 0 {
        0.0
    } else {
        2.0 - 1e-300
    }
}

/// glibc's `cbrt` (a polynomial start and one rational refinement); Rust's `f64::cbrt` rounds differently.
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
fn cbrt_(x: f64) -> f64 {
    const CBRT2: f64 = 1.259_921_049_894_873_164_8;
    const SQR_CBRT2: f64 = 1.587_401_051_968_199_474_8;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = frexp(x.abs());
    let u = 0.354_895_765_043_919_860
        + ((1.508_191_937_815_848_96
            + ((-2.114_994_941_673_712_87
                + ((2.446_931_225_635_344_30
                    + ((-1.834_692_774_836_130_86
                        + (0.784_932_344_976_639_262 - 0.145_263_899_385_486_377 * xm) * xm)
                        * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    ldexp(if x > 0.0 { ym } else { -ym }, (xe / 3) as i64)
}

/// `frexp`: `x = m * 2**e` with 0.5 <= |m| < 1, for finite nonzero x.
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (0x3fe << 52));
    (m, exp - 1022)
}

/// `ldexp(x, n)`, correctly rounded (musl's `scalbn`, which avoids double rounding for subnormal results).
fn ldexp(x: f64, n: i64) -> f64 {
    let mut y = x;
    let mut n = n.clamp(-5000, 5000) as i32;
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000);
    // 2**-1022 * 2**53
    let pm969 = f64::from_bits(0x0360_0000_0000_0000);
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= pm969;
        n += 1022 - 53;
        if n < -1022 {
            y *= pm969;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

/// C's `nextafter`.
fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

// ---------------------------------------------------------------------------------------------------------
// CPython's own algorithms.

const PI: f64 = std::f64::consts::PI;
const LOGPI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)] // digit for digit as in the ported source
const LANCZOS_NUM: [f64; 13] = [
    23_531_376_880.410_759_688_572_007_674_451_636_754_734_846_804_940,
    42_919_803_642.649_098_768_957_899_047_001_988_850_926_355_848_959,
    35_711_959_237.355_668_049_440_185_451_547_166_705_960_488_635_843,
    17_921_034_426.037_209_699_919_755_754_458_931_112_671_403_265_390,
    6_039_542_586.352_028_005_064_291_644_307_297_921_069_938_842_070_8,
    1_439_720_407.311_721_673_663_223_072_794_912_393_971_548_578_677_2,
    248_874_557.862_054_156_511_460_386_413_229_423_216_321_251_278_01,
    31_426_415.585_400_194_380_614_231_628_318_205_362_874_684_987_640,
    2_876_370.628_935_372_441_225_409_051_620_849_613_599_114_537_876_8,
    186_056.265_395_223_495_040_294_989_716_045_699_282_207_842_363_28,
    8_071.672_002_365_816_210_638_002_902_272_250_613_821_851_632_502_4,
    210.824_277_751_579_345_872_509_733_920_713_362_711_669_695_802_91,
    2.506_628_274_631_000_270_164_908_177_133_837_338_626_431_079_340_8,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39_916_800.0,
    120_543_840.0,
    150_917_976.0,
    105_258_076.0,
    45_995_730.0,
    13_339_535.0,
    2_637_558.0,
    357_423.0,
    32_670.0,
    1_925.0,
    66.0,
    1.0,
];
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362_880.0,
    3_628_800.0,
    39_916_800.0,
    479_001_600.0,
    6_227_020_800.0,
    87_178_291_200.0,
    1_307_674_368_000.0,
    20_922_789_888_000.0,
    355_687_428_096_000.0,
    6_402_373_705_728_000.0,
    121_645_100_408_832_000.0,
    2_432_902_008_176_640_000.0,
    51_090_942_171_709_440_000.0,
    1_124_000_727_777_607_680_000.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi*x)`, accurate near integers (CPython's `m_sinpi`).
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// CPython's `m_tgamma` (Lanczos approximation with reflection).
fn tgamma(x: f64) -> (f64, Option<MathErr>) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, None);
        }
        return (f64::NAN, Some(MathErr::Domain));
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Some(MathErr::Domain));
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Some(MathErr::Domain));
        }
        if x <= 23.0 {
            return (GAMMA_INTEGRAL[x as usize - 1], None);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (r, r.is_infinite().then_some(MathErr::Range));
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / sinpi(x), None);
        }
        return (f64::INFINITY, Some(MathErr::Range));
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let mut z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (r, r.is_infinite().then_some(MathErr::Range))
}

/// CPython's `m_lgamma`.
fn lgamma(x: f64) -> (f64, Option<MathErr>) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, None);
        }
        return (f64::INFINITY, None);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Some(MathErr::Domain));
        }
        return (0.0, None);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-absx.ln(), None);
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOGPI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    (r, r.is_infinite().then_some(MathErr::Range))
}

/// CPython's `m_atan2`: special values first, then libm.
fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() { (0.25 * PI).copysign(y) } else { (0.75 * PI).copysign(y) };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() { 0.0f64.copysign(y) } else { PI.copysign(y) };
    }
    y.atan2(x)
}

/// CPython's `m_remainder`: IEEE 754 remainder, exact.
fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// A double-length value `hi + lo` (Ogita, Rump and Oishi's algorithms, as CPython uses them).
#[derive(Clone, Copy)]
struct DoubleLength {
    hi: f64,
    lo: f64,
}

fn dl_fast_sum(a: f64, b: f64) -> DoubleLength {
    let x = a + b;
    let y = (a - x) + b;
    DoubleLength { hi: x, lo: y }
}

fn dl_sum(a: f64, b: f64) -> DoubleLength {
    let x = a + b;
    let z = x - a;
    let y = (a - (x - z)) + (b - z);
    DoubleLength { hi: x, lo: y }
}

fn dl_mul(x: f64, y: f64) -> DoubleLength {
    let z = x * y;
    let zz = x.mul_add(y, -z);
    DoubleLength { hi: z, lo: zz }
}

#[derive(Clone, Copy)]
struct TripleLength {
    hi: f64,
    lo: f64,
    tiny: f64,
}

const TL_ZERO: TripleLength = TripleLength { hi: 0.0, lo: 0.0, tiny: 0.0 };

fn tl_fma(x: f64, y: f64, total: TripleLength) -> TripleLength {
    let pr = dl_mul(x, y);
    let sm = dl_sum(total.hi, pr.hi);
    let r1 = dl_sum(total.lo, pr.lo);
    let r2 = dl_sum(r1.hi, sm.lo);
    TripleLength { hi: sm.hi, lo: r2.hi, tiny: total.tiny + r1.lo + r2.lo }
}

fn tl_to_d(total: TripleLength) -> f64 {
    let last = dl_sum(total.lo, total.hi);
    total.tiny + last.lo + last.hi
}

/// CPython's `vector_norm`: the Euclidean norm with scaling, exact squaring, compensated summation and a
/// corrected square root. `max` is the largest `abs` of the items.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -(max_e as i64));
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let x = x * scale;
        let pr = dl_mul(x, x);
        let sm = dl_fast_sum(csum, pr.hi);
        csum = sm.hi;
        frac1 += pr.lo;
        frac2 += sm.lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = dl_mul(-h, h);
    let sm = dl_fast_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// CPython's `ASSIGN_DOUBLE`: exact ints convert directly (with OverflowError), the rest by `float_arg`.
fn assign_double(v: &Value) -> PyResult<f64> {
    float_arg(v)
}

/// The exact, correctly rounded sum of the partials (Shewchuk/Hettinger `msum`, with Dickinson's final
/// rounding), as `math.fsum` computes it. Errors are the two CPython raises.
fn fsum_values<I: Iterator<Item = PyResult<f64>>>(items: I) -> PyResult<f64> {
    let mut p: Vec<f64> = Vec::with_capacity(32);
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for item in items {
        let mut x = item?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // Either an intermediate overflow or an inf/nan among the summands.
                if xsave.is_finite() {
                    return Err(overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut n = p.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        // Sum from the top, stopping when the sum becomes inexact.
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across partials: sum([1e-16, 1, 1e16]) rounds up.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

// ---------------------------------------------------------------------------------------------------------
// Integer helpers.

/// The exact value of an int argument after `__index__`.
fn index_big(v: &Value) -> PyResult<BigInt> {
    let i = ops::number::index(v)?;
    Ok(int::to_bigint(&i).unwrap_or_default())
}

/// The integer square root, by CPython's adaptive-precision Newton iteration (exact for every size).
fn isqrt_big(n: &BigUint) -> BigUint {
    if n.is_zero() {
        return BigUint::zero();
    }
    let c = (n.bits() - 1) / 2;
    let mut a = BigUint::one();
    let mut d: u64 = 0;
    let c_bits = 64 - c.leading_zeros() as u64;
    for s in (0..c_bits).rev() {
        // Invariant: (a-1)**2 < (n >> 2*(c - d)) < (a+1)**2.
        let e = d;
        d = c >> s;
        let q = (n >> (2 * c - e - d + 1) as usize) / &a;
        a = (a << (d - e - 1) as usize) + q;
    }
    if &a * &a > *n {
        a - 1u32
    } else {
        a
    }
}

/// The product of the `count` consecutive integers from `lo` upward, by binary splitting so that big
/// products multiply numbers of similar size.
fn range_product(lo: &BigInt, count: u64) -> BigInt {
    if count == 0 {
        return BigInt::one();
    }
    if count <= 16 {
        let mut r = lo.clone();
        let mut x = lo.clone();
        for _ in 1..count {
            x += 1u32;
            r *= &x;
        }
        return r;
    }
    let half = count / 2;
    range_product(lo, half) * range_product(&(lo + BigInt::from(half)), count - half)
}

fn factorial_u64(n: u64) -> BigInt {
    if n < 2 {
        return BigInt::one();
    }
    range_product(&BigInt::from(2u32), n - 1)
}

/// `perm(n, k)` or `comb(n, k)` for `0 <= k <= n`.
fn perm_comb(n: &BigInt, k: u64, comb: bool) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    let p = range_product(&(n - BigInt::from(k) + 1u32), k);
    if comb {
        p / factorial_u64(k)
    } else {
        p
    }
}

// ---------------------------------------------------------------------------------------------------------
// The module's functions.

macro_rules! unary {
    ($($name:ident => $f:expr, $over:expr;)*) => {$(
        fn $name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let x = one(stringify!($name), args, kwargs)?;
            math_1(x, $f, $over)
        }
    )*};
}

unary! {
    acos => f64::acos, false;
    acosh_ => acosh, false;
    asin => f64::asin, false;
    asinh_ => asinh, false;
    atan => f64::atan, false;
    atanh_ => atanh, false;
    cbrt => cbrt_, false;
    cos => f64::cos, false;
    cosh => f64::cosh, true;
    exp => f64::exp, true;
    exp2 => f64::exp2, true;
    expm1 => f64::exp_m1, true;
    fabs => f64::abs, false;
    log1p => |x: f64| if x == 0.0 { x } else { x.ln_1p() }, false;
    sin => f64::sin, false;
    sinh => f64::sinh, true;
    sqrt => f64::sqrt, false;
    tan => f64::tan, false;
    tanh => f64::tanh, false;
}

fn erf_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_1a(one("erf", args, kwargs)?, |x| (erf(x), None))
}

fn erfc_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_1a(one("erfc", args, kwargs)?, |x| (erfc(x), None))
}

fn gamma(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_1a(one("gamma", args, kwargs)?, tgamma)
}

fn lgamma_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_1a(one("lgamma", args, kwargs)?, lgamma)
}

fn atan2_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_2("atan2", args, kwargs, atan2)
}

fn copysign(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_2("copysign", args, kwargs, f64::copysign)
}

fn remainder_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    math_2("remainder", args, kwargs, remainder)
}

fn fmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("fmod", args, kwargs, 2, 2)?;
    let x = float_arg(&a[0])?;
    let y = float_arg(&a[1])?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(Value::Float(r))
}

/// Calls `x.<name>()` looked up on the type, if the type has it.
fn special(v: &Value, name: &str) -> PyResult<Option<Value>> {
    match type_::lookup(v.ty(), name) {
        Some(f) => Ok(Some(ops::call::call_with_self(&f, v, &[], &[])?)),
        None => Ok(None),
    }
}

/// Whether `v` is an int whose own type is a built-in one (int or bool), so no user `__floor__` can apply.
fn builtin_int(v: &Value) -> bool {
    int::is_int(v) && !type_::type_obj(v.ty()).heap
}

fn floor(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one("floor", args, kwargs)?;
    if let Value::Float(f) = x {
        return float::float_to_int(f.floor());
    }
    if builtin_int(x) {
        return Ok(int::plain(x));
    }
    if let Some(r) = special(x, "__floor__")? {
        return Ok(r);
    }
    float::float_to_int(float_arg(x)?.floor())
}

fn ceil(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one("ceil", args, kwargs)?;
    if let Value::Float(f) = x {
        return float::float_to_int(f.ceil());
    }
    if builtin_int(x) {
        return Ok(int::plain(x));
    }
    if let Some(r) = special(x, "__ceil__")? {
        return Ok(r);
    }
    float::float_to_int(float_arg(x)?.ceil())
}

fn trunc(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one("trunc", args, kwargs)?;
    if let Value::Float(f) = x {
        return float::float_to_int(*f);
    }
    if builtin_int(x) {
        return Ok(int::plain(x));
    }
    match special(x, "__trunc__")? {
        Some(r) => Ok(r),
        None => Err(type_error(format!("type {} doesn't define __trunc__ method", x.type_name()))),
    }
}

fn frexp_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = float_arg(one("frexp", args, kwargs)?)?;
    let (m, e) = frexp(x);
    Ok(tuple::new_tuple_array([Value::Float(m), Value::Int(e as i64)]))
}

fn ldexp_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("ldexp", args, kwargs, 2, 2)?;
    let x = float_arg(&a[0])?;
    if !int::is_int(&a[1]) {
        return Err(type_error("Expected an int as second argument to ldexp."));
    }
    // An exponent beyond the i64 range behaves as the extreme of that range, as in CPython.
    let exp = int::as_i64(&a[1]).unwrap_or_else(|| {
        if int::to_bigint(&a[1]).is_some_and(|b| b.is_negative()) {
            i64::MIN
        } else {
            i64::MAX
        }
    });
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if exp > i32::MAX as i64 {
        return Err(range_error());
    } else if exp < i32::MIN as i64 {
        0.0f64.copysign(x)
    } else {
        let r = ldexp(x, exp);
        if r.is_infinite() {
            return Err(range_error());
        }
        r
    };
    Ok(Value::Float(r))
}

fn modf(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = float_arg(one("modf", args, kwargs)?)?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(tuple::new_tuple_array([Value::Float(f), Value::Float(i)]))
}

/// CPython's `loghelper`: ints of any size are handled exactly enough (`log(m) + log(2) * e` beyond the float
/// range); everything else goes through `math_1`.
fn loghelper(arg: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if int::is_int(arg) {
        let b = int::to_bigint(arg).unwrap_or_default();
        if !b.is_positive() {
            return Err(domain_error());
        }
        return Ok(match int::bigint_to_f64(&b) {
            Ok(x) => f(x),
            Err(_) => {
                let (x, e) = big_frexp(b.magnitude());
                f(x) + f(2.0) * e as f64
            }
        });
    }
    match math_1(arg, f, false)? {
        Value::Float(r) => Ok(r),
        _ => unreachable!("math_1 returns a float"),
    }
}

/// `_PyLong_Frexp`: `n ~= x * 2**e` with 0.5 <= x < 1, x correctly rounded.
fn big_frexp(n: &BigUint) -> (f64, u64) {
    let bits = n.bits();
    // Keep 55 bits; fold everything below into a sticky bit so the conversion rounds correctly.
    let shift = bits.saturating_sub(55);
    let mut top = (n >> shift as usize).to_u64().unwrap_or(0);
    if shift > 0 && n.trailing_zeros().unwrap_or(0) < shift {
        top |= 1;
    }
    let x = top as f64 / (1u64 << (bits - shift)) as f64;
    if x == 1.0 {
        (0.5, bits + 1)
    } else {
        (x, bits)
    }
}

fn log(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("log", args, kwargs, 1, 2)?;
    let num = loghelper(&a[0], f64::ln)?;
    if a.len() == 1 {
        return Ok(Value::Float(num));
    }
    let den = loghelper(&a[1], f64::ln)?;
    ops::number::truediv(&Value::Float(num), &Value::Float(den))
}

fn log2(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Float(loghelper(one("log2", args, kwargs)?, f64::log2)?))
}

fn log10(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Float(loghelper(one("log10", args, kwargs)?, f64::log10)?))
}

fn pow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("pow", args, kwargs, 2, 2)?;
    let x = float_arg(&a[0])?;
    let y = float_arg(&a[1])?;
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        }
    } else {
        let r = x.powf(y);
        if r.is_nan() {
            return Err(domain_error());
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain_error() } else { range_error() });
        }
        r
    };
    Ok(Value::Float(r))
}

fn degrees(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = float_arg(one("degrees", args, kwargs)?)?;
    Ok(Value::Float(x * (180.0 / PI)))
}

fn radians(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = float_arg(one("radians", args, kwargs)?)?;
    Ok(Value::Float(x * (PI / 180.0)))
}

fn isfinite(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(float_arg(one("isfinite", args, kwargs)?)?.is_finite()))
}

fn isinf(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(float_arg(one("isinf", args, kwargs)?)?.is_infinite()))
}

fn isnan(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(float_arg(one("isnan", args, kwargs)?)?.is_nan()))
}

fn isclose(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = int::clinic("isclose", args, kwargs, &["a", "b", "rel_tol", "abs_tol"], 2, 2)?;
    let x = float_arg(a[0].as_ref().expect("required"))?;
    let y = float_arg(a[1].as_ref().expect("required"))?;
    let rel_tol = match &a[2] {
        Some(v) => float_arg(v)?,
        None => 1e-09,
    };
    let abs_tol = match &a[3] {
        Some(v) => float_arg(v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(diff <= (rel_tol * y).abs() || diff <= (rel_tol * x).abs() || diff <= abs_tol))
}

fn fsum(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let seq = one("fsum", args, kwargs)?;
    let it = ops::iter::iter(seq)?;
    let items = std::iter::from_fn(|| match ops::iter::next(&it) {
        Ok(Some(v)) => Some(assign_double(&v)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    });
    Ok(Value::Float(fsum_values(items)?))
}

fn hypot(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("hypot() takes no keyword arguments"));
    }
    let mut coords = Vec::with_capacity(args.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for a in args {
        let x = assign_double(a)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Value::Float(vector_norm(&mut coords, max, found_nan)))
}

fn dist(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("dist", args, kwargs, 2, 2)?;
    let p = point(&a[0])?;
    let q = point(&a[1])?;
    if p.len() != q.len() {
        return Err(value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (px, qx) in p.iter().zip(&q) {
        let x = (assign_double(px)? - assign_double(qx)?).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Value::Float(vector_norm(&mut diffs, max, found_nan)))
}

/// A point's coordinates: a tuple as it is, anything else through `tuple()`.
fn point(v: &Value) -> PyResult<Vec<Value>> {
    match v.as_tuple() {
        Some(t) => Ok(t.to_vec()),
        None => ops::iter::collect(v),
    }
}

/// Whether the value is exactly `int` (not bool, not a subclass).
fn exact_int(v: &Value) -> bool {
    match v {
        Value::Int(_) => true,
        Value::Obj(o) => o.ty().ptr_eq(&crate::builtins::types().int),
        _ => false,
    }
}

/// `_check_long_mult_overflow`, as a checked multiply.
fn mul_fits(a: i64, b: i64) -> Option<i64> {
    a.checked_mul(b)
}

fn prod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(type_error(format!("prod() takes exactly 1 positional argument ({} given)", args.len())));
    }
    let mut start = None;
    for (k, v) in kwargs {
        match k.as_str() {
            Some("start") => start = Some(v.clone()),
            Some(name) => return Err(type_error(format!("'{name}' is an invalid keyword argument for prod()"))),
            None => return Err(type_error("keywords must be strings")),
        }
    }
    let it = ops::iter::iter(&args[0])?;
    let mut result = start.unwrap_or(Value::Int(1));
    // Fast paths keeping the running product native while the items are plain ints or floats; they fall back
    // to the generic multiplication exactly where CPython's do, so results and errors match.
    if let (true, Value::Int(mut acc)) = (exact_int(&result), result.clone()) {
        loop {
            let Some(item) = ops::iter::next(&it)? else { return Ok(Value::Int(acc)) };
            if let Value::Int(b) = item {
                if let Some(x) = mul_fits(acc, b) {
                    acc = x;
                    continue;
                }
            }
            result = ops::number::mul(&Value::Int(acc), &item)?;
            break;
        }
    }
    if let Value::Float(mut acc) = result {
        loop {
            let Some(item) = ops::iter::next(&it)? else { return Ok(Value::Float(acc)) };
            match item {
                Value::Float(f) => {
                    acc *= f;
                    continue;
                }
                Value::Int(i) => {
                    acc *= i as f64;
                    continue;
                }
                _ => {}
            }
            result = ops::number::mul(&Value::Float(acc), &item)?;
            break;
        }
    }
    while let Some(item) = ops::iter::next(&it)? {
        result = ops::number::mul(&result, &item)?;
    }
    Ok(result)
}

fn sumprod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("sumprod", args, kwargs, 2, 2)?;
    let p_it = ops::iter::iter(&a[0])?;
    let q_it = ops::iter::iter(&a[1])?;
    let mut total = Value::Int(0);
    let (mut int_path, mut int_in_use, mut int_total) = (true, false, 0i64);
    let (mut flt_path, mut flt_in_use, mut flt_total) = (true, false, TL_ZERO);
    loop {
        let p_i = ops::iter::next(&p_it)?;
        let q_i = ops::iter::next(&q_it)?;
        if p_i.is_some() != q_i.is_some() {
            return Err(value_error("Inputs are not the same length"));
        }
        let finished = p_i.is_none();
        if int_path {
            if let (Some(Value::Int(x)), Some(Value::Int(y))) = (&p_i, &q_i) {
                if let Some(t) = x.checked_mul(*y).and_then(|prod| int_total.checked_add(prod)) {
                    int_total = t;
                    int_in_use = true;
                    continue;
                }
            }
            int_path = false;
            if int_in_use {
                total = ops::number::add(&total, &Value::Int(int_total))?;
                int_in_use = false;
            }
        }
        if flt_path {
            if let (Some(pv), Some(qv)) = (&p_i, &q_i) {
                let pair = match (pv, qv) {
                    (Value::Float(x), Value::Float(y)) => Some((*x, *y)),
                    (Value::Float(x), y) if exact_int(y) || matches!(y, Value::Bool(_)) => {
                        int::int_to_f64(y).ok().map(|y| (*x, y))
                    }
                    (x, Value::Float(y)) if exact_int(x) || matches!(x, Value::Bool(_)) => {
                        int::int_to_f64(x).ok().map(|x| (x, *y))
                    }
                    _ => None,
                };
                if let Some((x, y)) = pair {
                    let new_total = tl_fma(x, y, flt_total);
                    if new_total.hi.is_finite() {
                        flt_total = new_total;
                        flt_in_use = true;
                        continue;
                    }
                }
            }
            flt_path = false;
            if flt_in_use {
                total = ops::number::add(&total, &Value::Float(tl_to_d(flt_total)))?;
                flt_in_use = false;
            }
        }
        let (Some(pv), Some(qv)) = (p_i, q_i) else { return Ok(total) };
        if finished {
            return Ok(total);
        }
        let term = ops::number::mul(&pv, &qv)?;
        total = ops::number::add(&total, &term)?;
    }
}

fn gcd(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("gcd() takes no keyword arguments"));
    }
    let mut res = BigInt::zero();
    for (i, a) in args.iter().enumerate() {
        let x = index_big(a)?;
        if i == 0 {
            res = x.abs();
        } else if !res.is_one() {
            res = res.gcd(&x);
        }
    }
    Ok(int::from_bigint(res))
}

fn lcm(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("lcm() takes no keyword arguments"));
    }
    let mut res = BigInt::one();
    for (i, a) in args.iter().enumerate() {
        let x = index_big(a)?;
        if i == 0 {
            res = x.abs();
        } else if !res.is_zero() {
            res = if x.is_zero() { BigInt::zero() } else { (&res / res.gcd(&x) * &x).abs() };
        }
    }
    Ok(int::from_bigint(res))
}

fn isqrt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let n = index_big(one("isqrt", args, kwargs)?)?;
    if n.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(int::from_bigint(BigInt::from_biguint(Sign::Plus, isqrt_big(n.magnitude()))))
}

fn factorial_value(v: &Value) -> PyResult<Value> {
    // `PyLong_AsLongAndOverflow`: `__index__`, then the range checks.
    let n = index_big(v)?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        return Err(overflow_error(format!("factorial() argument should not exceed {}", i64::MAX)));
    };
    Ok(int::from_bigint(factorial_u64(n as u64)))
}

fn factorial(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    factorial_value(one("factorial", args, kwargs)?)
}

fn comb(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("comb", args, kwargs, 2, 2)?;
    let n = index_big(&a[0])?;
    let k = index_big(&a[1])?;
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let other = &n - &k;
    let k = if other < k { other } else { k };
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    Ok(int::from_bigint(perm_comb(&n, k, true)))
}

fn perm(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("perm", args, kwargs, 1, 2)?;
    if a.len() == 1 || a[1].is_none() {
        return factorial_value(&a[0]);
    }
    let n = index_big(&a[0])?;
    let k = index_big(&a[1])?;
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer"));
    }
    if n < k {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(overflow_error(format!("k must not exceed {}", i64::MAX)));
    };
    Ok(int::from_bigint(perm_comb(&n, k, false)))
}

fn nextafter_(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = int::clinic("nextafter", args, kwargs, &["x", "y", "steps"], 2, 2)?;
    // `x` and `y` are positional-only in CPython.
    if kwargs.iter().any(|(k, _)| matches!(k.as_str(), Some("x") | Some("y"))) {
        let k = kwargs.iter().find_map(|(k, _)| k.as_str().filter(|k| *k == "x" || *k == "y")).unwrap_or("x");
        return Err(type_error(format!(
            "nextafter() got some positional-only arguments passed as keyword arguments: '{k}'"
        )));
    }
    let x = float_arg(a[0].as_ref().expect("required"))?;
    let y = float_arg(a[1].as_ref().expect("required"))?;
    let steps = match &a[2] {
        None => return Ok(Value::Float(nextafter(x, y))),
        Some(s) if s.is_none() => return Ok(Value::Float(nextafter(x, y))),
        Some(s) => index_big(s)?,
    };
    if steps.is_negative() {
        return Err(value_error("steps must be a non-negative integer"));
    }
    let usteps = steps.to_u64().unwrap_or(u64::MAX);
    if usteps == 0 || x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(y));
    }
    let (ux, uy) = (x.to_bits(), y.to_bits());
    if ux == uy {
        return Ok(Value::Float(x));
    }
    const SIGN: u64 = 1 << 63;
    let ax = ux & !SIGN;
    let ay = uy & !SIGN;
    let r = if (ux ^ uy) & SIGN != 0 {
        if ax + ay <= usteps {
            f64::from_bits(uy)
        } else if ax < usteps {
            f64::from_bits((uy & SIGN) | (usteps - ax))
        } else {
            f64::from_bits(ux - usteps)
        }
    } else if ax > ay {
        if ax - ay >= usteps {
            f64::from_bits(ux - usteps)
        } else {
            f64::from_bits(uy)
        }
    } else if ay - ax >= usteps {
        f64::from_bits(ux + usteps)
    } else {
        f64::from_bits(uy)
    };
    Ok(Value::Float(r))
}

fn ulp(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = float_arg(one("ulp", args, kwargs)?)?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let x2 = nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(Value::Float(x - nextafter(x, f64::NEG_INFINITY)));
    }
    Ok(Value::Float(x2 - x))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("acos", acos),
    ("acosh", acosh_),
    ("asin", asin),
    ("asinh", asinh_),
    ("atan", atan),
    ("atan2", atan2_),
    ("atanh", atanh_),
    ("cbrt", cbrt),
    ("ceil", ceil),
    ("comb", comb),
    ("copysign", copysign),
    ("cos", cos),
    ("cosh", cosh),
    ("degrees", degrees),
    ("dist", dist),
    ("erf", erf_),
    ("erfc", erfc_),
    ("exp", exp),
    ("exp2", exp2),
    ("expm1", expm1),
    ("fabs", fabs),
    ("factorial", factorial),
    ("floor", floor),
    ("fmod", fmod),
    ("frexp", frexp_),
    ("fsum", fsum),
    ("gamma", gamma),
    ("gcd", gcd),
    ("hypot", hypot),
    ("isclose", isclose),
    ("isfinite", isfinite),
    ("isinf", isinf),
    ("isnan", isnan),
    ("isqrt", isqrt),
    ("lcm", lcm),
    ("ldexp", ldexp_),
    ("lgamma", lgamma_),
    ("log", log),
    ("log10", log10),
    ("log1p", log1p),
    ("log2", log2),
    ("modf", modf),
    ("nextafter", nextafter_),
    ("perm", perm),
    ("pow", pow),
    ("prod", prod),
    ("radians", radians),
    ("remainder", remainder_),
    ("sin", sin),
    ("sinh", sinh),
    ("sqrt", sqrt),
    ("sumprod", sumprod),
    ("tan", tan),
    ("tanh", tanh),
    ("trunc", trunc),
    ("ulp", ulp),
];

static MATH: OnceLock<ObjRef> = OnceLock::new();

/// The `math` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(MATH
        .get_or_init(|| {
            let m = module::new_module("math").make_immortal();
            let d = module::module_dict(&m);
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            dict::set_str(d, "pi", Value::Float(PI));
            dict::set_str(d, "e", Value::Float(std::f64::consts::E));
            dict::set_str(d, "tau", Value::Float(std::f64::consts::TAU));
            dict::set_str(d, "inf", Value::Float(f64::INFINITY));
            dict::set_str(d, "nan", Value::Float(f64::NAN));
            m
        })
        .clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fsum(xs: &[f64]) -> f64 {
        fsum_values(xs.iter().map(|x| Ok(*x))).expect("finite sum")
    }

    #[test]
    fn fsum_is_exact_and_correctly_rounded() {
        assert_eq!(fsum(&[0.1; 10]), 1.0);
        assert_eq!(fsum(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), 1e-100);
        // Half-even rounding across partials: 1e16 + 1 + 1e-16 rounds up to ...02.
        assert_eq!(fsum(&[1e-16, 1.0, 1e16]), 10000000000000002.0);
        assert_eq!(fsum(&[2.0f64.powi(53), 1.0, -(2.0f64.powi(-60))]), 2.0f64.powi(53));
        assert_eq!(fsum(&[2.0f64.powi(53), 1.0, 2.0f64.powi(-60)]), 2.0f64.powi(53) + 2.0);
        assert_eq!(fsum(&[]), 0.0);
        assert!(fsum_values([f64::INFINITY, f64::NEG_INFINITY].iter().map(|x| Ok(*x))).is_err());
        assert!(fsum_values([1e308, 1e308].iter().map(|x| Ok(*x))).is_err());
    }

    #[test]
    fn isqrt_matches_floor_sqrt() {
        for n in 0u64..2000 {
            let r = isqrt_big(&BigUint::from(n)).to_u64().expect("small");
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "isqrt({n}) = {r}");
        }
        let big: BigUint = BigUint::from(10u32).pow(200) + 12345u32;
        let r = isqrt_big(&big);
        assert!(&r * &r <= big && (&r + 1u32) * (&r + 1u32) > big);
        assert_eq!(r, big.sqrt());
        let sq = BigUint::from(3u32).pow(301);
        let sq = &sq * &sq;
        assert_eq!(isqrt_big(&sq), BigUint::from(3u32).pow(301));
        assert_eq!(isqrt_big(&(sq - 1u32)), BigUint::from(3u32).pow(301) - 1u32);
    }

    #[test]
    fn comb_and_perm_are_exact() {
        let c = |n: u64, k: u64| perm_comb(&BigInt::from(n), k, true);
        assert_eq!(c(10, 3), BigInt::from(120));
        assert_eq!(c(52, 5), BigInt::from(2_598_960));
        assert_eq!(c(100, 50).to_string(), "100891344545564193334812497256");
        assert_eq!(perm_comb(&BigInt::from(10u32), 3, false), BigInt::from(720));
        // Pascal's rule on a large row.
        let n = 300u64;
        for k in 1..n {
            assert_eq!(c(n, k), c(n - 1, k - 1) + c(n - 1, k));
        }
        assert_eq!(factorial_u64(25).to_string(), "15511210043330985984000000");
    }

    #[test]
    fn frexp_ldexp_round_trip() {
        for x in [1.0, 0.1, -3.5, 1e-310, 5e-324, f64::MAX, f64::MIN_POSITIVE] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}");
            assert_eq!(ldexp(m, e as i64), x);
        }
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(1.5, -1074), 2.0 * 5e-324);
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
    }

    #[test]
    fn big_frexp_rounds_to_nearest_even() {
        let n = (BigUint::one() << 2000usize) + (BigUint::one() << 1947usize);
        // Exactly halfway between two floats at 53 bits: ties to even (down).
        assert_eq!(big_frexp(&n), (0.5, 2001));
        let n = n + 1u32;
        let (x, e) = big_frexp(&n);
        assert_eq!(e, 2001);
        assert_eq!(x, 0.5 + 2.0f64.powi(-53));
    }
}
