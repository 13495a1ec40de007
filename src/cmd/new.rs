//! `site new`: the file of a new text in the next free slot of its kind, or a translation's skeleton.

use std::path::Path;
use std::process::ExitCode;

use fieldnotes::desk::new::{self, Created, Request, PREVIEW_ORIGIN};
use fieldnotes::desk::translate;
use fieldnotes::diagnostics::Diagnostic;
use fieldnotes::site::load::{load_lenient, Selection};

use super::{Early, NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// essay or bulletin (not with --translate)
    #[arg(value_name = "KIND", required_unless_present = "translate")]
    kind: Option<String>,
    /// The title; the slug is made from it
    #[arg(long)]
    title: Option<String>,
    /// The slug (default: from the title)
    #[arg(long, conflicts_with = "translate")]
    slug: Option<String>,
    /// The language to write in (default: the site's default language; with --translate, the one missing)
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Take the first free slot of this arc (with --week: the arc of that week; default: today's)
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "translate",
        allow_negative_numbers = true
    )]
    arc: Option<i64>,
    /// Take this week's slot (a week of today's arc, or of --arc) instead of the next free one
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "translate",
        allow_negative_numbers = true
    )]
    week: Option<i64>,
    /// Make the skeleton of a translation of this text: its file's path (from the site's root or the
    /// current folder), or its slug (`nomes`, `essays/nomes`)
    #[arg(long, value_name = "PATH", conflicts_with = "kind")]
    translate: Option<String>,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    match create(root, &args) {
        Ok((created, mut problems)) => {
            if !problems.is_empty() {
                out.report(&mut problems);
                if problems.iter().any(|d| d.is_error()) {
                    eprintln!(
                        "The site has the errors above; the new text was written all the same.\n"
                    );
                }
            }
            let weekday = created.slot.date.format("%A");
            println!(
                "Created {} ({}, {weekday} {}, a draft)",
                created.path.display(),
                fieldnotes::site::desk::slot_name(&created.slot),
                created.slot.date
            );
            println!(
                "Preview: {PREVIEW_ORIGIN}{} (while `site serve` runs on its default address)",
                created.page
            );
            ExitCode::SUCCESS
        }
        Err(mut problems) => out.report(&mut problems),
    }
}

fn create(root: &Path, args: &Args) -> Result<(Created, Vec<Diagnostic>), Vec<Diagnostic>> {
    let now = args.now.read()?;
    // Check the kind before reading the site, so a typo is answered at once.
    let kind = args
        .kind
        .as_deref()
        .map(new::kind_named)
        .transpose()
        .map_err(|d| vec![d])?;
    let early = args.now.before_arc(root, now, Early::Warn);
    let loaded = load_lenient(root, &Selection::desk(now))?;
    let interface = loaded.interface.map_err(|mut d| {
        d.extend(loaded.problems.iter().cloned());
        d
    })?;
    let site = &loaded.site;
    let created = match (&args.translate, kind) {
        (Some(original), _) => translate::translate(
            root,
            site,
            &interface,
            original,
            args.lang.as_deref(),
            args.title.as_deref(),
        )?,
        (None, Some(kind)) => {
            let lang = match &args.lang {
                Some(code) => new::language_named(&site.config, code).map_err(|d| vec![d])?,
                None => 0,
            };
            let request = Request {
                kind,
                title: args.title.clone(),
                slug: args.slug.clone(),
                lang,
                arc: args.arc,
                week: args.week,
            };
            new::create(root, site, &interface, &request)?
        }
        (None, None) => unreachable!("clap requires KIND unless --translate is given"),
    };
    let mut problems = loaded.problems;
    problems.extend(early);
    Ok((created, problems))
}
