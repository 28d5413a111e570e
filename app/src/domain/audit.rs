//! The audit log as admins read it: who did what to whom, when and from where.
use serde::{Deserialize, Serialize};

/// What was done. Stored as its [`code`](AuditAction::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    /// Signed in (`detail`: "two-factor" when a code was given too, "passkey" with a passkey).
    SignIn,
    /// A wrong password for an existing account.
    SignInFailed,
    /// Changed their own password, or set a new one (after a temporary password, from a link).
    PasswordChanged,
    /// Turned two-factor sign-in on.
    TwoFactorOn,
    /// Turned two-factor sign-in off.
    TwoFactorOff,
    /// Got new recovery codes.
    RecoveryCodesRenewed,
    /// Added a passkey (`detail`: its name).
    PasskeyAdded,
    /// Removed a passkey (`detail`: its name).
    PasskeyRemoved,
    /// Added a staff member (`detail`: the role).
    StaffAdded,
    /// Changed a staff member's role or access (`detail`: the role, and "deactivated").
    StaffChanged,
    /// Changed a setting of the portal (`detail`: which, and its new value).
    SettingChanged,
    /// Downloaded everything Portico holds about a person.
    PersonalDataExported,
    /// Erased a person's personal data.
    PersonalDataErased,
    /// An admin added an identity provider for single sign-on.
    IdentityProviderAdded,
    /// An admin changed an identity provider.
    IdentityProviderChanged,
    /// An admin removed an identity provider.
    IdentityProviderRemoved,
    /// Made a personal access token for the REST API.
    TokenCreated,
    /// Revoked a personal access token.
    TokenRevoked,
    /// An admin added a webhook.
    WebhookAdded,
    /// An admin changed a webhook.
    WebhookChanged,
    /// An admin removed a webhook.
    WebhookRemoved,
}

impl AuditAction {
    /// Every action.
    pub const ALL: &'static [Self] = &[
        Self::SignIn,
        Self::SignInFailed,
        Self::PasswordChanged,
        Self::TwoFactorOn,
        Self::TwoFactorOff,
        Self::RecoveryCodesRenewed,
        Self::PasskeyAdded,
        Self::PasskeyRemoved,
        Self::StaffAdded,
        Self::StaffChanged,
        Self::SettingChanged,
        Self::PersonalDataExported,
        Self::PersonalDataErased,
        Self::IdentityProviderAdded,
        Self::IdentityProviderChanged,
        Self::IdentityProviderRemoved,
        Self::TokenCreated,
        Self::TokenRevoked,
        Self::WebhookAdded,
        Self::WebhookChanged,
        Self::WebhookRemoved,
    ];

    /// The code stored in `audit_log.action`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::PasswordChanged => "password_changed",
            Self::TwoFactorOn => "two_factor_on",
            Self::TwoFactorOff => "two_factor_off",
            Self::RecoveryCodesRenewed => "recovery_codes_renewed",
            Self::PasskeyAdded => "passkey_added",
            Self::PasskeyRemoved => "passkey_removed",
            Self::StaffAdded => "staff_added",
            Self::StaffChanged => "staff_changed",
            Self::SettingChanged => "setting_changed",
            Self::PersonalDataExported => "personal_data_exported",
            Self::PersonalDataErased => "personal_data_erased",
            Self::IdentityProviderAdded => "identity_provider_added",
            Self::IdentityProviderChanged => "identity_provider_changed",
            Self::IdentityProviderRemoved => "identity_provider_removed",
            Self::TokenCreated => "token_created",
            Self::TokenRevoked => "token_revoked",
            Self::WebhookAdded => "webhook_added",
            Self::WebhookChanged => "webhook_changed",
            Self::WebhookRemoved => "webhook_removed",
        }
    }

    /// The action a stored code names.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.code() == code)
    }
}

/// One line of the log, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its id (pages go on from the last one).
    pub id: i64,
    /// When, in the reader's language and time zone.
    pub at: String,
    /// Who did it ("" when nobody signed in, such as a wrong password).
    pub actor: String,
    /// What (`None`: a code this version does not know).
    pub action: Option<AuditAction>,
    /// To whom ("" when it was not done to a person, such as a setting).
    pub subject: String,
    /// The action's own detail.
    pub detail: String,
    /// The client address it came from.
    pub client: String,
}

/// A page of the log, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The entries.
    pub entries: Vec<AuditEntry>,
    /// The id to go on before, when older entries exist.
    pub older: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_code() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(*action));
        }
        assert_eq!(AuditAction::from_code("nonsense"), None);
    }
}
