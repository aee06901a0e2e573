//! `export --to mermaid` and `import mermaid`: snapshots of the examples'
//! diagrams and of the imports of real diagrams written by others, the round
//! trip, escaping, and located errors. Whether real Mermaid accepts what the
//! exporter writes is `scripts/test-mermaid`'s job.

mod common;

use std::path::{Path, PathBuf};

use journeymap::check::{FileReport, check_bytes, check_map};
use journeymap::diagnostic::Severity;
use journeymap::export::mermaid::render;
use journeymap::import::mermaid::import;

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The files of `dir` ending in `.ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The diagram of a map that must pass the schema.
fn export(yaml: &str) -> String {
    let (report, valid) = check_map("map.yaml", yaml.as_bytes(), &common::options());
    let valid = valid.unwrap_or_else(|| {
        panic!(
            "the map does not pass the schema:\n{}\n{yaml}",
            common::render(&report.diagnostics)
        )
    });
    render(&valid, &report)
}

/// A map's check, which must have no error-severity finding.
fn assert_checks(yaml: &str) -> FileReport {
    let report = check_bytes("imported.yaml", yaml.as_bytes(), &common::options());
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "the imported map has errors:\n{}\n{yaml}",
        common::render(&errors)
    );
    report
}

/// The import of a diagram Mermaid accepts: it must pass `check`.
fn import_ok(diagram: &str) -> String {
    let yaml = import(diagram)
        .unwrap_or_else(|e| panic!("import failed: {e}\n{diagram}"))
        .yaml;
    assert_checks(&yaml);
    yaml
}

/// The located error for a diagram Mermaid rejects.
fn import_err(diagram: &str) -> String {
    match import(diagram) {
        Ok(imported) => panic!("expected an error for\n{diagram}\ngot\n{}", imported.yaml),
        Err(error) => error,
    }
}

/// Minimal YAML double-quoted scalar for building maps in tests.
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A schema-valid map with the given title, persona, and stages of
/// `(name, emotion, [(touchpoint, emotion)])`.
/// A stage for [`map`]: name, emotion, touchpoints with their emotions.
type StageSpec<'a> = (&'a str, Option<u8>, &'a [(&'a str, Option<u8>)]);

fn map(title: &str, persona: &str, stages: &[StageSpec<'_>]) -> String {
    let mut yaml = format!(
        "title: {}\npersona:\n  name: {}\nstages:\n",
        q(title),
        q(persona)
    );
    let mut n = 0;
    for (name, emotion, touchpoints) in stages {
        n += 1;
        yaml += &format!("  - id: s{n}\n    name: {}\n", q(name));
        if let Some(e) = emotion {
            yaml += &format!("    emotion: {e}\n");
        }
        yaml += "    touchpoints:\n";
        if touchpoints.is_empty() {
            yaml.truncate(yaml.len() - 1);
            yaml += " []\n";
        }
        for (tp, emotion) in touchpoints.iter() {
            n += 1;
            yaml += &format!(
                "      - id: t{n}\n        name: {}\n        channel: web\n",
                q(tp)
            );
            if let Some(e) = emotion {
                yaml += &format!("        emotion: {e}\n");
            }
        }
    }
    yaml + "opportunities: {}\naction_plan: {}\n"
}

// ---------------------------------------------------------------------------
// Export

#[test]
fn export_examples() {
    let examples = files(&manifest("examples"), "yaml");
    assert!(examples.len() >= 3, "examples/ is missing maps");
    for path in examples {
        let yaml = std::fs::read_to_string(&path).unwrap_or_default();
        let diagram = export(&yaml);
        assert!(diagram.starts_with("journey\n") && diagram.ends_with('\n'));
        assert_eq!(diagram, export(&yaml), "export is deterministic");
        insta::assert_snapshot!(format!("export-{}", stem(&path)), diagram);
    }
}

#[test]
fn export_scores_and_notes() {
    let yaml = map(
        "T",
        "P",
        &[
            ("Own", Some(2), &[("Has one", Some(5)), ("Borrows", None)]),
            ("None", None, &[("Placeholder", None)]),
            ("Empty", Some(4), &[]),
        ],
    );
    assert_eq!(
        export(&yaml),
        "journey\n  title T\n  section Own\n    Has one: 5: P\n    \
         %% Borrows: score defaulted to the stage's emotion\n    Borrows: 2: P\n  \
         section None\n    \
         %% Placeholder: no emotion on the touchpoint or its stage, 3 (neutral) is a placeholder\n    \
         Placeholder: 3: P\n  section Empty\n    \
         %% Empty: no touchpoints (Mermaid draws no section without tasks)\n"
    );
}

#[test]
fn export_escapes_what_mermaid_misreads() {
    let yaml = map(
        "Issue #42: checkout; again",
        "Maya, busy parent; nurse: night #2",
        &[
            ("Step 1: sign up; pay", Some(3), &[("Line\nbreak", Some(4))]),
            (
                "C# #team",
                Some(3),
                &[
                    ("10:30 call", Some(1)),
                    ("Journey planner", Some(2)),
                    ("Title search", Some(2)),
                    ("section 8 form", Some(2)),
                    ("Journeyman", Some(2)),
                    ("50%% off, today", Some(5)),
                    ("Größe ändern — 予約", Some(5)),
                ],
            ),
        ],
    );
    let diagram = export(&yaml);
    insta::assert_snapshot!("export-escaping", diagram);
    for line in diagram.lines().skip(1) {
        let line = line.trim_start();
        if line.starts_with("%%") {
            continue;
        }
        assert!(!line.contains(['#', ';', '\r']), "{line:?}");
    }
    assert!(diagram.contains("  title Issue ＃42: checkout, again\n"));
    assert!(diagram.contains("  section Step 1 - sign up, pay\n"));
    assert!(diagram.contains("    Line break: 4: Maya - busy parent - nurse - night ＃2\n"));
    assert!(diagram.contains("    \"Journey planner\": 2:"));
    assert!(diagram.contains("    Journeyman: 2:"));
    assert!(diagram.contains("    50% off, today: 5:"));
    assert!(diagram.contains("    Größe ändern — 予約: 5:"));

    // What the diagram says reads back as written.
    let imported = import_ok(&diagram);
    assert!(imported.contains("title: \"Issue ＃42: checkout, again\""));
    assert!(imported.contains("name: \"Maya - busy parent - nurse - night ＃2\""));
    assert!(imported.contains("name: \"\\\"Journey planner\\\"\""));
    assert_eq!(export(&imported), diagram);
}

#[test]
fn export_empty_names_fall_back_to_ids() {
    let yaml = "title: \"#\"\npersona: { name: \";\" }\nstages:\n  - id: s1\n    name: \"\\u0001\"\n    \
                touchpoints:\n      - { id: journey, name: \"\\a\", channel: web, emotion: 4 }\n\
                opportunities: {}\naction_plan: {}\n";
    assert_eq!(
        export(yaml),
        "journey\n  title ＃\n  section s1\n    \"journey\": 4: -\n"
    );
}

// ---------------------------------------------------------------------------
// Round trip

#[test]
fn examples_round_trip() {
    for path in files(&manifest("examples"), "yaml") {
        let yaml = std::fs::read_to_string(&path).unwrap_or_default();
        let diagram = export(&yaml);
        let imported = import_ok(&diagram);
        assert_eq!(
            export(&imported),
            diagram,
            "export → import → export changed {}",
            path.display()
        );
    }
}

// ---------------------------------------------------------------------------
// Import of real diagrams

fn real_diagrams() -> Option<Vec<PathBuf>> {
    let dir = manifest("../shared/data/mermaid-real");
    if !dir.is_dir() {
        eprintln!(
            "notice: {} not found; skipping the real-diagram imports (CI has it)",
            dir.display()
        );
        return None;
    }
    Some(files(&dir, "mmd"))
}

/// A stored diagram without its line 1 (the attribution comment added to
/// each file): the original text.
fn original(stored: &str) -> &str {
    stored.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn import_real_diagrams() {
    let Some(paths) = real_diagrams() else {
        return;
    };
    assert_eq!(paths.len(), 14, "mermaid-real should hold 14 diagrams");
    for path in paths {
        let stored = std::fs::read_to_string(&path).unwrap_or_default();
        let yaml = import_ok(original(&stored));
        let report = assert_checks(&yaml);
        assert!(
            report.diagnostics.iter().all(|d| d.rule != "schema"),
            "{}",
            path.display()
        );
        // Mermaid also accepts the stored files, attribution comment and all
        // (it preprocesses twice, so even front matter after a `%%` line is
        // read): the same map.
        assert_eq!(
            import(&stored).map(|imported| imported.yaml),
            Ok(yaml.clone()),
            "{}",
            path.display()
        );
        insta::assert_snapshot!(format!("import-{}", stem(&path)), yaml);
    }
}

#[test]
fn real_diagram_details_survive() {
    let Some(paths) = real_diagrams() else {
        return;
    };
    let read = |prefix: &str| {
        let path = paths
            .iter()
            .find(|p| stem(p).starts_with(prefix))
            .unwrap_or_else(|| panic!("no diagram {prefix}"));
        import_ok(original(&std::fs::read_to_string(path).unwrap_or_default()))
    };
    let shopping = read("07");
    assert!(shopping.contains("x-actors: [\"Dad\", \"Mum\", \"Child 1\", \"Child 2\"]"));
    assert!(shopping.contains("  name: \"Dad\"\n"));
    assert!(shopping.contains("- id: get-into-car-2\n"));
    let webhook = read("02");
    assert!(webhook.contains("- id: darkoob-2\n"));
    let emoji = read("14");
    assert!(emoji.contains("name: \"📋 Day 1 Setup\""));
    assert!(emoji.contains("- id: day-1-setup\n"));
    let scores = read("13");
    assert!(scores.contains("# TODO: score \"X\" is not an integer from 1 to 5"));
    assert!(scores.contains("# TODO: score \"0\" is not an integer from 1 to 5"));
    let stray = read("05");
    assert!(stray.contains("name: \"size\""));
    assert!(stray.contains("# TODO: score \"2rem\" is not an integer from 1 to 5"));
    let front = read("06");
    assert!(front.contains("title: \"My working day\""));
    assert!(front.contains(
        "description: \"Very simple journey demo\\n\\n2 main sections: work and home, each \
         with just a few tasks\""
    ));
    let block = read("09");
    assert!(block.contains("title: \"Adding journey diagram functionality to mermaid\""));
    assert!(block.contains("A user journey for\\nfamily shopping\""));
    let br = read("10");
    assert!(br.contains("name: \"Line1<br>Line2<br/>Line3</br />Line4<br\\t/>Line5\""));
}

#[test]
fn import_never_panics_on_prefixes() {
    // Every prefix of every real diagram and example export: an import that
    // passes `check`, or a located error.
    let mut texts: Vec<String> = files(&manifest("examples"), "yaml")
        .iter()
        .map(|p| export(&std::fs::read_to_string(p).unwrap_or_default()))
        .collect();
    if let Some(paths) = real_diagrams() {
        texts.extend(
            paths
                .iter()
                .map(|p| std::fs::read_to_string(p).unwrap_or_default()),
        );
    }
    for text in &texts {
        for (n, (end, _)) in text.char_indices().enumerate() {
            let prefix = &text[..end];
            match import(prefix) {
                Ok(imported) if n % 11 == 0 => {
                    assert_checks(&imported.yaml);
                }
                Ok(_) => {}
                Err(error) => {
                    let (line, rest) = error.split_once(':').unwrap_or_default();
                    let (column, _) = rest.split_once(": ").unwrap_or_default();
                    assert!(
                        line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
                        "{error:?}"
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Import rules

#[test]
fn import_reads_all_statement_forms() {
    let yaml = import_ok(
        "%% leading comment\n\
         %%{init: {\"theme\": \"forest\"}}%%\n\
         journey\n\
         \tTITLE  Hello world  \n\
         Before: 4: Ann\n\
         Section  Tab\tbed \n\
         \u{20}\u{20}# a hash comment\n\
         \u{20}\u{20}Sign up :5 : Ann ,, Bob , : dropped\n\
         \u{20}\u{20}Issue #7; fixed: 3\n\
         \u{20}\u{20}Empty actors: 2:\n\
         \u{20}\u{20}No actors: 1 # trailing comment\n\
         section Tab bed\n\
         journeyman: 5\n\
         \u{20}\u{20}title page: tasks cannot start with it\n\
         accTitle: A; b # c\n",
    );
    insta::assert_snapshot!("import-statement-forms", yaml);
    assert!(yaml.contains("title: \"page: tasks cannot start with it\""));
    assert!(yaml.contains("name: \"TODO: stage name\"  # TODO: name this stage"));
    assert!(yaml.contains("- id: tab-bed\n"));
    assert!(yaml.contains("- id: tab-bed-2\n"));
    assert!(yaml.contains("name: \"Tab\\tbed\""));
    assert!(yaml.contains("x-actors: [\"Ann\", \"Bob\"]"));
    assert!(yaml.contains("# Mermaid ignores \": dropped\" after the actors."));
    assert!(yaml.contains("name: \"Issue #7; fixed\""));
    assert!(yaml.contains("description: \"A; b # c\""));
}

#[test]
fn import_front_matter_title() {
    let yaml = import_ok(
        "---\ntitle: \"From: front matter\"\nconfig: {}\n---\n\njourney\nsection A\nT: 3\n",
    );
    assert!(yaml.contains("title: \"From: front matter\""));
    let yaml = import_ok("---\ntitle: Front\n---\njourney\ntitle Body\nsection A\nT: 3\n");
    assert!(yaml.contains("title: \"Body\""), "a title line wins");
    let yaml = import_ok("journey\r\n  section A\r\n    T: 3\r\n");
    assert!(yaml.contains("title: \"TODO: title\"  # TODO: the diagram has no title"));
}

#[test]
fn import_placeholders_keep_the_map_valid() {
    let yaml = import_ok("journey\n");
    assert!(yaml.contains("name: \"TODO: stage name\"  # TODO: the diagram has no section"));
    assert!(yaml.contains("name: \"TODO: touchpoint\""));
    assert!(yaml.contains("name: \"TODO: persona name\""));
    assert!(yaml.contains("opportunities: {}"));
    assert!(yaml.contains("action_plan: {}"));
    assert!(yaml.starts_with("# yaml-language-server: $schema=https://"));
    let yaml = import_ok("journey\nsection   \n  T: 3\nsection B\n");
    assert!(yaml.contains("name: \"TODO: stage name\"  # TODO: the section has no name"));
    assert!(yaml.contains("- id: todo-touchpoint\n"));
}

#[test]
fn import_ids() {
    let yaml = import_ok(
        "journey\n\
         section Go home\n  Go home: 3\n  go HOME!: 3\n\
         section 予約\n  予約: 5\n\
         section _Under_score\n  -: 2\n\
         section Go home\n  x: 1\n",
    );
    for id in [
        "go-home",
        "go-home-2",
        "go-home-3",
        "stage-2",
        "touchpoint-3",
        "under_score",
        "touchpoint-4",
        "go-home-4",
        "x",
    ] {
        assert!(yaml.contains(&format!("- id: {id}\n")), "{id} in\n{yaml}");
    }
    let long = "a".repeat(70);
    let yaml = import_ok(&format!("journey\nsection {long}\n{long}: 1\n"));
    assert!(yaml.contains(&format!("- id: {}\n", "a".repeat(64))));
    assert!(yaml.contains(&format!("- id: {}-2\n", "a".repeat(62))));
}

#[test]
fn import_names_round_trip_through_yaml() {
    let names = [
        "quote \" and backslash \\",
        "yes",
        "null",
        "true",
        "123",
        "1e5",
        "0x1F",
        "- dash",
        "{flow}",
        "[list]",
        "@at `tick` 'single'",
        "&anchor *alias !tag |pipe >fold",
        "2026-02-30",
        "  ~  ",
        "\u{7f}del\u{85}nel\u{a0}nbsp\u{2028}ls\u{feff}bom\u{1F600}",
    ];
    for name in names {
        let diagram = format!("journey\ntitle {name}\nsection {name}\n{name}: 3: {name}\n");
        let yaml = import_ok(&diagram);
        let (_, valid) = check_map("x.yaml", yaml.as_bytes(), &common::options());
        let valid = valid.unwrap_or_else(|| panic!("{yaml}"));
        let trimmed = name.trim();
        assert_eq!(valid.map().title, trimmed);
        assert_eq!(valid.map().persona.name, trimmed);
        assert_eq!(valid.map().stages[0].name, trimmed);
        assert_eq!(valid.map().stages[0].touchpoints[0].name, trimmed);
    }
}

#[test]
fn import_reads_back_export_notes() {
    // The notes the exporter writes: stage emotion and placeholder score.
    let yaml = import_ok(
        "journey\nsection A\n  %% T1: score defaulted to the stage's emotion\n  T1: 2\n  T2: 4\n\
         section B\n  %% T3: no emotion on the touchpoint or its stage, 3 (neutral) is a placeholder\n  T3: 3\n\
         section C\n  %% T4: some other comment\n  T4: 5\n",
    );
    assert!(yaml.contains("name: \"A\"\n    emotion: 2\n"));
    assert!(yaml.contains("name: \"T1\"\n        channel: TODO\n      - id: t2\n"));
    assert!(yaml.contains("name: \"T2\"\n        channel: TODO\n        emotion: 4\n"));
    assert!(yaml.contains("name: \"B\"\n    touchpoints:\n"));
    assert!(yaml.contains("name: \"T3\"\n        channel: TODO\n  - id: c\n"));
    assert!(yaml.contains("name: \"T4\"\n        channel: TODO\n        emotion: 5\n"));
}

#[test]
fn located_errors() {
    let cases = [
        ("", "1:1: no diagram"),
        ("graph TD\n  a-->b\n", "1:1: expected `journey`"),
        ("Journey\nsection A\n", "1:1: expected `journey`"),
        ("%%\njourney\n", "1:3: expected `journey` first"),
        (
            "%% c\n---\ntitle: x\njourney\n",
            "2:1: `---` is not front matter here",
        ),
        (
            "journey\n  section A\n    task; x: 3\n",
            "3:9: `;` is not allowed",
        ),
        (
            "journey\n  section A\n    Task #1: 3\n",
            "3:10: `#` starts a comment",
        ),
        (
            "journey\n  section A\n    Do work\n",
            "3:5: \"Do work\" is not a journey statement",
        ),
        (
            "journey\n  section A\n    T:\n",
            "3:6: task \"T\" has `:` but no score",
        ),
        (
            "journey\n  section A: b\n",
            "2:12: a section name cannot contain `:`",
        ),
        (
            "journey\n  section A\n    Section two: 3\n",
            "3:16: a section name cannot contain `:`",
        ),
        (
            "journey\n  section A\n    Journey planner: 3\n",
            "3:5: unexpected `journey`",
        ),
        ("journey\n  title A ; b\n", "2:11: `;` is not allowed"),
        ("journey\n  section A\n  : 3\n", "3:3: unexpected `:`"),
        (
            "journey\n  accDescr {\n  never closed\n",
            "2:3: `accDescr {` is never closed",
        ),
        (
            "journey\n  title\n\n  section A\n",
            "2:3: \"title\" is not a journey statement",
        ),
        (
            "---\ntitle: [\n---\njourney\n",
            "3:1: the front matter is not valid YAML",
        ),
        (
            "---\ntitle: x\njourney\n",
            "1:1: `---` is not front matter here",
        ),
        (
            "journey\r\n  section A\r\n    x;: 3\r\n",
            "3:6: `;` is not allowed",
        ),
        (
            "journey\n  section Größe\n    Ärger; x: 3\n",
            "3:10: `;` is not allowed",
        ),
        ("\u{feff}journey\n  x;: 3\n", "2:4: `;` is not allowed"),
        ("\u{feff}Journey\n", "1:1: expected `journey`"),
    ];
    for (diagram, expected) in cases {
        let error = import_err(diagram);
        assert!(
            error.starts_with(expected),
            "for {diagram:?}\n expected {expected:?}\n      got {error:?}"
        );
    }
}

