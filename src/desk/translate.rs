//! `site new --translate`: the skeleton of a translation, its front matter and headings copied
//! from the original so the writer translates in place.

use std::path::Path;

use serde::Serialize;

use super::names;
use super::new::{
    file_for, files_with_slug, language_named, preview_path, render, toml_string, write_new,
    Created, NewContext,
};
use crate::content::{front_matter, load, outline};
use crate::diagnostics::Diagnostic;
use crate::site::desk::Slot;
use crate::site::load::Interface;
use crate::site::Site;

/// The skeleton of a translation into `lang` of the text `original` names: the path of its file
/// as typed, or its slug or `FOLDER/SLUG` (then the original is its default language's file, or
/// the first it is written in).
pub fn translate(
    root: &Path,
    site: &Site,
    interface: &Interface,
    original: &str,
    lang: Option<&str>,
    title: Option<&str>,
) -> Result<Created, Vec<Diagnostic>> {
    let config = &site.config;
    let source = if names::is_path(original) {
        names::text_file(root, Path::new(original), config).map_err(|d| vec![d])?
    } else {
        let index =
            names::find(site, root, original, "site new --translate").map_err(|d| vec![d])?;
        site.version(&site.texts[index], 0).source.clone()
    };
    let original = source.path.as_path();
    let file = load::read_one(root, source.clone()).map_err(|d| vec![d])?;
    // The bytes as on disk (a BOM included): the blob id is git's name for them.
    let bytes = std::fs::read(root.join(original)).map_err(|e| {
        vec![Diagnostic::error(
            original,
            format!("cannot read the file: {e}"),
        )]
    })?;
    let split = front_matter::split(original, &file.text).map_err(|d| vec![d])?;
    let front = front_matter::parse(original, split.front, split.front_line)?;
    let structure = outline::structure(original, split.body, split.body_line)?;
    let written: Vec<usize> = names::files_on_disk(root, config)
        .into_iter()
        .filter(|r| r.kind == source.kind && r.slug == source.slug)
        .map(|r| r.lang)
        .collect();
    let lang = match lang {
        Some(code) => language_named(config, code).map_err(|d| vec![d])?,
        None => {
            let missing: Vec<usize> = (0..config.languages.len())
                .filter(|l| !written.contains(l))
                .collect();
            match missing.as_slice() {
                [one] => *one,
                _ => {
                    let codes: Vec<&str> = missing
                        .iter()
                        .map(|&l| config.languages[l].code.as_str())
                        .collect();
                    return Err(vec![Diagnostic::error(
                        Path::new("--lang"),
                        "say which language to translate into",
                    )
                    .help(if codes.is_empty() {
                        "the text is written in every language of the site already".to_string()
                    } else {
                        format!("add `--lang CODE`, CODE one of {}", codes.join(", "))
                    })]);
                }
            }
        }
    };
    let path = file_for(site, source.kind, &source.slug, lang);
    if written.contains(&lang) || root.join(&path).exists() {
        let existing = files_with_slug(root, config, source.kind, &source.slug)
            .into_iter()
            .find(|p| matches!(load::source_ref(p, config), Some(Ok(r)) if r.lang == lang))
            .unwrap_or(path);
        return Err(vec![Diagnostic::error(
            &existing,
            format!(
                "the text is already written in {}: {}",
                config.languages[lang].code,
                existing.display()
            ),
        )
        .help("edit that file; `site new` never replaces one")]);
    }
    #[derive(Serialize)]
    struct Sources<'a> {
        sources: Vec<SourceToml<'a>>,
    }
    #[derive(Serialize)]
    struct SourceToml<'a> {
        title: &'a str,
        url: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<toml::value::Datetime>,
    }
    let sources = Sources {
        sources: front
            .sources
            .iter()
            .map(|s| SourceToml {
                title: &s.title,
                url: &s.url,
                date: s.date.and_then(|d| d.to_string().parse().ok()),
            })
            .collect(),
    };
    let sources = if sources.sources.is_empty() {
        String::new()
    } else {
        toml::to_string(&sources).map_err(|e| {
            vec![Diagnostic::error(
                original,
                format!("cannot copy the sources: {e}"),
            )]
        })?
    };
    #[derive(Serialize)]
    struct TranslationContext<'a> {
        #[serde(flatten)]
        new: NewContext<'a>,
        original: Original<'a>,
        /// The original's `[[sources]]`, as TOML.
        sources: String,
        tags: String,
        /// The original's headings and block lines, as written.
        structure: Vec<String>,
    }
    #[derive(Serialize)]
    struct Original<'a> {
        path: String,
        lang: &'a str,
        title: &'a str,
        /// On one line, for a TOML comment.
        summary: String,
        /// The record the translation starts with: the original's digest and git blob id.
        hash: String,
        blob: String,
    }
    let title = title.map_or(front.title.as_str(), str::trim);
    let (arc, week) = site.week_name(site.arc.week_of(front.date).unwrap_or(1));
    let context = TranslationContext {
        new: NewContext {
            lang: &config.languages[lang].code,
            kind: source.kind,
            slug: &source.slug,
            week,
            arc,
            date: front.date.to_string(),
            title: toml_string(title),
            title_text: title,
        },
        original: Original {
            path: original.to_string_lossy().replace('\\', "/"),
            lang: &config.languages[source.lang].code,
            title: &front.title,
            summary: front
                .summary
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            hash: crate::content::fingerprint::digest(&front, split.body),
            blob: crate::content::fingerprint::blob_id(&bytes),
        },
        sources,
        tags: toml::Value::Array(
            front
                .tags
                .iter()
                .map(|t| toml::Value::String(t.clone()))
                .collect(),
        )
        .to_string(),
        structure,
    };
    let text = render(interface, "new/translation.md", &context)?;
    write_new(root, &path, &text)?;
    Ok(Created {
        page: preview_path(config, source.kind, &source.slug, lang),
        path,
        slot: Slot {
            week,
            arc: site.arc.local(week).0,
            arc_week: site.arc.local(week).1,
            kind: source.kind,
            date: front.date,
        },
    })
}
