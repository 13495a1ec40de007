//! One file per command: its arguments, a call into the library, and what the terminal shows.

pub mod build;
pub mod check;
pub mod email;
pub mod init;
pub mod new;
pub mod send;
pub mod serve;
pub mod status;

use std::io::IsTerminal;
use std::process::ExitCode;

use fieldnotes::diagnostics::{self, Diagnostic};
use fieldnotes::schedule::Now;

/// How the terminal is written to.
pub struct Terminal {
    /// Colour on a terminal, plain when piped or when NO_COLOR is set (https://no-color.org).
    pub color: bool,
}

impl Terminal {
    pub fn detect() -> Terminal {
        Terminal {
            color: std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// Colour for what goes to standard output (a table), by the same rule.
    pub fn color_stdout(&self) -> bool {
        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    /// Prints the diagnostics; returns failure when any is an error.
    pub fn report(&self, problems: &mut [Diagnostic]) -> ExitCode {
        match diagnostics::report(problems, self.color) {
            0 => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        }
    }
}

/// `--now`, shared by every command that decides what is live.
#[derive(clap::Args, Debug, Clone)]
pub struct NowArg {
    /// Take this moment as now, in the site's time zone: YYYY-MM-DDTHH:MM
    /// (default: SOURCE_DATE_EPOCH when set, else the clock)
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
    pub now: Option<String>,
}

impl NowArg {
    /// "Now", read once for the whole run.
    pub fn read(&self) -> Result<Now, Vec<Diagnostic>> {
        Now::read(self.now.as_deref()).map_err(|message| {
            let source = if self.now.is_some() {
                "--now"
            } else {
                "SOURCE_DATE_EPOCH"
            };
            vec![Diagnostic::error(std::path::Path::new(source), message)
                .help("e.g. `--now 2026-02-03T07:00`, in the time zone of site.toml's [publish]")]
        })
    }
}
