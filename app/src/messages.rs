//! Message keys that travel as data (field errors in `AppError`), turned into text per locale.
use crate::i18n::{Locale, td_string};

/// The text of a message key in `locale`; unknown keys fall back to a generic message.
pub fn text(locale: Locale, key: &str) -> &'static str {
    match key {
        "error_email_invalid" => td_string!(locale, error_email_invalid),
        "error_email_taken" => td_string!(locale, error_email_taken),
        "error_name_invalid" => td_string!(locale, error_name_invalid),
        "error_account_unknown" => td_string!(locale, error_account_unknown),
        "error_account_required" => td_string!(locale, error_account_required),
        "error_account_staff" => td_string!(locale, error_account_staff),
        "error_password_short" => td_string!(locale, error_password_short),
        "error_bad_request" => td_string!(locale, error_bad_request),
        "error_sign_in_failed" => td_string!(locale, error_sign_in_failed),
        "error_password_common" => td_string!(locale, error_password_common),
        "error_password_long" => td_string!(locale, error_password_long),
        "error_password_mismatch" => td_string!(locale, error_password_mismatch),
        "error_password_wrong" => td_string!(locale, error_password_wrong),
        "error_password_same" => td_string!(locale, error_password_same),
        "error_contact_limit" => td_string!(locale, error_contact_limit),
        "error_link_invalid" => td_string!(locale, error_link_invalid),
        "error_phone_invalid" => td_string!(locale, error_phone_invalid),
        "error_no_access" => td_string!(locale, error_no_access),
        "error_limit_invalid" => td_string!(locale, error_limit_invalid),
        "error_limit_below_access" => td_string!(locale, error_limit_below_access),
        "error_subject_required" => td_string!(locale, error_subject_required),
        "error_subject_long" => td_string!(locale, error_subject_long),
        "error_description_long" => td_string!(locale, error_description_long),
        "error_product_unknown" => td_string!(locale, error_product_unknown),
        "error_country_long" => td_string!(locale, error_country_long),
        "error_file_too_large" => td_string!(locale, error_file_too_large),
        "error_file_empty" => td_string!(locale, error_file_empty),
        "error_file_interrupted" => td_string!(locale, error_file_interrupted),
        "error_file_gone" => td_string!(locale, error_file_gone),
        "error_too_many_files" => td_string!(locale, error_too_many_files),
        "error_upload_quota" => td_string!(locale, error_upload_quota),
        "error_form_too_large" => td_string!(locale, error_form_too_large),
        "error_rate_limited" => td_string!(locale, error_rate_limited_plain),
        "error_comment_required" => td_string!(locale, error_comment_required),
        "error_comment_long" => td_string!(locale, error_comment_long),
        "error_status_invalid" => td_string!(locale, error_status_invalid),
        "error_resolution_required" => td_string!(locale, error_resolution_required),
        "error_resolution_long" => td_string!(locale, error_resolution_long),
        "error_rating" => td_string!(locale, error_rating),
        "error_feedback_long" => td_string!(locale, error_feedback_long),
        "error_survey_answered" => td_string!(locale, error_survey_answered),
        "error_article_required" => td_string!(locale, error_article_required),
        "error_article_unknown" => td_string!(locale, error_article_unknown),
        _ => td_string!(locale, error_generic),
    }
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

/// The English text of a message key (for the CLI and logs).
pub fn english(key: &str) -> &'static str {
    text(Locale::en, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_its_own_text_in_every_language() {
        let keys = [
            "error_email_invalid",
            "error_email_taken",
            "error_name_invalid",
            "error_account_unknown",
            "error_account_required",
            "error_account_staff",
            "error_password_short",
            "error_bad_request",
            "error_subject_required",
            "error_subject_long",
            "error_description_long",
            "error_product_unknown",
            "error_country_long",
            "error_contact_limit",
            "error_link_invalid",
            "error_phone_invalid",
            "error_no_access",
            "error_limit_invalid",
            "error_limit_below_access",
            "error_file_too_large",
            "error_file_empty",
            "error_file_interrupted",
            "error_file_gone",
            "error_too_many_files",
            "error_upload_quota",
            "error_form_too_large",
            "error_rate_limited",
            "error_comment_required",
            "error_comment_long",
            "error_status_invalid",
            "error_resolution_required",
            "error_resolution_long",
            "error_rating",
            "error_feedback_long",
            "error_survey_answered",
            "error_article_required",
            "error_article_unknown",
        ];
        for locale in [Locale::en, Locale::ru, Locale::nl] {
            let generic = text(locale, "no_such_key");
            for key in keys {
                assert_ne!(text(locale, key), generic, "{key} in {locale:?}");
            }
        }
        assert_ne!(
            text(Locale::ru, "error_email_invalid"),
            text(Locale::en, "error_email_invalid")
        );
    }
}
