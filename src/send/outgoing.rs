//! The emails due in the window: for each text and each language's readers, the `site email` edition
//! with its subject, links and audience, and a fingerprint of it all; and why the others are not due.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::plan::{Absent, Due};
use crate::config::{EmailConfig, OtherLanguage};
use crate::diagnostics::Diagnostic;
use crate::email;
use crate::plan::{Page, PageKind};
use crate::site::Site;
use crate::view::Tools;

/// What goes to the provider for one edition, whatever the provider.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Email {
    pub subject: String,
    /// The edition's HTML, as `site email` writes it.
    pub body: String,
    /// The summary.
    pub description: String,
    /// The text's page.
    pub canonical_url: String,
    /// The page's social card, when the site draws cards.
    pub image: Option<String>,
    pub slug: String,
    /// The readers' tag; `None` addresses every subscriber (a site with one language and no tag).
    pub tag: Option<String>,
}

impl Email {
    /// A fingerprint of everything handed over: an unchanged edition is left alone.
    pub fn fingerprint(&self) -> String {
        let json = serde_json::to_string(self).expect("plain strings serialize");
        sha1_smol::Sha1::from(json).digest().to_string()
    }
}

/// One email due in the window.
pub struct Outgoing {
    pub due: Due,
    pub email: Email,
    /// The file of the edition's text, for messages.
    pub source: PathBuf,
    /// The language of the edition (the readers' own, or the original's).
    pub edition_lang: String,
}

/// The instants `site send` looks at: emails due (their texts live) from `start` to `end`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub now: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    /// From two days before `now` (a run that came late still sends) to `ahead_days` after it.
    pub fn around(now: DateTime<Utc>, ahead_days: u32) -> Window {
        Window {
            now,
            start: now - chrono::Duration::days(2),
            end: now + chrono::Duration::days(i64::from(ahead_days)),
        }
    }

    fn holds(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at <= self.end
    }
}

/// The emails due, and why every other text and language of the site is not.
pub struct Found {
    pub outgoing: Vec<Outgoing>,
    pub absent: BTreeMap<(String, String), Absent>,
    pub warnings: Vec<Diagnostic>,
}

/// The longest slug Buttondown takes (the OpenAPI schema's EmailInput.slug: `maxLength` 100).
pub const SLUG_MAX: usize = 100;

/// The provider's slug of a text's email to one language's readers: `nomes-pt-br`. Valid by
/// construction for Buttondown (EmailInput.slug: `^[a-zA-Z0-9_-]+$`, at most 100 characters): any
/// other character becomes `-`, and a slug too long keeps its start and its language, with a hash
/// of the whole in between, so two long slugs that start alike still differ, and the same text
/// always gets the same slug. `site check` shows the shortened ones with this very function.
pub fn slug(text: &str, lang: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(
                |c| match c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    true => c,
                    false => '-',
                },
            )
            .collect()
    };
    let (text, lang) = (clean(text), clean(&lang.to_lowercase()));
    let whole = format!("{text}-{lang}");
    if whole.len() <= SLUG_MAX {
        return whole;
    }
    let hash = sha1_smol::Sha1::from(&whole).digest().to_string();
    let tail = format!("-{}-{lang}", &hash[..8]);
    // ASCII by now, so any byte is a character boundary.
    let keep = SLUG_MAX.saturating_sub(tail.len());
    let start = text[..keep.min(text.len())].trim_end_matches('-');
    format!("{start}{tail}").chars().take(SLUG_MAX).collect()
}

/// A note for each text whose email slug `slug` had to shorten (or clean), naming the slug `site send`
/// gives Buttondown: `site check` says it with the function `site send` uses.
pub fn shortened_slugs(site: &Site) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for text in &site.texts {
        for (l, language) in site.config.languages.iter().enumerate() {
            let given = slug(&text.slug, &language.code);
            if given == format!("{}-{}", text.slug, language.code.to_lowercase()) {
                continue;
            }
            notes.push(
                Diagnostic::note(
                    &site.version(text, l).source.path,
                    format!(
                        "the email of `{}` to the {} readers goes to Buttondown with the slug `{given}`: Buttondown takes letters, digits, `-` and `_`, at most {SLUG_MAX} of them",
                        text.slug, language.code
                    ),
                )
                .help("nothing to do: the slug stays the same from run to run; a shorter text slug gives a readable one"),
            );
        }
    }
    notes
}

