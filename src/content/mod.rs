//! The texts of the site: finding them, reading their front matter and rendering their Markdown.

pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod outline;
pub mod plain;

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

    /// `essay` or `bulletin`, as Fluent keys (`kind-essay`) and templates name it.
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
}
