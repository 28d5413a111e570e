//! Support's case updates and the satisfaction survey, as both sides see them.
use serde::{Deserialize, Serialize};

/// The longest resolution.
pub const RESOLUTION_MAX: usize = 32_000;
/// The longest comment with a survey answer.
pub const FEEDBACK_MAX: usize = 4_000;
/// The best rating (the worst is 1).
pub const RATING_MAX: u8 = 5;

/// A survey invitation and its answer, as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyView {
    /// Who was invited.
    pub recipient_name: String,
    /// When the invitation went out (RFC 3339, UTC).
    pub sent_at: String,
    /// 1 to 5, once answered.
    pub rating: Option<u8>,
    /// The answer's comment.
    pub feedback: String,
    /// When it was answered (RFC 3339, UTC).
    pub answered_at: Option<String>,
    /// The viewer is the one invited and has not answered yet.
    pub awaits_me: bool,
}

/// What the survey page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyPage {
    /// The case's number.
    pub number: String,
    /// The case's subject.
    pub subject: String,
    /// The viewer's invitation.
    pub survey: SurveyView,
}

/// Parses a rating from a form ("1".."5").
pub fn parse_rating(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|r| (1..=RATING_MAX).contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_one_to_five() {
        assert_eq!(parse_rating(" 4 "), Some(4));
        assert_eq!(parse_rating("1"), Some(1));
        for bad in ["0", "6", "", "x", "-1", "4.5"] {
            assert_eq!(parse_rating(bad), None, "{bad:?}");
        }
    }
}