#[test]
fn accepted_like_mermaid() {
    // Quirks of Mermaid's grammar that look wrong but parse there (each was
    // checked with Mermaid 11.17).
    for diagram in [
        "journey title X\n  section A\n  T: 3\n",
        "journey\n  section A\n    journeyfoo: 3\n",
        "journey\n  section A\n    Task #1;: 3\n",
        "journey\n  section A\n    5%% off: 3\n",
        "journey\n  section A\n    T: \n",
        "journey\n  section A\n  accTitle:\n  section B\n",
        "journey\n  section A\n    T: 3\n  accDescr {}\n",
        "journey\n  section A\n    Lifestyle: 3: #a;\n",
        "journey\n  section A\n    a%%{init: x}%%b: 3\n",
        "%% c\n---\ntitle: x\n---\njourney\n  section A\n",
        "---\n\n---\njourney\n  section A\n",
    ] {
        import_ok(diagram);
    }
}

#[test]
fn binary_prefixes_the_file_name() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("bad.mmd");
    std::fs::write(&path, "journey\n  section A\n    task; x: 3\n").unwrap_or_default();
    let output = assert_cmd::Command::cargo_bin("journeymap")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["import", "mermaid"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:3:9: `;` is not allowed", path.display())),
        "{stderr}"
    );
}

