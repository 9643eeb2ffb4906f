//! Synthetic news for entente's tests, benchmarks and scripts: the workspace's one generator of
//! made-up articles. Dev-only: no shipped crate depends on it (`publish = false`); the CLI's
//! tests, the actor benchmark and the `entente-synth` binary (which the scripts run) do.
//!
//! Every sentence is written for this crate (none comes from a corpus or a gold set). What a
//! document is, which tests rely on:
//! - its text opens with a relation sentence and ends with one; between them come neutral
//!   paragraphs until the text is at least [`Generator::bytes`] long, about one in three opening
//!   with a relation sentence, as news of that length does;
//! - a relation sentence names exactly two different states, once each (by name, by the
//!   "the <adjective> government" form or by capital), and [`Doc::stated`] lists them (the
//!   sentence and the two codes), in the order of the text; no other sentence (neither the
//!   neutral prose nor the title) names an actor;
//! - document `i` of a seed is the same whatever range it is generated in (each document draws
//!   from its own random stream), so a corpus can be cut into files, or extended, without
//!   changing what was written;
//! - its id is [`doc_id`]`(i)`, `synth-` and seven digits, so ids sort as their numbers do.
//!
//! Deterministic: the same seed gives the same bytes on every machine (SplitMix64, no floats).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A small deterministic random number generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True about `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// SplitMix64's finaliser: spreads every bit of `z` over the result.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A state as the text names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The code the gazetteer gives it (ISO 3166 alpha-3).
    pub code: &'static str,
    pub name: &'static str,
    pub adjective: &'static str,
    /// Its capital, where naming the capital for the state is unambiguous in any year the
    /// generator dates an article.
    pub capital: Option<&'static str>,
}

const fn state(code: &'static str, name: &'static str, adjective: &'static str, capital: &'static str) -> State {
    State { code, name, adjective, capital: if capital.is_empty() { None } else { Some(capital) } }
}

/// The states the documents speak of.
pub const STATES: &[State] = &[
    state("NOR", "Norway", "Norwegian", "Oslo"),
    state("SWE", "Sweden", "Swedish", "Stockholm"),
    state("FIN", "Finland", "Finnish", "Helsinki"),
    state("DNK", "Denmark", "Danish", "Copenhagen"),
    state("POL", "Poland", "Polish", "Warsaw"),
    state("HUN", "Hungary", "Hungarian", "Budapest"),
    state("ROU", "Romania", "Romanian", "Bucharest"),
    state("GRC", "Greece", "Greek", "Athens"),
    state("ITA", "Italy", "Italian", ""),
    state("ESP", "Spain", "Spanish", "Madrid"),
    state("PRT", "Portugal", "Portuguese", "Lisbon"),
    state("FRA", "France", "French", "Paris"),
    state("DEU", "Germany", "German", "Berlin"),
    state("AUT", "Austria", "Austrian", "Vienna"),
    state("EGY", "Egypt", "Egyptian", "Cairo"),
    state("MAR", "Morocco", "Moroccan", "Rabat"),
    state("NGA", "Nigeria", "Nigerian", ""),
    state("KEN", "Kenya", "Kenyan", "Nairobi"),
    state("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"),
    state("ISR", "Israel", "Israeli", ""),
    state("AZE", "Azerbaijan", "Azerbaijani", "Baku"),
    state("KAZ", "Kazakhstan", "Kazakh", ""),
    state("IRN", "Iran", "Iranian", "Tehran"),
    state("TUR", "Turkey", "Turkish", "Ankara"),
    state("IND", "India", "Indian", "New Delhi"),
    state("PAK", "Pakistan", "Pakistani", "Islamabad"),
    state("CHN", "China", "Chinese", "Beijing"),
    state("JPN", "Japan", "Japanese", "Tokyo"),
    state("KOR", "South Korea", "South Korean", "Seoul"),
    state("VNM", "Vietnam", "Vietnamese", "Hanoi"),
    state("IDN", "Indonesia", "Indonesian", "Jakarta"),
    state("AUS", "Australia", "Australian", "Canberra"),
    state("CAN", "Canada", "Canadian", "Ottawa"),
    state("MEX", "Mexico", "Mexican", ""),
    state("BRA", "Brazil", "Brazilian", ""),
    state("ARG", "Argentina", "Argentine", "Buenos Aires"),
    state("CHL", "Chile", "Chilean", ""),
    state("RUS", "Russia", "Russian", "Moscow"),
    state("UKR", "Ukraine", "Ukrainian", ""),
    state("SAU", "Saudi Arabia", "Saudi", "Riyadh"),
    state("QAT", "Qatar", "Qatari", "Doha"),
];

