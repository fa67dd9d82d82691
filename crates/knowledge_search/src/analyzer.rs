//! The Danish text analyzer: words split on non-letters, lower-cased, stemmed with the
//! Snowball Danish stemmer, then a few Latin loan words whose plural the stemmer cannot
//! join to the singular ("kursus"/"kurser") brought to one stem.
use std::mem;
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// The analyzer's name in the index.
pub const ANALYZER: &str = "da_stem";

/// The analyzer used for every text field and for queries.
pub fn danish_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Danish))
        .filter(LoanWords)
        .build()
}

/// The terms the analyzer makes of `text` (for tests and for explaining a search).
pub fn analyze(text: &str) -> Vec<String> {
    let mut analyzer = danish_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Stem endings left by the stemmer for a Latin singular, and the stem its plural gets:
/// "kursus" stays "kursus" but "kurser" becomes "kurs". Compounds share the ending
/// ("sprogkursus", "danskkurser").
const LOAN_ENDINGS: &[(&str, &str)] = &[("kursus", "kurs"), ("museum", "muse"), ("centrum", "centr")];

/// Token filter bringing [`LOAN_ENDINGS`] to the plural's stem.
#[derive(Clone, Copy, Debug)]
struct LoanWords;

impl TokenFilter for LoanWords {
    type Tokenizer<T: Tokenizer> = LoanWordsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LoanWordsFilter<T> {
        LoanWordsFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
struct LoanWordsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for LoanWordsFilter<T> {
    type TokenStream<'a> = LoanWordsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LoanWordsStream { tail: self.inner.token_stream(text) }
    }
}

struct LoanWordsStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for LoanWordsStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some((ending, stem)) = LOAN_ENDINGS.iter().find(|(ending, _)| token.text.ends_with(ending)) {
            let mut text = mem::take(&mut token.text);
            text.truncate(text.len() - ending.len());
            text.push_str(stem);
            token.text = text;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
