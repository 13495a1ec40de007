//! Internal links and `#anchors` of rendered pages: reading them out of the HTML the build made,
//! and checking that each one lands on a page and an element id.

use std::collections::{HashMap, HashSet};

/// What one rendered page holds: its element ids, and the links it makes (decoded `href`/`src` values).
#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    pub ids: HashSet<String>,
    pub links: Vec<String>,
}

/// Reads ids and links out of HTML that this tool rendered: tags, quoted attributes, comments.
pub fn extract(html: &str) -> PageLinks {
    let mut out = PageLinks::default();
    for tag in tags(html) {
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        for (attr, value) in attributes(&tag[name_end..]) {
            match attr.as_str() {
                "id" => {
                    out.ids.insert(decode_entities(value));
                }
                "href" | "src" if name != "link" || !value.is_empty() => {
                    out.links.push(decode_entities(value));
                }
                _ => {}
            }
        }
    }
    out
}

/// The opening tags of `html`, each the text between `<` and `>` (a slice of `html`): comments, closing
/// tags and declarations are passed over, and so are the bodies of `script` and `style`, which are not HTML.
pub(crate) fn tags(html: &str) -> impl Iterator<Item = &str> {
    let bytes = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let start = i + html[i..].find('<')?;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let end = tag_end(bytes, start + 1)?;
        let tag = &html[start + 1..end];
        i = end + 1;
        if tag.starts_with(['/', '!']) {
            continue;
        }
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..].find(&close).map_or(html.len(), |e| i + e);
        }
        return Some(tag);
    })
}

/// Index of the `>` that ends a tag, skipping quoted attribute values.
pub(crate) fn tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => return Some(i),
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    None
}

pub(crate) fn attributes(mut s: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let name_end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        s = s[name_end..].trim_start();
        let Some(rest) = s.strip_prefix('=') else {
            out.push((name, ""));
            continue;
        };
        let rest = rest.trim_start();
        let (value, after) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &rest[1..];
                let close = body.find(q).unwrap_or(body.len());
                (&body[..close], &body[(close + 1).min(body.len())..])
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        out.push((name, value));
        s = after;
    }
}

/// Decodes the character references templates and Markdown write into attributes.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|&n| n <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `%C3%A9` → `é`; anything that is not a valid escape stays as it is.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%').then(|| s.get(i + 1..i + 3)).flatten();
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A link that lands nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Output path of the page that makes the link.
    pub page: String,
    pub link: String,
    pub reason: String,
}

/// Where a link leads, seen from the page (output path) that makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, `mailto:` and the like: not checked.
    Elsewhere,
    /// A path that climbs above the site's base path.
    Outside,
    /// An output path (percent-decoded) and a fragment (possibly empty).
    Target(String, String),
}

/// Resolves `link` made on `page`; `origin` is the site's address (scheme and host) and `base_path`
/// its path prefix.
pub fn resolve(page: &str, link: &str, origin: &str, base_path: &str) -> Resolved {
    let local = if let Some(rest) = link.strip_prefix(origin) {
        rest.to_string()
    } else if link.contains(':') || link.starts_with("//") {
        return Resolved::Elsewhere;
    } else {
        link.to_string()
    };
    let (path, fragment) = local.split_once('#').unwrap_or((&local, ""));
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        Some(page.to_string())
    } else if let Some(absolute) = path.strip_prefix('/') {
        let inside = format!("/{absolute}");
        inside
            .strip_prefix(base_path)
            .map(|p| output_key(p.trim_start_matches('/')))
    } else {
        let folder = page.rsplit_once('/').map_or("", |(d, _)| d);
        Some(output_key(&normalize(&format!("{folder}/{path}"))))
    };
    match target {
        None => Resolved::Outside,
        Some(t) => Resolved::Target(percent_decode(&t), percent_decode(fragment)),
    }
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

fn output_key(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = if path.ends_with('/') && !parts.is_empty() {
        "/"
    } else {
        ""
    };
    format!("{}{trailing}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_ids_and_links_from_tags_only() {
        let page = extract(
            r#"<!-- <a href="/no/"> --><h2 id="a&amp;b"><a class="x" href="&#x2F;en&#x2F;#top">T</a></h2>
            <script>var s = "<a href='/js/'>";</script><img src=/i.png alt=''><p>1 < 2</p>"#,
        );
        assert_eq!(page.ids, HashSet::from(["a&b".to_string()]));
        assert_eq!(page.links, vec!["/en/#top", "/i.png"]);
    }

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
