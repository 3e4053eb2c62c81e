//! `TextIOWrapper` (text over a buffered binary stream) and `IncrementalNewlineDecoder`.
//!
//! Reading decodes chunks of the buffer into `decoded` (the text exactly as decoded, newlines untranslated),
//! keeping an incomplete multi-byte sequence at a chunk's end in `pending` for the next chunk. Newlines are
//! recognised and translated as the text is handed out (universal newlines for `newline=None` and `''`, one
//! fixed terminator otherwise). Because the codecs crabby has (see `builtins/str_codec.rs`) keep no state
//! between characters, `tell()` is the buffer's position minus the bytes not yet handed out, which is the
//! same number CPython's opaque cookie is for these codecs.
//! NOTE: text decoded with a lossy error handler (`replace`, `ignore`) does not re-encode to its original
//! length, so `tell()` after reading such text may differ from CPython's cookie.
//!
//! Writing translates `\n` to the `newline` given, encodes (a byte-order mark only at the start of the
//! stream), and hands the bytes straight to the buffer; `line_buffering` flushes on a newline.

use parking_lot::{Mutex, MutexGuard};

use crate::builtins::str_codec::{self, Codec};
use crate::builtins::type_::{self, Layout};
use crate::builtins::{bytes, tuple};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

use super::bufferedio::buffered_of;
use super::{call_meth, closed_file, opt_str, recv, size_arg, state, tp_name, unsupported};

const CHUNK_SIZE: usize = 8192;

/// Newline kinds seen while reading (`newlines` attribute): CPython's bit values.
const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The mutable state of a `TextIOWrapper`.
pub struct TextState {
    buffer: Option<Value>,
    encoding: String,
    codec: Codec,
    /// The codec reading uses after a byte-order mark fixed the byte order.
    dec_codec: Codec,
    errors: String,
    /// `newline` as given: `None`, `""`, `"\n"`, `"\r"` or `"\r\n"`.
    newline: Option<String>,
    line_buffering: bool,
    write_through: bool,
    readable: bool,
    writable: bool,
    seekable: bool,
    /// False while iterating with `next()`, as in CPython.
    telling: bool,
    decoded: String,
    dpos: usize,
    pending: Vec<u8>,
    eof: bool,
    seennl: u8,
    /// Whether the stream's start (where a byte-order mark goes) is behind us, for writing and reading.
    encoder_started: bool,
    decoder_started: bool,
}

impl TextState {
    fn universal(&self) -> bool {
        self.newline.as_deref().is_none_or(|n| n.is_empty())
    }

    fn translate(&self) -> bool {
        self.newline.is_none()
    }
}

/// The payload of `TextIOWrapper` objects.
pub struct TextIO {
    pub st: Mutex<TextState>,
}

type Guard<'a> = MutexGuard<'a, TextState>;

fn detached() -> PyErr {
    value_error("underlying buffer has been detached")
}

fn buffer_of(g: &Guard) -> PyResult<Value> {
    g.buffer.clone().ok_or_else(detached)
}

/// Calls a method of the buffer: natively for the runtime's own buffered objects, else with the lock released.
fn buf_call(g: &mut Guard, buffer: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    if buffered_of(buffer).is_some() {
        return call_meth(buffer, name, args);
    }
    MutexGuard::unlocked(g, || call_meth(buffer, name, args))
}

fn buf_write(g: &mut Guard, buffer: &Value, data: Vec<u8>) -> PyResult<()> {
    if let Some(b) = buffered_of(buffer) {
        if b.writable {
            b.write(&data)?;
            return Ok(());
        }
    }
    buf_call(g, buffer, "write", &[bytes::new_bytes_vec(data)])?;
    Ok(())
}

fn buf_flush(g: &mut Guard, buffer: &Value) -> PyResult<()> {
    if let Some(b) = buffered_of(buffer) {
        return b.flush();
    }
    buf_call(g, buffer, "flush", &[])?;
    Ok(())
}

fn buf_closed(g: &mut Guard, buffer: &Value) -> PyResult<bool> {
    if let Some(b) = buffered_of(buffer) {
        if let Some(r) = b.closed_natively() {
            return r;
        }
        return super::is_closed(buffer);
    }
    MutexGuard::unlocked(g, || super::is_closed(buffer))
}

/// The number of bytes `text` encodes to in `codec` (exact for the stateless codecs).
fn encoded_len(codec: Codec, text: &str) -> usize {
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => text.len(),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => text.encode_utf16().count() * 2,
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => text.chars().count() * 4,
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => text.chars().count(),
    }
}

