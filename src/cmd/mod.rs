//! One file per command: its arguments, a call into the library, and what the terminal shows.

pub mod build;
pub mod check;
pub mod email;
pub mod init;
pub mod new;
pub mod send;
pub mod serve;
pub mod status;
pub mod translated;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use fieldnotes::config::Config;
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

/// How a command takes a "now" before the arc's first day.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Early {
    /// `build` and `check`: a given one is a mistake (an error); the clock's is a site that has not
    /// started yet (a warning).
    Refuse,
    /// `new` and `status`: a given one is worth a warning; the clock's is writing ahead.
    Warn,
}

impl NowArg {
    /// Where "now" comes from, when it is given rather than the clock's.
    fn given(&self) -> Option<String> {
        match (&self.now, std::env::var("SOURCE_DATE_EPOCH")) {
            (Some(now), _) => Some(format!("--now {now}")),
            (None, Ok(epoch)) if !epoch.trim().is_empty() => {
                Some(format!("SOURCE_DATE_EPOCH={}", epoch.trim()))
            }
            _ => None,
        }
    }

    /// What to say when `now` falls before the arc starts, read from `root`'s `site.toml` (when
    /// that cannot be read, the command's own loading says why).
    pub fn before_arc(&self, root: &Path, now: Now, early: Early) -> Option<Diagnostic> {
        let config = Config::load(&root.join("site.toml")).ok()?;
        let (arc, schedule) = (config.arc().ok()?, config.schedule().ok()?);
        let today = now.date_in(schedule.zone);
        if today >= arc.start {
            return None;
        }
        let start = arc.start;
        match (self.given(), early) {
            (Some(given), _) => {
                let source = if self.now.is_some() { "--now" } else { "SOURCE_DATE_EPOCH" };
                let message = format!(
                    "now is {today} ({given}), before the arc starts on {start}: no text is published yet"
                );
                let help = if self.now.is_some() {
                    format!("give a moment on or after the arc's start, e.g. `--now {start}T12:00`")
                } else {
                    format!("SOURCE_DATE_EPOCH is the moment a run takes as now: set it on or after {start} (the last commit's: `git log -1 --format=%ct`), or unset it to use the clock")
                };
                let d = Diagnostic::error(Path::new(source), message).help(help);
                Some(match early {
                    Early::Refuse => d,
                    Early::Warn => Diagnostic {
                        severity: diagnostics::Severity::Warning,
                        ..d
                    },
                })
            }
            (None, Early::Refuse) => Some(
                Diagnostic::warning(
                    Path::new("site.toml"),
                    format!("today is {today}, before the arc starts on {start}: no text is published yet"),
                )
                .help("texts go live from their dates; `site build --drafts` shows them, marked"),
            ),
            (None, Early::Warn) => None,
        }
    }
}
