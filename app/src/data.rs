//! The downloadable collections: their flat entries (one CSV row, one API list item)
//! and the data dictionary that explains every column, in both languages.
//!
//! The dictionary is the single description of the columns: the data dictionary
//! page, `datapackage.json` and the OpenAPI document's field notes all read it, and a
//! test in the server checks that the CSV header matches it column for column.

use crate::model::{AuditMath, AuditType, Category, Outcome};
use serde::{Deserialize, Serialize};

/// A downloadable collection, by its name in URLs (`/data/{name}.csv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    Audits,
    AuditContests,
    Grants,
    Expenditures,
    Updates,
    Manifests,
    SampledUnits,
    AuditRounds,
    BatchTallies,
}

impl Collection {
    pub const ALL: &'static [Collection] = &[
        Collection::Audits,
        Collection::AuditContests,
        Collection::Grants,
        Collection::Expenditures,
        Collection::Updates,
        Collection::Manifests,
        Collection::SampledUnits,
        Collection::AuditRounds,
        Collection::BatchTallies,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Collection::Audits => "audits",
            Collection::AuditContests => "audit-contests",
            Collection::Grants => "grants",
            Collection::Expenditures => "expenditures",
            Collection::Updates => "updates",
            Collection::Manifests => "manifests",
            Collection::SampledUnits => "sampled-units",
            Collection::AuditRounds => "audit-rounds",
            Collection::BatchTallies => "batch-tallies",
        }
    }

    pub fn from_name(name: &str) -> Option<Collection> {
        Collection::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// The query parameters that filter this collection (as on the pages).
    pub fn filters(self) -> &'static [&'static str] {
        match self {
            Collection::Audits | Collection::AuditContests => &["election", "jurisdiction", "type", "outcome"],
            Collection::Grants => &["recipient"],
            Collection::Expenditures => &["grant", "category", "recipient"],
            Collection::Updates => &["office"],
            Collection::Manifests | Collection::SampledUnits | Collection::AuditRounds | Collection::BatchTallies => {
                &["audit"]
            }
        }
    }

    pub fn columns(self) -> &'static [ColumnDoc] {
        match self {
            Collection::Audits => AUDIT_COLUMNS,
            Collection::AuditContests => CONTEST_COLUMNS,
            Collection::Grants => GRANT_COLUMNS,
            Collection::Expenditures => EXPENDITURE_COLUMNS,
            Collection::Updates => UPDATE_COLUMNS,
            Collection::Manifests => MANIFEST_COLUMNS,
            Collection::SampledUnits => SAMPLED_UNIT_COLUMNS,
            Collection::AuditRounds => ROUND_COLUMNS,
            Collection::BatchTallies => BATCH_TALLY_COLUMNS,
        }
    }

    /// What one row is, in plain words.
    pub fn describe(self, es: bool) -> &'static str {
        match (self, es) {
            (Collection::Audits, false) => "One row per published audit (its current version).",
            (Collection::Audits, true) => "Una fila por auditoría publicada (su versión vigente).",
            (Collection::AuditContests, false) => "One row per contest checked by a published audit.",
            (Collection::AuditContests, true) => "Una fila por contienda revisada en una auditoría publicada.",
            (Collection::Grants, false) => "One row per election-security grant.",
            (Collection::Grants, true) => "Una fila por subvención de seguridad electoral.",
            (Collection::Expenditures, false) => "One row per published expenditure of grant money.",
            (Collection::Expenditures, true) => "Una fila por gasto publicado de fondos de subvención.",
            (Collection::Updates, false) => "One row per official update.",
            (Collection::Updates, true) => "Una fila por aviso oficial.",
            (Collection::Manifests, false) => {
                "One row per batch of ballots in the manifest of a published audit (its current version)."
            }
            (Collection::Manifests, true) => {
                "Una fila por lote de boletas del inventario de una auditoría publicada (su versión vigente)."
            }
            (Collection::SampledUnits, false) => {
                "One row per ballot the sampler drew from the seed and the manifest, in the order drawn."
            }
            (Collection::SampledUnits, true) => {
                "Una fila por boleta que el muestreador sacó con la semilla y el inventario, en el orden en que salió."
            }
            (Collection::AuditRounds, false) => "One row per contest per round of a published audit's sampling.",
            (Collection::AuditRounds, true) => "Una fila por contienda y ronda de muestreo de una auditoría publicada.",
            (Collection::BatchTallies, false) => {
                "One row per candidate per batch per contest of a published batch-comparison audit: the machines' \
                 count and, for the batches the seed drew, the hand count."
            }
            (Collection::BatchTallies, true) => {
                "Una fila por candidato, lote y contienda de una auditoría publicada de comparación por lotes: el \
                 conteo de las máquinas y, en los lotes que sacó la semilla, el conteo a mano."
            }
        }
    }
}

