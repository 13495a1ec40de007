//! `site check`: every validation without writing output, internal links and anchors included.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use common::TestSite;

fn with_link(site: &TestSite, link: &str) {
    site.write(
        "content/essays/week3.md",
        &format!("+++\ntitle = \"T\"\ndate = 2025-08-19\nsummary = \"S\"\n+++\n\nFirst line.\n\nSee [this]({link}) too.\n"),
    );
}

#[test]
fn a_clean_site_checks_and_nothing_is_written() {
    let site = TestSite::fixture("basic");
    // A day of the first arc: the pages are the fixture's, not one more arc for every month since.
    let run = site.site(&["check", "--now", "2025-08-14T12:00"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("Checked 22 pages and"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("note: this text is only in en"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "check writes no output");
}

#[test]
fn a_broken_link_in_a_text_names_its_line() {
    let site = TestSite::fixture("basic");
    with_link(&site, "/ensaios/nao-existe/");
    let run = site.site(&["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("--> content/essays/week3.md:9:12"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the link `/ensaios/nao-existe/` on ensaios/week3/index.html goes nowhere"),
        "{}",
        run.stderr
    );
    // Both languages' pages of the text and both homes (the newest text in full) make the link:
    // it is one place in the source, so one error.
    assert!(run.stderr.contains("1 error,"), "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches("--> content/essays/week3.md:9:12")
            .count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_anchor_is_an_error_and_a_good_one_is_not() {
    let site = TestSite::fixture("basic");
    with_link(&site, "/ensaios/primeira/#medidas");
    assert!(site.site(&["check"]).ok);
    with_link(&site, "/ensaios/primeira/#nowhere");
    let run = site.site(&["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("has no element with id `nowhere`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_link_in_a_template_names_the_template() {
    let site = TestSite::fixture("basic");
    let arc = site.read_source("templates/arc.html").replace(
        "<section class=\"arc arc-page\">",
        "<section class=\"arc arc-page\"><a href=\"/lost/\">x</a>",
    );
    site.write("templates/arc.html", &arc);
    let run = site.site(&["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("--> templates/arc.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn external_sources_are_asked_only_with_the_flag() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let status = if request.contains("/gone") {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    let site = TestSite::fixture("basic");
    let bulletin = site
        .read_source("content/bulletins/boletim-um.pt-BR.md")
        .replace(
            "https://madeira.example/guia",
            &format!("http://{address}/ok"),
        )
        .replace(
            "https://serra.example/manual",
            &format!("http://{address}/gone"),
        );
    site.write("content/bulletins/boletim-um.pt-BR.md", &bulletin);
    assert!(site.site(&["check"]).ok, "no network without --external");
    let run = site.site(&["check", "--external"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains(&format!("the source http://{address}/gone answers 404")),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("/ok"), "{}", run.stderr);
}

#[test]
fn a_comment_naming_another_hour_than_publish_is_a_warning() {
    let site = TestSite::fixture("basic");
    site.write(
        ".github/workflows/publish.yml",
        "name: publish\non:\n  schedule:\n    # Runs shortly after 07:00 in America/Sao_Paulo.\n    - cron: \"15 0 * * *\"\njobs: {}\n",
    );
    let run = site.site(&["check"]);
    assert!(
        run.stderr.contains(
            "warning: the comment above the cron line does not name 00:00 in UTC, the publishing hour of site.toml's [publish]\n --> .github/workflows/publish.yml:4:1"
        ),
        "{}",
        run.stderr
    );
}

/// The publish workflow's daily run, as `site init` writes it, with `cron` as its schedule.
fn with_workflow(site: &TestSite, cron: &str) {
    site.write(
        ".github/workflows/publish.yml",
        &format!("name: publish\non:\n  push:\n  schedule:\n    # daily\n    - cron: \"{cron}\"\njobs: {{}}\n"),
    );
}

#[test]
fn a_workflow_out_of_step_with_the_publishing_hour_is_a_warning_naming_the_line_to_write() {
    let site = TestSite::fixture("basic");
    // In step: the fixture publishes at 00:00 UTC (no [publish]); 00:15 is shortly after.
    with_workflow(&site, "15 0 * * *");
    let run = site.site(&["check"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(!run.stderr.contains("publish.yml"), "{}", run.stderr);
    with_workflow(&site, "15 10 * * *");
    let toml = site.read_source("site.toml");
    let moved = toml.replace(
        "\n[subscribe]",
        "\n[publish]\ntimezone = \"Europe/Lisbon\"\ntime = \"18:00\"\n\n[subscribe]",
    );
    // 18:00 in Lisbon is 18:00 UTC in winter, 17:00 in summer: the cron stays at 10:15.
    site.write("site.toml", &moved);
    let run = site.site(&["check"]);
    assert!(run.ok, "a warning, not an error: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the workflow runs at `15 10 * * *` (UTC), not soon after 18:00 in Europe/Lisbon, the publishing hour of site.toml's [publish]: a scheduled text would go live late\n --> .github/workflows/publish.yml:6:13"
        ),
        "{}",
        run.stderr
    );
    // A run after 18:00 at each of Lisbon's offsets: 17:00 UTC in summer, 18:00 in winter.
    assert!(
        run.stderr.contains(
            "help: write `- cron: \"15 17,18 * * *\"`: every day at 17:15 and 18:15 UTC, shortly after 18:00 in Europe/Lisbon (18:00 UTC in January, 17:00 UTC in July)"
        ),
        "{}",
        run.stderr
    );
    // The line it names is in step; so is a run every hour. One run at the later offset is an
    // hour late in summer.
    with_workflow(&site, "15 18 * * *");
    assert!(site.site(&["check"]).stderr.contains("publish.yml:6:13"));
    for cron in ["15 17,18 * * *", "5 * * * *"] {
        with_workflow(&site, cron);
        let run = site.site(&["check"]);
        assert!(
            !run.stderr.contains("publish.yml"),
            "{cron}: {}",
            run.stderr
        );
    }
    // Running only on Mondays misses the essay day.
    with_workflow(&site, "15 17,18 * * 1");
    assert!(site
        .site(&["check"])
        .stderr
        .contains("warning: the workflow runs at `15 17,18 * * 1`"));
    // No schedule at all.
    site.write(".github/workflows/publish.yml", "name: publish\non: push\n");
    let run = site.site(&["check"]);
    assert!(
        run.stderr
            .contains("warning: the workflow has no daily schedule"),
        "{}",
        run.stderr
    );
}
