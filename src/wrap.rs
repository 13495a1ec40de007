//! Plain text wrapped at the width of a plain-text email: for the edition's text part and the
//! templates that write plain text.

/// Text lines are wrapped to this many characters, the usual width of a plain-text email.
pub const WIDTH: usize = 72;

/// `text` wrapped at the plain-text width, for templates of plain text.
pub fn wrap_text(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        wrap(&mut out, line, "", "");
    }
    out.truncate(out.trim_end_matches('\n').len());
    out
}

/// Appends `text` wrapped at `WIDTH`, the first line after `first`, the others after `rest`.
pub fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut width = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !empty && width + 1 + len > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            width = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            width += 1;
        }
        line.push_str(word);
        width += len;
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
}
