"""The essay seed, installed as the package `helpers.seeds` so every install can read it."""
