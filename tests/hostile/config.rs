//! site.toml's addresses and files, as a hostile writer would set them: URLs parsed as URLs, the
//! mark's drawing kept inside the site.

use crate::common::{attr, TestSite};

/// The basic fixture with `base_url` set to `url`.
fn with_base_url(url: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let toml = site.read_source("site.toml").replace(
        "base_url = \"https://caderno.example/\"",
        &format!("base_url = \"{url}\""),
    );
    site.write("site.toml", &toml);
    site
}

/// `site build`'s messages, which must be a refusal rather than a crash.
fn refused(site: &TestSite, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = site.site(&all);
    assert!(!run.ok, "the build should fail:\n{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[test]
fn bad_base_urls_are_refused_at_their_line() {
    for (url, says, instead) in [
        (
            "https://x.example/?q=1",
            "has a query",
            "write `https://x.example/`",
        ),
        (
            "https://x.example/#top",
            "has a fragment",
            "write `https://x.example/`",
        ),
        ("https://x.example/a b/", "holds a space", "without spaces"),
        (
            "https://x.example:99999/",
            "port",
            "e.g. `https://example.org/`",
        ),
        (
            "https:///nohost/",
            "names no host",
            "e.g. `https://example.org/`",
        ),
        (
            "https://me:pw@x.example/",
            "user name or password",
            "write `https://x.example/`",
        ),
        ("ftp://x.example/", "not an absolute http(s) URL", "e.g."),
    ] {
        let err = refused(&with_base_url(url), &[]);
        assert!(
            err.contains("--> site.toml:2:1") && err.contains(says) && err.contains(instead),
            "{url}: {err}"
        );
    }
}

#[test]
fn the_base_url_option_is_checked_as_base_url_is() {
    let site = TestSite::fixture("basic");
    let err = refused(&site, &["--base-url", "https://x.example/?q=1"]);
    assert!(
        err.contains("--> --base-url") && err.contains("has a query"),
        "{err}"
    );
    assert!(!site.exists("index.html"), "nothing is built");
}

#[test]
fn the_scheme_and_host_are_read_in_any_case() {
    let site = with_base_url("HTTPS://X.EXAMPLE/Notes");
    site.build(&[]);
    let home = site.html("index.html");
    assert_eq!(
        attr(&home, "link[rel=canonical]", "href"),
        "https://x.example/Notes/"
    );
}

#[test]
fn user_info_in_the_api_base_is_refused() {
    let site = TestSite::fixture("basic");
    let toml = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[email]\napi_base = \"http://127.0.0.1:1@127.0.0.2:9/v1\"\n"),
    );
    let line = toml.lines().count() + 3;
    let err = refused(&site, &[]);
    assert!(
        err.contains(&format!("--> site.toml:{line}:1"))
            && err.contains("user name or password")
            && err.contains("the API key would go to the host after it"),
        "{err}"
    );
}

/// The basic fixture with `[mark] image = "{image}"` and an SVG drawing outside the site.
fn marked(image: &str) -> (TestSite, tempfile::TempDir) {
    let site = TestSite::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>secret</title></svg>"#,
    )
    .unwrap();
    let image = image.replace("OUTSIDE", outside.path().to_str().unwrap());
    let toml = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[mark]\nimage = \"{image}\"\n"),
    );
    (site, outside)
}

#[test]
fn the_marks_drawing_stays_inside_the_site() {
    let (site, outside) = marked("OUTSIDE/secret.svg");
    let line = site.read_source("site.toml").lines().count();
    let err = refused(&site, &[]);
    assert!(
        err.contains(&format!("--> site.toml:{line}:1")) && err.contains("is outside the site"),
        "{err}"
    );
    // `../` from the site's root, to the same file.
    let up = pathdiff(outside.path(), site.root());
    let (site, _outside2) = marked(&format!("{up}/secret.svg"));
    let err = refused(&site, &[]);
    assert!(err.contains("is outside the site"), "{err}");
    // A path inside the site that leads out through a link.
    let (site, outside) = marked("static/elsewhere/secret.svg");
    std::os::unix::fs::symlink(outside.path(), site.root().join("static/elsewhere")).unwrap();
    let err = refused(&site, &[]);
    assert!(
        err.contains(&format!("--> site.toml:{line}:1"))
            && err.contains("leads outside the site")
            && !site.exists("favicon.svg"),
        "{err}"
    );
}

/// `to` relative to `from` (both absolute), as `../../…`.
fn pathdiff(to: &std::path::Path, from: &std::path::Path) -> String {
    let ups = from.components().count() - 1;
    format!(
        "{}{}",
        "../".repeat(ups),
        to.strip_prefix("/").unwrap().display()
    )
}

/// The basic fixture with English's `nav-arc` (line 14 of i18n/en.ftl) written as `line`.
fn with_nav_arc(line: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let ftl = site.read_source("i18n/en.ftl");
    assert!(ftl.lines().nth(13) == Some("nav-arc = The arc"), "line 14");
    site.write("i18n/en.ftl", &ftl.replace("nav-arc = The arc", line));
    site
}

#[test]
fn fluent_references_to_nothing_are_errors_at_their_place() {
    let site = with_nav_arc("nav-arc = The { -noterm } { nomsg } { FOO() } arc");
    let err = refused(&site, &[]);
    for (at, says) in [
        ("i18n/en.ftl:14:18", "`{ -noterm }` names no term"),
        ("i18n/en.ftl:14:29", "`{ nomsg }` names no message"),
        (
            "i18n/en.ftl:14:39",
            "`FOO()` is not a function `site` provides",
        ),
    ] {
        assert!(
            err.contains(&format!("--> {at}")) && err.contains(says),
            "{says}: {err}"
        );
    }
    // A near miss is named.
    let site = with_nav_arc("nav-arc = The { nav-arcs } arc");
    let err = refused(&site, &[]);
    assert!(err.contains("did you mean `{ nav-arc }`?"), "{err}");
}

#[test]
fn a_variable_a_message_is_not_given_is_an_error_at_its_line() {
    let site = with_nav_arc("nav-arc = The { $nope } arc");
    let err = refused(&site, &[]);
    assert!(
        err.contains("--> i18n/en.ftl:14:1")
            && err.contains("`nav-arc` uses the variable `$nope`, which it is not given")
            && err.contains("remove `{ $nope }`"),
        "{err}"
    );
    assert!(!site.exists("index.html"), "nothing is published");
    let check = site.site(&["check"]);
    assert!(
        !check.ok && check.stderr.contains("--> i18n/en.ftl:14:1"),
        "{}",
        check.stderr
    );
    // A variable the message is given is no error: `date-long` is given `$day`, `$month`, `$year`.
    let site = TestSite::fixture("basic");
    let ftl = site.read_source("i18n/en.ftl");
    assert!(ftl.contains("{ $day }"), "the shipped file uses variables");
    site.build(&[]);
}

#[test]
fn an_ftl_file_may_start_with_a_byte_order_mark() {
    let site = TestSite::fixture("basic");
    let ftl = site.read_source("i18n/en.ftl");
    site.write("i18n/en.ftl", &format!("\u{feff}{ftl}"));
    site.build(&[]);
    let page = site.output_text("en/index.html");
    assert!(!page.contains('\u{feff}'));
    assert!(page.contains("The arc"), "the messages are read");
}
