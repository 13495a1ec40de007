//! Property-based fuzzing (proptest) of two places untrusted text enters: a content file (front
//! matter + Markdown + blocks → HTML) and serve's request-path resolver; and that no command
//! aborts on a text nested without end. What a writer types at the
//! desk and in `site.toml` is fuzzed in `fuzz_desk.rs`.
//!
//! `cargo test --release --test fuzz` runs a short pass of each target; `FUZZ_SECONDS=600 cargo test
//! --release --test fuzz -- --nocapture` keeps each target going for ten minutes and prints how many
//! inputs it tried. A failing input is shrunk by proptest and printed; add it to the regressions below.

mod common;
#[path = "common/fuzz.rs"]
mod runner;

use std::path::{Component, Path, PathBuf};

use chrono::{NaiveDate, Weekday};
use fieldnotes::arc::Calendar;
use fieldnotes::content::load::{SourceFile, SourceRef};
use fieldnotes::content::markdown::{Env, Target};
use fieldnotes::content::Kind;
use fieldnotes::highlight::Highlighter;
use fieldnotes::schedule::{Publishing, Schedule};
use fieldnotes::site::parse_post;
use fieldnotes::url::request_path as resolve;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use runner::{fuzz, fuzz_cases};

fn arc() -> Calendar {
    Calendar::new(
        NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
        27,
        Weekday::Tue,
        Weekday::Fri,
    )
}

fn publishing() -> Publishing {
    Publishing {
        schedule: Schedule::default(),
        now: chrono::Utc::now(),
    }
}

/// Lines that a content file is made of: fences, keys, dates, Markdown and blocks, and noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++".to_string()),
        Just(":::".to_string()),
        Just("```".to_string()),
        Just("~~~~".to_string()),
        Just(String::new()),
        "(title|summary|tags|draft|updated|date|tittle|url) = \"[^\"\\n]{0,12}\"",
        "date = 20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        Just("date = 2025-08-19".to_string()),
        Just("[[sources]]".to_string()),
        "::: ?(signal|frame|quote|) ?[^\\n]{0,10}",
        "(#{1,6}|-|\\*|1\\.|>|\\|) ?[^\\n]{0,20}",
        "```(rust|python|js|x|)",
        "\\[\\^[a-z0-9]{1,3}\\]:? ?[^\\n]{0,10}",
        "[^\\n]{0,30}",
        "\\PC{0,20}",
    ]
}

fn content_file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..40),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.6),
    )
        .prop_map(|(lines, crlf, bom, well_formed_head)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            if well_formed_head {
                text.push_str(
                    &[
                        "+++",
                        "title = \"T\"",
                        "date = 2025-08-19",
                        "summary = \"S\"",
                        "+++",
                        "",
                    ]
                    .join(eol),
                );
            }
            text.push_str(&lines.join(eol));
            text
        })
}

fn check_content(text: String) -> Result<(), TestCaseError> {
    let file = SourceFile {
        source: SourceRef {
            kind: Kind::Essay,
            slug: "fuzz".into(),
            lang: 0,
            path: PathBuf::from("content/essays/fuzz.md"),
        },
        text: text.trim_start_matches('\u{feff}').to_string(),
    };
    let highlighter = Highlighter::default();
    let lines = file.text.lines().count().max(1);
    let env = Env {
        highlighter: &highlighter,
        base_path: "",
        base_url: "",
        assets: &[],
        reserved_ids: &Default::default(),
    };
    match parse_post(&file, &arc(), &publishing(), &env, Target::Page) {
        Ok(post) => {
            let html = post.body.html.as_deref().unwrap_or_default();
            for (open, close) in [
                ("<aside class=\"block-signal\">", "</aside>"),
                ("<figure class=\"block-frame\">", "</figure>"),
            ] {
                prop_assert_eq!(
                    html.matches(open).count(),
                    html.matches(close).count(),
                    "unbalanced block in {}",
                    html
                );
            }
            prop_assert!(
                !html.contains("<!--fieldnotes-block"),
                "a block marker leaked: {}",
                html
            );
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for d in problems {
                prop_assert!(
                    d.line <= lines + 1,
                    "line {} of {} in {:?}",
                    d.line,
                    lines,
                    d.message
                );
                prop_assert!(!d.message.is_empty());
            }
        }
    }
    Ok(())
}

#[test]
fn fuzz_content_files() {
    assert!(fuzz("content", content_file(), check_content) > 0);
}

fn url() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("/".to_string()),
        Just("..".to_string()),
        Just(".".to_string()),
        Just("%2e".to_string()),
        Just("%2E%2e".to_string()),
        Just("%2f".to_string()),
        Just("%5C".to_string()),
        Just("\\".to_string()),
        Just("%00".to_string()),
        Just("%".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        "%[0-9a-fA-F]{2}",
        "[a-z0-9._-]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..16).prop_map(|parts| parts.concat())
}

