//! The agenda and the minutes of a council meeting as Danish PDFs through the
//! `pdf_document` crate: a section per agenda item with its text and documents, and in
//! the minutes the item's minutes. Served to staff and, for published meetings, on the
//! public page.
use super::MeetingView;
use crate::error::AppError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pdf_document::{Block, Direction, Document, Section, Text};

/// Most pages of an agenda or minutes (the text shrinks to fit, down to 75 %).
const MAX_PAGES: usize = 8;

/// Agenda or minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The agenda (dagsorden).
    Agenda,
    /// The minutes (referat).
    Minutes,
}

/// The document for a meeting of `municipality_name`'s council.
pub fn document(municipality_name: &str, meeting: &MeetingView, kind: Kind) -> Document {
    let what = match kind {
        Kind::Agenda => "Dagsorden",
        Kind::Minutes => "Referat",
    };
    let mut meta = vec![format!("Integrationsrådet i {municipality_name}")];
    let time = if meeting.starts_at.is_empty() { String::new() } else { format!(" kl. {}", meeting.starts_at.replace(':', ".")) };
    meta.push(format!("Møde {}{time}, {}", crate::persons::danish_date_long(&meeting.held_on), meeting.place));
    let mut sections = Vec::new();
    for item in &meeting.items {
        let mut blocks = Vec::new();
        if !item.description.is_empty() {
            blocks.push(Block::Paragraph(Text::from(item.description.clone())));
        }
        for d in &item.documents {
            let line = match &d.address {
                Some(a) => format!("Bilag: {} ({a})", d.title),
                None => format!("Bilag: {}", d.title),
            };
            blocks.push(Block::Bullet(Text::from(line)));
        }
        if kind == Kind::Minutes {
            let minutes = if item.minutes.is_empty() { "Intet referat.".to_string() } else { item.minutes.clone() };
            blocks.push(Block::Field { label: Text::from("Referat"), value: Text::from(minutes) });
        }
        if blocks.is_empty() {
            blocks.push(Block::Paragraph(Text::from("Ingen bemærkninger.")));
        }
        sections.push(Section { heading: format!("{}. {}", item.position, item.title), blocks });
    }
    if sections.is_empty() {
        sections.push(Section { heading: "Dagsorden".into(), blocks: vec![Block::Paragraph(Text::from("Dagsordenen har endnu ingen punkter."))] });
    }
    Document {
        language: "da".into(),
        direction: Direction::Ltr,
        title: format!("{what} – møde i integrationsrådet"),
        meta,
        sections,
        footer: Some(format!("{what}, integrationsrådet i {municipality_name}, {}", crate::persons::danish_date_long(&meeting.held_on))),
    }
}

/// The PDF as a download response (rendered on a blocking thread).
pub async fn response(municipality_name: String, meeting: MeetingView, kind: Kind) -> Result<Response, AppError> {
    let stem = match kind {
        Kind::Agenda => "dagsorden",
        Kind::Minutes => "referat",
    };
    let name = format!("integrationsraad-{stem}-{}.pdf", meeting.held_on);
    let bytes = tokio::task::spawn_blocking(move || pdf_document::render_up_to(&document(&municipality_name, &meeting, kind), MAX_PAGES))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| match e {
            pdf_document::RenderError::TooLong { pages } => AppError::WrongState(format!(
                "{} er for lang til PDF ({pages} sider, højst {MAX_PAGES}); forkort teksterne",
                if kind == Kind::Agenda { "Dagsordenen" } else { "Referatet" }
            )),
            other => AppError::Internal(anyhow::anyhow!(other.to_string())),
        })?;
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "application/pdf".to_string()), (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\""))], bytes)
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::{DocumentView, ItemView};

    #[test]
    fn minutes_have_a_section_per_item_with_its_minutes() {
        let meeting = MeetingView {
            id: 1,
            held_on: calendar::Date::parse("2026-03-12").unwrap(),
            starts_at: "16:00".into(),
            place: "Holbæk Rådhus".into(),
            published: true,
            items: vec![ItemView {
                id: 1,
                position: 1,
                title: "Godkendelse af dagsorden".into(),
                description: String::new(),
                documents: vec![DocumentView { title: "Årsrapport".into(), address: None }],
                minutes: "Godkendt.".into(),
            }],
        };
        let doc = document("Holbæk Kommune", &meeting, Kind::Minutes);
        assert_eq!(doc.meta[1], "Møde 12. marts 2026 kl. 16.00, Holbæk Rådhus");
        assert_eq!(doc.sections[0].heading, "1. Godkendelse af dagsorden");
        assert!(matches!(&doc.sections[0].blocks[1], Block::Field { value, .. } if value.text == "Godkendt."));
        let agenda = document("Holbæk Kommune", &meeting, Kind::Agenda);
        assert_eq!(agenda.sections[0].blocks.len(), 1, "the agenda has no minutes");
        assert!(pdf_document::render_up_to(&doc, MAX_PAGES).unwrap().starts_with(b"%PDF-"));
    }
}
