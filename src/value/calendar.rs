//! Calendar arithmetic on [`chrono::NaiveDate`].
//!
//! Prose counts in calendar units ("three months ago", "next quarter",
//! "the 1990s"), which are not fixed numbers of days. These helpers do that
//! arithmetic the way a reader would: a month after 31 January is the end of
//! February, and 31 August to 30 September is one month.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Mean length of a Gregorian year in days (400-year cycle).
const DAYS_PER_YEAR: f64 = 365.2425;

/// A unit a duration or period can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CalendarUnit {
    /// One second.
    Second,
    /// Sixty seconds.
    Minute,
    /// Sixty minutes.
    Hour,
    /// One calendar day.
    Day,
    /// Seven days.
    Week,
    /// Fourteen days.
    Fortnight,
    /// One calendar month (28 to 31 days).
    Month,
    /// Three calendar months.
    Quarter,
    /// Twelve calendar months.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}

impl CalendarUnit {
    /// Every unit, shortest first.
    pub const ALL: [Self; 11] = [
        Self::Second,
        Self::Minute,
        Self::Hour,
        Self::Day,
        Self::Week,
        Self::Fortnight,
        Self::Month,
        Self::Quarter,
        Self::Year,
        Self::Decade,
        Self::Century,
    ];

    /// The unit for its canonical singular lower-case name (`"month"`,
    /// `"fortnight"`, …), as used in config files. Plurals, abbreviations and
    /// other spellings are the lexicon's business, not this function's.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.name() == name)
    }

    /// The canonical singular lower-case name; the inverse of
    /// [`CalendarUnit::from_name`].
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Second => "second",
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::Day => "day",
            Self::Week => "week",
            Self::Fortnight => "fortnight",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
            Self::Decade => "decade",
            Self::Century => "century",
        }
    }

    /// Average length in days (a month is 365.2425 / 12): for comparing or
    /// approximating durations when no anchor date is known. Exact for units
    /// up to a fortnight.
    #[must_use]
    pub fn approx_days(self) -> f64 {
        match self {
            Self::Second => 1.0 / 86_400.0,
            Self::Minute => 1.0 / 1_440.0,
            Self::Hour => 1.0 / 24.0,
            Self::Day => 1.0,
            Self::Week => 7.0,
            Self::Fortnight => 14.0,
            Self::Month => DAYS_PER_YEAR / 12.0,
            Self::Quarter => DAYS_PER_YEAR / 4.0,
            Self::Year => DAYS_PER_YEAR,
            Self::Decade => DAYS_PER_YEAR * 10.0,
            Self::Century => DAYS_PER_YEAR * 100.0,
        }
    }

    /// The number of calendar months in one of this unit, for the month-based
    /// units.
    const fn months(self) -> Option<i64> {
        match self {
            Self::Month => Some(1),
            Self::Quarter => Some(3),
            Self::Year => Some(12),
            Self::Decade => Some(120),
            Self::Century => Some(1200),
            _ => None,
        }
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
#[must_use]
pub const fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in month `month` (1–12) of `year`.
///
/// # Panics
///
/// If `month` is not in 1–12.
#[must_use]
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => panic!("month must be in 1..=12"),
    }
}

/// The last day of month `month` (1–12) of `year`: where "by the end of
/// March" points.
///
/// # Panics
///
/// If `month` is not in 1–12 or `year` is outside chrono's range.
#[must_use]
pub fn month_end(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))
        .expect("year within chrono's range")
}

/// `date` moved by `months` calendar months, clamping the day to the end of
/// the target month (31 January + 1 month = 28 or 29 February). `None` when
/// the result is outside chrono's range.
#[must_use]
pub fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month0()) + i64::from(months);
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let day = date.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `date` moved by `years` calendar years (29 February + 1 year = 28
/// February). `None` on overflow.
#[must_use]
pub fn add_years(date: NaiveDate, years: i32) -> Option<NaiveDate> {
    add_months(date, years.checked_mul(12)?)
}

/// `date` moved by `days` days (negative for earlier). `None` on overflow.
#[must_use]
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(n)
    } else {
        date.checked_sub_days(n)
    }
}

