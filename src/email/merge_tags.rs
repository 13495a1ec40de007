//! A text's own words kept from the sending service's template engine (`{{ subscriber.name }}` in a
//! code sample reaches the reader as written), while the edition's own merge tags stay live.

use std::path::Path;

use serde_json::Value;

use crate::config::EmailConfig;
use crate::diagnostics::Diagnostic;

/// Stand-ins for the verbatim pair while the edition is rendered: private-use characters with no
/// space in them, so no line wrapping splits a pair; replaced by the pair once the edition is whole.
const OPEN: char = '\u{F0000}';
const CLOSE: char = '\u{F0001}';

/// At most this many lines of a file are warned about: the rest are the same problem.
const REPORTED: usize = 8;

/// How the text's words are kept from the service's template engine.
pub struct Guard<'a> {
    tags: &'a [String],
    verbatim: Option<(&'a str, &'a str)>,
}

impl<'a> Guard<'a> {
    pub fn new(config: &'a EmailConfig) -> Guard<'a> {
        let verbatim = match config.verbatim.as_slice() {
            [open, close] => Some((open.as_str(), close.as_str())),
            _ => None,
        };
        Guard {
            tags: &config.merge_tags,
            verbatim,
        }
    }

    fn holds_tag(&self, text: &str) -> bool {
        self.tags.iter().any(|t| text.contains(t.as_str()))
    }

    /// The writer's `text`, marked to be kept as written when it holds a merge tag.
    pub fn text(&self, text: &str) -> String {
        let text: String = text.chars().filter(|c| *c != OPEN && *c != CLOSE).collect();
        match self.verbatim {
            Some(_) if self.holds_tag(&text) => format!("{OPEN}{text}{CLOSE}"),
            _ => text,
        }
    }

    /// The writer's `url` with its merge tags percent-encoded: the same address, and no tag in it.
    pub fn url(&self, url: &str) -> String {
        let mut url = url.to_string();
        for tag in self.tags {
            if url.contains(tag.as_str()) {
                let encoded: String = tag
                    .bytes()
                    .map(|b| match b {
                        b if b.is_ascii_alphanumeric() => (b as char).to_string(),
                        b => format!("%{b:02X}"),
                    })
                    .collect();
                url = url.replace(tag.as_str(), &encoded);
            }
        }
        url
    }

    /// A text's fields in a template context (`post`): its words marked, its URLs encoded.
    pub fn post(&self, post: &mut Value) {
        let text = |v: &mut Value| {
            if let Value::String(s) = v {
                *s = self.text(s);
            }
        };
        for key in ["title", "summary", "html"] {
            post.get_mut(key).map(text);
        }
        for source in items(post, "sources") {
            source.get_mut("title").map(text);
            if let Some(Value::String(url)) = source.get_mut("url") {
                *url = self.url(url);
            }
        }
        for tag in items(post, "tags") {
            tag.get_mut("name").map(text);
        }
    }

    /// The rendered edition with the marks turned into the service's verbatim pair.
    pub fn finish(&self, rendered: &str) -> String {
        let Some((open, close)) = self.verbatim else {
            return rendered.to_string();
        };
        let mut out = String::with_capacity(rendered.len());
        for c in rendered.chars() {
            match c {
                OPEN => out.push_str(open),
                CLOSE => out.push_str(close),
                c => out.push(c),
            }
        }
        out
    }

    /// What the writer of `text` (the whole file at `path`) should hear: every line holding a merge
    /// tag when the service has no verbatim pair, else every line holding the pair's closing tag,
    /// which would end the protection early.
    pub fn warnings(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if out.len() == REPORTED {
                break;
            }
            let found = match self.verbatim {
                None => self
                    .tags
                    .iter()
                    .filter_map(|t| line.find(t.as_str()).map(|at| (at, t.as_str())))
                    .min(),
                Some((_, close)) => line.find(close).map(|at| (at, close)),
            };
            let Some((at, tag)) = found else {
                continue;
            };
            let column = line[..at].chars().count() + 1;
            let d = match self.verbatim {
                None => Diagnostic::warning(
                    path,
                    format!("`{tag}` opens a merge tag for the sending service, which will try to fill it in"),
                )
                .help("set `verbatim` in [email] to the service's pair of tags for text it must leave as written, or write this another way"),
                Some((open, _)) => Diagnostic::warning(
                    path,
                    format!("the text holds `{tag}`, which ends the text the sending service leaves as written: what follows it will be read as template code"),
                )
                .help(format!(
                    "choose a pair the text does not hold in `verbatim` in [email] (Buttondown names them: `{}`)",
                    named_pair(open)
                )),
            };
            out.push(d.at(i + 1, column).with_source(line));
        }
        out
    }
}

/// The elements of the array `post[key]`, if it is one.
fn items<'v>(post: &'v mut Value, key: &str) -> impl Iterator<Item = &'v mut Value> {
    post.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// The Django pair with a name, which a text holding the unnamed one does not close.
fn named_pair(open: &str) -> String {
    if open.contains("verbatim") {
        "[\"{% verbatim text %}\", \"{% endverbatim text %}\"]".to_string()
    } else {
        "a pair of its own".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_text_holding_a_merge_tag() {
        let config = EmailConfig::default();
        let guard = Guard::new(&config);
        assert_eq!(guard.text("plain words"), "plain words");
        let marked = guard.text("Olá, {{ subscriber.name }}");
        assert_eq!(
            guard.finish(&format!("<p>{marked}</p> {{{{ unsubscribe_url }}}}")),
            "<p>{% verbatim %}Olá, {{ subscriber.name }}{% endverbatim %}</p> {{ unsubscribe_url }}"
        );
        assert_eq!(
            guard.url("https://x.example/{{id}}/{% if %}"),
            "https://x.example/%7B%7Bid}}/%7B%25 if %}"
        );
    }

    #[test]
    fn without_a_pair_each_line_is_warned_about() {
        let config = EmailConfig {
            verbatim: Vec::new(),
            ..EmailConfig::default()
        };
        let guard = Guard::new(&config);
        assert_eq!(guard.text("{{ x }}"), "{{ x }}");
        let warnings = guard.warnings(Path::new("t.md"), "a\nb {% if x %} {{ y }}\nc\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!((warnings[0].line, warnings[0].column), (2, 3));
        assert!(warnings[0].message.starts_with("`{%` opens a merge tag"));
    }
}
