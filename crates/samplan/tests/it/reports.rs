//! The report catalogue through HTTP on both databases. Every cell of every report —
//! shown or hidden — equals a plain SQL count written here, separately from the report
//! code; what the API, the CSV and the XLSX show are those counts with exactly the
//! cells the `indicators` suppression hides (no shown count of 1–4 persons, none of the
//! hidden ones recoverable: exact check); another municipality's persons never count;
//! only managers, administrators and the national secretariat read reports; the
//! scheduled report is queued once with its XLSX attached on the first working day,
//! and audited.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::persons::PersonFields;
use serde_json::Value;
use std::collections::BTreeSet;

const FROM: &str = "2026-04-01";
const TO: &str = "2026-06-30";
const BASES: [&str; 3] = ["refugee", "refugee", "family_reunified_to_refugee"];

async fn person(app: &TestApp, code: &str, i: usize) -> i64 {
    let fields = PersonFields {
        family_id: None,
        family_role: "adult".into(),
        given_name: "Test".into(),
        family_name: format!("Person{i}"),
        birth_date: "1990-03-01".into(),
        sex: if i.is_multiple_of(2) { "female" } else { "male" }.into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2025-01-01".into()),
        takeover_date: Some("2025-06-01".into()),
        residence_basis: samplan::domain::ResidenceBasis::parse(if i >= 55 { "other" } else { BASES[i % 3] }).unwrap(),
    };
    app.store.create_person(&Tenant::trusted(code), &format!("enc-{code}-{i}"), &format!("hash-{code}-{i}"), &fields).await.unwrap()
}

fn day(iso: &str) -> calendar::Date {
    calendar::Date::parse(iso).unwrap()
}

async fn sql(app: &TestApp, q: &str) {
    app.store.execute_raw(q).await.unwrap_or_else(|e| panic!("{q}: {e}"));
}

