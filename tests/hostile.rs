//! Hostile and broken input: N files in, N records out, the right error kind
//! for each bad file, and the good files in the same batch unaffected. The
//! inputs are generated here, deterministically, from the corpus PDFs: cut
//! and bit-flipped copies, an encrypted copy, a PDF without text, a deeply
//! nested PDF, a Word file renamed .pdf, random bytes, empty files and a
//! 100 MB single-line text.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A small deterministic generator (xorshift), so the inputs are the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// A minimal one-page PDF whose page draws `content` (no text operators = no text layer).
fn pdf_with_content(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{}\nendstream",
            content.len(),
            content
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Writes the hostile set; returns (file name, expected status or error kind).
fn make_hostile(dir: &Path) -> Vec<(String, &'static str)> {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let good_pdf = std::fs::read(root().join("corpus/pdf/01-patent-licence.pdf")).unwrap();
    let mut files: Vec<(String, Vec<u8>, &'static str)> = Vec::new();
    for (i, frac) in [0.5, 0.9, 0.995].iter().enumerate() {
        let cut = (good_pdf.len() as f64 * frac) as usize;
        files.push((
            format!("cut-{i}.pdf"),
            good_pdf[..cut].to_vec(),
            // lopdf refuses a cut file; the fallback engine reads what is there
            "recovered",
        ));
    }
    // a cross-reference table that points nowhere
    let at = find(&good_pdf, b"startxref").expect("the corpus PDF has a startxref");
    let mut broken_xref = good_pdf[..at].to_vec();
    broken_xref.extend_from_slice(b"startxref\n987654321\n%%EOF\n");
    files.push(("broken-xref.pdf".into(), broken_xref, "recovered"));
    for i in 0..3 {
        let mut b = good_pdf.clone();
        for _ in 0..40 {
            let at = 200 + (rng.next() as usize) % (b.len() - 200);
            b[at] ^= 1 << (rng.next() % 8);
        }
        // a bit-flipped PDF may still partly read, or fail in several ways: any record will do
        files.push((format!("flipped-{i}.pdf"), b, "any"));
    }
    files.push(("empty.pdf".into(), Vec::new(), "not_a_pdf"));
    files.push(("empty.txt".into(), Vec::new(), "ok"));
    files.push(("random.pdf".into(), rng.bytes(50_000), "not_a_pdf"));
    files.push(("random.bin".into(), rng.bytes(50_000), "undecodable"));
    let mut with_header = b"%PDF-1.7\n".to_vec();
    with_header.extend(rng.bytes(20_000));
    files.push(("random-with-header.pdf".into(), with_header, "truncated"));
    let mut docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml");
    docx.extend(rng.bytes(4000));
    files.push(("word-renamed.pdf".into(), docx, "not_a_pdf"));
    files.push((
        "scan-like.pdf".into(),
        pdf_with_content("0 0 m 100 100 l S"),
        "no_text_layer",
    ));
    let depth = 200_000;
    let nested = format!("q {}{} Q", "[".repeat(depth), "]".repeat(depth));
    files.push((
        "deeply-nested.pdf".into(),
        pdf_with_content(&nested),
        "any_error",
    ));
    let mut long = Vec::with_capacity(100 << 20);
    let sentence =
        b"The Licensee shall pay a royalty of five percent (5%) of Net Sales in the Territory and ";
    while long.len() < 100 << 20 {
        long.extend_from_slice(sentence);
    }
    files.push(("huge-single-line.txt".into(), long, "ok"));
    files.push((
        "encrypted.pdf".into(),
        encrypted_copy(&good_pdf),
        "encrypted",
    ));
    for (name, bytes, _) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    files.into_iter().map(|(n, _, k)| (n, k)).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The good PDF encrypted with a user password, so it cannot be opened without it.
fn encrypted_copy(pdf: &[u8]) -> Vec<u8> {
    use pdf_extract::{EncryptionState, EncryptionVersion, Object, Permissions, StringFormat};
    let mut doc = pdf_extract::Document::load_mem(pdf).unwrap();
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn extract(paths: &[PathBuf]) -> (Option<i32>, Vec<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_licscan"))
        .arg("extract")
        .arg("--quiet")
        .args(paths)
        .output()
        .unwrap();
    let recs = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code(), recs)
}

#[test]
fn n_hostile_inputs_give_n_records_with_the_right_kinds_and_good_files_are_unaffected() {
    let dir = std::env::temp_dir().join(format!("licscan-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let expected = make_hostile(&dir);
    let good: Vec<PathBuf> = [
        "corpus/01-patent-licence.txt",
        "corpus/pdf/02-software-licence-saas.pdf",
        "corpus/05-data-licence.txt",
    ]
    .iter()
    .map(|p| root().join(p))
    .collect();
    // good files interleaved with the hostile ones
    let mut batch: Vec<PathBuf> = Vec::new();
    for (i, (name, _)) in expected.iter().enumerate() {
        batch.push(dir.join(name));
        if i % 6 == 0 {
            batch.push(good[(i / 6) % good.len()].clone());
        }
    }
    let (code, recs) = extract(&batch);
    assert_eq!(recs.len(), batch.len(), "N inputs in, N records out");
    assert_eq!(code, Some(1), "exit 1 when some documents failed");
    let by_path: BTreeMap<String, &Value> = recs
        .iter()
        .map(|r| (r["document"]["path"].as_str().unwrap().to_string(), r))
        .collect();
    for (name, want) in &expected {
        let r = by_path[&dir.join(name).display().to_string()];
        let got = if r["status"] == "ok" {
            "ok"
        } else {
            r["error"]["kind"].as_str().unwrap()
        };
        match *want {
            "any" => {}
            "recovered" => {
                assert_eq!(got, "ok", "{name}: {}", r["error"]);
                let engines = r["document"]["page_engines"].as_array().unwrap();
                // the fallback read the file from page 1; pages cut off are
                // marked as read by no engine
                assert_eq!(engines[0]["engine"], "pdf_oxide", "{name}: {engines:?}");
                assert_eq!(engines[0]["first_page"], 1, "{name}: {engines:?}");
                assert!(
                    engines.iter().all(|e| e["engine"] != "pdf-extract"),
                    "{name}: {engines:?}"
                );
                assert!(
                    !r["clauses"].as_array().unwrap().is_empty(),
                    "{name}: clauses found in the recovered text"
                );
            }
            "any_error" => assert_ne!(got, "ok", "{name}"),
            w => assert_eq!(got, w, "{name}: {}", r["error"]),
        }
        if r["status"] == "error" {
            assert!(
                r["error"]["message"].as_str().is_some_and(|m| m.len() > 5),
                "{name} says what went wrong"
            );
        }
    }
    // the good files give exactly the records they give alone
    let (alone_code, alone) = extract(&good);
    assert_eq!(alone_code, Some(0));
    for rec in &alone {
        let path = rec["document"]["path"].as_str().unwrap();
        assert_eq!(by_path[path], rec, "{path} is affected by its neighbours");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
