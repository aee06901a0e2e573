// Converts the corpus's YAML maps to JSON once, for ajv-cli (scripts/bench).
//
// ajv-cli can read YAML, but with js-yaml's default YAML 1.1 schema, which
// turns every `2026-10-01` into a Date object (so every map fails
// `type: string`), and it exits at the first file that does not parse. Here
// the maps are read with the YAML 1.2 core schema (dates stay strings, as
// journeymap and check-jsonschema read them); files that do not parse — the
// corpus's YAML syntax defects — are left out and counted.
//
// usage: NODE_PATH=target/bench-node/node_modules node benches/yaml-to-json.js SRC_DIR DST_DIR

"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error("usage: yaml-to-json.js SRC_DIR DST_DIR");
  process.exit(2);
}
fs.mkdirSync(target, { recursive: true });
for (const name of fs.readdirSync(target)) {
  if (name.endsWith(".json")) fs.unlinkSync(path.join(target, name));
}
let converted = 0;
let skipped = 0;
for (const name of fs.readdirSync(source).sort()) {
  if (!name.endsWith(".yaml")) continue;
  let data;
  try {
    data = yaml.load(fs.readFileSync(path.join(source, name), "utf8"), {
      schema: yaml.CORE_SCHEMA,
    });
  } catch (error) {
    skipped += 1;
    continue;
  }
  const json = name.replace(/\.yaml$/, ".json");
  fs.writeFileSync(path.join(target, json), JSON.stringify(data, null, 2) + "\n");
  converted += 1;
}
console.log(`${converted} converted, ${skipped} left out (not parseable YAML)`);
