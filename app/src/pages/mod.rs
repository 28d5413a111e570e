//! One module per route.
pub mod account;
pub mod admin_mail;
pub mod article;
pub mod case;
pub mod case_articles;
pub mod case_comments;
pub mod case_files;
pub mod case_update;
pub mod cases;
pub mod home;
pub mod kb;
pub mod login;
pub mod new_case;
pub mod not_found;
pub mod password;
pub mod staff;
pub mod survey;
