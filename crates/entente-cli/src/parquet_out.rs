//! Relations as Parquet (`extract --format parquet`, `export --format parquet`): one row per
//! relation, typed columns, the schema in docs/parquet.md.
//!
//! Codes and closed vocabularies are Arrow dictionaries (Int32 keys over UTF-8 values), the
//! quantities a list of structs, offsets unsigned 64-bit integers. Rows are written in row
//! groups of [`ROWS_PER_BATCH`] relations, so memory holds one batch however many relations.

use std::io::Write;
use std::sync::Arc;

use anyhow::{anyhow, Context, Result};
use arrow_array::builder::{
    Float64Builder, ListBuilder, StringBuilder, StringDictionaryBuilder, StructBuilder, UInt64Builder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, SchemaRef};
use entente::Relation;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

/// Relations buffered before they are written as one record batch.
pub const ROWS_PER_BATCH: usize = 8192;

type Dict = StringDictionaryBuilder<Int32Type>;

/// What a row holds besides the relation: where its document came from.
pub struct RowDoc<'a> {
    pub url: Option<&'a str>,
    /// The document's date, given or inferred by the reader.
    pub date: Option<&'a str>,
}

/// The column builders of one batch, in schema order.
struct Columns {
    doc: StringBuilder,
    url: StringBuilder,
    doc_date: StringBuilder,
    source: Dict,
    target: Dict,
    source_name: StringBuilder,
    source_kind: Dict,
    target_name: StringBuilder,
    target_kind: Dict,
    sector: Dict,
    event_type: Dict,
    mode: Dict,
    polarity: Dict,
    modality: Dict,
    quantities: ListBuilder<StructBuilder>,
    time_start: StringBuilder,
    time_end: StringBuilder,
    evidence_text: StringBuilder,
    evidence_start: UInt64Builder,
    evidence_end: UInt64Builder,
    evidence_part: Dict,
    confidence: Float64Builder,
    explain_rule: StringBuilder,
    explain_cues: ListBuilder<StringBuilder>,
    rows: usize,
}

fn quantity_fields() -> Fields {
    Fields::from(vec![
        Field::new("value", DataType::Float64, false),
        Field::new("unit", DataType::Utf8, false),
        Field::new("of", DataType::Utf8, true),
    ])
}

