"""Family documents over HTTP: uploads, their checks, downloads and staff review."""
