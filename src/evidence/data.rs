//! The published data files, embedded in the program (copies of the project's data folder in
//! `assets/data/`, 1.2 MB of CSV) and parsed once, on first use: the DfE workforce census
//! 2017–2025, children in need and children looked after 2013–2025, MHCLG's RO3 2023-24 outturn by
//! line, and the councils with their delivery vehicles. Nothing is downloaded; a data folder
//! given to `care-options calibrate --data` is read instead by `crate::io::data_folder`.
//!
//! Contains public sector information licensed under the Open Government Licence v3.0.

use std::sync::LazyLock;

use super::published::{DataError, Published, Sources};

/// `csww_2017_2025.csv`: the workforce census, 30 September 2017 to 2025.
pub const WORKFORCE: &str = include_str!("../../assets/data/csww_2017_2025.csv");
/// `cin_2013_2025.csv`: children in need at 31 March.
pub const CHILDREN_IN_NEED: &str = include_str!("../../assets/data/cin_2013_2025.csv");
/// `cla_2013_2025.csv`: children looked after at 31 March.
pub const LOOKED_AFTER: &str = include_str!("../../assets/data/cla_2013_2025.csv");
/// `la_lookup.csv`: councils, their codes, type, region and delivery vehicle.
pub const COUNCILS: &str = include_str!("../../assets/data/la_lookup.csv");
/// `la_delivery_vehicles.csv`: children's trusts and council-owned companies.
pub const VEHICLES: &str = include_str!("../../assets/data/la_delivery_vehicles.csv");
/// `ro3_2023_24.csv`: the 2023-24 revenue outturn for children's social care, by line, in £.
pub const OUTTURN_2023_24: &str = include_str!("../../assets/data/ro3_2023_24.csv");

/// The financial year of the embedded outturn.
pub const OUTTURN_YEAR: &str = "2023-24";

/// Every embedded file, parsed once. An error here is a broken build (the tests parse the same
/// text); the window and the command line report it rather than stopping.
pub fn published() -> Result<&'static Published, &'static DataError> {
    static PUBLISHED: LazyLock<Result<Published, DataError>> = LazyLock::new(|| {
        Published::parse(&Sources {
            councils: COUNCILS,
            vehicles: VEHICLES,
            workforce: WORKFORCE,
            children_in_need: CHILDREN_IN_NEED,
            looked_after: LOOKED_AFTER,
            outturn: vec![(OUTTURN_YEAR.to_string(), OUTTURN_2023_24)],
        })
    });
    PUBLISHED.as_ref()
}
