//! The settings of delivery: the subscription form's tag per language and how `site send` reaches
//! the sending service (`[subscribe] tag`, `[email] api_base`, `schedule_ahead_days`, `delay_minutes`, `other_language`,
//! and the service's template syntax: `merge_tags`, `verbatim`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Config, EmailConfig};

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

impl Default for EmailConfig {
    fn default() -> Self {
        EmailConfig {
            unsubscribe_url: None,
            api_base: default_api_base(),
            schedule_ahead_days: default_schedule_ahead_days(),
            delay_minutes: default_delay_minutes(),
            other_language: OtherLanguage::default(),
            merge_tags: super::default_merge_tags(),
            verbatim: super::default_verbatim(),
        }
    }
}

/// `[email] other_language`: readers of a language a text is not written in get nothing (`skip`), or
/// the text in its original language (`original`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OtherLanguage {
    #[default]
    Skip,
    Original,
}

/// The problems of these settings: (key, message, help).
pub(super) fn check(config: &Config) -> Vec<(&'static str, String, String)> {
    let mut problems = Vec::new();
    if let Some(Err(refusal)) = config
        .email
        .as_ref()
        .map(|e| super::address::api_base(&e.api_base))
    {
        problems.push(("api_base", refusal.message, refusal.help));
    }
    if let Some(email) = &config.email {
        if !matches!(email.verbatim.len(), 0 | 2) || email.verbatim.iter().any(|t| t.is_empty()) {
            problems.push((
                "verbatim",
                "`verbatim` is a pair of tags: the one that opens text to leave as written, and the one that closes it".into(),
                "write `verbatim = [\"{% verbatim %}\", \"{% endverbatim %}\"]` (Buttondown), or `verbatim = []` when the service has none".into(),
            ));
        }
        if email.delay_minutes > 24 * 60 {
            problems.push((
                "delay_minutes",
                format!(
                    "`delay_minutes = {}` sends each email more than a day after its text's hour",
                    email.delay_minutes
                ),
                "give the minutes between the hour and the build that makes the page live, e.g. `delay_minutes = 30`".into(),
            ));
        }
        if email.merge_tags.iter().any(|t| t.is_empty()) {
            problems.push((
                "merge_tags",
                "`merge_tags` holds an empty string".into(),
                "list what opens the service's template code, e.g. `merge_tags = [\"{{\", \"{%\"]`"
                    .into(),
            ));
        }
    }
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

pub(super) fn default_api_base() -> String {
    "https://api.buttondown.com/v1".into()
}
pub(super) fn default_schedule_ahead_days() -> u32 {
    7
}
/// Half an hour: the daily build runs a quarter of an hour after the publish hour (see the
/// workflow's cron) and takes a few minutes to deploy.
pub(super) fn default_delay_minutes() -> u32 {
    30
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