/// 60 persons in Holbæk with programme, work, education, IGU and company-offer periods,
/// deadlines met in time, late or not, households in temporary and permanent housing
/// and approved placements; and 10 in Aarhus that must never be counted.
async fn arrange(app: &TestApp) -> Vec<i64> {
    let mut ids = Vec::new();
    for code in ["0316", "0751"] {
        let n = if code == "0316" { 60 } else { 10 };
        for i in 0..n {
            let id = person(app, code, i).await;
            if code == "0316" {
                ids.push(id);
            }
            let mut spells: Vec<(i64, &str, calendar::Date, Option<calendar::Date>)> = Vec::new();
            if i < 50 {
                spells.push((id, "programme", day("2025-06-01"), None));
            }
            if i % 3 == 0 {
                spells.push((id, "work", day("2026-05-01"), None));
            }
            if i % 5 == 0 {
                spells.push((id, "education", day("2026-01-01"), Some(day(if i % 2 == 0 { "2026-03-31" } else { "2026-04-30" }))));
            }
            if i % 4 == 0 {
                spells.push((id, "company_offer", day("2026-04-10"), Some(day("2026-07-10"))));
            }
            if i % 7 == 0 {
                spells.push((id, "igu", day("2026-02-01"), None));
            }
            if i % 11 == 0 {
                spells.push((id, "company_offer", day("2026-07-01"), None)); // after the period
            }
            assert!(app.store.add_statuses(&Tenant::trusted(code), &spells).await.unwrap());
            if i < 45 {
                let due = format!("2026-0{}-15", 3 + i % 4); // March (outside) to June
                let met = match i % 3 {
                    0 => format!("'{}'", due.replace("-15", "-10")),
                    1 => format!("'{}'", due.replace("-15", "-20")),
                    _ => "NULL".into(),
                };
                sql(app, &format!("INSERT INTO person_deadline (municipality_code, person_id, rule_id, rule_version, title, law, paragraph, confirmed, department, counts_from, due, met_on, computed_at)
                     VALUES ('{code}', {id}, 'contract.deadline', 1, 'Integrationskontrakt', 'L', '§ 19', 1, 'jobcenter', '2025-06-01', '{due}', {met}, '2026-01-01T00:00:00Z')")).await;
                if i % 2 == 0 {
                    let met = if i % 4 == 0 { "'2026-04-20'" } else { "NULL" };
                    sql(app, &format!("INSERT INTO person_deadline (municipality_code, person_id, rule_id, rule_version, title, law, paragraph, confirmed, department, counts_from, due, met_on, computed_at)
                         VALUES ('{code}', {id}, 'du.referral', 1, 'Henvisning til danskuddannelse', 'L', '§ 21', 1, 'sprogcenter', '2025-06-01', '2026-05-04', {met}, '2026-01-01T00:00:00Z')")).await;
                }
            }
        }
        // Households of five: temporary housing, some moved to permanent housing in the
        // period, some placements approved in it.
        sql(app, &format!("INSERT INTO housing_area (municipality_code, code, name) VALUES ('{code}', 'A', 'Centrum')")).await;
        for k in 0..(n / 5) {
            let fid = app.store.scalar_raw("SELECT COUNT(*) FROM family").await.unwrap() + 1;
            sql(app, &format!("INSERT INTO family (id, municipality_code, name, created_at, updated_at) VALUES ({fid}, '{code}', 'Familie {k}', '2026-01-01', '2026-01-01')")).await;
            sql(
                app,
                &format!(
                    "UPDATE person SET family_id = {fid} WHERE municipality_code = '{code}' AND family_name IN ({})",
                    (5 * k..5 * k + 5).map(|i| format!("'Person{i}'")).collect::<Vec<_>>().join(",")
                ),
            )
            .await;
            let temporary = if k % 4 == 3 { "NULL".to_string() } else { format!("'2025-{:02}-01'", 3 + k) };
            let permanent = if k < 7 { format!("'2026-0{}-1{k}'", 4 + k % 3) } else { "NULL".into() };
            sql(app, &format!("INSERT INTO housing_need (family_id, municipality_code, max_rent, needs_accessible, registered_on, temporary_since, permanent_since, updated_at)
                 VALUES ({fid}, '{code}', 8000, 0, '2025-01-01', {temporary}, {permanent}, '2026-01-01')")).await;
            let tenure = if k % 2 == 0 { "permanent" } else { "temporary" };
            sql(app, &format!("INSERT INTO housing_unit (municipality_code, code, area_code, rooms, rent, accessible, tenure, lat, lon) VALUES ('{code}', 'U{k}', 'A', 3, 7000, 0, '{tenure}', 55.7, 11.7)")).await;
            let (status, day) = match k % 5 {
                4 => ("proposed", "2026-05-02"),
                3 => ("approved", "2026-03-02"),
                _ => ("approved", "2026-05-02"),
            };
            sql(app, &format!("INSERT INTO housing_placement (family_id, municipality_code, unit_code, status, decided_at, created_at) VALUES ({fid}, '{code}', 'U{k}', '{status}', '{day}T10:00:00Z', '2026-01-01')")).await;
        }
    }
    ids
}

/// Overlap of a status period with the report period, in plain SQL.
fn overlaps(alias: &str, kind: &str) -> String {
    format!("{alias}.kind = '{kind}' AND {alias}.from_day <= '{TO}' AND ({alias}.to_day IS NULL OR {alias}.to_day >= '{FROM}')")
}

fn has(kind: &str) -> String {
    format!("EXISTS (SELECT 1 FROM person_status s WHERE s.person_id = p.id AND {})", overlaps("s", kind))
}

/// The plain SQL count of one cell, written from the report's definition in words.
fn oracle_sql(source: &str, statuses: &[&str], rules: &[&str], row: &str, column: &str) -> String {
    let base = "FROM person p WHERE p.municipality_code = '0316'";
    match source {
        "programme_status" | "status_spells" => {
            let k = statuses.iter().position(|s| *s == row);
            let mut conds = vec![format!("p.residence_basis = '{column}'")];
            if source == "programme_status" {
                conds.push(has("programme"));
            } else {
                conds.push(format!("({})", statuses.iter().map(|s| has(s)).collect::<Vec<_>>().join(" OR ")));
            }
            let earlier = match k {
                Some(k) => {
                    conds.push(has(row));
                    &statuses[..k]
                }
                None => statuses,
            };
            for s in earlier {
                conds.push(format!("NOT {}", has(s)));
            }
            format!("SELECT COUNT(*) {base} AND {}", conds.join(" AND "))
        }
        "deadlines" => {
            let rule_cond = if rules.is_empty() { "1 = 1".to_string() } else { rules.iter().map(|r| format!("d.rule_id LIKE '{r}%'")).collect::<Vec<_>>().join(" OR ") };
            let outcome = match column {
                "in_time" => "d.met_on IS NOT NULL AND d.met_on <= d.due",
                "late" => "d.met_on IS NOT NULL AND d.met_on > d.due",
                _ => "d.met_on IS NULL",
            };
            format!("SELECT COUNT(*) FROM person_deadline d WHERE d.municipality_code = '0316' AND d.due BETWEEN '{FROM}' AND '{TO}' AND d.rule_id = '{row}' AND ({rule_cond}) AND {outcome}")
        }
        "housing_placements" => format!(
            "SELECT COUNT(*) FROM person p JOIN housing_placement hp ON hp.family_id = p.family_id JOIN housing_unit u ON u.code = hp.unit_code AND u.municipality_code = hp.municipality_code
             WHERE p.municipality_code = '0316' AND hp.status <> 'proposed' AND hp.decided_at >= '{FROM}' AND hp.decided_at < '2026-07-01' AND u.tenure = '{row}' AND p.residence_basis = '{column}'"
        ),
        "housing_moves" => {
            // Days in temporary housing: permanent_since − temporary_since, banded.
            let span = days("h.temporary_since", "h.permanent_since");
            let band = match column {
                "none" => format!("(h.temporary_since IS NULL OR {span} <= 0)"),
                c => {
                    let (lo, hi) = match c {
                        "0-3" => (1, 91),
                        "3-6" => (91, 182),
                        "6-12" => (182, 365),
                        _ => (365, 100_000),
                    };
                    format!("h.temporary_since IS NOT NULL AND {span} >= {lo} AND {span} < {hi}")
                }
            };
            format!(
                "SELECT COUNT(*) FROM person p JOIN housing_need h ON h.family_id = p.family_id WHERE p.municipality_code = '0316'
                 AND h.permanent_since BETWEEN '{FROM}' AND '{TO}' AND p.residence_basis = '{row}' AND {band}"
            )
        }
        other => panic!("no oracle for {other}"),
    }
}

/// `to − from` in days, in SQL both databases accept (dates as ISO text).
fn days(from: &str, to: &str) -> String {
    // Julian day numbers from the ISO text on both databases.
    format!("(CAST(({to_j}) AS INTEGER) - CAST(({from_j}) AS INTEGER))", to_j = julian(to), from_j = julian(from))
}
fn julian(col: &str) -> String {
    // Days since 2000-01-01, exact for 2000–2099 (leap years every fourth).
    let y = format!("(CAST(substr({col}, 1, 4) AS INTEGER) - 2000)");
    let m = format!("CAST(substr({col}, 6, 2) AS INTEGER)");
    let d = format!("CAST(substr({col}, 9, 2) AS INTEGER)");
    let before_month = format!(
        "(CASE {m} WHEN 1 THEN 0 WHEN 2 THEN 31 WHEN 3 THEN 59 WHEN 4 THEN 90 WHEN 5 THEN 120 WHEN 6 THEN 151 WHEN 7 THEN 181 WHEN 8 THEN 212 WHEN 9 THEN 243 WHEN 10 THEN 273 WHEN 11 THEN 304 ELSE 334 END)"
    );
    let leap_today = format!("(CASE WHEN {y} % 4 = 0 AND {m} > 2 THEN 1 ELSE 0 END)");
    format!("({y} * 365 + ({y} + 3) / 4 + {before_month} + {leap_today} + {d})")
}

/// The plain SQL count of every person (or person and rule) a table must count, however
/// its rows and columns are cut: the rows and columns must cover them all.
fn oracle_total_sql(source: &str, statuses: &[&str], rules: &[&str]) -> String {
    let base = "FROM person p WHERE p.municipality_code = '0316'";
    match source {
        "programme_status" => format!("SELECT COUNT(*) {base} AND {}", has("programme")),
        "status_spells" => format!("SELECT COUNT(*) {base} AND ({})", statuses.iter().map(|s| has(s)).collect::<Vec<_>>().join(" OR ")),
        "deadlines" => {
            let rule_cond =
                if rules.is_empty() { "1 = 1".to_string() } else { rules.iter().map(|r| format!("d.rule_id LIKE '{r}%'")).collect::<Vec<_>>().join(" OR ") };
            format!(
                "SELECT COUNT(*) FROM (SELECT DISTINCT d.person_id, d.rule_id FROM person_deadline d
                 WHERE d.municipality_code = '0316' AND d.due BETWEEN '{FROM}' AND '{TO}' AND ({rule_cond})) x"
            )
        }
        "housing_placements" => format!(
            "SELECT COUNT(*) FROM person p JOIN housing_placement hp ON hp.family_id = p.family_id
             WHERE p.municipality_code = '0316' AND hp.status IN ('approved', 'overridden') AND hp.decided_at >= '{FROM}' AND hp.decided_at < '2026-07-01'"
        ),
        "housing_moves" => format!(
            "SELECT COUNT(*) FROM person p JOIN housing_need h ON h.family_id = p.family_id WHERE p.municipality_code = '0316' AND h.permanent_since BETWEEN '{FROM}' AND '{TO}'"
        ),
        other => panic!("no oracle for {other}"),
    }
}

/// The cells of each sheet of an XLSX workbook, as text (shared strings resolved), in
/// sheet order. The exports write every cell, so rows are dense.
fn xlsx_sheets(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).map(|mut f| f.read_to_string(&mut s).unwrap()).ok().map(|_| s)
    };
    let unescape = |s: &str| s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    let between = |s: &str, open: &str, close: &str| -> Option<String> {
        let a = s.find(open)? + open.len();
        let a = a + s[a..].find('>')? + 1;
        Some(s[a..a + s[a..].find(close)?].to_string())
    };
    let shared: Vec<String> = read("xl/sharedStrings.xml")
        .map(|x| x.split("<si>").skip(1).map(|si| unescape(&between(si, "<t", "</t>").unwrap_or_default())).collect())
        .unwrap_or_default();
    let mut sheets = Vec::new();
    for n in 1.. {
        let Some(xml) = read(&format!("xl/worksheets/sheet{n}.xml")) else { break };
        let rows = xml
            .split("<row ")
            .skip(1)
            .map(|row| {
                row.split("<c ")
                    .skip(1)
                    .map(|c| {
                        let v = between(c, "<v", "</v>").unwrap_or_default();
                        if c[..c.find('>').unwrap()].contains("t=\"s\"") { shared[v.parse::<usize>().unwrap()].clone() } else { v }
                    })
                    .collect()
            })
            .collect();
        sheets.push(rows);
    }
    sheets
}

/// A table's parameters as `reports.toml` defines them, by source and title (the council
/// report includes the other reports' tables under their titles).
fn params(source: &str, title: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    match (source, title) {
        ("programme_status", _) => (vec!["work", "education", "igu", "company_offer"], vec![]),
        ("status_spells", _) => (vec!["igu", "company_offer"], vec![]),
        ("deadlines", "Henvisning og start på danskuddannelse") => (vec![], vec!["du.referral", "du.start"]),
        ("deadlines", "Frister efter regel") => (vec![], vec![]),
        ("deadlines", other) => panic!("no parameters for the deadline table «{other}»"),
        _ => (vec![], vec![]),
    }
}

async fn reports(app: TestApp) {
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let secretariat = app.user("sekretariat", Role::NationalSecretariat, None).await;
    app.user("leder-aarhus", Role::Manager, Some("0751")).await;
    arrange(&app).await;
    let (m, c, s) = (app.token(manager).await, app.token(caseworker).await, app.token(secretariat).await);

    let catalogue = app.api(Method::GET, "/api/v1/reports", &m, None).await.json();
    let ids: Vec<String> = catalogue.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["programme_status", "company_offers", "du_in_time", "deadlines", "housing", "council_quarterly"]);
    assert_eq!(app.api(Method::GET, "/api/v1/reports", &c, None).await.status, StatusCode::FORBIDDEN);

    let mut compared = 0;
    let mut hidden_total = 0;
    for id in &ids {
        let path = format!("/api/v1/reports/{id}?from={FROM}&to={TO}");
        let r = app.api(Method::GET, &path, &m, None).await;
        assert_eq!(r.status, StatusCode::OK, "{id}: {}", r.body);
        let r = r.json();
        let csv = app.api(Method::GET, &format!("{path}&format=csv"), &m, None).await;
        assert_eq!(csv.status, StatusCode::OK);
        let xlsx = app.api(Method::GET, &format!("{path}&format=xlsx"), &m, None).await;
        assert!(xlsx.bytes.starts_with(b"PK"), "{id}: xlsx");
        let sheets = xlsx_sheets(&xlsx.bytes);
        let goals = if r["goals"].as_array().unwrap().is_empty() { 0 } else { 1 };
        assert_eq!(sheets.len(), r["tables"].as_array().unwrap().len() + goals, "{id}: a sheet per table");
        let csv_lines: Vec<&str> = csv.body.lines().collect();
        for (k, t) in r["tables"].as_array().unwrap().iter().enumerate() {
            let source = t["source"].as_str().unwrap();
            let (statuses, rules) = params(source, t["title"].as_str().unwrap());
            let columns: Vec<&str> = t["column_keys"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            let labels: Vec<&str> = t["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            let rows = t["rows"].as_array().unwrap();
            // The true counts, every cell from the oracle.
            let mut cells = Vec::new();
            for row in rows {
                let key = row["key"].as_str().unwrap();
                let mut line = Vec::new();
                for col in &columns {
                    let n = app.store.scalar_raw(&oracle_sql(source, &statuses, &rules, key, col)).await.unwrap() as u64;
                    line.push(indicators::Cell { denominator: n, numerator: n, days_total: 0 });
                }
                cells.push(line);
            }
            let table = indicators::Table::new(
                rows.iter().map(|r| r["key"].as_str().unwrap().to_string()).collect(),
                columns.iter().map(|c| c.to_string()).collect(),
                cells,
            );
            let (nr, nc) = (rows.len(), columns.len());
            // The rows and columns cover every person the table must count: the sum of
            // the cells equals a count of the whole table written separately.
            let everyone = app.store.scalar_raw(&oracle_total_sql(source, &statuses, &rules)).await.unwrap() as u64;
            assert!(everyone > 0, "{id} table {k}: the data has persons for it");
            assert_eq!(table.at((nr, nc)).denominator, everyone, "{id} table {k}: a person outside every row or column");
            // Shown values equal the oracle; collect what is hidden.
            let mut hidden = BTreeSet::new();
            let mut check = |pos: (usize, usize), v: &Value| {
                if v.is_null() {
                    hidden.insert(pos);
                } else {
                    let n = v.as_u64().unwrap();
                    assert_eq!(n, table.at(pos).denominator, "{id} table {k} cell {pos:?}");
                    assert!(n == 0 || n >= 5, "{id}: a shown count of {n}");
                    compared += 1;
                }
            };
            for (i, row) in rows.iter().enumerate() {
                for (j, v) in row["cells"].as_array().unwrap().iter().enumerate() {
                    check((i, j), v);
                }
                check((i, nc), &row["total"]);
            }
            for (j, v) in t["column_totals"].as_array().unwrap().iter().enumerate() {
                check((nr, j), v);
            }
            check((nr, nc), &t["total"]);
            // Suppression: exactly the cells the indicators rule hides, and none recoverable.
            assert_eq!(hidden, indicators::suppress(&table).suppressed(), "{id} table {k}");
            assert!(indicators::exposed(&table, &hidden).is_empty(), "{id} table {k}: a hidden count can be worked out");
            hidden_total += hidden.len();
            // The XLSX sheet of the table carries the same numbers in the same order
            // (each row's cells and total, the column totals, the grand total).
            let shown = |v: &Value| if v.is_null() { "skjult".to_string() } else { v.to_string() };
            let mut want: Vec<String> = Vec::new();
            for row in rows {
                want.extend(row["cells"].as_array().unwrap().iter().map(shown));
                want.push(shown(&row["total"]));
            }
            want.extend(t["column_totals"].as_array().unwrap().iter().map(shown));
            want.push(shown(&t["total"]));
            let sheet = &sheets[k];
            assert_eq!(sheet[0].last().map(String::as_str), Some("Personer"), "{id}: sheet {k} header");
            let got: Vec<String> = sheet[1..].iter().map(|r| r[5].clone()).collect();
            assert_eq!(got, want, "{id} table {k}: the XLSX numbers");
            assert!(sheet[1..].iter().all(|r| r[0] == FROM && r[1] == TO && r[2] == "0316"), "{id}: every XLSX line names the period and municipality");
            // The CSV carries the same numbers (a hidden cell as «skjult»).
            for (i, row) in rows.iter().enumerate() {
                for (j, v) in row["cells"].as_array().unwrap().iter().enumerate() {
                    let shown = if v.is_null() { "skjult".to_string() } else { v.to_string() };
                    let label = row["label"].as_str().unwrap();
                    let want = format!(";{label};{};{shown}", labels[j]);
                    assert!(csv_lines.iter().any(|l| l.ends_with(&want)), "{id}: CSV lacks {want} (row {i})");
                }
            }
        }
    }
    assert!(compared > 150, "only {compared} values compared");
    assert!(hidden_total > 0, "the data has small cells to hide");

    // Bad input names the field; the national secretariat chooses a municipality.
    let bad = app.api(Method::GET, "/api/v1/reports/deadlines?from=2026-13-01", &m, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["field"], "from");
    assert_eq!(app.api(Method::GET, "/api/v1/reports/deadlines?format=pdf", &m, None).await.json()["errors"][0]["field"], "format");
    assert_eq!(app.api(Method::GET, "/api/v1/reports/nope", &m, None).await.status, StatusCode::NOT_FOUND);
    let national = app.api(Method::GET, &format!("/api/v1/reports/deadlines?from={FROM}&to={TO}&kommune=0316"), &s, None).await.json();
    let own = app.api(Method::GET, &format!("/api/v1/reports/deadlines?from={FROM}&to={TO}&kommune=0751"), &m, None).await.json();
    assert_eq!(national["tables"], own["tables"], "a manager always gets their own municipality");
    assert_eq!(own["municipality"], "0316");

    // The page shows the same tables with charts.
    let leader = app.login("leder").await;
    let page = app.get(&format!("/rapporter/council_quarterly?from={FROM}&to={TO}"), Some(&leader)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("role=\"img\"") && page.body.contains("Kvartalsrapport til integrationsrådet"));
    assert!(page.body.contains("value=\"01.04.2026\"") && page.body.contains("value=\"30.06.2026\""), "the period's fields the Danish way: {}", page.body);
    let typed = app.get("/rapporter/council_quarterly?from=01.04.2026&to=30.06.2026", Some(&leader)).await;
    assert_eq!(typed.status, StatusCode::OK, "the fields read the Danish way: {}", typed.body);
    assert!(typed.body.contains(&format!("from={FROM}")) && typed.body.contains(&format!("to={TO}\"")), "the export links keep ISO: {}", typed.body);
    let page = app.get("/rapporter/deadlines?from=x", Some(&leader)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"from-error\"") && page.body.contains(">Fra</a>:"), "{}", page.body);
    let index = app.get("/rapporter", Some(&leader)).await;
    assert!(index.body.contains("Rapporterne gælder <strong>Holbæk Kommune</strong>") && index.body.contains("sidste hele kvartal"), "{}", index.body);

    // Reads are audited as aggregates.
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("report".into()), ..Default::default() }, 100).await.unwrap();
    assert!(log.len() >= ids.len());
}
on_both_apps!(reports);

async fn scheduled(app: TestApp) {
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    app.user("leder-aarhus", Role::Manager, Some("0751")).await;
    arrange(&app).await;
    sql(&app, &format!("UPDATE app_user SET email = 'leder@holbaek.dk' WHERE id = {manager}")).await;
    let leader = app.login("leder").await;
    let refused = app.post_form("/rapporter/abonnementer", &leader, &[("report_id", "council_quarterly"), ("frequency", "weekly")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The form is re-shown with the choice and a Danish message at the field, not its code name.
    assert!(refused.body.contains("id=\"frequency-error\"") && refused.body.contains(">Hyppighed</a>:"), "{}", refused.body);
    assert!(refused.body.contains("<option value=\"council_quarterly\" selected>"), "the chosen report is kept");
    assert_eq!(
        app.post_form("/rapporter/abonnementer", &leader, &[("report_id", "council_quarterly"), ("frequency", "quarterly")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.post_form("/rapporter/abonnementer", &leader, &[("report_id", "deadlines"), ("frequency", "monthly")]).await.status, StatusCode::SEE_OTHER);
    let d = |s: &str| calendar::Date::parse(s).unwrap();
    use samplan::reports::schedule::run_due;
    // 30 June: May's monthly report (due Monday 1 June); no quarterly report in June.
    assert_eq!(run_due(&app.store, d("2026-06-30")).await.unwrap().queued, 1);
    assert_eq!(run_due(&app.store, d("2026-06-30")).await.unwrap().queued, 0, "made once");
    // 1 July, a Wednesday: June's monthly and the second quarter's council report.
    assert_eq!(run_due(&app.store, d("2026-07-01")).await.unwrap().queued, 2);
    assert_eq!(run_due(&app.store, d("2026-07-02")).await.unwrap().queued, 0);
    // 1 January 2027 is a helligdag: nothing until Monday 4 January.
    assert_eq!(run_due(&app.store, d("2027-01-01")).await.unwrap().queued, 0);
    assert_eq!(run_due(&app.store, d("2027-01-04")).await.unwrap().queued, 2);
    let mails = app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!(mails.len(), 5);
    assert!(mails.iter().all(|m| m.to_address == "leder@holbaek.dk"));
    let quarterly = mails.iter().find(|m| m.subject.starts_with("Kvartalsrapport til integrationsrådet 2026-04-01")).expect("the Q2 council report");
    let attachments = app.store.mail_attachments(quarterly.id).await.unwrap();
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].0, "council_quarterly-0316-2026-04-01-2026-06-30.xlsx");
    assert!(attachments[0].2.starts_with(b"PK"));
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("report_delivery".into()), ..Default::default() }, 100).await.unwrap();
    assert_eq!(log.len(), 5);
    // Unsubscribing stops it.
    let subs = app.store.report_subscriptions(&Tenant::trusted("0316"), manager).await.unwrap();
    for sub in subs {
        assert_eq!(app.post_form(&format!("/rapporter/abonnementer/{}/slet", sub.id), &leader, &[]).await.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(run_due(&app.store, d("2027-02-01")).await.unwrap().queued, 0);
}
on_both_apps!(scheduled);

/// The demo records programme periods from its persons' `programme_start` events (in
/// bulk), so its «in the programme» report shows persons, not zeros; each period starts
/// on that event, ends after it when it ends, and belongs to a residence basis with a
/// programme. Its housing report counts the households that moved into permanent homes.
async fn the_demo_records_programme_periods(app: TestApp) {
    let code = samplan::domain::MunicipalityCode::parse("0316").unwrap();
    samplan::demo::ensure_users(&app.store, &code).await.unwrap();
    let today = chrono::Local::now().date_naive();
    let families = samplan::demo::generate(&code, 1, today, Some(400));
    samplan::demo::store_families(&app.store, &app.vault, &code, &families, |_| {}).await.unwrap();
    samplan::demo::goals::store_partnership(&app.store, &app.vault, &code, today).await.unwrap();
    let programme = "FROM person_status s JOIN person p ON p.id = s.person_id WHERE s.municipality_code = '0316' AND s.kind = 'programme'";
    let spells = app.store.scalar_raw(&format!("SELECT COUNT(*) {programme}")).await.unwrap();
    assert!(spells > 50, "the demo records programme periods ({spells})");
    let not_on_start = app
        .store
        .scalar_raw(&format!(
            "SELECT COUNT(*) {programme} AND NOT EXISTS (SELECT 1 FROM person_event e WHERE e.person_id = p.id AND e.kind = 'programme_start' AND e.day = s.from_day)"
        ))
        .await
        .unwrap();
    assert_eq!(not_on_start, 0, "every period starts on the person's programme_start");
    assert_eq!(app.store.scalar_raw(&format!("SELECT COUNT(*) {programme} AND s.to_day IS NOT NULL AND s.to_day < s.from_day")).await.unwrap(), 0);
    assert_eq!(
        app.store
            .scalar_raw(&format!(
                "SELECT COUNT(*) {programme} AND p.residence_basis NOT IN ('refugee', 'family_reunified_to_refugee', 'other_family_reunified')"
            ))
            .await
            .unwrap(),
        0
    );
    let ended = app.store.scalar_raw(&format!("SELECT COUNT(*) {programme} AND s.to_day IS NOT NULL")).await.unwrap();
    assert!(ended > 0 && ended < spells, "some periods have ended, some last ({ended} of {spells})");

    // The report of the last year counts them, with work and other statuses beside.
    let manager = app.user("leder-rapport", Role::Manager, Some("0316")).await;
    let m = app.token(manager).await;
    let from = (today - chrono::Duration::days(365)).to_string();
    let r = app.api(Method::GET, &format!("/api/v1/reports/programme_status?from={from}&to={today}"), &m, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let table = &r.json()["tables"][0];
    let total = table["total"].as_u64().expect("the total is shown");
    assert!(total > 30, "persons in the programme in the last year: {total}");
    let besides: Vec<&Value> = table["rows"].as_array().unwrap().iter().filter(|row| row["key"] != "none").map(|row| &row["total"]).collect();
    assert!(besides.iter().any(|t| t.is_null() || t.as_u64() > Some(0)), "some in the programme work, study or are in IGU or an offer: {table}");

    // The demo's households that moved from temporary into permanent housing fill the
    // housing report's tables.
    samplan::demo::housing::store_housing(&app.store, &code, today).await.unwrap();
    let r = app.api(Method::GET, &format!("/api/v1/reports/housing?from={from}&to={today}"), &m, None).await.json();
    for t in r["tables"].as_array().unwrap() {
        assert!(t["total"].as_u64().is_some_and(|n| n >= 5), "{}: {}", t["title"], t["total"]);
    }
    let moves = &r["tables"][1];
    let bands = moves["column_totals"].as_array().unwrap();
    assert!(bands[0].as_u64() == Some(0), "every moved household lived in temporary housing first: {moves}");
}
on_both_apps!(the_demo_records_programme_periods);

/// The OpenAPI document lists every council and report path with its methods, the
/// report's period, municipality and format parameters, and the three formats it answers.
#[tokio::test]
async fn the_openapi_document_lists_the_council_and_report_paths() {
    let app = TestApp::sqlite().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    for (path, methods) in [
        ("/api/v1/council/members", &["get", "post"][..]),
        ("/api/v1/council/members/{id}", &["put"]),
        ("/api/v1/council/meetings", &["get", "post"]),
        ("/api/v1/council/meetings/{id}/items/{item}/minutes", &["put"]),
        ("/api/v1/council/recommendations", &["get", "post"]),
        ("/api/v1/council/recommendations/{id}/status", &["put"]),
        ("/api/v1/council/recommendations/{id}/follow-ups", &["post"]),
        ("/api/v1/reports", &["get"]),
        ("/api/v1/reports/{id}", &["get"]),
    ] {
        for m in methods {
            assert!(doc["paths"][path][m].is_object(), "{m} {path} missing");
        }
    }
    let show = &doc["paths"]["/api/v1/reports/{id}"]["get"];
    let params: BTreeSet<&str> = show["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(params, BTreeSet::from(["id", "from", "to", "kommune", "format"]));
    let content = show["responses"]["200"]["content"].as_object().unwrap();
    let types: BTreeSet<&str> = content.keys().map(String::as_str).collect();
    assert_eq!(types, BTreeSet::from(["application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]));
    for status in ["401", "403", "404", "422"] {
        assert!(show["responses"][status].is_object(), "reports/{{id}} documents {status}");
    }
    let add = &doc["paths"]["/api/v1/council/members"]["post"]["responses"];
    assert!(add["201"].is_object() && add["422"].is_object(), "adding a member documents 201 and 422");
}