/// Relation sentences over the sectors of the spec (arms, energy, trade, economy, technology,
/// cyber, military, security, diplomacy, sanctions, agriculture, aid). `{a}` is the first state
/// in any of its forms (the subject), `{b}` the second by name; `{will}` a modality ("agreed
/// to", "plans to", ...), `{amount}` a sum of dollars, `{count}` a number, `{when}` a time or
/// nothing.
pub const TEMPLATES: &[&str] = &[
    "{a} {will} deliver {count} armoured personnel carriers to {b}{when}.",
    "{a} {will} sell {b} a squadron of transport aircraft for {amount}{when}.",
    "{a} {will} buy coastal radar stations and patrol boats from {b}{when}.",
    "{a} {will} export liquefied natural gas to {b} under a contract worth {amount}{when}.",
    "{a} {will} finance a hydroelectric dam in {b} at a cost of {amount}{when}.",
    "{a} {will} ease trade barriers with {b} on steel and fruit{when}.",
    "{a} {will} sign a customs pact with {b} covering {count} kinds of goods{when}.",
    "{a} {will} extend a credit line of {amount} to {b}{when}.",
    "{a} {will} help {b} put its first weather satellite into orbit{when}.",
    "{a} blamed {b} for a wave of hacking against its ministries{when}.",
    "{a} {will} conduct joint naval exercises with {b} involving {count} sailors{when}.",
    "{a} threatened to bomb the bases of {b}'s army{when}.",
    "{a} {will} share police files on smugglers with {b}{when}.",
    "{a} expelled three diplomats of {b} after a spying row{when}.",
    "{a} {will} restore diplomatic ties with {b}{when}.",
    "{a} {will} impose sanctions on {b}'s shipping lines{when}.",
    "{a} {will} supply {b} with fertiliser and seed for the coming harvest{when}.",
    "{a} {will} give {b} {amount} in emergency aid after the floods{when}.",
];

/// What `{will}` becomes: an act done, planned, hoped, refused.
pub const MODALITIES: &[&str] =
    &["agreed to", "plans to", "will", "is expected to", "pledged to", "offered to", "refused to", "has no plans to"];

/// Neutral prose: no actor, no relation.
pub const NEUTRAL: &[&str] = &[
    "The statement gave no timetable for the next round of negotiations.",
    "Officials described the atmosphere at the meeting as businesslike.",
    "Details of the financing were not disclosed.",
    "A committee of experts is due to report by the end of the quarter.",
    "Shares in construction companies rose on the news before falling back.",
    "Lawmakers asked to see the full text before any vote.",
    "The announcement came after three days of meetings at a lakeside hotel.",
    "Reporters were kept outside the conference hall for most of the afternoon.",
    "An adviser said the figures would be revised once the survey was complete.",
    "The port has handled record volumes of container traffic this year.",
    "Heavy rain flooded several roads in the north, delaying deliveries.",
    "Unions said they would study the proposals before commenting.",
    "Inflation eased slightly last month, according to the statistics office.",
    "The two delegations are due to meet again after the holidays.",
    "A draft of the document circulated among diplomats on Thursday.",
    "Environmental groups called for an independent review of the project.",
    "Some economists questioned whether the targets were realistic.",
    "Few details emerged from the session, which ran late into the night.",
    "Insurance costs for ships sailing in the area have risen sharply.",
    "A spokeswoman said the timetable depended on the weather and on funding.",
];

/// Headlines: neutral too.
pub const TITLES: &[&str] = &[
    "Talks on a new accord enter a second day",
    "Ministers meet as negotiations drag on",
    "Deal in sight after months of bargaining",
    "Officials weigh the cost of the new agreement",
    "Lawmakers to debate the accord next month",
    "Markets steady as talks go on",
];

const MONTHS: &[&str] = &["January", "March", "May", "June", "September", "November"];

/// The id of document `i`: `synth-` and seven digits (`synth-0000042`).
pub fn doc_id(i: usize) -> String {
    format!("synth-{i:07}")
}

/// A generated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub id: String,
    pub url: String,
    /// `YYYY-MM-DD`, 1995 to 2024.
    pub date: String,
    pub title: String,
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The relation sentences, in the order of the text.
    pub stated: Vec<Stated>,
}

/// A relation sentence of a document: the sentence, and the codes of the two states it names
/// (`a` its subject).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    pub sentence: String,
    pub a: &'static str,
    pub b: &'static str,
}

impl Doc {
    /// The document as one line of entente's JSON input (`{"id", "url", "date", "title",
    /// "text"}`), without the newline.
    pub fn json_line(&self) -> String {
        serde_json::json!({
            "id": self.id,
            "url": self.url,
            "date": self.date,
            "title": self.title,
            "text": self.text,
        })
        .to_string()
    }
}

/// Documents of about `bytes` bytes from a seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generator {
    pub seed: u64,
    /// The least length of a document's text: paragraphs are added until the text reaches it,
    /// then the closing relation sentence (so a document is at most a paragraph and a sentence
    /// longer). With 0, a document is its opening paragraph and its closing sentence.
    pub bytes: usize,
}

impl Generator {
    pub fn new(seed: u64, bytes: usize) -> Generator {
        Generator { seed, bytes }
    }

