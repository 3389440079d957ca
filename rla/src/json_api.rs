//! The JSON tool interface behind `portal audit-math FILE`.

use crate::contest::Contest;
use crate::kaplan_markov::{self, Discrepancies};
use crate::macro_::{AuditedBatch, Batch, BatchTally, Draw, MacroAudit};
use crate::minerva::{self, MinervaError, Round};
use crate::{bravo, ContestSample, InputError, Method, Recomputed};

mod input;

use input::{check_names, count, err, get, kind, number, object, tally, JVal};

pub(crate) struct Evaluation {
    pub recomputed: Recomputed,
    pub asn: Option<u64>,
    pub no_discrepancy_size: Option<u64>,
}

fn minerva_error(e: MinervaError) -> InputError {
    match e {
        MinervaError::Input(e) => e,
        MinervaError::IncorrectReportedWinners => {
            err("reported", "Minerva (athena) cannot audit a tie at the winners' boundary")
        }
        MinervaError::DegenerateMargin => {
            err("reported", "Minerva (athena) cannot audit a winner-loser pair with a candidate at zero votes or tied")
        }
        MinervaError::IncorrectValidBallots => {
            err("sample.audited", "the audited votes add up to more than sample.size")
        }
        MinervaError::AuditAlreadyCompleted => err("sample", "the audit was already complete"),
    }
}

/// Shared by `audit_math_json` and `recompute_contest`.
pub(crate) fn evaluate(
    method: Method,
    risk_limit: f64,
    contest: &Contest,
    sample: Option<&ContestSample<'_>>,
    gamma: f64,
    macro_data: Option<&MacroData>,
) -> Result<Evaluation, InputError> {
    let dm = contest.diluted_margin();
    let mut ev = Evaluation {
        recomputed: Recomputed { diluted_margin: dm, p_value: None, risk_limit_met: None },
        asn: None,
        no_discrepancy_size: None,
    };
    if let Some(ContestSample::Polling { size, audited }) = sample {
        let total: u128 = audited.iter().map(|a| a.1 as u128).sum();
        if total > *size as u128 * contest.votes_allowed as u128 {
            return Err(err(
                "sample.audited",
                format!(
                    "the audited votes add up to {total}, more than sample.size ({size}) times votes_allowed ({})",
                    contest.votes_allowed
                ),
            ));
        }
    }
    let wrong_kind =
        |want: &str| -> InputError { err("sample", format!("{} needs a {want} sample", method_name(method))) };
    match method {
        Method::Bravo => {
            ev.asn = bravo::first_round_asn(risk_limit, contest)?;
            match sample {
                None => {}
                Some(ContestSample::Polling { audited, .. }) => {
                    let r = bravo::compute_risk(risk_limit, contest, audited).map_err(|e| {
                        if e.field == "sample" {
                            err("sample.audited", e.message)
                        } else {
                            e
                        }
                    })?;
                    ev.recomputed.p_value = Some(r.p_value);
                    ev.recomputed.risk_limit_met = Some(r.risk_limit_met);
                }
                Some(_) => return Err(wrong_kind("polling (size and audited)")),
            }
        }
        Method::Minerva => match sample {
            None => {}
            Some(ContestSample::Polling { size, audited }) => {
                let r = minerva::compute_risk(risk_limit, contest, &[Round { size: *size, votes: audited.to_vec() }])
                    .map_err(minerva_error)?;
                ev.recomputed.p_value = Some(r.p_value);
                ev.recomputed.risk_limit_met = Some(r.risk_limit_met);
            }
            Some(_) => return Err(wrong_kind("polling (size and audited)")),
        },
        Method::KaplanMarkov => {
            let margin_votes = contest.min_margin_votes().unwrap_or(0);
            ev.no_discrepancy_size = kaplan_markov::sample_size_no_discrepancies(dm, risk_limit, gamma)?;
            match sample {
                None => {}
                Some(ContestSample::Comparison { size, o1, o2, u1, u2 }) => {
                    let d = Discrepancies { o1: *o1, o2: *o2, u1: *u1, u2: *u2 };
                    let p = kaplan_markov::p_value(margin_votes, contest.ballots, *size, d, gamma)?;
                    ev.recomputed.p_value = Some(p);
                    ev.recomputed.risk_limit_met =
                        Some(kaplan_markov::risk_limit_met(p, *size, contest.ballots, risk_limit));
                }
                Some(_) => return Err(wrong_kind("comparison (size, o1, o2, u1, u2)")),
            }
        }
        Method::Macro => {
            if let Some(s) = sample {
                return Err(err(
                    "sample",
                    format!(
                        "macro needs batch-level results (\"batches\" and a sample with \"draws\" and \"audited\"), not a {} sample",
                        match s {
                            ContestSample::Polling { .. } => "polling",
                            ContestSample::Comparison { .. } => "comparison",
                        }
                    ),
                ));
            }
            if let Some(md) = macro_data {
                let audit = MacroAudit { contest, pending_ballots: 0, batches: &md.batches };
                if let Some((audited, draws)) = &md.sample {
                    let (p, met) = audit.compute_risk(risk_limit, audited, draws)?;
                    ev.recomputed.p_value = Some(p);
                    ev.recomputed.risk_limit_met = Some(met);
                }
            }
        }
    }
    Ok(ev)
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Bravo => "bravo",
        Method::KaplanMarkov => "kaplan_markov",
        Method::Macro => "macro",
        Method::Minerva => "minerva",
    }
}

