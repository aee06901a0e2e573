//! `export --to html`: the page of an example (snapshotted), its determinism,
//! its escaping of every map text, and that it references nothing outside
//! itself. `scripts/test-html` opens the same pages in a real browser.

use std::path::Path;

mod common;

use journeymap::check::{FileReport, ValidMap, check_map};
use journeymap::export::html::render;

const EXAMPLES: [&str; 3] = [
    "examples/b2b-software-trial.yaml",
    "examples/grocery-first-order.yaml",
    "examples/hospital-appointment.yaml",
];

/// Checks a map (today = 2026-11-23) and keeps it; it must pass the schema.
fn checked(path: &str, source: &[u8]) -> (ValidMap, FileReport) {
    let (report, valid) = check_map(path, source, &common::options());
    let valid = valid.unwrap_or_else(|| {
        panic!(
            "{path} must pass the schema, got:\n{}",
            common::render(&report.diagnostics)
        )
    });
    (valid, report)
}

fn export_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let (map, report) = checked(path, &bytes);
    render(&map, &report)
}

fn export_text(source: &str) -> String {
    let (map, report) = checked("map.yaml", source.as_bytes());
    render(&map, &report)
}

/// The `<svg …>…</svg>` fragments of a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg ") {
        let Some(len) = rest[start..].find("</svg>") else {
            panic!("an <svg> is not closed");
        };
        let end = start + len + "</svg>".len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// The page's text between `from` and the next `to`.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} is not in the page"));
    let rest = &html[start..];
    let end = rest.find(to).unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn grocery_example_page() {
    let html = export_file("examples/grocery-first-order.yaml");
    insta::assert_snapshot!("grocery_first_order", html);
}

#[test]
fn the_page_is_deterministic() {
    for path in EXAMPLES {
        assert_eq!(export_file(path), export_file(path), "{path}");
    }
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLES[1]);
    let bytes = std::fs::read(full).expect("the example is readable");
    let (map, report) = checked(EXAMPLES[1], &bytes);
    assert_eq!(render(&map, &report), render(&map, &report));
}

#[test]
fn the_page_is_accessible_html5() {
    let html = export_file("examples/grocery-first-order.yaml");
    for needle in [
        "<!doctype html>\n<html lang=\"en\">",
        "<meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>First online grocery order — journey map</title>",
        "<main id=\"content\">",
        "<h1>First online grocery order</h1>",
        "<th scope=\"col\" id=\"stage-awareness\">",
        "<th scope=\"row\">Touchpoints</th>",
        "@media print",
        "break-inside: avoid",
    ] {
        assert!(html.contains(needle), "the page lacks {needle:?}");
    }
    assert_eq!(html.matches("<style>").count(), 1, "one <style> element");
    assert_eq!(html.matches("<h1>").count(), 1, "one <h1>");
    // Headings never skip a level.
    let mut last = 1;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "an <h{level}> follows an <h{last}>");
        last = level;
    }
    // Ids are unique.
    let mut ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &html[i + 5..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "duplicate element ids");
}

#[test]
fn the_svg_charts_have_titles_and_parse_as_xml() {
    for path in EXAMPLES {
        let html = export_file(path);
        let charts = svgs(&html);
        assert_eq!(
            charts.len(),
            2,
            "{path}: the emotion curve and the timeline"
        );
        for svg in charts {
            let document = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{path}: an SVG is not well-formed XML: {e}\n{svg}"));
            let root = document.root_element();
            assert_eq!(root.attribute("role"), Some("img"), "{path}");
            let first = root.first_element_child().map(|n| n.tag_name().name());
            assert_eq!(first, Some("title"), "{path}: <title> comes first");
            assert!(
                root.children().any(|n| n.tag_name().name() == "desc"),
                "{path}: the SVG has a <desc>"
            );
        }
    }
    let html = export_file("examples/grocery-first-order.yaml");
    assert!(
        html.contains(
            "<title id=\"curve-title\">Emotion curve: First online grocery order</title>"
        )
    );
    // The text alternative lists every stage's score.
    let alternative = between(&html, "<table class=\"vh\">", "</table>");
    assert!(alternative.contains("<th scope=\"row\">Decision</th><td>2 (negative)</td>"));
    assert!(alternative.contains("Delivery slot picker 1"));
}