/// How many bytes at the end of `data` start a character that needs more bytes (kept for the next chunk).
fn incomplete_tail(codec: Codec, data: &[u8]) -> usize {
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            for back in 1..=data.len().min(3) {
                let b = data[data.len() - back];
                if b & 0xc0 == 0x80 {
                    continue;
                }
                let need = match b {
                    0xc2..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf4 => 4,
                    _ => 1,
                };
                return if need > back { back } else { 0 };
            }
            0
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let mut keep = data.len() % 2;
            let whole = data.len() - keep;
            if whole >= 2 {
                let (a, b) = (data[whole - 2], data[whole - 1]);
                let unit =
                    if codec == Codec::Utf16Be { u16::from_be_bytes([a, b]) } else { u16::from_le_bytes([a, b]) };
                if (0xd800..0xdc00).contains(&unit) {
                    keep += 2;
                }
            }
            keep
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => data.len() % 4,
        _ => 0,
    }
}

/// Decodes `data` after any bytes pending from the last chunk; `last` at end of file.
fn decode_chunk(g: &mut Guard, data: &[u8], last: bool) -> PyResult<String> {
    let mut all = std::mem::take(&mut g.pending);
    all.extend_from_slice(data);
    if !g.decoder_started {
        // The byte-order mark decides the byte order of the whole stream; wait for enough bytes to see it.
        let bom_len = match g.codec {
            Codec::Utf8Sig => 3,
            Codec::Utf16 => 2,
            Codec::Utf32 => 4,
            _ => 0,
        };
        if all.len() < bom_len && !last {
            g.pending = all;
            return Ok(String::new());
        }
        g.decoder_started = true;
        match g.codec {
            Codec::Utf8Sig => {
                if all.starts_with(&[0xef, 0xbb, 0xbf]) {
                    all.drain(..3);
                }
                g.dec_codec = Codec::Utf8;
            }
            Codec::Utf16 => {
                if all.starts_with(&[0xfe, 0xff]) {
                    all.drain(..2);
                    g.dec_codec = Codec::Utf16Be;
                } else {
                    if all.starts_with(&[0xff, 0xfe]) {
                        all.drain(..2);
                    }
                    g.dec_codec = Codec::Utf16Le;
                }
            }
            Codec::Utf32 => {
                if all.starts_with(&[0, 0, 0xfe, 0xff]) {
                    all.drain(..4);
                    g.dec_codec = Codec::Utf32Be;
                } else {
                    if all.starts_with(&[0xff, 0xfe, 0, 0]) {
                        all.drain(..4);
                    }
                    g.dec_codec = Codec::Utf32Le;
                }
            }
            c => g.dec_codec = c,
        }
    }
    let keep = if last { 0 } else { incomplete_tail(g.dec_codec, &all) };
    let cut = all.len() - keep;
    g.pending = all[cut..].to_vec();
    let object = bytes::new_bytes(&all[..cut]);
    let text = str_codec::decode(g.dec_codec, &all[..cut], &g.errors, &object)?;
    if g.universal() {
        let b = text.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' {
                if i > 0 && b[i - 1] == b'\r' {
                    g.seennl |= SEEN_CRLF;
                } else {
                    g.seennl |= SEEN_LF;
                }
            } else if c == b'\r' && b.get(i + 1) != Some(&b'\n') && (i + 1 < b.len() || last) {
                g.seennl |= SEEN_CR;
            }
        }
    }
    Ok(text)
}

/// Reads and decodes one more chunk into `decoded`; false at end of file.
fn read_chunk(g: &mut Guard, buffer: &Value) -> PyResult<bool> {
    if g.eof {
        return Ok(false);
    }
    let data = match buffered_of(buffer) {
        Some(b) if b.readable => b.read1(CHUNK_SIZE as i64)?,
        _ => {
            let has_read1 = ops::attr::getattr_opt(buffer, "read1")?.is_some();
            let r = buf_call(g, buffer, if has_read1 { "read1" } else { "read" }, &[Value::Int(CHUNK_SIZE as i64)])?;
            match bytes::buffer(&r)? {
                Some(d) => d.into_owned(),
                None if r.is_none() => Vec::new(),
                None => {
                    return Err(type_error(format!(
                        "underlying {}() should have returned a bytes-like object, not '{}'",
                        if has_read1 { "read1" } else { "read" },
                        r.type_name()
                    )))
                }
            }
        }
    };
    let last = data.is_empty();
    let text = decode_chunk(g, &data, last)?;
    if g.dpos > 0 {
        let d = g.dpos;
        g.decoded.drain(..d);
        g.dpos = 0;
    }
    g.decoded.push_str(&text);
    if last {
        g.eof = true;
    }
    Ok(!last)
}

/// Hands out the decoded text `decoded[dpos..end]`, translating newlines when asked.
fn hand_out(g: &mut Guard, end: usize) -> String {
    let raw = &g.decoded[g.dpos..end];
    let out = if g.translate() && raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_string()
    };
    g.dpos = end;
    if g.dpos == g.decoded.len() {
        g.decoded.clear();
        g.dpos = 0;
    }
    out
}

