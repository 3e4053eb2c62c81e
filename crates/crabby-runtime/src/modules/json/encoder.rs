//! `_json.Encoder` (`make_encoder(markers, default, encoder, indent, key_separator, item_separator,
//! sort_keys, skipkeys, allow_nan)`): the one-shot JSON encoder. Called as `encoder(obj, indent_level)`, it
//! returns a 1-tuple holding the whole JSON text, as CPython 3.12's does.
//!
//! As in CPython 3.12, `indent` is stored but not used: `json/encoder.py` only uses this encoder when
//! `indent` is None. Strings are escaped in place when `encoder` is this module's own
//! `encode_basestring_ascii` or `encode_basestring` (what `json` passes); any other `encoder` is called.
//! Ints and floats are written with `int.__repr__` and `float.__repr__` whatever their class, as CPython does.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::builtins::float::float_repr_into;
use crate::builtins::function::new_builtin;
use crate::builtins::object::static_method;
use crate::builtins::str::{as_pystr, clinic_type_name, new_string};
use crate::builtins::{add_getters, add_methods, dict, int, list, new_native_type, tuple, type_, types};
use crate::error::{type_error, value_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::call::DepthGuard;
use crate::Value;

use super::{escape_ascii_into, escape_into, escapers, ssize};

/// How strings are escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// The module's `encode_basestring_ascii`, done in place.
    Ascii,
    /// The module's `encode_basestring`, done in place.
    Plain,
    /// Some other callable, called for each string.
    Call,
}

/// The encoder's settings; immutable after construction.
struct Encoder {
    markers: Value,
    default: Value,
    encoder: Value,
    indent: Value,
    key_separator: Value,
    item_separator: Value,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    escape: Escape,
}

/// The `_json.Encoder` type, exported as `make_encoder`.
pub(super) fn encoder_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| {
        let ty = new_native_type("Encoder", "_json", false);
        add_methods(&ty, &[("__call__", encoder_call)]);
        let d = &type_::type_obj(&ty).dict;
        dict::set_str(d, "__new__", static_method(new_builtin("__new__", encoder_new, Some(ty.clone()))));
        dict::set_str(d, "__doc__", Value::from("_iterencode(obj, _current_indent_level) -> iterable"));
        type_::type_obj(&ty).modified();
        add_getters(
            &ty,
            &[
                ("markers", |a, _| Ok(this(a)?.markers.clone())),
                ("default", |a, _| Ok(this(a)?.default.clone())),
                ("encoder", |a, _| Ok(this(a)?.encoder.clone())),
                ("indent", |a, _| Ok(this(a)?.indent.clone())),
                ("key_separator", |a, _| Ok(this(a)?.key_separator.clone())),
                ("item_separator", |a, _| Ok(this(a)?.item_separator.clone())),
                ("sort_keys", |a, _| Ok(Value::Bool(this(a)?.sort_keys))),
                ("skipkeys", |a, _| Ok(Value::Bool(this(a)?.skipkeys))),
            ],
        );
        ty
    })
}

fn this(args: &[Value]) -> PyResult<&Encoder> {
    args.first()
        .and_then(|v| v.payload())
        .and_then(|p| p.native::<Encoder>())
        .ok_or_else(|| type_error("descriptor requires a '_json.Encoder' object"))
}

/// `make_encoder(...)`.
fn encoder_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    const NAMES: &[&str] = &[
        "markers",
        "default",
        "encoder",
        "indent",
        "key_separator",
        "item_separator",
        "sort_keys",
        "skipkeys",
        "allow_nan",
    ];
    let a = crate::modules::r#struct::clinic("make_encoder", args.get(1..).unwrap_or(&[]), kwargs, NAMES, 0, 9, 9)?;
    let arg = |i: usize| a[i].clone().expect("required");
    let sep = |i: usize| -> PyResult<Value> {
        let v = arg(i);
        if as_pystr(&v).is_none() {
            return Err(type_error(format!(
                "make_encoder() argument {} must be str, not {}",
                i + 1,
                clinic_type_name(&v)
            )));
        }
        Ok(v)
    };
    let (key_separator, item_separator) = (sep(4)?, sep(5)?);
    let (sort_keys, skipkeys, allow_nan) = (ops::truthy(&arg(6))?, ops::truthy(&arg(7))?, ops::truthy(&arg(8))?);
    let markers = arg(0);
    if !markers.is_none() && !dict::is_dict(&markers) {
        return Err(type_error(format!(
            "make_encoder() argument 1 must be dict or None, not {:.200}",
            markers.type_name()
        )));
    }
    let encoder = arg(2);
    let (ascii, plain) = escapers();
    let escape = if encoder.is(ascii) {
        Escape::Ascii
    } else if encoder.is(plain) {
        Escape::Plain
    } else {
        Escape::Call
    };
    let e = Encoder {
        markers,
        default: arg(1),
        encoder,
        indent: arg(3),
        key_separator,
        item_separator,
        sort_keys,
        skipkeys,
        allow_nan,
        escape,
    };
    Ok(Value::Obj(ObjRef::new(encoder_type(), Payload::Native(NativeBox::new(e)))))
}

