//! The command line: `site build`, `site check` and `site serve`; turns results into terminal output and exit codes.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use fieldnotes::pipeline::{self, Options};
use fieldnotes::serve;
use fieldnotes::{check, diagnostics};

#[derive(Parser)]
#[command(
    name = "site",
    version,
    about = "Builds the newsletter site from content/, templates/, static/ and i18n/"
)]
struct Cli {
    /// The site's root folder (holds site.toml)
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the whole site into a folder ready to deploy
    Build {
        /// Output folder, relative to the root
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
        /// Base URL to use instead of site.toml's `base_url`
        #[arg(long)]
        base_url: Option<String>,
        /// Include texts marked `draft = true`
        #[arg(long)]
        drafts: bool,
    },
    /// Run every validation without writing output: texts, blocks, weeks, templates, translations,
    /// and every internal link and anchor of the rendered pages
    Check {
        /// Also check that every source URL answers (needs the network)
        #[arg(long)]
        external: bool,
        /// Include texts marked `draft = true`
        #[arg(long)]
        drafts: bool,
    },
    /// Live preview: serves the site from memory and reloads open pages on every save
    Serve {
        /// Port to listen on (the next free one is taken if it is busy)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to bind; loopback by default
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the preview in the browser
        #[arg(long)]
        open: bool,
        /// Hide drafts (they are shown, marked, by default)
        #[arg(long)]
        no_drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Colour on a terminal, plain when piped or when NO_COLOR is set (https://no-color.org).
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
        } => {
            let options = Options {
                root: cli.root,
                output,
                base_url,
                drafts,
            };
            match pipeline::build(&options) {
                Ok(mut report) => {
                    diagnostics::report(&mut report.warnings, color);
                    let pages: Vec<String> = report
                        .pages
                        .iter()
                        .map(|(l, n)| format!("{n} pages in {l}"))
                        .collect();
                    println!(
                        "Built {}, {} feeds, sitemap and {} static files in {} ms → {}",
                        pages.join(", "),
                        report.feeds,
                        report.static_files,
                        report.elapsed.as_millis(),
                        options.root.join(&options.output).display()
                    );
                    ExitCode::SUCCESS
                }
                Err(mut problems) => {
                    diagnostics::report(&mut problems, color);
                    eprintln!("The build failed; the previous output was left as it was.");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { external, drafts } => match check::check(&cli.root, drafts, external) {
            Ok(mut report) => {
                let mut shown = report.notes;
                shown.append(&mut report.warnings);
                diagnostics::report(&mut shown, color);
                let external = if external {
                    format!(", {} source URLs answered", report.external)
                } else {
                    String::new()
                };
                println!(
                    "Checked {} pages and {} internal links and anchors{external}: no errors.",
                    report.pages, report.links
                );
                ExitCode::SUCCESS
            }
            Err(mut problems) => {
                diagnostics::report(&mut problems, color);
                ExitCode::FAILURE
            }
        },
        Command::Serve {
            port,
            bind,
            open,
            no_drafts,
        } => {
            let options = serve::Options {
                root: cli.root,
                bind,
                port,
                open,
                drafts: !no_drafts,
            };
            match serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(mut problems) => {
                    diagnostics::report(&mut problems, color);
                    ExitCode::FAILURE
                }
            }
        }
    }
}
