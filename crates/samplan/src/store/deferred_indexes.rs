//! A first bulk load into an empty SQLite database with the indexes of the tables it
//! fills built afterwards (decision 184). Kept up row by row, every secondary index of
//! `person`, `person_event` and `person_deadline` (and the name search's trigram index)
//! is a B-tree insert per row, and each commit writes every index page it touched to the
//! journal again; built once the rows are stored, an index is one sort. Unique indexes
//! stay, so a load still meets every constraint.
use super::{Backend, Store, StoreError};

/// The tables whose secondary indexes wait for the load.
const TABLES: &[&str] = &["person", "person_event", "person_deadline"];

/// The trigger that keeps the name search's index; the index is rebuilt from `person` instead.
const NAME_SEARCH_TRIGGER: &str = "person_name_search_insert";

/// An index or trigger set aside: (`index` or `trigger`, name, the statement that made it).
type SetAside = Vec<(String, String, String)>;

impl Store {
    /// Runs `load` with the secondary indexes of the bulk tables set aside, and builds
    /// them (and the name search's index) again afterwards, also when `load` fails. Only
    /// on SQLite and only while the database has no persons (the demo's first load);
    /// otherwise `load` runs as it is. The schema's own statements rebuild what was set
    /// aside, so the database ends with exactly the schema it began with.
    pub async fn with_indexes_built_after<T, E, Fut>(&self, load: impl FnOnce() -> Fut) -> Result<T, E>
    where
        Fut: std::future::Future<Output = Result<T, E>>,
        E: From<StoreError>,
    {
        let set_aside = self.set_aside_indexes().await?;
        let loaded = load().await;
        self.build_again(&set_aside).await?;
        loaded
    }

    /// Drops the bulk tables' secondary indexes and the name search's trigger, when this
    /// is an SQLite database without persons; what was dropped (nothing otherwise).
    async fn set_aside_indexes(&self) -> Result<SetAside, StoreError> {
        if self.backend() != Backend::Sqlite || !sqlx::query_scalar::<_, i64>("SELECT 1 FROM person LIMIT 1").fetch_all(self.pool()).await?.is_empty() {
            return Ok(Vec::new());
        }
        let tables = TABLES.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ");
        let set_aside: SetAside = sqlx::query_as(&format!(
            "SELECT type, name, sql FROM sqlite_schema
             WHERE ((type = 'index' AND tbl_name IN ({tables}) AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%') OR (type = 'trigger' AND name = $1))
             ORDER BY name"
        ))
        .bind(NAME_SEARCH_TRIGGER)
        .fetch_all(self.pool())
        .await?;
        let mut tx = self.fresh_schema_write().await?;
        for (kind, name, _) in &set_aside {
            let drop = format!("DROP {} \"{}\"", kind.to_uppercase(), name.replace('"', "\"\""));
            // One-off statements: not kept prepared.
            sqlx::query(&drop).persistent(false).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(set_aside)
    }

    /// Makes what [`Store::set_aside_indexes`] dropped again and rebuilds the name
    /// search's index from `person`.
    async fn build_again(&self, set_aside: &SetAside) -> Result<(), StoreError> {
        if set_aside.is_empty() {
            return Ok(());
        }
        let mut tx = self.fresh_schema_write().await?;
        for (_, _, sql) in set_aside {
            sqlx::query(sql).persistent(false).execute(&mut *tx).await?;
        }
        if set_aside.iter().any(|(_, name, _)| name == NAME_SEARCH_TRIGGER) {
            sqlx::query("INSERT INTO person_name_search(person_name_search) VALUES ('rebuild')").execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A write transaction whose connection has read the current schema: SQLite checks a
    /// `CREATE` or `DROP` against the schema the connection last read, and a pooled
    /// connection may not have read since another one changed it.
    async fn fresh_schema_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("SELECT COUNT(*) FROM sqlite_schema").fetch_all(&mut *tx).await?;
        Ok(tx)
    }
}
