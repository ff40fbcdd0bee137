"""What the person reads: explanations of verdicts and reply drafts (above core)."""
