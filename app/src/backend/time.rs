//! Dates and times as each reader writes them: in their language's own format and their time zone
//! (pages and emails alike), with "a few seconds ago" style relative times for the recent past.
use crate::domain::Language;
use crate::i18n::*;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Every time zone a person may choose (IANA names, as browsers report them), sorted.
pub fn zone_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    names.sort_unstable();
    names
}

/// The zones to choose from as (name, label): "Europe/Amsterdam (UTC+01:00)", the offset as it is
/// at `now`.
pub fn zone_choices(now: DateTime<Utc>) -> Vec<(String, String)> {
    use chrono::Offset;
    zone_names()
        .into_iter()
        .filter_map(|name| {
            let tz: Tz = name.parse().ok()?;
            let seconds = now.with_timezone(&tz).offset().fix().local_minus_utc();
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.unsigned_abs() / 60;
            let label = format!("{name} (UTC{sign}{:02}:{:02})", minutes / 60, minutes % 60);
            Some((name.to_string(), label))
        })
        .collect()
}

/// Whether `name` is a time zone Portico knows.
pub fn is_zone(name: &str) -> bool {
    name.parse::<Tz>().is_ok()
}

/// The zone of a person's saved name; before they have one (or for a reader without an account),
/// the zone their language suggests: Moscow for Russian, Amsterdam for Dutch, UTC for English.
pub fn zone(name: &str, language: Language) -> Tz {
    name.parse().unwrap_or(match language {
        Language::En => Tz::UTC,
        Language::Ru => Tz::Europe__Moscow,
        Language::Nl => Tz::Europe__Amsterdam,
    })
}

/// `at` as `language` writes a date and time, in zone `tz`: "Dec 5, 2026, 2:13 PM",
/// "05.12.2026 14:13", "5-12-2026 14:13".
pub fn absolute(at: DateTime<Utc>, language: Language, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let pattern = match language {
        Language::En => "%b %-d, %Y, %-I:%M %p",
        Language::Ru => "%d.%m.%Y %H:%M",
        Language::Nl => "%-d-%-m-%Y %H:%M",
    };
    local.format(pattern).to_string()
}

/// Only the date of `at`, as `language` writes it, in zone `tz`.
pub fn date(at: DateTime<Utc>, language: Language, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let pattern = match language {
        Language::En => "%b %-d, %Y",
        Language::Ru => "%d.%m.%Y",
        Language::Nl => "%-d-%-m-%Y",
    };
    local.format(pattern).to_string()
}

/// How long ago `at` was, in words, if it was within the last day ("a few seconds ago",
/// "3 минуты назад", "2 uur geleden"); `None` for anything older (or in the future by more than a
/// minute's clock drift), which readers want as a date.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>, language: Language) -> Option<String> {
    let locale = crate::backend::mail::locale(language);
    let seconds = (now - at).num_seconds();
    if seconds < -60 {
        return None;
    }
    if seconds < 60 {
        return Some(td_string!(locale, ago_seconds).to_string());
    }
    let minutes = seconds / 60;
    if minutes < 60 {
        return Some(match plural(language, minutes) {
            Plural::One => td_string!(locale, ago_minutes_form1, n = minutes).to_string(),
            Plural::Few => td_string!(locale, ago_minutes_form2, n = minutes).to_string(),
            Plural::Many => td_string!(locale, ago_minutes_form3, n = minutes).to_string(),
        });
    }
    let hours = minutes / 60;
    if hours < 24 {
        return Some(match plural(language, hours) {
            Plural::One => td_string!(locale, ago_hours_form1, n = hours).to_string(),
            Plural::Few => td_string!(locale, ago_hours_form2, n = hours).to_string(),
            Plural::Many => td_string!(locale, ago_hours_form3, n = hours).to_string(),
        });
    }
    None
}

/// The plural form a number takes. English and Dutch have two (one, other: `Many` here); Russian
/// has three (1, 21 минута; 2–4, 22 минуты; 5–20, 25 минут), after the CLDR rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plural {
    One,
    Few,
    Many,
}

fn plural(language: Language, n: i64) -> Plural {
    let n = n.unsigned_abs();
    match language {
        Language::En | Language::Nl => {
            if n == 1 {
                Plural::One
            } else {
                Plural::Many
            }
        }
        Language::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => Plural::One,
            (2..=4, r) if !(12..=14).contains(&r) => Plural::Few,
            _ => Plural::Many,
        },
    }
}

