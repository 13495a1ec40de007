//! Tera set up once (templates compiled, the `t` function bound to the Fluent bundles),
//! and one render function per page kind.

mod cards;
mod context;
mod views;

use crate::plan::{Page, PageKind};
pub use context::template_name;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Tera, Value};

use crate::cards::{CardCache, CardRenderer};
use crate::content::markdown::{Env, Target};
use crate::diagnostics::Diagnostic;
use crate::feeds;
use crate::highlight::Highlighter;
use crate::i18n::I18n;
use crate::site::{self, Post, Site};
use crate::sitemap;

/// Templates every site needs; a missing one is an error before anything renders.
pub const REQUIRED_TEMPLATES: [&str; 7] = [
    "home.html",
    FEED_ITEM,
    "post.html",
    "arc.html",
    "subscribe.html",
    "404.html",
    "robots.txt",
];

/// The drawing of the social cards; a site without it has none.
const CARD_TEMPLATE: &str = "templates/card.svg";

/// The content of one feed item: the body, sources and sign-off.
pub const FEED_ITEM: &str = "feed_item.html";

pub struct Renderer {
    tera: Tera,
    /// Set when rendering for `site serve`: the pages link the status page.
    pub preview: Option<Preview>,
    pub i18n: Arc<I18n>,
    /// The social card drawer and its cache, when the site has `templates/card.svg`.
    cards: Option<(CardRenderer, CardCache)>,
    /// Where bodies that are not kept in memory are read from again.
    root: PathBuf,
    highlighter: Arc<Highlighter>,
}

