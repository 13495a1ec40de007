//! What to write instead of a TOML value of the wrong type or range: the message and the corrected
//! line for serde's "invalid type" and "invalid value" errors in `site.toml` and front matter.

use std::ops::Range;

/// A clearer message and a help line that shows the key written the right way.
#[derive(Debug, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub help: String,
}

/// What a key takes, as serde's message names it after "expected".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Text,
    /// A whole number and its largest value.
    Whole(u64, bool),
    Boolean,
    Date,
    List,
}

impl Expected {
    fn of(message: &str) -> Option<Expected> {
        let expected = message.rsplit_once("expected ")?.1.trim();
        Some(match expected {
            "a string" => Expected::Text,
            "u8" => Expected::Whole(u8::MAX.into(), false),
            "u16" => Expected::Whole(u16::MAX.into(), false),
            "u32" => Expected::Whole(u32::MAX.into(), false),
            "u64" | "usize" => Expected::Whole(u64::MAX, false),
            "i32" | "i64" | "isize" => Expected::Whole(i64::MAX as u64, true),
            "a boolean" => Expected::Boolean,
            "a TOML datetime" => Expected::Date,
            "a sequence" => Expected::List,
            _ => return None,
        })
    }

    fn describe(self) -> &'static str {
        match self {
            Expected::Text => "text in double quotes",
            Expected::Whole(_, false) => "a whole number of 0 or more",
            Expected::Whole(_, true) => "a whole number",
            Expected::Boolean => "`true` or `false`",
            Expected::Date => "a date",
            Expected::List => "a list in brackets",
        }
    }
}

/// The fix for serde's `message` about the value at `span` of `text`; `None` when the message is
/// not about a value's type or range, or the key cannot be read from the line.
pub fn fix(message: &str, text: &str, span: Range<usize>) -> Option<Fix> {
    if !message.starts_with("invalid type:") && !message.starts_with("invalid value:") {
        return None;
    }
    let expected = Expected::of(message)?;
    let start = floor(text, span.start.min(text.len()));
    let end = floor(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let key = key_before(&text[line_start..start])?;
    let raw = text[start..end].trim();
    let value = parse_value(raw);
    let found = value.as_ref().map_or("this value", describe_value);
    let message = match (expected, &value) {
        (Expected::Whole(max, _), Some(toml::Value::Integer(n)))
            if u64::try_from(*n).is_ok_and(|n| n > max) =>
        {
            format!("`{key}` takes a whole number up to {max}")
        }
        _ => format!("`{key}` takes {}, not {found}", expected.describe()),
    };
    let help = match (expected, &value) {
        (Expected::Text, Some(toml::Value::Datetime(d))) => match (d.date, d.time) {
            (None, Some(t)) => write(&key, &format!("\"{:02}:{:02}\"", t.hour, t.minute)),
            _ => write(&key, &quoted(raw)),
        },
        (Expected::Text, Some(toml::Value::Array(_) | toml::Value::Table(_))) => {
            format!("write one text: `{key} = \"…\"`")
        }
        (Expected::Text, _) => write(&key, &quoted(raw)),
        (Expected::Whole(max, signed), value) => whole(&key, raw, value.as_ref(), max, signed),
        (Expected::Boolean, value) => {
            let word = match value {
                Some(toml::Value::String(s)) => s.trim().to_lowercase(),
                _ => raw.to_lowercase(),
            };
            match word.as_str() {
                "true" | "yes" | "sim" | "on" | "1" => write(&key, "true"),
                "false" | "no" | "não" | "nao" | "off" | "0" => write(&key, "false"),
                _ => format!("write `{key} = true` or `{key} = false`, without quotes"),
            }
        }
        (Expected::Date, Some(toml::Value::String(s))) if is_date(s.trim()) => {
            format!("write the date without quotes: `{key} = {}`", s.trim())
        }
        (Expected::Date, _) => {
            format!("write a date as year-month-day, without quotes: `{key} = 2026-02-03`")
        }
        (Expected::List, Some(toml::Value::String(s))) => {
            let items: Vec<String> = s
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(quoted)
                .collect();
            write(&key, &format!("[{}]", items.join(", ")))
        }
        (Expected::List, _) => format!("write a list in brackets: `{key} = [\"…\", \"…\"]`"),
    };
    Some(Fix { message, help })
}

fn write(key: &str, value: &str) -> String {
    format!("write `{key} = {value}`")
}

/// The help for a key that takes a whole number.
fn whole(key: &str, raw: &str, value: Option<&toml::Value>, max: u64, signed: bool) -> String {
    match value {
        Some(toml::Value::String(s)) => {
            let digits: String = s
                .chars()
                .filter(|c| !matches!(c, '.' | ',' | '_' | ' '))
                .collect();
            match digits.parse::<u64>() {
                Ok(n) if n <= max => format!("write the number without quotes: `{key} = {n}`"),
                _ => format!("write the number in digits, without quotes: `{key} = …`"),
            }
        }
        Some(toml::Value::Float(f)) => {
            // `3.800` is how Portuguese writes three thousand eight hundred.
            let separated = raw
                .split_once(['.', ','])
                .is_some_and(|(_, decimals)| decimals.len() == 3);
            let n = if separated {
                raw.replace(['.', ','], "")
            } else {
                format!("{}", f.trunc().max(0.0) as u64)
            };
            format!("write a whole number, without a decimal point: `{key} = {n}`")
        }
        Some(toml::Value::Integer(n)) if *n < 0 && !signed => {
            format!(
                "write a whole number of 0 or more: `{key} = {}`",
                n.unsigned_abs()
            )
        }
        Some(toml::Value::Integer(_)) => format!("write a whole number up to {max}"),
        _ => format!("write the number in digits, without quotes: `{key} = …`"),
    }
}

/// The key a value at the end of `before` (the line up to the value) belongs to: `key = ` or
/// `{ key = ` in an inline table. `None` for a list's item.
fn key_before(before: &str) -> Option<String> {
    let before = before.trim_end().strip_suffix('=')?.trim_end();
    let key = before
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()?
        .trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_string())
}

