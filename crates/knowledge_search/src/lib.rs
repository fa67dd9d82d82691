//! Full-text search of the knowledge base "hvad virker" in Danish: an in-memory tantivy
//! index of the published methods, with Danish stemming (so "sprogkurser" finds
//! "sprogkursus" and "kvinder" finds "kvinde"), facet counts by life area, target group,
//! theme and evidence level, and ranked hits with highlighted snippets.
//!
//! The crate knows nothing of databases or HTTP: the application hands it documents and
//! queries. Codes (life area, theme, …) are opaque strings here; their Danish labels
//! belong to the application.
mod analyzer;
mod snippet;

pub use analyzer::{ANALYZER, analyze, danish_analyzer};
pub use snippet::Highlighted;

use std::collections::BTreeMap;
use std::sync::Mutex;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// The facet dimensions, in the order pages show them.
pub const DIMENSIONS: [Dimension; 4] = [Dimension::Theme, Dimension::LifeArea, Dimension::TargetGroup, Dimension::Evidence];

/// A facet dimension of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// One of the six themes.
    Theme,
    /// The life area (livsområde).
    LifeArea,
    /// The target group.
    TargetGroup,
    /// The evidence level.
    Evidence,
}

impl Dimension {
    /// The dimension's name in facet paths and query parameters.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Theme => "theme",
            Dimension::LifeArea => "life_area",
            Dimension::TargetGroup => "target_group",
            Dimension::Evidence => "evidence_level",
        }
    }
}

/// One published method, as indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodDocument {
    /// The method's id (one document per method: its published version).
    pub id: u64,
    /// The published version's number.
    pub version: u64,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Results with figures.
    pub results: String,
    /// The submitting municipality's name (searchable, e.g. "Vejle").
    pub municipality: String,
    /// Code of each dimension's value.
    pub facets: BTreeMap<Dimension, String>,
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Free text; empty lists every method.
    pub text: String,
    /// Only methods with these values (all must hold).
    pub filters: BTreeMap<Dimension, String>,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip (paging).
    pub offset: usize,
}

/// One hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The method's id.
    pub id: u64,
    /// The indexed version.
    pub version: u64,
    /// Relevance (BM25); higher is better.
    pub score: f32,
    /// The title with the matched words marked.
    pub title: Highlighted,
    /// The best passage of the summary or the results, matched words marked.
    pub snippet: Highlighted,
    /// The submitting municipality, as indexed.
    pub municipality: String,
    /// The method's value in each dimension.
    pub facets: BTreeMap<Dimension, String>,
}

/// A search's answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// How many methods match in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// For each dimension, each value with its count, most first: the matches under the
    /// text and every other dimension's filter, this dimension's own filter left out.
    pub facets: BTreeMap<Dimension, Vec<(String, u64)>>,
}

/// Searching failed (only tantivy's own errors; bad user text never fails).
#[derive(Debug)]
pub struct SearchError(pub tantivy::TantivyError);

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "søgeindekset fejlede: {}", self.0)
    }
}

impl std::error::Error for SearchError {}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError(e)
    }
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    version: Field,
    title: Field,
    summary: Field,
    results: Field,
    municipality: Field,
    facets: Field,
}

/// The index of published methods, in memory. Safe to share between threads.
pub struct KnowledgeIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

impl std::fmt::Debug for KnowledgeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeIndex").field("documents", &self.len()).finish()
    }
}

/// Snippets are at most this many characters.
const SNIPPET_CHARS: usize = 220;

/// The writer's memory budget (tantivy's minimum is 15 MB).
const WRITER_BYTES: usize = 20_000_000;

