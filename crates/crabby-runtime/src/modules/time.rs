//! `time`: clocks, sleeping, and conversions between timestamps and broken-down time (`struct_time`), as
//! CPython 3.12's `Modules/timemodule.c` provides them on Linux with glibc.
//!
//! The runtime may not call the C library (no `unsafe`), so the local time zone is computed here: the zone
//! named by `TZ` (a POSIX rule such as `EST5EDT,M3.2.0,M11.1.0`, or a zoneinfo name), else `/etc/localtime`,
//! read from the TZif files as glibc reads them, falling back to UTC. `tzset()` re-reads `TZ`.
//! Broken-down time follows glibc: `gmtime` names its zone "GMT", `mktime` normalises out-of-range fields and
//! honours `tm_isdst` the way glibc does, and `strftime` implements glibc's C-locale directives and flags.
//!
//! Clocks: `time()` is the system clock. `monotonic()`/`perf_counter()` count from the boot time read once
//! from `/proc/uptime` plus a monotonic `Instant`. NOTE: CPython reads `CLOCK_MONOTONIC`; crabby's origin is
//! the boot time as `/proc/uptime` reports it (`CLOCK_BOOTTIME`), so values differ by suspended time.
//! `process_time()` and `thread_time()` read the kernel's CPU-time accounting in `/proc` (nanoseconds).
//! `sleep()` holds no lock: there is no GIL to release.
//!
//! NOTE: `pthread_getcpuclockid` is not provided (a thread's CPU clock id needs the C library).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use num_bigint::BigInt;
use parking_lot::RwLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::{add_methods, dict, float, int, module, type_};
use crate::error::{overflow_error, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// Civil calendar arithmetic (proleptic Gregorian, any year).

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// A broken-down time, as C's `struct tm` (month 1-12, Monday = 0, day of year from 1).
#[derive(Clone, Debug, PartialEq)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: i64,
    yday: i64,
    isdst: i64,
    zone: Option<String>,
    gmtoff: Option<i64>,
}

/// The broken-down time of `t` seconds after the epoch shifted by `offset` seconds.
fn breakdown(t: i64, offset: i64) -> Tm {
    let local = t + offset;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, mon, mday) = civil_from_days(days);
    Tm {
        year,
        mon,
        mday,
        hour: secs / 3600,
        min: secs % 3600 / 60,
        sec: secs % 60,
        wday: (days + 3).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1) + 1,
        isdst: 0,
        zone: None,
        gmtoff: None,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Time zones.

/// One local time type: offset east of UTC, whether it is daylight saving time, its abbreviation.
#[derive(Clone, Debug)]
struct LocalType {
    utoff: i64,
    isdst: bool,
    abbr: String,
}

/// When a POSIX rule's daylight saving time starts or ends in a year.
#[derive(Clone, Copy, Debug)]
enum RuleDay {
    /// `Jn`: day 1-365, February 29 never counted.
    Julian1(i64),
    /// `n`: day 0-365, leap days counted.
    Julian0(i64),
    /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    Month(i64, i64, i64),
}

#[derive(Clone, Debug)]
struct DstRule {
    dst: LocalType,
    start: (RuleDay, i64),
    end: (RuleDay, i64),
}

/// A POSIX `TZ` rule: a standard type and optionally a daylight saving type with its yearly rule.
#[derive(Clone, Debug)]
struct Posix {
    std: LocalType,
    dst: Option<DstRule>,
}

#[derive(Clone, Debug)]
enum Zone {
    Posix(Posix),
    /// A TZif file: transition times, the type after each, the types, and the rule for later times.
    Tzif {
        times: Vec<i64>,
        idx: Vec<usize>,
        types: Vec<LocalType>,
        footer: Option<Posix>,
    },
}

fn utc_zone(name: &str) -> Zone {
    Zone::Posix(Posix { std: LocalType { utoff: 0, isdst: false, abbr: name.to_string() }, dst: None })
}

/// Parses a POSIX `TZ` value (`std offset [dst [offset] [,start[/time],end[/time]]]`).
fn parse_posix(s: &str) -> Option<Posix> {
    let b = s.as_bytes();
    let mut i = 0;
    let name = |i: &mut usize| -> Option<String> {
        if *i < b.len() && b[*i] == b'<' {
            let end = s[*i..].find('>')? + *i;
            let n = s[*i + 1..end].to_string();
            *i = end + 1;
            return Some(n);
        }
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_alphabetic() {
            *i += 1;
        }
        (*i - start >= 3).then(|| s[start..*i].to_string())
    };
    // `[+-]hh[:mm[:ss]]` as seconds.
    let hms = |i: &mut usize| -> Option<i64> {
        let mut sign = 1;
        if *i < b.len() && (b[*i] == b'+' || b[*i] == b'-') {
            sign = if b[*i] == b'-' { -1 } else { 1 };
            *i += 1;
        }
        let mut total = 0;
        for (k, unit) in [3600, 60, 1].iter().enumerate() {
            if k > 0 {
                if *i < b.len() && b[*i] == b':' {
                    *i += 1;
                } else {
                    break;
                }
            }
            let start = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            if start == *i {
                return None;
            }
            total += s[start..*i].parse::<i64>().ok()? * unit;
        }
        Some(sign * total)
    };
    let std_abbr = name(&mut i)?;
    // POSIX offsets are west of UTC; types store east.
    let std_off = -hms(&mut i)?;
    let std = LocalType { utoff: std_off, isdst: false, abbr: std_abbr };
    if i == b.len() {
        return Some(Posix { std, dst: None });
    }
    let dst_abbr = name(&mut i)?;
    let dst_off = if i < b.len() && b[i] != b',' { -hms(&mut i)? } else { std_off + 3600 };
    let dst = LocalType { utoff: dst_off, isdst: true, abbr: dst_abbr };
    let rule = |i: &mut usize| -> Option<(RuleDay, i64)> {
        let day = if *i < b.len() && b[*i] == b'M' {
            *i += 1;
            let rest = &s[*i..];
            let end = rest.find(|c: char| c != '.' && !c.is_ascii_digit()).unwrap_or(rest.len());
            let parts: Vec<i64> = rest[..end].split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
            *i += end;
            match parts[..] {
                [m, w, d] => RuleDay::Month(m, w, d),
                _ => return None,
            }
        } else {
            let julian1 = *i < b.len() && b[*i] == b'J';
            if julian1 {
                *i += 1;
            }
            let start = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            let n = s[start..*i].parse().ok()?;
            if julian1 {
                RuleDay::Julian1(n)
            } else {
                RuleDay::Julian0(n)
            }
        };
        let time = if *i < b.len() && b[*i] == b'/' {
            *i += 1;
            hms(i)?
        } else {
            7200
        };
        Some((day, time))
    };
    let (start, end) = if i < b.len() && b[i] == b',' {
        i += 1;
        let start = rule(&mut i)?;
        if i >= b.len() || b[i] != b',' {
            return None;
        }
        i += 1;
        (start, rule(&mut i)?)
    } else {
        // glibc's default when a zone names DST without rules: the US rules.
        ((RuleDay::Month(3, 2, 0), 7200), (RuleDay::Month(11, 1, 0), 7200))
    };
    Some(Posix { std, dst: Some(DstRule { dst, start, end }) })
}

