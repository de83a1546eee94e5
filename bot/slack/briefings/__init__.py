"""Morning briefings in Slack: the scheduling commands, the post (built and sent exactly once),
the APScheduler jobs and their timing."""
