//! Property-based fuzzing (proptest) of what a writer types at the desk: `site new`'s kind, title,
//! slug, week and language, `--translate`'s path, `site email`'s text name, `site status`'s "now",
//! and `site.toml`'s values. Never a panic; every error names a file, and a line when it comes from
//! one; whatever `site new` writes, the tool reads back.
//!
//! Run as `fuzz.rs` is (`FUZZ_SECONDS=600 cargo test --release --test fuzz_desk -- --nocapture`).

#[path = "common/fuzz.rs"]
mod runner;

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Weekday};
use common::TestSite;
use fieldnotes::config::Config;
use fieldnotes::content::front_matter;
use fieldnotes::desk::names;
use fieldnotes::desk::new::{self, Request};
use fieldnotes::desk::translate;
use fieldnotes::diagnostics::Diagnostic;
use fieldnotes::email;
use fieldnotes::schedule::{Now, Schedule};
use fieldnotes::site::desk::Desk;
use fieldnotes::site::load::{load, load_lenient, Selection};
use fieldnotes::view::Tools;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use runner::fuzz_cases;

/// The basic fixture's "now": Wednesday of its week 2.
fn now() -> Now {
    Now::parse("2025-08-13T12:00").unwrap()
}

/// Every error names a file and says something; when it comes from a file of `lines` lines, it
/// names a line of it (or the end of the file, after its last line break).
fn named(problems: &[Diagnostic], lines: Option<usize>) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty());
    for d in problems {
        prop_assert!(!d.file.as_os_str().is_empty(), "no file: {:?}", d);
        prop_assert!(!d.message.is_empty(), "no message: {:?}", d);
        if let Some(lines) = lines {
            prop_assert!(
                d.line >= 1 && d.line <= lines + 1,
                "line {} of {}: {:?}",
                d.line,
                lines,
                d
            );
        }
    }
    Ok(())
}

/// Titles: words, accents, long runs, control characters and anything else.
fn title() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "\\PC{0,40}".prop_map(Some),
        "[A-Za-zçãéô0-9 :?!—“”-]{0,40}".prop_map(Some),
        "( ?[a-zà-ú]{1,14}){20,180}".prop_map(Some),
        any::<String>().prop_map(Some),
    ]
}

fn week() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        Just(None),
        (-3i64..12).prop_map(Some),
        (20i64..40).prop_map(Some),
        any::<i64>().prop_map(Some),
    ]
}

/// `--arc`: none, the first arcs, the last ones a date can hold (the fixture's arcs are 4 weeks),
/// and anything.
fn arc() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        Just(None),
        (-1i64..6).prop_map(Some),
        (104_000i64..104_030).prop_map(Some),
        any::<i64>().prop_map(Some),
    ]
}

