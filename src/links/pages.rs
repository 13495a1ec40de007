//! Internal links and `#anchors` of rendered pages: each one must land on a page or file of the
//! output and, with a fragment, on an element id there.

use std::collections::{HashMap, HashSet};

use crate::html::PageLinks;
use crate::url::{resolve, Resolved};

/// A link that lands nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Output path of the page that makes the link.
    pub page: String,
    pub link: String,
    pub reason: String,
}

/// The output file a target path names: itself, or its folder's `index.html`.
pub fn existing(
    target: &str,
    is_page: &dyn Fn(&str) -> bool,
    is_file: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if is_page(target) || is_file(target) {
        return Some(target.to_string());
    }
    let index = format!("{}/index.html", target.trim_end_matches('/'));
    is_page(&index).then_some(index)
}

/// Checks every internal link of `pages` (output path → links) against the pages and other files
/// of the output. `origin` is the site's address (scheme and host) and `base_path` its path prefix.
pub fn check(
    pages: &HashMap<String, PageLinks>,
    files: &HashSet<String>,
    origin: &str,
    base_path: &str,
) -> (usize, Vec<Broken>) {
    let mut checked = 0;
    let mut broken = Vec::new();
    let mut keys: Vec<&String> = pages.keys().collect();
    keys.sort();
    let is_page = |key: &str| pages.contains_key(key);
    for page in keys {
        for link in &pages[page].links {
            let problem = match resolve(page, link, origin, base_path) {
                Resolved::Elsewhere => continue,
                Resolved::Outside => Some("it points outside the site".to_string()),
                Resolved::Target(target, fragment) => {
                    match existing(&target, &is_page, &|k| files.contains(k)) {
                        None => Some(format!("no page or file `{target}` is built")),
                        Some(resolved) => (!fragment.is_empty()
                            && !pages
                                .get(&resolved)
                                .is_some_and(|p| p.ids.contains(&fragment)))
                        .then(|| format!("`{resolved}` has no element with id `{fragment}`")),
                    }
                }
            };
            checked += 1;
            if let Some(reason) = problem {
                broken.push(Broken {
                    page: page.clone(),
                    link: link.clone(),
                    reason,
                });
            }
        }
    }
    (checked, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::html::links as extract;

    #[test]
    fn finds_missing_pages_and_anchors() {
        let mut pages = HashMap::new();
        pages.insert("index.html".to_string(), extract(r##"<a href="/a/#x"></a><a href="/b/"></a><a href="#me"></a><a href="https://s.example/a/#y"></a><a href="https://other.example/"></a>"##));
        pages.insert("a/index.html".to_string(), extract(r#"<p id="x"></p>"#));
        let (checked, broken) = check(&pages, &HashSet::new(), "https://s.example", "");
        assert_eq!(checked, 4);
        let reasons: Vec<&str> = broken.iter().map(|b| b.link.as_str()).collect();
        assert_eq!(reasons, vec!["/b/", "#me", "https://s.example/a/#y"]);
    }
}
