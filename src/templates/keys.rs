//! The interface messages the templates ask for, checked against every language before anything
//! renders: a message no file gives is one error per language file, naming every key to add there,
//! instead of a template error on every page that shows it.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;

/// The keys the templates of `root` name as written (`t(key="nav-arc", …)`), and `lang-CODE` for
/// every language of the site (the language switch asks for `"lang-" ~ code`). Keys made by the
/// templates from other values (`"kind-" ~ kind`) are checked when they are formatted.
pub fn used(root: &Path, codes: &[String]) -> BTreeSet<String> {
    let pattern = regex::Regex::new(r#"\bt\(\s*key\s*=\s*["']([A-Za-z0-9_.-]+)["']\s*[,)]"#)
        .expect("the pattern is valid");
    let mut keys: BTreeSet<String> = codes.iter().map(|c| format!("lang-{c}")).collect();
    for entry in walkdir::WalkDir::new(root.join("templates"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        keys.extend(pattern.captures_iter(&text).map(|c| c[1].to_string()));
    }
    keys
}

/// One error per language file lacking some of `keys` (in its own file, in the tool's words for
/// its language and in the default language's), listing them all.
pub fn missing(i18n: &I18n, keys: &BTreeSet<String>) -> Vec<Diagnostic> {
    (0..i18n.languages())
        .filter_map(|lang| {
            let absent: Vec<&str> = keys
                .iter()
                // A message the default language has is shown from it, with a warning.
                .filter(|k| !i18n.has(lang, k) && !i18n.has(0, k))
                .map(String::as_str)
                .collect();
            if absent.is_empty() {
                return None;
            }
            let file = i18n.file(lang);
            let example = absent
                .iter()
                .take(3)
                .map(|k| format!("`{k} = …`"))
                .collect::<Vec<_>>()
                .join(", ");
            Some(
                Diagnostic::error(
                    file,
                    format!(
                        "the templates ask for {} message{} this language has no words for: {}",
                        absent.len(),
                        if absent.len() == 1 { "" } else { "s" },
                        absent.join(", ")
                    ),
                )
                .help(format!("add {example} to {}", file.display())),
            )
        })
        .collect()
}
