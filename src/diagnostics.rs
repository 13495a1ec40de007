//! One `Diagnostic` type (file, line, column, message, help) and its rustc-style rendering.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Information, not a problem (shown by `site check`).
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn note(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column.max(1);
        self
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_source(mut self, line: &str) -> Self {
        self.source_line = Some(line.trim_end_matches(['\r', '\n']).to_string());
        self
    }

    /// Points at `line` (1-based) of `text`, quoting it.
    pub fn at_line_of(self, text: &str, line: usize, column: usize) -> Self {
        let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        self.at(line, column).with_source(source)
    }

    /// A TOML error in `text`, which starts at line `first_line` (0-based offset) of its file.
    pub fn from_toml(file: &Path, text: &str, first_line: usize, err: &toml::de::Error) -> Self {
        let message = err.message().trim().to_string();
        let mut d = Diagnostic::error(file, message.clone());
        if let Some(span) = err.span() {
            let (line, column) = line_col(text, span.start);
            d = d.at_line_of(text, line, column);
            d.line += first_line;
            if let Some(fix) = crate::toml_fix::fix(&message, text, span) {
                return d.message(fix.message).help(fix.help);
            }
        }
        let help = toml_help(&message);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// rustc-style text; `color` adds ANSI colours for a terminal.
    pub fn render(&self, color: bool) -> String {
        let (bold, red, yellow, blue, reset) = if color {
            (
                "\x1b[1m",
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let (label, tint) = match self.severity {
            Severity::Error => ("error", red),
            Severity::Warning => ("warning", yellow),
            Severity::Note => ("note", blue),
        };
        let mut out = format!("{tint}{label}{reset}{bold}: {}{reset}\n", self.message);
        let location = if self.line > 0 {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        } else {
            self.file.display().to_string()
        };
        let gutter = " ".repeat(self.line.to_string().len());
        let _ = writeln!(out, "{gutter}{blue}-->{reset} {location}");
        if let (Some(source), true) = (&self.source_line, self.line > 0) {
            let caret_pad: String = source
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{gutter} {blue}|{reset}");
            let _ = writeln!(out, "{blue}{}{reset} {blue}|{reset} {source}", self.line);
            let _ = writeln!(out, "{gutter} {blue}|{reset} {caret_pad}{tint}^{reset}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{gutter} {blue}={reset} {bold}help{reset}: {help}");
        }
        out
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn toml_help(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let options: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        // `zone` for `timezone`: a word inside the key is as good a hint as a typo.
        let inside = || {
            options
                .iter()
                .find(|o| field.len() >= 3 && (o.contains(field) || field.contains(*o)))
                .copied()
        };
        return Some(match nearest(field, &options).or_else(inside) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("remove `{field}`; valid keys are {}", options.join(", ")),
        });
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // "invalid type: string \"quatro\", expected u32": say how to write what is expected.
        let expected = rest.rsplit_once("expected ").map(|(_, e)| e.trim())?;
        let how = match expected {
            "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => {
                "a whole number, without quotes".to_string()
            }
            "a boolean" => "`true` or `false`, without quotes".to_string(),
            "a string" => "text in double quotes".to_string(),
            other => other.to_string(),
        };
        return Some(format!("write {how}"));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next()?;
        return Some(format!("add `{field} = …` (a required key)"));
    }
    None
}

/// The option closest to `word` by edit distance, when close enough to be a typo.
pub fn nearest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    options
        .iter()
        .map(|o| (edit_distance(word, o), *o))
        .filter(|(d, o)| *d <= (o.len() / 3).max(2))
        .min()
        .map(|(_, o)| o)
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Prints all diagnostics (sorted by file and line) and a count; returns the number of errors.
pub fn report(diagnostics: &mut [Diagnostic], color: bool) -> usize {
    diagnostics.sort();
    // A closed terminal is no reason to stop (`site serve` goes on); other commands end on SIGPIPE.
    let mut err = std::io::stderr().lock();
    for d in diagnostics.iter() {
        let _ = writeln!(err, "{}", d.render(color));
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors > 0 || warnings > 0 {
        let _ = writeln!(
            err,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
    errors
}

/// Adds the quoted source line to each diagnostic, read from its file.
pub fn quote_sources(root: &Path, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    for d in &mut problems {
        let text = texts
            .entry(d.file.clone())
            .or_insert_with(|| std::fs::read_to_string(root.join(&d.file)).unwrap_or_default());
        if let Some(line) = text.lines().nth(d.line.saturating_sub(1)) {
            d.source_line = Some(line.to_string());
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(
            nearest("tittle", &["title", "date", "summary"]),
            Some("title")
        );
        assert_eq!(nearest("zzz", &["title", "date"]), None);
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\nção x", 8), (2, 4));
    }

    #[test]
    fn renders_caret_under_the_column() {
        let d = Diagnostic::error(Path::new("a.md"), "bad")
            .at_line_of("one\ntwo three", 2, 5)
            .help("fix it");
        let text = d.render(false);
        assert!(text.contains("--> a.md:2:5"), "{text}");
        assert!(text.contains("2 | two three\n  |     ^"), "{text}");
        assert!(text.contains("= help: fix it"), "{text}");
    }
}
