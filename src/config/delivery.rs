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

impl EmailConfig {
    /// `api_base` carries the API key: it must be `https`, or plain `http` to this machine (tests, a
    /// local proxy).
    pub fn check_api_base(&self) -> Result<(), String> {
        let base = self.api_base.as_str();
        if let Some(rest) = base.strip_prefix("https://") {
            return match rest.is_empty() {
                true => Err(format!("`{base}` names no host")),
                false => Ok(()),
            };
        }
        let host = base.strip_prefix("http://").map(|rest| {
            let authority = rest.split('/').next().unwrap_or("");
            match authority.strip_prefix('[') {
                Some(v6) => v6.split(']').next().unwrap_or(""),
                None => authority.split(':').next().unwrap_or(""),
            }
        });
        match host {
            Some("127.0.0.1" | "localhost" | "::1") => Ok(()),
            Some(_) => Err(format!(
                "`{base}` is plain http: the API key would cross the network unencrypted"
            )),
            None => Err(format!("`{base}` is not an http(s) URL")),
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
    if let Some(Err(message)) = config.email.as_ref().map(EmailConfig::check_api_base) {
        problems.push((
            "api_base",
            message,
            "use `https://api.buttondown.com/v1` (the default), an https proxy, or http://127.0.0.1:PORT/… for a local server".into(),
        ));
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

    fn base(url: &str) -> Result<(), String> {
        EmailConfig {
            api_base: url.into(),
            ..EmailConfig::default()
        }
        .check_api_base()
    }

    #[test]
    fn the_api_is_https_except_on_loopback() {
        assert!(base("https://api.buttondown.com/v1").is_ok());
        assert!(base("http://127.0.0.1:8123/v1").is_ok());
        assert!(base("http://localhost/v1").is_ok());
        assert!(base("http://[::1]:9/v1").is_ok());
        assert!(base("http://api.buttondown.com/v1").is_err());
        assert!(base("http://127.0.0.1.example.org/v1").is_err());
        assert!(base("ftp://x").is_err());
        assert!(base("https://").is_err());
    }

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
