//! A deterministic generator of realistic journey maps, for the benchmark
//! (`cargo run --release --example gen-corpus`) and `tests/corpus.rs`.
//!
//! Everything comes from one seeded SplitMix64 stream and is written in a
//! fixed order (no hash maps), so the same seed gives the same bytes on
//! every machine. A map is built as data first, then a chosen defect is
//! applied (to the data, or to the text for YAML syntax errors), then it is
//! written as YAML in the style of the shipped examples: block and flow
//! mappings mixed, quoting only where YAML needs it.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: tiny, fast, and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the tiny modulo bias does not matter here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct items, in random order.
    pub fn sample<T: Clone>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let mut out = Vec::new();
        while out.len() < count && !pool.is_empty() {
            out.push(pool.swap_remove(self.below(pool.len())));
        }
        out
    }
}

/// What is wrong with a generated map, and the rule expected to report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// A complete map: no finding at all (with `--today 2026-11-23`).
    None,
    /// A JSON Schema violation (`schema`).
    Schema,
    /// A gap the gap or plan rules report as a warning or an info.
    Gap,
    /// A reference to an id that does not exist (`unknown-reference`).
    Reference,
    /// A YAML syntax error (`yaml-syntax`).
    Syntax,
}

impl Defect {
    pub fn name(self) -> &'static str {
        match self {
            Defect::None => "clean",
            Defect::Schema => "schema",
            Defect::Gap => "gap",
            Defect::Reference => "reference",
            Defect::Syntax => "syntax",
        }
    }
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct Generated {
    pub text: String,
    pub defect: Defect,
    /// The rule expected among the findings (`-` for a clean map).
    pub rule: &'static str,
}

/// The date the corpus is generated for: pass it as `--today` so that no
/// clean map is stale.
pub const TODAY: &str = "2026-11-23";

/// Picks a map's defect: about `fraction` of the maps get one, the four
/// kinds mixed at random.
pub fn defect_for(rng: &mut Rng, fraction: f64) -> Defect {
    if !rng.chance(fraction) {
        return Defect::None;
    }
    *rng.pick(&[
        Defect::Schema,
        Defect::Gap,
        Defect::Reference,
        Defect::Syntax,
    ])
}

/// What a corpus is generated with.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub seed: u64,
    pub maps: usize,
    /// The fraction of maps with a defect, 0 to 1.
    pub defects: f64,
    /// The size of the big map in MiB; 0 for none.
    pub big_mib: u32,
}

impl Params {
    /// The manifest's first line: the bench script reuses a corpus whose
    /// first line is the one it would write.
    pub fn header(&self) -> String {
        format!(
            "# gen-corpus v2 seed={} maps={} defects={} big-mib={} today={TODAY}",
            self.seed, self.maps, self.defects, self.big_mib
        )
    }
}

/// Writes the corpus into `out`: `maps/map-00001.yaml`…, `big/big-map.yaml`
/// and `manifest.tsv` (the header, then `path, defect, rule` per file).
/// `*.yaml` files a previous run left in `maps/` and `big/` are removed
/// first, and nothing else. Returns a one-line summary.
pub fn write_corpus(out: &Path, params: &Params) -> std::io::Result<String> {
    let maps_dir = out.join("maps");
    let big_dir = out.join("big");
    // The manifest goes first and comes back last: a run cut short leaves
    // no manifest, so the bench script cannot mistake it for a corpus.
    match std::fs::remove_file(out.join("manifest.tsv")) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    clear_yaml(&maps_dir)?;
    clear_yaml(&big_dir)?;

    let mut manifest = params.header();
    manifest.push('\n');
    let mut counts = [0usize; 5];
    let mut bytes = 0usize;
    for (name, map) in corpus(params.seed, params.maps, params.defects) {
        std::fs::write(maps_dir.join(&name), &map.text)?;
        bytes += map.text.len();
        counts[map.defect as usize] += 1;
        let _ = writeln!(manifest, "maps/{name}\t{}\t{}", map.defect.name(), map.rule);
    }
    let mut summary = format!(
        "wrote {} maps ({:.1} MiB; {} clean, {} schema, {} gap, {} reference, {} syntax)",
        params.maps,
        bytes as f64 / 1_048_576.0,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4]
    );
    if params.big_mib > 0 {
        let text = big(params.seed, params.big_mib as usize * 1_048_576);
        std::fs::write(big_dir.join("big-map.yaml"), &text)?;
        let _ = writeln!(manifest, "big/big-map.yaml\tclean\t-");
        let _ = write!(
            summary,
            " and big/big-map.yaml ({:.1} MiB)",
            text.len() as f64 / 1_048_576.0
        );
    }
    std::fs::write(out.join("manifest.tsv"), manifest)?;
    Ok(format!("{summary} to {}", out.display()))
}

