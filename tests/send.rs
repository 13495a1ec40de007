//! `site send` against a local server standing in for Buttondown (`common/buttondown.rs`): what the
//! first run hands over, that later runs change only what changed, that nothing is made twice (a killed
//! run, two runs at once), withdrawals, failures and retries, the key kept secret; and the subscription
//! form's tag per language.

#[path = "common/buttondown.rs"]
mod buttondown;
mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use buttondown::Fake;
use common::{attrs, Run, TestSite};
use serde_json::{json, Value};

const KEY: &str = "bd-test-key-7f3a9c2e51";
/// A Sunday, 10:00 in São Paulo (13:00 UTC): the window runs from Friday 13:00 UTC to the next Sunday.
const NOW: &str = "2026-02-01T10:00";

/// The `sending` fixture, its `api_base` pointing at `fake`.
fn site_for(fake: &Fake) -> TestSite {
    let site = TestSite::fixture("sending");
    let toml = site
        .read_source("site.toml")
        .replace("@API_BASE@", &fake.base);
    site.write("site.toml", &toml);
    site
}

fn send(site: &TestSite, args: &[&str]) -> Run {
    let mut all = vec!["send", "--now", NOW];
    all.extend_from_slice(args);
    site.site_with_env(&all, &[("BUTTONDOWN_API_KEY", KEY)])
}

fn send_ok(site: &TestSite, args: &[&str]) -> Run {
    let run = send(site, args);
    assert!(run.ok, "site send failed:\n{}\n{}", run.stdout, run.stderr);
    run
}

/// The table's rows: (text, lang, action, the whole line).
fn rows(stdout: &str) -> Vec<(String, String, String, String)> {
    stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("text "))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0].into(), w[1].into(), w[2].into(), l.to_string())
        })
        .collect()
}

fn actions(stdout: &str) -> Vec<(String, String, String)> {
    rows(stdout)
        .into_iter()
        .map(|(t, l, a, _)| (t, l, a))
        .collect()
}

fn row(text: &str, lang: &str, action: &str) -> (String, String, String) {
    (text.into(), lang.into(), action.into())
}

fn email<'a>(emails: &'a [Value], slug: &str) -> &'a Value {
    emails
        .iter()
        .find(|e| e["slug"] == slug)
        .unwrap_or_else(|| panic!("no email {slug} in {emails:#?}"))
}

/// Requests that change something: creates, updates, deletes.
fn writes(fake: &Fake) -> Vec<(String, String)> {
    fake.seen()
        .into_iter()
        .filter(|s| s.method != "GET")
        .map(|s| (s.method, s.url))
        .collect()
}

/// The filter of the emails to the readers with the tag named `tag` (Buttondown takes its id).
fn tag_filter(tag: &str) -> Value {
    json!({"filters": [{"field": "subscriber.tags", "operator": "contains", "value": buttondown::tag_id(tag)}], "groups": [], "predicate": "and"})
}

#[test]
fn the_first_run_schedules_each_edition_once_for_its_readers() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let run = send_ok(&site, &[]);
    // Due: the essay of Tuesday 02-03 in both languages, the bulletin of Friday 02-06 in Portuguese
    // (its English translation is a draft). Not due: week 1 (old), the bulletin of 01-30 (07:00 there is
    // 10:00 UTC, before the window), the essay of 02-10 (after it).
    assert_eq!(
        actions(&run.stdout),
        vec![
            row("pontes", "en", "create"),
            row("pontes", "pt-BR", "create"),
            row("semana-5", "pt-BR", "create"),
        ]
    );
    assert!(
        run.stdout.contains("Handed over: 3 created"),
        "{}",
        run.stdout
    );
    let emails = fake.emails();
    assert_eq!(emails.len(), 3);
    let pt = email(&emails, "pontes-pt-br");
    assert_eq!(pt["status"], "scheduled");
    // 07:00 in São Paulo (UTC−3), sent as UTC half an hour later (`delay_minutes`' default): the
    // page is live by then.
    assert_eq!(pt["publish_date"], "2026-02-03T10:30:00Z");
    assert_eq!(pt["subject"], "Pontes entre ferramentas");
    assert_eq!(
        pt["description"],
        "Duas ferramentas que não se falam pedem uma terceira, pequena, que traduza."
    );
    assert_eq!(
        pt["canonical_url"],
        "https://oficina.example/ensaios/pontes/"
    );
    assert_eq!(
        pt["image"],
        "https://oficina.example/ensaios/pontes/card.png"
    );
    assert_eq!(pt["filters"], tag_filter("pt-BR"));
    assert_eq!(pt["template"], "naked");
    assert_eq!(pt["metadata"]["site"], "https://oficina.example/");
    assert_eq!(pt["metadata"]["text"], "pontes");
    assert_eq!(pt["metadata"]["lang"], "pt-BR");
    assert_eq!(pt["metadata"]["edition"].as_str().unwrap().len(), 40);
    let en = email(&emails, "pontes-en");
    assert_eq!(en["filters"], tag_filter("en"));
    assert_eq!(en["subject"], "Bridges between tools");
    assert_eq!(
        en["canonical_url"],
        "https://oficina.example/en/essays/pontes/"
    );
    let bulletin = email(&emails, "semana-5-pt-br");
    assert_eq!(bulletin["publish_date"], "2026-02-06T10:30:00Z");
    // The body is the edition `site email` writes, byte for byte.
    let made = site.site(&["email", "pontes", "--lang", "en", "--now", NOW]);
    assert!(made.ok, "{}", made.stderr);
    let edition = site.read_source("email/pontes.en.html");
    // Stated as HTML with the editor mode comment api-emails-create documents.
    assert_eq!(
        en["body"].as_str().unwrap(),
        format!("<!-- buttondown-editor-mode: fancy -->{edition}")
    );
    let doc = scraper::Html::parse_document(&edition);
    assert_eq!(attrs(&doc, "html", "lang"), vec!["en"]);
    // Every request carried the key as Buttondown documents it, and the pinned API version.
    for seen in fake.seen() {
        assert_eq!(
            seen.authorization.as_deref(),
            Some(&*format!("Token {KEY}"))
        );
        assert!(seen
            .headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("x-api-version") && v == "2026-04-01"));
    }
}