/// Day of the year (0-based) on which a rule falls in `year`.
fn rule_yday(rule: RuleDay, year: i64) -> i64 {
    match rule {
        RuleDay::Julian1(n) => n - 1 + (is_leap(year) && n >= 60) as i64,
        RuleDay::Julian0(n) => n,
        RuleDay::Month(m, w, d) => {
            let first = days_from_civil(year, m, 1);
            let first_wday = (first + 4).rem_euclid(7); // 0 = Sunday
            let mut day = (d - first_wday).rem_euclid(7);
            let month_len = days_from_civil(year + (m == 12) as i64, m % 12 + 1, 1) - first;
            day += 7 * (w - 1);
            while day >= month_len {
                day -= 7;
            }
            first - days_from_civil(year, 1, 1) + day
        }
    }
}

impl Posix {
    fn at(&self, t: i64) -> LocalType {
        let Some(rule) = &self.dst else { return self.std.clone() };
        // glibc computes the rule for the UTC year, and counts years up to 1970 from 1970-01-01 (its
        // `compute_change`), so no DST applies before 1970.
        let year = breakdown(t, 0).year;
        let jan1 = if year > 1970 { days_from_civil(year, 1, 1) * 86_400 } else { 0 };
        // Transitions happen at local wall-clock times: the start in standard time, the end in DST.
        let start = jan1 + rule_yday(rule.start.0, year) * 86_400 + rule.start.1 - self.std.utoff;
        let end = jan1 + rule_yday(rule.end.0, year) * 86_400 + rule.end.1 - rule.dst.utoff;
        let in_dst = if start < end { t >= start && t < end } else { !(t >= end && t < start) };
        if in_dst {
            rule.dst.clone()
        } else {
            self.std.clone()
        }
    }
}

/// Parses a TZif file (RFC 8536), using the 64-bit data of version 2+ files.
fn parse_tzif(data: &[u8]) -> Option<Zone> {
    if data.len() < 44 || &data[..4] != b"TZif" {
        return None;
    }
    let be32 = |p: usize| -> Option<u32> { Some(u32::from_be_bytes(data.get(p..p + 4)?.try_into().ok()?)) };
    let counts = |base: usize| -> Option<[usize; 6]> {
        let mut c = [0usize; 6];
        for (k, slot) in c.iter_mut().enumerate() {
            *slot = be32(base + 20 + 4 * k)? as usize;
        }
        Some(c)
    };
    let version = data[4];
    let [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(0)?;
    let v1_len = timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut;
    let (base, tsize) = if version >= b'2' { (44 + v1_len, 8) } else { (0, 4) };
    let [isut, isstd, leap, timecnt, typecnt, charcnt] =
        if base > 0 { counts(base)? } else { [isut, isstd, leap, timecnt, typecnt, charcnt] };
    let mut p = base + 44;
    let mut times = Vec::with_capacity(timecnt);
    for _ in 0..timecnt {
        let raw = data.get(p..p + tsize)?;
        times.push(if tsize == 8 {
            i64::from_be_bytes(raw.try_into().ok()?)
        } else {
            i32::from_be_bytes(raw.try_into().ok()?) as i64
        });
        p += tsize;
    }
    let idx: Vec<usize> = data.get(p..p + timecnt)?.iter().map(|x| *x as usize).collect();
    p += timecnt;
    let mut raw_types = Vec::with_capacity(typecnt);
    for _ in 0..typecnt {
        let utoff = i32::from_be_bytes(data.get(p..p + 4)?.try_into().ok()?) as i64;
        raw_types.push((utoff, data[p + 4] != 0, data[p + 5] as usize));
        p += 6;
    }
    let chars = data.get(p..p + charcnt)?;
    p += charcnt + leap * (tsize + 4) + isstd + isut;
    let types = raw_types
        .into_iter()
        .map(|(utoff, isdst, ai)| {
            let rest = chars.get(ai..).unwrap_or(&[]);
            let end = rest.iter().position(|c| *c == 0).unwrap_or(rest.len());
            LocalType { utoff, isdst, abbr: String::from_utf8_lossy(&rest[..end]).into_owned() }
        })
        .collect::<Vec<_>>();
    if types.is_empty() || idx.iter().any(|i| *i >= types.len()) {
        return None;
    }
    let footer = if version >= b'2' {
        let rest = data.get(p..)?;
        let text = String::from_utf8_lossy(rest);
        let line = text.trim_start_matches('\n').split('\n').next().unwrap_or("");
        if line.is_empty() {
            None
        } else {
            parse_posix(line)
        }
    } else {
        None
    };
    Some(Zone::Tzif { times, idx, types, footer })
}

impl Zone {
    fn at(&self, t: i64) -> LocalType {
        match self {
            Zone::Posix(p) => p.at(t),
            Zone::Tzif { times, idx, types, footer } => {
                if times.is_empty() || t < times[0] {
                    // Before the first transition glibc uses the first standard-time type.
                    if let (Some(f), true) = (footer, times.is_empty()) {
                        return f.at(t);
                    }
                    return types.iter().find(|ty| !ty.isdst).unwrap_or(&types[0]).clone();
                }
                if t >= *times.last().expect("nonempty") {
                    if let Some(f) = footer {
                        return f.at(t);
                    }
                }
                let i = times.partition_point(|x| *x <= t) - 1;
                types[idx[i]].clone()
            }
        }
    }
}

/// The zone `TZ` names, or the system's, found as glibc finds it: a TZif file first (the value as a path, or
/// a name under `/usr/share/zoneinfo`), else the value as a POSIX rule, else UTC under the name the value
/// starts with.
fn load_zone() -> Zone {
    let read = |path: &str| std::fs::read(path).ok().and_then(|d| parse_tzif(&d));
    let tz = match std::env::var("TZ") {
        Err(_) => return read("/etc/localtime").unwrap_or_else(|| utc_zone("UTC")),
        Ok(tz) if tz.is_empty() => "Universal".to_string(),
        Ok(tz) => tz,
    };
    let name = tz.strip_prefix(':').unwrap_or(&tz);
    let path = if name.starts_with('/') { name.to_string() } else { format!("/usr/share/zoneinfo/{name}") };
    if let Some(z) = read(&path) {
        return z;
    }
    if let Some(p) = parse_posix(name) {
        return Zone::Posix(p);
    }
    // glibc keeps a name it could read and falls back to a zero offset.
    let lead: String = name.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    utc_zone(if lead.len() >= 3 { &lead } else { "UTC" })
}

fn zone_cell() -> &'static RwLock<Arc<Zone>> {
    static Z: OnceLock<RwLock<Arc<Zone>>> = OnceLock::new();
    Z.get_or_init(|| RwLock::new(Arc::new(load_zone())))
}

