//! Housing placement (boligplacering) and refugee quotas: the housing officer's areas
//! and units (entered or imported from CSV), the waiting households with their needs,
//! the optimiser's proposal with explanations and the spread across areas, approval or
//! override per household, time in temporary housing, the employment model the rounds can
//! weigh (`employment`, `employment_page`), and the quota page with its map.
//!
//! Pages and `/api/v1/housing/…` share `import.rs` (checking), `round.rs` (building and
//! solving a round), `decide.rs` (approve/override/release) and `delete.rs`; the optimiser is the pure
//! `placement` crate, the quota key the pure `quota` crate.
pub mod api;
pub mod chart;
pub mod decide;
pub mod delete;
pub mod employment;
pub mod employment_page;
pub mod explain_text;
pub mod households_page;
pub mod import;
pub mod map;
pub mod needs;
pub mod pages;
pub mod quota_page;
pub mod round;
pub mod tracking;
pub mod units_page;

/// A refused field's Danish name on the housing pages' error summary.
pub fn field_label(field: &str) -> &str {
    match field {
        "person" => "Et familiemedlem",
        "max_rent" => "Højeste husleje",
        "anchors" => "Steder at nå",
        "unit" => "Bolig i stedet",
        "reason" => "Begrundelse",
        "confirm" => "Bekræftelse",
        "household" => "Husstand",
        "area" => "Område",
        "areas_csv" | "areas_file" => "areas.csv",
        "units_csv" => "units.csv",
        "outcomes_file" => "outcomes.csv",
        "data_as_of" => "Data opgjort pr.",
        "weight" => "Vægt",
        "forslag" | "round" => "Forslaget",
        "population_csv" => "Befolkningstal",
        "national" => "Landstal",
        other => other,
    }
}
