//! Other formats turned into maps.

pub mod mermaid;
