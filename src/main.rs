//! The command line: parses the arguments and hands each command to its file in `cmd/`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Build(cmd::build::Args),
    /// Run every validation without writing output: texts, blocks, weeks, templates, translations,
    /// and every internal link and anchor of the rendered pages
    Check(cmd::check::Args),
    /// Live preview: serves the site from memory and reloads open pages on every save
    Serve(cmd::serve::Args),
    /// Write the email edition of a text (HTML and plain text), drafts and scheduled texts included
    Email(cmd::email::Args),
    /// Hand the editions due in the next days to Buttondown, each scheduled for its hour, exactly once
    Send(cmd::send::Args),
    /// Start a text in the next free slot of its kind, or the skeleton of a translation
    New(cmd::new::Args),
    /// The arc at a glance: each week's slots and, per language, published, scheduled, draft,
    /// missing, outdated or untracked; or what changed in a translation's original (--changes)
    Status(cmd::status::Args),
    /// Record that a translation matches its original as it is now (rewrites only its [translation] record)
    Translated(cmd::translated::Args),
    /// Make a new site, ready to build, in a new or empty folder
    Init(cmd::init::Args),
}

fn main() -> ExitCode {
    // `site status | head -1`: a reader that stops reading ends the run quietly, as it ends any
    // command-line tool, instead of a panic on the next write (Rust ignores SIGPIPE by default).
    // Every write is covered (tables, diagnostics, clap's help), and a build stopped this way leaves
    // the previous output as it was, like any other interrupted build.
    sigpipe(true);
    let cli = Cli::parse();
    let out = cmd::Terminal::detect();
    match cli.command {
        Command::Build(args) => cmd::build::run(&cli.root, args, &out),
        Command::Check(args) => cmd::check::run(&cli.root, args, &out),
        Command::Serve(args) => {
            // The preview writes to browsers' sockets: one that hangs up must not end it. Its
            // terminal lines ignore a closed terminal instead.
            sigpipe(false);
            cmd::serve::run(&cli.root, args, &out)
        }
        Command::Email(args) => cmd::email::run(&cli.root, args, &out),
        Command::Send(args) => cmd::send::run(&cli.root, args, &out),
        Command::New(args) => cmd::new::run(&cli.root, args, &out),
        Command::Status(args) => cmd::status::run(&cli.root, args, &out),
        Command::Translated(args) => cmd::translated::run(&cli.root, args, &out),
        Command::Init(args) => cmd::init::run(args, &out),
    }
}

/// `true`: SIGPIPE ends the process (the default of Unix tools); `false`: it is ignored, and a write
/// to a closed pipe or socket is an error the code handles (Rust's default).
fn sigpipe(default: bool) {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_DFL or SIG_IGN, before any thread is started
    // (serve starts its threads after this call), installs no handler.
    unsafe {
        libc::signal(
            libc::SIGPIPE,
            if default {
                libc::SIG_DFL
            } else {
                libc::SIG_IGN
            },
        );
    }
    #[cfg(not(unix))]
    let _ = default;
}
