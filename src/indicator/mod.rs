//! Indicators: the domain knowledge of a 绩效指标 row, shared by every part
//! of the program that needs to know what a row means rather than only
//! what it says.
//!
//! [`value`] reads a 指标值 into comparator, exact number and unit, folding
//! full-width forms and OCR slips; [`framework`] holds the Ministry of
//! Finance indicator frameworks (2015 and 2021) and the category of a row;
//! [`Readings`] is both, worked out once for one project. The checker's
//! rules are built on these; pages, charts, downloads and imports that need
//! parsed values are to use them too, rather than reach into `check`. This
//! module depends only on the model, the configuration and
//! `suggest`, never on checking, rendering or loading.

pub mod framework;
pub mod results;
pub mod value;

use crate::model::Project;

/// Per-row readings of one project: each value is parsed and each row
/// categorised once, not once per consumer (the checker shares one between
/// all its rules).
pub struct Readings {
    values: Vec<Option<value::Value>>,
    categories: Vec<Option<framework::Category>>,
}

impl Readings {
    /// Reads every row of `project` once.
    pub fn of(project: &Project) -> Readings {
        Readings {
            values: project
                .indicators
                .iter()
                .map(|row| row.value.as_deref().map(value::parse))
                .collect(),
            categories: project.indicators.iter().map(framework::category).collect(),
        }
    }

    /// Row `i`'s value, read; `None` when the row has no value.
    pub fn value(&self, i: usize) -> Option<&value::Value> {
        self.values.get(i).and_then(Option::as_ref)
    }

    /// What row `i` measures, when its levels are recognised.
    pub fn category(&self, i: usize) -> Option<framework::Category> {
        self.categories.get(i).copied().flatten()
    }
}
