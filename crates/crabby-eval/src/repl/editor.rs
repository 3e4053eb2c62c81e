//! A small line editor for the interactive prompt on a terminal: the terminal is put in raw mode only while
//! a line is read, and the usual readline/emacs keys work: arrows, Home/End, Ctrl-A/E/B/F, Backspace,
//! Delete, Ctrl-K/U/W, Ctrl-L, Up/Down and Ctrl-P/N through the history, Tab to complete names, Ctrl-C
//! (interrupt) and Ctrl-D (end of input on an empty line). History is kept in `~/.crabby_history` (or the file named by
//! `$CRABBY_HISTORY`; empty: none), one line per entry, appended as each line is entered so that a session
//! that ends abruptly keeps it. NOTE: CPython keeps `~/.python_history` (written by `site` at exit); crabby
//! uses its own file so the two never rewrite each other's.
//!
//! NOTE: written here rather than taken from a crate (`rustyline` brings about ten more crates into every
//! program crabby builds, since the evaluator is linked into each). A line wider than the terminal scrolls
//! sideways around the cursor (one screen row, as `linenoise` does) rather than wrapping; East Asian wide
//! characters count two columns and combining marks none (a table of the main ranges, not full Unicode
//! width data). Tab at the start of a line inserts four spaces (CPython inserts a tab character).

use std::io::Write;

use super::Input;

/// The terminal editor; `open` fails when stdin is not a terminal or raw mode is unavailable.
pub struct Editor {
    /// Where the prompt and the line are drawn: stderr, as CPython writes its prompts, or stdout when only
    /// that one is the terminal.
    out: i32,
    history: Vec<String>,
    /// Where entered lines are appended.
    history_file: Option<std::path::PathBuf>,
    /// How many columns the cursor is right of where the prompt starts. Redraws move back by this much
    /// rather than to the start of the screen line, so output the program left without a newline (`print(x,
    /// end="")`) stays in front of the prompt, as with CPython.
    cursor_col: std::cell::Cell<usize>,
}

/// How many lines of history are loaded.
const HISTORY_LINES: usize = 1000;

fn history_path() -> Option<std::path::PathBuf> {
    match std::env::var_os("CRABBY_HISTORY") {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(p.into()),
        None => {
            std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| std::path::Path::new(&h).join(".crabby_history"))
        }
    }
}

/// Raw mode for as long as it lives; the terminal's settings come back on drop (also on early returns).
struct RawMode {
    saved: libc::termios,
}

impl RawMode {
    fn enter() -> Option<RawMode> {
        // SAFETY: termios is plain data that tcgetattr fills in completely when it succeeds.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd 0 is open for the whole process and `saved` is a valid termios to write.
        if unsafe { libc::tcgetattr(0, &mut saved) } != 0 {
            return None;
        }
        let mut raw = saved;
        // Keys arrive one at a time, unechoed, with Ctrl-C/Ctrl-D as plain bytes; output processing stays on so
        // "\n" still moves to the start of the next line.
        raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        raw.c_iflag &= !(libc::IXON | libc::ICRNL | libc::INLCR);
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: as above; `raw` is a valid termios.
        if unsafe { libc::tcsetattr(0, libc::TCSADRAIN, &raw) } != 0 {
            return None;
        }
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        // SAFETY: restores the settings read in `enter` on the same open descriptor.
        unsafe { libc::tcsetattr(0, libc::TCSADRAIN, &self.saved) };
    }
}

fn isatty(fd: i32) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// Reads one byte from stdin; `None` at end of input or on an error other than an interrupted call.
fn read_byte() -> Option<u8> {
    let mut b = 0u8;
    loop {
        // SAFETY: reads at most one byte into `b`, which is valid for writes.
        let n = unsafe { libc::read(0, (&mut b as *mut u8).cast(), 1) };
        if n == 1 {
            return Some(b);
        }
        if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        return None;
    }
}

