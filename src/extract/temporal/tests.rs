//! One sentence per form: what is found, and its TIMEX3 value against a
//! reference date of Tuesday 2025-01-07 (a January 2025 news story).
use crate::extract::{extract, Options};
use crate::lexicon::DEFAULT;
use crate::resolve::{resolve, RefSource, Reference};
use chrono::NaiveDate;

/// (text, kind, TIMEX value) of every temporal mention in `s`.
fn found(s: &str) -> Vec<(String, &'static str, String)> {
    let date = NaiveDate::from_ymd_opt(2025, 1, 7);
    let ms = extract(s, &DEFAULT, &Options::default());
    resolve(
        ms,
        Reference {
            date,
            source: RefSource::CommandLine,
        },
        &DEFAULT,
    )
    .into_iter()
    .filter_map(|r| {
        r.timex.map(|t| {
            (
                s[r.mention.span.clone()].to_string(),
                t.kind.as_str(),
                t.value.to_string(),
            )
        })
    })
    .collect()
}

fn one(s: &str, text: &str, value: &str) {
    let f = found(s);
    assert!(
        f.iter().any(|(t, _, v)| t == text && v == value),
        "{s:?}: want {text:?} = {value}, got {f:?}"
    );
}

fn none(s: &str) {
    let f = found(s);
    assert!(f.is_empty(), "{s:?}: want nothing, got {f:?}");
}

/// No temporal mention of `s` contains `part`.
fn not_within(s: &str, part: &str) {
    let f = found(s);
    assert!(
        f.iter().all(|(t, _, _)| !t.contains(part)),
        "{s:?}: want nothing with {part:?}, got {f:?}"
    );
}

#[test]
fn calendar_dates() {
    one(
        "It began on January 6, 2025.",
        "January 6, 2025",
        "2025-01-06",
    );
    one("It began on Jan. 6 in the dark.", "Jan. 6", "2025-01-06");
    one(
        "It began on 6 January 2025.",
        "6 January 2025",
        "2025-01-06",
    );
    one("It began on 2025-01-06.", "2025-01-06", "2025-01-06");
    one("The vote was held on the 6th.", "the 6th", "2025-01-06");
    one("Troops crossed in August 2024.", "August 2024", "2024-08");
    one("It happened in 2022.", "2022", "2022");
    one("The form is dated 01/06/2025.", "01/06/2025", "2025-01-06");
}

#[test]
fn numeric_dates_follow_the_configured_order() {
    let ms = extract(
        "Dated 01/06/2025.",
        &DEFAULT,
        &Options {
            date_order: crate::extract::DateOrder::DayFirst,
            ..Options::default()
        },
    );
    let r = resolve(
        ms,
        Reference {
            date: None,
            source: RefSource::None,
        },
        &DEFAULT,
    );
    assert_eq!(r[0].timex.as_ref().unwrap().value, "2025-06-01");
}

#[test]
fn partial_dates_follow_the_tense() {
    one("Ukraine attacked on August 6.", "August 6", "2024-08-06");
    one(
        "Trump will take office on January 20.",
        "January 20",
        "2025-01-20",
    );
    one("The offensive began last August.", "last August", "2024-08");
    one("Talks may resume next month.", "next month", "2025-02");
}

#[test]
fn periods_and_parts() {
    one("It peaked in summer 2024.", "summer 2024", "2024-SU");
    one(
        "Fighting slowed in early January.",
        "early January",
        "2025-01",
    );
    one("Output fell in mid-2023.", "mid-2023", "2023");
    one(
        "It ended late on January 5.",
        "late on January 5",
        "2025-01-05",
    );
    one("Prices soared in the 1990s.", "the 1990s", "199");
    one(
        "Sales fell in the third quarter of 2024.",
        "the third quarter of 2024",
        "2024-Q3",
    );
    one(
        "Sales fell in the first half of 2024.",
        "the first half of 2024",
        "2024-H1",
    );
    one(
        "It was built in the 19th century.",
        "the 19th century",
        "18",
    );
    // Reports write the year first.
    one(
        "Gazprom lost money in the 2024 second quarter.",
        "the 2024 second quarter",
        "2024-Q2",
    );
    one(
        "Gazprom lost money in the 2024 quarter.",
        "the 2024 quarter",
        "2024",
    );
    one(
        "Gazprom lost money in the 2024 period.",
        "the 2024 period",
        "2024",
    );
    not_within("The 2024 half-marathon drew 500 runners.", "half");
}

