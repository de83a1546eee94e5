"""Archives: what a ZIP holds and in what order its files are read (:mod:`.layout`), reading
them into one transaction (:mod:`.reader`), and small track files loaded in groups
(:mod:`.groups`)."""
