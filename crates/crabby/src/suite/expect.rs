//! Expected results of a test program, as `tests/bless.py` recorded them from CPython 3.12, and the
//! comparison of a run against them.
//!
//! `<name>.out` is the exact stdout. `<name>.err`, when present, is `exit: N` and `stderr: <last non-empty
//! line of stderr>`; absent means exit 0 and empty stderr. The stderr line is computed here exactly as
//! bless.py computes it, so both sides are reduced the same way.

use std::path::Path;

/// What CPython did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub stdout: Vec<u8>,
    /// Python's `returncode`: the exit status, or minus the signal number.
    pub exit: i32,
    pub stderr_last: String,
}

/// What crabby's build of the program did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    pub stdout: Vec<u8>,
    pub exit: i32,
    pub stderr: Vec<u8>,
}

impl Expected {
    /// Reads the expectations of `program` (`x.py` → `x.out`, `x.err`). `Err` says what is missing.
    pub fn load(program: &Path) -> Result<Expected, String> {
        let out_path = program.with_extension("out");
        let stdout = std::fs::read(&out_path)
            .map_err(|_| format!("no expected output {} (record it with tests/bless.py)", out_path.display()))?;
        let err_path = program.with_extension("err");
        let (exit, stderr_last) = match std::fs::read(&err_path) {
            Ok(bytes) => parse_err(&String::from_utf8_lossy(&bytes))
                .ok_or_else(|| format!("{} is not in bless.py's format", err_path.display()))?,
            Err(_) => (0, String::new()),
        };
        Ok(Expected { stdout, exit, stderr_last })
    }

    /// `None` when `observed` matches, else a readable account of every difference.
    pub fn compare(&self, observed: &Observed) -> Option<String> {
        let got_last = last_nonempty_line(&String::from_utf8_lossy(&observed.stderr));
        let mut report = String::new();
        if observed.exit != self.exit {
            report.push_str(&format!("  exit status: expected {}, got {}\n", self.exit, observed.exit));
        }
        if observed.stdout != self.stdout {
            report.push_str(&stdout_difference(&self.stdout, &observed.stdout));
        }
        if got_last != self.stderr_last {
            report.push_str(&format!(
                "  stderr, last line:\n    expected: {:?}\n    got:      {:?}\n",
                self.stderr_last, got_last
            ));
        }
        if report.is_empty() {
            return None;
        }
        // The end of stderr usually explains the rest (a traceback, a runtime panic).
        let stderr = String::from_utf8_lossy(&observed.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        if !lines.is_empty() && (observed.exit != self.exit || got_last != self.stderr_last) {
            report.push_str("  stderr (last lines):\n");
            for l in &lines[lines.len().saturating_sub(8)..] {
                report.push_str(&format!("    | {l}\n"));
            }
        }
        Some(report)
    }
}

fn parse_err(text: &str) -> Option<(i32, String)> {
    let mut lines = text.lines();
    let exit = lines.next()?.strip_prefix("exit: ")?.trim().parse().ok()?;
    let stderr = lines.next()?.strip_prefix("stderr:")?;
    Some((exit, stderr.strip_prefix(' ').unwrap_or(stderr).to_string()))
}

/// The first differing line of two stdouts, with line numbers, as the report shows it.
fn stdout_difference(expected: &[u8], got: &[u8]) -> String {
    let exp = String::from_utf8_lossy(expected);
    let got_text = String::from_utf8_lossy(got);
    let e: Vec<&str> = exp.split_inclusive('\n').collect();
    let g: Vec<&str> = got_text.split_inclusive('\n').collect();
    let i = e.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let show = |v: &[&str]| v.get(i).map(|l| format!("{l:?}")).unwrap_or_else(|| "(end of output)".into());
    let mut out = format!(
        "  stdout differs at line {} (expected {} lines, got {}):\n    expected: {}\n    got:      {}\n",
        i + 1,
        e.len(),
        g.len(),
        show(&e),
        show(&g)
    );
    if i > 0 {
        out.push_str(&format!("    (line {} was: {:?})\n", i, e[i - 1]));
    }
    out
}

/// bless.py's `last_nonempty_line`: Python's `str.splitlines()`, the last line with non-whitespace in it,
/// right-stripped.
pub fn last_nonempty_line(text: &str) -> String {
    split_python_lines(text)
        .into_iter()
        .rev()
        .find(|l| !l.trim_matches(is_python_space).is_empty())
        .map(|l| l.trim_end_matches(is_python_space).to_string())
        .unwrap_or_default()
}

/// `str.isspace()` for one character: Unicode White_Space plus the separators Python also counts.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.splitlines()` (without keepends).
fn split_python_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        lines.push(&text[start..i]);
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = chars.peek() {
                chars.next();
                end = j + 1;
            }
        }
        start = end;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_line_like_bless() {
        assert_eq!(last_nonempty_line(""), "");
        assert_eq!(last_nonempty_line("a\nb  \n\n   \n"), "b");
        assert_eq!(last_nonempty_line("Traceback\r\nValueError: x\r\n"), "ValueError: x");
        assert_eq!(last_nonempty_line("a\u{2028}b"), "b");
        assert_eq!(last_nonempty_line("  indented  \n"), "  indented");
    }

    #[test]
    fn err_files_parse() {
        assert_eq!(
            parse_err("exit: 1\nstderr: ZeroDivisionError: division by zero\n"),
            Some((1, "ZeroDivisionError: division by zero".into()))
        );
        assert_eq!(parse_err("exit: -9\nstderr: \n"), Some((-9, String::new())));
        assert_eq!(parse_err("exit: 0\nstderr:\n"), Some((0, String::new())));
        assert_eq!(parse_err("nonsense"), None);
    }

    #[test]
    fn comparison_reports_each_difference() {
        let exp = Expected { stdout: b"a\nb\nc\n".to_vec(), exit: 0, stderr_last: String::new() };
        let same = Observed { stdout: b"a\nb\nc\n".to_vec(), exit: 0, stderr: Vec::new() };
        assert_eq!(exp.compare(&same), None);
        // A trailing stderr line that is only whitespace is not a difference.
        assert_eq!(exp.compare(&Observed { stderr: b"\n  \n".to_vec(), ..same.clone() }), None);

        let bad = Observed { stdout: b"a\nB\n".to_vec(), exit: 1, stderr: b"Traceback\nNameError: x\n".to_vec() };
        let report = exp.compare(&bad).unwrap();
        assert!(report.contains("exit status: expected 0, got 1"), "{report}");
        assert!(report.contains("stdout differs at line 2 (expected 3 lines, got 2)"), "{report}");
        assert!(report.contains("\"NameError: x\""), "{report}");
        // A missing final newline is a difference too.
        assert!(exp.compare(&Observed { stdout: b"a\nb\nc".to_vec(), ..same }).is_some());
    }
}
