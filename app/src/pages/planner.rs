//! `/audits/planner`: how many ballots a risk-limiting audit should plan to
//! examine first, from the reported results.
//!
//! Without JavaScript it is a GET form: the query string holds the inputs and the
//! server renders the answer (400 when a submitted value is wrong, with the
//! message beside its field). With JavaScript the same computation runs in the
//! browser as the reader types: the math is the `rla` crate's, which builds for
//! both. The form is the site's one island: the only part of any page that
//! the browser hydrates, so the WASM holds the planner and nothing else.

use crate::components::{set_status, PageTitle};
use crate::format;
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
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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
    let valid = normal.bytes().all(|b| b.is_ascii_digit() || b == b'.') && normal.matches('.').count() <= 1;
    match normal.parse::<f64>() {
        Ok(v) if valid && v.is_finite() => Ok(Some(v)),
        _ => Err(t.pl_err_number),
    }
}

/// Checks the form and computes the plan. `submitted` says whether an empty
/// required field is a mistake (a submitted form) or just not filled in yet.
pub fn plan(
    input: &PlannerInput,
    submitted: bool,
    t: &'static PlannerStrings,
) -> Result<Option<Plan>, Vec<(Field, &'static str)>> {
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

fn bravo_plan(risk: f64, ballots: u64, winner: u64, runner_up: u64) -> Result<Plan, String> {
    use rla::bravo::{get_sample_size, SampleSizeOptions};
    let contest =
        rla::Contest::new(&[("winner", winner), ("runner-up", runner_up)], ballots, 1, 1).map_err(|e| e.to_string())?;
    let margin = contest.diluted_margin();
    match get_sample_size(risk, &contest, None, None).map_err(|e| e.to_string())? {
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
) -> Result<Plan, String> {
    let margin_votes = winner as i64 - runner_up as i64;
    let margin = margin_votes as f64 / ballots as f64;
    if margin_votes <= 0 {
        return Ok(Plan::FullCount { ballots });
    }
    let initial =
        kaplan_markov::initial_sample_size(risk, margin_votes, ballots, DEFAULT_GAMMA).map_err(|e| e.to_string())?;
    let clean = kaplan_markov::sample_size_no_discrepancies(margin, risk, DEFAULT_GAMMA)
        .map_err(|e| e.to_string())?
        .map(|n| n.min(ballots));
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
    format!("{:.2}%", x * 100.0)
}

fn chance(p: f64) -> String {
    format::percent(p * 100.0)
}

fn plan_view(t: &'static PlannerStrings, plan: Plan) -> AnyView {
    let n = |v: u64| format::grouped(v as i64);
    match plan {
        Plan::FullCount { ballots } => {
            view! { <p class="plan-size"><strong>{fill(t.pl_full_count, &[&n(ballots)])}</strong></p> }.into_any()
        }
        Plan::Bravo { margin, asn, prob, quantiles } => view! {
            <p class="plan-size"><strong>{fill(t.pl_plan_for, &[&n(asn)])}</strong></p>
            <p>{t.pl_bravo_asn}</p>
            {prob.map(|p| view! { <p>{fill(t.pl_bravo_prob, &[&chance(p)])}</p> })}
            <p>{fill(t.pl_margin, &[&percent2(margin)])}</p>
            {(!quantiles.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="quantiles">
                        <caption>{t.pl_quantiles_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.pl_col_chance}</th>
                                <th scope="col" class="num">{t.pl_col_ballots}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {quantiles.into_iter().map(|(q, size)| view! {
                                <tr><th scope="row">{chance(q)}</th><td class="num">{n(size)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        }
        .into_any(),
        Plan::Comparison { margin, initial, clean, custom } => view! {
            <p class="plan-size"><strong>{fill(t.pl_plan_for, &[&n(initial)])}</strong></p>
            <p>{t.pl_km_initial}</p>
            {custom.map(|(r1, r2, size)| view! {
                <p class="plan-custom">{fill(t.pl_km_custom, &[&format!("{r1}%"), &format!("{r2}%"), &n(size)])}</p>
            })}
            {clean.map(|c| view! { <p>{fill(t.pl_km_clean, &[&n(c)])}</p> })}
            <p>{fill(t.pl_margin, &[&percent2(margin)])}</p>
        }
        .into_any(),
    }
}

/// The query parameters the planner reads.
const KEYS: [&str; 7] = ["method", "risk", "ballots", "winner", "runner_up", "o1", "o2"];

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
    if submitted && plan(&input, submitted, lang.planner()).is_err() {
        set_status(400);
    }
    view! {
        <PageTitle text=t.planner_title/>
        <h1>{t.planner_title}</h1>
        <p class="lead">{t.planner_intro}</p>
        <PlannerForm spanish=lang == Lang::Es submitted input/>
        <section aria-labelledby="plan-how">
            <h2 id="plan-how">{t.pl_how_heading}</h2>
            <p>{t.pl_how_body}</p>
        </section>
    }
}

/// The form and its answer: rendered by the server from the query string, and
/// recomputed in the browser as the reader types. An island takes no context
/// from the page (there is no router in the browser), so the language comes as
/// a prop.
#[island]
fn PlannerForm(spanish: bool, submitted: bool, input: PlannerInput) -> impl IntoView {
    let lang = if spanish { Lang::Es } else { Lang::En };
    let t = lang.planner();
    let initial = input;
    let input = RwSignal::new(initial.clone());
    let result = Memo::new(move |_| plan(&input.get(), submitted, t));
    let error_for = move |field: Field| {
        Signal::derive(move || match result.get() {
            Err(errors) => errors.iter().find(|(f, _)| *f == field).map(|(_, m)| *m),
            Ok(_) => None,
        })
    };
    let method = PlanMethod::parse(&initial.method).unwrap_or(PlanMethod::Bravo);
    let output = move || match result.get() {
        Ok(Some(p)) => plan_view(t, p),
        Ok(None) => view! { <p>{t.pl_empty}</p> }.into_any(),
        Err(errors) if errors.iter().all(|(f, _)| *f == Field::Method) && errors.len() == 1 => {
            view! { <p class="error-message">{errors[0].1}</p> }.into_any()
        }
        Err(_) => view! { <p class="error-message">{t.pl_fix}</p> }.into_any(),
    };
    view! {
        <form class="planner" method="get" action=lang.href("/audits/planner") novalidate>
            <fieldset>
                <legend>{t.pl_form_legend}</legend>
                <div class="field">
                    <label for="method">{t.pl_method}</label>
                    <select
                        id="method"
                        name="method"
                        aria-describedby="method-error"
                        on:change=move |ev| input.update(|i| i.method = event_target_value(&ev))
                    >
                        <option value="bravo" selected=method == PlanMethod::Bravo>{t.pl_bravo}</option>
                        <option value="kaplan_markov" selected=method == PlanMethod::KaplanMarkov>{t.pl_km}</option>
                    </select>
                    <FieldError id="method-error" error=error_for(Field::Method)/>
                </div>
                <NumberField id="risk" label=t.pl_risk value=initial.risk.clone() error=error_for(Field::Risk)
                    decimal=true on_input=move |v| input.update(|i| i.risk = v)/>
                <NumberField id="ballots" label=t.pl_ballots value=initial.ballots.clone() error=error_for(Field::Ballots)
                    decimal=false on_input=move |v| input.update(|i| i.ballots = v)/>
                <NumberField id="winner" label=t.pl_winner value=initial.winner.clone() error=error_for(Field::Winner)
                    decimal=false on_input=move |v| input.update(|i| i.winner = v)/>
                <NumberField id="runner_up" label=t.pl_runner_up value=initial.runner_up.clone() error=error_for(Field::RunnerUp)
                    decimal=false on_input=move |v| input.update(|i| i.runner_up = v)/>
            </fieldset>
            <fieldset>
                <legend>{t.pl_comparison_legend}</legend>
                <p class="help" id="rates-help">{t.pl_rates_help}</p>
                <NumberField id="o1" label=t.pl_o1 value=initial.o1.clone() error=error_for(Field::O1)
                    decimal=true on_input=move |v| input.update(|i| i.o1 = v)/>
                <NumberField id="o2" label=t.pl_o2 value=initial.o2.clone() error=error_for(Field::O2)
                    decimal=true on_input=move |v| input.update(|i| i.o2 = v)/>
            </fieldset>
            <div class="actions">
                <button type="submit">{t.pl_submit}</button>
            </div>
        </form>
        <section class="plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t.pl_result_heading}</h2>
            <div id="plan-result" role="status">{output}</div>
        </section>
    }
    .into_any()
}

/// A text field for a number, with its mistake (if any) right below it.
#[component]
fn NumberField(
    id: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<&'static str>>,
    decimal: bool,
    on_input: impl Fn(String) + 'static,
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
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                on:input=move |ev| on_input(event_target_value(&ev))
            />
            <FieldError id=error_id error/>
        </div>
    }
}

#[component]
fn FieldError(#[prop(into)] id: String, error: Signal<Option<&'static str>>) -> impl IntoView {
    view! { <p class="field-error" id=id>{move || error.get()}</p> }
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
}
