use super::versions::{CiteThis, History};
use super::when_loaded;
use super::{query_code, query_slug};
use crate::api::get_grant;
use crate::components::Downloads;
use crate::components::{found, CursorPagination, FilterSelect, OfficialTextNote, PageTitle};
use crate::data::Collection;
use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/spending/{grant}`: one grant's expenditures, filterable, with totals.
#[component]
pub fn GrantPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let slug = params.with(|p| p.get("grant").unwrap_or_default());
            let filter = query.with(|q| -> Result<ExpenditureFilter, String> {
                Ok(ExpenditureFilter {
                    category: query_code(q, "category", Category::from_code)?,
                    recipient: query_slug(q, "recipient")?,
                    after: query_slug(q, "after")?,
                    before: query_slug(q, "before")?,
                })
            });
            (slug, filter)
        },
        |(slug, filter)| async move {
            if !is_slug(&slug) {
                return Err(PageError::NotFound);
            }
            let filter = filter.map_err(PageError::BadRequest)?;
            let f = filter.clone();
            match found(get_grant(slug, f.category, f.recipient, f.after, f.before).await) {
                Ok(g) if g.bad_cursor => {
                    Err(PageError::BadRequest(Lang::current_untracked().t().err_bad_expenditure_cursor.to_string()))
                }
                other => other.map(|g| (filter, g)),
            }
        },
    );
    view! {
        {when_loaded(data, move |(f, d)| grant_view(lang, f, d))}
    }
}

fn grant_view(lang: Lang, f: ExpenditureFilter, d: PublicGrantDetail) -> AnyView {
    let t = lang.t();
    let g = d.grant;
    let categories =
        d.categories.iter().map(|c| Choice { value: c.code().into(), label: lang.category(*c).into() }).collect();
    let here = lang.href(&format!("/spending/{}", g.slug));
    let count = d.count;
    let mut filter_query = Vec::new();
    if let Some(c) = f.category {
        filter_query.push(("category".to_string(), c.code().to_string()));
    }
    if let Some(r) = &f.recipient {
        filter_query.push(("recipient".into(), r.clone()));
    }
    let mut download_query = vec![("grant".to_string(), g.slug.clone())];
    download_query.extend(filter_query.iter().cloned());
    let PublicGrantVersionPage { record: version, citation, history, .. } = d.versions;
    let history_href = here.clone();
    let action = here.clone();
    let pages_base = here.clone();
    view! {
        <PageTitle text=g.program.clone()/>
        <h1>{g.program.clone()}</h1>
        <p class="lead">{t.source_label} " " <span lang="en">{g.source.clone()}</span></p>
        <dl class="facts">
            {grant_facts(lang, &version)}
            <div><dt>{t.fact_spent}</dt><dd class="amount">{format::money(g.spent_cents)}</dd></div>
        </dl>
        <section aria-labelledby="expenditures">
            <h2 id="expenditures">{t.expenditures_heading}</h2>
            <form class="filters" method="get" action=action>
                <fieldset>
                    <legend>{t.filter_heading}</legend>
                    <FilterSelect id="category" label=t.col_category choices=categories selected=f.category.map(|c| c.code().to_string())/>
                    <FilterSelect id="recipient" label=t.col_recipient choices=d.recipients selected=f.recipient.clone()/>
                    <div class="actions">
                        <button type="submit">{t.filter_apply}</button>
                        <a href=here>{t.filter_clear}</a>
                    </div>
                </fieldset>
            </form>
            <p role="status">{fill(t.results_count, &[&count.to_string()])}</p>
            <OfficialTextNote/>
            {if d.expenditures.is_empty() {
                view! { <p>{t.no_expenditures}</p> }.into_any()
            } else {
                expenditure_table(lang, d.expenditures, d.federal_cents, d.match_cents).into_any()
            }}
            <CursorPagination previous=d.previous next=d.next base=pages_base query=filter_query/>
            <Downloads collection=Collection::Expenditures query=download_query/>
        </section>
        <CiteThis title=version.program.clone() version=version.version citation/>
        <History history shown=version.version base_href=history_href/>
    }
    .into_any()
}

pub fn expenditure_table(
    lang: Lang,
    rows: Vec<PublicExpenditure>,
    federal_cents: i64,
    match_cents: i64,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.expenditures_caption>
            <table class="expenditures">
                <caption>{t.expenditures_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_date}</th>
                        <th scope="col">{t.col_recipient}</th>
                        <th scope="col">{t.col_category}</th>
                        <th scope="col">{t.col_vendor}</th>
                        <th scope="col">{t.col_description}</th>
                        <th scope="col" class="num">{t.col_federal}</th>
                        <th scope="col" class="num">{t.col_match}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let withheld = e.withholdings.first().map(|w| format!(
                            "{}: {}",
                            fill(t.withheld_under, &[t.detail_security_details, &w.basis_citation]),
                            w.statement
                        ));
                        view! {
                            <tr id=e.slug.clone()>
                                <td><time datetime=e.date.clone()>{format::date(lang, &e.date)}</time></td>
                                <td>{e.recipient.name}</td>
                                <td>{lang.category(e.category)}</td>
                                <td lang="en"><a href=lang.href(&format!("/expenditures/{}", e.slug))>{e.vendor}</a></td>
                                <td>
                                    <span lang="en">{e.description}</span>
                                    {withheld.map(|w| view! { <br/><small class="withheld-mark">{w}</small> })}
                                </td>
                                <td class="num">{format::money(e.federal_cents)}</td>
                                <td class="num">{format::money(e.match_cents)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="5">{t.totals_row}</th>
                        <td class="num">{format::money(federal_cents)}</td>
                        <td class="num">{format::money(match_cents)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// `/spending/{slug}/v/{n}`: one published version of a grant's own facts.
#[component]
pub fn GrantVersionPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let data = super::record_by_slug(crate::api::get_grant_version);
    view! {
        {when_loaded(data, move |page| grant_version_view(lang, page))}
    }
}

fn grant_version_view(lang: Lang, page: PublicGrantVersionPage) -> AnyView {
    let t = lang.t();
    let PublicGrantVersionPage { record: g, citation, history, current_version, retraction } = page;
    let base_href = lang.href(&format!("/spending/{}", g.slug));
    view! {
        <PageTitle text=g.program.clone()/>
        <super::versions::OldVersionNotice version=g.version current_version current_href=base_href.clone()/>
        <h1>{g.program.clone()}</h1>
        <super::versions::RetractionNotice retraction current_address=false/>
        <p class="lead">{t.grant_version_note} " " <a href=base_href.clone()>{t.see_spending}</a></p>
        <dl class="facts">
            {grant_facts(lang, &g)}
            <div><dt>{t.source_label}</dt><dd lang="en">{g.source.clone()}</dd></div>
            <div><dt>{t.fact_version}</dt><dd>{g.version}</dd></div>
            <div><dt>{t.fact_published}</dt><dd>{format::date(lang, &g.published_at)}</dd></div>
        </dl>
        <CiteThis title=g.program.clone() version=g.version citation/>
        <History history shown=g.version base_href/>
    }
    .into_any()
}

/// The facts a grant version publishes: funder, recipient, dates and amounts.
fn grant_facts(lang: Lang, g: &PublicGrantVersion) -> impl IntoView {
    let t = lang.t();
    let period = match (&g.period_start, &g.period_end) {
        (Some(a), Some(b)) => format!("{} – {}", format::date(lang, a), format::date(lang, b)),
        _ => t.none_dash.to_string(),
    };
    view! {
        <div><dt>{t.fact_funder}</dt><dd>{g.funder.clone()}</dd></div>
        <div>
            <dt>{t.fact_recipient}</dt>
            <dd><a href=lang.href(&format!("/jurisdictions/{}", g.recipient.slug))>{g.recipient.name.clone()}</a></dd>
        </div>
        <div><dt>{t.fact_award_date}</dt><dd>{format::date(lang, &g.award_date)}</dd></div>
        <div><dt>{t.fact_period}</dt><dd>{period}</dd></div>
        <div><dt>{t.fact_federal}</dt><dd class="amount">{format::money(g.federal_cents)}</dd></div>
        <div><dt>{t.fact_match}</dt><dd class="amount">{format::money(g.match_cents)}</dd></div>
        <div><dt>{t.fact_total}</dt><dd class="amount">{format::money(g.federal_cents + g.match_cents)}</dd></div>
    }
}