/// Removes the `*.yaml` files in `dir` (creating it if need be).
fn clear_yaml(dir: &Path) -> std::io::Result<()> {
    if !dir.exists() {
        return std::fs::create_dir_all(dir);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

/// Generates the whole corpus description: `(file name, map)` for `maps`
/// maps, the same for the same seed.
pub fn corpus(seed: u64, maps: usize, defects: f64) -> impl Iterator<Item = (String, Generated)> {
    let mut rng = Rng::new(seed);
    (1..=maps).map(move |index| {
        // Each map gets its own stream, so map k does not depend on how many
        // random numbers the maps before it used.
        let map_seed = rng.next_u64();
        let mut map_rng = Rng::new(map_seed);
        let defect = defect_for(&mut map_rng, defects);
        (
            format!("map-{index:05}.yaml"),
            generate(&mut map_rng, defect),
        )
    })
}

/// The size a generated map keeps to (before its defect).
const MAP_BYTES: std::ops::RangeInclusive<usize> = 4096..=8000;

/// One map of 4–8 KiB with the given defect.
pub fn generate(rng: &mut Rng, defect: Defect) -> Generated {
    // A map outside the size range is drawn again (from the same stream,
    // so still deterministic); a few percent are.
    let mut map = build(rng, 5, false);
    while !MAP_BYTES.contains(&write(&map).len()) {
        map = build(rng, 5, false);
    }
    let rule = match defect {
        Defect::None => "-",
        Defect::Schema => schema_defect(rng, &mut map),
        Defect::Gap => gap_defect(rng, &mut map),
        Defect::Reference => reference_defect(rng, &mut map),
        Defect::Syntax => "yaml-syntax",
    };
    let mut text = write(&map);
    if defect == Defect::Syntax {
        text = syntax_defect(rng, &text);
    }
    Generated { text, defect, rule }
}

/// One defect-free map of about `bytes` bytes: thousands of stages, with
/// pain points, ideas and actions in proportion.
pub fn big(seed: u64, bytes: usize) -> String {
    // Measure a small one, scale the number of stages to the target, then
    // correct once for what the first estimate missed.
    let probe = write(&build(&mut Rng::new(seed), 64, true)).len();
    let stages = (64 * bytes / probe.max(1)).max(5);
    let first = write(&build(&mut Rng::new(seed), stages, true)).len();
    let stages = (stages * bytes / first.max(1)).max(5);
    write(&build(&mut Rng::new(seed), stages, true))
}

// ----------------------------------------------------------------------------
// Word pools

const JOURNEYS: &[(&str, &str)] = &[
    ("online grocery order", "grocery"),
    ("mortgage application", "banking"),
    ("broadband switch", "telecom"),
    ("hospital appointment", "healthcare"),
    ("car insurance claim", "insurance"),
    ("software trial", "saas"),
    ("hotel booking", "travel"),
    ("energy tariff change", "utilities"),
    ("university enrolment", "education"),
    ("current account opening", "banking"),
    ("gym membership", "fitness"),
    ("sofa purchase", "retail"),
    ("train ticket refund", "transport"),
    ("pet insurance quote", "insurance"),
    ("phone upgrade", "telecom"),
    ("meal-kit subscription", "food"),
    ("home removal booking", "logistics"),
    ("council tax payment", "public sector"),
    ("concert ticket purchase", "events"),
    ("electric car lease", "automotive"),
    ("dental check-up", "healthcare"),
    ("pension transfer", "finance"),
    ("language course sign-up", "education"),
    ("parcel return", "logistics"),
];
const JOURNEY_ADJECTIVES: &[&str] = &[
    "First",
    "Repeat",
    "Urgent",
    "Weekend",
    "Mobile-first",
    "Self-service",
    "Assisted",
    "Annual",
    "Family",
    "Small-business",
    "Premium",
    "Late-night",
];
const FIRST_NAMES: &[&str] = &[
    "Maya", "Tom", "Aisha", "Lukas", "Priya", "Diego", "Chen", "Fatima", "Oliver", "Ines", "Kwame",
    "Sofia", "Mateo", "Hana", "Ravi", "Elena", "Jonas", "Amara", "Yuki", "Noah", "Leila", "Marek",
    "Zara", "Samuel", "Ingrid", "Tariq", "Camille", "Bruno", "Nadia", "Owen",
];
const ROLES: &[&str] = &[
    "busy parent",
    "first-time buyer",
    "retired teacher",
    "shift nurse",
    "IT manager",
    "freelance designer",
    "university student",
    "small-business owner",
    "daily commuter",
    "procurement lead",
    "night-shift worker",
    "new arrival in the country",
    "carer for an elderly parent",
];
const OCCUPATIONS: &[&str] = &[
    "nurse",
    "teacher",
    "engineer",
    "shop manager",
    "accountant",
    "student",
    "electrician",
    "pharmacist",
    "driver",
    "developer",
    "chef",
    "architect",
];
const CITIES: &[&str] = &[
    "Leeds",
    "Lyon",
    "Porto",
    "Austin",
    "Osaka",
    "Nairobi",
    "Toronto",
    "Krakow",
    "Dublin",
    "Adelaide",
    "Utrecht",
    "Bilbao",
    "Glasgow",
    "Pune",
    "Curitiba",
    "Gothenburg",
];
const CHANNELS: &[&str] = &[
    "web",
    "mobile app",
    "email",
    "phone",
    "store",
    "social",
    "chat",
    "sms",
    "branch",
    "post",
    "video call",
];
const DEVICES: &[&str] = &["phone", "laptop", "tablet", "desktop", "kiosk"];
const TEAMS: &[&str] = &[
    "Growth team",
    "Web team",
    "App team",
    "CRM team",
    "Support",
    "Operations",
    "Billing squad",
    "Onboarding squad",
    "Data team",
    "Marketing",
    "Customer Experience",
    "Logistics",
    "Store operations",
    "Contact centre",
    "Risk and compliance",
];
const CURRENCIES: &[&str] = &["GBP", "EUR", "USD", "JPY", "CAD", "AUD", "SEK"];
const STATUSES: &[&str] = &["planned", "in-progress", "done", "dropped", "planned"];
const FEEDBACK_METHODS: &[&str] = &[
    "in-app survey",
    "NPS email",
    "customer interviews",
    "app store reviews",
    "support ticket tagging",
    "social listening",
    "usability tests",
    "diary study",
    "feedback form",
];
const CADENCES: &[&str] = &["weekly", "fortnightly", "monthly", "quarterly"];
const VERBS: &[&str] = &[
    "compares",
    "reads",
    "checks",
    "searches for",
    "asks about",
    "saves",
    "shares",
    "abandons",
    "revisits",
    "screenshots",
    "questions",
    "looks up",
];
const OBJECTS: &[&str] = &[
    "the price",
    "the delivery fee",
    "the cancellation terms",
    "customer reviews",
    "the opening hours",
    "the eligibility rules",
    "a discount code",
    "the contract length",
    "the privacy notice",
    "the FAQ",
    "the comparison table",
    "the confirmation email",
    "the booking reference",
    "the waiting time",
    "the refund policy",
];
const FEELINGS: &[&str] = &[
    "curious but sceptical",
    "confident",
    "anxious about hidden costs",
    "frustrated by the wait",
    "relieved it worked",
    "confused by the jargon",
    "impatient",
    "reassured by the reviews",
    "annoyed at repeating details",
    "pleasantly surprised",
    "overwhelmed by the options",
    "proud to recommend it",
];
const NEEDS: &[&str] = &[
    "know the full cost up front",
    "finish in one sitting",
    "talk to a person when stuck",
    "use the phone for everything",
    "get updates without chasing",
    "trust that data is safe",
    "fit it around shift work",
    "undo a mistake easily",
    "see progress at a glance",
    "pay in instalments",
];
/// What goes wrong, as a verb phrase, with the short key ids are made from.
const PROBLEMS: &[(&str, &str)] = &[
    ("hidden-cost", "hides the full cost until the last step"),
    ("too-slow", "takes more than ten minutes"),
    ("repeat-details", "asks for the same details twice"),
    ("old-phones", "fails on older phones"),
    ("no-confirmation", "gives no confirmation"),
    ("office-hours", "works only in office hours"),
    ("jargon", "uses internal jargon"),
    ("timeout", "times out without saving"),
    ("stale-info", "shows stale information"),
    ("printer", "needs a printer"),
];
const GOALS: &[&str] = &[
    "finish in one go",
    "spend less than planned",
    "avoid a phone call",
    "get it right the first time",
    "keep the family informed",
    "be done before the deadline",
];
const IDEA_VERBS: &[&str] = &[
    "Show",
    "Pre-fill",
    "Automate",
    "Simplify",
    "Offer",
    "Send",
    "Explain",
    "Remember",
    "Personalise",
    "Bundle",
];
const METRIC_NAMES: &[&str] = &[
    "conversion rate",
    "click-through rate",
    "drop-off rate",
    "time to complete",
    "first-contact resolution",
    "repeat purchase rate",
    "NPS",
    "CSAT",
    "referral share rate",
    "support contacts per order",
    "average handling time",
    "activation rate",
];
const UNITS: &[&str] = &["%", "seconds", "minutes", "per week", "points", "days"];
const EVIDENCE: &[&str] = &[
    "support tickets",
    "app store reviews",
    "interviews",
    "session recordings",
    "survey verbatims",
    "call-centre logs",
    "analytics funnel",
    "diary study",
];
const QUARTERS: &[&str] = &["Q1", "Q2", "Q3", "Q4"];
/// Emotion scores, weighted towards the middle: low points are the exception.
const EMOTIONS: &[u8] = &[1, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5];

/// The standard stages, each with the ids/names a map may use for it, and
/// touchpoint names typical for it.
const STAGES: &[(&[&str], &[&str])] = &[
    (
        &["awareness"],
        &[
            "Search ad",
            "Instagram ad",
            "Comparison site listing",
            "Podcast sponsorship",
            "Billboard",
            "Newsletter mention",
            "Landing page",
            "Video review",
            "Radio spot",
            "Partner referral",
        ],
    ),
    (
        &["consideration"],
        &[
            "Pricing page",
            "Product catalogue",
            "Live chat",
            "FAQ page",
            "Quote calculator",
            "Demo video",
            "Reviews page",
            "Showroom visit",
            "Call centre enquiry",
            "Brochure download",
        ],
    ),
    (
        &["decision", "purchase"],
        &[
            "Checkout page",
            "Sign-up form",
            "Payment page",
            "Contract e-signature",
            "Slot picker",
            "Identity check",
            "Order confirmation email",
            "Booking form",
            "Counter sale",
            "Credit check",
        ],
    ),
    (
        &["retention", "loyalty", "service"],
        &[
            "Welcome email",
            "Order tracking",
            "Monthly statement",
            "Renewal reminder",
            "Support ticket",
            "In-app tips",
            "Loyalty points screen",
            "Delivery update text",
            "Account dashboard",
            "Service visit",
        ],
    ),
    (
        &["advocacy"],
        &[
            "Review request email",
            "Refer-a-friend screen",
            "Community forum",
            "Survey invite",
            "Social share prompt",
            "Case study interview",
            "Ambassador programme",
            "Gift card offer",
        ],
    ),
];

// ----------------------------------------------------------------------------
// The map as data

struct Map {
    title: String,
    description: String,
    owner: String,
    updated: String,
    tags: Vec<String>,
    persona: Persona,
    stages: Vec<Stage>,
    pain_points: Vec<PainPoint>,
    unmet_needs: Vec<Need>,
    innovations: Vec<Idea>,
    efficiencies: Vec<Idea>,
    feedback: Option<Feedback>,
    initiatives: Vec<Action>,
    pilots: Vec<Action>,
    improvements: Vec<Action>,
    milestones: Vec<Milestone>,
    resources: Vec<Resource>,
    extension: Option<String>,
    /// The stage whose emotion is written as a quoted string (a schema defect).
    emotion_as_text: Option<usize>,
}

struct Persona {
    name: String,
    description: String,
    age: String,
    occupation: String,
    location: String,
    behaviors: Vec<String>,
    needs: Vec<String>,
    goals: Vec<String>,
    challenges: Vec<String>,
    channels: Vec<String>,
}

struct Stage {
    id: String,
    name: String,
    description: String,
    goals: Vec<String>,
    actions: Vec<String>,
    feelings: Vec<String>,
    emotion: u8,
    touchpoints: Vec<Touchpoint>,
    insights: Vec<String>,
    metrics: Vec<Metric>,
    flow: bool,
}

struct Touchpoint {
    id: String,
    name: String,
    channel: String,
    device: Option<String>,
    owner: Option<String>,
    emotion: Option<u8>,
    actions: Vec<String>,
    flow: bool,
    /// The key `channel` is written as (a misspelling is a schema defect).
    channel_key: &'static str,
}

struct Metric {
    name: String,
    value: String,
    target: String,
    unit: Option<String>,
}

struct PainPoint {
    id: String,
    description: String,
    stage: String,
    touchpoint: Option<String>,
    severity: u8,
    evidence: String,
}

struct Need {
    id: String,
    description: String,
    stage: Option<String>,
    evidence: String,
}

struct Idea {
    id: String,
    description: String,
    addresses: Vec<String>,
    impact: u8,
    effort: Option<u8>,
}

struct Feedback {
    methods: Vec<String>,
    cadence: String,
    owner: String,
}

struct Action {
    id: String,
    title: String,
    addresses: Vec<String>,
    owner: Option<String>,
    start: u32,
    due: Option<String>,
    status: String,
    scope: Option<String>,
    success_criteria: Vec<String>,
}

struct Milestone {
    name: String,
    date: String,
    delivers: Vec<String>,
}

struct Resource {
    action: String,
    people: String,
    roles: Vec<String>,
    budget: u32,
    currency: String,
}

/// Ids unique across the file: a clash gets a numeric suffix.
#[derive(Default)]
struct IdSet(Vec<String>);

impl IdSet {
    fn take(&mut self, wanted: &str) -> String {
        let base = slug(wanted);
        let mut candidate = base.clone();
        let mut n = 2;
        while self.0.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.0.push(candidate.clone());
        candidate
    }
}

/// "Search ad" → "search-ad", at most 40 characters.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(40).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A date `day` days after 2026-01-01, as `YYYY-MM-DD`.
fn date(day: u32) -> String {
    const MONTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut year = 2026;
    let mut day = day;
    loop {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let length = if leap { 366 } else { 365 };
        if day < length {
            for (m, &days) in MONTHS.iter().enumerate() {
                let days = if m == 1 && leap { 29 } else { days };
                if day < days {
                    return format!("{year}-{:02}-{:02}", m + 1, day + 1);
                }
                day -= days;
            }
        }
        day -= length;
        year += 1;
    }
}

fn sentence(rng: &mut Rng, subject: &str) -> String {
    match rng.below(4) {
        0 => format!("{subject} {} {}", rng.pick(VERBS), rng.pick(OBJECTS)),
        1 => format!(
            "{subject} {} {} on the {}",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(DEVICES)
        ),
        2 => format!(
            "{subject} {} {}, then {} {}",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        _ => format!(
            "{subject} {} {} before {}",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(&["work", "lunch", "the school run", "bed", "the weekend"])
        ),
    }
}

fn phrases(rng: &mut Rng, pool: &[&str], low: usize, high: usize) -> Vec<String> {
    let count = rng.range(low, high);
    rng.sample(pool, count)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn insight(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!(
            "{}% of visitors leave when the page {}",
            rng.range(5, 80),
            rng.pick(PROBLEMS).1
        ),
        1 => format!(
            "Customers who see {} first convert {}.{}x more",
            rng.pick(OBJECTS),
            rng.range(1, 3),
            rng.range(1, 9)
        ),
        _ => format!(
            "{} in {} mention {}",
            rng.range(2, 40),
            rng.pick(EVIDENCE),
            rng.pick(OBJECTS)
        ),
    }
}

/// Builds a complete, finding-free map with `stage_count` stages (the first
/// five are the standard ones). `big` maps number their ids by stage.
fn build(rng: &mut Rng, stage_count: usize, big: bool) -> Map {
    let &(journey, industry) = rng.pick(JOURNEYS);
    let first = *rng.pick(FIRST_NAMES);
    let role = *rng.pick(ROLES);
    let mut ids = IdSet::default();

    // Channels this map uses: the persona prefers exactly these.
    let channels: Vec<String> = phrases(rng, CHANNELS, 3, 5);
    let teams: Vec<String> = phrases(rng, TEAMS, 4, 7);

    let mut stages = Vec::with_capacity(stage_count);
    for s in 0..stage_count {
        let (names, touchpoint_names) = STAGES[s % STAGES.len()];
        let (id, name) = if s < STAGES.len() {
            let id = (*rng.pick(names)).to_owned();
            let name = capitalise(&id);
            (ids.take(&id), name)
        } else {
            let word = rng.pick(touchpoint_names);
            let id = format!("stage-{:05}-{}", s + 1, slug(word));
            (id, format!("Step {}: {}", s + 1, word))
        };
        let emotion = *rng.pick(EMOTIONS);
        let touchpoint_count = rng.range(2, 4);
        let mut touchpoints = Vec::new();
        for name in rng.sample(touchpoint_names, touchpoint_count) {
            let tp_id = if big {
                format!("{}-s{}", slug(name), s + 1)
            } else {
                ids.take(name)
            };
            touchpoints.push(Touchpoint {
                id: tp_id,
                name: name.to_owned(),
                channel: rng.pick(&channels).clone(),
                device: rng.chance(0.5).then(|| (*rng.pick(DEVICES)).to_owned()),
                owner: rng.chance(0.7).then(|| rng.pick(&teams).clone()),
                emotion: rng.chance(0.4).then(|| *rng.pick(EMOTIONS)),
                actions: if rng.chance(0.4) {
                    vec![sentence(rng, "reads").replacen("reads ", "", 1)]
                } else {
                    Vec::new()
                },
                flow: rng.chance(0.7),
                channel_key: "channel",
            });
        }
        let metric_count = if rng.chance(0.3) { 2 } else { 1 };
        let metrics = (0..metric_count)
            .map(|_| {
                let value = rng.range(1, 90);
                Metric {
                    name: (*rng.pick(METRIC_NAMES)).to_owned(),
                    value: value.to_string(),
                    target: (value + rng.range(1, 20)).to_string(),
                    unit: rng.chance(0.8).then(|| (*rng.pick(UNITS)).to_owned()),
                }
            })
            .collect();
        stages.push(Stage {
            id,
            name,
            description: sentence(rng, first),
            goals: if rng.chance(0.5) {
                vec![format!("{} without {}", rng.pick(NEEDS), rng.pick(OBJECTS))]
            } else {
                Vec::new()
            },
            actions: (0..if rng.chance(0.3) { 2 } else { 1 })
                .map(|_| sentence(rng, "she").replacen("she ", "", 1))
                .collect(),
            feelings: {
                let most = if rng.chance(0.3) { 2 } else { 1 };
                phrases(rng, FEELINGS, 1, most)
            },
            emotion,
            touchpoints,
            insights: vec![insight(rng)],
            metrics,
            flow: rng.chance(0.5),
        });
    }
    // Every channel the persona prefers is used by some touchpoint: channel
    // k goes to the touchpoint k/len of the way through (distinct, as there
    // are more touchpoints than channels).
    let mut slots: Vec<&mut Touchpoint> = stages
        .iter_mut()
        .flat_map(|stage| stage.touchpoints.iter_mut())
        .collect();
    let total = slots.len();
    for (k, channel) in channels.iter().enumerate() {
        slots[k * total / channels.len()].channel = channel.clone();
    }

    // Pain points: every low stage gets one, plus a few more.
    let mut pain_points = Vec::new();
    for (s, stage) in stages.iter().enumerate() {
        let lowest = stage
            .touchpoints
            .iter()
            .filter_map(|t| t.emotion)
            .chain([stage.emotion])
            .min()
            .unwrap_or(3);
        if lowest <= 2 || rng.chance(0.2) {
            let touchpoint = rng.pick(&stage.touchpoints);
            let &(key, problem) = rng.pick(PROBLEMS);
            let id = if big {
                format!("pain-{}-{key}", s + 1)
            } else {
                ids.take(&format!("{}-{key}", touchpoint.id))
            };
            pain_points.push(PainPoint {
                id,
                description: format!("{} {problem}", touchpoint.name),
                stage: stage.id.clone(),
                touchpoint: rng.chance(0.8).then(|| touchpoint.id.clone()),
                severity: rng.range(2, 5) as u8,
                evidence: format!(
                    "{} {}: {} mentions",
                    2026,
                    rng.pick(QUARTERS),
                    rng.range(12, 480)
                ),
            });
        }
    }
    let unmet_needs: Vec<Need> = (0..if big {
        stage_count / 6
    } else {
        rng.range(1, 2)
    })
        .map(|n| {
            let need = *rng.pick(NEEDS);
            let id = if big {
                format!("need-{}-{}", n + 1, slug(need))
            } else {
                ids.take(need)
            };
            Need {
                id,
                description: capitalise(&format!("{first} wants to {need}")),
                stage: rng.chance(0.7).then(|| rng.pick(&stages).id.clone()),
                evidence: format!("{} {}", rng.range(3, 20), rng.pick(EVIDENCE)),
            }
        })
        .collect();

    // Ideas: each pain point and need is addressed by one idea.
    let mut targets: Vec<String> = pain_points.iter().map(|p| p.id.clone()).collect();
    targets.extend(unmet_needs.iter().map(|n| n.id.clone()));
    let mut innovations = Vec::new();
    let mut efficiencies = Vec::new();
    let mut i = 0;
    while i < targets.len() {
        let take = if i + 1 < targets.len() && rng.chance(0.5) {
            2
        } else {
            1
        };
        let addresses: Vec<String> = targets[i..i + take].to_vec();
        i += take;
        let verb = *rng.pick(IDEA_VERBS);
        let object = *rng.pick(OBJECTS);
        let wanted = format!("{verb} {}", object.trim_start_matches("the "));
        let id = if big {
            format!("idea-{i}-{}", slug(&wanted))
        } else {
            ids.take(&wanted)
        };
        let idea = Idea {
            id,
            description: format!("{verb} {object} where {first} needs it"),
            addresses,
            impact: rng.range(1, 5) as u8,
            effort: Some(rng.range(1, 5) as u8),
        };
        if rng.chance(0.6) {
            innovations.push(idea);
        } else {
            efficiencies.push(idea);
        }
    }

    // Actions: each idea is taken up by one; each has a resource entry.
    let mut initiatives = Vec::new();
    let mut pilots = Vec::new();
    let mut improvements = Vec::new();
    let mut resources = Vec::new();
    let idea_ids: Vec<(String, String)> = innovations
        .iter()
        .chain(&efficiencies)
        .map(|idea| (idea.id.clone(), idea.description.clone()))
        .collect();
    for (n, (idea_id, description)) in idea_ids.iter().enumerate() {
        let kind = rng.below(3);
        let id = if big {
            format!("act-{}-{idea_id}", n + 1)
        } else {
            ids.take(&format!(
                "{}-{}",
                ["programme", "pilot", "fix"][kind],
                idea_id
            ))
        };
        let start = rng.range(150, 400) as u32;
        let action = Action {
            id: id.clone(),
            title: description
                .replace(" where ", " for ")
                .replace(" needs it", ""),
            addresses: vec![idea_id.clone()],
            owner: Some(rng.pick(&teams).clone()),
            start,
            due: rng
                .chance(0.85)
                .then(|| date(start + rng.range(14, 120) as u32)),
            status: (*rng.pick(STATUSES)).to_owned(),
            scope: (kind == 1).then(|| {
                format!(
                    "{} customers in {}, {} weeks",
                    capitalise(industry),
                    rng.pick(CITIES),
                    rng.range(2, 12)
                )
            }),
            success_criteria: if kind == 1 {
                vec![
                    format!("{}% fewer drop-offs", rng.range(5, 30)),
                    format!(
                        "{} {} above {}",
                        rng.pick(METRIC_NAMES),
                        "stays",
                        rng.range(10, 70)
                    ),
                ]
            } else {
                Vec::new()
            },
        };
        resources.push(Resource {
            action: id,
            people: if rng.chance(0.2) {
                format!("{}.5", rng.range(0, 3))
            } else {
                rng.range(1, 6).to_string()
            },
            roles: phrases(
                rng,
                &[
                    "designer",
                    "iOS engineer",
                    "backend engineer",
                    "data analyst",
                    "product manager",
                    "content designer",
                    "QA engineer",
                ],
                1,
                2,
            ),
            budget: rng.range(5, 120) as u32 * 500,
            currency: (*rng.pick(CURRENCIES)).to_owned(),
        });
        match kind {
            0 => initiatives.push(action),
            1 => pilots.push(action),
            _ => improvements.push(action),
        }
    }
    // Milestones deliver every action that has no due date, and a few more.
    let mut milestones = Vec::new();
    let all_actions: Vec<&Action> = initiatives
        .iter()
        .chain(&pilots)
        .chain(&improvements)
        .collect();
    let mut pending: Vec<&Action> = Vec::new();
    for action in &all_actions {
        if action.due.is_none() || rng.chance(0.3) {
            pending.push(action);
        }
        if pending.len() >= 2 || (pending.len() == 1 && rng.chance(0.5)) {
            let latest = pending.iter().map(|a| a.start).max().unwrap_or(0);
            milestones.push(Milestone {
                name: format!(
                    "{} {}",
                    capitalise(
                        &pending[0]
                            .title
                            .split(' ')
                            .take(3)
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    rng.pick(&["live", "shipped", "reviewed", "in all regions"])
                ),
                date: date(latest + rng.range(10, 90) as u32),
                delivers: pending.iter().map(|a| a.id.clone()).collect(),
            });
            pending.clear();
        }
    }
    if !pending.is_empty() {
        let latest = pending.iter().map(|a| a.start).max().unwrap_or(0);
        milestones.push(Milestone {
            name: "Everything else live".to_owned(),
            date: date(latest + 30),
            delivers: pending.iter().map(|a| a.id.clone()).collect(),
        });
    }

    let occupation = *rng.pick(OCCUPATIONS);
    let persona = Persona {
        name: format!("{first}, {role}"),
        description: format!(
            "{} from {} who {} {}.",
            capitalise(occupation),
            rng.pick(CITIES),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        age: if rng.chance(0.5) {
            rng.range(19, 78).to_string()
        } else {
            let decade = rng.range(2, 6) * 10;
            format!("\"{decade}-{}\"", decade + 9)
        },
        occupation: (*rng.pick(OCCUPATIONS)).to_owned(),
        location: (*rng.pick(CITIES)).to_owned(),
        behaviors: (0..rng.range(1, 2))
            .map(|_| sentence(rng, "often").replacen("often ", "", 1))
            .collect(),
        needs: phrases(rng, NEEDS, 1, 3),
        goals: phrases(rng, GOALS, 1, 2),
        challenges: {
            let count = rng.range(1, 2);
            rng.sample(PROBLEMS, count)
        }
        .into_iter()
        .map(|(_, p)| format!("the process {p}"))
        .collect(),
        channels: rng.sample(&channels, channels.len()),
    };
    let title = format!("{} {}", rng.pick(JOURNEY_ADJECTIVES), journey);
    Map {
        description: format!(
            "How a {role} goes through the {journey}, from first contact to recommending it."
        ),
        title,
        owner: rng.pick(&teams).clone(),
        updated: date(rng.range(160, 322) as u32),
        tags: vec![
            slug(industry),
            slug(journey),
            (*rng.pick(&["b2c", "b2b", "self-service", "assisted"])).to_owned(),
        ],
        persona,
        stages,
        pain_points,
        unmet_needs,
        innovations,
        efficiencies,
        feedback: Some(Feedback {
            methods: phrases(rng, FEEDBACK_METHODS, 1, 3),
            cadence: (*rng.pick(CADENCES)).to_owned(),
            owner: rng.pick(&teams).clone(),
        }),
        initiatives,
        pilots,
        improvements,
        milestones,
        resources,
        extension: rng
            .chance(0.2)
            .then(|| format!("research wiki page {}", rng.range(100, 999))),
        emotion_as_text: None,
    }
}

// ----------------------------------------------------------------------------
// Defects

fn schema_defect(rng: &mut Rng, map: &mut Map) -> &'static str {
    match rng.below(5) {
        0 => {
            // emotion: "4"
            map.emotion_as_text = Some(rng.below(map.stages.len()));
        }
        1 => {
            // chanel: web (unknown key, required key missing)
            let stage = rng.below(map.stages.len());
            let touchpoints = &mut map.stages[stage].touchpoints;
            let t = rng.below(touchpoints.len());
            touchpoints[t].channel_key = "chanel";
        }
        2 => {
            // A date that does not exist.
            let action = first_action(map);
            action.due = Some(format!("2027-02-{}", rng.range(29, 31)));
        }
        3 => {
            // A severity out of range.
            if let Some(pain) = map.pain_points.first_mut() {
                pain.severity = 6 + rng.below(4) as u8;
            } else {
                map.emotion_as_text = Some(0);
            }
        }
        _ => {
            // A currency in lower case.
            if let Some(resource) = map.resources.first_mut() {
                resource.currency = resource.currency.to_lowercase();
            } else {
                map.emotion_as_text = Some(0);
            }
        }
    }
    "schema"
}

fn first_action(map: &mut Map) -> &mut Action {
    if let Some(action) = map.initiatives.first_mut() {
        return action;
    }
    if let Some(action) = map.pilots.first_mut() {
        return action;
    }
    map.improvements
        .first_mut()
        .expect("every map has at least one action")
}

fn gap_defect(rng: &mut Rng, map: &mut Map) -> &'static str {
    match rng.below(5) {
        0 => {
            first_action(map).owner = None;
            "missing-owner"
        }
        1 => {
            map.feedback = None;
            "no-feedback-loop"
        }
        2 => {
            let stage = rng.below(map.stages.len());
            map.stages[stage].metrics.clear();
            "stage-without-metrics"
        }
        3 => {
            let ideas = if map.innovations.is_empty() {
                &mut map.efficiencies
            } else {
                &mut map.innovations
            };
            ideas[0].effort = None;
            "unscored-opportunity"
        }
        _ => {
            let channel = format!("{} kiosk", rng.pick(CITIES));
            map.persona.channels.push(channel);
            "unused-preferred-channel"
        }
    }
}

fn reference_defect(rng: &mut Rng, map: &mut Map) -> &'static str {
    // A typo in an id that is referred to: the reference names nothing.
    fn typo(id: &str) -> String {
        format!("{id}s")
    }
    match rng.below(3) {
        0 if !map.pain_points.is_empty() => {
            let pain = &mut map.pain_points[0];
            pain.stage = typo(&pain.stage);
        }
        1 if !map.milestones.is_empty() => {
            let milestone = &mut map.milestones[0];
            milestone.delivers[0] = typo(&milestone.delivers[0]);
        }
        _ => {
            let action = first_action(map);
            action.addresses[0] = typo(&action.addresses[0]);
        }
    }
    "unknown-reference"
}

/// Breaks the YAML itself: a tab for indentation, an unclosed quote, a
/// duplicate key, or a flow list left open.
fn syntax_defect(rng: &mut Rng, text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indented: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("    ") && lines[i].trim_start().contains(": "))
        .collect();
    let at = indented[rng.below(indented.len())];
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match rng.below(4) {
        0 => {
            let trimmed = out[at].trim_start().to_owned();
            let depth = out[at].len() - trimmed.len();
            out[at] = format!("\t{}{trimmed}", " ".repeat(depth.saturating_sub(4)));
        }
        1 => {
            let (key, value) = out[at].split_once(": ").map_or_else(
                || (out[at].clone(), String::new()),
                |(k, v)| (k.to_owned(), v.to_owned()),
            );
            // An opening quote with no closing one (a quoted value loses its end).
            out[at] = format!("{key}: \"{}", value.trim_matches('"'));
        }
        2 => {
            // `title` twice at the top level.
            let title = out
                .iter()
                .position(|l| l.starts_with("title: "))
                .unwrap_or(0);
            let copy = format!("title: {}", rng.pick(JOURNEYS).0);
            out.insert(title + 1, copy);
        }
        _ => {
            let tags = out.iter().position(|l| l.starts_with("tags: "));
            match tags {
                Some(tags) => out[tags] = out[tags].trim_end_matches(']').to_owned(),
                None => out[at].push_str(" ]"),
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

// ----------------------------------------------------------------------------
// Writing YAML

/// A scalar as YAML reads it back as the same string: plain when safe,
/// double-quoted otherwise.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !text.ends_with(' ')
        && !text.contains(['#', ',', '[', ']', '{', '}', '"', '\\', '\t', ':'])
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_owned()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i)).collect();
    format!("[{}]", items.join(", "))
}

/// A list as flow (`[a, b]`) or block (`- a` lines), at `indent`.
fn list(out: &mut String, indent: &str, key: &str, items: &[String], flow: bool) {
    if items.is_empty() {
        return;
    }
    if flow {
        let _ = writeln!(out, "{indent}{key}: {}", flow_list(items));
    } else {
        let _ = writeln!(out, "{indent}{key}:");
        for item in items {
            let _ = writeln!(out, "{indent}  - {}", scalar(item));
        }
    }
}

fn write(map: &Map) -> String {
    let mut out = String::with_capacity(8192);
    let w = &mut out;
    let _ = writeln!(
        w,
        "# yaml-language-server: $schema=../../schema/journey-map.schema.json"
    );
    let _ = writeln!(w, "version: 1");
    let _ = writeln!(w, "title: {}", scalar(&map.title));
    let _ = writeln!(w, "description: {}", scalar(&map.description));
    let _ = writeln!(w, "owner: {}", scalar(&map.owner));
    let _ = writeln!(w, "updated: {}", map.updated);
    let _ = writeln!(w, "tags: {}", flow_list(&map.tags));
    if let Some(extension) = &map.extension {
        let _ = writeln!(w, "x-source: {}", scalar(extension));
    }

    let p = &map.persona;
    let _ = writeln!(w, "persona:");
    let _ = writeln!(w, "  name: {}", scalar(&p.name));
    let _ = writeln!(w, "  description: {}", scalar(&p.description));
    let _ = writeln!(w, "  demographics:");
    let _ = writeln!(w, "    age: {}", p.age);
    let _ = writeln!(w, "    occupation: {}", scalar(&p.occupation));
    let _ = writeln!(w, "    location: {}", scalar(&p.location));
    list(w, "  ", "behaviors", &p.behaviors, false);
    list(w, "  ", "needs", &p.needs, true);
    list(w, "  ", "goals", &p.goals, true);
    list(w, "  ", "challenges", &p.challenges, true);
    list(w, "  ", "channels", &p.channels, true);

    let _ = writeln!(w, "stages:");
    for (s, stage) in map.stages.iter().enumerate() {
        let _ = writeln!(w, "  - id: {}", stage.id);
        let _ = writeln!(w, "    name: {}", scalar(&stage.name));
        let _ = writeln!(w, "    description: {}", scalar(&stage.description));
        list(w, "    ", "goals", &stage.goals, stage.flow);
        list(w, "    ", "actions", &stage.actions, stage.flow);
        list(w, "    ", "feelings", &stage.feelings, true);
        if map.emotion_as_text == Some(s) {
            let _ = writeln!(w, "    emotion: \"{}\"", stage.emotion);
        } else {
            let _ = writeln!(w, "    emotion: {}", stage.emotion);
        }
        let _ = writeln!(w, "    touchpoints:");
        for t in &stage.touchpoints {
            if t.flow {
                let _ = write!(
                    w,
                    "      - {{ id: {}, name: {}, {}: {}",
                    t.id,
                    scalar(&t.name),
                    t.channel_key,
                    scalar(&t.channel),
                );
                if let Some(device) = &t.device {
                    let _ = write!(w, ", device: {}", scalar(device));
                }
                if let Some(owner) = &t.owner {
                    let _ = write!(w, ", owner: {}", scalar(owner));
                }
                if let Some(emotion) = t.emotion {
                    let _ = write!(w, ", emotion: {emotion}");
                }
                let _ = writeln!(w, " }}");
                // Flow touchpoints keep their actions out: one line each.
            } else {
                let _ = writeln!(w, "      - id: {}", t.id);
                let _ = writeln!(w, "        name: {}", scalar(&t.name));
                let _ = writeln!(w, "        {}: {}", t.channel_key, scalar(&t.channel));
                if let Some(device) = &t.device {
                    let _ = writeln!(w, "        device: {}", scalar(device));
                }
                if let Some(owner) = &t.owner {
                    let _ = writeln!(w, "        owner: {}", scalar(owner));
                }
                if let Some(emotion) = t.emotion {
                    let _ = writeln!(w, "        emotion: {emotion}");
                }
                list(w, "        ", "actions", &t.actions, true);
            }
        }
        list(w, "    ", "insights", &stage.insights, false);
        if !stage.metrics.is_empty() {
            let _ = writeln!(w, "    metrics:");
            for m in &stage.metrics {
                let _ = write!(
                    w,
                    "      - {{ name: {}, value: {}, target: {}",
                    scalar(&m.name),
                    m.value,
                    m.target
                );
                if let Some(unit) = &m.unit {
                    let _ = write!(w, ", unit: {}", scalar(unit));
                }
                let _ = writeln!(w, " }}");
            }
        }
    }

    let _ = writeln!(w, "opportunities:");
    if !map.pain_points.is_empty() {
        let _ = writeln!(w, "  pain_points:");
        for pain in &map.pain_points {
            let _ = writeln!(w, "    - id: {}", pain.id);
            let _ = writeln!(w, "      description: {}", scalar(&pain.description));
            let _ = writeln!(w, "      stage: {}", pain.stage);
            if let Some(touchpoint) = &pain.touchpoint {
                let _ = writeln!(w, "      touchpoint: {touchpoint}");
            }
            let _ = writeln!(w, "      severity: {}", pain.severity);
            let _ = writeln!(w, "      evidence: {}", scalar(&pain.evidence));
        }
    }
    if !map.unmet_needs.is_empty() {
        let _ = writeln!(w, "  unmet_needs:");
        for need in &map.unmet_needs {
            let _ = writeln!(w, "    - id: {}", need.id);
            let _ = writeln!(w, "      description: {}", scalar(&need.description));
            if let Some(stage) = &need.stage {
                let _ = writeln!(w, "      stage: {stage}");
            }
            let _ = writeln!(w, "      evidence: {}", scalar(&need.evidence));
        }
    }
    for (key, ideas) in [
        ("innovations", &map.innovations),
        ("efficiencies", &map.efficiencies),
    ] {
        if ideas.is_empty() {
            continue;
        }
        let _ = writeln!(w, "  {key}:");
        for idea in ideas {
            let _ = writeln!(w, "    - id: {}", idea.id);
            let _ = writeln!(w, "      description: {}", scalar(&idea.description));
            let _ = writeln!(w, "      addresses: {}", flow_list(&idea.addresses));
            let _ = writeln!(w, "      impact: {}", idea.impact);
            if let Some(effort) = idea.effort {
                let _ = writeln!(w, "      effort: {effort}");
            }
        }
    }
    if let Some(feedback) = &map.feedback {
        let _ = writeln!(w, "  feedback:");
        list(w, "    ", "methods", &feedback.methods, true);
        let _ = writeln!(w, "    cadence: {}", scalar(&feedback.cadence));
        let _ = writeln!(w, "    owner: {}", scalar(&feedback.owner));
    }

    let _ = writeln!(w, "action_plan:");
    for (key, actions) in [
        ("initiatives", &map.initiatives),
        ("pilots", &map.pilots),
        ("improvements", &map.improvements),
    ] {
        if actions.is_empty() {
            continue;
        }
        let _ = writeln!(w, "  {key}:");
        for a in actions {
            let _ = writeln!(w, "    - id: {}", a.id);
            let _ = writeln!(w, "      title: {}", scalar(&a.title));
            let _ = writeln!(w, "      addresses: {}", flow_list(&a.addresses));
            if let Some(owner) = &a.owner {
                let _ = writeln!(w, "      owner: {}", scalar(owner));
            }
            let _ = writeln!(w, "      start: {}", date(a.start));
            if let Some(due) = &a.due {
                let _ = writeln!(w, "      due: {due}");
            }
            let _ = writeln!(w, "      status: {}", a.status);
            if let Some(scope) = &a.scope {
                let _ = writeln!(w, "      scope: {}", scalar(scope));
            }
            list(w, "      ", "success_criteria", &a.success_criteria, false);
        }
    }
    if !map.milestones.is_empty() {
        let _ = writeln!(w, "  milestones:");
        for m in &map.milestones {
            let _ = writeln!(
                w,
                "    - {{ name: {}, date: {}, delivers: {} }}",
                scalar(&m.name),
                m.date,
                flow_list(&m.delivers)
            );
        }
    }
    if !map.resources.is_empty() {
        let _ = writeln!(w, "  resources:");
        for r in &map.resources {
            let _ = writeln!(
                w,
                "    - {{ action: {}, people: {}, roles: {}, budget: {}, currency: {} }}",
                r.action,
                r.people,
                flow_list(&r.roles),
                r.budget,
                r.currency
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_roll_over_months_and_years() {
        assert_eq!(date(0), "2026-01-01");
        assert_eq!(date(58), "2026-02-28");
        assert_eq!(date(59), "2026-03-01");
        assert_eq!(date(365), "2027-01-01");
        assert_eq!(date(365 + 365 + 59), "2028-02-29");
    }
}
