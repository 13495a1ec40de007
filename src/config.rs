//! `site.toml` → typed `Config`; unknown keys and bad values are diagnostics with a line.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::schedule::Schedule;

mod address;
mod arcs;
mod delivery;
mod language;
mod mark;
pub use address::Refusal;
pub use arcs::{ArcConfig, NextArc};
use delivery::{default_api_base, default_delay_minutes, default_schedule_ahead_days};
pub use delivery::{OtherLanguage, SubscribeTag};
pub use language::{Gender, Language, NavLink, Paths, PerLanguage};
pub use mark::{MarkConfig, DEFAULT_ACCENT};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub author: String,
    /// Address the "Was this page helpful?" answers are mailed to.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Approximate number of readers, shown in the hero and on the subscription page.
    #[serde(default)]
    pub readers: Option<u64>,
    /// Custom domain for GitHub Pages; written to `CNAME` when set.
    #[serde(default)]
    pub cname: Option<String>,
    /// Index the texts for the search page (Pagefind). Large archives may turn it off: it is the
    /// costliest part of their build.
    #[serde(default = "default_true")]
    pub search: bool,
    /// How many texts each feed carries, newest first; 0 for all of them.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    pub arc: ArcConfig,
    /// The arcs after the first, in order; past the last one, arcs of `[arc] weeks` follow back to back.
    #[serde(default)]
    pub arcs: Vec<NextArc>,
    #[serde(default)]
    pub publish: PublishConfig,
    pub subscribe: SubscribeConfig,
    /// `None` when site.toml has no `[email]` table: `site email` then says which defaults it used.
    #[serde(default)]
    pub email: Option<EmailConfig>,
    pub languages: Vec<Language>,
    #[serde(default)]
    pub nav: Vec<NavLink>,
    /// The favicon's and the cards' mark.
    #[serde(default)]
    pub mark: MarkConfig,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubscribeConfig {
    pub action: String,
    #[serde(default = "default_method")]
    pub method: String,
    #[serde(default = "default_email_field")]
    pub email_field: String,
    /// The tag the form gives a new reader, per language (Buttondown's embed form takes `tag`), so each
    /// language has its readers (`site send` addresses them by it).
    #[serde(default, skip_serializing)]
    pub tag: SubscribeTag,
}

fn default_true() -> bool {
    true
}

fn default_feed_limit() -> usize {
    20
}

/// When texts go live: at `time` on their date, in `timezone`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default = "default_time")]
    pub time: String,
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig {
            timezone: default_timezone(),
            time: default_time(),
        }
    }
}

fn default_timezone() -> String {
    "UTC".into()
}
fn default_time() -> String {
    "00:00".into()
}

/// The email edition, and how `site send` hands it to the sending service.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// The unsubscribe link, as the sending service wants it written (often a merge tag such as
    /// Buttondown's `{{ unsubscribe_url }}`); default: the site's subscription page.
    #[serde(default)]
    pub unsubscribe_url: Option<String>,
    /// The sending service's API (Buttondown's, or a proxy's): `https`, except on loopback.
    #[serde(default = "default_api_base")]
    pub api_base: String,
    /// How many days ahead `site send` schedules the editions.
    #[serde(default = "default_schedule_ahead_days")]
    pub schedule_ahead_days: u32,
    /// How long after a text's publish hour its email goes out: the page must be live when readers
    /// open the email, and the scheduled build makes it live at the workflow's cron time, a little
    /// after the hour.
    #[serde(default = "default_delay_minutes")]
    pub delay_minutes: u32,
    /// What the readers of a language a text is not written in receive.
    #[serde(default)]
    pub other_language: OtherLanguage,
    /// What opens template code for the sending service; default: Buttondown's (Django templates).
    #[serde(default = "default_merge_tags")]
    pub merge_tags: Vec<String>,
    /// The pair of tags around text the service must leave as written; default: Django's
    /// `{% verbatim %}` and `{% endverbatim %}`. Empty when the service has no such pair.
    #[serde(default = "default_verbatim")]
    pub verbatim: Vec<String>,
}

pub(crate) fn default_merge_tags() -> Vec<String> {
    ["{{", "{%", "{#"].map(String::from).to_vec()
}

pub(crate) fn default_verbatim() -> Vec<String> {
    ["{% verbatim %}", "{% endverbatim %}"]
        .map(String::from)
        .to_vec()
}