#[test]
fn a_stage_without_emotion_leaves_a_gap_in_the_curve() {
    let html = export_text(&common::edited(&[(
        "    name: Consideration\n    emotion: 4\n",
        "    name: Consideration\n",
    )]));
    let curve = between(&html, "<svg ", "</svg>");
    assert!(curve.contains(">no score</text>"));
    // Awareness stands alone; Decision → Retention → Advocacy is one line.
    assert_eq!(curve.matches("<path class=\"curve-line\"").count(), 1);
    assert!(curve.contains("d=\"M518 152 L678 68 L838 68\""), "{curve}");
}

const HOSTILE: &str = "<script>alert(1)</script>";

fn hostile_map() -> String {
    common::edited(&[
        (
            "title: First online grocery order",
            r#"title: "<script>alert(1)</script> Groceries & \"more\" 'too'""#,
        ),
        (
            "name: Maya, busy parent",
            r#"name: "<script>alert(1)</script> Maya & \"Co\"""#,
        ),
        (
            "name: Checkout page,",
            r#"name: "<script>alert(1)</script> Checkout & 'pay'","#,
        ),
        (
            "unit: per week",
            r#"unit: "<script>alert(1)</script> & \"units\"""#,
        ),
        (
            "description: Evening slots full by Tuesday",
            r#"description: "<script>alert(1)</script> slots & 'evening' \"full\"""#,
        ),
    ])
}

#[test]
fn every_map_text_is_escaped() {
    let html = export_text(&hostile_map());
    assert!(!html.contains("<script"), "a <script> got through");
    assert!(!html.contains(HOSTILE));
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for needle in [
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt; Groceries &amp; &quot;more&quot; &#39;too&#39;</h1>",
        "<h3>&lt;script&gt;alert(1)&lt;/script&gt; Maya &amp; &quot;Co&quot;</h3>",
        "<span class=\"tp-name\">&lt;script&gt;alert(1)&lt;/script&gt; Checkout &amp; &#39;pay&#39;</span>",
        "1200 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;units&quot;",
        "&lt;script&gt;alert(1)&lt;/script&gt; slots &amp; &#39;evening&#39; &quot;full&quot;",
    ] {
        assert!(html.contains(needle), "the page lacks {needle:?}");
    }
    // In the <title>, the SVG title and description, and tooltips too.
    assert!(html.contains(&format!("<title>{escaped} Groceries")));
    assert!(html.contains(&format!(
        "<title id=\"curve-title\">Emotion curve: {escaped}"
    )));
    assert!(html.contains(&format!(
        "<span class=\"at\">at <a href=\"#tp-checkout\">{escaped} Checkout &amp; &#39;pay&#39;</a></span>"
    )));
    // No raw quote of the map survives to break out of an attribute.
    assert!(!html.contains("\"more\""));
    assert!(!html.contains("'pay'"));
}

/// Decided: the page references nothing — no `src`, no `<link>`, no `url(`
/// (not even `data:`), no `@import`, and every `href` is a fragment of the page.
fn assert_self_contained(name: &str, html: &str) {
    for forbidden in [
        "src=",
        "<link",
        "<script",
        "@import",
        "url(",
        "<iframe",
        "<object",
        "<embed",
        "<img",
        "srcset",
        "xlink:href",
    ] {
        assert!(
            !html.contains(forbidden),
            "{name}: the page contains {forbidden:?}"
        );
    }
    for (i, _) in html.match_indices("href=\"") {
        assert!(
            html[i + 6..].starts_with('#'),
            "{name}: a link leaves the page: {}",
            &html[i..(i + 60).min(html.len())]
        );
    }
    // Every fragment link lands on an element of the page.
    for (i, _) in html.match_indices("href=\"#") {
        let rest = &html[i + 7..];
        let target = &rest[..rest.find('"').unwrap_or(0)];
        assert!(
            html.contains(&format!(" id=\"{target}\"")),
            "{name}: #{target} links to nothing"
        );
    }
}

