//! One module per route.
pub mod account;
pub mod admin_mail;
pub mod case;
pub mod cases;
pub mod home;
pub mod kb;
pub mod login;
pub mod new_case;
pub mod not_found;
pub mod password;
pub mod staff;
