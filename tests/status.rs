//! `site status`: the arc as a table and as JSON, from the same model; every state, texts past the
//! arc, colour only on a terminal, and broken files reported beside what could be read.

mod common;

use common::TestSite;
use serde_json::Value;

fn json(site: &TestSite, now: &str) -> (Value, String) {
    let run = site.site(&["status", "--json", "--now", now]);
    let value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    (value, run.stdout)
}

#[test]
fn the_shipped_arc_as_json() {
    let site = TestSite::shipped();
    let (desk, raw) = json(&site, "2026-01-13T10:00");
    assert_eq!(desk["languages"], serde_json::json!(["pt-BR", "en"]));
    let weeks = desk["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 27, "the whole arc, one row per week");
    assert_eq!(weeks[0]["week"], 1);
    assert_eq!(weeks[0]["essay"]["slug"], "readme-primeiro");
    assert_eq!(
        weeks[0]["essay"]["languages"],
        serde_json::json!({"pt-BR": "published", "en": "published"})
    );
    // Written in English only: Portuguese is missing.
    assert_eq!(weeks[2]["essay"]["slug"], "logs-are-letters");
    assert_eq!(weeks[2]["essay"]["languages"]["pt-BR"], "missing");
    assert_eq!(weeks[2]["essay"]["languages"]["en"], "published");
    assert_eq!(weeks[0]["bulletin"]["languages"]["en"], "missing");
    // An empty slot is null.
    assert!(weeks[7]["essay"].is_null() && weeks[7]["bulletin"].is_null());
    assert_eq!(weeks[7]["dates"]["essay"], "2025-09-23");
    // Language maps keep the site's order: the default language first.
    let first = raw.find("\"pt-BR\": \"published\"").unwrap();
    let second = raw.find("\"en\": \"published\"").unwrap();
    assert!(first < second, "pt-BR before en");
    assert_eq!(desk["totals"]["texts"], 14);
    assert_eq!(desk["totals"]["translations_missing"]["en"], 6);
    assert_eq!(desk["totals"]["translations_missing"]["pt-BR"], 2);
    assert!(desk["totals"]["words"]["pt-BR"].as_u64().unwrap() > 5000);
    assert_eq!(desk["current_week"], 24);
    assert_eq!(desk["problems"], serde_json::json!([]));
    assert_eq!(
        desk["next_empty"],
        serde_json::json!({"week": 24, "arc": 1, "arc_week": 24, "kind": "essay", "date": "2026-01-13"})
    );
}

#[test]
fn drafts_scheduled_texts_and_weeks_past_the_arc() {
    let site = TestSite::fixture("basic");
    // The arc has 4 weeks; a text in week 6 gets a row, the empty week 5 does not.
    site.write(
        "content/bulletins/depois.pt-BR.md",
        "+++\ntitle = \"Depois do arco\"\ndate = 2025-09-12\nsummary = \"Ainda escrevendo.\"\n+++\n\nCorpo.\n",
    );
    let (desk, _) = json(&site, "2025-08-20T12:00");
    let weeks: Vec<u64> = desk["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["week"].as_u64().unwrap())
        .collect();
    assert_eq!(weeks, [1, 2, 3, 4, 6]);
    let week = |n: usize| &desk["weeks"][n];
    assert_eq!(week(1)["bulletin"]["slug"], "rascunho");
    assert_eq!(week(1)["bulletin"]["languages"]["pt-BR"], "draft");
    assert_eq!(week(4)["bulletin"]["languages"]["pt-BR"], "scheduled");
    assert_eq!(
        desk["next_empty"],
        serde_json::json!({"week": 3, "arc": 1, "arc_week": 3, "kind": "bulletin", "date": "2025-08-22"})
    );
    assert_eq!(desk["totals"]["states"]["pt-BR"]["draft"], 1);
    assert_eq!(desk["totals"]["states"]["pt-BR"]["scheduled"], 1);
}

#[test]
fn the_table_is_plain_when_piped() {
    let site = TestSite::shipped();
    // NO_COLOR empty counts as unset: only the pipe turns colour off.
    let run = site.site_with_env(
        &["status", "--now", "2026-01-13T10:00"],
        &[("NO_COLOR", "")],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(!run.stdout.contains('\x1b'), "no ANSI codes when piped");
    let row = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("3 "))
        .expect("a row for week 3");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "3",
            "08-19",
            "logs-are-letters",
            "—",
            "pub",
            "08-22",
            "backup-que-restaura",
            "pub",
            "—"
        ]
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("›") && l.contains(" 24 ")),
        "today's week is marked"
    );
    assert!(run.stdout.contains("14 texts: 7 essays, 7 bulletins"));
    assert!(run
        .stdout
        .contains("Next empty slot: week 24, essay on tuesday 2026-01-13"));
}

