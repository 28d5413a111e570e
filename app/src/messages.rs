//! Message keys that travel as data (field errors in `AppError`, upload refusals, the no-JS
//! `?error=FIELD:KEY`), turned into text per locale. Every key is a [`MessageKey`]: the compiler
//! refuses one that does not exist, and the match below refuses one without its text.
use crate::i18n::{Locale, td_string};

/// Declares [`MessageKey`] with each key's wire code and its locale text, in one list.
macro_rules! message_keys {
    ($($variant:ident = $code:literal => $text:ident,)*) => {
        /// A message shown next to a field or a form, in the reader's language. On the wire (JSON,
        /// URLs) it is its [`code`](MessageKey::code), e.g. `error_email_invalid`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum MessageKey {
            $(#[doc = $code] $variant,)*
        }

        impl MessageKey {
            /// Every key.
            pub const ALL: &'static [MessageKey] = &[$(Self::$variant,)*];

            /// The key as it travels: `error_...`.
            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }

            /// The key a code names, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The text in `locale`.
            pub fn text(self, locale: Locale) -> &'static str {
                match self {
                    $(Self::$variant => td_string!(locale, $text),)*
                }
            }
        }
    };
}

message_keys! {
    EmailInvalid = "error_email_invalid" => error_email_invalid,
    EmailTaken = "error_email_taken" => error_email_taken,
    NameInvalid = "error_name_invalid" => error_name_invalid,
    AccountUnknown = "error_account_unknown" => error_account_unknown,
    AccountRequired = "error_account_required" => error_account_required,
    AccountStaff = "error_account_staff" => error_account_staff,
    CompanyNameInvalid = "error_company_name_invalid" => error_company_name_invalid,
    CompanyNameTaken = "error_company_name_taken" => error_company_name_taken,
    StaffSelf = "error_staff_self" => error_staff_self,
    RoleInvalid = "error_role_invalid" => error_role_invalid,
    ProductNameInvalid = "error_product_name_invalid" => error_product_name_invalid,
    ProductNameTaken = "error_product_name_taken" => error_product_name_taken,
    ProductListEmpty = "error_product_list_empty" => error_product_list_empty,
    ProductListLong = "error_product_list_long" => error_product_list_long,
    PasswordShort = "error_password_short" => error_password_short,
    BadRequest = "error_bad_request" => error_bad_request,
    SignInFailed = "error_sign_in_failed" => error_sign_in_failed,
    PasswordCommon = "error_password_common" => error_password_common,
    PasswordLong = "error_password_long" => error_password_long,
    PasswordMismatch = "error_password_mismatch" => error_password_mismatch,
    PasswordWrong = "error_password_wrong" => error_password_wrong,
    PasswordSame = "error_password_same" => error_password_same,
    ContactLimit = "error_contact_limit" => error_contact_limit,
    LinkInvalid = "error_link_invalid" => error_link_invalid,
    PhoneInvalid = "error_phone_invalid" => error_phone_invalid,
    NoAccess = "error_no_access" => error_no_access,
    LimitInvalid = "error_limit_invalid" => error_limit_invalid,
    LimitBelowAccess = "error_limit_below_access" => error_limit_below_access,
    SubjectRequired = "error_subject_required" => error_subject_required,
    SubjectLong = "error_subject_long" => error_subject_long,
    DescriptionLong = "error_description_long" => error_description_long,
    ProductUnknown = "error_product_unknown" => error_product_unknown,
    CountryLong = "error_country_long" => error_country_long,
    FileTooLarge = "error_file_too_large" => error_file_too_large,
    FileEmpty = "error_file_empty" => error_file_empty,
    FileInterrupted = "error_file_interrupted" => error_file_interrupted,
    FileNotStored = "error_file_not_stored" => error_file_not_stored,
    FileGone = "error_file_gone" => error_file_gone,
    FileVersionStale = "error_file_version_stale" => error_file_version_stale,
    MailDecided = "error_mail_decided" => error_mail_decided,
    MailSenderNotContact = "error_mail_sender_not_contact" => error_mail_sender_not_contact,
    MailUnreadable = "error_mail_unreadable" => error_mail_unreadable,
    MailNoCase = "error_mail_no_case" => error_mail_no_case,
    MailRefused = "error_mail_refused" => error_mail_refused,
    TooManyFiles = "error_too_many_files" => error_too_many_files,
    UploadQuota = "error_upload_quota" => error_upload_quota,
    FormTooLarge = "error_form_too_large" => error_form_too_large,
    RateLimited = "error_rate_limited" => error_rate_limited_plain,
    CommentRequired = "error_comment_required" => error_comment_required,
    CommentLong = "error_comment_long" => error_comment_long,
    StatusInvalid = "error_status_invalid" => error_status_invalid,
    PriorityInvalid = "error_priority_invalid" => error_priority_invalid,
    AssigneeInvalid = "error_assignee_invalid" => error_assignee_invalid,
    CasesRequired = "error_cases_required" => error_cases_required,
    CaseChanged = "error_case_changed" => error_case_changed,
    ContactInvalid = "error_contact_invalid" => error_contact_invalid,
    AccountChoose = "error_account_choose" => error_account_choose,
    OriginInvalid = "error_origin_invalid" => error_origin_invalid,
    ReplyTitleRequired = "error_reply_title_required" => error_reply_title_required,
    ReplyTitleLong = "error_reply_title_long" => error_reply_title_long,
    ReplyTitleTaken = "error_reply_title_taken" => error_reply_title_taken,
    ReplyBodyRequired = "error_reply_body_required" => error_reply_body_required,
    LanguageChoose = "error_language_choose" => error_language_choose,
    TimeZoneInvalid = "error_time_zone_invalid" => error_time_zone_invalid,
    MessageTooLong = "error_message_too_long" => error_message_too_long,
    RequestDecided = "error_request_decided" => error_request_decided,
    ReasonRequired = "error_reason_required" => error_reason_required,
    ResolutionRequired = "error_resolution_required" => error_resolution_required,
    ResolutionLong = "error_resolution_long" => error_resolution_long,
    Rating = "error_rating" => error_rating,
    FeedbackLong = "error_feedback_long" => error_feedback_long,
    SurveyAnswered = "error_survey_answered" => error_survey_answered,
    ArticleRequired = "error_article_required" => error_article_required,
    ArticleUnknown = "error_article_unknown" => error_article_unknown,
    ArticleTitleRequired = "error_article_title_required" => error_article_title_required,
    ArticleBodyRequired = "error_article_body_required" => error_article_body_required,
    TextLong = "error_text_long" => error_text_long,
    CategoryChoose = "error_category_choose" => error_category_choose,
    ArticleChanged = "error_article_changed" => error_article_changed,
    VideoHostInvalid = "error_video_host_invalid" => error_video_host_invalid,
    TranslationUnknown = "error_translation_unknown" => error_translation_unknown,
    TranslationSameLanguage = "error_translation_same_language" => error_translation_same_language,
    TranslationTaken = "error_translation_taken" => error_translation_taken,
    Generic = "error_generic" => error_generic,
    Unavailable = "error_unavailable" => error_unavailable,
    CodeWrong = "error_code_wrong" => error_code_wrong,
    TwoFactorRequired = "error_two_factor_required" => error_two_factor_required,
    SignInExpired = "error_sign_in_expired" => error_sign_in_expired,
    EraseSelf = "error_erase_self" => error_erase_self,
    AlreadyErased = "error_already_erased" => error_already_erased,
    ConfirmEmailMismatch = "error_confirm_email_mismatch" => error_confirm_email_mismatch,
    ProviderNameRequired = "error_provider_name_required" => error_provider_name_required,
    IssuerInvalid = "error_issuer_invalid" => error_issuer_invalid,
    IssuerUnreachable = "error_issuer_unreachable" => error_issuer_unreachable,
    ClientIdRequired = "error_client_id_required" => error_client_id_required,
    ClientSecretRequired = "error_client_secret_required" => error_client_secret_required,
    DomainsInvalid = "error_domains_invalid" => error_domains_invalid,
    SsoFailed = "error_sso_failed" => error_sso_failed,
    SsoNoAccount = "error_sso_no_account" => error_sso_no_account,
    SsoDomain = "error_sso_domain" => error_sso_domain,
    TokenNameRequired = "error_token_name_required" => error_token_name_required,
    PasskeyNameRequired = "error_passkey_name_required" => error_passkey_name_required,
    PasskeysUnavailable = "error_passkeys_unavailable" => error_passkeys_unavailable,
    PasskeyRefused = "error_passkey_refused" => error_passkey_refused,
    PasskeyTaken = "error_passkey_taken" => error_passkey_taken,
    PasskeySignInFailed = "error_passkey_sign_in_failed" => error_passkey_sign_in_failed,
    PasskeyCancelled = "error_passkey_cancelled" => error_passkey_cancelled,
    PasskeyUnsupported = "error_passkey_unsupported" => error_passkey_unsupported,
    PasskeyOnDevice = "error_passkey_on_device" => error_passkey_on_device,
    WebhookUrlInvalid = "error_webhook_url_invalid" => error_webhook_url_invalid,
    WebhookUrlPrivate = "error_webhook_url_private" => error_webhook_url_private,
    WebhookUrlUnresolvable = "error_webhook_url_unresolvable" => error_webhook_url_unresolvable,
    WebhookEventsRequired = "error_webhook_events_required" => error_webhook_events_required,
    WebhookDescriptionTooLong = "error_webhook_description_too_long" => error_webhook_description_too_long,
}