#[test]
fn a_second_run_changes_nothing_and_reads_every_page() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    send_ok(&site, &[]);
    let before = fake.emails();
    let requests = fake.seen().len();
    fake.with(|s| {
        s.page_size = 2;
        s.tags.push("arquivo".into());
    });
    let run = send_ok(&site, &[]);
    assert_eq!(
        actions(&run.stdout),
        vec![
            row("pontes", "en", "unchanged"),
            row("pontes", "pt-BR", "unchanged"),
            row("semana-5", "pt-BR", "unchanged"),
        ]
    );
    assert_eq!(fake.emails(), before);
    let later: Vec<_> = fake.seen().into_iter().skip(requests).collect();
    assert!(later.iter().all(|s| s.method == "GET"), "{later:#?}");
    // Three emails, and three tags, at two a page: each second page was followed.
    let (emails, tags): (Vec<_>, Vec<_>) =
        later.iter().partition(|s| s.url.starts_with("/v1/emails"));
    assert!(
        emails.iter().any(|s| s.url.contains("page=2")),
        "{later:#?}"
    );
    assert!(emails
        .iter()
        .all(|s| s.url.contains("status=scheduled") && s.url.contains("excluded_fields=body")));
    assert!(
        tags.iter().all(|s| s.url.starts_with("/v1/tags")),
        "{later:#?}"
    );
    assert!(tags.iter().any(|s| s.url.contains("page=2")), "{later:#?}");
}

#[test]
fn an_edited_scheduled_text_is_updated_and_a_sent_one_is_never_touched() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    send_ok(&site, &[]);
    fake.mark("pontes-pt-br", "sent");
    let sent = email(&fake.emails(), "pontes-pt-br").clone();
    let writes_before = writes(&fake).len();
    for (file, from, to) in [
        (
            "content/essays/pontes.pt-BR.md",
            "costuma bastar",
            "quase sempre basta",
        ),
        (
            "content/essays/pontes.en.md",
            "is usually enough",
            "is nearly always enough",
        ),
    ] {
        let text = site.read_source(file).replace(from, to);
        site.write(file, &text);
    }
    let run = send_ok(&site, &[]);
    assert_eq!(
        actions(&run.stdout),
        vec![
            row("pontes", "en", "update"),
            row("pontes", "pt-BR", "sent"),
            row("semana-5", "pt-BR", "unchanged"),
        ]
    );
    assert!(
        run.stdout.contains("changed since; never sent again"),
        "{}",
        run.stdout
    );
    let emails = fake.emails();
    assert_eq!(email(&emails, "pontes-pt-br"), &sent);
    let en = email(&emails, "pontes-en");
    assert!(en["body"]
        .as_str()
        .unwrap()
        .contains("nearly always enough"));
    assert_eq!(en["status"], "scheduled");
    assert_eq!(en["publish_date"], "2026-02-03T10:30:00Z");
    let new: Vec<_> = writes(&fake).into_iter().skip(writes_before).collect();
    assert_eq!(
        new,
        vec![(
            "PATCH".to_string(),
            format!("/v1/emails/{}", en["id"].as_str().unwrap())
        )]
    );
}