#[test]
fn the_page_references_nothing_outside_itself() {
    for path in EXAMPLES {
        assert_self_contained(path, &export_file(path));
    }
    assert_self_contained("the hostile map", &export_text(&hostile_map()));
    assert_self_contained("the base map", &export_text(common::BASE));
}

#[test]
fn ideas_are_ranked_by_priority_then_id_unscored_last() {
    let html = export_file("examples/grocery-first-order.yaml");
    let ideas = between(&html, "<section id=\"ideas\"", "</section>");
    let order: Vec<usize> = [
        "Waitlist with push notification",      // 4 × (6 − 2) = 16
        "Substitutions filtered by allergens",  // allergen-safe-swaps, 15
        "Show fee and minimum basket live",     // fee-in-basket, 15
        "Put the referral code on the receipt", // 10
    ]
    .iter()
    .map(|text| {
        ideas
            .find(&format!("<th scope=\"row\">{text}"))
            .unwrap_or_else(|| panic!("{text:?} is not ranked"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");

    let html = export_text(&common::edited(&[(
        "addresses: [slot-full], impact: 4, effort: 2 }",
        "addresses: [slot-full] }",
    )]));
    let ideas = between(&html, "<section id=\"ideas\"", "</section>");
    let scored = ideas
        .find("Pick substitutes at checkout")
        .unwrap_or(usize::MAX);
    let unscored = ideas.find("Waitlist for freed slots").unwrap_or(0);
    assert!(scored < unscored, "the unscored idea comes last");
    assert!(ideas.contains(">unscored<"));
}

#[test]
fn the_plan_has_a_timeline_milestones_and_totals_per_currency() {
    let html = export_file("examples/grocery-first-order.yaml");
    let plan = between(&html, "<section id=\"plan\"", "</section>");
    assert!(plan.contains("<title id=\"timeline-title\">Action plan timeline</title>"));
    let fee = plan.find("Fee banner shipped").unwrap_or(usize::MAX);
    let pilot = plan.find("<th scope=\"row\">Pilot live").unwrap_or(0);
    assert!(fee < pilot, "milestones in date order");
    assert!(plan.contains(
        "<tr><th scope=\"row\">Total budget, GBP</th><td></td><td></td><td class=\"num\">92,500 GBP</td></tr>"
    ));
    let html = export_file("examples/b2b-software-trial.yaml");
    assert!(html.contains("Total budget, EUR"));
}

#[test]
fn the_gap_summary_groups_findings_by_severity() {
    let html = export_file("examples/grocery-first-order.yaml");
    assert!(html.contains("No gaps: every rule of <code>journeymap check</code> passed."));

    // An unknown reference (error), an action without owner (warning), a stage
    // without emotion (info).
    let html = export_text(&common::edited(&[
        (
            "    name: Decision\n    emotion: 2\n",
            "    name: Decision\n",
        ),
        (
            "      addresses: [slot-waitlist]\n",
            "      addresses: [nowhere]\n",
        ),
        (", owner: Web team, due: 2027-02-01", ", due: 2027-02-01"),
    ]));
    let gaps = between(&html, "<section id=\"gaps\"", "</section>");
    let errors = gaps.find("Errors (1)").unwrap_or(usize::MAX);
    let warnings = gaps.find("Warnings (").unwrap_or(usize::MAX);
    let infos = gaps.find("Infos (1)").unwrap_or(usize::MAX);
    assert!(errors < warnings && warnings < infos, "{gaps}");
    for rule in ["unknown-reference", "missing-owner", "missing-emotion"] {
        assert!(
            gaps.contains(&format!("<code class=\"rule\">{rule}</code>")),
            "{rule} is missing from {gaps}"
        );
    }
    // Each finding with its line.
    assert!(
        gaps.contains(
            "<tr><td class=\"num\">30</td><td><code class=\"rule\">missing-emotion</code>"
        ),
        "{gaps}"
    );
}
