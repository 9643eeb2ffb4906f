//! Reads relations back from a Parquet file of `parquet_out`: the check, in the unit and the
//! integration tests, that a file holds what was written. (Test code: it panics on a bad file.)
use arrow_array::cast::AsArray;
use arrow_array::types::Int32Type;
use arrow_array::types::{Float64Type, UInt64Type};
use arrow_array::Array;
use arrow_array::ArrayRef;
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// One row: the relation as JSON (the spec's shape), the URL and the document's date.
pub type Row = (serde_json::Value, Option<String>, Option<String>);

fn text(col: &ArrayRef, i: usize) -> Option<String> {
    if col.is_null(i) {
        return None;
    }
    match col.data_type() {
        DataType::Dictionary(_, _) => {
            let d = col.as_dictionary::<Int32Type>();
            let key = d.keys().value(i) as usize;
            Some(d.values().as_string::<i32>().value(key).to_string())
        }
        _ => Some(col.as_string::<i32>().value(i).to_string()),
    }
}

pub fn rows(bytes: Vec<u8>) -> Vec<Row> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes)).unwrap().build().unwrap();
    let mut out = Vec::new();
    for batch in reader {
        let b = batch.unwrap();
        let c = |name: &str| b.column_by_name(name).unwrap().clone();
        let s = |name: &str, i| text(&c(name), i);
        for i in 0..b.num_rows() {
            let qs = c("quantities");
            let qs = qs.as_list::<i32>().value(i);
            let qs = qs.as_struct();
            let quantities: Vec<_> = (0..qs.len())
                .map(|j| {
                    serde_json::json!({
                        "value": qs.column(0).as_primitive::<Float64Type>().value(j),
                        "unit": text(qs.column(1), j),
                        "of": text(qs.column(2), j),
                    })
                })
                .collect();
            let mut r = serde_json::json!({
                "doc": s("doc", i), "source": s("source", i), "target": s("target", i),
                "sector": s("sector", i), "type": s("type", i), "polarity": s("polarity", i),
                "modality": s("modality", i), "quantities": quantities,
                "time": {"start": s("time_start", i), "end": s("time_end", i)},
                "source_actor": {"name": s("source_name", i), "kind": s("source_kind", i)},
                "target_actor": {"name": s("target_name", i), "kind": s("target_kind", i)},
                "evidence": {
                    "text": s("evidence_text", i),
                    "start": c("evidence_start").as_primitive::<UInt64Type>().value(i),
                    "end": c("evidence_end").as_primitive::<UInt64Type>().value(i),
                    "part": s("evidence_part", i),
                },
                "confidence": c("confidence").as_primitive::<Float64Type>().value(i),
            });
            if let Some(mode) = s("mode", i) {
                r["mode"] = mode.into();
            }
            if let Some(rule) = s("explain_rule", i) {
                let cues = c("explain_cues");
                let cues = cues.as_list::<i32>().value(i);
                let cues: Vec<_> = (0..cues.len()).map(|j| text(&cues, j)).collect();
                r["explain"] = serde_json::json!({"rule": rule, "cues": cues});
            }
            out.push((r, s("url", i), s("doc_date", i)));
        }
    }
    out
}
