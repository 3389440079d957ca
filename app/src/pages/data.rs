use crate::components::PageTitle;
use crate::data::Collection;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;

/// `/data`: the downloads, the API, and the data dictionary that explains every
/// column in plain words. Built from the same column list the CSV files use.
#[component]
pub fn DataPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let es = lang == Lang::Es;
    view! {
        <PageTitle text=t.data_title/>
        <h1>{t.data_title}</h1>
        <p class="lead">{t.data_intro}</p>
        <section aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">{t.data_downloads_heading}</h2>
            <ul class="download-list">
                {Collection::ALL.iter().map(|c| {
                    let name = c.name();
                    view! {
                        <li>
                            <strong><code>{name}</code></strong> ": " {c.describe(es)} " "
                            <a href=format!("/data/{name}.csv") type="text/csv">{format!("{name}.csv")}</a> " · "
                            <a href=format!("/data/{name}.json") type="application/json">{format!("{name}.json")}</a>
                            <br/><small>{fill(t.data_filters, &[&c.filters().join(", ")])}</small>
                        </li>
                    }
                }).collect_view()}
                <li><a href="/data/datapackage.json" type="application/json">"datapackage.json"</a> ": " {t.data_package}</li>
            </ul>
        </section>
        <section aria-labelledby="api-heading">
            <h2 id="api-heading">{t.data_api_heading}</h2>
            <p>{t.data_api_body}</p>
            <p><code>"GET /api/v1/audits?jurisdiction=boone-county&page=1&limit=100"</code></p>
            <p><a href="/api/v1/openapi.json" type="application/json">{t.data_openapi}</a></p>
        </section>
        <section aria-labelledby="dictionary-heading">
            <h2 id="dictionary-heading">{t.data_dictionary_heading}</h2>
            <p>{t.data_formulas}</p>
            {Collection::ALL.iter().map(|c| {
                let caption = fill(t.data_columns_caption, &[&format!("{}.csv", c.name())]);
                let label = caption.clone();
                view! {
                    <h3 id=format!("columns-{}", c.name())><code>{format!("{}.csv", c.name())}</code></h3>
                    <p>{c.describe(es)}</p>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=label>
                        <table>
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_column}</th>
                                    <th scope="col">{t.col_type}</th>
                                    <th scope="col">{t.col_meaning}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {c.columns().iter().map(|col| view! {
                                    <tr>
                                        <th scope="row"><code>{col.name}</code></th>
                                        <td>
                                            {col.kind.name()}
                                            <br/><small>{if col.required { t.data_always } else { t.data_may_be_empty }}</small>
                                        </td>
                                        <td>
                                            {col.describe(es)}
                                            {col.codes.map(|codes| view! {
                                                <br/><small>{t.data_codes} " " <code>{codes().join(", ")}</code></small>
                                            })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }).collect_view()}
        </section>
    }
}