#[test]
fn fuzz_new_text() {
    let site = TestSite::fixture("basic");
    let root = site.root();
    let loaded = load_lenient(root, &Selection::desk(now())).unwrap();
    let interface = loaded.interface.as_ref().unwrap();
    let strategy = (
        prop_oneof![
            Just("essay".to_string()),
            Just("bulletin".to_string()),
            "\\PC{0,9}"
        ],
        title(),
        prop_oneof![
            Just(None),
            "[a-z0-9-]{0,80}".prop_map(Some),
            Just(Some("primeira".to_string())),
            "\\PC{0,12}".prop_map(Some),
        ],
        (arc(), week()),
        prop_oneof![
            Just("pt-BR".to_string()),
            Just("en".to_string()),
            "\\PC{0,6}"
        ],
    );
    fuzz_cases(
        "new",
        256,
        strategy,
        |(kind, title, slug, (arc, week), lang)| {
            let request = new::kind_named(&kind).and_then(|kind| {
                Ok(Request {
                    kind,
                    title: title.clone(),
                    slug: slug.clone(),
                    lang: new::language_named(&loaded.site.config, &lang)?,
                    arc,
                    week,
                })
            });
            let made = request
                .map_err(|d| vec![d])
                .and_then(|r| new::create(root, &loaded.site, interface, &r));
            match made {
                Ok(created) => {
                    let text = site.read_source(created.path.to_str().unwrap());
                    std::fs::remove_file(root.join(&created.path)).unwrap();
                    // The tool reads back what it wrote: its front matter, date and week.
                    let split = front_matter::split(&created.path, &text).map_err(|d| {
                        TestCaseError::fail(format!("{}: {d:?}", created.path.display()))
                    })?;
                    let front = front_matter::parse(&created.path, split.front, split.front_line)
                        .map_err(|d| TestCaseError::fail(format!("{text}\n{d:?}")))?;
                    prop_assert_eq!(front.date, created.slot.date);
                    prop_assert_eq!(loaded.site.arc.week_of(front.date), Some(created.slot.week));
                    if let (Some(arc), Some(week)) = (arc, week) {
                        prop_assert_eq!(
                            (arc, week),
                            (
                                i64::from(created.slot.arc),
                                i64::from(created.slot.arc_week)
                            )
                        );
                    }
                    if let Some(title) = &title {
                        prop_assert_eq!(&front.title, title.trim());
                    }
                    let name = created.path.file_name().unwrap().to_str().unwrap();
                    prop_assert!(
                        name.len() <= fieldnotes::slug::MAX_LEN + ".pt-BR.md".len(),
                        "{}",
                        name
                    );
                }
                Err(problems) => named(&problems, None)?,
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_translate_path() {
    let site = TestSite::fixture("basic");
    let root = site.root();
    let loaded = load_lenient(root, &Selection::desk(now())).unwrap();
    let interface = loaded.interface.as_ref().unwrap();
    let absolute = root.to_str().unwrap().to_string();
    let piece = prop_oneof![
        Just("content".to_string()),
        Just("essays".to_string()),
        Just("bulletins".to_string()),
        Just("..".to_string()),
        Just(".".to_string()),
        Just(String::new()),
        Just("boletim-um.pt-BR.md".to_string()),
        Just("primeira.en.md".to_string()),
        Just("boletim-um".to_string()),
        Just(absolute),
        "[a-z.-]{1,10}(\\.md)?",
        "\\PC{1,6}",
    ];
    let typed = (prop::collection::vec(piece, 1..6), any::<bool>())
        .prop_map(|(parts, lead)| format!("{}{}", if lead { "/" } else { "" }, parts.join("/")));
    let lang = prop_oneof![
        Just(None),
        Just(Some("en")),
        Just(Some("pt-BR")),
        Just(Some("fr"))
    ];
    fuzz_cases("translate", 256, (typed, lang), |(typed, lang)| {
        match translate::translate(root, &loaded.site, interface, &typed, lang, None) {
            Ok(created) => {
                let text = site.read_source(created.path.to_str().unwrap());
                std::fs::remove_file(root.join(&created.path)).unwrap();
                let split = front_matter::split(&created.path, &text).unwrap();
                prop_assert!(
                    front_matter::parse(&created.path, split.front, split.front_line).is_ok()
                );
            }
            Err(problems) => named(&problems, None)?,
        }
        Ok(())
    });
}

#[test]
fn fuzz_email_text_name() {
    let site = TestSite::fixture("basic");
    let root = site.root();
    let selection = Selection {
        base_url: None,
        drafts: true,
        now: now(),
        keep_bodies: false,
    };
    let loaded = load(root, &selection).unwrap();
    let tools = Tools::new(&loaded.interface, &loaded.highlighter, root);
    let piece = prop_oneof![
        Just("primeira".to_string()),
        Just("boletim-um".to_string()),
        Just("essays".to_string()),
        Just("bulletin".to_string()),
        Just("ensaios".to_string()),
        Just("en".to_string()),
        Just("content".to_string()),
        Just("..".to_string()),
        Just("primeira.pt-BR.md".to_string()),
        "\\PC{0,8}",
    ];
    let name = (prop::collection::vec(piece, 1..5), any::<bool>())
        .prop_map(|(parts, lead)| format!("{}{}", if lead { "/" } else { "" }, parts.join("/")));
    let lang = prop_oneof![
        Just(None),
        Just(Some("en".to_string())),
        Just(Some("pt-BR".to_string())),
        "\\PC{0,4}".prop_map(Some),
    ];
    fuzz_cases("email", 256, (name, lang), |(name, lang)| {
        match names::find(&loaded.site, root, &name, "site email") {
            Ok(index) => {
                prop_assert!(index < loaded.site.texts.len());
                match email::editions(&tools, &loaded.site, index, lang.as_deref()) {
                    Ok(made) => prop_assert!(!made.editions.is_empty()),
                    Err(problems) => named(&problems, None)?,
                }
            }
            Err(d) => named(&[d], None)?,
        }
        Ok(())
    });
}

/// A "now" as typed (`--now`) or as SOURCE_DATE_EPOCH gives it.
fn typed_now() -> impl Strategy<Value = Result<Now, String>> {
    prop_oneof![
        "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}(T[0-9]{1,2}:[0-9]{1,2})?".prop_map(|t| Now::parse(&t)),
        "\\PC{0,20}".prop_map(|t| Now::parse(&t)),
        any::<i64>().prop_map(|s| DateTime::from_timestamp(s, 0)
            .map(Now::At)
            .ok_or_else(|| "out of range".to_string())),
        (-100_000_000_000i64..300_000_000_000)
            .prop_map(|s| Ok(Now::At(DateTime::from_timestamp(s, 0).unwrap()))),
    ]
}

#[test]
fn fuzz_status_desk() {
    let site = TestSite::fixture("basic");
    let loaded = load_lenient(site.root(), &Selection::desk(now())).unwrap();
    let zones = [
        "UTC",
        "America/Sao_Paulo",
        "Pacific/Kiritimati",
        "Etc/GMT+12",
    ];
    let strategy = (
        typed_now(),
        0..zones.len(),
        (1u32..=5200, 0i64..3_650_000, 0u8..7),
    );
    fuzz_cases(
        "status",
        256,
        strategy,
        |(now, zone, (weeks, day, bulletin))| {
            let Ok(now) = now else {
                return Ok(());
            };
            let mut site = loaded.site.clone();
            let start = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Days::new(day as u64);
            site.arc.start = start;
            site.arc.weeks = weeks;
            site.arc.essay_weekday = chrono::Datelike::weekday(&start);
            site.arc.bulletin_weekday = Weekday::try_from(bulletin).unwrap();
            // An arc `site.toml` accepts: its last week on or before the last date a text can carry.
            if [
                fieldnotes::content::Kind::Essay,
                fieldnotes::content::Kind::Bulletin,
            ]
            .iter()
            .any(|&k| site.arc.last_week(k) < weeks)
            {
                return Ok(());
            }
            let schedule = Schedule::new(zones[zone], "07:00").unwrap();
            site.publishing.schedule = schedule;
            site.publishing.now = schedule.instant(now);
            let desk = Desk::new(&site);
            prop_assert!(serde_json::to_string(&desk).is_ok());
            Ok(())
        },
    );
}

/// Values a key of `site.toml` may be given.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\"\\PC{0,12}\"",
        "\"[A-Za-z_/ ]{0,20}\"",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        Just("3.800".to_string()),
        Just("true".to_string()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"",
        "[0-9]{2}:[0-9]{2}(:[0-9]{2})?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}",
        Just("[\"a\", 1]".to_string()),
        Just("{ \"pt-BR\" = \"a\", en = 2 }".to_string()),
        Just("{}".to_string()),
        "\\PC{0,10}",
        // The key left out.
        Just(REMOVE.to_string()),
    ]
}

const REMOVE: &str = "<remove>";

#[test]
fn fuzz_settings() {
    let site = TestSite::fixture("basic");
    let base = site.read_source("site.toml").replace(
        "readers = 3800\n",
        "readers = 3800\nfeed_limit = 20\nsearch = true\ncname = \"x.example\"\n\n[publish]\ntimezone = \"UTC\"\ntime = \"07:00\"\n",
    );
    let keys: Vec<&str> = base
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .collect();
    let strategy = (0..keys.len(), value(), 0..3usize);
    fuzz_cases("settings", 512, strategy, |(key, value, nth)| {
        // Replace the value of the key on one line (the nth of that key, when it repeats).
        let key = keys[key];
        let mut seen = 0;
        let text: String = base
            .lines()
            .map(|l| match l.split_once(" = ") {
                Some((k, _)) if k == key => {
                    seen += 1;
                    if seen == nth + 1 && value == REMOVE {
                        return String::new();
                    }
                    if seen == nth + 1 {
                        return format!("{key} = {value}\n");
                    }
                    format!("{l}\n")
                }
                _ => format!("{l}\n"),
            })
            .collect();
        let lines = text.lines().count();
        match Config::parse(Path::new("site.toml"), &text) {
            Ok(config) => {
                prop_assert!(config.arc().is_ok());
                prop_assert!(config.schedule().is_ok());
            }
            Err(problems) => {
                named(&problems, Some(lines))?;
                for d in &problems {
                    prop_assert_eq!(&d.file, Path::new("site.toml"));
                    if d.message.contains(" takes ") {
                        prop_assert!(d.help.is_some(), "{:?}", d);
                    }
                }
            }
        }
        Ok(())
    });
}
