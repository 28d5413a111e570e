//! Server functions, one file per area. Each is a thin door: who is asking (backend::auth), then a
//! service call. No SQL and no rules here.
pub mod account;
pub mod attachments;
pub mod auth;
pub mod cases;
pub mod desk;
pub mod forms;
pub mod inbound;
pub mod knowledge;
pub mod passkeys;
pub mod products;
pub mod reference;
pub mod replies;
pub mod sso;
pub mod staff;
pub mod support;
pub mod surveys;
pub mod tokens;
pub mod webhooks;
