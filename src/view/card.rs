//! What a social card says, in the page's language: every string ready to draw. The `cards` output
//! draws it.

use crate::i18n::I18n;
use crate::plan::{Page, PageKind};
use crate::site::Site;

/// What a card says: every string ready to print.
pub struct CardText {
    pub lang: String,
    pub kicker: String,
    pub title: String,
    pub site_name: String,
    pub footer: String,
}

impl CardText {
    /// The card described in words, for `og:image:alt`.
    pub fn alt(&self) -> String {
        [&self.kicker, &self.title, &self.site_name]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" — ")
    }
}

/// The strings of `card` (a `PageKind::Card` page): a text's kind and week and its title as the page
/// shows it, or the home's tagline.
pub fn card_text(i18n: &I18n, site: &Site, card: &Page) -> CardText {
    let config = &site.config;
    let language = &config.languages[card.lang];
    // The site's address without its scheme: "durante.example".
    let footer = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, rest)| rest)
        .trim_end_matches('/')
        .to_string();
    let (lang, kicker, title) = match card.kind {
        PageKind::Card(Some(i)) => {
            let text = &site.texts[i];
            let post = site.version(text, card.lang);
            let mut args = fluent_bundle::FluentArgs::new();
            let kind = i18n
                .message(card.lang, &format!("kind-{}", text.kind.name()), None)
                .unwrap_or_default();
            args.set("kind", kind);
            let (arc, week) = site.week_name(text.week);
            args.set("week", week);
            args.set("arc", arc);
            let kicker = i18n
                .message(card.lang, "card-kicker", Some(&args))
                .unwrap_or_default();
            let lang = config.languages[post.source.lang].code.clone();
            (lang, kicker, post.front.title.clone())
        }
        _ => (
            language.code.clone(),
            String::new(),
            language.tagline.clone(),
        ),
    };
    CardText {
        lang,
        kicker,
        title,
        site_name: config.title.clone(),
        footer,
    }
}

/// The strings of an arc's book cover, in language `lang`.
#[derive(Debug, Clone)]
pub struct CoverText {
    pub lang: String,
    pub site_name: String,
    pub arc_name: String,
    /// The arc's own title, or empty.
    pub title: String,
    pub dates: String,
    pub author: String,
    pub footer: String,
}

pub fn cover_text(i18n: &I18n, site: &Site, lang: usize, arc: u32) -> CoverText {
    let config = &site.config;
    let code = config.languages[lang].code.clone();
    let season = site.arc.season_of_number(arc);
    let last = crate::kind::Kind::ALL
        .map(|k| site.arc.slot_date(season.last(), k))
        .into_iter()
        .max()
        .unwrap_or(season.start);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("arc", arc);
    let home = card_text(
        i18n,
        site,
        &Page {
            lang,
            kind: PageKind::Card(None),
        },
    );
    CoverText {
        arc_name: i18n
            .message(lang, "arc-number", Some(&args))
            .unwrap_or_default(),
        title: season
            .title
            .as_ref()
            .and_then(|t| t.get(&code).cloned())
            .unwrap_or_default(),
        dates: i18n.date_range(lang, season.start, last),
        author: config.author.clone(),
        site_name: home.site_name,
        footer: home.footer,
        lang: code,
    }
}
