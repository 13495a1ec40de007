//! Bad input: every problem is reported with its file and line, and a failed build changes nothing.

mod common;

use common::{files, TestSite};

const GOOD: &str = "+++\ntitle = \"T\"\ndate = 2025-08-19\nsummary = \"S\"\n+++\n\nBody.\n";

/// Builds once successfully, applies `edit`, builds again and returns the failure's messages.
fn failing(edit: impl FnOnce(&TestSite)) -> (TestSite, String) {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    edit(&site);
    let run = site.site(&["build"]);
    assert!(
        !run.ok,
        "the build should fail; it printed:\n{}",
        run.stdout
    );
    (site, run.stderr)
}

#[test]
fn unknown_front_matter_key_names_file_line_and_the_nearest_key() {
    let (_, err) =
        failing(|s| s.write("content/essays/week3.md", &GOOD.replace("title", "tittle")));
    assert!(err.contains("--> content/essays/week3.md:2:1"), "{err}");
    assert!(err.contains("unknown field `tittle`"), "{err}");
    assert!(err.contains("help: did you mean `title`?"), "{err}");
    assert!(err.contains("2 | tittle = \"T\""), "{err}");
}

#[test]
fn missing_required_key_is_an_error() {
    let (_, err) = failing(|s| {
        s.write(
            "content/essays/week3.md",
            &GOOD.replace("summary = \"S\"\n", ""),
        )
    });
    assert!(err.contains("content/essays/week3.md:2:1"), "{err}");
    assert!(err.contains("missing field `summary`"), "{err}");
    assert!(
        err.contains("help: add `summary = …` (a required key)"),
        "{err}"
    );
}

#[test]
fn wrong_weekday_names_the_expected_day_and_nearest_date() {
    let (_, err) = failing(|s| {
        s.write(
            "content/essays/week3.md",
            &GOOD.replace("2025-08-19", "2025-08-21"),
        )
    });
    assert!(err.contains("--> content/essays/week3.md:3:1"), "{err}");
    assert!(
        err.contains("2025-08-21 is a Thursday, but texts in content/essays fall on a Tuesday"),
        "{err}"
    );
    assert!(err.contains("write `date = 2025-08-19`"), "{err}");
}

#[test]
fn date_before_the_arc_is_an_error() {
    let (_, err) = failing(|s| {
        s.write(
            "content/essays/early.md",
            &GOOD.replace("2025-08-19", "2025-07-29"),
        )
    });
    assert!(err.contains("content/essays/early.md:3:1"), "{err}");
    assert!(err.contains("before the arc starts (2025-08-05)"), "{err}");
}

#[test]
fn two_texts_of_one_kind_in_a_week_name_both_files() {
    let (_, err) = failing(|s| {
        s.write(
            "content/essays/outra.pt-BR.md",
            &GOOD.replace("2025-08-19", "2025-08-05"),
        )
    });
    assert!(
        err.contains("week 1 already has a essay text: content/essays/outra.pt-BR.md and content/essays/primeira.en.md collide")
            || err.contains("content/essays/primeira"),
        "{err}"
    );
    assert!(err.contains("collide"), "{err}");
}

