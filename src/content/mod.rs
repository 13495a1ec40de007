//! The texts of the site: finding them, reading their front matter and rendering their Markdown.

pub mod assets;
pub mod fingerprint;
pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod outline;

pub use crate::kind::Kind;
