use crate::components::PageTitle;
use crate::i18n::Lang;
use crate::model::SiteInfo;
use leptos::prelude::*;

/// `/about`: how audits work, where the data comes from, and what is withheld.
#[component]
pub fn AboutPage() -> impl IntoView {
    let t = Lang::current_untracked().t();
    let glossary = [
        (t.g_rla, t.g_rla_def),
        (t.g_risk_limit, t.g_risk_limit_def),
        (t.g_ballot_polling, t.g_ballot_polling_def),
        (t.g_ballot_comparison, t.g_ballot_comparison_def),
        (t.g_batch_comparison, t.g_batch_comparison_def),
        (t.g_manual_tally, t.g_manual_tally_def),
        (t.g_lat, t.g_lat_def),
        (t.g_canvass, t.g_canvass_def),
        (t.g_seed, t.g_seed_def),
        (t.g_discrepancy, t.g_discrepancy_def),
        (t.g_p_value, t.g_p_value_def),
        (t.g_full_count, t.g_full_count_def),
        (t.g_methods, t.g_methods_def),
    ];
    let site = use_context::<Resource<Result<SiteInfo, ServerFnError>>>();
    let log_key = move || {
        let site = site?;
        Some(Suspend::new(async move {
            let vkey = site.await.ok().map(|i| i.log_vkey).filter(|k| !k.is_empty())?;
            Some(view! { <pre class="hash"><code>{vkey}</code></pre> })
        }))
    };
    let bases =
        [("RSMo 610.021(18) / (19)", t.basis_18), ("RSMo 610.021(21)", t.basis_21), ("RSMo 610.021(22)", t.basis_22)];
    view! {
        <PageTitle text=t.about_title/>
        <h1>{t.about_title}</h1>
        <p class="lead">{t.about_intro}</p>
        <section aria-labelledby="how">
            <h2 id="how">{t.about_audits_heading}</h2>
            <p>{t.about_audits_body}</p>
        </section>
        <section aria-labelledby="glossary">
            <h2 id="glossary">{t.glossary_heading}</h2>
            <dl class="glossary">
                {glossary.into_iter().map(|(term, def)| view! {
                    <dt>{term}</dt>
                    <dd>{def}</dd>
                }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="data">
            <h2 id="data">{t.about_data_heading}</h2>
            <p>{t.about_data_body}</p>
        </section>
        <section id="log" aria-labelledby="log-heading">
            <h2 id="log-heading">{t.about_log_heading}</h2>
            <p>{t.about_log_body}</p>
            <p>{t.about_log_check}</p>
            <p>{t.about_log_key} ": " <a href="/log/key">"/log/key"</a> " · " <a href="/log/checkpoint">"/log/checkpoint"</a></p>
            <Suspense fallback=|| ()>{log_key}</Suspense>
        </section>
        <section id="policy" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{t.about_policy_heading}</h2>
            <p>{t.about_policy_body}</p>
            <dl class="bases">
                {bases.into_iter().map(|(citation, text)| view! {
                    <dt>{citation}</dt>
                    <dd>{text}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}