impl std::fmt::Display for MessageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl From<MessageKey> for String {
    fn from(key: MessageKey) -> Self {
        key.code().to_string()
    }
}

/// The text of the key coded `code` in `locale`; a code that names no key (an old bookmark, a
/// hand-edited URL) shows the generic message.
pub fn text(locale: Locale, code: &str) -> &'static str {
    MessageKey::from_code(code)
        .unwrap_or(MessageKey::Generic)
        .text(locale)
}

/// A status as people read it.
pub fn status_label(locale: Locale, status: crate::domain::CaseStatus) -> &'static str {
    use crate::domain::CaseStatus;
    match status {
        CaseStatus::New => td_string!(locale, status_new),
        CaseStatus::InProgress => td_string!(locale, status_in_progress),
        CaseStatus::AwaitingCustomer => td_string!(locale, status_awaiting_customer),
        CaseStatus::Solved => td_string!(locale, status_solved),
        CaseStatus::Closed => td_string!(locale, status_closed),
    }
}

/// A status as `staff` (support's wording: "Awaiting customer") or a customer ("Awaiting your
/// reply") reads it.
pub fn status_label_for(
    locale: Locale,
    status: crate::domain::CaseStatus,
    staff: bool,
) -> &'static str {
    if staff && status == crate::domain::CaseStatus::AwaitingCustomer {
        td_string!(locale, status_awaiting_customer_staff)
    } else {
        status_label(locale, status)
    }
}

