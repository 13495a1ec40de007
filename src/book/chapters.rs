//! What one book holds, ready for its templates: its metadata, each week's texts in order (a
//! chapter where the text is written in the book's language, a pointer to the web page where it is
//! not), and the pictures its chapters carry.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;

use super::xhtml::{self, Targets};
use crate::content::markdown::Target;
use crate::diagnostics::Diagnostic;
use crate::plan::{Page, PageKind};
use crate::site::Site;
use crate::url::{resolve, Resolved};
use crate::view::Tools;

#[derive(Serialize)]
pub struct Contents {
    /// The language's code (`dc:language`, `xml:lang`).
    pub lang: String,
    pub lang_index: usize,
    /// "Durante — Arco 1".
    pub title: String,
    pub site_title: String,
    pub arc_number: u32,
    /// "Arco 1".
    pub arc_name: String,
    /// The arc's own title, when `site.toml` gives one in this language.
    pub arc_title: Option<String>,
    /// "5 de agosto de 2025 – 6 de fevereiro de 2026".
    pub dates_text: String,
    pub author: String,
    /// `urn:uuid:…`, the same for every edition of this arc in this language.
    pub identifier: String,
    /// The newest text's date (or its update's), as `dcterms:modified` takes it.
    pub modified: String,
    pub edition_text: String,
    /// The language's home and the arc's page, absolute.
    pub site_url: String,
    pub arc_url: String,
    pub entries: Vec<Entry>,
    pub chapters: usize,
    pub images: Vec<Image>,
}

/// One text of the arc, in the book's order.
#[derive(Serialize)]
pub struct Entry {
    pub title: String,
    pub week: u32,
    /// "Ensaio de terça", "Semana 3".
    pub kind_label: String,
    pub week_label: String,
    pub chapter: Option<Chapter>,
    pub elsewhere: Option<Elsewhere>,
}

#[derive(Serialize)]
pub struct Chapter {
    /// Its file in the book (`text/slug.xhtml`) and the id of its entry.
    pub file: String,
    pub id: String,
    pub summary: String,
    /// The body as XHTML, its links and pictures pointed inside the book where they can be.
    pub html: String,
    pub date_iso: String,
    pub date_text: String,
    pub updated_text: Option<String>,
    pub sources: Vec<SourceEntry>,
    /// The text's page on the site.
    pub url: String,
}

#[derive(Serialize)]
pub struct SourceEntry {
    pub title: String,
    pub url: String,
    pub date_text: Option<String>,
}

/// A text written only in another language: where to read it.
#[derive(Serialize)]
pub struct Elsewhere {
    pub lang: String,
    /// The language's name in the book's language ("inglês").
    pub language: String,
    pub url: String,
}

/// A file of the site a chapter shows, carried into the book.
#[derive(Serialize, Clone)]
pub struct Image {
    /// Its path in the book (`images/…`) and manifest id.
    pub file: String,
    pub id: String,
    pub media_type: &'static str,
    #[serde(skip)]
    pub source: PathBuf,
}

pub fn contents(tools: &Tools, site: &Site, lang: usize, arc: u32) -> Result<Contents, Diagnostic> {
    let config = &site.config;
    let i18n = tools.i18n;
    let code = config.languages[lang].code.clone();
    let season = site.arc.season_of_number(arc);
    let message = |key: &str, args: &[(&str, FluentValue)]| {
        let args = FluentArgs::from_iter(args.iter().cloned());
        i18n.message(lang, key, Some(&args))
            .map_err(|e| Diagnostic::error(Path::new("i18n"), e.0))
    };
    let order = site.arc_texts(&season);
    // The chapters' pages, by the output path a link to them resolves to.
    let chapter_files: HashMap<String, String> = order
        .iter()
        .filter(|&&i| site.written_in(i, lang))
        .map(|&i| {
            let page = Page {
                lang,
                kind: PageKind::Text(i),
            };
            (
                page.file_path(site),
                format!("{}.xhtml", site.texts[i].slug),
            )
        })
        .collect();
    let assets: HashMap<String, PathBuf> = crate::plan::asset_outputs(site).into_iter().collect();
    let carried = RefCell::new(BTreeMap::new());
    let mut entries = Vec::new();
    let mut modified = season.start;
    for &i in &order {
        let text = &site.texts[i];
        let (_, week) = site.arc.local(text.week);
        let kind_label = message(&format!("kind-{}", text.kind.name()), &[])?;
        let week_label = message(
            "week-name",
            &[
                ("arc", FluentValue::from(0)),
                ("week", FluentValue::from(week)),
            ],
        )?;
        if site.written_in(i, lang) {
            let post = site.version(text, lang);
            let front = &post.front;
            modified = modified.max(front.updated.unwrap_or(text.date).max(text.date));
            let page = Page {
                lang,
                kind: PageKind::Text(i),
            };
            let page_file = page.file_path(site);
            let targets = ChapterTargets {
                root: tools.root,
                site,
                page_file: &page_file,
                page_url: config.absolute(&page.url_path(site)),
                chapters: &chapter_files,
                assets: &assets,
                carried: &carried,
            };
            let html = tools.body(site, post, Target::Book)?;
            entries.push(Entry {
                title: front.title.clone(),
                week,
                kind_label,
                week_label,
                chapter: Some(Chapter {
                    file: format!("text/{}.xhtml", text.slug),
                    id: format!("t-{}", text.slug),
                    summary: front.summary.clone(),
                    html: xhtml::fragment(&html, &targets),
                    date_iso: text.date.to_string(),
                    date_text: i18n.date_long(lang, text.date),
                    updated_text: front.updated.map(|d| i18n.date_long(lang, d)),
                    sources: front
                        .sources
                        .iter()
                        .map(|s| SourceEntry {
                            title: s.title.clone(),
                            url: s.url.clone(),
                            date_text: s.date.map(|d| i18n.date_long(lang, d)),
                        })
                        .collect(),
                    url: targets.page_url.clone(),
                }),
                elsewhere: None,
            });
        } else if let Some(other) = site.written_elsewhere(i, lang) {
            let post = site.version(text, other);
            let other_code = &config.languages[other].code;
            entries.push(Entry {
                title: post.front.title.clone(),
                week,
                kind_label,
                week_label,
                chapter: None,
                elsewhere: Some(Elsewhere {
                    lang: other_code.clone(),
                    language: message(&format!("lang-{other_code}"), &[])?,
                    url: config.absolute(&crate::plan::text_path(site, text, other)),
                }),
            });
        }
    }
    let last_day = crate::kind::Kind::ALL
        .map(|k| site.arc.slot_date(season.last(), k))
        .into_iter()
        .max()
        .unwrap_or(season.start);
    let arc_number_name = message("arc-number", &[("arc", FluentValue::from(arc))])?;
    let arc_title = season.title.as_ref().and_then(|t| t.get(&code).cloned());
    let arc_name = arc_title.clone().unwrap_or_else(|| arc_number_name.clone());
    let season_page = Page {
        lang,
        kind: PageKind::Season(arc),
    };
    Ok(Contents {
        title: format!("{} — {arc_name}", config.title),
        site_title: config.title.clone(),
        arc_number: arc,
        arc_name: arc_number_name,
        arc_title,
        dates_text: i18n.date_range(lang, season.start, last_day),
        author: config.author.clone(),
        identifier: format!(
            "urn:uuid:{}",
            uuid_v5(&format!("{}#arc-{arc}-{code}", config.base_url))
        ),
        modified: format!("{modified}T00:00:00Z"),
        edition_text: i18n.date_long(lang, modified),
        site_url: config.absolute(&config.language_root(lang)),
        arc_url: config.absolute(&season_page.url_path(site)),
        chapters: entries.iter().filter(|e| e.chapter.is_some()).count(),
        entries,
        images: carried.into_inner().into_values().collect(),
        lang: code,
        lang_index: lang,
    })
}

