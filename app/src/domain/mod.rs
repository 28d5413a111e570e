//! Types both sides use: ids, roles, case status and origin, case numbers, and their validation.
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod attachments;
pub mod audit;
pub mod case_list;
pub mod case_page;
pub mod cases;
pub mod inbound;
pub mod knowledge;
pub mod live;
pub mod passkeys;
pub mod reference;
pub mod replies;
pub mod sso;
pub mod staff;
pub mod support;
pub mod surveys;
pub mod tokens;
pub mod two_factor;
pub mod webhooks;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A customer company.
    AccountId,
    /// A person: customer contact, agent or admin.
    UserId,
    /// An entry of the product catalog.
    ProductId,
    /// A support case (internal id; people use the `CaseNumber`).
    CaseId,
    /// A comment on a case.
    CommentId,
    /// A stored file.
    AttachmentId,
    /// A knowledge-base article (internal id; people use its number).
    ArticleId,
    /// A canned reply of support.
    ReplyId,
    /// A message read from the support mailbox.
    InboundMailId,
    /// A request for portal access.
    AccessRequestId,
    /// An identity provider for single sign-on.
    IdentityProviderId,
    /// A URL subscribed to events (a webhook).
    WebhookId,
    /// One event sent to a webhook.
    DeliveryId,
);

/// What a signed-in person may do: customers see their company, agents and admins all companies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum Role {
    /// A contact of a customer company.
    Customer,
    /// Vendor support staff.
    Agent,
    /// Support staff who also manage settings and limits.
    Admin,
}

/// A case's state, in the order it usually moves through.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum CaseStatus {
    /// Just created, not yet picked up.
    New,
    /// Support is working on it.
    InProgress,
    /// Support waits for the customer's answer.
    AwaitingCustomer,
    /// Support proposed a solution.
    Solved,
    /// Finished; the survey goes out.
    Closed,
}

/// How a case reached support.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum CaseOrigin {
    /// The portal.
    Web,
    /// An email to support.
    Email,
    /// A phone call.
    Phone,
}

/// How urgent a case is; support sets it, the customer sees it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
// Stored as its rank (an INTEGER on both databases), so that "most urgent first" walks an index.
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[repr(i32)]
pub enum Priority {
    /// Can wait.
    Low = 1,
    /// The default.
    #[default]
    Normal = 2,
    /// Soon.
    High = 3,
    /// Now: work stops without it.
    Urgent = 4,
}

/// A UI and email language. Stored per user as its code.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum Language {
    /// English, the default.
    #[default]
    En,
    /// Russian.
    Ru,
    /// Dutch.
    Nl,
}

/// String codes as stored in the database, one table for every enum above.
macro_rules! code_enum {
    ($ty:ident { $($variant:ident = $code:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The code stored in the database and used in URLs.
            pub fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),* }
            }

            /// The value for a stored code, if it is one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($ty::$variant),)* _ => None }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s).ok_or_else(|| format!("unknown {}: {s}", stringify!($ty)))
            }
        }
    };
}

pub(crate) use code_enum;

code_enum!(Role { Customer = "customer", Agent = "agent", Admin = "admin" });
code_enum!(CaseStatus {
    New = "new",
    InProgress = "in_progress",
    AwaitingCustomer = "awaiting_customer",
    Solved = "solved",
    Closed = "closed",
});
code_enum!(CaseOrigin { Web = "web", Email = "email", Phone = "phone" });
code_enum!(Priority {
    Low = "low",
    Normal = "normal",
    High = "high",
    Urgent = "urgent",
});
code_enum!(Language { En = "en", Ru = "ru", Nl = "nl" });

impl Language {
    /// Its own name (the same in every UI language, as language pickers do).
    pub fn own_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Ru => "Русский",
            Language::Nl => "Nederlands",
        }
    }
}

impl Role {
    /// Agents and admins: the vendor's support staff.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Agent | Role::Admin)
    }
}

/// The number people quote for a case: 8 digits, zero-padded ("06746620").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct CaseNumber(pub i64);

impl CaseNumber {
    /// The largest number that still fits in 8 digits.
    pub const MAX: i64 = 99_999_999;

    /// Parses "06746620" or "6746620"; anything else (signs, letters, 9+ digits) is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() || text.len() > 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok().filter(|n| *n > 0).map(CaseNumber)
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08}", self.0)
    }
}

/// Lower-cases and trims an email address; `None` unless it looks like `local@domain.tld`.
pub fn normalize_email(input: &str) -> Option<String> {
    let email = input.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let ok = !local.is_empty()
        && email.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@');
    ok.then_some(email)
}

/// The signed-in person as pages see them (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Id.
    pub id: UserId,
    /// Full name.
    pub name: String,
    /// Email (the username).
    pub email: String,
    /// Role.
    pub role: Role,
    /// Preferred language.
    pub language: Language,
    /// IANA time zone name (`Europe/Amsterdam`); empty until the first signed-in page saves the
    /// browser's.
    pub time_zone: String,
    /// The company, for customers.
    pub account_id: Option<AccountId>,
    /// Signed in with a temporary password: must choose a new one before anything else.
    pub must_change_password: bool,
}

