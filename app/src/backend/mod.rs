//! Server-only code: state, storage, passwords and demo data. Never compiled to WASM.
pub mod demo;
pub mod passwords;
pub mod services;
pub mod state;
pub mod store;
