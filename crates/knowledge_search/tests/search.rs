//! Danish stemming, facets, ranking and snippets of the knowledge index.
use knowledge_search::{Dimension, KnowledgeIndex, MethodDocument, SearchQuery, analyze};
use std::collections::BTreeMap;

fn doc(id: u64, title: &str, summary: &str, theme: &str, area: &str, group: &str, evidence: &str) -> MethodDocument {
    MethodDocument {
        id,
        version: 1,
        title: title.into(),
        summary: summary.into(),
        results: String::new(),
        municipality: "Vejle".into(),
        facets: BTreeMap::from([
            (Dimension::Theme, theme.to_string()),
            (Dimension::LifeArea, area.to_string()),
            (Dimension::TargetGroup, group.to_string()),
            (Dimension::Evidence, evidence.to_string()),
        ]),
    }
}

fn corpus() -> KnowledgeIndex {
    let index = KnowledgeIndex::new().unwrap();
    index
        .upsert(&[
            doc(
                1,
                "Erhvervsrettet sprogkursus på virksomheden",
                "Danskundervisning lagt ind i arbejdstiden hos lokale virksomheder.",
                "danskkundskaber",
                "sprog",
                "nyankomne",
                "lovende",
            ),
            doc(
                2,
                "Netværksgruppe for kvinde uden job",
                "En kvinde mødes med andre kvinder og en mentor hver uge.",
                "beskaeftigelse",
                "beskaeftigelse",
                "kvinder",
                "lokal_erfaring",
            ),
            doc(
                3,
                "Forældrecafé i dagtilbuddet",
                "Forældre og pædagoger taler om barnets sprog og trivsel.",
                "boern_og_foraeldre",
                "boern_og_skole",
                "boern_og_foraeldre",
                "dokumenteret_effekt",
            ),
            doc(
                4,
                "Lektiehjælp med frivillige",
                "Frivillige fra foreningslivet giver lektiehjælp og sprogstøtte.",
                "partnerskaber",
                "boern_og_skole",
                "boern_og_foraeldre",
                "lokal_erfaring",
            ),
        ])
        .unwrap();
    index
}

fn ids(index: &KnowledgeIndex, q: SearchQuery) -> Vec<u64> {
    index.search(&SearchQuery { limit: if q.limit == 0 { 10 } else { q.limit }, ..q }).unwrap().hits.iter().map(|h| h.id).collect()
}

fn text(t: &str) -> SearchQuery {
    SearchQuery { text: t.into(), ..Default::default() }
}

#[test]
fn plural_sprogkurser_finds_singular_sprogkursus() {
    assert_eq!(analyze("sprogkurser"), analyze("sprogkursus"));
    assert_eq!(ids(&corpus(), text("sprogkurser")), vec![1]);
}

#[test]
fn plural_kvinder_finds_singular_kvinde() {
    assert_eq!(analyze("kvinder"), analyze("kvinde"));
    let index = KnowledgeIndex::new().unwrap();
    index.upsert(&[doc(7, "Mentor til hver kvinde", "Forløb på tolv uger.", "t", "a", "g", "e")]).unwrap();
    assert_eq!(ids(&index, text("kvinder")), vec![7]);
}

#[test]
fn unrelated_words_do_not_match() {
    assert!(ids(&corpus(), text("boligsocial")).is_empty());
    assert_ne!(analyze("kvinde"), analyze("kursus"));
}

#[test]
fn title_matches_rank_above_summary_matches() {
    let index = corpus();
    // Doc 4 has "lektiehjælp" in its title and summary; docs 1 and 3 only "sprog" words.
    let hits = ids(&index, text("lektiehjælp sprog"));
    assert_eq!(hits.first(), Some(&4));
}

#[test]
fn facets_count_the_matches_by_dimension() {
    let index = corpus();
    let all = index.search(&SearchQuery { limit: 10, ..Default::default() }).unwrap();
    assert_eq!(all.total, 4);
    let areas = &all.facets[&Dimension::LifeArea];
    assert_eq!(areas.first(), Some(&("boern_og_skole".to_string(), 2)));
    assert_eq!(areas.iter().map(|(_, n)| n).sum::<u64>(), 4);
    let evidence = &all.facets[&Dimension::Evidence];
    assert!(evidence.contains(&("lokal_erfaring".to_string(), 2)));

    let filtered =
        index.search(&SearchQuery { limit: 10, filters: BTreeMap::from([(Dimension::LifeArea, "boern_og_skole".to_string())]), ..Default::default() }).unwrap();
    assert_eq!(filtered.total, 2);
    assert_eq!(filtered.facets[&Dimension::Theme].len(), 2);
    let both = ids(
        &index,
        SearchQuery { text: "frivillige".into(), filters: BTreeMap::from([(Dimension::Theme, "partnerskaber".to_string())]), ..Default::default() },
    );
    assert_eq!(both, vec![4]);
    let none = ids(
        &index,
        SearchQuery { text: "frivillige".into(), filters: BTreeMap::from([(Dimension::Theme, "danskkundskaber".to_string())]), ..Default::default() },
    );
    assert!(none.is_empty());
}

