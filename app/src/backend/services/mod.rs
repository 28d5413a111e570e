//! Use cases: the rules of each feature, called by server functions and the CLI.
pub mod accounts;
pub mod articles;
pub mod attachments;
pub mod auth;
pub mod case_list;
pub mod case_page;
pub mod cases;
pub mod contacts;
pub mod desk;
pub mod inbound;
pub mod knowledge;
pub mod mailbox;
pub mod products;
pub mod replies;
pub mod staff;
pub mod surveys;
pub mod users;