/// Everything left, to end of file.
fn read_all(g: &mut Guard, buffer: &Value) -> PyResult<String> {
    let data = match buffered_of(buffer) {
        Some(b) if b.readable => b.read(-1)?.unwrap_or_default(),
        _ => {
            let r = buf_call(g, buffer, "read", &[])?;
            bytes::buffer(&r)?.map(|d| d.into_owned()).unwrap_or_default()
        }
    };
    let text = decode_chunk(g, &data, true)?;
    g.decoded.push_str(&text);
    g.eof = true;
    let end = g.decoded.len();
    Ok(hand_out(g, end))
}

/// Up to `n` characters (after newline translation).
fn read_n(g: &mut Guard, buffer: &Value, n: usize) -> PyResult<String> {
    loop {
        // Count characters available, a `\r\n` pair being one when translating; a `\r` at the very end may
        // be the first half of a pair, so it is not counted until more text arrives.
        let translate = g.translate();
        let mut count = 0;
        let mut end = g.dpos;
        let bytes = g.decoded.as_bytes();
        let mut it = g.decoded[g.dpos..].char_indices().peekable();
        let mut short = true;
        while let Some((i, c)) = it.next() {
            if count == n {
                short = false;
                break;
            }
            let at = g.dpos + i;
            if translate && c == '\r' {
                match bytes.get(at + 1) {
                    Some(b'\n') => {
                        it.next();
                        end = at + 2;
                        count += 1;
                        continue;
                    }
                    None if !g.eof => break,
                    _ => {}
                }
            }
            end = at + c.len_utf8();
            count += 1;
        }
        if count == n {
            short = false;
        }
        if !short || g.eof {
            return Ok(hand_out(g, end));
        }
        if !read_chunk(g, buffer)? && g.eof {
            continue;
        }
    }
}

/// The end (exclusive) of the next line in `decoded[dpos..]`, if it is complete.
fn line_end(g: &Guard) -> Option<usize> {
    let text = &g.decoded[g.dpos..];
    let b = text.as_bytes();
    match g.newline.as_deref() {
        None | Some("") => {
            let i = b.iter().position(|&c| c == b'\n' || c == b'\r')?;
            if b[i] == b'\n' {
                return Some(g.dpos + i + 1);
            }
            match b.get(i + 1) {
                Some(b'\n') => Some(g.dpos + i + 2),
                Some(_) => Some(g.dpos + i + 1),
                None if g.eof => Some(g.dpos + i + 1),
                None => None,
            }
        }
        Some(nl) => text.find(nl).map(|i| g.dpos + i + nl.len()),
    }
}

fn readline(g: &mut Guard, buffer: &Value, limit: i64) -> PyResult<String> {
    loop {
        if let Some(end) = line_end(g) {
            let line = hand_out_limited(g, end, limit);
            return Ok(line);
        }
        if limit >= 0 && g.decoded[g.dpos..].chars().count() >= limit as usize {
            let end = g.decoded.len();
            return Ok(hand_out_limited(g, end, limit));
        }
        if !read_chunk(g, buffer)? {
            // End of file: whatever is left (a final '\r' counts as a line end now).
            if let Some(end) = line_end(g) {
                return Ok(hand_out_limited(g, end, limit));
            }
            let end = g.decoded.len();
            return Ok(hand_out_limited(g, end, limit));
        }
    }
}

/// Hands out up to `end`, but no more than `limit` characters (translated).
fn hand_out_limited(g: &mut Guard, end: usize, limit: i64) -> String {
    if limit < 0 {
        return hand_out(g, end);
    }
    let mut stop = g.dpos;
    for (count, (i, c)) in g.decoded[g.dpos..end].char_indices().enumerate() {
        if count == limit as usize {
            break;
        }
        stop = g.dpos + i + c.len_utf8();
    }
    hand_out(g, stop)
}

impl TextIO {
    fn open_guard(&self) -> PyResult<(Guard<'_>, Value)> {
        let mut g = self.st.lock();
        let buffer = buffer_of(&g)?;
        if buf_closed(&mut g, &buffer)? {
            return Err(closed_file());
        }
        Ok((g, buffer))
    }

