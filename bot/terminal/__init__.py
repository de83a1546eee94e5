"""The terminal: the chat, replies as text (files saved to a folder), ingest reports, progress."""
