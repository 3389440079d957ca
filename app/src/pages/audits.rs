use super::when_loaded;
use super::{query_code, query_page, query_slug};
use crate::api::list_audits;
use crate::components::{loaded, AuditTable, CursorPagination, FilterSelect, PageTitle};
use crate::components::{DatasetJsonLd, Downloads};
use crate::data::Collection;
use crate::i18n::{fill, Lang};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

fn parse_filter(q: &ParamsMap) -> Result<AuditFilter, String> {
    Ok(AuditFilter {
        election: query_slug(q, "election")?,
        jurisdiction: query_slug(q, "jurisdiction")?,
        audit_type: query_code(q, "type", AuditType::from_code)?,
        outcome: query_code(q, "outcome", Outcome::from_code)?,
        page: query_page(q)?,
        after: query_slug(q, "after")?,
        before: query_slug(q, "before")?,
    })
}

/// The filter as query pairs, for pagination links (page excluded).
fn filter_query(f: &AuditFilter) -> Vec<(String, String)> {
    let mut q = Vec::new();
    if let Some(v) = &f.election {
        q.push(("election".into(), v.clone()));
    }
    if let Some(v) = &f.jurisdiction {
        q.push(("jurisdiction".into(), v.clone()));
    }
    if let Some(v) = f.audit_type {
        q.push(("type".into(), v.code().into()));
    }
    if let Some(v) = f.outcome {
        q.push(("outcome".into(), v.code().into()));
    }
    q
}

/// A count, or "1000+" past [`COUNT_CAP`].
fn count_text(total: i64) -> String {
    if total > COUNT_CAP {
        format!("{COUNT_CAP}+")
    } else {
        total.to_string()
    }
}

/// `/audits`: every published audit, filtered and paginated.
#[component]
pub fn AuditsPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(parse_filter),
        |filter| async move {
            match filter {
                Ok(f) => match loaded(list_audits(f.clone()).await) {
                    Ok(list) if list.bad_cursor => {
                        Err(PageError::BadRequest(Lang::current_untracked().t().err_bad_cursor.to_string()))
                    }
                    other => other.map(|list| (f, list)),
                },
                Err(message) => Err(PageError::BadRequest(message)),
            }
        },
    );
    view! {
        <PageTitle text=t.audits_title/>
        <h1>{t.audits_title}</h1>
        <p class="lead">{t.audits_intro}</p>
        <p><a href=lang.href("/audits/planner")>{t.planner_link}</a></p>
        <DatasetJsonLd collection=Collection::Audits name=t.audits_title page_path="/audits"/>
        {when_loaded(data, move |(f, list)| {
                    let types = AuditType::ALL
                        .iter()
                        .map(|a| Choice { value: a.code().into(), label: lang.audit_type(*a).into() })
                        .collect();
                    let outcomes = Outcome::ALL
                        .iter()
                        .map(|o| Choice { value: o.code().into(), label: lang.outcome(*o).into() })
                        .collect();
                    let query = filter_query(&f);
                    view! {
                        <form class="filters" method="get" action=lang.href("/audits")>
                            <fieldset>
                                <legend>{t.filter_heading}</legend>
                                <FilterSelect id="election" label=t.col_election choices=list.elections selected=f.election.clone()/>
                                <FilterSelect id="jurisdiction" label=t.col_jurisdiction choices=list.jurisdictions selected=f.jurisdiction.clone()/>
                                <FilterSelect id="type" label=t.col_audit_type choices=types selected=f.audit_type.map(|v| v.code().to_string())/>
                                <FilterSelect id="outcome" label=t.col_outcome choices=outcomes selected=f.outcome.map(|v| v.code().to_string())/>
                                <div class="actions">
                                    <button type="submit">{t.filter_apply}</button>
                                    <a href=lang.href("/audits")>{t.filter_clear}</a>
                                </div>
                            </fieldset>
                        </form>
                        <p role="status">{fill(t.results_count, &[&count_text(list.total)])}</p>
                        {if list.items.is_empty() {
                            view! { <p>{t.no_audits}</p> }.into_any()
                        } else {
                            view! { <AuditTable audits=list.items caption=t.audits_title/> }.into_any()
                        }}
                        <CursorPagination previous=list.previous next=list.next base=lang.href("/audits") query=query.clone()/>
                        <Downloads collection=Collection::Audits query/>
                    }
                    .into_any()
                })}
    }
}
