//! The thread of a case's emails: every email about a case carries a `Message-ID` that names the
//! case's thread and is signed (HMAC-SHA256 with the server's secret), `In-Reply-To` and
//! `References` to the thread's root, and the signed reference in its subject, so a reply can be
//! traced to its case and nobody can make up a reference to another case (FreeScout trusted a
//! guessable `Message-ID`, CVE-2026-47123). The secret lives in the database (`settings`), the same
//! for every process.
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Hex characters of the signature kept in a `Message-ID` and a subject reference (80 bits).
const SIGNATURE_HEX: usize = 20;

/// The name of the server's secret in `settings`.
pub const SECRET_SETTING: &str = "mail_thread_secret";

/// Signs what a case's emails say about their thread.
#[derive(Clone)]
pub struct ThreadSigner {
    secret: Vec<u8>,
}

impl std::fmt::Debug for ThreadSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ThreadSigner")
    }
}

impl ThreadSigner {
    /// A signer with `secret` (at least 32 bytes).
    pub fn new(secret: &[u8]) -> Self {
        Self {
            secret: secret.to_vec(),
        }
    }

    fn mac(&self, token: &str, part: &str) -> Hmac<Sha256> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes a key of any length");
        mac.update(b"portico-thread\0");
        mac.update(token.as_bytes());
        mac.update(b"\0");
        mac.update(part.as_bytes());
        mac
    }

    fn signature(&self, token: &str, part: &str) -> String {
        let mut hex = crate::backend::auth::hex(&self.mac(token, part).finalize().into_bytes());
        hex.truncate(SIGNATURE_HEX);
        hex
    }

    /// Whether `signature` is `token`'s and `part`'s (in constant time).
    fn verify(&self, token: &str, part: &str, signature: &str) -> bool {
        if signature.len() != SIGNATURE_HEX || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        let Some(bytes) = (0..SIGNATURE_HEX / 2)
            .map(|i| u8::from_str_radix(&signature[2 * i..2 * i + 2], 16).ok())
            .collect::<Option<Vec<u8>>>()
        else {
            return false;
        };
        self.mac(token, part).verify_truncated_left(&bytes).is_ok()
    }

    /// The reference a case email's subject carries: `TOKEN-SIGNATURE`.
    pub fn reference(&self, token: &str) -> String {
        format!("{token}-{}", self.signature(token, "subject"))
    }

    /// The case thread token that `reference` (from a subject) names, if its signature holds.
    pub fn read_reference(&self, reference: &str) -> Option<String> {
        let (token, signature) = reference.rsplit_once('-')?;
        (valid_token(token) && self.verify(token, "subject", signature)).then(|| token.to_string())
    }

    /// The `Message-ID` of outbox job `job`'s email about the case with thread `token`.
    pub fn message_id(&self, token: &str, job: i64, domain: &str) -> String {
        let part = job.to_string();
        format!(
            "<case.{token}.{job}.{}@{domain}>",
            self.signature(token, &part)
        )
    }

    /// The thread's root: what every email about the case answers (`In-Reply-To`, `References`).
    pub fn root(&self, token: &str, domain: &str) -> String {
        format!(
            "<case.{token}.root.{}@{domain}>",
            self.signature(token, "root")
        )
    }

    /// The case thread token that `message_id` (one Portico sent, as a reply's `In-Reply-To` or
    /// `References` names it) carries, if its signature holds; anything else is `None`.
    pub fn read_message_id(&self, message_id: &str) -> Option<String> {
        let inner = message_id
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>');
        let (local, _domain) = inner.rsplit_once('@')?;
        let rest = local.strip_prefix("case.")?;
        let (rest, signature) = rest.rsplit_once('.')?;
        let (token, part) = rest.rsplit_once('.')?;
        let valid_part = part == "root" || part.parse::<i64>().is_ok();
        (valid_token(token) && valid_part && self.verify(token, part, signature))
            .then(|| token.to_string())
    }
}

/// A thread token as `new_token` makes them (letters, digits, `-` and `_`), not too long.
fn valid_token(token: &str) -> bool {
    (8..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_signed_and_nothing_else_passes() {
        let signer = ThreadSigner::new(&[7; 32]);
        let other = ThreadSigner::new(&[8; 32]);
        let id = signer.message_id("AbC123xyZ_90", 42, "support.example");
        assert!(id.starts_with("<case.AbC123xyZ_90.42.") && id.ends_with("@support.example>"));
        assert_eq!(signer.read_message_id(&id).as_deref(), Some("AbC123xyZ_90"));
        let root = signer.root("AbC123xyZ_90", "support.example");
        assert_eq!(
            signer.read_message_id(&root).as_deref(),
            Some("AbC123xyZ_90")
        );
        // Another server's secret, another case's token, another job, a changed signature, a
        // guessed one: nothing.
        assert_eq!(other.read_message_id(&id), None);
        let forged = id.replace("AbC123xyZ_90", "OtherCase123");
        assert_eq!(signer.read_message_id(&forged), None);
        let moved = id.replace(".42.", ".43.");
        assert_eq!(signer.read_message_id(&moved), None);
        let mut flipped = id.clone();
        let at = flipped.find('@').expect("@") - 1;
        let last = if flipped.as_bytes()[at] == b'0' {
            "1"
        } else {
            "0"
        };
        flipped.replace_range(at..at + 1, last);
        assert_eq!(signer.read_message_id(&flipped), None);
        for junk in [
            "",
            "<>",
            "<case.@x>",
            "<portico.12.1700000000@support.example>",
            "<case.AbC123xyZ_90.42.00000000000000000000@support.example>",
            "<case.AbC123xyZ_90.42.zz@support.example>",
        ] {
            assert_eq!(signer.read_message_id(junk), None, "{junk}");
        }
        let reference = signer.reference("AbC123xyZ_90");
        assert_eq!(
            signer.read_reference(&reference).as_deref(),
            Some("AbC123xyZ_90")
        );
        assert_eq!(other.read_reference(&reference), None);
        assert_eq!(signer.read_reference("AbC123xyZ_90"), None, "unsigned");
        assert_eq!(signer.read_reference("00000042"), None, "a case number");
    }
}
