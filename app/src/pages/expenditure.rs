use super::versions::{CiteThis, History, OldVersionNotice, RetractionNotice};
use super::{record_by_slug, when_loaded};
use crate::api::get_expenditure;
use crate::components::{OfficialTextNote, PageTitle, WithholdingNotice};
use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/expenditures/{slug}` (and `/v/{n}`): one expenditure of grant money, citable.
#[component]
pub fn ExpenditurePage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let data = record_by_slug(get_expenditure);
    let current_address = use_params_map().with_untracked(|p| p.get("version").is_none());
    view! {
        {when_loaded(data, move |page| expenditure_view(lang, page, current_address))}
    }
}

fn expenditure_view(lang: Lang, page: PublicExpenditurePage, current_address: bool) -> AnyView {
    let t = lang.t();
    let PublicExpenditurePage { record: e, citation, history, current_version, retraction } = page;
    let base_href = lang.href(&format!("/expenditures/{}", e.slug));
    let title = fill(t.expenditure_title, &[&e.vendor]);
    let citation_title = format!("Expenditure: {}, {}", e.vendor, e.date);
    view! {
        <PageTitle text=title.clone()/>
        <OldVersionNotice version=e.version current_version current_href=base_href.clone()/>
        <h1>{title}</h1>
        <RetractionNotice retraction current_address/>
        <p class="lead">
            <a href=lang.href(&format!("/jurisdictions/{}", e.recipient.slug))>{e.recipient.name.clone()}</a>
            " · " {lang.category(e.category)}
        </p>
        <OfficialTextNote/>
        <dl class="facts">
            <div><dt>{t.fact_grant}</dt><dd><a href=lang.href(&format!("/spending/{}", e.grant_slug))>{e.grant_slug.clone()}</a></dd></div>
            <div><dt>{t.col_date}</dt><dd><time datetime=e.date.clone()>{format::date(lang, &e.date)}</time></dd></div>
            <div><dt>{t.col_vendor}</dt><dd lang="en">{e.vendor.clone()}</dd></div>
            <div><dt>{t.col_category}</dt><dd>{lang.category(e.category)}</dd></div>
            <div><dt>{t.fact_federal}</dt><dd class="amount">{format::money(e.federal_cents)}</dd></div>
            <div><dt>{t.fact_match}</dt><dd class="amount">{format::money(e.match_cents)}</dd></div>
            <div><dt>{t.fact_total}</dt><dd class="amount">{format::money(e.federal_cents + e.match_cents)}</dd></div>
            <div><dt>{t.fact_version}</dt><dd>{e.version}</dd></div>
            <div><dt>{t.fact_published}</dt><dd>{format::date(lang, &e.published_at)}</dd></div>
        </dl>
        <section aria-labelledby="description">
            <h2 id="description">{t.col_description}</h2>
            <p lang="en">{e.description.clone()}</p>
        </section>
        <WithholdingNotice withholdings=e.withholdings.clone()/>
        <CiteThis title=citation_title version=e.version citation/>
        <History history shown=e.version base_href/>
    }
    .into_any()
}
