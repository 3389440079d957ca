use super::versions::{CiteThis, History, OldVersionNotice, RetractionNotice};
use super::when_loaded;
use super::{query_page, record_by_slug};
use crate::api::{get_update, list_updates};
use crate::components::{loaded, OfficialTextNote, PageTitle, Pagination, UpdateList};
use crate::components::{DatasetJsonLd, Downloads};
use crate::data::Collection;
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
        <DatasetJsonLd collection=Collection::Updates name=t.updates_title page_path="/updates"/>
        {when_loaded(data, move |list| {
                    if list.items.is_empty() {
                        return view! { <p>{t.no_updates}</p> }.into_any();
                    }
                    view! {
                        <UpdateList updates=list.items/>
                        <Pagination page=list.page pages=list.pages base=lang.href("/updates") query=vec![]/>
                        <Downloads collection=Collection::Updates query=vec![]/>
                    }
                    .into_any()
                })}
    }
}

/// `/updates/{slug}`: one notice.
#[component]
pub fn UpdatePage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let data = record_by_slug(get_update);
    let current_address = use_params_map().with_untracked(|p| p.get("version").is_none());
    view! {
        {when_loaded(data, move |page| {
            let PublicUpdatePage { record: u, citation, history, current_version, retraction } = page;
            let base_href = lang.href(&format!("/updates/{}", u.slug));
            let citation_title = u.title.clone();
            view! {
                    <PageTitle text=u.title.clone()/>
                    <OldVersionNotice version=u.version current_version current_href=base_href.clone()/>
                    <article>
                        <h1 lang="en">{u.title}</h1>
                        <RetractionNotice retraction current_address/>
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
                    <CiteThis title=citation_title version=u.version citation/>
                    <History history shown=u.version base_href/>
            }.into_any()
        })}
    }
}
