//! Links and images as a page writes them: from the site's root with its base path, told apart
//! from links elsewhere, and checked against the text's folder.

use std::path::Path;

use pulldown_cmark::CowStr;

use crate::content::assets::Asset;
use crate::diagnostics::Diagnostic;

/// A link or image naming a file the text's folder does not hold.
pub(super) fn missing_file(
    path: &Path,
    files: &[Asset],
    url: &str,
    line: usize,
    column: usize,
) -> Diagnostic {
    let slug = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .unwrap_or("");
    let folder = path.with_file_name(slug);
    let wanted = crate::url::folder_path(url).unwrap_or_default();
    let names: Vec<&str> = files.iter().map(|a| a.rel.as_str()).collect();
    let help = match crate::diagnostics::nearest(&wanted, &names) {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!(
            "put the file in {}/, beside the text, or fix the name",
            folder.display()
        ),
    };
    Diagnostic::error(
        path,
        format!("`{url}` is not in the text's folder {}/", folder.display()),
    )
    .at(line, column)
    .help(help)
}

/// A link written from the site's root (`/arco/`) gets the site's base path; others stay as written.
pub(super) fn site_url<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path.is_empty() || !url.starts_with('/') || url.starts_with("//") {
        return url;
    }
    format!("{base_path}{url}").into()
}

/// A link into the site: relative, from its root, or to its own address (not `https://elsewhere`, `mailto:`).
pub(super) fn is_internal(url: &str, base_url: &str) -> bool {
    !crate::url::is_elsewhere(url) || (!base_url.is_empty() && url.starts_with(base_url))
}
