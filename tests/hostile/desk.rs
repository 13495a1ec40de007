//! The writer's desk under hostile input: `site translated` on front matter a line editor would
//! misread, `--changes` on a large rewrite, `site new` and `site init` on hostile names and paths,
//! and tags and dates no page can hold.

use super::*;

#[allow(dead_code)]
const ORIGINAL: &str = "content/essays/primeira.pt-BR.md";
const TRANSLATION: &str = "content/essays/primeira.en.md";

/// The translation's front matter as TOML reads it.
fn front(site: &TestSite) -> toml::Table {
    let text = site.read_source(TRANSLATION);
    let mut parts = text.splitn(3, "+++\n");
    parts.next();
    parts.next().unwrap().parse().unwrap()
}

/// Runs `site translated` on `by_hand` as the translation; the file after, and the run's output.
fn translated(by_hand: &str) -> (TestSite, String, String) {
    let site = TestSite::fixture("basic");
    site.write(TRANSLATION, by_hand);
    let run = site.site(&["translated", TRANSLATION]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let after = site.read_source(TRANSLATION);
    (site, after, run.stdout)
}

#[test]
fn translated_edits_a_quoted_header_as_the_same_table() {
    let by_hand = "+++\ntitle = \"The first ruler\"  # the title\ndate = \"2025-08-05\"\nsummary = \"Why measuring first.\"\n\n# Recorded by hand.\n[ \"translation\" ]   # quoted\nfrom   =   'pt-BR'\nhash = \"0000000000000000\"   # stale\n\n# the end\n+++\n\nMeasure twice.\n";
    let (site, after, _) = translated(by_hand);
    let table = front(&site);
    let record = table["translation"].as_table().unwrap();
    assert_eq!(record["from"].as_str(), Some("pt-BR"));
    let hash = record["hash"].as_str().unwrap();
    let blob = record["blob"].as_str().unwrap();
    assert_ne!(hash, "0000000000000000");
    assert_eq!(
        after,
        by_hand.replace(
            "hash = \"0000000000000000\"   # stale\n",
            &format!("hash = \"{hash}\"   # stale\nblob = \"{blob}\"\n")
        ),
        "only the values changed, every comment and space kept"
    );
    // The site builds: no second [translation] table.
    let run = site.site(&["check"]);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn translated_leaves_a_header_inside_a_multi_line_summary_alone() {
    let summary =
        "summary = \"\"\"\nWhy measuring first.\n[translation]\nfrom = \"pt-BR\"\n\"\"\"\n";
    let by_hand = format!("+++\ntitle = \"The first ruler\"\ndate = \"2025-08-05\"\n{summary}tags = [\"measure\"] # kept\n+++\n\nMeasure twice.\n");
    let (site, after, _) = translated(&by_hand);
    let table = front(&site);
    assert_eq!(
        table["summary"].as_str(),
        Some("Why measuring first.\n[translation]\nfrom = \"pt-BR\"\n"),
        "the summary's own text is as it was"
    );
    assert!(table.get("hash").is_none() && table.get("blob").is_none());
    let record = table["translation"].as_table().unwrap();
    assert_eq!(record["from"].as_str(), Some("pt-BR"));
    assert!(
        after.starts_with(&format!(
            "+++\ntitle = \"The first ruler\"\ndate = \"2025-08-05\"\n{summary}tags = [\"measure\"] # kept\n\n[translation]\nfrom = \"pt-BR\"\nhash = \""
        )),
        "{after}"
    );
    assert!(after.ends_with("\"\n+++\n\nMeasure twice.\n"), "{after}");
    assert!(site.site(&["check"]).ok);
}

#[test]
fn translated_keeps_inline_and_dotted_records_in_their_form() {
    let by_hand = "+++\ntitle = \"The first ruler\"\ndate = \"2025-08-05\"\nsummary = \"S\"\ntranslation = { from = \"pt-BR\", hash = \"0000000000000000\" } # inline\n+++\n\nMeasure twice.\n";
    let (site, after, _) = translated(by_hand);
    let record = front(&site)["translation"].as_table().unwrap().clone();
    let (hash, blob) = (
        record["hash"].as_str().unwrap(),
        record["blob"].as_str().unwrap(),
    );
    assert_eq!(
        after,
        by_hand.replace(
            "hash = \"0000000000000000\" }",
            &format!("hash = \"{hash}\", blob = \"{blob}\" }}")
        )
    );
    let by_hand = "+++\ntitle = \"The first ruler\"\ntranslation.from = \"pt-BR\"\ndate = \"2025-08-05\"\ntranslation.hash = \"0000000000000000\"\nsummary = \"S\"\n+++\n\nMeasure twice.\n";
    let (site, after, _) = translated(by_hand);
    let record = front(&site)["translation"].as_table().unwrap().clone();
    assert_eq!(
        after,
        by_hand.replace(
            "translation.hash = \"0000000000000000\"\n",
            &format!(
                "translation.hash = \"{}\"\ntranslation.blob = \"{}\"\n",
                record["hash"].as_str().unwrap(),
                record["blob"].as_str().unwrap()
            )
        )
    );
    assert!(site.site(&["check"]).ok);
}