impl Renderer {
    pub fn new(
        root: &Path,
        i18n: Arc<I18n>,
        highlighter: Arc<Highlighter>,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let dir = root.join("templates");
        // Text a template writes as it is never meets the escaper: report what no page can hold.
        let unwritable = unwritable_templates(root);
        if !unwritable.is_empty() {
            return Err(unwritable);
        }
        let glob = format!("{}/**/*", dir.display());
        let mut tera =
            Tera::new(&glob).map_err(|e| vec![template_error(Path::new("templates"), &e)])?;
        let missing: Vec<Diagnostic> = REQUIRED_TEMPLATES
            .iter()
            .filter(|name| !tera.get_template_names().any(|n| n == **name))
            .map(|name| {
                Diagnostic::error(
                    &Path::new("templates").join(name),
                    format!("the template {name} is missing"),
                )
                .help("restore it from the repository; every site needs it")
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        tera.register_function("t", translate(i18n.clone()));
        tera.set_escape_fn(crate::escape::html);
        // For plain-text templates (the email's text part): lines wrapped to a mail reader's width.
        tera.register_filter(
            "wrap",
            |value: &Value, _: &HashMap<String, Value>| -> tera::Result<Value> {
                let text = value.as_str().unwrap_or_default();
                Ok(Value::String(crate::content::plain::wrap_text(text)))
            },
        );
        // A site draws social cards when it has their template.
        let cards = if root.join(CARD_TEMPLATE).exists() {
            Some((CardRenderer::new(root)?, CardCache::new(root)))
        } else {
            None
        };
        Ok(Renderer {
            tera,
            preview: None,
            i18n,
            cards,
            root: root.to_path_buf(),
            highlighter,
        })
    }

    /// The social card `page` (a `PageKind::Card`) as a PNG, from the cache when it is there, and
    /// what it has to say about its text.
    pub fn card(&self, site: &Site, page: &Page) -> Result<(Vec<u8>, Vec<Diagnostic>), Diagnostic> {
        let Some((cards, cache)) = &self.cards else {
            return Err(Diagnostic::error(
                Path::new(CARD_TEMPLATE),
                "this site draws no social cards",
            ));
        };
        let text = self::cards::strings(self, site, page);
        let drawn = cards.render(&text.card(), Some(cache))?;
        let file = match page.kind {
            PageKind::Card(Some(i)) => site.version(&site.texts[i], page.lang).source.path.clone(),
            _ => PathBuf::from("site.toml"),
        };
        let warnings = drawn
            .warnings
            .iter()
            .map(|w| w.to_diagnostic(&file))
            .collect();
        Ok((drawn.png, warnings))
    }

    /// The card cache's clock (`CardCache::now`), when the site draws cards and it can be read.
    pub fn card_clock(&self) -> Option<std::time::SystemTime> {
        self.cards.as_ref().and_then(|(_, cache)| cache.now().ok())
    }

    /// Removes from the card cache what this run did not use (`CardCache::prune`); how many.
    pub fn prune_cards(&self, started: std::time::SystemTime) -> std::io::Result<usize> {
        match &self.cards {
            Some((_, cache)) => cache.prune(started),
            None => Ok(0),
        }
    }

    /// Writes the social card `page` to the file `dest` (linked from the cache when it is there),
    /// and returns what it has to say about its text.
    pub fn card_to(
        &self,
        site: &Site,
        page: &Page,
        dest: &Path,
    ) -> Result<Vec<Diagnostic>, Diagnostic> {
        let Some((cards, cache)) = &self.cards else {
            return Err(Diagnostic::error(
                Path::new(CARD_TEMPLATE),
                "this site draws no social cards",
            ));
        };
        let text = self::cards::strings(self, site, page);
        let warnings = cards.render_to(&text.card(), cache, dest)?;
        let file = match page.kind {
            PageKind::Card(Some(i)) => site.version(&site.texts[i], page.lang).source.path.clone(),
            _ => PathBuf::from("site.toml"),
        };
        Ok(warnings.iter().map(|w| w.to_diagnostic(&file)).collect())
    }

    pub fn has_cards(&self) -> bool {
        self.cards.is_some()
    }

    /// What the social card of every text says that its writer should hear about (a title too long,
    /// a character no font has), once per file.
    pub fn card_warnings(&self, site: &Site) -> Vec<Diagnostic> {
        let Some((cards, _)) = &self.cards else {
            return Vec::new();
        };
        use rayon::prelude::*;
        let mut out: Vec<Diagnostic> = (0..site.config.languages.len())
            .flat_map(|lang| (0..site.texts.len()).map(move |i| (lang, i)))
            .collect::<Vec<_>>()
            .par_iter()
            .flat_map_iter(|&(lang, i)| {
                let post = site.version(&site.texts[i], lang);
                let card = Page {
                    lang,
                    kind: PageKind::Card(Some(i)),
                };
                let text = self::cards::strings(self, site, &card);
                cards
                    .warnings(&text.card())
                    .iter()
                    .map(|w| w.to_diagnostic(&post.source.path))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// A text's body as HTML for `target`: the kept page body, or rendered again from its file.
    pub fn body<'p>(
        &self,
        site: &Site,
        post: &'p Post,
        target: Target,
    ) -> Result<Cow<'p, str>, Diagnostic> {
        if let (Target::Page, Some(html)) = (target, &post.body.html) {
            return Ok(Cow::Borrowed(html));
        }
        let env = Env {
            highlighter: &self.highlighter,
            base_path: site.config.base_path(),
            base_url: &site.config.base_url,
            assets: site.assets.of(post.source.kind, &post.source.slug),
        };
        site::render_body(&self.root, post, &env, target)
            .map(Cow::Owned)
            .map_err(|d| {
                d.into_iter().min().unwrap_or_else(|| {
                    Diagnostic::error(&post.source.path, "cannot render the text")
                })
            })
    }

    /// Renders one page to bytes.
    pub fn render(&self, site: &Site, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::new();
        self.render_to(site, page, &mut out)?;
        Ok(out)
    }

    /// Renders one page into `out` (a file, as the build does, or memory).
    pub fn render_to(
        &self,
        site: &Site,
        page: &Page,
        out: &mut dyn Write,
    ) -> Result<(), Diagnostic> {
        if let PageKind::Feed(kind) = page.kind {
            return feeds::write(self, site, page.lang, kind, out);
        }
        if let PageKind::Card(_) = page.kind {
            let (png, _) = self.card(site, page)?;
            return out.write_all(&png).map_err(|e| {
                Diagnostic::error(
                    Path::new(&page.file_path(site)),
                    format!("cannot write the card: {e}"),
                )
            });
        }
        if page.kind == PageKind::Sitemap {
            return sitemap::write(site, out).map_err(|e| {
                Diagnostic::error(
                    Path::new(&page.file_path(site)),
                    format!("cannot write the sitemap: {e}"),
                )
            });
        }
        let (template, context) = context::build(self, site, page)?;
        self.tera
            .render_to(template, &context, out)
            .map_err(|e| template_error(&Path::new("templates").join(template), &e))
    }
}

impl Renderer {
    /// The content of a feed item: `feed_item.html` over text `index` in language `lang`.
    pub fn feed_item(&self, site: &Site, index: usize, lang: usize) -> Result<String, Diagnostic> {
        let context = context::text_context(self, site, index, lang, Target::Feed)?;
        self.render_template(FEED_ITEM, &context)
    }

    /// `page` and `post` of text `index` in language `lang`, its body rendered for `target`.
    pub fn text_context(
        &self,
        site: &Site,
        index: usize,
        lang: usize,
        target: Target,
    ) -> Result<tera::Context, Diagnostic> {
        context::text_context(self, site, index, lang, target)
    }

    /// Any template of `templates/` over a context the caller made.
    pub fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&Path::new("templates").join(name), &e))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// The whole file of a text, read again.
    pub fn source(&self, post: &Post) -> Result<String, Diagnostic> {
        crate::content::load::read_one(&self.root, post.source.clone()).map(|f| f.text)
    }

    /// The file a text's body is read from again, and its body's first line there.
    pub fn body_source(&self, post: &Post) -> Result<(String, usize), Diagnostic> {
        site::read_body(&self.root, post).map_err(|d| {
            d.into_iter()
                .min()
                .unwrap_or_else(|| Diagnostic::error(&post.source.path, "cannot read the text"))
        })
    }
}

/// The characters no page can hold in the templates' own text, at their lines.
fn unwritable_templates(root: &Path) -> Vec<Diagnostic> {
    let (files, _) = crate::content::load::files_under(root, Path::new("templates"));
    files
        .iter()
        .filter_map(|rel| Some((rel, std::fs::read_to_string(root.join(rel)).ok()?)))
        .flat_map(|(rel, text)| crate::chars::check(rel, &text))
        .collect()
}

/// How the preview shows the site.
#[derive(Debug, Clone, Copy)]
pub struct Preview {
    /// Drafts and scheduled texts are shown.
    pub drafts: bool,
}

/// The one Tera function for UI text: `t(key="…", lang=lang, name=value…)`.
fn translate(i18n: Arc<I18n>) -> impl tera::Function {
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let lang_code = args
            .get("lang")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(format!("t(key=\"{key}\") needs lang=…")))?;
        let lang = i18n
            .language_index(lang_code)
            .ok_or_else(|| tera::Error::msg(format!("`{lang_code}` is not a site language")))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            let value = match value {
                Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                Value::String(s) => FluentValue::from(s.clone()),
                other => FluentValue::from(other.to_string()),
            };
            fluent_args.set(name.clone(), value);
        }
        i18n.message(lang, key, Some(&fluent_args))
            .map(Value::String)
            .map_err(|missing| tera::Error::msg(missing.0))
    }
}

/// A Tera error with its whole cause chain, which holds the template line and the reason.
pub(crate) fn template_error(path: &Path, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let message = message
        .trim()
        .trim_start_matches("* ")
        .replace("\n* ", "\n");
    Diagnostic::error(path, message)
        .help("fix the template; Tera's syntax is at https://keats.github.io/tera/docs/")
}
