//! Pieces every page shares: header, footer, error pages, tables and notices.

use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// Sets the HTTP status of the response being rendered (no-op in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            opts.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let lang = Lang::current;
    let switch_href = move || {
        let lang = lang();
        let search = location.search.get();
        let path = lang.switch_path(&location.pathname.get());
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let nav = move || {
        let lang = lang();
        let t = lang.t();
        let path = location.pathname.get();
        let current = |section: &str| {
            let target = lang.href(section);
            let here =
                if section == "/" { path == target } else { path == target || path.starts_with(&format!("{target}/")) };
            here.then_some("page")
        };
        view! {
            <nav aria-label=t.nav_label>
                <ul>
                    <li><a href=lang.href("/") aria-current=current("/")>{t.nav_home}</a></li>
                    <li><a href=lang.href("/audits") aria-current=current("/audits")>{t.nav_audits}</a></li>
                    <li><a href=lang.href("/spending") aria-current=current("/spending")>{t.nav_spending}</a></li>
                    <li><a href=lang.href("/updates") aria-current=current("/updates")>{t.nav_updates}</a></li>
                    <li><a href=lang.href("/about") aria-current=current("/about")>{t.nav_about}</a></li>
                </ul>
            </nav>
        }
    };
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="site-name" href=move || lang().href("/")>{move || lang().t().site_name}</a>
                <a
                    class="lang-switch"
                    href=switch_href
                    hreflang=move || lang().other().code()
                    lang=move || lang().other().code()
                    aria-label=move || lang().t().switch_language_label
                >
                    {move || lang().t().switch_language}
                </a>
            </div>
            {nav}
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = Lang::current;
    let site = use_context::<Resource<Result<SiteInfo, ServerFnError>>>();
    // One read of the site facts gives the sample-data notice (first) and the
    // office's name (last).
    let footer = move || {
        let site = site?;
        Some(Suspend::new(async move {
            let info = site.await.ok().unwrap_or_default();
            let t = Lang::current_untracked().t();
            view! {
                {info.sample_data.then(|| view! { <p class="sample-notice">{t.sample_notice}</p> })}
                <p>{move || lang().t().footer_withholding}</p>
                <p>
                    <a href=move || lang().href("/about")>{move || lang().t().footer_about_link}</a>
                    " · "
                    <a href=move || lang().href("/data")>{move || lang().t().footer_data_link}</a>
                </p>
                <p>{move || lang().t().footer_no_tracking}</p>
                <p class="office">{info.office}</p>
            }
        }))
    };
    view! {
        <footer class="site-footer">
            <Suspense fallback=|| ()>{footer}</Suspense>
        </footer>
    }
}

/// Renders a loaded page, or the error page with the matching HTTP status.
pub fn page_or_error<T>(result: Result<T, PageError>, render: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => render(data),
        Err(PageError::NotFound) => view! { <NotFound/> }.into_any(),
        Err(PageError::BadRequest(message)) => view! { <BadRequest message/> }.into_any(),
        Err(PageError::Unavailable) => view! { <Unavailable/> }.into_any(),
    }
}

/// Turns a server-function result into a page result: `None` means not found.
pub fn found<T>(r: Result<Option<T>, ServerFnError>) -> Result<T, PageError> {
    match r {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(PageError::NotFound),
        Err(_) => Err(PageError::Unavailable),
    }
}

pub fn loaded<T>(r: Result<T, ServerFnError>) -> Result<T, PageError> {
    r.map_err(|_| PageError::Unavailable)
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let lang = Lang::current_untracked();
    let t = lang.t();
    view! {
        <PageTitle text=t.not_found_title/>
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <p><a href=lang.href("/")>{t.back_home}</a></p>
    }
}

#[component]
pub fn BadRequest(message: String) -> impl IntoView {
    set_status(400);
    let lang = Lang::current_untracked();
    let t = lang.t();
    view! {
        <PageTitle text=t.bad_request_title/>
        <h1>{t.bad_request_title}</h1>
        <p class="error-message">{message}</p>
        <p>{t.bad_request_hint}</p>
        <p><a href=lang.href("/")>{t.back_home}</a></p>
    }
}

