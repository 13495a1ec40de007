//! The settings of delivery: the subscription form's tag per language (`[subscribe] tag`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Config;

/// `[subscribe] tag`: `true` (the default: each language's code), `false` (none), one tag for every
/// language, or a table by language code (a language left out gets its code, `""` none).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SubscribeTag {
    On(bool),
    Same(String),
    Each(BTreeMap<String, String>),
}

impl Default for SubscribeTag {
    fn default() -> Self {
        SubscribeTag::On(true)
    }
}

impl SubscribeTag {
    /// The tag of the readers of language `code`, if they get one.
    pub fn of(&self, code: &str) -> Option<String> {
        let tag = match self {
            SubscribeTag::On(on) => on.then(|| code.to_string()),
            SubscribeTag::Same(tag) => Some(tag.clone()),
            SubscribeTag::Each(map) => Some(map.get(code).cloned().unwrap_or_else(|| code.into())),
        };
        tag.filter(|t| !t.trim().is_empty())
    }
}

/// The problems of these settings: (key, message, help).
pub(super) fn check(config: &Config) -> Vec<(&'static str, String, String)> {
    let mut problems = Vec::new();
    if let SubscribeTag::Each(tags) = &config.subscribe.tag {
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        for code in tags.keys().filter(|c| !codes.contains(&c.as_str())) {
            problems.push((
                "tag",
                format!("`{code}` in `[subscribe] tag` is not one of the site's languages"),
                format!("name the languages by their codes: {}", codes.join(", ")),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_tag() {
        assert_eq!(
            SubscribeTag::default().of("pt-BR").as_deref(),
            Some("pt-BR")
        );
        assert_eq!(SubscribeTag::On(false).of("en"), None);
        assert_eq!(
            SubscribeTag::Same("all".into()).of("en").as_deref(),
            Some("all")
        );
        let each = SubscribeTag::Each(BTreeMap::from([
            ("en".to_string(), "readers-en".to_string()),
            ("pt-BR".to_string(), String::new()),
        ]));
        assert_eq!(each.of("en").as_deref(), Some("readers-en"));
        assert_eq!(each.of("pt-BR"), None);
        assert_eq!(each.of("es").as_deref(), Some("es"));
    }
}
