//! The capacity forecast (issue 18, decision 130): from the quota, the mix of the
//! municipality's own past arrivals and the expected family reunifications, what the
//! coming months' newcomers need — housing units by size, Danish-education seats by
//! track, daycare places by age group, school and reception-class places — against the
//! capacity entered per month, with a 10–90 % band from 1 000 sampled years, a "what if"
//! on the quota and the mix, and a back-test made from the records as they stood twelve
//! months earlier. `service.rs` gathers and runs it (the model is the `forecast` crate),
//! `pages.rs` is `/prognose` with its CSV/XLSX, `capacity.rs` the form
//! `/prognose/kapacitet`, `api.rs` `GET /api/v1/forecast`, `chart.rs` the SVG charts.
pub mod api;
pub mod capacity;
pub mod chart;
pub mod pages;
pub mod service;