#[test]
fn an_unscheduled_text_has_its_email_withdrawn_and_scheduled_again_when_due() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    send_ok(&site, &[]);
    // The bulletin goes back to draft; the essay moves a week and a half later, past the window.
    let file = "content/bulletins/semana-5.pt-BR.md";
    site.write(
        file,
        &site
            .read_source(file)
            .replace("+++\n\nO script", "draft = true\n+++\n\nO script"),
    );
    site.remove("content/essays/depois.pt-BR.md");
    for file in [
        "content/essays/pontes.pt-BR.md",
        "content/essays/pontes.en.md",
    ] {
        site.write(
            file,
            &site.read_source(file).replace("2026-02-03", "2026-02-10"),
        );
    }
    let run = send_ok(&site, &["--dry-run"]);
    assert_eq!(
        actions(&run.stdout),
        vec![
            row("pontes", "en", "withdraw"),
            row("pontes", "pt-BR", "withdraw"),
            row("semana-5", "pt-BR", "withdraw"),
        ]
    );
    assert!(
        run.stdout
            .contains("moved to 2026-02-10 07:30: back to draft"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("a draft again: back to draft"),
        "{}",
        run.stdout
    );
    send_ok(&site, &[]);
    let emails = fake.emails();
    assert_eq!(emails.len(), 3);
    assert!(emails.iter().all(|e| e["status"] == "draft"), "{emails:#?}");
    // A week later the essay is due again: the same email is scheduled for its new hour.
    let later = site.site_with_env(
        &["send", "--now", "2026-02-08T10:00"],
        &[("BUTTONDOWN_API_KEY", KEY)],
    );
    assert!(later.ok, "{}\n{}", later.stdout, later.stderr);
    assert_eq!(
        actions(&later.stdout),
        vec![
            row("pontes", "en", "update"),
            row("pontes", "pt-BR", "update")
        ]
    );
    assert!(later.stdout.contains("scheduled again"), "{}", later.stdout);
    let emails = fake.emails();
    assert_eq!(emails.len(), 3);
    assert_eq!(email(&emails, "pontes-en")["status"], "scheduled");
    assert_eq!(
        email(&emails, "pontes-en")["publish_date"],
        "2026-02-10T10:30:00Z"
    );
    assert_eq!(email(&emails, "semana-5-pt-br")["status"], "draft");
}

fn spawn(site: &TestSite) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["--root"])
        .arg(site.root())
        .args(["send", "--now", NOW])
        .env("BUTTONDOWN_API_KEY", KEY)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn a_run_killed_after_its_first_create_and_run_again_makes_nothing_twice() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    fake.with(|s| s.hold_create = Some(1));
    let mut child = spawn(&site);
    assert!(
        fake.wait_for_hold(Duration::from_secs(60)),
        "the first create never came"
    );
    // The provider has made the email; the run dies before it hears so.
    child.kill().unwrap();
    child.wait().unwrap();
    fake.release();
    assert_eq!(fake.emails().len(), 1);
    let run = send_ok(&site, &[]);
    let mut slugs: Vec<String> = fake
        .emails()
        .iter()
        .map(|e| e["slug"].as_str().unwrap().to_string())
        .collect();
    slugs.sort();
    assert_eq!(slugs, vec!["pontes-en", "pontes-pt-br", "semana-5-pt-br"]);
    let unchanged = rows(&run.stdout)
        .iter()
        .filter(|r| r.2 == "unchanged")
        .count();
    assert_eq!(unchanged, 1, "{}", run.stdout);
    let created = fake.seen().iter().filter(|s| s.status == 201).count();
    assert_eq!(created, 3);
}

#[test]
fn two_runs_at_once_make_nothing_twice() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    // Both runs list before either creates: each plans to create everything.
    fake.with(|s| s.list_barrier = 2);
    let (one, two) = (spawn(&site), spawn(&site));
    for child in [one, two] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let emails = fake.emails();
    assert_eq!(emails.len(), 3, "{emails:#?}");
    let seen = fake.seen();
    assert_eq!(
        seen.iter()
            .filter(|s| s.status == 201 && !s.replayed)
            .count(),
        3
    );
    // The second run's creates got the first run's answers (the same key), or were refused as
    // duplicates and taken as already there.
    assert!(seen
        .iter()
        .any(|s| s.replayed || s.code.as_deref() == Some("email_duplicate")));
    assert!(seen.iter().all(|s| s.method != "PATCH"));
}

#[test]
fn a_dry_run_prints_the_plan_and_touches_nothing() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let run = send_ok(&site, &["--dry-run"]);
    let lines = rows(&run.stdout);
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    let (_, _, action, line) = &lines[0];
    assert_eq!(action, "create");
    assert!(line.contains("2026-02-03 07:30"), "{line}");
    assert!(
        run.stdout
            .contains("now 2026-02-01 10:00 (America/Sao_Paulo) · emails due from 2026-01-30 10:00 to 2026-02-08 10:00"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("Dry run: nothing was handed over. 3 to create"));
    assert!(fake.emails().is_empty());
    assert!(fake.seen().iter().all(|s| s.method == "GET"));
}

