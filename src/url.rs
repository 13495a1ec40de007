//! URLs, one rule each: which ones lead out of the site, how a link resolves against the page that
//! makes it, percent-decoding, and the path a request or a text's link names. On the `url` and
//! `percent-encoding` crates, so resolution follows the WHATWG URL standard that browsers use.

use percent_encoding::percent_decode_str;

/// A stand-in origin for resolving links against a page known only by its path (`/ensaios/nomes/`).
const LOCAL: &str = "http://site.invalid";

/// `mailto:`, `https:`, `data:`…: a scheme is a letter, then letters, digits, `+`, `-` or `.`, before
/// the first `:`, which comes before any `/`, `?` or `#`.
pub fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A link that leaves the site's own pages: it has a scheme or is protocol-relative (`//host/x`).
pub fn is_elsewhere(url: &str) -> bool {
    has_scheme(url) || url.starts_with("//")
}

/// A sending service's placeholder, filled in per subscriber (`{{ unsubscribe_url }}`, `*|UNSUB|*`,
/// `%%unsubscribe%%`, `{% … %}`, `[[…]]`): kept as written, never resolved.
pub fn is_merge_tag(url: &str) -> bool {
    ["{{", "{%", "*|", "%%", "[["]
        .iter()
        .any(|open| url.starts_with(open))
}

/// `%C3%A9` → `é`; `None` when the bytes are not UTF-8. A `%` not followed by two hex digits stays.
pub fn percent_decode(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// As `percent_decode`, with bytes that are not UTF-8 replaced (a name to show or to look up).
pub fn percent_decode_lossy(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `a/./b/../c/` → `a/c/`: `.` and `..` worked out in a `/`-separated path, without climbing above
/// its start. Returns `None` when a `..` would climb above it.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let trailing = if trailing && !parts.is_empty() {
        "/"
    } else {
        ""
    };
    Some(format!("{}{trailing}", parts.join("/")))
}

/// `url` as written in a page at `page_url`, made absolute (unescaped in, unescaped out). A page
/// known only by its path gives a path from the site's root. URLs that already are absolute, and
/// merge tags, stay as they are.
pub fn absolute(url: &str, page_url: &str) -> String {
    let trimmed = url.trim();
    if has_scheme(trimmed) || is_merge_tag(trimmed) {
        return url.to_string();
    }
    let local = !has_scheme(page_url);
    let base = if local {
        url::Url::parse(LOCAL).and_then(|l| l.join(page_url))
    } else {
        url::Url::parse(page_url)
    };
    match base.and_then(|b| b.join(trimmed)) {
        Ok(joined) if local => joined.as_str()[LOCAL.len()..].to_string(),
        Ok(joined) => joined.to_string(),
        Err(_) => url.to_string(),
    }
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

/// Resolves `link` made on the page at output path `page`; `origin` is the site's address (scheme
/// and host) and `base_path` its path prefix ("" or "/repo").
pub fn resolve(page: &str, link: &str, origin: &str, base_path: &str) -> Resolved {
    let local = match link.strip_prefix(origin) {
        Some(rest) if origin.is_empty() || rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
            rest
        }
        _ if is_elsewhere(link) => return Resolved::Elsewhere,
        _ => link,
    };
    let (path, fragment) = local.split_once('#').unwrap_or((local, ""));
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        Some(page.to_string())
    } else if path.starts_with('/') {
        path.strip_prefix(base_path)
            .filter(|p| base_path.is_empty() || p.is_empty() || p.starts_with('/'))
            .and_then(|p| normalize(p.trim_start_matches('/')))
            .map(|p| output_key(&p))
    } else {
        let folder = page.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(&format!("{folder}/{path}")).map(|p| output_key(&p))
    };
    match target {
        None => Resolved::Outside,
        Some(t) => Resolved::Target(percent_decode_lossy(&t), percent_decode_lossy(fragment)),
    }
}

/// The output file a site path names: itself, or its folder's `index.html`.
pub fn output_key(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The path inside a text's folder that a link written in the text names, percent-decoded: a relative
/// path that stays in the folder. `None` for a URL with a scheme, from the root, only a `#fragment`
/// or `?query`, or one that climbs out with `..`.
pub fn folder_path(url: &str) -> Option<String> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || path.starts_with('/') || has_scheme(path) {
        return None;
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") {
        return None;
    }
    Some(percent_decode_lossy(&parts.join("/")))
}

/// The output path a request names (a path ending in `/` names its `index.html`), or `None` for
/// anything that could leave the site: `..` segments (plain or percent-encoded), encoded slashes or
/// backslashes, NUL, bytes that are not UTF-8.
pub fn request_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    if !path.starts_with('/') {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) || !escapes_are_whole(path) {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(|s| s == "..") {
        return None;
    }
    let key = normalize(&decoded)?;
    Some(if decoded.ends_with('/') || key.is_empty() {
        output_key(&key)
    } else {
        key
    })
}

