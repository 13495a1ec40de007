//! `site serve`: the live preview.

use std::path::Path;
use std::process::ExitCode;

use fieldnotes::serve;

use super::{NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// Port to listen on (the next free one is taken if it is busy)
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to bind; loopback by default
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Open the preview in the browser
    #[arg(long)]
    open: bool,
    /// Hide drafts and scheduled texts (they are shown, marked, by default)
    #[arg(long)]
    no_drafts: bool,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    let now = match args.now.read() {
        Ok(now) => now,
        Err(mut problems) => return out.report(&mut problems),
    };
    let options = serve::Options {
        root: root.to_path_buf(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: !args.no_drafts,
        now,
    };
    match serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(mut problems) => {
            out.report(&mut problems);
            ExitCode::FAILURE
        }
    }
}
