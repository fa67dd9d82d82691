//! The demo municipality's integration council: 12 invented members nominated by
//! invented associations for the 2026–2029 election period, four meetings in 2026 with
//! agenda items, documents and minutes (three published), and six recommendations to
//! the city council in different states with follow-up dates (one from the unpublished
//! meeting, so not yet on the public page). All names are invented.
use crate::store::Store;
use crate::store::Tenant;
use crate::store::council::{MemberFields, RecommendationFields};

const MEMBERS: [(&str, &str, &str); 12] = [
    ("Amina Warsame", "Dansk-Somalisk Kulturforening", "Hodan Ali"),
    ("Yusuf Haddad", "Syrisk Forening Holbæk", "Rania Khoury"),
    ("Olena Kovalenko", "Ukrainsk Fællesskab Nordvestsjælland", "Iryna Bondar"),
    ("Tesfay Gebremariam", "Eritreisk Forening", "Semhar Tesfu"),
    ("Farzana Ahmadi", "Afghansk Kvindeforening", ""),
    ("Mette Lund", "Frivillignetværket for flygtninge i Holbæk", "Jens Holm"),
    ("Karim Nasser", "Holbæk Boldklub", "Ali Mansour"),
    ("Birgitte Sørensen", "Boligselskabet Vestsjælland", ""),
    ("Hassan Omar", "Moskeforeningen Holbæk", "Ibrahim Yusuf"),
    ("Lise Thomsen", "Holbæk Erhvervsforum", "Peter Hansen"),
    ("Nadia Rahimi", "Ungdomsrådet", ""),
    ("Ahmad Saleh", "Kurdisk Kulturforening", "Zara Hussein"),
];

/// An agenda item: title, text, documents, minutes.
type Item = (&'static str, &'static str, &'static str, &'static str);

/// Meetings: day, place, published, items.
const MEETINGS: [(&str, &str, bool, [Item; 3]); 4] = [
    (
        "2026-02-10",
        "Holbæk Rådhus, mødelokale 1",
        true,
        [
            ("Godkendelse af dagsorden", "", "", "Dagsordenen blev godkendt."),
            (
                "Konstituering af rådet",
                "Valg af formand og næstformand for valgperioden.",
                "Forretningsorden for integrationsrådet | https://holbaek.dk/integrationsraad/forretningsorden.pdf",
                "Amina Warsame blev valgt som formand og Mette Lund som næstformand.",
            ),
            (
                "Årsplan for 2026",
                "Rådet drøfter temaer for årets møder.",
                "Forslag til årsplan",
                "Rådet vælger beskæftigelse for kvinder, bolig og børns fritidsliv som årets temaer.",
            ),
        ],
    ),
    (
        "2026-04-14",
        "Holbæk Bibliotek",
        true,
        [
            ("Godkendelse af dagsorden", "", "", "Dagsordenen blev godkendt."),
            (
                "Beskæftigelse for kvinder",
                "Jobcentret fortæller om virksomhedsrettede forløb for kvinder, der har været længe i Danmark.",
                "Notat fra jobcentret | https://holbaek.dk/integrationsraad/notat-beskaeftigelse.pdf",
                "Rådet anbefaler flere praktikpladser med mentor og sprogstøtte. Anbefalingen sendes til byrådet.",
            ),
            ("Eventuelt", "", "", "Intet."),
        ],
    ),
    (
        "2026-06-09",
        "Holbæk Rådhus, mødelokale 1",
        true,
        [
            ("Godkendelse af dagsorden", "", "", "Dagsordenen blev godkendt."),
            (
                "Boligplacering og midlertidige boliger",
                "Boligafdelingen orienterer om tiden i midlertidig bolig og spredning i kommunen.",
                "Kvartalsrapport om boligplacering",
                "Rådet ønsker, at ventetiden på permanent bolig følges hvert kvartal, og anbefaler et samarbejde med boligselskaberne.",
            ),
            (
                "Børns fritidsliv og fritidspas",
                "Oplæg fra kultur og fritid.",
                "",
                "Rådet anbefaler, at fritidspas tilbydes alle nye familier ved første samtale.",
            ),
        ],
    ),
    (
        "2026-09-15",
        "Holbæk Bibliotek",
        false,
        [
            ("Godkendelse af dagsorden", "", "", "Dagsordenen blev godkendt."),
            (
                "Kvartalsrapport til integrationsrådet",
                "Gennemgang af kvartalets tal.",
                "Kvartalsrapport, 2. kvartal 2026",
                "Rådet tog rapporten til efterretning og beder om tal for kvinder særskilt næste gang.",
            ),
            ("Danskuddannelse og job", "Sprogcentret om jobrettet danskundervisning.", "", "Sprogcentret planlægger aftenhold fra januar."),
        ],
    ),
];

/// A recommendation: meeting index, title, body, department, status, reason, sent, follow-ups.
type Recommendation = (usize, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static [(&'static str, &'static str)]);

