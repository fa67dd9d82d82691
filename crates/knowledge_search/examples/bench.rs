//! Knowledge search benchmark: generates N method descriptions in Danish (default 10 000,
//! deterministic), indexes them in memory, then runs the same queries two ways on the
//! same index in one run — samplan's `KnowledgeIndex::search` (Danish analysis, facet
//! counts over four dimensions, top 20 with highlighted title and snippet) and a raw
//! tantivy query (the same parsed text query, top 20 ids only) — and prints the latency
//! percentiles of each and their ratio.
//!
//! usage: cargo run --release -p knowledge_search --example bench -- [--docs 10000] [--queries 2000] [--seed 1]
use knowledge_search::{Dimension, KnowledgeIndex, MethodDocument, SearchQuery};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A small deterministic generator (64-bit LCG), so every run sees the same corpus.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next(words.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "sprogkursus",
    "sprogkurser",
    "virksomhedspraktik",
    "mentorforløb",
    "netværksgruppe",
    "forældrecafé",
    "lektiehjælp",
    "danskuddannelse",
    "jobsøgning",
    "løntilskud",
    "IGU-forløb",
    "helbredsvurdering",
    "boligvejledning",
    "fritidspas",
    "sundhedspleje",
    "brobygning",
    "praktikplads",
    "sprogmakker",
    "kvindegruppe",
    "ungeindsats",
    "familiekursus",
];
const GROUPS: &[&str] = &["kvinder", "kvinde", "unge", "forældre", "børn", "nyankomne", "familier", "flygtninge", "mænd", "seniorer"];
const PLACES: &[&str] = &["virksomheden", "sprogcentret", "biblioteket", "skolen", "dagtilbuddet", "boligområdet", "foreningen", "jobcentret"];
const VERBS: &[&str] = &["lærer", "mødes", "arbejder", "taler", "øver", "deltager", "samarbejder", "planlægger", "træner", "besøger"];
const OBJECTS: &[&str] = &[
    "dansk",
    "fagsprog",
    "arbejdspladsens kultur",
    "lektier",
    "madlavning",
    "cykling",
    "kørekortsteori",
    "økonomi",
    "skolens hverdag",
    "sundhed",
    "søvn og trivsel",
    "jobansøgninger",
    "CV",
    "idræt",
    "foreningslivet",
];
const MUNICIPALITIES: &[&str] = &["Holbæk", "Vejle", "Aarhus", "Odense", "Herning", "Aalborg", "København", "Køge", "Slagelse", "Esbjerg"];
const THEMES: &[&str] =
    &["rammer_for_nyankomne", "unge_job_og_uddannelse", "helhedsorienteret_beskaeftigelse", "boern_og_foraeldre", "danskkundskaber", "lokale_partnerskaber"];
const AREAS: &[&str] = &["sprog", "uddannelse", "beskaeftigelse", "helbred", "boern_og_skole", "bolig", "oekonomi", "faellesskab_og_fritid"];
const TARGETS: &[&str] = &["nyankomne", "unge", "kvinder", "boern_og_foraeldre", "laengere_i_landet", "alle"];
const EVIDENCE: &[&str] = &["dokumenteret_effekt", "lovende", "lokal_erfaring"];
const QUERIES: &[&str] = &[
    "sprogkurser",
    "kvinder",
    "kvinder job",
    "forældre skolen",
    "mentor unge",
    "virksomhedspraktik løntilskud",
    "danskuddannelse",
    "netværksgrupper kvinder",
    "lektiehjælp frivillige",
    "sundhedsplejersken",
    "boligvejledning nyankomne",
    "IGU",
    "cykling",
    "fritidspas børn",
    "sprogmakkere virksomheden",
    "økonomi",
    "brobygning uddannelse",
    "jobsøgning CV",
    "trivsel søvn",
    "foreningslivet idræt",
];