#[test]
fn ordinal_periods_are_dates_the_text_does_not_place() {
    one(
        "Shelling went on for the second day of the offensive.",
        "the second day",
        "XXXX-XX-XX",
    );
    one(
        "The war is now in its third year.",
        "its third year",
        "XXXX",
    );
    // A compound adjective counts no period.
    not_within(
        "Negotiators left their third day-long meeting in silence.",
        "third day",
    );
}

#[test]
fn unnumbered_stretches_after_the_article() {
    one(
        "Border guards saw the convoy in the days before the incursion.",
        "the days",
        "PXD",
    );
    one(
        "Aid deliveries should resume in the weeks ahead.",
        "the weeks ahead",
        "PXW",
    );
    one(
        "Over the years the town changed hands twice.",
        "the years",
        "PXY",
    );
    one(
        "In the months that followed, the front barely moved.",
        "the months",
        "PXM",
    );
    // Twins: a stretch named with no preposition or relation word before or after it.
    none("Those were the days of cheap gas.");
    none("The weeks went by without a ceasefire.");
    none("He counted the years on a calendar.");
}

#[test]
fn the_past_and_the_future() {
    one(
        "In the past the pipeline carried gas west.",
        "the past",
        "PAST_REF",
    );
    one(
        "Sanctions could last well into the future unless talks resume.",
        "the future",
        "FUTURE_REF",
    );
    one(
        "Kyiv expects more aid in the near future.",
        "the near future",
        "FUTURE_REF",
    );
    one(
        "Gas prices may stay high in the short term.",
        "the short term",
        "FUTURE_REF",
    );
    one(
        "In the past two years the front barely moved.",
        "the past two years",
        "P2Y",
    );
    none("The utility refinanced its near-term debt.");
}

#[test]
fn parts_of_the_day_with_a_modifier() {
    one(
        "By mid-afternoon the sirens had stopped.",
        "mid-afternoon",
        "2025-01-07TAF",
    );
    one(
        "Shelling resumed at mid-morning yesterday.",
        "mid-morning yesterday",
        "2025-01-06TMO",
    );
}

#[test]
fn a_part_of_the_day_where_the_phrase_ends() {
    one(
        "Traders sold heavily in the morning, then bought back.",
        "the morning",
        "2025-01-07TMO",
    );
    one(
        "The convoy left at dusk and arrived in the evening before the curfew.",
        "the evening",
        "2025-01-07TEV",
    );
    not_within("He reads it in the morning papers.", "the morning");
}

#[test]
fn an_hour_told_by_its_part_of_the_day() {
    one(
        "He left at 4 in the morning.",
        "4 in the morning",
        "2025-01-07T04:00",
    );
    one(
        "Polls stay open until 8 in the evening, then counting starts.",
        "8 in the evening",
        "2025-01-07T20:00",
    );
    not_within("Shares fell 3 in the afternoon session.", "3");
}

#[test]
fn a_half_of_something_else_is_no_half_year() {
    one(
        "Sales rose in the second half of the year.",
        "the second half",
        "2024-H2",
    );
    for text in [
        "The second half of the decade was calmer.",
        "They scored twice in the first half of the match.",
        "Grain went into store in the second half of June.",
    ] {
        not_within(text, "half");
    }
}

#[test]
fn a_two_digit_year_after_a_preposition() {
    one("The levee last broke in '98, then held.", "'98", "1998");
    one("It peaked in May '98.", "May '98", "1998-05");
    not_within("He said '98 was a good number.", "'98");
}

#[test]
fn the_period_reported_on() {
    one(
        "Sales rose 4% in the first nine months of the year.",
        "the year",
        "2025",
    );
    one("For the week, the index fell 2%.", "the week", "2025-W02");
    one(
        "It was the busiest session of the week's trading.",
        "the week",
        "2025-W02",
    );
    not_within("A share of the year ahead is booked.", "the year");
}