const RECOMMENDATIONS: [Recommendation; 6] = [
    (
        1,
        "Flere praktikpladser med mentor for kvinder",
        "Integrationsrådet anbefaler byrådet at skabe flere virksomhedspraktikker med mentor og sprogstøtte for kvinder, der har været længe i Danmark.",
        "jobcenter",
        "in_progress",
        "",
        "2026-04-20",
        &[("2026-10-01", "Status fra jobcentret"), ("2027-01-15", "Antal forløb i 2026")],
    ),
    (
        2,
        "Kvartalsvis opfølgning på tid i midlertidig bolig",
        "Integrationsrådet anbefaler, at byrådet hvert kvartal får tallene for tid i midlertidig bolig.",
        "bolig",
        "done",
        "",
        "2026-06-15",
        &[("2026-09-01", "Første kvartalsrapport")],
    ),
    (
        2,
        "Samarbejdsaftale med boligselskaberne",
        "Integrationsrådet anbefaler en samarbejdsaftale med boligselskaberne om permanente boliger.",
        "bolig",
        "answered",
        "Byrådet har bedt forvaltningen om et udkast til aftale.",
        "2026-06-15",
        &[("2026-11-01", "Udkast til aftale")],
    ),
    (
        2,
        "Fritidspas til alle nye familier",
        "Integrationsrådet anbefaler, at fritidspas tilbydes alle nye familier ved første samtale.",
        "dagtilbud_og_skole",
        "sent",
        "",
        "2026-06-15",
        &[("2026-12-01", "Svar fra byrådet")],
    ),
    (
        1,
        "Tolkebistand ved sundhedssamtaler",
        "Integrationsrådet anbefaler fast tolkebistand ved alle helbredsvurderinger.",
        "sundhed",
        "rejected",
        "Byrådet afviste anbefalingen, fordi tolkning allerede tilbydes efter behov.",
        "2026-04-20",
        &[],
    ),
    (
        3,
        "Jobrettet danskundervisning om aftenen",
        "Integrationsrådet anbefaler, at sprogcentret udbyder jobrettede aftenhold.",
        "sprogcenter",
        "in_progress",
        "",
        "2026-09-21",
        &[("2026-11-01", "Sprogcentrets plan"), ("2027-01-15", "Første aftenhold")],
    ),
];

/// Stores the council unless the municipality has one already.
pub async fn store_council(store: &Store, tenant: &Tenant) -> anyhow::Result<()> {
    if !store.council_members(tenant).await?.is_empty() {
        return Ok(());
    }
    for (name, association, substitute) in MEMBERS {
        let m = MemberFields {
            name: name.into(),
            nominated_by: association.into(),
            election_period: "2026-2029".into(),
            term_from: calendar::Date::parse("2026-01-01")?,
            term_to: calendar::Date::parse("2029-12-31")?,
            substitute: substitute.into(),
        };
        store.add_council_member(tenant, &m, "demo").await?;
    }
    let mut meeting_ids = Vec::new();
    for (day, place, published, items) in MEETINGS {
        let id = store.add_council_meeting(tenant, calendar::Date::parse(day)?, "16:00", place, "demo").await?;
        for (title, text, documents, minutes) in items {
            let item = store.add_council_item(tenant, id, title, text, documents).await?;
            if !minutes.is_empty() {
                store.set_council_minutes(tenant, id, item, minutes).await?;
            }
        }
        store.set_council_meeting_published(tenant, id, published, "demo").await?;
        meeting_ids.push(id);
    }
    for (meeting, title, body, department, status, reason, sent, follow_ups) in RECOMMENDATIONS {
        let r = RecommendationFields {
            meeting_id: Some(meeting_ids[meeting]),
            title: title.into(),
            body: body.into(),
            department: department.into(),
            status: status.into(),
            status_reason: reason.into(),
            sent_on: calendar::Date::parse(sent)?,
        };
        let follow = follow_ups.iter().map(|(d, n)| Ok((calendar::Date::parse(d)?, n.to_string()))).collect::<anyhow::Result<Vec<_>>>()?;
        store.add_council_recommendation(tenant, &r, &follow, "demo").await?;
    }
    // The manager gets the quarterly council report by e-mail.
    if let Some(leader) = store.user_by_login("leder").await? {
        store.execute_raw(&format!("UPDATE app_user SET email = 'leder@demo.samplan.dk' WHERE id = {} AND email IS NULL", leader.id)).await?;
        let _ = store.add_report_subscription(tenant, leader.id, "council_quarterly", "quarterly").await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_council_is_as_described() {
        assert_eq!(MEMBERS.len(), 12);
        assert!(MEETINGS.iter().all(|m| m.0.starts_with("2026-")));
        let states: std::collections::BTreeSet<&str> = RECOMMENDATIONS.iter().map(|r| r.4).collect();
        assert_eq!(states.len(), 5, "every status is shown");
        assert!(RECOMMENDATIONS.iter().any(|r| !MEETINGS[r.0].2), "one recommendation waits for its meeting to be published");
        for item in MEETINGS.iter().flat_map(|m| m.3.iter()) {
            assert!(!crate::council::has_cpr_like(item.1) && !crate::council::has_cpr_like(item.2) && !crate::council::has_cpr_like(item.3));
        }
    }
}