fn sentence(r: &mut Lcg) -> String {
    format!("{} {} {} {} på {} med fokus på {}.", capitalise(r.pick(GROUPS)), r.pick(VERBS), r.pick(OBJECTS), "hver uge", r.pick(PLACES), r.pick(OBJECTS))
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn document(id: u64, r: &mut Lcg) -> MethodDocument {
    let title = format!("{} for {} på {}", capitalise(r.pick(SUBJECTS)), r.pick(GROUPS), r.pick(PLACES));
    let summary = (0..4 + r.next(5)).map(|_| sentence(r)).collect::<Vec<_>>().join(" ");
    let results = format!(
        "{} deltog i {}; {} % kom i job eller uddannelse inden for {} måneder. {}",
        20 + r.next(300),
        2019 + r.next(7),
        10 + r.next(60),
        6 + r.next(19),
        sentence(r)
    );
    MethodDocument {
        id,
        version: 1,
        title,
        summary,
        results,
        municipality: format!("{} Kommune", r.pick(MUNICIPALITIES)),
        facets: BTreeMap::from([
            (Dimension::Theme, r.pick(THEMES).to_string()),
            (Dimension::LifeArea, r.pick(AREAS).to_string()),
            (Dimension::TargetGroup, r.pick(TARGETS).to_string()),
            (Dimension::Evidence, r.pick(EVIDENCE).to_string()),
        ]),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut docs = 10_000usize;
    let mut queries = 2_000usize;
    let mut seed = 1u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match (args[i].as_str(), value) {
            ("--docs", Some(v)) => docs = v as usize,
            ("--queries", Some(v)) => queries = v as usize,
            ("--seed", Some(v)) => seed = v,
            (other, _) => {
                eprintln!("bench: unknown or incomplete argument «{other}»; use --docs N --queries N --seed N");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let mut r = Lcg(seed);
    let corpus: Vec<MethodDocument> = (1..=docs as u64).map(|id| document(id, &mut r)).collect();
    let index = KnowledgeIndex::new().expect("index");
    let started = Instant::now();
    index.replace_all(&corpus).expect("indexing");
    let build = started.elapsed();
    println!("corpus: {docs} documents (seed {seed}), indexed in {:.0} ms; {queries} queries", ms(build));

    // The same query list for both; every fourth query also filters on a facet.
    let plan: Vec<SearchQuery> = (0..queries)
        .map(|n| {
            let mut filters = BTreeMap::new();
            if n % 4 == 3 {
                filters.insert(Dimension::Theme, THEMES[n % THEMES.len()].to_string());
            }
            SearchQuery { text: QUERIES[n % QUERIES.len()].to_string(), filters, limit: 20, offset: 0 }
        })
        .collect();
    // Warm up both paths once over the query list.
    for q in plan.iter().take(QUERIES.len()) {
        index.search(q).expect("search");
        index.raw_top_ids(&q.text, 20).expect("raw");
    }
    // Interleave the two so that both see the same machine load.
    let mut ours = Vec::with_capacity(queries);
    let mut raw = Vec::with_capacity(queries);
    let mut matched = 0usize;
    for q in &plan {
        let t = Instant::now();
        let result = index.search(q).expect("search");
        ours.push(t.elapsed());
        matched += result.total;
        let t = Instant::now();
        let ids = index.raw_top_ids(&q.text, 20).expect("raw");
        raw.push(t.elapsed());
        assert!(!ids.is_empty() || result.total == 0, "both paths see the same index");
    }
    ours.sort();
    raw.sort();
    println!("mean matches per query: {:.0}", matched as f64 / queries as f64);
    println!("{:<44} {:>9} {:>9} {:>9} {:>9}", "", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (name, d) in [("samplan search (facets, snippets, top 20)", &ours), ("raw tantivy query (top 20 ids)", &raw)] {
        println!(
            "{name:<44} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            ms(percentile(d, 50.0)),
            ms(percentile(d, 95.0)),
            ms(percentile(d, 99.0)),
            ms(*d.last().unwrap())
        );
    }
    let ratio = |p: f64| ms(percentile(&ours, p)) / ms(percentile(&raw, p)).max(1e-9);
    println!("ratio samplan / raw: p50 {:.2}, p95 {:.2}, p99 {:.2}", ratio(50.0), ratio(95.0), ratio(99.0));
    let p99 = ms(percentile(&ours, 99.0));
    println!("goal p99 < 20 ms: {} ({p99:.3} ms)", if p99 < 20.0 { "met" } else { "NOT met" });
}