/// The value as TOML reads it on its own.
fn parse_value(raw: &str) -> Option<toml::Value> {
    format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()?
        .remove("v")
}

fn describe_value(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "text in quotes",
        toml::Value::Integer(n) if *n < 0 => "a negative number",
        toml::Value::Integer(_) => "a number",
        toml::Value::Float(_) => "a decimal number",
        toml::Value::Boolean(_) => "`true` or `false`",
        toml::Value::Datetime(d) => match (d.date, d.time) {
            (None, _) => "a TOML time",
            (Some(_), None) => "a TOML date",
            (Some(_), Some(_)) => "a TOML date and time",
        },
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
}

/// `text` as a TOML basic string (quoted once: a value already in quotes keeps its text).
fn quoted(text: &str) -> String {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    toml::Value::String(inner.to_string()).to_string()
}

fn is_date(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fix for the value at the end of `line`, after its last ` = `.
    fn fix_of(line: &str, message: &str) -> Fix {
        let start = line.rfind(" = ").unwrap() + 3;
        let end = line.trim_end_matches([' ', '}']).len();
        fix(message, line, start..end).unwrap()
    }

    #[test]
    fn a_toml_time_where_text_goes() {
        let f = fix_of("time = 07:00:00", "invalid type: map, expected a string");
        assert_eq!(
            f.message,
            "`time` takes text in double quotes, not a TOML time"
        );
        assert_eq!(f.help, "write `time = \"07:00\"`");
    }

    #[test]
    fn numbers_dates_and_flags_written_as_text() {
        let f = fix_of(
            "weeks = \"27\"",
            "invalid type: string \"27\", expected u32",
        );
        assert_eq!(f.help, "write the number without quotes: `weeks = 27`");
        let f = fix_of(
            "weeks = \"quatro\"",
            "invalid type: string \"quatro\", expected u32",
        );
        assert_eq!(
            f.help,
            "write the number in digits, without quotes: `weeks = …`"
        );
        let f = fix_of(
            "readers = 3.800",
            "invalid type: floating point `3.8`, expected u64",
        );
        assert_eq!(
            f.help,
            "write a whole number, without a decimal point: `readers = 3800`"
        );
        let f = fix_of(
            "feed_limit = -1",
            "invalid value: integer `-1`, expected usize",
        );
        assert_eq!(
            f.message,
            "`feed_limit` takes a whole number of 0 or more, not a negative number"
        );
        let f = fix_of(
            "start = \"2025-08-05\"",
            "invalid type: string \"2025-08-05\", expected a TOML datetime",
        );
        assert_eq!(
            f.help,
            "write the date without quotes: `start = 2025-08-05`"
        );
        let f = fix_of(
            "search = \"yes\"",
            "invalid type: string \"yes\", expected a boolean",
        );
        assert_eq!(f.help, "write `search = true`");
        let f = fix_of(
            "tags = \"a, b\"",
            "invalid type: string \"a, b\", expected a sequence",
        );
        assert_eq!(f.help, "write `tags = [\"a\", \"b\"]`");
        let f = fix_of(
            "paths = { essays = 5 }",
            "invalid type: integer `5`, expected a string",
        );
        assert_eq!(f.help, "write `essays = \"5\"`");
        let f = fix_of(
            "weeks = 99999999999",
            "invalid value: integer `99999999999`, expected u32",
        );
        assert_eq!(f.message, "`weeks` takes a whole number up to 4294967295");
        let f = fix_of("title = 5", "invalid type: integer `5`, expected a string");
        assert_eq!(
            f.message,
            "`title` takes text in double quotes, not a number"
        );
        assert_eq!(f.help, "write `title = \"5\"`");
    }
}
