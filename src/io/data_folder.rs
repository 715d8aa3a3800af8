//! Reading the published figures from a data folder: the files named in
//! [`crate::evidence::published`], as the project's `data/` folder holds them.

use std::path::{Path, PathBuf};

use crate::evidence::published::{
    CHILDREN_IN_NEED_FILE, COUNCILS_FILE, DataError, LOOKED_AFTER_FILE, Published, Sources,
    VEHICLES_FILE, WORKFORCE_FILE, outturn_year,
};

/// Why a data folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DataFolderError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{folder} holds no revenue outturn file (named like ro3_2023_24.csv)")]
    NoOutturn { folder: PathBuf },
    #[error(transparent)]
    Data(#[from] DataError),
}

/// Reads and parses every published file in `folder`.
pub fn read_published(folder: &Path) -> Result<Published, DataFolderError> {
    let read = |name: &str| {
        let path = folder.join(name);
        std::fs::read_to_string(&path).map_err(|source| DataFolderError::Read { path, source })
    };
    let entries = std::fs::read_dir(folder).map_err(|source| DataFolderError::Read {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut outturn_files: Vec<(String, String)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            outturn_year(&name).map(|year| (year, name))
        })
        .collect();
    outturn_files.sort();
    if outturn_files.is_empty() {
        return Err(DataFolderError::NoOutturn {
            folder: folder.to_path_buf(),
        });
    }
    let mut outturn_texts = Vec::new();
    for (year, name) in &outturn_files {
        outturn_texts.push((year.clone(), read(name)?));
    }
    let councils = read(COUNCILS_FILE)?;
    let vehicles = read(VEHICLES_FILE)?;
    let workforce = read(WORKFORCE_FILE)?;
    let children_in_need = read(CHILDREN_IN_NEED_FILE)?;
    let looked_after = read(LOOKED_AFTER_FILE)?;
    Ok(Published::parse(&Sources {
        councils: &councils,
        vehicles: &vehicles,
        workforce: &workforce,
        children_in_need: &children_in_need,
        looked_after: &looked_after,
        outturn: outturn_texts
            .iter()
            .map(|(y, t)| (y.clone(), t.as_str()))
            .collect(),
    })?)
}
