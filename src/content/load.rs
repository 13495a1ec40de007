//! Walking `content/`: file names → (kind, slug, language), and reading the files in parallel.

use std::path::{Path, PathBuf};

use super::Kind;
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// A content file found on disk, before it is read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceRef {
    pub kind: Kind,
    pub slug: String,
    /// Index into `Config::languages`.
    pub lang: usize,
    /// Path relative to the site root, as shown in messages.
    pub path: PathBuf,
}

/// A content file with its text; BOM removed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub source: SourceRef,
    pub text: String,
}

/// A file in a text's folder, `content/KIND/SLUG/REL`: (kind, slug, rel, path from the root).
pub type AssetRef = (Kind, String, String, PathBuf);

/// What `content/` holds: the texts (Markdown files directly in `content/essays` and
/// `content/bulletins`, sorted) and the files in the texts' folders beside them.
pub struct Found {
    pub texts: Vec<SourceRef>,
    pub assets: Vec<AssetRef>,
    pub problems: Vec<Diagnostic>,
}

pub fn discover(root: &Path, config: &Config) -> Found {
    let mut found = Found {
        texts: Vec::new(),
        assets: Vec::new(),
        problems: Vec::new(),
    };
    for kind in Kind::ALL {
        let (files, mut walk_problems) =
            crate::files::under(root, &Path::new("content").join(kind.folder()));
        found.problems.append(&mut walk_problems);
        for path in files {
            if let Some(asset) = asset_ref(&path) {
                found.assets.push(asset);
                continue;
            }
            match source_ref(&path, config) {
                Some(Ok(source)) => found.texts.push(source),
                Some(Err(d)) => found.problems.push(d),
                None => {}
            }
        }
    }
    found.texts.sort();
    found
}

/// A file inside a text's folder (`content/essays/SLUG/…`), or `None` for anything else.
pub fn asset_ref(path: &Path) -> Option<AssetRef> {
    let parts: Vec<&str> = path.iter().map(|c| c.to_str()).collect::<Option<_>>()?;
    if parts.len() < 4 || parts[0] != "content" {
        return None;
    }
    let kind = Kind::ALL.into_iter().find(|k| parts[1] == k.folder())?;
    let name = parts.last()?;
    if name.starts_with('.') || name.ends_with('~') {
        return None;
    }
    Some((
        kind,
        parts[2].to_string(),
        parts[3..].join("/"),
        path.to_path_buf(),
    ))
}

/// What a path relative to the root is: a text (kind, slug, language), a misnamed text (an error),
/// or not a text at all (`None`: other files, editors' backup and swap files).
pub fn source_ref(path: &Path, config: &Config) -> Option<Result<SourceRef, Diagnostic>> {
    // A text sits directly in its kind's folder; deeper files belong to a text's own folder.
    if path.components().count() != 3 {
        return None;
    }
    let mut parts = path.components().map(|c| c.as_os_str());
    if parts.next()? != "content" {
        return None;
    }
    let folder = parts.next()?;
    let kind = Kind::ALL.into_iter().find(|k| folder == k.folder())?;
    let name = path.file_name()?;
    let Some(name) = name.to_str() else {
        return Some(Err(Diagnostic::error(
            path,
            "the file name is not valid UTF-8",
        )
        .help("rename the file using letters, digits and hyphens")));
    };
    if name.starts_with('.') || name.ends_with('~') || !name.ends_with(".md") {
        return None;
    }
    Some(
        parse_name(name, config)
            .map(|(slug, lang)| SourceRef {
                kind,
                slug,
                lang,
                path: path.to_path_buf(),
            })
            .map_err(|(message, help)| Diagnostic::error(path, message).help(help)),
    )
}

/// `SLUG.LANG.md` or `SLUG.md` (the default language).
fn parse_name(name: &str, config: &Config) -> Result<(String, usize), (String, String)> {
    let stem = name.trim_end_matches(".md");
    let (slug, lang) = match stem.split_once('.') {
        None => (stem, 0),
        Some((slug, suffix)) => {
            let lang = config.language_index(suffix).ok_or_else(|| {
                let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
                (
                    format!("`{suffix}` is not one of the site's languages"),
                    format!(
                        "name the file `{slug}.LANG.md` with LANG one of {}, or `{slug}.md` for {}",
                        codes.join(", "),
                        codes[0]
                    ),
                )
            })?;
            (slug, lang)
        }
    };
    let valid = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err((
            format!("`{slug}` is not a valid slug"),
            "use lowercase letters, digits and hyphens, e.g. `o-custo-de-uma-dependencia.pt-BR.md`"
                .into(),
        ));
    }
    Ok((slug.to_string(), lang))
}

/// Reads one file; a file that cannot be read, or is not UTF-8, is a diagnostic.
pub fn read_one(root: &Path, source: SourceRef) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(root.join(&source.path)).map_err(|e| {
        Diagnostic::error(&source.path, format!("cannot read the file: {e}"))
            .help("check that the file exists and that you may read it")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::error(&source.path, "the file is not valid UTF-8")
            .at(line, 1)
            .help("save the file as UTF-8 in your editor")
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(SourceFile { source, text })
}
