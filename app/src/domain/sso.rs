//! Single sign-on with OpenID Connect as the pages see it: the sign-in page's buttons and the
//! admins' list and form of identity providers. The client secret never leaves the server.
use crate::domain::{AccountId, IdentityProviderId};
use serde::{Deserialize, Serialize};

/// The most email domains one provider may vouch for.
pub const DOMAINS_MAX: usize = 50;

/// A "Sign in with …" button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderButton {
    /// Its id (`/auth/oidc/{id}/start`).
    pub id: IdentityProviderId,
    /// The name people know it by ("Contoso Entra ID").
    pub name: String,
}

/// One identity provider as admins see and edit it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderView {
    /// Its id (`None`: a new one, not saved yet).
    pub id: Option<IdentityProviderId>,
    /// The button's name.
    pub name: String,
    /// The issuer URL (its discovery document is under `/.well-known/openid-configuration`).
    pub issuer: String,
    /// Portico's client id there.
    pub client_id: String,
    /// A client secret is kept (it is never shown again).
    pub has_secret: bool,
    /// The email domains it may vouch for, lower case, space-separated.
    pub allowed_domains: String,
    /// It serves support staff.
    pub for_staff: bool,
    /// Shown on the sign-in page and accepted.
    pub active: bool,
    /// Every company, with whether this provider serves its contacts.
    pub companies: Vec<CompanyChoice>,
    /// Where the provider must send people back (registered there as the redirect URI).
    pub redirect_uri: String,
}

/// A company, and whether a provider serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyChoice {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Served.
    pub chosen: bool,
}

/// The domains typed into the form, as kept: lower case, without `@`, each once, in order;
/// `None` when one of them is not a domain name.
pub fn parse_domains(typed: &str) -> Option<Vec<String>> {
    let mut domains: Vec<String> = Vec::new();
    for part in typed.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let domain = part.trim().trim_start_matches('@').to_lowercase();
        if domain.is_empty() {
            continue;
        }
        let ok = domain.len() <= 253
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if !ok {
            return None;
        }
        if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    Some(domains)
}

/// Whether `email` (normalized) is at one of `domains` (exactly: `a.example` does not admit
/// `b.a.example`, nor `a.example.evil`).
pub fn domain_allowed(email: &str, domains: &str) -> bool {
    let Some((_, domain)) = email.rsplit_once('@') else {
        return false;
    };
    domains.split(' ').any(|d| !d.is_empty() && d == domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_read_the_way_admins_type_them() {
        assert_eq!(
            parse_domains(" Example.COM, @contoso.nl;example.com\nsub.example.org "),
            Some(vec![
                "example.com".to_string(),
                "contoso.nl".to_string(),
                "sub.example.org".to_string()
            ])
        );
        assert_eq!(parse_domains(""), Some(vec![]));
        assert_eq!(parse_domains("localhost"), None);
        assert_eq!(
            parse_domains("exa mple.com"),
            None,
            "two words, one without a dot"
        );
        assert_eq!(parse_domains("a..b.com"), None);
        assert_eq!(parse_domains("evil.com/x"), None);
    }

    #[test]
    fn only_the_exact_domain_is_allowed() {
        let domains = "example.com contoso.nl";
        assert!(domain_allowed("anna@example.com", domains));
        assert!(domain_allowed("jan@contoso.nl", domains));
        assert!(!domain_allowed("anna@sub.example.com", domains));
        assert!(!domain_allowed("anna@example.com.evil.org", domains));
        assert!(!domain_allowed("anna@notexample.com", domains));
        assert!(!domain_allowed("no-at-sign", domains));
        assert!(!domain_allowed("anna@example.com", ""));
    }
}
