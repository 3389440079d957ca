//! `/audits/planner`: how many ballots a risk-limiting audit should plan to
//! examine first, from the reported results.
//!
//! Without JavaScript it is a GET form: the query string holds the inputs and the
//! server renders the answer (400 when a submitted value is wrong, with the
//! message beside its field). With JavaScript the same computation runs in the
//! browser as the reader types: the math is the `rla` crate's, which builds for
//! both, and the answer's HTML is [`browser_answer`]'s on both sides. The
//! browser entry (`frontend`) calls that function alone; it links no Leptos, so
//! the one page that loads WASM loads the planner and nothing else.

use crate::components::{set_status, PageTitle};
use crate::format;
use crate::format::escape_html as escaped;
use crate::i18n::{fill, Lang, PlannerStrings};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rla::kaplan_markov::{self, DEFAULT_GAMMA, DEFAULT_R1, DEFAULT_R2};

/// The audit methods the planner plans for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanMethod {
    Bravo,
    KaplanMarkov,
}

impl PlanMethod {
    fn parse(code: &str) -> Option<PlanMethod> {
        match code {
            "" | "bravo" => Some(PlanMethod::Bravo),
            "kaplan_markov" => Some(PlanMethod::KaplanMarkov),
            _ => None,
        }
    }
}

/// The form's fields as typed (the query string's parameters).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlannerInput {
    pub method: String,
    pub risk: String,
    pub ballots: String,
    pub winner: String,
    pub runner_up: String,
    pub o1: String,
    pub o2: String,
}

/// A field of the form, by its name in the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Method,
    Risk,
    Ballots,
    Winner,
    RunnerUp,
    O1,
    O2,
}

/// What the reader should plan for.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    Bravo {
        margin: f64,
        /// The average sample number and the chance of finishing at it.
        asn: u64,
        prob: Option<f64>,
        /// Arlo's options: (chance of finishing in one round, ballots).
        quantiles: Vec<(f64, u64)>,
    },
    Comparison {
        margin: f64,
        /// Arlo's first-round size with its default expected discrepancies.
        initial: u64,
        /// The size if the sample finds no discrepancy (none for a tie).
        clean: Option<u64>,
        /// The size with the reader's expected overstatement rates (percent).
        custom: Option<(f64, f64, u64)>,
    },
    /// A sample cannot give enough evidence: count every ballot.
    FullCount { ballots: u64 },
}

/// The largest count accepted (the `rla` crate's limit).
const MAX_COUNT: u64 = rla::MAX_COUNT;

/// A whole number as people write it: "92415", "92,415", "92 415" or "92.415".
fn parse_count(text: &str, t: &'static PlannerStrings) -> Result<Option<u64>, &'static str> {
    let digits: String = text.chars().filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}' | '_')).collect();
    if digits.is_empty() {
        return if text.trim().is_empty() { Ok(None) } else { Err(t.pl_err_whole) };
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(t.pl_err_whole);
    }
    match digits.parse::<u64>() {
        Ok(n) if n <= MAX_COUNT => Ok(Some(n)),
        _ => Err(t.pl_err_too_large),
    }
}

/// A decimal number, with a point or a comma, and an optional "%": "5", "0.1", "0,1 %".
fn parse_decimal(text: &str, t: &'static PlannerStrings) -> Result<Option<f64>, &'static str> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    if trimmed.is_empty() {
        return if text.trim().is_empty() { Ok(None) } else { Err(t.pl_err_number) };
    }
    let normal = trimmed.replace(',', ".");
    let valid = normal.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && normal.matches('.').count() <= 1
        && normal.bytes().any(|b| b.is_ascii_digit());
    if !valid {
        return Err(t.pl_err_number);
    }
    Ok(Some(decimal_value(&normal)))
}

