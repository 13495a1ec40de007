//! The email edition of one text, in each language it is written in: HTML that inboxes render (one
//! 600-px column of tables, every style inlined by css-inline, every URL absolute) and a plain-text
//! part beside it. Drafts and scheduled texts have editions too: the email is prepared before the
//! text goes live.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

mod css;
mod merge_tags;
pub mod plain;

use crate::content::markdown::Target;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::html::absolutize;
use crate::plan::{Page, PageKind};
use crate::site::Site;
use crate::view::{self, Tools};
use merge_tags::Guard;

/// The templates of an edition, under `templates/`.
pub const HTML_TEMPLATE: &str = "email/edition.html";
pub const TEXT_TEMPLATE: &str = "email/edition.txt";
/// Gmail clips a message whose HTML is larger than this.
pub const CLIP_BYTES: usize = 102 * 1024;
/// The content width of the column, inside its padding: the widest an image may be.
const IMAGE_WIDTH: u32 = 552;

/// One language's edition of a text.
pub struct Edition {
    pub slug: String,
    pub lang: String,
    pub html: String,
    pub text: String,
}

/// The editions a run made, and what it has to say about them.
pub struct Editions {
    pub editions: Vec<Edition>,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Link {
    code: String,
    url: String,
}

#[derive(Serialize)]
struct Reference {
    n: usize,
    url: String,
}

/// The editions of the text `index` (into `site.texts`; `desk::names::find` finds it as the writer
/// names it): in `lang` only, or in every language it is written in.
pub fn editions(
    tools: &Tools,
    site: &Site,
    index: usize,
    lang: Option<&str>,
) -> Result<Editions, Vec<Diagnostic>> {
    let config = &site.config;
    let text = &site.texts[index];
    let written: Vec<usize> = (0..config.languages.len())
        .filter(|&l| text.versions[l].is_some())
        .collect();
    let wanted = match lang {
        None => written.clone(),
        Some(code) => vec![language(site, index, code, &written)?],
    };
    let mut warnings = Vec::new();
    let unsubscribe = config
        .email
        .as_ref()
        .and_then(|e| e.unsubscribe_url.clone());
    let email_config = config.email.clone().unwrap_or_default();
    let guard = Guard::new(&email_config);
    if config.email.is_none() {
        warnings.push(
            Diagnostic::note(
                Path::new("site.toml"),
                "there is no [email] table: the unsubscribe link points at the subscription page",
            )
            .help("add `[email]` with `unsubscribe_url = \"…\"`, your sending service's link or merge tag (Buttondown: `{{ unsubscribe_url }}`)"),
        );
    }
    let (syntax, syntax_dark) = Highlighter::email_stylesheets();
    let syntax_dark = css::important(&syntax_dark);
    let mut out = Vec::new();
    for lang in wanted {
        let post = site.version(text, lang);
        let page_url = config.absolute(&crate::plan::text_path(site, text, lang));
        let mut context =
            view::text_context(tools, site, index, lang, Target::Email).map_err(one)?;
        // The text's words are kept from the service's template engine; the template's own merge
        // tags (the unsubscribe link) are not.
        if let Some(mut view) = context.remove("post") {
            guard.post(&mut view);
            // An outdated translation says so, as its page does, with the original's whole address.
            if let Some(path) = view["outdated"]["url"].as_str() {
                let original = serde_json::json!({
                    "url": config.absolute(path),
                    "lang": view["outdated"]["lang"],
                });
                context.insert("outdated", &original);
            }
            context.insert("post", &view);
        }
        warnings.extend(guard.warnings(&post.source.path, &tools.source(post).map_err(one)?));
        let translations: Vec<Link> = written
            .iter()
            .filter(|&&l| l != lang)
            .map(|&l| Link {
                code: config.languages[l].code.clone(),
                url: config.absolute(&crate::plan::text_path(site, text, l)),
            })
            .collect();
        let subscribe = Page {
            lang,
            kind: PageKind::Subscribe,
        };
        let unsubscribe_url = unsubscribe
            .clone()
            .unwrap_or_else(|| config.absolute(&subscribe.url_path(site)));
        let (body, first_line) = tools.body_source(post).map_err(one)?;
        let resolve = |url: &str| crate::url::absolute(url, &page_url);
        let body_text = plain::render(&post.source.path, &body, first_line, &resolve)?;
        let references: Vec<Reference> = body_text
            .links
            .iter()
            .enumerate()
            .map(|(i, url)| Reference {
                n: i + 1,
                url: guard.url(url),
            })
            .collect();
        context.insert("web_url", &page_url);
        context.insert("home_url", &config.absolute(&config.language_root(lang)));
        context.insert("translations", &translations);
        context.insert("unsubscribe_url", &unsubscribe_url);
        context.insert("syntax_css", &syntax);
        context.insert("syntax_dark_css", &syntax_dark);
        context.insert("body_text", &guard.text(&body_text.text));
        context.insert("references", &references);
        context.insert("title_rule", &rule(&post.front.title));
        let html = tools
            .templates
            .render(HTML_TEMPLATE, &context)
            .map_err(one)?;
        let html = inline(&html).map_err(|e| {
            vec![Diagnostic::error(
                &Path::new("templates").join(HTML_TEMPLATE),
                format!("cannot inline the email's styles: {e}"),
            )
            .help("check the <style> block of the template: it must be valid CSS")]
        })?;
        let html = guard.finish(&sized_images(&absolutize(&html, &page_url)));
        let plain_text = guard.finish(
            &tools
                .templates
                .render(TEXT_TEMPLATE, &context)
                .map_err(one)?,
        );
        if html.len() > CLIP_BYTES {
            warnings.push(
                Diagnostic::warning(
                    &post.source.path,
                    format!(
                        "the {} email edition is {} KB: Gmail clips messages larger than {} KB",
                        config.languages[lang].code,
                        html.len().div_ceil(1024),
                        CLIP_BYTES / 1024
                    ),
                )
                .help("shorten the text or split it, or move long code listings to the web page"),
            );
        }
        out.push(Edition {
            slug: file_stem(site, index),
            lang: config.languages[lang].code.clone(),
            html,
            text: plain_text,
        });
    }
    Ok(Editions {
        editions: out,
        warnings,
    })
}

fn one(d: Diagnostic) -> Vec<Diagnostic> {
    vec![d]
}

/// The editions' file name before the language: the slug, and the kind too when an essay and a
/// bulletin share the slug (`nomes.bulletin`), so that one edition never replaces the other's.
fn file_stem(site: &Site, index: usize) -> String {
    let text = &site.texts[index];
    let shared = site
        .texts
        .iter()
        .any(|t| t.slug == text.slug && t.kind != text.kind);
    if shared {
        format!("{}.{}", text.slug, text.kind.name())
    } else {
        text.slug.clone()
    }
}

/// The language index of `code` for text `index`, which must be written in it.
fn language(
    site: &Site,
    index: usize,
    code: &str,
    written: &[usize],
) -> Result<usize, Vec<Diagnostic>> {
    let languages = &site.config.languages;
    let codes = |ls: &mut dyn Iterator<Item = usize>| -> String {
        ls.map(|l| format!("`{}`", languages[l].code))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(lang) = site.config.language_index(code) else {
        return Err(vec![Diagnostic::error(
            Path::new("site.toml"),
            format!("`{code}` is not one of the site's languages"),
        )
        .help(format!("use one of {}", codes(&mut (0..languages.len()))))]);
    };
    if !written.contains(&lang) {
        let post = site.version(&site.texts[index], lang);
        return Err(vec![Diagnostic::error(
            &post.source.path,
            format!("this text is not written in `{code}`"),
        )
        .help(format!(
            "it is written in {}; its translation would be a file beside it",
            codes(&mut written.iter().copied())
        ))]);
    }
    Ok(lang)
}

/// Every rule of the template's `<style>` block written into the elements' `style` attributes, the
/// block removed: Gmail and Outlook.com keep inline styles and drop much of the rest. A block marked
/// `data-css-inline="keep"` (the dark scheme) stays for the clients that read it.
fn inline(html: &str) -> Result<String, css_inline::InlineError> {
    css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_style_tags(false)
        .build()
        .inline(html)
}

/// Every `<img>` as inboxes take it: with a width no wider than the column (the column's, when it
/// has none or a wider one, its height scaled with it: Outlook for Windows lays out images by their
/// attributes and ignores `max-width`), and without `loading` (Gmail drops it; an inbox loads no page).
fn sized_images(html: &str) -> String {
    crate::html::rewrite(html, "img", |img| {
        img.remove("loading");
        let number = |name: &str| img.get(name).and_then(|v| v.trim().parse::<u32>().ok());
        let (width, height) = (number("width"), number("height"));
        // A width that fits, or one that is no number of pixels ("50%"), is left as written.
        if img.has("width") && width.is_none_or(|w| w <= IMAGE_WIDTH) {
            return;
        }
        img.set("width", &IMAGE_WIDTH.to_string());
        match (width, height) {
            (Some(w), Some(h)) => {
                let scaled = (u64::from(h) * u64::from(IMAGE_WIDTH) + u64::from(w) / 2)
                    / u64::from(w).max(1);
                img.set("height", &scaled.max(1).to_string());
            }
            // A height without its width would stretch the picture to the column.
            (None, Some(_)) => img.remove("height"),
            _ => {}
        }
    })
}

/// `====` as long as the title, to underline it in the text part.
fn rule(title: &str) -> String {
    "=".repeat(title.chars().count())
}

/// Writes the editions into `dir` as `SLUG.CODE.html` and `SLUG.CODE.txt`; returns the paths.
/// Each file is written beside its place and renamed into it, so a reader never sees half of one.
pub fn write(dir: &Path, editions: &[Edition]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for edition in editions {
        for (ext, body) in [("html", &edition.html), ("txt", &edition.text)] {
            let path = dir.join(format!("{}.{}.{ext}", edition.slug, edition.lang));
            let temp = dir.join(format!(".{}.{}.{ext}.tmp", edition.slug, edition.lang));
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(body.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&temp, &path)?;
            written.push(path);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_get_the_column_width_unless_they_have_one() {
        assert_eq!(
            sized_images(r#"<p><img src="a.png" alt="a"><img width="40" src="b.png" alt="b"></p>"#),
            r#"<p><img src="a.png" alt="a" width="552"><img width="40" src="b.png" alt="b"></p>"#
        );
    }

    #[test]
    fn wider_images_are_scaled_to_the_column_keeping_their_ratio() {
        assert_eq!(
            sized_images(
                r#"<img src="a.png" width="800" height="600"><img src="b.png" width="1104">"#
            ),
            r#"<img src="a.png" width="552" height="414"><img src="b.png" width="552">"#
        );
        // As wide as the column, or narrower: as they are; a width that is no number is left alone.
        assert_eq!(
            sized_images(
                r#"<img src="a.png" width="552" height="10"><img src="b.png" width="50%">"#
            ),
            r#"<img src="a.png" width="552" height="10"><img src="b.png" width="50%">"#
        );
        // A height alone goes with the width it lacks.
        assert_eq!(
            sized_images(r#"<img src="a.png" height="300">"#),
            r#"<img src="a.png" width="552">"#
        );
    }

    #[test]
    fn images_lose_loading() {
        assert_eq!(
            sized_images(
                r#"<img src="a.png" alt="x &quot;y&quot;" loading="lazy"><img width="9" loading="eager" src="b.png">"#
            ),
            r#"<img src="a.png" alt="x &quot;y&quot;" width="552"><img width="9" src="b.png">"#
        );
    }
}