/// The type of a column's values, as the Frictionless Table Schema names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    String,
    Integer,
    /// A decimal number written out in full (never a binary float's artefacts).
    Number,
    /// `true` or `false`.
    Boolean,
    /// ISO 8601 date, `YYYY-MM-DD`.
    Date,
    /// RFC 3339 date and time in UTC.
    DateTime,
}

impl ColumnType {
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "datetime",
        }
    }
}

/// One column of a collection, explained.
pub struct ColumnDoc {
    pub name: &'static str,
    pub kind: ColumnType,
    /// Whether every row has a value (an empty cell means "not recorded").
    pub required: bool,
    pub en: &'static str,
    pub es: &'static str,
    /// The allowed codes, for a column of codes.
    pub codes: Option<fn() -> Vec<&'static str>>,
}

impl ColumnDoc {
    pub fn describe(&self, es: bool) -> &'static str {
        if es {
            self.es
        } else {
            self.en
        }
    }
}

macro_rules! columns {
    ($name:ident: $( $col:literal $kind:ident $req:ident $(codes $codes:expr)? => $en:expr, $es:expr; )+) => {
        pub const $name: &[ColumnDoc] = &[
            $( ColumnDoc {
                name: $col,
                kind: ColumnType::$kind,
                required: columns!(@req $req),
                en: $en,
                es: $es,
                codes: columns!(@codes $($codes)?),
            }, )+
        ];
    };
    (@req required) => { true };
    (@req optional) => { false };
    (@codes) => { None };
    (@codes $codes:expr) => { Some($codes) };
}

fn audit_type_codes() -> Vec<&'static str> {
    AuditType::ALL.iter().map(|t| t.code()).collect()
}
fn math_codes() -> Vec<&'static str> {
    AuditMath::ALL.iter().map(|t| t.code()).collect()
}
fn outcome_codes() -> Vec<&'static str> {
    Outcome::ALL.iter().map(|t| t.code()).collect()
}
fn category_codes() -> Vec<&'static str> {
    Category::ALL.iter().map(|t| t.code()).collect()
}
fn sampler_codes() -> Vec<&'static str> {
    vec!["consistent", "rivest", "ppeb"]
}

// The risk the portal recomputed at publication (audit-contests and audit-rounds).
const CHECK_P_EN: &str = "The risk the portal recomputed at publication from the published numbers, rounded to 5 \
    decimal places (the audit's JSON has it in full; empty when the method is not one the portal recomputes).";
const CHECK_P_ES: &str = "El riesgo que el portal recalculó al publicar a partir de las cifras publicadas, redondeado \
    a 5 decimales (el JSON de la auditoría lo tiene completo; vacío si el portal no recalcula ese método).";
const CHECK_MET_EN: &str = "Whether the recomputed risk meets the risk limit.";
const CHECK_MET_ES: &str = "Si el riesgo recalculado alcanza el límite de riesgo.";
const CHECK_CONSISTENT_EN: &str = "Whether the office's p_value and risk_limit_met agree with the recomputation \
    (empty when the office claimed neither).";
const CHECK_CONSISTENT_ES: &str = "Si el p_value y el risk_limit_met de la oficina coinciden con el recálculo \
    (vacío si la oficina no declaró ninguno).";