#[test]
fn unknown_and_unclosed_blocks_point_at_their_line() {
    let (_, err) = failing(|s| {
        s.write(
            "content/essays/week3.md",
            &format!("{GOOD}\n::: quote Q\ntext\n:::\n"),
        );
        s.write(
            "content/bulletins/week3.md",
            &GOOD
                .replace("2025-08-19", "2025-08-22")
                .replace("Body.", "Body.\n\n::: signal S\nnever closed"),
        );
    });
    assert!(err.contains("--> content/essays/week3.md:9:1"), "{err}");
    assert!(err.contains("unknown block `quote`"), "{err}");
    assert!(err.contains("--> content/bulletins/week3.md:9:1"), "{err}");
    assert!(err.contains("the `signal` block is never closed"), "{err}");
    assert!(
        err.contains("2 errors"),
        "all errors are reported, not only the first: {err}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let before = snapshot(&site.out());
    site.write("content/essays/week3.md", "+++\ntitle = \n+++\n");
    assert!(!site.site(&["build"]).ok);
    let after = snapshot(&site.out());
    assert_eq!(before, after);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("building"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn a_removed_text_does_not_linger_in_the_next_build() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    assert!(site.exists("en/essays/only-english/index.html"));
    site.remove("content/essays/only-english.en.md");
    site.build(&[]);
    assert!(!site.exists("en/essays/only-english/index.html"));
    assert!(!site.exists("ensaios/only-english/index.html"));
}

#[test]
fn unknown_site_toml_key_is_named() {
    let (_, err) = failing(|s| {
        let config = s
            .read_source("site.toml")
            .replace("readers = 3800", "reader = 3800");
        s.write("site.toml", &config);
    });
    assert!(err.contains("--> site.toml:5:1"), "{err}");
    assert!(err.contains("unknown field `reader`"), "{err}");
    assert!(err.contains("did you mean `readers`?"), "{err}");
}

#[test]
fn language_suffix_must_be_a_site_language() {
    let (_, err) = failing(|s| s.write("content/essays/week3.fr.md", GOOD));
    assert!(err.contains("content/essays/week3.fr.md"), "{err}");
    assert!(
        err.contains("`fr` is not one of the site's languages"),
        "{err}"
    );
}

/// A message the post template asks for, after the helpful prompt: `key`.
fn ask_for(site: &TestSite, key: &str) {
    let post = site.read_source("templates/post.html");
    let at = post
        .find("{% endblock content %}")
        .expect("post.html's content block");
    let mut post = post;
    post.insert_str(
        at,
        &format!("<p class=\"extra\">{{{{ t(key=\"{key}\", lang=page.lang) }}}}</p>\n"),
    );
    site.write("templates/post.html", &post);
}

#[test]
fn a_message_only_the_default_language_has_falls_back_with_a_warning() {
    let site = TestSite::fixture("basic");
    ask_for(&site, "extra-line");
    let pt = site.read_source("i18n/pt-BR.ftl");
    site.write(
        "i18n/pt-BR.ftl",
        &format!("{pt}\nextra-line = Uma linha a mais\n"),
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("warning: `extra-line` is missing; the pt-BR text is used instead"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("`extra-line` is missing").count(),
        1,
        "warned once"
    );
    let page = site.html("en/essays/primeira/index.html");
    assert_eq!(common::text(&page, ".extra"), "Uma linha a mais");
}

#[test]
fn a_message_left_out_of_a_sites_file_is_the_tools_own() {
    let site = TestSite::fixture("basic");
    let en = site
        .read_source("i18n/en.ftl")
        .replace("helpful-question = Was this page helpful?\n", "");
    site.write("i18n/en.ftl", &en);
    let run = site.build(&[]);
    assert!(!run.stderr.contains("helpful-question"), "{}", run.stderr);
    let page = site.html("en/essays/primeira/index.html");
    assert_eq!(
        common::text(&page, ".helpful-question"),
        "Was this page helpful?"
    );
}

#[test]
fn a_message_no_language_has_names_the_key_and_each_file_once() {
    let (_, err) = failing(|s| ask_for(s, "extra-line"));
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    for file in ["i18n/pt-BR.ftl", "i18n/en.ftl"] {
        assert!(
            err.contains(&format!(
                "error: the templates ask for 1 message this language has no words for: extra-line\n --> {file}"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!("help: add `extra-line = …` to {file}")),
            "{err}"
        );
    }
    assert!(!err.contains("fix the template"), "{err}");
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let (_, err) = failing(|s| {
        s.write(
            "templates/arc.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ oops( }}{% endblock content %}\n",
        )
    });
    assert!(err.contains("arc.html"), "{err}");
    assert!(err.contains("2:"), "{err}");
}

#[test]
fn refuses_to_build_over_the_sources() {
    let site = TestSite::fixture("basic");
    for output in [".", "content", "templates/x", ".."] {
        let run = site.site(&["build", "--output", output]);
        assert!(!run.ok, "--output {output} must be refused");
        assert!(
            run.stderr.contains("refusing to write the output here"),
            "{}",
            run.stderr
        );
    }
    assert!(site
        .root()
        .join("content/essays/primeira.pt-BR.md")
        .exists());
}

/// Snapshot of a folder: every file and its bytes.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_killed_build_leaves_the_old_output_or_the_whole_new_one() {
    let site = TestSite::fixture("basic");
    let body = "## Parte\n\nTexto com *ênfase* e [link](/arco/).\n\n```rust\nfn main() { println!(\"oi\"); }\n```\n\n".repeat(40);
    for week in 3..240 {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 8, 5).unwrap()
            + chrono::Days::new(7 * (week - 1));
        site.write(
            &format!("content/essays/texto-{week}.pt-BR.md"),
            &format!(
                "+++\ntitle = \"Texto {week}\"\ndate = {date}\nsummary = \"S\"\n+++\n\n{body}"
            ),
        );
    }
    site.build(&[]);
    let old = snapshot(&site.out());
    // The next build differs: one more text.
    site.write(
        "content/bulletins/extra.md",
        "+++\ntitle = \"Extra\"\ndate = 2025-08-15\nsummary = \"S\"\n+++\n\nNovo.\n",
    );
    site.build(&["--output", "reference"]);
    let new = snapshot(&site.root().join("reference"));
    assert_ne!(old, new);
    // How long a whole build of the new state takes, to spread the kill points over it.
    let started = std::time::Instant::now();
    site.build(&["--output", "scratch"]);
    let full = started.elapsed();
    let restore = || {
        std::fs::remove_dir_all(site.out()).unwrap();
        for (file, bytes) in &old {
            let path = site.out().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    };
    let (mut kept_old, mut got_new) = (0, 0);
    for step in 0..24u32 {
        let signal = if step % 2 == 0 {
            libc::SIGKILL
        } else {
            libc::SIGINT
        };
        let delay = full.mul_f64(f64::from(step) / 20.0);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_site"))
            .arg("--root")
            .arg(site.root())
            .arg("build")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The kill point is the point of this test: it lands at every stage of the build.
        std::thread::sleep(delay);
        unsafe { libc::kill(child.id() as i32, signal) };
        child.wait().unwrap();
        let now = snapshot(&site.out());
        if now == old {
            kept_old += 1;
        } else if now == new {
            got_new += 1;
            restore();
        } else {
            panic!("after a signal at {delay:?} the output is neither the old one nor the new one");
        }
    }
    assert!(
        kept_old > 0,
        "some kills landed before the swap ({got_new} after it)"
    );
    site.build(&[]);
    assert_eq!(
        snapshot(&site.out()),
        new,
        "the next build completes the change"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("building"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders of killed builds are cleared by the next build"
    );
}

/// A `site.toml` value written wrong: the error is at its line and shows the line written right.
#[test]
fn a_wrong_setting_says_how_to_write_it() {
    let publish =
        "readers = 3800\n\n[publish]\ntimezone = \"America/Sao_Paulo\"\ntime = \"07:00\"\n";
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (replace, with, at, message, help)
        (
            "time = \"07:00\"",
            "time = 07:00:00",
            "site.toml:9:8",
            "`time` takes text in double quotes, not a TOML time",
            "write `time = \"07:00\"`",
        ),
        (
            "time = \"07:00\"",
            "time = \"7:00:00\"",
            "site.toml:9:1",
            "`7:00:00` is not an hour of the day",
            "`time = \"07:00\"`",
        ),
        (
            "\"America/Sao_Paulo\"",
            "\"america/sao_paulo\"",
            "site.toml:8:1",
            "`america/sao_paulo` is not a time zone",
            "did you mean `America/Sao_Paulo`?",
        ),
        (
            "\"America/Sao_Paulo\"",
            "\"America/Sao_Paolo\"",
            "site.toml:8:1",
            "`America/Sao_Paolo` is not a time zone",
            "did you mean `America/Sao_Paulo`?",
        ),
        (
            "timezone =",
            "zone =",
            "site.toml:8:1",
            "unknown field `zone`",
            "did you mean `timezone`?",
        ),
        (
            "readers = 3800",
            "readers = 3.800",
            "site.toml:5:11",
            "`readers` takes a whole number of 0 or more, not a decimal number",
            "`readers = 3800`",
        ),
        (
            "start = 2025-08-05",
            "start = \"2025-08-05\"",
            "site.toml:12:9",
            "`start` takes a date, not text in quotes",
            "`start = 2025-08-05`",
        ),
        (
            "start = 2025-08-05",
            "start = 2025-08-06",
            "site.toml:12:1",
            "the arc starts on 2025-08-06, which is not a tuesday",
            "`start = 2025-08-05`",
        ),
        (
            "weeks = 4",
            "weeks = \"4\"",
            "site.toml:13:9",
            "`weeks` takes a whole number of 0 or more, not text in quotes",
            "`weeks = 4`",
        ),
        (
            "weeks = 4",
            "weeks = 4000000000",
            "site.toml:13:1",
            "an arc of 4000000000 weeks is longer than a hundred years",
            "at most 5200",
        ),
        (
            "start = 2025-08-05",
            "start = 9999-12-28",
            "site.toml:13:1",
            "the arc's last week would be dated after 9999-12-31",
            "start the arc earlier",
        ),
        (
            "readers = 3800",
            "readers = 3800\nsearch = \"sim\"",
            "site.toml:6:10",
            "`search` takes `true` or `false`, not text in quotes",
            "write `search = true`",
        ),
        (
            "title = \"Caderno\"",
            "title = 5",
            "site.toml:1:9",
            "`title` takes text in double quotes, not a number",
            "write `title = \"5\"`",
        ),
        (
            "code = \"en\"",
            "code = \"english!\"",
            "site.toml:32:1",
            "`english!` is not a language code",
            "BCP 47",
        ),
        (
            "label = { \"pt-BR\" = \"TUDO\", en = \"EVERYTHING\" }",
            "label = 5",
            "site.toml:39:9",
            "write text in double quotes, or one text per language code",
            "`{ \"pt-BR\" = \"…\", en = \"…\" }`",
        ),
    ];
    for (from, to, at, message, help) in cases {
        let site = TestSite::fixture("basic");
        let config = site
            .read_source("site.toml")
            .replace("readers = 3800\n", publish);
        assert!(config.contains(from), "{from}");
        site.write("site.toml", &config.replacen(from, to, 1));
        // `status` has no time limit of its own: an absurd arc must not stall it.
        let run = site.site(&["status"]);
        assert!(!run.ok, "{to}");
        let err = &run.stderr;
        assert!(err.contains(&format!("--> {at}\n")), "{to}: {err}");
        assert!(err.contains(&format!("error: {message}")), "{to}: {err}");
        assert!(err.contains(help), "{to}: {err}");
    }
}

/// Runs `site ARGS` on `site` with stdout (and stderr too, when `both`) into a pipe whose reading
/// end is already closed, as `site status | head -0` leaves it; returns how it ended and its stderr.
fn into_closed_pipe(
    site: &TestSite,
    args: &[&str],
    both: bool,
) -> (std::process::ExitStatus, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_site"));
    command
        .arg("--root")
        .arg(site.root())
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(writer.try_clone().unwrap());
    let stderr = tempfile::NamedTempFile::new().unwrap();
    if both {
        command.stderr(writer);
    } else {
        drop(writer);
        command.stderr(stderr.reopen().unwrap());
    }
    let status = command.status().unwrap();
    (status, std::fs::read_to_string(stderr.path()).unwrap())
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let before = snapshot(&site.out());
    for (args, both) in [
        (&["status"][..], false),
        (&["status", "--json"][..], false),
        (&["check"][..], false),
        (&["build"][..], true),
        (&["--help"][..], false),
    ] {
        let (status, stderr) = into_closed_pipe(&site, args, both);
        // Ended by SIGPIPE, as `cat` or `grep` are: no panic (exit 101), nothing on stderr.
        assert_eq!(
            status.signal(),
            Some(libc::SIGPIPE),
            "{args:?}: {status:?} {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args[0] == "status" {
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
        }
    }
    // The build that was stopped leaves a whole output, the same as before.
    assert_eq!(snapshot(&site.out()), before);
    assert!(
        !files(site.root())
            .iter()
            .any(|p| p.to_string_lossy().contains(".building")),
        "no staging folder left"
    );
    // With a reader that stops after the first line (`site build 2>&1 | head -1`).
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_site"))
        .arg("--root")
        .arg(site.root())
        .args(["status"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        use std::io::BufRead;
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut first).unwrap();
    }
    let status = child.wait().unwrap();
    // Today's arc of the fixture (arcs of four weeks): its number first once past the first.
    assert!(
        first.starts_with("Caderno · ") && first.contains("4-week arc from"),
        "{first}"
    );
    assert!(
        status.success() || status.signal() == Some(libc::SIGPIPE),
        "{status:?}"
    );
}