impl KnowledgeIndex {
    /// An empty index.
    pub fn new() -> Result<Self, SearchError> {
        let mut builder = Schema::builder();
        let text = TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqsAndPositions))
            .set_stored();
        let fields = Fields {
            id: builder.add_u64_field("id", INDEXED | STORED),
            version: builder.add_u64_field("version", STORED),
            title: builder.add_text_field("title", text.clone()),
            summary: builder.add_text_field("summary", text.clone()),
            results: builder.add_text_field("results", text.clone()),
            municipality: builder.add_text_field("municipality", text),
            facets: builder.add_facet_field("facets", FacetOptions::default().set_stored()),
        };
        let index = Index::create_in_ram(builder.build());
        index.tokenizers().register(ANALYZER, danish_analyzer());
        let writer = index.writer_with_num_threads(1, WRITER_BYTES)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(KnowledgeIndex { index, reader, writer: Mutex::new(writer), fields })
    }

    /// How many methods are indexed.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds the documents, replacing any indexed document with the same id, and makes
    /// them searchable at once.
    pub fn upsert(&self, documents: &[MethodDocument]) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for d in documents {
            writer.delete_term(Term::from_field_u64(self.fields.id, d.id));
            writer.add_document(self.to_tantivy(d))?;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Removes everything and indexes `documents` (a rebuild from the database).
    pub fn replace_all(&self, documents: &[MethodDocument]) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        writer.delete_all_documents()?;
        for d in documents {
            writer.add_document(self.to_tantivy(d))?;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn to_tantivy(&self, d: &MethodDocument) -> TantivyDocument {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, d.id);
        doc.add_u64(f.version, d.version);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.summary, &d.summary);
        doc.add_text(f.results, &d.results);
        doc.add_text(f.municipality, &d.municipality);
        for (dimension, code) in &d.facets {
            doc.add_facet(f.facets, facet(*dimension, code));
        }
        doc
    }

    /// The text query alone, as tantivy runs it: the user's words over title (boosted),
    /// summary, results and municipality, any of them matching, ranked by BM25. Syntax
    /// errors in the text are forgiven (the words that parse are used). `None` for no words.
    pub fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        if text.trim().is_empty() {
            return None;
        }
        let f = self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.summary, f.results, f.municipality]);
        parser.set_field_boost(f.title, 2.0);
        Some(parser.parse_query_lenient(text).0)
    }

    /// Runs a search.
    ///
    /// Facet counts follow standard faceted search: a dimension's counts apply the text and
    /// every OTHER active filter but not the dimension's own, so each value's count is the
    /// number of hits choosing that value instead would give.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let text = self.text_query(&query.text);
        let full = self.combined(text.as_deref(), &query.filters, None);

        // Dimensions without a filter of their own are counted on the hits themselves.
        let mut facet_collector = FacetCollector::for_field("facets");
        for d in DIMENSIONS.into_iter().filter(|d| !query.filters.contains_key(d)) {
            facet_collector.add_facet(Facet::from_path([d.key()]));
        }
        let limit = query.limit.max(1);
        let top = TopDocs::with_limit(limit).and_offset(query.offset).order_by_score();
        let (hits, total, facet_counts) = searcher.search(&full, &(top, Count, facet_collector))?;

        let mut facets = BTreeMap::new();
        for d in DIMENSIONS {
            let counts = if query.filters.contains_key(&d) {
                let mut own = FacetCollector::for_field("facets");
                own.add_facet(Facet::from_path([d.key()]));
                let without_own = self.combined(text.as_deref(), &query.filters, Some(d));
                facet_values(&searcher.search(&without_own, &own)?, d)
            } else {
                facet_values(&facet_counts, d)
            };
            facets.insert(d, counts);
        }

        let generators = match &text {
            Some(t) => Some((
                snippet_generator(&searcher, t.as_ref(), f.title)?,
                snippet_generator(&searcher, t.as_ref(), f.summary)?,
                snippet_generator(&searcher, t.as_ref(), f.results)?,
            )),
            None => None,
        };
        let mut out = Vec::with_capacity(hits.len());
        for (score, address) in hits {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let number = |field: Field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or_default();
            let (title, summary, results) = (get(f.title), get(f.summary), get(f.results));
            let (title, snippet) = match &generators {
                Some((gt, gs, gr)) => {
                    let title = Highlighted::whole(&title, &gt.snippet(&title));
                    let from_summary = gs.snippet(&summary);
                    let snippet = if from_summary.is_empty() {
                        let from_results = gr.snippet(&results);
                        if from_results.is_empty() { Highlighted::plain_start(&summary, SNIPPET_CHARS) } else { Highlighted::from_snippet(&from_results) }
                    } else {
                        Highlighted::from_snippet(&from_summary)
                    };
                    (title, snippet)
                }
                None => (Highlighted::plain(&title), Highlighted::plain_start(&summary, SNIPPET_CHARS)),
            };
            let facets = doc
                .get_all(f.facets)
                .filter_map(|v| v.as_facet().and_then(|s| Facet::from_encoded(s.as_bytes().to_vec()).ok()))
                .filter_map(|facet| {
                    let path = facet.to_path();
                    let dimension = DIMENSIONS.into_iter().find(|d| path.first() == Some(&d.key()))?;
                    Some((dimension, (*path.get(1)?).to_string()))
                })
                .collect();
            out.push(Hit { id: number(f.id), version: number(f.version), score, title, snippet, municipality: get(f.municipality), facets });
        }
        Ok(SearchResults { total, hits: out, facets })
    }

    /// The text query AND every filter except `except`'s; everything when there is neither.
    fn combined(&self, text: Option<&dyn Query>, filters: &BTreeMap<Dimension, String>, except: Option<Dimension>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(t) = text {
            clauses.push((Occur::Must, t.box_clone()));
        }
        for (dimension, code) in filters.iter().filter(|(d, _)| Some(**d) != except) {
            let term = Term::from_facet(self.fields.facets, &facet(*dimension, code));
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) }
    }

    /// The searcher and text query that `search` would use, so a benchmark can time a raw
    /// tantivy query (top hits only) on the very same index.
    pub fn raw_top_ids(&self, text: &str, limit: usize) -> Result<Vec<u64>, SearchError> {
        let searcher = self.reader.searcher();
        let query: Box<dyn Query> = self.text_query(text).unwrap_or_else(|| Box::new(AllQuery));
        let hits = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut ids = Vec::with_capacity(hits.len());
        for (_, address) in hits {
            let doc: TantivyDocument = searcher.doc(address)?;
            ids.push(doc.get_first(self.fields.id).and_then(|v| v.as_u64()).unwrap_or_default());
        }
        Ok(ids)
    }
}

fn snippet_generator(searcher: &tantivy::Searcher, query: &dyn Query, field: Field) -> Result<SnippetGenerator, SearchError> {
    let mut g = SnippetGenerator::create(searcher, query, field)?;
    g.set_max_num_chars(SNIPPET_CHARS);
    Ok(g)
}

/// A dimension's values with their counts, most first (ties by code).
fn facet_values(counts: &tantivy::collector::FacetCounts, dimension: Dimension) -> Vec<(String, u64)> {
    let mut values: Vec<(String, u64)> =
        counts.get(Facet::from_path([dimension.key()])).filter_map(|(child, count)| child.to_path().get(1).map(|code| ((*code).to_string(), count))).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values
}

/// The facet of a dimension's value: `/theme/danskkundskaber`.
fn facet(dimension: Dimension, code: &str) -> Facet {
    Facet::from_path([dimension.key(), code])
}
