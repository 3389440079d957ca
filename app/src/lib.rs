#![recursion_limit = "256"]
//! The portal's user interface: routes, pages, the public wire types and the server
//! functions the pages call. Database and gate code live in the `server` crate and
//! reach this crate only through the [`api::PublicBackend`] trait.

pub mod api;
pub mod components;
pub mod data;
pub mod format;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod values;

use components::{Footer, Header};
use i18n::Lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Link, Meta, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use pages::*;

/// The HTML document around every server-rendered page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Resource::new(|| (), |_| api::load_site_info());
    provide_context(site);

    view! {
        <Stylesheet id="leptos" href="/pkg/portal.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="color-scheme" content="light"/>
        <Router>
            <DocumentLang/>
            <a class="skip-link" href="#main">{move || Lang::current().t().skip_to_content}</a>
            <Header/>
            <main id="main" tabindex="-1">
                                // Every page in English and under /es in Spanish; all render
                // asynchronously so that they are complete without JavaScript.
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/es") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/audits") view=AuditsPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/audits") view=AuditsPage ssr=SsrMode::Async/>
                    // Before `/audits/:slug`: the first route that matches wins.
                    <Route path=path!("/audits/planner") view=PlannerPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/audits/planner") view=PlannerPage ssr=SsrMode::Async/>
                    <Route path=path!("/audits/:slug") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/audits/:slug/v/:version") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/audits/:slug/v/:version") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/audits/:slug") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/spending") view=SpendingPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/spending") view=SpendingPage ssr=SsrMode::Async/>
                    <Route path=path!("/spending/:grant") view=GrantPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/spending/:grant") view=GrantPage ssr=SsrMode::Async/>
                    <Route path=path!("/spending/:slug/v/:version") view=GrantVersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/spending/:slug/v/:version") view=GrantVersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/expenditures/:slug") view=ExpenditurePage ssr=SsrMode::Async/>
                    <Route path=path!("/expenditures/:slug/v/:version") view=ExpenditurePage ssr=SsrMode::Async/>
                    <Route path=path!("/es/expenditures/:slug") view=ExpenditurePage ssr=SsrMode::Async/>
                    <Route path=path!("/es/expenditures/:slug/v/:version") view=ExpenditurePage ssr=SsrMode::Async/>
                    <Route path=path!("/data") view=DataPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/data") view=DataPage ssr=SsrMode::Async/>
                    <Route path=path!("/updates") view=UpdatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/updates") view=UpdatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/updates/:slug") view=UpdatePage ssr=SsrMode::Async/>
                    <Route path=path!("/updates/:slug/v/:version") view=UpdatePage ssr=SsrMode::Async/>
                    <Route path=path!("/es/updates/:slug/v/:version") view=UpdatePage ssr=SsrMode::Async/>
                    <Route path=path!("/es/updates/:slug") view=UpdatePage ssr=SsrMode::Async/>
                    <Route path=path!("/jurisdictions/:slug") view=JurisdictionPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/jurisdictions/:slug") view=JurisdictionPage ssr=SsrMode::Async/>
                    <Route path=path!("/about") view=AboutPage ssr=SsrMode::Async/>
                    <Route path=path!("/es/about") view=AboutPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// Sets `<html lang>` from the page's language.
#[component]
fn DocumentLang() -> impl IntoView {
    view! { <Html {..} lang=move || Lang::current().code()/> }
}