/// `date` moved by `amount` of `unit`, calendar-aware for month-based units.
/// `None` for sub-day units (a date has no time of day) and on overflow.
#[must_use]
pub fn add(date: NaiveDate, amount: i64, unit: CalendarUnit) -> Option<NaiveDate> {
    match unit {
        CalendarUnit::Second | CalendarUnit::Minute | CalendarUnit::Hour => None,
        CalendarUnit::Day => add_days(date, amount),
        CalendarUnit::Week => add_days(date, amount.checked_mul(7)?),
        CalendarUnit::Fortnight => add_days(date, amount.checked_mul(14)?),
        month_based => {
            let months = amount.checked_mul(month_based.months()?)?;
            add_months(date, i32::try_from(months).ok()?)
        }
    }
}

/// How many of `unit` lie between `from` and `to`, negative when `to` is
/// before `from`.
///
/// Units up to a fortnight are exact day counts. Month-based units count
/// whole calendar months from `from` (with [`add_months`], so 31 August → 30
/// September is one month) plus the elapsed fraction of the next month;
/// quarters, years, decades and centuries are that month count divided by
/// 3, 12, 120 and 1200.
#[must_use]
pub fn elapsed_in(from: NaiveDate, to: NaiveDate, unit: CalendarUnit) -> f64 {
    if to < from {
        return -elapsed_in(to, from, unit);
    }
    #[allow(clippy::cast_precision_loss)] // day counts are far below 2^53
    let days = (to - from).num_days() as f64;
    match unit.months() {
        None => match unit {
            CalendarUnit::Second => days * 86_400.0,
            CalendarUnit::Minute => days * 1_440.0,
            CalendarUnit::Hour => days * 24.0,
            other => days / other.approx_days(),
        },
        #[allow(clippy::cast_precision_loss)]
        Some(per) => elapsed_months(from, to) / per as f64,
    }
}

/// Calendar months from `from` to `to` (`from <= to`), fractional.
fn elapsed_months(from: NaiveDate, to: NaiveDate) -> f64 {
    let mut whole = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    let step = |n: i64| i32::try_from(n).ok().and_then(|n| add_months(from, n));
    // The estimate is off by at most one; settle on the largest n with
    // from + n months <= to.
    while whole > 0 && step(whole).is_none_or(|d| d > to) {
        whole -= 1;
    }
    while step(whole + 1).is_some_and(|d| d <= to) {
        whole += 1;
    }
    let Some(base) = step(whole) else {
        return 0.0;
    };
    #[allow(clippy::cast_precision_loss)]
    let into_next = (to - base).num_days() as f64;
    #[allow(clippy::cast_precision_loss)]
    let next_len = step(whole + 1).map_or(CalendarUnit::Month.approx_days(), |n| {
        (n - base).num_days() as f64
    });
    #[allow(clippy::cast_precision_loss)]
    let whole = whole as f64;
    whole + into_next / next_len
}

/// An inclusive span of days: what a written period ("March 2024", "Q3",
/// "the 1990s") denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day in the range.
    pub start: NaiveDate,
    /// Last day in the range (inclusive).
    pub end: NaiveDate,
}

impl DateRange {
    /// The range from `start` to `end` inclusive; `None` if `end < start`.
    #[must_use]
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        (start <= end).then_some(Self { start, end })
    }

    /// The single day `d`.
    #[must_use]
    pub const fn day(d: NaiveDate) -> Self {
        Self { start: d, end: d }
    }

    /// Month `month` (1–12) of `year`; `None` for an invalid month or year.
    #[must_use]
    pub fn month(year: i32, month: u32) -> Option<Self> {
        if !(1..=12).contains(&month) {
            return None;
        }
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, month, 1)?,
            end: NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?,
        })
    }

    /// The calendar year `year`.
    #[must_use]
    pub fn year(year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// Calendar quarter `quarter` (1–4) of `year`: Q1 is January–March.
    #[must_use]
    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        Self::months(year, quarter * 3 - 2, 3)
    }

    /// Half `half` (1–2) of `year`: H1 is January–June.
    #[must_use]
    pub fn half(year: i32, half: u32) -> Option<Self> {
        if !(1..=2).contains(&half) {
            return None;
        }
        Self::months(year, half * 6 - 5, 6)
    }

    /// Ten years from 1 January of `start_year` ("the 1990s" is
    /// `decade(1990)`); any start year is accepted.
    #[must_use]
    pub fn decade(start_year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(start_year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(start_year.checked_add(9)?, 12, 31)?,
        })
    }

    /// The ISO week (Monday to Sunday) containing `d`; `None` only at the
    /// edges of chrono's range.
    #[must_use]
    pub fn week_of(d: NaiveDate) -> Option<Self> {
        let start = add_days(d, -i64::from(d.weekday().num_days_from_monday()))?;
        Some(Self {
            start,
            end: add_days(start, 6)?,
        })
    }

    /// `count` months starting with month `first` of `year`.
    fn months(year: i32, first: u32, count: u32) -> Option<Self> {
        let last = first + count - 1;
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, first, 1)?,
            end: NaiveDate::from_ymd_opt(year, last, days_in_month(year, last))?,
        })
    }

    /// Whether `d` falls within the range.
    #[must_use]
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Whether the two ranges share at least one day.
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The number of days in the range, both ends counted.
    #[must_use]
    pub fn len_days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// Which way [`nearest_weekday`] looks from its reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// On or before the reference ("last Friday" resolved inclusively).
    Past,
    /// On or after the reference ("on Friday" in a forward-looking text).
    Future,
    /// Whichever is closer; ties go to the past.
    Nearest,
}

