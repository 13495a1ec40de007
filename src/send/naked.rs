//! The unsubscribe link of an edition that goes out naked.
//!
//! `site send` hands every edition over with `template: "naked"` (it is a whole document with its own
//! footer), and Buttondown's naked-mode page states: "Your email must include the
//! {{ unsubscribe_url }} template tag when using Naked mode." An edition whose link points anywhere
//! else (the subscription page, the default without `[email] unsubscribe_url`) is refused here, before
//! Buttondown sees it, at the setting's line.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// What to write in site.toml, word for word.
pub const SETTING: &str = "unsubscribe_url = \"{{ unsubscribe_url }}\"";

/// Whether `text` holds Buttondown's `{{ unsubscribe_url }}` tag (its template engine allows any
/// spacing inside the braces).
pub fn has_tag(text: &str) -> bool {
    text.split("{{").skip(1).any(|after| {
        after
            .split_once("}}")
            .is_some_and(|(inside, _)| inside.trim() == "unsubscribe_url")
    })
}

/// Whether the site's editions carry the tag: `[email] unsubscribe_url` holds it.
pub fn configured(config: &Config) -> bool {
    config
        .email
        .as_ref()
        .and_then(|e| e.unsubscribe_url.as_deref())
        .is_some_and(has_tag)
}

/// The problem of a site whose editions would go out naked without the tag, at the setting's line in
/// `toml` (site.toml's text), or at `[email]`, or at the top of the file: `None` when it is fine.
/// An error for `site send`, a warning for `site check`.
pub fn problem(config: &Config, toml: &str, error: bool) -> Option<Diagnostic> {
    if configured(config) {
        return None;
    }
    let line_of = |start: &str| {
        toml.lines()
            .position(|l| {
                l.trim_start().strip_prefix(start).is_some_and(|rest| {
                    !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            })
            .map(|i| i + 1)
    };
    let (line, message, help) = match (line_of("unsubscribe_url"), line_of("[email]")) {
        (Some(line), _) => (
            line,
            "`[email] unsubscribe_url` has no `{{ unsubscribe_url }}`: Buttondown sends the editions naked, and a naked email must carry that tag, readers' own unsubscribe link",
            format!("write `{SETTING}` (Buttondown fills it in for each reader)"),
        ),
        (None, Some(line)) => (
            line,
            "`[email]` has no `unsubscribe_url`: the editions would link to the subscription page, but Buttondown sends them naked, and a naked email must carry the `{{ unsubscribe_url }}` tag",
            format!("write `{SETTING}` under `[email]`"),
        ),
        (None, None) => (
            1,
            "site.toml has no `[email]` table: the editions would link to the subscription page, but Buttondown sends them naked, and a naked email must carry the `{{ unsubscribe_url }}` tag",
            format!("add the table `[email]` with the line `{SETTING}`"),
        ),
    };
    let path = Path::new("site.toml");
    let d = match error {
        true => Diagnostic::error(path, message),
        false => Diagnostic::warning(path, message),
    };
    Some(d.at_line_of(toml, line, 1).help(help))
}

/// Whether the site hands its editions to Buttondown: `[email] api_base` is written in site.toml, or
/// a workflow under .github/workflows runs `site send` (a line
/// that is not a comment says so: the send job `site init` writes names its step `site send`).
pub fn in_use(root: &Path, toml: &str) -> bool {
    let written = toml::from_str::<toml::Table>(toml).is_ok_and(|t| {
        t.get("email")
            .and_then(|e| e.as_table())
            .is_some_and(|e| e.contains_key("api_base"))
    });
    let workflows = std::fs::read_dir(root.join(".github/workflows"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok());
    let runs_send = |w: String| {
        w.lines()
            .any(|l| !l.trim_start().starts_with('#') && l.contains("site send"))
    };
    written || workflows.into_iter().any(runs_send)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_is_found_with_any_spacing() {
        assert!(has_tag("<a href=\"{{ unsubscribe_url }}\">x</a>"));
        assert!(has_tag("{{unsubscribe_url}}"));
        assert!(!has_tag("https://o.example/assinar/"));
        assert!(!has_tag("{{ unsubscribe_url_x }}"));
        assert!(!has_tag("{{ unsubscribe_url"));
    }
}