fn default_method() -> String {
    "post".into()
}
fn default_email_field() -> String {
    "email".into()
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![
                Diagnostic::error(path, format!("cannot read the site configuration: {e}"))
                    .help("run `site` from the site's root folder, or pass `--root DIR`"),
            ]
        })?;
        Config::parse(path, &text)
    }

    /// The configuration of the site at `root`, its diagnostics naming `site.toml` as the writer
    /// knows it rather than by the path it was read from.
    pub fn of_site(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        Config::load(&root.join("site.toml")).map_err(|mut problems| {
            for d in &mut problems {
                d.file = "site.toml".into();
            }
            problems
        })
    }

    /// Puts `--base-url` in place of `base_url`, checked as `base_url` is.
    pub fn set_base_url(&mut self, raw: &str) -> Result<(), Refusal> {
        self.base_url = address::base_url(raw)?;
        Ok(())
    }

    /// The index of the language whose code is `code`.
    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let mut config: Config =
            toml::from_str(text).map_err(|e| vec![Diagnostic::from_toml(path, text, 0, &e)])?;
        let mut problems = Vec::new();
        // The line of the `nth` (0-based) `key = …`, e.g. the second language's `code`.
        let at_nth_key = |key: &str, nth: usize| {
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    // `time` must not find `timezone`.
                    l.trim_start().strip_prefix(key).is_some_and(|rest| {
                        !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                })
                .nth(nth)
                .map_or(1, |(i, _)| i + 1);
            Diagnostic::error(path, String::new())
                .at(line, 1)
                .with_source(text.lines().nth(line - 1).unwrap_or(""))
        };
        let at_key = |key: &str| at_nth_key(key, 0);
        if config.languages.is_empty() {
            problems.push(
                at_key("[[languages]]")
                    .message("no languages are configured")
                    .help("add a `[[languages]]` table; the first one is the default language"),
            );
        }
        let mut prefixes = std::collections::BTreeSet::new();
        for (nth, lang) in config.languages.iter().enumerate() {
            if lang
                .code
                .parse::<unic_langid::LanguageIdentifier>()
                .is_err()
            {
                problems.push(
                    at_nth_key("code", nth)
                        .message(format!("`{}` is not a language code", lang.code))
                        .help("use a BCP 47 code such as `pt-BR` or `en`"),
                );
            }
            if !prefixes.insert(lang.prefix.trim_matches('/').to_string()) {
                problems.push(
                    at_nth_key("prefix", nth)
                        .message(format!(
                            "two languages share the URL prefix `{}`",
                            lang.prefix
                        ))
                        .help("give each language its own prefix; only the default may be empty"),
                );
            }
        }
        if let Err(d) = config.arc() {
            problems.push(at_key(d.0).message(d.1).help(d.2));
        }
        if let Err(d) = config.schedule() {
            problems.push(at_key(d.0).message(d.1).help(d.2));
        }
        for (key, message, help) in delivery::check(&config)
            .into_iter()
            .chain(mark::check(&config.mark))
        {
            problems.push(at_key(key).message(message).help(help));
        }
        match address::base_url(&config.base_url) {
            Ok(url) => config.base_url = url,
            Err(refusal) => problems.push(
                at_key("base_url")
                    .message(refusal.message)
                    .help(refusal.help),
            ),
        }
        // The client is handed the address as parsed, never the text as written.
        if let Some(Ok(api)) = config
            .email
            .as_ref()
            .map(|e| address::api_base(&e.api_base))
        {
            if let Some(email) = config.email.as_mut() {
                email.api_base = api;
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The publishing hour and zone, checked.
    pub fn schedule(&self) -> Result<Schedule, (&'static str, String, String)> {
        Schedule::new(&self.publish.timezone, &self.publish.time)
    }

    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// The path part of `base_url` without its trailing slash: "" at a domain's root,
    /// "/repo" for a site served from a sub-folder (GitHub Pages project sites).
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("", |i| after_scheme[i..].trim_end_matches('/'))
    }

    /// Absolute URL for a link path (one that already starts with the base path).
    pub fn absolute(&self, path: &str) -> String {
        let base = self.base_url.trim_end_matches('/');
        format!("{}{}", &base[..base.len() - self.base_path().len()], path)
    }

    /// Link path of a language's home: `BASE/` or `BASE/en/`.
    pub fn language_root(&self, lang: usize) -> String {
        let p = self.languages[lang].prefix.trim_matches('/');
        if p.is_empty() {
            format!("{}/", self.base_path())
        } else {
            format!("{}/{p}/", self.base_path())
        }
    }
}

/// A TOML date (no time) as a `NaiveDate`.
pub fn date_of(d: &toml::value::Datetime) -> Option<NaiveDate> {
    match (d.date, d.time) {
        (Some(date), None) => {
            NaiveDate::from_ymd_opt(date.year as i32, date.month as u32, date.day as u32)
        }
        _ => None,
    }
}
