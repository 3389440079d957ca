use super::{query_slug, when_loaded};
use crate::api::spending;
use crate::components::{loaded, CursorPagination, PageTitle};
use crate::components::{DatasetJsonLd, Downloads};
use crate::data::Collection;
use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/spending`: grants (a page at a time, by `?after=`/`?before=` links), and
/// charts of how their money was spent.
#[component]
pub fn SpendingPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| Ok::<_, String>((query_slug(q, "after")?, query_slug(q, "before")?))),
        |cursor| async move {
            let (after, before) = cursor.map_err(PageError::BadRequest)?;
            match loaded(spending(after, before).await) {
                Ok(s) if s.bad_cursor => {
                    Err(PageError::BadRequest(Lang::current_untracked().t().err_bad_grant_cursor.to_string()))
                }
                other => other,
            }
        },
    );
    view! {
        <PageTitle text=t.spending_title/>
        <h1>{t.spending_title}</h1>
        <p class="lead">{t.spending_intro}</p>
        <DatasetJsonLd collection=Collection::Expenditures name=t.spending_title page_path="/spending"/>
        {when_loaded(data, move |s| {
                    let by_category = lang.spending_bars(&s.by_category);
                    let by_recipient = lang.spending_bars(&s.by_recipient);
                    let as_of = s.as_of.as_deref().map(|d| format::date(lang, d)).unwrap_or_else(|| t.none_dash.to_string());
                    let note = fill(t.chart_note, &[t.site_name, &as_of]);
                    view! {
                        <section aria-labelledby="grants">
                            <h2 id="grants">{t.grants_heading}</h2>
                            <p role="status">{fill(t.results_count, &[&s.grant_count.to_string()])}</p>
                            <GrantsTable grants=s.grants/>
                            <CursorPagination previous=s.previous next=s.next base=lang.href("/spending") query=vec![]/>
                            <Downloads collection=Collection::Grants query=vec![]/>
                        </section>
                        <Chart
                            id="by-category"
                            title=t.chart_category_title
                            svg="spending-by-category.svg"
                            label_header=t.col_category
                            bars=by_category
                            note=note.clone()
                            public_url=s.public_url.clone()
                        />
                        <Chart
                            id="by-recipient"
                            title=t.chart_recipient_title
                            svg="spending-by-recipient.svg"
                            label_header=t.col_recipient
                            bars=by_recipient
                            note
                            public_url=s.public_url.clone()
                        />
                    }
                    .into_any()
                })}
    }
}

#[component]
fn GrantsTable(grants: Vec<PublicGrant>) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    if grants.is_empty() {
        return view! { <p>{t.no_grants}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.grants_caption>
            <table>
                <caption>{t.grants_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_grant}</th>
                        <th scope="col">{t.col_recipient}</th>
                        <th scope="col" class="num">{t.col_federal}</th>
                        <th scope="col" class="num">{t.col_match}</th>
                        <th scope="col" class="num">{t.col_total}</th>
                        <th scope="col" class="num">{t.col_spent}</th>
                    </tr>
                </thead>
                <tbody>
                    {grants.into_iter().map(|g| {
                        let total = g.total_cents();
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=lang.href(&format!("/spending/{}", g.slug))>{g.program.clone()}</a>
                                    <br/><small>{t.source_label} " " <span lang="en">{g.source.clone()}</span></small>
                                </th>
                                <td>{g.recipient.name.clone()}</td>
                                <td class="num">{format::money(g.federal_cents)}</td>
                                <td class="num">{format::money(g.match_cents)}</td>
                                <td class="num">{format::money(total)}</td>
                                <td class="num">{format::money(g.spent_cents)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A server-drawn bar chart with its text description and the table it was drawn from.
#[component]
pub fn Chart(
    id: &'static str,
    title: &'static str,
    svg: &'static str,
    label_header: &'static str,
    bars: Vec<(String, i64)>,
    /// Source and as-of date, printed under the chart.
    note: String,
    public_url: String,
) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let total: i64 = bars.iter().fold(0i64, |t, b| t.saturating_add(b.1));
    let description = format::chart_description(&bars);
    let src = lang.href(&format!("/charts/{svg}"));
    let caption = fill(t.chart_table_caption, &[title]);
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let label = caption.clone();
    let link = src.clone();
    let alt = fill(t.chart_alt, &[&description]);
    let embed =
        format!("<img src=\"{public_url}{src}\" alt=\"{}\" width=\"640\" height=\"360\">", alt.replace('"', "&quot;"));
    let embed_id = format!("{id}-embed");
    view! {
        <section class="chart" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <figure>
                <img src=src alt=alt width="640" height="360" loading="lazy"/>
                <figcaption>{note} " " <a href=link>{t.chart_link}</a></figcaption>
            </figure>
            <div class="table-wrap" tabindex="0" role="region" aria-label=label>
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{label_header}</th>
                            <th scope="col" class="num">{t.col_amount}</th>
                            <th scope="col" class="num">{t.col_share}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {bars.into_iter().map(|(label, cents)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td class="num">{format::money(cents)}</td>
                                <td class="num">{format::share(cents, total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p id=embed_id class="embed-label">{t.embed_label}</p>
            <code class="snippet">{embed}</code>
        </section>
    }
}
