//! journeymap: check, read and report on customer journey maps kept as YAML.
//!
//! Data flows one way: paths → [`discover`] → [`load`] → [`schema`] →
//! [`rules`] → [`report`]. The library never prints; [`app`] writes only
//! through the handles it is given.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod app;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod export;
pub mod fingerprint;
pub mod gaps;
pub mod import_mermaid;
pub mod init;
pub mod load;
pub mod model;
pub mod report;
pub mod rules;
pub mod schema;
pub mod show;
pub mod span;
pub mod suggest;
pub mod view;