#[test]
fn reporting_periods() {
    one(
        "Revenue climbed 8% in the latest period.",
        "the latest period",
        "2024-Q4",
    );
    one(
        "The grid operator posted year-earlier losses of $2 million.",
        "year-earlier",
        "2024",
    );
    one(
        "The year-ago figures excluded the Kursk operation.",
        "year-ago",
        "2024",
    );
    one(
        "Shipments doubled from the year-ago third quarter.",
        "the year-ago third quarter",
        "2024-Q3",
    );
    one(
        "Costs rose in the year-earlier nine months.",
        "the year-earlier nine months",
        "P9M",
    );
    one(
        "The ministry expects a deal by year-end.",
        "year-end",
        "2025",
    );
    one("Repairs should finish by year's end.", "year's end", "2025");
    one(
        "The merger should close around year end.",
        "year end",
        "2025",
    );
    none("The plant cut its year-earlier $4 million forecast.");
    none("The year-end bonus was paid.");
}

#[test]
fn a_weekday_abbreviation_without_its_period_before_a_full_date() {
    one(
        "The talks ended on Thu 12 Mar 2025, after three days.",
        "Thu 12 Mar 2025",
        "2025-03-12",
    );
    one(
        "Posted Wed, March 12, 2025.",
        "Wed, March 12, 2025",
        "2025-03-12",
    );
    // Alone, or a newspaper's name, it is not a day.
    one("The Sun 12 March edition ran it.", "12 March", "2024-03-12");
    one("We will Wed in June 2025.", "June 2025", "2025-06");
}

#[test]
fn weekdays_and_deictics() {
    one(
        "Ukraine said Tuesday it struck a post.",
        "Tuesday",
        "2025-01-07",
    );
    one("Zelensky spoke on Monday.", "Monday", "2025-01-06");
    one(
        "Russia said on Sunday that it held.",
        "Sunday",
        "2025-01-05",
    );
    one(
        "The talks failed last Tuesday.",
        "last Tuesday",
        "2024-12-31",
    );
    one("The vote will be held on Friday.", "Friday", "2025-01-10");
    one("He spoke yesterday.", "yesterday", "2025-01-06");
    one("He speaks today.", "today", "2025-01-07");
    one("He speaks tonight.", "tonight", "2025-01-07TNI");
    one(
        "Prices fell this past weekend.",
        "this past weekend",
        "2025-W01-WE",
    );
    one(
        "They vote this coming Monday.",
        "this coming Monday",
        "2025-01-13",
    );
    one(
        "Russia said over the weekend it attacked.",
        "the weekend",
        "2025-W01-WE",
    );
    one("Fighting eased last week.", "last week", "2025-W01");
    one(
        "He said so on Monday night.",
        "Monday night",
        "2025-01-06TNI",
    );
    one("The front is now quiet.", "now", "PRESENT_REF");
}

#[test]
fn clock_times() {
    one(
        "It began around 9 a.m. Moscow time.",
        "around 9 a.m. Moscow time",
        "2025-01-07T09:00",
    );
    one(
        "It began on January 5 at 9 a.m. and lasted.",
        "January 5 at 9 a.m.",
        "2025-01-05T09:00",
    );
    one(
        "The curfew starts at 22:30 GMT.",
        "22:30 GMT",
        "2025-01-07T22:30",
    );
    one(
        "They met at noon Thursday.",
        "noon Thursday",
        "2025-01-02T12:00",
    );
}

#[test]
fn durations() {
    one("The war has lasted five months.", "five months", "P5M");
    one("It took two weeks.", "two weeks", "P2W");
    one("The outage lasted 24 hours.", "24 hours", "PT24H");
    one(
        "It came nearly three years into the war.",
        "nearly three years",
        "P3Y",
    );
    one("It took a decade.", "a decade", "P10Y");
    one("It was a two-year project.", "two-year", "P2Y");
    one("Talks ran 2 1/2 years.", "2 1/2 years", "P2Y6M");
    one(
        "The ceasefire lasted several months.",
        "several months",
        "PXM",
    );
    one("The standoff has dragged on for years.", "years", "PXY");
}

#[test]
fn offsets_from_the_reference() {
    one(
        "The incursion began five months ago.",
        "five months ago",
        "2024-08",
    );
    one("They met three days ago.", "three days ago", "2025-01-04");
    one(
        "Prices were lower a year earlier.",
        "a year earlier",
        "2024",
    );
    one("It happened years ago.", "years ago", "PAST_REF");
}

