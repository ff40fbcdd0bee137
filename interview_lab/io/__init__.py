"""Files: offers tables, presets and case files in and out (above core)."""
