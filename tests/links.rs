//! Every internal link and `#anchor` in a built site resolves to a built file and an element id.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{files, TestSite};

/// Output file a link path points at: folders mean their `index.html`.
fn target(out: &Path, page: &Path, href: &str) -> PathBuf {
    let rel = if let Some(abs) = href.strip_prefix('/') {
        PathBuf::from(abs)
    } else {
        page.parent().unwrap_or(Path::new("")).join(href)
    };
    if href.ends_with('/') || href.is_empty() || out.join(&rel).is_dir() {
        rel.join("index.html")
    } else {
        rel
    }
}

/// Checks every internal link of every page, feed and sitemap; returns how many were checked.
fn check_links(out: &Path, base_url: &str) -> usize {
    let all = files(out);
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(PathBuf, String)> = Vec::new();
    let any = scraper::Selector::parse("[id]").unwrap();
    let linking = scraper::Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    for file in all
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap());
        ids.insert(
            file.clone(),
            doc.select(&any)
                .filter_map(|e| e.value().id().map(String::from))
                .collect(),
        );
        for element in doc.select(&linking) {
            let value = element.value();
            let href = value.attr("href").or(value.attr("src")).unwrap();
            links.push((file.clone(), href.to_string()));
        }
    }
    for file in all
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
    {
        let xml = std::fs::read_to_string(out.join(file)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for node in doc.descendants() {
            let found = match node.tag_name().name() {
                "link" | "loc" | "guid" => node.text().or(node.attribute("href")),
                _ => None,
            };
            if let Some(url) = found {
                links.push((file.clone(), url.trim().to_string()));
            }
        }
    }
    let mut checked = 0;
    for (page, href) in &links {
        let local = match href.strip_prefix(base_url.trim_end_matches('/')) {
            Some(path) if href.starts_with("http") => path.to_string(),
            None if href.starts_with("http") || href.starts_with("mailto:") => continue,
            _ => href.clone(),
        };
        let (path, fragment) = local.split_once('#').unwrap_or((&local, ""));
        let file = if path.is_empty() {
            page.clone()
        } else {
            target(out, page, path)
        };
        assert!(
            out.join(&file).is_file(),
            "{}: `{href}` points at {}, which was not built",
            page.display(),
            file.display()
        );
        if !fragment.is_empty() {
            let fragment = percent_decode(fragment);
            assert!(
                ids.get(&file).is_some_and(|set| set.contains(&fragment)),
                "{}: `{href}`: no id `{fragment}` in {}",
                page.display(),
                file.display()
            );
        }
        checked += 1;
    }
    checked
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn fixture_site_links_resolve() {
    let site = TestSite::fixture("basic");
    site.build(&["--drafts"]);
    let checked = check_links(&site.out(), "https://caderno.example/");
    assert!(checked > 150, "only {checked} links checked");
}

#[test]
fn shipped_site_links_resolve() {
    let site = TestSite::shipped();
    site.build(&[]);
    let checked = check_links(&site.out(), "https://durante.example/");
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn a_broken_link_is_caught() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    // A broken page the build itself would refuse, put in by hand: this checker must see it too.
    let home = site.output_text("index.html");
    let broken = home.replacen(
        "</main>",
        "<a href=\"/ensaios/nao-existe/\">x</a></main>",
        1,
    );
    std::fs::write(site.out().join("index.html"), broken).unwrap();
    let result = std::panic::catch_unwind(|| check_links(&site.out(), "https://caderno.example/"));
    assert!(
        result.is_err(),
        "the checker must fail on a link to a page that does not exist"
    );
}
