"""The bottom layer: export files in, rows stored. Imports nothing of the analytics or the bot."""
