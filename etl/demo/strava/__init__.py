"""Generated Strava exports: the honest person's `activities.csv` (:mod:`.history`) and a bulk
export ZIP with each activity's own GPX, TCX or FIT file (:mod:`.bulk_export`)."""