    /// `write(text)`: the fast path `print()` takes for `sys.stdout` and `sys.stderr`.
    pub fn write_str(&self, text: &str) -> PyResult<usize> {
        let (mut g, buffer) = self.open_guard()?;
        if !g.writable {
            return Err(unsupported("not writable"));
        }
        let nl = g.newline.clone();
        let translated;
        let text_out = match nl.as_deref() {
            Some(n) if n == "\r" || n == "\r\n" => {
                translated = text.replace('\n', n);
                translated.as_str()
            }
            _ => text,
        };
        let needflush = g.line_buffering && (text.contains('\n') || text.contains('\r'));
        let codec = if g.encoder_started {
            match g.codec {
                Codec::Utf8Sig => Codec::Utf8,
                Codec::Utf16 => Codec::Utf16Le,
                Codec::Utf32 => Codec::Utf32Le,
                c => c,
            }
        } else {
            g.codec
        };
        let data = if codec == Codec::Utf8 {
            text_out.as_bytes().to_vec()
        } else {
            let v = Value::from(text_out);
            let Some(Payload::Str(s)) = v.payload() else { unreachable!("a str") };
            str_codec::encode(codec, &v, s, &g.errors)?
        };
        if !data.is_empty() {
            g.encoder_started = true;
        }
        // Read-ahead is dropped: the write goes where the buffer is, as CPython's does.
        g.decoded.clear();
        g.dpos = 0;
        g.pending.clear();
        buf_write(&mut g, &buffer, data)?;
        if needflush || g.write_through && buffered_of(&buffer).is_none() {
            buf_flush(&mut g, &buffer)?;
        }
        Ok(text.chars().count())
    }

    pub fn flush(&self) -> PyResult<()> {
        let (mut g, buffer) = self.open_guard()?;
        g.telling = g.seekable;
        buf_flush(&mut g, &buffer)
    }
}

/// The `TextIO` payload of a value, if it has one.
pub fn textio_of(v: &Value) -> Option<&TextIO> {
    v.payload()?.native::<TextIO>()
}

fn me<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a TextIO, &'a [Value])> {
    recv::<TextIO>(args, "TextIOWrapper", meth)
}

fn alloc(cls: &ObjRef) -> ObjRef {
    let st = TextState {
        buffer: None,
        encoding: String::new(),
        codec: Codec::Utf8,
        dec_codec: Codec::Utf8,
        errors: "strict".into(),
        newline: None,
        line_buffering: false,
        write_through: false,
        readable: false,
        writable: false,
        seekable: false,
        telling: false,
        decoded: String::new(),
        dpos: 0,
        pending: Vec::new(),
        eof: false,
        seennl: 0,
        encoder_started: false,
        decoder_started: false,
    };
    crate::builtins::object::alloc(cls, Payload::Native(NativeBox::new(TextIO { st: Mutex::new(st) })))
}

fn textio_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state();
    let cls = type_::new_wrapper_check(&st.textiowrapper, args)?.clone();
    let obj = Value::Obj(alloc(&cls));
    if cls.ptr_eq(&st.textiowrapper) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        textio_init(&init, kwargs)?;
    }
    Ok(obj)
}

/// A new `TextIOWrapper` of class `ty` (what `open()` and the standard streams make). `newline_given` tells
/// `newline=None` from a missing argument (the same here).
pub fn new_textio(
    ty: &ObjRef,
    buffer: &Value,
    encoding: Option<&str>,
    errors: Option<&str>,
    newline: Option<&str>,
    _newline_given: bool,
    line_buffering: bool,
    write_through: bool,
) -> PyResult<Value> {
    let obj = Value::Obj(alloc(ty));
    let opt = |s: Option<&str>| s.map_or(Value::None, Value::from);
    textio_init(
        &[
            obj.clone(),
            buffer.clone(),
            opt(encoding),
            opt(errors),
            opt(newline),
            Value::Bool(line_buffering),
            Value::Bool(write_through),
        ],
        &[],
    )?;
    Ok(obj)
}

/// Checks a `newline` argument.
fn check_newline(v: &Option<Value>, fname: &str) -> PyResult<Option<String>> {
    let nl = opt_str(v, fname, "newline")?;
    if let Some(n) = &nl {
        if !matches!(n.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(value_error(format!("illegal newline value: {n}")));
        }
    }
    Ok(nl)
}

/// Finds a codec, with CPython's message for an unknown encoding.
fn codec_for(encoding: &str) -> PyResult<Codec> {
    str_codec::lookup(encoding).ok_or_else(|| {
        PyErr::new(crate::builtins::exceptions::ExcKind::LookupError, format!("unknown encoding: {encoding}"))
    })
}

