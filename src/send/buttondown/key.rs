//! The API key, and what keeps it (and a server's escape sequences) out of every message.

/// The most of a server's words a message shows.
const SHOWN_MAX: usize = 300;

/// A server's words as a message shows them: plain text whatever the server sent. Control characters
/// (a terminal's escape sequences among them) are escaped, the text is cut at `SHOWN_MAX` characters,
/// and the key, should a server echo it, is replaced.
pub fn shown(text: &str, key: Option<&ApiKey>) -> String {
    let text = match key {
        Some(key) => text.replace(&key.0, "[the API key]"),
        None => text.to_string(),
    };
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN_MAX {
            out.push('…');
            break;
        }
        match c.is_control() {
            true => out.extend(c.escape_default()),
            false => out.push(c),
        }
    }
    out
}

/// The API key: kept out of every message, debug output included.
pub struct ApiKey(pub(super) String);

impl ApiKey {
    /// `None` when the value is empty.
    pub fn new(value: String) -> Option<ApiKey> {
        let value = value.trim().to_string();
        (!value.is_empty()).then_some(ApiKey(value))
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(…)")
    }
}
