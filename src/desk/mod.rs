//! The writer's desk: starting a site (`init`), starting a text or a translation (`new`), naming
//! a text on the command line (`names`), the skeleton of a translation (`translate`), recording
//! that a translation matches its original (`translated`) and what changed since (`changes`).

pub mod changes;
pub mod init;
pub mod names;
pub mod new;
pub mod rewrite;
pub mod skeleton;
pub mod slot;
pub mod translate;
pub mod translated;
