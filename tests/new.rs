//! `site new`: files for the next free slot in the site's languages, translations' skeletons, and
//! errors that name the file in the way and never replace one.

mod common;

use common::TestSite;

const NOW: &str = "2025-08-13T12:00"; // a Wednesday in week 2 of the basic fixture

fn new(site: &TestSite, args: &[&str]) -> common::Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--now", NOW]);
    site.site(&all)
}

#[test]
fn an_essay_in_the_next_free_slot_builds_as_a_draft() {
    let site = TestSite::fixture("basic");
    let run = new(
        &site,
        &["essay", "--title", "Ação à vista: o preço é justo?"],
    );
    assert!(run.ok, "{}", run.stderr);
    let path = "content/essays/acao-a-vista-o-preco-e-justo.pt-BR.md";
    assert!(
        run.stdout.contains(&format!(
            "Created {path} (week 3, Tuesday 2025-08-19, a draft)"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("http://127.0.0.1:1111/ensaios/acao-a-vista-o-preco-e-justo/"),
        "{}",
        run.stdout
    );
    let text = site.read_source(path);
    assert!(
        text.starts_with("+++\ntitle = \"Ação à vista: o preço é justo?\"\ndate = 2025-08-19\n"),
        "{text}"
    );
    assert!(text.contains("\ndraft = true\n"), "{text}");
    assert!(
        text.contains("# [[sources]]"),
        "an example of sources: {text}"
    );
    assert!(
        text.contains("## A ideia em uma linha"),
        "the essay's skeleton, in Portuguese: {text}"
    );
    // Left out of a build, shown with --drafts.
    site.build(&[]);
    assert!(!site.exists("ensaios/acao-a-vista-o-preco-e-justo/index.html"));
    site.build(&["--drafts"]);
    let page = site.html("ensaios/acao-a-vista-o-preco-e-justo/index.html");
    assert_eq!(
        common::text(&page, "h1.post-title"),
        "Ação à vista: o preço é justo?"
    );
    assert_eq!(common::text(&page, ".draft-label"), "Rascunho");
    // The next essay takes the next week.
    let run = new(&site, &["essay", "--slug", "outra"]);
    assert!(
        run.stdout.contains("(week 4, Tuesday 2025-08-26"),
        "{}",
        run.stdout
    );
    assert!(site
        .read_source("content/essays/outra.pt-BR.md")
        .contains("title = \"Ensaio da semana 4\""));
}

#[test]
fn a_bulletin_in_english_has_the_kinds_skeleton() {
    let site = TestSite::fixture("basic");
    let run = new(
        &site,
        &["bulletin", "--lang", "en", "--title", "Week three"],
    );
    assert!(run.ok, "{}", run.stderr);
    // Week 2's bulletin slot holds a draft: drafts take their slot too.
    assert!(
        run.stdout
            .contains("Created content/bulletins/week-three.en.md (week 3, Friday 2025-08-22"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("http://127.0.0.1:1111/en/bulletins/week-three/"),
        "{}",
        run.stdout
    );
    let text = site.read_source("content/bulletins/week-three.en.md");
    for line in [
        "::: signal The week's signal in one sentence",
        "## What happened",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    site.build(&["--drafts"]);
    let page = site.html("en/bulletins/week-three/index.html");
    assert_eq!(common::count(&page, ".block-signal"), 1);
}

#[test]
fn the_default_language_follows_the_sites_naming() {
    let site = TestSite::fixture("basic");
    for name in ["boletim-um", "rascunho"] {
        let from = site
            .root()
            .join(format!("content/bulletins/{name}.pt-BR.md"));
        std::fs::rename(
            &from,
            site.root().join(format!("content/bulletins/{name}.md")),
        )
        .unwrap();
    }
    let from = site.root().join("content/essays/primeira.pt-BR.md");
    std::fs::rename(&from, site.root().join("content/essays/primeira.md")).unwrap();
    let run = new(&site, &["essay", "--title", "Sem sufixo"]);
    assert!(
        run.stdout.contains("Created content/essays/sem-sufixo.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_occupied_week_names_the_file_and_the_next_free_one() {
    let site = TestSite::fixture("basic");
    let run = new(&site, &["bulletin", "--week", "1", "--title", "Outro"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "error: week 1 already has a bulletin: content/bulletins/boletim-um.pt-BR.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the next free week for a bulletin is week 3 (2025-08-22)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`site new bulletin --week 3`"),
        "{}",
        run.stderr
    );
    assert!(!site
        .root()
        .join("content/bulletins/outro.pt-BR.md")
        .exists());
}

#[test]
fn a_taken_slug_or_file_is_never_replaced() {
    let site = TestSite::fixture("basic");
    let before = site.read_source("content/essays/primeira.pt-BR.md");
    let run = new(&site, &["essay", "--title", "Primeira"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("the slug `primeira` is taken by content/essays/primeira.en.md and content/essays/primeira.pt-BR.md"), "{}", run.stderr);
    assert_eq!(site.read_source("content/essays/primeira.pt-BR.md"), before);
    let run = new(
        &site,
        &[
            "--translate",
            "content/essays/primeira.pt-BR.md",
            "--lang",
            "en",
        ],
    );
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("already written in en: content/essays/primeira.en.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_kinds_and_languages_list_the_valid_ones() {
    let site = TestSite::fixture("basic");
    let run = new(&site, &["essays"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("`essays` is not a kind of text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `essay`? The kinds are essay, bulletin"),
        "{}",
        run.stderr
    );
    let run = new(&site, &["essay", "--lang", "fr"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("`fr` is not one of the site's languages"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("The site's languages are pt-BR, en"),
        "{}",
        run.stderr
    );
    let run = new(&site, &["essay", "--slug", "Com Espaço"]);
    assert!(
        run.stderr.contains("e.g. `--slug com-espaco`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        common::files(&site.root().join("content")).len(),
        5,
        "nothing written"
    );
}

#[test]
fn a_translation_keeps_slug_date_sources_and_headings() {
    let site = TestSite::fixture("basic");
    // The one language the text lacks is taken without --lang.
    let run = new(&site, &["--translate", "content/essays/primeira.en.md"]);
    assert!(!run.ok, "both languages exist already");
    let run = new(
        &site,
        &["--translate", "content/bulletins/boletim-um.pt-BR.md"],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Created content/bulletins/boletim-um.en.md (week 1, Friday 2025-08-08"),
        "{}",
        run.stdout
    );
    let original = site.read_source("content/bulletins/boletim-um.pt-BR.md");
    let text = site.read_source("content/bulletins/boletim-um.en.md");
    assert!(
        text.contains("date = 2025-08-08\n") && text.contains("\ndraft = true\n"),
        "{text}"
    );
    assert!(
        text.contains("title = \"Guia de madeira\"")
            && text.contains("url = \"https://madeira.example/guia\""),
        "{text}"
    );
    assert!(
        text.contains("<!-- Translation of content/bulletins/boletim-um.pt-BR.md (Portuguese): “Boletim um: a bancada”."),
        "{text}"
    );
    let headings: Vec<&str> = original
        .lines()
        .filter(|l| l.starts_with('#') || l.starts_with(":::"))
        .collect();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('#') && !l.starts_with("# ") || l.starts_with(":::"))
        .collect();
    assert_eq!(kept, headings);
    site.build(&["--drafts"]);
    let page = site.html("en/bulletins/boletim-um/index.html");
    assert_eq!(common::text(&page, ".draft-label"), "Draft");
}

#[test]
fn a_translation_carries_pictures_and_code_and_marks_the_tags() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/bancada.pt-BR.md",
        "+++\ntitle = \"A bancada\"\ndate = 2025-08-26\nsummary = \"S\"\ntags = [\"madeira\", \"ferramentas\"]\n+++\n\nUma frase que o tradutor escreve de novo.\n\n## A mesa\n\nOutra frase, ![a mesa vista de cima](mesa.png) no meio.\n\n```toml\n[arc]\nweeks = 27\n```\n\nFim da prosa.\n",
    );
    std::fs::create_dir_all(site.root().join("content/essays/bancada")).unwrap();
    std::fs::copy(
        site.root().join("static/favicon.ico"),
        site.root().join("content/essays/bancada/mesa.png"),
    )
    .unwrap();
    let run = new(&site, &["--translate", "content/essays/bancada.pt-BR.md"]);
    assert!(run.ok, "{}", run.stderr);
    let text = site.read_source("content/essays/bancada.en.md");
    let body = text.split("+++").nth(2).unwrap();
    // The structure, in order; the prose is the translator's to write.
    let parts: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with("<!--"))
        .collect();
    assert_eq!(
        parts,
        [
            "## A mesa",
            "![a mesa vista de cima](mesa.png)",
            "```toml\n[arc]\nweeks = 27\n```"
        ],
        "{text}"
    );
    assert!(!text.contains("frase"), "{text}");
    // The tags are there, marked for translation.
    assert!(
        text.contains("# The original's tags: translate them (each tag's page gathers the texts of this language).\ntags = [\"madeira\", \"ferramentas\"]\n"),
        "{text}"
    );
    // The picture beside the original is found from the translation too.
    site.build(&["--drafts", "--now", NOW]);
    let page = site.html("en/essays/bancada/index.html");
    assert_eq!(
        common::attr(&page, ".post-body img", "alt"),
        "a mesa vista de cima"
    );
    assert_eq!(common::count(&page, ".post-body pre code"), 1);
}

/// The command a help line offers, between backticks after `prefix`, as its words.
fn suggested<'a>(stderr: &'a str, prefix: &str) -> Vec<&'a str> {
    let start = stderr
        .find(&format!("`{prefix}"))
        .unwrap_or_else(|| panic!("no `{prefix}…` suggested in:\n{stderr}"));
    let rest = &stderr[start + 1..];
    rest[..rest.find('`').unwrap()].split_whitespace().collect()
}

/// Runs a command as printed (`site …`) on the test site, at the test's "now".
fn run_printed(site: &TestSite, words: &[&str]) -> common::Run {
    assert_eq!(words[..2], ["site", "new"], "{words:?}");
    new(site, &words[2..])
}

#[test]
fn weeks_an_arc_does_not_have_are_refused_with_the_range() {
    let site = TestSite::fixture("basic");
    // The fixture's arcs are 4 weeks long; "now" is in the first.
    for week in ["2147483648", "4294967295", "5", "0", "-3"] {
        let run = new(&site, &["essay", "--week", week]);
        assert!(!run.ok, "--week {week}");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(run.stderr.contains(" --> --week"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("give a week from 1 to 4 of arc 1 (its essay is on 2025-08-26)"),
            "{}",
            run.stderr
        );
    }
    let run = new(&site, &["essay", "--week", "5"]);
    assert!(
        run.stderr.contains("error: arc 1 has 4 weeks, not 5"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the next arc, 2, begins on 2025-09-02"),
        "{}",
        run.stderr
    );
    for arc in ["0", "-1", "104023", "99999999999"] {
        let run = new(&site, &["essay", "--arc", arc, "--week", "1"]);
        assert!(!run.ok, "--arc {arc}");
        assert!(run.stderr.contains(" --> --arc"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("give an arc from 1 to 104022; today is in arc 1"),
            "{}",
            run.stderr
        );
    }
    // The last arc a date can hold ends early: its weeks stop at the last date.
    let run = new(&site, &["essay", "--arc", "104022", "--week", "2"]);
    assert!(
        run.stderr.contains("would be dated after 9999-12-31"),
        "{}",
        run.stderr
    );
    assert_eq!(
        common::files(&site.root().join("content")).len(),
        5,
        "nothing written"
    );
    // The last week of the range works, and the tool reads the text back.
    let run = new(
        &site,
        &[
            "essay", "--arc", "104022", "--week", "1", "--slug", "ultima",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(site
        .read_source("content/essays/ultima.pt-BR.md")
        .contains("\ndate = 9999-12-28\n"),);
    let run = site.site(&["status", "--json", "--now", NOW]);
    assert!(run.ok, "{}", run.stderr);
    let desk: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let last = desk["weeks"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["week"], 416085);
    assert_eq!(last["arc"], 104022);
    assert_eq!(last["arc_week"], 1);
    assert_eq!(last["essay"]["slug"], "ultima");
    assert_eq!(last["essay"]["date"], "9999-12-28");
}

#[test]
fn a_week_of_a_later_arc_is_named_with_its_arc() {
    let site = TestSite::fixture("basic");
    // Arc 2's week 3, and the default title says which arc.
    let run = new(&site, &["bulletin", "--arc", "2", "--week", "3"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("(arc 2, week 3, Friday 2025-09-19, a draft)"),
        "{}",
        run.stdout
    );
    let text = site.read_source("content/bulletins/arco-2-semana-3.pt-BR.md");
    assert!(text.contains("title = \"Arco 2 · Semana 3\""), "{text}");
    // Taken now: the error names the slot as the writer gives it, and the next free one.
    let run = new(&site, &["bulletin", "--arc", "2", "--week", "3"]);
    assert!(
        run.stderr
            .contains("error: arc 2, week 3 already has a bulletin"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("is arc 2, week 4 (2025-09-26): `site new bulletin --arc 2 --week 4`"),
        "{}",
        run.stderr
    );
    // `--arc` alone: that arc's first free slot, even in the past.
    let run = new(&site, &["essay", "--arc", "2", "--title", "Outra"]);
    assert!(
        run.stdout
            .contains("(arc 2, week 1, Tuesday 2025-09-02, a draft)"),
        "{}",
        run.stdout
    );
}

#[test]
fn one_slug_names_one_text_whatever_its_kind() {
    let site = TestSite::fixture("basic");
    let run = new(&site, &["bulletin", "--title", "Primeira"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "the slug `primeira` is taken by content/essays/primeira.en.md and content/essays/primeira.pt-BR.md"
        ),
        "{}",
        run.stderr
    );
    assert!(!site
        .root()
        .join("content/bulletins/primeira.pt-BR.md")
        .exists());
    let words = suggested(&run.stderr, "--slug");
    assert_eq!(words, ["--slug", "primeira-2"]);
    let run = new(
        &site,
        &["bulletin", "--title", "Primeira", "--slug", words[1]],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(site
        .root()
        .join("content/bulletins/primeira-2.pt-BR.md")
        .exists());
    // The slug is taken now too, with the same help.
    let run = new(&site, &["essay", "--slug", "primeira-2"]);
    assert!(!run.ok);
    assert_eq!(suggested(&run.stderr, "--slug"), ["--slug", "primeira-3"]);
}

#[test]
fn a_slug_in_use_suggests_the_translation_that_works() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/duas-vezes.pt-BR.md",
        "+++\ntitle = \"Duas vezes\"\ndate = 2025-08-19\nsummary = \"Medir.\"\n+++\n\n## Medir\n\nCorpo.\n",
    );
    let run = new(&site, &["essay", "--title", "Duas vezes", "--lang", "en"]);
    assert!(!run.ok);
    let words = suggested(&run.stderr, "site new --translate");
    assert_eq!(
        words,
        [
            "site",
            "new",
            "--translate",
            "content/essays/duas-vezes.pt-BR.md",
            "--lang",
            "en"
        ]
    );
    let run = run_printed(&site, &words);
    assert!(run.ok, "the suggested command, as printed: {}", run.stderr);
    let text = site.read_source("content/essays/duas-vezes.en.md");
    assert!(text.contains("date = 2025-08-19\n"), "{text}");
    // In a language it is written in already, the file to edit.
    let run = new(
        &site,
        &["essay", "--title", "Duas vezes", "--lang", "pt-BR"],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "the essay is written in pt-BR already: edit content/essays/duas-vezes.pt-BR.md"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_very_long_title_makes_a_slug_cut_at_a_word() {
    let site = TestSite::fixture("basic");
    let words = ["oficina", "régua", "serrote", "plaina", "esquadro"];
    let title: String = (0..400)
        .map(|i| words[i % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    assert!(title.chars().count() > 2000);
    let run = new(&site, &["essay", "--title", &title]);
    assert!(run.ok, "{}", run.stderr);
    let created = common::files(&site.root().join("content/essays"))
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .find(|p| p.starts_with("oficina-"))
        .expect("the new essay");
    let slug = created.trim_end_matches(".pt-BR.md");
    assert_eq!(
        slug,
        "oficina-regua-serrote-plaina-esquadro-oficina-regua-serrote"
    );
    assert!(slug.len() <= 60);
    let text = site.read_source(&format!("content/essays/{created}"));
    assert!(text.contains(&title), "the whole title is kept");
    // One word longer than a slug is cut inside it.
    let run = new(&site, &["essay", "--title", &"a".repeat(2000)]);
    assert!(run.ok, "{}", run.stderr);
    assert!(site
        .root()
        .join(format!("content/essays/{}.pt-BR.md", "a".repeat(60)))
        .exists());
    // A slug given that long is refused with the cut one.
    let run = new(&site, &["essay", "--slug", &"b-".repeat(50)]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("the slug is 100 characters long"),
        "{}",
        run.stderr
    );
    assert_eq!(suggested(&run.stderr, "--slug")[1].len(), 59);
    // A title a page cannot carry.
    let run = new(&site, &["essay", "--title", "Sino\u{7} e linha\nnova"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("U+0007"), "{}", run.stderr);
}

#[test]
fn translate_takes_paths_as_people_type_them() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap().to_string();
    let translation = site.root().join("content/bulletins/boletim-um.en.md");
    let absolute = format!("{root}/content/bulletins/boletim-um.pt-BR.md");
    for typed in [
        "content/bulletins/boletim-um.pt-BR.md",
        "./content/bulletins/boletim-um.pt-BR.md",
        "content/bulletins/../bulletins/boletim-um.pt-BR.md",
        "content//bulletins/./boletim-um.pt-BR.md",
        absolute.as_str(),
        "bulletins/boletim-um",
        "boletim-um",
    ] {
        let run = new(&site, &["--translate", typed]);
        assert!(run.ok, "{typed}: {}", run.stderr);
        assert!(translation.exists(), "{typed}");
        std::fs::remove_file(&translation).unwrap();
    }
    // From another folder, with --root: the path as typed from there.
    let content = site.root().join("content");
    for (cwd, root_arg, typed) in [
        (content.as_path(), "..", "bulletins/boletim-um.pt-BR.md"),
        (
            site.root().parent().unwrap(),
            root.as_str(),
            &*format!(
                "{}/content/bulletins/boletim-um.pt-BR.md",
                site.root().file_name().unwrap().to_str().unwrap()
            ),
        ),
    ] {
        let run = site.site_in(
            cwd,
            &[
                "--root",
                root_arg,
                "new",
                "--translate",
                typed,
                "--now",
                NOW,
            ],
        );
        assert!(run.ok, "{typed} from {}: {}", cwd.display(), run.stderr);
        assert!(
            run.stdout
                .contains("Created content/bulletins/boletim-um.en.md"),
            "{}",
            run.stdout
        );
        std::fs::remove_file(&translation).unwrap();
    }
    for typed in [
        "content/../boletim-um.pt-BR.md",
        "../boletim-um.pt-BR.md",
        "/etc/hostname.md",
    ] {
        let run = new(&site, &["--translate", typed]);
        assert!(!run.ok, "{typed}");
        assert!(
            run.stderr.contains("not a text of the site"),
            "{typed}: {}",
            run.stderr
        );
    }
    let run = new(&site, &["--translate", "content/../site.toml"]);
    assert!(run.stderr.contains("names no text"), "{}", run.stderr);
    assert!(!translation.exists());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_site_is_refused_before_it_is_read() {
    let site = TestSite::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("segredo.md");
    // Broken front matter: a file that is read would be quoted in the error.
    std::fs::write(&secret, "+++\nsenha = \"SEGREDO-DE-FORA\"\n").unwrap();
    let link = site.root().join("content/essays/fora.pt-BR.md");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let run = new(
        &site,
        &[
            "--translate",
            "content/essays/fora.pt-BR.md",
            "--lang",
            "en",
        ],
    );
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("this symbolic link points outside the site"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("SEGREDO"), "{}", run.stderr);
    assert!(!run.stdout.contains("SEGREDO"), "{}", run.stdout);
    assert!(!site.root().join("content/essays/fora.en.md").exists());
}
