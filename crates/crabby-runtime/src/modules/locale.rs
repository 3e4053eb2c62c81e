//! `_locale`: what `locale` needs from the C library's locale support. crabby formats numbers and text the
//! same way in every locale (the C locale's rules), so it accepts only the C locales (`C`, `POSIX`,
//! `C.UTF-8`, `C.utf8`) and reports UTF-8 as the encoding; asking for another locale raises `locale.Error`
//! as CPython does for a locale that is not installed.

use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::exceptions::{exc_type, ExcKind};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, list, module};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::ObjRef;
use crate::ops::args::Args;
use crate::Value;

/// glibc's category numbers, and the names its composite `LC_ALL` string lists them under.
const LC_ALL: i64 = 6;
const CATEGORIES: &[(&str, i64)] =
    &[("LC_CTYPE", 0), ("LC_NUMERIC", 1), ("LC_TIME", 2), ("LC_COLLATE", 3), ("LC_MONETARY", 4), ("LC_MESSAGES", 5)];
/// The categories glibc has beyond Python's, which appear in its composite `LC_ALL` string.
const OTHER_CATEGORIES: &[&str] =
    &["LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"];

/// `nl_langinfo` keys and the C locale's answers (glibc's).
const LANGINFO: &[(&str, i64, &str)] = &[
    ("ABDAY_1", 131072, "Sun"),
    ("ABDAY_2", 131073, "Mon"),
    ("ABDAY_3", 131074, "Tue"),
    ("ABDAY_4", 131075, "Wed"),
    ("ABDAY_5", 131076, "Thu"),
    ("ABDAY_6", 131077, "Fri"),
    ("ABDAY_7", 131078, "Sat"),
    ("ABMON_1", 131086, "Jan"),
    ("ABMON_10", 131095, "Oct"),
    ("ABMON_11", 131096, "Nov"),
    ("ABMON_12", 131097, "Dec"),
    ("ABMON_2", 131087, "Feb"),
    ("ABMON_3", 131088, "Mar"),
    ("ABMON_4", 131089, "Apr"),
    ("ABMON_5", 131090, "May"),
    ("ABMON_6", 131091, "Jun"),
    ("ABMON_7", 131092, "Jul"),
    ("ABMON_8", 131093, "Aug"),
    ("ABMON_9", 131094, "Sep"),
    ("ALT_DIGITS", 131119, ""),
    ("AM_STR", 131110, "AM"),
    ("CODESET", 14, "UTF-8"),
    ("CRNCYSTR", 262159, "-"),
    ("DAY_1", 131079, "Sunday"),
    ("DAY_2", 131080, "Monday"),
    ("DAY_3", 131081, "Tuesday"),
    ("DAY_4", 131082, "Wednesday"),
    ("DAY_5", 131083, "Thursday"),
    ("DAY_6", 131084, "Friday"),
    ("DAY_7", 131085, "Saturday"),
    ("D_FMT", 131113, "%m/%d/%y"),
    ("D_T_FMT", 131112, "%a %b %e %H:%M:%S %Y"),
    ("ERA", 131116, ""),
    ("ERA_D_FMT", 131118, ""),
    ("ERA_D_T_FMT", 131120, ""),
    ("ERA_T_FMT", 131121, ""),
    ("MON_1", 131098, "January"),
    ("MON_10", 131107, "October"),
    ("MON_11", 131108, "November"),
    ("MON_12", 131109, "December"),
    ("MON_2", 131099, "February"),
    ("MON_3", 131100, "March"),
    ("MON_4", 131101, "April"),
    ("MON_5", 131102, "May"),
    ("MON_6", 131103, "June"),
    ("MON_7", 131104, "July"),
    ("MON_8", 131105, "August"),
    ("MON_9", 131106, "September"),
    ("NOEXPR", 327681, "^[nN]"),
    ("PM_STR", 131111, "PM"),
    ("RADIXCHAR", 65536, "."),
    ("THOUSEP", 65537, ""),
    ("T_FMT", 131114, "%H:%M:%S"),
    ("T_FMT_AMPM", 131115, "%I:%M:%S %p"),
    ("YESEXPR", 327680, "^[yY]"),
    ("_DATE_FMT", 131180, "%a %b %e %H:%M:%S %Z %Y"),
];

struct State {
    module: ObjRef,
    error: ObjRef,
}

fn state() -> &'static State {
    static S: OnceLock<State> = OnceLock::new();
    S.get_or_init(|| {
        let error =
            crate::modules::r#struct::new_exception_class("Error", "locale", exc_type(ExcKind::Exception), None)
                .expect("locale.Error");
        let m = module::new_module("_locale").make_immortal();
        let d = module::module_dict(&m);
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        for (name, v) in CATEGORIES {
            dict::set_str(d, name, Value::Int(*v));
        }
        dict::set_str(d, "LC_ALL", Value::Int(LC_ALL));
        dict::set_str(d, "CHAR_MAX", Value::Int(127));
        for (name, key, _) in LANGINFO {
            dict::set_str(d, name, Value::Int(*key));
        }
        dict::set_str(d, "Error", Value::Obj(error.clone()));
        State { module: m, error }
    })
}

pub fn module() -> PyResult<ObjRef> {
    Ok(state().module.clone())
}

/// The locale of each of glibc's 12 categories (Python's six first, in order), as `setlocale` set them.
fn current() -> &'static Mutex<Vec<String>> {
    static C: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    C.get_or_init(|| {
        // Like CPython at start-up: LC_CTYPE from the environment (when crabby supports it), the rest "C".
        let mut v = vec!["C".to_string(); CATEGORIES.len() + OTHER_CATEGORIES.len()];
        if let Some(l) = env_locale("LC_CTYPE").filter(|l| supported(l)) {
            v[0] = l;
        }
        Mutex::new(v)
    })
}