/// What a fragment written back into a link escapes: what cannot stand in one as it is.
const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'%');

/// Where a chapter's links and pictures go.
struct ChapterTargets<'a> {
    root: &'a Path,
    site: &'a Site,
    /// The chapter's page on the site: its output path and absolute address.
    page_file: &'a str,
    page_url: String,
    chapters: &'a HashMap<String, String>,
    /// The texts' own files, by output path.
    assets: &'a HashMap<String, PathBuf>,
    /// The files carried so far, by output path.
    carried: &'a RefCell<BTreeMap<String, Image>>,
}

impl ChapterTargets<'_> {
    fn resolved(&self, url: &str) -> Resolved {
        let config = &self.site.config;
        let origin = &config.absolute("")[..];
        resolve(self.page_file, url, origin, config.base_path())
    }
}

impl Targets for ChapterTargets<'_> {
    fn link(&self, href: &str) -> String {
        match self.resolved(href) {
            Resolved::Target(file, fragment) => {
                let fragment = if fragment.is_empty() {
                    String::new()
                } else {
                    format!(
                        "#{}",
                        percent_encoding::utf8_percent_encode(&fragment, FRAGMENT)
                    )
                };
                if file == self.page_file {
                    // A footnote or a heading of the same text.
                    let own = &self.chapters[self.page_file];
                    return format!("{own}{fragment}");
                }
                match self.chapters.get(&file) {
                    Some(chapter) => format!("{chapter}{fragment}"),
                    None => crate::url::absolute(href, &self.page_url),
                }
            }
            _ => crate::url::absolute(href, &self.page_url),
        }
    }

    fn image(&self, src: &str) -> Option<String> {
        let Resolved::Target(file, _) = self.resolved(src) else {
            return None;
        };
        let media_type = media_type(&file)?;
        let source = match self.assets.get(&file) {
            Some(source) => self.root.join(source),
            None => {
                let in_static = self.root.join("static").join(&file);
                in_static.is_file().then_some(in_static)?
            }
        };
        let mut carried = self.carried.borrow_mut();
        let image = carried.entry(file.clone()).or_insert_with(|| {
            let name: String = file
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '.' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            Image {
                id: format!("img-{}", carried_id(&name)),
                file: format!("images/{name}"),
                media_type,
                source,
            }
        });
        Some(format!("../{}", image.file))
    }
}

/// A manifest id from a file name: XML names take letters, digits, `-` and `.`.
fn carried_id(name: &str) -> String {
    name.replace('.', "-")
}

/// The media type of a picture a book may carry (EPUB's core media types), by its extension.
fn media_type(file: &str) -> Option<&'static str> {
    let extension = file.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// A name-based UUID (version 5, SHA-1, in the URL namespace of RFC 9562): the same name always
/// gives the same identifier.
fn uuid_v5(name: &str) -> String {
    const URL_NAMESPACE: [u8; 16] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30,
        0xc8,
    ];
    let mut hash = sha1_smol::Sha1::new();
    hash.update(&URL_NAMESPACE);
    hash.update(name.as_bytes());
    let mut b: [u8; 16] = hash.digest().bytes()[..16].try_into().expect("20 bytes");
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuid_v5_is_the_one_python_makes() {
        // uuid.uuid5(uuid.NAMESPACE_URL, "https://durante.example/")
        assert_eq!(
            super::uuid_v5("https://durante.example/"),
            "20c7a545-d110-50c3-91ad-4822156ac682"
        );
    }
}
