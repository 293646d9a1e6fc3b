//! Expression × DCT → value tables, and properties of every value.

use super::*;
use proptest::prelude::*;

fn dct(s: &str) -> Dct {
    Dct {
        date: s.parse().unwrap(),
        source: DctSource::Override,
        span: None,
    }
}

/// Renders every mention as `[span]=value` (`..end`, ` MOD`).
fn render(text: &str, d: Option<&str>) -> String {
    let d = d.map(dct);
    let ms = recognize(text, d.as_ref());
    let mut out = String::new();
    for m in &ms {
        if !out.is_empty() {
            out.push_str(" | ");
        }
        out.push_str(&format!("[{}]={}", &text[m.start..m.end], m.value.value));
        if let Some(e) = &m.value.end_value {
            out.push_str(&format!("..{e}"));
        }
        if let Some(md) = &m.value.modifier {
            out.push_str(&format!(" {md}"));
        }
    }
    out
}

#[track_caller]
fn check(table: &[(&str, &str, &str)]) {
    let mut bad = Vec::new();
    for (text, d, want) in table {
        let d = (!d.is_empty()).then_some(*d);
        let got = render(text, d);
        if got != *want {
            bad.push(format!("{text:?} @ {d:?}\n   want {want}\n    got {got}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn absolute_dates() {
    check(&[
        (
            "It opened on 16 October 2025.",
            "",
            "[16 October 2025]=2025-10-16",
        ),
        (
            "It opened October 16, 2025, in Minsk.",
            "",
            "[October 16, 2025]=2025-10-16",
        ),
        (
            "By Oct. 16 talks ended.",
            "2025-10-20",
            "[Oct. 16]=2025-10-16",
        ),
        ("Stamp: 16.10.2025", "", "[16.10.2025]=2025-10-16"),
        ("on16.10.2025", "", "[16.10.2025]=2025-10-16"),
        ("Filed 2025-10-16.", "", "[2025-10-16]=2025-10-16"),
        ("Filed 16/10/2025.", "", "[16/10/2025]=2025-10-16"),
        // a year run on after the comma; a thousands group is no year
        (
            "By JT - Sep 15,2025 - Updated",
            "",
            "[Sep 15,2025]=2025-09-15",
        ),
        ("It cost 15,000 by June 15,200 times", "", "[June]=XXXX-06"),
        ("The deal of 2025 held.", "", "[2025]=2025"),
        ("in the 1990s", "", "[1990s]=199"),
        ("in the early 1990s", "", "[early 1990s]=199 START"),
        ("back in the '90s", "", "['90s]=199"),
        (
            "music of the 80s and the late 90s",
            "",
            "[80s]=198 | [late 90s]=199 END",
        ),
        ("aged in their 30s", "", ""),
        ("in the 19th century", "", "[19th century]=18"),
        ("the twenty-first century", "", "[twenty-first century]=20"),
        ("in summer 2023", "", "[summer 2023]=2023-SU"),
        ("in the summer of 2023", "", "[summer of 2023]=2023-SU"),
        ("profit in Q3 2024", "", "[Q3 2024]=2024-Q3"),
        (
            "the third quarter of 2024",
            "",
            "[third quarter of 2024]=2024-Q3",
        ),
        ("by mid-2024", "", "[mid-2024]=2024 MID"),
        ("by end-2026", "", "[end-2026]=2026 END"),
        (
            "due at end-December 2026",
            "",
            "[end-December 2026]=2026-12 END",
        ),
        ("all pre-2015 sanctions", "", "[pre-2015]=2015 BEFORE"),
        ("in late 2024", "", "[late 2024]=2024 END"),
        ("by the end of 2024", "", "[end of 2024]=2024 END"),
        (
            "in the first half of 2024",
            "",
            "[first half of 2024]=2024-H1",
        ),
        ("since 2005", "", "[2005]=2005"),
        ("founded June 15, 2001", "", "[June 15, 2001]=2001-06-15"),
        ("in June 2024", "", "[June 2024]=2024-06"),
        (
            "on the 5th of July 2024",
            "",
            "[5th of July 2024]=2024-07-05",
        ),
        (
            "Tuesday, 5 July 2022",
            "",
            "[Tuesday, 5 July 2022]=2022-07-05",
        ),
        ("in 1453 the city fell", "", "[1453]=1453"),
    ]);
}

#[test]
fn numbers_that_are_not_years() {
    check(&[
        ("1,200 troops", "", ""),
        ("2025 people attended", "", ""),
        ("Resolution 2231 was adopted", "", ""),
        ("see page 2019", "", ""),
        ("at 10:30 local", "", ""),
        ("some 2000 soldiers", "", ""),
        ("between 1500 and 2000 troops", "", ""),
        ("an A380 and a G20", "", ""),
        ("costs $2025", "", ""),
        ("grew 2019%", "", ""),
        ("No. 1999", "", ""),
        ("1453 pages", "", ""),
        ("3.1415", "", ""),
        // clock times
        ("by 1130 GMT the index fell", "", ""),
        ("By 2000 hrs it rose", "", ""),
        ("at 0930 ET", "", ""),
    ]);
}

#[test]
fn month_words_that_are_not_months() {
    check(&[
        ("Theresa May said", "2019-01-10", ""),
        ("It may rain", "2019-01-10", ""),
        ("a march on the capital", "2019-01-10", ""),
        ("the March Hare", "2019-01-10", ""),
        ("The Ides of March and the rest", "2019-01-10", ""),
        ("June Carter sang", "2019-01-10", ""),
        ("the Arab Spring", "2019-01-10", ""),
        ("in the Summer Olympics", "2019-01-10", ""),
        ("the fall of Kabul", "2019-01-10", ""),
        ("Jan Smith", "2019-01-10", ""),
        ("due in May", "2019-01-10", "[May]=2019-05"),
        ("since March", "2019-04-10", "[March]=2019-03"),
        ("in the fall", "2019-04-10", "[fall]=2019-FA"),
    ]);
}

#[test]
fn relative_dates() {
    let d = "2021-09-10"; // a Friday, ISO week 36
    check(&[
        ("yesterday", d, "[yesterday]=2021-09-09"),
        ("today", d, "[today]=2021-09-10"),
        ("Tomorrow", d, "[Tomorrow]=2021-09-11"),
        (
            "the day before yesterday",
            d,
            "[day before yesterday]=2021-09-08",
        ),
        ("last week", d, "[last week]=2021-W35"),
        ("this week", d, "[this week]=2021-W36"),
        ("next week", d, "[next week]=2021-W37"),
        ("next weekend", d, "[next weekend]=2021-W37-WE"),
        (
            "this coming weekend",
            d,
            "[this coming weekend]=2021-W36-WE",
        ),
        ("this past weekend", d, "[this past weekend]=2021-W35-WE"),
        (
            "on Thursday the 23rd and Friday, the 27th",
            d,
            "[Thursday the 23rd]=2021-09-23 | [Friday, the 27th]=2021-08-27",
        ),
        ("over the past week", d, ""),
        ("this weekend", d, "[this weekend]=2021-W36-WE"),
        ("last month", d, "[last month]=2021-08"),
        ("next month", d, "[next month]=2021-10"),
        ("last year", d, "[last year]=2020"),
        ("the previous year", d, "[previous year]=2020"),
        ("in the current year", d, "[current year]=2021"),
        ("next year", d, "[next year]=2022"),
        ("late last year", d, "[late last year]=2020 END"),
        ("by the end of the year", d, "[end of the year]=2021 END"),
        ("by mid-year", d, "[mid-year]=2021 MID"),
        ("must pass by year-end", d, "[year-end]=2021 END"),
        ("opened two years earlier than planned", d, ""),
        ("at month-end", d, "[month-end]=2021-09 END"),
        ("two years ago", d, "[two years ago]=2019"),
        ("3 days ago", d, "[3 days ago]=2021-09-07"),
        ("a month ago", d, "[a month ago]=2021-08"),
        ("two weeks ago", d, "[two weeks ago]=2021-W34"),
        ("Last June", d, "[Last June]=2021-06"),
        ("next June", d, "[next June]=2022-06"),
        ("early June", d, "[early June]=2021-06 START"),
        ("in late May", d, "[late May]=2021-05 END"),
        ("this summer", d, "[this summer]=2021-SU"),
        ("next spring", d, "[next spring]=2022-SP"),
        ("last quarter", d, "[last quarter]=2021-Q2"),
        (
            "September 16 of the previous year",
            d,
            "[September 16 of the previous year]=2020-09-16",
        ),
        ("in the last century", d, "[last century]=19"),
        (
            "in the first half of the year",
            d,
            "[first half of the year]=2021-H1",
        ),
        (
            "the second half of next year",
            d,
            "[second half of next year]=2022-H2",
        ),
        ("talks over the weekend", d, "[weekend]=2021-W35-WE"),
        ("will meet over the weekend", d, "[weekend]=2021-W36-WE"),
        (
            "talks are expected to run into the weekend",
            d,
            "[weekend]=2021-W36-WE",
        ),
        ("fourth-quarter profit rose", d, "[fourth-quarter]=2020-Q4"),
        ("third-quarter profit rose", d, "[third-quarter]=2021-Q3"),
        (
            "fourth-quarter profit rose",
            "2022-02-01",
            "[fourth-quarter]=2021-Q4",
        ),
        (
            "fourth-quarter profit will rise",
            "2022-02-01",
            "[fourth-quarter]=2022-Q4",
        ),
        // reported on: a quarter later than the article's is last year's
        (
            "Banks will report fourth-quarter results this week.",
            "2022-01-10",
            "[fourth-quarter]=2021-Q4 | [this week]=2022-W02",
        ),
        (
            "Fourth-quarter earnings fell, the bank said on Tuesday.",
            "2022-01-12",
            "[Fourth-quarter]=2021-Q4 | [Tuesday]=2022-01-11",
        ),
        ("the 2024/25 season", d, "[2024/25]=2024..2025"),
        ("on ABC's \"This Week\" show", d, ""),
        ("at 10 p.m. Wednesday", d, ""),
        ("results for H1 2026 were strong", d, "[H1 2026]=2026-H1"),
        ("an H1-B visa and the H2 bomb", d, ""),
        (
            "Updated 4:12 PM EST, November 18, 2025",
            d,
            "[November 18, 2025]=2025-11-18",
        ),
        ("at noon Thursday", d, ""),
        ("they march each July", d, ""),
        ("flights leave on Tuesday nights", d, ""),
    ]);
}

#[test]
fn weekdays_follow_tense() {
    let d = "2017-04-21"; // a Friday
    check(&[
        // "Thursday and Friday next week": both days of next week
        (
            "The leaders meet in Brussels on Thursday and Friday next week.",
            "2025-10-16",
            "[Thursday]=2025-10-23 | [Friday next week]=2025-10-24",
        ),
        // a weekday coordinated with an earlier one shares its tense
        (
            "he will meet South Korean President Lee Jae-myung on Wednesday and Chinese President Xi Jinping in Busan on Thursday",
            "2025-10-28",
            "[Wednesday]=2025-10-29 | [Thursday]=2025-10-30",
        ),
        ("Lavrov said Friday", d, "[Friday]=2017-04-21"),
        ("He arrived on Monday", d, "[Monday]=2017-04-17"),
        ("He will arrive on Monday", d, "[Monday]=2017-04-24"),
        // "set" looks ahead only before "to"
        ("He is set to arrive on Monday", d, "[Monday]=2017-04-24"),
        ("He set a record on Monday", d, "[Monday]=2017-04-17"),
        ("They met Wednesday", d, "[Wednesday]=2017-04-19"),
        ("last Tuesday", d, "[last Tuesday]=2017-04-18"),
        ("next Tuesday", d, "[next Tuesday]=2017-04-25"),
        ("Monday morning", d, ""),
        ("He told the Sunday Times.", d, ""),
        ("He arrived in Tehran Monday", d, "[Monday]=2017-04-17"),
        ("on Mondays", d, ""),
        // "U.S." does not end the clause of "told"
        (
            "Officials told U.S. envoys on Monday that they would resist",
            d,
            "[Monday]=2017-04-17",
        ),
        // the verb governs a weekday at the end of a long clause
        (
            "He is expected to name his squad for the qualifiers against Wales and Latvia in the capital on Monday",
            d,
            "[Monday]=2017-04-24",
        ),
        // a scheduled event told in the present tense lies ahead
        (
            "The summit opens on Thursday and ends on Sunday",
            "2025-03-12",
            "[Thursday]=2025-03-13 | [Sunday]=2025-03-16",
        ),
        // ", and" opens a clause with its own tense
        (
            "On Tuesday he held talks, and on Friday he is expected to receive her",
            "2024-10-02",
            "[Tuesday]=2024-10-01 | [Friday]=2024-10-04",
        ),
        // "Nov. 7" does not end the clause of "would"
        (
            "Outages would remain on Nov. 7 and possibly over the weekend",
            "2025-11-06",
            "[Nov. 7]=2025-11-07 | [weekend]=2025-W45-WE",
        ),
        (
            "The forum, which opened on Tuesday, runs until Wednesday",
            "2025-11-18",
            "[Tuesday]=2025-11-18 | [Wednesday]=2025-11-19",
        ),
        // "is to be": a plan; a vow's own day is past, its object ahead
        (
            "The former president died on Sunday and is to be buried on Tuesday",
            "2025-11-20",
            "[Sunday]=2025-11-16 | [Tuesday]=2025-11-25",
        ),
        (
            "They discussed the summit to be held on Friday; it was to be held on Monday",
            "2025-11-20",
            "[Friday]=2025-11-21 | [Monday]=2025-11-17",
        ),
        (
            "Burhan vowed on Saturday to retake the city",
            "2025-03-16",
            "[Saturday]=2025-03-15",
        ),
        (
            "His office said on Saturday he plans to visit in November",
            "2025-10-20",
            "[Saturday]=2025-10-18 | [November]=2025-11",
        ),
        // an agreement or a commitment: when it was made right after
        // the verb, what it is for further on
        (
            "They agreed in March to meet. They agreed to hold the next session in Almaty in March.",
            "2025-11-12",
            "[March]=2025-03 | [March]=2026-03",
        ),
        (
            "It is committed to holding the vote in the first half of February",
            "2025-11-04",
            "[February]=2026-02",
        ),
        (
            "They unveiled a budget that raises VAT starting Jan. 1",
            "2025-10-24",
            "[Jan. 1]=2026-01-01",
        ),
    ]);
}

#[test]
fn months_without_a_year_follow_tense() {
    check(&[
        // a verb whose complement lies ahead, in the passive, has none
        (
            "A ceasefire was agreed in Putrajaya on July 28",
            "2025-11-12",
            "[July 28]=2025-07-28",
        ),
        // an "-ed" verb after its subject, a few words before the month
        (
            "OFAC imposed sanctions on NIS in January",
            "2025-11-14",
            "[January]=2025-01",
        ),
        (
            "the Act, which would impose sanctions on officials, passed the House in May",
            "2025-11-19",
            "[May]=2025-05",
        ),
        // a cue word that is a noun after a determiner says nothing
        (
            "The watchdog downgraded its growth forecast in November",
            "2026-01-15",
            "[November]=2025-11",
        ),
        (
            "the government adopted a plan in August to disarm",
            "2025-11-04",
            "[August]=2025-08",
        ),
        ("the summit in June", "2017-04-21", "[June]=2017-06"),
        (
            "talks were held in December",
            "2024-01-05",
            "[December]=2023-12",
        ),
        (
            "talks will be held in January",
            "2023-12-05",
            "[January]=2024-01",
        ),
        (
            "scheduled for July 3-4",
            "2024-05-20",
            "[July 3-4]=2024-07-03..2024-07-04",
        ),
        (
            "on 3-4 July",
            "2024-05-20",
            "[3-4 July]=2024-07-03..2024-07-04",
        ),
        // the verb after "and" is another clause's
        (
            "The bank cut rates in August and will announce more",
            "2025-11-04",
            "[August]=2025-08",
        ),
        (
            "The case has been listed for 2 June",
            "2025-11-04",
            "[2 June]=2026-06-02",
        ),
        // "said" reports a clause with its own tense: the nearest August
        (
            "Three sources said further hikes from August were likely",
            "2025-06-01",
            "[August]=2025-08",
        ),
        (
            "Boric, who leaves office in March, warned the region",
            "2025-10-27",
            "[March]=2026-03",
        ),
        // the verb after a quotation is the quote's attribution
        (
            "\u{201c}The real test is in July and August,\u{201d} said the minister.",
            "2025-04-02",
            "[July]=2025-07 | [August]=2025-08",
        ),
        // "in Q4" said in January is the quarter just gone
        (
            "Chinese exports beat forecasts in Q4.",
            "2026-01-12",
            "[Q4]=2025-Q4",
        ),
        (
            "The season kicks off on Wednesday; a plant is due by the fourth quarter.",
            "2026-01-12",
            "[Wednesday]=2026-01-14 | [fourth quarter]=2026-Q4",
        ),
        // an "-ed" verb right before the month governs it
        (
            "The prime minister resigned in January",
            "2025-11-20",
            "[January]=2025-01",
        ),
        // one further off may qualify a noun: the listed verb decides
        (
            "It would publish its list of recommended candidates for the vote in September",
            "2026-03-12",
            "[September]=2026-09",
        ),
        // "days later" tells a story in order; it looks back
        (
            "Fighting erupted on Jan. 16. Petro suspended talks days later and declared a state of emergency on Jan. 24.",
            "2025-03-12",
            "[Jan. 16]=2025-01-16 | [Jan. 24]=2025-01-24",
        ),
        // a year that sets the scene of its sentence
        (
            "In 1992, relations were established on October 22. Talks began in 2012, when the first one took place on June 8.",
            "2026-03-06",
            "[1992]=1992 | [October 22]=1992-10-22 | [2012]=2012 | [June 8]=2012-06-08",
        ),
        // the object of a pledge lies ahead
        (
            "Arce pledged a peaceful handover on November 8",
            "2025-08-18",
            "[November 8]=2025-11-08",
        ),
        // a month told of in the past is never ahead, even next month;
        // one a thing is put off to is
        (
            "NIS was sanctioned in January. The vote was postponed to January.",
            "2025-12-16",
            "[January]=2025-01 | [January]=2026-01",
        ),
        // a noun or an adverb before the verb makes it no future
        (
            "The Commission's plan, first floated by von der Leyen in September, would turn.",
            "2025-12-16",
            "[September]=2025-09",
        ),
        (
            "The economy likely contracted in the third quarter, after shrinking in the spring.",
            "2025-11-04",
            "[third quarter]=2025-Q3 | [spring]=2025-SP",
        ),
        // a year to come sets no scene for a month told in the past
        (
            "The vote will come in 2026, when Kazakhstan holds a referendum on the reform that Tokayev proposed in September.",
            "2025-11-10",
            "[2026]=2026 | [September]=2025-09",
        ),
    ]);
}

#[test]
fn a_weekday_with_its_day_in_brackets() {
    check(&[(
        "Lula on Thursday (6) launched the fund. Merz said on Friday (7) he would join. Talks open next Monday (10).",
        "2025-11-06",
        "[Thursday]=2025-11-06 | [Friday]=2025-11-07 | [next Monday]=2025-11-10",
    )]);
}

#[test]
fn seasons_around_the_turn_of_the_year() {
    check(&[
        (
            "They met last summer",
            "2026-02-10",
            "[last summer]=2025-SU",
        ),
        ("next summer", "2026-02-10", "[next summer]=2026-SU"),
        ("last winter", "2026-02-10", "[last winter]=2024-WI"),
        ("last autumn", "2025-11-10", "[last autumn]=2024-FA"),
        ("last summer", "2025-11-10", "[last summer]=2025-SU"),
        ("next spring", "2025-11-10", "[next spring]=2026-SP"),
        (
            "inflation will ease by the spring",
            "2025-12-18",
            "[spring]=2026-SP",
        ),
        (
            "prices rose in the summer",
            "2026-03-02",
            "[summer]=2025-SU",
        ),
        // no tense: the nearest; a past verb a few words before a future
        // one ("listed") keeps the date past
        (
            "the cap announced in the autumn budget",
            "2026-01-15",
            "[autumn]=2025-FA",
        ),
        (
            "Badenoch listed the cap scrapped in the autumn budget",
            "2026-01-15",
            "[autumn]=2025-FA",
        ),
        (
            "when they visit in the summer",
            "2026-02-14",
            "[summer]=2026-SU",
        ),
    ]);
}

#[test]
fn anchored_on_the_article() {
    let d = "1989-10-30";
    check(&[
        (
            "Third-quarter profit fell to $5 from $7 a year earlier.",
            d,
            "[Third-quarter]=1989-Q3 | [a year earlier]=1988-Q3",
        ),
        (
            "Net for the third quarter rose; in the quarter sales grew from the year-earlier quarter.",
            d,
            "[third quarter]=1989-Q3 | [quarter]=1989-Q3 | [year-earlier quarter]=1988-Q3",
        ),
        ("Profit rose from a year ago.", d, "[a year ago]=1988"),
        // a count of years is a year, after a quarter or not
        (
            "Third-quarter profit was a record; two years ago it was a loss.",
            d,
            "[Third-quarter]=1989-Q3 | [two years ago]=1987",
        ),
        (
            "In the third quarter the quarter-to-quarter rise held.",
            d,
            "[third quarter]=1989-Q3",
        ),
        (
            "In the third quarter net rose from a year earlier; sales also grew from a year earlier.",
            d,
            "[third quarter]=1989-Q3 | [a year earlier]=1988-Q3 | [a year earlier]=1988-Q3",
        ),
        (
            "In July last year talks began.",
            d,
            "[July last year]=1988-07",
        ),
        (
            "helicopters crashed last February",
            "1998-03-01",
            "[last February]=1997-02",
        ),
        ("he stepped down in March", d, "[March]=1989-03"),
        (
            "On May 22, 1995, he was promoted, and two years later he retired.",
            d,
            "[May 22, 1995]=1995-05-22 | [two years later]=1997",
        ),
        (
            "He was born in 1950 and the following year moved.",
            d,
            "[1950]=1950 | [following year]=1951",
        ),
        // a day whose year comes from the document date anchors too
        (
            "Ministers met on 3 February. The next day they flew on, and two days later they left.",
            "2025-03-12",
            "[3 February]=2025-02-03 | [next day]=2025-02-04 | [two days later]=2025-02-06",
        ),
        (
            "Talks began in the week of 10 February. The following week they moved.",
            "2025-03-12",
            "[10 February]=2025-02-10 | [following week]=2025-W08",
        ),
        (
            "In May 2024 the parties met. The following month they signed.",
            "2025-03-12",
            "[May 2024]=2024-05 | [following month]=2024-06",
        ),
        // "that year", "that August": the year the article last gave
        (
            "Protests began in 2024. She fled on August 5 that year. In 1941 they met; they drafted a charter that August.",
            "2025-11-14",
            "[2024]=2024 | [August 5 that year]=2024-08-05 | [1941]=1941 | [that August]=1941-08",
        ),
        (
            "They promised homes by autumn last year and now by spring next year.",
            "2025-03-17",
            "[autumn last year]=2024-FA | [spring next year]=2026-SP",
        ),
    ]);
}

#[test]
fn ranges() {
    check(&[
        ("from 2023 to 2024", "", "[2023 to 2024]=2023..2024"),
        // months up to one whose year is written: no "from" needed, and
        // the start takes the end's year
        (
            "grew in January through September 2025",
            "",
            "[January through September 2025]=2025-01..2025-09",
        ),
        (
            "met Monday to Friday",
            "",
            "[Monday]=XXXX-WXX-1 | [Friday]=XXXX-WXX-5",
        ),
        // a span of years after a word that makes a lone number a count
        ("a gap over 2026-2027 remains", "", "[2026-2027]=2026..2027"),
        ("over 2000 people came", "", ""),
        ("the 2023-24 season", "", "[2023-24]=2023..2024"),
        ("in 2019–2020", "", "[2019–2020]=2019..2020"),
        (
            "between May and June",
            "2024-01-01",
            "[May and June]=2024-05..2024-06",
        ),
        (
            "from March to May 2020",
            "2024-01-01",
            "[March to May 2020]=2020-03..2020-05",
        ),
        (
            "from 30 November to 2 January 2021",
            "2024-01-01",
            "[30 November to 2 January 2021]=2020-11-30..2021-01-02",
        ),
        (
            "July 30 - August 2",
            "2024-05-01",
            "[July 30 - August 2]=2024-07-30..2024-08-02",
        ),
        // both years guessed: the start may not come after the end
        (
            "profit fell in the April-June quarter",
            "2025-11-02",
            "[April-June]=2025-04..2025-06",
        ),
        // "March" needs a cue on its own; the month before it is one.
        (
            "the figures for January-March showed",
            "2024-06-10",
            "[January-March]=2024-01..2024-03",
        ),
    ]);
}

#[test]
fn without_a_document_date() {
    check(&[
        ("last June", "", "[last June]=XXXX-06"),
        ("yesterday", "", "[yesterday]=XXXX-XX-XX"),
        ("last week", "", "[last week]=XXXX-WXX"),
        ("on Monday", "", "[Monday]=XXXX-WXX-1"),
        ("October 16", "", "[October 16]=XXXX-10-16"),
        ("the previous year", "", "[previous year]=XXXX"),
    ]);
}

#[test]
fn not_annotated() {
    let d = "2021-09-10";
    check(&[
        ("now and currently, recently, in the past", d, ""),
        ("over the past decade", d, ""),
        ("the question for the next decade", d, ""),
        ("in Juche 114 or 1,000 years later", d, ""),
        ("in recent years", d, ""),
        ("in the coming weeks", d, ""),
        ("over the last year", d, ""),
        ("a two-year deal", d, ""),
        ("weekly meetings each month", d, ""),
        // ages
        ("who is in his late 30s", d, ""),
    ]);
}

#[test]
fn years_after_than_and_least() {
    let d = "2025-06-01";
    check(&[
        ("a vote no later than 2027", d, "[2027]=2027"),
        ("demand grows until at least 2050", d, "[2050]=2050"),
        ("at least 2050 people", d, ""),
        ("more than 2000 troops", d, ""),
        // a colon after a year, not a clock time
        (
            "The long shadow of 1945: how the war ended",
            d,
            "[1945]=1945",
        ),
        ("at 1945:30 local time", d, ""),
        // tens written out
        (
            "Eighty years ago, the war ended.",
            d,
            "[Eighty years ago]=1945",
        ),
    ]);
}

#[test]
fn front_matter_is_not_article_text() {
    check(&[
        (
            "---\ndate: 2024-05-20\n---\nTalks in 2023.",
            "",
            "[2023]=2023",
        ),
        (
            "---\r\ndate: 2024-05-20\r\n---\r\nTalks in 2023.",
            "",
            "[2023]=2023",
        ),
        ("---\nno end 2024", "", "[2024]=2024"),
    ]);
}

#[test]
fn flags_for_lint() {
    let ms = recognize("Monday, 5 July 2024 and 30 February 2024", None);
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0].weekday.unwrap().weekday, Weekday::Monday);
    assert_eq!(ms[0].day.unwrap().weekday(), Weekday::Friday);
    assert!(ms[1].invalid.is_some());
    let ms = recognize("On 05/06/2024 it rained.", None);
    let o = ms[0].order.as_ref().unwrap();
    assert!(!o.settled);
    assert_eq!(ms[0].value.value, "2024-05-06");
    assert_eq!(o.other, "2024-06-05");
    let ms = recognize("On 05/06/2024 and 25/06/2024.", None);
    let o = ms[0].order.as_ref().unwrap();
    assert!(o.settled && o.day_first);
    assert_eq!(ms[0].value.value, "2024-06-05");
    // The same day with the month in words settles it, whatever the
    // article's order ("December 2" is month first).
    let ms = recognize(
        "02/12/2025 16:30\nDUSHANBE, December 2, 2025 - Talks.",
        None,
    );
    assert!(ms[0].order.as_ref().unwrap().settled);
    assert_eq!(ms[0].value.value, "2025-12-02");
    // Else the order the article writes its other dates in.
    let ms = recognize("Published on 03/12/2025. A summit on 18-19 December.", None);
    assert!(ms[0].order.as_ref().unwrap().settled);
    assert_eq!(ms[0].value.value, "2025-12-03");
    // Else the reading whose month alone the article names in words
    // (an article tells of days near its own).
    let ms = recognize("Published on 03/12/2025. A summit on December 18.", None);
    assert_eq!(ms[0].value.value, "2025-12-03");
    let ms = recognize(
        "Published on 06/11/2025. The talks run November 10 to 21.",
        None,
    );
    assert_eq!(ms[0].value.value, "2025-11-06");
    // Else the order of its dates with the month in words.
    let ms = recognize("Published on 03/12/2025. A summit on July 18.", None);
    assert_eq!(ms[0].value.value, "2025-03-12");
}

#[test]
fn hover_and_inlay() {
    let d = dct("2024-05-20");
    let ms = recognize("The summit on July 3 and last week", Some(&d));
    let h = describe(&ms[0], Some(&d));
    assert!(h.contains("Wednesday, 3 July 2024"), "{h}");
    assert!(h.contains("Monday, 20 May 2024"), "{h}");
    assert_eq!(inlay_label(&ms[1]).as_deref(), Some("2024-W20"));
    let h = describe(&ms[1], None);
    assert!(h.contains("ISO week 20 of 2024"), "{h}");
    let ms = recognize("Monday, 5 July 2024", None);
    assert!(describe(&ms[0], None).contains("Written with Monday, but that day is a Friday"));
    let ms = recognize("In 1995 and the following year", Some(&d));
    assert!(ms[1].anchored);
    assert!(describe(&ms[1], Some(&d)).contains("Counted from the date the article gave"));
    let ms = recognize("On 16 October 2025 and last June", None);
    assert_eq!(inlay_label(&ms[0]), None);
    assert!(describe(&ms[1], None).contains("none was found"));
}

/// A TIMEX3 DATE value: checks its shape and returns the day when it has one.
fn parse_timex(v: &str) -> Result<Option<Date>, String> {
    let ok_num = |s: &str, n: usize| {
        s.len() == n && (s.bytes().all(|b| b.is_ascii_digit()) || s.bytes().all(|b| b == b'X'))
    };
    let parts: Vec<&str> = v.split('-').collect();
    let good = match parts.as_slice() {
        [y] => (2..=4).contains(&y.len()) && ok_num(y, y.len()),
        [y, m] => {
            ok_num(y, 4)
                && (ok_num(m, 2)
                    || [
                        "SP", "SU", "FA", "WI", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "QX",
                    ]
                    .contains(m)
                    || (m.starts_with('W') && ok_num(&m[1..], 2)))
        }
        [y, m, d] => {
            ok_num(y, 4)
                && ((ok_num(m, 2) && ok_num(d, 2))
                    || (m.starts_with('W')
                        && ok_num(&m[1..], 2)
                        && (*d == "WE" || (d.len() == 1 && d.as_bytes()[0].is_ascii_digit()))))
        }
        _ => false,
    };
    if !good {
        return Err(format!("not a TIMEX3 date value: {v}"));
    }
    if v.len() == 10 && !v.contains('X') && !v.contains('W') {
        return v.parse::<Date>().map(Some).map_err(|e| format!("{v}: {e}"));
    }
    Ok(None)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

proptest! {
    #[test]
    fn every_value_parses_and_agrees_with_jiff(
        y in 1900i16..2100, m in 1i8..=12, d in 1i8..=31, w in 0usize..7,
        dct_off in 0i64..40000, form in 0usize..8,
    ) {
        let base: Date = "1950-01-01".parse().unwrap();
        let dct = Dct {
            date: base.checked_add(jiff::Span::new().days(dct_off)).unwrap(),
            source: DctSource::Override,
            span: None,
        };
        let month = MONTHS[m as usize - 1];
        let text = match form {
            0 => format!("on {d} {month} {y} it"),
            1 => format!("{month} {d}, {y}"),
            2 => format!("{}, {d} {month} {y}", DAYS[w]),
            3 => format!("on {d:02}.{m:02}.{y}"),
            4 => format!("{y}-{m:02}-{d:02}"),
            5 => format!("they met on {} and in {month}", DAYS[w]),
            6 => format!("late last year, next weekend, {d} days ago"),
            _ => format!("{month} {d} and last {month}"),
        };
        let ms = recognize(&text, Some(&dct));
        prop_assert!(!ms.is_empty(), "nothing found in {text:?}");
        for mention in &ms {
            let v = &mention.value.value;
            let day = parse_timex(v);
            if mention.invalid.is_some() {
                prop_assert!(Date::new(v[..4].parse().unwrap(), v[5..7].parse().unwrap(), v[8..10].parse().unwrap()).is_err());
                continue;
            }
            let day = day.map_err(TestCaseError::fail)?;
            if let Some(day) = day {
                prop_assert_eq!(Some(day), mention.day, "{}", text);
                // leap years: 29 February exists exactly when jiff says so
                let leap = day.in_leap_year();
                prop_assert_eq!(Date::new(day.year(), 2, 29).is_ok(), leap);
            }
            if let (Some(wd), Some(day)) = (mention.weekday, mention.day) {
                prop_assert_eq!(wd.weekday, DAYS.iter().position(|x| *x == DAYS[w]).map(|i| Weekday::from_monday_zero_offset(i as i8).unwrap()).unwrap());
                let _ = day.weekday();
            }
            if v.contains("-W") && !v.contains('X') {
                let y: i16 = v[..4].parse().unwrap();
                let wk: i8 = v[6..8].parse().unwrap();
                prop_assert!(jiff::civil::ISOWeekDate::new(y, wk, Weekday::Monday).is_ok(), "{}", v);
            }
        }
        // an explicit full date resolves to exactly that day, weekday included
        if let Ok(date) = Date::new(y, m, d) && form <= 4 {
            prop_assert_eq!(ms[0].day, Some(date), "{}", text);
            prop_assert_eq!(ms[0].day.unwrap().weekday(), date.weekday());
        }
    }
}

proptest! {
    /// Any text: no panic, mentions in order, not overlapping, on char boundaries.
    #[test]
    fn any_text_is_safe(
        words in proptest::collection::vec(
            prop_oneof![
                Just("May".to_string()), Just("5".to_string()), Just("2024".to_string()),
                Just("-".to_string()), Just("/".to_string()), Just(".".to_string()),
                Just("last".to_string()), Just("week".to_string()), Just("Monday".to_string()),
                Just("the".to_string()), Just("of".to_string()), Just("'".to_string()),
                Just("s".to_string()), Just("Q3".to_string()), Just("mid".to_string()),
                Just("ago".to_string()), Just("two".to_string()), Just("years".to_string()),
                Just("é".to_string()), Just("\u{a0}".to_string()), Just("\n".to_string()),
                "[a-zA-Z0-9 ,.:/'’–-]{0,6}",
            ],
            0..30,
        ),
        seps in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just(", ")], 30),
        with_dct in any::<bool>(),
    ) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            text.push_str(seps[i]);
        }
        let d = dct("2021-09-10");
        let ms = recognize(&text, with_dct.then_some(&d));
        let mut last = 0;
        for m in &ms {
            prop_assert!(m.start >= last && m.start < m.end && m.end <= text.len(), "{:?} in {:?}", m, text);
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(parse_timex(&m.value.value).is_ok() || m.invalid.is_some(), "{:?} in {:?}", m, text);
            let _ = describe(m, with_dct.then_some(&d));
            let _ = inlay_label(m);
            last = m.end;
        }
        let _ = detect_dct(&text);
    }
}

#[test]
fn a_second_day_of_the_month_and_a_possessive_weekday() {
    check(&[
        (
            "the summit on Oct. 30 or 31, sources said",
            "2025-10-28",
            "[Oct. 30]=2025-10-30 | [31]=2025-10-31",
        ),
        (
            "talks on January 15 and 16.",
            "",
            "[January 15]=XXXX-01-15 | [16]=XXXX-01-16",
        ),
        (
            "held between January 15 and 16.",
            "2025-10-28",
            "[January 15 and 16]=2025-01-15..2025-01-16",
        ),
        (
            "on May 5 and 6 people died",
            "2025-10-28",
            "[May 5]=2025-05-05",
        ),
        (
            "said on Friday last week; they meet Monday next week. On Friday, last week ended.",
            "2025-11-09",
            "[Friday last week]=2025-10-31 | [Monday next week]=2025-11-10 | [Friday]=2025-11-07 | [last week]=2025-W44",
        ),
        (
            "moved on Monday following Sunday's victory",
            "2025-10-28",
            "[Monday]=2025-10-27 | [Sunday]=2025-10-26",
        ),
        (
            "on the following Sunday",
            "2025-10-28",
            "[following Sunday]=2025-11-02",
        ),
    ]);
}
