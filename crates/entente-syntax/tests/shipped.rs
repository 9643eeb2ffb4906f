//! The shipped model: it loads, and its scores on EWT dev are those the README reports.

use entente_syntax::{conllu, eval, Model};

fn ewt(name: &str) -> String {
    let path = format!("{}/../../../shared/data/ud-english-ewt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (the EWT treebank is needed)"))
}

/// The LAS the README reports for a row of its syntax table ("| UD English EWT dev | ...").
fn readme_las(row: &str) -> f64 {
    let path = format!("{}/../../README.md", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let line =
        text.lines().find(|l| l.starts_with(&format!("| {row} |"))).unwrap_or_else(|| panic!("{path}: no row {row:?}"));
    let cols: Vec<&str> = line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    cols.last().and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("{path}: no LAS in {line:?}"))
}

#[test]
fn shipped_model_scores_on_ewt_dev_what_the_readme_says() {
    let m = Model::shipped();
    let gold = conllu::read(&ewt("en_ewt-ud-dev.conllu")).expect("EWT dev reads");
    assert!(gold.len() > 1900, "EWT dev has {} sentences", gold.len());
    let s = eval::score(&gold, &eval::parse_gold_words(m, &gold));
    let want = readme_las("UD English EWT dev");
    assert!((s.las - want).abs() <= 0.005, "LAS on EWT dev {:.4}, README says {want:.4}", s.las);
    assert!(s.upos >= 0.93 && s.uas >= 0.83, "{s:?}");
}

/// The weights are held in memory in another layout than the file's (dense rows for features
/// of many classes); what the shipped file reads, it writes back byte for byte.
#[test]
fn shipped_model_writes_back_its_own_bytes() {
    let path = format!("{}/model/en_ewt.bin", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let m = Model::from_bytes(&bytes).unwrap_or_else(|| panic!("{path}: not a model file"));
    assert!(m.to_bytes() == bytes, "{path}: written back, the bytes differ");
}

/// The shipped model's weights are read in place from the layout the build script made of the
/// model file; that layout is the one the file lays out as now, and the model so read is the
/// model decoded whole from the file.
#[test]
fn shipped_model_read_in_place_is_the_model_decoded() {
    assert!(Model::shipped_laid_out(), "the build-time layout does not read");
    assert!(Model::shipped_layout_is_current(), "the build-time layout is not that of the model file");
    let decoded = Model::shipped_decoded().expect("the shipped model decodes");
    assert!(*Model::shipped() == decoded, "the model read in place differs from the one decoded");
    // And they parse alike.
    let text = "Norway and Iceland renewed their fishing accord on Friday, officials in Oslo said.";
    assert_eq!(Model::shipped().parse_text(text, 0), decoded.parse_text(text, 0));
}