fn zone() -> Arc<Zone> {
    zone_cell().read().clone()
}

/// `localtime(t)`.
fn local_tm(t: i64) -> Tm {
    let lt = zone().at(t);
    let mut tm = breakdown(t, lt.utoff);
    tm.isdst = lt.isdst as i64;
    tm.zone = Some(lt.abbr);
    tm.gmtoff = Some(lt.utoff);
    tm
}

/// `gmtime(t)`: glibc names the zone "GMT".
fn gm_tm(t: i64) -> Tm {
    let mut tm = breakdown(t, 0);
    tm.zone = Some("GMT".into());
    tm.gmtoff = Some(0);
    tm
}

/// glibc's `mktime` guess of the local time offset, kept from one call to the next (its `localtime_offset`):
/// it decides which of two valid answers an ambiguous local time gets, as in CPython on glibc.
static MKTIME_OFFSET: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Days before each month, in common and leap years.
const MON_YDAY: [[i64; 13]; 2] = [
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
    [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

/// Seconds from (year0, yday0, hour0, min0, sec0) to (year1, ...), years counted from 1900, days from 0.
fn ydhms_diff(a: (i64, i64, i64, i64, i64), b: (i64, i64, i64, i64, i64)) -> i64 {
    let days = |y: i64, yday: i64| days_from_civil(y + 1900, 1, 1) + yday;
    (days(a.0, a.1) - days(b.0, b.1)) * 86_400 + (a.2 - b.2) * 3600 + (a.3 - b.3) * 60 + (a.4 - b.4)
}

/// glibc's `isdst_differ`: one zero and the other positive.
fn isdst_differ(a: i64, b: i64) -> bool {
    (a == 0) != (b == 0) && a >= 0 && b >= 0
}

/// `mktime`: glibc's `__mktime_internal` (gnulib's probing inversion of `localtime`), normalising the fields;
/// `None` when no time can be found.
fn mktime_secs(req: &Tm) -> Option<i64> {
    let convert = local_tm;
    let isdst = req.isdst;
    let mon = req.mon - 1;
    let mon_remainder = mon % 12;
    let negative = (mon_remainder < 0) as i64;
    let year = req.year - 1900 + mon / 12 - negative;
    let leap = is_leap(year + 1900) as usize;
    let yday = MON_YDAY[leap][(mon_remainder + 12 * negative) as usize] - 1 + req.mday;
    let (hour, min) = (req.hour, req.min);
    let sec_requested = req.sec;
    let sec = req.sec.clamp(0, 59);
    let target = (year, yday, hour, min, sec);
    let diff = |tm: &Tm| ydhms_diff(target, (tm.year - 1900, tm.yday - 1, tm.hour, tm.min, tm.sec));
    let guessed = MKTIME_OFFSET.load(Ordering::Relaxed);
    let t0 = ydhms_diff(target, (70, 0, 0, 0, -guessed));
    let (mut t, mut t1, mut t2) = (t0, t0, t0);
    let mut dst2 = false;
    let mut remaining = 6;
    let mut tm;
    let mut matched = false;
    loop {
        tm = convert(t);
        let dt = diff(&tm);
        if dt == 0 {
            matched = true;
            break;
        }
        // Oscillating around a spring-forward gap: take this side, preferring DST when no isdst was asked.
        if t == t1 && t != t2 && (if isdst < 0 { dst2 <= (tm.isdst != 0) } else { (isdst != 0) != (tm.isdst != 0) }) {
            break;
        }
        remaining -= 1;
        if remaining == 0 {
            return None;
        }
        t1 = t2;
        t2 = t;
        t = t.checked_add(dt)?;
        dst2 = tm.isdst != 0;
    }
    if matched && isdst_differ(isdst, tm.isdst) {
        // The wrong isdst: use the offset of a neighbouring time with the requested one, else assume DST is
        // one hour ahead.
        let dst_difference = (isdst == 0) as i64 - (tm.isdst == 0) as i64;
        const STRIDE: i64 = 601_200;
        const DELTA_BOUND: i64 = 536_454_000 / 2 + STRIDE;
        let mut found = None;
        'search: for delta in (STRIDE..DELTA_BOUND).step_by(STRIDE as usize) {
            for direction in [-1, 1] {
                let ot = t + delta * direction;
                let otm = convert(ot);
                if !isdst_differ(isdst, otm.isdst) {
                    found = Some(ot + diff(&otm));
                    break 'search;
                }
            }
        }
        t = found.unwrap_or(t + 3600 * dst_difference);
        tm = convert(t);
    }
    MKTIME_OFFSET.store(t - t0 + guessed, Ordering::Relaxed);
    if sec_requested != tm.sec {
        t += (sec == 0 && tm.sec == 60) as i64 - sec + sec_requested;
    }
    Some(t)
}

/// `time.timezone`, `altzone`, `daylight`, `tzname` as CPython computes them on glibc: the zone in January
/// and in July of the current year.
fn zone_globals() -> (i64, i64, bool, String, String) {
    const YEAR: i64 = (365 * 24 + 6) * 3600;
    let now = unix_now().as_secs() as i64;
    let t = (now / YEAR) * YEAR;
    let jan = zone().at(t);
    let jul = zone().at(t + YEAR / 2);
    let (janzone, julzone) = (-jan.utoff, -jul.utoff);
    if janzone < julzone {
        (julzone, janzone, janzone != julzone, jul.abbr, jan.abbr)
    } else {
        (janzone, julzone, janzone != julzone, jan.abbr, jul.abbr)
    }
}

// ---------------------------------------------------------------------------------------------------------
// Clocks.

fn unix_now() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// Nanoseconds since boot: the boot-relative time read once, advanced by a monotonic `Instant`.
fn monotonic_ns() -> u128 {
    static BASE: OnceLock<(Instant, u128)> = OnceLock::new();
    let (start, boot_ns) = BASE.get_or_init(|| {
        let up = std::fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse::<f64>().ok()))
            .unwrap_or(0.0);
        (Instant::now(), (up * 1e9) as u128)
    });
    boot_ns + start.elapsed().as_nanos()
}