    /// Document `i`.
    pub fn document(&self, i: usize) -> Doc {
        let mut rng = Rng::new(mix(self.seed) ^ mix(i as u64 ^ 0x5EED));
        let year = 1995 + rng.below(30);
        let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let title = rng.pick(TITLES).to_string();
        let mut stated = Vec::new();
        let mut paragraphs = vec![format!("{} {}", relation_sentence(&mut rng, &mut stated), neutral(&mut rng, 2))];
        let mut len = paragraphs[0].len();
        while len < self.bytes {
            let p = if rng.chance(35) {
                format!("{} {}", relation_sentence(&mut rng, &mut stated), neutral(&mut rng, 2))
            } else {
                neutral(&mut rng, 3)
            };
            len += p.len() + 2;
            paragraphs.push(p);
        }
        paragraphs.push(relation_sentence(&mut rng, &mut stated));
        Doc {
            id: doc_id(i),
            url: format!("https://synth.example/{year}/{i}"),
            date,
            title,
            text: paragraphs.join("\n\n"),
            stated,
        }
    }

    /// Documents `first`, `first + 1`, ... (`n` of them).
    pub fn documents(&self, first: usize, n: usize) -> impl Iterator<Item = Doc> + '_ {
        (first..first + n).map(|i| self.document(i))
    }

    /// Writes documents `first..first + n` to `path` as JSON Lines; the bytes written.
    pub fn write_jsonl(&self, path: &Path, first: usize, n: usize) -> io::Result<u64> {
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let mut out = BufWriter::new(File::create(path).map_err(named)?);
        let mut written = 0;
        for doc in self.documents(first, n) {
            let line = doc.json_line();
            out.write_all(line.as_bytes()).map_err(named)?;
            out.write_all(b"\n").map_err(named)?;
            written += line.len() as u64 + 1;
        }
        out.flush().map_err(named)?;
        Ok(written)
    }

    /// Writes documents `first..first + n` into `dir` (created if need be) as JSON Lines files of
    /// `per_file` documents each, `part-00000.jsonl`, `part-00001.jsonl`, ...; their paths.
    pub fn write_corpus(&self, dir: &Path, first: usize, n: usize, per_file: usize) -> io::Result<Vec<PathBuf>> {
        let per_file = per_file.max(1);
        std::fs::create_dir_all(dir).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        let mut files = Vec::new();
        for (k, start) in (0..n).step_by(per_file).enumerate() {
            let path = dir.join(format!("part-{k:05}.jsonl"));
            self.write_jsonl(&path, first + start, per_file.min(n - start))?;
            files.push(path);
        }
        Ok(files)
    }
}

/// `n` news documents of about `bytes` bytes (seed `seed`, ids from 0) written into `dir` as
/// JSON Lines files of `per_file` documents each; their paths.
pub fn write_corpus(dir: &Path, n: usize, per_file: usize, bytes: usize, seed: u64) -> io::Result<Vec<PathBuf>> {
    Generator::new(seed, bytes).write_corpus(dir, 0, n, per_file)
}

/// At least `bytes` bytes of generated news text (the texts of documents 0, 1, ... of `seed`,
/// a blank line between them), for benchmarks that want text alone.
pub fn news_text(bytes: usize, seed: u64) -> String {
    let generator = Generator::new(seed, 5000);
    let mut text = String::with_capacity(bytes + 6000);
    let mut i = 0;
    while text.len() < bytes {
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(&generator.document(i).text);
        i += 1;
    }
    text
}

/// `n` neutral sentences, different from each other.
fn neutral(rng: &mut Rng, n: usize) -> String {
    let mut chosen: Vec<&str> = Vec::with_capacity(n);
    while chosen.len() < n {
        let s = *rng.pick(NEUTRAL);
        if !chosen.contains(&s) {
            chosen.push(s);
        }
    }
    chosen.join(" ")
}

fn amount(rng: &mut Rng) -> String {
    let n = rng.pick(&[2, 4, 6, 8, 12, 30, 45, 90, 120, 300, 650]);
    format!("${n} {}", rng.pick(&["million", "billion"]))
}

/// A relation sentence between two different states, also added to `stated`.
fn relation_sentence(rng: &mut Rng, stated: &mut Vec<Stated>) -> String {
    let template = *rng.pick(TEMPLATES);
    let a = *rng.pick(STATES);
    let b = loop {
        let b = *rng.pick(STATES);
        if b.code != a.code {
            break b;
        }
    };
    let subject = match (rng.below(10), a.capital) {
        (0..=5, _) | (6..=7, None) => a.name.to_string(),
        (6..=7, Some(capital)) => capital.to_string(),
        _ => format!("the {} government", a.adjective),
    };
    let year = 1995 + rng.below(30);
    let when = match rng.below(5) {
        0 => String::new(),
        1 => format!(" in {year}"),
        2 => format!(" in {} {year}", rng.pick(MONTHS)),
        3 => format!(" by {year}"),
        _ => " last year".to_string(),
    };
    let count = rng.pick(&[6, 14, 24, 80, 250, 1200, 4000]).to_string();
    let (will, amount) = (*rng.pick(MODALITIES), amount(rng));
    let s = template.replace("{a}", &subject).replace("{b}", b.name).replace("{when}", &when);
    let s = s.replace("{will}", will).replace("{amount}", &amount).replace("{count}", &count);
    let mut chars = s.chars();
    let sentence: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    };
    stated.push(Stated { sentence: sentence.clone(), a: a.code, b: b.code });
    sentence
}

#[cfg(test)]
mod tests;
