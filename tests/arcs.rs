//! Arcs as seasons: arcs back to back or declared after a break, each with its page and its own
//! week numbers; only weeks to come are "em breve"; a tag's texts in pages.

mod common;

use common::{attr, attrs, count, text, texts, TestSite};

fn essay(site: &TestSite, slug: &str, date: &str, tags: &str) {
    site.write(
        &format!("content/essays/{slug}.pt-BR.md"),
        &format!(
            "+++\ntitle = \"Ensaio {slug}\"\ndate = {date}\nsummary = \"Sobre {slug}.\"\ntags = [{tags}]\n+++\n\nUm parágrafo.\n"
        ),
    );
}

fn with_settings(site: &TestSite, extra: &str) {
    let toml = site.read_source("site.toml");
    let toml = toml.replace("[subscribe]", &format!("{extra}\n[subscribe]"));
    site.write("site.toml", &toml);
}

/// The slots of an arc table: (date, class) of every cell.
fn slots(doc: &scraper::Html) -> Vec<(String, String)> {
    let cell = scraper::Selector::parse(".arc-table td").unwrap();
    let time = scraper::Selector::parse("time").unwrap();
    doc.select(&cell)
        .map(|td| {
            let date = td
                .select(&time)
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .unwrap_or_default()
                .to_string();
            (
                date,
                td.value().attr("class").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn arcs_follow_back_to_back_each_with_its_page_and_its_weeks() {
    // Arcs of 4 weeks from 2025-08-05: arc 2 begins on 2025-09-02.
    let site = TestSite::fixture("basic");
    essay(&site, "segunda-temporada", "2025-09-09", "\"oficina\"");
    site.build(&["--now", "2025-09-10T12:00"]);

    let post = site.html("ensaios/segunda-temporada/index.html");
    assert!(
        text(&post, ".post-meta time").starts_with("Arco 2 · Semana 2 ·"),
        "{}",
        text(&post, ".post-meta time")
    );
    let first = site.html("ensaios/primeira/index.html");
    assert!(text(&first, ".post-meta time").starts_with("Arco 1 · Semana 1 ·"));

    for (page, number, weeks) in [("arco/1/index.html", 1, 4), ("arco/2/index.html", 2, 4)] {
        let doc = site.html(page);
        assert!(
            text(&doc, "h1.arc-title").starts_with(&format!("Arco {number} · ")),
            "{page}: {}",
            text(&doc, "h1.arc-title")
        );
        assert_eq!(count(&doc, ".arc-table tbody tr"), weeks, "{page}");
        assert_eq!(
            texts(&doc, ".arc-table tbody th")
                .iter()
                .map(|t| t.split_whitespace().next().unwrap().to_string())
                .collect::<Vec<_>>(),
            ["1", "2", "3", "4"],
            "{page}: week numbers restart in each arc"
        );
    }
    let arc2 = site.html("arco/2/index.html");
    assert!(texts(&arc2, ".arc-published a").contains(&"Ensaio segunda-temporada".to_string()));
    // The list of arcs, newest first, on every arc page; /arco/ is today's arc.
    let index = site.html("arco/index.html");
    assert_eq!(
        attrs(&index, ".arcs-list a", "href"),
        ["/arco/2/", "/arco/1/"]
    );
    assert_eq!(text(&index, "h1.arc-title"), text(&arc2, "h1.arc-title"));
    let home = site.html("index.html");
    assert_eq!(attr(&home, "#arc-title a", "href"), "/arco/2/");
    let en = site.html("en/arc/1/index.html");
    assert!(text(&en, "h1.arc-title").starts_with("Arc 1 · "));
    let sitemap = site.output_text("sitemap.xml");
    for loc in ["/arco/1/", "/arco/2/", "/en/arc/2/"] {
        assert!(
            sitemap.contains(&format!("https://caderno.example{loc}</loc>")),
            "{loc}"
        );
    }
}

#[test]
fn only_weeks_to_come_are_coming_soon() {
    let site = TestSite::fixture("basic");
    site.build(&["--now", "2025-08-20T12:00"]);
    let today = "2025-08-20";
    for page in ["index.html", "arco/index.html", "arco/1/index.html"] {
        let doc = site.html(page);
        let cells = slots(&doc);
        assert_eq!(cells.len(), 8, "{page}");
        for (date, class) in cells {
            let expected = if date.as_str() >= today {
                "arc-upcoming"
            } else {
                // Written, or gone by unwritten: never "em breve".
                if class == "arc-published" {
                    continue;
                }
                "arc-missed"
            };
            assert_eq!(class, expected, "{page}: the slot of {date}");
        }
        assert!(!text(&doc, ".arc-missed").is_empty());
    }
}

#[test]
fn an_arc_declared_after_a_break_with_a_title() {
    let site = TestSite::fixture("basic");
    with_settings(
        &site,
        "[[arcs]]\nstart = 2025-10-07\nweeks = 3\ntitle = { \"pt-BR\" = \"Segundo arco\", en = \"Second arc\" }\n",
    );
    // In the break: the home shows the arc just ended and when the next begins.
    site.build(&["--now", "2025-09-20T12:00"]);
    let home = site.html("index.html");
    assert_eq!(attr(&home, "#arc-title a", "href"), "/arco/1/");
    assert_eq!(
        text(&home, ".arc-next"),
        "O arco 2 começa em 7 de outubro de 2025."
    );
    assert!(
        !site.exists("arco/2/index.html"),
        "an arc to come has no page yet"
    );

    essay(&site, "depois", "2025-10-14", "");
    site.build(&["--now", "2025-10-15T12:00"]);
    let arc2 = site.html("arco/2/index.html");
    assert!(
        text(&arc2, "h1.arc-title").contains("Segundo arco"),
        "{}",
        text(&arc2, "h1.arc-title")
    );
    assert_eq!(count(&arc2, ".arc-table tbody tr"), 3);
    assert_eq!(attr(&arc2, ".arc-dates time", "datetime"), "2025-10-07");
    let en = site.html("en/arc/2/index.html");
    assert!(text(&en, "h1.arc-title").contains("Second arc"));
    let post = site.html("ensaios/depois/index.html");
    assert!(text(&post, ".post-meta time").starts_with("Arco 2 · Semana 2 ·"));
    // The break is no missed week: arc 1 lists its own four weeks only.
    assert_eq!(
        count(&site.html("arco/1/index.html"), ".arc-table tbody tr"),
        4
    );
}

#[test]
fn dates_between_arcs_and_arcs_that_overlap_are_errors() {
    let site = TestSite::fixture("basic");
    with_settings(&site, "[[arcs]]\nstart = 2025-10-07\n");
    essay(&site, "no-intervalo", "2025-09-16", "");
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("content/essays/no-intervalo.pt-BR.md:3:")
            && run.stderr.contains("falls between arc 1")
            && run.stderr.contains("arc 2 (which starts on 2025-10-07)"),
        "{}",
        run.stderr
    );

    for (start, says) in [
        ("2025-08-26", "before arc 1 ends"),
        ("2025-10-08", "which is not a tuesday"),
    ] {
        let site = TestSite::fixture("basic");
        with_settings(&site, &format!("[[arcs]]\nstart = {start}\n"));
        let run = site.site(&["build"]);
        assert!(!run.ok);
        assert!(
            run.stderr.contains("site.toml") && run.stderr.contains(says),
            "{start}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_tag_with_many_texts_is_split_in_pages_of_fifty() {
    let site = TestSite::fixture("basic");
    let toml = site.read_source("site.toml");
    site.write("site.toml", &toml.replace("weeks = 4", "weeks = 200"));
    let start = chrono::NaiveDate::from_ymd_opt(2025, 8, 19).unwrap();
    for i in 0..120u64 {
        let date = start + chrono::Days::new(7 * i);
        essay(&site, &format!("t{i:03}"), &date.to_string(), "\"madeira\"");
    }
    site.build(&["--now", "2028-01-01T12:00"]);
    let first = site.html("marcadores/madeira/index.html");
    let second = site.html("marcadores/madeira/2/index.html");
    let third = site.html("marcadores/madeira/3/index.html");
    assert_eq!(count(&first, ".text-list li"), 50);
    assert_eq!(count(&second, ".text-list li"), 50);
    assert_eq!(count(&third, ".text-list li"), 20);
    assert!(!site.exists("marcadores/madeira/4/index.html"));
    // Newest first, across the pages.
    assert_eq!(text(&first, ".text-list li a"), "Ensaio t119");
    assert_eq!(text(&third, ".text-list li a"), "Ensaio t019");
    assert_eq!(
        attr(&first, "a[rel=next]", "href"),
        "/marcadores/madeira/2/"
    );
    assert_eq!(count(&first, "a[rel=prev]"), 0);
    assert_eq!(attr(&second, "a[rel=prev]", "href"), "/marcadores/madeira/");
    assert_eq!(
        attr(&second, "a[rel=next]", "href"),
        "/marcadores/madeira/3/"
    );
    assert_eq!(count(&third, "a[rel=next]"), 0);
    assert_eq!(text(&second, ".pager-count"), "Página 2 de 3");
}

#[test]
fn the_shipped_site_today_shows_no_past_week_as_coming_soon() {
    let site = TestSite::shipped();
    site.build(&["--now", "2026-12-07T12:00"]);
    let mut seen = 0;
    for page in [
        "index.html",
        "arco/index.html",
        "arco/1/index.html",
        "en/index.html",
        "en/arc/1/index.html",
    ] {
        for (date, class) in slots(&site.html(page)) {
            seen += 1;
            if class == "arc-upcoming" {
                assert!(
                    date.as_str() >= "2026-12-07",
                    "{page}: {date} is coming soon"
                );
            }
        }
    }
    assert!(seen > 100);
    let arc1 = site.html("arco/1/index.html");
    assert_eq!(count(&arc1, ".arc-table tbody tr"), 27);
}

#[test]
fn no_page_grows_with_the_archive() {
    // Ten arcs of 27 weeks, an essay and a bulletin each week, every text carrying one tag: the
    // home showed all 270 weeks before arcs were seasons, and the tag page every text.
    let site = TestSite::fixture("basic");
    let toml = site.read_source("site.toml");
    site.write("site.toml", &toml.replace("weeks = 4", "weeks = 27"));
    for dir in ["content/essays", "content/bulletins"] {
        std::fs::remove_dir_all(site.root().join(dir)).unwrap();
    }
    let start = chrono::NaiveDate::from_ymd_opt(2025, 8, 5).unwrap();
    let body = "Um parágrafo de notas de campo, com uma [ligação](https://example.org/) e uma lista:\n\n- um\n- dois\n";
    for week in 0..270u64 {
        for (folder, offset, kind) in [("essays", 0, "ensaio"), ("bulletins", 3, "boletim")] {
            let date = start + chrono::Days::new(7 * week + offset);
            site.write(
                &format!("content/{folder}/{kind}-{week:03}.pt-BR.md"),
                &format!(
                    "+++\ntitle = \"{kind} da semana {week}\"\ndate = {date}\nsummary = \"O que a semana {week} trouxe.\"\ntags = [\"oficina\"]\n+++\n\n{body}"
                ),
            );
        }
    }
    let last = start + chrono::Days::new(7 * 270);
    site.build(&["--now", &format!("{last}T12:00")]);
    assert_eq!(count(&site.html("arco/index.html"), ".arcs-list li"), 11);
    let mut largest = (0, String::new());
    for file in common::files(&site.out()) {
        let rel = file.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let size = std::fs::metadata(site.out().join(&file)).unwrap().len();
        if size > largest.0 {
            largest = (size, rel.clone());
        }
        assert!(size <= 100 * 1024, "{rel} is {size} bytes");
    }
    let home = std::fs::metadata(site.out().join("index.html"))
        .unwrap()
        .len();
    assert!(home <= 60 * 1024, "the home is {home} bytes");
    assert!(largest.0 > 0, "{largest:?}");
}
