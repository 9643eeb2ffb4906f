//! The SQLite statements of each step of the schema ([`entente_store::schema::STEPS`], which
//! says what each adds), step `n` taking a database from version `n` to `n + 1`. The version
//! lives in `PRAGMA user_version`; `PRAGMA application_id`
//! marks the file as an entente store so a foreign SQLite file is refused rather than altered.
//!
//! Each step runs in its own transaction together with the new `user_version`, so a database is
//! always at exactly one version, even after a crash during a migration.
//!
//! Never edit a step once released: add a new one.

use entente_store::schema::STEPS;

/// `PRAGMA application_id` of an entente store ("ENTE" in ASCII).
pub const APPLICATION_ID: i32 = 0x454e_5445;

/// Migration steps; `MIGRATIONS[n]` upgrades version `n` to `n + 1` (one for each of [`STEPS`]).
pub const MIGRATIONS: [&str; STEPS.len()] = [
    // 0 -> 1: documents with their original input, the evidence sentences, relations and their
    // amounts, and the actors seen.
    r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    url TEXT,
    date TEXT,
    title TEXT,
    content_kind TEXT NOT NULL CHECK (content_kind IN ('text', 'html')),
    content TEXT NOT NULL,
    hash TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    article_date TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE actors (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    part TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX sentences_doc ON sentences(doc);
CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    sector TEXT NOT NULL,
    type TEXT NOT NULL,
    polarity TEXT NOT NULL,
    modality TEXT NOT NULL,
    time_start TEXT,
    time_end TEXT,
    confidence REAL NOT NULL,
    explain TEXT
);
CREATE INDEX relations_doc ON relations(doc);
CREATE TABLE quantities (
    relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    of TEXT
);
CREATE INDEX quantities_relation ON quantities(relation);
"#,
    // 1 -> 2: querying across the corpus: each relation's effective date (its own start, else
    // its end, else the article's date), indexes for pairs and actors, and full-text search over
    // the evidence sentences, filled from what version 1 already holds. New sentences are
    // indexed by the writer itself, not by a trigger: a trigger makes FTS5 flush its pending
    // terms at every statement, thirty times slower in bulk; deletes and updates (rare) keep
    // their triggers.
    r#"
ALTER TABLE relations ADD COLUMN date TEXT;
UPDATE relations SET date = COALESCE(time_start, time_end,
    (SELECT article_date FROM documents WHERE documents.id = relations.doc));
CREATE INDEX relations_pair ON relations(source, target, date);
CREATE INDEX relations_target ON relations(target, source, date);
CREATE INDEX relations_sentence ON relations(sentence);
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');
INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
"#,
    // 2 -> 3: the relation listing's order (newest first, undated last) as an index, so that
    // a page of the newest relations is read from it rather than sorted out of every relation
    // (0.45 s to under a millisecond on a million relations).
    r#"
CREATE INDEX relations_recent ON relations((date IS NULL), date DESC, id);
"#,
    // 3 -> 4: the title the reader found in each document (given with it, or its page's
    // headline), so that the listings name a document without reading its page again.
    // Documents stored before have none until they are extracted again (`entente reindex --all`).
    r#"
ALTER TABLE documents ADD COLUMN article_title TEXT;
"#,
    // 4 -> 5: the PLOVER mode of a relation (`visit`, `arrest`), where its type has modes and
    // the dictionary entry named one; NULL for the relations stored before.
    r#"
ALTER TABLE relations ADD COLUMN mode TEXT;
"#,
];

/// The order of a listing of relations, newest first and undated last (`r` is `relations`):
/// the expressions of the index `relations_recent`, which a query must repeat exactly for
/// SQLite to read its rows in that order instead of sorting them all.
pub const RELATIONS_NEWEST_FIRST: &str = "r.date IS NULL, r.date DESC, r.id";
