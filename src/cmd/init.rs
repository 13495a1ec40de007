//! `site init DIR`: a new site, ready to build, in a new folder or beside the files one holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fieldnotes::desk::init;
use fieldnotes::diagnostics::Diagnostic;

use super::{NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// The new site's folder: a new one, or one whose files are left as they are (a clone's README,
    /// LICENSE and .git), as long as it holds none of the files the site needs
    dir: PathBuf,
    /// The site's languages, the home one first: BCP 47 codes separated by commas. The tool has the
    /// interface's words for pt-BR, pt-PT, en, es, fr, de and it; another language gets an
    /// i18n/CODE.ftl in English to translate
    #[arg(long, value_name = "CODES", default_value = init::DEFAULT_LANGUAGES)]
    languages: String,
    /// The newsletter's name (default: a word for "notebook" in the home language)
    #[arg(long)]
    title: Option<String>,
    /// The name that signs every text (default: "your name" in the home language)
    #[arg(long)]
    author: Option<String>,
    /// The time zone texts go live in, an IANA name
    #[arg(long, value_name = "ZONE", default_value = init::DEFAULT_TIMEZONE)]
    timezone: String,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(args: Args, out: &Terminal) -> ExitCode {
    let now = match args.now.read() {
        Ok(now) => now,
        Err(mut problems) => return out.report(&mut problems),
    };
    let options = init::Options {
        languages: args.languages.clone(),
        title: args.title.clone(),
        author: args.author.clone(),
        timezone: Some(args.timezone.clone()),
    };
    let made = match init::init(&args.dir, now, &options) {
        Ok(made) => made,
        Err(mut problems) => return out.report(&mut problems),
    };
    let dir = args.dir.display().to_string();
    let dir = dir.trim_end_matches('/');
    println!("Created a new site in {dir}/ ({} files):", made.files.len());
    let shared = ["templates/", "i18n/", "static/"];
    for (label, prefix) in [
        ("templates", "templates/"),
        ("translations", "i18n/"),
        ("static files", "static/"),
    ] {
        let n = made.files.iter().filter(|f| f.starts_with(prefix)).count();
        if n > 0 {
            println!("  {prefix:<14} {n} {label}");
        }
    }
    for file in made
        .files
        .iter()
        .filter(|f| !shared.iter().any(|p| f.starts_with(p)))
    {
        println!("  {file}");
    }
    if !made.ignored.is_empty() {
        println!(
            "Added to the existing .gitignore: {}",
            made.ignored.join(" ")
        );
    }
    if !made.kept.is_empty() {
        println!("Left as they were: {}", made.kept.join(", "));
    }
    println!(
        "The arc starts on {} {}: the sample essay and bulletin are its first week, each live from its day's publishing hour.",
        made.arc_start.format("%A"),
        made.arc_start
    );
    match (init::SOURCE_GIT, init::SOURCE_REV) {
        ("", _) | (_, "") => {
            let mut warning = [Diagnostic::warning(
                Path::new(fieldnotes::workflow::PUBLISH_WORKFLOW),
                "this build of `site` does not know where it comes from, so the publish workflow cannot install it yet",
            )
            .help("write the tool's git URL and commit in the workflow's SITE_TOOL_GIT and SITE_TOOL_REV lines (or set them as repository variables); a tool installed with SITE_TOOL_GIT=URL in its environment writes them itself")];
            out.report(&mut warning);
        }
        (git, rev) => println!(
            "The publish workflow installs site {} from {git} at {}.",
            env!("CARGO_PKG_VERSION"),
            &rev[..rev.len().min(12)]
        ),
    }
    println!("\nNext:");
    if dir != "." {
        println!("  cd {}", shell_word(&args.dir));
    }
    println!("  site serve                         # the preview, at http://127.0.0.1:1111/");
    println!("  site new essay --title \"…\"         # an essay in the next free slot");
    println!("  site status                        # the arc: what is written, scheduled, missing");
    ExitCode::SUCCESS
}

/// A path as one shell word.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
