//! Argument checking for native functions and methods, with CPython's messages.

use crate::error::{type_error, PyResult};
use crate::Value;

/// The arguments a native function received. `name` is how CPython names the function in its messages
/// (`len`, `list.append`, ...).
pub struct Args<'a> {
    pub name: &'a str,
    pub args: &'a [Value],
    pub kwargs: &'a [(Value, Value)],
}

impl<'a> Args<'a> {
    pub fn new(name: &'a str, args: &'a [Value], kwargs: &'a [(Value, Value)]) -> Args<'a> {
        Args { name, args, kwargs }
    }

    /// Rejects keyword arguments: `f() takes no keyword arguments`.
    pub fn no_kwargs(&self) -> PyResult<()> {
        if self.kwargs.is_empty() {
            Ok(())
        } else {
            Err(type_error(format!("{}() takes no keyword arguments", self.name)))
        }
    }

    /// Exactly `n` positional arguments (for methods, the receiver included), no keywords; CPython's METH_O and
    /// METH_NOARGS messages.
    pub fn exact(self, n: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs()?;
        if self.args.len() == n {
            return Ok(self.args);
        }
        Err(self.exact_error(n))
    }

    /// The message for a wrong count with `n` expected, counting the receiver when `name` is a method.
    fn exact_error(&self, n: usize) -> crate::error::PyErr {
        let is_method = self.name.contains('.');
        let (want, got) = if is_method { (n - 1, self.args.len().saturating_sub(1)) } else { (n, self.args.len()) };
        match want {
            0 => type_error(format!("{}() takes no arguments ({got} given)", self.name)),
            1 => type_error(format!("{}() takes exactly one argument ({got} given)", self.name)),
            _ => type_error(format!("{} expected {want} arguments, got {got}", self.name)),
        }
    }

    /// Between `min` and `max` positional arguments (receiver included for methods), no keywords; Argument
    /// Clinic's messages (`pop expected at most 1 argument, got 2`).
    #[inline]
    pub fn between(self, min: usize, max: usize) -> PyResult<&'a [Value]> {
        let n = self.args.len();
        // The common case first: the name is only parsed to report an error.
        if self.kwargs.is_empty() && (min..=max).contains(&n) {
            return Ok(self.args);
        }
        self.between_error(min, max)
    }

    #[cold]
    fn between_error(self, min: usize, max: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs()?;
        let n = self.args.len();
        let is_method = self.name.contains('.');
        let off = is_method as usize;
        let short = self.name.rsplit('.').next().unwrap_or(self.name);
        if n > max {
            let m = max - off;
            return Err(type_error(format!(
                "{short} expected at most {m} argument{}, got {}",
                if m == 1 { "" } else { "s" },
                n - off
            )));
        }
        if n < min {
            let m = min - off;
            return Err(type_error(format!(
                "{short} expected at least {m} argument{}, got {}",
                if m == 1 { "" } else { "s" },
                n - off
            )));
        }
        Ok(self.args)
    }

    /// Binds positional and keyword arguments to `names` (the receiver, if any, is `names[0]`); the first
    /// `required` are required. Unknown keywords and duplicates raise CPython's messages.
    pub fn bind(self, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
        let mut out: Vec<Option<Value>> = vec![None; names.len()];
        if self.args.len() > names.len() {
            let is_method = self.name.contains('.');
            let off = is_method as usize;
            return Err(type_error(format!(
                "{}() takes at most {} argument{} ({} given)",
                self.name,
                names.len() - off,
                if names.len() - off == 1 { "" } else { "s" },
                self.args.len() - off
            )));
        }
        for (i, a) in self.args.iter().enumerate() {
            out[i] = Some(a.clone());
        }
        for (k, v) in self.kwargs {
            let k = k.as_str().unwrap_or("");
            match names.iter().position(|n| *n == k) {
                Some(i) if out[i].is_some() => {
                    return Err(type_error(format!(
                        "argument for {}() given by name ('{k}') and position ({})",
                        self.name,
                        i + 1
                    )))
                }
                Some(i) => out[i] = Some(v.clone()),
                None => return Err(type_error(format!("{}() got an unexpected keyword argument '{k}'", self.name))),
            }
        }
        for (i, slot) in out.iter().enumerate().take(required) {
            if slot.is_none() {
                return Err(type_error(format!(
                    "{}() missing required argument '{}' (pos {})",
                    self.name,
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }
}