/// How many terminal columns `c` takes: 2 for East Asian wide and fullwidth characters (and emoji), 0 for
/// combining marks and zero-width characters, else 1.
fn char_width(c: char) -> usize {
    let u = c as u32;
    let zero = matches!(u, 0x0300..=0x036f | 0x0483..=0x0489 | 0x0591..=0x05bd | 0x200b..=0x200f | 0x20d0..=0x20ff
        | 0xfe00..=0xfe0f | 0xfe20..=0xfe2f);
    let wide = matches!(u, 0x1100..=0x115f | 0x2e80..=0x303e | 0x3041..=0x33ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6
        | 0x1f300..=0x1f64f | 0x1f900..=0x1f9ff | 0x20000..=0x3fffd);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}

/// Which characters `[from, to)` of a line (their widths) to show after a prompt `prompt_width` wide on a
/// `cols`-column terminal so that the cursor (before character `pos`) is visible and nothing wraps.
fn window(widths: &[usize], pos: usize, prompt_width: usize, cols: usize) -> (usize, usize) {
    // One column stays free for the cursor after the last character.
    let room = cols.saturating_sub(prompt_width + 1).max(1);
    let mut from = 0;
    while from < pos && widths[from..pos].iter().sum::<usize>() >= room {
        from += 1;
    }
    let mut to = pos;
    let mut used: usize = widths[from..pos].iter().sum();
    while to < widths.len() && used + widths[to] <= room {
        used += widths[to];
        to += 1;
    }
    (from, to)
}

/// The line being edited: characters and the cursor's index among them.
struct Line {
    chars: Vec<char>,
    pos: usize,
}

impl Line {
    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    fn set(&mut self, s: &str) {
        self.chars = s.chars().collect();
        self.pos = self.chars.len();
    }
}

impl Editor {
    pub fn open() -> Option<Editor> {
        if !isatty(0) {
            return None;
        }
        let out = if isatty(2) {
            2
        } else if isatty(1) {
            1
        } else {
            return None;
        };
        // Raw mode must be possible at all (a "dumb" terminal without termios falls back to plain reads).
        drop(RawMode::enter()?);
        let history_file = history_path();
        let mut history: Vec<String> = history_file
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .map(|b| String::from_utf8_lossy(&b).lines().map(str::to_string).collect())
            .unwrap_or_default();
        history.drain(..history.len().saturating_sub(HISTORY_LINES));
        Some(Editor { out, history, history_file, cursor_col: std::cell::Cell::new(0) })
    }

    fn write(&self, s: &str) {
        let _ = if self.out == 2 {
            std::io::stderr().write_all(s.as_bytes())
        } else {
            std::io::stdout().write_all(s.as_bytes())
        };
        let _ = if self.out == 2 { std::io::stderr().flush() } else { std::io::stdout().flush() };
    }

    /// The terminal's width in columns (80 when it does not say).
    fn columns(&self) -> usize {
        // SAFETY: winsize is plain data; TIOCGWINSZ fills it in on success and nothing else is touched.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: as above, on a descriptor that stays open.
        let ok = unsafe { libc::ioctl(self.out, libc::TIOCGWINSZ, &mut ws) } == 0;
        if ok && ws.ws_col > 0 {
            ws.ws_col as usize
        } else {
            80
        }
    }

    /// Redraws the prompt and the visible part of the line, and puts the cursor where it belongs.
    fn refresh(&self, prompt: &str, line: &Line) {
        let widths: Vec<usize> = line.chars.iter().map(|&c| char_width(c)).collect();
        let prompt_width: usize = prompt.chars().map(char_width).sum();
        let (from, to) = window(&widths, line.pos, prompt_width, self.columns());
        let shown: String = line.chars[from..to].iter().collect();
        let mut s = String::new();
        if self.cursor_col.get() > 0 {
            s.push_str(&format!("\x1b[{}D", self.cursor_col.get()));
        }
        s.push_str(&format!("{prompt}{shown}\x1b[K"));
        let end = prompt_width + widths[from..to].iter().sum::<usize>();
        let col = prompt_width + widths[from..line.pos].iter().sum::<usize>();
        if end > col {
            s.push_str(&format!("\x1b[{}D", end - col));
        }
        self.cursor_col.set(col);
        self.write(&s);
    }