fn supported(name: &str) -> bool {
    matches!(name, "C" | "POSIX" | "C.UTF-8" | "C.utf8")
}

/// What `setlocale(category, "")` picks for a category: `LC_ALL`, then the category's own variable, then
/// `LANG`, else "C".
fn env_locale(category: &str) -> Option<String> {
    for var in ["LC_ALL", category, "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

fn unsupported() -> PyErr {
    PyErr::from_exception(crate::builtins::exceptions::new_exception_of(
        &state().error,
        vec![Value::from("unsupported locale setting")],
    ))
}

fn all_name(cur: &[String]) -> String {
    if cur.iter().all(|c| *c == cur[0]) {
        return cur[0].clone();
    }
    let names = CATEGORIES.iter().map(|(n, _)| *n).chain(OTHER_CATEGORIES.iter().copied());
    names.zip(cur).map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join(";")
}

fn setlocale(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("setlocale", args, kwargs).between(1, 2)?;
    let category = crate::builtins::int::as_i64(&crate::ops::number::index(&a[0])?).unwrap_or(-1);
    let slot = CATEGORIES.iter().position(|(_, c)| *c == category);
    if slot.is_none() && category != LC_ALL {
        return Err(unsupported());
    }
    let target = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                return Err(type_error(format!("setlocale() argument 2 must be str or None, not {}", v.type_name())))
            }
        },
    };
    let mut cur = current().lock();
    if let Some(t) = target {
        let mut next = cur.clone();
        let indices: Vec<usize> = match slot {
            Some(i) => vec![i],
            None => (0..next.len()).collect(),
        };
        for i in indices {
            let name = CATEGORIES.iter().map(|(n, _)| *n).chain(OTHER_CATEGORIES.iter().copied()).nth(i).unwrap_or("");
            let wanted = if t.is_empty() { env_locale(name).unwrap_or_else(|| "C".to_string()) } else { t.clone() };
            if !supported(&wanted) {
                return Err(unsupported());
            }
            next[i] = wanted;
        }
        *cur = next;
    }
    Ok(Value::from(match slot {
        Some(i) => cur[i].clone(),
        None => all_name(&cur),
    }))
}

fn localeconv(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("localeconv", args, kwargs).exact(0)?;
    let d = dict::new_dict_obj();
    for k in ["int_curr_symbol", "currency_symbol", "mon_decimal_point", "mon_thousands_sep"] {
        dict::set_str(&d, k, Value::from(""));
    }
    dict::set_str(&d, "mon_grouping", list::new_list(Vec::new()));
    dict::set_str(&d, "positive_sign", Value::from(""));
    dict::set_str(&d, "negative_sign", Value::from(""));
    for k in [
        "int_frac_digits",
        "frac_digits",
        "p_cs_precedes",
        "p_sep_by_space",
        "n_cs_precedes",
        "n_sep_by_space",
        "p_sign_posn",
        "n_sign_posn",
    ] {
        dict::set_str(&d, k, Value::Int(127));
    }
    dict::set_str(&d, "decimal_point", Value::from("."));
    dict::set_str(&d, "thousands_sep", Value::from(""));
    dict::set_str(&d, "grouping", list::new_list(Vec::new()));
    Ok(Value::Obj(d))
}

fn nl_langinfo(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("nl_langinfo", args, kwargs).exact(1)?;
    let key = crate::builtins::int::as_i64(&crate::ops::number::index(&a[0])?).unwrap_or(-1);
    match LANGINFO.iter().find(|(_, k, _)| *k == key) {
        // NOTE: the codeset is UTF-8 whatever the locale: crabby's text I/O is UTF-8.
        Some(("CODESET", _, _)) => Ok(Value::from("UTF-8")),
        Some((_, _, v)) => Ok(Value::from(*v)),
        None => Err(crate::error::value_error("unsupported langinfo constant")),
    }
}

fn getencoding(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("getencoding", args, kwargs).exact(0)?;
    Ok(Value::from("UTF-8"))
}

fn strcoll(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("strcoll", args, kwargs).exact(2)?;
    let (Some(x), Some(y)) = (a[0].as_str(), a[1].as_str()) else {
        let bad = if a[0].as_str().is_none() { &a[0] } else { &a[1] };
        return Err(type_error(format!("strcoll() argument must be str, not {}", bad.type_name())));
    };
    // The C locale collates by code point.
    Ok(Value::Int(match x.cmp(y) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }))
}

fn strxfrm(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("strxfrm", args, kwargs).exact(1)?;
    if a[0].as_str().is_none() {
        return Err(type_error(format!("strxfrm() argument must be str, not {}", a[0].type_name())));
    }
    Ok(a[0].clone())
}

/// The message catalogue functions: the C locale has no translations, so text comes back unchanged.
fn gettext(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("gettext", args, kwargs).exact(1)?;
    Ok(a[0].clone())
}

fn dgettext(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("dgettext", args, kwargs).exact(2)?;
    Ok(a[1].clone())
}

fn dcgettext(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("dcgettext", args, kwargs).exact(3)?;
    Ok(a[1].clone())
}

fn textdomain(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("textdomain", args, kwargs).exact(1)?;
    Ok(if a[0].is_none() { Value::from("messages") } else { a[0].clone() })
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("setlocale", setlocale),
    ("localeconv", localeconv),
    ("nl_langinfo", nl_langinfo),
    ("getencoding", getencoding),
    ("strcoll", strcoll),
    ("strxfrm", strxfrm),
    ("gettext", gettext),
    ("dgettext", dgettext),
    ("dcgettext", dcgettext),
    ("textdomain", textdomain),
];
