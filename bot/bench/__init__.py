"""`workouts bench`: one module per benchmark; the figures go in the README's performance table."""