/// CPU time of the process in nanoseconds: the larger of the whole-process tick count and the sum of the
/// live threads' nanosecond counters, never going backwards.
fn process_cpu_ns() -> u128 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let ticks_ns = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may contain spaces) start after the last ')'.
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let utime: u128 = f.get(11)?.parse().ok()?;
            let stime: u128 = f.get(12)?.parse().ok()?;
            Some((utime + stime) * 10_000_000)
        })
        .unwrap_or(0);
    let mut threads_ns = 0u128;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for e in dir.flatten() {
            if let Ok(s) = std::fs::read_to_string(e.path().join("schedstat")) {
                threads_ns += s.split_whitespace().next().and_then(|x| x.parse::<u128>().ok()).unwrap_or(0);
            }
        }
    }
    let v = ticks_ns.max(threads_ns) as u64;
    let prev = LAST.fetch_max(v, Ordering::AcqRel);
    prev.max(v) as u128
}

/// CPU time of the calling thread in nanoseconds.
fn thread_cpu_ns() -> u128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse::<u128>().ok()))
        .unwrap_or(0)
}

fn secs(ns: u128) -> Value {
    Value::Float(ns as f64 / 1e9)
}

fn ns_value(ns: u128) -> Value {
    int::from_bigint(BigInt::from(ns))
}

fn no_args(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<()> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("time.{name}() takes no keyword arguments")));
    }
    if !args.is_empty() {
        return Err(type_error(format!("time.{name}() takes no arguments ({} given)", args.len())));
    }
    Ok(())
}

macro_rules! clocks {
    ($($name:ident, $py:literal => $ns:expr, $conv:ident;)*) => {$(
        fn $name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            no_args($py, args, kwargs)?;
            Ok($conv($ns))
        }
    )*};
}

clocks! {
    time_, "time" => unix_now().as_nanos(), secs;
    time_ns, "time_ns" => unix_now().as_nanos(), ns_value;
    monotonic, "monotonic" => monotonic_ns(), secs;
    monotonic_ns_, "monotonic_ns" => monotonic_ns(), ns_value;
    perf_counter, "perf_counter" => monotonic_ns(), secs;
    perf_counter_ns, "perf_counter_ns" => monotonic_ns(), ns_value;
    process_time, "process_time" => process_cpu_ns(), secs;
    process_time_ns, "process_time_ns" => process_cpu_ns(), ns_value;
    thread_time, "thread_time" => thread_cpu_ns(), secs;
    thread_time_ns, "thread_time_ns" => thread_cpu_ns(), ns_value;
}

fn one<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a Value> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("time.{name}() takes no keyword arguments")));
    }
    match args {
        [x] => Ok(x),
        _ => Err(type_error(format!("time.{name}() takes exactly one argument ({} given)", args.len()))),
    }
}

/// An optional single argument: `gmtime() takes at most 1 argument (2 given)`.
fn optional<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<Option<&'a Value>> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    match args {
        [] => Ok(None),
        [x] => Ok(Some(x)),
        _ => Err(type_error(format!("{name}() takes at most 1 argument ({} given)", args.len()))),
    }
}