columns!(AUDIT_COLUMNS:
    "slug" String required => "The audit's identifier in addresses: /audits/{slug}.", "El identificador de la auditoría en las direcciones: /audits/{slug}.";
    "version" Integer required => "The published version (1 for the first publication, higher after each correction).", "La versión publicada (1 la primera vez; aumenta con cada corrección).";
    "published_at" DateTime required => "When this version was published (UTC).", "Cuándo se publicó esta versión (UTC).";
    "election_slug" String required => "The election's identifier.", "El identificador de la elección.";
    "election_name" String required => "The election's name.", "El nombre de la elección.";
    "election_date" Date required => "Election day.", "El día de la elección.";
    "jurisdiction_slug" String required => "The county or state that ran the audit: /jurisdictions/{slug}.", "El condado o estado que hizo la auditoría: /jurisdictions/{slug}.";
    "jurisdiction_name" String required => "The jurisdiction's name.", "El nombre de la jurisdicción.";
    "audit_type" String required codes audit_type_codes => "What kind of check it was: a risk-limiting audit (ballot polling, ballot comparison, batch comparison), a fixed-percentage manual tally, a logic-and-accuracy test or a canvass.", "Qué tipo de revisión fue: auditoría de limitación de riesgo (sondeo de boletas, comparación de boletas, comparación por lotes), recuento manual de un porcentaje fijo, prueba de lógica y precisión o escrutinio.";
    "math" String required codes math_codes => "The statistical method of a risk-limiting audit (none for other checks).", "El método estadístico de una auditoría de limitación de riesgo (none para otras revisiones).";
    "risk_limit_pct" Number optional => "The risk limit in percent: the largest chance the audit would miss a wrong outcome.", "El límite de riesgo en porcentaje: la mayor probabilidad de que la auditoría no detecte un resultado equivocado.";
    "seed" String optional => "The public random seed that chose the ballots to check.", "La semilla aleatoria pública que eligió las boletas revisadas.";
    "started_on" Date optional => "When the audit began.", "Cuándo empezó la auditoría.";
    "completed_on" Date optional => "When the audit ended (empty while in progress).", "Cuándo terminó la auditoría (vacío mientras sigue en curso).";
    "outcome" String required codes outcome_codes => "What the audit concluded.", "Lo que concluyó la auditoría.";
    "summary" String required => "The office's plain-language summary.", "El resumen de la oficina en lenguaje sencillo.";
    "contests" Integer required => "How many contests the audit checked (see audit-contests).", "Cuántas contiendas revisó la auditoría (vea audit-contests).";
    "withheld_details" Integer required => "How many security details were withheld under the law (the record page says why).", "Cuántos detalles de seguridad se reservaron conforme a la ley (la página del registro explica por qué).";
    "correction_note" String optional => "The public note of a correction (empty for version 1).", "La nota pública de una corrección (vacía en la versión 1).";
    "url" String required => "The permanent address of this version.", "La dirección permanente de esta versión.";
    "sampler" String optional codes sampler_codes => "How the seed became ballots: consistent (Arlo's SHA-256 consistent sampler), rivest (Rivest's 2011 sampler, as ColoradoRLA uses it), or ppeb (batch comparison: whole batches drawn with Rivest's draws, each with a chance proportional to its error bound).", "Cómo la semilla se convirtió en boletas: consistent (el muestreador consistente SHA-256 de Arlo), rivest (el muestreador de Rivest de 2011, como lo usa ColoradoRLA) o ppeb (comparación por lotes: lotes enteros sacados con las extracciones de Rivest, cada uno con una probabilidad proporcional a su cota de error).";
    "sampler_version" String optional => "The sampler's version as the portal runs it, so anyone can run the same one.", "La versión del muestreador que usa el portal, para que cualquiera ejecute el mismo.";
    "with_replacement" Boolean required => "Whether a ballot could be drawn more than once.", "Si una boleta podía salir más de una vez.";
    "seed_drawn_at" DateTime optional => "When the seed was drawn at the public ceremony (UTC), after the manifest was published.", "Cuándo se sacó la semilla en la ceremonia pública (UTC), después de publicarse el inventario.";
    "manifest_sha256" String optional => "The SHA-256 of the ballot manifest's CSV (see manifests): hash the file you download and compare.", "El SHA-256 del CSV del inventario de boletas (vea manifests): calcule el hash del archivo que descargue y compárelo.";
    "manifest_committed_at" DateTime optional => "When this manifest was first published (UTC): the commitment the seed must come after.", "Cuándo se publicó este inventario por primera vez (UTC): el compromiso tras el cual debe sacarse la semilla.";
    "sampled_units" Integer required => "How many ballots the sampler drew (see sampled-units).", "Cuántas boletas sacó el muestreador (vea sampled-units).";
);

