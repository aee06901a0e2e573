//! The files journeymap reads and writes: reads within limits, writes that lose nothing.

pub mod cleanup;
pub mod read;
pub mod write;