#[component]
pub fn Unavailable() -> impl IntoView {
    set_status(503);
    let t = Lang::current_untracked().t();
    view! {
        <PageTitle text=t.unavailable_title/>
        <h1>{t.unavailable_title}</h1>
        <p>{t.unavailable_body}</p>
    }
}

/// The page title in the browser tab. leptos_meta writes the server's `<title>`
/// text as it is given, so the server escapes it here (a record's title is
/// officials' text; the browser's own `document.title` needs no escaping).
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let site = Lang::current_untracked().t().site_name;
    view! { <Title text=title_text(&format!("{text} · {site}"))/> }
}

/// Text for the server-rendered `<title>`, escaped; unchanged in the browser.
pub fn title_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        crate::format::escape_html(text)
    } else {
        text.to_string()
    }
}

/// On Spanish pages: official record text stays in English, and says so.
#[component]
pub fn OfficialTextNote() -> impl IntoView {
    let lang = Lang::current_untracked();
    (lang == Lang::Es).then(|| view! { <p class="note">{lang.t().official_text_note}</p> })
}

/// The notice on a record whose restricted details were withheld.
#[component]
pub fn WithholdingNotice(withholdings: Vec<PublicWithholding>) -> impl IntoView {
    let t = Lang::current_untracked().t();
    (!withholdings.is_empty()).then(|| {
        view! {
            <section class="withheld" aria-labelledby="withheld-heading">
                <h2 id="withheld-heading">{t.withheld_notice_title}</h2>
                {withholdings
                    .into_iter()
                    .map(|w| {
                        let detail = match w.detail.as_str() {
                            "security_details" => t.detail_security_details.to_string(),
                            other => other.replace('_', " "),
                        };
                        view! {
                            <p class="withheld-basis">
                                <strong>{fill(t.withheld_under, &[&detail, &w.basis_citation])}</strong>
                                " — " {w.basis_description}
                            </p>
                            <p>{t.withheld_statement_label} " " <q lang="en">{w.statement}</q></p>
                        }
                    })
                    .collect_view()}
                <p>{t.withheld_rest}</p>
            </section>
        }
    })
}