columns!(CONTEST_COLUMNS:
    "audit" String required => "The audit's identifier (the slug column of audits).", "El identificador de la auditoría (la columna slug de audits).";
    "audit_version" Integer required => "The audit version the contest belongs to.", "La versión de la auditoría a la que pertenece la contienda.";
    "contest_number" Integer required => "The contest's position within the audit, from 1.", "La posición de la contienda en la auditoría, desde 1.";
    "contest" String required => "The contest's name.", "El nombre de la contienda.";
    "winners" String required => "The reported winners, separated by semicolons.", "Los ganadores informados, separados por punto y coma.";
    "votes_allowed" Integer required => "How many candidates a voter could choose.", "Cuántos candidatos podía elegir cada votante.";
    "ballots_cast" Integer required => "Ballots cast in the contest.", "Boletas emitidas en la contienda.";
    "reported_results" String required => "Reported votes per candidate, as Name=votes separated by semicolons.", "Votos informados por candidato, como Nombre=votos separados por punto y coma.";
    "sample_size" Integer optional => "Ballots or batches the audit examined.", "Boletas o lotes que examinó la auditoría.";
    "audited_results" String optional => "Votes found by the audit per candidate, as Name=votes (empty when not tallied).", "Votos hallados por la auditoría por candidato, como Nombre=votos (vacío si no se contaron).";
    "o1" Integer optional => "One-vote overstatements found.", "Sobreestimaciones de un voto halladas.";
    "o2" Integer optional => "Two-vote overstatements found.", "Sobreestimaciones de dos votos halladas.";
    "u1" Integer optional => "One-vote understatements found.", "Subestimaciones de un voto halladas.";
    "u2" Integer optional => "Two-vote understatements found.", "Subestimaciones de dos votos halladas.";
    "p_value" Number optional => "The audit's measured risk: below the risk limit means the outcome is confirmed.", "El riesgo medido por la auditoría: por debajo del límite de riesgo, el resultado queda confirmado.";
    "risk_limit_met" Boolean optional => "Whether the risk limit was met.", "Si se alcanzó el límite de riesgo.";
    "check_p_value" Number optional => CHECK_P_EN, CHECK_P_ES;
    "check_risk_limit_met" Boolean optional => CHECK_MET_EN, CHECK_MET_ES;
    "check_consistent" Boolean optional => CHECK_CONSISTENT_EN, CHECK_CONSISTENT_ES;
    "targeted" Boolean required => "Whether the audit targeted the contest; false for a contest counted in the same sample without being targeted (its risk is measured, not confirmed).", "Si la auditoría tuvo como objetivo la contienda; false para una contienda contada en la misma muestra sin ser objetivo (su riesgo se mide, no se confirma).";
);

