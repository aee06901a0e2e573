//! The repository of maps: which files, which configuration.

pub mod config;
pub mod discover;
pub mod display_name;