/// `TextIOWrapper.__init__(buffer, encoding=None, errors=None, newline=None, line_buffering=False,
/// write_through=False)`.
fn textio_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "__init__")?;
    let a = clinic(
        "TextIOWrapper",
        rest,
        kwargs,
        &["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"],
        0,
        1,
        6,
    )?;
    let buffer = a[0].clone().expect("required");
    let encoding = opt_str(&a[1], "TextIOWrapper", "encoding")?;
    let errors = opt_str(&a[2], "TextIOWrapper", "errors")?.unwrap_or_else(|| "strict".into());
    let newline = check_newline(&a[3], "TextIOWrapper")?;
    let line_buffering = match &a[4] {
        None => false,
        Some(v) => ops::truthy(v)?,
    };
    let write_through = match &a[5] {
        None => false,
        Some(v) => ops::truthy(v)?,
    };
    // CPython reads the locale's encoding when none is given; crabby's locale is always UTF-8.
    let encoding = match encoding.as_deref() {
        None | Some("locale") => "UTF-8".to_string(),
        Some(e) => e.to_string(),
    };
    let codec = codec_for(&encoding)?;
    let readable = ops::truthy(&call_meth(&buffer, "readable", &[])?)?;
    let writable = ops::truthy(&call_meth(&buffer, "writable", &[])?)?;
    let seekable = ops::truthy(&call_meth(&buffer, "seekable", &[])?)?;
    // A stream opened part-way (appending to a non-empty file) gets no byte-order mark.
    let mut started = false;
    if seekable && writable {
        let pos = call_meth(&buffer, "tell", &[])?;
        started = !matches!(pos, Value::Int(0));
    }
    let mut g = t.st.lock();
    *g = TextState {
        buffer: Some(buffer),
        encoding,
        codec,
        dec_codec: codec,
        errors,
        newline,
        line_buffering,
        write_through,
        readable,
        writable,
        seekable,
        telling: seekable,
        decoded: String::new(),
        dpos: 0,
        pending: Vec::new(),
        eof: false,
        seennl: 0,
        encoder_started: started,
        decoder_started: false,
    };
    Ok(Value::None)
}

fn need_readable(g: &Guard) -> PyResult<()> {
    if !g.readable {
        return Err(unsupported("not readable"));
    }
    Ok(())
}

fn tx_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "read")?;
    let a = clinic("read", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    let (mut g, buffer) = t.open_guard()?;
    need_readable(&g)?;
    let text = if n < 0 { read_all(&mut g, &buffer)? } else { read_n(&mut g, &buffer, n as usize)? };
    Ok(Value::from(text))
}

fn tx_readline(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "readline")?;
    let a = clinic("readline", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = match &a[0] {
        None | Some(Value::None) => -1,
        Some(v) => ops::number::index_i64(v, "size")?,
    };
    let (mut g, buffer) = t.open_guard()?;
    need_readable(&g)?;
    Ok(Value::from(readline(&mut g, &buffer, n)?))
}

fn tx_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "__next__")?;
    meth_noargs("__next__", rest, kwargs)?;
    let line = {
        let (mut g, buffer) = t.open_guard()?;
        need_readable(&g)?;
        g.telling = false;
        let line = readline(&mut g, &buffer, -1)?;
        if line.is_empty() {
            g.telling = g.seekable;
        }
        line
    };
    if line.is_empty() {
        return Err(PyErr::with_args(crate::builtins::exceptions::ExcKind::StopIteration, vec![]));
    }
    Ok(Value::from(line))
}

fn tx_write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "write")?;
    let text = meth_o("write", rest, kwargs)?;
    let Some(s) = text.as_str() else {
        return Err(type_error(format!("write() argument must be str, not {}", text.type_name())));
    };
    Ok(Value::Int(t.write_str(s)? as i64))
}

fn tx_flush(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "flush")?;
    meth_noargs("flush", rest, kwargs)?;
    t.flush()?;
    Ok(Value::None)
}

fn tx_close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "close")?;
    meth_noargs("close", rest, kwargs)?;
    let buffer = buffer_of(&t.st.lock())?;
    if super::is_closed(&buffer)? {
        return Ok(Value::None);
    }
    let flushed = call_meth(&args[0], "flush", &[]);
    let closed = call_meth(&buffer, "close", &[]);
    match (flushed, closed) {
        (Err(e), Err(e2)) => {
            crate::builtins::exceptions::set_context_if_unset(&e2.exc, e.exc.clone());
            Err(e2)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
        _ => Ok(Value::None),
    }
}

fn tx_tell(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "tell")?;
    meth_noargs("tell", rest, kwargs)?;
    let (mut g, buffer) = t.open_guard()?;
    if !g.seekable {
        return Err(unsupported("underlying stream is not seekable"));
    }
    if !g.telling {
        return Err(PyErr::new(
            crate::builtins::exceptions::ExcKind::OSError,
            "telling position disabled by next() call",
        ));
    }
    buf_flush(&mut g, &buffer)?;
    let pos = ops::number::index_i64(&buf_call(&mut g, &buffer, "tell", &[])?, "tell")?;
    let ahead = g.pending.len() + encoded_len(g.dec_codec, &g.decoded[g.dpos..]);
    Ok(Value::Int(pos - ahead as i64))
}

fn reset_read(g: &mut Guard) {
    g.decoded.clear();
    g.dpos = 0;
    g.pending.clear();
    g.eof = false;
}