#[test]
fn a_broken_file_is_reported_beside_the_rest() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/quebrado.pt-BR.md",
        "+++\ntitle = \"Sem data\"\nsummary = \"x\"\n+++\n",
    );
    let run = site.site(&["status", "--json", "--now", "2025-08-20T12:00"]);
    assert!(!run.ok, "errors make the exit code 1");
    let desk: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(desk["weeks"][0]["essay"]["slug"], "primeira");
    assert!(
        run.stderr.contains("--> content/essays/quebrado.pt-BR.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("missing field `date`"),
        "{}",
        run.stderr
    );
    // Scripts see it in the JSON, with its file, line and message.
    assert_eq!(
        desk["problems"],
        serde_json::json!([{
            "file": "content/essays/quebrado.pt-BR.md",
            "line": 2,
            "column": 1,
            "severity": "error",
            "message": "missing field `date`",
            "help": "add `date = …` (a required key)"
        }])
    );
}

#[test]
fn every_kind_of_broken_file_is_listed_in_the_json() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/sem-fim.pt-BR.md",
        "+++\ntitle = \"Nunca fechado\"\ndate = 2025-08-19\n",
    );
    site.write(
        "content/bulletins/data-errada.pt-BR.md",
        "+++\ntitle = \"Numa quarta\"\ndate = 2025-08-20\nsummary = \"x\"\n+++\n",
    );
    // A second essay in week 1: left out, its collision named.
    site.write(
        "content/essays/segunda.pt-BR.md",
        "+++\ntitle = \"Outra\"\ndate = 2025-08-05\nsummary = \"x\"\n+++\n",
    );
    site.write("content/essays/Maiusculas.md", "");
    let run = site.site(&["status", "--json", "--now", "2025-08-20T12:00"]);
    assert!(!run.ok);
    let desk: Value = serde_json::from_str(&run.stdout).unwrap();
    let problems = desk["problems"].as_array().unwrap();
    let listed: Vec<(&str, u64)> = problems
        .iter()
        .map(|p| (p["file"].as_str().unwrap(), p["line"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(
        listed,
        [
            ("content/bulletins/data-errada.pt-BR.md", 3),
            ("content/essays/Maiusculas.md", 0),
            ("content/essays/segunda.pt-BR.md", 3),
            ("content/essays/sem-fim.pt-BR.md", 1),
        ]
    );
    for p in problems {
        assert_eq!(p["severity"], "error");
        assert!(!p["message"].as_str().unwrap().is_empty());
    }
    // Everything else is still there.
    assert_eq!(desk["weeks"][0]["essay"]["slug"], "primeira");
}

#[test]
fn todays_arc_in_full_and_a_line_for_each_earlier_one() {
    // Arcs of four weeks from 2025-08-05: on 2025-09-10 today's arc is the second.
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/segundo-arco.pt-BR.md",
        "+++\ntitle = \"No segundo arco\"\ndate = 2025-09-09\nsummary = \"S.\"\n+++\n\nCorpo.\n",
    );
    let (desk, _) = json(&site, "2025-09-10T12:00");
    assert_eq!(desk["current_arc"], 2);
    let weeks = desk["weeks"].as_array().unwrap();
    let numbers: Vec<(u64, u64, u64)> = weeks
        .iter()
        .map(|w| {
            (
                w["week"].as_u64().unwrap(),
                w["arc"].as_u64().unwrap(),
                w["arc_week"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(numbers, [(5, 2, 1), (6, 2, 2), (7, 2, 3), (8, 2, 4)]);
    assert_eq!(weeks[1]["essay"]["slug"], "segundo-arco");
    let arcs = desk["arcs"].as_array().unwrap();
    assert_eq!(arcs.len(), 1);
    assert_eq!(arcs[0]["arc"], 1);
    assert_eq!(arcs[0]["start"], "2025-08-05");
    assert_eq!(arcs[0]["end"], "2025-08-29");
    // The fixture's first arc: two essays in both languages or one, a bulletin, and a draft.
    assert_eq!(arcs[0]["texts"], 4);
    // The totals still count every text.
    assert_eq!(desk["totals"]["texts"], 5);
    assert_eq!(desk["next_empty"]["arc"], 2);

    let run = site.site(&["status", "--now", "2025-09-10T12:00"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("arc 2: 4-week arc from 2025-09-02 · today 2025-09-10, arc 2, week 2"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  arc 1: 2025-08-05 – 2025-08-29 · 4 texts"),
        "{}",
        run.stdout
    );
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("segundo-arco"))
        .expect("a row for the text");
    assert_eq!(row.split_whitespace().nth(1), Some("2"), "{row}");
}
