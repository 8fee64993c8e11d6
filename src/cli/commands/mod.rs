//! One module per command or family of commands. Each turns its parsed
//! arguments into a validated config once (names resolved against the
//! graph, options checked against each other), then runs it.

pub mod analysis;
pub mod diagram;
pub mod export;
pub mod import;
pub mod listing;
pub mod report;
pub mod validate;
pub mod verify;
