//! `site`: builds a bilingual weekly newsletter from Markdown, Tera templates and Fluent translations.

pub mod absolute;
pub mod arc;
pub mod assets;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod email;
pub mod feeds;
pub mod highlight;
pub mod i18n;
pub mod init;
pub mod links;
pub mod new;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod schedule;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod status;
pub mod text_links;
pub mod xml;
