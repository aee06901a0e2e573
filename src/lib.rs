//! journeymap: check, read and report on customer journey maps kept as YAML.
//!
//! Data flows one way: paths → [`workspace`] → [`map`] (load, schema) →
//! [`rules`] → [`report`]. The library never prints; [`app`] writes only
//! through the handles it is given.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod app;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod completions;
pub mod diagnostic;
pub mod editor;
pub mod export;
pub mod files;
pub mod fingerprint;
pub mod fix;
pub mod import;
pub mod init;
pub mod lsp;
pub mod man;
pub mod map;
pub mod report;
pub mod rules;
pub mod suggest;
pub mod views;
pub mod workspace;