/// A score Mermaid draws but the map cannot take (not an integer 1–5) is a
/// `# TODO` in the map and a located warning, with the fix when the score
/// and the actors lost the `:` between them.
#[test]
fn scores_the_map_cannot_take_are_warned_about_with_their_place() {
    let diagram = "journey\n  section Order\n    Pick slot: 5 Me\n    Pay: Me: 4\n    Track:: 3\n    Rate: 4.5\n";
    let imported = import(diagram).expect("Mermaid accepts the diagram");
    assert_checks(&imported.yaml);
    assert_eq!(
        imported.warnings,
        [
            "3:16: task \"Pick slot\" has score \"5 Me\", which is not an integer from 1 to 5: \
             the touchpoint gets no emotion (marked TODO); if \"Me\" are actors, write `Pick slot: 5: Me`",
            "4:10: task \"Pay\" has score \"Me\", which is not an integer from 1 to 5: \
             the touchpoint gets no emotion (marked TODO); to give the actors \"Me\", write `Pay: 4: Me`",
            "5:11: task \"Track\" has no score before its actors: \
             the touchpoint gets no emotion (marked TODO); write `Track: 3`",
            "6:11: task \"Rate\" has score \"4.5\", which is not an integer from 1 to 5: \
             the touchpoint gets no emotion (marked TODO)",
        ]
    );
    // A diagram whose every score is 1–5 imports without a warning.
    let clean = import("journey\n  section Order\n    Pick slot: 5: Me\n").expect("accepted");
    assert_eq!(clean.warnings, Vec::<String>::new());
}
