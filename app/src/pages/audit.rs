use super::record_by_slug;
use super::versions::{CiteThis, History, OldVersionNotice, RetractionNotice};
use super::when_loaded;
use crate::api::get_audit;
use crate::components::{OfficialTextNote, PageTitle, WithholdingNotice};
use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/audits/{slug}`: one audit in full.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let data = record_by_slug(get_audit);
    let current_address = use_params_map().with_untracked(|p| p.get("version").is_none());
    view! {
        {when_loaded(data, move |page| audit_view(lang, page, current_address))}
    }
}

fn audit_view(lang: Lang, page: PublicAuditPage, current_address: bool) -> AnyView {
    let PublicAuditPage { record: a, citation, history, current_version, retraction } = page;
    let t = lang.t();
    let base_href = lang.href(&format!("/audits/{}", a.slug));
    let citation_title = format!("{} — {}, {}", lang.audit_type(a.audit_type), a.jurisdiction.name, a.election.name);
    let dash = || t.none_dash.to_string();
    let date = |d: &Option<String>| d.as_deref().map(|d| format::date(lang, d)).unwrap_or_else(dash);
    let title = format!("{} — {}", lang.audit_type(a.audit_type), a.jurisdiction.name);
    let started = date(&a.started_on);
    let completed = date(&a.completed_on);
    let risk_limit = a.risk_limit_pct.map(format::percent).unwrap_or_else(dash);
    let has_seed = a.seed.is_some();
    let seed = a.seed.clone().unwrap_or_else(dash);
    view! {
        <PageTitle text=title.clone()/>
        <OldVersionNotice version=a.version current_version current_href=base_href.clone()/>
        <h1>{title}</h1>
        <RetractionNotice retraction current_address/>
        <p class="lead">
            <a href=lang.href(&format!("/jurisdictions/{}", a.jurisdiction.slug))>{a.jurisdiction.name.clone()}</a>
            " · " {a.election.name.clone()} " · "
            <time datetime=a.election.date.clone()>{format::date(lang, &a.election.date)}</time>
        </p>
        <p class=format!("outcome-banner outcome-{}", a.outcome.code())>
            <strong>{lang.outcome(a.outcome)}</strong>
        </p>
        <OfficialTextNote/>
        <section aria-labelledby="summary">
            <h2 id="summary">{t.summary_heading}</h2>
            <p lang="en">{a.summary.clone()}</p>
        </section>
        <WithholdingNotice withholdings=a.withholdings.clone()/>
        <section aria-labelledby="facts">
            <h2 id="facts">{t.facts_heading}</h2>
            <dl class="facts">
                <div><dt>{t.fact_type}</dt><dd>{lang.audit_type(a.audit_type)}</dd></div>
                <div><dt>{t.fact_math}</dt><dd>{lang.math(a.math)}</dd></div>
                <div><dt>{t.fact_risk_limit}</dt><dd>{risk_limit}</dd></div>
                <div>
                    <dt>{t.fact_seed}</dt>
                    <dd><code>{seed}</code>{has_seed.then(|| view! { <br/><small>{t.seed_help}</small> })}</dd>
                </div>
                <div><dt>{t.fact_started}</dt><dd>{started}</dd></div>
                <div><dt>{t.fact_completed}</dt><dd>{completed}</dd></div>
                <div><dt>{t.fact_version}</dt><dd>{a.version}</dd></div>
                <div><dt>{t.fact_published}</dt><dd>{format::date(lang, &a.published_at)}</dd></div>
            </dl>
        </section>
        {(!a.contests.is_empty()).then(|| contests_view(lang, a.contests.clone()))}
        <section aria-labelledby="documents">
            <h2 id="documents">{t.documents_heading}</h2>
            {if a.documents.is_empty() {
                view! { <p>{t.documents_none}</p> }.into_any()
            } else {
                view! {
                    <p>{t.documents_help}</p>
                    <ul class="documents">
                        {a.documents.iter().map(|d| view! {
                            <li>
                                <a href=d.url.clone()>{d.title.clone()}</a>
                                <br/>
                                <span class="hash-label">{t.col_sha256} ": "</span>
                                <code class="hash">{d.sha256.clone()}</code>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <CiteThis title=citation_title version=a.version citation/>
        <History history shown=a.version base_href/>
    }
    .into_any()
}

fn contests_view(lang: Lang, contests: Vec<PublicContest>) -> impl IntoView {
    let t = lang.t();
    let dash = || t.none_dash.to_string();
    let num = move |n: Option<i64>| n.map(format::grouped).unwrap_or_else(dash);
    let tables = contests.clone();
    view! {
        <section aria-labelledby="contests">
            <h2 id="contests">{t.contests_heading}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.contests_caption>
                <table>
                    <caption>{t.contests_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.col_contest}</th>
                            <th scope="col">{t.col_winners}</th>
                            <th scope="col" class="num">{t.col_votes_allowed}</th>
                            <th scope="col" class="num">{t.col_ballots}</th>
                            <th scope="col" class="num">{t.col_sample}</th>
                            <th scope="col">{t.col_discrepancies}</th>
                            <th scope="col" class="num">{t.col_p_value}</th>
                            <th scope="col">{t.col_limit_met}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {contests.into_iter().map(|c| {
                            let discrepancies = match (c.o1, c.o2, c.u1, c.u2) {
                                (None, None, None, None) => dash(),
                                (o1, o2, u1, u2) => format!("{} / {} / {} / {}", num(o1), num(o2), num(u1), num(u2)),
                            };
                            view! {
                                <tr>
                                    <th scope="row" lang="en">{c.name}</th>
                                    <td lang="en">{c.winners.join(", ")}</td>
                                    <td class="num">{c.votes_allowed}</td>
                                    <td class="num">{format::grouped(c.ballots_cast)}</td>
                                    <td class="num">{num(c.sample_size)}</td>
                                    <td>{discrepancies}</td>
                                    <td class="num">{c.p_value.map(format::p_value).unwrap_or_else(dash)}</td>
                                    <td>{c.risk_limit_met.map(|b| lang.yes_no(b).to_string()).unwrap_or_else(dash)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {tables.into_iter().filter(|c| !c.tallies.is_empty()).map(|c| {
                let caption = fill(t.tallies_caption, &[&c.name]);
                let label = caption.clone();
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=label>
                        <table>
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_candidate}</th>
                                    <th scope="col" class="num">{t.col_reported}</th>
                                    <th scope="col" class="num">{t.col_audited}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {c.tallies.into_iter().map(|tally| view! {
                                    <tr>
                                        <th scope="row" lang="en">{tally.candidate}</th>
                                        <td class="num">{format::grouped(tally.reported_votes)}</td>
                                        <td class="num">{num(tally.audited_votes)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }).collect_view()}
        </section>
    }
}