/// `encoder(obj, _current_indent_level)`.
fn encoder_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = this(args)?;
    let a = crate::modules::r#struct::clinic(
        "_iterencode",
        &args[1..],
        kwargs,
        &["obj", "_current_indent_level"],
        0,
        2,
        2,
    )?;
    let obj = a[0].as_ref().expect("required");
    ssize(a[1].as_ref().expect("required"))?;
    let mut run = Run {
        e,
        out: String::new(),
        markers: (!e.markers.is_none()).then(HashSet::new),
        key_sep: e.key_separator.as_str().unwrap_or_default(),
        item_sep: e.item_separator.as_str().unwrap_or_default(),
    };
    run.obj(obj)?;
    Ok(tuple::new_tuple_array([new_string(run.out)]))
}

/// One call of the encoder: the text so far and the containers being encoded.
struct Run<'a> {
    e: &'a Encoder,
    out: String,
    /// The ids of the containers (and objects given to `default`) being encoded, when `markers` is not None.
    // NOTE: CPython records them in the `markers` dict itself; a per-call set behaves the same for the dict
    // `json.encoder` makes fresh for every call, without allocating an int per container.
    markers: Option<HashSet<usize>>,
    key_sep: &'a str,
    item_sep: &'a str,
}

fn enter() -> PyResult<DepthGuard> {
    super::enter("while encoding a JSON object")
}