const CLOCK_IDS: [(&str, i64); 7] = [
    ("CLOCK_REALTIME", 0),
    ("CLOCK_MONOTONIC", 1),
    ("CLOCK_PROCESS_CPUTIME_ID", 2),
    ("CLOCK_THREAD_CPUTIME_ID", 3),
    ("CLOCK_MONOTONIC_RAW", 4),
    ("CLOCK_BOOTTIME", 7),
    ("CLOCK_TAI", 11),
];

fn clock_ns(id: &Value) -> PyResult<u128> {
    let id = int::as_i64(&ops::number::index(id)?).unwrap_or(-1);
    match id {
        0 => Ok(unix_now().as_nanos()),
        // NOTE: TAI is reported as UTC (the kernel's TAI offset is not readable without the C library).
        11 => Ok(unix_now().as_nanos()),
        1 | 4 | 7 => Ok(monotonic_ns()),
        2 => Ok(process_cpu_ns()),
        3 => Ok(thread_cpu_ns()),
        _ => Err(PyErr::with_args(ExcKind::OSError, vec![Value::Int(22), Value::from("Invalid argument")])),
    }
}

fn clock_gettime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(secs(clock_ns(one("clock_gettime", args, kwargs)?)?))
}

fn clock_gettime_ns(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(ns_value(clock_ns(one("clock_gettime_ns", args, kwargs)?)?))
}

fn clock_getres(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    clock_ns(one("clock_getres", args, kwargs)?)?;
    Ok(Value::Float(1e-09))
}

/// NOTE: crabby never sets the system clock; `clock_settime` fails as it would for an unprivileged process.
fn clock_settime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() || args.len() != 2 {
        return Err(type_error(format!("clock_settime expected 2 arguments, got {}", args.len())));
    }
    clock_ns(&args[0])?;
    Err(PyErr::with_args(ExcKind::PermissionError, vec![Value::Int(1), Value::from("Operation not permitted")]))
}

/// `get_clock_info(name)`: how a clock is implemented, as a `namespace` object.
fn get_clock_info(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let name = one("get_clock_info", args, kwargs)?;
    let Some(name) = name.as_str() else {
        return Err(type_error(format!("get_clock_info() argument 1 must be str, not {}", name.type_name())));
    };
    let (clock, monotonic, adjustable) = match name {
        "time" => ("CLOCK_REALTIME", false, true),
        "monotonic" | "perf_counter" => ("CLOCK_MONOTONIC", true, false),
        "process_time" => ("CLOCK_PROCESS_CPUTIME_ID", true, false),
        "thread_time" => ("CLOCK_THREAD_CPUTIME_ID", true, false),
        _ => return Err(value_error("unknown clock")),
    };
    let d = dict::new_dict_obj();
    dict::set_str(&d, "implementation", Value::from(format!("clock_gettime({clock})")));
    dict::set_str(&d, "monotonic", Value::Bool(monotonic));
    dict::set_str(&d, "adjustable", Value::Bool(adjustable));
    dict::set_str(&d, "resolution", Value::Float(1e-09));
    Ok(Value::Obj(ObjRef::with_dict(
        namespace_type(),
        Payload::Instance(crate::builtins::instance::InstAttrs::none()),
        Some(d),
    )))
}

/// A minimal `types.SimpleNamespace` for `get_clock_info` (attributes in the instance dict, CPython's repr).
fn namespace_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| {
        let t = crate::builtins::new_native_type("SimpleNamespace", "types", false);
        add_methods(&t, &[("__repr__", namespace_repr)]);
        type_::type_obj(&t).modified();
        t
    })
}

fn namespace_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = args.first().and_then(|v| v.as_obj()).and_then(|o| o.dict().cloned());
    let mut parts = Vec::new();
    for (k, v) in d.map(|d| dict::items(&d)).unwrap_or_default() {
        parts.push(format!("{}={}", ops::format::str_of(&k)?, ops::format::repr(&v)?));
    }
    Ok(Value::from(format!("namespace({})", parts.join(", "))))
}

/// Seconds from a float or int argument, as `_PyTime_FromSecondsObject` (`None` for NaN is an error).
fn seconds_arg(v: &Value) -> PyResult<f64> {
    if let Some(f) = float::as_f64(v).filter(|_| float::is_float(v)) {
        if f.is_nan() {
            return Err(value_error("Invalid value NaN (not a number)"));
        }
        return Ok(f);
    }
    let i = ops::number::index(v)?;
    Ok(int::as_i64(&i).map(|x| x as f64).unwrap_or(f64::INFINITY))
}

fn sleep(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = seconds_arg(one("sleep", args, kwargs)?)?;
    if s < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    if s >= 9.2e9 {
        return Err(overflow_error("timestamp out of range for platform time_t"));
    }
    // Slept in slices so that a signal (Ctrl-C) runs its Python handler promptly, as CPython's `sleep`
    // returns early on EINTR to run it; the deadline keeps the total exact.
    let deadline = Instant::now() + Duration::from_secs_f64(s);
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        crate::qsbr::offline(|| std::thread::sleep((deadline - now).min(Duration::from_millis(20))));
        crate::modules::signal::check_signals()?;
    }
    Ok(Value::None)
}

/// A timestamp argument, floored to whole seconds; none (or None) is now.
fn timestamp_arg(v: Option<&Value>) -> PyResult<i64> {
    match v.filter(|v| !v.is_none()) {
        Some(v) => timestamp_floor(v),
        None => Ok(unix_now().as_secs() as i64),
    }
}