/// A reader's way of writing times: their language and zone.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// The language.
    pub language: Language,
    /// The zone.
    pub tz: Tz,
}

impl Reader {
    /// The reader of the current request: the signed-in person's language and zone, else the
    /// request's language and the zone it suggests.
    pub fn current() -> Self {
        match crate::backend::auth::authenticated_request() {
            Some(auth) => Self::of(auth.user.language, &auth.user.time_zone),
            None => Self::of(crate::backend::auth::request_language(), ""),
        }
    }

    /// The reader with `language` and the saved zone `zone` (empty: none saved).
    pub fn of(language: Language, zone_name: &str) -> Self {
        Self {
            language,
            tz: zone(zone_name, language),
        }
    }

    /// `at` written out in full.
    pub fn absolute(&self, at: DateTime<Utc>) -> String {
        absolute(at, self.language, self.tz)
    }

    /// `at`'s date.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        date(at, self.language, self.tz)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, 13, 7, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn each_language_writes_dates_its_own_way_in_the_readers_zone() {
        let amsterdam = zone("Europe/Amsterdam", Language::En);
        let moscow = zone("Europe/Moscow", Language::En);
        let new_york = zone("America/New_York", Language::En);
        assert_eq!(
            absolute(at(), Language::En, new_york),
            "Dec 5, 2026, 8:07 AM"
        );
        assert_eq!(absolute(at(), Language::Ru, moscow), "05.12.2026 16:07");
        assert_eq!(absolute(at(), Language::Nl, amsterdam), "5-12-2026 14:07");
        assert_eq!(date(at(), Language::Ru, moscow), "05.12.2026");
        // Summer time: Amsterdam is UTC+2 in July.
        let july = Utc
            .with_ymd_and_hms(2026, 7, 1, 22, 30, 0)
            .single()
            .expect("a time");
        assert_eq!(absolute(july, Language::Nl, amsterdam), "2-7-2026 00:30");
    }

    #[test]
    fn without_a_saved_zone_the_language_suggests_one() {
        assert_eq!(zone("", Language::Ru), Tz::Europe__Moscow);
        assert_eq!(zone("Not/AZone", Language::Nl), Tz::Europe__Amsterdam);
        assert_eq!(zone("", Language::En), Tz::UTC);
        assert!(is_zone("Asia/Yekaterinburg"));
        assert!(!is_zone("Mars/Olympus"));
        assert!(zone_names().contains(&"Europe/Amsterdam"));
        let choices = zone_choices(at());
        assert!(choices.contains(&(
            "Asia/Kolkata".to_string(),
            "Asia/Kolkata (UTC+05:30)".to_string()
        )));
        assert!(choices.contains(&(
            "America/New_York".to_string(),
            "America/New_York (UTC-05:00)".to_string()
        )));
    }

    #[test]
    fn recent_times_read_as_how_long_ago() {
        let now = at();
        let ago = |s: i64, l| relative(now - chrono::Duration::seconds(s), now, l);
        assert_eq!(ago(5, Language::En).as_deref(), Some("a few seconds ago"));
        assert_eq!(
            ago(5, Language::Ru).as_deref(),
            Some("несколько секунд назад")
        );
        assert_eq!(
            ago(5, Language::Nl).as_deref(),
            Some("een paar seconden geleden")
        );
        assert_eq!(ago(60, Language::En).as_deref(), Some("1 minute ago"));
        assert_eq!(ago(180, Language::En).as_deref(), Some("3 minutes ago"));
        assert_eq!(ago(60, Language::Ru).as_deref(), Some("1 минуту назад"));
        assert_eq!(ago(180, Language::Ru).as_deref(), Some("3 минуты назад"));
        assert_eq!(
            ago(11 * 60, Language::Ru).as_deref(),
            Some("11 минут назад")
        );
        assert_eq!(
            ago(21 * 60, Language::Ru).as_deref(),
            Some("21 минуту назад")
        );
        assert_eq!(
            ago(2 * 3600, Language::Nl).as_deref(),
            Some("2 uur geleden")
        );
        assert_eq!(
            ago(5 * 3600, Language::Ru).as_deref(),
            Some("5 часов назад")
        );
        assert_eq!(ago(25 * 3600, Language::En), None);
        assert_eq!(ago(-3600, Language::En), None);
    }
}
