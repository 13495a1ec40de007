//! The writer's desk: starting a site (`init`), starting a text or a translation (`new`), and naming
//! a text on the command line (`names`), and the skeleton of a translation (`translate`).

pub mod init;
pub mod names;
pub mod new;
pub mod translate;
