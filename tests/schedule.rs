//! Scheduled publishing: a text dated ahead stays out of everything public until its hour in the
//! site's zone, seen from `--now`, `SOURCE_DATE_EPOCH` or the clock.

mod common;

use common::{attrs, count, text, texts, TestSite};

/// The fixture's essay `amanha` goes live on Tuesday 2026-01-13 at 07:00 in São Paulo (10:00 UTC).
const SLUG: &str = "amanha";

fn public_everywhere(site: &TestSite) -> Vec<String> {
    let mut found = Vec::new();
    for rel in ["ensaios/amanha/index.html", "en/essays/amanha/index.html"] {
        if site.exists(rel) {
            found.push(rel.to_string());
        }
    }
    for rel in [
        "index.html",
        "en/index.html",
        "arco/index.html",
        "en/arc/index.html",
    ] {
        if attrs(&site.html(rel), "a", "href")
            .iter()
            .any(|h| h.contains(SLUG))
        {
            found.push(format!("a link on {rel}"));
        }
    }
    for rel in ["feed.xml", "ensaios/feed.xml", "sitemap.xml"] {
        if site.output_text(rel).contains(SLUG) {
            found.push(rel.to_string());
        }
    }
    if attrs(
        &site.html("boletins/bancada-nova/index.html"),
        "a[rel=next]",
        "href",
    )
    .iter()
    .any(|h| h.contains(SLUG))
    {
        found.push("the neighbour link of the bulletin".into());
    }
    found
}

#[test]
fn a_text_dated_ahead_stays_out_until_its_hour() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", "2026-01-13T06:59"]);
    assert_eq!(public_everywhere(&site), Vec::<String>::new());
    let home = site.html("index.html");
    assert_eq!(text(&home, ".hero-counts"), "1 semana · 2 textos");
    let arc = site.html("arco/index.html");
    assert_eq!(
        count(&arc, "#w2 td.arc-upcoming"),
        2,
        "its slot is upcoming"
    );

    site.build(&["--now", "2026-01-13T07:00"]);
    let found = public_everywhere(&site);
    assert_eq!(found.len(), 10, "{found:?}");
    let home = site.html("index.html");
    assert_eq!(text(&home, ".hero-counts"), "2 semanas · 3 textos");
    assert_eq!(
        text(&home, ".latest .post-title"),
        "Um ensaio que sai na terça"
    );
    assert_eq!(
        count(&site.html("ensaios/amanha/index.html"), ".draft-label"),
        0
    );
}

#[test]
fn source_date_epoch_is_now_unless_now_is_given() {
    let site = TestSite::fixture("delivery");
    // 2026-01-13T09:59:00Z is 06:59 in São Paulo; 10:00Z is 07:00.
    let run = site.site_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "1768298340")]);
    assert!(run.ok, "{}", run.stderr);
    assert!(!site.exists("ensaios/amanha/index.html"));
    let run = site.site_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "1768298400")]);
    assert!(run.ok, "{}", run.stderr);
    assert!(site.exists("ensaios/amanha/index.html"));
    let run = site.site_with_env(
        &["build", "--now", "2026-01-12T12:00"],
        &[("SOURCE_DATE_EPOCH", "1768298400")],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(!site.exists("ensaios/amanha/index.html"), "--now wins");
    // The clock (late 2026 or after) has long passed it.
    site.build(&[]);
    assert!(site.exists("ensaios/amanha/index.html"));
}

#[test]
fn a_bad_now_is_an_error_that_says_how_to_write_it() {
    let site = TestSite::fixture("delivery");
    let run = site.site(&["build", "--now", "terça de manhã"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--now"), "{}", run.stderr);
    assert!(run.stderr.contains("YYYY-MM-DDTHH:MM"), "{}", run.stderr);
    let run = site.site_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "ontem")]);
    assert!(!run.ok);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
    let config = site
        .read_source("site.toml")
        .replace("America/Sao_Paulo", "America/Sao_Paolo");
    site.write("site.toml", &config);
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("site.toml:15")
            && run.stderr.contains("did you mean `America/Sao_Paulo`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn drafts_preview_shows_scheduled_texts_marked_and_unindexed() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", "2026-01-12T12:00", "--drafts"]);
    let page = site.html("ensaios/amanha/index.html");
    assert_eq!(
        text(&page, ".draft-label"),
        "Agendado para 13 de janeiro de 2026, às 07:00"
    );
    assert_eq!(
        common::attr(&page, "meta[name=robots]", "content"),
        "noindex"
    );
    assert_eq!(
        texts(&site.html("en/essays/amanha/index.html"), ".draft-label"),
        vec!["Scheduled for January 13, 2026, at 07:00"]
    );
}

#[test]
fn two_builds_at_the_same_now_are_byte_identical() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", "2026-01-20T08:00", "--output", "one"]);
    site.build(&["--now", "2026-01-20T08:00", "--output", "two"]);
    let (one, two) = (site.root().join("one"), site.root().join("two"));
    assert!(common::assert_same_files(&one, &two) > 20);
}