/// A person's own settings, as their settings page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnSettings {
    /// Their language.
    pub language: Language,
    /// Their time zone (the one their language suggests until they choose).
    pub time_zone: String,
    /// Every zone to choose from: (IANA name, label with its current UTC offset).
    pub zones: Vec<(String, String)>,
}

/// `path` if it is a path on this site; `/` for anything that could lead elsewhere (open redirects).
pub fn safe_local_path(path: &str) -> &str {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control());
    if local { path } else { "/" }
}

/// Zero-width and bidirectional formatting characters: invisible, and able to make text read
/// differently from what it is (`invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`).
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A one-line text (a subject) without control or invisible formatting characters: tabs and line
/// breaks become spaces, the rest goes, and the ends are trimmed.
pub fn clean_line(raw: &str) -> String {
    raw.chars()
        .filter(|c| !is_invisible_format(*c))
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A text of several lines (a description, a comment) without control characters but line breaks
/// and tabs, trimmed. (PostgreSQL refuses a NUL in text outright; the rest has no business in
/// what people read.)
pub fn clean_text(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// HTML-escapes text for element content (also RCDATA such as `<title>`) and quoted attribute
/// values: `&`, `<`, `>`, `"` and `'`. The one escaper for HTML written by hand (emails, the page
/// title); Leptos views escape on their own.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes `value` for a URL query (RFC 3986 unreserved characters stay as they are).
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .fold(String::with_capacity(value.len()), |mut out, b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
            out
        })
}

/// `part` of `whole` in whole percent, rounded half up (none of nothing): the satisfaction
/// report's, the articles' "found it helpful" and the deflection figure's share.
pub fn whole_percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

/// Pages only signed-in people may see: everything but sign-in and password recovery (the seeds:
/// the dashboard appears once you sign in). Unknown paths stay 404 for everyone.
pub fn requires_sign_in(path: &str) -> bool {
    const PROTECTED: &[&str] = &[
        "/cases",
        "/kb",
        "/account",
        "/staff",
        "/admin",
        "/attachments",
        "/queue",
        "/desk",
        "/access/colleague",
    ];
    path == "/"
        || PROTECTED.iter().any(|p| {
            path == *p
                || path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_keep_their_lines_and_lose_control_characters() {
        assert_eq!(
            super::clean_text(" a\u{0}b\r\n\tc\u{7}\u{9b}d \n"),
            "ab\r\n\tcd"
        );
        assert_eq!(super::clean_line("a\u{0}b\r\nc"), "ab  c");
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::safe_local_path("/kb?q=x"), "/kb?q=x");
        for evil in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "kb",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(super::safe_local_path(evil), "/", "{evil:?}");
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            super::encode_query_value("/kb?q=a b&x=é"),
            "%2Fkb%3Fq%3Da%20b%26x%3D%C3%A9"
        );
    }

    #[test]
    fn sign_in_guards_app_pages_but_not_sign_in_or_unknown_paths() {
        for p in [
            "/",
            "/cases",
            "/cases/123",
            "/kb",
            "/admin/mail",
            "/account/password",
            "/queue",
            "/desk/replies",
            "/desk/satisfaction.csv",
            "/desk/access/1",
            "/access/colleague",
            "/admin/settings",
        ] {
            assert!(super::requires_sign_in(p), "{p}");
        }
        for p in [
            "/login",
            "/login/code",
            "/auth/oidc/1/start",
            "/auth/oidc/callback",
            "/lang",
            "/healthz",
            "/pkg/portico.js",
            "/casesx",
            "/nope",
            "/survey",
            "/access/request",
        ] {
            assert!(!super::requires_sign_in(p), "{p}");
        }
    }

    use super::*;

    #[test]
    fn case_numbers_are_eight_digits_zero_padded() {
        assert_eq!(CaseNumber(6_746_620).to_string(), "06746620");
        assert_eq!(CaseNumber(1).to_string(), "00000001");
        assert_eq!(CaseNumber(CaseNumber::MAX).to_string(), "99999999");
    }

    #[test]
    fn case_number_parsing_accepts_only_plain_digits() {
        assert_eq!(CaseNumber::parse("06746620"), Some(CaseNumber(6_746_620)));
        assert_eq!(CaseNumber::parse(" 42 "), Some(CaseNumber(42)));
        for bad in ["", "0", "-1", "+5", "123456789", "12a4", "１２"] {
            assert_eq!(CaseNumber::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::from_code(s.code()), Some(*s));
        }
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(*r));
        }
        assert_eq!(Language::from_code("de"), None);
        assert!(Role::Admin.is_staff() && Role::Agent.is_staff() && !Role::Customer.is_staff());
    }

    #[test]
    fn emails_are_normalized_or_rejected() {
        assert_eq!(
            normalize_email("  Anna@Example.COM "),
            Some("anna@example.com".into())
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.com",
            "anna@example",
            "an na@example.com",
            "a@b@c.com",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad:?}");
        }
    }
}
