//! The text a pattern runs over, and the matching loops shared by every `Pattern` method.
//!
//! `rustpython-sre_engine` walks a subject through a `StrDrive`, whose positions are character indexes. A
//! `str` holding only ASCII is driven as its bytes (one byte per character, so positions are byte offsets
//! and no decoding happens); other `str`s go through [`Utf8Drive`], which answers the length and the start
//! of a cursor from the string's own checkpoint table instead of walking from the beginning; bytes-like
//! subjects are driven as bytes. The loops here return plain spans ([`Found`]), so building Python objects
//! from them is written once, whatever the drive.

use std::borrow::Cow;

use rustpython_sre_engine::{Request, State, StrDrive, StringCursor};

use crate::builtins::str::PyStr;
use crate::error::{type_error, PyResult};
use crate::object::Payload;
use crate::Value;

/// The characters of a non-ASCII `str`, with O(1) length and cursors made from the string's checkpoints.
#[derive(Clone, Copy)]
pub struct Utf8Drive<'a> {
    s: &'a PyStr,
}

/// How far ahead a cursor walks before it is cheaper to make a new one from the checkpoint table.
const WALK_LIMIT: usize = 64;

impl StrDrive for Utf8Drive<'_> {
    #[inline]
    fn count(&self) -> usize {
        self.s.char_len()
    }

    fn create_cursor(&self, n: usize) -> StringCursor {
        let b = self.s.byte_offset(n);
        let tail: &str = &self.s.as_str()[b..];
        let mut c = <&str as StrDrive>::create_cursor(&tail, 0);
        c.position = n;
        c
    }

    fn adjust_cursor(&self, cursor: &mut StringCursor, n: usize) {
        // A cursor at position 0 may be the engine's default one with no pointer yet; making a new one there
        // costs nothing, so it is always remade.
        if cursor.position == 0 || cursor.position > n || n - cursor.position > WALK_LIMIT {
            *cursor = self.create_cursor(n);
        } else if cursor.position < n {
            <&str as StrDrive>::skip(cursor, n - cursor.position);
        }
    }

    #[inline]
    fn advance(cursor: &mut StringCursor) -> u32 {
        <&str as StrDrive>::advance(cursor)
    }

    #[inline]
    fn peek(cursor: &StringCursor) -> u32 {
        <&str as StrDrive>::peek(cursor)
    }

    #[inline]
    fn skip(cursor: &mut StringCursor, n: usize) {
        <&str as StrDrive>::skip(cursor, n)
    }

    #[inline]
    fn back_advance(cursor: &mut StringCursor) -> u32 {
        <&str as StrDrive>::back_advance(cursor)
    }

    #[inline]
    fn back_peek(cursor: &StringCursor) -> u32 {
        <&str as StrDrive>::back_peek(cursor)
    }

    #[inline]
    fn back_skip(cursor: &mut StringCursor, n: usize) {
        <&str as StrDrive>::back_skip(cursor, n)
    }
}

/// A subject read out of a Python object: a `str`, or the bytes of a bytes-like object.
pub enum Subject<'a> {
    Str(&'a PyStr),
    Bytes(Cow<'a, [u8]>),
}

impl Subject<'_> {
    /// The length in characters (bytes for bytes-like subjects).
    pub fn len(&self) -> usize {
        match self {
            Subject::Str(s) => s.char_len(),
            Subject::Bytes(b) => b.len(),
        }
    }

    /// The piece between two positions as a new `str` or `bytes` (CPython's `getslice`).
    pub fn slice(&self, start: usize, end: usize) -> Value {
        match self {
            Subject::Str(s) => {
                let piece = s.slice(start, end);
                crate::builtins::str::new_piece(s, piece)
            }
            Subject::Bytes(b) => {
                let end = end.min(b.len());
                crate::builtins::bytes::new_bytes(&b[start.min(end)..end])
            }
        }
    }

    /// Whether the subject is bytes-like.
    pub fn is_bytes(&self) -> bool {
        matches!(self, Subject::Bytes(_))
    }
}

/// Reads `v` as a subject for a pattern of kind `bytes_pattern` (`None` for a pattern compiled from a parsed
/// tree, which accepts both), with CPython's messages.
pub fn subject(v: &Value, bytes_pattern: Option<bool>) -> PyResult<Subject<'_>> {
    let s = match v.payload() {
        Some(Payload::Str(s)) => Subject::Str(s),
        _ => match crate::builtins::bytes::buffer(v)? {
            Some(b) => Subject::Bytes(b),
            None => return Err(type_error(format!("expected string or bytes-like object, got '{}'", v.type_name()))),
        },
    };
    match (bytes_pattern, s.is_bytes()) {
        (Some(false), true) => Err(type_error("cannot use a string pattern on a bytes-like object")),
        (Some(true), false) => Err(type_error("cannot use a bytes pattern on a string-like object")),
        _ => Ok(s),
    }
}

/// One match: the span of every group (group 0 first; `(-1, -1)` for a group that did not take part) and the
/// index of the last group closed (`-1` for none).
#[derive(Clone)]
pub struct Found {
    pub regs: Vec<(isize, isize)>,
    pub lastindex: isize,
}