/// A timestamp floored to whole seconds (CPython's `_PyTime_ObjectToTime_t` with `ROUND_FLOOR`), for
/// `time.gmtime` and the like and `date.fromtimestamp`.
pub fn timestamp_floor(v: &Value) -> PyResult<i64> {
    let range = || overflow_error("timestamp out of range for platform time_t");
    if float::is_float(v) {
        let f = float::as_f64(v).unwrap_or(0.0);
        if f.is_nan() {
            return Err(value_error("Invalid value NaN (not a number)"));
        }
        let f = f.floor();
        if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            return Err(range());
        }
        return Ok(f as i64);
    }
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(range)
}

/// glibc represents years as an `int` offset from 1900.
fn check_year(tm: &Tm) -> PyResult<()> {
    if tm.year - 1900 > i32::MAX as i64 || tm.year - 1900 < i32::MIN as i64 {
        return Err(PyErr::with_args(
            ExcKind::OSError,
            vec![Value::Int(75), Value::from("Value too large for defined data type")],
        ));
    }
    Ok(())
}

fn gmtime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = timestamp_arg(optional("gmtime", args, kwargs)?)?;
    let tm = gm_tm(t);
    check_year(&tm)?;
    Ok(struct_time_value(&tm))
}

fn localtime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = timestamp_arg(optional("localtime", args, kwargs)?)?;
    let tm = local_tm(t);
    check_year(&tm)?;
    Ok(struct_time_value(&tm))
}

// ---------------------------------------------------------------------------------------------------------
// struct_time

const FIELDS: [&str; 11] = [
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

static STRUCT_TIME: StructSeqSpec = StructSeqSpec {
    module: "time",
    name: "struct_time",
    fields: &FIELDS,
    n_sequence: 9,
    constructible: true,
    doc: Some(
        "The time value as returned by gmtime(), localtime(), and strptime(), and\n accepted by asctime(), \
         mktime() and strftime().  May be considered as a\n sequence of 9 integers.\n\n Note that several \
         fields' values are not the same as those defined by\n the C language standard for struct tm.  For \
         example, the value of the\n field tm_year is the actual year, not year - 1900.  See individual\n \
         fields' descriptions for details.",
    ),
};

/// `time.struct_time`: a struct sequence of the nine visible fields plus `tm_zone` and `tm_gmtoff`.
fn struct_time_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| structseq::new_type(&STRUCT_TIME))
}

fn struct_time_value(tm: &Tm) -> Value {
    let mut items =
        [tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.wday, tm.yday, tm.isdst].map(Value::Int).to_vec();
    items.push(tm.zone.clone().map(Value::from).unwrap_or(Value::None));
    items.push(tm.gmtoff.map(Value::Int).unwrap_or(Value::None));
    structseq::new(struct_time_type(), items)
}