    /// Reads a line; `complete` gives what Tab may complete the name before the cursor to.
    pub fn read_line(&mut self, prompt: &str, complete: &dyn Fn(&str) -> Vec<String>) -> Input {
        let Some(_raw) = RawMode::enter() else {
            // The terminal went away: read as from a pipe.
            self.write(prompt);
            return super::read_plain_line();
        };
        let mut line = Line { chars: Vec::new(), pos: 0 };
        self.cursor_col.set(0);
        // Where Up/Down is in the history; `history.len()` is the line being typed, kept in `draft`.
        let mut at = self.history.len();
        let mut draft = String::new();
        self.refresh(prompt, &line);
        loop {
            let Some(b) = read_byte() else {
                return Input::Eof;
            };
            match b {
                b'\r' | b'\n' => {
                    self.write("\n");
                    let text = line.text();
                    if !text.trim().is_empty() && self.history.last() != Some(&text) {
                        self.history.push(text.clone());
                        self.save(&text);
                    }
                    return Input::Line(text + "\n");
                }
                3 => {
                    // Ctrl-C: the caller reports KeyboardInterrupt on the next line.
                    self.refresh(prompt, &Line { pos: line.chars.len(), ..line });
                    return Input::Interrupt;
                }
                4 => {
                    if line.chars.is_empty() {
                        return Input::Eof;
                    }
                    if line.pos < line.chars.len() {
                        line.chars.remove(line.pos);
                    }
                }
                1 => line.pos = 0,
                5 => line.pos = line.chars.len(),
                2 => line.pos = line.pos.saturating_sub(1),
                6 => line.pos = (line.pos + 1).min(line.chars.len()),
                11 => line.chars.truncate(line.pos),
                21 => {
                    line.chars.drain(..line.pos);
                    line.pos = 0;
                }
                23 => {
                    // Ctrl-W: the word before the cursor, and the spaces after it.
                    let mut start = line.pos;
                    while start > 0 && line.chars[start - 1] == ' ' {
                        start -= 1;
                    }
                    while start > 0 && line.chars[start - 1] != ' ' {
                        start -= 1;
                    }
                    line.chars.drain(start..line.pos);
                    line.pos = start;
                }
                12 => {
                    self.write("\x1b[H\x1b[2J");
                    self.cursor_col.set(0);
                }
                8 | 127 if line.pos > 0 => {
                    line.pos -= 1;
                    line.chars.remove(line.pos);
                }
                // Backspace at the start of the line does nothing (DEL is not a character to insert).
                8 | 127 => {}
                b'\t' if line.chars[..line.pos].iter().all(|c| c.is_whitespace()) => {
                    for _ in 0..4 {
                        line.chars.insert(line.pos, ' ');
                        line.pos += 1;
                    }
                }
                b'\t' => self.complete(prompt, &mut line, complete),
                16 => self.history_move(&mut line, &mut at, &mut draft, -1),
                14 => self.history_move(&mut line, &mut at, &mut draft, 1),
                0x1b => match self.escape() {
                    Some('A') => self.history_move(&mut line, &mut at, &mut draft, -1),
                    Some('B') => self.history_move(&mut line, &mut at, &mut draft, 1),
                    Some('C') => line.pos = (line.pos + 1).min(line.chars.len()),
                    Some('D') => line.pos = line.pos.saturating_sub(1),
                    Some('H') => line.pos = 0,
                    Some('F') => line.pos = line.chars.len(),
                    Some('~') if line.pos < line.chars.len() => {
                        line.chars.remove(line.pos);
                    }
                    _ => {}
                },
                b if b >= 0x20 => {
                    if let Some(c) = self.read_char(b) {
                        line.chars.insert(line.pos, c);
                        line.pos += 1;
                    }
                }
                _ => {}
            }
            self.refresh(prompt, &line);
        }
    }

