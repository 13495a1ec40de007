//! The two addresses the tool trusts, parsed as URLs (WHATWG, the `url` crate) rather than read as
//! text: the site's own (`base_url`, `--base-url`) and the sending service's (`[email] api_base`).
//! Each comes back in the one form the rest of the tool relies on, or as a refusal saying what to
//! write instead.

use std::net::IpAddr;

use url::{Host, Url};

/// Why an address is refused: the problem, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: String,
}

fn refuse(message: String, help: impl Into<String>) -> Refusal {
    Refusal {
        message,
        help: help.into(),
    }
}

/// The site's address as `http(s)://host[:port]/path/`: scheme and host in lower case, a missing
/// final slash added. Refused: another scheme, no host, a bad port, user-info, a query, a fragment,
/// spaces and backslashes (which URL parsers would silently drop, encode or turn into slashes).
pub fn base_url(raw: &str) -> Result<String, Refusal> {
    let example =
        "write the full address, e.g. `https://example.org/` or `https://user.github.io/repo/`";
    let url = parse(raw, example)?;
    let mut fixed = url.clone();
    let _ = fixed.set_username("");
    let _ = fixed.set_password(None);
    fixed.set_query(None);
    fixed.set_fragment(None);
    if !fixed.path().ends_with('/') {
        let path = format!("{}/", fixed.path());
        fixed.set_path(&path);
    }
    let instead = format!("write `{fixed}`");
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            format!(
                "`{raw}` holds a user name or password (before `@`); a site's address has none"
            ),
            instead,
        ));
    }
    if url.query().is_some() {
        return Err(refuse(
            format!("`{raw}` has a query (`?…`); every page's address is made by adding to it"),
            instead,
        ));
    }
    if url.fragment().is_some() {
        return Err(refuse(
            format!("`{raw}` has a fragment (`#…`); every page's address is made by adding to it"),
            instead,
        ));
    }
    Ok(fixed.to_string())
}

/// The sending service's API, which receives the key: `https`, or plain `http` to this machine only
/// (tests, a local proxy). Host and scheme are the parsed URL's, so `http://127.0.0.1:1@evil/` is the
/// host `evil` (and refused for its user-info). Returned as the parser writes it, without a final
/// slash, for the client to add paths to.
pub fn api_base(raw: &str) -> Result<String, Refusal> {
    let example = "use `https://api.buttondown.com/v1` (the default), an https proxy, or http://127.0.0.1:PORT/… for a local server";
    let url = parse(raw, example)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            format!("`{raw}` holds a user name or password (before `@`): the API key would go to the host after it"),
            "remove everything between `://` and `@`; the key is read from BUTTONDOWN_API_KEY",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse(
            format!(
                "`{raw}` has a query or fragment (`?…`, `#…`); the API's paths are added to it"
            ),
            example,
        ));
    }
    let loopback = match url.host() {
        Some(Host::Domain(name)) => name == "localhost",
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    if url.scheme() == "http" && !loopback {
        return Err(refuse(
            format!("`{raw}` is plain http: the API key would cross the network unencrypted"),
            example,
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// `raw` as an http(s) URL with a host, checked on the text first for what the parser would
/// otherwise repair without a word.
fn parse(raw: &str, example: &str) -> Result<Url, Refusal> {
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let what = if c == ' ' {
            "a space".to_string()
        } else {
            format!("the character U+{:04X}", c as u32)
        };
        return Err(refuse(
            format!("`{raw}` holds {what}"),
            "write the address without spaces (a space in a path is `%20`)",
        ));
    }
    if raw.contains('\\') {
        return Err(refuse(
            format!("`{raw}` holds a backslash"),
            "write `/` between the parts of the address",
        ));
    }
    let scheme = raw.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    let Some((_, rest)) = raw
        .split_once("://")
        .filter(|_| matches!(scheme.as_deref(), Some("http" | "https")))
    else {
        return Err(refuse(
            format!("`{raw}` is not an absolute http(s) URL"),
            example,
        ));
    };
    // `https:///x/` parses as the host `x`: the parser skips the extra slashes.
    if rest.is_empty() || rest.starts_with('/') {
        return Err(refuse(format!("`{raw}` names no host"), example));
    }
    let url = Url::parse(raw).map_err(|e| {
        let message = match e {
            url::ParseError::InvalidPort => {
                format!("`{raw}` has a port that is not a number from 1 to 65535")
            }
            url::ParseError::EmptyHost => format!("`{raw}` names no host"),
            url::ParseError::IdnaError | url::ParseError::InvalidDomainCharacter => {
                format!("`{raw}` names a host that cannot be a domain name")
            }
            other => format!("`{raw}` is not a URL: {other}"),
        };
        refuse(message, example)
    })?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(refuse(format!("`{raw}` names no host"), example));
    }
    if url.port() == Some(0) {
        return Err(refuse(
            format!("`{raw}` has a port that is not a number from 1 to 65535"),
            example,
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses_take_one_form() {
        let ok = |raw: &str| base_url(raw).unwrap();
        assert_eq!(ok("https://x.example/"), "https://x.example/");
        assert_eq!(ok("HTTPS://X.EXAMPLE/"), "https://x.example/");
        assert_eq!(ok("Http://x.example:8080/a/"), "http://x.example:8080/a/");
        assert_eq!(
            ok("https://user.github.io/repo"),
            "https://user.github.io/repo/"
        );
        assert_eq!(ok("https://x.example"), "https://x.example/");
        assert_eq!(ok("http://[::1]:4000/"), "http://[::1]:4000/");
    }

    #[test]
    fn bad_site_addresses_are_refused_with_a_fix() {
        for (raw, says) in [
            ("https://x.example/?q=1", "query"),
            ("https://x.example/?", "query"),
            ("https://x.example/#top", "fragment"),
            ("https://x.example/a b/", "a space"),
            (" https://x.example/", "a space"),
            ("https://x.example:99999/", "port"),
            ("https://x.example:0/", "port"),
            ("https:///nohost/", "no host"),
            ("https://", "no host"),
            ("https://me:pw@x.example/", "user name"),
            ("https://me@x.example/", "user name"),
            ("ftp://x.example/", "not an absolute http(s) URL"),
            ("x.example/", "not an absolute http(s) URL"),
            ("https:\\\\x.example\\", "backslash"),
        ] {
            let refusal = base_url(raw).expect_err(raw);
            assert!(refusal.message.contains(says), "{raw}: {refusal:?}");
        }
        let fix = base_url("https://me@x.example/a?q=1#f").unwrap_err().help;
        assert_eq!(fix, "write `https://x.example/a/`");
    }

    #[test]
    fn the_api_is_https_except_on_loopback() {
        assert_eq!(
            api_base("https://api.buttondown.com/v1/").unwrap(),
            "https://api.buttondown.com/v1"
        );
        for ok in [
            "http://127.0.0.1:8123/v1",
            "http://localhost/v1",
            "http://[::1]:9/v1",
            "HTTP://127.0.0.1:8123/v1",
        ] {
            assert!(api_base(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://127.0.0.1:1@127.0.0.2:8123/v1",
            "http://127.0.0.1@evil.example/v1",
            "https://user:key@api.buttondown.com/v1",
            "http://api.buttondown.com/v1",
            "http://127.0.0.1.example.org/v1",
            "http://localhost.evil.example/v1",
            "ftp://x",
            "https://",
            "https:///v1",
            "https://api.buttondown.com/v1?x=1",
        ] {
            assert!(api_base(bad).is_err(), "{bad}");
        }
    }
}