#[test]
fn without_a_key_send_says_how_to_set_one() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    for env in [&[][..], &[("BUTTONDOWN_API_KEY", "  ")][..]] {
        let run = site.site_with_env(&["send", "--now", NOW, "--dry-run"], env);
        assert!(!run.ok);
        assert!(
            run.stderr.contains("BUTTONDOWN_API_KEY") && run.stderr.contains("repository secret"),
            "{}",
            run.stderr
        );
    }
    assert!(fake.seen().is_empty());
}

/// Every file under the site's folder that holds `needle`.
fn files_holding(site: &TestSite, needle: &str) -> Vec<String> {
    walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            std::fs::read(e.path())
                .map(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .unwrap_or(false)
        })
        .map(|e| e.path().display().to_string())
        .collect()
}

#[test]
fn the_key_never_appears_in_output_or_on_disk() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let mut outputs = vec![send_ok(&site, &["--dry-run"]), send_ok(&site, &[])];
    // A wrong key, and a server that fails: the messages name the key's variable, never a key.
    let other = Fake::start("another-key");
    let toml = site
        .read_source("site.toml")
        .replace(&fake.base, &other.base);
    site.write("site.toml", &toml);
    let denied = send(&site, &[]);
    assert!(!denied.ok);
    assert!(
        denied.stderr.contains("refused the API key (HTTP 401)"),
        "{}",
        denied.stderr
    );
    outputs.push(denied);
    other.with(|s| s.faults = std::iter::repeat_n((503, Some(0)), 8).collect());
    outputs.push(send(&site, &[]));
    for run in &outputs {
        assert!(!run.stdout.contains(KEY) && !run.stderr.contains(KEY));
    }
    assert_eq!(files_holding(&site, KEY), Vec::<String>::new());
    assert!(fake
        .seen()
        .iter()
        .all(|s| s.authorization.as_deref() == Some(&*format!("Token {KEY}"))));
}

#[test]
fn a_busy_or_failing_server_is_retried_then_the_run_says_what_was_handed_over() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    // The list is answered at the third try: a 429 asking for a second, then a 502 (one second's backoff).
    fake.with(|s| s.faults = [(429, Some(1)), (502, None)].into());
    let start = Instant::now();
    let run = send_ok(&site, &[]);
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(
        run.stdout.contains("Handed over: 3 created"),
        "{}",
        run.stdout
    );
    let statuses: Vec<u16> = fake.seen().iter().take(3).map(|s| s.status).collect();
    assert_eq!(statuses, vec![429, 502, 200]);

    // A server that keeps failing after the first create: the run stops, exits 1, and names both sides.
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    fake.with(|s| {
        // Served first: the list of emails, the list of tags, the first create.
        s.faults_after = 3;
        s.faults = std::iter::repeat_n((503, Some(0)), 4).collect();
    });
    let run = send(&site, &[]);
    assert!(!run.ok);
    assert_eq!(fake.emails().len(), 1);
    assert!(
        run.stdout.contains("With Buttondown as planned: pontes (en).")
            && run.stdout.contains(
                "Not handed over: pontes (pt-BR) — FAILED (no answer), semana-5 (pt-BR) — not attempted."
            ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(
            "Buttondown did not take the email of “Pontes entre ferramentas” to the pt-BR readers"
        ) && run.stderr.contains("HTTP 503")
            && run.stderr.contains("4 attempts"),
        "{}",
        run.stderr
    );
    // Run again once the server is back: the rest is handed over, nothing twice.
    send_ok(&site, &[]);
    assert_eq!(fake.emails().len(), 3);
}

#[test]
fn readers_are_addressed_by_the_tags_id_and_a_missing_tag_stops_only_its_editions() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    // Buttondown has no `en` tag yet (no English reader has subscribed with the form).
    fake.with(|s| s.tags = vec!["pt-BR".into()]);
    let dry = send(&site, &["--dry-run"]);
    assert!(!dry.ok);
    assert!(writes(&fake).is_empty(), "a dry run writes nothing");
    let run = send(&site, &[]);
    assert!(!run.ok);
    for stderr in [&dry.stderr, &run.stderr] {
        assert!(
            stderr.contains("has no subscriber tag `en`, so the email of “Bridges between tools” cannot go to the en readers alone")
                && stderr.contains("--> content/essays/pontes.en.md")
                && stderr.contains("create the tag `en` in Buttondown"),
            "{stderr}"
        );
    }
    assert!(
        run.stdout
            .contains("Not handed over: pontes (en) — FAILED (no such tag)."),
        "{}",
        run.stdout
    );
    // The Portuguese editions went, to the Portuguese readers only; nothing went to everyone.
    let emails = fake.emails();
    assert_eq!(emails.len(), 2);
    for e in &emails {
        assert_eq!(e["filters"], tag_filter("pt-BR"), "{e}");
    }
    // Once the tag exists, the English edition follows; the tags were listed each run.
    fake.with(|s| s.tags.push("en".into()));
    send_ok(&site, &[]);
    assert_eq!(
        email(&fake.emails(), "pontes-en")["filters"],
        tag_filter("en")
    );
    let listed = fake
        .seen()
        .iter()
        .filter(|s| s.url.starts_with("/v1/tags"))
        .count();
    assert_eq!(listed, 3);
}

