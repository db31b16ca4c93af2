//! Which Code provision each row is: the printed number, the wording, and the neighbours,
//! weighed together (QUIRKS 9-11).

use chc_code::{number_key, word_hashes, CodeVersion, Registry, WordingProfile};
use chc_model::{MatchInfo, MatchMethod, RawRecord, Warning};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub provision: Option<String>,
    pub number_in_source: bool,
    pub matching: MatchInfo,
    pub quote_fidelity: Option<f64>,
    pub warnings: Vec<Warning>,
}

/// Fewer words than this and the wording cannot be trusted to identify a provision.
const MIN_WORDS: usize = 5;
/// A printed number loses to the wording only when the wording is this sure…
const OVERRIDE_SCORE: f64 = 0.6;
/// …and this much surer than it is of the printed number.
const OVERRIDE_MARGIN: f64 = 0.3;
/// Wording alone places a number-less row when its (neighbour-adjusted) score reaches this.
const TEXT_PLACE_SCORE: f64 = 0.45;

fn usable(text: &str) -> bool {
    text.split_whitespace().nth(MIN_WORDS - 1).is_some()
}

/// A record's requirement cell hashed once for every comparison with the registry
/// (version detection, placement and quote fidelity all read it).
#[derive(Clone)]
pub struct Probe {
    words: Vec<u64>,
    pub profile: WordingProfile,
}

impl Probe {
    fn new(requirement: &str) -> Self {
        let words = word_hashes(requirement);
        let profile = WordingProfile::from_word_hashes(&words);
        Probe { words, profile }
    }
}

/// Probes kept per thread at most, for a bound on memory: a batch's distinct requirement
/// texts are a few hundred.
const KEPT_PROBES: usize = 1024;

/// The [`Probe`] of each record. Forms quote the Code, so the same requirement texts come
/// back document after document: the probes of texts already seen are kept per thread, by
/// text, and copied rather than hashed again.
pub fn probes(records: &[RawRecord]) -> Vec<Probe> {
    thread_local! {
        static SEEN: RefCell<FxHashMap<String, Probe>> = RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        records
            .iter()
            .map(|r| {
                if let Some(probe) = seen.get(r.requirement.as_str()) {
                    return probe.clone();
                }
                let probe = Probe::new(&r.requirement);
                if seen.len() >= KEPT_PROBES {
                    seen.clear();
                }
                seen.insert(r.requirement.clone(), probe.clone());
                probe
            })
            .collect()
    })
}

