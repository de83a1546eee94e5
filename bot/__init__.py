"""The top layer: people in (a terminal, Slack, the CLI), replies out."""
