//! The repository of maps: which files, which configuration, and the
//! index of what ids exist where across them.

pub mod config;
pub mod discover;
pub mod display_name;
pub mod index;
