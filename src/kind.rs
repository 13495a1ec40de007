//! The two kinds of text, and every name one goes by: on the command line, in Fluent keys and
//! templates, as a folder under `content/`, and in the terminal's sentences.

use serde::Serialize;

/// The two kinds of text: each has its folder under `content/` and its weekday in the arc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Essay,
    Bulletin,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Essay, Kind::Bulletin];

    /// `essay` or `bulletin`: as the command line, Fluent keys (`kind-essay`) and templates name it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Essay => "essay",
            Kind::Bulletin => "bulletin",
        }
    }

    /// Folder under `content/`, and the key of its localized URL segment.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Essay => "essays",
            Kind::Bulletin => "bulletins",
        }
    }

    /// "an essay", "a bulletin": for the terminal's sentences.
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Essay => "an essay",
            Kind::Bulletin => "a bulletin",
        }
    }

    /// The kind a command line or a folder names: `essay`, `essays`, `bulletin` or `bulletins`.
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == name || k.folder() == name)
    }
}