/// The value of digits with at most one point ("0.05", "12", ".5", "5."), read
/// without the float parser (whose tables would be a fifth of the planner's
/// WASM): the digits as a whole number divided by a power of ten, which is the
/// nearest double, as the parser gives, while the number has at most 15
/// significant digits (further digits are dropped).
fn decimal_value(text: &str) -> f64 {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let (mut mantissa, mut significant, mut scale) = (0u64, 0, 0i32);
    for (i, b) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let in_fraction = i >= whole.len();
        if significant < 15 {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            if mantissa > 0 {
                significant += 1;
            }
            if in_fraction {
                scale += 1;
            }
        } else if !in_fraction {
            scale -= 1; // a whole-number digit past the 15th: a power of ten
        }
    }
    if scale >= 0 {
        mantissa as f64 / 10f64.powi(scale)
    } else {
        mantissa as f64 * 10f64.powi(-scale)
    }
}

/// Checks the form and computes the plan. `submitted` says whether an empty
/// required field is a mistake (a submitted form) or just not filled in yet.
pub fn plan(input: &PlannerInput, submitted: bool, t: &'static PlannerStrings) -> Checked {
    let mut errors = Vec::new();
    let method = PlanMethod::parse(&input.method);
    if method.is_none() {
        errors.push((Field::Method, t.pl_err_method));
    }
    let mut required_count = |field: Field, text: &str| match parse_count(text, t) {
        Ok(Some(n)) => Some(n),
        Ok(None) => {
            if submitted {
                errors.push((field, t.pl_err_required));
            }
            None
        }
        Err(e) => {
            errors.push((field, e));
            None
        }
    };
    let ballots = required_count(Field::Ballots, &input.ballots);
    let winner = required_count(Field::Winner, &input.winner);
    let runner_up = required_count(Field::RunnerUp, &input.runner_up);
    let risk = match parse_decimal(&input.risk, t) {
        Ok(Some(r)) if r > 0.0 && r < 100.0 => Some(r),
        Ok(None) if !submitted => None,
        Ok(_) => {
            errors.push((Field::Risk, t.pl_err_risk));
            None
        }
        Err(e) => {
            errors.push((Field::Risk, e));
            None
        }
    };
    let mut rate = |field: Field, text: &str| match parse_decimal(text, t) {
        Ok(Some(r)) if (0.0..50.0).contains(&r) => Some(Some(r)),
        Ok(None) => Some(None),
        Ok(Some(_)) => {
            errors.push((field, t.pl_err_rate));
            None
        }
        Err(e) => {
            errors.push((field, e));
            None
        }
    };
    let o1 = rate(Field::O1, &input.o1);
    let o2 = rate(Field::O2, &input.o2);
    if ballots == Some(0) {
        errors.push((Field::Ballots, t.pl_err_ballots));
    }
    if winner == Some(0) {
        errors.push((Field::Winner, t.pl_err_winner_zero));
    }
    if let (Some(b), Some(w)) = (ballots, winner) {
        if w > b {
            errors.push((Field::Winner, t.pl_err_winner_ballots));
        }
    }
    if let (Some(w), Some(r)) = (winner, runner_up) {
        if r > w {
            errors.push((Field::RunnerUp, t.pl_err_runner_up));
        } else if let Some(b) = ballots {
            if w <= b && w + r > b {
                errors.push((Field::RunnerUp, t.pl_err_sum));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(method), Some(risk), Some(ballots), Some(winner), Some(runner_up), Some(o1), Some(o2)) =
        (method, risk, ballots, winner, runner_up, o1, o2)
    else {
        return Ok(None);
    };
    let computed = match method {
        PlanMethod::Bravo => bravo_plan(risk, ballots, winner, runner_up),
        PlanMethod::KaplanMarkov => comparison_plan(risk, ballots, winner, runner_up, o1, o2),
    };
    computed.map(Some).map_err(|_| vec![(Field::Method, t.pl_err_math)])
}

/// The BRAVO plan; `Err` when the math refuses the numbers (its message is not
/// shown: the reader sees the planner's own, and formatting it would link the
/// float formatter into the WASM).
fn bravo_plan(risk: f64, ballots: u64, winner: u64, runner_up: u64) -> Result<Plan, ()> {
    use rla::bravo::{get_sample_size, SampleSizeOptions};
    let contest = rla::Contest::new(&[("winner", winner), ("runner-up", runner_up)], ballots, 1, 1).map_err(drop)?;
    let margin = contest.diluted_margin();
    match get_sample_size(risk, &contest, None, None).map_err(drop)? {
        SampleSizeOptions::AllBallots(n) => Ok(Plan::FullCount { ballots: n }),
        // Arlo leaves a small election's sizes uncapped: past the ballots cast, the
        // plan is a full hand count.
        SampleSizeOptions::Options { asn, .. } if asn.size >= ballots => Ok(Plan::FullCount { ballots }),
        SampleSizeOptions::Options { asn, quantiles } => Ok(Plan::Bravo {
            margin,
            asn: asn.size,
            prob: asn.prob,
            quantiles: quantiles.into_iter().map(|(q, n)| (q, n.min(ballots))).collect(),
        }),
    }
}

fn comparison_plan(
    risk: f64,
    ballots: u64,
    winner: u64,
    runner_up: u64,
    o1: Option<f64>,
    o2: Option<f64>,
) -> Result<Plan, ()> {
    let margin_votes = winner as i64 - runner_up as i64;
    let margin = margin_votes as f64 / ballots as f64;
    if margin_votes <= 0 {
        return Ok(Plan::FullCount { ballots });
    }
    let initial = kaplan_markov::initial_sample_size(risk, margin_votes, ballots, DEFAULT_GAMMA).map_err(drop)?;
    let clean =
        kaplan_markov::sample_size_no_discrepancies(margin, risk, DEFAULT_GAMMA).map_err(drop)?.map(|n| n.min(ballots));
    let custom = (o1.is_some() || o2.is_some()).then(|| {
        let r1 = o1.unwrap_or(DEFAULT_R1 * 100.0);
        let r2 = o2.unwrap_or(DEFAULT_R2 * 100.0);
        (r1, r2, size_with_rates(risk, margin, ballots, r1 / 100.0, r2 / 100.0))
    });
    if initial >= ballots {
        return Ok(Plan::FullCount { ballots });
    }
    Ok(Plan::Comparison { margin, initial, clean, custom })
}

/// Arlo's Super-Simple first-round size with the reader's expected one- and
/// two-vote overstatement rates (fractions), counting no understatements
/// (they only lower the risk): the size `n0` at which the expected
/// discrepancies still meet the risk limit, then Stark's `nMin` for the
/// discrepancies expected in `n0` ballots; capped at every ballot.
fn size_with_rates(risk: f64, margin: f64, ballots: u64, r1: f64, r2: f64) -> u64 {
    let gamma = DEFAULT_GAMMA;
    let alpha = risk / 100.0;
    let one = (1.0 - 1.0 / (2.0 * gamma)).ln();
    let two = (1.0 - 1.0 / gamma).ln();
    let denom = (1.0 - margin / (2.0 * gamma)).ln() - r1 * one - r2 * two;
    if denom.is_nan() || denom >= 0.0 {
        return ballots;
    }
    let n0 = (alpha.ln() / denom).ceil();
    let o1 = (r1 * n0).ceil();
    let o2 = (r2 * n0 + 0.5).floor();
    let n = (-2.0 * gamma * (alpha.ln() + o1 * one + o2 * two) / margin).ceil().max(o1 + o2);
    if !n.is_finite() || n >= ballots as f64 {
        ballots
    } else {
        n.max(1.0) as u64
    }
}

/// A share as a percentage with two decimals: 0.1226 -> "12.26%".
fn percent2(x: f64) -> String {
    format!("{}%", format::fixed(x * 100.0, 2))
}

fn chance(p: f64) -> String {
    format::percent(p * 100.0)
}

/// `<p>` (with a class) around escaped text.
fn para(out: &mut String, class: Option<&str>, text: &str) {
    match class {
        Some(c) => out.push_str(&format!("<p class=\"{c}\">{}</p>", escaped(text))),
        None => out.push_str(&format!("<p>{}</p>", escaped(text))),
    }
}

/// The plan as HTML. The server puts it in the page and the browser puts the
/// same markup in its place as the reader types, so both show one answer.
fn plan_html(t: &'static PlannerStrings, plan: &Plan) -> String {
    let n = |v: u64| format::grouped(v as i64);
    let strong = |text: String| format!("<p class=\"plan-size\"><strong>{}</strong></p>", escaped(&text));
    let mut out = String::new();
    match plan {
        Plan::FullCount { ballots } => out.push_str(&strong(fill(t.pl_full_count, &[&n(*ballots)]))),
        Plan::Bravo { margin, asn, prob, quantiles } => {
            out.push_str(&strong(fill(t.pl_plan_for, &[&n(*asn)])));
            para(&mut out, None, t.pl_bravo_asn);
            if let Some(p) = prob {
                para(&mut out, None, &fill(t.pl_bravo_prob, &[&chance(*p)]));
            }
            para(&mut out, None, &fill(t.pl_margin, &[&percent2(*margin)]));
            if !quantiles.is_empty() {
                out.push_str(&format!(
                    "<div class=\"table-wrap\"><table class=\"quantiles\"><caption>{}</caption><thead><tr>\
                     <th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
                    escaped(t.pl_quantiles_caption),
                    escaped(t.pl_col_chance),
                    escaped(t.pl_col_ballots)
                ));
                for (q, size) in quantiles {
                    out.push_str(&format!(
                        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
                        escaped(&chance(*q)),
                        escaped(&n(*size))
                    ));
                }
                out.push_str("</tbody></table></div>");
            }
        }
        Plan::Comparison { margin, initial, clean, custom } => {
            out.push_str(&strong(fill(t.pl_plan_for, &[&n(*initial)])));
            para(&mut out, None, t.pl_km_initial);
            if let Some((r1, r2, size)) = custom {
                let (r1, r2) = (format!("{}%", format::shortest(*r1)), format!("{}%", format::shortest(*r2)));
                let text = fill(t.pl_km_custom, &[&r1, &r2, &n(*size)]);
                para(&mut out, Some("plan-custom"), &text);
            }
            if let Some(c) = clean {
                para(&mut out, None, &fill(t.pl_km_clean, &[&n(*c)]));
            }
            para(&mut out, None, &fill(t.pl_margin, &[&percent2(*margin)]));
        }
    }
    out
}

/// A checked form: its plan (none until the required fields are filled in), or
/// the mistakes beside its fields.
pub type Checked = Result<Option<Plan>, Vec<(Field, &'static str)>>;

/// What `#plan-result` holds for a checked form: the plan, a prompt to fill
/// the form in, or what to fix.
fn answer_html(result: &Checked, t: &'static PlannerStrings) -> String {
    let mut out = String::new();
    match result {
        Ok(Some(p)) => out = plan_html(t, p),
        Ok(None) => para(&mut out, None, t.pl_empty),
        Err(errors) if errors.len() == 1 && errors[0].0 == Field::Method => {
            para(&mut out, Some("error-message"), errors[0].1)
        }
        Err(_) => para(&mut out, Some("error-message"), t.pl_fix),
    }
    out
}

/// The mistake the form shows beside `field`, if any.
fn error_for(result: &Checked, field: Field) -> Option<&'static str> {
    match result {
        Err(errors) => errors.iter().find(|(f, _)| *f == field).map(|(_, m)| *m),
        Ok(_) => None,
    }
}

/// The fields in the order of [`KEYS`].
const FIELDS: [Field; 7] =
    [Field::Method, Field::Risk, Field::Ballots, Field::Winner, Field::RunnerUp, Field::O1, Field::O2];

/// The browser's answer as the reader types (`frontend` calls it): the
/// `#plan-result` HTML, then the mistake beside each field in the order of
/// [`KEYS`] (empty when none), separated by U+001F.
pub fn browser_answer(spanish: bool, submitted: bool, values: [&str; 7]) -> String {
    let t = if spanish { Lang::Es } else { Lang::En }.planner();
    let [method, risk, ballots, winner, runner_up, o1, o2] = values.map(str::to_string);
    let input = PlannerInput { method, risk, ballots, winner, runner_up, o1, o2 };
    let result = plan(&input, submitted, t);
    let mut out = answer_html(&result, t);
    for field in FIELDS {
        out.push('\u{1f}');
        out.push_str(error_for(&result, field).unwrap_or(""));
    }
    out
}

/// The query parameters the planner reads: the form's fields, by their ids (the
/// browser's script reads the same list).
pub const KEYS: [&str; 7] = ["method", "risk", "ballots", "winner", "runner_up", "o1", "o2"];

#[component]
pub fn PlannerPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let query = use_query_map().get_untracked();
    let get = |k: &str| query.get(k).unwrap_or_default();
    // A form that came back with any value counts as submitted: its empty
    // required fields are then mistakes to point out.
    let submitted = KEYS[2..5].iter().any(|k| query.get(k).is_some());
    let input = PlannerInput {
        method: get("method"),
        risk: query.get("risk").unwrap_or_else(|| "5".into()),
        ballots: get("ballots"),
        winner: get("winner"),
        runner_up: get("runner_up"),
        o1: get("o1"),
        o2: get("o2"),
    };
    let result = plan(&input, submitted, lang.planner());
    if submitted && result.is_err() {
        set_status(400);
    }
    view! {
        <PageTitle text=t.planner_title/>
        <h1>{t.planner_title}</h1>
        <p class="lead">{t.planner_intro}</p>
        <PlannerForm lang submitted input result/>
        <section aria-labelledby="plan-how">
            <h2 id="plan-how">{t.pl_how_heading}</h2>
            <p>{t.pl_how_body}</p>
        </section>
    }
}

/// The form and its answer (`result`, the checked `input`), rendered by the
/// server from the query string. On
/// a page with JavaScript, the browser entry (`frontend`) recomputes the answer
/// as the reader types, with the same [`browser_answer`], and puts it and each
/// field's mistake in place (the script is in `HashedHydrationScripts`).
#[component]
fn PlannerForm(lang: Lang, submitted: bool, input: PlannerInput, result: Checked) -> impl IntoView {
    let t = lang.planner();
    let error = |field: Field| error_for(&result, field);
    let method = PlanMethod::parse(&input.method).unwrap_or(PlanMethod::Bravo);
    view! {
        <form class="planner" method="get" action=lang.href("/audits/planner") novalidate
            data-submitted=if submitted { "true" } else { "false" }>
            <fieldset>
                <legend>{t.pl_form_legend}</legend>
                <div class="field">
                    <label for="method">{t.pl_method}</label>
                    <select id="method" name="method" aria-describedby="method-error">
                        <option value="bravo" selected=method == PlanMethod::Bravo>{t.pl_bravo}</option>
                        <option value="kaplan_markov" selected=method == PlanMethod::KaplanMarkov>{t.pl_km}</option>
                    </select>
                    <FieldError id="method-error" error=error(Field::Method)/>
                </div>
                <NumberField id="risk" label=t.pl_risk value=input.risk.clone() error=error(Field::Risk) decimal=true/>
                <NumberField id="ballots" label=t.pl_ballots value=input.ballots.clone() error=error(Field::Ballots)
                    decimal=false/>
                <NumberField id="winner" label=t.pl_winner value=input.winner.clone() error=error(Field::Winner)
                    decimal=false/>
                <NumberField id="runner_up" label=t.pl_runner_up value=input.runner_up.clone()
                    error=error(Field::RunnerUp) decimal=false/>
            </fieldset>
            <fieldset>
                <legend>{t.pl_comparison_legend}</legend>
                <p class="help" id="rates-help">{t.pl_rates_help}</p>
                <NumberField id="o1" label=t.pl_o1 value=input.o1.clone() error=error(Field::O1) decimal=true/>
                <NumberField id="o2" label=t.pl_o2 value=input.o2.clone() error=error(Field::O2) decimal=true/>
            </fieldset>
            <div class="actions">
                <button type="submit">{t.pl_submit}</button>
            </div>
        </form>
        <section class="plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t.pl_result_heading}</h2>
            <div id="plan-result" role="status" inner_html=answer_html(&result, t)></div>
        </section>
    }
}

/// A text field for a number, with its mistake (if any) right below it.
#[component]
fn NumberField(
    id: &'static str,
    label: &'static str,
    value: String,
    error: Option<&'static str>,
    decimal: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let mode = if decimal { "decimal" } else { "numeric" };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type="text"
                inputmode=mode
                autocomplete="off"
                value=value
                aria-describedby=error_id.clone()
                aria-invalid=if error.is_some() { "true" } else { "false" }
            />
            <FieldError id=error_id error/>
        </div>
    }
}

