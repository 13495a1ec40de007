//! The ids the templates give their own elements (`id="content"`, `id="latest-title"`): a heading
//! of a text must not take one, or the page holds the id twice and its links and the skip link go
//! astray. Read from the templates themselves, so a template that adds an id reserves it.

use std::collections::HashSet;
use std::path::Path;

/// Every fixed `id` written in the HTML templates under `ROOT/templates/`. An id made by a Tera
/// expression (`id="w{{ row.week }}"`) cannot be known before rendering, and is left out.
pub fn reserved(root: &Path) -> HashSet<String> {
    let (files, _) = crate::files::under(root, Path::new("templates"));
    let mut ids = HashSet::new();
    for rel in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        // An unreadable template is reported when Tera loads it.
        let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
            continue;
        };
        crate::html::scan(&text, "[id]", |tag| {
            if let Some(id) = tag.get("id") {
                if !id.is_empty() && !id.contains("{{") && !id.contains("{%") {
                    ids.insert(id);
                }
            }
        });
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_ids_of_html_templates_only() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("templates/partials");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(
            t.join("a.html"),
            "<main id=\"content\">{% if x %}<h2 id='latest-title'>{% endif %}<tr id=\"w{{ w }}\">",
        )
        .unwrap();
        std::fs::write(t.join("b.txt"), "<p id=\"not-html\">").unwrap();
        let ids = reserved(dir.path());
        let mut ids: Vec<_> = ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["content", "latest-title"]);
    }
}