columns!(GRANT_COLUMNS:
    "slug" String required => "The grant's identifier in addresses: /spending/{slug}.", "El identificador de la subvención en las direcciones: /spending/{slug}.";
    "version" Integer required => "The published version.", "La versión publicada.";
    "published_at" DateTime required => "When this version was published (UTC).", "Cuándo se publicó esta versión (UTC).";
    "program" String required => "The grant program.", "El programa de subvenciones.";
    "funder" String required => "Who awarded the money.", "Quién otorgó el dinero.";
    "recipient_slug" String required => "The jurisdiction that received it.", "La jurisdicción que lo recibió.";
    "recipient_name" String required => "The recipient's name.", "El nombre del receptor.";
    "federal_cents" Integer required => "The federal award, in cents.", "La asignación federal, en centavos.";
    "match_cents" Integer required => "The state or local match, in cents.", "La contrapartida estatal o local, en centavos.";
    "total_cents" Integer required => "Federal plus match, in cents.", "Federal más contrapartida, en centavos.";
    "award_date" Date required => "When the grant was awarded.", "Cuándo se otorgó la subvención.";
    "period_start" Date optional => "Start of the grant period.", "Inicio del período de la subvención.";
    "period_end" Date optional => "End of the grant period.", "Fin del período de la subvención.";
    "source" String required => "Where the figures come from.", "De dónde provienen las cifras.";
    "spent_cents" Integer required => "Federal plus match spent so far, from published expenditures, in cents.", "Federal más contrapartida gastado hasta ahora, según los gastos publicados, en centavos.";
    "correction_note" String optional => "The public note of a correction (empty for version 1).", "La nota pública de una corrección (vacía en la versión 1).";
    "url" String required => "The permanent address of this version.", "La dirección permanente de esta versión.";
);

columns!(EXPENDITURE_COLUMNS:
    "slug" String required => "The expenditure's identifier: /expenditures/{slug}.", "El identificador del gasto: /expenditures/{slug}.";
    "version" Integer required => "The published version.", "La versión publicada.";
    "published_at" DateTime required => "When this version was published (UTC).", "Cuándo se publicó esta versión (UTC).";
    "grant" String required => "The grant the money came from (the slug column of grants).", "La subvención de la que salió el dinero (la columna slug de grants).";
    "recipient_slug" String required => "The jurisdiction that spent it.", "La jurisdicción que lo gastó.";
    "recipient_name" String required => "The jurisdiction's name.", "El nombre de la jurisdicción.";
    "category" String required codes category_codes => "The EAC progress-report spending category.", "La categoría de gasto del informe de progreso de la EAC.";
    "federal_cents" Integer required => "Federal money spent, in cents.", "Dinero federal gastado, en centavos.";
    "match_cents" Integer required => "Match money spent, in cents.", "Dinero de contrapartida gastado, en centavos.";
    "total_cents" Integer required => "Federal plus match, in cents.", "Federal más contrapartida, en centavos.";
    "date" Date required => "When the money was spent.", "Cuándo se gastó el dinero.";
    "vendor" String required => "Who was paid (always public under RSMo 610.021(18)).", "A quién se pagó (siempre público según RSMo 610.021(18)).";
    "description" String required => "What the money bought, in the office's words.", "Qué se compró, en palabras de la oficina.";
    "withheld_details" Integer required => "How many security details were withheld.", "Cuántos detalles de seguridad se reservaron.";
    "withholding_bases" String optional => "The laws under which details were withheld, separated by semicolons.", "Las leyes por las que se reservaron detalles, separadas por punto y coma.";
    "correction_note" String optional => "The public note of a correction (empty for version 1).", "La nota pública de una corrección (vacía en la versión 1).";
    "url" String required => "The permanent address of this version.", "La dirección permanente de esta versión.";
);

columns!(UPDATE_COLUMNS:
    "slug" String required => "The update's identifier: /updates/{slug}.", "El identificador del aviso: /updates/{slug}.";
    "version" Integer required => "The published version.", "La versión publicada.";
    "published_at" DateTime required => "When this version was published (UTC).", "Cuándo se publicó esta versión (UTC).";
    "date" Date required => "The date the office gave the update.", "La fecha que la oficina dio al aviso.";
    "title" String required => "The update's title.", "El título del aviso.";
    "office_slug" String required => "The office that published it.", "La oficina que lo publicó.";
    "office_name" String required => "The office's name.", "El nombre de la oficina.";
    "body_html" String required => "The text, as sanitised HTML.", "El texto, como HTML depurado.";
    "correction_note" String optional => "The public note of a correction (empty for version 1).", "La nota pública de una corrección (vacía en la versión 1).";
    "url" String required => "The permanent address of this version.", "La dirección permanente de esta versión.";
);

