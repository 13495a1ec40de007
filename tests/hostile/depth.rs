//! Input that nests without end: Markdown (quotes, lists, HTML elements) and templates (include
//! loops, macros calling themselves). Every command that renders a text or a template answers with
//! an error at the file and line, never a stack overflow; and a heading never repeats an id the
//! templates use.

use std::collections::HashSet;

use super::*;
use crate::common::Run;

/// Deep bodies of every kind: 15 KB of quotes, 7,000 list levels, 15,000 HTML elements.
fn deep_bodies() -> Vec<(&'static str, String)> {
    let list: String = (0..7000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    vec![
        ("quotes", format!("{} deep\n", ">".repeat(15_000))),
        ("list", list),
        ("one-line list", format!("{}x\n", "- ".repeat(7000))),
        ("html", format!("{}x\n", "<div>".repeat(15_000))),
        ("inline html", format!("a {}x\n", "<span>".repeat(15_000))),
        // Opened and closed on one line: deep in the middle, level again at its end.
        (
            "closed html",
            format!("{}x{}\n", "<div>".repeat(7000), "</div>".repeat(7000)),
        ),
    ]
}

/// A run that failed cleanly, with the depth error at `at`.
fn refused(what: &str, run: &Run, at: &str) {
    assert!(!run.ok, "{what}: should fail\n{}", run.stdout);
    assert!(
        !run.stderr.contains("overflow") && !run.stderr.contains("panicked"),
        "{what}: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains(at) && run.stderr.contains("more than 64 levels deep"),
        "{what}: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: flatten it"),
        "{what}: {}",
        run.stderr
    );
}

#[test]
fn deep_markdown_is_refused_by_build_check_and_email() {
    for (kind, body) in deep_bodies() {
        let site = TestSite::fixture("basic");
        site.write(
            "content/essays/fundo.pt-BR.md",
            &fm("Fundo", "2025-08-19", &format!("\nIntro.\n\n{body}")),
        );
        let at = "content/essays/fundo.pt-BR.md:9:1";
        refused(&format!("{kind}: build"), &site.site(&["build"]), at);
        refused(&format!("{kind}: check"), &site.site(&["check"]), at);
        refused(
            &format!("{kind}: email"),
            &site.site(&["email", "fundo"]),
            at,
        );
    }
}

#[test]
fn deep_markdown_is_refused_by_send_dry_run() {
    for (kind, body) in deep_bodies() {
        let site = TestSite::fixture("sending");
        // No server: the text is refused before anything is asked of one.
        let toml = site
            .read_source("site.toml")
            .replace("@API_BASE@", "http://127.0.0.1:9/v1");
        site.write("site.toml", &toml);
        let file = "content/essays/pontes.pt-BR.md";
        let text = site.read_source(file);
        let line = text.lines().count() + 2;
        site.write(file, &format!("{text}\n{body}"));
        let run = site.site_with_env(
            &["send", "--now", "2026-02-01T10:00", "--dry-run"],
            &[("BUTTONDOWN_API_KEY", "k")],
        );
        refused(&format!("{kind}: send"), &run, &format!("{file}:{line}:1"));
    }
}

#[test]
fn nesting_a_real_text_reaches_builds_and_mails() {
    let site = TestSite::fixture("basic");
    let body = format!(
        "{}\n\n{} quoted\n\n<div><div><span>*a **b [c](/)***</span></div></div>\n",
        (0..12)
            .map(|i| format!("{}- item", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        "> ".repeat(20),
    );
    site.write(
        "content/essays/fundo.pt-BR.md",
        &fm("Fundo", "2025-08-19", &body),
    );
    site.build(&[]);
    let run = site.site(&["email", "fundo"]);
    assert!(run.ok, "{}", run.stderr);
}

/// `site build` and `site check` on the basic fixture with `files` written.
fn template_fails(files: &[(&str, &str)], expected: &[&str]) {
    let site = TestSite::fixture("basic");
    for (path, text) in files {
        site.write(path, text);
    }
    for command in ["build", "check"] {
        let run = site.site(&[command]);
        assert!(!run.ok, "{command} should fail");
        assert!(
            !run.stderr.contains("overflow") && !run.stderr.contains("panicked"),
            "{command}: {}",
            run.stderr
        );
        for want in expected {
            assert!(
                run.stderr.contains(want),
                "{command}: {want}\n{}",
                run.stderr
            );
        }
        assert!(run.stderr.contains("help: Tera follows"), "{}", run.stderr);
    }
}

#[test]
fn an_include_loop_is_an_error_at_the_include_that_closes_it() {
    let site = TestSite::fixture("basic");
    let footer = site.read_source("templates/partials/footer.html");
    template_fails(
        &[(
            "templates/partials/footer.html",
            &format!("{footer}\n{{% include \"partials/footer.html\" %}}\n"),
        )],
        &[
            "partials/footer.html includes itself",
            "--> templates/partials/footer.html:",
        ],
    );
    template_fails(
        &[
            (
                "templates/partials/footer.html",
                &format!("{footer}{{% include \"partials/a.html\" %}}"),
            ),
            (
                "templates/partials/a.html",
                "A\n\n  {% include \"partials/footer.html\" %}\n",
            ),
        ],
        &[
            "lead to one another in a loop",
            "partials/a.html → partials/footer.html",
        ],
    );
}

#[test]
fn a_macro_that_calls_itself_is_an_error_at_the_call() {
    let site = TestSite::fixture("basic");
    let macros = site.read_source("templates/partials/macros.html");
    let line = macros.lines().count() + 2;
    template_fails(
        &[(
            "templates/partials/macros.html",
            &format!("{macros}{{% macro again(n) %}}\n{{{{ self::again(n=n) }}}}\n{{% endmacro again %}}\n"),
        )],
        &[
            "the macro `again` of partials/macros.html calls itself",
            &format!("--> templates/partials/macros.html:{line}:4"),
        ],
    );
}

/// Every id of every HTML page under `public/`, each page's repeated ones reported.
fn repeated_ids(site: &TestSite) -> Vec<String> {
    let mut repeated = Vec::new();
    let mut pages = 0;
    for file in crate::common::files(&site.out()) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let doc = site.html(file.to_str().unwrap());
        let mut seen = HashSet::new();
        for id in attrs(&doc, "[id]", "id") {
            if !seen.insert(id.clone()) {
                repeated.push(format!("{}: {id}", file.display()));
            }
        }
    }
    assert!(pages > 10, "only {pages} pages");
    repeated
}

#[test]
fn headings_never_repeat_an_id_of_the_templates() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/fundo.pt-BR.md",
        &fm(
            "Fundo",
            "2025-08-19",
            "\n## Content\n\nx\n\n## Latest title {#latest-title}\n\n## Search input\n\n## Content\n",
        ),
    );
    site.build(&[]);
    assert_eq!(repeated_ids(&site), Vec::<String>::new());
    let page = site.html("ensaios/fundo/index.html");
    let ids = attrs(&page, "article h2", "id");
    assert_eq!(
        ids,
        ["content-1", "latest-title-1", "search-input-1", "content-2"]
    );
    // The link to a heading follows its id.
    assert_eq!(attr(&page, "#content-1 a", "href"), "#content-1");
    // The shipped site too.
    let shipped = TestSite::shipped();
    shipped.build(&[]);
    assert_eq!(repeated_ids(&shipped), Vec::<String>::new());
}
