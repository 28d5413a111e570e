//! Personal access tokens for the REST API as a person's account page sees them.
use serde::{Deserialize, Serialize};

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    /// Read only: `GET` requests.
    Read,
    /// Read and change: every request its person may make.
    Write,
}

impl TokenScope {
    /// Its code (stored, posted, sent).
    pub const fn code(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }

    /// The scope a code names.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "read" => Some(Self::Read),
            "write" => Some(Self::Write),
            _ => None,
        }
    }
}

/// How long a new token may live, in days (the form's choices; 0: until revoked).
pub const LIFETIMES: [u32; 4] = [30, 90, 365, 0];

/// The longest name a token may have.
pub const NAME_MAX: usize = 100;

/// One token as its owner's page lists it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    /// Id (for revoking).
    pub id: i64,
    /// What its owner called it.
    pub name: String,
    /// What it may do.
    pub scope: TokenScope,
    /// Made, in the reader's time zone.
    pub created: String,
    /// Ends, in the reader's time zone (`None`: when revoked).
    pub expires: Option<String>,
    /// Last used (`None`: never).
    pub last_used: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_back_from_their_codes() {
        for scope in [TokenScope::Read, TokenScope::Write] {
            assert_eq!(TokenScope::from_code(scope.code()), Some(scope));
        }
        assert_eq!(TokenScope::from_code("admin"), None);
    }
}