/// Whether every `%` of `s` starts an escape: `%` and two hex digits.
fn escapes_are_whole(s: &str) -> bool {
    s.match_indices('%').all(|(i, _)| {
        s.get(i + 1..i + 3)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://user.github.io/repo/ensaios/nomes/";

    #[test]
    fn schemes_and_placeholders() {
        for url in [
            "https://x.example/",
            "mailto:a@b.c",
            "data:,x",
            "web+app:x",
            "tel:1",
        ] {
            assert!(has_scheme(url), "{url}");
        }
        for url in ["a/b:c", "/x:y", "#a:b", "?q=a:b", "1a:b", ":x", "fig.png"] {
            assert!(!has_scheme(url), "{url}");
        }
        assert!(is_elsewhere("//cdn.example/x"));
        assert!(is_merge_tag("{{ unsubscribe_url }}") && is_merge_tag("*|UNSUB|*"));
    }

    #[test]
    fn absolute_against_a_page() {
        let cases = [
            ("#a", "https://user.github.io/repo/ensaios/nomes/#a"),
            (
                "diagrama.png",
                "https://user.github.io/repo/ensaios/nomes/diagrama.png",
            ),
            ("/repo/img/x.png", "https://user.github.io/repo/img/x.png"),
            ("../outro/", "https://user.github.io/repo/ensaios/outro/"),
            (
                "https://example.org/?a=1&b=2",
                "https://example.org/?a=1&b=2",
            ),
            ("mailto:a@b.c", "mailto:a@b.c"),
            ("{{ unsubscribe_url }}", "{{ unsubscribe_url }}"),
            ("//cdn.example/p.png", "https://cdn.example/p.png"),
            ("", PAGE),
            ("?q=1", "https://user.github.io/repo/ensaios/nomes/?q=1"),
        ];
        for (url, want) in cases {
            assert_eq!(absolute(url, PAGE), want, "{url}");
        }
        assert_eq!(
            absolute("fig.png", "/ensaios/nomes/"),
            "/ensaios/nomes/fig.png"
        );
        assert_eq!(absolute("#a", "/ensaios/nomes/"), "/ensaios/nomes/#a");
        assert_eq!(absolute("/arco/", "/ensaios/nomes/"), "/arco/");
        assert_eq!(absolute("../../x", "/e/"), "/x");
    }

    #[test]
    fn internal_links_resolve_to_output_paths() {
        let r = |link: &str| resolve("ensaios/nomes/index.html", link, "https://s.example", "");
        assert_eq!(
            r("/arco/"),
            Resolved::Target("arco/index.html".into(), "".into())
        );
        assert_eq!(
            r("#x"),
            Resolved::Target("ensaios/nomes/index.html".into(), "x".into())
        );
        assert_eq!(
            r("fig%20a.png"),
            Resolved::Target("ensaios/nomes/fig a.png".into(), "".into())
        );
        assert_eq!(
            r("../outro/#s%C3%A9"),
            Resolved::Target("ensaios/outro/index.html".into(), "sé".into())
        );
        assert_eq!(
            r("https://s.example/a/#y"),
            Resolved::Target("a/index.html".into(), "y".into())
        );
        assert_eq!(r("https://s.example.evil/a/"), Resolved::Elsewhere);
        assert_eq!(r("https://other.example/"), Resolved::Elsewhere);
        assert_eq!(r("../../../x"), Resolved::Outside);
        let based = |link: &str| resolve("index.html", link, "https://u.github.io", "/repo");
        assert_eq!(
            based("/repo/arco/"),
            Resolved::Target("arco/index.html".into(), "".into())
        );
        assert_eq!(based("/arco/"), Resolved::Outside);
        assert_eq!(based("/repository/"), Resolved::Outside);
    }

    #[test]
    fn folder_paths_stay_in_the_folder() {
        assert_eq!(folder_path("diagrama.png").as_deref(), Some("diagrama.png"));
        assert_eq!(
            folder_path("./fotos/a%20b.jpg#x").as_deref(),
            Some("fotos/a b.jpg")
        );
        for elsewhere in [
            "/img/x.png",
            "https://x.example/a.png",
            "#x",
            "?q",
            "../x.png",
            "a/../../b",
        ] {
            assert_eq!(folder_path(elsewhere), None, "{elsewhere}");
        }
    }

    #[test]
    fn request_paths_stay_inside() {
        assert_eq!(request_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            request_path("/en/arc/?x=1").as_deref(),
            Some("en/arc/index.html")
        );
        assert_eq!(
            request_path("/css/site.css").as_deref(),
            Some("css/site.css")
        );
        assert_eq!(
            request_path("/ensaios/a%C3%A7%C3%A3o/").as_deref(),
            Some("ensaios/ação/index.html")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a%2Fb",
            "/a%5cb",
            "/a%00",
            "/%ff",
            "x",
            "/a/../b",
        ] {
            assert_eq!(request_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn normalize_never_climbs() {
        assert_eq!(normalize("a/./b/../c/").as_deref(), Some("a/c/"));
        assert_eq!(normalize("a/b/..").as_deref(), Some("a/"));
        assert_eq!(normalize("../a"), None);
    }
}