impl Run<'_> {
    fn obj(&mut self, obj: &Value) -> PyResult<()> {
        match obj {
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(i) => {
                let mut buf = [0u8; 20];
                self.out.push_str(ops::format::i64_digits(*i, &mut buf));
            }
            Value::Float(f) => self.float(*f, obj)?,
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) => self.string(s.as_str(), obj)?,
                Payload::Int(_) => self.out.push_str(&int::int_repr(obj)?),
                Payload::Float(f) => self.float(*f, obj)?,
                Payload::List(l) => {
                    let items = l.read().clone();
                    let _g = enter()?;
                    self.list(obj, &items)?;
                }
                Payload::Tuple(t) => {
                    let _g = enter()?;
                    self.list(obj, t)?;
                }
                Payload::Dict(_) => {
                    let _g = enter()?;
                    self.dict(obj)?;
                }
                _ => {
                    let id = self.mark(obj)?;
                    let new = ops::call::call(&self.e.default, std::slice::from_ref(obj), &[])?;
                    {
                        let _g = enter()?;
                        self.obj(&new)?;
                    }
                    self.unmark(id);
                }
            },
        }
        Ok(())
    }

    /// Records that `obj` is being encoded; "Circular reference detected" if it already is.
    fn mark(&mut self, obj: &Value) -> PyResult<Option<usize>> {
        let Some(m) = &mut self.markers else { return Ok(None) };
        let id = obj.id() as usize;
        if !m.insert(id) {
            return Err(value_error("Circular reference detected"));
        }
        Ok(Some(id))
    }

    fn unmark(&mut self, id: Option<usize>) {
        if let (Some(m), Some(id)) = (&mut self.markers, id) {
            m.remove(&id);
        }
    }

    /// A float's JSON text: `float.__repr__`, or the names of the non-finite values when `allow_nan`.
    fn float_text(&self, f: f64, obj: &Value) -> PyResult<String> {
        let mut out = String::new();
        self.float_into(&mut out, f, obj)?;
        Ok(out)
    }

    /// Appends a float's JSON text to `out` (see [`Run::float_text`]).
    fn float_into(&self, out: &mut String, f: f64, obj: &Value) -> PyResult<()> {
        if f.is_finite() {
            float_repr_into(out, f);
            return Ok(());
        }
        if !self.e.allow_nan {
            return Err(value_error(format!(
                "Out of range float values are not JSON compliant: {}",
                ops::format::repr(obj)?
            )));
        }
        out.push_str(if f > 0.0 {
            "Infinity"
        } else if f < 0.0 {
            "-Infinity"
        } else {
            "NaN"
        });
        Ok(())
    }

    fn float(&mut self, f: f64, obj: &Value) -> PyResult<()> {
        let mut out = std::mem::take(&mut self.out);
        let r = self.float_into(&mut out, f, obj);
        self.out = out;
        r
    }

    /// A string, escaped: `text` is the text of `obj` (a str), which a custom encoder is called with.
    fn string(&mut self, text: &str, obj: &Value) -> PyResult<()> {
        match self.e.escape {
            Escape::Ascii => escape_ascii_into(&mut self.out, text),
            Escape::Plain => escape_into(&mut self.out, text),
            Escape::Call => {
                let r = ops::call::call(&self.e.encoder, std::slice::from_ref(obj), &[])?;
                match r.as_str() {
                    Some(s) => self.out.push_str(s),
                    None => {
                        return Err(type_error(format!("encoder() must return a string, not {:.80}", r.type_name())))
                    }
                }
            }
        }
        Ok(())
    }

    fn list(&mut self, obj: &Value, items: &[Value]) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        let id = self.mark(obj)?;
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(self.item_sep);
            }
            self.obj(item)?;
        }
        self.unmark(id);
        self.out.push(']');
        Ok(())
    }

    fn dict(&mut self, obj: &Value) -> PyResult<()> {
        let Value::Obj(d) = obj else { unreachable!("dict payload checked by the caller") };
        if dict::len(d) == 0 {
            self.out.push_str("{}");
            return Ok(());
        }
        let id = self.mark(obj)?;
        self.out.push('{');
        let exact = d.ty().ptr_eq(&types().dict);
        let mut items = if exact {
            dict::items(d)
        } else {
            // `PyMapping_Items`: whatever the subclass's `items()` returns, as a list.
            let it = ops::iter::iter(&ops::call::call(&ops::attr::getattr_str(obj, "items")?, &[], &[])?)?;
            let mut pairs = Vec::new();
            while let Some(item) = ops::iter::next(&it)? {
                pairs.push(item);
            }
            let mut out = Vec::with_capacity(pairs.len());
            for p in pairs {
                match p.as_tuple() {
                    Some([k, v]) => out.push((k.clone(), v.clone())),
                    _ => return Err(value_error("items must return 2-tuples")),
                }
            }
            out
        };
        if self.e.sort_keys {
            sort_items(&mut items)?;
        }
        let mut first = true;
        for (k, v) in &items {
            self.key_value(&mut first, k, v)?;
        }
        self.unmark(id);
        self.out.push('}');
        Ok(())
    }

    /// One `key: value` member (`encoder_encode_key_value`): keys that are not str are coerced as CPython
    /// does, or skipped with `skipkeys`, or refused.
    fn key_value(&mut self, first: &mut bool, key: &Value, value: &Value) -> PyResult<()> {
        let coerced: Option<String> = match key {
            Value::Obj(o) if matches!(o.payload, Payload::Str(_)) => None,
            Value::Float(f) => Some(self.float_text(*f, key)?),
            Value::Obj(o) if matches!(o.payload, Payload::Float(_)) => {
                let Payload::Float(f) = o.payload else { unreachable!() };
                Some(self.float_text(f, key)?)
            }
            Value::Bool(true) => Some("true".into()),
            Value::Bool(false) => Some("false".into()),
            Value::None => Some("null".into()),
            Value::Int(i) => Some(i.to_string()),
            Value::Obj(o) if matches!(o.payload, Payload::Int(_)) => Some(int::int_repr(key)?),
            _ if self.e.skipkeys => return Ok(()),
            _ => {
                return Err(type_error(format!(
                    "keys must be str, int, float, bool or None, not {:.100}",
                    key.type_name()
                )))
            }
        };
        if *first {
            *first = false;
        } else {
            self.out.push_str(self.item_sep);
        }
        match coerced {
            None => self.string(key.as_str().unwrap_or_default(), key)?,
            // A custom encoder is called with the coerced key as a str; the built-in escapers need its text only.
            Some(text) => {
                let v = if self.e.escape == Escape::Call { Value::from(text.as_str()) } else { Value::None };
                self.string(&text, &v)?;
            }
        }
        self.out.push_str(self.key_sep);
        self.obj(value)
    }
}

/// Sorts `(key, value)` items as CPython sorts its list of item tuples: by key (all keys are distinct in a
/// dict), comparing with `<`; exact str keys are compared directly.
fn sort_items(items: &mut Vec<(Value, Value)>) -> PyResult<()> {
    let all_str = items.iter().all(|(k, _)| crate::builtins::str::is_exact_str(k));
    if all_str {
        items.sort_by(|a, b| a.0.as_str().unwrap_or_default().cmp(b.0.as_str().unwrap_or_default()));
        return Ok(());
    }
    let mut tuples: Vec<Value> = items.drain(..).map(|(k, v)| tuple::new_tuple_array([k, v])).collect();
    list::sort_values(&mut tuples, None, false)?;
    for t in tuples {
        if let Some([k, v]) = t.as_tuple() {
            items.push((k.clone(), v.clone()));
        }
    }
    Ok(())
}
