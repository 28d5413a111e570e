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
    /// Reached through the emailed link (no sign-in needed): the page offers no way to the case,
    /// which an email-only contact cannot open.
    pub by_link: bool,
}

/// How long an emailed survey link stays valid.
pub const SURVEY_LINK_DAYS: i64 = 28;

/// What the satisfaction report groups answers by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportBy {
    /// The case's assignee.
    #[default]
    Agent,
    /// The case's product.
    Product,
    /// The month of the answer (UTC).
    Month,
}

impl ReportBy {
    /// Every grouping, in the order the page offers them.
    pub const ALL: [ReportBy; 3] = [ReportBy::Agent, ReportBy::Product, ReportBy::Month];

    /// As in a URL.
    pub fn code(self) -> &'static str {
        match self {
            ReportBy::Agent => "agent",
            ReportBy::Product => "product",
            ReportBy::Month => "month",
        }
    }

    /// From a URL; anything else is the default.
    pub fn parse(text: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|b| b.code() == text)
            .unwrap_or_default()
    }
}

/// Which answers the satisfaction report counts, by when they came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    /// The last 30 days.
    Days30,
    /// The last 90 days.
    Days90,
    /// The last 12 months.
    #[default]
    Months12,
    /// Every answer.
    All,
}

impl ReportPeriod {
    /// Every period, in the order the page offers them.
    pub const ALL: [ReportPeriod; 4] = [
        ReportPeriod::Days30,
        ReportPeriod::Days90,
        ReportPeriod::Months12,
        ReportPeriod::All,
    ];

    /// As in a URL.
    pub fn code(self) -> &'static str {
        match self {
            ReportPeriod::Days30 => "30d",
            ReportPeriod::Days90 => "90d",
            ReportPeriod::Months12 => "12m",
            ReportPeriod::All => "all",
        }
    }

    /// From a URL; anything else is the default.
    pub fn parse(text: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|p| p.code() == text)
            .unwrap_or_default()
    }

    /// How many days back it reaches (`None`: all of them).
    pub fn days(self) -> Option<i64> {
        match self {
            ReportPeriod::Days30 => Some(30),
            ReportPeriod::Days90 => Some(90),
            ReportPeriod::Months12 => Some(365),
            ReportPeriod::All => None,
        }
    }
}

/// One row of the satisfaction report: the answers of one agent, product or month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatisfactionRow {
    /// The agent's or product's name, or the month as `YYYY-MM`; empty for cases with no
    /// assignee or no product.
    pub label: String,
    /// How many answers.
    pub responses: i64,
    /// The ratings added up.
    pub rating_sum: i64,
    /// How many answers rated 4 or 5.
    pub satisfied: i64,
}

impl SatisfactionRow {
    /// The average rating, 1.0 to 5.0 (0.0 without answers).
    pub fn average(&self) -> f64 {
        if self.responses == 0 {
            0.0
        } else {
            self.rating_sum as f64 / self.responses as f64
        }
    }

    /// The share of answers rated 4 or 5, in whole percent (rounded).
    pub fn satisfied_percent(&self) -> i64 {
        crate::domain::whole_percent(self.satisfied, self.responses).unwrap_or(0)
    }
}

/// The satisfaction report as the page and the CSV show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatisfactionReport {
    /// The grouping.
    pub by: ReportBy,
    /// The period.
    pub period: ReportPeriod,
    /// One row per agent, product or month (months oldest first, the others most answers first).
    pub rows: Vec<SatisfactionRow>,
    /// Every answer of the period together (its label is empty).
    pub total: SatisfactionRow,
}

/// One CSV field: quoted when it holds a separator, a quote or a line break, and with a leading
/// `'` when a spreadsheet would take it for a formula (`=`, `+`, `-`, `@`, tab, carriage return).
pub fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
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
    fn averages_and_shares_round_as_people_expect() {
        let row = |responses, rating_sum, satisfied| SatisfactionRow {
            label: String::new(),
            responses,
            rating_sum,
            satisfied,
        };
        assert_eq!(row(0, 0, 0).average(), 0.0);
        assert_eq!(row(0, 0, 0).satisfied_percent(), 0);
        assert_eq!(row(3, 13, 2).average(), 13.0 / 3.0);
        assert_eq!(row(3, 13, 2).satisfied_percent(), 67, "2 of 3 is 66.7 %");
        assert_eq!(row(3, 5, 1).satisfied_percent(), 33);
        assert_eq!(row(8, 20, 1).satisfied_percent(), 13, "12.5 % rounds up");
        assert_eq!(row(4, 20, 4).satisfied_percent(), 100);
    }

    #[test]
    fn report_choices_round_trip_through_the_url() {
        for by in ReportBy::ALL {
            assert_eq!(ReportBy::parse(by.code()), by);
        }
        for period in ReportPeriod::ALL {
            assert_eq!(ReportPeriod::parse(period.code()), period);
        }
        assert_eq!(ReportBy::parse("nonsense"), ReportBy::Agent);
        assert_eq!(ReportPeriod::parse(""), ReportPeriod::Months12);
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Printer X"), "Printer X");
        assert_eq!(csv_field("Smith, Jane"), "\"Smith, Jane\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1 555"), "'+1 555");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn ratings_are_one_to_five() {
        assert_eq!(parse_rating(" 4 "), Some(4));
        assert_eq!(parse_rating("1"), Some(1));
        for bad in ["0", "6", "", "x", "-1", "4.5"] {
            assert_eq!(parse_rating(bad), None, "{bad:?}");
        }
    }
}
