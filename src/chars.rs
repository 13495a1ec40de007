//! The characters no page or feed may hold: which they are, how to name one to a writer, and the
//! check that reports each one in a source at its line. The escapers in `escape` leave them out,
//! whatever reaches them.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A character no page or feed may hold: a control character other than tab, line feed and
/// carriage return (XML 1.0 forbids the C0 ones; HTML's parser reports DEL and C1 as errors), or
/// a noncharacter (U+FFFE and U+FFFF, which XML forbids, and the others Unicode sets aside).
pub fn forbidden(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): invisible, it
/// turns the text after it around, so a title can show other words than it holds (`gnp.exe`).
/// Refused in titles and tags; text in the right script needs none of them.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// "U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character that reverses the text after it".
pub fn describe_bidi(c: char) -> String {
    let name = match c {
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        _ => "POP DIRECTIONAL ISOLATE",
    };
    format!(
        "U+{:04X} ({name}), an invisible character that changes the direction of the text after it",
        c as u32
    )
}

/// `text` without the characters no page or feed may hold.
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.chars().any(forbidden) {
        Cow::Owned(text.chars().filter(|c| !forbidden(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// "U+0007 (BELL), an invisible control character": what a forbidden character is, for a writer.
pub fn describe(c: char) -> String {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "INFORMATION SEPARATOR FOUR",
        "INFORMATION SEPARATOR THREE",
        "INFORMATION SEPARATOR TWO",
        "INFORMATION SEPARATOR ONE",
    ];
    let n = c as u32;
    let code = format!("U+{n:04X}");
    match n {
        0..=0x1f => format!(
            "{code} ({}), an invisible control character",
            C0[n as usize]
        ),
        0x7f => format!("{code} (DELETE), an invisible control character"),
        0x80..=0x9f => format!("{code}, an invisible control character"),
        _ => format!("{code}, a noncharacter (not a letter or sign of any script)"),
    }
}

/// What to do about a forbidden character, with a word on where such a character usually comes from.
pub fn advice(c: char) -> String {
    let source = match c as u32 {
        0 => " (a file full of them was saved as UTF-16: save it as UTF-8)",
        0x91 | 0x92 => " (it is a curly quote from a Windows-1252 file: type ‘ or ’ instead)",
        0x93 | 0x94 => " (it is a curly quote from a Windows-1252 file: type “ or ” instead)",
        0x96 | 0x97 => " (it is a dash from a Windows-1252 file: type – or — instead)",
        0xfffe => " (it is a byte-order mark read the wrong way round)",
        _ => "",
    };
    format!(
        "delete it{source}: no page or feed can carry it, and readers would see nothing or a box"
    )
}

/// At most this many characters are reported per file: a file full of them is one mistake.
const REPORTED: usize = 5;

/// Every forbidden character of `text` (a source file shown as `path`), as errors at their line
/// and column: at most one per line, and a few per file.
pub fn check(path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let Some((column, c)) = line
            .trim_end_matches('\r')
            .chars()
            .enumerate()
            .find(|(_, c)| forbidden(*c))
        else {
            continue;
        };
        if problems.len() == REPORTED {
            break;
        }
        let shown: String = line
            .chars()
            .map(|c| if forbidden(c) { '�' } else { c })
            .collect();
        problems.push(
            Diagnostic::error(path, format!("this line holds {}", describe(c)))
                .at(i + 1, column + 1)
                .with_source(&shown)
                .help(advice(c)),
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbids_controls_and_noncharacters_only() {
        for c in [
            '\0',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(forbidden(c), "{c:?}");
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'a',
            'ç',
            '\u{a0}',
            '\u{feff}',
            '\u{fffd}',
            '\u{1f600}',
        ] {
            assert!(!forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn check_names_line_column_and_character() {
        let problems = check(Path::new("t.md"), "one\ntwo \u{7}\u{7}\r\nthree\u{1b}\n");
        let found: Vec<(usize, usize, &str)> = problems
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    2,
                    5,
                    "this line holds U+0007 (BELL), an invisible control character"
                ),
                (
                    3,
                    6,
                    "this line holds U+001B (ESCAPE), an invisible control character"
                ),
            ]
        );
        assert_eq!(problems[0].source_line.as_deref(), Some("two ��"));
    }
}