/// CPython's `gettmarg`: a 9-tuple (or struct_time) of ints as a broken-down time.
fn tm_arg(v: &Value, fname: &str) -> PyResult<Tm> {
    let Some(items) = v.as_tuple() else {
        return Err(type_error("Tuple or struct_time argument required"));
    };
    if items.len() != 9 {
        return Err(type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut f = [0i64; 9];
    for (slot, x) in f.iter_mut().zip(items) {
        // `PyArg_ParseTuple`'s "i" conversion and its messages.
        let i = ops::number::index(x)?;
        let n = int::as_i64(&i).ok_or_else(|| overflow_error("Python int too large to convert to C long"))?;
        if n > i32::MAX as i64 {
            return Err(overflow_error("signed integer is greater than maximum"));
        }
        if n < i32::MIN as i64 {
            return Err(overflow_error("signed integer is less than minimum"));
        }
        *slot = n;
    }
    let mut tm = Tm {
        year: f[0],
        mon: f[1],
        mday: f[2],
        hour: f[3],
        min: f[4],
        sec: f[5],
        // C's Sunday-based day of the week, as `gettmarg` computes it (`check_tm` rejects negatives).
        wday: (f[6] + 1) % 7,
        yday: f[7],
        isdst: f[8],
        zone: None,
        gmtoff: None,
    };
    if v.ty().ptr_eq(struct_time_type()) {
        tm.zone = structseq::field(v, "tm_zone").and_then(|z| z.as_str().map(str::to_string));
        tm.gmtoff = structseq::field(v, "tm_gmtoff").and_then(|g| int::as_i64(&g));
    }
    Ok(tm)
}

/// CPython's `checktm` plus the normalisations `asctime` and `strftime` apply before it.
fn check_tm(tm: &mut Tm) -> PyResult<()> {
    if tm.mon == 0 {
        tm.mon = 1;
    }
    if tm.mday == 0 {
        tm.mday = 1;
    }
    if tm.yday == 0 {
        tm.yday = 1;
    }
    if !(1..=12).contains(&tm.mon) {
        return Err(value_error("month out of range"));
    }
    if !(1..=31).contains(&tm.mday) {
        return Err(value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.hour) {
        return Err(value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.min) {
        return Err(value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.sec) {
        return Err(value_error("seconds out of range"));
    }
    if tm.wday < 0 {
        return Err(value_error("day of week out of range"));
    }
    // Back from C's Sunday = 0 to Python's Monday = 0.
    tm.wday = (tm.wday + 6) % 7;
    if !(1..=366).contains(&tm.yday) {
        return Err(value_error("day of year out of range"));
    }
    tm.isdst = tm.isdst.clamp(-1, 1);
    Ok(())
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn asctime_text(tm: &Tm) -> String {
    format!(
        "{} {}{:>3} {:02}:{:02}:{:02} {}",
        &DAYS[tm.wday as usize][..3],
        &MONTHS[(tm.mon - 1) as usize][..3],
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        tm.year
    )
}

fn asctime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let mut tm = match optional("asctime", args, kwargs)? {
        Some(v) => tm_arg(v, "asctime")?,
        None => local_tm(unix_now().as_secs() as i64),
    };
    check_tm(&mut tm)?;
    Ok(Value::from(asctime_text(&tm)))
}

fn ctime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = timestamp_arg(optional("ctime", args, kwargs)?)?;
    let tm = local_tm(t);
    check_year(&tm)?;
    Ok(Value::from(asctime_text(&tm)))
}

fn mktime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let tm = tm_arg(one("mktime", args, kwargs)?, "mktime")?;
    match mktime_secs(&tm) {
        Some(t) => Ok(Value::Float(t as f64)),
        None => Err(overflow_error("mktime argument out of range")),
    }
}

fn tzset(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_args("tzset", args, kwargs)?;
    *zone_cell().write() = Arc::new(load_zone());
    if let Some(m) = TIME.get() {
        set_zone_globals(module::module_dict(m));
    }
    Ok(Value::None)
}

fn set_zone_globals(d: &ObjRef) {
    let (timezone, altzone, daylight, std, dst) = zone_globals();
    dict::set_str(d, "timezone", Value::Int(timezone));
    dict::set_str(d, "altzone", Value::Int(altzone));
    dict::set_str(d, "daylight", Value::Int(daylight as i64));
    dict::set_str(d, "tzname", crate::builtins::tuple::new_tuple_array([Value::from(std), Value::from(dst)]));
}

/// `time.strptime(string, format)`: CPython's C function defers to `_strptime._strptime_time`.
fn strptime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = crate::import::import_dotted("_strptime")?;
    let f = ops::attr::getattr_str(&m, "_strptime_time")?;
    ops::call::call(&f, args, kwargs)
}

// ---------------------------------------------------------------------------------------------------------
// strftime (glibc's C locale).

/// ISO 8601 week-based year and week number.
fn iso_week(tm: &Tm) -> (i64, i64) {
    let wday = tm.wday; // Monday = 0
    let yday0 = tm.yday - 1;
    // The Thursday of this week decides the year.
    let thursday = yday0 - wday + 3;
    let year_len = |y: i64| if is_leap(y) { 366 } else { 365 };
    if thursday < 0 {
        let y = tm.year - 1;
        let t = thursday + year_len(y);
        return (y, t / 7 + 1);
    }
    if thursday >= year_len(tm.year) {
        return (tm.year + 1, 1);
    }
    (tm.year, thursday / 7 + 1)
}

fn strftime_text(fmt: &str, tm: &Tm) -> String {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        // glibc flags, width and E/O modifiers.
        let mut pad: Option<char> = None;
        let mut upper = false;
        let mut swap_case = false;
        while i < chars.len() && matches!(chars[i], '-' | '_' | '0' | '^' | '#') {
            match chars[i] {
                '-' => pad = Some('-'),
                '_' => pad = Some(' '),
                '0' => pad = Some('0'),
                '^' => upper = true,
                _ => swap_case = true,
            }
            i += 1;
        }
        let wstart = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let width: Option<usize> = chars[wstart..i].iter().collect::<String>().parse().ok();
        while i < chars.len() && matches!(chars[i], 'E' | 'O') {
            i += 1;
        }
        let Some(&d) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        // (text, is a number, default width, default pad)
        let num = |v: i64, w: usize, p: char| -> (String, bool, usize, char) { (v.to_string(), true, w, p) };
        let txt = |s: String| -> (String, bool, usize, char) { (s, false, 0, ' ') };
        let hour12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
        let sunday_wday = (tm.wday + 1) % 7;
        let piece = match d {
            'a' => txt(DAYS[tm.wday as usize][..3].to_string()),
            'A' => txt(DAYS[tm.wday as usize].to_string()),
            'b' | 'h' => txt(MONTHS[(tm.mon - 1) as usize][..3].to_string()),
            'B' => txt(MONTHS[(tm.mon - 1) as usize].to_string()),
            'c' => txt(strftime_text("%a %b %e %H:%M:%S %Y", tm)),
            // glibc 2.36 pads neither the century nor the year.
            'C' => num(tm.year.div_euclid(100), 1, '0'),
            'd' => num(tm.mday, 2, '0'),
            'D' => txt(strftime_text("%m/%d/%y", tm)),
            'e' => num(tm.mday, 2, ' '),
            'F' => txt(strftime_text("%Y-%m-%d", tm)),
            'g' => num(iso_week(tm).0.rem_euclid(100), 2, '0'),
            'G' => num(iso_week(tm).0, 1, '0'),
            'H' => num(tm.hour, 2, '0'),
            'I' => num(hour12, 2, '0'),
            'j' => num(tm.yday, 3, '0'),
            'k' => num(tm.hour, 2, ' '),
            'l' => num(hour12, 2, ' '),
            'm' => num(tm.mon, 2, '0'),
            'M' => num(tm.min, 2, '0'),
            'n' => txt("\n".into()),
            'p' => txt(if tm.hour < 12 { "AM" } else { "PM" }.into()),
            'P' => txt(if tm.hour < 12 { "am" } else { "pm" }.into()),
            'r' => txt(strftime_text("%I:%M:%S %p", tm)),
            'R' => txt(strftime_text("%H:%M", tm)),
            's' => txt(mktime_secs(tm).map_or_else(|| "-1".to_string(), |t| t.to_string())),
            'S' => num(tm.sec, 2, '0'),
            't' => txt("\t".into()),
            'T' => txt(strftime_text("%H:%M:%S", tm)),
            'u' => num(tm.wday + 1, 1, '0'),
            'U' => num((tm.yday - 1 + 7 - sunday_wday) / 7, 2, '0'),
            'V' => num(iso_week(tm).1, 2, '0'),
            'w' => num(sunday_wday, 1, '0'),
            'W' => num((tm.yday - 1 + 7 - tm.wday) / 7, 2, '0'),
            'x' => txt(strftime_text("%m/%d/%y", tm)),
            'X' => txt(strftime_text("%H:%M:%S", tm)),
            'y' => num(tm.year.rem_euclid(100), 2, '0'),
            'Y' => num(tm.year, 1, '0'),
            'z' if tm.isdst < 0 => txt(String::new()),
            'z' => {
                let off = tm.gmtoff.unwrap_or(0);
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.abs() / 60;
                txt(format!("{sign}{:02}{:02}", a / 60, a % 60))
            }
            'Z' => txt(match &tm.zone {
                Some(z) if !z.is_empty() => z.clone(),
                _ if tm.isdst >= 0 => {
                    let (.., std, dst) = zone_globals();
                    if tm.isdst != 0 {
                        dst
                    } else {
                        std
                    }
                }
                _ => String::new(),
            }),
            '%' => txt("%".into()),
            _ => {
                // Unknown conversions are copied as written, padded to the width like any text.
                let text: String = chars[start..i].iter().collect();
                let len = text.chars().count();
                if let Some(w) = width.filter(|w| *w > len) {
                    out.extend(std::iter::repeat_n(if pad == Some('0') { '0' } else { ' ' }, w - len));
                }
                out.push_str(&text);
                continue;
            }
        };
        let (mut s, is_num, default_w, default_pad) = piece;
        if upper {
            s = s.to_uppercase();
        } else if swap_case && !is_num {
            // glibc's `#`: upper case for names, lower case for the AM/PM marker and the zone.
            s = if matches!(d, 'p' | 'Z') { s.to_lowercase() } else { s.to_uppercase() };
        }
        let w = width.unwrap_or(if is_num { default_w } else { 0 });
        let p = pad.unwrap_or(if width.is_some() && is_num {
            '0'
        } else if is_num {
            default_pad
        } else {
            ' '
        });
        if p == '-' {
            out.push_str(&s);
        } else {
            let negative = s.starts_with('-');
            let len = s.chars().count();
            if len < w {
                if p == '0' && negative {
                    out.push('-');
                    out.extend(std::iter::repeat_n('0', w - len));
                    out.push_str(&s[1..]);
                } else {
                    out.extend(std::iter::repeat_n(p, w - len));
                    out.push_str(&s);
                }
            } else {
                out.push_str(&s);
            }
        }
    }
    out
}

fn strftime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("strftime() takes no keyword arguments"));
    }
    if args.is_empty() || args.len() > 2 {
        let (bound, n) = if args.is_empty() { ("at least 1 argument", 0) } else { ("at most 2 arguments", args.len()) };
        return Err(type_error(format!("strftime() takes {bound} ({n} given)")));
    }
    let a = args;
    let Some(fmt) = a[0].as_str() else {
        return Err(type_error(format!("strftime() argument 1 must be str, not {}", a[0].type_name())));
    };
    let mut tm = match a.get(1) {
        Some(v) => tm_arg(v, "strftime")?,
        None => local_tm(unix_now().as_secs() as i64),
    };
    check_tm(&mut tm)?;
    Ok(Value::from(strftime_text(fmt, &tm)))
}

