//! `init`: the commented template map an analyst starts from.
//!
//! The template shows every part of the format, and passes `check` with no
//! finding at all as long as its `updated` date is recent: [`template`] puts
//! the date `init` runs on there.

use jiff::civil::Date;

/// The `updated` date written in [`TEMPLATE`].
pub const TEMPLATE_UPDATED: &str = "2026-11-23";

/// The template's text, reviewed on [`TEMPLATE_UPDATED`].
pub const TEMPLATE: &str = r#"# yaml-language-server: $schema=https://journeymap.dev/schema/journey-map/v1.json
#
# A customer journey map: one persona, the stages of their journey, where it
# hurts, what could be better and what the organisation will do about it.
# Every value below is a placeholder: replace it with what your research
# says, delete the optional parts you do not need, and check the map with
# `journeymap check FILE`.
#
# Conventions:
# - `id` values are slugs (a-z, 0-9, - and _), unique across the whole file;
#   other parts of the map refer to things by their id.
# - Scores (emotion, severity, impact, effort) are whole numbers 1-5.
# - Dates are YYYY-MM-DD.
# - Keys starting with x- are yours; every rule ignores them. Any object may
#   carry `x-ignore: [rule-id]` to silence a rule there, e.g.
#   x-ignore: [stage-without-metrics]
# - `journeymap rules` lists the rules; `journeymap explain RULE` explains one.

version: 1                # format version; always 1
title: Name of the journey, e.g. First online order
description: What this journey covers, from first contact to recommendation.
owner: Team that owns the map
updated: 2026-11-23       # date of the last review with the team (see stale-map)
tags: [replace-me, customer-journey]

# Who: the customer whose journey this is.
persona:
  name: Persona name and role, e.g. Maya, busy parent
  description: A short portrait of the persona and their situation.
  demographics:           # any key is allowed; each value is text or a number
    age: 35-44
    gender: Gender of the persona
    occupation: Job or main occupation
    location: City or region
    income: Income or income band
  behaviors:              # buying habits, brand preferences, digital behaviour
    - A buying habit, e.g. compares prices on the phone
  needs:
    - What the persona needs from a service like ours
  goals:
    - What the persona wants to achieve
  challenges:
    - An obstacle or frustration in the persona's life
  channels:               # preferred channels; every one should have a touchpoint
    - social
    - web
    - email
    - mobile app

# The journey, stage by stage, in order. Awareness, consideration, decision,
# retention and advocacy are the standard stages; rename, add or remove
# stages to fit your journey.
stages:
  - id: awareness
    name: Awareness
    description: The customer learns that we exist.
    goals: [What the customer wants at this stage]
    actions: [What the customer does at this stage]
    feelings: [What the customer thinks and feels, in their words]
    emotion: 3            # 1 very negative, 3 neutral, 5 delighted
    touchpoints:          # where the customer meets us at this stage
      - id: social-ad
        name: Social media ad
        channel: social   # one of the persona's channels
        description: What the customer sees or uses here.
        device: phone
        actions: [What the customer does at this touchpoint]
        emotion: 3
        owner: Team responsible for this touchpoint
    insights: [A key observation from research about this stage]
    metrics:              # KPIs for this stage
      - name: ad click-through rate
        value: 1.2
        target: 2
        unit: "%"

  - id: consideration
    name: Consideration
    description: The customer compares us with the alternatives.
    goals: [What the customer wants at this stage]
    actions: [What the customer does at this stage]
    feelings: [What the customer thinks and feels, in their words]
    emotion: 4
    touchpoints:
      - { id: product-page, name: Product page, channel: web, device: laptop, owner: Web team, emotion: 4 }
    insights: [A key observation from research about this stage]
    metrics:
      - { name: product page to sign-up rate, value: 5, target: 8, unit: "%" }

  - id: decision
    name: Decision
    description: The customer buys or signs up.
    goals: [What the customer wants at this stage]
    actions: [What the customer does at this stage]
    feelings: [What the customer thinks and feels, in their words]
    emotion: 2            # a low point (1 or 2) needs a pain point in this stage
    touchpoints:
      - { id: checkout, name: Checkout page, channel: web, device: laptop, owner: Web team, emotion: 2 }
    insights: [A key observation from research about this stage]
    metrics:
      - { name: checkout conversion, value: 40, target: 60, unit: "%" }

  - id: retention
    name: Retention
    description: The customer uses what they bought and decides whether to come back.
    goals: [What the customer wants at this stage]
    actions: [What the customer does at this stage]
    feelings: [What the customer thinks and feels, in their words]
    emotion: 3
    touchpoints:
      - { id: welcome-email, name: Welcome email, channel: email, device: phone, owner: CRM team, emotion: 3 }
    insights: [A key observation from research about this stage]
    metrics:
      - { name: repeat purchase within 30 days, value: 30, target: 45, unit: "%" }

  - id: advocacy
    name: Advocacy
    description: The customer recommends us, or warns others off.
    goals: [What the customer wants at this stage]
    actions: [What the customer does at this stage]
    feelings: [What the customer thinks and feels, in their words]
    emotion: 4
    touchpoints:
      - { id: referral-screen, name: Refer-a-friend screen, channel: mobile app, device: phone, owner: Growth team, emotion: 4 }
    insights: [A key observation from research about this stage]
    metrics:
      - { name: referral share rate, value: 3, target: 6, unit: "%" }

