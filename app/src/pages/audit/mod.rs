//! `/audits/{slug}`: one audit in full — its facts, each contest with the risk the
//! portal recomputed, the evidence that lets anyone reproduce the sample, and a
//! printable certificate of the version shown.

mod batches;
mod contests;
mod evidence;
mod readings;

use super::record_by_slug;
use super::versions::{CiteThis, History, OldVersionNotice, RetractionNotice};
use super::when_loaded;
use crate::api::get_audit;
use crate::components::{OfficialTextNote, PageTitle, WithholdingNotice};
use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::*;
use batches::{winners_of, BatchCountsSection};
use contests::ContestsSection;
use evidence::{can_redraw, has_evidence, EvidenceSection};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use readings::ReadingsSection;

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
    // Say that the sample can be re-drawn only when this audit publishes what it takes.
    let seed_note = match (can_redraw(&a), a.sampler.as_deref()) {
        (true, Some("ppeb")) => t.seed_help_batches,
        (true, _) => t.seed_help,
        (false, _) => t.seed_no_redraw,
    };
    let certificate = Certificate {
        slug: a.slug.clone(),
        version: a.version,
        published_at: a.published_at.clone(),
        permanent_url: citation.permanent_url.clone(),
        sha256: citation.sha256.clone(),
    };
    let evidence = has_evidence(&a).then(|| view! { <EvidenceSection audit=a.clone()/> });
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
        {certificate.view(lang)}
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
                    <dd><code class="hash">{seed}</code>{has_seed.then(|| view! { <br/><small class="print-hide">{seed_note}</small> })}</dd>
                </div>
                <div><dt>{t.fact_started}</dt><dd>{started}</dd></div>
                <div><dt>{t.fact_completed}</dt><dd>{completed}</dd></div>
                <div><dt>{t.fact_version}</dt><dd>{a.version}</dd></div>
                <div><dt>{t.fact_published}</dt><dd>{format::date(lang, &a.published_at)}</dd></div>
            </dl>
        </section>
        {(!a.contests.is_empty()).then(|| view! { <ContestsSection math=a.math contests=a.contests.clone()/> })}
        {evidence}
        {(!a.interpretations.is_empty()).then(|| view! { <ReadingsSection readings=a.interpretations.clone()/> })}
        {(!a.batch_counts.is_empty()).then(|| view! { <BatchCountsSection slug=a.slug.clone() batches=a.batch_counts.clone() winners=winners_of(&a)/> })}
        <section aria-labelledby="documents">
            <h2 id="documents">{t.documents_heading}</h2>
            {if a.documents.is_empty() {
                view! { <p>{t.documents_none}</p> }.into_any()
            } else {
                view! {
                    <p class="print-hide">{t.documents_help}</p>
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

/// What a printed audit page carries so that a paper copy leads back to the exact
/// version: its permanent address, the SHA-256 of its JSON, and a QR code of the
/// address (drawn by the server at `…/v/{n}/qr.svg`). Shown only in print; on
/// screen the citation block below has the same facts.
struct Certificate {
    slug: String,
    version: i64,
    published_at: String,
    permanent_url: String,
    sha256: String,
}

impl Certificate {
    fn view(self, lang: Lang) -> impl IntoView {
        let t = lang.t();
        let qr = format!("/audits/{}/v/{}/qr.svg", self.slug, self.version);
        let alt = fill(t.cert_qr_alt, &[&self.permanent_url]);
        let published = format::date(lang, &self.published_at);
        view! {
            <aside class="certificate print-only" aria-labelledby="certificate-heading">
                <div class="certificate-text">
                    <h2 id="certificate-heading">{t.cert_heading}</h2>
                    <p>{fill(t.cert_version, &[&self.version.to_string(), &published])}</p>
                    <p>{t.cite_permanent} ": " <span class="url">{self.permanent_url}</span></p>
                    <p>{t.cite_sha} ": " <code class="hash">{self.sha256}</code></p>
                </div>
                <figure class="certificate-qr">
                    <img src=qr alt=alt width="132" height="132"/>
                    <figcaption>{t.cert_scan}</figcaption>
                </figure>
            </aside>
        }
    }
}
