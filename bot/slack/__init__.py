"""The Slack app: the listeners' routing table, the handlers, Block Kit and delivery, uploads, and
the morning briefings (:mod:`.briefings`) that post through them."""