/// `date` moved by `days`, stopping at the ends of chrono's calendar instead of
/// overflowing. Only an absurd anchor reaches them (the reference date is
/// bounded to years 1–9999), so stopping there changes no real reading.
#[must_use]
pub fn shift_days(date: NaiveDate, days: i64) -> NaiveDate {
    add_days(date, days).unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The date with weekday `weekday` closest to `reference` in `direction`;
/// `reference` itself when it already has that weekday.
///
/// Why: a bare weekday in prose ("on Tuesday") needs anchoring to a date.
/// At the very edges of chrono's range, where the wanted date does not exist,
/// the match on the other side is returned instead.
#[must_use]
pub fn nearest_weekday(reference: NaiveDate, weekday: Weekday, direction: Direction) -> NaiveDate {
    let have = i64::from(reference.weekday().num_days_from_monday());
    let want = i64::from(weekday.num_days_from_monday());
    let back = (have - want).rem_euclid(7);
    let forward = (want - have).rem_euclid(7);
    let past = add_days(reference, -back);
    let future = add_days(reference, forward);
    let choice = match direction {
        Direction::Past => past.or(future),
        Direction::Future => future.or(past),
        Direction::Nearest if back <= forward => past.or(future),
        Direction::Nearest => future.or(past),
    };
    // One of the two always exists: chrono's range spans far more than a week.
    choice.unwrap_or(reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn unit_names_round_trip() {
        for u in CalendarUnit::ALL {
            assert_eq!(CalendarUnit::from_name(u.name()), Some(u));
        }
        assert_eq!(CalendarUnit::from_name("months"), None);
        assert_eq!(
            serde_json::to_string(&CalendarUnit::Fortnight).unwrap(),
            "\"fortnight\""
        );
    }

    #[test]
    fn approx_days() {
        assert_eq!(CalendarUnit::Year.approx_days(), 365.2425);
        assert!((CalendarUnit::Month.approx_days() - 30.436_875).abs() < 1e-12);
        assert_eq!(CalendarUnit::Hour.approx_days(), 1.0 / 24.0);
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && !is_leap_year(1900));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2023, 4), 30);
        assert_eq!(month_end(2024, 2), ymd(2024, 2, 29));
    }

    #[test]
    #[should_panic(expected = "month must be in 1..=12")]
    fn days_in_month_rejects_month_13() {
        let _ = days_in_month(2024, 13);
    }

    #[test]
    fn add_months_clamps() {
        assert_eq!(add_months(ymd(2023, 1, 31), 1), Some(ymd(2023, 2, 28)));
        assert_eq!(add_months(ymd(2024, 1, 31), 1), Some(ymd(2024, 2, 29)));
        assert_eq!(add_months(ymd(2024, 3, 31), -1), Some(ymd(2024, 2, 29)));
        assert_eq!(add_months(ymd(2024, 1, 15), -13), Some(ymd(2022, 12, 15)));
        assert_eq!(add_months(NaiveDate::MAX, 1), None);
    }

    #[test]
    fn add_years_and_days() {
        assert_eq!(add_years(ymd(2024, 2, 29), 1), Some(ymd(2025, 2, 28)));
        assert_eq!(add_years(ymd(2024, 2, 29), 4), Some(ymd(2028, 2, 29)));
        assert_eq!(add_days(ymd(2024, 3, 1), -1), Some(ymd(2024, 2, 29)));
        assert_eq!(add_days(NaiveDate::MIN, -1), None);
    }

    #[test]
    fn add_by_unit() {
        let d = ymd(2024, 1, 31);
        assert_eq!(add(d, 1, CalendarUnit::Fortnight), Some(ymd(2024, 2, 14)));
        assert_eq!(add(d, 2, CalendarUnit::Week), Some(ymd(2024, 2, 14)));
        assert_eq!(add(d, 1, CalendarUnit::Quarter), Some(ymd(2024, 4, 30)));
        assert_eq!(add(d, -1, CalendarUnit::Decade), Some(ymd(2014, 1, 31)));
        assert_eq!(add(d, 1, CalendarUnit::Century), Some(ymd(2124, 1, 31)));
        assert_eq!(add(d, 1, CalendarUnit::Hour), None);
        assert_eq!(add(d, i64::MAX, CalendarUnit::Year), None);
    }

    #[test]
    fn elapsed_counts_calendar_months() {
        let m = CalendarUnit::Month;
        assert_eq!(elapsed_in(ymd(2024, 8, 31), ymd(2024, 9, 30), m), 1.0);
        assert_eq!(elapsed_in(ymd(2024, 1, 31), ymd(2024, 2, 29), m), 1.0);
        assert_eq!(
            elapsed_in(ymd(2024, 1, 1), ymd(2024, 1, 16), m),
            15.0 / 31.0
        );
        assert_eq!(elapsed_in(ymd(2024, 9, 30), ymd(2024, 8, 31), m), -1.0);
        assert_eq!(
            elapsed_in(ymd(2020, 2, 29), ymd(2024, 2, 29), CalendarUnit::Year),
            4.0
        );
        assert_eq!(
            elapsed_in(ymd(2024, 1, 1), ymd(2024, 1, 15), CalendarUnit::Week),
            2.0
        );
        assert_eq!(
            elapsed_in(ymd(2024, 1, 1), ymd(2024, 1, 2), CalendarUnit::Hour),
            24.0
        );
    }

    #[test]
    fn date_ranges() {
        assert_eq!(DateRange::month(2024, 2).unwrap().len_days(), 29);
        assert_eq!(DateRange::month(2024, 13), None);
        assert_eq!(DateRange::year(2023).unwrap().len_days(), 365);
        let q3 = DateRange::quarter(2024, 3).unwrap();
        assert_eq!((q3.start, q3.end), (ymd(2024, 7, 1), ymd(2024, 9, 30)));
        assert_eq!(DateRange::quarter(2024, 5), None);
        assert_eq!(DateRange::half(2024, 2).unwrap().start, ymd(2024, 7, 1));
        assert_eq!(DateRange::half(2024, 3), None);
        let nineties = DateRange::decade(1990).unwrap();
        assert_eq!(nineties.end, ymd(1999, 12, 31));
        // 2024-06-12 is a Wednesday.
        let w = DateRange::week_of(ymd(2024, 6, 12)).unwrap();
        assert_eq!((w.start, w.end), (ymd(2024, 6, 10), ymd(2024, 6, 16)));
        assert!(w.contains(ymd(2024, 6, 16)) && !w.contains(ymd(2024, 6, 17)));
        assert!(w.intersects(&DateRange::day(ymd(2024, 6, 10))));
        assert!(!w.intersects(&DateRange::day(ymd(2024, 6, 9))));
        assert_eq!(DateRange::new(ymd(2024, 1, 2), ymd(2024, 1, 1)), None);
        assert_eq!(DateRange::day(ymd(2024, 1, 1)).len_days(), 1);
    }

    #[test]
    fn weekdays() {
        let wed = ymd(2024, 6, 12);
        assert_eq!(nearest_weekday(wed, Weekday::Wed, Direction::Past), wed);
        assert_eq!(
            nearest_weekday(wed, Weekday::Fri, Direction::Past),
            ymd(2024, 6, 7)
        );
        assert_eq!(
            nearest_weekday(wed, Weekday::Fri, Direction::Future),
            ymd(2024, 6, 14)
        );
        assert_eq!(
            nearest_weekday(wed, Weekday::Fri, Direction::Nearest),
            ymd(2024, 6, 14)
        );
        assert_eq!(
            nearest_weekday(wed, Weekday::Mon, Direction::Nearest),
            ymd(2024, 6, 10)
        );
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (1i32..4000, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| ymd(y, m, d.min(days_in_month(y, m))))
    }

    fn weekday() -> impl Strategy<Value = Weekday> {
        (0u8..7).prop_map(|n| Weekday::try_from(n).unwrap())
    }

    proptest! {
        #[test]
        fn add_months_composes_without_clamping(d in date(), a in -1200i32..1200, b in -1200i32..1200) {
            prop_assume!(d.day() <= 28);
            prop_assert_eq!(add_months(add_months(d, a).unwrap(), b), add_months(d, a + b));
        }

        #[test]
        fn add_months_clamps_within_month(d in date(), n in -1200i32..1200) {
            let r = add_months(d, n).unwrap();
            prop_assert!(r.day() <= d.day());
            prop_assert_eq!(r.day(), d.day().min(days_in_month(r.year(), r.month())));
            let shift = (r.year() - d.year()) * 12 + r.month() as i32 - d.month() as i32;
            prop_assert_eq!(shift, n);
        }

        #[test]
        fn month_end_stays_month_end(y in 1i32..4000, n in -1200i32..1200) {
            // 31 December is the end of a longest month: every move lands on a month end.
            let r = add_months(month_end(y, 12), n).unwrap();
            prop_assert_eq!(r, month_end(r.year(), r.month()));
        }

        #[test]
        fn leap_day_plus_years(y in 1i32..1000, n in 1i32..50) {
            let y = y * 4; // a multiple of 4; may still be a non-leap century
            prop_assume!(is_leap_year(y));
            let r = add_years(ymd(y, 2, 29), n).unwrap();
            let expect = if is_leap_year(y + n) { 29 } else { 28 };
            prop_assert_eq!(r, ymd(y + n, 2, expect));
        }

        #[test]
        fn elapsed_months_inverts_add_months(d in date(), n in -1200i32..1200) {
            prop_assume!(d.day() <= 28);
            let to = add_months(d, n).unwrap();
            prop_assert_eq!(elapsed_in(d, to, CalendarUnit::Month), f64::from(n));
            let years = elapsed_in(d, to, CalendarUnit::Year);
            prop_assert!((years - f64::from(n) / 12.0).abs() < 1e-12);
        }

        #[test]
        fn elapsed_is_antisymmetric_and_monotone(a in date(), b in date()) {
            for u in [CalendarUnit::Day, CalendarUnit::Week, CalendarUnit::Month, CalendarUnit::Year] {
                prop_assert_eq!(elapsed_in(a, b, u), -elapsed_in(b, a, u));
            }
            let next = a.succ_opt().unwrap();
            prop_assert!(elapsed_in(a, next, CalendarUnit::Month) > 0.0);
            prop_assert_eq!(elapsed_in(a, b, CalendarUnit::Day), (b - a).num_days() as f64);
        }

        #[test]
        fn nearest_weekday_properties(d in date(), w in weekday()) {
            let past = nearest_weekday(d, w, Direction::Past);
            let future = nearest_weekday(d, w, Direction::Future);
            let near = nearest_weekday(d, w, Direction::Nearest);
            for r in [past, future, near] {
                prop_assert_eq!(r.weekday(), w);
                prop_assert!((r - d).num_days().abs() <= 6);
            }
            prop_assert!(past <= d && future >= d);
            prop_assert!(near == past || near == future);
            prop_assert!((near - d).num_days().abs() <= (past - d).num_days().abs());
            prop_assert!((near - d).num_days().abs() <= (future - d).num_days().abs());
            prop_assert_eq!(past == d, d.weekday() == w);
        }

        #[test]
        fn week_of_is_monday_to_sunday(d in date()) {
            let w = DateRange::week_of(d).unwrap();
            prop_assert!(w.contains(d));
            prop_assert_eq!(w.start.weekday(), Weekday::Mon);
            prop_assert_eq!(w.len_days(), 7);
        }

        #[test]
        fn quarters_and_halves_tile_the_year(y in 1i32..4000) {
            let year = DateRange::year(y).unwrap().len_days();
            let q: i64 = (1..=4).map(|q| DateRange::quarter(y, q).unwrap().len_days()).sum();
            let h: i64 = (1..=2).map(|h| DateRange::half(y, h).unwrap().len_days()).sum();
            prop_assert_eq!(q, year);
            prop_assert_eq!(h, year);
        }
    }
}
