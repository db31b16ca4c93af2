//! `actions.csv`: for every row answered no/partial, the stated action and target date (issue 6).

use chc_model::Document;

#[derive(Default)]
pub struct Actions {}

impl Actions {
    pub fn new() -> Self {
        Actions::default()
    }

    pub fn add(&mut self, _doc: &Document) {}

    pub fn to_csv(&self) -> Vec<u8> {
        b"source,landlord,provision,comply,action,target_date\n".to_vec()
    }
}
