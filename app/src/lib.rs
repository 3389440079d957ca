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
use leptos_meta::{provide_meta_context, Html, Link, Meta, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use pages::*;

/// The addresses of the built assets, which carry their content's hash (the
/// server provides them through context; these defaults are the unhashed names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    pub css: String,
    /// The browser entry's JS and WASM, when the site has them.
    pub js: Option<String>,
    pub wasm: Option<String>,
}

impl Default for Assets {
    fn default() -> Self {
        Assets { css: "/pkg/portal.css".into(), js: None, wasm: None }
    }
}

/// The pages that hold an interactive element, and so load the WASM: the audit
/// planner alone. Every other page is complete as HTML and loads no script.
pub fn loads_wasm(path: &str) -> bool {
    matches!(path, "/audits/planner" | "/es/audits/planner")
}

/// The HTML document around every server-rendered page. Pages are rendered in
/// islands mode, so nothing is serialised for hydration (no page has an island),
/// and only a page that [`loads_wasm`] gets the script that loads the planner's
/// WASM.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let assets = use_context::<Assets>().unwrap_or_default();
    // The request's path, read once (without copying the request's headers).
    let (lang, interactive) = with_context::<http::request::Parts, _>(|parts| {
        (Lang::from_path(parts.uri.path()), loads_wasm(parts.uri.path()))
    })
    .unzip();
    if let Some(lang) = lang {
        provide_context(lang);
    }
    let interactive = interactive.unwrap_or(false);
    // Islands mode starts "not hydrating" (set before the app below is built):
    // nothing on the page is hydrated.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let scripts = interactive.then(|| {
        // Unhashed names when the assets were not found at start (a server
        // without a release build's site directory).
        let pkg = |ext: &str| format!("/{}/{}.{ext}", options.site_pkg_dir, options.output_name);
        let js = assets.js.clone().unwrap_or_else(|| pkg("js"));
        let wasm = assets.wasm.clone().unwrap_or_else(|| pkg("wasm"));
        view! { <HashedHydrationScripts js wasm/> }
    });
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" id="leptos" href=assets.css/>
                {scripts}
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

/// Loads the browser entry under its hashed names and makes the planner's
/// form answer as the reader types: on every change, the form's values go to
/// the WASM's `plan`, and its answer replaces `#plan-result` and each field's
/// mistake (with `aria-invalid` on the field). When it is live,
/// `<html data-hydrated>` says so, for browser tests and curious readers.
#[component]
fn HashedHydrationScripts(js: String, wasm: String) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let ids = pages::planner::KEYS;
    let script = format!(
        "import({js:?}).then(m => m.default({{module_or_path: {wasm:?}}}).then(() => {{\
           const form = document.querySelector('form.planner');\
           if (form) {{\
             const ids = {ids:?};\
             const field = (id) => document.getElementById(id);\
             const answer = () => {{\
               const out = m.plan(document.documentElement.lang, form.dataset.submitted === 'true',\
                 ...ids.map((id) => field(id).value)).split('\\u001f');\
               document.getElementById('plan-result').innerHTML = out[0];\
               ids.forEach((id, i) => {{\
                 field(id + '-error').textContent = out[i + 1];\
                 if (id !== 'method') field(id).setAttribute('aria-invalid', out[i + 1] ? 'true' : 'false');\
               }});\
             }};\
             form.addEventListener('input', answer);\
             form.addEventListener('change', answer);\
           }}\
           document.documentElement.setAttribute('data-hydrated', 'true');\
         }}));"
    );
    view! {
        <link rel="modulepreload" href=js.clone() nonce=nonce.clone()/>
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin=""/>
        <script type="module" nonce=nonce>{script}</script>
    }
}

/// Sets `<html lang>` from the page's language.
#[component]
fn DocumentLang() -> impl IntoView {
    view! { <Html {..} lang=move || Lang::current().code()/> }
}