#[test]
fn a_refused_edition_is_reported_with_the_providers_code_and_the_others_go_ahead() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    fake.with(|s| {
        s.refuse.insert(
            "pontes-en".into(),
            (
                400,
                "body_invalid".into(),
                "The email body provided is invalid.".into(),
            ),
        )
    });
    let run = send(&site, &[]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("Buttondown refused the email of “Bridges between tools” to the en readers (HTTP 400, body_invalid): The email body provided is invalid.")
            && run.stderr.contains("--> content/essays/pontes.en.md")
            && run.stderr.contains("site email pontes"),
        "{}",
        run.stderr
    );
    assert_eq!(fake.emails().len(), 2);
    assert!(
        run.stdout
            .contains("Not handed over: pontes (en) — FAILED (body_invalid)."),
        "{}",
        run.stdout
    );
}

#[test]
fn a_late_run_sends_an_edition_whose_hour_has_just_passed_at_once() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let run = site.site_with_env(
        &["send", "--now", "2026-02-03T12:00"],
        &[("BUTTONDOWN_API_KEY", KEY)],
    );
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("its hour has passed: sent at once"),
        "{}",
        run.stdout
    );
    let emails = fake.emails();
    assert_eq!(email(&emails, "pontes-pt-br")["status"], "about_to_send");
    assert_eq!(email(&emails, "semana-5-pt-br")["status"], "scheduled");
    let post = fake
        .seen()
        .into_iter()
        .find(|s| s.method == "POST")
        .unwrap();
    assert!(post
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("x-buttondown-live-dangerously") && v == "true"));
    // The next morning the archive is not sent again.
    let again = site.site_with_env(
        &["send", "--now", "2026-02-04T12:00"],
        &[("BUTTONDOWN_API_KEY", KEY)],
    );
    assert!(again.ok, "{}", again.stderr);
    assert!(actions(&again.stdout)
        .iter()
        .all(|r| r.2 == "sent" || r.2 == "unchanged"));
}

#[test]
fn the_email_goes_out_delay_minutes_after_the_texts_hour() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let toml = site.read_source("site.toml");
    site.write("site.toml", &format!("{toml}delay_minutes = 0\n"));
    send_ok(&site, &[]);
    let emails = fake.emails();
    assert_eq!(
        email(&emails, "pontes-pt-br")["publish_date"],
        "2026-02-03T10:00:00Z"
    );

    // More than a day is refused at its line, and nothing is handed over.
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let toml = site.read_source("site.toml");
    let line = toml.lines().count() + 1;
    site.write("site.toml", &format!("{toml}delay_minutes = 5000\n"));
    let run = send(&site, &[]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(&format!("site.toml:{line}"))
            && run.stderr.contains("delay_minutes = 30"),
        "{}",
        run.stderr
    );
    assert!(fake.emails().is_empty());
}

#[test]
fn readers_of_another_language_get_the_original_when_asked() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let toml = site.read_source("site.toml") + "other_language = \"original\"\n";
    site.write("site.toml", &toml);
    let run = send_ok(&site, &[]);
    assert!(actions(&run.stdout).contains(&row("semana-5", "en", "create")));
    assert!(run.stdout.contains("the pt-BR edition"), "{}", run.stdout);
    let emails = fake.emails();
    let en = email(&emails, "semana-5-en");
    assert_eq!(en["filters"], tag_filter("en"));
    // Its subject says which language it is in: no two emails of the text are the same.
    assert_eq!(
        en["subject"],
        "Semana 5: a ponte ficou pronta (in Portuguese)"
    );
    assert_eq!(
        email(&emails, "semana-5-pt-br")["subject"],
        "Semana 5: a ponte ficou pronta"
    );
    assert_eq!(
        en["canonical_url"],
        "https://oficina.example/boletins/semana-5/"
    );
    let doc = scraper::Html::parse_document(en["body"].as_str().unwrap());
    assert_eq!(attrs(&doc, "html", "lang"), vec!["pt-BR"]);
}

#[test]
fn the_api_must_be_https_except_on_loopback() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let toml = site
        .read_source("site.toml")
        .replace(&fake.base, "http://api.buttondown.example/v1");
    site.write("site.toml", &toml);
    let run = send(&site, &["--dry-run"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("plain http: the API key would cross the network unencrypted")
            && run.stderr.contains("--> site.toml:"),
        "{}",
        run.stderr
    );
    assert!(fake.seen().is_empty());
}