// ---------------------------------------------------------------------------------------------------------
// The module.

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("time", time_),
    ("time_ns", time_ns),
    ("monotonic", monotonic),
    ("monotonic_ns", monotonic_ns_),
    ("perf_counter", perf_counter),
    ("perf_counter_ns", perf_counter_ns),
    ("process_time", process_time),
    ("process_time_ns", process_time_ns),
    ("thread_time", thread_time),
    ("thread_time_ns", thread_time_ns),
    ("clock_gettime", clock_gettime),
    ("clock_gettime_ns", clock_gettime_ns),
    ("clock_getres", clock_getres),
    ("clock_settime", clock_settime),
    ("clock_settime_ns", clock_settime),
    ("get_clock_info", get_clock_info),
    ("sleep", sleep),
    ("gmtime", gmtime),
    ("localtime", localtime),
    ("mktime", mktime),
    ("asctime", asctime),
    ("ctime", ctime),
    ("strftime", strftime),
    ("strptime", strptime),
    ("tzset", tzset),
];

static TIME: OnceLock<ObjRef> = OnceLock::new();

/// The `time` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(TIME
        .get_or_init(|| {
            let m = module::new_module("time").make_immortal();
            let d = module::module_dict(&m);
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            for (name, id) in CLOCK_IDS {
                dict::set_str(d, name, Value::Int(id));
            }
            dict::set_str(d, "struct_time", Value::Obj(struct_time_type().clone()));
            set_zone_globals(d);
            m
        })
        .clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000i64, -719_468, -1, 0, 1, 59, 365, 10_957, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(breakdown(-1, 0).year, 1969);
        assert_eq!(ydhms_diff((100, 0, 0, 0, 0), (70, 0, 0, 0, 0)), 946_684_800);
    }

    #[test]
    fn posix_rules() {
        let p = parse_posix("EST5EDT,M3.2.0,M11.1.0").expect("parses");
        assert_eq!(p.at(1_700_000_000).abbr, "EST");
        assert_eq!(p.at(1_688_230_800).abbr, "EDT");
        // 2023-03-12 07:00 UTC is 02:00 EST: DST starts.
        assert!(!p.at(1_678_604_399).isdst);
        assert!(p.at(1_678_604_400).isdst);
        let south = parse_posix("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0").expect("parses");
        assert_eq!(south.std.utoff, 37_800);
        assert!(south.at(1_672_531_200).isdst);
        assert!(!south.at(1_688_230_800).isdst);
        assert!(parse_posix("UTC0").is_some_and(|p| p.dst.is_none() && p.std.utoff == 0));
    }

    #[test]
    fn iso_weeks() {
        // 2021-01-01 is a Friday in ISO week 53 of 2020; 2024-12-30 is in week 1 of 2025.
        assert_eq!(iso_week(&gm_tm(1_609_459_200)), (2020, 53));
        assert_eq!(iso_week(&gm_tm(1_735_516_800)), (2025, 1));
    }
}
