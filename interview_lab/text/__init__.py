"""What the person reads: explanations of verdicts, reply drafts and advice (above core)."""

from .advice import advice, advice_text, advice_title, preparation
from .replies import decline_reason, draft_reply, follow_up_checklist, greeting, verdict_of

__all__ = [
    "advice",
    "advice_text",
    "advice_title",
    "decline_reason",
    "draft_reply",
    "follow_up_checklist",
    "greeting",
    "preparation",
    "verdict_of",
]