# What could be better. Every pain point and unmet need should be addressed
# by an idea or an action, and every idea taken up by an action.
opportunities:
  pain_points:            # problems the customer meets
    - id: checkout-friction
      description: A problem the customer meets, in one sentence
      stage: decision     # id of the stage where it happens
      touchpoint: checkout  # optional: id of a touchpoint of that same stage
      severity: 4         # 1 minor, 5 severe
      evidence: Where we know it from, e.g. support tickets or interviews
  unmet_needs:            # needs nothing serves today
    - id: order-updates
      description: A need nothing serves today, in one sentence
      stage: retention
      evidence: Where we know it from, e.g. a diary study
  innovations:            # new features, services or processes
    - id: one-page-checkout
      description: A new feature, service or process
      addresses: [checkout-friction]  # ids of pain points or unmet needs
      impact: 4           # 1 least, 5 most; priority = impact x (6 - effort)
      effort: 3           # 1 least, 5 most
  efficiencies:           # processes to make faster or cheaper
    - id: proactive-updates
      description: A process to make faster or cheaper
      addresses: [order-updates]
      impact: 3
      effort: 2
  feedback:               # how customer feedback is collected and fed back
    methods: [in-app survey, customer interviews, app store reviews]
    cadence: monthly
    owner: Team that runs the feedback loop

# What the organisation will do. Every action needs an owner, a due date (or
# a milestone that delivers it) and a resource entry, and says what it
# addresses: ids of ideas, pain points or unmet needs.
action_plan:
  initiatives:            # strategic initiatives
    - id: checkout-redesign
      title: What will be done, as a short imperative phrase
      addresses: [checkout-friction]
      owner: Team or person accountable
      start: 2027-01-04
      due: 2027-03-26
      status: planned     # planned, in-progress, done or dropped
  pilots:                 # small-scale trials
    - id: one-page-checkout-pilot
      title: Try the idea at a small scale first
      addresses: [one-page-checkout]
      owner: Team or person accountable
      start: 2027-01-11
      due: 2027-02-19
      status: planned
      scope: Where and how widely the pilot runs, e.g. one region for 6 weeks
      success_criteria:   # measurable outcomes that decide the pilot
        - A measurable outcome, e.g. 10% more completed checkouts
  improvements:           # product improvements
    - id: order-status-messages
      title: What will be improved
      addresses: [proactive-updates]
      owner: Team or person accountable
      start: 2027-01-18
      due: 2027-02-26
      status: planned
  milestones:             # dated checkpoints, each delivering actions
    - name: Pilot results reviewed
      date: 2027-02-19
      delivers: [one-page-checkout-pilot]
    - name: New checkout live
      date: 2027-03-26
      delivers: [checkout-redesign, order-status-messages]
  resources:              # who and what each action needs
    - action: checkout-redesign
      people: 3
      roles: [designer, web developer]
      budget: 30000
      currency: EUR       # ISO 4217 code: three capital letters
    - { action: one-page-checkout-pilot, people: 2, roles: [web developer], budget: 10000, currency: EUR }
    - { action: order-status-messages, people: 1, roles: [backend developer], budget: 5000, currency: EUR }
"#;

/// The template as `init` writes it: [`TEMPLATE`] with `updated` set to
/// `today`, so a fresh map is not stale.
pub fn template(today: Date) -> String {
    TEMPLATE.replacen(
        &format!("updated: {TEMPLATE_UPDATED}"),
        &format!("updated: {today}"),
        1,
    )
}