/// Every text × readers' language of the site: due (in the window, written, not a draft) or absent.
pub fn find(
    tools: &Tools,
    site: &Site,
    settings: &EmailConfig,
    window: &Window,
) -> Result<Found, Vec<Diagnostic>> {
    let config = &site.config;
    let languages = &config.languages;
    let untagged: Vec<&str> = languages
        .iter()
        .filter(|l| config.subscribe.tag.of(&l.code).is_none())
        .map(|l| l.code.as_str())
        .collect();
    if languages.len() > 1 && !untagged.is_empty() {
        return Err(vec![Diagnostic::error(
            Path::new("site.toml"),
            format!(
                "the readers of {} have no tag: `site send` cannot address one language's readers",
                untagged.join(", ")
            ),
        )
        .help("give every language a tag in `[subscribe] tag` (by default each gets its code), so each email reaches its language's readers only")]);
    }
    let mut found = Found {
        outgoing: Vec::new(),
        absent: BTreeMap::new(),
        warnings: Vec::new(),
    };
    for (index, text) in site.texts.iter().enumerate() {
        // The email follows the page: it goes out once the scheduled build has made the page live.
        let at = site
            .publishing
            .schedule
            .goes_live(text.date)
            .with_timezone(&Utc)
            + chrono::Duration::minutes(i64::from(settings.delay_minutes));
        let live = |l: usize| text.versions[l].filter(|&p| !site.posts[p].front.draft);
        let original = (0..languages.len()).find(|&l| live(l).is_some());
        let mut editions: Option<Vec<email::Edition>> = None;
        for (readers, language) in languages.iter().enumerate() {
            let key = (text.slug.clone(), language.code.clone());
            let edition_lang = match (live(readers), settings.other_language) {
                (Some(_), _) => Some(readers),
                (None, OtherLanguage::Original) => original,
                (None, OtherLanguage::Skip) => None,
            };
            let Some(edition_lang) = edition_lang else {
                let why = match text.versions[readers] {
                    Some(_) => Absent::Draft,
                    None if original.is_none() => Absent::Draft,
                    None => Absent::NotWritten,
                };
                found.absent.insert(key, why);
                continue;
            };
            if !window.holds(at) {
                found.absent.insert(key, Absent::Outside(at));
                continue;
            }
            if editions.is_none() {
                let made = email::editions(tools, site, index, None)?;
                found.warnings.extend(made.warnings);
                editions = Some(made.editions);
            }
            let code = &languages[edition_lang].code;
            let edition = editions.iter().flatten().find(|e| &e.lang == code).expect(
                "a live version has an edition: `email::editions` makes one per written language",
            );
            let post = site.version(text, edition_lang);
            let image = site.cards.then(|| {
                let card = Page {
                    lang: edition_lang,
                    kind: PageKind::Card(Some(index)),
                };
                config.absolute(&card.url_path(site))
            });
            // Readers given the original learn its language from the subject, and no two emails of
            // one text are the same (Buttondown may refuse a duplicate as `email_duplicate`).
            let subject = if edition_lang == readers {
                post.front.title.clone()
            } else {
                let name = tools
                    .i18n
                    .message(readers, &format!("lang-{code}"), None)
                    .unwrap_or_else(|_| code.clone());
                let args = fluent_bundle::FluentArgs::from_iter([
                    (
                        "title",
                        fluent_bundle::FluentValue::from(post.front.title.clone()),
                    ),
                    ("language", fluent_bundle::FluentValue::from(name)),
                ]);
                tools
                    .i18n
                    .message(readers, "email-subject-elsewhere", Some(&args))
                    .unwrap_or_else(|_| post.front.title.clone())
            };
            let mail = Email {
                subject,
                body: edition.html.clone(),
                description: post.front.summary.clone(),
                canonical_url: config.absolute(&crate::plan::text_path(site, text, edition_lang)),
                image,
                slug: slug(&text.slug, &language.code),
                tag: config.subscribe.tag.of(&language.code),
            };
            found.outgoing.push(Outgoing {
                due: Due {
                    text: text.slug.clone(),
                    lang: language.code.clone(),
                    slug: mail.slug.clone(),
                    at,
                    edition: mail.fingerprint(),
                },
                email: mail,
                source: post.source.path.clone(),
                edition_lang: code.clone(),
            });
        }
    }
    found.warnings.sort();
    found.warnings.dedup();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_per_text_and_language_and_lowercase() {
        assert_eq!(slug("nomes", "pt-BR"), "nomes-pt-br");
        assert_eq!(slug("nomes", "en"), "nomes-en");
    }

    #[test]
    fn slugs_are_valid_for_buttondown_however_long_the_text_slug() {
        let valid = |s: &str| {
            !s.is_empty()
                && s.len() <= SLUG_MAX
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        let long = "a".repeat(95);
        for text in [
            long.as_str(),
            &"b-".repeat(80),
            "açaí.e/pão",
            &"x".repeat(300),
        ] {
            let got = slug(text, "pt-BR");
            assert!(valid(&got), "{got}");
            assert!(got.ends_with("-pt-br"), "{got}");
            assert_eq!(got, slug(text, "pt-BR"), "the same every time");
        }
        // Two long slugs that differ only at their end stay apart; 100 characters exactly stay whole.
        let (one, two) = (format!("{long}-um"), format!("{long}-dois"));
        assert_ne!(slug(&one, "en"), slug(&two, "en"));
        assert_eq!(slug(&"c".repeat(97), "en").len(), 100);
        assert!(slug(&"c".repeat(97), "en").starts_with(&"c".repeat(97)));
    }

    #[test]
    fn the_window_runs_from_two_days_back_to_the_days_ahead() {
        let now = DateTime::parse_from_rfc3339("2026-02-01T13:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let w = Window::around(now, 7);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert!(w.holds(at("2026-01-30T13:00:00Z")));
        assert!(!w.holds(at("2026-01-30T12:59:00Z")));
        assert!(w.holds(at("2026-02-08T13:00:00Z")));
        assert!(!w.holds(at("2026-02-08T13:01:00Z")));
    }

    #[test]
    fn a_fingerprint_changes_with_any_part_of_the_email() {
        let email = Email {
            subject: "Pontes".into(),
            body: "<p>a</p>".into(),
            description: "d".into(),
            canonical_url: "https://o.example/ensaios/pontes/".into(),
            image: None,
            slug: "pontes-pt-br".into(),
            tag: Some("pt-BR".into()),
        };
        let again = email.clone();
        assert_eq!(email.fingerprint(), again.fingerprint());
        let retagged = Email {
            tag: Some("en".into()),
            ..email.clone()
        };
        assert_ne!(email.fingerprint(), retagged.fingerprint());
        let edited = Email {
            body: "<p>b</p>".into(),
            ..email.clone()
        };
        assert_ne!(email.fingerprint(), edited.fingerprint());
    }
}