columns!(MANIFEST_COLUMNS:
    "audit" String required => "The audit's identifier (the slug column of audits).", "El identificador de la auditoría (la columna slug de audits).";
    "audit_version" Integer required => "The audit version the manifest belongs to.", "La versión de la auditoría a la que pertenece el inventario.";
    "batch_number" Integer required => "The batch's line in the manifest, from 1.", "La línea del lote en el inventario, desde 1.";
    "batch" String required => "The batch's public identifier (a storage place or tabulator may stand behind it, withheld under the law).", "El identificador público del lote (detrás puede haber un lugar de almacenamiento o un tabulador, reservado conforme a la ley).";
    "ballots" Integer required => "How many ballots the batch holds.", "Cuántas boletas tiene el lote.";
    "manifest_sha256" String required => "The SHA-256 of the whole manifest's CSV, /audits/{audit}/v/{audit_version}/manifest.csv.", "El SHA-256 del CSV del inventario completo, /audits/{audit}/v/{audit_version}/manifest.csv.";
);

columns!(SAMPLED_UNIT_COLUMNS:
    "audit" String required => "The audit's identifier (the slug column of audits).", "El identificador de la auditoría (la columna slug de audits).";
    "audit_version" Integer required => "The audit version the sample belongs to.", "La versión de la auditoría a la que pertenece la muestra.";
    "round" Integer required => "The sampling round, from 1. A round after the first draws more ballots from the same seed and sampler when the round before did not meet the risk limit.", "La ronda de muestreo, desde 1. Una ronda después de la primera saca más boletas con la misma semilla y el mismo muestreador cuando la ronda anterior no alcanzó el límite de riesgo.";
    "draw" Integer required => "The order in which the ballot was drawn, from 1.", "El orden en que salió la boleta, desde 1.";
    "ticket" String required => "The sampler's ticket number for the draw (the consistent sampler's ticket, or Rivest's draw).", "El número de boleto del muestreador para esta extracción (el boleto del muestreador consistente, o la extracción de Rivest).";
    "batch" String required => "The batch the ballot is in (the batch column of manifests).", "El lote donde está la boleta (la columna batch de manifests).";
    "position" Integer optional => "The ballot's place within its batch, from 1 (empty when the whole batch was drawn, in a batch-comparison audit).", "El lugar de la boleta dentro de su lote, desde 1 (vacío cuando se sacó el lote entero, en una auditoría de comparación por lotes).";
);

columns!(BATCH_TALLY_COLUMNS:
    "audit" String required => "The audit's identifier (the slug column of audits).", "El identificador de la auditoría (la columna slug de audits).";
    "audit_version" Integer required => "The audit version the tallies belong to.", "La versión de la auditoría a la que pertenecen los conteos.";
    "row_number" Integer required => "The row's place in the tallies as committed, from 1.", "El lugar de la fila en los conteos tal como se comprometieron, desde 1.";
    "contest_number" Integer required => "The contest's position within the audit, from 1 (as in audit-contests).", "La posición de la contienda en la auditoría, desde 1 (como en audit-contests).";
    "contest" String required => "The contest's name.", "El nombre de la contienda.";
    "batch" String required => "The batch (the batch column of manifests).", "El lote (la columna batch de manifests).";
    "candidate" String required => "The candidate or choice.", "El candidato u opción.";
    "reported" Integer required => "The votes the machines reported for the candidate in the batch.", "Los votos que las máquinas reportaron para el candidato en el lote.";
    "audited" Integer optional => "The votes the audit board counted by hand (only in the batches the seed drew).", "Los votos que el equipo de auditoría contó a mano (solo en los lotes que sacó la semilla).";
    "batch_tallies_sha256" String required => "The commitment made before the seed: the SHA-256 of the lines contest,batch,candidate,reported (that header, then every row in row_number order, CSV with \\n line ends).", "El compromiso hecho antes de la semilla: el SHA-256 de las líneas contest,batch,candidate,reported (ese encabezado y luego cada fila en el orden de row_number, CSV con finales de línea \\n).";
);