pub(crate) struct MacroData {
    batches: Vec<Batch>,
    sample: Option<(Vec<AuditedBatch>, Vec<Draw>)>,
}

fn parse_batches(v: &JVal, contest: &Contest) -> Result<Vec<Batch>, InputError> {
    let items = match v {
        JVal::Arr(a) => a,
        other => return Err(err("batches", format!("must be a list of batches, not {}", kind(other)))),
    };
    if items.is_empty() {
        return Err(err("batches", "must list at least one batch"));
    }
    let mut out: Vec<Batch> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let f = format!("batches[{i}]");
        let pairs = object(&f, it, Some(&["name", "ballots", "reported"]))?;
        let name = match get(pairs, "name") {
            Some(JVal::Str(s)) if !s.is_empty() => s.clone(),
            Some(_) => return Err(err(&format!("{f}.name"), "must be non-empty text")),
            None => return Err(err(&format!("{f}.name"), "is required")),
        };
        if out.iter().any(|b| b.name == name) {
            return Err(err(&format!("{f}.name"), format!("batch '{name}' is listed twice")));
        }
        let ballots = count(
            &format!("{f}.ballots"),
            get(pairs, "ballots").ok_or_else(|| err(&format!("{f}.ballots"), "is required"))?,
        )?;
        let tally = match get(pairs, "reported") {
            None | Some(JVal::Null) => None,
            Some(r) => {
                let t = tally(&format!("{f}.reported"), r)?;
                check_names(&format!("{f}.reported"), contest, &t)?;
                let sum: u64 = t.iter().map(|x| x.1).sum();
                if sum > ballots.saturating_mul(contest.votes_allowed as u64) {
                    return Err(err(
                        &format!("{f}.reported"),
                        "the votes add up to more than the batch's ballots times votes_allowed",
                    ));
                }
                Some(BatchTally { votes: t.into_iter().map(|(n, v)| (n, v as f64)).collect(), ballots: ballots as f64 })
            }
        };
        out.push(Batch { name, tally });
    }
    Ok(out)
}

fn parse_macro_sample(
    v: &JVal,
    contest: &Contest,
    batches: &[Batch],
) -> Result<(Vec<AuditedBatch>, Vec<Draw>), InputError> {
    let pairs = object("sample", v, Some(&["size", "draws", "audited"]))?;
    let draws_v = get(pairs, "draws")
        .ok_or_else(|| err("sample.draws", "is required for macro: the sampled batch names in draw order"))?;
    let names = match draws_v {
        JVal::Arr(a) => a,
        other => return Err(err("sample.draws", format!("must be a list of batch names, not {}", kind(other)))),
    };
    let mut draws = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let name = match n {
            JVal::Str(s) => s.clone(),
            other => {
                return Err(err(&format!("sample.draws[{i}]"), format!("must be a batch name, not {}", kind(other))))
            }
        };
        if !batches.iter().any(|b| b.name == name) {
            return Err(err(&format!("sample.draws[{i}]"), format!("'{name}' is not one of the batches")));
        }
        draws.push(Draw { ticket: format!("{i:020}"), batch: name });
    }
    if let Some(s) = get(pairs, "size") {
        let n = count("sample.size", s)?;
        if n != draws.len() as u64 {
            return Err(err("sample.size", format!("is {n} but sample.draws lists {} draws", draws.len())));
        }
    }
    let audited_v =
        get(pairs, "audited").ok_or_else(|| err("sample.audited", "is required: audited votes per sampled batch"))?;
    let ap = object("sample.audited", audited_v, None)?;
    let mut audited = Vec::new();
    for (bn, t) in ap {
        let f = format!("sample.audited.{bn}");
        if !batches.iter().any(|b| &b.name == bn) {
            return Err(err(&f, format!("'{bn}' is not one of the batches")));
        }
        let votes = match t {
            JVal::Null => None,
            other => {
                let tt = tally(&f, other)?;
                check_names(&f, contest, &tt)?;
                Some(tt.into_iter().map(|(n, v)| (n, v as f64)).collect())
            }
        };
        audited.push(AuditedBatch { name: bn.clone(), votes });
    }
    for d in &draws {
        if !audited.iter().any(|a| a.name == d.batch) {
            return Err(err("sample.audited", format!("batch '{}' was drawn but has no audited results", d.batch)));
        }
    }
    Ok((audited, draws))
}