#[test]
fn sets() {
    one("The map is updated daily.", "daily", "P1D");
    one("They meet every Monday.", "every Monday", "XXXX-WXX-1");
    one("Reports come every two weeks.", "every two weeks", "P2W");
    one("It costs $5 a year.", "a year", "P1Y");
    one("They meet twice a week.", "a week", "P1W");
}

#[test]
fn named_and_anaphoric_days() {
    one(
        "Shops closed on Christmas Day.",
        "Christmas Day",
        "2024-12-25",
    );
    one(
        "He arrived on March 3, 2024. The next day he left.",
        "The next day",
        "2024-03-04",
    );
    one(
        "The vote was in 2019. That year was hard.",
        "That year",
        "2019",
    );
}

/// The anchor text of the first relation found in `s`, if it has one.
fn anchor_of(s: &str) -> Option<String> {
    let ms = extract(s, &DEFAULT, &Options::default());
    ms.iter().find_map(|m| match &m.expr {
        crate::extract::Expr::Relation { anchor, .. } => {
            Some(anchor.map(|a| s[ms[a].span.clone()].to_string()))
        }
        _ => None,
    })?
}

#[test]
fn relation_anchor_is_the_first_date_in_the_clause() {
    assert_eq!(
        anchor_of("It is five months since August 6, 2024, they said.").as_deref(),
        Some("August 6, 2024")
    );
    assert_eq!(
        anchor_of("Thursday marked three months since the ceasefire talks opened on Nov. 13.")
            .as_deref(),
        Some("Nov. 13")
    );
    assert_eq!(
        anchor_of("It came three weeks before the March 30 vote.").as_deref(),
        Some("March 30")
    );
}

#[test]
fn between_takes_a_comma_after_the_first_year() {
    let s = "The strike ran from June 2, 2024, to Aug. 30, 2024, all summer.";
    let ms = extract(s, &DEFAULT, &Options::default());
    assert!(
        ms.iter()
            .any(|m| &s[m.span.clone()] == "from June 2, 2024, to Aug. 30, 2024"),
        "{ms:?}"
    );
}

#[test]
fn relation_anchor_stays_in_its_clause() {
    // A sentence end, a semicolon, another relation word, a new clause or a
    // verb of saying ends the search: no anchor rather than a wrong one.
    for s in [
        "It has been five months since the incursion. On Monday, Jan. 6, troops moved.",
        "It has been five months since the incursion; on Jan. 6 troops moved.",
        "It has been five months since the incursion, and on Jan. 6 troops moved.",
        "It has been five months since the incursion began, officials said on Monday.",
        "Five months since the incursion and two weeks before Jan. 20, Kyiv waits.",
        "It has been five months since the start of a long and very costly campaign that the army waged in the region until Jan. 6.",
    ] {
        assert_eq!(anchor_of(s), None, "{s:?}");
    }
}

#[test]
fn things_that_are_not_dates() {
    none("He bought 2000 shares and 1990 bonds.");
    none("May we go? March on, they said.");
    none("The 6-year-old boy is 52 years old.");
    none("Now, that is a question.");
}

#[test]
fn a_clock_of_four_digits_needs_a_zone() {
    one("Polls open at 0600 GMT.", "0600 GMT", "2025-01-07T06:00");
    one("Posted at 1330 HKT.", "1330 HKT", "2025-01-07T13:30");
    // A restatement in brackets is the same instant, told once.
    one(
        "The blast came at 10:35 a.m. (0735 GMT) on Monday.",
        "10:35 a.m. (0735 GMT)",
        "2025-01-07T10:35",
    );
    one(
        "The blast came at 10:35 a.m. (0735 GMT) on Monday.",
        "Monday",
        "2025-01-06",
    );
    not_within("The 2460 GMT rule and 2359GMT stand.", "GMT");
    none("It cost 2400 dollars.");
}

#[test]
fn a_year_before_a_singular_noun() {
    one("He lost his unsuccessful 1996 campaign.", "1996", "1996");
    one(
        "Analysts were predicting 1990 BellSouth earnings.",
        "1990",
        "1990",
    );
    one(
        "They reported 2024 net income of $5 million.",
        "2024",
        "2024",
    );
    // A count takes a plural, a unit, or a word that is no noun.
    none("Rebels killed 1500 people and seized 2000 rifles.");
    none("The index rose 1990 points and fell 1996 to close at 1990 points.");
    none("The plant sits 1900 metres up and holds about 2000 tonnes.");
    none("The UN passed Resolution 2020 today.");
}

