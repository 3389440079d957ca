use super::query_page;
use crate::api::{get_update, list_updates};
use crate::components::{found, loaded, page_or_error, OfficialTextNote, PageTitle, Pagination, UpdateList};
use crate::format;
use crate::i18n::Lang;
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/updates`: official notices, newest first.
#[component]
pub fn UpdatesPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(query_page),
        |page| async move {
            let page = page.map_err(PageError::BadRequest)?;
            loaded(list_updates(page).await)
        },
    );
    view! {
        <PageTitle text=t.updates_title/>
        <h1>{t.updates_title}</h1>
        <p class="lead">{t.updates_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                page_or_error(data.await, |list| {
                    if list.items.is_empty() {
                        return view! { <p>{t.no_updates}</p> }.into_any();
                    }
                    view! {
                        <UpdateList updates=list.items/>
                        <Pagination page=list.page pages=list.pages base=lang.href("/updates") query=vec![]/>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// `/updates/{slug}`: one notice.
#[component]
pub fn UpdatePage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        |slug| async move {
            if !is_slug(&slug) {
                return Err(PageError::NotFound);
            }
            found(get_update(slug).await)
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                page_or_error(data.await, |u| view! {
                    <PageTitle text=u.title.clone()/>
                    <article>
                        <h1 lang="en">{u.title}</h1>
                        <p class="lead">
                            <time datetime=u.date.clone()>{format::date(lang, &u.date)}</time>
                            " · "
                            <a href=lang.href(&format!("/jurisdictions/{}", u.office.slug))>{u.office.name}</a>
                        </p>
                        <OfficialTextNote/>
                        // Rendered from Markdown and sanitised by the server at publication.
                        <div class="prose" lang="en" inner_html=u.body_html></div>
                        <p class="meta">{t.fact_version} " " {u.version} " · " {t.fact_published} " " {format::date(lang, &u.published_at)}</p>
                    </article>
                }.into_any())
            })}
        </Suspense>
    }
}
