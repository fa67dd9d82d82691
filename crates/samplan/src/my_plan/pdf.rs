//! Min plan as an A4 PDF (one page, two when long) through the `pdf_document` crate: the
//! same derived plan as the page, laid out as sections of fields and bullets, right to
//! left for Arabic and Dari, with staff text carrying its own language. Rendering is CPU
//! work, so it runs on a blocking thread.
use super::derive::{MyPlan, Text};
use crate::error::AppError;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pdf_document::{Block, Direction, Document, Section};

fn t(text: &Text) -> pdf_document::Text {
    pdf_document::Text { text: text.text.clone(), language: text.lang.clone() }
}

fn field(label: &Text, value: &Text) -> Block {
    Block::Field { label: t(label), value: t(value) }
}

fn join(texts: &[Text], separator: &str) -> Text {
    let lang = texts.iter().find_map(|x| x.lang.clone());
    Text { text: texts.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(separator), lang, fallback: false }
}

/// The document of a Min plan.
pub fn document(plan: &MyPlan) -> Document {
    let l = &plan.labels;
    let mut goals = vec![Block::Paragraph(t(&plan.intro))];
    if let Some(note) = &plan.staff_text_note {
        goals.push(Block::Paragraph(t(note)));
    }
    if plan.goals.is_empty() {
        goals.push(Block::Paragraph(t(&plan.no_goals)));
    }
    for g in &plan.goals {
        goals.push(field(&g.area, &g.text));
        for a in &g.actions {
            goals.push(Block::Bullet(t(&a.title)));
            let mut place = a.department.clone();
            if let Some(r) = &a.responsible {
                place.text = format!("{} · {r}", place.text);
            }
            goals.push(field(&l.department, &place));
            // One "when" row: the weekly times, the period and the status.
            let mut when = a.times.clone();
            when.extend([a.period.clone(), a.status.clone()]);
            goals.push(field(&l.times, &join(&when, " · ")));
        }
    }
    let list = |heading: &Text, blocks: Vec<Block>, empty: &Text| Section {
        heading: heading.text.clone(),
        blocks: if blocks.is_empty() { vec![Block::Paragraph(t(empty))] } else { blocks },
    };
    Document {
        language: plan.language_tag.clone(),
        direction: if plan.direction == "rtl" { Direction::Rtl } else { Direction::Ltr },
        title: plan.title.text.clone(),
        meta: plan.meta.iter().map(|m| m.text.clone()).collect(),
        sections: vec![
            Section { heading: l.goals.text.clone(), blocks: goals },
            list(&l.appointments, plan.appointments.iter().map(|a| field(&a.when, &a.what)).collect(), &plan.no_appointments),
            list(&l.contacts, plan.contacts.iter().map(|c| field(&c.role, &Text::plain(&c.name))).collect(), &plan.no_contacts),
            list(&l.deadlines, plan.deadlines.iter().map(|d| field(&d.due_text, &d.title)).collect(), &plan.no_deadlines),
        ],
        footer: Some(plan.footer.text.clone()),
    }
}

/// Renders the plan and answers with the PDF.
pub async fn response(plan: MyPlan) -> Result<Response, AppError> {
    let name = format!("min-plan-{}-{}.pdf", plan.person_id, plan.language);
    let doc = document(&plan);
    let bytes = tokio::task::spawn_blocking(move || pdf_document::render(&doc)).await.map_err(|e| AppError::Internal(e.into()))?.map_err(|e| match e {
        pdf_document::RenderError::TooLong { .. } => AppError::BadRequest(e.to_string()),
        other => AppError::Internal(anyhow::anyhow!(other.to_string())),
    })?;
    Ok(([(header::CONTENT_TYPE, "application/pdf".to_string()), (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\""))], bytes).into_response())
}
