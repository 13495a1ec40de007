//! `site email`: the email edition of one text, written into a folder to hand to the sending service.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fieldnotes::desk::names;
use fieldnotes::diagnostics::Diagnostic;
use fieldnotes::email;
use fieldnotes::output::check_folder;
use fieldnotes::site::load::{load, Selection};
use fieldnotes::view::Tools;

use super::{NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// The text: its slug (its file name without the language and `.md`), `FOLDER/SLUG` when an
    /// essay and a bulletin share it (`essays/nomes`), or its file's path
    #[arg(value_name = "TEXT")]
    slug: String,
    /// Only this language (default: every language the text is written in)
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Folder for the editions, relative to the root
    #[arg(long, short, default_value = "email")]
    output: PathBuf,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    match editions(root, &args) {
        Ok((paths, mut notes)) => {
            out.report(&mut notes);
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(mut problems) => {
            out.report(&mut problems);
            ExitCode::FAILURE
        }
    }
}

fn editions(root: &Path, args: &Args) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let dir = check_folder(root, &args.output)?;
    // Drafts and scheduled texts too: the edition is prepared before the text goes live.
    let loaded = load(root, &Selection::desk(args.now.read()?))?;
    for name in [email::HTML_TEMPLATE, email::TEXT_TEMPLATE] {
        if !loaded.interface.templates.has(name) {
            return Err(vec![Diagnostic::error(
                &Path::new("templates").join(name),
                format!("the template {name} is missing"),
            )
            .help(
                "restore it from the repository; `site email` renders each edition with it",
            )]);
        }
    }
    let index = names::find(&loaded.site, root, &args.slug, "site email").map_err(|d| vec![d])?;
    let tools = Tools::new(&loaded.interface, &loaded.highlighter, root);
    let made = email::editions(&tools, &loaded.site, index, args.lang.as_deref())?;
    let paths = email::write(&dir, &made.editions).map_err(|e| {
        vec![
            Diagnostic::error(&dir, format!("cannot write the editions: {e}"))
                .help("check that the folder is writable"),
        ]
    })?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let shown = paths
        .iter()
        .map(|p| {
            p.strip_prefix(&root)
                .map_or_else(|_| p.clone(), Path::to_path_buf)
        })
        .collect();
    Ok((shown, made.warnings))
}
