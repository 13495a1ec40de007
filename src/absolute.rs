//! Absolute URLs for HTML that leaves the site: a feed item or an email has no page to resolve
//! `#notes`, `diagrama.png` or `/img/x.png` against, so every `href`, `src` and `srcset` is made absolute.

use crate::links::{attributes, decode_entities, tags};

/// Rewrites the URLs of `html` against `page_url`, the absolute URL of the page it belongs to
/// (ending in `/`). Root-relative links (`/x`, which bodies already write with the site's base path)
/// resolve against the page's origin.
pub fn absolutize(html: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    for tag in tags(html) {
        for (name, value) in attributes(tag) {
            let rewritten = match name.as_str() {
                "href" | "src" | "poster" => resolve(value, page_url),
                "srcset" => resolve_srcset(value, page_url),
                _ => None,
            };
            if let Some(new) = rewritten {
                // `value` is a slice of `html`: its offset says where to splice.
                let at = value.as_ptr() as usize - html.as_ptr() as usize;
                out.push_str(&html[copied..at]);
                out.push_str(&new);
                copied = at + value.len();
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// One URL, as written in a text shown on `page_url`, made absolute (unescaped in, unescaped out).
pub fn absolute_url(url: &str, page_url: &str) -> String {
    // `resolve` works on attribute values as written: escape in, decode out.
    resolve(&escape(url), page_url).map_or_else(|| url.to_string(), |u| decode_entities(&u))
}

/// The absolute form of one (HTML-escaped) URL, or `None` when it already is absolute. A `page_url`
/// that is only a path (`/ensaios/nomes/`) gives URLs from the site's root instead.
fn resolve(url: &str, page_url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return Some(escape(page_url));
    }
    if has_scheme(url) || is_merge_tag(url) {
        return None;
    }
    let (scheme, origin) = match page_url.split_once("://") {
        Some((scheme, rest)) => {
            let host_end = rest.find('/').unwrap_or(rest.len());
            (scheme, &page_url[..scheme.len() + 3 + host_end])
        }
        None => ("", ""),
    };
    if let Some(network) = url.strip_prefix("//") {
        return (!scheme.is_empty()).then(|| format!("{scheme}://{network}"));
    }
    if url.starts_with('/') {
        return Some(format!("{}{url}", escape(origin)));
    }
    if url.starts_with(['#', '?']) {
        return Some(format!("{}{url}", escape(page_url)));
    }
    // A relative path: against the page's folder, with `.` and `..` worked out.
    let folder = &page_url[origin.len()..page_url.rfind('/').map_or(page_url.len(), |i| i + 1)];
    let (path, suffix) = url
        .find(['?', '#'])
        .map_or((url, ""), |i| (&url[..i], &url[i..]));
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let trailing = if path.ends_with('/') || path.ends_with('.') {
        "/"
    } else {
        ""
    };
    Some(format!(
        "{}/{}{trailing}{suffix}",
        escape(origin),
        parts.join("/")
    ))
}

/// `srcset="a.png 1x, b.png 2x"`: each candidate's URL.
fn resolve_srcset(value: &str, page_url: &str) -> Option<String> {
    let candidates: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .map_or((candidate, ""), |(u, d)| (u, d.trim()));
            let url = resolve(url, page_url).unwrap_or_else(|| url.to_string());
            if descriptor.is_empty() {
                url
            } else {
                format!("{url} {descriptor}")
            }
        })
        .collect();
    Some(candidates.join(", "))
}

/// `mailto:`, `https:`, `data:`…: a scheme is letters, digits, `+`, `-`, `.` before the first `:`,
/// and comes before any `/`, `?` or `#`.
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A sending service's placeholder, filled in per subscriber: Buttondown's and Mailchimp's
/// `{{ unsubscribe_url }}`, `*|UNSUB|*`, `%%unsubscribe%%`, `{% … %}`.
fn is_merge_tag(url: &str) -> bool {
    ["{{", "{%", "*|", "%%", "[["]
        .iter()
        .any(|open| url.starts_with(open))
}

/// The page URL goes into an attribute that is already escaped.
fn escape(url: &str) -> String {
    url.replace('&', "&amp;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://user.github.io/repo/ensaios/nomes/";

    #[test]
    fn every_kind_of_url_becomes_absolute() {
        let html = r##"<h2 id="a"><a href="#a">A</a></h2><img src="diagrama.png" alt="d"><a href="/repo/img/x.png">x</a><a href="../outro/">o</a><a href="https://example.org/?a=1&amp;b=2">e</a><a href="mailto:a@b.c">m</a><a href="{{ unsubscribe_url }}">u</a><a href="*|UNSUB|*">v</a><img srcset="p.png 1x, /repo/q.png 2x" src="//cdn.example/p.png" alt=""><!-- <a href="z"> -->"##;
        let out = absolutize(html, PAGE);
        let links = crate::links::extract(&out).links;
        assert_eq!(
            links,
            vec![
                "https://user.github.io/repo/ensaios/nomes/#a",
                "https://user.github.io/repo/ensaios/nomes/diagrama.png",
                "https://user.github.io/repo/img/x.png",
                "https://user.github.io/repo/ensaios/outro/",
                "https://example.org/?a=1&b=2",
                "mailto:a@b.c",
                "{{ unsubscribe_url }}",
                "*|UNSUB|*",
                "https://cdn.example/p.png",
            ]
        );
        assert!(out.contains(r#"srcset="https://user.github.io/repo/ensaios/nomes/p.png 1x, https://user.github.io/repo/q.png 2x""#));
        assert!(
            out.contains(r#"<!-- <a href="z"> -->"#),
            "comments are left alone"
        );
    }

    #[test]
    fn a_path_makes_urls_from_the_root() {
        assert_eq!(
            absolute_url("fig.png", "/ensaios/nomes/"),
            "/ensaios/nomes/fig.png"
        );
        assert_eq!(absolute_url("#a", "/ensaios/nomes/"), "/ensaios/nomes/#a");
        assert_eq!(absolute_url("/arco/", "/ensaios/nomes/"), "/arco/");
        assert_eq!(
            absolute_url("https://x.example/?a&b", "/e/"),
            "https://x.example/?a&b"
        );
    }

    #[test]
    fn text_outside_tags_is_untouched() {
        let html = "<p>a &lt;b href=\"x\"&gt; c</p><pre><code>src=\"y\"</code></pre>";
        assert_eq!(absolutize(html, PAGE), html);
    }
}
