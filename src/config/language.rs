//! A language of the site as `site.toml` declares it (its code, URL prefix and segments, and its
//! own words), and the settings given once or per language (`[[nav]]`).

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code, also the `.LANG.md` suffix and the `.ftl` file name.
    pub code: String,
    /// URL prefix: "" for the root, "en" for `/en/`.
    #[serde(default)]
    pub prefix: String,
    pub tagline: String,
    pub paths: Paths,
    /// The home's meta description and the hero's lede; default: the interface's neutral one
    /// (`site-description` in `i18n/CODE.ftl`). These words of the site's own reach the pages
    /// through Fluent (`i18n::site_terms`).
    #[serde(default)]
    pub description: Option<String>,
    /// What the readers are called: "About 3,800 builders read this every week."
    #[serde(default)]
    pub readers_noun: Option<String>,
    /// A short line after the counters on the home and the arc ("7 weeks · 14 texts · MOTTO").
    #[serde(default)]
    pub motto: Option<String>,
    /// The line in every page's footer, after the site's name.
    #[serde(default)]
    pub footer: Option<String>,
    /// The grammatical gender of the title in this language, for the interface sentences that put
    /// an article before it ("Assine o Durante"); without it they are phrased to need none.
    #[serde(default)]
    pub title_gender: Option<Gender>,
}

/// A grammatical gender, as Fluent selectors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Masculine,
    Feminine,
}

/// Localized URL segments of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paths {
    pub essays: String,
    pub bulletins: String,
    pub arc: String,
    pub subscribe: String,
    /// The tag pages: `/marcadores/`, `/marcadores/TAG/`.
    pub tags: String,
    /// The search page.
    pub search: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    /// A URL, or one per language code; a path starting with `/` is inside the site.
    pub url: PerLanguage,
    /// A label, or one per language code.
    pub label: PerLanguage,
}

/// A value that is either the same in every language or given per language code.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "toml::Value")]
pub enum PerLanguage {
    Same(String),
    Each(BTreeMap<String, String>),
}

impl TryFrom<toml::Value> for PerLanguage {
    type Error = String;

    fn try_from(value: toml::Value) -> Result<Self, String> {
        let wrong = || {
            "write text in double quotes, or one text per language code: `{ \"pt-BR\" = \"…\", en = \"…\" }`"
                .to_string()
        };
        match value {
            toml::Value::String(s) => Ok(PerLanguage::Same(s)),
            toml::Value::Table(table) => table
                .into_iter()
                .map(|(code, v)| match v {
                    toml::Value::String(s) => Ok((code, s)),
                    _ => Err(wrong()),
                })
                .collect::<Result<_, _>>()
                .map(PerLanguage::Each),
            _ => Err(wrong()),
        }
    }
}

impl PerLanguage {
    /// The value for `code`, else the first one given.
    pub fn get(&self, code: &str) -> Option<&str> {
        match self {
            PerLanguage::Same(s) => Some(s),
            PerLanguage::Each(map) => map
                .get(code)
                .or_else(|| map.values().next())
                .map(String::as_str),
        }
    }
}