#[test]
fn a_dimensions_counts_leave_out_its_own_filter_but_keep_the_others() {
    let index = corpus();
    let query = SearchQuery {
        limit: 10,
        filters: BTreeMap::from([(Dimension::LifeArea, "boern_og_skole".to_string()), (Dimension::Evidence, "lokal_erfaring".to_string())]),
        ..Default::default()
    };
    let result = index.search(&query).unwrap();
    assert_eq!(result.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![4]);
    let counts = |d: Dimension| result.facets[&d].iter().cloned().collect::<BTreeMap<_, _>>();
    // Life area under the evidence filter only (docs 2 and 4): counting under both filters
    // would show just boern_og_skole 1 and hide that beskaeftigelse has a hit.
    assert_eq!(counts(Dimension::LifeArea), BTreeMap::from([("beskaeftigelse".to_string(), 1), ("boern_og_skole".to_string(), 1)]));
    // Evidence under the life-area filter only (docs 3 and 4).
    assert_eq!(counts(Dimension::Evidence), BTreeMap::from([("dokumenteret_effekt".to_string(), 1), ("lokal_erfaring".to_string(), 1)]));
    // A dimension without a filter counts the hits themselves.
    assert_eq!(counts(Dimension::Theme), BTreeMap::from([("partnerskaber".to_string(), 1)]));

    // The text applies to every dimension's counts: "frivillige" is only in doc 4.
    let with_text = index.search(&SearchQuery { text: "frivillige".into(), ..query }).unwrap();
    assert_eq!(with_text.facets[&Dimension::LifeArea], vec![("boern_og_skole".to_string(), 1)]);
    assert_eq!(with_text.facets[&Dimension::Evidence], vec![("lokal_erfaring".to_string(), 1)]);
}

#[test]
fn snippets_mark_the_matched_words_and_escape_html() {
    let index = KnowledgeIndex::new().unwrap();
    index.upsert(&[doc(9, "Kvinder <b>i</b> job", "Hver kvinde får en mentor & et netværk <script>alert(1)</script>.", "t", "a", "g", "e")]).unwrap();
    let result = index.search(&SearchQuery { text: "kvinder".into(), limit: 5, ..Default::default() }).unwrap();
    let hit = &result.hits[0];
    assert_eq!(hit.facets.get(&Dimension::Theme).map(String::as_str), Some("t"));
    assert_eq!(hit.facets.get(&Dimension::Evidence).map(String::as_str), Some("e"));
    assert_eq!(hit.municipality, "Vejle");
    assert!(hit.snippet.has_marks());
    let html = hit.snippet.to_html();
    assert!(html.contains("<mark>kvinde</mark>"), "{html}");
    assert!(html.contains("&amp;") && html.contains("&lt;script&gt;") && !html.contains("<script>"), "{html}");
    let title = hit.title.to_html();
    assert!(title.starts_with("<mark>Kvinder</mark>") && title.contains("&lt;b&gt;"), "{title}");
}

#[test]
fn replacing_a_document_keeps_one_copy() {
    let index = corpus();
    let mut changed = doc(2, "Netværk for mødre", "Mødre mødes.", "beskaeftigelse", "beskaeftigelse", "kvinder", "lovende");
    changed.version = 2;
    index.upsert(&[changed]).unwrap();
    assert_eq!(index.len(), 4);
    assert!(ids(&index, text("netværksgruppe")).is_empty());
    let hits = index.search(&SearchQuery { text: "mødre".into(), limit: 5, ..Default::default() }).unwrap();
    assert_eq!((hits.hits[0].id, hits.hits[0].version), (2, 2));
    index.replace_all(&[]).unwrap();
    assert!(index.is_empty());
}

#[test]
fn query_syntax_errors_are_forgiven() {
    let index = corpus();
    for q in ["kvinder AND (", "\"sprogkursus", "title:", ":::", "-"] {
        index.search(&SearchQuery { text: q.into(), limit: 5, ..Default::default() }).unwrap();
    }
    assert_eq!(ids(&index, text("kvinder AND (")), vec![2]);
}

#[test]
fn paging_skips_hits() {
    let index = corpus();
    let first = ids(&index, SearchQuery { limit: 2, ..Default::default() });
    let second = ids(&index, SearchQuery { limit: 2, offset: 2, ..Default::default() });
    assert_eq!(first.len() + second.len(), 4);
    assert!(first.iter().all(|id| !second.contains(id)));
}

#[test]
fn inflections_share_one_stem() {
    assert_eq!(analyze("forældre Forældrene"), vec!["forældr", "forældr"]);
    assert_eq!(analyze("kursus kurser kurserne"), vec!["kurs", "kurs", "kurs"]);
    // The loan-word rule touches only the ending it names.
    assert_eq!(analyze("kursister"), vec!["kursist"]);
}
