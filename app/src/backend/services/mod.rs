//! Use cases: the rules of each feature, called by server functions and the CLI.
pub mod auth;
pub mod cases;
pub mod contacts;
pub mod mailbox;
pub mod users;