fn check_resolve(url: String) -> Result<(), TestCaseError> {
    if let Some(key) = resolve(&url) {
        prop_assert!(
            !key.starts_with('/') && !key.contains('\\') && !key.contains('\0'),
            "{:?} -> {:?}",
            url,
            key
        );
        let joined = Path::new("/site").join(&key);
        prop_assert!(joined.starts_with("/site"), "{:?} -> {:?}", url, key);
        prop_assert!(
            Path::new(&key)
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "{:?} -> {:?} has a non-plain component",
            url,
            key
        );
    }
    Ok(())
}

#[test]
fn fuzz_serve_path_resolver() {
    assert!(fuzz("resolve", url(), check_resolve) > 0);
}

/// Inputs the fuzzers found, kept as regressions.
#[test]
fn regressions() {
    for text in [
        // A block opener as the very last line, without a newline.
        "+++\ntitle = \"T\"\ndate = 2025-08-19\nsummary = \"S\"\n+++\n::: signal",
        // An unknown block closed, then a stray closer.
        "+++\ntitle = \"T\"\ndate = 2025-08-19\nsummary = \"S\"\n+++\n::: x\n:::\n:::",
        // A heading of only punctuation gets an id all the same.
        "+++\ntitle = \"T\"\ndate = 2025-08-19\nsummary = \"S\"\n+++\n## ???\n## ???",
    ] {
        check_content(text.to_string()).unwrap();
    }
    for url in ["/%", "/%2", "/..%2F", "/a/./../b", "/%C0%AE%C0%AE/"] {
        check_resolve(url.to_string()).unwrap();
    }
}

/// The ways a text nests: (before, after) what it wraps. The first three open Markdown blocks and
/// go before the line; the others wrap its text.
const NESTERS: [(&str, &str); 8] = [
    ("> ", ""),
    ("- ", ""),
    ("1. ", ""),
    ("*", "*"),
    ("**", "**"),
    ("[", "](/)"),
    ("<div>", "</div>"),
    ("<span>", "</span>"),
];

/// A body nested deep: one kind many times over, or a mix; or a list indented line after line.
fn deep_body() -> impl Strategy<Value = String> {
    let wrap = |kinds: Vec<usize>| {
        let blocks: String = kinds
            .iter()
            .filter(|&&k| k < 3)
            .map(|&k| NESTERS[k].0)
            .collect();
        let open: String = kinds
            .iter()
            .filter(|&&k| k >= 3)
            .map(|&k| NESTERS[k].0)
            .collect();
        let close: String = kinds
            .iter()
            .rev()
            .filter(|&&k| k >= 3)
            .map(|&k| NESTERS[k].1)
            .collect();
        format!("{blocks}{open}x{close}\n")
    };
    prop_oneof![
        (0..NESTERS.len(), 0..20_000usize).prop_map(move |(k, n)| wrap(vec![k; n])),
        prop::collection::vec(0..NESTERS.len(), 0..3000).prop_map(wrap),
        (0..8000usize).prop_map(|n| (0..n).map(|i| format!("{}- x\n", "  ".repeat(i))).collect()),
    ]
}

/// Every command that renders a text, on the `sending` fixture with `body` in one of its texts:
/// each ends with 0 or with 1 and an error, never by a signal (a stack overflow aborts).
#[test]
fn no_command_aborts_on_deep_nesting() {
    use std::process::Command;
    let site = common::TestSite::fixture("sending");
    // No server answers: `send` fails cleanly after rendering, which is all this asks of it.
    let toml = site
        .read_source("site.toml")
        .replace("@API_BASE@", "http://127.0.0.1:9/v1");
    site.write("site.toml", &toml);
    let file = "content/essays/pontes.pt-BR.md";
    let original = site.read_source(file);
    let commands: [&[&str]; 4] = [
        &["build"],
        &["check"],
        &["email", "pontes"],
        &["send", "--now", "2026-02-01T10:00", "--dry-run"],
    ];
    fuzz_cases("deep", 6, deep_body(), |body| {
        site.write(file, &format!("{original}\n{body}"));
        for args in commands {
            let out = Command::new(env!("CARGO_BIN_EXE_site"))
                .arg("--root")
                .arg(site.root())
                .args(args)
                .env("NO_COLOR", "1")
                .env("BUTTONDOWN_API_KEY", "k")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            prop_assert!(
                code == Some(0) || (code == Some(1) && stderr.contains("error")),
                "{:?} ended with {:?}: {}",
                args,
                out.status,
                stderr.chars().take(2000).collect::<String>()
            );
        }
        Ok(())
    });
}
