//! Proleptic Gregorian calendar arithmetic shared by the `_datetime` types: ordinals (day 1 is 0001-01-01),
//! month lengths, ISO weeks, and the normalisation of (days, seconds, microseconds) triples.

pub const MINYEAR: i64 = 1;
pub const MAXYEAR: i64 = 9999;
/// `date.max.toordinal()`.
pub const MAXORDINAL: i64 = 3_652_059;
pub const MAX_DELTA_DAYS: i64 = 999_999_999;
pub const US_PER_SECOND: i64 = 1_000_000;
pub const US_PER_DAY: i64 = 86_400 * US_PER_SECOND;

const DAYS_IN_MONTH: [i64; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    if month == 2 && is_leap(year) {
        29
    } else {
        DAYS_IN_MONTH[month as usize]
    }
}

pub fn days_before_month(year: i64, month: i64) -> i64 {
    DAYS_BEFORE_MONTH[month as usize] + (month > 2 && is_leap(year)) as i64
}

/// Days in the years before `year` (year 1 has none before it).
pub fn days_before_year(year: i64) -> i64 {
    let y = year - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

pub fn ymd_to_ord(year: i64, month: i64, day: i64) -> i64 {
    days_before_year(year) + days_before_month(year, month) + day
}

/// The (year, month, day) of an ordinal; the year may fall outside 1..9999 for ordinals out of range, which
/// callers check.
pub fn ord_to_ymd(ordinal: i64) -> (i64, i64, i64) {
    const DI400Y: i64 = 146_097;
    const DI100Y: i64 = 36_524;
    const DI4Y: i64 = 1_461;
    let mut n = ordinal - 1;
    let n400 = n.div_euclid(DI400Y);
    n = n.rem_euclid(DI400Y);
    let mut year = n400 * 400 + 1;
    let n100 = n / DI100Y;
    n %= DI100Y;
    let n4 = n / DI4Y;
    n %= DI4Y;
    let n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = (n + 50) >> 5;
    let mut preceding = DAYS_BEFORE_MONTH[month as usize] + (month > 2 && leap) as i64;
    if preceding > n {
        month -= 1;
        preceding -= if month == 2 && leap { 29 } else { DAYS_IN_MONTH[month as usize] };
    }
    (year, month, n - preceding + 1)
}

/// Monday is 0.
pub fn weekday(year: i64, month: i64, day: i64) -> i64 {
    (ymd_to_ord(year, month, day) + 6) % 7
}

/// The ordinal of the Monday starting ISO week 1 of `year`.
pub fn iso_week1_monday(year: i64) -> i64 {
    let first = days_before_year(year) + 1;
    let first_weekday = (first + 6) % 7;
    let mut week1 = first - first_weekday;
    if first_weekday > 3 {
        week1 += 7;
    }
    week1
}

/// ISO (year, week, weekday) of a date.
pub fn iso_calendar(year: i64, month: i64, day: i64) -> (i64, i64, i64) {
    let mut y = year;
    let today = ymd_to_ord(year, month, day);
    let mut week = (today - iso_week1_monday(y)).div_euclid(7);
    if week < 0 {
        y -= 1;
        week = (today - iso_week1_monday(y)).div_euclid(7);
    } else if week >= 52 && today >= iso_week1_monday(y + 1) {
        y += 1;
        week = 0;
    }
    (y, week + 1, (today + 6) % 7 + 1)
}

/// The date of an ISO (year, week, day), with CPython's messages for each invalid part.
pub fn iso_to_ymd(year: i64, week: i64, day: i64) -> Result<(i64, i64, i64), String> {
    if !(MINYEAR..=MAXYEAR).contains(&year) {
        return Err(format!("Year is out of range: {year}"));
    }
    iso_to_ymd_unchecked(year, week, day)
}

/// [`iso_to_ymd`] without the year check (`fromisoformat` checks the resulting date instead).
pub fn iso_to_ymd_unchecked(year: i64, week: i64, day: i64) -> Result<(i64, i64, i64), String> {
    if week <= 0 || week >= 53 {
        let mut out_of_range = true;
        if week == 53 {
            // Only years starting on a Thursday, or leap years starting on a Wednesday, have 53 weeks.
            let first_weekday = (days_before_year(year) + 1 + 6) % 7;
            if first_weekday == 3 || (first_weekday == 2 && is_leap(year)) {
                out_of_range = false;
            }
        }
        if out_of_range {
            return Err(format!("Invalid week: {week}"));
        }
    }
    if day <= 0 || day >= 8 {
        return Err(format!("Invalid day: {day} (range is [1, 7])"));
    }
    let ordinal = iso_week1_monday(year) + (week - 1) * 7 + (day - 1);
    Ok(ord_to_ymd(ordinal))
}

/// Checks a date's fields with CPython's messages.
pub fn check_date(year: i64, month: i64, day: i64) -> Result<(), String> {
    if !(MINYEAR..=MAXYEAR).contains(&year) {
        return Err(format!("year {year} is out of range"));
    }
    if !(1..=12).contains(&month) {
        return Err("month must be in 1..12".into());
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("day is out of range for month".into());
    }
    Ok(())
}

/// Checks a time's fields with CPython's messages.
pub fn check_time(h: i64, m: i64, s: i64, us: i64, fold: i64) -> Result<(), String> {
    if !(0..=23).contains(&h) {
        return Err("hour must be in 0..23".into());
    }
    if !(0..=59).contains(&m) {
        return Err("minute must be in 0..59".into());
    }
    if !(0..=59).contains(&s) {
        return Err("second must be in 0..59".into());
    }
    if !(0..=999_999).contains(&us) {
        return Err("microsecond must be in 0..999999".into());
    }
    if fold != 0 && fold != 1 {
        return Err("fold must be either 0 or 1".into());
    }
    Ok(())
}

/// Normalises a date and time whose fields may be out of range (after adding a delta) to a valid one, or
/// `None` when the year leaves 1..9999.
pub fn normalize_datetime(
    year: i64,
    month: i64,
    day: i64,
    h: i64,
    m: i64,
    s: i64,
    us: i64,
) -> Option<(i64, i64, i64, i64, i64, i64, i64)> {
    let total_us = us;
    let (carry_s, us) = (total_us.div_euclid(1_000_000), total_us.rem_euclid(1_000_000));
    let s = s + carry_s;
    let (carry_m, s) = (s.div_euclid(60), s.rem_euclid(60));
    let m = m + carry_m;
    let (carry_h, m) = (m.div_euclid(60), m.rem_euclid(60));
    let h = h + carry_h;
    let (carry_d, h) = (h.div_euclid(24), h.rem_euclid(24));
    let ordinal = ymd_to_ord(year, month, 1) + day - 1 + carry_d;
    if !(1..=MAXORDINAL).contains(&ordinal) {
        return None;
    }
    let (y, mo, d) = ord_to_ymd(ordinal);
    Some((y, mo, d, h, m, s, us))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for o in (1..MAXORDINAL).step_by(97) {
            let (y, m, d) = ord_to_ymd(o);
            assert_eq!(ymd_to_ord(y, m, d), o);
        }
        assert_eq!(ord_to_ymd(MAXORDINAL), (9999, 12, 31));
        assert_eq!(ymd_to_ord(2024, 2, 29), 738_945);
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(iso_calendar(2021, 1, 1), (2020, 53, 5));
        assert_eq!(iso_calendar(2008, 12, 29), (2009, 1, 1));
        assert_eq!(iso_to_ymd(2020, 53, 7), Ok((2021, 1, 3)));
    }
}