fn tx_seek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "seek")?;
    let a = clinic("seek", rest, kwargs, &["cookie", "whence"], 2, 1, 2)?;
    let cookie_v = a[0].clone().expect("required");
    let whence = match &a[1] {
        None => 0,
        Some(w) => ops::number::index_i64(w, "whence")?,
    };
    let (mut g, buffer) = t.open_guard()?;
    if !g.seekable {
        return Err(unsupported("underlying stream is not seekable"));
    }
    let cookie = match whence {
        1 => {
            if !ops::truthy(&ops::compare::eq(&cookie_v, &Value::Int(0))?)? {
                return Err(unsupported("can't do nonzero cur-relative seeks"));
            }
            drop(g);
            let pos = tx_tell(&args[..1], &[])?;
            return tx_seek(&[args[0].clone(), pos], &[]);
        }
        2 => {
            if !ops::truthy(&ops::compare::eq(&cookie_v, &Value::Int(0))?)? {
                return Err(unsupported("can't do nonzero end-relative seeks"));
            }
            buf_flush(&mut g, &buffer)?;
            reset_read(&mut g);
            let r = buf_call(&mut g, &buffer, "seek", &[Value::Int(0), Value::Int(2)])?;
            g.encoder_started = !matches!(r, Value::Int(0));
            g.decoder_started = g.encoder_started;
            return Ok(r);
        }
        0 => ops::number::index_i64(&cookie_v, "cookie")?,
        w => return Err(value_error(format!("invalid whence ({w}, should be 0, 1 or 2)"))),
    };
    if cookie < 0 {
        return Err(value_error(format!("negative seek position {cookie}")));
    }
    buf_flush(&mut g, &buffer)?;
    reset_read(&mut g);
    buf_call(&mut g, &buffer, "seek", &[Value::Int(cookie)])?;
    g.encoder_started = cookie != 0;
    g.decoder_started = cookie != 0;
    g.dec_codec = if cookie != 0 { g.dec_codec } else { g.codec };
    Ok(cookie_v)
}

fn tx_truncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "truncate")?;
    let a = clinic("truncate", rest, kwargs, &["pos"], 1, 0, 1)?;
    let buffer = buffer_of(&t.st.lock())?;
    call_meth(&args[0], "flush", &[])?;
    call_meth(&buffer, "truncate", &[a[0].clone().unwrap_or(Value::None)])
}

fn tx_detach(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "detach")?;
    meth_noargs("detach", rest, kwargs)?;
    call_meth(&args[0], "flush", &[])?;
    t.st.lock().buffer.take().ok_or_else(detached)
}

/// `reconfigure(*, encoding=None, errors=None, newline=None, line_buffering=None, write_through=None)`.
fn tx_reconfigure(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "reconfigure")?;
    let a = clinic(
        "reconfigure",
        rest,
        kwargs,
        &["encoding", "errors", "newline", "line_buffering", "write_through"],
        0,
        0,
        0,
    )?;
    let encoding = opt_str(&a[0], "reconfigure", "encoding")?;
    let errors = opt_str(&a[1], "reconfigure", "errors")?;
    let newline_given = a[2].is_some();
    let newline = check_newline(&a[2], "reconfigure")?;
    {
        let g = t.st.lock();
        if (encoding.is_some() || errors.is_some() || newline_given)
            && (g.dpos < g.decoded.len() || !g.pending.is_empty())
        {
            return Err(unsupported(
                "It is not possible to set the encoding or newline of stream after the first read",
            ));
        }
    }
    call_meth(&args[0], "flush", &[])?;
    let codec = match &encoding {
        Some(e) if e != "locale" => Some(codec_for(e)?),
        Some(_) => Some(Codec::Utf8),
        None => None,
    };
    let mut g = t.st.lock();
    if let (Some(e), Some(c)) = (encoding, codec) {
        g.encoding = if e == "locale" { "UTF-8".into() } else { e };
        g.codec = c;
        g.dec_codec = c;
        g.errors = errors.clone().unwrap_or_else(|| "strict".into());
    }
    if let Some(e) = errors {
        g.errors = e;
    }
    if newline_given {
        g.newline = newline;
    }
    if let Some(v) = &a[3] {
        if !v.is_none() {
            g.line_buffering = ops::truthy(v)?;
        }
    }
    if let Some(v) = &a[4] {
        if !v.is_none() {
            g.write_through = ops::truthy(v)?;
        }
    }
    Ok(Value::None)
}

fn forward(args: &[Value], kwargs: &[(Value, Value)], name: &str) -> PyResult<Value> {
    let (t, rest) = me(args, name)?;
    meth_noargs(name, rest, kwargs)?;
    let buffer = buffer_of(&t.st.lock())?;
    call_meth(&buffer, name, &[])
}

fn tx_fileno(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "fileno")
}

fn tx_isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "isatty")
}

fn tx_readable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "readable")
}

fn tx_writable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "writable")
}

fn tx_seekable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "seekable")
}