impl Columns {
    fn new() -> Self {
        let quantity = StructBuilder::new(
            quantity_fields(),
            vec![Box::new(Float64Builder::new()), Box::new(StringBuilder::new()), Box::new(StringBuilder::new())],
        );
        let item = Field::new("item", DataType::Struct(quantity_fields()), false);
        Columns {
            doc: StringBuilder::new(),
            url: StringBuilder::new(),
            doc_date: StringBuilder::new(),
            source: Dict::new(),
            target: Dict::new(),
            source_name: StringBuilder::new(),
            source_kind: Dict::new(),
            target_name: StringBuilder::new(),
            target_kind: Dict::new(),
            sector: Dict::new(),
            event_type: Dict::new(),
            mode: Dict::new(),
            polarity: Dict::new(),
            modality: Dict::new(),
            quantities: ListBuilder::new(quantity).with_field(Arc::new(item)),
            time_start: StringBuilder::new(),
            time_end: StringBuilder::new(),
            evidence_text: StringBuilder::new(),
            evidence_start: UInt64Builder::new(),
            evidence_end: UInt64Builder::new(),
            evidence_part: Dict::new(),
            confidence: Float64Builder::new(),
            explain_rule: StringBuilder::new(),
            explain_cues: ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new(
                "item",
                DataType::Utf8,
                false,
            ))),
            rows: 0,
        }
    }

    fn push(&mut self, r: &Relation, d: &RowDoc<'_>) -> Result<()> {
        self.doc.append_value(&r.doc);
        self.url.append_option(d.url);
        self.doc_date.append_option(d.date);
        self.source.append_value(&r.source);
        self.target.append_value(&r.target);
        self.source_name.append_value(&r.source_actor.name);
        self.source_kind.append_value(r.source_actor.kind.as_str());
        self.target_name.append_value(&r.target_actor.name);
        self.target_kind.append_value(r.target_actor.kind.as_str());
        self.sector.append_value(r.sector.as_str());
        self.event_type.append_value(r.event_type.as_str());
        self.mode.append_option(r.mode.as_deref());
        self.polarity.append_value(r.polarity.as_str());
        self.modality.append_value(r.modality.as_str());
        let q = self.quantities.values();
        for quantity in &r.quantities {
            field::<Float64Builder>(q, 0)?.append_value(quantity.value);
            field::<StringBuilder>(q, 1)?.append_value(&quantity.unit);
            field::<StringBuilder>(q, 2)?.append_option(quantity.of.as_deref());
            q.append(true);
        }
        self.quantities.append(true);
        self.time_start.append_option(r.time.start.as_deref());
        self.time_end.append_option(r.time.end.as_deref());
        self.evidence_text.append_value(&r.evidence.text);
        self.evidence_start.append_value(r.evidence.start as u64);
        self.evidence_end.append_value(r.evidence.end as u64);
        self.evidence_part.append_value(r.evidence.part.as_str());
        self.confidence.append_value(r.confidence);
        match &r.explain {
            Some(x) => {
                self.explain_rule.append_value(&x.rule);
                for cue in &x.cues {
                    self.explain_cues.values().append_value(cue);
                }
                self.explain_cues.append(true);
            }
            None => {
                self.explain_rule.append_null();
                self.explain_cues.append(false);
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// The batch built so far; the builders start over empty.
    fn finish(&mut self) -> Result<RecordBatch> {
        self.rows = 0;
        let columns: Vec<(&str, ArrayRef, bool)> = vec![
            ("doc", Arc::new(self.doc.finish()), false),
            ("url", Arc::new(self.url.finish()), true),
            ("doc_date", Arc::new(self.doc_date.finish()), true),
            ("source", Arc::new(self.source.finish()), false),
            ("target", Arc::new(self.target.finish()), false),
            ("source_name", Arc::new(self.source_name.finish()), false),
            ("source_kind", Arc::new(self.source_kind.finish()), false),
            ("target_name", Arc::new(self.target_name.finish()), false),
            ("target_kind", Arc::new(self.target_kind.finish()), false),
            ("sector", Arc::new(self.sector.finish()), false),
            ("type", Arc::new(self.event_type.finish()), false),
            ("mode", Arc::new(self.mode.finish()), true),
            ("polarity", Arc::new(self.polarity.finish()), false),
            ("modality", Arc::new(self.modality.finish()), false),
            ("quantities", Arc::new(self.quantities.finish()), false),
            ("time_start", Arc::new(self.time_start.finish()), true),
            ("time_end", Arc::new(self.time_end.finish()), true),
            ("evidence_text", Arc::new(self.evidence_text.finish()), false),
            ("evidence_start", Arc::new(self.evidence_start.finish()), false),
            ("evidence_end", Arc::new(self.evidence_end.finish()), false),
            ("evidence_part", Arc::new(self.evidence_part.finish()), false),
            ("confidence", Arc::new(self.confidence.finish()), false),
            ("explain_rule", Arc::new(self.explain_rule.finish()), true),
            ("explain_cues", Arc::new(self.explain_cues.finish()), true),
        ];
        RecordBatch::try_from_iter_with_nullable(columns).context("cannot build a Parquet record batch")
    }
}

fn field<T: arrow_array::builder::ArrayBuilder>(s: &mut StructBuilder, i: usize) -> Result<&mut T> {
    s.field_builder::<T>(i).ok_or_else(|| anyhow!("the Parquet quantities column has no field {i}"))
}

/// Writes relations to a Parquet file, one batch at a time.
pub struct RelationWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    columns: Columns,
}

/// The schema of the relation rows.
pub fn schema() -> Result<SchemaRef> {
    Ok(Columns::new().finish()?.schema())
}

impl<W: Write + Send> RelationWriter<W> {
    pub fn new(out: W) -> Result<Self> {
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer = ArrowWriter::try_new(out, schema()?, Some(props)).context("cannot start the Parquet file")?;
        Ok(RelationWriter { writer, columns: Columns::new() })
    }

    pub fn push(&mut self, r: &Relation, d: &RowDoc<'_>) -> Result<()> {
        self.columns.push(r, d)?;
        if self.columns.rows >= ROWS_PER_BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<()> {
        if self.columns.rows > 0 {
            let batch = self.columns.finish()?;
            self.writer.write(&batch).context("cannot write Parquet")?;
        }
        Ok(())
    }

    /// Writes what is left and the file's footer.
    pub fn finish(mut self) -> Result<W> {
        self.flush_batch()?;
        self.writer.into_inner().context("cannot finish the Parquet file")
    }
}

#[cfg(test)]
#[path = "parquet_read.rs"]
pub mod read;

#[cfg(test)]
mod tests {
    use super::*;
    use entente::{ActorKind, ActorRef, EventType, Evidence, Modality, PartKind, Polarity, Quantity, Sector, TimeSpan};

    fn relation(doc: &str, quantities: Vec<Quantity>) -> Relation {
        Relation {
            doc: doc.into(),
            source: "AAA".into(),
            target: "BBB".into(),
            sector: Sector::Energy,
            event_type: EventType::Agree,
            mode: None,
            polarity: Polarity::Cooperative,
            modality: Modality::Planned,
            quantities,
            time: TimeSpan { start: Some("2031-04".into()), end: None },
            source_actor: ActorRef { name: "Aland".into(), kind: ActorKind::State },
            target_actor: ActorRef { name: "Bland".into(), kind: ActorKind::State },
            evidence: Evidence { text: "Aland will sell Bland gas.".into(), start: 7, end: 33, part: PartKind::Body },
            confidence: 0.75,
            explain: None,
        }
    }

    /// Every field of a relation, quantities with and without `of`, none, and more rows than one
    /// batch, comes back from the file as written, in order.
    #[test]
    fn relations_round_trip_through_parquet() {
        let q = vec![
            Quantity { value: 5e9, unit: "USD".into(), of: Some("gas".into()) },
            Quantity { value: 12.5, unit: "percent".into(), of: None },
        ];
        let mut written = Vec::new();
        let mut w = RelationWriter::new(Vec::new()).unwrap();
        for i in 0..ROWS_PER_BATCH + 3 {
            let mut r = relation(&format!("d{i}"), if i.is_multiple_of(2) { q.clone() } else { Vec::new() });
            if i.is_multiple_of(3) {
                r.explain = Some(entente::Explanation { rule: "sell-to".into(), cues: vec!["sell".into()] });
            }
            if i.is_multiple_of(4) {
                r.mode = Some("visit".into());
            }
            let url = (!i.is_multiple_of(5)).then(|| format!("https://example.org/{i}"));
            w.push(&r, &RowDoc { url: url.as_deref(), date: Some("2031-03-02") }).unwrap();
            written.push((serde_json::to_value(&r).unwrap(), url, Some("2031-03-02".to_string())));
        }
        let rows = read::rows(w.finish().unwrap());
        assert_eq!(rows.len(), written.len());
        assert_eq!(rows, written);
    }

    /// Codes and vocabularies are dictionaries; quantities a list of structs.
    #[test]
    fn the_schema_types_codes_as_dictionaries() {
        let s = schema().unwrap();
        let dict = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
        for name in ["source", "target", "sector", "type", "mode", "polarity", "modality", "evidence_part"] {
            assert_eq!(s.field_with_name(name).unwrap().data_type(), &dict, "{name}");
        }
        assert!(matches!(s.field_with_name("quantities").unwrap().data_type(),
            DataType::List(f) if matches!(f.data_type(), DataType::Struct(_))));
        assert_eq!(s.field_with_name("evidence_start").unwrap().data_type(), &DataType::UInt64);
    }
}
