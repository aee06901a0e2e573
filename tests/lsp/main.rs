//! `journeymap lsp` driven over standard input and output as an editor
//! drives it: one test per row of EDITOR.md's table, and the robustness
//! cases of its rules of conduct.

mod actions;
mod agreement;
#[allow(dead_code)] // each test uses part of the client
mod client;
mod documents;
mod lifecycle;
mod navigation;
mod robustness;