fn json_f64(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "null".to_string())
}

/// Evaluate an audit-math request (the `portal audit-math FILE` tool).
///
/// Input: a JSON object with `method` (`"bravo"`, `"kaplan_markov"`,
/// `"macro"` or `"minerva"`), `risk_limit` (percent), `ballots`,
/// `votes_allowed` (default 1), `winners` (number of winners, default 1),
/// `reported` (`{"name": votes, ...}`), `gamma` (kaplan_markov only,
/// default 1.03905) and optionally `sample`: `{"size", "audited": {...}}`
/// for bravo/minerva, `{"size", "o1", "o2", "u1", "u2"}` for kaplan_markov
/// (missing counts are 0), or `{"draws": [batch, ...], "audited": {batch:
/// {...}}}` for macro, which also needs `batches`:
/// `[{"name", "ballots", "reported": {...}}, ...]`.
///
/// Output: `{"diluted_margin", "p_value", "risk_limit_met"}` plus `"asn"`
/// (bravo: first-round average sample number, `null` for a tie) or
/// `"sample_size_no_discrepancies"` (kaplan_markov: `null` if the margin is
/// not positive).  Without a sample `p_value` and `risk_limit_met` are null.
///
/// ```
/// let out = rla::audit_math_json(
///     r#"{"method":"bravo","risk_limit":10,"ballots":1000,"reported":{"a":600,"b":400}}"#,
/// )
/// .unwrap();
/// assert_eq!(
///     out,
///     r#"{"diluted_margin":0.2,"p_value":null,"risk_limit_met":null,"asn":119}"#
/// );
/// let err = rla::audit_math_json(r#"{"method":"bravo","risk_limit":10,"ballots":1000,"reported":{"a":600,"b":-4}}"#)
///     .unwrap_err();
/// assert_eq!(err.field, "reported.b");
/// ```
pub fn audit_math_json(input: &str) -> Result<String, InputError> {
    let root: JVal = serde_json::from_str(input).map_err(|e| err("input", format!("is not valid JSON ({e})")))?;
    let top = object(
        "",
        &root,
        Some(&[
            "method",
            "risk_limit",
            "ballots",
            "votes_allowed",
            "winners",
            "reported",
            "gamma",
            "sample",
            "batches",
        ]),
    )
    .map_err(|e| if e.field.is_empty() { err("input", e.message) } else { e })?;
    let method = match get(top, "method") {
        Some(JVal::Str(s)) => Method::parse(s).ok_or_else(|| {
            err("method", format!("must be one of bravo, kaplan_markov, macro, minerva (found '{s}')"))
        })?,
        Some(other) => return Err(err("method", format!("must be text, not {}", kind(other)))),
        None => return Err(err("method", "is required")),
    };
    let risk_limit = number("risk_limit", get(top, "risk_limit").ok_or_else(|| err("risk_limit", "is required"))?)?;
    if risk_limit <= 0.0 || risk_limit >= 100.0 {
        return Err(err("risk_limit", format!("must be a percentage above 0 and below 100 (found {risk_limit})")));
    }
    let ballots = count("ballots", get(top, "ballots").ok_or_else(|| err("ballots", "is required"))?)?;
    if ballots == 0 {
        return Err(err("ballots", "must be greater than 0"));
    }
    let votes_allowed = match get(top, "votes_allowed") {
        None => 1,
        Some(v) => count("votes_allowed", v)?,
    };
    if votes_allowed == 0 || votes_allowed > u32::MAX as u64 {
        return Err(err("votes_allowed", "must be at least 1"));
    }
    let winners = match get(top, "winners") {
        None => 1,
        Some(v) => count("winners", v)?,
    };
    if winners == 0 {
        return Err(err("winners", "must be at least 1"));
    }
    let reported = tally("reported", get(top, "reported").ok_or_else(|| err("reported", "is required"))?)?;
    if reported.len() < 2 {
        return Err(err("reported", "must list at least two candidates"));
    }
    if winners >= reported.len() as u64 {
        return Err(err(
            "winners",
            format!("must be fewer than the number of candidates in reported ({})", reported.len()),
        ));
    }
    let gamma = match get(top, "gamma") {
        None => kaplan_markov::DEFAULT_GAMMA,
        Some(v) => {
            if method != Method::KaplanMarkov {
                return Err(err("gamma", "only applies to method kaplan_markov"));
            }
            let g = number("gamma", v)?;
            if g <= 1.0 {
                return Err(err("gamma", format!("must be greater than 1 (found {g})")));
            }
            g
        }
    };
    let reported_refs: Vec<(&str, u64)> = reported.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let contest = Contest::new(&reported_refs, ballots, winners as usize, votes_allowed as u32)?;

    if get(top, "batches").is_some() && method != Method::Macro {
        return Err(err("batches", "only applies to method macro"));
    }

    // The sample
    let sample_v = match get(top, "sample") {
        None | Some(JVal::Null) => None,
        Some(v) => Some(v),
    };
    let mut audited_store: Vec<(String, u64)> = Vec::new();
    let mut sample: Option<ContestSample<'_>> = None;
    let mut comparison: Option<(u64, u64, u64, u64, u64)> = None;
    let mut polling_size: u64 = 0;
    let mut macro_data: Option<MacroData> = None;
    match method {
        Method::Bravo | Method::Minerva => {
            if let Some(v) = sample_v {
                let pairs = object("sample", v, Some(&["size", "audited"]))?;
                polling_size =
                    count("sample.size", get(pairs, "size").ok_or_else(|| err("sample.size", "is required"))?)?;
                audited_store = tally(
                    "sample.audited",
                    get(pairs, "audited")
                        .ok_or_else(|| err("sample.audited", "is required: audited votes per candidate"))?,
                )?;
                check_names("sample.audited", &contest, &audited_store)?;
            }
        }
        Method::KaplanMarkov => {
            if let Some(v) = sample_v {
                let pairs = object("sample", v, Some(&["size", "o1", "o2", "u1", "u2"]))?;
                let size = count("sample.size", get(pairs, "size").ok_or_else(|| err("sample.size", "is required"))?)?;
                let c = |k: &str| -> Result<u64, InputError> {
                    match get(pairs, k) {
                        None => Ok(0),
                        Some(v) => count(&format!("sample.{k}"), v),
                    }
                };
                let (o1, o2, u1, u2) = (c("o1")?, c("o2")?, c("u1")?, c("u2")?);
                if o1 as u128 + o2 as u128 + u1 as u128 + u2 as u128 > size as u128 {
                    return Err(err("sample", "o1 + o2 + u1 + u2 is larger than sample.size"));
                }
                comparison = Some((size, o1, o2, u1, u2));
            }
        }
        Method::Macro => {
            let batches = match get(top, "batches") {
                None | Some(JVal::Null) => None,
                Some(b) => Some(parse_batches(b, &contest)?),
            };
            match (batches, sample_v) {
                (None, Some(_)) => {
                    return Err(err("batches", "macro needs the reported results of every batch to compute a p-value"))
                }
                (None, None) => {}
                (Some(b), s) => {
                    let sample = match s {
                        Some(v) => Some(parse_macro_sample(v, &contest, &b)?),
                        None => None,
                    };
                    macro_data = Some(MacroData { batches: b, sample });
                }
            }
        }
    }
    let audited_refs: Vec<(&str, u64)> = audited_store.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    if matches!(method, Method::Bravo | Method::Minerva) && sample_v.is_some() {
        sample = Some(ContestSample::Polling { size: polling_size, audited: &audited_refs });
    }
    if let Some((size, o1, o2, u1, u2)) = comparison {
        sample = Some(ContestSample::Comparison { size, o1, o2, u1, u2 });
    }
    let ev = evaluate(method, risk_limit, &contest, sample.as_ref(), gamma, macro_data.as_ref())?;
    let r = ev.recomputed;
    let mut out = String::from("{");
    out.push_str(&format!("\"diluted_margin\":{}", json_f64(r.diluted_margin)));
    out.push_str(&format!(",\"p_value\":{}", r.p_value.map(json_f64).unwrap_or_else(|| "null".into())));
    out.push_str(&format!(
        ",\"risk_limit_met\":{}",
        r.risk_limit_met.map(|b| b.to_string()).unwrap_or_else(|| "null".into())
    ));
    match method {
        Method::Bravo => {
            out.push_str(&format!(",\"asn\":{}", ev.asn.map(|a| a.to_string()).unwrap_or_else(|| "null".into())))
        }
        Method::KaplanMarkov => out.push_str(&format!(
            ",\"sample_size_no_discrepancies\":{}",
            ev.no_discrepancy_size.map(|a| a.to_string()).unwrap_or_else(|| "null".into())
        )),
        _ => {}
    }
    out.push('}');
    Ok(out)
}
