//! One file: reading it (YAML → JSON), locating its nodes, validating it
//! against the schema, and the typed model.

pub mod load;
pub mod model;
pub mod nodes;
pub mod schema;
pub mod span;
