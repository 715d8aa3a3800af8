//! Build script. For Windows targets only: embeds the icon, the version information (what
//! Explorer's Properties › Details and the MSI's file table show) and the application manifest in
//! `care-options.exe`, through winresource and the resource compiler of the Windows toolchain
//! (MinGW's `x86_64-w64-mingw32-windres` when cross-compiling from Linux). Every other target
//! builds nothing here.

use std::io;
use std::path::Path;

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/windows/care-options.ico");
    println!("cargo:rerun-if-changed=packaging/windows/care-options.exe.manifest");
    // The target's OS, not the host's: `cfg!(windows)` in a build script describes the machine
    // that builds.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?;
    let windows = Path::new(&manifest_dir).join("packaging").join("windows");
    let icon = windows.join("care-options.ico");
    let manifest = windows.join("care-options.exe.manifest");
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon(&icon.to_string_lossy())
        .set_manifest_file(&manifest.to_string_lossy())
        // Windows shows FileDescription as the program's name (Task Manager, "Open with").
        .set("FileDescription", "Care Options")
        .set("ProductName", "Care Options")
        .set("InternalName", "care-options")
        .set("OriginalFilename", "care-options.exe")
        .set("LegalCopyright", "Licensed under MIT OR Apache-2.0")
        .set("Comments", env!("CARGO_PKG_DESCRIPTION"));
    // The window's binary only: test and bench executables need no icon.
    resource.compile_for("care-options")
}