fn tx_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, rest) = me(args, "__repr__")?;
    meth_noargs("__repr__", rest, kwargs)?;
    let this = &args[0];
    let mut out = format!("<{}", tp_name(this));
    let soft = |r: PyResult<Option<Value>>| -> PyResult<Option<Value>> {
        match r {
            Ok(v) => Ok(v),
            Err(e) if e.matches(crate::builtins::exceptions::ExcKind::ValueError) => Ok(None),
            Err(e) => Err(e),
        }
    };
    if let Some(name) = soft(ops::attr::getattr_opt(this, "name"))? {
        out.push_str(&format!(" name={}", ops::format::repr(&name)?));
    }
    if let Some(mode) = soft(ops::attr::getattr_opt(this, "mode"))? {
        out.push_str(&format!(" mode={}", ops::format::repr(&mode)?));
    }
    let enc = t.st.lock().encoding.clone();
    out.push_str(&format!(" encoding={}>", ops::format::repr(&Value::from(enc))?));
    Ok(Value::from(out))
}

fn tx_getstate(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().cloned().unwrap_or(Value::None);
    Err(type_error(format!("cannot pickle '{}' instances", tp_name(&this))))
}

fn tx_encoding(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "encoding")?;
    Ok(Value::from(t.st.lock().encoding.clone()))
}

fn tx_errors(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "errors")?;
    Ok(Value::from(t.st.lock().errors.clone()))
}

fn tx_line_buffering(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "line_buffering")?;
    Ok(Value::Bool(t.st.lock().line_buffering))
}

fn tx_write_through(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "write_through")?;
    Ok(Value::Bool(t.st.lock().write_through))
}

fn tx_buffer(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "buffer")?;
    buffer_of(&t.st.lock())
}

fn tx_newlines(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "newlines")?;
    let g = t.st.lock();
    if !g.universal() {
        return Ok(Value::None);
    }
    Ok(newlines_value(g.seennl))
}

/// The `newlines` attribute for a set of seen kinds.
fn newlines_value(seen: u8) -> Value {
    let names: Vec<Value> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
        .iter()
        .filter(|(bit, _)| seen & bit != 0)
        .map(|(_, s)| Value::from(*s))
        .collect();
    match names.len() {
        0 => Value::None,
        1 => names[0].clone(),
        _ => tuple::new_tuple(names),
    }
}

fn tx_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "closed")?;
    let buffer = buffer_of(&t.st.lock())?;
    ops::attr::getattr_str(&buffer, "closed")
}

fn tx_name(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (t, _) = me(args, "name")?;
    let buffer = buffer_of(&t.st.lock())?;
    ops::attr::getattr_str(&buffer, "name")
}

fn tx_chunk_size(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    me(args, "_CHUNK_SIZE")?;
    Ok(Value::Int(CHUNK_SIZE as i64))
}

pub(crate) fn make_type(base: &ObjRef) -> ObjRef {
    let ty = super::make_type(
        "TextIOWrapper",
        base,
        Layout::Other,
        &[
            ("__init__", textio_init),
            ("read", tx_read),
            ("readline", tx_readline),
            ("__next__", tx_next),
            ("write", tx_write),
            ("flush", tx_flush),
            ("close", tx_close),
            ("tell", tx_tell),
            ("seek", tx_seek),
            ("truncate", tx_truncate),
            ("detach", tx_detach),
            ("reconfigure", tx_reconfigure),
            ("fileno", tx_fileno),
            ("isatty", tx_isatty),
            ("readable", tx_readable),
            ("writable", tx_writable),
            ("seekable", tx_seekable),
            ("__repr__", tx_repr),
            ("__getstate__", tx_getstate),
        ],
    );
    super::set_new(&ty, textio_new);
    super::add_getters(
        &ty,
        &[
            ("encoding", tx_encoding),
            ("errors", tx_errors),
            ("line_buffering", tx_line_buffering),
            ("write_through", tx_write_through),
            ("buffer", tx_buffer),
            ("newlines", tx_newlines),
            ("closed", tx_closed),
            ("name", tx_name),
            ("_CHUNK_SIZE", tx_chunk_size),
        ],
    );
    ty
}

// ---------------------------------------------------------------------------------------------------------
// IncrementalNewlineDecoder

struct NlState {
    decoder: Value,
    translate: bool,
    pendingcr: bool,
    seennl: u8,
}

/// The payload of `IncrementalNewlineDecoder` objects.
pub struct NewlineDecoder {
    st: Mutex<Option<NlState>>,
}

fn nd<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a NewlineDecoder, &'a [Value])> {
    recv::<NewlineDecoder>(args, "IncrementalNewlineDecoder", meth)
}

fn nd_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state();
    let cls = type_::new_wrapper_check(&st.newline_decoder, args)?.clone();
    let obj = Value::Obj(crate::builtins::object::alloc(
        &cls,
        Payload::Native(NativeBox::new(NewlineDecoder { st: Mutex::new(None) })),
    ));
    if cls.ptr_eq(&st.newline_decoder) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        nd_init(&init, kwargs)?;
    }
    Ok(obj)
}

