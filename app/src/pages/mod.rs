//! One file per public page.

mod about;
mod audit;
mod audits;
mod data;
mod expenditure;
mod grant;
mod home;
mod jurisdiction;
pub mod planner;
mod spending;
mod updates;
mod versions;

pub use about::AboutPage;
pub use audit::AuditPage;
pub use audits::AuditsPage;
pub use data::DataPage;
pub use expenditure::ExpenditurePage;
pub use grant::{GrantPage, GrantVersionPage};
pub use home::HomePage;
pub use jurisdiction::JurisdictionPage;
pub use planner::PlannerPage;
pub use spending::SpendingPage;
pub use updates::{UpdatePage, UpdatesPage};

use crate::components::{found, page_or_error, NotFound};
use crate::i18n::{fill, Lang};
use crate::model::{is_slug, PageError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// Any path no route matches.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound/> }
}

/// A query parameter, treating an empty value (an "Any" choice) as absent.
pub(crate) fn query_value(q: &ParamsMap, key: &str) -> Option<String> {
    q.get(key).filter(|v| !v.is_empty())
}

/// A query parameter that must be a code of type `T`, or absent.
pub(crate) fn query_code<T>(q: &ParamsMap, key: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, String> {
    match query_value(q, key) {
        None => Ok(None),
        Some(v) => parse(&v).map(Some).ok_or_else(|| bad_value(key, &v)),
    }
}

/// A query parameter that must be a slug, or absent.
pub(crate) fn query_slug(q: &ParamsMap, key: &str) -> Result<Option<String>, String> {
    query_code(q, key, |v| is_slug(v).then(|| v.to_string()))
}

/// The `page` parameter: 1 when absent.
pub(crate) fn query_page(q: &ParamsMap) -> Result<u32, String> {
    match query_value(q, "page") {
        None => Ok(1),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or_else(|| Lang::current_untracked().t().err_bad_page.to_string()),
    }
}

fn bad_value(key: &str, value: &str) -> String {
    let shown: String = value.chars().take(60).collect();
    fill(Lang::current_untracked().t().err_bad_value, &[key, &shown])
}

/// The record named by the route's `slug` (and `version`, on a permanent version
/// page), loaded with `fetch`; an invalid slug or version, or a record that is not
/// published, is "not found".
pub(crate) fn record_by_slug<T, F, Fut>(fetch: F) -> Resource<Result<T, PageError>>
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(String, Option<i64>) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Option<T>, ServerFnError>> + Send + 'static,
{
    let params = use_params_map();
    Resource::new(
        move || params.with(|p| (p.get("slug").unwrap_or_default(), p.get("version"))),
        move |(slug, version)| async move {
            if !is_slug(&slug) {
                return Err(PageError::NotFound);
            }
            let version = match version {
                None => None,
                Some(v) => match v.parse::<i64>() {
                    Ok(n) if n >= 1 => Some(n),
                    _ => return Err(PageError::NotFound),
                },
            };
            found(fetch(slug, version).await)
        },
    )
}

/// Renders a page's data once loaded (server-side, before the response is sent),
/// or the error page with its status.
pub(crate) fn when_loaded<T>(
    data: Resource<Result<T, PageError>>,
    render: impl Fn(T) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    let t = Lang::current_untracked().t();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move { page_or_error(data.await, render) })}
        </Suspense>
    }
}
