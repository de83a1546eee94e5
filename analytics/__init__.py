"""The middle layer, pure: DataFrames and keyword parameters in, frozen dataclasses out; no store,
no Slack, no environment; randomness only through a ``seed``."""