fn nd_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, rest) = nd(args, "__init__")?;
    let a = clinic("IncrementalNewlineDecoder", rest, kwargs, &["decoder", "translate", "errors"], 0, 2, 3)?;
    let decoder = a[0].clone().expect("required");
    let translate = ops::truthy(a[1].as_ref().expect("required"))?;
    *d.st.lock() = Some(NlState { decoder, translate, pendingcr: false, seennl: 0 });
    Ok(Value::None)
}

fn uninit() -> PyErr {
    value_error("IncrementalNewlineDecoder.__init__() not called")
}

fn nd_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, rest) = nd(args, "decode")?;
    let a = clinic("decode", rest, kwargs, &["input", "final"], 0, 1, 2)?;
    let input = a[0].clone().expect("required");
    let last = match &a[1] {
        None => false,
        Some(v) => ops::truthy(v)?,
    };
    let decoder = d.st.lock().as_ref().ok_or_else(uninit)?.decoder.clone();
    let output = if decoder.is_none() {
        input
    } else {
        ops::call::call_method(&Value::from("decode"), &[decoder, input], &[(Value::from("final"), Value::Bool(last))])?
    };
    let Some(text) = output.as_str() else {
        return Err(type_error(format!("decoder should return a string result, not '{}'", output.type_name())));
    };
    let mut g = d.st.lock();
    let s = g.as_mut().ok_or_else(uninit)?;
    let mut out = String::with_capacity(text.len() + 1);
    if s.pendingcr && (!text.is_empty() || last) {
        out.push('\r');
        s.pendingcr = false;
    }
    out.push_str(text);
    if out.ends_with('\r') && !last {
        out.pop();
        s.pendingcr = true;
    }
    let b = out.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            s.seennl |= if i > 0 && b[i - 1] == b'\r' { SEEN_CRLF } else { SEEN_LF };
        } else if c == b'\r' && b.get(i + 1) != Some(&b'\n') {
            s.seennl |= SEEN_CR;
        }
    }
    if s.translate && out.contains('\r') {
        out = out.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(Value::from(out))
}

fn nd_getstate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, rest) = nd(args, "getstate")?;
    meth_noargs("getstate", rest, kwargs)?;
    let (decoder, pendingcr) = {
        let g = d.st.lock();
        let s = g.as_ref().ok_or_else(uninit)?;
        (s.decoder.clone(), s.pendingcr)
    };
    let (buf, flag) = if decoder.is_none() {
        (bytes::new_bytes(b""), 0)
    } else {
        let st = call_meth(&decoder, "getstate", &[])?;
        let items = ops::iter::collect(&st)?;
        if items.len() != 2 {
            return Err(type_error("illegal decoder state"));
        }
        (items[0].clone(), ops::number::index_i64(&items[1], "flag")?)
    };
    Ok(tuple::new_tuple_array([buf, Value::Int((flag << 1) | pendingcr as i64)]))
}

fn nd_setstate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, rest) = nd(args, "setstate")?;
    let state = meth_o("setstate", rest, kwargs)?;
    let items = ops::iter::collect(state)?;
    if items.len() != 2 {
        return Err(type_error("state argument must be a tuple"));
    }
    let flag = ops::number::index_i64(&items[1], "flag")?;
    let decoder = {
        let mut g = d.st.lock();
        let s = g.as_mut().ok_or_else(uninit)?;
        s.pendingcr = flag & 1 != 0;
        s.decoder.clone()
    };
    if !decoder.is_none() {
        call_meth(&decoder, "setstate", &[tuple::new_tuple(vec![items[0].clone(), Value::Int(flag >> 1)])])?;
    }
    Ok(Value::None)
}

fn nd_reset(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, rest) = nd(args, "reset")?;
    meth_noargs("reset", rest, kwargs)?;
    let decoder = {
        let mut g = d.st.lock();
        let s = g.as_mut().ok_or_else(uninit)?;
        s.seennl = 0;
        s.pendingcr = false;
        s.decoder.clone()
    };
    if !decoder.is_none() {
        call_meth(&decoder, "reset", &[])?;
    }
    Ok(Value::None)
}

fn nd_newlines(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (d, _) = nd(args, "newlines")?;
    let g = d.st.lock();
    Ok(newlines_value(g.as_ref().ok_or_else(uninit)?.seennl))
}

pub(crate) fn make_decoder_type() -> ObjRef {
    let ty = super::make_type(
        "IncrementalNewlineDecoder",
        &crate::builtins::types().object,
        Layout::Other,
        &[
            ("__init__", nd_init),
            ("decode", nd_decode),
            ("getstate", nd_getstate),
            ("setstate", nd_setstate),
            ("reset", nd_reset),
        ],
    );
    super::set_new(&ty, nd_new);
    super::add_getters(&ty, &[("newlines", nd_newlines)]);
    ty
}