    /// Tab: the name before the cursor becomes its only completion, or the longest prefix its completions
    /// share; when that adds nothing, the completions are listed below the line.
    fn complete(&self, prompt: &str, line: &mut Line, complete: &dyn Fn(&str) -> Vec<String>) {
        let start = line.chars[..line.pos]
            .iter()
            .rposition(|c| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(0, |i| i + 1);
        let word: String = line.chars[start..line.pos].iter().collect();
        let options = complete(&word);
        let Some(first) = options.first() else { return };
        let common = options.iter().fold(first.clone(), |acc, o| {
            acc.chars().zip(o.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
        });
        if common.chars().count() > word.chars().count() {
            let new: Vec<char> = common.chars().collect();
            let n = new.len();
            line.chars.splice(start..line.pos, new);
            line.pos = start + n;
        } else if options.len() > 1 {
            self.write(&format!("\n{}\n", options.join("  ")));
            self.cursor_col.set(0);
            self.refresh(prompt, line);
        }
    }

    /// Appends an entered line to the history file (errors are ignored: history is a convenience).
    fn save(&self, text: &str) {
        if let Some(p) = &self.history_file {
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(p) {
                let _ = f.write_all(format!("{text}\n").as_bytes());
            }
        }
    }

    /// A whole UTF-8 character starting with byte `first`.
    fn read_char(&self, first: u8) -> Option<char> {
        let len = match first {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return None,
        };
        let mut bytes = vec![first];
        for _ in 1..len {
            bytes.push(read_byte()?);
        }
        std::str::from_utf8(&bytes).ok()?.chars().next()
    }

    /// Decodes the rest of an escape sequence: arrows as 'A'..'D', Home 'H', End 'F', Delete '~'.
    fn escape(&self) -> Option<char> {
        match read_byte()? {
            b'[' => {
                let b = read_byte()?;
                if b.is_ascii_digit() {
                    let mut n = vec![b];
                    loop {
                        let c = read_byte()?;
                        if c == b'~' {
                            break;
                        }
                        n.push(c);
                    }
                    return match n.as_slice() {
                        b"1" | b"7" => Some('H'),
                        b"4" | b"8" => Some('F'),
                        b"3" => Some('~'),
                        _ => None,
                    };
                }
                Some(b as char)
            }
            b'O' => Some(read_byte()? as char),
            _ => None,
        }
    }

    fn history_move(&self, line: &mut Line, at: &mut usize, draft: &mut String, step: isize) {
        let n = self.history.len();
        let to = *at as isize + step;
        if to < 0 || to > n as isize {
            return;
        }
        if *at == n {
            *draft = line.text();
        }
        *at = to as usize;
        if *at == n {
            line.set(draft);
        } else {
            line.set(&self.history[*at]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_scroll_around_the_cursor() {
        let ones = vec![1; 100];
        // Fits: all of it.
        assert_eq!(window(&ones[..10], 10, 4, 80), (0, 10));
        // Cursor at the end of a 100-character line after ">>> " on 80 columns: the last 74 characters.
        assert_eq!(window(&ones, 100, 4, 80), (26, 100));
        // Cursor at the start: the first 75.
        assert_eq!(window(&ones, 0, 4, 80), (0, 75));
        // Wide characters take two columns each.
        let wide: Vec<usize> = "日本語".chars().map(char_width).collect();
        assert_eq!(wide, [2, 2, 2]);
        assert_eq!(window(&wide, 3, 4, 10), (1, 3));
        assert_eq!(char_width('\u{301}'), 0);
    }
}
