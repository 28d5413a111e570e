//! Passkeys as their owner's account page sees them, and what a browser needs for a ceremony.
use serde::{Deserialize, Serialize};

/// The longest name a passkey may have.
pub const NAME_MAX: usize = 60;

/// One passkey as its owner's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    /// Id (for removing).
    pub id: i64,
    /// What its owner called it.
    pub name: String,
    /// Added, in the reader's time zone.
    pub created: String,
    /// Last used to sign in (`None`: never).
    pub last_used: Option<String>,
}

/// The caller's passkeys and whether this portal can use passkeys at all (browsers allow them only
/// on a domain name over HTTPS, or on `localhost`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyList {
    /// Passkeys work here.
    pub available: bool,
    /// The caller's passkeys, oldest first.
    pub passkeys: Vec<PasskeyView>,
}

/// A ceremony begun: the token that finishes it, and the options for the browser's
/// `navigator.credentials` (WebAuthn's JSON form, as `PublicKeyCredential.parse…FromJSON` reads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyCeremony {
    /// Finishes this ceremony, once.
    pub token: String,
    /// `{"publicKey": {…}}`.
    pub options: String,
}