/// A table of audits, as on the list, home and jurisdiction pages.
#[component]
pub fn AuditTable(audits: Vec<PublicAuditSummary>, #[prop(into)] caption: String) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let label = caption.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_jurisdiction}</th>
                        <th scope="col">{t.col_election}</th>
                        <th scope="col">{t.col_audit_type}</th>
                        <th scope="col">{t.col_outcome}</th>
                        <th scope="col">{t.col_completed}</th>
                        <th scope="col" class="num">{t.col_withheld}</th>
                    </tr>
                </thead>
                <tbody>
                    {audits
                        .into_iter()
                        .map(|a| {
                            let completed = a
                                .completed_on
                                .as_deref()
                                .map(|d| format::date(lang, d))
                                .unwrap_or_else(|| t.none_dash.to_string());
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=lang.href(&format!("/audits/{}", a.slug))>{a.jurisdiction.name}</a>
                                    </th>
                                    <td>{a.election.name}</td>
                                    <td>{lang.audit_type(a.audit_type)}</td>
                                    <td>
                                        <span class=format!("outcome outcome-{}", a.outcome.code())>
                                            {lang.outcome(a.outcome)}
                                        </span>
                                    </td>
                                    <td>{completed}</td>
                                    <td class="num">{a.withheld_count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A list of updates with their dates.
#[component]
pub fn UpdateList(updates: Vec<PublicUpdateSummary>) -> impl IntoView {
    let lang = Lang::current_untracked();
    view! {
        <ul class="update-list">
            {updates
                .into_iter()
                .map(|u| {
                    view! {
                        <li>
                            <a href=lang.href(&format!("/updates/{}", u.slug))>{u.title}</a>
                            <span class="meta">
                                " · " <time datetime=u.date.clone()>{format::date(lang, &u.date)}</time>
                                " · " {u.office.name}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Previous/next links that keep the other query parameters.
#[component]
pub fn Pagination(page: u32, pages: u32, base: String, query: Vec<(String, String)>) -> impl IntoView {
    let t = Lang::current_untracked().t();
    let link = move |p: u32| {
        let mut q: Vec<String> = query.iter().map(|(k, v)| format!("{}={}", k, encode_query_value(v))).collect();
        if p > 1 {
            q.push(format!("page={p}"));
        }
        if q.is_empty() {
            base.clone()
        } else {
            format!("{}?{}", base, q.join("&"))
        }
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{t.prev_page}</a> })}
                <span>{fill(t.page_of, &[&page.to_string(), &pages.to_string()])}</span>
                {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{t.next_page}</a> })}
            </nav>
        }
    })
}

/// Previous/next links of a list paged by a cursor (`?after=` / `?before=` a
/// slug), keeping the other query parameters.
#[component]
pub fn CursorPagination(
    previous: Option<String>,
    next: Option<String>,
    base: String,
    query: Vec<(String, String)>,
) -> impl IntoView {
    let t = Lang::current_untracked().t();
    let link = move |key: &str, slug: &str| {
        let mut q: Vec<String> = query.iter().map(|(k, v)| format!("{}={}", k, encode_query_value(v))).collect();
        q.push(format!("{key}={}", encode_query_value(slug)));
        format!("{}?{}", base, q.join("&"))
    };
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {previous.map(|s| view! { <a rel="prev" href=link("before", &s)>{t.prev_page}</a> })}
                {next.map(|s| view! { <a rel="next" href=link("after", &s)>{t.next_page}</a> })}
            </nav>
        }
    })
}

/// Percent-encodes a query value (slugs and codes rarely need it; names might).
pub fn encode_query_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A `<select>` for a GET filter form, with "Any" first.
#[component]
pub fn FilterSelect(
    id: &'static str,
    #[prop(into)] label: String,
    choices: Vec<Choice>,
    selected: Option<String>,
) -> impl IntoView {
    let t = Lang::current_untracked().t();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="">{t.filter_any}</option>
                {choices
                    .into_iter()
                    .map(|c| {
                        let is = selected.as_deref() == Some(c.value.as_str());
                        view! { <option value=c.value selected=is>{c.label}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Links to a collection's CSV and JSON downloads, with the page's filters.
#[component]
pub fn Downloads(collection: crate::data::Collection, query: Vec<(String, String)>) -> impl IntoView {
    let t = Lang::current_untracked().t();
    let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", encode_query_value(v))).collect();
    let suffix = if q.is_empty() { String::new() } else { format!("?{}", q.join("&")) };
    let name = collection.name();
    view! {
        <p class="downloads">
            {t.downloads_label} ": "
            <a href=format!("/data/{name}.csv{suffix}") type="text/csv">"CSV"</a> " · "
            <a href=format!("/data/{name}.json{suffix}") type="application/json">"JSON"</a> " · "
            <a href=Lang::current_untracked().href("/data")>{t.data_dictionary_heading}</a>
            <br/><small>{t.downloads_help}</small>
        </p>
    }
}

/// schema.org `Dataset` metadata for a collection page, so that dataset search
/// engines find the downloads. Rendered on the server; it is data, not a script.
#[component]
pub fn DatasetJsonLd(
    collection: crate::data::Collection,
    #[prop(into)] name: String,
    page_path: &'static str,
) -> impl IntoView {
    let lang = Lang::current_untracked();
    let site = use_context::<Resource<Result<SiteInfo, ServerFnError>>>();
    let json = move || {
        let site = site?;
        let name = name.clone();
        Some(Suspend::new(async move {
            let info = site.await.ok().unwrap_or_default();
            let base = info.public_url.trim_end_matches('/').to_string();
            let file = |ext: &str| format!("{base}/data/{}.{ext}", collection.name());
            let value = serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Dataset",
                "name": name,
                "description": collection.describe(lang == Lang::Es),
                "url": format!("{base}{}", lang.href(page_path)),
                "inLanguage": lang.code(),
                "isAccessibleForFree": true,
                "creator": { "@type": "GovernmentOrganization", "name": info.office },
                "distribution": [
                    { "@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": file("csv") },
                    { "@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": file("json") },
                ],
            });
            // `<` never appears raw, so the text cannot close the script element.
            let text = value.to_string().replace('<', "\\u003c");
            view! { <script type="application/ld+json" inner_html=text></script> }
        }))
    };
    view! { <Suspense fallback=|| ()>{json}</Suspense> }
}
