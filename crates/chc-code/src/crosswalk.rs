//! The crosswalk between the 2022 and the 2024 Code: which 2024 provision each 2022
//! provision became, built from wording similarity and the Codes' section structure.
//!
//! Numbers cannot be compared across versions (2022 1.7 "accept a complaint unless a
//! valid reason" is 2024 2.1), so each 2022 provision is paired with the 2024 provision
//! whose wording is closest, with a small preference for the 2024 section that took over
//! the 2022 section's subject. Pairs a person has read and confirmed are listed in
//! `data/crosswalk_checked.csv`; a test holds the algorithm to them.

use crate::{number_key, CodeVersion, Registry};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Same requirement, (nearly) the same words.
    Same,
    /// Same requirement, reworded.
    Reworded,
    /// One 2022 provision became several 2024 provisions.
    Split,
    /// Several 2022 provisions became one 2024 provision.
    Merged,
    /// A 2024 provision with no 2022 counterpart.
    New,
    /// A 2022 provision with no 2024 counterpart.
    Removed,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Same => "same",
            LinkKind::Reworded => "reworded",
            LinkKind::Split => "split",
            LinkKind::Merged => "merged",
            LinkKind::New => "new",
            LinkKind::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub provision_2022: Option<String>,
    pub provision_2024: Option<String>,
    pub score: f64,
    pub kind: LinkKind,
    pub checked_by_hand: bool,
}

/// Wording this close means the same provision.
const SAME: f64 = 0.85;
/// Below this, no counterpart…
const PAIR: f64 = 0.35;
/// …unless the 2024 provision sits in a successor section and is the best candidate.
const PAIR_IN_SUCCESSOR: f64 = 0.22;
/// Preference for the 2024 section that took over the 2022 section's subject.
const SECTION_BONUS: f64 = 0.05;

/// 2022 section → the 2024 sections that cover its subject (CODE.md).
fn successor_sections(section_2022: u32) -> &'static [u32] {
    match section_2022 {
        1 => &[1, 2],
        2 => &[3],
        3 => &[4],
        4 => &[5],
        5 => &[6],
        6 => &[7],
        7 => &[9],
        8 => &[8],
        _ => &[],
    }
}

const CHECKED: &str = include_str!("../data/crosswalk_checked.csv");

/// Pairs confirmed by reading both texts: (2022, 2024 or "" for none).
pub fn checked_pairs() -> Vec<(String, String)> {
    CHECKED
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((it.next()?.trim().to_string(), it.next()?.trim().to_string()))
        })
        .collect()
}

/// Build the crosswalk from the registry's wording.
pub fn build(registry: &Registry) -> Vec<Link> {
    let old: Vec<_> = registry.of_version(CodeVersion::V2022).collect();
    let new: Vec<_> = registry.of_version(CodeVersion::V2024).collect();
    let checked: BTreeSet<(String, String)> = checked_pairs().into_iter().collect();
    // Best 2024 partner of each 2022 provision, and every partner above the pairing bar.
    let mut partners: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
    for p in &old {
        let Some(profile) = registry.profile(CodeVersion::V2022, &p.number) else { continue };
        let mut scored: Vec<(String, f64, f64, bool)> = new
            .iter()
            .filter_map(|q| {
                let s = registry.profile(CodeVersion::V2024, &q.number)?.similarity(profile);
                let successor = successor_sections(p.section).contains(&q.section);
                Some((q.number.clone(), s, s + if successor { SECTION_BONUS } else { 0.0 }, successor))
            })
            .collect();
        scored.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| number_key(&a.0).cmp(&number_key(&b.0))));
        let best = scored.first().map_or(0.0, |b| b.2);
        let kept: Vec<(String, f64)> = scored
            .iter()
            .enumerate()
            .filter(|(i, (_, s, adj, successor))| {
                let strong = *s >= PAIR && (*adj >= best - 0.1 || *s >= SAME);
                let weak_but_placed = *i == 0 && *successor && *s >= PAIR_IN_SUCCESSOR;
                strong || weak_but_placed
            })
            .map(|(_, (n, s, _, _))| (n.clone(), *s))
            .collect();
        partners.insert(p.number.clone(), kept);
    }
    let mut incoming: BTreeMap<String, usize> = BTreeMap::new();
    for ps in partners.values() {
        if let Some((n, _)) = ps.first() {
            *incoming.entry(n.clone()).or_default() += 1;
        }
    }
    let mut links = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for p in &old {
        let ps = partners.get(&p.number).cloned().unwrap_or_default();
        if ps.is_empty() {
            let checked_by_hand = checked.contains(&(p.number.clone(), String::new()));
            links.push(Link { provision_2022: Some(p.number.clone()), provision_2024: None, score: 0.0, kind: LinkKind::Removed, checked_by_hand });
            continue;
        }
        let split = ps.len() > 1;
        for (n, s) in &ps {
            covered.insert(n.clone());
            let kind = if split {
                LinkKind::Split
            } else if incoming.get(n).copied().unwrap_or(0) > 1 {
                LinkKind::Merged
            } else if *s >= SAME {
                LinkKind::Same
            } else {
                LinkKind::Reworded
            };
            let checked_by_hand = checked.contains(&(p.number.clone(), n.clone()));
            links.push(Link { provision_2022: Some(p.number.clone()), provision_2024: Some(n.clone()), score: round3(*s), kind, checked_by_hand });
        }
    }
    for q in &new {
        if !covered.contains(&q.number) {
            links.push(Link { provision_2022: None, provision_2024: Some(q.number.clone()), score: 0.0, kind: LinkKind::New, checked_by_hand: false });
        }
    }
    links
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The crosswalk of the embedded registry, built once.
pub fn embedded() -> &'static [Link] {
    static LINKS: OnceLock<Vec<Link>> = OnceLock::new();
    LINKS.get_or_init(|| build(Registry::embedded()))
}