/// The publish workflow's daily run comes shortly after the shipped site's publishing hour, in UTC,
/// whatever the season.
#[test]
fn the_daily_publish_run_follows_the_publishing_hour() {
    use chrono::{NaiveDate, Timelike};
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let workflow = std::fs::read_to_string(repo.join(".github/workflows/publish.yml")).unwrap();
    let cron = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("- cron:"))
        .expect("publish.yml runs on a schedule")
        .trim()
        .trim_matches('"')
        .to_string();
    let fields: Vec<&str> = cron.split_whitespace().collect();
    assert_eq!(&fields[2..], ["*", "*", "*"], "daily: {cron}");
    let run_at = fields[1].parse::<u32>().unwrap() * 60 + fields[0].parse::<u32>().unwrap();
    let config: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo.join("site.toml")).unwrap()).unwrap();
    let schedule = fieldnotes::schedule::Schedule::new(
        config["publish"]["timezone"].as_str().unwrap(),
        config["publish"]["time"].as_str().unwrap(),
    )
    .unwrap();
    for (month, day) in [(1, 15), (7, 15)] {
        let live = schedule
            .goes_live(NaiveDate::from_ymd_opt(2026, month, day).unwrap())
            .with_timezone(&chrono::Utc);
        let live_at = live.hour() * 60 + live.minute();
        assert!(
            run_at >= live_at && run_at <= live_at + 60,
            "cron `{cron}` should run within an hour after {live} (month {month})"
        );
    }
}

