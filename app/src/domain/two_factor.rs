//! Two-factor sign-in as the pages see it: whether it is on, the setup in progress (the QR code and
//! the secret to type instead) and the recovery codes left.
use serde::{Deserialize, Serialize};

/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;

/// The person's two-factor sign-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    /// Sign-in asks for a code from their authenticator app.
    pub enabled: bool,
    /// The admins require it of staff, and this person is staff: it cannot be turned off.
    pub required: bool,
    /// Unused recovery codes.
    pub codes_left: i64,
    /// An app being set up (after "Set up", before its first code).
    pub setup: Option<TotpSetup>,
}

/// What an authenticator app needs to be set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// The QR code of the `otpauth://` address, as an SVG document (made on the server).
    pub qr_svg: String,
    /// The secret in groups of four, for typing it in instead.
    pub secret: String,
}

/// The secret in groups of four letters (easier to type and to read aloud).
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A typed code as it is checked: letters and digits only, lower case (people type spaces and
/// dashes, copy recovery codes with their dash, or type them in capitals).
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_the_way_people_type_them() {
        assert_eq!(normalize_code(" 123 456 "), "123456");
        assert_eq!(normalize_code("ABCDE-fghij"), "abcdefghij");
        assert_eq!(normalize_code("—"), "");
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