/// The 2024 provision a 2022 provision corresponds to (the best-scoring one).
/// A 2020 question's 2022 counterpart, as read by hand (`data/crosswalk_2020_2022.csv`):
/// (provision, "same" | "related"). `None` when no 2022 provision asks the question.
pub fn counterpart_2022_of_2020(question: &str) -> Option<(&'static str, &'static str)> {
    static PAIRS: OnceLock<Vec<(&'static str, &'static str, &'static str)>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        include_str!("../data/crosswalk_2020_2022.csv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .map(|l| {
                let mut f = l.split(',');
                let (q, p, k) = (f.next().unwrap_or(""), f.next().unwrap_or(""), f.next().unwrap_or(""));
                (q, p, k)
            })
            .collect()
    });
    pairs.iter().find(|(q, p, _)| *q == question && !p.is_empty()).map(|(_, p, k)| (*p, *k))
}

pub fn counterpart_2024(provision_2022: &str) -> Option<&'static Link> {
    embedded()
        .iter()
        .filter(|l| l.provision_2022.as_deref() == Some(provision_2022) && l.provision_2024.is_some())
        .min_by(|a, b| b.score.total_cmp(&a.score).then_with(|| number_key(a.provision_2024.as_deref().unwrap_or("")).cmp(&number_key(b.provision_2024.as_deref().unwrap_or("")))))
}

/// `crosswalk_2022_2024.csv`.
pub fn to_csv(links: &[Link]) -> String {
    let mut out = String::from("provision_2022,provision_2024,score,kind,checked_by_hand\n");
    for l in links {
        out.push_str(&format!(
            "{},{},{:.3},{},{}\n",
            l.provision_2022.as_deref().unwrap_or(""),
            l.provision_2024.as_deref().unwrap_or(""),
            l.score,
            l.kind.as_str(),
            l.checked_by_hand
        ));
    }
    out
}

#[cfg(test)]
mod tests_2020 {
    use super::*;

    #[test]
    fn every_2020_question_is_in_the_hand_made_crosswalk_and_its_2022_provisions_exist() {
        let reg = Registry::embedded();
        let csv = include_str!("../data/crosswalk_2020_2022.csv");
        let listed: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).skip(1).filter_map(|l| l.split(',').next()).collect();
        for q in reg.of_version(CodeVersion::V2020) {
            assert!(listed.contains(&q.number.as_str()), "2020 {} missing from the crosswalk", q.number);
            if let Some((p, kind)) = counterpart_2022_of_2020(&q.number) {
                assert!(reg.get(CodeVersion::V2022, p).is_some(), "2020 {} points at 2022 {p}, which the registry lacks", q.number);
                assert!(["same", "related"].contains(&kind));
            }
        }
        assert_eq!(counterpart_2022_of_2020("1.1"), Some(("1.2", "same")));
        assert_eq!(counterpart_2022_of_2020("4.5"), None, "a statistic has no provision");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_checked_pairs_are_reproduced() {
        let links = embedded();
        let pairs = checked_pairs();
        assert!(pairs.len() >= 15, "the checked list is the test's substance");
        for (old, new) in pairs {
            let found = if new.is_empty() {
                links.iter().any(|l| l.provision_2022.as_deref() == Some(old.as_str()) && l.kind == LinkKind::Removed)
            } else {
                counterpart_2024(&old).and_then(|l| l.provision_2024.as_deref()) == Some(new.as_str())
            };
            assert!(found, "2022 {old} should map to 2024 {new:?}; got {:?}", counterpart_2024(&old));
        }
    }

    #[test]
    fn committed_csv_is_what_the_registry_builds() {
        let committed = include_str!("../data/crosswalk_2022_2024.csv");
        assert_eq!(committed, to_csv(embedded()), "run `chc registry crosswalk --out crates/chc-code/data/crosswalk_2022_2024.csv`");
    }

    #[test]
    fn every_provision_of_both_versions_appears() {
        let links = embedded();
        let reg = Registry::embedded();
        for p in reg.of_version(CodeVersion::V2022) {
            assert!(links.iter().any(|l| l.provision_2022.as_deref() == Some(p.number.as_str())), "2022 {}", p.number);
        }
        for p in reg.of_version(CodeVersion::V2024) {
            assert!(links.iter().any(|l| l.provision_2024.as_deref() == Some(p.number.as_str())), "2024 {}", p.number);
        }
    }
}
