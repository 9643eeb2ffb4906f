//! `entente export`: the store for other tools.
//!
//! - `jsonl`: every relation in the spec's shape (`score.py` reads it), one per line;
//! - `csv`: the same, flat, with the document's URL and date;
//! - `graphml`, `gexf`: the actor graph (networkx, Gephi): nodes with kind and name, one
//!   undirected edge per pair, sector and polarity, weighted by documents, signed +1/-1;
//! - `dyad-year`: one row per unordered pair and year with Correlates of War codes and, per
//!   sector and polarity, the number of documents stating a tie.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use entente::{Gazetteer, Polarity, Sector};
use entente_store::{ExportRow, Graph, Store};

use super::table::{opt, plain_number, write_csv};
use super::DbArgs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Graphml,
    Gexf,
    DyadYear,
    /// Relations, one row each, typed columns (docs/parquet.md).
    Parquet,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// jsonl: relations as `extract` writes them; csv: the same, flat; graphml, gexf: the actor
    /// graph; dyad-year: pairs by year with COW codes.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here (replaced only once complete) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let store = args.db.open_for_reading()?;
    if args.format == ExportFormat::Parquet {
        crate::extract_cmd::to_file_or_stdout(args.out.as_deref(), |out| parquet(&store, out))?;
        return Ok(ExitCode::SUCCESS);
    }
    match &args.out {
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write(&store, args.format, &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            // Written beside the target and renamed, so a reader never sees half a file.
            let tmp = temp_path(path);
            let result = (|| -> Result<()> {
                let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
                let mut out = BufWriter::new(file);
                write(&store, args.format, &mut out)?;
                out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            })();
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn parquet(store: &Store, out: Box<dyn Write + Send>) -> Result<()> {
    let mut w = crate::parquet_out::RelationWriter::new(out)?;
    store.for_each_relation(|row: ExportRow| {
        w.push(&row.relation, &crate::parquet_out::RowDoc { url: row.url.as_deref(), date: row.doc_date.as_deref() })
    })?;
    w.finish()?.flush()?;
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &Store, _: Box<dyn Write + Send>) -> Result<()> {
    anyhow::bail!("this entente was built without Parquet (the `parquet` feature)")
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

fn write(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        ExportFormat::Jsonl => store.for_each_relation(|row: ExportRow| -> Result<()> {
            serde_json::to_writer(&mut *out, &row.relation)?;
            out.write_all(b"\n")?;
            Ok(())
        }),
        ExportFormat::Csv => {
            write_csv(
                out,
                &[
                    "doc",
                    "doc_date",
                    "url",
                    "source",
                    "target",
                    "sector",
                    "type",
                    "polarity",
                    "modality",
                    "time_start",
                    "time_end",
                    "date",
                    "quantities",
                    "confidence",
                    "part",
                    "start",
                    "end",
                    "evidence",
                ],
            )?;
            store.for_each_relation(|row: ExportRow| -> Result<()> {
                let r = &row.relation;
                let quantities = r
                    .quantities
                    .iter()
                    .map(|q| match &q.of {
                        Some(of) => format!("{} {} ({of})", plain_number(q.value), q.unit),
                        None => format!("{} {}", plain_number(q.value), q.unit),
                    })
                    .collect::<Vec<_>>()
                    .join(";");
                write_csv(
                    out,
                    &[
                        r.doc.clone(),
                        opt(&row.doc_date),
                        opt(&row.url),
                        r.source.clone(),
                        r.target.clone(),
                        r.sector.to_string(),
                        r.event_type.to_string(),
                        r.polarity.as_str().to_string(),
                        r.modality.as_str().to_string(),
                        opt(&r.time.start),
                        opt(&r.time.end),
                        opt(&row.date),
                        quantities,
                        r.confidence.to_string(),
                        r.evidence.part.as_str().to_string(),
                        r.evidence.start.to_string(),
                        r.evidence.end.to_string(),
                        r.evidence.text.clone(),
                    ],
                )?;
                Ok(())
            })
        }
        ExportFormat::Graphml => Ok(graphml(&store.graph()?, out)?),
        ExportFormat::Gexf => Ok(gexf(&store.graph()?, out)?),
        ExportFormat::DyadYear => dyad_year(store, out),
        ExportFormat::Parquet => Err(anyhow::anyhow!("Parquet is written by `parquet`, not as text")),
    }
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and line breaks are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn sign(polarity: &str) -> i32 {
    if polarity == "conflictual" {
        -1
    } else {
        1
    }
}

fn graphml(g: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, target, name, ty) in [
        ("name", "node", "name", "string"),
        ("kind", "node", "kind", "string"),
        ("n_documents", "node", "documents", "int"),
        ("n_relations", "node", "relations", "int"),
        ("sector", "edge", "sector", "string"),
        ("polarity", "edge", "polarity", "string"),
        ("sign", "edge", "sign", "int"),
        ("weight", "edge", "weight", "double"),
        ("e_documents", "edge", "documents", "int"),
        ("e_relations", "edge", "relations", "int"),
        ("first", "edge", "first", "string"),
        ("last", "edge", "last", "string"),
    ] {
        writeln!(out, r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(out, r#"  <graph id="entente" edgedefault="undirected">"#)?;
    for n in &g.nodes {
        writeln!(out, r#"    <node id="{}">"#, xml_escape(&n.code))?;
        writeln!(out, r#"      <data key="name">{}</data>"#, xml_escape(&n.name))?;
        writeln!(out, r#"      <data key="kind">{}</data>"#, xml_escape(n.kind_text()))?;
        writeln!(out, r#"      <data key="n_documents">{}</data>"#, n.documents)?;
        writeln!(out, r#"      <data key="n_relations">{}</data>"#, n.relations)?;
        writeln!(out, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(out, r#"    <edge id="e{i}" source="{}" target="{}">"#, xml_escape(&e.a), xml_escape(&e.b))?;
        writeln!(out, r#"      <data key="sector">{}</data>"#, xml_escape(e.sector.as_str()))?;
        writeln!(out, r#"      <data key="polarity">{}</data>"#, xml_escape(e.polarity.as_str()))?;
        writeln!(out, r#"      <data key="sign">{}</data>"#, sign(e.polarity.as_str()))?;
        writeln!(out, r#"      <data key="weight">{}</data>"#, e.documents)?;
        writeln!(out, r#"      <data key="e_documents">{}</data>"#, e.documents)?;
        writeln!(out, r#"      <data key="e_relations">{}</data>"#, e.relations)?;
        for (key, v) in [("first", &e.first), ("last", &e.last)] {
            if let Some(v) = v {
                writeln!(out, r#"      <data key="{key}">{}</data>"#, xml_escape(v))?;
            }
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn gexf(g: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        "  <meta>\n    <creator>entente {}</creator>\n    <description>actors and their ties, one edge per pair, sector and polarity, weighted by documents</description>\n  </meta>",
        xml_escape(entente::EXTRACTOR_VERSION)
    )?;
    writeln!(out, r#"  <graph mode="static" defaultedgetype="undirected">"#)?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    writeln!(out, r#"      <attribute id="kind" title="kind" type="string"/>"#)?;
    writeln!(out, r#"      <attribute id="documents" title="documents" type="integer"/>"#)?;
    writeln!(out, r#"      <attribute id="relations" title="relations" type="integer"/>"#)?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    for (id, ty) in [
        ("sector", "string"),
        ("polarity", "string"),
        ("sign", "integer"),
        ("documents", "integer"),
        ("relations", "integer"),
        ("first", "string"),
        ("last", "string"),
    ] {
        writeln!(out, r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#)?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for n in &g.nodes {
        writeln!(out, r#"      <node id="{}" label="{}">"#, xml_escape(&n.code), xml_escape(&n.name))?;
        writeln!(out, "        <attvalues>")?;
        writeln!(out, r#"          <attvalue for="kind" value="{}"/>"#, xml_escape(n.kind_text()))?;
        writeln!(out, r#"          <attvalue for="documents" value="{}"/>"#, n.documents)?;
        writeln!(out, r#"          <attvalue for="relations" value="{}"/>"#, n.relations)?;
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, e) in g.edges.iter().enumerate() {
        // `kind` keeps Gephi from merging the parallel edges of one pair.
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" weight="{}" kind="{}" label="{}">"#,
            xml_escape(&e.a),
            xml_escape(&e.b),
            e.documents,
            xml_escape(&format!("{}-{}", e.sector, e.polarity)),
            xml_escape(e.sector.as_str())
        )?;
        writeln!(out, "        <attvalues>")?;
        writeln!(out, r#"          <attvalue for="sector" value="{}"/>"#, xml_escape(e.sector.as_str()))?;
        writeln!(out, r#"          <attvalue for="polarity" value="{}"/>"#, xml_escape(e.polarity.as_str()))?;
        writeln!(out, r#"          <attvalue for="sign" value="{}"/>"#, sign(e.polarity.as_str()))?;
        writeln!(out, r#"          <attvalue for="documents" value="{}"/>"#, e.documents)?;
        writeln!(out, r#"          <attvalue for="relations" value="{}"/>"#, e.relations)?;
        for (key, v) in [("first", &e.first), ("last", &e.last)] {
            if let Some(v) = v {
                writeln!(out, r#"          <attvalue for="{key}" value="{}"/>"#, xml_escape(v))?;
            }
        }
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// Dyad-years: `code1 < code2` (ISO3 for states), their COW codes when the gazetteer has them
/// (empty otherwise), the year, documents and relations, then the documents stating a tie per
/// sector and polarity (`arms_coop`, `arms_conf`, ...).
fn dyad_year(store: &Store, out: &mut dyn Write) -> Result<()> {
    let gazetteer = Gazetteer::builtin()?;
    let ccode = |code: &str| gazetteer.actor(code).and_then(|a| a.ccode).map(|c| c.to_string()).unwrap_or_default();
    let mut headers: Vec<String> =
        ["code1", "code2", "ccode1", "ccode2", "year", "documents", "relations"].map(String::from).to_vec();
    for s in Sector::ALL {
        headers.push(format!("{s}_coop"));
        headers.push(format!("{s}_conf"));
    }
    write_csv(out, &headers)?;
    for dy in store.dyad_years()? {
        let mut row = vec![
            dy.a.clone(),
            dy.b.clone(),
            ccode(&dy.a),
            ccode(&dy.b),
            dy.year.to_string(),
            dy.documents.to_string(),
            dy.relations.to_string(),
        ];
        for s in Sector::ALL {
            for pol in Polarity::ALL {
                let n: u64 =
                    dy.links.iter().filter(|l| l.sector == *s && l.polarity == *pol).map(|l| l.documents).sum();
                row.push(n.to_string());
            }
        }
        write_csv(out, &row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape(r#"<a & "b" 'c'>"#), "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
        assert_eq!(xml_escape("x\u{1}y"), "x y");
    }
}