/// `probes[i]` is the [`Probe`] of `records[i]`.
pub fn place(records: &[RawRecord], probes: &[Probe], version: Option<CodeVersion>, registry: &Registry) -> Vec<Placement> {
    let mut out: Vec<Option<Placement>> = vec![None; records.len()];
    let mut used: HashSet<String> = HashSet::new();

    for (i, r) in records.iter().enumerate() {
        if let Some(number) = &r.number {
            let p = place_numbered(r, &probes[i].profile, number, version, registry);
            if let Some(n) = &p.provision {
                used.insert(n.clone());
            }
            out[i] = Some(p);
        }
    }
    for i in 0..records.len() {
        if out[i].is_some() {
            continue;
        }
        let prev = out[..i].iter().rev().flatten().find_map(|p| p.provision.clone());
        let next = out[i + 1..].iter().flatten().find_map(|p| p.provision.clone());
        let p = place_unnumbered(&records[i], &probes[i].profile, prev.as_deref(), next.as_deref(), version, registry, &used);
        if let Some(n) = &p.provision {
            used.insert(n.clone());
        }
        out[i] = Some(p);
    }
    out.into_iter()
        .zip(records.iter().zip(probes))
        .map(|(p, (r, probe))| {
            let mut p = p.expect("every record placed");
            p.quote_fidelity = match (version, &p.provision) {
                (Some(v), Some(n)) if !r.requirement.trim().is_empty() => registry.quote_fidelity(v, n, &probe.words).map(round3),
                _ => None,
            };
            p
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Placement {
    fn new(provision: Option<String>, number_in_source: bool, method: MatchMethod, score: f64, text_suggests: Option<String>, warnings: Vec<Warning>) -> Self {
        Placement { provision, number_in_source, matching: MatchInfo { method, score: round3(score), text_suggests }, quote_fidelity: None, warnings }
    }
}

fn place_numbered(r: &RawRecord, probe: &WordingProfile, number: &str, version: Option<CodeVersion>, registry: &Registry) -> Placement {
    let mut warnings = Vec::new();
    let number_in_source = !r.number_misplaced;
    let by_number = |warnings| Placement::new(Some(number.to_string()), number_in_source, MatchMethod::Number, 0.0, None, warnings);
    let Some(v) = version else { return by_number(warnings) };
    let usable = usable(&r.requirement);
    let affinity = registry.affinity_of(v, number, probe);
    // Most rows quote their own provision closely. Then no other provision can score
    // enough more (scores are at most 1) to override the number or to be suggested, so
    // the outcome is known without scoring the whole registry.
    if let Some(affinity) = affinity.filter(|&a| usable && 1.0 - a < OVERRIDE_MARGIN) {
        return Placement::new(Some(number.to_string()), number_in_source, MatchMethod::NumberText, affinity, None, warnings);
    }
    let known = affinity.is_some();
    let unknown = Warning::new("unknown_provision", format!("{number} is not a provision of the {v} Code"));
    let best = if usable { registry.best_of(Some(v), probe) } else { None };
    let Some((best, score)) = best else {
        if !known && registry.of_version(v).next().is_some() {
            warnings.push(unknown);
        }
        return by_number(warnings);
    };
    let affinity = affinity.unwrap_or(0.0);
    if best.number != number && score >= OVERRIDE_SCORE && score - affinity >= OVERRIDE_MARGIN {
        warnings.push(Warning::new(
            "number_wording_disagree",
            format!("printed as {number} but the wording is {} ({score:.2} vs {affinity:.2}); matched by wording", best.number),
        ));
        return Placement::new(Some(best.number.clone()), false, MatchMethod::Text, score, Some(best.number.clone()), warnings);
    }
    let suggests = (best.number != number && affinity < 0.3 && score >= 0.5).then(|| best.number.clone());
    if let Some(s) = &suggests {
        warnings.push(Warning::new("number_wording_disagree", format!("printed as {number}; the wording reads more like {s}")));
    }
    if !known {
        warnings.push(unknown);
    }
    Placement::new(Some(number.to_string()), number_in_source, MatchMethod::NumberText, affinity, suggests, warnings)
}

/// Is `candidate` between the neighbours' numbers (when they are in numeric order)?
fn between(candidate: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    let c = number_key(candidate);
    prev.is_none_or(|p| number_key(p) < c) && next.is_none_or(|n| c < number_key(n)) && (prev.is_some() || next.is_some())
}

fn place_unnumbered(
    r: &RawRecord,
    probe: &WordingProfile,
    prev: Option<&str>,
    next: Option<&str>,
    version: Option<CodeVersion>,
    registry: &Registry,
    used: &HashSet<String>,
) -> Placement {
    let mut warnings = vec![Warning::new("inferred_number", "no provision number printed; inferred")];
    if let Some(v) = version {
        if usable(&r.requirement) {
            let best = registry
                .rank_of(Some(v), probe)
                .into_iter()
                .take(8)
                .map(|(p, s)| {
                    let mut adjusted = s;
                    if used.contains(&p.number) {
                        adjusted -= 0.3;
                    }
                    if between(&p.number, prev, next) {
                        adjusted += 0.25;
                    }
                    (p, s, adjusted)
                })
                .fold(None, |acc: Option<(&chc_code::Provision, f64, f64)>, c| match acc {
                    Some(a) if a.2 >= c.2 => Some(a),
                    _ => Some(c),
                });
            if let Some((p, score, adjusted)) = best {
                if adjusted >= TEXT_PLACE_SCORE {
                    return Placement::new(Some(p.number.clone()), false, MatchMethod::Text, score, None, warnings);
                }
            }
        }
    }
    let by_neighbours = neighbour_number(prev, next, version, registry, used);
    if by_neighbours.is_none() {
        warnings.push(Warning::new("unplaced", "neither number, wording nor neighbours identify this row"));
    }
    Placement::new(by_neighbours, false, MatchMethod::Neighbours, 0.0, None, warnings)
}

/// The number after the previous row's (or before the next row's), if it is free.
fn neighbour_number(prev: Option<&str>, next: Option<&str>, version: Option<CodeVersion>, registry: &Registry, used: &HashSet<String>) -> Option<String> {
    let exists = |n: &str| match version {
        Some(v) if registry.of_version(v).next().is_some() => registry.get(v, n).is_some(),
        _ => true,
    };
    let ok = |n: &str| exists(n) && !used.contains(n) && between(n, prev, next);
    if let Some(p) = prev {
        let (s, i) = number_key(p);
        let cand = format!("{s}.{}", i + 1);
        if ok(&cand) {
            return Some(cand);
        }
        let cand = format!("{}.1", s + 1);
        if ok(&cand) {
            return Some(cand);
        }
    }
    if let Some(n) = next {
        let (s, i) = number_key(n);
        if i > 1 {
            let cand = format!("{s}.{}", i - 1);
            if ok(&cand) {
                return Some(cand);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chc_model::RequirementKind;

    fn registry() -> Registry {
        let p = |n: &str, t: &str| chc_code::Provision {
            version: CodeVersion::V2024,
            number: n.into(),
            section: n.split('.').next().unwrap().parse().unwrap(),
            section_title: "S".into(),
            kind: Some(RequirementKind::Must),
            text: t.into(),
            quoted_by: 1,
            reviewed: true,
        };
        Registry::new(vec![
            p("6.2", "Complaints must be acknowledged, defined and logged at stage 1 of the complaints procedure within five working days of the complaint being received."),
            p("6.3", "Landlords must issue a full response to stage 1 complaints within 10 working days of the complaint being acknowledged."),
            p("6.4", "Landlords must decide whether an extension to this timescale is needed when considering the complexity of the complaint and then inform the resident of the expected timescale for response."),
            p("6.5", "When an organisation informs a resident about an extension to these timescales, they must be provided with the contact details of the Ombudsman."),
        ])
    }

    fn rec(number: Option<&str>, text: &str) -> RawRecord {
        RawRecord { number: number.map(str::to_string), requirement: text.into(), ..RawRecord::default() }
    }

    #[test]
    fn a_requirement_seen_before_gets_the_probe_its_text_gives() {
        let texts = ["Landlords must issue a full response to stage 1 complaints.", "A different text, stage 2.", ""];
        let records: Vec<RawRecord> = texts.iter().chain(&texts).map(|t| rec(None, t)).collect();
        // Twice over: the second document's probes all come from the cache.
        for _ in 0..2 {
            let got = probes(&records);
            for (probe, r) in got.iter().zip(&records) {
                let fresh = Probe::new(&r.requirement);
                assert_eq!((&probe.words, &probe.profile), (&fresh.words, &fresh.profile), "{}", r.requirement);
            }
        }
    }

    #[test]
    fn quirk9_missing_number_found_by_wording() {
        let reg = registry();
        let recs = vec![
            rec(Some("6.2"), "Complaints must be acknowledged, defined and logged at stage 1 of the complaints procedure within five working days"),
            rec(None, "Landlords must issue a full response to stage 1 complaints within 10 working days of the complaint being acknowledged."),
            rec(Some("6.4"), "Landlords must decide whether an extension to this timescale is needed"),
        ];
        let p = place(&recs, &probes(&recs), Some(CodeVersion::V2024), &reg);
        assert_eq!(p[1].provision.as_deref(), Some("6.3"));
        assert!(!p[1].number_in_source);
        assert_eq!(p[1].matching.method, MatchMethod::Text);
    }

    #[test]
    fn quirk9_missing_number_and_no_wording_uses_neighbours() {
        let reg = registry();
        let recs = vec![rec(Some("6.2"), ""), rec(None, ""), rec(Some("6.4"), "")];
        let p = place(&recs, &probes(&recs), Some(CodeVersion::V2024), &reg);
        assert_eq!(p[1].provision.as_deref(), Some("6.3"));
        assert_eq!(p[1].matching.method, MatchMethod::Neighbours);
    }

    #[test]
    fn wrong_number_is_corrected_with_a_warning() {
        let reg = registry();
        let recs = vec![rec(Some("6.2"), "When an organisation informs a resident about an extension to these timescales, they must be provided with the contact details of the Ombudsman.")];
        let p = place(&recs, &probes(&recs), Some(CodeVersion::V2024), &reg);
        assert_eq!(p[0].provision.as_deref(), Some("6.5"));
        assert!(!p[0].number_in_source);
        assert!(p[0].warnings.iter().any(|w| w.kind == "number_wording_disagree"));
    }

    #[test]
    fn quirk11_lost_text_still_matched_by_number() {
        let reg = registry();
        let recs = [rec(Some("6.3"), "")];
        let p = place(&recs, &probes(&recs), Some(CodeVersion::V2024), &reg);
        assert_eq!(p[0].provision.as_deref(), Some("6.3"));
        assert_eq!(p[0].matching.method, MatchMethod::Number);
    }
}