#[component]
fn FieldError(#[prop(into)] id: String, error: Option<&'static str>) -> impl IntoView {
    view! { <p class="field-error" id=id>{error}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::PL_EN as EN;

    fn input(method: &str, risk: &str, ballots: &str, winner: &str, runner_up: &str) -> PlannerInput {
        PlannerInput {
            method: method.into(),
            risk: risk.into(),
            ballots: ballots.into(),
            winner: winner.into(),
            runner_up: runner_up.into(),
            ..Default::default()
        }
    }

    #[test]
    fn bravo_plans_the_average_sample_number_and_arlos_options() {
        let p = plan(&input("bravo", "5", "92,415", "51208", "39877"), true, &EN).unwrap().unwrap();
        let Plan::Bravo { asn, quantiles, margin, .. } = p else { panic!("{p:?}") };
        let contest = rla::Contest::new(&[("w", 51208), ("r", 39877)], 92415, 1, 1).unwrap();
        assert_eq!(Some(asn), rla::bravo::first_round_asn(5.0, &contest).unwrap());
        assert_eq!(quantiles.len(), 3);
        assert!(quantiles.windows(2).all(|w| w[0].1 <= w[1].1), "{quantiles:?}");
        assert!((margin - 0.1226).abs() < 0.0001);
    }

    #[test]
    fn comparison_plans_arlos_first_round() {
        let p = plan(&input("kaplan_markov", "5", "100000", "60000", "40000"), true, &EN).unwrap().unwrap();
        let Plan::Comparison { initial, clean, custom, .. } = p else { panic!("{p:?}") };
        assert_eq!(initial, kaplan_markov::initial_sample_size(5.0, 20000, 100000, DEFAULT_GAMMA).unwrap());
        assert_eq!(clean, kaplan_markov::sample_size_no_discrepancies(0.2, 5.0, DEFAULT_GAMMA).unwrap());
        assert!(clean.unwrap() <= initial);
        assert_eq!(custom, None);
        let mut with_rates = input("kaplan_markov", "5", "100000", "60000", "40000");
        with_rates.o1 = "0,5".into();
        let Ok(Some(Plan::Comparison { custom: Some((r1, r2, size)), .. })) = plan(&with_rates, true, &EN) else {
            panic!()
        };
        assert_eq!((r1, r2), (0.5, 0.01));
        assert!(size > initial, "more expected overstatements need more ballots");
        // With no expected discrepancies it is Stark's nMin, ceil(-2γ ln α / m), a
        // little above the exact no-discrepancy size.
        assert_eq!(size_with_rates(5.0, 0.2, 100000, 0.0, 0.0), 32);
        assert_eq!(clean, Some(30));
    }

    #[test]
    fn ties_and_narrow_margins_are_full_counts() {
        let p = plan(&input("bravo", "5", "90000", "45100", "44900"), true, &EN).unwrap().unwrap();
        assert_eq!(p, Plan::FullCount { ballots: 90000 });
        let p = plan(&input("bravo", "5", "1000", "400", "400"), true, &EN).unwrap().unwrap();
        assert_eq!(p, Plan::FullCount { ballots: 1000 });
        let p = plan(&input("kaplan_markov", "5", "1000", "400", "400"), true, &EN).unwrap().unwrap();
        assert_eq!(p, Plan::FullCount { ballots: 1000 });
    }

    #[test]
    fn mistakes_are_named_beside_their_fields() {
        let errs = plan(&input("bravo", "abc", "12x", "5", "9"), true, &EN).unwrap_err();
        assert!(errs.contains(&(Field::Risk, EN.pl_err_number)), "{errs:?}");
        assert!(errs.contains(&(Field::Ballots, EN.pl_err_whole)), "{errs:?}");
        assert!(errs.contains(&(Field::RunnerUp, EN.pl_err_runner_up)), "{errs:?}");
        let errs = plan(&input("bravo", "100", "10", "8", "3"), true, &EN).unwrap_err();
        assert!(errs.contains(&(Field::Risk, EN.pl_err_risk)), "{errs:?}");
        assert!(errs.contains(&(Field::RunnerUp, EN.pl_err_sum)), "{errs:?}");
        let errs = plan(&input("minerva", "5", "10", "8", "1"), true, &EN).unwrap_err();
        assert_eq!(errs, vec![(Field::Method, EN.pl_err_method)]);
        let errs = plan(&input("bravo", "5", "99999999999999999999", "8", "1"), true, &EN).unwrap_err();
        assert_eq!(errs, vec![(Field::Ballots, EN.pl_err_too_large)]);
    }

    #[test]
    fn empty_fields_wait_until_the_form_is_submitted() {
        assert_eq!(plan(&input("bravo", "5", "", "", ""), false, &EN), Ok(None));
        let errs = plan(&input("bravo", "5", "", "", ""), true, &EN).unwrap_err();
        assert_eq!(errs.len(), 3);
        assert!(errs.iter().all(|(_, m)| *m == EN.pl_err_required));
    }

    #[test]
    fn decimals_read_as_the_float_parser_reads_them() {
        for text in ["5", "0.05", "0.1", "12.25", ".5", "5.", "49.999", "0.001", "3.14159265358979", "100", "007.50"] {
            assert_eq!(decimal_value(text), text.parse::<f64>().unwrap(), "{text}");
        }
        assert_eq!(parse_decimal("0,5 %", &EN), Ok(Some(0.5)));
        assert_eq!(parse_decimal(".", &EN), Err(EN.pl_err_number));
        assert_eq!(parse_decimal("1.2.3", &EN), Err(EN.pl_err_number));
        assert_eq!(parse_decimal("1e3", &EN), Err(EN.pl_err_number));
    }

    #[test]
    fn the_browser_gets_the_servers_answer_and_each_fields_mistake() {
        let fields = ["bravo", "5", "92415", "51208", "39877", "", ""];
        let answer = browser_answer(false, false, fields);
        let parts: Vec<&str> = answer.split('\u{1f}').collect();
        assert_eq!(parts.len(), 8, "{answer}");
        let expected = plan(&input("bravo", "5", "92415", "51208", "39877"), false, &EN);
        assert_eq!(parts[0], answer_html(&expected, &EN));
        assert!(parts[0].starts_with("<p class=\"plan-size\"><strong>Plan for "), "{}", parts[0]);
        assert!(parts[0].contains("Diluted margin: 12.26%"), "{}", parts[0]);
        assert!(parts[1..].iter().all(|e| e.is_empty()));
        // A mistake lands beside its field (runner_up is the fifth), in Spanish too.
        let wrong = browser_answer(true, false, ["bravo", "5", "92415", "51208", "60000", "", ""]);
        let parts: Vec<&str> = wrong.split('\u{1f}').collect();
        assert_eq!(parts[5], crate::i18n::PL_ES.pl_err_runner_up);
        assert!(parts[0].contains("error-message"), "{}", parts[0]);
        // Markup in the strings or values can never become markup in the answer.
        assert_eq!(escaped("<b>&\"</b>"), "&lt;b&gt;&amp;&quot;&lt;/b&gt;");
    }
}
