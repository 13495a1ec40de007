//! The interface words the tool ships: one Fluent file per language, built into the binary. A
//! site's own `i18n/CODE.ftl` is laid over its language's file key by key, so a site writes only
//! what it changes; a language the tool does not ship starts from English.

/// (code, file) of every shipped language.
const LANGUAGES: [(&str, &str); 7] = [
    ("pt-BR", include_str!("languages/pt-BR.ftl")),
    ("en", include_str!("languages/en.ftl")),
    ("es", include_str!("languages/es.ftl")),
    ("pt-PT", include_str!("languages/pt-PT.ftl")),
    ("fr", include_str!("languages/fr.ftl")),
    ("de", include_str!("languages/de.ftl")),
    ("it", include_str!("languages/it.ftl")),
];

/// The language an unshipped one starts from.
pub const FALLBACK: &str = "en";

/// The comment `site init` writes above each message of a language the tool does not ship, until
/// it is translated.
pub const TO_TRANSLATE: &str = "(to translate)";

/// The messages of `english` that `site` (a site's file, if any) does not give, or gives still
/// marked [`TO_TRANSLATE`].
pub fn untranslated(english: &fluent_bundle::FluentResource, site: Option<&str>) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    // The full parser: the runtime one that bundles use drops comments, the marks among them.
    let parsed = site.map(|text| fluent_syntax::parser::parse(text).unwrap_or_else(|(r, _)| r));
    let mut translated = std::collections::HashSet::new();
    for entry in parsed.iter().flat_map(|r| r.body.iter()) {
        if let Entry::Message(m) = entry {
            let marked = m
                .comment
                .as_ref()
                .is_some_and(|c| c.content.iter().any(|l| l.trim() == TO_TRANSLATE));
            if !marked {
                translated.insert(m.id.name);
            }
        }
    }
    english
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) if !translated.contains(m.id.name) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// English's file with every message marked [`TO_TRANSLATE`]: what `site init` writes for a
/// language the tool does not ship.
pub fn to_translate(code: &str) -> String {
    let mut out = format!(
        "## The interface in `{code}`: every message below is English for now, marked {TO_TRANSLATE}.\n\
         ## Translate each and remove its mark; `site check` lists those left. A message left out\n\
         ## reads in English.\n\n"
    );
    for line in fallback().lines() {
        // Each message starts at the line's start with its id; its comments and continuation
        // lines stay as they are.
        let starts_message = line.split_once(" =").is_some_and(|(id, _)| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if starts_message {
            out.push_str("# ");
            out.push_str(TO_TRANSLATE);
            out.push('\n');
        }
        if !line.starts_with("## ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The codes of the shipped languages.
pub fn codes() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|(code, _)| *code)
}

/// The shipped file for `code`: its own, else one of the same language (`es-MX` takes `es`, `pt`
/// the first Portuguese), with the shipped code it is.
pub fn for_code(code: &str) -> Option<(&'static str, &'static str)> {
    let primary = |c: &str| c.split(['-', '_']).next().unwrap_or(c).to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .or_else(|| LANGUAGES.iter().find(|(c, _)| primary(c) == primary(code)))
        .copied()
}

/// English's file, which an unshipped language starts from.
pub fn fallback() -> &'static str {
    for_code(FALLBACK).expect("English is shipped").1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_found_by_code_then_by_language() {
        assert_eq!(for_code("pt-BR").unwrap().0, "pt-BR");
        assert_eq!(for_code("EN").unwrap().0, "en");
        assert_eq!(for_code("en-GB").unwrap().0, "en");
        assert_eq!(for_code("pt").unwrap().0, "pt-BR");
        assert_eq!(for_code("pt-PT").unwrap().0, "pt-PT");
        assert_eq!(for_code("de-AT").unwrap().0, "de");
        assert!(for_code("nl").is_none());
    }

    /// Every shipped file parses and has every key the English one has, and no other.
    #[test]
    fn every_shipped_language_has_the_same_keys() {
        let keys = |text: &str| -> std::collections::BTreeSet<String> {
            let resource = fluent_bundle::FluentResource::try_new(text.to_string())
                .unwrap_or_else(|(_, e)| panic!("{e:?}"));
            resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect()
        };
        let english = keys(fallback());
        for (code, text) in LANGUAGES {
            let own = keys(text);
            let missing: Vec<_> = english.difference(&own).collect();
            let extra: Vec<_> = own.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{code}: missing {missing:?}, extra {extra:?}"
            );
        }
    }
}
