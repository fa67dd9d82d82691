//! `/api/v1/reports`: the catalogue, and one report for a period and municipality as
//! JSON, CSV or XLSX — the same suppressed numbers as the page.
use super::{ReportQuery, ReportView};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{ApiError, AppError};
use crate::web::extract::{Path, Query};
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A report of the catalogue.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CatalogueEntry {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// What it shows.
    pub description: String,
    /// Its tables' titles.
    pub tables: Vec<String>,
}

/// The report catalogue.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(crate::web::paging::PageParams),
    responses((status = 200, body = Vec<CatalogueEntry>), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn list(actor: Actor, paging: crate::web::paging::Paging) -> Result<crate::web::paging::Page<CatalogueEntry>, ApiError> {
    super::municipality_for(&actor, Some("0101"))?;
    Ok(paging.slice(
        super::catalogue()
            .iter()
            .map(|r| CatalogueEntry {
                id: r.id.clone(),
                name: r.name.clone(),
                description: r.description.clone(),
                tables: super::tables_of(r).iter().map(|t| t.title.clone()).collect(),
            })
            .collect(),
    ))
}

/// One report for a period (default: the last whole quarter); `format=csv|xlsx` for a file.
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", params(("id" = String, Path), ReportQuery),
    responses((status = 200, description = "The report: JSON (`format=json`, the default), CSV (`format=csv`, `;`-separated, «skjult» where suppressed) or XLSX (`format=xlsx`, one sheet per table) — the same suppressed numbers",
            content((ReportView = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn show(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let format = match q.format.as_deref().unwrap_or("json") {
        f @ ("json" | "csv" | "xlsx") => f,
        other => return Err(AppError::from(FieldError::new("format", format!("«{other}» – brug json, csv eller xlsx"))).into()),
    };
    let r = super::for_actor(&state, &actor, &meta, &id, &q).await?;
    Ok(match format {
        "json" => Json(r).into_response(),
        f => crate::goals::export::download(&super::sheets(&r), f, &format!("{}-{}-{}-{}", r.id, r.municipality, r.from, r.to)),
    })
}
