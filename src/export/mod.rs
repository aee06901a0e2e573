//! Exports: a valid map as a page, a diagram or a document. Pure functions
//! from the map (and its findings) to text.

pub mod html;
pub mod markdown;
pub mod mermaid;