columns!(ROUND_COLUMNS:
    "audit" String required => "The audit's identifier (the slug column of audits).", "El identificador de la auditoría (la columna slug de audits).";
    "audit_version" Integer required => "The audit version the round belongs to.", "La versión de la auditoría a la que pertenece la ronda.";
    "round" Integer required => "The sampling round, from 1.", "La ronda de muestreo, desde 1.";
    "contest_number" Integer required => "The contest's position within the audit, from 1 (as in audit-contests).", "La posición de la contienda en la auditoría, desde 1 (como en audit-contests).";
    "contest" String required => "The contest's name.", "El nombre de la contienda.";
    "sample_size" Integer required => "Ballots or batches examined for the contest by the end of the round (cumulative: this round's and every earlier round's).", "Boletas o lotes examinados para la contienda al final de la ronda (acumulado: los de esta ronda y de todas las anteriores).";
    "audited_results" String optional => "Votes found by the audit per candidate in the cumulative sample, as Name=votes (empty when not tallied).", "Votos hallados por la auditoría por candidato en la muestra acumulada, como Nombre=votos (vacío si no se contaron).";
    "o1" Integer optional => "One-vote overstatements found.", "Sobreestimaciones de un voto halladas.";
    "o2" Integer optional => "Two-vote overstatements found.", "Sobreestimaciones de dos votos halladas.";
    "u1" Integer optional => "One-vote understatements found.", "Subestimaciones de un voto halladas.";
    "u2" Integer optional => "Two-vote understatements found.", "Subestimaciones de dos votos halladas.";
    "p_value" Number optional => "The office's measured risk after the round: below the risk limit means the outcome is confirmed.", "El riesgo medido por la oficina tras la ronda: por debajo del límite de riesgo, el resultado queda confirmado.";
    "risk_limit_met" Boolean optional => "Whether the office found the risk limit met.", "Si la oficina dio por alcanzado el límite de riesgo.";
    "started_on" Date optional => "When the round's ballots began to be examined.", "Cuándo se empezaron a examinar las boletas de la ronda.";
    "completed_on" Date optional => "When the round was completed.", "Cuándo se completó la ronda.";
    "check_method" String optional codes math_codes => "The method the portal recomputed the risk with (empty when it does not recompute the audit's method).", "El método con que el portal recalculó el riesgo (vacío si no recalcula el método de la auditoría).";
    "check_p_value" Number optional => CHECK_P_EN, CHECK_P_ES;
    "check_risk_limit_met" Boolean optional => CHECK_MET_EN, CHECK_MET_ES;
    "check_consistent" Boolean optional => CHECK_CONSISTENT_EN, CHECK_CONSISTENT_ES;
);

/// One audit, flat: a row of `audits.csv` and an item of `/api/v1/audits`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicAuditEntry {
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub election_slug: String,
    pub election_name: String,
    pub election_date: String,
    pub jurisdiction_slug: String,
    pub jurisdiction_name: String,
    pub audit_type: AuditType,
    pub math: AuditMath,
    pub risk_limit_pct: Option<f64>,
    pub seed: Option<String>,
    pub started_on: Option<String>,
    pub completed_on: Option<String>,
    pub outcome: Outcome,
    pub summary: String,
    pub contests: i64,
    pub withheld_details: i64,
    pub correction_note: Option<String>,
    pub url: String,
    pub sampler: Option<String>,
    pub sampler_version: Option<String>,
    pub with_replacement: bool,
    pub seed_drawn_at: Option<String>,
    pub manifest_sha256: Option<String>,
    pub manifest_committed_at: Option<String>,
    pub sampled_units: i64,
}

/// One contest of an audit, flat: a row of `audit-contests.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicContestEntry {
    pub audit: String,
    pub audit_version: i64,
    pub contest_number: i64,
    pub contest: String,
    pub winners: String,
    pub votes_allowed: i64,
    pub ballots_cast: i64,
    pub reported_results: String,
    pub sample_size: Option<i64>,
    pub audited_results: Option<String>,
    pub o1: Option<i64>,
    pub o2: Option<i64>,
    pub u1: Option<i64>,
    pub u2: Option<i64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
    pub check_p_value: Option<f64>,
    pub check_risk_limit_met: Option<bool>,
    pub check_consistent: Option<bool>,
    pub targeted: bool,
}