#[test]
fn march_and_may_before_a_noun() {
    one(
        "The March accession will enable the three.",
        "March",
        "2025-03",
    );
    one("The May deadline will slip.", "May", "2025-05");
    none("Protesters joined the annual March for Life.");
    none("The May government fell.");
    none("They march on, as they may.");
}

#[test]
fn a_second_day_of_the_same_month() {
    one("The summit is on April 24 and 25.", "25", "2025-04-25");
    one(
        "The summit is on April 24 and 25.",
        "April 24",
        "2025-04-24",
    );
    one("Talks ran Jan. 2-3, 2025.", "Jan. 2", "2025-01-02");
    one("Talks ran Jan. 2-3, 2025.", "3, 2025", "2025-01-03");
    one("They meet March 9 to 11 in Geneva.", "11", "2025-03-11");
    not_within("On March 9 and 10 people died.", "10");
    not_within("It fell on May 5 to 10 percent.", "10");
    not_within("On March 9 and 3 others, it rained.", "3");
}

#[test]
fn a_stretch_added_to_one_told() {
    one(
        "The loan may run for an additional year.",
        "an additional year",
        "P1Y",
    );
    one("He waited another day.", "another day", "P1D");
    one(
        "The lease runs another two years.",
        "another two years",
        "P2Y",
    );
    one(
        "They granted a further six months.",
        "a further six months",
        "P6M",
    );
    one("They need three extra days.", "three extra days", "P3D");
    none("Another 20 people died. Another time, perhaps.");
}

#[test]
fn a_count_a_day_is_a_rate() {
    one("It pumps 100,000 barrels a day.", "a day", "P1D");
    one("Two ships a week call here.", "a week", "P1W");
    // A multiplier from the lexicon counts too ("mln", "billion").
    let f = found("It costs 200 mln dlrs a year.");
    assert!(
        f.iter().any(|(t, k, _)| t == "a year" && *k == "SET"),
        "{f:?}"
    );
    not_within("It will inject 350 mln dlrs a year into farms.", "into");
    not_within(
        "It pumps 100,000 barrels a day from its planned 1988 rate.",
        "from",
    );
    one("He left two days later.", "two days later", "2025-01-09");
}

#[test]
fn a_span_of_years_is_told_by_its_ends() {
    one("Spending rose in 2010-2011.", "2011", "2011");
    one("The 2013-14 season opens.", "2013", "2013");
    one("The 2013-14 season opens.", "14", "2014");
    one("The 2024/25 budget passed.", "25", "2025");
    one("Prices peaked in 2008-09.", "09", "2009");
    // Not the next year: a month, a count or a code.
    one("Filed 2013-12.", "2013-12", "2013-12");
    not_within("It sent 1500-1520 troops.", "1520");
    none("Routes run 2000-2100 km.");
}

#[test]
fn a_unit_and_a_half() {
    one(
        "The talks lasted a year and a half.",
        "a year and a half",
        "P1Y6M",
    );
    one(
        "It took five hours and a half.",
        "five hours and a half",
        "PT5H30M",
    );
    not_within("It took a year, and a half of it was lost.", "half");
}

#[test]
fn counts_that_are_no_time() {
    none("The 1500 quarters were minted.");
    one("Profit rose for eight quarters.", "eight quarters", "P24M");
}

#[test]
fn days_that_skip_weekends_stretch_on_the_calendar() {
    one(
        "It fell eight trading days after the report.",
        "eight trading days",
        "P8D",
    );
    one("They have five business days.", "five business days", "P5D");
    let ms = crate::extract::extract(
        "They have five business days.",
        &DEFAULT,
        &Options::default(),
    );
    let amount = ms.iter().find_map(|m| match &m.expr {
        crate::extract::Expr::Duration { amount, .. } => Some(*amount),
        _ => None,
    });
    let amount = amount.expect("a duration");
    assert_eq!((amount.low, amount.high), (5.0, 11.0));
    assert!(!amount.on_the_calendar());
}

#[test]
fn now_that_is_the_present() {
    one(
        "Now that the talks have failed, he left.",
        "Now",
        "PRESENT_REF",
    );
}
