//! Queries composed at run time (case lists, knowledge search) once for both databases.

use super::*;

/// A value to bind where it stands in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
    /// A point in time.
    Time(DateTime<Utc>),
}

/// A query as it is composed, once for both databases: SQL text and the values bound between
/// it. [`build`] turns it into either backend's `sqlx::QueryBuilder`, which writes each
/// placeholder its own way (`?` or `$n`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<Piece>);

/// A piece of a [`Query`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Sql(String),
    Bind(Bind),
}

impl Query {
    pub(super) fn sql(&mut self, text: impl Into<String>) -> &mut Self {
        self.0.push(Piece::Sql(text.into()));
        self
    }

    pub(super) fn bind(&mut self, value: Bind) -> &mut Self {
        self.0.push(Piece::Bind(value));
        self
    }

    /// The values in the order they are bound.
    pub fn binds(&self) -> Vec<&Bind> {
        self.0
            .iter()
            .filter_map(|p| match p {
                Piece::Bind(b) => Some(b),
                Piece::Sql(_) => None,
            })
            .collect()
    }
}

/// `query` as a `QueryBuilder` of backend `DB`.
pub fn build<'a, DB>(query: &'a Query) -> sqlx::QueryBuilder<'a, DB>
where
    DB: sqlx::Database,
    DB::Arguments<'a>: Default,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    &'a str: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    DateTime<Utc>: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut builder = sqlx::QueryBuilder::new("");
    for piece in &query.0 {
        match piece {
            Piece::Sql(text) => builder.push(text),
            Piece::Bind(Bind::Int(v)) => builder.push_bind(*v),
            Piece::Bind(Bind::Text(v)) => builder.push_bind(v.as_str()),
            Piece::Bind(Bind::Time(v)) => builder.push_bind(*v),
        };
    }
    builder
}