/// One grant, flat: a row of `grants.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicGrantEntry {
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub program: String,
    pub funder: String,
    pub recipient_slug: String,
    pub recipient_name: String,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub total_cents: i64,
    pub award_date: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub source: String,
    pub spent_cents: i64,
    pub correction_note: Option<String>,
    pub url: String,
}

/// One expenditure, flat: a row of `expenditures.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicExpenditureEntry {
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub grant: String,
    pub recipient_slug: String,
    pub recipient_name: String,
    pub category: Category,
    pub federal_cents: i64,
    pub match_cents: i64,
    pub total_cents: i64,
    pub date: String,
    pub vendor: String,
    pub description: String,
    pub withheld_details: i64,
    pub withholding_bases: Option<String>,
    pub correction_note: Option<String>,
    pub url: String,
}

/// One update, flat: a row of `updates.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicUpdateEntry {
    pub slug: String,
    pub version: i64,
    pub published_at: String,
    pub date: String,
    pub title: String,
    pub office_slug: String,
    pub office_name: String,
    pub body_html: String,
    pub correction_note: Option<String>,
    pub url: String,
}

/// One batch of a current audit's manifest, flat: a row of `manifests.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicManifestEntry {
    pub audit: String,
    pub audit_version: i64,
    pub batch_number: i64,
    pub batch: String,
    pub ballots: i64,
    pub manifest_sha256: String,
}

/// One ballot the sampler drew, flat: a row of `sampled-units.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicSampledUnitEntry {
    pub audit: String,
    pub audit_version: i64,
    pub round: i64,
    pub draw: i64,
    pub ticket: String,
    pub batch: String,
    /// Empty when the whole batch was drawn (batch comparison).
    pub position: Option<i64>,
}

/// One candidate's votes in one batch of a batch-comparison audit, flat: a row
/// of `batch-tallies.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicBatchTallyEntry {
    pub audit: String,
    pub audit_version: i64,
    pub row_number: i64,
    pub contest_number: i64,
    pub contest: String,
    pub batch: String,
    pub candidate: String,
    pub reported: i64,
    pub audited: Option<i64>,
    pub batch_tallies_sha256: String,
}

/// One contest in one round of an audit, flat: a row of `audit-rounds.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicRoundEntry {
    pub audit: String,
    pub audit_version: i64,
    pub round: i64,
    pub contest_number: i64,
    pub contest: String,
    pub sample_size: i64,
    pub audited_results: Option<String>,
    pub o1: Option<i64>,
    pub o2: Option<i64>,
    pub u1: Option<i64>,
    pub u2: Option<i64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
    pub started_on: Option<String>,
    pub completed_on: Option<String>,
    pub check_method: Option<String>,
    pub check_p_value: Option<f64>,
    pub check_risk_limit_met: Option<bool>,
    pub check_consistent: Option<bool>,
}

/// A recomputed p-value as the collections write it: rounded to 5 decimal places,
/// so the CSV holds a decimal written out in full (a float below 0.00001 would
/// print as `1e-6`).
pub fn rounded_check_p_value(p: Option<f64>) -> Option<f64> {
    p.map(|p| (p * 100_000.0).round() / 100_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_names_round_trip_and_columns_are_unique() {
        for c in Collection::ALL {
            assert_eq!(Collection::from_name(c.name()), Some(*c));
            let mut names: Vec<_> = c.columns().iter().map(|d| d.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), c.columns().len(), "{} repeats a column", c.name());
        }
    }

    #[test]
    fn rounded_p_values_print_in_full() {
        for (p, shown) in [(1e-9, "0.0"), (0.000012, "0.00001"), (0.0321, "0.0321"), (1.0, "1.0")] {
            let rounded = rounded_check_p_value(Some(p)).unwrap();
            assert_eq!(serde_json::to_string(&rounded).unwrap(), shown, "{p}");
        }
        assert_eq!(rounded_check_p_value(None), None);
    }
}