#[test]
fn the_subscription_form_tells_buttondown_the_readers_language() {
    let site = TestSite::fixture("sending");
    let toml = site
        .read_source("site.toml")
        .replace("@API_BASE@", "https://api.buttondown.com/v1");
    site.write("site.toml", &toml);
    site.build(&["--now", NOW]);
    let tag = |page: &str| {
        attrs(
            &site.html(page),
            "form.subscribe-form input[type=hidden][name=tag]",
            "value",
        )
    };
    assert_eq!(tag("assinar/index.html"), vec!["pt-BR"]);
    assert_eq!(tag("en/subscribe/index.html"), vec!["en"]);

    // Named per language, and the emails address the same tags.
    let fake = Fake::start(KEY);
    fake.with(|s| s.tags = vec!["leitores".into(), "readers".into()]);
    let toml = toml
        .replace("https://api.buttondown.com/v1", &fake.base)
        .replace(
            "[subscribe]\n",
            "[subscribe]\ntag = { \"pt-BR\" = \"leitores\", en = \"readers\" }\n",
        );
    site.write("site.toml", &toml);
    site.build(&["--now", NOW]);
    assert_eq!(tag("assinar/index.html"), vec!["leitores"]);
    assert_eq!(tag("en/subscribe/index.html"), vec!["readers"]);
    send_ok(&site, &[]);
    assert_eq!(
        email(&fake.emails(), "pontes-en")["filters"],
        tag_filter("readers")
    );

    // Off: no tag in the form, and `site send` will not mix the languages' readers.
    site.write(
        "site.toml",
        &toml.replace(
            "tag = { \"pt-BR\" = \"leitores\", en = \"readers\" }",
            "tag = false",
        ),
    );
    site.build(&["--now", NOW]);
    assert!(tag("assinar/index.html").is_empty());
    let run = send(&site, &["--dry-run"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("have no tag"), "{}", run.stderr);

    // A language the site does not have is an error at its line.
    site.write(
        "site.toml",
        &toml.replace("en = \"readers\"", "es = \"lectores\""),
    );
    let run = site.site(&["check", "--now", NOW]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("`es` in `[subscribe] tag` is not one of the site's languages"),
        "{}",
        run.stderr
    );
}

/// Not a test: a stand-in Buttondown for trying `site send` by hand. Prints its address and key, and
/// serves for FAKE_BUTTONDOWN_SECONDS (default 300):
/// `cargo test --release --test send serve_a_fake_buttondown -- --ignored --nocapture`
#[test]
#[ignore]
fn serve_a_fake_buttondown() {
    let fake = Fake::start(KEY);
    println!("api_base = \"{}\"\nBUTTONDOWN_API_KEY={KEY}", fake.base);
    let seconds = std::env::var("FAKE_BUTTONDOWN_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    std::thread::sleep(Duration::from_secs(seconds));
    for seen in fake.seen() {
        println!("{} {} → {}", seen.method, seen.url, seen.status);
    }
}

/// The value of a request's `X-Idempotency-Key`.
fn idempotency_key(seen: &buttondown::Seen) -> Option<String> {
    seen.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("x-idempotency-key"))
        .map(|(_, v)| v.clone())
}

/// The emails that will go out (not drafts, not deleted), per text and readers' language.
fn going_out(fake: &Fake) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fake
        .emails()
        .iter()
        .filter(|e| e["status"] != "draft" && e["status"] != "deleted")
        .map(|e| {
            (
                e["metadata"]["text"].as_str().unwrap_or("").to_string(),
                e["metadata"]["lang"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn one_each() -> Vec<(String, String)> {
    [("pontes", "en"), ("pontes", "pt-BR"), ("semana-5", "pt-BR")]
        .iter()
        .map(|(t, l)| (t.to_string(), l.to_string()))
        .collect()
}

/// The request log, one line a request, as the stand-in saw it.
fn log(fake: &Fake) -> String {
    fake.seen()
        .iter()
        .map(|s| {
            format!(
                "{} {} key={} → {}{}{}\n",
                s.method,
                s.url.split('?').next().unwrap_or(""),
                idempotency_key(s).unwrap_or_else(|| "—".into()),
                s.status,
                s.body
                    .as_ref()
                    .and_then(|b| b["slug"].as_str())
                    .map(|slug| format!(" slug={slug}"))
                    .unwrap_or_default(),
                if s.replayed {
                    " (first answer again)"
                } else {
                    ""
                }
            )
        })
        .collect()
}

#[test]
fn a_create_whose_answer_is_lost_is_retried_with_its_key_and_makes_one_email() {
    for now in [NOW, "2026-02-03T12:00"] {
        let fake = Fake::start(KEY);
        let site = site_for(&fake);
        // The server keeps the first email, but its answer is lost; it numbers a slug it already has.
        fake.with(|s| {
            s.lose_create = Some(1);
            s.duplicate_slugs = true;
        });
        let run = site.site_with_env(&["send", "--now", now], &[("BUTTONDOWN_API_KEY", KEY)]);
        eprintln!("request log (--now {now}):\n{}", log(&fake));
        assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
        // One email per text and language: as many as distinct creates, none twice.
        let out = going_out(&fake);
        let mut once = out.clone();
        once.dedup();
        assert_eq!(out, once, "{}", log(&fake));
        assert_eq!(fake.emails().len(), out.len(), "{}", log(&fake));
        assert!(out.len() >= 3);
        let posts: Vec<_> = fake
            .seen()
            .into_iter()
            .filter(|s| s.method == "POST")
            .collect();
        // The retry carried the same key and got the first answer; every create had a key of its own.
        assert_eq!(posts[0].status, 500);
        assert!(posts[1].replayed, "{}", log(&fake));
        assert_eq!(idempotency_key(&posts[0]), idempotency_key(&posts[1]));
        let mut keys: Vec<_> = posts.iter().filter_map(idempotency_key).collect();
        assert_eq!(keys.len(), posts.len());
        keys.dedup();
        assert_eq!(keys.len(), out.len());
        // Run again: nothing more.
        let again = site.site_with_env(&["send", "--now", now], &[("BUTTONDOWN_API_KEY", KEY)]);
        assert!(again.ok, "{}", again.stderr);
        assert_eq!(fake.emails().len(), out.len());
    }
}

#[test]
fn every_change_carries_a_key_that_a_run_making_the_same_request_repeats() {
    let (one, two) = (Fake::start(KEY), Fake::start(KEY));
    let (a, b) = (site_for(&one), site_for(&two));
    send_ok(&a, &[]);
    send_ok(&b, &[]);
    let keys = |fake: &Fake| -> Vec<String> {
        fake.seen()
            .iter()
            .filter(|s| s.method != "GET")
            .map(|s| idempotency_key(s).expect("every write carries a key"))
            .collect()
    };
    assert_eq!(keys(&one), keys(&two));
    assert!(keys(&one).iter().all(|k| k.len() <= 200));
    // An edited edition is another request: another key for its update, and for a withdrawal.
    let file = "content/essays/pontes.en.md";
    a.write(
        file,
        &a.read_source(file)
            .replace("is usually enough", "is enough"),
    );
    send_ok(&a, &[]);
    a.write(
        file,
        &a.read_source(file)
            .replace("date = 2026-02-03\n", "date = 2026-02-03\ndraft = true\n"),
    );
    send_ok(&a, &[]);
    let all = keys(&one);
    assert_eq!(all.len(), 5);
    let mut distinct = all.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 5, "{all:#?}");
}

#[test]
fn a_copy_made_under_another_slug_is_put_back_to_draft_and_reported() {
    let fake = Fake::start(KEY);
    fake.with(|s| {
        s.duplicate_slugs = true;
        s.list_barrier = 2;
    });
    // Two runs at once, one of them with an edited English essay: its create is another request.
    let (a, b) = (site_for(&fake), site_for(&fake));
    let file = "content/essays/pontes.en.md";
    b.write(
        file,
        &b.read_source(file)
            .replace("is usually enough", "is enough"),
    );
    let outs: Vec<_> = [spawn(&a), spawn(&b)]
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let stderr: String = outs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).to_string())
        .collect();
    assert_eq!(
        outs.iter().filter(|o| o.status.success()).count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("under the slug `pontes-en-2`, not `pontes-en`")
            && stderr.contains("put back to draft"),
        "{stderr}"
    );
    assert_eq!(going_out(&fake), one_each(), "{}", log(&fake));
    assert_eq!(email(&fake.emails(), "pontes-en-2")["status"], "draft");
    // The editions both runs made alike were made once: the second run got the first answer.
    assert_eq!(
        fake.seen().iter().filter(|s| s.replayed).count(),
        2,
        "{}",
        log(&fake)
    );
}

/// The line (from 1) of site.toml that starts with `start`.
fn line_of(toml: &str, start: &str) -> usize {
    toml.lines()
        .position(|l| l.starts_with(start))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line {start}"))
}

#[test]
fn an_edition_that_would_go_out_naked_without_its_unsubscribe_tag_is_refused() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let good = site.read_source("site.toml");
    let setting = "unsubscribe_url = \"{{ unsubscribe_url }}\"";
    // The subscription page instead of the tag: refused at the setting's line, saying what to write.
    let toml = good.replace(
        setting,
        "unsubscribe_url = \"https://oficina.example/assinar/\"",
    );
    site.write("site.toml", &toml);
    for args in [&["--dry-run"][..], &[]] {
        let run = send(&site, args);
        assert!(!run.ok);
        assert!(
            run.stderr.contains(&format!(
                "--> site.toml:{}",
                line_of(&toml, "unsubscribe_url")
            )) && run.stderr.contains(&format!("write `{setting}`")),
            "{}",
            run.stderr
        );
    }
    // `site check` warns about it: the site sets `api_base`.
    let check = site.site(&["check", "--now", NOW]);
    assert!(
        check.stderr.contains("has no `{{ unsubscribe_url }}`"),
        "{}",
        check.stderr
    );
    // No setting at all: at `[email]`.
    let toml = good.replace(&format!("{setting}\n"), "");
    site.write("site.toml", &toml);
    let run = send(&site, &[]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains(&format!("--> site.toml:{}", line_of(&toml, "[email]")))
            && run
                .stderr
                .contains(&format!("write `{setting}` under `[email]`")),
        "{}",
        run.stderr
    );
    assert!(fake.seen().is_empty(), "nothing reached Buttondown");
    // With the tag, the same site goes.
    site.write("site.toml", &good);
    send_ok(&site, &[]);
    assert_eq!(going_out(&fake), one_each());
}

#[test]
fn a_new_site_writes_the_unsubscribe_tag_and_check_warns_when_it_is_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let site = |args: &[&str], cwd: &std::path::Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_site"))
            .args(args)
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stderr) = site(
        &["init", "caderno", "--now", "2026-03-11T09:00"],
        tmp.path(),
    );
    assert!(ok, "{stderr}");
    let dir = tmp.path().join("caderno");
    let toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    let email = line_of(&toml, "[email]");
    assert_eq!(
        toml.lines().nth(email),
        Some("unsubscribe_url = \"{{ unsubscribe_url }}\""),
        "{toml}"
    );
    let (_, stderr) = site(&["check", "--now", "2026-03-20T12:00"], &dir);
    assert!(!stderr.contains("unsubscribe_url"), "{stderr}");
    // Without it, the workflow's send job would hand over editions Buttondown must refuse: a warning.
    std::fs::write(
        dir.join("site.toml"),
        toml.replace("unsubscribe_url = \"{{ unsubscribe_url }}\"\n", ""),
    )
    .unwrap();
    let (_, stderr) = site(&["check", "--now", "2026-03-20T12:00"], &dir);
    assert!(
        stderr.contains("`[email]` has no `unsubscribe_url`")
            && stderr.contains(&format!("site.toml:{email}")),
        "{stderr}"
    );
}