#[test]
fn a_given_now_before_the_arc_is_refused_by_build_and_check() {
    let site = TestSite::fixture("basic");
    site.build(&["--now", "2025-08-20T12:00"]);
    let before = site.output_text("index.html");
    let run = site.site_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "-5")]);
    assert!(!run.ok, "an empty 1969 site is not built");
    assert!(
        run.stderr.contains(
            "error: now is 1969-12-31 (SOURCE_DATE_EPOCH=-5), before the arc starts on 2025-08-05"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> SOURCE_DATE_EPOCH"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("git log -1 --format=%ct"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.output_text("index.html"),
        before,
        "the output is untouched"
    );
    for command in ["build", "check"] {
        let run = site.site(&[command, "--now", "2025-08-04T12:00"]);
        assert!(!run.ok, "{command}");
        assert!(
            run.stderr
                .contains("now is 2025-08-04 (--now 2025-08-04T12:00), before the arc starts"),
            "{command}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("e.g. `--now 2025-08-05T12:00`"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(site.output_text("index.html"), before);
}

#[test]
fn the_desk_warns_about_a_given_now_before_the_arc() {
    let site = TestSite::fixture("basic");
    let run = site.site_with_env(&["status", "--json"], &[("SOURCE_DATE_EPOCH", "-5")]);
    assert!(run.ok, "a warning only: {}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: now is 1969-12-31 (SOURCE_DATE_EPOCH=-5)"),
        "{}",
        run.stderr
    );
    let desk: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(desk["current_week"], serde_json::Value::Null);
    assert_eq!(desk["problems"][0]["severity"], "warning");
    assert_eq!(desk["problems"][0]["file"], "SOURCE_DATE_EPOCH");
    let run = site.site(&[
        "new",
        "essay",
        "--title",
        "Antes",
        "--now",
        "2025-07-01T09:00",
    ]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: now is 2025-07-01"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("The site has the errors"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("Created content/essays/antes.pt-BR.md (week 3, Tuesday 2025-08-19"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_site_whose_arc_has_not_started_builds_with_a_warning() {
    let site = TestSite::fixture("basic");
    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    // The first Tuesday of 2999: long after the clock.
    let start = (1..=7)
        .map(|d| chrono::NaiveDate::from_ymd_opt(2999, 1, d).unwrap())
        .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Tue)
        .unwrap();
    let config = site
        .read_source("site.toml")
        .replace("start = 2025-08-05", &format!("start = {start}"));
    site.write("site.toml", &config);
    let run = site.build(&[]);
    assert!(
        run.stderr.contains(&format!(
            "before the arc starts on {start}: no text is published yet"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> site.toml"), "{}", run.stderr);
    assert!(site.exists("index.html"));
}

/// Every `<loc>` of the sitemap and every item link of every feed, with where it was found.
fn listed(site: &TestSite) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let sitemap = site.output_text("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    for node in doc.descendants() {
        if node.has_tag_name("loc") || node.has_tag_name("link") {
            let url = node.text().or(node.attribute("href")).unwrap_or_default();
            out.push(("sitemap.xml".to_string(), url.to_string()));
        }
    }
    for rel in [
        "feed.xml",
        "ensaios/feed.xml",
        "boletins/feed.xml",
        "en/feed.xml",
        "en/essays/feed.xml",
        "en/bulletins/feed.xml",
    ] {
        for item in site.feed(rel).items {
            out.push((rel.to_string(), item.link));
        }
    }
    out
}

#[test]
fn a_drafts_preview_keeps_drafts_and_scheduled_texts_out_of_the_sitemap_and_feeds() {
    let site = TestSite::fixture("delivery");
    site.write(
        "content/bulletins/rascunho.pt-BR.md",
        "+++\ntitle = \"Um rascunho\"\ndate = 2026-01-16\nsummary = \"Em obras.\"\ntags = [\"obras\"]\ndraft = true\n+++\n\nAinda não.\n",
    );
    site.build(&["--now", "2026-01-12T12:00", "--drafts"]);
    // They are pages of the preview, marked and unindexed…
    for page in ["ensaios/amanha/index.html", "boletins/rascunho/index.html"] {
        assert_eq!(
            common::attr(&site.html(page), "meta[name=robots]", "content"),
            "noindex",
            "{page}"
        );
    }
    assert!(site.exists("marcadores/obras/index.html"));
    // …and nothing a crawler or a feed reader is handed.
    let everything = listed(&site);
    assert!(everything.len() > 10, "{everything:?}");
    for (rel, url) in &everything {
        for unpublished in ["amanha", "rascunho", "obras"] {
            assert!(!url.contains(unpublished), "{rel} lists {url}");
        }
    }
    let sitemap = site.output_text("sitemap.xml");
    assert!(
        sitemap.contains("/ensaios/figuras/"),
        "live texts stay listed"
    );
    // The same site built without --drafts lists exactly the same.
    let public = TestSite::fixture("delivery");
    public.build(&["--now", "2026-01-12T12:00"]);
    assert_eq!(listed(&public), everything);
}

#[test]
fn a_link_to_a_scheduled_text_says_when_it_goes_live() {
    let site = TestSite::fixture("delivery");
    let bulletin = site
        .read_source("content/bulletins/bancada-nova.pt-BR.md")
        .replace(
            "Fim da semana.",
            "Fim da semana. Na terça, [o ensaio](/ensaios/amanha/).",
        );
    site.write("content/bulletins/bancada-nova.pt-BR.md", &bulletin);
    let line = bulletin
        .lines()
        .position(|l| l.contains("o ensaio"))
        .unwrap()
        + 1;
    let run = site.site(&["build", "--now", "2026-01-10T09:00"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(&format!("--> content/bulletins/bancada-nova.pt-BR.md:{line}:"))
            && run.stderr.contains("leads to content/essays/amanha.pt-BR.md, which is scheduled: it goes live on 2026-01-13 at 07:00 (America/Sao_Paulo)")
            && run.stderr.contains("`site build --now 2026-01-13T07:00`"),
        "{}",
        run.stderr
    );
    // Once it is live, the link is fine.
    site.build(&["--now", "2026-01-13T07:00"]);
    // A link to a draft says it is one.
    let draft = site
        .read_source("content/essays/amanha.pt-BR.md")
        .replace("+++\n\nEste", "draft = true\n+++\n\nEste");
    site.write("content/essays/amanha.pt-BR.md", &draft);
    let run = site.site(&["build", "--now", "2026-01-20T09:00"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("leads to content/essays/amanha.pt-BR.md, which is a draft (`draft = true`)"),
        "{}",
        run.stderr
    );
    // `site check` says the same.
    let run = site.site(&["check", "--now", "2026-01-20T09:00"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("which is a draft"), "{}", run.stderr);
}

#[test]
fn the_build_summary_says_what_it_left_out_until_its_hour() {
    let site = TestSite::fixture("delivery");
    // amanha.pt-BR.md goes live on Tuesday 2026-01-13 at 07:00 in São Paulo.
    let run = site.build(&["--now", "2026-01-10T12:00"]);
    assert!(
        run.stdout
            .contains("\n1 text scheduled, next: Tuesday 13 January at 07:00\n"),
        "{}",
        run.stdout
    );
    // A second text, in two languages, a week later: two texts; the first still next.
    for (lang, title) in [("pt-BR", "Depois"), ("en", "Later")] {
        site.write(
            &format!("content/essays/depois.{lang}.md"),
            &format!(
                "+++\ntitle = \"{title}\"\ndate = 2026-01-20\nsummary = \"S\"\n+++\n\nText.\n"
            ),
        );
    }
    let run = site.build(&["--now", "2026-01-10T12:00"]);
    assert!(
        run.stdout
            .contains("\n2 texts scheduled, next: Tuesday 13 January at 07:00\n"),
        "{}",
        run.stdout
    );
    // In another year than "now", the year is said.
    site.write(
        "content/essays/ano-novo.pt-BR.md",
        "+++\ntitle = \"Ano novo\"\ndate = 2027-01-05\nsummary = \"S\"\n+++\n\nTexto.\n",
    );
    let run = site.build(&["--now", "2026-12-20T12:00"]);
    assert!(
        run.stdout
            .contains("\n1 text scheduled, next: Tuesday 5 January 2027 at 07:00\n"),
        "{}",
        run.stdout
    );
    // Once they are live, or with --drafts (nothing is left out), no such line.
    for args in [
        &["--now", "2027-01-06T12:00"][..],
        &["--now", "2026-01-10T12:00", "--drafts"],
    ] {
        let run = site.build(args);
        assert!(
            !run.stdout.contains("scheduled"),
            "{args:?}: {}",
            run.stdout
        );
    }
}