/// A priority as people read it.
pub fn priority_label(locale: Locale, priority: crate::domain::Priority) -> &'static str {
    use crate::domain::Priority;
    match priority {
        Priority::Low => td_string!(locale, priority_low),
        Priority::Normal => td_string!(locale, priority_normal),
        Priority::High => td_string!(locale, priority_high),
        Priority::Urgent => td_string!(locale, priority_urgent),
    }
}

/// Where a case came from, as people read it.
pub fn origin_label(locale: Locale, origin: crate::domain::CaseOrigin) -> &'static str {
    use crate::domain::CaseOrigin;
    match origin {
        CaseOrigin::Web => td_string!(locale, origin_web),
        CaseOrigin::Email => td_string!(locale, origin_email),
        CaseOrigin::Phone => td_string!(locale, origin_phone),
    }
}

/// The English text of a message key (for the CLI and logs).
pub fn english(code: &str) -> &'static str {
    text(Locale::en, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_its_own_text_in_every_language_and_a_code_that_names_it() {
        for locale in [Locale::en, Locale::ru, Locale::nl] {
            let generic = MessageKey::Generic.text(locale);
            for key in MessageKey::ALL
                .iter()
                .filter(|k| **k != MessageKey::Generic)
            {
                assert_ne!(key.text(locale), generic, "{key} in {locale:?}");
                assert!(!key.text(locale).is_empty(), "{key} in {locale:?}");
            }
        }
        for key in MessageKey::ALL {
            assert_eq!(MessageKey::from_code(key.code()), Some(*key));
            assert!(key.code().starts_with("error_"), "{key}");
        }
        assert_eq!(
            text(Locale::nl, "no_such_key"),
            MessageKey::Generic.text(Locale::nl)
        );
        assert_ne!(
            MessageKey::EmailInvalid.text(Locale::ru),
            MessageKey::EmailInvalid.text(Locale::en)
        );
    }
}