#[test]
fn a_long_text_slug_gets_an_email_slug_buttondown_takes_and_check_names_it() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    let long = format!("pontes-{}", "entre-ferramentas-".repeat(6));
    let long = long.trim_end_matches('-');
    assert!(long.len() > 94);
    for lang in ["pt-BR", "en"] {
        let from = format!("content/essays/pontes.{lang}.md");
        site.write(
            &format!("content/essays/{long}.{lang}.md"),
            &site.read_source(&from),
        );
        site.remove(&from);
    }
    let run = send_ok(&site, &[]);
    assert!(
        run.stdout.contains("Handed over: 3 created"),
        "{}",
        run.stdout
    );
    let slugs: Vec<String> = fake
        .emails()
        .iter()
        .filter(|e| e["metadata"]["text"] == long)
        .map(|e| e["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(slugs.len(), 2);
    for slug in &slugs {
        assert!(slug.len() <= 100, "{slug}");
        assert!(slug.starts_with("pontes-entre-ferramentas-"), "{slug}");
        assert!(slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
    // `site check` names the very slugs `site send` gave (once the text is live, as check sees it).
    let check = site.site(&["check", "--now", "2026-02-04T10:00"]);
    for slug in &slugs {
        assert!(
            check.stderr.contains(&format!("the slug `{slug}`")),
            "{}",
            check.stderr
        );
    }
    // The next run finds them: nothing more.
    let again = send_ok(&site, &[]);
    assert!(
        rows(&again.stdout).iter().all(|r| r.2 == "unchanged"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_servers_words_are_printed_as_plain_text_without_the_key() {
    let fake = Fake::start(KEY);
    let site = site_for(&fake);
    // A refusal that echoes the request's key, paints the terminal red, and goes on and on.
    let detail = format!(
        "\u{1b}[31mbad\u{1b}[0m\r\nfrom {{authorization}} {}",
        "x".repeat(2000)
    );
    fake.with(|s| {
        s.refuse.insert(
            "pontes-en".into(),
            (400, "body_invalid\u{7}".into(), detail),
        )
    });
    let run = send(&site, &[]);
    assert!(!run.ok);
    assert!(!run.stderr.contains(KEY) && !run.stdout.contains(KEY));
    assert!(
        !run.stderr.contains('\u{1b}')
            && !run.stderr.contains('\u{7}')
            && !run.stderr.contains('\r'),
        "{:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\\u{1b}[31mbad")
            && run.stderr.contains("from Token [the API key] xxx")
            && run.stderr.contains("x…")
            && !run.stderr.contains(&"x".repeat(400)),
        "{}",
        run.stderr
    );
    // The others went ahead.
    assert_eq!(fake.emails().len(), 2);
}
