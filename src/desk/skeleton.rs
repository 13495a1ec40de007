//! The languages of a new site: what `site init --languages` writes for each one, from
//! `skeleton/languages/CODE/` (its site.toml table's words and paths, its two sample texts). A
//! language the tool does not ship takes English's, and an `i18n/CODE.ftl` to translate.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::i18n::shipped;

/// One language's defaults (`skeleton/languages/CODE/language.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub essay_slug: String,
    pub bulletin_slug: String,
    pub title: String,
    pub author: String,
    pub tagline: String,
    pub description: String,
    pub motto: String,
    pub footer: String,
    pub readers_noun: String,
    pub title_gender: Option<String>,
    pub arc_title: String,
    pub second_arc_title: String,
    pub paths: BTreeMap<String, String>,
}

/// A language of the new site: its code, whether the tool ships its words, and its defaults.
#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    pub shipped: bool,
    /// The skeleton folder its defaults and samples come from (`pt-BR`, or `en` when unshipped).
    pub folder: String,
    pub defaults: Defaults,
}

/// The order the URL paths are written in.
const PATHS: [&str; 6] = ["essays", "bulletins", "arc", "subscribe", "tags", "search"];

/// The languages named by `--languages` (`es,de`), checked: BCP 47 codes, none twice.
pub fn languages(
    list: &str,
    file: &dyn Fn(&str) -> Option<&'static [u8]>,
) -> Result<Vec<Language>, Diagnostic> {
    let option = Path::new("--languages");
    let mut out: Vec<Language> = Vec::new();
    for code in list.split(',').map(str::trim) {
        if code.is_empty() {
            return Err(Diagnostic::error(option, "an empty language code").help(
                "write the codes with commas and nothing else between them: `--languages es,de`",
            ));
        }
        let valid = code.parse::<unic_langid::LanguageIdentifier>().is_ok()
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Err(Diagnostic::error(option, format!("`{code}` is not a language code"))
                .help("write BCP 47 codes, the home language first: `--languages es,de`, `--languages pt-BR,en`"));
        }
        if out.iter().any(|l| l.code.eq_ignore_ascii_case(code)) {
            return Err(
                Diagnostic::error(option, format!("`{code}` is named twice"))
                    .help("name each language once, the home language first"),
            );
        }
        let shipped = shipped::for_code(code);
        // A language's own folder, else one of the same language, else English.
        let folder = shipped
            .map(|(c, _)| c)
            .filter(|c| file(&format!("languages/{c}/language.toml")).is_some())
            .unwrap_or(shipped::FALLBACK)
            .to_string();
        let path = format!("languages/{folder}/language.toml");
        let text = file(&path).map(String::from_utf8_lossy).unwrap_or_default();
        let defaults: Defaults = toml::from_str(&text).map_err(|e| {
            Diagnostic::error(
                &Path::new("skeleton").join(&path),
                format!("the embedded defaults do not load: {e}"),
            )
        })?;
        out.push(Language {
            code: code.to_string(),
            shipped: shipped.is_some(),
            folder,
            defaults,
        });
    }
    Ok(out)
}

/// The `[[languages]]` tables of site.toml: the first language at `/`, each other under a folder
/// named by its code.
pub fn tables(languages: &[Language]) -> String {
    let mut out = String::new();
    for (i, language) in languages.iter().enumerate() {
        let d = &language.defaults;
        let prefix = if i == 0 {
            String::new()
        } else {
            language.code.to_ascii_lowercase()
        };
        let paths: Vec<String> = PATHS
            .iter()
            .map(|p| {
                format!(
                    "{p} = {}",
                    quoted(d.paths.get(*p).map_or(*p, String::as_str))
                )
            })
            .collect();
        out.push_str(&format!(
            "[[languages]]\ncode = {}\nprefix = {}\ntagline = {}\n# description = {}\n# motto = {}\n# footer = {}\n# readers_noun = {}\n",
            quoted(&language.code),
            quoted(&prefix),
            quoted(&d.tagline),
            quoted(&d.description),
            quoted(&d.motto),
            quoted(&d.footer),
            quoted(&d.readers_noun),
        ));
        if let Some(gender) = &d.title_gender {
            out.push_str(&format!("# title_gender = {}\n", quoted(gender)));
        }
        out.push_str(&format!("paths = {{ {} }}\n\n", paths.join(", ")));
    }
    out
}

/// An inline table with one value per language, as site.toml's examples show them.
pub fn per_language(languages: &[Language], value: impl Fn(&Defaults) -> &str) -> String {
    let entries: Vec<String> = languages
        .iter()
        .map(|l| format!("{} = {}", quoted(&l.code), quoted(value(&l.defaults))))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// For the languages the tool does not ship: their `i18n/CODE.ftl` in English to translate, and
/// in every other language's file the name of each (`lang-CODE`), to translate too.
pub fn translations(languages: &[Language]) -> Vec<(String, String)> {
    let unshipped: Vec<&Language> = languages.iter().filter(|l| !l.shipped).collect();
    if unshipped.is_empty() {
        return Vec::new();
    }
    languages
        .iter()
        .map(|language| {
            let names: String = unshipped
                .iter()
                .map(|u| {
                    format!(
                        "# {}\nlang-{} = {}\n",
                        shipped::TO_TRANSLATE,
                        u.code,
                        u.code
                    )
                })
                .collect();
            let text = if language.shipped {
                format!(
                    "## Messages here replace the tool's own for `{}`, key by key.\n\n{names}",
                    language.code
                )
            } else {
                let mut text = shipped::to_translate(&language.code);
                text.push_str(&names);
                text
            };
            (format!("i18n/{}.ftl", language.code), text)
        })
        .filter(|(_, text)| text.contains("lang-") || text.contains(shipped::TO_TRANSLATE))
        .collect()
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