fn found(state: &State, groups: usize) -> Found {
    let mut regs = Vec::with_capacity(groups + 1);
    regs.push((state.start as isize, state.cursor.position as isize));
    for g in 0..groups {
        let (s, e) = state.marks.get(g);
        if s.is_some() && e.is_some() && s.unpack() <= e.unpack() {
            regs.push((s.unpack() as isize, e.unpack() as isize));
        } else {
            regs.push((-1, -1));
        }
    }
    Found { regs, lastindex: state.marks.last_index() }
}

/// Where a search loop stands between calls: the next start, whether an empty match there is refused (the
/// previous match was empty and ended there), and whether the subject is exhausted.
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    pub start: usize,
    pub end: usize,
    pub must_advance: bool,
    pub done: bool,
}

impl Cursor {
    /// CPython's `state_init` bounds: `pos` and `endpos` clamped into the subject.
    pub fn new(len: usize, pos: i64, endpos: i64) -> Cursor {
        let clamp = |x: i64| if x < 0 { 0 } else { (x as u64).min(len as u64) as usize };
        Cursor { start: clamp(pos), end: clamp(endpos), must_advance: false, done: false }
    }
}

/// What a single call asks of the engine.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Anchored at the cursor's start (`match`; `fullmatch` when `full`).
    Match { full: bool },
    /// The first match at or after the start.
    Search,
}

/// Runs one match or search from `cur` with drive `d`, then moves `cur` past the match as CPython's
/// iterating methods do (an empty match forces the next one to advance).
fn step<S: StrDrive>(d: S, code: &[u32], groups: usize, cur: &mut Cursor, op: Op, state: &mut State) -> Option<Found> {
    if cur.done || cur.start > cur.end {
        cur.done = true;
        return None;
    }
    let mut req = Request::new(d, cur.start, cur.end, code, matches!(op, Op::Match { full: true }));
    req.must_advance = cur.must_advance;
    state.reset(&req, req.start);
    let ok = match op {
        Op::Match { .. } => state.py_match(&req),
        Op::Search => state.search(req),
    };
    if !ok {
        // The engine may leave its cursor without a pointer after a failed search: the state is not reused.
        cur.done = true;
        return None;
    }
    let f = found(state, groups);
    cur.must_advance = state.cursor.position == state.start;
    cur.start = state.cursor.position;
    Some(f)
}

/// Calls `each` with every match found by repeating `op` from `cur` (at most `limit` of them; 0 for no
/// limit); `each` returns false to stop early.
fn run<S: StrDrive>(
    d: S,
    code: &[u32],
    groups: usize,
    cur: &mut Cursor,
    op: Op,
    limit: usize,
    each: &mut dyn FnMut(Found) -> PyResult<bool>,
) -> PyResult<()> {
    // The engine's state keeps its buffers (marks, repeat and backtracking stacks) between calls on this
    // thread: `finditer` and `search` run one step per call, and a fresh state per step spent a quarter of a
    // `finditer` loop in malloc, realloc and free. A callback that runs another regex finds the spare taken
    // and uses a fresh state.
    let mut state = SPARE_STATE.with(|s| s.borrow_mut().take()).unwrap_or_default();
    // The cursor still points into the previous run's subject, and the engine moves a UTF-8 cursor relative
    // to where it stands: it must start from nothing.
    state.cursor = StringCursor::default();
    let mut n = 0;
    let mut result = Ok(());
    while limit == 0 || n < limit {
        let Some(f) = step(d, code, groups, cur, op, &mut state) else { break };
        n += 1;
        match each(f) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    SPARE_STATE.with(|s| *s.borrow_mut() = Some(state));
    result
}

thread_local! {
    /// This thread's idle engine state, reused by the next [`run`].
    static SPARE_STATE: std::cell::RefCell<Option<State>> = const { std::cell::RefCell::new(None) };
}

/// Runs `op` over `subj` from `cur`, calling `each` with every match (see [`run`]).
pub fn for_each(
    subj: &Subject<'_>,
    code: &[u32],
    groups: usize,
    cur: &mut Cursor,
    op: Op,
    limit: usize,
    each: &mut dyn FnMut(Found) -> PyResult<bool>,
) -> PyResult<()> {
    match subj {
        Subject::Str(s) if s.is_ascii() => run(s.as_str().as_bytes(), code, groups, cur, op, limit, each),
        Subject::Str(s) => run(Utf8Drive { s }, code, groups, cur, op, limit, each),
        Subject::Bytes(b) => run(&b[..], code, groups, cur, op, limit, each),
    }
}

/// The single next match of `op` from `cur`, or `None`.
pub fn once(subj: &Subject<'_>, code: &[u32], groups: usize, cur: &mut Cursor, op: Op) -> Option<Found> {
    let mut out = None;
    let _ = for_each(subj, code, groups, cur, op, 1, &mut |f| {
        out = Some(f);
        Ok(false)
    });
    out
}
