"""Telling real runs from dog walks: :mod:`.training` fits a per-owner model and classifies with
it, :mod:`.model` is that model as plain data, :mod:`.rules` applies it, :mod:`.features` is what
it sees of a workout, :mod:`.explain` says why a workout got its label."""
