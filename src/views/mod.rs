//! What `show`, `gaps` and `diff` print: computed as View data, then
//! rendered as tables, Markdown, CSV or JSON.

pub mod diff;
pub mod gaps;
pub mod render;
pub mod show;
